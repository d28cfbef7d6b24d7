/* up-plan.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-plan"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "up-document-private.h"
#include "up-error.h"
#include "up-util.h"

G_DEFINE_FINAL_TYPE (UpPlan, up_plan, UP_TYPE_ITEM)

enum {
  PROP_0,
  PROP_PLACE,
  PROP_DESCRIPTION,
  PROP_AUTHOR,
  PROP_NOTES,
  PROP_CURRENCY,
  PROP_COUNTING,
  PROP_DISCOUNT_COSTS,
  PROP_DISCOUNT_OUTCOMES,
  PROP_DISCOUNT_FIRST_CYCLE,
  PROP_INFLOW,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

static const UpNumberSpec numbers[] = {
  { "horizon", N_("Horizon"), N_("Number of yearly cycles counted"),
    UP_UNIT_CYCLES, 1, UP_HORIZON_MAX, 10, TRUE, G_STRUCT_OFFSET (UpPlan, horizon) },
  { "start-year", N_("Start year"), N_("Calendar year of the first cycle"),
    UP_UNIT_YEAR, 1900, 2200, 2026, TRUE, G_STRUCT_OFFSET (UpPlan, start_year) },
  { "price-base-year", N_("Price base year"), N_("Year whose prices all money is shown in"),
    UP_UNIT_YEAR, 1900, 2200, 2026, TRUE, G_STRUCT_OFFSET (UpPlan, price_base_year) },
  { "cohort-size", N_("Cohort size"), N_("People in the cohort at the start"),
    UP_UNIT_PEOPLE, 0, 1e12, 1000, FALSE, G_STRUCT_OFFSET (UpPlan, cohort_size) },
  { "discount-costs-rate", N_("Discount rate for costs"),
    N_("Annual rate, when costs are discounted at a constant rate"),
    UP_UNIT_RATE, 0, 1, 0.035, FALSE, G_STRUCT_OFFSET (UpPlan, discount_costs_rate) },
  { "discount-outcomes-rate", N_("Discount rate for outcomes"),
    N_("Annual rate, when outcomes are discounted at a constant rate"),
    UP_UNIT_RATE, 0, 1, 0.015, FALSE, G_STRUCT_OFFSET (UpPlan, discount_outcomes_rate) },
};

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

gboolean
_up_set_string (char       **slot,
                const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

char **
_up_sorted_keys (GHashTable *table)
{
  guint n;
  char **keys = (char **) g_hash_table_get_keys_as_array (table, &n);
  char **copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (keys[i]);
  g_free (keys);
  qsort (copy, n, sizeof (char *), compare_strings);
  return copy;
}

static void
rebuild_price_mirror (UpPlan *self)
{
  g_array_set_size (self->price_years, 0);
  g_array_set_size (self->price_values, 0);
  for (guint i = 0; i < self->price_index->len; i++)
    {
      UpPriceIndexEntry *e = &g_array_index (self->price_index, UpPriceIndexEntry, i);

      g_array_append_val (self->price_years, e->year);
      g_array_append_val (self->price_values, e->index);
    }
}

static void
up_plan_finalize (GObject *object)
{
  UpPlan *self = UP_PLAN (object);

  g_clear_pointer (&self->place, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->inflow, up_schedule_unref);
  g_clear_pointer (&self->price_index, g_array_unref);
  g_clear_pointer (&self->price_years, g_array_unref);
  g_clear_pointer (&self->price_values, g_array_unref);
  g_clear_object (&self->holders);
  g_clear_object (&self->cost_items);
  g_clear_object (&self->states);
  g_clear_object (&self->measures);
  g_clear_object (&self->transitions);
  g_clear_object (&self->options);
  g_clear_object (&self->scenarios);
  g_clear_pointer (&self->distributions, g_hash_table_unref);
  g_clear_object (&self->pins);
  G_OBJECT_CLASS (up_plan_parent_class)->finalize (object);
}

static void
up_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  UpPlan *self = UP_PLAN (object);

  if (up_item_get_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_PLACE: g_value_set_string (value, self->place); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_AUTHOR: g_value_set_string (value, self->author); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_CURRENCY: g_value_set_string (value, self->currency); break;
    case PROP_COUNTING: g_value_set_int (value, self->counting); break;
    case PROP_DISCOUNT_COSTS: g_value_set_int (value, self->discount_costs); break;
    case PROP_DISCOUNT_OUTCOMES: g_value_set_int (value, self->discount_outcomes); break;
    case PROP_DISCOUNT_FIRST_CYCLE: g_value_set_boolean (value, self->discount_first_cycle); break;
    case PROP_INFLOW: g_value_set_boxed (value, self->inflow); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_plan_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  UpPlan *self = UP_PLAN (object);

  if (up_item_set_number_property (UP_ITEM (self), prop_id, value))
    return;
  switch (prop_id)
    {
    case PROP_PLACE: up_plan_set_place (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: up_plan_set_description (self, g_value_get_string (value)); break;
    case PROP_AUTHOR: up_plan_set_author (self, g_value_get_string (value)); break;
    case PROP_NOTES: up_plan_set_notes (self, g_value_get_string (value)); break;
    case PROP_CURRENCY: up_plan_set_currency (self, g_value_get_string (value)); break;
    case PROP_COUNTING: up_plan_set_counting (self, g_value_get_int (value)); break;
    case PROP_DISCOUNT_COSTS: up_plan_set_discount_costs (self, g_value_get_int (value)); break;
    case PROP_DISCOUNT_OUTCOMES:
      up_plan_set_discount_outcomes (self, g_value_get_int (value));
      break;
    case PROP_DISCOUNT_FIRST_CYCLE:
      up_plan_set_discount_first_cycle (self, g_value_get_boolean (value));
      break;
    case PROP_INFLOW: up_plan_set_inflow (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_plan_class_init (UpPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = up_plan_finalize;
  object_class->get_property = up_plan_get_property;
  object_class->set_property = up_plan_set_property;
  UP_ITEM_CLASS (klass)->tag = "plan";

  props[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, flags);
  props[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  props[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  props[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, flags);
  props[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, "GBP", flags);
  props[PROP_COUNTING] =
    g_param_spec_int ("counting", NULL, NULL, UP_COUNTING_BEGINNING, UP_COUNTING_LIFE_TABLE,
                      UP_COUNTING_BEGINNING, flags);
  props[PROP_DISCOUNT_COSTS] =
    g_param_spec_int ("discount-costs", NULL, NULL, UP_DISCOUNT_CONSTANT,
                      UP_DISCOUNT_GREENBOOK_HEALTH, UP_DISCOUNT_GREENBOOK, flags);
  props[PROP_DISCOUNT_OUTCOMES] =
    g_param_spec_int ("discount-outcomes", NULL, NULL, UP_DISCOUNT_CONSTANT,
                      UP_DISCOUNT_GREENBOOK_HEALTH, UP_DISCOUNT_CONSTANT, flags);
  props[PROP_DISCOUNT_FIRST_CYCLE] =
    g_param_spec_boolean ("discount-first-cycle", NULL, NULL, FALSE, flags);
  props[PROP_INFLOW] = g_param_spec_boxed ("inflow", NULL, NULL, UP_TYPE_SCHEDULE, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  up_item_class_install_numbers (UP_ITEM_CLASS (klass), numbers, G_N_ELEMENTS (numbers));
}

static void
pins_changed_cb (UpPlan *self)
{
  up_item_emit_changed (UP_ITEM (self));
}

static void
up_plan_init (UpPlan *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    G_STRUCT_MEMBER (double, self, numbers[i].offset) = numbers[i].defval;
  self->currency = g_strdup ("GBP");
  self->counting = UP_COUNTING_BEGINNING;
  self->discount_costs = UP_DISCOUNT_GREENBOOK;
  self->discount_outcomes = UP_DISCOUNT_CONSTANT;
  self->discount_first_cycle = FALSE;
  self->inflow = up_schedule_new_constant (0.0);
  self->price_index = g_array_new (FALSE, FALSE, sizeof (UpPriceIndexEntry));
  self->price_years = g_array_new (FALSE, FALSE, sizeof (int));
  self->price_values = g_array_new (FALSE, FALSE, sizeof (double));
  self->holders = g_list_store_new (UP_TYPE_BUDGET_HOLDER);
  self->cost_items = g_list_store_new (UP_TYPE_COST_ITEM);
  self->states = g_list_store_new (UP_TYPE_STATE);
  self->measures = g_list_store_new (UP_TYPE_MEASURE);
  self->transitions = g_list_store_new (UP_TYPE_TRANSITION);
  self->options = g_list_store_new (UP_TYPE_OPTION);
  self->scenarios = g_list_store_new (UP_TYPE_SCENARIO);
  self->distributions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  up_item_watch_store (UP_ITEM (self), self->holders);
  up_item_watch_store (UP_ITEM (self), self->cost_items);
  up_item_watch_store (UP_ITEM (self), self->states);
  up_item_watch_store (UP_ITEM (self), self->measures);
  up_item_watch_store (UP_ITEM (self), self->transitions);
  up_item_watch_store (UP_ITEM (self), self->options);
  up_item_watch_store (UP_ITEM (self), self->scenarios);
  self->pins = g_list_store_new (UP_TYPE_PIN);
  g_signal_connect_object (self->pins, "items-changed", G_CALLBACK (pins_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

UpPlan *
up_plan_new (void)
{
  return g_object_new (UP_TYPE_PLAN, NULL);
}

#define STRING_ACCESSORS(field, PROP)                                          \
const char *                                                                   \
up_plan_get_##field (UpPlan *self)                                             \
{                                                                              \
  g_return_val_if_fail (UP_IS_PLAN (self), NULL);                              \
  return self->field;                                                          \
}                                                                              \
                                                                               \
void                                                                           \
up_plan_set_##field (UpPlan     *self,                                         \
                     const char *value)                                        \
{                                                                              \
  g_return_if_fail (UP_IS_PLAN (self));                                        \
  if (_up_set_string (&self->field, value))                                    \
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP]);                   \
}

STRING_ACCESSORS (place, PROP_PLACE)
STRING_ACCESSORS (description, PROP_DESCRIPTION)
STRING_ACCESSORS (author, PROP_AUTHOR)
STRING_ACCESSORS (notes, PROP_NOTES)
STRING_ACCESSORS (currency, PROP_CURRENCY)

#define ENUM_ACCESSORS(field, Type, PROP)                                      \
Type                                                                           \
up_plan_get_##field (UpPlan *self)                                             \
{                                                                              \
  g_return_val_if_fail (UP_IS_PLAN (self), 0);                                 \
  return self->field;                                                          \
}                                                                              \
                                                                               \
void                                                                           \
up_plan_set_##field (UpPlan *self,                                             \
                     Type    value)                                            \
{                                                                              \
  g_return_if_fail (UP_IS_PLAN (self));                                        \
  if (self->field == value)                                                    \
    return;                                                                    \
  self->field = value;                                                         \
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP]);                     \
}

ENUM_ACCESSORS (counting, UpCounting, PROP_COUNTING)
ENUM_ACCESSORS (discount_costs, UpDiscountSchedule, PROP_DISCOUNT_COSTS)
ENUM_ACCESSORS (discount_outcomes, UpDiscountSchedule, PROP_DISCOUNT_OUTCOMES)
ENUM_ACCESSORS (discount_first_cycle, gboolean, PROP_DISCOUNT_FIRST_CYCLE)

int
up_plan_get_horizon (UpPlan *self)
{
  g_return_val_if_fail (UP_IS_PLAN (self), 0);
  return (int) self->horizon;
}

int
up_plan_get_start_year (UpPlan *self)
{
  g_return_val_if_fail (UP_IS_PLAN (self), 0);
  return (int) self->start_year;
}

UpSchedule *
up_plan_get_inflow (UpPlan *self)
{
  g_return_val_if_fail (UP_IS_PLAN (self), NULL);
  return self->inflow;
}

void
up_plan_set_inflow (UpPlan     *self,
                    UpSchedule *inflow)
{
  g_return_if_fail (UP_IS_PLAN (self));
  if (inflow == NULL || up_schedule_equal (self->inflow, inflow))
    return;
  g_clear_pointer (&self->inflow, up_schedule_unref);
  self->inflow = up_schedule_ref (inflow);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_INFLOW]);
}

guint
up_plan_get_price_index (UpPlan        *self,
                         const int    **years,
                         const double **values)
{
  g_return_val_if_fail (UP_IS_PLAN (self), 0);
  if (years)
    *years = (const int *) self->price_years->data;
  if (values)
    *values = (const double *) self->price_values->data;
  return self->price_index->len;
}

void
up_plan_set_price_index_value (UpPlan *self,
                               int     year,
                               double  index)
{
  guint i;

  g_return_if_fail (UP_IS_PLAN (self));
  for (i = 0; i < self->price_index->len; i++)
    {
      UpPriceIndexEntry *e = &g_array_index (self->price_index, UpPriceIndexEntry, i);

      if (e->year == year)
        {
          if (memcmp (&e->index, &index, sizeof index) == 0)
            return;
          e->index = index;
          goto done;
        }
      if (e->year > year)
        break;
    }
  {
    UpPriceIndexEntry e = { year, index };

    g_array_insert_val (self->price_index, i, e);
  }
done:
  rebuild_price_mirror (self);
  up_item_emit_changed (UP_ITEM (self));
}

void
up_plan_remove_price_index_value (UpPlan *self,
                                  int     year)
{
  g_return_if_fail (UP_IS_PLAN (self));
  for (guint i = 0; i < self->price_index->len; i++)
    if (g_array_index (self->price_index, UpPriceIndexEntry, i).year == year)
      {
        g_array_remove_index (self->price_index, i);
        rebuild_price_mirror (self);
        up_item_emit_changed (UP_ITEM (self));
        return;
      }
}

gboolean
up_plan_lookup_price_index (UpPlan *self,
                            int     year,
                            double *index)
{
  g_return_val_if_fail (UP_IS_PLAN (self), FALSE);
  for (guint i = 0; i < self->price_index->len; i++)
    {
      UpPriceIndexEntry *e = &g_array_index (self->price_index, UpPriceIndexEntry, i);

      if (e->year == year)
        {
          if (index)
            *index = e->index;
          return TRUE;
        }
    }
  return FALSE;
}

GListStore *up_plan_get_holders (UpPlan *self) { return self->holders; }
GListStore *up_plan_get_cost_items (UpPlan *self) { return self->cost_items; }
GListStore *up_plan_get_states (UpPlan *self) { return self->states; }
GListStore *up_plan_get_measures (UpPlan *self) { return self->measures; }
GListStore *up_plan_get_transitions (UpPlan *self) { return self->transitions; }
GListStore *up_plan_get_options (UpPlan *self) { return self->options; }
GListStore *up_plan_get_scenarios (UpPlan *self) { return self->scenarios; }

UpBudgetHolder *
up_plan_find_holder (UpPlan     *self,
                     const char *id)
{
  return up_item_store_find (G_LIST_MODEL (self->holders), id);
}

UpCostItem *
up_plan_find_cost_item (UpPlan     *self,
                        const char *id)
{
  return up_item_store_find (G_LIST_MODEL (self->cost_items), id);
}

UpState *
up_plan_find_state (UpPlan     *self,
                    const char *id)
{
  return up_item_store_find (G_LIST_MODEL (self->states), id);
}

UpMeasure *
up_plan_find_measure (UpPlan     *self,
                      const char *id)
{
  return up_item_store_find (G_LIST_MODEL (self->measures), id);
}

UpOption *
up_plan_find_option (UpPlan     *self,
                     const char *id)
{
  return up_item_store_find (G_LIST_MODEL (self->options), id);
}

UpScenario *
up_plan_find_scenario (UpPlan     *self,
                       const char *id_or_name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scenarios));
  UpScenario *found = up_item_store_find (G_LIST_MODEL (self->scenarios), id_or_name);

  if (found != NULL)
    return found;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpScenario) s = g_list_model_get_item (G_LIST_MODEL (self->scenarios), i);

      if (g_strcmp0 (up_item_get_name (UP_ITEM (s)), id_or_name) == 0)
        return s;
    }
  return NULL;
}

UpTransition *
up_plan_find_transition (UpPlan     *self,
                         const char *from,
                         const char *to)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->transitions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpTransition) t = g_list_model_get_item (G_LIST_MODEL (self->transitions), i);

      if (g_strcmp0 (t->from, from) == 0 && g_strcmp0 (t->to, to) == 0)
        return t;
    }
  return NULL;
}

UpOption *
up_plan_get_bau (UpPlan *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->options));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpOption) o = g_list_model_get_item (G_LIST_MODEL (self->options), i);

      if (o->kind == UP_OPTION_BAU)
        return o;
    }
  return NULL;
}

const UpDistribution *
up_plan_get_distribution (UpPlan     *self,
                          const char *path)
{
  g_return_val_if_fail (UP_IS_PLAN (self), NULL);
  return g_hash_table_lookup (self->distributions, path);
}

void
up_plan_set_distribution (UpPlan               *self,
                          const char           *path,
                          const UpDistribution *dist)
{
  UpDistribution *old;

  g_return_if_fail (UP_IS_PLAN (self));
  g_return_if_fail (path != NULL);

  old = g_hash_table_lookup (self->distributions, path);
  if (dist == NULL)
    {
      if (g_hash_table_remove (self->distributions, path))
        up_item_emit_changed (UP_ITEM (self));
      return;
    }
  if (old != NULL && memcmp (old, dist, sizeof *dist) == 0)
    return;
  g_hash_table_insert (self->distributions, g_strdup (path), g_memdup2 (dist, sizeof *dist));
  up_item_emit_changed (UP_ITEM (self));
}

char **
up_plan_list_distributions (UpPlan *self)
{
  g_return_val_if_fail (UP_IS_PLAN (self), NULL);
  return _up_sorted_keys (self->distributions);
}

/* ---- Copy ----------------------------------------------------------------------- */

