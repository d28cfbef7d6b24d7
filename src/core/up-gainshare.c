/* up-gainshare.c: a gain-share proposal for the pooled budget
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-gainshare"

#include "config.h"

#include "up-gainshare.h"

UpGainShare *
up_gain_share_compute (guint         n,
                       const double *savings,
                       const double *extra)
{
  UpGainShare *gs;

  g_return_val_if_fail (n == 0 || (savings != NULL && extra != NULL), NULL);

  gs = g_new0 (UpGainShare, 1);
  gs->n_partners = n;
  gs->partners = g_new0 (UpGainSharePartner, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      UpGainSharePartner *p = &gs->partners[i];

      p->holder = i;
      p->savings = savings[i];
      p->extra = extra[i];
      p->own_net = savings[i] - extra[i];
      p->invested = MAX (extra[i], 0.0);
      gs->pooled_net += p->own_net;
      gs->total_invested += p->invested;
    }
  gs->defined = gs->total_invested > 0.0;
  if (!gs->defined)
    return gs;
  for (guint i = 0; i < n; i++)
    {
      UpGainSharePartner *p = &gs->partners[i];

      p->share = p->invested / gs->total_invested;
      /* N · I / Σ I, multiplied before dividing: a partner that made the whole investment
       * gets N exactly. */
      p->target = gs->pooled_net * p->invested / gs->total_invested;
      p->transfer = p->target - p->own_net;
    }
  return gs;
}

UpGainShare *
up_gain_share_new (const UpModel   *model,
                   const UpResults *results,
                   int              option)
{
  int H;
  g_autofree double *savings = NULL;
  g_autofree double *extra = NULL;
  g_autofree int *holders = NULL;
  guint n = 0;
  UpGainShare *gs;

  g_return_val_if_fail (model != NULL && results != NULL, NULL);
  g_return_val_if_fail (option >= 0 && option < up_model_get_n_options (model), NULL);

  H = up_model_get_n_holders (model);
  savings = g_new0 (double, MAX (H, 1));
  extra = g_new0 (double, MAX (H, 1));
  holders = g_new0 (int, MAX (H, 1));
  for (int h = 0; h < H; h++)
    {
      if (!up_model_get_holder_pooled (model, h))
        continue;
      savings[n] = results->holder_savings[option * H + h];
      extra[n] = results->holder_extra[option * H + h];
      holders[n] = h;
      n++;
    }
  gs = up_gain_share_compute (n, savings, extra);
  for (guint i = 0; i < n; i++)
    gs->partners[i].holder = holders[i];
  return gs;
}

void
up_gain_share_free (UpGainShare *share)
{
  if (share == NULL)
    return;
  g_free (share->partners);
  g_free (share);
}
