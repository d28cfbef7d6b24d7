/* up-budget-holder.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "up-document-private.h"

G_DEFINE_FINAL_TYPE (UpBudgetHolder, up_budget_holder, UP_TYPE_ITEM)

enum { PROP_0, PROP_COLOUR, PROP_PUBLIC, PROP_POOLED, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
up_budget_holder_finalize (GObject *object)
{
  UpBudgetHolder *self = UP_BUDGET_HOLDER (object);

  g_clear_pointer (&self->colour, g_free);
  G_OBJECT_CLASS (up_budget_holder_parent_class)->finalize (object);
}

static void
up_budget_holder_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UpBudgetHolder *self = UP_BUDGET_HOLDER (object);

  switch (prop_id)
    {
    case PROP_COLOUR: g_value_set_string (value, self->colour); break;
    case PROP_PUBLIC: g_value_set_boolean (value, self->is_public); break;
    case PROP_POOLED: g_value_set_boolean (value, self->pooled); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_budget_holder_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  UpBudgetHolder *self = UP_BUDGET_HOLDER (object);

  switch (prop_id)
    {
    case PROP_COLOUR: up_budget_holder_set_colour (self, g_value_get_string (value)); break;
    case PROP_PUBLIC: up_budget_holder_set_public (self, g_value_get_boolean (value)); break;
    case PROP_POOLED: up_budget_holder_set_pooled (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_budget_holder_class_init (UpBudgetHolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = up_budget_holder_finalize;
  object_class->get_property = up_budget_holder_get_property;
  object_class->set_property = up_budget_holder_set_property;
  UP_ITEM_CLASS (klass)->tag = "budget holder";

  props[PROP_COLOUR] =
    g_param_spec_string ("colour", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_PUBLIC] =
    g_param_spec_boolean ("public", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_POOLED] =
    g_param_spec_boolean ("pooled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
up_budget_holder_init (UpBudgetHolder *self)
{
  self->is_public = TRUE;
}

UpBudgetHolder *
up_budget_holder_new (const char *id,
                      const char *name)
{
  return g_object_new (UP_TYPE_BUDGET_HOLDER, "id", id, "name", name, NULL);
}

const char *
up_budget_holder_get_colour (UpBudgetHolder *self)
{
  g_return_val_if_fail (UP_IS_BUDGET_HOLDER (self), NULL);
  return self->colour;
}

void
up_budget_holder_set_colour (UpBudgetHolder *self,
                             const char     *colour)
{
  g_return_if_fail (UP_IS_BUDGET_HOLDER (self));
  if (_up_set_string (&self->colour, colour))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_COLOUR]);
}

gboolean
up_budget_holder_get_public (UpBudgetHolder *self)
{
  g_return_val_if_fail (UP_IS_BUDGET_HOLDER (self), FALSE);
  return self->is_public;
}

void
up_budget_holder_set_public (UpBudgetHolder *self,
                             gboolean        is_public)
{
  g_return_if_fail (UP_IS_BUDGET_HOLDER (self));
  is_public = !!is_public;
  if (self->is_public == is_public)
    return;
  self->is_public = is_public;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PUBLIC]);
}

gboolean
up_budget_holder_get_pooled (UpBudgetHolder *self)
{
  g_return_val_if_fail (UP_IS_BUDGET_HOLDER (self), FALSE);
  return self->pooled;
}

void
up_budget_holder_set_pooled (UpBudgetHolder *self,
                             gboolean        pooled)
{
  g_return_if_fail (UP_IS_BUDGET_HOLDER (self));
  pooled = !!pooled;
  if (self->pooled == pooled)
    return;
  self->pooled = pooled;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_POOLED]);
}
