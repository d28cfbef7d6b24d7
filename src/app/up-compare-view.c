/* up-compare-view.c: the options side by side
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Options are columns, parameters are rows. The table is four panes (see the .ui file):
 * the column headers, the parameter names, the cells and the net-position strip. Rows of
 * the name pane and the cell pane share a vertical GtkSizeGroup each, and the columns of
 * the header, cell and strip panes share a horizontal one, so they line up.
 *
 * The grid is built from the plan's stores and rebuilt only when the plan's structure
 * changes (options, states, holders, effects, one-off cycles, eligibility, names) or
 * when undo replaces the objects; everything else (headlines, the strip, marks of
 * values that differ from business as usual, problems) is refreshed in place on
 * "results-changed", so typing never loses focus. A rebuild puts the focus back on the
 * same cell. Every control carries a key ("option/ID/take-up", …) for that, and the
 * arrow keys walk the cells like a spreadsheet.
 */

#define G_LOG_DOMAIN "up-compare-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "up-chart-view.h"
#include "up-compare-view.h"
#include "up-number-field.h"

/* Every row of the table has this height, whatever the widths: a size group cannot
 * keep rows with wrapped text aligned, since it measures each member for the width of
 * whichever member asked. Row names wrap to at most two lines, which fit. */
#define ROW_HEIGHT 38
#define CELL_MARGIN 2

#define CELL_KEY "up-cell-key"
#define OPTION_ID "up-option-id"

typedef enum
{
  GROUP_DELIVERY,
  GROUP_FUNDING,
  GROUP_REACH,
  GROUP_EFFECTS,
  GROUP_TIMING,
  GROUP_COMMUNITY,
  GROUP_OTHER,
} Group;

/* Where each numeric parameter of an option goes. Keys not listed go under "Other". */
static const struct
{
  const char *key;
  Group       group;
  gboolean    bau_applies;   /* FALSE: business as usual shows "—" */
} number_groups[] = {
  { "fixed-cost", GROUP_DELIVERY, TRUE },
  { "participant-cost", GROUP_DELIVERY, TRUE },
  { "overhead", GROUP_DELIVERY, TRUE },
  { "optimism-bias-costs", GROUP_DELIVERY, TRUE },
  { "take-up", GROUP_REACH, FALSE },
  { "capacity", GROUP_REACH, FALSE },
  { "deadweight", GROUP_EFFECTS, FALSE },
  { "attribution", GROUP_EFFECTS, FALSE },
  { "optimism-bias-benefits", GROUP_EFFECTS, FALSE },
  { "first-cycle", GROUP_TIMING, TRUE },
  { "active-cycles", GROUP_TIMING, TRUE },
  { "ramp-up", GROUP_TIMING, FALSE },
  { "drop-off", GROUP_TIMING, FALSE },
  { "volunteer-hours", GROUP_COMMUNITY, TRUE },
  { "volunteer-value", GROUP_COMMUNITY, TRUE },
  { "in-kind", GROUP_COMMUNITY, TRUE },
};

typedef struct
{
  char        *id;
  char        *name;
  gboolean     bau;
  GtkLabel    *headline;
  GtkLabel    *net_value;
  GtkLabel    *net_break_even;
  GtkLabel    *funding_total;
  GtkWidget   *capacity;       /* the capacity field, sensitive with the limit */
  GtkWidget   *kind;
} Column;

typedef enum
{
  FIELD_NUMBER,          /* an UpNumberField bound to a numeric parameter */
  FIELD_FUNDING,         /* an UpNumberField for a funding share */
  FIELD_ONE_OFF,         /* an UpNumberField for a one-off cost */
  FIELD_EFFECT_RISK,     /* an UpNumberField bound to a relative risk */
  FIELD_EFFECT_REPLACE,  /* a GtkEntry with a replacement schedule */
  FIELD_HAS_CAPACITY,    /* a GtkSwitch */
  FIELD_ELIGIBLE,        /* a GtkCheckButton */
} FieldKind;

typedef struct
{
  FieldKind           kind;
  guint               column;
  GtkWidget          *widget;
  char               *path;     /* parameter path for problems, or NULL */
  const UpNumberSpec *spec;
  char               *holder;
  char               *state;
  int                 cycle;
  gboolean            marked;   /* a problem from the plan is shown */
} Field;

struct _UpCompareView
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *table;
  GtkLabel          *stale_label;
  GtkWidget         *net_chart;     /* cumulative net position, under the strip */
  GtkGrid           *header_grid;
  GtkGrid           *label_grid;
  GtkGrid           *cells_grid;
  GtkGrid           *footer_grid;
  GtkScrollbar      *hscrollbar;
  GtkScrollbar      *vscrollbar;
  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;

  /* owned */
  UpPlanSession     *session;
  UpPlan            *plan;            /* the plan whose stores are watched */
  GListStore        *watched[3];
  gulong             watched_ids[3];
  char              *signature;       /* of the structure the grid was built for */
  GPtrArray         *columns;         /* Column, in display order */
  GPtrArray         *fields;          /* Field */
  GPtrArray         *nav;             /* rows of GPtrArray of focusable widgets */
  char              *pending_focus;
  gboolean           pending_rename;  /* start renaming what pending_focus names */
  guint              rebuild_id;
  guint              scrollbars_id;
  int                row;             /* next row while building */
  gboolean           needs_rebuild;
  gboolean           rebuilding;
};

G_DEFINE_FINAL_TYPE (UpCompareView, up_compare_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *props[N_PROPS];

static void rebuild (UpCompareView *self);
static void refresh (UpCompareView *self);

/* ---- Small helpers ---------------------------------------------------------------- */

static void
column_free (Column *column)
{
  g_free (column->id);
  g_free (column->name);
  g_free (column);
}

static void
field_free (Field *field)
{
  g_free (field->path);
  g_free (field->holder);
  g_free (field->state);
  g_free (field);
}

static Column *
get_column (UpCompareView *self,
            guint          i)
{
  return g_ptr_array_index (self->columns, i);
}

static UpPlan *
get_plan (UpCompareView *self)
{
  return self->session != NULL ? up_plan_session_get_plan (self->session) : NULL;
}

/* The option a control belongs to, looked up by id: controls never keep pointers to
 * document objects, which undo replaces. */
static UpOption *
widget_option (UpCompareView *self,
               gpointer       widget)
{
  const char *id = g_object_get_data (G_OBJECT (widget), OPTION_ID);
  UpPlan *plan = get_plan (self);

  if (id == NULL || plan == NULL)
    return NULL;
  return up_plan_find_option (plan, id);
}

static void
set_key (gpointer    widget,
         const char *option_id,
         const char *key)
{
  g_object_set_data_full (G_OBJECT (widget), CELL_KEY, g_strdup (key), g_free);
  if (option_id != NULL)
    g_object_set_data_full (G_OBJECT (widget), OPTION_ID, g_strdup (option_id), g_free);
}

static void
set_accessible_label (gpointer    widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

/* The control the accessible label and the focus belong to. */
static GtkWidget *
focus_target (GtkWidget *widget)
{
  if (UP_IS_NUMBER_FIELD (widget))
    return GTK_WIDGET (up_number_field_get_spin_button (UP_NUMBER_FIELD (widget)));
  return widget;
}

/* Whether the keyboard focus is in widget (an entry's focus is on the text inside). */
static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* A spin button takes the scroll wheel to change its value: in a table that scrolls,
 * a turn of the wheel meant for the page would change whatever number passed under the
 * pointer. Unless the field is being edited, the wheel scrolls the table instead. */
static gboolean
cell_scroll_cb (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                UpCompareView            *self)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  GtkAdjustment *adjustments[2] = { self->hadjustment, self->vadjustment };
  double deltas[2] = { dx, dy };

  if (contains_focus (spin))
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      double page = gtk_adjustment_get_page_size (adjustments[i]);
      double step = wheel ? pow (page, 2.0 / 3.0) : 1.0;

      if (deltas[i] != 0)
        gtk_adjustment_set_value (adjustments[i],
                                  gtk_adjustment_get_value (adjustments[i]) + deltas[i] * step);
    }
  return TRUE;
}

static void
keep_wheel_for_table (UpCompareView *self,
                      GtkWidget     *field)
{
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (cell_scroll_cb), self);
  gtk_widget_add_controller (focus_target (field), scroll);
}

static void
toast (UpCompareView *self,
       const char    *message,
       gboolean       offer_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  t = adw_toast_new (message);
  if (offer_undo)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static char *
option_display_name (UpOption *option)
{
  const char *name = up_item_get_name (UP_ITEM (option));

  return g_strdup (name != NULL && *name != '\0' ? name : up_item_get_id (UP_ITEM (option)));
}

static char *
state_display_name (UpPlan     *plan,
                    const char *id)
{
  UpState *state = up_plan_find_state (plan, id);
  const char *name = state ? up_item_get_name (UP_ITEM (state)) : NULL;

  return g_strdup (name != NULL && *name != '\0' ? name : id);
}

/* Options in display order: business as usual first, then the store's order. */
static GPtrArray *
list_options (UpPlan *plan)
{
  GListModel *store = G_LIST_MODEL (up_plan_get_options (plan));
  GPtrArray *options = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (store);
  UpOption *bau = up_plan_get_bau (plan);

  if (bau != NULL)
    g_ptr_array_add (options, g_object_ref (bau));
  for (guint i = 0; i < n; i++)
    {
      UpOption *option = g_list_model_get_item (store, i);

      if (option == bau)
        g_object_unref (option);
      else
        g_ptr_array_add (options, option);
    }
  return options;
}

static gboolean
option_has_delivery (UpOption *option)
{
  int *cycles = NULL;
  double *amounts = NULL;
  guint n = up_option_list_one_offs (option, &cycles, &amounts);
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    if (amounts[i] != 0)
      any = TRUE;
  g_free (cycles);
  g_free (amounts);
  if (any)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (number_groups); i++)
    if (number_groups[i].group == GROUP_DELIVERY &&
        (g_str_equal (number_groups[i].key, "fixed-cost") ||
         g_str_equal (number_groups[i].key, "participant-cost")))
      {
        const UpNumberSpec *spec = up_item_find_number (UP_ITEM (option), number_groups[i].key);

        if (spec != NULL && up_item_get_number (UP_ITEM (option), spec) != 0)
          return TRUE;
      }
  return FALSE;
}

/* Marks an entry as holding text the plan refuses: a red outline, a warning icon and
 * the message as tooltip and accessible description (so not by colour alone). */
static void
mark_entry (GtkEntry   *entry,
            const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "invalid");
      gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY,
                                         "dialog-warning-symbolic");
      gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "invalid");
      gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry),
                                   _("A probability per year that replaces the baseline; "
                                     "several values give one per cycle, as in "
                                     "“0.2 0.25 0.3”"));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* ---- Structure signature ------------------------------------------------------------ */

/* Everything the grid's shape and labels depend on. Object addresses are part of it:
 * undo replaces the objects, and the bound fields must follow. */
