/* up-cli-project.c: tables, CSV and JSON of a projection
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only reads the model and its results. Every key and column written here is described
 * in docs/cli.md; change both together.
 */

#define G_LOG_DOMAIN "up-cli-project"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "up-cli-format.h"
#include "up-cli-json.h"
#include "up-cli-project.h"

#define NONE_TEXT "—"

/* Option names above the metric columns wrap to this many columns: about the width of
 * the numbers below them, so a long name does not make the table too wide to read. */
#define HEADER_WIDTH 16

typedef enum
{
  SHOW_MONEY,
  SHOW_RATIO,
  SHOW_COUNT,
} Show;

/* A row of the metrics table: a double member of UpMetrics. */
typedef struct
{
  const char *label;        /* N_() */
  gsize       offset;
  Show        show;
  gboolean    comparative;  /* meaningless for business as usual itself */
} MetricRow;

#define ROW(label, member, show, comparative) \
  { label, G_STRUCT_OFFSET (UpMetrics, member), show, comparative }

static const MetricRow cost_rows[] = {
  ROW (N_("Public cost"), public_cost, SHOW_MONEY, FALSE),
  ROW (N_("Service use, all holders"), service, SHOW_MONEY, FALSE),
  ROW (N_("Entry costs, all holders"), entry, SHOW_MONEY, FALSE),
  ROW (N_("Delivery, all holders"), delivery, SHOW_MONEY, FALSE),
  ROW (N_("Delivery, public holders"), delivery_public, SHOW_MONEY, FALSE),
  ROW (N_("Community contribution"), community, SHOW_MONEY, FALSE),
  ROW (N_("Crisis cost (public)"), crisis_cost, SHOW_MONEY, FALSE),
};

static const MetricRow comparison_rows[] = {
  ROW (N_("Gross savings"), gross_savings, SHOW_MONEY, TRUE),
  ROW (N_("Cashable savings"), cashable_savings, SHOW_MONEY, TRUE),
  ROW (N_("Extra delivery"), extra_delivery, SHOW_MONEY, TRUE),
  ROW (N_("Net present budget impact"), npbi, SHOW_MONEY, TRUE),
  ROW (N_("Return on investment"), roi, SHOW_RATIO, TRUE),
  ROW (N_("Net present social value"), npsv, SHOW_MONEY, TRUE),
  ROW (N_("Monetised outcome gain"), monetised_outcome_gain, SHOW_MONEY, TRUE),
  ROW (N_("Benefit–cost ratio"), bcr, SHOW_RATIO, TRUE),
};

static const MetricRow crisis_rows[] = {
  ROW (N_("Crisis cost avoided"), crisis_cost_avoided, SHOW_MONEY, TRUE),
  ROW (N_("Crisis episodes (undiscounted)"), crisis_episodes, SHOW_COUNT, FALSE),
  ROW (N_("Crisis episodes avoided"), crisis_episodes_avoided, SHOW_COUNT, TRUE),
  ROW (N_("Cost per crisis episode avoided"), cost_per_episode_avoided, SHOW_MONEY, TRUE),
  ROW (N_("Participant-years (undiscounted)"), participant_years, SHOW_COUNT, FALSE),
  ROW (N_("Community value per unit of public delivery"), community_per_public_delivery,
       SHOW_RATIO, FALSE),
};

static const MetricRow pooled_rows[] = {
  ROW (N_("Pooled budget: extra delivery"), pooled_extra_delivery, SHOW_MONEY, TRUE),
  ROW (N_("Pooled budget: savings"), pooled_savings, SHOW_MONEY, TRUE),
  ROW (N_("Pooled budget: net"), pooled_net, SHOW_MONEY, TRUE),
};

#undef ROW

