/* up-pathways-view.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The states of need, the cohort and the matrix of yearly moves between states.
 *
 * The widgets are built from the plan's states and rebuilt whenever the list of states
 * changes (undo replaces every item, so a rebuild follows it too). Any other change
 * only refreshes what the widgets show. A transition cell keeps what the person typed
 * until it is committed (Enter or leaving the cell); it is overwritten only when the
 * plan's value under it changes, as on undo.
 */

#define G_LOG_DOMAIN "up-pathways-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "up-cost-summary.h"
#include "up-number-field.h"
#include "up-pathways-view.h"

#define SUM_TOLERANCE 1e-9
#define CELL_WIDTH_CHARS 6

/* Colours for new states, in the GNOME palette, from well to worst. */
static const char * const state_palette[] = {
  "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac", "#986a44", "#3584e4", "#77767b",
};

typedef struct
{
  UpPathwaysView *view;     /* borrowed; NULL once the row is dropped */
  UpState        *state;
  char           *id;
  guint           index;
  GtkWidget      *colour;
  GtkWidget      *name;
  GtkWidget      *crisis;
  GtkWidget      *costs;
  char           *synced_name;
} StateRow;

typedef struct
{
  UpPathwaysView *view;     /* borrowed; NULL once the cell is dropped */
  guint           from;
  guint           to;
  char           *from_id;
  char           *to_id;
  GtkWidget      *widget;   /* GtkEntry, or a GtkLabel on the diagonal */
  char           *committed;   /* the plan's schedule text when last seen; "" for none */
  char           *problem;     /* why the typed text was refused */
  char           *base_tooltip;
  char           *tooltip;     /* base_tooltip, with the yearly values spelt out */
} Cell;

struct _UpPathwaysView
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  GtkGrid       *states_grid;
  GtkGrid       *matrix_grid;
  GtkWidget     *cohort_size_slot;
  GtkLabel      *cohort_size_label;
  GtkEntry      *inflow_entry;
  GtkLabel      *inflow_hint;
  GtkLabel      *matrix_message;
  GtkButton     *add_state_button;

  /* owned */
  UpPlanSession *session;
  UpPlan        *plan;
  GPtrArray     *layout;        /* the UpStates the widgets were built for */
  GPtrArray     *rows;          /* StateRow, reference-counted */
  GPtrArray     *cells;         /* Cell, S × S, reference-counted */
  char          *inflow_synced;
  char          *inflow_problem;
  gulong         plan_changed_id;
  gboolean       updating;      /* while widgets are set from the plan */
  gboolean       built;         /* the widgets match layout */

  /* borrowed, rebuilt with the layout */
  GPtrArray     *row_headers;   /* GtkLabel */
  GPtrArray     *col_headers;   /* GtkLabel */
  GPtrArray     *totals;        /* GtkBox holding an icon and a label, per row */
  GtkWidget     *initial_total;
  GtkWidget     *inflow_total;
  UpNumberField *cohort_size;
};

G_DEFINE_FINAL_TYPE (UpPathwaysView, up_pathways_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *props[N_PROPS];

static void sync_from_plan (UpPathwaysView *self);

/* ---- Small helpers ------------------------------------------------------------------ */

static void
state_row_clear (StateRow *row)
{
  g_clear_object (&row->state);
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->synced_name, g_free);
}

static StateRow *
state_row_ref (StateRow *row)
{
  return g_rc_box_acquire (row);
}

static void
state_row_unref (gpointer row)
{
  g_rc_box_release_full (row, (GDestroyNotify) state_row_clear);
}

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->from_id, g_free);
  g_clear_pointer (&cell->to_id, g_free);
  g_clear_pointer (&cell->committed, g_free);
  g_clear_pointer (&cell->problem, g_free);
  g_clear_pointer (&cell->base_tooltip, g_free);
  g_clear_pointer (&cell->tooltip, g_free);
}

static Cell *
cell_ref (Cell *cell)
{
  return g_rc_box_acquire (cell);
}

static void
cell_unref (gpointer cell)
{
  g_rc_box_release_full (cell, (GDestroyNotify) cell_clear);
}

static void
closure_unref_row (gpointer data,
                   GClosure *closure)
{
  state_row_unref (data);
}

static void
closure_unref_cell (gpointer data,
                    GClosure *closure)
{
  cell_unref (data);
}

static const char *
state_name (UpState *state)
{
  const char *name = up_item_get_name (UP_ITEM (state));

  return name != NULL && *name != '\0' ? name : up_item_get_id (UP_ITEM (state));
}

static guint
n_states (UpPathwaysView *self)
{
  return self->rows ? self->rows->len : 0;
}

static Cell *
cell_at (UpPathwaysView *self,
         guint           from,
         guint           to)
{
  return self->cells->pdata[from * n_states (self) + to];
}

/* Shows problem on an entry: outline, icon, tooltip and accessible description, so
 * that it is not told by colour alone. NULL clears it. */
static void
mark_entry (GtkEntry   *entry,
            const char *problem,
            const char *tooltip)
{
  GtkWidget *widget = GTK_WIDGET (entry);

  if (problem != NULL)
    {
      gtk_widget_add_css_class (widget, "invalid");
      gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY,
                                         "dialog-error-symbolic");
      gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, problem);
      gtk_widget_set_tooltip_text (widget, problem);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "invalid");
      gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY, NULL);
      gtk_widget_set_tooltip_text (widget, tooltip);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* A total with an icon that appears when it is wrong (not colour only). */
