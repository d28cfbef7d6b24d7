/* test-csv.c: the CSV reader and the cost-item import checks (no display needed)
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "upstream-core.h"

#include "up-cost-import.h"
#include "up-csv.h"

static void
assert_row (GPtrArray  *rows,
            guint       i,
            const char *first,
            ...)
{
  const UpCsvRow *row;
  va_list args;
  guint n = 0;

  g_assert_cmpuint (i, <, rows->len);
  row = rows->pdata[i];
  va_start (args, first);
  for (const char *expected = first; expected != NULL; expected = va_arg (args, const char *))
    {
      g_assert_cmpuint (n, <, row->n_fields);
      g_assert_cmpstr (row->fields[n], ==, expected);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (row->n_fields, ==, n);
}

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = up_csv_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
test_simple (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("name,cost\nA&E,109\nGP,42");

  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, "name", "cost", NULL);
  assert_row (rows, 1, "A&E", "109", NULL);
  assert_row (rows, 2, "GP", "42", NULL);
  g_assert_cmpuint (((UpCsvRow *) rows->pdata[2])->line, ==, 3);
}

static void
test_quoted (void)
{
  g_autoptr(GPtrArray) rows =
    parse_ok ("\"Arrest, detained\",\"He said \"\"no\"\"\",\"\"\r\n"
              "plain,\"£1,234.50\" ,x\r\n");

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, "Arrest, detained", "He said \"no\"", "", NULL);
  assert_row (rows, 1, "plain", "£1,234.50", "x", NULL);
}

static void
test_embedded_newlines (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("a,\"line one\r\nline two\nthree\"\nb,c\n");

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, "a", "line one\nline two\nthree", NULL);
  assert_row (rows, 1, "b", "c", NULL);
  /* The second record starts on the fourth line of the file. */
  g_assert_cmpuint (((UpCsvRow *) rows->pdata[1])->line, ==, 4);
}

static void
test_line_ends (void)
{
  g_autoptr(GPtrArray) crlf = parse_ok ("a,b\r\nc,d\r\n");
  g_autoptr(GPtrArray) cr = parse_ok ("a,b\rc,d\r");
  g_autoptr(GPtrArray) trailing = parse_ok ("a,\n");

  g_assert_cmpuint (crlf->len, ==, 2);
  assert_row (crlf, 1, "c", "d", NULL);
  g_assert_cmpuint (cr->len, ==, 2);
  assert_row (cr, 1, "c", "d", NULL);
  g_assert_cmpuint (trailing->len, ==, 1);
  assert_row (trailing, 0, "a", "", NULL);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) empty = parse_ok ("");
  g_autoptr(GPtrArray) bom_only = parse_ok ("\xEF\xBB\xBF");
  g_autoptr(GPtrArray) blank_line = parse_ok ("a\n\nb\n");

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (bom_only->len, ==, 0);
  /* An empty line is a record, as a spreadsheet shows it as an empty row. */
  g_assert_cmpuint (blank_line->len, ==, 3);
  assert_row (blank_line, 1, "", NULL);
  g_assert_true (up_csv_row_is_blank (blank_line->pdata[1]));
  g_assert_false (up_csv_row_is_blank (blank_line->pdata[2]));
}

static void
test_ragged (void)
{
  g_autoptr(GPtrArray) rows = parse_ok ("a,b,c\n1\n1,2,3,4\n");
  const UpCsvRow *short_row;

  g_assert_cmpuint (rows->len, ==, 3);
  short_row = rows->pdata[1];
  g_assert_cmpuint (short_row->n_fields, ==, 1);
  g_assert_cmpstr (up_csv_row_get (short_row, 0), ==, "1");
  g_assert_cmpstr (up_csv_row_get (short_row, 2), ==, "");
  g_assert_cmpstr (up_csv_row_get (short_row, -1), ==, "");
  assert_row (rows, 2, "1", "2", "3", "4", NULL);
}

