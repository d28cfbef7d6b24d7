/* up-compare-view.h: the options side by side
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_COMPARE_VIEW (up_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (UpCompareView, up_compare_view, UP, COMPARE_VIEW, GtkWidget)

UpPlanSession *up_compare_view_get_session (UpCompareView *self);
void           up_compare_view_set_session (UpCompareView *self,
                                            UpPlanSession *session);

G_END_DECLS
