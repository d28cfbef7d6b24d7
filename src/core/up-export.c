/* up-export.c: a projection as CSV
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every column and quantity written here is described in docs/cli.md ("export"); change
 * both together. Numbers go through up_format_double(), never printf with the locale.
 */

#define G_LOG_DOMAIN "up-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "up-export.h"
#include "up-util.h"

#define CRLF "\r\n"

/* ---- Fields ----------------------------------------------------------------------- */

void
up_export_csv_field (GString    *out,
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
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
up_export_csv_number (GString *out,
                      double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);

  if (!isfinite (value))
    return;
  g_string_append (out, up_format_double (buf, value));
}

static void
append_int (GString *out,
            int      value)
{
  g_string_append_printf (out, "%d", value);
}

static GBytes *
to_bytes (GString *out)
{
  return g_string_free_to_bytes (out);
}

/* ---- Per-year projections --------------------------------------------------------- */

typedef struct
{
  GString       *out;
  const UpModel *model;
  int            option;
  int            cycle;
} YearRow;

/* One row: the quantity, its holder, state or measure (any may be NULL), the value. */
static void
year_row (const YearRow *row,
          const char    *quantity,
          const char    *holder,
          const char    *state,
          const char    *measure,
          double         value,
          gboolean       discounted)
{
  GString *out = row->out;

  up_export_csv_field (out, up_model_get_option_id (row->model, row->option));
  g_string_append_c (out, ',');
  append_int (out, row->cycle);
  g_string_append_c (out, ',');
  append_int (out, up_model_get_start_year (row->model) + row->cycle - 1);
  g_string_append_c (out, ',');
  g_string_append (out, quantity);
  g_string_append_c (out, ',');
  up_export_csv_field (out, holder);
  g_string_append_c (out, ',');
  up_export_csv_field (out, state);
  g_string_append_c (out, ',');
  up_export_csv_field (out, measure);
  g_string_append_c (out, ',');
  up_export_csv_number (out, value);
  g_string_append_c (out, ',');
  g_string_append (out, discounted ? "true" : "false");
  g_string_append (out, CRLF);
}

/* The names of the money kinds, in UpCostKind order. */
static const char *cost_quantities[UP_COST_N] = { "service", "entry", "delivery", "crisis" };

GBytes *
up_export_years_csv (const UpModel   *model,
                     const UpResults *results,
                     gboolean         discounted)
{
  GString *out;
  int O, K, S, H, M;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  O = up_model_get_n_options (model);
  K = up_model_get_n_cycles (model);
  S = up_model_get_n_states (model);
  H = up_model_get_n_holders (model);
  M = up_model_get_n_measures (model);
  out = g_string_new ("option,cycle,year,quantity,holder,state,measure,value,discounted" CRLF);

  for (int o = 0; o < O; o++)
    for (int k = 1; k <= K; k++)
      {
        YearRow row = { out, model, o, k };
        gsize ok = (gsize) o * K + (k - 1);
        double df_cost = discounted ? up_model_get_df_cost (model, k) : 1.0;
        double df_outcome = discounted ? up_model_get_df_outcome (model, k) : 1.0;

        for (int s = 0; s < S; s++)
          year_row (&row, "people_start", NULL, up_model_get_state_id (model, s), NULL,
                    up_results_trace (results, o, k - 1, s), FALSE);
        for (int s = 0; s < S; s++)
          year_row (&row, "people_end", NULL, up_model_get_state_id (model, s), NULL,
                    up_results_trace (results, o, k, s), FALSE);
        for (int h = 0; h < H; h++)
          for (int c = 0; c < UP_COST_N; c++)
            {
              double value = up_results_cost (results, o, k, h, c);

              year_row (&row, cost_quantities[c], up_model_get_holder_id (model, h), NULL,
                        NULL, discounted ? value * df_cost : value, discounted);
            }
        year_row (&row, "community", NULL, NULL, NULL,
                  discounted ? results->community[ok] * df_cost : results->community[ok],
                  discounted);
        year_row (&row, "public_cost", NULL, NULL, NULL,
                  discounted ? results->public_cost[ok] * df_cost : results->public_cost[ok],
                  discounted);
        year_row (&row, "cum_net", NULL, NULL, NULL, results->cum_net[ok], TRUE);
        year_row (&row, "participants", NULL, NULL, NULL, results->participants[ok], FALSE);
        year_row (&row, "rho", NULL, NULL, NULL, results->rho[ok], FALSE);
        year_row (&row, "strength", NULL, NULL, NULL, results->strength[ok], FALSE);
        year_row (&row, "episodes", NULL, NULL, NULL, results->episodes[ok], FALSE);
        for (int m = 0; m < M; m++)
          {
            double value = results->outcomes[ok * M + m];

            year_row (&row, "outcome", NULL, NULL, up_model_get_measure_id (model, m),
                      discounted ? value * df_outcome : value, discounted);
          }
      }
  return to_bytes (out);
}

