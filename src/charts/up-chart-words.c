/* up-chart-words.c: titles, notes, the description, the table and the read-out
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything a chart says in words comes from here, translated, from the same numbers
 * it draws: what is hidden is left out of the words and the table too.
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "up-chart-private.h"
#include "up-format.h"

char *
_up_chart_money (UpChart *self,
                 double   value)
{
  return up_format_money_short (value, self->currency);
}

char *
_up_chart_money_full (UpChart *self,
                      double   value)
{
  return up_format_money (value, self->currency);
}

static char *
people (double value)
{
  return up_format_number (value, fabs (value) < 100 ? 1 : 0);
}

static int
last_year (UpChart *self)
{
  return self->x0_year + self->n_x - 1;
}

char *
_up_chart_default_title (UpChart *self)
{
  switch (self->kind)
    {
    case UP_CHART_CRISIS:
      if (self->stacked && self->option >= 0)
        /* translators: chart title; %s is an option's name */
        return g_strdup_printf (_("Crisis cost per year: %s"), self->option_names[self->option]);
      return g_strdup (_("Crisis cost per year"));
    case UP_CHART_NET:
      return g_strdup (_("Cumulative net position against business as usual"));
    case UP_CHART_HOLDERS:
      return g_strdup (_("Who pays, who saves"));
    case UP_CHART_COHORT:
    default:
      return g_strdup (_("People by state"));
    }
}

char *
up_chart_get_title (UpChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->title != NULL)
    return g_strdup (self->title);
  return _up_chart_default_title (self);
}

char *
_up_chart_subtitle (UpChart *self)
{
  if (!self->has_data)
    return NULL;
  switch (self->kind)
    {
    case UP_CHART_CRISIS:
      if (self->stacked)
        return g_strdup (self->discounted
                         ? _("By public budget holder, discounted; business as usual’s total "
                             "dashed")
                         : _("By public budget holder, undiscounted; business as usual’s total "
                             "dashed"));
      return g_strdup (self->discounted
                       ? _("Public budget holders, discounted; business as usual dashed")
                       : _("Public budget holders, undiscounted; business as usual dashed"));
    case UP_CHART_NET:
      return g_strdup (_("Public money saved (above zero) or spent (below) to date, discounted; "
                         "each mark is the year an option breaks even"));
    case UP_CHART_HOLDERS:
      /* translators: chart subtitle; the two %d are years */
      return g_strdup_printf (_("What each budget holder pays (left of zero) or saves (right) "
                                "against business as usual, %d to %d, discounted"),
                              self->start_year, self->start_year + self->n_cycles - 1);
    case UP_CHART_COHORT:
    default:
      return g_strdup (_("People in each state at the start of each year, one panel per option"));
    }
}

char *
_up_chart_footnote (UpChart *self)
{
  GString *note = g_string_new (NULL);

  if (!self->has_data)
    {
      g_string_free (note, TRUE);
      return NULL;
    }
  if (self->kind != UP_CHART_COHORT)
    {
      if (self->kind == UP_CHART_CRISIS && !self->discounted)
        /* translators: chart footnote; %d is the price base year */
        g_string_append_printf (note, _("Money at %d prices, not discounted."),
                                self->price_base_year);
      else
        /* translators: chart footnote; %d is the price base year, %s says how money is
         * discounted, such as “discounted to 2026 at 3.5% a year” */
        g_string_append_printf (note, _("Money at %d prices, %s."), self->price_base_year,
                                self->discount_basis);
      g_string_append_c (note, ' ');
    }
  switch (self->kind)
    {
    case UP_CHART_CRISIS:
      g_string_append (note, _("Crisis cost: service use of crisis states and entries into "
                               "them, borne by public budget holders."));
      break;
    case UP_CHART_NET:
      g_string_append (note, _("An option breaks even in the first year from which its "
                               "cumulative net position stays at or above zero."));
      break;
    case UP_CHART_HOLDERS:
      {
        g_autoptr(GString) names = g_string_new (NULL);

        for (int h = 0; h < self->n_holders; h++)
          if (self->holder_pooled[h])
            {
              if (names->len > 0)
                g_string_append (names, ", ");
              g_string_append (names, self->holder_names[h]);
            }
        if (names->len > 0)
          /* translators: chart footnote; %s lists budget holders */
          g_string_append_printf (note, _("Pooled budget: %s."), names->str);
        else
          g_string_append (note, _("No budget holder is in a pooled budget."));
      }
      break;
    case UP_CHART_COHORT:
    default:
      g_string_append (note, _("A cohort model: people are expected numbers, not individuals."));
      break;
    }
  g_string_append_c (note, ' ');
  if (self->source != NULL && self->source[0] != '\0')
    /* translators: chart footnote; %s names the plan (and scenario) */
    g_string_append_printf (note, _("Source: Upstream projection of %s."), self->source);
  else
    g_string_append (note, _("Source: Upstream projection."));
  return g_string_free (note, FALSE);
}