static gpointer
copy_item (gpointer src)
{
  GObject *dst;
  guint n;
  g_autofree GParamSpec **pspecs =
    g_object_class_list_properties (G_OBJECT_GET_CLASS (src), &n);
  int line, column;

  dst = g_object_new (G_OBJECT_TYPE (src), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (src, pspecs[i]->name, &value);
      g_object_set_property (dst, pspecs[i]->name, &value);
    }
  up_item_get_location (UP_ITEM (src), &line, &column);
  up_item_set_location (UP_ITEM (dst), line, column);
  return dst;
}

static void
copy_store (GListStore *dst,
            GListStore *src,
            void      (*deep) (gpointer d, gpointer s))
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (src));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) s = g_list_model_get_item (G_LIST_MODEL (src), i);
      g_autoptr(GObject) d = copy_item (s);

      if (deep)
        deep (d, s);
      g_list_store_append (dst, d);
    }
}

static void
copy_state (gpointer d,
            gpointer s)
{
  UpState *dst = d, *src = s;
  GHashTableIter iter;
  gpointer key, value;

  copy_store (dst->use, src->use, NULL);
  copy_store (dst->entry, src->entry, NULL);
  g_hash_table_iter_init (&iter, src->weights);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (dst->weights, g_strdup (key), up_schedule_ref (value));
}

