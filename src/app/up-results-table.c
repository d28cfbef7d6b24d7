/* up-results-table.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-results-table"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "up-results-table.h"

/* Amounts smaller than this (in money) are "no difference" in words. */
#define MONEY_EPSILON 0.5

/* ---- Rows and tables -------------------------------------------------------------- */

static void
row_free (gpointer data)
{
  UpResultsRow *row = data;

  g_free (row->key);
  g_free (row->label);
  g_free (row->tooltip);
  for (guint i = 0; i < row->n_values; i++)
    {
      g_free (row->values[i]);
      g_free (row->words[i]);
      g_free (row->details[i]);
    }
  g_free (row->values);
  g_free (row->words);
  g_free (row->details);
  g_free (row->raw);
  g_free (row);
}

static UpResultsTable *
table_new (guint n_columns)
{
  UpResultsTable *table = g_new0 (UpResultsTable, 1);

  g_atomic_ref_count_init (&table->ref_count);
  table->n_columns = n_columns;
  table->columns = g_new0 (char *, n_columns + 1);
  table->column_notes = g_new0 (char *, n_columns + 1);
  table->column_ids = g_new0 (char *, n_columns + 1);
  table->rows = g_ptr_array_new_with_free_func (row_free);
  return table;
}

UpResultsTable *
up_results_table_ref (UpResultsTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_atomic_ref_count_inc (&table->ref_count);
  return table;
}

