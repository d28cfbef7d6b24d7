/* up-model.h: a compiled plan and its projection
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * up_model_compile() turns a plan document into an immutable, flat numeric model:
 * dense arrays, indices instead of ids, every reference resolved and every rule of
 * docs/engine.md checked. up_engine_run() projects a model into an UpResults; it
 * allocates nothing, touches no GObject and may run on many threads at once, each with
 * its own UpResults.
 */

#pragma once

#include <glib.h>

#include "up-plan.h"
#include "up-problem.h"

G_BEGIN_DECLS

/* Categories of money per cycle and budget holder. */
typedef enum
{
  UP_COST_SERVICE = 0,  /* service use of the states occupied */
  UP_COST_ENTRY,        /* entry costs of moves between states */
  UP_COST_DELIVERY,     /* the option's delivery cost, split by funding share */
  UP_COST_CRISIS,       /* the part of service + entry that belongs to crisis states */
  UP_COST_N
} UpCostKind;

/* Per-option metrics, all against business as usual and discounted unless stated.
 * A value that does not exist ("none" in docs/engine.md) is NaN. */
typedef struct
{
  double service;              /* service use, all holders */
  double entry;                /* entry costs, all holders */
  double delivery;             /* delivery, all holders */
  double delivery_public;      /* delivery borne by public holders */
  double community;            /* community contribution */
  double public_cost;          /* PC: service + entry + delivery of public holders */
  double gross_savings;
  double cashable_savings;
  double extra_delivery;
  double npbi;                 /* net present budget impact */
  double roi;                  /* financial return on investment, or NaN */
  double npsv;                 /* net present social value */
  double bcr;                  /* benefit–cost ratio, or NaN */
  int    break_even_cycle;     /* 1-based counted cycle, 0 when it never breaks even */
  int    break_even_year;      /* calendar year, 0 when never */
  double crisis_cost;          /* crisis cost of this option (public holders) */
  double crisis_cost_avoided;
  double crisis_episodes;      /* undiscounted */
  double crisis_episodes_avoided;
  double cost_per_episode_avoided;  /* or NaN */
  double monetised_outcome_gain;
  double community_per_public_delivery;  /* or NaN */
  double pooled_extra_delivery;
  double pooled_savings;
  double pooled_net;
  double participant_years;    /* undiscounted */
} UpMetrics;

typedef struct _UpModelOption UpModelOption;

/* Compiles plan (with a scenario's overrides when scenario is not NULL). Problems
 * found are appended to problems (when not NULL): all of them, not only the first.
 * Returns NULL, with error set to a summary, when there is any error. */
UpModel    *up_model_compile            (UpPlan      *plan,
                                         UpScenario  *scenario,
                                         GPtrArray   *problems,
                                         GError     **error);
UpModel    *up_model_ref                (UpModel     *model);
void        up_model_unref              (UpModel     *model);

int         up_model_get_n_cycles       (const UpModel *model);   /* K */
int         up_model_get_n_states       (const UpModel *model);   /* S */
int         up_model_get_n_options      (const UpModel *model);   /* O */
int         up_model_get_n_holders      (const UpModel *model);   /* H */
int         up_model_get_n_measures     (const UpModel *model);
int         up_model_get_bau_index      (const UpModel *model);
int         up_model_get_start_year     (const UpModel *model);
int         up_model_get_price_base_year (const UpModel *model);
const char *up_model_get_currency       (const UpModel *model);
UpCounting  up_model_get_counting       (const UpModel *model);
const char *up_model_get_option_id      (const UpModel *model, int o);
const char *up_model_get_option_name    (const UpModel *model, int o);
UpOptionKind up_model_get_option_kind   (const UpModel *model, int o);
const char *up_model_get_state_id       (const UpModel *model, int s);
const char *up_model_get_state_name     (const UpModel *model, int s);
gboolean    up_model_get_state_crisis   (const UpModel *model, int s);
const char *up_model_get_holder_id      (const UpModel *model, int h);
const char *up_model_get_holder_name    (const UpModel *model, int h);
gboolean    up_model_get_holder_public  (const UpModel *model, int h);
gboolean    up_model_get_holder_pooled  (const UpModel *model, int h);
const char *up_model_get_measure_id     (const UpModel *model, int m);
const char *up_model_get_measure_name   (const UpModel *model, int m);
/* Discount factors of counted cycle k (1-based) for costs and outcomes, and its time. */
double      up_model_get_df_cost        (const UpModel *model, int k);
double      up_model_get_df_outcome     (const UpModel *model, int k);
double      up_model_get_time           (const UpModel *model, int k);

