/* up-chart-uncertainty.c: the tornado and fan charts
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deliberately small: the data are copied in, the layout computes every rectangle and
 * every text once, drawing only fills and strokes. Texts are PangoLayouts of the chart's
 * context, measured at layout time.
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "up-chart-uncertainty.h"
#include "up-format.h"

#define DEFAULT_FAMILY "Cantarell, DejaVu Sans, sans-serif"
#define PAD 12.0

typedef struct
{
  char  *label;
  char  *inputs;     /* "low 20% · high 31%" */
  double metric_low;
  double metric_high;
  UpChartRect low_rect;
  UpChartRect high_rect;
  double row_y;
} TornadoRow;

typedef struct
{
  PangoLayout *layout;
  double       x;
  double       y;
  int          ink;    /* 0 foreground, 1 muted */
} Text;

struct _UpUncChart
{
  UpUncChartKind kind;
  UpChartTheme   theme;
  gboolean       has_data;
  char          *title;
  char          *own_title;
  char          *subtitle;
  char          *currency;
  gboolean       money;

  /* tornado */
  double         base;
  GArray        *rows;         /* TornadoRow */
  char          *metric_label;

  /* fan */
  int            start_year;   /* year of counted cycle 1 */
  int            n_years;
  double        *bands;        /* [k][UP_PSA_N_BANDS] */
  UpPsaSeries    series;

  /* layout */
  double         width;
  double         height;
  PangoContext  *context;
  GArray        *texts;        /* Text */
  UpChartRect    plot;
  double         vmin, vmax;   /* value domain */
  double         va, vb;       /* position = va + vb · value */
  double         xa, xb;       /* fan: x = xa + xb · year */
  double         row_h;
  double         bar_h;
  GArray        *ticks;        /* double */
  GArray        *year_ticks;   /* int */
  UpChartRect    legend[3];
  int            n_legend;
};

static void
text_clear (gpointer data)
{
  Text *t = data;

  g_clear_object (&t->layout);
}

static void
row_clear (gpointer data)
{
  TornadoRow *r = data;

  g_free (r->label);
  g_free (r->inputs);
}

UpUncChart *
up_unc_chart_new (UpUncChartKind kind)
{
  UpUncChart *self = g_new0 (UpUncChart, 1);

  self->kind = kind;
  up_chart_theme_init (&self->theme, FALSE, FALSE);
  self->rows = g_array_new (FALSE, TRUE, sizeof (TornadoRow));
  g_array_set_clear_func (self->rows, row_clear);
  self->texts = g_array_new (FALSE, TRUE, sizeof (Text));
  g_array_set_clear_func (self->texts, text_clear);
  self->ticks = g_array_new (FALSE, FALSE, sizeof (double));
  self->year_ticks = g_array_new (FALSE, FALSE, sizeof (int));
  self->currency = g_strdup ("GBP");
  return self;
}

void
up_unc_chart_free (UpUncChart *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->own_title);
  g_free (self->subtitle);
  g_free (self->currency);
  g_free (self->metric_label);
  g_free (self->bands);
  g_array_unref (self->rows);
  g_array_unref (self->texts);
  g_array_unref (self->ticks);
  g_array_unref (self->year_ticks);
  g_clear_object (&self->context);
  g_free (self);
}

UpUncChartKind
up_unc_chart_get_kind (UpUncChart *self)
{
  return self->kind;
}

void
up_unc_chart_set_theme (UpUncChart         *self,
                        const UpChartTheme *theme)
{
  self->theme = *theme;
}

gboolean
up_unc_chart_has_data (UpUncChart *self)
{
  return self->has_data;
}

void
up_unc_chart_set_title (UpUncChart *self,
                        const char *title)
{
  g_free (self->title);
  self->title = g_strdup (title);
}

static char *
format_value (UpUncChart *self,
              double      value,
              gboolean    full)
{
  if (self->money)
    return full ? up_format_money (value, self->currency)
                : up_format_money_short (value, self->currency);
  return up_format_number (value, fabs (value) < 10 ? 1 : 0);
}

