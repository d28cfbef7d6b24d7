/* up-chart-text.c: the chart's texts, laid out once and drawn every frame
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every text is a PangoLayout measured at layout time and kept with the box it covers.
 * Placement code checks boxes before it commits a text; a last pass hides any text that
 * would still overlap one placed before it (texts are added in order of importance), so
 * no two texts ever overlap, whatever the size and the data.
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <math.h>

#include "up-chart-private.h"

#define DEFAULT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

static const struct
{
  double scale;
  gboolean bold;
} font_roles[N_FONTS] = {
  [FONT_BODY] = { 1.0, FALSE },
  [FONT_TITLE] = { 1.3, TRUE },
  [FONT_SUBTITLE] = { 0.95, FALSE },
  [FONT_SMALL] = { 0.88, FALSE },
  [FONT_FOOTNOTE] = { 0.8, FALSE },
  [FONT_STRONG] = { 1.0, TRUE },
  [FONT_SMALL_STRONG] = { 0.88, TRUE },
};

void
_up_chart_fonts_update (UpChart *self)
{
  const char *family = self->font_family != NULL ? self->font_family : DEFAULT_FAMILY;

  for (int i = 0; i < N_FONTS; i++)
    {
      double px = MAX (7.0, self->font_px * font_roles[i].scale);

      g_clear_pointer (&self->fonts[i], pango_font_description_free);
      self->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family (self->fonts[i], family);
      pango_font_description_set_weight (self->fonts[i],
                                         font_roles[i].bold ? PANGO_WEIGHT_BOLD
                                                            : PANGO_WEIGHT_NORMAL);
      pango_font_description_set_absolute_size (self->fonts[i], px * PANGO_SCALE);
      self->line_heights[i] = 0;
    }
  if (self->scratch == NULL && self->context != NULL)
    self->scratch = pango_layout_new (self->context);
}

static void
logical_extents (PangoLayout    *layout,
                 PangoRectangle *logical)
{
  pango_layout_get_pixel_extents (layout, NULL, logical);
}

double
_up_chart_line_height (UpChart  *self,
                       FontRole  font)
{
  PangoRectangle logical;

  if (self->line_heights[font] > 0)
    return self->line_heights[font];
  pango_layout_set_font_description (self->scratch, self->fonts[font]);
  pango_layout_set_width (self->scratch, -1);
  pango_layout_set_text (self->scratch, "Ag£2", -1);
  logical_extents (self->scratch, &logical);
  self->line_heights[font] = logical.height;
  return logical.height;
}

double
_up_chart_measure (UpChart    *self,
                   const char *text,
                   FontRole    font)
{
  PangoRectangle logical;

  pango_layout_set_font_description (self->scratch, self->fonts[font]);
  pango_layout_set_width (self->scratch, -1);
  pango_layout_set_text (self->scratch, text, -1);
  logical_extents (self->scratch, &logical);
  return logical.width;
}

int
_up_chart_text_new (UpChart    *self,
                    const char *text,
                    FontRole    font,
                    double      max_width,
                    int         max_lines,
                    Ink         ink,
                    int         series)
{
  ChartText t = { 0 };
  PangoRectangle logical;

  t.layout = pango_layout_new (self->context);
  pango_layout_set_font_description (t.layout, self->fonts[font]);
  pango_layout_set_text (t.layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (t.layout, (int) floor (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (t.layout, PANGO_ELLIPSIZE_END);
      if (max_lines > 1)
        {
          pango_layout_set_wrap (t.layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (t.layout, -max_lines);
        }
    }
  logical_extents (t.layout, &logical);
  t.box.width = logical.width;
  t.box.height = logical.height;
  /* A width set for ellipsising makes Pango report the full width when it wraps:
   * keep the ink that is really there. */
  if (max_width > 0 && pango_layout_get_line_count (t.layout) > 1)
    t.box.width = MIN (t.box.width, max_width);
  t.ink = ink;
  t.series = series;
  t.shown = FALSE;
  g_array_append_val (self->texts, t);
  return self->texts->len - 1;
}

