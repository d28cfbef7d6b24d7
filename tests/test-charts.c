/* test-charts.c: the chart renderers, by geometry, by content and against references
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Geometry is checked through the chart's own queries (where a year falls, where a bar
 * ends) rather than by reading pixels; exports are checked for the words they must
 * carry; and every chart of every example is compared with a reference picture in
 * tests/data/charts. Fonts differ between machines, so the comparison is generous, and
 * it is skipped, saying why, when Pango resolves the chart fonts differently from the
 * machine that made the references, or when an example has changed since. To make the
 * references again (after a deliberate change to the charts or the examples):
 *
 *   UPSTREAM_REGENERATE_REFERENCES=1 meson test -C build charts
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <sys/wait.h>

#include "up-chart.h"
#include "upstream-core.h"

static const char * const examples[] = {
  "bradford-peer-recovery",
  "drug-alcohol-recovery",
  "wigan-early-help",
};

#define REF_WIDTH 800
#define REF_HEIGHT 500

/* ---- Fixtures --------------------------------------------------------------------- */

static UpPlan *
load_example (const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".upstream", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  UpPlan *plan = up_plan_load_from_file (file, problems, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

typedef struct
{
  UpModel   *model;
  UpResults *results;
} Projection;

static void
projection_clear (Projection *p)
{
  g_clear_pointer (&p->results, up_results_free);
  g_clear_pointer (&p->model, up_model_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Projection, projection_clear)

static void
project_plan (UpPlan     *plan,
              Projection *out)
{
  g_autoptr(GError) error = NULL;

  out->model = up_model_compile (plan, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out->model);
  out->results = up_model_project (out->model);
}

static void
project_example (const char *name,
                 Projection *out)
{
  g_autoptr(UpPlan) plan = load_example (name);

  project_plan (plan, out);
}

/* Three states, two holders (both public, the NHS pooled), business as usual and
 * n_options - 1 options that cost the council money and cut need → crisis. */
static UpPlan *
make_plan (int n_options,
           int horizon)
{
  UpPlan *plan = up_plan_new ();
  g_autoptr(UpBudgetHolder) nhs = up_budget_holder_new ("nhs", "NHS");
  g_autoptr(UpBudgetHolder) council = up_budget_holder_new ("council", "Council");
  g_autoptr(UpCostItem) gp = up_cost_item_new ("gp", "GP");
  g_autoptr(UpCostItem) bed = up_cost_item_new ("bed", "Bed day");
  g_autoptr(UpState) stable = up_state_new ("stable", "Stable");
  g_autoptr(UpState) need = up_state_new ("need", "Need");
  g_autoptr(UpState) crisis = up_state_new ("crisis", "Crisis");
  g_autoptr(UpSchedule) p1 = up_schedule_new_constant (0.2);
  g_autoptr(UpSchedule) p2 = up_schedule_new_constant (0.3);
  g_autoptr(UpSchedule) p3 = up_schedule_new_constant (0.4);
  g_autoptr(UpTransition) t1 = up_transition_new ("stable", "need", p1);
  g_autoptr(UpTransition) t2 = up_transition_new ("need", "crisis", p2);
  g_autoptr(UpTransition) t3 = up_transition_new ("crisis", "need", p3);
  g_autoptr(UpOption) bau = up_option_new ("bau", "Business as usual", UP_OPTION_BAU);
  g_autoptr(UpCostLine) use_gp = up_cost_line_new ("gp", 2, NULL);
  g_autoptr(UpCostLine) use_bed = up_cost_line_new ("bed", 10, NULL);
  const char *eligible[] = { "need", NULL };

  g_object_set (plan, "horizon", (double) horizon, "start-year", 2026.0,
                "cohort-size", 1000.0, NULL);
  up_budget_holder_set_pooled (nhs, TRUE);
  g_list_store_append (up_plan_get_holders (plan), nhs);
  g_list_store_append (up_plan_get_holders (plan), council);
  g_object_set (gp, "cost", 40.0, "holder", "nhs", NULL);
  g_object_set (bed, "cost", 400.0, "holder", "nhs", NULL);
  g_list_store_append (up_plan_get_cost_items (plan), gp);
  g_list_store_append (up_plan_get_cost_items (plan), bed);
  g_object_set (stable, "initial", 0.6, "inflow-share", 1.0, NULL);
  g_object_set (need, "initial", 0.3, NULL);
  g_object_set (crisis, "initial", 0.1, "crisis", TRUE, NULL);
  g_list_store_append (up_state_get_use (need), use_gp);
  g_list_store_append (up_state_get_use (crisis), use_bed);
  g_list_store_append (up_plan_get_states (plan), stable);
  g_list_store_append (up_plan_get_states (plan), need);
  g_list_store_append (up_plan_get_states (plan), crisis);
  g_list_store_append (up_plan_get_transitions (plan), t1);
  g_list_store_append (up_plan_get_transitions (plan), t2);
  g_list_store_append (up_plan_get_transitions (plan), t3);
  g_list_store_append (up_plan_get_options (plan), bau);
  for (int o = 1; o < n_options; o++)
    {
      g_autofree char *id = g_strdup_printf ("option-%d", o);
      g_autofree char *name = g_strdup_printf ("Option %d, whose name is long enough to need "
                                               "cutting short somewhere", o);
      g_autoptr(UpOption) option = up_option_new (id, name, UP_OPTION_OTHER);
      g_autoptr(UpSchedule) rr = up_schedule_new_constant (1.0 - 0.02 * o);
      g_autoptr(UpEffect) effect = up_effect_new ("need", "crisis", UP_EFFECT_RELATIVE_RISK, rr);

      g_object_set (option, "take-up", 0.5, "fixed-cost", 5000.0 * o, NULL);
      up_option_set_funding (option, "council", 1.0);
      up_option_set_eligible (option, eligible);
      g_list_store_append (up_option_get_effects (option), effect);
      g_list_store_append (up_plan_get_options (plan), option);
    }
  return plan;
}

static void
project_made (int         n_options,
              int         horizon,
              Projection *out)
{
  g_autoptr(UpPlan) plan = make_plan (n_options, horizon);

  project_plan (plan, out);
}

static void
fill_results (UpResults *r,
              double     value,
              gboolean   alternate)
{
  gsize n_cost = (gsize) r->n_options * r->n_cycles * r->n_holders * UP_COST_N;
  gsize n_ok = (gsize) r->n_options * r->n_cycles;
  gsize n_oh = (gsize) r->n_options * r->n_holders;
  gsize n_trace = (gsize) r->n_options * (r->n_cycles + 1) * r->n_states;

  for (gsize i = 0; i < n_cost; i++)
    r->cost[i] = alternate && i % 2 ? -value : value;
  for (gsize i = 0; i < n_ok; i++)
    r->cum_net[i] = alternate && i % 2 ? -value : value;
  for (gsize i = 0; i < n_oh; i++)
    {
      r->holder_extra[i] = alternate && i % 2 ? -value : value;
      r->holder_savings[i] = alternate && i % 3 ? -value : value;
      r->holder_net[i] = r->holder_savings[i] - r->holder_extra[i];
    }
  for (gsize i = 0; i < n_trace; i++)
    r->trace[i] = fabs (value);
  for (int o = 0; o < r->n_options; o++)
    {
      r->metrics[o].pooled_extra_delivery = value;
      r->metrics[o].pooled_savings = alternate ? -value : value;
      r->metrics[o].pooled_net = r->metrics[o].pooled_savings - value;
    }
}

static UpChart *
chart_for (UpChartKind           kind,
           const Projection     *p,
           const UpChartOptions *options,
           double                width,
           double                height)
{
  UpChart *chart = up_chart_new (kind);

  up_chart_set_data (chart, p->model, p->results, options);
  up_chart_layout (chart, width, height, NULL);
  return chart;
}

/* Draws into an image surface; with UPSTREAM_CHARTS_DUMP=DIR set, the picture is kept
 * there as NAME.png for a person to look at. */
static void
draw_chart (UpChart    *chart,
            int         width,
            int         height,
            double      scale,
            const char *name)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (width * scale),
                                                         (int) ceil (height * scale));
  cairo_t *cr = cairo_create (surface);
  const char *dump = g_getenv ("UPSTREAM_CHARTS_DUMP");

  cairo_scale (cr, scale, scale);
  up_chart_draw (chart, cr);
  up_chart_draw_cursor (chart, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  if (dump != NULL && name != NULL)
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (dump, file, NULL);

      cairo_surface_write_to_png (surface, path);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static gboolean
overlap (const UpChartRect *a,
         const UpChartRect *b)
{
  const double eps = 0.01;

  return a->x + eps < b->x + b->width && b->x + eps < a->x + a->width
         && a->y + eps < b->y + b->height && b->y + eps < a->y + a->height;
}

/* No two texts overlap, and every text lies inside the chart. */
static void
assert_texts_clean (UpChart *chart,
                    double   width,
                    double   height)
{
  guint n = 0;
  const UpChartRect *rects = up_chart_get_text_rects (chart, &n);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (rects[i].x, >=, -0.5);
      g_assert_cmpfloat (rects[i].y, >=, -0.5);
      g_assert_cmpfloat (rects[i].x + rects[i].width, <=, width + 0.5);
      g_assert_cmpfloat (rects[i].y + rects[i].height, <=, height + 0.5);
      for (guint j = i + 1; j < n; j++)
        if (overlap (&rects[i], &rects[j]))
          g_error ("%s: texts %u (%g,%g %g×%g) and %u (%g,%g %g×%g) overlap at %g×%g",
                   up_chart_kind_to_string (up_chart_get_kind (chart)),
                   i, rects[i].x, rects[i].y, rects[i].width, rects[i].height,
                   j, rects[j].x, rects[j].y, rects[j].width, rects[j].height, width, height);
    }
}

/* ---- Geometry --------------------------------------------------------------------- */

static void
test_break_even_marks (void)
{
  const double sizes[][2] = { { 1280, 800 }, { 640, 400 }, { 3840, 2160 }, { 500, 800 } };

  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_auto(Projection) p = { 0 };
      int marks = 0;

      project_example (examples[e], &p);
      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          g_autoptr(UpChart) chart = chart_for (UP_CHART_NET, &p, NULL, sizes[z][0], sizes[z][1]);
          int K = p.results->n_cycles;

          for (int o = 0; o < p.results->n_options; o++)
            {
              int year = p.results->metrics[o].break_even_year;
              int k = p.results->metrics[o].break_even_cycle;
              double x, y;

              if (o == up_model_get_bau_index (p.model) || year == 0)
                {
                  g_assert_false (up_chart_get_break_even_mark (chart, o, &x, &y));
                  continue;
                }
              g_assert_true (up_chart_get_break_even_mark (chart, o, &x, &y));
              g_assert_cmpfloat (fabs (x - up_chart_x_for_year (chart, 0, year)), <=, 0.5);
              g_assert_cmpfloat (fabs (y - up_chart_position_for_value (
                                         chart, 0, p.results->cum_net[(gsize) o * K + k - 1])),
                                 <=, 0.5);
              marks++;
            }
        }
      /* Every example has an option that breaks even. */
      g_assert_cmpint (marks, >, 0);
    }
}

