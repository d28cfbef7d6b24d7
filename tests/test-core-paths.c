/* test-core-paths.c: the core's error paths, one by one
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corners a file or a user can reach that the other tests pass by: numbers the
 * loader must refuse, encodings and declarations, parameter paths that name nothing,
 * problems formatted for the command line, and the number formats of the results.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "upstream-core.h"

#define NS "https://upstreamplanner.github.io/ns/plan"

/* ---- Numbers ------------------------------------------------------------------------ */

static void
test_parse_double (void)
{
  const struct { const char *text; const char *phrase; } bad[] = {
    { "nan", "not a finite number" }, { "-Infinity", "not a finite number" },
    { "0x10", "not a finite number" }, { "", "not a number" }, { "1.5.2", "not a number" },
    { "1e400", "out of range" }, { "-1e400", "out of range" }, { " 2 3", "not a number" },
  };
  const struct { const char *text; double value; } good[] = {
    { " 0.5 ", 0.5 }, { "-0", 0.0 }, { "1e-400", 0.0 }, { "5e-324", 5e-324 }, { "+3", 3 },
  };
  g_autoptr(GError) error = NULL;
  double v;

  g_assert_false (up_parse_double (NULL, &v, &error));
  g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      g_assert_false (up_parse_double (bad[i].text, &v, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", bad[i].text, error->message);
      g_assert_nonnull (strstr (error->message, bad[i].phrase));
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (up_parse_double (good[i].text, &v, NULL));
      g_assert_cmpfloat (v, ==, good[i].value);
    }
}

static void
test_parse_int (void)
{
  const char *bad[] = { "", "x", "1.5", "2147483648", "-2147483649", "1e3", "12 13", NULL };
  g_autoptr(GError) error = NULL;
  gint64 v;

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_clear_error (&error);
      g_assert_false (up_parse_int (bad[i], G_MININT32, G_MAXINT32, &v, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", bad[i], error->message);
    }
  g_assert_true (up_parse_int ("-42", G_MININT32, G_MAXINT32, &v, NULL));
  g_assert_cmpint (v, ==, -42);
  g_assert_false (up_parse_int (NULL, 0, 1, &v, NULL));
}

static void
test_format_double (void)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert_cmpstr (up_format_double (buf, -0.0), ==, "0");
  g_assert_cmpstr (up_format_double (buf, 0.1), ==, "0.1");
  g_assert_cmpstr (up_format_double (buf, 1500), ==, "1500");
  g_assert_cmpstr (up_format_double (buf, 1e20), ==, "1e+20");
  g_assert_cmpstr (up_format_double (buf, -2.5e-7), ==, "-2.5e-07");
  /* Never written to a file, but must not crash. */
  g_assert_nonnull (up_format_double (buf, NAN));
  g_assert_nonnull (up_format_double (buf, INFINITY));
}

static void
test_ids (void)
{
  g_autofree char *long_id = g_strnfill (64, 'a');
  g_autofree char *too_long = g_strnfill (65, 'a');

  g_assert_true (up_is_valid_id ("a"));
  g_assert_true (up_is_valid_id ("a.b_c-9"));
  g_assert_true (up_is_valid_id (long_id));
  g_assert_false (up_is_valid_id (too_long));
  g_assert_false (up_is_valid_id (""));
  g_assert_false (up_is_valid_id ("9a"));
  g_assert_false (up_is_valid_id ("a b"));
  g_assert_false (up_is_valid_id ("caf\xc3\xa9"));
  g_assert_false (up_is_valid_id (NULL));
}

static void
test_number_formats (void)
{
  g_autofree char *nan_money = up_format_money (NAN, "GBP");
  g_autofree char *negative = up_format_money (-1234, "EUR");
  g_autofree char *other = up_format_money (1234567, "NOK");
  g_autofree char *bn = up_format_money_short (2.1e9, "GBP");
  g_autofree char *m = up_format_money_short (-1.2e6, "GBP");
  g_autofree char *k = up_format_money_short (340e3, "USD");
  g_autofree char *small = up_format_money_short (950, "GBP");
  g_autofree char *nan_short = up_format_money_short (NAN, "GBP");
  g_autofree char *percent = up_format_percent (0.125);
  g_autofree char *nan_percent = up_format_percent (NAN);
  g_autofree char *number = up_format_number (1234567.891, 2);
  g_autofree char *nan_number = up_format_number (NAN, 0);

  g_assert_cmpstr (up_currency_symbol ("GBP"), ==, "£");
  g_assert_cmpstr (up_currency_symbol (NULL), ==, "£");
  g_assert_cmpstr (up_currency_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (up_currency_symbol ("USD"), ==, "$");
  g_assert_null (up_currency_symbol ("NOK"));   /* the code is written out instead */
  g_assert_cmpstr (nan_money, ==, "—");
  g_assert_cmpstr (nan_short, ==, "—");
  g_assert_cmpstr (nan_percent, ==, "—");
  g_assert_cmpstr (nan_number, ==, "—");
  /* Grouping follows the locale (none in C.UTF-8). */
  g_assert_nonnull (strstr (negative, "€"));
  g_assert_nonnull (strstr (negative, "234"));
  g_assert_nonnull (strstr (other, "NOK"));
  g_assert_nonnull (strstr (bn, "bn"));
  g_assert_nonnull (strstr (m, "m"));
  g_assert_nonnull (strstr (k, "k"));
  g_assert_nonnull (strstr (small, "950"));
  g_assert_cmpstr (percent, ==, "12.5%");
  g_assert_true (g_str_has_suffix (number, "567.89"));
  g_assert_cmpfloat (up_round_significant (0, 2), ==, 0);
  g_assert_cmpfloat (up_round_significant (345, 2), ==, 350);
  g_assert_cmpfloat (up_round_significant (-0.012345, 2), ==, -0.012);
}

/* ---- Problems ----------------------------------------------------------------------- */

static void
test_problem_format (void)
{
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autofree char *located = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *warning = NULL;

  up_problems_add (problems, UP_SEVERITY_ERROR, 3, 7, "/plan/settings", "bad %s", "value");
  up_problems_add (problems, UP_SEVERITY_ERROR, 0, 0, NULL, "the file is too large");
  up_problems_add (problems, UP_SEVERITY_WARNING, 1, 0, NULL, "unusual");
  up_problems_add (NULL, UP_SEVERITY_ERROR, 1, 1, NULL, "into nothing");
  g_assert_cmpuint (up_problems_count (problems, UP_SEVERITY_ERROR), ==, 2);
  g_assert_cmpuint (up_problems_count (problems, UP_SEVERITY_WARNING), ==, 1);

  located = up_problem_format (problems->pdata[0], "plan.upstream");
  g_assert_cmpstr (located, ==, "plan.upstream:3:7: error: bad value (/plan/settings)");
  bare = up_problem_format (problems->pdata[1], NULL);
  g_assert_cmpstr (bare, ==, "error: the file is too large");
  warning = up_problem_format (problems->pdata[2], "p");
  g_assert_cmpstr (warning, ==, "p:1:1: warning: unusual");

  up_problems_sort (problems);
  g_assert_cmpint (((UpProblem *) problems->pdata[0])->line, ==, 0);
  g_assert_cmpint (((UpProblem *) problems->pdata[2])->line, ==, 3);
}

/* ---- Parameter paths ---------------------------------------------------------------- */

static UpPlan *
small_plan (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus",
                                                 "every-element.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UpPlan *plan = up_plan_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return plan;
}

static void
test_param_paths (void)
{
  g_autoptr(UpPlan) plan = small_plan ();
  const char *unknown[] = {
    "", "nothing", "plan/nothing", "plan", "transition/stable/nowhere",
    "cost-item/nope/cost", "measure/nope/value", "state/nope/initial",
    "state/stable/nothing", "state/stable/use/nope", "state/stable/weight/nope",
    "option/nope/take-up", "option/peer/nothing", "option/peer/effect/stable/nowhere",
    "option/peer/funding/nope", "option/peer/one-off/x", "option/peer/one-off/0",
    "option/peer/a/b/c/d", "holder/nhs/colour",
  };
  const char *numbers[] = {
    "plan/horizon", "plan/inflow", "plan/cohort-size", "cost-item/ae/cost",
    "measure/qaly/value", "state/stable/initial", "state/stable/use/gp",
    "state/crisis/entry/ae", "state/stable/weight/qaly", "option/peer/take-up",
    "option/peer/effect/stable/crisis", "option/peer/funding/nhs", "option/peer/one-off/1",
    "transition/crisis/stable",
  };
  g_autoptr(GError) error = NULL;
  double v;

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_clear_error (&error);
      g_assert_false (up_plan_get_param (plan, unknown[i], &v, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", unknown[i], error->message);
      g_clear_error (&error);
      g_assert_false (up_plan_set_param (plan, unknown[i], 1, &error));
    }
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      double back;

      g_clear_error (&error);
      if (!up_plan_get_param (plan, numbers[i], &v, &error))
        {
          /* A per-cycle schedule is not one number. */
          g_test_message ("%s: %s", numbers[i], error->message);
          g_assert_nonnull (strstr (error->message, "schedule"));
          continue;
        }
      g_assert_true (up_plan_set_param (plan, numbers[i], v, &error));
      g_assert_no_error (error);
      g_assert_true (up_plan_get_param (plan, numbers[i], &back, NULL));
      g_assert_cmpfloat (back, ==, v);
    }
  /* A one-off for a cycle that has none is added. */
  g_assert_true (up_plan_set_param (plan, "option/peer/one-off/3", 10, NULL));
  g_assert_true (up_plan_get_param (plan, "option/peer/one-off/3", &v, NULL));
  g_assert_cmpfloat (v, ==, 10);
}

/* ---- The loader's refusals ---------------------------------------------------------- */

static void
assert_refused (const char *data,
                gsize       length,
                int         code,
                int         line,
                const char *phrase)
{
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = up_plan_load_from_data (data, length, problems, &error);

  g_assert_null (plan);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, UP_ERROR, code);
  g_assert_nonnull (strstr (error->message, phrase));
  g_assert_cmpint (((UpProblem *) problems->pdata[0])->line, ==, line);
}

static void
test_encodings (void)
{
  const char utf32le[] = "\xFF\xFE\0\0<\0\0\0";
  const char utf32_bare[] = "<\0\0\0?\0\0\0";
  const char utf16_bare[] = "<\0?\0x\0m\0l\0";
  const char ebcdic[] = "\x4C\x6F\xA7\x94\x93";
  const char *declared[] = {
    "<?xml version='1.0' encoding='latin1'?>\n<plan xmlns='" NS "' format='1'/>",
    "<?xml version=\"1.0\" encoding = \"UTF-16\" ?>\n<plan xmlns='" NS "' format='1'/>",
    "<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?><plan/>",
  };
  const char *accepted[] = {
    "<?xml version='1.0' encoding='utf-8'?><plan xmlns='" NS "' format='1'/>",
    "<?xml version='1.0' encoding='US-ASCII'?><plan xmlns='" NS "' format='1'/>",
    "<?xml version='1.0'?><plan xmlns='" NS "' format='1'/>",
    "<?xml version='1.0' encoding=UTF-8?><plan xmlns='" NS "' format='1'/>",
  };

  assert_refused (utf32le, sizeof utf32le - 1, UP_ERROR_PARSE, 1, "UTF-32");
  assert_refused (utf32_bare, sizeof utf32_bare - 1, UP_ERROR_PARSE, 1, "UTF-32");
  assert_refused (utf16_bare, sizeof utf16_bare - 1, UP_ERROR_PARSE, 1, "UTF-16");
  assert_refused (ebcdic, sizeof ebcdic - 1, UP_ERROR_PARSE, 1, "EBCDIC");
  for (guint i = 0; i < G_N_ELEMENTS (declared); i++)
    assert_refused (declared[i], strlen (declared[i]), UP_ERROR_PARSE, 1, "declares the encoding");
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UpPlan) plan = up_plan_load_from_data (accepted[i], strlen (accepted[i]), NULL,
                                                       &error);

      g_test_message ("%s: %s", accepted[i], error ? error->message : "loads");
      /* The last is not well formed, but it is not refused for its encoding. */
      g_assert_true (error == NULL || strstr (error->message, "encoding") == NULL ||
                     strstr (error->message, "declares") == NULL);
    }
}

