/* up-compile.c: from a plan document to a flat numeric model
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule of docs/engine.md that can be checked before running is checked here,
 * and every problem is reported (not only the first) with the object it belongs to.
 */

#define G_LOG_DOMAIN "up-compile"

#include "config.h"

#include <math.h>
#include <string.h>

#include "up-document-private.h"
#include "up-error.h"
#include "up-model-private.h"
#include "up-util.h"

#define PROB_TOL UP_MODEL_PROB_TOL
#define SHARE_TOL UP_MODEL_SHARE_TOL

typedef struct
{
  UpPlan     *plan;
  UpModel    *model;
  GPtrArray  *problems;
  guint       n_errors;
  GHashTable *state_index;    /* id → index + 1 */
  GHashTable *holder_index;
  GHashTable *item_index;
  GHashTable *measure_index;
  GHashTable *pair_index;     /* "item\nholder" → pair + 1 */
  GArray     *pair_holder;
  GArray     *pair_cashable;
  GArray     *pair_item;
  GPtrArray  *items;          /* UpCostItem by index */
  double     *item_uplift;
} Compiler;

static gpointer
model_alloc (UpModel *model,
             gsize    n,
             gsize    size)
{
  gpointer p = g_malloc0_n (MAX (n, 1), size);

  g_ptr_array_add (model->blocks, p);
  return p;
}

#define NEW(m, T, n) ((T *) model_alloc ((m), (n), sizeof (T)))

static void
error_at (Compiler   *c,
          gpointer    item,
          const char *path,
          const char *format,
          ...) G_GNUC_PRINTF (4, 5);

static void
error_at (Compiler   *c,
          gpointer    item,
          const char *path,
          const char *format,
          ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  c->n_errors++;
  up_problems_add_item (c->problems, UP_SEVERITY_ERROR, item, path, "%s", message);
}

static void
warn_at (Compiler   *c,
         gpointer    item,
         const char *path,
         const char *format,
         ...) G_GNUC_PRINTF (4, 5);

static void
warn_at (Compiler   *c,
         gpointer    item,
         const char *path,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  up_problems_add_item (c->problems, UP_SEVERITY_WARNING, item, path, "%s", message);
}

static int
lookup (GHashTable *index,
        const char *id)
{
  if (id == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (index, id)) - 1;
}

/* Checks every number of an item against its spec's range and wholeness. */
static void
check_numbers (Compiler *c,
               UpItem   *item,
               const char *prefix)
{
  guint n;
  const UpNumberSpec *specs = up_item_class_get_numbers (UP_ITEM_GET_CLASS (item), &n);

  for (guint i = 0; i < n; i++)
    {
      double v = up_item_get_number (item, &specs[i]);
      g_autofree char *path = prefix ? g_strconcat (prefix, "/", specs[i].key, NULL) : NULL;
      char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

      if (!isfinite (v))
        {
          error_at (c, item, path, "%s is not a finite number", specs[i].key);
          continue;
        }
      if (v < specs[i].min || v > specs[i].max)
        error_at (c, item, path, "%s must be between %s and %s", specs[i].key,
                  up_format_double (lo, specs[i].min), up_format_double (hi, specs[i].max));
      else if (specs[i].integer && v != floor (v))
        error_at (c, item, path, "%s must be a whole number", specs[i].key);
    }
}

static void
index_store (Compiler   *c,
             GListStore *store,
             GHashTable *index,
             const char *what)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char *id = up_item_get_id (item);

      if (!up_is_valid_id (id))
        error_at (c, item, NULL, "%s id “%s” is not valid (a letter, then letters, digits, "
                  "“.”, “-” or “_”)", what, id ? id : "");
      else if (g_hash_table_contains (index, id))
        error_at (c, item, NULL, "duplicate %s id “%s”", what, id);
      else
        g_hash_table_insert (index, (gpointer) id, GINT_TO_POINTER (i + 1));
    }
}

static char *
copy_string (UpModel    *model,
             const char *s)
{
  return g_string_chunk_insert_const (model->strings, s ? s : "");
}

/* ---- Discounting ------------------------------------------------------------------ */

static const double greenbook_bounds[] = { 30, 75, 125, 200, 300 };
static const double greenbook_rates[] = { 0.035, 0.030, 0.025, 0.020, 0.015, 0.010 };
static const double health_rates[] = { 0.015, 0.0129, 0.0107, 0.0086, 0.0064, 0.0043 };

double
up_discount_factor (UpDiscountSchedule schedule,
                    double             rate,
                    int                t)
{
  const double *rates;
  double df = 1.0;
  int prev = 0;

  if (t <= 0)
    return 1.0;
  if (schedule == UP_DISCOUNT_CONSTANT)
    return pow (1.0 + rate, -t);

  rates = schedule == UP_DISCOUNT_GREENBOOK ? greenbook_rates : health_rates;
  /* Chain the bands: DF(t) = DF(bound) · (1 + r_next)^-(t - bound). */
  for (guint b = 0; b <= G_N_ELEMENTS (greenbook_bounds); b++)
    {
      int bound = b < G_N_ELEMENTS (greenbook_bounds) ? (int) greenbook_bounds[b] : G_MAXINT;
      int upto = MIN (t, bound);

      if (upto > prev)
        df *= pow (1.0 + rates[b], -(upto - prev));
      prev = upto;
      if (t <= bound)
        break;
    }
  return df;
}

/* ---- Settings, holders, cost items -------------------------------------------------- */