static void
test_year_axis (void)
{
  g_auto(Projection) p = { 0 };
  g_autoptr(UpChart) chart = NULL;
  UpChartRect plot;
  int start, K;

  project_example ("wigan-early-help", &p);
  start = up_model_get_start_year (p.model);
  K = p.results->n_cycles;
  chart = chart_for (UP_CHART_CRISIS, &p, NULL, 1280, 800);
  g_assert_true (up_chart_get_panel_rect (chart, 0, &plot));
  g_assert_cmpfloat (fabs (up_chart_x_for_year (chart, 0, start) - plot.x), <=, 0.5);
  g_assert_cmpfloat (fabs (up_chart_x_for_year (chart, 0, start + K - 1) - (plot.x + plot.width)),
                     <=, 0.5);
  for (int y = start; y < start + K - 1; y++)
    g_assert_cmpfloat (up_chart_x_for_year (chart, 0, y + 1), >, up_chart_x_for_year (chart, 0, y));

  /* Value ticks are nice, rising, and span the plot. */
  {
    guint n = 0;
    const double *ticks = up_chart_get_value_ticks (chart, &n);

    g_assert_cmpuint (n, >=, 2);
    for (guint i = 1; i < n; i++)
      g_assert_cmpfloat (ticks[i], >, ticks[i - 1]);
    g_assert_cmpfloat (fabs (up_chart_position_for_value (chart, 0, ticks[0])
                             - (plot.y + plot.height)), <=, 0.5);
    g_assert_cmpfloat (fabs (up_chart_position_for_value (chart, 0, ticks[n - 1]) - plot.y),
                       <=, 0.5);
  }

  /* The cohort chart shows one panel per option on the same scales, trace rows 0…K. */
  {
    g_autoptr(UpChart) cohort = chart_for (UP_CHART_COHORT, &p, NULL, 1280, 800);

    g_assert_cmpint (up_chart_get_n_panels (cohort), ==, p.results->n_options);
    for (int i = 0; i < up_chart_get_n_panels (cohort); i++)
      {
        g_assert_true (up_chart_get_panel_rect (cohort, i, &plot));
        g_assert_cmpint (up_chart_get_panel_option (cohort, i), ==, i);
        g_assert_cmpfloat (fabs (up_chart_x_for_year (cohort, i, start + K)
                                 - (plot.x + plot.width)), <=, 0.5);
      }
  }
}

