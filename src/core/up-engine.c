/* up-engine.c: the Markov cohort engine
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a compiled model (docs/engine.md). No allocation, no GObject, no shared state:
 * any number of threads may run the same model, each into its own UpResults.
 */

#define G_LOG_DOMAIN "up-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "up-model-private.h"

/* Scratch layout in UpResults.work:
 *   rows[S * S] (the option's changed rows) entries[S] occ[S] occ_m[S]
 *   disc_occ[S] disc_entries[S] (discounted sums, for the cost-item pairs)
 *   (one spare row of S)
 *   pairs[O * P] service_entry[O * H] delivery[O * H] community[O] crisis[O] */
#define WORK_HEAD(m) ((gsize) (m)->S * (m)->S + 6 * (gsize) (m)->S)

static gsize
work_size (const UpModel *m)
{
  return WORK_HEAD (m) + (gsize) m->O * m->n_pairs + 2 * (gsize) m->O * m->H + 2 * m->O;
}

UpResults *
up_results_new (const UpModel *m)
{
  UpResults *r;
  gsize O = m->O, K = m->K, S = m->S, H = m->H, M = m->M;
  gsize n = 0, off = 0;
  double *block;

  g_return_val_if_fail (m != NULL, NULL);

  n += O * (K + 1) * S;           /* trace */
  n += O * K * H * UP_COST_N;     /* cost */
  n += 8 * O * K;                 /* community … cum_net */
  n += O * K * M;                 /* outcomes */
  n += 3 * O * M;                 /* outcome_total, delta, icer */
  n += 3 * O * H;                 /* holder tables */
  n += work_size (m);

  r = g_new0 (UpResults, 1);
  r->n_options = m->O;
  r->n_cycles = m->K;
  r->n_states = m->S;
  r->n_holders = m->H;
  r->n_measures = m->M;
  block = g_new0 (double, MAX (n, 1));
#define TAKE(field, count) (r->field = block + off, off += (count))
  TAKE (trace, O * (K + 1) * S);
  TAKE (cost, O * K * H * UP_COST_N);
  TAKE (community, O * K);
  TAKE (participants, O * K);
  TAKE (rho, O * K);
  TAKE (strength, O * K);
  TAKE (episodes, O * K);
  TAKE (public_cost, O * K);
  TAKE (cum_net, O * K);
  off += O * K;  /* spare row, keeps the count above honest */
  TAKE (outcomes, O * K * M);
  TAKE (outcome_total, O * M);
  TAKE (outcome_delta, O * M);
  TAKE (icer, O * M);
  TAKE (holder_extra, O * H);
  TAKE (holder_savings, O * H);
  TAKE (holder_net, O * H);
  TAKE (work, work_size (m));
#undef TAKE
  g_assert (off == n);
  r->work_len = work_size (m);
  r->metrics = g_new0 (UpMetrics, MAX (O, 1));
  r->rows = (gpointer *) g_new0 (gpointer, MAX (S, 1));
  return r;
}

void
up_results_free (UpResults *r)
{
  if (r == NULL)
    return;
  g_free (r->trace);  /* the start of the block */
  g_free (r->metrics);
  g_free (r->rows);
  g_free (r);
}

static inline void
count_occupancy (UpCounting    method,
                 const double *prev,
                 const double *cur,
                 double       *occ,
                 int           S)
{
  switch (method)
    {
    case UP_COUNTING_END:
      memcpy (occ, cur, S * sizeof (double));
      break;
    case UP_COUNTING_LIFE_TABLE:
      for (int s = 0; s < S; s++)
        occ[s] = (prev[s] + cur[s]) / 2.0;
      break;
    case UP_COUNTING_BEGINNING:
    case UP_COUNTING_INHERIT:
    default:
      memcpy (occ, prev, S * sizeof (double));
      break;
    }
}

/* Projects option o: trace, per-cycle money, outcomes, and the discounted totals the
 * metrics need (into the scratch space). */
