/* up-results-view.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only: everything here comes from the session's model and results, rebuilt on
 * "results-changed". The numbers and their words are made by up-results-table.c; this
 * file only lays them out.
 */

#define G_LOG_DOMAIN "up-results-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "up-chart-panel.h"
#include "up-results-table.h"
#include "up-results-view.h"

/* ---- A row of a table, for the per-year GtkColumnView ------------------------------ */

#define UP_TYPE_RESULTS_ROW_ITEM (up_results_row_item_get_type ())
G_DECLARE_FINAL_TYPE (UpResultsRowItem, up_results_row_item, UP, RESULTS_ROW_ITEM, GObject)

struct _UpResultsRowItem
{
  GObject         parent_instance;
  UpResultsTable *table;
  guint           index;
};

G_DEFINE_FINAL_TYPE (UpResultsRowItem, up_results_row_item, G_TYPE_OBJECT)

static void
up_results_row_item_finalize (GObject *object)
{
  UpResultsRowItem *self = UP_RESULTS_ROW_ITEM (object);

  g_clear_pointer (&self->table, up_results_table_unref);
  G_OBJECT_CLASS (up_results_row_item_parent_class)->finalize (object);
}

static void
up_results_row_item_class_init (UpResultsRowItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = up_results_row_item_finalize;
}

static void
up_results_row_item_init (UpResultsRowItem *self)
{
}

static UpResultsRowItem *
up_results_row_item_new (UpResultsTable *table,
                         guint           index)
{
  UpResultsRowItem *self = g_object_new (UP_TYPE_RESULTS_ROW_ITEM, NULL);

  self->table = up_results_table_ref (table);
  self->index = index;
  return self;
}

static const UpResultsRow *
up_results_row_item_get_row (UpResultsRowItem *self)
{
  return self->table->rows->pdata[self->index];
}

/* ---- The view ----------------------------------------------------------------------- */

/* The widgets of one value cell of the scorecard. */
typedef struct
{
  GtkWidget *box;
  GtkLabel  *value;
  GtkLabel  *words;
} Cell;

struct _UpResultsView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkStack       *outer_stack;
  GtkWidget      *stale_bar;
  GtkStack       *stack;
  GtkScrolledWindow *scorecard_body_scroller;
  GtkGrid        *scorecard_head;
  GtkGrid        *scorecard_grid;
  GtkCheckButton *explain_check;
  GtkDropDown    *holders_option;
  GtkWidget      *holders_empty;
  GtkGrid        *holders_grid;
  GtkDropDown    *years_option;
  GtkCheckButton *discounted_check;
  GtkColumnView  *years_view;
  GtkLabel       *years_legend;

  /* owned */
  UpPlanSession  *session;
  UpResultsTable *scorecard;        /* the table the scorecard grid was built for */
  GArray         *scorecard_cells;  /* Cell, row-major, zeroed for heading rows */
  GPtrArray      *column_heads;     /* GtkLabel pairs: name, headline per column */
  GPtrArray      *row_labels;       /* GtkLabel per row */
  GPtrArray      *row_notes;        /* GtkLabel per row: the explanation, or NULL */
  GPtrArray      *size_groups;      /* GtkSizeGroup per column: head and body line up */
  GtkStringList  *holders_names;
  GtkStringList  *years_names;
  GStrv           holders_ids;
  GStrv           years_ids;
  char           *holders_selected;
  char           *years_selected;
  GListStore     *years_store;
  GPtrArray      *years_columns;    /* GtkColumnViewColumn */
  gboolean        updating_options;

  /* the Charts page, built in code */
  UpChartPanel   *chart_panels[UP_CHART_N_KINDS];
  GtkCheckButton *crisis_discounted;
  GtkDropDown    *crisis_stack_by;
  GtkStringList  *crisis_stack_names;
  GStrv           crisis_stack_ids;   /* option id per drop-down entry after "none" */
  char           *crisis_stack_selected;
};

