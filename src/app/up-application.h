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

G_END_DECLS
