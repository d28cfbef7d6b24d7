/* up-chart-uncertainty.h: the tornado and fan charts of an uncertainty analysis
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two pictures drawn with cairo and Pango (never GTK), themed by the same UpChartTheme
 * as UpChart:
 *
 *   UP_UNC_CHART_TORNADO  one-way sensitivity: for each uncertain parameter, in order of
 *                         swing (largest at the top), a bar from the base value of the
 *                         metric to its value with the parameter at its low input and
 *                         one to its value at the high input; each row is labelled with
 *                         the parameter's readable name and its low and high inputs.
 *   UP_UNC_CHART_FAN      one series of a probabilistic analysis for one option, per
 *                         year: the 2.5–97.5 and 25–75 percentile bands and the median.
 *
 * As with UpChart: set the data, lay out at a size, then draw; the geometry queries are
 * valid after the layout.
 */

#pragma once

#include "up-chart.h"
#include "up-psa.h"
#include "up-sensitivity.h"

G_BEGIN_DECLS

typedef enum
{
  UP_UNC_CHART_TORNADO = 0,
  UP_UNC_CHART_FAN,
} UpUncChartKind;

typedef struct _UpUncChart UpUncChart;

UpUncChart    *up_unc_chart_new           (UpUncChartKind        kind);
void           up_unc_chart_free          (UpUncChart           *chart);
UpUncChartKind up_unc_chart_get_kind      (UpUncChart           *chart);
void           up_unc_chart_set_theme     (UpUncChart           *chart,
                                           const UpChartTheme   *theme);

/* Copies the bars of tornado. labels, low_texts and high_texts (each may be NULL, or an
 * array of up_tornado_get_n_bars() strings, in bar order) are the readable name of each
 * parameter and its low and high inputs as text (NULL: the path, and the numbers).
 * money says whether the metric is money (shown with the model's currency). */
void           up_unc_chart_set_tornado   (UpUncChart           *chart,
                                           const UpTornado      *tornado,
                                           const char *const    *labels,
                                           const char *const    *low_texts,
                                           const char *const    *high_texts,
                                           const char           *metric_label,
                                           gboolean              money);
/* Copies the bands of series for option from psa (NULL: no data). */
void           up_unc_chart_set_fan       (UpUncChart           *chart,
                                           const UpPsa          *psa,
                                           UpPsaSeries           series,
                                           int                   option);
gboolean       up_unc_chart_has_data      (UpUncChart           *chart);
/* Replaces the chart's title (NULL: its own). */
void           up_unc_chart_set_title     (UpUncChart           *chart,
                                           const char           *title);

/* context NULL: the default cairo font map's. */
void           up_unc_chart_layout        (UpUncChart           *chart,
                                           double                width,
                                           double                height,
                                           PangoContext         *context);
void           up_unc_chart_draw          (UpUncChart           *chart,
                                           cairo_t              *cr);

/* Words for screen readers and alt text. */
char          *up_unc_chart_describe      (UpUncChart           *chart);

/* ---- Geometry (valid after layout) ------------------------------------------------ */

/* The plot area. */
gboolean       up_unc_chart_get_plot_rect (UpUncChart           *chart,
                                           UpChartRect          *out);
/* Tornado: bar i (in the tornado's order), at its low (high FALSE) or high input. */
gboolean       up_unc_chart_get_bar_rect  (UpUncChart           *chart,
                                           guint                 i,
                                           gboolean              high,
                                           UpChartRect          *out);
/* Tornado: x of a metric value. Fan: y of a value. */
double         up_unc_chart_position_for_value (UpUncChart      *chart,
                                           double                value);
/* Fan: x of a calendar year. */
double         up_unc_chart_x_for_year    (UpUncChart           *chart,
                                           int                   year);
/* Fan: the y of band b (0…UP_PSA_N_BANDS − 1) in a calendar year; NaN outside. */
double         up_unc_chart_band_y        (UpUncChart           *chart,
                                           int                   year,
                                           int                   band);

/* ---- Export ----------------------------------------------------------------------- */

/* "png", "svg" or "pdf", width × height logical px; the chart's own layout is restored. */
GBytes        *up_unc_chart_render        (UpUncChart           *chart,
                                           const char           *format,
                                           int                   width,
                                           int                   height,
                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpUncChart, up_unc_chart_free)

G_END_DECLS
