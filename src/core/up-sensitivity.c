/* up-sensitivity.c: one-way sensitivity analysis (the tornado)
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-sensitivity"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "up-binder.h"
#include "up-error.h"
#include "up-sensitivity.h"

typedef struct
{
  UpTornadoBar bar;
  guint        order;     /* the parameter's place in the plan, for ties */
  char        *path;
  char        *invalid;
} Bar;

struct _UpTornado
{
  UpModel  *model;
  int       option;
  UpMetric  metric;
  double    base_value;
  Bar      *bars;
  guint     n_bars;
};

static int
compare_bars (const void *pa,
              const void *pb)
{
  const Bar *a = pa, *b = pb;
  gboolean na = isnan (a->bar.swing), nb = isnan (b->bar.swing);

  if (na != nb)
    return na ? 1 : -1;
  if (!na && a->bar.swing != b->bar.swing)
    return a->bar.swing > b->bar.swing ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

/* The metric with parameter p at value (the others at base), or NaN with *why set. */
static double
metric_at (UpTornado     *self,
           UpBinderState *state,
           UpResults     *results,
           double        *values,
           guint          p,
           double         value,
           char         **why)
{
  g_autoptr(GError) error = NULL;
  double saved = values[p];
  gboolean ok;

  values[p] = value;
  ok = up_binder_state_apply (state, values, &error);
  values[p] = saved;
  if (!ok)
    {
      if (*why == NULL)
        *why = g_strdup (error->message);
      return NAN;
    }
  up_engine_run (up_binder_state_get_model (state), results);
  return up_metric_get_value (&results->metrics[self->option], self->metric);
}

static int
find_option (const UpModel *model,
             const char    *option_id)
{
  int n = up_model_get_n_options (model);

  for (int o = 0; o < n; o++)
    {
      if (option_id == NULL && o != up_model_get_bau_index (model))
        return o;
      if (option_id != NULL && g_strcmp0 (up_model_get_option_id (model, o), option_id) == 0)
        return o;
    }
  return option_id == NULL ? up_model_get_bau_index (model) : -1;
}

UpTornado *
up_tornado_run (UpPlan      *plan,
                UpScenario  *scenario,
                const char  *option_id,
                UpMetric     metric,
                GError     **error)
{
  g_autoptr(UpTornado) self = NULL;
  g_autoptr(UpPlan) effective = NULL;
  g_autoptr(UpBinder) binder = NULL;
  g_autoptr(UpBinderState) state = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autofree double *values = NULL;
  g_auto(GStrv) paths = NULL;

  g_return_val_if_fail (UP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (metric < UP_METRIC_N, NULL);

  up_sampling_init ();
  self = g_new0 (UpTornado, 1);
  self->metric = metric;
  self->model = up_model_compile (plan, scenario, NULL, error);
  if (self->model == NULL)
    return NULL;
  self->option = find_option (self->model, option_id);
  if (self->option < 0)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_NOT_FOUND, "no option “%s” in this plan",
                   option_id);
      return NULL;
    }

  effective = up_plan_copy (plan);
  if (scenario != NULL && !up_plan_apply_scenario (effective, scenario, error))
    return NULL;
  paths = up_plan_list_distributions (effective);
  binder = up_binder_new (effective, self->model, (const char * const *) paths, error);
  if (binder == NULL)
    return NULL;
  state = up_binder_state_new (binder);
  results = up_model_project (self->model);
  self->base_value = up_metric_get_value (&results->metrics[self->option], metric);

  self->n_bars = up_binder_get_n_params (binder);
  self->bars = g_new0 (Bar, MAX (self->n_bars, 1));
  values = g_new0 (double, MAX (self->n_bars, 1));
  for (guint p = 0; p < self->n_bars; p++)
    values[p] = up_binder_get_base (binder, p);

  for (guint p = 0; p < self->n_bars; p++)
    {
      Bar *bar = &self->bars[p];
      UpTornadoBar *b = &bar->bar;
      const UpDistribution *dist = up_plan_get_distribution (effective, paths[p]);

      bar->order = p;
      bar->path = g_strdup (paths[p]);
      b->base = values[p];
      if (dist->kind == UP_DIST_RANGE)
        {
          /* The range's ends are the low and high values; no fit is needed for them,
           * and one that cannot be fitted (a range from 0) still gives a bar. */
          if (!up_distribution_check (dist, error))
            {
              g_prefix_error (error, "uncertainty on “%s”: ", paths[p]);
              return NULL;
            }
          if (!up_dist_fit_for_param (effective, paths[p], dist, &b->fit, NULL))
            {
              memset (&b->fit, 0, sizeof b->fit);
              b->fit.given = *dist;
              b->fit.kind = UP_DIST_UNIFORM;
              b->fit.a = dist->a;
              b->fit.b = dist->b;
            }
          b->low = dist->a;
          b->high = dist->b;
        }
      else
        {
          if (!up_dist_fit_for_param (effective, paths[p], dist, &b->fit, error))
            return NULL;
          b->low = b->fit.low;
          b->high = b->fit.high;
        }
      if (up_binder_is_integer (binder, p))
        {
          b->low = round (b->low);
          b->high = round (b->high);
        }
      b->metric_low = metric_at (self, state, results, values, p, b->low, &bar->invalid);
      b->metric_high = metric_at (self, state, results, values, p, b->high, &bar->invalid);
      b->swing = fabs (b->metric_high - b->metric_low);
    }

  qsort (self->bars, self->n_bars, sizeof (Bar), compare_bars);
  for (guint p = 0; p < self->n_bars; p++)
    {
      self->bars[p].bar.path = self->bars[p].path;
      self->bars[p].bar.invalid = self->bars[p].invalid;
    }
  return g_steal_pointer (&self);
}

void
up_tornado_free (UpTornado *self)
{
  if (self == NULL)
    return;
  for (guint p = 0; p < self->n_bars; p++)
    {
      g_free (self->bars[p].path);
      g_free (self->bars[p].invalid);
    }
  g_free (self->bars);
  g_clear_pointer (&self->model, up_model_unref);
  g_free (self);
}

const UpModel *
up_tornado_get_model (const UpTornado *self)
{
  return self->model;
}

int
up_tornado_get_option (const UpTornado *self)
{
  return self->option;
}

UpMetric
up_tornado_get_metric (const UpTornado *self)
{
  return self->metric;
}

double
up_tornado_get_base_value (const UpTornado *self)
{
  return self->base_value;
}

guint
up_tornado_get_n_bars (const UpTornado *self)
{
  return self->n_bars;
}

const UpTornadoBar *
up_tornado_get_bar (const UpTornado *self,
                    guint            i)
{
  g_return_val_if_fail (i < self->n_bars, NULL);
  return &self->bars[i].bar;
}
