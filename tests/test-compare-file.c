/* test-compare-file.c: "Compare with File…" lists the differences from another plan file
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Bradford example is opened in a window; a copy with one take-up changed and one
 * state renamed is saved to a temporary file; the window compares itself with that file
 * and the comparison window must list exactly those two changes and show, for the
 * changed option, the net position the engine computes for the copy. A file that is not
 * a plan leaves the open plan alone. Needs a display: run under xvfb-run.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "up-format.h"
#include "up-window.h"
#include "up-window-compare.h"
#include "up-xml.h"

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

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The comparison window transient for window, once it is there. */
static UpCompareFileWindow *
find_compare_window (GtkWindow *parent)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (UP_IS_COMPARE_FILE_WINDOW (w) && gtk_window_get_transient_for (w) == parent)
        return UP_COMPARE_FILE_WINDOW (w);
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == parent)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
wait_a_little (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* With UPSTREAM_TEST_SCREENSHOT_DIR set, a PNG of widget there, to look at. */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("UPSTREAM_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  wait_a_little (300);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

static UpCompareFileWindow *
wait_for_compare_window (GtkWindow *parent)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  UpCompareFileWindow *found = NULL;

  while (!timed_out && (found = find_compare_window (parent)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return found;
}

/* The text of the grid's label at (column, row), or NULL. */
static const char *
grid_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *child = gtk_grid_get_child_at (grid, column, row);

  return GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : NULL;
}

static double
engine_npbi (UpPlan     *plan,
             const char *option_id)
{
  g_autoptr(GError) error = NULL;
  UpModel *model = up_model_compile (plan, NULL, NULL, &error);
  g_autoptr(UpResults) results = NULL;
  double npbi = NAN;

  g_assert_no_error (error);
  results = up_model_project (model);
  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (g_strcmp0 (up_model_get_option_id (model, o), option_id) == 0)
      npbi = results->metrics[o].npbi;
  up_model_unref (model);
  return npbi;
}

static void
test_compare_with_edited_copy (void)
{
  g_autoptr(UpPlan) plan = load_example ();
  g_autoptr(UpPlan) copy = up_plan_copy (plan);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-compare-file-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *expected_npbi = NULL;
  g_autofree char *old_npbi = NULL;
  UpWindow *window;
  UpPlanSession *session;
  UpCompareFileWindow *compare;
  GtkListBox *list;
  GtkGrid *grid;
  GtkWidget *row;
  const char *option_name = NULL;
  gboolean found_row = FALSE;
  double new_npbi;
  int n_rows = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "other plan.upstream", NULL);
  file = g_file_new_for_path (path);

  /* The other plan: one take-up changed, one state renamed. */
  g_assert_true (up_plan_set_param (copy, "option/make/take-up", 0.45, &error));
  g_assert_no_error (error);
  up_item_set_name (UP_ITEM (up_plan_find_state (copy, "high")), "Higher need");
  g_assert_true (up_plan_save_to_file (copy, file, NULL, &error));
  g_assert_no_error (error);
  new_npbi = engine_npbi (copy, "make");
  g_assert_true (isfinite (new_npbi));
  g_assert_cmpfloat (new_npbi, !=, engine_npbi (plan, "make"));
  expected_npbi = up_format_money_short (new_npbi, up_plan_get_currency (copy));
  old_npbi = up_format_money_short (engine_npbi (plan, "make"), up_plan_get_currency (plan));

  window = up_window_new (NULL);
  session = up_window_get_session (window);
  up_plan_session_set_plan (session, plan, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  before = up_plan_save_to_bytes (up_plan_session_get_plan (session));

  up_window_compare_with_file (window, file);
  compare = wait_for_compare_window (GTK_WINDOW (window));
  g_assert_nonnull (compare);

  /* The title names the file. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (compare)), "other plan.upstream"));

  /* Exactly the two changes. */
  g_assert_cmpuint (up_compare_file_window_get_n_changes (compare), ==, 2);
  list = up_compare_file_window_get_change_list (compare);
  for (row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      {
        const char *row_path = g_object_get_data (G_OBJECT (row), "path");

        g_assert_true (g_strcmp0 (row_path, "option/make/take-up") == 0 ||
                       g_strcmp0 (row_path, "state/high/name") == 0);
        n_rows++;
      }
  g_assert_cmpint (n_rows, ==, 2);

  /* The changed option's row shows the net position the engine computes for the copy. */
  grid = up_compare_file_window_get_results_grid (compare);
  for (int o = 0; o < up_model_get_n_options (up_plan_session_get_model (session)); o++)
    if (g_strcmp0 (up_model_get_option_id (up_plan_session_get_model (session), o), "make") == 0)
      option_name = up_model_get_option_name (up_plan_session_get_model (session), o);
  g_assert_nonnull (option_name);
  for (int r = 1; grid_text (grid, 0, r) != NULL; r++)
    if (g_str_has_prefix (grid_text (grid, 0, r), option_name))
      {
        g_autofree char *expected = g_strdup_printf ("%s → %s", old_npbi, expected_npbi);

        g_assert_cmpstr (grid_text (grid, 0, r), ==, option_name);
        g_assert_cmpstr (grid_text (grid, 1, r), ==, expected);
        found_row = TRUE;
      }
  g_assert_true (found_row);

  maybe_screenshot (GTK_WIDGET (compare), "compare-file");

  /* The open plan is untouched. */
  after = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  g_assert_true (g_bytes_equal (before, after));

  /* The open plan takes the other's take-up: compared again, one difference is left. */
  up_plan_session_begin_edit (session, NULL);
  g_assert_true (up_plan_set_param (up_plan_session_get_plan (session), "option/make/take-up",
                                    0.45, &error));
  g_assert_no_error (error);
  up_plan_session_flush (session);
  {
    gboolean timed_out = FALSE;
    guint id = g_timeout_add_seconds (30, timeout_cb, &timed_out);

    while (!timed_out && up_compare_file_window_get_n_changes (compare) != 1)
      g_main_context_iteration (NULL, TRUE);
    if (!timed_out)
      g_source_remove (id);
  }
  g_assert_cmpuint (up_compare_file_window_get_n_changes (compare), ==, 1);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "path"), ==, "state/high/name");

  /* Closing it. */
  g_object_add_weak_pointer (G_OBJECT (compare), (gpointer *) &compare);
  gtk_widget_activate_action (GTK_WIDGET (compare), "window.close", NULL);
  wait_a_little (100);
  g_assert_null (compare);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);

    g_unlink (backup);
  }
  g_rmdir (dir);
}

