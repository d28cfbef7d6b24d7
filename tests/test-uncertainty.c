/* test-uncertainty.c: distributions, re-parameterisation, tornado and probabilistic analysis
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Statistical checks use a fixed seed and tolerances of five standard errors worked out
 * from the distribution's own moments, so they are deterministic and were not tuned to
 * pass.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "up-binder.h"
#include "upstream-core.h"

#define N_DRAWS 100000

static UpPlan *
load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name,
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UpPlan *plan = up_plan_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return plan;
}

static UpPlan *
load_string (const char *xml)
{
  g_autoptr(GError) error = NULL;
  UpPlan *plan = up_plan_load_from_data (xml, strlen (xml), NULL, &error);

  g_assert_no_error (error);
  return plan;
}

/* ---- Random numbers --------------------------------------------------------------- */

/* Known answers from Random123's tests/kat_vectors (philox4x32, 10 rounds). */
static void
test_philox_known_answers (void)
{
  static const guint32 cases[3][10] = {
    { 0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8 },
    { 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
      0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd },
    { 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0,
      0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint32 out[4];

      up_rng_philox_block (cases[c], cases[c] + 4, out);
      for (int w = 0; w < 4; w++)
        g_assert_cmphex (out[w], ==, cases[c][6 + w]);
    }
}

static void
test_rng_streams (void)
{
  g_autoptr(gsl_rng) a = up_rng_new ();
  g_autoptr(gsl_rng) b = up_rng_new ();
  double first[8];
  gboolean differ = FALSE;

  up_rng_set_stream (a, 42, 7);
  for (int i = 0; i < 8; i++)
    first[i] = gsl_rng_uniform (a);
  /* The same stream again, after another one: the same numbers. */
  up_rng_set_stream (b, 42, 8);
  (void) gsl_rng_uniform (b);
  up_rng_set_stream (b, 42, 7);
  for (int i = 0; i < 8; i++)
    g_assert_cmpfloat (gsl_rng_uniform (b), ==, first[i]);
  /* Another stream or another seed: other numbers. */
  up_rng_set_stream (b, 42, 8);
  for (int i = 0; i < 8; i++)
    if (gsl_rng_uniform (b) != first[i])
      differ = TRUE;
  g_assert_true (differ);
  up_rng_set_stream (b, 43, 7);
  g_assert_cmpfloat (gsl_rng_uniform (b), !=, first[0]);
}

/* ---- Distributions ---------------------------------------------------------------- */

typedef struct
{
  const char     *name;
  UpDistribution  dist;
  UpDistKind      family;      /* for a range */
  double          excess;      /* excess kurtosis, for the standard error of the variance */
} MomentCase;

static double
beta_excess (double a,
             double b)
{
  return 6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2))
         / (a * b * (a + b + 2) * (a + b + 3));
}

static double
lognormal_excess (double s)
{
  double s2 = s * s;

  return exp (4 * s2) + 2 * exp (3 * s2) + 3 * exp (2 * s2) - 6;
}

static void
test_sampling_moments (void)
{
  MomentCase cases[] = {
    { "beta", { UP_DIST_BETA, 25, 75, 0 }, 0, 0 },
    { "beta-skewed", { UP_DIST_BETA, 0.5, 3, 0 }, 0, 0 },
    { "gamma", { UP_DIST_GAMMA, 100, 4.1, 0 }, 0, 0 },
    { "gamma-small-shape", { UP_DIST_GAMMA, 0.7, 2, 0 }, 0, 0 },
    { "lognormal", { UP_DIST_LOGNORMAL, -0.357, 0.15, 0 }, 0, 0 },
    { "normal", { UP_DIST_NORMAL, 10, 3, 0 }, 0, 0 },
    { "uniform", { UP_DIST_UNIFORM, 0.55, 0.9, 0 }, 0, 0 },
    { "triangular", { UP_DIST_TRIANGULAR, 0.55, 0.7, 0.9 }, 0, 0 },
    { "range-beta", { UP_DIST_RANGE, 0.1, 0.3, 0 }, UP_DIST_BETA, 0 },
    { "range-gamma", { UP_DIST_RANGE, 90, 130, 0 }, UP_DIST_GAMMA, 0 },
    { "range-lognormal", { UP_DIST_RANGE, 0.6, 0.9, 0 }, UP_DIST_LOGNORMAL, 0 },
    { "range-normal", { UP_DIST_RANGE, -2, 5, 0 }, UP_DIST_NORMAL, 0 },
  };
  g_autoptr(gsl_rng) rng = up_rng_new ();

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      UpDistFit fit;
      double mean = 0, m2 = 0, mu, var, excess, se_mean, se_var, sample_var;

      up_dist_fit (&cases[c].dist, cases[c].family, &fit, &error);
      g_assert_no_error (error);
      mu = up_dist_fit_mean (&fit);
      var = up_dist_fit_variance (&fit);
      switch (fit.kind)
        {
        case UP_DIST_BETA:
          excess = beta_excess (fit.a, fit.b);
          break;
        case UP_DIST_GAMMA:
          excess = 6 / fit.a;
          break;
        case UP_DIST_LOGNORMAL:
          excess = lognormal_excess (fit.b);
          break;
        case UP_DIST_UNIFORM:
          excess = -6.0 / 5;
          break;
        case UP_DIST_TRIANGULAR:
          excess = -3.0 / 5;
          break;
        case UP_DIST_NORMAL:
        default:
          excess = 0;
          break;
        }

      up_rng_set_stream (rng, 20260101, c);
      for (int i = 1; i <= N_DRAWS; i++)
        {
          double x = up_dist_fit_sample (&fit, rng), delta = x - mean;

          mean += delta / i;
          m2 += delta * (x - mean);
        }
      sample_var = m2 / (N_DRAWS - 1);
      se_mean = sqrt (var / N_DRAWS);
      se_var = var * sqrt ((excess + 2) / N_DRAWS);
      if (g_test_verbose ())
        g_test_message ("%s: mean %g (theory %g, %.2f SE), variance %g (theory %g, %.2f SE)",
                        cases[c].name, mean, mu, (mean - mu) / se_mean, sample_var, var,
                        (sample_var - var) / se_var);
      if (fabs (mean - mu) > 5 * se_mean)
        g_error ("%s: mean %.10g, theory %.10g, SE %.3g", cases[c].name, mean, mu, se_mean);
      if (fabs (sample_var - var) > 5 * se_var)
        g_error ("%s: variance %.10g, theory %.10g, SE %.3g", cases[c].name, sample_var, var,
                 se_var);
    }
}

