/* up-scenario.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "up-document-private.h"

G_DEFINE_FINAL_TYPE (UpScenario, up_scenario, UP_TYPE_ITEM)

static void
up_scenario_finalize (GObject *object)
{
  UpScenario *self = UP_SCENARIO (object);

  g_clear_pointer (&self->overrides, g_hash_table_unref);
  G_OBJECT_CLASS (up_scenario_parent_class)->finalize (object);
}

static void
up_scenario_class_init (UpScenarioClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = up_scenario_finalize;
  UP_ITEM_CLASS (klass)->tag = "scenario";
}

static void
up_scenario_init (UpScenario *self)
{
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

UpScenario *
up_scenario_new (const char *id,
                 const char *name)
{
  return g_object_new (UP_TYPE_SCENARIO, "id", id, "name", name, NULL);
}

void
up_scenario_set_override (UpScenario *self,
                          const char *path,
                          double      value)
{
  double *slot;

  g_return_if_fail (UP_IS_SCENARIO (self));
  g_return_if_fail (path != NULL);

  slot = g_hash_table_lookup (self->overrides, path);
  if (slot != NULL && memcmp (slot, &value, sizeof value) == 0)
    return;
  if (slot == NULL)
    {
      slot = g_new (double, 1);
      g_hash_table_insert (self->overrides, g_strdup (path), slot);
    }
  *slot = value;
  up_item_emit_changed (UP_ITEM (self));
}

gboolean
up_scenario_get_override (UpScenario *self,
                          const char *path,
                          double     *value)
{
  double *slot;

  g_return_val_if_fail (UP_IS_SCENARIO (self), FALSE);
  slot = g_hash_table_lookup (self->overrides, path);
  if (slot && value)
    *value = *slot;
  return slot != NULL;
}

void
up_scenario_remove_override (UpScenario *self,
                             const char *path)
{
  g_return_if_fail (UP_IS_SCENARIO (self));
  if (g_hash_table_remove (self->overrides, path))
    up_item_emit_changed (UP_ITEM (self));
}

char **
up_scenario_list_overrides (UpScenario *self)
{
  g_return_val_if_fail (UP_IS_SCENARIO (self), NULL);
  return _up_sorted_keys (self->overrides);
}
