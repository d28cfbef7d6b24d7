/* up-cost-import-dialog.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-cost-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "up-cost-import-dialog.h"
#include "up-cost-import.h"
#include "up-csv.h"

#define PREVIEW_ROWS 5
#define ERRORS_SHOWN 40

struct _UpCostImportDialog
{
  AdwWindow          parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  GtkWidget         *errors_box;
  GtkLabel          *errors_label;
  GtkLabel          *summary_label;
  GtkGrid           *mapping_grid;
  GtkGrid           *preview_grid;
  GtkButton         *import_button;

  /* owned */
  UpPlanSession     *session;
  GPtrArray         *rows;
  GtkDropDown       *columns[UP_IMPORT_N_FIELDS];
  GtkDropDown       *default_holder;
};

G_DEFINE_FINAL_TYPE (UpCostImportDialog, up_cost_import_dialog, ADW_TYPE_WINDOW)

enum { IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint
n_columns (UpCostImportDialog *self)
{
  guint n = 0;

  for (guint r = 0; r < self->rows->len; r++)
    n = MAX (n, ((UpCsvRow *) self->rows->pdata[r])->n_fields);
  return n;
}

static const char *
header_of (UpCostImportDialog *self,
           guint               column)
{
  return self->rows->len > 0 ? up_csv_row_get (self->rows->pdata[0], column) : "";
}

static void
build_mapping (UpCostImportDialog *self)
{
  guint n = n_columns (self);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) holders = gtk_string_list_new (NULL);
  UpPlan *plan = up_plan_session_get_plan (self->session);
  GListModel *plan_holders = G_LIST_MODEL (up_plan_get_holders (plan));
  int guessed[UP_IMPORT_N_FIELDS];
  GtkWidget *label;
  int row = 0;

  gtk_string_list_append (choices, _("Not in the file"));
  for (guint c = 0; c < n; c++)
    {
      const char *header = header_of (self, c);
      g_autofree char *text = NULL;

      if (header[0] != '\0')
        /* translators: a column of a CSV file, "Column 3: Unit cost" */
        text = g_strdup_printf (_("Column %u: %s"), c + 1, header);
      else
        text = g_strdup_printf (_("Column %u"), c + 1);
      gtk_string_list_append (choices, text);
    }
  up_cost_import_guess_columns (self->rows->len > 0 ? self->rows->pdata[0] : NULL, guessed);

  for (int f = 0; f < UP_IMPORT_N_FIELDS; f++)
    {
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
      g_autofree char *text = NULL;
      g_autofree char *name = g_strdup_printf ("column:%d", f);

      if (up_cost_import_field_required (f))
        /* translators: a field that must be mapped to a column, "Unit cost (required)" */
        text = g_strdup_printf (_("%s (required)"), up_cost_import_field_label (f));
      else
        text = g_strdup (up_cost_import_field_label (f));
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* Two fields a line, so that the preview stays in sight. */
      row = f / 2;
      gtk_grid_attach (self->mapping_grid, label, (f % 2) * 2, row, 1, 1);
      if (f % 2 == 1)
        gtk_widget_set_margin_start (label, 12);

      gtk_widget_set_name (dropdown, name);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), guessed[f] >= 0 ? guessed[f] + 1 : 0);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_widget_set_hexpand (dropdown, TRUE);
      gtk_grid_attach (self->mapping_grid, dropdown, (f % 2) * 2 + 1, row, 1, 1);
      self->columns[f] = GTK_DROP_DOWN (dropdown);
    }
  row++;

  gtk_string_list_append (holders, _("None: the row must name one"));
  for (guint i = 0; i < g_list_model_get_n_items (plan_holders); i++)
    {
      g_autoptr(UpItem) holder = g_list_model_get_item (plan_holders, i);

      gtk_string_list_append (holders, up_item_get_name (holder) ? up_item_get_name (holder)
                                                                 : up_item_get_id (holder));
    }
  label = gtk_label_new (_("Budget holder of rows that name none"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_margin_top (label, 6);
  gtk_grid_attach (self->mapping_grid, label, 0, row, 1, 1);
  self->default_holder = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (holders)),
                                                           NULL));
  gtk_widget_set_name (GTK_WIDGET (self->default_holder), "default-holder");
  gtk_widget_set_margin_top (GTK_WIDGET (self->default_holder), 6);
  gtk_drop_down_set_selected (self->default_holder,
                              g_list_model_get_n_items (plan_holders) > 0 ? 1 : 0);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->default_holder),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_grid_attach (self->mapping_grid, GTK_WIDGET (self->default_holder), 1, row, 3, 1);
}