static void
compile_settings (Compiler *c)
{
  UpPlan *plan = c->plan;
  UpModel *m = c->model;

  check_numbers (c, UP_ITEM (plan), "plan");
  m->K = CLAMP ((int) plan->horizon, 1, UP_HORIZON_MAX);
  m->start_year = (int) plan->start_year;
  m->price_base_year = (int) plan->price_base_year;
  m->currency = copy_string (m, plan->currency ? plan->currency : "GBP");
  m->counting = plan->counting;

  m->df_cost = NEW (m, double, m->K);
  m->df_out = NEW (m, double, m->K);
  m->time = NEW (m, double, m->K);
  for (int k = 1; k <= m->K; k++)
    {
      int t = plan->discount_first_cycle ? k : k - 1;

      m->time[k - 1] = t;
      m->df_cost[k - 1] = up_discount_factor (plan->discount_costs, plan->discount_costs_rate, t);
      m->df_out[k - 1] = up_discount_factor (plan->discount_outcomes,
                                             plan->discount_outcomes_rate, t);
    }

  for (guint i = 0; i < plan->price_index->len; i++)
    {
      UpPriceIndexEntry *e = &g_array_index (plan->price_index, UpPriceIndexEntry, i);

      if (!(isfinite (e->index) && e->index > 0))
        error_at (c, plan, NULL, "the price index for %d must be a positive number", e->year);
    }
  if (plan->price_index->len > 0 && !up_plan_lookup_price_index (plan, m->price_base_year, NULL))
    error_at (c, plan, "plan/price-base-year",
              "the price base year %d is not in the price index table", m->price_base_year);
}

static void
compile_holders (Compiler *c)
{
  UpModel *m = c->model;
  GListModel *holders = G_LIST_MODEL (c->plan->holders);

  index_store (c, c->plan->holders, c->holder_index, "budget holder");
  m->H = g_list_model_get_n_items (holders);
  m->holder_public = NEW (m, guint8, m->H);
  m->holder_pooled = NEW (m, guint8, m->H);
  m->holder_ids = NEW (m, char *, m->H);
  m->holder_names = NEW (m, char *, m->H);
  for (int h = 0; h < m->H; h++)
    {
      g_autoptr(UpBudgetHolder) holder = g_list_model_get_item (holders, h);

      m->holder_public[h] = holder->is_public;
      m->holder_pooled[h] = holder->pooled;
      m->holder_ids[h] = copy_string (m, up_item_get_id (UP_ITEM (holder)));
      m->holder_names[h] = copy_string (m, up_item_get_name (UP_ITEM (holder)));
    }
}

static void
compile_cost_items (Compiler *c)
{
  GListModel *items = G_LIST_MODEL (c->plan->cost_items);
  guint n = g_list_model_get_n_items (items);
  double base_index = 1.0;
  gboolean have_index = c->plan->price_index->len > 0;

  index_store (c, c->plan->cost_items, c->item_index, "cost item");
  if (have_index)
    up_plan_lookup_price_index (c->plan, c->model->price_base_year, &base_index);
  c->item_uplift = NEW (c->model, double, n);
  c->model->n_items = n;
  c->model->item_uplift = c->item_uplift;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpCostItem) item = g_list_model_get_item (items, i);
      g_autofree char *prefix = g_strconcat ("cost-item/", up_item_get_id (UP_ITEM (item)), NULL);
      double index = 1.0;

      g_ptr_array_add (c->items, item);
      check_numbers (c, UP_ITEM (item), prefix);
      if (item->holder == NULL)
        error_at (c, item, NULL, "no budget holder given");
      else if (lookup (c->holder_index, item->holder) < 0)
        error_at (c, item, NULL, "budget holder “%s” does not exist", item->holder);
      c->item_uplift[i] = 1.0;
      if (have_index)
        {
          if (!up_plan_lookup_price_index (c->plan, (int) item->price_year, &index))
            error_at (c, item, NULL, "price year %d is not in the price index table",
                      (int) item->price_year);
          else if (index > 0 && base_index > 0)
            c->item_uplift[i] = base_index / index;
        }
    }
}

/* The (cost item, holder) pair a line books to, for cashable savings. */
static int
pair_for (Compiler *c,
          int       item,
          int       holder)
{
  g_autofree char *key = g_strdup_printf ("%d\n%d", item, holder);
  int p = GPOINTER_TO_INT (g_hash_table_lookup (c->pair_index, key)) - 1;
  double cashable;

  if (p >= 0)
    return p;
  p = c->pair_holder->len;
  cashable = ((UpCostItem *) c->items->pdata[item])->cashable;
  g_array_append_val (c->pair_holder, holder);
  g_array_append_val (c->pair_cashable, cashable);
  g_array_append_val (c->pair_item, item);
  g_hash_table_insert (c->pair_index, g_steal_pointer (&key), GINT_TO_POINTER (p + 1));
  return p;
}

/* ---- States, lines, weights ---------------------------------------------------------- */

typedef struct
{
  GArray *state, *holder, *pair, *rate, *item;
} LineSet;

static void
compile_lines (Compiler   *c,
               UpState    *state,
               int         s,
               GListStore *store,
               const char *kind,
               LineSet    *out)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpCostLine) line = g_list_model_get_item (G_LIST_MODEL (store), i);
      int item = lookup (c->item_index, line->item);
      int holder;
      double rate;
      int pair;

      if (item < 0)
        {
          error_at (c, line, NULL, "%s line of state “%s”: cost item “%s” does not exist", kind,
                    up_item_get_id (UP_ITEM (state)), line->item ? line->item : "");
          continue;
        }
      if (line->holder != NULL)
        holder = lookup (c->holder_index, line->holder);
      else
        holder = lookup (c->holder_index, ((UpCostItem *) c->items->pdata[item])->holder);
      if (holder < 0)
        {
          if (line->holder != NULL)
            error_at (c, line, NULL, "%s line of state “%s”: budget holder “%s” does not exist",
                      kind, up_item_get_id (UP_ITEM (state)), line->holder);
          continue;  /* the item's own missing holder is reported once, on the item */
        }
      if (!isfinite (line->quantity) || line->quantity < 0)
        {
          error_at (c, line, NULL, "%s line of state “%s”: quantity must be zero or more",
                    kind, up_item_get_id (UP_ITEM (state)));
          continue;
        }
      rate = ((UpCostItem *) c->items->pdata[item])->cost * c->item_uplift[item] * line->quantity;
      pair = pair_for (c, item, holder);
      g_array_append_val (out->state, s);
      g_array_append_val (out->holder, holder);
      g_array_append_val (out->pair, pair);
      g_array_append_val (out->rate, rate);
      g_array_append_val (out->item, item);
    }
}

