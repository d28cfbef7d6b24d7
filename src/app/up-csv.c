/* up-csv.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "up-csv.h"

#define ID_MAX 60

G_DEFINE_QUARK (up-csv-error-quark, up_csv_error)

typedef enum
{
  FIELD_START,
  FIELD_UNQUOTED,
  FIELD_QUOTED,
  FIELD_AFTER_QUOTE,
} FieldState;

typedef struct
{
  GPtrArray *rows;
  GPtrArray *fields;   /* of the record being read */
  GString   *field;
  guint      record_line;
} Reader;

void
up_csv_row_free (UpCsvRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->fields);
  g_free (row);
}

static void
end_field (Reader *r)
{
  g_ptr_array_add (r->fields, g_strndup (r->field->str, r->field->len));
  g_string_truncate (r->field, 0);
}

static void
end_record (Reader *r,
            guint   next_line)
{
  UpCsvRow *row = g_new0 (UpCsvRow, 1);

  row->n_fields = r->fields->len;
  g_ptr_array_add (r->fields, NULL);
  /* Hand the strings to the row and free the array itself (steal would keep it). */
  row->fields = (char **) g_ptr_array_free (r->fields, FALSE);
  row->line = r->record_line;
  g_ptr_array_add (r->rows, row);
  r->fields = g_ptr_array_new_with_free_func (g_free);
  r->record_line = next_line;
}

/* Returns UTF-8 text without a byte-order mark, converting from Windows-1252 when the
 * data is not UTF-8. */
static char *
to_utf8 (const char  *data,
         gsize        length,
         gsize       *out_length,
         GError     **error)
{
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, UP_CSV_ERROR, UP_CSV_ERROR_ENCODING,
                   _("The file is not text: it holds a zero byte"));
      return NULL;
    }
  if (g_utf8_validate (data, length, NULL))
    {
      *out_length = length;
      return g_strndup (data, length);
    }
  {
    g_autoptr(GError) convert_error = NULL;
    gsize written = 0;
    char *text = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, &written,
                            &convert_error);

    if (text == NULL)
      {
        g_set_error (error, UP_CSV_ERROR, UP_CSV_ERROR_ENCODING,
                     _("The file is neither UTF-8 nor Windows-1252 text"));
        return NULL;
      }
    *out_length = written;
    return text;
  }
}