G_DEFINE_FINAL_TYPE (UpResultsView, up_results_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *props[N_PROPS];

/* ---- Helpers ------------------------------------------------------------------------ */

static int
find_option (const UpModel *model,
             const char    *id)
{
  if (id == NULL)
    return -1;
  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (g_strcmp0 (up_model_get_option_id (model, o), id) == 0)
      return o;
  return -1;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkLabel *
make_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return GTK_LABEL (label);
}

static Cell
make_cell (void)
{
  Cell cell;

  cell.box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (cell.box, "cell");
  cell.value = make_label (NULL, 1.0, "numeric");
  cell.words = make_label (NULL, 1.0, "caption");
  gtk_widget_add_css_class (GTK_WIDGET (cell.words), "dim-label");
  /* The words are part of the value's accessible label; read them once. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (cell.words), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  gtk_box_append (GTK_BOX (cell.box), GTK_WIDGET (cell.value));
  gtk_box_append (GTK_BOX (cell.box), GTK_WIDGET (cell.words));
  return cell;
}

/* Shows one value of row in cell; column says whose value it is, for screen readers. */
static void
update_cell (const Cell         *cell,
             const UpResultsRow *row,
             guint               i,
             const char         *column)
{
  const char *value = row->values[i];
  const char *words = row->words[i];
  const char *details = row->details[i];
  g_autofree char *spoken = NULL;

  gtk_label_set_label (cell->value, value);
  gtk_label_set_label (cell->words, words);
  gtk_widget_set_visible (GTK_WIDGET (cell->words), words != NULL);
  gtk_widget_set_tooltip_text (cell->box, details);

  /* "—" means nothing to a screen reader: say "not applicable" instead. */
  if (g_strcmp0 (value, "—") == 0)
    value = details != NULL ? details : _("not applicable");
  if (words != NULL)
    /* translators: accessible text of a table cell: row, column, value, words */
    spoken = g_strdup_printf (_("%s, %s: %s, %s"), row->label, column, value, words);
  else
    /* translators: accessible text of a table cell: row, column, value */
    spoken = g_strdup_printf (_("%s, %s: %s"), row->label, column, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->value),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
update_row_label (GtkLabel           *label,
                  const UpResultsRow *row)
{
  gtk_label_set_label (label, row->label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), row->tooltip);
  if (row->tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, row->tooltip, -1);
}

/* ---- Scorecard ---------------------------------------------------------------------- */

static gboolean
same_shape (const UpResultsTable *a,
            const UpResultsTable *b)
{
  if (a == NULL || b == NULL || a->n_columns != b->n_columns || a->rows->len != b->rows->len)
    return FALSE;
  for (guint i = 0; i < a->n_columns; i++)
    if (g_strcmp0 (a->column_ids[i], b->column_ids[i]) != 0)
      return FALSE;
  for (guint r = 0; r < a->rows->len; r++)
    {
      const UpResultsRow *ra = a->rows->pdata[r], *rb = b->rows->pdata[r];

      if (ra->kind != rb->kind || g_strcmp0 (ra->key, rb->key) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
build_scorecard (UpResultsView  *self,
                 UpResultsTable *table)
{
  guint n = table->n_columns;
  guint value_row = 0;
  int y = 0;
  gboolean explain = gtk_check_button_get_active (self->explain_check);

  clear_grid (self->scorecard_head);
  clear_grid (self->scorecard_grid);
  g_array_set_size (self->scorecard_cells, 0);
  g_ptr_array_set_size (self->column_heads, 0);
  g_ptr_array_set_size (self->row_labels, 0);
  g_ptr_array_set_size (self->row_notes, 0);
  g_ptr_array_set_size (self->size_groups, 0);
  /* The head stays in view while the body scrolls; one size group per column keeps
   * their columns the same width. */
  for (guint i = 0; i <= n; i++)
    g_ptr_array_add (self->size_groups, gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL));

  {
    GtkLabel *corner = make_label (_("Measure"), 0.0, "heading");

    gtk_widget_add_css_class (GTK_WIDGET (corner), "column-head");
    gtk_widget_set_valign (GTK_WIDGET (corner), GTK_ALIGN_FILL);
    gtk_label_set_yalign (corner, 1.0);
    gtk_size_group_add_widget (self->size_groups->pdata[0], GTK_WIDGET (corner));
    gtk_grid_attach (self->scorecard_head, GTK_WIDGET (corner), 0, 0, 1, 1);
  }
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkLabel *name = make_label (NULL, 0.0, "heading");
      GtkLabel *headline = make_label (NULL, 0.0, "headline");

      gtk_widget_add_css_class (head, "column-head");
      gtk_label_set_wrap (name, TRUE);
      gtk_label_set_wrap (headline, TRUE);
      gtk_label_set_width_chars (headline, 22);
      gtk_label_set_max_width_chars (headline, 30);
      gtk_widget_add_css_class (GTK_WIDGET (headline), "caption");
      gtk_box_append (GTK_BOX (head), GTK_WIDGET (name));
      gtk_box_append (GTK_BOX (head), GTK_WIDGET (headline));
      gtk_size_group_add_widget (self->size_groups->pdata[i + 1], head);
      gtk_grid_attach (self->scorecard_head, head, (int) i + 1, 0, 1, 1);
      g_ptr_array_add (self->column_heads, name);
      g_ptr_array_add (self->column_heads, headline);
    }

  for (guint r = 0; r < table->rows->len; r++, y++)
    {
      const UpResultsRow *row = table->rows->pdata[r];
      GtkWidget *head;
      GtkLabel *label, *note;

      if (row->kind == UP_RESULTS_KIND_HEADING)
        {
          Cell none = { 0 };

          label = make_label (NULL, 0.0, "heading");
          gtk_widget_add_css_class (GTK_WIDGET (label), "section-head");
          gtk_grid_attach (self->scorecard_grid, GTK_WIDGET (label), 0, y, (int) n + 1, 1);
          g_ptr_array_add (self->row_labels, label);
          g_ptr_array_add (self->row_notes, NULL);
          for (guint i = 0; i < n; i++)
            g_array_append_val (self->scorecard_cells, none);
          value_row = 0;
          continue;
        }

      head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_add_css_class (head, "row-head");
      label = make_label (NULL, 0.0, NULL);
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_width_chars (label, 24);
      gtk_label_set_max_width_chars (label, 30);
      note = make_label (NULL, 0.0, "caption");
      gtk_widget_add_css_class (GTK_WIDGET (note), "dim-label");
      gtk_label_set_wrap (note, TRUE);
      gtk_label_set_width_chars (note, 24);
      gtk_label_set_max_width_chars (note, 30);
      gtk_widget_set_visible (GTK_WIDGET (note), explain);
      /* Screen readers get the explanation as the name's description. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                   -1);
      gtk_box_append (GTK_BOX (head), GTK_WIDGET (label));
      gtk_box_append (GTK_BOX (head), GTK_WIDGET (note));
      if (value_row % 2 == 1)
        gtk_widget_add_css_class (head, "odd");
      gtk_size_group_add_widget (self->size_groups->pdata[0], head);
      gtk_grid_attach (self->scorecard_grid, head, 0, y, 1, 1);
      g_ptr_array_add (self->row_labels, label);
      g_ptr_array_add (self->row_notes, note);
      for (guint i = 0; i < n; i++)
        {
          Cell cell = make_cell ();
          g_autofree char *name = g_strdup_printf ("%s@%s", row->key, table->column_ids[i]);

          gtk_widget_set_name (GTK_WIDGET (cell.value), name);
          if (value_row % 2 == 1)
            gtk_widget_add_css_class (cell.box, "odd");
          gtk_size_group_add_widget (self->size_groups->pdata[i + 1], cell.box);
          gtk_grid_attach (self->scorecard_grid, cell.box, (int) i + 1, y, 1, 1);
          g_array_append_val (self->scorecard_cells, cell);
        }
      value_row++;
    }
}

static void
explain_toggled_cb (UpResultsView *self)
{
  gboolean explain = gtk_check_button_get_active (self->explain_check);

  for (guint r = 0; r < self->row_notes->len; r++)
    if (self->row_notes->pdata[r] != NULL)
      gtk_widget_set_visible (self->row_notes->pdata[r], explain);
}

static void
refresh_scorecard (UpResultsView   *self,
                   const UpModel   *model,
                   const UpResults *results)
{
  g_autoptr(UpResultsTable) table = up_results_table_scorecard (model, results);
  guint n = table->n_columns;

  if (!same_shape (self->scorecard, table))
    build_scorecard (self, table);

  for (guint i = 0; i < n; i++)
    {
      GtkLabel *name = self->column_heads->pdata[2 * i];
      GtkLabel *headline = self->column_heads->pdata[2 * i + 1];

      gtk_label_set_label (name, table->columns[i]);
      gtk_label_set_label (headline, table->column_notes[i]);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      const UpResultsRow *row = table->rows->pdata[r];

      update_row_label (self->row_labels->pdata[r], row);
      if (row->kind == UP_RESULTS_KIND_HEADING)
        continue;
      gtk_label_set_label (self->row_notes->pdata[r], row->tooltip);
      for (guint i = 0; i < n; i++)
        update_cell (&g_array_index (self->scorecard_cells, Cell, r * n + i), row, i,
                     table->columns[i]);
    }

  g_clear_pointer (&self->scorecard, up_results_table_unref);
  self->scorecard = g_steal_pointer (&table);
}

/* ---- Option pickers ----------------------------------------------------------------- */

/* Makes a dropdown list the options (all, or all but BAU) and keeps the selected one
 * by id across edits; falls back to the first option that is not BAU. */
static void
refresh_option_list (UpResultsView *self,
                     const UpModel *model,
                     GtkDropDown   *dropdown,
                     GtkStringList *names,
                     GStrv         *ids,
                     char         **selected,
                     gboolean       with_bau)
{
  g_autofree int *order = NULL;
  int n = up_results_option_order (model, &order);
  int bau = up_model_get_bau_index (model);
  g_autoptr(GStrvBuilder) id_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) name_builder = g_strv_builder_new ();
  g_auto(GStrv) new_ids = NULL;
  g_auto(GStrv) new_names = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (names));
  gboolean same;
  guint pick = GTK_INVALID_LIST_POSITION;

  for (int i = 0; i < n; i++)
    {
      const char *name;

      if (!with_bau && order[i] == bau)
        continue;
      name = up_model_get_option_name (model, order[i]);
      g_strv_builder_add (id_builder, up_model_get_option_id (model, order[i]));
      g_strv_builder_add (name_builder, name != NULL && *name != '\0'
                                        ? name : up_model_get_option_id (model, order[i]));
    }
  new_ids = g_strv_builder_end (id_builder);
  new_names = g_strv_builder_end (name_builder);

  same = *ids != NULL && g_strv_equal ((const char * const *) *ids,
                                       (const char * const *) new_ids) &&
         g_strv_length (new_names) == n_old;
  for (guint i = 0; same && i < n_old; i++)
    same = g_strcmp0 (gtk_string_list_get_string (names, i), new_names[i]) == 0;
  if (same)
    return;

  self->updating_options = TRUE;
  gtk_string_list_splice (names, 0, n_old, (const char * const *) new_names);
  g_strfreev (*ids);
  *ids = g_steal_pointer (&new_ids);
  for (guint i = 0; (*ids)[i] != NULL; i++)
    if (g_strcmp0 ((*ids)[i], *selected) == 0)
      pick = i;
  if (pick == GTK_INVALID_LIST_POSITION)
    for (guint i = 0; (*ids)[i] != NULL; i++)
      if (find_option (model, (*ids)[i]) != bau)
        {
          pick = i;
          break;
        }
  if (pick == GTK_INVALID_LIST_POSITION && (*ids)[0] != NULL)
    pick = 0;
  gtk_drop_down_set_selected (dropdown, pick);
  g_free (*selected);
  *selected = pick != GTK_INVALID_LIST_POSITION ? g_strdup ((*ids)[pick]) : NULL;
  self->updating_options = FALSE;
}

/* ---- Who pays, who saves ------------------------------------------------------------ */

static void
refresh_holders (UpResultsView   *self,
                 const UpModel   *model,
                 const UpResults *results)
{
  int option = find_option (model, self->holders_selected);
  g_autoptr(UpResultsTable) table = NULL;
  const char *option_name;
  int y = 1;

  clear_grid (self->holders_grid);
  gtk_widget_set_visible (self->holders_empty, option < 0);
  gtk_widget_set_visible (GTK_WIDGET (self->holders_grid), option >= 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->holders_option), option >= 0);
  if (option < 0)
    return;

  table = up_results_table_holders (model, results, option);
  option_name = up_model_get_option_name (model, option);

  {
    GtkLabel *corner = make_label (_("Budget holder"), 0.0, "heading");

    gtk_widget_add_css_class (GTK_WIDGET (corner), "column-head");
    gtk_grid_attach (self->holders_grid, GTK_WIDGET (corner), 0, 0, 1, 1);
  }
  for (guint c = 0; c < table->n_columns; c++)
    {
      GtkLabel *head = make_label (table->columns[c], 1.0, "heading");

      gtk_widget_add_css_class (GTK_WIDGET (head), "column-head");
      gtk_label_set_wrap (head, TRUE);
      gtk_label_set_max_width_chars (head, 18);
      gtk_widget_set_tooltip_text (GTK_WIDGET (head), table->column_notes[c]);
      gtk_grid_attach (self->holders_grid, GTK_WIDGET (head), (int) c + 1, 0, 1, 1);
    }

  for (guint r = 0; r < table->rows->len; r++, y++)
    {
      const UpResultsRow *row = table->rows->pdata[r];
      gboolean total = g_str_equal (row->key, "pooled") || g_str_equal (row->key, "public");
      GtkLabel *label = make_label (NULL, 0.0, "row-head");

      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_max_width_chars (label, 36);
      gtk_widget_set_valign (GTK_WIDGET (label), GTK_ALIGN_FILL);
      gtk_label_set_yalign (label, 0.0);
      update_row_label (label, row);
      if (total)
        gtk_widget_add_css_class (GTK_WIDGET (label), "total");
      if (g_str_equal (row->key, "pooled"))
        gtk_widget_add_css_class (GTK_WIDGET (label), "first-total");
      if (r % 2 == 1)
        gtk_widget_add_css_class (GTK_WIDGET (label), "odd");
      gtk_grid_attach (self->holders_grid, GTK_WIDGET (label), 0, y, 1, 1);

      for (guint c = 0; c < table->n_columns; c++)
        {
          Cell cell = make_cell ();
          g_autofree char *name = g_strdup_printf ("%s@%s", row->key, table->column_ids[c]);
          g_autofree char *column = g_strdup_printf ("%s, %s", option_name, table->columns[c]);

          gtk_widget_set_name (GTK_WIDGET (cell.value), name);
          gtk_widget_set_size_request (cell.box, 150, -1);
          if (total)
            gtk_widget_add_css_class (cell.box, "total");
          if (g_str_equal (row->key, "pooled"))
            gtk_widget_add_css_class (cell.box, "first-total");
          if (r % 2 == 1)
            gtk_widget_add_css_class (cell.box, "odd");
          update_cell (&cell, row, c, column);
          /* The words already say it; the colour only draws the eye. */
          if (c == UP_HOLDER_COL_NET && row->raw[c] <= -0.5)
            gtk_widget_add_css_class (GTK_WIDGET (cell.words), "wrong-pocket");
          gtk_grid_attach (self->holders_grid, cell.box, (int) c + 1, y, 1, 1);
        }
    }
}

/* ---- Per year ----------------------------------------------------------------------- */

static void
year_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkLabel *label = make_label (NULL, column == UP_YEAR_COL_YEAR ? 0.0 : 1.0, "numeric");

  gtk_list_item_set_child (list_item, GTK_WIDGET (label));
}

static void
year_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  UpResultsRowItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const UpResultsRow *row = up_results_row_item_get_row (item);

  gtk_label_set_label (GTK_LABEL (label), row->values[column]);
  gtk_widget_set_tooltip_text (label, row->details[column]);
}

