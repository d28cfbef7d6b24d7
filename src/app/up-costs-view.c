/* up-costs-view.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pages: the unit-cost library (a column view over the plan's cost items, so a
 * library of hundreds of items only makes widgets for the rows on screen), the budget
 * holders, and the service-use and entry costs of one state at a time.
 *
 * Drop-downs of holders, cost items and states share string lists that this view keeps
 * in step with the plan. While it does (and while it sets widgets from the plan) the
 * "syncing" counter is up, and the widgets' handlers ignore what they see: only a
 * person's choice edits the plan.
 */

#define G_LOG_DOMAIN "up-costs-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "up-cost-import-dialog.h"
#include "up-cost-summary.h"
#include "up-costs-view.h"
#include "up-csv.h"
#include "up-number-field.h"

static const char * const categories[] = {
  "crisis", "acute", "routine", "social-care", "criminal-justice", "housing", "other",
};

static const char * const holder_palette[] = {
  "#3584e4", "#33d17a", "#e01b24", "#ff7800", "#9141ac", "#986a44", "#f6d32d", "#77767b",
};

typedef enum
{
  COL_NAME,
  COL_UNIT,
  COL_COST,
  COL_YEAR,
  COL_CATEGORY,
  COL_CASHABLE,
  COL_HOLDER,
  COL_SOURCE,
  COL_REMOVE,
  N_COLS
} Column;

/* Widget names of the cells ("cost:ae"), for tests and style. */
static const char * const column_keys[N_COLS] = {
  "name", "unit", "cost", "price-year", "category", "cashable", "holder", "source", "remove",
};

typedef struct
{
  UpCostsView    *view;     /* borrowed; NULL once the row is dropped */
  UpBudgetHolder *holder;
  char           *id;
  GtkWidget      *colour;
  GtkWidget      *name;
  GtkWidget      *is_public;
  GtkWidget      *pooled;
  GtkWidget      *uses;
  char           *synced_name;
} HolderRow;

typedef struct
{
  UpCostsView *view;        /* borrowed; NULL once the row is dropped */
  UpState     *state;
  UpCostLine  *line;
  gboolean     entry;
  GtkWidget   *item;
  GtkWidget   *holder;
  GtkWidget   *cost;
  GtkWidget   *unit;
} LineRow;

struct _UpCostsView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkLabel           *library_status;
  GtkScrolledWindow  *library_scroller;
  GtkColumnView      *library_view;
  GtkGrid            *holders_grid;
  GtkLabel           *pooled_label;
  GtkDropDown        *state_dropdown;
  GtkLabel           *state_summary;
  GtkGrid            *use_grid;
  GtkGrid            *entry_grid;
  GtkButton          *add_use_button;
  GtkButton          *add_entry_button;

  /* owned */
  UpPlanSession      *session;
  UpPlan             *plan;
  gulong              plan_changed_id;
  GtkStringList      *library_ids;         /* the library's rows: ids of cost items */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GMenu              *category_menu;       /* the usual categories, for "cell.category" */
  GtkStringList      *holder_names;        /* the plan's holders, in order */
  GtkStringList      *line_holder_names;   /* "Item’s default", then the holders */
  GtkStringList      *item_names;          /* the plan's cost items, in order */
  GtkStringList      *state_names;
  GHashTable         *bound_cells;         /* the library's bound cells (set) */
  GHashTable         *pending_cells;       /* cells shown but not yet given an editor */
  guint               populate_id;
  GPtrArray          *holder_layout;       /* the holders the rows were built for */
  GPtrArray          *holder_rows;         /* HolderRow */
  GPtrArray          *line_layout;         /* state, its use lines, NULL, its entry lines */
  GPtrArray          *line_rows;           /* LineRow */
  char               *selected_state;      /* id */
  GtkFileChooserNative *chooser;
  guint               syncing;
  gboolean            holders_built;
  gboolean            lines_built;
};

G_DEFINE_FINAL_TYPE (UpCostsView, up_costs_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *props[N_PROPS];

static void sync_from_plan (UpCostsView *self);

/* ---- Helpers ------------------------------------------------------------------------ */

static const UpNumberSpec *
cost_item_spec (const char *key)
{
  UpItemClass *klass = g_type_class_peek (UP_TYPE_COST_ITEM);
  guint n;
  const UpNumberSpec *specs = up_item_class_get_numbers (klass, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (specs[i].key, key))
      return &specs[i];
  g_return_val_if_reached (NULL);
}

static const char *
item_label (gpointer item)
{
  const char *name = up_item_get_name (UP_ITEM (item));

  return name != NULL && *name != '\0' ? name : up_item_get_id (UP_ITEM (item));
}

static gboolean
item_in_store (GListStore *store,
               gpointer    item)
{
  return up_item_store_find (G_LIST_MODEL (store), up_item_get_id (UP_ITEM (item))) == item;
}

static guint
index_of_id (GListStore *store,
             const char *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (up_item_get_id (item), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static const char *
id_at (GListStore *store,
       guint       position)
{
  g_autoptr(UpItem) item = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (store), position);
  /* The store keeps the item, and so its id, alive. */
  return item ? up_item_get_id (item) : NULL;
}

static char *
colour_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x", (int) lround (rgba->red * 255),
                          (int) lround (rgba->green * 255), (int) lround (rgba->blue * 255));
}

static void
toast (UpCostsView *self,
       const char  *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
tell (UpCostsView *self,
      const char  *heading,
      const char  *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Makes list hold strings; returns TRUE when it had to change. */
static gboolean
string_list_sync (GtkStringList *list,
                  GPtrArray     *strings)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  gboolean same = n == strings->len;

  for (guint i = 0; same && i < n; i++)
    same = g_strcmp0 (gtk_string_list_get_string (list, i), strings->pdata[i]) == 0;
  if (same)
    return FALSE;
  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (list, 0, n, (const char * const *) strings->pdata);
  g_ptr_array_remove_index (strings, strings->len - 1);
  return TRUE;
}

static char *
unique_id (GListStore *store,
           const char *prefix)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint k = n + 1;; k++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, k);

      if (up_item_store_find (G_LIST_MODEL (store), id) == NULL)
        return g_steal_pointer (&id);
    }
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
column_heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
remove_button_new (const char *tooltip,
                   const char *accessible)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return button;
}

static void
short_label_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  max_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (max_chars));
  gtk_list_item_set_child (list_item, label);
}

static void
short_label_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  max_chars)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (list_item));

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
}

static GtkListItemFactory *
short_label_factory_new (int max_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (short_label_setup_cb),
                    GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (short_label_bind_cb),
                    GINT_TO_POINTER (max_chars));
  return factory;
}

/* A drop-down of names that keeps its button narrow (long names are ellipsized, with
 * the whole name as tooltip) and shows whole names in its list. */
static GtkWidget *
names_drop_down_new (GtkStringList *names,
                     int            max_chars)
{
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  g_autoptr(GtkListItemFactory) button = short_label_factory_new (max_chars);
  g_autoptr(GtkListItemFactory) list = short_label_factory_new (70);

  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list);
  return dropdown;
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *format,
                      const char *name)
{
  g_autofree char *label = g_strdup_printf (format, name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* ---- The unit-cost library -------------------------------------------------------------- */

/* The library's rows are the ids of the cost items, not the items: undo replaces every
 * item of the plan with a copy, and rows keyed by id keep their widgets through that
 * (GTK 4.8 keeps up to 200 rows of a list alive, so rebuilding them all is slow). A cell
 * finds its item by id whenever the plan changes. */

static UpCostItem *
cell_item (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "item");
}

static UpCostsView *
cell_view (GtkWidget *widget)
{
  return UP_COSTS_VIEW (gtk_widget_get_ancestor (widget, UP_TYPE_COSTS_VIEW));
}

static void
update_status_icon (UpCostsView *self,
                    GtkWidget   *icon,
                    UpCostItem  *item)
{
  const UpProblem *problem = NULL;
  const char *shown = gtk_widget_get_tooltip_text (icon);

  if (self->session != NULL && item != NULL)
    problem = up_plan_session_find_item_problem (self->session, UP_ITEM (item));
  if (g_strcmp0 (shown, problem ? problem->message : NULL) == 0)
    return;
  gtk_widget_set_visible (icon, problem != NULL);
  gtk_widget_set_tooltip_text (icon, problem ? problem->message : NULL);
  if (problem != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    problem->message, -1);
}

static void
text_changed_cb (GtkEditable *editable,
                 UpCostsView *self)
{
  UpCostItem *item = cell_item (GTK_WIDGET (editable));
  const char *field = g_object_get_data (G_OBJECT (editable), "field");
  const char *text = gtk_editable_get_text (editable);
  const char *current;
  g_autofree char *key = NULL;

  if (self->syncing || self->plan == NULL || item == NULL ||
      !item_in_store (up_plan_get_cost_items (self->plan), item))
    return;
  if (g_str_equal (field, "name"))
    current = up_item_get_name (UP_ITEM (item));
  else if (g_str_equal (field, "unit"))
    current = up_cost_item_get_unit (item);
  else if (g_str_equal (field, "category"))
    current = up_cost_item_get_category (item);
  else
    current = up_cost_item_get_source (item);
  if (g_strcmp0 (current ? current : "", text) == 0)
    return;

  key = g_strdup_printf ("cost-item/%s/%s", up_item_get_id (UP_ITEM (item)), field);
  up_plan_session_begin_edit (self->session, key);
  if (g_str_equal (field, "name"))
    up_item_set_name (UP_ITEM (item), text);
  else if (g_str_equal (field, "unit"))
    up_cost_item_set_unit (item, text);
  else if (g_str_equal (field, "category"))
    up_cost_item_set_category (item, *text ? text : NULL);
  else
    {
      up_cost_item_set_source (item, *text ? text : NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (editable), *text ? text : NULL);
    }
}

static void
item_holder_selected_cb (GtkDropDown *dropdown,
                         GParamSpec  *pspec,
                         UpCostsView *self)
{
  UpCostItem *item = cell_item (GTK_WIDGET (dropdown));
  const char *holder;

  if (self->syncing || self->plan == NULL || item == NULL ||
      !item_in_store (up_plan_get_cost_items (self->plan), item))
    return;
  holder = id_at (up_plan_get_holders (self->plan), gtk_drop_down_get_selected (dropdown));
  if (holder == NULL || g_strcmp0 (holder, up_cost_item_get_holder (item)) == 0)
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_cost_item_set_holder (item, holder);
}

/* "cell.category" of a category menu button: sets the entry beside it, which edits. */
static void
category_action_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    GtkWidget     *button)
{
  GtkWidget *entry = gtk_widget_get_prev_sibling (button);

  g_simple_action_set_state (action, parameter);
  gtk_editable_set_text (GTK_EDITABLE (entry), g_variant_get_string (parameter, NULL));
}

