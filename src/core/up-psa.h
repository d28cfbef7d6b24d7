/* up-psa.h: probabilistic sensitivity analysis
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws every parameter that carries a distribution, N times, projects the plan with each
 * draw and summarises the results: the mean, standard deviation and 2.5/50/97.5
 * percentiles of every metric of every option; the probability that each option is the
 * cheapest for the public purse and that it has paid for itself by each year; percentile
 * bands (fan charts) of the crisis cost per year and of the cumulative net position.
 *
 * Sample i draws from its own random stream (seed, i), so a run gives the same numbers
 * bit for bit on any number of threads. See docs/uncertainty.md.
 */

#pragma once

#include <gio/gio.h>

#include "up-metric.h"
#include "up-model.h"
#include "up-plan.h"
#include "up-sampling.h"

G_BEGIN_DECLS

#define UP_PSA_DEFAULT_SAMPLES 1000
#define UP_PSA_MAX_SAMPLES     1000000

/* Called by whichever worker finished a block of samples (the thread that called
 * up_psa_run() is one of them; never two calls at once), with the number of samples
 * done so far, which only grows. Keep it short: a GUI should hand the number to its main
 * loop (g_idle_add, g_main_context_invoke). */
typedef void (*UpPsaProgressFunc) (guint64  done,
                                   guint64  total,
                                   gpointer user_data);

typedef struct
{
  guint64           n_samples;     /* 0: UP_PSA_DEFAULT_SAMPLES */
  guint64           seed;
  guint             n_threads;     /* 0: one per processor */
  gboolean          keep_samples;  /* keep every sample's values, for the samples CSV */
  UpPsaProgressFunc progress;      /* or NULL */
  gpointer          progress_data;
} UpPsaOptions;

/* Summary of one metric of one option over the valid samples where it exists. */
typedef struct
{
  guint64 n;       /* samples where the metric exists (a break-even year may not) */
  double  mean;    /* over all n */
  double  sd;      /* sample standard deviation (n − 1), over all n */
  double  p025;    /* percentiles, over the samples kept (see up_psa_get_n_kept()) */
  double  p50;
  double  p975;
} UpPsaSummary;

typedef enum
{
  UP_PSA_CRISIS_COST = 0,   /* crisis cost per year, public holders, undiscounted */
  UP_PSA_CUM_NET,           /* cumulative discounted net saving against BAU */
  UP_PSA_N_SERIES
} UpPsaSeries;

#define UP_PSA_N_BANDS 5     /* 2.5, 25, 50, 75, 97.5 */

typedef struct _UpPsa UpPsa;

/* Runs the analysis of plan (with scenario's overrides when not NULL) on
 * options->n_threads threads, the calling thread being one of them; returns when all
 * have finished. plan is only read, at the start, on the calling thread: to run in the
 * background while the plan is being edited, pass a copy (up_plan_copy()). Fails with UP_ERROR_INVALID when the plan does not compile, a
 * distribution cannot be fitted or there is none, or with G_IO_ERROR_CANCELLED when
 * cancellable was cancelled: then every thread has stopped and nothing is returned.
 * Samples that break a rule of the plan are counted as invalid and left out; see
 * up_psa_get_n_invalid(). */
UpPsa              *up_psa_run               (UpPlan              *plan,
                                              UpScenario          *scenario,
                                              const UpPsaOptions  *options,
                                              GCancellable        *cancellable,
                                              GError             **error);
void                up_psa_free              (UpPsa               *psa);

/* The deterministic model of the plan: names, shape, horizon. */
const UpModel      *up_psa_get_model         (const UpPsa         *psa);
guint64             up_psa_get_seed          (const UpPsa         *psa);
guint64             up_psa_get_n_samples     (const UpPsa         *psa);
guint64             up_psa_get_n_valid       (const UpPsa         *psa);
guint64             up_psa_get_n_invalid     (const UpPsa         *psa);
/* Why the first invalid sample was invalid, and its index; NULL when all were valid. */
const char         *up_psa_get_first_invalid (const UpPsa         *psa,
                                              guint64             *sample);
/* Samples behind the percentiles and bands: the first n_kept sample indices. */
guint64             up_psa_get_n_kept        (const UpPsa         *psa);

guint               up_psa_get_n_params      (const UpPsa         *psa);
const char         *up_psa_get_param_path    (const UpPsa         *psa,
                                              guint                i);
const UpDistFit    *up_psa_get_param_fit     (const UpPsa         *psa,
                                              guint                i);
double              up_psa_get_param_base    (const UpPsa         *psa,
                                              guint                i);

const UpPsaSummary *up_psa_get_summary       (const UpPsa         *psa,
                                              int                  option,
                                              UpMetric             metric);
/* Share of the valid samples in which the option has the lowest public cost (options
 * that tie share the sample). */
double              up_psa_get_prob_cheapest (const UpPsa         *psa,
                                              int                  option);
/* Share of the valid samples in which the option's cumulative net saving against BAU
 * at the end of counted cycle k (1…K) is 0 or more. */
double              up_psa_get_prob_saving   (const UpPsa         *psa,
                                              int                  option,
                                              int                  k);
/* The 2.5, 25, 50, 75 and 97.5 percentiles of series in counted cycle k (1…K). */
void                up_psa_get_band          (const UpPsa         *psa,
                                              UpPsaSeries          series,
                                              int                  option,
                                              int                  k,
                                              double               bands[UP_PSA_N_BANDS]);
/* The metric's value in each kept sample (NaN where invalid or where it does not
 * exist), in sample order; *n_kept receives the length. */
const double       *up_psa_get_kept_values   (const UpPsa         *psa,
                                              int                  option,
                                              UpMetric             metric,
                                              guint64             *n_kept);

/* With keep_samples: writes one row per sample (index, valid, every parameter drawn,
 * then key metrics per option), '.' decimals. See docs/uncertainty.md for the columns. */
gboolean            up_psa_write_samples_csv (const UpPsa         *psa,
                                              GOutputStream       *out,
                                              GCancellable        *cancellable,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpPsa, up_psa_free)

G_END_DECLS
