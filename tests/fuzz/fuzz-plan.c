/* fuzz-plan.c: libFuzzer harness over the whole path a plan file takes
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is treated as a plan file from a stranger: it is loaded, and when it loads
 * it is compiled (with no scenario, then with each of its scenarios) and projected when
 * it compiles. A loaded plan must also survive a round trip: what Upstream writes for it
 * must load again and write the same bytes, or the app could save a file it cannot open.
 *
 * Any crash, sanitizer report, leak, GLib critical or warning, or broken round trip is a
 * finding. Build and run it with tools/fuzz.
 */

#define G_LOG_DOMAIN "fuzz-plan"

#include <locale.h>
#include <stdint.h>
#include <string.h>

#include "upstream-core.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  /* A critical or a warning from the core means an input reached a state the code does
   * not expect: abort, so libFuzzer reports it. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_handler (NULL, G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG,
                     g_log_default_handler, NULL);
  return 0;
}

static void
compile_and_project (UpPlan     *plan,
                     UpScenario *scenario)
{
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UpModel) model = up_model_compile (plan, scenario, problems, &error);

  /* The compiler's contract: a model exactly when there is no error. */
  if ((model == NULL) != (error != NULL) ||
      (model == NULL) != (up_problems_count (problems, UP_SEVERITY_ERROR) > 0))
    g_error ("compile: model %p, error %s, %u error problems", (void *) model,
             error ? error->message : "(none)", up_problems_count (problems, UP_SEVERITY_ERROR));
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = up_problem_format (problems->pdata[i], "fuzz");

      g_assert (text != NULL);
    }
  if (model != NULL)
    {
      g_autoptr(UpResults) results = up_model_project (model);

      g_assert (results != NULL);
    }
}

static void
check_round_trip (UpPlan *plan)
{
  g_autoptr(GBytes) first = up_plan_save_to_bytes (plan);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(UpPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *bytes = g_bytes_get_data (first, &length);

  again = up_plan_load_from_data (bytes, length, NULL, &error);
  if (again == NULL)
    g_error ("a plan that loaded was saved as a file that does not load: %s\n%.*s",
             error->message, (int) MIN (length, 4096), bytes);
  second = up_plan_save_to_bytes (again);
  if (!g_bytes_equal (first, second))
    g_error ("saving, loading and saving again changed the bytes");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = NULL;
  GListModel *scenarios;

  /* Half the inputs load without a problem list, as the app's examples menu does, so
   * that path is fuzzed for leaks too. */
  plan = up_plan_load_from_data ((const char *) data, size, size % 2 ? problems : NULL, &error);

  /* The loader's contract: a plan, or an error with at least one located problem. */
  if ((plan == NULL) != (error != NULL))
    g_error ("load: plan %p, error %s", (void *) plan, error ? error->message : "(none)");
  if (plan == NULL && size % 2 == 0)
    return 0;
  if (plan == NULL)
    {
      g_assert (up_problems_count (problems, UP_SEVERITY_ERROR) > 0);
      for (guint i = 0; i < problems->len; i++)
        {
          const UpProblem *p = problems->pdata[i];
          g_autofree char *text = up_problem_format (p, "fuzz");

          g_assert (text != NULL && g_utf8_validate (text, -1, NULL));
          g_assert (p->message != NULL && g_utf8_validate (p->message, -1, NULL));
          g_assert (p->where == NULL || g_utf8_validate (p->where, -1, NULL));
          g_assert (p->line >= 0 && p->column >= 0);
        }
      return 0;
    }

  check_round_trip (plan);
  compile_and_project (plan, NULL);
  scenarios = G_LIST_MODEL (up_plan_get_scenarios (plan));
  for (guint i = 0; i < g_list_model_get_n_items (scenarios) && i < 8; i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (scenarios, i);

      compile_and_project (plan, scenario);
    }
  return 0;
}
