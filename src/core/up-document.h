/* up-document.h: the objects a plan document is made of
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entity types are small and refer to each other, so they share this header; each
 * has its own .c file. Numeric parameters are described by UpNumberSpec tables and
 * installed as GObject properties (see up-item.h), so views, scenarios, uncertainty
 * and the file format all address them the same way: by key, or by a parameter path
 * such as "option/communitise/take-up" (see up_plan_get_param()).
 */

#pragma once

#include <gio/gio.h>

#include "up-item.h"
#include "up-schedule.h"
#include "up-types.h"

G_BEGIN_DECLS

/* ---- Budget holders ---------------------------------------------------------------- */

#define UP_TYPE_BUDGET_HOLDER (up_budget_holder_get_type ())
G_DECLARE_FINAL_TYPE (UpBudgetHolder, up_budget_holder, UP, BUDGET_HOLDER, UpItem)

UpBudgetHolder *up_budget_holder_new          (const char     *id,
                                               const char     *name);
const char     *up_budget_holder_get_colour   (UpBudgetHolder *self);
void            up_budget_holder_set_colour   (UpBudgetHolder *self,
                                               const char     *colour);
gboolean        up_budget_holder_get_public   (UpBudgetHolder *self);
void            up_budget_holder_set_public   (UpBudgetHolder *self,
                                               gboolean        is_public);
gboolean        up_budget_holder_get_pooled   (UpBudgetHolder *self);
void            up_budget_holder_set_pooled   (UpBudgetHolder *self,
                                               gboolean        pooled);

/* ---- Cost items ------------------------------------------------------------------- */

#define UP_TYPE_COST_ITEM (up_cost_item_get_type ())
G_DECLARE_FINAL_TYPE (UpCostItem, up_cost_item, UP, COST_ITEM, UpItem)

/* numbers: cost, price-year, cashable */
UpCostItem *up_cost_item_new          (const char *id,
                                       const char *name);
const char *up_cost_item_get_unit     (UpCostItem *self);
void        up_cost_item_set_unit     (UpCostItem *self,
                                       const char *unit);
const char *up_cost_item_get_holder   (UpCostItem *self);
void        up_cost_item_set_holder   (UpCostItem *self,
                                       const char *holder_id);
const char *up_cost_item_get_category (UpCostItem *self);
void        up_cost_item_set_category (UpCostItem *self,
                                       const char *category);
const char *up_cost_item_get_source   (UpCostItem *self);
void        up_cost_item_set_source   (UpCostItem *self,
                                       const char *source);

/* ---- Cost lines (service use and entry costs of a state) ---------------------------- */

#define UP_TYPE_COST_LINE (up_cost_line_get_type ())
G_DECLARE_FINAL_TYPE (UpCostLine, up_cost_line, UP, COST_LINE, UpItem)

/* numbers: quantity */
UpCostLine *up_cost_line_new        (const char *item_id,
                                     double      quantity,
                                     const char *holder_id);
const char *up_cost_line_get_item   (UpCostLine *self);
void        up_cost_line_set_item   (UpCostLine *self,
                                     const char *item_id);
/* The budget holder override; NULL means the cost item's default holder. */
const char *up_cost_line_get_holder (UpCostLine *self);
void        up_cost_line_set_holder (UpCostLine *self,
                                     const char *holder_id);

/* ---- States ----------------------------------------------------------------------- */

#define UP_TYPE_STATE (up_state_get_type ())
G_DECLARE_FINAL_TYPE (UpState, up_state, UP, STATE, UpItem)

/* numbers: initial, inflow-share (the cohort's shares of this state) */
UpState    *up_state_new          (const char *id,
                                   const char *name);
const char *up_state_get_colour   (UpState    *self);
void        up_state_set_colour   (UpState    *self,
                                   const char *colour);
gboolean    up_state_get_crisis   (UpState    *self);
void        up_state_set_crisis   (UpState    *self,
                                   gboolean    crisis);