char *
_up_chart_showing_note (int shown,
                        int total)
{
  /* translators: above small charts when there is no room for one per option; the first
   * %d is how many are shown, the second how many options there are */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Showing %d of %d option: make the chart bigger to see "
                                       "them all.",
                                       "Showing %d of %d options: make the chart bigger to see "
                                       "them all.", total),
                          shown, total);
}

/* ---- Description ------------------------------------------------------------------ */

static double
series_total (UpChart *self,
              int      panel,
              int      s)
{
  double sum = 0;

  for (int i = 0; i < self->n_x; i++)
    {
      double v = _up_chart_value (self, panel, s, i);

      if (isfinite (v))
        sum += v;
    }
  return sum;
}

static int
bau_series (UpChart *self)
{
  for (guint s = 0; s < self->series->len; s++)
    if (_up_chart_series (self, s)->bau)
      return s;
  return -1;
}

static void
describe_crisis (UpChart *self,
                 GString *text)
{
  int first = self->x0_year, last = last_year (self), bau = bau_series (self);
  double bau_total = bau >= 0 ? series_total (self, 0, bau) : NAN;
  gboolean any = FALSE;

  if (self->stacked)
    g_string_append_printf (text, self->discounted
                            /* translators: %s is an option, the %d are years */
                            ? _("Crisis cost per year of %s by public budget holder, %d to %d, "
                                "discounted.")
                            : _("Crisis cost per year of %s by public budget holder, %d to %d, "
                                "undiscounted."),
                            self->option_names[self->option], first, last);
  else
    g_string_append_printf (text, self->discounted
                            ? _("Crisis cost per year by option, %d to %d, discounted.")
                            : _("Crisis cost per year by option, %d to %d, undiscounted."),
                            first, last);
  g_string_append_c (text, ' ');
  /* translators: starts a list of totals over the years of a chart */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Over the %d year: ",
                                             "Over the %d years: ", self->n_x), self->n_x);
  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);
      double total;
      g_autofree char *money = NULL;

      if (!series->visible || (self->stacked && series->line))
        continue;
      total = series_total (self, 0, s);
      money = _up_chart_money (self, total);
      if (any)
        g_string_append (text, "; ");
      /* translators: a name and an amount in a list */
      g_string_append_printf (text, _("%s %s"), series->name, money);
      if (!self->stacked && !series->bau && bau >= 0 && _up_chart_series (self, bau)->visible)
        {
          double d = total - bau_total;
          g_autofree char *diff = _up_chart_money (self, fabs (d));

          if (fabs (d) >= 0.5)
            g_string_append_printf (text, d < 0
                                    /* translators: after an amount, against business as usual */
                                    ? _(" (%s less than business as usual)")
                                    : _(" (%s more than business as usual)"), diff);
        }
      any = TRUE;
    }
  if (self->stacked && bau >= 0 && _up_chart_series (self, bau)->visible)
    {
      g_autofree char *money = _up_chart_money (self, bau_total);

      if (any)
        g_string_append (text, "; ");
      /* translators: the total of business as usual, after a list of budget holders */
      g_string_append_printf (text, _("against %s for business as usual"), money);
      any = TRUE;
    }
  if (!any)
    g_string_append (text, _("nothing shown"));
  g_string_append_c (text, '.');
}