static void
test_bom_and_encoding (void)
{
  g_autoptr(GPtrArray) bom = parse_ok ("\xEF\xBB\xBFname,cost\nx,1\n");
  g_autoptr(GPtrArray) cp1252 = NULL;
  g_autoptr(GError) error = NULL;

  assert_row (bom, 0, "name", "cost", NULL);
  /* "£5" as Windows-1252 writes it. */
  cp1252 = up_csv_parse ("item,\xA3" "5\n", -1, &error);
  g_assert_no_error (error);
  assert_row (cp1252, 0, "item", "£5", NULL);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  rows = up_csv_parse ("a,b\nc,\"never closed\nd\n", -1, &error);
  g_assert_null (rows);
  g_assert_error (error, UP_CSV_ERROR, UP_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  rows = up_csv_parse ("\"quoted\"junk,b\n", -1, &error);
  g_assert_null (rows);
  g_assert_error (error, UP_CSV_ERROR, UP_CSV_ERROR_BAD_QUOTE);
  g_clear_error (&error);

  rows = up_csv_parse ("a\0b", 3, &error);
  g_assert_null (rows);
  g_assert_error (error, UP_CSV_ERROR, UP_CSV_ERROR_ENCODING);
}

static void
test_numbers (void)
{
  static const struct { const char *text; double value; } good[] = {
    { "109", 109 }, { "1,542", 1542 }, { "£1,234.50", 1234.5 }, { " £51,080 ", 51080 },
    { "0.35", 0.35 }, { "-£3", -3 }, { "£-3", -3 }, { "1e3", 1000 },
    { "12,345,678.9", 12345678.9 },
    { ".5", 0.5 },
  };
  static const char *bad[] = {
    "", "£", "abc", "1,5", "12,34", "1234,567", "1.2.3", "NaN", "inf", "1,234,56", "£ 1 2",
    "12abc", "1e999",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      double v = -1;

      g_assert_true (up_csv_parse_number (good[i].text, &v));
      g_assert_cmpfloat_with_epsilon (v, good[i].value, 1e-9);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double v;

      if (up_csv_parse_number (bad[i], &v))
        g_error ("“%s” was read as %g", bad[i], v);
    }
}

static void
test_years (void)
{
  static const struct { const char *text; int year; } good[] = {
    { "2011", 2011 }, { "2011/12", 2011 }, { "2011-12", 2011 }, { "2011/2012", 2011 },
    { " 2013 / 14 ", 2013 }, { "2011–12", 2011 },
  };
  static const char *bad[] = { "", "11/12", "2011/1", "2011x", "twenty", "20111" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      int y = 0;

      g_assert_true (up_csv_parse_year (good[i].text, &y));
      g_assert_cmpint (y, ==, good[i].year);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int y;

      g_assert_false (up_csv_parse_year (bad[i], &y));
    }
}

static void
test_make_id (void)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *a = up_csv_make_id ("A&E attendance (all)", "item", taken);
  g_autofree char *b = up_csv_make_id ("A&E attendance — all", "item", taken);
  g_autofree char *c = up_csv_make_id ("A&E attendance all", "item", taken);
  g_autofree char *d = up_csv_make_id ("2nd visit", "item", taken);
  g_autofree char *e = up_csv_make_id ("***", "item", taken);
  g_autofree char *f = up_csv_make_id ("Café", "item", taken);

  g_assert_cmpstr (a, ==, "a-e-attendance-all");
  g_assert_cmpstr (b, ==, "a-e-attendance-all-2");
  g_assert_cmpstr (c, ==, "a-e-attendance-all-3");
  g_assert_cmpstr (d, ==, "item-2nd-visit");
  g_assert_cmpstr (e, ==, "item");
  g_assert_cmpstr (f, ==, "cafe");
  g_assert_true (up_is_valid_id (a) && up_is_valid_id (d) && up_is_valid_id (e));
}

static UpPlan *
make_plan (void)
{
  UpPlan *plan = up_plan_new ();
  g_autoptr(UpBudgetHolder) nhs = up_budget_holder_new ("nhs", "NHS ICB");
  g_autoptr(UpBudgetHolder) police = up_budget_holder_new ("police", "West Yorkshire Police");
  g_autoptr(UpCostItem) gp = up_cost_item_new ("gp", "GP consultation");

  up_item_set_number (UP_ITEM (plan), up_item_find_number (UP_ITEM (plan), "price-base-year"),
                      2023);
  g_list_store_append (up_plan_get_holders (plan), nhs);
  g_list_store_append (up_plan_get_holders (plan), police);
  g_list_store_append (up_plan_get_cost_items (plan), gp);
  return plan;
}