static void
assert_relative (double got,
                 double want,
                 double tol)
{
  if (!(fabs (got - want) <= tol * fabs (want)))
    g_error ("got %.17g, expected %.17g (relative error %.3g > %.3g)", got, want,
             fabs (got - want) / fabs (want), tol);
}

static void
test_fit_ranges (void)
{
  struct
  {
    UpDistKind family;
    double     lo, hi;
  } ranges[] = {
    { UP_DIST_BETA, 0.1, 0.3 },
    { UP_DIST_BETA, 0.6, 0.9 },
    { UP_DIST_BETA, 0.01, 0.05 },
    { UP_DIST_BETA, 0.001, 0.002 },
    { UP_DIST_BETA, 0.45, 0.55 },
    { UP_DIST_BETA, 0.05, 0.95 },
    { UP_DIST_BETA, 0.97, 0.999 },
    { UP_DIST_GAMMA, 90, 130 },
    { UP_DIST_GAMMA, 4000, 9000 },
    { UP_DIST_GAMMA, 1000, 50000 },
    { UP_DIST_GAMMA, 0.5, 1.5 },
    { UP_DIST_GAMMA, 10000, 10500 },
    { UP_DIST_LOGNORMAL, 0.6, 0.9 },
    { UP_DIST_LOGNORMAL, 0.2, 3 },
    { UP_DIST_NORMAL, -5, 5 },
    { UP_DIST_NORMAL, 2030, 2034 },
  };

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      UpDistribution dist = { UP_DIST_RANGE, ranges[r].lo, ranges[r].hi, 0 };
      g_autoptr(GError) error = NULL;
      UpDistFit fit;

      up_dist_fit (&dist, ranges[r].family, &fit, &error);
      g_assert_no_error (error);
      g_assert_cmpint (fit.kind, ==, ranges[r].family);
      g_assert_false (fit.point);
      /* The fitted distribution's own percentiles, by GSL's inverse CDFs. */
      switch (fit.kind)
        {
        case UP_DIST_BETA:
          assert_relative (gsl_cdf_beta_Pinv (0.025, fit.a, fit.b), ranges[r].lo, 1e-6);
          assert_relative (gsl_cdf_beta_Pinv (0.975, fit.a, fit.b), ranges[r].hi, 1e-6);
          break;
        case UP_DIST_GAMMA:
          assert_relative (gsl_cdf_gamma_Pinv (0.025, fit.a, fit.b), ranges[r].lo, 1e-6);
          assert_relative (gsl_cdf_gamma_Pinv (0.975, fit.a, fit.b), ranges[r].hi, 1e-6);
          break;
        case UP_DIST_LOGNORMAL:
          assert_relative (gsl_cdf_lognormal_Pinv (0.025, fit.a, fit.b), ranges[r].lo, 1e-6);
          assert_relative (gsl_cdf_lognormal_Pinv (0.975, fit.a, fit.b), ranges[r].hi, 1e-6);
          break;
        case UP_DIST_NORMAL:
        default:
          assert_relative (fit.a + gsl_cdf_gaussian_Pinv (0.025, fit.b), ranges[r].lo, 1e-6);
          assert_relative (fit.a + gsl_cdf_gaussian_Pinv (0.975, fit.b), ranges[r].hi, 1e-6);
          break;
        }
      /* A range's one-way values are its ends. */
      g_assert_cmpfloat (fit.low, ==, ranges[r].lo);
      g_assert_cmpfloat (fit.high, ==, ranges[r].hi);
    }
}

/* Very narrow ranges and very large shapes: GSL's inverse CDFs give up or loop there. */
static void
test_fit_concentrated (void)
{
  struct
  {
    UpDistribution dist;
    UpDistKind     family;
  } cases[] = {
    { { UP_DIST_RANGE, 100000, 101000, 0 }, UP_DIST_GAMMA },
    { { UP_DIST_RANGE, 0.499, 0.501, 0 }, UP_DIST_BETA },
    { { UP_DIST_BETA, 1e6, 1e6, 0 }, UP_DIST_BETA },
    { { UP_DIST_BETA, 1e9, 3e9, 0 }, UP_DIST_BETA },
    { { UP_DIST_GAMMA, 1e7, 3, 0 }, UP_DIST_GAMMA },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      UpDistFit fit;
      double mean, sd;

      up_dist_fit (&cases[c].dist, cases[c].family, &fit, &error);
      g_assert_no_error (error);
      if (cases[c].dist.kind == UP_DIST_RANGE)
        {
          assert_relative (up_dist_fit_quantile (&fit, 0.025), cases[c].dist.a, 1e-6);
          assert_relative (up_dist_fit_quantile (&fit, 0.975), cases[c].dist.b, 1e-6);
        }
      /* About mean ± 1.96 sd: these are all but normal. */
      mean = up_dist_fit_mean (&fit);
      sd = sqrt (up_dist_fit_variance (&fit));
      assert_relative (fit.low, mean - 1.959964 * sd, 1e-4);
      assert_relative (fit.high, mean + 1.959964 * sd, 1e-4);
    }
}

