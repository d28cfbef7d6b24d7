/* test-compare-view.c: the compare view, driven through its widgets
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "up-compare-view.h"
#include "up-number-field.h"
#include "upstream-core.h"

typedef struct
{
  UpPlanSession *session;
  UpPlan        *plan;
  GtkWidget     *window;
  GtkWidget     *view;
} Fixture;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_key (GtkWidget  *widget,
          const char *key)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "up-cell-key"), key) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_key (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
need_key (Fixture    *f,
          const char *key)
{
  GtkWidget *w = find_key (f->view, key);

  if (w == NULL)
    g_error ("no widget with key %s", key);
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
  g_autoptr(UpPlan) plan = up_plan_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  f->session = up_plan_session_new ();
  up_plan_session_set_plan (f->session, plan, NULL);
  f->plan = up_plan_session_get_plan (f->session);
  f->view = g_object_new (UP_TYPE_COMPARE_VIEW, "session", f->session, NULL);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  drain ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->session);
}

static int
option_index (UpModel    *model,
              const char *id)
{
  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (g_strcmp0 (up_model_get_option_id (model, o), id) == 0)
      return o;
  g_assert_not_reached ();
  return -1;
}

static double
param (Fixture    *f,
       const char *path)
{
  g_autoptr(GError) error = NULL;
  double value = 0;

  g_assert_true (up_plan_get_param (f->plan, path, &value, &error));
  g_assert_no_error (error);
  return value;
}

static double
session_npbi (Fixture    *f,
              const char *id)
{
  UpModel *model = up_plan_session_get_model (f->session);

  return up_plan_session_get_results (f->session)->metrics[option_index (model, id)].npbi;
}

static guint
n_options (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_options (f->plan)));
}

/* Take-up typed into the communitise column: the plan, the results and the headline
 * follow at once, and undo puts back exactly what was there. */
static void
test_take_up (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *field = need_key (f, "option/communitise/take-up");
  GtkSpinButton *spin;
  GtkWidget *headline;
  double old_take_up = param (f, "option/communitise/take-up");
  double old_npbi = session_npbi (f, "communitise");
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  int o;

  g_assert_true (UP_IS_NUMBER_FIELD (field));
  g_assert_cmpfloat (old_take_up, !=, 0.45);
  spin = up_number_field_get_spin_button (UP_NUMBER_FIELD (field));
  gtk_spin_button_set_value (spin, 45);   /* shown as a percentage */
  up_plan_session_flush (f->session);

  g_assert_cmpfloat (param (f, "option/communitise/take-up"), ==, 0.45);
  model = up_model_compile (f->plan, NULL, NULL, &error);
  g_assert_no_error (error);
  results = up_model_project (model);
  o = option_index (model, "communitise");
  g_assert_cmpfloat (session_npbi (f, "communitise"), ==, results->metrics[o].npbi);
  g_assert_cmpfloat (results->metrics[o].npbi, !=, old_npbi);

  headline = need_key (f, "option/communitise/headline");
  expected = up_headline (model, results, o);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (headline)), ==, expected);
  g_assert_false (gtk_widget_has_css_class (headline, "stale"));

  /* The field is marked as different from business as usual, which has no take-up. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (spin), "changed-from-bau"));

  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  drain ();
  g_assert_cmpfloat (param (f, "option/communitise/take-up"), ==, old_take_up);
  g_assert_cmpfloat (session_npbi (f, "communitise"), ==, old_npbi);

  /* Undo replaced the option objects: the rebuilt field shows the restored value. */
  field = need_key (f, "option/communitise/take-up");
  g_assert_cmpfloat (up_number_field_get_value (UP_NUMBER_FIELD (field)), ==, old_take_up);
}

/* Business as usual has no reach: its take-up is not a field at all. */
static void
test_bau_cells (Fixture       *f,
                gconstpointer  data)
{
  g_assert_null (find_key (f->view, "option/bau/take-up"));
  g_assert_null (find_key (f->view, "option/bau/eligible/high"));
  g_assert_true (UP_IS_NUMBER_FIELD (need_key (f, "option/bau/fixed-cost")));
  g_assert_nonnull (need_key (f, "option/make/take-up"));
}

/* A file may give business as usual a take-up, which the plan refuses: then the field is
 * there, marked, so that it can be put right where it is. */