static void
lineset_init (LineSet *ls)
{
  ls->state = g_array_new (FALSE, FALSE, sizeof (int));
  ls->holder = g_array_new (FALSE, FALSE, sizeof (int));
  ls->pair = g_array_new (FALSE, FALSE, sizeof (int));
  ls->rate = g_array_new (FALSE, FALSE, sizeof (double));
  ls->item = g_array_new (FALSE, FALSE, sizeof (int));
}

static int
lineset_steal (UpModel  *m,
               LineSet  *ls,
               int     **state,
               int     **holder,
               int     **pair,
               double  **rate,
               int     **item)
{
  int n = ls->state->len;

  *item = NEW (m, int, n);
  *state = NEW (m, int, n);
  *holder = NEW (m, int, n);
  *pair = NEW (m, int, n);
  *rate = NEW (m, double, n);
  /* An empty GArray has no data at all, and memcpy from NULL is undefined even for
   * no bytes (found by the fuzzer, UBSan). */
  if (n > 0)
    {
      memcpy (*item, ls->item->data, n * sizeof (int));
      memcpy (*state, ls->state->data, n * sizeof (int));
      memcpy (*holder, ls->holder->data, n * sizeof (int));
      memcpy (*pair, ls->pair->data, n * sizeof (int));
      memcpy (*rate, ls->rate->data, n * sizeof (double));
    }
  g_array_unref (ls->item);
  g_array_unref (ls->state);
  g_array_unref (ls->holder);
  g_array_unref (ls->pair);
  g_array_unref (ls->rate);
  return n;
}

static gboolean
check_schedule (Compiler   *c,
                gpointer    item,
                const char *path,
                UpSchedule *schedule,
                double      min,
                double      max,
                const char *what)
{
  guint n = up_schedule_get_length (schedule);
  const double *v = up_schedule_get_values (schedule);

  for (guint i = 0; i < n; i++)
    if (!isfinite (v[i]) || v[i] < min || v[i] > max)
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (n == 1)
          error_at (c, item, path, "%s is %s, outside %g–%g", what,
                    up_format_double (buf, v[i]), min, max);
        else
          error_at (c, item, path, "%s is %s in cycle %u, outside %g–%g", what,
                    up_format_double (buf, v[i]), i + 1, min, max);
        return FALSE;
      }
  return TRUE;
}

/* Adds up the rates of lines with the same state and holder. */
static int
fold_lines (UpModel       *m,
            int            n,
            const int     *state,
            const int     *holder,
            const double  *rate,
            int          **out_state,
            int          **out_holder,
            double       **out_rate)
{
  int folded = 0;

  *out_state = NEW (m, int, n);
  *out_holder = NEW (m, int, n);
  *out_rate = NEW (m, double, n);
  for (int l = 0; l < n; l++)
    {
      int f;

      for (f = 0; f < folded; f++)
        if ((*out_state)[f] == state[l] && (*out_holder)[f] == holder[l])
          break;
      if (f == folded)
        {
          (*out_state)[f] = state[l];
          (*out_holder)[f] = holder[l];
          (*out_rate)[f] = 0.0;
          folded++;
        }
      (*out_rate)[f] += rate[l];
    }
  return folded;
}

static void
compile_measures (Compiler *c)
{
  UpModel *m = c->model;
  GListModel *measures = G_LIST_MODEL (c->plan->measures);

  index_store (c, c->plan->measures, c->measure_index, "measure");
  m->M = g_list_model_get_n_items (measures);
  m->measure_counting = NEW (m, int, m->M);
  m->measure_value = NEW (m, double, m->M);
  m->measure_ids = NEW (m, char *, m->M);
  m->measure_names = NEW (m, char *, m->M);
  for (int i = 0; i < m->M; i++)
    {
      g_autoptr(UpMeasure) measure = g_list_model_get_item (measures, i);
      g_autofree char *prefix = g_strconcat ("measure/", up_item_get_id (UP_ITEM (measure)), NULL);

      check_numbers (c, UP_ITEM (measure), prefix);
      m->measure_counting[i] = measure->counting == UP_COUNTING_INHERIT ? (int) m->counting
                                                                        : (int) measure->counting;
      m->measure_value[i] = measure->value;
      m->measure_ids[i] = copy_string (m, up_item_get_id (UP_ITEM (measure)));
      m->measure_names[i] = copy_string (m, up_item_get_name (UP_ITEM (measure)));
    }
}

