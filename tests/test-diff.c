/* test-diff.c: comparing two plans
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan compared with itself (the same object, a copy, a saved and reloaded copy) has no
 * differences; after edits made in code the comparison lists exactly those edits, in
 * document order, with the values before and after.
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "upstream-core.h"

static const char *examples[] = {
  "bradford-peer-recovery.upstream",
  "drug-alcohol-recovery.upstream",
  "wigan-early-help.upstream",
};

static UpPlan *
load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UpPlan *plan = up_plan_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static const UpDiffChange *
change_at (const UpDiff *diff,
           guint         i)
{
  g_assert_cmpuint (i, <, diff->changes->len);
  return diff->changes->pdata[i];
}

static void
assert_change (const UpDiffChange *c,
               UpDiffKind          kind,
               const char         *path,
               const char         *old_value,
               const char         *new_value)
{
  g_assert_cmpstr (up_diff_kind_to_string (c->kind), ==, up_diff_kind_to_string (kind));
  g_assert_cmpstr (c->path, ==, path);
  g_assert_cmpstr (c->old_value, ==, old_value);
  g_assert_cmpstr (c->new_value, ==, new_value);
  g_assert_nonnull (c->label);
}

/* The value at a parameter path as the diff writes it. */
static char *
param_text (UpPlan     *plan,
            const char *path)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GError) error = NULL;
  double value = 0;

  g_assert_true (up_plan_get_param (plan, path, &value, &error));
  g_assert_no_error (error);
  return g_strdup (up_format_double (buf, value));
}

static void
dump (const UpDiff *diff)
{
  for (guint i = 0; i < diff->changes->len; i++)
    {
      const UpDiffChange *c = diff->changes->pdata[i];

      g_test_message ("%s %s: %s → %s", up_diff_kind_to_string (c->kind), c->path,
                      c->old_value, c->new_value);
    }
}

static void
test_identical (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(UpPlan) plan = load_example (examples[i]);
      g_autoptr(UpPlan) copy = up_plan_copy (plan);
      g_autoptr(GBytes) bytes = up_plan_save_to_bytes (plan);
      g_autoptr(GError) error = NULL;
      g_autoptr(UpPlan) reloaded =
        up_plan_load_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, &error);
      g_autoptr(UpDiff) self_diff = up_plan_diff (plan, plan);
      g_autoptr(UpDiff) copy_diff = up_plan_diff (plan, copy);
      g_autoptr(UpDiff) reload_diff = NULL;

      g_assert_no_error (error);
      reload_diff = up_plan_diff (plan, reloaded);
      dump (reload_diff);
      g_assert_true (up_diff_is_empty (self_diff));
      g_assert_true (up_diff_is_empty (copy_diff));
      g_assert_true (up_diff_is_empty (reload_diff));
      g_assert_cmpuint (self_diff->results->len, ==, 0);
      g_assert_null (self_diff->old_error);
      g_assert_null (self_diff->new_error);
    }
}

