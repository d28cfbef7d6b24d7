/* test-a11y.c: every control of the window can be named by a screen reader and reached
 * with the keyboard
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs with GTK_A11Y=test, the test accessibility backend, which keeps the properties
 * and relations a widget gives its accessible object. The window opens the Bradford
 * example; each page of the view stack is shown in turn and its widget tree walked.
 *
 * A control has a name when it has an accessible label, a labelled-by relation, a
 * visible label inside it (a button's text, a check button's label), or, as the last
 * resort, a tooltip. Composite controls (a menu button, a drop-down, a spin button, an
 * entry row) are judged as one: the parts GTK puts inside them are not checked apart.
 *
 * Keyboard: Tab is pressed (gtk_widget_child_focus) round the whole window on each page,
 * and every sensitive control must be reached, itself or the part of it that takes
 * the focus. The order is spot-checked by hand (docs/accessibility.md), not asserted.
 *
 * Every offender is listed in the failure message, with the page and its path.
 */

#include "config.h"

#include <adwaita.h>

#include "up-window.h"

/* Every page of the stack, found at run time, so a page added later is walked too. */

static void
spin (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_control (GtkWidget *w)
{
  return GTK_IS_BUTTON (w) || GTK_IS_CHECK_BUTTON (w) || GTK_IS_SPIN_BUTTON (w)
         || GTK_IS_ENTRY (w) || GTK_IS_SEARCH_ENTRY (w) || GTK_IS_PASSWORD_ENTRY (w)
         || GTK_IS_DROP_DOWN (w) || GTK_IS_SWITCH (w) || GTK_IS_TEXT_VIEW (w)
         || GTK_IS_MENU_BUTTON (w) || GTK_IS_SCALE (w) || GTK_IS_COMBO_BOX (w)
         || GTK_IS_COLOR_BUTTON (w) || ADW_IS_SPLIT_BUTTON (w) || ADW_IS_ENTRY_ROW (w)
         || ADW_IS_COMBO_ROW (w) || (GTK_IS_TEXT (w) && !GTK_IS_EDITABLE (gtk_widget_get_parent (w)));
}

/* Controls whose inner parts GTK or libadwaita make and name themselves. */
static gboolean
is_composite (GtkWidget *w)
{
  return GTK_IS_MENU_BUTTON (w) || GTK_IS_DROP_DOWN (w) || ADW_IS_SPLIT_BUTTON (w)
         || GTK_IS_SPIN_BUTTON (w) || GTK_IS_COMBO_BOX (w) || GTK_IS_COLOR_BUTTON (w)
         || GTK_IS_ENTRY (w) || GTK_IS_SEARCH_ENTRY (w) || GTK_IS_PASSWORD_ENTRY (w)
         || ADW_IS_ENTRY_ROW (w) || ADW_IS_COMBO_ROW (w);
}

static gboolean
has_visible_label (GtkWidget *w)
{
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_visible (c))
        continue;
      if (GTK_IS_LABEL (c) && *gtk_label_get_text (GTK_LABEL (c)) != '\0')
        return TRUE;
      if (has_visible_label (c))
        return TRUE;
    }
  return FALSE;
}

