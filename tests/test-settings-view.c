/* test-settings-view.c: the Settings and Notes view edits the plan, undoably
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real widgets (check buttons, text views, entry rows, combo rows, buttons)
 * and checks the plan and its results, then undoes.
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <adwaita.h>

#include "up-number-field.h"
#include "up-settings-view.h"

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
  f->view = g_object_new (UP_TYPE_SETTINGS_VIEW, "session", f->session, NULL);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->session);
  g_clear_object (&f->plan);
}

/* The communitise option's NPBI by the engine alone, on a copy of the plan. */
static double
engine_npbi (UpPlan *plan)
{
  g_autoptr(UpPlan) copy = up_plan_copy (plan);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpModel) model = up_model_compile (copy, NULL, NULL, &error);
  g_autoptr(UpResults) results = NULL;

  g_assert_no_error (error);
  results = up_model_project (model);
  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (g_str_equal (up_model_get_option_id (model, o), "communitise"))
      return results->metrics[o].npbi;
  g_assert_not_reached ();
}

static double
session_npbi (UpPlanSession *session)
{
  UpModel *model = up_plan_session_get_model (session);
  const UpResults *results = up_plan_session_get_results (session);

  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (g_str_equal (up_model_get_option_id (model, o), "communitise"))
      return results->metrics[o].npbi;
  g_assert_not_reached ();
}

static void
test_counting (Fixture       *f,
               gconstpointer  data)
{
  GtkCheckButton *beginning = GTK_CHECK_BUTTON (widget (f, "plan/counting/beginning"));
  GtkCheckButton *life_table = GTK_CHECK_BUTTON (widget (f, "plan/counting/life-table"));
  double before = session_npbi (f->session);
  double after;

  g_assert_cmpint (up_plan_get_counting (f->plan), ==, UP_COUNTING_BEGINNING);
  g_assert_true (gtk_check_button_get_active (beginning));
  g_assert_false (gtk_check_button_get_active (life_table));

  gtk_check_button_set_active (life_table, TRUE);
  up_plan_session_flush (f->session);
  g_assert_cmpint (up_plan_get_counting (f->plan), ==, UP_COUNTING_LIFE_TABLE);
  g_assert_cmpint (up_model_get_counting (up_plan_session_get_model (f->session)), ==,
                   UP_COUNTING_LIFE_TABLE);
  after = session_npbi (f->session);
  g_assert_cmpfloat (after, !=, before);
  g_assert_cmpfloat (after, ==, engine_npbi (f->plan));

  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  g_assert_cmpint (up_plan_get_counting (f->plan), ==, UP_COUNTING_BEGINNING);
  g_assert_cmpfloat (session_npbi (f->session), ==, before);
  /* The widgets follow the undo. */
  g_assert_true (gtk_check_button_get_active (beginning));
  g_assert_false (gtk_check_button_get_active (life_table));
}

static void
test_notes (Fixture       *f,
            gconstpointer  data)
{
  GtkTextView *view = GTK_TEXT_VIEW (widget (f, "plan/notes"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *original = g_strdup (up_plan_get_notes (f->plan));
  g_autofree char *expected = NULL;
  const char *typed[] = { "\n\nBoard", " meets", " in May." };
  GtkTextIter end;

  g_assert_nonnull (original);
  {
    GtkTextIter start;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, original);
  }
  g_assert_false (up_plan_session_can_undo (f->session));

  /* Type at the end, a few keystrokes' worth at a time. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, typed[i], -1);
    }
  up_plan_session_flush (f->session);
  expected = g_strconcat (original, "\n\nBoard meets in May.", NULL);
  g_assert_cmpstr (up_plan_get_notes (f->plan), ==, expected);
  g_assert_true (up_plan_session_get_dirty (f->session));

  /* One undo step takes all of it away. */
  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  g_assert_cmpstr (up_plan_get_notes (f->plan), ==, original);
  g_assert_false (up_plan_session_can_undo (f->session));
  {
    GtkTextIter start;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, original);
  }
}

static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  GtkEditable *title = GTK_EDITABLE (widget (f, "plan/title"));
  g_autofree char *original = g_strdup (up_item_get_name (UP_ITEM (f->plan)));

  g_assert_cmpstr (gtk_editable_get_text (title), ==, original);
  gtk_editable_set_text (title, "Recovery in Bradford");
  g_assert_cmpstr (up_item_get_name (UP_ITEM (f->plan)), ==, "Recovery in Bradford");
  up_plan_session_undo (f->session);
  g_assert_cmpstr (up_item_get_name (UP_ITEM (f->plan)), ==, original);
  g_assert_cmpstr (gtk_editable_get_text (title), ==, original);
}

