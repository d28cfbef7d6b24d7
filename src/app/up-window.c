/* up-window.c: one window per plan
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-window"

#include "config.h"

#include <glib/gi18n.h>

#include "up-compare-view.h"
#include "up-costs-view.h"
#include "up-pathways-view.h"
#include "up-recovery.h"
#include "up-results-view.h"
#include "up-settings-view.h"
#include "up-uncertainty-view.h"
#include "up-window.h"
#include "up-workshop-window.h"
#include "up-window-export.h"
#include "up-window-compare.h"

#define RECENT_MAX 8

struct _UpWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *title_widget;
  AdwViewStack         *stack;
  GtkRevealer          *problems_revealer;
  GtkLabel             *problems_label;
  GtkLabel             *problems_list;
  GMenu                *recent_menu;
  GMenu                *examples_menu;
  UpCompareView        *compare_view;
  UpPathwaysView       *pathways_view;
  UpCostsView          *costs_view;
  UpResultsView        *results_view;
  UpSettingsView       *settings_view;
  UpUncertaintyView    *uncertainty_view;

  /* owned */
  UpPlanSession        *session;
  UpRecovery           *recovery;
  GSettings            *settings;
  char                 *screenshot;
  GCancellable         *cancellable;

  gboolean              close_after_save;
  gboolean              quit_after_close;
  gboolean              closing_confirmed;
};

G_DEFINE_FINAL_TYPE (UpWindow, up_window, ADW_TYPE_APPLICATION_WINDOW)

static void save_with_dialog (UpWindow *self);
static UpPlan *blank_plan (void);

/* ---- Helpers ------------------------------------------------------------------ */

void
up_window_toast (UpWindow   *self,
                 const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
update_title (UpWindow *self)
{
  UpPlan *plan = up_plan_session_get_plan (self->session);
  const char *title = up_item_get_name (UP_ITEM (plan));
  g_autofree char *name = up_plan_session_dup_display_name (self->session);
  g_autofree char *subtitle = NULL;

  if (title == NULL || *title == '\0')
    title = _("Untitled plan");
  if (up_plan_session_get_dirty (self->session))
    /* translators: the file name with a mark for unsaved changes */
    subtitle = g_strdup_printf (_("%s • unsaved changes"), name);
  else
    subtitle = g_steal_pointer (&name);
  adw_window_title_set_title (self->title_widget, title);
  adw_window_title_set_subtitle (self->title_widget, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_actions (UpWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 up_plan_session_can_undo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 up_plan_session_can_redo (self->session));
}

static void
update_problems (UpWindow *self)
{
  GPtrArray *problems = up_plan_session_get_problems (self->session);
  guint n = up_problems_count (problems, UP_SEVERITY_ERROR);
  g_autoptr(GString) list = g_string_new (NULL);

  /* The empty plan a window holds before its file loads is not the user's mistake. */
  if (g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_states (up_plan_session_get_plan (self->session)))) == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_options (up_plan_session_get_plan (self->session)))) == 0)
    n = 0;
  gtk_revealer_set_reveal_child (self->problems_revealer, n > 0);
  if (n == 0)
    return;
  {
    g_autofree char *summary =
      g_strdup_printf (ngettext ("The plan has %u problem. The results shown are from the "
                                 "last valid plan.",
                                 "The plan has %u problems. The results shown are from the "
                                 "last valid plan.", n), n);

    gtk_label_set_label (self->problems_label, summary);
  }
  for (guint i = 0, shown = 0; i < problems->len && shown < 6; i++)
    {
      const UpProblem *p = problems->pdata[i];

      if (p->severity != UP_SEVERITY_ERROR)
        continue;
      if (list->len > 0)
        g_string_append_c (list, '\n');
      g_string_append_printf (list, "• %s", p->message);
      if (p->where != NULL)
        g_string_append_printf (list, " (%s)", p->where);
      shown++;
    }
  gtk_label_set_label (self->problems_list, list->str);
}

static void
session_notify_cb (UpWindow *self)
{
  update_title (self);
  update_actions (self);
}

