/* test-invariants.c: properties every projection must have
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checked on every bundled example and on random valid plans: people are never
 * created or lost, no occupancy goes negative, money by budget holder adds up, and
 * the metric identities of docs/engine.md hold.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "upstream-core.h"

#define REL 1e-9

static void
assert_close (double      got,
              double      expected,
              double      scale,
              const char *what)
{
  if (!(fabs (got - expected) <= REL * (1.0 + fabs (scale))))
    g_error ("%s: %.17g, expected %.17g", what, got, expected);
}

static void
check_invariants (UpPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UpModel) model = up_model_compile (plan, NULL, NULL, &error);
  g_autoptr(UpResults) r = NULL;
  int O, K, S, H, M, b;
  double inflow_total = 0;

  g_assert_no_error (error);
  r = up_model_project (model);
  O = r->n_options; K = r->n_cycles; S = r->n_states; H = r->n_holders; M = r->n_measures;
  b = up_model_get_bau_index (model);

  for (int o = 0; o < O; o++)
    {
      UpMetrics *mt = &r->metrics[o], *mb = &r->metrics[b];
      double people0 = 0, se_total = 0, del_total = 0, pc_total = 0, cum = 0;
      double pub_savings = 0, pub_extra = 0, scale;

      for (int s = 0; s < S; s++)
        people0 += up_results_trace (r, o, 0, s);
      inflow_total = 0;
      for (int j = 1; j <= K; j++)
        {
          double people = 0;
          g_autoptr(UpSchedule) dummy = NULL;

          inflow_total += up_schedule_get (up_plan_get_inflow (plan), j);
          for (int s = 0; s < S; s++)
            {
              double n = up_results_trace (r, o, j, s);

              g_assert_cmpfloat (n, >=, -1e-9 * (1 + people0 + inflow_total));
              people += n;
            }
          /* Σ n_j = cohort + cumulative inflow */
          assert_close (people, people0 + inflow_total, people0 + inflow_total, "people");
          g_assert_cmpfloat (r->rho[o * K + j - 1], >=, 0);
          g_assert_cmpfloat (r->rho[o * K + j - 1], <=, 1);
        }

      for (int k = 1; k <= K; k++)
        {
          double df = up_model_get_df_cost (model, k), pc = 0;

          for (int h = 0; h < H; h++)
            {
              double service = up_results_cost (r, o, k, h, UP_COST_SERVICE);
              double entry = up_results_cost (r, o, k, h, UP_COST_ENTRY);
              double delivery = up_results_cost (r, o, k, h, UP_COST_DELIVERY);
              double crisis = up_results_cost (r, o, k, h, UP_COST_CRISIS);

              g_assert_cmpfloat (service, >=, 0);
              g_assert_cmpfloat (entry, >=, 0);
              g_assert_cmpfloat (crisis, <=, service + entry + 1e-9 * (1 + service + entry));
              se_total += (service + entry) * df;
              del_total += delivery * df;
              if (up_model_get_holder_public (model, h))
                pc += service + entry + delivery;
            }
          assert_close (r->public_cost[o * K + k - 1], pc, pc, "public cost of a cycle");
          pc_total += pc * df;
          cum += df * (r->public_cost[b * K + k - 1] - r->public_cost[o * K + k - 1]);
          assert_close (r->cum_net[o * K + k - 1], cum, mb->public_cost, "cumulative net");
        }
      scale = fabs (mb->public_cost) + fabs (mt->public_cost);
      /* money by holder adds up to the totals */
      assert_close (mt->service + mt->entry, se_total, se_total, "service + entry by holder");
      assert_close (mt->delivery, del_total, del_total, "delivery by holder");
      assert_close (mt->public_cost, pc_total, pc_total, "public cost");
      for (int h = 0; h < H; h++)
        if (up_model_get_holder_public (model, h))
          {
            pub_savings += r->holder_savings[o * H + h];
            pub_extra += r->holder_extra[o * H + h];
          }
      assert_close (mt->gross_savings, pub_savings, scale, "gross savings by holder");
      assert_close (mt->extra_delivery, pub_extra, scale, "extra delivery by holder");
      /* NPBI = gross savings − extra delivery = PC_BAU − PC_option */
      assert_close (mt->npbi, mt->gross_savings - mt->extra_delivery, scale, "NPBI identity");
      assert_close (mt->npbi, mb->public_cost - mt->public_cost, scale, "NPBI as PC");
      assert_close (r->cum_net[o * K + K - 1], mt->npbi, scale, "cumulative net at K");
      /* cashable savings never exceed gross savings */
      g_assert_cmpfloat (mt->cashable_savings, <=, mt->gross_savings + 1e-9 * (1 + scale));
      if (mt->break_even_cycle > 0)
        for (int k = mt->break_even_cycle; k <= K; k++)
          g_assert_cmpfloat (r->cum_net[o * K + k - 1], >=, -1e-9 * (1 + scale));
      for (int m = 0; m < M; m++)
        assert_close (r->outcome_delta[o * M + m],
                      r->outcome_total[o * M + m] - r->outcome_total[b * M + m],
                      fabs (r->outcome_total[b * M + m]), "outcome delta");
    }
}