static void
test_fit_errors_and_points (void)
{
  UpDistribution from_zero = { UP_DIST_RANGE, 0, 0.2, 0 };
  UpDistribution cost_from_zero = { UP_DIST_RANGE, 0, 5000, 0 };
  UpDistribution point = { UP_DIST_RANGE, 0.3, 0.3, 0 };
  UpDistribution uniform_point = { UP_DIST_UNIFORM, 0.3, 0.3, 0 };
  UpDistribution normal_point = { UP_DIST_NORMAL, 0.3, 0, 0 };
  UpDistribution bad_beta = { UP_DIST_BETA, 0, 2, 0 };
  UpDistribution gamma = { UP_DIST_GAMMA, 100, 4.1, 0 };
  g_autoptr(gsl_rng) rng = up_rng_new ();
  UpDistFit fit;

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (up_dist_fit (&from_zero, UP_DIST_BETA, &fit, &error));
    g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (up_dist_fit (&cost_from_zero, UP_DIST_GAMMA, &fit, &error));
    g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (up_dist_fit (&bad_beta, UP_DIST_BETA, &fit, &error));
    g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
  }

  /* Zero width: every draw is the value itself, exactly. */
  up_rng_set_stream (rng, 1, 1);
  g_assert_true (up_dist_fit (&point, UP_DIST_BETA, &fit, NULL));
  g_assert_true (fit.point);
  for (int i = 0; i < 100; i++)
    g_assert_cmpfloat (up_dist_fit_sample (&fit, rng), ==, 0.3);
  g_assert_true (up_dist_fit (&uniform_point, UP_DIST_BETA, &fit, NULL));
  g_assert_cmpfloat (up_dist_fit_sample (&fit, rng), ==, 0.3);
  g_assert_cmpfloat (fit.low, ==, 0.3);
  g_assert_cmpfloat (fit.high, ==, 0.3);
  g_assert_true (up_dist_fit (&normal_point, UP_DIST_BETA, &fit, NULL));
  g_assert_cmpfloat (up_dist_fit_sample (&fit, rng), ==, 0.3);

  /* One-way values of a distribution are its 2.5th and 97.5th percentiles; the density
   * integrates to about 1 over the support. */
  g_assert_true (up_dist_fit (&gamma, UP_DIST_BETA, &fit, NULL));
  assert_relative (fit.low, gsl_cdf_gamma_Pinv (0.025, 100, 4.1), 1e-12);
  assert_relative (fit.high, gsl_cdf_gamma_Pinv (0.975, 100, 4.1), 1e-12);
  {
    double from, to, sum = 0;

    up_dist_fit_support (&fit, &from, &to);
    for (int i = 0; i < 1000; i++)
      sum += up_dist_fit_pdf (&fit, from + (i + 0.5) * (to - from) / 1000) * (to - from) / 1000;
    g_assert_cmpfloat (fabs (sum - 1), <, 0.005);
  }
}

static void
test_family_for_unit (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  struct
  {
    const char *path;
    UpDistKind  family;
  } cases[] = {
    { "transition/high/crisis", UP_DIST_BETA },
    { "option/communitise/take-up", UP_DIST_BETA },
    { "option/buy/effect/high/emerging", UP_DIST_BETA },       /* a replacement value */
    { "option/make/effect/emerging/crisis", UP_DIST_LOGNORMAL }, /* a relative risk */
    { "cost-item/ae/cost", UP_DIST_GAMMA },
    { "option/buy/capacity", UP_DIST_GAMMA },
    { "option/communitise/volunteer-hours", UP_DIST_GAMMA },
    { "option/make/overhead", UP_DIST_GAMMA },                 /* a share that may pass 1 */
    { "state/crisis/use/ae", UP_DIST_GAMMA },
    { "state/stable/weight/qaly", UP_DIST_NORMAL },
    { "plan/discount-costs-rate", UP_DIST_NORMAL },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      UpUnit unit;
      const UpNumberSpec *spec = up_plan_describe_param (plan, cases[c].path, &unit);

      g_assert_cmpint (up_dist_family_for_unit (unit, spec), ==, cases[c].family);
    }
}

/* ---- Re-parameterisation ----------------------------------------------------------- */

static void
assert_same_results (const UpResults *a,
                     const UpResults *b)
{
  gsize O = a->n_options, K = a->n_cycles, S = a->n_states, H = a->n_holders;

  g_assert_cmpmem (a->trace, O * (K + 1) * S * sizeof (double),
                   b->trace, O * (K + 1) * S * sizeof (double));
  g_assert_cmpmem (a->cost, O * K * H * UP_COST_N * sizeof (double),
                   b->cost, O * K * H * UP_COST_N * sizeof (double));
  g_assert_cmpmem (a->cum_net, O * K * sizeof (double), b->cum_net, O * K * sizeof (double));
  g_assert_cmpmem (a->outcomes, O * K * a->n_measures * sizeof (double),
                   b->outcomes, O * K * b->n_measures * sizeof (double));
  g_assert_cmpmem (a->metrics, O * sizeof (UpMetrics), b->metrics, O * sizeof (UpMetrics));
}

/* Every kind of path the binder knows, on the Bradford example. */
static const char *bradford_paths[] = {
  "transition/high/crisis", "transition/emerging/stable", "transition/crisis/high",
  "cost-item/ae/cost", "cost-item/mh-bed/cost", "cost-item/gp/cashable",
  "measure/qaly/value", "state/crisis/use/ae", "state/inpatient/entry/ambulance",
  "state/stable/weight/qaly", "plan/cohort-size", "plan/inflow", "plan/discount-costs-rate",
  "plan/discount-outcomes-rate", "plan/start-year",
  "option/communitise/take-up", "option/buy/capacity", "option/communitise/fixed-cost",
  "option/make/participant-cost", "option/make/overhead", "option/buy/optimism-bias-costs",
  "option/communitise/deadweight", "option/make/attribution",
  "option/buy/optimism-bias-benefits", "option/communitise/drop-off",
  "option/make/ramp-up", "option/buy/first-cycle", "option/communitise/active-cycles",
  "option/communitise/volunteer-hours", "option/communitise/volunteer-value",
  "option/communitise/in-kind", "option/communitise/effect/high/crisis",
  "option/buy/effect/high/emerging", "option/make/one-off/1", "option/buy/one-off/3",
  "option/bau/fixed-cost",
  NULL
};

static void
test_binder_identity (void)
{
  const char *examples[] = {
    "bradford-peer-recovery.upstream", "drug-alcohol-recovery.upstream",
    "wigan-early-help.upstream",
  };

  for (guint x = 0; x < G_N_ELEMENTS (examples); x++)
    {
      g_autoptr(UpPlan) plan = load_example (examples[x]);
      g_autoptr(GError) error = NULL;
      g_autoptr(UpModel) model = up_model_compile (plan, NULL, NULL, &error);
      g_auto(GStrv) paths = up_plan_list_distributions (plan);
      g_autoptr(UpBinder) binder = NULL;
      g_autoptr(UpBinderState) state = NULL;
      g_autoptr(UpResults) expected = NULL;
      g_autoptr(UpResults) got = NULL;
      g_autofree double *values = NULL;
      const char * const *bind = x == 0 ? bradford_paths : (const char * const *) paths;
      guint n;

      g_assert_no_error (error);
      binder = up_binder_new (plan, model, bind, &error);
      g_assert_no_error (error);
      g_assert_true (up_binder_is_fast (binder));
      n = up_binder_get_n_params (binder);
      values = g_new (double, n);
      for (guint p = 0; p < n; p++)
        values[p] = up_binder_get_base (binder, p);
      state = up_binder_state_new (binder);
      expected = up_model_project (model);
      got = up_results_new (model);
      /* Twice: applying is idempotent. */
      for (int twice = 0; twice < 2; twice++)
        {
          g_assert_true (up_binder_state_apply (state, values, &error));
          g_assert_no_error (error);
          up_engine_run (up_binder_state_get_model (state), got);
          assert_same_results (expected, got);
        }
    }
}

