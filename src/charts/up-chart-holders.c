/* up-chart-holders.c: who pays, who saves
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One panel per option, one row per budget holder, all panels on one scale. Each row is
 * a diverging bar: the extra delivery cost the holder bears goes left of zero, the
 * savings it receives go right, and a diamond marks the net. When both go the same way
 * (a holder that pays less, or whose costs rise) the second part continues from the end
 * of the first, so the diamond still sits at the end. The pooled budget's row comes last,
 * set apart, with its net written beside it: the wrong pocket, made visible.
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "up-chart-private.h"

void
_up_chart_holders_row_values (UpChart *self,
                              int      option,
                              int      row,
                              double  *extra,
                              double  *savings,
                              double  *net)
{
  int h = self->row_holder[row];

  if (h < 0)
    {
      *extra = self->pooled[option * 3 + 0];
      *savings = self->pooled[option * 3 + 1];
      *net = self->pooled[option * 3 + 2];
      return;
    }
  *extra = self->extra[(gsize) option * self->n_holders + h];
  *savings = self->savings[(gsize) option * self->n_holders + h];
  *net = *savings - *extra;
}

/* The two parts of a row as value intervals. */
static void
segments (double extra,
          double savings,
          double pays[2],
          double saves[2])
{
  double p = -extra, s = savings;

  pays[0] = 0;
  pays[1] = p;
  if (p * s >= 0)
    {
      saves[0] = p;
      saves[1] = p + s;
    }
  else
    {
      saves[0] = 0;
      saves[1] = s;
    }
}

static double
row_centre (UpChart          *self,
            const ChartPanel *p,
            int               row)
{
  /* The pooled budget's row sits half a row further down, below a rule. */
  double offset = self->row_holder[row] < 0 ? 0.5 : 0.0;

  return p->plot.y + (row + offset + 0.5) * self->row_height;
}

static UpChartRect
interval_rect (const ChartPanel *p,
               double            a,
               double            b,
               double            cy,
               double            thickness)
{
  double x0 = p->va + p->vb * a, x1 = p->va + p->vb * b;
  UpChartRect r;

  r.x = MIN (x0, x1);
  r.width = fabs (x1 - x0);
  r.y = cy - thickness / 2;
  r.height = thickness;
  return r;
}

static gboolean
has_pooled_row (UpChart *self)
{
  return self->n_rows > 0 && self->row_holder[self->n_rows - 1] < 0;
}

static void
place_ticks (UpChart          *self,
             const ChartPanel *p,
             GPtrArray        *labels,
             double            y)
{
  for (guint i = 0; i < self->vticks->len; i++)
    {
      int t = _up_chart_text_new (self, labels->pdata[i], FONT_SMALL, 0, 1, INK_MUTED, -1);
      double w, h, x = p->va + p->vb * g_array_index (self->vticks, double, i);
      UpChartRect box;

      _up_chart_text_size (self, t, &w, &h);
      box.x = round (CLAMP (x - w / 2, 0, self->width - w));
      box.y = round (y);
      box.width = w;
      box.height = h;
      if (!_up_chart_text_collides (self, &box, t))
        _up_chart_text_place (self, t, box.x, box.y);
    }
}

