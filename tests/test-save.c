/* test-save.c: saving never loses a plan
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves through UpPlanSession as the app does (compiled in: no display needed):
 *
 *  - a save keeps the old file as "name~" and leaves no temporary file;
 *  - a write that fails (a full disk, made with RLIMIT_FSIZE; a backup that cannot be
 *    made; a folder that is gone or read-only) leaves the old file byte for byte, no
 *    temporary file, and the session unsaved (dirty);
 *  - a file someone else changed since it was opened is not overwritten without force;
 *  - a helper (save-loop, its path in UPSTREAM_SAVE_LOOP) saving the same plan over and
 *    over is killed with SIGKILL at random moments a hundred times: after each kill the
 *    path holds a complete plan, either the old version or the new one. "Never missing
 *    or corrupt" means exactly that: the path itself, not only "name~", always loads,
 *    compiles and equals one of the two versions byte for byte.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "up-plan-session.h"
#include "upstream-core.h"

#define KILLS 100

typedef struct
{
  char  *dir;
  char  *path;
  GFile *file;
} Fixture;

static char *
example_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                "bradford-peer-recovery.upstream", NULL);
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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *example = example_path ();
  g_autoptr(GBytes) bytes = read_bytes (example);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-save-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "plan.upstream", NULL);
  f->file = g_file_new_for_path (f->path);
  g_assert_true (g_file_set_contents (f->path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_object_unref (f->file);
}

/* Files in dir other than the plan, its backup and names in keep. */
static guint
count_strays (const char         *dir_path,
              const char * const *keep)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strcmp (name, "plan.upstream") != 0 && strcmp (name, "plan.upstream~") != 0 &&
        (keep == NULL || !g_strv_contains (keep, name)))
      {
        g_test_message ("stray file: %s", name);
        n++;
      }
  return n;
}

/* ---- Session helpers ------------------------------------------------------------------ */

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

static void
wait_for (Wait *w)
{
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
}