/* A menu button's menu is made when it is first opened. */
static void
category_popup_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  UpCostsView *self = cell_view (GTK_WIDGET (button));

  if (self != NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->category_menu));
}

/* Gives a menu button a stateful "cell.<name>" action, so its menu shows the choice. */
static GSimpleAction *
add_cell_action (GtkWidget  *button,
                 const char *name,
                 GCallback   callback)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action =
    g_simple_action_new_stateful (name, G_VARIANT_TYPE_STRING, g_variant_new_string (""));

  g_signal_connect (action, "activate", callback, button);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (button, "cell", G_ACTION_GROUP (group));
  g_object_set_data (G_OBJECT (button), "action", action);
  return action;
}

static void
set_action_state (GtkWidget  *button,
                  const char *value)
{
  GSimpleAction *action = g_object_get_data (G_OBJECT (button), "action");
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));

  if (g_strcmp0 (g_variant_get_string (state, NULL), value ? value : "") != 0)
    g_simple_action_set_state (action, g_variant_new_string (value ? value : ""));
}

/* The states whose cost lines use a cost item, in words; NULL when none do. */
static char *
describe_item_users (UpPlan     *plan,
                     const char *item_id)
{
  GListModel *states = G_LIST_MODEL (up_plan_get_states (plan));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (states, i);
      gboolean in_use = FALSE, in_entry = FALSE;
      GListModel *lists[2] = { G_LIST_MODEL (up_state_get_use (state)),
                               G_LIST_MODEL (up_state_get_entry (state)) };

      for (guint l = 0; l < 2; l++)
        for (guint j = 0; j < g_list_model_get_n_items (lists[l]); j++)
          {
            g_autoptr(UpCostLine) line = g_list_model_get_item (lists[l], j);

            if (g_strcmp0 (up_cost_line_get_item (line), item_id) == 0)
              {
                if (l == 0)
                  in_use = TRUE;
                else
                  in_entry = TRUE;
              }
          }
      if (!in_use && !in_entry)
        continue;
      g_string_append (out, "\n• ");
      if (in_use && in_entry)
        /* translators: a state whose service-use and entry costs use a cost item */
        g_string_append_printf (out, _("%s: service use and entry"), item_label (state));
      else if (in_use)
        g_string_append_printf (out, _("%s: service use"), item_label (state));
      else
        g_string_append_printf (out, _("%s: entry"), item_label (state));
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
remove_item_cb (GtkButton   *button,
                UpCostsView *self)
{
  UpCostItem *item = cell_item (GTK_WIDGET (button));
  g_autoptr(UpCostItem) keep = NULL;
  g_autofree char *users = NULL;
  g_autofree char *prefix = NULL;
  g_auto(GStrv) distributions = NULL;
  GListStore *store;
  GListModel *scenarios;
  guint position, n_removed = 0;

  if (self->plan == NULL || item == NULL)
    return;
  store = up_plan_get_cost_items (self->plan);
  if (!g_list_store_find (store, item, &position))
    return;
  keep = g_object_ref (item);
  users = describe_item_users (self->plan, up_item_get_id (UP_ITEM (item)));
  if (users != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” Is Still Used"), item_label (item));
      g_autofree char *body =
        g_strdup_printf (_("These states count it among their costs:%s\n\nRemove those lines "
                           "on the “Costs of Each State” page first, or choose another cost "
                           "item for them."), users);

      tell (self, heading, body);
      return;
    }

  /* Scenario settings and uncertainty of the item's numbers go with it, in the same step. */
  prefix = g_strdup_printf ("cost-item/%s/", up_item_get_id (UP_ITEM (item)));
  up_plan_session_begin_edit (self->session, NULL);
  scenarios = G_LIST_MODEL (up_plan_get_scenarios (self->plan));
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (scenarios, i);
      g_auto(GStrv) paths = up_scenario_list_overrides (scenario);

      for (guint p = 0; paths[p] != NULL; p++)
        if (g_str_has_prefix (paths[p], prefix))
          {
            up_scenario_remove_override (scenario, paths[p]);
            n_removed++;
          }
    }
  distributions = up_plan_list_distributions (self->plan);
  for (guint i = 0; distributions[i] != NULL; i++)
    if (g_str_has_prefix (distributions[i], prefix))
      {
        up_plan_set_distribution (self->plan, distributions[i], NULL);
        n_removed++;
      }
  if (g_list_store_find (store, keep, &position))
    g_list_store_remove (store, position);
  if (n_removed > 0)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("Removed “%s” and %u scenario or uncertainty setting of it",
                                   "Removed “%s” and %u scenario or uncertainty settings of it",
                                   n_removed), item_label (keep), n_removed);

      toast (self, message);
    }
}

/* A library cell is an empty box until it is first shown: GTK 4.8 keeps up to 200 rows
 * of a list alive, and most are off screen. Its editor, the "main" widget (which holds
 * the item and is named after it, as "cost:ae"), is made when the cell is mapped. */
static GtkWidget *
cell_main (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "main");
}

static GtkWidget *
cell_entry_new (UpCostsView *self,
                const char  *field,
                int          width)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  g_object_set_data (G_OBJECT (entry), "field", (gpointer) field);
  g_signal_connect (entry, "changed", G_CALLBACK (text_changed_cb), self);
  return entry;
}

/* Makes the editor of a cell; *main receives the widget that holds the item. */
static GtkWidget *
make_cell_editor (UpCostsView  *self,
                  Column        column,
                  GtkWidget   **main)
{
  GtkWidget *widget = NULL;

  switch (column)
    {
    case COL_NAME:
      {
        GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
        GtkWidget *entry = cell_entry_new (self, "name", 28);

        widget = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
        gtk_widget_set_visible (icon, FALSE);
        gtk_widget_add_css_class (icon, "error");
        gtk_widget_set_hexpand (entry, TRUE);
        gtk_box_append (GTK_BOX (widget), icon);
        gtk_box_append (GTK_BOX (widget), entry);
        break;
      }
    case COL_UNIT:
      widget = cell_entry_new (self, "unit", 9);
      break;
    case COL_SOURCE:
      widget = cell_entry_new (self, "source", 14);
      break;
    case COL_COST:
      widget = up_number_field_new_for_spec (cost_item_spec ("cost"));
      break;
    case COL_YEAR:
      widget = up_number_field_new_for_spec (cost_item_spec ("price-year"));
      gtk_editable_set_width_chars (GTK_EDITABLE (up_number_field_get_spin_button (
                                      UP_NUMBER_FIELD (widget))), 5);
      break;
    case COL_CASHABLE:
      widget = up_number_field_new_for_spec (cost_item_spec ("cashable"));
      gtk_editable_set_width_chars (GTK_EDITABLE (up_number_field_get_spin_button (
                                      UP_NUMBER_FIELD (widget))), 5);
      break;
    case COL_CATEGORY:
      {
        /* Free text, with the usual categories a click away. */
        GtkWidget *entry = cell_entry_new (self, "category", 12);
        GtkWidget *button = gtk_menu_button_new ();

        widget = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
        gtk_widget_add_css_class (widget, "linked");
        gtk_widget_set_tooltip_text (entry, _("Crisis, acute, routine, social care, criminal "
                                              "justice, housing, other — or a word of your "
                                              "own"));
        gtk_widget_set_tooltip_text (button, _("Usual categories"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Usual categories"), -1);
        add_cell_action (button, "category", G_CALLBACK (category_action_cb));
        gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), category_popup_cb,
                                               NULL, NULL);
        gtk_box_append (GTK_BOX (widget), entry);
        gtk_box_append (GTK_BOX (widget), button);
        break;
      }
    case COL_HOLDER:
      widget = names_drop_down_new (self->holder_names, 18);
      g_signal_connect (widget, "notify::selected", G_CALLBACK (item_holder_selected_cb), self);
      break;
    case COL_REMOVE:
      widget = remove_button_new (_("Remove this cost item"), _("Remove cost item"));
      g_signal_connect (widget, "clicked", G_CALLBACK (remove_item_cb), self);
      break;
    case N_COLS:
    default:
      g_assert_not_reached ();
    }
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (widget, TRUE);
  if (column == COL_NAME)
    *main = gtk_widget_get_last_child (widget);
  else if (column == COL_CATEGORY)
    *main = gtk_widget_get_first_child (widget);
  else
    *main = widget;
  return widget;
}

