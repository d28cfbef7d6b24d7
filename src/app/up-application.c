/* up-application.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-application"

#include "config.h"

#include <glib/gi18n.h>

#include "up-application.h"
#include "up-recovery.h"
#include "up-window.h"

struct _UpApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *screenshot;   /* --screenshot FILE */
};

G_DEFINE_FINAL_TYPE (UpApplication, up_application, ADW_TYPE_APPLICATION)

#define DEFAULT_EXAMPLE "bradford-peer-recovery.upstream"

static gint64 start_usec;

void
up_application_mark_start (gint64 usec)
{
  start_usec = usec;
}

gint64
up_application_get_start (void)
{
  return start_usec;
}

char *
up_application_get_examples_dir (void)
{
  const char *env = g_getenv ("UPSTREAM_EXAMPLES_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "examples", NULL);

  if (env != NULL)
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  /* Running from the build tree. */
  return g_build_filename (SOURCE_DATADIR, "examples", NULL);
}

static UpWindow *
new_window (UpApplication *self)
{
  UpWindow *window = up_window_new (self);

  if (self->screenshot != NULL)
    up_window_take_screenshot_after_first_frame (window, self->screenshot);
  if (g_getenv ("UPSTREAM_BENCH_STARTUP") != NULL)
    up_window_bench_first_frame (window);
  return window;
}

void
up_application_open_file (UpApplication *self,
                          GFile         *file)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  UpWindow *window;

  if (UP_IS_WINDOW (active) && up_window_is_pristine (UP_WINDOW (active)))
    window = UP_WINDOW (active);
  else
    window = new_window (self);
  up_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- Crash recovery ---------------------------------------------------------------- */

static void
restore_entries (UpApplication *self,
                 GPtrArray     *entries,
                 UpWindow      *reuse)
{
  for (guint i = 0; i < entries->len; i++)
    {
      UpRecoveryEntry *entry = entries->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(UpPlan) plan = up_recovery_entry_load (entry, &error);
      UpWindow *window;

      if (plan == NULL)
        {
          g_warning ("Could not restore %s: %s", entry->plan_path, error->message);
          continue;
        }
      if (reuse != NULL && up_window_is_pristine (reuse))
        window = reuse;
      else
        window = new_window (self);
      up_window_restore (window, plan, entry->file, entry->etag);
      gtk_window_present (GTK_WINDOW (window));
      /* The window keeps its own copy now. */
      up_recovery_entry_discard (entry);
    }
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      UpApplication    *self)
{
  GPtrArray *entries = g_object_get_data (G_OBJECT (dialog), "entries");
  UpWindow *reuse = g_object_get_data (G_OBJECT (dialog), "reuse");

  if (g_strcmp0 (response, "restore") == 0)
    restore_entries (self, entries, reuse);
  else if (g_strcmp0 (response, "discard") == 0)
    for (guint i = 0; i < entries->len; i++)
      up_recovery_entry_discard (entries->pdata[i]);
  /* Closed without an answer: they are offered again at the next start. */
}

static char *
describe_entry (UpRecoveryEntry *entry)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (entry->saved);
  /* translators: when an unsaved plan was last kept safe, e.g. "3 March, 14:05" */
  g_autofree char *when = g_date_time_format (local, _("%-d %B, %H:%M"));
  g_autofree char *name = entry->file != NULL ? g_file_get_basename (entry->file)
                                              : g_strdup (_("never saved"));
  const char *title = entry->title != NULL && *entry->title != '\0' ? entry->title
                                                                    : _("Untitled plan");

  /* translators: a plan's title, its file name (or "never saved") and a time */
  return g_strdup_printf (_("• %s (%s), changed %s"), title, name, when);
}

/* Offers the plans a crash left unsaved. reuse (nullable) is a new, empty window the
 * first of them may go into. Takes entries. */