static void
compile_states (Compiler *c)
{
  UpModel *m = c->model;
  UpPlan *plan = c->plan;
  GListModel *states = G_LIST_MODEL (plan->states);
  double initial_sum = 0, inflow_sum = 0;
  gboolean any_inflow = FALSE;
  LineSet use, entry;

  index_store (c, plan->states, c->state_index, "state");
  m->S = g_list_model_get_n_items (states);
  if (m->S == 0)
    error_at (c, plan, NULL, "the plan has no states");
  m->n0 = NEW (m, double, m->S);
  m->crisis = NEW (m, guint8, m->S);
  m->inflow = NEW (m, double, (gsize) m->K * m->S);
  m->weights = NEW (m, double, (gsize) m->K * m->M * m->S);
  m->state_ids = NEW (m, char *, m->S);
  m->state_names = NEW (m, char *, m->S);

  lineset_init (&use);
  lineset_init (&entry);
  for (int s = 0; s < m->S; s++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (states, s);
      g_autofree char *prefix = g_strconcat ("state/", up_item_get_id (UP_ITEM (state)), NULL);
      g_auto(GStrv) measures = up_state_list_weights (state);

      check_numbers (c, UP_ITEM (state), prefix);
      m->crisis[s] = state->crisis;
      m->state_ids[s] = copy_string (m, up_item_get_id (UP_ITEM (state)));
      m->state_names[s] = copy_string (m, up_item_get_name (UP_ITEM (state)));
      initial_sum += state->initial;
      inflow_sum += state->inflow_share;
      m->n0[s] = plan->cohort_size * state->initial;
      compile_lines (c, state, s, state->use, "service-use", &use);
      compile_lines (c, state, s, state->entry, "entry-cost", &entry);

      for (guint w = 0; measures[w] != NULL; w++)
        {
          int mi = lookup (c->measure_index, measures[w]);
          UpSchedule *weight = up_state_get_weight (state, measures[w]);
          g_autofree char *path = g_strconcat (prefix, "/weight/", measures[w], NULL);

          if (mi < 0)
            {
              error_at (c, state, path, "outcome weight for measure “%s”, which does not exist",
                        measures[w]);
              continue;
            }
          if (!check_schedule (c, state, path, weight, -1e9, 1e9, "the outcome weight"))
            continue;
          for (int k = 1; k <= m->K; k++)
            m->weights[((gsize) (k - 1) * m->M + mi) * m->S + s] = up_schedule_get (weight, k);
        }
    }

  if (m->S > 0 && plan->cohort_size > 0 && fabs (initial_sum - 1.0) > SHARE_TOL)
    error_at (c, plan, NULL, "the initial shares of the states add up to %.12g, not 1",
              initial_sum);
  check_schedule (c, plan, "plan/inflow", plan->inflow, 0, 1e12, "the inflow of new people");
  for (int k = 1; k <= m->K; k++)
    if (up_schedule_get (plan->inflow, k) > 0)
      any_inflow = TRUE;
  if (any_inflow && fabs (inflow_sum - 1.0) > SHARE_TOL)
    error_at (c, plan, NULL, "the inflow shares of the states add up to %.12g, not 1",
              inflow_sum);
  if (any_inflow)
    for (int k = 1; k <= m->K; k++)
      for (int s = 0; s < m->S; s++)
        {
          g_autoptr(UpState) state = g_list_model_get_item (states, s);

          m->inflow[(gsize) (k - 1) * m->S + s] = up_schedule_get (plan->inflow, k) *
                                                  state->inflow_share;
        }

  m->crisis_idx = NEW (m, int, m->S);
  for (int s = 0; s < m->S; s++)
    if (m->crisis[s])
      m->crisis_idx[m->n_crisis++] = s;

  m->n_use = lineset_steal (m, &use, &m->use_state, &m->use_holder, &m->use_pair, &m->use_rate,
                            &m->use_item);
  m->n_entry = lineset_steal (m, &entry, &m->entry_state, &m->entry_holder, &m->entry_pair,
                              &m->entry_rate, &m->entry_item);
  m->n_svc = fold_lines (m, m->n_use, m->use_state, m->use_holder, m->use_rate,
                         &m->svc_state, &m->svc_holder, &m->svc_rate);
  m->n_ent = fold_lines (m, m->n_entry, m->entry_state, m->entry_holder, m->entry_rate,
                         &m->ent_state, &m->ent_holder, &m->ent_rate);
  m->entry_states = NEW (m, int, m->S);
  for (int s = 0; s < m->S; s++)
    for (int l = 0; l < m->n_entry; l++)
      if (m->entry_state[l] == s)
        {
          m->entry_states[m->n_entry_states++] = s;
          break;
        }
}

/* ---- Transitions ------------------------------------------------------------------ */

