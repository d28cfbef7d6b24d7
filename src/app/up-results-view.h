/* up-results-view.h: the scorecard, who pays and who saves, and the per-year table
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_RESULTS_VIEW (up_results_view_get_type ())
G_DECLARE_FINAL_TYPE (UpResultsView, up_results_view, UP, RESULTS_VIEW, GtkWidget)

UpPlanSession *up_results_view_get_session (UpResultsView     *self);
void           up_results_view_set_session (UpResultsView     *self,
                                            UpPlanSession *session);

G_END_DECLS
