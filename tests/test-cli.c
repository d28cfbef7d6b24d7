/* test-cli.c: upstream-cli run as a user would run it
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spawns the built binary (its path comes in UPSTREAM_CLI) and checks exit codes, the
 * error format on stderr and the shape of the CSV and JSON it prints.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define HORIZON 5
#define N_OPTIONS 2

static const char *cli_path;
static char *tmp_dir;
static char *good_plan;
static char *malformed_plan;

static const char good_plan_text[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">\n"
  "  <title>CLI test plan</title>\n"
  "  <settings currency=\"GBP\" start-year=\"2026\" horizon=\"5\" price-base-year=\"2026\"\n"
  "            counting=\"beginning\" discount-costs=\"greenbook\"\n"
  "            discount-outcomes=\"constant\" discount-outcomes-rate=\"0.015\"\n"
  "            discount-first-cycle=\"false\" cohort-size=\"1000\"/>\n"
  "  <holders>\n"
  "    <holder id=\"nhs\" name=\"NHS\" public=\"true\" pooled=\"true\"/>\n"
  "    <holder id=\"council\" name=\"Council\" public=\"true\" pooled=\"false\"/>\n"
  "  </holders>\n"
  "  <cost-items>\n"
  "    <item id=\"bed\" name=\"Bed day\" unit=\"day\" cost=\"410.5\" price-year=\"2026\"\n"
  "          holder=\"nhs\" category=\"crisis\" cashable=\"0.5\"/>\n"
  "  </cost-items>\n"
  "  <measures>\n"
  "    <measure id=\"qaly\" name=\"QALYs\" unit=\"QALY\" value=\"20000\"/>\n"
  "  </measures>\n"
  "  <states>\n"
  "    <state id=\"well\" name=\"Well\" crisis=\"false\" initial=\"1\" inflow-share=\"1\">\n"
  "      <weight measure=\"qaly\" value=\"0.8\"/>\n"
  "    </state>\n"
  "    <state id=\"crisis\" name=\"Crisis\" crisis=\"true\" initial=\"0\" inflow-share=\"0\">\n"
  "      <use item=\"bed\" quantity=\"10\"/>\n"
  "      <weight measure=\"qaly\" value=\"0.4\"/>\n"
  "    </state>\n"
  "  </states>\n"
  "  <transitions>\n"
  "    <transition from=\"well\" to=\"crisis\" value=\"0.1\"/>\n"
  "    <transition from=\"crisis\" to=\"well\" value=\"0.5\"/>\n"
  "  </transitions>\n"
  "  <options>\n"
  "    <option id=\"bau\" name=\"Business as usual\" kind=\"bau\"/>\n"
  "    <option id=\"peer\" name=\"Peer support\" kind=\"communitise\" fixed-cost=\"20000.5\"\n"
  "            take-up=\"0.5\" first-cycle=\"1\" active-cycles=\"0\">\n"
  "      <funding holder=\"council\" share=\"1\"/>\n"
  "      <eligible state=\"well\"/>\n"
  "      <effect from=\"well\" to=\"crisis\" relative-risk=\"0.6\"/>\n"
  "    </option>\n"
  "  </options>\n"
  "  <scenarios>\n"
  "    <scenario id=\"low\" name=\"Low take-up\">\n"
  "      <set path=\"option/peer/take-up\" value=\"0.2\"/>\n"
  "    </scenario>\n"
  "  </scenarios>\n"
  "</plan>\n";

/* The <holders> element is never closed: a well-formedness error at a known place. */
static const char malformed_plan_text[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">\n"
  "  <holders>\n"
  "    <holder id=\"nhs\" name=\"NHS\"/>\n"
  "</plan>\n";

typedef struct
{
  int   status;     /* exit status, or -1 when the program did not exit normally */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs upstream-cli with the arguments (NULL-terminated), under locale when not NULL. */
static void
run_cli_in_locale (Run        *run,
                   const char *locale,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli_path);
  va_start (args, locale);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (locale != NULL)
    {
      envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
      envp = g_environ_unsetenv (envp, "LANGUAGE");
    }

  run_clear (run);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &run->out, &run->err, &wait_status, &error))
    g_error ("could not run %s: %s", cli_path, error->message);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("exit status %d, %zu bytes on stdout; stderr:\n%s",
                  run->status, strlen (run->out), run->err);
}

#define run_cli(run, ...) run_cli_in_locale (run, NULL, __VA_ARGS__)

static char *
write_temp_file (const char *name,
                 const char *contents)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* ---- A strict JSON syntax check (RFC 8259), enough to trust the structure ---------- */

static gboolean json_value (const char **p);

