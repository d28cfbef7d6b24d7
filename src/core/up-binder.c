/* up-binder.c: new values for a few parameters, without compiling the plan again
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every derived number is recomputed with the same expression, in the same order, as
 * up-compile.c uses, so a state given the plan's own values holds the compiled model bit
 * for bit (tests/test-uncertainty.c checks this, and compares with a full compile for
 * random values). The raw inputs that derived numbers depend on (a cost item's cost, an
 * option's deadweight, an effect's value per cycle, …) are kept per state in one flat
 * array, so that a state can be set from any values in any order.
 */

#define G_LOG_DOMAIN "up-binder"

#include "config.h"

#include <math.h>
#include <string.h>

#include "up-binder.h"
#include "up-document-private.h"
#include "up-error.h"
#include "up-model-private.h"
#include "up-util.h"

typedef enum
{
  OPT_FIXED,
  OPT_PARTICIPANT,
  OPT_OVERHEAD,
  OPT_OB_COSTS,
  OPT_TAKE_UP,
  OPT_CAPACITY,
  OPT_DEADWEIGHT,
  OPT_ATTRIBUTION,
  OPT_OB_BENEFITS,
  OPT_FIRST,
  OPT_ACTIVE,
  OPT_RAMP,
  OPT_DROP,
  OPT_VOL_HOURS,
  OPT_VOL_VALUE,
  OPT_IN_KIND,
  OPT_N
} OptField;

static const char *opt_keys[OPT_N] = {
  "fixed-cost", "participant-cost", "overhead", "optimism-bias-costs", "take-up", "capacity",
  "deadweight", "attribution", "optimism-bias-benefits", "first-cycle", "active-cycles",
  "ramp-up", "drop-off", "volunteer-hours", "volunteer-value", "in-kind",
};

typedef enum
{
  BIND_COHORT,            /* raw */
  BIND_START_YEAR,        /* model */
  BIND_DISCOUNT_COSTS,    /* raw */
  BIND_DISCOUNT_OUTCOMES, /* raw */
  BIND_INFLOW,            /* raw [K] */
  BIND_TRANSITION,        /* i from, j to: model P */
  BIND_ITEM_COST,         /* i item: raw */
  BIND_ITEM_CASHABLE,     /* i item: raw */
  BIND_MEASURE_VALUE,     /* i measure: model */
  BIND_INITIAL,           /* i state: raw */
  BIND_INFLOW_SHARE,      /* i state: raw */
  BIND_USE,               /* i line: raw */
  BIND_ENTRY,             /* i line: raw */
  BIND_WEIGHT,            /* i state, j measure: model */
  BIND_OPTION,            /* i option, j OptField: raw */
  BIND_EFFECT,            /* i option, j effect (model order): raw [K] */
  BIND_FUNDING,           /* i option, j holder: model */
  BIND_ONE_OFF,           /* i option, j raw one-off slot */
  BIND_SLOW,              /* anything else: compile a copy of the plan */
} BindKind;

typedef struct
{
  char     *path;
  BindKind  kind;
  int       i;
  int       j;
  double    base;
  double    min;
  double    max;
  gboolean  integer;
} Binding;

struct _UpBinder
{
  UpPlan             *plan;
  UpModel            *model;
  Binding            *params;
  guint               n_params;
  gboolean            slow;

  /* Raw inputs: one flat array, copied into every state. */
  gsize               n_raw;
  double             *raw_base;
  gsize               r_cohort, r_dcr, r_dor, r_inflow, r_item_cost, r_item_cashable;
  gsize               r_use, r_entry, r_initial, r_inflow_share, r_opt, r_effects, r_one_off;
  int                *effect_first;    /* [O]: the option's first effect slot (K values each) */
  int                *one_off_first;   /* [O + 1]: the option's one-off slots */
  int                *one_off_cycle;   /* [slots] */
  int                *funding_holder;  /* the holders in the order compile adds the shares */
  int                *funding_first;   /* [O + 1] */
  guint8             *has_capacity;    /* [O] */
  UpDiscountSchedule  discount_costs;
  UpDiscountSchedule  discount_outcomes;
  int                *use_fold;        /* [n_use]: the folded line of each line */
  int                *entry_fold;      /* [n_entry] */

  /* What to derive again after an apply. */
  gboolean            redo_df_cost, redo_df_out, redo_n0, redo_inflow, redo_rates;
  gboolean            redo_cashable;
  int                *rows;            /* baseline rows whose probabilities are bound */
  int                 n_rows;
  guint8             *opt_touched;     /* [O]: any option number bound */
  guint8             *opt_strength;    /* [O]: strengths to derive again */
  guint8             *opt_timing;      /* [O]: … and the ramp-up and drop-off too */
  double             *ramp;            /* [O * K]: e_j of the plan's timing */
  guint8             *opt_delivery;    /* [O]: one-offs and funding to check again */
  guint8             *prow;            /* [O * S]: participant rows to derive and check */
};

struct _UpBinderState
{
  UpBinder *binder;
  UpModel  *model;     /* a clone of the binder's (fast), or the last compiled (slow) */
  double   *raw;
  UpPlan   *plan;      /* slow: a private copy */
};

/* ---- Cloning a model -------------------------------------------------------------- */

static gpointer
dup_block (UpModel       *m,
           gconstpointer  src,
           gsize          n,
           gsize          size)
{
  gpointer p = g_malloc (MAX (n, 1) * size);

  if (n > 0)
    memcpy (p, src, n * size);
  g_ptr_array_add (m->blocks, p);
  return p;
}

