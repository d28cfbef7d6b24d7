/* test-export.c: the CSV exports read back to the engine's numbers exactly
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses the exports with the app's RFC 4180 reader (src/app/up-csv.c, which has no GTK
 * dependency) and compares every value with the engine's double using ==, in the C
 * locale and under a comma-decimal locale.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "up-csv.h"
#include "upstream-core.h"

typedef struct
{
  UpPlan    *plan;
  UpModel   *model;
  UpResults *results;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *name = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  f->plan = up_plan_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  f->model = up_model_compile (f->plan, NULL, NULL, &error);
  g_assert_no_error (error);
  f->results = up_model_project (f->model);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->results, up_results_free);
  g_clear_pointer (&f->model, up_model_unref);
  g_clear_object (&f->plan);
}

static GPtrArray *
parse (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  GPtrArray *rows;

  g_assert_true (g_utf8_validate (data, size, NULL));
  rows = up_csv_parse (data, size, &error);
  g_assert_no_error (error);
  /* A trailing line end gives no extra record. */
  if (rows->len > 0 && up_csv_row_is_blank (rows->pdata[rows->len - 1])
      && ((UpCsvRow *) rows->pdata[rows->len - 1])->n_fields <= 1)
    g_ptr_array_remove_index (rows, rows->len - 1);
  return rows;
}

/* Every line ends in CRLF; no bare LF or CR outside quotes. */
static void
assert_crlf (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gboolean quoted = FALSE;

  g_assert_cmpuint (size, >=, 2);
  g_assert_true (data[size - 2] == '\r' && data[size - 1] == '\n');
  for (gsize i = 0; i < size; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && data[i] == '\r')
        g_assert_true (i + 1 < size && data[i + 1] == '\n');
      else if (!quoted && data[i] == '\n')
        g_assert_true (i > 0 && data[i - 1] == '\r');
    }
}

static double
read_number (const char *text)
{
  char *end = NULL;
  double value;

  if (*text == '\0')
    return NAN;
  value = g_ascii_strtod (text, &end);
  g_assert_true (end != NULL && *end == '\0');
  return value;
}

static void
assert_same (double      expected,
             const char *text)
{
  double value = read_number (text);

  if (isnan (expected) || isinf (expected))
    {
      g_assert_cmpstr (text, ==, "");
      return;
    }
  if (value != expected)
    g_error ("“%s” reads as %.17g, the engine has %.17g", text, value, expected);
}

