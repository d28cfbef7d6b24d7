/* up-plan.h: a plan document
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "up-document.h"

G_BEGIN_DECLS

#define UP_TYPE_PLAN (up_plan_get_type ())
G_DECLARE_FINAL_TYPE (UpPlan, up_plan, UP, PLAN, UpItem)

/* The plan's title is its UpItem name. numbers: horizon, start-year, price-base-year,
 * cohort-size, discount-costs-rate, discount-outcomes-rate */

UpPlan             *up_plan_new                    (void);
/* A deep copy: every object is new, nothing is shared but immutable schedules. */
UpPlan             *up_plan_copy                   (UpPlan             *self);
/* Makes self hold the same content as source (deep-copied), keeping self's identity,
 * so views bound to self see its stores change. Used to undo structural edits. */
void                up_plan_assign                 (UpPlan             *self,
                                                    UpPlan             *source);

const char         *up_plan_get_place              (UpPlan             *self);
void                up_plan_set_place              (UpPlan             *self,
                                                    const char         *place);
const char         *up_plan_get_description        (UpPlan             *self);
void                up_plan_set_description        (UpPlan             *self,
                                                    const char         *description);
const char         *up_plan_get_author             (UpPlan             *self);
void                up_plan_set_author             (UpPlan             *self,
                                                    const char         *author);
const char         *up_plan_get_notes              (UpPlan             *self);
void                up_plan_set_notes              (UpPlan             *self,
                                                    const char         *notes);
const char         *up_plan_get_currency           (UpPlan             *self);
void                up_plan_set_currency           (UpPlan             *self,
                                                    const char         *currency);
UpCounting          up_plan_get_counting           (UpPlan             *self);
void                up_plan_set_counting           (UpPlan             *self,
                                                    UpCounting          counting);
UpDiscountSchedule  up_plan_get_discount_costs     (UpPlan             *self);
void                up_plan_set_discount_costs     (UpPlan             *self,
                                                    UpDiscountSchedule  schedule);
UpDiscountSchedule  up_plan_get_discount_outcomes  (UpPlan             *self);
void                up_plan_set_discount_outcomes  (UpPlan             *self,
                                                    UpDiscountSchedule  schedule);
gboolean            up_plan_get_discount_first_cycle (UpPlan           *self);
void                up_plan_set_discount_first_cycle (UpPlan           *self,
                                                      gboolean          discount_first);
int                 up_plan_get_horizon            (UpPlan             *self);
int                 up_plan_get_start_year         (UpPlan             *self);

/* New people per cycle (a constant or a schedule; value i arrives with transition i). */
UpSchedule         *up_plan_get_inflow             (UpPlan             *self);
void                up_plan_set_inflow             (UpPlan             *self,
                                                    UpSchedule         *inflow);

/* Price index table: year → index. Empty means no uplift. */
guint               up_plan_get_price_index        (UpPlan             *self,
                                                    const int         **years,
                                                    const double      **values);
void                up_plan_set_price_index_value  (UpPlan             *self,
                                                    int                 year,
                                                    double              index);
void                up_plan_remove_price_index_value (UpPlan           *self,
                                                      int               year);
gboolean            up_plan_lookup_price_index     (UpPlan             *self,
                                                    int                 year,
                                                    double             *index);

/* Collections, in document order. */
GListStore         *up_plan_get_holders            (UpPlan             *self);
GListStore         *up_plan_get_cost_items         (UpPlan             *self);
GListStore         *up_plan_get_states             (UpPlan             *self);
GListStore         *up_plan_get_measures           (UpPlan             *self);
GListStore         *up_plan_get_transitions        (UpPlan             *self);
GListStore         *up_plan_get_options            (UpPlan             *self);
GListStore         *up_plan_get_scenarios          (UpPlan             *self);

UpBudgetHolder     *up_plan_find_holder            (UpPlan             *self,
                                                    const char         *id);