#define DUP(m, field, n) ((m)->field = dup_block ((m), (m)->field, (n), sizeof *(m)->field))

/* A model sharing base's names and indices, with copies of every number a binding may
 * change. */
static UpModel *
clone_model (UpModel *base)
{
  UpModel *m = g_new (UpModel, 1);
  gsize K = base->K, S = base->S, M = base->M;

  *m = *base;
  g_atomic_ref_count_init (&m->ref_count);
  m->blocks = g_ptr_array_new_with_free_func (g_free);
  m->strings = NULL;
  m->origin = up_model_ref (base);

  DUP (m, P, K * S * S);
  DUP (m, inflow, K * S);
  DUP (m, n0, S);
  DUP (m, df_cost, K);
  DUP (m, df_out, K);
  DUP (m, weights, K * M * S);
  DUP (m, measure_value, M);
  DUP (m, use_rate, (gsize) m->n_use);
  DUP (m, entry_rate, (gsize) m->n_entry);
  DUP (m, svc_rate, (gsize) m->n_svc);
  DUP (m, ent_rate, (gsize) m->n_ent);
  DUP (m, pair_cashable, (gsize) m->n_pairs);
  DUP (m, options, (gsize) m->O);
  for (int o = 0; o < m->O; o++)
    {
      UpModelOption *mo = &m->options[o];

      mo->strength = dup_block (m, base->options[o].strength, K, sizeof (double));
      mo->one_off = dup_block (m, base->options[o].one_off, K, sizeof (double));
      mo->funding = dup_block (m, base->options[o].funding, m->H, sizeof (double));
      mo->effects = dup_block (m, base->options[o].effects, mo->n_effects,
                               sizeof (UpModelEffect));
      for (int e = 0; e < mo->n_effects; e++)
        mo->effects[e].pstar = dup_block (m, base->options[o].effects[e].pstar, K,
                                          sizeof (double));
    }
  return m;
}

/* ---- Building a binder ------------------------------------------------------------ */

static int
index_of (char * const *ids,
          int           n,
          const char   *id)
{
  for (int i = 0; i < n; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return i;
  return -1;
}

static int
item_index (UpPlan     *plan,
            const char *id)
{
  GListModel *items = G_LIST_MODEL (plan->cost_items);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (up_item_get_id (item), id) == 0)
        return i;
    }
  return -1;
}

/* The model's index of the first line of item in state s's store (use or entry), found
 * by counting lines in compile's order: a compiled plan dropped none. */
static int
line_index (UpBinder   *self,
            int         s,
            int         item,
            gboolean    use)
{
  GListModel *states = G_LIST_MODEL (self->plan->states);
  int first = 0;

  for (int x = 0; x <= s; x++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (states, x);
      GListModel *store = G_LIST_MODEL (use ? state->use : state->entry);
      guint n = g_list_model_get_n_items (store);

      if (x < s)
        {
          first += n;
          continue;
        }
      for (guint l = 0; l < n; l++)
        {
          g_autoptr(UpCostLine) line = g_list_model_get_item (store, l);

          if (item_index (self->plan, line->item) == item)
            return first + l;
        }
    }
  return -1;
}

static int
find_model_effect (const UpModelOption *mo,
                   int                  from,
                   int                  to)
{
  for (int e = 0; e < mo->n_effects; e++)
    if (mo->effects[e].from == from && mo->effects[e].to == to)
      return e;
  return -1;
}

static void
bind_spec (Binding            *b,
           const UpNumberSpec *spec)
{
  b->min = spec->min;
  b->max = spec->max;
  b->integer = spec->integer;
}

/* Works out what path feeds. Returns FALSE only for the horizon; a path the fast route
 * does not know becomes BIND_SLOW. */
