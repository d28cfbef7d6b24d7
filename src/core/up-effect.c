/* up-effect.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "up-document-private.h"

G_DEFINE_FINAL_TYPE (UpEffect, up_effect, UP_TYPE_ITEM)

enum { PROP_0, PROP_FROM, PROP_TO, PROP_VALUE, PROP_KIND, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
up_effect_finalize (GObject *object)
{
  UpEffect *self = UP_EFFECT (object);

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->value, up_schedule_unref);
  G_OBJECT_CLASS (up_effect_parent_class)->finalize (object);
}

static void
up_effect_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UpEffect *self = UP_EFFECT (object);

  switch (prop_id)
    {
    case PROP_FROM: g_value_set_string (value, self->from); break;
    case PROP_TO: g_value_set_string (value, self->to); break;
    case PROP_VALUE: g_value_set_boxed (value, self->value); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_effect_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  UpEffect *self = UP_EFFECT (object);

  switch (prop_id)
    {
    case PROP_FROM: up_effect_set_from (self, g_value_get_string (value)); break;
    case PROP_TO: up_effect_set_to (self, g_value_get_string (value)); break;
    case PROP_VALUE: up_effect_set_value (self, g_value_get_boxed (value)); break;
    case PROP_KIND: up_effect_set_kind (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_effect_class_init (UpEffectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = up_effect_finalize;
  object_class->get_property = up_effect_get_property;
  object_class->set_property = up_effect_set_property;
  UP_ITEM_CLASS (klass)->tag = "effect";

  props[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_TO] =
    g_param_spec_string ("to", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_VALUE] =
    g_param_spec_boxed ("value", NULL, NULL, UP_TYPE_SCHEDULE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, UP_EFFECT_RELATIVE_RISK, UP_EFFECT_REPLACE,
                      UP_EFFECT_RELATIVE_RISK,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
up_effect_init (UpEffect *self)
{
  self->value = up_schedule_new_constant (1.0);
}

UpEffect *
up_effect_new (const char   *from,
               const char   *to,
               UpEffectKind  kind,
               UpSchedule   *value)
{
  return g_object_new (UP_TYPE_EFFECT,
                       "from", from, "to", to, "kind", kind, "value", value,
                       NULL);
}

UpEffectKind
up_effect_get_kind (UpEffect *self)
{
  g_return_val_if_fail (UP_IS_EFFECT (self), UP_EFFECT_RELATIVE_RISK);
  return self->kind;
}

void
up_effect_set_kind (UpEffect     *self,
                    UpEffectKind  kind)
{
  g_return_if_fail (UP_IS_EFFECT (self));
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_KIND]);
}

const char *
up_effect_get_from (UpEffect *self)
{
  g_return_val_if_fail (UP_IS_EFFECT (self), NULL);
  return self->from;
}

void
up_effect_set_from (UpEffect   *self,
                    const char *from)
{
  g_return_if_fail (UP_IS_EFFECT (self));
  if (_up_set_string (&self->from, from))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FROM]);
}

const char *
up_effect_get_to (UpEffect *self)
{
  g_return_val_if_fail (UP_IS_EFFECT (self), NULL);
  return self->to;
}

void
up_effect_set_to (UpEffect   *self,
                  const char *to)
{
  g_return_if_fail (UP_IS_EFFECT (self));
  if (_up_set_string (&self->to, to))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_TO]);
}

UpSchedule *
up_effect_get_value (UpEffect *self)
{
  g_return_val_if_fail (UP_IS_EFFECT (self), NULL);
  return self->value;
}

void
up_effect_set_value (UpEffect   *self,
                     UpSchedule *value)
{
  g_return_if_fail (UP_IS_EFFECT (self));
  if (value == NULL || up_schedule_equal (self->value, value))
    return;
  g_clear_pointer (&self->value, up_schedule_unref);
  self->value = up_schedule_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_VALUE]);
}