/* The holders chart: each bar's side and length follow its number. */
static void
check_bars (UpChart          *chart,
            const Projection *p)
{
  int H = p->results->n_holders;
  int panels = up_chart_get_n_panels (chart);

  g_assert_cmpint (panels, >, 0);
  for (int panel = 0; panel < panels; panel++)
    {
      int o = up_chart_get_panel_option (chart, panel);
      double zero = up_chart_position_for_value (chart, panel, 0);
      double unit = (up_chart_position_for_value (chart, panel, 1e6) - zero) / 1e6;
      int checked = 0;

      g_assert_cmpfloat (unit, >, 0);
      for (int h = -1; h < H; h++)
        {
          double extra, savings, net, tol = 0.51;
          UpChartRect pays, saves, mark;

          if (h < 0)
            {
              extra = p->results->metrics[o].pooled_extra_delivery;
              savings = p->results->metrics[o].pooled_savings;
              net = p->results->metrics[o].pooled_net;
            }
          else
            {
              extra = p->results->holder_extra[o * H + h];
              savings = p->results->holder_savings[o * H + h];
              net = p->results->holder_net[o * H + h];
            }
          if (!up_chart_get_bar_rect (chart, o, h, UP_CHART_BAR_PAYS, &pays))
            continue;
          g_assert_true (up_chart_get_bar_rect (chart, o, h, UP_CHART_BAR_SAVES, &saves));
          g_assert_true (up_chart_get_bar_rect (chart, o, h, UP_CHART_BAR_NET, &mark));

          /* Lengths. */
          g_assert_cmpfloat (fabs (pays.width - fabs (extra) * unit), <=, tol);
          g_assert_cmpfloat (fabs (saves.width - fabs (savings) * unit), <=, tol);
          /* Paying more starts at zero and goes left; paying less goes right. */
          if (extra > 0)
            g_assert_cmpfloat (fabs (pays.x + pays.width - zero), <=, tol);
          else if (extra < 0)
            g_assert_cmpfloat (fabs (pays.x - zero), <=, tol);
          /* Savings go right, cost increases left; after the delivery part when both go
           * the same way. */
          if (savings > 0)
            g_assert_cmpfloat (saves.x, >=, MIN (zero, pays.x + pays.width) - tol);
          else if (savings < 0)
            g_assert_cmpfloat (saves.x + saves.width, <=, MAX (zero, pays.x) + tol);
          /* The net mark's centre sits at savings − extra. */
          g_assert_cmpfloat (fabs (mark.x + mark.width / 2 - (zero + net * unit)), <=, tol);
          checked++;
        }
      g_assert_cmpint (checked, >, 0);
    }
}

static void
test_holder_bars (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_auto(Projection) p = { 0 };
      g_autoptr(UpChart) chart = NULL;

      project_example (examples[e], &p);
      chart = chart_for (UP_CHART_HOLDERS, &p, NULL, 1280, 800);
      /* Business as usual is the reference, not a panel. */
      g_assert_cmpint (up_chart_get_n_panels (chart), ==, p.results->n_options - 1);
      check_bars (chart, &p);
      assert_texts_clean (chart, 1280, 800);
    }

  /* Made-up numbers of both signs, including a holder whose costs rise. */
  {
    g_auto(Projection) p = { 0 };
    g_autoptr(UpChart) chart = NULL;
    int H;

    project_made (3, 5, &p);
    H = p.results->n_holders;
    for (int o = 0; o < p.results->n_options; o++)
      for (int h = 0; h < H; h++)
        {
          p.results->holder_extra[o * H + h] = (h == 0 ? 1.5e6 : -2e5) * (o + 1);
          p.results->holder_savings[o * H + h] = (h == 0 ? 2.5e6 : -3e5) * (o + 1);
          p.results->holder_net[o * H + h] = p.results->holder_savings[o * H + h]
                                             - p.results->holder_extra[o * H + h];
        }
    chart = chart_for (UP_CHART_HOLDERS, &p, NULL, 1000, 700);
    check_bars (chart, &p);
  }
}

