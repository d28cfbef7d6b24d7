/* up-chart.h: the charts of a projection, drawn with cairo and Pango
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An UpChart draws one picture of a projection into any cairo_t: a widget's snapshot,
 * a PNG, an SVG, a PDF page. It never uses GTK, so the application, upstream-cli and the
 * report draw the same pictures.
 *
 * The life of a chart in a widget:
 *
 *   up_chart_set_data ()    when the results change (the chart copies what it needs,
 *                           so the caller may free or rerun the results at once);
 *   up_chart_set_theme ()   when the style changes (colours, dark, high contrast);
 *   up_chart_layout ()      when the size changes: measures every text with Pango,
 *                           chooses ticks, places labels so that none overlaps;
 *   up_chart_draw ()        every frame: only strokes and fills from cached geometry;
 *   up_chart_draw_cursor () the hover or keyboard read-out, on top, so the widget can
 *                           cache the chart and redraw only this layer.
 *
 * A change of data, theme or visibility marks the layout stale; the next draw or query
 * lays out again at the last size. All coordinates are logical pixels with (0, 0) at
 * the top left; the device scale (HiDPI) is the cairo_t's business, and hairlines are
 * snapped to device pixels when drawn. On image surfaces marks are drawn once and
 * stamped, and data use cairo's fast antialiasing; other targets (SVG, PDF, recording
 * surfaces) get plain paths. A widget sets UpChartTheme.transparent and lets its CSS
 * paint the background.
 *
 * Kinds (docs/cli.md, "chart"):
 *   UP_CHART_CRISIS   crisis cost per year by option, business as usual dashed; with
 *                     UpChartOptions.option set, that option's crisis cost stacked by
 *                     budget holder with business as usual's total as a dashed line.
 *   UP_CHART_NET      cumulative discounted net position against business as usual
 *                     (UpResults.cum_net), with each option's break-even year marked.
 *   UP_CHART_HOLDERS  who pays, who saves: per option (one panel each) and budget holder,
 *                     the extra delivery cost borne (left) against the savings received
 *                     (right), the net marked, and the pooled budget's row.
 *   UP_CHART_COHORT   people by state over time, stacked areas, one panel per option.
 *
 * Series are what the legend lists and what can be hidden: options (crisis, net,
 * holders), budget holders (stacked crisis) or states (cohort).
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "up-model.h"

G_BEGIN_DECLS

typedef enum
{
  UP_CHART_CRISIS = 0,
  UP_CHART_NET,
  UP_CHART_HOLDERS,
  UP_CHART_COHORT,
} UpChartKind;

#define UP_CHART_N_KINDS 4

typedef struct _UpChart UpChart;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} UpChartRect;

/* Components 0..1, not premultiplied (a GdkRGBA converts member by member). */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} UpChartColor;

/* Colours and type from the caller. A widget fills it from its style (foreground from
 * CSS `color`, background from `view_bg_color`, accent from `accent_bg_color`, grid a
 * faint foreground) and AdwStyleManager's dark and high-contrast flags. Series colours
 * come from the chart's own colour-blind-safe palette, in a light or dark variant. */
typedef struct
{
  UpChartColor foreground;
  UpChartColor background;   /* rings marks and backs labels; painted unless transparent */
  UpChartColor grid;
  UpChartColor accent;       /* the keyboard cursor and the read-out's frame */
  gboolean     dark;
  gboolean     high_contrast;
  gboolean     transparent;  /* the caller paints the background (a widget's CSS does):
                              * the chart draws only what is on it */
  const char  *font_family;  /* NULL: "Cantarell, DejaVu Sans, sans-serif" */
  double       font_size;    /* body text in logical px; 0: follow the chart's size */
} UpChartTheme;

typedef struct
{
  gboolean    discounted;     /* crisis only: discount each year's money (net and holders
                               * are always discounted, cohort counts people) */
  int         option;         /* model option index, or -1 for all. Crisis: stack this
                               * option by budget holder. Holders, cohort: only this
                               * option's panel. Net: only this option's line. */
  const char *title;          /* NULL: the chart's own title */
  const char *source;         /* NULL, or what the footnote names as the source, such as
                               * the plan's title and scenario */
  const char *discount_basis; /* NULL: described from the model's discount factors, as
                               * "discounted to 2026 at 3.5% a year" */
} UpChartOptions;

typedef enum
{
  UP_CHART_HIT_NONE = 0,
  UP_CHART_HIT_POINT,    /* a year of a line (crisis, net) */
  UP_CHART_HIT_BAND,     /* a year of a stacked area (stacked crisis, cohort) */
  UP_CHART_HIT_BAR,      /* a budget holder's row in one option's panel (holders) */
  UP_CHART_HIT_MARK,     /* a break-even mark (net) */
  UP_CHART_HIT_LEGEND,   /* a legend entry: series says which, -1 for a key entry */
} UpChartHitKind;

