/* up-psa.c: probabilistic sensitivity analysis
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The samples are cut into blocks whose size depends only on N. Threads take blocks in
 * turn; every per-sample result is written at the sample's index, and every sum is made
 * per block, in sample order, then the blocks are combined in block order. So which
 * thread ran which block never shows in the numbers.
 */

#define G_LOG_DOMAIN "up-psa"

#include "config.h"

#include <math.h>
#include <string.h>

#include "up-binder.h"
#include "up-error.h"
#include "up-model-private.h"
#include "up-psa.h"

/* Percentiles are taken from the first samples only when keeping all of them would
 * take more than this, and never from fewer than PSA_MIN_KEPT. */
#define PSA_KEEP_BUDGET (256 * 1024 * 1024)
#define PSA_MIN_KEPT 10000
/* Samples between two looks at the GCancellable. */
#define PSA_CANCEL_EVERY 16

/* Key metrics of the samples CSV, per option. */
static const UpMetric csv_metrics[] = {
  UP_METRIC_PUBLIC_COST, UP_METRIC_NPBI, UP_METRIC_NPSV, UP_METRIC_CRISIS_COST,
  UP_METRIC_CRISIS_EPISODES_AVOIDED, UP_METRIC_BREAK_EVEN_YEAR,
};
#define N_CSV_METRICS G_N_ELEMENTS (csv_metrics)

static const double band_p[UP_PSA_N_BANDS] = { 0.025, 0.25, 0.5, 0.75, 0.975 };
static const double summary_p[3] = { 0.025, 0.5, 0.975 };

struct _UpPsa
{
  UpModel      *model;
  guint64       seed;
  guint64       n_samples;
  guint64       n_valid;
  guint64       n_invalid;
  guint64       n_kept;
  guint64       first_invalid;
  char         *first_invalid_message;
  int           O, K;

  guint         n_params;
  char        **paths;
  UpDistFit    *fits;
  double       *base;

  UpPsaSummary *summary;       /* [O * UP_METRIC_N] */
  double       *cheapest;      /* [O] */
  double       *saving;        /* [O * K] */
  double       *bands;         /* [((series * O + o) * K + k-1) * UP_PSA_N_BANDS] */
  double       *kept;          /* [(o * UP_METRIC_N + metric) * n_kept + i] */
  double       *kept_series;   /* [((series * O + o) * K + k-1) * n_kept + i] */

  gboolean      keep_samples;
  double       *values;        /* [i * n_params + p] */
  double       *key;           /* [(i * O + o) * N_CSV_METRICS + x] */
  guint8       *valid;         /* [i] */
};

/* Running sums of one block. */
typedef struct
{
  double  *stats;          /* [(o * UP_METRIC_N + metric) * 3]: n, mean, M2 (Welford) */
  double  *cheapest;       /* [O] */
  guint64  n_valid;
  guint64  first_invalid;  /* G_MAXUINT64 when none */
  char    *message;
} Block;

typedef struct
{
  UpPsa             *psa;
  UpBinder          *binder;
  guint64            block_size;
  gint               n_blocks;
  gint               next_block;     /* atomic */
  gint               stop;           /* atomic: cancelled */
  Block             *blocks;
  GCancellable      *cancellable;
  GMutex             progress_lock;
  guint64            done;
  UpPsaProgressFunc  progress;
  gpointer           progress_data;
} Run;

typedef struct
{
  Run           *run;
  UpBinderState *state;
  UpResults     *results;
  gsl_rng       *rng;
  double        *values;
  guint64       *saving;         /* [O * K] */
  GThread       *thread;
} Worker;

/* ---- Quantiles -------------------------------------------------------------------- */

/* Moves the values of x[lo, hi) below pivot to the front; returns where they end. The
 * loop has no branch on the data, so its cost does not depend on how the values fall. */