static char *
compute_signature (UpPlan *plan)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) options = list_options (plan);
  GListModel *states = G_LIST_MODEL (up_plan_get_states (plan));
  GListModel *holders = G_LIST_MODEL (up_plan_get_holders (plan));

  g_string_append_printf (s, "%p|%s|%d|%d\n", (void *) plan, up_plan_get_currency (plan),
                          up_plan_get_start_year (plan), up_plan_get_horizon (plan));
  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(UpItem) st = g_list_model_get_item (states, i);

      g_string_append_printf (s, "s %p %s|%s\n", (void *) st, up_item_get_id (st),
                              up_item_get_name (st));
    }
  for (guint i = 0; i < g_list_model_get_n_items (holders); i++)
    {
      g_autoptr(UpItem) h = g_list_model_get_item (holders, i);

      g_string_append_printf (s, "h %p %s|%s\n", (void *) h, up_item_get_id (h),
                              up_item_get_name (h));
    }
  for (guint i = 0; i < options->len; i++)
    {
      UpOption *o = options->pdata[i];
      GListModel *effects = G_LIST_MODEL (up_option_get_effects (o));
      const char * const *eligible = up_option_get_eligible (o);
      int *cycles = NULL;
      guint n_cycles = up_option_list_one_offs (o, &cycles, NULL);

      g_string_append_printf (s, "o %p %s|%s|%d|", (void *) o, up_item_get_id (UP_ITEM (o)),
                              up_item_get_name (UP_ITEM (o)),
                              up_option_get_kind (o) == UP_OPTION_BAU);
      for (guint e = 0; eligible[e] != NULL; e++)
        g_string_append_printf (s, "%s,", eligible[e]);
      g_string_append_c (s, '|');
      for (guint c = 0; c < n_cycles; c++)
        g_string_append_printf (s, "%d,", cycles[c]);
      g_free (cycles);
      for (guint e = 0; e < g_list_model_get_n_items (effects); e++)
        {
          g_autoptr(UpEffect) effect = g_list_model_get_item (effects, e);

          g_string_append_printf (s, "|e %p %s>%s:%d", (void *) effect,
                                  up_effect_get_from (effect), up_effect_get_to (effect),
                                  up_effect_get_kind (effect));
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- Keyboard: walking the cells ------------------------------------------------------ */

static guint
nav_begin_row (UpCompareView *self)
{
  GPtrArray *row = g_ptr_array_new ();

  g_ptr_array_set_size (row, self->columns->len + 1);
  g_ptr_array_add (self->nav, row);
  return self->nav->len - 1;
}

static void
nav_set (UpCompareView *self,
         guint          row,
         guint          column,
         GtkWidget     *widget)
{
  GPtrArray *r = g_ptr_array_index (self->nav, row);

  g_ptr_array_index (r, column) = widget;
  g_object_set_data (G_OBJECT (widget), "up-nav-row", GUINT_TO_POINTER (row + 1));
  g_object_set_data (G_OBJECT (widget), "up-nav-column", GUINT_TO_POINTER (column + 1));
}

static gboolean
nav_can_take (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_sensitive (widget) && gtk_widget_get_visible (widget);
}

static gboolean
nav_move (UpCompareView *self,
          GtkWidget     *from,
          int            drow,
          int            dcol)
{
  int row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (from), "up-nav-row")) - 1;
  int col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (from), "up-nav-column")) - 1;

  for (;;)
    {
      GPtrArray *r;
      GtkWidget *target;

      row += drow;
      col += dcol;
      if (row < 0 || row >= (int) self->nav->len || col < 0 || col > (int) self->columns->len)
        return FALSE;
      r = g_ptr_array_index (self->nav, row);
      target = g_ptr_array_index (r, col);
      if (nav_can_take (target))
        return gtk_widget_grab_focus (target);
    }
}

static GtkWidget *
nav_cell_of (UpCompareView *self,
             GtkWidget     *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    if (g_object_get_data (G_OBJECT (widget), "up-nav-row") != NULL)
      return widget;
  return NULL;
}

/* In text, Left and Right move the cursor; they leave the cell only from its edge, or
 * when the whole text is selected (as it is when the cell was reached by keyboard). */
static gboolean
text_allows_leaving (GtkWidget *focus,
                     gboolean   forward)
{
  GtkEditable *editable;
  int start, end, pos, len;

  if (!GTK_IS_EDITABLE (focus))
    return TRUE;
  editable = GTK_EDITABLE (focus);
  len = g_utf8_strlen (gtk_editable_get_text (editable), -1);
  if (gtk_editable_get_selection_bounds (editable, &start, &end))
    return start == 0 && end == len;
  pos = gtk_editable_get_position (editable);
  return forward ? pos == len : pos == 0;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                UpCompareView         *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *cell;

  if (focus == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  cell = nav_cell_of (self, focus);
  if (cell == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      nav_move (self, cell, -1, 0);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      nav_move (self, cell, 1, 0);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (gtk_widget_get_direction (cell) == GTK_TEXT_DIR_RTL)
        return text_allows_leaving (focus, TRUE) && nav_move (self, cell, 0, 1);
      return text_allows_leaving (focus, FALSE) && nav_move (self, cell, 0, -1);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (gtk_widget_get_direction (cell) == GTK_TEXT_DIR_RTL)
        return text_allows_leaving (focus, FALSE) && nav_move (self, cell, 0, -1);
      return text_allows_leaving (focus, TRUE) && nav_move (self, cell, 0, 1);
    default:
      return FALSE;
    }
}

/* ---- Focus across rebuilds ------------------------------------------------------------ */

static char *
focused_key (UpCompareView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *w = root ? gtk_root_get_focus (root) : NULL;

  if (w == NULL || !gtk_widget_is_ancestor (w, GTK_WIDGET (self)))
    return NULL;
  for (; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      const char *key = g_object_get_data (G_OBJECT (w), CELL_KEY);

      if (key != NULL)
        return g_strdup (key);
    }
  return NULL;
}

static GtkWidget *
find_key (GtkWidget  *widget,
          const char *key)
{
  GtkWidget *child;

  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), CELL_KEY), key) == 0)
    return widget;
  for (child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_key (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Focuses the cell with key, or where it went: an effect's "+" becomes its field, and
 * a removed effect's field becomes a "+" again. */
static void
restore_focus (UpCompareView *self,
               const char    *key)
{
  g_autofree char *parent = NULL;
  g_autofree char *add = NULL;
  const char *slash;
  GtkWidget *w;

  if (key == NULL)
    return;
  if ((w = find_key (self->table, key)) == NULL && (slash = strrchr (key, '/')) != NULL)
    {
      parent = g_strndup (key, slash - key);
      add = g_strconcat (parent, "/add", NULL);
      if ((w = find_key (self->table, parent)) == NULL)
        w = find_key (self->table, add);
    }
  /* An option's name is a stack of a button and an entry: focus what shows. */
  if (GTK_IS_STACK (w))
    w = gtk_stack_get_visible_child (GTK_STACK (w));
  if (w != NULL && gtk_widget_is_sensitive (w))
    gtk_widget_grab_focus (w);
}

/* ---- Editing: handlers ---------------------------------------------------------------- */

/* The option's name is a flat button showing the whole name (wrapped); activating it
 * swaps in an entry. Enter or leaving the entry renames, Escape cancels. (Not a
 * GtkEditableLabel: GTK 4.8's stops editing from a timeout that can outlive it, and the
 * grid is rebuilt right after a rename.) */
static void
name_finish (UpCompareView *self,
             GtkWidget     *entry,
             gboolean       commit,
             gboolean       keep_focus)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (entry, GTK_TYPE_STACK));
  UpOption *option = widget_option (self, stack);
  gboolean had_focus = keep_focus && contains_focus (entry);
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;

  if (self->rebuilding || option == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (stack), "edit") != 0)
    return;
  gtk_stack_set_visible_child_name (stack, "show");
  if (had_focus)
    gtk_widget_grab_focus (gtk_stack_get_child_by_name (stack, "show"));
  if (!commit)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (*text == '\0')
    {
      toast (self, _("An option needs a name; the old name is kept."), FALSE);
      return;
    }
  if (g_strcmp0 (text, up_item_get_name (UP_ITEM (option))) == 0)
    return;
  key = g_strdup_printf ("option/%s/name", up_item_get_id (UP_ITEM (option)));
  up_plan_session_begin_edit (self->session, key);
  up_item_set_name (UP_ITEM (option), text);
}

static void
name_start (UpCompareView *self,
            GtkStack      *stack)
{
  UpOption *option = widget_option (self, stack);
  GtkWidget *entry = gtk_stack_get_child_by_name (stack, "edit");

  if (option == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (entry), up_item_get_name (UP_ITEM (option)));
  gtk_stack_set_visible_child_name (stack, "edit");
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

static void
name_clicked_cb (GtkButton     *button,
                 UpCompareView *self)
{
  name_start (self, GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_STACK)));
}

static void
name_activate_cb (GtkEntry      *entry,
                  UpCompareView *self)
{
  name_finish (self, GTK_WIDGET (entry), TRUE, TRUE);
}

static void
name_leave_cb (GtkEventControllerFocus *controller,
               UpCompareView           *self)
{
  /* The focus is going elsewhere: leave it there. */
  name_finish (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)), TRUE,
               FALSE);
}

static gboolean
name_key_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             UpCompareView         *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  name_finish (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)), FALSE,
               TRUE);
  return TRUE;
}

static GtkWidget *
name_editor (UpCompareView *self,
             Column        *column,
             GtkWidget    **button_out)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (column->name);
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *leave = gtk_event_controller_focus_new ();
  GtkEventController *escape = gtk_event_controller_key_new ();
  g_autofree char *key = g_strdup_printf ("option/%s/name", column->id);
  /* translators: %s is an option's name */
  g_autofree char *entry_label = g_strdup_printf (_("New name for %s"), column->name);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "option-name");
  gtk_widget_set_tooltip_text (button, _("Rename"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Activate to rename the option"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (name_clicked_cb), self);

  set_accessible_label (entry, entry_label);
  g_signal_connect (entry, "activate", G_CALLBACK (name_activate_cb), self);
  g_signal_connect (leave, "leave", G_CALLBACK (name_leave_cb), self);
  gtk_widget_add_controller (entry, leave);
  g_signal_connect (escape, "key-pressed", G_CALLBACK (name_key_cb), self);
  gtk_widget_add_controller (entry, escape);

  gtk_stack_add_named (GTK_STACK (stack), button, "show");
  gtk_stack_add_named (GTK_STACK (stack), entry, "edit");
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "show");
  gtk_widget_set_hexpand (stack, TRUE);
  gtk_widget_set_valign (stack, GTK_ALIGN_START);
  set_key (stack, column->id, key);
  *button_out = button;
  return stack;
}

static void
kind_selected_cb (GtkDropDown   *dropdown,
                  GParamSpec    *pspec,
                  UpCompareView *self)
{
  UpOption *option = widget_option (self, dropdown);
  guint selected = gtk_drop_down_get_selected (dropdown);
  UpOptionKind kind;

  if (self->rebuilding || option == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  kind = UP_OPTION_MAKE + selected;
  if (kind > UP_OPTION_OTHER || up_option_get_kind (option) == kind ||
      up_option_get_kind (option) == UP_OPTION_BAU)
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_option_set_kind (option, kind);
}

static void
has_capacity_cb (GtkSwitch     *sw,
                 GParamSpec    *pspec,
                 UpCompareView *self)
{
  UpOption *option = widget_option (self, sw);
  gboolean active = gtk_switch_get_active (sw);
  GtkWidget *capacity = g_object_get_data (G_OBJECT (sw), "up-capacity-field");

  if (capacity != NULL)
    gtk_widget_set_sensitive (capacity, active);
  if (self->rebuilding || option == NULL || up_option_get_has_capacity (option) == active)
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_option_set_has_capacity (option, active);
}

static void
eligible_toggled_cb (GtkCheckButton *check,
                     UpCompareView  *self)
{
  UpOption *option = widget_option (self, check);
  const char *state_id = g_object_get_data (G_OBJECT (check), "up-state");
  gboolean active = gtk_check_button_get_active (check);
  UpPlan *plan = get_plan (self);
  GListModel *states;
  const char * const *old;
  g_autoptr(GPtrArray) ids = NULL;

  if (self->rebuilding || option == NULL || up_option_is_eligible (option, state_id) == active)
    return;

  /* The new list in the order of the states, keeping any id that names no state. */
  states = G_LIST_MODEL (up_plan_get_states (plan));
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(UpItem) st = g_list_model_get_item (states, i);
      const char *id = up_item_get_id (st);

      if (g_strcmp0 (id, state_id) == 0 ? active : up_option_is_eligible (option, id))
        g_ptr_array_add (ids, g_strdup (id));
    }
  old = up_option_get_eligible (option);
  for (guint i = 0; old[i] != NULL; i++)
    if (up_plan_find_state (plan, old[i]) == NULL)
      g_ptr_array_add (ids, g_strdup (old[i]));
  g_ptr_array_add (ids, NULL);

  up_plan_session_begin_edit (self->session, NULL);
  up_option_set_eligible (option, (const char * const *) ids->pdata);
}

static void
funding_changed_cb (UpNumberField *field,
                    UpCompareView *self)
{
  UpOption *option = widget_option (self, field);
  const char *holder = g_object_get_data (G_OBJECT (field), "up-holder");
  double value = up_number_field_get_value (field);
  g_autofree char *path = NULL;

  if (self->rebuilding || option == NULL)
    return;
  if (up_option_has_funding (option, holder) && up_option_get_funding (option, holder) == value)
    return;
  path = g_strdup_printf ("option/%s/funding/%s", up_item_get_id (UP_ITEM (option)), holder);
  up_plan_session_begin_edit (self->session, path);
  up_option_set_funding (option, holder, value);
}

