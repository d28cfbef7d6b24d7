/* up-xml-save.c: writing plan files
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same plan always gives the same bytes, so that plan files diff well: collections
 * keep the user's order, keyed tables are written sorted by key, every numeric
 * parameter is written even at its default, and numbers take their shortest exact C
 * form whatever the locale.
 */

#define G_LOG_DOMAIN "up-xml"

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/tree.h>

#include "up-document-private.h"
#include "up-util.h"
#include "up-xml.h"

/* Text that XML 1.0 can carry: a plan must never save into a file it cannot open
 * again. Invalid UTF-8 becomes U+FFFD and the control characters XML forbids (a form
 * feed pasted from a PDF, say) become spaces. Returns NULL when text is fine as it is. */
static char *
clean_text (const char *text)
{
  GString *clean;
  const char *p;

  if (g_utf8_validate (text, -1, NULL))
    {
      for (p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
            break;
        }
      if (*p == '\0')
        return NULL;
    }

  clean = g_string_new (NULL);
  {
    g_autofree char *valid = g_utf8_make_valid (text, -1);

    for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
          g_string_append_c (clean, ' ');
        else if (c == 0xFFFE || c == 0xFFFF)
          g_string_append_unichar (clean, 0xFFFD);
        else
          g_string_append_unichar (clean, c);
      }
  }
  return g_string_free (clean, FALSE);
}

static void
set_string (xmlNode    *node,
            const char *name,
            const char *value)
{
  g_autofree char *clean = NULL;

  if (value == NULL)
    return;
  clean = clean_text (value);
  xmlNewProp (node, BAD_CAST name, BAD_CAST (clean ? clean : value));
}

static void
set_double (xmlNode    *node,
            const char *name,
            double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  xmlNewProp (node, BAD_CAST name, BAD_CAST up_format_double (buf, value));
}

static void
set_int (xmlNode    *node,
         const char *name,
         int         value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%d", value);
  xmlNewProp (node, BAD_CAST name, BAD_CAST buf);
}

static void
set_bool (xmlNode    *node,
          const char *name,
          gboolean    value)
{
  xmlNewProp (node, BAD_CAST name, BAD_CAST (value ? "true" : "false"));
}

static void
set_schedule (xmlNode          *node,
              const char       *name,
              const UpSchedule *schedule)
{
  g_autofree char *text = up_schedule_to_string (schedule);

  xmlNewProp (node, BAD_CAST name, BAD_CAST text);
}

static void
set_number (xmlNode    *node,
            UpItem     *item,
            const char *key)
{
  const UpNumberSpec *spec = up_item_find_number (item, key);

  g_assert (spec != NULL);
  set_double (node, key, up_item_get_number (item, spec));
}

/* Writes every numeric parameter of item not written yet, in the class's order. */
static void
set_numbers (xmlNode    *node,
             UpItem     *item,
             const char *skip)
{
  guint n;
  const UpNumberSpec *numbers = up_item_class_get_numbers (UP_ITEM_GET_CLASS (item), &n);

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (numbers[i].key, skip) == 0 ||
          xmlHasProp (node, BAD_CAST numbers[i].key) != NULL)
        continue;
      set_double (node, numbers[i].key, up_item_get_number (item, &numbers[i]));
    }
}

static xmlNode *
add_element (xmlNode    *parent,
             const char *name)
{
  return xmlNewChild (parent, parent->ns, BAD_CAST name, NULL);
}

static void
add_text (xmlNode    *parent,
          const char *name,
          const char *text)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return;
  clean = clean_text (text);
  /* xmlNewTextChild escapes; xmlNewChild would read "&" as the start of a reference. */
  xmlNewTextChild (parent, parent->ns, BAD_CAST name, BAD_CAST (clean ? clean : text));
}

static guint
n_items (GListStore *store)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