void
_up_chart_holders_layout (UpChart *self)
{
  double f = self->font_px, lh = _up_chart_line_height (self, FONT_SMALL);
  double title_h = round (_up_chart_line_height (self, FONT_STRONG) * 1.2);
  double tick_gap = round (f * 0.35), xlab_h = tick_gap + lh, hgap = round (f * 1.5);
  double vgap = round (f * 0.8), label_w = 0, panel_w = 0, area_h = 0, units, lo = 0, hi = 0;
  double step = 1, max_abs, left, top;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) tick_texts = NULL;
  UpChartRect content;
  int n, n_show, cols = 1, grid_rows = 1, target;
  const char *pooled_name = _("Pooled budget");

  _up_chart_layout_frame (self, title_h + xlab_h + lh * 3, &content);
  for (guint s = 0; s < self->series->len; s++)
    if (_up_chart_series (self, s)->visible)
      g_array_append_val (shown, s);
  n = shown->len;
  if (!self->has_data || n == 0 || self->n_rows == 0)
    {
      int t = _up_chart_text_new (self, self->series->len == 0
                                        ? _("No option to compare with business as usual.")
                                        : _("Nothing to show."),
                                  FONT_BODY, content.width, 3, INK_MUTED, -1);
      double w, h;

      _up_chart_text_size (self, t, &w, &h);
      _up_chart_text_place (self, t, content.x + (content.width - w) / 2,
                            content.y + (content.height - h) / 2);
      return;
    }

  /* Row labels: as wide as the longest name, within reason; long names wrap. */
  for (int r = 0; r < self->n_rows; r++)
    {
      int h = self->row_holder[r];

      label_w = MAX (label_w, _up_chart_measure (self, h >= 0 ? self->holder_names[h] : pooled_name,
                                                 h >= 0 ? FONT_SMALL : FONT_SMALL_STRONG));
    }
  label_w = ceil (MIN (label_w, MAX (f * 6, content.width * 0.24)));
  left = content.x + label_w + round (f * 0.8);

  /* Side by side, so that a holder's row reads across the options, when each panel gets
   * enough width (bars long enough to compare) and row height (names readable); else
   * the grid that gives them the most. Panels that cannot get a minimum height are left
   * out, and a note says so. */
  units = self->n_rows + (has_pooled_row (self) ? 0.5 : 0);
  for (n_show = n; n_show >= 1; n_show--)
    {
      double best = -1;
      int best_cols = 1;

      for (int c = n_show; c >= 1; c--)
        {
          int r = (n_show + c - 1) / c;
          double w = (content.x + content.width - left - (c - 1) * hgap) / c;
          double h = (content.height - r * (title_h + xlab_h) - (r - 1) * vgap) / r;
          double score = MIN (w / (f * 12), h / units / (lh * 1.6));

          if (c == n_show && score >= 1.0)
            {
              best_cols = c;
              break;
            }
          if (score > best + 1e-9)
            {
              best = score;
              best_cols = c;
            }
        }
      cols = best_cols;
      panel_w = (content.x + content.width - left - (cols - 1) * hgap) / cols;
      grid_rows = (n_show + cols - 1) / cols;
      area_h = (content.height - grid_rows * (title_h + xlab_h) - (grid_rows - 1) * vgap)
               / grid_rows;
      if ((panel_w >= f * 6 && area_h / units >= MAX (4.0, lh * 0.6)) || n_show == 1)
        break;
    }
  top = content.y;
  if (n_show < n)
    {
      g_autofree char *text = NULL;
      int t;

      text = _up_chart_showing_note (n_show, n);
      t = _up_chart_text_new (self, text, FONT_SMALL, content.width, 1, INK_MUTED, -1);
      _up_chart_text_place (self, t, content.x, content.y);
      self->note = t;
      top += lh + vgap;
      area_h -= (lh + vgap) / grid_rows;
    }
  area_h = MAX (area_h, units * 2);
  self->row_height = area_h / units;
  self->bar_thickness = CLAMP (round (self->row_height * 0.5), 2, round (f * 1.8));

  /* One scale for all panels. */
  for (int i = 0; i < n_show; i++)
    {
      int o = _up_chart_series (self, g_array_index (shown, int, i))->option;

      for (int r = 0; r < self->n_rows; r++)
        {
          double extra, savings, net, pays[2], saves[2];

          _up_chart_holders_row_values (self, o, r, &extra, &savings, &net);
          segments (extra, savings, pays, saves);
          lo = MIN (lo, MIN (MIN (pays[1], saves[0]), MIN (saves[1], net)));
          hi = MAX (hi, MAX (MAX (pays[1], saves[0]), MAX (saves[1], net)));
        }
    }
  /* Ticks as many as their labels allow. */
  for (target = CLAMP ((int) floor (panel_w / (f * 5)), 1, 6); ; target--)
    {
      double widest = 0, spacing;

      _up_chart_nice_range (lo, hi, MAX (target, 1), &self->vmin, &self->vmax, &step);
      max_abs = MAX (fabs (self->vmin), fabs (self->vmax));
      g_clear_pointer (&tick_texts, g_ptr_array_unref);
      tick_texts = g_ptr_array_new_with_free_func (g_free);
      g_array_set_size (self->vticks, 0);
      for (int i = 0; i <= (int) round ((self->vmax - self->vmin) / step); i++)
        {
          double v = self->vmin + i * step;
          char *text;

          if (fabs (v) < step * 1e-9)
            v = 0;
          g_array_append_val (self->vticks, v);
          text = _up_chart_format_tick (self, v, step, max_abs);
          widest = MAX (widest, _up_chart_measure (self, text, FONT_SMALL));
          g_ptr_array_add (tick_texts, text);
        }
      spacing = panel_w * step / (self->vmax - self->vmin);
      if (spacing >= widest + f * 0.8 || target <= 1)
        break;
    }

  for (int i = 0; i < n_show; i++)
    {
      ChartPanel panel = { { 0 } };
      int series = g_array_index (shown, int, i);
      int col = i % cols, grid_row = i / cols;

      panel.plot.x = round (left + col * (panel_w + hgap));
      panel.plot.y = round (top + grid_row * (title_h + area_h + xlab_h + vgap) + title_h);
      panel.plot.width = round (panel_w);
      panel.plot.height = round (area_h);
      panel.series = series;
      panel.option = _up_chart_series (self, series)->option;
      panel.vb = panel.plot.width / (self->vmax - self->vmin);
      panel.va = panel.plot.x - self->vmin * panel.vb;
      panel.y_labels = col == 0;
      panel.x_labels = TRUE;
      panel.title = _up_chart_text_new (self, self->option_names[panel.option], FONT_STRONG,
                                        panel.plot.width - self->mark_radius * 3.4, 1,
                                        INK_FOREGROUND, -1);
      _up_chart_text_place (self, panel.title, panel.plot.x + self->mark_radius * 3.4,
                            panel.plot.y - title_h);
      g_array_append_val (self->panels, panel);
    }

  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);

      for (int r = 0; r < self->n_rows; r++)
        {
          double extra, savings, net, pays[2], saves[2], cy = row_centre (self, p, r);
          ChartBar bar = { { 0 } };
          double side = self->bar_thickness * 0.42;

          _up_chart_holders_row_values (self, p->option, r, &extra, &savings, &net);
          segments (extra, savings, pays, saves);
          bar.panel = pi;
          bar.row = r;
          bar.bar = UP_CHART_BAR_PAYS;
          bar.rect = interval_rect (p, pays[0], pays[1], cy, self->bar_thickness);
          g_array_append_val (self->bars, bar);
          bar.bar = UP_CHART_BAR_SAVES;
          bar.rect = interval_rect (p, saves[0], saves[1], cy, self->bar_thickness);
          g_array_append_val (self->bars, bar);
          bar.bar = UP_CHART_BAR_NET;
          bar.rect.x = p->va + p->vb * net - side;
          bar.rect.y = cy - side;
          bar.rect.width = bar.rect.height = 2 * side;
          g_array_append_val (self->bars, bar);
        }
    }

  /* Tick labels under each panel, then row labels left of each grid row. */
  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);

      place_ticks (self, p, tick_texts, p->plot.y + p->plot.height + tick_gap);
    }
  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);
      int lines = self->row_height >= lh * 2.1 ? 2 : 1;

      if (!p->y_labels)
        continue;
      for (int r = 0; r < self->n_rows; r++)
        {
          int h = self->row_holder[r];
          int t = _up_chart_text_new (self, h >= 0 ? self->holder_names[h] : pooled_name,
                                      h >= 0 ? FONT_SMALL : FONT_SMALL_STRONG, label_w, lines,
                                      INK_FOREGROUND, -1);
          double w, th;
          UpChartRect box;

          _up_chart_text_size (self, t, &w, &th);
          box.x = content.x;
          box.y = round (row_centre (self, p, r) - th / 2);
          box.width = w;
          box.height = th;
          if (!_up_chart_text_collides (self, &box, t))
            _up_chart_text_place (self, t, box.x, box.y);
        }
    }

  /* The pooled budget's net, written beside its diamond. */
  if (has_pooled_row (self))
    for (guint pi = 0; pi < self->panels->len; pi++)
      {
        ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);
        int r = self->n_rows - 1;
        double extra, savings, net, pays[2], saves[2], cy = row_centre (self, p, r);
        double x_lo, x_hi, w, h, gap = f * 0.4;
        g_autofree char *money = NULL;
        g_autofree char *text = NULL;
        int t;
        UpChartRect box;

        _up_chart_holders_row_values (self, p->option, r, &extra, &savings, &net);
        segments (extra, savings, pays, saves);
        money = _up_chart_money (self, net);
        /* translators: beside the pooled budget's bar: its net position, e.g. net £0.6m */
        text = g_strdup_printf (_("net %s"), money);
        t = _up_chart_text_new (self, text, FONT_SMALL_STRONG, 0, 1, INK_FOREGROUND, -1);
        _up_chart_text_size (self, t, &w, &h);
        x_lo = p->va + p->vb * MIN (MIN (pays[1], saves[0]), MIN (saves[1], MIN (net, 0)));
        x_hi = p->va + p->vb * MAX (MAX (pays[1], saves[0]), MAX (saves[1], MAX (net, 0)));
        x_hi = MAX (x_hi, p->va + p->vb * net + self->bar_thickness * 0.55);
        x_lo = MIN (x_lo, p->va + p->vb * net - self->bar_thickness * 0.55);
        box.width = w;
        box.height = h;
        {
          /* Beside the bar, else under its diamond. */
          const double cand[][2] = {
            { x_hi + gap, cy - h / 2 },
            { x_lo - gap - w, cy - h / 2 },
            { p->va + p->vb * net - w / 2, cy + self->bar_thickness * 0.6 + 1 },
            { p->va + p->vb * net - w / 2, cy - self->bar_thickness * 0.6 - 1 - h },
          };
          gboolean found = FALSE;

          for (guint c = 0; c < G_N_ELEMENTS (cand) && !found; c++)
            {
              box.x = round (cand[c][0]);
              box.y = round (cand[c][1]);
              found = box.x >= p->plot.x - (p->y_labels ? 0 : hgap * 0.4)
                      && box.x + w <= p->plot.x + p->plot.width + hgap * 0.4
                      && box.y >= p->plot.y + (r - 0.25) * self->row_height
                      && box.y + h <= p->plot.y + p->plot.height + tick_gap
                      && !_up_chart_text_collides (self, &box, t);
            }
          if (!found)
            continue;
        }
        _up_chart_text_place (self, t, box.x, box.y);
        _up_chart_text (self, t)->halo = TRUE;
      }
}

