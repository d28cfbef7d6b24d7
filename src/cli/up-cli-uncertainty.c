/* up-cli-uncertainty.c: tables, CSV and JSON of a tornado and of a probabilistic analysis
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only reads the analyses. Every key and column written here is described in
 * docs/cli.md; change both together.
 */

#define G_LOG_DOMAIN "up-cli-uncertainty"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "up-cli-format.h"
#include "up-cli-json.h"
#include "up-cli-uncertainty.h"

#define NONE_TEXT "—"
#define HEADER_WIDTH 16

typedef enum
{
  SHOW_MONEY,
  SHOW_RATIO,
  SHOW_COUNT,
  SHOW_WHOLE,
} Show;

static Show
metric_show (UpMetric metric)
{
  switch (metric)
    {
    case UP_METRIC_ROI:
    case UP_METRIC_BCR:
    case UP_METRIC_COMMUNITY_PER_PUBLIC_DELIVERY:
      return SHOW_RATIO;
    case UP_METRIC_CRISIS_EPISODES:
    case UP_METRIC_CRISIS_EPISODES_AVOIDED:
    case UP_METRIC_PARTICIPANT_YEARS:
      return SHOW_COUNT;
    case UP_METRIC_BREAK_EVEN_CYCLE:
    case UP_METRIC_BREAK_EVEN_YEAR:
      return SHOW_WHOLE;
    default:
      return SHOW_MONEY;
    }
}

static char *
format_metric (UpMetric metric,
               double   value)
{
  switch (metric_show (metric))
    {
    case SHOW_RATIO:
      return up_cli_format_decimal (value, 2);
    case SHOW_COUNT:
      return up_cli_format_decimal (value, 1);
    case SHOW_WHOLE:
      return isfinite (value) ? g_strdup_printf ("%.0f", value) : g_strdup (NONE_TEXT);
    case SHOW_MONEY:
    default:
      return up_cli_format_money (value);
    }
}

/* A parameter value: its size says how many decimals are worth showing. */
static char *
format_param (double value)
{
  double a = fabs (value);

  return up_cli_format_decimal (value, a >= 1000 ? 0 : a >= 10 ? 2 : 4);
}

static char *
format_percent (double share)
{
  g_autofree char *number = up_cli_format_decimal (100 * share, 1);

  return isfinite (share) ? g_strdup_printf ("%s %%", number) : g_strdup (NONE_TEXT);
}

/* "beta(25, 75)", "range 90–130 → gamma(97.3, 1.12)" */
static char *
describe_distribution (const UpDistFit *fit)
{
  const UpDistribution *d = &fit->given;
  const char *kind = up_dist_kind_to_string (d->kind);

  switch (d->kind)
    {
    case UP_DIST_TRIANGULAR:
      return g_strdup_printf ("%s(%.4g, %.4g, %.4g)", kind, d->a, d->b, d->c);
    case UP_DIST_RANGE:
      if (fit->point || fit->kind == UP_DIST_RANGE)
        return g_strdup_printf ("%s %.4g–%.4g", kind, d->a, d->b);
      return g_strdup_printf ("%s %.4g–%.4g → %s(%.4g, %.4g)", kind, d->a, d->b,
                              up_dist_kind_to_string (fit->kind), fit->a, fit->b);
    default:
      return g_strdup_printf ("%s(%.4g, %.4g)", kind, d->a, d->b);
    }
}

static void
write_heading (GString    *out,
               UpPlan     *plan,
               UpScenario *scenario)
{
  const char *title = plan != NULL ? up_item_get_name (UP_ITEM (plan)) : NULL;

  if (title != NULL && title[0] != '\0')
    g_string_append_printf (out, "%s\n", title);
  if (scenario != NULL)
    g_string_append_printf (out, _("Scenario: %s"), up_item_get_name (UP_ITEM (scenario)));
  else
    g_string_append (out, _("Base plan"));
  g_string_append_c (out, '\n');
}