static void
setup_years_view (UpResultsView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  self->years_store = g_list_store_new (UP_TYPE_RESULTS_ROW_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->years_store)));
  gtk_column_view_set_model (self->years_view, GTK_SELECTION_MODEL (selection));
  self->years_columns = g_ptr_array_new_with_free_func (g_object_unref);

  for (int c = 0; c < UP_YEAR_N_COLS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (year_cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (year_cell_bind_cb), NULL);
      column = gtk_column_view_column_new (NULL, factory);
      gtk_column_view_column_set_expand (column, c != UP_YEAR_COL_YEAR);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->years_view, column);
      g_ptr_array_add (self->years_columns, column);
    }
}

static void
refresh_years (UpResultsView   *self,
               const UpModel   *model,
               const UpResults *results)
{
  int option = find_option (model, self->years_selected);
  g_autoptr(UpResultsTable) table = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) legend = g_string_new (NULL);
  gboolean discounted = gtk_check_button_get_active (self->discounted_check);

  if (option < 0)
    {
      g_list_store_remove_all (self->years_store);
      return;
    }
  table = up_results_table_years (model, results, option, discounted);
  for (guint c = 0; c < table->n_columns; c++)
    {
      gtk_column_view_column_set_title (self->years_columns->pdata[c], table->columns[c]);
      if (table->column_notes[c] != NULL)
        {
          if (legend->len > 0)
            g_string_append_c (legend, ' ');
          g_autofree char *entry =
            /* translators: one entry of the legend under the per-year table: a column
             * title (in bold) and what it means; keep the markup */
            g_markup_printf_escaped (_("<b>%s</b>: %s"), table->columns[c],
                                     table->column_notes[c]);

          g_string_append (legend, entry);
        }
    }
  if (!discounted)
    {
      g_string_append_c (legend, ' ');
      g_string_append (legend, _("Money is in the plan’s base-year prices, not discounted."));
    }
  gtk_label_set_markup (self->years_legend, legend->str);

  items = g_ptr_array_new_full (table->rows->len, g_object_unref);
  for (guint r = 0; r < table->rows->len; r++)
    g_ptr_array_add (items, up_results_row_item_new (table, r));
  g_list_store_splice (self->years_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->years_store)),
                       items->pdata, items->len);
}

