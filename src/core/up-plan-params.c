/* up-plan-params.c: parameter paths
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A parameter path names one number in a plan, so that scenarios, uncertainty,
 * workshop levers and plan comparisons all refer to numbers the same way.
 */

#define G_LOG_DOMAIN "up-plan"

#include "config.h"

#include <string.h>

#include "up-document-private.h"
#include "up-error.h"
#include "up-util.h"

typedef enum
{
  SLOT_NUMBER,      /* item + spec */
  SLOT_SCHEDULE,    /* a constant schedule: transition, effect, weight, inflow */
  SLOT_FUNDING,
  SLOT_ONE_OFF,
} SlotKind;

typedef struct
{
  SlotKind            kind;
  UpItem             *item;       /* borrowed */
  const UpNumberSpec *spec;
  UpSchedule         *schedule;   /* borrowed */
  const char         *key;        /* funding holder, weight measure */
  int                 cycle;
  UpUnit              unit;
} Slot;

static gboolean
fail (GError    **error,
      const char *path,
      const char *why)
{
  g_set_error (error, UP_ERROR, UP_ERROR_NOT_FOUND, "parameter “%s”: %s", path, why);
  return FALSE;
}

static gboolean
number_slot (UpItem     *item,
             const char *key,
             const char *path,
             Slot       *slot,
             GError    **error)
{
  if (item == NULL)
    return fail (error, path, "no such object");
  slot->kind = SLOT_NUMBER;
  slot->item = item;
  slot->spec = up_item_find_number (item, key);
  if (slot->spec == NULL)
    return fail (error, path, "no such number");
  slot->unit = slot->spec->unit;
  return TRUE;
}

static UpCostLine *
find_line (GListStore *store,
           const char *item_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpCostLine) line = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (line->item, item_id) == 0)
        return line;
    }
  return NULL;
}

static gboolean
resolve (UpPlan     *self,
         const char *path,
         Slot       *slot,
         GError    **error)
{
  g_auto(GStrv) p = NULL;
  guint n;

  memset (slot, 0, sizeof *slot);
  /* "" splits into no parts at all. */
  if (path == NULL || *path == '\0')
    return fail (error, "", "empty path");
  p = g_strsplit (path, "/", 0);
  n = g_strv_length (p);

  if (n == 2 && strcmp (p[0], "plan") == 0)
    {
      if (strcmp (p[1], "inflow") == 0)
        {
          slot->kind = SLOT_SCHEDULE;
          slot->item = UP_ITEM (self);
          slot->schedule = self->inflow;
          slot->unit = UP_UNIT_PEOPLE;
          return TRUE;
        }
      return number_slot (UP_ITEM (self), p[1], path, slot, error);
    }
  if (n == 3 && strcmp (p[0], "transition") == 0)
    {
      UpTransition *t = up_plan_find_transition (self, p[1], p[2]);

      if (t == NULL)
        return fail (error, path, "no such transition");
      slot->kind = SLOT_SCHEDULE;
      slot->item = UP_ITEM (t);
      slot->schedule = t->value;
      slot->unit = UP_UNIT_FRACTION;
      return TRUE;
    }
  if (n == 3 && strcmp (p[0], "cost-item") == 0)
    return number_slot ((UpItem *) up_plan_find_cost_item (self, p[1]), p[2], path, slot, error);
  if (n == 3 && strcmp (p[0], "measure") == 0)
    return number_slot ((UpItem *) up_plan_find_measure (self, p[1]), p[2], path, slot, error);
  if (strcmp (p[0], "state") == 0 && n >= 3)
    {
      UpState *state = up_plan_find_state (self, p[1]);

      if (state == NULL)
        return fail (error, path, "no such state");
      if (n == 3)
        return number_slot (UP_ITEM (state), p[2], path, slot, error);
      if (n == 4 && (strcmp (p[2], "use") == 0 || strcmp (p[2], "entry") == 0))
        {
          UpCostLine *line = find_line (strcmp (p[2], "use") == 0 ? state->use : state->entry,
                                        p[3]);

          return number_slot ((UpItem *) line, "quantity", path, slot, error);
        }
      if (n == 4 && strcmp (p[2], "weight") == 0)
        {
          slot->kind = SLOT_SCHEDULE;
          slot->item = UP_ITEM (state);
          slot->schedule = g_hash_table_lookup (state->weights, p[3]);
          slot->key = g_hash_table_lookup (state->weights, p[3]) ? p[3] : NULL;
          slot->unit = UP_UNIT_NUMBER;
          if (slot->schedule == NULL)
            return fail (error, path, "no such weight");
          /* keep the key alive: look it up in the table */
          {
            gpointer orig_key;

            g_hash_table_lookup_extended (state->weights, p[3], &orig_key, NULL);
            slot->key = orig_key;
          }
          return TRUE;
        }
      return fail (error, path, "unknown state parameter");
    }
  if (strcmp (p[0], "option") == 0 && n >= 3)
    {
      UpOption *option = up_plan_find_option (self, p[1]);

      if (option == NULL)
        return fail (error, path, "no such option");
      if (n == 3)
        return number_slot (UP_ITEM (option), p[2], path, slot, error);
      if (n == 5 && strcmp (p[2], "effect") == 0)
        {
          UpEffect *effect = up_option_find_effect (option, p[3], p[4]);

          if (effect == NULL)
            return fail (error, path, "no such effect");
          slot->kind = SLOT_SCHEDULE;
          slot->item = UP_ITEM (effect);
          slot->schedule = effect->value;
          slot->unit = effect->kind == UP_EFFECT_RELATIVE_RISK ? UP_UNIT_RATIO : UP_UNIT_FRACTION;
          return TRUE;
        }
      if (n == 4 && strcmp (p[2], "funding") == 0)
        {
          gpointer orig_key;

          if (!g_hash_table_lookup_extended (option->funding, p[3], &orig_key, NULL))
            return fail (error, path, "no such funding share");
          slot->kind = SLOT_FUNDING;
          slot->item = UP_ITEM (option);
          slot->key = orig_key;
          slot->unit = UP_UNIT_FRACTION;
          return TRUE;
        }
      if (n == 4 && strcmp (p[2], "one-off") == 0)
        {
          gint64 cycle;

          if (!up_parse_int (p[3], 1, UP_HORIZON_MAX, &cycle, NULL))
            return fail (error, path, "not a cycle number");
          slot->kind = SLOT_ONE_OFF;
          slot->item = UP_ITEM (option);
          slot->cycle = cycle;
          slot->unit = UP_UNIT_MONEY;
          return TRUE;
        }
      return fail (error, path, "unknown option parameter");
    }
  return fail (error, path, "unknown path");
}