gboolean
up_cli_format_from_string (const char  *text,
                           UpCliFormat *out)
{
  static const char * const names[] = { "table", "csv", "json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (UpCliFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- Reading the results ---------------------------------------------------------- */

static gsize
at (const UpResults *r,
    int              o,
    int              k)
{
  return (gsize) o * r->n_cycles + (k - 1);
}

/* People counted in cycle k, by the plan's counting method. */
static double
counted (const UpModel   *model,
         const UpResults *r,
         int              o,
         int              k,
         int              s)
{
  switch (up_model_get_counting (model))
    {
    case UP_COUNTING_END:
      return up_results_trace (r, o, k, s);
    case UP_COUNTING_LIFE_TABLE:
      return 0.5 * (up_results_trace (r, o, k - 1, s) + up_results_trace (r, o, k, s));
    case UP_COUNTING_BEGINNING:
    case UP_COUNTING_INHERIT:
    default:
      return up_results_trace (r, o, k - 1, s);
    }
}

static double
cost_sum (const UpModel   *model,
          const UpResults *r,
          int              o,
          int              k,
          UpCostKind       kind,
          gboolean         public_only)
{
  double sum = 0.0;

  for (int h = 0; h < r->n_holders; h++)
    if (!public_only || up_model_get_holder_public (model, h))
      sum += up_results_cost (r, o, k, h, kind);
  return sum;
}

/* What per-cycle money and outcomes are multiplied by. */
static double
money_factor (const UpCliProjection *p,
              int                    k)
{
  return p->discounted ? up_model_get_df_cost (p->model, k) : 1.0;
}

static double
outcome_factor (const UpCliProjection *p,
                int                    k)
{
  return p->discounted ? up_model_get_df_outcome (p->model, k) : 1.0;
}

/* ---- Table ------------------------------------------------------------------------ */

static char *
show_value (double value,
            Show   show)
{
  switch (show)
    {
    case SHOW_RATIO:
      return up_cli_format_decimal (value, 2);
    case SHOW_COUNT:
      return up_cli_format_decimal (value, 1);
    case SHOW_MONEY:
    default:
      return up_cli_format_money (value);
    }
}

static void
add_metric_rows (UpCliTable            *table,
                 const UpCliProjection *p,
                 const MetricRow       *rows,
                 guint                  n_rows)
{
  int n_options = up_model_get_n_options (p->model);
  int bau = up_model_get_bau_index (p->model);

  for (guint i = 0; i < n_rows; i++)
    {
      char **cells = g_new0 (char *, n_options + 2);

      cells[0] = g_strdup (_(rows[i].label));
      for (int o = 0; o < n_options; o++)
        {
          const UpMetrics *m = &p->results->metrics[o];
          double value = G_STRUCT_MEMBER (double, m, rows[i].offset);

          if (rows[i].comparative && o == bau)
            cells[o + 1] = g_strdup (NONE_TEXT);
          else
            cells[o + 1] = show_value (value, rows[i].show);
        }
      up_cli_table_add_row_take (table, cells);
    }
}

static char *
describe_break_even (const UpMetrics *m)
{
  if (m->break_even_cycle <= 0)
    return g_strdup (_("never"));
  /* Translators: a calendar year, then the counted cycle it is, e.g. "2031 (cycle 6)" */
  return g_strdup_printf (_("%d (cycle %d)"), m->break_even_year, m->break_even_cycle);
}

static void
add_break_even_row (UpCliTable            *table,
                    const UpCliProjection *p)
{
  int n_options = up_model_get_n_options (p->model);
  int bau = up_model_get_bau_index (p->model);
  char **cells = g_new0 (char *, n_options + 2);

  cells[0] = g_strdup (_("Break-even"));
  for (int o = 0; o < n_options; o++)
    cells[o + 1] = o == bau ? g_strdup (NONE_TEXT)
                            : describe_break_even (&p->results->metrics[o]);
  up_cli_table_add_row_take (table, cells);
}

static void
add_measure_rows (UpCliTable            *table,
                  const UpCliProjection *p)
{
  const UpResults *r = p->results;
  int n_options = up_model_get_n_options (p->model);
  int bau = up_model_get_bau_index (p->model);
  int n_measures = r->n_measures;

  for (int m = 0; m < n_measures; m++)
    {
      const char *name = up_model_get_measure_name (p->model, m);

      for (int line = 0; line < 3; line++)
        {
          char **cells = g_new0 (char *, n_options + 2);

          switch (line)
            {
            case 0:
              /* Translators: %s is an outcome measure, e.g. "QALYs: total" */
              cells[0] = g_strdup_printf (_("%s: total"), name);
              break;
            case 1:
              cells[0] = g_strdup_printf (_("%s: gained"), name);
              break;
            default:
              cells[0] = g_strdup_printf (_("%s: public cost per unit gained"), name);
              break;
            }
          for (int o = 0; o < n_options; o++)
            {
              gsize i = (gsize) o * n_measures + m;

              if (line == 0)
                cells[o + 1] = up_cli_format_decimal (r->outcome_total[i], 2);
              else if (o == bau)
                cells[o + 1] = g_strdup (NONE_TEXT);
              else if (line == 1)
                cells[o + 1] = up_cli_format_decimal (r->outcome_delta[i], 2);
              else
                cells[o + 1] = up_cli_format_money (r->icer[i]);
            }
          up_cli_table_add_row_take (table, cells);
        }
    }
}

static void
write_metrics_table (const UpCliProjection *p,
                     GString               *out)
{
  int n_options = up_model_get_n_options (p->model);
  g_autoptr(UpCliTable) table = up_cli_table_new (n_options + 1, 1);
  char **cells = g_new0 (char *, n_options + 2);

  cells[0] = g_strdup ("");
  for (int o = 0; o < n_options; o++)
    cells[o + 1] = up_cli_wrap (up_model_get_option_name (p->model, o), HEADER_WIDTH);
  up_cli_table_add_row_take (table, cells);
  up_cli_table_add_rule (table);

  add_metric_rows (table, p, cost_rows, G_N_ELEMENTS (cost_rows));
  up_cli_table_add_rule (table);
  add_metric_rows (table, p, comparison_rows, G_N_ELEMENTS (comparison_rows));
  add_break_even_row (table, p);
  up_cli_table_add_rule (table);
  add_metric_rows (table, p, crisis_rows, G_N_ELEMENTS (crisis_rows));
  up_cli_table_add_rule (table);
  add_metric_rows (table, p, pooled_rows, G_N_ELEMENTS (pooled_rows));
  if (p->results->n_measures > 0)
    {
      up_cli_table_add_rule (table);
      add_measure_rows (table, p);
    }
  up_cli_table_render (table, out);
}

static void
add_holder_rows (UpCliTable            *table,
                 const UpCliProjection *p,
                 const double          *extra,
                 const double          *savings,
                 const double          *net,
                 gsize                  stride)
{
  int n_options = up_model_get_n_options (p->model);
  int bau = up_model_get_bau_index (p->model);

  for (int o = 0; o < n_options; o++)
    {
      char **cells;

      if (o == bau)
        continue;
      cells = g_new0 (char *, 5);
      cells[0] = g_strconcat ("  ", up_model_get_option_name (p->model, o), NULL);
      cells[1] = up_cli_format_money (extra[o * stride]);
      cells[2] = up_cli_format_money (savings[o * stride]);
      cells[3] = up_cli_format_money (net[o * stride]);
      up_cli_table_add_row_take (table, cells);
    }
}

static void
write_holders_table (const UpCliProjection *p,
                     GString               *out)
{
  const UpResults *r = p->results;
  int n_options = up_model_get_n_options (p->model);
  int n_holders = up_model_get_n_holders (p->model);
  g_autoptr(UpCliTable) table = NULL;
  g_autofree double *pooled = NULL;
  gboolean any_pooled = FALSE;

  if (n_options < 2 || n_holders == 0)
    return;

  pooled = g_new0 (double, 3 * n_options);
  table = up_cli_table_new (4, 1);
  up_cli_table_add_row (table, _("Budget holder and option"), _("Extra delivery"),
                        _("Savings"), _("Net"));
  up_cli_table_add_rule (table);
  for (int h = 0; h < n_holders; h++)
    {
      g_autoptr(GString) heading = g_string_new (up_model_get_holder_name (p->model, h));

      if (up_model_get_holder_pooled (p->model, h))
        {
          g_string_append (heading, " *");
          any_pooled = TRUE;
        }
      if (!up_model_get_holder_public (p->model, h))
        g_string_append_printf (heading, " (%s)", _("not public"));
      up_cli_table_add_heading (table, heading->str);
      add_holder_rows (table, p, r->holder_extra + h, r->holder_savings + h,
                       r->holder_net + h, n_holders);
    }
  up_cli_table_add_rule (table);
  for (int o = 0; o < n_options; o++)
    {
      pooled[o] = r->metrics[o].pooled_extra_delivery;
      pooled[n_options + o] = r->metrics[o].pooled_savings;
      pooled[2 * n_options + o] = r->metrics[o].pooled_net;
    }
  up_cli_table_add_heading (table, _("Pooled budget"));
  add_holder_rows (table, p, pooled, pooled + n_options, pooled + 2 * n_options, 1);

  g_string_append_c (out, '\n');
  g_string_append (out, _("Who pays and who saves (discounted, against business as usual)"));
  g_string_append (out, "\n\n");
  up_cli_table_render (table, out);
  if (any_pooled)
    {
      g_string_append (out, _("* in the pooled budget"));
      g_string_append_c (out, '\n');
    }
}

static void
write_cycles_table (const UpCliProjection *p,
                    GString               *out)
{
  const UpResults *r = p->results;
  int n_options = up_model_get_n_options (p->model);
  int n_cycles = up_model_get_n_cycles (p->model);
  int start_year = up_model_get_start_year (p->model);
  int bau = up_model_get_bau_index (p->model);
  g_autoptr(UpCliTable) table = up_cli_table_new (6, 2);

  up_cli_table_add_row (table, _("Year"), _("Option"), _("Public cost"), _("Crisis cost"),
                        _("Net against BAU"), _("Cumulative net (discounted)"));
  up_cli_table_add_rule (table);
  for (int k = 1; k <= n_cycles; k++)
    {
      double f = money_factor (p, k);
      double pc_bau = r->public_cost[at (r, bau, k)] * f;

      for (int o = 0; o < n_options; o++)
        {
          char **cells = g_new0 (char *, 7);
          double pc = r->public_cost[at (r, o, k)] * f;

          cells[0] = o == 0 ? g_strdup_printf ("%d", start_year + k - 1) : NULL;
          cells[1] = g_strdup (up_model_get_option_name (p->model, o));
          cells[2] = up_cli_format_money (pc);
          cells[3] = up_cli_format_money (cost_sum (p->model, r, o, k, UP_COST_CRISIS, TRUE) * f);
          if (o == bau)
            {
              cells[4] = g_strdup (NONE_TEXT);
              cells[5] = g_strdup (NONE_TEXT);
            }
          else
            {
              cells[4] = up_cli_format_money (pc_bau - pc);
              cells[5] = up_cli_format_money (r->cum_net[at (r, o, k)]);
            }
          up_cli_table_add_row_take (table, cells);
        }
    }

  g_string_append_c (out, '\n');
  if (p->discounted)
    g_string_append (out, _("Public money by year (discounted)"));
  else
    g_string_append (out,
                     _("Public money by year (undiscounted; the cumulative net is discounted)"));
  g_string_append (out, "\n\n");
  up_cli_table_render (table, out);
}

void
up_cli_projection_write_table (const UpCliProjection *p,
                               GString               *out)
{
  const char *title;

  g_return_if_fail (p != NULL && p->model != NULL && p->results != NULL);
  g_return_if_fail (out != NULL);

  title = p->plan != NULL ? up_item_get_name (UP_ITEM (p->plan)) : NULL;
  if (title != NULL && title[0] != '\0')
    g_string_append_printf (out, "%s\n", title);
  if (p->scenario != NULL)
    g_string_append_printf (out, _("Scenario: %s"), up_item_get_name (UP_ITEM (p->scenario)));
  else
    g_string_append (out, _("Base plan"));
  g_string_append_c (out, '\n');
  /* Translators: "Money in GBP at 2023 prices, discounted, …" */
  g_string_append_printf (out,
                          _("Money in %s at %d prices; %d cycles from %d; totals discounted"),
                          up_model_get_currency (p->model),
                          up_model_get_price_base_year (p->model),
                          up_model_get_n_cycles (p->model),
                          up_model_get_start_year (p->model));
  g_string_append (out, "\n\n");

  write_metrics_table (p, out);
  write_holders_table (p, out);
  if (p->per_cycle)
    write_cycles_table (p, out);
}

/* ---- CSV -------------------------------------------------------------------------- */

static void
csv_prefixed (GString    *out,
              const char *prefix,
              const char *id,
              const char *suffix)
{
  g_autofree char *name = g_strconcat (prefix, id, suffix, NULL);

  g_string_append_c (out, ',');
  up_cli_csv_append_field (out, name);
}

static void
csv_number (GString *out,
            double   value)
{
  g_string_append_c (out, ',');
  up_cli_csv_append_number (out, value);
}

void
up_cli_projection_write_csv (const UpCliProjection *p,
                             GString               *out)
{
  const UpModel *model;
  const UpResults *r;
  int n_options, n_cycles, n_states, n_holders, n_measures, start_year;
  static const char * const kinds[] = { "_service", "_entry", "_delivery" };

  g_return_if_fail (p != NULL && p->model != NULL && p->results != NULL);
  g_return_if_fail (out != NULL);

  model = p->model;
  r = p->results;
  n_options = up_model_get_n_options (model);
  n_cycles = up_model_get_n_cycles (model);
  n_states = up_model_get_n_states (model);
  n_holders = up_model_get_n_holders (model);
  n_measures = up_model_get_n_measures (model);
  start_year = up_model_get_start_year (model);

  g_string_append (out, "option,cycle,year,df_cost,df_outcome");
  for (int s = 0; s < n_states; s++)
    csv_prefixed (out, "people_", up_model_get_state_id (model, s), "");
  g_string_append (out, ",service,entry,delivery,crisis,community,public_cost,cum_net,"
                        "participants,rho,episodes");
  for (int m = 0; m < n_measures; m++)
    csv_prefixed (out, "outcome_", up_model_get_measure_id (model, m), "");
  for (int h = 0; h < n_holders; h++)
    for (guint c = 0; c < G_N_ELEMENTS (kinds); c++)
      csv_prefixed (out, "cost_", up_model_get_holder_id (model, h), kinds[c]);
  g_string_append_c (out, '\n');

  for (int o = 0; o < n_options; o++)
    for (int k = 1; k <= n_cycles; k++)
      {
        double f = money_factor (p, k);
        double fo = outcome_factor (p, k);
        gsize i = at (r, o, k);

        up_cli_csv_append_field (out, up_model_get_option_id (model, o));
        g_string_append_printf (out, ",%d,%d", k, start_year + k - 1);
        csv_number (out, up_model_get_df_cost (model, k));
        csv_number (out, up_model_get_df_outcome (model, k));
        for (int s = 0; s < n_states; s++)
          csv_number (out, counted (model, r, o, k, s));
        csv_number (out, cost_sum (model, r, o, k, UP_COST_SERVICE, FALSE) * f);
        csv_number (out, cost_sum (model, r, o, k, UP_COST_ENTRY, FALSE) * f);
        csv_number (out, cost_sum (model, r, o, k, UP_COST_DELIVERY, FALSE) * f);
        csv_number (out, cost_sum (model, r, o, k, UP_COST_CRISIS, FALSE) * f);
        csv_number (out, r->community[i] * f);
        csv_number (out, r->public_cost[i] * f);
        csv_number (out, r->cum_net[i]);
        csv_number (out, r->participants[i]);
        csv_number (out, r->rho[i]);
        csv_number (out, r->episodes[i]);
        for (int m = 0; m < n_measures; m++)
          csv_number (out, r->outcomes[i * n_measures + m] * fo);
        for (int h = 0; h < n_holders; h++)
          {
            csv_number (out, up_results_cost (r, o, k, h, UP_COST_SERVICE) * f);
            csv_number (out, up_results_cost (r, o, k, h, UP_COST_ENTRY) * f);
            csv_number (out, up_results_cost (r, o, k, h, UP_COST_DELIVERY) * f);
          }
        g_string_append_c (out, '\n');
      }
}

/* ---- JSON ------------------------------------------------------------------------- */

static double
plan_number (UpPlan     *plan,
             const char *path)
{
  double value = NAN;

  if (plan == NULL || !up_plan_get_param (plan, path, &value, NULL))
    return NAN;
  return value;
}

static void
json_settings (UpCliJson             *json,
               const UpCliProjection *p)
{
  const UpModel *model = p->model;
  UpPlan *plan = p->plan;

  up_cli_json_key (json, "settings");
  up_cli_json_begin_object (json, FALSE);
  up_cli_json_member_string (json, "title", plan ? up_item_get_name (UP_ITEM (plan)) : NULL);
  up_cli_json_member_string (json, "place", plan ? up_plan_get_place (plan) : NULL);
  up_cli_json_member_string (json, "currency", up_model_get_currency (model));
  up_cli_json_member_int (json, "start_year", up_model_get_start_year (model));
  up_cli_json_member_int (json, "horizon", up_model_get_n_cycles (model));
  up_cli_json_member_int (json, "price_base_year", up_model_get_price_base_year (model));
  up_cli_json_member_string (json, "counting",
                             up_counting_to_string (up_model_get_counting (model)));
  up_cli_json_member_boolean (json, "discount_first_cycle",
                              up_model_get_time (model, 1) > 0.0);
  if (plan != NULL)
    {
      up_cli_json_member_string (json, "discount_costs",
                                 up_discount_to_string (up_plan_get_discount_costs (plan)));
      up_cli_json_member_number (json, "discount_costs_rate",
                                 plan_number (plan, "plan/discount-costs-rate"));
      up_cli_json_member_string (json, "discount_outcomes",
                                 up_discount_to_string (up_plan_get_discount_outcomes (plan)));
      up_cli_json_member_number (json, "discount_outcomes_rate",
                                 plan_number (plan, "plan/discount-outcomes-rate"));
      up_cli_json_member_number (json, "cohort_size", plan_number (plan, "plan/cohort-size"));
    }
  else
    {
      up_cli_json_member_null (json, "discount_costs");
      up_cli_json_member_null (json, "discount_costs_rate");
      up_cli_json_member_null (json, "discount_outcomes");
      up_cli_json_member_null (json, "discount_outcomes_rate");
      up_cli_json_member_null (json, "cohort_size");
    }
  up_cli_json_end_object (json);
}

static void
json_lists (UpCliJson     *json,
            const UpModel *model)
{
  up_cli_json_key (json, "holders");
  up_cli_json_begin_array (json, FALSE);
  for (int h = 0; h < up_model_get_n_holders (model); h++)
    {
      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_string (json, "id", up_model_get_holder_id (model, h));
      up_cli_json_member_string (json, "name", up_model_get_holder_name (model, h));
      up_cli_json_member_boolean (json, "public", up_model_get_holder_public (model, h));
      up_cli_json_member_boolean (json, "pooled", up_model_get_holder_pooled (model, h));
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);

  up_cli_json_key (json, "states");
  up_cli_json_begin_array (json, FALSE);
  for (int s = 0; s < up_model_get_n_states (model); s++)
    {
      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_string (json, "id", up_model_get_state_id (model, s));
      up_cli_json_member_string (json, "name", up_model_get_state_name (model, s));
      up_cli_json_member_boolean (json, "crisis", up_model_get_state_crisis (model, s));
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);

  up_cli_json_key (json, "measures");
  up_cli_json_begin_array (json, FALSE);
  for (int m = 0; m < up_model_get_n_measures (model); m++)
    {
      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_string (json, "id", up_model_get_measure_id (model, m));
      up_cli_json_member_string (json, "name", up_model_get_measure_name (model, m));
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);

  up_cli_json_key (json, "discount");
  up_cli_json_begin_object (json, FALSE);
  up_cli_json_key (json, "cost");
  up_cli_json_begin_array (json, TRUE);
  for (int k = 1; k <= up_model_get_n_cycles (model); k++)
    up_cli_json_number (json, up_model_get_df_cost (model, k));
  up_cli_json_end_array (json);
  up_cli_json_key (json, "outcome");
  up_cli_json_begin_array (json, TRUE);
  for (int k = 1; k <= up_model_get_n_cycles (model); k++)
    up_cli_json_number (json, up_model_get_df_outcome (model, k));
  up_cli_json_end_array (json);
  up_cli_json_end_object (json);
}

static void
json_metrics (UpCliJson       *json,
              const UpMetrics *m)
{
  /* The keys are the member names, so the two cannot drift apart. */
#define NUMBER(member) up_cli_json_member_number (json, #member, m->member)
#define CYCLE(member) \
  if (m->member > 0) \
    up_cli_json_member_int (json, #member, m->member); \
  else \
    up_cli_json_member_null (json, #member)

  up_cli_json_key (json, "metrics");
  up_cli_json_begin_object (json, FALSE);
  NUMBER (service);
  NUMBER (entry);
  NUMBER (delivery);
  NUMBER (delivery_public);
  NUMBER (community);
  NUMBER (public_cost);
  NUMBER (gross_savings);
  NUMBER (cashable_savings);
  NUMBER (extra_delivery);
  NUMBER (npbi);
  NUMBER (roi);
  NUMBER (npsv);
  NUMBER (bcr);
  CYCLE (break_even_cycle);
  CYCLE (break_even_year);
  NUMBER (crisis_cost);
  NUMBER (crisis_cost_avoided);
  NUMBER (crisis_episodes);
  NUMBER (crisis_episodes_avoided);
  NUMBER (cost_per_episode_avoided);
  NUMBER (monetised_outcome_gain);
  NUMBER (community_per_public_delivery);
  NUMBER (pooled_extra_delivery);
  NUMBER (pooled_savings);
  NUMBER (pooled_net);
  NUMBER (participant_years);
  up_cli_json_end_object (json);

#undef NUMBER
#undef CYCLE
}

static void
json_trace_row (UpCliJson       *json,
                const char      *key,
                const UpResults *r,
                int              o,
                int              j)
{
  up_cli_json_key (json, key);
  up_cli_json_begin_array (json, TRUE);
  for (int s = 0; s < r->n_states; s++)
    up_cli_json_number (json, up_results_trace (r, o, j, s));
  up_cli_json_end_array (json);
}

static void
json_cycle (UpCliJson             *json,
            const UpCliProjection *p,
            int                    o,
            int                    k)
{
  const UpModel *model = p->model;
  const UpResults *r = p->results;
  double f = money_factor (p, k);
  double fo = outcome_factor (p, k);
  gsize i = at (r, o, k);

  up_cli_json_begin_object (json, FALSE);
  up_cli_json_member_int (json, "cycle", k);
  up_cli_json_member_int (json, "year", up_model_get_start_year (model) + k - 1);
  json_trace_row (json, "trace_start", r, o, k - 1);
  json_trace_row (json, "trace_end", r, o, k);

  up_cli_json_key (json, "costs");
  up_cli_json_begin_object (json, FALSE);
  for (int h = 0; h < r->n_holders; h++)
    {
      up_cli_json_key (json, up_model_get_holder_id (model, h));
      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_number (json, "service",
                                 up_results_cost (r, o, k, h, UP_COST_SERVICE) * f);
      up_cli_json_member_number (json, "entry",
                                 up_results_cost (r, o, k, h, UP_COST_ENTRY) * f);
      up_cli_json_member_number (json, "delivery",
                                 up_results_cost (r, o, k, h, UP_COST_DELIVERY) * f);
      up_cli_json_member_number (json, "crisis",
                                 up_results_cost (r, o, k, h, UP_COST_CRISIS) * f);
      up_cli_json_end_object (json);
    }
  up_cli_json_end_object (json);

  up_cli_json_member_number (json, "community", r->community[i] * f);
  up_cli_json_member_number (json, "public_cost", r->public_cost[i] * f);
  up_cli_json_member_number (json, "cum_net", r->cum_net[i]);
  up_cli_json_member_number (json, "participants", r->participants[i]);
  up_cli_json_member_number (json, "rho", r->rho[i]);
  up_cli_json_member_number (json, "strength", r->strength[i]);
  up_cli_json_member_number (json, "episodes", r->episodes[i]);

  up_cli_json_key (json, "outcomes");
  up_cli_json_begin_object (json, TRUE);
  for (int m = 0; m < r->n_measures; m++)
    up_cli_json_member_number (json, up_model_get_measure_id (model, m),
                               r->outcomes[i * r->n_measures + m] * fo);
  up_cli_json_end_object (json);
  up_cli_json_end_object (json);
}

static void
json_option (UpCliJson             *json,
             const UpCliProjection *p,
             int                    o)
{
  const UpModel *model = p->model;
  const UpResults *r = p->results;

  up_cli_json_begin_object (json, FALSE);
  up_cli_json_member_string (json, "id", up_model_get_option_id (model, o));
  up_cli_json_member_string (json, "name", up_model_get_option_name (model, o));
  up_cli_json_member_string (json, "kind",
                             up_option_kind_to_string (up_model_get_option_kind (model, o)));
  up_cli_json_member_boolean (json, "is_bau", o == up_model_get_bau_index (model));
  json_metrics (json, &r->metrics[o]);

  up_cli_json_key (json, "holders");
  up_cli_json_begin_array (json, FALSE);
  for (int h = 0; h < r->n_holders; h++)
    {
      gsize i = (gsize) o * r->n_holders + h;

      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_string (json, "id", up_model_get_holder_id (model, h));
      up_cli_json_member_number (json, "extra_delivery", r->holder_extra[i]);
      up_cli_json_member_number (json, "savings", r->holder_savings[i]);
      up_cli_json_member_number (json, "net", r->holder_net[i]);
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);

  up_cli_json_key (json, "outcomes");
  up_cli_json_begin_array (json, FALSE);
  for (int m = 0; m < r->n_measures; m++)
    {
      gsize i = (gsize) o * r->n_measures + m;

      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_string (json, "id", up_model_get_measure_id (model, m));
      up_cli_json_member_number (json, "total", r->outcome_total[i]);
      up_cli_json_member_number (json, "delta", r->outcome_delta[i]);
      up_cli_json_member_number (json, "icer", r->icer[i]);
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);

  up_cli_json_key (json, "cycles");
  up_cli_json_begin_array (json, FALSE);
  for (int k = 1; k <= r->n_cycles; k++)
    json_cycle (json, p, o, k);
  up_cli_json_end_array (json);
  up_cli_json_end_object (json);
}

void
up_cli_projection_write_json (const UpCliProjection *p,
                              GString               *out)
{
  g_autoptr(UpCliJson) json = NULL;

  g_return_if_fail (p != NULL && p->model != NULL && p->results != NULL);
  g_return_if_fail (out != NULL);

  json = up_cli_json_new (out);
  up_cli_json_begin_object (json, FALSE);
  up_cli_json_member_int (json, "format", 1);
  up_cli_json_member_string (json, "file", p->filename);
  up_cli_json_member_string (json, "scenario",
                             p->scenario ? up_item_get_id (UP_ITEM (p->scenario)) : NULL);
  up_cli_json_member_boolean (json, "discounted", p->discounted);
  json_settings (json, p);
  json_lists (json, p->model);

  up_cli_json_key (json, "options");
  up_cli_json_begin_array (json, FALSE);
  for (int o = 0; o < up_model_get_n_options (p->model); o++)
    json_option (json, p, o);
  up_cli_json_end_array (json);
  up_cli_json_end_object (json);
  g_assert (up_cli_json_is_complete (json));
}
