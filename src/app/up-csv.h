/* up-csv.h: comma-separated values as people export them from spreadsheets
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small RFC 4180 reader with no GTK dependency: quoted fields, commas and line
 * breaks inside quotes, doubled quotes, CRLF, LF or CR line ends, a UTF-8 byte-order
 * mark. Text that is not UTF-8 is read as Windows-1252, which is what spreadsheets on
 * Windows write ("£" is one byte there). Rows keep their own length ("ragged" rows are
 * allowed); a missing field reads as "".
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UP_CSV_ERROR (up_csv_error_quark ())

typedef enum
{
  UP_CSV_ERROR_UNTERMINATED_QUOTE,
  UP_CSV_ERROR_BAD_QUOTE,
  UP_CSV_ERROR_ENCODING,
} UpCsvError;

typedef struct
{
  char  **fields;    /* NULL-terminated, UTF-8 */
  guint   n_fields;
  guint   line;      /* 1-based line of the file where the record starts */
} UpCsvRow;

GQuark      up_csv_error_quark (void);

/* Every record, in order, as UpCsvRow (the array frees them). An empty line is a record
 * with one empty field, so record i is row i + 1 of a spreadsheet; an empty file gives
 * no records. Length -1 means data is NUL-terminated. */
GPtrArray  *up_csv_parse       (const char      *data,
                                gssize           length,
                                GError         **error);
void        up_csv_row_free    (UpCsvRow        *row);
/* Field i, or "" when the row is shorter. */
const char *up_csv_row_get     (const UpCsvRow  *row,
                                int              i);
/* TRUE when every field is empty or blank. */
gboolean    up_csv_row_is_blank (const UpCsvRow *row);

/* "1234.5", "£1,234.50", " 42 ", "-£3" → a finite number. Decimals use '.', commas
 * must group thousands correctly ("1,5" is refused, not read as 15). */
gboolean    up_csv_parse_number (const char     *text,
                                 double         *value);
/* "2011", "2011/12", "2011-12", "2011/2012" → 2011. */
gboolean    up_csv_parse_year   (const char     *text,
                                 int            *year);
/* An id made from name: ASCII lowercase, every run of other characters one '-',
 * starting with a letter (prefix is put in front when it does not), and not in taken
 * ("-2", "-3" … are appended). taken is a set of strings that frees its keys (or NULL);
 * the new id is added to it. */
char       *up_csv_make_id      (const char     *name,
                                 const char     *prefix,
                                 GHashTable     *taken);

G_END_DECLS
