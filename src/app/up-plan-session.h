/* up-plan-session.h: one plan being edited — document, file, undo and live results
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Views edit the UpPlan directly, but first call up_plan_session_begin_edit() with a
 * merge key, so that every edit can be undone: the session keeps a snapshot of the plan
 * from before the edit. Consecutive edits with the same key within a short time (typing
 * in one field, dragging one slider) merge into one undo step.
 *
 * Every change to the plan recomputes the results (compile + project) before the next
 * frame. When the plan is invalid, the last valid results stay available, "stale" is
 * TRUE and the problems say what is wrong and where.
 */

#pragma once

#include <gio/gio.h>

#include "upstream-core.h"

G_BEGIN_DECLS

#define UP_TYPE_PLAN_SESSION (up_plan_session_get_type ())
G_DECLARE_FINAL_TYPE (UpPlanSession, up_plan_session, UP, PLAN_SESSION, GObject)

UpPlanSession   *up_plan_session_new             (void);
/* Takes the plan as the session's document (no undo history, not dirty). */
void             up_plan_session_set_plan        (UpPlanSession  *self,
                                                  UpPlan         *plan,
                                                  GFile          *file);
UpPlan          *up_plan_session_get_plan        (UpPlanSession  *self);
GFile           *up_plan_session_get_file        (UpPlanSession  *self);
/* The file's etag when it was opened or last saved (NULL without a file). */
const char      *up_plan_session_get_etag        (UpPlanSession  *self);
/* Takes the plan as the session's document with unsaved changes (no undo history):
 * a plan restored after a crash, from file (nullable) as it was at etag (nullable),
 * so that saving still notices a file changed on disk since. */
void             up_plan_session_restore         (UpPlanSession  *self,
                                                  UpPlan         *plan,
                                                  GFile          *file,
                                                  const char     *etag);
/* The file's display name, or "Unsaved plan". */
char            *up_plan_session_dup_display_name (UpPlanSession *self);
gboolean         up_plan_session_get_dirty       (UpPlanSession  *self);

/* ---- Editing and undo ------------------------------------------------------------- */

/* Call before changing the plan. merge_key names what is edited (a parameter path, or
 * "option/ID/name" …); NULL never merges. */
void             up_plan_session_begin_edit      (UpPlanSession  *self,
                                                  const char     *merge_key);
/* Ends merging, so the next edit with the same key starts a new undo step (call when
 * a field loses focus or a drag ends). */
void             up_plan_session_end_merge       (UpPlanSession  *self);
/* Convenience: an undoable set of a parameter path. */
gboolean         up_plan_session_set_param       (UpPlanSession  *self,
                                                  const char     *path,
                                                  double          value,
                                                  GError        **error);
gboolean         up_plan_session_can_undo        (UpPlanSession  *self);
gboolean         up_plan_session_can_redo        (UpPlanSession  *self);
void             up_plan_session_undo            (UpPlanSession  *self);
void             up_plan_session_redo            (UpPlanSession  *self);

/* ---- Results ---------------------------------------------------------------------- */

/* The last valid compiled model and its results; NULL before the first valid plan. */
UpModel         *up_plan_session_get_model       (UpPlanSession  *self);
const UpResults *up_plan_session_get_results     (UpPlanSession  *self);
/* TRUE when the plan as it is now has errors and the results are from before. */
gboolean         up_plan_session_get_stale       (UpPlanSession  *self);
/* Problems of the plan as it is now (element-type UpProblem). */
GPtrArray       *up_plan_session_get_problems    (UpPlanSession  *self);
/* The first error whose parameter path is path, or NULL. */
const UpProblem *up_plan_session_find_problem    (UpPlanSession  *self,
                                                  const char     *path);
/* The first error about item (by up_item_describe()), or NULL. */
const UpProblem *up_plan_session_find_item_problem (UpPlanSession *self,
                                                    UpItem        *item);
/* Recomputes now instead of before the next frame (tests, benchmarks). */
void             up_plan_session_flush           (UpPlanSession  *self);

/* ---- Files ------------------------------------------------------------------------ */

void             up_plan_session_load_async      (UpPlanSession       *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* On failure, problems (when not NULL) receives every problem with its location. */
gboolean         up_plan_session_load_finish     (UpPlanSession       *self,
                                                  GAsyncResult        *result,
                                                  GPtrArray          **problems,
                                                  GError             **error);
/* Saves to file (NULL: the current file). Unless force, fails with UP_ERROR_CHANGED
 * when the file changed on disk since it was opened or last saved. */
void             up_plan_session_save_async      (UpPlanSession       *self,
                                                  GFile               *file,
                                                  gboolean             force,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         up_plan_session_save_finish     (UpPlanSession       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