void
up_results_table_unref (UpResultsTable *table)
{
  g_return_if_fail (table != NULL);
  if (!g_atomic_ref_count_dec (&table->ref_count))
    return;
  g_strfreev (table->columns);
  /* column_notes may have NULL holes: free each slot, not as a NULL-terminated vector. */
  for (guint i = 0; i < table->n_columns; i++)
    g_free (table->column_notes[i]);
  g_free (table->column_notes);
  g_strfreev (table->column_ids);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

const UpResultsRow *
up_results_table_find (const UpResultsTable *table,
                       const char           *key)
{
  g_return_val_if_fail (table != NULL, NULL);
  for (guint i = 0; i < table->rows->len; i++)
    {
      const UpResultsRow *row = table->rows->pdata[i];

      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }
  return NULL;
}

static UpResultsRow *
add_row (UpResultsTable *table,
         UpResultsKind   kind,
         const char     *key,
         const char     *label,
         const char     *tooltip)
{
  UpResultsRow *row = g_new0 (UpResultsRow, 1);
  guint n = kind == UP_RESULTS_KIND_HEADING ? 0 : table->n_columns;

  row->key = g_strdup (key);
  row->label = g_strdup (label);
  row->tooltip = g_strdup (tooltip);
  row->kind = kind;
  row->n_values = n;
  row->values = g_new0 (char *, n + 1);
  row->words = g_new0 (char *, n + 1);
  row->details = g_new0 (char *, n + 1);
  row->raw = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    row->raw[i] = NAN;
  g_ptr_array_add (table->rows, row);
  return row;
}

static void
add_heading (UpResultsTable *table,
             const char     *key,
             const char     *label)
{
  add_row (table, UP_RESULTS_KIND_HEADING, key, label, NULL);
}

/* Decimals for counts and outcome units: enough to read small cohorts (a cohort of one
 * person gives fractions), none for thousands. Chosen per row or column so that the
 * numbers in it line up. */
static int
decimals_for (double max_abs)
{
  if (max_abs >= 100)
    return 0;
  if (max_abs >= 1)
    return 1;
  return 3;
}

static double
row_max_abs (const UpResultsRow *row)
{
  double max_abs = 0;

  for (guint i = 0; i < row->n_values; i++)
    if (!isnan (row->raw[i]))
      max_abs = MAX (max_abs, fabs (row->raw[i]));
  return max_abs;
}

/* Fills the display strings of row from its raw values. */
static void
format_row (UpResultsRow *row,
            const char   *currency,
            int           decimals)
{
  for (guint i = 0; i < row->n_values; i++)
    {
      double v = row->raw[i];

      g_clear_pointer (&row->values[i], g_free);
      if (isnan (v))
        {
          row->values[i] = g_strdup ("—");
          if (row->details[i] == NULL)
            row->details[i] = g_strdup (_("not applicable"));
          continue;
        }
      switch (row->kind)
        {
        case UP_RESULTS_KIND_MONEY:
          row->values[i] = up_format_money (v, currency);
          if (row->details[i] == NULL)
            row->details[i] = up_format_money_short (v, currency);
          break;
        case UP_RESULTS_KIND_RATIO:
          row->values[i] = up_format_number (v, 2);
          break;
        case UP_RESULTS_KIND_COUNT:
        case UP_RESULTS_KIND_OUTCOME:
          row->values[i] = up_format_number (v, decimals);
          break;
        case UP_RESULTS_KIND_YEAR:
          row->values[i] = g_strdup_printf ("%.0f", v);
          break;
        case UP_RESULTS_KIND_HEADING:
        default:
          g_assert_not_reached ();
        }
    }
}

static void
format_row_auto (UpResultsRow *row,
                 const char   *currency)
{
  format_row (row, currency, decimals_for (row_max_abs (row)));
}

/* ---- Options ------------------------------------------------------------------------ */

int
up_results_option_order (const UpModel  *model,
                         int           **order)
{
  int O = up_model_get_n_options (model), bau = up_model_get_bau_index (model), n = 0;
  int *out = g_new (int, MAX (O, 1));

  if (bau >= 0 && bau < O)
    out[n++] = bau;
  for (int o = 0; o < O; o++)
    if (o != bau)
      out[n++] = o;
  *order = out;
  return n;
}

static const char *
option_title (const UpModel *model,
              int            o)
{
  const char *name = up_model_get_option_name (model, o);

  return name != NULL && *name != '\0' ? name : up_model_get_option_id (model, o);
}

/* ---- Scorecard ---------------------------------------------------------------------- */

typedef enum
{
  METRIC_LEVEL = 0,     /* a level of the option itself: shown for BAU too */
  METRIC_COMPARISON,    /* against BAU: "—" in the BAU column */
} MetricRole;

typedef double (*MetricGetter) (const UpMetrics *mt);

#define GETTER(field)                                          \
static double                                                  \
get_##field (const UpMetrics *mt)                              \
{                                                              \
  return mt->field;                                            \
}

GETTER (public_cost)
GETTER (gross_savings)
GETTER (cashable_savings)
GETTER (extra_delivery)
GETTER (npbi)
GETTER (roi)
GETTER (npsv)
GETTER (bcr)
GETTER (crisis_cost)
GETTER (crisis_cost_avoided)
GETTER (crisis_episodes_avoided)
GETTER (cost_per_episode_avoided)
GETTER (community)
GETTER (community_per_public_delivery)
GETTER (participant_years)

static UpResultsRow *
add_metric (UpResultsTable  *table,
            const UpModel   *model,
            const UpResults *results,
            const int       *order,
            UpResultsKind    kind,
            MetricRole       role,
            MetricGetter     getter,
            const char      *key,
            const char      *label,
            const char      *tooltip)
{
  UpResultsRow *row = add_row (table, kind, key, label, tooltip);
  int bau = up_model_get_bau_index (model);

  for (guint i = 0; i < table->n_columns; i++)
    {
      int o = order[i];

      if (role == METRIC_COMPARISON && o == bau)
        {
          row->raw[i] = NAN;
          row->details[i] = g_strdup (_("not applicable: business as usual is the baseline"));
        }
      else
        row->raw[i] = getter (&results->metrics[o]);
    }
  format_row_auto (row, up_model_get_currency (model));
  return row;
}

/* Words that say which way a money difference goes, for people who cannot tell red
 * from green (or have no colour at all). */
static void
add_direction_words (UpResultsRow *row,
                     const char   *currency,
                     const char   *gain_format,
                     const char   *loss_format,
                     const char   *even)
{
  for (guint i = 0; i < row->n_values; i++)
    {
      double v = row->raw[i];
      g_autofree char *amount = NULL;

      if (isnan (v))
        continue;
      amount = up_format_money_short (fabs (v), currency);
      g_free (row->words[i]);
      if (v >= MONEY_EPSILON)
        row->words[i] = g_strdup_printf (gain_format, amount);
      else if (v <= -MONEY_EPSILON)
        row->words[i] = g_strdup_printf (loss_format, amount);
      else
        row->words[i] = g_strdup (even);
    }
}

UpResultsTable *
up_results_table_scorecard (const UpModel   *model,
                            const UpResults *results)
{
  g_autofree int *order = NULL;
  int n = up_results_option_order (model, &order);
  int K = up_model_get_n_cycles (model), M = up_model_get_n_measures (model);
  int bau = up_model_get_bau_index (model);
  const char *currency = up_model_get_currency (model);
  const char *symbol = up_currency_symbol (currency);
  UpResultsTable *table;
  UpResultsRow *row;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  table = table_new (n);
  for (int i = 0; i < n; i++)
    {
      table->columns[i] = g_strdup (option_title (model, order[i]));
      table->column_ids[i] = g_strdup (up_model_get_option_id (model, order[i]));
      table->column_notes[i] = up_headline (model, results, order[i]);
    }

  add_heading (table, "section/money", _("Public money (discounted)"));
  add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_LEVEL,
              get_public_cost, "public-cost", _("Public cost"),
              _("Everything public bodies spend on this option over the horizon: the "
                "services people use, the cost of moving into costlier states, and "
                "delivering the option. Discounted to today’s value."));
  add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_COMPARISON,
              get_gross_savings, "gross-savings", _("Gross savings"),
              _("How much less public bodies spend on services (use of services and "
                "entry into costlier states) than under business as usual, before the "
                "cost of delivering the option."));
  add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_COMPARISON,
              get_cashable_savings, "cashable-savings", _("Cashable savings"),
              _("The part of the savings that could be released as cash, using each cost "
                "item’s cashable share. Where a cost goes up, the whole increase counts."));
  add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_COMPARISON,
              get_extra_delivery, "extra-delivery", _("Extra delivery cost"),
              _("What public bodies spend on delivering this option beyond what business "
                "as usual costs to deliver."));
  row = add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_COMPARISON,
                    get_npbi, "npbi", _("Net present budget impact"),
                    _("Savings minus extra delivery cost, for public bodies. A positive "
                      "number means the option saves public money overall; a negative "
                      "one means it costs more than it saves."));
  /* translators: %s is money, as in "saves £1.2m" */
  add_direction_words (row, currency, _("saves %s"),
                       /* translators: %s is money, as in "costs £0.4m more" */
                       _("costs %s more"), _("no difference"));
  add_metric (table, model, results, order, UP_RESULTS_KIND_RATIO, METRIC_COMPARISON,
              get_roi, "roi", _("Financial return on investment"),
              _("Gross savings divided by extra delivery cost. Above 1, the savings are "
                "larger than the extra spending. Not applicable when the option costs no "
                "more to deliver."));
  {
    row = add_row (table, UP_RESULTS_KIND_YEAR, "break-even", _("Breaks even"),
                   _("The first year from which the running total of net savings to "
                     "public bodies (discounted) stays at or above zero until the end of "
                     "the horizon."));
    for (int i = 0; i < n; i++)
      {
        const UpMetrics *mt = &results->metrics[order[i]];

        if (order[i] == bau)
          row->details[i] = g_strdup (_("not applicable: business as usual is the "
                                        "baseline"));
        else if (mt->break_even_cycle > 0)
          {
            row->raw[i] = mt->break_even_year;
            /* translators: which year of the horizon, as in "year 5 of 10" */
            row->words[i] = g_strdup_printf (_("year %d of %d"), mt->break_even_cycle, K);
          }
        else
          row->details[i] = g_strdup_printf (ngettext ("does not break even within %d year",
                                                       "does not break even within %d years",
                                                       K), K);
      }
    format_row (row, currency, 0);
    for (int i = 0; i < n; i++)
      if (order[i] != bau && results->metrics[order[i]].break_even_cycle == 0)
        {
          g_free (row->values[i]);
          /* translators: an option does not break even */
          row->values[i] = g_strdup (_("never"));
        }
  }

  add_heading (table, "section/social", _("Value to society (discounted)"));
  row = add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_COMPARISON,
                    get_npsv, "npsv", _("Net present social value"),
                    _("The fall in costs to every budget holder, counting the community’s "
                      "own contribution as a cost, plus the money value of better "
                      "outcomes. Positive is a net gain to society."));
  /* translators: %s is money, a net gain to society */
  add_direction_words (row, currency, _("gain of %s"),
                       /* translators: %s is money, a net loss to society */
                       _("loss of %s"), _("no difference"));
  add_metric (table, model, results, order, UP_RESULTS_KIND_RATIO, METRIC_COMPARISON,
              get_bcr, "bcr", _("Benefit–cost ratio"),
              _("Savings to every budget holder plus the money value of better outcomes, "
                "divided by the extra delivery cost and the extra community contribution. "
                "Not applicable when nothing extra is spent."));

  add_heading (table, "section/crisis", _("Crisis"));
  add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_LEVEL,
              get_crisis_cost, "crisis-cost", _("Crisis cost"),
              _("Public spending on crisis: services used in crisis states and the cost "
                "of people entering them. Discounted."));
  add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_COMPARISON,
              get_crisis_cost_avoided, "crisis-cost-avoided", _("Crisis cost avoided"),
              _("How much less public bodies spend on crisis than under business as "
                "usual. Discounted."));
  row = add_metric (table, model, results, order, UP_RESULTS_KIND_COUNT, METRIC_COMPARISON,
                    get_crisis_episodes_avoided, "crisis-episodes-avoided",
                    _("Crisis episodes avoided"),
                    _("How many fewer times people move into a crisis state than under "
                      "business as usual, over the whole horizon. Not discounted."));
  add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_COMPARISON,
              get_cost_per_episode_avoided, "cost-per-episode-avoided",
              _("Cost per crisis episode avoided"),
              _("Extra public cost divided by the crisis episodes avoided. A negative "
                "number means the option saves money while avoiding crises. Not "
                "applicable when no episodes are avoided."));

  add_heading (table, "section/community", _("Community and reach"));
  add_metric (table, model, results, order, UP_RESULTS_KIND_MONEY, METRIC_LEVEL,
              get_community, "community", _("Community contribution"),
              _("The value of volunteer time and in-kind resources, such as donated "
                "buildings, that the community puts in. It is not public money. "
                "Discounted."));
  {
    g_autofree char *label = NULL;

    if (symbol != NULL)
      /* translators: %s is a currency symbol, as in "Community value per £ of public
       * delivery" */
      label = g_strdup_printf (_("Community value per %s of public delivery"), symbol);
    else
      label = g_strdup_printf (_("Community value per %s of public delivery"), currency);
    add_metric (table, model, results, order, UP_RESULTS_KIND_RATIO, METRIC_LEVEL,
                get_community_per_public_delivery, "community-per-public-delivery", label,
                _("Community contribution for each unit of money that public bodies spend "
                  "delivering the option. Not applicable when public bodies spend nothing "
                  "on delivery."));
  }
  add_metric (table, model, results, order, UP_RESULTS_KIND_COUNT, METRIC_LEVEL,
              get_participant_years, "participant-years", _("Participant-years"),
              _("People taking part in the option, counted in person-years over the "
                "horizon. Not discounted."));

  for (int m = 0; m < M; m++)
    {
      const char *id = up_model_get_measure_id (model, m);
      const char *name = up_model_get_measure_name (model, m);
      g_autofree char *heading_key = g_strdup_printf ("measure/%s", id);
      g_autofree char *total_key = g_strdup_printf ("measure/%s/total", id);
      g_autofree char *delta_key = g_strdup_printf ("measure/%s/change", id);
      g_autofree char *icer_key = g_strdup_printf ("measure/%s/icer", id);
      g_autofree char *heading = NULL;
      g_autofree char *total_tip = NULL;
      g_autofree char *delta_tip = NULL;
      g_autofree char *icer_tip = NULL;
      UpResultsRow *total, *delta, *icer;

      if (name == NULL || *name == '\0')
        name = id;
      /* translators: a section of the scorecard about one outcome measure */
      heading = g_strdup_printf (_("Outcome: %s"), name);
      add_heading (table, heading_key, heading);

      total_tip = g_strdup_printf (_("%s over the horizon, counted for everyone in the "
                                     "cohort and discounted."), name);
      delta_tip = g_strdup_printf (_("How much more (+) or less (−) %s than under business "
                                     "as usual. Discounted."), name);
      icer_tip = g_strdup_printf (_("Incremental cost per unit: the extra public cost "
                                    "divided by the extra %s gained. A negative number "
                                    "means better outcomes for less money. Not applicable "
                                    "when the outcome does not change."), name);
      total = add_row (table, UP_RESULTS_KIND_OUTCOME, total_key, _("Total"), total_tip);
      delta = add_row (table, UP_RESULTS_KIND_OUTCOME, delta_key, _("Change against business "
                                                                    "as usual"), delta_tip);
      icer = add_row (table, UP_RESULTS_KIND_MONEY, icer_key, _("Cost per extra unit"),
                      icer_tip);
      for (int i = 0; i < n; i++)
        {
          int o = order[i];
          gsize om = (gsize) o * M + m;

          total->raw[i] = results->outcome_total[om];
          if (o == bau)
            {
              delta->details[i] = g_strdup (_("not applicable: business as usual is the "
                                              "baseline"));
              icer->details[i] = g_strdup (delta->details[i]);
            }
          else
            {
              delta->raw[i] = results->outcome_delta[om];
              icer->raw[i] = results->icer[om];
            }
        }
      format_row_auto (total, currency);
      format_row_auto (delta, currency);
      for (int i = 0; i < n; i++)
        if (!isnan (delta->raw[i]) && delta->raw[i] > 0)
          {
            char *plus = g_strconcat ("+", delta->values[i], NULL);

            g_free (delta->values[i]);
            delta->values[i] = plus;
          }
      format_row_auto (icer, currency);
    }

  return table;
}

