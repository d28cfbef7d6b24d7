/* up-costs-view.h: the unit-cost library, budget holders and the costs of each state
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_COSTS_VIEW (up_costs_view_get_type ())
G_DECLARE_FINAL_TYPE (UpCostsView, up_costs_view, UP, COSTS_VIEW, GtkWidget)

UpPlanSession *up_costs_view_get_session (UpCostsView     *self);
void           up_costs_view_set_session (UpCostsView     *self,
                                          UpPlanSession *session);
/* What "Import from CSV…" does once the file is read: opens the window that maps the
 * file's columns to cost-item fields and imports. Returns that window (owned by GTK),
 * or NULL when data is not CSV (a message then says why). */
GtkWindow     *up_costs_view_import_csv_data (UpCostsView *self,
                                              const char  *data,
                                              gssize       length,
                                              const char  *file_name);

G_END_DECLS
