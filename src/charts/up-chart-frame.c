/* up-chart-frame.c: title, subtitle, legend and footnote around every chart
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The frame takes what the plot does not need. When the picture is small it gives up,
 * in this order, the footnote's extra lines, the subtitle, legend rows beyond the first
 * (a "+N more" entry says what is missing), the footnote and the legend. The title
 * always stays.
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "up-chart-private.h"

typedef struct
{
  char  *text;
  int    series;
  int    key;
  double swatch_width;
  double text_width;     /* natural, before ellipsising */
} LegendEntry;

static void
legend_entry_clear (gpointer data)
{
  g_free (((LegendEntry *) data)->text);
}

static GArray *
legend_entries (UpChart *self)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  double f = self->font_px;

  g_array_set_clear_func (entries, legend_entry_clear);
  if (self->kind == UP_CHART_HOLDERS)
    {
      const char *keys[] = {
        /* translators: chart legend: the part of a bar that is extra delivery cost */
        N_("Extra delivery cost"),
        /* translators: chart legend: the part of a bar that is savings on services */
        N_("Savings on services"),
        /* translators: chart legend: the mark at savings minus extra delivery cost */
        N_("Net"),
      };

      for (int k = 0; k < 3; k++)
        {
          LegendEntry e = { g_strdup (_(keys[k])), -1, k, f * 0.9, 0 };

          e.text_width = _up_chart_measure (self, e.text, FONT_SMALL);
          g_array_append_val (entries, e);
        }
      return entries;
    }
  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);
      LegendEntry e = { g_strdup (series->name), s, -1, 0, 0 };

      e.swatch_width = (self->stacked && !series->line) ? f * 0.9 : f * 2.4;
      e.text_width = _up_chart_measure (self, e.text, FONT_SMALL);
      g_array_append_val (entries, e);
    }
  return entries;
}

/* Flows the entries into rows of width `width`; with more than max_rows rows the last
 * shown entry is replaced by "+N more". Returns the rows used; fills x and row of each
 * shown entry, and *n_shown. */
static int
flow_legend (UpChart *self,
             GArray  *entries,
             double   width,
             double   max_text,
             int      max_rows,
             double  *xs,
             int     *rows,
             guint   *n_shown,
             double  *more_width)
{
  double f = self->font_px, gap = f * 0.4, spacing = f * 1.2;
  double x = 0;
  int row = 0;
  guint i;

  *more_width = 0;
  for (i = 0; i < entries->len; i++)
    {
      LegendEntry *e = &g_array_index (entries, LegendEntry, i);
      double w = e->swatch_width + gap + MIN (e->text_width, max_text);

      if (x > 0 && x + w > width)
        {
          row++;
          x = 0;
        }
      if (row >= max_rows)
        break;
      xs[i] = x;
      rows[i] = row;
      x += w + spacing;
    }
  *n_shown = i;
  if (i < entries->len)
    {
      /* Make room for "+N more" at the end of the last row. */
      while (*n_shown > 0)
        {
          g_autofree char *more = NULL;
          guint last = *n_shown - 1;
          LegendEntry *e = &g_array_index (entries, LegendEntry, last);
          double end;

          /* translators: the end of a legend with too many entries to show */
          more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more",
                                               entries->len - *n_shown),
                                  entries->len - *n_shown);
          *more_width = _up_chart_measure (self, more, FONT_SMALL);
          end = xs[last] + e->swatch_width + gap + MIN (e->text_width, max_text) + spacing;
          if (end + *more_width <= width)
            break;
          (*n_shown)--;
        }
    }
  return MIN (row + 1, max_rows);
}

