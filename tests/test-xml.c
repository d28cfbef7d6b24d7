/* test-xml.c: plan files, read and written
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-xml"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/relaxng.h>

#include "up-document-private.h"
#include "up-error.h"
#include "up-problem.h"
#include "up-xml.h"

/* ---- Helpers -------------------------------------------------------------------- */

static void
set_num (gpointer    item,
         const char *key,
         double      value)
{
  const UpNumberSpec *spec = up_item_find_number (UP_ITEM (item), key);

  g_assert_nonnull (spec);
  up_item_set_number (UP_ITEM (item), spec, value);
}

static double
get_num (gpointer    item,
         const char *key)
{
  const UpNumberSpec *spec = up_item_find_number (UP_ITEM (item), key);

  g_assert_nonnull (spec);
  return up_item_get_number (UP_ITEM (item), spec);
}

static UpSchedule *
schedule (guint n,
          ...)
{
  double values[16];
  va_list args;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (values));
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    values[i] = va_arg (args, double);
  va_end (args);
  return up_schedule_new (values, n);
}

/* A plan that uses every element and attribute of the format. */
static UpPlan *
build_full_plan (void)
{
  UpPlan *plan = up_plan_new ();
  g_autoptr(UpBudgetHolder) nhs = up_budget_holder_new ("nhs", "NHS ICB");
  g_autoptr(UpBudgetHolder) council = up_budget_holder_new ("council", "Council");
  g_autoptr(UpBudgetHolder) community = up_budget_holder_new ("community", "Community");
  g_autoptr(UpCostItem) ae = up_cost_item_new ("ae", "A&E attendance");
  g_autoptr(UpCostItem) gp = up_cost_item_new ("gp", NULL);
  g_autoptr(UpMeasure) qaly = up_measure_new ("qaly", "Quality-adjusted life-years");
  g_autoptr(UpMeasure) ly = up_measure_new ("life-years", "Life-years");
  g_autoptr(UpState) stable = up_state_new ("stable", "Stable");
  g_autoptr(UpState) high = up_state_new ("high", "High need");
  g_autoptr(UpState) crisis = up_state_new ("crisis", "Crisis");
  g_autoptr(UpCostLine) use1 = up_cost_line_new ("gp", 4, NULL);
  g_autoptr(UpCostLine) use2 = up_cost_line_new ("ae", 0.2, "council");
  g_autoptr(UpCostLine) entry = up_cost_line_new ("ae", 1, NULL);
  g_autoptr(UpSchedule) w_const = up_schedule_new_constant (0.8);
  g_autoptr(UpSchedule) w_sched = schedule (3, 0.5, 0.45, 0.4);
  g_autoptr(UpSchedule) inflow = schedule (3, 100.0, 120.0, 150.0);
  g_autoptr(UpSchedule) t1 = up_schedule_new_constant (0.1);
  g_autoptr(UpSchedule) t2 = schedule (3, 0.2, 0.2, 0.25);
  g_autoptr(UpSchedule) t3 = up_schedule_new_constant (0.05);
  g_autoptr(UpTransition) tr1 = up_transition_new ("stable", "high", t1);
  g_autoptr(UpTransition) tr2 = up_transition_new ("high", "crisis", t2);
  g_autoptr(UpTransition) tr3 = up_transition_new ("crisis", "stable", t3);
  g_autoptr(UpOption) bau = up_option_new ("bau", "Business as usual", UP_OPTION_BAU);
  g_autoptr(UpOption) comm = up_option_new ("communitise", "Peer network", UP_OPTION_COMMUNITISE);
  g_autoptr(UpOption) buy = up_option_new ("buy", "Provider", UP_OPTION_BUY);
  g_autoptr(UpSchedule) rr = up_schedule_new_constant (0.7);
  g_autoptr(UpSchedule) repl = schedule (3, 0.3, 0.35, 0.4);
  g_autoptr(UpEffect) e1 = up_effect_new ("high", "crisis", UP_EFFECT_RELATIVE_RISK, rr);
  g_autoptr(UpEffect) e2 = up_effect_new ("crisis", "stable", UP_EFFECT_REPLACE, repl);
  g_autoptr(UpScenario) pess = up_scenario_new ("pessimistic", "Pessimistic");
  g_autoptr(UpScenario) group = up_scenario_new ("group-a", "Workshop group A");
  const char *eligible[] = { "high", "crisis", NULL };
  UpDistribution dist;

  up_item_set_name (UP_ITEM (plan), "Peer-led recovery <draft> & “notes”");
  up_plan_set_place (plan, "Bradford");
  up_plan_set_author (plan, "Commissioning team");
  up_plan_set_description (plan, "Two lines\n  the second indented, a tab\there & an ampersand");
  up_plan_set_notes (plan, "Cymraeg: Gwasanaeth adfer — ‘quotes’ and \"double\" and 'single'");
  up_plan_set_currency (plan, "EUR");
  up_plan_set_counting (plan, UP_COUNTING_LIFE_TABLE);
  up_plan_set_discount_costs (plan, UP_DISCOUNT_CONSTANT);
  up_plan_set_discount_outcomes (plan, UP_DISCOUNT_GREENBOOK_HEALTH);
  up_plan_set_discount_first_cycle (plan, TRUE);
  set_num (plan, "horizon", 30);
  set_num (plan, "start-year", 2027);
  set_num (plan, "price-base-year", 2024);
  set_num (plan, "cohort-size", 1234.5);
  set_num (plan, "discount-costs-rate", 0.04);
  set_num (plan, "discount-outcomes-rate", 0.015);
  up_plan_set_inflow (plan, inflow);
  up_plan_set_price_index_value (plan, 2024, 100);
  up_plan_set_price_index_value (plan, 2011, 86.2);
  up_plan_set_price_index_value (plan, 2013, 88.05);

  up_budget_holder_set_colour (nhs, "#3584e4");
  up_budget_holder_set_pooled (nhs, TRUE);
  up_budget_holder_set_colour (council, "#e66100");
  up_budget_holder_set_public (community, FALSE);
  g_list_store_append (up_plan_get_holders (plan), nhs);
  g_list_store_append (up_plan_get_holders (plan), council);
  g_list_store_append (up_plan_get_holders (plan), community);

  up_cost_item_set_unit (ae, "attendance");
  up_cost_item_set_holder (ae, "nhs");
  up_cost_item_set_category (ae, "crisis");
  up_cost_item_set_source (ae, "GMCA Unit Cost Database v1.4 — “A&E” <all>");
  set_num (ae, "cost", 109);
  set_num (ae, "price-year", 2011);
  set_num (ae, "cashable", 0.3);
  set_num (gp, "cost", 39.5);
  g_list_store_append (up_plan_get_cost_items (plan), ae);
  g_list_store_append (up_plan_get_cost_items (plan), gp);

  up_measure_set_unit (qaly, "QALY");
  set_num (qaly, "value", 70000);
  up_measure_set_counting (ly, UP_COUNTING_END);
  g_list_store_append (up_plan_get_measures (plan), qaly);
  g_list_store_append (up_plan_get_measures (plan), ly);

  up_state_set_colour (stable, "#33d17a");
  set_num (stable, "initial", 0.6);
  set_num (stable, "inflow-share", 0.5);
  g_list_store_append (up_state_get_use (stable), use1);
  g_list_store_append (up_state_get_use (stable), use2);
  up_state_set_weight (stable, "qaly", w_const);
  up_state_set_weight (stable, "life-years", w_const);
  set_num (high, "initial", 0.4);
  set_num (high, "inflow-share", 0.5);
  up_state_set_weight (high, "qaly", w_sched);
  up_state_set_crisis (crisis, TRUE);
  g_list_store_append (up_state_get_entry (crisis), entry);
  g_list_store_append (up_plan_get_states (plan), stable);
  g_list_store_append (up_plan_get_states (plan), high);
  g_list_store_append (up_plan_get_states (plan), crisis);

  g_list_store_append (up_plan_get_transitions (plan), tr1);
  g_list_store_append (up_plan_get_transitions (plan), tr2);
  g_list_store_append (up_plan_get_transitions (plan), tr3);

  set_num (bau, "fixed-cost", 20000);
  g_list_store_append (up_plan_get_options (plan), bau);

  up_option_set_notes (comm, "Peer-led;\nruns from the old library.");
  up_option_set_has_capacity (comm, TRUE);
  set_num (comm, "capacity", 200);
  set_num (comm, "fixed-cost", 150000);
  set_num (comm, "participant-cost", 400);
  set_num (comm, "overhead", 0.05);
  set_num (comm, "optimism-bias-costs", 0.2);
  set_num (comm, "take-up", 0.3);
  set_num (comm, "deadweight", 0.1);
  set_num (comm, "attribution", 0.8);
  set_num (comm, "optimism-bias-benefits", 0.1);
  set_num (comm, "first-cycle", 2);
  set_num (comm, "active-cycles", 5);
  set_num (comm, "ramp-up", 1);
  set_num (comm, "drop-off", 0.5);
  set_num (comm, "volunteer-hours", 20);
  set_num (comm, "volunteer-value", 12.5);
  set_num (comm, "in-kind", 10000);
  up_option_set_one_off (comm, 2, 30000);
  up_option_set_one_off (comm, 1, 50000);
  up_option_set_funding (comm, "nhs", 0.4);
  up_option_set_funding (comm, "council", 0.6);
  up_option_set_eligible (comm, eligible);
  g_list_store_append (up_option_get_effects (comm), e1);
  g_list_store_append (up_option_get_effects (comm), e2);
  up_option_set_score (comm, "local-control", 4);
  up_option_set_score (comm, "Equity of access", 3.5);
  g_list_store_append (up_plan_get_options (plan), comm);

  /* capacity set but not in use: it must not be written */
  set_num (buy, "capacity", 77);
  set_num (buy, "take-up", 0.25);
  g_list_store_append (up_plan_get_options (plan), buy);

  up_scenario_set_override (pess, "option/communitise/take-up", 0.2);
  up_scenario_set_override (pess, "cost-item/ae/cost", 130);
  g_list_store_append (up_plan_get_scenarios (plan), pess);
  g_list_store_append (up_plan_get_scenarios (plan), group);

  dist = (UpDistribution) { UP_DIST_BETA, 30, 70, 0 };
  up_plan_set_distribution (plan, "option/communitise/take-up", &dist);
  dist = (UpDistribution) { UP_DIST_GAMMA, 2, 1000, 0 };
  up_plan_set_distribution (plan, "option/communitise/fixed-cost", &dist);
  dist = (UpDistribution) { UP_DIST_LOGNORMAL, -0.36, 0.1, 0 };
  up_plan_set_distribution (plan, "option/communitise/effect/high/crisis", &dist);
  dist = (UpDistribution) { UP_DIST_NORMAL, 1234, 50, 0 };
  up_plan_set_distribution (plan, "plan/cohort-size", &dist);
  dist = (UpDistribution) { UP_DIST_UNIFORM, 0.05, 0.15, 0 };
  up_plan_set_distribution (plan, "transition/stable/high", &dist);
  dist = (UpDistribution) { UP_DIST_TRIANGULAR, 0.1, 0.3, 0.4 };
  up_plan_set_distribution (plan, "option/communitise/deadweight", &dist);
  dist = (UpDistribution) { UP_DIST_RANGE, 90, 130, 0 };
  up_plan_set_distribution (plan, "cost-item/ae/cost", &dist);

  /* Levers in an order that is not sorted, to show it is kept. */
  {
    g_autoptr(UpPin) take_up = up_pin_new ("option/communitise/take-up", 0, 0.8, 0.01,
                                           "Take-up & reach", NULL);
    g_autoptr(UpPin) cost = up_pin_new ("cost-item/ae/cost", 50, 250, 5, NULL, NULL);

    up_plan_set_pin (plan, take_up);
    up_plan_set_pin (plan, cost);
  }

  return plan;
}