static UpPlanSession *
open_session (GFile *file)
{
  UpPlanSession *session = up_plan_session_new ();
  Wait w = { 0 };

  up_plan_session_load_async (session, file, NULL, loaded_cb, &w);
  wait_for (&w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  return session;
}

static void
edit (UpPlanSession *session,
      const char    *text)
{
  up_plan_session_begin_edit (session, NULL);
  up_plan_set_description (up_plan_session_get_plan (session), text);
  up_plan_session_flush (session);
  g_assert_true (up_plan_session_get_dirty (session));
}

static gboolean
save (UpPlanSession  *session,
      GFile          *file,
      gboolean        force,
      GError        **error)
{
  Wait w = { 0 };

  up_plan_session_save_async (session, file, force, NULL, saved_cb, &w);
  wait_for (&w);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

/* The session failed to save: its plan is unsaved and the file is what it was. */
static void
assert_failed_safely (Fixture       *f,
                      UpPlanSession *session,
                      GBytes        *before,
                      GError        *error)
{
  g_autoptr(GBytes) after = read_bytes (f->path);

  g_assert_nonnull (error);
  g_test_message ("the save failed as it should: %s", error->message);
  g_assert_true (up_plan_session_get_dirty (session));
  g_assert_nonnull (after);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_strays (f->dir, NULL), ==, 0);
}

/* ---- Tests ---------------------------------------------------------------------------- */

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(UpPlanSession) session = open_session (f->file);
  g_autoptr(GBytes) before = read_bytes (f->path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) backup = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_path = g_strconcat (f->path, "~", NULL);

  edit (session, "Edited");
  g_assert_true (save (session, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (up_plan_session_get_dirty (session));

  expected = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  after = read_bytes (f->path);
  backup = read_bytes (backup_path);
  g_assert_true (g_bytes_equal (after, expected));
  g_assert_true (g_bytes_equal (backup, before));
  g_assert_cmpuint (count_strays (f->dir, NULL), ==, 0);
}

/* A full disk: every write past 4 KiB fails with EFBIG. GLib 2.74's
 * g_file_replace_contents_bytes_async() would then rename the 4 KiB it wrote over the
 * plan; the session must not. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(UpPlanSession) session = open_session (f->file);
  g_autoptr(GBytes) before = read_bytes (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) direct = NULL;
  struct rlimit old, small;
  void (*old_handler) (int);
  gboolean ok;

  edit (session, "Edited before the disk filled up");
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  small = old;
  small.rlim_cur = 4096;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);

  ok = save (session, NULL, FALSE, &error);
  direct = up_plan_copy (up_plan_session_get_plan (session));

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  g_assert_false (ok);
  /* Wait for anything GIO might still do in its threads before looking. */
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  assert_failed_safely (f, session, before, error);
  g_clear_error (&error);

  /* The synchronous core call, the same way. */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  ok = up_plan_save_to_file (direct, f->file, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, old_handler);
  g_assert_false (ok);
  assert_failed_safely (f, session, before, error);
  g_clear_error (&error);

  /* With room again, the same session saves. */
  g_assert_true (save (session, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (up_plan_session_get_dirty (session));
}

/* "name~" is a folder with something in it: the backup cannot be made. */
static void
test_backup_impossible (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(UpPlanSession) session = open_session (f->file);
  g_autoptr(GBytes) before = read_bytes (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_dir = g_strconcat (f->path, "~", NULL);
  g_autofree char *inside = g_build_filename (backup_dir, "keep", NULL);
  const char *keep[] = { "plan.upstream~", NULL };

  g_assert_cmpint (g_mkdir (backup_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", 1, NULL));
  edit (session, "Edited");
  g_assert_false (save (session, NULL, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANT_CREATE_BACKUP);
  assert_failed_safely (f, session, before, error);
  g_assert_cmpuint (count_strays (f->dir, keep), ==, 0);
}

static void
test_missing_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(UpPlanSession) session = open_session (f->file);
  g_autoptr(GBytes) before = read_bytes (f->path);
  g_autofree char *gone = g_build_filename (f->dir, "gone", "plan.upstream", NULL);
  g_autoptr(GFile) elsewhere = g_file_new_for_path (gone);
  g_autoptr(GError) error = NULL;

  edit (session, "Edited");
  g_assert_false (save (session, elsewhere, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_file_equal (up_plan_session_get_file (session), f->file));
  assert_failed_safely (f, session, before, error);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(UpPlanSession) session = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      /* Root writes into read-only folders; the other failures cover this path. */
      g_test_skip ("running as root, which ignores folder permissions");
      return;
    }
  session = open_session (f->file);
  before = read_bytes (f->path);
  edit (session, "Edited");
  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);
  g_assert_false (save (session, NULL, FALSE, &error));
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  assert_failed_safely (f, session, before, error);
}

/* A plan reached through a symbolic link: the link stays, its target is replaced. */
static void
test_symlink (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *link_path = g_build_filename (f->dir, "link.upstream", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(UpPlanSession) session = open_session (link);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) after = NULL;
  const char *keep[] = { "link.upstream", NULL };

  /* open_session() read through the link made here, before the edit. */
  edit (session, "Through a link");
  g_assert_true (save (session, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  expected = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (after, expected));
  g_assert_cmpuint (count_strays (f->dir, keep), ==, 0);
}

static void
symlink_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *link_path = NULL;

  fixture_set_up (f, data);
  link_path = g_build_filename (f->dir, "link.upstream", NULL);
  g_assert_cmpint (symlink ("plan.upstream", link_path), ==, 0);
}

/* Someone else saves the file after it was opened. */
static void
test_changed_on_disk (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(UpPlanSession) session = open_session (f->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) ours = NULL;
  g_autofree char *other = g_build_filename (f->dir, "theirs", NULL);
  g_autofree char *command = NULL;
  g_autofree char *quoted_other = g_shell_quote (other);
  g_autofree char *quoted_path = g_shell_quote (f->path);
  const char *keep[] = { "theirs", NULL };
  int status;

  edit (session, "Ours");
  /* Their version, written by another process into the same file. */
  {
    g_autofree char *example = example_path ();
    g_autoptr(GFile) example_file = g_file_new_for_path (example);
    g_autoptr(UpPlan) plan = up_plan_load_from_file (example_file, NULL, NULL);

    up_plan_set_description (plan, "Theirs");
    theirs = up_plan_save_to_bytes (plan);
    g_assert_true (g_file_set_contents (other, g_bytes_get_data (theirs, NULL),
                                        g_bytes_get_size (theirs), NULL));
  }
  command = g_strdup_printf ("/bin/sh -c 'sleep 0.01; cat %s > %s'", quoted_other, quoted_path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_false (save (session, NULL, FALSE, &error));
  g_assert_error (error, UP_ERROR, UP_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_true (up_plan_session_get_dirty (session));
  on_disk = read_bytes (f->path);
  g_assert_true (g_bytes_equal (on_disk, theirs));
  g_assert_cmpuint (count_strays (f->dir, keep), ==, 0);

  /* Overwrite, as the window offers. */
  g_assert_true (save (session, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (up_plan_session_get_dirty (session));
  g_clear_pointer (&on_disk, g_bytes_unref);
  on_disk = read_bytes (f->path);
  ours = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  g_assert_true (g_bytes_equal (on_disk, ours));

  /* From now on the etag is that of our save: a plain save works again. */
  edit (session, "Ours again");
  g_assert_true (save (session, NULL, FALSE, &error));
  g_assert_no_error (error);
}

/* ---- Killed while saving ------------------------------------------------------------ */

static void
assert_complete_plan (const char *path,
                      GBytes     *a,
                      GBytes     *b)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bytes);
  if (!g_bytes_equal (bytes, a) && !g_bytes_equal (bytes, b))
    g_error ("%s holds %" G_GSIZE_FORMAT " bytes, neither version (%" G_GSIZE_FORMAT
             " or %" G_GSIZE_FORMAT ")", path, g_bytes_get_size (bytes),
             g_bytes_get_size (a), g_bytes_get_size (b));
  plan = up_plan_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  model = up_model_compile (plan, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_kill_while_saving (Fixture       *f,
                        gconstpointer  data)
{
  const char *helper = g_getenv ("UPSTREAM_SAVE_LOOP");
  g_autofree char *example = example_path ();
  g_autofree char *a_path = g_strconcat (f->path, ".a", NULL);
  g_autofree char *b_path = g_strconcat (f->path, ".b", NULL);
  g_autofree char *backup = g_strconcat (f->path, "~", NULL);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  GRand *rand = g_rand_new_with_seed (20260101);
  guint saw_b = 0, saw_backup = 0, temporaries = 0;
  const char *keep[] = { "plan.upstream.a", "plan.upstream.b", NULL };

  if (helper == NULL)
    {
      g_test_skip ("UPSTREAM_SAVE_LOOP is not set");
      g_rand_free (rand);
      return;
    }
  /* The helper's first save creates the file, so a backup is only ever of its own. */
  g_assert_cmpint (g_unlink (f->path), ==, 0);

  for (guint kill_no = 0; kill_no < KILLS; kill_no++)
    {
      const char *argv[] = { helper, example, f->path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GIOChannel) channel = NULL;
      g_autofree char *line = NULL;
      GPid pid;
      int out_fd, status;
      guint delay_us;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                               NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      channel = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (channel, TRUE);
      g_io_channel_read_line (channel, &line, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, "ready\n");
      if (a == NULL)
        {
          a = read_bytes (a_path);
          b = read_bytes (b_path);
          g_assert_nonnull (a);
          g_assert_nonnull (b);
          g_assert_cmpuint (g_bytes_get_size (b), >, g_bytes_get_size (a) + 50000);
        }

      /* Up to about ten saves in: some kills land mid-write, some mid-rename. */
      delay_us = g_rand_int_range (rand, 0, 40000);
      g_usleep (delay_us);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);

      /* The path always holds a whole plan: the old version or the new. */
      assert_complete_plan (f->path, a, b);
      {
        g_autoptr(GBytes) now = read_bytes (f->path);

        if (g_bytes_equal (now, b))
          saw_b++;
      }
      if (g_file_test (backup, G_FILE_TEST_EXISTS))
        {
          assert_complete_plan (backup, a, b);
          saw_backup++;
        }
      /* A kill mid-write leaves GIO's temporary file behind; never anything else. */
      {
        g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
        const char *name;

        while ((name = g_dir_read_name (dir)) != NULL)
          if (g_str_has_prefix (name, ".goutputstream-"))
            {
              g_autofree char *stray = g_build_filename (f->dir, name, NULL);

              temporaries++;
              g_unlink (stray);
            }
      }
      g_assert_cmpuint (count_strays (f->dir, keep), ==, 0);
    }
  g_test_message ("%u kills: the path held the long version %u times, a backup existed "
                  "%u times, %u temporary files were left", KILLS, saw_b, saw_backup,
                  temporaries);
  /* The kills really did land at different points of the cycle. */
  g_assert_cmpuint (saw_b, >, 0);
  g_assert_cmpuint (saw_b, <, KILLS);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/up/save/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("backup", test_backup);
  ADD ("disk-full", test_disk_full);
  ADD ("backup-impossible", test_backup_impossible);
  ADD ("missing-folder", test_missing_folder);
  ADD ("read-only-folder", test_read_only_folder);
  ADD ("changed-on-disk", test_changed_on_disk);
  g_test_add ("/up/save/symlink", Fixture, NULL, symlink_set_up, test_symlink,
              fixture_tear_down);
  ADD ("kill-while-saving", test_kill_while_saving);
#undef ADD

  return g_test_run ();
}
