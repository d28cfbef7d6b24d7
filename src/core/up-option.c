/* up-option.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "up-document-private.h"

G_DEFINE_FINAL_TYPE (UpOption, up_option, UP_TYPE_ITEM)

enum { PROP_0, PROP_KIND, PROP_NOTES, PROP_HAS_CAPACITY, N_PROPS };
static GParamSpec *props[N_PROPS];

#define NUM(key, label, blurb, unit, min, max, def, integer, field) \
  { key, label, blurb, unit, min, max, def, integer, G_STRUCT_OFFSET (UpOption, field) }

/* Order: the groups of the compare view (delivery, reach, effects, timing, community). */
static const UpNumberSpec numbers[] = {
  NUM ("fixed-cost", N_("Fixed cost per year"), N_("Annual fixed delivery cost while active"),
       UP_UNIT_MONEY, 0, 1e12, 0, FALSE, fixed_cost),
  NUM ("participant-cost", N_("Cost per participant-year"),
       N_("Delivery cost for each participant-year"),
       UP_UNIT_MONEY, 0, 1e9, 0, FALSE, participant_cost),
  NUM ("overhead", N_("Overhead"),
       N_("Commissioning, contract management and corporate overhead on delivery cost"),
       UP_UNIT_FRACTION, 0, 10, 0, FALSE, overhead),
  NUM ("optimism-bias-costs", N_("Optimism bias on costs"),
       N_("Uplift on delivery costs for optimism bias"),
       UP_UNIT_FRACTION, 0, 10, 0, FALSE, optimism_bias_costs),
  NUM ("take-up", N_("Take-up"), N_("Share of eligible people who take part"),
       UP_UNIT_FRACTION, 0, 1, 0, FALSE, take_up),
  NUM ("capacity", N_("Capacity"), N_("Most people who can take part in a cycle"),
       UP_UNIT_PEOPLE, 0, 1e12, 0, FALSE, capacity),
  NUM ("deadweight", N_("Deadweight"), N_("Share of the effect that would have happened anyway"),
       UP_UNIT_FRACTION, 0, 1, 0, FALSE, deadweight),
  NUM ("attribution", N_("Attribution"), N_("Share of the effect due to this option"),
       UP_UNIT_FRACTION, 0, 1, 1, FALSE, attribution),
  NUM ("optimism-bias-benefits", N_("Optimism bias on benefits"),
       N_("Reduction of the effect for optimism bias"),
       UP_UNIT_FRACTION, 0, 1, 0, FALSE, optimism_bias_benefits),
  NUM ("first-cycle", N_("First active cycle"), N_("Cycle in which the option starts"),
       UP_UNIT_CYCLE, 1, UP_HORIZON_MAX, 1, TRUE, first_cycle),
  NUM ("active-cycles", N_("Active cycles"),
       N_("How many cycles the option runs; 0 runs it to the horizon"),
       UP_UNIT_CYCLES, 0, UP_HORIZON_MAX, 0, TRUE, active_cycles),
  NUM ("ramp-up", N_("Ramp-up cycles"), N_("Cycles before the effect reaches full strength"),
       UP_UNIT_CYCLES, 0, UP_HORIZON_MAX, 0, TRUE, ramp_up),
  NUM ("drop-off", N_("Drop-off"), N_("Share of the effect lost each cycle after the option ends"),
       UP_UNIT_FRACTION, 0, 1, 1, FALSE, drop_off),
  NUM ("volunteer-hours", N_("Volunteer hours"), N_("Volunteer hours per participant-year"),
       UP_UNIT_HOURS, 0, 1e6, 0, FALSE, volunteer_hours),
  NUM ("volunteer-value", N_("Value per volunteer hour"), N_("Money value of one volunteer hour"),
       UP_UNIT_MONEY, 0, 1e6, 0, FALSE, volunteer_value),
  NUM ("in-kind", N_("In-kind value per year"),
       N_("Buildings, donated space and other in-kind resources per active cycle"),
       UP_UNIT_MONEY, 0, 1e12, 0, FALSE, in_kind),
};

static void
up_option_finalize (GObject *object)
{
  UpOption *self = UP_OPTION (object);

  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->one_offs, g_array_unref);
  g_clear_pointer (&self->funding, g_hash_table_unref);
  g_clear_pointer (&self->eligible, g_ptr_array_unref);
  g_clear_object (&self->effects);
  g_clear_pointer (&self->scores, g_hash_table_unref);
  G_OBJECT_CLASS (up_option_parent_class)->finalize (object);
}

