/* up-cost-import.h: cost items from the rows of a CSV file
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks behind "Import from CSV…", kept apart from the dialog so that they can be
 * tested without a display. Every row is checked before anything is made: either all
 * rows become cost items, or none do and each bad row is reported.
 */

#pragma once

#include "upstream-core.h"

#include "up-csv.h"

G_BEGIN_DECLS

typedef enum
{
  UP_IMPORT_NAME = 0,
  UP_IMPORT_COST,
  UP_IMPORT_UNIT,
  UP_IMPORT_PRICE_YEAR,
  UP_IMPORT_HOLDER,
  UP_IMPORT_CATEGORY,
  UP_IMPORT_CASHABLE,
  UP_IMPORT_SOURCE,
  UP_IMPORT_ID,
  UP_IMPORT_N_FIELDS
} UpImportField;

/* The field's name for people ("Unit cost"), translated. */
const char *up_cost_import_field_label    (UpImportField   field);
gboolean    up_cost_import_field_required (UpImportField   field);
/* Guesses which column holds each field from the header row; -1 where none does. */
void        up_cost_import_guess_columns  (const UpCsvRow *header,
                                           int             columns[UP_IMPORT_N_FIELDS]);
/* Checks every row after the header (rows[0]) and, when all are good, returns the new
 * cost items (not yet in the plan). Otherwise returns NULL and appends one message per
 * bad row to errors ("Row 4: …", the row as a spreadsheet numbers it). Blank rows are
 * skipped. default_holder (an id, may be NULL) is used where a row names no holder. */
GPtrArray  *up_cost_import_build          (UpPlan         *plan,
                                           GPtrArray      *rows,
                                           const int       columns[UP_IMPORT_N_FIELDS],
                                           const char     *default_holder,
                                           GPtrArray      *errors);

G_END_DECLS