static void
one_off_changed_cb (UpNumberField *field,
                    UpCompareView *self)
{
  UpOption *option = widget_option (self, field);
  int cycle = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (field), "up-cycle"));
  double value = up_number_field_get_value (field);
  g_autofree char *path = NULL;
  int *cycles = NULL;
  guint n;
  gboolean present = FALSE;

  if (self->rebuilding || option == NULL)
    return;
  n = up_option_list_one_offs (option, &cycles, NULL);
  for (guint i = 0; i < n; i++)
    present |= cycles[i] == cycle;
  g_free (cycles);
  if (present && up_option_get_one_off (option, cycle) == value)
    return;
  path = g_strdup_printf ("option/%s/one-off/%d", up_item_get_id (UP_ITEM (option)), cycle);
  up_plan_session_begin_edit (self->session, path);
  up_option_set_one_off (option, cycle, value);
}

static void
one_off_remove_cb (GtkButton     *button,
                   UpCompareView *self)
{
  UpOption *option = widget_option (self, button);
  int cycle = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "up-cycle"));

  if (option == NULL)
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_option_remove_one_off (option, cycle);
}

static guint
find_effect_position (UpOption   *option,
                      const char *from,
                      const char *to)
{
  GListModel *effects = G_LIST_MODEL (up_option_get_effects (option));

  for (guint i = 0; i < g_list_model_get_n_items (effects); i++)
    {
      g_autoptr(UpEffect) effect = g_list_model_get_item (effects, i);

      if (g_strcmp0 (up_effect_get_from (effect), from) == 0 &&
          g_strcmp0 (up_effect_get_to (effect), to) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* A new effect that changes nothing until it is edited: a relative risk of 1, or the
 * baseline's own probability. */
static UpEffect *
new_neutral_effect (UpPlan       *plan,
                    const char   *from,
                    const char   *to,
                    UpEffectKind  kind)
{
  UpTransition *tr = up_plan_find_transition (plan, from, to);
  g_autoptr(UpSchedule) value = NULL;

  if (kind == UP_EFFECT_RELATIVE_RISK)
    value = up_schedule_new_constant (1.0);
  else if (tr != NULL && up_transition_get_value (tr) != NULL)
    value = up_schedule_ref (up_transition_get_value (tr));
  else
    value = up_schedule_new_constant (0.0);
  return up_effect_new (from, to, kind, value);
}

static void
effect_add_cb (GtkButton     *button,
               UpCompareView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), OPTION_ID);
  const char *from = g_object_get_data (G_OBJECT (button), "up-from");
  const char *to = g_object_get_data (G_OBJECT (button), "up-to");
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "up-kind"));

  gtk_widget_activate_action (GTK_WIDGET (self), "compare.add-effect", "(sssi)",
                              id, from, to, kind);
}

static void
effect_remove_cb (GtkButton     *button,
                  UpCompareView *self)
{
  UpOption *option = widget_option (self, button);
  const char *from = g_object_get_data (G_OBJECT (button), "up-from");
  const char *to = g_object_get_data (G_OBJECT (button), "up-to");
  guint pos;

  if (option == NULL)
    return;
  pos = find_effect_position (option, from, to);
  if (pos == GTK_INVALID_LIST_POSITION)
    return;
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_remove (up_option_get_effects (option), pos);
}

/* Parses a replacement schedule; every value must be a probability. */
static UpSchedule *
parse_replacement (const char  *text,
                   char       **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UpSchedule) schedule = up_schedule_parse (text, &error);

  if (schedule == NULL)
    {
      *message = g_strdup_printf (_("“%s” is not a number or a list of numbers such as "
                                    "“0.2 0.25 0.3”"), text);
      return NULL;
    }
  for (guint i = 0; i < up_schedule_get_length (schedule); i++)
    {
      double v = up_schedule_get_values (schedule)[i];

      if (!(v >= 0 && v <= 1))
        {
          *message = g_strdup (_("Each value is a probability: between 0 and 1"));
          return NULL;
        }
    }
  return g_steal_pointer (&schedule);
}

static void
replacement_commit (UpCompareView *self,
                    GtkEntry      *entry)
{
  UpOption *option = widget_option (self, entry);
  const char *from = g_object_get_data (G_OBJECT (entry), "up-from");
  const char *to = g_object_get_data (G_OBJECT (entry), "up-to");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  g_autoptr(UpSchedule) schedule = NULL;
  UpEffect *effect;

  if (self->rebuilding || option == NULL ||
      (effect = up_option_find_effect (option, from, to)) == NULL)
    return;
  schedule = parse_replacement (text, &message);
  if (schedule == NULL)
    {
      /* Refused: the plan keeps its value, the text stays for the user to fix. */
      g_object_set_data (G_OBJECT (entry), "up-typed-invalid", GINT_TO_POINTER (TRUE));
      mark_entry (entry, message);
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }
  g_object_set_data (G_OBJECT (entry), "up-typed-invalid", NULL);
  mark_entry (entry, NULL);
  if (up_effect_get_value (effect) != NULL &&
      up_schedule_equal (up_effect_get_value (effect), schedule))
    return;
  path = g_strdup_printf ("option/%s/effect/%s/%s", up_item_get_id (UP_ITEM (option)),
                          from, to);
  up_plan_session_begin_edit (self->session, path);
  up_effect_set_value (effect, schedule);
}

static void
replacement_activate_cb (GtkEntry      *entry,
                         UpCompareView *self)
{
  replacement_commit (self, entry);
}

static void
replacement_leave_cb (GtkEventControllerFocus *controller,
                      UpCompareView           *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  replacement_commit (self, GTK_ENTRY (entry));
  up_plan_session_end_merge (self->session);
}

/* ---- Popovers: adding a one-off cost, adding an effect ----------------------------- */

static void
popover_message (GtkWidget  *popover,
                 const char *message)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (popover), "up-message");

  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
add_one_off_cb (GtkButton     *button,
                UpCompareView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  UpNumberField *cycle_field = g_object_get_data (G_OBJECT (popover), "up-cycle-field");
  UpNumberField *amount_field = g_object_get_data (G_OBJECT (popover), "up-amount-field");
  UpOption *option = widget_option (self, popover);
  int *cycles = NULL;
  guint n;
  int cycle;
  double amount;

  if (option == NULL)
    return;
  /* Take what was typed even if Enter was not pressed. */
  gtk_spin_button_update (up_number_field_get_spin_button (cycle_field));
  gtk_spin_button_update (up_number_field_get_spin_button (amount_field));
  if (up_number_field_get_problem (cycle_field) != NULL ||
      up_number_field_get_problem (amount_field) != NULL)
    {
      popover_message (popover, _("Correct the marked value first."));
      return;
    }
  cycle = (int) up_number_field_get_value (cycle_field);
  amount = up_number_field_get_value (amount_field);
  n = up_option_list_one_offs (option, &cycles, NULL);
  for (guint i = 0; i < n; i++)
    if (cycles[i] == cycle)
      {
        g_free (cycles);
        popover_message (popover, _("This option already has a one-off cost in that cycle: "
                                    "change it in its row."));
        return;
      }
  g_free (cycles);
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_activate_action (GTK_WIDGET (self), "compare.add-one-off", "(sid)",
                              up_item_get_id (UP_ITEM (option)), cycle, amount);
}

static GtkWidget *
labelled (GtkWidget  *grid,
          int         row,
          const char *mnemonic,
          GtkWidget  *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), focus_target (control));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (focus_target (control)),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), control, 1, row, 1, 1);
  return control;
}

static GtkWidget *
popover_shell (UpOption    *option,
               const char  *title,
               GtkWidget  **grid_out)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *message = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (heading), 36);
  gtk_widget_add_css_class (heading, "heading");
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (message), 36);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), message);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_object_set_data (G_OBJECT (popover), "up-message", message);
  g_object_set_data (G_OBJECT (popover), "up-box", box);
  set_key (popover, up_item_get_id (UP_ITEM (option)), NULL);
  *grid_out = grid;
  return popover;
}

static void
popover_add_button (GtkWidget     *popover,
                    const char    *mnemonic,
                    GCallback      callback,
                    UpCompareView *self)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (popover), "up-box");
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (box), button);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), button);
}

static void
create_one_off_popover_cb (GtkMenuButton *button,
                           gpointer       user_data)
{
  UpCompareView *self = user_data;
  UpOption *option = widget_option (self, button);
  UpPlan *plan = get_plan (self);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GtkWidget *popover, *grid, *cycle, *amount;

  if (option == NULL)
    return;
  name = option_display_name (option);
  /* translators: %s is an option's name */
  title = g_strdup_printf (_("One-off cost for %s"), name);
  popover = popover_shell (option, title, &grid);

  cycle = up_number_field_new (UP_UNIT_CYCLE);
  up_number_field_set_range (UP_NUMBER_FIELD (cycle), 1, MAX (up_plan_get_horizon (plan), 1));
  up_number_field_set_value (UP_NUMBER_FIELD (cycle), 1);
  gtk_widget_set_tooltip_text (focus_target (cycle),
                               _("The cycle in which it is paid: 1 is the plan's first year"));
  labelled (grid, 0, _("_Cycle"), cycle);

  amount = up_number_field_new (UP_UNIT_MONEY);
  up_number_field_set_range (UP_NUMBER_FIELD (amount), 0, 1e12);
  up_number_field_set_currency (UP_NUMBER_FIELD (amount), up_plan_get_currency (plan));
  up_number_field_set_value (UP_NUMBER_FIELD (amount), 0);
  labelled (grid, 1, _("_Amount"), amount);

  g_object_set_data (G_OBJECT (popover), "up-cycle-field", cycle);
  g_object_set_data (G_OBJECT (popover), "up-amount-field", amount);
  popover_add_button (popover, _("_Add Cost"), G_CALLBACK (add_one_off_cb), self);
  gtk_menu_button_set_popover (button, popover);
}

static GtkWidget *
dropdown_from_ids (UpPlan     *plan,
                   GPtrArray  *ids,
                   const char *accessible)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *name = state_display_name (plan, ids->pdata[i]);

      gtk_string_list_append (names, name);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  set_accessible_label (dropdown, accessible);
  return dropdown;
}

static void
add_effect_cb (GtkButton     *button,
               UpCompareView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  GPtrArray *from_ids = g_object_get_data (G_OBJECT (popover), "up-from-ids");
  GPtrArray *to_ids = g_object_get_data (G_OBJECT (popover), "up-to-ids");
  GtkDropDown *from_dd = g_object_get_data (G_OBJECT (popover), "up-from");
  GtkDropDown *to_dd = g_object_get_data (G_OBJECT (popover), "up-to");
  GtkDropDown *kind_dd = g_object_get_data (G_OBJECT (popover), "up-kind");
  UpOption *option = widget_option (self, popover);
  guint f = gtk_drop_down_get_selected (from_dd), t = gtk_drop_down_get_selected (to_dd);
  const char *from, *to;

  if (option == NULL || f >= from_ids->len || t >= to_ids->len)
    return;
  from = from_ids->pdata[f];
  to = to_ids->pdata[t];
  if (g_str_equal (from, to))
    {
      popover_message (popover, _("Choose two different states: an effect changes the "
                                  "chance of moving from one to the other."));
      return;
    }
  if (up_option_find_effect (option, from, to) != NULL)
    {
      popover_message (popover, _("This option already has an effect on that move: change "
                                  "it in its row."));
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_activate_action (GTK_WIDGET (self), "compare.add-effect", "(sssi)",
                              up_item_get_id (UP_ITEM (option)), from, to,
                              gtk_drop_down_get_selected (kind_dd) == 1
                              ? UP_EFFECT_REPLACE : UP_EFFECT_RELATIVE_RISK);
}

static void
create_effect_popover_cb (GtkMenuButton *button,
                          gpointer       user_data)
{
  UpCompareView *self = user_data;
  UpOption *option = widget_option (self, button);
  UpPlan *plan = get_plan (self);
  GListModel *states;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GPtrArray *from_ids, *to_ids;
  GtkWidget *popover, *grid, *from, *to, *kind;
  const char *kinds[] = { N_("Relative risk"), N_("Replacement probability"), NULL };
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);

  if (option == NULL)
    return;
  name = option_display_name (option);
  /* translators: %s is an option's name */
  title = g_strdup_printf (_("Effect of %s"), name);
  popover = popover_shell (option, title, &grid);

  states = G_LIST_MODEL (up_plan_get_states (plan));
  from_ids = g_ptr_array_new_with_free_func (g_free);
  to_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(UpItem) st = g_list_model_get_item (states, i);

      if (up_option_is_eligible (option, up_item_get_id (st)))
        g_ptr_array_add (from_ids, g_strdup (up_item_get_id (st)));
      g_ptr_array_add (to_ids, g_strdup (up_item_get_id (st)));
    }
  g_object_set_data_full (G_OBJECT (popover), "up-from-ids", from_ids,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (popover), "up-to-ids", to_ids,
                          (GDestroyNotify) g_ptr_array_unref);

  if (from_ids->len == 0)
    {
      popover_message (popover, _("An effect applies to people in an eligible state. Tick at "
                                  "least one state under Reach first."));
      gtk_menu_button_set_popover (button, popover);
      return;
    }

  from = dropdown_from_ids (plan, from_ids, _("From state"));
  labelled (grid, 0, _("_From"), from);
  to = dropdown_from_ids (plan, to_ids, _("To state"));
  labelled (grid, 1, _("_To"), to);
  /* Default to the next state, which is rarely the same as the first eligible one. */
  for (guint i = 0; i + 1 < to_ids->len; i++)
    if (g_str_equal (to_ids->pdata[i], from_ids->pdata[0]))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (to), i + 1);
  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (kind_names, _(kinds[i]));
  kind = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kind_names)), NULL);
  /* xgettext:no-c-format */
  gtk_widget_set_tooltip_text (kind, _("A relative risk multiplies the chance of the move "
                                       "(× 0.8 is 20% fewer); a replacement probability takes "
                                       "the place of the baseline's"));
  labelled (grid, 2, _("_Kind"), kind);

  g_object_set_data (G_OBJECT (popover), "up-from", from);
  g_object_set_data (G_OBJECT (popover), "up-to", to);
  g_object_set_data (G_OBJECT (popover), "up-kind", kind);
  popover_add_button (popover, _("_Add Effect"), G_CALLBACK (add_effect_cb), self);
  gtk_menu_button_set_popover (button, popover);
}

