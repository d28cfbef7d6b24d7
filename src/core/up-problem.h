/* up-problem.h: problems found in a plan, with where they are
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "up-item.h"

G_BEGIN_DECLS

typedef enum
{
  UP_SEVERITY_ERROR = 0,
  UP_SEVERITY_WARNING,
} UpSeverity;

typedef struct
{
  UpSeverity severity;
  char      *message;   /* one sentence, no trailing full stop, no location */
  char      *where;     /* element path ("/plan/options/option[2]") or object
                         * ("option “buy”"); may be NULL */
  char      *path;      /* parameter path when the problem is one number, else NULL */
  int        line;      /* 1-based; 0 when unknown */
  int        column;    /* 1-based; 0 when unknown */
} UpProblem;

void       up_problem_free      (UpProblem  *problem);
/* A new array of UpProblem that frees its elements. */
GPtrArray *up_problems_new      (void);
/* Adds a problem located at item (its file location and description). */
void       up_problems_add_item (GPtrArray  *problems,
                                 UpSeverity  severity,
                                 UpItem     *item,
                                 const char *path,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (5, 6);
void       up_problems_add      (GPtrArray  *problems,
                                 UpSeverity  severity,
                                 int         line,
                                 int         column,
                                 const char *where,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (6, 7);
guint      up_problems_count    (GPtrArray  *problems,
                                 UpSeverity  severity);
/* "file:line:column: error: message (where)" — the form the CLI prints. */
char      *up_problem_format    (const UpProblem *problem,
                                 const char      *filename);
/* Sorts by line, then column, keeping the order of equal ones. */
void       up_problems_sort     (GPtrArray  *problems);

G_END_DECLS
