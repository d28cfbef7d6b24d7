/* up-cli-diff.h: the output of `upstream-cli diff`
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "up-diff.h"

G_BEGIN_DECLS

/* For people: one line per change, then the headline results that moved; "No
 * differences" when there are none. Translated, in the user's locale. */
void up_cli_diff_write_text (const UpDiff *diff,
                             const char   *old_file,
                             const char   *new_file,
                             GString      *out);
/* For programs: docs/cli.md, "diff". Never translated but for the labels. */
void up_cli_diff_write_json (const UpDiff *diff,
                             const char   *old_file,
                             const char   *new_file,
                             GString      *out);

G_END_DECLS