static gsize
partition_below (double *x,
                 gsize   lo,
                 gsize   hi,
                 double  pivot)
{
  gsize store = lo;

  /* Lomuto's partition with the swap made every time: [lo, store) holds values below
   * the pivot and [store, i) the others, so swapping x[i] with x[store] keeps both true
   * whether or not x[i] is below; only store moves on the comparison. */
  for (gsize i = lo; i < hi; i++)
    {
      double v = x[i];

      x[i] = x[store];
      x[store] = v;
      store += v < pivot;
    }
  return store;
}

/* Reorders x[lo, hi) so that, for every rank r in ranks[0, n_ranks) (ascending, all in
 * [lo, hi)), x[r] is the value a sort would put there. Each round splits the range into
 * values below, equal to and above a pivot (so many equal values cost one round) and
 * goes on only into the parts that hold a rank still wanted. */
static void
multiselect (double      *x,
             gsize        lo,
             gsize        hi,
             const gsize *ranks,
             int          n_ranks)
{
  while (n_ranks > 0)
    {
      double a, b, c, pivot;
      gsize lt, eq;
      int below = 0, done = 0;

      if (hi - lo <= 16)
        {
          for (gsize i = lo + 1; i < hi; i++)
            {
              double v = x[i];
              gsize j = i;

              for (; j > lo && x[j - 1] > v; j--)
                x[j] = x[j - 1];
              x[j] = v;
            }
          return;
        }
      a = x[lo];
      b = x[lo + (hi - lo) / 2];
      c = x[hi - 1];
      pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
      lt = partition_below (x, lo, hi, pivot);
      /* Everything from lt on is ≥ pivot: "not above" is "equal". */
      eq = lt;
      for (gsize i = lt; i < hi; i++)
        {
          double v = x[i];

          x[i] = x[eq];
          x[eq] = v;
          eq += !(v > pivot);
        }
      while (below < n_ranks && ranks[below] < lt)
        below++;
      done = below;
      while (done < n_ranks && ranks[done] < eq)
        done++;
      if (below > 0)
        multiselect (x, lo, lt, ranks, below);
      ranks += done;
      n_ranks -= done;
      lo = eq;
    }
}

/* Quantiles of x[0, n) as gsl_stats_quantile_from_sorted_data() (R's type 7) gives them
 * from sorted data; p ascending, at most 8 of them. Reorders x. */
static void
quantiles (double       *x,
           gsize         n,
           const double *p,
           int           n_p,
           double       *out)
{
  gsize ranks[16], lhs[8];
  double delta[8];
  int n_ranks = 0;

  g_assert (n_p <= 8);
  if (n == 0)
    {
      for (int q = 0; q < n_p; q++)
        out[q] = NAN;
      return;
    }
  for (int q = 0; q < n_p; q++)
    {
      double h = (n - 1) * p[q];

      lhs[q] = (gsize) floor (h);
      delta[q] = h - lhs[q];
      if (n_ranks == 0 || ranks[n_ranks - 1] < lhs[q])
        ranks[n_ranks++] = lhs[q];
      if (lhs[q] + 1 < n && (n_ranks == 0 || ranks[n_ranks - 1] < lhs[q] + 1))
        ranks[n_ranks++] = lhs[q] + 1;
    }
  multiselect (x, 0, n, ranks, n_ranks);
  for (int q = 0; q < n_p; q++)
    {
      double v = x[lhs[q]];

      if (delta[q] > 0 && lhs[q] + 1 < n && x[lhs[q] + 1] != v)
        v = (1 - delta[q]) * v + delta[q] * x[lhs[q] + 1];
      out[q] = v;
    }
}

/* Copies the defined values of src[0, n) to scratch; returns how many, and whether they
 * are all the same (then every quantile is that value, and no selection is needed). */
static gsize
gather (const double *src,
        gsize         n,
        double       *scratch,
        gboolean     *constant)
{
  double lo = INFINITY, hi = -INFINITY;
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (!isnan (src[i]))
      {
        double v = src[i];

        scratch[m++] = v;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
      }
  *constant = m > 0 && lo == hi;
  return m;
}