/* ---- Charts ------------------------------------------------------------------------- */

/* The crisis chart's "stack by budget holder" drop-down: "No stacking", then each option. */
static void
refresh_stack_by (UpResultsView *self,
                  const UpModel *model)
{
  int n = up_model_get_n_options (model);
  g_autoptr(GStrvBuilder) id_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) name_builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) names = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->crisis_stack_names));
  guint pick = 0;
  gboolean same;

  /* translators: the first entry of the crisis chart's "stack by budget holder"
   * drop-down: draw every option as a line */
  g_strv_builder_add (name_builder, _("All options"));
  for (int o = 0; o < n; o++)
    {
      const char *name = up_model_get_option_name (model, o);
      g_autofree char *entry = NULL;

      g_strv_builder_add (id_builder, up_model_get_option_id (model, o));
      /* translators: an entry of the crisis chart's drop-down: one option's crisis
       * cost stacked by who pays it; %s is the option's name */
      entry = g_strdup_printf (_("%s by budget holder"),
                               name != NULL && *name != '\0'
                               ? name : up_model_get_option_id (model, o));
      g_strv_builder_add (name_builder, entry);
    }
  ids = g_strv_builder_end (id_builder);
  names = g_strv_builder_end (name_builder);

  same = g_strv_length (names) == n_old;
  for (guint i = 0; same && i < n_old; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->crisis_stack_names, i), names[i]) == 0;
  if (!same)
    {
      self->updating_options = TRUE;
      gtk_string_list_splice (self->crisis_stack_names, 0, n_old, (const char * const *) names);
      self->updating_options = FALSE;
    }
  g_strfreev (self->crisis_stack_ids);
  self->crisis_stack_ids = g_steal_pointer (&ids);
  for (guint i = 0; self->crisis_stack_ids[i] != NULL; i++)
    if (g_strcmp0 (self->crisis_stack_ids[i], self->crisis_stack_selected) == 0)
      pick = i + 1;
  self->updating_options = TRUE;
  gtk_drop_down_set_selected (self->crisis_stack_by, pick);
  self->updating_options = FALSE;
  if (pick == 0)
    g_clear_pointer (&self->crisis_stack_selected, g_free);
  up_chart_view_set_option (up_chart_panel_get_view (self->chart_panels[UP_CHART_CRISIS]),
                            pick > 0 ? (int) pick - 1 : -1);
}