void
_up_chart_layout_frame (UpChart     *self,
                        double       min_content,
                        UpChartRect *content)
{
  double f = self->font_px, W = self->width, H = self->height;
  double pad = round (f * 0.9), gap = round (f * 0.6), cw = W - 2 * pad;
  double title_h, legend_row_h, max_text;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *footnote = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autofree double *xs = NULL;
  g_autofree int *rows = NULL;
  guint n_shown = 0;
  int legend_rows = 0, max_legend_rows, foot_lines, title_text, sub_text = -1, foot_text = -1;
  gboolean with_sub, with_foot, with_legend;
  double more_width = 0, y, avail;

  cw = MAX (cw, 1);
  /* However small the picture, the plot and its axes keep more than half of it. */
  min_content = MAX (min_content, H * 0.55);
  title = self->title != NULL ? g_strdup (self->title) : _up_chart_default_title (self);
  title_text = _up_chart_text_new (self, title, FONT_TITLE, cw, 1, INK_FOREGROUND, -1);
  _up_chart_text_size (self, title_text, NULL, &title_h);

  subtitle = _up_chart_subtitle (self);
  footnote = _up_chart_footnote (self);
  entries = legend_entries (self);
  xs = g_new0 (double, entries->len + 1);
  rows = g_new0 (int, entries->len + 1);
  legend_row_h = round (_up_chart_line_height (self, FONT_SMALL) * 1.3);
  max_text = MAX (f * 6, MIN (cw * 0.45, f * 24));

  /* Try the fullest frame first, then give things up until the plot has its room. */
  with_sub = subtitle != NULL;
  with_foot = footnote != NULL;
  with_legend = entries->len > 0;
  foot_lines = H >= 420 ? 3 : 2;
  max_legend_rows = MAX (1, (int) floor (H * 0.22 / legend_row_h));
  for (int attempt = 0; ; attempt++)
    {
      double h_sub = 0, h_foot = 0, h_legend = 0;

      if (with_sub)
        h_sub = _up_chart_line_height (self, FONT_SUBTITLE)
                * (_up_chart_measure (self, subtitle, FONT_SUBTITLE) > cw ? 2 : 1);
      if (with_foot)
        {
          double one = _up_chart_line_height (self, FONT_FOOTNOTE);
          int lines = (int) ceil (_up_chart_measure (self, footnote, FONT_FOOTNOTE) / cw + 0.15);

          h_foot = one * CLAMP (lines, 1, foot_lines);
        }
      if (with_legend)
        {
          legend_rows = flow_legend (self, entries, cw, max_text, max_legend_rows, xs, rows,
                                     &n_shown, &more_width);
          h_legend = legend_rows * legend_row_h;
        }
      avail = H - 2 * pad - title_h - (with_sub ? h_sub + 2 : 0)
              - (with_legend ? h_legend + gap : 0) - (with_foot ? h_foot + gap : 0) - gap;
      if (avail >= min_content || attempt > 6)
        break;
      if (with_foot && foot_lines > 1)
        foot_lines = 1;
      else if (with_sub)
        with_sub = FALSE;
      else if (with_legend && max_legend_rows > 1)
        max_legend_rows = 1;
      else if (with_foot)
        with_foot = FALSE;
      else if (with_legend)
        with_legend = FALSE;
      else
        break;
    }

  y = pad;
  _up_chart_text_place (self, title_text, pad, y);
  y += title_h;
  if (with_sub)
    {
      double h;

      sub_text = _up_chart_text_new (self, subtitle, FONT_SUBTITLE, cw, 2, INK_MUTED, -1);
      _up_chart_text_size (self, sub_text, NULL, &h);
      _up_chart_text_place (self, sub_text, pad, y + 2);
      y += h + 2;
    }
  if (with_legend)
    {
      double lh = _up_chart_line_height (self, FONT_SMALL), gap_s = f * 0.4;

      y += gap;
      self->legend_rows = legend_rows;
      for (guint i = 0; i < n_shown; i++)
        {
          LegendEntry *e = &g_array_index (entries, LegendEntry, i);
          ChartLegendItem item = { { 0 } };
          double row_y = y + rows[i] * legend_row_h, tw;
          double x = pad + xs[i];

          item.series = e->series;
          item.key = e->key;
          item.swatch.x = x;
          item.swatch.y = row_y;
          item.swatch.width = e->swatch_width;
          item.swatch.height = legend_row_h;
          item.text = _up_chart_text_new (self, e->text, FONT_SMALL, max_text, 1,
                                          INK_FOREGROUND, e->series);
          _up_chart_text_place (self, item.text, x + e->swatch_width + gap_s,
                                row_y + (legend_row_h - lh) / 2);
          _up_chart_text_size (self, item.text, &tw, NULL);
          item.rect.x = x;
          item.rect.y = row_y;
          item.rect.width = e->swatch_width + gap_s + tw;
          item.rect.height = legend_row_h;
          g_array_append_val (self->legend, item);
        }
      if (n_shown < entries->len)
        {
          g_autofree char *more = NULL;
          int t;
          double x = 0;
          int last_row = legend_rows - 1;

          more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more",
                                               entries->len - n_shown),
                                  entries->len - n_shown);
          for (guint i = 0; i < n_shown; i++)
            if (rows[i] == last_row)
              {
                LegendEntry *e = &g_array_index (entries, LegendEntry, i);

                x = xs[i] + e->swatch_width + gap_s + MIN (e->text_width, max_text) + f * 1.2;
              }
          t = _up_chart_text_new (self, more, FONT_SMALL, 0, 1, INK_MUTED, -1);
          _up_chart_text_place (self, t, pad + x,
                                y + last_row * legend_row_h + (legend_row_h - lh) / 2);
        }
      y += legend_rows * legend_row_h;
    }
  else
    self->legend_rows = 0;
  y += gap;

  content->x = pad;
  content->y = y;
  content->width = cw;
  content->height = H - pad - y;
  if (with_foot)
    {
      double h;

      foot_text = _up_chart_text_new (self, footnote, FONT_FOOTNOTE, cw, foot_lines,
                                      INK_MUTED, -1);
      _up_chart_text_size (self, foot_text, NULL, &h);
      _up_chart_text_place (self, foot_text, pad, H - pad - h);
      content->height = H - pad - h - gap - y;
    }
  content->height = MAX (content->height, 1);
}

