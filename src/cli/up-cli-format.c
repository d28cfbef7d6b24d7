/* up-cli-format.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-cli-format"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "up-cli-format.h"

#define NONE_TEXT "—"

typedef enum
{
  ROW_CELLS,
  ROW_RULE,
  ROW_HEADING,
} RowKind;

typedef struct
{
  RowKind   kind;
  char    **cells;   /* n_columns cells, NULL-terminated; a heading has one */
} Row;

struct _UpCliTable
{
  guint      n_columns;
  guint      n_left;
  GPtrArray *rows;   /* of Row */
};

/* ---- Numbers ---------------------------------------------------------------------- */

const char *
up_cli_format_number (char   buf[UP_CLI_NUMBER_BUF],
                      double value)
{
  if (!isfinite (value))
    return NULL;
  if (value == 0.0)
    value = 0.0;

  /* %.17g always reads back exactly; fewer digits usually do too and read better. */
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, UP_CLI_NUMBER_BUF, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return buf;
}

char *
up_cli_format_fixed (double value,
                     int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 320];
  char format[16];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 17));
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static void
get_separators (const char **decimal,
                const char **group)
{
  const struct lconv *lc = localeconv ();

  *decimal = (lc->decimal_point != NULL && lc->decimal_point[0] != '\0')
             ? lc->decimal_point : ".";
  *group = (lc->thousands_sep != NULL && lc->thousands_sep[0] != '\0')
           ? lc->thousands_sep : ",";
  /* A locale with a decimal comma but no grouping must not get "1,234,5". */
  if (strcmp (*decimal, *group) == 0)
    *group = " ";
}

/* text is what "%.Nf" gives under C: an optional '-', digits, optionally '.' digits. */
static char *
localise_fixed (const char *text)
{
  const char *decimal, *group;
  GString *s = g_string_new (NULL);
  const char *p = text;
  const char *point;
  gsize n_int;

  get_separators (&decimal, &group);
  if (*p == '-')
    {
      /* Rounding can leave "-0" or "-0.00": show it without the sign. */
      gboolean all_zero = TRUE;

      for (const char *q = p + 1; *q; q++)
        if (*q != '0' && *q != '.')
          all_zero = FALSE;
      if (!all_zero)
        g_string_append_c (s, '-');
      p++;
    }
  point = strchr (p, '.');
  n_int = point != NULL ? (gsize) (point - p) : strlen (p);
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append (s, group);
      g_string_append_c (s, p[i]);
    }
  if (point != NULL)
    {
      g_string_append (s, decimal);
      g_string_append (s, point + 1);
    }
  return g_string_free (s, FALSE);
}

char *
up_cli_format_decimal (double value,
                       int    decimals)
{
  g_autofree char *fixed = NULL;

  if (!isfinite (value))
    return g_strdup (NONE_TEXT);
  fixed = up_cli_format_fixed (value, decimals);
  return localise_fixed (fixed);
}

char *
up_cli_format_money (double value)
{
  return up_cli_format_decimal (value, 0);
}

/* ---- CSV -------------------------------------------------------------------------- */