/* How the control is named, or NULL when it is not. */
static const char *
accessible_name_source (GtkWidget *w)
{
  GtkAccessible *a = GTK_ACCESSIBLE (w);

  if (gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return "label";
  if (gtk_test_accessible_has_relation (a, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return "labelled-by";
  if (ADW_IS_PREFERENCES_ROW (w)
      && *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)) != '\0')
    return "row title";
  if ((GTK_IS_BUTTON (w) || GTK_IS_CHECK_BUTTON (w) || GTK_IS_MENU_BUTTON (w)
       || ADW_IS_SPLIT_BUTTON (w) || GTK_IS_COLOR_BUTTON (w))
      && has_visible_label (w))
    return "visible label";
  if (gtk_widget_get_tooltip_text (w) != NULL && *gtk_widget_get_tooltip_text (w) != '\0')
    return "tooltip";
  return NULL;
}

static char *
describe (GtkWidget *w,
          GtkWidget *top)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);

  for (GtkWidget *p = w; p != NULL && p != top; p = gtk_widget_get_parent (p))
    {
      const char *name = gtk_widget_get_name (p);

      if (g_strcmp0 (name, G_OBJECT_TYPE_NAME (p)) == 0)
        g_ptr_array_insert (parts, 0, g_strdup (name));
      else
        g_ptr_array_insert (parts, 0, g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (p), name));
    }
  /* The last few levels say where it is; the whole path is too long to read. */
  for (guint i = parts->len > 6 ? parts->len - 6 : 0; i < parts->len; i++)
    g_string_append_printf (s, "%s%s", s->len > 0 ? " > " : "",
                            (char *) g_ptr_array_index (parts, i));
  if (GTK_IS_BUTTON (w) && gtk_button_get_icon_name (GTK_BUTTON (w)) != NULL)
    g_string_append_printf (s, " [icon %s]", gtk_button_get_icon_name (GTK_BUTTON (w)));
  return g_string_free (s, FALSE);
}

typedef struct
{
  GtkWidget *top;
  GPtrArray *controls;  /* the controls found on the page, shown and sensitive */
  GString   *unnamed;
  guint      n_checked;
  guint      n_tooltip_only;
  guint      n_charts;
} Walk;

/* A chart is a picture to a screen reader: role img, its title as the name and what it
 * shows in words as the description (its numbers are in the table beside it). */
static gboolean
is_chart (GtkWidget *w)
{
  GType chart_type = g_type_from_name ("UpChartView");

  return chart_type != 0 && g_type_is_a (G_OBJECT_TYPE (w), chart_type);
}

static void
walk (GtkWidget *w,
      Walk      *walk_data)
{
  if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
    return;
  if (GTK_IS_POPOVER (w))
    return;  /* menus and pickers are checked where they open, not here */
  if (GTK_IS_WINDOW_CONTROLS (w))
    return;  /* minimise, maximise, close: GTK names them and keeps them out of Tab */

  if (is_chart (w))
    {
      GtkAccessible *a = GTK_ACCESSIBLE (w);

      walk_data->n_charts++;
      if (!gtk_test_accessible_has_role (a, GTK_ACCESSIBLE_ROLE_IMG)
          || !gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL)
          || !gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION))
        {
          g_autofree char *path = describe (w, walk_data->top);

          g_string_append_printf (walk_data->unnamed,
                                  "\n  %s (a chart needs role img, a name and a description)",
                                  path);
        }
    }

  if (is_control (w))
    {
      const char *source = accessible_name_source (w);

      walk_data->n_checked++;
      if (source == NULL)
        {
          g_autofree char *path = describe (w, walk_data->top);

          g_string_append_printf (walk_data->unnamed, "\n  %s", path);
        }
      else if (g_str_equal (source, "tooltip"))
        walk_data->n_tooltip_only++;
      if (gtk_widget_is_sensitive (w))
        g_ptr_array_add (walk_data->controls, w);
      if (is_composite (w))
        return;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    walk (c, walk_data);
}

static AdwViewStack *
find_stack (GtkWidget *w)
{
  if (ADW_IS_VIEW_STACK (w))
    return ADW_VIEW_STACK (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      AdwViewStack *found = find_stack (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
plan_loaded (UpWindow *window)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (up_plan_session_get_file (up_window_get_session (window)) == NULL)
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
    }
  return TRUE;
}

static UpWindow *
open_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "bradford-peer-recovery.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  UpWindow *window = up_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  up_window_open (window, file);
  g_assert_true (plan_loaded (window));
  spin (300);
  return window;
}

/* Whether the keyboard focus went to w, inside it, or (w a radio button of a group) to
 * the group: Tab stops once in a group of radio buttons, the arrows move within it. */
