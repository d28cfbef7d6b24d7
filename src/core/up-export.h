/* up-export.h: a projection as CSV, for spreadsheets and scripts
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both exports are long ("tidy") tables: one value per row, described by the columns
 * before it, so a pivot table or a script can take them apart without knowing how many
 * options, states, holders or measures the plan has. The text is UTF-8 with RFC 4180
 * quoting and CRLF line ends; numbers use '.' as the decimal point whatever the locale,
 * no digit grouping, and the shortest form that reads back to the very same double, so
 * a value read back with g_ascii_strtod() (or any correct parser) equals the engine's.
 * An empty value means the number does not exist (a ratio without a denominator, a
 * break-even that never comes). Columns are described in docs/cli.md, "export".
 */

#pragma once

#include <glib.h>

#include "up-model.h"

G_BEGIN_DECLS

/* Per-year projections: columns
 *   option, cycle, year, quantity, holder, state, measure, value, discounted
 * one row per option × counted cycle × quantity, options in plan order, then cycles,
 * then quantities in a fixed order (people by state, money by holder, the option's
 * totals, outcomes by measure). With discounted, each money value of cycle k is
 * multiplied by the cost discount factor of k and each outcome by the outcome factor;
 * the cumulative net is always discounted. The discounted column says, per row, whether
 * the value is. */
GBytes *up_export_years_csv      (const UpModel   *model,
                                  const UpResults *results,
                                  gboolean         discounted);

/* The scorecard: columns
 *   option, option_name, metric, label, unit, value
 * one row per option × metric: every member of UpMetrics (by its name, as in the JSON
 * of `upstream-cli project`), then per outcome measure its total, change and ICER, then
 * per budget holder its extra delivery, savings and net. label is translated. */
GBytes *up_export_scorecard_csv  (const UpModel   *model,
                                  const UpResults *results);

/* RFC 4180: the field in double quotes, quotes doubled, when it holds a comma, a double
 * quote, CR or LF; as it is otherwise. NULL is an empty field. */
void    up_export_csv_field      (GString         *out,
                                  const char      *field);
/* The shortest exact C-locale form; an empty field for NaN and infinities. */
void    up_export_csv_number     (GString         *out,
                                  double           value);

G_END_DECLS