static void
build_preview (UpCostImportDialog *self)
{
  guint n = n_columns (self);
  guint shown = 0;

  for (guint r = 0; r < self->rows->len && shown <= PREVIEW_ROWS; r++)
    {
      const UpCsvRow *row = self->rows->pdata[r];

      if (r > 0 && up_csv_row_is_blank (row))
        continue;
      {
        g_autofree char *number = g_strdup_printf ("%u", r + 1);
        GtkWidget *label = gtk_label_new (number);

        gtk_widget_add_css_class (label, "dim-label");
        gtk_widget_add_css_class (label, "numeric");
        gtk_label_set_xalign (GTK_LABEL (label), 1);
        gtk_grid_attach (self->preview_grid, label, 0, shown, 1, 1);
      }
      for (guint c = 0; c < n; c++)
        {
          const char *text = up_csv_row_get (row, c);
          GtkWidget *label = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
          gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), 14));
          gtk_widget_set_tooltip_text (label, text);
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (self->preview_grid, label, c + 1, shown, 1, 1);
        }
      shown++;
    }
}

static void
update_summary (UpCostImportDialog *self)
{
  guint n_data = 0;
  g_autofree char *text = NULL;

  for (guint r = 1; r < self->rows->len; r++)
    if (!up_csv_row_is_blank (self->rows->pdata[r]))
      n_data++;
  text = g_strdup_printf (ngettext ("The file has %u row of cost items below its header.",
                                    "The file has %u rows of cost items below its header.",
                                    n_data), n_data);
  gtk_label_set_label (self->summary_label, text);
}

static void
show_errors (UpCostImportDialog *self,
             GPtrArray          *errors)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < errors->len && i < ERRORS_SHOWN; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "• %s", (const char *) errors->pdata[i]);
    }
  if (errors->len > ERRORS_SHOWN)
    {
      guint more = errors->len - ERRORS_SHOWN;

      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("… and %u more row", "… and %u more rows", more),
                              more);
    }
  gtk_label_set_label (self->errors_label, text->str);
  gtk_widget_set_visible (self->errors_box, TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

gboolean
up_cost_import_dialog_import (UpCostImportDialog *self)
{
  UpPlan *plan;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  int columns[UP_IMPORT_N_FIELDS];
  const char *default_holder = NULL;
  guint holder_index;
  GListStore *store;

  g_return_val_if_fail (UP_IS_COST_IMPORT_DIALOG (self), FALSE);

  plan = up_plan_session_get_plan (self->session);
  for (int f = 0; f < UP_IMPORT_N_FIELDS; f++)
    {
      guint selected = gtk_drop_down_get_selected (self->columns[f]);

      if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
        columns[f] = -1;
      else
        columns[f] = (int) selected - 1;
    }
  holder_index = gtk_drop_down_get_selected (self->default_holder);
  if (holder_index != GTK_INVALID_LIST_POSITION && holder_index > 0)
    {
      g_autoptr(UpItem) holder = g_list_model_get_item (G_LIST_MODEL (up_plan_get_holders (plan)),
                                                        holder_index - 1);

      if (holder != NULL)
        default_holder = up_item_get_id (holder);
    }

  /* Every row is checked before anything is added. */
  items = up_cost_import_build (plan, self->rows, columns, default_holder, errors);
  if (items == NULL)
    {
      show_errors (self, errors);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  /* All of them, in one undo step and one change of the list. */
  store = up_plan_get_cost_items (plan);
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                       items->pdata, items->len);
  g_signal_emit (self, signals[IMPORTED], 0, items->len);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
import_clicked_cb (UpCostImportDialog *self)
{
  up_cost_import_dialog_import (self);
}

static void
up_cost_import_dialog_dispose (GObject *object)
{
  UpCostImportDialog *self = UP_COST_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), UP_TYPE_COST_IMPORT_DIALOG);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (up_cost_import_dialog_parent_class)->dispose (object);
}

static void
up_cost_import_dialog_class_init (UpCostImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_cost_import_dialog_dispose;

  /**
   * UpCostImportDialog::imported:
   * @n_items: how many cost items were added
   *
   * The rows were added to the plan (the dialog then closes).
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/upstreamplanner/"
                                               "Upstream/ui/up-cost-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UpCostImportDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, UpCostImportDialog, errors_box);
  gtk_widget_class_bind_template_child (widget_class, UpCostImportDialog, errors_label);
  gtk_widget_class_bind_template_child (widget_class, UpCostImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, UpCostImportDialog, mapping_grid);
  gtk_widget_class_bind_template_child (widget_class, UpCostImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, UpCostImportDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
up_cost_import_dialog_init (UpCostImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
}

UpCostImportDialog *
up_cost_import_dialog_new (UpPlanSession *session,
                           GPtrArray     *rows,
                           const char    *file_name)
{
  UpCostImportDialog *self;

  g_return_val_if_fail (UP_IS_PLAN_SESSION (session), NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  self = g_object_new (UP_TYPE_COST_IMPORT_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->rows = g_ptr_array_ref (rows);
  if (file_name != NULL)
    {
      /* translators: the title of the import window, with the file's name */
      g_autofree char *title = g_strdup_printf (_("Import Cost Items from “%s”"), file_name);

      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  build_mapping (self);
  build_preview (self);
  update_summary (self);
  return self;
}