/* ---- Scorecard -------------------------------------------------------------------- */

typedef enum
{
  KIND_MONEY,
  KIND_RATIO,
  KIND_PEOPLE,
  KIND_PEOPLE_YEARS,
  KIND_CYCLE,
  KIND_YEAR,
} Kind;

static const char *kind_units[] = { "money", "ratio", "people", "people-years", "cycle", "year" };

typedef struct
{
  const char *name;    /* the UpMetrics member */
  const char *label;   /* N_() */
  Kind        kind;
  gsize       offset;  /* of a double; G_MAXSIZE for the two ints */
} Metric;

#define DBL(name, label, kind) { #name, label, kind, G_STRUCT_OFFSET (UpMetrics, name) }
#define INT(name, label, kind) { #name, label, kind, G_MAXSIZE }

/* In the order of the members of UpMetrics. */
static const Metric metrics[] = {
  DBL (service, N_("Service use, all holders"), KIND_MONEY),
  DBL (entry, N_("Entry costs, all holders"), KIND_MONEY),
  DBL (delivery, N_("Delivery, all holders"), KIND_MONEY),
  DBL (delivery_public, N_("Delivery, public holders"), KIND_MONEY),
  DBL (community, N_("Community contribution"), KIND_MONEY),
  DBL (public_cost, N_("Public cost"), KIND_MONEY),
  DBL (gross_savings, N_("Gross savings"), KIND_MONEY),
  DBL (cashable_savings, N_("Cashable savings"), KIND_MONEY),
  DBL (extra_delivery, N_("Extra delivery cost"), KIND_MONEY),
  DBL (npbi, N_("Net present budget impact"), KIND_MONEY),
  DBL (roi, N_("Financial return on investment"), KIND_RATIO),
  DBL (npsv, N_("Net present social value"), KIND_MONEY),
  DBL (bcr, N_("Benefit–cost ratio"), KIND_RATIO),
  INT (break_even_cycle, N_("Break-even cycle"), KIND_CYCLE),
  INT (break_even_year, N_("Break-even year"), KIND_YEAR),
  DBL (crisis_cost, N_("Crisis cost (public)"), KIND_MONEY),
  DBL (crisis_cost_avoided, N_("Crisis cost avoided"), KIND_MONEY),
  DBL (crisis_episodes, N_("Crisis episodes"), KIND_PEOPLE),
  DBL (crisis_episodes_avoided, N_("Crisis episodes avoided"), KIND_PEOPLE),
  DBL (cost_per_episode_avoided, N_("Cost per crisis episode avoided"), KIND_MONEY),
  DBL (monetised_outcome_gain, N_("Monetised outcome gain"), KIND_MONEY),
  DBL (community_per_public_delivery, N_("Community value per unit of public delivery"),
       KIND_RATIO),
  DBL (pooled_extra_delivery, N_("Pooled budget: extra delivery"), KIND_MONEY),
  DBL (pooled_savings, N_("Pooled budget: savings"), KIND_MONEY),
  DBL (pooled_net, N_("Pooled budget: net"), KIND_MONEY),
  DBL (participant_years, N_("Participant-years"), KIND_PEOPLE_YEARS),
};

