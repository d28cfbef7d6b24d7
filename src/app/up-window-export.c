/* up-window-export.c: the window's exports and printing
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files are made on the main thread, by the core (up-export.h) from the session's
 * results, which are immutable, and by the report (up-report.h) from the plan, then
 * written with GIO's atomic replace. Printing draws the report's pages with the same
 * renderer as the PDF.
 */

#define G_LOG_DOMAIN "up-window-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "up-report.h"
#include "up-window-export.h"

typedef enum
{
  EXPORT_YEARS = 0,
  EXPORT_SCORECARD,
  EXPORT_REPORT,
} ExportKind;

typedef struct
{
  const char *action;
  const char *title;       /* N_() */
  const char *suffix;      /* appended to the plan's name for the suggested file name */
  const char *extension;
  const char *filter;      /* N_() */
  const char *mime_type;
} ExportInfo;

static const ExportInfo exports[] = {
  { "win.export-years-csv", N_("Export Per-Year CSV"), N_("per year"), "csv",
    N_("CSV files"), "text/csv" },
  { "win.export-scorecard-csv", N_("Export Scorecard CSV"), N_("scorecard"), "csv",
    N_("CSV files"), "text/csv" },
  { "win.export-report", N_("Export Report"), N_("report"), "pdf",
    N_("PDF documents"), "application/pdf" },
};

typedef struct
{
  UpWindow *window;
  GFile    *file;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->file);
  g_free (data);
}