static void
csv_number (GString *out,
            double   value)
{
  g_string_append_c (out, ',');
  up_cli_csv_append_number (out, value);
}

static void
json_distribution (UpCliJson       *json,
                   const char      *key,
                   UpDistKind       kind,
                   double           a,
                   double           b,
                   double           c)
{
  up_cli_json_key (json, key);
  up_cli_json_begin_object (json, TRUE);
  up_cli_json_member_string (json, "kind", up_dist_kind_to_string (kind));
  up_cli_json_member_number (json, "a", a);
  up_cli_json_member_number (json, "b", b);
  up_cli_json_member_number (json, "c", c);
  up_cli_json_end_object (json);
}

static void
json_fit (UpCliJson       *json,
          const UpDistFit *fit)
{
  json_distribution (json, "distribution", fit->given.kind, fit->given.a, fit->given.b,
                     fit->given.c);
  json_distribution (json, "sampled", fit->kind, fit->a, fit->b, fit->c);
}

/* ---- Tornado ---------------------------------------------------------------------- */

static void
tornado_table (const UpCliTornado *t,
               GString            *out)
{
  const UpModel *model = up_tornado_get_model (t->tornado);
  UpMetric metric = up_tornado_get_metric (t->tornado);
  int option = up_tornado_get_option (t->tornado);
  g_autoptr(UpCliTable) table = up_cli_table_new (7, 2);
  g_autofree char *base = format_metric (metric, up_tornado_get_base_value (t->tornado));
  guint n = up_tornado_get_n_bars (t->tornado);

  write_heading (out, t->plan, t->scenario);
  /* Translators: "Tornado for “Peer network”: Net present budget impact (npbi)" */
  g_string_append_printf (out, _("Tornado for “%s”: %s (%s)"),
                          up_model_get_option_name (model, option),
                          _(up_metric_get_label (metric)), up_metric_get_name (metric));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Money in %s at %d prices; totals discounted"),
                          up_model_get_currency (model), up_model_get_price_base_year (model));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("With every parameter at the plan's value: %s"), base);
  g_string_append (out, "\n\n");
  if (n == 0)
    {
      g_string_append (out, _("No parameter of the plan has a distribution.\n"));
      return;
    }

  up_cli_table_add_row (table, _("Parameter"), _("Distribution"), _("Low"), _("High"),
                        _("At low"), _("At high"), _("Swing"));
  up_cli_table_add_rule (table);
  for (guint i = 0; i < n; i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (t->tornado, i);
      char **cells = g_new0 (char *, 8);

      cells[0] = g_strdup_printf ("%s%s", bar->path, bar->invalid != NULL ? " *" : "");
      cells[1] = describe_distribution (&bar->fit);
      cells[2] = format_param (bar->low);
      cells[3] = format_param (bar->high);
      cells[4] = format_metric (metric, bar->metric_low);
      cells[5] = format_metric (metric, bar->metric_high);
      cells[6] = format_metric (metric, bar->swing);
      up_cli_table_add_row_take (table, cells);
    }
  up_cli_table_render (table, out);
  for (guint i = 0; i < n; i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (t->tornado, i);

      if (bar->invalid != NULL)
        g_string_append_printf (out, "* %s: %s\n", bar->path, bar->invalid);
    }
}

static void
tornado_csv (const UpCliTornado *t,
             GString            *out)
{
  const UpModel *model = up_tornado_get_model (t->tornado);
  const char *option = up_model_get_option_id (model, up_tornado_get_option (t->tornado));
  const char *metric = up_metric_get_name (up_tornado_get_metric (t->tornado));

  g_string_append (out, "option,metric,rank,path,distribution,base,low,high,metric_low,"
                        "metric_high,swing,invalid\n");
  for (guint i = 0; i < up_tornado_get_n_bars (t->tornado); i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (t->tornado, i);

      up_cli_csv_append_field (out, option);
      g_string_append_c (out, ',');
      up_cli_csv_append_field (out, metric);
      g_string_append_printf (out, ",%u,", i + 1);
      up_cli_csv_append_field (out, bar->path);
      g_string_append_c (out, ',');
      up_cli_csv_append_field (out, up_dist_kind_to_string (bar->fit.given.kind));
      csv_number (out, bar->base);
      csv_number (out, bar->low);
      csv_number (out, bar->high);
      csv_number (out, bar->metric_low);
      csv_number (out, bar->metric_high);
      csv_number (out, bar->swing);
      g_string_append_c (out, ',');
      up_cli_csv_append_field (out, bar->invalid);
      g_string_append_c (out, '\n');
    }
}

