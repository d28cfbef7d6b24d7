/* up-state.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "up-document-private.h"

G_DEFINE_FINAL_TYPE (UpState, up_state, UP_TYPE_ITEM)

enum { PROP_0, PROP_COLOUR, PROP_CRISIS, N_PROPS };
static GParamSpec *props[N_PROPS];

static const UpNumberSpec numbers[] = {
  { "initial", N_("Initial share"), N_("Share of the starting cohort in this state"),
    UP_UNIT_FRACTION, 0, 1, 0, FALSE, G_STRUCT_OFFSET (UpState, initial) },
  { "inflow-share", N_("Inflow share"), N_("Share of new people who arrive in this state"),
    UP_UNIT_FRACTION, 0, 1, 0, FALSE, G_STRUCT_OFFSET (UpState, inflow_share) },
};

static void
up_state_finalize (GObject *object)
{
  UpState *self = UP_STATE (object);

  g_clear_pointer (&self->colour, g_free);
  g_clear_object (&self->use);
  g_clear_object (&self->entry);
  g_clear_pointer (&self->weights, g_hash_table_unref);
  G_OBJECT_CLASS (up_state_parent_class)->finalize (object);
}

static void
up_state_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  UpState *self = UP_STATE (object);

  if (up_item_get_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_COLOUR: g_value_set_string (value, self->colour); break;
    case PROP_CRISIS: g_value_set_boolean (value, self->crisis); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_state_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  UpState *self = UP_STATE (object);

  if (up_item_set_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_COLOUR: up_state_set_colour (self, g_value_get_string (value)); break;
    case PROP_CRISIS: up_state_set_crisis (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_state_class_init (UpStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = up_state_finalize;
  object_class->get_property = up_state_get_property;
  object_class->set_property = up_state_set_property;
  UP_ITEM_CLASS (klass)->tag = "state";

  props[PROP_COLOUR] =
    g_param_spec_string ("colour", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_CRISIS] =
    g_param_spec_boolean ("crisis", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  up_item_class_install_numbers (UP_ITEM_CLASS (klass), numbers, G_N_ELEMENTS (numbers));
}

static void
up_state_init (UpState *self)
{
  self->use = g_list_store_new (UP_TYPE_COST_LINE);
  self->entry = g_list_store_new (UP_TYPE_COST_LINE);
  self->weights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) up_schedule_unref);
  up_item_watch_store (UP_ITEM (self), self->use);
  up_item_watch_store (UP_ITEM (self), self->entry);
}

UpState *
up_state_new (const char *id,
              const char *name)
{
  return g_object_new (UP_TYPE_STATE, "id", id, "name", name, NULL);
}

const char *
up_state_get_colour (UpState *self)
{
  g_return_val_if_fail (UP_IS_STATE (self), NULL);
  return self->colour;
}

void
up_state_set_colour (UpState    *self,
                     const char *colour)
{
  g_return_if_fail (UP_IS_STATE (self));
  if (_up_set_string (&self->colour, colour))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_COLOUR]);
}

gboolean
up_state_get_crisis (UpState *self)
{
  g_return_val_if_fail (UP_IS_STATE (self), FALSE);
  return self->crisis;
}

void
up_state_set_crisis (UpState  *self,
                     gboolean  crisis)
{
  g_return_if_fail (UP_IS_STATE (self));
  crisis = !!crisis;
  if (self->crisis == crisis)
    return;
  self->crisis = crisis;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CRISIS]);
}

GListStore *
up_state_get_use (UpState *self)
{
  g_return_val_if_fail (UP_IS_STATE (self), NULL);
  return self->use;
}

GListStore *
up_state_get_entry (UpState *self)
{
  g_return_val_if_fail (UP_IS_STATE (self), NULL);
  return self->entry;
}

UpSchedule *
up_state_get_weight (UpState    *self,
                     const char *measure_id)
{
  g_return_val_if_fail (UP_IS_STATE (self), NULL);
  return g_hash_table_lookup (self->weights, measure_id);
}

void
up_state_set_weight (UpState    *self,
                     const char *measure_id,
                     UpSchedule *weight)
{
  g_return_if_fail (UP_IS_STATE (self));
  g_return_if_fail (measure_id != NULL);

  if (weight == NULL)
    {
      if (g_hash_table_remove (self->weights, measure_id))
        up_item_emit_changed (UP_ITEM (self));
      return;
    }
  if (up_schedule_equal (g_hash_table_lookup (self->weights, measure_id), weight))
    return;
  g_hash_table_insert (self->weights, g_strdup (measure_id), up_schedule_ref (weight));
  up_item_emit_changed (UP_ITEM (self));
}

char **
up_state_list_weights (UpState *self)
{
  g_return_val_if_fail (UP_IS_STATE (self), NULL);
  return _up_sorted_keys (self->weights);
}
