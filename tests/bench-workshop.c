/* bench-workshop.c: from a lever's move to the frame that shows it, in workshop mode
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 1920×1080 workshop window with its two charts. Every frame, a tick callback moves
 * the first lever (as a drag does: gtk_range_set_value on its slider), and the frame
 * clock's "after-paint" of that same frame closes the sample: the time from the move to
 * the end of the paint that drew its new numbers (recompute, chart data, layout and
 * drawing). The frame-to-frame interval is reported too, to show the clock keeps pace.
 * Run under Xvfb: xvfb-run -s '-screen 0 1920x1080x24' meson test --benchmark.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <time.h>

#include <adwaita.h>

#include "up-workshop-window.h"

#define WARM_UP 20
#define SAMPLES 400

typedef struct
{
  GMainLoop        *loop;
  UpWorkshopWindow *window;
  GtkRange         *scale;
  GArray           *latency;     /* ms, move → after-paint */
  GArray           *update;      /* ms, move → results and charts updated */
  GArray           *interval;    /* ms, between frame times */
  GArray           *cpu;         /* ms of this thread's CPU, move → after-paint */
  gint64            moved_at;
  gint64            moved_cpu;
  gint64            last_frame;
  int               frame;
  gboolean          pending;
} Bench;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The p-th percentile (nearest rank) of values. */
static double
percentile (GArray *values,
            double  p)
{
  g_autoptr(GArray) sorted = NULL;
  guint i;

  if (values->len == 0)
    return NAN;
  sorted = g_array_copy (values);
  qsort (sorted->data, sorted->len, sizeof (double), compare_doubles);
  i = (guint) MIN (sorted->len - 1, ceil (p / 100.0 * sorted->len) - 1);
  return g_array_index (sorted, double, i);
}

/* This thread's CPU time in µs: on a loaded machine, wall time also counts the waits
 * for a core. */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *b = user_data;
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);
  double value;
  gint64 start;

  if (b->last_frame != 0 && b->frame > WARM_UP)
    {
      double ms = (frame_time - b->last_frame) / 1000.0;

      g_array_append_val (b->interval, ms);
    }
  b->last_frame = frame_time;
  if (++b->frame < WARM_UP)
    return G_SOURCE_CONTINUE;

  /* A drag back and forth across the lever's range, a new value every frame. */
  value = 0.4 + 0.38 * sin (b->frame * 0.05);
  start = g_get_monotonic_time ();
  b->moved_cpu = cpu_time ();
  gtk_range_set_value (b->scale, value);
  {
    double ms = (g_get_monotonic_time () - start) / 1000.0;

    g_array_append_val (b->update, ms);
  }
  b->moved_at = start;
  b->pending = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  double ms;

  if (!b->pending)
    return;
  b->pending = FALSE;
  ms = (g_get_monotonic_time () - b->moved_at) / 1000.0;
  g_array_append_val (b->latency, ms);
  ms = (cpu_time () - b->moved_cpu) / 1000.0;
  g_array_append_val (b->cpu, ms);
  if (b->latency->len >= SAMPLES)
    g_main_loop_quit (b->loop);
}

static void
hide_charts (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_css_name (child), "workshopchart"))
      gtk_widget_set_visible (child, FALSE);
    else
      hide_charts (child);
}

static void
realize_cb (GtkWidget *widget,
            Bench     *b)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), b);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpPlanSession) session = NULL;
  g_autoptr(UpPin) pin = NULL;
  Bench b = { 0, };

  setlocale (LC_ALL, "");
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_print ("no display: run under xvfb-run\n");
      return 77;
    }
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                "bradford-peer-recovery.upstream", NULL);
  file = g_file_new_for_path (path);
  plan = up_plan_load_from_file (file, NULL, &error);
  if (plan == NULL)
    g_error ("%s: %s", path, error->message);
  pin = up_pin_new ("option/communitise/take-up", 0, 0.8, 0.01, NULL, NULL);
  up_plan_set_pin (plan, pin);
  session = up_plan_session_new ();
  up_plan_session_set_plan (session, plan, NULL);
  up_plan_session_flush (session);

  b.loop = g_main_loop_new (NULL, FALSE);
  b.latency = g_array_new (FALSE, FALSE, sizeof (double));
  b.update = g_array_new (FALSE, FALSE, sizeof (double));
  b.interval = g_array_new (FALSE, FALSE, sizeof (double));
  b.cpu = g_array_new (FALSE, FALSE, sizeof (double));
  b.window = UP_WORKSHOP_WINDOW (up_workshop_window_new (session));
  b.scale = up_workshop_window_get_lever (b.window, 0);
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1920, 1080);
  /* BENCH_NO_CHARTS=1: the same without the charts, to see what they cost. */
  if (g_getenv ("BENCH_NO_CHARTS") != NULL)
    hide_charts (GTK_WIDGET (b.window));
  g_signal_connect (b.window, "realize", G_CALLBACK (realize_cb), &b);
  gtk_widget_add_tick_callback (GTK_WIDGET (b.window), tick_cb, &b, NULL);
  gtk_window_present (GTK_WINDOW (b.window));
  g_main_loop_run (b.loop);

  g_print ("workshop lever drag, 1920×1080, %s, %u frames (GSK_RENDERER=%s)\n",
           g_getenv ("BENCH_NO_CHARTS") ? "charts hidden" : "two charts",
           b.latency->len, g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  g_print ("  move → frame painted: p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
           percentile (b.latency, 50), percentile (b.latency, 95), percentile (b.latency, 100));
  g_print ("  the same in this thread's CPU time: p50 %.2f ms, p95 %.2f ms\n",
           percentile (b.cpu, 50), percentile (b.cpu, 95));
  g_print ("  of which recompute and chart data: p50 %.2f ms, p95 %.2f ms\n",
           percentile (b.update, 50), percentile (b.update, 95));
  g_print ("  frame interval: p50 %.2f ms, p95 %.2f ms\n",
           percentile (b.interval, 50), percentile (b.interval, 95));

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_array_unref (b.latency);
  g_array_unref (b.update);
  g_array_unref (b.interval);
  g_array_unref (b.cpu);
  g_main_loop_unref (b.loop);
  return 0;
}