/* ---- Building the grid ---------------------------------------------------------------- */

static GtkSizeGroup *
row_group (UpCompareView *self,
           GtkWidget     *label)
{
  GtkSizeGroup *group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);

  gtk_size_group_add_widget (group, label);
  /* Widgets in a group hold a reference to it. */
  g_object_unref (group);
  return group;
}

static GtkWidget *
row_label (const char *text,
           const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  g_autofree char *full = g_strdup_printf ("%s\n%s", text, tooltip);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
  gtk_widget_set_size_request (label, -1, ROW_HEIGHT);
  gtk_widget_set_tooltip_text (label, full);
  gtk_widget_add_css_class (label, "compare-row-label");
  return label;
}

/* Starts a row: its name in the name pane; returns the group its cells join. */
static GtkSizeGroup *
begin_row (UpCompareView *self,
           GtkWidget     *label)
{
  gtk_grid_attach (self->label_grid, label, 0, self->row, 1, 1);
  return row_group (self, label);
}

static void
attach_cell (UpCompareView *self,
             GtkSizeGroup  *group,
             guint          column,
             GtkWidget     *cell)
{
  gtk_widget_add_css_class (cell, "compare-cell");
  if (UP_IS_NUMBER_FIELD (cell))
    keep_wheel_for_table (self, cell);
  for (GtkWidget *child = gtk_widget_get_first_child (cell); GTK_IS_BOX (cell) && child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (UP_IS_NUMBER_FIELD (child))
      keep_wheel_for_table (self, child);
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (cell, -1, ROW_HEIGHT - 2 * CELL_MARGIN);
  gtk_grid_attach (self->cells_grid, cell, column, self->row, 1, 1);
  gtk_size_group_add_widget (group, cell);
}

static void
add_heading (UpCompareView *self,
             const char    *title)
{
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *band = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkSizeGroup *group;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "compare-heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  gtk_widget_add_css_class (band, "compare-heading");
  group = begin_row (self, label);
  gtk_grid_attach (self->cells_grid, band, 0, self->row, self->columns->len + 1, 1);
  gtk_size_group_add_widget (group, band);
  self->row++;
}

static GtkWidget *
dash_cell (const char *why)
{
  GtkWidget *label = gtk_label_new ("—");

  gtk_widget_set_sensitive (label, FALSE);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (label, why);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  why, -1);
  return label;
}

static const char *
bau_dash_reason (void)
{
  return _("Not for business as usual: it has no reach and no effects");
}

static Field *
add_field (UpCompareView *self,
           FieldKind      kind,
           guint          column,
           GtkWidget     *widget,
           char          *path)
{
  Field *field = g_new0 (Field, 1);

  field->kind = kind;
  field->column = column;
  field->widget = widget;
  field->path = path;
  g_ptr_array_add (self->fields, field);
  return field;
}

/* "Take-up, Peer-led recovery network": a cell's accessible name says row and column. */
static void
label_cell (GtkWidget  *widget,
            const char *row,
            Column     *column)
{
  /* translators: the accessible name of a cell: %1$s the row, %2$s the option */
  g_autofree char *label = g_strdup_printf (_("%1$s, %2$s"), row, column->name);

  set_accessible_label (focus_target (widget), label);
}

static gboolean
bau_applies (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (number_groups); i++)
    if (g_str_equal (number_groups[i].key, key))
      return number_groups[i].bau_applies;
  return TRUE;
}

static Group
group_of (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (number_groups); i++)
    if (g_str_equal (number_groups[i].key, key))
      return number_groups[i].group;
  return GROUP_OTHER;
}

static void
add_capacity_limit_row (UpCompareView *self,
                        GPtrArray     *options)
{
  const char *text = _("Capacity limit");
  GtkSizeGroup *group = begin_row (self, row_label (text, _("Whether the number of places "
                                                            "is limited; without a limit "
                                                            "everyone who takes up can take "
                                                            "part")));
  guint nav = nav_begin_row (self);

  for (guint c = 0; c < options->len; c++)
    {
      UpOption *option = options->pdata[c];
      Column *column = get_column (self, c);
      g_autofree char *key = g_strdup_printf ("option/%s/has-capacity", column->id);
      GtkWidget *sw;

      if (column->bau)
        {
          attach_cell (self, group, c, dash_cell (bau_dash_reason ()));
          continue;
        }
      sw = gtk_switch_new ();
      gtk_widget_set_halign (sw, GTK_ALIGN_START);
      gtk_switch_set_active (GTK_SWITCH (sw), up_option_get_has_capacity (option));
      set_key (sw, column->id, key);
      label_cell (sw, text, column);
      g_signal_connect (sw, "notify::active", G_CALLBACK (has_capacity_cb), self);
      attach_cell (self, group, c, sw);
      nav_set (self, nav, c, sw);
      add_field (self, FIELD_HAS_CAPACITY, c, sw, NULL);
    }
  self->row++;
}

static void
add_number_row (UpCompareView      *self,
                GPtrArray          *options,
                const UpNumberSpec *spec)
{
  UpPlan *plan = get_plan (self);
  const char *text = _(spec->label);
  GtkSizeGroup *group = begin_row (self, row_label (text, _(spec->blurb)));
  guint nav = nav_begin_row (self);

  for (guint c = 0; c < options->len; c++)
    {
      UpOption *option = options->pdata[c];
      Column *column = get_column (self, c);
      char *path = g_strdup_printf ("option/%s/%s", column->id, spec->key);
      GtkWidget *field;
      gboolean bau_fix;
      Field *f;

      /* Business as usual has no take-up; one read from a file is shown, marked with
       * the plan's complaint, so that it can be put right here. */
      bau_fix = column->bau && g_str_equal (spec->key, "take-up") &&
                up_item_get_number (UP_ITEM (option), spec) != 0;
      if (column->bau && !bau_applies (spec->key) && !bau_fix)
        {
          g_free (path);
          attach_cell (self, group, c, dash_cell (bau_dash_reason ()));
          continue;
        }
      field = up_number_field_new_for_spec (spec);
      up_number_field_set_currency (UP_NUMBER_FIELD (field), up_plan_get_currency (plan));
      up_number_field_bind_item (UP_NUMBER_FIELD (field), self->session, UP_ITEM (option), spec);
      set_key (field, column->id, path);
      label_cell (field, text, column);
      attach_cell (self, group, c, field);
      nav_set (self, nav, c, field);
      f = add_field (self, FIELD_NUMBER, c, field, path);
      f->spec = spec;
      if (bau_fix)
        {
          g_free (f->path);
          f->path = g_strdup_printf ("option/%s", column->id);
        }
      if (g_str_equal (spec->key, "capacity"))
        {
          column->capacity = field;
          gtk_widget_set_sensitive (field, up_option_get_has_capacity (option));
        }
    }
  self->row++;
}

static GtkWidget *
remove_button (const char *accessible)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible);
  set_accessible_label (button, accessible);
  return button;
}

static void
add_one_off_rows (UpCompareView *self,
                  GPtrArray     *options)
{
  UpPlan *plan = get_plan (self);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (int));
  const char *add_text = _("Add one-off cost…");
  GtkSizeGroup *group;
  guint nav;

  /* Every cycle that any option has a one-off cost in, in order. */
  for (guint c = 0; c < options->len; c++)
    {
      int *cycles = NULL;
      guint n = up_option_list_one_offs (options->pdata[c], &cycles, NULL);

      for (guint i = 0; i < n; i++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < all->len; j++)
            seen |= g_array_index (all, int, j) == cycles[i];
          if (!seen)
            g_array_append_val (all, cycles[i]);
        }
      g_free (cycles);
    }
  for (guint i = 1; i < all->len; i++)
    for (guint j = i; j > 0 && g_array_index (all, int, j - 1) > g_array_index (all, int, j); j--)
      {
        int t = g_array_index (all, int, j);

        g_array_index (all, int, j) = g_array_index (all, int, j - 1);
        g_array_index (all, int, j - 1) = t;
      }

  for (guint i = 0; i < all->len; i++)
    {
      int cycle = g_array_index (all, int, i);
      /* translators: %1$d a calendar year, %2$d the cycle number */
      g_autofree char *text = g_strdup_printf (_("One-off cost in %1$d (cycle %2$d)"),
                                               up_plan_get_start_year (plan) + cycle - 1, cycle);

      group = begin_row (self, row_label (text, _("Set-up, procurement or capacity building "
                                                  "paid once, in this cycle")));
      nav = nav_begin_row (self);
      for (guint c = 0; c < options->len; c++)
        {
          UpOption *option = options->pdata[c];
          Column *column = get_column (self, c);
          char *path = g_strdup_printf ("option/%s/one-off/%d", column->id, cycle);
          g_autofree char *remove_key = g_strconcat (path, "/remove", NULL);
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
          GtkWidget *field = up_number_field_new (UP_UNIT_MONEY);
          int *cycles = NULL;
          guint n = up_option_list_one_offs (option, &cycles, NULL);
          gboolean present = FALSE;
          Field *f;

          for (guint k = 0; k < n; k++)
            present |= cycles[k] == cycle;
          g_free (cycles);
          up_number_field_set_range (UP_NUMBER_FIELD (field), 0, 1e12);
          up_number_field_set_currency (UP_NUMBER_FIELD (field), up_plan_get_currency (plan));
          up_number_field_set_value (UP_NUMBER_FIELD (field),
                                     up_option_get_one_off (option, cycle));
          gtk_widget_set_hexpand (field, TRUE);
          set_key (field, column->id, path);
          g_object_set_data (G_OBJECT (field), "up-cycle", GINT_TO_POINTER (cycle));
          label_cell (field, text, column);
          g_signal_connect (field, "value-changed", G_CALLBACK (one_off_changed_cb), self);
          gtk_box_append (GTK_BOX (box), field);
          if (present)
            {
              /* translators: %1$s the row ("One-off cost in 2026 …"), %2$s the option */
              g_autofree char *what = g_strdup_printf (_("Remove %1$s for %2$s"), text,
                                                       column->name);
              GtkWidget *remove = remove_button (what);

              set_key (remove, column->id, remove_key);
              g_object_set_data (G_OBJECT (remove), "up-cycle", GINT_TO_POINTER (cycle));
              g_signal_connect (remove, "clicked", G_CALLBACK (one_off_remove_cb), self);
              gtk_box_append (GTK_BOX (box), remove);
            }
          attach_cell (self, group, c, box);
          nav_set (self, nav, c, field);
          f = add_field (self, FIELD_ONE_OFF, c, field, path);
          f->cycle = cycle;
        }
      self->row++;
    }

  group = begin_row (self, row_label (add_text, _("Add a cost paid once, in a cycle you "
                                                  "choose")));
  nav = nav_begin_row (self);
  for (guint c = 0; c < options->len; c++)
    {
      Column *column = get_column (self, c);
      g_autofree char *key = g_strdup_printf ("option/%s/add-one-off", column->id);
      GtkWidget *button = gtk_menu_button_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, add_text);
      set_key (button, column->id, key);
      label_cell (button, add_text, column);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button),
                                             create_one_off_popover_cb, self, NULL);
      attach_cell (self, group, c, button);
      nav_set (self, nav, c, button);
    }
  self->row++;
}