static void
compile_transitions (Compiler *c)
{
  UpModel *m = c->model;
  GListModel *transitions = G_LIST_MODEL (c->plan->transitions);
  guint n = g_list_model_get_n_items (transitions);
  int S = m->S, K = m->K;
  g_autofree guint8 *seen = g_new0 (guint8, (gsize) MAX (S * S, 1));
  g_autofree gpointer *origin = g_new0 (gpointer, (gsize) MAX (S, 1));

  m->P = NEW (m, double, (gsize) K * S * S);
  for (guint t = 0; t < n; t++)
    {
      g_autoptr(UpTransition) tr = g_list_model_get_item (transitions, t);
      int from = lookup (c->state_index, tr->from);
      int to = lookup (c->state_index, tr->to);
      g_autofree char *path = g_strdup_printf ("transition/%s/%s", tr->from, tr->to);

      if (from < 0 || to < 0)
        {
          if (from < 0)
            error_at (c, tr, NULL, "transition from “%s”, which is not a state",
                      tr->from ? tr->from : "");
          if (to < 0)
            error_at (c, tr, NULL, "transition to “%s”, which is not a state",
                      tr->to ? tr->to : "");
          continue;
        }
      if (from == to)
        {
          error_at (c, tr, path, "a transition from “%s” to itself: the stay probability is "
                    "the complement of the others", tr->from);
          continue;
        }
      if (seen[from * S + to])
        {
          error_at (c, tr, path, "a second transition from “%s” to “%s”", tr->from, tr->to);
          continue;
        }
      seen[from * S + to] = 1;
      if (origin[from] == NULL)
        origin[from] = tr;
      if (!check_schedule (c, tr, path, tr->value, 0, 1, "the probability"))
        continue;
      for (int j = 1; j <= K; j++)
        m->P[((gsize) (j - 1) * S + from) * S + to] = up_schedule_get (tr->value, j);
    }

  /* The sparsity pattern: the moves the plan gives, and every stay. It depends on the
   * structure only, never on values, so sampled values cannot leave it. */
  {
    int count = 0;

    m->pat_start = NEW (m, int, S + 1);
    m->pat_cols = NEW (m, int, (gsize) S * S);
    for (int i = 0; i < S; i++)
      {
        m->pat_start[i] = count;
        for (int col = 0; col < S; col++)
          if (col == i || seen[i * S + col])
            m->pat_cols[count++] = col;
      }
    m->pat_start[S] = count;
  }

  for (int j = 1; j <= K; j++)
    for (int i = 0; i < S; i++)
      {
        double *row = m->P + ((gsize) (j - 1) * S + i) * S;

        _up_model_complete_row (row, i, S);
        if (row[i] < -PROB_TOL && !seen[i * S + i])
          {
            error_at (c, origin[i], NULL, "the probabilities out of state “%s” add up to "
                      "%.12g in cycle %d, more than 1", m->state_ids[i], 1.0 - row[i], j);
            seen[i * S + i] = 1;  /* one message per state is enough */
          }
      }
}

/* ---- Options ---------------------------------------------------------------------- */

double
_up_model_effect_strength (double first_cycle,
                           double active_cycles,
                           double ramp_up,
                           double drop_off,
                           int    j)
{
  int f = (int) first_cycle;
  int R = (int) ramp_up;
  int l = active_cycles > 0 ? f + (int) active_cycles - 1 : G_MAXINT;
  int m;

  if (j < f)
    return 0.0;
  if (j <= l)
    {
      m = j - f + 1;
      return m <= R ? (double) m / (R + 1) : 1.0;
    }
  m = l - f + 1;
  return (m <= R ? (double) m / (R + 1) : 1.0) * pow (1.0 - drop_off, j - l);
}

static double
effect_strength (UpOption *o,
                 int       j)
{
  return _up_model_effect_strength (o->first_cycle, o->active_cycles, o->ramp_up, o->drop_off, j);
}

static int
compare_effects (const void *a,
                 const void *b)
{
  const UpModelEffect *ea = a, *eb = b;

  if (ea->from != eb->from)
    return ea->from - eb->from;
  return ea->to - eb->to;
}