static gboolean
resolve (UpBinder  *self,
         Binding   *b,
         GError   **error)
{
  UpModel *m = self->model;
  g_auto(GStrv) p = g_strsplit (b->path, "/", 0);
  guint n = g_strv_length (p);
  const UpNumberSpec *spec = up_plan_describe_param (self->plan, b->path, NULL);

  b->kind = BIND_SLOW;
  b->min = -INFINITY;
  b->max = INFINITY;
  if (spec != NULL)
    bind_spec (b, spec);

  if (n == 2 && strcmp (p[0], "plan") == 0)
    {
      if (strcmp (p[1], "horizon") == 0)
        {
          g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                       "parameter “%s”: the horizon cannot be uncertain, since it sets the "
                       "number of years projected", b->path);
          return FALSE;
        }
      if (strcmp (p[1], "cohort-size") == 0)
        b->kind = BIND_COHORT;
      else if (strcmp (p[1], "start-year") == 0)
        b->kind = BIND_START_YEAR;
      else if (strcmp (p[1], "discount-costs-rate") == 0)
        b->kind = BIND_DISCOUNT_COSTS;
      else if (strcmp (p[1], "discount-outcomes-rate") == 0)
        b->kind = BIND_DISCOUNT_OUTCOMES;
      else if (strcmp (p[1], "inflow") == 0)
        {
          b->kind = BIND_INFLOW;
          b->min = 0;
          b->max = 1e12;
        }
    }
  else if (n == 3 && strcmp (p[0], "transition") == 0)
    {
      b->kind = BIND_TRANSITION;
      b->i = index_of (m->state_ids, m->S, p[1]);
      b->j = index_of (m->state_ids, m->S, p[2]);
      b->min = 0;
      b->max = 1;
    }
  else if (n == 3 && strcmp (p[0], "cost-item") == 0)
    {
      b->i = item_index (self->plan, p[1]);
      if (strcmp (p[2], "cost") == 0)
        b->kind = BIND_ITEM_COST;
      else if (strcmp (p[2], "cashable") == 0)
        b->kind = BIND_ITEM_CASHABLE;
    }
  else if (n == 3 && strcmp (p[0], "measure") == 0 && strcmp (p[2], "value") == 0)
    {
      b->kind = BIND_MEASURE_VALUE;
      b->i = index_of (m->measure_ids, m->M, p[1]);
    }
  else if (n >= 3 && strcmp (p[0], "state") == 0)
    {
      int s = index_of (m->state_ids, m->S, p[1]);

      b->i = s;
      if (n == 3 && strcmp (p[2], "initial") == 0)
        b->kind = BIND_INITIAL;
      else if (n == 3 && strcmp (p[2], "inflow-share") == 0)
        b->kind = BIND_INFLOW_SHARE;
      else if (n == 4 && (strcmp (p[2], "use") == 0 || strcmp (p[2], "entry") == 0))
        {
          gboolean use = strcmp (p[2], "use") == 0;
          int item = item_index (self->plan, p[3]);

          b->kind = use ? BIND_USE : BIND_ENTRY;
          b->i = line_index (self, s, item, use);
          b->min = 0;
          b->max = INFINITY;
          b->integer = FALSE;
          g_assert (b->i >= 0 && b->i < (use ? m->n_use : m->n_entry));
          g_assert ((use ? m->use_item : m->entry_item)[b->i] == item);
        }
      else if (n == 4 && strcmp (p[2], "weight") == 0)
        {
          b->kind = BIND_WEIGHT;
          b->j = index_of (m->measure_ids, m->M, p[3]);
          b->min = -1e9;
          b->max = 1e9;
        }
    }
  else if (n >= 3 && strcmp (p[0], "option") == 0)
    {
      int o = -1;

      for (int x = 0; x < m->O; x++)
        if (g_strcmp0 (m->options[x].id, p[1]) == 0)
          o = x;
      b->i = o;
      if (n == 3)
        {
          for (int f = 0; f < OPT_N; f++)
            if (strcmp (p[2], opt_keys[f]) == 0)
              {
                b->kind = BIND_OPTION;
                b->j = f;
              }
        }
      else if (n == 5 && strcmp (p[2], "effect") == 0)
        {
          UpOption *option = up_plan_find_option (self->plan, p[1]);
          UpEffect *effect = up_option_find_effect (option, p[3], p[4]);

          b->kind = BIND_EFFECT;
          b->j = find_model_effect (&m->options[o], index_of (m->state_ids, m->S, p[3]),
                                    index_of (m->state_ids, m->S, p[4]));
          g_assert (b->j >= 0);
          b->min = 0;
          b->max = effect->kind == UP_EFFECT_RELATIVE_RISK ? 1e6 : 1;
        }
      else if (n == 4 && strcmp (p[2], "funding") == 0)
        {
          b->kind = BIND_FUNDING;
          b->j = index_of (m->holder_ids, m->H, p[3]);
          b->min = 0;
          b->max = 1;
        }
      else if (n == 4 && strcmp (p[2], "one-off") == 0)
        {
          b->kind = BIND_ONE_OFF;
          b->j = atoi (p[3]);   /* the cycle, for now: a slot once the slots are known */
          b->min = 0;
          b->max = INFINITY;
        }
    }
  return TRUE;
}

