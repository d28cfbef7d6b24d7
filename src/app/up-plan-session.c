/* up-plan-session.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-plan-session"

#include "config.h"

#include <glib/gi18n.h>

#include "up-plan-session.h"

/* Edits with the same key closer than this merge into one undo step. */
#define MERGE_WINDOW_USEC (2 * G_USEC_PER_SEC)
#define UNDO_LIMIT 200

struct _UpPlanSession
{
  GObject     parent_instance;

  UpPlan     *plan;
  GFile      *file;
  char       *etag;
  gboolean    dirty;

  GQueue      undo;          /* UpPlan snapshots, newest at head */
  GQueue      redo;
  char       *merge_key;
  gint64      merge_time;
  gboolean    applying;      /* while undo/redo/set_plan rewrites the plan */

  UpModel    *model;
  UpResults  *results;
  GPtrArray  *problems;
  gboolean    stale;
  guint       recompute_id;
  gulong      changed_id;
};

G_DEFINE_FINAL_TYPE (UpPlanSession, up_plan_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_FILE,
  PROP_DIRTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_STALE,
  N_PROPS
};
enum { RESULTS_CHANGED, PLAN_REPLACED, N_SIGNALS };

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_dirty (UpPlanSession *self,
           gboolean       dirty)
{
  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DIRTY]);
}

static void
notify_undo_state (UpPlanSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_REDO]);
}

static void
clear_queue (GQueue *queue)
{
  g_queue_clear_full (queue, g_object_unref);
}

static void
recompute (UpPlanSession *self)
{
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(UpModel) model = NULL;
  gboolean was_stale = self->stale;

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->plan == NULL)
    return;

  model = up_model_compile (self->plan, NULL, problems, NULL);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_steal_pointer (&problems);
  if (model != NULL)
    {
      /* Reuse the results block when it fits: no allocation per edit. A new cost line
       * can need more scratch space with the same shape. */
      if (self->results == NULL || self->model == NULL ||
          !up_results_fits (self->results, model))
        {
          g_clear_pointer (&self->results, up_results_free);
          self->results = up_results_new (model);
        }
      up_engine_run (model, self->results);
      g_clear_pointer (&self->model, up_model_unref);
      self->model = g_steal_pointer (&model);
      self->stale = FALSE;
    }
  else
    self->stale = TRUE;

  if (was_stale != self->stale)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STALE]);
  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
}

static gboolean
recompute_cb (gpointer data)
{
  UpPlanSession *self = data;

  self->recompute_id = 0;
  recompute (self);
  return G_SOURCE_REMOVE;
}

static void
plan_changed_cb (UpPlan        *plan,
                 UpPlanSession *self)
{
  if (!self->applying)
    set_dirty (self, TRUE);
  /* Before the next frame is drawn: high idle priority runs ahead of redraws. */
  if (self->recompute_id == 0)
    self->recompute_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, recompute_cb, self, NULL);
}

static void
up_plan_session_dispose (GObject *object)
{
  UpPlanSession *self = UP_PLAN_SESSION (object);

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->plan);
  G_OBJECT_CLASS (up_plan_session_parent_class)->dispose (object);
}

static void
up_plan_session_finalize (GObject *object)
{
  UpPlanSession *self = UP_PLAN_SESSION (object);

  g_clear_object (&self->plan);
  g_clear_object (&self->file);
  g_clear_pointer (&self->etag, g_free);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_pointer (&self->merge_key, g_free);
  g_clear_pointer (&self->model, up_model_unref);
  g_clear_pointer (&self->results, up_results_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  G_OBJECT_CLASS (up_plan_session_parent_class)->finalize (object);
}

static void
up_plan_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UpPlanSession *self = UP_PLAN_SESSION (object);

  switch (prop_id)
    {
    case PROP_PLAN: g_value_set_object (value, self->plan); break;
    case PROP_FILE: g_value_set_object (value, self->file); break;
    case PROP_DIRTY: g_value_set_boolean (value, self->dirty); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, up_plan_session_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, up_plan_session_can_redo (self)); break;
    case PROP_STALE: g_value_set_boolean (value, self->stale); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_plan_session_class_init (UpPlanSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = up_plan_session_dispose;
  object_class->finalize = up_plan_session_finalize;
  object_class->get_property = up_plan_session_get_property;

  props[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, UP_TYPE_PLAN, flags);
  props[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  props[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, flags);
  props[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  props[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  props[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * UpPlanSession::results-changed:
   *
   * The results, the problems or the stale flag changed.
   */
  signals[RESULTS_CHANGED] =
    g_signal_new ("results-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * UpPlanSession::plan-replaced:
   *
   * A different plan was loaded; views rebuild from up_plan_session_get_plan().
   */
  signals[PLAN_REPLACED] =
    g_signal_new ("plan-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
up_plan_session_init (UpPlanSession *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->problems = up_problems_new ();
}

UpPlanSession *
up_plan_session_new (void)
{
  UpPlanSession *self = g_object_new (UP_TYPE_PLAN_SESSION, NULL);
  g_autoptr(UpPlan) plan = up_plan_new ();

  up_plan_session_set_plan (self, plan, NULL);
  return self;
}

void
up_plan_session_set_plan (UpPlanSession *self,
                          UpPlan        *plan,
                          GFile         *file)
{
  g_return_if_fail (UP_IS_PLAN_SESSION (self));
  g_return_if_fail (UP_IS_PLAN (plan));

  g_clear_signal_handler (&self->changed_id, self->plan);
  g_set_object (&self->plan, plan);
  self->changed_id = g_signal_connect (plan, "changed", G_CALLBACK (plan_changed_cb), self);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FILE]);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_pointer (&self->merge_key, g_free);
  set_dirty (self, FALSE);
  notify_undo_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PLAN]);
  recompute (self);
  g_signal_emit (self, signals[PLAN_REPLACED], 0);
}

void
up_plan_session_restore (UpPlanSession *self,
                         UpPlan        *plan,
                         GFile         *file,
                         const char    *etag)
{
  g_return_if_fail (UP_IS_PLAN_SESSION (self));
  g_return_if_fail (UP_IS_PLAN (plan));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  up_plan_session_set_plan (self, plan, file);
  g_free (self->etag);
  self->etag = file != NULL ? g_strdup (etag) : NULL;
  set_dirty (self, TRUE);
}

const char *
up_plan_session_get_etag (UpPlanSession *self)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), NULL);
  return self->file != NULL ? self->etag : NULL;
}

UpPlan *
up_plan_session_get_plan (UpPlanSession *self)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), NULL);
  return self->plan;
}

