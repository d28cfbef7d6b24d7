/* upstream-cli.c: the command-line face of Upstream
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dispatches to one subcommand, each with its own GOptionContext. Exit codes: 0 success,
 * 1 an invalid plan or a failed check, 2 a usage error.
 */

#define G_LOG_DOMAIN "upstream-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "up-cli-diff.h"
#include "up-chart.h"
#include "up-cli-format.h"
#include "up-cli-project.h"
#include "up-cli-uncertainty.h"
#include "up-diff.h"
#include "up-export.h"
#include "up-report.h"
#include "up-model.h"
#include "up-plan.h"
#include "up-problem.h"
#include "up-util.h"
#include "up-xml.h"

#define PROGRAM "upstream-cli"

enum
{
  EXIT_OK = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

typedef struct _Command Command;

struct _Command
{
  const char *name;
  const char *summary;      /* N_() */
  int       (*run) (const Command *command,
                    int            argc,
                    char         **argv);
};

static const Command *find_command (const char *name);

/* ---- Messages --------------------------------------------------------------------- */

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s: %s\n", PROGRAM, message);
}

static int
usage_error (const Command *command,
             const char    *message)
{
  print_error ("%s", message);
  if (command != NULL)
    g_printerr (_("Try “%s %s --help”.\n"), PROGRAM, command->name);
  else
    g_printerr (_("Try “%s --help”.\n"), PROGRAM);
  return EXIT_USAGE;
}

static void
print_problems (GPtrArray  *problems,
                const char *filename)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = up_problem_format (problems->pdata[i], filename);

      g_printerr ("%s\n", text);
    }
}

/* ---- Loading and compiling -------------------------------------------------------- */

/* Loads filename, adding a problem from the error when the loader gave none. */
static UpPlan *
load_plan (const char *filename,
           GPtrArray  *problems)
{
  g_autoptr(GFile) file = g_file_new_for_path (filename);
  g_autoptr(GError) error = NULL;
  guint n_errors = up_problems_count (problems, UP_SEVERITY_ERROR);
  UpPlan *plan;

  plan = up_plan_load_from_file (file, problems, &error);
  if (plan == NULL && up_problems_count (problems, UP_SEVERITY_ERROR) == n_errors)
    up_problems_add (problems, UP_SEVERITY_ERROR, 0, 0, NULL, "%s",
                     error != NULL ? error->message : _("the plan could not be read"));
  return plan;
}

static UpModel *
compile_plan (UpPlan     *plan,
              UpScenario *scenario,
              GPtrArray  *problems)
{
  g_autoptr(GError) error = NULL;
  guint n_errors = up_problems_count (problems, UP_SEVERITY_ERROR);
  UpModel *model;

  model = up_model_compile (plan, scenario, problems, &error);
  if (model == NULL && up_problems_count (problems, UP_SEVERITY_ERROR) == n_errors)
    up_problems_add (problems, UP_SEVERITY_ERROR, 0, 0, NULL, "%s",
                     error != NULL ? error->message : _("the plan could not be compiled"));
  return model;
}

static const char *
scenario_label (UpScenario *scenario)
{
  const char *name = up_item_get_name (UP_ITEM (scenario));

  return name != NULL && name[0] != '\0' ? name : up_item_get_id (UP_ITEM (scenario));
}

static gboolean
same_problem (const UpProblem *a,
              const UpProblem *b)
{
  return a->severity == b->severity && a->line == b->line && a->column == b->column
         && g_strcmp0 (a->message, b->message) == 0 && g_strcmp0 (a->where, b->where) == 0;
}

static gboolean
contains_problem (GPtrArray       *problems,
                  const UpProblem *problem)
{
  for (guint i = 0; i < problems->len; i++)
    if (same_problem (problems->pdata[i], problem))
      return TRUE;
  return FALSE;
}

/* Compiles plan with each scenario; moves the problems that the base plan does not
 * already have into problems, naming the scenario. Returns FALSE if any failed. */
static gboolean
compile_scenarios (UpPlan    *plan,
                   GPtrArray *base,
                   GPtrArray *problems)
{
  GListModel *scenarios = G_LIST_MODEL (up_plan_get_scenarios (plan));
  gboolean ok = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (scenarios, i);
      g_autoptr(GPtrArray) found = up_problems_new ();
      g_autoptr(UpModel) model = compile_plan (plan, scenario, found);

      if (model == NULL)
        ok = FALSE;
      up_problems_sort (found);
      for (guint j = 0; j < found->len; j++)
        {
          UpProblem *problem = found->pdata[j];
          char *message;

          if (contains_problem (base, problem))
            continue;
          /* Translators: the first %s is a scenario name, the second a problem */
          message = g_strdup_printf (_("scenario “%s”: %s"),
                                     scenario_label (scenario), problem->message);
          g_free (problem->message);
          problem->message = message;
          g_ptr_array_add (problems, g_steal_pointer (&found->pdata[j]));
        }
    }
  return ok;
}