static void
add_funding_rows (UpCompareView *self,
                  GPtrArray     *options)
{
  UpPlan *plan = get_plan (self);
  GListModel *holders = G_LIST_MODEL (up_plan_get_holders (plan));
  const char *total_text = _("Total of shares");
  GtkSizeGroup *group;

  for (guint h = 0; h < g_list_model_get_n_items (holders); h++)
    {
      g_autoptr(UpItem) holder = g_list_model_get_item (holders, h);
      const char *hid = up_item_get_id (holder);
      const char *hname = up_item_get_name (holder) ? up_item_get_name (holder) : hid;
      /* translators: %s is a budget holder */
      g_autofree char *text = g_strdup_printf (_("Paid by %s"), hname);
      g_autofree char *tip = g_strdup_printf (_("The share of this option's delivery cost that "
                                                "%s pays"), hname);
      guint nav;

      group = begin_row (self, row_label (text, tip));
      nav = nav_begin_row (self);
      for (guint c = 0; c < options->len; c++)
        {
          UpOption *option = options->pdata[c];
          Column *column = get_column (self, c);
          char *path = g_strdup_printf ("option/%s/funding/%s", column->id, hid);
          GtkWidget *field = up_number_field_new (UP_UNIT_FRACTION);
          Field *f;

          up_number_field_set_range (UP_NUMBER_FIELD (field), 0, 1);
          up_number_field_set_value (UP_NUMBER_FIELD (field),
                                     up_option_get_funding (option, hid));
          set_key (field, column->id, path);
          g_object_set_data_full (G_OBJECT (field), "up-holder", g_strdup (hid), g_free);
          label_cell (field, text, column);
          g_signal_connect (field, "value-changed", G_CALLBACK (funding_changed_cb), self);
          attach_cell (self, group, c, field);
          nav_set (self, nav, c, field);
          f = add_field (self, FIELD_FUNDING, c, field, path);
          f->holder = g_strdup (hid);
        }
      self->row++;
    }

  group = begin_row (self, row_label (total_text, _("The shares of an option with delivery "
                                                    "costs must add up to 100%")));
  for (guint c = 0; c < options->len; c++)
    {
      Column *column = get_column (self, c);
      g_autofree char *key = g_strdup_printf ("option/%s/funding-total", column->id);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "numeric");
      set_key (label, column->id, key);
      column->funding_total = GTK_LABEL (label);
      attach_cell (self, group, c, label);
    }
  self->row++;
}

static void
add_eligible_rows (UpCompareView *self,
                   GPtrArray     *options)
{
  UpPlan *plan = get_plan (self);
  GListModel *states = G_LIST_MODEL (up_plan_get_states (plan));

  for (guint s = 0; s < g_list_model_get_n_items (states); s++)
    {
      g_autoptr(UpItem) state = g_list_model_get_item (states, s);
      const char *sid = up_item_get_id (state);
      g_autofree char *sname = state_display_name (plan, sid);
      /* translators: %s is a state of need, as in "Eligible: High need" */
      g_autofree char *text = g_strdup_printf (_("Eligible: %s"), sname);
      g_autofree char *tip = g_strdup_printf (_("Whether people in “%s” can take part"), sname);
      GtkSizeGroup *group = begin_row (self, row_label (text, tip));
      guint nav = nav_begin_row (self);

      for (guint c = 0; c < options->len; c++)
        {
          UpOption *option = options->pdata[c];
          Column *column = get_column (self, c);
          g_autofree char *key = g_strdup_printf ("option/%s/eligible/%s", column->id, sid);
          GtkWidget *check;
          Field *f;

          /* As for take-up: an eligible state of business as usual can be unticked. */
          if (column->bau && !up_option_is_eligible (option, sid))
            {
              attach_cell (self, group, c, dash_cell (bau_dash_reason ()));
              continue;
            }
          check = gtk_check_button_new ();
          gtk_widget_set_halign (check, GTK_ALIGN_START);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       up_option_is_eligible (option, sid));
          set_key (check, column->id, key);
          g_object_set_data_full (G_OBJECT (check), "up-state", g_strdup (sid), g_free);
          label_cell (check, text, column);
          g_signal_connect (check, "toggled", G_CALLBACK (eligible_toggled_cb), self);
          attach_cell (self, group, c, check);
          nav_set (self, nav, c, check);
          f = add_field (self, FIELD_ELIGIBLE, c, check, NULL);
          f->state = g_strdup (sid);
        }
      self->row++;
    }
}

static GtkWidget *
effect_cell (UpCompareView *self,
             Column        *column,
             guint          c,
             UpOption      *option,
             UpEffect      *effect,
             const char    *text,
             GtkWidget    **focus)
{
  const char *from = up_effect_get_from (effect);
  const char *to = up_effect_get_to (effect);
  char *path = g_strdup_printf ("option/%s/effect/%s/%s", column->id, from, to);
  g_autofree char *remove_key = g_strconcat (path, "/remove", NULL);
  /* translators: %1$s the row (a move between states), %2$s the option */
  g_autofree char *what = g_strdup_printf (_("Remove the effect on %1$s for %2$s"), text,
                                           column->name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *remove = remove_button (what);
  GtkWidget *control;

  if (up_effect_get_kind (effect) == UP_EFFECT_RELATIVE_RISK)
    {
      /* translators: %s is a move between states, as in "High need → Crisis" */
      g_autofree char *label = g_strdup_printf (_("Relative risk of %s"), text);

      control = up_number_field_new (UP_UNIT_RATIO);
      up_number_field_set_range (UP_NUMBER_FIELD (control), 0, 1e6);
      up_number_field_bind_param (UP_NUMBER_FIELD (control), self->session, path);
      gtk_widget_set_tooltip_text (focus_target (control),
                                   /* xgettext:no-c-format */
                                   _("Relative risk: × 0.8 means 20% fewer of these moves "
                                     "among participants; above 1 means more"));
      label_cell (control, label, column);
      add_field (self, FIELD_EFFECT_RISK, c, control, path);
    }
  else
    {
      /* translators: %s is a move between states, as in "High need → Emerging need" */
      g_autofree char *label = g_strdup_printf (_("Replacement probability of %s"), text);
      g_autofree char *value = up_schedule_to_string (up_effect_get_value (effect));
      GtkEventController *leave = gtk_event_controller_focus_new ();

      control = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (control), value ? value : "");
      gtk_editable_set_width_chars (GTK_EDITABLE (control), 9);
      gtk_entry_set_placeholder_text (GTK_ENTRY (control), "0.2 0.25 0.3");
      gtk_widget_add_css_class (control, "numeric");
      mark_entry (GTK_ENTRY (control), NULL);
      label_cell (control, label, column);
      g_signal_connect (control, "activate", G_CALLBACK (replacement_activate_cb), self);
      g_signal_connect (leave, "leave", G_CALLBACK (replacement_leave_cb), self);
      gtk_widget_add_controller (control, leave);
      add_field (self, FIELD_EFFECT_REPLACE, c, control, path);
    }
  gtk_widget_set_hexpand (control, TRUE);
  set_key (control, column->id, path);
  g_object_set_data_full (G_OBJECT (control), "up-from", g_strdup (from), g_free);
  g_object_set_data_full (G_OBJECT (control), "up-to", g_strdup (to), g_free);
  set_key (remove, column->id, remove_key);
  g_object_set_data_full (G_OBJECT (remove), "up-from", g_strdup (from), g_free);
  g_object_set_data_full (G_OBJECT (remove), "up-to", g_strdup (to), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (effect_remove_cb), self);
  if (up_effect_get_kind (effect) == UP_EFFECT_REPLACE)
    {
      /* Says in text that this is a probability, not a relative risk (shown "× 0.8"). */
      GtkWidget *prefix = gtk_label_new (C_("replacement probability", "p ="));

      gtk_widget_add_css_class (prefix, "dim-label");
      gtk_widget_set_tooltip_text (prefix, _("A probability that replaces the baseline's"));
      gtk_box_append (GTK_BOX (box), prefix);
    }
  gtk_box_append (GTK_BOX (box), control);
  gtk_box_append (GTK_BOX (box), remove);
  *focus = control;
  return box;
}

static void
add_effect_rows (UpCompareView *self,
                 GPtrArray     *options)
{
  UpPlan *plan = get_plan (self);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  const char *add_text = _("Add effect…");
  GtkSizeGroup *group;
  guint nav;

  /* One row per move that any option has an effect on, in the order first met. */
  for (guint c = 0; c < options->len; c++)
    {
      GListModel *effects = G_LIST_MODEL (up_option_get_effects (options->pdata[c]));

      for (guint e = 0; e < g_list_model_get_n_items (effects); e++)
        {
          g_autoptr(UpEffect) effect = g_list_model_get_item (effects, e);
          gboolean seen = FALSE;

          for (guint r = 0; r < rows->len; r++)
            seen |= g_strcmp0 (up_effect_get_from (rows->pdata[r]),
                               up_effect_get_from (effect)) == 0 &&
                    g_strcmp0 (up_effect_get_to (rows->pdata[r]),
                               up_effect_get_to (effect)) == 0;
          if (!seen)
            g_ptr_array_add (rows, g_object_ref (effect));
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      UpEffect *model_effect = rows->pdata[r];
      const char *from = up_effect_get_from (model_effect);
      const char *to = up_effect_get_to (model_effect);
      g_autofree char *from_name = state_display_name (plan, from);
      g_autofree char *to_name = state_display_name (plan, to);
      /* translators: a move between two states of need, as in "High need → Crisis" */
      g_autofree char *text = g_strdup_printf (_("%1$s → %2$s"), from_name, to_name);
      g_autofree char *tip = g_strdup_printf (_("The option's effect on the yearly chance of "
                                                "moving from “%1$s” to “%2$s”"),
                                              from_name, to_name);

      group = begin_row (self, row_label (text, tip));
      nav = nav_begin_row (self);
      for (guint c = 0; c < options->len; c++)
        {
          UpOption *option = options->pdata[c];
          Column *column = get_column (self, c);
          UpEffect *effect = up_option_find_effect (option, from, to);
          g_autofree char *add_key = g_strdup_printf ("option/%s/effect/%s/%s/add",
                                                      column->id, from, to);
          GtkWidget *cell, *focus = NULL;

          if (column->bau && effect == NULL)
            cell = dash_cell (bau_dash_reason ());
          else if (effect != NULL)
            cell = effect_cell (self, column, c, option, effect, text, &focus);
          else if (!up_option_is_eligible (option, from))
            {
              /* translators: %s is a state of need */
              g_autofree char *why = g_strdup_printf (_("Only people in an eligible state "
                                                        "can be affected: tick “%s” under "
                                                        "Reach to add an effect here"),
                                                      from_name);

              cell = gtk_label_new (_("Not eligible"));
              gtk_widget_set_halign (cell, GTK_ALIGN_START);
              gtk_widget_add_css_class (cell, "dim-label");
              gtk_widget_set_tooltip_text (cell, why);
            }
          else
            {
              /* translators: %1$s a move between states, %2$s an option */
              g_autofree char *what = g_strdup_printf (_("Add an effect on %1$s for %2$s"),
                                                       text, column->name);

              cell = gtk_button_new_from_icon_name ("list-add-symbolic");
              gtk_widget_add_css_class (cell, "flat");
              gtk_widget_set_halign (cell, GTK_ALIGN_START);
              gtk_widget_set_tooltip_text (cell, what);
              set_accessible_label (cell, what);
              set_key (cell, column->id, add_key);
              g_object_set_data_full (G_OBJECT (cell), "up-from", g_strdup (from), g_free);
              g_object_set_data_full (G_OBJECT (cell), "up-to", g_strdup (to), g_free);
              g_object_set_data (G_OBJECT (cell), "up-kind",
                                 GINT_TO_POINTER (up_effect_get_kind (model_effect)));
              g_signal_connect (cell, "clicked", G_CALLBACK (effect_add_cb), self);
              focus = cell;
            }
          attach_cell (self, group, c, cell);
          if (focus != NULL)
            nav_set (self, nav, c, focus);
        }
      self->row++;
    }

  group = begin_row (self, row_label (add_text, _("Add an effect on a move between two "
                                                  "states")));
  nav = nav_begin_row (self);
  for (guint c = 0; c < options->len; c++)
    {
      Column *column = get_column (self, c);
      g_autofree char *key = g_strdup_printf ("option/%s/add-effect", column->id);
      GtkWidget *button;

      if (column->bau)
        {
          attach_cell (self, group, c, dash_cell (bau_dash_reason ()));
          continue;
        }
      button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, add_text);
      set_key (button, column->id, key);
      label_cell (button, add_text, column);
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button),
                                             create_effect_popover_cb, self, NULL);
      attach_cell (self, group, c, button);
      nav_set (self, nav, c, button);
    }
  self->row++;
}

