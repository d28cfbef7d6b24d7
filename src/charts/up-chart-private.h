/* up-chart-private.h: what the chart's source files share
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart keeps three layers of state, each rebuilt only when its input changes:
 *   data    (set_data, visibility): the numbers, in value space, with stacked bands
 *           already summed;
 *   layout  (size, theme, data): text laid out and measured, ticks, panels, and for
 *           each panel an affine map from (year, value) to pixels;
 *   cursor  (hover, keys): one hit and its read-out text.
 * Drawing reads the first two and computes nothing but the affine maps.
 */

#pragma once

#include <pango/pangocairo.h>

#include "up-chart.h"

G_BEGIN_DECLS

/* How a text or a shape is coloured; resolved against the theme when drawn. */
typedef enum
{
  INK_FOREGROUND = 0,
  INK_MUTED,         /* ticks, footnote, subtitle */
  INK_SERIES,        /* the colour of a series */
  INK_PAYS,
  INK_SAVES,
} Ink;

typedef enum
{
  FONT_BODY = 0,
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_SMALL,        /* ticks, legend */
  FONT_FOOTNOTE,
  FONT_STRONG,       /* bold body: panel titles, marks */
  FONT_SMALL_STRONG, /* bold small: the pooled budget's row */
  N_FONTS
} FontRole;

typedef enum
{
  MARK_NONE = -1,
  MARK_CIRCLE = 0,
  MARK_SQUARE,
  MARK_TRIANGLE,
  MARK_DIAMOND,
  MARK_TRIANGLE_DOWN,
  MARK_CROSS,
  N_MARKS
} MarkShape;

typedef struct
{
  PangoLayout *layout;
  double       x;        /* layout origin */
  double       y;
  UpChartRect  box;      /* what it covers on the chart */
  Ink          ink;
  int          series;   /* INK_SERIES: whose colour; dimmed when that series is hidden */
  gboolean     shown;
  gboolean     halo;     /* drawn over the background colour, to read over lines */
} ChartText;

typedef struct
{
  char        *name;
  gboolean     visible;
  int          option;   /* model indices, -1 when not that kind of series */
  int          holder;
  int          state;
  int          slot;     /* palette slot: colour, dash and mark */
  gboolean     bau;      /* business as usual: grey, dashed, no mark */
  gboolean     line;     /* drawn as a line on a stacked chart */
  UpChartColor color;    /* resolved from the theme */
} ChartSeries;

/* A mark drawn once, for stamping on raster targets. */
typedef struct
{
  MarkShape        shape;
  double           r;
  double           ring_width;
  double           scale;
  UpChartColor     fill;
  UpChartColor     ring;
  cairo_surface_t *surface;
} ChartSprite;

typedef struct
{
  UpChartRect plot;
  int         option;    /* model option shown, or -1 */
  int         series;    /* holders: the series (option) of this panel */
  double      xa, xb;    /* x = xa + xb · year */
  double      va, vb;    /* position = va + vb · value (y, or x for holders) */
  int         title;     /* text index or -1 */
  gboolean    y_labels;  /* this panel's column carries the value labels */
  gboolean    x_labels;
} ChartPanel;

typedef struct
{
  UpChartRect rect;      /* swatch and text, for hit testing */
  UpChartRect swatch;
  int         series;    /* -1: a key entry */
  int         key;       /* holders key: UpChartBar; -1 otherwise */
  int         text;
} ChartLegendItem;

typedef struct
{
  UpChartRect rect;
  int         panel;
  int         row;       /* index into row_holder */
  UpChartBar  bar;
} ChartBar;

struct _UpChart
{
  UpChartKind   kind;