/* The fast route against a full compile, for random values of every kind of path. */
static void
test_binder_matches_compile (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(GError) error = NULL;
  g_autoptr(UpModel) model = up_model_compile (plan, NULL, NULL, &error);
  g_autoptr(UpBinder) binder = up_binder_new (plan, model, bradford_paths, &error);
  g_autoptr(UpBinderState) state = up_binder_state_new (binder);
  g_autoptr(UpResults) fast = up_results_new (model);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n = up_binder_get_n_params (binder);
  g_autofree double *values = g_new (double, n);
  int n_valid = 0, n_invalid = 0;

  g_assert_no_error (error);
  for (int trial = 0; trial < 200; trial++)
    {
      g_autoptr(UpPlan) copy = up_plan_copy (plan);
      g_autoptr(UpModel) compiled = NULL;
      g_autoptr(GError) fast_error = NULL;
      g_autoptr(GError) slow_error = NULL;
      gboolean ok;

      for (guint p = 0; p < n; p++)
        {
          double base = up_binder_get_base (binder, p);
          double v = base * g_rand_double_range (rand, 0.6, 1.4);

          if (up_binder_is_integer (binder, p))
            v = round (base + g_rand_int_range (rand, -1, 2));
          if (g_str_has_prefix (bradford_paths[p], "option/buy/one-off"))
            v = g_rand_double_range (rand, 0, 50000);
          values[p] = v;
          g_assert_true (up_plan_set_param (copy, bradford_paths[p], v, NULL));
        }
      ok = up_binder_state_apply (state, values, &fast_error);
      compiled = up_model_compile (copy, NULL, NULL, &slow_error);
      if (g_test_verbose () && (ok != (compiled != NULL)))
        g_test_message ("fast: %s; compile: %s", fast_error ? fast_error->message : "valid",
                        slow_error ? slow_error->message : "valid");
      g_assert_cmpint (ok, ==, compiled != NULL);
      if (!ok)
        {
          n_invalid++;
          continue;
        }
      n_valid++;
      {
        g_autoptr(UpResults) full = up_model_project (compiled);

        up_engine_run (up_binder_state_get_model (state), fast);
        assert_same_results (full, fast);
      }
    }
  /* Both outcomes were exercised. */
  g_assert_cmpint (n_valid, >, 20);
  g_assert_cmpint (n_invalid, >, 5);
}

static void
test_binder_slow_route (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(GError) error = NULL;
  g_autoptr(UpModel) model = up_model_compile (plan, NULL, NULL, &error);
  const char *paths[] = { "cost-item/ae/price-year", "transition/high/crisis", NULL };
  const char *horizon[] = { "plan/horizon", NULL };
  g_autoptr(UpBinder) binder = up_binder_new (plan, model, paths, &error);
  g_autoptr(UpBinderState) state = NULL;
  g_autoptr(UpPlan) copy = up_plan_copy (plan);
  g_autoptr(UpModel) compiled = NULL;
  g_autoptr(UpResults) expected = NULL;
  g_autoptr(UpResults) got = up_results_new (model);
  double values[] = { 2015, 0.2 };

  g_assert_no_error (error);
  g_assert_false (up_binder_is_fast (binder));
  state = up_binder_state_new (binder);
  g_assert_true (up_binder_state_apply (state, values, &error));
  g_assert_no_error (error);
  g_assert_true (up_plan_set_param (copy, paths[0], values[0], NULL));
  g_assert_true (up_plan_set_param (copy, paths[1], values[1], NULL));
  compiled = up_model_compile (copy, NULL, NULL, &error);
  g_assert_no_error (error);
  expected = up_model_project (compiled);
  up_engine_run (up_binder_state_get_model (state), got);
  assert_same_results (expected, got);

  /* A year missing from the price index is a rule broken, reported as such. */
  values[0] = 1950;
  g_assert_false (up_binder_state_apply (state, values, &error));
  g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (up_binder_new (plan, model, horizon, &error));
  g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
}

/* ---- Probabilistic analysis ------------------------------------------------------- */

static UpPsa *
run_psa (UpPlan  *plan,
         guint64  n,
         guint64  seed,
         guint    threads)
{
  UpPsaOptions options = { .n_samples = n, .seed = seed, .n_threads = threads };
  g_autoptr(GError) error = NULL;
  UpPsa *psa = up_psa_run (plan, NULL, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (psa);
  return psa;
}

static void
test_psa_threads (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(UpPsa) one = run_psa (plan, 3000, 42, 1);
  guint threads[] = { 2, 4 };
  int O = up_model_get_n_options (up_psa_get_model (one));
  int K = up_model_get_n_cycles (up_psa_get_model (one));

  g_assert_cmpuint (up_psa_get_n_samples (one), ==, 3000);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autoptr(UpPsa) many = run_psa (plan, 3000, 42, threads[t]);

      g_assert_cmpuint (up_psa_get_n_valid (many), ==, up_psa_get_n_valid (one));
      for (int o = 0; o < O; o++)
        {
          for (int x = 0; x < UP_METRIC_N; x++)
            {
              guint64 n1, n2;
              const double *a = up_psa_get_kept_values (one, o, x, &n1);
              const double *b = up_psa_get_kept_values (many, o, x, &n2);

              g_assert_cmpuint (n1, ==, 3000);
              g_assert_cmpmem (a, n1 * sizeof (double), b, n2 * sizeof (double));
              g_assert_cmpmem (up_psa_get_summary (one, o, x), sizeof (UpPsaSummary),
                               up_psa_get_summary (many, o, x), sizeof (UpPsaSummary));
            }
          g_assert_cmpfloat (up_psa_get_prob_cheapest (one, o), ==,
                             up_psa_get_prob_cheapest (many, o));
          for (int k = 1; k <= K; k++)
            {
              double b1[UP_PSA_N_BANDS], b2[UP_PSA_N_BANDS];

              g_assert_cmpfloat (up_psa_get_prob_saving (one, o, k), ==,
                                 up_psa_get_prob_saving (many, o, k));
              for (int s = 0; s < UP_PSA_N_SERIES; s++)
                {
                  up_psa_get_band (one, s, o, k, b1);
                  up_psa_get_band (many, s, o, k, b2);
                  g_assert_cmpmem (b1, sizeof b1, b2, sizeof b2);
                }
            }
        }
    }
}