static void
up_option_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  UpOption *self = UP_OPTION (object);

  if (up_item_get_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_HAS_CAPACITY: g_value_set_boolean (value, self->has_capacity); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_option_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  UpOption *self = UP_OPTION (object);

  if (up_item_set_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_KIND: up_option_set_kind (self, g_value_get_int (value)); break;
    case PROP_NOTES: up_option_set_notes (self, g_value_get_string (value)); break;
    case PROP_HAS_CAPACITY: up_option_set_has_capacity (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_option_class_init (UpOptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = up_option_finalize;
  object_class->get_property = up_option_get_property;
  object_class->set_property = up_option_set_property;
  UP_ITEM_CLASS (klass)->tag = "option";

  props[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, UP_OPTION_BAU, UP_OPTION_OTHER, UP_OPTION_OTHER,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_HAS_CAPACITY] =
    g_param_spec_boolean ("has-capacity", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  up_item_class_install_numbers (UP_ITEM_CLASS (klass), numbers, G_N_ELEMENTS (numbers));
}

static void
up_option_init (UpOption *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    G_STRUCT_MEMBER (double, self, numbers[i].offset) = numbers[i].defval;
  self->kind = UP_OPTION_OTHER;
  self->one_offs = g_array_new (FALSE, FALSE, sizeof (UpOneOff));
  self->funding = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->eligible = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->eligible, NULL);
  self->effects = g_list_store_new (UP_TYPE_EFFECT);
  self->scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  up_item_watch_store (UP_ITEM (self), self->effects);
}

UpOption *
up_option_new (const char   *id,
               const char   *name,
               UpOptionKind  kind)
{
  return g_object_new (UP_TYPE_OPTION, "id", id, "name", name, "kind", kind, NULL);
}

UpOptionKind
up_option_get_kind (UpOption *self)
{
  g_return_val_if_fail (UP_IS_OPTION (self), UP_OPTION_OTHER);
  return self->kind;
}

void
up_option_set_kind (UpOption     *self,
                    UpOptionKind  kind)
{
  g_return_if_fail (UP_IS_OPTION (self));
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_KIND]);
}

const char *
up_option_get_notes (UpOption *self)
{
  g_return_val_if_fail (UP_IS_OPTION (self), NULL);
  return self->notes;
}

void
up_option_set_notes (UpOption   *self,
                     const char *notes)
{
  g_return_if_fail (UP_IS_OPTION (self));
  if (_up_set_string (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NOTES]);
}

gboolean
up_option_get_has_capacity (UpOption *self)
{
  g_return_val_if_fail (UP_IS_OPTION (self), FALSE);
  return self->has_capacity;
}

void
up_option_set_has_capacity (UpOption *self,
                            gboolean  has_capacity)
{
  g_return_if_fail (UP_IS_OPTION (self));
  has_capacity = !!has_capacity;
  if (self->has_capacity == has_capacity)
    return;
  self->has_capacity = has_capacity;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HAS_CAPACITY]);
}

static int
find_one_off (UpOption *self,
              int       cycle,
              gboolean *found)
{
  guint i;

  for (i = 0; i < self->one_offs->len; i++)
    {
      UpOneOff *o = &g_array_index (self->one_offs, UpOneOff, i);

      if (o->cycle == cycle)
        {
          *found = TRUE;
          return i;
        }
      if (o->cycle > cycle)
        break;
    }
  *found = FALSE;
  return i;
}

double
up_option_get_one_off (UpOption *self,
                       int       cycle)
{
  gboolean found;
  int i;

  g_return_val_if_fail (UP_IS_OPTION (self), 0.0);
  i = find_one_off (self, cycle, &found);
  return found ? g_array_index (self->one_offs, UpOneOff, i).amount : 0.0;
}

void
up_option_set_one_off (UpOption *self,
                       int       cycle,
                       double    amount)
{
  gboolean found;
  int i;

  g_return_if_fail (UP_IS_OPTION (self));
  i = find_one_off (self, cycle, &found);
  if (found)
    {
      UpOneOff *o = &g_array_index (self->one_offs, UpOneOff, i);

      if (memcmp (&o->amount, &amount, sizeof amount) == 0)
        return;
      o->amount = amount;
    }
  else
    {
      UpOneOff o = { cycle, amount };

      g_array_insert_val (self->one_offs, i, o);
    }
  up_item_emit_changed (UP_ITEM (self));
}

void
up_option_remove_one_off (UpOption *self,
                          int       cycle)
{
  gboolean found;
  int i;

  g_return_if_fail (UP_IS_OPTION (self));
  i = find_one_off (self, cycle, &found);
  if (!found)
    return;
  g_array_remove_index (self->one_offs, i);
  up_item_emit_changed (UP_ITEM (self));
}

guint
up_option_list_one_offs (UpOption  *self,
                         int      **cycles,
                         double   **amounts)
{
  guint n;

  g_return_val_if_fail (UP_IS_OPTION (self), 0);
  n = self->one_offs->len;
  if (cycles)
    *cycles = g_new (int, MAX (n, 1));
  if (amounts)
    *amounts = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      UpOneOff *o = &g_array_index (self->one_offs, UpOneOff, i);

      if (cycles)
        (*cycles)[i] = o->cycle;
      if (amounts)
        (*amounts)[i] = o->amount;
    }
  return n;
}

