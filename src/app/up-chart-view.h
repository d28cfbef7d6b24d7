/* up-chart-view.h: one chart of the projection as a widget
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "up-chart.h"
#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_CHART_VIEW (up_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (UpChartView, up_chart_view, UP, CHART_VIEW, GtkWidget)

GtkWidget     *up_chart_view_new             (UpChartKind    kind);
UpChartKind    up_chart_view_get_kind        (UpChartView   *self);
void           up_chart_view_set_kind        (UpChartView   *self,
                                              UpChartKind    kind);
UpPlanSession *up_chart_view_get_session     (UpChartView   *self);
void           up_chart_view_set_session     (UpChartView   *self,
                                              UpPlanSession *session);
gboolean       up_chart_view_get_discounted  (UpChartView   *self);
void           up_chart_view_set_discounted  (UpChartView   *self,
                                              gboolean       discounted);
/* A model option index (stack the crisis chart by budget holder, one panel of the
 * holders and cohort charts, one line of the net chart), or -1 for all. */
int            up_chart_view_get_option      (UpChartView   *self);
void           up_chart_view_set_option      (UpChartView   *self,
                                              int            option);

/* The title the chart draws (NULL: its own, such as "Crisis cost per year"). */
void           up_chart_view_set_title       (UpChartView   *self,
                                              const char    *title);

/* The chart itself, for its table, words and export; NULL-free, owned by the view. */
UpChart       *up_chart_view_get_chart       (UpChartView   *self);
/* Hides or shows a series, as a click on its legend entry does. */
void           up_chart_view_toggle_series   (UpChartView   *self,
                                              int            series);
/* The read-out of the cursor ("2031 · Peer network · £1.2m"), or NULL. */
const char    *up_chart_view_get_readout     (UpChartView   *self);
/* What the accessible description says: the read-out, if any, then up_chart_describe. */
const char    *up_chart_view_get_description (UpChartView   *self);

G_END_DECLS