static void
test_stacked_crisis (void)
{
  g_auto(Projection) p = { 0 };
  g_autoptr(UpChart) chart = NULL;
  UpChartOptions options;
  int o = 3, K, H;
  guint n_ticks;
  const double *ticks;
  double top = 0;

  project_example ("bradford-peer-recovery", &p);
  K = p.results->n_cycles;
  H = p.results->n_holders;
  up_chart_options_init (&options);
  options.option = o;
  chart = chart_for (UP_CHART_CRISIS, &p, &options, 1280, 800);

  /* Public holders with crisis costs, then business as usual's total. */
  g_assert_cmpint (up_chart_get_n_series (chart), >=, 2);
  g_assert_cmpstr (up_chart_get_series_name (chart, up_chart_get_n_series (chart) - 1), ==,
                   "Business as usual (total)");
  for (int k = 1; k <= K; k++)
    {
      double sum = 0;

      for (int h = 0; h < H; h++)
        if (up_model_get_holder_public (p.model, h))
          sum += up_results_cost (p.results, o, k, h, UP_COST_CRISIS);
      top = MAX (top, sum);
    }
  /* The axis covers the stack, from zero. */
  ticks = up_chart_get_value_ticks (chart, &n_ticks);
  g_assert_cmpfloat (ticks[0], ==, 0);
  g_assert_cmpfloat (ticks[n_ticks - 1], >=, top);
  assert_texts_clean (chart, 1280, 800);
}

/* ---- Hover, keyboard, visibility, words --------------------------------------------- */

static void
test_hit_and_cursor (void)
{
  g_auto(Projection) p = { 0 };
  g_autoptr(UpChart) chart = NULL;
  UpChartHit hit, cursor;
  int start, o = 3, K;
  double x, y;
  g_autofree char *readout = NULL;

  project_example ("bradford-peer-recovery", &p);
  start = up_model_get_start_year (p.model);
  K = p.results->n_cycles;
  chart = chart_for (UP_CHART_CRISIS, &p, NULL, 1280, 800);

  /* Right on a point of option 3 in its fourth year. */
  {
    double v = 0;

    for (int h = 0; h < p.results->n_holders; h++)
      if (up_model_get_holder_public (p.model, h))
        v += up_results_cost (p.results, o, 4, h, UP_COST_CRISIS);
    x = up_chart_x_for_year (chart, 0, start + 3);
    y = up_chart_position_for_value (chart, 0, v);
    g_assert_true (up_chart_hit (chart, x + 2, y - 1, &hit));
    g_assert_cmpint (hit.kind, ==, UP_CHART_HIT_POINT);
    g_assert_cmpint (hit.option, ==, o);
    g_assert_cmpint (hit.year, ==, start + 3);
    g_assert_cmpint (hit.cycle, ==, 4);
    g_assert_cmpfloat (fabs (hit.value - v), <=, 1e-6 * v);
  }
  readout = up_chart_hit_describe (chart, &hit);
  g_assert_nonnull (strstr (readout, up_model_get_option_name (p.model, o)));

  /* Far outside every plot: nothing. */
  g_assert_false (up_chart_hit (chart, 2, 790, &hit));

  /* The keyboard: the cursor starts at the last year, moves along years and between
   * lines, and stops at the ends. */
  g_assert_true (up_chart_move_cursor (chart, UP_CHART_MOVE_RIGHT));
  g_assert_true (up_chart_get_cursor (chart, &cursor));
  g_assert_cmpint (cursor.year, ==, start + K - 1);
  g_assert_false (up_chart_move_cursor (chart, UP_CHART_MOVE_RIGHT));
  g_assert_true (up_chart_move_cursor (chart, UP_CHART_MOVE_LEFT));
  g_assert_true (up_chart_get_cursor (chart, &cursor));
  g_assert_cmpint (cursor.year, ==, start + K - 2);
  g_assert_true (up_chart_move_cursor (chart, UP_CHART_MOVE_HOME));
  g_assert_true (up_chart_get_cursor (chart, &cursor));
  g_assert_cmpint (cursor.year, ==, start);
  {
    int series = cursor.series, moves = 0;
    double value = cursor.value;

    while (up_chart_move_cursor (chart, UP_CHART_MOVE_DOWN) && moves < 10)
      {
        g_assert_true (up_chart_get_cursor (chart, &cursor));
        g_assert_cmpfloat (cursor.value, <=, value);
        value = cursor.value;
        moves++;
      }
    while (up_chart_move_cursor (chart, UP_CHART_MOVE_UP) && moves < 20)
      {
        g_assert_true (up_chart_get_cursor (chart, &cursor));
        g_assert_cmpfloat (cursor.value, >=, value);
        value = cursor.value;
        moves++;
      }
    g_assert_cmpint (moves, >=, 3);
    (void) series;
  }
  draw_chart (chart, 1280, 800, 1, "cursor-crisis");

  /* Hiding the series under the cursor clears it; hidden series are not hit. */
  g_assert_true (up_chart_get_cursor (chart, &cursor));
  up_chart_set_series_visible (chart, cursor.series, FALSE);
  g_assert_false (up_chart_get_cursor (chart, &cursor));
  for (int s = 0; s < up_chart_get_n_series (chart); s++)
    up_chart_set_series_visible (chart, s, s == 0);
  g_assert_true (up_chart_hit (chart, x, y, &hit));
  g_assert_cmpint (hit.series, ==, 0);

  /* The legend toggles: its entries are hits of their own. */
  {
    guint n = 0;
    const UpChartRect *rects = up_chart_get_text_rects (chart, &n);
    gboolean found = FALSE;

    for (guint i = 0; i < n && !found; i++)
      if (up_chart_hit (chart, rects[i].x + 1, rects[i].y + rects[i].height / 2, &hit)
          && hit.kind == UP_CHART_HIT_LEGEND && hit.series == 1)
        found = TRUE;
    g_assert_true (found);
  }
}

