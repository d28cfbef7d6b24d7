/* up-chart.c: an UpChart's data, theme, layout and cursor
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "up-chart-private.h"
#include "up-format.h"

static const char * const kind_names[UP_CHART_N_KINDS] = {
  [UP_CHART_CRISIS] = "crisis",
  [UP_CHART_NET] = "net",
  [UP_CHART_HOLDERS] = "holders",
  [UP_CHART_COHORT] = "cohort",
};

const char *
up_chart_kind_to_string (UpChartKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < UP_CHART_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
up_chart_kind_from_string (const char  *str,
                           UpChartKind *out)
{
  for (int i = 0; i < UP_CHART_N_KINDS; i++)
    if (g_strcmp0 (str, kind_names[i]) == 0)
      {
        *out = (UpChartKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
color_from_hex (UpChartColor *c,
                guint32       hex,
                double        alpha)
{
  c->red = (hex >> 16 & 0xff) / 255.0;
  c->green = (hex >> 8 & 0xff) / 255.0;
  c->blue = (hex & 0xff) / 255.0;
  c->alpha = alpha;
}

void
up_chart_theme_init (UpChartTheme *theme,
                     gboolean      dark,
                     gboolean      high_contrast)
{
  g_return_if_fail (theme != NULL);

  memset (theme, 0, sizeof *theme);
  /* libadwaita 1.2's view colours and accent. */
  if (dark)
    {
      color_from_hex (&theme->foreground, 0xffffff, 1);
      color_from_hex (&theme->background, 0x1e1e1e, 1);
      color_from_hex (&theme->grid, 0xffffff, high_contrast ? 0.5 : 0.14);
      color_from_hex (&theme->accent, 0x78aeed, 1);
    }
  else
    {
      color_from_hex (&theme->foreground, high_contrast ? 0x000000 : 0x242424, 1);
      color_from_hex (&theme->background, 0xffffff, 1);
      color_from_hex (&theme->grid, 0x000000, high_contrast ? 0.5 : 0.12);
      color_from_hex (&theme->accent, 0x1c71d8, 1);
    }
  theme->dark = dark;
  theme->high_contrast = high_contrast;
}

void
up_chart_options_init (UpChartOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->option = -1;
}

UpChart *
up_chart_new (UpChartKind kind)
{
  UpChart *self;

  g_return_val_if_fail (kind >= 0 && kind < UP_CHART_N_KINDS, NULL);

  self = g_new0 (UpChart, 1);
  self->kind = kind;
  self->option = -1;
  self->series = g_array_new (FALSE, TRUE, sizeof (ChartSeries));
  self->texts = g_array_new (FALSE, TRUE, sizeof (ChartText));
  self->text_rects = g_array_new (FALSE, TRUE, sizeof (UpChartRect));
  self->legend = g_array_new (FALSE, TRUE, sizeof (ChartLegendItem));
  self->panels = g_array_new (FALSE, TRUE, sizeof (ChartPanel));
  self->vticks = g_array_new (FALSE, TRUE, sizeof (double));
  self->xticks = g_array_new (FALSE, TRUE, sizeof (int));
  self->bars = g_array_new (FALSE, TRUE, sizeof (ChartBar));
  self->sprites = g_array_new (FALSE, TRUE, sizeof (ChartSprite));
  self->note = -1;
  self->extra_lo = self->extra_hi = NAN;
  up_chart_theme_init (&self->theme, FALSE, FALSE);
  self->stale = TRUE;
  return self;
}

static void
clear_texts (UpChart *self)
{
  for (guint i = 0; i < self->texts->len; i++)
    g_clear_object (&g_array_index (self->texts, ChartText, i).layout);
  g_array_set_size (self->texts, 0);
  g_array_set_size (self->text_rects, 0);
}

static void
clear_series (UpChart *self)
{
  for (guint i = 0; i < self->series->len; i++)
    g_free (g_array_index (self->series, ChartSeries, i).name);
  g_array_set_size (self->series, 0);
}

static void
clear_data (UpChart *self)
{
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->discount_basis, g_free);
  g_clear_pointer (&self->option_names, g_strfreev);
  g_clear_pointer (&self->holder_names, g_strfreev);
  g_clear_pointer (&self->state_names, g_strfreev);
  g_clear_pointer (&self->holder_public, g_free);
  g_clear_pointer (&self->holder_pooled, g_free);
  g_clear_pointer (&self->state_crisis, g_free);
  g_clear_pointer (&self->break_even_year, g_free);
  g_clear_pointer (&self->data_panel_option, g_free);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->lower, g_free);
  g_clear_pointer (&self->upper, g_free);
  g_clear_pointer (&self->extra, g_free);
  g_clear_pointer (&self->savings, g_free);
  g_clear_pointer (&self->pooled, g_free);
  g_clear_pointer (&self->row_holder, g_free);
  g_clear_pointer (&self->mark_x, g_free);
  g_clear_pointer (&self->mark_y, g_free);
  clear_series (self);
  self->has_data = FALSE;
}

