/* up-diff.c: what changed between two plans
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Objects are matched by id (transitions and effects by their from/to pair, cost lines
 * by cost item and occurrence), so renaming an object is a change of its name and
 * changing an id is a removal and an addition. Empty text and no text are the same
 * thing here: neither is written to the file's meaning.
 */

#define G_LOG_DOMAIN "up-diff"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "up-diff.h"
#include "up-util.h"

typedef struct
{
  GPtrArray *changes;
} Ctx;

/* ---- Changes ---------------------------------------------------------------------- */

static void
change_free (gpointer data)
{
  UpDiffChange *change = data;

  g_free (change->path);
  g_free (change->label);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

static void
result_free (gpointer data)
{
  UpDiffResult *result = data;

  g_free (result->option_id);
  g_free (result->option_name);
  g_free (result);
}

static void
add_change (Ctx        *ctx,
            UpDiffKind  kind,
            const char *path,
            const char *label,
            const char *old_value,
            const char *new_value)
{
  UpDiffChange *change = g_new0 (UpDiffChange, 1);

  change->kind = kind;
  change->path = g_strdup (path);
  change->label = g_strdup (label);
  change->old_value = g_strdup (old_value);
  change->new_value = g_strdup (new_value);
  g_ptr_array_add (ctx->changes, change);
}

const char *
up_diff_kind_to_string (UpDiffKind kind)
{
  switch (kind)
    {
    case UP_DIFF_ADDED: return "added";
    case UP_DIFF_REMOVED: return "removed";
    case UP_DIFF_CHANGED:
    default: return "changed";
    }
}

/* ---- Values as text --------------------------------------------------------------- */

static char *
number_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (up_format_double (buf, value));
}

static gboolean
same_number (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static const char *
bool_text (gboolean value)
{
  return value ? "true" : "false";
}

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static char *
label_for (const char *what,
           const char *field)
{
  /* translators: a thing in a plan and one of its fields, as in "Option “Buy”: Take-up" */
  return field != NULL ? g_strdup_printf (_("%1$s: %2$s"), what, field) : g_strdup (what);
}

static void
compare_text (Ctx        *ctx,
              const char *path,
              const char *what,
              const char *field,
              const char *a,
              const char *b)
{
  g_autofree char *label = NULL;

  a = nonempty (a);
  b = nonempty (b);
  if (g_strcmp0 (a, b) == 0)
    return;
  label = label_for (what, field);
  add_change (ctx, a == NULL ? UP_DIFF_ADDED : b == NULL ? UP_DIFF_REMOVED : UP_DIFF_CHANGED,
              path, label, a, b);
}

static void
compare_number (Ctx        *ctx,
                const char *path,
                const char *what,
                const char *field,
                double      a,
                double      b)
{
  g_autofree char *label = NULL;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (same_number (a, b))
    return;
  label = label_for (what, field);
  ta = number_text (a);
  tb = number_text (b);
  add_change (ctx, UP_DIFF_CHANGED, path, label, ta, tb);
}

static void
compare_bool (Ctx        *ctx,
              const char *path,
              const char *what,
              const char *field,
              gboolean    a,
              gboolean    b)
{
  g_autofree char *label = NULL;

  if (!a == !b)
    return;
  label = label_for (what, field);
  add_change (ctx, UP_DIFF_CHANGED, path, label, bool_text (a), bool_text (b));
}

static void
compare_keyword (Ctx        *ctx,
                 const char *path,
                 const char *what,
                 const char *field,
                 const char *a,
                 const char *b)
{
  g_autofree char *label = NULL;

  if (g_strcmp0 (a, b) == 0)
    return;
  label = label_for (what, field);
  add_change (ctx, UP_DIFF_CHANGED, path, label, a, b);
}

static void
compare_schedule (Ctx              *ctx,
                  const char       *path,
                  const char       *what,
                  const char       *field,
                  const UpSchedule *a,
                  const UpSchedule *b)
{
  g_autofree char *label = NULL;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (a == b || (a != NULL && b != NULL && up_schedule_equal (a, b)))
    return;
  label = label_for (what, field);
  ta = a != NULL ? up_schedule_to_string (a) : NULL;
  tb = b != NULL ? up_schedule_to_string (b) : NULL;
  add_change (ctx, ta == NULL ? UP_DIFF_ADDED : tb == NULL ? UP_DIFF_REMOVED : UP_DIFF_CHANGED,
              path, label, ta, tb);
}

/* Every numeric parameter of the class, in the class's order, except skip. */
static void
compare_numbers (Ctx        *ctx,
                 const char *prefix,
                 const char *what,
                 UpItem     *a,
                 UpItem     *b,
                 const char *skip)
{
  guint n;
  const UpNumberSpec *numbers = up_item_class_get_numbers (UP_ITEM_GET_CLASS (a), &n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;

      if (g_strcmp0 (numbers[i].key, skip) == 0)
        continue;
      path = g_strdup_printf ("%s/%s", prefix, numbers[i].key);
      compare_number (ctx, path, what, _(numbers[i].label),
                      up_item_get_number (a, &numbers[i]), up_item_get_number (b, &numbers[i]));
    }
}

/* Sorted union of two sorted string vectors (either may be NULL). */
static char **
union_keys (char **a,
            char **b)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  guint i = 0, j = 0;

  while ((a != NULL && a[i] != NULL) || (b != NULL && b[j] != NULL))
    {
      const char *ka = a != NULL ? a[i] : NULL;
      const char *kb = b != NULL ? b[j] : NULL;
      int cmp = ka == NULL ? 1 : kb == NULL ? -1 : strcmp (ka, kb);

      g_ptr_array_add (keys, g_strdup (cmp <= 0 ? ka : kb));
      if (cmp <= 0)
        i++;
      if (cmp >= 0)
        j++;
    }
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
}

