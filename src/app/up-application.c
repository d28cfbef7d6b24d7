/* up-application.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-application"

#include "config.h"

#include <glib/gi18n.h>

#include "up-application.h"
#include "up-window.h"

struct _UpApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *screenshot;   /* --screenshot FILE */
};

G_DEFINE_FINAL_TYPE (UpApplication, up_application, ADW_TYPE_APPLICATION)

#define DEFAULT_EXAMPLE "bradford-peer-recovery.upstream"

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

static void
up_application_activate (GApplication *app)
{
  UpApplication *self = UP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (new_window (self));
  /* The first start opens a bundled example so a new user sees a working comparison. */
  if (g_settings_get_boolean (self->settings, "first-run"))
    {
      g_autofree char *dir = up_application_get_examples_dir ();
      g_autofree char *path = g_build_filename (dir, DEFAULT_EXAMPLE, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_settings_set_boolean (self->settings, "first-run", FALSE);
      up_window_open_copy (UP_WINDOW (window), file);
    }
  gtk_window_present (window);
}

static void
up_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    up_application_open_file (UP_APPLICATION (app), files[i]);
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
