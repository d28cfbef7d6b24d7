/* test-pathways-view.c: the People and pathways view, driven through its widgets
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include <adwaita.h>

#include "upstream-core.h"

#include "up-pathways-view.h"
#include "up-plan-session.h"

typedef struct
{
  UpPlanSession  *session;
  UpPlan         *plan;
  GtkWidget      *window;
  UpPathwaysView *view;
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
get_named (Fixture    *f,
           const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (f->view), name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

/* The text of a total: a box holding a warning icon and a label. */
static const char *
total_text (GtkWidget *box)
{
  GtkWidget *icon = gtk_widget_get_first_child (box);

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (icon)));
}

static gboolean
total_is_flagged (GtkWidget *box)
{
  GtkWidget *icon = gtk_widget_get_first_child (box);

  return gtk_widget_has_css_class (box, "invalid") && gtk_widget_get_visible (icon);
}

/* As pressing Enter: GtkEntry forwards its text's activation. */
static void
press_enter (GtkWidget *entry)
{
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
}

static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
  g_assert_false (up_plan_session_get_stale (f->session));

  f->view = g_object_new (UP_TYPE_PATHWAYS_VIEW, NULL);
  up_pathways_view_set_session (f->view, f->session);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 700);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));
  iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_clear_object (&f->plan);
  g_assert_finalize_object (f->session);
}

static double
transition_value (UpPlan     *plan,
                  const char *from,
                  const char *to)
{
  UpTransition *tr = up_plan_find_transition (plan, from, to);

  return tr ? up_schedule_get (up_transition_get_value (tr), 1) : -1;
}

static void
test_row_total_as_you_type (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *cell = get_named (f, "cell:care:stable");
  GtkWidget *total = get_named (f, "total:care");
  GtkWidget *stay = get_named (f, "stay:care");
  GListModel *transitions = G_LIST_MODEL (up_plan_get_transitions (f->plan));
  guint n_transitions = g_list_model_get_n_items (transitions);

  /* care → high 0.1, → inpatient 0.05, → exit 0.06 */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "");
  g_assert_cmpstr (total_text (total), ==, "21%");
  g_assert_false (total_is_flagged (total));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (stay)), ==, "0.79");

  /* Typed, not yet committed: the row total already says it is over. */
  gtk_editable_set_text (GTK_EDITABLE (cell), "0.95");
  g_assert_cmpstr (total_text (total), ==, "Row adds up to 116% — more than 100%");
  g_assert_true (total_is_flagged (total));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (stay)), ==, "-0.16");
  g_assert_cmpfloat (transition_value (f->plan, "care", "stable"), ==, -1);
  g_assert_false (up_plan_session_can_undo (f->session));

  /* Committed with Enter: the plan has the transition and is now invalid. */
  press_enter (cell);
  g_assert_cmpfloat (transition_value (f->plan, "care", "stable"), ==, 0.95);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_transitions (f->plan))),
                    ==, n_transitions + 1);
  up_plan_session_flush (f->session);
  g_assert_true (up_plan_session_get_stale (f->session));
  g_assert_cmpuint (up_problems_count (up_plan_session_get_problems (f->session),
                                       UP_SEVERITY_ERROR), >=, 1);
  {
    GPtrArray *problems = up_plan_session_get_problems (f->session);
    gboolean found = FALSE;

    for (guint i = 0; i < problems->len; i++)
      {
        const UpProblem *p = problems->pdata[i];

        if (strstr (p->message, "“care”") != NULL && strstr (p->message, "more than 1"))
          found = TRUE;
      }
    g_assert_true (found);
  }
  g_assert_cmpstr (total_text (total), ==, "Row adds up to 116% — more than 100%");
  g_assert_true (total_is_flagged (total));
  g_assert_false (gtk_widget_has_css_class (cell, "invalid"));

  /* Text that is not a chance is refused where it was typed. */
  gtk_editable_set_text (GTK_EDITABLE (cell), "abc");
  press_enter (cell);
  up_plan_session_flush (f->session);
  g_assert_cmpfloat (transition_value (f->plan, "care", "stable"), ==, 0.95);
  g_assert_true (gtk_widget_has_css_class (cell, "invalid"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cell), "abc"));
  g_assert_nonnull (gtk_entry_get_icon_name (GTK_ENTRY (cell), GTK_ENTRY_ICON_SECONDARY));
  /* … and said in words under the matrix. */
  g_assert_true (gtk_widget_get_visible (get_named (f, "matrix-message")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (get_named (f, "matrix-message"))),
                            "Long-term residential care → Stable or recovering: “abc”"));

  gtk_editable_set_text (GTK_EDITABLE (cell), "1.5");
  press_enter (cell);
  g_assert_cmpfloat (transition_value (f->plan, "care", "stable"), ==, 0.95);
  g_assert_true (gtk_widget_has_css_class (cell, "invalid"));

  /* Undo takes the transition away again; the cell follows the plan. */
  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  cell = get_named (f, "cell:care:stable");
  total = get_named (f, "total:care");
  g_assert_cmpfloat (transition_value (f->plan, "care", "stable"), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_transitions (f->plan))),
                    ==, n_transitions);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "");
  g_assert_false (gtk_widget_has_css_class (cell, "invalid"));
  g_assert_false (gtk_widget_get_visible (get_named (f, "matrix-message")));
  g_assert_cmpstr (total_text (total), ==, "21%");
  g_assert_false (total_is_flagged (total));
  g_assert_false (up_plan_session_get_stale (f->session));
}

