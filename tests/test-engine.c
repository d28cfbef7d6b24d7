/* test-engine.c: the engine against models worked by hand
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected number here was worked out on paper from docs/engine.md; the
 * arithmetic is in the comments so a reader can check it.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "upstream-core.h"

#define EPS 1e-9

#define assert_near(a, b) \
  G_STMT_START { \
    double _a = (a), _b = (b); \
    if (!(fabs (_a - _b) <= EPS * (1.0 + fabs (_b)))) \
      g_error ("%s:%d: %s = %.17g, expected %.17g", __FILE__, __LINE__, #a, _a, _b); \
  } G_STMT_END

/* The two-state model used throughout:
 *   states: well (A), crisis (B, crisis)
 *   P[A][B] = 0.1, P[B][A] = 0.5; cohort 1000, all in A; horizon 3
 *   A uses 1 × gp (£100, nhs) a year; B uses 1 × bed (£1,000, nhs, cashable 0.5);
 *   entering B costs 1 × ae (£50, nhs)
 *   costs discounted at a constant 3.5 %, first cycle undiscounted
 *   BAU has nothing; "help" (eligible A) cuts A→B with relative risk 0.5,
 *   costs £10,000 a year, paid by the council. */
static UpPlan *
make_two_state_plan (void)
{
  UpPlan *plan = up_plan_new ();
  g_autoptr(UpBudgetHolder) nhs = up_budget_holder_new ("nhs", "NHS");
  g_autoptr(UpBudgetHolder) council = up_budget_holder_new ("council", "Council");
  g_autoptr(UpCostItem) gp = up_cost_item_new ("gp", "GP");
  g_autoptr(UpCostItem) bed = up_cost_item_new ("bed", "Bed");
  g_autoptr(UpCostItem) ae = up_cost_item_new ("ae", "A&E");
  g_autoptr(UpState) a = up_state_new ("well", "Well");
  g_autoptr(UpState) b = up_state_new ("crisis", "Crisis");
  g_autoptr(UpSchedule) p_ab = up_schedule_new_constant (0.1);
  g_autoptr(UpSchedule) p_ba = up_schedule_new_constant (0.5);
  g_autoptr(UpTransition) t_ab = up_transition_new ("well", "crisis", p_ab);
  g_autoptr(UpTransition) t_ba = up_transition_new ("crisis", "well", p_ba);
  g_autoptr(UpOption) bau = up_option_new ("bau", "Business as usual", UP_OPTION_BAU);
  g_autoptr(UpOption) help = up_option_new ("help", "Help", UP_OPTION_COMMUNITISE);
  g_autoptr(UpSchedule) rr = up_schedule_new_constant (0.5);
  g_autoptr(UpEffect) effect = up_effect_new ("well", "crisis", UP_EFFECT_RELATIVE_RISK, rr);
  g_autoptr(UpCostLine) l1 = up_cost_line_new ("gp", 1, NULL);
  g_autoptr(UpCostLine) l2 = up_cost_line_new ("bed", 1, NULL);
  g_autoptr(UpCostLine) l3 = up_cost_line_new ("ae", 1, NULL);
  const char *eligible[] = { "well", NULL };

  g_object_set (plan, "horizon", 3.0, "start-year", 2026.0, "cohort-size", 1000.0,
                "discount-costs", UP_DISCOUNT_CONSTANT, "discount-costs-rate", 0.035,
                "discount-outcomes", UP_DISCOUNT_CONSTANT, "discount-outcomes-rate", 0.015,
                NULL);
  g_list_store_append (up_plan_get_holders (plan), nhs);
  g_list_store_append (up_plan_get_holders (plan), council);
  g_object_set (gp, "cost", 100.0, "holder", "nhs", NULL);
  g_object_set (bed, "cost", 1000.0, "holder", "nhs", "cashable", 0.5, NULL);
  g_object_set (ae, "cost", 50.0, "holder", "nhs", NULL);
  g_list_store_append (up_plan_get_cost_items (plan), gp);
  g_list_store_append (up_plan_get_cost_items (plan), bed);
  g_list_store_append (up_plan_get_cost_items (plan), ae);
  g_object_set (a, "initial", 1.0, "inflow-share", 1.0, NULL);
  g_object_set (b, "crisis", TRUE, NULL);
  g_list_store_append (up_state_get_use (a), l1);
  g_list_store_append (up_state_get_use (b), l2);
  g_list_store_append (up_state_get_entry (b), l3);
  g_list_store_append (up_plan_get_states (plan), a);
  g_list_store_append (up_plan_get_states (plan), b);
  g_list_store_append (up_plan_get_transitions (plan), t_ab);
  g_list_store_append (up_plan_get_transitions (plan), t_ba);
  g_list_store_append (up_plan_get_options (plan), bau);
  g_object_set (help, "take-up", 1.0, "fixed-cost", 10000.0, NULL);
  up_option_set_eligible (help, eligible);
  up_option_set_funding (help, "council", 1.0);
  g_list_store_append (up_option_get_effects (help), effect);
  g_list_store_append (up_plan_get_options (plan), help);
  return plan;
}

