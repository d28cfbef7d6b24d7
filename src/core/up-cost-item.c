/* up-cost-item.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "up-document-private.h"

G_DEFINE_FINAL_TYPE (UpCostItem, up_cost_item, UP_TYPE_ITEM)

enum { PROP_0, PROP_UNIT, PROP_HOLDER, PROP_CATEGORY, PROP_SOURCE, N_PROPS };
static GParamSpec *props[N_PROPS];

static const UpNumberSpec numbers[] = {
  { "cost", N_("Unit cost"), N_("Cost of one unit at its price year"),
    UP_UNIT_MONEY, 0, 1e12, 0, FALSE, G_STRUCT_OFFSET (UpCostItem, cost) },
  { "price-year", N_("Price year"), N_("The year whose prices the unit cost is in"),
    UP_UNIT_YEAR, 1900, 2200, 2024, TRUE, G_STRUCT_OFFSET (UpCostItem, price_year) },
  { "cashable", N_("Cashable share"), N_("Share of a saving that can be released as cash"),
    UP_UNIT_FRACTION, 0, 1, 1, FALSE, G_STRUCT_OFFSET (UpCostItem, cashable) },
};

static void
up_cost_item_finalize (GObject *object)
{
  UpCostItem *self = UP_COST_ITEM (object);

  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->holder, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->source, g_free);
  G_OBJECT_CLASS (up_cost_item_parent_class)->finalize (object);
}

static void
up_cost_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  UpCostItem *self = UP_COST_ITEM (object);

  if (up_item_get_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_HOLDER: g_value_set_string (value, self->holder); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_cost_item_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  UpCostItem *self = UP_COST_ITEM (object);

  if (up_item_set_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_UNIT: up_cost_item_set_unit (self, g_value_get_string (value)); break;
    case PROP_HOLDER: up_cost_item_set_holder (self, g_value_get_string (value)); break;
    case PROP_CATEGORY: up_cost_item_set_category (self, g_value_get_string (value)); break;
    case PROP_SOURCE: up_cost_item_set_source (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_cost_item_class_init (UpCostItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = up_cost_item_finalize;
  object_class->get_property = up_cost_item_get_property;
  object_class->set_property = up_cost_item_set_property;
  UP_ITEM_CLASS (klass)->tag = "cost item";

  props[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_HOLDER] =
    g_param_spec_string ("holder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  up_item_class_install_numbers (UP_ITEM_CLASS (klass), numbers, G_N_ELEMENTS (numbers));
}

static void
up_cost_item_init (UpCostItem *self)
{
  self->price_year = 2024;
  self->cashable = 1.0;
}

UpCostItem *
up_cost_item_new (const char *id,
                  const char *name)
{
  return g_object_new (UP_TYPE_COST_ITEM, "id", id, "name", name, NULL);
}

#define STRING_ACCESSORS(field, PROP)                                          \
const char *                                                                   \
up_cost_item_get_##field (UpCostItem *self)                                    \
{                                                                              \
  g_return_val_if_fail (UP_IS_COST_ITEM (self), NULL);                         \
  return self->field;                                                          \
}                                                                              \
                                                                               \
void                                                                           \
up_cost_item_set_##field (UpCostItem *self,                                    \
                          const char *value)                                   \
{                                                                              \
  g_return_if_fail (UP_IS_COST_ITEM (self));                                   \
  if (_up_set_string (&self->field, value))                                    \
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP]);                   \
}

STRING_ACCESSORS (unit, PROP_UNIT)
STRING_ACCESSORS (holder, PROP_HOLDER)
STRING_ACCESSORS (category, PROP_CATEGORY)
STRING_ACCESSORS (source, PROP_SOURCE)