/* The discount factor of a schedule at time t (docs/engine.md, "Discounting"). */
double      up_discount_factor          (UpDiscountSchedule schedule,
                                         double             rate,
                                         int                t);

/* ---- Results ---------------------------------------------------------------------- */

/* Array layouts (o option, j trace row 0..K, k counted cycle 1..K stored at k-1,
 * s state, h holder, m measure, c UpCostKind):
 *   trace        [(o * (K + 1) + j) * S + s]      people
 *   cost         [((o * K + k-1) * H + h) * UP_COST_N + c]   undiscounted money
 *   community    [o * K + k-1]                    undiscounted
 *   participants [o * K + k-1]                    participant-years (counted)
 *   rho          [o * K + k-1]                    participation share
 *   strength     [o * K + k-1]                    effect strength e_k
 *   episodes     [o * K + k-1]                    crisis episodes in transition k
 *   public_cost  [o * K + k-1]                    PC, undiscounted
 *   cum_net      [o * K + k-1]                    cumulative discounted PC_BAU − PC_o
 *   outcomes     [(o * K + k-1) * M + m]          undiscounted outcome units
 *   outcome_total[o * M + m]                      discounted
 *   outcome_delta[o * M + m]                      discounted, option − BAU
 *   icer         [o * M + m]                      or NaN
 *   holder_extra [o * H + h]                      extra delivery borne (discounted)
 *   holder_savings[o * H + h]                     service + entry saved (discounted)
 *   holder_net   [o * H + h]                      savings − extra delivery
 *   metrics      [o]
 */
struct _UpResults
{
  int        n_options;
  int        n_cycles;
  int        n_states;
  int        n_holders;
  int        n_measures;
  double    *trace;
  double    *cost;
  double    *community;
  double    *participants;
  double    *rho;
  double    *strength;
  double    *episodes;
  double    *public_cost;
  double    *cum_net;
  double    *outcomes;
  double    *outcome_total;
  double    *outcome_delta;
  double    *icer;
  double    *holder_extra;
  double    *holder_savings;
  double    *holder_net;
  UpMetrics *metrics;
  /*< private >*/
  double    *work;        /* engine scratch space */
  gsize      work_len;
  gpointer  *rows;        /* engine scratch: the matrix row used for each state */
};

/* Allocates results sized for model (one block). */
UpResults  *up_results_new              (const UpModel *model);
void        up_results_free             (UpResults     *results);
/* TRUE when results, made for another model, can take a run of model: the same shape
 * and room enough in its scratch space (which grows with the (cost item, holder) pairs
 * the cost lines book to). */
gboolean    up_results_fits             (const UpResults *results,
                                         const UpModel   *model);
/* Runs the model into results, which must have been made for it (or a model of the
 * same shape). Never fails: every rule was checked by up_model_compile(). */
void        up_engine_run               (const UpModel *model,
                                         UpResults     *results);
/* Compile-free convenience: new results, run. */
UpResults  *up_model_project            (const UpModel *model);

static inline double
up_results_cost (const UpResults *r, int o, int k, int h, UpCostKind c)
{
  return r->cost[(((gsize) o * r->n_cycles + (k - 1)) * r->n_holders + h) * UP_COST_N + c];
}

static inline double
up_results_trace (const UpResults *r, int o, int j, int s)
{
  return r->trace[((gsize) o * (r->n_cycles + 1) + j) * r->n_states + s];
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpModel, up_model_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpResults, up_results_free)

G_END_DECLS