static UpPlan *
load_bytes (GBytes *bytes)
{
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  UpPlan *plan = up_plan_load_from_data (data, size, problems, &error);

  if (plan == NULL)
    {
      g_test_message ("%.*s", (int) size, data);
      g_test_message ("load failed: %s", error->message);
    }
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (up_problems_count (problems, UP_SEVERITY_ERROR), ==, 0);
  return plan;
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  if (!g_bytes_equal (a, b))
    {
      g_test_message ("first:\n%.*s", (int) g_bytes_get_size (a),
                      (const char *) g_bytes_get_data (a, NULL));
      g_test_message ("second:\n%.*s", (int) g_bytes_get_size (b),
                      (const char *) g_bytes_get_data (b, NULL));
    }
  g_assert_true (g_bytes_equal (a, b));
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return strstr (text, needle) != NULL;
}

/* ---- Round trips ---------------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autoptr(UpPlan) plan = build_full_plan ();
  g_autoptr(GBytes) first = up_plan_save_to_bytes (plan);
  g_autoptr(UpPlan) loaded = load_bytes (first);
  g_autoptr(GBytes) second = up_plan_save_to_bytes (loaded);
  g_autoptr(GBytes) again = up_plan_save_to_bytes (plan);
  UpOption *comm, *buy;
  UpState *high;
  double v;
  gboolean found;

  assert_same_bytes (first, second);
  assert_same_bytes (first, again);

  /* The file carries what was asked for, in the promised form. */
  g_assert_true (bytes_contain (first, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plan "
                                "xmlns=\"https://upstreamplanner.github.io/ns/plan\" "
                                "format=\"1\">\n  <title>"));
  g_assert_true (bytes_contain (first, "\n    <holder id=\"nhs\""));
  g_assert_true (bytes_contain (first, "value=\"0.1\""));
  g_assert_true (bytes_contain (first, "inflow=\"100 120 150\""));
  g_assert_true (bytes_contain (first, "<one-off cycle=\"1\" amount=\"50000\"/>\n"
                                "      <one-off cycle=\"2\" amount=\"30000\"/>"));
  g_assert_true (bytes_contain (first, "<funding holder=\"council\" share=\"0.6\"/>\n"
                                "      <funding holder=\"nhs\" share=\"0.4\"/>"));
  g_assert_false (bytes_contain (first, "capacity=\"77\""));
  g_assert_true (bytes_contain (first, "capacity=\"200\""));
  g_assert_true (bytes_contain (first, "A&amp;E attendance"));
  g_assert_true (bytes_contain (first, "kind=\"triangular\" a=\"0.1\" b=\"0.3\" c=\"0.4\""));
  g_assert_true (bytes_contain (first, "kind=\"beta\" a=\"30\" b=\"70\"/>"));

  /* And reads back as the same plan. */
  g_assert_cmpstr (up_item_get_name (UP_ITEM (loaded)), ==, up_item_get_name (UP_ITEM (plan)));
  g_assert_cmpstr (up_plan_get_description (loaded), ==, up_plan_get_description (plan));
  g_assert_cmpstr (up_plan_get_notes (loaded), ==, up_plan_get_notes (plan));
  g_assert_cmpint (up_plan_get_counting (loaded), ==, UP_COUNTING_LIFE_TABLE);
  g_assert_cmpint (up_plan_get_discount_outcomes (loaded), ==, UP_DISCOUNT_GREENBOOK_HEALTH);
  g_assert_true (up_plan_get_discount_first_cycle (loaded));
  g_assert_cmpint (up_plan_get_horizon (loaded), ==, 30);
  g_assert_true (up_schedule_equal (up_plan_get_inflow (loaded), up_plan_get_inflow (plan)));
  g_assert_true (up_plan_lookup_price_index (loaded, 2013, &v));
  g_assert_cmpfloat (v, ==, 88.05);
  g_assert_false (up_budget_holder_get_public (up_plan_find_holder (loaded, "community")));
  g_assert_true (up_budget_holder_get_pooled (up_plan_find_holder (loaded, "nhs")));
  g_assert_null (up_cost_item_get_unit (up_plan_find_cost_item (loaded, "gp")));
  g_assert_cmpint (up_measure_get_counting (up_plan_find_measure (loaded, "qaly")), ==,
                   UP_COUNTING_INHERIT);
  high = up_plan_find_state (loaded, "high");
  g_assert_cmpuint (up_schedule_get_length (up_state_get_weight (high, "qaly")), ==, 3);
  g_assert_true (up_state_get_crisis (up_plan_find_state (loaded, "crisis")));
  comm = up_plan_find_option (loaded, "communitise");
  buy = up_plan_find_option (loaded, "buy");
  g_assert_true (up_option_get_has_capacity (comm));
  g_assert_false (up_option_get_has_capacity (buy));
  g_assert_cmpfloat (get_num (comm, "capacity"), ==, 200);
  g_assert_cmpfloat (get_num (comm, "volunteer-value"), ==, 12.5);
  g_assert_cmpfloat (up_option_get_one_off (comm, 1), ==, 50000);
  g_assert_cmpstrv (up_option_get_eligible (comm), ((const char *[]) { "high", "crisis", NULL }));
  g_assert_cmpint (up_effect_get_kind (up_option_find_effect (comm, "crisis", "stable")), ==,
                   UP_EFFECT_REPLACE);
  g_assert_cmpfloat (up_option_get_score (comm, "Equity of access", &found), ==, 3.5);
  g_assert_true (found);
  g_assert_true (up_scenario_get_override (up_plan_find_scenario (loaded, "pessimistic"),
                                           "cost-item/ae/cost", &v));
  g_assert_cmpfloat (v, ==, 130);
  g_assert_cmpint (up_plan_get_distribution (loaded, "option/communitise/deadweight")->kind, ==,
                   UP_DIST_TRIANGULAR);
  g_assert_cmpfloat (up_plan_get_distribution (loaded, "option/communitise/deadweight")->c, ==,
                     0.4);
}

