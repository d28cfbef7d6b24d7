/* up-document-private.h: instance structs, for the core's compiler and file code
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "up-plan.h"

G_BEGIN_DECLS

struct _UpBudgetHolder
{
  UpItem   parent_instance;
  char    *colour;
  gboolean is_public;
  gboolean pooled;
};

struct _UpCostItem
{
  UpItem  parent_instance;
  char   *unit;
  char   *holder;
  char   *category;
  char   *source;
  double  cost;
  double  price_year;
  double  cashable;
};

struct _UpCostLine
{
  UpItem  parent_instance;
  char   *item;
  char   *holder;
  double  quantity;
};

struct _UpState
{
  UpItem      parent_instance;
  char       *colour;
  gboolean    crisis;
  double      initial;
  double      inflow_share;
  GListStore *use;
  GListStore *entry;
  GHashTable *weights;   /* measure id → UpSchedule */
};

struct _UpMeasure
{
  UpItem      parent_instance;
  char       *unit;
  UpCounting  counting;
  double      value;
};

struct _UpTransition
{
  UpItem      parent_instance;
  char       *from;
  char       *to;
  UpSchedule *value;
};

struct _UpEffect
{
  UpItem        parent_instance;
  char         *from;
  char         *to;
  UpEffectKind  kind;
  UpSchedule   *value;
};

typedef struct
{
  int    cycle;
  double amount;
} UpOneOff;

struct _UpOption
{
  UpItem        parent_instance;
  UpOptionKind  kind;
  char         *notes;
  gboolean      has_capacity;
  double        fixed_cost;
  double        participant_cost;
  double        overhead;
  double        optimism_bias_costs;
  double        take_up;
  double        capacity;
  double        deadweight;
  double        attribution;
  double        optimism_bias_benefits;
  double        first_cycle;
  double        active_cycles;
  double        ramp_up;
  double        drop_off;
  double        volunteer_hours;
  double        volunteer_value;
  double        in_kind;
  GArray       *one_offs;   /* UpOneOff, sorted by cycle */
  GHashTable   *funding;    /* holder id → double* */
  GPtrArray    *eligible;   /* state ids, NULL-terminated */
  GListStore   *effects;
  GHashTable   *scores;     /* criterion → double* */
};

struct _UpScenario
{
  UpItem      parent_instance;
  GHashTable *overrides;   /* path → double* */
};

typedef struct
{
  int    year;
  double index;
} UpPriceIndexEntry;

struct _UpPlan
{
  UpItem              parent_instance;
  char               *place;
  char               *description;
  char               *author;
  char               *notes;
  char               *currency;
  UpCounting          counting;
  UpDiscountSchedule  discount_costs;
  UpDiscountSchedule  discount_outcomes;
  gboolean            discount_first_cycle;
  double              horizon;
  double              start_year;
  double              price_base_year;
  double              cohort_size;
  double              discount_costs_rate;
  double              discount_outcomes_rate;
  UpSchedule         *inflow;
  GArray             *price_index;   /* UpPriceIndexEntry, sorted by year */
  GArray             *price_years;   /* int, mirrors price_index for the getter */
  GArray             *price_values;  /* double */
  GListStore         *holders;
  GListStore         *cost_items;
  GListStore         *states;
  GListStore         *measures;
  GListStore         *transitions;
  GListStore         *options;
  GListStore         *scenarios;
  GHashTable         *distributions; /* path → UpDistribution* */
  GListStore         *pins;          /* UpPin, in the user's order, unique by path */
};

/* Helpers shared by the entity files. */
gboolean _up_set_string (char       **slot,
                         const char  *value);
char   **_up_sorted_keys (GHashTable *table);

G_END_DECLS
