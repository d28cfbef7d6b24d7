/* up-transition.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "up-document-private.h"

G_DEFINE_FINAL_TYPE (UpTransition, up_transition, UP_TYPE_ITEM)

enum { PROP_0, PROP_FROM, PROP_TO, PROP_VALUE, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
up_transition_finalize (GObject *object)
{
  UpTransition *self = UP_TRANSITION (object);

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->value, up_schedule_unref);
  G_OBJECT_CLASS (up_transition_parent_class)->finalize (object);
}

static void
up_transition_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UpTransition *self = UP_TRANSITION (object);

  switch (prop_id)
    {
    case PROP_FROM: g_value_set_string (value, self->from); break;
    case PROP_TO: g_value_set_string (value, self->to); break;
    case PROP_VALUE: g_value_set_boxed (value, self->value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_transition_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  UpTransition *self = UP_TRANSITION (object);

  switch (prop_id)
    {
    case PROP_FROM: up_transition_set_from (self, g_value_get_string (value)); break;
    case PROP_TO: up_transition_set_to (self, g_value_get_string (value)); break;
    case PROP_VALUE: up_transition_set_value (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_transition_class_init (UpTransitionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = up_transition_finalize;
  object_class->get_property = up_transition_get_property;
  object_class->set_property = up_transition_set_property;
  UP_ITEM_CLASS (klass)->tag = "transition";

  props[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_TO] =
    g_param_spec_string ("to", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_VALUE] =
    g_param_spec_boxed ("value", NULL, NULL, UP_TYPE_SCHEDULE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
up_transition_init (UpTransition *self)
{
  self->value = up_schedule_new_constant (0.0);
}

UpTransition *
up_transition_new (const char *from,
                   const char *to,
                   UpSchedule *value)
{
  return g_object_new (UP_TYPE_TRANSITION, "from", from, "to", to, "value", value, NULL);
}

const char *
up_transition_get_from (UpTransition *self)
{
  g_return_val_if_fail (UP_IS_TRANSITION (self), NULL);
  return self->from;
}

void
up_transition_set_from (UpTransition *self,
                        const char   *from)
{
  g_return_if_fail (UP_IS_TRANSITION (self));
  if (_up_set_string (&self->from, from))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FROM]);
}

const char *
up_transition_get_to (UpTransition *self)
{
  g_return_val_if_fail (UP_IS_TRANSITION (self), NULL);
  return self->to;
}

void
up_transition_set_to (UpTransition *self,
                      const char   *to)
{
  g_return_if_fail (UP_IS_TRANSITION (self));
  if (_up_set_string (&self->to, to))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TO]);
}

UpSchedule *
up_transition_get_value (UpTransition *self)
{
  g_return_val_if_fail (UP_IS_TRANSITION (self), NULL);
  return self->value;
}

void
up_transition_set_value (UpTransition *self,
                         UpSchedule   *value)
{
  g_return_if_fail (UP_IS_TRANSITION (self));
  if (value == NULL || up_schedule_equal (self->value, value))
    return;
  g_clear_pointer (&self->value, up_schedule_unref);
  self->value = up_schedule_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_VALUE]);
}
