/* up-gainshare.h: a gain-share proposal for the pooled budget
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wrong-pocket problem: the partner that pays for an option is rarely the one that
 * saves. A gain share evens it out inside the pooled budget. With, for each partner h in
 * the pool, s_h its savings and e_h its extra delivery cost against business as usual
 * (both discounted, as the engine reports them):
 *
 *   N          = Σ_h (s_h − e_h)          the pool's net benefit
 *   I_h        = max (e_h, 0)             what partner h invested
 *   target_h   = N · I_h / Σ_h I_h        the net gain it should end with
 *   transfer_h = target_h − (s_h − e_h)   paid to it (positive) or by it (negative)
 *
 * The transfers sum to zero, and each partner's own net position plus its transfer is
 * its target: the pool's gain (or loss) is shared in proportion to investment. When no
 * partner invests (Σ I = 0) there is no proposal.
 */

#pragma once

#include <glib.h>

#include "up-model.h"

G_BEGIN_DECLS

typedef struct
{
  int    holder;     /* model holder index (up_gain_share_new), or the input index */
  double savings;    /* s_h */
  double extra;      /* e_h */
  double own_net;    /* s_h − e_h */
  double invested;   /* I_h */
  double share;      /* I_h / Σ I, 0 when there is no proposal */
  double target;     /* N · share */
  double transfer;   /* target − own_net */
} UpGainSharePartner;

typedef struct
{
  guint               n_partners;
  UpGainSharePartner *partners;
  double              pooled_net;      /* N */
  double              total_invested;  /* Σ I */
  gboolean            defined;         /* FALSE when Σ I is 0: no proposal, targets
                                        * and transfers are 0 */
} UpGainShare;

/* The arithmetic alone, on n partners given by their savings and extra delivery. */
UpGainShare *up_gain_share_compute (guint            n,
                                    const double    *savings,
                                    const double    *extra);
/* The holders of the pooled budget (in model order) for an option of results. */
UpGainShare *up_gain_share_new     (const UpModel   *model,
                                    const UpResults *results,
                                    int              option);
void         up_gain_share_free    (UpGainShare     *share);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpGainShare, up_gain_share_free)

G_END_DECLS
