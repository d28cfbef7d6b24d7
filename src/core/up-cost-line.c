/* up-cost-line.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "up-document-private.h"

G_DEFINE_FINAL_TYPE (UpCostLine, up_cost_line, UP_TYPE_ITEM)

enum { PROP_0, PROP_ITEM, PROP_HOLDER, N_PROPS };
static GParamSpec *props[N_PROPS];

static const UpNumberSpec numbers[] = {
  { "quantity", N_("Quantity"), N_("Units per person-year, or per person entering"),
    UP_UNIT_NUMBER, 0, 1e9, 0, FALSE, G_STRUCT_OFFSET (UpCostLine, quantity) },
};

static void
up_cost_line_finalize (GObject *object)
{
  UpCostLine *self = UP_COST_LINE (object);

  g_clear_pointer (&self->item, g_free);
  g_clear_pointer (&self->holder, g_free);
  G_OBJECT_CLASS (up_cost_line_parent_class)->finalize (object);
}

static void
up_cost_line_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  UpCostLine *self = UP_COST_LINE (object);

  if (up_item_get_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_ITEM: g_value_set_string (value, self->item); break;
    case PROP_HOLDER: g_value_set_string (value, self->holder); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_cost_line_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  UpCostLine *self = UP_COST_LINE (object);

  if (up_item_set_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_ITEM: up_cost_line_set_item (self, g_value_get_string (value)); break;
    case PROP_HOLDER: up_cost_line_set_holder (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_cost_line_class_init (UpCostLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = up_cost_line_finalize;
  object_class->get_property = up_cost_line_get_property;
  object_class->set_property = up_cost_line_set_property;
  UP_ITEM_CLASS (klass)->tag = "cost line";

  props[PROP_ITEM] =
    g_param_spec_string ("item", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_HOLDER] =
    g_param_spec_string ("holder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  up_item_class_install_numbers (UP_ITEM_CLASS (klass), numbers, G_N_ELEMENTS (numbers));
}

static void
up_cost_line_init (UpCostLine *self)
{
}

UpCostLine *
up_cost_line_new (const char *item_id,
                  double      quantity,
                  const char *holder_id)
{
  return g_object_new (UP_TYPE_COST_LINE,
                       "item", item_id, "quantity", quantity, "holder", holder_id,
                       NULL);
}

const char *
up_cost_line_get_item (UpCostLine *self)
{
  g_return_val_if_fail (UP_IS_COST_LINE (self), NULL);
  return self->item;
}

void
up_cost_line_set_item (UpCostLine *self,
                       const char *item_id)
{
  g_return_if_fail (UP_IS_COST_LINE (self));
  if (_up_set_string (&self->item, item_id))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ITEM]);
}

const char *
up_cost_line_get_holder (UpCostLine *self)
{
  g_return_val_if_fail (UP_IS_COST_LINE (self), NULL);
  return self->holder;
}

void
up_cost_line_set_holder (UpCostLine *self,
                         const char *holder_id)
{
  g_return_if_fail (UP_IS_COST_LINE (self));
  if (holder_id != NULL && holder_id[0] == '\0')
    holder_id = NULL;
  if (_up_set_string (&self->holder, holder_id))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HOLDER]);
}
