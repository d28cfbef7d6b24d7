/* test-report.c: the PDF report opens, has its pages and says what the engine computed
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes reports of the example plans and reads them back with poppler's pdfinfo and
 * pdftotext (poppler-utils, installed by tools/install-deps); the checks that need them
 * are skipped, saying so, where they are missing.
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "up-report.h"
#include "upstream-core.h"

static char *tmp_dir;

static UpPlan *
load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UpPlan *plan = up_plan_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return plan;
}

/* Runs a poppler tool; FALSE (and the test skipped) when it is not installed. */
static gboolean
run_tool (const char  *tool,
          const char  *pdf,
          char       **out)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv_info[] = { program, pdf, NULL };
  const char *argv_text[] = { program, "-enc", "UTF-8", pdf, "-", NULL };

  if (program == NULL)
    {
      g_autofree char *why = g_strdup_printf ("%s is not installed (it comes with "
                                              "poppler-utils; tools/install-deps adds it)",
                                              tool);

      g_test_skip (why);
      return FALSE;
    }
  g_spawn_sync (NULL, (char **) (strcmp (tool, "pdftotext") == 0 ? argv_text : argv_info),
                NULL, G_SPAWN_DEFAULT, NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
}

static char *
write_pdf (UpReport   *report,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = up_report_to_pdf (report, &error);
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return path;
}

/* pdftotext breaks lines where the layout does: compare with runs of white space as one
 * space. */
static char *
squeeze (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

static void
assert_contains (const char *text,
                 const char *wanted)
{
  if (strstr (text, wanted) == NULL)
    g_error ("the report's text does not hold “%s”", wanted);
}

static void
test_figures (gconstpointer data)
{
  const char *name = data;
  g_autoptr(UpPlan) plan = load_example (name);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 5, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpReport) report = up_report_new (plan, NULL, name, date, &error);
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *info = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *short_hash = NULL;
  g_autoptr(GBytes) saved = up_plan_save_to_bytes (plan);
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, saved);
  int bau;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (up_report_get_hash (report), ==, hash);
  model = up_model_compile (plan, NULL, NULL, &error);
  g_assert_no_error (error);
  results = up_model_project (model);
  bau = up_model_get_bau_index (model);

  pdf = write_pdf (report, "report.pdf");
  if (!run_tool ("pdfinfo", pdf, &info))
    return;
  pages = g_strdup_printf ("Pages: %d", up_report_get_n_pages (report));
  g_assert_cmpint (up_report_get_n_pages (report), >=, 8);
  {
    g_autofree char *squeezed = squeeze (info);
    g_autofree char *wanted = squeeze (pages);
    g_autofree char *title = g_strdup_printf ("Title: %s", up_item_get_name (UP_ITEM (plan)));
    g_autofree char *wanted_title = squeeze (title);

    assert_contains (squeezed, wanted);
    assert_contains (squeezed, wanted_title);
  }

  if (!run_tool ("pdftotext", pdf, &raw))
    return;
  text = squeeze (raw);
  short_hash = g_strndup (hash, 12);
  assert_contains (text, up_item_get_name (UP_ITEM (plan)));
  assert_contains (text, short_hash);
  assert_contains (text, name);
  assert_contains (text, "1 May 2026");
  for (int o = 0; o < up_model_get_n_options (model); o++)
    {
      const UpMetrics *mt = &results->metrics[o];
      g_autofree char *npbi = up_format_money (mt->npbi, up_model_get_currency (model));
      g_autofree char *pc = up_format_money (mt->public_cost, up_model_get_currency (model));

      assert_contains (text, pc);
      if (o == bau)
        continue;
      assert_contains (text, npbi);
      if (mt->break_even_cycle > 0)
        {
          g_autofree char *year = g_strdup_printf ("%d", mt->break_even_year);
          g_autofree char *words = g_strdup_printf ("breaks even in %d", mt->break_even_year);

          assert_contains (text, year);
          assert_contains (text, words);
        }
    }
  /* The pages are numbered, out of the total. */
  {
    g_autofree char *last = g_strdup_printf ("Page %d of %d", up_report_get_n_pages (report),
                                             up_report_get_n_pages (report));

    assert_contains (text, last);
  }
}

/* The same plan and date give the same document. */
static void
test_deterministic (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 5, 1, 0, 0, 0);
  g_autoptr(UpReport) a = up_report_new (plan, NULL, "a.upstream", date, NULL);
  g_autoptr(UpReport) b = up_report_new (plan, NULL, "a.upstream", date, NULL);
  g_autoptr(GBytes) pa = up_report_to_pdf (a, NULL);
  g_autoptr(GBytes) pb = up_report_to_pdf (b, NULL);

  g_assert_true (g_bytes_equal (pa, pb));
}

/* A scenario changes the figures and is named on the cover; another page size lays the
 * same content out again (printing on US Letter). */
static void
test_scenario_and_page_size (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  UpScenario *scenario = up_plan_find_scenario (plan, "pessimistic");
  g_autoptr(GError) error = NULL;
  g_autoptr(UpReport) report = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int a4_pages;

  g_assert_nonnull (scenario);
  report = up_report_new (plan, scenario, NULL, NULL, &error);
  g_assert_no_error (error);
  model = up_model_compile (plan, scenario, NULL, &error);
  g_assert_no_error (error);
  results = up_model_project (model);

  a4_pages = up_report_get_n_pages (report);
  up_report_set_page_size (report, 612, 792);
  g_assert_cmpint (up_report_get_n_pages (report), >=, 8);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  for (int i = 0; i < up_report_get_n_pages (report); i++)
    up_report_draw_page (report, cr, i);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  up_report_set_page_size (report, UP_REPORT_A4_WIDTH, UP_REPORT_A4_HEIGHT);
  g_assert_cmpint (up_report_get_n_pages (report), ==, a4_pages);

  pdf = write_pdf (report, "scenario.pdf");
  if (!run_tool ("pdftotext", pdf, &raw))
    return;
  text = squeeze (raw);
  assert_contains (text, "Scenario: Pessimistic");
  assert_contains (text, "Unsaved plan");
  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (o != up_model_get_bau_index (model))
      {
        g_autofree char *npbi = up_format_money (results->metrics[o].npbi,
                                                 up_model_get_currency (model));

        assert_contains (text, npbi);
      }
}

static void
test_invalid_plan (void)
{
  g_autoptr(UpPlan) plan = load_example ("bradford-peer-recovery.upstream");
  g_autoptr(GError) error = NULL;
  g_autoptr(UpReport) report = NULL;

  g_assert_true (up_plan_set_param (plan, "transition/stable/exit", 2, NULL));
  report = up_report_new (plan, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  const char *examples[] = {
    "bradford-peer-recovery.upstream",
    "drug-alcohol-recovery.upstream",
    "wigan-early-help.upstream",
  };
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("test-report-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *test = g_strdup_printf ("/up/report/figures/%s", examples[i]);

      g_test_add_data_func (test, examples[i], test_figures);
    }
  g_test_add_func ("/up/report/deterministic", test_deterministic);
  g_test_add_func ("/up/report/scenario-and-page-size", test_scenario_and_page_size);
  g_test_add_func ("/up/report/invalid-plan", test_invalid_plan);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return status;
}