static UpResults *
project (UpPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(UpModel) model = up_model_compile (plan, NULL, problems, &error);

  if (model == NULL)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("%s\n", ((UpProblem *) problems->pdata[i])->message);
      g_error ("compile failed: %s", error->message);
    }
  return up_model_project (model);
}

static UpOption *
option (UpPlan     *plan,
        const char *id)
{
  return up_plan_find_option (plan, id);
}

static double
cycle_money (UpResults *r, int o, int k, UpCostKind c)
{
  double sum = 0;

  for (int h = 0; h < r->n_holders; h++)
    sum += up_results_cost (r, o, k, h, c);
  return sum;
}

static void
test_trace_and_counting (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = NULL;

  /* BAU trace: n1 = (900, 100); n2 = (900·.9 + 100·.5, 900·.1 + 100·.5) = (860, 140);
   * n3 = (860·.9 + 140·.5, 86 + 70) = (844, 156). */
  r = project (plan);
  assert_near (up_results_trace (r, 0, 1, 0), 900);
  assert_near (up_results_trace (r, 0, 1, 1), 100);
  assert_near (up_results_trace (r, 0, 2, 0), 860);
  assert_near (up_results_trace (r, 0, 2, 1), 140);
  assert_near (up_results_trace (r, 0, 3, 0), 844);
  assert_near (up_results_trace (r, 0, 3, 1), 156);

  /* beginning: rows 0, 1, 2 → 1000·100 = 100,000; 900·100 + 100·1000 = 190,000;
   * 860·100 + 140·1000 = 226,000 */
  assert_near (cycle_money (r, 0, 1, UP_COST_SERVICE), 100000);
  assert_near (cycle_money (r, 0, 2, UP_COST_SERVICE), 190000);
  assert_near (cycle_money (r, 0, 3, UP_COST_SERVICE), 226000);
  /* entries into crisis: 100, 90, 86 people × £50 */
  assert_near (cycle_money (r, 0, 1, UP_COST_ENTRY), 5000);
  assert_near (cycle_money (r, 0, 2, UP_COST_ENTRY), 4500);
  assert_near (cycle_money (r, 0, 3, UP_COST_ENTRY), 4300);
  /* crisis cost: bed days and the entries into crisis */
  assert_near (cycle_money (r, 0, 2, UP_COST_CRISIS), 100000 + 4500);
  assert_near (r->episodes[0], 100);
  assert_near (r->episodes[1], 90);
  assert_near (r->episodes[2], 86);
  g_clear_pointer (&r, up_results_free);

  /* end: rows 1, 2, 3 → 190,000; 226,000; 844·100 + 156·1000 = 240,400 */
  up_plan_set_counting (plan, UP_COUNTING_END);
  r = project (plan);
  assert_near (cycle_money (r, 0, 1, UP_COST_SERVICE), 190000);
  assert_near (cycle_money (r, 0, 2, UP_COST_SERVICE), 226000);
  assert_near (cycle_money (r, 0, 3, UP_COST_SERVICE), 240400);
  /* entry costs do not depend on the counting method */
  assert_near (cycle_money (r, 0, 3, UP_COST_ENTRY), 4300);
  g_clear_pointer (&r, up_results_free);

  /* life-table: (950, 50) → 145,000; (880, 120) → 208,000; (852, 148) → 233,200 */
  up_plan_set_counting (plan, UP_COUNTING_LIFE_TABLE);
  r = project (plan);
  assert_near (cycle_money (r, 0, 1, UP_COST_SERVICE), 145000);
  assert_near (cycle_money (r, 0, 2, UP_COST_SERVICE), 208000);
  assert_near (cycle_money (r, 0, 3, UP_COST_SERVICE), 233200);
}