/* ---- validate --------------------------------------------------------------------- */

static gboolean
validate_file (const char *filename)
{
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GPtrArray) scenario_problems = up_problems_new ();
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpModel) model = NULL;
  gboolean valid;

  plan = load_plan (filename, problems);
  valid = plan != NULL;
  if (plan != NULL)
    {
      model = compile_plan (plan, NULL, problems);
      valid = model != NULL;
      if (!compile_scenarios (plan, problems, scenario_problems))
        valid = FALSE;
    }
  if (up_problems_count (problems, UP_SEVERITY_ERROR) > 0
      || up_problems_count (scenario_problems, UP_SEVERITY_ERROR) > 0)
    valid = FALSE;

  up_problems_sort (problems);
  print_problems (problems, filename);
  print_problems (scenario_problems, filename);
  if (valid)
    g_print (_("%s: valid\n"), filename);
  return valid;
}

/* Parses argv with entries; prints the error and returns FALSE on a usage error. */
static gboolean
parse_options (const Command       *command,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (command, error->message);
      return FALSE;
    }
  return TRUE;
}

static int
run_validate (const Command  *command,
              int             argc,
              char          **argv)
{
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  gboolean all_valid = TRUE;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (files == NULL || files[0] == NULL)
    return usage_error (command, _("no plan file given"));

  for (guint i = 0; files[i] != NULL; i++)
    if (!validate_file (files[i]))
      all_valid = FALSE;
  return all_valid ? EXIT_OK : EXIT_INVALID;
}

/* ---- project ---------------------------------------------------------------------- */

