/* up-chart-xy.c: charts with calendar years across (crisis, net, cohort)
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One panel, or a grid of small multiples sharing both scales (cohort). Lines carry
 * their names at their right-hand ends when there is room (the legend stays, as the
 * place to hide and show them); the net chart labels business as usual on its zero line
 * and each option's break-even year beside its mark.
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "up-chart-private.h"

typedef struct
{
  int    series;         /* -1: business as usual's zero line (net) */
  double want;           /* centre y wanted */
  double top;            /* top of the box as placed */
  int    text;
} EndLabel;

static int
compare_end_labels (gconstpointer a,
                    gconstpointer b)
{
  const EndLabel *x = a, *y = b;

  return (x->want > y->want) - (x->want < y->want);
}

static double
pos (const ChartPanel *p,
     double            v)
{
  return p->va + p->vb * v;
}

static double
x_at (UpChart          *self,
      const ChartPanel *p,
      int               i)
{
  return p->xa + p->xb * (self->x0_year + i);
}

static gboolean
series_is_line (UpChart *self,
                int      s)
{
  return !self->stacked || _up_chart_series (self, s)->line;
}

/* The extent of what is visible, over all panels. */
static void
value_extent (UpChart *self,
              double  *lo,
              double  *hi)
{
  int n_series = self->series->len;

  *lo = INFINITY;
  *hi = -INFINITY;
  for (int p = 0; p < self->n_data_panels; p++)
    for (int s = 0; s < n_series; s++)
      {
        ChartSeries *series = _up_chart_series (self, s);

        if (!series->visible)
          continue;
        for (int i = 0; i < self->n_x; i++)
          {
            gsize at = ((gsize) p * n_series + s) * self->n_x + i;
            double a = self->lower[at], b = self->upper[at];

            if (isfinite (a))
              *lo = MIN (*lo, a), *hi = MAX (*hi, a);
            if (isfinite (b))
              *lo = MIN (*lo, b), *hi = MAX (*hi, b);
          }
      }
  if (!isfinite (*lo) || !isfinite (*hi))
    {
      *lo = 0;
      *hi = 0;
    }
  if (isfinite (self->extra_lo) && isfinite (self->extra_hi))
    {
      *lo = MIN (*lo, self->extra_lo);
      *hi = MAX (*hi, self->extra_hi);
    }
  if (self->stacked || self->kind == UP_CHART_NET)
    {
      *lo = MIN (*lo, 0);
      *hi = MAX (*hi, 0);
    }
  else if (*lo > 0 && *lo <= *hi * 0.5)
    *lo = 0;
  else if (*hi < 0 && *hi >= *lo * 0.5)
    *hi = 0;
}

static gboolean
grid_fits (UpChart *self,
           int      n,
           double   content_w,
           double   content_h,
           double   chrome_h,
           int     *out_cols,
           double  *out_score)
{
  double f = self->font_px, lh = _up_chart_line_height (self, FONT_SMALL);
  double best = -1;
  int best_cols = 0;

  for (int cols = 1; cols <= n; cols++)
    {
      int rows = (n + cols - 1) / cols;
      double cell_w = (content_w - f * 4.5 - (cols - 1) * f * 1.2) / cols;
      double cell_h = content_h / rows - chrome_h - (rows > 1 ? f * 0.6 : 0);
      double score;

      if (cell_w < f * 7 || cell_h < lh * 2.5)
        continue;
      score = MIN (cell_w / 1.5, cell_h);
      if (score > best)
        {
          best = score;
          best_cols = cols;
        }
    }
  *out_cols = best_cols;
  *out_score = best;
  return best_cols > 0;
}

static void
place_no_data (UpChart           *self,
               const UpChartRect *content,
               const char        *message)
{
  int t = _up_chart_text_new (self, message, FONT_BODY, content->width, 3, INK_MUTED, -1);
  double w, h;

  _up_chart_text_size (self, t, &w, &h);
  _up_chart_text_place (self, t, content->x + (content->width - w) / 2,
                        content->y + (content->height - h) / 2);
}