static void
test_compare_with_itself (void)
{
  g_autoptr(UpPlan) plan = load_example ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "bradford-peer-recovery.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  UpWindow *window = up_window_new (NULL);
  UpCompareFileWindow *compare;
  GtkWidget *row;

  up_plan_session_set_plan (up_window_get_session (window), plan, NULL);
  gtk_window_present (GTK_WINDOW (window));
  up_window_compare_with_file (window, file);
  compare = wait_for_compare_window (GTK_WINDOW (window));
  g_assert_nonnull (compare);
  g_assert_cmpuint (up_compare_file_window_get_n_changes (compare), ==, 0);
  row = gtk_widget_get_first_child (GTK_WIDGET (up_compare_file_window_get_change_list (compare)));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_true (gtk_widget_has_css_class (row, "placeholder"));
  maybe_screenshot (GTK_WIDGET (compare), "compare-file-same");
  gtk_window_destroy (GTK_WINDOW (compare));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_compare_with_broken_file (void)
{
  g_autoptr(UpPlan) plan = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-compare-file-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "broken.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  UpWindow *window = up_window_new (NULL);
  UpPlanSession *session = up_window_get_session (window);
  AdwMessageDialog *dialog = NULL;
  gboolean timed_out = FALSE;
  guint id;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "<?xml version=\"1.0\"?>\n<plan>\n  <oops\n",
                                      -1, &error));
  up_plan_session_set_plan (session, plan, NULL);
  gtk_window_present (GTK_WINDOW (window));
  before = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  up_window_compare_with_file (window, file);
  id = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  while (!timed_out && (dialog = find_message_dialog (GTK_WINDOW (window))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_nonnull (dialog);
  maybe_screenshot (GTK_WIDGET (dialog), "compare-file-error");
  /* The file and the line are named. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.upstream:"));
  g_assert_null (find_compare_window (GTK_WINDOW (window)));
  after = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  g_assert_true (g_bytes_equal (before, after));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          gboolean found = menu_has_action (link, action);

          g_object_unref (link);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
widget_menus_have_action (GtkWidget  *widget,
                          const char *action)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL &&
      menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), action))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_menus_have_action (child, action))
      return TRUE;
  return FALSE;
}

/* The main menu offers it, and the window has the action. */
static void
test_menu_item (void)
{
  UpWindow *window = up_window_new (NULL);
  gboolean installed = FALSE;
  const char *name, *property;
  const GVariantType *parameter;
  GType type;

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &type,
                                                   &name, &parameter, &property); i++)
    installed |= g_strcmp0 (name, "win.compare-with-file") == 0;
  g_assert_true (installed);
  g_assert_true (widget_menus_have_action (GTK_WIDGET (window), "win.compare-with-file"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/up/compare-file/menu-item", test_menu_item);
  g_test_add_func ("/up/compare-file/edited-copy", test_compare_with_edited_copy);
  g_test_add_func ("/up/compare-file/itself", test_compare_with_itself);
  g_test_add_func ("/up/compare-file/broken", test_compare_with_broken_file);
  return g_test_run ();
}