static int
index_of (const char *const *names,
          int                 n,
          const char         *name)
{
  for (int i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  g_error ("unknown name “%s”", name);
  return -1;
}

/* ---- Per-year -------------------------------------------------------------------- */

static void
check_years (const UpModel   *model,
             const UpResults *r,
             gboolean         discounted,
             GBytes          *bytes)
{
  g_autoptr(GPtrArray) rows = parse (bytes);
  int O = up_model_get_n_options (model), K = up_model_get_n_cycles (model);
  int S = up_model_get_n_states (model), H = up_model_get_n_holders (model);
  int M = up_model_get_n_measures (model);
  const UpCsvRow *header = rows->pdata[0];
  const char *expected_header[] = { "option", "cycle", "year", "quantity", "holder", "state",
                                    "measure", "value", "discounted" };
  const char *costs[] = { "service", "entry", "delivery", "crisis" };
  g_autofree const char **options = g_new0 (const char *, O);
  g_autofree const char **states = g_new0 (const char *, S);
  g_autofree const char **holders = g_new0 (const char *, H);
  g_autofree const char **measures = g_new0 (const char *, M);

  for (int o = 0; o < O; o++)
    options[o] = up_model_get_option_id (model, o);
  for (int s = 0; s < S; s++)
    states[s] = up_model_get_state_id (model, s);
  for (int h = 0; h < H; h++)
    holders[h] = up_model_get_holder_id (model, h);
  for (int m = 0; m < M; m++)
    measures[m] = up_model_get_measure_id (model, m);

  g_assert_cmpuint (header->n_fields, ==, G_N_ELEMENTS (expected_header));
  for (guint i = 0; i < G_N_ELEMENTS (expected_header); i++)
    g_assert_cmpstr (header->fields[i], ==, expected_header[i]);
  g_assert_cmpuint (rows->len, ==, 1 + (guint) (O * K * (2 * S + UP_COST_N * H + 7 + M)));

  for (guint i = 1; i < rows->len; i++)
    {
      const UpCsvRow *row = rows->pdata[i];
      int o = index_of (options, O, up_csv_row_get (row, 0));
      int k = atoi (up_csv_row_get (row, 1));
      const char *quantity = up_csv_row_get (row, 3);
      const char *value = up_csv_row_get (row, 7);
      gboolean is_discounted = g_strcmp0 (up_csv_row_get (row, 8), "true") == 0;
      gsize ok = (gsize) o * K + (k - 1);
      double dfc = up_model_get_df_cost (model, k), dfo = up_model_get_df_outcome (model, k);
      double expected;
      gboolean money = TRUE;

      g_assert_cmpuint (row->n_fields, ==, 9);
      g_assert_cmpint (k, >=, 1);
      g_assert_cmpint (k, <=, K);
      g_assert_cmpint (atoi (up_csv_row_get (row, 2)), ==, up_model_get_start_year (model) + k - 1);
      if (strcmp (quantity, "people_start") == 0 || strcmp (quantity, "people_end") == 0)
        {
          int s = index_of (states, S, up_csv_row_get (row, 5));

          expected = up_results_trace (r, o, strcmp (quantity, "people_end") == 0 ? k : k - 1, s);
          money = FALSE;
        }
      else if (strcmp (quantity, "community") == 0)
        expected = r->community[ok];
      else if (strcmp (quantity, "public_cost") == 0)
        expected = r->public_cost[ok];
      else if (strcmp (quantity, "cum_net") == 0)
        {
          expected = r->cum_net[ok];
          money = FALSE;
          g_assert_true (is_discounted);
        }
      else if (strcmp (quantity, "participants") == 0)
        expected = r->participants[ok], money = FALSE;
      else if (strcmp (quantity, "rho") == 0)
        expected = r->rho[ok], money = FALSE;
      else if (strcmp (quantity, "strength") == 0)
        expected = r->strength[ok], money = FALSE;
      else if (strcmp (quantity, "episodes") == 0)
        expected = r->episodes[ok], money = FALSE;
      else if (strcmp (quantity, "outcome") == 0)
        {
          int m = index_of (measures, M, up_csv_row_get (row, 6));

          expected = r->outcomes[ok * M + m];
          if (discounted)
            expected *= dfo;
          g_assert_true (!is_discounted == !discounted);
          money = FALSE;
        }
      else
        {
          int c = index_of (costs, UP_COST_N, quantity);
          int h = index_of (holders, H, up_csv_row_get (row, 4));

          expected = up_results_cost (r, o, k, h, c);
        }
      if (money)
        {
          if (discounted)
            expected *= dfc;
          g_assert_true (!is_discounted == !discounted);
        }
      else if (strcmp (quantity, "cum_net") != 0 && strcmp (quantity, "outcome") != 0)
        g_assert_false (is_discounted);
      assert_same (expected, value);
    }
}

static void
test_years (Fixture       *f,
            gconstpointer  data)
{
  for (int discounted = 0; discounted <= 1; discounted++)
    {
      g_autoptr(GBytes) bytes = up_export_years_csv (f->model, f->results, discounted);

      assert_crlf (bytes);
      check_years (f->model, f->results, discounted, bytes);
    }
}

/* ---- Scorecard ------------------------------------------------------------------- */

static const struct
{
  const char *name;
  gsize       offset;
} doubles[] = {
#define D(m) { #m, G_STRUCT_OFFSET (UpMetrics, m) }
  D (service), D (entry), D (delivery), D (delivery_public), D (community), D (public_cost),
  D (gross_savings), D (cashable_savings), D (extra_delivery), D (npbi), D (roi), D (npsv),
  D (bcr), D (crisis_cost), D (crisis_cost_avoided), D (crisis_episodes),
  D (crisis_episodes_avoided), D (cost_per_episode_avoided), D (monetised_outcome_gain),
  D (community_per_public_delivery), D (pooled_extra_delivery), D (pooled_savings),
  D (pooled_net), D (participant_years),
#undef D
};

static void
check_scorecard (const UpModel   *model,
                 const UpResults *r,
                 GBytes          *bytes)
{
  g_autoptr(GPtrArray) rows = parse (bytes);
  int O = up_model_get_n_options (model), H = up_model_get_n_holders (model);
  int M = up_model_get_n_measures (model);
  guint per_option = G_N_ELEMENTS (doubles) + 2 + 3 * M + 3 * H;
  const UpCsvRow *header = rows->pdata[0];
  const char *expected_header[] = { "option", "option_name", "metric", "label", "unit",
                                    "value" };

  for (guint i = 0; i < G_N_ELEMENTS (expected_header); i++)
    g_assert_cmpstr (up_csv_row_get (header, i), ==, expected_header[i]);
  g_assert_cmpuint (rows->len, ==, 1 + O * per_option);

  for (guint i = 1; i < rows->len; i++)
    {
      const UpCsvRow *row = rows->pdata[i];
      int o = (i - 1) / per_option;
      const UpMetrics *mt = &r->metrics[o];
      const char *metric = up_csv_row_get (row, 2);
      const char *value = up_csv_row_get (row, 5);
      const char *name = up_model_get_option_name (model, o);
      g_auto(GStrv) parts = g_strsplit (metric, "/", 3);
      double expected = NAN;
      gboolean found = FALSE;

      g_assert_cmpuint (row->n_fields, ==, 6);
      g_assert_cmpstr (up_csv_row_get (row, 0), ==, up_model_get_option_id (model, o));
      g_assert_cmpstr (up_csv_row_get (row, 1), ==, name);
      g_assert_cmpstr (up_csv_row_get (row, 3), !=, "");
      for (guint j = 0; j < G_N_ELEMENTS (doubles); j++)
        if (strcmp (doubles[j].name, metric) == 0)
          {
            expected = G_STRUCT_MEMBER (double, mt, doubles[j].offset);
            found = TRUE;
          }
      if (strcmp (metric, "break_even_cycle") == 0)
        expected = mt->break_even_cycle > 0 ? mt->break_even_cycle : NAN, found = TRUE;
      else if (strcmp (metric, "break_even_year") == 0)
        expected = mt->break_even_cycle > 0 ? mt->break_even_year : NAN, found = TRUE;
      else if (strcmp (parts[0], "outcome") == 0)
        {
          int m = -1;

          for (int j = 0; j < M; j++)
            if (strcmp (up_model_get_measure_id (model, j), parts[1]) == 0)
              m = j;
          g_assert_cmpint (m, >=, 0);
          expected = strcmp (parts[2], "total") == 0 ? r->outcome_total[o * M + m]
                   : strcmp (parts[2], "delta") == 0 ? r->outcome_delta[o * M + m]
                   : r->icer[o * M + m];
          found = TRUE;
        }
      else if (strcmp (parts[0], "holder") == 0)
        {
          int h = -1;

          for (int j = 0; j < H; j++)
            if (strcmp (up_model_get_holder_id (model, j), parts[1]) == 0)
              h = j;
          g_assert_cmpint (h, >=, 0);
          expected = strcmp (parts[2], "extra_delivery") == 0 ? r->holder_extra[o * H + h]
                   : strcmp (parts[2], "savings") == 0 ? r->holder_savings[o * H + h]
                   : r->holder_net[o * H + h];
          found = TRUE;
        }
      g_assert_true (found);
      assert_same (expected, value);
    }
}

static void
test_scorecard (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = up_export_scorecard_csv (f->model, f->results);

  assert_crlf (bytes);
  check_scorecard (f->model, f->results, bytes);
}

/* Names with commas, quotes and line breaks come back whole. */
static void
test_quoting (Fixture       *f,
              gconstpointer  data)
{
  const char *awkward = "Peer \"network\", north\nand south";
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  UpOption *option = up_plan_get_bau (f->plan);

  up_item_set_name (UP_ITEM (option), awkward);
  model = up_model_compile (f->plan, NULL, NULL, &error);
  g_assert_no_error (error);
  results = up_model_project (model);
  bytes = up_export_scorecard_csv (model, results);
  assert_crlf (bytes);
  check_scorecard (model, results, bytes);

  {
    GString *s = g_string_new (NULL);

    up_export_csv_field (s, "plain");
    g_string_append_c (s, ',');
    up_export_csv_field (s, "a,b");
    g_string_append_c (s, ',');
    up_export_csv_field (s, "say \"hi\"");
    g_string_append_c (s, ',');
    up_export_csv_field (s, NULL);
    g_string_append_c (s, ',');
    up_export_csv_number (s, 0.1);
    g_string_append_c (s, ',');
    up_export_csv_number (s, NAN);
    g_string_append_c (s, ',');
    up_export_csv_number (s, -0.0);
    g_assert_cmpstr (s->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",,0.1,,0");
    g_string_free (s, TRUE);
  }
}

/* A German desktop writes the same bytes: '.' decimals, no grouping. */
static void
test_locale (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) years_c = up_export_years_csv (f->model, f->results, TRUE);
  g_autoptr(GBytes) scorecard_c = up_export_scorecard_csv (f->model, f->results);
  g_autoptr(GBytes) years_de = NULL;
  g_autoptr(GBytes) scorecard_de = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (tools/install-deps adds it)");
      return;
    }
  years_de = up_export_years_csv (f->model, f->results, TRUE);
  scorecard_de = up_export_scorecard_csv (f->model, f->results);
  check_years (f->model, f->results, TRUE, years_de);
  check_scorecard (f->model, f->results, scorecard_de);
  setlocale (LC_ALL, saved);
  g_assert_true (g_bytes_equal (years_c, years_de));
  g_assert_true (g_bytes_equal (scorecard_c, scorecard_de));
}

int
main (int   argc,
      char *argv[])
{
  const char *examples[] = {
    "bradford-peer-recovery.upstream",
    "drug-alcohol-recovery.upstream",
    "wigan-early-help.upstream",
  };

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *years = g_strdup_printf ("/up/export/years/%s", examples[i]);
      g_autofree char *scorecard = g_strdup_printf ("/up/export/scorecard/%s", examples[i]);

      g_test_add (years, Fixture, examples[i], fixture_set_up, test_years, fixture_tear_down);
      g_test_add (scorecard, Fixture, examples[i], fixture_set_up, test_scorecard,
                  fixture_tear_down);
    }
  g_test_add ("/up/export/quoting", Fixture, examples[0], fixture_set_up, test_quoting,
              fixture_tear_down);
  g_test_add ("/up/export/locale", Fixture, examples[0], fixture_set_up, test_locale,
              fixture_tear_down);
  return g_test_run ();
}