/* ---- Collections ------------------------------------------------------------------ */

typedef char *(*KeyFunc)      (gpointer item);
typedef char *(*SummaryFunc)  (gpointer item);
typedef void  (*CompareFunc)  (Ctx      *ctx,
                               const char *path,
                               const char *what,
                               gpointer  a,
                               gpointer  b);

typedef struct
{
  const char  *section;     /* "state", path prefix of each object */
  const char  *order_path;  /* "states", or NULL when order carries no meaning */
  const char  *order_label; /* translated */
  KeyFunc      key;
  SummaryFunc  summary;     /* value of an added or removed object */
  char      *(*what) (gpointer item);  /* "State “High need”" */
  CompareFunc  compare;
} StoreDiff;

static char *
item_key (gpointer item)
{
  return g_strdup (up_item_get_id (UP_ITEM (item)));
}

static const char *
item_title (gpointer item)
{
  const char *name = nonempty (up_item_get_name (UP_ITEM (item)));

  return name != NULL ? name : up_item_get_id (UP_ITEM (item));
}

static char *
item_summary (gpointer item)
{
  return g_strdup (item_title (item));
}

/* Index of the item with key in store from 0, or -1. */
static int
find_key (GListModel *store,
          KeyFunc     key,
          const char *wanted)
{
  guint n = g_list_model_get_n_items (store);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (store, i);
      g_autofree char *k = key (item);

      if (g_strcmp0 (k, wanted) == 0)
        return i;
    }
  return -1;
}

static void
diff_store (Ctx             *ctx,
            const StoreDiff *sd,
            GListModel      *a,
            GListModel      *b)
{
  guint na = g_list_model_get_n_items (a), nb = g_list_model_get_n_items (b);

  /* Order of the objects both plans have. */
  if (sd->order_path != NULL)
    {
      g_autoptr(GString) oa = g_string_new (NULL);
      g_autoptr(GString) ob = g_string_new (NULL);
      GListModel *stores[2] = { a, b };
      GListModel *others[2] = { b, a };
      GString *texts[2] = { oa, ob };

      for (guint s = 0; s < 2; s++)
        for (guint i = 0; i < g_list_model_get_n_items (stores[s]); i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (stores[s], i);
            g_autofree char *k = sd->key (item);

            if (find_key (others[s], sd->key, k) < 0)
              continue;
            if (texts[s]->len > 0)
              g_string_append (texts[s], ", ");
            g_string_append (texts[s], k);
          }
      if (strcmp (oa->str, ob->str) != 0)
        add_change (ctx, UP_DIFF_CHANGED, sd->order_path, sd->order_label, oa->str, ob->str);
    }

  for (guint i = 0; i < na; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (a, i);
      g_autofree char *k = sd->key (item);
      g_autofree char *path = g_strdup_printf ("%s/%s", sd->section, k);
      int j = find_key (b, sd->key, k);

      if (j < 0)
        {
          g_autofree char *what = sd->what (item);
          g_autofree char *value = sd->summary (item);

          add_change (ctx, UP_DIFF_REMOVED, path, what, value, NULL);
        }
      else
        {
          g_autoptr(GObject) other = g_list_model_get_item (b, j);
          g_autofree char *what = sd->what (other);

          sd->compare (ctx, path, what, item, other);
        }
    }
  for (guint j = 0; j < nb; j++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (b, j);
      g_autofree char *k = sd->key (item);

      if (find_key (a, sd->key, k) < 0)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s", sd->section, k);
          g_autofree char *what = sd->what (item);
          g_autofree char *value = sd->summary (item);

          add_change (ctx, UP_DIFF_ADDED, path, what, NULL, value);
        }
    }
}

/* ---- Plan ------------------------------------------------------------------------- */

