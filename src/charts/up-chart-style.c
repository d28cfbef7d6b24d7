/* up-chart-style.c: palette, dashes, marks and crisp lines
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Options are told apart three ways: colour (the Okabe–Ito palette, which stays distinct
 * under the common colour-vision deficiencies), dash pattern and mark shape. Business as
 * usual is always a grey dashed line without marks: the reference, not a contender.
 * States of the cohort chart take their colour from their place in the plan's order:
 * cool blues for the states before crisis, warm oranges for crisis states and muted
 * purples and greys for the states after them, so the picture reads as "more warm
 * colour, more crisis" without relying on a red–green contrast.
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <math.h>

#include "up-chart-private.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0, 1.0 }

/* Okabe–Ito, in an order that keeps the first three far apart; yellow is darkened on
 * light backgrounds, where the original is too faint for a line. */
static const UpChartColor option_light[] = {
  RGB (0x0072b2), RGB (0xd55e00), RGB (0x009e73), RGB (0xcc79a7),
  RGB (0xe69f00), RGB (0x56b4e9), RGB (0x9a8a00),
};
static const UpChartColor option_dark[] = {
  RGB (0x5cb3f0), RGB (0xff8a47), RGB (0x2fcf9c), RGB (0xeaa0cc),
  RGB (0xf2b640), RGB (0xa5d8f7), RGB (0xf0e442),
};
static const UpChartColor bau_light = RGB (0x5e5c64);
static const UpChartColor bau_dark = RGB (0xc0bfbc);

/* Budget holders when one option's crisis cost is stacked by holder. */
static const UpChartColor holder_light[] = {
  RGB (0x56b4e9), RGB (0xe69f00), RGB (0x009e73), RGB (0xcc79a7),
  RGB (0x0072b2), RGB (0xd55e00), RGB (0xc8b900),
};
static const UpChartColor holder_dark[] = {
  RGB (0x56b4e9), RGB (0xe69f00), RGB (0x2fbf8f), RGB (0xd88cba),
  RGB (0x3d8fd1), RGB (0xe8733a), RGB (0xe4d84a),
};

/* States: light to dark within each family. */
static const UpChartColor before_crisis[] = {
  RGB (0xb7d7ef), RGB (0x7fb3de), RGB (0x4a8cc7), RGB (0x2266a6), RGB (0x144a80),
};
static const UpChartColor crisis_states[] = {
  RGB (0xf3b34c), RGB (0xe0771f), RGB (0xb54a0c), RGB (0x8a3406),
};
static const UpChartColor after_crisis[] = {
  RGB (0x9d7fb5), RGB (0xb4a9c8), RGB (0xc6c5cc), RGB (0xdad9de),
};

/* In units of the line width; { 0 } is solid. */
typedef struct
{
  int    n;
  double dashes[4];
} Dash;

static const Dash option_dashes[] = {
  { 0, { 0 } },
  { 2, { 5.0, 2.0 } },
  { 4, { 5.0, 1.6, 1.0, 1.6 } },
  { 2, { 1.0, 1.6 } },
  { 2, { 9.0, 2.5 } },
  { 4, { 3.0, 1.6, 3.0, 4.0 } },
};
static const Dash bau_dash = { 2, { 3.0, 2.2 } };

static void
lighten (UpChartColor *c,
         double        amount)
{
  c->red += (1 - c->red) * amount;
  c->green += (1 - c->green) * amount;
  c->blue += (1 - c->blue) * amount;
}

static UpChartColor
state_color (UpChart *self,
             int      state)
{
  int first_crisis = -1, last_crisis = -1, n_before, n_crisis, n_after;
  int rank;

  for (int s = 0; s < self->n_states; s++)
    if (self->state_crisis[s])
      {
        if (first_crisis < 0)
          first_crisis = s;
        last_crisis = s;
      }
  if (first_crisis < 0)
    {
      /* No crisis state: the whole order runs through the blues. */
      rank = state * (int) G_N_ELEMENTS (before_crisis) / MAX (self->n_states, 1);
      return before_crisis[MIN (rank, (int) G_N_ELEMENTS (before_crisis) - 1)];
    }
  n_before = first_crisis;
  n_crisis = 0;
  for (int s = first_crisis; s <= last_crisis; s++)
    n_crisis += self->state_crisis[s] ? 1 : 0;
  n_after = self->n_states - last_crisis - 1;

  if (self->state_crisis[state])
    {
      int i = 0;

      for (int s = first_crisis; s < state; s++)
        i += self->state_crisis[s] ? 1 : 0;
      /* Spread over the family so two crisis states are far apart. */
      rank = n_crisis <= 1 ? 1 : i * ((int) G_N_ELEMENTS (crisis_states) - 1) / (n_crisis - 1);
      return crisis_states[MIN (rank, (int) G_N_ELEMENTS (crisis_states) - 1)];
    }
  if (state < first_crisis)
    {
      int n = G_N_ELEMENTS (before_crisis);

      rank = n_before <= 1 ? 1 : state * (n - 1) / (n_before - 1);
      if (n_before > n)
        rank = state % n;
      return before_crisis[MIN (rank, n - 1)];
    }
  if (state > last_crisis)
    {
      int n = G_N_ELEMENTS (after_crisis);
      int i = state - last_crisis - 1;

      rank = n_after <= 1 ? 2 : (n_after == 2 ? i * 2 : i * (n - 1) / (n_after - 1));
      return after_crisis[MIN (rank, n - 1)];
    }
  /* A non-crisis state between two crisis states. */
  return after_crisis[0];
}