static gboolean
focus_in (GtkWidget  *w,
          GHashTable *focused)
{
  GHashTableIter iter;
  GtkWidget *list;
  gpointer key;

  if (g_hash_table_contains (focused, w))
    return TRUE;
  /* Tab enters a list box once; the arrows move between its rows. */
  list = gtk_widget_get_ancestor (w, GTK_TYPE_LIST_BOX);
  if (list != NULL)
    {
      g_hash_table_iter_init (&iter, focused);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (gtk_widget_get_ancestor (key, GTK_TYPE_LIST_BOX) == list)
          return TRUE;
    }
  if (GTK_IS_CHECK_BUTTON (w) && !gtk_check_button_get_active (GTK_CHECK_BUTTON (w))
      && gtk_test_accessible_has_role (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_ROLE_RADIO))
    {
      /* A radio button of the group was focused nearby (same list, a few levels up). */
      GtkWidget *near = w;

      for (int up = 0; up < 5 && gtk_widget_get_parent (near) != NULL; up++)
        near = gtk_widget_get_parent (near);
      g_hash_table_iter_init (&iter, focused);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (GTK_IS_CHECK_BUTTON (key) && gtk_widget_is_ancestor (key, near)
            && gtk_test_accessible_has_role (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_ROLE_RADIO))
          return TRUE;
    }
  g_hash_table_iter_init (&iter, focused);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (gtk_widget_is_ancestor (key, w))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GString *unnamed;
  GString *unreached;
  guint    n_views;
  guint    n_controls;
  guint    n_tooltip_only;
  guint    n_charts;
} Report;

/* Checks what is on screen now: names of every control and chart, and Tab reach. */
static void
check_view (UpWindow   *window,
            const char *where,
            Report     *report)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GHashTable) focused = g_hash_table_new (NULL, NULL);
  Walk data = { GTK_WIDGET (window), controls, g_string_new (NULL), 0, 0, 0 };
  GtkWidget *first = NULL;

  walk (GTK_WIDGET (window), &data);
  if (data.unnamed->len > 0)
    g_string_append_printf (report->unnamed, "\n page %s:%s", where, data.unnamed->str);
  g_string_free (data.unnamed, TRUE);
  report->n_views++;
  report->n_controls += data.n_checked;
  report->n_tooltip_only += data.n_tooltip_only;
  report->n_charts += data.n_charts;
  g_test_message ("%s: %u controls, %u named only by a tooltip, %u charts", where,
                  data.n_checked, data.n_tooltip_only, data.n_charts);

  /* Tab round the window from the start. */
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  for (guint i = 0; i < 5000; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL || focus == first || g_hash_table_contains (focused, focus))
        break;
      if (first == NULL)
        first = focus;
      g_hash_table_add (focused, focus);
      /* --verbose prints the order, to check by eye that it is sensible. */
      if (g_test_verbose ())
        {
          g_autofree char *path = describe (focus, GTK_WIDGET (window));
          graphene_point_t at = GRAPHENE_POINT_INIT (0, 0);

          if (!gtk_widget_compute_point (focus, GTK_WIDGET (window), &at, &at))
            at = GRAPHENE_POINT_INIT (-1, -1);
          g_test_message ("  Tab %u at (%.0f, %.0f): %s", i + 1, at.x, at.y, path);
        }
    }
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (controls, i);
      g_autofree char *path = NULL;

      if (!gtk_widget_get_mapped (w) || focus_in (w, focused))
        continue;
      path = describe (w, GTK_WIDGET (window));
      g_string_append_printf (report->unreached, "\n  page %s: %s", where, path);
    }
}

/* Stacks inside a page that the user switches with a stack switcher or view switcher
 * (the Results page's sections). Stacks that widgets use internally for their states are
 * left as they are. */