static void
test_edit_and_clear_cell (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *cell = get_named (f, "cell:stable:exit");
  GtkWidget *emerging = get_named (f, "cell:stable:emerging");

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "0.07");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (emerging)), ==, "0.1 0.11 0.12");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (get_named (f, "stay:stable"))), ==, "varies");
  /* The row's schedule goes over in year 3 only. */
  gtk_editable_set_text (GTK_EDITABLE (cell), "0.885");
  g_assert_cmpstr (total_text (get_named (f, "total:stable")), ==,
                   "Row adds up to 100.5% in year 3 — more than 100%");

  gtk_editable_set_text (GTK_EDITABLE (cell), "0.05");
  press_enter (cell);
  g_assert_cmpfloat (transition_value (f->plan, "stable", "exit"), ==, 0.05);
  up_plan_session_flush (f->session);
  g_assert_false (up_plan_session_get_stale (f->session));

  /* Clearing a cell removes the move. */
  gtk_editable_set_text (GTK_EDITABLE (cell), "");
  press_enter (cell);
  g_assert_cmpfloat (transition_value (f->plan, "stable", "exit"), ==, -1);

  up_plan_session_undo (f->session);
  g_assert_cmpfloat (transition_value (f->plan, "stable", "exit"), ==, 0.05);
  up_plan_session_undo (f->session);
  g_assert_cmpfloat (transition_value (f->plan, "stable", "exit"), ==, 0.07);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_named (f, "cell:stable:exit"))), ==,
                   "0.07");
}