static void
test_discount_timing (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = NULL;
  double d = 1.035;

  /* First cycle undiscounted: t = 0, 1, 2. BAU service + entry, discounted:
   * 105,000 + 194,500/1.035 + 230,300/1.035² */
  r = project (plan);
  assert_near (r->metrics[0].service + r->metrics[0].entry,
               105000 + 194500 / d + 230300 / (d * d));
  g_clear_pointer (&r, up_results_free);

  /* First cycle discounted: t = 1, 2, 3 */
  up_plan_set_discount_first_cycle (plan, TRUE);
  r = project (plan);
  assert_near (r->metrics[0].service + r->metrics[0].entry,
               105000 / d + 194500 / (d * d) + 230300 / (d * d * d));
}

static void
test_option_metrics (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = project (plan);
  double d = 1.035, gross, extra;
  UpMetrics *mt = &r->metrics[1];

  /* With help, M[A][B] = 0.1 + 1·(0.05 − 0.1) = 0.05:
   * n1 = (950, 50); n2 = (950·.95 + 50·.5, 47.5 + 25) = (927.5, 72.5);
   * n3 = (927.5·.95 + 72.5·.5, 46.375 + 36.25) = (917.375, 82.625) */
  assert_near (up_results_trace (r, 1, 1, 0), 950);
  assert_near (up_results_trace (r, 1, 2, 0), 927.5);
  assert_near (up_results_trace (r, 1, 3, 1), 82.625);
  /* service: 100,000; 95,000 + 50,000; 92,750 + 72,500. entry: 2,500; 2,375; 2,318.75 */
  assert_near (cycle_money (r, 1, 2, UP_COST_SERVICE), 145000);
  assert_near (cycle_money (r, 1, 3, UP_COST_SERVICE), 165250);
  assert_near (cycle_money (r, 1, 3, UP_COST_ENTRY), 2318.75);
  assert_near (cycle_money (r, 1, 1, UP_COST_DELIVERY), 10000);

  /* PC_BAU = 105,000; 194,500; 230,300. PC_help = 112,500; 157,375; 177,568.75.
   * Net −7,500; 37,125; 52,731.25. Cumulative discounted: −7,500 then
   * −7,500 + 37,125/1.035 = 28,369.57 ≥ 0: breaks even in cycle 2, 2027. */
  assert_near (r->cum_net[3 + 0], -7500);
  assert_near (r->cum_net[3 + 1], -7500 + 37125 / d);
  g_assert_cmpint (mt->break_even_cycle, ==, 2);
  g_assert_cmpint (mt->break_even_year, ==, 2027);

  gross = (105000 - 102500) + (194500 - 147375) / d + (230300 - 167568.75) / (d * d);
  extra = 10000 * (1 + 1 / d + 1 / (d * d));
  assert_near (mt->gross_savings, gross);
  assert_near (mt->extra_delivery, extra);
  assert_near (mt->npbi, gross - extra);
  assert_near (mt->roi, gross / extra);
  /* Per holder: the council pays, the NHS saves. */
  assert_near (r->holder_extra[1 * 2 + 1], extra);
  assert_near (r->holder_savings[1 * 2 + 0], gross);
  assert_near (r->holder_net[1 * 2 + 0], gross);
  assert_near (r->holder_net[1 * 2 + 1], -extra);

  /* Cashable: gp saves (100,000 + 90,000/d + 86,000/d²) − (100,000 + 95,000/d + 92,750/d²)
   * which is negative (more people stay well), so it counts in full; bed saves
   * (100,000/d + 140,000/d²) − (50,000/d + 72,500/d²), half cashable; ae saves
   * (5,000 + 4,500/d + 4,300/d²) − (2,500 + 2,375/d + 2,318.75/d²), fully cashable. */
  {
    double gp = (90000 - 95000) / d + (86000 - 92750) / (d * d);
    double bed = (100000 - 50000) / d + (140000 - 72500) / (d * d);
    double ae = 2500 + (4500 - 2375) / d + (4300 - 2318.75) / (d * d);

    assert_near (mt->cashable_savings, gp + 0.5 * bed + ae);
  }

  /* Crisis episodes: 100 + 90 + 86 = 276 against 50 + 47.5 + 46.375 = 143.875 */
  assert_near (mt->crisis_episodes_avoided, 276 - 143.875);
  assert_near (mt->cost_per_episode_avoided, -(gross - extra) / (276 - 143.875));
  g_assert_true (isnan (r->metrics[0].roi));
  g_assert_cmpint (r->metrics[0].break_even_cycle, ==, 0);
}