void
up_chart_free (UpChart *self)
{
  if (self == NULL)
    return;
  clear_data (self);
  clear_texts (self);
  for (int i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->scratch);
  g_clear_object (&self->context);
  g_clear_object (&self->cursor_layout);
  g_clear_pointer (&self->font_family, g_free);
  g_array_unref (self->series);
  g_array_unref (self->texts);
  g_array_unref (self->text_rects);
  g_array_unref (self->legend);
  g_array_unref (self->panels);
  g_array_unref (self->vticks);
  g_array_unref (self->xticks);
  g_array_unref (self->bars);
  _up_chart_clear_sprites (self);
  g_array_unref (self->sprites);
  g_free (self);
}

UpChartKind
up_chart_get_kind (UpChart *self)
{
  g_return_val_if_fail (self != NULL, UP_CHART_CRISIS);
  return self->kind;
}

gboolean
up_chart_has_data (UpChart *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->has_data;
}

gboolean
_up_chart_value_is_money (UpChart *self)
{
  return self->kind != UP_CHART_COHORT;
}

ChartSeries *
_up_chart_series (UpChart *self,
                  int      series)
{
  g_assert (series >= 0 && series < (int) self->series->len);
  return &g_array_index (self->series, ChartSeries, series);
}

double
_up_chart_value (UpChart *self,
                 int      panel,
                 int      series,
                 int      i)
{
  return self->values[((gsize) panel * self->series->len + series) * self->n_x + i];
}

static ChartSeries *
add_series (UpChart    *self,
            const char *name,
            int         option,
            int         holder,
            int         state)
{
  ChartSeries s = { 0 };

  s.name = g_strdup (name);
  s.visible = TRUE;
  s.option = option;
  s.holder = holder;
  s.state = state;
  g_array_append_val (self->series, s);
  return &g_array_index (self->series, ChartSeries, self->series->len - 1);
}

/* Options keep their place in the palette whichever chart shows them. */
static int
option_slot (UpChart *self,
             int      option)
{
  return option > self->bau ? option - 1 : option;
}

static ChartSeries *
add_option_series (UpChart *self,
                   int      option)
{
  ChartSeries *s = add_series (self, self->option_names[option], option, -1, -1);

  s->bau = option == self->bau;
  s->slot = option_slot (self, option);
  return s;
}

static double
public_crisis (const UpResults *results,
               const UpChart   *self,
               int              option,
               int              k,
               int              holder)
{
  double sum = 0;

  if (holder >= 0)
    return up_results_cost (results, option, k, holder, UP_COST_CRISIS);
  for (int h = 0; h < self->n_holders; h++)
    if (self->holder_public[h])
      sum += up_results_cost (results, option, k, h, UP_COST_CRISIS);
  return sum;
}

static void
alloc_values (UpChart *self,
              int      n_panels,
              int      n_x)
{
  gsize n = (gsize) n_panels * MAX (self->series->len, 1) * n_x;

  self->n_data_panels = n_panels;
  self->n_x = n_x;
  self->values = g_new0 (double, n);
  self->lower = g_new0 (double, n);
  self->upper = g_new0 (double, n);
  self->data_panel_option = g_new (int, n_panels);
  for (int p = 0; p < n_panels; p++)
    self->data_panel_option[p] = -1;
}

static double *
value_at (UpChart *self,
          int      panel,
          int      series,
          int      i)
{
  return &self->values[((gsize) panel * self->series->len + series) * self->n_x + i];
}

