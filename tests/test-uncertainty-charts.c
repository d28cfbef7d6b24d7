/* test-uncertainty-charts.c: the tornado and fan charts, by geometry
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bars and bands are checked against the engine's numbers through the chart's own
 * queries. With UPSTREAM_CHART_DUMP=DIR the charts are also written there as PNG, to
 * look at.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "up-chart-uncertainty.h"
#include "upstream-core.h"

#define WIDTH 900
#define HEIGHT 480

static UpPlan *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "bradford-peer-recovery.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UpPlan *plan = up_plan_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return plan;
}

static void
dump (UpUncChart *chart,
      const char *name)
{
  const char *dir = g_getenv ("UPSTREAM_CHART_DUMP");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *file = NULL;

  if (dir == NULL)
    return;
  png = up_unc_chart_render (chart, "png", WIDTH, HEIGHT, &error);
  g_assert_no_error (error);
  file = g_build_filename (dir, name, NULL);
  g_file_set_contents (file, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error);
  g_assert_no_error (error);
}

static void
test_tornado (void)
{
  g_autoptr(UpPlan) plan = load_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UpTornado) tornado = up_tornado_run (plan, NULL, "communitise", UP_METRIC_NPBI,
                                                 &error);
  g_autoptr(UpUncChart) chart = up_unc_chart_new (UP_UNC_CHART_TORNADO);
  double base_x, last_swing = INFINITY, last_y = -INFINITY;
  UpChartRect plot;
  guint n;

  g_assert_no_error (error);
  n = up_tornado_get_n_bars (tornado);
  g_assert_cmpuint (n, ==, 7);
  up_unc_chart_set_tornado (chart, tornado, NULL, NULL, NULL, "Net present budget impact", TRUE);
  g_assert_true (up_unc_chart_has_data (chart));
  up_unc_chart_layout (chart, WIDTH, HEIGHT, NULL);
  g_assert_true (up_unc_chart_get_plot_rect (chart, &plot));
  g_assert_cmpfloat (plot.x, >, 0);
  g_assert_cmpfloat (plot.x + plot.width, <=, WIDTH);
  base_x = up_unc_chart_position_for_value (chart, up_tornado_get_base_value (tornado));
  g_assert_cmpfloat (base_x, >=, plot.x);
  g_assert_cmpfloat (base_x, <=, plot.x + plot.width);

  for (guint i = 0; i < n; i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (tornado, i);
      UpChartRect lo, hi;
      double x_lo = up_unc_chart_position_for_value (chart, bar->metric_low);
      double x_hi = up_unc_chart_position_for_value (chart, bar->metric_high);
      double px_per_unit = fabs (up_unc_chart_position_for_value (chart, 1)
                                 - up_unc_chart_position_for_value (chart, 0));

      g_assert_true (up_unc_chart_get_bar_rect (chart, i, FALSE, &lo));
      g_assert_true (up_unc_chart_get_bar_rect (chart, i, TRUE, &hi));
      /* sorted by swing, largest at the top */
      g_assert_cmpfloat (bar->swing, <=, last_swing);
      g_assert_cmpfloat (lo.y, >, last_y);
      last_swing = bar->swing;
      last_y = lo.y;
      /* each bar runs from the base value to the metric at that input */
      g_assert_cmpfloat_with_epsilon (MIN (lo.x, lo.x + lo.width), MIN (base_x, x_lo), 1e-6);
      g_assert_cmpfloat_with_epsilon (MAX (lo.x, lo.x + lo.width), MAX (base_x, x_lo), 1e-6);
      g_assert_cmpfloat_with_epsilon (MIN (hi.x, hi.x + hi.width), MIN (base_x, x_hi), 1e-6);
      g_assert_cmpfloat_with_epsilon (MAX (hi.x, hi.x + hi.width), MAX (base_x, x_hi), 1e-6);
      /* and the two bars span the swing, to scale */
      g_assert_cmpfloat_with_epsilon (fabs (x_hi - x_lo), bar->swing * px_per_unit, 1e-6);
      g_assert_cmpfloat (lo.x, >=, plot.x - 1e-6);
      g_assert_cmpfloat (hi.x + hi.width, <=, plot.x + plot.width + 1e-6);
    }
  g_assert_false (up_unc_chart_get_bar_rect (chart, n, FALSE, NULL));
  dump (chart, "tornado.png");

  {
    g_autofree char *words = up_unc_chart_describe (chart);

    g_assert_nonnull (strstr (words, "Net present budget impact"));
  }
  for (guint f = 0; f < 3; f++)
    {
      const char *formats[] = { "png", "svg", "pdf" };
      g_autoptr(GBytes) bytes = up_unc_chart_render (chart, formats[f], 640, 400, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
    }
}

