/* up-sampling.c: distributions of uncertain parameters, fitted and sampled
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-sampling"

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_roots.h>

#include "up-error.h"
#include "up-sampling.h"

#define P_LOW 0.025
#define P_HIGH 0.975
/* How closely a fitted range must reproduce its percentiles (relative). */
#define FIT_CHECK 1e-9

/* ---- Philox4x32-10 ---------------------------------------------------------------- */

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

typedef struct
{
  guint32 key[2];
  guint32 counter[4];   /* [0], [1]: the stream; [2], [3]: the block within it */
  guint32 out[4];
  guint   used;         /* words of out already handed out */
} PhiloxState;

static inline void
philox_round (guint32       c[4],
              const guint32 k[2])
{
  guint64 p0 = (guint64) PHILOX_M0 * c[0];
  guint64 p1 = (guint64) PHILOX_M1 * c[2];
  guint32 hi0 = p0 >> 32, lo0 = (guint32) p0;
  guint32 hi1 = p1 >> 32, lo1 = (guint32) p1;

  c[0] = hi1 ^ c[1] ^ k[0];
  c[1] = lo1;
  c[2] = hi0 ^ c[3] ^ k[1];
  c[3] = lo0;
}

void
up_rng_philox_block (const guint32 counter[4],
                     const guint32 key[2],
                     guint32       out[4])
{
  guint32 c[4] = { counter[0], counter[1], counter[2], counter[3] };
  guint32 k[2] = { key[0], key[1] };

  philox_round (c, k);
  for (int r = 1; r < 10; r++)
    {
      k[0] += PHILOX_W0;
      k[1] += PHILOX_W1;
      philox_round (c, k);
    }
  memcpy (out, c, sizeof c);
}

static inline guint32
philox_next (PhiloxState *st)
{
  if (st->used == 4)
    {
      up_rng_philox_block (st->counter, st->key, st->out);
      if (++st->counter[2] == 0)
        st->counter[3]++;
      st->used = 0;
    }
  return st->out[st->used++];
}

static void
philox_set (void          *vstate,
            unsigned long  seed)
{
  PhiloxState *st = vstate;

  memset (st, 0, sizeof *st);
  st->key[0] = (guint32) seed;
  st->key[1] = (guint32) ((guint64) seed >> 32);
  st->used = 4;
}

static unsigned long
philox_get (void *vstate)
{
  return philox_next (vstate);
}

/* 53 random bits in [0, 1), so the tails of the lognormal and gamma are not cut at
 * 2^-32. */
static double
philox_get_double (void *vstate)
{
  guint32 a = philox_next (vstate) >> 5, b = philox_next (vstate) >> 6;

  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

static const gsl_rng_type philox_type = {
  "up-philox4x32-10",
  0xffffffffUL,
  0,
  sizeof (PhiloxState),
  philox_set,
  philox_get,
  philox_get_double,
};

const gsl_rng_type *up_rng_philox = &philox_type;

gsl_rng *
up_rng_new (void)
{
  return gsl_rng_alloc (up_rng_philox);
}

void
up_rng_set_stream (gsl_rng *rng,
                   guint64  seed,
                   guint64  stream)
{
  PhiloxState *st;

  g_return_if_fail (rng != NULL && rng->type == up_rng_philox);

  st = rng->state;
  st->key[0] = (guint32) seed;
  st->key[1] = (guint32) (seed >> 32);
  st->counter[0] = (guint32) stream;
  st->counter[1] = (guint32) (stream >> 32);
  st->counter[2] = 0;
  st->counter[3] = 0;
  st->used = 4;
}

void
up_sampling_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* GSL's default handler aborts the process; the callers check every result. */
      gsl_set_error_handler_off ();
      g_once_init_leave (&done, 1);
    }
}

/* ---- Families --------------------------------------------------------------------- */