static GtkWidget *
total_box_new (const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (box, name);
  gtk_widget_set_visible (icon, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
total_box_set (GtkWidget  *box,
               const char *text,
               gboolean    wrong,
               const char *tooltip)
{
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_visible (icon, wrong);
  if (wrong)
    gtk_widget_add_css_class (box, "invalid");
  else
    gtk_widget_remove_css_class (box, "invalid");
  gtk_widget_set_tooltip_text (box, tooltip);
}

static char *
format_probability (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Probabilities are typed with '.', whatever the locale, so they are shown so too. */
  if (fabs (value) < 5e-7)
    value = 0;
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", value));
}

/* Reads a cell: TRUE with *out NULL for an empty cell, TRUE with a schedule, or FALSE
 * with the reason. */
static gboolean
parse_probabilities (const char  *text,
                     UpSchedule **out,
                     char       **reason)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  *out = NULL;
  if (strchr (text, ',') != NULL)
    {
      *reason = g_strdup (_("Write decimals with a point (0.1, not 0,1) and separate yearly "
                            "values with spaces"));
      return FALSE;
    }
  parts = g_strsplit_set (text, " \t\r\n;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      double v;

      if (parts[i][0] == '\0')
        continue;
      if (!up_parse_double (parts[i], &v, NULL))
        {
          *reason = g_strdup_printf (_("“%s” is not a number"), parts[i]);
          return FALSE;
        }
      if (v < 0 || v > 1)
        {
          *reason = g_strdup_printf (_("A chance is between 0 and 1; %s is not"), parts[i]);
          return FALSE;
        }
      g_array_append_val (values, v);
    }
  if (values->len > UP_SCHEDULE_MAX)
    {
      *reason = g_strdup_printf (_("At most %d yearly values"), UP_SCHEDULE_MAX);
      return FALSE;
    }
  if (values->len > 0)
    *out = up_schedule_new ((const double *) values->data, values->len);
  return TRUE;
}

static gboolean
schedule_varies (const UpSchedule *schedule)
{
  const double *v = up_schedule_get_values (schedule);

  for (guint i = 1; i < up_schedule_get_length (schedule); i++)
    if (v[i] != v[0])
      return TRUE;
  return FALSE;
}

static char *
transition_text (UpPlan     *plan,
                 const char *from,
                 const char *to)
{
  UpTransition *tr = up_plan_find_transition (plan, from, to);

  if (tr == NULL || up_transition_get_value (tr) == NULL)
    return g_strdup ("");
  return up_schedule_to_string (up_transition_get_value (tr));
}

static void
toast (UpPathwaysView *self,
       const char     *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/* ---- Row totals and the diagonal ------------------------------------------------------ */

/* Sums what the cells of a row hold now (typed or committed), cycle by cycle. */
static void
update_row_total (UpPathwaysView *self,
                  guint           from)
{
  guint S = n_states (self);
  g_autoptr(GPtrArray) schedules =
    g_ptr_array_new_with_free_func ((GDestroyNotify) up_schedule_unref);
  Cell *diagonal = cell_at (self, from, from);
  GtkWidget *total = self->totals->pdata[from];
  StateRow *row = self->rows->pdata[from];
  double first = 0, over_value = 0;
  guint n_cycles = 1, over_cycle = 0;
  gboolean varies = FALSE, any_invalid = FALSE;
  g_autofree char *stay = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  for (guint to = 0; to < S; to++)
    {
      Cell *cell = cell_at (self, from, to);
      UpSchedule *schedule = NULL;
      g_autofree char *reason = NULL;

      if (to == from)
        continue;
      if (!parse_probabilities (gtk_editable_get_text (GTK_EDITABLE (cell->widget)),
                                &schedule, &reason))
        {
          any_invalid = TRUE;
          continue;
        }
      if (schedule == NULL)
        continue;
      first += up_schedule_get (schedule, 1);
      n_cycles = MAX (n_cycles, up_schedule_get_length (schedule));
      varies = varies || schedule_varies (schedule);
      g_ptr_array_add (schedules, schedule);
    }
  /* The engine checks every cycle; the first that goes over is the one to tell. */
  for (guint j = 1; j <= n_cycles && over_cycle == 0; j++)
    {
      double sum = 0;

      for (guint i = 0; i < schedules->len; i++)
        sum += up_schedule_get (schedules->pdata[i], j);
      if (sum > 1 + SUM_TOLERANCE)
        {
          over_cycle = j;
          over_value = sum;
        }
    }

  if (over_cycle != 0)
    {
      g_autofree char *percent = up_format_percent (over_value);

      if (over_cycle == 1)
        /* translators: %s is a percentage such as 110% */
        text = g_strdup_printf (_("Row adds up to %s — more than 100%%"), percent);
      else
        /* translators: %s is a percentage such as 110%, %u a year of the plan (1, 2, …) */
        text = g_strdup_printf (_("Row adds up to %s in year %u — more than 100%%"), percent,
                                over_cycle);
      tooltip = g_strdup_printf (_("The chances of leaving “%s” must add up to at most 100%% "
                                   "in every year"), state_name (row->state));
    }
  else
    {
      g_autofree char *percent = up_format_percent (first);

      text = varies ? g_strdup_printf (_("%s in year 1"), percent) : g_steal_pointer (&percent);
      tooltip = g_strdup_printf (_("Chance of leaving “%s” during a year"),
                                 state_name (row->state));
    }
  total_box_set (total, text, over_cycle != 0, tooltip);
  if (any_invalid && over_cycle == 0)
    gtk_widget_set_tooltip_text (total, _("A cell of this row holds something that is not a "
                                          "chance; it is left out of the total"));

  if (varies)
    stay = g_strdup (_("varies"));
  else
    stay = format_probability (1 - first);
  gtk_label_set_label (GTK_LABEL (diagonal->widget), stay);
  if (!varies && 1 - first < -SUM_TOLERANCE)
    gtk_widget_add_css_class (diagonal->widget, "invalid");
  else
    gtk_widget_remove_css_class (diagonal->widget, "invalid");
  {
    g_autofree char *label = g_strdup_printf (_("Chance of staying in “%s”: %s"),
                                              state_name (row->state), stay);

    gtk_accessible_update_property (GTK_ACCESSIBLE (diagonal->widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

/* ---- Transition cells ------------------------------------------------------------------ */

/* Under the matrix, in words, what was typed and refused: not only in tooltips. */
static void
refresh_matrix_message (UpPathwaysView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->cells != NULL && i < self->cells->len; i++)
    {
      Cell *cell = self->cells->pdata[i];
      StateRow *from, *to;

      if (cell->problem == NULL)
        continue;
      from = self->rows->pdata[cell->from];
      to = self->rows->pdata[cell->to];
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* translators: a refused cell of the matrix: "High need → Crisis: “abc” is not a number" */
      g_string_append_printf (text, _("Not changed, %s → %s: %s"), state_name (from->state),
                              state_name (to->state), cell->problem);
    }
  gtk_label_set_label (self->matrix_message, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->matrix_message), text->len > 0);
}

static void
cell_set_problem (Cell       *cell,
                  const char *problem)
{
  if (g_strcmp0 (cell->problem, problem) == 0)
    return;
  g_free (cell->problem);
  cell->problem = g_strdup (problem);
  mark_entry (GTK_ENTRY (cell->widget), problem, cell->tooltip);
  if (cell->view != NULL)
    refresh_matrix_message (cell->view);
}

/* A schedule of several values does not fit in the cell: the tooltip spells it out. */
static void
cell_update_tooltip (Cell *cell)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (cell->widget));
  g_autoptr(UpSchedule) schedule = NULL;
  g_autofree char *reason = NULL;

  g_free (cell->tooltip);
  if (parse_probabilities (text, &schedule, &reason) && schedule != NULL &&
      up_schedule_get_length (schedule) > 1)
    {
      g_autofree char *values = up_schedule_to_string (schedule);

      /* translators: %s is the tooltip of a cell, then a list of yearly values */
      cell->tooltip = g_strdup_printf (_("%s\nYear by year: %s (the last value keeps going)"),
                                       cell->base_tooltip, values);
    }
  else
    cell->tooltip = g_strdup (cell->base_tooltip);
  if (cell->problem == NULL)
    gtk_widget_set_tooltip_text (cell->widget, cell->tooltip);
}

static void
cell_commit (Cell *cell)
{
  UpPathwaysView *self = cell->view;
  const char *text;
  g_autoptr(UpSchedule) schedule = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *key = NULL;
  g_autofree char *canonical = NULL;
  UpTransition *existing;

  if (self == NULL || self->updating || self->session == NULL)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (cell->widget));
  if (!parse_probabilities (text, &schedule, &reason))
    {
      /* Refused: the plan keeps its value and the cell says why. */
      cell_set_problem (cell, reason);
      gtk_widget_error_bell (cell->widget);
      return;
    }
  cell_set_problem (cell, NULL);
  canonical = schedule ? up_schedule_to_string (schedule) : g_strdup ("");
  if (g_strcmp0 (canonical, cell->committed) == 0)
    return;

  key = g_strdup_printf ("transition/%s/%s", cell->from_id, cell->to_id);
  existing = up_plan_find_transition (self->plan, cell->from_id, cell->to_id);
  /* Remembered first, so the refresh that follows the edit leaves the text typed. */
  g_free (cell->committed);
  cell->committed = g_strdup (canonical);
  up_plan_session_begin_edit (self->session, key);
  if (schedule == NULL)
    {
      GListStore *store = up_plan_get_transitions (self->plan);
      guint position;

      if (existing != NULL && g_list_store_find (store, existing, &position))
        g_list_store_remove (store, position);
    }
  else if (existing != NULL)
    up_transition_set_value (existing, schedule);
  else
    {
      g_autoptr(UpTransition) tr = up_transition_new (cell->from_id, cell->to_id, schedule);

      g_list_store_append (up_plan_get_transitions (self->plan), tr);
    }
  /* A cell is committed as a whole (Enter or leaving it): each commit is its own step. */
  up_plan_session_end_merge (self->session);
}

static void
cell_changed_cb (GtkEditable *editable,
                 Cell        *cell)
{
  UpPathwaysView *self = cell->view;

  if (self == NULL || self->updating)
    return;
  cell_update_tooltip (cell);
  /* A mark goes as soon as the text is right again; a new one waits for the commit. */
  if (cell->problem != NULL)
    {
      g_autoptr(UpSchedule) schedule = NULL;
      g_autofree char *reason = NULL;

      if (parse_probabilities (gtk_editable_get_text (editable), &schedule, &reason))
        cell_set_problem (cell, NULL);
    }
  update_row_total (self, cell->from);
}

static void
cell_activate_cb (GtkEntry *entry,
                  Cell     *cell)
{
  cell_commit (cell);
}

static void
cell_focus_leave_cb (GtkEventControllerFocus *controller,
                     Cell                    *cell)
{
  cell_commit (cell);
  if (cell->view != NULL && cell->view->session != NULL)
    up_plan_session_end_merge (cell->view->session);
}

/* Sets the cell from the plan when the plan's value under it changed. */
static void
cell_sync (UpPathwaysView *self,
           Cell           *cell)
{
  g_autofree char *now = transition_text (self->plan, cell->from_id, cell->to_id);

  if (g_strcmp0 (now, cell->committed) == 0)
    return;
  g_free (cell->committed);
  cell->committed = g_steal_pointer (&now);
  gtk_editable_set_text (GTK_EDITABLE (cell->widget), cell->committed);
  cell_set_problem (cell, NULL);
  cell_update_tooltip (cell);
}

static GtkWidget *
cell_entry_new (UpPathwaysView *self,
                Cell           *cell,
                UpState        *from,
                UpState        *to)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *label = NULL;
  g_autofree char *name = g_strdup_printf ("cell:%s:%s", cell->from_id, cell->to_id);

  /* translators: an entry of the transition matrix, "From Stable to Crisis" */
  label = g_strdup_printf (_("From %s to %s"), state_name (from), state_name (to));
  cell->base_tooltip = g_strdup_printf (_("Chance each year of moving from “%s” to “%s”"),
                                        state_name (from), state_name (to));
  gtk_widget_set_name (entry, name);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), CELL_WIDTH_CHARS);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), CELL_WIDTH_CHARS);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
  gtk_widget_add_css_class (entry, "numeric");
  gtk_widget_add_css_class (entry, "matrix-cell");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  cell->committed = transition_text (self->plan, cell->from_id, cell->to_id);
  gtk_editable_set_text (GTK_EDITABLE (entry), cell->committed);
  cell->widget = entry;
  cell_update_tooltip (cell);

  g_signal_connect_data (entry, "changed", G_CALLBACK (cell_changed_cb), cell_ref (cell),
                         closure_unref_cell, 0);
  g_signal_connect_data (entry, "activate", G_CALLBACK (cell_activate_cb), cell_ref (cell),
                         closure_unref_cell, 0);
  g_signal_connect_data (focus, "leave", G_CALLBACK (cell_focus_leave_cb), cell_ref (cell),
                         closure_unref_cell, 0);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

