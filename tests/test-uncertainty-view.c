/* test-uncertainty-view.c: the Uncertainty view, driven through its widgets
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds and edits distributions (undoably), runs the probabilistic analysis through the
 * Run button and compares it with the engine run directly, cancels a long run, and checks
 * the tornado against up_tornado_run. With UPSTREAM_VIEW_DUMP=DIR the whole page is
 * written there as PNG before and after a run, to look at.
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <adwaita.h>

#include "up-uncertainty-view.h"

typedef struct
{
  UpPlan        *plan;
  UpPlanSession *session;
  GtkWidget     *window;
  GtkWidget     *view;
} Fixture;

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
widget (Fixture    *f,
        const char *name)
{
  GtkWidget *w = find_named (f->view, name);

  if (w == NULL)
    g_error ("no widget named %s", name);
  return w;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_idle (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (up_uncertainty_view_is_running (UP_UNCERTAINTY_VIEW (f->view)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate ();
}

static void
dump (Fixture    *f,
      const char *name)
{
  const char *dir = g_getenv ("UPSTREAM_VIEW_DUMP");
  GtkWidget *content;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;

  if (dir == NULL)
    return;
  /* the scrolled content, whole */
  content = gtk_widget_get_first_child (gtk_widget_get_first_child (f->view));
  while (content != NULL && !ADW_IS_CLAMP (content))
    content = gtk_widget_get_first_child (content);
  g_assert_nonnull (content);
  for (int i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (10000);
    }
  w = gtk_widget_get_width (content);
  h = gtk_widget_get_height (content);
  paintable = gtk_widget_paintable_new (content);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  path = g_build_filename (dir, name, NULL);
  cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "bradford-peer-recovery.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  f->plan = up_plan_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  f->session = up_plan_session_new ();
  up_plan_session_set_plan (f->session, f->plan, NULL);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  f->view = g_object_new (UP_TYPE_UNCERTAINTY_VIEW, "session", f->session, NULL);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_idle (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  wait_idle (f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_clear_object (&f->session);
  g_clear_object (&f->plan);
}

static int
option_index (const UpModel *model,
              const char    *id)
{
  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (g_str_equal (up_model_get_option_id (model, o), id))
      return o;
  g_assert_not_reached ();
}

static void
test_add_remove (Fixture       *f,
                 gconstpointer  data)
{
  const char *path = "option/buy/take-up";
  GtkWidget *add_list, *row;
  const UpDistribution *dist;
  double value;

  g_assert_null (up_plan_get_distribution (f->plan, path));
  /* scrolled into view first, as a user would (a popover needs a monitor under it) */
  gtk_widget_grab_focus (widget (f, "add"));
  for (int i = 0; i < 10; i++)
    {
      iterate ();
      g_usleep (10000);
    }
  gtk_menu_button_popup (GTK_MENU_BUTTON (widget (f, "add")));
  iterate ();
  add_list = widget (f, "add-list");
  row = find_named (add_list, path);
  g_assert_nonnull (row);
  /* inputs that already carry one are not offered */
  g_assert_null (find_named (add_list, "option/make/take-up"));
  g_signal_emit_by_name (add_list, "row-activated", row);
  up_plan_session_flush (f->session);
  wait_idle (f);
  iterate ();

  dist = up_plan_get_distribution (f->plan, path);
  g_assert_nonnull (dist);
  g_assert_true (up_plan_get_param (f->plan, path, &value, NULL));
  g_assert_cmpint (dist->kind, ==, UP_DIST_RANGE);
  g_assert_cmpfloat_with_epsilon (dist->a, value * 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (dist->b, value * 1.2, 1e-12);
  g_assert_nonnull (find_named (widget (f, "dist/option/buy/take-up/a"), "dist/option/buy/take-up/a"));

  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  wait_idle (f);
  iterate ();
  g_assert_null (up_plan_get_distribution (f->plan, path));
  g_assert_null (find_named (f->view, "dist/option/buy/take-up/a"));

  /* removing through the row's button, and undoing that */
  g_signal_emit_by_name (find_named (widget (f, "option/make/take-up"), "remove"), "clicked");
  up_plan_session_flush (f->session);
  wait_idle (f);
  iterate ();
  g_assert_null (up_plan_get_distribution (f->plan, "option/make/take-up"));
  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  wait_idle (f);
  iterate ();
  g_assert_nonnull (up_plan_get_distribution (f->plan, "option/make/take-up"));
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  GtkSpinButton *a = GTK_SPIN_BUTTON (widget (f, "dist/option/make/take-up/a"));
  GtkSpinButton *b = GTK_SPIN_BUTTON (widget (f, "dist/option/make/take-up/b"));

  g_assert_cmpfloat (gtk_spin_button_get_value (a), ==, 30);
  gtk_spin_button_set_value (a, 40);
  up_plan_session_flush (f->session);
  wait_idle (f);
  iterate ();
  g_assert_cmpfloat (up_plan_get_distribution (f->plan, "option/make/take-up")->a, ==, 40);

  /* an invalid parameter is marked where typed and the plan keeps its distribution */
  gtk_spin_button_set_value (b, -1);
  up_plan_session_flush (f->session);
  wait_idle (f);
  iterate ();
  g_assert_cmpfloat (up_plan_get_distribution (f->plan, "option/make/take-up")->b, ==, 70);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (b), "invalid"));
  gtk_spin_button_set_value (b, 60);
  up_plan_session_flush (f->session);
  wait_idle (f);
  iterate ();
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (b), "invalid"));
  g_assert_cmpfloat (up_plan_get_distribution (f->plan, "option/make/take-up")->b, ==, 60);

  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  wait_idle (f);
  iterate ();
  g_assert_cmpfloat (up_plan_get_distribution (f->plan, "option/make/take-up")->a, ==, 30);
  g_assert_cmpfloat (up_plan_get_distribution (f->plan, "option/make/take-up")->b, ==, 70);
  a = GTK_SPIN_BUTTON (widget (f, "dist/option/make/take-up/a"));
  g_assert_cmpfloat (gtk_spin_button_get_value (a), ==, 30);
}