void
_up_chart_resolve_colors (UpChart *self)
{
  gboolean dark = self->theme.dark;

  for (guint i = 0; self->series != NULL && i < self->series->len; i++)
    {
      ChartSeries *s = &g_array_index (self->series, ChartSeries, i);

      if (s->bau)
        s->color = dark ? bau_dark : bau_light;
      else if (s->state >= 0)
        {
          s->color = state_color (self, s->state);
          if (dark)
            lighten (&s->color, 0.08);
        }
      else if (s->holder >= 0)
        s->color = (dark ? holder_dark : holder_light)[s->slot % G_N_ELEMENTS (holder_light)];
      else
        s->color = (dark ? option_dark : option_light)[s->slot % G_N_ELEMENTS (option_light)];
    }
}

void
_up_chart_pays_color (UpChart      *self,
                      UpChartColor *out)
{
  static const UpChartColor light = RGB (0xd55e00), dark = RGB (0xff8a47);

  *out = self->theme.dark ? dark : light;
}

void
_up_chart_saves_color (UpChart      *self,
                       UpChartColor *out)
{
  static const UpChartColor light = RGB (0x0072b2), dark = RGB (0x5cb3f0);

  *out = self->theme.dark ? dark : light;
}

void
_up_chart_ink (UpChart      *self,
               Ink           ink,
               int           series,
               UpChartColor *out)
{
  switch (ink)
    {
    case INK_MUTED:
      *out = self->theme.foreground;
      if (!self->theme.high_contrast)
        out->alpha *= 0.72;
      break;
    case INK_SERIES:
      *out = self->theme.foreground;
      if (series >= 0 && series < (int) self->series->len && !self->theme.high_contrast)
        {
          /* The series colour, pulled towards the text colour until it reads as text. */
          const UpChartColor *c = &g_array_index (self->series, ChartSeries, series).color;

          out->red = c->red * 0.6 + out->red * 0.4;
          out->green = c->green * 0.6 + out->green * 0.4;
          out->blue = c->blue * 0.6 + out->blue * 0.4;
        }
      break;
    case INK_PAYS:
      _up_chart_pays_color (self, out);
      break;
    case INK_SAVES:
      _up_chart_saves_color (self, out);
      break;
    case INK_FOREGROUND:
    default:
      *out = self->theme.foreground;
      break;
    }
}