static void
test_bau_take_up_from_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(UpPlan) plan = g_object_ref (f->plan);
  UpOption *bau = up_plan_get_bau (plan);
  GtkWidget *field;

  up_item_set_number (UP_ITEM (bau), up_item_find_number (UP_ITEM (bau), "take-up"), 0.2);
  up_plan_session_set_plan (f->session, plan, NULL);
  drain ();
  g_assert_true (up_plan_session_get_stale (f->session));
  field = need_key (f, "option/bau/take-up");
  g_assert_true (UP_IS_NUMBER_FIELD (field));
  g_assert_nonnull (up_number_field_get_problem (UP_NUMBER_FIELD (field)));

  gtk_spin_button_set_value (up_number_field_get_spin_button (UP_NUMBER_FIELD (field)), 0);
  up_plan_session_flush (f->session);
  drain ();
  g_assert_false (up_plan_session_get_stale (f->session));
  g_assert_null (up_number_field_get_problem (UP_NUMBER_FIELD (field)));
}

static void
test_add_remove_duplicate (Fixture       *f,
                           gconstpointer  data)
{
  guint n = n_options (f);
  UpOption *added, *copy, *make;
  GListStore *store = up_plan_get_options (f->plan);
  guint pos_make = 0, pos_copy = 0;

  /* Add, through the button at the end of the header row. */
  g_signal_emit_by_name (need_key (f, "add-option"), "clicked");
  drain ();
  g_assert_cmpuint (n_options (f), ==, n + 1);
  added = up_plan_find_option (f->plan, "option-1");
  g_assert_nonnull (added);
  g_assert_cmpstr (up_item_get_name (UP_ITEM (added)), ==, "New option");
  g_assert_cmpint (up_option_get_kind (added), ==, UP_OPTION_OTHER);
  g_assert_cmpfloat (up_option_get_funding (added, "nhs"), ==, 1.0);
  g_assert_nonnull (need_key (f, "option/option-1/name"));
  up_plan_session_flush (f->session);
  g_assert_false (up_plan_session_get_stale (f->session));

  /* Remove it again, with the column menu's action. */
  gtk_widget_activate_action (f->view, "compare.remove", "s", "option-1");
  drain ();
  g_assert_cmpuint (n_options (f), ==, n);
  g_assert_null (up_plan_find_option (f->plan, "option-1"));
  g_assert_null (find_key (f->view, "option/option-1/name"));

  /* Business as usual is refused: a plan always keeps its baseline. */
  gtk_widget_activate_action (f->view, "compare.remove", "s", "bau");
  drain ();
  g_assert_cmpuint (n_options (f), ==, n);
  g_assert_nonnull (up_plan_get_bau (f->plan));

  /* Duplicate: a new unique id, the name marked as a copy, placed after the original. */
  gtk_widget_activate_action (f->view, "compare.duplicate", "s", "make");
  drain ();
  make = up_plan_find_option (f->plan, "make");
  copy = up_plan_find_option (f->plan, "make-2");
  g_assert_nonnull (copy);
  g_assert_cmpstr (up_item_get_name (UP_ITEM (copy)), ==,
                   "Recovery team (council and NHS) (copy)");
  g_assert_cmpint (up_option_get_kind (copy), ==, UP_OPTION_MAKE);
  g_assert_cmpfloat (param (f, "option/make-2/take-up"), ==, param (f, "option/make/take-up"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (up_option_get_effects (copy))), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (up_option_get_effects (make))));
  g_assert_true (g_list_store_find (store, make, &pos_make));
  g_assert_true (g_list_store_find (store, copy, &pos_copy));
  g_assert_cmpuint (pos_copy, ==, pos_make + 1);

  gtk_widget_activate_action (f->view, "compare.duplicate", "s", "make");
  drain ();
  g_assert_nonnull (up_plan_find_option (f->plan, "make-3"));

  /* Duplicating business as usual makes an ordinary option: still one baseline. */
  gtk_widget_activate_action (f->view, "compare.duplicate", "s", "bau");
  drain ();
  g_assert_cmpint (up_option_get_kind (up_plan_find_option (f->plan, "bau-2")), ==,
                   UP_OPTION_OTHER);
  up_plan_session_flush (f->session);
  g_assert_false (up_plan_session_get_stale (f->session));

  /* Each step is one undo. */
  up_plan_session_undo (f->session);
  up_plan_session_undo (f->session);
  drain ();
  g_assert_null (up_plan_find_option (f->plan, "make-3"));
  g_assert_null (up_plan_find_option (f->plan, "bau-2"));
  g_assert_nonnull (up_plan_find_option (f->plan, "make-2"));
  g_assert_nonnull (need_key (f, "option/make-2/name"));
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  GListStore *store = up_plan_get_options (f->plan);
  UpOption *buy = up_plan_find_option (f->plan, "buy");
  guint before = 0, after = 0;

  g_assert_true (g_list_store_find (store, buy, &before));
  gtk_widget_activate_action (f->view, "compare.move-left", "s", "buy");
  drain ();
  g_assert_true (g_list_store_find (store, buy, &after));
  g_assert_cmpuint (after, ==, before - 1);

  /* Business as usual stays first: make cannot move before it. */
  gtk_widget_activate_action (f->view, "compare.move-left", "s", "buy");
  drain ();
  g_assert_true (g_list_store_find (store, buy, &after));
  g_assert_cmpuint (after, ==, before - 1);

  gtk_widget_activate_action (f->view, "compare.move-right", "s", "buy");
  drain ();
  g_assert_true (g_list_store_find (store, buy, &after));
  g_assert_cmpuint (after, ==, before);
}

