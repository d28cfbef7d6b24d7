/* test-results-table.c: the Results view's tables, without a display
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are built from a small plan made in code; every raw value must be the
 * engine's own number, and the display strings must say "—" where there is none.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "up-results-table.h"

#define assert_same(a, b) \
  G_STMT_START { \
    double _a = (a), _b = (b); \
    if (!((isnan (_a) && isnan (_b)) || _a == _b)) \
      g_error ("%s:%d: %s = %.17g, expected %.17g", __FILE__, __LINE__, #a, _a, _b); \
  } G_STMT_END

#define assert_near(a, b) \
  G_STMT_START { \
    double _a = (a), _b = (b); \
    if (!(fabs (_a - _b) <= 1e-9 * (1.0 + fabs (_b)))) \
      g_error ("%s:%d: %s = %.17g, expected %.17g", __FILE__, __LINE__, #a, _a, _b); \
  } G_STMT_END

/* Three states (stable, need, crisis); four holders: the NHS and the council pool their
 * budgets, the police do not, and the community is not public. Business as usual and a
 * communitised option that halves need → crisis for half the people in need, paid by
 * the council (80%) and the community (20%), with volunteers. One outcome measure. */
static UpPlan *
make_plan (void)
{
  UpPlan *plan = up_plan_new ();
  g_autoptr(UpBudgetHolder) nhs = up_budget_holder_new ("nhs", "NHS");
  g_autoptr(UpBudgetHolder) council = up_budget_holder_new ("council", "Council");
  g_autoptr(UpBudgetHolder) police = up_budget_holder_new ("police", "Police");
  g_autoptr(UpBudgetHolder) community = up_budget_holder_new ("community", "Community");
  g_autoptr(UpCostItem) gp = up_cost_item_new ("gp", "GP");
  g_autoptr(UpCostItem) bed = up_cost_item_new ("bed", "Bed day");
  g_autoptr(UpCostItem) arrest = up_cost_item_new ("arrest", "Arrest");
  g_autoptr(UpState) stable = up_state_new ("stable", "Stable");
  g_autoptr(UpState) need = up_state_new ("need", "Need");
  g_autoptr(UpState) crisis = up_state_new ("crisis", "Crisis");
  g_autoptr(UpMeasure) wellbeing = up_measure_new ("wellbeing", "Wellbeing");
  g_autoptr(UpSchedule) w1 = up_schedule_new_constant (1.0);
  g_autoptr(UpSchedule) w2 = up_schedule_new_constant (0.6);
  g_autoptr(UpSchedule) w3 = up_schedule_new_constant (0.2);
  g_autoptr(UpSchedule) p1 = up_schedule_new_constant (0.2);
  g_autoptr(UpSchedule) p2 = up_schedule_new_constant (0.3);
  g_autoptr(UpSchedule) p3 = up_schedule_new_constant (0.4);
  g_autoptr(UpTransition) t1 = up_transition_new ("stable", "need", p1);
  g_autoptr(UpTransition) t2 = up_transition_new ("need", "crisis", p2);
  g_autoptr(UpTransition) t3 = up_transition_new ("crisis", "need", p3);
  g_autoptr(UpOption) bau = up_option_new ("bau", "Business as usual", UP_OPTION_BAU);
  g_autoptr(UpOption) comm = up_option_new ("comm", "Peer network", UP_OPTION_COMMUNITISE);
  g_autoptr(UpSchedule) rr = up_schedule_new_constant (0.5);
  g_autoptr(UpEffect) effect = up_effect_new ("need", "crisis", UP_EFFECT_RELATIVE_RISK, rr);
  g_autoptr(UpCostLine) l1 = up_cost_line_new ("gp", 2, NULL);
  g_autoptr(UpCostLine) l2 = up_cost_line_new ("bed", 10, NULL);
  g_autoptr(UpCostLine) l3 = up_cost_line_new ("arrest", 1, NULL);
  const char *eligible[] = { "need", NULL };

  up_item_set_name (UP_ITEM (plan), "Test plan");
  g_object_set (plan, "horizon", 6.0, "start-year", 2026.0, "cohort-size", 1000.0,
                "discount-costs", UP_DISCOUNT_GREENBOOK, NULL);
  g_object_set (nhs, "public", TRUE, "pooled", TRUE, NULL);
  g_object_set (council, "public", TRUE, "pooled", TRUE, NULL);
  g_object_set (police, "public", TRUE, "pooled", FALSE, NULL);
  g_object_set (community, "public", FALSE, "pooled", FALSE, NULL);
  g_list_store_append (up_plan_get_holders (plan), nhs);
  g_list_store_append (up_plan_get_holders (plan), council);
  g_list_store_append (up_plan_get_holders (plan), police);
  g_list_store_append (up_plan_get_holders (plan), community);
  g_object_set (gp, "cost", 40.0, "holder", "nhs", "cashable", 0.1, NULL);
  g_object_set (bed, "cost", 400.0, "holder", "nhs", "cashable", 0.5, NULL);
  g_object_set (arrest, "cost", 600.0, "holder", "police", "cashable", 0.2, NULL);
  g_list_store_append (up_plan_get_cost_items (plan), gp);
  g_list_store_append (up_plan_get_cost_items (plan), bed);
  g_list_store_append (up_plan_get_cost_items (plan), arrest);
  g_object_set (stable, "initial", 0.5, NULL);
  g_object_set (need, "initial", 0.4, NULL);
  g_object_set (crisis, "initial", 0.1, "crisis", TRUE, NULL);
  g_list_store_append (up_state_get_use (need), l1);
  g_list_store_append (up_state_get_use (crisis), l2);
  g_list_store_append (up_state_get_entry (crisis), l3);
  up_state_set_weight (stable, "wellbeing", w1);
  up_state_set_weight (need, "wellbeing", w2);
  up_state_set_weight (crisis, "wellbeing", w3);
  g_list_store_append (up_plan_get_states (plan), stable);
  g_list_store_append (up_plan_get_states (plan), need);
  g_list_store_append (up_plan_get_states (plan), crisis);
  g_object_set (wellbeing, "value", 5000.0, NULL);
  g_list_store_append (up_plan_get_measures (plan), wellbeing);
  g_list_store_append (up_plan_get_transitions (plan), t1);
  g_list_store_append (up_plan_get_transitions (plan), t2);
  g_list_store_append (up_plan_get_transitions (plan), t3);
  g_list_store_append (up_plan_get_options (plan), bau);
  g_object_set (comm, "take-up", 0.5, "fixed-cost", 60000.0, "participant-cost", 150.0,
                "volunteer-hours", 10.0, "volunteer-value", 11.0, NULL);
  up_option_set_eligible (comm, eligible);
  up_option_set_funding (comm, "council", 0.8);
  up_option_set_funding (comm, "community", 0.2);
  g_list_store_append (up_option_get_effects (comm), effect);
  g_list_store_append (up_plan_get_options (plan), comm);
  return plan;
}

