/* up-binder.h: new values for a few parameters, without compiling the plan again
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Probabilistic and one-way sensitivity analysis run the same model thousands of times
 * with a few parameters changed. An UpBinder is made once from a plan, the model compiled
 * from it and the parameter paths that will change; it records which slots of the flat
 * model each path feeds. Each thread then owns an UpBinderState: a private copy of the
 * model's numbers, into which up_binder_state_apply() writes a set of values and
 * re-derives only what depends on them (the stay probabilities of the rows touched, the
 * participant probabilities of the effects concerned, effect strengths, folded cost
 * rates, …), checking every rule of docs/engine.md that compile would check for them.
 * Applying the plan's own values reproduces the compiled model bit for bit.
 *
 * A few parameters change what compile derives in ways not worth repeating here (a price
 * year or the price base year): then every state compiles a private copy of the plan
 * instead, which is correct but slow. The horizon cannot be bound at all, since it sets
 * the shape of the results.
 */

#pragma once

#include "up-model.h"
#include "up-plan.h"

G_BEGIN_DECLS

typedef struct _UpBinder      UpBinder;
typedef struct _UpBinderState UpBinderState;

/* plan must be the plan model was compiled from (with any scenario already applied);
 * both are referenced, and plan must not change while the binder lives. Fails
 * (UP_ERROR_NOT_FOUND or UP_ERROR_INVALID) on a path that names nothing, a schedule that
 * is not constant, or the horizon. */
UpBinder       *up_binder_new              (UpPlan              *plan,
                                            UpModel             *model,
                                            const char * const  *paths,
                                            GError             **error);
void            up_binder_free             (UpBinder            *self);

guint           up_binder_get_n_params     (const UpBinder      *self);
const char     *up_binder_get_path         (const UpBinder      *self,
                                            guint                i);
/* The plan's value of parameter i. */
double          up_binder_get_base         (const UpBinder      *self,
                                            guint                i);
/* Whether parameter i only takes whole numbers (cycles, years). */
gboolean        up_binder_is_integer       (const UpBinder      *self,
                                            guint                i);
/* FALSE when states compile a copy of the plan for every set of values. */
gboolean        up_binder_is_fast          (const UpBinder      *self);
UpModel        *up_binder_get_model        (const UpBinder      *self);

/* A state for one thread; made from the binder on any thread, but a state is used by one
 * thread at a time. Its model starts as a copy of the binder's. */
UpBinderState  *up_binder_state_new        (UpBinder            *self);
void            up_binder_state_free       (UpBinderState       *state);
/* The model holding the values last applied; valid until the next apply. */
const UpModel  *up_binder_state_get_model  (UpBinderState       *state);
/* Sets parameter i to values[i], for every i. Returns FALSE, with UP_ERROR_INVALID
 * naming the first rule broken, when the plan would not compile with these values (a
 * probability out of 0–1, a row of probabilities above 1, shares that no longer add up to
 * 1, …); the state's model must then not be run until a later apply succeeds. */
gboolean        up_binder_state_apply      (UpBinderState       *state,
                                            const double        *values,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpBinder, up_binder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpBinderState, up_binder_state_free)

G_END_DECLS