static void
test_known_edits (void)
{
  g_autoptr(UpPlan) before = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(UpPlan) after = up_plan_copy (before);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpOption) added = up_option_new ("peer-plus", "Peer network plus", UP_OPTION_OTHER);
  g_autoptr(UpDiff) diff = NULL;
  g_autofree char *old_take_up = param_text (before, "option/communitise/take-up");
  g_autofree char *old_exit = param_text (before, "transition/high/exit");
  g_autofree char *old_name = g_strdup (up_item_get_name (UP_ITEM (up_plan_find_state (before,
                                                                                       "high"))));
  GListStore *transitions = up_plan_get_transitions (after);
  UpTransition *removed = up_plan_find_transition (after, "high", "exit");
  guint position = 0;
  gboolean seen_new_option = FALSE;
  const UpDiffResult *communitise = NULL;

  /* Four edits, made in an order different from the document's. */
  g_assert_cmpstr (old_take_up, !=, "0.3");
  g_assert_true (up_plan_set_param (after, "option/communitise/take-up", 0.3, &error));
  g_assert_no_error (error);
  g_list_store_append (up_plan_get_options (after), added);
  g_assert_nonnull (removed);
  g_assert_true (g_list_store_find (transitions, removed, &position));
  g_list_store_remove (transitions, position);
  up_item_set_name (UP_ITEM (up_plan_find_state (after, "high")), "Severe need");

  diff = up_plan_diff (before, after);
  dump (diff);
  g_assert_cmpuint (diff->changes->len, ==, 4);
  assert_change (change_at (diff, 0), UP_DIFF_CHANGED, "state/high/name",
                 old_name, "Severe need");
  assert_change (change_at (diff, 1), UP_DIFF_REMOVED, "transition/high/exit", old_exit, NULL);
  assert_change (change_at (diff, 2), UP_DIFF_CHANGED, "option/communitise/take-up",
                 old_take_up, "0.3");
  assert_change (change_at (diff, 3), UP_DIFF_ADDED, "option/peer-plus",
                 NULL, "Peer network plus");
  g_assert_false (up_diff_is_empty (diff));

  /* The second plan has a second "other" option without delivery cost: it still
   * compiles, and the results cover the options both plans have. */
  g_assert_null (diff->old_error);
  g_assert_null (diff->new_error);
  g_assert_cmpuint (diff->results->len, ==, 4);
  for (guint i = 0; i < diff->results->len; i++)
    {
      const UpDiffResult *r = diff->results->pdata[i];

      if (g_strcmp0 (r->option_id, "peer-plus") == 0)
        seen_new_option = TRUE;
      if (g_strcmp0 (r->option_id, "communitise") == 0)
        communitise = r;
    }
  g_assert_false (seen_new_option);
  g_assert_nonnull (communitise);
  g_assert_true (communitise->changed);
  /* More take-up and one fewer way out of high need: the numbers moved. */
  g_assert_cmpfloat (communitise->new_episodes_avoided, !=, communitise->old_episodes_avoided);

  /* The reverse comparison lists the same edits the other way round. */
  {
    g_autoptr(UpDiff) back = up_plan_diff (after, before);

    g_assert_cmpuint (back->changes->len, ==, 4);
    assert_change (change_at (back, 0), UP_DIFF_CHANGED, "state/high/name",
                   "Severe need", old_name);
    assert_change (change_at (back, 1), UP_DIFF_ADDED, "transition/high/exit", NULL, old_exit);
    assert_change (change_at (back, 3), UP_DIFF_REMOVED, "option/peer-plus",
                   "Peer network plus", NULL);
  }
}