UpDistKind
up_dist_family_for_unit (UpUnit              unit,
                         const UpNumberSpec *spec)
{
  switch (unit)
    {
    case UP_UNIT_FRACTION:
      /* Overhead and optimism bias are "fractions" that may exceed 1. */
      return spec == NULL || spec->max <= 1.0 ? UP_DIST_BETA : UP_DIST_GAMMA;
    case UP_UNIT_RATIO:
      return UP_DIST_LOGNORMAL;
    case UP_UNIT_MONEY:
    case UP_UNIT_PEOPLE:
    case UP_UNIT_HOURS:
      return UP_DIST_GAMMA;
    case UP_UNIT_NUMBER:
      /* A quantity that cannot be negative (service use per person-year) is a count. */
      return spec != NULL && spec->min >= 0.0 ? UP_DIST_GAMMA : UP_DIST_NORMAL;
    case UP_UNIT_CYCLES:
    case UP_UNIT_CYCLE:
    case UP_UNIT_YEAR:
    case UP_UNIT_RATE:
    default:
      return UP_DIST_NORMAL;
    }
}

static double
z975 (void)
{
  return gsl_cdf_ugaussian_Pinv (P_HIGH);
}

/* ---- Root finding ----------------------------------------------------------------- */

typedef double (*ScalarFunc) (double x, void *data);

typedef struct
{
  ScalarFunc f;
  void      *data;
} Wrapped;

static double
call_wrapped (double  x,
              void   *data)
{
  Wrapped *w = data;

  return w->f (x, w->data);
}

/* Finds a root of f in [lo, hi], where f changes sign, to an absolute tolerance on x. */
static gboolean
brent (ScalarFunc  f,
       void       *data,
       double      lo,
       double      hi,
       double      tol,
       double     *root)
{
  gsl_root_fsolver *s = gsl_root_fsolver_alloc (gsl_root_fsolver_brent);
  Wrapped w = { f, data };
  gsl_function F = { call_wrapped, &w };
  int status = GSL_CONTINUE;

  if (gsl_root_fsolver_set (s, &F, lo, hi) != GSL_SUCCESS)
    {
      gsl_root_fsolver_free (s);
      return FALSE;
    }
  for (int iter = 0; iter < 200 && status == GSL_CONTINUE; iter++)
    {
      if (gsl_root_fsolver_iterate (s) != GSL_SUCCESS)
        break;
      status = gsl_root_test_interval (gsl_root_fsolver_x_lower (s),
                                       gsl_root_fsolver_x_upper (s), tol, 0);
    }
  *root = gsl_root_fsolver_root (s);
  gsl_root_fsolver_free (s);
  return status == GSL_SUCCESS && isfinite (*root);
}

/* Widens [*lo, *hi] (both starting at x0) geometrically until f changes sign, within
 * [min, max]. */
static gboolean
bracket (ScalarFunc  f,
         void       *data,
         double      x0,
         double      step,
         double      min,
         double      max,
         double     *lo,
         double     *hi)
{
  double a = CLAMP (x0, min, max), b = a;
  double fa = f (a, data), fb = fa;

  if (!isfinite (fa))
    return FALSE;
  for (int i = 0; i < 200; i++)
    {
      if (a > min)
        {
          double na = MAX (a - step, min), fna = f (na, data);

          if (isfinite (fna) && (fna > 0) != (fa > 0))
            {
              *lo = na;
              *hi = a;
              return TRUE;
            }
          if (isfinite (fna))
            {
              a = na;
              fa = fna;
            }
          else
            min = a;
        }
      if (b < max)
        {
          double nb = MIN (b + step, max), fnb = f (nb, data);

          if (isfinite (fnb) && (fnb > 0) != (fb > 0))
            {
              *lo = b;
              *hi = nb;
              return TRUE;
            }
          if (isfinite (fnb))
            {
              b = nb;
              fb = fnb;
            }
          else
            max = b;
        }
      if (a <= min && b >= max)
        break;
    }
  return FALSE;
}

/* ---- Quantiles that do not hang ---------------------------------------------------- */

/* GSL's gamma inverse fails (NaN) for shapes above about 1.4e5, where Wilson and
 * Hilferty's cube-root approximation is already exact to 5e-10 (its error falls as
 * k^-3/2). */
#define GAMMA_WH_SHAPE 1e5

static double
gamma_quantile (double p,
                double shape,
                double scale)
{
  double z, c;

  if (shape < GAMMA_WH_SHAPE)
    return gsl_cdf_gamma_Pinv (p, shape, scale);
  z = gsl_cdf_ugaussian_Pinv (p);
  c = 1.0 - 1.0 / (9.0 * shape) + z / (3.0 * sqrt (shape));
  return scale * shape * c * c * c;
}