static void
save_settings (xmlNode *root,
               UpPlan  *plan)
{
  xmlNode *node = add_element (root, "settings");
  UpItem *item = UP_ITEM (plan);

  set_string (node, "currency", plan->currency);
  set_number (node, item, "start-year");
  set_number (node, item, "horizon");
  set_number (node, item, "price-base-year");
  set_string (node, "counting", up_counting_to_string (plan->counting));
  set_string (node, "discount-costs", up_discount_to_string (plan->discount_costs));
  set_number (node, item, "discount-costs-rate");
  set_string (node, "discount-outcomes", up_discount_to_string (plan->discount_outcomes));
  set_number (node, item, "discount-outcomes-rate");
  set_bool (node, "discount-first-cycle", plan->discount_first_cycle);
  set_number (node, item, "cohort-size");
  set_numbers (node, item, NULL);
  set_schedule (node, "inflow", plan->inflow);
}

static void
save_price_index (xmlNode *root,
                  UpPlan  *plan)
{
  xmlNode *list;

  if (plan->price_index->len == 0)
    return;
  list = add_element (root, "price-index");
  for (guint i = 0; i < plan->price_index->len; i++)
    {
      UpPriceIndexEntry *e = &g_array_index (plan->price_index, UpPriceIndexEntry, i);
      xmlNode *node = add_element (list, "index");

      set_int (node, "year", e->year);
      set_double (node, "value", e->index);
    }
}

static void
save_holders (xmlNode *root,
              UpPlan  *plan)
{
  xmlNode *list;

  if (n_items (plan->holders) == 0)
    return;
  list = add_element (root, "holders");
  for (guint i = 0; i < n_items (plan->holders); i++)
    {
      g_autoptr(UpBudgetHolder) holder = g_list_model_get_item (G_LIST_MODEL (plan->holders), i);
      xmlNode *node = add_element (list, "holder");

      set_string (node, "id", up_item_get_id (UP_ITEM (holder)));
      set_string (node, "name", up_item_get_name (UP_ITEM (holder)));
      set_string (node, "colour", holder->colour);
      set_bool (node, "public", holder->is_public);
      set_bool (node, "pooled", holder->pooled);
    }
}

static void
save_cost_items (xmlNode *root,
                 UpPlan  *plan)
{
  xmlNode *list;

  if (n_items (plan->cost_items) == 0)
    return;
  list = add_element (root, "cost-items");
  for (guint i = 0; i < n_items (plan->cost_items); i++)
    {
      g_autoptr(UpCostItem) item = g_list_model_get_item (G_LIST_MODEL (plan->cost_items), i);
      xmlNode *node = add_element (list, "item");

      set_string (node, "id", up_item_get_id (UP_ITEM (item)));
      set_string (node, "name", up_item_get_name (UP_ITEM (item)));
      set_string (node, "unit", item->unit);
      set_number (node, UP_ITEM (item), "cost");
      set_number (node, UP_ITEM (item), "price-year");
      set_string (node, "holder", item->holder);
      set_string (node, "category", item->category);
      set_numbers (node, UP_ITEM (item), NULL);
      add_text (node, "source", item->source);
    }
}

static void
save_measures (xmlNode *root,
               UpPlan  *plan)
{
  xmlNode *list;

  if (n_items (plan->measures) == 0)
    return;
  list = add_element (root, "measures");
  for (guint i = 0; i < n_items (plan->measures); i++)
    {
      g_autoptr(UpMeasure) measure = g_list_model_get_item (G_LIST_MODEL (plan->measures), i);
      xmlNode *node = add_element (list, "measure");

      set_string (node, "id", up_item_get_id (UP_ITEM (measure)));
      set_string (node, "name", up_item_get_name (UP_ITEM (measure)));
      set_string (node, "unit", measure->unit);
      set_numbers (node, UP_ITEM (measure), NULL);
      set_string (node, "counting", up_counting_to_string (measure->counting));
    }
}

static void
save_cost_lines (xmlNode    *parent,
                 const char *name,
                 GListStore *store)
{
  for (guint i = 0; i < n_items (store); i++)
    {
      g_autoptr(UpCostLine) line = g_list_model_get_item (G_LIST_MODEL (store), i);
      xmlNode *node = add_element (parent, name);

      set_string (node, "item", line->item);
      set_numbers (node, UP_ITEM (line), NULL);
      set_string (node, "holder", line->holder);
    }
}

