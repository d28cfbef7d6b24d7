/* test-costs-view.c: the Costs view, driven through its widgets
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>

#include <adwaita.h>

#include "upstream-core.h"

#include "up-costs-view.h"
#include "up-cost-summary.h"
#include "up-number-field.h"
#include "up-plan-session.h"

typedef struct
{
  UpPlanSession *session;
  UpPlan        *plan;
  GtkWidget     *window;
  UpCostsView   *view;
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

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The library makes its rows when it is laid out, so wait for them a little. */
static GtkWidget *
wait_named (GtkWidget  *root,
            const char *name)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *widget;

  while ((widget = find_named (root, name)) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
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

static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  return dialog;
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

  f->view = g_object_new (UP_TYPE_COSTS_VIEW, NULL);
  up_costs_view_set_session (f->view, f->session);
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
  AdwMessageDialog *dialog;

  while ((dialog = find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_clear_object (&f->plan);
  g_assert_finalize_object (f->session);
}

static double
number (gpointer    item,
        const char *key)
{
  return up_item_get_number (UP_ITEM (item), up_item_find_number (UP_ITEM (item), key));
}

static double
bau_service (UpPlanSession *session)
{
  const UpResults *results = up_plan_session_get_results (session);
  UpModel *model = up_plan_session_get_model (session);

  return results->metrics[up_model_get_bau_index (model)].service;
}

static void
test_unit_cost (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *field = wait_named (GTK_WIDGET (f->view), "cost:ae");
  UpCostItem *ae = up_plan_find_cost_item (f->plan, "ae");
  UpModel *model = up_plan_session_get_model (f->session);
  const UpResults *results = up_plan_session_get_results (f->session);
  int bau = up_model_get_bau_index (model), K = up_model_get_n_cycles (model);
  int S = up_model_get_n_states (model);
  double before = bau_service (f->session), after, occupancy = 0, index_2011, index_2023;
  g_autoptr(UpModel) independent = NULL;
  g_autoptr(UpResults) independent_results = NULL;

  g_assert_true (UP_IS_NUMBER_FIELD (field));
  g_assert_cmpfloat (up_number_field_get_value (UP_NUMBER_FIELD (field)), ==, 109);

  /* A&E attendances a person makes in a year, by state, weighted by the discounted
   * occupancy counted at the beginning of each cycle (rows 0 … K-1). */
  for (int k = 1; k <= K; k++)
    for (int s = 0; s < S; s++)
      {
        UpState *state = up_plan_find_state (f->plan, up_model_get_state_id (model, s));
        GListModel *use = G_LIST_MODEL (up_state_get_use (state));

        for (guint i = 0; i < g_list_model_get_n_items (use); i++)
          {
            g_autoptr(UpCostLine) line = g_list_model_get_item (use, i);

            if (g_strcmp0 (up_cost_line_get_item (line), "ae") == 0)
              occupancy += up_model_get_df_cost (model, k) *
                           up_results_trace (results, bau, k - 1, s) * number (line, "quantity");
          }
      }
  g_assert_true (up_plan_lookup_price_index (f->plan, 2011, &index_2011));
  g_assert_true (up_plan_lookup_price_index (f->plan, 2023, &index_2023));

  gtk_spin_button_set_value (up_number_field_get_spin_button (UP_NUMBER_FIELD (field)), 150);
  g_assert_cmpfloat (number (ae, "cost"), ==, 150);
  up_plan_session_flush (f->session);
  after = bau_service (f->session);

  /* By hand: the unit cost, uplifted from 2011 to 2023 prices, times the attendances. */
  g_assert_cmpfloat_with_epsilon (after - before,
                                  (150 - 109) * index_2023 / index_2011 * occupancy,
                                  1e-6 * fabs (after));
  /* And as the engine computes it on its own. */
  independent = up_model_compile (f->plan, NULL, NULL, NULL);
  g_assert_nonnull (independent);
  independent_results = up_model_project (independent);
  g_assert_cmpfloat (independent_results->metrics[bau].service, ==, after);

  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  g_assert_cmpfloat (number (up_plan_find_cost_item (f->plan, "ae"), "cost"), ==, 109);
  g_assert_cmpfloat (bau_service (f->session), ==, before);
}

static void
test_item_fields (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *name = wait_named (GTK_WIDGET (f->view), "name:gp");
  GtkWidget *holder = wait_named (GTK_WIDGET (f->view), "holder:gp");
  GtkWidget *remove;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_cost_items (f->plan)));

  gtk_editable_set_text (GTK_EDITABLE (name), "GP appointment");
  g_assert_cmpstr (up_item_get_name (UP_ITEM (up_plan_find_cost_item (f->plan, "gp"))), ==,
                   "GP appointment");

  /* Holder 2 is West Yorkshire Police. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (holder), 2);
  g_assert_cmpstr (up_cost_item_get_holder (up_plan_find_cost_item (f->plan, "gp")), ==, "police");
  iterate ();
  up_plan_session_undo (f->session);
  g_assert_cmpstr (up_cost_item_get_holder (up_plan_find_cost_item (f->plan, "gp")), ==, "nhs");
  /* Undo put a copy of the item in its place; the row follows it. */
  g_assert_true (g_object_get_data (G_OBJECT (holder), "item") ==
                 up_plan_find_cost_item (f->plan, "gp"));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (holder)), ==, 0);

  /* The category, from the menu beside its entry. */
  {
    GtkWidget *category = wait_named (GTK_WIDGET (f->view), "category:gp");

    gtk_widget_activate_action (gtk_widget_get_next_sibling (category), "cell.category", "s",
                                "crisis");
    g_assert_cmpstr (up_cost_item_get_category (up_plan_find_cost_item (f->plan, "gp")), ==,
                     "crisis");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (category)), ==, "crisis");
    up_plan_session_undo (f->session);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (category)), ==, "routine");
  }

  /* GP consultations are used by states: removal is refused and says by which. */
  remove = wait_named (GTK_WIDGET (f->view), "remove:gp");
  click (remove);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_cost_items (f->plan))),
                    ==, n);
  g_assert_nonnull (find_message_dialog ());
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_message_dialog ()),
                            "Stable or recovering"));
  gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));

  /* A new item is used by nothing and goes at once. */
  click (get_named (f, "add-item"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_cost_items (f->plan))),
                    ==, n + 1);
  g_assert_nonnull (up_plan_find_cost_item (f->plan, "item-14"));
  g_assert_cmpstr (up_cost_item_get_holder (up_plan_find_cost_item (f->plan, "item-14")), ==,
                   "nhs");
  remove = wait_named (GTK_WIDGET (f->view), "remove:item-14");
  click (remove);
  g_assert_null (up_plan_find_cost_item (f->plan, "item-14"));
  up_plan_session_flush (f->session);
  g_assert_false (up_plan_session_get_stale (f->session));
}

