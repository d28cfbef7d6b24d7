/* up-metric.h: the members of UpMetrics, by name
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sensitivity and probabilistic analysis report any metric of UpMetrics; the names are
 * the member names, as in the JSON of `upstream-cli project`.
 */

#pragma once

#include "up-model.h"

G_BEGIN_DECLS

/* In the order of the members of UpMetrics. */
typedef enum
{
  UP_METRIC_SERVICE = 0,
  UP_METRIC_ENTRY,
  UP_METRIC_DELIVERY,
  UP_METRIC_DELIVERY_PUBLIC,
  UP_METRIC_COMMUNITY,
  UP_METRIC_PUBLIC_COST,
  UP_METRIC_GROSS_SAVINGS,
  UP_METRIC_CASHABLE_SAVINGS,
  UP_METRIC_EXTRA_DELIVERY,
  UP_METRIC_NPBI,
  UP_METRIC_ROI,
  UP_METRIC_NPSV,
  UP_METRIC_BCR,
  UP_METRIC_BREAK_EVEN_CYCLE,
  UP_METRIC_BREAK_EVEN_YEAR,
  UP_METRIC_CRISIS_COST,
  UP_METRIC_CRISIS_COST_AVOIDED,
  UP_METRIC_CRISIS_EPISODES,
  UP_METRIC_CRISIS_EPISODES_AVOIDED,
  UP_METRIC_COST_PER_EPISODE_AVOIDED,
  UP_METRIC_MONETISED_OUTCOME_GAIN,
  UP_METRIC_COMMUNITY_PER_PUBLIC_DELIVERY,
  UP_METRIC_POOLED_EXTRA_DELIVERY,
  UP_METRIC_POOLED_SAVINGS,
  UP_METRIC_POOLED_NET,
  UP_METRIC_PARTICIPANT_YEARS,
  UP_METRIC_N
} UpMetric;

/* "npbi", "break_even_year", … */
const char *up_metric_get_name   (UpMetric         metric);
/* A short English label, marked for translation with N_(): translate it with _(). */
const char *up_metric_get_label  (UpMetric         metric);
gboolean    up_metric_from_name  (const char      *name,
                                  UpMetric        *out);
/* The value in metrics; NaN when it does not exist (a ratio without a denominator, or a
 * break-even that never comes: 0 in UpMetrics). */
double      up_metric_get_value  (const UpMetrics *metrics,
                                  UpMetric         metric);

G_END_DECLS