static void
save_states (xmlNode *root,
             UpPlan  *plan)
{
  xmlNode *list;

  if (n_items (plan->states) == 0)
    return;
  list = add_element (root, "states");
  for (guint i = 0; i < n_items (plan->states); i++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (G_LIST_MODEL (plan->states), i);
      g_auto(GStrv) measures = up_state_list_weights (state);
      xmlNode *node = add_element (list, "state");

      set_string (node, "id", up_item_get_id (UP_ITEM (state)));
      set_string (node, "name", up_item_get_name (UP_ITEM (state)));
      set_string (node, "colour", state->colour);
      set_bool (node, "crisis", state->crisis);
      set_numbers (node, UP_ITEM (state), NULL);
      save_cost_lines (node, "use", state->use);
      save_cost_lines (node, "entry", state->entry);
      for (guint j = 0; measures[j] != NULL; j++)
        {
          xmlNode *weight = add_element (node, "weight");

          set_string (weight, "measure", measures[j]);
          set_schedule (weight, "value", up_state_get_weight (state, measures[j]));
        }
    }
}

static void
save_transitions (xmlNode *root,
                  UpPlan  *plan)
{
  xmlNode *list;

  if (n_items (plan->transitions) == 0)
    return;
  list = add_element (root, "transitions");
  for (guint i = 0; i < n_items (plan->transitions); i++)
    {
      g_autoptr(UpTransition) t = g_list_model_get_item (G_LIST_MODEL (plan->transitions), i);
      xmlNode *node = add_element (list, "transition");

      set_string (node, "from", t->from);
      set_string (node, "to", t->to);
      set_schedule (node, "value", t->value);
    }
}

static void
save_option (xmlNode  *list,
             UpOption *option)
{
  xmlNode *node = add_element (list, "option");
  g_autofree int *cycles = NULL;
  g_autofree double *amounts = NULL;
  g_auto(GStrv) holders = up_option_list_funding (option);
  g_auto(GStrv) criteria = up_option_list_scores (option);
  const char * const *eligible = up_option_get_eligible (option);
  guint n_one_offs = up_option_list_one_offs (option, &cycles, &amounts);

  set_string (node, "id", up_item_get_id (UP_ITEM (option)));
  set_string (node, "name", up_item_get_name (UP_ITEM (option)));
  set_string (node, "kind", up_option_kind_to_string (option->kind));
  /* Without capacity the option is unlimited; the number then means nothing. */
  set_numbers (node, UP_ITEM (option), option->has_capacity ? NULL : "capacity");

  add_text (node, "notes", option->notes);
  for (guint i = 0; i < n_one_offs; i++)
    {
      xmlNode *child = add_element (node, "one-off");

      set_int (child, "cycle", cycles[i]);
      set_double (child, "amount", amounts[i]);
    }
  for (guint i = 0; holders[i] != NULL; i++)
    {
      xmlNode *child = add_element (node, "funding");

      set_string (child, "holder", holders[i]);
      set_double (child, "share", up_option_get_funding (option, holders[i]));
    }
  for (guint i = 0; eligible[i] != NULL; i++)
    set_string (add_element (node, "eligible"), "state", eligible[i]);
  for (guint i = 0; i < n_items (option->effects); i++)
    {
      g_autoptr(UpEffect) effect = g_list_model_get_item (G_LIST_MODEL (option->effects), i);
      xmlNode *child = add_element (node, "effect");

      set_string (child, "from", effect->from);
      set_string (child, "to", effect->to);
      set_schedule (child, up_effect_kind_to_string (effect->kind), effect->value);
    }
  for (guint i = 0; criteria[i] != NULL; i++)
    {
      xmlNode *child = add_element (node, "score");

      set_string (child, "criterion", criteria[i]);
      set_double (child, "value", up_option_get_score (option, criteria[i], NULL));
    }
}