static void cell_refresh (UpCostsView *self,
                          GtkWidget   *widget,
                          Column       column,
                          UpCostItem  *item);

static void
cell_show_id (UpCostsView *self,
              GtkWidget   *cell)
{
  GtkWidget *main = cell_main (cell);
  const char *id = g_object_get_data (G_OBJECT (cell), "id");
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "column"));
  g_autofree char *widget_name = NULL;

  if (main == NULL || id == NULL || self->plan == NULL)
    return;
  widget_name = g_strdup_printf ("%s:%s", column_keys[column], id);
  gtk_widget_set_name (main, widget_name);
  cell_refresh (self, main, column, up_plan_find_cost_item (self->plan, id));
}

static void
populate_cell (UpCostsView *self,
               GtkWidget   *cell)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "column"));
  GtkWidget *main = NULL;
  GtkWidget *editor;

  if (cell_main (cell) != NULL)
    return;
  editor = make_cell_editor (self, column, &main);
  g_object_set_data (G_OBJECT (cell), "main", main);
  gtk_box_append (GTK_BOX (cell), editor);
  cell_show_id (self, cell);
}

static gboolean
populate_pending_cb (gpointer data)
{
  UpCostsView *self = data;
  GHashTableIter iter;
  gpointer cell;

  self->populate_id = 0;
  g_hash_table_iter_init (&iter, self->pending_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    {
      /* The list maps every row for a moment at first: only those still shown count. */
      if (gtk_widget_get_mapped (cell) && gtk_widget_get_parent (cell) != NULL)
        populate_cell (self, cell);
      g_hash_table_iter_remove (&iter);
    }
  return G_SOURCE_REMOVE;
}

static void
cell_map_cb (GtkWidget   *cell,
             UpCostsView *self)
{
  if (cell_main (cell) != NULL || self->pending_cells == NULL)
    return;
  if (!g_hash_table_contains (self->pending_cells, cell))
    g_hash_table_add (self->pending_cells, g_object_ref (cell));
  if (self->populate_id == 0)
    self->populate_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, populate_pending_cb, self, NULL);
}

static void
library_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  UpCostsView              *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* As tall as its editor will be, so that rows keep their height when it comes. */
  gtk_widget_set_size_request (cell, -1, 30);
  g_object_set_data (G_OBJECT (cell), "column", GINT_TO_POINTER (column));
  g_signal_connect (cell, "map", G_CALLBACK (cell_map_cb), self);
  gtk_list_item_set_child (list_item, cell);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
set_text_if_changed (GtkWidget  *editable,
                     const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text ? text : "");
}

/* Labels the cell for screen readers with the item's name, once per name. */
static void
label_cell (GtkWidget  *widget,
            const char *format,
            const char *name)
{
  const char *done = g_object_get_data (G_OBJECT (widget), "a11y-name");

  if (g_strcmp0 (done, name) == 0)
    return;
  g_object_set_data_full (G_OBJECT (widget), "a11y-name", g_strdup (name), g_free);
  set_accessible_label (widget, format, name);
}

/* Shows item in the cell: called when bound and whenever the plan changes. */
static void
cell_refresh (UpCostsView *self,
              GtkWidget   *widget,
              Column       column,
              UpCostItem  *item)
{
  const char *name;

  if (item == NULL)
    return;
  name = item_label (item);
  self->syncing++;
  if (cell_item (widget) != item)
    g_object_set_data_full (G_OBJECT (widget), "item", g_object_ref (item), g_object_unref);
  switch (column)
    {
    case COL_NAME:
      set_text_if_changed (widget, up_item_get_name (UP_ITEM (item)));
      label_cell (widget, _("Name of the cost item “%s”"), name);
      update_status_icon (self, gtk_widget_get_first_child (gtk_widget_get_parent (widget)), item);
      break;
    case COL_UNIT:
      set_text_if_changed (widget, up_cost_item_get_unit (item));
      label_cell (widget, _("Unit of “%s”"), name);
      break;
    case COL_SOURCE:
      set_text_if_changed (widget, up_cost_item_get_source (item));
      if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), up_cost_item_get_source (item)) != 0)
        gtk_widget_set_tooltip_text (widget, up_cost_item_get_source (item));
      label_cell (widget, _("Source of “%s”"), name);
      break;
    case COL_COST:
    case COL_YEAR:
    case COL_CASHABLE:
      {
        GtkWidget *spin = GTK_WIDGET (up_number_field_get_spin_button (UP_NUMBER_FIELD (widget)));

        /* Undo puts a copy in the item's place: follow it. */
        if (g_object_get_data (G_OBJECT (widget), "bound-item") != item)
          {
            if (column == COL_COST)
              up_number_field_set_currency (UP_NUMBER_FIELD (widget),
                                            up_plan_get_currency (self->plan));
            up_number_field_bind_item (UP_NUMBER_FIELD (widget), self->session, UP_ITEM (item),
                                       cost_item_spec (column_keys[column]));
            g_object_set_data_full (G_OBJECT (widget), "bound-item", g_object_ref (item),
                                    g_object_unref);
          }
        if (column == COL_COST)
          label_cell (spin, _("Unit cost of “%s”"), name);
        else if (column == COL_YEAR)
          label_cell (spin, _("Price year of “%s”"), name);
        else
          label_cell (spin, _("Cashable share of “%s”"), name);
        break;
      }
    case COL_CATEGORY:
      set_text_if_changed (widget, up_cost_item_get_category (item));
      set_action_state (gtk_widget_get_next_sibling (widget), up_cost_item_get_category (item));
      label_cell (widget, _("Category of “%s”"), name);
      break;
    case COL_HOLDER:
      {
        guint position = index_of_id (up_plan_get_holders (self->plan),
                                      up_cost_item_get_holder (item));

        if (gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)) != position)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), position);
        label_cell (widget, _("Default budget holder of “%s”"), name);
        break;
      }
    case COL_REMOVE:
      label_cell (widget, _("Remove “%s”"), name);
      break;
    case N_COLS:
    default:
      g_assert_not_reached ();
    }
  self->syncing--;
}

static void
library_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 UpCostsView              *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  const char *id = gtk_string_object_get_string (gtk_list_item_get_item (list_item));

  g_object_set_data_full (G_OBJECT (cell), "id", g_strdup (id), g_free);
  g_hash_table_add (self->bound_cells, cell);
  cell_show_id (self, cell);
}

static void
library_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   UpCostsView              *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (self->bound_cells != NULL)
    g_hash_table_remove (self->bound_cells, cell);
  g_object_set_data (G_OBJECT (cell), "id", NULL);
  if (cell_main (cell) != NULL)
    g_object_set_data (G_OBJECT (cell_main (cell)), "item", NULL);
}

static void
add_library_column (UpCostsView *self,
                    Column       column,
                    const char  *title,
                    gboolean     expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (library_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (library_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (library_unbind_cb), self);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, column != COL_REMOVE);
  gtk_column_view_append_column (self->library_view, col);
  g_object_unref (col);
}

/* Makes the rows the ids of the plan's cost items, changing only what differs. */
static void
sync_library_ids (UpCostsView *self)
{
  GListModel *items = G_LIST_MODEL (up_plan_get_cost_items (self->plan));
  guint n_new = g_list_model_get_n_items (items);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->library_ids));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint prefix = 0, suffix = 0;

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (items, i);

      g_ptr_array_add (ids, (gpointer) up_item_get_id (item));
    }
  while (prefix < n_old && prefix < n_new &&
         g_strcmp0 (gtk_string_list_get_string (self->library_ids, prefix),
                    ids->pdata[prefix]) == 0)
    prefix++;
  if (prefix == n_old && prefix == n_new)
    return;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         g_strcmp0 (gtk_string_list_get_string (self->library_ids, n_old - 1 - suffix),
                    ids->pdata[n_new - 1 - suffix]) == 0)
    suffix++;
  /* splice() reads up to a NULL: end the run of new ids there. */
  g_ptr_array_add (ids, NULL);
  ids->pdata[n_new - suffix] = NULL;
  gtk_string_list_splice (self->library_ids, prefix, n_old - prefix - suffix,
                          (const char * const *) ids->pdata + prefix);
}

