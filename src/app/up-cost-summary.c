/* up-cost-summary.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-cost-summary"

#include "config.h"

#include "up-cost-summary.h"

double
up_cost_item_cost_at_base (UpPlan     *plan,
                           UpCostItem *item,
                           gboolean   *uplifted)
{
  UpItem *it = UP_ITEM (item);
  double cost = up_item_get_number (it, up_item_find_number (it, "cost"));
  int year = (int) up_item_get_number (it, up_item_find_number (it, "price-year"));
  int base = (int) up_item_get_number (UP_ITEM (plan),
                                       up_item_find_number (UP_ITEM (plan), "price-base-year"));
  double base_index = 1, item_index = 1;

  if (uplifted != NULL)
    *uplifted = TRUE;
  if (up_plan_get_price_index (plan, NULL, NULL) == 0)
    return cost;
  if (!up_plan_lookup_price_index (plan, base, &base_index) ||
      !up_plan_lookup_price_index (plan, year, &item_index) ||
      !(base_index > 0) || !(item_index > 0))
    {
      if (uplifted != NULL)
        *uplifted = FALSE;
      return cost;
    }
  return cost * base_index / item_index;
}

double
up_cost_lines_total (UpPlan     *plan,
                     GListModel *lines,
                     gboolean   *complete)
{
  guint n = g_list_model_get_n_items (lines);
  double total = 0;

  if (complete != NULL)
    *complete = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpCostLine) line = g_list_model_get_item (lines, i);
      UpCostItem *item = up_plan_find_cost_item (plan, up_cost_line_get_item (line));
      gboolean uplifted = TRUE;
      double quantity;

      if (item == NULL)
        {
          if (complete != NULL)
            *complete = FALSE;
          continue;
        }
      quantity = up_item_get_number (UP_ITEM (line),
                                     up_item_find_number (UP_ITEM (line), "quantity"));
      total += up_cost_item_cost_at_base (plan, item, &uplifted) * quantity;
      if (!uplifted && complete != NULL)
        *complete = FALSE;
    }
  return total;
}