static void
test_run (Fixture       *f,
          gconstpointer  data)
{
  UpPsaOptions options = { .n_samples = 500, .seed = 42, .n_threads = 1 };
  g_autoptr(UpPlan) copy = up_plan_copy (f->plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPsa) direct = up_psa_run (copy, NULL, &options, NULL, &error);
  const UpPsa *shown;
  const UpModel *model;
  int o;
  double mean;
  g_autofree char *text = NULL;
  g_autofree char *cell_name = NULL;

  g_assert_no_error (error);
  dump (f, "before.png");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget (f, "samples")), 500);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget (f, "seed")), 42);
  g_signal_emit_by_name (widget (f, "run"), "clicked");
  g_assert_true (up_uncertainty_view_is_running (UP_UNCERTAINTY_VIEW (f->view)));
  wait_idle (f);

  shown = up_uncertainty_view_get_psa (UP_UNCERTAINTY_VIEW (f->view));
  g_assert_nonnull (shown);
  g_assert_cmpuint (up_psa_get_n_samples (shown), ==, 500);
  model = up_psa_get_model (shown);
  o = option_index (model, "communitise");
  mean = up_psa_get_summary (direct, o, UP_METRIC_NPBI)->mean;
  g_assert_cmpfloat (up_psa_get_summary (shown, o, UP_METRIC_NPBI)->mean, ==, mean);
  g_assert_cmpfloat (up_psa_get_prob_cheapest (shown, o), ==, up_psa_get_prob_cheapest (direct, o));
  /* and the table says so */
  text = up_format_money_short (mean, up_model_get_currency (model));
  cell_name = g_strdup_printf ("mean-npbi-%s", "communitise");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (widget (f, cell_name))), ==, text);
  dump (f, "after.png");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget (f, "samples")), UP_PSA_MAX_SAMPLES);
  g_signal_emit_by_name (widget (f, "run"), "clicked");
  g_assert_true (up_uncertainty_view_is_running (UP_UNCERTAINTY_VIEW (f->view)));
  g_assert_true (gtk_widget_get_visible (widget (f, "cancel")));
  for (int i = 0; i < 5; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20000);
    }
  dump (f, "running.png");
  g_signal_emit_by_name (widget (f, "cancel"), "clicked");
  wait_idle (f);   /* the task has completed: no worker runs */
  g_assert_false (up_uncertainty_view_is_running (UP_UNCERTAINTY_VIEW (f->view)));
  g_assert_null (up_uncertainty_view_get_psa (UP_UNCERTAINTY_VIEW (f->view)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget (f, "status"))), "Cancelled"));
  g_assert_null (find_named (f->view, "mean-npbi-communitise"));
  g_assert_false (gtk_widget_get_visible (widget (f, "cancel")));
}