/* Reads the raw inputs from the plan into raw_base. */
static void
read_raw (UpBinder *self)
{
  UpPlan *plan = self->plan;
  UpModel *m = self->model;
  GListModel *items = G_LIST_MODEL (plan->cost_items);
  GListModel *states = G_LIST_MODEL (plan->states);
  GListModel *options = G_LIST_MODEL (plan->options);
  gsize K = m->K, S = m->S, O = m->O, n = 0, n_effects = 0;
  double *raw;
  int slots = 0, l_use = 0, l_entry = 0;
  g_autoptr(GArray) cycles = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) holders = g_array_new (FALSE, FALSE, sizeof (int));

  self->effect_first = g_new0 (int, O + 1);
  self->one_off_first = g_new0 (int, O + 1);
  self->funding_first = g_new0 (int, O + 1);
  self->has_capacity = g_new0 (guint8, MAX (O, 1));

  /* One-off slots: the plan's one-offs, then the cycles bound that have none. */
  for (gsize o = 0; o < O; o++)
    {
      g_autoptr(UpOption) option = g_list_model_get_item (options, o);
      g_auto(GStrv) funders = up_option_list_funding (option);

      self->effect_first[o] = n_effects;
      n_effects += m->options[o].n_effects;
      self->one_off_first[o] = slots;
      for (guint i = 0; i < option->one_offs->len; i++)
        {
          g_array_append_val (cycles, g_array_index (option->one_offs, UpOneOff, i).cycle);
          slots++;
        }
      for (guint p = 0; p < self->n_params; p++)
        {
          Binding *b = &self->params[p];
          gboolean known = FALSE;

          if (b->kind != BIND_ONE_OFF || b->i != (int) o)
            continue;
          for (int s = self->one_off_first[o]; s < slots; s++)
            if (g_array_index (cycles, int, s) == b->j)
              known = TRUE;
          if (!known)
            {
              g_array_append_val (cycles, b->j);
              slots++;
            }
        }
      self->funding_first[o] = holders->len;
      for (guint i = 0; funders[i] != NULL; i++)
        {
          int h = index_of (m->holder_ids, m->H, funders[i]);

          g_array_append_val (holders, h);
        }
      self->has_capacity[o] = option->has_capacity;
    }
  self->effect_first[O] = n_effects;
  self->one_off_first[O] = slots;
  self->funding_first[O] = holders->len;
  self->one_off_cycle = g_new0 (int, MAX (slots, 1));
  self->funding_holder = g_new0 (int, MAX (holders->len, 1));
  /* An empty GArray's data is NULL, and memcpy from NULL is undefined even for no bytes
   * (UBSan, tools/test-sanitizers). */
  if (slots > 0)
    memcpy (self->one_off_cycle, cycles->data, slots * sizeof (int));
  if (holders->len > 0)
    memcpy (self->funding_holder, holders->data, holders->len * sizeof (int));

  self->r_cohort = n++;
  self->r_dcr = n++;
  self->r_dor = n++;
  self->r_inflow = n, n += K;
  self->r_item_cost = n, n += m->n_items;
  self->r_item_cashable = n, n += m->n_items;
  self->r_use = n, n += m->n_use;
  self->r_entry = n, n += m->n_entry;
  self->r_initial = n, n += S;
  self->r_inflow_share = n, n += S;
  self->r_opt = n, n += O * OPT_N;
  self->r_effects = n, n += n_effects * K;
  self->r_one_off = n, n += slots;
  self->n_raw = n;
  self->raw_base = raw = g_new0 (double, MAX (n, 1));
  self->ramp = g_new0 (double, MAX (O * K, 1));

  raw[self->r_cohort] = plan->cohort_size;
  raw[self->r_dcr] = plan->discount_costs_rate;
  raw[self->r_dor] = plan->discount_outcomes_rate;
  self->discount_costs = plan->discount_costs;
  self->discount_outcomes = plan->discount_outcomes;
  for (gsize k = 1; k <= K; k++)
    raw[self->r_inflow + k - 1] = up_schedule_get (plan->inflow, k);
  for (int i = 0; i < m->n_items; i++)
    {
      g_autoptr(UpCostItem) item = g_list_model_get_item (items, i);

      raw[self->r_item_cost + i] = item->cost;
      raw[self->r_item_cashable + i] = item->cashable;
    }
  for (gsize s = 0; s < S; s++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (states, s);

      raw[self->r_initial + s] = state->initial;
      raw[self->r_inflow_share + s] = state->inflow_share;
      for (guint l = 0; l < g_list_model_get_n_items (G_LIST_MODEL (state->use)); l++)
        {
          g_autoptr(UpCostLine) line = g_list_model_get_item (G_LIST_MODEL (state->use), l);

          raw[self->r_use + l_use++] = line->quantity;
        }
      for (guint l = 0; l < g_list_model_get_n_items (G_LIST_MODEL (state->entry)); l++)
        {
          g_autoptr(UpCostLine) line = g_list_model_get_item (G_LIST_MODEL (state->entry), l);

          raw[self->r_entry + l_entry++] = line->quantity;
        }
    }
  g_assert (l_use == m->n_use && l_entry == m->n_entry);

  for (gsize o = 0; o < O; o++)
    {
      g_autoptr(UpOption) option = g_list_model_get_item (options, o);
      const UpModelOption *mo = &m->options[o];
      double *opt = raw + self->r_opt + o * OPT_N;

      opt[OPT_FIXED] = option->fixed_cost;
      opt[OPT_PARTICIPANT] = option->participant_cost;
      opt[OPT_OVERHEAD] = option->overhead;
      opt[OPT_OB_COSTS] = option->optimism_bias_costs;
      opt[OPT_TAKE_UP] = option->take_up;
      opt[OPT_CAPACITY] = option->capacity;
      opt[OPT_DEADWEIGHT] = option->deadweight;
      opt[OPT_ATTRIBUTION] = option->attribution;
      opt[OPT_OB_BENEFITS] = option->optimism_bias_benefits;
      opt[OPT_FIRST] = option->first_cycle;
      opt[OPT_ACTIVE] = option->active_cycles;
      opt[OPT_RAMP] = option->ramp_up;
      opt[OPT_DROP] = option->drop_off;
      opt[OPT_VOL_HOURS] = option->volunteer_hours;
      opt[OPT_VOL_VALUE] = option->volunteer_value;
      opt[OPT_IN_KIND] = option->in_kind;
      /* e_j takes a pow() per cycle after the window: worked out once, unless the timing
       * itself is bound. */
      for (gsize j = 1; j <= K; j++)
        self->ramp[o * K + j - 1] = _up_model_effect_strength (opt[OPT_FIRST], opt[OPT_ACTIVE],
                                                               opt[OPT_RAMP], opt[OPT_DROP], j);
      for (int e = 0; e < mo->n_effects; e++)
        {
          UpEffect *effect = up_option_find_effect (option, m->state_ids[mo->effects[e].from],
                                                    m->state_ids[mo->effects[e].to]);
          double *v = raw + self->r_effects + (gsize) (self->effect_first[o] + e) * K;

          for (gsize j = 1; j <= K; j++)
            v[j - 1] = up_schedule_get (effect->value, j);
        }
      for (int s = self->one_off_first[o]; s < self->one_off_first[o + 1]; s++)
        raw[self->r_one_off + s] = up_option_get_one_off (option, self->one_off_cycle[s]);
    }
}

/* The folded line of each line: the first earlier line with its state and holder, as
 * fold_lines() in up-compile.c groups them. */