static void
describe_net (UpChart *self,
              GString *text)
{
  int first = self->x0_year, last = last_year (self);
  gboolean any = FALSE;

  /* translators: the two %d are years */
  g_string_append_printf (text, _("Cumulative net position against business as usual, %d to %d, "
                                  "discounted: "), first, last);
  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);
      double end = _up_chart_value (self, 0, s, self->n_x - 1);
      int year = self->break_even_year[series->option];
      g_autofree char *money = _up_chart_money (self, fabs (end));

      if (!series->visible)
        continue;
      if (any)
        g_string_append (text, "; ");
      if (year != 0)
        /* translators: %s an option, %d a year */
        g_string_append_printf (text, _("%s breaks even in %d"), series->name, year);
      else
        /* translators: %s an option, %d the last year of the projection */
        g_string_append_printf (text, _("%s does not break even by %d"), series->name, last);
      if (end >= 0)
        /* translators: continues “… breaks even in 2031”; %s is money */
        g_string_append_printf (text, _(" and ends %s ahead"), money);
      else
        g_string_append_printf (text, _(" and ends %s behind"), money);
      any = TRUE;
    }
  if (!any)
    g_string_append (text, _("nothing shown"));
  g_string_append_c (text, '.');
}

static void
describe_holders (UpChart *self,
                  GString *text)
{
  /* translators: the two %d are years */
  g_string_append_printf (text, _("Who pays and who saves, %d to %d, discounted."),
                          self->start_year, self->start_year + self->n_cycles - 1);
  for (guint s = 0; s < self->series->len; s++)
    {
      ChartSeries *series = _up_chart_series (self, s);
      int o = series->option, payer = -1, saver = -1, H = self->n_holders;
      double most_paid = 0, most_saved = 0;

      if (!series->visible)
        continue;
      for (int h = 0; h < H; h++)
        {
          if (self->extra[o * H + h] > most_paid)
            most_paid = self->extra[o * H + h], payer = h;
          if (self->savings[o * H + h] > most_saved)
            most_saved = self->savings[o * H + h], saver = h;
        }
      g_string_append_printf (text, " %s: ", series->name);
      if (payer >= 0)
        {
          g_autofree char *money = _up_chart_money (self, most_paid);

          /* translators: %s a budget holder, %s money */
          g_string_append_printf (text, _("%s pays most (%s)"), self->holder_names[payer], money);
        }
      else
        g_string_append (text, _("nobody pays more"));
      g_string_append (text, ", ");
      if (saver >= 0)
        {
          g_autofree char *money = _up_chart_money (self, most_saved);

          /* translators: %s a budget holder, %s money */
          g_string_append_printf (text, _("%s saves most (%s)"), self->holder_names[saver], money);
        }
      else
        g_string_append (text, _("nobody saves"));
      if (self->n_rows > 0 && self->row_holder[self->n_rows - 1] < 0)
        {
          g_autofree char *money = _up_chart_money (self, self->pooled[o * 3 + 2]);

          /* translators: %s is money */
          g_string_append_printf (text, _("; the pooled budget’s net is %s"), money);
        }
      g_string_append_c (text, '.');
    }
}

static void
describe_cohort (UpChart *self,
                 GString *text)
{
  int last = last_year (self), i = self->n_x - 1;
  gboolean any_crisis = FALSE;

  /* translators: the two %d are years */
  g_string_append_printf (text, _("People by state, %d to %d, one panel per option."),
                          self->x0_year, last);
  for (int s = 0; s < self->n_states; s++)
    any_crisis |= self->state_crisis[s] && _up_chart_series (self, s)->visible;
  for (int p = 0; p < self->n_data_panels; p++)
    {
      double crisis = 0, biggest = -1;
      int big = -1;
      g_autofree char *count = NULL;

      for (int s = 0; s < self->n_states; s++)
        {
          double v = _up_chart_value (self, p, s, i);

          if (!_up_chart_series (self, s)->visible)
            continue;
          if (self->state_crisis[s])
            crisis += v;
          if (v > biggest)
            biggest = v, big = s;
        }
      g_string_append_printf (text, " %s: ", self->option_names[self->data_panel_option[p]]);
      if (any_crisis)
        {
          count = people (crisis);
          /* translators: %s a number of people, %d a year */
          g_string_append_printf (text, _("%s people in crisis states in %d"), count, last);
        }
      if (big >= 0)
        {
          g_autofree char *n = people (biggest);

          if (any_crisis)
            g_string_append (text, ", ");
          /* translators: %s a state, %s a number of people */
          g_string_append_printf (text, _("most in %s (%s)"), self->state_names[big], n);
        }
      g_string_append_c (text, '.');
    }
}