static void
set_crisis_data (UpChart         *self,
                 const UpModel   *model,
                 const UpResults *results)
{
  int K = self->n_cycles, o = self->option;

  self->x0_year = self->start_year;
  if (o < 0)
    {
      for (int i = 0; i < self->n_options; i++)
        add_option_series (self, i);
      alloc_values (self, 1, K);
      for (int s = 0; s < self->n_options; s++)
        for (int k = 1; k <= K; k++)
          {
            double df = self->discounted ? up_model_get_df_cost (model, k) : 1.0;

            *value_at (self, 0, s, k - 1) = public_crisis (results, self, s, k, -1) * df;
          }
      return;
    }

  /* One option, stacked by the public holders it has crisis costs with. */
  self->stacked = TRUE;
  {
    g_autoptr(GArray) holders = g_array_new (FALSE, FALSE, sizeof (int));
    int slot = 0;

    for (int h = 0; h < self->n_holders; h++)
      {
        gboolean any = FALSE;

        if (!self->holder_public[h])
          continue;
        for (int k = 1; k <= K && !any; k++)
          any = up_results_cost (results, o, k, h, UP_COST_CRISIS) != 0
                || up_results_cost (results, self->bau, k, h, UP_COST_CRISIS) != 0;
        if (any)
          g_array_append_val (holders, h);
      }
    if (holders->len == 0)
      for (int h = 0; h < self->n_holders; h++)
        if (self->holder_public[h])
          g_array_append_val (holders, h);
    for (guint i = 0; i < holders->len; i++)
      {
        int h = g_array_index (holders, int, i);
        ChartSeries *s = add_series (self, self->holder_names[h], o, h, -1);

        s->slot = slot++;
      }
    if (o != self->bau)
      {
        ChartSeries *s = add_option_series (self, self->bau);

        /* translators: the dashed line over one option's stacked crisis costs */
        g_free (s->name);
        s->name = g_strdup_printf (_("%s (total)"), self->option_names[self->bau]);
        s->line = TRUE;
      }
    alloc_values (self, 1, K);
    self->data_panel_option[0] = o;
    for (guint s = 0; s < self->series->len; s++)
      {
        ChartSeries *series = _up_chart_series (self, s);

        for (int k = 1; k <= K; k++)
          {
            double df = self->discounted ? up_model_get_df_cost (model, k) : 1.0;
            double v = series->line ? public_crisis (results, self, self->bau, k, -1)
                                    : public_crisis (results, self, o, k, series->holder);

            *value_at (self, 0, s, k - 1) = v * df;
          }
      }
  }
}

static void
set_net_data (UpChart         *self,
              const UpResults *results)
{
  int K = self->n_cycles;

  self->x0_year = self->start_year;
  for (int o = 0; o < self->n_options; o++)
    if (o != self->bau && (self->option < 0 || self->option == o || self->option == self->bau))
      add_option_series (self, o);
  alloc_values (self, 1, K);
  for (guint s = 0; s < self->series->len; s++)
    {
      int o = _up_chart_series (self, s)->option;

      for (int k = 0; k < K; k++)
        *value_at (self, 0, s, k) = results->cum_net[(gsize) o * K + k];
    }
}

static void
set_cohort_data (UpChart         *self,
                 const UpResults *results)
{
  int K = self->n_cycles, n_panels = 0;

  self->stacked = TRUE;
  self->x0_year = self->start_year;
  for (int s = 0; s < self->n_states; s++)
    add_series (self, self->state_names[s], -1, -1, s);
  for (int o = 0; o < self->n_options; o++)
    if (self->option < 0 || self->option == o)
      n_panels++;
  alloc_values (self, n_panels, K + 1);
  n_panels = 0;
  for (int o = 0; o < self->n_options; o++)
    {
      if (!(self->option < 0 || self->option == o))
        continue;
      self->data_panel_option[n_panels] = o;
      for (int s = 0; s < self->n_states; s++)
        for (int j = 0; j <= K; j++)
          *value_at (self, n_panels, s, j) = up_results_trace (results, o, j, s);
      n_panels++;
    }
}

static void
set_holders_data (UpChart         *self,
                  const UpResults *results)
{
  int H = self->n_holders, O = self->n_options;
  gboolean any_pooled = FALSE;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (int));

  for (int o = 0; o < O; o++)
    if (o != self->bau && (self->option < 0 || self->option == o || self->option == self->bau))
      add_option_series (self, o);

  self->extra = g_memdup2 (results->holder_extra, sizeof (double) * O * H);
  self->savings = g_memdup2 (results->holder_savings, sizeof (double) * O * H);
  self->pooled = g_new0 (double, (gsize) O * 3);
  for (int o = 0; o < O; o++)
    {
      self->pooled[o * 3 + 0] = results->metrics[o].pooled_extra_delivery;
      self->pooled[o * 3 + 1] = results->metrics[o].pooled_savings;
      self->pooled[o * 3 + 2] = results->metrics[o].pooled_net;
    }

  /* Holders that neither pay nor save under any option shown would only be empty rows. */
  for (int h = 0; h < H; h++)
    {
      gboolean any = FALSE;

      for (guint s = 0; s < self->series->len && !any; s++)
        {
          int o = _up_chart_series (self, s)->option;

          any = self->extra[o * H + h] != 0 || self->savings[o * H + h] != 0;
        }
      if (any)
        g_array_append_val (rows, h);
      any_pooled |= self->holder_pooled[h];
    }
  if (rows->len == 0)
    for (int h = 0; h < H; h++)
      g_array_append_val (rows, h);
  if (any_pooled)
    {
      int pooled = -1;

      g_array_append_val (rows, pooled);
    }
  self->n_rows = rows->len;
  self->row_holder = (int *) g_array_free (g_steal_pointer (&rows), FALSE);
  self->n_data_panels = 0;
  self->n_x = 0;
}

/* Sums the stacked bands once per change of data or visibility: positive values stack
 * up from zero, negative ones down. Line series (business as usual's total) stay as
 * they are. */
