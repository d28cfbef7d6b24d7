/* up-format.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "up-format.h"

#define MINUS "−"  /* U+2212, reads better than a hyphen in tables */

const char *
up_currency_symbol (const char *currency)
{
  if (currency == NULL || g_strcmp0 (currency, "GBP") == 0)
    return "£";
  if (g_strcmp0 (currency, "EUR") == 0)
    return "€";
  if (g_strcmp0 (currency, "USD") == 0)
    return "$";
  return NULL;
}

static char *
with_symbol (double      value,
             const char *currency,
             const char *digits)
{
  const char *symbol = up_currency_symbol (currency);
  const char *sign = value < 0 ? MINUS : "";

  if (symbol != NULL)
    return g_strdup_printf ("%s%s%s", sign, symbol, digits);
  return g_strdup_printf ("%s%s %s", sign, currency, digits);
}

char *
up_format_money (double      value,
                 const char *currency)
{
  g_autofree char *digits = NULL;

  if (isnan (value))
    return g_strdup ("—");
  /* %' groups thousands in the user's locale (glibc). */
  digits = g_strdup_printf ("%'.0f", fabs (value));
  if (strcmp (digits, "0") == 0)
    value = 0;
  return with_symbol (value, currency, digits);
}

char *
up_format_money_short (double      value,
                       const char *currency)
{
  double a = fabs (value);
  g_autofree char *digits = NULL;

  if (isnan (value))
    return g_strdup ("—");
  if (a >= 999.95e6)
    /* translators: billions of money, as in £2.1bn */
    digits = g_strdup_printf (_("%.1fbn"), a / 1e9);
  else if (a >= 999.5e3)
    /* translators: millions of money, as in £1.2m */
    digits = g_strdup_printf (_("%.1fm"), a / 1e6);
  else if (a >= 9999.5)
    /* translators: thousands of money, as in £340k */
    digits = g_strdup_printf (_("%.0fk"), a / 1e3);
  else
    digits = g_strdup_printf ("%'.0f", a);
  if (a < 0.5)
    value = 0;
  return with_symbol (value, currency, digits);
}

char *
up_format_percent (double fraction)
{
  double p;

  if (isnan (fraction))
    return g_strdup ("—");
  p = fraction * 100.0;
  if (fabs (p - round (p)) < 1e-9)
    /* translators: a percentage */
    return g_strdup_printf (_("%.0f%%"), p);
  return g_strdup_printf (_("%.1f%%"), p);
}

char *
up_format_number (double value,
                  int    decimals)
{
  if (isnan (value))
    return g_strdup ("—");
  if (value < 0)
    {
      g_autofree char *s = g_strdup_printf ("%'.*f", decimals, -value);

      return g_strconcat (MINUS, s, NULL);
    }
  return g_strdup_printf ("%'.*f", decimals, value);
}

double
up_round_significant (double value,
                      int    figures)
{
  double magnitude;

  if (value == 0 || !isfinite (value))
    return value;
  magnitude = pow (10, figures - (int) ceil (log10 (fabs (value))));
  return round (value * magnitude) / magnitude;
}