static void
test_holders_cursor (void)
{
  g_auto(Projection) p = { 0 };
  g_autoptr(UpChart) chart = NULL;
  UpChartHit cursor, hit;
  UpChartRect bar;

  project_example ("drug-alcohol-recovery", &p);
  chart = chart_for (UP_CHART_HOLDERS, &p, NULL, 1280, 800);
  g_assert_true (up_chart_move_cursor (chart, UP_CHART_MOVE_DOWN));
  g_assert_true (up_chart_get_cursor (chart, &cursor));
  g_assert_cmpint (cursor.kind, ==, UP_CHART_HIT_BAR);
  g_assert_cmpint (cursor.panel, ==, 0);
  g_assert_true (up_chart_move_cursor (chart, UP_CHART_MOVE_RIGHT));
  g_assert_true (up_chart_get_cursor (chart, &cursor));
  g_assert_cmpint (cursor.panel, ==, 1);
  g_assert_true (up_chart_move_cursor (chart, UP_CHART_MOVE_END));
  g_assert_true (up_chart_move_cursor (chart, UP_CHART_MOVE_DOWN));
  draw_chart (chart, 1280, 800, 2, "cursor-holders");

  /* Pointing into a pays bar reads out that part. */
  g_assert_true (up_chart_get_bar_rect (chart, 1, 0, UP_CHART_BAR_PAYS, &bar));
  g_assert_cmpfloat (bar.width, >, 4);
  g_assert_true (up_chart_hit (chart, bar.x + bar.width / 2, bar.y + bar.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, UP_CHART_HIT_BAR);
  g_assert_cmpint (hit.bar, ==, UP_CHART_BAR_PAYS);
  g_assert_cmpint (hit.option, ==, 1);
  g_assert_cmpint (hit.holder, ==, 0);
  g_assert_cmpfloat (hit.value, ==, p.results->holder_extra[1 * p.results->n_holders + 0]);
}

static void
test_words_and_table (void)
{
  g_auto(Projection) p = { 0 };
  int K;

  project_example ("bradford-peer-recovery", &p);
  K = p.results->n_cycles;
  for (int kind = 0; kind < UP_CHART_N_KINDS; kind++)
    {
      g_autoptr(UpChart) chart = up_chart_new (kind);
      g_autofree char *text = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GPtrArray) table = NULL;
      char **header;

      up_chart_set_data (chart, p.model, p.results, NULL);
      text = up_chart_describe (chart);
      title = up_chart_get_title (chart);
      table = up_chart_table (chart);
      g_assert_cmpuint (strlen (text), >, 40);
      g_assert_nonnull (strstr (text, "2026"));
      g_assert_cmpuint (table->len, >, 1);
      header = table->pdata[0];
      for (guint r = 1; r < table->len; r++)
        g_assert_cmpuint (g_strv_length (table->pdata[r]), ==, g_strv_length (header));
      switch (kind)
        {
        case UP_CHART_CRISIS:
          g_assert_cmpuint (table->len, ==, K + 1);
          g_assert_cmpuint (g_strv_length (header), ==, p.results->n_options + 1);
          break;
        case UP_CHART_NET:
          for (int o = 0; o < p.results->n_options; o++)
            if (p.results->metrics[o].break_even_year != 0)
              {
                g_autofree char *says = g_strdup_printf ("%s breaks even in %d",
                                                         up_model_get_option_name (p.model, o),
                                                         p.results->metrics[o].break_even_year);

                g_assert_nonnull (strstr (text, says));
              }
          g_assert_cmpuint (table->len, ==, K + 2);
          break;
        case UP_CHART_HOLDERS:
          g_assert_nonnull (strstr (text, "pooled budget"));
          break;
        case UP_CHART_COHORT:
        default:
          g_assert_cmpuint (table->len, ==, 1 + (gsize) p.results->n_options * (K + 1));
          break;
        }

      /* Hidden series leave the table. */
      up_chart_set_series_visible (chart, 0, FALSE);
      {
        g_autoptr(GPtrArray) fewer = up_chart_table (chart);

        if (kind == UP_CHART_HOLDERS)
          g_assert_cmpuint (fewer->len, <, table->len);
        else
          g_assert_cmpuint (g_strv_length (fewer->pdata[0]), ==, g_strv_length (header) - 1);
      }
    }
}

static void
test_visibility_kept (void)
{
  g_auto(Projection) p = { 0 };
  g_autoptr(UpChart) chart = NULL;

  project_example ("wigan-early-help", &p);
  chart = chart_for (UP_CHART_NET, &p, NULL, 800, 500);
  up_chart_set_series_visible (chart, 1, FALSE);
  /* New results of the same plan (an edit): still hidden. */
  up_chart_set_data (chart, p.model, p.results, NULL);
  g_assert_false (up_chart_get_series_visible (chart, 1));
  g_assert_true (up_chart_get_series_visible (chart, 0));
  assert_texts_clean (chart, 800, 500);
}

/* ---- Exports ---------------------------------------------------------------------- */

static char *
export_text (UpChartKind       kind,
             const Projection *p,
             const char       *format)
{
  g_autoptr(UpChart) chart = up_chart_new (kind);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  up_chart_set_data (chart, p->model, p->results, NULL);
  bytes = up_chart_render (chart, format, 1280, 800, 1, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 1000);
  return g_strndup (data, size);
}

static void
test_svg_labels (void)
{
  g_auto(Projection) p = { 0 };

  project_example ("bradford-peer-recovery", &p);
  for (int kind = 0; kind < UP_CHART_N_KINDS; kind++)
    {
      g_autofree char *svg = export_text (kind, &p, "svg");
      g_autoptr(UpChart) chart = up_chart_new (kind);
      g_autofree char *title = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *tag = NULL;

      up_chart_set_data (chart, p.model, p.results, NULL);
      title = up_chart_get_title (chart);
      escaped = g_markup_escape_text (title, -1);
      tag = g_strdup_printf ("<title>%s</title>", escaped);
      g_assert_nonnull (strstr (svg, "<svg"));
      g_assert_nonnull (strstr (svg, tag));
      g_assert_nonnull (strstr (svg, "<desc>"));
      g_assert_nonnull (strstr (svg, "2026"));
      g_assert_nonnull (strstr (svg, kind == UP_CHART_COHORT ? "Business as usual"
                                                             : "Peer-led recovery network"));
    }
}