static void
stack_by_selected_cb (UpResultsView *self)
{
  guint pos = gtk_drop_down_get_selected (self->crisis_stack_by);
  UpChartView *view = up_chart_panel_get_view (self->chart_panels[UP_CHART_CRISIS]);

  if (self->updating_options)
    return;
  g_clear_pointer (&self->crisis_stack_selected, g_free);
  if (pos != GTK_INVALID_LIST_POSITION && pos > 0 && self->crisis_stack_ids != NULL
      && pos - 1 < g_strv_length (self->crisis_stack_ids))
    {
      self->crisis_stack_selected = g_strdup (self->crisis_stack_ids[pos - 1]);
      up_chart_view_set_option (view, (int) pos - 1);
    }
  else
    up_chart_view_set_option (view, -1);
}

static void
crisis_discounted_cb (UpResultsView *self)
{
  up_chart_view_set_discounted (up_chart_panel_get_view (self->chart_panels[UP_CHART_CRISIS]),
                                gtk_check_button_get_active (self->crisis_discounted));
}

/* Four panels that flow two to a row on a wide window, one under another otherwise. */
static void
build_charts_page (UpResultsView *self)
{
  static const UpChartKind kinds[] = {
    UP_CHART_CRISIS, UP_CHART_NET, UP_CHART_HOLDERS, UP_CHART_COHORT
  };
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_widget_set_valign (flow, GTK_ALIGN_START);
  gtk_widget_set_margin_start (flow, 12);
  gtk_widget_set_margin_end (flow, 12);
  gtk_widget_set_margin_top (flow, 6);
  gtk_widget_set_margin_bottom (flow, 12);
  gtk_widget_add_css_class (flow, "chart-grid");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *panel = up_chart_panel_new (kinds[i]);
      GtkWidget *child;

      self->chart_panels[kinds[i]] = UP_CHART_PANEL (panel);
      gtk_widget_set_size_request (panel, 420, 290);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), panel);
      /* The flow box's own children would be extra stops for Tab. */
      child = gtk_widget_get_parent (panel);
      gtk_widget_set_focusable (child, FALSE);
    }

  /* The crisis chart's controls */
  self->crisis_discounted =
    GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Discounted")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->crisis_discounted),
                               _("Show each year’s money at today’s value"));
  g_signal_connect_swapped (self->crisis_discounted, "toggled",
                            G_CALLBACK (crisis_discounted_cb), self);
  up_chart_panel_add_control (self->chart_panels[UP_CHART_CRISIS],
                              GTK_WIDGET (self->crisis_discounted));

  self->crisis_stack_names = gtk_string_list_new (NULL);
  self->crisis_stack_by =
    GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->crisis_stack_names)),
                                      NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->crisis_stack_by),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stack by budget holder"),
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->crisis_stack_by),
                               _("Draw every option as a line, or one option’s crisis cost "
                                 "stacked by the budget holder who pays it"));
  g_signal_connect_swapped (self->crisis_stack_by, "notify::selected",
                            G_CALLBACK (stack_by_selected_cb), self);
  up_chart_panel_add_control (self->chart_panels[UP_CHART_CRISIS],
                              GTK_WIDGET (self->crisis_stack_by));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), flow);
  gtk_stack_add_titled (self->stack, scroller, "charts", _("Charts"));
}

