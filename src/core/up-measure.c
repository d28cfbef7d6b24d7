/* up-measure.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "up-document-private.h"

G_DEFINE_FINAL_TYPE (UpMeasure, up_measure, UP_TYPE_ITEM)

enum { PROP_0, PROP_UNIT, PROP_COUNTING, N_PROPS };
static GParamSpec *props[N_PROPS];

static const UpNumberSpec numbers[] = {
  { "value", N_("Value per unit"), N_("Money value of one unit of this outcome"),
    UP_UNIT_MONEY, 0, 1e9, 0, FALSE, G_STRUCT_OFFSET (UpMeasure, value) },
};

static void
up_measure_finalize (GObject *object)
{
  UpMeasure *self = UP_MEASURE (object);

  g_clear_pointer (&self->unit, g_free);
  G_OBJECT_CLASS (up_measure_parent_class)->finalize (object);
}

static void
up_measure_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UpMeasure *self = UP_MEASURE (object);

  if (up_item_get_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_COUNTING: g_value_set_int (value, self->counting); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_measure_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  UpMeasure *self = UP_MEASURE (object);

  if (up_item_set_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_UNIT: up_measure_set_unit (self, g_value_get_string (value)); break;
    case PROP_COUNTING: up_measure_set_counting (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_measure_class_init (UpMeasureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = up_measure_finalize;
  object_class->get_property = up_measure_get_property;
  object_class->set_property = up_measure_set_property;
  UP_ITEM_CLASS (klass)->tag = "measure";

  props[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_COUNTING] =
    g_param_spec_int ("counting", NULL, NULL,
                      UP_COUNTING_INHERIT, UP_COUNTING_LIFE_TABLE, UP_COUNTING_INHERIT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  up_item_class_install_numbers (UP_ITEM_CLASS (klass), numbers, G_N_ELEMENTS (numbers));
}

static void
up_measure_init (UpMeasure *self)
{
  self->counting = UP_COUNTING_INHERIT;
}

UpMeasure *
up_measure_new (const char *id,
                const char *name)
{
  return g_object_new (UP_TYPE_MEASURE, "id", id, "name", name, NULL);
}

const char *
up_measure_get_unit (UpMeasure *self)
{
  g_return_val_if_fail (UP_IS_MEASURE (self), NULL);
  return self->unit;
}

void
up_measure_set_unit (UpMeasure  *self,
                     const char *unit)
{
  g_return_if_fail (UP_IS_MEASURE (self));
  if (_up_set_string (&self->unit, unit))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_UNIT]);
}

UpCounting
up_measure_get_counting (UpMeasure *self)
{
  g_return_val_if_fail (UP_IS_MEASURE (self), UP_COUNTING_INHERIT);
  return self->counting;
}

void
up_measure_set_counting (UpMeasure  *self,
                         UpCounting  counting)
{
  g_return_if_fail (UP_IS_MEASURE (self));
  if (self->counting == counting)
    return;
  self->counting = counting;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_COUNTING]);
}