static void
place_end_labels (UpChart           *self,
                  const ChartPanel  *p,
                  const UpChartRect *content,
                  double             col_w)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (EndLabel));
  double lh = _up_chart_line_height (self, FONT_SMALL);
  double x = p->plot.x + p->plot.width + self->mark_radius + self->font_px * 0.4;
  double text_w = content->x + content->width - x;
  double top_limit = content->y, bottom_limit = p->plot.y + p->plot.height + lh * 0.4;
  double h = lh;

  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);
      EndLabel l = { s, NAN, 0, -1 };

      if (!series->visible)
        continue;
      if (!series_is_line (self, s))
        {
          /* A band is named at its right-hand end when it is thick enough there. */
          gsize at = (gsize) s * self->n_x + self->n_x - 1;
          double top = pos (p, self->upper[at]), bottom = pos (p, self->lower[at]);

          if (fabs (bottom - top) >= h * 0.9)
            {
              l.want = (top + bottom) / 2;
              g_array_append_val (labels, l);
            }
          continue;
        }
      for (int i = self->n_x - 1; i >= 0 && isnan (l.want); i--)
        {
          double v = _up_chart_value (self, 0, s, i);

          if (isfinite (v))
            l.want = pos (p, v);
        }
      if (!isnan (l.want))
        g_array_append_val (labels, l);
    }
  if (self->kind == UP_CHART_NET)
    {
      EndLabel l = { -1, pos (p, 0), 0, -1 };

      g_array_append_val (labels, l);
    }
  if (labels->len == 0 || labels->len * (h + 1) > bottom_limit - top_limit || text_w < lh)
    return;
  g_array_sort (labels, compare_end_labels);

  /* Down from the top, then back up from the bottom: boxes keep their order and the
   * least possible distance from their lines. */
  for (guint i = 0; i < labels->len; i++)
    {
      EndLabel *l = &g_array_index (labels, EndLabel, i);
      double top = l->want - h / 2;

      if (i > 0)
        top = MAX (top, g_array_index (labels, EndLabel, i - 1).top + h + 1);
      l->top = MAX (top, top_limit);
    }
  for (int i = labels->len - 1; i >= 0; i--)
    {
      EndLabel *l = &g_array_index (labels, EndLabel, i);
      double limit = (i == (int) labels->len - 1)
                     ? bottom_limit - h
                     : g_array_index (labels, EndLabel, i + 1).top - h - 1;

      l->top = MIN (l->top, limit);
    }
  if (g_array_index (labels, EndLabel, 0).top < top_limit - 0.5)
    return;

  for (guint i = 0; i < labels->len; i++)
    {
      EndLabel *l = &g_array_index (labels, EndLabel, i);
      const char *name = l->series >= 0 ? _up_chart_series (self, l->series)->name
                                        : self->option_names[self->bau];

      l->text = _up_chart_text_new (self, name, FONT_SMALL, MIN (text_w, col_w),
                                    1, l->series >= 0 ? INK_FOREGROUND : INK_MUTED, -1);
      _up_chart_text_place (self, l->text, x, l->top);
    }
}

static gboolean
box_hits_marks (UpChart           *self,
                const UpChartRect *box,
                double             r)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      UpChartRect mark = { self->mark_x[s] - r, self->mark_y[s] - r, 2 * r, 2 * r };

      if (!isnan (self->mark_x[s]) && _up_chart_rects_overlap (box, &mark))
        return TRUE;
    }
  return FALSE;
}