/* A different seed gives different draws; the summaries make sense. */
static void
test_psa_summaries (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(UpPsa) a = run_psa (plan, 2000, 1, 2);
  g_autoptr(UpPsa) b = run_psa (plan, 2000, 2, 2);
  const UpModel *model = up_psa_get_model (a);
  int O = up_model_get_n_options (model), K = up_model_get_n_cycles (model);
  int bau = up_model_get_bau_index (model);
  double total = 0;

  g_assert_cmpfloat (up_psa_get_summary (a, 1, UP_METRIC_NPBI)->mean, !=,
                     up_psa_get_summary (b, 1, UP_METRIC_NPBI)->mean);
  g_assert_cmpuint (up_psa_get_n_valid (a) + up_psa_get_n_invalid (a), ==, 2000);
  for (int o = 0; o < O; o++)
    {
      const UpPsaSummary *s = up_psa_get_summary (a, o, UP_METRIC_PUBLIC_COST);

      g_assert_cmpfloat (s->p025, <=, s->p50);
      g_assert_cmpfloat (s->p50, <=, s->p975);
      g_assert_cmpfloat (s->sd, >, 0);
      total += up_psa_get_prob_cheapest (a, o);
      for (int k = 1; k <= K; k++)
        {
          double band[UP_PSA_N_BANDS];
          double p = up_psa_get_prob_saving (a, o, k);

          g_assert_cmpfloat (p, >=, 0);
          g_assert_cmpfloat (p, <=, 1);
          for (int series = 0; series < UP_PSA_N_SERIES; series++)
            {
              up_psa_get_band (a, series, o, k, band);
              for (int q = 1; q < UP_PSA_N_BANDS; q++)
                g_assert_cmpfloat (band[q - 1], <=, band[q]);
            }
        }
    }
  g_assert_cmpfloat (fabs (total - 1), <, 1e-9);
  /* The percentiles are those of the sorted values (GSL's interpolation). */
  for (int o = 0; o < O; o++)
    for (int x = 0; x < UP_METRIC_N; x++)
      {
        guint64 n, m = 0;
        const double *kept = up_psa_get_kept_values (a, o, x, &n);
        const UpPsaSummary *s = up_psa_get_summary (a, o, x);
        g_autofree double *sorted = g_new (double, n);
        double want[3];

        for (guint64 i = 0; i < n; i++)
          if (!isnan (kept[i]))
            sorted[m++] = kept[i];
        g_assert_cmpuint (m, ==, s->n);
        if (m == 0)
          continue;
        gsl_sort (sorted, 1, m);
        want[0] = gsl_stats_quantile_from_sorted_data (sorted, 1, m, 0.025);
        want[1] = gsl_stats_quantile_from_sorted_data (sorted, 1, m, 0.5);
        want[2] = gsl_stats_quantile_from_sorted_data (sorted, 1, m, 0.975);
        g_assert_cmpfloat (fabs (s->p025 - want[0]), <=, 1e-12 * (1 + fabs (want[0])));
        g_assert_cmpfloat (fabs (s->p50 - want[1]), <=, 1e-12 * (1 + fabs (want[1])));
        g_assert_cmpfloat (fabs (s->p975 - want[2]), <=, 1e-12 * (1 + fabs (want[2])));
        g_assert_cmpfloat (s->p025, >=, sorted[0]);
        g_assert_cmpfloat (s->p975, <=, sorted[m - 1]);
      }
  /* Against itself, business as usual saves nothing and always "breaks even". */
  g_assert_cmpfloat (up_psa_get_summary (a, bau, UP_METRIC_NPBI)->sd, ==, 0);
  g_assert_cmpfloat (up_psa_get_prob_saving (a, bau, K), ==, 1);
}