/* quantiles() of scratch[0, n) as gathered. */
static void
gathered_quantiles (double       *scratch,
                    gsize         n,
                    gboolean      constant,
                    const double *p,
                    int           n_p,
                    double       *out)
{
  if (!constant)
    {
      quantiles (scratch, n, p, n_p, out);
      return;
    }
  for (int q = 0; q < n_p; q++)
    out[q] = scratch[0];
}

/* ---- Workers ---------------------------------------------------------------------- */

static gboolean
should_stop (Run *run)
{
  if (g_atomic_int_get (&run->stop))
    return TRUE;
  if (g_cancellable_is_cancelled (run->cancellable))
    {
      g_atomic_int_set (&run->stop, 1);
      return TRUE;
    }
  return FALSE;
}

static void
record_sample (Worker  *w,
               Block   *blk,
               guint64  i)
{
  UpPsa *psa = w->run->psa;
  const UpResults *r = w->results;
  const UpModel *m = psa->model;
  int O = psa->O, K = psa->K, H = m->H;
  guint64 Q = psa->n_kept;
  double min_pc = INFINITY;
  int n_min = 0;

  blk->n_valid++;
  for (int o = 0; o < O; o++)
    {
      double pc = r->metrics[o].public_cost;

      if (pc < min_pc)
        {
          min_pc = pc;
          n_min = 1;
        }
      else if (pc == min_pc)
        n_min++;
    }
  for (int o = 0; o < O; o++)
    if (r->metrics[o].public_cost == min_pc)
      blk->cheapest[o] += 1.0 / n_min;

  for (int o = 0; o < O; o++)
    {
      for (int x = 0; x < UP_METRIC_N; x++)
        {
          double v = up_metric_get_value (&r->metrics[o], x);
          double *st = blk->stats + ((gsize) o * UP_METRIC_N + x) * 3;

          if (!isfinite (v))
            v = NAN;
          else
            {
              double delta = v - st[1];

              st[0] += 1;
              st[1] += delta / st[0];
              st[2] += delta * (v - st[1]);
            }
          if (i < Q)
            psa->kept[((gsize) o * UP_METRIC_N + x) * Q + i] = v;
        }
      for (int k = 1; k <= K; k++)
        {
          double cum = r->cum_net[(gsize) o * K + (k - 1)];

          if (cum >= 0)
            w->saving[(gsize) o * K + (k - 1)]++;
          if (i < Q)
            {
              double crisis = 0;

              for (int h = 0; h < H; h++)
                if (m->holder_public[h])
                  crisis += up_results_cost (r, o, k, h, UP_COST_CRISIS);
              psa->kept_series[(((gsize) UP_PSA_CRISIS_COST * O + o) * K + (k - 1)) * Q + i] =
                crisis;
              psa->kept_series[(((gsize) UP_PSA_CUM_NET * O + o) * K + (k - 1)) * Q + i] = cum;
            }
        }
      if (psa->keep_samples)
        for (guint x = 0; x < N_CSV_METRICS; x++)
          psa->key[((gsize) i * O + o) * N_CSV_METRICS + x] =
            up_metric_get_value (&r->metrics[o], csv_metrics[x]);
    }
  if (psa->keep_samples)
    psa->valid[i] = 1;
}

static void
record_invalid (Worker  *w,
                Block   *blk,
                guint64  i,
                GError  *error)
{
  UpPsa *psa = w->run->psa;
  int O = psa->O, K = psa->K;
  guint64 Q = psa->n_kept;

  if (blk->first_invalid == G_MAXUINT64)
    {
      blk->first_invalid = i;
      blk->message = g_strdup (error->message);
    }
  if (i < Q)
    {
      for (gsize x = 0; x < (gsize) O * UP_METRIC_N; x++)
        psa->kept[x * Q + i] = NAN;
      for (gsize x = 0; x < (gsize) UP_PSA_N_SERIES * O * K; x++)
        psa->kept_series[x * Q + i] = NAN;
    }
}

