/* up-types.h
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _UpPlan           UpPlan;
typedef struct _UpItem           UpItem;
typedef struct _UpBudgetHolder   UpBudgetHolder;
typedef struct _UpCostItem       UpCostItem;
typedef struct _UpCostLine       UpCostLine;
typedef struct _UpState          UpState;
typedef struct _UpMeasure        UpMeasure;
typedef struct _UpTransition     UpTransition;
typedef struct _UpEffect         UpEffect;
typedef struct _UpOption         UpOption;
typedef struct _UpScenario       UpScenario;
typedef struct _UpModel          UpModel;
typedef struct _UpResults        UpResults;

#define UP_HORIZON_MAX 200

/* The largest plan the compiler takes, so that the memory and time of a projection stay
 * bounded whatever a file says: the transition matrices alone hold horizon × states²
 * numbers, and every scenario is compiled on its own (docs/robustness.md). */
#define UP_STATES_MAX    100
#define UP_OPTIONS_MAX   50
#define UP_HOLDERS_MAX   50
#define UP_MEASURES_MAX  50
#define UP_SCENARIOS_MAX 100

/* How occupancy is counted in a cycle (docs/engine.md, "Counting"). */
typedef enum
{
  UP_COUNTING_INHERIT = -1,   /* outcome measures only: use the plan's method */
  UP_COUNTING_BEGINNING = 0,
  UP_COUNTING_END,
  UP_COUNTING_LIFE_TABLE,
} UpCounting;

typedef enum
{
  UP_DISCOUNT_CONSTANT = 0,
  UP_DISCOUNT_GREENBOOK,
  UP_DISCOUNT_GREENBOOK_HEALTH,
} UpDiscountSchedule;

typedef enum
{
  UP_OPTION_BAU = 0,
  UP_OPTION_MAKE,
  UP_OPTION_BUY,
  UP_OPTION_COMMUNITISE,
  UP_OPTION_OTHER,
} UpOptionKind;

typedef enum
{
  UP_EFFECT_RELATIVE_RISK = 0,
  UP_EFFECT_REPLACE,
} UpEffectKind;

/* What a number means, so views can choose a widget and a format. */
typedef enum
{
  UP_UNIT_NUMBER = 0,   /* plain number */
  UP_UNIT_MONEY,        /* in the plan's currency at the price base */
  UP_UNIT_FRACTION,     /* 0..1, shown as a percentage */
  UP_UNIT_PEOPLE,       /* a count of people */
  UP_UNIT_CYCLES,       /* a whole number of cycles (years) */
  UP_UNIT_CYCLE,        /* a cycle number, 1 = the plan's first year */
  UP_UNIT_HOURS,
  UP_UNIT_RATIO,        /* a relative risk or index */
  UP_UNIT_YEAR,         /* a calendar year */
  UP_UNIT_RATE,         /* an annual rate, shown as a percentage */
} UpUnit;

/* Describes one numeric parameter of a document object. The key is at once the GObject
 * property name, the XML attribute name and the last part of the parameter path. */
typedef struct
{
  const char *key;
  const char *label;     /* N_() marked; translate with _() when showing */
  const char *blurb;     /* N_() marked */
  UpUnit      unit;
  double      min;
  double      max;
  double      defval;
  gboolean    integer;
  gsize       offset;    /* of the double in the instance struct */
} UpNumberSpec;

const char *up_counting_to_string   (UpCounting          counting);
gboolean    up_counting_from_string (const char         *str,
                                     UpCounting         *out);
const char *up_discount_to_string   (UpDiscountSchedule  schedule);
gboolean    up_discount_from_string (const char         *str,
                                     UpDiscountSchedule *out);
const char *up_option_kind_to_string   (UpOptionKind  kind);
gboolean    up_option_kind_from_string (const char   *str,
                                        UpOptionKind *out);
const char *up_effect_kind_to_string   (UpEffectKind  kind);
gboolean    up_effect_kind_from_string (const char   *str,
                                        UpEffectKind *out);

G_END_DECLS