static void
scorecard_row (GString       *out,
               const UpModel *model,
               int            o,
               const char    *metric,
               const char    *label,
               const char    *unit,
               double         value)
{
  const char *name = up_model_get_option_name (model, o);

  up_export_csv_field (out, up_model_get_option_id (model, o));
  g_string_append_c (out, ',');
  up_export_csv_field (out, name != NULL && *name != '\0' ? name
                                                          : up_model_get_option_id (model, o));
  g_string_append_c (out, ',');
  up_export_csv_field (out, metric);
  g_string_append_c (out, ',');
  up_export_csv_field (out, label);
  g_string_append_c (out, ',');
  up_export_csv_field (out, unit);
  g_string_append_c (out, ',');
  up_export_csv_number (out, value);
  g_string_append (out, CRLF);
}

static const char *
or_id (const char *name,
       const char *id)
{
  return name != NULL && *name != '\0' ? name : id;
}

GBytes *
up_export_scorecard_csv (const UpModel   *model,
                         const UpResults *results)
{
  GString *out;
  int O, H, M;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  O = up_model_get_n_options (model);
  H = up_model_get_n_holders (model);
  M = up_model_get_n_measures (model);
  out = g_string_new ("option,option_name,metric,label,unit,value" CRLF);

  for (int o = 0; o < O; o++)
    {
      const UpMetrics *mt = &results->metrics[o];

      for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
        {
          const Metric *m = &metrics[i];
          double value;

          if (m->offset != G_MAXSIZE)
            value = G_STRUCT_MEMBER (double, mt, m->offset);
          else if (mt->break_even_cycle <= 0)
            value = NAN;   /* never breaks even: no cycle, no year */
          else if (strcmp (m->name, "break_even_cycle") == 0)
            value = mt->break_even_cycle;
          else
            value = mt->break_even_year;
          scorecard_row (out, model, o, m->name, _(m->label), kind_units[m->kind], value);
        }
      for (int m = 0; m < M; m++)
        {
          const char *id = up_model_get_measure_id (model, m);
          const char *name = or_id (up_model_get_measure_name (model, m), id);
          g_autofree char *k_total = g_strdup_printf ("outcome/%s/total", id);
          g_autofree char *k_delta = g_strdup_printf ("outcome/%s/delta", id);
          g_autofree char *k_icer = g_strdup_printf ("outcome/%s/icer", id);
          /* translators: %s is an outcome measure, as in "QALYs: total" */
          g_autofree char *l_total = g_strdup_printf (_("%s: total"), name);
          /* translators: %s is an outcome measure */
          g_autofree char *l_delta = g_strdup_printf (_("%s: change against business as usual"),
                                                      name);
          /* translators: %s is an outcome measure */
          g_autofree char *l_icer = g_strdup_printf (_("%s: public cost per unit gained"),
                                                     name);

          scorecard_row (out, model, o, k_total, l_total, "outcome",
                         results->outcome_total[o * M + m]);
          scorecard_row (out, model, o, k_delta, l_delta, "outcome",
                         results->outcome_delta[o * M + m]);
          scorecard_row (out, model, o, k_icer, l_icer, "money-per-outcome",
                         results->icer[o * M + m]);
        }
      for (int h = 0; h < H; h++)
        {
          const char *id = up_model_get_holder_id (model, h);
          const char *name = or_id (up_model_get_holder_name (model, h), id);
          g_autofree char *k_extra = g_strdup_printf ("holder/%s/extra_delivery", id);
          g_autofree char *k_savings = g_strdup_printf ("holder/%s/savings", id);
          g_autofree char *k_net = g_strdup_printf ("holder/%s/net", id);
          /* translators: %s is a budget holder */
          g_autofree char *l_extra = g_strdup_printf (_("%s: extra delivery cost"), name);
          /* translators: %s is a budget holder */
          g_autofree char *l_savings = g_strdup_printf (_("%s: savings"), name);
          /* translators: %s is a budget holder */
          g_autofree char *l_net = g_strdup_printf (_("%s: net position"), name);

          scorecard_row (out, model, o, k_extra, l_extra, "money",
                         results->holder_extra[o * H + h]);
          scorecard_row (out, model, o, k_savings, l_savings, "money",
                         results->holder_savings[o * H + h]);
          scorecard_row (out, model, o, k_net, l_net, "money", results->holder_net[o * H + h]);
        }
    }
  return to_bytes (out);
}
