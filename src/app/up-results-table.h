/* up-results-table.h: the tables of the Results view, as plain data
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds the rows of the scorecard, the "who pays, who saves" table and the per-year
 * table from a compiled model and its results. No GTK: the view turns these into
 * widgets, tests check them without a display, and a CSV export can write them.
 *
 * Every cell has a display string (in the user's locale), a raw double (NaN when the
 * value does not exist or does not apply) and optional words: a second line that says
 * what the number means without relying on colour ("saves £1.2m", "pays more than it
 * saves") and a tooltip text (the other money format, or why a cell is empty).
 */

#pragma once

#include "upstream-core.h"

G_BEGIN_DECLS

/* How a row's numbers are shown. */
typedef enum
{
  UP_RESULTS_KIND_HEADING = 0,   /* a section heading: no values */
  UP_RESULTS_KIND_MONEY,
  UP_RESULTS_KIND_RATIO,         /* two decimals */
  UP_RESULTS_KIND_COUNT,         /* people, episodes, participant-years */
  UP_RESULTS_KIND_OUTCOME,       /* outcome units, one decimal */
  UP_RESULTS_KIND_YEAR,          /* a calendar year (break-even) */
} UpResultsKind;

typedef struct
{
  char           *key;       /* stable: "npbi", "measure/qaly/icer", "holder/nhs", "year/3" */
  char           *label;     /* translated row header */
  char           *tooltip;   /* translated, plain words; may be NULL */
  UpResultsKind   kind;
  guint           n_values;
  char          **values;    /* display strings, n_values of them */
  char          **words;     /* second line per cell, or NULL entries */
  char          **details;   /* tooltip or accessible description per cell, or NULL entries */
  double         *raw;       /* NaN when there is no value */
} UpResultsRow;

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  guint           n_columns;      /* values per row */
  char          **columns;        /* column titles, n_columns (NULL-terminated) */
  char          **column_notes;   /* per column: a sentence (the headline) or NULL */
  char          **column_ids;     /* per column: option id, or a column key */
  GPtrArray      *rows;           /* UpResultsRow */
} UpResultsTable;

/* Column keys of the two fixed-shape tables. */
typedef enum
{
  UP_HOLDER_COL_EXTRA = 0,   /* extra delivery borne */
  UP_HOLDER_COL_SAVINGS,     /* savings received */
  UP_HOLDER_COL_NET,         /* net position */
  UP_HOLDER_N_COLS
} UpHolderColumn;

typedef enum
{
  UP_YEAR_COL_YEAR = 0,
  UP_YEAR_COL_IN_CRISIS,     /* people in crisis states at the end of the year */
  UP_YEAR_COL_PUBLIC_COST,
  UP_YEAR_COL_CRISIS_COST,
  UP_YEAR_COL_DELIVERY,      /* delivery borne by public bodies */
  UP_YEAR_COL_NET,           /* PC_BAU − PC_option */
  UP_YEAR_COL_CUM_NET,       /* cumulative discounted net, always discounted */
  UP_YEAR_COL_PARTICIPANTS,
  UP_YEAR_COL_EPISODES,
  UP_YEAR_N_COLS
} UpYearColumn;

UpResultsTable *up_results_table_ref       (UpResultsTable  *table);
void            up_results_table_unref     (UpResultsTable  *table);
/* The row whose key is key, or NULL. */
const UpResultsRow *up_results_table_find  (const UpResultsTable *table,
                                            const char      *key);

/* Option indices in the order they are shown: business as usual first, then the
 * others in the plan's order. Returns the count; free *order with g_free(). */
int             up_results_option_order    (const UpModel   *model,
                                            int            **order);

/* Options as columns (up_results_option_order()), every metric of docs/engine.md §8 as
 * rows, then per outcome measure its total, change and cost per extra unit. Column
 * notes hold each option's headline. Comparisons in the business-as-usual column are
 * NaN and shown as "—". */
UpResultsTable *up_results_table_scorecard (const UpModel   *model,
                                            const UpResults *results);
/* One row per budget holder, then "pooled" and "public" (keys "holder/<id>",
 * "pooled", "public"); columns UpHolderColumn. The words of the net cell say
 * "pays more than it saves" where a holder's extra delivery exceeds its savings. */
UpResultsTable *up_results_table_holders   (const UpModel   *model,
                                            const UpResults *results,
                                            int              option);
/* One row per counted cycle (key "year/<k>"); columns UpYearColumn. With discounted,
 * the money of each year (but the cumulative net, always discounted) is multiplied by
 * the cost discount factor of that year. */
UpResultsTable *up_results_table_years     (const UpModel   *model,
                                            const UpResults *results,
                                            int              option,
                                            gboolean         discounted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpResultsTable, up_results_table_unref)

G_END_DECLS
