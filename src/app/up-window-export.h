/* up-window-export.h: the window's exports (CSV, PDF report) and printing
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "up-window.h"

G_BEGIN_DECLS

/* Installs win.export-years-csv, win.export-scorecard-csv, win.export-report and
 * win.print (Ctrl+P) on the window class. */
void _up_window_class_export_init (GtkWidgetClass *widget_class);

G_END_DECLS
