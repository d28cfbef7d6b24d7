/* up-headline.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "up-format.h"
#include "up-headline.h"

typedef struct
{
  int    holder;
  double net;
} Saver;

static int
compare_savers (const void *a,
                const void *b)
{
  const Saver *sa = a, *sb = b;

  return sa->net < sb->net ? 1 : sa->net > sb->net ? -1 : sa->holder - sb->holder;
}

/* Joins clauses as "a, b, c, and d" with translatable separators. */
static char *
join_clauses (GPtrArray *clauses)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < clauses->len; i++)
    {
      if (i > 0 && i + 1 == clauses->len)
        /* translators: before the last clause of a headline, as in "…, and breaks even" */
        g_string_append (s, clauses->len == 2 ? _(" and ") : _(", and "));
      else if (i > 0)
        /* translators: between clauses of a headline */
        g_string_append (s, _(", "));
      g_string_append (s, clauses->pdata[i]);
    }
  return g_string_free (s, FALSE);
}

char *
up_headline (const UpModel   *model,
             const UpResults *r,
             int              o)
{
  const char *currency = up_model_get_currency (model);
  const char *name = up_model_get_option_name (model, o);
  const UpMetrics *mt = &r->metrics[o];
  int K = up_model_get_n_cycles (model), H = up_model_get_n_holders (model);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  g_autofree Saver *savers = g_new0 (Saver, MAX (H, 1));
  int n_savers = 0;

  if (name == NULL || *name == '\0')
    name = up_model_get_option_id (model, o);

  if (o == up_model_get_bau_index (model))
    {
      g_autofree char *pc = up_format_money_short (mt->public_cost, currency);
      g_autofree char *crisis = up_format_money_short (mt->crisis_cost, currency);

      /* translators: the headline of business as usual; %1$s is the option's name,
       * %2$s public money, %3$s the crisis part of it, %4$d years */
      return g_strdup_printf (ngettext ("%1$s: the public purse spends %2$s over %4$d year, "
                                        "%3$s of it on crisis.",
                                        "%1$s: the public purse spends %2$s over %4$d years, "
                                        "%3$s of it on crisis.", K),
                              name, pc, crisis, K);
    }

  /* What it costs */
  {
    g_autofree char *amount = up_format_money_short (fabs (mt->extra_delivery), currency);

    if (mt->extra_delivery > 0.5)
      g_ptr_array_add (clauses,
                       /* translators: %1$s money, %2$d years */
                       g_strdup_printf (ngettext ("costs %1$s more over %2$d year",
                                                  "costs %1$s more over %2$d years", K),
                                        amount, K));
    else if (mt->extra_delivery < -0.5)
      g_ptr_array_add (clauses,
                       g_strdup_printf (ngettext ("costs %1$s less over %2$d year",
                                                  "costs %1$s less over %2$d years", K),
                                        amount, K));
    else
      g_ptr_array_add (clauses, g_strdup (_("costs no more to deliver")));
  }

  /* Who saves: the two holders with the largest savings */
  for (int h = 0; h < H; h++)
    if (up_model_get_holder_public (model, h) && r->holder_savings[o * H + h] >= 0.5)
      {
        savers[n_savers].holder = h;
        savers[n_savers].net = r->holder_savings[o * H + h];
        n_savers++;
      }
  qsort (savers, n_savers, sizeof (Saver), compare_savers);
  if (n_savers > 0)
    {
      g_autofree char *first = up_format_money_short (savers[0].net, currency);

      if (n_savers == 1)
        /* translators: %1$s a budget holder, %2$s money */
        g_ptr_array_add (clauses, g_strdup_printf (_("saves %1$s %2$s"),
                                                   up_model_get_holder_name (model,
                                                                             savers[0].holder),
                                                   first));
      else
        {
          g_autofree char *second = up_format_money_short (savers[1].net, currency);

          /* translators: %1$s and %3$s are budget holders, %2$s and %4$s money */
          g_ptr_array_add (clauses,
                           g_strdup_printf (_("saves %1$s %2$s and %3$s %4$s"),
                                            up_model_get_holder_name (model, savers[0].holder),
                                            first,
                                            up_model_get_holder_name (model, savers[1].holder),
                                            second));
        }
    }
  else if (mt->gross_savings < -0.5)
    {
      g_autofree char *amount = up_format_money_short (-mt->gross_savings, currency);

      g_ptr_array_add (clauses, g_strdup_printf (_("adds %s to service costs"), amount));
    }

  /* Crisis episodes */
  {
    double avoided = up_round_significant (mt->crisis_episodes_avoided, 2);
    g_autofree char *count = up_format_number (fabs (avoided), 0);
    unsigned long n = (unsigned long) MIN (fabs (avoided), (double) G_MAXULONG);

    if (avoided >= 1)
      g_ptr_array_add (clauses, g_strdup_printf (ngettext ("avoids about %s crisis episode",
                                                           "avoids about %s crisis episodes",
                                                           n), count));
    else if (avoided <= -1)
      g_ptr_array_add (clauses, g_strdup_printf (ngettext ("adds about %s crisis episode",
                                                           "adds about %s crisis episodes",
                                                           n), count));
  }

  /* Break-even */
  if (mt->break_even_cycle > 0)
    g_ptr_array_add (clauses, g_strdup_printf (_("breaks even in %d"), mt->break_even_year));
  else
    g_ptr_array_add (clauses, g_strdup (_("does not break even within the horizon")));

  body = join_clauses (clauses);
  /* translators: %1$s an option's name, %2$s what it does ("costs … and breaks even …") */
  return g_strdup_printf (_("%1$s %2$s."), name, body);
}