/* Workshop levers: kept in order with their range, step and label; a bad one refused
 * where it is written; copies and undo snapshots carry them. */
static void
test_pins (void)
{
  g_autoptr(UpPlan) plan = build_full_plan ();
  g_autoptr(GBytes) bytes = up_plan_save_to_bytes (plan);
  g_autoptr(UpPlan) loaded = load_bytes (bytes);
  g_autoptr(UpPlan) copy = NULL;
  g_autoptr(UpPlan) empty = up_plan_new ();
  g_autoptr(UpPin) first = NULL;
  g_autoptr(UpPin) second = NULL;
  g_autoptr(UpPin) wider = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *pins;
  UpPin *pin;

  g_assert_true (bytes_contain (bytes, "<workshop>\n    <pin path=\"option/communitise/take-up\" "
                                "min=\"0\" max=\"0.8\" step=\"0.01\" "
                                "label=\"Take-up &amp; reach\"/>\n    <pin path=\"cost-item/ae/cost\" "
                                "min=\"50\" max=\"250\" step=\"5\"/>\n  </workshop>"));
  pins = G_LIST_MODEL (up_plan_get_pins (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (pins), ==, 2);
  first = g_list_model_get_item (pins, 0);
  second = g_list_model_get_item (pins, 1);
  g_assert_cmpstr (up_pin_get_path (first), ==, "option/communitise/take-up");
  g_assert_cmpfloat (up_pin_get_min (first), ==, 0);
  g_assert_cmpfloat (up_pin_get_max (first), ==, 0.8);
  g_assert_cmpfloat (up_pin_get_step (first), ==, 0.01);
  g_assert_cmpstr (up_pin_get_label (first), ==, "Take-up & reach");
  g_assert_cmpstr (up_pin_get_path (second), ==, "cost-item/ae/cost");
  g_assert_null (up_pin_get_label (second));

  /* Replacing keeps the place; removing takes it out. */
  wider = up_pin_new ("option/communitise/take-up", 0, 1, 0.05, NULL, NULL);
  up_plan_set_pin (loaded, wider);
  pin = up_plan_find_pin (loaded, "option/communitise/take-up");
  g_assert_true (pin == wider);
  g_assert_true (g_list_model_get_item (pins, 0) == (gpointer) wider);
  g_object_unref (wider);
  g_assert_cmpuint (g_list_model_get_n_items (pins), ==, 2);

  /* A copy carries the pins; assigning an empty plan takes them away, and back. */
  copy = up_plan_copy (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_pins (copy))), ==, 2);
  g_assert_true (up_plan_remove_pin (loaded, "cost-item/ae/cost"));
  g_assert_false (up_plan_remove_pin (loaded, "cost-item/ae/cost"));
  g_assert_cmpuint (g_list_model_get_n_items (pins), ==, 1);
  up_plan_assign (loaded, empty);
  g_assert_cmpuint (g_list_model_get_n_items (pins), ==, 0);
  up_plan_assign (loaded, copy);
  g_assert_cmpuint (g_list_model_get_n_items (pins), ==, 2);
  g_assert_cmpfloat (up_pin_get_step (up_plan_find_pin (loaded, "option/communitise/take-up")),
                     ==, 0.05);

  /* Bad levers are refused. */
  g_assert_null (up_pin_new ("plan/horizon", 5, 5, 1, NULL, &error));
  g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (up_pin_new ("plan/horizon", 1, 5, 0, NULL, &error));
  g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (up_pin_new ("", 1, 5, 1, NULL, &error));
  g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
  g_clear_error (&error);

  {
    const char *text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">\n"
      "  <workshop>\n"
      "    <pin path=\"plan/horizon\" min=\"1\" max=\"30\" step=\"1\"/>\n"
      "    <pin path=\"plan/horizon\" min=\"1\" max=\"20\" step=\"1\"/>\n"
      "    <pin path=\"plan/cohort-size\" min=\"10\" max=\"1\" step=\"1\"/>\n"
      "  </workshop>\n"
      "</plan>\n";
    g_autoptr(GPtrArray) problems = up_problems_new ();
    g_autoptr(UpPlan) bad = up_plan_load_from_data (text, strlen (text), problems, &error);
    const UpProblem *p;

    g_assert_null (bad);
    g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
    g_assert_cmpuint (problems->len, ==, 2);
    p = problems->pdata[0];
    g_assert_cmpint (p->line, ==, 5);
    g_assert_nonnull (strstr (p->message, "a lever for “plan/horizon” is given twice"));
    p = problems->pdata[1];
    g_assert_cmpint (p->line, ==, 6);
    g_assert_cmpstr (p->where, ==, "/plan/workshop/pin[3]");
    g_assert_nonnull (strstr (p->message, "invalid lever"));
  }
}