static const char zero_width_plan[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">\n"
  "  <title>Zero width</title>\n"
  "  <settings currency=\"GBP\" start-year=\"2026\" horizon=\"12\" price-base-year=\"2026\"\n"
  "            counting=\"life-table\" discount-costs=\"greenbook\"\n"
  "            discount-costs-rate=\"0.035\"\n"
  "            discount-outcomes=\"constant\" discount-outcomes-rate=\"0.015\"\n"
  "            discount-first-cycle=\"false\" cohort-size=\"1000\" inflow=\"50\"/>\n"
  "  <holders>\n"
  "    <holder id=\"nhs\" name=\"NHS\" colour=\"#3584e4\" public=\"true\" pooled=\"true\"/>\n"
  "    <holder id=\"council\" name=\"Council\" colour=\"#33d17a\" public=\"true\"\n"
  "            pooled=\"false\"/>\n"
  "  </holders>\n"
  "  <cost-items>\n"
  "    <item id=\"gp\" name=\"GP\" unit=\"visit\" cost=\"42.5\" price-year=\"2026\"\n"
  "          holder=\"nhs\"\n"
  "          category=\"routine\" cashable=\"0.1\"/>\n"
  "    <item id=\"bed\" name=\"Bed day\" unit=\"day\" cost=\"410.3\" price-year=\"2026\"\n"
  "          holder=\"nhs\"\n"
  "          category=\"crisis\" cashable=\"0.4\"/>\n"
  "  </cost-items>\n"
  "  <measures>\n"
  "    <measure id=\"qaly\" name=\"QALY\" unit=\"QALY\" value=\"70000\" counting=\"plan\"/>\n"
  "  </measures>\n"
  "  <states>\n"
  "    <state id=\"well\" name=\"Well\" colour=\"#33d17a\" crisis=\"false\" initial=\"0.7\"\n"
  "           inflow-share=\"0.5\">\n"
  "      <use item=\"gp\" quantity=\"3\"/>\n"
  "      <weight measure=\"qaly\" value=\"0.8\"/>\n"
  "    </state>\n"
  "    <state id=\"ill\" name=\"Ill\" colour=\"#f6d32d\" crisis=\"false\" initial=\"0.3\"\n"
  "           inflow-share=\"0.5\">\n"
  "      <use item=\"gp\" quantity=\"7\"/>\n"
  "      <weight measure=\"qaly\" value=\"0.6\"/>\n"
  "    </state>\n"
  "    <state id=\"crisis\" name=\"Crisis\" colour=\"#e01b24\" crisis=\"true\" initial=\"0\"\n"
  "           inflow-share=\"0\">\n"
  "      <use item=\"bed\" quantity=\"12\"/>\n"
  "      <entry item=\"bed\" quantity=\"2\"/>\n"
  "      <weight measure=\"qaly\" value=\"0.3\"/>\n"
  "    </state>\n"
  "  </states>\n"
  "  <transitions>\n"
  "    <transition from=\"well\" to=\"ill\" value=\"0.13\"/>\n"
  "    <transition from=\"ill\" to=\"well\" value=\"0.21\"/>\n"
  "    <transition from=\"ill\" to=\"crisis\" value=\"0.17\"/>\n"
  "    <transition from=\"crisis\" to=\"ill\" value=\"0.55\"/>\n"
  "  </transitions>\n"
  "  <options>\n"
  "    <option id=\"bau\" name=\"BAU\" kind=\"bau\" fixed-cost=\"0\"/>\n"
  "    <option id=\"help\" name=\"Help\" kind=\"communitise\" fixed-cost=\"12345.6\"\n"
  "            participant-cost=\"333.3\" overhead=\"0.07\" optimism-bias-costs=\"0.11\"\n"
  "            take-up=\"0.37\" deadweight=\"0.13\" attribution=\"0.77\"\n"
  "            optimism-bias-benefits=\"0.09\" first-cycle=\"2\" active-cycles=\"6\"\n"
  "            ramp-up=\"2\" drop-off=\"0.3\" volunteer-hours=\"11\" volunteer-value=\"10.42\"\n"
  "            in-kind=\"777\">\n"
  "      <one-off cycle=\"1\" amount=\"5000\"/>\n"
  "      <funding holder=\"council\" share=\"0.7\"/>\n"
  "      <funding holder=\"nhs\" share=\"0.3\"/>\n"
  "      <eligible state=\"ill\"/>\n"
  "      <effect from=\"ill\" to=\"crisis\" relative-risk=\"0.71\"/>\n"
  "      <effect from=\"ill\" to=\"well\" replace=\"0.33\"/>\n"
  "    </option>\n"
  "  </options>\n"
  "  <uncertainty>\n"
  "    <distribution path=\"transition/ill/crisis\" kind=\"uniform\" a=\"0.17\" b=\"0.17\"/>\n"
  "    <distribution path=\"transition/well/ill\" kind=\"range\" a=\"0.13\" b=\"0.13\"/>\n"
  "    <distribution path=\"cost-item/bed/cost\" kind=\"normal\" a=\"410.3\" b=\"0\"/>\n"
  "    <distribution path=\"option/help/take-up\" kind=\"range\" a=\"0.37\" b=\"0.37\"/>\n"
  "    <distribution path=\"option/help/deadweight\" kind=\"uniform\" a=\"0.13\" b=\"0.13\"/>\n"
  "    <distribution path=\"option/help/effect/ill/crisis\" kind=\"normal\" a=\"0.71\" b=\"0\"/>\n"
  "    <distribution path=\"option/help/effect/ill/well\" kind=\"triangular\"\n"
  "                  a=\"0.33\" b=\"0.33\" c=\"0.33\"/>\n"
  "    <distribution path=\"option/help/overhead\" kind=\"range\" a=\"0.07\" b=\"0.07\"/>\n"
  "    <distribution path=\"option/help/drop-off\" kind=\"normal\" a=\"0.3\" b=\"0\"/>\n"
  "    <distribution path=\"option/help/ramp-up\" kind=\"uniform\" a=\"2\" b=\"2\"/>\n"
  "    <distribution path=\"option/help/one-off/1\" kind=\"range\" a=\"5000\" b=\"5000\"/>\n"
  "    <distribution path=\"option/help/funding/council\" kind=\"uniform\" a=\"0.7\" b=\"0.7\"/>\n"
  "    <distribution path=\"state/ill/use/gp\" kind=\"normal\" a=\"7\" b=\"0\"/>\n"
  "    <distribution path=\"state/well/weight/qaly\" kind=\"range\" a=\"0.8\" b=\"0.8\"/>\n"
  "    <distribution path=\"plan/inflow\" kind=\"uniform\" a=\"50\" b=\"50\"/>\n"
  "    <distribution path=\"plan/discount-outcomes-rate\" kind=\"normal\" a=\"0.015\" b=\"0\"/>\n"
  "  </uncertainty>\n"
  "</plan>\n";

static void
test_psa_zero_width (void)
{
  g_autoptr(UpPlan) plan = load_string (zero_width_plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpModel) model = up_model_compile (plan, NULL, NULL, &error);
  g_autoptr(UpResults) base = NULL;
  g_autoptr(UpPsa) psa = NULL;
  int O;

  g_assert_no_error (error);
  base = up_model_project (model);
  psa = run_psa (plan, 500, 99, 2);
  O = up_model_get_n_options (model);
  g_assert_cmpuint (up_psa_get_n_invalid (psa), ==, 0);
  for (int o = 0; o < O; o++)
    for (int x = 0; x < UP_METRIC_N; x++)
      {
        double want = up_metric_get_value (&base->metrics[o], x);
        guint64 n;
        const double *got = up_psa_get_kept_values (psa, o, x, &n);
        const UpPsaSummary *s = up_psa_get_summary (psa, o, x);

        if (!isfinite (want))
          want = NAN;
        for (guint64 i = 0; i < n; i++)
          g_assert_cmpmem (&got[i], sizeof (double), &want, sizeof (double));
        if (!isnan (want))
          {
            g_assert_cmpfloat (s->p50, ==, want);
            g_assert_cmpfloat (s->p025, ==, want);
            g_assert_cmpfloat (s->sd, ==, 0);
          }
      }
}

/* A rate that can push a row of probabilities above 1: such samples are counted, left
 * out and reported, never clamped. */
static void
test_psa_invalid_samples (void)
{
  g_autoptr(UpPlan) plan = load_string (zero_width_plan);
  UpDistribution wide = { UP_DIST_UNIFORM, 0.5, 0.95, 0 };
  g_autoptr(UpPsa) psa = NULL;
  guint64 first;
  const char *message;

  /* ill → well 0.21 plus ill → crisis above 0.79 is more than 1. */
  up_plan_set_distribution (plan, "transition/ill/crisis", &wide);
  psa = run_psa (plan, 1000, 5, 2);
  g_assert_cmpuint (up_psa_get_n_invalid (psa), >, 0);
  g_assert_cmpuint (up_psa_get_n_valid (psa), >, 0);
  g_assert_cmpuint (up_psa_get_n_valid (psa) + up_psa_get_n_invalid (psa), ==, 1000);
  message = up_psa_get_first_invalid (psa, &first);
  g_assert_nonnull (message);
  g_assert_cmpuint (first, <, 1000);
  g_assert_nonnull (strstr (message, "ill"));
  g_assert_cmpuint (up_psa_get_summary (psa, 0, UP_METRIC_PUBLIC_COST)->n, ==,
                    up_psa_get_n_valid (psa));
}

/* ---- Cancellation ----------------------------------------------------------------- */

typedef struct
{
  GCancellable *cancellable;
  gint          progress_calls;   /* atomic */
  gint          returned;         /* atomic */
  gint          late_calls;       /* atomic: progress reported after up_psa_run returned */
} CancelData;

static void
cancel_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  CancelData *data = user_data;

  g_atomic_int_inc (&data->progress_calls);
  if (g_atomic_int_get (&data->returned))
    g_atomic_int_inc (&data->late_calls);
}

