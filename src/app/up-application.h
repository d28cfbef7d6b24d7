/* up-application.h
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UP_TYPE_APPLICATION (up_application_get_type ())
G_DECLARE_FINAL_TYPE (UpApplication, up_application, UP, APPLICATION, AdwApplication)

UpApplication *up_application_new              (void);
/* Directory holding the bundled example plans. */
char          *up_application_get_examples_dir (void);
/* Opens file in a window: the active window when it holds an untouched plan,
 * otherwise a new one. */
void           up_application_open_file        (UpApplication *self,
                                                GFile         *file);

/* Start-up benchmark: main() records when it began; with UPSTREAM_BENCH_STARTUP set, the
 * first window prints the milliseconds from then to its first frame with the plan, and
 * the application quits. */
void           up_application_mark_start       (gint64         usec);
gint64         up_application_get_start       (void);

G_END_DECLS