static void
place_break_even (UpChart           *self,
                  const ChartPanel  *p,
                  const UpChartRect *content)
{
  double r = self->mark_radius * 2.0, gap = self->font_px * 0.3;

  /* All marks first, so that no label covers another option's mark. */
  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);
      int year = series->option >= 0 ? self->break_even_year[series->option] : 0;
      int i = year - self->x0_year;
      double v;

      if (!series->visible || year == 0 || i < 0 || i >= self->n_x)
        continue;
      v = _up_chart_value (self, 0, s, i);
      if (!isfinite (v))
        continue;
      self->mark_x[s] = x_at (self, p, i);
      self->mark_y[s] = pos (p, v);
    }

  for (guint s = 0; s < self->series->len; s++)
    {
      int year = self->break_even_year[MAX (_up_chart_series (self, s)->option, 0)];
      double mx = self->mark_x[s], my = self->mark_y[s];
      g_autofree char *full = NULL;
      g_autofree char *year_text = NULL;
      const char *variants[2];
      gboolean placed = FALSE;

      if (isnan (mx))
        continue;
      /* translators: a label beside the mark where an option breaks even */
      full = g_strdup_printf (_("breaks even in %d"), year);
      year_text = g_strdup_printf ("%d", year);
      variants[0] = full;
      variants[1] = year_text;
      for (int v_i = 0; v_i < 2 && !placed; v_i++)
        {
          int t = _up_chart_text_new (self, variants[v_i], FONT_SMALL_STRONG, 0, 1,
                                      INK_SERIES, -1);
          double w, h;

          _up_chart_text (self, t)->series = s;
          _up_chart_text_size (self, t, &w, &h);
          {
            /* Above the line first: savings grow after break-even, so the line rises to
             * the right and the space above-left is usually clear. */
            const double cand[][2] = {
              { mx - w - gap, my - r - h },
              { mx - w / 2, my - r - gap - h },
              { mx + gap, my + r },
              { mx - w / 2, my + r + gap },
              { mx + r + gap, my - h / 2 },
              { mx - r - gap - w, my - h / 2 },
            };

            for (guint c = 0; c < G_N_ELEMENTS (cand) && !placed; c++)
              {
                UpChartRect box = { round (cand[c][0]), round (cand[c][1]), w, h };

                if (box.x < p->plot.x || box.x + box.width > content->x + content->width
                    || box.y < content->y || box.y + box.height > p->plot.y + p->plot.height)
                  continue;
                if (_up_chart_text_collides (self, &box, t) || box_hits_marks (self, &box, r))
                  continue;
                _up_chart_text_place (self, t, box.x, box.y);
                _up_chart_text (self, t)->halo = TRUE;
                placed = TRUE;
              }
          }
        }
    }
}

