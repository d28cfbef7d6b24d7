/* test-workshop.c: workshop mode's levers, scenarios, keys and undo
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 cannot synthesise key presses, so the tests activate the actions the key
 * bindings call (workshop.next-lever, workshop.nudge-up, workshop.scenario …) and move
 * the sliders with gtk_range_set_value(), as a drag does.
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <adwaita.h>

#include "up-number-field.h"
#include "up-workshop-window.h"

#define TAKE_UP "option/communitise/take-up"
#define FIXED "option/communitise/fixed-cost"
#define EFFECT "option/communitise/effect/emerging/crisis"

typedef struct
{
  UpPlanSession    *session;
  UpWorkshopWindow *window;
} Fixture;

static UpPlan *
plan (Fixture *f)
{
  return up_plan_session_get_plan (f->session);
}

static double
param (Fixture    *f,
       const char *path)
{
  g_autoptr(GError) error = NULL;
  double value = NAN;

  g_assert_true (up_plan_get_param (plan (f), path, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "bradford-peer-recovery.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) loaded = up_plan_load_from_file (file, NULL, &error);
  g_autoptr(UpPin) take_up = NULL;
  g_autoptr(UpPin) effect = NULL;

  g_assert_no_error (error);
  take_up = up_pin_new (TAKE_UP, 0, 0.8, 0.01, NULL, NULL);
  effect = up_pin_new (EFFECT, 0.3, 1.2, 0.05, "Peer effect on crises", NULL);
  /* Start from these two levers only, whatever the example pins. */
  g_list_store_remove_all (up_plan_get_pins (loaded));
  up_plan_set_pin (loaded, take_up);
  up_plan_set_pin (loaded, effect);
  f->session = up_plan_session_new ();
  up_plan_session_set_plan (f->session, loaded, NULL);
  up_plan_session_flush (f->session);
  f->window = UP_WORKSHOP_WINDOW (up_workshop_window_new (f->session));
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->window);
  g_object_unref (f->session);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), action, parameter));
  up_plan_session_flush (f->session);
}

/* The metrics of a fresh compile of the plan with values set at paths. */
static UpResults *
project_with (UpPlan            *source,
              const char *const *paths,
              const double      *values,
              UpModel          **model_out)
{
  g_autoptr(UpPlan) copy = up_plan_copy (source);
  g_autoptr(GError) error = NULL;
  UpModel *model;

  for (guint i = 0; paths[i] != NULL; i++)
    g_assert_true (up_plan_set_param (copy, paths[i], values[i], NULL));
  model = up_model_compile (copy, NULL, NULL, &error);
  g_assert_no_error (error);
  *model_out = model;
  return up_model_project (model);
}

static void
assert_same_metrics (const UpResults *a,
                     const UpResults *b)
{
  g_assert_cmpint (a->n_options, ==, b->n_options);
  for (int o = 0; o < a->n_options; o++)
    {
      g_assert_cmpfloat (a->metrics[o].npbi, ==, b->metrics[o].npbi);
      g_assert_cmpfloat (a->metrics[o].crisis_episodes_avoided, ==,
                         b->metrics[o].crisis_episodes_avoided);
      g_assert_cmpint (a->metrics[o].break_even_year, ==, b->metrics[o].break_even_year);
    }
  for (int i = 0; i < a->n_options * a->n_cycles; i++)
    g_assert_cmpfloat (a->cum_net[i], ==, b->cum_net[i]);
}

/* ---- Tests ------------------------------------------------------------------------ */

static void
test_levers (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpuint (up_workshop_window_get_n_levers (f->window), ==, 2);
  g_assert_cmpint (up_workshop_window_get_selected (f->window), ==, 0);
  g_assert_cmpfloat (gtk_range_get_value (up_workshop_window_get_lever (f->window, 0)), ==, 0.25);
  g_assert_cmpfloat (gtk_range_get_value (up_workshop_window_get_lever (f->window, 1)), ==, 0.7);

  /* Pinning a third, undoably, adds a slider; undo takes it away. */
  g_assert_true (up_workshop_pin_param (f->session, FIXED, NULL));
  g_assert_cmpuint (up_workshop_window_get_n_levers (f->window), ==, 3);
  g_assert_cmpfloat (up_pin_get_max (up_plan_find_pin (plan (f), FIXED)), ==, 300000);
  up_plan_session_undo (f->session);
  g_assert_null (up_plan_find_pin (plan (f), FIXED));
  g_assert_cmpuint (up_workshop_window_get_n_levers (f->window), ==, 2);
}