GFile *
up_plan_session_get_file (UpPlanSession *self)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), NULL);
  return self->file;
}

char *
up_plan_session_dup_display_name (UpPlanSession *self)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), NULL);
  if (self->file == NULL)
    return g_strdup (_("Unsaved plan"));
  return g_file_get_basename (self->file);
}

gboolean
up_plan_session_get_dirty (UpPlanSession *self)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), FALSE);
  return self->dirty;
}

/* ---- Undo ------------------------------------------------------------------------ */

void
up_plan_session_begin_edit (UpPlanSession *self,
                            const char    *merge_key)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (UP_IS_PLAN_SESSION (self));

  if (merge_key != NULL && self->merge_key != NULL &&
      g_str_equal (merge_key, self->merge_key) &&
      now - self->merge_time < MERGE_WINDOW_USEC && self->undo.length > 0)
    {
      self->merge_time = now;
      return;
    }
  g_queue_push_head (&self->undo, up_plan_copy (self->plan));
  while (self->undo.length > UNDO_LIMIT)
    g_object_unref (g_queue_pop_tail (&self->undo));
  clear_queue (&self->redo);
  g_free (self->merge_key);
  self->merge_key = g_strdup (merge_key);
  self->merge_time = now;
  notify_undo_state (self);
}

void
up_plan_session_end_merge (UpPlanSession *self)
{
  g_return_if_fail (UP_IS_PLAN_SESSION (self));
  g_clear_pointer (&self->merge_key, g_free);
}

gboolean
up_plan_session_set_param (UpPlanSession *self,
                           const char    *path,
                           double         value,
                           GError       **error)
{
  double old;

  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), FALSE);
  if (!up_plan_get_param (self->plan, path, &old, error))
    return FALSE;
  if (old == value)
    return TRUE;
  up_plan_session_begin_edit (self, path);
  return up_plan_set_param (self->plan, path, value, error);
}

gboolean
up_plan_session_can_undo (UpPlanSession *self)
{
  return self->undo.length > 0;
}

gboolean
up_plan_session_can_redo (UpPlanSession *self)
{
  return self->redo.length > 0;
}

static void
swap_snapshot (UpPlanSession *self,
               GQueue        *from,
               GQueue        *to)
{
  g_autoptr(UpPlan) snapshot = g_queue_pop_head (from);

  if (snapshot == NULL)
    return;
  g_queue_push_head (to, up_plan_copy (self->plan));
  g_clear_pointer (&self->merge_key, g_free);
  self->applying = TRUE;
  up_plan_assign (self->plan, snapshot);
  self->applying = FALSE;
  set_dirty (self, TRUE);
  notify_undo_state (self);
}

void
up_plan_session_undo (UpPlanSession *self)
{
  g_return_if_fail (UP_IS_PLAN_SESSION (self));
  swap_snapshot (self, &self->undo, &self->redo);
}

void
up_plan_session_redo (UpPlanSession *self)
{
  g_return_if_fail (UP_IS_PLAN_SESSION (self));
  swap_snapshot (self, &self->redo, &self->undo);
}

/* ---- Results ---------------------------------------------------------------------- */

UpModel *
up_plan_session_get_model (UpPlanSession *self)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), NULL);
  return self->model;
}