static void
json_space (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
}

static gboolean
json_string (const char **p)
{
  if (**p != '"')
    return FALSE;
  for ((*p)++; **p != '"'; (*p)++)
    {
      if ((guchar) **p < 0x20)
        return FALSE;
      if (**p == '\\')
        {
          (*p)++;
          if (**p == 'u')
            {
              for (int i = 1; i <= 4; i++)
                if (!g_ascii_isxdigit ((*p)[i]))
                  return FALSE;
              *p += 4;
            }
          else if (strchr ("\"\\/bfnrt", **p) == NULL || **p == '\0')
            return FALSE;
        }
    }
  (*p)++;
  return TRUE;
}

static gboolean
json_number (const char **p)
{
  const char *s = *p;

  if (*s == '-')
    s++;
  if (*s == '0')
    s++;
  else if (g_ascii_isdigit (*s))
    while (g_ascii_isdigit (*s))
      s++;
  else
    return FALSE;
  if (*s == '.')
    {
      s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  if (*s == 'e' || *s == 'E')
    {
      s++;
      if (*s == '+' || *s == '-')
        s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  *p = s;
  return TRUE;
}

static gboolean
json_container (const char **p,
                char         close)
{
  (*p)++;
  json_space (p);
  if (**p == close)
    {
      (*p)++;
      return TRUE;
    }
  for (;;)
    {
      json_space (p);
      if (close == '}')
        {
          if (!json_string (p))
            return FALSE;
          json_space (p);
          if (**p != ':')
            return FALSE;
          (*p)++;
        }
      if (!json_value (p))
        return FALSE;
      json_space (p);
      if (**p == close)
        {
          (*p)++;
          return TRUE;
        }
      if (**p != ',')
        return FALSE;
      (*p)++;
    }
}

static gboolean
json_value (const char **p)
{
  json_space (p);
  switch (**p)
    {
    case '{':
      return json_container (p, '}');
    case '[':
      return json_container (p, ']');
    case '"':
      return json_string (p);
    case 't':
    case 'f':
    case 'n':
      for (const char * const *word = (const char * const[]) { "true", "false", "null", NULL };
           *word != NULL; word++)
        if (g_str_has_prefix (*p, *word))
          {
            *p += strlen (*word);
            return TRUE;
          }
      return FALSE;
    default:
      return json_number (p);
    }
}

static void
assert_valid_json (const char *text)
{
  const char *p = text;

  g_assert_true (json_value (&p));
  json_space (&p);
  g_assert_cmpint (*p, ==, '\0');
}

/* ---- CSV -------------------------------------------------------------------------- */

/* Splits lines (no quoted fields in the test plan's output, which the check asserts). */
static char **
csv_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (lines[n - 1], ==, "");   /* the last line ends with a newline */
  g_clear_pointer (&lines[n - 1], g_free);
  g_assert_null (strchr (text, '"'));
  return g_steal_pointer (&lines);
}

static void
check_csv (const char *text)
{
  g_auto(GStrv) lines = csv_lines (text);
  g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);
  guint n_columns = g_strv_length (header);
  guint per_option[N_OPTIONS] = { 0, 0 };
  const char *expected[] = { "option", "cycle", "year", "df_cost", "df_outcome",
                             "people_well", "people_crisis", "service", "entry",
                             "delivery", "crisis", "community", "public_cost", "cum_net",
                             "participants", "rho", "episodes", "outcome_qaly",
                             "cost_nhs_service", "cost_nhs_entry", "cost_nhs_delivery",
                             "cost_council_service", "cost_council_entry",
                             "cost_council_delivery" };

  g_assert_cmpuint (n_columns, ==, G_N_ELEMENTS (expected));
  for (guint c = 0; c < n_columns; c++)
    g_assert_cmpstr (header[c], ==, expected[c]);

  g_assert_cmpuint (g_strv_length (lines), ==, 1 + N_OPTIONS * HORIZON);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      /* A decimal comma would add fields. */
      g_assert_cmpuint (g_strv_length (fields), ==, n_columns);
      if (g_str_equal (fields[0], "bau"))
        per_option[0]++;
      else if (g_str_equal (fields[0], "peer"))
        per_option[1]++;
      else
        g_assert_not_reached ();
      g_assert_cmpint (atoi (fields[1]), ==, (int) ((i - 1) % HORIZON) + 1);
      g_assert_cmpint (atoi (fields[2]), ==, 2026 + (int) ((i - 1) % HORIZON));
      for (guint c = 1; c < n_columns; c++)
        {
          char *end = NULL;

          g_assert_cmpstr (fields[c], !=, "");
          g_ascii_strtod (fields[c], &end);
          g_assert_cmpint (*end, ==, '\0');
        }
    }
  g_assert_cmpuint (per_option[0], ==, HORIZON);
  g_assert_cmpuint (per_option[1], ==, HORIZON);
}