/* ---- Callbacks ---------------------------------------------------------------------- */

static void
refresh (UpResultsView *self)
{
  UpModel *model = self->session != NULL ? up_plan_session_get_model (self->session) : NULL;
  const UpResults *results = self->session != NULL
                             ? up_plan_session_get_results (self->session) : NULL;
  gboolean stale;

  if (model == NULL || results == NULL || up_model_get_bau_index (model) < 0)
    {
      gtk_stack_set_visible_child_name (self->outer_stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->outer_stack, "results");

  stale = up_plan_session_get_stale (self->session);
  gtk_widget_set_visible (self->stale_bar, stale);
  if (stale)
    gtk_widget_add_css_class (GTK_WIDGET (self->stack), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->stack), "stale");

  refresh_option_list (self, model, self->holders_option, self->holders_names,
                       &self->holders_ids, &self->holders_selected, FALSE);
  refresh_option_list (self, model, self->years_option, self->years_names,
                       &self->years_ids, &self->years_selected, TRUE);
  refresh_scorecard (self, model, results);
  refresh_holders (self, model, results);
  refresh_years (self, model, results);
  refresh_stack_by (self, model);
}

static void
option_selected_cb (GtkDropDown   *dropdown,
                    GParamSpec    *pspec,
                    UpResultsView *self)
{
  guint pos = gtk_drop_down_get_selected (dropdown);
  gboolean holders = dropdown == self->holders_option;
  GStrv ids = holders ? self->holders_ids : self->years_ids;
  char **selected = holders ? &self->holders_selected : &self->years_selected;
  UpModel *model;

  if (self->updating_options || ids == NULL || pos >= g_strv_length (ids))
    return;
  g_free (*selected);
  *selected = g_strdup (ids[pos]);
  model = up_plan_session_get_model (self->session);
  if (model == NULL)
    return;
  if (holders)
    refresh_holders (self, model, up_plan_session_get_results (self->session));
  else
    refresh_years (self, model, up_plan_session_get_results (self->session));
}