/* ---- State rows ------------------------------------------------------------------------ */

static void
name_changed_cb (GtkEditable *editable,
                 StateRow    *row)
{
  UpPathwaysView *self = row->view;
  g_autofree char *key = NULL;
  const char *text = gtk_editable_get_text (editable);

  if (self == NULL || self->updating)
    return;
  key = g_strdup_printf ("state/%s/name", row->id);
  g_free (row->synced_name);
  row->synced_name = g_strdup (text);
  up_plan_session_begin_edit (self->session, key);
  up_item_set_name (UP_ITEM (row->state), text);
}

static void
colour_changed_cb (GtkColorButton *button,
                   GParamSpec     *pspec,
                   StateRow       *row)
{
  UpPathwaysView *self = row->view;
  GdkRGBA rgba;
  g_autofree char *hex = NULL;
  g_autofree char *key = NULL;

  if (self == NULL || self->updating)
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = g_strdup_printf ("#%02x%02x%02x", (int) lround (rgba.red * 255),
                         (int) lround (rgba.green * 255), (int) lround (rgba.blue * 255));
  if (g_strcmp0 (hex, up_state_get_colour (row->state)) == 0)
    return;
  key = g_strdup_printf ("state/%s/colour", row->id);
  up_plan_session_begin_edit (self->session, key);
  up_state_set_colour (row->state, hex);
}

static void
crisis_toggled_cb (GtkCheckButton *check,
                   StateRow       *row)
{
  UpPathwaysView *self = row->view;
  gboolean active = gtk_check_button_get_active (check);

  if (self == NULL || self->updating || active == up_state_get_crisis (row->state))
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_state_set_crisis (row->state, active);
}

static void
move_state (StateRow *row,
            int       delta)
{
  UpPathwaysView *self = row->view;
  GListStore *store;
  guint position, other;
  g_autoptr(UpState) a = NULL;
  g_autoptr(UpState) b = NULL;
  gpointer swapped[2];

  if (self == NULL)
    return;
  store = up_plan_get_states (self->plan);
  if (!g_list_store_find (store, row->state, &position))
    return;
  if ((delta < 0 && position == 0) ||
      (delta > 0 && position + 1 >= g_list_model_get_n_items (G_LIST_MODEL (store))))
    return;
  other = delta < 0 ? position - 1 : position + 1;
  a = g_list_model_get_item (G_LIST_MODEL (store), MIN (position, other));
  b = g_list_model_get_item (G_LIST_MODEL (store), MAX (position, other));
  swapped[0] = b;
  swapped[1] = a;
  up_plan_session_begin_edit (self->session, NULL);
  /* One splice, so the list changes once. */
  g_list_store_splice (store, MIN (position, other), 2, swapped, 2);
}

static void
move_up_cb (GtkButton *button,
            StateRow  *row)
{
  UpPathwaysView *self = row->view;
  g_autofree char *id = g_strdup (row->id);

  move_state (row, -1);
  /* Keep the keyboard on the moved state. */
  for (guint i = 0; self != NULL && i < n_states (self); i++)
    {
      StateRow *r = self->rows->pdata[i];

      if (g_strcmp0 (r->id, id) == 0)
        gtk_widget_grab_focus (r->name);
    }
}

static void
move_down_cb (GtkButton *button,
              StateRow  *row)
{
  UpPathwaysView *self = row->view;
  g_autofree char *id = g_strdup (row->id);

  move_state (row, +1);
  for (guint i = 0; self != NULL && i < n_states (self); i++)
    {
      StateRow *r = self->rows->pdata[i];

      if (g_strcmp0 (r->id, id) == 0)
        gtk_widget_grab_focus (r->name);
    }
}