void
_up_chart_restack (UpChart *self)
{
  int n_series = self->series->len;

  if (self->values == NULL)
    return;
  for (int p = 0; p < self->n_data_panels; p++)
    for (int i = 0; i < self->n_x; i++)
      {
        double up = 0, down = 0;

        for (int s = 0; s < n_series; s++)
          {
            ChartSeries *series = _up_chart_series (self, s);
            gsize at = ((gsize) p * n_series + s) * self->n_x + i;
            double v = self->values[at];

            if (!self->stacked || series->line)
              {
                self->lower[at] = self->upper[at] = v;
                continue;
              }
            if (!series->visible || !isfinite (v))
              {
                self->lower[at] = self->upper[at] = v >= 0 ? up : down;
                continue;
              }
            if (v >= 0)
              {
                self->lower[at] = up;
                self->upper[at] = up + v;
                up += v;
              }
            else
              {
                self->upper[at] = down;
                self->lower[at] = down + v;
                down += v;
              }
          }
      }
}

static char *
discount_basis (const UpModel *model,
                int            present_year)
{
  int K = up_model_get_n_cycles (model);
  double first = NAN, last = NAN;
  gboolean varies = FALSE;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;

  for (int k = 1; k < K; k++)
    {
      double a = up_model_get_df_cost (model, k), b = up_model_get_df_cost (model, k + 1);
      double dt = up_model_get_time (model, k + 1) - up_model_get_time (model, k);
      double r = (b > 0 && dt > 0) ? pow (a / b, 1.0 / dt) - 1.0 : NAN;

      if (isnan (first))
        first = r;
      else if (fabs (r - last) > 1e-9)
        varies = TRUE;
      last = r;
    }
  if (isnan (first))
    {
      /* One cycle: the rate shows only when that cycle is discounted. */
      double t = up_model_get_time (model, 1), df = up_model_get_df_cost (model, 1);

      if (t > 0 && df > 0)
        first = last = pow (1.0 / df, 1.0 / t) - 1.0;
    }
  if (isnan (first))
    /* translators: %d is a year */
    return g_strdup_printf (_("discounted to %d"), present_year);
  first_text = up_format_percent (round (first * 1e5) / 1e5);
  if (!varies)
    /* translators: %d is a year, %s a rate such as 3.5% */
    return g_strdup_printf (_("discounted to %d at %s a year"), present_year, first_text);
  last_text = up_format_percent (round (last * 1e5) / 1e5);
  /* translators: %d is a year, each %s a rate such as 3.5% */
  return g_strdup_printf (_("discounted to %d at %s a year, then %s"), present_year,
                          first_text, last_text);
}

static char **
copy_names (const UpModel *model,
            int            n,
            const char  *(*get) (const UpModel *, int))
{
  char **names = g_new0 (char *, n + 1);

  for (int i = 0; i < n; i++)
    {
      const char *name = get (model, i);

      names[i] = g_strdup (name != NULL ? name : "");
    }
  return names;
}