/* A bar on whole device pixels: crisp edges, and cairo's fast path for boxes. A bar
 * that would round to nothing keeps one pixel, so a small number still shows. */
static void
snapped_rectangle (cairo_t           *cr,
                   const UpChartRect *r)
{
  double x0 = r->x, y0 = r->y, x1 = r->x + r->width, y1 = r->y + r->height;

  cairo_user_to_device (cr, &x0, &y0);
  cairo_user_to_device (cr, &x1, &y1);
  x0 = round (x0);
  y0 = round (y0);
  x1 = round (x1);
  y1 = round (y1);
  if (x1 == x0 && r->width > 0)
    x1 = x0 + 1;
  cairo_device_to_user (cr, &x0, &y0);
  cairo_device_to_user (cr, &x1, &y1);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
}

void
_up_chart_holders_draw (UpChart *self,
                        cairo_t *cr)
{
  UpChartColor pays, saves, strong = self->theme.foreground;

  _up_chart_pays_color (self, &pays);
  _up_chart_saves_color (self, &saves);
  strong.alpha *= self->theme.high_contrast ? 1.0 : 0.6;

  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);
      ChartSeries *series = _up_chart_series (self, p->series);
      double top = p->plot.y, bottom = p->plot.y + p->plot.height;
      double lh = _up_chart_line_height (self, FONT_STRONG);

      /* The option's mark before its title ties the panel to the other charts. */
      if (p->title >= 0 && _up_chart_text (self, p->title)->shown)
        _up_chart_draw_mark (self, cr, series, p->plot.x + self->mark_radius * 1.3,
                             _up_chart_text (self, p->title)->box.y + lh / 2,
                             self->mark_radius * 1.3);

      _up_chart_set_color (cr, &self->theme.grid, 1);
      for (guint i = 0; i < self->vticks->len; i++)
        {
          double v = g_array_index (self->vticks, double, i);

          if (v != 0)
            _up_chart_vline (cr, p->va + p->vb * v, top, bottom, 1);
        }
      cairo_fill (cr);
      if (has_pooled_row (self))
        {
          double y = p->plot.y + (self->n_rows - 1 + 0.25) * self->row_height;

          _up_chart_set_color (cr, &strong, 0.6);
          _up_chart_hline (cr, p->plot.x, p->plot.x + p->plot.width, y, 1);
          cairo_fill (cr);
        }
    }

  /* Bars, one fill per colour. */
  for (int part = UP_CHART_BAR_PAYS; part <= UP_CHART_BAR_SAVES; part++)
    {
      _up_chart_set_color (cr, part == UP_CHART_BAR_PAYS ? &pays : &saves, 1);
      for (guint i = 0; i < self->bars->len; i++)
        {
          ChartBar *b = &g_array_index (self->bars, ChartBar, i);

          if ((int) b->bar == part && b->rect.width > 0)
            snapped_rectangle (cr, &b->rect);
        }
      cairo_fill (cr);
    }

  /* Zero over the bars' roots, then the net diamonds on top. */
  _up_chart_set_color (cr, &strong, 1);
  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);

      _up_chart_vline (cr, p->va, p->plot.y - 2, p->plot.y + p->plot.height + 2, 1);
    }
  cairo_fill (cr);
  for (guint i = 0; i < self->bars->len; i++)
    {
      ChartBar *b = &g_array_index (self->bars, ChartBar, i);
      double cx = b->rect.x + b->rect.width / 2, cy = b->rect.y + b->rect.height / 2;
      double r = b->rect.width / 2 / 1.25;

      if (b->bar != UP_CHART_BAR_NET)
        continue;
      if (self->row_holder[b->row] < 0)
        r *= 1.15;
      _up_chart_stamp (self, cr, MARK_DIAMOND, cx, cy, r, &self->theme.foreground,
                       self->theme.background.alpha > 0 ? &self->theme.background : NULL,
                       MAX (1.0, r * 0.3));
    }
}