static void
draw_swatch (UpChart               *self,
             cairo_t               *cr,
             const ChartLegendItem *item)
{
  const UpChartRect *r = &item->swatch;
  double cy = r->y + r->height / 2, f = self->font_px;
  UpChartColor color;

  if (item->key >= 0)
    {
      double s = f * 0.75;

      if (item->key == UP_CHART_BAR_NET)
        {
          _up_chart_set_color (cr, &self->theme.foreground, 1);
          _up_chart_mark_path (cr, MARK_DIAMOND, r->x + r->width / 2, cy, s * 0.45);
          cairo_fill (cr);
          return;
        }
      _up_chart_ink (self, item->key == UP_CHART_BAR_PAYS ? INK_PAYS : INK_SAVES, -1, &color);
      _up_chart_set_color (cr, &color, 1);
      cairo_rectangle (cr, round (r->x), round (cy - s / 2), round (s), round (s));
      cairo_fill (cr);
      return;
    }
  if (item->series >= 0)
    {
      ChartSeries *s = _up_chart_series (self, item->series);
      double alpha = s->visible ? 1.0 : 0.3;

      if (self->stacked && !s->line)
        {
          double side = f * 0.75;

          _up_chart_set_color (cr, &s->color, alpha);
          cairo_rectangle (cr, round (r->x), round (cy - side / 2), round (side), round (side));
          cairo_fill (cr);
          return;
        }
      cairo_save (cr);
      _up_chart_set_color (cr, &s->color, alpha);
      _up_chart_set_dash (self, cr, s, self->line_width);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_line_width (cr, self->line_width);
      cairo_move_to (cr, r->x, cy);
      cairo_line_to (cr, r->x + r->width, cy);
      cairo_stroke (cr);
      cairo_restore (cr);
      if (s->visible)
        _up_chart_draw_mark (self, cr, s, r->x + r->width / 2, cy, self->mark_radius);
    }
}

void
_up_chart_draw_legend (UpChart *self,
                       cairo_t *cr)
{
  for (guint i = 0; i < self->legend->len; i++)
    {
      ChartLegendItem *item = &g_array_index (self->legend, ChartLegendItem, i);

      if (_up_chart_text (self, item->text)->shown)
        draw_swatch (self, cr, item);
    }
}