static void
run_option (const UpModel *m,
            UpResults     *r,
            int            o)
{
  const UpModelOption *mo = &m->options[o];
  const int S = m->S, K = m->K, H = m->H, M = m->M;
  double *work = r->work;
  double *rows = work;
  double *entries = rows + (gsize) S * S, *occ = entries + S, *occ_m = occ + S;
  double *disc_occ = occ_m + S, *disc_entries = disc_occ + S;
  const double **rowp = (const double **) r->rows;
  double *pairs = work + WORK_HEAD (m) + (gsize) o * m->n_pairs;
  double *tot_se = work + WORK_HEAD (m) + (gsize) m->O * m->n_pairs + (gsize) o * H;
  double *tot_del = tot_se + (gsize) m->O * H;
  double *tot_comm = work + WORK_HEAD (m) + (gsize) m->O * m->n_pairs + 2 * (gsize) m->O * H + o;
  double *tot_crisis = tot_comm + m->O;
  double *trace = r->trace + (gsize) o * (K + 1) * S;
  double last_rho = 0.0;

  memcpy (trace, m->n0, S * sizeof (double));
  memset (disc_occ, 0, 2 * S * sizeof (double));
  if (mo->n_effects > 0)
    memset (rows, 0, (gsize) S * S * sizeof (double));

  for (int j = 1; j <= K; j++)
    {
      const double *P = m->P + (gsize) (j - 1) * S * S;
      const double *prev = trace + (gsize) (j - 1) * S;
      double *cur = trace + (gsize) j * S;
      const double *inflow = m->inflow + (gsize) (j - 1) * S;
      gboolean active = j >= mo->first;
      gboolean in_window = active && j <= mo->last;
      double rho = 0.0, episodes = 0.0, participant_years = 0.0, df = m->df_cost[j - 1];
      double *cost = r->cost + ((gsize) o * K + (j - 1)) * H * UP_COST_N;
      gsize ok = (gsize) o * K + (j - 1);

      /* Participation */
      if (in_window)
        {
          double E = 0.0;

          for (int x = 0; x < mo->n_eligible; x++)
            E += prev[mo->eligible_idx[x]];
          rho = mo->take_up * E <= mo->capacity ? mo->take_up : mo->capacity / E;
          last_rho = rho;
        }
      else if (active)
        rho = last_rho;

      /* Transition j: n_j = n_{j-1} · M_j + inflow_j. Rows the option changes are built
       * in the scratch matrix; the loops over c are branch-free so they vectorise, and
       * the order of every sum is fixed (i ascending), so results are reproducible. */
      for (int c = 0; c < S; c++)
        cur[c] = 0.0;
      for (int i = 0; i < S; i++)
        {
          const double *mrow = P + (gsize) i * S;
          const double ni = prev[i];

          rowp[i] = mrow;
          if (active && mo->row_count[i] > 0)
            {
              /* Entries outside the pattern are zero in every cycle: they were cleared
               * once when the option's run began. Summing the pattern in ascending
               * order gives the same diagonal as summing the whole row. */
              double *row = rows + (gsize) i * S;
              const int *cols = mo->pat_cols + mo->pat_start[i];
              int n_cols = mo->pat_start[i + 1] - mo->pat_start[i];
              double sum = 0.0;

              for (int p = 0; p < n_cols; p++)
                row[cols[p]] = mrow[cols[p]];
              for (int e = mo->row_first[i]; e < mo->row_first[i] + mo->row_count[i]; e++)
                {
                  int t = mo->effects[e].to;

                  row[t] = mrow[t] + rho * (mo->effects[e].pstar[j - 1] - mrow[t]);
                }
              for (int p = 0; p < n_cols; p++)
                if (cols[p] != i)
                  sum += row[cols[p]];
              row[i] = 1.0 - sum;
              rowp[i] = row;
              mrow = row;
            }
          if (ni == 0.0)
            continue;
          /* Only the moves this option can make: adding ni · 0 would change nothing. */
          for (int p = mo->pat_start[i]; p < mo->pat_start[i + 1]; p++)
            cur[mo->pat_cols[p]] += ni * mrow[mo->pat_cols[p]];
          if (!m->crisis[i])
            for (int x = 0; x < m->n_crisis; x++)
              episodes += ni * mrow[m->crisis_idx[x]];
        }
      for (int c = 0; c < S; c++)
        cur[c] += inflow[c];

      /* People entering the states that have entry costs: Σ_{i≠s} n_i · M[i][s] */
      for (int x = 0; x < m->n_entry_states; x++)
        {
          int s = m->entry_states[x];
          double e = 0.0;

          for (int i = 0; i < s; i++)
            e += prev[i] * rowp[i][s];
          for (int i = s + 1; i < S; i++)
            e += prev[i] * rowp[i][s];
          entries[s] = e;
          disc_entries[s] += e * df;
        }

      /* Counted cycle k = j */
      count_occupancy (m->counting, prev, cur, occ, S);
      for (int s = 0; s < S; s++)
        disc_occ[s] += occ[s] * df;
      memset (cost, 0, (gsize) H * UP_COST_N * sizeof (double));

      for (int l = 0; l < m->n_svc; l++)
        {
          int s = m->svc_state[l];
          double amount = occ[s] * m->svc_rate[l];
          double *hc = cost + (gsize) m->svc_holder[l] * UP_COST_N;

          hc[UP_COST_SERVICE] += amount;
          if (m->crisis[s])
            hc[UP_COST_CRISIS] += amount;
        }
      for (int l = 0; l < m->n_ent; l++)
        {
          int s = m->ent_state[l];
          double amount = entries[s] * m->ent_rate[l];
          double *hc = cost + (gsize) m->ent_holder[l] * UP_COST_N;

          hc[UP_COST_ENTRY] += amount;
          if (m->crisis[s])
            hc[UP_COST_CRISIS] += amount;
        }

      if (in_window)
        {
          double eligible_people = 0.0;

          for (int x = 0; x < mo->n_eligible; x++)
            eligible_people += occ[mo->eligible_idx[x]];
          participant_years = rho * eligible_people;
        }
      {
        double delivery = mo->one_off[j - 1];
        double community = 0.0;
        double pc = 0.0, crisis = 0.0;

        if (in_window)
          {
            delivery += mo->fixed + mo->per_participant * participant_years;
            community = mo->volunteer_hours * participant_years * mo->volunteer_value +
                        mo->in_kind;
          }
        delivery *= mo->uplift;
        for (int h = 0; h < H; h++)
          {
            double *hc = cost + (gsize) h * UP_COST_N;

            hc[UP_COST_DELIVERY] = delivery * mo->funding[h];
            tot_se[h] += (hc[UP_COST_SERVICE] + hc[UP_COST_ENTRY]) * df;
            tot_del[h] += hc[UP_COST_DELIVERY] * df;
            if (m->holder_public[h])
              {
                pc += hc[UP_COST_SERVICE] + hc[UP_COST_ENTRY] + hc[UP_COST_DELIVERY];
                crisis += hc[UP_COST_CRISIS];
              }
          }
        r->community[ok] = community;
        r->public_cost[ok] = pc;
        *tot_comm += community * df;
        *tot_crisis += crisis * df;
      }

      r->participants[ok] = participant_years;
      r->rho[ok] = rho;
      r->strength[ok] = mo->strength[j - 1];
      r->episodes[ok] = episodes;

      for (int mi = 0; mi < M; mi++)
        {
          const double *w = m->weights + ((gsize) (j - 1) * M + mi) * S;
          const double *counted = occ;
          double total = 0.0;

          if (m->measure_counting[mi] != (int) m->counting)
            {
              count_occupancy (m->measure_counting[mi], prev, cur, occ_m, S);
              counted = occ_m;
            }
          for (int s = 0; s < S; s++)
            total += counted[s] * w[s];
          r->outcomes[ok * M + mi] = total;
        }
    }

  /* Discounted money by (cost item, holder), for cashable savings. */
  for (int l = 0; l < m->n_use; l++)
    pairs[m->use_pair[l]] += m->use_rate[l] * disc_occ[m->use_state[l]];
  for (int l = 0; l < m->n_entry; l++)
    pairs[m->entry_pair[l]] += m->entry_rate[l] * disc_entries[m->entry_state[l]];
}