static GMenuModel *
option_menu (Column  *column,
             gboolean first,
             gboolean last)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  GMenuItem *item;

  item = g_menu_item_new (_("_Duplicate"), NULL);
  g_menu_item_set_action_and_target (item, "compare.duplicate", "s", column->id);
  g_menu_append_item (section, item);
  g_object_unref (item);
  if (!column->bau && !first)
    {
      item = g_menu_item_new (_("Move _Left"), NULL);
      g_menu_item_set_action_and_target (item, "compare.move-left", "s", column->id);
      g_menu_append_item (section, item);
      g_object_unref (item);
    }
  if (!column->bau && !last)
    {
      item = g_menu_item_new (_("Move _Right"), NULL);
      g_menu_item_set_action_and_target (item, "compare.move-right", "s", column->id);
      g_menu_append_item (section, item);
      g_object_unref (item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  if (!column->bau)
    {
      section = g_menu_new ();
      item = g_menu_item_new (_("_Remove"), NULL);
      g_menu_item_set_action_and_target (item, "compare.remove", "s", column->id);
      g_menu_append_item (section, item);
      g_object_unref (item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_object_unref (section);
    }
  return G_MENU_MODEL (menu);
}

static void
build_header (UpCompareView *self,
              GPtrArray     *options,
              GPtrArray     *column_groups)
{
  const char *kinds[] = { N_("Make"), N_("Buy"), N_("Communitise"), N_("Other"), NULL };
  guint name_nav = nav_begin_row (self);
  guint kind_nav = nav_begin_row (self);
  GtkWidget *add, *add_slot;

  for (guint c = 0; c < options->len; c++)
    {
      UpOption *option = options->pdata[c];
      Column *column = get_column (self, c);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *name_button = NULL;
      GtkWidget *name = name_editor (self, column, &name_button);
      GtkWidget *menu = gtk_menu_button_new ();
      GtkWidget *menu_slot;
      GtkWidget *headline = gtk_label_new (NULL);
      g_autoptr(GMenuModel) model = option_menu (column, c <= 1, c + 1 == options->len);
      g_autofree char *menu_key = g_strdup_printf ("option/%s/menu", column->id);
      g_autofree char *kind_key = g_strdup_printf ("option/%s/kind", column->id);
      g_autofree char *headline_key = g_strdup_printf ("option/%s/headline", column->id);
      /* translators: %s is an option's name */
      g_autofree char *menu_label = g_strdup_printf (_("Actions for %s"), column->name);

      gtk_widget_add_css_class (box, "compare-column-header");
      gtk_widget_set_size_request (box, 190, -1);


      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu), model);
      gtk_widget_add_css_class (menu, "flat");
      gtk_widget_set_valign (menu, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (menu, menu_label);
      set_accessible_label (menu, menu_label);
      set_key (menu, column->id, menu_key);
      gtk_box_append (GTK_BOX (top), name);
      /* Tab orders siblings by their vertical centres: the short menu button sits in a box
       * as tall as the name, so the name comes first, as it reads. */
      menu_slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (menu_slot), menu);
      gtk_box_append (GTK_BOX (top), menu_slot);
      gtk_box_append (GTK_BOX (box), top);
      nav_set (self, name_nav, c, name_button);

      if (column->bau)
        {
          GtkWidget *kind = gtk_label_new (_("Business as usual"));

          gtk_label_set_xalign (GTK_LABEL (kind), 0);
          gtk_widget_add_css_class (kind, "dim-label");
          gtk_widget_set_tooltip_text (kind, _("The baseline every other option is compared "
                                               "with"));
          gtk_box_append (GTK_BOX (box), kind);
        }
      else
        {
          g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
          /* translators: %s is an option's name */
          g_autofree char *kind_label = g_strdup_printf (_("Kind of %s"), column->name);
          GtkWidget *kind;

          for (guint k = 0; kinds[k] != NULL; k++)
            gtk_string_list_append (names, _(kinds[k]));
          kind = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
          gtk_widget_set_halign (kind, GTK_ALIGN_START);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (kind),
                                      CLAMP ((int) up_option_get_kind (option) - UP_OPTION_MAKE,
                                             0, 3));
          set_key (kind, column->id, kind_key);
          set_accessible_label (kind, kind_label);
          g_signal_connect (kind, "notify::selected", G_CALLBACK (kind_selected_cb), self);
          gtk_box_append (GTK_BOX (box), kind);
          nav_set (self, kind_nav, c, kind);
          column->kind = kind;
        }

      gtk_label_set_wrap (GTK_LABEL (headline), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (headline), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (headline), 0);
      gtk_label_set_yalign (GTK_LABEL (headline), 0);
      gtk_label_set_width_chars (GTK_LABEL (headline), 24);
      gtk_label_set_max_width_chars (GTK_LABEL (headline), 30);
      gtk_widget_add_css_class (headline, "headline");
      set_key (headline, column->id, headline_key);
      gtk_box_append (GTK_BOX (box), headline);
      column->headline = GTK_LABEL (headline);

      gtk_grid_attach (self->header_grid, box, c, 0, 1, 1);
      gtk_size_group_add_widget (column_groups->pdata[c], box);
    }

  add = gtk_button_new ();
  {
    GtkWidget *content = adw_button_content_new ();

    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Option"));
    adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
    gtk_button_set_child (GTK_BUTTON (add), content);
  }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "compare.add-option");
  gtk_widget_set_valign (add, GTK_ALIGN_START);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (add, _("Add another option to compare"));
  set_key (add, NULL, "add-option");
  /* In a slot as tall as the option headers, so that Tab reaches it after them. */
  add_slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (add_slot), add);
  gtk_grid_attach (self->header_grid, add_slot, options->len, 0, 1, 1);
  gtk_size_group_add_widget (column_groups->pdata[options->len], add);
  nav_set (self, name_nav, options->len, add);
}

static void
build_footer (UpCompareView *self,
              GPtrArray     *column_groups)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *column = get_column (self, c);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *value = gtk_label_new (NULL);
      GtkWidget *be = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "net-value");
      gtk_widget_add_css_class (value, "numeric");
      gtk_label_set_xalign (GTK_LABEL (be), 0);
      gtk_label_set_wrap (GTK_LABEL (be), TRUE);
      gtk_widget_set_tooltip_text (box, _("Net present budget impact: the public money this "
                                          "option saves against business as usual over the "
                                          "horizon, discounted, after paying for it; and the "
                                          "year from which it stays ahead"));
      gtk_box_append (GTK_BOX (box), value);
      gtk_box_append (GTK_BOX (box), be);
      column->net_value = GTK_LABEL (value);
      column->net_break_even = GTK_LABEL (be);
      gtk_grid_attach (self->footer_grid, box, c, 0, 1, 1);
      gtk_size_group_add_widget (column_groups->pdata[c], box);
    }
  {
    GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_grid_attach (self->footer_grid, spacer, self->columns->len, 0, 1, 1);
    gtk_size_group_add_widget (column_groups->pdata[self->columns->len], spacer);
  }
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
rebuild (UpCompareView *self)
{
  UpPlan *plan = get_plan (self);
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GPtrArray) column_groups = NULL;
  g_autofree char *focus = NULL;
  gboolean rename;
  guint n_numbers = 0;
  const UpNumberSpec *numbers;
  static const struct { Group group; const char *title; } headings[] = {
    { GROUP_DELIVERY, N_("Delivery") },
    { GROUP_FUNDING, N_("Funding") },
    { GROUP_REACH, N_("Reach") },
    { GROUP_EFFECTS, N_("Effects") },
    { GROUP_TIMING, N_("Timing") },
    { GROUP_COMMUNITY, N_("Community") },
    { GROUP_OTHER, N_("Other") },
  };

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->needs_rebuild = FALSE;
  focus = self->pending_focus ? g_steal_pointer (&self->pending_focus) : focused_key (self);
  rename = self->pending_rename;
  self->pending_rename = FALSE;

  self->rebuilding = TRUE;
  g_ptr_array_set_size (self->nav, 0);
  g_ptr_array_set_size (self->fields, 0);
  g_ptr_array_set_size (self->columns, 0);
  clear_grid (self->header_grid);
  clear_grid (self->label_grid);
  clear_grid (self->cells_grid);
  clear_grid (self->footer_grid);
  g_clear_pointer (&self->signature, g_free);
  self->row = 0;

  if (plan == NULL)
    {
      self->rebuilding = FALSE;
      return;
    }
  self->signature = compute_signature (plan);
  options = list_options (plan);
  {
    gpointer klass = g_type_class_ref (UP_TYPE_OPTION);

    numbers = up_item_class_get_numbers (klass, &n_numbers);
    g_type_class_unref (klass);
  }

  for (guint c = 0; c < options->len; c++)
    {
      Column *column = g_new0 (Column, 1);

      column->id = g_strdup (up_item_get_id (options->pdata[c]));
      column->name = option_display_name (options->pdata[c]);
      column->bau = up_option_get_kind (options->pdata[c]) == UP_OPTION_BAU;
      g_ptr_array_add (self->columns, column);
    }

  /* One horizontal group per column (and the "Add option" column): header, cells and
   * strip line up. Row 0 of the cells holds an empty anchor per column for it. */
  column_groups = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint c = 0; c <= options->len; c++)
    {
      GtkWidget *anchor = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      g_ptr_array_add (column_groups, gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL));
      gtk_grid_attach (self->cells_grid, anchor, c, 0, 1, 1);
      gtk_size_group_add_widget (column_groups->pdata[c], anchor);
    }
  gtk_grid_attach (self->label_grid, gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0), 0, 0, 1, 1);
  self->row = 1;

  build_header (self, options, column_groups);

  for (guint g = 0; g < G_N_ELEMENTS (headings); g++)
    {
      gboolean any = headings[g].group == GROUP_FUNDING;

      for (guint i = 0; i < n_numbers && !any; i++)
        any = group_of (numbers[i].key) == headings[g].group;
      if (!any)
        continue;
      add_heading (self, _(headings[g].title));
      for (guint i = 0; i < n_numbers; i++)
        if (group_of (numbers[i].key) == headings[g].group)
          {
            if (g_str_equal (numbers[i].key, "capacity"))
              add_capacity_limit_row (self, options);
            add_number_row (self, options, &numbers[i]);
          }
      switch (headings[g].group)
        {
        case GROUP_DELIVERY: add_one_off_rows (self, options); break;
        case GROUP_FUNDING: add_funding_rows (self, options); break;
        case GROUP_REACH: add_eligible_rows (self, options); break;
        case GROUP_EFFECTS: add_effect_rows (self, options); break;
        case GROUP_TIMING:
        case GROUP_COMMUNITY:
        case GROUP_OTHER:
        default:
          break;
        }
    }

  build_footer (self, column_groups);
  self->rebuilding = FALSE;

  refresh (self);
  restore_focus (self, focus);
  if (rename && focus != NULL)
    {
      GtkWidget *stack = find_key (self->table, focus);

      /* A new option: its name is ready to be typed over. */
      if (GTK_IS_STACK (stack))
        name_start (self, GTK_STACK (stack));
    }
}

