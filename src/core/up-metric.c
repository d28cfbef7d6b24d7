/* up-metric.c: the members of UpMetrics, by name
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-metric"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>

#include "up-metric.h"

typedef struct
{
  const char *name;
  const char *label;
  gsize       offset;
  gboolean    integer;   /* an int member, 0 meaning none */
} MetricInfo;

#define D(field, label) { #field, label, offsetof (UpMetrics, field), FALSE }
#define I(field, label) { #field, label, offsetof (UpMetrics, field), TRUE }

static const MetricInfo metrics[UP_METRIC_N] = {
  D (service, N_("Service use")),
  D (entry, N_("Entry costs")),
  D (delivery, N_("Delivery")),
  D (delivery_public, N_("Delivery, public holders")),
  D (community, N_("Community contribution")),
  D (public_cost, N_("Public cost")),
  D (gross_savings, N_("Gross savings")),
  D (cashable_savings, N_("Cashable savings")),
  D (extra_delivery, N_("Extra delivery")),
  D (npbi, N_("Net present budget impact")),
  D (roi, N_("Return on investment")),
  D (npsv, N_("Net present social value")),
  D (bcr, N_("Benefit–cost ratio")),
  I (break_even_cycle, N_("Break-even cycle")),
  I (break_even_year, N_("Break-even year")),
  D (crisis_cost, N_("Crisis cost")),
  D (crisis_cost_avoided, N_("Crisis cost avoided")),
  D (crisis_episodes, N_("Crisis episodes")),
  D (crisis_episodes_avoided, N_("Crisis episodes avoided")),
  D (cost_per_episode_avoided, N_("Cost per crisis episode avoided")),
  D (monetised_outcome_gain, N_("Monetised outcome gain")),
  D (community_per_public_delivery, N_("Community value per unit of public delivery")),
  D (pooled_extra_delivery, N_("Pooled budget: extra delivery")),
  D (pooled_savings, N_("Pooled budget: savings")),
  D (pooled_net, N_("Pooled budget: net")),
  D (participant_years, N_("Participant-years")),
};

#undef D
#undef I

const char *
up_metric_get_name (UpMetric metric)
{
  g_return_val_if_fail (metric < UP_METRIC_N, NULL);
  return metrics[metric].name;
}

const char *
up_metric_get_label (UpMetric metric)
{
  g_return_val_if_fail (metric < UP_METRIC_N, NULL);
  return metrics[metric].label;
}

gboolean
up_metric_from_name (const char *name,
                     UpMetric   *out)
{
  for (guint i = 0; i < UP_METRIC_N; i++)
    if (g_strcmp0 (name, metrics[i].name) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

double
up_metric_get_value (const UpMetrics *m,
                     UpMetric         metric)
{
  const char *base = (const char *) m;

  g_return_val_if_fail (metric < UP_METRIC_N, NAN);
  if (metrics[metric].integer)
    {
      int v = *(const int *) (base + metrics[metric].offset);

      return v != 0 ? (double) v : NAN;
    }
  return *(const double *) (base + metrics[metric].offset);
}
