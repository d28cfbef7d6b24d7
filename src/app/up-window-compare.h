/* up-window-compare.h: "Compare with File…", the open plan against another plan file
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "up-window.h"

G_BEGIN_DECLS

#define UP_TYPE_COMPARE_FILE_WINDOW (up_compare_file_window_get_type ())
G_DECLARE_FINAL_TYPE (UpCompareFileWindow, up_compare_file_window, UP, COMPARE_FILE_WINDOW,
                      AdwWindow)

/* Installs win.compare-with-file (a file chooser, then up_window_compare_with_file). */
void        _up_window_class_compare_init            (GtkWidgetClass      *widget_class);

/* Loads file in a thread and, when it is a plan, presents an UpCompareFileWindow of the
 * differences from the open plan (as it is now) to that plan. A file that cannot be read
 * is reported in an AdwMessageDialog with its problems; the open plan is never touched.
 * The window compares again (file read afresh) a moment after every change to the open
 * plan. */
void        up_window_compare_with_file              (UpWindow            *self,
                                                      GFile               *file);

/* For tests: the list of changes (one row per change, or one "No differences" row that is
 * not activatable and has the CSS class "placeholder") and the grid of headline results
 * (row 0 the header; then per option: its name, then net position, break-even year, crisis
 * episodes avoided and public cost, each "old → new" or one value when unchanged). */
GtkListBox *up_compare_file_window_get_change_list   (UpCompareFileWindow *self);
GtkGrid    *up_compare_file_window_get_results_grid  (UpCompareFileWindow *self);
/* The number of changes listed. */
guint       up_compare_file_window_get_n_changes     (UpCompareFileWindow *self);

G_END_DECLS