static gboolean
path_mentions_state (const char *path,
                     const char *id)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  if (n >= 2 && g_str_equal (parts[0], "state") && g_str_equal (parts[1], id))
    return TRUE;
  if (n >= 3 && g_str_equal (parts[0], "transition") &&
      (g_str_equal (parts[1], id) || g_str_equal (parts[2], id)))
    return TRUE;
  if (n >= 5 && g_str_equal (parts[0], "option") && g_str_equal (parts[2], "effect") &&
      (g_str_equal (parts[3], id) || g_str_equal (parts[4], id)))
    return TRUE;
  return FALSE;
}

/* What refers to a state, in words; NULL when nothing does. */
static char *
describe_state_references (UpPlan     *plan,
                           const char *id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GListModel *transitions = G_LIST_MODEL (up_plan_get_transitions (plan));
  GListModel *options = G_LIST_MODEL (up_plan_get_options (plan));
  GListModel *scenarios = G_LIST_MODEL (up_plan_get_scenarios (plan));
  g_auto(GStrv) distributions = up_plan_list_distributions (plan);
  guint n_transitions = 0, n_overrides = 0, n_distributions = 0;

  for (guint i = 0; i < g_list_model_get_n_items (transitions); i++)
    {
      g_autoptr(UpTransition) tr = g_list_model_get_item (transitions, i);

      if (g_strcmp0 (up_transition_get_from (tr), id) == 0 ||
          g_strcmp0 (up_transition_get_to (tr), id) == 0)
        n_transitions++;
    }
  if (n_transitions > 0)
    g_string_append_printf (out, ngettext ("• %u move in the matrix\n",
                                           "• %u moves in the matrix\n", n_transitions),
                            n_transitions);

  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(UpOption) option = g_list_model_get_item (options, i);
      GListModel *effects = G_LIST_MODEL (up_option_get_effects (option));
      guint n_effects = 0;

      for (guint e = 0; e < g_list_model_get_n_items (effects); e++)
        {
          g_autoptr(UpEffect) effect = g_list_model_get_item (effects, e);

          if (g_strcmp0 (up_effect_get_from (effect), id) == 0 ||
              g_strcmp0 (up_effect_get_to (effect), id) == 0)
            n_effects++;
        }
      if (n_effects > 0)
        g_string_append_printf (out, ngettext ("• %u effect of “%s”\n",
                                               "• %u effects of “%s”\n", n_effects),
                                n_effects, up_item_get_name (UP_ITEM (option)));
      if (up_option_is_eligible (option, id))
        g_string_append_printf (out, _("• the people “%s” reaches\n"),
                                up_item_get_name (UP_ITEM (option)));
    }

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (scenarios, i);
      g_auto(GStrv) paths = up_scenario_list_overrides (scenario);

      for (guint p = 0; paths[p] != NULL; p++)
        if (path_mentions_state (paths[p], id))
          n_overrides++;
    }
  if (n_overrides > 0)
    g_string_append_printf (out, ngettext ("• %u scenario setting\n",
                                           "• %u scenario settings\n", n_overrides),
                            n_overrides);

  for (guint i = 0; distributions[i] != NULL; i++)
    if (path_mentions_state (distributions[i], id))
      n_distributions++;
  if (n_distributions > 0)
    g_string_append_printf (out, ngettext ("• %u uncertainty range\n",
                                           "• %u uncertainty ranges\n", n_distributions),
                            n_distributions);

  if (out->len == 0)
    return NULL;
  g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Removes a state and everything that refers to it, in one undo step. */
static void
remove_state_everywhere (UpPathwaysView *self,
                         UpState        *state)
{
  const char *id = up_item_get_id (UP_ITEM (state));
  g_autofree char *state_id = g_strdup (id);
  GListStore *states = up_plan_get_states (self->plan);
  GListStore *transitions = up_plan_get_transitions (self->plan);
  GListModel *options = G_LIST_MODEL (up_plan_get_options (self->plan));
  GListModel *scenarios = G_LIST_MODEL (up_plan_get_scenarios (self->plan));
  g_auto(GStrv) distributions = up_plan_list_distributions (self->plan);
  guint position;

  if (!g_list_store_find (states, state, &position))
    return;
  up_plan_session_begin_edit (self->session, NULL);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (transitions)); i-- > 0;)
    {
      g_autoptr(UpTransition) tr = g_list_model_get_item (G_LIST_MODEL (transitions), i);

      if (g_strcmp0 (up_transition_get_from (tr), state_id) == 0 ||
          g_strcmp0 (up_transition_get_to (tr), state_id) == 0)
        g_list_store_remove (transitions, i);
    }
  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(UpOption) option = g_list_model_get_item (options, i);
      GListStore *effects = up_option_get_effects (option);

      for (guint e = g_list_model_get_n_items (G_LIST_MODEL (effects)); e-- > 0;)
        {
          g_autoptr(UpEffect) effect = g_list_model_get_item (G_LIST_MODEL (effects), e);

          if (g_strcmp0 (up_effect_get_from (effect), state_id) == 0 ||
              g_strcmp0 (up_effect_get_to (effect), state_id) == 0)
            g_list_store_remove (effects, e);
        }
      if (up_option_is_eligible (option, state_id))
        {
          const char * const *eligible = up_option_get_eligible (option);
          g_autoptr(GPtrArray) kept = g_ptr_array_new ();

          for (guint e = 0; eligible != NULL && eligible[e] != NULL; e++)
            if (g_strcmp0 (eligible[e], state_id) != 0)
              g_ptr_array_add (kept, (gpointer) eligible[e]);
          g_ptr_array_add (kept, NULL);
          {
            g_auto(GStrv) copy = g_strdupv ((char **) kept->pdata);

            up_option_set_eligible (option, (const char * const *) copy);
          }
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (scenarios, i);
      g_auto(GStrv) paths = up_scenario_list_overrides (scenario);

      for (guint p = 0; paths[p] != NULL; p++)
        if (path_mentions_state (paths[p], state_id))
          up_scenario_remove_override (scenario, paths[p]);
    }
  for (guint i = 0; distributions[i] != NULL; i++)
    if (path_mentions_state (distributions[i], state_id))
      up_plan_set_distribution (self->plan, distributions[i], NULL);

  if (g_list_store_find (states, state, &position))
    g_list_store_remove (states, position);
}

typedef struct
{
  UpPathwaysView *view;
  UpState        *state;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_clear_object (&data->view);
  g_clear_object (&data->state);
  g_free (data);
}

static void
remove_data_closure_free (gpointer  data,
                          GClosure *closure)
{
  remove_data_free (data);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RemoveData       *data)
{
  if (g_strcmp0 (response, "remove") == 0 && data->view->plan != NULL)
    {
      g_autofree char *name = g_strdup (state_name (data->state));
      g_autofree char *message = g_strdup_printf (_("Removed “%s” and what referred to it"),
                                                  name);

      remove_state_everywhere (data->view, data->state);
      toast (data->view, message);
    }
}