static void
refresh_library (UpCostsView *self)
{
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *items = G_LIST_MODEL (up_plan_get_cost_items (self->plan));
  guint n = g_list_model_get_n_items (items);
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  int base = (int) up_item_get_number (UP_ITEM (self->plan),
                                       up_item_find_number (UP_ITEM (self->plan),
                                                            "price-base-year"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (items, i);

      g_hash_table_insert (by_id, (gpointer) up_item_get_id (item), item);
    }
  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *id = g_object_get_data (key, "id");
      Column column = GPOINTER_TO_INT (g_object_get_data (key, "column"));

      if (cell_main (key) != NULL && id != NULL)
        cell_refresh (self, cell_main (key), column, g_hash_table_lookup (by_id, id));
    }

  count = g_strdup_printf (ngettext ("%u cost item", "%u cost items", n), n);
  if (up_plan_get_price_index (self->plan, NULL, NULL) > 0)
    /* translators: "14 cost items · unit costs are uplifted to 2023 prices with …" */
    text = g_strdup_printf (_("%s · unit costs are uplifted from their price year to %d prices "
                              "with the plan’s price index"), count, base);
  else
    text = g_strdup_printf (_("%s · the plan has no price index: unit costs are used as "
                              "entered, at %d prices"), count, base);
  gtk_label_set_label (self->library_status, text);
}

static void
refresh_status_icons (UpCostsView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkWidget *main = cell_main (key);

      if (main != NULL && GPOINTER_TO_INT (g_object_get_data (key, "column")) == COL_NAME)
        update_status_icon (self, gtk_widget_get_first_child (gtk_widget_get_parent (main)),
                            cell_item (main));
    }
}

/* Shows the last row of the library (a new item). GTK 4.8 has no scroll-to call on a
 * column view; its inner list view has the "list.scroll-to-item" action. */
static void
scroll_library_to_end_cb (gpointer data)
{
  g_autoptr(UpCostsView) self = data;
  guint n;

  if (self->filtered == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  if (n == 0)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->library_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", n - 1);
}

static void
add_item_clicked_cb (UpCostsView *self)
{
  GListStore *store;
  GListModel *holders;
  g_autofree char *id = NULL;
  g_autoptr(UpCostItem) item = NULL;
  double base;

  if (self->plan == NULL)
    return;
  store = up_plan_get_cost_items (self->plan);
  holders = G_LIST_MODEL (up_plan_get_holders (self->plan));
  id = unique_id (store, "item");
  item = up_cost_item_new (id, _("New cost item"));
  base = up_item_get_number (UP_ITEM (self->plan),
                             up_item_find_number (UP_ITEM (self->plan), "price-base-year"));
  up_item_set_number (UP_ITEM (item), cost_item_spec ("price-year"), base);
  up_cost_item_set_category (item, "other");
  if (g_list_model_get_n_items (holders) > 0)
    {
      g_autoptr(UpItem) holder = g_list_model_get_item (holders, 0);

      up_cost_item_set_holder (item, up_item_get_id (holder));
    }
  /* A new item would be hidden by a search for something else. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_append (store, item);
  g_idle_add_once (scroll_library_to_end_cb, g_object_ref (self));
}

static gboolean
library_filter_cb (gpointer row,
                   gpointer user_data)
{
  UpCostsView *self = user_data;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  UpCostItem *item;
  g_autofree char *name = NULL;
  g_autofree char *wanted = NULL;

  if (search == NULL || *search == '\0' || self->plan == NULL)
    return TRUE;
  item = up_plan_find_cost_item (self->plan, gtk_string_object_get_string (row));
  if (item == NULL)
    return TRUE;
  name = g_utf8_casefold (item_label (item), -1);
  wanted = g_utf8_casefold (search, -1);
  return strstr (name, wanted) != NULL;
}

static void
search_changed_cb (UpCostsView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- Importing ------------------------------------------------------------------------ */

static void
imported_cb (UpCostImportDialog *dialog,
             guint               n_items,
             UpCostsView        *self)
{
  g_autofree char *message =
    g_strdup_printf (ngettext ("Imported %u cost item", "Imported %u cost items", n_items),
                     n_items);

  toast (self, message);
}

GtkWindow *
up_costs_view_import_csv_data (UpCostsView *self,
                               const char  *data,
                               gssize       length,
                               const char  *file_name)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  UpCostImportDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (UP_IS_COSTS_VIEW (self), NULL);
  g_return_val_if_fail (self->session != NULL, NULL);

  rows = up_csv_parse (data, length, &error);
  if (rows == NULL || rows->len == 0)
    {
      /* translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Cannot Read “%s”"),
                                                  file_name ? file_name : _("the file"));

      tell (self, heading, error ? error->message : _("The file is empty."));
      return NULL;
    }
  dialog = up_cost_import_dialog_new (self->session, rows, file_name);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UpCostsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Cannot Read “%s”"), name);

      g_warning ("%s: %s", name, error->message);
      tell (self, heading, error->message);
      return;
    }
  if (self->session != NULL)
    up_costs_view_import_csv_data (self, contents, length, name);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     UpCostsView     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        g_file_load_contents_async (file, NULL, file_loaded_cb, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
import_clicked_cb (UpCostsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL || self->session == NULL)
    return;
  gtk_file_filter_set_name (csv, _("Comma-separated values (CSV)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  self->chooser = gtk_file_chooser_native_new (_("Import Cost Items from CSV"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- Budget holders -------------------------------------------------------------------- */

static void
holder_row_clear (HolderRow *row)
{
  g_clear_object (&row->holder);
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->synced_name, g_free);
}

static void
holder_row_unref (gpointer row)
{
  g_rc_box_release_full (row, (GDestroyNotify) holder_row_clear);
}

static void
closure_unref_holder_row (gpointer  data,
                          GClosure *closure)
{
  holder_row_unref (data);
}

static void
holder_name_changed_cb (GtkEditable *editable,
                        HolderRow   *row)
{
  UpCostsView *self = row->view;
  g_autofree char *key = NULL;
  const char *text = gtk_editable_get_text (editable);

  if (self == NULL || self->syncing)
    return;
  g_free (row->synced_name);
  row->synced_name = g_strdup (text);
  key = g_strdup_printf ("holder/%s/name", row->id);
  up_plan_session_begin_edit (self->session, key);
  up_item_set_name (UP_ITEM (row->holder), text);
}

static void
holder_colour_cb (GtkColorButton *button,
                  GParamSpec     *pspec,
                  HolderRow      *row)
{
  UpCostsView *self = row->view;
  GdkRGBA rgba;
  g_autofree char *hex = NULL;
  g_autofree char *key = NULL;

  if (self == NULL || self->syncing)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = colour_to_hex (&rgba);
  if (g_strcmp0 (hex, up_budget_holder_get_colour (row->holder)) == 0)
    return;
  key = g_strdup_printf ("holder/%s/colour", row->id);
  up_plan_session_begin_edit (self->session, key);
  up_budget_holder_set_colour (row->holder, hex);
}

static void
holder_public_cb (GtkCheckButton *check,
                  HolderRow      *row)
{
  UpCostsView *self = row->view;
  gboolean active = gtk_check_button_get_active (check);

  if (self == NULL || self->syncing || active == up_budget_holder_get_public (row->holder))
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_budget_holder_set_public (row->holder, active);
}

static void
holder_pooled_cb (GtkCheckButton *check,
                  HolderRow      *row)
{
  UpCostsView *self = row->view;
  gboolean active = gtk_check_button_get_active (check);

  if (self == NULL || self->syncing || active == up_budget_holder_get_pooled (row->holder))
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_budget_holder_set_pooled (row->holder, active);
}

static void
append_names (GString    *out,
              const char *heading,
              GPtrArray  *names)
{
  if (names->len == 0)
    return;
  g_string_append_printf (out, "\n• %s ", heading);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, i == 0 ? "%s" : ", %s", (const char *) names->pdata[i]);
}

/* What refers to a budget holder, in words; NULL when nothing does. */
static char *
describe_holder_users (UpPlan     *plan,
                       const char *id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *funding_tail = g_strdup_printf ("/funding/%s", id);
  GListModel *model;

  model = G_LIST_MODEL (up_plan_get_cost_items (plan));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(UpCostItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (up_cost_item_get_holder (item), id) == 0)
        g_ptr_array_add (items, g_strdup (item_label (item)));
    }
  model = G_LIST_MODEL (up_plan_get_states (plan));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (model, i);
      GListModel *lists[2] = { G_LIST_MODEL (up_state_get_use (state)),
                               G_LIST_MODEL (up_state_get_entry (state)) };
      gboolean found = FALSE;

      for (guint l = 0; l < 2 && !found; l++)
        for (guint j = 0; j < g_list_model_get_n_items (lists[l]) && !found; j++)
          {
            g_autoptr(UpCostLine) line = g_list_model_get_item (lists[l], j);

            found = g_strcmp0 (up_cost_line_get_holder (line), id) == 0;
          }
      if (found)
        g_ptr_array_add (states, g_strdup (item_label (state)));
    }
  model = G_LIST_MODEL (up_plan_get_options (plan));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(UpOption) option = g_list_model_get_item (model, i);

      if (up_option_has_funding (option, id))
        g_ptr_array_add (options, g_strdup (item_label (option)));
    }
  model = G_LIST_MODEL (up_plan_get_scenarios (plan));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (model, i);
      g_auto(GStrv) paths = up_scenario_list_overrides (scenario);
      gboolean found = FALSE;

      for (guint p = 0; paths[p] != NULL && !found; p++)
        found = g_str_has_suffix (paths[p], funding_tail);
      if (found)
        g_ptr_array_add (scenarios, g_strdup (item_label (scenario)));
    }

  append_names (out, _("default budget holder of the cost items:"), items);
  append_names (out, _("named in the cost lines of the states:"), states);
  append_names (out, _("funds the options:"), options);
  append_names (out, _("funds options in the scenarios:"), scenarios);
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
remove_holder_cb (GtkButton *button,
                  HolderRow *row)
{
  UpCostsView *self = row->view;
  g_autofree char *users = NULL;
  GListStore *store;
  guint position;

  if (self == NULL)
    return;
  store = up_plan_get_holders (self->plan);
  if (!g_list_store_find (store, row->holder, &position))
    return;
  users = describe_holder_users (self->plan, row->id);
  if (users != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” Is Still Used"),
                                                  item_label (row->holder));
      g_autofree char *body =
        g_strdup_printf (_("This budget holder is%s\n\nChoose another holder there first."),
                         users);

      tell (self, heading, body);
      return;
    }
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_remove (store, position);
}

