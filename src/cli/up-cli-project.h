/* up-cli-project.h: the output of `upstream-cli project`
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "up-model.h"
#include "up-plan.h"

G_BEGIN_DECLS

typedef enum
{
  UP_CLI_FORMAT_TABLE = 0,
  UP_CLI_FORMAT_CSV,
  UP_CLI_FORMAT_JSON,
} UpCliFormat;

gboolean up_cli_format_from_string (const char  *text,
                                    UpCliFormat *out);

typedef struct
{
  const char      *filename;    /* as given on the command line */
  UpPlan          *plan;        /* with the scenario's overrides applied */
  UpScenario      *scenario;    /* or NULL for the base plan */
  const UpModel   *model;
  const UpResults *results;
  gboolean         discounted;  /* per-cycle money and outcomes discounted */
  gboolean         per_cycle;   /* table: add the per-year table */
} UpCliProjection;

void up_cli_projection_write_table (const UpCliProjection *p,
                                    GString               *out);
void up_cli_projection_write_csv   (const UpCliProjection *p,
                                    GString               *out);
void up_cli_projection_write_json  (const UpCliProjection *p,
                                    GString               *out);

G_END_DECLS