typedef struct
{
  double a, b, p;
} BetaTarget;

/* F(x) − p, through the upper tail when p is above a half, for accuracy there. */
static double
beta_cdf_minus_p (double  x,
                  void   *data)
{
  BetaTarget *t = data;

  if (t->p <= 0.5)
    return gsl_cdf_beta_P (x, t->a, t->b) - t->p;
  return (1.0 - t->p) - gsl_cdf_beta_Q (x, t->a, t->b);
}

/* gsl_cdf_beta_Pinv() can loop for ever when alpha and beta are large (about 1e6), so
 * the CDF is inverted here; when even the CDF fails, the distribution is so
 * concentrated that the normal approximation is exact to well below the fit's check. */
static double
beta_quantile (double p,
               double a,
               double b)
{
  BetaTarget t = { a, b, p };
  double x;
  gboolean ok;

  {
    gsl_root_fsolver *s = gsl_root_fsolver_alloc (gsl_root_fsolver_brent);
    Wrapped w = { beta_cdf_minus_p, &t };
    gsl_function F = { call_wrapped, &w };
    int status = GSL_CONTINUE;

    ok = gsl_root_fsolver_set (s, &F, DBL_MIN, 1.0) == GSL_SUCCESS;
    for (int iter = 0; ok && iter < 300 && status == GSL_CONTINUE; iter++)
      {
        if (gsl_root_fsolver_iterate (s) != GSL_SUCCESS)
          ok = FALSE;
        else
          status = gsl_root_test_interval (gsl_root_fsolver_x_lower (s),
                                           gsl_root_fsolver_x_upper (s), 0, 1e-15);
      }
    x = gsl_root_fsolver_root (s);
    ok = ok && status == GSL_SUCCESS && isfinite (x);
    gsl_root_fsolver_free (s);
  }
  if (!ok)
    {
      double n = a + b, m = a / n, sd = sqrt (a * b / (n * n * (n + 1)));

      x = m + gsl_cdf_ugaussian_Pinv (p) * sd;
    }
  return x;
}

/* ---- Gamma from two percentiles ----------------------------------------------------- */

typedef struct
{
  double log_ratio;
} GammaFit;

/* ln Q(97.5%) − ln Q(2.5%) of a gamma of shape e^t, minus the ratio wanted: the scale
 * cancels, and the spread falls as the shape grows. */
static double
gamma_spread (double  t,
              void   *data)
{
  GammaFit *g = data;
  double k = exp (t);
  double ql = gamma_quantile (P_LOW, k, 1.0), qh = gamma_quantile (P_HIGH, k, 1.0);

  if (!(ql > 0 && qh > 0))
    return NAN;
  return log (qh) - log (ql) - g->log_ratio;
}

static gboolean
fit_gamma (double  lo,
           double  hi,
           double *shape,
           double *scale)
{
  GammaFit g = { log (hi / lo) };
  double z = z975 (), mean = (lo + hi) / 2, sd = (hi - lo) / (2 * z);
  double t0 = log (CLAMP ((mean * mean) / (sd * sd), 0.05, 1e10));
  double a, b, t;

  if (!bracket (gamma_spread, &g, t0, log (4.0), log (0.02), log (1e13), &a, &b))
    return FALSE;
  if (!brent (gamma_spread, &g, a, b, 1e-14, &t))
    return FALSE;
  *shape = exp (t);
  *scale = lo / gamma_quantile (P_LOW, *shape, 1.0);
  return isfinite (*scale) && *scale > 0;
}

/* ---- Beta from two percentiles ------------------------------------------------------ */

typedef struct
{
  double lo, hi;
  double kappa;    /* alpha + beta, fixed while the mean is solved for */
  double x;        /* the mean found for it, as logit (mean) */
} BetaFit;

/* F(lo) − 2.5 % for the mean logistic(x) at the current concentration: falls as x grows. */
static double
beta_low_tail (double  x,
               void   *data)
{
  BetaFit *bf = data;
  double alpha = bf->kappa / (1.0 + exp (-x)), beta = bf->kappa / (1.0 + exp (x));

  if (!(alpha > 0 && beta > 0))
    return NAN;
  return gsl_cdf_beta_P (bf->lo, alpha, beta) - P_LOW;
}