static void
add_holder_row (UpCostsView    *self,
                UpBudgetHolder *holder,
                int             grid_row)
{
  HolderRow *row = g_rc_box_new0 (HolderRow);
  const char *name = item_label (holder);
  GdkRGBA rgba;
  GtkWidget *remove;
  g_autofree char *widget_name = NULL;
  g_autofree char *text = NULL;

  row->view = self;
  row->holder = g_object_ref (holder);
  row->id = g_strdup (up_item_get_id (UP_ITEM (holder)));
  g_ptr_array_add (self->holder_rows, row);

  if (!gdk_rgba_parse (&rgba, up_budget_holder_get_colour (holder) ?: ""))
    gdk_rgba_parse (&rgba, "#77767b");
  row->colour = gtk_color_button_new_with_rgba (&rgba);
  gtk_color_button_set_modal (GTK_COLOR_BUTTON (row->colour), TRUE);
  text = g_strdup_printf (_("Colour of “%s”"), name);
  gtk_color_button_set_title (GTK_COLOR_BUTTON (row->colour), text);
  gtk_widget_set_tooltip_text (row->colour, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->colour), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  gtk_widget_set_valign (row->colour, GTK_ALIGN_CENTER);
  g_signal_connect_data (row->colour, "notify::rgba", G_CALLBACK (holder_colour_cb),
                         g_rc_box_acquire (row), closure_unref_holder_row, 0);
  gtk_grid_attach (self->holders_grid, row->colour, 0, grid_row, 1, 1);

  row->name = gtk_entry_new ();
  widget_name = g_strdup_printf ("holder-name:%s", row->id);
  gtk_widget_set_name (row->name, widget_name);
  gtk_widget_set_hexpand (row->name, TRUE);
  gtk_widget_set_valign (row->name, GTK_ALIGN_CENTER);
  row->synced_name = g_strdup (up_item_get_name (UP_ITEM (holder)));
  gtk_editable_set_text (GTK_EDITABLE (row->name), row->synced_name ?: "");
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_holders (self->plan)));
    g_autofree char *a11y = g_strdup_printf (_("Name of budget holder %d of %u"), grid_row, n);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row->name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    a11y, -1);
  }
  g_signal_connect_data (row->name, "changed", G_CALLBACK (holder_name_changed_cb),
                         g_rc_box_acquire (row), closure_unref_holder_row, 0);
  gtk_grid_attach (self->holders_grid, row->name, 1, grid_row, 1, 1);

  row->is_public = gtk_check_button_new_with_label (_("Public body"));
  g_free (widget_name);
  widget_name = g_strdup_printf ("public:%s", row->id);
  gtk_widget_set_name (row->is_public, widget_name);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->is_public),
                               up_budget_holder_get_public (holder));
  gtk_widget_set_tooltip_text (row->is_public, _("Its money is public money: counted in public "
                                                 "costs, savings and the budget impact"));
  g_signal_connect_data (row->is_public, "toggled", G_CALLBACK (holder_public_cb),
                         g_rc_box_acquire (row), closure_unref_holder_row, 0);
  gtk_grid_attach (self->holders_grid, row->is_public, 2, grid_row, 1, 1);

  row->pooled = gtk_check_button_new_with_label (_("In the pooled budget"));
  g_free (widget_name);
  widget_name = g_strdup_printf ("pooled:%s", row->id);
  gtk_widget_set_name (row->pooled, widget_name);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->pooled),
                               up_budget_holder_get_pooled (holder));
  gtk_widget_set_tooltip_text (row->pooled, _("It puts its money in the pooled, place-based "
                                              "budget, whose net position is shown too"));
  g_signal_connect_data (row->pooled, "toggled", G_CALLBACK (holder_pooled_cb),
                         g_rc_box_acquire (row), closure_unref_holder_row, 0);
  gtk_grid_attach (self->holders_grid, row->pooled, 3, grid_row, 1, 1);

  row->uses = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->uses), 0);
  gtk_widget_add_css_class (row->uses, "dim-label");
  gtk_grid_attach (self->holders_grid, row->uses, 4, grid_row, 1, 1);

  g_free (text);
  text = g_strdup_printf (_("Remove “%s”"), name);
  remove = remove_button_new (_("Remove this budget holder"), text);
  g_free (widget_name);
  widget_name = g_strdup_printf ("remove-holder:%s", row->id);
  gtk_widget_set_name (remove, widget_name);
  g_signal_connect_data (remove, "clicked", G_CALLBACK (remove_holder_cb),
                         g_rc_box_acquire (row), closure_unref_holder_row, 0);
  gtk_grid_attach (self->holders_grid, remove, 5, grid_row, 1, 1);
}

static void
rebuild_holders (UpCostsView *self)
{
  GListModel *holders = G_LIST_MODEL (up_plan_get_holders (self->plan));
  guint n = g_list_model_get_n_items (holders);

  for (guint i = 0; i < self->holder_rows->len; i++)
    ((HolderRow *) self->holder_rows->pdata[i])->view = NULL;
  g_ptr_array_set_size (self->holder_rows, 0);
  g_ptr_array_set_size (self->holder_layout, 0);
  clear_grid (self->holders_grid);

  gtk_grid_attach (self->holders_grid, column_heading_new (_("Name")), 1, 0, 1, 1);
  gtk_grid_attach (self->holders_grid, column_heading_new (_("Default holder of")), 4, 0, 1,
                   1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpBudgetHolder) holder = g_list_model_get_item (holders, i);

      g_ptr_array_add (self->holder_layout, g_object_ref (holder));
      add_holder_row (self, holder, i + 1);
    }
  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No budget holders yet. Add the bodies that pay: an "
                                          "NHS integrated care board, the council, the "
                                          "police…"));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_grid_attach (self->holders_grid, empty, 0, 1, 6, 1);
    }
  self->holders_built = TRUE;
}

static gboolean
layout_matches (GPtrArray  *layout,
                GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  if (n != layout->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (item != layout->pdata[i])
        return FALSE;
    }
  return TRUE;
}