typedef enum
{
  UP_CHART_BAR_PAYS = 0,  /* extra delivery cost borne, drawn as −extra */
  UP_CHART_BAR_SAVES,     /* savings received */
  UP_CHART_BAR_NET,       /* savings − extra delivery: a mark, its rect is the mark's box */
} UpChartBar;

/* What is under a point, or where the keyboard cursor is. Fields that do not apply are
 * -1 (indices), 0 (cycle, year) or NaN (value). */
typedef struct
{
  UpChartHitKind kind;
  int            series;  /* index for up_chart_get_series_*() */
  int            panel;
  int            option;  /* model option index */
  int            holder;  /* model holder index; -1 with kind BAR means the pooled budget */
  int            state;   /* model state index */
  UpChartBar     bar;     /* kind BAR: which part is under the point */
  int            cycle;   /* counted cycle k (1-based); cohort: trace row j (0-based) */
  int            year;    /* calendar year */
  double         value;   /* the number read out (money or people) */
  double         x;       /* where the read-out points, logical px */
  double         y;
} UpChartHit;

typedef enum
{
  UP_CHART_MOVE_LEFT = 0,   /* previous year; holders: previous option's panel */
  UP_CHART_MOVE_RIGHT,
  UP_CHART_MOVE_UP,         /* the series above (higher value, or the band/row above) */
  UP_CHART_MOVE_DOWN,
  UP_CHART_MOVE_HOME,       /* first year (holders: first panel) */
  UP_CHART_MOVE_END,
  UP_CHART_MOVE_PAGE_UP,    /* previous panel (cohort) */
  UP_CHART_MOVE_PAGE_DOWN,
} UpChartMove;

const char  *up_chart_kind_to_string      (UpChartKind            kind);
gboolean     up_chart_kind_from_string    (const char            *str,
                                           UpChartKind           *out);

/* Light or dark defaults: GNOME's view colours and a faint grid. */
void         up_chart_theme_init          (UpChartTheme          *theme,
                                           gboolean               dark,
                                           gboolean               high_contrast);
void         up_chart_options_init        (UpChartOptions        *options);

UpChart     *up_chart_new                 (UpChartKind            kind);
void         up_chart_free                (UpChart               *chart);
UpChartKind  up_chart_get_kind            (UpChart               *chart);

/* Copies what the chart needs from model and results (options may be NULL). Series
 * visibility is kept when the series are the same as before (same names in the same
 * order), so editing a plan does not bring back what the user hid. */
void         up_chart_set_data            (UpChart               *chart,
                                           const UpModel         *model,
                                           const UpResults       *results,
                                           const UpChartOptions  *options);
gboolean     up_chart_has_data            (UpChart               *chart);
void         up_chart_set_theme           (UpChart               *chart,
                                           const UpChartTheme    *theme);

/* Lays the chart out for width × height logical pixels, measuring text with context
 * (a widget's Pango context; NULL: one of the default cairo font map, with
 * metrics hinting off, as the exports use). The chart keeps a reference. */
void         up_chart_layout              (UpChart               *chart,
                                           double                 width,
                                           double                 height,
                                           PangoContext          *context);
void         up_chart_draw                (UpChart               *chart,
                                           cairo_t               *cr);
/* The read-out of the cursor (hover or keyboard), if any: a guide, the point ringed,
 * and a label with the year, the series and the value. */
void         up_chart_draw_cursor         (UpChart               *chart,
                                           cairo_t               *cr);

/* Widens the value axis (crisis, net) to include lo..hi as well as the data, for a caller
 * that draws something of its own behind the chart, such as another plan's lines. NaN
 * for both clears it. */
void         up_chart_include_values      (UpChart               *chart,
                                           double                 lo,
                                           double                 hi);

/* ---- Series ----------------------------------------------------------------------- */

int          up_chart_get_n_series        (UpChart               *chart);
const char  *up_chart_get_series_name     (UpChart               *chart,
                                           int                    series);
void         up_chart_get_series_color    (UpChart               *chart,
                                           int                    series,
                                           UpChartColor          *color);
gboolean     up_chart_get_series_visible  (UpChart               *chart,
                                           int                    series);
/* Hidden series leave the drawing, the scales, the table and the description, but stay
 * in the legend (dimmed, so they can be shown again). */
void         up_chart_set_series_visible  (UpChart               *chart,
                                           int                    series,
                                           gboolean               visible);