static void
test_empty_plan (void)
{
  g_autoptr(UpPlan) plan = up_plan_new ();
  g_autoptr(GBytes) first = up_plan_save_to_bytes (plan);
  g_autoptr(UpPlan) loaded = load_bytes (first);
  g_autoptr(GBytes) second = up_plan_save_to_bytes (loaded);

  assert_same_bytes (first, second);
  g_assert_false (bytes_contain (first, "<title>"));
}

/* Whatever text a plan holds, the file it saves to opens again. */
static void
test_unwritable_text (void)
{
  g_autoptr(UpPlan) plan = up_plan_new ();
  g_autoptr(UpBudgetHolder) holder = up_budget_holder_new ("nhs", "Form\ffeed and \x01 bell");
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(UpPlan) loaded = NULL;

  up_item_set_name (UP_ITEM (plan), "Broken \xC3( UTF-8 and \xEF\xBF\xBE");
  up_plan_set_notes (plan, "Carriage\r\nreturn, tab\t and \x0b vertical tab");
  g_list_store_append (up_plan_get_holders (plan), holder);

  first = up_plan_save_to_bytes (plan);
  loaded = load_bytes (first);
  second = up_plan_save_to_bytes (loaded);
  assert_same_bytes (first, second);
  g_assert_cmpstr (up_item_get_name (UP_ITEM (loaded)), ==, "Broken \xEF\xBF\xBD( UTF-8 and \xEF\xBF\xBD");
  g_assert_cmpstr (up_plan_get_notes (loaded), ==, "Carriage\r\nreturn, tab\t and   vertical tab");
  g_assert_cmpstr (up_item_get_name (UP_ITEM (up_plan_find_holder (loaded, "nhs"))), ==,
                   "Form feed and   bell");
}