void
up_chart_set_data (UpChart              *self,
                   const UpModel        *model,
                   const UpResults      *results,
                   const UpChartOptions *options)
{
  UpChartOptions defaults;
  g_auto(GStrv) old_names = NULL;
  g_autofree gboolean *old_visible = NULL;
  guint n_old;

  g_return_if_fail (self != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (results != NULL);
  g_return_if_fail (results->n_options == up_model_get_n_options (model));

  if (options == NULL)
    {
      up_chart_options_init (&defaults);
      options = &defaults;
    }

  /* Remember what the user hid, to keep it hidden across edits. */
  n_old = self->series->len;
  old_names = g_new0 (char *, n_old + 1);
  old_visible = g_new0 (gboolean, MAX (n_old, 1));
  for (guint i = 0; i < n_old; i++)
    {
      old_names[i] = g_strdup (_up_chart_series (self, i)->name);
      old_visible[i] = _up_chart_series (self, i)->visible;
    }

  clear_data (self);
  self->n_options = results->n_options;
  self->n_cycles = results->n_cycles;
  self->n_states = results->n_states;
  self->n_holders = results->n_holders;
  self->bau = up_model_get_bau_index (model);
  self->start_year = up_model_get_start_year (model);
  self->price_base_year = up_model_get_price_base_year (model);
  self->present_year = self->start_year - (int) round (up_model_get_time (model, 1));
  self->currency = g_strdup (up_model_get_currency (model));
  self->title = g_strdup (options->title);
  self->source = g_strdup (options->source);
  self->discount_basis = options->discount_basis != NULL
                         ? g_strdup (options->discount_basis)
                         : discount_basis (model, self->present_year);
  self->discounted = options->discounted;
  self->option = options->option >= 0 && options->option < self->n_options ? options->option
                                                                           : -1;
  self->option_names = copy_names (model, self->n_options, up_model_get_option_name);
  self->holder_names = copy_names (model, self->n_holders, up_model_get_holder_name);
  self->state_names = copy_names (model, self->n_states, up_model_get_state_name);
  self->holder_public = g_new0 (gboolean, MAX (self->n_holders, 1));
  self->holder_pooled = g_new0 (gboolean, MAX (self->n_holders, 1));
  for (int h = 0; h < self->n_holders; h++)
    {
      self->holder_public[h] = up_model_get_holder_public (model, h);
      self->holder_pooled[h] = up_model_get_holder_pooled (model, h);
    }
  self->state_crisis = g_new0 (gboolean, MAX (self->n_states, 1));
  for (int s = 0; s < self->n_states; s++)
    self->state_crisis[s] = up_model_get_state_crisis (model, s);
  self->break_even_year = g_new0 (int, self->n_options);
  for (int o = 0; o < self->n_options; o++)
    self->break_even_year[o] = results->metrics[o].break_even_year;
  self->stacked = FALSE;

  switch (self->kind)
    {
    case UP_CHART_CRISIS:
      set_crisis_data (self, model, results);
      break;
    case UP_CHART_NET:
      set_net_data (self, results);
      break;
    case UP_CHART_HOLDERS:
      set_holders_data (self, results);
      break;
    case UP_CHART_COHORT:
    default:
      set_cohort_data (self, results);
      break;
    }

  if (n_old == self->series->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < n_old && same; i++)
        same = g_strcmp0 (old_names[i], _up_chart_series (self, i)->name) == 0;
      for (guint i = 0; i < n_old && same; i++)
        _up_chart_series (self, i)->visible = old_visible[i];
    }

  self->mark_x = g_new (double, MAX (self->series->len, 1));
  self->mark_y = g_new (double, MAX (self->series->len, 1));
  for (guint i = 0; i < MAX (self->series->len, 1); i++)
    self->mark_x[i] = self->mark_y[i] = NAN;
  self->has_data = TRUE;
  _up_chart_resolve_colors (self);
  _up_chart_restack (self);
  _up_chart_clear_sprites (self);
  g_clear_object (&self->cursor_layout);
  self->stale = TRUE;
}

void
up_chart_set_theme (UpChart            *self,
                    const UpChartTheme *theme)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (theme != NULL);

  self->theme = *theme;
  g_free (self->font_family);
  self->font_family = g_strdup (theme->font_family);
  self->theme.font_family = self->font_family;
  _up_chart_resolve_colors (self);
  _up_chart_clear_sprites (self);
  g_clear_object (&self->cursor_layout);
  self->stale = TRUE;
}

void
up_chart_layout (UpChart      *self,
                 double        width,
                 double        height,
                 PangoContext *context)
{
  g_return_if_fail (self != NULL);

  /* A caller's context replaces ours; NULL keeps the chart's own one if it has it. */
  if (context != NULL ? context != self->context : !self->own_context)
    {
      g_clear_object (&self->scratch);
      g_clear_object (&self->cursor_layout);
      g_clear_object (&self->context);
      if (context != NULL)
        self->context = g_object_ref (context);
      self->own_context = FALSE;
    }
  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
  self->sized = TRUE;
  self->stale = TRUE;
  _up_chart_ensure_layout (self);
}

static PangoContext *
default_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: the same layout in PNG, SVG and PDF, and at any scale. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

/* Body text follows the picture's size: 14 px at 1280 × 800, less than in proportion
 * below (small pictures need readable text more than room) and nearly in proportion
 * above (a 4K export for a projector should look like the 1280 one, only sharper).
 * A widget passes its own size in the theme. */
static double
auto_font_size (double width,
                double height)
{
  double d = sqrt (width * height) / 1012.0;

  return CLAMP (14.0 * pow (d, d < 1 ? 0.6 : 0.85), 8.5, 48.0);
}

void
_up_chart_ensure_layout (UpChart *self)
{
  if (!self->stale || !self->sized)
    return;
  if (self->context == NULL)
    {
      self->context = default_context ();
      self->own_context = TRUE;
    }

  clear_texts (self);
  g_array_set_size (self->legend, 0);
  g_array_set_size (self->panels, 0);
  g_array_set_size (self->vticks, 0);
  g_array_set_size (self->xticks, 0);
  g_array_set_size (self->bars, 0);
  self->note = -1;
  self->font_px = self->theme.font_size > 0 ? self->theme.font_size
                                            : auto_font_size (self->width, self->height);
  _up_chart_fonts_update (self);
  self->line_width = CLAMP (self->font_px / 6.5, 1.5, 6.0)
                     * (self->theme.high_contrast ? 1.35 : 1.0);
  self->mark_radius = MAX (self->line_width * 1.5, self->font_px * 0.3);
  for (guint i = 0; self->mark_x != NULL && i < MAX (self->series->len, 1); i++)
    self->mark_x[i] = self->mark_y[i] = NAN;

  if (self->kind == UP_CHART_HOLDERS)
    _up_chart_holders_layout (self);
  else
    _up_chart_xy_layout (self);

  _up_chart_texts_finish (self);
  g_clear_object (&self->cursor_layout);
  self->stale = FALSE;
}

