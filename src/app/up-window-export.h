/* up-window-export.h: the window's exports (CSV, PDF report) and printing
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "up-report.h"
#include "up-window.h"

G_BEGIN_DECLS

/* Installs win.export-years-csv, win.export-scorecard-csv, win.export-report and
 * win.print (Ctrl+P) on the window class. */
void               _up_window_class_export_init   (GtkWidgetClass *widget_class);

/* The print operation of win.print: A4 portrait by default, units in points over the
 * whole paper, report's pages drawn by its own renderer. Takes report. Tests run it with
 * GTK_PRINT_OPERATION_ACTION_EXPORT. */
GtkPrintOperation *_up_report_print_operation_new (UpReport       *report,
                                                   const char     *job_name);

G_END_DECLS