static void
diff_plan_settings (Ctx    *ctx,
                    UpPlan *a,
                    UpPlan *b)
{
  const char *what = _("Plan");
  UpItem *ia = UP_ITEM (a), *ib = UP_ITEM (b);
  /* The order of the settings element in the file. */
  static const char *numbers_before[] = { "start-year", "horizon", "price-base-year" };

  compare_text (ctx, "plan/title", what, _("Title"),
                up_item_get_name (ia), up_item_get_name (ib));
  compare_text (ctx, "plan/place", what, _("Place"),
                up_plan_get_place (a), up_plan_get_place (b));
  compare_text (ctx, "plan/author", what, _("Author"),
                up_plan_get_author (a), up_plan_get_author (b));
  compare_text (ctx, "plan/description", what, _("Description"),
                up_plan_get_description (a), up_plan_get_description (b));
  compare_text (ctx, "plan/notes", what, _("Notes"),
                up_plan_get_notes (a), up_plan_get_notes (b));
  compare_text (ctx, "plan/currency", what, _("Currency"),
                up_plan_get_currency (a), up_plan_get_currency (b));
  for (guint i = 0; i < G_N_ELEMENTS (numbers_before); i++)
    {
      const UpNumberSpec *spec = up_item_find_number (ia, numbers_before[i]);
      g_autofree char *path = g_strdup_printf ("plan/%s", spec->key);

      compare_number (ctx, path, what, _(spec->label),
                      up_item_get_number (ia, spec), up_item_get_number (ib, spec));
    }
  compare_keyword (ctx, "plan/counting", what, _("Counting"),
                   up_counting_to_string (up_plan_get_counting (a)),
                   up_counting_to_string (up_plan_get_counting (b)));
  compare_keyword (ctx, "plan/discount-costs", what, _("Discounting of costs"),
                   up_discount_to_string (up_plan_get_discount_costs (a)),
                   up_discount_to_string (up_plan_get_discount_costs (b)));
  compare_number (ctx, "plan/discount-costs-rate", what, _("Discount rate for costs"),
                  up_item_get_number (ia, up_item_find_number (ia, "discount-costs-rate")),
                  up_item_get_number (ib, up_item_find_number (ib, "discount-costs-rate")));
  compare_keyword (ctx, "plan/discount-outcomes", what, _("Discounting of outcomes"),
                   up_discount_to_string (up_plan_get_discount_outcomes (a)),
                   up_discount_to_string (up_plan_get_discount_outcomes (b)));
  compare_number (ctx, "plan/discount-outcomes-rate", what, _("Discount rate for outcomes"),
                  up_item_get_number (ia, up_item_find_number (ia, "discount-outcomes-rate")),
                  up_item_get_number (ib, up_item_find_number (ib, "discount-outcomes-rate")));
  compare_bool (ctx, "plan/discount-first-cycle", what, _("First cycle discounted"),
                up_plan_get_discount_first_cycle (a), up_plan_get_discount_first_cycle (b));
  /* cohort-size and any number added later, in the class's order */
  {
    guint n;
    const UpNumberSpec *numbers = up_item_class_get_numbers (UP_ITEM_GET_CLASS (ia), &n);

    for (guint i = 0; i < n; i++)
      {
        const char *key = numbers[i].key;
        g_autofree char *path = NULL;
        gboolean done = g_str_has_prefix (key, "discount-");

        for (guint j = 0; j < G_N_ELEMENTS (numbers_before); j++)
          done = done || strcmp (key, numbers_before[j]) == 0;
        if (done)
          continue;
        path = g_strdup_printf ("plan/%s", key);
        compare_number (ctx, path, what, _(numbers[i].label),
                        up_item_get_number (ia, &numbers[i]),
                        up_item_get_number (ib, &numbers[i]));
      }
  }
  compare_schedule (ctx, "plan/inflow", what, _("Inflow"),
                    up_plan_get_inflow (a), up_plan_get_inflow (b));
}

static void
diff_price_index (Ctx    *ctx,
                  UpPlan *a,
                  UpPlan *b)
{
  const int *ya, *yb;
  const double *va, *vb;
  guint na = up_plan_get_price_index (a, &ya, &va);
  guint nb = up_plan_get_price_index (b, &yb, &vb);
  guint i = 0, j = 0;

  /* Both tables are sorted by year. */
  while (i < na || j < nb)
    {
      int year = i < na && (j >= nb || ya[i] <= yb[j]) ? ya[i] : yb[j];
      g_autofree char *path = g_strdup_printf ("price-index/%d", year);
      /* translators: %d is a year */
      g_autofree char *label = g_strdup_printf (_("Price index: %d"), year);
      gboolean in_a = i < na && ya[i] == year, in_b = j < nb && yb[j] == year;
      g_autofree char *ta = in_a ? number_text (va[i]) : NULL;
      g_autofree char *tb = in_b ? number_text (vb[j]) : NULL;

      if (in_a && in_b)
        {
          if (!same_number (va[i], vb[j]))
            add_change (ctx, UP_DIFF_CHANGED, path, label, ta, tb);
        }
      else
        add_change (ctx, in_a ? UP_DIFF_REMOVED : UP_DIFF_ADDED, path, label, ta, tb);
      if (in_a)
        i++;
      if (in_b)
        j++;
    }
}

/* ---- Holders, cost items, measures ------------------------------------------------ */

static char *
holder_what (gpointer item)
{
  /* translators: %s is the name of a budget holder */
  return g_strdup_printf (_("Budget holder “%s”"), item_title (item));
}

static void
holder_compare (Ctx        *ctx,
                const char *path,
                const char *what,
                gpointer    pa,
                gpointer    pb)
{
  UpBudgetHolder *a = pa, *b = pb;
  g_autofree char *p_name = g_strconcat (path, "/name", NULL);
  g_autofree char *p_colour = g_strconcat (path, "/colour", NULL);
  g_autofree char *p_public = g_strconcat (path, "/public", NULL);
  g_autofree char *p_pooled = g_strconcat (path, "/pooled", NULL);

  compare_text (ctx, p_name, what, _("Name"),
                up_item_get_name (UP_ITEM (a)), up_item_get_name (UP_ITEM (b)));
  compare_text (ctx, p_colour, what, _("Colour"),
                up_budget_holder_get_colour (a), up_budget_holder_get_colour (b));
  compare_bool (ctx, p_public, what, _("Public body"),
                up_budget_holder_get_public (a), up_budget_holder_get_public (b));
  compare_bool (ctx, p_pooled, what, _("In the pooled budget"),
                up_budget_holder_get_pooled (a), up_budget_holder_get_pooled (b));
}

static char *
cost_item_what (gpointer item)
{
  /* translators: %s is the name of a cost item */
  return g_strdup_printf (_("Cost item “%s”"), item_title (item));
}

static void
cost_item_compare (Ctx        *ctx,
                   const char *path,
                   const char *what,
                   gpointer    pa,
                   gpointer    pb)
{
  UpCostItem *a = pa, *b = pb;
  g_autofree char *p_name = g_strconcat (path, "/name", NULL);
  g_autofree char *p_unit = g_strconcat (path, "/unit", NULL);
  g_autofree char *p_holder = g_strconcat (path, "/holder", NULL);
  g_autofree char *p_category = g_strconcat (path, "/category", NULL);
  g_autofree char *p_source = g_strconcat (path, "/source", NULL);

  compare_text (ctx, p_name, what, _("Name"),
                up_item_get_name (UP_ITEM (a)), up_item_get_name (UP_ITEM (b)));
  compare_text (ctx, p_unit, what, _("Unit"),
                up_cost_item_get_unit (a), up_cost_item_get_unit (b));
  compare_numbers (ctx, path, what, UP_ITEM (a), UP_ITEM (b), NULL);
  compare_text (ctx, p_holder, what, _("Budget holder"),
                up_cost_item_get_holder (a), up_cost_item_get_holder (b));
  compare_text (ctx, p_category, what, _("Category"),
                up_cost_item_get_category (a), up_cost_item_get_category (b));
  compare_text (ctx, p_source, what, _("Source"),
                up_cost_item_get_source (a), up_cost_item_get_source (b));
}