/* A share for a holder the option had no entry for: shown as 0%, created on edit; the
 * total says in words that the shares no longer add up. */
static void
test_funding (Fixture       *f,
              gconstpointer  data)
{
  UpOption *option = up_plan_find_option (f->plan, "communitise");
  GtkWidget *field = need_key (f, "option/communitise/funding/police");
  GtkLabel *total;

  g_assert_false (up_option_has_funding (option, "police"));
  g_assert_cmpfloat (up_number_field_get_value (UP_NUMBER_FIELD (field)), ==, 0);
  gtk_spin_button_set_value (up_number_field_get_spin_button (UP_NUMBER_FIELD (field)), 10);
  up_plan_session_flush (f->session);
  drain ();
  option = up_plan_find_option (f->plan, "communitise");
  g_assert_true (up_option_has_funding (option, "police"));
  g_assert_cmpfloat (up_option_get_funding (option, "police"), ==, 0.1);
  g_assert_true (up_plan_session_get_stale (f->session));

  total = GTK_LABEL (need_key (f, "option/communitise/funding-total"));
  g_assert_nonnull (strstr (gtk_label_get_label (total), "110%"));
  g_assert_nonnull (strstr (gtk_label_get_label (total), "not 100%"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (total), "error"));
  g_assert_true (gtk_widget_has_css_class (need_key (f, "option/communitise/headline"),
                                           "stale"));

  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  drain ();
  g_assert_false (up_option_has_funding (up_plan_find_option (f->plan, "communitise"),
                                         "police"));
  g_assert_false (up_plan_session_get_stale (f->session));
}

/* "+" adds an effect that changes nothing until it is edited; a bad schedule is refused;
 * an effect whose state is no longer eligible is marked where it is. */
static void
test_effects (Fixture       *f,
              gconstpointer  data)
{
  double npbi = session_npbi (f, "buy");
  GtkWidget *entry, *field;
  UpEffect *effect;
  g_autofree char *before = NULL;

  g_signal_emit_by_name (need_key (f, "option/buy/effect/emerging/stable/add"), "clicked");
  up_plan_session_flush (f->session);
  drain ();
  effect = up_option_find_effect (up_plan_find_option (f->plan, "buy"), "emerging", "stable");
  g_assert_nonnull (effect);
  g_assert_cmpint (up_effect_get_kind (effect), ==, UP_EFFECT_RELATIVE_RISK);
  g_assert_cmpfloat (session_npbi (f, "buy"), ==, npbi);
  g_assert_true (UP_IS_NUMBER_FIELD (need_key (f, "option/buy/effect/emerging/stable")));

  entry = need_key (f, "option/communitise/effect/high/emerging");
  g_assert_true (GTK_IS_ENTRY (entry));
  effect = up_option_find_effect (up_plan_find_option (f->plan, "communitise"), "high",
                                  "emerging");
  before = up_schedule_to_string (up_effect_get_value (effect));
  gtk_editable_set_text (GTK_EDITABLE (entry), "0.2 zero");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (entry, "invalid"));
  {
    g_autofree char *now = up_schedule_to_string (up_effect_get_value (effect));

    g_assert_cmpstr (now, ==, before);
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "0.2 1.5");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (entry, "invalid"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "0.25 0.3");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (entry, "invalid"));
  {
    g_autofree char *now = up_schedule_to_string (up_effect_get_value (effect));

    g_assert_cmpstr (now, ==, "0.25 0.3");
  }

  /* Unticking "emerging" leaves communitise's effects out of it without a state. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (need_key (f, "option/communitise/"
                                                            "eligible/emerging")), FALSE);
  up_plan_session_flush (f->session);
  drain ();
  g_assert_false (up_option_is_eligible (up_plan_find_option (f->plan, "communitise"),
                                         "emerging"));
  field = need_key (f, "option/communitise/effect/emerging/crisis");
  g_assert_true (UP_IS_NUMBER_FIELD (field));
  g_assert_nonnull (up_number_field_get_problem (UP_NUMBER_FIELD (field)));
}

/* "Add one-off cost…" (its popover activates this action); a second cost in the same
 * cycle is refused. */
