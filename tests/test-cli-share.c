/* test-cli-share.c: upstream-cli diff, export and report, run as a user runs them
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spawns the built binary named in UPSTREAM_CLI and checks exit codes and the shape of
 * what it writes.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

static const char *cli_path;
static char *tmp_dir;

typedef struct
{
  int   status;
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

static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli_path);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
example (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

static void
test_diff (void)
{
  g_autofree char *a = example ("bradford-peer-recovery.upstream");
  g_autofree char *b = example ("wigan-early-help.upstream");
  g_autofree char *copy = g_build_filename (tmp_dir, "copy.upstream", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_auto(Run) same = { 0 };
  g_auto(Run) json_same = { 0 };
  g_auto(Run) other = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) edited = { 0 };
  g_auto(Run) usage = { 0 };
  g_auto(Run) bad_format = { 0 };
  g_auto(Run) missing = { 0 };

  run_cli (&same, "diff", a, a, NULL);
  g_assert_cmpint (same.status, ==, 0);
  g_assert_cmpstr (same.out, ==, "No differences\n");

  run_cli (&json_same, "diff", "--format=json", a, a, NULL);
  g_assert_cmpint (json_same.status, ==, 0);
  g_assert_nonnull (strstr (json_same.out, "\"identical\": true"));
  g_assert_nonnull (strstr (json_same.out, "\"changes\": []"));

  run_cli (&other, "diff", a, b, NULL);
  g_assert_cmpint (other.status, ==, 0);
  g_assert_nonnull (strstr (other.out, "plan/title"));
  g_assert_nonnull (strstr (other.out, "differences:"));

  run_cli (&json, "diff", "-f", "json", a, b, NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"identical\": false"));
  g_assert_nonnull (strstr (json.out, "\"path\": \"plan/title\""));

  /* One number changed in the file: one line, and the results that moved. */
  g_assert_true (g_file_get_contents (a, &contents, &length, NULL));
  {
    g_autoptr(GString) s = g_string_new_len (contents, length);

    g_assert_cmpuint (g_string_replace (s, "volunteer-hours=\"30\"", "volunteer-hours=\"31\"", 1),
                      ==, 1);
    g_assert_true (g_file_set_contents (copy, s->str, s->len, NULL));
  }
  run_cli (&edited, "diff", a, copy, NULL);
  g_assert_cmpint (edited.status, ==, 0);
  g_assert_nonnull (strstr (edited.out, "1 difference:"));
  g_assert_nonnull (strstr (edited.out, "/volunteer-hours"));
  g_assert_nonnull (strstr (edited.out, "30 → 31"));

  run_cli (&usage, "diff", a, NULL);
  g_assert_cmpint (usage.status, ==, 2);
  run_cli (&bad_format, "diff", "--format=xml", a, a, NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  run_cli (&missing, "diff", a, "/nonexistent/plan.upstream", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/plan.upstream"));
  g_unlink (copy);
}

static void
test_export (void)
{
  g_autofree char *a = example ("bradford-peer-recovery.upstream");
  g_autofree char *out = g_build_filename (tmp_dir, "years.csv", NULL);
  g_autofree char *written = NULL;
  g_auto(Run) years = { 0 };
  g_auto(Run) card = { 0 };
  g_auto(Run) to_file = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) scenario = { 0 };

  run_cli (&years, "export", a, NULL);
  g_assert_cmpint (years.status, ==, 0);
  g_assert_true (g_str_has_prefix (years.out,
                                   "option,cycle,year,quantity,holder,state,measure,value,"
                                   "discounted\r\n"));
  run_cli (&card, "export", "--what=scorecard", a, NULL);
  g_assert_cmpint (card.status, ==, 0);
  g_assert_true (g_str_has_prefix (card.out, "option,option_name,metric,label,unit,value\r\n"));
  g_assert_nonnull (strstr (card.out, ",npbi,"));

  run_cli (&to_file, "export", "-d", "-o", out, a, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, ",true\r\n"));

  run_cli (&bad, "export", "--what=pie", a, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  run_cli (&scenario, "export", "--scenario=nope", a, NULL);
  g_assert_cmpint (scenario.status, ==, 1);
  g_unlink (out);
}

static void
test_report (void)
{
  g_autofree char *a = example ("bradford-peer-recovery.upstream");
  g_autofree char *out = g_build_filename (tmp_dir, "report.pdf", NULL);
  g_autofree char *pdf = NULL;
  gsize length = 0;
  g_auto(Run) ok = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) bad_date = { 0 };
  g_auto(Run) no_output = { 0 };
  g_auto(Run) bad_scenario = { 0 };

  run_cli (&ok, "report", a, "-o", out, "--date", "2026-05-01", NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &pdf, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));

  run_cli (&again, "report", a, "--scenario", "pessimistic", "--date=2026-05-01", "-o", "-",
           NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_true (g_str_has_prefix (again.out, "%PDF-"));

  run_cli (&bad_date, "report", a, "-o", out, "--date", "2026-02-30", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_nonnull (strstr (bad_date.err, "2026-02-30"));
  run_cli (&no_output, "report", a, NULL);
  g_assert_cmpint (no_output.status, ==, 2);
  run_cli (&bad_scenario, "report", a, "-o", out, "--scenario", "nope", NULL);
  g_assert_cmpint (bad_scenario.status, ==, 1);
  g_unlink (out);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  cli_path = g_getenv ("UPSTREAM_CLI");
  if (cli_path == NULL)
    {
      g_printerr ("UPSTREAM_CLI is not set: run this test through meson\n");
      return 77;
    }
  tmp_dir = g_dir_make_tmp ("test-cli-share-XXXXXX", NULL);

  g_test_add_func ("/up/cli/diff", test_diff);
  g_test_add_func ("/up/cli/export", test_export);
  g_test_add_func ("/up/cli/report", test_report);
  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
