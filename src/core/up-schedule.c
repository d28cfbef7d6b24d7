/* up-schedule.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "up-error.h"
#include "up-schedule.h"
#include "up-util.h"

struct _UpSchedule
{
  gatomicrefcount ref_count;
  guint           n;
  double          v[];
};

G_DEFINE_BOXED_TYPE (UpSchedule, up_schedule, up_schedule_ref, up_schedule_unref)

UpSchedule *
up_schedule_new (const double *values,
                 guint         n_values)
{
  UpSchedule *self;

  g_return_val_if_fail (n_values > 0, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  self = g_malloc (sizeof *self + n_values * sizeof (double));
  g_atomic_ref_count_init (&self->ref_count);
  self->n = n_values;
  memcpy (self->v, values, n_values * sizeof (double));
  return self;
}

UpSchedule *
up_schedule_new_constant (double value)
{
  return up_schedule_new (&value, 1);
}

UpSchedule *
up_schedule_ref (UpSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
up_schedule_unref (UpSchedule *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    g_free (self);
}

guint
up_schedule_get_length (const UpSchedule *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n;
}

gboolean
up_schedule_is_constant (const UpSchedule *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->n == 1;
}

const double *
up_schedule_get_values (const UpSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->v;
}

double
up_schedule_get (const UpSchedule *self,
                 guint             i)
{
  g_return_val_if_fail (self != NULL, 0.0);
  if (i < 1)
    i = 1;
  return self->v[MIN (i, self->n) - 1];
}

gboolean
up_schedule_equal (const UpSchedule *a,
                   const UpSchedule *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->n != b->n)
    return FALSE;
  return memcmp (a->v, b->v, a->n * sizeof (double)) == 0;
}

char *
up_schedule_to_string (const UpSchedule *self)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < self->n; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, up_format_double (buf, self->v[i]));
    }
  return g_string_free (s, FALSE);
}

UpSchedule *
up_schedule_parse (const char *text,
                   GError    **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    text = "";
  parts = g_strsplit_set (text, " \t\r\n,;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      double v;

      if (parts[i][0] == '\0')
        continue;
      if (!up_parse_double (parts[i], &v, error))
        return NULL;
      g_array_append_val (values, v);
    }
  if (values->len == 0)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID, "expected one or more numbers");
      return NULL;
    }
  if (values->len > UP_SCHEDULE_MAX)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_INVALID,
                   "a schedule has at most %d values, not %u", UP_SCHEDULE_MAX, values->len);
      return NULL;
    }
  return up_schedule_new ((const double *) values->data, values->len);
}
