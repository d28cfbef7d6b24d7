/* bench-charts.c: how fast the four charts draw
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints numbers; asserts nothing about time (a benchmark, not a test). The Bradford
 * example, stretched to a 50-cycle horizon, drawn at 1280 × 800 into an image surface:
 *   draw_all_ms     up_chart_draw() of all four charts (a frame: layout cached), as a
 *                   widget draws them: on a background painted once by the toolkit
 *   draw_all_opaque_ms  the same, each chart painting its own background (as exports do)
 *   update_all_ms   set_data + layout + draw of all four (an edit)
 * Each figure is the mean wall-clock time per run, with the processor time per run and
 * the fastest run in brackets: on a machine busy with other work, read those.
 *   bench-charts [--seconds S]
 */

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "up-chart.h"
#include "upstream-core.h"

#define WIDTH 1280
#define HEIGHT 800

static double seconds = 1.0;

static UpPlan *
load_plan (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "bradford-peer-recovery.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  UpPlan *plan = up_plan_load_from_file (file, problems, &error);

  if (plan == NULL)
    g_error ("%s: %s", path, error != NULL ? error->message : "not loaded");
  if (!up_plan_set_param (plan, "plan/horizon", 50, &error))
    g_error ("horizon: %s", error->message);
  return plan;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Runs fn until `seconds` have passed (after a short warm-up). Returns the mean
 * wall-clock ms per run; *cpu gets the processor time per run and *best the fastest
 * single run: on a machine busy with other work those two are the figures to read. */
static double
time_runs (void   (*fn) (gpointer),
           gpointer data,
           gint64  *runs_out,
           double  *cpu,
           double  *best)
{
  gint64 start, limit = (gint64) (seconds * G_USEC_PER_SEC), runs = 0, elapsed, before;
  double cpu_start;

  for (int i = 0; i < 5; i++)
    fn (data);
  *best = INFINITY;
  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  do
    {
      before = g_get_monotonic_time ();
      fn (data);
      runs++;
      elapsed = g_get_monotonic_time ();
      *best = MIN (*best, (elapsed - before) / 1000.0);
      elapsed -= start;
    }
  while (elapsed < limit);
  *cpu = (cpu_ms () - cpu_start) / runs;
  *runs_out = runs;
  return elapsed / 1000.0 / runs;
}

typedef struct
{
  UpChart         *charts[UP_CHART_N_KINDS];
  UpModel         *model;
  UpResults       *results;
  cairo_surface_t *surface;
  cairo_t         *cr;
} Bench;

static void
draw_all (gpointer data)
{
  Bench *b = data;

  /* The toolkit's background, once a frame. */
  cairo_set_source_rgb (b->cr, 1, 1, 1);
  cairo_paint (b->cr);
  for (int k = 0; k < UP_CHART_N_KINDS; k++)
    up_chart_draw (b->charts[k], b->cr);
  cairo_surface_flush (b->surface);
}

static void
set_transparent (Bench    *b,
                 gboolean  transparent)
{
  UpChartTheme theme;

  up_chart_theme_init (&theme, FALSE, FALSE);
  theme.transparent = transparent;
  for (int k = 0; k < UP_CHART_N_KINDS; k++)
    up_chart_set_theme (b->charts[k], &theme);
}

static void
update_all (gpointer data)
{
  Bench *b = data;

  cairo_set_source_rgb (b->cr, 1, 1, 1);
  cairo_paint (b->cr);
  for (int k = 0; k < UP_CHART_N_KINDS; k++)
    {
      up_chart_set_data (b->charts[k], b->model, b->results, NULL);
      up_chart_draw (b->charts[k], b->cr);
    }
  cairo_surface_flush (b->surface);
}

static void
draw_one (gpointer data)
{
  UpChart **chart = data;
  Bench *b = (Bench *) chart[1];

  up_chart_draw (chart[0], b->cr);
  cairo_surface_flush (b->surface);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  Bench b = { { 0 } };
  gint64 runs;
  double ms, cpu, best;

  g_test_init (&argc, &argv, NULL);
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--seconds") == 0 && i + 1 < argc)
      seconds = g_ascii_strtod (argv[++i], NULL);

  plan = load_plan ();
  b.model = up_model_compile (plan, NULL, NULL, &error);
  if (b.model == NULL)
    g_error ("%s", error->message);
  b.results = up_model_project (b.model);
  b.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  b.cr = cairo_create (b.surface);
  for (int k = 0; k < UP_CHART_N_KINDS; k++)
    {
      b.charts[k] = up_chart_new (k);
      up_chart_set_data (b.charts[k], b.model, b.results, NULL);
      up_chart_layout (b.charts[k], WIDTH, HEIGHT, NULL);
    }

  g_print ("plan: bradford-peer-recovery, %d cycles, %d options, %d states, %d holders\n",
           b.results->n_cycles, b.results->n_options, b.results->n_states, b.results->n_holders);
  g_print ("size: %d x %d\n", WIDTH, HEIGHT);
  for (int k = 0; k < UP_CHART_N_KINDS; k++)
    {
      gpointer pair[2] = { b.charts[k], &b };

      ms = time_runs (draw_one, pair, &runs, &cpu, &best);
      g_print ("draw_%s_ms: %.3f (cpu %.3f, best %.3f)\n", up_chart_kind_to_string (k), ms, cpu,
               best);
    }
  ms = time_runs (draw_all, &b, &runs, &cpu, &best);
  g_print ("draw_all_opaque_ms: %.3f (cpu %.3f, best %.3f; %" G_GINT64_FORMAT " runs)\n",
           ms, cpu, best, runs);
  set_transparent (&b, TRUE);
  ms = time_runs (draw_all, &b, &runs, &cpu, &best);
  g_print ("draw_all_ms: %.3f (cpu %.3f, best %.3f; %" G_GINT64_FORMAT " runs; target 4)\n",
           ms, cpu, best, runs);
  ms = time_runs (update_all, &b, &runs, &cpu, &best);
  g_print ("update_all_ms: %.3f (cpu %.3f, best %.3f; %" G_GINT64_FORMAT " runs)\n",
           ms, cpu, best, runs);

  for (int k = 0; k < UP_CHART_N_KINDS; k++)
    up_chart_free (b.charts[k]);
  cairo_destroy (b.cr);
  cairo_surface_destroy (b.surface);
  up_results_free (b.results);
  up_model_unref (b.model);
  return 0;
}