static void
test_pdf_labels (void)
{
  g_auto(Projection) p = { 0 };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  project_example ("bradford-peer-recovery", &p);
  for (int kind = 0; kind < UP_CHART_N_KINDS; kind++)
    {
      g_autoptr(UpChart) chart = up_chart_new (kind);
      g_autofree char *dir = g_dir_make_tmp ("upstream-charts-XXXXXX", NULL);
      g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize size;
      const char *argv[] = { pdftotext, "-q", "-layout", pdf, "-", NULL };

      up_chart_set_data (chart, p.model, p.results, NULL);
      title = up_chart_get_title (chart);
      g_assert_true (up_chart_export_to_file (chart, "pdf", 1280, 800, 1, pdf, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (pdf, &data, &size, NULL));
      g_assert_true (g_str_has_prefix (data, "%PDF-"));

      if (pdftotext != NULL)
        {
          int status = 0;

          g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                       NULL, NULL, &text, NULL, &status, &error));
          g_assert_no_error (error);
          g_assert_cmpint (status, ==, 0);
          g_assert_nonnull (strstr (text, title));
          g_assert_nonnull (strstr (text, "2026"));
          g_assert_nonnull (strstr (text, kind == UP_CHART_COHORT ? "Business as usual"
                                                                  : "Peer-led recovery network"));
        }
      g_unlink (pdf);
      g_rmdir (dir);
    }
  if (pdftotext == NULL)
    g_test_skip ("pdftotext (poppler-utils) is not installed: the PDFs' text was not read");
}

