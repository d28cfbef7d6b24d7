/* up-recovery.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files of one entry: ID.lock (held with flock while its UpRecovery lives), ID.upstream
 * (the plan) and ID.recovery (the key file, written after the plan, so an entry with a
 * key file is complete). Each is replaced atomically (g_file_set_contents_full), so a
 * crash in the middle of an auto-save leaves the copy before it.
 */

#define G_LOG_DOMAIN "up-recovery"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "up-recovery.h"

#define DEFAULT_DELAY_MS (30 * 1000)
#define GROUP "Recovery"
#define FORMAT_VERSION 1

struct _UpRecovery
{
  GObject        parent_instance;

  UpPlanSession *session;      /* owned */
  gulong         dirty_id;
  gulong         changed_id;
  guint          timeout_id;
  guint          delay_ms;

  char          *id;
  char          *lock_path;    /* NULL until the first auto-save */
  char          *plan_path;
  char          *key_path;
  int            lock_fd;
  gboolean       written;
  gboolean       warned;
};

G_DEFINE_FINAL_TYPE (UpRecovery, up_recovery, G_TYPE_OBJECT)

/* ---- Entries ---------------------------------------------------------------------- */

void
up_recovery_entry_free (UpRecoveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->plan_path);
  g_clear_object (&entry->file);
  g_free (entry->etag);
  g_free (entry->title);
  g_clear_pointer (&entry->saved, g_date_time_unref);
  g_free (entry);
}

char *
up_recovery_get_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "upstream", "recovery", NULL);
}

static char *
entry_file (const char *dir,
            const char *id,
            const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

static void
remove_entry_files (const char *dir,
                    const char *id)
{
  const char *suffixes[] = { ".recovery", ".upstream", ".lock" };

  /* The key file first: without it the rest is no entry at all. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = entry_file (dir, id, suffixes[i]);

      if (g_unlink (path) != 0 && errno != ENOENT)
        g_debug ("could not remove %s: %s", path, g_strerror (errno));
    }
}

UpPlan *
up_recovery_entry_load (UpRecoveryEntry  *entry,
                        GError          **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (entry != NULL, NULL);
  file = g_file_new_for_path (entry->plan_path);
  return up_plan_load_from_file (file, NULL, error);
}

void
up_recovery_entry_discard (UpRecoveryEntry *entry)
{
  g_autofree char *dir = NULL;

  g_return_if_fail (entry != NULL);
  dir = g_path_get_dirname (entry->plan_path);
  remove_entry_files (dir, entry->id);
}

/* Whether the lock of id is held by a living UpRecovery (in any process, this one
 * included: flock locks belong to an open file, not to a process). */
static gboolean
entry_is_alive (const char *dir,
                const char *id)
{
  g_autofree char *path = entry_file (dir, id, ".lock");
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  gboolean alive;

  if (fd < 0)
    return FALSE;
  alive = flock (fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);
  return alive;
}

static UpRecoveryEntry *
read_entry (const char *dir,
            const char *id)
{
  g_autofree char *key_path = entry_file (dir, id, ".recovery");
  g_autofree char *plan_path = entry_file (dir, id, ".upstream");
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(UpRecoveryEntry) entry = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (keys, key_path, G_KEY_FILE_NONE, &error) ||
      g_key_file_get_integer (keys, GROUP, "version", NULL) != FORMAT_VERSION ||
      !g_file_test (plan_path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  entry = g_new0 (UpRecoveryEntry, 1);
  entry->id = g_strdup (id);
  entry->plan_path = g_steal_pointer (&plan_path);
  uri = g_key_file_get_string (keys, GROUP, "file", NULL);
  if (uri != NULL && *uri != '\0')
    entry->file = g_file_new_for_uri (uri);
  entry->etag = g_key_file_get_string (keys, GROUP, "etag", NULL);
  entry->title = g_key_file_get_string (keys, GROUP, "title", NULL);
  saved = g_key_file_get_string (keys, GROUP, "saved", NULL);
  if (saved != NULL)
    entry->saved = g_date_time_new_from_iso8601 (saved, NULL);
  if (entry->saved == NULL)
    entry->saved = g_date_time_new_from_unix_utc (0);
  return g_steal_pointer (&entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const UpRecoveryEntry *ea = *(const UpRecoveryEntry * const *) a;
  const UpRecoveryEntry *eb = *(const UpRecoveryEntry * const *) b;
  int c = g_date_time_compare (ea->saved, eb->saved);

  return c != 0 ? c : strcmp (ea->id, eb->id);
}

GPtrArray *
up_recovery_list_orphans (void)
{
  g_autofree char *dir_path = up_recovery_get_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) up_recovery_entry_free);
  GHashTableIter iter;
  const char *name;
  gpointer key;

  if (dir == NULL)
    return entries;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *dot = strrchr (name, '.');

      if (dot != NULL && dot != name &&
          (g_str_equal (dot, ".recovery") || g_str_equal (dot, ".upstream") ||
           g_str_equal (dot, ".lock")))
        g_hash_table_add (ids, g_strndup (name, dot - name));
    }

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      UpRecoveryEntry *entry;

      if (entry_is_alive (dir_path, key))
        continue;
      entry = read_entry (dir_path, key);
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
      else
        remove_entry_files (dir_path, key);   /* a crash before the first copy was whole */
    }
  g_ptr_array_sort (entries, compare_entries);
  return entries;
}

/* ---- Writing ---------------------------------------------------------------------- */