static char *
measure_what (gpointer item)
{
  /* translators: %s is the name of an outcome measure */
  return g_strdup_printf (_("Outcome measure “%s”"), item_title (item));
}

static void
measure_compare (Ctx        *ctx,
                 const char *path,
                 const char *what,
                 gpointer    pa,
                 gpointer    pb)
{
  UpMeasure *a = pa, *b = pb;
  g_autofree char *p_name = g_strconcat (path, "/name", NULL);
  g_autofree char *p_unit = g_strconcat (path, "/unit", NULL);
  g_autofree char *p_counting = g_strconcat (path, "/counting", NULL);
  UpCounting ca = up_measure_get_counting (a), cb = up_measure_get_counting (b);

  compare_text (ctx, p_name, what, _("Name"),
                up_item_get_name (UP_ITEM (a)), up_item_get_name (UP_ITEM (b)));
  compare_text (ctx, p_unit, what, _("Unit"),
                up_measure_get_unit (a), up_measure_get_unit (b));
  compare_numbers (ctx, path, what, UP_ITEM (a), UP_ITEM (b), NULL);
  compare_keyword (ctx, p_counting, what, _("Counting"),
                   ca == UP_COUNTING_INHERIT ? "plan" : up_counting_to_string (ca),
                   cb == UP_COUNTING_INHERIT ? "plan" : up_counting_to_string (cb));
}

/* ---- States ----------------------------------------------------------------------- */

/* A cost line's key: its cost item, and "[n]" for the n-th line of the same item. */
static char *
line_key (GListModel *store,
          guint       index)
{
  g_autoptr(UpCostLine) line = g_list_model_get_item (store, index);
  const char *item = up_cost_line_get_item (line);
  guint occurrence = 1;

  for (guint i = 0; i < index; i++)
    {
      g_autoptr(UpCostLine) before = g_list_model_get_item (store, i);

      if (g_strcmp0 (up_cost_line_get_item (before), item) == 0)
        occurrence++;
    }
  if (occurrence == 1)
    return g_strdup (item);
  return g_strdup_printf ("%s[%u]", item, occurrence);
}

static char *
line_summary (UpCostLine *line)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *holder = nonempty (up_cost_line_get_holder (line));
  double quantity = up_item_get_number (UP_ITEM (line),
                                        up_item_find_number (UP_ITEM (line), "quantity"));

  up_format_double (buf, quantity);
  if (holder != NULL)
    return g_strdup_printf ("%s, holder %s", buf, holder);
  return g_strdup (buf);
}

static int
find_line (GListModel *store,
           const char *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autofree char *k = line_key (store, i);

      if (strcmp (k, key) == 0)
        return i;
    }
  return -1;
}

static void
diff_lines (Ctx        *ctx,
            const char *state_path,
            const char *what,
            const char *kind,
            const char *kind_label,
            GListModel *a,
            GListModel *b)
{
  guint na = g_list_model_get_n_items (a), nb = g_list_model_get_n_items (b);

  for (guint i = 0; i < na; i++)
    {
      g_autoptr(UpCostLine) la = g_list_model_get_item (a, i);
      g_autofree char *key = line_key (a, i);
      g_autofree char *path = g_strdup_printf ("%s/%s/%s", state_path, kind, key);
      /* translators: %1$s "Service use" or "Entry cost", %2$s a cost item id */
      g_autofree char *field = g_strdup_printf (_("%1$s of %2$s"), kind_label, key);
      g_autofree char *label = label_for (what, field);
      int j = find_line (b, key);

      if (j < 0)
        {
          g_autofree char *value = line_summary (la);

          add_change (ctx, UP_DIFF_REMOVED, path, label, value, NULL);
        }
      else
        {
          g_autoptr(UpCostLine) lb = g_list_model_get_item (b, j);
          g_autofree char *p_holder = g_strconcat (path, "/holder", NULL);
          g_autofree char *holder_field =
            /* translators: %s is a field such as "Service use of gp" */
            g_strdup_printf (_("%s, budget holder"), field);

          compare_numbers (ctx, path, label, UP_ITEM (la), UP_ITEM (lb), "quantity");
          compare_number (ctx, path, what, field,
                          up_item_get_number (UP_ITEM (la),
                                              up_item_find_number (UP_ITEM (la), "quantity")),
                          up_item_get_number (UP_ITEM (lb),
                                              up_item_find_number (UP_ITEM (lb), "quantity")));
          compare_text (ctx, p_holder, what, holder_field,
                        up_cost_line_get_holder (la), up_cost_line_get_holder (lb));
        }
    }
  for (guint j = 0; j < nb; j++)
    {
      g_autofree char *key = line_key (b, j);

      if (find_line (a, key) < 0)
        {
          g_autoptr(UpCostLine) lb = g_list_model_get_item (b, j);
          g_autofree char *path = g_strdup_printf ("%s/%s/%s", state_path, kind, key);
          g_autofree char *field = g_strdup_printf (_("%1$s of %2$s"), kind_label, key);
          g_autofree char *label = label_for (what, field);
          g_autofree char *value = line_summary (lb);

          add_change (ctx, UP_DIFF_ADDED, path, label, NULL, value);
        }
    }
}