ChartText *
_up_chart_text (UpChart *self,
                int      index)
{
  g_assert (index >= 0 && index < (int) self->texts->len);
  return &g_array_index (self->texts, ChartText, index);
}

void
_up_chart_text_size (UpChart *self,
                     int      index,
                     double  *width,
                     double  *height)
{
  ChartText *t = _up_chart_text (self, index);

  if (width != NULL)
    *width = t->box.width;
  if (height != NULL)
    *height = t->box.height;
}

/* Puts the top left of the text's logical box at (x, y), on whole pixels so that
 * hinted glyphs stay sharp. */
void
_up_chart_text_place (UpChart *self,
                      int      index,
                      double   x,
                      double   y)
{
  ChartText *t = _up_chart_text (self, index);
  PangoRectangle logical;

  logical_extents (t->layout, &logical);
  x = round (x);
  y = round (y);
  t->x = x - logical.x;
  t->y = y - logical.y;
  t->box.x = x;
  t->box.y = y;
  t->shown = TRUE;
}

void
_up_chart_text_hide (UpChart *self,
                     int      index)
{
  if (index >= 0)
    _up_chart_text (self, index)->shown = FALSE;
}

gboolean
_up_chart_rects_overlap (const UpChartRect *a,
                         const UpChartRect *b)
{
  /* Touching edges is not overlapping; a hair of tolerance absorbs rounding. */
  const double eps = 0.01;

  return a->x + eps < b->x + b->width && b->x + eps < a->x + a->width
         && a->y + eps < b->y + b->height && b->y + eps < a->y + a->height;
}

gboolean
_up_chart_text_collides (UpChart           *self,
                         const UpChartRect *rect,
                         int                ignore)
{
  for (guint i = 0; i < self->texts->len; i++)
    {
      ChartText *t = &g_array_index (self->texts, ChartText, i);

      if ((int) i == ignore || !t->shown)
        continue;
      if (_up_chart_rects_overlap (rect, &t->box))
        return TRUE;
    }
  return FALSE;
}

/* The last word on overlaps: a text that would cover one placed before it, or leave the
 * chart, is not drawn. Placement avoids this; the pass keeps the promise whatever the
 * data. */
void
_up_chart_texts_finish (UpChart *self)
{
  g_array_set_size (self->text_rects, 0);
  for (guint i = 0; i < self->texts->len; i++)
    {
      ChartText *t = &g_array_index (self->texts, ChartText, i);
      gboolean ok = t->shown;

      if (ok && (t->box.x < -0.5 || t->box.y < -0.5
                 || t->box.x + t->box.width > self->width + 0.5
                 || t->box.y + t->box.height > self->height + 0.5))
        ok = FALSE;
      for (guint j = 0; ok && j < self->text_rects->len; j++)
        if (_up_chart_rects_overlap (&t->box, &g_array_index (self->text_rects, UpChartRect, j)))
          ok = FALSE;
      if (!ok)
        {
          if (t->shown)
            g_debug ("text “%s” dropped: no room", pango_layout_get_text (t->layout));
          t->shown = FALSE;
          continue;
        }
      g_array_append_val (self->text_rects, t->box);
    }
}

void
_up_chart_draw_texts (UpChart *self,
                      cairo_t *cr)
{
  for (guint i = 0; i < self->texts->len; i++)
    {
      ChartText *t = &g_array_index (self->texts, ChartText, i);
      UpChartColor color;

      if (!t->shown)
        continue;
      _up_chart_ink (self, t->ink, t->series, &color);
      /* A hidden series keeps its legend entry, dimmed. */
      if (t->series >= 0 && !_up_chart_series (self, t->series)->visible)
        color.alpha *= 0.4;
      if (t->halo && self->theme.background.alpha > 0)
        {
          double m = MAX (1.0, round (self->font_px * 0.15));

          _up_chart_set_color (cr, &self->theme.background, 0.88);
          cairo_rectangle (cr, t->box.x - m, t->box.y, t->box.width + 2 * m, t->box.height);
          cairo_fill (cr);
        }
      _up_chart_set_color (cr, &color, 1);
      cairo_move_to (cr, t->x, t->y);
      pango_cairo_show_layout (cr, t->layout);
    }
}