static gboolean
set_keyed_double (GHashTable *table,
                  const char *key,
                  double      value)
{
  double *slot = g_hash_table_lookup (table, key);

  if (slot != NULL)
    {
      if (memcmp (slot, &value, sizeof value) == 0)
        return FALSE;
      *slot = value;
      return TRUE;
    }
  slot = g_new (double, 1);
  *slot = value;
  g_hash_table_insert (table, g_strdup (key), slot);
  return TRUE;
}

double
up_option_get_funding (UpOption   *self,
                       const char *holder_id)
{
  double *slot;

  g_return_val_if_fail (UP_IS_OPTION (self), 0.0);
  slot = g_hash_table_lookup (self->funding, holder_id);
  return slot ? *slot : 0.0;
}

gboolean
up_option_has_funding (UpOption   *self,
                       const char *holder_id)
{
  g_return_val_if_fail (UP_IS_OPTION (self), FALSE);
  return g_hash_table_contains (self->funding, holder_id);
}

void
up_option_set_funding (UpOption   *self,
                       const char *holder_id,
                       double      share)
{
  g_return_if_fail (UP_IS_OPTION (self));
  g_return_if_fail (holder_id != NULL);
  if (set_keyed_double (self->funding, holder_id, share))
    up_item_emit_changed (UP_ITEM (self));
}

void
up_option_remove_funding (UpOption   *self,
                          const char *holder_id)
{
  g_return_if_fail (UP_IS_OPTION (self));
  if (g_hash_table_remove (self->funding, holder_id))
    up_item_emit_changed (UP_ITEM (self));
}

char **
up_option_list_funding (UpOption *self)
{
  g_return_val_if_fail (UP_IS_OPTION (self), NULL);
  return _up_sorted_keys (self->funding);
}

const char * const *
up_option_get_eligible (UpOption *self)
{
  g_return_val_if_fail (UP_IS_OPTION (self), NULL);
  return (const char * const *) self->eligible->pdata;
}

gboolean
up_option_is_eligible (UpOption   *self,
                       const char *state_id)
{
  g_return_val_if_fail (UP_IS_OPTION (self), FALSE);
  return g_strv_contains ((const char * const *) self->eligible->pdata, state_id);
}

void
up_option_set_eligible (UpOption           *self,
                        const char * const *state_ids)
{
  g_autoptr(GPtrArray) copy = NULL;

  g_return_if_fail (UP_IS_OPTION (self));

  if (g_strv_equal ((const char * const *) self->eligible->pdata,
                    state_ids ? state_ids : (const char * const *) (const char *[]) { NULL }))
    return;
  /* Copy first: state_ids may be this option's own list. */
  copy = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; state_ids != NULL && state_ids[i] != NULL; i++)
    g_ptr_array_add (copy, g_strdup (state_ids[i]));
  g_ptr_array_add (copy, NULL);
  g_ptr_array_unref (self->eligible);
  self->eligible = g_steal_pointer (&copy);
  up_item_emit_changed (UP_ITEM (self));
}

GListStore *
up_option_get_effects (UpOption *self)
{
  g_return_val_if_fail (UP_IS_OPTION (self), NULL);
  return self->effects;
}

UpEffect *
up_option_find_effect (UpOption   *self,
                       const char *from,
                       const char *to)
{
  guint n;

  g_return_val_if_fail (UP_IS_OPTION (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->effects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpEffect) effect = g_list_model_get_item (G_LIST_MODEL (self->effects), i);

      if (g_strcmp0 (effect->from, from) == 0 && g_strcmp0 (effect->to, to) == 0)
        return effect;
    }
  return NULL;
}

double
up_option_get_score (UpOption   *self,
                     const char *criterion,
                     gboolean   *found)
{
  double *slot;

  g_return_val_if_fail (UP_IS_OPTION (self), 0.0);
  slot = g_hash_table_lookup (self->scores, criterion);
  if (found)
    *found = slot != NULL;
  return slot ? *slot : 0.0;
}

void
up_option_set_score (UpOption   *self,
                     const char *criterion,
                     double      score)
{
  g_return_if_fail (UP_IS_OPTION (self));
  g_return_if_fail (criterion != NULL);
  if (set_keyed_double (self->scores, criterion, score))
    up_item_emit_changed (UP_ITEM (self));
}

void
up_option_remove_score (UpOption   *self,
                        const char *criterion)
{
  g_return_if_fail (UP_IS_OPTION (self));
  if (g_hash_table_remove (self->scores, criterion))
    up_item_emit_changed (UP_ITEM (self));
}

char **
up_option_list_scores (UpOption *self)
{
  g_return_val_if_fail (UP_IS_OPTION (self), NULL);
  return _up_sorted_keys (self->scores);
}
