/* up-settings-view.h: the plan's settings and notes
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_SETTINGS_VIEW (up_settings_view_get_type ())
G_DECLARE_FINAL_TYPE (UpSettingsView, up_settings_view, UP, SETTINGS_VIEW, GtkWidget)

UpPlanSession *up_settings_view_get_session (UpSettingsView     *self);
void           up_settings_view_set_session (UpSettingsView     *self,
                                             UpPlanSession *session);

G_END_DECLS