static int *
fold_map (int        n,
          const int *state,
          const int *holder)
{
  int *fold = g_new0 (int, MAX (n, 1));
  g_autofree int *first_state = g_new0 (int, MAX (n, 1));
  g_autofree int *first_holder = g_new0 (int, MAX (n, 1));
  int folded = 0;

  for (int l = 0; l < n; l++)
    {
      int f;

      for (f = 0; f < folded; f++)
        if (first_state[f] == state[l] && first_holder[f] == holder[l])
          break;
      if (f == folded)
        {
          first_state[f] = state[l];
          first_holder[f] = holder[l];
          folded++;
        }
      fold[l] = f;
    }
  return fold;
}

/* Marks what each binding makes stale. */
static void
plan_derivations (UpBinder *self)
{
  UpModel *m = self->model;
  int S = m->S, O = m->O;
  g_autofree guint8 *row_bound = g_new0 (guint8, MAX (S, 1));

  self->rows = g_new0 (int, MAX (S, 1));
  self->opt_touched = g_new0 (guint8, MAX (O, 1));
  self->opt_strength = g_new0 (guint8, MAX (O, 1));
  self->opt_timing = g_new0 (guint8, MAX (O, 1));
  self->opt_delivery = g_new0 (guint8, MAX (O, 1));
  self->prow = g_new0 (guint8, MAX ((gsize) O * S, 1));

  for (guint p = 0; p < self->n_params; p++)
    {
      Binding *b = &self->params[p];

      switch (b->kind)
        {
        case BIND_COHORT:
        case BIND_INITIAL:
          self->redo_n0 = TRUE;
          break;
        case BIND_DISCOUNT_COSTS:
          self->redo_df_cost = TRUE;
          break;
        case BIND_DISCOUNT_OUTCOMES:
          self->redo_df_out = TRUE;
          break;
        case BIND_INFLOW:
        case BIND_INFLOW_SHARE:
          self->redo_inflow = TRUE;
          break;
        case BIND_ITEM_COST:
        case BIND_USE:
        case BIND_ENTRY:
          self->redo_rates = TRUE;
          break;
        case BIND_ITEM_CASHABLE:
          self->redo_cashable = TRUE;
          break;
        case BIND_TRANSITION:
          if (!row_bound[b->i])
            self->rows[self->n_rows++] = b->i;
          row_bound[b->i] = 1;
          for (int o = 0; o < O; o++)
            if (m->options[o].row_count[b->i] > 0)
              self->prow[(gsize) o * S + b->i] = 1;
          break;
        case BIND_OPTION:
          self->opt_touched[b->i] = 1;
          if (b->j == OPT_FIXED || b->j == OPT_PARTICIPANT)
            self->opt_delivery[b->i] = 1;
          if (b->j == OPT_FIRST || b->j == OPT_ACTIVE || b->j == OPT_RAMP || b->j == OPT_DROP)
            self->opt_timing[b->i] = 1;
          if (b->j == OPT_DEADWEIGHT || b->j == OPT_ATTRIBUTION || b->j == OPT_OB_BENEFITS
              || b->j == OPT_FIRST || b->j == OPT_ACTIVE || b->j == OPT_RAMP
              || b->j == OPT_DROP)
            {
              self->opt_strength[b->i] = 1;
              for (int s = 0; s < S; s++)
                if (m->options[b->i].row_count[s] > 0)
                  self->prow[(gsize) b->i * S + s] = 1;
            }
          break;
        case BIND_EFFECT:
          self->prow[(gsize) b->i * S + m->options[b->i].effects[b->j].from] = 1;
          break;
        case BIND_FUNDING:
        case BIND_ONE_OFF:
          self->opt_delivery[b->i] = 1;
          break;
        case BIND_START_YEAR:
        case BIND_MEASURE_VALUE:
        case BIND_WEIGHT:
        case BIND_SLOW:
        default:
          break;
        }
    }
}

UpBinder *
up_binder_new (UpPlan              *plan,
               UpModel             *model,
               const char * const  *paths,
               GError             **error)
{
  g_autoptr(UpBinder) self = NULL;

  g_return_val_if_fail (UP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (model != NULL, NULL);

  self = g_new0 (UpBinder, 1);
  self->plan = g_object_ref (plan);
  self->model = up_model_ref (model);
  self->n_params = paths != NULL ? g_strv_length ((char **) paths) : 0;
  self->params = g_new0 (Binding, MAX (self->n_params, 1));
  for (guint p = 0; p < self->n_params; p++)
    {
      Binding *b = &self->params[p];

      b->path = g_strdup (paths[p]);
      if (!up_plan_get_param (plan, b->path, &b->base, error))
        return NULL;
      if (!resolve (self, b, error))
        return NULL;
      if (b->kind == BIND_SLOW)
        self->slow = TRUE;
    }

  read_raw (self);
  for (guint p = 0; p < self->n_params; p++)
    {
      Binding *b = &self->params[p];

      if (b->kind != BIND_ONE_OFF)
        continue;
      for (int s = self->one_off_first[b->i]; s < self->one_off_first[b->i + 1]; s++)
        if (self->one_off_cycle[s] == b->j)
          {
            b->j = s;
            break;
          }
    }
  self->use_fold = fold_map (model->n_use, model->use_state, model->use_holder);
  self->entry_fold = fold_map (model->n_entry, model->entry_state, model->entry_holder);
  plan_derivations (self);
  return g_steal_pointer (&self);
}

void
up_binder_free (UpBinder *self)
{
  if (self == NULL)
    return;
  for (guint p = 0; p < self->n_params; p++)
    g_free (self->params[p].path);
  g_free (self->params);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->model, up_model_unref);
  g_free (self->raw_base);
  g_free (self->effect_first);
  g_free (self->one_off_first);
  g_free (self->one_off_cycle);
  g_free (self->funding_holder);
  g_free (self->funding_first);
  g_free (self->has_capacity);
  g_free (self->use_fold);
  g_free (self->entry_fold);
  g_free (self->rows);
  g_free (self->opt_touched);
  g_free (self->opt_strength);
  g_free (self->opt_timing);
  g_free (self->ramp);
  g_free (self->opt_delivery);
  g_free (self->prow);
  g_free (self);
}