/* ---- Hover and keyboard ----------------------------------------------------------- */

/* What is at (x, y): the nearest year of the nearest line, the band, bar or legend
 * entry under the point. Returns FALSE (out->kind NONE) when nothing is near. */
gboolean     up_chart_hit                 (UpChart               *chart,
                                           double                 x,
                                           double                 y,
                                           UpChartHit            *out);
/* The read-out as one line of text: "2031 · Peer network · £1.2m". Translated. */
char        *up_chart_hit_describe        (UpChart               *chart,
                                           const UpChartHit      *hit);
/* Puts the cursor on a hit (POINT, BAND, BAR or MARK), or clears it with NULL. */
void         up_chart_set_cursor          (UpChart               *chart,
                                           const UpChartHit      *hit);
gboolean     up_chart_get_cursor          (UpChart               *chart,
                                           UpChartHit            *out);
/* Moves the cursor (starting at the last year of the first visible series when there
 * is none). Returns TRUE when it moved. */
gboolean     up_chart_move_cursor         (UpChart               *chart,
                                           UpChartMove            move);

/* ---- Words and numbers ------------------------------------------------------------ */

char        *up_chart_get_title           (UpChart               *chart);
/* What the chart shows in a few sentences, for screen readers and alt text: "Peer
 * network breaks even in 2031; Contracted provider breaks even in 2034; …". */
char        *up_chart_describe            (UpChart               *chart);
/* The same numbers as a table: a GPtrArray of GStrv rows, the first the header; money
 * in full ("£1,234,567"), people to one decimal. Free with g_ptr_array_unref(). */
GPtrArray   *up_chart_table               (UpChart               *chart);

/* ---- Geometry (for widgets and tests; valid after layout) ------------------------ */

int          up_chart_get_n_panels        (UpChart               *chart);
/* The plot area of a panel, and the model option it shows (-1: all). */
gboolean     up_chart_get_panel_rect      (UpChart               *chart,
                                           int                    panel,
                                           UpChartRect           *out);
int          up_chart_get_panel_option    (UpChart               *chart,
                                           int                    panel);
/* x of a calendar year in a panel (crisis, net, cohort); NaN for holders. */
double       up_chart_x_for_year          (UpChart               *chart,
                                           int                    panel,
                                           double                 year);
/* Where a value falls on the value axis: y for crisis, net and cohort, x for holders. */
double       up_chart_position_for_value  (UpChart               *chart,
                                           int                    panel,
                                           double                 value);
/* The value axis ticks chosen by the layout. */
const double *up_chart_get_value_ticks    (UpChart               *chart,
                                           guint                 *n_ticks);
/* Centre of an option's break-even mark (net). FALSE when it never breaks even, is
 * hidden, or is not drawn. */
gboolean     up_chart_get_break_even_mark (UpChart               *chart,
                                           int                    option,
                                           double                *x,
                                           double                *y);
/* A bar of the holders chart: holder -1 is the pooled budget. FALSE when not drawn. */
gboolean     up_chart_get_bar_rect        (UpChart               *chart,
                                           int                    option,
                                           int                    holder,
                                           UpChartBar             bar,
                                           UpChartRect           *out);
/* The boxes of every text drawn, for checking that none overlaps another. */
const UpChartRect *up_chart_get_text_rects (UpChart              *chart,
                                           guint                 *n_rects);

/* ---- Export ----------------------------------------------------------------------- */

/* Draws the chart (its theme, its data) at width × height logical pixels into a file's
 * bytes: format "png" (pixels = size × scale), "svg" or "pdf" (scale is ignored; the page
 * is the size at 96 px to the inch). SVG gets a <title> and a <desc> with
 * up_chart_describe(); PDF gets the title and the description as metadata. The chart's
 * own layout (size, Pango context) is restored afterwards. */
GBytes      *up_chart_render              (UpChart               *chart,
                                           const char            *format,
                                           int                    width,
                                           int                    height,
                                           double                 scale,
                                           GError               **error);
/* up_chart_render() into a file, replaced in one step. */
gboolean     up_chart_export_to_file      (UpChart               *chart,
                                           const char            *format,
                                           int                    width,
                                           int                    height,
                                           double                 scale,
                                           const char            *path,
                                           GError               **error);
/* Convenience: a light-themed chart of kind, exported at scale 1. */
gboolean     up_chart_export              (UpChartKind            kind,
                                           const UpModel         *model,
                                           const UpResults       *results,
                                           const UpChartOptions  *options,
                                           const char            *format,
                                           int                    width,
                                           int                    height,
                                           const char            *path,
                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpChart, up_chart_free)

G_END_DECLS