GPtrArray *
up_csv_parse (const char  *data,
              gssize       length,
              GError     **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  Reader r;
  FieldState state = FIELD_START;
  guint line = 1, quote_line = 0;
  gboolean failed = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  text = to_utf8 (data ? data : "", length, &len, error);
  if (text == NULL)
    return NULL;

  r.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) up_csv_row_free);
  r.fields = g_ptr_array_new_with_free_func (g_free);
  r.field = g_string_new (NULL);
  r.record_line = 1;

  for (gsize i = 0; i < len && !failed; i++)
    {
      char c = text[i];
      gboolean newline = c == '\n' || c == '\r';

      /* A CR LF pair is one line end. */
      if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
        i++;

      switch (state)
        {
        case FIELD_START:
        case FIELD_UNQUOTED:
          if (c == '"' && state == FIELD_START)
            {
              state = FIELD_QUOTED;
              quote_line = line;
            }
          else if (c == ',')
            {
              end_field (&r);
              state = FIELD_START;
            }
          else if (newline)
            {
              end_field (&r);
              line++;
              end_record (&r, line);
              state = FIELD_START;
            }
          else
            {
              /* A quote inside an unquoted field is kept as it is (lenient). */
              g_string_append_c (r.field, c);
              state = FIELD_UNQUOTED;
            }
          break;

        case FIELD_QUOTED:
          if (c == '"')
            {
              if (i + 1 < len && text[i + 1] == '"')
                {
                  g_string_append_c (r.field, '"');
                  i++;
                }
              else
                state = FIELD_AFTER_QUOTE;
            }
          else if (newline)
            {
              /* Line breaks inside quotes are kept, normalised to '\n'. */
              g_string_append_c (r.field, '\n');
              line++;
            }
          else
            g_string_append_c (r.field, c);
          break;

        case FIELD_AFTER_QUOTE:
          if (c == ',')
            {
              end_field (&r);
              state = FIELD_START;
            }
          else if (newline)
            {
              end_field (&r);
              line++;
              end_record (&r, line);
              state = FIELD_START;
            }
          else if (c == ' ' || c == '\t')
            ;  /* blanks after a closing quote are ignored */
          else
            {
              g_set_error (error, UP_CSV_ERROR, UP_CSV_ERROR_BAD_QUOTE,
                           _("Line %u: text after the closing quote of a field"), line);
              failed = TRUE;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (!failed && state == FIELD_QUOTED)
    {
      g_set_error (error, UP_CSV_ERROR, UP_CSV_ERROR_UNTERMINATED_QUOTE,
                   _("Line %u: a quoted field is never closed"), quote_line);
      failed = TRUE;
    }
  /* The last record, when the file does not end with a line break. */
  if (!failed && (state != FIELD_START || r.fields->len > 0))
    {
      end_field (&r);
      end_record (&r, line + 1);
    }

  g_ptr_array_unref (r.fields);
  g_string_free (r.field, TRUE);
  if (failed)
    {
      g_ptr_array_unref (r.rows);
      return NULL;
    }
  return r.rows;
}

const char *
up_csv_row_get (const UpCsvRow *row,
                int             i)
{
  g_return_val_if_fail (row != NULL, "");
  if (i < 0 || (guint) i >= row->n_fields)
    return "";
  return row->fields[i];
}

gboolean
up_csv_row_is_blank (const UpCsvRow *row)
{
  g_return_val_if_fail (row != NULL, TRUE);
  for (guint i = 0; i < row->n_fields; i++)
    {
      g_autofree char *copy = g_strstrip (g_strdup (row->fields[i]));

      if (copy[0] != '\0')
        return FALSE;
    }
  return TRUE;
}

/* Strips ASCII blanks and no-break spaces from both ends, in place. */
static char *
strip_blanks (char *s)
{
  char *start = s, *end;

  for (;;)
    {
      if (*start == ' ' || *start == '\t')
        start++;
      else if (g_str_has_prefix (start, "\xC2\xA0"))
        start += 2;
      else
        break;
    }
  memmove (s, start, strlen (start) + 1);
  end = s + strlen (s);
  for (;;)
    {
      if (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
      else if (end - s >= 2 && end[-2] == '\xC2' && end[-1] == '\xA0')
        end -= 2;
      else
        break;
    }
  *end = '\0';
  return s;
}

gboolean
up_csv_parse_number (const char *text,
                     double     *value)
{
  g_autofree char *copy = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *p;
  gboolean negative = FALSE, seen_comma = FALSE, seen_point = FALSE;
  guint digits_since_comma = 0, integer_digits = 0;
  char *end = NULL;
  double v;

  g_return_val_if_fail (value != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  copy = strip_blanks (g_strdup (text));
  p = copy;

  if (*p == '-' || *p == '+')
    {
      negative = *p == '-';
      p++;
    }
  else if (g_str_has_prefix (p, "\xE2\x88\x92"))   /* U+2212 minus sign */
    {
      negative = TRUE;
      p += 3;
    }
  if (g_str_has_prefix (p, "\xC2\xA3"))             /* £ */
    p += 2;
  /* "£-3" is written too */
  if (!negative && *p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (clean, *p);
          if (!seen_point)
            {
              integer_digits++;
              if (seen_comma)
                digits_since_comma++;
            }
        }
      else if (*p == ',' && !seen_point)
        {
          /* Thousands separators: 1 to 3 digits before the first, exactly 3 between. */
          if (integer_digits == 0 || (!seen_comma && integer_digits > 3) ||
              (seen_comma && digits_since_comma != 3))
            return FALSE;
          seen_comma = TRUE;
          digits_since_comma = 0;
        }
      else if (*p == '.' && !seen_point)
        {
          if (seen_comma && digits_since_comma != 3)
            return FALSE;
          seen_point = TRUE;
          g_string_append_c (clean, '.');
        }
      else if ((*p == 'e' || *p == 'E') && !seen_comma && clean->len > 0)
        {
          /* An exponent, as spreadsheets write very large or small numbers. */
          g_string_append (clean, p);
          break;
        }
      else
        return FALSE;
    }
  if (seen_comma && !seen_point && digits_since_comma != 3)
    return FALSE;
  if (clean->len == 0 || g_str_equal (clean->str, "."))
    return FALSE;

  v = g_ascii_strtod (clean->str, &end);
  if (end == clean->str || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = negative ? -v : v;
  return TRUE;
}

gboolean
up_csv_parse_year (const char *text,
                   int        *year)
{
  g_autofree char *copy = NULL;
  const char *p;
  int y = 0;

  g_return_val_if_fail (year != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  copy = strip_blanks (g_strdup (text));
  p = copy;
  for (int i = 0; i < 4; i++, p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      y = y * 10 + (*p - '0');
    }
  if (*p != '\0')
    {
      guint n = 0;

      /* A financial year: "2011/12", "2011-12", "2011/2012", "2011–12". */
      while (*p == ' ')
        p++;
      if (*p == '/' || *p == '-')
        p++;
      else if (g_str_has_prefix (p, "\xE2\x80\x93"))   /* en dash */
        p += 3;
      else
        return FALSE;
      while (*p == ' ')
        p++;
      for (; g_ascii_isdigit (*p); p++)
        n++;
      if (*p != '\0' || (n != 2 && n != 4))
        return FALSE;
    }
  *year = y;
  return TRUE;
}

char *
up_csv_make_id (const char *name,
                const char *prefix,
                GHashTable *taken)
{
  g_autofree char *ascii = g_str_to_ascii (name ? name : "", "C");
  g_autoptr(GString) id = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *result;

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0 || !g_ascii_isalpha (id->str[0]))
    {
      const char *pre = prefix && *prefix ? prefix : "item";

      g_string_prepend (id, id->len > 0 ? "-" : "");
      g_string_prepend (id, pre);
    }
  if (id->len > ID_MAX)
    g_string_truncate (id, ID_MAX);
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);

  base = g_string_free (g_steal_pointer (&id), FALSE);
  result = g_strdup (base);
  for (guint n = 2; taken != NULL && g_hash_table_contains (taken, result); n++)
    {
      g_free (result);
      result = g_strdup_printf ("%s-%u", base, n);
    }
  if (taken != NULL)
    g_hash_table_add (taken, g_strdup (result));
  return result;
}