void
up_unc_chart_set_tornado (UpUncChart        *self,
                          const UpTornado   *tornado,
                          const char *const *labels,
                          const char *const *low_texts,
                          const char *const *high_texts,
                          const char        *metric_label,
                          gboolean           money)
{
  const UpModel *model;
  int option;

  g_array_set_size (self->rows, 0);
  g_clear_pointer (&self->own_title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->metric_label, g_free);
  self->has_data = FALSE;
  if (tornado == NULL)
    return;

  model = up_tornado_get_model (tornado);
  option = up_tornado_get_option (tornado);
  g_free (self->currency);
  self->currency = g_strdup (up_model_get_currency (model));
  self->money = money;
  self->base = up_tornado_get_base_value (tornado);
  self->metric_label = g_strdup (metric_label != NULL ? metric_label
                                 : up_metric_get_name (up_tornado_get_metric (tornado)));

  for (guint i = 0; i < up_tornado_get_n_bars (tornado); i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (tornado, i);
      TornadoRow row = { 0 };
      g_autofree char *lo = NULL;
      g_autofree char *hi = NULL;

      row.label = g_strdup (labels != NULL && labels[i] != NULL ? labels[i] : bar->path);
      lo = low_texts != NULL && low_texts[i] != NULL ? g_strdup (low_texts[i])
                                                     : g_strdup_printf ("%g", bar->low);
      hi = high_texts != NULL && high_texts[i] != NULL ? g_strdup (high_texts[i])
                                                       : g_strdup_printf ("%g", bar->high);
      /* translators: the low and high values of an uncertain input, "low 20% · high 31%" */
      row.inputs = g_strdup_printf (_("low %s · high %s"), lo, hi);
      row.metric_low = bar->metric_low;
      row.metric_high = bar->metric_high;
      g_array_append_val (self->rows, row);
    }

  self->own_title = g_strdup_printf (
    /* translators: %s is a metric, "Net present budget impact" */
    _("%s: what moves it most"), self->metric_label);
  {
    g_autofree char *base = format_value (self, self->base, FALSE);

    self->subtitle = g_strdup_printf (
      /* translators: %s an option's name, %s the metric's value with every input at the
       * plan's value */
      _("%s against business as usual · each input alone at its low and high value · "
        "base %s"),
      up_model_get_option_name (model, option), base);
  }
  self->has_data = self->rows->len > 0;
}