static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  const UpResults *results;
  double before = param (f, EFFECT);

  /* Right, +, + and − on the second lever. */
  activate (f, "workshop.next-lever", NULL);
  g_assert_cmpint (up_workshop_window_get_selected (f->window), ==, 1);
  activate (f, "workshop.nudge-up", NULL);
  activate (f, "workshop.nudge-up", NULL);
  g_assert_cmpfloat (param (f, EFFECT), ==, 0.8);
  activate (f, "workshop.nudge-down", NULL);
  g_assert_cmpfloat (param (f, EFFECT), ==, 0.75);
  g_assert_cmpfloat (gtk_range_get_value (up_workshop_window_get_lever (f->window, 1)), ==, 0.75);
  results = up_plan_session_get_results (f->session);
  {
    const char *paths[] = { EFFECT, NULL };
    double values[] = { 0.75 };
    g_autoptr(UpModel) model = NULL;
    g_autoptr(UpResults) expected = project_with (plan (f), paths, values, &model);

    assert_same_metrics (results, expected);
  }

  /* Each nudge is one undo step. */
  up_plan_session_undo (f->session);
  g_assert_cmpfloat (param (f, EFFECT), ==, 0.8);
  up_plan_session_undo (f->session);
  up_plan_session_undo (f->session);
  g_assert_cmpfloat (param (f, EFFECT), ==, before);

  /* Left wraps round to the last lever, right back to the first. */
  activate (f, "workshop.previous-lever", NULL);
  g_assert_cmpint (up_workshop_window_get_selected (f->window), ==, 0);
  activate (f, "workshop.previous-lever", NULL);
  g_assert_cmpint (up_workshop_window_get_selected (f->window), ==, 1);

  /* Blank and back. */
  activate (f, "workshop.blank", NULL);
}

static void
test_drag_undo (Fixture       *f,
                gconstpointer  data)
{
  GtkRange *scale = up_workshop_window_get_lever (f->window, 0);
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) base = NULL;
  const char *paths[] = { TAKE_UP, NULL };
  double values[] = { 0.25 };

  base = project_with (plan (f), paths, values, &model);
  /* A drag: many values, one undo step, the value snapped to the lever's step. */
  for (double v = 0.25; v <= 0.6; v += 0.0337)
    {
      gtk_range_set_value (scale, v);
      up_plan_session_flush (f->session);
      g_assert_cmpfloat (param (f, TAKE_UP), ==, round (v * 100) / 100);
    }
  g_assert_cmpfloat (param (f, TAKE_UP), ==, 0.59);
  g_assert_true (up_plan_session_can_undo (f->session));
  up_plan_session_undo (f->session);
  up_plan_session_flush (f->session);
  g_assert_cmpfloat (param (f, TAKE_UP), ==, 0.25);
  /* Undo replaces the plan's stores, so the sliders are new ones. */
  scale = up_workshop_window_get_lever (f->window, 0);
  g_assert_cmpfloat (gtk_range_get_value (scale), ==, 0.25);
  g_assert_false (up_plan_session_can_undo (f->session));
  assert_same_metrics (up_plan_session_get_results (f->session), base);
}

static void
test_scenarios (Fixture       *f,
                gconstpointer  data)
{
  GListModel *scenarios = G_LIST_MODEL (up_plan_get_scenarios (plan (f)));
  guint n = g_list_model_get_n_items (scenarios);
  UpScenario *saved;
  double value;
  const char *paths[] = { TAKE_UP, EFFECT, NULL };
  double stored[] = { 0.4, 0.55 };

  /* Move both levers, save as a scenario. */
  gtk_range_set_value (up_workshop_window_get_lever (f->window, 0), 0.4);
  activate (f, "workshop.next-lever", NULL);
  for (int i = 0; i < 3; i++)
    activate (f, "workshop.nudge-down", NULL);
  g_assert_cmpfloat (param (f, EFFECT), ==, 0.55);
  saved = up_workshop_window_save_scenario (f->window, "Group A");
  g_assert_nonnull (saved);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, n + 1);
  g_assert_cmpstr (up_item_get_id (UP_ITEM (saved)), ==, "group-a");
  g_assert_true (up_scenario_get_override (saved, TAKE_UP, &value));
  g_assert_cmpfloat (value, ==, 0.4);
  g_assert_true (up_scenario_get_override (saved, EFFECT, &value));
  g_assert_cmpfloat (value, ==, 0.55);

  /* Key 0: the base plan, as it was when the workshop opened. */
  activate (f, "workshop.scenario", g_variant_new_int32 (0));
  g_assert_cmpfloat (param (f, TAKE_UP), ==, 0.25);
  g_assert_cmpfloat (param (f, EFFECT), ==, 0.7);

  /* The key of the new scenario: exactly its values and the engine's results for them. */
  activate (f, "workshop.scenario", g_variant_new_int32 (n + 1));
  g_assert_cmpfloat (param (f, TAKE_UP), ==, 0.4);
  g_assert_cmpfloat (param (f, EFFECT), ==, 0.55);
  {
    g_autoptr(UpModel) model = NULL;
    g_autoptr(UpPlan) base = up_plan_copy (plan (f));
    g_autoptr(UpResults) expected = NULL;

    /* From a base copy, so nothing but these two values differs. */
    up_plan_set_param (base, TAKE_UP, 0.25, NULL);
    up_plan_set_param (base, EFFECT, 0.7, NULL);
    expected = project_with (base, paths, stored, &model);
    assert_same_metrics (up_plan_session_get_results (f->session), expected);
  }

  /* Page Up from it goes to the scenario before; one undo step per switch. */
  activate (f, "workshop.previous-scenario", NULL);
  activate (f, "workshop.next-scenario", NULL);
  g_assert_cmpfloat (param (f, TAKE_UP), ==, 0.4);
  up_plan_session_undo (f->session);
  up_plan_session_undo (f->session);
  g_assert_cmpfloat (param (f, TAKE_UP), ==, 0.4);
  g_assert_cmpfloat (param (f, EFFECT), ==, 0.55);

  /* Reset, then compare: the ghost is the scenario's projection. */
  activate (f, "workshop.reset", NULL);
  g_assert_cmpfloat (param (f, TAKE_UP), ==, 0.25);
  g_assert_null (up_workshop_window_get_ghost (f->window));
  {
    GtkWidget *dropdown = find_type (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN);

    g_assert_nonnull (dropdown);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), n + 1);
  }
  g_assert_nonnull (up_workshop_window_get_ghost (f->window));
  {
    g_autoptr(UpModel) model = NULL;
    g_autoptr(UpResults) expected = project_with (plan (f), paths, stored, &model);

    assert_same_metrics (up_workshop_window_get_ghost (f->window), expected);
  }
}