/* With the 2.5th percentile pinned at lo, F(hi) − 97.5 % for concentration e^t: rises as
 * the distribution narrows. */
static double
beta_high_tail (double  t,
                void   *data)
{
  BetaFit *bf = data;
  double x, lo = -40, hi = 40;

  bf->kappa = exp (t);
  if (!(beta_low_tail (lo, bf) > 0 && beta_low_tail (hi, bf) < 0))
    return NAN;
  if (!brent (beta_low_tail, bf, lo, hi, 1e-15, &x))
    return NAN;
  bf->x = x;
  return gsl_cdf_beta_P (bf->hi, bf->kappa / (1.0 + exp (-x)), bf->kappa / (1.0 + exp (x)))
         - P_HIGH;
}

static gboolean
fit_beta (double  lo,
          double  hi,
          double *alpha,
          double *beta)
{
  BetaFit bf = { lo, hi, 0, 0 };
  double z = z975 (), mean = (lo + hi) / 2, sd = (hi - lo) / (2 * z);
  double t0 = log (CLAMP (mean * (1 - mean) / (sd * sd) - 1, 0.05, 1e10));
  double a, b, t;

  if (!bracket (beta_high_tail, &bf, t0, log (4.0), log (1e-3), log (1e13), &a, &b))
    return FALSE;
  if (!brent (beta_high_tail, &bf, a, b, 1e-14, &t))
    return FALSE;
  if (isnan (beta_high_tail (t, &bf)))  /* leaves bf.x for this t */
    return FALSE;
  *alpha = bf.kappa / (1.0 + exp (-bf.x));
  *beta = bf.kappa / (1.0 + exp (bf.x));
  return *alpha > 0 && *beta > 0;
}

/* ---- Fitting ---------------------------------------------------------------------- */

static gboolean
close_to (double got,
          double want)
{
  return fabs (got - want) <= FIT_CHECK * MAX (fabs (want), 1e-300);
}

static gboolean
fit_range (double      lo,
           double      hi,
           UpDistKind  family,
           UpDistFit  *fit,
           GError    **error)
{
  char buf_lo[G_ASCII_DTOSTR_BUF_SIZE], buf_hi[G_ASCII_DTOSTR_BUF_SIZE];
  double z = z975 ();
  gboolean ok = TRUE;

  g_ascii_formatd (buf_lo, sizeof buf_lo, "%.6g", lo);
  g_ascii_formatd (buf_hi, sizeof buf_hi, "%.6g", hi);
  fit->kind = family;
  fit->c = 0;
  switch (family)
    {
    case UP_DIST_BETA:
      if (!(lo > 0 && hi < 1))
        {
          g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                       "the range %s–%s of a probability or share must lie strictly between "
                       "0 and 1 to fit a beta distribution", buf_lo, buf_hi);
          return FALSE;
        }
      ok = fit_beta (lo, hi, &fit->a, &fit->b);
      break;
    case UP_DIST_GAMMA:
      if (!(lo > 0))
        {
          g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                       "the range %s–%s must be above 0 to fit a gamma distribution",
                       buf_lo, buf_hi);
          return FALSE;
        }
      ok = fit_gamma (lo, hi, &fit->a, &fit->b);
      break;
    case UP_DIST_LOGNORMAL:
      if (!(lo > 0))
        {
          g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                       "the range %s–%s of a relative risk must be above 0 to fit a "
                       "lognormal distribution", buf_lo, buf_hi);
          return FALSE;
        }
      fit->a = (log (lo) + log (hi)) / 2;
      fit->b = (log (hi) - log (lo)) / (2 * z);
      break;
    case UP_DIST_NORMAL:
    default:
      fit->kind = UP_DIST_NORMAL;
      fit->a = (lo + hi) / 2;
      fit->b = (hi - lo) / (2 * z);
      break;
    }
  if (ok)
    ok = close_to (up_dist_fit_quantile (fit, P_LOW), lo)
         && close_to (up_dist_fit_quantile (fit, P_HIGH), hi);
  if (!ok)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                   "could not fit a %s distribution to the range %s–%s",
                   up_dist_kind_to_string (family), buf_lo, buf_hi);
      return FALSE;
    }
  return TRUE;
}

