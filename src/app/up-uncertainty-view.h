/* up-uncertainty-view.h: distributions, tornado and probabilistic analysis
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "up-chart-uncertainty.h"
#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_UNCERTAINTY_VIEW (up_uncertainty_view_get_type ())
G_DECLARE_FINAL_TYPE (UpUncertaintyView, up_uncertainty_view, UP, UNCERTAINTY_VIEW, GtkWidget)

UpPlanSession *up_uncertainty_view_get_session (UpUncertaintyView *self);
void           up_uncertainty_view_set_session (UpUncertaintyView *self,
                                                UpPlanSession     *session);

/* The last complete probabilistic analysis shown, or NULL (none yet, or cancelled). */
const UpPsa   *up_uncertainty_view_get_psa     (UpUncertaintyView *self);
/* TRUE while a full or live analysis runs on a worker. */
gboolean       up_uncertainty_view_is_running  (UpUncertaintyView *self);
/* The tornado chart and the fan chart of crisis cost (for tests and export). */
UpUncChart    *up_uncertainty_view_get_tornado_chart (UpUncertaintyView *self);
/* The time of the last live refresh (analysis and redraw), in µs; 0 before any. */
gint64         up_uncertainty_view_get_live_time (UpUncertaintyView *self);

G_END_DECLS