static char *
state_what (gpointer item)
{
  /* translators: %s is the name of a state */
  return g_strdup_printf (_("State “%s”"), item_title (item));
}

static void
state_compare (Ctx        *ctx,
               const char *path,
               const char *what,
               gpointer    pa,
               gpointer    pb)
{
  UpState *a = pa, *b = pb;
  g_autofree char *p_name = g_strconcat (path, "/name", NULL);
  g_autofree char *p_colour = g_strconcat (path, "/colour", NULL);
  g_autofree char *p_crisis = g_strconcat (path, "/crisis", NULL);
  g_auto(GStrv) wa = up_state_list_weights (a);
  g_auto(GStrv) wb = up_state_list_weights (b);
  g_auto(GStrv) measures = union_keys (wa, wb);

  compare_text (ctx, p_name, what, _("Name"),
                up_item_get_name (UP_ITEM (a)), up_item_get_name (UP_ITEM (b)));
  compare_text (ctx, p_colour, what, _("Colour"),
                up_state_get_colour (a), up_state_get_colour (b));
  compare_bool (ctx, p_crisis, what, _("Crisis state"),
                up_state_get_crisis (a), up_state_get_crisis (b));
  compare_numbers (ctx, path, what, UP_ITEM (a), UP_ITEM (b), NULL);
  diff_lines (ctx, path, what, "use", _("Service use"),
              G_LIST_MODEL (up_state_get_use (a)), G_LIST_MODEL (up_state_get_use (b)));
  diff_lines (ctx, path, what, "entry", _("Entry cost"),
              G_LIST_MODEL (up_state_get_entry (a)), G_LIST_MODEL (up_state_get_entry (b)));
  for (guint i = 0; measures[i] != NULL; i++)
    {
      g_autofree char *p = g_strdup_printf ("%s/weight/%s", path, measures[i]);
      /* translators: %s is an outcome measure id */
      g_autofree char *field = g_strdup_printf (_("Weight for %s"), measures[i]);

      compare_schedule (ctx, p, what, field,
                        up_state_get_weight (a, measures[i]),
                        up_state_get_weight (b, measures[i]));
    }
}

/* ---- Transitions ------------------------------------------------------------------ */

static char *
transition_key (gpointer item)
{
  return g_strdup_printf ("%s/%s", up_transition_get_from (item), up_transition_get_to (item));
}

static char *
transition_summary (gpointer item)
{
  return up_schedule_to_string (up_transition_get_value (item));
}

static char *
transition_what (gpointer item)
{
  /* translators: a baseline transition between two states (ids) */
  return g_strdup_printf (_("Transition %s → %s"),
                          up_transition_get_from (item), up_transition_get_to (item));
}

static void
transition_compare (Ctx        *ctx,
                    const char *path,
                    const char *what,
                    gpointer    a,
                    gpointer    b)
{
  compare_schedule (ctx, path, what, NULL,
                    up_transition_get_value (a), up_transition_get_value (b));
}

/* ---- Options ---------------------------------------------------------------------- */

static char *
effect_text (UpEffect *effect)
{
  g_autofree char *value = up_schedule_to_string (up_effect_get_value (effect));

  return g_strdup_printf ("%s %s", up_effect_kind_to_string (up_effect_get_kind (effect)),
                          value);
}

static void
diff_effects (Ctx        *ctx,
              const char *option_path,
              const char *what,
              UpOption   *a,
              UpOption   *b)
{
  GListModel *ea = G_LIST_MODEL (up_option_get_effects (a));
  GListModel *eb = G_LIST_MODEL (up_option_get_effects (b));

  for (guint i = 0; i < g_list_model_get_n_items (ea); i++)
    {
      g_autoptr(UpEffect) e = g_list_model_get_item (ea, i);
      const char *from = up_effect_get_from (e), *to = up_effect_get_to (e);
      UpEffect *other = up_option_find_effect (b, from, to);
      g_autofree char *path = g_strdup_printf ("%s/effect/%s/%s", option_path, from, to);
      /* translators: an effect of an option on the move between two states (ids) */
      g_autofree char *field = g_strdup_printf (_("Effect on %s → %s"), from, to);
      g_autofree char *label = label_for (what, field);
      g_autofree char *ta = effect_text (e);
      g_autofree char *tb = other != NULL ? effect_text (other) : NULL;

      if (other == NULL)
        add_change (ctx, UP_DIFF_REMOVED, path, label, ta, NULL);
      else if (strcmp (ta, tb) != 0)
        add_change (ctx, UP_DIFF_CHANGED, path, label, ta, tb);
    }
  for (guint i = 0; i < g_list_model_get_n_items (eb); i++)
    {
      g_autoptr(UpEffect) e = g_list_model_get_item (eb, i);
      const char *from = up_effect_get_from (e), *to = up_effect_get_to (e);

      if (up_option_find_effect (a, from, to) == NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s/effect/%s/%s", option_path, from, to);
          g_autofree char *field = g_strdup_printf (_("Effect on %s → %s"), from, to);
          g_autofree char *label = label_for (what, field);
          g_autofree char *tb = effect_text (e);

          add_change (ctx, UP_DIFF_ADDED, path, label, NULL, tb);
        }
    }
}

