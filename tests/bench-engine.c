/* bench-engine.c: how fast the engine and the file loader are
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints numbers; asserts nothing about time (a benchmark, not a test).
 *   bench-engine [--seconds S]
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "upstream-core.h"

static double seconds = 1.0;
static int fixed_runs = 0;   /* --runs N: exactly N projections (for instruction counts) */

/* A plan of S states, O options (BAU first) and K cycles with service use, entry costs,
 * an outcome measure and effects on every eligible state's moves. */
static UpPlan *
make_plan (int S,
           int O,
           int K)
{
  UpPlan *plan = up_plan_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const char *holders[] = { "nhs", "council", "police", "community" };
  g_autoptr(UpMeasure) measure = up_measure_new ("ly", "Life-years");

  g_object_set (plan, "horizon", (double) K, "cohort-size", 10000.0, NULL);
  for (int h = 0; h < 4; h++)
    {
      g_autoptr(UpBudgetHolder) holder = up_budget_holder_new (holders[h], holders[h]);

      up_budget_holder_set_public (holder, h < 3);
      up_budget_holder_set_pooled (holder, h < 2);
      g_list_store_append (up_plan_get_holders (plan), holder);
    }
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("item%d", i);
      g_autoptr(UpCostItem) item = up_cost_item_new (id, id);

      g_object_set (item, "cost", 100.0 + 500 * i, "holder", holders[i % 3],
                    "cashable", 0.5, NULL);
      g_list_store_append (up_plan_get_cost_items (plan), item);
    }
  g_list_store_append (up_plan_get_measures (plan), measure);
  for (int s = 0; s < S; s++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", s);
      g_autoptr(UpState) state = up_state_new (id, id);
      g_autoptr(UpSchedule) w = up_schedule_new_constant (1.0 - (double) s / S);

      g_object_set (state, "initial", s == 0 ? 1.0 : 0.0, "inflow-share", s == 0 ? 1.0 : 0.0,
                    "crisis", s >= S - 2, NULL);
      /* Like the examples: two service-use lines per state, entry costs into the
       * crisis states only. */
      for (int l = 0; l < 3; l++)
        {
          g_autofree char *item = g_strdup_printf ("item%d", (s + l) % 8);
          g_autoptr(UpCostLine) line = up_cost_line_new (item, 1.0 + l, NULL);

          if (l < 2)
            g_list_store_append (up_state_get_use (state), line);
          else if (s >= S - 2)
            g_list_store_append (up_state_get_entry (state), line);
        }
      up_state_set_weight (state, "ly", w);
      g_list_store_append (up_plan_get_states (plan), state);
    }
  {
    g_autoptr(UpSchedule) inflow = up_schedule_new_constant (100);

    up_plan_set_inflow (plan, inflow);
  }
  for (int i = 0; i < S; i++)
    for (int c = 0; c < S; c++)
      {
        g_autofree char *from = g_strdup_printf ("s%d", i);
        g_autofree char *to = g_strdup_printf ("s%d", c);
        g_autoptr(UpSchedule) v = NULL;
        g_autoptr(UpTransition) t = NULL;

        if (c == i || (c != i + 1 && c != i - 1 && c != 0 && c != S - 1))
          continue;
        v = up_schedule_new_constant (0.05 + 0.1 * g_rand_double (rand));
        t = up_transition_new (from, to, v);
        g_list_store_append (up_plan_get_transitions (plan), t);
      }
  for (int o = 0; o < O; o++)
    {
      g_autofree char *id = g_strdup_printf ("o%d", o);
      g_autoptr(UpOption) option = up_option_new (id, id, o == 0 ? UP_OPTION_BAU
                                                                 : UP_OPTION_COMMUNITISE);
      g_autoptr(GPtrArray) eligible = g_ptr_array_new_with_free_func (g_free);

      g_object_set (option, "fixed-cost", 1e5, NULL);
      up_option_set_funding (option, "council", 1.0);
      if (o > 0)
        {
          g_object_set (option, "take-up", 0.4, "participant-cost", 500.0, "ramp-up", 1.0,
                        "active-cycles", (double) (K / 2), "drop-off", 0.2,
                        "has-capacity", TRUE, "capacity", 2000.0, NULL);
          for (int s = 1; s < S - 2; s++)
            {
              g_autofree char *from = g_strdup_printf ("s%d", s);
              g_autofree char *to = g_strdup_printf ("s%d", s + 1);
              g_autoptr(UpSchedule) rr = up_schedule_new_constant (0.7);
              g_autoptr(UpEffect) effect = up_effect_new (from, to, UP_EFFECT_RELATIVE_RISK, rr);

              g_ptr_array_add (eligible, g_strdup (from));
              g_list_store_append (up_option_get_effects (option), effect);
            }
          g_ptr_array_add (eligible, NULL);
          up_option_set_eligible (option, (const char * const *) eligible->pdata);
        }
      g_list_store_append (up_plan_get_options (plan), option);
    }
  return plan;
}