static void
test_fan (void)
{
  g_autoptr(UpPlan) plan = load_example ();
  g_autoptr(GError) error = NULL;
  UpPsaOptions options = { .n_samples = 400, .seed = 11, .n_threads = 1 };
  g_autoptr(UpPsa) psa = up_psa_run (plan, NULL, &options, NULL, &error);
  const UpModel *model;
  int option = -1, first, K;

  g_assert_no_error (error);
  model = up_psa_get_model (psa);
  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (g_str_equal (up_model_get_option_id (model, o), "communitise"))
      option = o;
  g_assert_cmpint (option, >=, 0);
  first = up_model_get_start_year (model);
  K = up_model_get_n_cycles (model);

  for (UpPsaSeries series = 0; series < UP_PSA_N_SERIES; series++)
    {
      g_autoptr(UpUncChart) chart = up_unc_chart_new (UP_UNC_CHART_FAN);
      UpChartRect plot;
      double last_x = -INFINITY;

      up_unc_chart_set_fan (chart, psa, series, option);
      up_unc_chart_layout (chart, WIDTH, HEIGHT, NULL);
      g_assert_true (up_unc_chart_get_plot_rect (chart, &plot));
      for (int k = 1; k <= K; k++)
        {
          double bands[UP_PSA_N_BANDS];
          double x = up_unc_chart_x_for_year (chart, first + k - 1);

          up_psa_get_band (psa, series, option, k, bands);
          g_assert_cmpfloat (x, >, last_x);
          g_assert_cmpfloat (x, >=, plot.x - 1e-6);
          g_assert_cmpfloat (x, <=, plot.x + plot.width + 1e-6);
          last_x = x;
          for (int b = 0; b < UP_PSA_N_BANDS; b++)
            {
              double y = up_unc_chart_band_y (chart, first + k - 1, b);

              g_assert_cmpfloat_with_epsilon (y, up_unc_chart_position_for_value (chart, bands[b]),
                                              1e-9);
              g_assert_cmpfloat (y, >=, plot.y - 1e-6);
              g_assert_cmpfloat (y, <=, plot.y + plot.height + 1e-6);
              /* higher percentiles are higher up */
              if (b > 0)
                g_assert_cmpfloat (y, <=, up_unc_chart_band_y (chart, first + k - 1, b - 1) + 1e-9);
            }
        }
      g_assert_true (isnan (up_unc_chart_band_y (chart, first + K, 2)));
      g_assert_true (isnan (up_unc_chart_band_y (chart, first - 1, 2)));
      dump (chart, series == UP_PSA_CRISIS_COST ? "fan-crisis.png" : "fan-net.png");
    }
}

static void
test_empty (void)
{
  g_autoptr(UpUncChart) chart = up_unc_chart_new (UP_UNC_CHART_FAN);
  UpChartRect plot;
  g_autoptr(GBytes) png = NULL;

  up_unc_chart_set_fan (chart, NULL, UP_PSA_CRISIS_COST, 0);
  g_assert_false (up_unc_chart_has_data (chart));
  up_unc_chart_layout (chart, 300, 200, NULL);
  g_assert_false (up_unc_chart_get_plot_rect (chart, &plot));
  png = up_unc_chart_render (chart, "png", 300, 200, NULL);
  g_assert_nonnull (png);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/uncertainty-charts/tornado", test_tornado);
  g_test_add_func ("/uncertainty-charts/fan", test_fan);
  g_test_add_func ("/uncertainty-charts/empty", test_empty);
  return g_test_run ();
}
