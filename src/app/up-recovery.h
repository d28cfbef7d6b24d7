/* up-recovery.h: unsaved plans kept safe from a crash
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An UpRecovery watches one UpPlanSession. While the plan has unsaved changes it writes
 * a copy to g_get_user_state_dir()/upstream/recovery/ some time after the last change
 * (30 s; UPSTREAM_AUTOSAVE_DELAY_MS overrides it) and whenever asked (the window lost
 * the focus): ID.upstream, the plan, and ID.recovery, a key file with the plan's own
 * file, its etag and the time. The copy goes away when the plan is saved, and when the
 * UpRecovery is disposed (the window closed: saved, or the changes discarded).
 *
 * While it lives it holds a lock (flock on ID.lock), which the kernel drops when the
 * process dies however it dies. Entries whose lock is free were left by a crash:
 * up_recovery_list_orphans() finds them for the next start to offer. No GTK here.
 */

#pragma once

#include <gio/gio.h>

#include "up-plan-session.h"

G_BEGIN_DECLS

typedef struct
{
  char      *id;
  char      *plan_path;   /* the plan as last auto-saved */
  GFile     *file;        /* where the plan came from; NULL for a new plan */
  char      *etag;        /* of that file when it was opened or last saved; nullable */
  char      *title;       /* the plan's title; nullable */
  GDateTime *saved;       /* when the copy was written */
} UpRecoveryEntry;

void        up_recovery_entry_free     (UpRecoveryEntry *entry);
/* The plan of an entry, or NULL with error. */
UpPlan     *up_recovery_entry_load     (UpRecoveryEntry *entry,
                                        GError         **error);
/* Deletes an entry's files. */
void        up_recovery_entry_discard  (UpRecoveryEntry *entry);

/* g_get_user_state_dir()/upstream/recovery */
char       *up_recovery_get_dir        (void);
/* Entries left by processes that are gone, oldest first (element-type UpRecoveryEntry).
 * Files of a crash that left no complete entry are removed. */
GPtrArray  *up_recovery_list_orphans   (void);

#define UP_TYPE_RECOVERY (up_recovery_get_type ())
G_DECLARE_FINAL_TYPE (UpRecovery, up_recovery, UP, RECOVERY, GObject)

UpRecovery *up_recovery_new            (UpPlanSession *session);
/* Milliseconds from the last change to the auto-save. */
void        up_recovery_set_delay      (UpRecovery    *self,
                                        guint          delay_ms);
guint       up_recovery_get_delay      (UpRecovery    *self);
/* Writes the copy now when the plan has unsaved changes. */
void        up_recovery_save_now       (UpRecovery    *self);
/* The copy's files (NULL before the first auto-save): for tests. */
const char *up_recovery_get_plan_path  (UpRecovery    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpRecoveryEntry, up_recovery_entry_free)

G_END_DECLS