/* ---- Who pays, who saves ------------------------------------------------------------ */

static void
holder_words (UpResultsRow *row)
{
  double extra = row->raw[UP_HOLDER_COL_EXTRA];
  double savings = row->raw[UP_HOLDER_COL_SAVINGS];
  double net = row->raw[UP_HOLDER_COL_NET];
  char **slot = &row->words[UP_HOLDER_COL_NET];

  g_clear_pointer (slot, g_free);
  if (fabs (extra) < MONEY_EPSILON && fabs (savings) < MONEY_EPSILON)
    *slot = g_strdup (_("no change"));
  else if (net <= -MONEY_EPSILON)
    *slot = g_strdup (_("pays more than it saves"));
  else if (net >= MONEY_EPSILON)
    *slot = g_strdup (_("saves more than it pays"));
  else
    *slot = g_strdup (_("breaks even"));
}

UpResultsTable *
up_results_table_holders (const UpModel   *model,
                          const UpResults *results,
                          int              option)
{
  int H = up_model_get_n_holders (model);
  const char *currency = up_model_get_currency (model);
  const UpMetrics *mt;
  g_autoptr(GString) pooled_names = g_string_new (NULL);
  UpResultsTable *table;
  UpResultsRow *row;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (option >= 0 && option < up_model_get_n_options (model), NULL);

  mt = &results->metrics[option];
  table = table_new (UP_HOLDER_N_COLS);
  table->columns[UP_HOLDER_COL_EXTRA] = g_strdup (_("Extra delivery cost borne"));
  table->columns[UP_HOLDER_COL_SAVINGS] = g_strdup (_("Savings received"));
  table->columns[UP_HOLDER_COL_NET] = g_strdup (_("Net position"));
  table->column_notes[UP_HOLDER_COL_EXTRA] =
    g_strdup (_("The holder’s share of what delivering the option costs beyond business "
                "as usual, by the option’s funding shares. Discounted."));
  table->column_notes[UP_HOLDER_COL_SAVINGS] =
    g_strdup (_("How much less the holder spends on services and on people entering "
                "costlier states than under business as usual. Discounted."));
  table->column_notes[UP_HOLDER_COL_NET] =
    g_strdup (_("Savings received minus extra delivery cost borne. Negative means the "
                "holder pays more than it saves."));
  table->column_ids[UP_HOLDER_COL_EXTRA] = g_strdup ("extra");
  table->column_ids[UP_HOLDER_COL_SAVINGS] = g_strdup ("savings");
  table->column_ids[UP_HOLDER_COL_NET] = g_strdup ("net");

  for (int h = 0; h < H; h++)
    {
      gsize oh = (gsize) option * H + h;
      g_autofree char *key = g_strdup_printf ("holder/%s", up_model_get_holder_id (model, h));
      const char *name = up_model_get_holder_name (model, h);
      g_autofree char *label = NULL;
      const char *tooltip;

      if (name == NULL || *name == '\0')
        name = up_model_get_holder_id (model, h);
      if (up_model_get_holder_public (model, h))
        {
          label = g_strdup (name);
          tooltip = up_model_get_holder_pooled (model, h)
                    ? _("A public body in the pooled budget.")
                    : _("A public body outside the pooled budget.");
        }
      else
        {
          /* translators: a budget holder that is not a public body */
          label = g_strdup_printf (_("%s (not public money)"), name);
          tooltip = _("Not a public body: its money counts in the value to society but not "
                      "in public cost.");
        }
      if (up_model_get_holder_pooled (model, h))
        {
          if (pooled_names->len > 0)
            /* translators: between the names of budget holders in a list */
            g_string_append (pooled_names, _(", "));
          g_string_append (pooled_names, name);
        }
      row = add_row (table, UP_RESULTS_KIND_MONEY, key, label, tooltip);
      row->raw[UP_HOLDER_COL_EXTRA] = results->holder_extra[oh];
      row->raw[UP_HOLDER_COL_SAVINGS] = results->holder_savings[oh];
      row->raw[UP_HOLDER_COL_NET] = results->holder_net[oh];
      format_row (row, currency, 0);
      holder_words (row);
    }

  {
    g_autofree char *tooltip = NULL;

    if (pooled_names->len > 0)
      tooltip = g_strdup_printf (_("The budget holders who pool their money: %s."),
                                 pooled_names->str);
    else
      tooltip = g_strdup (_("No budget holder is in the pooled budget. Mark holders as "
                            "pooled on the Costs page."));
    row = add_row (table, UP_RESULTS_KIND_MONEY, "pooled", _("Pooled budget"), tooltip);
    row->raw[UP_HOLDER_COL_EXTRA] = mt->pooled_extra_delivery;
    row->raw[UP_HOLDER_COL_SAVINGS] = mt->pooled_savings;
    row->raw[UP_HOLDER_COL_NET] = mt->pooled_net;
    format_row (row, currency, 0);
    holder_words (row);
  }

  row = add_row (table, UP_RESULTS_KIND_MONEY, "public", _("All public bodies"),
                 _("Every public budget holder together. The net position is the net "
                   "present budget impact."));
  row->raw[UP_HOLDER_COL_EXTRA] = mt->extra_delivery;
  row->raw[UP_HOLDER_COL_SAVINGS] = mt->gross_savings;
  row->raw[UP_HOLDER_COL_NET] = mt->npbi;
  format_row (row, currency, 0);
  holder_words (row);

  return table;
}

