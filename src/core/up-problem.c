/* up-problem.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "up-problem.h"

void
up_problem_free (UpProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem->where);
  g_free (problem->path);
  g_free (problem);
}

GPtrArray *
up_problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) up_problem_free);
}

static void
add_problem (GPtrArray  *problems,
             UpSeverity  severity,
             int         line,
             int         column,
             char       *where,
             char       *path,
             char       *message)
{
  UpProblem *p = g_new0 (UpProblem, 1);

  p->severity = severity;
  p->line = line;
  p->column = column;
  p->where = where;
  p->path = path;
  p->message = message;
  g_ptr_array_add (problems, p);
}

void
up_problems_add_item (GPtrArray  *problems,
                      UpSeverity  severity,
                      UpItem     *item,
                      const char *path,
                      const char *format,
                      ...)
{
  va_list args;
  int line = 0, column = 0;
  char *message;

  if (problems == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (item != NULL)
    up_item_get_location (item, &line, &column);
  add_problem (problems, severity, line, column,
               item ? up_item_describe (item) : NULL, g_strdup (path), message);
}

void
up_problems_add (GPtrArray  *problems,
                 UpSeverity  severity,
                 int         line,
                 int         column,
                 const char *where,
                 const char *format,
                 ...)
{
  va_list args;
  char *message;

  if (problems == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (problems, severity, line, column, g_strdup (where), NULL, message);
}

guint
up_problems_count (GPtrArray  *problems,
                   UpSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (((UpProblem *) problems->pdata[i])->severity == severity)
      n++;
  return n;
}

char *
up_problem_format (const UpProblem *p,
                   const char      *filename)
{
  GString *s = g_string_new (NULL);

  if (filename != NULL)
    g_string_append_printf (s, "%s:", filename);
  if (p->line > 0)
    g_string_append_printf (s, "%d:%d:", p->line, MAX (p->column, 1));
  if (s->len > 0)
    g_string_append_c (s, ' ');
  g_string_append (s, p->severity == UP_SEVERITY_ERROR ? "error: " : "warning: ");
  g_string_append (s, p->message);
  if (p->where != NULL)
    g_string_append_printf (s, " (%s)", p->where);
  return g_string_free (s, FALSE);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const UpProblem *pa = *(UpProblem * const *) a;
  const UpProblem *pb = *(UpProblem * const *) b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  return 0;
}

void
up_problems_sort (GPtrArray *problems)
{
  gpointer *v = problems->pdata;

  /* Insertion sort: stable (g_ptr_array_sort is not), and problem lists are short. */
  for (guint i = 1; i < problems->len; i++)
    {
      gpointer x = v[i];
      guint j = i;

      while (j > 0 && compare_problems (&v[j - 1], &x) > 0)
        {
          v[j] = v[j - 1];
          j--;
        }
      v[j] = x;
    }
}