static void
bench_projection (const char *label,
                  int         S,
                  int         O,
                  int         K)
{
  g_autoptr(UpPlan) plan = make_plan (S, O, K);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  gint64 start, elapsed, compile_start;
  guint64 runs = 0, compiles = 0;

  compile_start = g_get_monotonic_time ();
  do
    {
      g_autoptr(UpModel) m = up_model_compile (plan, NULL, NULL, &error);

      g_assert_no_error (error);
      compiles++;
    }
  while (g_get_monotonic_time () - compile_start < seconds * G_USEC_PER_SEC / 4);
  elapsed = g_get_monotonic_time () - compile_start;
  g_print ("%-44s compile  %10.2f us\n", label, (double) elapsed / compiles);

  model = up_model_compile (plan, NULL, NULL, &error);
  results = up_results_new (model);
  for (int i = 0; i < 100; i++)   /* warm up */
    up_engine_run (model, results);
  start = g_get_monotonic_time ();
  if (fixed_runs > 0)
    for (runs = 0; runs < (guint64) fixed_runs; runs++)
      up_engine_run (model, results);
  else
    do
      {
        for (int i = 0; i < 100; i++)
          up_engine_run (model, results);
        runs += 100;
      }
    while (g_get_monotonic_time () - start < seconds * G_USEC_PER_SEC);
  elapsed = g_get_monotonic_time () - start;
  g_print ("%-44s project  %10.3f us per full projection (%d options)\n", label,
           (double) elapsed / runs, O);
}

static void
bench_load (void)
{
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;
  gint64 start, elapsed;
  int runs = 0;
  int S = 20, O = 10, K = 200;

  /* Grow the plan until its file is about 1 MB: more options (up to the 50 a plan may
   * have) with a replacement schedule for every cycle on every eligible move. */
  plan = make_plan (S, O, K);
  for (int extra = 0; ; extra++)
    {
      g_autofree char *id = g_strdup_printf ("extra%d", extra);
      g_autoptr(UpOption) option = up_option_new (id, id, UP_OPTION_OTHER);
      g_autofree double *v = g_new (double, K);

      bytes = up_plan_save_to_bytes (plan);
      if (g_bytes_get_size (bytes) >= 1000000 ||
          g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_options (plan))) >= 50)
        break;
      g_clear_pointer (&bytes, g_bytes_unref);
      for (int k = 0; k < K; k++)
        v[k] = 0.01 + 0.001 * ((k * 7919 + extra) % 97);
      for (int s = 1; s < S - 2; s++)
        {
          g_autofree char *from = g_strdup_printf ("s%d", s);
          g_autofree char *to = g_strdup_printf ("s%d", s + 1);
          g_autoptr(UpSchedule) sched = up_schedule_new (v, K);
          g_autoptr(UpEffect) effect = up_effect_new (from, to, UP_EFFECT_REPLACE, sched);
          const char *el[] = { NULL, NULL };

          g_list_store_append (up_option_get_effects (option), effect);
          (void) el;
        }
      {
        g_autoptr(GPtrArray) eligible = g_ptr_array_new_with_free_func (g_free);

        for (int s = 1; s < S - 2; s++)
          g_ptr_array_add (eligible, g_strdup_printf ("s%d", s));
        g_ptr_array_add (eligible, NULL);
        up_option_set_eligible (option, (const char * const *) eligible->pdata);
      }
      g_list_store_append (up_plan_get_options (plan), option);
    }

  data = g_bytes_get_data (bytes, &size);
  start = g_get_monotonic_time ();
  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = up_problems_new ();
      g_autoptr(UpPlan) loaded = up_plan_load_from_data (data, size, problems, &error);
      g_autoptr(UpModel) model = NULL;

      g_assert_no_error (error);
      model = up_model_compile (loaded, NULL, problems, &error);
      g_assert_no_error (error);
      runs++;
    }
  while (g_get_monotonic_time () - start < seconds * G_USEC_PER_SEC);
  elapsed = g_get_monotonic_time () - start;
  g_print ("%-44s %10.2f ms per load + validate (%.2f MB, %u options)\n",
           "load a 1 MB plan", (double) elapsed / runs / 1000.0, size / 1e6,
           g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_options (plan))));
}

int
main (int   argc,
      char *argv[])
{
  gboolean only_small = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--seconds") == 0 && i + 1 < argc)
        seconds = g_ascii_strtod (argv[++i], NULL);
      else if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        fixed_runs = atoi (argv[++i]);
      else if (strcmp (argv[i], "--small") == 0)
        only_small = TRUE;
    }
  bench_projection ("4 options, 6 states, 20 cycles", 6, 4, 20);
  if (only_small)
    return 0;
  bench_projection ("10 options, 20 states, 100 cycles (stress)", 20, 10, 100);
  bench_load ();
  return 0;
}