gboolean
_up_chart_holders_make_hit (UpChart    *self,
                            int         panel,
                            int         row,
                            UpChartBar  bar,
                            UpChartHit *out)
{
  ChartPanel *p;
  double extra, savings, net;

  if (panel < 0 || panel >= (int) self->panels->len || row < 0 || row >= self->n_rows)
    return FALSE;
  p = &g_array_index (self->panels, ChartPanel, panel);
  _up_chart_holders_row_values (self, p->option, row, &extra, &savings, &net);
  out->kind = UP_CHART_HIT_BAR;
  out->series = p->series;
  out->panel = panel;
  out->option = p->option;
  out->holder = self->row_holder[row];
  out->state = -1;
  out->bar = bar;
  out->cycle = 0;
  out->year = 0;
  out->value = bar == UP_CHART_BAR_PAYS ? extra : bar == UP_CHART_BAR_SAVES ? savings : net;
  out->x = p->va + p->vb * net;
  out->y = row_centre (self, p, row);
  for (guint i = 0; i < self->bars->len; i++)
    {
      ChartBar *b = &g_array_index (self->bars, ChartBar, i);

      if (b->panel == panel && b->row == row && b->bar == bar && bar != UP_CHART_BAR_NET)
        out->x = b->rect.x + (b->rect.x + b->rect.width / 2 < p->va ? 0 : b->rect.width);
    }
  return TRUE;
}

gboolean
_up_chart_holders_hit (UpChart    *self,
                       double      x,
                       double      y,
                       UpChartHit *out)
{
  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);
      double slack = self->font_px * 0.5;
      int row = -1;
      UpChartBar bar = UP_CHART_BAR_NET;

      if (x < p->plot.x - slack || x > p->plot.x + p->plot.width + slack
          || y < p->plot.y || y > p->plot.y + p->plot.height)
        continue;
      for (int r = 0; r < self->n_rows; r++)
        if (fabs (y - row_centre (self, p, r)) <= self->row_height / 2)
          row = r;
      if (row < 0)
        return FALSE;
      for (guint i = 0; i < self->bars->len; i++)
        {
          ChartBar *b = &g_array_index (self->bars, ChartBar, i);

          if (b->panel == (int) pi && b->row == row && b->bar != UP_CHART_BAR_NET
              && b->rect.width > 0 && x >= b->rect.x && x <= b->rect.x + b->rect.width)
            bar = b->bar;
        }
      return _up_chart_holders_make_hit (self, pi, row, bar, out);
    }
  return FALSE;
}