static void
save_options (xmlNode *root,
              UpPlan  *plan)
{
  xmlNode *list;

  if (n_items (plan->options) == 0)
    return;
  list = add_element (root, "options");
  for (guint i = 0; i < n_items (plan->options); i++)
    {
      g_autoptr(UpOption) option = g_list_model_get_item (G_LIST_MODEL (plan->options), i);

      save_option (list, option);
    }
}

static void
save_scenarios (xmlNode *root,
                UpPlan  *plan)
{
  xmlNode *list;

  if (n_items (plan->scenarios) == 0)
    return;
  list = add_element (root, "scenarios");
  for (guint i = 0; i < n_items (plan->scenarios); i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (G_LIST_MODEL (plan->scenarios), i);
      g_auto(GStrv) paths = up_scenario_list_overrides (scenario);
      xmlNode *node = add_element (list, "scenario");

      set_string (node, "id", up_item_get_id (UP_ITEM (scenario)));
      set_string (node, "name", up_item_get_name (UP_ITEM (scenario)));
      for (guint j = 0; paths[j] != NULL; j++)
        {
          xmlNode *set = add_element (node, "set");
          double value = 0.0;

          up_scenario_get_override (scenario, paths[j], &value);
          set_string (set, "path", paths[j]);
          set_double (set, "value", value);
        }
    }
}

/* Levers keep the user's order: it is the order of the sliders on the screen. */
static void
save_workshop (xmlNode *root,
               UpPlan  *plan)
{
  xmlNode *list;

  if (n_items (plan->pins) == 0)
    return;
  list = add_element (root, "workshop");
  for (guint i = 0; i < n_items (plan->pins); i++)
    {
      g_autoptr(UpPin) pin = g_list_model_get_item (G_LIST_MODEL (plan->pins), i);
      xmlNode *node = add_element (list, "pin");

      set_string (node, "path", up_pin_get_path (pin));
      set_double (node, "min", up_pin_get_min (pin));
      set_double (node, "max", up_pin_get_max (pin));
      set_double (node, "step", up_pin_get_step (pin));
      set_string (node, "label", up_pin_get_label (pin));
    }
}

static void
save_uncertainty (xmlNode *root,
                  UpPlan  *plan)
{
  g_auto(GStrv) paths = up_plan_list_distributions (plan);
  xmlNode *list;

  if (paths[0] == NULL)
    return;
  list = add_element (root, "uncertainty");
  for (guint i = 0; paths[i] != NULL; i++)
    {
      const UpDistribution *dist = up_plan_get_distribution (plan, paths[i]);
      xmlNode *node = add_element (list, "distribution");

      set_string (node, "path", paths[i]);
      set_string (node, "kind", up_dist_kind_to_string (dist->kind));
      set_double (node, "a", dist->a);
      set_double (node, "b", dist->b);
      if (dist->kind == UP_DIST_TRIANGULAR)
        set_double (node, "c", dist->c);
    }
}

GBytes *
up_plan_save_to_bytes (UpPlan *plan)
{
  xmlDocPtr doc;
  xmlNode *root;
  xmlNsPtr ns;
  xmlChar *text = NULL;
  int size = 0;
  GBytes *bytes;

  g_return_val_if_fail (UP_IS_PLAN (plan), NULL);

  doc = xmlNewDoc (BAD_CAST "1.0");
  root = xmlNewDocNode (doc, NULL, BAD_CAST "plan", NULL);
  xmlDocSetRootElement (doc, root);
  ns = xmlNewNs (root, BAD_CAST UP_PLAN_NAMESPACE, NULL);
  xmlSetNs (root, ns);
  set_int (root, "format", UP_PLAN_FORMAT);

  add_text (root, "title", up_item_get_name (UP_ITEM (plan)));
  add_text (root, "place", plan->place);
  add_text (root, "author", plan->author);
  add_text (root, "description", plan->description);
  add_text (root, "notes", plan->notes);
  save_settings (root, plan);
  save_price_index (root, plan);
  save_holders (root, plan);
  save_cost_items (root, plan);
  save_measures (root, plan);
  save_states (root, plan);
  save_transitions (root, plan);
  save_options (root, plan);
  save_scenarios (root, plan);
  save_uncertainty (root, plan);
  save_workshop (root, plan);

  /* Formatted output indents with xmlTreeIndentString, two spaces by default. */
  xmlDocDumpFormatMemoryEnc (doc, &text, &size, "UTF-8", 1);
  xmlFreeDoc (doc);
  if (text == NULL)
    g_error ("out of memory while writing a plan");
  bytes = g_bytes_new (text, size);
  xmlFree (text);
  return bytes;
}