static void
remove_cb (GtkButton *button,
           StateRow  *row)
{
  UpPathwaysView *self = row->view;
  g_autofree char *references = NULL;
  GtkRoot *root;
  GtkWidget *dialog;
  RemoveData *data;

  if (self == NULL)
    return;
  references = describe_state_references (self->plan, row->id);
  if (references == NULL)
    {
      remove_state_everywhere (self, row->state);
      return;
    }
  /* Never leave a reference dangling: say what refers to the state, and offer to
   * remove that too, in the same undo step. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s”?"),
                                     state_name (row->state));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("These parts of the plan refer to this state and would be "
                                    "removed with it:\n%s\n\nYou can undo this."), references);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  data = g_new0 (RemoveData, 1);
  data->view = g_object_ref (self);
  data->state = g_object_ref (row->state);
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb), data,
                         remove_data_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
icon_button_new (const char *icon,
                 const char *tooltip,
                 const char *accessible)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
column_heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
add_state_row (UpPathwaysView *self,
               UpState        *state,
               guint           index,
               guint           count)
{
  StateRow *row = g_rc_box_new0 (StateRow);
  const UpNumberSpec *initial_spec = up_item_find_number (UP_ITEM (state), "initial");
  const UpNumberSpec *inflow_spec = up_item_find_number (UP_ITEM (state), "inflow-share");
  const char *name = state_name (state);
  GtkWidget *initial, *inflow, *buttons, *up, *down, *remove;
  g_autofree char *a11y = NULL;
  g_autofree char *widget_name = NULL;
  GdkRGBA rgba;
  int grid_row = index + 1;

  row->view = self;
  row->state = g_object_ref (state);
  row->id = g_strdup (up_item_get_id (UP_ITEM (state)));
  row->index = index;
  g_ptr_array_add (self->rows, row);

  if (!gdk_rgba_parse (&rgba, up_state_get_colour (state) ? up_state_get_colour (state) : ""))
    gdk_rgba_parse (&rgba, "#77767b");
  row->colour = gtk_color_button_new_with_rgba (&rgba);
  gtk_color_button_set_modal (GTK_COLOR_BUTTON (row->colour), TRUE);
  a11y = g_strdup_printf (_("Colour of “%s”"), name);
  gtk_color_button_set_title (GTK_COLOR_BUTTON (row->colour), a11y);
  gtk_widget_set_tooltip_text (row->colour, a11y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->colour), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y, -1);
  gtk_widget_set_valign (row->colour, GTK_ALIGN_CENTER);
  g_signal_connect_data (row->colour, "notify::rgba", G_CALLBACK (colour_changed_cb),
                         state_row_ref (row), closure_unref_row, 0);
  gtk_grid_attach (self->states_grid, row->colour, 0, grid_row, 1, 1);

  row->name = gtk_entry_new ();
  widget_name = g_strdup_printf ("state-name:%s", row->id);
  gtk_widget_set_name (row->name, widget_name);
  gtk_widget_set_valign (row->name, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->name), 30);
  row->synced_name = g_strdup (up_item_get_name (UP_ITEM (state)));
  gtk_editable_set_text (GTK_EDITABLE (row->name), row->synced_name ? row->synced_name : "");
  g_free (a11y);
  a11y = g_strdup_printf (_("Name of state %u of %u"), index + 1, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y, -1);
  g_signal_connect_data (row->name, "changed", G_CALLBACK (name_changed_cb),
                         state_row_ref (row), closure_unref_row, 0);
  gtk_grid_attach (self->states_grid, row->name, 1, grid_row, 1, 1);

  row->crisis = gtk_check_button_new_with_label (_("Crisis state"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->crisis), up_state_get_crisis (state));
  gtk_widget_set_tooltip_text (row->crisis, _("Costs of crisis states and moves into them count "
                                              "as crisis costs and crisis episodes"));
  g_signal_connect_data (row->crisis, "toggled", G_CALLBACK (crisis_toggled_cb),
                         state_row_ref (row), closure_unref_row, 0);
  gtk_grid_attach (self->states_grid, row->crisis, 2, grid_row, 1, 1);

  initial = up_number_field_new_for_spec (initial_spec);
  up_number_field_bind_item (UP_NUMBER_FIELD (initial), self->session, UP_ITEM (state),
                             initial_spec);
  g_free (a11y);
  a11y = g_strdup_printf (_("Initial share of “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (up_number_field_get_spin_button (
                                    UP_NUMBER_FIELD (initial))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_widget_set_valign (initial, GTK_ALIGN_CENTER);
  gtk_grid_attach (self->states_grid, initial, 3, grid_row, 1, 1);

  inflow = up_number_field_new_for_spec (inflow_spec);
  up_number_field_bind_item (UP_NUMBER_FIELD (inflow), self->session, UP_ITEM (state),
                             inflow_spec);
  g_free (a11y);
  a11y = g_strdup_printf (_("Inflow share of “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (up_number_field_get_spin_button (
                                    UP_NUMBER_FIELD (inflow))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_widget_set_valign (inflow, GTK_ALIGN_CENTER);
  gtk_grid_attach (self->states_grid, inflow, 4, grid_row, 1, 1);

  row->costs = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->costs), 0);
  gtk_label_set_wrap (GTK_LABEL (row->costs), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (row->costs), 50);
  gtk_widget_set_hexpand (row->costs, TRUE);
  gtk_widget_add_css_class (row->costs, "numeric");
  gtk_grid_attach (self->states_grid, row->costs, 5, grid_row, 1, 1);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_free (a11y);
  a11y = g_strdup_printf (_("Move “%s” up"), name);
  up = icon_button_new ("go-up-symbolic", _("Move up"), a11y);
  gtk_widget_set_sensitive (up, index > 0);
  g_signal_connect_data (up, "clicked", G_CALLBACK (move_up_cb), state_row_ref (row),
                         closure_unref_row, 0);
  g_free (a11y);
  a11y = g_strdup_printf (_("Move “%s” down"), name);
  down = icon_button_new ("go-down-symbolic", _("Move down"), a11y);
  gtk_widget_set_sensitive (down, index + 1 < count);
  g_signal_connect_data (down, "clicked", G_CALLBACK (move_down_cb), state_row_ref (row),
                         closure_unref_row, 0);
  g_free (a11y);
  a11y = g_strdup_printf (_("Remove “%s”"), name);
  remove = icon_button_new ("user-trash-symbolic", _("Remove this state"), a11y);
  g_free (widget_name);
  widget_name = g_strdup_printf ("remove:%s", row->id);
  gtk_widget_set_name (remove, widget_name);
  g_signal_connect_data (remove, "clicked", G_CALLBACK (remove_cb), state_row_ref (row),
                         closure_unref_row, 0);
  gtk_box_append (GTK_BOX (buttons), up);
  gtk_box_append (GTK_BOX (buttons), down);
  gtk_box_append (GTK_BOX (buttons), remove);
  gtk_grid_attach (self->states_grid, buttons, 6, grid_row, 1, 1);
}

/* ---- Building ---------------------------------------------------------------------------- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
drop_layout (UpPathwaysView *self)
{
  /* Callbacks still queued on the old widgets find no view and do nothing. */
  for (guint i = 0; self->rows && i < self->rows->len; i++)
    ((StateRow *) self->rows->pdata[i])->view = NULL;
  for (guint i = 0; self->cells && i < self->cells->len; i++)
    ((Cell *) self->cells->pdata[i])->view = NULL;
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->cells, 0);
  g_ptr_array_set_size (self->layout, 0);
  g_ptr_array_set_size (self->row_headers, 0);
  g_ptr_array_set_size (self->col_headers, 0);
  g_ptr_array_set_size (self->totals, 0);
  self->initial_total = NULL;
  self->inflow_total = NULL;
  self->built = FALSE;
  clear_grid (self->states_grid);
  clear_grid (self->matrix_grid);
  gtk_widget_set_visible (GTK_WIDGET (self->matrix_message), FALSE);
}