UpCostItem         *up_plan_find_cost_item         (UpPlan             *self,
                                                    const char         *id);
UpState            *up_plan_find_state             (UpPlan             *self,
                                                    const char         *id);
UpMeasure          *up_plan_find_measure           (UpPlan             *self,
                                                    const char         *id);
UpOption           *up_plan_find_option            (UpPlan             *self,
                                                    const char         *id);
UpScenario         *up_plan_find_scenario          (UpPlan             *self,
                                                    const char         *id_or_name);
UpTransition       *up_plan_find_transition        (UpPlan             *self,
                                                    const char         *from,
                                                    const char         *to);
/* The business-as-usual option, or NULL when there is none. */
UpOption           *up_plan_get_bau                (UpPlan             *self);

/* Uncertainty attached to parameter paths. */
const UpDistribution *up_plan_get_distribution     (UpPlan             *self,
                                                    const char         *path);
void                up_plan_set_distribution       (UpPlan             *self,
                                                    const char         *path,
                                                    const UpDistribution *dist);
char              **up_plan_list_distributions     (UpPlan             *self);

/* Parameter paths (docs/file-format.md, "Parameter paths"):
 *   plan/<number>                     option/<id>/<number>
 *   plan/inflow                       option/<id>/effect/<from>/<to>
 *   transition/<from>/<to>            option/<id>/funding/<holder>
 *   cost-item/<id>/<number>           option/<id>/one-off/<cycle>
 *   state/<id>/<number>               measure/<id>/<number>
 *   state/<id>/use/<item>             state/<id>/entry/<item>
 *   state/<id>/weight/<measure>
 * Schedules are addressable only while they are constant. */
gboolean            up_plan_get_param              (UpPlan             *self,
                                                    const char         *path,
                                                    double             *value,
                                                    GError            **error);
gboolean            up_plan_set_param              (UpPlan             *self,
                                                    const char         *path,
                                                    double              value,
                                                    GError            **error);
/* Unit and range of the parameter at path, or NULL (then *unit is UP_UNIT_NUMBER). */
const UpNumberSpec *up_plan_describe_param         (UpPlan             *self,
                                                    const char         *path,
                                                    UpUnit             *unit);
/* ---- Workshop levers ---------------------------------------------------------------- */

/* A parameter pinned to workshop mode: its path, the range and step of its slider and
 * an optional label (NULL: the parameter's own). Immutable; replace a pin to change it. */
#define UP_TYPE_PIN (up_pin_get_type ())
G_DECLARE_FINAL_TYPE (UpPin, up_pin, UP, PIN, GObject)

/* NULL (and error set) unless path is not empty, min < max and 0 < step ≤ max − min,
 * all finite. */
UpPin              *up_pin_new                     (const char         *path,
                                                    double              min,
                                                    double              max,
                                                    double              step,
                                                    const char         *label,
                                                    GError            **error);
const char         *up_pin_get_path                (UpPin              *self);
double              up_pin_get_min                 (UpPin              *self);
double              up_pin_get_max                 (UpPin              *self);
double              up_pin_get_step                (UpPin              *self);
const char         *up_pin_get_label               (UpPin              *self);

/* The pins in the user's order (a store of UpPin; changes emit the plan's "changed"). */
GListStore         *up_plan_get_pins               (UpPlan             *self);
UpPin              *up_plan_find_pin               (UpPlan             *self,
                                                    const char         *path);
/* Adds pin at the end, or replaces the pin with the same path where it is. */
void                up_plan_set_pin                (UpPlan             *self,
                                                    UpPin              *pin);
gboolean            up_plan_remove_pin             (UpPlan             *self,
                                                    const char         *path);

/* Applies a scenario's overrides; stops at the first bad path. */
gboolean            up_plan_apply_scenario         (UpPlan             *self,
                                                    UpScenario         *scenario,
                                                    GError            **error);

G_END_DECLS