static void
diff_one_offs (Ctx        *ctx,
               const char *option_path,
               const char *what,
               UpOption   *a,
               UpOption   *b)
{
  g_autofree int *ca = NULL, *cb = NULL;
  g_autofree double *va = NULL, *vb = NULL;
  guint na = up_option_list_one_offs (a, &ca, &va);
  guint nb = up_option_list_one_offs (b, &cb, &vb);
  guint i = 0, j = 0;

  while (i < na || j < nb)
    {
      int cycle = i < na && (j >= nb || ca[i] <= cb[j]) ? ca[i] : cb[j];
      gboolean in_a = i < na && ca[i] == cycle, in_b = j < nb && cb[j] == cycle;
      g_autofree char *path = g_strdup_printf ("%s/one-off/%d", option_path, cycle);
      /* translators: %d is a cycle number */
      g_autofree char *field = g_strdup_printf (_("One-off cost in cycle %d"), cycle);
      g_autofree char *label = label_for (what, field);
      g_autofree char *ta = in_a ? number_text (va[i]) : NULL;
      g_autofree char *tb = in_b ? number_text (vb[j]) : NULL;

      if (in_a && in_b)
        {
          if (!same_number (va[i], vb[j]))
            add_change (ctx, UP_DIFF_CHANGED, path, label, ta, tb);
        }
      else
        add_change (ctx, in_a ? UP_DIFF_REMOVED : UP_DIFF_ADDED, path, label, ta, tb);
      if (in_a)
        i++;
      if (in_b)
        j++;
    }
}

static void
diff_funding (Ctx        *ctx,
              const char *option_path,
              const char *what,
              UpOption   *a,
              UpOption   *b)
{
  g_auto(GStrv) ka = up_option_list_funding (a);
  g_auto(GStrv) kb = up_option_list_funding (b);
  g_auto(GStrv) keys = union_keys (ka, kb);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      gboolean in_a = up_option_has_funding (a, keys[i]);
      gboolean in_b = up_option_has_funding (b, keys[i]);
      double va = up_option_get_funding (a, keys[i]), vb = up_option_get_funding (b, keys[i]);
      g_autofree char *path = g_strdup_printf ("%s/funding/%s", option_path, keys[i]);
      /* translators: %s is a budget holder id */
      g_autofree char *field = g_strdup_printf (_("Funding share of %s"), keys[i]);
      g_autofree char *label = label_for (what, field);
      g_autofree char *ta = in_a ? number_text (va) : NULL;
      g_autofree char *tb = in_b ? number_text (vb) : NULL;

      if (in_a && in_b)
        {
          if (!same_number (va, vb))
            add_change (ctx, UP_DIFF_CHANGED, path, label, ta, tb);
        }
      else
        add_change (ctx, in_a ? UP_DIFF_REMOVED : UP_DIFF_ADDED, path, label, ta, tb);
    }
}

static void
diff_eligible (Ctx        *ctx,
               const char *option_path,
               const char *what,
               UpOption   *a,
               UpOption   *b)
{
  const char * const *ea = up_option_get_eligible (a);
  const char * const *eb = up_option_get_eligible (b);

  /* The order of eligible states carries no meaning. */
  for (guint i = 0; ea[i] != NULL; i++)
    if (!up_option_is_eligible (b, ea[i]))
      {
        g_autofree char *path = g_strdup_printf ("%s/eligible/%s", option_path, ea[i]);
        /* translators: %s is a state id */
        g_autofree char *field = g_strdup_printf (_("Eligible state %s"), ea[i]);
        g_autofree char *label = label_for (what, field);

        add_change (ctx, UP_DIFF_REMOVED, path, label, ea[i], NULL);
      }
  for (guint i = 0; eb[i] != NULL; i++)
    if (!up_option_is_eligible (a, eb[i]))
      {
        g_autofree char *path = g_strdup_printf ("%s/eligible/%s", option_path, eb[i]);
        g_autofree char *field = g_strdup_printf (_("Eligible state %s"), eb[i]);
        g_autofree char *label = label_for (what, field);

        add_change (ctx, UP_DIFF_ADDED, path, label, NULL, eb[i]);
      }
}

static void
diff_scores (Ctx        *ctx,
             const char *option_path,
             const char *what,
             UpOption   *a,
             UpOption   *b)
{
  g_auto(GStrv) ka = up_option_list_scores (a);
  g_auto(GStrv) kb = up_option_list_scores (b);
  g_auto(GStrv) keys = union_keys (ka, kb);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      gboolean in_a = FALSE, in_b = FALSE;
      double va = up_option_get_score (a, keys[i], &in_a);
      double vb = up_option_get_score (b, keys[i], &in_b);
      g_autofree char *path = g_strdup_printf ("%s/score/%s", option_path, keys[i]);
      /* translators: %s is a criterion of a qualitative score */
      g_autofree char *field = g_strdup_printf (_("Score for %s"), keys[i]);
      g_autofree char *label = label_for (what, field);
      g_autofree char *ta = in_a ? number_text (va) : NULL;
      g_autofree char *tb = in_b ? number_text (vb) : NULL;

      if (in_a && in_b)
        {
          if (!same_number (va, vb))
            add_change (ctx, UP_DIFF_CHANGED, path, label, ta, tb);
        }
      else
        add_change (ctx, in_a ? UP_DIFF_REMOVED : UP_DIFF_ADDED, path, label, ta, tb);
    }
}

static char *
option_what (gpointer item)
{
  /* translators: %s is the name of an option */
  return g_strdup_printf (_("Option “%s”"), item_title (item));
}