static gpointer
cancel_thread (gpointer user_data)
{
  CancelData *data = user_data;

  while (g_atomic_int_get (&data->progress_calls) < 3)
    g_usleep (1000);
  g_cancellable_cancel (data->cancellable);
  return NULL;
}

static int
count_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  int n = 0;

  if (dir == NULL)
    return -1;
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_psa_cancel (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelData data = { cancellable, 0, 0, 0 };
  UpPsaOptions options = {
    .n_samples = UP_PSA_MAX_SAMPLES, .seed = 3, .n_threads = 2,
    .progress = cancel_progress_cb, .progress_data = &data,
  };
  int before = count_threads ();
  GThread *canceller = g_thread_new ("canceller", cancel_thread, &data);
  UpPsa *psa;

  psa = up_psa_run (plan, NULL, &options, cancellable, &error);
  g_atomic_int_set (&data.returned, 1);
  g_assert_null (psa);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_thread_join (canceller);

  /* Every worker has been joined: nothing reports progress any more, and the process has
   * as many threads as before the run (the canceller is joined too). */
  g_usleep (50000);
  g_assert_cmpint (g_atomic_int_get (&data.late_calls), ==, 0);
  if (before > 0)
    g_assert_cmpint (count_threads (), ==, before);
  /* It stopped long before the end. */
  g_assert_cmpint (g_atomic_int_get (&data.progress_calls), <, 900);
}