static void
show_error (UpWindow   *self,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The session's results, or NULL after telling the user why there are none to export. */
static gboolean
have_results (UpWindow *self)
{
  UpPlanSession *session = up_window_get_session (self);

  if (up_plan_session_get_model (session) == NULL || up_plan_session_get_stale (session))
    {
      show_error (self, _("Nothing to export yet"),
                  _("The plan has problems, so its results are out of date. Put the "
                    "problems listed above the views right, then export again."));
      return FALSE;
    }
  return TRUE;
}

/* The plan's file name without ".upstream", or its title, for suggested names. */
static char *
plan_stem (UpWindow *self)
{
  UpPlanSession *session = up_window_get_session (self);
  GFile *file = up_plan_session_get_file (session);
  const char *title = up_item_get_name (UP_ITEM (up_plan_session_get_plan (session)));
  char *stem;

  if (file != NULL)
    {
      g_autofree char *base = g_file_get_basename (file);

      if (g_str_has_suffix (base, ".upstream"))
        base[strlen (base) - strlen (".upstream")] = '\0';
      return g_steal_pointer (&base);
    }
  stem = g_strdup (title != NULL && *title != '\0' ? title : _("Untitled plan"));
  /* A title may hold characters a file name cannot. */
  g_strdelimit (stem, "/\\:", '-');
  return stem;
}

/* The report of the session's plan, dated now; NULL with error set when it cannot be
 * made. */
static UpReport *
make_report (UpWindow  *self,
             GError   **error)
{
  UpPlanSession *session = up_window_get_session (self);
  GFile *file = up_plan_session_get_file (session);
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  return up_report_new (up_plan_session_get_plan (session), NULL, name, NULL, error);
}

static GBytes *
make_bytes (UpWindow    *self,
            ExportKind   kind,
            GError     **error)
{
  UpPlanSession *session = up_window_get_session (self);
  UpModel *model = up_plan_session_get_model (session);
  const UpResults *results = up_plan_session_get_results (session);

  switch (kind)
    {
    case EXPORT_YEARS:
      return up_export_years_csv (model, results, FALSE);
    case EXPORT_SCORECARD:
      return up_export_scorecard_csv (model, results);
    case EXPORT_REPORT:
    default:
      {
        g_autoptr(UpReport) report = make_report (self, error);

        return report != NULL ? up_report_to_pdf (report, error) : NULL;
      }
    }
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  WriteData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (data->file);

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could not export “%s”"), name);

      g_warning ("%s: %s", heading, error->message);
      show_error (data->window, heading, error->message);
    }
  else
    {
      /* translators: a toast after an export; %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

      up_window_toast (data->window, message);
    }
  write_data_free (data);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    UpWindow        *self)
{
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind"));
  const ExportInfo *info = &exports[kind];

  if (response == GTK_RESPONSE_ACCEPT && have_results (self))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *dot_ext = g_strconcat (".", info->extension, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      WriteData *data;

      if (!g_str_has_suffix (name, dot_ext))
        {
          g_autofree char *fixed = g_strconcat (name, dot_ext, NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);

          g_set_object (&file, g_file_get_child (parent, fixed));
        }
      bytes = make_bytes (self, kind, &error);
      if (bytes == NULL)
        {
          g_autofree char *base = g_file_get_basename (file);
          g_autofree char *heading = g_strdup_printf (_("Could not export “%s”"), base);

          g_warning ("%s: %s", heading, error->message);
          show_error (self, heading, error->message);
          gtk_native_dialog_destroy (dialog);
          g_object_unref (dialog);
          return;
        }
      data = g_new0 (WriteData, 1);
      data->window = g_object_ref (self);
      data->file = g_object_ref (file);
      /* An export is made again at will: no backup of the file it replaces. */
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                           write_cb, data);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  UpWindow *self = UP_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *stem = NULL;
  g_autofree char *suggested = NULL;
  const ExportInfo *info = NULL;
  ExportKind kind = EXPORT_YEARS;

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    if (g_strcmp0 (exports[i].action, action_name) == 0)
      {
        info = &exports[i];
        kind = i;
      }
  g_return_if_fail (info != NULL);
  if (!have_results (self))
    return;

  dialog = gtk_file_chooser_native_new (_(info->title), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _(info->filter));
  gtk_file_filter_add_mime_type (filter, info->mime_type);
  gtk_file_filter_add_suffix (filter, info->extension);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  stem = plan_stem (self);
  /* translators: a suggested file name: the plan's name, what is exported, an extension */
  suggested = g_strdup_printf (_("%1$s – %2$s.%3$s"), stem, _(info->suffix), info->extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  g_object_set_data (G_OBJECT (dialog), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- Printing --------------------------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                UpReport          *report)
{
  /* With the unit in points and the full page, the context is the paper in points. */
  up_report_set_page_size (report, gtk_print_context_get_width (context),
                           gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, up_report_get_n_pages (report));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              UpReport          *report)
{
  up_report_draw_page (report, gtk_print_context_get_cairo_context (context), page);
}

GtkPrintOperation *
_up_report_print_operation_new (UpReport   *report,
                                const char *job_name)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, job_name);
  g_object_set_data_full (G_OBJECT (operation), "report", report,
                          (GDestroyNotify) up_report_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), report);
  return operation;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               UpWindow                *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      g_warning ("Could not print: %s", error != NULL ? error->message : "?");
      show_error (self, _("Could not print the report"),
                  error != NULL ? error->message : _("The printing system gave no reason."));
      g_object_set_data (G_OBJECT (operation), "error-shown", GINT_TO_POINTER (TRUE));
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  UpWindow *self = UP_WINDOW (widget);
  GtkPrintOperation *operation;
  g_autoptr(GError) error = NULL;
  UpReport *report;
  const char *title;
  GtkPrintOperationResult result;

  if (!have_results (self))
    return;
  report = make_report (self, &error);
  if (report == NULL)
    {
      show_error (self, _("Could not print the report"), error->message);
      return;
    }
  title = up_item_get_name (UP_ITEM (up_plan_session_get_plan (up_window_get_session (self))));

  operation = _up_report_print_operation_new (report, title != NULL && *title != '\0'
                                                     ? title : _("Upstream report"));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  /* GTK keeps the operation alive while it runs on after this returns. */
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR
      && g_object_get_data (G_OBJECT (operation), "error-shown") == NULL)
    {
      g_warning ("Could not print: %s", error != NULL ? error->message : "?");
      show_error (self, _("Could not print the report"),
                  error != NULL ? error->message : _("The printing system gave no reason."));
    }
  g_object_unref (operation);
}

void
_up_window_class_export_init (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    gtk_widget_class_install_action (widget_class, exports[i].action, NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
}