  /* ---- data ---- */
  gboolean      has_data;
  int           n_options;
  int           n_cycles;
  int           n_states;
  int           n_holders;
  int           bau;
  int           start_year;
  int           price_base_year;
  int           present_year;
  char         *currency;
  char         *title;
  char         *source;
  char         *discount_basis;
  gboolean      discounted;
  int           option;          /* from the options, -1 all */
  char        **option_names;
  char        **holder_names;
  char        **state_names;
  gboolean     *holder_public;
  gboolean     *holder_pooled;
  gboolean     *state_crisis;
  int          *break_even_year; /* per option, 0 never */
  GArray       *series;          /* ChartSeries */
  gboolean      stacked;         /* stacked crisis or cohort */
  int           n_x;             /* points per series */
  int           x0_year;         /* year of point 0 */
  double        extra_lo;        /* up_chart_include_values(), NaN none */
  double        extra_hi;
  int           n_data_panels;   /* crisis, net: 1; cohort: options shown */
  int          *data_panel_option;
  double       *values;          /* [panel][series][i] */
  double       *lower;           /* stacked: [panel][series][i], visible series only */
  double       *upper;
  /* holders */
  double       *extra;           /* [option][holder] */
  double       *savings;
  double       *pooled;          /* [option][3]: extra, savings, net */
  int           n_rows;
  int          *row_holder;      /* holder of each row, -1 the pooled budget */

  /* ---- theme ---- */
  UpChartTheme  theme;
  char         *font_family;
  double        font_px;

  /* ---- layout ---- */
  gboolean      stale;
  gboolean      sized;
  double        width;
  double        height;
  PangoContext *context;
  gboolean      own_context;     /* made by the chart (up_chart_layout with NULL) */
  PangoFontDescription *fonts[N_FONTS];
  double        line_heights[N_FONTS];
  PangoLayout  *scratch;         /* for measuring */
  GArray       *texts;           /* ChartText */
  GArray       *text_rects;      /* UpChartRect of the shown texts */
  GArray       *legend;          /* ChartLegendItem */
  GArray       *panels;          /* ChartPanel */
  GArray       *vticks;          /* double */
  GArray       *xticks;          /* int years with a label */
  GArray       *bars;            /* ChartBar */
  double        vmin, vmax;      /* value domain */
  double        ymin, ymax;      /* year domain */
  double        line_width;
  double        mark_radius;
  int           mark_step;       /* marks on every mark_step-th point; 0 none */
  double       *mark_x;          /* break-even marks, per series; NaN none */
  double       *mark_y;
  int           legend_rows;
  double        row_height;      /* holders */
  double        bar_thickness;
  int           note;            /* text index of a "not shown" note, or -1 */

  GArray       *sprites;         /* ChartSprite */

  /* ---- cursor ---- */
  gboolean      has_cursor;
  UpChartHit    cursor;
  PangoLayout  *cursor_layout;
};

/* up-chart.c */
void          _up_chart_ensure_layout   (UpChart           *self);
gboolean      _up_chart_value_is_money  (UpChart           *self);
ChartSeries  *_up_chart_series          (UpChart           *self,
                                         int                series);
double        _up_chart_value           (UpChart           *self,
                                         int                panel,
                                         int                series,
                                         int                i);
void          _up_chart_restack         (UpChart           *self);

/* up-chart-style.c */
void          _up_chart_resolve_colors  (UpChart           *self);
void          _up_chart_ink             (UpChart           *self,
                                         Ink                ink,
                                         int                series,
                                         UpChartColor      *out);
void          _up_chart_set_color       (cairo_t           *cr,
                                         const UpChartColor *color,
                                         double             alpha);
void          _up_chart_set_dash        (UpChart           *self,
                                         cairo_t           *cr,
                                         const ChartSeries *series,
                                         double             width);
int           _up_chart_get_dash        (const ChartSeries *series,
                                         double             width,
                                         double             dashes[4]);
MarkShape     _up_chart_series_mark     (const ChartSeries *series);
void          _up_chart_mark_path       (cairo_t           *cr,
                                         MarkShape          shape,
                                         double             x,
                                         double             y,
                                         double             r);
void          _up_chart_stamp           (UpChart           *self,
                                         cairo_t           *cr,
                                         MarkShape          shape,
                                         double             x,
                                         double             y,
                                         double             r,
                                         const UpChartColor *fill,
                                         const UpChartColor *ring,
                                         double             ring_width);
void          _up_chart_draw_mark       (UpChart           *self,
                                         cairo_t           *cr,
                                         const ChartSeries *series,
                                         double             x,
                                         double             y,
                                         double             r);
void          _up_chart_pays_color      (UpChart           *self,
                                         UpChartColor      *out);
void          _up_chart_saves_color     (UpChart           *self,
                                         UpChartColor      *out);
double        _up_chart_snap_x          (cairo_t           *cr,
                                         double             x,
                                         double            *width);
double        _up_chart_snap_y          (cairo_t           *cr,
                                         double             y,
                                         double            *width);