static void
test_holders (Fixture       *f,
              gconstpointer  data)
{
  GListModel *holders = G_LIST_MODEL (up_plan_get_holders (f->plan));
  GtkWidget *pooled = get_named (f, "pooled");
  UpBudgetHolder *added;

  g_assert_cmpuint (g_list_model_get_n_items (holders), ==, 5);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pooled)), ==,
                   "Pooled budget: NHS West Yorkshire ICB (Bradford District and Craven), "
                   "Bradford Council adult social care");

  click (get_named (f, "add-holder"));
  g_assert_cmpuint (g_list_model_get_n_items (holders), ==, 6);
  added = up_plan_find_holder (f->plan, "holder-6");
  g_assert_nonnull (added);
  g_assert_true (up_budget_holder_get_public (added));
  g_assert_false (up_budget_holder_get_pooled (added));

  gtk_editable_set_text (GTK_EDITABLE (get_named (f, "holder-name:holder-6")), "Probation");
  g_assert_cmpstr (up_item_get_name (UP_ITEM (added)), ==, "Probation");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (get_named (f, "pooled:holder-6")), TRUE);
  g_assert_true (up_budget_holder_get_pooled (added));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pooled)), ==,
                   "Pooled budget: NHS West Yorkshire ICB (Bradford District and Craven), "
                   "Bradford Council adult social care, Probation");
  up_plan_session_flush (f->session);
  g_assert_false (up_plan_session_get_stale (f->session));

  /* Nothing uses the new holder: it goes at once, and undo brings it back. */
  click (get_named (f, "remove-holder:holder-6"));
  g_assert_cmpuint (g_list_model_get_n_items (holders), ==, 5);
  g_assert_null (find_named (GTK_WIDGET (f->view), "holder-name:holder-6"));
  up_plan_session_undo (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (holders), ==, 6);
  g_assert_nonnull (find_named (GTK_WIDGET (f->view), "holder-name:holder-6"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_named (f, "holder-name:holder-6"))),
                   ==, "Probation");

  /* The police pay for arrests and fund nothing: removal is refused, naming the item. */
  click (get_named (f, "remove-holder:police"));
  g_assert_nonnull (up_plan_find_holder (f->plan, "police"));
  g_assert_nonnull (find_message_dialog ());
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_message_dialog ()),
                            "Arrest (detained)"));
  gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));

  /* The NHS also funds options. */
  click (get_named (f, "remove-holder:nhs"));
  g_assert_nonnull (up_plan_find_holder (f->plan, "nhs"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_message_dialog ()),
                            "Business as usual"));
}