void
_up_chart_xy_layout (UpChart *self)
{
  double f = self->font_px, lh = _up_chart_line_height (self, FONT_SMALL);
  double title_h = 0, tick_gap = round (f * 0.35), xlab_off, xlab_h, hgap = round (f * 1.2);
  double vgap = round (f * 0.6), lo, hi, step = 1, plot_h, plot_w, left, right, top;
  double ylab_w = 0, year_w, px_per_year, col_w = 0, row_total, score;
  gboolean multiples = self->kind == UP_CHART_COHORT;
  gboolean end_labels = FALSE;
  int n = multiples ? self->n_data_panels : 1, n_show = n, cols = 1, rows = 1;
  int target, ystep, first_year, last_year;
  g_autoptr(GPtrArray) tick_texts = g_ptr_array_new_with_free_func (g_free);
  UpChartRect content;

  xlab_off = MAX (tick_gap, ceil (lh / 2) + 1);
  xlab_h = xlab_off + lh;
  if (multiples)
    title_h = round (_up_chart_line_height (self, FONT_STRONG) * 1.15);
  _up_chart_layout_frame (self, xlab_h + title_h + lh * 3, &content);

  if (!self->has_data || self->series->len == 0 || n == 0)
    {
      place_no_data (self, &content,
                     self->kind == UP_CHART_NET
                     ? _("No option to compare with business as usual.")
                     : _("Nothing to show."));
      return;
    }

  value_extent (self, &lo, &hi);
  {
    g_autofree char *a = g_strdup_printf ("%d", self->x0_year);
    g_autofree char *b = g_strdup_printf ("%d", self->x0_year + self->n_x - 1);

    year_w = MAX (_up_chart_measure (self, a, FONT_SMALL), _up_chart_measure (self, b, FONT_SMALL));
  }
  /* Between small multiples, room for half a year label on each side. */
  if (multiples)
    hgap = MAX (hgap, ceil (year_w + f * 1.2));

  /* Small multiples: as many panels as fit, in the grid that gives the biggest. */
  top = content.y + (multiples ? 0 : ceil (lh / 2));
  if (multiples)
    {
      while (n_show > 1 && !grid_fits (self, n_show, content.width, content.height,
                                       title_h + xlab_h, &cols, &score))
        n_show--;
      if (n_show == 1)
        cols = 1;
      if (n_show < n)
        {
          g_autofree char *text = NULL;
          int t;

          text = _up_chart_showing_note (n_show, n);
          t = _up_chart_text_new (self, text, FONT_SMALL, content.width, 1, INK_MUTED, -1);
          _up_chart_text_place (self, t, content.x, content.y);
          self->note = t;
          top += lh + vgap;
        }
      rows = (n_show + cols - 1) / cols;
    }
  row_total = (content.y + content.height - top + (rows > 1 ? vgap : 0)) / rows;
  plot_h = MAX (row_total - title_h - xlab_h - (rows > 1 ? vgap : 0), 2);

  /* Value ticks: as many as read well, never closer than 1.3 lines. */
  target = CLAMP ((int) floor (plot_h / (lh * 2.4)), 1, 8);
  for (;; target--)
    {
      double spacing;

      _up_chart_nice_range (lo, hi, target, &self->vmin, &self->vmax, &step);
      spacing = plot_h * step / (self->vmax - self->vmin);
      if (spacing >= lh * 1.3 || target <= 1)
        break;
    }
  {
    double max_abs = MAX (fabs (self->vmin), fabs (self->vmax));
    int n_ticks = (int) round ((self->vmax - self->vmin) / step) + 1;

    for (int i = 0; i < n_ticks; i++)
      {
        double v = self->vmin + i * step;
        char *text;

        if (fabs (v) < step * 1e-9)
          v = 0;
        g_array_append_val (self->vticks, v);
        text = _up_chart_format_tick (self, v, step, max_abs);
        ylab_w = MAX (ylab_w, _up_chart_measure (self, text, FONT_SMALL));
        g_ptr_array_add (tick_texts, text);
      }
  }

  /* Across: value labels, plots, and a column for the lines' names. */
  left = content.x + ceil (ylab_w) + round (f * 0.5);
  right = content.x + content.width;
  if (!multiples)
    {
      double widest = 0;
      int n_lines = 0;

      for (guint s = 0; s < self->series->len; s++)
        if (_up_chart_series (self, s)->visible)
          {
            widest = MAX (widest, _up_chart_measure (self, _up_chart_series (self, s)->name,
                                                     FONT_SMALL));
            n_lines++;
          }
      if (self->kind == UP_CHART_NET)
        {
          widest = MAX (widest, _up_chart_measure (self, self->option_names[self->bau],
                                                   FONT_SMALL));
          n_lines++;
        }
      col_w = MIN (widest, self->width * 0.24);
      if (n_lines > 0 && right - left - col_w - self->mark_radius - f * 0.4
                         >= content.width * 0.6)
        {
          end_labels = TRUE;
          right -= col_w + self->mark_radius + f * 0.4;
        }
    }
  plot_w = MAX ((right - left - (cols - 1) * hgap) / cols, 2);

  first_year = self->x0_year;
  last_year = self->x0_year + self->n_x - 1;
  self->ymin = first_year;
  self->ymax = last_year;
  if (last_year == first_year)
    {
      self->ymin -= 0.5;
      self->ymax += 0.5;
    }
  px_per_year = plot_w / (self->ymax - self->ymin);
  ystep = _up_chart_year_step (px_per_year, year_w + f * 0.9);
  for (int y = first_year; y <= last_year; y++)
    if (y % ystep == 0)
      g_array_append_val (self->xticks, y);
  if (self->xticks->len == 0)
    g_array_append_val (self->xticks, first_year);

  for (int idx = 0; idx < n_show; idx++)
    {
      ChartPanel panel = { { 0 } };
      int col = idx % cols, row = idx / cols;

      panel.plot.x = round (left + col * (plot_w + hgap));
      panel.plot.y = round (top + row * row_total + title_h);
      panel.plot.width = round (plot_w);
      panel.plot.height = round (plot_h);
      panel.option = multiples ? self->data_panel_option[idx] : self->data_panel_option[0];
      panel.series = -1;
      panel.xb = panel.plot.width / (self->ymax - self->ymin);
      panel.xa = panel.plot.x - self->ymin * panel.xb;
      panel.vb = -panel.plot.height / (self->vmax - self->vmin);
      panel.va = panel.plot.y + panel.plot.height - self->vmin * panel.vb;
      panel.y_labels = col == 0;
      panel.x_labels = TRUE;
      panel.title = -1;
      if (multiples)
        {
          panel.title = _up_chart_text_new (self, self->option_names[panel.option], FONT_STRONG,
                                            panel.plot.width, 1, INK_FOREGROUND, -1);
          _up_chart_text_place (self, panel.title, panel.plot.x,
                                panel.plot.y - title_h);
        }
      g_array_append_val (self->panels, panel);
    }

  /* Value labels, right-aligned left of the first column's plots. */
  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);

      if (!p->y_labels)
        continue;
      for (guint i = 0; i < self->vticks->len; i++)
        {
          int t = _up_chart_text_new (self, tick_texts->pdata[i], FONT_SMALL, 0, 1,
                                      INK_MUTED, -1);
          double w, h, y = pos (p, g_array_index (self->vticks, double, i));

          _up_chart_text_size (self, t, &w, &h);
          _up_chart_text_place (self, t, left - round (f * 0.5) - w, y - h / 2);
        }
    }

  /* Years under every plot; a label that would touch its neighbour is left out. */
  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);
      double last_right = -INFINITY;

      for (guint i = 0; i < self->xticks->len; i++)
        {
          int year = g_array_index (self->xticks, int, i);
          g_autofree char *text = g_strdup_printf ("%d", year);
          int t = _up_chart_text_new (self, text, FONT_SMALL, 0, 1, INK_MUTED, -1);
          double w, h, x;

          _up_chart_text_size (self, t, &w, &h);
          x = p->xa + p->xb * year - w / 2;
          x = CLAMP (x, 0, self->width - w);
          if (x < last_right + f * 0.5)
            continue;
          _up_chart_text_place (self, t, x, p->plot.y + p->plot.height + xlab_off);
          last_right = x + w;
        }
    }

  /* Marks on lines: every point, or every few when points are close. */
  {
    double px_per_point = g_array_index (self->panels, ChartPanel, 0).xb;

    /* Marks identify a line; a dozen along it is plenty, and they must not touch. */
    self->mark_step = (int) ceil (self->mark_radius * 4.2 / MAX (px_per_point, 1e-9));
    self->mark_step = MAX (self->mark_step, (self->n_x + 11) / 12);
    self->mark_step = MAX (self->mark_step, 1);
  }

  if (end_labels)
    place_end_labels (self, &g_array_index (self->panels, ChartPanel, 0), &content, col_w);
  if (self->kind == UP_CHART_NET)
    place_break_even (self, &g_array_index (self->panels, ChartPanel, 0), &content);
}