static void
copy_doubles (GHashTable *dst,
              GHashTable *src)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, src);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (dst, g_strdup (key), g_memdup2 (value, sizeof (double)));
}

static void
copy_option (gpointer d,
             gpointer s)
{
  UpOption *dst = d, *src = s;

  g_array_set_size (dst->one_offs, 0);
  g_array_append_vals (dst->one_offs, src->one_offs->data, src->one_offs->len);
  copy_doubles (dst->funding, src->funding);
  copy_doubles (dst->scores, src->scores);
  up_option_set_eligible (dst, up_option_get_eligible (src));
  copy_store (dst->effects, src->effects, NULL);
}

static void
copy_scenario (gpointer d,
               gpointer s)
{
  copy_doubles (((UpScenario *) d)->overrides, ((UpScenario *) s)->overrides);
}

static void take_store (GListStore *dst,
                        GListStore *src);

UpPlan *
up_plan_copy (UpPlan *self)
{
  UpPlan *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (UP_IS_PLAN (self), NULL);

  copy = copy_item (self);
  g_array_append_vals (copy->price_index, self->price_index->data, self->price_index->len);
  rebuild_price_mirror (copy);
  copy_store (copy->holders, self->holders, NULL);
  copy_store (copy->cost_items, self->cost_items, NULL);
  copy_store (copy->states, self->states, copy_state);
  copy_store (copy->measures, self->measures, NULL);
  copy_store (copy->transitions, self->transitions, NULL);
  copy_store (copy->options, self->options, copy_option);
  copy_store (copy->scenarios, self->scenarios, copy_scenario);
  g_hash_table_iter_init (&iter, self->distributions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->distributions, g_strdup (key),
                         g_memdup2 (value, sizeof (UpDistribution)));
  /* Pins are immutable, so the copy may hold the same ones. */
  take_store (copy->pins, self->pins);
  return copy;
}