static void
tornado_json (const UpCliTornado *t,
              GString            *out)
{
  const UpModel *model = up_tornado_get_model (t->tornado);
  g_autoptr(UpCliJson) json = up_cli_json_new (out);

  up_cli_json_begin_object (json, FALSE);
  up_cli_json_member_int (json, "format", 1);
  up_cli_json_member_string (json, "file", t->filename);
  up_cli_json_member_string (json, "scenario",
                             t->scenario ? up_item_get_id (UP_ITEM (t->scenario)) : NULL);
  up_cli_json_member_string (json, "option",
                             up_model_get_option_id (model, up_tornado_get_option (t->tornado)));
  up_cli_json_member_string (json, "metric",
                             up_metric_get_name (up_tornado_get_metric (t->tornado)));
  up_cli_json_member_number (json, "base_value", up_tornado_get_base_value (t->tornado));
  up_cli_json_key (json, "bars");
  up_cli_json_begin_array (json, FALSE);
  for (guint i = 0; i < up_tornado_get_n_bars (t->tornado); i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (t->tornado, i);

      up_cli_json_begin_object (json, FALSE);
      up_cli_json_member_string (json, "path", bar->path);
      json_fit (json, &bar->fit);
      up_cli_json_member_number (json, "base", bar->base);
      up_cli_json_member_number (json, "low", bar->low);
      up_cli_json_member_number (json, "high", bar->high);
      up_cli_json_member_number (json, "metric_low", bar->metric_low);
      up_cli_json_member_number (json, "metric_high", bar->metric_high);
      up_cli_json_member_number (json, "swing", bar->swing);
      up_cli_json_member_string (json, "invalid", bar->invalid);
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);
  up_cli_json_end_object (json);
  g_assert (up_cli_json_is_complete (json));
}

void
up_cli_tornado_write (const UpCliTornado *t,
                      UpCliFormat         format,
                      GString            *out)
{
  g_return_if_fail (t != NULL && t->tornado != NULL && out != NULL);

  switch (format)
    {
    case UP_CLI_FORMAT_CSV:
      tornado_csv (t, out);
      break;
    case UP_CLI_FORMAT_JSON:
      tornado_json (t, out);
      break;
    case UP_CLI_FORMAT_TABLE:
    default:
      tornado_table (t, out);
      break;
    }
}

/* ---- Probabilistic analysis ------------------------------------------------------- */

/* The metrics the table shows; CSV and JSON give all of them. */
static const UpMetric table_metrics[] = {
  UP_METRIC_PUBLIC_COST, UP_METRIC_CRISIS_COST, UP_METRIC_GROSS_SAVINGS,
  UP_METRIC_EXTRA_DELIVERY, UP_METRIC_NPBI, UP_METRIC_ROI, UP_METRIC_NPSV, UP_METRIC_BCR,
  UP_METRIC_BREAK_EVEN_YEAR, UP_METRIC_CRISIS_COST_AVOIDED, UP_METRIC_CRISIS_EPISODES_AVOIDED,
  UP_METRIC_PARTICIPANT_YEARS,
};

static char **
option_header (const UpModel *model,
               const char    *first)
{
  int n_options = up_model_get_n_options (model);
  char **cells = g_new0 (char *, n_options + 2);

  cells[0] = g_strdup (first);
  for (int o = 0; o < n_options; o++)
    cells[o + 1] = up_cli_wrap (up_model_get_option_name (model, o), HEADER_WIDTH);
  return cells;
}