static void
compile_option (Compiler      *c,
                UpOption      *o,
                UpModelOption *mo)
{
  UpModel *m = c->model;
  const char *oid = up_item_get_id (UP_ITEM (o));
  g_autofree char *prefix = g_strconcat ("option/", oid ? oid : "", NULL);
  const char * const *eligible = up_option_get_eligible (o);
  guint n_effects = g_list_model_get_n_items (G_LIST_MODEL (o->effects));
  g_auto(GStrv) funders = up_option_list_funding (o);
  gboolean has_delivery = o->fixed_cost != 0 || o->participant_cost != 0;
  double factor, share_sum = 0;
  int S = m->S, K = m->K, ne = 0;

  check_numbers (c, UP_ITEM (o), prefix);
  mo->id = copy_string (m, oid);
  mo->name = copy_string (m, up_item_get_name (UP_ITEM (o)));
  mo->kind = o->kind;
  mo->first = MAX ((int) o->first_cycle, 1);
  mo->last = o->active_cycles > 0 ? mo->first + (int) o->active_cycles - 1 : G_MAXINT;
  mo->take_up = o->take_up;
  mo->capacity = o->has_capacity ? o->capacity : INFINITY;
  mo->fixed = o->fixed_cost;
  mo->per_participant = o->participant_cost;
  mo->uplift = (1.0 + o->overhead) * (1.0 + o->optimism_bias_costs);
  mo->volunteer_hours = o->volunteer_hours;
  mo->volunteer_value = o->volunteer_value;
  mo->in_kind = o->in_kind;
  mo->eligible = NEW (m, guint8, S);
  mo->eligible_idx = NEW (m, int, S);
  mo->row_first = NEW (m, int, S);
  mo->row_count = NEW (m, int, S);
  mo->strength = NEW (m, double, K);
  mo->one_off = NEW (m, double, K);
  mo->funding = NEW (m, double, m->H);

  if (o->kind == UP_OPTION_BAU)
    {
      if (eligible[0] != NULL || n_effects > 0 || o->take_up != 0)
        error_at (c, o, prefix, "business as usual has no reach and no effects: it is the "
                  "baseline the other options are measured against");
    }

  for (guint i = 0; eligible[i] != NULL; i++)
    {
      int s = lookup (c->state_index, eligible[i]);

      if (s < 0)
        error_at (c, o, prefix, "eligible state “%s” does not exist", eligible[i]);
      else if (!mo->eligible[s])
        {
          mo->eligible[s] = 1;
          mo->eligible_idx[mo->n_eligible++] = s;
        }
    }

  for (guint i = 0; i < o->one_offs->len; i++)
    {
      UpOneOff *oo = &g_array_index (o->one_offs, UpOneOff, i);

      if (oo->cycle < 1)
        error_at (c, o, prefix, "a one-off cost in cycle %d: cycles start at 1", oo->cycle);
      else if (!isfinite (oo->amount) || oo->amount < 0)
        error_at (c, o, prefix, "the one-off cost in cycle %d must be zero or more", oo->cycle);
      else if (oo->cycle <= K)
        mo->one_off[oo->cycle - 1] += oo->amount;
      if (oo->amount != 0)
        has_delivery = TRUE;
    }

  for (guint i = 0; funders[i] != NULL; i++)
    {
      int h = lookup (c->holder_index, funders[i]);
      double share = up_option_get_funding (o, funders[i]);
      g_autofree char *path = g_strconcat (prefix, "/funding/", funders[i], NULL);

      if (h < 0)
        {
          error_at (c, o, path, "funding share for budget holder “%s”, which does not exist",
                    funders[i]);
          continue;
        }
      if (!isfinite (share) || share < 0 || share > 1)
        {
          error_at (c, o, path, "the funding share of “%s” must be between 0 and 1", funders[i]);
          continue;
        }
      mo->funding[h] = share;
      share_sum += share;
    }
  if (has_delivery && fabs (share_sum - 1.0) > SHARE_TOL)
    error_at (c, o, prefix, "the funding shares add up to %.12g; an option with delivery "
              "costs needs shares that add up to 1", share_sum);

  /* Effects */
  factor = (1.0 - o->deadweight) * o->attribution * (1.0 - o->optimism_bias_benefits);
  for (int j = 1; j <= K; j++)
    mo->strength[j - 1] = effect_strength (o, j) * factor;

  mo->effects = NEW (m, UpModelEffect, n_effects);
  for (guint e = 0; e < n_effects; e++)
    {
      g_autoptr(UpEffect) effect = g_list_model_get_item (G_LIST_MODEL (o->effects), e);
      int from = lookup (c->state_index, effect->from);
      int to = lookup (c->state_index, effect->to);
      g_autofree char *path = g_strdup_printf ("%s/effect/%s/%s", prefix,
                                               effect->from, effect->to);
      gboolean dup = FALSE;

      if (from < 0 || to < 0)
        {
          error_at (c, effect, path, "effect on a transition between states that do not exist "
                    "(“%s” to “%s”)", effect->from ? effect->from : "",
                    effect->to ? effect->to : "");
          continue;
        }
      if (from == to)
        {
          error_at (c, effect, path, "effect on the stay probability of “%s”: give effects on "
                    "moves out of a state", effect->from);
          continue;
        }
      if (!mo->eligible[from])
        {
          error_at (c, effect, path, "effect on a move out of “%s”, which is not eligible for "
                    "option “%s”", effect->from, oid);
          continue;
        }
      for (int x = 0; x < ne; x++)
        if (mo->effects[x].from == from && mo->effects[x].to == to)
          dup = TRUE;
      if (dup)
        {
          error_at (c, effect, path, "a second effect of option “%s” on “%s” to “%s”", oid,
                    effect->from, effect->to);
          continue;
        }
      if (effect->kind == UP_EFFECT_RELATIVE_RISK)
        {
          if (!up_schedule_is_constant (effect->value))
            {
              error_at (c, effect, path, "a relative risk is one number, not a schedule");
              continue;
            }
          if (!check_schedule (c, effect, path, effect->value, 0, 1e6, "the relative risk"))
            continue;
        }
      else if (!check_schedule (c, effect, path, effect->value, 0, 1, "the replacement value"))
        continue;

      mo->effects[ne].from = from;
      mo->effects[ne].to = to;
      mo->effects[ne].kind = effect->kind;
      mo->effects[ne].pstar = NEW (m, double, K);
      for (int j = 1; j <= K; j++)
        {
          double p = m->P[((gsize) (j - 1) * S + from) * S + to];
          double s = mo->strength[j - 1];
          double v = up_schedule_get (effect->value, j);

          if (effect->kind == UP_EFFECT_RELATIVE_RISK)
            mo->effects[ne].pstar[j - 1] = p * (1.0 - (1.0 - v) * s);
          else
            mo->effects[ne].pstar[j - 1] = (1.0 - s) * p + s * v;
        }
      ne++;
    }
  mo->n_effects = ne;
  qsort (mo->effects, ne, sizeof (UpModelEffect), compare_effects);

  /* This option's pattern: the baseline's plus its effect targets. */
  mo->pat_start = m->pat_start;
  mo->pat_cols = m->pat_cols;
  if (ne > 0)
    {
      int n = 0;

      mo->pat_start = NEW (m, int, S + 1);
      mo->pat_cols = NEW (m, int, (gsize) S * S);
      for (int i = 0; i < S; i++)
        {
          mo->pat_start[i] = n;
          for (int col = 0; col < S; col++)
            {
              gboolean used = FALSE;

              for (int p = m->pat_start[i]; p < m->pat_start[i + 1] && !used; p++)
                used = m->pat_cols[p] == col;
              for (int e = 0; e < ne && !used; e++)
                used = mo->effects[e].from == i && mo->effects[e].to == col;
              if (used)
                mo->pat_cols[n++] = col;
            }
        }
      mo->pat_start[S] = n;
    }
  for (int s = 0; s < S; s++)
    mo->row_first[s] = -1;
  for (int e = ne - 1; e >= 0; e--)
    {
      mo->row_first[mo->effects[e].from] = e;
      mo->row_count[mo->effects[e].from]++;
    }

  /* Check every participant row P*_j from the first active cycle on. */
  if (ne > 0)
    {
      g_autofree double *row = g_new (double, S);

      for (int s = 0; s < S; s++)
        {
          if (mo->row_count[s] == 0)
            continue;
          for (int j = mo->first; j <= K; j++)
            {
              const double *prow = m->P + ((gsize) (j - 1) * S + s) * S;
              gboolean bad = FALSE;

              memcpy (row, prow, S * sizeof (double));
              for (int e = mo->row_first[s]; e < mo->row_first[s] + mo->row_count[s]; e++)
                row[mo->effects[e].to] = mo->effects[e].pstar[j - 1];
              _up_model_complete_row (row, s, S);
              for (int t = 0; t < S && !bad; t++)
                if (t != s && (row[t] < -PROB_TOL || row[t] > 1.0 + PROB_TOL))
                  {
                    error_at (c, o, prefix, "with option “%s”, the probability from “%s” to "
                              "“%s” in transition %d is %.12g, outside 0–1", oid,
                              m->state_ids[s], m->state_ids[t], j, row[t]);
                    bad = TRUE;
                  }
              if (!bad && row[s] < -PROB_TOL)
                {
                  error_at (c, o, prefix, "with option “%s”, the probabilities out of “%s” "
                            "add up to %.12g in transition %d, more than 1", oid,
                            m->state_ids[s], 1.0 - row[s], j);
                  bad = TRUE;
                }
              if (bad)
                break;
            }
        }
    }

  if (o->kind != UP_OPTION_BAU && mo->n_eligible == 0 && ne == 0 && o->take_up > 0)
    warn_at (c, o, prefix, "option “%s” has take-up but no eligible states", oid);
}

