/* test-results-view.c: the Results view shows the engine's numbers and follows edits
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the Bradford example, reads the scorecard's cells, changes the horizon through
 * the Settings view's field (as a person would) and checks the scorecard against the
 * engine run on its own, then undoes.
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <adwaita.h>

#include "up-number-field.h"
#include "up-results-view.h"
#include "up-settings-view.h"

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

static const char *
cell_text (GtkWidget  *view,
           const char *name)
{
  GtkWidget *label = find_named (view, name);

  if (label == NULL)
    g_error ("no cell named %s", name);
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

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

static int
option_index (const UpModel *model,
              const char    *id)
{
  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (g_strcmp0 (up_model_get_option_id (model, o), id) == 0)
      return o;
  g_error ("no option %s", id);
  return -1;
}

/* The engine on its own, on a copy of the plan: what the view must show. */
static double
engine_npbi (UpPlan     *plan,
             const char *option)
{
  g_autoptr(UpPlan) copy = up_plan_copy (plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpModel) model = up_model_compile (copy, NULL, NULL, &error);
  g_autoptr(UpResults) results = NULL;

  g_assert_no_error (error);
  results = up_model_project (model);
  return results->metrics[option_index (model, option)].npbi;
}

static void
test_scorecard_follows_horizon (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(UpPlanSession) session = up_plan_session_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *results = g_object_new (UP_TYPE_RESULTS_VIEW, NULL);
  GtkWidget *settings = g_object_new (UP_TYPE_SETTINGS_VIEW, NULL);
  g_autofree char *currency = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  double npbi_10, npbi_15;
  GtkWidget *horizon;
  UpModel *model;
  const UpResults *r;

  up_plan_session_set_plan (session, plan, NULL);
  gtk_box_append (GTK_BOX (box), results);
  gtk_box_append (GTK_BOX (box), settings);
  gtk_window_set_child (GTK_WINDOW (window), box);
  up_results_view_set_session (UP_RESULTS_VIEW (results), session);
  up_settings_view_set_session (UP_SETTINGS_VIEW (settings), session);

  /* The NPBI cell of the communitise column is the engine's NPBI, formatted. */
  model = up_plan_session_get_model (session);
  r = up_plan_session_get_results (session);
  /* Copied: the model is replaced on every edit. */
  currency = g_strdup (up_model_get_currency (model));
  g_assert_cmpint (up_model_get_n_cycles (model), ==, 10);
  npbi_10 = r->metrics[option_index (model, "communitise")].npbi;
  g_assert_cmpfloat (npbi_10, ==, engine_npbi (plan, "communitise"));
  before = up_format_money (npbi_10, currency);
  g_assert_cmpstr (cell_text (results, "npbi@communitise"), ==, before);
  /* Business as usual has no NPBI against itself. */
  g_assert_cmpstr (cell_text (results, "npbi@bau"), ==, "—");
  {
    g_autofree char *pc = up_format_money (r->metrics[option_index (model, "bau")].public_cost,
                                           currency);

    g_assert_cmpstr (cell_text (results, "public-cost@bau"), ==, pc);
  }

  /* Type 15 years into the Settings view's horizon field. */
  horizon = find_named (settings, "plan/horizon");
  g_assert_true (UP_IS_NUMBER_FIELD (horizon));
  gtk_spin_button_set_value (up_number_field_get_spin_button (UP_NUMBER_FIELD (horizon)), 15);
  up_plan_session_flush (session);

  g_assert_cmpint (up_plan_get_horizon (plan), ==, 15);
  model = up_plan_session_get_model (session);
  r = up_plan_session_get_results (session);
  g_assert_cmpint (up_model_get_n_cycles (model), ==, 15);
  npbi_15 = engine_npbi (plan, "communitise");
  g_assert_cmpfloat (npbi_15, !=, npbi_10);
  g_assert_cmpfloat (r->metrics[option_index (model, "communitise")].npbi, ==, npbi_15);
  after = up_format_money (npbi_15, currency);
  g_assert_cmpstr (cell_text (results, "npbi@communitise"), ==, after);

  /* Undo restores the plan, the results and the cell. */
  g_assert_true (up_plan_session_can_undo (session));
  up_plan_session_undo (session);
  up_plan_session_flush (session);
  g_assert_cmpint (up_plan_get_horizon (plan), ==, 10);
  g_assert_cmpint (up_model_get_n_cycles (up_plan_session_get_model (session)), ==, 10);
  g_assert_cmpstr (cell_text (results, "npbi@communitise"), ==, before);
  g_assert_cmpfloat (up_number_field_get_value (UP_NUMBER_FIELD (horizon)), ==, 10);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_holders_and_stale (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(UpPlanSession) session = up_plan_session_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *results = g_object_new (UP_TYPE_RESULTS_VIEW, NULL);
  UpModel *model;
  const UpResults *r;
  int o;
  g_autofree char *pooled = NULL;

  up_plan_session_set_plan (session, plan, NULL);
  gtk_window_set_child (GTK_WINDOW (window), results);
  up_results_view_set_session (UP_RESULTS_VIEW (results), session);
  model = up_plan_session_get_model (session);
  r = up_plan_session_get_results (session);

  /* The who-pays table starts on the first option that is not business as usual. */
  o = option_index (model, "make");
  pooled = up_format_money (r->metrics[o].pooled_net, up_model_get_currency (model));
  g_assert_cmpstr (cell_text (results, "pooled@net"), ==, pooled);

  /* The stale note shows when the plan stops compiling, and goes when it is fixed. */
  {
    GtkWidget *label = find_named (results, "npbi@communitise");
    g_autofree char *text = g_strdup (gtk_label_get_label (GTK_LABEL (label)));
    UpOption *bau = up_plan_find_option (plan, "bau");

    up_plan_session_begin_edit (session, NULL);
    up_option_set_kind (bau, UP_OPTION_MAKE);   /* no business as usual: an error */
    up_plan_session_flush (session);
    g_assert_true (up_plan_session_get_stale (session));
    g_assert_true (gtk_widget_get_visible (find_named (results, "stale-note")));
    g_assert_true (gtk_widget_has_css_class (find_named (results, "results-stack"), "stale"));
    /* The last valid numbers stay readable. */
    g_assert_cmpstr (cell_text (results, "npbi@communitise"), ==, text);
    up_plan_session_undo (session);
    up_plan_session_flush (session);
    g_assert_false (up_plan_session_get_stale (session));
    g_assert_false (gtk_widget_get_visible (find_named (results, "stale-note")));
    g_assert_false (gtk_widget_has_css_class (find_named (results, "results-stack"), "stale"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* What gtk_test_init() does, but able to skip without a display. */
  setlocale (LC_ALL, "");
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/results-view/scorecard-follows-horizon", test_scorecard_follows_horizon);
  g_test_add_func ("/results-view/holders-and-stale", test_holders_and_stale);
  return g_test_run ();
}