static void
test_counts (void)
{
  g_autoptr(GString) text = g_string_new ("<plan xmlns='" NS "' format='1'><notes>");

  /* Comments, CDATA and processing instructions hold no tags that count. */
  for (guint i = 0; i < 30000; i++)
    g_string_append (text, "<!-- <a/> --><![CDATA[<b/>]]><?pi <c/>?>");
  g_string_append (text, "</notes></plan>");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(UpPlan) plan = up_plan_load_from_data (text->str, text->len, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (plan);
  }

  /* An unterminated comment, CDATA section or instruction ends the count. */
  assert_refused ("<plan><!-- never closed", 23, UP_ERROR_PARSE, 1, "");
  assert_refused ("<plan><![CDATA[ never closed", 28, UP_ERROR_PARSE, 1, "");
  assert_refused ("<plan><?pi never closed", 23, UP_ERROR_PARSE, 1, "");
  assert_refused ("<plan a='1' b=\"2\" c", 19, UP_ERROR_PARSE, 1, "");
  assert_refused ("<plan a='never closed", 21, UP_ERROR_PARSE, 1, "");
}

/* ---- Main --------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/up/core-paths/parse-double", test_parse_double);
  g_test_add_func ("/up/core-paths/parse-int", test_parse_int);
  g_test_add_func ("/up/core-paths/format-double", test_format_double);
  g_test_add_func ("/up/core-paths/ids", test_ids);
  g_test_add_func ("/up/core-paths/number-formats", test_number_formats);
  g_test_add_func ("/up/core-paths/problem-format", test_problem_format);
  g_test_add_func ("/up/core-paths/param-paths", test_param_paths);
  g_test_add_func ("/up/core-paths/encodings", test_encodings);
  g_test_add_func ("/up/core-paths/counts", test_counts);

  return g_test_run ();
}