gboolean      _up_chart_is_raster       (cairo_t           *cr);
void          _up_chart_stroke_polyline (cairo_t           *cr,
                                         const double      *x,
                                         const double      *y,
                                         int                n,
                                         const double      *dashes,
                                         int                n_dashes);
void          _up_chart_clear_sprites   (UpChart           *self);
void          _up_chart_hline           (cairo_t           *cr,
                                         double             x0,
                                         double             x1,
                                         double             y,
                                         double             width);
void          _up_chart_vline           (cairo_t           *cr,
                                         double             x,
                                         double             y0,
                                         double             y1,
                                         double             width);

/* up-chart-text.c */
void          _up_chart_fonts_update    (UpChart           *self);
int           _up_chart_text_new        (UpChart           *self,
                                         const char        *text,
                                         FontRole           font,
                                         double             max_width,
                                         int                max_lines,
                                         Ink                ink,
                                         int                series);
ChartText    *_up_chart_text            (UpChart           *self,
                                         int                index);
void          _up_chart_text_size       (UpChart           *self,
                                         int                index,
                                         double            *width,
                                         double            *height);
void          _up_chart_text_place      (UpChart           *self,
                                         int                index,
                                         double             x,
                                         double             y);
void          _up_chart_text_hide       (UpChart           *self,
                                         int                index);
gboolean      _up_chart_text_collides   (UpChart           *self,
                                         const UpChartRect *rect,
                                         int                ignore);
double        _up_chart_line_height     (UpChart           *self,
                                         FontRole           font);
double        _up_chart_measure         (UpChart           *self,
                                         const char        *text,
                                         FontRole           font);
void          _up_chart_texts_finish    (UpChart           *self);
void          _up_chart_draw_texts      (UpChart           *self,
                                         cairo_t           *cr);
gboolean      _up_chart_rects_overlap   (const UpChartRect *a,
                                         const UpChartRect *b);

/* up-chart-axis.c */
double        _up_chart_nice_step       (double             raw);
void          _up_chart_nice_range      (double             lo,
                                         double             hi,
                                         int                target,
                                         double            *out_lo,
                                         double            *out_hi,
                                         double            *step);
char         *_up_chart_format_tick     (UpChart           *self,
                                         double             value,
                                         double             step,
                                         double             max_abs);
int           _up_chart_year_step       (double             px_per_year,
                                         double             label_width);

/* up-chart-frame.c */
void          _up_chart_layout_frame    (UpChart           *self,
                                         double             min_content,
                                         UpChartRect       *content);
void          _up_chart_draw_legend     (UpChart           *self,
                                         cairo_t           *cr);

/* up-chart-xy.c: crisis, net and cohort */
void          _up_chart_xy_layout       (UpChart           *self);
void          _up_chart_xy_draw         (UpChart           *self,
                                         cairo_t           *cr);
gboolean      _up_chart_xy_hit          (UpChart           *self,
                                         double             x,
                                         double             y,
                                         UpChartHit        *out);
gboolean      _up_chart_xy_make_hit     (UpChart           *self,
                                         int                panel,
                                         int                series,
                                         int                i,
                                         UpChartHit        *out);

/* up-chart-holders.c */
void          _up_chart_holders_layout  (UpChart           *self);
void          _up_chart_holders_draw    (UpChart           *self,
                                         cairo_t           *cr);
gboolean      _up_chart_holders_hit     (UpChart           *self,
                                         double             x,
                                         double             y,
                                         UpChartHit        *out);
gboolean      _up_chart_holders_make_hit (UpChart          *self,
                                         int                panel,
                                         int                row,
                                         UpChartBar         bar,
                                         UpChartHit        *out);
void          _up_chart_holders_row_values (UpChart        *self,
                                         int                option,
                                         int                row,
                                         double            *extra,
                                         double            *savings,
                                         double            *net);

/* up-chart-words.c */
char         *_up_chart_money           (UpChart           *self,
                                         double             value);
char         *_up_chart_money_full      (UpChart           *self,
                                         double             value);
char         *_up_chart_default_title   (UpChart           *self);
char         *_up_chart_subtitle        (UpChart           *self);
char         *_up_chart_footnote        (UpChart           *self);
char         *_up_chart_showing_note    (int                shown,
                                         int                total);

G_END_DECLS