/* Runs samples [first, last); FALSE when stopped part-way. */
static gboolean
run_block (Worker  *w,
           Block   *blk,
           guint64  first,
           guint64  last)
{
  Run *run = w->run;
  UpPsa *psa = run->psa;

  for (guint64 i = first; i < last; i++)
    {
      g_autoptr(GError) error = NULL;

      if ((i - first) % PSA_CANCEL_EVERY == 0 && should_stop (run))
        return FALSE;
      up_rng_set_stream (w->rng, psa->seed, i);
      for (guint p = 0; p < psa->n_params; p++)
        {
          double v = up_dist_fit_sample (&psa->fits[p], w->rng);

          /* Whole-number parameters (cycles, years) take the nearest whole number. */
          if (up_binder_is_integer (run->binder, p))
            v = round (v);
          w->values[p] = v;
        }
      if (psa->keep_samples)
        memcpy (psa->values + i * psa->n_params, w->values, psa->n_params * sizeof (double));
      if (!up_binder_state_apply (w->state, w->values, &error))
        {
          record_invalid (w, blk, i, error);
          continue;
        }
      up_engine_run (up_binder_state_get_model (w->state), w->results);
      record_sample (w, blk, i);
    }
  return TRUE;
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  Run *run = w->run;
  guint64 N = run->psa->n_samples;

  for (;;)
    {
      gint b;
      guint64 first, last;

      if (should_stop (run))
        break;
      b = g_atomic_int_add (&run->next_block, 1);
      if (b >= run->n_blocks)
        break;
      first = (guint64) b * run->block_size;
      last = MIN (first + run->block_size, N);
      if (!run_block (w, &run->blocks[b], first, last))
        break;
      if (run->progress != NULL)
        {
          g_mutex_lock (&run->progress_lock);
          run->done += last - first;
          run->progress (run->done, N, run->progress_data);
          g_mutex_unlock (&run->progress_lock);
        }
    }
  return NULL;
}

/* Runs func on the calling thread and n_threads − 1 more, and joins them. */
static void
run_threads (Worker *workers,
             guint   n_threads,
             GThreadFunc func)
{
  for (guint t = 1; t < n_threads; t++)
    {
      g_autoptr(GError) error = NULL;

      workers[t].thread = g_thread_try_new ("up-psa", func, &workers[t], &error);
      if (workers[t].thread == NULL)
        g_warning ("could not start a worker thread (%s); running on fewer",
                   error->message);
    }
  func (&workers[0]);
  for (guint t = 1; t < n_threads; t++)
    if (workers[t].thread != NULL)
      g_thread_join (g_steal_pointer (&workers[t].thread));
}

/* ---- Quantile tasks, also spread over the threads ----------------------------------- */

typedef struct
{
  UpPsa        *psa;
  GCancellable *cancellable;
  gint          next;
  gint          n_tasks;
  gint          stop;
} QuantileRun;

typedef struct
{
  QuantileRun *run;
  GThread     *thread;
} QuantileWorker;

static gpointer
quantile_main (gpointer data)
{
  QuantileWorker *w = data;
  QuantileRun *run = w->run;
  UpPsa *psa = run->psa;
  gsize Q = psa->n_kept;
  gint n_metric_tasks = psa->O * UP_METRIC_N;
  g_autofree double *scratch = g_new (double, MAX (Q, 1));

  for (;;)
    {
      gint t;
      gsize n;
      gboolean constant;

      if (g_atomic_int_get (&run->stop))
        break;
      if (g_cancellable_is_cancelled (run->cancellable))
        {
          g_atomic_int_set (&run->stop, 1);
          break;
        }
      t = g_atomic_int_add (&run->next, 1);
      if (t >= run->n_tasks)
        break;
      if (t < n_metric_tasks)
        {
          UpPsaSummary *s = &psa->summary[t];
          double q[3];

          n = gather (psa->kept + (gsize) t * Q, Q, scratch, &constant);
          gathered_quantiles (scratch, n, constant, summary_p, 3, q);
          s->p025 = q[0];
          s->p50 = q[1];
          s->p975 = q[2];
        }
      else
        {
          gsize x = t - n_metric_tasks;

          n = gather (psa->kept_series + x * Q, Q, scratch, &constant);
          gathered_quantiles (scratch, n, constant, band_p, UP_PSA_N_BANDS,
                              psa->bands + x * UP_PSA_N_BANDS);
        }
    }
  return NULL;
}