/* ---- Drawing ---------------------------------------------------------------------- */

/* Grid lines: under everything, and on stacked charts again over the bands in a light
 * tint of the background, so they can be followed across a stack without muddying its
 * colours. */
static void
draw_grid (UpChart          *self,
           cairo_t          *cr,
           const ChartPanel *p,
           gboolean          over_bands)
{
  double x0 = p->plot.x, x1 = p->plot.x + p->plot.width;

  if (over_bands && self->theme.background.alpha <= 0)
    return;
  if (over_bands)
    _up_chart_set_color (cr, &self->theme.background, self->theme.high_contrast ? 0.6 : 0.35);
  else
    _up_chart_set_color (cr, &self->theme.grid, 1);
  for (guint i = 0; i < self->vticks->len; i++)
    {
      double v = g_array_index (self->vticks, double, i);

      if (v != 0)
        _up_chart_hline (cr, x0, x1, pos (p, v), 1);
    }
  cairo_fill (cr);
}

/* Zero is the line that matters (the baseline, or business as usual on the net chart);
 * without it the plot gets a plain baseline. Drawn over the bands, under the lines. */
static void
draw_axes (UpChart          *self,
           cairo_t          *cr,
           const ChartPanel *p)
{
  double x0 = p->plot.x, x1 = p->plot.x + p->plot.width, bottom = p->plot.y + p->plot.height;
  UpChartColor strong = self->theme.foreground;
  gboolean zero_shown = FALSE;

  for (guint i = 0; i < self->vticks->len; i++)
    zero_shown |= g_array_index (self->vticks, double, i) == 0;
  strong.alpha *= self->theme.high_contrast ? 1.0 : 0.55;
  _up_chart_set_color (cr, &strong, 1);
  _up_chart_hline (cr, x0, x1, zero_shown ? pos (p, 0) : bottom, 1);
  cairo_fill (cr);

  _up_chart_set_color (cr, &self->theme.grid, self->theme.high_contrast ? 1.0 : 2.0);
  for (guint i = 0; i < self->xticks->len; i++)
    {
      double x = p->xa + p->xb * g_array_index (self->xticks, int, i);

      _up_chart_vline (cr, x, bottom, bottom + round (self->font_px * 0.3), 1);
    }
  cairo_fill (cr);
}