/* ---- Refreshing in place ---------------------------------------------------------------- */

static int
model_index (UpModel    *model,
             const char *id)
{
  for (int o = 0; model != NULL && o < up_model_get_n_options (model); o++)
    if (g_strcmp0 (up_model_get_option_id (model, o), id) == 0)
      return o;
  return -1;
}

static void
set_class (gpointer    widget,
           const char *name,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (GTK_WIDGET (widget), name);
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), name);
}

static void
refresh_columns (UpCompareView *self)
{
  UpPlan *plan = get_plan (self);
  UpModel *model = up_plan_session_get_model (self->session);
  const UpResults *results = up_plan_session_get_results (self->session);
  gboolean stale = up_plan_session_get_stale (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), stale);
  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *column = get_column (self, c);
      UpOption *option = up_plan_find_option (plan, column->id);
      int o = model_index (model, column->id);
      const char *currency = up_plan_get_currency (plan);

      if (option == NULL)
        continue;

      if (o >= 0 && results != NULL)
        {
          g_autofree char *headline = up_headline (model, results, o);
          const UpMetrics *m = &results->metrics[o];

          gtk_label_set_label (column->headline, headline);
          if (column->bau)
            {
              gtk_label_set_label (column->net_value, _("The baseline"));
              gtk_label_set_label (column->net_break_even,
                                   _("The other options are compared with it"));
            }
          else
            {
              g_autofree char *money = up_format_money_short (fabs (m->npbi), currency);
              g_autofree char *value = NULL;
              g_autofree char *be = NULL;

              if (m->npbi >= 0.5)
                /* translators: %s money; net present budget impact above zero */
                value = g_strdup_printf (_("Saves %s net"), money);
              else if (m->npbi <= -0.5)
                /* translators: %s money; net present budget impact below zero */
                value = g_strdup_printf (_("Costs %s net"), money);
              else
                value = g_strdup (_("No net change"));
              if (m->break_even_year > 0)
                /* translators: %d is a calendar year */
                be = g_strdup_printf (_("Breaks even in %d"), m->break_even_year);
              else
                be = g_strdup (_("Never breaks even"));
              gtk_label_set_label (column->net_value, value);
              gtk_label_set_label (column->net_break_even, be);
            }
        }
      else
        {
          gtk_label_set_label (column->headline,
                               _("No results yet: the plan has a problem to fix first."));
          gtk_label_set_label (column->net_value, "—");
          gtk_label_set_label (column->net_break_even, _("No results yet"));
        }
      set_class (column->headline, "stale", stale || o < 0);
      set_class (column->net_value, "stale", stale || o < 0);
      set_class (column->net_break_even, "stale", stale || o < 0);

      /* Funding shares must add up to 100% for an option with delivery costs. */
      {
        g_auto(GStrv) funders = up_option_list_funding (option);
        double sum = 0;
        g_autofree char *pct = NULL;
        g_autofree char *text = NULL;
        gboolean bad;

        for (guint i = 0; funders[i] != NULL; i++)
          sum += up_option_get_funding (option, funders[i]);
        pct = up_format_percent (sum);
        bad = option_has_delivery (option) && fabs (sum - 1.0) > 1e-9;
        if (bad)
          /* translators: %s a percentage; shown when funding shares do not add up */
          text = g_strdup_printf (_("⚠ %s, not 100%%"), pct);
        else
          text = g_strdup (pct);
        gtk_label_set_label (column->funding_total, text);
        gtk_widget_set_tooltip_text (GTK_WIDGET (column->funding_total),
                                     bad ? _("The funding shares of an option with delivery "
                                             "costs must add up to 100%") : NULL);
        set_class (column->funding_total, "error", bad);
      }

      /* Kinds changed elsewhere (names are part of the structure: they rebuild). */
      if (column->kind != NULL && up_option_get_kind (option) >= UP_OPTION_MAKE)
        {
          self->rebuilding = TRUE;
          gtk_drop_down_set_selected (GTK_DROP_DOWN (column->kind),
                                      up_option_get_kind (option) - UP_OPTION_MAKE);
          self->rebuilding = FALSE;
        }
    }
}

static void
mark_problem (UpCompareView *self,
              Field         *field)
{
  const UpProblem *problem = field->path ? up_plan_session_find_problem (self->session,
                                                                          field->path)
                                         : NULL;
  const char *message = problem ? problem->message : NULL;

  if (message == NULL && !field->marked)
    return;
  if (UP_IS_NUMBER_FIELD (field->widget))
    up_number_field_set_problem (UP_NUMBER_FIELD (field->widget), message);
  else if (GTK_IS_ENTRY (field->widget))
    {
      /* Text the user typed and the view refused stays marked until corrected. */
      if (message == NULL &&
          g_object_get_data (G_OBJECT (field->widget), "up-typed-invalid") != NULL)
        return;
      mark_entry (GTK_ENTRY (field->widget), message);
    }
  field->marked = message != NULL;
}

static void
refresh_fields (UpCompareView *self)
{
  UpPlan *plan = get_plan (self);
  UpOption *bau = up_plan_get_bau (plan);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      Column *column = get_column (self, field->column);
      UpOption *option = up_plan_find_option (plan, column->id);
      gboolean differs = FALSE;

      if (option == NULL)
        continue;
      switch (field->kind)
        {
        case FIELD_NUMBER:
          if (bau != NULL && !column->bau)
            differs = up_item_get_number (UP_ITEM (option), field->spec) !=
                      up_item_get_number (UP_ITEM (bau), field->spec);
          if (column->capacity == field->widget)
            gtk_widget_set_sensitive (field->widget, up_option_get_has_capacity (option));
          break;

        case FIELD_FUNDING:
          {
            double v = up_option_get_funding (option, field->holder);

            if (up_number_field_get_value (UP_NUMBER_FIELD (field->widget)) != v)
              up_number_field_set_value (UP_NUMBER_FIELD (field->widget), v);
            if (bau != NULL && !column->bau)
              differs = v != up_option_get_funding (bau, field->holder);
          }
          break;

        case FIELD_ONE_OFF:
          {
            double v = up_option_get_one_off (option, field->cycle);

            if (up_number_field_get_value (UP_NUMBER_FIELD (field->widget)) != v)
              up_number_field_set_value (UP_NUMBER_FIELD (field->widget), v);
            if (bau != NULL && !column->bau)
              differs = v != up_option_get_one_off (bau, field->cycle);
          }
          break;

        case FIELD_EFFECT_REPLACE:
          {
            UpEffect *effect = up_option_find_effect (option,
                                                      g_object_get_data (G_OBJECT (field->widget),
                                                                         "up-from"),
                                                      g_object_get_data (G_OBJECT (field->widget),
                                                                         "up-to"));
            g_autofree char *text = NULL;

            if (effect == NULL || contains_focus (field->widget) ||
                g_object_get_data (G_OBJECT (field->widget), "up-typed-invalid") != NULL)
              break;
            text = up_schedule_to_string (up_effect_get_value (effect));
            if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (field->widget))) != 0)
              gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
          }
          break;

        case FIELD_HAS_CAPACITY:
          if (gtk_switch_get_active (GTK_SWITCH (field->widget)) !=
              up_option_get_has_capacity (option))
            {
              self->rebuilding = TRUE;
              gtk_switch_set_active (GTK_SWITCH (field->widget),
                                     up_option_get_has_capacity (option));
              self->rebuilding = FALSE;
            }
          break;

        case FIELD_ELIGIBLE:
          if (gtk_check_button_get_active (GTK_CHECK_BUTTON (field->widget)) !=
              up_option_is_eligible (option, field->state))
            {
              self->rebuilding = TRUE;
              gtk_check_button_set_active (GTK_CHECK_BUTTON (field->widget),
                                           up_option_is_eligible (option, field->state));
              self->rebuilding = FALSE;
            }
          break;

        case FIELD_EFFECT_RISK:
        default:
          break;
        }
      if (UP_IS_NUMBER_FIELD (field->widget))
        up_number_field_set_changed (UP_NUMBER_FIELD (field->widget), differs);
      mark_problem (self, field);
    }
}

static void
refresh (UpCompareView *self)
{
  if (self->session == NULL || self->columns->len == 0)
    return;
  refresh_columns (self);
  refresh_fields (self);
}

/* ---- Session and plan signals ------------------------------------------------------------ */

static gboolean
rebuild_idle_cb (gpointer data)
{
  UpCompareView *self = data;

  self->rebuild_id = 0;
  if (self->needs_rebuild)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
store_items_changed_cb (GListModel    *store,
                        guint          position,
                        guint          removed,
                        guint          added,
                        UpCompareView *self)
{
  /* Undo replaces every store one after another: rebuild once the plan is whole again,
   * before the next frame (the results, recomputed at the same priority, come first). */
  self->needs_rebuild = TRUE;
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, rebuild_idle_cb, self, NULL);
}

static void
unwatch_plan (UpCompareView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->watched); i++)
    {
      if (self->watched[i] != NULL)
        g_clear_signal_handler (&self->watched_ids[i], self->watched[i]);
      g_clear_object (&self->watched[i]);
    }
  g_clear_object (&self->plan);
}

static void
watch_plan (UpCompareView *self)
{
  UpPlan *plan = get_plan (self);

  unwatch_plan (self);
  if (plan == NULL)
    return;
  self->plan = g_object_ref (plan);
  self->watched[0] = g_object_ref (up_plan_get_options (plan));
  self->watched[1] = g_object_ref (up_plan_get_states (plan));
  self->watched[2] = g_object_ref (up_plan_get_holders (plan));
  for (guint i = 0; i < G_N_ELEMENTS (self->watched); i++)
    self->watched_ids[i] = g_signal_connect (self->watched[i], "items-changed",
                                             G_CALLBACK (store_items_changed_cb), self);
}

static void
results_changed_cb (UpPlanSession *session,
                    UpCompareView *self)
{
  UpPlan *plan = get_plan (self);
  g_autofree char *signature = NULL;

  /* A new plan: "plan-replaced" follows and rebuilds. */
  if (plan != self->plan)
    return;
  signature = compute_signature (plan);
  if (self->needs_rebuild || g_strcmp0 (signature, self->signature) != 0)
    rebuild (self);
  else
    refresh (self);
}

static void
plan_replaced_cb (UpPlanSession *session,
                  UpCompareView *self)
{
  watch_plan (self);
  rebuild (self);
}

/* ---- Scrollbars ------------------------------------------------------------------------- */

static gboolean
update_scrollbars_cb (gpointer data)
{
  UpCompareView *self = data;

  self->scrollbars_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->hscrollbar),
                          gtk_adjustment_get_upper (self->hadjustment) -
                          gtk_adjustment_get_lower (self->hadjustment) >
                          gtk_adjustment_get_page_size (self->hadjustment) + 0.5);
  gtk_widget_set_visible (GTK_WIDGET (self->vscrollbar),
                          gtk_adjustment_get_upper (self->vadjustment) -
                          gtk_adjustment_get_lower (self->vadjustment) >
                          gtk_adjustment_get_page_size (self->vadjustment) + 0.5);
  return G_SOURCE_REMOVE;
}

static void
adjustment_changed_cb (GtkAdjustment *adjustment,
                       UpCompareView *self)
{
  /* Not while the panes are being allocated: after. */
  if (self->scrollbars_id == 0)
    self->scrollbars_id = g_idle_add (update_scrollbars_cb, self);
}

/* ---- Actions ------------------------------------------------------------------------------ */

static char *
unique_option_id (UpPlan     *plan,
                  const char *base,
                  int         first)
{
  for (int n = first;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%d", base, n);

      if (up_plan_find_option (plan, id) == NULL)
        return g_steal_pointer (&id);
    }
}

static guint
store_position (GListStore *store,
                gpointer    item)
{
  guint pos = GTK_INVALID_LIST_POSITION;

  if (!g_list_store_find (store, item, &pos))
    return GTK_INVALID_LIST_POSITION;
  return pos;
}

