/* test-print.c: printing draws the report's pages; the window has its export actions
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the print operation of win.print with GTK_PRINT_OPERATION_ACTION_EXPORT (GTK's own
 * PDF backend, no printer and no dialog) and checks that every page of the report was
 * printed, with the report's text. Needs a display: run under xvfb-run.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "up-window.h"
#include "up-window-export.h"

static UpPlan *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "bradford-peer-recovery.upstream", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  UpPlan *plan = up_plan_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return plan;
}

static char *
run_tool (const char *tool,
          const char *pdf)
{
  g_autofree char *program = g_find_program_in_path (tool);
  const char *argv[] = { program, pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (program == NULL)
    return NULL;
  if (strcmp (tool, "pdfinfo") == 0)
    argv[2] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_print_to_pdf (void)
{
  g_autoptr(UpPlan) plan = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-print-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "printed.pdf", NULL);
  UpReport *report = up_report_new (plan, NULL, "bradford.upstream", NULL, &error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  const char *pages;
  GtkPrintOperationResult result;
  int n_pages;

  g_assert_no_error (error);
  n_pages = up_report_get_n_pages (report);
  operation = _up_report_print_operation_new (report, "test");
  gtk_print_operation_set_export_filename (operation, pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));

  info = run_tool ("pdfinfo", pdf);
  if (info == NULL)
    {
      g_test_skip ("pdfinfo is not installed (poppler-utils; tools/install-deps adds it)");
      g_unlink (pdf);
      g_rmdir (dir);
      return;
    }
  /* A4 by default: the same pages as the PDF export. */
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  g_assert_cmpint (atoi (pages + strlen ("Pages:")), ==, n_pages);
  g_assert_nonnull (strstr (info, "595.276 x 841.89"));
  text = run_tool ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, up_item_get_name (UP_ITEM (plan))));
  {
    g_autofree char *hash = g_strndup (up_report_get_hash (report), 12);
    g_autofree char *last = g_strdup_printf ("Page %d of %d", n_pages, n_pages);

    g_assert_nonnull (strstr (text, hash));
    g_assert_nonnull (strstr (text, last));
  }
  g_unlink (pdf);
  g_rmdir (dir);
}

/* The actions behind the main menu's items, and Ctrl+P. */
static void
test_window_actions (void)
{
  GtkWidgetClass *klass = g_type_class_ref (UP_TYPE_WINDOW);
  const char *wanted[] = { "win.export-years-csv", "win.export-scorecard-csv",
                           "win.export-report", "win.print" };
  gboolean found[G_N_ELEMENTS (wanted)] = { FALSE };
  const char *name, *property;
  const GVariantType *parameter;
  GType owner;
  guint i = 0;

  /* GTK 4.8 fills every out argument: none may be NULL. */
  while (gtk_widget_class_query_action (klass, i++, &owner, &name, &parameter, &property))
    for (guint j = 0; j < G_N_ELEMENTS (wanted); j++)
      if (g_strcmp0 (name, wanted[j]) == 0)
        found[j] = TRUE;
  for (guint j = 0; j < G_N_ELEMENTS (wanted); j++)
    if (!found[j])
      g_error ("the window has no action %s", wanted[j]);
  g_type_class_unref (klass);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/up/print/to-pdf", test_print_to_pdf);
  g_test_add_func ("/up/print/window-actions", test_window_actions);
  return g_test_run ();
}
