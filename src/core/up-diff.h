/* up-diff.h: what changed between two plans
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * up_plan_diff() compares two plan documents object by object (matched by id) and lists
 * every difference a reader of the files would care about: settings, price index,
 * budget holders, cost items, measures, states with their lines and weights,
 * transitions, options (every numeric parameter, name, kind, notes, one-off costs,
 * funding, eligibility, effects, scores), scenarios and distributions. It then compiles
 * and projects both plans and reports, for each option present in both, how its
 * headline results moved.
 *
 * Order is stable: sections in document order (as the file is written); within a
 * collection, the objects of the first plan in its order, then those only in the second
 * plan in its order; keyed tables sorted by key.
 */

#pragma once

#include "up-model.h"
#include "up-plan.h"

G_BEGIN_DECLS

typedef enum
{
  UP_DIFF_ADDED = 0,     /* only in the second plan: new_value set, old_value NULL */
  UP_DIFF_REMOVED,       /* only in the first plan: old_value set, new_value NULL */
  UP_DIFF_CHANGED,       /* in both, with different values */
} UpDiffKind;

typedef struct
{
  UpDiffKind  kind;
  /* Where: a parameter path when the change is one number ("option/buy/take-up"),
   * otherwise the same grammar extended to objects and text ("state/high",
   * "state/high/name", "option/buy/eligible/crisis", "scenario/low/set/plan/horizon",
   * "distribution/option/buy/take-up"). Never translated. */
  char       *path;
  /* The same in words, translated: "Option “Buy”: Take-up". */
  char       *label;
  /* Values as text, locale independent: numbers in their shortest exact form,
   * schedules as in the file, booleans "true"/"false", text as is. An object added or
   * removed is given by its name (or its main value). NULL where it does not exist. */
  char       *old_value;
  char       *new_value;
} UpDiffChange;

/* The headline results of one option present in both plans (base plans, no scenario).
 * NaN where a value does not exist; break-even year 0 means never. */
typedef struct
{
  char   *option_id;
  char   *option_name;        /* from the second plan */
  gboolean is_bau;            /* business as usual in the second plan: only its public
                               * cost means anything */
  double  old_npbi;
  double  new_npbi;
  int     old_break_even_year;
  int     new_break_even_year;
  double  old_episodes_avoided;
  double  new_episodes_avoided;
  double  old_public_cost;
  double  new_public_cost;
  gboolean changed;           /* any of the four differs */
} UpDiffResult;

typedef struct
{
  GPtrArray *changes;         /* UpDiffChange, in the order described above */
  GPtrArray *results;         /* UpDiffResult; empty when either plan does not compile */
  char      *old_error;       /* why the first plan could not be compiled, or NULL */
  char      *new_error;
  char      *currency;        /* of the second plan, for showing money */
} UpDiff;

const char *up_diff_kind_to_string (UpDiffKind  kind);   /* "added", "removed", "changed" */

/* Compares old_plan with new_plan. Never fails: a plan that does not compile only
 * leaves the results out (old_error, new_error say why). */
UpDiff     *up_plan_diff           (UpPlan     *old_plan,
                                    UpPlan     *new_plan);
void        up_diff_free           (UpDiff     *diff);
/* TRUE when the two plans have no differences at all. */
gboolean    up_diff_is_empty       (const UpDiff *diff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpDiff, up_diff_free)

G_END_DECLS