static void
assert_same_as_bau (UpResults *r)
{
  gsize trace = (gsize) (r->n_cycles + 1) * r->n_states;
  gsize cost = (gsize) r->n_cycles * r->n_holders * UP_COST_N;

  /* bit for bit: trace and service/entry costs */
  g_assert_cmpint (memcmp (r->trace, r->trace + trace, trace * sizeof (double)), ==, 0);
  for (gsize i = 0; i < cost; i++)
    if (i % UP_COST_N != UP_COST_DELIVERY)
      g_assert_cmpint (memcmp (&r->cost[i], &r->cost[cost + i], sizeof (double)), ==, 0);
}

static void
test_null_options (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = NULL;
  g_autoptr(UpSchedule) one = up_schedule_new_constant (1.0);

  g_object_set (option (plan, "help"), "take-up", 0.0, NULL);
  r = project (plan);
  assert_same_as_bau (r);
  g_clear_pointer (&r, up_results_free);

  g_object_set (option (plan, "help"), "take-up", 0.7, NULL);
  up_effect_set_value (up_option_find_effect (option (plan, "help"), "well", "crisis"), one);
  r = project (plan);
  assert_same_as_bau (r);
}

static void
test_capacity (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = NULL;
  double rho2;

  g_object_set (option (plan, "help"), "has-capacity", TRUE, "capacity", 500.0,
                "participant-cost", 10.0, NULL);
  r = project (plan);
  /* E1 = 1000 > 500 → ρ1 = 0.5; M[A][B] = 0.1 + 0.5·(0.05 − 0.1) = 0.075 → n1 = (925, 75) */
  assert_near (r->rho[3], 0.5);
  assert_near (up_results_trace (r, 1, 1, 0), 925);
  /* E2 = 925 → ρ2 = 500/925 */
  rho2 = 500.0 / 925.0;
  assert_near (r->rho[4], rho2);
  /* participant-years (beginning): ρ1·1000 = 500, ρ2·925 = 500 */
  assert_near (r->participants[3], 500);
  assert_near (r->participants[4], 500);
  /* delivery: 10,000 + 10 × 500 */
  assert_near (cycle_money (r, 1, 1, UP_COST_DELIVERY), 15000);
  g_clear_pointer (&r, up_results_free);

  /* capacity 0: nobody takes part */
  g_object_set (option (plan, "help"), "capacity", 0.0, NULL);
  r = project (plan);
  assert_same_as_bau (r);
}