static const double awkward[] = {
  0.1, 1e-300, 123456789.123456789, 5e-324, 1.7976931348623157e308,
  -2.2250738585072014e-308, 1.0 / 3.0, 2.0 / 3.0, 0.30000000000000004, 9007199254740993.0,
  1e16, 1e17, 123456789012345680000.0, 1e-7, -0.5, 4.35, 1500,
};

static void
test_awkward_doubles (void)
{
  g_autoptr(UpPlan) plan = up_plan_new ();
  g_autoptr(UpScenario) scenario = up_scenario_new ("numbers", NULL);
  g_autoptr(UpSchedule) all = up_schedule_new (awkward, G_N_ELEMENTS (awkward));
  g_autoptr(UpTransition) transition = up_transition_new ("a", "b", all);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(UpPlan) loaded = NULL;
  UpScenario *back;
  UpTransition *back_t;

  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      g_autofree char *path = g_strdup_printf ("plan/cohort-size/%02u", i);

      up_scenario_set_override (scenario, path, awkward[i]);
    }
  g_list_store_append (up_plan_get_scenarios (plan), scenario);
  g_list_store_append (up_plan_get_transitions (plan), transition);
  set_num (plan, "cohort-size", 0.1);

  first = up_plan_save_to_bytes (plan);
  loaded = load_bytes (first);
  second = up_plan_save_to_bytes (loaded);
  assert_same_bytes (first, second);

  back = up_plan_find_scenario (loaded, "numbers");
  back_t = up_plan_find_transition (loaded, "a", "b");
  g_assert_cmpuint (up_schedule_get_length (up_transition_get_value (back_t)), ==,
                    G_N_ELEMENTS (awkward));
  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      g_autofree char *path = g_strdup_printf ("plan/cohort-size/%02u", i);
      double v = 0, w = up_schedule_get_values (up_transition_get_value (back_t))[i];

      g_assert_true (up_scenario_get_override (back, path, &v));
      g_assert_cmpmem (&v, sizeof v, &awkward[i], sizeof awkward[i]);
      g_assert_cmpmem (&w, sizeof w, &awkward[i], sizeof awkward[i]);
    }

  /* Shortest forms: a user who typed 0.1 sees 0.1 in the file. */
  g_assert_true (bytes_contain (first, "cohort-size=\"0.1\""));
  g_assert_true (bytes_contain (first, "value=\"5e-324\""));
  g_assert_true (bytes_contain (first, "value=\"1.7976931348623157e+308\""));
  g_assert_true (bytes_contain (first, "value=\"1500\""));
}