static const char good_csv[] =
  "\xEF\xBB\xBF" "Name,Unit cost (£),Unit,Price year,Budget holder,Category,Cashable,Source\r\n"
  "Police custody,\"£1,200\",detention,2019/20,West Yorkshire Police,criminal justice,10%,"
  "Illustrative\r\n"
  "Street triage,350,contact,2023,nhs,crisis,0.2,\"Local data, 2023\"\r\n"
  "Housing officer visit,45.50,visit,2023,Bradford Council housing,housing,,\r\n";

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *items = G_LIST_MODEL (up_plan_get_cost_items (f->plan));
  GtkWindow *dialog;
  UpCostItem *item;

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 13);
  dialog = up_costs_view_import_csv_data (f->view, good_csv, -1, "extra-costs.csv");
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (find_named (GTK_WIDGET (dialog), "import"));
  iterate ();
  g_assert_null (dialog);

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 16);
  item = up_plan_find_cost_item (f->plan, "police-custody");
  g_assert_nonnull (item);
  g_assert_cmpfloat (number (item, "cost"), ==, 1200);
  g_assert_cmpfloat (number (item, "price-year"), ==, 2019);
  g_assert_cmpfloat_with_epsilon (number (item, "cashable"), 0.1, 1e-12);
  g_assert_cmpstr (up_cost_item_get_holder (item), ==, "police");
  g_assert_cmpstr (up_cost_item_get_category (item), ==, "criminal-justice");
  item = up_plan_find_cost_item (f->plan, "street-triage");
  g_assert_nonnull (item);
  g_assert_cmpstr (up_cost_item_get_source (item), ==, "Local data, 2023");
  item = up_plan_find_cost_item (f->plan, "housing-officer-visit");
  g_assert_nonnull (item);
  g_assert_cmpfloat (number (item, "cost"), ==, 45.5);
  g_assert_cmpstr (up_cost_item_get_holder (item), ==, "housing");
  up_plan_session_flush (f->session);
  g_assert_false (up_plan_session_get_stale (f->session));

  /* One undo step takes all three away. */
  up_plan_session_undo (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 13);
  g_assert_null (up_plan_find_cost_item (f->plan, "police-custody"));
  g_assert_false (up_plan_session_can_undo (f->session));
}

static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *items = G_LIST_MODEL (up_plan_get_cost_items (f->plan));
  const char *csv = "Name,Cost,Holder\n"
                    "Good one,10,nhs\n"
                    "Bad one,ten,nhs\n"
                    "Another good one,\"1,000\",police\n";
  GtkWindow *dialog = up_costs_view_import_csv_data (f->view, csv, -1, "bad.csv");
  GtkWidget *errors;

  g_assert_nonnull (dialog);
  click (find_named (GTK_WIDGET (dialog), "import"));
  iterate ();

  /* Nothing at all was imported, and the dialog says which row is wrong and why. */
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 13);
  g_assert_false (up_plan_session_can_undo (f->session));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  errors = find_named (GTK_WIDGET (dialog), "errors");
  g_assert_nonnull (errors);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (errors)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (errors)), "Row 3:"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (errors)), "“ten”"));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (errors)), "Row 2"));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (errors)), "Row 4"));
  gtk_window_destroy (dialog);

  /* Text that is not CSV at all is refused before any dialog. */
  g_assert_null (up_costs_view_import_csv_data (f->view, "a,\"b\nc", -1, "broken.csv"));
  g_assert_nonnull (find_message_dialog ());
}

