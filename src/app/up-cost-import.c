/* up-cost-import.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-cost-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "up-cost-import.h"

/* Header names each field is recognised by, compared without case, spaces or
 * punctuation. */
static const char * const field_keys[UP_IMPORT_N_FIELDS][10] = {
  [UP_IMPORT_NAME] = { "name", "item", "costitem", "description", "service", "activity", NULL },
  [UP_IMPORT_COST] = { "cost", "unitcost", "price", "amount", "value", "fiscalcost", NULL },
  [UP_IMPORT_UNIT] = { "unit", "units", "per", "unitofmeasure", "measure", NULL },
  [UP_IMPORT_PRICE_YEAR] = { "priceyear", "year", "pricebase", "financialyear", "prices",
                             NULL },
  [UP_IMPORT_HOLDER] = { "holder", "budgetholder", "bearscost", "agency", "payer", "whopays",
                         "organisation", "organization", "defaultholder", NULL },
  [UP_IMPORT_CATEGORY] = { "category", "type", "kind", "group", NULL },
  [UP_IMPORT_CASHABLE] = { "cashable", "cashableshare", "cashablefraction", "cashability",
                           NULL },
  [UP_IMPORT_SOURCE] = { "source", "citation", "reference", "notes", "sourcetext", NULL },
  [UP_IMPORT_ID] = { "id", "code", "key", "identifier", NULL },
};

const char *
up_cost_import_field_label (UpImportField field)
{
  switch (field)
    {
    case UP_IMPORT_NAME: return _("Name");
    case UP_IMPORT_COST: return _("Unit cost");
    case UP_IMPORT_UNIT: return _("Unit");
    case UP_IMPORT_PRICE_YEAR: return _("Price year");
    case UP_IMPORT_HOLDER: return _("Budget holder");
    case UP_IMPORT_CATEGORY: return _("Category");
    case UP_IMPORT_CASHABLE: return _("Cashable share");
    case UP_IMPORT_SOURCE: return _("Source");
    case UP_IMPORT_ID: return _("Identifier");
    case UP_IMPORT_N_FIELDS:
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
up_cost_import_field_required (UpImportField field)
{
  return field == UP_IMPORT_NAME || field == UP_IMPORT_COST;
}

static char *
normalise_header (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text ? text : "", "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

void
up_cost_import_guess_columns (const UpCsvRow *header,
                              int             columns[UP_IMPORT_N_FIELDS])
{
  guint n = header ? header->n_fields : 0;
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n, 1));
  g_auto(GStrv) names = g_new0 (char *, n + 1);

  for (int f = 0; f < UP_IMPORT_N_FIELDS; f++)
    columns[f] = -1;
  for (guint c = 0; c < n; c++)
    names[c] = normalise_header (header->fields[c]);

  /* First exact names, then names that begin with a key ("Cost (£)" is "cost…"),
   * preferring the longest key so that "Unit cost" is a cost, not a unit. */
  for (int pass = 0; pass < 2; pass++)
    for (guint c = 0; c < n; c++)
      {
        int best = -1;
        gsize best_len = 0;

        if (used[c] || names[c][0] == '\0')
          continue;
        for (int f = 0; f < UP_IMPORT_N_FIELDS; f++)
          {
            if (columns[f] >= 0)
              continue;
            for (guint k = 0; field_keys[f][k] != NULL; k++)
              {
                const char *key = field_keys[f][k];
                gboolean match = pass == 0 ? g_str_equal (names[c], key)
                                           : g_str_has_prefix (names[c], key);

                if (match && strlen (key) > best_len)
                  {
                    best = f;
                    best_len = strlen (key);
                  }
              }
          }
        if (best >= 0)
          {
            columns[best] = c;
            used[c] = TRUE;
          }
      }
}

static const char *
cell (const UpCsvRow *row,
      const int      *columns,
      UpImportField   field)
{
  return columns[field] >= 0 ? up_csv_row_get (row, columns[field]) : "";
}

static char *
stripped (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

static const char *
find_holder (UpPlan     *plan,
             const char *text)
{
  GListModel *holders = G_LIST_MODEL (up_plan_get_holders (plan));
  guint n = g_list_model_get_n_items (holders);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpItem) holder = g_list_model_get_item (holders, i);

      if (g_strcmp0 (up_item_get_id (holder), text) == 0)
        return up_item_get_id (holder);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpItem) holder = g_list_model_get_item (holders, i);
      g_autofree char *name = g_utf8_casefold (up_item_get_name (holder) ?: "", -1);

      if (g_str_equal (name, folded))
        return up_item_get_id (holder);
    }
  return NULL;
}