static void
compile_options (Compiler *c)
{
  UpModel *m = c->model;
  GListModel *options = G_LIST_MODEL (c->plan->options);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  int n_bau = 0;

  index_store (c, c->plan->options, ids, "option");
  m->O = g_list_model_get_n_items (options);
  m->options = NEW (m, UpModelOption, m->O);
  m->bau = -1;
  for (int i = 0; i < m->O; i++)
    {
      g_autoptr(UpOption) o = g_list_model_get_item (options, i);

      if (o->kind == UP_OPTION_BAU)
        {
          if (n_bau++ == 0)
            m->bau = i;
          else
            error_at (c, o, NULL, "a second business-as-usual option: a plan has exactly one");
        }
      compile_option (c, o, &m->options[i]);
    }
  if (n_bau == 0)
    error_at (c, c->plan, NULL, "the plan has no business-as-usual option (kind “bau”)");
}

/* ---- References held as parameter paths -------------------------------------------- */

static void
check_paths (Compiler *c)
{
  UpPlan *plan = c->plan;
  g_auto(GStrv) paths = up_plan_list_distributions (plan);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (plan->scenarios));

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      double v;

      if (!up_plan_get_param (plan, paths[i], &v, &error))
        error_at (c, plan, paths[i], "uncertainty: %s", error->message);
      else if (!up_distribution_check (up_plan_get_distribution (plan, paths[i]), &error))
        error_at (c, plan, paths[i], "uncertainty on “%s”: %s", paths[i], error->message);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (G_LIST_MODEL (plan->scenarios), i);
      g_auto(GStrv) overrides = up_scenario_list_overrides (scenario);

      for (guint p = 0; overrides[p] != NULL; p++)
        {
          g_autoptr(GError) error = NULL;
          double v;

          if (!up_plan_get_param (plan, overrides[p], &v, &error))
            error_at (c, scenario, overrides[p], "%s", error->message);
        }
    }
}

/* ---- Entry point ------------------------------------------------------------------ */

static UpModel *
model_new (void)
{
  UpModel *m = g_new0 (UpModel, 1);

  g_atomic_ref_count_init (&m->ref_count);
  m->blocks = g_ptr_array_new_with_free_func (g_free);
  m->strings = g_string_chunk_new (256);
  return m;
}

/* Refuses a plan over the UP_*_MAX limits before anything is allocated for it: a file
 * of 20,000 states would otherwise ask for horizon × 20,000² numbers. */
static gboolean
check_size (UpPlan     *plan,
            GPtrArray  *problems,
            GError    **error)
{
  const struct { GListStore *store; int max; const char *what; } limits[] = {
    { plan->states, UP_STATES_MAX, "states" },
    { plan->options, UP_OPTIONS_MAX, "options" },
    { plan->holders, UP_HOLDERS_MAX, "budget holders" },
    { plan->measures, UP_MEASURES_MAX, "outcome measures" },
    { plan->scenarios, UP_SCENARIOS_MAX, "scenarios" },
  };
  g_autofree char *first = NULL;
  guint n_errors = 0;

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (limits[i].store));
      g_autoptr(UpItem) over = NULL;
      g_autofree char *message = NULL;

      if (n <= (guint) limits[i].max)
        continue;
      over = g_list_model_get_item (G_LIST_MODEL (limits[i].store), limits[i].max);
      message = g_strdup_printf ("a plan has at most %d %s; this one has %u",
                                 limits[i].max, limits[i].what, n);
      up_problems_add_item (problems, UP_SEVERITY_ERROR, over, NULL, "%s", message);
      if (n_errors++ == 0)
        first = g_steal_pointer (&message);
    }
  if (n_errors == 0)
    return TRUE;
  g_set_error (error, UP_ERROR, UP_ERROR_INVALID, "%u problem%s in the plan; the first: %s",
               n_errors, n_errors == 1 ? "" : "s", first);
  return FALSE;
}

