/* up-window.h
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "up-application.h"
#include "up-plan-session.h"
#include "up-recovery.h"

G_BEGIN_DECLS

#define UP_TYPE_WINDOW (up_window_get_type ())
G_DECLARE_FINAL_TYPE (UpWindow, up_window, UP, WINDOW, AdwApplicationWindow)

UpWindow      *up_window_new                  (UpApplication *app);
UpPlanSession *up_window_get_session          (UpWindow      *self);
/* Loads file into this window; errors are shown in the window. */
void           up_window_open                 (UpWindow      *self,
                                               GFile         *file);
/* Loads file as a new, unsaved plan (for examples: Save asks where). */
void           up_window_open_copy            (UpWindow      *self,
                                               GFile         *file);
/* Gives the window a small valid plan to start from (two states, business as usual). */
void           up_window_new_blank            (UpWindow      *self);
/* TRUE when the window holds an empty, unchanged plan that a file can replace. */
gboolean       up_window_is_pristine          (UpWindow      *self);
/* Asks about unsaved changes, then closes, then quits the application. */
void           up_window_close_request_quit   (UpWindow      *self);
/* Writes a PNG of the window after its first complete frame, then quits. */
void           up_window_take_screenshot_after_first_frame (UpWindow   *self,
                                                            const char *path);
/* Takes a plan restored after a crash, with unsaved changes, from file (nullable) as
 * it was at etag (nullable). */
void           up_window_restore              (UpWindow      *self,
                                               UpPlan        *plan,
                                               GFile         *file,
                                               const char    *etag);
/* The window's crash-recovery copy keeper. */
UpRecovery    *up_window_get_recovery         (UpWindow      *self);
/* Prints the milliseconds from up_application_get_start() to the first frame drawn
 * after a plan has loaded, then quits (the start-up benchmark). */
void           up_window_bench_first_frame    (UpWindow      *self);
/* Shows a message in the window's toast overlay. */
void           up_window_toast                (UpWindow      *self,
                                               const char    *message);

G_END_DECLS