/* A cancellable already cancelled: nothing runs. */
static void
test_psa_cancel_before (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  UpPsaOptions options = { .n_samples = 1000, .n_threads = 4 };

  g_cancellable_cancel (cancellable);
  g_assert_null (up_psa_run (plan, NULL, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- Samples CSV ------------------------------------------------------------------ */

static void
test_psa_samples_csv (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(GError) error = NULL;
  UpPsaOptions options = { .n_samples = 50, .seed = 11, .n_threads = 2, .keep_samples = TRUE };
  g_autoptr(UpPsa) psa = up_psa_run (plan, NULL, &options, NULL, &error);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autofree char *text = NULL;
  guint n_params;

  g_assert_no_error (error);
  g_assert_true (up_psa_write_samples_csv (psa, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  lines = g_strsplit (text, "\n", 0);
  g_assert_cmpuint (g_strv_length (lines), ==, 52);   /* header, 50 rows, "" */
  header = g_strsplit (lines[0], ",", 0);
  n_params = up_psa_get_n_params (psa);
  g_assert_cmpstr (header[0], ==, "sample");
  g_assert_cmpstr (header[1], ==, "valid");
  g_assert_cmpstr (header[2], ==, up_psa_get_param_path (psa, 0));
  g_assert_cmpstr (header[2 + n_params], ==, "public_cost_bau");
  g_assert_cmpstr (header[3 + n_params], ==, "npbi_bau");
  for (int i = 1; i <= 50; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", 0);
      g_autofree char *index = g_strdup_printf ("%d", i - 1);

      g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (header));
      g_assert_cmpstr (fields[0], ==, index);
      for (guint p = 0; p < n_params; p++)
        {
          char *end = NULL;

          g_ascii_strtod (fields[2 + p], &end);
          g_assert_true (end != NULL && *end == '\0');
        }
    }
}

/* ---- Tornado ---------------------------------------------------------------------- */

/* Five years undiscounted; the option "act" has no effect, so its net present budget
 * impact is minus its delivery cost: −(5 × fixed + one-off) × (1 + overhead)
 * = −(5 × 100,000 + 30,000) × 1 = −530,000. The swings, worked by hand:
 *   fixed-cost, range 80,000–120,000:   5 × 40,000 = 200,000
 *   one-off in cycle 1, uniform 0–100,000 (2.5th, 97.5th percentiles 2,500 and 97,500):
 *                                       95,000
 *   overhead, range 0.1–0.2:            530,000 × 0.1 = 53,000
 *   a unit cost and a transition probability: both options use the same services and
 *   the same transitions, so the budget impact does not move: 0 (ties keep the order of
 *   the paths). */
static const char tornado_plan[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">\n"
  "  <title>Tornado by hand</title>\n"
  "  <settings currency=\"GBP\" start-year=\"2026\" horizon=\"5\" price-base-year=\"2026\"\n"
  "            counting=\"beginning\" discount-costs=\"constant\" discount-costs-rate=\"0\"\n"
  "            discount-outcomes=\"constant\" discount-outcomes-rate=\"0\"\n"
  "            discount-first-cycle=\"false\" cohort-size=\"100\" inflow=\"0\"/>\n"
  "  <holders>\n"
  "    <holder id=\"council\" name=\"Council\" colour=\"#33d17a\" public=\"true\"\n"
  "            pooled=\"true\"/>\n"
  "  </holders>\n"
  "  <cost-items>\n"
  "    <item id=\"visit\" name=\"Visit\" unit=\"visit\" cost=\"100\" price-year=\"2026\"\n"
  "          holder=\"council\" category=\"routine\" cashable=\"1\"/>\n"
  "  </cost-items>\n"
  "  <states>\n"
  "    <state id=\"well\" name=\"Well\" colour=\"#33d17a\" crisis=\"false\" initial=\"1\"\n"
  "           inflow-share=\"0\"/>\n"
  "    <state id=\"ill\" name=\"Ill\" colour=\"#e01b24\" crisis=\"true\" initial=\"0\"\n"
  "           inflow-share=\"0\">\n"
  "      <use item=\"visit\" quantity=\"1\"/>\n"
  "    </state>\n"
  "  </states>\n"
  "  <transitions>\n"
  "    <transition from=\"well\" to=\"ill\" value=\"0.1\"/>\n"
  "  </transitions>\n"
  "  <options>\n"
  "    <option id=\"bau\" name=\"BAU\" kind=\"bau\"/>\n"
  "    <option id=\"act\" name=\"Act\" kind=\"other\" fixed-cost=\"100000\">\n"
  "      <one-off cycle=\"1\" amount=\"30000\"/>\n"
  "      <funding holder=\"council\" share=\"1\"/>\n"
  "    </option>\n"
  "  </options>\n"
  "  <uncertainty>\n"
  "    <distribution path=\"transition/well/ill\" kind=\"beta\" a=\"10\" b=\"90\"/>\n"
  "    <distribution path=\"option/act/overhead\" kind=\"range\" a=\"0.1\" b=\"0.2\"/>\n"
  "    <distribution path=\"cost-item/visit/cost\" kind=\"normal\" a=\"100\" b=\"10\"/>\n"
  "    <distribution path=\"option/act/one-off/1\" kind=\"uniform\" a=\"0\" b=\"100000\"/>\n"
  "    <distribution path=\"option/act/fixed-cost\" kind=\"range\" a=\"80000\" b=\"120000\"/>\n"
  "  </uncertainty>\n"
  "</plan>\n";

static void
test_tornado_order (void)
{
  g_autoptr(UpPlan) plan = load_string (tornado_plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpTornado) tornado = up_tornado_run (plan, NULL, NULL, UP_METRIC_NPBI, &error);
  struct
  {
    const char *path;
    double      low, high, metric_low, metric_high, swing;
  } expected[] = {
    { "option/act/fixed-cost", 80000, 120000, -430000, -630000, 200000 },
    { "option/act/one-off/1", 2500, 97500, -502500, -597500, 95000 },
    { "option/act/overhead", 0.1, 0.2, -583000, -636000, 53000 },
    { "cost-item/visit/cost", NAN, NAN, -530000, -530000, 0 },
    { "transition/well/ill", NAN, NAN, -530000, -530000, 0 },
  };

  g_assert_no_error (error);
  g_assert_cmpstr (up_model_get_option_id (up_tornado_get_model (tornado),
                                           up_tornado_get_option (tornado)), ==, "act");
  assert_relative (up_tornado_get_base_value (tornado), -530000, 1e-12);
  g_assert_cmpuint (up_tornado_get_n_bars (tornado), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (tornado, i);

      g_assert_cmpstr (bar->path, ==, expected[i].path);
      g_assert_null (bar->invalid);
      if (!isnan (expected[i].low))
        {
          assert_relative (bar->low, expected[i].low, 1e-12);
          assert_relative (bar->high, expected[i].high, 1e-12);
        }
      assert_relative (bar->metric_low, expected[i].metric_low, 1e-12);
      assert_relative (bar->metric_high, expected[i].metric_high, 1e-12);
      if (expected[i].swing == 0)
        g_assert_cmpfloat (bar->swing, ==, 0);
      else
        assert_relative (bar->swing, expected[i].swing, 1e-12);
    }
}

static void
test_tornado_metrics_and_errors (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(GError) error = NULL;
  UpMetric metric;
  const char *names[] = { "npbi", "npsv", "crisis_episodes_avoided", "break_even_year" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(UpTornado) tornado = NULL;

      g_assert_true (up_metric_from_name (names[n], &metric));
      g_assert_cmpstr (up_metric_get_name (metric), ==, names[n]);
      tornado = up_tornado_run (plan, NULL, "communitise", metric, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (up_tornado_get_n_bars (tornado), ==, 7);
      for (guint i = 1; i < up_tornado_get_n_bars (tornado); i++)
        {
          const UpTornadoBar *a = up_tornado_get_bar (tornado, i - 1);
          const UpTornadoBar *b = up_tornado_get_bar (tornado, i);

          g_assert_true (isnan (b->swing) || a->swing >= b->swing);
        }
    }
  g_assert_false (up_metric_from_name ("nonsense", &metric));
  g_assert_null (up_tornado_run (plan, NULL, "nonsense", UP_METRIC_NPBI, &error));
  g_assert_error (error, UP_ERROR, UP_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uncertainty/rng/philox-known-answers", test_philox_known_answers);
  g_test_add_func ("/uncertainty/rng/streams", test_rng_streams);
  g_test_add_func ("/uncertainty/sampling/moments", test_sampling_moments);
  g_test_add_func ("/uncertainty/fit/ranges", test_fit_ranges);
  g_test_add_func ("/uncertainty/fit/concentrated", test_fit_concentrated);
  g_test_add_func ("/uncertainty/fit/errors-and-points", test_fit_errors_and_points);
  g_test_add_func ("/uncertainty/fit/family-for-unit", test_family_for_unit);
  g_test_add_func ("/uncertainty/binder/identity", test_binder_identity);
  g_test_add_func ("/uncertainty/binder/matches-compile", test_binder_matches_compile);
  g_test_add_func ("/uncertainty/binder/slow-route", test_binder_slow_route);
  g_test_add_func ("/uncertainty/psa/same-with-1-2-4-threads", test_psa_threads);
  g_test_add_func ("/uncertainty/psa/summaries", test_psa_summaries);
  g_test_add_func ("/uncertainty/psa/zero-width-is-deterministic", test_psa_zero_width);
  g_test_add_func ("/uncertainty/psa/invalid-samples", test_psa_invalid_samples);
  g_test_add_func ("/uncertainty/psa/cancel", test_psa_cancel);
  g_test_add_func ("/uncertainty/psa/cancel-before", test_psa_cancel_before);
  g_test_add_func ("/uncertainty/psa/samples-csv", test_psa_samples_csv);
  g_test_add_func ("/uncertainty/tornado/order-by-hand", test_tornado_order);
  g_test_add_func ("/uncertainty/tornado/metrics-and-errors", test_tornado_metrics_and_errors);
  return g_test_run ();
}