gboolean
up_plan_get_param (UpPlan     *self,
                   const char *path,
                   double     *value,
                   GError    **error)
{
  Slot slot;

  g_return_val_if_fail (UP_IS_PLAN (self), FALSE);
  if (!resolve (self, path, &slot, error))
    return FALSE;
  switch (slot.kind)
    {
    case SLOT_NUMBER:
      *value = up_item_get_number (slot.item, slot.spec);
      return TRUE;
    case SLOT_SCHEDULE:
      if (!up_schedule_is_constant (slot.schedule))
        return fail (error, path, "a per-cycle schedule, not one number");
      *value = up_schedule_get (slot.schedule, 1);
      return TRUE;
    case SLOT_FUNDING:
      *value = up_option_get_funding (UP_OPTION (slot.item), slot.key);
      return TRUE;
    case SLOT_ONE_OFF:
      *value = up_option_get_one_off (UP_OPTION (slot.item), slot.cycle);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

gboolean
up_plan_set_param (UpPlan     *self,
                   const char *path,
                   double      value,
                   GError    **error)
{
  Slot slot;
  g_autoptr(UpSchedule) schedule = NULL;

  g_return_val_if_fail (UP_IS_PLAN (self), FALSE);
  if (!resolve (self, path, &slot, error))
    return FALSE;
  switch (slot.kind)
    {
    case SLOT_NUMBER:
      up_item_set_number (slot.item, slot.spec, value);
      return TRUE;
    case SLOT_SCHEDULE:
      if (!up_schedule_is_constant (slot.schedule))
        return fail (error, path, "a per-cycle schedule, not one number");
      schedule = up_schedule_new_constant (value);
      if (UP_IS_TRANSITION (slot.item))
        up_transition_set_value (UP_TRANSITION (slot.item), schedule);
      else if (UP_IS_EFFECT (slot.item))
        up_effect_set_value (UP_EFFECT (slot.item), schedule);
      else if (UP_IS_STATE (slot.item))
        up_state_set_weight (UP_STATE (slot.item), slot.key, schedule);
      else
        up_plan_set_inflow (self, schedule);
      return TRUE;
    case SLOT_FUNDING:
      up_option_set_funding (UP_OPTION (slot.item), slot.key, value);
      return TRUE;
    case SLOT_ONE_OFF:
      up_option_set_one_off (UP_OPTION (slot.item), slot.cycle, value);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

const UpNumberSpec *
up_plan_describe_param (UpPlan     *self,
                        const char *path,
                        UpUnit     *unit)
{
  Slot slot;

  if (!resolve (self, path, &slot, NULL))
    {
      if (unit)
        *unit = UP_UNIT_NUMBER;
      return NULL;
    }
  if (unit)
    *unit = slot.unit;
  return slot.spec;
}

gboolean
up_plan_apply_scenario (UpPlan     *self,
                        UpScenario *scenario,
                        GError    **error)
{
  g_auto(GStrv) paths = NULL;

  g_return_val_if_fail (UP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (UP_IS_SCENARIO (scenario), FALSE);

  paths = up_scenario_list_overrides (scenario);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      double value = 0;

      up_scenario_get_override (scenario, paths[i], &value);
      if (!up_plan_set_param (self, paths[i], value, error))
        {
          g_prefix_error (error, "scenario “%s”: ", up_item_get_id (UP_ITEM (scenario)));
          return FALSE;
        }
    }
  return TRUE;
}