/* ---- Tests ------------------------------------------------------------------------ */

static void
test_usage_no_arguments (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "upstream-cli: "));
}

static void
test_usage_unknown_command (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "frobnicate", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "frobnicate"));
}

static void
test_usage_bad_format (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "project", "--format", "xml", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_usage_unknown_option (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "validate", "--no-such-option", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_usage_missing_file (void)
{
  g_auto(Run) run_validate = { 0 }, run_project = { 0 };

  run_cli (&run_validate, "validate", NULL);
  g_assert_cmpint (run_validate.status, ==, 2);
  run_cli (&run_project, "project", "--format", "json", NULL);
  g_assert_cmpint (run_project.status, ==, 2);
}

static void
test_usage_bad_iterations (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "bench", "--iterations", "many", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "upstream-cli " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "validate"));
  g_assert_nonnull (strstr (run.out, "project"));
  g_assert_nonnull (strstr (run.out, "bench"));
}

/* Every problem line on stderr names the file, and at least one has line:column. */
static void
assert_located_errors (const char *err,
                       const char *filename)
{
  g_autofree char *escaped = g_regex_escape_string (filename, -1);
  g_autofree char *pattern = g_strdup_printf ("^%s:[0-9]+:[0-9]+: error: .+$", escaped);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);

  g_assert_nonnull (regex);
  g_assert_true (g_regex_match (regex, err, 0, NULL));
}

static void
test_validate_malformed (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "validate", malformed_plan, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_located_errors (run.err, malformed_plan);
  g_assert_null (strstr (run.out, "valid"));
}

static void
test_validate_missing_file (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.upstream", NULL);
  g_autofree char *prefix = g_strconcat (missing, ": error: ", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "validate", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, prefix));
}

static void
test_validate_bad_fixtures (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    {
      g_test_skip ("no tests/data/bad");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *prefix = NULL;
      g_auto(Run) run = { 0 };

      if (!g_str_has_suffix (name, ".upstream"))
        continue;
      path = g_build_filename (dir, name, NULL);
      prefix = g_strconcat (path, ":", NULL);
      run_cli (&run, "validate", path, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_true (g_str_has_prefix (run.err, prefix));
      g_assert_nonnull (strstr (run.err, "error: "));
      n++;
    }
  if (n == 0)
    g_test_skip ("no fixtures in tests/data/bad");
}

static void
test_validate_valid (void)
{
  g_autofree char *expected = g_strconcat (good_plan, ": valid\n", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "validate", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
}

static void
test_validate_mixed (void)
{
  g_autofree char *expected = g_strconcat (good_plan, ": valid\n", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "validate", good_plan, malformed_plan, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, expected);
  assert_located_errors (run.err, malformed_plan);
}

static void
test_project_table (void)
{
  g_auto(Run) run = { 0 }, run_cycles = { 0 };

  run_cli (&run, "project", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "CLI test plan"));
  g_assert_nonnull (strstr (run.out, "Peer support"));
  g_assert_nonnull (strstr (run.out, "Break-even"));
  g_assert_nonnull (strstr (run.out, "Pooled budget"));
  g_assert_null (strstr (run.out, "2030  "));

  run_cli (&run_cycles, "project", "--per-cycle", "--discounted", good_plan, NULL);
  g_assert_cmpint (run_cycles.status, ==, 0);
  g_assert_nonnull (strstr (run_cycles.out, "2030  Business as usual"));
}

static void
test_project_json (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *file_member = NULL;

  run_cli (&run, "project", "--format", "json", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_valid_json (run.out);
  g_assert_true (g_str_has_prefix (run.out, "{"));
  g_assert_nonnull (strstr (run.out, "\"format\": 1"));
  g_assert_nonnull (strstr (run.out, "\"options\": ["));
  g_assert_nonnull (strstr (run.out, "\"id\": \"bau\""));
  g_assert_nonnull (strstr (run.out, "\"id\": \"peer\""));
  g_assert_nonnull (strstr (run.out, "\"scenario\": null"));
  g_assert_nonnull (strstr (run.out, "\"npbi\": "));
  g_assert_nonnull (strstr (run.out, "\"trace_end\": ["));
  g_assert_null (strstr (run.out, "nan"));
  g_assert_null (strstr (run.out, "inf"));
}

static void
test_project_json_scenario (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "project", "-f", "json", "--scenario", "low", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_valid_json (run.out);
  g_assert_nonnull (strstr (run.out, "\"scenario\": \"low\""));
}

static void
test_project_unknown_scenario (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "project", "--scenario", "no-such-scenario", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "no-such-scenario"));
  g_assert_nonnull (strstr (run.err, "low"));   /* the scenarios there are */
}