guint
up_binder_get_n_params (const UpBinder *self)
{
  return self->n_params;
}

const char *
up_binder_get_path (const UpBinder *self,
                    guint           i)
{
  g_return_val_if_fail (i < self->n_params, NULL);
  return self->params[i].path;
}

double
up_binder_get_base (const UpBinder *self,
                    guint           i)
{
  g_return_val_if_fail (i < self->n_params, NAN);
  return self->params[i].base;
}

gboolean
up_binder_is_integer (const UpBinder *self,
                      guint           i)
{
  g_return_val_if_fail (i < self->n_params, FALSE);
  return self->params[i].integer;
}

gboolean
up_binder_is_fast (const UpBinder *self)
{
  return !self->slow;
}

UpModel *
up_binder_get_model (const UpBinder *self)
{
  return self->model;
}

/* ---- States ----------------------------------------------------------------------- */

UpBinderState *
up_binder_state_new (UpBinder *self)
{
  UpBinderState *st = g_new0 (UpBinderState, 1);

  st->binder = self;
  if (self->slow)
    {
      st->plan = up_plan_copy (self->plan);
      st->model = up_model_ref (self->model);
    }
  else
    st->model = clone_model (self->model);
  st->raw = g_memdup2 (self->raw_base, MAX (self->n_raw, 1) * sizeof (double));
  return st;
}

void
up_binder_state_free (UpBinderState *st)
{
  if (st == NULL)
    return;
  g_clear_pointer (&st->model, up_model_unref);
  g_clear_object (&st->plan);
  g_free (st->raw);
  g_free (st);
}

const UpModel *
up_binder_state_get_model (UpBinderState *st)
{
  return st->model;
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (UP_ERROR, UP_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
apply_slow (UpBinderState *st,
            const double  *values,
            GError       **error)
{
  UpBinder *self = st->binder;
  g_autoptr(GPtrArray) problems = up_problems_new ();
  UpModel *model;

  for (guint p = 0; p < self->n_params; p++)
    if (!up_plan_set_param (st->plan, self->params[p].path, values[p], error))
      return FALSE;
  model = up_model_compile (st->plan, NULL, problems, NULL);
  if (model == NULL)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          UpProblem *problem = problems->pdata[i];

          if (problem->severity == UP_SEVERITY_ERROR)
            return invalid (error, "%s", problem->message);
        }
      return invalid (error, "the plan does not compile with these values");
    }
  up_model_unref (st->model);
  st->model = model;
  return TRUE;
}

/* Writes each value where it belongs: straight into the model when nothing is derived
 * from it, else into the raw inputs. */