static void
test_tornado (Fixture       *f,
              gconstpointer  data)
{
  UpUncChart *chart = up_uncertainty_view_get_tornado_chart (UP_UNCERTAINTY_VIEW (f->view));
  g_autoptr(GError) error = NULL;
  g_autoptr(UpTornado) tornado = NULL;
  GtkDropDown *option = GTK_DROP_DOWN (widget (f, "tornado-option"));
  double px, base_x, last = INFINITY;

  /* the first option that is not business as usual, NPBI */
  g_assert_cmpuint (gtk_drop_down_get_selected (option), ==, 0);
  tornado = up_tornado_run (f->plan, NULL, NULL, UP_METRIC_NPBI, &error);
  g_assert_no_error (error);
  up_unc_chart_layout (chart, 900, 500, NULL);
  px = fabs (up_unc_chart_position_for_value (chart, 1) - up_unc_chart_position_for_value (chart, 0));
  base_x = up_unc_chart_position_for_value (chart, up_tornado_get_base_value (tornado));
  for (guint i = 0; i < up_tornado_get_n_bars (tornado); i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (tornado, i);
      UpChartRect lo, hi;

      g_assert_true (up_unc_chart_get_bar_rect (chart, i, FALSE, &lo));
      g_assert_true (up_unc_chart_get_bar_rect (chart, i, TRUE, &hi));
      g_assert_cmpfloat (bar->swing, <=, last);
      last = bar->swing;
      g_assert_cmpfloat_with_epsilon (lo.width, fabs (bar->metric_low - up_tornado_get_base_value (tornado)) * px, 1e-6);
      g_assert_cmpfloat_with_epsilon (hi.width, fabs (bar->metric_high - up_tornado_get_base_value (tornado)) * px, 1e-6);
      g_assert_true (fabs (lo.x - base_x) < 1e-6 || fabs (lo.x + lo.width - base_x) < 1e-6);
    }

  /* another option: the chart follows */
  gtk_drop_down_set_selected (option, 2);
  wait_idle (f);
  g_clear_pointer (&tornado, up_tornado_free);
  tornado = up_tornado_run (f->plan, NULL, "communitise", UP_METRIC_NPBI, &error);
  g_assert_no_error (error);
  up_unc_chart_layout (chart, 900, 500, NULL);
  px = fabs (up_unc_chart_position_for_value (chart, 1) - up_unc_chart_position_for_value (chart, 0));
  {
    const UpTornadoBar *bar = up_tornado_get_bar (tornado, 0);
    UpChartRect hi;

    g_assert_true (up_unc_chart_get_bar_rect (chart, 0, TRUE, &hi));
    g_assert_cmpfloat_with_epsilon (hi.width, fabs (bar->metric_high - up_tornado_get_base_value (tornado)) * px, 1e-6);
  }
}