static void
refresh_holders (UpCostsView *self)
{
  GListModel *items = G_LIST_MODEL (up_plan_get_cost_items (self->plan));
  g_autoptr(GString) pooled = g_string_new (NULL);

  for (guint i = 0; i < self->holder_rows->len; i++)
    {
      HolderRow *row = self->holder_rows->pdata[i];
      const char *name = up_item_get_name (UP_ITEM (row->holder));
      GdkRGBA rgba, shown;
      guint n_items = 0;
      g_autofree char *uses = NULL;

      if (g_strcmp0 (name, row->synced_name) != 0)
        {
          g_free (row->synced_name);
          row->synced_name = g_strdup (name);
          gtk_editable_set_text (GTK_EDITABLE (row->name), name ?: "");
        }
      if (gdk_rgba_parse (&rgba, up_budget_holder_get_colour (row->holder) ?: ""))
        {
          gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (row->colour), &shown);
          if (!gdk_rgba_equal (&rgba, &shown))
            gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (row->colour), &rgba);
        }
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->is_public),
                                   up_budget_holder_get_public (row->holder));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->pooled),
                                   up_budget_holder_get_pooled (row->holder));
      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(UpCostItem) item = g_list_model_get_item (items, j);

          if (g_strcmp0 (up_cost_item_get_holder (item), row->id) == 0)
            n_items++;
        }
      uses = g_strdup_printf (ngettext ("%u cost item", "%u cost items", n_items), n_items);
      gtk_label_set_label (GTK_LABEL (row->uses), uses);

      if (up_budget_holder_get_pooled (row->holder))
        g_string_append_printf (pooled, pooled->len ? ", %s" : "%s", item_label (row->holder));
    }
  if (pooled->len > 0)
    {
      /* translators: followed by the names of the budget holders in the pooled budget */
      g_autofree char *text = g_strdup_printf (_("Pooled budget: %s"), pooled->str);

      gtk_label_set_label (self->pooled_label, text);
    }
  else
    gtk_label_set_label (self->pooled_label,
                         _("Pooled budget: none. Tick “In the pooled budget” for the holders "
                           "that pool their money."));
}

static void
add_holder_clicked_cb (UpCostsView *self)
{
  GListStore *store;
  g_autofree char *id = NULL;
  g_autoptr(UpBudgetHolder) holder = NULL;
  guint n;

  if (self->plan == NULL)
    return;
  store = up_plan_get_holders (self->plan);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  id = unique_id (store, "holder");
  holder = up_budget_holder_new (id, _("New budget holder"));
  up_budget_holder_set_colour (holder, holder_palette[n % G_N_ELEMENTS (holder_palette)]);
  up_budget_holder_set_public (holder, TRUE);
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_append (store, holder);

  if (self->holder_rows->len > 0)
    {
      HolderRow *row = self->holder_rows->pdata[self->holder_rows->len - 1];

      gtk_widget_grab_focus (row->name);
      gtk_editable_select_region (GTK_EDITABLE (row->name), 0, -1);
    }
}

/* ---- Costs of each state ----------------------------------------------------------------- */

/* The line layout holds NULL between the use and the entry lines. */
static void
unref_if_object (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
line_row_clear (LineRow *row)
{
  g_clear_object (&row->state);
  g_clear_object (&row->line);
}

static void
line_row_unref (gpointer row)
{
  g_rc_box_release_full (row, (GDestroyNotify) line_row_clear);
}

static void
closure_unref_line_row (gpointer  data,
                        GClosure *closure)
{
  line_row_unref (data);
}

static UpState *
selected_state (UpCostsView *self)
{
  return self->selected_state ? up_plan_find_state (self->plan, self->selected_state) : NULL;
}

static void
line_item_selected_cb (GtkDropDown *dropdown,
                       GParamSpec  *pspec,
                       LineRow     *row)
{
  UpCostsView *self = row->view;
  const char *item;

  if (self == NULL || self->syncing)
    return;
  item = id_at (up_plan_get_cost_items (self->plan), gtk_drop_down_get_selected (dropdown));
  if (item == NULL || g_strcmp0 (item, up_cost_line_get_item (row->line)) == 0)
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_cost_line_set_item (row->line, item);
}

static void
line_holder_selected_cb (GtkDropDown *dropdown,
                         GParamSpec  *pspec,
                         LineRow     *row)
{
  UpCostsView *self = row->view;
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *holder = NULL;

  if (self == NULL || self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0)
    holder = id_at (up_plan_get_holders (self->plan), selected - 1);
  if (g_strcmp0 (holder, up_cost_line_get_holder (row->line)) == 0)
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_cost_line_set_holder (row->line, holder);
}

static void
remove_line_cb (GtkButton *button,
                LineRow   *row)
{
  UpCostsView *self = row->view;
  GListStore *store;
  guint position;

  if (self == NULL)
    return;
  store = row->entry ? up_state_get_entry (row->state) : up_state_get_use (row->state);
  if (!g_list_store_find (store, row->line, &position))
    return;
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_remove (store, position);
}

static GtkExpression *
string_expression (void)
{
  return gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
}

static void
add_line_row (UpCostsView *self,
              GtkGrid     *grid,
              UpState     *state,
              UpCostLine  *line,
              gboolean     entry,
              int          grid_row)
{
  LineRow *row = g_rc_box_new0 (LineRow);
  const UpNumberSpec *spec = up_item_find_number (UP_ITEM (line), "quantity");
  GtkWidget *quantity, *remove;
  UpCostItem *item = up_plan_find_cost_item (self->plan, up_cost_line_get_item (line));
  const char *item_name = item ? item_label (item) : up_cost_line_get_item (line);
  g_autofree char *text = NULL;
  g_autofree char *widget_name = NULL;
  const char *kind = entry ? "entry" : "use";

  row->view = self;
  row->state = g_object_ref (state);
  row->line = g_object_ref (line);
  row->entry = entry;
  g_ptr_array_add (self->line_rows, row);

  row->item = names_drop_down_new (self->item_names, 40);
  {
    /* The drop-down takes its own reference to the expression. */
    g_autoptr(GtkExpression) expression = string_expression ();

    gtk_drop_down_set_expression (GTK_DROP_DOWN (row->item), expression);
  }
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (row->item), TRUE);
  gtk_widget_set_hexpand (row->item, TRUE);
  widget_name = g_strdup_printf ("%s-item:%d", kind, grid_row - 1);
  gtk_widget_set_name (row->item, widget_name);
  text = g_strdup_printf (entry ? _("Cost item charged on entering, line %d")
                                : _("Cost item used, line %d"), grid_row);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  g_signal_connect_data (row->item, "notify::selected", G_CALLBACK (line_item_selected_cb),
                         g_rc_box_acquire (row), closure_unref_line_row, 0);
  gtk_grid_attach (grid, row->item, 0, grid_row, 1, 1);

  quantity = up_number_field_new_for_spec (spec);
  up_number_field_bind_item (UP_NUMBER_FIELD (quantity), self->session, UP_ITEM (line), spec);
  g_free (widget_name);
  widget_name = g_strdup_printf ("%s-quantity:%d", kind, grid_row - 1);
  gtk_widget_set_name (quantity, widget_name);
  g_free (text);
  text = g_strdup_printf (entry ? _("Quantity of “%s” for each person entering")
                                : _("Quantity of “%s” a person uses in a year"), item_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (up_number_field_get_spin_button (
                                    UP_NUMBER_FIELD (quantity))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_valign (quantity, GTK_ALIGN_CENTER);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    /* The unit beside the number: "55 bed day". */
    row->unit = gtk_label_new (NULL);
    gtk_label_set_xalign (GTK_LABEL (row->unit), 0);
    gtk_label_set_width_chars (GTK_LABEL (row->unit), 10);
    gtk_label_set_ellipsize (GTK_LABEL (row->unit), PANGO_ELLIPSIZE_END);
    gtk_widget_add_css_class (row->unit, "dim-label");
    gtk_box_append (GTK_BOX (box), quantity);
    gtk_box_append (GTK_BOX (box), row->unit);
    gtk_grid_attach (grid, box, 1, grid_row, 1, 1);
  }

  row->holder = names_drop_down_new (self->line_holder_names, 24);
  g_free (text);
  text = g_strdup_printf (_("Budget holder that pays for “%s”"), item_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->holder), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  g_signal_connect_data (row->holder, "notify::selected", G_CALLBACK (line_holder_selected_cb),
                         g_rc_box_acquire (row), closure_unref_line_row, 0);
  gtk_grid_attach (grid, row->holder, 2, grid_row, 1, 1);

  row->cost = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->cost), 1);
  gtk_label_set_width_chars (GTK_LABEL (row->cost), 12);
  gtk_widget_add_css_class (row->cost, "numeric");
  gtk_grid_attach (grid, row->cost, 3, grid_row, 1, 1);

  g_free (text);
  text = g_strdup_printf (_("Remove the line of “%s”"), item_name);
  remove = remove_button_new (_("Remove this line"), text);
  g_free (widget_name);
  widget_name = g_strdup_printf ("%s-remove:%d", kind, grid_row - 1);
  gtk_widget_set_name (remove, widget_name);
  g_signal_connect_data (remove, "clicked", G_CALLBACK (remove_line_cb), g_rc_box_acquire (row),
                         closure_unref_line_row, 0);
  gtk_grid_attach (grid, remove, 4, grid_row, 1, 1);
}