static void
draw_background (UpChart *self,
                 cairo_t *cr)
{
  if (self->theme.transparent || self->theme.background.alpha <= 0)
    return;
  _up_chart_set_color (cr, &self->theme.background, 1);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_fill (cr);
}

void
up_chart_draw (UpChart *self,
               cairo_t *cr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (!self->sized)
    return;
  _up_chart_ensure_layout (self);
  cairo_save (cr);
  draw_background (self, cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (self->has_data)
    {
      if (self->kind == UP_CHART_HOLDERS)
        _up_chart_holders_draw (self, cr);
      else
        _up_chart_xy_draw (self, cr);
    }
  _up_chart_draw_legend (self, cr);
  _up_chart_draw_texts (self, cr);
  cairo_restore (cr);
}

/* ---- Series ----------------------------------------------------------------------- */

int
up_chart_get_n_series (UpChart *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->series->len;
}

const char *
up_chart_get_series_name (UpChart *self,
                          int      series)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (series >= 0 && series < (int) self->series->len, NULL);
  return _up_chart_series (self, series)->name;
}

void
up_chart_get_series_color (UpChart      *self,
                           int           series,
                           UpChartColor *color)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (series >= 0 && series < (int) self->series->len);
  *color = _up_chart_series (self, series)->color;
}

gboolean
up_chart_get_series_visible (UpChart *self,
                             int      series)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (series >= 0 && series < (int) self->series->len, FALSE);
  return _up_chart_series (self, series)->visible;
}

void
up_chart_set_series_visible (UpChart  *self,
                             int       series,
                             gboolean  visible)
{
  ChartSeries *s;

  g_return_if_fail (self != NULL);
  g_return_if_fail (series >= 0 && series < (int) self->series->len);

  s = _up_chart_series (self, series);
  if (s->visible == !!visible)
    return;
  s->visible = !!visible;
  _up_chart_restack (self);
  if (self->has_cursor && self->cursor.series == series && !visible)
    up_chart_set_cursor (self, NULL);
  self->stale = TRUE;
}

void
up_chart_include_values (UpChart *self,
                         double   lo,
                         double   hi)
{
  g_return_if_fail (self != NULL);

  self->extra_lo = lo;
  self->extra_hi = hi;
  self->stale = TRUE;
}

/* ---- Geometry --------------------------------------------------------------------- */

int
up_chart_get_n_panels (UpChart *self)
{
  g_return_val_if_fail (self != NULL, 0);
  _up_chart_ensure_layout (self);
  return self->panels->len;
}

static ChartPanel *
get_panel (UpChart *self,
           int      panel)
{
  _up_chart_ensure_layout (self);
  if (panel < 0 || panel >= (int) self->panels->len)
    return NULL;
  return &g_array_index (self->panels, ChartPanel, panel);
}

gboolean
up_chart_get_panel_rect (UpChart     *self,
                         int          panel,
                         UpChartRect *out)
{
  ChartPanel *p;

  g_return_val_if_fail (self != NULL, FALSE);
  p = get_panel (self, panel);
  if (p == NULL)
    return FALSE;
  *out = p->plot;
  return TRUE;
}

int
up_chart_get_panel_option (UpChart *self,
                           int      panel)
{
  ChartPanel *p;

  g_return_val_if_fail (self != NULL, -1);
  p = get_panel (self, panel);
  return p != NULL ? p->option : -1;
}

double
up_chart_x_for_year (UpChart *self,
                     int      panel,
                     double   year)
{
  ChartPanel *p;

  g_return_val_if_fail (self != NULL, NAN);
  p = get_panel (self, panel);
  if (p == NULL || self->kind == UP_CHART_HOLDERS)
    return NAN;
  return p->xa + p->xb * year;
}

double
up_chart_position_for_value (UpChart *self,
                             int      panel,
                             double   value)
{
  ChartPanel *p;

  g_return_val_if_fail (self != NULL, NAN);
  p = get_panel (self, panel);
  if (p == NULL)
    return NAN;
  return p->va + p->vb * value;
}

const double *
up_chart_get_value_ticks (UpChart *self,
                          guint   *n_ticks)
{
  g_return_val_if_fail (self != NULL, NULL);
  _up_chart_ensure_layout (self);
  *n_ticks = self->vticks->len;
  return (const double *) self->vticks->data;
}

