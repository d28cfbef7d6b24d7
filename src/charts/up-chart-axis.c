/* up-chart-axis.c: nice ticks and their labels
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ticks fall on 1, 2 or 5 times a power of ten, and the axis ends on a tick. Money tick
 * labels follow up_format_money_short() (symbol first, a minus sign, k / m / bn) but use
 * one unit for the whole axis and as many decimals as the step needs, so an axis reads
 * "£0  £0.5m  £1.0m  £1.5m" rather than mixing "£500k" and "£1.0m", and two ticks never
 * get the same label.
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "up-chart-private.h"
#include "up-format.h"

#define MINUS "−"

double
_up_chart_nice_step (double raw)
{
  double magnitude, f;

  if (!(raw > 0) || !isfinite (raw))
    return 1.0;
  magnitude = pow (10, floor (log10 (raw)));
  f = raw / magnitude;
  if (f <= 1.0 + 1e-9)
    return magnitude;
  if (f <= 2.0 + 1e-9)
    return 2 * magnitude;
  if (f <= 5.0 + 1e-9)
    return 5 * magnitude;
  return 10 * magnitude;
}

void
_up_chart_nice_range (double  lo,
                      double  hi,
                      int     target,
                      double *out_lo,
                      double *out_hi,
                      double *step)
{
  double s;

  if (!isfinite (lo) || !isfinite (hi))
    lo = hi = 0;
  if (lo > hi)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }
  if (hi - lo <= 1e-12 * MAX (fabs (lo), fabs (hi)))
    {
      /* Flat data: show it against zero, or a unit range around zero. */
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
      if (hi - lo <= 0)
        hi = lo + 1;
    }
  target = MAX (target, 1);
  s = _up_chart_nice_step ((hi - lo) / target);
  *out_lo = floor (lo / s + 1e-9) * s;
  *out_hi = ceil (hi / s - 1e-9) * s;
  if (*out_hi - *out_lo < s * 0.5)
    *out_hi = *out_lo + s;
  /* -0 reads badly in tests and in labels. */
  if (*out_lo == 0)
    *out_lo = 0;
  *step = s;
}

char *
_up_chart_format_tick (UpChart *self,
                       double   value,
                       double   step,
                       double   max_abs)
{
  double unit = 1, q;
  int decimals = 0, kind = 0;
  g_autofree char *digits = NULL;
  g_autofree char *number = NULL;
  const char *sign;

  if (fabs (value) < step * 1e-6)
    value = 0;
  if (max_abs >= 999.95e6)
    unit = 1e9, kind = 3;
  else if (max_abs >= 999.5e3)
    unit = 1e6, kind = 2;
  else if (max_abs >= 9999.5)
    unit = 1e3, kind = 1;
  for (q = step / unit; q < 0.999999 && decimals < 6; q *= 10)
    decimals++;

  if (value == 0)
    number = g_strdup ("0");
  else
    {
      digits = g_strdup_printf ("%'.*f", decimals, fabs (value) / unit);
      switch (kind)
        {
        case 3:
          /* translators: a chart axis in billions, %s is a number: £2bn */
          number = g_strdup_printf (_("%sbn"), digits);
          break;
        case 2:
          /* translators: a chart axis in millions, %s is a number: £1.5m */
          number = g_strdup_printf (_("%sm"), digits);
          break;
        case 1:
          /* translators: a chart axis in thousands, %s is a number: £250k */
          number = g_strdup_printf (_("%sk"), digits);
          break;
        default:
          number = g_steal_pointer (&digits);
          break;
        }
    }
  sign = value < 0 ? MINUS : "";
  if (_up_chart_value_is_money (self))
    {
      const char *symbol = up_currency_symbol (self->currency);

      if (symbol != NULL)
        return g_strdup_printf ("%s%s%s", sign, symbol, number);
      return g_strdup_printf ("%s%s %s", sign, self->currency, number);
    }
  return g_strdup_printf ("%s%s", sign, number);
}

/* The smallest step in years, from 1, 2, 5, 10, 20, 25, 50, 100, that gives each label
 * its room. */
int
_up_chart_year_step (double px_per_year,
                     double label_width)
{
  static const int steps[] = { 1, 2, 5, 10, 20, 25, 50, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * px_per_year >= label_width)
      return steps[i];
  return 200;
}
