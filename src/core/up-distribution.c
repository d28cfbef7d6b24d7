/* up-distribution.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "up-document.h"
#include "up-error.h"

static const char *dist_names[] = {
  "beta", "gamma", "lognormal", "normal", "uniform", "triangular", "range"
};

const char *
up_dist_kind_to_string (UpDistKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (dist_names), NULL);
  return dist_names[kind];
}

gboolean
up_dist_kind_from_string (const char *str,
                          UpDistKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (dist_names); i++)
    if (g_strcmp0 (str, dist_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
up_distribution_check (const UpDistribution *d,
                       GError              **error)
{
  const char *why = NULL;

  if (!isfinite (d->a) || !isfinite (d->b) || !isfinite (d->c))
    why = "parameters must be finite numbers";
  else
    switch (d->kind)
      {
      case UP_DIST_BETA:
        if (!(d->a > 0 && d->b > 0))
          why = "beta needs alpha > 0 and beta > 0";
        break;
      case UP_DIST_GAMMA:
        if (!(d->a > 0 && d->b > 0))
          why = "gamma needs shape > 0 and scale > 0";
        break;
      case UP_DIST_LOGNORMAL:
        if (!(d->b >= 0))
          why = "lognormal needs sigma ≥ 0";
        break;
      case UP_DIST_NORMAL:
        if (!(d->b >= 0))
          why = "normal needs a standard deviation ≥ 0";
        break;
      case UP_DIST_UNIFORM:
      case UP_DIST_RANGE:
        if (!(d->a <= d->b))
          why = "the low value must not exceed the high value";
        break;
      case UP_DIST_TRIANGULAR:
        if (!(d->a <= d->b && d->b <= d->c))
          why = "triangular needs low ≤ mode ≤ high";
        break;
      default:
        why = "unknown distribution";
      }
  if (why != NULL)
    {
      g_set_error_literal (error, UP_ERROR, UP_ERROR_INVALID, why);
      return FALSE;
    }
  return TRUE;
}
