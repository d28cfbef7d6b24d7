/* up-xml.h: reading and writing plan files
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "up-plan.h"
#include "up-problem.h"

G_BEGIN_DECLS

#define UP_PLAN_NAMESPACE   "https://upstreamplanner.github.io/ns/plan"
#define UP_PLAN_FORMAT      1
#define UP_PLAN_MAX_BYTES   (32 * 1024 * 1024)
/* Counted in the raw bytes before libxml2 builds anything, so that neither its tree nor
 * its per-tag checks (quadratic in the attributes of one tag) can run away. A large real
 * plan has a few thousand elements. */
#define UP_PLAN_MAX_ELEMENTS    20000
#define UP_PLAN_MAX_ATTRIBUTES  100000
#define UP_PLAN_MAX_TAG_ATTRIBUTES 256
#define UP_PLAN_MAX_NAMESPACES  64

/* Parses a plan from memory. Never touches the network, loads no DTD or external entity
 * and expands no entity. On success returns the plan; warnings may be added to problems.
 * On failure returns NULL, sets error to a summary, and adds every problem found (with
 * line, column and element path) to problems when it is not NULL. Semantic checks that
 * need the whole plan (references, probabilities, sums) are made by up_model_compile(). */
UpPlan *up_plan_load_from_data (const char  *data,
                                gsize        length,
                                GPtrArray   *problems,
                                GError     **error);
/* Reads a file (through GIO) and parses it. */
UpPlan *up_plan_load_from_file (GFile       *file,
                                GPtrArray   *problems,
                                GError     **error);

/* Serialises deterministically: the same plan always gives the same bytes. */
GBytes *up_plan_save_to_bytes  (UpPlan      *plan);
/* Atomic replace through GIO: a temporary file renamed over the target, keeping the
 * old file as "name~". */
gboolean up_plan_save_to_file  (UpPlan      *plan,
                                GFile       *file,
                                GCancellable *cancellable,
                                GError     **error);

G_END_DECLS