void
up_cli_csv_append_field (GString    *out,
                         const char *field)
{
  g_return_if_fail (out != NULL);

  if (field == NULL)
    return;
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
up_cli_csv_append_number (GString *out,
                          double   value)
{
  char buf[UP_CLI_NUMBER_BUF];
  const char *text;

  g_return_if_fail (out != NULL);

  text = up_cli_format_number (buf, value);
  if (text != NULL)
    g_string_append (out, text);
}

/* ---- Tables ----------------------------------------------------------------------- */

gsize
up_cli_display_width (const char *text)
{
  gsize width = 0;

  if (text == NULL)
    return 0;
  if (!g_utf8_validate (text, -1, NULL))
    return strlen (text);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

char *
up_cli_wrap (const char *text,
             gsize       width)
{
  g_auto(GStrv) words = NULL;
  GString *s;
  gsize line = 0;

  g_return_val_if_fail (text != NULL, NULL);

  words = g_strsplit (text, " ", -1);
  s = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize w = up_cli_display_width (words[i]);

      if (words[i][0] == '\0')
        continue;
      if (line > 0 && line + 1 + w > width)
        {
          g_string_append_c (s, '\n');
          line = 0;
        }
      else if (line > 0)
        {
          g_string_append_c (s, ' ');
          line++;
        }
      g_string_append (s, words[i]);
      line += w;
    }
  return g_string_free (s, FALSE);
}

static void
free_row (gpointer data)
{
  Row *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

static void
add_row (UpCliTable  *table,
         RowKind      kind,
         char       **cells)
{
  Row *row = g_new0 (Row, 1);

  row->kind = kind;
  row->cells = cells;
  g_ptr_array_add (table->rows, row);
}

UpCliTable *
up_cli_table_new (guint n_columns,
                  guint n_left)
{
  UpCliTable *table;

  g_return_val_if_fail (n_columns > 0, NULL);

  table = g_new0 (UpCliTable, 1);
  table->n_columns = n_columns;
  table->n_left = MIN (n_left, n_columns);
  table->rows = g_ptr_array_new_with_free_func (free_row);
  return table;
}

void
up_cli_table_free (UpCliTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_free (table);
}

void
up_cli_table_add_row_take (UpCliTable  *table,
                           char       **cells)
{
  char **row;

  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  /* Keep a NULL-terminated vector with every cell set, so rendering needs no checks. */
  row = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = cells[i] != NULL ? cells[i] : g_strdup ("");
  g_free (cells);
  add_row (table, ROW_CELLS, row);
}

void
up_cli_table_add_row (UpCliTable *table,
                      ...)
{
  va_list args;
  char **cells;

  g_return_if_fail (table != NULL);

  cells = g_new0 (char *, table->n_columns + 1);
  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    cells[i] = g_strdup (va_arg (args, const char *));
  va_end (args);
  up_cli_table_add_row_take (table, cells);
}

void
up_cli_table_add_rule (UpCliTable *table)
{
  g_return_if_fail (table != NULL);

  add_row (table, ROW_RULE, NULL);
}

void
up_cli_table_add_heading (UpCliTable *table,
                          const char *text)
{
  char **cells;

  g_return_if_fail (table != NULL);
  g_return_if_fail (text != NULL);

  cells = g_new0 (char *, 2);
  cells[0] = g_strdup (text);
  add_row (table, ROW_HEADING, cells);
}

static void
append_spaces (GString *out,
               gsize    n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

static void
end_line (GString *out,
          gsize    line_start)
{
  /* No trailing blanks when the last cells are short or empty. */
  while (out->len > line_start && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

static void
render_cells (UpCliTable  *table,
              char       **cells,
              const gsize *widths,
              GString     *out)
{
  g_autofree GStrv *lines = g_new0 (GStrv, table->n_columns);
  guint height = 1;

  for (guint c = 0; c < table->n_columns; c++)
    {
      lines[c] = g_strsplit (cells[c], "\n", -1);
      height = MAX (height, g_strv_length (lines[c]));
    }
  for (guint l = 0; l < height; l++)
    {
      gsize line_start = out->len;

      for (guint c = 0; c < table->n_columns; c++)
        {
          const char *text = l < g_strv_length (lines[c]) ? lines[c][l] : "";
          gsize pad = widths[c] - up_cli_display_width (text);

          if (c > 0)
            append_spaces (out, 2);
          if (c < table->n_left)
            {
              g_string_append (out, text);
              append_spaces (out, pad);
            }
          else
            {
              append_spaces (out, pad);
              g_string_append (out, text);
            }
        }
      end_line (out, line_start);
    }
  for (guint c = 0; c < table->n_columns; c++)
    g_strfreev (lines[c]);
}

void
up_cli_table_render (UpCliTable *table,
                     GString    *out)
{
  g_autofree gsize *widths = NULL;
  gsize total = 0;

  g_return_if_fail (table != NULL);
  g_return_if_fail (out != NULL);

  widths = g_new0 (gsize, table->n_columns);
  for (guint r = 0; r < table->rows->len; r++)
    {
      Row *row = table->rows->pdata[r];

      if (row->kind != ROW_CELLS)
        continue;
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_auto(GStrv) lines = g_strsplit (row->cells[c], "\n", -1);

          for (guint l = 0; lines[l] != NULL; l++)
            widths[c] = MAX (widths[c], up_cli_display_width (lines[l]));
        }
    }
  for (guint c = 0; c < table->n_columns; c++)
    total += widths[c] + (c > 0 ? 2 : 0);

  for (guint r = 0; r < table->rows->len; r++)
    {
      Row *row = table->rows->pdata[r];

      switch (row->kind)
        {
        case ROW_RULE:
          for (gsize i = 0; i < total; i++)
            g_string_append (out, "─");
          g_string_append_c (out, '\n');
          break;
        case ROW_HEADING:
          g_string_append (out, row->cells[0]);
          g_string_append_c (out, '\n');
          break;
        case ROW_CELLS:
        default:
          render_cells (table, row->cells, widths, out);
          break;
        }
    }
}