gboolean
up_dist_fit (const UpDistribution *dist,
             UpDistKind            family,
             UpDistFit            *fit,
             GError              **error)
{
  g_return_val_if_fail (dist != NULL && fit != NULL, FALSE);

  up_sampling_init ();
  memset (fit, 0, sizeof *fit);
  fit->given = *dist;
  if (!up_distribution_check (dist, error))
    return FALSE;

  fit->kind = dist->kind;
  fit->a = dist->a;
  fit->b = dist->b;
  fit->c = dist->c;
  switch (dist->kind)
    {
    case UP_DIST_LOGNORMAL:
      fit->point = dist->b == 0;
      fit->value = exp (dist->a);
      break;
    case UP_DIST_NORMAL:
      fit->point = dist->b == 0;
      fit->value = dist->a;
      break;
    case UP_DIST_UNIFORM:
      fit->point = dist->a == dist->b;
      fit->value = dist->a;
      break;
    case UP_DIST_TRIANGULAR:
      fit->point = dist->a == dist->c;
      fit->value = dist->a;
      break;
    case UP_DIST_RANGE:
      fit->point = dist->a == dist->b;
      fit->value = dist->a;
      if (!fit->point && !fit_range (dist->a, dist->b, family, fit, error))
        return FALSE;
      break;
    case UP_DIST_BETA:
    case UP_DIST_GAMMA:
    default:
      break;
    }

  if (dist->kind == UP_DIST_RANGE)
    {
      fit->low = dist->a;
      fit->high = dist->b;
    }
  else if (fit->point)
    fit->low = fit->high = fit->value;
  else
    {
      fit->low = up_dist_fit_quantile (fit, P_LOW);
      fit->high = up_dist_fit_quantile (fit, P_HIGH);
      if (!isfinite (fit->low) || !isfinite (fit->high))
        {
          g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                       "the percentiles of this %s distribution cannot be computed",
                       up_dist_kind_to_string (dist->kind));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
up_dist_fit_for_param (UpPlan               *plan,
                       const char           *path,
                       const UpDistribution *dist,
                       UpDistFit            *fit,
                       GError              **error)
{
  UpUnit unit = UP_UNIT_NUMBER;
  const UpNumberSpec *spec;

  g_return_val_if_fail (UP_IS_PLAN (plan), FALSE);
  spec = up_plan_describe_param (plan, path, &unit);
  if (!up_dist_fit (dist, up_dist_family_for_unit (unit, spec), fit, error))
    {
      g_prefix_error (error, "uncertainty on “%s”: ", path);
      return FALSE;
    }
  return TRUE;
}

/* ---- Using a fit ------------------------------------------------------------------ */

static double
triangular_quantile (double a,
                     double m,
                     double c,
                     double u)
{
  double fm = (m - a) / (c - a);

  if (u < fm)
    return a + sqrt (u * (c - a) * (m - a));
  return c - sqrt ((1.0 - u) * (c - a) * (c - m));
}

double
up_dist_fit_sample (const UpDistFit *fit,
                    gsl_rng         *rng)
{
  if (fit->point)
    return fit->value;
  switch (fit->kind)
    {
    case UP_DIST_BETA:
      return gsl_ran_beta (rng, fit->a, fit->b);
    case UP_DIST_GAMMA:
      return gsl_ran_gamma (rng, fit->a, fit->b);
    case UP_DIST_LOGNORMAL:
      return gsl_ran_lognormal (rng, fit->a, fit->b);
    case UP_DIST_NORMAL:
      return fit->a + gsl_ran_gaussian_ziggurat (rng, fit->b);
    case UP_DIST_UNIFORM:
      return gsl_ran_flat (rng, fit->a, fit->b);
    case UP_DIST_TRIANGULAR:
      return triangular_quantile (fit->a, fit->b, fit->c, gsl_rng_uniform (rng));
    case UP_DIST_RANGE:
    default:
      g_return_val_if_reached (NAN);
    }
}

double
up_dist_fit_quantile (const UpDistFit *fit,
                      double           p)
{
  if (fit->point)
    return fit->value;
  switch (fit->kind)
    {
    case UP_DIST_BETA:
      return beta_quantile (p, fit->a, fit->b);
    case UP_DIST_GAMMA:
      return gamma_quantile (p, fit->a, fit->b);
    case UP_DIST_LOGNORMAL:
      return gsl_cdf_lognormal_Pinv (p, fit->a, fit->b);
    case UP_DIST_NORMAL:
      return fit->a + gsl_cdf_gaussian_Pinv (p, fit->b);
    case UP_DIST_UNIFORM:
      return fit->a + p * (fit->b - fit->a);
    case UP_DIST_TRIANGULAR:
      return triangular_quantile (fit->a, fit->b, fit->c, p);
    case UP_DIST_RANGE:
    default:
      g_return_val_if_reached (NAN);
    }
}

double
up_dist_fit_pdf (const UpDistFit *fit,
                 double           x)
{
  if (fit->point)
    return x == fit->value ? INFINITY : 0.0;
  switch (fit->kind)
    {
    case UP_DIST_BETA:
      return gsl_ran_beta_pdf (x, fit->a, fit->b);
    case UP_DIST_GAMMA:
      return gsl_ran_gamma_pdf (x, fit->a, fit->b);
    case UP_DIST_LOGNORMAL:
      return gsl_ran_lognormal_pdf (x, fit->a, fit->b);
    case UP_DIST_NORMAL:
      return gsl_ran_gaussian_pdf (x - fit->a, fit->b);
    case UP_DIST_UNIFORM:
      return gsl_ran_flat_pdf (x, fit->a, fit->b);
    case UP_DIST_TRIANGULAR:
      {
        double a = fit->a, m = fit->b, c = fit->c;

        if (x < a || x > c)
          return 0.0;
        if (x < m)
          return 2 * (x - a) / ((c - a) * (m - a));
        if (x > m)
          return 2 * (c - x) / ((c - a) * (c - m));
        return 2 / (c - a);
      }
    case UP_DIST_RANGE:
    default:
      g_return_val_if_reached (NAN);
    }
}

double
up_dist_fit_mean (const UpDistFit *fit)
{
  double a = fit->a, b = fit->b, c = fit->c;

  if (fit->point)
    return fit->value;
  switch (fit->kind)
    {
    case UP_DIST_BETA:
      return a / (a + b);
    case UP_DIST_GAMMA:
      return a * b;
    case UP_DIST_LOGNORMAL:
      return exp (a + b * b / 2);
    case UP_DIST_NORMAL:
      return a;
    case UP_DIST_UNIFORM:
      return (a + b) / 2;
    case UP_DIST_TRIANGULAR:
      return (a + b + c) / 3;
    case UP_DIST_RANGE:
    default:
      g_return_val_if_reached (NAN);
    }
}

double
up_dist_fit_variance (const UpDistFit *fit)
{
  double a = fit->a, b = fit->b, c = fit->c;

  if (fit->point)
    return 0.0;
  switch (fit->kind)
    {
    case UP_DIST_BETA:
      return a * b / ((a + b) * (a + b) * (a + b + 1));
    case UP_DIST_GAMMA:
      return a * b * b;
    case UP_DIST_LOGNORMAL:
      return expm1 (b * b) * exp (2 * a + b * b);
    case UP_DIST_NORMAL:
      return b * b;
    case UP_DIST_UNIFORM:
      return (b - a) * (b - a) / 12;
    case UP_DIST_TRIANGULAR:
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    case UP_DIST_RANGE:
    default:
      g_return_val_if_reached (NAN);
    }
}

void
up_dist_fit_support (const UpDistFit *fit,
                     double          *from,
                     double          *to)
{
  if (fit->point)
    {
      double pad = MAX (fabs (fit->value) * 0.1, 1e-9);

      *from = fit->value - pad;
      *to = fit->value + pad;
      return;
    }
  switch (fit->kind)
    {
    case UP_DIST_UNIFORM:
      *from = fit->a;
      *to = fit->b;
      return;
    case UP_DIST_TRIANGULAR:
      *from = fit->a;
      *to = fit->c;
      return;
    default:
      *from = up_dist_fit_quantile (fit, 0.001);
      *to = up_dist_fit_quantile (fit, 0.999);
      return;
    }
}
