/* up-cli-diff.c: text and JSON of a plan comparison
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every key written here is described in docs/cli.md; change both together.
 */

#define G_LOG_DOMAIN "up-cli-diff"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "up-cli-diff.h"
#include "up-cli-format.h"
#include "up-cli-json.h"
#include "up-format.h"

/* Long text (notes, sources) is cut to this many characters in the text output. */
#define TEXT_MAX 60

/* ---- Text ------------------------------------------------------------------------- */

/* One line, at most TEXT_MAX characters: line breaks become spaces. */
static char *
short_value (const char *value)
{
  g_autoptr(GString) s = NULL;
  glong length;

  if (value == NULL)
    return NULL;
  s = g_string_new (value);
  for (gsize i = 0; i < s->len; i++)
    if (s->str[i] == '\n' || s->str[i] == '\r' || s->str[i] == '\t')
      s->str[i] = ' ';
  length = g_utf8_strlen (s->str, -1);
  if (length > TEXT_MAX)
    {
      const char *cut = g_utf8_offset_to_pointer (s->str, TEXT_MAX - 1);

      g_string_truncate (s, cut - s->str);
      g_string_append (s, "…");
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
kind_word (UpDiffKind kind)
{
  switch (kind)
    {
    /* translators: a column of `upstream-cli diff`; keep the three words short */
    case UP_DIFF_ADDED: return C_("diff", "added");
    case UP_DIFF_REMOVED: return C_("diff", "removed");
    case UP_DIFF_CHANGED:
    default: return C_("diff", "changed");
    }
}

static char *
year_text (int year)
{
  return year > 0 ? g_strdup_printf ("%d", year) : g_strdup (_("never"));
}

static void
add_result_row (UpCliTable *table,
                const char *label,
                char       *old_text,
                char       *new_text,
                char       *change)
{
  char **cells = g_new0 (char *, 5);

  cells[0] = g_strdup (label);
  cells[1] = old_text;
  cells[2] = g_strdup ("→");
  cells[3] = new_text;
  cells[4] = change;
  up_cli_table_add_row_take (table, cells);
}

static char *
signed_money (double      value,
              const char *currency)
{
  g_autofree char *text = up_format_money (value, currency);

  if (isnan (value))
    return g_strdup ("");
  return value > 0 ? g_strconcat ("(+", text, ")", NULL) : g_strconcat ("(", text, ")", NULL);
}

void
up_cli_diff_write_text (const UpDiff *diff,
                        const char   *old_file,
                        const char   *new_file,
                        GString      *out)
{
  guint n = diff->changes->len;
  gboolean any_result = FALSE;

  if (up_diff_is_empty (diff))
    {
      g_string_append_printf (out, "%s\n", _("No differences"));
      return;
    }
  g_string_append_printf (out, "--- %s\n+++ %s\n", old_file, new_file);
  g_string_append_printf (out, ngettext ("%u difference:\n", "%u differences:\n", n), n);
  {
    g_autoptr(UpCliTable) table = up_cli_table_new (3, 3);

    for (guint i = 0; i < n; i++)
      {
        const UpDiffChange *c = diff->changes->pdata[i];
        g_autofree char *old_value = short_value (c->old_value);
        g_autofree char *new_value = short_value (c->new_value);
        char *value;
        char **cells = g_new0 (char *, 4);

        if (c->kind == UP_DIFF_CHANGED)
          value = g_strdup_printf ("%s → %s", old_value, new_value);
        else
          value = g_strdup (c->kind == UP_DIFF_ADDED ? new_value : old_value);
        cells[0] = g_strdup (kind_word (c->kind));
        cells[1] = g_strdup (c->path);
        cells[2] = value;
        up_cli_table_add_row_take (table, cells);
      }
    up_cli_table_render (table, out);
  }

  if (diff->old_error != NULL || diff->new_error != NULL)
    {
      g_string_append_c (out, '\n');
      if (diff->old_error != NULL)
        g_string_append_printf (out, _("Results not compared: %s does not project: %s\n"),
                                old_file, diff->old_error);
      if (diff->new_error != NULL)
        g_string_append_printf (out, _("Results not compared: %s does not project: %s\n"),
                                new_file, diff->new_error);
      return;
    }

  for (guint i = 0; i < diff->results->len; i++)
    {
      const UpDiffResult *r = diff->results->pdata[i];
      g_autoptr(UpCliTable) table = NULL;

      if (!r->changed)
        continue;
      if (!any_result)
        g_string_append_printf (out, "\n%s\n", _("Headline results, before → after:"));
      any_result = TRUE;
      g_string_append_printf (out, "\n%s (%s)\n", r->option_name, r->option_id);
      table = up_cli_table_new (5, 1);
      if (!r->is_bau)
        {
          add_result_row (table, _("Net present budget impact"),
                          up_format_money (r->old_npbi, diff->currency),
                          up_format_money (r->new_npbi, diff->currency),
                          signed_money (r->new_npbi - r->old_npbi, diff->currency));
          add_result_row (table, _("Break-even year"),
                          year_text (r->old_break_even_year), year_text (r->new_break_even_year),
                          g_strdup (""));
          add_result_row (table, _("Crisis episodes avoided"),
                          up_format_number (r->old_episodes_avoided, 1),
                          up_format_number (r->new_episodes_avoided, 1), g_strdup (""));
        }
      add_result_row (table, _("Public cost"),
                      up_format_money (r->old_public_cost, diff->currency),
                      up_format_money (r->new_public_cost, diff->currency),
                      signed_money (r->new_public_cost - r->old_public_cost, diff->currency));
      up_cli_table_render (table, out);
    }
  if (!any_result && diff->results->len > 0)
    g_string_append_printf (out, "\n%s\n",
                            _("The headline results of every option are the same."));
}

/* ---- JSON ------------------------------------------------------------------------- */

static void
member_year (UpCliJson  *json,
             const char *key,
             int         year)
{
  if (year > 0)
    up_cli_json_member_int (json, key, year);
  else
    up_cli_json_member_null (json, key);
}

void
up_cli_diff_write_json (const UpDiff *diff,
                        const char   *old_file,
                        const char   *new_file,
                        GString      *out)
{
  g_autoptr(UpCliJson) json = up_cli_json_new (out);

  up_cli_json_begin_object (json, FALSE);
  up_cli_json_member_int (json, "format", 1);
  up_cli_json_member_string (json, "old", old_file);
  up_cli_json_member_string (json, "new", new_file);
  up_cli_json_member_boolean (json, "identical", up_diff_is_empty (diff));
  up_cli_json_member_string (json, "currency", diff->currency);

  up_cli_json_key (json, "changes");
  up_cli_json_begin_array (json, FALSE);
  for (guint i = 0; i < diff->changes->len; i++)
    {
      const UpDiffChange *c = diff->changes->pdata[i];

      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_string (json, "kind", up_diff_kind_to_string (c->kind));
      up_cli_json_member_string (json, "path", c->path);
      up_cli_json_member_string (json, "label", c->label);
      up_cli_json_member_string (json, "old", c->old_value);
      up_cli_json_member_string (json, "new", c->new_value);
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);

  up_cli_json_member_string (json, "old_error", diff->old_error);
  up_cli_json_member_string (json, "new_error", diff->new_error);

  up_cli_json_key (json, "results");
  up_cli_json_begin_array (json, FALSE);
  for (guint i = 0; i < diff->results->len; i++)
    {
      const UpDiffResult *r = diff->results->pdata[i];

      up_cli_json_begin_object (json, FALSE);
      up_cli_json_member_string (json, "option", r->option_id);
      up_cli_json_member_string (json, "name", r->option_name);
      up_cli_json_member_boolean (json, "is_bau", r->is_bau);
      up_cli_json_member_boolean (json, "changed", r->changed);
      up_cli_json_key (json, "old");
      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_number (json, "npbi", r->old_npbi);
      member_year (json, "break_even_year", r->old_break_even_year);
      up_cli_json_member_number (json, "crisis_episodes_avoided", r->old_episodes_avoided);
      up_cli_json_member_number (json, "public_cost", r->old_public_cost);
      up_cli_json_end_object (json);
      up_cli_json_key (json, "new");
      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_number (json, "npbi", r->new_npbi);
      member_year (json, "break_even_year", r->new_break_even_year);
      up_cli_json_member_number (json, "crisis_episodes_avoided", r->new_episodes_avoided);
      up_cli_json_member_number (json, "public_cost", r->new_public_cost);
      up_cli_json_end_object (json);
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);
  up_cli_json_end_object (json);
  g_assert (up_cli_json_is_complete (json));
}