static void
test_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(UpPlan) plan = build_full_plan ();
  g_autoptr(GBytes) in_c = up_plan_save_to_bytes (plan);
  g_autoptr(GBytes) in_de = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(UpPlan) loaded = NULL;
  char buf[16];

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  g_snprintf (buf, sizeof buf, "%.1f", 0.5);
  g_assert_cmpstr (buf, ==, "0,5");   /* the locale really has a decimal comma */

  in_de = up_plan_save_to_bytes (plan);
  loaded = load_bytes (in_c);
  again = up_plan_save_to_bytes (loaded);
  setlocale (LC_ALL, saved);

  assert_same_bytes (in_c, in_de);
  assert_same_bytes (in_c, again);
  g_assert_cmpfloat (get_num (loaded, "cohort-size"), ==, 1234.5);
}

static void
test_bom (void)
{
  const char *text =
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">\n"
    "  <title>With a byte-order mark</title>\n"
    "</plan>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = up_plan_load_from_data (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (up_item_get_name (UP_ITEM (plan)), ==, "With a byte-order mark");
}

/* Where things were read from: the compiler cites these. */
static void
test_locations (void)
{
  const char *text =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">\n"
    "  <states>\n"
    "    <state id=\"a\"/><state\n"
    "        id=\"b\"\n"
    "        name=\"Spread over lines\"/>\n"
    "  </states>\n"
    "  <options>\n"
    "    <option id=\"bau\" kind=\"bau\"/>\n"
    "    <option id=\"buy\" kind=\"buy\">\n"
    "      <effect from=\"a\" to=\"b\" relative-risk=\"0.5\"/>\n"
    "    </option>\n"
    "  </options>\n"
    "</plan>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = up_plan_load_from_data (text, strlen (text), NULL, &error);
  UpEffect *effect;
  int line, column;

  g_assert_no_error (error);
  up_item_get_location (UP_ITEM (plan), &line, &column);
  g_assert_cmpint (line, ==, 2);
  g_assert_cmpint (column, ==, 1);
  up_item_get_location (UP_ITEM (up_plan_find_state (plan, "a")), &line, &column);
  g_assert_cmpint (line, ==, 4);
  g_assert_cmpint (column, ==, 5);
  /* The start of the tag, not the line where libxml2 finished reading it. */
  up_item_get_location (UP_ITEM (up_plan_find_state (plan, "b")), &line, &column);
  g_assert_cmpint (line, ==, 4);
  g_assert_cmpint (column, ==, 20);
  effect = up_option_find_effect (up_plan_find_option (plan, "buy"), "a", "b");
  up_item_get_location (UP_ITEM (effect), &line, &column);
  g_assert_cmpint (line, ==, 11);
  g_assert_cmpint (column, ==, 7);
}

/* Every problem is listed, each with its line, column and element path. */
static void
test_all_problems (void)
{
  const char *text =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">\n"
    "  <settings horizon=\"ten\" counting=\"middle\"/>\n"
    "  <options>\n"
    "    <option id=\"bau\" kind=\"bau\"/>\n"
    "    <option id=\"buy\" kind=\"buy\" colour=\"red\">\n"
    "      <effect from=\"a\" to=\"b\" relative-risk=\"0.5\" replace=\"0.2\"/>\n"
    "    </option>\n"
    "  </options>\n"
    "</plan>\n";
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = up_plan_load_from_data (text, strlen (text), problems, &error);
  const UpProblem *p;

  g_assert_null (plan);
  g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "3:13: attribute “horizon”"));
  g_assert_nonnull (strstr (error->message, "(and 3 more problems)"));
  g_assert_cmpuint (problems->len, ==, 4);

  p = problems->pdata[0];
  g_assert_cmpint (p->line, ==, 3);
  g_assert_cmpstr (p->where, ==, "/plan/settings");
  p = problems->pdata[1];
  g_assert_cmpint (p->line, ==, 3);
  g_assert_cmpint (p->column, ==, 27);
  g_assert_nonnull (strstr (p->message, "“middle”"));
  p = problems->pdata[2];
  g_assert_cmpint (p->line, ==, 6);
  g_assert_cmpint (p->column, ==, 33);
  g_assert_cmpstr (p->where, ==, "/plan/options/option[2]");
  g_assert_nonnull (strstr (p->message, "unknown attribute “colour”"));
  p = problems->pdata[3];
  g_assert_cmpint (p->line, ==, 7);
  g_assert_cmpint (p->column, ==, 7);
  g_assert_cmpstr (p->where, ==, "/plan/options/option[2]/effect[1]");
}

static void
test_deep_nesting (void)
{
  GString *text = g_string_new ("<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" "
                                "format=\"1\">");
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = NULL;

  /* Past libxml2's limit of 256 levels, with few elements in all. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "<notes>");
  plan = up_plan_load_from_data (text->str, text->len, problems, &error);
  g_assert_null (plan);
  g_assert_error (error, UP_ERROR, UP_ERROR_PARSE);
  g_assert_cmpuint (problems->len, >=, 1);
  g_assert_cmpint (((UpProblem *) problems->pdata[0])->line, ==, 1);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  /* The path keeps its ends and drops the middle. */
  g_assert_true (g_str_has_prefix (((UpProblem *) problems->pdata[0])->where,
                                   "/plan/notes/notes/notes/…/notes/"));
  g_string_free (text, TRUE);
}