/* ---- Recent files and examples ------------------------------------------------------ */

static void
rebuild_recent_menu (UpWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < RECENT_MAX; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (gtk_recent_info_get_mime_type (info), "application/x-upstream-plan") != 0 &&
          !g_str_has_suffix (gtk_recent_info_get_uri (info), ".upstream"))
        continue;
      if (!gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-uri", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
add_to_recent (GFile *file)
{
  GtkRecentData data = { 0 };
  g_autofree char *uri = g_file_get_uri (file);
  char *groups[] = { (char *) "upstream", NULL };

  data.display_name = NULL;
  data.mime_type = (char *) "application/x-upstream-plan";
  data.app_name = (char *) "Upstream";
  data.app_exec = (char *) "upstream %u";
  data.groups = groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
build_examples_menu (UpWindow *self)
{
  g_autofree char *dir = up_application_get_examples_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".upstream"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(UpPlan) plan = up_plan_load_from_file (file, NULL, NULL);
      g_autoptr(GMenuItem) item = NULL;
      const char *title = plan ? up_item_get_name (UP_ITEM (plan)) : NULL;

      if (plan == NULL)
        continue;
      item = g_menu_item_new (title ? title : names->pdata[i], NULL);
      g_menu_item_set_action_and_target (item, "win.new-from-example", "s", path);
      g_menu_append_item (self->examples_menu, item);
    }
}

/* ---- Loading ---------------------------------------------------------------------- */

typedef struct
{
  UpWindow *self;
  GFile    *file;
  gboolean  as_copy;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

static void
show_error_dialog (UpWindow   *self,
                   const char *heading,
                   const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  OpenData *data = user_data;
  UpWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  /* On failure the session keeps the plan it had: nothing is lost. */
  if (!up_plan_session_load_finish (UP_PLAN_SESSION (source), result, &problems, &error))
    {
      g_autofree char *name = g_file_get_parse_name (data->file);
      g_autofree char *base = g_file_get_basename (data->file);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);
      g_autoptr(GString) body = g_string_new (NULL);

      for (guint i = 0; problems != NULL && i < problems->len && i < 8; i++)
        {
          g_autofree char *line = up_problem_format (problems->pdata[i], base);

          g_string_append_printf (body, "%s%s", i ? "\n" : "", line);
        }
      if (problems != NULL && problems->len > 8)
        {
          g_string_append_c (body, '\n');
          g_string_append_printf (body, ngettext ("… and %u more problem",
                                                  "… and %u more problems",
                                                  problems->len - 8),
                                  problems->len - 8);
        }
      if (body->len == 0)
        g_string_append (body, error->message);
      g_warning ("%s: %s", heading, error->message);
      show_error_dialog (self, heading, body->str);
      open_data_free (data);
      return;
    }

  if (data->as_copy)
    {
      /* An example becomes a new, unsaved plan: Save asks where to put it. */
      g_autoptr(UpPlan) plan = g_object_ref (up_plan_session_get_plan (self->session));

      up_plan_session_set_plan (self->session, plan, NULL);
      up_window_toast (self, _("Opened an example plan. Save it to keep your changes."));
    }
  else
    add_to_recent (data->file);
  open_data_free (data);
}

static void
open_file (UpWindow *self,
           GFile    *file,
           gboolean  as_copy)
{
  OpenData *data = g_new0 (OpenData, 1);

  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->as_copy = as_copy;
  up_plan_session_load_async (self->session, file, self->cancellable, load_cb, data);
}

void
up_window_open (UpWindow *self,
                GFile    *file)
{
  g_return_if_fail (UP_IS_WINDOW (self));
  open_file (self, file, FALSE);
}

void
up_window_open_copy (UpWindow *self,
                     GFile    *file)
{
  g_return_if_fail (UP_IS_WINDOW (self));
  open_file (self, file, TRUE);
}

gboolean
up_window_is_pristine (UpWindow *self)
{
  UpPlan *plan = up_plan_session_get_plan (self->session);

  (void) plan;
  return up_plan_session_get_file (self->session) == NULL &&
         !up_plan_session_get_dirty (self->session) &&
         !up_plan_session_can_undo (self->session);
}

/* ---- Saving ----------------------------------------------------------------------- */

static void finish_close (UpWindow *self);

static void save_to (UpWindow *self,
                     GFile    *file,
                     gboolean  force);

static void
changed_on_disk_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             UpWindow         *self)
{
  if (g_strcmp0 (response, "overwrite") == 0)
    save_to (self, up_plan_session_get_file (self->session), TRUE);
  else if (g_strcmp0 (response, "save-as") == 0)
    save_with_dialog (self);
  else
    self->close_after_save = FALSE;
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(UpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = g_object_get_data (G_OBJECT (result), "file");

  if (!up_plan_session_save_finish (self->session, result, &error))
    {
      g_autofree char *name = file ? g_file_get_parse_name (file) : g_strdup ("");

      if (g_error_matches (error, UP_ERROR, UP_ERROR_CHANGED))
        {
          GtkWidget *dialog =
            adw_message_dialog_new (GTK_WINDOW (self), _("The file changed on disk"), NULL);

          adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                          _("“%s” was changed by someone else after you opened "
                                            "it. Saving now would overwrite their changes."),
                                          name);
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "save-as", _("Save _As…"),
                                            "overwrite", _("_Overwrite"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
          g_signal_connect (dialog, "response", G_CALLBACK (changed_on_disk_response_cb), self);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      {
        g_autofree char *heading = g_strdup_printf (_("Could not save “%s”"), name);

        g_warning ("%s: %s", heading, error->message);
        show_error_dialog (self, heading, error->message);
      }
      self->close_after_save = FALSE;
      return;
    }
  add_to_recent (up_plan_session_get_file (self->session));
  up_window_toast (self, _("Plan saved"));
  if (self->close_after_save)
    finish_close (self);
}

static void
save_to (UpWindow *self,
         GFile    *file,
         gboolean  force)
{
  up_plan_session_save_async (self->session, file, force, self->cancellable, save_cb,
                              g_object_ref (self));
}

static void
save_dialog_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         UpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);

      if (!g_str_has_suffix (name, ".upstream"))
        {
          g_autofree char *fixed = g_strconcat (name, ".upstream", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);

          g_set_object (&file, g_file_get_child (parent, fixed));
        }
      save_to (self, file, TRUE);
    }
  else
    self->close_after_save = FALSE;
  g_object_unref (dialog);
}