const UpResults *
up_plan_session_get_results (UpPlanSession *self)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), NULL);
  return self->results;
}

gboolean
up_plan_session_get_stale (UpPlanSession *self)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), FALSE);
  return self->stale;
}

GPtrArray *
up_plan_session_get_problems (UpPlanSession *self)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), NULL);
  return self->problems;
}

const UpProblem *
up_plan_session_find_problem (UpPlanSession *self,
                              const char    *path)
{
  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), NULL);
  for (guint i = 0; path != NULL && i < self->problems->len; i++)
    {
      const UpProblem *p = self->problems->pdata[i];

      if (p->severity == UP_SEVERITY_ERROR && g_strcmp0 (p->path, path) == 0)
        return p;
    }
  return NULL;
}

const UpProblem *
up_plan_session_find_item_problem (UpPlanSession *self,
                                   UpItem        *item)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (UP_IS_PLAN_SESSION (self), NULL);
  where = up_item_describe (item);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const UpProblem *p = self->problems->pdata[i];

      if (p->severity == UP_SEVERITY_ERROR && g_strcmp0 (p->where, where) == 0)
        return p;
    }
  return NULL;
}

void
up_plan_session_flush (UpPlanSession *self)
{
  g_return_if_fail (UP_IS_PLAN_SESSION (self));
  if (self->recompute_id != 0)
    recompute (self);
}

/* ---- Files ------------------------------------------------------------------------ */

typedef struct
{
  GBytes    *bytes;
  GPtrArray *problems;
  UpPlan    *plan;
  char      *etag;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_clear_object (&data->plan);
  g_clear_pointer (&data->etag, g_free);
  g_free (data);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *bytes = g_bytes_get_data (data->bytes, &len);

  data->plan = up_plan_load_from_data (bytes, len, data->problems, &error);
  if (data->plan == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_contents_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length,
                                    &data->etag, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->bytes = g_bytes_new_take (contents, length);
  g_task_run_in_thread (task, parse_in_thread);
}

static void
query_size_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);

  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_file_info_get_size (info) > UP_PLAN_MAX_BYTES)
    {
      /* In MiB, as the limit is stated everywhere else. */
      g_autofree char *size = g_format_size_full (g_file_info_get_size (info),
                                                  G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *cap = g_format_size_full (UP_PLAN_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      g_task_return_new_error (task, UP_ERROR, UP_ERROR_TOO_LARGE,
                               _("The file is %s; plan files are at most %s"), size, cap);
      return;
    }
  g_file_load_contents_async (G_FILE (source), g_task_get_cancellable (task),
                              load_contents_cb, g_object_ref (task));
}

void
up_plan_session_load_async (UpPlanSession       *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (UP_IS_PLAN_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, up_plan_session_load_async);
  data = g_new0 (LoadData, 1);
  data->problems = up_problems_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, query_size_cb,
                           g_steal_pointer (&task));
}

gboolean
up_plan_session_load_finish (UpPlanSession  *self,
                             GAsyncResult   *result,
                             GPtrArray     **problems,
                             GError        **error)
{
  GTask *task = G_TASK (result);
  LoadData *data = g_task_get_task_data (task);

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (problems != NULL)
    *problems = data->problems ? g_ptr_array_ref (data->problems) : NULL;
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  g_free (self->etag);
  self->etag = g_steal_pointer (&data->etag);
  up_plan_session_set_plan (self, data->plan, g_object_get_data (G_OBJECT (task), "file"));
  return TRUE;
}

static void
replace_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UpPlanSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  char *etag = NULL;

  if (!up_file_replace_finish (G_FILE (source), result, &etag, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        g_task_return_new_error (task, UP_ERROR, UP_ERROR_CHANGED,
                                 _("The file was changed by someone else since it was opened"));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_free (self->etag);
  self->etag = etag;
  if (g_set_object (&self->file, G_FILE (source)))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FILE]);
  set_dirty (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

void
up_plan_session_save_async (UpPlanSession       *self,
                            GFile               *file,
                            gboolean             force,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *etag = NULL;

  g_return_if_fail (UP_IS_PLAN_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, up_plan_session_save_async);
  if (file == NULL)
    file = self->file;
  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The plan has no file yet"));
      return;
    }
  /* Only guard the file the plan came from: Save As onto another file asks first. */
  if (!force && self->file != NULL && g_file_equal (file, self->file))
    etag = self->etag;
  /* Serialise on the main thread; a worker writes a temporary file, keeps "name~" as a
   * backup and renames, so a failure never leaves a half-written plan (not
   * g_file_replace_contents_bytes_async(): see up_file_replace()). */
  bytes = up_plan_save_to_bytes (self->plan);
  up_file_replace_async (file, bytes, etag, cancellable, replace_cb, g_steal_pointer (&task));
}

gboolean
up_plan_session_save_finish (UpPlanSession  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
