/* up-cost-summary.h: what a state's cost lines add up to, for display
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same sums the compiler makes (unit cost × quantity, uplifted to the price base
 * with the plan's price index when it has one), worked out from the document so that
 * the views can show them while the plan is being edited, even when it is invalid.
 */

#pragma once

#include "upstream-core.h"

G_BEGIN_DECLS

/* The unit cost of item at the plan's price base. *uplifted (may be NULL) is FALSE
 * when the plan has a price index that lacks the item's year or the base year; the
 * cost is then returned unadjusted. */
double up_cost_item_cost_at_base    (UpPlan     *plan,
                                     UpCostItem *item,
                                     gboolean   *uplifted);
/* Σ over lines (element-type UpCostLine) of unit cost at the price base × quantity.
 * Lines whose cost item does not exist are skipped and make *complete FALSE. */
double up_cost_lines_total          (UpPlan     *plan,
                                     GListModel *lines,
                                     gboolean   *complete);

G_END_DECLS