static void
take_store (GListStore *dst,
            GListStore *src)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (src));
  g_autofree gpointer *items = g_new0 (gpointer, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    items[i] = g_list_model_get_item (G_LIST_MODEL (src), i);
  g_list_store_splice (dst, 0, g_list_model_get_n_items (G_LIST_MODEL (dst)), items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);
}

void
up_plan_assign (UpPlan *self,
                UpPlan *source)
{
  g_autoptr(UpPlan) src = NULL;
  guint n;
  g_autofree GParamSpec **pspecs = NULL;

  g_return_if_fail (UP_IS_PLAN (self));
  g_return_if_fail (UP_IS_PLAN (source));

  /* Work on a private copy so source stays untouched and no object is shared. */
  src = up_plan_copy (source);
  g_object_freeze_notify (G_OBJECT (self));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (src), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (src), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (self), pspecs[i]->name, &value);
    }
  g_array_set_size (self->price_index, 0);
  g_array_append_vals (self->price_index, src->price_index->data, src->price_index->len);
  rebuild_price_mirror (self);
  g_hash_table_remove_all (self->distributions);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, src->distributions);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (self->distributions, g_strdup (key),
                           g_memdup2 (value, sizeof (UpDistribution)));
  }
  take_store (self->holders, src->holders);
  take_store (self->cost_items, src->cost_items);
  take_store (self->states, src->states);
  take_store (self->measures, src->measures);
  take_store (self->transitions, src->transitions);
  take_store (self->options, src->options);
  take_store (self->scenarios, src->scenarios);
  take_store (self->pins, src->pins);
  g_object_thaw_notify (G_OBJECT (self));
  up_item_emit_changed (UP_ITEM (self));
}