static void
discounted_toggled_cb (UpResultsView *self)
{
  UpModel *model = self->session != NULL ? up_plan_session_get_model (self->session) : NULL;

  if (model != NULL)
    refresh_years (self, model, up_plan_session_get_results (self->session));
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
up_results_view_dispose (GObject *object)
{
  UpResultsView *self = UP_RESULTS_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), UP_TYPE_RESULTS_VIEW);
  g_clear_object (&self->session);
  g_clear_pointer (&self->scorecard, up_results_table_unref);
  g_clear_pointer (&self->size_groups, g_ptr_array_unref);
  g_clear_object (&self->years_store);
  g_clear_object (&self->holders_names);
  g_clear_object (&self->years_names);
  g_clear_pointer (&self->years_columns, g_ptr_array_unref);
  g_clear_object (&self->crisis_stack_names);
  G_OBJECT_CLASS (up_results_view_parent_class)->dispose (object);
}

static void
up_results_view_finalize (GObject *object)
{
  UpResultsView *self = UP_RESULTS_VIEW (object);

  g_array_unref (self->scorecard_cells);
  g_ptr_array_unref (self->column_heads);
  g_ptr_array_unref (self->row_labels);
  g_ptr_array_unref (self->row_notes);
  g_strfreev (self->holders_ids);
  g_strfreev (self->years_ids);
  g_free (self->holders_selected);
  g_free (self->years_selected);
  g_strfreev (self->crisis_stack_ids);
  g_free (self->crisis_stack_selected);
  G_OBJECT_CLASS (up_results_view_parent_class)->finalize (object);
}