static void
test_add_one_off (Fixture       *f,
                  gconstpointer  data)
{
  gtk_widget_activate_action (f->view, "compare.add-one-off", "(sid)", "make", 1, 5000.0);
  drain ();
  g_assert_cmpfloat (up_option_get_one_off (up_plan_find_option (f->plan, "make"), 1), ==,
                     120000);

  gtk_widget_activate_action (f->view, "compare.add-one-off", "(sid)", "make", 3, 5000.0);
  up_plan_session_flush (f->session);
  drain ();
  g_assert_cmpfloat (up_option_get_one_off (up_plan_find_option (f->plan, "make"), 3), ==,
                     5000);
  g_assert_true (UP_IS_NUMBER_FIELD (need_key (f, "option/make/one-off/3")));
  /* The row is there for every option; the others show nothing to pay. */
  g_assert_cmpfloat (up_number_field_get_value (UP_NUMBER_FIELD (need_key (f, "option/buy/"
                                                                           "one-off/3"))),
                     ==, 0);

  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  drain ();
  g_assert_null (find_key (f->view, "option/make/one-off/3"));
}

/* "Add effect…" (its popover activates this action): a replacement probability starts at
 * the baseline's value, so the results do not move until it is edited. */
static void
test_add_effect (Fixture       *f,
                 gconstpointer  data)
{
  double npbi = session_npbi (f, "buy");
  UpEffect *effect;

  g_assert_true (GTK_IS_MENU_BUTTON (need_key (f, "option/buy/add-effect")));
  gtk_widget_activate_action (f->view, "compare.add-effect", "(sssi)", "buy", "high", "stable",
                              (int) UP_EFFECT_REPLACE);
  up_plan_session_flush (f->session);
  drain ();

  effect = up_option_find_effect (up_plan_find_option (f->plan, "buy"), "high", "stable");
  g_assert_nonnull (effect);
  g_assert_cmpint (up_effect_get_kind (effect), ==, UP_EFFECT_REPLACE);
  g_assert_true (up_schedule_equal (up_effect_get_value (effect),
                                    up_transition_get_value (up_plan_find_transition (f->plan,
                                                                                      "high",
                                                                                      "stable"))));
  g_assert_cmpfloat (session_npbi (f, "buy"), ==, npbi);
  g_assert_true (GTK_IS_ENTRY (need_key (f, "option/buy/effect/high/stable")));
  /* The other options get a "+" in the new row. */
  g_assert_true (GTK_IS_BUTTON (need_key (f, "option/make/effect/high/stable/add")));

  /* Not from a state the option does not reach, and never for business as usual. */
  gtk_widget_activate_action (f->view, "compare.add-effect", "(sssi)", "buy", "crisis", "exit",
                              (int) UP_EFFECT_RELATIVE_RISK);
  gtk_widget_activate_action (f->view, "compare.add-effect", "(sssi)", "bau", "high", "crisis",
                              (int) UP_EFFECT_RELATIVE_RISK);
  drain ();
  g_assert_null (up_option_find_effect (up_plan_find_option (f->plan, "buy"), "crisis", "exit"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (up_option_get_effects (
                      up_plan_get_bau (f->plan)))), ==, 0);
}

/* Tab walks a row of cells from one option to the next, like a spreadsheet. */
static void
test_tab_order (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *bau = need_key (f, "option/bau/fixed-cost");
  GtkWidget *make = need_key (f, "option/make/fixed-cost");
  GtkWidget *focus;

  gtk_widget_grab_focus (bau);
  drain ();
  g_assert_true (gtk_widget_child_focus (f->window, GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == make || gtk_widget_is_ancestor (focus, make));
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

int
main (int   argc,
      char *argv[])
{
  /* What gtk_test_init() does, but with a check for a display instead of an abort:
   * gtk_test_init() after gtk_init_check() would warn that the locale was set. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/compare-view/no-display", test_no_display);
      return g_test_run ();
    }

#define ADD(path, fn) \
  g_test_add ("/compare-view/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("take-up", test_take_up);
  ADD ("bau-cells", test_bau_cells);
  ADD ("bau-take-up-from-file", test_bau_take_up_from_file);
  ADD ("add-remove-duplicate", test_add_remove_duplicate);
  ADD ("move", test_move);
  ADD ("funding", test_funding);
  ADD ("effects", test_effects);
  ADD ("add-one-off", test_add_one_off);
  ADD ("add-effect", test_add_effect);
  ADD ("tab-order", test_tab_order);
#undef ADD

  return g_test_run ();
}
