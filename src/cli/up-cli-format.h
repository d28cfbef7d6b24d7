/* up-cli-format.h: number, CSV and text-table helpers for upstream-cli
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two kinds of output live here. Machine output (CSV, JSON, bench figures) is the same
 * whatever the locale: '.' decimals, no grouping. Human output (the aligned table) follows
 * the locale's decimal point and digit grouping when it defines them.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UP_CLI_NUMBER_BUF 32

/* Shortest text that reads back to the same double, in C syntax ("0.1", "1e+21").
 * -0 is written as 0. Returns NULL for NaN and infinities (the caller picks null, an
 * empty field, …). */
const char *up_cli_format_number  (char        buf[UP_CLI_NUMBER_BUF],
                                   double      value);
/* printf-style fixed decimals, locale independent ("%.3f" under C). */
char       *up_cli_format_fixed   (double      value,
                                   int         decimals);

/* Human-readable forms for tables; "—" when value is NaN or infinite. */
char       *up_cli_format_money   (double      value);
char       *up_cli_format_decimal (double      value,
                                   int         decimals);

/* RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
void        up_cli_csv_append_field  (GString    *out,
                                      const char *field);
/* A number field; empty for NaN. */
void        up_cli_csv_append_number (GString    *out,
                                      double      value);

/* Columns on a terminal a UTF-8 string takes (wide characters count two). */
gsize       up_cli_display_width  (const char *text);
/* Breaks text at spaces into lines of at most width columns where words allow. */
char       *up_cli_wrap           (const char *text,
                                   gsize       width);

/* ---- Aligned text tables ---------------------------------------------------------- */

typedef struct _UpCliTable UpCliTable;

/* The first n_left columns are left-aligned, the others right-aligned. */
UpCliTable *up_cli_table_new       (guint        n_columns,
                                    guint        n_left);
void        up_cli_table_free      (UpCliTable  *table);
/* Adds a row of n_columns cells, taking ownership of the strings (NULL: empty cell).
 * A cell may hold several lines, separated by '\n'. */
void        up_cli_table_add_row_take (UpCliTable *table,
                                       char      **cells);
/* Adds a row of borrowed strings, copied; the list ends at n_columns arguments. */
void        up_cli_table_add_row   (UpCliTable  *table,
                                    ...);
/* A horizontal rule under the header, or between groups. */
void        up_cli_table_add_rule  (UpCliTable  *table);
/* A line of its own above a group of rows; it does not widen the first column. */
void        up_cli_table_add_heading (UpCliTable *table,
                                      const char *text);
void        up_cli_table_render    (UpCliTable  *table,
                                    GString     *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpCliTable, up_cli_table_free)

G_END_DECLS