static void
test_ramp_and_drop_off (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = NULL;

  /* R = 1: e1 = 1/2, e2 = e3 = 1. P*1 = 0.1·(1 − 0.5·0.5) = 0.075 → n1 = (925, 75) */
  g_object_set (option (plan, "help"), "ramp-up", 1.0, NULL);
  r = project (plan);
  assert_near (r->strength[3], 0.5);
  assert_near (r->strength[4], 1.0);
  assert_near (up_results_trace (r, 1, 1, 0), 925);
  g_clear_pointer (&r, up_results_free);

  /* One active cycle, drop-off 0.5, R = 0: e1 = 1, e2 = 0.5, e3 = 0.25; ρ stays 1.
   * n1 = (950, 50); P*2 = 0.1·(1 − 0.5·0.5) = 0.075:
   * n2 = (950·.925 + 50·.5, 950·.075 + 25) = (903.75, 96.25).
   * Fixed cost only inside the window: 10,000 in cycle 1, nothing after. */
  g_object_set (option (plan, "help"), "ramp-up", 0.0, "active-cycles", 1.0,
                "drop-off", 0.5, NULL);
  r = project (plan);
  assert_near (r->strength[4], 0.5);
  assert_near (r->strength[5], 0.25);
  assert_near (r->rho[5], 1.0);
  assert_near (up_results_trace (r, 1, 2, 0), 903.75);
  assert_near (cycle_money (r, 1, 1, UP_COST_DELIVERY), 10000);
  assert_near (cycle_money (r, 1, 2, UP_COST_DELIVERY), 0);
  g_clear_pointer (&r, up_results_free);

  /* drop-off 1 ends the effect at l + 1: cycle 2 is the baseline row again */
  g_object_set (option (plan, "help"), "drop-off", 1.0, NULL);
  r = project (plan);
  assert_near (r->strength[4], 0.0);
  /* n2 = (950·.9 + 50·.5, 95 + 25) = (880, 120) */
  assert_near (up_results_trace (r, 1, 2, 0), 880);
  g_clear_pointer (&r, up_results_free);

  /* start in cycle 2: cycle 1 follows the baseline */
  g_object_set (option (plan, "help"), "first-cycle", 2.0, "active-cycles", 0.0, NULL);
  r = project (plan);
  assert_near (up_results_trace (r, 1, 1, 0), 900);
  assert_near (cycle_money (r, 1, 1, UP_COST_DELIVERY), 0);
  /* n2 = (900·.95 + 100·.5, 45 + 50) = (905, 95) */
  assert_near (up_results_trace (r, 1, 2, 0), 905);
}

static void
test_replacement_and_adjusters (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = NULL;
  g_autoptr(UpSchedule) v = up_schedule_new ((double[]) { 0.02, 0.04 }, 2);
  UpEffect *effect = up_option_find_effect (option (plan, "help"), "well", "crisis");

  /* replace with 0.02 then 0.04 (kept), deadweight 0.2, attribution 0.5:
   * s = 1 · 0.8 · 0.5 = 0.4; P*1 = 0.6·0.1 + 0.4·0.02 = 0.068; n1 = (932, 68);
   * P*2 = 0.6·0.1 + 0.4·0.04 = 0.076; n2 = (932·.924 + 68·.5, 932·.076 + 34) */
  up_effect_set_kind (effect, UP_EFFECT_REPLACE);
  up_effect_set_value (effect, v);
  g_object_set (option (plan, "help"), "deadweight", 0.2, "attribution", 0.5, NULL);
  r = project (plan);
  assert_near (up_results_trace (r, 1, 1, 0), 932);
  assert_near (up_results_trace (r, 1, 2, 1), 932 * 0.076 + 34);
}

static void
test_inflow_and_conservation (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = NULL;
  g_autoptr(UpSchedule) inflow = up_schedule_new ((double[]) { 100, 50 }, 2);

  /* 100 arrive with transition 1, then 50 a cycle: n1 = (900 + 100, 100);
   * arrivals are not entries, so entry costs are unchanged in cycle 1 */
  up_plan_set_inflow (plan, inflow);
  r = project (plan);
  assert_near (up_results_trace (r, 0, 1, 0), 1000);
  assert_near (cycle_money (r, 0, 1, UP_COST_ENTRY), 5000);
  for (int o = 0; o < 2; o++)
    {
      assert_near (up_results_trace (r, o, 1, 0) + up_results_trace (r, o, 1, 1), 1100);
      assert_near (up_results_trace (r, o, 2, 0) + up_results_trace (r, o, 2, 1), 1150);
      assert_near (up_results_trace (r, o, 3, 0) + up_results_trace (r, o, 3, 1), 1200);
    }
}

