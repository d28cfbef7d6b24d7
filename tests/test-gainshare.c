/* test-gainshare.c: the gain-share proposal for the pooled budget
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transfers sum to zero and leave each partner with exactly its stated share of the
 * pool's net benefit: N · I_h / Σ I.
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "up-gainshare.h"
#include "upstream-core.h"

/* |a − b| within 1e-9 of scale (and of 1, for values near zero). */
static void
assert_close (double a,
              double b,
              double scale)
{
  double tolerance = 1e-9 * MAX (fabs (scale), 1.0);

  if (!(fabs (a - b) <= tolerance))
    g_error ("%.17g and %.17g differ by more than %.3g", a, b, tolerance);
}

static void
check_invariants (const UpGainShare *gs)
{
  double sum = 0, scale = fabs (gs->pooled_net), invested = 0;

  for (guint i = 0; i < gs->n_partners; i++)
    {
      const UpGainSharePartner *p = &gs->partners[i];

      scale += fabs (p->transfer) + fabs (p->own_net);
      invested += p->invested;
      g_assert_cmpfloat (p->invested, >=, 0);
      g_assert_cmpfloat (p->invested, ==, MAX (p->extra, 0));
      g_assert_cmpfloat (p->own_net, ==, p->savings - p->extra);
    }
  g_assert_cmpfloat (gs->total_invested, ==, invested);
  if (!gs->defined)
    {
      g_assert_cmpfloat (gs->total_invested, ==, 0);
      return;
    }
  for (guint i = 0; i < gs->n_partners; i++)
    {
      const UpGainSharePartner *p = &gs->partners[i];
      double ends_with = p->own_net + p->transfer;

      sum += p->transfer;
      /* each partner ends with exactly its stated share of N */
      assert_close (ends_with, p->target, scale);
      assert_close (ends_with, gs->pooled_net * p->invested / gs->total_invested, scale);
      assert_close (p->share, p->invested / gs->total_invested, 1);
    }
  /* transfers sum to zero (relative to the money moved) */
  assert_close (sum, 0, scale);
}

static void
test_worked_example (void)
{
  /* council pays 500 and saves 100; the NHS pays 200 and saves 900; the police save 50 */
  const double savings[] = { 100, 900, 50 };
  const double extra[] = { 500, 200, 0 };
  g_autoptr(UpGainShare) gs = up_gain_share_compute (3, savings, extra);

  g_assert_true (gs->defined);
  g_assert_cmpfloat (gs->pooled_net, ==, 350);
  g_assert_cmpfloat (gs->total_invested, ==, 700);
  g_assert_cmpfloat (gs->partners[0].target, ==, 250);
  g_assert_cmpfloat (gs->partners[1].target, ==, 100);
  g_assert_cmpfloat (gs->partners[2].target, ==, 0);
  g_assert_cmpfloat (gs->partners[0].transfer, ==, 650);
  g_assert_cmpfloat (gs->partners[1].transfer, ==, -600);
  g_assert_cmpfloat (gs->partners[2].transfer, ==, -50);
  check_invariants (gs);
}

static void
test_loss_is_shared (void)
{
  /* The pool loses 300 overall: the investors share the loss by investment. */
  const double savings[] = { 100, 0 };
  const double extra[] = { 300, 100 };
  g_autoptr(UpGainShare) gs = up_gain_share_compute (2, savings, extra);

  g_assert_cmpfloat (gs->pooled_net, ==, -300);
  g_assert_cmpfloat (gs->partners[0].target, ==, -225);
  g_assert_cmpfloat (gs->partners[1].target, ==, -75);
  check_invariants (gs);
}

static void
test_no_investment (void)
{
  /* A partner that spends less than under business as usual invested nothing. */
  const double savings[] = { 10, 20 };
  const double extra[] = { 0, -5 };
  g_autoptr(UpGainShare) gs = up_gain_share_compute (2, savings, extra);
  g_autoptr(UpGainShare) empty = up_gain_share_compute (0, NULL, NULL);

  g_assert_false (gs->defined);
  g_assert_cmpfloat (gs->partners[1].invested, ==, 0);
  g_assert_cmpfloat (gs->partners[0].transfer, ==, 0);
  check_invariants (gs);
  g_assert_false (empty->defined);
  g_assert_cmpuint (empty->n_partners, ==, 0);
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260601);

  for (guint round = 0; round < 2000; round++)
    {
      guint n = g_rand_int_range (rand, 1, 9);
      double magnitude = pow (10, g_rand_int_range (rand, 0, 10));
      g_autofree double *savings = g_new (double, n);
      g_autofree double *extra = g_new (double, n);
      g_autoptr(UpGainShare) gs = NULL;

      for (guint i = 0; i < n; i++)
        {
          savings[i] = g_rand_double_range (rand, -0.2, 1) * magnitude;
          extra[i] = g_rand_double_range (rand, -0.2, 1) * magnitude;
        }
      gs = up_gain_share_compute (n, savings, extra);
      check_invariants (gs);
    }
}

/* From an example plan: the partners are the pooled holders, N the engine's pooled net. */
static void
test_from_results (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "bradford-peer-recovery.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = up_plan_load_from_file (file, NULL, &error);
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  int H;

  g_assert_no_error (error);
  model = up_model_compile (plan, NULL, NULL, &error);
  g_assert_no_error (error);
  results = up_model_project (model);
  H = up_model_get_n_holders (model);
  for (int o = 0; o < up_model_get_n_options (model); o++)
    {
      g_autoptr(UpGainShare) gs = up_gain_share_new (model, results, o);
      const UpMetrics *mt = &results->metrics[o];
      guint pooled = 0;

      for (int h = 0; h < H; h++)
        pooled += up_model_get_holder_pooled (model, h) ? 1 : 0;
      g_assert_cmpuint (gs->n_partners, ==, pooled);
      for (guint i = 0; i < gs->n_partners; i++)
        {
          int h = gs->partners[i].holder;

          g_assert_true (up_model_get_holder_pooled (model, h));
          g_assert_cmpfloat (gs->partners[i].savings, ==, results->holder_savings[o * H + h]);
          g_assert_cmpfloat (gs->partners[i].extra, ==, results->holder_extra[o * H + h]);
        }
      assert_close (gs->pooled_net, mt->pooled_net,
                    fabs (mt->pooled_savings) + fabs (mt->pooled_extra_delivery));
      check_invariants (gs);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/up/gain-share/worked-example", test_worked_example);
  g_test_add_func ("/up/gain-share/loss-is-shared", test_loss_is_shared);
  g_test_add_func ("/up/gain-share/no-investment", test_no_investment);
  g_test_add_func ("/up/gain-share/random", test_random);
  g_test_add_func ("/up/gain-share/from-results", test_from_results);
  return g_test_run ();
}