/* ---- Workshop levers ---------------------------------------------------------------- */

struct _UpPin
{
  GObject parent_instance;
  char   *path;
  char   *label;
  double  min;
  double  max;
  double  step;
};

G_DEFINE_FINAL_TYPE (UpPin, up_pin, G_TYPE_OBJECT)

static void
up_pin_finalize (GObject *object)
{
  UpPin *self = UP_PIN (object);

  g_free (self->path);
  g_free (self->label);
  G_OBJECT_CLASS (up_pin_parent_class)->finalize (object);
}

static void
up_pin_class_init (UpPinClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = up_pin_finalize;
}

static void
up_pin_init (UpPin *self)
{
}

UpPin *
up_pin_new (const char  *path,
            double       min,
            double       max,
            double       step,
            const char  *label,
            GError     **error)
{
  UpPin *self;

  if (path == NULL || path[0] == '\0')
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID, _("A lever needs a parameter path"));
      return NULL;
    }
  if (!isfinite (min) || !isfinite (max) || !(min < max))
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                   _("The lowest value of a lever must be below its highest"));
      return NULL;
    }
  if (!isfinite (step) || !(step > 0.0) || step > max - min)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                   _("The step of a lever must be above zero and at most its range"));
      return NULL;
    }
  self = g_object_new (UP_TYPE_PIN, NULL);
  self->path = g_strdup (path);
  self->label = (label != NULL && label[0] != '\0') ? g_strdup (label) : NULL;
  self->min = min;
  self->max = max;
  self->step = step;
  return self;
}