static char *
normalise_category (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_assign (out, "other");
  return g_string_free (out, FALSE);
}

/* Checks one row; on success returns a new item, else appends reasons to problems. */
static UpCostItem *
build_item (UpPlan         *plan,
            const UpCsvRow *row,
            const int      *columns,
            const char     *default_holder,
            GHashTable     *taken,
            GPtrArray      *problems)
{
  g_autofree char *name = stripped (cell (row, columns, UP_IMPORT_NAME));
  g_autofree char *cost_text = stripped (cell (row, columns, UP_IMPORT_COST));
  g_autofree char *year_text = stripped (cell (row, columns, UP_IMPORT_PRICE_YEAR));
  g_autofree char *holder_text = stripped (cell (row, columns, UP_IMPORT_HOLDER));
  g_autofree char *cashable_text = stripped (cell (row, columns, UP_IMPORT_CASHABLE));
  g_autofree char *id_text = stripped (cell (row, columns, UP_IMPORT_ID));
  g_autofree char *id = NULL;
  g_autofree char *category = NULL;
  g_autoptr(UpCostItem) item = NULL;
  const UpNumberSpec *cost_spec, *year_spec, *cashable_spec;
  const char *holder = NULL;
  double cost = 0, cashable;
  int year;
  guint n_before = problems->len;

  item = up_cost_item_new ("item", "item");
  cost_spec = up_item_find_number (UP_ITEM (item), "cost");
  year_spec = up_item_find_number (UP_ITEM (item), "price-year");
  cashable_spec = up_item_find_number (UP_ITEM (item), "cashable");
  cashable = cashable_spec->defval;
  year = (int) up_item_get_number (UP_ITEM (plan), up_item_find_number (UP_ITEM (plan),
                                                                        "price-base-year"));

  if (name[0] == '\0')
    g_ptr_array_add (problems, g_strdup (_("the name is empty")));

  if (cost_text[0] == '\0')
    g_ptr_array_add (problems, g_strdup (_("the unit cost is empty")));
  else if (!up_csv_parse_number (cost_text, &cost))
    g_ptr_array_add (problems, g_strdup_printf (_("the unit cost “%s” is not a number"),
                                                cost_text));
  else if (cost < cost_spec->min || cost > cost_spec->max)
    g_ptr_array_add (problems, g_strdup_printf (_("the unit cost “%s” is negative or too large"),
                                                cost_text));

  if (year_text[0] != '\0')
    {
      if (!up_csv_parse_year (year_text, &year))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("the price year “%s” is not a year like 2023 or "
                                            "2023/24"), year_text));
      else if (year < year_spec->min || year > year_spec->max)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("the price year %d is out of range"), year));
    }

  if (holder_text[0] != '\0')
    {
      holder = find_holder (plan, holder_text);
      if (holder == NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("“%s” is not a budget holder of this plan"),
                                          holder_text));
    }
  else if (default_holder != NULL && up_plan_find_holder (plan, default_holder) != NULL)
    holder = default_holder;
  else
    g_ptr_array_add (problems, g_strdup (_("no budget holder is given")));

  if (cashable_text[0] != '\0')
    {
      gsize len = strlen (cashable_text);
      gboolean percent = len > 0 && cashable_text[len - 1] == '%';

      if (percent)
        cashable_text[len - 1] = '\0';
      if (!up_csv_parse_number (cashable_text, &cashable))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("the cashable share “%s” is not a number"),
                                          cell (row, columns, UP_IMPORT_CASHABLE)));
      else
        {
          if (percent)
            cashable /= 100.0;
          if (cashable < 0 || cashable > 1)
            g_ptr_array_add (problems,
                             g_strdup_printf (_("the cashable share “%s” is not between 0 and "
                                                "1 (or 0%% and 100%%)"),
                                              cell (row, columns, UP_IMPORT_CASHABLE)));
        }
    }

  if (id_text[0] != '\0')
    {
      if (!up_is_valid_id (id_text))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("the identifier “%s” is not valid (a letter, then "
                                            "letters, digits, “.”, “-” or “_”)"), id_text));
      else if (g_hash_table_contains (taken, id_text))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("the identifier “%s” is already used"), id_text));
      else
        {
          id = g_strdup (id_text);
          g_hash_table_add (taken, g_strdup (id));
        }
    }

  if (problems->len > n_before)
    return NULL;

  if (id == NULL)
    id = up_csv_make_id (name, "item", taken);
  category = normalise_category (g_strstrip (g_strdup (cell (row, columns,
                                                             UP_IMPORT_CATEGORY))));
  up_item_set_id (UP_ITEM (item), id);
  up_item_set_name (UP_ITEM (item), name);
  {
    g_autofree char *unit = stripped (cell (row, columns, UP_IMPORT_UNIT));
    g_autofree char *source = stripped (cell (row, columns, UP_IMPORT_SOURCE));

    up_cost_item_set_unit (item, unit);
    up_cost_item_set_source (item, source[0] ? source : NULL);
  }
  up_cost_item_set_holder (item, holder);
  up_cost_item_set_category (item, category);
  up_item_set_number (UP_ITEM (item), cost_spec, cost);
  up_item_set_number (UP_ITEM (item), year_spec, year);
  up_item_set_number (UP_ITEM (item), cashable_spec, cashable);
  return g_steal_pointer (&item);
}

