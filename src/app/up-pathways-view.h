/* up-pathways-view.h: states, transitions and the cohort
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_PATHWAYS_VIEW (up_pathways_view_get_type ())
G_DECLARE_FINAL_TYPE (UpPathwaysView, up_pathways_view, UP, PATHWAYS_VIEW, GtkWidget)

UpPlanSession *up_pathways_view_get_session (UpPathwaysView     *self);
void           up_pathways_view_set_session (UpPathwaysView     *self,
                                             UpPlanSession *session);

G_END_DECLS