static void
test_inflow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *entry = get_named (f, "inflow");
  g_autofree char *text = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "300");

  gtk_editable_set_text (GTK_EDITABLE (entry), "lots");
  g_assert_true (gtk_widget_has_css_class (entry, "invalid"));
  text = up_schedule_to_string (up_plan_get_inflow (f->plan));
  g_assert_cmpstr (text, ==, "300");

  /* "1,000" would read as two values: refused rather than guessed at. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "1,000");
  g_assert_true (gtk_widget_has_css_class (entry, "invalid"));
  g_free (text);
  text = up_schedule_to_string (up_plan_get_inflow (f->plan));
  g_assert_cmpstr (text, ==, "300");

  gtk_editable_set_text (GTK_EDITABLE (entry), "1000 1200");
  g_assert_false (gtk_widget_has_css_class (entry, "invalid"));
  g_free (text);
  text = up_schedule_to_string (up_plan_get_inflow (f->plan));
  g_assert_cmpstr (text, ==, "1000 1200");

  up_plan_session_undo (f->session);
  g_free (text);
  text = up_schedule_to_string (up_plan_get_inflow (f->plan));
  g_assert_cmpstr (text, ==, "300");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "300");
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  GListModel *states = G_LIST_MODEL (up_plan_get_states (f->plan));
  GtkWidget *name, *initial_total;
  g_autoptr(UpState) first = NULL;
  GList *toplevels;
  AdwMessageDialog *dialog = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (states), ==, 7);
  g_assert_cmpstr (total_text (get_named (f, "initial-total")), ==, "100%");

  /* Add a state: a new row and a new row and column in the matrix. */
  click (get_named (f, "add-state"));
  g_assert_cmpuint (g_list_model_get_n_items (states), ==, 8);
  g_assert_nonnull (up_plan_find_state (f->plan, "state-8"));
  g_assert_nonnull (find_named (GTK_WIDGET (f->view), "cell:state-8:stable"));
  g_assert_nonnull (find_named (GTK_WIDGET (f->view), "cell:crisis:state-8"));

  /* Rename it through its entry. */
  name = get_named (f, "state-name:state-8");
  gtk_editable_set_text (GTK_EDITABLE (name), "Housed");
  g_assert_cmpstr (up_item_get_name (UP_ITEM (up_plan_find_state (f->plan, "state-8"))), ==,
                   "Housed");

  /* Nothing refers to it, so it goes at once. */
  click (get_named (f, "remove:state-8"));
  g_assert_cmpuint (g_list_model_get_n_items (states), ==, 7);
  g_assert_null (find_named (GTK_WIDGET (f->view), "cell:state-8:stable"));
  up_plan_session_undo (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (states), ==, 8);
  up_plan_session_undo (f->session);
  up_plan_session_undo (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (states), ==, 7);

  /* Move the first state down: the matrix follows. */
  first = g_list_model_get_item (states, 0);
  g_assert_cmpstr (up_item_get_id (UP_ITEM (first)), ==, "stable");
  {
    GtkWidget *buttons = gtk_widget_get_parent (get_named (f, "remove:stable"));
    GtkWidget *down = gtk_widget_get_next_sibling (gtk_widget_get_first_child (buttons));

    click (down);
  }
  {
    g_autoptr(UpState) now_first = g_list_model_get_item (states, 0);

    g_assert_cmpstr (up_item_get_id (UP_ITEM (now_first)), ==, "emerging");
  }
  up_plan_session_undo (f->session);

  /* Exit is referred to by transitions: the view asks before removing. */
  click (get_named (f, "remove:exit"));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (states), ==, 7);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (up_plan_find_state (f->plan, "exit"));
  g_assert_null (up_plan_find_transition (f->plan, "stable", "exit"));
  up_plan_session_flush (f->session);

  /* One undo step brings back the state and every transition into it. */
  up_plan_session_undo (f->session);
  g_assert_nonnull (up_plan_find_state (f->plan, "exit"));
  g_assert_cmpfloat (transition_value (f->plan, "stable", "exit"), ==, 0.07);
  up_plan_session_flush (f->session);
  g_assert_false (up_plan_session_get_stale (f->session));

  /* Shares that do not add up are marked in the total. */
  {
    UpState *stable = up_plan_find_state (f->plan, "stable");

    up_plan_session_begin_edit (f->session, NULL);
    up_item_set_number (UP_ITEM (stable), up_item_find_number (UP_ITEM (stable), "initial"),
                        0.3);
  }
  initial_total = get_named (f, "initial-total");
  g_assert_cmpstr (total_text (initial_total), ==, "95% — must be 100%");
  g_assert_true (total_is_flagged (initial_total));
}

static void
test_plan_replaced (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(UpPlan) plan = up_plan_new ();
  g_autoptr(UpState) well = up_state_new ("well", "Well");
  g_autoptr(UpState) ill = up_state_new ("ill", "Ill");
  g_autoptr(UpSchedule) p = up_schedule_new_constant (0.2);
  g_autoptr(UpTransition) tr = up_transition_new ("well", "ill", p);

  g_list_store_append (up_plan_get_states (plan), well);
  g_list_store_append (up_plan_get_states (plan), ill);
  g_list_store_append (up_plan_get_transitions (plan), tr);
  up_plan_session_set_plan (f->session, plan, NULL);

  /* The view shows the new plan only. */
  g_assert_null (find_named (GTK_WIDGET (f->view), "cell:care:stable"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_named (f, "cell:well:ill"))), ==,
                   "0.2");
  g_assert_cmpstr (total_text (get_named (f, "total:well")), ==, "20%");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_named (f, "inflow"))), ==, "0");

  gtk_editable_set_text (GTK_EDITABLE (get_named (f, "cell:ill:well")), "0.5");
  press_enter (get_named (f, "cell:ill:well"));
  g_assert_nonnull (up_plan_find_transition (plan, "ill", "well"));
  g_assert_null (up_plan_find_transition (f->plan, "ill", "well"));
}

int
main (int   argc,
      char *argv[])
{
  /* gtk_test_init() aborts without a display; this skips instead. */
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

  g_test_add ("/pathways-view/row-total-as-you-type", Fixture, NULL, fixture_set_up,
              test_row_total_as_you_type, fixture_tear_down);
  g_test_add ("/pathways-view/edit-and-clear-cell", Fixture, NULL, fixture_set_up,
              test_edit_and_clear_cell, fixture_tear_down);
  g_test_add ("/pathways-view/inflow", Fixture, NULL, fixture_set_up, test_inflow,
              fixture_tear_down);
  g_test_add ("/pathways-view/states", Fixture, NULL, fixture_set_up, test_states,
              fixture_tear_down);
  g_test_add ("/pathways-view/plan-replaced", Fixture, NULL, fixture_set_up, test_plan_replaced,
              fixture_tear_down);
  return g_test_run ();
}