static void
test_greenbook_factors (void)
{
  double df30 = pow (1.035, -30);
  double df75 = df30 * pow (1.03, -45);
  double h30 = pow (1.015, -30);

  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK, 0, 0), 1.0);
  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK, 0, 1), 1 / 1.035);
  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK, 0, 30), df30);
  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK, 0, 31), df30 / 1.03);
  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK, 0, 75), df75);
  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK, 0, 76), df75 / 1.025);
  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK, 0, 126),
               df75 * pow (1.025, -50) / 1.02);
  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK_HEALTH, 0, 30), h30);
  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK_HEALTH, 0, 31), h30 / 1.0129);
  assert_near (up_discount_factor (UP_DISCOUNT_GREENBOOK_HEALTH, 0, 76),
               h30 * pow (1.0129, -45) / 1.0107);
  assert_near (up_discount_factor (UP_DISCOUNT_CONSTANT, 0.05, 2), 1 / 1.1025);
}

static void
test_price_uplift_and_outcomes (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = NULL;
  g_autoptr(UpMeasure) ly = up_measure_new ("well-years", "Years well");
  g_autoptr(UpSchedule) w = up_schedule_new_constant (1.0);

  /* gp priced in 2020 (index 80), base 2024 (index 100): £100 → £125 */
  up_plan_set_price_index_value (plan, 2020, 80);
  up_plan_set_price_index_value (plan, 2024, 100);
  g_object_set (plan, "price-base-year", 2024.0, NULL);
  g_object_set (up_plan_find_cost_item (plan, "gp"), "price-year", 2020.0, NULL);
  g_object_set (up_plan_find_cost_item (plan, "bed"), "price-year", 2024.0, NULL);
  g_object_set (up_plan_find_cost_item (plan, "ae"), "price-year", 2024.0, NULL);
  g_object_set (ly, "value", 1000.0, "counting", UP_COUNTING_END, NULL);
  g_list_store_append (up_plan_get_measures (plan), ly);
  up_state_set_weight (up_plan_find_state (plan, "well"), "well-years", w);

  r = project (plan);
  assert_near (cycle_money (r, 0, 1, UP_COST_SERVICE), 125000);
  /* Years well counted at the end of each cycle (the measure's own method):
   * BAU 900, 860, 844; help 950, 927.5, 917.375; discounted at 1.5 % from t = 0 */
  assert_near (r->outcomes[0], 900);
  assert_near (r->outcomes[2], 844);
  assert_near (r->outcome_delta[1], 50 + 67.5 / 1.015 + 73.375 / (1.015 * 1.015));
  assert_near (r->metrics[1].monetised_outcome_gain, 1000 * r->outcome_delta[1]);
  assert_near (r->icer[1], (r->metrics[1].public_cost - r->metrics[0].public_cost) /
                           r->outcome_delta[1]);
  /* NPSV: all-holder costs (no community here) plus the monetised gain */
  assert_near (r->metrics[1].npsv, r->metrics[1].npbi + r->metrics[1].monetised_outcome_gain);
  g_clear_pointer (&r, up_results_free);

  /* a price year missing from the table is a plan error */
  g_object_set (up_plan_find_cost_item (plan, "gp"), "price-year", 2019.0, NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) problems = up_problems_new ();
    g_autoptr(UpModel) model = up_model_compile (plan, NULL, problems, &error);

    g_assert_null (model);
    g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
    g_assert_nonnull (strstr (((UpProblem *) problems->pdata[0])->message, "2019"));
  }
}