/* (element-type UpCostLine) */
GListStore *up_state_get_use      (UpState    *self);
GListStore *up_state_get_entry    (UpState    *self);
/* Outcome weight of this state for a measure; NULL when not given (weight 0). */
UpSchedule *up_state_get_weight   (UpState    *self,
                                   const char *measure_id);
void        up_state_set_weight   (UpState    *self,
                                   const char *measure_id,
                                   UpSchedule *weight);
/* Sorted measure ids that have a weight; free with g_strfreev(). */
char      **up_state_list_weights (UpState    *self);

/* ---- Outcome measures ------------------------------------------------------------- */

#define UP_TYPE_MEASURE (up_measure_get_type ())
G_DECLARE_FINAL_TYPE (UpMeasure, up_measure, UP, MEASURE, UpItem)

/* numbers: value (money per unit of outcome) */
UpMeasure  *up_measure_new          (const char *id,
                                     const char *name);
const char *up_measure_get_unit     (UpMeasure  *self);
void        up_measure_set_unit     (UpMeasure  *self,
                                     const char *unit);
UpCounting  up_measure_get_counting (UpMeasure  *self);
void        up_measure_set_counting (UpMeasure  *self,
                                     UpCounting  counting);

/* ---- Baseline transitions ---------------------------------------------------------- */

#define UP_TYPE_TRANSITION (up_transition_get_type ())
G_DECLARE_FINAL_TYPE (UpTransition, up_transition, UP, TRANSITION, UpItem)

UpTransition *up_transition_new       (const char   *from,
                                       const char   *to,
                                       UpSchedule   *value);
const char   *up_transition_get_from  (UpTransition *self);
void          up_transition_set_from  (UpTransition *self,
                                       const char   *from);
const char   *up_transition_get_to    (UpTransition *self);
void          up_transition_set_to    (UpTransition *self,
                                       const char   *to);
UpSchedule   *up_transition_get_value (UpTransition *self);
void          up_transition_set_value (UpTransition *self,
                                       UpSchedule   *value);

/* ---- Effects of an option --------------------------------------------------------- */

#define UP_TYPE_EFFECT (up_effect_get_type ())
G_DECLARE_FINAL_TYPE (UpEffect, up_effect, UP, EFFECT, UpItem)

UpEffect     *up_effect_new       (const char   *from,
                                   const char   *to,
                                   UpEffectKind  kind,
                                   UpSchedule   *value);
const char   *up_effect_get_from  (UpEffect     *self);
void          up_effect_set_from  (UpEffect     *self,
                                   const char   *from);
const char   *up_effect_get_to    (UpEffect     *self);
void          up_effect_set_to    (UpEffect     *self,
                                   const char   *to);
UpEffectKind  up_effect_get_kind  (UpEffect     *self);
void          up_effect_set_kind  (UpEffect     *self,
                                   UpEffectKind  kind);
UpSchedule   *up_effect_get_value (UpEffect     *self);
void          up_effect_set_value (UpEffect     *self,
                                   UpSchedule   *value);

/* ---- Options ---------------------------------------------------------------------- */

#define UP_TYPE_OPTION (up_option_get_type ())
G_DECLARE_FINAL_TYPE (UpOption, up_option, UP, OPTION, UpItem)

/* numbers: fixed-cost, participant-cost, overhead, optimism-bias-costs, take-up,
 * capacity, deadweight, attribution, optimism-bias-benefits, first-cycle,
 * active-cycles (0: to the horizon), ramp-up, drop-off, volunteer-hours,
 * volunteer-value, in-kind */
UpOption     *up_option_new                (const char   *id,
                                            const char   *name,
                                            UpOptionKind  kind);
UpOptionKind  up_option_get_kind           (UpOption     *self);
void          up_option_set_kind           (UpOption     *self,
                                            UpOptionKind  kind);
const char   *up_option_get_notes          (UpOption     *self);
void          up_option_set_notes          (UpOption     *self,
                                            const char   *notes);
