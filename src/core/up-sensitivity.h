/* up-sensitivity.h: one-way sensitivity analysis (the tornado)
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every parameter that carries a distribution is set, alone, to its low and then to its
 * high value (the 2.5th and 97.5th percentiles of the distribution; for a low/high range,
 * the range's own ends), the others staying at the plan's values. The bars report one
 * metric of one option and are sorted by swing, |metric at high − metric at low|,
 * largest first.
 */

#pragma once

#include "up-metric.h"
#include "up-model.h"
#include "up-plan.h"
#include "up-sampling.h"

G_BEGIN_DECLS

typedef struct
{
  const char *path;
  double      base;          /* the plan's value */
  double      low;           /* the parameter's low and high values */
  double      high;
  double      metric_low;    /* the metric with the parameter at low; NaN if none */
  double      metric_high;
  double      swing;         /* |metric_high − metric_low|; NaN if either is missing */
  const char *invalid;       /* why low or high breaks a rule of the plan, or NULL */
  UpDistFit   fit;           /* the distribution; a range that its usual family cannot
                              * fit (a cost range from 0) shows as uniform */
} UpTornadoBar;

typedef struct _UpTornado UpTornado;

/* option_id NULL picks the first option that is not business as usual. Fails with
 * UP_ERROR_INVALID when the plan does not compile or a distribution is not valid, and
 * UP_ERROR_NOT_FOUND for an unknown option. A plan without distributions gives no bars. */
UpTornado          *up_tornado_run            (UpPlan       *plan,
                                               UpScenario   *scenario,
                                               const char   *option_id,
                                               UpMetric      metric,
                                               GError      **error);
void                up_tornado_free           (UpTornado    *tornado);

const UpModel      *up_tornado_get_model      (const UpTornado *tornado);
int                 up_tornado_get_option     (const UpTornado *tornado);
UpMetric            up_tornado_get_metric     (const UpTornado *tornado);
/* The metric with every parameter at the plan's value. */
double              up_tornado_get_base_value (const UpTornado *tornado);
guint               up_tornado_get_n_bars     (const UpTornado *tornado);
/* Bar i, in order of swing. */
const UpTornadoBar *up_tornado_get_bar        (const UpTornado *tornado,
                                               guint            i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpTornado, up_tornado_free)

G_END_DECLS