static void
option_compare (Ctx        *ctx,
                const char *path,
                const char *what,
                gpointer    pa,
                gpointer    pb)
{
  UpOption *a = pa, *b = pb;
  UpItem *ia = UP_ITEM (a), *ib = UP_ITEM (b);
  const UpNumberSpec *capacity = up_item_find_number (ia, "capacity");
  g_autofree char *p_name = g_strconcat (path, "/name", NULL);
  g_autofree char *p_kind = g_strconcat (path, "/kind", NULL);
  g_autofree char *p_notes = g_strconcat (path, "/notes", NULL);
  guint n;
  const UpNumberSpec *numbers = up_item_class_get_numbers (UP_ITEM_GET_CLASS (ia), &n);

  compare_text (ctx, p_name, what, _("Name"), up_item_get_name (ia), up_item_get_name (ib));
  compare_keyword (ctx, p_kind, what, _("Kind"),
                   up_option_kind_to_string (up_option_get_kind (a)),
                   up_option_kind_to_string (up_option_get_kind (b)));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *p = g_strdup_printf ("%s/%s", path, numbers[i].key);

      if (&numbers[i] != capacity)
        {
          compare_number (ctx, p, what, _(numbers[i].label),
                          up_item_get_number (ia, &numbers[i]),
                          up_item_get_number (ib, &numbers[i]));
          continue;
        }
      /* Capacity exists only with a limit: no limit is no value (unlimited). */
      {
        gboolean ha = up_option_get_has_capacity (a), hb = up_option_get_has_capacity (b);
        double va = up_item_get_number (ia, capacity), vb = up_item_get_number (ib, capacity);
        g_autofree char *label = label_for (what, _(capacity->label));
        g_autofree char *ta = ha ? number_text (va) : NULL;
        g_autofree char *tb = hb ? number_text (vb) : NULL;

        if (ha && hb)
          {
            if (!same_number (va, vb))
              add_change (ctx, UP_DIFF_CHANGED, p, label, ta, tb);
          }
        else if (ha || hb)
          add_change (ctx, ha ? UP_DIFF_REMOVED : UP_DIFF_ADDED, p, label, ta, tb);
      }
    }
  compare_text (ctx, p_notes, what, _("Notes"), up_option_get_notes (a), up_option_get_notes (b));
  diff_one_offs (ctx, path, what, a, b);
  diff_funding (ctx, path, what, a, b);
  diff_eligible (ctx, path, what, a, b);
  diff_effects (ctx, path, what, a, b);
  diff_scores (ctx, path, what, a, b);
}

/* ---- Scenarios and uncertainty ---------------------------------------------------- */

static char *
scenario_what (gpointer item)
{
  /* translators: %s is the name of a scenario */
  return g_strdup_printf (_("Scenario “%s”"), item_title (item));
}

static void
scenario_compare (Ctx        *ctx,
                  const char *path,
                  const char *what,
                  gpointer    pa,
                  gpointer    pb)
{
  UpScenario *a = pa, *b = pb;
  g_autofree char *p_name = g_strconcat (path, "/name", NULL);
  g_auto(GStrv) ka = up_scenario_list_overrides (a);
  g_auto(GStrv) kb = up_scenario_list_overrides (b);
  g_auto(GStrv) keys = union_keys (ka, kb);

  compare_text (ctx, p_name, what, _("Name"),
                up_item_get_name (UP_ITEM (a)), up_item_get_name (UP_ITEM (b)));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      double va = 0, vb = 0;
      gboolean in_a = up_scenario_get_override (a, keys[i], &va);
      gboolean in_b = up_scenario_get_override (b, keys[i], &vb);
      g_autofree char *p = g_strdup_printf ("%s/set/%s", path, keys[i]);
      g_autofree char *label = label_for (what, keys[i]);
      g_autofree char *ta = in_a ? number_text (va) : NULL;
      g_autofree char *tb = in_b ? number_text (vb) : NULL;

      if (in_a && in_b)
        {
          if (!same_number (va, vb))
            add_change (ctx, UP_DIFF_CHANGED, p, label, ta, tb);
        }
      else
        add_change (ctx, in_a ? UP_DIFF_REMOVED : UP_DIFF_ADDED, p, label, ta, tb);
    }
}

static char *
distribution_text (const UpDistribution *dist)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

  if (dist == NULL)
    return NULL;
  up_format_double (a, dist->a);
  up_format_double (b, dist->b);
  if (dist->kind == UP_DIST_TRIANGULAR)
    return g_strdup_printf ("%s %s %s %s", up_dist_kind_to_string (dist->kind), a, b,
                            up_format_double (c, dist->c));
  return g_strdup_printf ("%s %s %s", up_dist_kind_to_string (dist->kind), a, b);
}

static void
diff_distributions (Ctx    *ctx,
                    UpPlan *a,
                    UpPlan *b)
{
  g_auto(GStrv) ka = up_plan_list_distributions (a);
  g_auto(GStrv) kb = up_plan_list_distributions (b);
  g_auto(GStrv) keys = union_keys (ka, kb);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *ta = distribution_text (up_plan_get_distribution (a, keys[i]));
      g_autofree char *tb = distribution_text (up_plan_get_distribution (b, keys[i]));
      g_autofree char *path = g_strdup_printf ("distribution/%s", keys[i]);
      /* translators: %s is a parameter path */
      g_autofree char *label = g_strdup_printf (_("Uncertainty of %s"), keys[i]);

      if (g_strcmp0 (ta, tb) != 0)
        add_change (ctx, ta == NULL ? UP_DIFF_ADDED : tb == NULL ? UP_DIFF_REMOVED
                                                                 : UP_DIFF_CHANGED,
                    path, label, ta, tb);
    }
}

/* ---- Results ---------------------------------------------------------------------- */

static UpResults *
project (UpPlan   *plan,
         UpModel **model,
         char    **error_text)
{
  g_autoptr(GError) error = NULL;

  *model = up_model_compile (plan, NULL, NULL, &error);
  if (*model == NULL)
    {
      *error_text = g_strdup (error != NULL ? error->message : _("the plan could not be compiled"));
      return NULL;
    }
  return up_model_project (*model);
}