static void
build_matrix (UpPathwaysView *self)
{
  GListModel *states = G_LIST_MODEL (up_plan_get_states (self->plan));
  guint S = g_list_model_get_n_items (states);
  GtkWidget *corner, *heading;

  if (S == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Add states to describe how people move between "
                                          "them."));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_grid_attach (self->matrix_grid, empty, 0, 0, 1, 1);
      return;
    }

  /* translators: the top-left corner of the transition matrix */
  corner = gtk_label_new (_("From ↓   to →"));
  gtk_widget_add_css_class (corner, "dim-label");
  gtk_widget_add_css_class (corner, "caption");
  gtk_widget_set_valign (corner, GTK_ALIGN_END);
  gtk_label_set_xalign (GTK_LABEL (corner), 0);
  gtk_grid_attach (self->matrix_grid, corner, 0, 0, 1, 1);

  for (guint c = 0; c < S; c++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (states, c);
      GtkWidget *label = gtk_label_new (state_name (state));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 9);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_widget_set_tooltip_text (label, state_name (state));
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (self->matrix_grid, label, c + 1, 0, 1, 1);
      g_ptr_array_add (self->col_headers, label);
    }
  heading = column_heading_new (_("Leaving in a year"));
  gtk_widget_set_valign (heading, GTK_ALIGN_END);
  gtk_widget_set_margin_start (heading, 8);
  gtk_grid_attach (self->matrix_grid, heading, S + 1, 0, 1, 1);

  for (guint r = 0; r < S; r++)
    {
      g_autoptr(UpState) from = g_list_model_get_item (states, r);
      GtkWidget *label = gtk_label_new (state_name (from));
      GtkWidget *total;
      g_autofree char *total_name = g_strdup_printf ("total:%s", up_item_get_id (UP_ITEM (from)));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_widget_set_tooltip_text (label, state_name (from));
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->matrix_grid, label, 0, r + 1, 1, 1);
      g_ptr_array_add (self->row_headers, label);

      for (guint c = 0; c < S; c++)
        {
          g_autoptr(UpState) to = g_list_model_get_item (states, c);
          Cell *cell = g_rc_box_new0 (Cell);

          cell->view = self;
          cell->from = r;
          cell->to = c;
          cell->from_id = g_strdup (up_item_get_id (UP_ITEM (from)));
          cell->to_id = g_strdup (up_item_get_id (UP_ITEM (to)));
          g_ptr_array_add (self->cells, cell);
          if (r == c)
            {
              g_autofree char *name = g_strdup_printf ("stay:%s", cell->from_id);

              cell->widget = gtk_label_new (NULL);
              gtk_widget_set_name (cell->widget, name);
              gtk_label_set_xalign (GTK_LABEL (cell->widget), 1);
              gtk_widget_set_margin_end (cell->widget, 8);
              gtk_widget_add_css_class (cell->widget, "numeric");
              gtk_widget_add_css_class (cell->widget, "matrix-stay");
              gtk_widget_set_tooltip_text (cell->widget,
                                           _("Chance of staying, in the first year: what is "
                                             "left of the row"));
            }
          else
            cell->widget = cell_entry_new (self, cell, from, to);
          gtk_grid_attach (self->matrix_grid, cell->widget, c + 1, r + 1, 1, 1);
        }

      total = total_box_new (total_name);
      gtk_widget_set_margin_start (total, 8);
      gtk_grid_attach (self->matrix_grid, total, S + 1, r + 1, 1, 1);
      g_ptr_array_add (self->totals, total);
    }
}

static void
rebuild (UpPathwaysView *self)
{
  GListModel *states;
  guint S;
  GtkWidget *label;

  self->updating = TRUE;
  drop_layout (self);
  if (self->plan == NULL)
    {
      self->updating = FALSE;
      return;
    }
  states = G_LIST_MODEL (up_plan_get_states (self->plan));
  S = g_list_model_get_n_items (states);

  label = column_heading_new (_("Name"));
  gtk_grid_attach (self->states_grid, label, 1, 0, 1, 1);
  label = column_heading_new (_("Initial share"));
  gtk_grid_attach (self->states_grid, label, 3, 0, 1, 1);
  label = column_heading_new (_("Inflow share"));
  gtk_grid_attach (self->states_grid, label, 4, 0, 1, 1);
  label = column_heading_new (_("Cost per person"));
  gtk_grid_attach (self->states_grid, label, 5, 0, 1, 1);

  for (guint i = 0; i < S; i++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (states, i);

      g_ptr_array_add (self->layout, g_object_ref (state));
      add_state_row (self, state, i, S);
    }

  label = gtk_label_new (_("Total"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (self->states_grid, label, 1, S + 1, 2, 1);
  self->initial_total = total_box_new ("initial-total");
  gtk_widget_set_margin_start (self->initial_total, 4);
  gtk_grid_attach (self->states_grid, self->initial_total, 3, S + 1, 1, 1);
  self->inflow_total = total_box_new ("inflow-total");
  gtk_widget_set_margin_start (self->inflow_total, 4);
  gtk_grid_attach (self->states_grid, self->inflow_total, 4, S + 1, 1, 1);

  build_matrix (self);
  self->built = TRUE;
  self->updating = FALSE;
}

static gboolean
layout_is_current (UpPathwaysView *self)
{
  GListModel *states = G_LIST_MODEL (up_plan_get_states (self->plan));
  guint n = g_list_model_get_n_items (states);

  if (!self->built || n != self->layout->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (states, i);

      if (state != self->layout->pdata[i])
        return FALSE;
    }
  return TRUE;
}

/* ---- Refreshing ------------------------------------------------------------------------ */

static void
refresh_share_totals (UpPathwaysView *self)
{
  double initial = 0, inflow = 0;
  UpSchedule *people = up_plan_get_inflow (self->plan);
  gboolean any_inflow = FALSE;

  for (guint i = 0; i < n_states (self); i++)
    {
      StateRow *row = self->rows->pdata[i];
      UpItem *item = UP_ITEM (row->state);

      initial += up_item_get_number (item, up_item_find_number (item, "initial"));
      inflow += up_item_get_number (item, up_item_find_number (item, "inflow-share"));
    }
  for (guint i = 0; people != NULL && i < up_schedule_get_length (people); i++)
    if (up_schedule_get_values (people)[i] > 0)
      any_inflow = TRUE;

  {
    g_autofree char *percent = up_format_percent (initial);
    gboolean wrong = n_states (self) > 0 && fabs (initial - 1) > SUM_TOLERANCE;
    g_autofree char *text = wrong ? g_strdup_printf (_("%s — must be 100%%"), percent)
                                  : g_strdup (percent);

    total_box_set (self->initial_total, text, wrong,
                   _("The initial shares place every person of the starting cohort"));
  }
  {
    g_autofree char *percent = up_format_percent (inflow);
    gboolean wrong = any_inflow && fabs (inflow - 1) > SUM_TOLERANCE;
    g_autofree char *text = NULL;

    if (wrong)
      text = g_strdup_printf (_("%s — must be 100%%"), percent);
    else if (!any_inflow && fabs (inflow - 1) > SUM_TOLERANCE)
      /* translators: the inflow shares are not used when nobody arrives */
      text = g_strdup_printf (_("%s (unused: no new people)"), percent);
    else
      text = g_strdup (percent);
    total_box_set (self->inflow_total, text, wrong,
                   _("The inflow shares place the new people who arrive each year"));
  }
}

static void
refresh_state_row (UpPathwaysView *self,
                   StateRow       *row)
{
  const char *name = up_item_get_name (UP_ITEM (row->state));
  GdkRGBA rgba, shown;
  gboolean complete = TRUE;
  guint n_use = g_list_model_get_n_items (G_LIST_MODEL (up_state_get_use (row->state)));
  guint n_entry = g_list_model_get_n_items (G_LIST_MODEL (up_state_get_entry (row->state)));
  double annual;
  g_autofree char *money = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (name, row->synced_name) != 0)
    {
      g_free (row->synced_name);
      row->synced_name = g_strdup (name);
      gtk_editable_set_text (GTK_EDITABLE (row->name), name ? name : "");
    }
  if (gdk_rgba_parse (&rgba, up_state_get_colour (row->state) ? up_state_get_colour (row->state)
                                                               : ""))
    {
      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (row->colour), &shown);
      if (!gdk_rgba_equal (&rgba, &shown))
        gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (row->colour), &rgba);
    }
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (row->crisis)) !=
      up_state_get_crisis (row->state))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (row->crisis),
                                 up_state_get_crisis (row->state));

  annual = up_cost_lines_total (self->plan, G_LIST_MODEL (up_state_get_use (row->state)),
                                &complete);
  money = up_format_money (annual, up_plan_get_currency (self->plan));
  if (n_use == 0 && n_entry == 0)
    text = g_strdup (_("No costs yet"));
  else
    /* translators: "£4,321 a year · lines: 3 service use, 2 entry"; the counts are of
     * the cost lines of a state, shown on the Costs page */
    text = g_strdup_printf (_("%s a year · lines: %u service use, %u entry"), money, n_use,
                            n_entry);
  gtk_label_set_label (GTK_LABEL (row->costs), text);
  gtk_widget_set_tooltip_text (row->costs,
                               complete ? _("Service-use cost of one person for a year in this "
                                            "state, at the price base. Edit it on the Costs "
                                            "page.")
                                        : _("Some cost lines could not be counted: a cost item "
                                            "is missing or its price year is not in the price "
                                            "index"));
}