static gboolean
take_lock (UpRecovery  *self,
           GError     **error)
{
  g_autofree char *dir = up_recovery_get_dir ();
  int fd;

  if (self->lock_fd >= 0)
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "could not create %s: %s", dir, g_strerror (errsv));
      return FALSE;
    }
  if (self->lock_path == NULL)
    {
      self->lock_path = entry_file (dir, self->id, ".lock");
      self->plan_path = entry_file (dir, self->id, ".upstream");
      self->key_path = entry_file (dir, self->id, ".recovery");
    }
  fd = g_open (self->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int errsv = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "could not lock %s: %s", self->lock_path, g_strerror (errsv));
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

static gboolean
write_copy (UpRecovery  *self,
            GError     **error)
{
  UpPlan *plan = up_plan_session_get_plan (self->session);
  GFile *file = up_plan_session_get_file (self->session);
  const char *etag = up_plan_session_get_etag (self->session);
  const char *title = up_item_get_name (UP_ITEM (plan));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *saved = g_date_time_format_iso8601 (now);
  g_autofree char *key_data = NULL;
  gsize key_length;

  if (!take_lock (self, error))
    return FALSE;
  bytes = up_plan_save_to_bytes (plan);
  if (!g_file_set_contents_full (self->plan_path, g_bytes_get_data (bytes, NULL),
                                 g_bytes_get_size (bytes), G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error))
    return FALSE;

  g_key_file_set_integer (keys, GROUP, "version", FORMAT_VERSION);
  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_key_file_set_string (keys, GROUP, "file", uri);
    }
  if (etag != NULL)
    g_key_file_set_string (keys, GROUP, "etag", etag);
  if (title != NULL)
    g_key_file_set_string (keys, GROUP, "title", title);
  g_key_file_set_string (keys, GROUP, "saved", saved);
  key_data = g_key_file_to_data (keys, &key_length, NULL);
  if (!g_file_set_contents_full (self->key_path, key_data, key_length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  self->written = TRUE;
  return TRUE;
}

static void
remove_copy (UpRecovery *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->written)
    return;
  if (self->key_path != NULL)
    g_unlink (self->key_path);
  if (self->plan_path != NULL)
    g_unlink (self->plan_path);
  self->written = FALSE;
}

static void
release_lock (UpRecovery *self)
{
  if (self->lock_fd < 0)
    return;
  /* Unlinked while still held, so no other process can take an entry half gone. */
  g_unlink (self->lock_path);
  close (self->lock_fd);
  self->lock_fd = -1;
}

void
up_recovery_save_now (UpRecovery *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (UP_IS_RECOVERY (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!up_plan_session_get_dirty (self->session))
    return;
  if (!write_copy (self, &error) && !self->warned)
    {
      /* Once: an auto-save that fails keeps failing, and saving still works. */
      g_warning ("Could not keep a recovery copy of the plan: %s", error->message);
      self->warned = TRUE;
    }
}

/* ---- Callbacks -------------------------------------------------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  UpRecovery *self = data;

  self->timeout_id = 0;
  up_recovery_save_now (self);
  return G_SOURCE_REMOVE;
}

/* Every change to the plan recomputes the results, so this follows every edit. */
static void
session_changed_cb (UpRecovery *self)
{
  if (!up_plan_session_get_dirty (self->session))
    {
      remove_copy (self);
      return;
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->delay_ms, timeout_cb, self);
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
up_recovery_dispose (GObject *object)
{
  UpRecovery *self = UP_RECOVERY (object);

  /* Closed, whether saved or discarded: the copy has done its work. */
  remove_copy (self);
  release_lock (self);
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->dirty_id, self->session);
      g_clear_signal_handler (&self->changed_id, self->session);
      g_clear_object (&self->session);
    }
  G_OBJECT_CLASS (up_recovery_parent_class)->dispose (object);
}

static void
up_recovery_finalize (GObject *object)
{
  UpRecovery *self = UP_RECOVERY (object);

  g_free (self->id);
  g_free (self->lock_path);
  g_free (self->plan_path);
  g_free (self->key_path);
  G_OBJECT_CLASS (up_recovery_parent_class)->finalize (object);
}

static void
up_recovery_class_init (UpRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = up_recovery_dispose;
  object_class->finalize = up_recovery_finalize;
}

static void
up_recovery_init (UpRecovery *self)
{
  const char *env = g_getenv ("UPSTREAM_AUTOSAVE_DELAY_MS");
  guint64 delay;

  self->lock_fd = -1;
  self->id = g_uuid_string_random ();
  self->delay_ms = DEFAULT_DELAY_MS;
  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 0, G_MAXUINT, &delay, NULL))
    self->delay_ms = (guint) delay;
}

/* ---- Public API ------------------------------------------------------------------- */

UpRecovery *
up_recovery_new (UpPlanSession *session)
{
  UpRecovery *self;

  g_return_val_if_fail (UP_IS_PLAN_SESSION (session), NULL);

  self = g_object_new (UP_TYPE_RECOVERY, NULL);
  self->session = g_object_ref (session);
  self->dirty_id = g_signal_connect_swapped (session, "notify::dirty",
                                             G_CALLBACK (session_changed_cb), self);
  self->changed_id = g_signal_connect_swapped (session, "results-changed",
                                               G_CALLBACK (session_changed_cb), self);
  if (up_plan_session_get_dirty (session))
    session_changed_cb (self);
  return self;
}

void
up_recovery_set_delay (UpRecovery *self,
                       guint       delay_ms)
{
  g_return_if_fail (UP_IS_RECOVERY (self));
  self->delay_ms = delay_ms;
  if (self->timeout_id != 0)
    session_changed_cb (self);
}

guint
up_recovery_get_delay (UpRecovery *self)
{
  g_return_val_if_fail (UP_IS_RECOVERY (self), 0);
  return self->delay_ms;
}

const char *
up_recovery_get_plan_path (UpRecovery *self)
{
  g_return_val_if_fail (UP_IS_RECOVERY (self), NULL);
  return self->written ? self->plan_path : NULL;
}