static void
test_too_large (void)
{
  gsize size = UP_PLAN_MAX_BYTES + 1;
  g_autofree char *data = g_malloc0 (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;

  plan = up_plan_load_from_data (data, size, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, UP_ERROR, UP_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* A sparse file: refused from its size, before anything is read. */
  dir = g_dir_make_tmp ("test-xml-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "big.upstream", NULL);
  file = g_file_new_for_path (path);
  out = g_file_create (file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (out), (goffset) size, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);

  plan = up_plan_load_from_file (file, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, UP_ERROR, UP_ERROR_TOO_LARGE);

  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
}

static void
test_save_to_file (void)
{
  g_autoptr(UpPlan) plan = build_full_plan ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-xml-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "plan.upstream", NULL);
  g_autofree char *backup_path = g_build_filename (dir, "plan.upstream~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) backup = g_file_new_for_path (backup_path);
  g_autoptr(GBytes) first = up_plan_save_to_bytes (plan);
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(UpPlan) loaded = NULL;
  g_autoptr(GPtrArray) problems = up_problems_new ();

  g_assert_no_error (error);
  g_assert_true (up_plan_save_to_file (plan, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (backup, NULL));

  up_plan_set_place (plan, "Calderdale");
  g_assert_true (up_plan_save_to_file (plan, file, NULL, &error));
  g_assert_no_error (error);

  /* The old file is kept as "name~". */
  on_disk = g_file_load_bytes (backup, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_bytes (first, on_disk);

  loaded = up_plan_load_from_file (file, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (up_plan_get_place (loaded), ==, "Calderdale");

  g_file_delete (file, NULL, NULL);
  g_file_delete (backup, NULL, NULL);
  g_rmdir (dir);
}

/* Errors are collected per parser context, so loads on many threads at once (as the
 * app does in GTask workers) never see each other's problems. */
static gpointer
load_repeatedly (gpointer data)
{
  const char *text = data;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GPtrArray) problems = up_problems_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(UpPlan) plan = up_plan_load_from_data (text, strlen (text), problems, &error);

      if (strstr (text, "<oops>") != NULL)
        {
          g_assert_null (plan);
          g_assert_cmpuint (problems->len, ==, 2);
          g_assert_nonnull (strstr (error->message, "mismatch"));
          g_assert_nonnull (strstr (((UpProblem *) problems->pdata[1])->message, "Premature"));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (problems->len, ==, 0);
        }
    }
  return NULL;
}

static void
test_threads (void)
{
  const char *good =
    "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">"
    "<title>Fine</title></plan>";
  const char *bad =
    "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">"
    "<oops></plan>";
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("load", load_repeatedly, (gpointer) (i % 2 ? good : bad));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* ---- The RELAX NG schema agrees with the writer -------------------------------- */

static void
ignore_schema_error (void *user_data,
                     const char *format,
                     ...)
{
}

static gboolean
schema_accepts (xmlRelaxNGPtr  schema,
                GBytes        *bytes)
{
  xmlDocPtr doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                 XML_PARSE_NOWARNING);
  xmlRelaxNGValidCtxtPtr ctxt = xmlRelaxNGNewValidCtxt (schema);
  int ret;

  g_assert_nonnull (doc);
  xmlRelaxNGSetValidErrors (ctxt, ignore_schema_error, ignore_schema_error, NULL);
  ret = xmlRelaxNGValidateDoc (ctxt, doc);
  xmlRelaxNGFreeValidCtxt (ctxt);
  xmlFreeDoc (doc);
  return ret == 0;
}

static void
test_schema (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "upstream-plan.rng", NULL);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (pctxt);
  g_autoptr(UpPlan) plan = build_full_plan ();
  g_autoptr(UpPlan) empty = up_plan_new ();
  g_autoptr(GBytes) full_bytes = up_plan_save_to_bytes (plan);
  g_autoptr(GBytes) empty_bytes = up_plan_save_to_bytes (empty);
  const char *structurally_bad[] = {
    "unknown-element", "bad-boolean", "nan", "bad-id", "effect-both", "wrong-namespace",
    "newer-format", "missing-format", "not-integer",
  };

  xmlRelaxNGFreeParserCtxt (pctxt);
  g_assert_nonnull (schema);
  g_assert_true (schema_accepts (schema, full_bytes));
  g_assert_true (schema_accepts (schema, empty_bytes));

  for (guint i = 0; i < G_N_ELEMENTS (structurally_bad); i++)
    {
      g_autofree char *name = g_strconcat (structurally_bad[i], ".upstream", NULL);
      g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad", name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (bad, &contents, &length, NULL));
      bytes = g_bytes_new (contents, length);
      if (schema_accepts (schema, bytes))
        g_error ("the schema accepts %s", name);
    }
  xmlRelaxNGFree (schema);
}

/* The bundled examples: they load without a problem, survive a round trip and satisfy
 * the schema, which must also be quick (libxml2's RELAX NG can take exponential time). */
static void
test_examples (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                     NULL);
  g_autofree char *schema_path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                        "upstream-plan.rng", NULL);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt (schema_path);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (pctxt);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  xmlRelaxNGFreeParserCtxt (pctxt);
  g_assert_nonnull (schema);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GPtrArray) problems = up_problems_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(UpPlan) plan = NULL;
      g_autoptr(UpPlan) again = NULL;
      g_autoptr(GBytes) first = NULL;
      g_autoptr(GBytes) second = NULL;
      g_autoptr(GBytes) original = NULL;
      gint64 start;

      if (!g_str_has_suffix (name, ".upstream"))
        continue;
      g_test_message ("%s", name);
      plan = up_plan_load_from_file (file, problems, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);
      first = up_plan_save_to_bytes (plan);
      again = load_bytes (first);
      second = up_plan_save_to_bytes (again);
      assert_same_bytes (first, second);

      original = g_file_load_bytes (file, NULL, NULL, &error);
      g_assert_no_error (error);
      /* The examples are kept in the saver's own form: load and save give the file back
       * byte for byte. */
      assert_same_bytes (original, first);
      start = g_get_monotonic_time ();
      g_assert_true (schema_accepts (schema, original));
      g_assert_true (schema_accepts (schema, first));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      n++;
    }
  if (n == 0)
    g_test_skip ("no example plans in data/examples");
  xmlRelaxNGFree (schema);
}