static void
print_unknown_scenario (const char *filename,
                        UpPlan     *plan,
                        const char *name)
{
  GListModel *scenarios = G_LIST_MODEL (up_plan_get_scenarios (plan));
  guint n = g_list_model_get_n_items (scenarios);

  print_error (_("%s: no scenario “%s” in this plan"), filename, name);
  if (n == 0)
    {
      g_printerr (_("The plan has no scenarios.\n"));
      return;
    }
  g_printerr (_("Scenarios in the plan:\n"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (scenarios, i);
      const char *id = up_item_get_id (UP_ITEM (scenario));
      const char *label = scenario_label (scenario);

      if (g_strcmp0 (id, label) == 0)
        g_printerr ("  %s\n", id);
      else
        g_printerr ("  %s (%s)\n", id, label);
    }
}

static gboolean
write_output (const char  *output,
              GString     *text)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL || strcmp (output, "-") == 0)
    {
      if (fwrite (text->str, 1, text->len, stdout) != text->len || fflush (stdout) != 0)
        {
          print_error (_("could not write the output: %s"), g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  if (!g_file_set_contents_full (output, text->str, text->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, &error))
    {
      print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
run_project (const Command  *command,
             int             argc,
             char          **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *output = NULL;
  gboolean discounted = FALSE;
  gboolean per_cycle = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: table (the default), csv or json"), N_("FORMAT") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Apply the plan's scenario with this id or name"), N_("NAME") },
    { "discounted", 'd', 0, G_OPTION_ARG_NONE, &discounted,
      N_("Discount the per-cycle money and outcomes"), NULL },
    { "per-cycle", 'c', 0, G_OPTION_ARG_NONE, &per_cycle,
      N_("Add a table of public money by year (table format)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file instead of standard output"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpPlan) effective = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autoptr(GString) text = NULL;
  UpScenario *scenario = NULL;
  UpCliFormat format = UP_CLI_FORMAT_TABLE;
  UpCliProjection projection = { 0 };
  const char *filename;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (format_name != NULL && !up_cli_format_from_string (format_name, &format))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown format “%s” (expected table, csv or json)"), format_name);
      return usage_error (command, message);
    }
  if (files == NULL || files[0] == NULL)
    return usage_error (command, _("no plan file given"));
  if (files[1] != NULL)
    return usage_error (command, _("give exactly one plan file"));
  filename = files[0];

  plan = load_plan (filename, problems);
  if (plan != NULL && scenario_name != NULL)
    {
      scenario = up_plan_find_scenario (plan, scenario_name);
      if (scenario == NULL)
        {
          up_problems_sort (problems);
          print_problems (problems, filename);
          print_unknown_scenario (filename, plan, scenario_name);
          return EXIT_INVALID;
        }
    }
  if (plan != NULL)
    model = compile_plan (plan, scenario, problems);
  up_problems_sort (problems);
  print_problems (problems, filename);
  if (model == NULL)
    return EXIT_INVALID;

  /* The settings shown are those the model was compiled with. */
  effective = up_plan_copy (plan);
  if (scenario != NULL && !up_plan_apply_scenario (effective, scenario, NULL))
    g_clear_object (&effective);

  results = up_model_project (model);
  projection.filename = filename;
  projection.plan = effective != NULL ? effective : plan;
  projection.scenario = scenario;
  projection.model = model;
  projection.results = results;
  projection.discounted = discounted;
  projection.per_cycle = per_cycle;

  text = g_string_new (NULL);
  switch (format)
    {
    case UP_CLI_FORMAT_CSV:
      up_cli_projection_write_csv (&projection, text);
      break;
    case UP_CLI_FORMAT_JSON:
      up_cli_projection_write_json (&projection, text);
      break;
    case UP_CLI_FORMAT_TABLE:
    default:
      up_cli_projection_write_table (&projection, text);
      break;
    }
  return write_output (output, text) ? EXIT_OK : EXIT_INVALID;
}

/* ---- diff ------------------------------------------------------------------------- */

static int
run_diff (const Command  *command,
          int             argc,
          char          **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file instead of standard output"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("OLD NEW") },
    { NULL }
  };
  g_autoptr(GPtrArray) old_problems = up_problems_new ();
  g_autoptr(GPtrArray) new_problems = up_problems_new ();
  g_autoptr(UpPlan) old_plan = NULL;
  g_autoptr(UpPlan) new_plan = NULL;
  g_autoptr(UpDiff) diff = NULL;
  g_autoptr(GString) text = NULL;
  gboolean json = FALSE;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (format_name != NULL && g_strcmp0 (format_name, "json") != 0
      && g_strcmp0 (format_name, "text") != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown format “%s” (expected text or json)"), format_name);
      return usage_error (command, message);
    }
  json = g_strcmp0 (format_name, "json") == 0;
  if (files == NULL || files[0] == NULL || files[1] == NULL || files[2] != NULL)
    return usage_error (command, _("give exactly two plan files"));

  /* Only reading matters here: a plan that does not compile is still compared. */
  old_plan = load_plan (files[0], old_problems);
  new_plan = load_plan (files[1], new_problems);
  up_problems_sort (old_problems);
  up_problems_sort (new_problems);
  if (old_plan == NULL)
    print_problems (old_problems, files[0]);
  if (new_plan == NULL)
    print_problems (new_problems, files[1]);
  if (old_plan == NULL || new_plan == NULL)
    return EXIT_INVALID;

  diff = up_plan_diff (old_plan, new_plan);
  text = g_string_new (NULL);
  if (json)
    up_cli_diff_write_json (diff, files[0], files[1], text);
  else
    up_cli_diff_write_text (diff, files[0], files[1], text);
  return write_output (output, text) ? EXIT_OK : EXIT_INVALID;
}

/* ---- export ----------------------------------------------------------------------- */

/* Loads filename and compiles it, with the scenario named scenario_name when not NULL,
 * printing every problem. Returns EXIT_OK with plan, scenario (borrowed, or NULL) and
 * model set, or EXIT_INVALID. */
static int
load_projection (const char  *filename,
                 const char  *scenario_name,
                 UpPlan     **plan,
                 UpScenario **scenario,
                 UpModel    **model)
{
  g_autoptr(GPtrArray) problems = up_problems_new ();

  *scenario = NULL;
  *model = NULL;
  *plan = load_plan (filename, problems);
  if (*plan != NULL && scenario_name != NULL)
    {
      *scenario = up_plan_find_scenario (*plan, scenario_name);
      if (*scenario == NULL)
        {
          up_problems_sort (problems);
          print_problems (problems, filename);
          print_unknown_scenario (filename, *plan, scenario_name);
          return EXIT_INVALID;
        }
    }
  if (*plan != NULL)
    *model = compile_plan (*plan, *scenario, problems);
  up_problems_sort (problems);
  print_problems (problems, filename);
  return *model != NULL ? EXIT_OK : EXIT_INVALID;
}

static int
run_export (const Command  *command,
            int             argc,
            char          **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *what = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *output = NULL;
  gboolean discounted = FALSE;
  const GOptionEntry entries[] = {
    { "what", 'w', 0, G_OPTION_ARG_STRING, &what,
      N_("years (per-year projections, the default) or scorecard"), N_("WHAT") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Apply the plan's scenario with this id or name"), N_("NAME") },
    { "discounted", 'd', 0, G_OPTION_ARG_NONE, &discounted,
      N_("years: discount each year's money and outcomes"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file instead of standard output"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = NULL;
  UpScenario *scenario = NULL;
  gboolean scorecard;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (what != NULL && g_strcmp0 (what, "years") != 0 && g_strcmp0 (what, "scorecard") != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown export “%s” (expected years or scorecard)"), what);
      return usage_error (command, message);
    }
  scorecard = g_strcmp0 (what, "scorecard") == 0;
  if (scorecard && discounted)
    return usage_error (command, _("--discounted applies to --what=years only"));
  if (files == NULL || files[0] == NULL)
    return usage_error (command, _("no plan file given"));
  if (files[1] != NULL)
    return usage_error (command, _("give exactly one plan file"));

  if (load_projection (files[0], scenario_name, &plan, &scenario, &model) != EXIT_OK)
    return EXIT_INVALID;
  results = up_model_project (model);
  bytes = scorecard ? up_export_scorecard_csv (model, results)
                    : up_export_years_csv (model, results, discounted);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return write_output (output, text) ? EXIT_OK : EXIT_INVALID;
}

/* ---- report ----------------------------------------------------------------------- */

/* "2026-05-01" as midnight UTC; NULL for anything else. */
static GDateTime *
parse_date (const char *text)
{
  gint64 year, month, day;
  g_auto(GStrv) parts = NULL;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return NULL;
  parts = g_strsplit (text, "-", 3);
  if (!up_parse_int (parts[0], 1900, 9999, &year, NULL)
      || !up_parse_int (parts[1], 1, 12, &month, NULL)
      || !up_parse_int (parts[2], 1, 31, &day, NULL)
      || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

static int
run_report (const Command  *command,
            int             argc,
            char          **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Apply the plan's scenario with this id or name"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("The report's date, YYYY-MM-DD (default: today, UTC)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the PDF to this file (- for standard output)"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(UpReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = NULL;
  g_autofree char *base = NULL;
  UpScenario *scenario = NULL;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (date_text != NULL)
    {
      date = parse_date (date_text);
      if (date == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a date of the form YYYY-MM-DD"), date_text);
          return usage_error (command, message);
        }
    }
  if (output == NULL)
    return usage_error (command, _("no output file given (-o OUT)"));
  if (files == NULL || files[0] == NULL)
    return usage_error (command, _("no plan file given"));
  if (files[1] != NULL)
    return usage_error (command, _("give exactly one plan file"));

  if (load_projection (files[0], scenario_name, &plan, &scenario, &model) != EXIT_OK)
    return EXIT_INVALID;
  base = g_path_get_basename (files[0]);
  report = up_report_new (plan, scenario, base, date, &error);
  if (report != NULL)
    bytes = up_report_to_pdf (report, &error);
  if (bytes == NULL)
    {
      print_error ("%s: %s", files[0], error->message);
      return EXIT_INVALID;
    }
  data = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return write_output (output, data) ? EXIT_OK : EXIT_INVALID;
}

/* ---- chart ------------------------------------------------------------------------ */

static void
print_unknown_option (const char    *filename,
                      const UpModel *model,
                      const char    *id)
{
  print_error (_("%s: no option “%s” in this plan"), filename, id);
  g_printerr (_("Options in the plan:\n"));
  for (int o = 0; o < up_model_get_n_options (model); o++)
    g_printerr ("  %s (%s)\n", up_model_get_option_id (model, o),
                up_model_get_option_name (model, o));
}

/* The format named by OUT's extension, or NULL. */
static const char *
format_from_extension (const char *output)
{
  static const char * const formats[] = { "png", "svg", "pdf" };
  const char *dot = output != NULL ? strrchr (output, '.') : NULL;

  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i]) == 0)
      return formats[i];
  return NULL;
}

static int
run_chart (const Command  *command,
           int             argc,
           char          **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *option_id = NULL;
  g_autofree char *output = NULL;
  int width = 1280, height = 800;
  double scale = 1.0;
  gboolean discounted = FALSE, undiscounted = FALSE, dark = FALSE, high_contrast = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      N_("The chart: crisis (the default), net, holders or cohort"), N_("KIND") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("png, svg or pdf (default: from the extension of OUT, else png)"), N_("FORMAT") },
    { "width", 'W', 0, G_OPTION_ARG_INT, &width,
      N_("Width in pixels (default 1280)"), N_("W") },
    { "height", 'H', 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels (default 800)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("PNG only: pixels per unit, as on a HiDPI screen (default 1)"), N_("S") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Apply the plan's scenario with this id or name"), N_("NAME") },
    { "discounted", 'd', 0, G_OPTION_ARG_NONE, &discounted,
      N_("Crisis chart: discount each year's money"), NULL },
    { "undiscounted", 'u', 0, G_OPTION_ARG_NONE, &undiscounted,
      N_("Crisis chart: money as spent in each year (the default)"), NULL },
    { "option", 0, 0, G_OPTION_ARG_STRING, &option_id,
      N_("One option only: crisis stacks its cost by budget holder"), N_("ID") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark,
      N_("Light text on a dark background"), NULL },
    { "high-contrast", 0, 0, G_OPTION_ARG_NONE, &high_contrast,
      N_("Stronger lines and text, for projectors"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file (- for standard output)"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autoptr(UpChart) chart = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = NULL;
  g_autofree char *source = NULL;
  UpScenario *scenario = NULL;
  UpChartKind kind = UP_CHART_CRISIS;
  UpChartOptions options;
  UpChartTheme theme;
  const char *filename, *plan_title;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (kind_name != NULL && !up_chart_kind_from_string (kind_name, &kind))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown kind “%s” (expected crisis, net, holders or cohort)"),
                         kind_name);
      return usage_error (command, message);
    }
  if (format == NULL)
    format = g_strdup (format_from_extension (output) != NULL ? format_from_extension (output)
                                                              : "png");
  if (g_strcmp0 (format, "png") != 0 && g_strcmp0 (format, "svg") != 0
      && g_strcmp0 (format, "pdf") != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown format “%s” (expected png, svg or pdf)"), format);
      return usage_error (command, message);
    }
  if (width < 16 || width > 20000 || height < 16 || height > 20000)
    return usage_error (command, _("--width and --height must be from 16 to 20000"));
  if (!(scale > 0 && scale <= 8) || width * scale > 20000 || height * scale > 20000)
    return usage_error (command, _("--scale must be more than 0 and at most 8, and the "
                                   "image at most 20000 pixels wide and high"));
  if (discounted && undiscounted)
    return usage_error (command, _("give --discounted or --undiscounted, not both"));
  if (output == NULL)
    return usage_error (command, _("no output file given (-o OUT)"));
  if (files == NULL || files[0] == NULL)
    return usage_error (command, _("no plan file given"));
  if (files[1] != NULL)
    return usage_error (command, _("give exactly one plan file"));
  filename = files[0];

  plan = load_plan (filename, problems);
  if (plan != NULL && scenario_name != NULL)
    {
      scenario = up_plan_find_scenario (plan, scenario_name);
      if (scenario == NULL)
        {
          up_problems_sort (problems);
          print_problems (problems, filename);
          print_unknown_scenario (filename, plan, scenario_name);
          return EXIT_INVALID;
        }
    }
  if (plan != NULL)
    model = compile_plan (plan, scenario, problems);
  up_problems_sort (problems);
  print_problems (problems, filename);
  if (model == NULL)
    return EXIT_INVALID;

  up_chart_options_init (&options);
  options.discounted = discounted;
  if (option_id != NULL)
    {
      for (int o = 0; o < up_model_get_n_options (model); o++)
        if (g_strcmp0 (up_model_get_option_id (model, o), option_id) == 0)
          options.option = o;
      if (options.option < 0)
        {
          print_unknown_option (filename, model, option_id);
          return EXIT_INVALID;
        }
    }
  plan_title = up_item_get_name (UP_ITEM (plan));
  if (plan_title == NULL || plan_title[0] == '\0')
    plan_title = filename;
  if (scenario != NULL)
    /* translators: the source of a chart: a plan's title and a scenario's name */
    source = g_strdup_printf (_("“%s”, scenario “%s”"), plan_title, scenario_label (scenario));
  else
    source = g_strdup_printf ("“%s”", plan_title);
  options.source = source;

  results = up_model_project (model);
  chart = up_chart_new (kind);
  up_chart_theme_init (&theme, dark, high_contrast);
  up_chart_set_theme (chart, &theme);
  up_chart_set_data (chart, model, results, &options);
  bytes = up_chart_render (chart, format, width, height, scale, &error);
  if (bytes == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_INVALID;
    }
  data = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return write_output (output, data) ? EXIT_OK : EXIT_INVALID;
}

/* ---- tornado and psa -------------------------------------------------------------- */

/* Loads filename, finds the scenario and checks that the plan compiles, printing every
 * problem; returns the plan, or NULL with *status set. */
static UpPlan *
load_for_analysis (const char  *filename,
                   const char  *scenario_name,
                   UpScenario **scenario,
                   int         *status)
{
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(UpPlan) plan = load_plan (filename, problems);
  g_autoptr(UpModel) model = NULL;

  *scenario = NULL;
  *status = EXIT_INVALID;
  if (plan != NULL && scenario_name != NULL)
    {
      *scenario = up_plan_find_scenario (plan, scenario_name);
      if (*scenario == NULL)
        {
          up_problems_sort (problems);
          print_problems (problems, filename);
          print_unknown_scenario (filename, plan, scenario_name);
          return NULL;
        }
    }
  if (plan != NULL)
    model = compile_plan (plan, *scenario, problems);
  up_problems_sort (problems);
  print_problems (problems, filename);
  if (model == NULL)
    return NULL;
  *status = EXIT_OK;
  return g_steal_pointer (&plan);
}

static gboolean
parse_format (const Command *command,
              const char    *format_name,
              UpCliFormat   *format)
{
  if (format_name == NULL || up_cli_format_from_string (format_name, format))
    return TRUE;
  {
    g_autofree char *message =
      g_strdup_printf (_("unknown format “%s” (expected table, csv or json)"), format_name);

    usage_error (command, message);
  }
  return FALSE;
}

static int
run_tornado (const Command  *command,
             int             argc,
             char          **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *option_id = NULL;
  g_autofree char *metric_name = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "option", 0, 0, G_OPTION_ARG_STRING, &option_id,
      N_("The option to show, by id (default: the first that is not business as usual)"),
      N_("ID") },
    { "metric", 'm', 0, G_OPTION_ARG_STRING, &metric_name,
      N_("The metric, by its JSON name: npbi (the default), npsv, break_even_year, …"),
      N_("NAME") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Apply the plan's scenario with this id or name"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: table (the default), csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file instead of standard output"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpPlan) effective = NULL;
  g_autoptr(UpTornado) tornado = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  UpScenario *scenario = NULL;
  UpCliFormat format = UP_CLI_FORMAT_TABLE;
  UpMetric metric = UP_METRIC_NPBI;
  UpCliTornado view = { 0 };
  int status;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (!parse_format (command, format_name, &format))
    return EXIT_USAGE;
  if (metric_name != NULL && !up_metric_from_name (metric_name, &metric))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown metric “%s” (for instance npbi, npsv, "
                           "crisis_episodes_avoided or break_even_year)"), metric_name);
      return usage_error (command, message);
    }
  if (files == NULL || files[0] == NULL)
    return usage_error (command, _("no plan file given"));
  if (files[1] != NULL)
    return usage_error (command, _("give exactly one plan file"));

  plan = load_for_analysis (files[0], scenario_name, &scenario, &status);
  if (plan == NULL)
    return status;
  tornado = up_tornado_run (plan, scenario, option_id, metric, &error);
  if (tornado == NULL)
    {
      print_error ("%s: %s", files[0], error->message);
      return EXIT_INVALID;
    }

  effective = up_plan_copy (plan);
  if (scenario != NULL && !up_plan_apply_scenario (effective, scenario, NULL))
    g_clear_object (&effective);
  view.filename = files[0];
  view.plan = effective != NULL ? effective : plan;
  view.scenario = scenario;
  view.tornado = tornado;
  text = g_string_new (NULL);
  up_cli_tornado_write (&view, format, text);
  return write_output (output, text) ? EXIT_OK : EXIT_INVALID;
}

static gboolean
write_samples_csv (const UpPsa *psa,
                   const char  *filename)
{
  g_autoptr(GFile) file = g_file_new_for_path (filename);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error);
  if (stream == NULL
      || !up_psa_write_samples_csv (psa, G_OUTPUT_STREAM (stream), NULL, &error)
      || !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    {
      print_error ("%s: %s", filename, error->message);
      return FALSE;
    }
  return TRUE;
}

static int
run_psa (const Command  *command,
         int             argc,
         char          **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *samples_csv = NULL;
  g_autofree char *output = NULL;
  gint64 n_samples = UP_PSA_DEFAULT_SAMPLES;
  int n_threads = 0;
  const GOptionEntry entries[] = {
    { "samples", 'n', 0, G_OPTION_ARG_INT64, &n_samples,
      N_("How many samples to draw, 1 to 1000000 (default 1000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the random numbers, 0 to 9223372036854775807 (default 1): the same seed "
         "gives the same results"), N_("S") },
    { "threads", 't', 0, G_OPTION_ARG_INT, &n_threads,
      N_("Threads to run on; 0, the default, is one per processor. Results do not depend on "
         "it"),
      N_("T") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("Apply the plan's scenario with this id or name"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: table (the default), csv or json"), N_("FORMAT") },
    { "samples-csv", 0, 0, G_OPTION_ARG_FILENAME, &samples_csv,
      N_("Also write every sample (the values drawn and key metrics) to this CSV file"),
      N_("OUT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file instead of standard output"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpPlan) effective = NULL;
  g_autoptr(UpPsa) psa = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  UpScenario *scenario = NULL;
  UpCliFormat format = UP_CLI_FORMAT_TABLE;
  UpPsaOptions options = { 0 };
  UpCliPsa view = { 0 };
  guint64 seed = 1, first;
  const char *why;
  int status;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (!parse_format (command, format_name, &format))
    return EXIT_USAGE;
  if (n_samples < 1 || n_samples > UP_PSA_MAX_SAMPLES)
    return usage_error (command, _("--samples must be from 1 to 1000000"));
  if (n_threads < 0 || n_threads > 1024)
    return usage_error (command, _("--threads must be from 0 (one per processor) to 1024"));
  if (seed_text != NULL
      && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXINT64, &seed, NULL))
    {
      g_autofree char *message =
        g_strdup_printf (_("--seed must be a whole number from 0 to %" G_GINT64_FORMAT
                           ", not “%s”"), G_MAXINT64, seed_text);
      return usage_error (command, message);
    }
  if (files == NULL || files[0] == NULL)
    return usage_error (command, _("no plan file given"));
  if (files[1] != NULL)
    return usage_error (command, _("give exactly one plan file"));

  plan = load_for_analysis (files[0], scenario_name, &scenario, &status);
  if (plan == NULL)
    return status;
  options.n_samples = n_samples;
  options.seed = seed;
  options.n_threads = n_threads;
  options.keep_samples = samples_csv != NULL;
  psa = up_psa_run (plan, scenario, &options, NULL, &error);
  if (psa == NULL)
    {
      print_error ("%s: %s", files[0], error->message);
      return EXIT_INVALID;
    }
  why = up_psa_get_first_invalid (psa, &first);
  if (why != NULL)
    print_error (_("%s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " samples break a rule "
                   "of the plan and are left out; the first, sample %" G_GUINT64_FORMAT ": %s"),
                 files[0], up_psa_get_n_invalid (psa), up_psa_get_n_samples (psa), first, why);
  if (up_psa_get_n_valid (psa) == 0)
    {
      print_error (_("%s: no sample is valid: check the distributions"), files[0]);
      return EXIT_INVALID;
    }
  if (samples_csv != NULL && !write_samples_csv (psa, samples_csv))
    return EXIT_INVALID;

  effective = up_plan_copy (plan);
  if (scenario != NULL && !up_plan_apply_scenario (effective, scenario, NULL))
    g_clear_object (&effective);
  view.filename = files[0];
  view.plan = effective != NULL ? effective : plan;
  view.scenario = scenario;
  view.psa = psa;
  text = g_string_new (NULL);
  up_cli_psa_write (&view, format, text);
  return write_output (output, text) ? EXIT_OK : EXIT_INVALID;
}

/* ---- bench ------------------------------------------------------------------------ */

static void
print_figure (const char *label,
              double      value,
              int         decimals)
{
  g_autofree char *text = up_cli_format_fixed (value, decimals);

  g_print ("%s: %s\n", label, text);
}

static int
run_bench (const Command  *command,
           int             argc,
           char          **argv)
{
  g_auto(GStrv) files = NULL;
  int iterations = -1;
  double seconds = NAN;
  const GOptionEntry entries[] = {
    { "iterations", 'n', 0, G_OPTION_ARG_INT, &iterations,
      N_("Run the projection N times"), N_("N") },
    { "seconds", 't', 0, G_OPTION_ARG_DOUBLE, &seconds,
      N_("Run the projection for about S seconds (default 1)"), N_("S") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  gint64 t_start, t_loaded, t_compiled, t_run, limit_us = 0, elapsed;
  gint64 runs = 0, warm_up;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (files == NULL || files[0] == NULL)
    return usage_error (command, _("no plan file given"));
  if (files[1] != NULL)
    return usage_error (command, _("give exactly one plan file"));
  if (iterations == 0 || iterations < -1)
    return usage_error (command, _("--iterations must be at least 1"));
  if (!isnan (seconds) && !(seconds > 0.0 && seconds <= 86400.0))
    return usage_error (command, _("--seconds must be more than 0 and at most 86400"));
  if (iterations < 0 && isnan (seconds))
    seconds = 1.0;
  if (!isnan (seconds))
    limit_us = (gint64) ceil (seconds * G_USEC_PER_SEC);

  t_start = g_get_monotonic_time ();
  plan = load_plan (files[0], problems);
  t_loaded = g_get_monotonic_time ();
  if (plan != NULL)
    model = compile_plan (plan, NULL, problems);
  t_compiled = g_get_monotonic_time ();
  up_problems_sort (problems);
  print_problems (problems, files[0]);
  if (model == NULL)
    return EXIT_INVALID;

  results = up_results_new (model);

  /* Warm caches and the branch predictor: a few runs, at most a tenth of a second. */
  t_run = g_get_monotonic_time ();
  for (warm_up = 0; warm_up < 20; warm_up++)
    {
      up_engine_run (model, results);
      if (g_get_monotonic_time () - t_run > G_USEC_PER_SEC / 10)
        break;
    }

  t_run = g_get_monotonic_time ();
  do
    {
      up_engine_run (model, results);
      runs++;
      elapsed = g_get_monotonic_time () - t_run;
    }
  while (!(iterations > 0 && runs >= iterations) && !(limit_us > 0 && elapsed >= limit_us));

  g_print ("file: %s\n", files[0]);
  g_print ("options: %d\n", up_model_get_n_options (model));
  g_print ("states: %d\n", up_model_get_n_states (model));
  g_print ("cycles: %d\n", up_model_get_n_cycles (model));
  g_print ("holders: %d\n", up_model_get_n_holders (model));
  print_figure ("load_validate_ms", (t_compiled - t_start) / 1000.0, 3);
  print_figure ("load_ms", (t_loaded - t_start) / 1000.0, 3);
  print_figure ("compile_us", (double) (t_compiled - t_loaded), 0);
  g_print ("iterations: %" G_GINT64_FORMAT "\n", runs);
  print_figure ("projection_us", (double) elapsed / (double) runs, 3);
  return EXIT_OK;
}

/* ---- help and dispatch ------------------------------------------------------------ */

static int
run_help (const Command  *command,
          int             argc,
          char          **argv);

static const Command commands[] = {
  { "validate",
    N_("Check plan files, with every scenario, and list each problem found."), run_validate },
  { "project",
    N_("Project a plan and print its metrics as a table, CSV or JSON."), run_project },
  { "diff",
    N_("List what changed between two plans, and how their results moved."), run_diff },
  { "export",
    N_("Write a plan's per-year projections or scorecard as CSV for a spreadsheet."),
    run_export },
  { "report",
    N_("Write a plan's case as a PDF report: summary, options, charts, sources."),
    run_report },
  { "chart",
    N_("Draw a chart of a plan's projection as PNG, SVG or PDF."), run_chart },
  { "tornado",
    N_("Swing each uncertain parameter to its low and high value: a tornado table."),
    run_tornado },
  { "psa",
    N_("Probabilistic analysis: sample the uncertain parameters and summarise."), run_psa },
  { "bench",
    N_("Time loading, compiling and projecting a plan."), run_bench },
  { "help",
    N_("Show the help of upstream-cli or of one command."), run_help },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static GOptionContext *
new_main_context (gboolean *version)
{
  GOptionContext *context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  const GOptionEntry entries[] = {
    { "version", 'V', 0, G_OPTION_ARG_NONE, version, N_("Show the version and exit"), NULL },
    { NULL }
  };
  GString *summary = g_string_new (_("Work on Upstream plan files without a display."));

  g_string_append (summary, "\n\n");
  g_string_append (summary, _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-10s%s", commands[i].name, _(commands[i].summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary->str);
  g_option_context_set_description (context,
                                    _("Run “upstream-cli COMMAND --help” for the options of a "
                                      "command.\nExit status: 0 success, 1 invalid plan or "
                                      "failed check, 2 usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_string_free (summary, TRUE);
  return context;
}

static int
run_help (const Command  *command,
          int             argc,
          char          **argv)
{
  const Command *topic;
  char *help_argv[3];

  if (argc < 2)
    {
      gboolean version = FALSE;
      g_autoptr(GOptionContext) context = new_main_context (&version);
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", help);
      return EXIT_OK;
    }
  if (argc > 2)
    return usage_error (command, _("give at most one command"));
  topic = find_command (argv[1]);
  if (topic == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);
      return usage_error (NULL, message);
    }
  help_argv[0] = argv[1];
  help_argv[1] = (char *) "--help";
  help_argv[2] = NULL;
  return topic->run (topic, 2, help_argv);
}

static int
run_main_options (int    argc,
                  char **argv)
{
  gboolean version = FALSE;
  g_autoptr(GOptionContext) context = new_main_context (&version);
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (NULL, error->message);
  if (version)
    {
      g_print ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (argc > 1)
    {
      g_autofree char *message =
        g_strdup_printf (_("the command comes before its options: “%s”"), argv[1]);
      return usage_error (NULL, message);
    }
  return usage_error (NULL, _("no command given"));
}

int
main (int    argc,
      char **argv)
{
  const Command *command;
  const Command *topic;
  g_autofree char *prgname = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* UPSTREAM_LOCALEDIR: the catalogues of an uninstalled build (<builddir>/po, where
   * i18n.gettext compiles <lang>/LC_MESSAGES/upstream.mo); tools/run sets it. */
  localedir = g_getenv ("UPSTREAM_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GOptionContext puts the program name in its usage line, so name the command there.
   * Set it once: GLib does not promise that a second call takes effect. */
  command = argc >= 2 ? find_command (argv[1]) : NULL;
  topic = command;
  if (command != NULL && command->run == run_help && argc >= 3)
    topic = find_command (argv[2]);
  if (topic != NULL && topic->run != run_help)
    prgname = g_strdup_printf ("%s %s", PROGRAM, topic->name);
  g_set_prgname (prgname != NULL ? prgname : PROGRAM);

  if (argc < 2)
    return usage_error (NULL, _("no command given"));
  if (argv[1][0] == '-')
    return run_main_options (argc, argv);

  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);
      return usage_error (NULL, message);
    }
  return command->run (command, argc - 1, argv + 1);
}