/* Stacked bands. Neighbours are parted by a hairline of background: each band's upper
 * edge is lowered by one device pixel (never below its lower edge), so the background
 * painted first shows through, at no extra cost. */
static void
draw_bands (UpChart          *self,
            cairo_t          *cr,
            int               panel,
            const ChartPanel *p)
{
  int n_series = self->series->len, n = self->n_x;
  double gap_x = 0, gap = 0;

  if (self->theme.background.alpha > 0 && n > 1)
    {
      gap = 1;
      cairo_device_to_user_distance (cr, &gap_x, &gap);
      gap = fabs (gap);
    }
  cairo_save (cr);
  if (_up_chart_is_raster (cr))
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  for (int s = 0; s < n_series; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);
      const double *lower, *upper;

      if (!series->visible || series->line)
        continue;
      lower = self->lower + ((gsize) panel * n_series + s) * n;
      upper = self->upper + ((gsize) panel * n_series + s) * n;
      cairo_new_path (cr);
      if (n == 1)
        {
          /* One point: a bar half a year wide. */
          double x = x_at (self, p, 0), w = p->xb * 0.5;

          cairo_rectangle (cr, x - w / 2, pos (p, upper[0]), w,
                           pos (p, lower[0]) - pos (p, upper[0]));
        }
      else
        {
          for (int i = 0; i < n; i++)
            {
              double top = pos (p, upper[i]), bottom = pos (p, lower[i]);

              /* Positive bands part at their tops, negative ones at their bottoms. */
              if (upper[i] > 0)
                top = MIN (top + gap, bottom);
              cairo_line_to (cr, x_at (self, p, i), top);
            }
          for (int i = n - 1; i >= 0; i--)
            {
              double top = pos (p, upper[i]), bottom = pos (p, lower[i]);

              if (upper[i] <= 0 && lower[i] < 0)
                bottom = MAX (bottom - gap, top);
              cairo_line_to (cr, x_at (self, p, i), bottom);
            }
          cairo_close_path (cr);
        }
      /* Opaque: cairo fills a covered span without blending, a third quicker. */
      _up_chart_set_color (cr, &series->color, 1);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
draw_lines (UpChart          *self,
            cairo_t          *cr,
            int               panel,
            const ChartPanel *p)
{
  int n_series = self->series->len;
  double xs[UP_HORIZON_MAX + 2], ys[UP_HORIZON_MAX + 2];

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (int s = 0; s < n_series; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);
      double width = series->bau ? self->line_width * 0.85 : self->line_width;
      double dashes[4];
      int n_dashes = _up_chart_get_dash (series, self->line_width, dashes), run = 0;

      if (!series->visible || !series_is_line (self, s))
        continue;
      _up_chart_set_color (cr, &series->color, 1);
      cairo_set_line_width (cr, width);
      /* Runs of finite values; a gap breaks the line. */
      for (int i = 0; i <= self->n_x; i++)
        {
          double v = i < self->n_x ? _up_chart_value (self, panel, s, i) : NAN;

          if (isfinite (v))
            {
              xs[run] = x_at (self, p, i);
              ys[run] = pos (p, v);
              run++;
              continue;
            }
          _up_chart_stroke_polyline (cr, xs, ys, run, dashes, n_dashes);
          run = 0;
        }
      if (self->n_x == 1 && series->bau)
        {
          /* One year: a short dash shows the reference. */
          double x = x_at (self, p, 0), y = pos (p, _up_chart_value (self, panel, s, 0));

          xs[0] = x - p->xb * 0.3;
          xs[1] = x + p->xb * 0.3;
          ys[0] = ys[1] = y;
          _up_chart_stroke_polyline (cr, xs, ys, 2, dashes, n_dashes);
        }
    }
  cairo_set_dash (cr, NULL, 0, 0);

  for (int s = 0; s < n_series; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);

      if (!series->visible || !series_is_line (self, s)
          || _up_chart_series_mark (series) == MARK_NONE)
        continue;
      for (int i = self->n_x - 1; i >= 0; i -= self->mark_step)
        {
          double v = _up_chart_value (self, panel, s, i);

          if (isfinite (v))
            _up_chart_draw_mark (self, cr, series, x_at (self, p, i), pos (p, v),
                                 self->mark_radius);
        }
    }
}