static void
build_line_grid (UpCostsView *self,
                 GtkGrid     *grid,
                 UpState     *state,
                 gboolean     entry)
{
  GListModel *lines = G_LIST_MODEL (entry ? up_state_get_entry (state) : up_state_get_use (state));
  guint n = g_list_model_get_n_items (lines);

  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (entry ? _("No entry costs.")
                                              : _("No service use."));

      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_grid_attach (grid, empty, 0, 0, 5, 1);
      return;
    }
  gtk_grid_attach (grid, column_heading_new (_("Cost item")), 0, 0, 1, 1);
  gtk_grid_attach (grid, column_heading_new (entry ? _("Units on entering")
                                                   : _("Units a year")), 1, 0, 1, 1);
  gtk_grid_attach (grid, column_heading_new (_("Paid by")), 2, 0, 1, 1);
  {
    GtkWidget *heading = column_heading_new (entry ? _("Each entry") : _("A year"));

    gtk_label_set_xalign (GTK_LABEL (heading), 1);
    gtk_grid_attach (grid, heading, 3, 0, 1, 1);
  }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpCostLine) line = g_list_model_get_item (lines, i);

      g_ptr_array_add (self->line_layout, g_object_ref (line));
      add_line_row (self, grid, state, line, entry, i + 1);
    }
}

static void
rebuild_lines (UpCostsView *self)
{
  UpState *state = selected_state (self);

  for (guint i = 0; i < self->line_rows->len; i++)
    ((LineRow *) self->line_rows->pdata[i])->view = NULL;
  g_ptr_array_set_size (self->line_rows, 0);
  g_ptr_array_set_size (self->line_layout, 0);
  clear_grid (self->use_grid);
  clear_grid (self->entry_grid);
  self->lines_built = TRUE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_use_button), state != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_entry_button), state != NULL);
  if (state == NULL)
    return;
  g_ptr_array_add (self->line_layout, g_object_ref (state));
  build_line_grid (self, self->use_grid, state, FALSE);
  g_ptr_array_add (self->line_layout, NULL);
  build_line_grid (self, self->entry_grid, state, TRUE);
}

static gboolean
lines_layout_is_current (UpCostsView *self)
{
  UpState *state = selected_state (self);
  guint k = 0;

  if (!self->lines_built)
    return FALSE;
  if (state == NULL)
    return self->line_layout->len == 0;
  if (self->line_layout->len == 0 || self->line_layout->pdata[k++] != state)
    return FALSE;
  for (int l = 0; l < 2; l++)
    {
      GListModel *lines = G_LIST_MODEL (l == 0 ? up_state_get_use (state)
                                               : up_state_get_entry (state));

      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(GObject) line = g_list_model_get_item (lines, i);

          if (k >= self->line_layout->len || self->line_layout->pdata[k++] != line)
            return FALSE;
        }
      if (l == 0 && (k >= self->line_layout->len || self->line_layout->pdata[k++] != NULL))
        return FALSE;
    }
  return k == self->line_layout->len;
}

static void
refresh_lines (UpCostsView *self)
{
  UpState *state = selected_state (self);
  const char *currency = up_plan_get_currency (self->plan);
  int base = (int) up_item_get_number (UP_ITEM (self->plan),
                                       up_item_find_number (UP_ITEM (self->plan),
                                                            "price-base-year"));

  for (guint i = 0; i < self->line_rows->len; i++)
    {
      LineRow *row = self->line_rows->pdata[i];
      UpCostItem *item = up_plan_find_cost_item (self->plan, up_cost_line_get_item (row->line));
      const char *holder = up_cost_line_get_holder (row->line);
      guint holder_index = 0;
      g_autofree char *money = NULL;

      gtk_drop_down_set_selected (GTK_DROP_DOWN (row->item),
                                  index_of_id (up_plan_get_cost_items (self->plan),
                                               up_cost_line_get_item (row->line)));
      if (holder != NULL)
        {
          guint h = index_of_id (up_plan_get_holders (self->plan), holder);

          holder_index = h == GTK_INVALID_LIST_POSITION ? h : h + 1;
        }
      gtk_drop_down_set_selected (GTK_DROP_DOWN (row->holder), holder_index);
      if (item != NULL)
        {
          UpBudgetHolder *own = up_plan_find_holder (self->plan, up_cost_item_get_holder (item));
          /* translators: the tooltip of "Item’s default" in the "Paid by" column */
          g_autofree char *tip = g_strdup_printf (_("The item’s default budget holder is %s"),
                                                  own ? item_label (own) : _("missing"));

          gtk_widget_set_tooltip_text (row->holder, tip);
        }

      if (item != NULL)
        {
          gboolean uplifted = TRUE;
          double quantity = up_item_get_number (UP_ITEM (row->line),
                                                up_item_find_number (UP_ITEM (row->line),
                                                                     "quantity"));
          double unit = up_cost_item_cost_at_base (self->plan, item, &uplifted);

          money = up_format_money (unit * quantity, currency);
          gtk_label_set_label (GTK_LABEL (row->cost), money);
          gtk_label_set_label (GTK_LABEL (row->unit), up_cost_item_get_unit (item) ?: "");
          gtk_widget_set_tooltip_text (row->unit, up_cost_item_get_unit (item));
          if (uplifted)
            {
              g_autofree char *unit_money = up_format_money (unit, currency);
              /* translators: "£410 per bed day at 2023 prices" */
              g_autofree char *tip = g_strdup_printf (_("%s per %s at %d prices"), unit_money,
                                                      up_cost_item_get_unit (item) ?: _("unit"),
                                                      base);

              gtk_widget_set_tooltip_text (row->cost, tip);
            }
          else
            gtk_widget_set_tooltip_text (row->cost,
                                         _("Not uplifted: the item’s price year is not in the "
                                           "price index"));
        }
      else
        {
          gtk_label_set_label (GTK_LABEL (row->cost), _("no such item"));
          gtk_label_set_label (GTK_LABEL (row->unit), "");
          gtk_widget_set_tooltip_text (row->cost, _("The cost item of this line does not exist; "
                                                    "choose another"));
        }
    }

  if (state == NULL)
    {
      gtk_label_set_label (self->state_summary, g_list_model_get_n_items (
                             G_LIST_MODEL (up_plan_get_states (self->plan))) == 0
                           ? _("The plan has no states yet: add them on the People and "
                               "Pathways page.")
                           : "");
      return;
    }
  {
    gboolean complete_use = TRUE, complete_entry = TRUE;
    double annual = up_cost_lines_total (self->plan, G_LIST_MODEL (up_state_get_use (state)),
                                         &complete_use);
    double entering = up_cost_lines_total (self->plan,
                                           G_LIST_MODEL (up_state_get_entry (state)),
                                           &complete_entry);
    g_autofree char *annual_text = up_format_money (annual, currency);
    g_autofree char *entering_text = up_format_money (entering, currency);
    g_autoptr(GString) summary = g_string_new (NULL);

    /* translators: "£8,398 a year for each person in “Crisis”, at 2023 prices" */
    g_string_append_printf (summary, _("%s a year for each person in “%s”, at %d prices"),
                            annual_text, item_label (state), base);
    if (g_list_model_get_n_items (G_LIST_MODEL (up_state_get_entry (state))) > 0)
      {
        g_string_append_c (summary, '\n');
        g_string_append_printf (summary, _("%s for each person who moves into it"),
                                entering_text);
      }
    if (!complete_use || !complete_entry)
      {
        g_string_append_c (summary, '\n');
        g_string_append (summary, _("Some lines are not counted or not uplifted: see the marks "
                                    "below."));
      }
    if (up_state_get_crisis (state))
      {
        g_string_append_c (summary, '\n');
        g_string_append (summary, _("A crisis state: these costs count as crisis costs."));
      }
    gtk_label_set_label (self->state_summary, summary->str);
  }
}

static void
state_selected_cb (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   UpCostsView *self)
{
  const char *id;

  if (self->syncing || self->plan == NULL)
    return;
  id = id_at (up_plan_get_states (self->plan), gtk_drop_down_get_selected (dropdown));
  if (id == NULL || g_strcmp0 (id, self->selected_state) == 0)
    return;
  g_free (self->selected_state);
  self->selected_state = g_strdup (id);
  sync_from_plan (self);
}

static void
add_line (UpCostsView *self,
          gboolean     entry)
{
  UpState *state = selected_state (self);
  GListModel *items;
  GListStore *store;
  g_autoptr(UpCostLine) line = NULL;
  const char *item_id = NULL;

  if (state == NULL)
    return;
  items = G_LIST_MODEL (up_plan_get_cost_items (self->plan));
  if (g_list_model_get_n_items (items) == 0)
    {
      tell (self, _("No Cost Items Yet"),
            _("A line counts units of a cost item. Add cost items to the unit-cost library "
              "first, or import them from a CSV file."));
      return;
    }
  store = entry ? up_state_get_entry (state) : up_state_get_use (state);
  /* The first item not yet counted in this list, so that a new line is not a double. */
  for (guint i = 0; i < g_list_model_get_n_items (items) && item_id == NULL; i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (items, i);
      gboolean used = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (store)) && !used; j++)
        {
          g_autoptr(UpCostLine) other = g_list_model_get_item (G_LIST_MODEL (store), j);

          used = g_strcmp0 (up_cost_line_get_item (other), up_item_get_id (item)) == 0;
        }
      if (!used)
        item_id = up_item_get_id (item);
    }
  if (item_id == NULL)
    {
      g_autoptr(UpItem) first = g_list_model_get_item (items, 0);

      item_id = up_item_get_id (first);
    }
  line = up_cost_line_new (item_id, 1, NULL);
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_append (store, line);
}