static void
test_discounting (Fixture       *f,
                  gconstpointer  data)
{
  AdwComboRow *costs = ADW_COMBO_ROW (widget (f, "plan/discount-costs"));
  GtkWidget *rate = widget (f, "plan/discount-costs-rate");
  double before = session_npbi (f->session);

  g_assert_cmpint (up_plan_get_discount_costs (f->plan), ==, UP_DISCOUNT_GREENBOOK);
  /* The rate is only for a constant schedule. */
  g_assert_false (gtk_widget_is_sensitive (rate));

  adw_combo_row_set_selected (costs, 2);   /* Constant rate */
  up_plan_session_flush (f->session);
  g_assert_cmpint (up_plan_get_discount_costs (f->plan), ==, UP_DISCOUNT_CONSTANT);
  g_assert_true (gtk_widget_is_sensitive (rate));

  /* Through the rate field: 6%. */
  gtk_spin_button_set_value (up_number_field_get_spin_button (UP_NUMBER_FIELD (rate)), 6);
  up_plan_session_flush (f->session);
  g_assert_cmpfloat (fabs (up_item_get_number (UP_ITEM (f->plan),
                                               up_item_find_number (UP_ITEM (f->plan),
                                                                    "discount-costs-rate")) -
                           0.06), <, 1e-12);
  g_assert_cmpfloat (session_npbi (f->session), ==, engine_npbi (f->plan));
  g_assert_cmpfloat (session_npbi (f->session), !=, before);

  up_plan_session_undo (f->session);
  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  g_assert_cmpint (up_plan_get_discount_costs (f->plan), ==, UP_DISCOUNT_GREENBOOK);
  g_assert_cmpuint (adw_combo_row_get_selected (costs), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (rate));
  g_assert_cmpfloat (session_npbi (f->session), ==, before);
}

static void
test_measures (Fixture       *f,
               gconstpointer  data)
{
  GListModel *measures = G_LIST_MODEL (up_plan_get_measures (f->plan));
  guint n = g_list_model_get_n_items (measures);

  g_signal_emit_by_name (widget (f, "measures/add"), "clicked");
  up_plan_session_flush (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (measures), ==, n + 1);
  g_assert_false (up_plan_session_get_stale (f->session));
  g_assert_cmpint (up_model_get_n_measures (up_plan_session_get_model (f->session)), ==,
                   (int) n + 1);

  /* Its name, through its entry row. */
  {
    g_autoptr(UpMeasure) added = g_list_model_get_item (measures, n);
    g_autofree char *key = g_strdup_printf ("measure/%s/name",
                                            up_item_get_id (UP_ITEM (added)));

    gtk_editable_set_text (GTK_EDITABLE (widget (f, key)), "Days in work");
    g_assert_cmpstr (up_item_get_name (UP_ITEM (added)), ==, "Days in work");
  }

  up_plan_session_undo (f->session);
  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (measures), ==, n);
}

static void
test_price_index (Fixture       *f,
                  gconstpointer  data)
{
  double value = 0;
  GtkWidget *field = widget (f, "plan/price-index/2011");

  g_assert_true (up_plan_lookup_price_index (f->plan, 2011, &value));
  g_assert_cmpfloat (up_number_field_get_value (UP_NUMBER_FIELD (field)), ==, value);

  gtk_spin_button_set_value (up_number_field_get_spin_button (UP_NUMBER_FIELD (field)), 70);
  up_plan_session_flush (f->session);
  g_assert_true (up_plan_lookup_price_index (f->plan, 2011, &value));
  g_assert_cmpfloat (value, ==, 70);

  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  g_assert_true (up_plan_lookup_price_index (f->plan, 2011, &value));
  g_assert_cmpfloat (value, ==, 72.43);
  field = widget (f, "plan/price-index/2011");
  g_assert_cmpfloat (up_number_field_get_value (UP_NUMBER_FIELD (field)), ==, 72.43);
}

static void
test_plan_replaced (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "wigan-early-help.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) other = up_plan_load_from_file (file, NULL, &error);
  g_autofree char *old_notes = g_strdup (up_plan_get_notes (f->plan));
  GtkWidget *horizon;

  g_assert_no_error (error);
  up_plan_session_set_plan (f->session, other, NULL);

  /* Everything now shows, and edits, the new plan. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget (f, "plan/title"))), ==,
                   up_item_get_name (UP_ITEM (other)));
  horizon = widget (f, "plan/horizon");
  g_assert_cmpfloat (up_number_field_get_value (UP_NUMBER_FIELD (horizon)), ==,
                     up_plan_get_horizon (other));
  gtk_spin_button_set_value (up_number_field_get_spin_button (UP_NUMBER_FIELD (horizon)), 7);
  up_plan_session_flush (f->session);
  g_assert_cmpint (up_plan_get_horizon (other), ==, 7);
  g_assert_cmpint (up_plan_get_horizon (f->plan), ==, 10);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget (f, "plan/counting/end")), TRUE);
  g_assert_cmpint (up_plan_get_counting (other), ==, UP_COUNTING_END);
  g_assert_cmpint (up_plan_get_counting (f->plan), ==, UP_COUNTING_BEGINNING);
  g_assert_cmpstr (up_plan_get_notes (f->plan), ==, old_notes);
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
#define ADD(path, func) \
  g_test_add ("/settings-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("counting", test_counting);
  ADD ("notes", test_notes);
  ADD ("title", test_title);
  ADD ("discounting", test_discounting);
  ADD ("measures", test_measures);
  ADD ("price-index", test_price_index);
  ADD ("plan-replaced", test_plan_replaced);
#undef ADD
  return g_test_run ();
}