static void
test_examples (void)
{
  const char *dir = g_test_get_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    {
      g_test_skip ("no examples directory");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(UpPlan) plan = NULL;

      if (!g_str_has_suffix (name, ".upstream"))
        continue;
      g_test_message ("%s", name);
      plan = up_plan_load_from_file (file, NULL, &error);
      g_assert_no_error (error);
      check_invariants (plan);
      n++;
    }
  g_assert_cmpuint (n, >=, 3);
}

/* A random valid plan: 2–7 states, rows that never exceed 1, 2–5 options with random
 * reach, effects, timing and costs, some inflow, two holders one of them not public. */
static UpPlan *
random_plan (GRand *rand)
{
  UpPlan *plan = up_plan_new ();
  int S = g_rand_int_range (rand, 2, 8);
  int O = g_rand_int_range (rand, 2, 6);
  int K = g_rand_int_range (rand, 1, 40);
  const char *holders[] = { "nhs", "council", "community" };
  double initial_left = 1.0;
  g_autofree double *inflow = g_new (double, K);

  g_object_set (plan, "horizon", (double) K, "cohort-size", g_rand_double_range (rand, 0, 5000),
                "counting", g_rand_int_range (rand, 0, 3),
                "discount-costs", g_rand_int_range (rand, 0, 3),
                "discount-first-cycle", g_rand_boolean (rand), NULL);
  for (int k = 0; k < K; k++)
    inflow[k] = g_rand_boolean (rand) ? g_rand_double_range (rand, 0, 200) : 0;
  {
    g_autoptr(UpSchedule) s = up_schedule_new (inflow, K);
    up_plan_set_inflow (plan, s);
  }
  for (int h = 0; h < 3; h++)
    {
      g_autoptr(UpBudgetHolder) holder = up_budget_holder_new (holders[h], holders[h]);

      up_budget_holder_set_public (holder, h < 2);
      up_budget_holder_set_pooled (holder, h == 0 || g_rand_boolean (rand));
      g_list_store_append (up_plan_get_holders (plan), holder);
    }
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("item%d", i);
      g_autoptr(UpCostItem) item = up_cost_item_new (id, id);

      g_object_set (item, "cost", g_rand_double_range (rand, 0, 5000),
                    "holder", holders[g_rand_int_range (rand, 0, 2)],
                    "cashable", g_rand_double (rand), NULL);
      g_list_store_append (up_plan_get_cost_items (plan), item);
    }
  for (int s = 0; s < S; s++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", s);
      g_autoptr(UpState) state = up_state_new (id, id);
      double share = s == S - 1 ? initial_left : initial_left * g_rand_double (rand);

      initial_left -= share;
      g_object_set (state, "initial", share, "inflow-share", s == 0 ? 1.0 : 0.0,
                    "crisis", s >= S - 2 && S > 2, NULL);
      for (int i = 0; i < 4; i++)
        if (g_rand_boolean (rand))
          {
            g_autofree char *item = g_strdup_printf ("item%d", i);
            g_autoptr(UpCostLine) line = up_cost_line_new (item, g_rand_double_range (rand, 0, 3),
                                                           NULL);

            g_list_store_append (g_rand_boolean (rand) ? up_state_get_use (state)
                                                       : up_state_get_entry (state), line);
          }
      g_list_store_append (up_plan_get_states (plan), state);
    }
  for (int i = 0; i < S; i++)
    {
      double left = g_rand_double_range (rand, 0.2, 1.0);

      for (int c = 0; c < S; c++)
        {
          g_autofree char *from = g_strdup_printf ("s%d", i);
          g_autofree char *to = g_strdup_printf ("s%d", c);
          g_autoptr(UpSchedule) v = NULL;
          g_autoptr(UpTransition) t = NULL;
          double p;

          if (c == i || g_rand_int_range (rand, 0, 3) == 0)
            continue;
          p = left * g_rand_double (rand) / S;
          v = up_schedule_new_constant (p);
          t = up_transition_new (from, to, v);
          g_list_store_append (up_plan_get_transitions (plan), t);
        }
    }
  for (int o = 0; o < O; o++)
    {
      g_autofree char *id = g_strdup_printf ("o%d", o);
      g_autoptr(UpOption) option = up_option_new (id, id, o == 0 ? UP_OPTION_BAU
                                                                 : UP_OPTION_COMMUNITISE);
      g_autoptr(GPtrArray) eligible = g_ptr_array_new_with_free_func (g_free);

      g_object_set (option, "fixed-cost", g_rand_double_range (rand, 0, 1e5),
                    "participant-cost", o == 0 ? 0.0 : g_rand_double_range (rand, 0, 1e3),
                    "overhead", g_rand_double (rand) / 4,
                    "optimism-bias-costs", g_rand_double (rand) / 2,
                    "volunteer-hours", g_rand_double_range (rand, 0, 30),
                    "volunteer-value", 12.0, "in-kind", g_rand_double_range (rand, 0, 1e4),
                    NULL);
      up_option_set_funding (option, "council", 0.5);
      up_option_set_funding (option, "nhs", 0.3);
      up_option_set_funding (option, "community", 0.2);
      if (o > 0)
        {
          g_object_set (option, "take-up", g_rand_double (rand),
                        "deadweight", g_rand_double (rand) / 2,
                        "attribution", g_rand_double_range (rand, 0.5, 1),
                        "optimism-bias-benefits", g_rand_double (rand) / 3,
                        "first-cycle", (double) g_rand_int_range (rand, 1, 4),
                        "active-cycles", (double) g_rand_int_range (rand, 0, 6),
                        "ramp-up", (double) g_rand_int_range (rand, 0, 3),
                        "drop-off", g_rand_double (rand),
                        "has-capacity", g_rand_boolean (rand),
                        "capacity", g_rand_double_range (rand, 0, 2000), NULL);
          for (int s = 0; s < S; s++)
            if (g_rand_boolean (rand))
              g_ptr_array_add (eligible, g_strdup_printf ("s%d", s));
          g_ptr_array_add (eligible, NULL);
          up_option_set_eligible (option, (const char * const *) eligible->pdata);
          for (guint e = 0; e + 1 < eligible->len; e++)
            {
              const char *from = eligible->pdata[e];
              guint n = g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_transitions (plan)));

              for (guint t = 0; t < n; t++)
                {
                  g_autoptr(UpTransition) tr =
                    g_list_model_get_item (G_LIST_MODEL (up_plan_get_transitions (plan)), t);
                  g_autoptr(UpSchedule) v = NULL;
                  g_autoptr(UpEffect) effect = NULL;

                  if (g_strcmp0 (up_transition_get_from (tr), from) != 0 ||
                      g_rand_boolean (rand))
                    continue;
                  if (g_rand_boolean (rand))
                    {
                      v = up_schedule_new_constant (g_rand_double_range (rand, 0.3, 1.5));
                      effect = up_effect_new (from, up_transition_get_to (tr),
                                              UP_EFFECT_RELATIVE_RISK, v);
                    }
                  else
                    {
                      v = up_schedule_new_constant (g_rand_double (rand) / S);
                      effect = up_effect_new (from, up_transition_get_to (tr),
                                              UP_EFFECT_REPLACE, v);
                    }
                  g_list_store_append (up_option_get_effects (option), effect);
                }
            }
        }
      g_list_store_append (up_plan_get_options (plan), option);
    }
  return plan;
}