char *
up_chart_describe (UpChart *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->has_data)
    return g_strdup (_("No projection to show."));
  text = g_string_new (NULL);
  switch (self->kind)
    {
    case UP_CHART_CRISIS:
      describe_crisis (self, text);
      break;
    case UP_CHART_NET:
      if (self->series->len == 0)
        g_string_append (text, _("No option to compare with business as usual."));
      else
        describe_net (self, text);
      break;
    case UP_CHART_HOLDERS:
      if (self->series->len == 0)
        g_string_append (text, _("No option to compare with business as usual."));
      else
        describe_holders (self, text);
      break;
    case UP_CHART_COHORT:
    default:
      describe_cohort (self, text);
      break;
    }
  return g_string_free (text, FALSE);
}

/* ---- Table ------------------------------------------------------------------------ */

static void
add_row (GPtrArray *table,
         GPtrArray *row)
{
  g_ptr_array_add (row, NULL);
  g_ptr_array_add (table, g_ptr_array_free (row, FALSE));
}

GPtrArray *
up_chart_table (UpChart *self)
{
  GPtrArray *table;
  GPtrArray *row;

  g_return_val_if_fail (self != NULL, NULL);

  table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  if (!self->has_data)
    return table;

  if (self->kind == UP_CHART_HOLDERS)
    {
      row = g_ptr_array_new ();
      g_ptr_array_add (row, g_strdup (_("Option")));
      g_ptr_array_add (row, g_strdup (_("Budget holder")));
      g_ptr_array_add (row, g_strdup (_("Extra delivery cost")));
      g_ptr_array_add (row, g_strdup (_("Savings")));
      g_ptr_array_add (row, g_strdup (_("Net")));
      add_row (table, row);
      for (guint s = 0; s < self->series->len; s++)
        {
          ChartSeries *series = _up_chart_series (self, s);

          if (!series->visible)
            continue;
          for (int r = 0; r < self->n_rows; r++)
            {
              int h = self->row_holder[r];
              double extra, savings, net;

              _up_chart_holders_row_values (self, series->option, r, &extra, &savings, &net);
              row = g_ptr_array_new ();
              g_ptr_array_add (row, g_strdup (series->name));
              g_ptr_array_add (row, g_strdup (h >= 0 ? self->holder_names[h] : _("Pooled budget")));
              g_ptr_array_add (row, _up_chart_money_full (self, extra));
              g_ptr_array_add (row, _up_chart_money_full (self, savings));
              g_ptr_array_add (row, _up_chart_money_full (self, net));
              add_row (table, row);
            }
        }
      return table;
    }

  if (self->kind == UP_CHART_COHORT)
    {
      row = g_ptr_array_new ();
      g_ptr_array_add (row, g_strdup (_("Option")));
      g_ptr_array_add (row, g_strdup (_("Year")));
      for (guint s = 0; s < self->series->len; s++)
        if (_up_chart_series (self, s)->visible)
          g_ptr_array_add (row, g_strdup (_up_chart_series (self, s)->name));
      g_ptr_array_add (row, g_strdup (_("Total")));
      add_row (table, row);
      for (int p = 0; p < self->n_data_panels; p++)
        for (int i = 0; i < self->n_x; i++)
          {
            double total = 0;

            row = g_ptr_array_new ();
            g_ptr_array_add (row, g_strdup (self->option_names[self->data_panel_option[p]]));
            g_ptr_array_add (row, g_strdup_printf ("%d", self->x0_year + i));
            for (guint s = 0; s < self->series->len; s++)
              if (_up_chart_series (self, s)->visible)
                {
                  double v = _up_chart_value (self, p, s, i);

                  total += v;
                  g_ptr_array_add (row, up_format_number (v, 1));
                }
            g_ptr_array_add (row, up_format_number (total, 1));
            add_row (table, row);
          }
      return table;
    }

  /* Crisis and net: a row per year, a column per series. */
  row = g_ptr_array_new ();
  g_ptr_array_add (row, g_strdup (_("Year")));
  for (guint s = 0; s < self->series->len; s++)
    if (_up_chart_series (self, s)->visible)
      g_ptr_array_add (row, g_strdup (_up_chart_series (self, s)->name));
  add_row (table, row);
  for (int i = 0; i < self->n_x; i++)
    {
      row = g_ptr_array_new ();
      g_ptr_array_add (row, g_strdup_printf ("%d", self->x0_year + i));
      for (guint s = 0; s < self->series->len; s++)
        if (_up_chart_series (self, s)->visible)
          g_ptr_array_add (row, _up_chart_money_full (self, _up_chart_value (self, 0, s, i)));
      add_row (table, row);
    }
  if (self->kind == UP_CHART_NET)
    {
      row = g_ptr_array_new ();
      g_ptr_array_add (row, g_strdup (_("Breaks even")));
      for (guint s = 0; s < self->series->len; s++)
        {
          ChartSeries *series = _up_chart_series (self, s);
          int year = self->break_even_year[series->option];

          if (series->visible)
            g_ptr_array_add (row, year != 0 ? g_strdup_printf ("%d", year) : g_strdup (_("never")));
        }
      add_row (table, row);
    }
  return table;
}

