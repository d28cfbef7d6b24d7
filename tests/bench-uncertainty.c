/* bench-uncertainty.c: how fast the probabilistic analysis is
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints numbers; asserts nothing about time (a benchmark, not a test). The targets of
 * issue 5: 1,000 samples of a 2-option, 4-state, 50-cycle plan in at most 20 ms on one
 * core; 100,000 samples of a 4-option example in at most 2 s on two cores; a live
 * refresh (a few hundred samples) inside one 16 ms frame. Every time is of a whole
 * up_psa_run() call: compiling, fitting, sampling, projecting and summarising.
 *   bench-uncertainty [--quick]
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "up-binder.h"
#include "upstream-core.h"

/* A plan of 4 states and 2 options (BAU and one with effects) over 50 cycles, with six
 * uncertain parameters of the usual kinds. */
static UpPlan *
make_small_plan (void)
{
  UpPlan *plan = up_plan_new ();
  const char *ids[] = { "well", "emerging", "high", "crisis" };
  const char *holders[] = { "nhs", "council" };
  g_autoptr(UpSchedule) inflow = up_schedule_new_constant (100);
  g_autoptr(UpOption) bau = up_option_new ("bau", "BAU", UP_OPTION_BAU);
  g_autoptr(UpOption) help = up_option_new ("help", "Help", UP_OPTION_COMMUNITISE);
  const char *eligible[] = { "emerging", "high", NULL };
  struct
  {
    const char *from, *to;
    double      p;
  } moves[] = {
    { "well", "emerging", 0.12 }, { "emerging", "well", 0.2 }, { "emerging", "high", 0.15 },
    { "high", "emerging", 0.1 }, { "high", "crisis", 0.12 }, { "crisis", "high", 0.5 },
  };
  struct
  {
    const char    *path;
    UpDistribution dist;
  } uncertain[] = {
    { "transition/high/crisis", { UP_DIST_BETA, 12, 88, 0 } },
    { "option/help/take-up", { UP_DIST_BETA, 30, 70, 0 } },
    { "option/help/effect/high/crisis", { UP_DIST_LOGNORMAL, -0.357, 0.15, 0 } },
    { "option/help/deadweight", { UP_DIST_RANGE, 0.05, 0.25, 0 } },
    { "cost-item/bed/cost", { UP_DIST_GAMMA, 100, 4.1, 0 } },
    { "option/help/fixed-cost", { UP_DIST_RANGE, 80000, 150000, 0 } },
  };

  g_object_set (plan, "horizon", 50.0, "cohort-size", 10000.0, NULL);
  up_plan_set_inflow (plan, inflow);
  for (int h = 0; h < 2; h++)
    {
      g_autoptr(UpBudgetHolder) holder = up_budget_holder_new (holders[h], holders[h]);

      up_budget_holder_set_public (holder, TRUE);
      g_list_store_append (up_plan_get_holders (plan), holder);
    }
  {
    g_autoptr(UpCostItem) gp = up_cost_item_new ("gp", "GP");
    g_autoptr(UpCostItem) bed = up_cost_item_new ("bed", "Bed day");

    g_object_set (gp, "cost", 42.0, "holder", "nhs", "cashable", 0.1, NULL);
    g_object_set (bed, "cost", 410.0, "holder", "nhs", "cashable", 0.4, NULL);
    g_list_store_append (up_plan_get_cost_items (plan), gp);
    g_list_store_append (up_plan_get_cost_items (plan), bed);
  }
  for (int s = 0; s < 4; s++)
    {
      g_autoptr(UpState) state = up_state_new (ids[s], ids[s]);
      g_autoptr(UpCostLine) use = up_cost_line_new (s == 3 ? "bed" : "gp", 1.0 + 2 * s, NULL);

      g_object_set (state, "initial", s == 0 ? 0.7 : 0.1, "inflow-share", s == 1 ? 1.0 : 0.0,
                    "crisis", s == 3, NULL);
      g_list_store_append (up_state_get_use (state), use);
      if (s == 3)
        {
          g_autoptr(UpCostLine) entry = up_cost_line_new ("bed", 2, NULL);

          g_list_store_append (up_state_get_entry (state), entry);
        }
      g_list_store_append (up_plan_get_states (plan), state);
    }
  for (guint t = 0; t < G_N_ELEMENTS (moves); t++)
    {
      g_autoptr(UpSchedule) p = up_schedule_new_constant (moves[t].p);
      g_autoptr(UpTransition) tr = up_transition_new (moves[t].from, moves[t].to, p);

      g_list_store_append (up_plan_get_transitions (plan), tr);
    }
  g_object_set (bau, "fixed-cost", 50000.0, NULL);
  up_option_set_funding (bau, "council", 1.0);
  g_list_store_append (up_plan_get_options (plan), bau);
  g_object_set (help, "fixed-cost", 110000.0, "participant-cost", 400.0, "take-up", 0.3,
                "ramp-up", 1.0, "drop-off", 0.3, "active-cycles", 10.0, NULL);
  up_option_set_funding (help, "council", 1.0);
  up_option_set_eligible (help, eligible);
  {
    g_autoptr(UpSchedule) rr1 = up_schedule_new_constant (0.7);
    g_autoptr(UpSchedule) rr2 = up_schedule_new_constant (0.8);
    g_autoptr(UpEffect) e1 = up_effect_new ("high", "crisis", UP_EFFECT_RELATIVE_RISK, rr1);
    g_autoptr(UpEffect) e2 = up_effect_new ("emerging", "high", UP_EFFECT_RELATIVE_RISK, rr2);

    g_list_store_append (up_option_get_effects (help), e1);
    g_list_store_append (up_option_get_effects (help), e2);
  }
  g_list_store_append (up_plan_get_options (plan), help);
  for (guint u = 0; u < G_N_ELEMENTS (uncertain); u++)
    up_plan_set_distribution (plan, uncertain[u].path, &uncertain[u].dist);
  return plan;
}

