/* up-cost-import-dialog.h: map the columns of a CSV file to cost-item fields, import
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_COST_IMPORT_DIALOG (up_cost_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UpCostImportDialog, up_cost_import_dialog, UP, COST_IMPORT_DIALOG,
                      AdwWindow)

/* rows: the records of the file (UpCsvRow), the first being the header. */
UpCostImportDialog *up_cost_import_dialog_new    (UpPlanSession      *session,
                                                  GPtrArray          *rows,
                                                  const char         *file_name);
/* What the Import button does: checks every row; adds them all as one undo step and
 * closes, or lists the bad rows and adds nothing. TRUE when the items were added. */
gboolean            up_cost_import_dialog_import (UpCostImportDialog *self);

G_END_DECLS