static void
psa_parameters_table (const UpPsa *psa,
                      GString     *out)
{
  g_autoptr(UpCliTable) table = up_cli_table_new (5, 2);

  up_cli_table_add_row (table, _("Uncertain parameter"), _("Distribution"), _("Plan's value"),
                        _("2.5 %"), _("97.5 %"));
  up_cli_table_add_rule (table);
  for (guint p = 0; p < up_psa_get_n_params (psa); p++)
    {
      const UpDistFit *fit = up_psa_get_param_fit (psa, p);
      char **cells = g_new0 (char *, 6);

      cells[0] = g_strdup (up_psa_get_param_path (psa, p));
      cells[1] = describe_distribution (fit);
      cells[2] = format_param (up_psa_get_param_base (psa, p));
      cells[3] = format_param (up_dist_fit_quantile (fit, 0.025));
      cells[4] = format_param (up_dist_fit_quantile (fit, 0.975));
      up_cli_table_add_row_take (table, cells);
    }
  up_cli_table_render (table, out);
}

static void
psa_metrics_table (const UpPsa *psa,
                   GString     *out)
{
  const UpModel *model = up_psa_get_model (psa);
  int n_options = up_model_get_n_options (model);
  int bau = up_model_get_bau_index (model);
  guint64 n_valid = up_psa_get_n_valid (psa);
  g_autoptr(UpCliTable) table = up_cli_table_new (n_options + 1, 1);
  char **cells;

  /* xgettext:no-c-format */
  up_cli_table_add_row_take (table, option_header (model, _("Mean [95% interval]")));
  up_cli_table_add_rule (table);
  for (guint x = 0; x < G_N_ELEMENTS (table_metrics); x++)
    {
      UpMetric metric = table_metrics[x];

      cells = g_new0 (char *, n_options + 2);
      cells[0] = g_strdup (_(up_metric_get_label (metric)));
      for (int o = 0; o < n_options; o++)
        {
          const UpPsaSummary *s = up_psa_get_summary (psa, o, metric);
          g_autofree char *mean = NULL, *lo = NULL, *hi = NULL;

          if (s->n == 0 || (o == bau && metric != UP_METRIC_PUBLIC_COST
                            && metric != UP_METRIC_CRISIS_COST))
            {
              cells[o + 1] = g_strdup (NONE_TEXT);
              continue;
            }
          mean = format_metric (metric, s->mean);
          lo = format_metric (metric, s->p025);
          hi = format_metric (metric, s->p975);
          cells[o + 1] = g_strdup_printf ("%s\n[%s – %s]", mean, lo, hi);
          if (metric == UP_METRIC_BREAK_EVEN_YEAR && s->n < n_valid)
            {
              g_autofree char *share = format_percent ((double) s->n / n_valid);
              char *longer;

              /* Translators: how often an option breaks even at all, "in 93.5 %" */
              longer = g_strdup_printf (_("%s\nin %s"), cells[o + 1], share);
              g_free (cells[o + 1]);
              cells[o + 1] = longer;
            }
        }
      up_cli_table_add_row_take (table, cells);
    }
  up_cli_table_add_rule (table);
  cells = g_new0 (char *, n_options + 2);
  cells[0] = g_strdup (_("Cheapest for the public purse"));
  for (int o = 0; o < n_options; o++)
    cells[o + 1] = format_percent (up_psa_get_prob_cheapest (psa, o));
  up_cli_table_add_row_take (table, cells);
  up_cli_table_render (table, out);
}