/* Beside the inflow: how to write it, or why what was typed is refused. */
static void
show_inflow_hint (UpPathwaysView *self,
                  const char     *problem)
{
  if (problem != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Not changed: %s"), problem);

      gtk_label_set_label (self->inflow_hint, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->inflow_hint), "invalid");
      gtk_widget_remove_css_class (GTK_WIDGET (self->inflow_hint), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->inflow_hint, _("one number, or one per year: “300 320 340”"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->inflow_hint), "invalid");
      gtk_widget_add_css_class (GTK_WIDGET (self->inflow_hint), "dim-label");
    }
}

static void
refresh_inflow (UpPathwaysView *self)
{
  UpSchedule *inflow = up_plan_get_inflow (self->plan);
  g_autofree char *text = inflow ? up_schedule_to_string (inflow) : g_strdup ("0");

  if (g_strcmp0 (text, self->inflow_synced) == 0)
    return;
  g_free (self->inflow_synced);
  self->inflow_synced = g_steal_pointer (&text);
  gtk_editable_set_text (GTK_EDITABLE (self->inflow_entry), self->inflow_synced);
  g_clear_pointer (&self->inflow_problem, g_free);
  show_inflow_hint (self, NULL);
  mark_entry (self->inflow_entry, NULL,
              _("One number for every year, or one number per year separated by spaces, such "
                "as “300 320 340” (the last keeps going)"));
}

static void
refresh_headers (UpPathwaysView *self)
{
  for (guint i = 0; i < n_states (self) && i < self->row_headers->len; i++)
    {
      StateRow *row = self->rows->pdata[i];
      const char *name = state_name (row->state);

      gtk_label_set_label (self->row_headers->pdata[i], name);
      gtk_widget_set_tooltip_text (self->row_headers->pdata[i], name);
      gtk_label_set_label (self->col_headers->pdata[i], name);
      gtk_widget_set_tooltip_text (self->col_headers->pdata[i], name);
    }
}

static void
refresh_problems (UpPathwaysView *self)
{
  for (guint i = 0; self->cells && i < self->cells->len; i++)
    {
      Cell *cell = self->cells->pdata[i];
      g_autofree char *path = NULL;
      const UpProblem *problem;

      if (cell->from == cell->to || cell->problem != NULL)
        continue;
      path = g_strdup_printf ("transition/%s/%s", cell->from_id, cell->to_id);
      problem = up_plan_session_find_problem (self->session, path);
      mark_entry (GTK_ENTRY (cell->widget), problem ? problem->message : NULL, cell->tooltip);
    }
}

static void
sync_from_plan (UpPathwaysView *self)
{
  if (self->plan == NULL)
    return;
  if (!layout_is_current (self))
    rebuild (self);

  self->updating = TRUE;
  for (guint i = 0; i < n_states (self); i++)
    refresh_state_row (self, self->rows->pdata[i]);
  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *cell = self->cells->pdata[i];

      if (cell->from != cell->to)
        cell_sync (self, cell);
    }
  self->updating = FALSE;

  refresh_headers (self);
  for (guint i = 0; i < n_states (self); i++)
    update_row_total (self, i);
  refresh_share_totals (self);
  self->updating = TRUE;
  refresh_inflow (self);
  self->updating = FALSE;
}

/* ---- Callbacks ------------------------------------------------------------------------- */

static void
plan_changed_cb (UpPlan         *plan,
                 UpPathwaysView *self)
{
  sync_from_plan (self);
}

static void
results_changed_cb (UpPathwaysView *self)
{
  refresh_problems (self);
}

static void
add_state_clicked_cb (UpPathwaysView *self)
{
  GListStore *store;
  guint n, k;
  g_autofree char *id = NULL;
  g_autoptr(UpState) state = NULL;

  if (self->plan == NULL)
    return;
  store = up_plan_get_states (self->plan);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (k = n + 1;; k++)
    {
      g_free (id);
      id = g_strdup_printf ("state-%u", k);
      if (up_plan_find_state (self->plan, id) == NULL)
        break;
    }
  state = up_state_new (id, _("New state"));
  up_state_set_colour (state, state_palette[n % G_N_ELEMENTS (state_palette)]);
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_append (store, state);

  if (n_states (self) > 0)
    {
      StateRow *row = self->rows->pdata[n_states (self) - 1];

      gtk_widget_grab_focus (row->name);
      gtk_editable_select_region (GTK_EDITABLE (row->name), 0, -1);
    }
}