static UpModel *
compile (UpPlan *plan)
{
  g_autoptr(GError) error = NULL;
  UpModel *model = up_model_compile (plan, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static int
column_of (const UpResultsTable *table,
           const char           *id)
{
  for (guint i = 0; i < table->n_columns; i++)
    if (g_strcmp0 (table->column_ids[i], id) == 0)
      return (int) i;
  g_error ("no column %s", id);
  return -1;
}

static const UpResultsRow *
row_of (const UpResultsTable *table,
        const char           *key)
{
  const UpResultsRow *row = up_results_table_find (table, key);

  if (row == NULL)
    g_error ("no row %s", key);
  return row;
}

static void
test_scorecard_values (void)
{
  g_autoptr(UpPlan) plan = make_plan ();
  g_autoptr(UpModel) model = compile (plan);
  g_autoptr(UpResults) r = up_model_project (model);
  g_autoptr(UpResultsTable) table = up_results_table_scorecard (model, r);
  const char *currency = up_model_get_currency (model);
  int bau = up_model_get_bau_index (model), comm = 1 - bau;
  int cb = column_of (table, "bau"), cc = column_of (table, "comm");
  const UpMetrics *m = &r->metrics[comm], *mb = &r->metrics[bau];
  struct
  {
    const char *key;
    double      option;
    double      bau;     /* NaN: a comparison, "—" for business as usual */
  } expected[] = {
    { "public-cost", m->public_cost, mb->public_cost },
    { "gross-savings", m->gross_savings, NAN },
    { "cashable-savings", m->cashable_savings, NAN },
    { "extra-delivery", m->extra_delivery, NAN },
    { "npbi", m->npbi, NAN },
    { "roi", m->roi, NAN },
    { "npsv", m->npsv, NAN },
    { "bcr", m->bcr, NAN },
    { "crisis-cost", m->crisis_cost, mb->crisis_cost },
    { "crisis-cost-avoided", m->crisis_cost_avoided, NAN },
    { "crisis-episodes-avoided", m->crisis_episodes_avoided, NAN },
    { "cost-per-episode-avoided", m->cost_per_episode_avoided, NAN },
    { "community", m->community, mb->community },
    { "community-per-public-delivery", m->community_per_public_delivery,
      mb->community_per_public_delivery },
    { "participant-years", m->participant_years, mb->participant_years },
    { "measure/wellbeing/total", r->outcome_total[comm], r->outcome_total[bau] },
    { "measure/wellbeing/change", r->outcome_delta[comm], NAN },
    { "measure/wellbeing/icer", r->icer[comm], NAN },
  };

  /* Business as usual first, then the option, headed by its name and headline. */
  g_assert_cmpuint (table->n_columns, ==, 2);
  g_assert_cmpint (cb, ==, 0);
  g_assert_cmpstr (table->columns[cc], ==, "Peer network");
  {
    g_autofree char *headline = up_headline (model, r, comm);

    g_assert_cmpstr (table->column_notes[cc], ==, headline);
  }

  /* The option does something: the numbers below are not all zero. */
  g_assert_cmpfloat (m->crisis_episodes_avoided, >, 0);
  g_assert_cmpfloat (m->extra_delivery, >, 0);
  g_assert_cmpfloat (m->community, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const UpResultsRow *row = row_of (table, expected[i].key);

      g_test_message ("row %s", expected[i].key);
      g_assert_cmpuint (row->n_values, ==, 2);
      g_assert_nonnull (row->label);
      g_assert_nonnull (row->tooltip);
      assert_same (row->raw[cc], expected[i].option);
      assert_same (row->raw[cb], expected[i].bau);
      if (isnan (expected[i].bau))
        {
          g_assert_cmpstr (row->values[cb], ==, "—");
          g_assert_nonnull (row->details[cb]);
        }
      if (row->kind == UP_RESULTS_KIND_MONEY && !isnan (row->raw[cc]))
        {
          g_autofree char *full = up_format_money (row->raw[cc], currency);
          g_autofree char *brief = up_format_money_short (row->raw[cc], currency);

          g_assert_cmpstr (row->values[cc], ==, full);
          g_assert_cmpstr (row->details[cc], ==, brief);
        }
      if (row->kind == UP_RESULTS_KIND_RATIO && !isnan (row->raw[cc]))
        {
          g_autofree char *two = up_format_number (row->raw[cc], 2);

          g_assert_cmpstr (row->values[cc], ==, two);
        }
    }

  /* Break-even as a year, with the cycle in words. */
  {
    const UpResultsRow *row = row_of (table, "break-even");

    if (m->break_even_cycle > 0)
      {
        g_autofree char *year = g_strdup_printf ("%d", m->break_even_year);

        assert_same (row->raw[cc], m->break_even_year);
        g_assert_cmpstr (row->values[cc], ==, year);
        g_assert_nonnull (row->words[cc]);
      }
    else
      {
        g_assert_true (isnan (row->raw[cc]));
        g_assert_cmpstr (row->values[cc], ==, "never");
      }
    g_assert_cmpstr (row->values[cb], ==, "—");
  }

  /* Net present budget impact says which way it goes in words, not only by sign. */
  {
    const UpResultsRow *row = row_of (table, "npbi");
    g_autofree char *amount = up_format_money_short (fabs (m->npbi), currency);

    g_assert_nonnull (row->words[cc]);
    g_assert_nonnull (strstr (row->words[cc], amount));
    g_assert_true (g_str_has_prefix (row->words[cc], m->npbi > 0 ? "saves" : "costs"));
  }
}

static void
test_scorecard_nan (void)
{
  g_autoptr(UpPlan) plan = make_plan ();
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) r = NULL;
  g_autoptr(UpResultsTable) table = NULL;
  int cc;
  const UpResultsRow *row;

  /* No delivery cost at all: ROI and BCR do not exist. */
  g_object_set (up_plan_find_option (plan, "comm"), "fixed-cost", 0.0, "participant-cost",
                0.0, "volunteer-hours", 0.0, NULL);
  model = compile (plan);
  r = up_model_project (model);
  table = up_results_table_scorecard (model, r);
  cc = column_of (table, "comm");
  g_assert_true (isnan (r->metrics[1 - up_model_get_bau_index (model)].roi));

  row = row_of (table, "roi");
  g_assert_true (isnan (row->raw[cc]));
  g_assert_cmpstr (row->values[cc], ==, "—");
  g_assert_cmpstr (row->details[cc], ==, "not applicable");
  row = row_of (table, "community-per-public-delivery");
  g_assert_true (isnan (row->raw[cc]));
  g_assert_cmpstr (row->values[cc], ==, "—");
}

static void
test_holders (void)
{
  g_autoptr(UpPlan) plan = make_plan ();
  g_autoptr(UpModel) model = compile (plan);
  g_autoptr(UpResults) r = up_model_project (model);
  int bau = up_model_get_bau_index (model), comm = 1 - bau;
  int H = up_model_get_n_holders (model);
  g_autoptr(UpResultsTable) table = up_results_table_holders (model, r, comm);
  double pooled[UP_HOLDER_N_COLS] = { 0 }, public[UP_HOLDER_N_COLS] = { 0 };
  const UpResultsRow *row;

  g_assert_cmpuint (table->rows->len, ==, (guint) H + 2);
  for (int h = 0; h < H; h++)
    {
      g_autofree char *key = g_strdup_printf ("holder/%s", up_model_get_holder_id (model, h));
      gsize oh = (gsize) comm * H + h;

      row = row_of (table, key);
      assert_same (row->raw[UP_HOLDER_COL_EXTRA], r->holder_extra[oh]);
      assert_same (row->raw[UP_HOLDER_COL_SAVINGS], r->holder_savings[oh]);
      assert_same (row->raw[UP_HOLDER_COL_NET], r->holder_net[oh]);
      for (int c = 0; c < UP_HOLDER_N_COLS; c++)
        {
          if (up_model_get_holder_pooled (model, h))
            pooled[c] += row->raw[c];
          if (up_model_get_holder_public (model, h))
            public[c] += row->raw[c];
        }
      /* The wrong pocket, in words. */
      if (r->holder_net[oh] <= -0.5)
        g_assert_cmpstr (row->words[UP_HOLDER_COL_NET], ==, "pays more than it saves");
      else
        g_assert_cmpstr (row->words[UP_HOLDER_COL_NET], !=, "pays more than it saves");
    }

  /* The council pays and the NHS saves: the wrong-pocket case this table is for. */
  row = row_of (table, "holder/council");
  g_assert_cmpstr (row->words[UP_HOLDER_COL_NET], ==, "pays more than it saves");
  row = row_of (table, "holder/nhs");
  g_assert_cmpfloat (row->raw[UP_HOLDER_COL_SAVINGS], >, 0);

  /* The pooled row is the engine's pooled metrics and the sum over pooled holders. */
  row = row_of (table, "pooled");
  assert_same (row->raw[UP_HOLDER_COL_EXTRA], r->metrics[comm].pooled_extra_delivery);
  assert_same (row->raw[UP_HOLDER_COL_SAVINGS], r->metrics[comm].pooled_savings);
  assert_same (row->raw[UP_HOLDER_COL_NET], r->metrics[comm].pooled_net);
  for (int c = 0; c < UP_HOLDER_N_COLS; c++)
    assert_near (row->raw[c], pooled[c]);

  /* All public bodies: extra delivery, gross savings and NPBI. */
  row = row_of (table, "public");
  assert_same (row->raw[UP_HOLDER_COL_EXTRA], r->metrics[comm].extra_delivery);
  assert_same (row->raw[UP_HOLDER_COL_SAVINGS], r->metrics[comm].gross_savings);
  assert_same (row->raw[UP_HOLDER_COL_NET], r->metrics[comm].npbi);
  for (int c = 0; c < UP_HOLDER_N_COLS; c++)
    assert_near (row->raw[c], public[c]);
}

static void
test_years (void)
{
  g_autoptr(UpPlan) plan = make_plan ();
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) r = NULL;
  int bau, comm, K, H;

  /* A long horizon, as the table must handle. */
  g_object_set (plan, "horizon", 200.0, NULL);
  model = compile (plan);
  r = up_model_project (model);
  bau = up_model_get_bau_index (model);
  comm = 1 - bau;
  K = up_model_get_n_cycles (model);
  H = up_model_get_n_holders (model);

  for (int discounted = 0; discounted <= 1; discounted++)
    {
      g_autoptr(UpResultsTable) table = up_results_table_years (model, r, comm, discounted);

      g_assert_cmpuint (table->rows->len, ==, (guint) K);
      for (int k = 1; k <= K; k++)
        {
          const UpResultsRow *row = table->rows->pdata[k - 1];
          gsize ok = (gsize) comm * K + (k - 1), bk = (gsize) bau * K + (k - 1);
          double df = discounted ? up_model_get_df_cost (model, k) : 1.0;
          double crisis = 0, delivery = 0;
          g_autofree char *year = g_strdup_printf ("%d", 2026 + k - 1);

          for (int h = 0; h < H; h++)
            if (up_model_get_holder_public (model, h))
              {
                crisis += up_results_cost (r, comm, k, h, UP_COST_CRISIS);
                delivery += up_results_cost (r, comm, k, h, UP_COST_DELIVERY);
              }
          g_assert_cmpstr (row->values[UP_YEAR_COL_YEAR], ==, year);
          assert_same (row->raw[UP_YEAR_COL_IN_CRISIS], up_results_trace (r, comm, k, 2));
          assert_same (row->raw[UP_YEAR_COL_PUBLIC_COST], r->public_cost[ok] * df);
          assert_same (row->raw[UP_YEAR_COL_CRISIS_COST], crisis * df);
          assert_same (row->raw[UP_YEAR_COL_DELIVERY], delivery * df);
          assert_same (row->raw[UP_YEAR_COL_NET],
                       (r->public_cost[bk] - r->public_cost[ok]) * df);
          assert_same (row->raw[UP_YEAR_COL_CUM_NET], r->cum_net[ok]);
          assert_same (row->raw[UP_YEAR_COL_PARTICIPANTS], r->participants[ok]);
          assert_same (row->raw[UP_YEAR_COL_EPISODES], r->episodes[ok]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/results-table/scorecard", test_scorecard_values);
  g_test_add_func ("/results-table/not-applicable", test_scorecard_nan);
  g_test_add_func ("/results-table/holders", test_holders);
  g_test_add_func ("/results-table/years", test_years);
  return g_test_run ();
}