static void
find_inner_stacks (GtkWidget *w,
                   GPtrArray *stacks)
{
  GtkWidget *stack = NULL;

  if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
    return;
  if (GTK_IS_STACK_SWITCHER (w))
    stack = GTK_WIDGET (gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (w)));
  else if (ADW_IS_VIEW_SWITCHER (w))
    stack = GTK_WIDGET (adw_view_switcher_get_stack (ADW_VIEW_SWITCHER (w)));
  else if (ADW_IS_VIEW_SWITCHER_BAR (w))
    stack = GTK_WIDGET (adw_view_switcher_bar_get_stack (ADW_VIEW_SWITCHER_BAR (w)));
  if (stack != NULL && !g_ptr_array_find (stacks, stack, NULL))
    g_ptr_array_add (stacks, stack);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    find_inner_stacks (c, stacks);
}

static void
show_stack_child (GtkWidget *stack,
                  GtkWidget *child)
{
  if (GTK_IS_STACK (stack))
    {
      gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_set_visible_child (GTK_STACK (stack), child);
    }
  else
    adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), child);
}

static void
test_every_control_named_and_reachable (void)
{
  UpWindow *window = open_example ();
  AdwViewStack *stack = find_stack (GTK_WIDGET (window));
  Report report = { g_string_new (NULL), g_string_new (NULL), 0, 0, 0, 0 };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkSelectionModel) pages = NULL;

  g_assert_nonnull (stack);
  pages = adw_view_stack_get_pages (stack);
  for (guint p = 0; p < g_list_model_get_n_items (G_LIST_MODEL (pages)); p++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), p);

      if (adw_view_stack_page_get_visible (page))
        g_ptr_array_add (names, g_strdup (adw_view_stack_page_get_name (page)));
    }
  g_assert_cmpuint (names->len, >=, 5);

  for (guint p = 0; p < names->len; p++)
    {
      const char *name = g_ptr_array_index (names, p);
      GtkWidget *page_child;
      g_autoptr(GPtrArray) inner = g_ptr_array_new ();

      adw_view_stack_set_visible_child_name (stack, name);
      spin (200);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, name);
      check_view (window, name, &report);

      /* Each page of a switched stack inside the page, one level down. */
      page_child = adw_view_stack_get_child_by_name (stack, name);
      find_inner_stacks (page_child, inner);
      for (guint s = 0; s < inner->len; s++)
        {
          GtkWidget *inner_stack = g_ptr_array_index (inner, s);
          GtkWidget *shown = GTK_IS_STACK (inner_stack)
                             ? gtk_stack_get_visible_child (GTK_STACK (inner_stack))
                             : adw_view_stack_get_visible_child (ADW_VIEW_STACK (inner_stack));
          g_autoptr(GPtrArray) children = g_ptr_array_new ();
          guint n = 0;

          for (GtkWidget *c = gtk_widget_get_first_child (inner_stack); c != NULL;
               c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (children, c);
          for (guint i = 0; i < children->len; i++)
            {
              GtkWidget *child = g_ptr_array_index (children, i);
              g_autofree char *where = NULL;

              if (child == shown || !gtk_widget_get_visible (child))
                continue;
              show_stack_child (inner_stack, child);
              spin (150);
              where = g_strdup_printf ("%s (inner %s, page %u)", name,
                                       G_OBJECT_TYPE_NAME (inner_stack), ++n);
              check_view (window, where, &report);
            }
          if (shown != NULL)
            show_stack_child (inner_stack, shown);
        }
    }

  g_test_message ("%u controls checked in %u views; %u named only by a tooltip; %u charts",
                  report.n_controls, report.n_views, report.n_tooltip_only, report.n_charts);
  if (report.unnamed->len > 0)
    g_test_fail_printf ("controls without an accessible name:%s", report.unnamed->str);
  if (report.unreached->len > 0)
    g_test_fail_printf ("controls Tab does not reach:%s", report.unreached->str);
  g_string_free (report.unnamed, TRUE);
  g_string_free (report.unreached, TRUE);

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
  g_test_add_func ("/up/a11y/every-control-named-and-reachable",
                   test_every_control_named_and_reachable);
  return g_test_run ();
}