static void
add_use_clicked_cb (UpCostsView *self)
{
  add_line (self, FALSE);
}

static void
add_entry_clicked_cb (UpCostsView *self)
{
  add_line (self, TRUE);
}

/* ---- Keeping in step with the plan ------------------------------------------------------- */

static void
sync_string_lists (UpCostsView *self)
{
  g_autoptr(GPtrArray) holders = g_ptr_array_new ();
  g_autoptr(GPtrArray) line_holders = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  GListModel *model;

  g_ptr_array_add (line_holders, (gpointer) _("Item’s default"));
  model = G_LIST_MODEL (up_plan_get_holders (self->plan));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(UpItem) holder = g_list_model_get_item (model, i);

      g_ptr_array_add (holders, (gpointer) item_label (holder));
      g_ptr_array_add (line_holders, (gpointer) item_label (holder));
    }
  model = G_LIST_MODEL (up_plan_get_cost_items (self->plan));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (model, i);

      g_ptr_array_add (items, (gpointer) item_label (item));
    }
  model = G_LIST_MODEL (up_plan_get_states (self->plan));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(UpItem) state = g_list_model_get_item (model, i);

      g_ptr_array_add (states, (gpointer) item_label (state));
    }
  string_list_sync (self->line_holder_names, line_holders);
  string_list_sync (self->item_names, items);
  string_list_sync (self->state_names, states);
  string_list_sync (self->holder_names, holders);
}

static void
sync_from_plan (UpCostsView *self)
{
  GListStore *states;

  if (self->plan == NULL)
    return;
  self->syncing++;
  sync_string_lists (self);
  sync_library_ids (self);

  if (!self->holders_built ||
      !layout_matches (self->holder_layout, G_LIST_MODEL (up_plan_get_holders (self->plan))))
    rebuild_holders (self);
  refresh_holders (self);

  states = up_plan_get_states (self->plan);
  if (selected_state (self) == NULL)
    {
      g_free (self->selected_state);
      self->selected_state = g_strdup (id_at (states, 0));
    }
  gtk_drop_down_set_selected (self->state_dropdown, index_of_id (states, self->selected_state));
  if (!lines_layout_is_current (self))
    rebuild_lines (self);
  refresh_lines (self);

  refresh_library (self);
  self->syncing--;
}

static void
plan_changed_cb (UpPlan      *plan,
                 UpCostsView *self)
{
  sync_from_plan (self);
}

static void
results_changed_cb (UpCostsView *self)
{
  refresh_status_icons (self);
}

static void
set_plan (UpCostsView *self,
          UpPlan      *plan)
{
  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_clear_signal_handler (&self->plan_changed_id, self->plan);
  g_set_object (&self->plan, plan);
  self->holders_built = FALSE;
  self->lines_built = FALSE;
  g_clear_pointer (&self->selected_state, g_free);
  gtk_string_list_splice (self->library_ids, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->library_ids)), NULL);
  if (plan == NULL)
    return;
  self->plan_changed_id = g_signal_connect (plan, "changed", G_CALLBACK (plan_changed_cb), self);
  sync_from_plan (self);
}

static void
plan_replaced_cb (UpCostsView *self)
{
  set_plan (self, up_plan_session_get_plan (self->session));
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
up_costs_view_dispose (GObject *object)
{
  UpCostsView *self = UP_COSTS_VIEW (object);
  GtkWidget *child;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->plan_changed_id, self->plan);
  g_clear_object (&self->plan);
  for (guint i = 0; self->holder_rows && i < self->holder_rows->len; i++)
    ((HolderRow *) self->holder_rows->pdata[i])->view = NULL;
  for (guint i = 0; self->line_rows && i < self->line_rows->len; i++)
    ((LineRow *) self->line_rows->pdata[i])->view = NULL;
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), UP_TYPE_COSTS_VIEW);
  /* The template's top box is not a bound child: unparent what is left. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_handle_id (&self->populate_id, g_source_remove);
  g_clear_pointer (&self->bound_cells, g_hash_table_unref);
  g_clear_pointer (&self->pending_cells, g_hash_table_unref);
  g_clear_pointer (&self->holder_rows, g_ptr_array_unref);
  g_clear_pointer (&self->holder_layout, g_ptr_array_unref);
  g_clear_pointer (&self->line_rows, g_ptr_array_unref);
  g_clear_pointer (&self->line_layout, g_ptr_array_unref);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->library_ids);
  g_clear_object (&self->category_menu);
  g_clear_object (&self->holder_names);
  g_clear_object (&self->line_holder_names);
  g_clear_object (&self->item_names);
  g_clear_object (&self->state_names);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (up_costs_view_parent_class)->dispose (object);
}

static void
up_costs_view_finalize (GObject *object)
{
  UpCostsView *self = UP_COSTS_VIEW (object);

  g_free (self->selected_state);
  G_OBJECT_CLASS (up_costs_view_parent_class)->finalize (object);
}

static void
up_costs_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UpCostsView *self = UP_COSTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_costs_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  UpCostsView *self = UP_COSTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: up_costs_view_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_costs_view_class_init (UpCostsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_costs_view_dispose;
  object_class->finalize = up_costs_view_finalize;
  object_class->get_property = up_costs_view_get_property;
  object_class->set_property = up_costs_view_set_property;

  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UP_TYPE_PLAN_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /* The cost-item specs are read before any item is made. */
  g_type_class_ref (UP_TYPE_COST_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/upstreamplanner/"
                                               "Upstream/ui/up-costs-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, stack);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, library_status);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, library_scroller);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, library_view);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, holders_grid);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, pooled_label);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, state_summary);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, use_grid);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, entry_grid);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, add_use_button);
  gtk_widget_class_bind_template_child (widget_class, UpCostsView, add_entry_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_item_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_holder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_use_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_entry_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "costsview");
}

static void
up_costs_view_init (UpCostsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->holder_names = gtk_string_list_new (NULL);
  self->line_holder_names = gtk_string_list_new (NULL);
  self->item_names = gtk_string_list_new (NULL);
  self->state_names = gtk_string_list_new (NULL);
  self->bound_cells = g_hash_table_new (NULL, NULL);
  self->pending_cells = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->category_menu = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      g_autoptr(GMenuItem) entry = g_menu_item_new (categories[i], NULL);

      g_menu_item_set_action_and_target (entry, "cell.category", "s", categories[i]);
      g_menu_append_item (self->category_menu, entry);
    }
  self->holder_rows = g_ptr_array_new_with_free_func (holder_row_unref);
  self->holder_layout = g_ptr_array_new_with_free_func (g_object_unref);
  self->line_rows = g_ptr_array_new_with_free_func (line_row_unref);
  self->line_layout = g_ptr_array_new_with_free_func (unref_if_object);

  self->library_ids = gtk_string_list_new (NULL);
  self->filter = gtk_custom_filter_new (library_filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->library_ids)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  gtk_column_view_set_model (self->library_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (
                               G_LIST_MODEL (g_object_ref (self->filtered)))));

  add_library_column (self, COL_NAME, _("Name"), TRUE);
  add_library_column (self, COL_UNIT, _("Unit"), FALSE);
  add_library_column (self, COL_COST, _("Unit cost"), FALSE);
  add_library_column (self, COL_YEAR, _("Price year"), FALSE);
  add_library_column (self, COL_CATEGORY, _("Category"), FALSE);
  add_library_column (self, COL_CASHABLE, _("Cashable"), FALSE);
  add_library_column (self, COL_HOLDER, _("Default budget holder"), FALSE);
  add_library_column (self, COL_SOURCE, _("Source"), TRUE);
  add_library_column (self, COL_REMOVE, "", FALSE);

  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (self->state_names));
  g_signal_connect (self->state_dropdown, "notify::selected", G_CALLBACK (state_selected_cb),
                    self);
}

UpPlanSession *
up_costs_view_get_session (UpCostsView *self)
{
  g_return_val_if_fail (UP_IS_COSTS_VIEW (self), NULL);
  return self->session;
}

void
up_costs_view_set_session (UpCostsView   *self,
                           UpPlanSession *session)
{
  g_return_if_fail (UP_IS_COSTS_VIEW (self));
  g_return_if_fail (session == NULL || UP_IS_PLAN_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      set_plan (self, NULL);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "plan-replaced", G_CALLBACK (plan_replaced_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "results-changed", G_CALLBACK (results_changed_cb),
                               self, G_CONNECT_SWAPPED);
      set_plan (self, up_plan_session_get_plan (session));
    }
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}
