/* test-recovery.c: unsaved work survives a crash; saving asks before it overwrites
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recovery module on its own (copies written after a quiet time, reset by edits,
 * removed on save and on close; locks that tell a live window from a crashed one), then
 * the whole path: a child process (this program again, with --crash-child) opens a plan
 * in an UpWindow, edits it, waits for the auto-save and is killed with SIGKILL; the
 * next start, a real UpApplication activated here, offers the plan back, and Restore
 * gives the unsaved plan, byte for byte, as unsaved changes to its own file. Discard
 * removes the copy. Last, the window's answers when saving goes wrong: a file changed
 * on disk offers Overwrite, Save As and Cancel; a failed write is reported and changes
 * nothing. Needs a display (run under xvfb-run) and a session bus.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <adwaita.h>

#include "up-application.h"
#include "up-recovery.h"
#include "up-window.h"

#define EDITED_DESCRIPTION "Edited, never saved, then the power went"

static char *state_dir;
static const char *self_path;

/* ---- Helpers ------------------------------------------------------------------------ */

static gboolean
iterate_until (gboolean (*done) (gpointer),
               gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static char *
copy_example (const char *dir)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                "wigan-early-help.upstream", NULL);
  g_autofree char *dst = g_build_filename (dir, "plan.upstream", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (dst, contents, len, NULL));
  return g_steal_pointer (&dst);
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* The plan of path with the edit the crash child makes. */
static GBytes *
edited_bytes (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UpPlan) plan = up_plan_load_from_file (file, NULL, NULL);

  g_assert_nonnull (plan);
  g_assert_true (up_plan_set_param (plan, "plan/horizon", 7, NULL));
  up_plan_set_description (plan, EDITED_DESCRIPTION);
  return up_plan_save_to_bytes (plan);
}

static guint
count_files (const char *dir_path,
             const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;
  return n;
}

static guint
count_copies (void)
{
  g_autofree char *dir = up_recovery_get_dir ();

  return count_files (dir, ".recovery");
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = up_plan_session_load_finish (UP_PLAN_SESSION (source), result, NULL, &w->error);
  w->done = TRUE;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = up_plan_session_save_finish (UP_PLAN_SESSION (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

static void
session_load (UpPlanSession *session,
              const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Wait w = { 0 };

  up_plan_session_load_async (session, file, NULL, loaded_cb, &w);
  g_assert_true (iterate_until (wait_done, &w));
  g_assert_no_error (w.error);
}

static void
session_save (UpPlanSession *session)
{
  Wait w = { 0 };

  up_plan_session_save_async (session, NULL, FALSE, NULL, saved_cb, &w);
  g_assert_true (iterate_until (wait_done, &w));
  g_assert_no_error (w.error);
}

static void
edit (UpPlanSession *session,
      double         horizon)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (up_plan_session_set_param (session, "plan/horizon", horizon, &error));
  g_assert_no_error (error);
  up_plan_session_end_merge (session);
  up_plan_session_flush (session);
}

static gboolean
has_copy (gpointer data)
{
  return up_recovery_get_plan_path (data) != NULL;
}

/* ---- The module --------------------------------------------------------------------- */

static void
test_module (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-recovery-XXXXXX", NULL);
  g_autofree char *path = copy_example (dir);
  g_autoptr(UpPlanSession) session = up_plan_session_new ();
  g_autoptr(UpRecovery) recovery = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *key_path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *kept = NULL;
  gint64 edited;

  session_load (session, path);
  recovery = up_recovery_new (session);
  up_recovery_set_delay (recovery, 1000);

  /* Nothing to keep while there is nothing unsaved. */
  up_recovery_save_now (recovery);
  g_assert_null (up_recovery_get_plan_path (recovery));

  /* An edit starts the clock, the next one starts it again. */
  edit (session, 6);
  iterate_for (700);
  edit (session, 7);
  edited = g_get_monotonic_time ();
  iterate_for (700);
  g_assert_null (up_recovery_get_plan_path (recovery));
  g_assert_true (iterate_until (has_copy, recovery));
  g_assert_cmpint (g_get_monotonic_time () - edited, >=, 1000 * 1000);

  copy = read_bytes (up_recovery_get_plan_path (recovery));
  expected = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  g_assert_true (g_bytes_equal (copy, expected));
  kept = g_strdup (up_recovery_get_plan_path (recovery));
  {
    g_autofree char *stem = g_strndup (kept, strlen (kept) - strlen (".upstream"));
    g_autofree char *etag = NULL;

    key_path = g_strconcat (stem, ".recovery", NULL);
    g_assert_true (g_key_file_load_from_file (keys, key_path, G_KEY_FILE_NONE, NULL));
    uri = g_key_file_get_string (keys, "Recovery", "file", NULL);
    g_assert_true (g_str_has_suffix (uri, "/plan.upstream"));
    etag = g_key_file_get_string (keys, "Recovery", "etag", NULL);
    g_assert_cmpstr (etag, ==, up_plan_session_get_etag (session));
  }

  /* A live window's copy is no orphan. */
  orphans = up_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);

  /* Saved: the copy goes. */
  session_save (session);
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (key_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_copies (), ==, 0);

  /* Closed with changes discarded: the copy goes too. */
  edit (session, 8);
  up_recovery_save_now (recovery);
  g_assert_cmpuint (count_copies (), ==, 1);
  g_clear_object (&recovery);
  g_assert_cmpuint (count_copies (), ==, 0);
  {
    g_autofree char *recovery_dir = up_recovery_get_dir ();

    g_assert_cmpuint (count_files (recovery_dir, ""), ==, 0);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* ---- A crash -------------------------------------------------------------------------- */

/* The child: a window with an unsaved edit, kept safe, then waiting to be killed. */
static int
crash_child (const char *path)
{
  UpWindow *window;
  UpPlanSession *session;
  g_autoptr(GError) error = NULL;

  gtk_init ();
  adw_init ();
  window = up_window_new (NULL);
  session = up_window_get_session (window);
  gtk_window_present (GTK_WINDOW (window));
  session_load (session, path);
  up_plan_session_begin_edit (session, NULL);
  if (!up_plan_set_param (up_plan_session_get_plan (session), "plan/horizon", 7, &error))
    g_error ("%s", error->message);
  up_plan_set_description (up_plan_session_get_plan (session), EDITED_DESCRIPTION);
  /* The auto-save, as it comes after the quiet time (UPSTREAM_AUTOSAVE_DELAY_MS). */
  if (!iterate_until (has_copy, up_window_get_recovery (window)))
    g_error ("no recovery copy was written");
  g_print ("saved\n");
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static void
crash_a_window (const char *path)
{
  const char *argv[] = { self_path, "--crash-child", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  GPid pid;
  int out_fd, status;

  g_setenv ("UPSTREAM_AUTOSAVE_DELAY_MS", "300", TRUE);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                                           &out_fd, NULL, &error));
  g_unsetenv ("UPSTREAM_AUTOSAVE_DELAY_MS");
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  /* Anything else on its standard output (debug messages) is passed over. */
  while (g_io_channel_read_line (channel, &line, NULL, NULL, &error) == G_IO_STATUS_NORMAL &&
         g_strcmp0 (line, "saved\n") != 0)
    g_clear_pointer (&line, g_free);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "saved\n");
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);
}

static AdwMessageDialog *
find_dialog (const char *heading_part)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading_part))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