static GtkFileFilter *
plan_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Upstream plans"));
  gtk_file_filter_add_mime_type (filter, "application/x-upstream-plan");
  gtk_file_filter_add_suffix (filter, "upstream");
  return filter;
}

static void
save_with_dialog (UpWindow *self)
{
  GtkFileChooserNative *dialog;
  UpPlan *plan = up_plan_session_get_plan (self->session);
  const char *title = up_item_get_name (UP_ITEM (plan));
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = plan_filter ();

  dialog = gtk_file_chooser_native_new (_("Save Plan"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (up_plan_session_get_file (self->session) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog),
                               up_plan_session_get_file (self->session), NULL);
  else
    {
      suggested = g_strdup_printf ("%s.upstream", title && *title ? title : _("Untitled plan"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (save_dialog_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  UpWindow *self = UP_WINDOW (widget);

  if (up_plan_session_get_file (self->session) == NULL)
    save_with_dialog (self);
  else
    save_to (self, NULL, FALSE);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  save_with_dialog (UP_WINDOW (widget));
}

/* ---- Opening ------------------------------------------------------------------------ */

static void
open_dialog_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         UpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          if (i == 0 && up_window_is_pristine (self))
            up_window_open (self, file);
          else
            up_application_open_file (UP_APPLICATION (app), file);
        }
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  UpWindow *self = UP_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = plan_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Plan"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_dialog_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  UpWindow *self = UP_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (up_window_is_pristine (self))
    up_window_open (self, file);
  else
    up_application_open_file (UP_APPLICATION (app), file);
}

static UpWindow *
window_for_new_plan (UpWindow *self)
{
  if (up_window_is_pristine (self))
    return self;
  return up_window_new (UP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
new_from_example_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  UpWindow *window = window_for_new_plan (UP_WINDOW (widget));
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  up_window_open_copy (window, file);
  gtk_window_present (GTK_WINDOW (window));
}

/* A blank plan that already projects: two states, a budget holder and business as
 * usual, so the user starts from something valid and adds to it. */
static UpPlan *
blank_plan (void)
{
  UpPlan *plan = up_plan_new ();
  g_autoptr(UpBudgetHolder) holder = up_budget_holder_new ("council", _("Council"));
  g_autoptr(UpState) well = up_state_new ("stable", _("Stable"));
  g_autoptr(UpState) crisis = up_state_new ("crisis", _("Crisis"));
  g_autoptr(UpOption) bau = up_option_new ("bau", _("Business as usual"), UP_OPTION_BAU);
  g_autoptr(UpSchedule) p = up_schedule_new_constant (0.1);
  g_autoptr(UpSchedule) back = up_schedule_new_constant (0.5);
  g_autoptr(UpTransition) t1 = up_transition_new ("stable", "crisis", p);
  g_autoptr(UpTransition) t2 = up_transition_new ("crisis", "stable", back);

  up_item_set_name (UP_ITEM (plan), _("Untitled plan"));
  up_budget_holder_set_colour (holder, "#3584e4");
  g_list_store_append (up_plan_get_holders (plan), holder);
  g_object_set (well, "initial", 1.0, "inflow-share", 1.0, "colour", "#33d17a", NULL);
  g_object_set (crisis, "crisis", TRUE, "colour", "#e01b24", NULL);
  g_list_store_append (up_plan_get_states (plan), well);
  g_list_store_append (up_plan_get_states (plan), crisis);
  g_list_store_append (up_plan_get_transitions (plan), t1);
  g_list_store_append (up_plan_get_transitions (plan), t2);
  g_list_store_append (up_plan_get_options (plan), bau);
  return plan;
}

static void
new_blank_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  UpWindow *window = window_for_new_plan (UP_WINDOW (widget));
  g_autoptr(UpPlan) plan = blank_plan ();

  up_plan_session_set_plan (window->session, plan, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  up_plan_session_undo (UP_WINDOW (widget)->session);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  up_plan_session_redo (UP_WINDOW (widget)->session);
}

static UpWorkshopWindow *
open_workshop (UpWindow *self)
{
  GtkWidget *workshop = up_workshop_window_new (self->session);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);

  gtk_window_set_transient_for (GTK_WINDOW (workshop), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (workshop), TRUE);
  /* Full screen; the monitor's size too, for displays without a window manager. */
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (workshop), geometry.width, geometry.height);
    }
  gtk_window_fullscreen (GTK_WINDOW (workshop));
  gtk_window_present (GTK_WINDOW (workshop));
  return UP_WORKSHOP_WINDOW (workshop);
}

/* UPSTREAM_WORKSHOP=1: start in workshop mode (unless a screenshot run takes it). */
static gboolean
open_workshop_at_start_cb (gpointer data)
{
  UpWindow *self = data;

  if (self->screenshot == NULL)
    open_workshop (self);
  return G_SOURCE_REMOVE;
}

static void
workshop_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_workshop (UP_WINDOW (widget));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  adw_view_stack_set_visible_child_name (UP_WINDOW (widget)->stack,
                                         g_variant_get_string (param, NULL));
}