static void
offer_recovery (UpApplication *self,
                GtkWindow     *parent,
                UpWindow      *reuse,
                GPtrArray     *entries)
{
  GtkWidget *dialog;
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append (body, ngettext ("Upstream stopped before a plan with unsaved changes "
                                   "was saved. Its changes can be restored:",
                                   "Upstream stopped before plans with unsaved changes "
                                   "were saved. Their changes can be restored:",
                                   entries->len));
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *line = describe_entry (entries->pdata[i]);

      g_string_append_printf (body, "\n%s", line);
    }

  dialog = adw_message_dialog_new (parent,
                                   ngettext ("Restore Unsaved Plan?",
                                             "Restore Unsaved Plans?", entries->len),
                                   body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "entries", entries,
                          (GDestroyNotify) g_ptr_array_unref);
  if (reuse != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "reuse", g_object_ref (reuse), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (recovery_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GApplication ------------------------------------------------------------------- */

static void
up_application_activate (GApplication *app)
{
  UpApplication *self = UP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GPtrArray) orphans = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (new_window (self));
  /* The first window of a start: plans a crash left unsaved come first. */
  if (self->screenshot == NULL)
    orphans = up_recovery_list_orphans ();
  if (orphans != NULL && orphans->len == 0)
    g_clear_pointer (&orphans, g_ptr_array_unref);
  /* The first start opens a bundled example so a new user sees a working comparison. */
  if (orphans == NULL && g_settings_get_boolean (self->settings, "first-run"))
    {
      g_autofree char *dir = up_application_get_examples_dir ();
      g_autofree char *path = g_build_filename (dir, DEFAULT_EXAMPLE, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_settings_set_boolean (self->settings, "first-run", FALSE);
      up_window_open_copy (UP_WINDOW (window), file);
    }
  else
    up_window_new_blank (UP_WINDOW (window));
  gtk_window_present (window);
  if (orphans != NULL)
    offer_recovery (self, window, UP_WINDOW (window), g_steal_pointer (&orphans));
}

static void
up_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  UpApplication *self = UP_APPLICATION (app);
  gboolean starting = gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
  g_autoptr(GPtrArray) orphans = NULL;

  for (int i = 0; i < n_files; i++)
    up_application_open_file (self, files[i]);
  /* Restored plans go into windows of their own: these ones are loading files. */
  if (starting && self->screenshot == NULL)
    orphans = up_recovery_list_orphans ();
  if (orphans != NULL && orphans->len > 0)
    offer_recovery (self, gtk_application_get_active_window (GTK_APPLICATION (app)), NULL,
                    g_steal_pointer (&orphans));
}

static int
up_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  UpApplication *self = UP_APPLICATION (app);
  const char *screenshot = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("upstream %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &screenshot))
    {
      self->screenshot = g_strdup (screenshot);
      /* A screenshot run is its own instance, so it never hands over to a running one. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Each window asks about its own unsaved changes as it closes. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (UP_IS_WINDOW (l->data))
      {
        up_window_close_request_quit (UP_WINDOW (l->data));
        return;
      }
  g_application_quit (G_APPLICATION (app));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (new_window (user_data)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Upstream authors"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Upstream"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Upstream authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Plan public services side by side — make, buy or "
                                       "communitise — and see who pays and who saves."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* translators: put your name here */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "new-window", new_window_action },
  { "about", about_action },
};

static void
up_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *new_window_accels[] = { "<Control><Shift>n", NULL };

  G_APPLICATION_CLASS (up_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window",
                                         new_window_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
up_application_finalize (GObject *object)
{
  UpApplication *self = UP_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->screenshot, g_free);
  G_OBJECT_CLASS (up_application_parent_class)->finalize (object);
}

static void
up_application_class_init (UpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = up_application_finalize;
  app_class->activate = up_application_activate;
  app_class->open = up_application_open;
  app_class->startup = up_application_startup;
  app_class->handle_local_options = up_application_handle_local_options;
}

static void
up_application_init (UpApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save a PNG of the window after its first frame, then quit"), N_("FILE") },
    { NULL }
  };

  self->settings = g_settings_new ("io.github.upstreamplanner.Upstream");
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PLAN…]"));
}

UpApplication *
up_application_new (void)
{
  return g_object_new (UP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/upstreamplanner/Upstream",
                       NULL);
}