/* CPU time of the whole process, in microseconds: on a machine shared with other work it
 * shows what a run costs when wall time cannot. */
static double
cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  double wall_us;   /* median wall time */
  double cpu_us;    /* median CPU time of the process (all threads) */
  guint64 invalid;
} Timing;

/* Runs the analysis `repeats` times; medians of the wall and CPU times. */
static Timing
time_psa (UpPlan  *plan,
          guint64  n_samples,
          guint    n_threads,
          int      repeats)
{
  g_autofree double *wall = g_new (double, repeats);
  g_autofree double *cpu = g_new (double, repeats);
  Timing t = { 0 };

  for (int r = 0; r < repeats; r++)
    {
      UpPsaOptions options = { .n_samples = n_samples, .seed = 2026 + r, .n_threads = n_threads };
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_us ();
      g_autoptr(UpPsa) psa = up_psa_run (plan, NULL, &options, NULL, &error);

      wall[r] = (double) (g_get_monotonic_time () - start);
      cpu[r] = cpu_us () - cpu_start;
      if (psa == NULL)
        g_error ("%s", error->message);
      t.invalid = up_psa_get_n_invalid (psa);
    }
  qsort (wall, repeats, sizeof (double), compare_doubles);
  qsort (cpu, repeats, sizeof (double), compare_doubles);
  t.wall_us = wall[repeats / 2];
  t.cpu_us = cpu[repeats / 2];
  return t;
}

/* The route not taken: copy the plan, set the values and compile it, per sample. */
static double
time_compile_route (UpPlan *plan,
                    int     n)
{
  g_auto(GStrv) paths = up_plan_list_distributions (plan);
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < n; i++)
    {
      g_autoptr(UpPlan) copy = up_plan_copy (plan);
      g_autoptr(UpModel) model = NULL;
      g_autoptr(UpResults) results = NULL;

      for (guint p = 0; paths[p] != NULL; p++)
        {
          double v;

          up_plan_get_param (copy, paths[p], &v, NULL);
          up_plan_set_param (copy, paths[p], v * (1 + 1e-3 * (i % 7)), NULL);
        }
      model = up_model_compile (copy, NULL, NULL, NULL);
      results = up_model_project (model);
    }
  return (double) (g_get_monotonic_time () - start) / n;
}

/* What one sample costs on one thread (CPU time): applying its values, and the
 * projection. */
static void
time_per_sample (UpPlan     *plan,
                 const char *label)
{
  g_autoptr(UpModel) model = up_model_compile (plan, NULL, NULL, NULL);
  g_auto(GStrv) paths = up_plan_list_distributions (plan);
  g_autoptr(UpBinder) binder = up_binder_new (plan, model, (const char * const *) paths, NULL);
  g_autoptr(UpBinderState) state = up_binder_state_new (binder);
  g_autoptr(UpResults) results = up_results_new (model);
  guint n = up_binder_get_n_params (binder);
  g_autofree double *values = g_new (double, n);
  int runs = 20000;
  double start, apply_us, run_us;

  for (guint p = 0; p < n; p++)
    values[p] = up_binder_get_base (binder, p);
  start = cpu_us ();
  for (int i = 0; i < runs; i++)
    up_binder_state_apply (state, values, NULL);
  apply_us = (cpu_us () - start) / runs;
  start = cpu_us ();
  for (int i = 0; i < runs; i++)
    up_engine_run (up_binder_state_get_model (state), results);
  run_us = (cpu_us () - start) / runs;
  g_print ("%-48s %8.2f µs apply + %.2f µs project per sample (CPU)\n", label, apply_us,
           run_us);
}

static void
print_timing (const char *label,
              Timing      t,
              double      scale,
              const char *unit,
              const char *note)
{
  g_print ("%-48s %9.3f %s wall, %9.3f %s CPU (%" G_GUINT64_FORMAT " invalid)%s\n", label,
           t.wall_us / scale, unit, t.cpu_us / scale, unit, t.invalid, note);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UpPlan) small = make_small_plan ();
  g_autoptr(UpPlan) bradford = NULL;
  g_autofree char *path = NULL;
  gboolean quick = argc > 1 && strcmp (argv[1], "--quick") == 0;

  setlocale (LC_ALL, "");
  path = g_build_filename (SOURCE_DATADIR, "examples", "bradford-peer-recovery.upstream", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    bradford = up_plan_load_from_file (file, NULL, &error);
    if (bradford == NULL)
      g_error ("%s: %s", path, error->message);
  }

  time_per_sample (small, "2 options, 4 states, 50 cycles");
  time_per_sample (bradford, "Bradford (4 options, 7 states, 10 cycles)");
  g_print ("%-48s %8.2f µs per sample (wall; not used)\n",
           "compile a copy per sample, small plan", time_compile_route (small, quick ? 50 : 300));

  print_timing ("1,000 samples, 2 options, 4 states, 50 cycles",
                time_psa (small, 1000, 1, quick ? 3 : 11), 1000, "ms",
                "; target ≤ 20 ms on one core");
  print_timing ("live: 200 samples of Bradford, 1 thread",
                time_psa (bradford, 200, 1, quick ? 5 : 31), 1, "µs", "; a frame is 16,667 µs");
  print_timing ("live: 200 samples of Bradford, 2 threads",
                time_psa (bradford, 200, 2, quick ? 5 : 31), 1, "µs", "");
  print_timing ("100,000 samples of Bradford, 2 threads",
                time_psa (bradford, 100000, 2, quick ? 1 : 3), 1e6, "s",
                "; target ≤ 2 s on two cores");
  return 0;
}