gboolean
up_chart_get_break_even_mark (UpChart *self,
                              int      option,
                              double  *x,
                              double  *y)
{
  g_return_val_if_fail (self != NULL, FALSE);
  _up_chart_ensure_layout (self);
  if (self->kind != UP_CHART_NET || !self->has_data)
    return FALSE;
  for (guint s = 0; s < self->series->len; s++)
    if (_up_chart_series (self, s)->option == option && !isnan (self->mark_x[s]))
      {
        *x = self->mark_x[s];
        *y = self->mark_y[s];
        return TRUE;
      }
  return FALSE;
}

gboolean
up_chart_get_bar_rect (UpChart     *self,
                       int          option,
                       int          holder,
                       UpChartBar   bar,
                       UpChartRect *out)
{
  g_return_val_if_fail (self != NULL, FALSE);
  _up_chart_ensure_layout (self);
  for (guint i = 0; i < self->bars->len; i++)
    {
      ChartBar *b = &g_array_index (self->bars, ChartBar, i);
      ChartPanel *p = &g_array_index (self->panels, ChartPanel, b->panel);

      if (p->option == option && self->row_holder[b->row] == holder && b->bar == bar)
        {
          *out = b->rect;
          return TRUE;
        }
    }
  return FALSE;
}

const UpChartRect *
up_chart_get_text_rects (UpChart *self,
                         guint   *n_rects)
{
  g_return_val_if_fail (self != NULL, NULL);
  _up_chart_ensure_layout (self);
  *n_rects = self->text_rects->len;
  return (const UpChartRect *) self->text_rects->data;
}

/* ---- Hover and keyboard ----------------------------------------------------------- */

static void
hit_init (UpChartHit *hit)
{
  memset (hit, 0, sizeof *hit);
  hit->kind = UP_CHART_HIT_NONE;
  hit->series = hit->panel = hit->option = hit->holder = hit->state = -1;
  hit->value = NAN;
}

gboolean
up_chart_hit (UpChart    *self,
              double      x,
              double      y,
              UpChartHit *out)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  hit_init (out);
  _up_chart_ensure_layout (self);
  if (!self->sized || !self->has_data)
    return FALSE;
  for (guint i = 0; i < self->legend->len; i++)
    {
      ChartLegendItem *item = &g_array_index (self->legend, ChartLegendItem, i);
      UpChartRect *r = &item->rect;

      if (!_up_chart_text (self, item->text)->shown)
        continue;
      if (x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height)
        {
          out->kind = UP_CHART_HIT_LEGEND;
          out->series = item->series;
          out->x = r->x + r->width / 2;
          out->y = r->y + r->height / 2;
          return TRUE;
        }
    }
  if (self->kind == UP_CHART_HOLDERS)
    return _up_chart_holders_hit (self, x, y, out);
  return _up_chart_xy_hit (self, x, y, out);
}

void
up_chart_set_cursor (UpChart          *self,
                     const UpChartHit *hit)
{
  g_return_if_fail (self != NULL);

  g_clear_object (&self->cursor_layout);
  if (hit == NULL || hit->kind == UP_CHART_HIT_NONE || hit->kind == UP_CHART_HIT_LEGEND)
    {
      self->has_cursor = FALSE;
      hit_init (&self->cursor);
      return;
    }
  self->cursor = *hit;
  self->has_cursor = TRUE;
}

/* The cursor is kept as indices; its value and position are read again after a change
 * of data or size. */
static gboolean
refresh_cursor (UpChart    *self,
                UpChartHit *out)
{
  UpChartHit *c = &self->cursor;

  if (self->kind == UP_CHART_HOLDERS)
    {
      for (int row = 0; row < self->n_rows; row++)
        if (self->row_holder[row] == c->holder)
          return _up_chart_holders_make_hit (self, c->panel, row, c->bar, out);
      return FALSE;
    }
  if (self->kind == UP_CHART_COHORT)
    return _up_chart_xy_make_hit (self, c->panel, c->series, c->cycle, out);
  return _up_chart_xy_make_hit (self, c->panel, c->series, c->cycle - 1, out);
}

gboolean
up_chart_get_cursor (UpChart    *self,
                     UpChartHit *out)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  hit_init (out);
  _up_chart_ensure_layout (self);
  if (!self->has_cursor || !self->has_data)
    return FALSE;
  if (!refresh_cursor (self, out))
    {
      hit_init (out);
      return FALSE;
    }
  return TRUE;
}

static int
first_visible_series (UpChart *self)
{
  for (guint s = 0; s < self->series->len; s++)
    if (_up_chart_series (self, s)->visible)
      return s;
  return -1;
}

static int
point_index (UpChart          *self,
             const UpChartHit *hit)
{
  return self->kind == UP_CHART_COHORT ? hit->cycle : hit->cycle - 1;
}

/* The visible series next above (dir 1) or below (dir -1) series s at point i: by value
 * for lines, by stacking order for bands. */