static void
test_save_reload (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(UpPlan) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlanSession) session = up_plan_session_new ();
  g_autoptr(UpPin) first = NULL;
  GtkWidget *again;
  UpScenario *scenario;
  double value;
  gsize size;
  const char *data_bytes;

  gtk_range_set_value (up_workshop_window_get_lever (f->window, 0), 0.33);
  up_workshop_window_save_scenario (f->window, "Room's choice");
  bytes = up_plan_save_to_bytes (plan (f));
  data_bytes = g_bytes_get_data (bytes, &size);
  loaded = up_plan_load_from_data (data_bytes, size, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_pins (loaded))), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (up_plan_get_pins (loaded)), 0);
  g_assert_cmpstr (up_pin_get_path (first), ==, TAKE_UP);
  g_assert_cmpstr (up_pin_get_label (up_plan_find_pin (loaded, EFFECT)), ==,
                   "Peer effect on crises");
  g_assert_cmpfloat (up_pin_get_step (up_plan_find_pin (loaded, EFFECT)), ==, 0.05);
  scenario = up_plan_find_scenario (loaded, "Room's choice");
  g_assert_nonnull (scenario);
  g_assert_true (up_scenario_get_override (scenario, TAKE_UP, &value));
  g_assert_cmpfloat (value, ==, 0.33);

  /* And a workshop on the reloaded plan shows the same levers. */
  up_plan_session_set_plan (session, loaded, NULL);
  up_plan_session_flush (session);
  again = up_workshop_window_new (session);
  g_assert_cmpuint (up_workshop_window_get_n_levers (UP_WORKSHOP_WINDOW (again)), ==, 2);
  g_assert_cmpfloat (gtk_range_get_value (up_workshop_window_get_lever (UP_WORKSHOP_WINDOW (again), 0)),
                     ==, 0.33);
  gtk_window_destroy (GTK_WINDOW (again));
}

static void
test_field_path (Fixture       *f,
                 gconstpointer  data)
{
  UpOption *option = up_plan_find_option (plan (f), "communitise");
  guint n;
  const UpNumberSpec *numbers = up_item_class_get_numbers (UP_ITEM_GET_CLASS (option), &n);
  const UpNumberSpec *spec = NULL;
  GtkWidget *field;
  g_autofree char *path = NULL;

  for (guint i = 0; i < n; i++)
    if (g_str_equal (numbers[i].key, "fixed-cost"))
      spec = &numbers[i];
  g_assert_nonnull (spec);
  field = up_number_field_new_for_spec (spec);
  g_object_ref_sink (field);
  up_number_field_bind_item (UP_NUMBER_FIELD (field), f->session, UP_ITEM (option), spec);
  path = up_workshop_path_for_field (UP_NUMBER_FIELD (field));
  g_assert_cmpstr (path, ==, FIXED);
  g_object_unref (field);
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
  g_test_add ("/workshop/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("levers", test_levers);
  ADD ("keys", test_keys);
  ADD ("drag-undo", test_drag_undo);
  ADD ("scenarios", test_scenarios);
  ADD ("save-reload", test_save_reload);
  ADD ("field-path", test_field_path);
#undef ADD
  return g_test_run ();
}