/* ---- Bad files ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  int         code;      /* UpError */
  int         line;      /* of the first problem */
  const char *phrase;    /* in the summary and in the first problem */
} BadFile;

static const BadFile bad_files[] = {
  { "malformed", UP_ERROR_PARSE, 6, "Opening and ending tag mismatch: holder line 5" },
  { "wrong-namespace", UP_ERROR_PARSE, 2,
    "in the namespace “https://example.org/not-upstream”" },
  { "no-namespace", UP_ERROR_PARSE, 2, "<plan> has no namespace" },
  { "newer-format", UP_ERROR_TOO_NEW, 2,
    "written in plan format 2; this version of Upstream reads format 1 and older" },
  { "missing-format", UP_ERROR_PARSE, 2, "has no “format” attribute" },
  { "external-entity", UP_ERROR_PARSE, 2, "declares an external entity, which is never read" },
  { "entity-expansion", UP_ERROR_PARSE, 2, "declares entities, which are never expanded" },
  { "external-dtd", UP_ERROR_PARSE, 2, "refers to an external DTD, which is never loaded" },
  { "duplicate-id", UP_ERROR_INVALID, 6, "duplicate state id “stable” (first used on line 4)" },
  { "duplicate-transition", UP_ERROR_INVALID, 6,
    "the transition “stable → crisis” is given twice" },
  { "nan", UP_ERROR_INVALID, 4, "“nan” is not a finite number" },
  { "infinity", UP_ERROR_INVALID, 4, "“infinity” is not a finite number" },
  { "huge-number", UP_ERROR_INVALID, 3, "“1e400” is out of range" },
  { "not-integer", UP_ERROR_INVALID, 3, "“10.5” is not a whole number" },
  { "empty", UP_ERROR_PARSE, 1, "the file is empty" },
  { "bad-boolean", UP_ERROR_INVALID, 4, "expected “true” or “false”, not “yes”" },
  { "bad-id", UP_ERROR_INVALID, 4, "“2nd-option” is not a valid id" },
  { "unknown-element", UP_ERROR_INVALID, 7, "unknown element <discount> in <option>" },
  { "effect-both", UP_ERROR_INVALID, 6, "either “relative-risk” or “replace”, not both" },
  { "bad-distribution", UP_ERROR_INVALID, 4, "beta needs alpha > 0" },
  { "invalid-utf8", UP_ERROR_PARSE, 3, "the file is not valid UTF-8 (bytes 0xE9" },
};

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *name = g_strconcat (bad->name, ".upstream", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = up_plan_load_from_file (file, problems, &error);
  const UpProblem *first = NULL;

  g_assert_null (plan);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", name, error->message);
  g_assert_error (error, UP_ERROR, bad->code);
  g_assert_nonnull (strstr (error->message, bad->phrase));
  /* The summary starts with the file and the position: "file:line:column: …". */
  g_assert_true (g_str_has_prefix (error->message, path));

  for (guint i = 0; i < problems->len && first == NULL; i++)
    if (((UpProblem *) problems->pdata[i])->severity == UP_SEVERITY_ERROR)
      first = problems->pdata[i];
  g_assert_nonnull (first);
  g_assert_cmpint (first->line, ==, bad->line);
  g_assert_cmpint (first->column, >, 0);
  g_assert_nonnull (strstr (first->message, bad->phrase));
  /* Nothing was read from outside the file. */
  g_assert_null (strstr (error->message, "root:"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/up/xml/round-trip", test_round_trip);
  g_test_add_func ("/up/xml/pins", test_pins);
  g_test_add_func ("/up/xml/empty-plan", test_empty_plan);
  g_test_add_func ("/up/xml/unwritable-text", test_unwritable_text);
  g_test_add_func ("/up/xml/awkward-doubles", test_awkward_doubles);
  g_test_add_func ("/up/xml/locale", test_locale);
  g_test_add_func ("/up/xml/bom", test_bom);
  g_test_add_func ("/up/xml/locations", test_locations);
  g_test_add_func ("/up/xml/all-problems", test_all_problems);
  g_test_add_func ("/up/xml/deep-nesting", test_deep_nesting);
  g_test_add_func ("/up/xml/too-large", test_too_large);
  g_test_add_func ("/up/xml/save-to-file", test_save_to_file);
  g_test_add_func ("/up/xml/threads", test_threads);
  g_test_add_func ("/up/xml/schema", test_schema);
  g_test_add_func ("/up/xml/examples", test_examples);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *test_path = g_strconcat ("/up/xml/bad/", bad_files[i].name, NULL);

      g_test_add_data_func (test_path, &bad_files[i], test_bad_file);
    }

  return g_test_run ();
}