typedef struct
{
  const char       *heading;
  AdwMessageDialog *dialog;
} Find;

static gboolean
dialog_shown (gpointer data)
{
  Find *find = data;

  find->dialog = find_dialog (find->heading);
  return find->dialog != NULL;
}

static AdwMessageDialog *
wait_for_dialog (const char *heading)
{
  Find find = { heading, NULL };

  g_assert_true (iterate_until (dialog_shown, &find));
  return find.dialog;
}

/* What a click on the button does: the response, then the dialog goes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_for (100);
}

static GtkApplication *
start_app (void)
{
  GtkApplication *app = GTK_APPLICATION (up_application_new ());
  g_autoptr(GError) error = NULL;

  /* Its own instance: nothing to hand over to, and no bus name to own. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

static void
close_all_windows (GtkApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
  iterate_for (50);
}

static gboolean
has_window (gpointer data)
{
  return gtk_application_get_windows (data) != NULL;
}

static void
test_crash_restore (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-recovery-XXXXXX", NULL);
  g_autofree char *path = copy_example (dir);
  g_autoptr(GBytes) original = read_bytes (path);
  g_autoptr(GBytes) expected = edited_bytes (path);
  g_autoptr(GBytes) restored = NULL;
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) on_disk = NULL;
  AdwMessageDialog *dialog;
  UpWindow *window;
  UpPlanSession *session;

  crash_a_window (path);
  orphans = up_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 1);
  g_assert_true (g_file_equal (((UpRecoveryEntry *) orphans->pdata[0])->file, file));
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* The next start offers the plan back. */
  app = start_app ();
  g_application_activate (G_APPLICATION (app));
  dialog = wait_for_dialog ("Restore Unsaved Plan");
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "plan.upstream"));
  respond (dialog, "restore");

  g_assert_true (iterate_until (has_window, app));
  window = UP_WINDOW (gtk_application_get_windows (app)->data);
  session = up_window_get_session (window);
  /* The unsaved plan, to the byte, unsaved, for its own file. */
  restored = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  g_assert_true (g_bytes_equal (restored, expected));
  g_assert_true (up_plan_session_get_dirty (session));
  g_assert_true (g_file_equal (up_plan_session_get_file (session), file));
  on_disk = read_bytes (path);
  g_assert_true (g_bytes_equal (on_disk, original));
  /* The crash's copy is gone; the window keeps one of its own. */
  orphans = up_recovery_list_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);
  g_assert_cmpuint (count_copies (), ==, 1);

  /* Saved (the file did not change since it was opened, so no question): no copy. */
  session_save (session);
  g_clear_pointer (&on_disk, g_bytes_unref);
  on_disk = read_bytes (path);
  g_assert_true (g_bytes_equal (on_disk, expected));
  g_assert_cmpuint (count_copies (), ==, 0);
  close_all_windows (app);

  /* Another crash, and this time Discard (from the original, so the edit is one). */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (original, NULL),
                                      g_bytes_get_size (original), NULL));
  crash_a_window (path);
  g_assert_cmpuint (count_copies (), ==, 1);
  g_application_activate (G_APPLICATION (app));
  dialog = wait_for_dialog ("Restore Unsaved Plan");
  respond (dialog, "discard");
  g_assert_cmpuint (count_copies (), ==, 0);
  window = UP_WINDOW (gtk_application_get_windows (app)->data);
  g_assert_true (up_window_is_pristine (window));
  close_all_windows (app);

  g_unlink (path);
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);

    g_unlink (backup);
  }
  g_rmdir (dir);
}

