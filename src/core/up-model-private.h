/* up-model-private.h: the compiled model's layout, shared by the compiler and engine
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "up-model.h"

G_BEGIN_DECLS

typedef struct
{
  int           from;
  int           to;
  UpEffectKind  kind;
  double       *pstar;     /* [K]: the participant probability P*_j[from][to] (j ≥ f) */
} UpModelEffect;

struct _UpModelOption
{
  char          *id;
  char          *name;
  UpOptionKind   kind;
  int            first;          /* f */
  int            last;           /* l; G_MAXINT when open-ended */
  double         take_up;
  double         capacity;       /* INFINITY when unlimited */
  guint8        *eligible;       /* [S] */
  int           *eligible_idx;
  int            n_eligible;
  UpModelEffect *effects;        /* sorted by from, then to */
  int            n_effects;
  int           *row_first;      /* [S]: first effect whose from is the state, or -1 */
  int           *row_count;      /* [S] */
  double        *strength;       /* [K]: s_j = e_j · (1 − dw) · attribution · (1 − OB) */
  double        *one_off;        /* [K] */
  double         fixed;
  double         per_participant;
  double         uplift;         /* (1 + overhead) · (1 + optimism bias on costs) */
  double        *funding;        /* [H] */
  double         volunteer_hours;
  double         volunteer_value;
  double         in_kind;
};

struct _UpModel
{
  gatomicrefcount ref_count;
  int             S, K, O, H, M;
  int             bau;
  UpCounting      counting;
  int            *measure_counting;   /* [M] */
  int             start_year;
  int             price_base_year;
  char           *currency;
  double         *P;          /* [K][S][S] baseline matrices, diagonal included */
  double         *inflow;     /* [K][S] people arriving with transition j */
  double         *n0;         /* [S] */
  guint8         *crisis;     /* [S] */
  int            *crisis_idx; /* the crisis states */
  int             n_crisis;
  double         *df_cost;    /* [K] */
  double         *df_out;     /* [K] */
  double         *time;       /* [K] */
  double         *weights;    /* [K][M][S] */
  double         *measure_value; /* [M] */
  int             n_use, n_entry, n_pairs;
  int            *use_state, *use_holder, *use_pair;
  double         *use_rate;
  int            *entry_state, *entry_holder, *entry_pair;
  double         *entry_rate;
  /* Lines folded by (state, holder) for the per-cycle money, and the states that
   * have entry lines (the only columns whose entries are needed). */
  int             n_svc, n_ent, n_entry_states;
  int            *svc_state, *svc_holder, *ent_state, *ent_holder, *entry_states;
  double         *svc_rate, *ent_rate;
  int            *pair_holder;
  double         *pair_cashable;
  guint8         *holder_public;
  guint8         *holder_pooled;
  char          **state_ids, **state_names;
  char          **holder_ids, **holder_names;
  char          **measure_ids, **measure_names;
  UpModelOption  *options;
  GStringChunk   *strings;
  GPtrArray      *blocks;     /* owned allocations */
};

G_END_DECLS
