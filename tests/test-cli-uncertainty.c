/* test-cli-uncertainty.c: upstream-cli tornado and psa, run as a user runs them
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spawns the built binary (its path comes in UPSTREAM_CLI) and checks exit codes, that
 * the output does not depend on the number of threads or on the locale, and the shape of
 * the CSV files.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

static const char *cli_path;
static char *bradford;
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

/* Runs upstream-cli with the arguments (NULL-terminated) under locale (NULL: C.UTF-8). */
static void
run_cli (Run        *run,
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
  envp = g_environ_setenv (envp, "LC_ALL", locale != NULL ? locale : "C.UTF-8", TRUE);

  memset (run, 0, sizeof *run);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &run->out, &run->err, &wait_status, &error))
    g_error ("could not run %s: %s", cli_path, error->message);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
test_psa_threads (void)
{
  g_auto(Run) one = { 0 };
  g_auto(Run) two = { 0 };

  run_cli (&one, NULL, "psa", bradford, "--samples", "600", "--seed", "9", "--threads", "1",
           "--format", "json", NULL);
  run_cli (&two, NULL, "psa", bradford, "--samples", "600", "--seed", "9", "--threads", "2",
           "--format", "json", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpint (two.status, ==, 0);
  g_assert_nonnull (strstr (one.out, "\"samples\": 600"));
  g_assert_nonnull (strstr (one.out, "\"prob_cheapest\""));
  g_assert_cmpstr (one.out, ==, two.out);
}

static void
test_psa_locale (void)
{
  g_auto(Run) c = { 0 };
  g_auto(Run) de = { 0 };
  g_auto(Run) de_table = { 0 };
  const char *formats[] = { "csv", "json" };

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      run_clear (&c);
      run_clear (&de);
      run_cli (&c, NULL, "psa", bradford, "--samples", "200", "--format", formats[f], NULL);
      run_cli (&de, "de_DE.UTF-8", "psa", bradford, "--samples", "200", "--format", formats[f],
               NULL);
      g_assert_cmpint (c.status, ==, 0);
      g_assert_cmpint (de.status, ==, 0);
      g_assert_cmpstr (c.out, ==, de.out);
    }
  /* The table is for people: a German reader gets decimal commas. */
  run_cli (&de_table, "de_DE.UTF-8", "tornado", bradford, NULL);
  g_assert_cmpint (de_table.status, ==, 0);
  g_assert_nonnull (strstr (de_table.out, "0,2147"));
}

static void
test_psa_csv (void)
{
  g_autofree char *samples = g_build_filename (tmp_dir, "samples.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, "psa", bradford, "--samples", "100", "--format", "csv",
           "--samples-csv", samples, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "section,option,name,year,n,mean,sd,p2_5,p25,p50,"
                                            "p75,p97_5,probability\n"));
  lines = g_strsplit (run.out, "\n", 0);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", 0);

      g_assert_cmpuint (g_strv_length (fields), ==, 13);
    }
  g_clear_pointer (&lines, g_strfreev);

  g_assert_true (g_file_get_contents (samples, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", 0);
  g_assert_cmpuint (g_strv_length (lines), ==, 102);   /* header, 100 rows, "" */
  g_assert_true (g_str_has_prefix (lines[0], "sample,valid,cost-item/ae/cost,"));
  header = g_strsplit (lines[0], ",", 0);
  for (guint i = 1; i <= 100; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", 0);

      g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (header));
    }
  g_unlink (samples);
}

static void
test_tornado (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, NULL, "tornado", bradford, "--option", "communitise", "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", 0);
  g_assert_cmpstr (lines[0], ==, "option,metric,rank,path,distribution,base,low,high,"
                                 "metric_low,metric_high,swing,invalid");
  g_assert_cmpuint (g_strv_length (lines), ==, 9);   /* header, 7 bars, "" */
  g_assert_true (g_str_has_prefix (lines[1], "communitise,npbi,1,"));
  g_assert_true (g_str_has_prefix (lines[7], "communitise,npbi,7,"));

  run_clear (&run);
  run_cli (&run, NULL, "tornado", bradford, "--metric", "break_even_year", "--format", "json",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"metric\": \"break_even_year\""));
}

static void
test_usage_and_errors (void)
{
  g_autofree char *no_uncertainty = g_build_filename (tmp_dir, "plain.upstream", NULL);
  g_autofree char *text = NULL;
  struct
  {
    int         status;
    const char *args[8];
  } cases[] = {
    { 2, { "psa", NULL } },
    { 2, { "psa", "--samples", "0", NULL } },
    { 2, { "psa", "--samples", "1000001", NULL } },
    { 2, { "psa", "--seed", "minus", NULL } },
    { 2, { "psa", "--threads", "-1", NULL } },
    { 2, { "psa", "--format", "xml", NULL } },
    { 2, { "tornado", "--metric", "nonsense", NULL } },
    { 1, { "tornado", "--option", "nonsense", NULL } },
    { 1, { "psa", "--scenario", "nonsense", NULL } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_auto(Run) run = { 0 };
      const char *a[8] = { NULL };
      guint n = 0;

      for (; cases[c].args[n] != NULL; n++)
        a[n] = cases[c].args[n];
      /* every case but the first names the plan */
      if (c > 0)
        a[n] = bradford;
      run_cli (&run, NULL, a[0], a[1], a[2], a[3], a[4], a[5], a[6], NULL);
      if (run.status != cases[c].status)
        g_error ("upstream-cli %s %s %s: status %d, expected %d\n%s", a[0], a[1] ? a[1] : "",
                 a[2] ? a[2] : "", run.status, cases[c].status, run.err);
      g_assert_cmpstr (run.out, ==, "");
    }

  /* A plan with no distribution cannot be analysed: status 1, and why. */
  g_assert_true (g_file_get_contents (bradford, &text, NULL, NULL));
  *strstr (text, "  <uncertainty>") = '\0';
  {
    g_autofree char *plain = g_strconcat (text, "</plan>\n", NULL);
    g_auto(Run) run = { 0 };

    g_assert_true (g_file_set_contents (no_uncertainty, plain, -1, NULL));
    run_cli (&run, NULL, "psa", no_uncertainty, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "distribution"));
  }
  g_unlink (no_uncertainty);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cli_path = g_getenv ("UPSTREAM_CLI");
  if (cli_path == NULL)
    g_error ("UPSTREAM_CLI is not set");
  bradford = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                    "bradford-peer-recovery.upstream", NULL);
  tmp_dir = g_dir_make_tmp ("upstream-cli-uncertainty-XXXXXX", NULL);

  g_test_add_func ("/uncertainty/cli/psa-same-with-1-and-2-threads", test_psa_threads);
  g_test_add_func ("/uncertainty/cli/psa-same-in-any-locale", test_psa_locale);
  g_test_add_func ("/uncertainty/cli/psa-csv-and-samples-csv", test_psa_csv);
  g_test_add_func ("/uncertainty/cli/tornado", test_tornado);
  g_test_add_func ("/uncertainty/cli/usage-and-errors", test_usage_and_errors);
  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (bradford);
  return status;
}