/* Each edit on its own gives exactly one change with the expected path. */
static void
test_single_edits (void)
{
  g_autoptr(UpPlan) base = load_example ("bradford-peer-recovery.upstream");
  /* An old value "*" is read from the plan at the path. */
  struct
  {
    const char *path;
    UpDiffKind  kind;
    const char *old_value;
    const char *new_value;
  } cases[] = {
    { "plan/horizon", UP_DIFF_CHANGED, "*", "12" },
    { "plan/counting", UP_DIFF_CHANGED, "beginning", "life-table" },
    { "price-index/2030", UP_DIFF_ADDED, NULL, "120.5" },
    { "holder/police/pooled", UP_DIFF_CHANGED, "false", "true" },
    { "cost-item/ae/cost", UP_DIFF_CHANGED, "*", "110" },
    { "cost-item/ae/source", UP_DIFF_ADDED, NULL, "A new source" },
    { "state/crisis/use/ae", UP_DIFF_CHANGED, "*", "2" },
    { "state/crisis/weight/qaly", UP_DIFF_CHANGED, "*", "0.3 0.35" },
    { "transition/stable/exit", UP_DIFF_CHANGED, "*", "0.08" },
    { "option/buy/capacity", UP_DIFF_REMOVED, "*", NULL },
    { "option/buy/one-off/3", UP_DIFF_ADDED, NULL, "5000" },
    { "option/communitise/eligible/stable", UP_DIFF_ADDED, NULL, "stable" },
    { "option/communitise/kind", UP_DIFF_CHANGED, "communitise", "other" },
    { "scenario/x", UP_DIFF_ADDED, NULL, "X" },
    { "distribution/cost-item/ae/cost", UP_DIFF_CHANGED, "range 90 130", "range 80 140" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UpPlan) reference = up_plan_copy (base);
      g_autoptr(UpPlan) plan = up_plan_copy (base);
      g_autoptr(UpDiff) diff = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *old_value = NULL;

      switch (i)
        {
        case 0:
          g_assert_true (up_plan_set_param (plan, "plan/horizon", 12, &error));
          break;
        case 1:
          up_plan_set_counting (plan, UP_COUNTING_LIFE_TABLE);
          break;
        case 2:
          up_plan_set_price_index_value (plan, 2030, 120.5);
          break;
        case 3:
          up_budget_holder_set_pooled (up_plan_find_holder (plan, "police"), TRUE);
          break;
        case 4:
          g_assert_true (up_plan_set_param (plan, "cost-item/ae/cost", 110, &error));
          break;
        case 5:
          /* a source where there was none */
          up_cost_item_set_source (up_plan_find_cost_item (reference, "ae"), NULL);
          up_cost_item_set_source (up_plan_find_cost_item (plan, "ae"), "A new source");
          break;
        case 6:
          g_assert_true (up_plan_set_param (plan, "state/crisis/use/ae", 2, &error));
          break;
        case 7:
          {
            const double values[] = { 0.3, 0.35 };
            g_autoptr(UpSchedule) weight = up_schedule_new (values, 2);

            up_state_set_weight (up_plan_find_state (plan, "crisis"), "qaly", weight);
          }
          break;
        case 8:
          g_assert_true (up_plan_set_param (plan, "transition/stable/exit", 0.08, &error));
          break;
        case 9:
          up_option_set_has_capacity (up_plan_find_option (plan, "buy"), FALSE);
          break;
        case 10:
          up_option_set_one_off (up_plan_find_option (plan, "buy"), 3, 5000);
          break;
        case 11:
          {
            UpOption *option = up_plan_find_option (plan, "communitise");
            g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
            const char * const *eligible = up_option_get_eligible (option);

            /* copies: setting the list frees the option's old one */
            for (guint j = 0; eligible[j] != NULL; j++)
              g_ptr_array_add (states, g_strdup (eligible[j]));
            g_ptr_array_add (states, g_strdup ("stable"));
            g_ptr_array_add (states, NULL);
            up_option_set_eligible (option, (const char * const *) states->pdata);
          }
          break;
        case 12:
          up_option_set_kind (up_plan_find_option (plan, "communitise"), UP_OPTION_OTHER);
          break;
        case 13:
          {
            g_autoptr(UpScenario) scenario = up_scenario_new ("x", "X");

            g_list_store_append (up_plan_get_scenarios (plan), scenario);
          }
          break;
        case 14:
          {
            UpDistribution old_dist = { UP_DIST_RANGE, 90, 130, 0 };
            UpDistribution dist = { UP_DIST_RANGE, 80, 140, 0 };

            up_plan_set_distribution (reference, "cost-item/ae/cost", &old_dist);
            up_plan_set_distribution (plan, "cost-item/ae/cost", &dist);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_no_error (error);
      diff = up_plan_diff (reference, plan);
      g_test_message ("case %u: %s", i, cases[i].path);
      dump (diff);
      g_assert_cmpuint (diff->changes->len, ==, 1);
      if (g_strcmp0 (cases[i].old_value, "*") == 0)
        old_value = param_text (reference, cases[i].path);
      else
        old_value = g_strdup (cases[i].old_value);
      assert_change (change_at (diff, 0), cases[i].kind, cases[i].path,
                     old_value, cases[i].new_value);
    }
}

static void
test_order (void)
{
  g_autoptr(UpPlan) before = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(UpPlan) after = up_plan_copy (before);
  GListStore *options = up_plan_get_options (after);
  g_autoptr(UpOption) first = g_list_model_get_item (G_LIST_MODEL (options), 1);
  g_autoptr(UpDiff) diff = NULL;

  /* Move "make" to the end: one change, the order of options. */
  g_list_store_remove (options, 1);
  g_list_store_append (options, first);
  diff = up_plan_diff (before, after);
  dump (diff);
  g_assert_cmpuint (diff->changes->len, ==, 1);
  assert_change (change_at (diff, 0), UP_DIFF_CHANGED, "options",
                 "bau, make, buy, communitise", "bau, buy, communitise, make");
}

static void
test_broken_plan (void)
{
  g_autoptr(UpPlan) before = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(UpPlan) after = up_plan_copy (before);
  g_autoptr(UpDiff) diff = NULL;
  g_autoptr(GError) error = NULL;

  /* A probability above 1 does not compile: the changes are listed, the results not. */
  g_assert_true (up_plan_set_param (after, "transition/stable/exit", 1.5, &error));
  g_assert_no_error (error);
  diff = up_plan_diff (before, after);
  g_assert_cmpuint (diff->changes->len, ==, 1);
  g_assert_null (diff->old_error);
  g_assert_nonnull (diff->new_error);
  g_assert_cmpuint (diff->results->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/up/diff/identical", test_identical);
  g_test_add_func ("/up/diff/known-edits", test_known_edits);
  g_test_add_func ("/up/diff/single-edits", test_single_edits);
  g_test_add_func ("/up/diff/order", test_order);
  g_test_add_func ("/up/diff/broken-plan", test_broken_plan);
  return g_test_run ();
}