static gboolean
compute_quantiles (UpPsa        *psa,
                   guint         n_threads,
                   GCancellable *cancellable)
{
  QuantileRun run = { psa, cancellable, 0, 0, 0 };
  g_autofree QuantileWorker *workers = NULL;

  run.n_tasks = psa->O * UP_METRIC_N + UP_PSA_N_SERIES * psa->O * psa->K;
  n_threads = CLAMP (n_threads, 1, (guint) run.n_tasks);
  workers = g_new0 (QuantileWorker, n_threads);
  for (guint t = 0; t < n_threads; t++)
    workers[t].run = &run;
  for (guint t = 1; t < n_threads; t++)
    workers[t].thread = g_thread_try_new ("up-psa", quantile_main, &workers[t], NULL);
  quantile_main (&workers[0]);
  for (guint t = 1; t < n_threads; t++)
    if (workers[t].thread != NULL)
      g_thread_join (workers[t].thread);
  return !run.stop;
}

/* ---- Summaries -------------------------------------------------------------------- */

static void
combine_blocks (UpPsa *psa,
                Run   *run,
                Worker *workers,
                guint  n_threads)
{
  int O = psa->O, K = psa->K;
  gsize n_stats = (gsize) O * UP_METRIC_N;
  g_autofree double *total = g_new0 (double, n_stats * 3);

  psa->first_invalid = G_MAXUINT64;
  for (gint b = 0; b < run->n_blocks; b++)
    {
      Block *blk = &run->blocks[b];

      psa->n_valid += blk->n_valid;
      if (blk->first_invalid != G_MAXUINT64 && psa->first_invalid == G_MAXUINT64)
        {
          psa->first_invalid = blk->first_invalid;
          psa->first_invalid_message = g_steal_pointer (&blk->message);
        }
      for (int o = 0; o < O; o++)
        psa->cheapest[o] += blk->cheapest[o];
      /* Chan et al.'s pairwise update: blocks in order, so the result is the same
       * whichever thread ran which block. */
      for (gsize x = 0; x < n_stats; x++)
        {
          double *a = total + x * 3, *s = blk->stats + x * 3;
          double n = a[0] + s[0], delta;

          if (s[0] == 0)
            continue;
          delta = s[1] - a[1];
          a[1] += delta * s[0] / n;
          a[2] += s[2] + delta * delta * a[0] * s[0] / n;
          a[0] = n;
        }
    }
  psa->n_invalid = psa->n_samples - psa->n_valid;

  for (gsize x = 0; x < n_stats; x++)
    {
      UpPsaSummary *s = &psa->summary[x];
      double *a = total + x * 3;

      s->n = (guint64) a[0];
      s->mean = a[0] > 0 ? a[1] : NAN;
      s->sd = a[0] > 1 ? sqrt (a[2] / (a[0] - 1)) : (a[0] == 1 ? 0.0 : NAN);
    }
  for (int o = 0; o < O; o++)
    {
      psa->cheapest[o] = psa->n_valid > 0 ? psa->cheapest[o] / psa->n_valid : NAN;
      for (int k = 0; k < K; k++)
        {
          guint64 count = 0;

          for (guint t = 0; t < n_threads; t++)
            count += workers[t].saving[(gsize) o * K + k];
          psa->saving[(gsize) o * K + k] = psa->n_valid > 0 ? (double) count / psa->n_valid : NAN;
        }
    }
}

/* ---- Entry point ------------------------------------------------------------------ */

static guint64
block_size_for (guint64 n)
{
  return CLAMP (n / 1024, 16, 1024);
}