static void
test_community (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(UpResults) r = NULL;
  double d = 1.035;

  /* 2 volunteer hours per participant-year at £15, £1,000 in kind; participants
   * (beginning, take-up 1): 1000, 950, 927.5 → community 31,000; 29,500; 28,825 */
  g_object_set (option (plan, "help"), "volunteer-hours", 2.0, "volunteer-value", 15.0,
                "in-kind", 1000.0, NULL);
  r = project (plan);
  assert_near (r->community[3], 31000);
  assert_near (r->community[5], 28825);
  assert_near (r->metrics[1].community, 31000 + 29500 / d + 28825 / (d * d));
  /* community is no holder's cost: NPBI is unchanged, NPSV pays for it */
  assert_near (r->metrics[1].npsv, r->metrics[1].npbi - r->metrics[1].community);
  assert_near (r->metrics[1].community_per_public_delivery,
               r->metrics[1].community / r->metrics[1].delivery_public);
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *phrase)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (((UpProblem *) problems->pdata[i])->message, phrase) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_plan_errors (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpSchedule) big = up_schedule_new_constant (0.95);
  g_autoptr(UpSchedule) rr = up_schedule_new_constant (12.0);
  g_autoptr(UpTransition) t = up_transition_new ("well", "nowhere", big);

  /* Three independent problems, all reported:
   * 1. a transition to a state that does not exist
   * 2. a relative risk of 12 makes P*[A][B] = 0.1·(1 + 11) = 1.2 > 1
   * 3. funding shares of 0.5 for an option with delivery costs */
  g_list_store_append (up_plan_get_transitions (plan), t);
  up_effect_set_value (up_option_find_effect (option (plan, "help"), "well", "crisis"), rr);
  up_option_set_funding (option (plan, "help"), "council", 0.5);
  model = up_model_compile (plan, NULL, problems, &error);
  g_assert_null (model);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((UpProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (up_problems_count (problems, UP_SEVERITY_ERROR), ==, 3);
  g_assert_true (has_problem (problems, "“nowhere”, which is not a state"));
  g_assert_true (has_problem (problems, "from “well” to “crisis” in transition 1 is 1.2"));
  g_assert_true (has_problem (problems, "funding shares add up to 0.5"));
}

static void
test_row_above_one (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpSchedule) v = up_schedule_new ((double[]) { 0.5, 0.6 }, 2);
  g_autoptr(UpState) c = up_state_new ("care", "Care");
  g_autoptr(UpTransition) t1 = up_transition_new ("crisis", "care", v);

  /* crisis → well 0.5 and crisis → care 0.6 in cycle 2: the row adds up to 1.1 */
  g_list_store_append (up_plan_get_states (plan), c);
  g_list_store_append (up_plan_get_transitions (plan), t1);
  model = up_model_compile (plan, NULL, problems, &error);
  g_assert_null (model);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((UpProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (has_problem (problems, "out of state “crisis” add up to 1.1 in cycle 2"));
}

static void
test_eligible_own_list (void)
{
  g_autoptr(UpPlan) plan = make_two_state_plan ();
  UpOption *help = option (plan, "help");
  const char *both[] = { "well", "crisis", NULL };

  /* Setting an option's eligible states to its own list must keep them. */
  up_option_set_eligible (help, both);
  up_option_set_eligible (help, up_option_get_eligible (help));
  g_assert_cmpstrv (up_option_get_eligible (help), both);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/up/engine/trace-and-counting", test_trace_and_counting);
  g_test_add_func ("/up/engine/discount-timing", test_discount_timing);
  g_test_add_func ("/up/engine/option-metrics", test_option_metrics);
  g_test_add_func ("/up/engine/null-options", test_null_options);
  g_test_add_func ("/up/engine/capacity", test_capacity);
  g_test_add_func ("/up/engine/ramp-and-drop-off", test_ramp_and_drop_off);
  g_test_add_func ("/up/engine/replacement-and-adjusters", test_replacement_and_adjusters);
  g_test_add_func ("/up/engine/inflow-and-conservation", test_inflow_and_conservation);
  g_test_add_func ("/up/engine/greenbook-factors", test_greenbook_factors);
  g_test_add_func ("/up/engine/price-uplift-and-outcomes", test_price_uplift_and_outcomes);
  g_test_add_func ("/up/engine/community", test_community);
  g_test_add_func ("/up/engine/plan-errors", test_plan_errors);
  g_test_add_func ("/up/engine/row-above-one", test_row_above_one);
  g_test_add_func ("/up/engine/eligible-own-list", test_eligible_own_list);
  return g_test_run ();
}