/* ---- Closing ---------------------------------------------------------------------- */

static void
finish_close (UpWindow *self)
{
  gboolean quit = self->quit_after_close;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->closing_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  if (quit && app != NULL)
    {
      GtkWindow *next = gtk_application_get_active_window (app);

      if (UP_IS_WINDOW (next) && next != GTK_WINDOW (self))
        up_window_close_request_quit (UP_WINDOW (next));
      else if (next == NULL || next == GTK_WINDOW (self))
        g_application_quit (G_APPLICATION (app));
    }
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     UpWindow         *self)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      save_action (GTK_WIDGET (self), "win.save", NULL);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    finish_close (self);
  else
    self->quit_after_close = FALSE;
}

static gboolean
up_window_close_request (GtkWindow *window)
{
  UpWindow *self = UP_WINDOW (window);
  GtkWidget *dialog;
  g_autofree char *name = NULL;

  if (self->closing_confirmed || !up_plan_session_get_dirty (self->session))
    {
      if (!gtk_window_is_maximized (window))
        {
          int width, height;

          gtk_window_get_default_size (window, &width, &height);
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      return GTK_WINDOW_CLASS (up_window_parent_class)->close_request (window);
    }

  name = up_plan_session_dup_display_name (self->session);
  dialog = adw_message_dialog_new (window, _("Save changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. If you close without saving, "
                                    "they are lost."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (unsaved_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
up_window_close_request_quit (UpWindow *self)
{
  g_return_if_fail (UP_IS_WINDOW (self));
  self->quit_after_close = TRUE;
  if (!up_plan_session_get_dirty (self->session))
    finish_close (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- Screenshot ------------------------------------------------------------------- */

static gboolean
screenshot_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  UpWindow *self = UP_WINDOW (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  static int frames;

  /* Wait for the plan to load and lay out: a few frames after the first. */
  if (++frames < 8)
    return G_SOURCE_CONTINUE;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  if (node != NULL && renderer != NULL)
    {
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (!gdk_texture_save_to_png (texture, self->screenshot))
        g_printerr ("upstream: could not write %s\n", self->screenshot);
    }
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  return G_SOURCE_REMOVE;
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      UpWindow      *self)
{
  gint64 now = g_get_monotonic_time ();

  /* Only a frame that shows a loaded plan counts. */
  if (up_plan_session_get_file (self->session) == NULL)
    return;
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
  g_print ("first-frame-ms: %.1f\n", (now - up_application_get_start ()) / 1000.0);
  g_application_quit (g_application_get_default ());
}

static void
bench_realize_cb (UpWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), self, 0);
}

void
up_window_bench_first_frame (UpWindow *self)
{
  g_return_if_fail (UP_IS_WINDOW (self));
  g_signal_connect (self, "realize", G_CALLBACK (bench_realize_cb), NULL);
}

void
up_window_take_screenshot_after_first_frame (UpWindow   *self,
                                             const char *path)
{
  g_return_if_fail (UP_IS_WINDOW (self));
  g_free (self->screenshot);
  self->screenshot = g_strdup (path);
  /* UPSTREAM_WORKSHOP=1: a picture of workshop mode instead. */
  if (g_getenv ("UPSTREAM_WORKSHOP") != NULL)
    {
      up_workshop_window_take_screenshot (open_workshop (self), path);
      return;
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (self), screenshot_tick_cb, NULL, NULL);
}

/* ---- Crash recovery --------------------------------------------------------------- */

static void
is_active_cb (UpWindow   *self,
              GParamSpec *pspec,
              gpointer    user_data)
{
  /* Leaving the window is a natural moment to keep a copy of unsaved work. */
  if (!gtk_window_is_active (GTK_WINDOW (self)) && self->recovery != NULL)
    up_recovery_save_now (self->recovery);
}

void
up_window_restore (UpWindow   *self,
                   UpPlan     *plan,
                   GFile      *file,
                   const char *etag)
{
  g_return_if_fail (UP_IS_WINDOW (self));
  g_return_if_fail (UP_IS_PLAN (plan));

  up_plan_session_restore (self->session, plan, file, etag);
  /* Kept safe again at once, before the caller discards the copy it came from. */
  up_recovery_save_now (self->recovery);
  up_window_toast (self, _("Unsaved changes restored. Save the plan to keep them."));
}

UpRecovery *
up_window_get_recovery (UpWindow *self)
{
  g_return_val_if_fail (UP_IS_WINDOW (self), NULL);
  return self->recovery;
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
up_window_dispose (GObject *object)
{
  UpWindow *self = UP_WINDOW (object);

  /* Closed: the plan was saved or its changes discarded, so its copy goes. */
  g_clear_object (&self->recovery);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UP_TYPE_WINDOW);
  G_OBJECT_CLASS (up_window_parent_class)->dispose (object);
}

static void
up_window_finalize (GObject *object)
{
  UpWindow *self = UP_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->screenshot, g_free);
  G_OBJECT_CLASS (up_window_parent_class)->finalize (object);
}

static void
up_window_class_init (UpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = up_window_dispose;
  object_class->finalize = up_window_finalize;
  window_class->close_request = up_window_close_request;

  g_type_ensure (UP_TYPE_COMPARE_VIEW);
  g_type_ensure (UP_TYPE_PATHWAYS_VIEW);
  g_type_ensure (UP_TYPE_COSTS_VIEW);
  g_type_ensure (UP_TYPE_RESULTS_VIEW);
  g_type_ensure (UP_TYPE_SETTINGS_VIEW);
  g_type_ensure (UP_TYPE_UNCERTAINTY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/upstreamplanner/Upstream/ui/"
                                               "up-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, title_widget);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, examples_menu);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, compare_view);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, pathways_view);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, costs_view);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, settings_view);
  gtk_widget_class_bind_template_child (widget_class, UpWindow, uncertainty_view);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.new-blank", NULL, new_blank_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-example", "s",
                                   new_from_example_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.workshop", NULL, workshop_action);
  _up_window_class_export_init (widget_class);
  _up_window_class_compare_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-blank", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.workshop", NULL);
  {
    const char *views[] = { "compare", "pathways", "costs", "results", "settings",
                            "uncertainty" };

    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "win.show-view", "s", views[i]);
  }
}

static void
up_window_init (UpWindow *self)
{
  const char *initial_view = g_getenv ("UPSTREAM_INITIAL_VIEW");

  gtk_widget_init_template (GTK_WIDGET (self));
  /* For screenshots and checks of one page (documented in README). */
  if (initial_view != NULL)
    adw_view_stack_set_visible_child_name (self->stack, initial_view);

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new ("io.github.upstreamplanner.Upstream");
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* An empty plan until a file loads or a blank plan is chosen (up_window_new_blank):
   * building every page for a plan that is replaced at once would slow the start. */
  self->session = up_plan_session_new ();
  g_signal_connect_object (self->session, "notify", G_CALLBACK (session_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "results-changed", G_CALLBACK (update_problems),
                           self, G_CONNECT_SWAPPED);
  /* Every edit recomputes, so this also follows the plan's title. */
  g_signal_connect_object (self->session, "results-changed", G_CALLBACK (update_title),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  /* Unsaved work survives a crash (up-recovery.h). */
  self->recovery = up_recovery_new (self->session);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);

  up_compare_view_set_session (self->compare_view, self->session);
  up_pathways_view_set_session (self->pathways_view, self->session);
  up_costs_view_set_session (self->costs_view, self->session);
  up_results_view_set_session (self->results_view, self->session);
  up_settings_view_set_session (self->settings_view, self->session);
  up_uncertainty_view_set_session (self->uncertainty_view, self->session);

  if (g_getenv ("UPSTREAM_WORKSHOP") != NULL)
    g_idle_add_full (G_PRIORITY_LOW, open_workshop_at_start_cb, g_object_ref (self),
                     g_object_unref);

  rebuild_recent_menu (self);
  build_examples_menu (self);
  update_title (self);
  update_actions (self);
  update_problems (self);
}

UpWindow *
up_window_new (UpApplication *app)
{
  return g_object_new (UP_TYPE_WINDOW, "application", app, NULL);
}

void
up_window_new_blank (UpWindow *self)
{
  g_autoptr(UpPlan) plan = blank_plan ();

  g_return_if_fail (UP_IS_WINDOW (self));
  up_plan_session_set_plan (self->session, plan, NULL);
}

UpPlanSession *
up_window_get_session (UpWindow *self)
{
  g_return_val_if_fail (UP_IS_WINDOW (self), NULL);
  return self->session;
}