static gboolean
fit_params (UpPsa   *psa,
            UpPlan  *plan,
            GError **error)
{
  g_auto(GStrv) paths = up_plan_list_distributions (plan);

  psa->n_params = g_strv_length (paths);
  if (psa->n_params == 0)
    {
      g_set_error_literal (error, UP_ERROR, UP_ERROR_INVALID,
                           "no parameter of the plan has a distribution: give at least one "
                           "an uncertainty range to run a probabilistic analysis");
      return FALSE;
    }
  psa->paths = g_steal_pointer (&paths);
  psa->fits = g_new0 (UpDistFit, psa->n_params);
  psa->base = g_new0 (double, psa->n_params);
  for (guint p = 0; p < psa->n_params; p++)
    {
      const UpDistribution *dist = up_plan_get_distribution (plan, psa->paths[p]);

      if (!up_plan_get_param (plan, psa->paths[p], &psa->base[p], error))
        return FALSE;
      if (!up_dist_fit_for_param (plan, psa->paths[p], dist, &psa->fits[p], error))
        return FALSE;
    }
  return TRUE;
}

UpPsa *
up_psa_run (UpPlan              *plan,
            UpScenario          *scenario,
            const UpPsaOptions  *options,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(UpPsa) psa = NULL;
  g_autoptr(UpPlan) effective = NULL;
  g_autoptr(UpBinder) binder = NULL;
  g_autofree Worker *workers = NULL;
  Run run = { 0 };
  guint n_threads;
  gsize per_sample;
  int O, K;

  g_return_val_if_fail (UP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  up_sampling_init ();
  if (options->n_samples > UP_PSA_MAX_SAMPLES)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                   "at most %d samples, not %" G_GUINT64_FORMAT, UP_PSA_MAX_SAMPLES,
                   options->n_samples);
      return NULL;
    }
  psa = g_new0 (UpPsa, 1);
  psa->seed = options->seed;
  psa->n_samples = options->n_samples > 0 ? options->n_samples : UP_PSA_DEFAULT_SAMPLES;
  psa->keep_samples = options->keep_samples;

  psa->model = up_model_compile (plan, scenario, NULL, error);
  if (psa->model == NULL)
    return NULL;
  effective = up_plan_copy (plan);
  if (scenario != NULL && !up_plan_apply_scenario (effective, scenario, error))
    return NULL;
  if (!fit_params (psa, effective, error))
    return NULL;
  binder = up_binder_new (effective, psa->model, (const char * const *) psa->paths, error);
  if (binder == NULL)
    return NULL;

  O = psa->O = psa->model->O;
  K = psa->K = psa->model->K;
  per_sample = sizeof (double) * (gsize) O * (UP_METRIC_N + UP_PSA_N_SERIES * (gsize) K);
  psa->n_kept = MIN (psa->n_samples, MAX (PSA_MIN_KEPT, PSA_KEEP_BUDGET / per_sample));
  psa->summary = g_new0 (UpPsaSummary, (gsize) O * UP_METRIC_N);
  psa->cheapest = g_new0 (double, O);
  psa->saving = g_new0 (double, (gsize) O * K);
  psa->bands = g_new0 (double, (gsize) UP_PSA_N_SERIES * O * K * UP_PSA_N_BANDS);
  psa->kept = g_new (double, (gsize) O * UP_METRIC_N * psa->n_kept);
  psa->kept_series = g_new (double, (gsize) UP_PSA_N_SERIES * O * K * psa->n_kept);
  if (psa->keep_samples)
    {
      psa->values = g_new0 (double, psa->n_samples * psa->n_params);
      psa->key = g_new0 (double, psa->n_samples * O * N_CSV_METRICS);
      psa->valid = g_new0 (guint8, psa->n_samples);
    }

  run.psa = psa;
  run.binder = binder;
  run.block_size = block_size_for (psa->n_samples);
  run.n_blocks = (psa->n_samples + run.block_size - 1) / run.block_size;
  run.blocks = g_new0 (Block, run.n_blocks);
  run.cancellable = cancellable;
  run.progress = options->progress;
  run.progress_data = options->progress_data;
  g_mutex_init (&run.progress_lock);
  for (gint b = 0; b < run.n_blocks; b++)
    {
      run.blocks[b].stats = g_new0 (double, (gsize) O * UP_METRIC_N * 3 + O);
      run.blocks[b].cheapest = run.blocks[b].stats + (gsize) O * UP_METRIC_N * 3;
      run.blocks[b].first_invalid = G_MAXUINT64;
    }

  n_threads = options->n_threads > 0 ? options->n_threads : g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, (guint) run.n_blocks);
  workers = g_new0 (Worker, n_threads);
  for (guint t = 0; t < n_threads; t++)
    {
      workers[t].run = &run;
      workers[t].state = up_binder_state_new (binder);
      workers[t].results = up_results_new (psa->model);
      workers[t].rng = up_rng_new ();
      workers[t].values = g_new0 (double, psa->n_params);
      workers[t].saving = g_new0 (guint64, (gsize) O * K);
    }

  run_threads (workers, n_threads, worker_main);

  if (!g_atomic_int_get (&run.stop) && !g_cancellable_is_cancelled (cancellable))
    {
      combine_blocks (psa, &run, workers, n_threads);
      compute_quantiles (psa, n_threads, cancellable);
    }

  for (guint t = 0; t < n_threads; t++)
    {
      up_binder_state_free (workers[t].state);
      up_results_free (workers[t].results);
      gsl_rng_free (workers[t].rng);
      g_free (workers[t].values);
      g_free (workers[t].saving);
    }
  for (gint b = 0; b < run.n_blocks; b++)
    {
      g_free (run.blocks[b].stats);
      g_free (run.blocks[b].message);
    }
  g_free (run.blocks);
  g_mutex_clear (&run.progress_lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&psa);
}

