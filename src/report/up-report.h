/* up-report.h: a plan's case as a document, for the board (PDF and print)
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An UpReport lays out a plan's projection as pages (docs/report.md lists the sections)
 * and draws any page into any cairo_t: a PDF surface, or the cairo context of a
 * GtkPrintContext, so the saved report and the printed one are the same pages. It uses
 * cairo and Pango only, never GTK.
 *
 * Everything the report says is taken from the plan when the report is made, so the
 * plan may change or go away afterwards. Page geometry is in points (1/72 inch) with
 * (0, 0) at the top left of the page; the default page is A4 portrait.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "up-plan.h"

G_BEGIN_DECLS

#define UP_REPORT_A4_WIDTH  595.2756   /* 210 mm in points */
#define UP_REPORT_A4_HEIGHT 841.8898   /* 297 mm */

typedef struct _UpReport UpReport;

/* Projects plan (with scenario, which may be NULL) and writes the report's content.
 * file_name is what the cover calls the plan file (NULL: "Unsaved plan"); date is the
 * report's date, shown in UTC (NULL: now), passed in so that a report can be made
 * again byte for byte. Fails with UP_ERROR_INVALID when the plan does not compile. */
UpReport   *up_report_new             (UpPlan      *plan,
                                       UpScenario  *scenario,
                                       const char  *file_name,
                                       GDateTime   *date,
                                       GError     **error);
void        up_report_free            (UpReport    *report);

/* SHA-256 of the plan's saved bytes (up_plan_save_to_bytes()), in hex; the report shows
 * the first 12 digits. */
const char *up_report_get_hash        (UpReport    *report);

/* Lays the pages out for a page of width × height points (A4 until set). */
void        up_report_set_page_size   (UpReport    *report,
                                       double       width,
                                       double       height);
int         up_report_get_n_pages     (UpReport    *report);
/* Draws page (0-based) at the origin of cr, in points. */
void        up_report_draw_page       (UpReport    *report,
                                       cairo_t     *cr,
                                       int          page);

/* The whole report as a PDF document, with title, author and creation date set and a
 * bookmark per section. */
GBytes     *up_report_to_pdf          (UpReport    *report,
                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpReport, up_report_free)

G_END_DECLS