static void
test_png_scale (void)
{
  g_auto(Projection) p = { 0 };
  g_autoptr(UpChart) chart = up_chart_new (UP_CHART_NET);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const guchar *data;
  gsize size;

  project_example ("bradford-peer-recovery", &p);
  up_chart_set_data (chart, p.model, p.results, NULL);
  bytes = up_chart_render (chart, "png", 640, 400, 2, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 24);
  /* The IHDR chunk: width and height, big-endian, at bytes 16 and 20. */
  g_assert_cmpuint ((guint) data[16] << 24 | data[17] << 16 | data[18] << 8 | data[19], ==, 1280);
  g_assert_cmpuint ((guint) data[20] << 24 | data[21] << 16 | data[22] << 8 | data[23], ==, 800);

  g_assert_null (up_chart_render (chart, "gif", 640, 400, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* upstream-cli chart, run as a user runs it (the binary named by UPSTREAM_CLI). */
static int
run_cli (const char * const *args,
         char              **err)
{
  const char *cli = g_getenv ("UPSTREAM_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "chart");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *plan = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "bradford-peer-recovery.upstream", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad", "empty.upstream",
                                                NULL);
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *data = NULL;
  gsize size;

  if (g_getenv ("UPSTREAM_CLI") == NULL)
    {
      g_test_skip ("UPSTREAM_CLI is not set (run through meson test)");
      return;
    }
  dir = g_dir_make_tmp ("upstream-chart-cli-XXXXXX", NULL);
  png = g_build_filename (dir, "net.png", NULL);
  svg = g_build_filename (dir, "holders.svg", NULL);

  {
    const char *args[] = { plan, "--kind", "net", "--width", "640", "--height", "400",
                           "--scale", "2", "-o", png, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (args, &err), ==, 0);
    g_assert_true (g_file_get_contents (png, &data, &size, NULL));
    g_assert_cmpuint (size, >, 24);
    g_assert_true (memcmp (data, "\x89PNG", 4) == 0);
    g_assert_cmpuint ((guint) (guchar) data[18] << 8 | (guchar) data[19], ==, 1280);
    g_clear_pointer (&data, g_free);
  }
  {
    /* The format follows the extension; one option; a dark theme. */
    const char *args[] = { plan, "--kind", "holders", "--option", "communitise", "--dark",
                           "-o", svg, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (args, &err), ==, 0);
    g_assert_true (g_file_get_contents (svg, &data, &size, NULL));
    g_assert_nonnull (strstr (data, "<title>Who pays, who saves</title>"));
    g_clear_pointer (&data, g_free);
  }
  {
    const char *usage[][6] = {
      { plan, "--kind", "pie", "-o", png, NULL },
      { plan, "--format", "gif", "-o", png, NULL },
      { plan, "--width", "5", "-o", png, NULL },
      { plan, "--discounted", "--undiscounted", "-o", png, NULL },
      { plan, NULL },
      { "--kind", "net", "-o", png, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
      {
        g_autofree char *err = NULL;

        g_assert_cmpint (run_cli (usage[i], &err), ==, 2);
        g_assert_nonnull (strstr (err, "upstream-cli"));
      }
  }
  {
    const char *unknown_option[] = { plan, "--option", "nope", "-o", png, NULL };
    const char *unknown_scenario[] = { plan, "--scenario", "nope", "-o", png, NULL };
    const char *invalid[] = { bad, "-o", png, NULL };
    g_autofree char *err1 = NULL;
    g_autofree char *err2 = NULL;
    g_autofree char *err3 = NULL;

    g_assert_cmpint (run_cli (unknown_option, &err1), ==, 1);
    g_assert_nonnull (strstr (err1, "communitise"));
    g_assert_cmpint (run_cli (unknown_scenario, &err2), ==, 1);
    g_assert_cmpint (run_cli (invalid, &err3), ==, 1);
  }
  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

/* ---- Reference pictures ----------------------------------------------------------- */

/* What Pango makes of the chart fonts here, and a hash of each example: references made
 * elsewhere are only comparable when both agree. */
static char *
fingerprint (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  GString *text = g_string_new (NULL);

  for (int bold = 0; bold < 2; bold++)
    {
      PangoFontDescription *desc = pango_font_description_from_string (
        "Cantarell, DejaVu Sans, sans-serif 11");
      PangoFont *font;
      PangoFontDescription *got;

      pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      font = pango_font_map_load_font (map, context, desc);
      got = pango_font_describe (font);
      g_string_append_printf (text, "font %s: %s %d\n", bold ? "bold" : "regular",
                              pango_font_description_get_family (got),
                              (int) pango_font_description_get_weight (got));
      pango_font_description_free (got);
      pango_font_description_free (desc);
      g_object_unref (font);
    }
  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autofree char *file_name = g_strconcat (examples[e], ".upstream", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                     file_name, NULL);
      g_autofree char *data = NULL;
      g_autofree char *sum = NULL;
      gsize size;

      g_assert_true (g_file_get_contents (path, &data, &size, NULL));
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);
      g_string_append_printf (text, "example %s: %s\n", examples[e], sum);
    }
  g_object_unref (context);
  return g_string_free (text, FALSE);
}

static cairo_surface_t *
render_reference (UpChartKind       kind,
                  const Projection *p)
{
  g_autoptr(UpChart) chart = up_chart_new (kind);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         REF_WIDTH, REF_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  up_chart_set_data (chart, p->model, p->results, NULL);
  up_chart_layout (chart, REF_WIDTH, REF_HEIGHT, NULL);
  up_chart_draw (chart, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Share of pixels differing by more than a visible step, and the mean difference. */
static void
compare_images (cairo_surface_t *a,
                cairo_surface_t *b,
                double          *share,
                double          *mean)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  const guchar *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  gsize differing = 0;
  double total = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *pa = da + y * sa + x * 4, *pb = db + y * sb + x * 4;
        int worst = 0;

        for (int c = 0; c < 4; c++)
          {
            int d = abs ((int) pa[c] - (int) pb[c]);

            worst = MAX (worst, d);
            total += d;
          }
        if (worst > 48)
          differing++;
      }
  *share = (double) differing / ((double) w * h);
  *mean = total / ((double) w * h * 4);
}

static void
test_references (void)
{
  gboolean regenerate = g_getenv ("UPSTREAM_REGENERATE_REFERENCES") != NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "charts", NULL);
  g_autofree char *manifest = g_build_filename (dir, "FINGERPRINT", NULL);
  g_autofree char *now = fingerprint ();
  g_autofree char *then = NULL;

  if (regenerate)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
        {
          g_auto(Projection) p = { 0 };

          project_example (examples[e], &p);
          for (int kind = 0; kind < UP_CHART_N_KINDS; kind++)
            {
              g_autofree char *name = g_strdup_printf ("%s-%s.png", examples[e],
                                                       up_chart_kind_to_string (kind));
              g_autofree char *path = g_build_filename (dir, name, NULL);
              cairo_surface_t *surface = render_reference (kind, &p);

              g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==,
                               CAIRO_STATUS_SUCCESS);
              cairo_surface_destroy (surface);
              g_test_message ("wrote %s", path);
            }
        }
      g_assert_true (g_file_set_contents (manifest, now, -1, &error));
      g_assert_no_error (error);
      return;
    }

  if (!g_file_get_contents (manifest, &then, NULL, NULL))
    {
      g_test_skip ("no reference pictures: make them with "
                   "UPSTREAM_REGENERATE_REFERENCES=1 meson test charts");
      return;
    }
  if (g_strcmp0 (now, then) != 0)
    {
      g_autofree char *message = g_strdup_printf (
        "the references were made with other fonts or other examples; here:\n%s"
        "there:\n%s(to make them here: UPSTREAM_REGENERATE_REFERENCES=1 meson test charts)",
        now, then);

      g_test_skip (message);
      return;
    }

  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_auto(Projection) p = { 0 };

      project_example (examples[e], &p);
      for (int kind = 0; kind < UP_CHART_N_KINDS; kind++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s.png", examples[e],
                                                   up_chart_kind_to_string (kind));
          g_autofree char *path = g_build_filename (dir, name, NULL);
          cairo_surface_t *reference = cairo_image_surface_create_from_png (path);
          cairo_surface_t *surface = render_reference (kind, &p);
          cairo_surface_t *argb;
          cairo_t *cr;
          double share, mean;

          g_assert_cmpint (cairo_surface_status (reference), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (reference), ==, REF_WIDTH);
          g_assert_cmpint (cairo_image_surface_get_height (reference), ==, REF_HEIGHT);
          /* Opaque PNGs load as RGB24: bring them to the same format. */
          argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, REF_WIDTH, REF_HEIGHT);
          cr = cairo_create (argb);
          cairo_set_source_surface (cr, reference, 0, 0);
          cairo_paint (cr);
          cairo_destroy (cr);
          cairo_surface_flush (argb);

          compare_images (surface, argb, &share, &mean);
          g_test_message ("%s: %.3f%% of pixels differ, mean difference %.2f",
                          name, share * 100, mean);
          if (share > 0.02 || mean > 4.0)
            {
              g_autofree char *out = g_build_filename (g_get_tmp_dir (), name, NULL);

              cairo_surface_write_to_png (surface, out);
              g_error ("%s differs from its reference: %.2f%% of pixels, mean %.2f "
                       "(this run's picture: %s)", name, share * 100, mean, out);
            }
          cairo_surface_destroy (argb);
          cairo_surface_destroy (reference);
          cairo_surface_destroy (surface);
        }
    }
}

/* ---- Degenerate data -------------------------------------------------------------- */

typedef enum
{
  CASE_ONE_CYCLE,
  CASE_ZEROS,
  CASE_NEGATIVES,
  CASE_HUGE,
  CASE_ONE_OPTION,
  CASE_TWENTY_OPTIONS,
  N_CASES
} Case;

static const char * const case_names[N_CASES] = {
  "one-cycle", "zeros", "negatives", "huge", "one-option", "twenty-options",
};