static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  gint64 t0, direct;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget (f, "samples")), 1000);
  g_signal_emit_by_name (widget (f, "run"), "clicked");
  wait_idle (f);
  g_assert_nonnull (up_uncertainty_view_get_psa (UP_UNCERTAINTY_VIEW (f->view)));

  /* a drag: values in quick succession, then the pause */
  for (int i = 0; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;

      up_plan_session_begin_edit (f->session, "option/communitise/take-up");
      up_plan_set_param (f->plan, "option/communitise/take-up", 0.25 + 0.01 * i, &error);
      g_assert_no_error (error);
      up_plan_session_flush (f->session);
      g_main_context_iteration (NULL, FALSE);
    }
  wait_idle (f);
  g_assert_cmpint (up_uncertainty_view_get_live_time (UP_UNCERTAINTY_VIEW (f->view)), >, 0);
  g_test_message ("live refresh (200 samples, worker to main loop): %.2f ms",
                  up_uncertainty_view_get_live_time (UP_UNCERTAINTY_VIEW (f->view)) / 1000.0);
  /* one change at a time, each live refresh waited for: the best of 10 */
  {
    gint64 best = G_MAXINT64;

    for (int i = 0; i < 10; i++)
      {
        g_autoptr(GError) error = NULL;

        up_plan_session_begin_edit (f->session, "option/communitise/take-up");
        up_plan_set_param (f->plan, "option/communitise/take-up", 0.3 + 0.01 * i, &error);
        g_assert_no_error (error);
        up_plan_session_flush (f->session);
        wait_idle (f);
        best = MIN (best, up_uncertainty_view_get_live_time (UP_UNCERTAINTY_VIEW (f->view)));
      }
    g_test_message ("live refresh, best of 10: %.2f ms", best / 1000.0);
  }
  /* the full run followed the pause */
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < deadline
           && (up_uncertainty_view_is_running (UP_UNCERTAINTY_VIEW (f->view))
               || strstr (gtk_label_get_text (GTK_LABEL (widget (f, "status"))), "changed") != NULL))
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (widget (f, "status"))), "changed"));
  g_assert_nonnull (up_uncertainty_view_get_psa (UP_UNCERTAINTY_VIEW (f->view)));

  /* the engine alone, 200 samples, one thread and all: the best of 20 (the machine may
   * be busy) */
  for (guint threads = 1; threads <= 2; threads++)
    {
      direct = G_MAXINT64;
      for (int i = 0; i < 20; i++)
        {
          UpPsaOptions options = { .n_samples = 200, .seed = 1, .n_threads = threads };
          g_autoptr(UpPsa) psa = NULL;

          t0 = g_get_monotonic_time ();
          psa = up_psa_run (f->plan, NULL, &options, NULL, NULL);
          g_assert_nonnull (psa);
          direct = MIN (direct, g_get_monotonic_time () - t0);
        }
      g_test_message ("200 samples of the Bradford example on %u thread(s), best of 20: %.2f ms",
                      threads, direct / 1000.0);
    }
}

/* An edit while a full run works supersedes it: not "Cancelled", and the run follows the
 * pause on the plan as it is now. */
static void
test_edit_while_running (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  const UpPsa *psa;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget (f, "samples")), 20000);
  g_signal_emit_by_name (widget (f, "run"), "clicked");
  up_plan_session_begin_edit (f->session, "option/communitise/take-up");
  up_plan_set_param (f->plan, "option/communitise/take-up", 0.3, &error);
  g_assert_no_error (error);
  up_plan_session_flush (f->session);
  while (up_uncertainty_view_get_psa (UP_UNCERTAINTY_VIEW (f->view)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (widget (f, "status"))), "Cancelled"));
      g_main_context_iteration (NULL, TRUE);
    }
  wait_idle (f);
  psa = up_uncertainty_view_get_psa (UP_UNCERTAINTY_VIEW (f->view));
  g_assert_cmpuint (up_psa_get_n_samples (psa), ==, 20000);
  {
    double take_up = NAN;

    for (guint i = 0; i < up_psa_get_n_params (psa); i++)
      if (g_str_equal (up_psa_get_param_path (psa, i), "option/communitise/take-up"))
        take_up = up_psa_get_param_base (psa, i);
    g_assert_cmpfloat (take_up, ==, 0.3);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, func) \
  g_test_add ("/uncertainty-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("add-remove", test_add_remove);
  ADD ("edit", test_edit);
  ADD ("run", test_run);
  ADD ("cancel", test_cancel);
  ADD ("tornado", test_tornado);
  ADD ("live", test_live);
  ADD ("edit-while-running", test_edit_while_running);
#undef ADD
  return g_test_run ();
}