static void
psa_years_table (const UpPsa *psa,
                 GString     *out)
{
  const UpModel *model = up_psa_get_model (psa);
  int n_options = up_model_get_n_options (model);
  int n_cycles = up_model_get_n_cycles (model);
  int bau = up_model_get_bau_index (model);
  g_autoptr(UpCliTable) table = up_cli_table_new (n_options + 1, 1);

  g_string_append (out, _("By year: the chance that the option has saved public money so "
                          "far, then the median [95% band] of its cumulative net saving"));
  g_string_append_c (out, '\n');
  up_cli_table_add_row_take (table, option_header (model, _("Year")));
  up_cli_table_add_rule (table);
  for (int k = 1; k <= n_cycles; k++)
    {
      char **cells = g_new0 (char *, n_options + 2);

      cells[0] = g_strdup_printf ("%d", up_model_get_start_year (model) + k - 1);
      for (int o = 0; o < n_options; o++)
        {
          double band[UP_PSA_N_BANDS];
          g_autofree char *p = NULL, *median = NULL, *lo = NULL, *hi = NULL;

          if (o == bau)
            {
              cells[o + 1] = g_strdup (NONE_TEXT);
              continue;
            }
          up_psa_get_band (psa, UP_PSA_CUM_NET, o, k, band);
          p = format_percent (up_psa_get_prob_saving (psa, o, k));
          median = up_cli_format_money (band[2]);
          lo = up_cli_format_money (band[0]);
          hi = up_cli_format_money (band[4]);
          cells[o + 1] = g_strdup_printf ("%s\n%s\n[%s – %s]", p, median, lo, hi);
        }
      up_cli_table_add_row_take (table, cells);
    }
  up_cli_table_render (table, out);
}

static void
psa_table (const UpCliPsa *p,
           GString        *out)
{
  const UpPsa *psa = p->psa;
  const UpModel *model = up_psa_get_model (psa);
  guint64 n_kept = up_psa_get_n_kept (psa), n = up_psa_get_n_samples (psa);

  write_heading (out, p->plan, p->scenario);
  g_string_append_printf (out, _("Probabilistic analysis: %" G_GUINT64_FORMAT " samples, seed %"
                                 G_GUINT64_FORMAT "; %" G_GUINT64_FORMAT " valid, %"
                                 G_GUINT64_FORMAT " left out as invalid"),
                          n, up_psa_get_seed (psa), up_psa_get_n_valid (psa),
                          up_psa_get_n_invalid (psa));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Money in %s at %d prices; totals discounted"),
                          up_model_get_currency (model), up_model_get_price_base_year (model));
  g_string_append_c (out, '\n');
  if (n_kept < n)
    {
      g_string_append_printf (out, _("Percentiles from the first %" G_GUINT64_FORMAT
                                     " samples; means from all"), n_kept);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  psa_parameters_table (psa, out);
  g_string_append_c (out, '\n');
  psa_metrics_table (psa, out);
  g_string_append_c (out, '\n');
  psa_years_table (psa, out);
}

static void
csv_row_start (GString    *out,
               const char *section,
               const char *option,
               const char *name,
               int         year)
{
  up_cli_csv_append_field (out, section);
  g_string_append_c (out, ',');
  up_cli_csv_append_field (out, option);
  g_string_append_c (out, ',');
  up_cli_csv_append_field (out, name);
  g_string_append_c (out, ',');
  if (year > 0)
    g_string_append_printf (out, "%d", year);
}