static void
add_option_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  UpCompareView *self = UP_COMPARE_VIEW (widget);
  UpPlan *plan = get_plan (self);
  GListModel *holders;
  g_autofree char *id = NULL;
  g_autoptr(UpOption) option = NULL;

  if (plan == NULL)
    return;
  id = unique_option_id (plan, "option", 1);
  option = up_option_new (id, _("New option"), UP_OPTION_OTHER);
  /* Someone must pay for it: the first public budget holder, until told otherwise. */
  holders = G_LIST_MODEL (up_plan_get_holders (plan));
  for (guint i = 0; i < g_list_model_get_n_items (holders); i++)
    {
      g_autoptr(UpBudgetHolder) holder = g_list_model_get_item (holders, i);

      if (up_budget_holder_get_public (holder))
        {
          up_option_set_funding (option, up_item_get_id (UP_ITEM (holder)), 1.0);
          break;
        }
    }
  up_plan_session_begin_edit (self->session, NULL);
  g_free (self->pending_focus);
  self->pending_focus = g_strdup_printf ("option/%s/name", id);
  self->pending_rename = gtk_widget_get_mapped (GTK_WIDGET (self));
  g_list_store_append (up_plan_get_options (plan), option);
}

/* compare.add-one-off ("(sid)": option, cycle, amount). */
static void
add_one_off_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  UpCompareView *self = UP_COMPARE_VIEW (widget);
  UpPlan *plan = get_plan (self);
  const char *id;
  int cycle;
  double amount;
  UpOption *option;
  int *cycles = NULL;
  guint n;
  gboolean present = FALSE;

  g_variant_get (param, "(&sid)", &id, &cycle, &amount);
  option = plan ? up_plan_find_option (plan, id) : NULL;
  if (option == NULL)
    return;
  if (cycle < 1 || !(amount >= 0))
    {
      toast (self, _("A one-off cost needs a cycle from 1 and an amount of zero or more."),
             FALSE);
      return;
    }
  n = up_option_list_one_offs (option, &cycles, NULL);
  for (guint i = 0; i < n; i++)
    present |= cycles[i] == cycle;
  g_free (cycles);
  if (present)
    {
      toast (self, _("This option already has a one-off cost in that cycle."), FALSE);
      return;
    }
  up_plan_session_begin_edit (self->session, NULL);
  up_option_set_one_off (option, cycle, amount);
}

/* compare.add-effect ("(sssi)": option, from, to, UpEffectKind): an effect that changes
 * nothing until it is edited. */
static void
add_effect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  UpCompareView *self = UP_COMPARE_VIEW (widget);
  UpPlan *plan = get_plan (self);
  const char *id, *from, *to;
  int kind;
  UpOption *option;
  g_autoptr(UpEffect) effect = NULL;

  g_variant_get (param, "(&s&s&si)", &id, &from, &to, &kind);
  option = plan ? up_plan_find_option (plan, id) : NULL;
  if (option == NULL || up_plan_find_state (plan, from) == NULL ||
      up_plan_find_state (plan, to) == NULL)
    return;
  if (up_option_get_kind (option) == UP_OPTION_BAU)
    {
      toast (self, _("Business as usual has no effects: it is the baseline."), FALSE);
      return;
    }
  if (g_str_equal (from, to) || !up_option_is_eligible (option, from) ||
      up_option_find_effect (option, from, to) != NULL)
    {
      toast (self, _("An effect needs a move out of an eligible state, once per move."),
             FALSE);
      return;
    }
  effect = new_neutral_effect (plan, from, to,
                               kind == UP_EFFECT_REPLACE ? UP_EFFECT_REPLACE
                                                         : UP_EFFECT_RELATIVE_RISK);
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_append (up_option_get_effects (option), effect);
}

static UpOption *
duplicate_option (UpPlan   *plan,
                  UpOption *source)
{
  const char *id = up_item_get_id (UP_ITEM (source));
  g_autofree char *new_id = unique_option_id (plan, id, 2);
  g_autofree char *name = NULL;
  UpOptionKind kind = up_option_get_kind (source);
  UpOption *copy;
  GListModel *effects = G_LIST_MODEL (up_option_get_effects (source));
  const UpNumberSpec *numbers;
  guint n_numbers;
  g_auto(GStrv) funders = up_option_list_funding (source);
  g_auto(GStrv) scores = up_option_list_scores (source);
  int *cycles = NULL;
  double *amounts = NULL;
  guint n;

  {
    g_autofree char *old = option_display_name (source);

    /* translators: the name of a duplicated option; %s is the original's name */
    name = g_strdup_printf (_("%s (copy)"), old);
  }
  /* A plan keeps exactly one business as usual: its copy is an ordinary option. */
  copy = up_option_new (new_id, name, kind == UP_OPTION_BAU ? UP_OPTION_OTHER : kind);
  numbers = up_item_class_get_numbers (UP_ITEM_GET_CLASS (source), &n_numbers);
  for (guint i = 0; i < n_numbers; i++)
    up_item_set_number (UP_ITEM (copy), &numbers[i],
                        up_item_get_number (UP_ITEM (source), &numbers[i]));
  up_option_set_notes (copy, up_option_get_notes (source));
  up_option_set_has_capacity (copy, up_option_get_has_capacity (source));
  n = up_option_list_one_offs (source, &cycles, &amounts);
  for (guint i = 0; i < n; i++)
    up_option_set_one_off (copy, cycles[i], amounts[i]);
  g_free (cycles);
  g_free (amounts);
  for (guint i = 0; funders[i] != NULL; i++)
    up_option_set_funding (copy, funders[i], up_option_get_funding (source, funders[i]));
  for (guint i = 0; scores[i] != NULL; i++)
    up_option_set_score (copy, scores[i], up_option_get_score (source, scores[i], NULL));
  up_option_set_eligible (copy, up_option_get_eligible (source));
  for (guint i = 0; i < g_list_model_get_n_items (effects); i++)
    {
      g_autoptr(UpEffect) e = g_list_model_get_item (effects, i);
      g_autoptr(UpEffect) ce = up_effect_new (up_effect_get_from (e), up_effect_get_to (e),
                                              up_effect_get_kind (e), up_effect_get_value (e));

      g_list_store_append (up_option_get_effects (copy), ce);
    }
  return copy;
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  UpCompareView *self = UP_COMPARE_VIEW (widget);
  UpPlan *plan = get_plan (self);
  UpOption *source = plan ? up_plan_find_option (plan, g_variant_get_string (param, NULL))
                          : NULL;
  GListStore *store;
  g_autoptr(UpOption) copy = NULL;
  guint pos;

  if (source == NULL)
    return;
  store = up_plan_get_options (plan);
  copy = duplicate_option (plan, source);
  pos = store_position (store, source);
  up_plan_session_begin_edit (self->session, NULL);
  if (up_option_get_kind (source) == UP_OPTION_BAU || pos == GTK_INVALID_LIST_POSITION)
    g_list_store_append (store, copy);
  else
    g_list_store_insert (store, pos + 1, copy);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  UpCompareView *self = UP_COMPARE_VIEW (widget);
  UpPlan *plan = get_plan (self);
  UpOption *option = plan ? up_plan_find_option (plan, g_variant_get_string (param, NULL))
                          : NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  guint pos;

  if (option == NULL)
    return;
  if (up_option_get_kind (option) == UP_OPTION_BAU)
    {
      toast (self, _("Business as usual cannot be removed: it is the baseline every other "
                     "option is compared with."), FALSE);
      return;
    }
  pos = store_position (up_plan_get_options (plan), option);
  if (pos == GTK_INVALID_LIST_POSITION)
    return;
  name = option_display_name (option);
  /* translators: %s is an option's name */
  message = g_strdup_printf (_("Removed “%s”"), name);
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_remove (up_plan_get_options (plan), pos);
  toast (self, message, TRUE);
}

/* Moves an option past its neighbour among the options other than business as usual,
 * which stays first. */
static void
move_option (UpCompareView *self,
             const char    *id,
             int            direction)
{
  UpPlan *plan = get_plan (self);
  UpOption *option = plan ? up_plan_find_option (plan, id) : NULL;
  GListStore *store;
  guint pos, n, target;
  g_autoptr(UpOption) held = NULL;

  if (option == NULL || up_option_get_kind (option) == UP_OPTION_BAU)
    return;
  store = up_plan_get_options (plan);
  pos = store_position (store, option);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (pos == GTK_INVALID_LIST_POSITION)
    return;
  for (target = pos + direction; target < n; target += direction)
    {
      g_autoptr(UpOption) other = g_list_model_get_item (G_LIST_MODEL (store), target);

      if (up_option_get_kind (other) != UP_OPTION_BAU)
        break;
    }
  if (target >= n)
    return;
  held = g_object_ref (option);
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_remove (store, pos);
  g_list_store_insert (store, target, held);
}

static void
move_left_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  move_option (UP_COMPARE_VIEW (widget), g_variant_get_string (param, NULL), -1);
}

static void
move_right_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  move_option (UP_COMPARE_VIEW (widget), g_variant_get_string (param, NULL), 1);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
disconnect_session (UpCompareView *self)
{
  if (self->session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->session, self);
}

static void
up_compare_view_dispose (GObject *object)
{
  UpCompareView *self = UP_COMPARE_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->scrollbars_id, g_source_remove);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  self->rebuilding = TRUE;
  g_clear_pointer (&self->nav, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), UP_TYPE_COMPARE_VIEW);
  unwatch_plan (self);
  disconnect_session (self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->signature, g_free);
  g_clear_pointer (&self->pending_focus, g_free);
  G_OBJECT_CLASS (up_compare_view_parent_class)->dispose (object);
}

static void
up_compare_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UpCompareView *self = UP_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_compare_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UpCompareView *self = UP_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: up_compare_view_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_compare_view_class_init (UpCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_compare_view_dispose;
  object_class->get_property = up_compare_view_get_property;
  object_class->set_property = up_compare_view_set_property;

  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UP_TYPE_PLAN_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/upstreamplanner/"
                                               "Upstream/ui/up-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, table);
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, stale_label);
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, header_grid);
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, label_grid);
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, cells_grid);
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, footer_grid);
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, hscrollbar);
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, vscrollbar);
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, hadjustment);
  gtk_widget_class_bind_template_child (widget_class, UpCompareView, vadjustment);

  gtk_widget_class_install_action (widget_class, "compare.add-option", NULL, add_option_action);
  gtk_widget_class_install_action (widget_class, "compare.duplicate", "s", duplicate_action);
  gtk_widget_class_install_action (widget_class, "compare.add-one-off", "(sid)",
                                   add_one_off_action);
  gtk_widget_class_install_action (widget_class, "compare.add-effect", "(sssi)",
                                   add_effect_action);
  gtk_widget_class_install_action (widget_class, "compare.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "compare.move-left", "s", move_left_action);
  gtk_widget_class_install_action (widget_class, "compare.move-right", "s", move_right_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "compareview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
up_compare_view_init (UpCompareView *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->nav = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  /* Capture: the arrow keys walk the cells before a spin button takes Up and Down. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* The strip's numbers as a small chart: the running net position of every option. */
  self->net_chart = up_chart_view_new (UP_CHART_NET);
  /* translators: the title of the small chart under "Net position against business
   * as usual" on the Compare page */
  up_chart_view_set_title (UP_CHART_VIEW (self->net_chart), _("Year by year"));
  gtk_widget_set_size_request (self->net_chart, -1, 140);
  gtk_widget_set_vexpand (self->net_chart, FALSE);
  gtk_widget_add_css_class (self->net_chart, "net-strip-chart");
  gtk_grid_attach (GTK_GRID (self->table), self->net_chart, 0, 4, 2, 1);

  g_signal_connect (self->hadjustment, "changed", G_CALLBACK (adjustment_changed_cb), self);
  g_signal_connect (self->vadjustment, "changed", G_CALLBACK (adjustment_changed_cb), self);
}

UpPlanSession *
up_compare_view_get_session (UpCompareView *self)
{
  g_return_val_if_fail (UP_IS_COMPARE_VIEW (self), NULL);
  return self->session;
}

void
up_compare_view_set_session (UpCompareView *self,
                             UpPlanSession *session)
{
  g_return_if_fail (UP_IS_COMPARE_VIEW (self));
  g_return_if_fail (session == NULL || UP_IS_PLAN_SESSION (session));

  if (self->session == session)
    return;
  disconnect_session (self);
  g_set_object (&self->session, session);
  up_chart_view_set_session (UP_CHART_VIEW (self->net_chart), session);
  if (session != NULL)
    {
      g_signal_connect (session, "results-changed", G_CALLBACK (results_changed_cb), self);
      g_signal_connect (session, "plan-replaced", G_CALLBACK (plan_replaced_cb), self);
    }
  watch_plan (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}