static UpModel *
compile_plan (UpPlan     *plan,
              GPtrArray  *problems,
              gboolean    check_references,
              GError    **error)
{
  Compiler c = { 0 };
  g_autoptr(GPtrArray) local = NULL;
  UpModel *m;

  if (problems == NULL)
    problems = local = up_problems_new ();
  if (!check_size (plan, problems, error))
    return NULL;
  m = model_new ();
  c.plan = plan;
  c.model = m;
  c.problems = problems;
  c.state_index = g_hash_table_new (g_str_hash, g_str_equal);
  c.holder_index = g_hash_table_new (g_str_hash, g_str_equal);
  c.item_index = g_hash_table_new (g_str_hash, g_str_equal);
  c.measure_index = g_hash_table_new (g_str_hash, g_str_equal);
  c.pair_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.pair_holder = g_array_new (FALSE, FALSE, sizeof (int));
  c.pair_cashable = g_array_new (FALSE, FALSE, sizeof (double));
  c.pair_item = g_array_new (FALSE, FALSE, sizeof (int));
  c.items = g_ptr_array_new ();

  compile_settings (&c);
  compile_holders (&c);
  compile_cost_items (&c);
  compile_measures (&c);
  compile_states (&c);
  compile_transitions (&c);
  compile_options (&c);
  if (check_references)
    check_paths (&c);

  m->n_pairs = c.pair_holder->len;
  m->pair_holder = NEW (m, int, m->n_pairs);
  m->pair_cashable = NEW (m, double, m->n_pairs);
  m->pair_item = NEW (m, int, m->n_pairs);
  if (m->n_pairs > 0)   /* no data to copy from: see lineset_steal() */
    {
      memcpy (m->pair_holder, c.pair_holder->data, m->n_pairs * sizeof (int));
      memcpy (m->pair_cashable, c.pair_cashable->data, m->n_pairs * sizeof (double));
      memcpy (m->pair_item, c.pair_item->data, m->n_pairs * sizeof (int));
    }

  g_hash_table_unref (c.state_index);
  g_hash_table_unref (c.holder_index);
  g_hash_table_unref (c.item_index);
  g_hash_table_unref (c.measure_index);
  g_hash_table_unref (c.pair_index);
  g_array_unref (c.pair_holder);
  g_array_unref (c.pair_cashable);
  g_array_unref (c.pair_item);
  g_ptr_array_unref (c.items);

  if (c.n_errors > 0)
    {
      UpProblem *first = NULL;

      for (guint i = 0; i < problems->len && first == NULL; i++)
        if (((UpProblem *) problems->pdata[i])->severity == UP_SEVERITY_ERROR)
          first = problems->pdata[i];
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                   "%u problem%s in the plan; the first: %s", c.n_errors,
                   c.n_errors == 1 ? "" : "s", first ? first->message : "");
      up_model_unref (m);
      return NULL;
    }
  return m;
}

UpModel *
up_model_compile (UpPlan      *plan,
                  UpScenario  *scenario,
                  GPtrArray   *problems,
                  GError     **error)
{
  g_autoptr(UpPlan) copy = NULL;

  g_return_val_if_fail (UP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || UP_IS_SCENARIO (scenario), NULL);

  if (scenario == NULL)
    return compile_plan (plan, problems, TRUE, error);

  copy = up_plan_copy (plan);
  if (!up_plan_apply_scenario (copy, scenario, error))
    {
      if (problems != NULL)
        up_problems_add_item (problems, UP_SEVERITY_ERROR, UP_ITEM (scenario), NULL, "%s",
                              (*error)->message);
      return NULL;
    }
  return compile_plan (copy, problems, FALSE, error);
}

UpModel *
up_model_ref (UpModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_atomic_ref_count_inc (&model->ref_count);
  return model;
}

void
up_model_unref (UpModel *model)
{
  g_return_if_fail (model != NULL);
  if (!g_atomic_ref_count_dec (&model->ref_count))
    return;
  g_ptr_array_unref (model->blocks);
  if (model->strings != NULL)
    g_string_chunk_free (model->strings);
  g_clear_pointer (&model->origin, up_model_unref);
  g_free (model);
}

int up_model_get_n_cycles (const UpModel *m) { return m->K; }
int up_model_get_n_states (const UpModel *m) { return m->S; }
int up_model_get_n_options (const UpModel *m) { return m->O; }
int up_model_get_n_holders (const UpModel *m) { return m->H; }
int up_model_get_n_measures (const UpModel *m) { return m->M; }
int up_model_get_bau_index (const UpModel *m) { return m->bau; }
int up_model_get_start_year (const UpModel *m) { return m->start_year; }
int up_model_get_price_base_year (const UpModel *m) { return m->price_base_year; }
const char *up_model_get_currency (const UpModel *m) { return m->currency; }
UpCounting up_model_get_counting (const UpModel *m) { return m->counting; }
const char *up_model_get_option_id (const UpModel *m, int o) { return m->options[o].id; }
const char *up_model_get_option_name (const UpModel *m, int o) { return m->options[o].name; }
UpOptionKind up_model_get_option_kind (const UpModel *m, int o) { return m->options[o].kind; }
const char *up_model_get_state_id (const UpModel *m, int s) { return m->state_ids[s]; }
const char *up_model_get_state_name (const UpModel *m, int s) { return m->state_names[s]; }
gboolean up_model_get_state_crisis (const UpModel *m, int s) { return m->crisis[s]; }
const char *up_model_get_holder_id (const UpModel *m, int h) { return m->holder_ids[h]; }
const char *up_model_get_holder_name (const UpModel *m, int h) { return m->holder_names[h]; }
gboolean up_model_get_holder_public (const UpModel *m, int h) { return m->holder_public[h]; }
gboolean up_model_get_holder_pooled (const UpModel *m, int h) { return m->holder_pooled[h]; }
const char *up_model_get_measure_id (const UpModel *m, int i) { return m->measure_ids[i]; }
const char *up_model_get_measure_name (const UpModel *m, int i) { return m->measure_names[i]; }
double up_model_get_df_cost (const UpModel *m, int k) { return m->df_cost[k - 1]; }
double up_model_get_df_outcome (const UpModel *m, int k) { return m->df_out[k - 1]; }
double up_model_get_time (const UpModel *m, int k) { return m->time[k - 1]; }