static void
draw_break_even (UpChart          *self,
                 cairo_t          *cr,
                 const ChartPanel *p)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);
      double x = self->mark_x[s], y = self->mark_y[s], r = self->mark_radius * 2.0;

      if (isnan (x) || !series->visible)
        continue;
      /* A dotted drop to the zero line ties the mark to its year. */
      cairo_save (cr);
      {
        double dots[] = { 1.0, 2.5 };
        double w = 1;
        double sx = _up_chart_snap_x (cr, x, &w);
        double zero = pos (p, 0);

        cairo_set_dash (cr, dots, 2, 0);
        cairo_set_line_width (cr, w);
        _up_chart_set_color (cr, &series->color, 0.9);
        if (fabs (zero - y) > r)
          {
            cairo_move_to (cr, sx, zero);
            cairo_line_to (cr, sx, y + (zero > y ? r : -r));
            cairo_stroke (cr);
          }
      }
      cairo_restore (cr);
      {
        /* A ring in the series colour around its mark. */
        UpChartColor inside = self->theme.background;

        inside.alpha = 1;
        _up_chart_stamp (self, cr, MARK_CIRCLE, x, y, r, &inside, &series->color,
                         MAX (1.5, self->line_width * 0.8));
      }
      _up_chart_draw_mark (self, cr, series, x, y, self->mark_radius * 0.9);
    }
}

void
_up_chart_xy_draw (UpChart *self,
                   cairo_t *cr)
{
  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);
      int data_panel = self->kind == UP_CHART_COHORT ? (int) pi : 0;

      draw_grid (self, cr, p, FALSE);
      if (self->stacked)
        {
          draw_bands (self, cr, data_panel, p);
          draw_grid (self, cr, p, TRUE);
        }
      draw_axes (self, cr, p);
      draw_lines (self, cr, data_panel, p);
      if (self->kind == UP_CHART_NET)
        draw_break_even (self, cr, p);
    }
}

