/* up-cli-uncertainty.h: the output of `upstream-cli tornado` and `upstream-cli psa`
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "up-cli-project.h"
#include "up-plan.h"
#include "up-psa.h"
#include "up-sensitivity.h"

G_BEGIN_DECLS

typedef struct
{
  const char      *filename;    /* as given on the command line */
  UpPlan          *plan;
  UpScenario      *scenario;    /* or NULL for the base plan */
  const UpTornado *tornado;
} UpCliTornado;

typedef struct
{
  const char      *filename;
  UpPlan          *plan;
  UpScenario      *scenario;
  const UpPsa     *psa;
} UpCliPsa;

void up_cli_tornado_write (const UpCliTornado *t,
                           UpCliFormat         format,
                           GString            *out);
void up_cli_psa_write     (const UpCliPsa     *p,
                           UpCliFormat         format,
                           GString            *out);

G_END_DECLS