void
up_psa_free (UpPsa *psa)
{
  if (psa == NULL)
    return;
  g_clear_pointer (&psa->model, up_model_unref);
  g_free (psa->first_invalid_message);
  g_strfreev (psa->paths);
  g_free (psa->fits);
  g_free (psa->base);
  g_free (psa->summary);
  g_free (psa->cheapest);
  g_free (psa->saving);
  g_free (psa->bands);
  g_free (psa->kept);
  g_free (psa->kept_series);
  g_free (psa->values);
  g_free (psa->key);
  g_free (psa->valid);
  g_free (psa);
}

/* ---- Getters ---------------------------------------------------------------------- */

const UpModel *
up_psa_get_model (const UpPsa *psa)
{
  return psa->model;
}

guint64
up_psa_get_seed (const UpPsa *psa)
{
  return psa->seed;
}

guint64
up_psa_get_n_samples (const UpPsa *psa)
{
  return psa->n_samples;
}

guint64
up_psa_get_n_valid (const UpPsa *psa)
{
  return psa->n_valid;
}

guint64
up_psa_get_n_invalid (const UpPsa *psa)
{
  return psa->n_invalid;
}

const char *
up_psa_get_first_invalid (const UpPsa *psa,
                          guint64     *sample)
{
  if (sample != NULL)
    *sample = psa->first_invalid;
  return psa->first_invalid_message;
}

guint64
up_psa_get_n_kept (const UpPsa *psa)
{
  return psa->n_kept;
}

guint
up_psa_get_n_params (const UpPsa *psa)
{
  return psa->n_params;
}

const char *
up_psa_get_param_path (const UpPsa *psa,
                       guint        i)
{
  g_return_val_if_fail (i < psa->n_params, NULL);
  return psa->paths[i];
}

const UpDistFit *
up_psa_get_param_fit (const UpPsa *psa,
                      guint        i)
{
  g_return_val_if_fail (i < psa->n_params, NULL);
  return &psa->fits[i];
}

double
up_psa_get_param_base (const UpPsa *psa,
                       guint        i)
{
  g_return_val_if_fail (i < psa->n_params, NAN);
  return psa->base[i];
}