/* ---- Hit testing ------------------------------------------------------------------ */

gboolean
_up_chart_xy_make_hit (UpChart    *self,
                       int         panel,
                       int         series,
                       int         i,
                       UpChartHit *out)
{
  ChartPanel *p;
  ChartSeries *s;
  int data_panel = self->kind == UP_CHART_COHORT ? panel : 0;
  gsize at;
  double v;

  if (panel < 0 || panel >= (int) self->panels->len || series < 0
      || series >= (int) self->series->len || i < 0 || i >= self->n_x)
    return FALSE;
  p = &g_array_index (self->panels, ChartPanel, panel);
  s = _up_chart_series (self, series);
  if (!s->visible)
    return FALSE;
  at = ((gsize) data_panel * self->series->len + series) * self->n_x + i;
  v = self->values[at];
  if (!isfinite (v))
    return FALSE;

  out->kind = series_is_line (self, series) ? UP_CHART_HIT_POINT : UP_CHART_HIT_BAND;
  out->series = series;
  out->panel = panel;
  out->option = s->option >= 0 ? s->option : p->option;
  out->holder = s->holder;
  out->state = s->state;
  out->bar = UP_CHART_BAR_NET;
  out->cycle = self->kind == UP_CHART_COHORT ? i : i + 1;
  out->year = self->x0_year + i;
  out->value = v;
  out->x = x_at (self, p, i);
  if (out->kind == UP_CHART_HIT_BAND)
    out->y = pos (p, (self->lower[at] + self->upper[at]) / 2);
  else
    out->y = pos (p, v);
  return TRUE;
}

gboolean
_up_chart_xy_hit (UpChart    *self,
                  double      x,
                  double      y,
                  UpChartHit *out)
{
  double slack = self->mark_radius * 2;

  for (guint pi = 0; pi < self->panels->len; pi++)
    {
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, pi);
      int data_panel = self->kind == UP_CHART_COHORT ? (int) pi : 0;
      int i, best = -1;
      double best_d = INFINITY;

      if (x < p->plot.x - slack || x > p->plot.x + p->plot.width + slack
          || y < p->plot.y - slack || y > p->plot.y + p->plot.height + slack)
        continue;
      i = (int) round ((x - p->xa) / p->xb) - self->x0_year;
      i = CLAMP (i, 0, self->n_x - 1);

      if (self->kind == UP_CHART_NET)
        for (guint s = 0; s < self->series->len; s++)
          if (!isnan (self->mark_x[s]) && _up_chart_series (self, s)->visible
              && hypot (x - self->mark_x[s], y - self->mark_y[s]) <= self->mark_radius * 2.5)
            {
              int year = self->break_even_year[_up_chart_series (self, s)->option];

              if (_up_chart_xy_make_hit (self, pi, s, year - self->x0_year, out))
                {
                  out->kind = UP_CHART_HIT_MARK;
                  return TRUE;
                }
            }

      for (guint s = 0; s < self->series->len; s++)
        {
          ChartSeries *series = _up_chart_series (self, s);
          gsize at = ((gsize) data_panel * self->series->len + s) * self->n_x + i;
          double d;

          if (!series->visible || !isfinite (self->values[at]))
            continue;
          if (series_is_line (self, s))
            d = fabs (pos (p, self->values[at]) - y);
          else
            {
              double top = pos (p, self->upper[at]), bottom = pos (p, self->lower[at]);

              if (self->upper[at] == self->lower[at])
                continue;
              d = (y >= top && y <= bottom) ? 0 : INFINITY;
            }
          /* Lines drawn over bands win within a few pixels. */
          if (series_is_line (self, s) && self->stacked && d > self->font_px)
            continue;
          if (d < best_d || (d == best_d && series_is_line (self, s)))
            {
              best_d = d;
              best = s;
            }
        }
      if (best >= 0 && isfinite (best_d))
        return _up_chart_xy_make_hit (self, pi, best, i, out);
      return FALSE;
    }
  return FALSE;
}