void
up_unc_chart_set_fan (UpUncChart  *self,
                      const UpPsa *psa,
                      UpPsaSeries  series,
                      int          option)
{
  const UpModel *model;

  g_clear_pointer (&self->bands, g_free);
  g_clear_pointer (&self->own_title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  self->has_data = FALSE;
  self->n_years = 0;
  if (psa == NULL)
    return;

  model = up_psa_get_model (psa);
  if (option < 0 || option >= up_model_get_n_options (model))
    return;
  g_free (self->currency);
  self->currency = g_strdup (up_model_get_currency (model));
  self->money = TRUE;
  self->series = series;
  self->start_year = up_model_get_start_year (model);
  self->n_years = up_model_get_n_cycles (model);
  self->bands = g_new0 (double, (gsize) self->n_years * UP_PSA_N_BANDS);
  for (int k = 1; k <= self->n_years; k++)
    up_psa_get_band (psa, series, option, k, self->bands + (gsize) (k - 1) * UP_PSA_N_BANDS);

  if (series == UP_PSA_CRISIS_COST)
    self->own_title = g_strdup (_("Crisis cost per year, with its uncertainty"));
  else
    self->own_title = g_strdup (_("Cumulative net position against business as usual"));
  {
    g_autofree char *n = up_format_number ((double) up_psa_get_n_valid (psa), 0);

    self->subtitle = g_strdup_printf (
      /* translators: %s is an option's name, %s a number of samples */
      _("%s · shaded: the middle 95%% and 50%% of %s samples · line: the median"),
      up_model_get_option_name (model, option), n);
  }
  self->has_data = self->n_years > 0;
}

/* ---- Layout ----------------------------------------------------------------------- */

static double
font_px (UpUncChart *self)
{
  if (self->theme.font_size > 0)
    return self->theme.font_size;
  return CLAMP (MIN (self->width, self->height * 1.6) / 60.0, 10.0, 14.0);
}

static PangoLayout *
make_layout (UpUncChart *self,
             const char *str,
             double      scale,
             gboolean    bold,
             double      max_width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (
    self->theme.font_family != NULL ? self->theme.font_family : DEFAULT_FAMILY);

  pango_font_description_set_absolute_size (font, font_px (self) * scale * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, str, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *w,
             double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (w != NULL)
    *w = logical.width / (double) PANGO_SCALE;
  if (h != NULL)
    *h = logical.height / (double) PANGO_SCALE;
}

/* Adds a text; returns its size. */
static void
add_text (UpUncChart  *self,
          PangoLayout *layout,
          double       x,
          double       y,
          int          ink)
{
  Text t = { layout, x, y, ink };

  g_array_append_val (self->texts, t);
}

static double
nice_step (double raw)
{
  double mag = pow (10, floor (log10 (raw)));
  double f = raw / mag;

  if (f <= 1)
    return mag;
  if (f <= 2)
    return 2 * mag;
  if (f <= 2.5)
    return 2.5 * mag;
  if (f <= 5)
    return 5 * mag;
  return 10 * mag;
}

static void
choose_ticks (UpUncChart *self,
              double      lo,
              double      hi,
              int         target)
{
  double step;

  if (!(hi > lo))
    {
      double pad = fabs (lo) > 0 ? fabs (lo) * 0.1 : 1;

      lo -= pad;
      hi += pad;
    }
  step = nice_step ((hi - lo) / MAX (target, 1));
  self->vmin = floor (lo / step) * step;
  self->vmax = ceil (hi / step) * step;
  g_array_set_size (self->ticks, 0);
  for (double v = self->vmin; v <= self->vmax + step * 0.5; v += step)
    {
      double t = fabs (v) < step * 1e-6 ? 0 : v;

      g_array_append_val (self->ticks, t);
    }
}

static double
title_block (UpUncChart *self)
{
  PangoLayout *title;
  PangoLayout *sub;
  double th, sh;
  double y = PAD;

  title = make_layout (self, self->title != NULL ? self->title : self->own_title, 1.25, TRUE,
                       self->width - 2 * PAD);
  layout_size (title, NULL, &th);
  add_text (self, title, PAD, y, 0);
  y += th + 2;
  if (self->subtitle != NULL)
    {
      sub = make_layout (self, self->subtitle, 0.9, FALSE, self->width - 2 * PAD);
      layout_size (sub, NULL, &sh);
      add_text (self, sub, PAD, y, 1);
      y += sh;
    }
  return y + PAD * 0.75;
}

static void
legend_entry (UpUncChart *self,
              const char *label,
              double     *x,
              double      y,
              double      h)
{
  PangoLayout *layout = make_layout (self, label, 0.88, FALSE, -1);
  double w;

  layout_size (layout, &w, NULL);
  self->legend[self->n_legend] = (UpChartRect) { *x, y + h * 0.2, h * 1.2, h * 0.6 };
  self->n_legend++;
  add_text (self, layout, *x + h * 1.6, y, 0);
  *x += h * 1.6 + w + PAD * 1.5;
}

static void
layout_tornado (UpUncChart *self,
                double      top)
{
  double label_w = 0, value_w, lh, small_h;
  double lo = self->base, hi = self->base;
  guint n = self->rows->len;
  double bottom, x;
  g_autofree char *probe = NULL;

  for (guint i = 0; i < n; i++)
    {
      TornadoRow *r = &g_array_index (self->rows, TornadoRow, i);
      g_autoptr(PangoLayout) a = make_layout (self, r->label, 1.0, FALSE, -1);
      g_autoptr(PangoLayout) b = make_layout (self, r->inputs, 0.85, FALSE, -1);
      double wa, wb;

      layout_size (a, &wa, &lh);
      layout_size (b, &wb, &small_h);
      label_w = MAX (label_w, MAX (wa, wb));
      if (isfinite (r->metric_low))
        {
          lo = MIN (lo, r->metric_low);
          hi = MAX (hi, r->metric_low);
        }
      if (isfinite (r->metric_high))
        {
          lo = MIN (lo, r->metric_high);
          hi = MAX (hi, r->metric_high);
        }
    }
  {
    g_autoptr(PangoLayout) a = make_layout (self, "Xg", 1.0, FALSE, -1);
    g_autoptr(PangoLayout) b = make_layout (self, "Xg", 0.85, FALSE, -1);

    layout_size (a, NULL, &lh);
    layout_size (b, NULL, &small_h);
  }
  label_w = MIN (label_w, self->width * 0.38);
  probe = format_value (self, -fabs (hi) - fabs (lo), FALSE);
  {
    g_autoptr(PangoLayout) p = make_layout (self, probe, 0.85, FALSE, -1);

    layout_size (p, &value_w, NULL);
  }

  /* legend at the bottom */
  bottom = self->height - PAD - lh;
  self->n_legend = 0;
  x = PAD + label_w + PAD;
  legend_entry (self, _("Upper bar: input at its low value"), &x, bottom, lh);
  legend_entry (self, _("Lower bar: input at its high value"), &x, bottom, lh);

  self->plot.x = PAD + label_w + PAD + value_w + 6;
  self->plot.width = MAX (40, self->width - self->plot.x - PAD - value_w - 6);
  self->plot.y = top;
  self->plot.height = MAX (20, bottom - PAD - lh * 1.2 - top);
  choose_ticks (self, lo, hi, (int) CLAMP (self->plot.width / 110, 2, 8));
  self->vb = self->plot.width / (self->vmax - self->vmin);
  self->va = self->plot.x - self->vb * self->vmin;

  self->row_h = n > 0 ? self->plot.height / n : 0;
  self->row_h = MIN (self->row_h, (lh + small_h) * 1.9);
  self->bar_h = MAX (4, MIN (self->row_h * 0.55, lh * 1.3));

  /* value ticks under the rows */
  for (guint t = 0; t < self->ticks->len; t++)
    {
      double v = g_array_index (self->ticks, double, t);
      g_autofree char *s = format_value (self, v, FALSE);
      PangoLayout *layout = make_layout (self, s, 0.85, FALSE, -1);
      double w;

      layout_size (layout, &w, NULL);
      add_text (self, layout, self->va + self->vb * v - w / 2,
                self->plot.y + self->row_h * n + 4, 1);
    }

  for (guint i = 0; i < n; i++)
    {
      TornadoRow *r = &g_array_index (self->rows, TornadoRow, i);
      double cy = self->plot.y + self->row_h * (i + 0.5);
      double xb = self->va + self->vb * self->base;
      PangoLayout *name = make_layout (self, r->label, 1.0, FALSE, label_w);
      PangoLayout *inputs = make_layout (self, r->inputs, 0.85, FALSE, label_w);

      r->row_y = cy;
      add_text (self, name, PAD, cy - (lh + small_h) / 2, 0);
      add_text (self, inputs, PAD, cy - (lh + small_h) / 2 + lh, 1);

      /* an input that does not move this option's metric: say so once */
      if (isfinite (r->metric_low) && isfinite (r->metric_high)
          && fabs (self->vb * (r->metric_low - self->base)) < 0.5
          && fabs (self->vb * (r->metric_high - self->base)) < 0.5)
        {
          PangoLayout *layout = make_layout (self, _("no effect on this option"), 0.8, FALSE, -1);
          double th;

          layout_size (layout, NULL, &th);
          add_text (self, layout, xb + 6, cy - th / 2, 1);
        }
      for (int side = 0; side < 2; side++)
        {
          double m = side == 0 ? r->metric_low : r->metric_high;
          UpChartRect *rect = side == 0 ? &r->low_rect : &r->high_rect;
          double xm, y0, h;

          if (!isfinite (m))
            {
              *rect = (UpChartRect) { xb, cy, 0, 0 };
              continue;
            }
          xm = self->va + self->vb * m;
          if (fabs (xm - xb) < 0.5 && fabs (self->vb * (r->metric_low - r->metric_high)) < 1)
            {
              *rect = (UpChartRect) { MIN (xb, xm), side == 0 ? cy - self->bar_h / 2 : cy,
                                      fabs (xm - xb), self->bar_h / 2 };
              continue;
            }
          /* the low bar above the high one, each half the bar's height */
          h = self->bar_h / 2;
          y0 = side == 0 ? cy - h : cy;
          *rect = (UpChartRect) { MIN (xb, xm), y0, fabs (xm - xb), h };

          {
            g_autofree char *s = format_value (self, m, FALSE);
            PangoLayout *layout = make_layout (self, s, 0.8, FALSE, -1);
            double w, th;

            layout_size (layout, &w, &th);
            add_text (self, layout, xm >= xb ? xm + 4 : xm - 4 - w, y0 + h / 2 - th / 2, 1);
          }
        }
    }
}

static void
layout_fan (UpUncChart *self,
            double      top)
{
  double lo = INFINITY, hi = -INFINITY;
  double lh, label_w = 0, bottom, x;
  int last = self->start_year + self->n_years - 1;
  int step;

  for (int i = 0; i < self->n_years * UP_PSA_N_BANDS; i++)
    if (isfinite (self->bands[i]))
      {
        lo = MIN (lo, self->bands[i]);
        hi = MAX (hi, self->bands[i]);
      }
  if (!isfinite (lo))
    lo = hi = 0;
  if (self->series == UP_PSA_CUM_NET || lo > 0)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
    }
  {
    g_autoptr(PangoLayout) a = make_layout (self, "Xg", 0.88, FALSE, -1);

    layout_size (a, NULL, &lh);
  }
  bottom = self->height - PAD - lh;
  self->n_legend = 0;
  x = PAD;
  legend_entry (self, _("95% of samples"), &x, bottom, lh);
  legend_entry (self, _("Middle half"), &x, bottom, lh);
  legend_entry (self, _("Median"), &x, bottom, lh);

  self->plot.y = top + lh / 2;
  self->plot.height = MAX (20, bottom - PAD - lh * 1.4 - self->plot.y);
  choose_ticks (self, lo, hi, (int) CLAMP (self->plot.height / 45, 2, 8));
  for (guint t = 0; t < self->ticks->len; t++)
    {
      g_autofree char *s = format_value (self, g_array_index (self->ticks, double, t), FALSE);
      g_autoptr(PangoLayout) layout = make_layout (self, s, 0.85, FALSE, -1);
      double w;

      layout_size (layout, &w, NULL);
      label_w = MAX (label_w, w);
    }
  self->plot.x = PAD + label_w + 6;
  self->plot.width = MAX (40, self->width - self->plot.x - PAD * 1.5);
  self->vb = -self->plot.height / (self->vmax - self->vmin);
  self->va = self->plot.y + self->plot.height - self->vb * self->vmin;
  self->xb = self->n_years > 1 ? self->plot.width / (self->n_years - 1) : 0;
  self->xa = self->plot.x - self->xb * self->start_year
             + (self->n_years > 1 ? 0 : self->plot.width / 2);

  for (guint t = 0; t < self->ticks->len; t++)
    {
      double v = g_array_index (self->ticks, double, t);
      g_autofree char *s = format_value (self, v, FALSE);
      PangoLayout *layout = make_layout (self, s, 0.85, FALSE, -1);
      double w, h;

      layout_size (layout, &w, &h);
      add_text (self, layout, self->plot.x - 6 - w, self->va + self->vb * v - h / 2, 1);
    }

  step = 1;
  while (self->xb * step < 48)
    step = step < 2 ? 2 : step < 5 ? 5 : step * 2;
  g_array_set_size (self->year_ticks, 0);
  for (int y = self->start_year; y <= last; y += step)
    {
      g_autofree char *s = g_strdup_printf ("%d", y);
      PangoLayout *layout = make_layout (self, s, 0.85, FALSE, -1);
      double w;

      layout_size (layout, &w, NULL);
      g_array_append_val (self->year_ticks, y);
      add_text (self, layout,
                CLAMP (self->xa + self->xb * y - w / 2, self->plot.x, self->width - w - 2),
                self->plot.y + self->plot.height + 4, 1);
    }
}

void
up_unc_chart_layout (UpUncChart   *self,
                     double        width,
                     double        height,
                     PangoContext *context)
{
  double top;

  self->width = MAX (width, 80);
  self->height = MAX (height, 60);
  g_clear_object (&self->context);
  if (context != NULL)
    self->context = g_object_ref (context);
  else
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (self->context, options);
      cairo_font_options_destroy (options);
    }
  g_array_set_size (self->texts, 0);
  g_array_set_size (self->ticks, 0);
  g_array_set_size (self->year_ticks, 0);
  self->n_legend = 0;
  self->plot = (UpChartRect) { 0, 0, 0, 0 };
  if (!self->has_data)
    return;

  top = title_block (self);
  if (self->kind == UP_UNC_CHART_TORNADO)
    layout_tornado (self, top);
  else
    layout_fan (self, top);
}