gboolean
up_plan_save_to_file (UpPlan        *plan,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (UP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = up_plan_save_to_bytes (plan);
  return up_file_replace (file, bytes, NULL, NULL, cancellable, error);
}

/* A save killed between making the backup (a hard link to the old file) and renaming
 * the new file over the target leaves the target and "name~" as two names of one
 * file. GIO rewrites a file with more than one name in place, where a crash leaves it
 * half written, so that backup name is dropped first, as the save would have done. */
static void
drop_backup_link (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *backup = NULL;
  GStatBuf target, copy;

  if (path == NULL)
    return;
  backup = g_strconcat (path, "~", NULL);
  if (g_lstat (path, &target) == 0 && target.st_nlink > 1 &&
      g_lstat (backup, &copy) == 0 &&
      target.st_dev == copy.st_dev && target.st_ino == copy.st_ino)
    g_unlink (backup);
}

/* GIO also rewrites a symbolic link's target in place; following the link here lets
 * the target be replaced whole while the link stays. */
static GFile *
follow_links (GFile *file)
{
  GFile *target = g_object_ref (file);

  for (guint depth = 0; depth < 16 && g_file_is_native (target); depth++)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GFile) parent = NULL;
      const char *link;

      info = g_file_query_info (target, G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","
                                G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
      if (info == NULL || !g_file_info_get_is_symlink (info))
        break;
      link = g_file_info_get_symlink_target (info);
      parent = g_file_get_parent (target);
      if (link == NULL || parent == NULL)
        break;
      g_set_object (&target, NULL);
      target = g_file_resolve_relative_path (parent, link);
    }
  return target;
}

gboolean
up_file_replace (GFile         *file,
                 GBytes        *bytes,
                 const char    *etag,
                 char         **new_etag,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  g_autoptr(GFile) target = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* For a local file with one name GIO writes a temporary file beside it; closing the
   * stream makes the backup and renames the temporary file over the target. */
  target = follow_links (file);
  drop_backup_link (target);
  out = g_file_replace (target, etag, TRUE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), data, size, NULL, cancellable, error))
    {
      /* Closed with a cancelled cancellable, the stream removes its temporary file
       * instead of renaming it over the target. */
      abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return FALSE;
  if (new_etag != NULL)
    *new_etag = g_file_output_stream_get_etag (out);
  return TRUE;
}

typedef struct
{
  GBytes *bytes;
  char   *etag;
  char   *new_etag;
} ReplaceData;

static void
replace_data_free (ReplaceData *data)
{
  g_bytes_unref (data->bytes);
  g_free (data->etag);
  g_free (data->new_etag);
  g_free (data);
}

static void
replace_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ReplaceData *data = task_data;
  GError *error = NULL;

  if (up_file_replace (G_FILE (source_object), data->bytes, data->etag, &data->new_etag,
                       cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
up_file_replace_async (GFile               *file,
                       GBytes              *bytes,
                       const char          *etag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReplaceData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, up_file_replace_async);
  data = g_new0 (ReplaceData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->etag = g_strdup (etag);
  g_task_set_task_data (task, data, (GDestroyNotify) replace_data_free);
  g_task_run_in_thread (task, replace_in_thread);
}

gboolean
up_file_replace_finish (GFile         *file,
                        GAsyncResult  *result,
                        char         **new_etag,
                        GError       **error)
{
  ReplaceData *data;

  g_return_val_if_fail (g_task_is_valid (result, file), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (new_etag != NULL)
    *new_etag = g_steal_pointer (&data->new_etag);
  return TRUE;
}
