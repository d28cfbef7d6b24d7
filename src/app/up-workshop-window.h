/* up-workshop-window.h: workshop mode, a plan projected to a room
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "up-number-field.h"
#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_WORKSHOP_WINDOW (up_workshop_window_get_type ())
G_DECLARE_FINAL_TYPE (UpWorkshopWindow, up_workshop_window, UP, WORKSHOP_WINDOW, AdwWindow)

/* A full-screen window on session: large charts, the headline numbers per option and
 * a slider per pinned parameter. The values of every pinned or scenario parameter when
 * it opens are the base that "Reset" returns to. */
GtkWidget     *up_workshop_window_new            (UpPlanSession    *session);
UpPlanSession *up_workshop_window_get_session    (UpWorkshopWindow *self);
/* The lever selected by the keyboard (0-based), or -1 when there are none. */
int            up_workshop_window_get_selected   (UpWorkshopWindow *self);
/* The scale of lever i, or NULL. */
GtkRange      *up_workshop_window_get_lever      (UpWorkshopWindow *self,
                                                  int               i);
guint          up_workshop_window_get_n_levers   (UpWorkshopWindow *self);
/* Saves the current values of the levers (and of the parameters the scenarios set) as
 * a new scenario called name, undoably. Returns the scenario (owned by the plan). */
UpScenario    *up_workshop_window_save_scenario  (UpWorkshopWindow *self,
                                                  const char       *name);
/* The model and results of the compared scenario drawn faintly, or NULL. */
const UpResults *up_workshop_window_get_ghost    (UpWorkshopWindow *self);
/* Renders the window to a PNG a few frames after it is shown, then quits. */
void           up_workshop_window_take_screenshot (UpWorkshopWindow *self,
                                                   const char       *path);

/* The parameter path of the number a field edits ("option/peer/take-up"), or NULL when
 * it has none that a lever can move. */
char          *up_workshop_path_for_field        (UpNumberField    *field);
/* Pins the parameter at path to the workshop with a range suited to its unit, undoably.
 * FALSE with error set when the path names no number. */
gboolean       up_workshop_pin_param             (UpPlanSession    *session,
                                                  const char       *path,
                                                  GError          **error);
/* "Pin to Workshop" on a field of a main window: pins its number and says so in a toast. */
void           up_workshop_pin_field             (UpNumberField    *field);

G_END_DECLS