/* ---- Read-out --------------------------------------------------------------------- */

char *
up_chart_hit_describe (UpChart          *self,
                       const UpChartHit *hit)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (hit != NULL, NULL);

  switch (hit->kind)
    {
    case UP_CHART_HIT_BAR:
      {
        int row = -1;
        double extra = 0, savings = 0, net = 0;
        g_autofree char *a = NULL;
        g_autofree char *b = NULL;
        g_autofree char *c = NULL;
        g_autofree char *pays = NULL;
        g_autofree char *saves = NULL;
        const char *holder;

        for (int r = 0; r < self->n_rows; r++)
          if (self->row_holder[r] == hit->holder)
            row = r;
        if (row < 0 || hit->option < 0)
          return g_strdup ("");
        _up_chart_holders_row_values (self, hit->option, row, &extra, &savings, &net);
        a = _up_chart_money (self, fabs (extra));
        b = _up_chart_money (self, fabs (savings));
        c = _up_chart_money (self, net);
        /* translators: read-out of a budget holder's extra delivery cost, %s is money */
        pays = g_strdup_printf (extra >= 0 ? _("pays %s more") : _("pays %s less"), a);
        /* translators: read-out of a budget holder's savings, %s is money */
        saves = g_strdup_printf (savings >= 0 ? _("saves %s") : _("spends %s more on services"), b);
        holder = hit->holder >= 0 ? self->holder_names[hit->holder] : _("Pooled budget");
        /* translators: a chart read-out: option · budget holder, then what it pays, what
         * it saves and its net position */
        return g_strdup_printf (_("%s · %s\n%s · %s · net %s"),
                                self->option_names[hit->option], holder, pays, saves, c);
      }
    case UP_CHART_HIT_POINT:
    case UP_CHART_HIT_BAND:
    case UP_CHART_HIT_MARK:
      {
        const char *name;
        g_autofree char *value = NULL;

        if (hit->series < 0 || hit->series >= (int) self->series->len)
          return g_strdup ("");
        name = _up_chart_series (self, hit->series)->name;
        if (self->kind == UP_CHART_COHORT)
          {
            value = people (hit->value);
            /* translators: a chart read-out: year · option, then state and people */
            return g_strdup_printf (_("%d · %s\n%s: %s people"), hit->year,
                                    self->option_names[hit->option], name, value);
          }
        value = _up_chart_money (self, hit->value);
        if (hit->kind == UP_CHART_HIT_MARK)
          /* translators: a chart read-out at a break-even mark */
          return g_strdup_printf (_("%s breaks even in %d\n%s to date"), name, hit->year, value);
        /* translators: a chart read-out: year · series, then the amount */
        return g_strdup_printf (_("%d · %s\n%s"), hit->year, name, value);
      }
    case UP_CHART_HIT_LEGEND:
      if (hit->series >= 0 && hit->series < (int) self->series->len)
        return g_strdup (_up_chart_series (self, hit->series)->name);
      return g_strdup ("");
    case UP_CHART_HIT_NONE:
    default:
      return g_strdup ("");
    }
}