static void
make_case (Case        c,
           Projection *p)
{
  switch (c)
    {
    case CASE_ONE_CYCLE:
      project_made (4, 1, p);
      break;
    case CASE_ZEROS:
      project_made (4, 10, p);
      fill_results (p->results, 0, FALSE);
      break;
    case CASE_NEGATIVES:
      project_made (4, 10, p);
      fill_results (p->results, -2.5e6, TRUE);
      break;
    case CASE_HUGE:
      project_made (4, 30, p);
      fill_results (p->results, 1e12, TRUE);
      break;
    case CASE_ONE_OPTION:
      project_made (1, 10, p);
      break;
    case CASE_TWENTY_OPTIONS:
    case N_CASES:
    default:
      project_made (20, 50, p);
      break;
    }
}

static void
test_degenerate (gconstpointer data)
{
  Case c = GPOINTER_TO_INT (data);
  g_auto(Projection) p = { 0 };
  const double sizes[][2] = {
    { 320, 200 }, { 480, 320 }, { 800, 500 }, { 1280, 800 }, { 3840, 2160 }, { 200, 900 },
  };

  make_case (c, &p);
  for (int kind = 0; kind < UP_CHART_N_KINDS; kind++)
    for (int variant = 0; variant < 3; variant++)
      {
        UpChartOptions options;

        up_chart_options_init (&options);
        options.discounted = variant == 1;
        /* Variant 2: one option (the last): stacked crisis, one panel. */
        if (variant == 2)
          options.option = p.results->n_options - 1;
        for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
          {
            g_autoptr(UpChart) chart = chart_for (kind, &p, &options, sizes[z][0], sizes[z][1]);
            g_autofree char *description = up_chart_describe (chart);
            g_autoptr(GPtrArray) table = up_chart_table (chart);
            g_autofree char *name = g_strdup_printf ("%s-%s-%d-%gx%g", case_names[c],
                                                     up_chart_kind_to_string (kind), variant,
                                                     sizes[z][0], sizes[z][1]);
            UpChartHit hit;

            assert_texts_clean (chart, sizes[z][0], sizes[z][1]);
            g_assert_nonnull (description);
            g_assert_cmpuint (table->len, >=, 1);
            up_chart_move_cursor (chart, UP_CHART_MOVE_LEFT);
            up_chart_move_cursor (chart, UP_CHART_MOVE_UP);
            up_chart_hit (chart, sizes[z][0] / 2, sizes[z][1] / 2, &hit);
            draw_chart (chart, sizes[z][0], sizes[z][1], z == 1 ? 2 : 1, name);
          }
      }
  g_test_message ("%s: drawn", case_names[c]);
}

/* A widget may lay out and draw before it has results, and show nothing gracefully. */
static void
test_no_data (void)
{
  for (int kind = 0; kind < UP_CHART_N_KINDS; kind++)
    {
      g_autoptr(UpChart) chart = up_chart_new (kind);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) table = NULL;
      UpChartHit hit;

      up_chart_layout (chart, 640, 400, NULL);
      draw_chart (chart, 640, 400, 1, NULL);
      g_assert_false (up_chart_hit (chart, 320, 200, &hit));
      g_assert_false (up_chart_move_cursor (chart, UP_CHART_MOVE_LEFT));
      g_assert_cmpint (up_chart_get_n_series (chart), ==, 0);
      text = up_chart_describe (chart);
      g_assert_cmpstr (text, ==, "No projection to show.");
      table = up_chart_table (chart);
      g_assert_cmpuint (table->len, ==, 0);
    }
}

static void
test_themes (void)
{
  g_auto(Projection) p = { 0 };

  project_example ("drug-alcohol-recovery", &p);
  for (int t = 0; t < 4; t++)
    for (int kind = 0; kind < UP_CHART_N_KINDS; kind++)
      {
        g_autoptr(UpChart) chart = up_chart_new (kind);
        g_autofree char *name = g_strdup_printf ("theme%d-%s", t, up_chart_kind_to_string (kind));
        UpChartTheme theme;
        UpChartColor a, b;

        up_chart_theme_init (&theme, t & 1, t & 2);
        theme.font_size = 18;
        theme.transparent = t == 3;
        up_chart_set_theme (chart, &theme);
        up_chart_set_data (chart, p.model, p.results, NULL);
        up_chart_layout (chart, 1280, 800, NULL);
        assert_texts_clean (chart, 1280, 800);
        draw_chart (chart, 1280, 800, 1, name);
        /* Series keep distinct colours, or at least distinct marks. */
        up_chart_get_series_color (chart, 0, &a);
        if (up_chart_get_n_series (chart) > 1)
          {
            up_chart_get_series_color (chart, 1, &b);
            g_assert_true (a.red != b.red || a.green != b.green || a.blue != b.blue);
          }
      }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/geometry/break-even", test_break_even_marks);
  g_test_add_func ("/charts/geometry/year-axis", test_year_axis);
  g_test_add_func ("/charts/geometry/holder-bars", test_holder_bars);
  g_test_add_func ("/charts/geometry/stacked-crisis", test_stacked_crisis);
  g_test_add_func ("/charts/interaction/hit-and-cursor", test_hit_and_cursor);
  g_test_add_func ("/charts/interaction/holders-cursor", test_holders_cursor);
  g_test_add_func ("/charts/interaction/visibility-kept", test_visibility_kept);
  g_test_add_func ("/charts/words/describe-and-table", test_words_and_table);
  g_test_add_func ("/charts/export/svg-labels", test_svg_labels);
  g_test_add_func ("/charts/export/pdf-labels", test_pdf_labels);
  g_test_add_func ("/charts/export/png-scale", test_png_scale);
  g_test_add_func ("/charts/export/cli", test_cli);
  g_test_add_func ("/charts/themes", test_themes);
  g_test_add_func ("/charts/no-data", test_no_data);
  for (int c = 0; c < N_CASES; c++)
    {
      g_autofree char *path = g_strdup_printf ("/charts/degenerate/%s", case_names[c]);

      g_test_add_data_func (path, GINT_TO_POINTER (c), test_degenerate);
    }
  g_test_add_func ("/charts/references", test_references);

  return g_test_run ();
}