const char *up_pin_get_path (UpPin *self) { g_return_val_if_fail (UP_IS_PIN (self), NULL); return self->path; }
const char *up_pin_get_label (UpPin *self) { g_return_val_if_fail (UP_IS_PIN (self), NULL); return self->label; }
double up_pin_get_min (UpPin *self) { g_return_val_if_fail (UP_IS_PIN (self), 0.0); return self->min; }
double up_pin_get_max (UpPin *self) { g_return_val_if_fail (UP_IS_PIN (self), 0.0); return self->max; }
double up_pin_get_step (UpPin *self) { g_return_val_if_fail (UP_IS_PIN (self), 0.0); return self->step; }

GListStore *
up_plan_get_pins (UpPlan *self)
{
  g_return_val_if_fail (UP_IS_PLAN (self), NULL);
  return self->pins;
}

static gboolean
find_pin_position (UpPlan     *self,
                   const char *path,
                   guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pins));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpPin) pin = g_list_model_get_item (G_LIST_MODEL (self->pins), i);

      if (g_strcmp0 (pin->path, path) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

UpPin *
up_plan_find_pin (UpPlan     *self,
                  const char *path)
{
  guint position;
  g_autoptr(UpPin) pin = NULL;

  g_return_val_if_fail (UP_IS_PLAN (self), NULL);
  if (path == NULL || !find_pin_position (self, path, &position))
    return NULL;
  /* The store keeps its reference: transfer none. */
  pin = g_list_model_get_item (G_LIST_MODEL (self->pins), position);
  return pin;
}

void
up_plan_set_pin (UpPlan *self,
                 UpPin  *pin)
{
  guint position;

  g_return_if_fail (UP_IS_PLAN (self));
  g_return_if_fail (UP_IS_PIN (pin));

  if (find_pin_position (self, pin->path, &position))
    g_list_store_splice (self->pins, position, 1, (gpointer *) &pin, 1);
  else
    g_list_store_append (self->pins, pin);
}

gboolean
up_plan_remove_pin (UpPlan     *self,
                    const char *path)
{
  guint position;

  g_return_val_if_fail (UP_IS_PLAN (self), FALSE);
  if (path == NULL || !find_pin_position (self, path, &position))
    return FALSE;
  g_list_store_remove (self->pins, position);
  return TRUE;
}