void
_up_chart_set_color (cairo_t            *cr,
                     const UpChartColor *color,
                     double              alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

int
_up_chart_get_dash (const ChartSeries *series,
                    double             width,
                    double             dashes[4])
{
  const Dash *dash;

  if (series->bau)
    dash = &bau_dash;
  else if (series->holder >= 0 || series->state >= 0)
    dash = &option_dashes[0];
  else
    dash = &option_dashes[series->slot % G_N_ELEMENTS (option_dashes)];
  for (int i = 0; i < dash->n; i++)
    dashes[i] = dash->dashes[i] * width;
  return dash->n;
}

void
_up_chart_set_dash (UpChart           *self,
                    cairo_t           *cr,
                    const ChartSeries *series,
                    double             width)
{
  double dashes[4];
  int n = _up_chart_get_dash (series, width, dashes);

  cairo_set_dash (cr, dashes, n, 0);
}

MarkShape
_up_chart_series_mark (const ChartSeries *series)
{
  if (series->bau || series->state >= 0 || series->holder >= 0)
    return MARK_NONE;
  return (MarkShape) (series->slot % N_MARKS);
}

/* Shapes of about equal area for the same r. */
void
_up_chart_mark_path (cairo_t   *cr,
                     MarkShape  shape,
                     double     x,
                     double     y,
                     double     r)
{
  double s;

  switch (shape)
    {
    case MARK_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case MARK_SQUARE:
      s = r * 0.89;
      cairo_rectangle (cr, x - s, y - s, 2 * s, 2 * s);
      break;
    case MARK_TRIANGLE:
      s = r * 1.3;
      cairo_move_to (cr, x, y - s);
      cairo_line_to (cr, x + s * 0.866, y + s * 0.5);
      cairo_line_to (cr, x - s * 0.866, y + s * 0.5);
      cairo_close_path (cr);
      break;
    case MARK_TRIANGLE_DOWN:
      s = r * 1.3;
      cairo_move_to (cr, x, y + s);
      cairo_line_to (cr, x + s * 0.866, y - s * 0.5);
      cairo_line_to (cr, x - s * 0.866, y - s * 0.5);
      cairo_close_path (cr);
      break;
    case MARK_DIAMOND:
      s = r * 1.25;
      cairo_move_to (cr, x, y - s);
      cairo_line_to (cr, x + s, y);
      cairo_line_to (cr, x, y + s);
      cairo_line_to (cr, x - s, y);
      cairo_close_path (cr);
      break;
    case MARK_CROSS:
      s = r * 0.95;
      cairo_move_to (cr, x - s, y - s);
      cairo_line_to (cr, x + s, y + s);
      cairo_move_to (cr, x + s, y - s);
      cairo_line_to (cr, x - s, y + s);
      break;
    case MARK_NONE:
    case N_MARKS:
    default:
      break;
    }
}

static void
stamp_path (cairo_t            *cr,
            MarkShape           shape,
            double              x,
            double              y,
            double              r,
            const UpChartColor *fill,
            const UpChartColor *ring,
            double              ring_width)
{
  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_new_path (cr);
  _up_chart_mark_path (cr, shape, x, y, r);
  if (shape == MARK_CROSS)
    {
      /* A cross has no inside: its ring is a wider stroke beneath it. */
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      if (ring != NULL && ring->alpha > 0)
        {
          cairo_set_line_width (cr, MAX (r * 0.9, 1.0) + 2 * ring_width);
          _up_chart_set_color (cr, ring, 1);
          cairo_stroke_preserve (cr);
        }
      cairo_set_line_width (cr, MAX (r * 0.9, 1.0));
      _up_chart_set_color (cr, fill, 1);
      cairo_stroke (cr);
    }
  else
    {
      _up_chart_set_color (cr, fill, 1);
      cairo_fill_preserve (cr);
      if (ring != NULL && ring->alpha > 0)
        {
          cairo_set_line_width (cr, ring_width);
          _up_chart_set_color (cr, ring, 1);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
    }
  cairo_restore (cr);
}

static gboolean
same_color (const UpChartColor *a,
            const UpChartColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

/* A filled shape with a ring. On raster targets it is drawn once into a small picture
 * and stamped on whole device pixels: a curved path costs cairo a fixed overhead per
 * fill and per stroke, a stamp a fraction of it. Elsewhere the path itself is drawn. */
void
_up_chart_stamp (UpChart            *self,
                 cairo_t            *cr,
                 MarkShape           shape,
                 double              x,
                 double              y,
                 double              r,
                 const UpChartColor *fill,
                 const UpChartColor *ring,
                 double              ring_width)
{
  static const UpChartColor none = { 0, 0, 0, 0 };
  double sx = 1, sy = 0, scale, half, dx = x, dy = y;
  ChartSprite *sprite = NULL;
  int size;

  if (shape == MARK_NONE)
    return;
  if (ring == NULL)
    ring = &none;
  cairo_user_to_device_distance (cr, &sx, &sy);
  scale = hypot (sx, sy);
  if (!_up_chart_is_raster (cr) || sy != 0 || scale <= 0)
    {
      stamp_path (cr, shape, x, y, r, fill, ring, ring_width);
      return;
    }
  for (guint i = 0; i < self->sprites->len && sprite == NULL; i++)
    {
      ChartSprite *c = &g_array_index (self->sprites, ChartSprite, i);

      if (c->shape == shape && c->r == r && c->ring_width == ring_width && c->scale == scale
          && same_color (&c->fill, fill) && same_color (&c->ring, ring))
        sprite = c;
    }
  size = (int) ceil ((r * 2.7 + ring_width * 2) * scale) + 2;
  if (sprite == NULL)
    {
      ChartSprite made = { shape, r, ring_width, scale, *fill, *ring, NULL };
      cairo_t *sprite_cr;

      if (self->sprites->len >= 64)
        _up_chart_clear_sprites (self);
      made.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
      cairo_surface_set_device_scale (made.surface, scale, scale);
      sprite_cr = cairo_create (made.surface);
      stamp_path (sprite_cr, shape, size / scale / 2, size / scale / 2, r, fill, ring, ring_width);
      cairo_destroy (sprite_cr);
      g_array_append_val (self->sprites, made);
      sprite = &g_array_index (self->sprites, ChartSprite, self->sprites->len - 1);
    }
  half = size / 2.0;
  cairo_user_to_device (cr, &dx, &dy);
  dx = round (dx - half);
  dy = round (dy - half);
  cairo_device_to_user (cr, &dx, &dy);
  cairo_set_source_surface (cr, sprite->surface, dx, dy);
  cairo_paint (cr);
}

/* A series' mark, filled with its colour and ringed with the background so that it
 * stands out from its line and from a neighbour's mark. */
void
_up_chart_draw_mark (UpChart           *self,
                     cairo_t           *cr,
                     const ChartSeries *series,
                     double             x,
                     double             y,
                     double             r)
{
  MarkShape shape = _up_chart_series_mark (series);

  if (shape == MARK_NONE)
    return;
  _up_chart_stamp (self, cr, shape, x, y, r, &series->color,
                   self->theme.background.alpha > 0 ? &self->theme.background : NULL,
                   shape == MARK_CROSS ? 1.0 : MAX (1.0, r * 0.35));
}

gboolean
_up_chart_is_raster (cairo_t *cr)
{
  return cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
}

/* Strokes the line through n points with the current source and width. On raster
 * targets the data are drawn with cairo's fast antialiasing: cairo 1.16 spends its time
 * per pixel of a path's extent, and a chart's lines and bands span most of it; the fast
 * rasteriser is about three times quicker and looks the same at the widths used. */
void
_up_chart_stroke_polyline (cairo_t      *cr,
                           const double *x,
                           const double *y,
                           int           n,
                           const double *dashes,
                           int           n_dashes)
{
  if (n < 2)
    return;
  cairo_save (cr);
  if (_up_chart_is_raster (cr))
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_dash (cr, dashes, n_dashes, 0);
  cairo_new_path (cr);
  for (int i = 0; i < n; i++)
    cairo_line_to (cr, x[i], y[i]);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
_up_chart_clear_sprites (UpChart *self)
{
  for (guint i = 0; self->sprites != NULL && i < self->sprites->len; i++)
    g_clear_pointer (&g_array_index (self->sprites, ChartSprite, i).surface,
                     cairo_surface_destroy);
  if (self->sprites != NULL)
    g_array_set_size (self->sprites, 0);
}

/* Crisp lines: a line of w device pixels lies on pixel centres when w is odd and on
 * pixel edges when it is even. Works at any device scale, and is harmless in vector
 * output. *width is the width to stroke with, in user units. */
static double
snap (cairo_t *cr,
      double   v,
      double  *width,
      gboolean vertical_line)
{
  double x = vertical_line ? v : 0, y = vertical_line ? 0 : v;
  double dx = 1, dy = 1, scale, device_width;

  cairo_user_to_device_distance (cr, &dx, &dy);
  scale = fabs (vertical_line ? dx : dy);
  if (scale <= 0)
    return v;
  device_width = MAX (1.0, round (*width * scale));
  cairo_user_to_device (cr, &x, &y);
  if (vertical_line)
    x = ((int) device_width % 2 == 1) ? floor (x) + 0.5 : round (x);
  else
    y = ((int) device_width % 2 == 1) ? floor (y) + 0.5 : round (y);
  cairo_device_to_user (cr, &x, &y);
  *width = device_width / scale;
  return vertical_line ? x : y;
}

double
_up_chart_snap_x (cairo_t *cr,
                  double   x,
                  double  *width)
{
  return snap (cr, x, width, TRUE);
}

double
_up_chart_snap_y (cairo_t *cr,
                  double   y,
                  double  *width)
{
  return snap (cr, y, width, FALSE);
}

/* Rounds a user-space x or y to the nearest device pixel edge. */
static double
device_round (cairo_t  *cr,
              double    v,
              gboolean  is_x)
{
  double x = is_x ? v : 0, y = is_x ? 0 : v;

  cairo_user_to_device (cr, &x, &y);
  if (is_x)
    x = round (x);
  else
    y = round (y);
  cairo_device_to_user (cr, &x, &y);
  return is_x ? x : y;
}

/* Hairlines as boxes on whole device pixels, added to the current path: the caller
 * fills them all at once, which cairo does with its fast path for boxes. */
void
_up_chart_hline (cairo_t *cr,
                 double   x0,
                 double   x1,
                 double   y,
                 double   width)
{
  double w = width;
  double sy = _up_chart_snap_y (cr, y, &w);

  x0 = device_round (cr, x0, TRUE);
  x1 = device_round (cr, x1, TRUE);
  cairo_rectangle (cr, x0, sy - w / 2, x1 - x0, w);
}

void
_up_chart_vline (cairo_t *cr,
                 double   x,
                 double   y0,
                 double   y1,
                 double   width)
{
  double w = width;
  double sx = _up_chart_snap_x (cr, x, &w);

  y0 = device_round (cr, y0, FALSE);
  y1 = device_round (cr, y1, FALSE);
  cairo_rectangle (cr, sx - w / 2, y0, w, y1 - y0);
}