void
up_chart_draw_cursor (UpChart *self,
                      cairo_t *cr)
{
  UpChartHit hit;
  ChartPanel *p;
  double f, pad, w, h, x, y, ring;
  PangoRectangle logical;
  UpChartColor guide;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (!up_chart_get_cursor (self, &hit) || hit.panel < 0)
    return;
  p = &g_array_index (self->panels, ChartPanel, hit.panel);
  f = self->font_px;
  pad = round (f * 0.45);
  ring = self->mark_radius * 2.0;

  cairo_save (cr);
  guide = self->theme.foreground;
  guide.alpha *= self->theme.high_contrast ? 0.8 : 0.35;
  _up_chart_set_color (cr, &guide, 1);
  if (self->kind == UP_CHART_HOLDERS)
    {
      _up_chart_hline (cr, p->plot.x, p->plot.x + p->plot.width, hit.y - self->row_height / 2, 1);
      _up_chart_hline (cr, p->plot.x, p->plot.x + p->plot.width, hit.y + self->row_height / 2, 1);
    }
  else
    _up_chart_vline (cr, hit.x, p->plot.y, p->plot.y + p->plot.height, 1);
  cairo_fill (cr);

  cairo_new_path (cr);
  cairo_arc (cr, hit.x, hit.y, ring, 0, 2 * G_PI);
  _up_chart_set_color (cr, &self->theme.accent, 1);
  cairo_set_line_width (cr, MAX (2.0, self->line_width));
  cairo_stroke (cr);

  if (self->cursor_layout == NULL)
    {
      g_autofree char *text = up_chart_hit_describe (self, &hit);

      self->cursor_layout = pango_layout_new (self->context);
      pango_layout_set_font_description (self->cursor_layout, self->fonts[FONT_SMALL]);
      pango_layout_set_width (self->cursor_layout,
                              (int) (MAX (self->width * 0.45, f * 8) * PANGO_SCALE));
      pango_layout_set_wrap (self->cursor_layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (self->cursor_layout, text, -1);
    }
  pango_layout_get_pixel_extents (self->cursor_layout, NULL, &logical);
  w = logical.width + 2 * pad;
  h = logical.height + 2 * pad;
  x = hit.x + ring + pad;
  if (x + w > self->width)
    x = hit.x - ring - pad - w;
  x = round (CLAMP (x, 0, MAX (self->width - w, 0)));
  y = round (CLAMP (hit.y - h - ring * 0.5, 0, MAX (self->height - h, 0)));

  cairo_new_path (cr);
  cairo_rectangle (cr, x + 0.5, y + 0.5, w - 1, h - 1);
  {
    /* Opaque enough to read over the chart even when the chart has no background. */
    UpChartColor box = self->theme.background;

    box.alpha = 0.96;
    _up_chart_set_color (cr, &box, 1);
  }
  cairo_fill_preserve (cr);
  _up_chart_set_color (cr, &self->theme.accent, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  _up_chart_set_color (cr, &self->theme.foreground, 1);
  cairo_move_to (cr, x + pad - logical.x, y + pad - logical.y);
  pango_cairo_show_layout (cr, self->cursor_layout);
  cairo_restore (cr);
}