static gboolean
write_values (UpBinderState *st,
              const double  *values,
              GError       **error)
{
  UpBinder *self = st->binder;
  UpModel *m = st->model;
  double *raw = st->raw;
  gsize K = m->K, S = m->S, M = m->M;

  for (guint p = 0; p < self->n_params; p++)
    {
      const Binding *b = &self->params[p];
      double v = values[p];

      if (!isfinite (v) || v < b->min || v > b->max || (b->integer && v != floor (v)))
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE], lo[G_ASCII_DTOSTR_BUF_SIZE];
          char hi[G_ASCII_DTOSTR_BUF_SIZE];

          if (b->integer && isfinite (v) && v >= b->min && v <= b->max)
            return invalid (error, "%s is %s, not a whole number", b->path,
                            up_format_double (buf, v));
          if (isfinite (b->max))
            return invalid (error, "%s is %s, outside %s–%s", b->path, up_format_double (buf, v),
                            up_format_double (lo, b->min), up_format_double (hi, b->max));
          return invalid (error, "%s is %s: it must be %s or more", b->path,
                          up_format_double (buf, v), up_format_double (lo, b->min));
        }

      switch (b->kind)
        {
        case BIND_COHORT:
          raw[self->r_cohort] = v;
          break;
        case BIND_START_YEAR:
          m->start_year = (int) v;
          break;
        case BIND_DISCOUNT_COSTS:
          raw[self->r_dcr] = v;
          break;
        case BIND_DISCOUNT_OUTCOMES:
          raw[self->r_dor] = v;
          break;
        case BIND_INFLOW:
          for (gsize k = 0; k < K; k++)
            raw[self->r_inflow + k] = v;
          break;
        case BIND_TRANSITION:
          for (gsize j = 0; j < K; j++)
            m->P[(j * S + b->i) * S + b->j] = v;
          break;
        case BIND_ITEM_COST:
          raw[self->r_item_cost + b->i] = v;
          break;
        case BIND_ITEM_CASHABLE:
          raw[self->r_item_cashable + b->i] = v;
          break;
        case BIND_MEASURE_VALUE:
          m->measure_value[b->i] = v;
          break;
        case BIND_INITIAL:
          raw[self->r_initial + b->i] = v;
          break;
        case BIND_INFLOW_SHARE:
          raw[self->r_inflow_share + b->i] = v;
          break;
        case BIND_USE:
          raw[self->r_use + b->i] = v;
          break;
        case BIND_ENTRY:
          raw[self->r_entry + b->i] = v;
          break;
        case BIND_WEIGHT:
          for (gsize k = 0; k < K; k++)
            m->weights[(k * M + b->j) * S + b->i] = v;
          break;
        case BIND_OPTION:
          raw[self->r_opt + (gsize) b->i * OPT_N + b->j] = v;
          break;
        case BIND_EFFECT:
          {
            double *ev = raw + self->r_effects + (gsize) (self->effect_first[b->i] + b->j) * K;

            for (gsize j = 0; j < K; j++)
              ev[j] = v;
          }
          break;
        case BIND_FUNDING:
          m->options[b->i].funding[b->j] = v;
          break;
        case BIND_ONE_OFF:
          raw[self->r_one_off + b->j] = v;
          break;
        case BIND_SLOW:
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static gboolean
derive_plan (UpBinderState *st,
             GError       **error)
{
  UpBinder *self = st->binder;
  UpModel *m = st->model;
  const double *raw = st->raw;
  int S = m->S, K = m->K;

  if (self->redo_df_cost)
    for (int k = 0; k < K; k++)
      m->df_cost[k] = up_discount_factor (self->discount_costs, raw[self->r_dcr],
                                          (int) m->time[k]);
  if (self->redo_df_out)
    for (int k = 0; k < K; k++)
      m->df_out[k] = up_discount_factor (self->discount_outcomes, raw[self->r_dor],
                                         (int) m->time[k]);
  if (self->redo_n0)
    {
      double cohort = raw[self->r_cohort], sum = 0;

      for (int s = 0; s < S; s++)
        {
          sum += raw[self->r_initial + s];
          m->n0[s] = cohort * raw[self->r_initial + s];
        }
      if (S > 0 && cohort > 0 && fabs (sum - 1.0) > UP_MODEL_SHARE_TOL)
        return invalid (error, "the initial shares of the states add up to %.12g, not 1", sum);
    }
  if (self->redo_inflow)
    {
      const double *inflow = raw + self->r_inflow, *share = raw + self->r_inflow_share;
      gboolean any = FALSE;
      double sum = 0;

      for (int s = 0; s < S; s++)
        sum += share[s];
      for (int k = 0; k < K; k++)
        if (inflow[k] > 0)
          any = TRUE;
      if (any && fabs (sum - 1.0) > UP_MODEL_SHARE_TOL)
        return invalid (error, "the inflow shares of the states add up to %.12g, not 1", sum);
      for (int k = 0; k < K; k++)
        for (int s = 0; s < S; s++)
          m->inflow[(gsize) k * S + s] = any ? inflow[k] * share[s] : 0.0;
    }
  if (self->redo_rates)
    {
      const double *cost = raw + self->r_item_cost;

      for (int l = 0; l < m->n_use; l++)
        {
          int item = m->use_item[l];

          m->use_rate[l] = cost[item] * m->item_uplift[item] * raw[self->r_use + l];
        }
      for (int l = 0; l < m->n_entry; l++)
        {
          int item = m->entry_item[l];

          m->entry_rate[l] = cost[item] * m->item_uplift[item] * raw[self->r_entry + l];
        }
      for (int f = 0; f < m->n_svc; f++)
        m->svc_rate[f] = 0.0;
      for (int l = 0; l < m->n_use; l++)
        m->svc_rate[self->use_fold[l]] += m->use_rate[l];
      for (int f = 0; f < m->n_ent; f++)
        m->ent_rate[f] = 0.0;
      for (int l = 0; l < m->n_entry; l++)
        m->ent_rate[self->entry_fold[l]] += m->entry_rate[l];
    }
  if (self->redo_cashable)
    for (int p = 0; p < m->n_pairs; p++)
      m->pair_cashable[p] = raw[self->r_item_cashable + m->pair_item[p]];
  return TRUE;
}

static gboolean
derive_rows (UpBinderState *st,
             GError       **error)
{
  UpBinder *self = st->binder;
  UpModel *m = st->model;
  int S = m->S, K = m->K;

  for (int r = 0; r < self->n_rows; r++)
    {
      int i = self->rows[r];

      for (int j = 1; j <= K; j++)
        {
          double *row = m->P + ((gsize) (j - 1) * S + i) * S;

          _up_model_complete_row (row, i, S);
          if (row[i] < -UP_MODEL_PROB_TOL)
            return invalid (error, "the probabilities out of state “%s” add up to %.12g in "
                            "cycle %d, more than 1", m->state_ids[i], 1.0 - row[i], j);
        }
    }
  return TRUE;
}

static gboolean
derive_options (UpBinderState *st,
                GError       **error)
{
  UpBinder *self = st->binder;
  UpModel *m = st->model;
  const double *raw = st->raw;
  int K = m->K;

  for (int o = 0; o < m->O; o++)
    {
      UpModelOption *mo = &m->options[o];
      const double *opt = raw + self->r_opt + (gsize) o * OPT_N;

      if (self->opt_touched[o])
        {
          if (mo->kind == UP_OPTION_BAU && opt[OPT_TAKE_UP] != 0)
            return invalid (error, "business as usual has no reach and no effects: its "
                            "take-up must stay 0");
          mo->first = MAX ((int) opt[OPT_FIRST], 1);
          mo->last = opt[OPT_ACTIVE] > 0 ? mo->first + (int) opt[OPT_ACTIVE] - 1 : G_MAXINT;
          mo->take_up = opt[OPT_TAKE_UP];
          mo->capacity = self->has_capacity[o] ? opt[OPT_CAPACITY] : INFINITY;
          mo->fixed = opt[OPT_FIXED];
          mo->per_participant = opt[OPT_PARTICIPANT];
          mo->uplift = (1.0 + opt[OPT_OVERHEAD]) * (1.0 + opt[OPT_OB_COSTS]);
          mo->volunteer_hours = opt[OPT_VOL_HOURS];
          mo->volunteer_value = opt[OPT_VOL_VALUE];
          mo->in_kind = opt[OPT_IN_KIND];
        }
      if (self->opt_strength[o])
        {
          double factor = (1.0 - opt[OPT_DEADWEIGHT]) * opt[OPT_ATTRIBUTION]
                          * (1.0 - opt[OPT_OB_BENEFITS]);

          if (self->opt_timing[o])
            for (int j = 1; j <= K; j++)
              mo->strength[j - 1] = _up_model_effect_strength (opt[OPT_FIRST], opt[OPT_ACTIVE],
                                                               opt[OPT_RAMP], opt[OPT_DROP], j)
                                    * factor;
          else
            for (int j = 1; j <= K; j++)
              mo->strength[j - 1] = self->ramp[(gsize) o * K + j - 1] * factor;
        }
      if (self->opt_delivery[o])
        {
          gboolean has_delivery = opt[OPT_FIXED] != 0 || opt[OPT_PARTICIPANT] != 0;
          double sum = 0;

          for (int s = self->one_off_first[o]; s < self->one_off_first[o + 1]; s++)
            {
              int cycle = self->one_off_cycle[s];
              double amount = raw[self->r_one_off + s];

              if (cycle <= K)
                mo->one_off[cycle - 1] = 0.0 + amount;
              if (amount != 0)
                has_delivery = TRUE;
            }
          for (int f = self->funding_first[o]; f < self->funding_first[o + 1]; f++)
            sum += mo->funding[self->funding_holder[f]];
          if (has_delivery && fabs (sum - 1.0) > UP_MODEL_SHARE_TOL)
            return invalid (error, "the funding shares of option “%s” add up to %.12g; an "
                            "option with delivery costs needs shares that add up to 1",
                            mo->id, sum);
        }
    }
  return TRUE;
}

/* Participant probabilities P*_j of the rows marked, and their check (compile_option). */
static gboolean
derive_participant_rows (UpBinderState *st,
                         GError       **error)
{
  UpBinder *self = st->binder;
  UpModel *m = st->model;
  int S = m->S, K = m->K;

  for (int o = 0; o < m->O; o++)
    {
      UpModelOption *mo = &m->options[o];

      for (int s = 0; s < S; s++)
        {
          int e0 = mo->row_first[s], e1 = mo->row_first[s] + mo->row_count[s];

          if (!self->prow[(gsize) o * S + s] || mo->row_count[s] == 0)
            continue;
          for (int e = e0; e < e1; e++)
            {
              UpModelEffect *effect = &mo->effects[e];
              const double *v = st->raw + self->r_effects
                                + (gsize) (self->effect_first[o] + e) * K;

              for (int j = 1; j <= K; j++)
                {
                  double p = m->P[((gsize) (j - 1) * S + effect->from) * S + effect->to];
                  double sj = mo->strength[j - 1];

                  if (effect->kind == UP_EFFECT_RELATIVE_RISK)
                    effect->pstar[j - 1] = p * (1.0 - (1.0 - v[j - 1]) * sj);
                  else
                    effect->pstar[j - 1] = (1.0 - sj) * p + sj * v[j - 1];
                }
            }
          /* The row as compile checks it: P_j with the effects' entries replaced, the
           * stay probability one minus the rest added in state order. */
          for (int j = mo->first; j <= K; j++)
            {
              const double *prow = m->P + ((gsize) (j - 1) * S + s) * S;
              double sum = 0.0;
              int e = e0;

              for (int t = 0; t < S; t++)
                {
                  double v;

                  if (t == s)
                    continue;
                  if (e < e1 && mo->effects[e].to == t)
                    v = mo->effects[e++].pstar[j - 1];
                  else
                    v = prow[t];
                  if (v < -UP_MODEL_PROB_TOL || v > 1.0 + UP_MODEL_PROB_TOL)
                    return invalid (error, "with option “%s”, the probability from “%s” to "
                                    "“%s” in transition %d is %.12g, outside 0–1", mo->id,
                                    m->state_ids[s], m->state_ids[t], j, v);
                  sum += v;
                }
              if (1.0 - sum < -UP_MODEL_PROB_TOL)
                return invalid (error, "with option “%s”, the probabilities out of “%s” add "
                                "up to %.12g in transition %d, more than 1", mo->id,
                                m->state_ids[s], sum, j);
            }
        }
    }
  return TRUE;
}

gboolean
up_binder_state_apply (UpBinderState *st,
                       const double  *values,
                       GError       **error)
{
  g_return_val_if_fail (st != NULL, FALSE);
  g_return_val_if_fail (values != NULL || st->binder->n_params == 0, FALSE);

  if (st->binder->slow)
    return apply_slow (st, values, error);
  return write_values (st, values, error)
         && derive_plan (st, error)
         && derive_rows (st, error)
         && derive_options (st, error)
         && derive_participant_rows (st, error);
}
