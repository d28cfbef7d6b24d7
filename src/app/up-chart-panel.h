/* up-chart-panel.h: a chart with its title, a table toggle and an export menu
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "up-chart-view.h"

G_BEGIN_DECLS

#define UP_TYPE_CHART_PANEL (up_chart_panel_get_type ())
G_DECLARE_FINAL_TYPE (UpChartPanel, up_chart_panel, UP, CHART_PANEL, GtkWidget)

GtkWidget   *up_chart_panel_new           (UpChartKind   kind);
UpChartView *up_chart_panel_get_view      (UpChartPanel *self);
/* Puts a control (a toggle, a drop-down) in the title row, before the table toggle. */
void         up_chart_panel_add_control   (UpChartPanel *self,
                                           GtkWidget    *control);
gboolean     up_chart_panel_get_show_table (UpChartPanel *self);
void         up_chart_panel_set_show_table (UpChartPanel *self,
                                            gboolean      show);
/* What "Export…" writes: the chart as on screen (same options, same series hidden) in
 * the light theme, 1200 × 750 logical pixels (PNG at twice that), format "png", "svg"
 * or "pdf". */
gboolean     up_chart_panel_export        (UpChartPanel *self,
                                           const char   *format,
                                           const char   *path,
                                           GError      **error);
/* The grid of the table page (rows of labels, the first the header), for tests. */
GtkGrid     *up_chart_panel_get_table_grid (UpChartPanel *self);

G_END_DECLS