static void
test_state_lines (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *dropdown = get_named (f, "state");
  GtkWidget *summary = get_named (f, "state-summary");
  UpState *crisis = up_plan_find_state (f->plan, "crisis");
  GListModel *use = G_LIST_MODEL (up_state_get_use (crisis));
  g_autofree char *money = NULL;
  GtkWidget *quantity;
  double total;

  /* Crisis is the fourth state. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 3);
  total = up_cost_lines_total (f->plan, use, NULL);
  money = up_format_money (total, "GBP");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (summary)), money));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (summary)), "“Crisis”"));
  g_assert_nonnull (get_named (f, "use-item:6"));
  g_assert_null (find_named (GTK_WIDGET (f->view), "use-item:7"));

  click (get_named (f, "add-use"));
  g_assert_cmpuint (g_list_model_get_n_items (use), ==, 8);
  quantity = get_named (f, "use-quantity:7");
  gtk_spin_button_set_value (up_number_field_get_spin_button (UP_NUMBER_FIELD (quantity)), 2);
  {
    g_autoptr(UpCostLine) line = g_list_model_get_item (use, 7);
    UpCostItem *item = up_plan_find_cost_item (f->plan, up_cost_line_get_item (line));
    g_autofree char *now = NULL;

    g_assert_cmpfloat (number (line, "quantity"), ==, 2);
    /* The first item the crisis lines did not count yet. */
    g_assert_cmpstr (up_cost_line_get_item (line), ==, "ae-admit");
    total += 2 * up_cost_item_cost_at_base (f->plan, item, NULL);
    now = up_format_money (total, "GBP");
    g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (summary)), now));
  }

  /* The line's budget holder: 0 is the item's default, 3 the police. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (
                                gtk_widget_get_next_sibling (
                                  gtk_widget_get_next_sibling (
                                    get_named (f, "use-item:7")))), 3);
  {
    g_autoptr(UpCostLine) line = g_list_model_get_item (use, 7);

    g_assert_cmpstr (up_cost_line_get_holder (line), ==, "police");
  }

  click (get_named (f, "use-remove:7"));
  g_assert_cmpuint (g_list_model_get_n_items (use), ==, 7);
  up_plan_session_undo (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (up_state_get_use (
                                                up_plan_find_state (f->plan, "crisis")))),
                    ==, 8);
  g_assert_nonnull (get_named (f, "use-item:7"));
}

static void
test_plan_replaced (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(UpPlan) plan = up_plan_new ();
  g_autoptr(UpBudgetHolder) council = up_budget_holder_new ("council", "The council");
  g_autoptr(UpCostItem) visit = up_cost_item_new ("visit", "Home visit");

  wait_named (GTK_WIDGET (f->view), "cost:ae");
  up_cost_item_set_holder (visit, "council");
  g_list_store_append (up_plan_get_holders (plan), council);
  g_list_store_append (up_plan_get_cost_items (plan), visit);
  up_plan_session_set_plan (f->session, plan, NULL);

  g_assert_nonnull (wait_named (GTK_WIDGET (f->view), "cost:visit"));
  g_assert_null (find_named (GTK_WIDGET (f->view), "cost:ae"));
  g_assert_nonnull (get_named (f, "holder-name:council"));
  g_assert_null (find_named (GTK_WIDGET (f->view), "holder-name:nhs"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (get_named (f, "state-summary"))), ==,
                   "The plan has no states yet: add them on the People and Pathways page.");
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

  g_test_add ("/costs-view/unit-cost", Fixture, NULL, fixture_set_up, test_unit_cost,
              fixture_tear_down);
  g_test_add ("/costs-view/item-fields", Fixture, NULL, fixture_set_up, test_item_fields,
              fixture_tear_down);
  g_test_add ("/costs-view/holders", Fixture, NULL, fixture_set_up, test_holders,
              fixture_tear_down);
  g_test_add ("/costs-view/import-good", Fixture, NULL, fixture_set_up, test_import_good,
              fixture_tear_down);
  g_test_add ("/costs-view/import-bad", Fixture, NULL, fixture_set_up, test_import_bad,
              fixture_tear_down);
  g_test_add ("/costs-view/state-lines", Fixture, NULL, fixture_set_up, test_state_lines,
              fixture_tear_down);
  g_test_add ("/costs-view/plan-replaced", Fixture, NULL, fixture_set_up, test_plan_replaced,
              fixture_tear_down);
  return g_test_run ();
}