/* Whether the capacity number applies; without it, capacity is unlimited. */
gboolean      up_option_get_has_capacity   (UpOption     *self);
void          up_option_set_has_capacity   (UpOption     *self,
                                            gboolean      has_capacity);
/* One-off costs by absolute cycle. */
double        up_option_get_one_off        (UpOption     *self,
                                            int           cycle);
void          up_option_set_one_off        (UpOption     *self,
                                            int           cycle,
                                            double        amount);
void          up_option_remove_one_off     (UpOption     *self,
                                            int           cycle);
/* Sorted cycles with a one-off cost; returns the count. */
guint         up_option_list_one_offs      (UpOption     *self,
                                            int         **cycles,
                                            double      **amounts);
/* Funding shares by budget holder. */
double        up_option_get_funding        (UpOption     *self,
                                            const char   *holder_id);
gboolean      up_option_has_funding        (UpOption     *self,
                                            const char   *holder_id);
void          up_option_set_funding        (UpOption     *self,
                                            const char   *holder_id,
                                            double        share);
void          up_option_remove_funding     (UpOption     *self,
                                            const char   *holder_id);
char        **up_option_list_funding       (UpOption     *self);
/* Eligible states, in the order given. */
const char * const *up_option_get_eligible (UpOption     *self);
gboolean      up_option_is_eligible        (UpOption     *self,
                                            const char   *state_id);
void          up_option_set_eligible       (UpOption     *self,
                                            const char * const *state_ids);
/* (element-type UpEffect) */
GListStore   *up_option_get_effects        (UpOption     *self);
UpEffect     *up_option_find_effect        (UpOption     *self,
                                            const char   *from,
                                            const char   *to);
/* Qualitative scores by criterion. */
double        up_option_get_score          (UpOption     *self,
                                            const char   *criterion,
                                            gboolean     *found);
void          up_option_set_score          (UpOption     *self,
                                            const char   *criterion,
                                            double        score);
void          up_option_remove_score       (UpOption     *self,
                                            const char   *criterion);
char        **up_option_list_scores        (UpOption     *self);

/* ---- Scenarios -------------------------------------------------------------------- */

#define UP_TYPE_SCENARIO (up_scenario_get_type ())
G_DECLARE_FINAL_TYPE (UpScenario, up_scenario, UP, SCENARIO, UpItem)

UpScenario  *up_scenario_new            (const char *id,
                                         const char *name);
void         up_scenario_set_override   (UpScenario *self,
                                         const char *path,
                                         double      value);
gboolean     up_scenario_get_override   (UpScenario *self,
                                         const char *path,
                                         double     *value);
void         up_scenario_remove_override (UpScenario *self,
                                          const char *path);
/* Sorted paths; free with g_strfreev(). */
char       **up_scenario_list_overrides (UpScenario *self);

/* ---- Uncertainty ------------------------------------------------------------------ */

typedef enum
{
  UP_DIST_BETA = 0,     /* a = alpha, b = beta */
  UP_DIST_GAMMA,        /* a = shape, b = scale */
  UP_DIST_LOGNORMAL,    /* a = mu, b = sigma (of the log) */
  UP_DIST_NORMAL,       /* a = mean, b = standard deviation */
  UP_DIST_UNIFORM,      /* a = low, b = high */
  UP_DIST_TRIANGULAR,   /* a = low, b = mode, c = high */
  UP_DIST_RANGE,        /* a = low, b = high of a 95% range; fitted by parameter kind */
} UpDistKind;

typedef struct
{
  UpDistKind kind;
  double     a;
  double     b;
  double     c;
} UpDistribution;

const char *up_dist_kind_to_string   (UpDistKind  kind);
gboolean    up_dist_kind_from_string (const char *str,
                                      UpDistKind *out);
/* Checks the parameters (positive shapes, low < high, …). */
gboolean    up_distribution_check    (const UpDistribution *dist,
                                      GError              **error);

G_END_DECLS