static void
psa_csv (const UpCliPsa *p,
         GString        *out)
{
  const UpPsa *psa = p->psa;
  const UpModel *model = up_psa_get_model (psa);
  int n_options = up_model_get_n_options (model);
  int n_cycles = up_model_get_n_cycles (model);
  int start = up_model_get_start_year (model);
  static const char * const series[UP_PSA_N_SERIES] = { "crisis_cost", "cum_net" };

  g_string_append (out, "section,option,name,year,n,mean,sd,p2_5,p25,p50,p75,p97_5,"
                        "probability\n");
  for (int o = 0; o < n_options; o++)
    {
      const char *id = up_model_get_option_id (model, o);

      for (int x = 0; x < UP_METRIC_N; x++)
        {
          const UpPsaSummary *s = up_psa_get_summary (psa, o, x);

          csv_row_start (out, "metric", id, up_metric_get_name (x), 0);
          g_string_append_printf (out, ",%" G_GUINT64_FORMAT, s->n);
          csv_number (out, s->mean);
          csv_number (out, s->sd);
          csv_number (out, s->p025);
          g_string_append_c (out, ',');
          csv_number (out, s->p50);
          g_string_append_c (out, ',');
          csv_number (out, s->p975);
          g_string_append (out, ",\n");
        }
      csv_row_start (out, "cheapest", id, "", 0);
      g_string_append (out, ",,,,,,,,");
      csv_number (out, up_psa_get_prob_cheapest (psa, o));
      g_string_append_c (out, '\n');
      for (int k = 1; k <= n_cycles; k++)
        {
          csv_row_start (out, "saving", id, "", start + k - 1);
          g_string_append (out, ",,,,,,,,");
          csv_number (out, up_psa_get_prob_saving (psa, o, k));
          g_string_append_c (out, '\n');
        }
      for (int s = 0; s < UP_PSA_N_SERIES; s++)
        for (int k = 1; k <= n_cycles; k++)
          {
            double band[UP_PSA_N_BANDS];

            up_psa_get_band (psa, s, o, k, band);
            csv_row_start (out, "band", id, series[s], start + k - 1);
            g_string_append (out, ",,,");
            for (int q = 0; q < UP_PSA_N_BANDS; q++)
              csv_number (out, band[q]);
            g_string_append (out, ",\n");
          }
    }
}