static void
diff_results (UpDiff *diff,
              UpPlan *a,
              UpPlan *b)
{
  g_autoptr(UpModel) ma = NULL;
  g_autoptr(UpModel) mb = NULL;
  g_autoptr(UpResults) ra = project (a, &ma, &diff->old_error);
  g_autoptr(UpResults) rb = project (b, &mb, &diff->new_error);

  if (ra == NULL || rb == NULL)
    return;
  for (int ob = 0; ob < up_model_get_n_options (mb); ob++)
    {
      const char *id = up_model_get_option_id (mb, ob);
      const char *name = up_model_get_option_name (mb, ob);
      const UpMetrics *new_m = &rb->metrics[ob];
      const UpMetrics *old_m = NULL;
      UpDiffResult *result;

      for (int oa = 0; oa < up_model_get_n_options (ma); oa++)
        if (g_strcmp0 (up_model_get_option_id (ma, oa), id) == 0)
          old_m = &ra->metrics[oa];
      if (old_m == NULL)
        continue;
      result = g_new0 (UpDiffResult, 1);
      result->option_id = g_strdup (id);
      result->option_name = g_strdup (nonempty (name) != NULL ? name : id);
      result->is_bau = ob == up_model_get_bau_index (mb);
      result->old_npbi = old_m->npbi;
      result->new_npbi = new_m->npbi;
      result->old_break_even_year = old_m->break_even_cycle > 0 ? old_m->break_even_year : 0;
      result->new_break_even_year = new_m->break_even_cycle > 0 ? new_m->break_even_year : 0;
      result->old_episodes_avoided = old_m->crisis_episodes_avoided;
      result->new_episodes_avoided = new_m->crisis_episodes_avoided;
      result->old_public_cost = old_m->public_cost;
      result->new_public_cost = new_m->public_cost;
      result->changed = !same_number (result->old_npbi, result->new_npbi) ||
                        result->old_break_even_year != result->new_break_even_year ||
                        !same_number (result->old_episodes_avoided,
                                      result->new_episodes_avoided) ||
                        !same_number (result->old_public_cost, result->new_public_cost);
      g_ptr_array_add (diff->results, result);
    }
}

/* ---- Public API ------------------------------------------------------------------- */

UpDiff *
up_plan_diff (UpPlan *old_plan,
              UpPlan *new_plan)
{
  UpDiff *diff;
  Ctx ctx;
  const StoreDiff holders = {
    "holder", "holders", _("Order of budget holders"),
    item_key, item_summary, holder_what, holder_compare
  };
  const StoreDiff cost_items = {
    "cost-item", "cost-items", _("Order of cost items"),
    item_key, item_summary, cost_item_what, cost_item_compare
  };
  const StoreDiff measures = {
    "measure", "measures", _("Order of outcome measures"),
    item_key, item_summary, measure_what, measure_compare
  };
  const StoreDiff states = {
    "state", "states", _("Order of states"),
    item_key, item_summary, state_what, state_compare
  };
  /* The order of transitions is only the order they are written in. */
  const StoreDiff transitions = {
    "transition", NULL, NULL,
    transition_key, transition_summary, transition_what, transition_compare
  };
  const StoreDiff options = {
    "option", "options", _("Order of options"),
    item_key, item_summary, option_what, option_compare
  };
  const StoreDiff scenarios = {
    "scenario", "scenarios", _("Order of scenarios"),
    item_key, item_summary, scenario_what, scenario_compare
  };

  g_return_val_if_fail (UP_IS_PLAN (old_plan), NULL);
  g_return_val_if_fail (UP_IS_PLAN (new_plan), NULL);

  diff = g_new0 (UpDiff, 1);
  diff->changes = g_ptr_array_new_with_free_func (change_free);
  diff->results = g_ptr_array_new_with_free_func (result_free);
  diff->currency = g_strdup (up_plan_get_currency (new_plan));
  ctx.changes = diff->changes;

  diff_plan_settings (&ctx, old_plan, new_plan);
  diff_price_index (&ctx, old_plan, new_plan);
  diff_store (&ctx, &holders, G_LIST_MODEL (up_plan_get_holders (old_plan)),
              G_LIST_MODEL (up_plan_get_holders (new_plan)));
  diff_store (&ctx, &cost_items, G_LIST_MODEL (up_plan_get_cost_items (old_plan)),
              G_LIST_MODEL (up_plan_get_cost_items (new_plan)));
  diff_store (&ctx, &measures, G_LIST_MODEL (up_plan_get_measures (old_plan)),
              G_LIST_MODEL (up_plan_get_measures (new_plan)));
  diff_store (&ctx, &states, G_LIST_MODEL (up_plan_get_states (old_plan)),
              G_LIST_MODEL (up_plan_get_states (new_plan)));
  diff_store (&ctx, &transitions, G_LIST_MODEL (up_plan_get_transitions (old_plan)),
              G_LIST_MODEL (up_plan_get_transitions (new_plan)));
  diff_store (&ctx, &options, G_LIST_MODEL (up_plan_get_options (old_plan)),
              G_LIST_MODEL (up_plan_get_options (new_plan)));
  diff_store (&ctx, &scenarios, G_LIST_MODEL (up_plan_get_scenarios (old_plan)),
              G_LIST_MODEL (up_plan_get_scenarios (new_plan)));
  diff_distributions (&ctx, old_plan, new_plan);

  /* Identical plans project identically: leave the results out. */
  if (diff->changes->len > 0)
    diff_results (diff, old_plan, new_plan);
  return diff;
}

void
up_diff_free (UpDiff *diff)
{
  if (diff == NULL)
    return;
  g_ptr_array_unref (diff->changes);
  g_ptr_array_unref (diff->results);
  g_free (diff->old_error);
  g_free (diff->new_error);
  g_free (diff->currency);
  g_free (diff);
}

gboolean
up_diff_is_empty (const UpDiff *diff)
{
  g_return_val_if_fail (diff != NULL, TRUE);
  return diff->changes->len == 0;
}
