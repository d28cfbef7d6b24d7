/* up-util.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "up-error.h"
#include "up-types.h"
#include "up-util.h"

G_DEFINE_QUARK (up-error-quark, up_error)

const char *
up_format_double (char   *buf,
                  double  value)
{
  char format[8];
  int digits, exponent;

  if (value == 0.0)
    value = 0.0;  /* fold -0 into 0 so files do not carry "-0" */
  if (!isfinite (value))
    return g_ascii_dtostr (buf, G_ASCII_DTOSTR_BUF_SIZE, value);
  /* g_ascii_dtostr always writes 17 significant digits ("0.1" becomes
   * "0.10000000000000001"): find the fewest that read back to the same bits ("%.17g"
   * always does), then write whole numbers below 1e17 without an exponent, so that
   * 1500 stays "1500" rather than "1.5e+03" and a whole number reads as one. */
  for (digits = 1; digits < 17; digits++)
    {
      g_snprintf (format, sizeof format, "%%.%de", digits - 1);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_snprintf (format, sizeof format, "%%.%de", digits - 1);
  g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
  exponent = atoi (strchr (buf, 'e') + 1);
  g_snprintf (format, sizeof format, "%%.%dg", CLAMP (exponent + 1, digits, 17));
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
}

gboolean
up_parse_double (const char *text,
                 double     *out,
                 GError    **error)
{
  char *end = NULL;
  double v;
  const char *p;

  if (text == NULL)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID, "expected a number");
      return FALSE;
    }
  while (g_ascii_isspace (*text))
    text++;
  /* Refuse the spellings strtod accepts but a plan must not hold. */
  for (p = text; *p; p++)
    if (g_ascii_isalpha (*p) && *p != 'e' && *p != 'E')
      {
        g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                     "“%s” is not a finite number", text);
        return FALSE;
      }
  if (strncmp (text, "0x", 2) == 0 || strncmp (text, "-0x", 3) == 0)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID, "“%s” is not a decimal number", text);
      return FALSE;
    }
  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (end == text)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID, "“%s” is not a number", text);
      return FALSE;
    }
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID, "“%s” is not a number", text);
      return FALSE;
    }
  if (!isfinite (v) || (errno == ERANGE && fabs (v) > 1.0))
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID, "“%s” is out of range", text);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
up_parse_int (const char *text,
              gint64      min,
              gint64      max,
              gint64     *out,
              GError    **error)
{
  guint64 u;
  gint64 v;
  g_autoptr(GError) local = NULL;

  if (text == NULL)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID, "expected a whole number");
      return FALSE;
    }
  if (text[0] == '-')
    {
      if (!g_ascii_string_to_unsigned (text + 1, 10, 0, G_MAXINT64, &u, &local))
        goto bad;
      v = -(gint64) u;
    }
  else
    {
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &u, &local))
        goto bad;
      v = (gint64) u;
    }
  if (v < min || v > max)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                   "%s is outside %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, text, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;

bad:
  g_set_error (error, UP_ERROR, UP_ERROR_INVALID, "“%s” is not a whole number", text);
  return FALSE;
}

gboolean
up_is_valid_id (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > 64)
    return FALSE;
  if (!g_ascii_isalpha (id[0]))
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static const char *counting_names[] = { "beginning", "end", "life-table" };
static const char *discount_names[] = { "constant", "greenbook", "greenbook-health" };
static const char *kind_names[] = { "bau", "make", "buy", "communitise", "other" };
static const char *effect_names[] = { "relative-risk", "replace" };

static gboolean
lookup_name (const char  *str,
             const char **names,
             guint        n,
             int         *out)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (str, names[i]) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
up_counting_to_string (UpCounting counting)
{
  if (counting == UP_COUNTING_INHERIT)
    return "plan";
  g_return_val_if_fail (counting >= 0 && counting < (int) G_N_ELEMENTS (counting_names), NULL);
  return counting_names[counting];
}

gboolean
up_counting_from_string (const char *str,
                         UpCounting *out)
{
  int v;

  if (g_strcmp0 (str, "plan") == 0)
    {
      *out = UP_COUNTING_INHERIT;
      return TRUE;
    }
  if (!lookup_name (str, counting_names, G_N_ELEMENTS (counting_names), &v))
    return FALSE;
  *out = v;
  return TRUE;
}

const char *
up_discount_to_string (UpDiscountSchedule schedule)
{
  g_return_val_if_fail (schedule < G_N_ELEMENTS (discount_names), NULL);
  return discount_names[schedule];
}

gboolean
up_discount_from_string (const char         *str,
                         UpDiscountSchedule *out)
{
  int v;

  if (!lookup_name (str, discount_names, G_N_ELEMENTS (discount_names), &v))
    return FALSE;
  *out = v;
  return TRUE;
}

const char *
up_option_kind_to_string (UpOptionKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
up_option_kind_from_string (const char   *str,
                            UpOptionKind *out)
{
  int v;

  if (!lookup_name (str, kind_names, G_N_ELEMENTS (kind_names), &v))
    return FALSE;
  *out = v;
  return TRUE;
}

const char *
up_effect_kind_to_string (UpEffectKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (effect_names), NULL);
  return effect_names[kind];
}

gboolean
up_effect_kind_from_string (const char   *str,
                            UpEffectKind *out)
{
  int v;

  if (!lookup_name (str, effect_names, G_N_ELEMENTS (effect_names), &v))
    return FALSE;
  *out = v;
  return TRUE;
}