static int
neighbour_series (UpChart *self,
                  int      panel,
                  int      s,
                  int      i,
                  int      dir)
{
  int best = -1;
  double here, best_v = 0;

  if (self->stacked)
    {
      for (int t = s + dir; t >= 0 && t < (int) self->series->len; t += dir)
        if (_up_chart_series (self, t)->visible)
          return t;
      return -1;
    }
  here = _up_chart_value (self, panel, s, i);
  for (guint t = 0; t < self->series->len; t++)
    {
      double v;

      if ((int) t == s || !_up_chart_series (self, t)->visible)
        continue;
      v = _up_chart_value (self, panel, t, i);
      if (!isfinite (v))
        continue;
      /* Ties go by series order so that equal lines can all be reached. */
      if (dir > 0 ? (v > here || (v == here && (int) t > s))
                  : (v < here || (v == here && (int) t < s)))
        if (best < 0 || (dir > 0 ? v < best_v : v > best_v))
          {
            best = t;
            best_v = v;
          }
    }
  return best;
}

static gboolean
move_xy (UpChart     *self,
         UpChartMove  move,
         UpChartHit  *next)
{
  int panel = self->cursor.panel, s = self->cursor.series;
  int i = point_index (self, &self->cursor), n_panels = self->panels->len;
  int t;

  switch (move)
    {
    case UP_CHART_MOVE_LEFT:
      i = MAX (i - 1, 0);
      break;
    case UP_CHART_MOVE_RIGHT:
      i = MIN (i + 1, self->n_x - 1);
      break;
    case UP_CHART_MOVE_HOME:
      i = 0;
      break;
    case UP_CHART_MOVE_END:
      i = self->n_x - 1;
      break;
    case UP_CHART_MOVE_UP:
    case UP_CHART_MOVE_DOWN:
      t = neighbour_series (self, panel, s, i, move == UP_CHART_MOVE_UP ? 1 : -1);
      if (t >= 0)
        s = t;
      break;
    case UP_CHART_MOVE_PAGE_UP:
      panel = MAX (panel - 1, 0);
      break;
    case UP_CHART_MOVE_PAGE_DOWN:
    default:
      panel = MIN (panel + 1, n_panels - 1);
      break;
    }
  return _up_chart_xy_make_hit (self, panel, s, i, next);
}

static gboolean
move_holders (UpChart     *self,
              UpChartMove  move,
              UpChartHit  *next)
{
  int panel = self->cursor.panel, row = 0, n_panels = self->panels->len;

  for (int r = 0; r < self->n_rows; r++)
    if (self->row_holder[r] == self->cursor.holder)
      row = r;
  switch (move)
    {
    case UP_CHART_MOVE_LEFT:
      panel = MAX (panel - 1, 0);
      break;
    case UP_CHART_MOVE_RIGHT:
      panel = MIN (panel + 1, n_panels - 1);
      break;
    case UP_CHART_MOVE_HOME:
      panel = 0;
      break;
    case UP_CHART_MOVE_END:
      panel = n_panels - 1;
      break;
    case UP_CHART_MOVE_UP:
    case UP_CHART_MOVE_PAGE_UP:
      row = MAX (row - 1, 0);
      break;
    case UP_CHART_MOVE_DOWN:
    case UP_CHART_MOVE_PAGE_DOWN:
    default:
      row = MIN (row + 1, self->n_rows - 1);
      break;
    }
  return _up_chart_holders_make_hit (self, panel, row, UP_CHART_BAR_NET, next);
}

gboolean
up_chart_move_cursor (UpChart     *self,
                      UpChartMove  move)
{
  UpChartHit next;
  gboolean moved;

  g_return_val_if_fail (self != NULL, FALSE);

  _up_chart_ensure_layout (self);
  if (!self->has_data || self->panels->len == 0)
    return FALSE;
  if (!self->has_cursor || !refresh_cursor (self, &next))
    {
      /* Start where the story ends: the last year of the first series. */
      if (self->kind == UP_CHART_HOLDERS)
        moved = _up_chart_holders_make_hit (self, 0, 0, UP_CHART_BAR_NET, &next);
      else
        moved = first_visible_series (self) >= 0
                && _up_chart_xy_make_hit (self, 0, first_visible_series (self),
                                          self->n_x - 1, &next);
      if (moved)
        up_chart_set_cursor (self, &next);
      return moved;
    }
  self->cursor = next;
  if (self->kind == UP_CHART_HOLDERS)
    moved = move_holders (self, move, &next);
  else
    moved = move_xy (self, move, &next);
  if (!moved)
    return FALSE;
  moved = next.panel != self->cursor.panel || next.series != self->cursor.series
          || next.cycle != self->cursor.cycle || next.holder != self->cursor.holder;
  if (moved)
    up_chart_set_cursor (self, &next);
  return moved;
}
