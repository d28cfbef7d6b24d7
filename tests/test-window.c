/* test-window.c: the whole window, as a person would use it
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens an example, edits a number through its field, checks the results against the
 * engine, undoes, saves and reloads, closes with unsaved changes, and types a value the
 * field must refuse.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "up-number-field.h"
#include "up-results-view.h"
#include "up-window.h"

static gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
plan_loaded (gpointer data)
{
  UpPlanSession *session = data;

  return up_plan_session_get_file (session) != NULL;
}

static char *
copy_example (const char *dir)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                "bradford-peer-recovery.upstream", NULL);
  g_autofree char *dst = g_build_filename (dir, "plan.upstream", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (dst, contents, len, NULL));
  return g_steal_pointer (&dst);
}

/* The UpNumberField bound to key of item, searched in the widget tree. */
static UpNumberField *
find_field (GtkWidget  *root,
            UpItem     *item,
            const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      UpNumberField *found;

      if (UP_IS_NUMBER_FIELD (child))
        {
          UpItem *bound = NULL;
          const char *bound_key = NULL;

          up_number_field_get_binding (UP_NUMBER_FIELD (child), &bound, &bound_key);
          if (bound == item && g_strcmp0 (bound_key, key) == 0)
            return UP_NUMBER_FIELD (child);
        }
      found = find_field (child, item, key);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static UpWindow *
open_window (const char *path)
{
  UpWindow *window = up_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (window));
  up_window_open (window, file);
  g_assert_true (wait_for (plan_loaded, up_window_get_session (window)));
  up_plan_session_flush (up_window_get_session (window));
  return window;
}

static double
engine_npbi (UpPlan *plan,
             int     option)
{
  g_autoptr(UpModel) model = up_model_compile (plan, NULL, NULL, NULL);
  g_autoptr(UpResults) results = up_model_project (model);

  return results->metrics[option].npbi;
}

static void
test_edit_undo_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("upstream-window-XXXXXX", NULL);
  g_autofree char *path = copy_example (dir);
  UpWindow *window = open_window (path);
  UpPlanSession *session = up_window_get_session (window);
  UpPlan *plan = up_plan_session_get_plan (session);
  UpOption *option = up_plan_find_option (plan, "communitise");
  const UpNumberSpec *spec = up_item_find_number (UP_ITEM (option), "take-up");
  UpNumberField *field = find_field (GTK_WIDGET (window), UP_ITEM (option), "take-up");
  g_autoptr(GBytes) before = up_plan_save_to_bytes (plan);
  UpMetrics old_metrics;
  double old_take_up = up_item_get_number (UP_ITEM (option), spec);
  int o = 3;

  g_assert_nonnull (option);
  g_assert_nonnull (field);
  g_assert_cmpstr (up_model_get_option_id (up_plan_session_get_model (session), o), ==,
                   "communitise");
  old_metrics = up_plan_session_get_results (session)->metrics[o];

  /* Change the take-up through the widget, as a person would: type and activate. */
  gtk_editable_set_text (GTK_EDITABLE (up_number_field_get_spin_button (field)), "45%");
  gtk_spin_button_update (up_number_field_get_spin_button (field));
  up_plan_session_flush (session);
  g_assert_cmpfloat (up_item_get_number (UP_ITEM (option), spec), ==, 0.45);
  g_assert_true (up_plan_session_get_dirty (session));
  /* The results the window shows are the engine's for the edited plan. */
  g_assert_cmpfloat (up_plan_session_get_results (session)->metrics[o].npbi, ==,
                     engine_npbi (plan, o));
  g_assert_cmpfloat (up_plan_session_get_results (session)->metrics[o].npbi, !=,
                     old_metrics.npbi);

  /* Undo restores the exact values and results. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  up_plan_session_flush (session);
  option = up_plan_find_option (plan, "communitise");
  g_assert_cmpfloat (up_item_get_number (UP_ITEM (option), spec), ==, old_take_up);
  g_assert_cmpint (memcmp (&up_plan_session_get_results (session)->metrics[o], &old_metrics,
                           sizeof old_metrics), ==, 0);
  {
    g_autoptr(GBytes) after = up_plan_save_to_bytes (plan);

    g_assert_true (g_bytes_equal (before, after));
  }

  /* Redo, then save through the window's action and read the file back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (up_plan_session_get_dirty (session) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_false (up_plan_session_get_dirty (session));
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(UpPlan) reloaded = up_plan_load_from_file (file, NULL, NULL);
    g_autoptr(GBytes) saved = up_plan_save_to_bytes (plan);
    g_autoptr(GBytes) again = up_plan_save_to_bytes (reloaded);
    UpOption *reloaded_option = up_plan_find_option (reloaded, "communitise");

    g_assert_nonnull (reloaded);
    g_assert_cmpfloat (up_item_get_number (UP_ITEM (reloaded_option), spec), ==, 0.45);
    g_assert_true (g_bytes_equal (saved, again));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_message_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TRUE;
    }
  return FALSE;
}

static void
test_close_asks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("upstream-window-XXXXXX", NULL);
  g_autofree char *path = copy_example (dir);
  UpWindow *window = open_window (path);
  UpPlanSession *session = up_window_get_session (window);
  g_autoptr(GError) error = NULL;

  g_assert_true (up_plan_session_set_param (session, "option/buy/fixed-cost", 123456, &error));
  g_assert_no_error (error);
  g_assert_true (up_plan_session_get_dirty (session));
  g_assert_false (has_message_dialog (NULL));

  /* Closing with unsaved changes asks Save / Discard / Cancel and keeps the window. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (wait_for (has_message_dialog, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          {
            g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), "save"));
            g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), "discard"));
            g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (w), "cancel"));
            adw_message_dialog_response (ADW_MESSAGE_DIALOG (w), "cancel");
          }
      }
  }
  /* Cancel keeps the plan and its changes. */
  g_assert_true (up_plan_session_get_dirty (session));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_invalid_value_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("upstream-window-XXXXXX", NULL);
  g_autofree char *path = copy_example (dir);
  UpWindow *window = open_window (path);
  UpPlanSession *session = up_window_get_session (window);
  UpPlan *plan = up_plan_session_get_plan (session);
  UpOption *option = up_plan_find_option (plan, "buy");
  UpNumberField *field = find_field (GTK_WIDGET (window), UP_ITEM (option), "take-up");
  GtkSpinButton *spin;
  g_autoptr(GBytes) before = up_plan_save_to_bytes (plan);

  g_assert_nonnull (field);
  spin = up_number_field_get_spin_button (field);

  /* Not a number: refused, with a visible message on the field. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "lots");
  gtk_spin_button_update (spin);
  up_plan_session_flush (session);
  g_assert_nonnull (up_number_field_get_problem (field));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (spin), "invalid"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (spin)), ==,
                   up_number_field_get_problem (field));

  /* A take-up of 150%: outside 0–100%, refused too. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "150%");
  gtk_spin_button_update (spin);
  up_plan_session_flush (session);
  g_assert_nonnull (strstr (up_number_field_get_problem (field), "between"));

  /* The plan is unchanged, byte for byte, and nothing is marked unsaved. */
  {
    g_autoptr(GBytes) after = up_plan_save_to_bytes (plan);

    g_assert_true (g_bytes_equal (before, after));
  }
  g_assert_false (up_plan_session_get_dirty (session));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/up/window/edit-undo-save", test_edit_undo_save);
  g_test_add_func ("/up/window/close-asks", test_close_asks);
  g_test_add_func ("/up/window/invalid-value-refused", test_invalid_value_refused);
  return g_test_run ();
}