/* ---- Saving from the window --------------------------------------------------------- */

static gboolean
plan_loaded (gpointer data)
{
  return up_plan_session_get_file (data) != NULL;
}

static gboolean
saved_clean (gpointer data)
{
  return !up_plan_session_get_dirty (data);
}

static UpWindow *
open_window (const char *path)
{
  UpWindow *window = up_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (window));
  up_window_open (window, file);
  g_assert_true (iterate_until (plan_loaded, up_window_get_session (window)));
  up_plan_session_flush (up_window_get_session (window));
  return window;
}

static void
test_changed_on_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-recovery-XXXXXX", NULL);
  g_autofree char *path = copy_example (dir);
  UpWindow *window = open_window (path);
  UpPlanSession *session = up_window_get_session (window);
  g_autoptr(GBytes) theirs = g_bytes_new_static ("not even a plan\n", 16);
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) ours = NULL;
  AdwMessageDialog *dialog;

  edit (session, 9);
  iterate_for (20);   /* a later modification time than the one opened */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (theirs, NULL),
                                      g_bytes_get_size (theirs), NULL));

  /* Save: the window asks, offering Overwrite, Save As and Cancel. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  dialog = wait_for_dialog ("changed on disk");
  g_assert_true (adw_message_dialog_has_response (dialog, "overwrite"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "overwrite"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "save-as");

  /* Cancel: their file stays, our changes stay unsaved. */
  respond (dialog, "cancel");
  on_disk = read_bytes (path);
  g_assert_true (g_bytes_equal (on_disk, theirs));
  g_assert_true (up_plan_session_get_dirty (session));

  /* Overwrite: ours replaces theirs. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  dialog = wait_for_dialog ("changed on disk");
  respond (dialog, "overwrite");
  g_assert_true (iterate_until (saved_clean, session));
  g_clear_pointer (&on_disk, g_bytes_unref);
  on_disk = read_bytes (path);
  ours = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  g_assert_true (g_bytes_equal (on_disk, ours));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (50);
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);

    g_unlink (backup);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* A save that fails (no backup can be made) is reported, and changes nothing. */
static void
test_save_fails (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-recovery-XXXXXX", NULL);
  g_autofree char *path = copy_example (dir);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *inside = g_build_filename (backup, "keep", NULL);
  UpWindow *window = open_window (path);
  UpPlanSession *session = up_window_get_session (window);
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpint (g_mkdir (backup, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", 1, NULL));
  edit (session, 9);

  g_test_expect_message ("up-window", G_LOG_LEVEL_WARNING, "*Could not save*");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  dialog = wait_for_dialog ("Could not save");
  g_test_assert_expected_messages ();
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  respond (dialog, "close");

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (up_plan_session_get_dirty (session));
  g_assert_cmpuint (count_files (dir, ""), ==, 2);   /* the plan and the "~" folder */

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (50);
  g_unlink (inside);
  g_rmdir (backup);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  self_path = argv[0];
  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2]);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  /* Before anything asks GLib where the state directory is: it remembers. */
  state_dir = g_dir_make_tmp ("test-recovery-state-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/up/recovery/module", test_module);
  g_test_add_func ("/up/recovery/crash-restore", test_crash_restore);
  g_test_add_func ("/up/window/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/up/window/save-fails", test_save_fails);
  status = g_test_run ();

  {
    g_autofree char *upstream = g_build_filename (state_dir, "upstream", NULL);
    g_autofree char *recovery = g_build_filename (upstream, "recovery", NULL);

    g_rmdir (recovery);
    g_rmdir (upstream);
    g_rmdir (state_dir);
  }
  return status;
}