static void
test_project_csv (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "project", "--format", "csv", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  check_csv (run.out);
  g_assert_nonnull (strchr (run.out, '.'));   /* the plan gives fractional money */
}

static const char *
find_german_locale (void)
{
  static const char * const names[] = { "de_DE.UTF-8", "de_DE.utf8", NULL };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  const char *found = NULL;

  for (guint i = 0; names[i] != NULL && found == NULL; i++)
    if (setlocale (LC_ALL, names[i]) != NULL)
      found = names[i];
  setlocale (LC_ALL, saved);
  return found;
}

static void
test_project_csv_german (void)
{
  const char *locale = find_german_locale ();
  g_auto(Run) run = { 0 }, run_json = { 0 }, run_table = { 0 };

  if (locale == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  run_cli_in_locale (&run, locale, "project", "--format", "csv", "--discounted",
                     good_plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  check_csv (run.out);

  run_cli_in_locale (&run_json, locale, "project", "--format", "json", good_plan, NULL);
  g_assert_cmpint (run_json.status, ==, 0);
  assert_valid_json (run_json.out);

  run_cli_in_locale (&run_table, locale, "project", "--per-cycle", good_plan, NULL);
  g_assert_cmpint (run_table.status, ==, 0);
  g_assert_nonnull (strstr (run_table.out, "Peer support"));
}

static void
test_project_output_file (void)
{
  g_autofree char *out_path = g_build_filename (tmp_dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, "project", "-f", "csv", "-o", out_path, good_plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_file_get_contents (out_path, &contents, NULL, &error);
  g_assert_no_error (error);
  check_csv (contents);
  g_unlink (out_path);
}

static void
test_project_invalid (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "project", "--format", "json", malformed_plan, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_located_errors (run.err, malformed_plan);
}

static void
test_bench (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "bench", "--iterations", "3", good_plan, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "iterations: 3\n"));
  g_assert_nonnull (strstr (run.out, "projection_us: "));
  g_assert_nonnull (strstr (run.out, "compile_us: "));
  g_assert_nonnull (strstr (run.out, "load_validate_ms: "));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("UPSTREAM_CLI");
  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_print ("1..0 # SKIP UPSTREAM_CLI does not name the built upstream-cli\n");
      return 0;
    }

  tmp_dir = g_dir_make_tmp ("upstream-cli-XXXXXX", &error);
  g_assert_no_error (error);
  good_plan = write_temp_file ("good.upstream", good_plan_text);
  malformed_plan = write_temp_file ("malformed.upstream", malformed_plan_text);

  g_test_add_func ("/cli/usage/no-arguments", test_usage_no_arguments);
  g_test_add_func ("/cli/usage/unknown-command", test_usage_unknown_command);
  g_test_add_func ("/cli/usage/bad-format", test_usage_bad_format);
  g_test_add_func ("/cli/usage/unknown-option", test_usage_unknown_option);
  g_test_add_func ("/cli/usage/missing-file", test_usage_missing_file);
  g_test_add_func ("/cli/usage/bad-iterations", test_usage_bad_iterations);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/validate/malformed", test_validate_malformed);
  g_test_add_func ("/cli/validate/missing-file", test_validate_missing_file);
  g_test_add_func ("/cli/validate/bad-fixtures", test_validate_bad_fixtures);
  g_test_add_func ("/cli/validate/valid", test_validate_valid);
  g_test_add_func ("/cli/validate/mixed", test_validate_mixed);
  g_test_add_func ("/cli/project/table", test_project_table);
  g_test_add_func ("/cli/project/json", test_project_json);
  g_test_add_func ("/cli/project/json-scenario", test_project_json_scenario);
  g_test_add_func ("/cli/project/unknown-scenario", test_project_unknown_scenario);
  g_test_add_func ("/cli/project/csv", test_project_csv);
  g_test_add_func ("/cli/project/csv-german", test_project_csv_german);
  g_test_add_func ("/cli/project/output-file", test_project_output_file);
  g_test_add_func ("/cli/project/invalid", test_project_invalid);
  g_test_add_func ("/cli/bench", test_bench);

  status = g_test_run ();

  g_unlink (good_plan);
  g_unlink (malformed_plan);
  g_rmdir (tmp_dir);
  g_free (good_plan);
  g_free (malformed_plan);
  g_free (tmp_dir);
  return status;
}