static void
test_random_plans (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  guint checked = 0;

  for (int i = 0; i < 300; i++)
    {
      g_autoptr(UpPlan) plan = random_plan (rand);
      g_autoptr(GError) error = NULL;
      g_autoptr(UpModel) model = up_model_compile (plan, NULL, NULL, &error);

      /* a relative risk above 1 can push a row over 1: such plans are rightly refused */
      if (model == NULL)
        {
          g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
          continue;
        }
      check_invariants (plan);
      checked++;
    }
  g_test_message ("%u random plans checked", checked);
  g_assert_cmpuint (checked, >=, 200);
}

static void
test_copy_projects_the_same (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (int i = 0; i < 50; i++)
    {
      g_autoptr(UpPlan) plan = random_plan (rand);
      g_autoptr(UpPlan) copy = up_plan_copy (plan);
      g_autoptr(UpModel) a = up_model_compile (plan, NULL, NULL, NULL);
      g_autoptr(UpModel) b = up_model_compile (copy, NULL, NULL, NULL);
      g_autoptr(UpResults) ra = NULL;
      g_autoptr(UpResults) rb = NULL;
      gsize n;

      if (a == NULL)
        {
          g_assert_null (b);
          continue;
        }
      ra = up_model_project (a);
      rb = up_model_project (b);
      n = (gsize) ra->n_options * (ra->n_cycles + 1) * ra->n_states;
      g_assert_cmpint (memcmp (ra->trace, rb->trace, n * sizeof (double)), ==, 0);
      g_assert_cmpint (memcmp (ra->metrics, rb->metrics,
                               ra->n_options * sizeof (UpMetrics)), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/up/invariants/examples", test_examples);
  g_test_add_func ("/up/invariants/random-plans", test_random_plans);
  g_test_add_func ("/up/invariants/copy-projects-the-same", test_copy_projects_the_same);
  return g_test_run ();
}