static void
compute_metrics (const UpModel *m,
                 UpResults     *r,
                 int            o)
{
  const int K = m->K, H = m->H, M = m->M, b = m->bau;
  const double *work = r->work;
  const double *pairs_o = work + WORK_HEAD (m) + (gsize) o * m->n_pairs;
  const double *pairs_b = work + WORK_HEAD (m) + (gsize) b * m->n_pairs;
  const double *se = work + WORK_HEAD (m) + (gsize) m->O * m->n_pairs;
  const double *del = se + (gsize) m->O * H;
  const double *comm = del + (gsize) m->O * H;
  const double *crisis = comm + m->O;
  UpMetrics *mt = &r->metrics[o];
  double gross_all = 0, extra_all = 0, cum = 0, scale = 0, tol;
  double service = 0, entry = 0;
  int last_bad = 0;

  memset (mt, 0, sizeof *mt);

  for (int k = 1; k <= K; k++)
    for (int h = 0; h < H; h++)
      {
        service += up_results_cost (r, o, k, h, UP_COST_SERVICE) * m->df_cost[k - 1];
        entry += up_results_cost (r, o, k, h, UP_COST_ENTRY) * m->df_cost[k - 1];
      }
  mt->service = service;
  mt->entry = entry;
  mt->community = comm[o];
  mt->crisis_cost = crisis[o];

  for (int h = 0; h < H; h++)
    {
      double se_o = se[(gsize) o * H + h], se_b = se[(gsize) b * H + h];
      double del_o = del[(gsize) o * H + h], del_b = del[(gsize) b * H + h];
      double savings = se_b - se_o, extra = del_o - del_b;

      mt->delivery += del_o;
      r->holder_savings[(gsize) o * H + h] = savings;
      r->holder_extra[(gsize) o * H + h] = extra;
      r->holder_net[(gsize) o * H + h] = savings - extra;
      gross_all += savings;
      extra_all += extra;
      if (m->holder_public[h])
        {
          mt->delivery_public += del_o;
          mt->public_cost += se_o + del_o;
          mt->gross_savings += savings;
          mt->extra_delivery += extra;
        }
      if (m->holder_pooled[h])
        {
          mt->pooled_extra_delivery += extra;
          mt->pooled_savings += savings;
          mt->pooled_net += savings - extra;
        }
    }

  for (int p = 0; p < m->n_pairs; p++)
    if (m->holder_public[m->pair_holder[p]])
      {
        double saving = pairs_b[p] - pairs_o[p];

        mt->cashable_savings += saving > 0 ? m->pair_cashable[p] * saving : saving;
      }

  mt->npbi = mt->gross_savings - mt->extra_delivery;
  mt->roi = mt->extra_delivery > 0 ? mt->gross_savings / mt->extra_delivery : NAN;

  /* Break-even: the first cycle from which the cumulative discounted net saving stays
   * at or above a tolerance scaled to the size of the sums. */
  for (int k = 1; k <= K; k++)
    {
      gsize ok = (gsize) o * K + (k - 1), bk = (gsize) b * K + (k - 1);

      cum += m->df_cost[k - 1] * (r->public_cost[bk] - r->public_cost[ok]);
      r->cum_net[ok] = cum;
      scale += m->df_cost[k - 1] * fabs (r->public_cost[bk]);
    }
  tol = -1e-9 * (1.0 + scale);
  for (int k = 1; k <= K; k++)
    if (r->cum_net[(gsize) o * K + (k - 1)] < tol)
      last_bad = k;
  if (o == b || last_bad == K)
    mt->break_even_cycle = 0;
  else
    mt->break_even_cycle = last_bad + 1;
  mt->break_even_year = mt->break_even_cycle ? m->start_year + mt->break_even_cycle - 1 : 0;

  for (int k = 1; k <= K; k++)
    {
      mt->crisis_episodes += r->episodes[(gsize) o * K + (k - 1)];
      mt->participant_years += r->participants[(gsize) o * K + (k - 1)];
    }
  mt->crisis_cost_avoided = crisis[b] - crisis[o];

  for (int mi = 0; mi < M; mi++)
    {
      double total = 0;

      for (int k = 1; k <= K; k++)
        total += r->outcomes[((gsize) o * K + (k - 1)) * M + mi] * m->df_out[k - 1];
      r->outcome_total[(gsize) o * M + mi] = total;
    }
}