/* ---- Drawing ---------------------------------------------------------------------- */

static void
set_color (cairo_t            *cr,
           const UpChartColor *c,
           double              alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
series_colors (UpUncChart   *self,
               UpChartColor *a,
               UpChartColor *b)
{
  /* Okabe–Ito blue and vermilion, lighter on dark backgrounds */
  if (self->theme.dark)
    {
      *a = (UpChartColor) { 0x5c / 255.0, 0xb3 / 255.0, 0xf0 / 255.0, 1 };
      *b = (UpChartColor) { 1.0, 0x8a / 255.0, 0x47 / 255.0, 1 };
    }
  else
    {
      *a = (UpChartColor) { 0, 0x72 / 255.0, 0xb2 / 255.0, 1 };
      *b = (UpChartColor) { 0xd5 / 255.0, 0x5e / 255.0, 0, 1 };
    }
}

static void
draw_texts (UpUncChart *self,
            cairo_t    *cr)
{
  for (guint i = 0; i < self->texts->len; i++)
    {
      Text *t = &g_array_index (self->texts, Text, i);

      set_color (cr, &self->theme.foreground, t->ink == 1 && !self->theme.high_contrast ? 0.72 : 1);
      cairo_move_to (cr, t->x, t->y);
      pango_cairo_show_layout (cr, t->layout);
    }
}

static void
draw_tornado (UpUncChart *self,
              cairo_t    *cr)
{
  UpChartColor low, high;
  double bottom = self->plot.y + self->row_h * self->rows->len;
  double xb = self->va + self->vb * self->base;

  series_colors (self, &low, &high);
  set_color (cr, &self->theme.grid, 1);
  cairo_set_line_width (cr, 1);
  for (guint t = 0; t < self->ticks->len; t++)
    {
      double x = round (self->va + self->vb * g_array_index (self->ticks, double, t)) + 0.5;

      cairo_move_to (cr, x, self->plot.y);
      cairo_line_to (cr, x, bottom);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < self->rows->len; i++)
    {
      TornadoRow *r = &g_array_index (self->rows, TornadoRow, i);

      set_color (cr, &low, 1);
      cairo_rectangle (cr, r->low_rect.x, r->low_rect.y, r->low_rect.width, r->low_rect.height);
      cairo_fill (cr);
      set_color (cr, &high, 1);
      cairo_rectangle (cr, r->high_rect.x, r->high_rect.y, r->high_rect.width,
                       r->high_rect.height);
      cairo_fill (cr);
    }

  /* the base value */
  set_color (cr, &self->theme.foreground, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, xb, self->plot.y - 4);
  cairo_line_to (cr, xb, bottom);
  cairo_stroke (cr);

  for (int i = 0; i < self->n_legend; i++)
    {
      set_color (cr, i == 0 ? &low : &high, 1);
      cairo_rectangle (cr, self->legend[i].x, self->legend[i].y, self->legend[i].width,
                       self->legend[i].height);
      cairo_fill (cr);
    }
}

static void
band_path (UpUncChart *self,
           cairo_t    *cr,
           int         lower,
           int         upper)
{
  for (int k = 0; k < self->n_years; k++)
    {
      double x = self->xa + self->xb * (self->start_year + k);
      double y = self->va + self->vb * self->bands[k * UP_PSA_N_BANDS + upper];

      if (k == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  for (int k = self->n_years - 1; k >= 0; k--)
    cairo_line_to (cr, self->xa + self->xb * (self->start_year + k),
                   self->va + self->vb * self->bands[k * UP_PSA_N_BANDS + lower]);
  cairo_close_path (cr);
}

static void
draw_fan (UpUncChart *self,
          cairo_t    *cr)
{
  UpChartColor c, unused;
  double right = self->plot.x + self->plot.width;

  series_colors (self, &c, &unused);
  set_color (cr, &self->theme.grid, 1);
  cairo_set_line_width (cr, 1);
  for (guint t = 0; t < self->ticks->len; t++)
    {
      double y = round (self->va + self->vb * g_array_index (self->ticks, double, t)) + 0.5;

      cairo_move_to (cr, self->plot.x, y);
      cairo_line_to (cr, right, y);
    }
  cairo_stroke (cr);
  if (self->vmin < 0 && self->vmax > 0)
    {
      double y = round (self->va) + 0.5;

      set_color (cr, &self->theme.foreground, 0.6);
      cairo_move_to (cr, self->plot.x, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
    }

  set_color (cr, &c, self->theme.high_contrast ? 0.35 : 0.2);
  band_path (self, cr, 0, 4);
  cairo_fill (cr);
  set_color (cr, &c, self->theme.high_contrast ? 0.6 : 0.4);
  band_path (self, cr, 1, 3);
  cairo_fill (cr);

  set_color (cr, &c, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int k = 0; k < self->n_years; k++)
    {
      double x = self->xa + self->xb * (self->start_year + k);
      double y = self->va + self->vb * self->bands[k * UP_PSA_N_BANDS + 2];

      if (k == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);

  for (int i = 0; i < self->n_legend; i++)
    {
      UpChartRect *r = &self->legend[i];

      if (i < 2)
        {
          set_color (cr, &c, i == 0 ? 0.2 : 0.4);
          cairo_rectangle (cr, r->x, r->y, r->width, r->height);
          cairo_fill (cr);
        }
      else
        {
          set_color (cr, &c, 1);
          cairo_set_line_width (cr, 2.5);
          cairo_move_to (cr, r->x, r->y + r->height / 2);
          cairo_line_to (cr, r->x + r->width, r->y + r->height / 2);
          cairo_stroke (cr);
        }
    }
}

void
up_unc_chart_draw (UpUncChart *self,
                   cairo_t    *cr)
{
  if (self->context == NULL)
    return;
  cairo_save (cr);
  if (!self->theme.transparent)
    {
      set_color (cr, &self->theme.background, 1);
      cairo_paint (cr);
    }
  if (self->has_data)
    {
      if (self->kind == UP_UNC_CHART_TORNADO)
        draw_tornado (self, cr);
      else
        draw_fan (self, cr);
      draw_texts (self, cr);
    }
  cairo_restore (cr);
}

/* ---- Words ------------------------------------------------------------------------ */

char *
up_unc_chart_describe (UpUncChart *self)
{
  GString *s = g_string_new (NULL);

  if (!self->has_data)
    return g_string_free (s, FALSE);
  g_string_append_printf (s, "%s. %s.", self->title != NULL ? self->title : self->own_title,
                          self->subtitle);
  if (self->kind == UP_UNC_CHART_TORNADO)
    {
      for (guint i = 0; i < MIN (self->rows->len, 3); i++)
        {
          TornadoRow *r = &g_array_index (self->rows, TornadoRow, i);
          g_autofree char *a = format_value (self, r->metric_low, FALSE);
          g_autofree char *b = format_value (self, r->metric_high, FALSE);

          g_string_append_c (s, ' ');
          g_string_append_printf (s,
                                  /* translators: a parameter's name, its inputs, then the
                                   * metric at its low and at its high input */
                                  _("%s (%s): %s to %s."), r->label, r->inputs, a, b);
        }
    }
  else
    {
      int k = self->n_years - 1;
      g_autofree char *lo = format_value (self, self->bands[k * UP_PSA_N_BANDS], FALSE);
      g_autofree char *med = format_value (self, self->bands[k * UP_PSA_N_BANDS + 2], FALSE);
      g_autofree char *hi = format_value (self, self->bands[k * UP_PSA_N_BANDS + 4], FALSE);

      g_string_append_c (s, ' ');
      g_string_append_printf (s,
                              /* translators: a year, the median, then the 2.5th and 97.5th
                               * percentiles */
                              _("In %d the median is %s; 95%% of samples lie between %s and %s."),
                              self->start_year + k, med, lo, hi);
    }
  return g_string_free (s, FALSE);
}

/* ---- Geometry --------------------------------------------------------------------- */

gboolean
up_unc_chart_get_plot_rect (UpUncChart  *self,
                            UpChartRect *out)
{
  *out = self->plot;
  return self->has_data && self->context != NULL;
}

gboolean
up_unc_chart_get_bar_rect (UpUncChart  *self,
                           guint        i,
                           gboolean     high,
                           UpChartRect *out)
{
  TornadoRow *r;

  if (self->kind != UP_UNC_CHART_TORNADO || i >= self->rows->len || self->context == NULL)
    return FALSE;
  r = &g_array_index (self->rows, TornadoRow, i);
  *out = high ? r->high_rect : r->low_rect;
  return TRUE;
}

double
up_unc_chart_position_for_value (UpUncChart *self,
                                 double      value)
{
  return self->va + self->vb * value;
}

double
up_unc_chart_x_for_year (UpUncChart *self,
                         int         year)
{
  if (self->kind != UP_UNC_CHART_FAN)
    return NAN;
  return self->xa + self->xb * year;
}

double
up_unc_chart_band_y (UpUncChart *self,
                     int         year,
                     int         band)
{
  int k = year - self->start_year;

  if (self->kind != UP_UNC_CHART_FAN || k < 0 || k >= self->n_years || band < 0
      || band >= UP_PSA_N_BANDS)
    return NAN;
  return self->va + self->vb * self->bands[k * UP_PSA_N_BANDS + band];
}

/* ---- Export ----------------------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
up_unc_chart_render (UpUncChart  *self,
                     const char  *format,
                     int          width,
                     int          height,
                     GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  PangoContext *old_context = self->context != NULL ? g_object_ref (self->context) : NULL;
  double old_width = self->width, old_height = self->height;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (width < 1 || height < 1 || width > 20000 || height > 20000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* translators: %d is a number of pixels */
                   _("A chart must be between 1 and %d pixels on each side"), 20000);
      g_clear_object (&old_context);
      return NULL;
    }
  if (g_strcmp0 (format, "png") == 0)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (g_strcmp0 (format, "svg") == 0)
    surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width * 0.75,
                                                   height * 0.75);
  else if (g_strcmp0 (format, "pdf") == 0)
    surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width * 0.75,
                                                   height * 0.75);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* translators: %s is what was asked for */
                   _("Unknown chart format “%s” (expected png, svg or pdf)"), format);
      g_clear_object (&old_context);
      return NULL;
    }

  up_unc_chart_layout (self, width, height, NULL);
  cr = cairo_create (surface);
  if (g_strcmp0 (format, "png") != 0)
    cairo_scale (cr, 0.75, 0.75);
  up_unc_chart_draw (self, cr);
  cairo_destroy (cr);
  if (g_strcmp0 (format, "png") == 0)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (old_context != NULL)
    {
      up_unc_chart_layout (self, old_width, old_height, old_context);
      g_object_unref (old_context);
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