/* ---- Per year ----------------------------------------------------------------------- */

UpResultsTable *
up_results_table_years (const UpModel   *model,
                        const UpResults *results,
                        int              option,
                        gboolean         discounted)
{
  int K = up_model_get_n_cycles (model), S = up_model_get_n_states (model);
  int H = up_model_get_n_holders (model), bau = up_model_get_bau_index (model);
  int start = up_model_get_start_year (model);
  const char *currency = up_model_get_currency (model);
  double max_people = 0, max_participants = 0, max_episodes = 0;
  UpResultsTable *table;
  static const char *ids[UP_YEAR_N_COLS] = {
    "year", "in-crisis", "public-cost", "crisis-cost", "delivery", "net", "cumulative-net",
    "participants", "episodes",
  };

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (option >= 0 && option < up_model_get_n_options (model), NULL);

  table = table_new (UP_YEAR_N_COLS);
  for (int c = 0; c < UP_YEAR_N_COLS; c++)
    table->column_ids[c] = g_strdup (ids[c]);
  table->columns[UP_YEAR_COL_YEAR] = g_strdup (_("Year"));
  table->columns[UP_YEAR_COL_IN_CRISIS] = g_strdup (_("In crisis"));
  table->columns[UP_YEAR_COL_PUBLIC_COST] = g_strdup (_("Public cost"));
  table->columns[UP_YEAR_COL_CRISIS_COST] = g_strdup (_("Crisis cost"));
  table->columns[UP_YEAR_COL_DELIVERY] = g_strdup (_("Delivery cost"));
  table->columns[UP_YEAR_COL_NET] = g_strdup (_("Net saving"));
  table->columns[UP_YEAR_COL_CUM_NET] = g_strdup (_("Running net saving (discounted)"));
  table->columns[UP_YEAR_COL_PARTICIPANTS] = g_strdup (_("Participants"));
  table->columns[UP_YEAR_COL_EPISODES] = g_strdup (_("Crisis episodes"));
  table->column_notes[UP_YEAR_COL_IN_CRISIS] =
    g_strdup (_("People in crisis states at the end of the year."));
  table->column_notes[UP_YEAR_COL_PUBLIC_COST] =
    g_strdup (_("Everything public bodies spend in the year."));
  table->column_notes[UP_YEAR_COL_CRISIS_COST] =
    g_strdup (_("Public spending on crisis in the year."));
  table->column_notes[UP_YEAR_COL_DELIVERY] =
    g_strdup (_("What public bodies spend delivering the option in the year."));
  table->column_notes[UP_YEAR_COL_NET] =
    g_strdup (_("Public cost under business as usual minus public cost under this option, "
                "in the year. Positive means money saved."));
  table->column_notes[UP_YEAR_COL_CUM_NET] =
    g_strdup (_("Net savings added up from the first year, always discounted. The option "
                "breaks even once this stays at or above zero."));
  table->column_notes[UP_YEAR_COL_PARTICIPANTS] =
    g_strdup (_("People taking part in the year, in person-years."));
  table->column_notes[UP_YEAR_COL_EPISODES] =
    g_strdup (_("Moves into a crisis state during the year."));

  for (int k = 1; k <= K; k++)
    {
      gsize ok = (gsize) option * K + (k - 1), bk = (gsize) bau * K + (k - 1);
      double factor = discounted ? up_model_get_df_cost (model, k) : 1.0;
      double people = 0, crisis = 0, delivery = 0;
      g_autofree char *key = g_strdup_printf ("year/%d", k);
      g_autofree char *label = g_strdup_printf ("%d", start + k - 1);
      UpResultsRow *row = add_row (table, UP_RESULTS_KIND_MONEY, key, label, NULL);

      for (int s = 0; s < S; s++)
        if (up_model_get_state_crisis (model, s))
          people += up_results_trace (results, option, k, s);
      for (int h = 0; h < H; h++)
        if (up_model_get_holder_public (model, h))
          {
            crisis += up_results_cost (results, option, k, h, UP_COST_CRISIS);
            delivery += up_results_cost (results, option, k, h, UP_COST_DELIVERY);
          }
      row->raw[UP_YEAR_COL_YEAR] = start + k - 1;
      row->raw[UP_YEAR_COL_IN_CRISIS] = people;
      row->raw[UP_YEAR_COL_PUBLIC_COST] = results->public_cost[ok] * factor;
      row->raw[UP_YEAR_COL_CRISIS_COST] = crisis * factor;
      row->raw[UP_YEAR_COL_DELIVERY] = delivery * factor;
      row->raw[UP_YEAR_COL_NET] = (results->public_cost[bk] - results->public_cost[ok]) * factor;
      row->raw[UP_YEAR_COL_CUM_NET] = results->cum_net[ok];
      row->raw[UP_YEAR_COL_PARTICIPANTS] = results->participants[ok];
      row->raw[UP_YEAR_COL_EPISODES] = results->episodes[ok];
      max_people = MAX (max_people, fabs (people));
      max_participants = MAX (max_participants, fabs (row->raw[UP_YEAR_COL_PARTICIPANTS]));
      max_episodes = MAX (max_episodes, fabs (row->raw[UP_YEAR_COL_EPISODES]));
    }

  /* Money through the row's kind; the other columns by hand, with decimals chosen per
   * column so that they line up. */
  for (guint i = 0; i < table->rows->len; i++)
    {
      UpResultsRow *row = table->rows->pdata[i];

      format_row (row, currency, 0);
      for (int c = 0; c < UP_YEAR_N_COLS; c++)
        {
          double v = row->raw[c];
          int decimals;

          switch (c)
            {
            case UP_YEAR_COL_YEAR:
              g_free (row->values[c]);
              row->values[c] = g_strdup_printf ("%.0f", v);
              g_clear_pointer (&row->details[c], g_free);
              continue;
            case UP_YEAR_COL_IN_CRISIS: decimals = decimals_for (max_people); break;
            case UP_YEAR_COL_PARTICIPANTS: decimals = decimals_for (max_participants); break;
            case UP_YEAR_COL_EPISODES: decimals = decimals_for (max_episodes); break;
            default: continue;
            }
          g_free (row->values[c]);
          row->values[c] = up_format_number (v, decimals);
          g_clear_pointer (&row->details[c], g_free);
        }
    }
  return table;
}