static void
test_import_good (void)
{
  g_autoptr(UpPlan) plan = make_plan ();
  g_autoptr(GPtrArray) rows =
    parse_ok ("Item,Unit cost (£),Unit,Price year,Bears cost,Category,Cashable,Source\n"
              "GP consultation,£42,consultation,2023/24,nhs,Routine,5%,\"PSSRU, 2023\"\n"
              "Arrest (detained),593,arrest,2006/07,west yorkshire police,criminal justice,"
              "0.15,GMCA\n"
              ",,,,,,,\n"
              "Ambulance call-out,\"1,216\",call-out,,,crisis,,\n");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  int columns[UP_IMPORT_N_FIELDS];
  UpCostItem *item;

  up_cost_import_guess_columns (rows->pdata[0], columns);
  g_assert_cmpint (columns[UP_IMPORT_NAME], ==, 0);
  g_assert_cmpint (columns[UP_IMPORT_COST], ==, 1);
  g_assert_cmpint (columns[UP_IMPORT_UNIT], ==, 2);
  g_assert_cmpint (columns[UP_IMPORT_PRICE_YEAR], ==, 3);
  g_assert_cmpint (columns[UP_IMPORT_HOLDER], ==, 4);
  g_assert_cmpint (columns[UP_IMPORT_CATEGORY], ==, 5);
  g_assert_cmpint (columns[UP_IMPORT_CASHABLE], ==, 6);
  g_assert_cmpint (columns[UP_IMPORT_SOURCE], ==, 7);
  g_assert_cmpint (columns[UP_IMPORT_ID], ==, -1);

  items = up_cost_import_build (plan, rows, columns, "police", errors);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 3);

  item = items->pdata[0];
  /* "gp" is taken by the plan already. */
  g_assert_cmpstr (up_item_get_id (UP_ITEM (item)), ==, "gp-consultation");
  g_assert_cmpfloat (up_item_get_number (UP_ITEM (item),
                                         up_item_find_number (UP_ITEM (item), "cost")), ==, 42);
  g_assert_cmpfloat (up_item_get_number (UP_ITEM (item),
                                         up_item_find_number (UP_ITEM (item), "price-year")),
                     ==, 2023);
  g_assert_cmpfloat_with_epsilon (up_item_get_number (UP_ITEM (item),
                                                      up_item_find_number (UP_ITEM (item),
                                                                           "cashable")),
                                  0.05, 1e-12);
  g_assert_cmpstr (up_cost_item_get_category (item), ==, "routine");
  g_assert_cmpstr (up_cost_item_get_source (item), ==, "PSSRU, 2023");

  item = items->pdata[1];
  g_assert_cmpstr (up_cost_item_get_holder (item), ==, "police");
  g_assert_cmpstr (up_cost_item_get_category (item), ==, "criminal-justice");
  g_assert_cmpfloat (up_item_get_number (UP_ITEM (item),
                                         up_item_find_number (UP_ITEM (item), "price-year")),
                     ==, 2006);

  item = items->pdata[2];
  g_assert_cmpfloat (up_item_get_number (UP_ITEM (item),
                                         up_item_find_number (UP_ITEM (item), "cost")), ==, 1216);
  /* No year: the plan's price base; no holder: the default; no cashable: the default. */
  g_assert_cmpfloat (up_item_get_number (UP_ITEM (item),
                                         up_item_find_number (UP_ITEM (item), "price-year")),
                     ==, 2023);
  g_assert_cmpstr (up_cost_item_get_holder (item), ==, "police");
}

static void
test_import_bad (void)
{
  g_autoptr(UpPlan) plan = make_plan ();
  g_autoptr(GPtrArray) rows =
    parse_ok ("name,cost,holder,price year,cashable\n"
              "Good,10,nhs,2020,0.5\n"
              "Bad cost,ten,nhs,2020,0.5\n"
              "Bad holder,10,NHS England,2020,0.5\n"
              "Bad year and share,10,nhs,20/21,150%\n");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  int columns[UP_IMPORT_N_FIELDS];

  up_cost_import_guess_columns (rows->pdata[0], columns);
  items = up_cost_import_build (plan, rows, columns, NULL, errors);
  g_assert_null (items);
  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_true (g_str_has_prefix (errors->pdata[0], "Row 3: "));
  g_assert_nonnull (strstr (errors->pdata[0], "ten"));
  g_assert_true (g_str_has_prefix (errors->pdata[1], "Row 4: "));
  g_assert_nonnull (strstr (errors->pdata[1], "NHS England"));
  g_assert_true (g_str_has_prefix (errors->pdata[2], "Row 5: "));
  g_assert_nonnull (strstr (errors->pdata[2], "20/21"));
  g_assert_nonnull (strstr (errors->pdata[2], "150%"));

  /* Without a cost column nothing can be checked. */
  g_ptr_array_set_size (errors, 0);
  columns[UP_IMPORT_COST] = -1;
  g_assert_null (up_cost_import_build (plan, rows, columns, NULL, errors));
  g_assert_cmpuint (errors->len, ==, 1);

  /* A header and nothing else. */
  {
    g_autoptr(GPtrArray) header_only = parse_ok ("name,cost\n");

    g_ptr_array_set_size (errors, 0);
    up_cost_import_guess_columns (header_only->pdata[0], columns);
    g_assert_null (up_cost_import_build (plan, header_only, columns, "nhs", errors));
    g_assert_cmpuint (errors->len, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/simple", test_simple);
  g_test_add_func ("/csv/quoted", test_quoted);
  g_test_add_func ("/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/ragged", test_ragged);
  g_test_add_func ("/csv/bom-and-encoding", test_bom_and_encoding);
  g_test_add_func ("/csv/errors", test_errors);
  g_test_add_func ("/csv/numbers", test_numbers);
  g_test_add_func ("/csv/years", test_years);
  g_test_add_func ("/csv/make-id", test_make_id);
  g_test_add_func ("/csv/import-good", test_import_good);
  g_test_add_func ("/csv/import-bad", test_import_bad);
  return g_test_run ();
}
