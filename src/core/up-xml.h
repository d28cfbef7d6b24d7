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
 * old file as "name~" (see up_file_replace()). */
gboolean up_plan_save_to_file  (UpPlan      *plan,
                                GFile       *file,
                                GCancellable *cancellable,
                                GError     **error);

/* Writes bytes to a temporary file beside file and renames it over file, keeping the
 * old file as "name~", only once every byte is written: a failed write (a full disk)
 * leaves file as it was and removes the temporary file. GLib 2.74's
 * g_file_replace_contents() and _async() rename the half-written file over the target
 * in that case. A symbolic link is followed and stays a link; a hard link left between
 * file and "name~" by a save that was killed is undone, since GIO rewrites a file with
 * two names in place. With etag, fails with G_IO_ERROR_WRONG_ETAG when file changed
 * since; new_etag (nullable) receives the etag of what was written. */
gboolean up_file_replace        (GFile               *file,
                                 GBytes              *bytes,
                                 const char          *etag,
                                 char               **new_etag,
                                 GCancellable        *cancellable,
                                 GError             **error);
/* The same in a worker thread. */
void     up_file_replace_async  (GFile               *file,
                                 GBytes              *bytes,
                                 const char          *etag,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
gboolean up_file_replace_finish (GFile               *file,
                                 GAsyncResult        *result,
                                 char               **new_etag,
                                 GError             **error);

G_END_DECLS