static void
up_results_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UpResultsView *self = UP_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_results_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UpResultsView *self = UP_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: up_results_view_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_results_view_class_init (UpResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_results_view_dispose;
  object_class->finalize = up_results_view_finalize;
  object_class->get_property = up_results_view_get_property;
  object_class->set_property = up_results_view_set_property;

  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UP_TYPE_PLAN_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/upstreamplanner/Upstream/ui/"
                                               "up-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, outer_stack);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, stale_bar);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, stack);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, scorecard_body_scroller);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, scorecard_head);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, scorecard_grid);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, explain_check);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, holders_option);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, holders_empty);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, holders_grid);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, years_option);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, discounted_check);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, years_view);
  gtk_widget_class_bind_template_child (widget_class, UpResultsView, years_legend);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "resultsview");
}

static void
up_results_view_init (UpResultsView *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->scorecard_cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  self->column_heads = g_ptr_array_new ();
  self->row_labels = g_ptr_array_new ();
  self->row_notes = g_ptr_array_new ();
  self->size_groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_swapped (self->explain_check, "toggled",
                            G_CALLBACK (explain_toggled_cb), self);
  self->holders_names = gtk_string_list_new (NULL);
  self->years_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->holders_option, G_LIST_MODEL (self->holders_names));
  gtk_drop_down_set_model (self->years_option, G_LIST_MODEL (self->years_names));
  g_signal_connect (self->holders_option, "notify::selected",
                    G_CALLBACK (option_selected_cb), self);
  g_signal_connect (self->years_option, "notify::selected",
                    G_CALLBACK (option_selected_cb), self);
  g_signal_connect_swapped (self->discounted_check, "toggled",
                            G_CALLBACK (discounted_toggled_cb), self);
  setup_years_view (self);
  build_charts_page (self);
  gtk_stack_set_visible_child_name (self->outer_stack, "empty");
  /* For screenshots and tests: open on one page of the results ("charts"). */
  if (g_getenv ("UPSTREAM_RESULTS_PAGE") != NULL)
    gtk_stack_set_visible_child_name (self->stack, g_getenv ("UPSTREAM_RESULTS_PAGE"));
}

UpPlanSession *
up_results_view_get_session (UpResultsView *self)
{
  g_return_val_if_fail (UP_IS_RESULTS_VIEW (self), NULL);
  return self->session;
}

void
up_results_view_set_session (UpResultsView *self,
                             UpPlanSession *session)
{
  g_return_if_fail (UP_IS_RESULTS_VIEW (self));
  g_return_if_fail (session == NULL || UP_IS_PLAN_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  for (guint i = 0; i < UP_CHART_N_KINDS; i++)
    up_chart_view_set_session (up_chart_panel_get_view (self->chart_panels[i]), session);
  if (session != NULL)
    g_signal_connect_swapped (session, "results-changed", G_CALLBACK (refresh), self);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}