static void
compare_with_bau (const UpModel *m,
                  UpResults     *r,
                  int            o)
{
  const int M = m->M, b = m->bau;
  UpMetrics *mt = &r->metrics[o], *mb = &r->metrics[b];
  double extra_cost = mt->public_cost - mb->public_cost;
  double all_o, all_b, gross_all = 0, extra_all = 0, denominator;

  mt->crisis_episodes_avoided = mb->crisis_episodes - mt->crisis_episodes;
  mt->cost_per_episode_avoided = mt->crisis_episodes_avoided > 0
                                 ? extra_cost / mt->crisis_episodes_avoided : NAN;
  mt->monetised_outcome_gain = 0;
  for (int mi = 0; mi < M; mi++)
    {
      gsize om = (gsize) o * M + mi;
      double delta = r->outcome_total[om] - r->outcome_total[(gsize) b * M + mi];

      r->outcome_delta[om] = delta;
      r->icer[om] = delta != 0 && o != b ? extra_cost / delta : NAN;
      mt->monetised_outcome_gain += m->measure_value[mi] * delta;
    }

  all_o = mt->service + mt->entry + mt->delivery + mt->community;
  all_b = mb->service + mb->entry + mb->delivery + mb->community;
  mt->npsv = all_b - all_o + mt->monetised_outcome_gain;

  for (int h = 0; h < m->H; h++)
    {
      gross_all += r->holder_savings[(gsize) o * m->H + h];
      extra_all += r->holder_extra[(gsize) o * m->H + h];
    }
  denominator = extra_all + (mt->community - mb->community);
  mt->bcr = denominator > 0 ? (gross_all + mt->monetised_outcome_gain) / denominator : NAN;
  mt->community_per_public_delivery = mt->delivery_public > 0
                                      ? mt->community / mt->delivery_public : NAN;
  if (o == b)
    {
      mt->roi = NAN;
      mt->bcr = NAN;
    }
}

gboolean
up_results_fits (const UpResults *r,
                 const UpModel   *m)
{
  g_return_val_if_fail (r != NULL && m != NULL, FALSE);
  return r->n_options == m->O && r->n_cycles == m->K && r->n_states == m->S &&
         r->n_holders == m->H && r->n_measures == m->M && r->work_len >= work_size (m);
}

void
up_engine_run (const UpModel *m,
               UpResults     *r)
{
  g_return_if_fail (m != NULL && r != NULL);
  g_return_if_fail (up_results_fits (r, m));
  g_return_if_fail (m->bau >= 0);

  memset (r->work, 0, r->work_len * sizeof (double));
  for (int o = 0; o < m->O; o++)
    run_option (m, r, o);
  for (int o = 0; o < m->O; o++)
    compute_metrics (m, r, o);
  for (int o = 0; o < m->O; o++)
    compare_with_bau (m, r, o);
}

UpResults *
up_model_project (const UpModel *model)
{
  UpResults *r = up_results_new (model);

  up_engine_run (model, r);
  return r;
}