const UpPsaSummary *
up_psa_get_summary (const UpPsa *psa,
                    int          option,
                    UpMetric     metric)
{
  g_return_val_if_fail (option >= 0 && option < psa->O && metric < UP_METRIC_N, NULL);
  return &psa->summary[(gsize) option * UP_METRIC_N + metric];
}

double
up_psa_get_prob_cheapest (const UpPsa *psa,
                          int          option)
{
  g_return_val_if_fail (option >= 0 && option < psa->O, NAN);
  return psa->cheapest[option];
}

double
up_psa_get_prob_saving (const UpPsa *psa,
                        int          option,
                        int          k)
{
  g_return_val_if_fail (option >= 0 && option < psa->O && k >= 1 && k <= psa->K, NAN);
  return psa->saving[(gsize) option * psa->K + (k - 1)];
}

void
up_psa_get_band (const UpPsa *psa,
                 UpPsaSeries  series,
                 int          option,
                 int          k,
                 double       bands[UP_PSA_N_BANDS])
{
  g_return_if_fail (series < UP_PSA_N_SERIES);
  g_return_if_fail (option >= 0 && option < psa->O && k >= 1 && k <= psa->K);
  memcpy (bands,
          psa->bands + (((gsize) series * psa->O + option) * psa->K + (k - 1)) * UP_PSA_N_BANDS,
          sizeof (double) * UP_PSA_N_BANDS);
}

const double *
up_psa_get_kept_values (const UpPsa *psa,
                        int          option,
                        UpMetric     metric,
                        guint64     *n_kept)
{
  g_return_val_if_fail (option >= 0 && option < psa->O && metric < UP_METRIC_N, NULL);
  if (n_kept != NULL)
    *n_kept = psa->n_kept;
  return psa->kept + ((gsize) option * UP_METRIC_N + metric) * psa->n_kept;
}

/* ---- Samples CSV ------------------------------------------------------------------ */

static void
append_csv_text (GString    *out,
                 const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_number (GString *out,
                   double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return;
  if (value == 0)
    value = 0;  /* no "-0" */
  /* %.17g reads back exactly; shortest forms would cost ten times as much per field. */
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}

gboolean
up_psa_write_samples_csv (const UpPsa   *psa,
                          GOutputStream *out,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int O = psa->O;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  if (!psa->keep_samples)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "the samples were not kept: run with keep_samples set");
      return FALSE;
    }

  g_string_append (text, "sample,valid");
  for (guint p = 0; p < psa->n_params; p++)
    {
      g_string_append_c (text, ',');
      append_csv_text (text, psa->paths[p]);
    }
  for (int o = 0; o < O; o++)
    for (guint x = 0; x < N_CSV_METRICS; x++)
      {
        g_autofree char *name = g_strdup_printf ("%s_%s", up_metric_get_name (csv_metrics[x]),
                                                 psa->model->options[o].id);

        g_string_append_c (text, ',');
        append_csv_text (text, name);
      }
  g_string_append_c (text, '\n');

  for (guint64 i = 0; i < psa->n_samples; i++)
    {
      g_string_append_printf (text, "%" G_GUINT64_FORMAT ",%d", i, psa->valid[i] ? 1 : 0);
      for (guint p = 0; p < psa->n_params; p++)
        {
          g_string_append_c (text, ',');
          append_csv_number (text, psa->values[i * psa->n_params + p]);
        }
      for (int o = 0; o < O; o++)
        for (guint x = 0; x < N_CSV_METRICS; x++)
          {
            g_string_append_c (text, ',');
            if (psa->valid[i])
              append_csv_number (text, psa->key[((gsize) i * O + o) * N_CSV_METRICS + x]);
          }
      g_string_append_c (text, '\n');
      if (text->len >= 1 << 16 || i + 1 == psa->n_samples)
        {
          if (!g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (text, 0);
        }
    }
  if (text->len > 0
      && !g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error))
    return FALSE;
  return TRUE;
}
