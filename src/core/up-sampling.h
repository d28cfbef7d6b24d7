/* up-sampling.h: distributions of uncertain parameters, fitted and sampled
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan attaches an UpDistribution to a parameter path. Before it is sampled it is
 * resolved into an UpDistFit: a low/high 95% range becomes the usual family for the
 * parameter's unit (beta for probabilities and shares, gamma for money and counts,
 * lognormal for relative risks, normal otherwise) with both percentiles matched, and the
 * one-way sensitivity values (2.5th and 97.5th percentiles) are worked out once.
 *
 * Random numbers come from a counter-based generator (Philox4x32-10) wrapped as a
 * gsl_rng type, so any sample of a run can be drawn on its own from (seed, sample index):
 * results do not depend on how samples are shared between threads. See
 * docs/uncertainty.md.
 */

#pragma once

#include <gsl/gsl_rng.h>

#include "up-document.h"
#include "up-plan.h"

G_BEGIN_DECLS

typedef struct
{
  UpDistribution given;    /* as written in the plan */
  UpDistKind     kind;     /* the family sampled: never UP_DIST_RANGE */
  double         a;        /* its parameters, as UpDistribution documents them */
  double         b;
  double         c;
  gboolean       point;    /* zero width: every draw is exactly `value` */
  double         value;
  double         low;      /* one-way sensitivity: the 2.5th percentile (a range: its low) */
  double         high;     /* the 97.5th percentile (a range: its high) */
} UpDistFit;

/* The family a 95% range is fitted to for a parameter of this unit (spec may be NULL):
 * UP_DIST_BETA, UP_DIST_GAMMA, UP_DIST_LOGNORMAL or UP_DIST_NORMAL. */
UpDistKind  up_dist_family_for_unit   (UpUnit                unit,
                                       const UpNumberSpec   *spec);

/* Resolves dist; family says what a UP_DIST_RANGE becomes. Fails (UP_ERROR_INVALID) when
 * the parameters are not valid or the range cannot be fitted to the family (a beta range
 * must lie strictly inside 0–1; gamma and lognormal ranges must be above 0). */
gboolean    up_dist_fit               (const UpDistribution *dist,
                                       UpDistKind            family,
                                       UpDistFit            *fit,
                                       GError              **error);
/* The same, with the family chosen from the unit of the parameter at path in plan. */
gboolean    up_dist_fit_for_param     (UpPlan               *plan,
                                       const char           *path,
                                       const UpDistribution *dist,
                                       UpDistFit            *fit,
                                       GError              **error);

double      up_dist_fit_sample        (const UpDistFit      *fit,
                                       gsl_rng              *rng);
/* The p-quantile, 0 < p < 1. */
double      up_dist_fit_quantile      (const UpDistFit      *fit,
                                       double                p);
/* The density at x, for a preview; a point distribution gives +inf at its value and 0
 * elsewhere. */
double      up_dist_fit_pdf           (const UpDistFit      *fit,
                                       double                x);
double      up_dist_fit_mean          (const UpDistFit      *fit);
double      up_dist_fit_variance      (const UpDistFit      *fit);
/* A range of x worth drawing the density over: about the 0.1th to 99.9th percentiles. */
void        up_dist_fit_support       (const UpDistFit      *fit,
                                       double               *from,
                                       double               *to);

/* ---- Random numbers --------------------------------------------------------------- */

/* Philox4x32-10 (Salmon et al., SC'11) as a gsl_rng type: 64-bit key, 128-bit counter. */
extern const gsl_rng_type *up_rng_philox;

/* A new generator of type up_rng_philox; free with gsl_rng_free(). */
gsl_rng    *up_rng_new                (void);
/* Starts the independent stream number `stream` of seed: sample i of a run uses stream
 * i, so it draws the same numbers on whatever thread it runs. */
void        up_rng_set_stream         (gsl_rng              *rng,
                                       guint64               seed,
                                       guint64               stream);
/* The raw Philox4x32-10 block function (for the known-answer tests). */
void        up_rng_philox_block       (const guint32         counter[4],
                                       const guint32         key[2],
                                       guint32               out[4]);

/* Makes GSL report errors by return value instead of aborting. Called by the
 * uncertainty code before any GSL call that could fail; process-wide and idempotent. */
void        up_sampling_init          (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_rng, gsl_rng_free)

G_END_DECLS