static void
psa_json (const UpCliPsa *p,
          GString        *out)
{
  const UpPsa *psa = p->psa;
  const UpModel *model = up_psa_get_model (psa);
  int n_options = up_model_get_n_options (model);
  int n_cycles = up_model_get_n_cycles (model);
  g_autoptr(UpCliJson) json = up_cli_json_new (out);
  static const char * const series[UP_PSA_N_SERIES] = { "crisis_cost", "cum_net" };
  static const char * const band_keys[UP_PSA_N_BANDS] = { "p025", "p25", "p50", "p75", "p975" };
  guint64 first;
  const char *message = up_psa_get_first_invalid (psa, &first);

  up_cli_json_begin_object (json, FALSE);
  up_cli_json_member_int (json, "format", 1);
  up_cli_json_member_string (json, "file", p->filename);
  up_cli_json_member_string (json, "scenario",
                             p->scenario ? up_item_get_id (UP_ITEM (p->scenario)) : NULL);
  up_cli_json_member_string (json, "currency", up_model_get_currency (model));
  up_cli_json_member_int (json, "price_base_year", up_model_get_price_base_year (model));
  up_cli_json_member_int (json, "samples", up_psa_get_n_samples (psa));
  up_cli_json_member_int (json, "seed", (gint64) up_psa_get_seed (psa));
  up_cli_json_member_int (json, "valid", up_psa_get_n_valid (psa));
  up_cli_json_member_int (json, "invalid", up_psa_get_n_invalid (psa));
  up_cli_json_key (json, "first_invalid");
  if (message == NULL)
    up_cli_json_null (json);
  else
    {
      up_cli_json_begin_object (json, TRUE);
      up_cli_json_member_int (json, "sample", first);
      up_cli_json_member_string (json, "message", message);
      up_cli_json_end_object (json);
    }
  up_cli_json_member_int (json, "kept", up_psa_get_n_kept (psa));

  up_cli_json_key (json, "years");
  up_cli_json_begin_array (json, TRUE);
  for (int k = 1; k <= n_cycles; k++)
    up_cli_json_int (json, up_model_get_start_year (model) + k - 1);
  up_cli_json_end_array (json);

  up_cli_json_key (json, "parameters");
  up_cli_json_begin_array (json, FALSE);
  for (guint i = 0; i < up_psa_get_n_params (psa); i++)
    {
      const UpDistFit *fit = up_psa_get_param_fit (psa, i);

      up_cli_json_begin_object (json, FALSE);
      up_cli_json_member_string (json, "path", up_psa_get_param_path (psa, i));
      json_fit (json, fit);
      up_cli_json_member_number (json, "base", up_psa_get_param_base (psa, i));
      up_cli_json_member_number (json, "mean", up_dist_fit_mean (fit));
      up_cli_json_member_number (json, "sd", sqrt (up_dist_fit_variance (fit)));
      up_cli_json_member_number (json, "p025", up_dist_fit_quantile (fit, 0.025));
      up_cli_json_member_number (json, "p975", up_dist_fit_quantile (fit, 0.975));
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);

  up_cli_json_key (json, "options");
  up_cli_json_begin_array (json, FALSE);
  for (int o = 0; o < n_options; o++)
    {
      up_cli_json_begin_object (json, FALSE);
      up_cli_json_member_string (json, "id", up_model_get_option_id (model, o));
      up_cli_json_member_string (json, "name", up_model_get_option_name (model, o));
      up_cli_json_member_string (json, "kind",
                                 up_option_kind_to_string (up_model_get_option_kind (model, o)));
      up_cli_json_member_boolean (json, "is_bau", o == up_model_get_bau_index (model));
      up_cli_json_member_number (json, "prob_cheapest", up_psa_get_prob_cheapest (psa, o));
      up_cli_json_key (json, "prob_saving");
      up_cli_json_begin_array (json, TRUE);
      for (int k = 1; k <= n_cycles; k++)
        up_cli_json_number (json, up_psa_get_prob_saving (psa, o, k));
      up_cli_json_end_array (json);

      up_cli_json_key (json, "metrics");
      up_cli_json_begin_object (json, FALSE);
      for (int x = 0; x < UP_METRIC_N; x++)
        {
          const UpPsaSummary *s = up_psa_get_summary (psa, o, x);

          up_cli_json_key (json, up_metric_get_name (x));
          up_cli_json_begin_object (json, TRUE);
          up_cli_json_member_int (json, "n", s->n);
          up_cli_json_member_number (json, "mean", s->mean);
          up_cli_json_member_number (json, "sd", s->sd);
          up_cli_json_member_number (json, "p025", s->p025);
          up_cli_json_member_number (json, "p50", s->p50);
          up_cli_json_member_number (json, "p975", s->p975);
          up_cli_json_end_object (json);
        }
      up_cli_json_end_object (json);

      up_cli_json_key (json, "bands");
      up_cli_json_begin_object (json, FALSE);
      for (int s = 0; s < UP_PSA_N_SERIES; s++)
        {
          up_cli_json_key (json, series[s]);
          up_cli_json_begin_array (json, FALSE);
          for (int k = 1; k <= n_cycles; k++)
            {
              double band[UP_PSA_N_BANDS];

              up_psa_get_band (psa, s, o, k, band);
              up_cli_json_begin_object (json, TRUE);
              for (int q = 0; q < UP_PSA_N_BANDS; q++)
                up_cli_json_member_number (json, band_keys[q], band[q]);
              up_cli_json_end_object (json);
            }
          up_cli_json_end_array (json);
        }
      up_cli_json_end_object (json);
      up_cli_json_end_object (json);
    }
  up_cli_json_end_array (json);
  up_cli_json_end_object (json);
  g_assert (up_cli_json_is_complete (json));
}

void
up_cli_psa_write (const UpCliPsa *p,
                  UpCliFormat     format,
                  GString        *out)
{
  g_return_if_fail (p != NULL && p->psa != NULL && out != NULL);

  switch (format)
    {
    case UP_CLI_FORMAT_CSV:
      psa_csv (p, out);
      break;
    case UP_CLI_FORMAT_JSON:
      psa_json (p, out);
      break;
    case UP_CLI_FORMAT_TABLE:
    default:
      psa_table (p, out);
      break;
    }
}
