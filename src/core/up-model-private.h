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
  int           *pat_start;      /* [S + 1]: row i's possible moves are pat_cols[start[i]
                                  * .. start[i + 1]), the baseline's plus this option's
                                  * effect targets; shared with the model when none */
  int           *pat_cols;
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
  int            *pat_start;  /* [S + 1] the moves the plan gives (and the diagonal), */
  int            *pat_cols;   /* structural, so re-parameterisation keeps it valid */
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
  /* What re-parameterisation (up-binder.c) needs to re-derive rates bit for bit. */
  int             n_items;
  double         *item_uplift;   /* [n_items] price-index factor of each cost item */
  int            *use_item;      /* [n_use] the cost item of each service-use line */
  int            *entry_item;    /* [n_entry] */
  int            *pair_item;     /* [n_pairs] */
  /* A clone (up-binder.c) borrows the names and indices of the model it was made from,
   * and keeps a reference on it; NULL for a compiled model. */
  UpModel        *origin;
};

#define UP_MODEL_PROB_TOL 1e-12
#define UP_MODEL_SHARE_TOL 1e-9

/* Sets the diagonal of row i to one minus the rest, summed in state order. */
static inline void
_up_model_complete_row (double *row,
                        int     i,
                        int     S)
{
  double sum = 0.0;

  for (int c = 0; c < S; c++)
    if (c != i)
      sum += row[c];
  row[i] = 1.0 - sum;
}

/* The effect strength e_j of an option's timing (docs/engine.md, 4.1). */
double _up_model_effect_strength (double first_cycle,
                                  double active_cycles,
                                  double ramp_up,
                                  double drop_off,
                                  int    j);

G_END_DECLS
