/* upstream-thumbnailer.c: a plan file's thumbnail, its cumulative net-position chart
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   upstream-thumbnailer -s SIZE INPUT OUTPUT.png
 *
 * INPUT is a URI (as file managers pass it, %u) or a path. The chart is laid out at
 * 256 × 192 logical pixels, so its text keeps its proportions, and drawn scaled so that
 * the PNG is SIZE pixels on its long side.
 *
 * A plan that cannot be read or compiled gives no picture: the program says why on
 * standard error and exits with status 1 (status 2 for a usage error), writing nothing.
 * File managers then show the plan's generic document icon, which is the neutral
 * picture; a thumbnail drawn from a half-read plan would mislead.
 */

#define G_LOG_DOMAIN "upstream-thumbnailer"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "up-chart.h"
#include "up-model.h"
#include "up-plan.h"
#include "up-problem.h"
#include "up-xml.h"

#define LAYOUT_WIDTH  256
#define LAYOUT_HEIGHT 192
#define MIN_SIZE      16
#define MAX_SIZE      4096

enum
{
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

static int
fail (const char *input,
      const char *message)
{
  g_printerr ("upstream-thumbnailer: %s: %s\n", input, message);
  return EXIT_FAILED;
}

/* The first error among the problems, for the message on standard error. */
static const char *
first_error (GPtrArray  *problems,
             GError     *error,
             const char *fallback)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      UpProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == UP_SEVERITY_ERROR && problem->message != NULL)
        return problem->message;
    }
  return error != NULL ? error->message : fallback;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autoptr(UpChart) chart = NULL;
  g_auto(GStrv) files = NULL;
  const char *localedir;
  int size = 256;
  UpChartOptions options;
  UpChartTheme theme;
  double scale;
  GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_INT, &size,
      N_("Size of the thumbnail's long side in pixels (default 256)"), N_("SIZE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL,
      N_("INPUT OUTPUT") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  localedir = g_getenv ("UPSTREAM_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Draws an Upstream plan's net position as a PNG thumbnail."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("upstream-thumbnailer: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (files == NULL || g_strv_length (files) != 2)
    {
      g_printerr ("upstream-thumbnailer: %s\n", _("give an input plan and an output file"));
      return EXIT_USAGE;
    }
  if (size < MIN_SIZE || size > MAX_SIZE)
    {
      g_printerr ("upstream-thumbnailer: ");
      g_printerr (_("the size must be from %d to %d pixels"), MIN_SIZE, MAX_SIZE);
      g_printerr ("\n");
      return EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (files[0]);
  problems = up_problems_new ();
  plan = up_plan_load_from_file (file, problems, &error);
  if (plan == NULL)
    return fail (files[0], first_error (problems, error, _("the plan could not be read")));

  model = up_model_compile (plan, NULL, problems, &error);
  if (model == NULL)
    return fail (files[0], first_error (problems, error, _("the plan could not be compiled")));
  results = up_model_project (model);

  up_chart_options_init (&options);
  up_chart_theme_init (&theme, FALSE, FALSE);
  chart = up_chart_new (UP_CHART_NET);
  up_chart_set_theme (chart, &theme);
  up_chart_set_data (chart, model, results, &options);

  /* LAYOUT_WIDTH is a power of two, so LAYOUT_WIDTH × scale is exactly size. */
  scale = (double) size / LAYOUT_WIDTH;
  if (!up_chart_export_to_file (chart, "png", LAYOUT_WIDTH, LAYOUT_HEIGHT, scale,
                                files[1], &error))
    return fail (files[0], error->message);

  return EXIT_SUCCESS;
}