GPtrArray *
up_cost_import_build (UpPlan     *plan,
                      GPtrArray  *rows,
                      const int   columns[UP_IMPORT_N_FIELDS],
                      const char *default_holder,
                      GPtrArray  *errors)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *existing;
  guint n_errors_before, n_data = 0;

  g_return_val_if_fail (UP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (errors != NULL, NULL);

  n_errors_before = errors->len;
  for (int f = 0; f < UP_IMPORT_N_FIELDS; f++)
    if (up_cost_import_field_required (f) && columns[f] < 0)
      g_ptr_array_add (errors, g_strdup_printf (_("Choose the column that holds “%s”"),
                                                up_cost_import_field_label (f)));
  if (errors->len > n_errors_before)
    return NULL;

  existing = G_LIST_MODEL (up_plan_get_cost_items (plan));
  for (guint i = 0; i < g_list_model_get_n_items (existing); i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (existing, i);

      g_hash_table_add (taken, g_strdup (up_item_get_id (item)));
    }

  for (guint r = 1; r < rows->len; r++)
    {
      const UpCsvRow *row = rows->pdata[r];
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      UpCostItem *item;

      if (up_csv_row_is_blank (row))
        continue;
      n_data++;
      item = build_item (plan, row, columns, default_holder, taken, problems);
      if (item != NULL)
        {
          g_ptr_array_add (items, item);
          continue;
        }
      g_ptr_array_add (problems, NULL);
      {
        g_autofree char *reasons = g_strjoinv ("; ", (char **) problems->pdata);

        /* translators: a row of the CSV file that cannot be imported, and why */
        g_ptr_array_add (errors, g_strdup_printf (_("Row %u: %s"), r + 1, reasons));
      }
    }
  if (n_data == 0)
    g_ptr_array_add (errors, g_strdup (_("The file has no rows to import below its header")));
  if (errors->len > n_errors_before)
    return NULL;
  return g_steal_pointer (&items);
}