static void
inflow_changed_cb (UpPathwaysView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->inflow_entry));
  g_auto(GStrv) parts = NULL;
  g_autoptr(UpSchedule) schedule = NULL;
  g_autofree char *problem = NULL;
  guint n_values = 0;
  const char *tooltip = _("One number for every year, or one number per year separated by "
                          "spaces, such as “300 320 340” (the last keeps going)");

  if (self->updating || self->plan == NULL)
    return;
  /* The schedule's own syntax (up_schedule_parse(): values apart by spaces, commas or
   * semicolons); each value is checked first to say what is wrong, in words. A comma
   * before three digits, as in "1,000", reads as two values there: refused, not
   * guessed at. */
  for (const char *p = strchr (text, ','); p != NULL && problem == NULL;
       p = strchr (p + 1, ','))
    if (p > text && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1]) &&
        g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]))
      problem = g_strdup (_("Write numbers without thousands commas (1000, not 1,000), and "
                            "yearly values apart with spaces"));
  parts = g_strsplit_set (text, " \t\r\n,;", -1);
  for (guint i = 0; parts[i] != NULL && problem == NULL; i++)
    {
      double v;

      if (parts[i][0] == '\0')
        continue;
      if (!up_parse_double (parts[i], &v, NULL))
        problem = g_strdup_printf (_("“%s” is not a number of people"), parts[i]);
      else if (v < 0 || v > 1e12)
        problem = g_strdup_printf (_("%s is not between 0 and a million million"), parts[i]);
      else
        n_values++;
    }
  if (problem == NULL && n_values == 0)
    problem = g_strdup (_("Type a number of people, 0 for none"));
  if (problem == NULL && n_values > UP_SCHEDULE_MAX)
    problem = g_strdup_printf (_("At most %d yearly values"), UP_SCHEDULE_MAX);
  if (problem == NULL)
    {
      schedule = up_schedule_parse (text, NULL);
      if (schedule == NULL)
        problem = g_strdup (_("Type a number of people, 0 for none"));
    }

  g_free (self->inflow_problem);
  self->inflow_problem = g_strdup (problem);
  mark_entry (self->inflow_entry, problem, tooltip);
  show_inflow_hint (self, problem);
  if (problem != NULL)
    return;

  g_free (self->inflow_synced);
  self->inflow_synced = up_schedule_to_string (schedule);
  if (up_schedule_equal (schedule, up_plan_get_inflow (self->plan)))
    return;
  up_plan_session_begin_edit (self->session, "plan/inflow");
  up_plan_set_inflow (self->plan, schedule);
}

static void
inflow_focus_leave_cb (UpPathwaysView *self)
{
  if (self->session != NULL)
    up_plan_session_end_merge (self->session);
}

/* ---- Plan ------------------------------------------------------------------------------ */

static void
set_plan (UpPathwaysView *self,
          UpPlan         *plan)
{
  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_clear_signal_handler (&self->plan_changed_id, self->plan);
  g_set_object (&self->plan, plan);
  g_clear_pointer (&self->inflow_synced, g_free);
  g_ptr_array_set_size (self->layout, 0);

  if (self->cohort_size != NULL)
    {
      gtk_box_remove (GTK_BOX (self->cohort_size_slot), GTK_WIDGET (self->cohort_size));
      self->cohort_size = NULL;
    }
  if (plan == NULL)
    {
      drop_layout (self);
      return;
    }
  {
    const UpNumberSpec *spec = up_item_find_number (UP_ITEM (plan), "cohort-size");
    GtkWidget *field = up_number_field_new_for_spec (spec);

    up_number_field_bind_item (UP_NUMBER_FIELD (field), self->session, UP_ITEM (plan), spec);
    gtk_box_append (GTK_BOX (self->cohort_size_slot), field);
    gtk_label_set_mnemonic_widget (self->cohort_size_label,
                                   GTK_WIDGET (up_number_field_get_spin_button (
                                                 UP_NUMBER_FIELD (field))));
    self->cohort_size = UP_NUMBER_FIELD (field);
  }
  self->plan_changed_id = g_signal_connect (plan, "changed", G_CALLBACK (plan_changed_cb), self);
  sync_from_plan (self);
  refresh_problems (self);
}

static void
plan_replaced_cb (UpPathwaysView *self)
{
  set_plan (self, up_plan_session_get_plan (self->session));
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
up_pathways_view_dispose (GObject *object)
{
  UpPathwaysView *self = UP_PATHWAYS_VIEW (object);
  GtkWidget *child;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->plan_changed_id, self->plan);
  for (guint i = 0; self->rows && i < self->rows->len; i++)
    ((StateRow *) self->rows->pdata[i])->view = NULL;
  for (guint i = 0; self->cells && i < self->cells->len; i++)
    ((Cell *) self->cells->pdata[i])->view = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), UP_TYPE_PATHWAYS_VIEW);
  /* The template's top box is not a bound child: unparent what is left. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->layout, g_ptr_array_unref);
  g_clear_pointer (&self->row_headers, g_ptr_array_unref);
  g_clear_pointer (&self->col_headers, g_ptr_array_unref);
  g_clear_pointer (&self->totals, g_ptr_array_unref);
  g_clear_object (&self->plan);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (up_pathways_view_parent_class)->dispose (object);
}

static void
up_pathways_view_finalize (GObject *object)
{
  UpPathwaysView *self = UP_PATHWAYS_VIEW (object);

  g_free (self->inflow_synced);
  g_free (self->inflow_problem);
  G_OBJECT_CLASS (up_pathways_view_parent_class)->finalize (object);
}

static void
up_pathways_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UpPathwaysView *self = UP_PATHWAYS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_pathways_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  UpPathwaysView *self = UP_PATHWAYS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: up_pathways_view_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_pathways_view_class_init (UpPathwaysViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_pathways_view_dispose;
  object_class->finalize = up_pathways_view_finalize;
  object_class->get_property = up_pathways_view_get_property;
  object_class->set_property = up_pathways_view_set_property;

  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UP_TYPE_PLAN_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/upstreamplanner/"
                                               "Upstream/ui/up-pathways-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UpPathwaysView, scroller);
  gtk_widget_class_bind_template_child (widget_class, UpPathwaysView, states_grid);
  gtk_widget_class_bind_template_child (widget_class, UpPathwaysView, matrix_grid);
  gtk_widget_class_bind_template_child (widget_class, UpPathwaysView, cohort_size_slot);
  gtk_widget_class_bind_template_child (widget_class, UpPathwaysView, cohort_size_label);
  gtk_widget_class_bind_template_child (widget_class, UpPathwaysView, inflow_entry);
  gtk_widget_class_bind_template_child (widget_class, UpPathwaysView, inflow_hint);
  gtk_widget_class_bind_template_child (widget_class, UpPathwaysView, matrix_message);
  gtk_widget_class_bind_template_child (widget_class, UpPathwaysView, add_state_button);
  gtk_widget_class_bind_template_callback (widget_class, add_state_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, inflow_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pathwaysview");
}

static void
up_pathways_view_init (UpPathwaysView *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (state_row_unref);
  self->cells = g_ptr_array_new_with_free_func (cell_unref);
  self->layout = g_ptr_array_new_with_free_func (g_object_unref);
  self->row_headers = g_ptr_array_new ();
  self->col_headers = g_ptr_array_new ();
  self->totals = g_ptr_array_new ();

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (inflow_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->inflow_entry), focus);
}

UpPlanSession *
up_pathways_view_get_session (UpPathwaysView *self)
{
  g_return_val_if_fail (UP_IS_PATHWAYS_VIEW (self), NULL);
  return self->session;
}

void
up_pathways_view_set_session (UpPathwaysView *self,
                              UpPlanSession  *session)
{
  g_return_if_fail (UP_IS_PATHWAYS_VIEW (self));
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
