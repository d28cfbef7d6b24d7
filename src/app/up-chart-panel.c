/* up-chart-panel.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card holding a stack of the chart and a grid of the same numbers (up_chart_table),
 * with the caller's controls, "Show as table" and "Export…" in its top right corner.
 * The table is rebuilt only while it is shown.
 */

#define G_LOG_DOMAIN "up-chart-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "up-chart-panel.h"
#include "up-window.h"

struct _UpChartPanel
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkLabel        *title;
  GtkBox          *controls;
  GtkToggleButton *table_toggle;
  GtkMenuButton   *export_button;
  GtkStack        *stack;
  UpChartView     *view;
  GtkGrid         *table_grid;
  gboolean         table_stale;

  GtkFileChooserNative *chooser;
  char            *export_format;
};

G_DEFINE_FINAL_TYPE (UpChartPanel, up_chart_panel, GTK_TYPE_WIDGET)

/* ---- The table ---------------------------------------------------------------------- */

/* Numbers line up on the right, words on the left: a column is numeric when its first
 * value begins like a number ("2031", "−£1,200", "£6,339,461", "12.5"). The first column
 * names the rows (years or options) and stays on the left. */
static gboolean
column_is_numeric (GPtrArray *rows,
                   guint      column)
{
  const char *text;
  gunichar ch;

  if (column == 0 || rows->len < 2)
    return FALSE;
  text = ((GStrv) rows->pdata[1])[column];
  if (text == NULL || *text == '\0')
    return FALSE;
  ch = g_utf8_get_char (text);
  return g_unichar_isdigit (ch) || ch == 0x2212 /* − */ || ch == '-' || ch == 0x00A3 /* £ */
         || ch == '+';
}

static void
rebuild_table (UpChartPanel *self)
{
  UpChart *chart = up_chart_view_get_chart (self->view);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);
  self->table_stale = FALSE;
  if (!up_chart_has_data (chart))
    return;

  rows = up_chart_table (chart);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = rows->pdata[r];

      for (guint c = 0; row[c] != NULL; c++)
        {
          GtkWidget *label = gtk_label_new (row[c]);
          gboolean number = column_is_numeric (rows, c);

          gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
          gtk_label_set_selectable (GTK_LABEL (label), FALSE);
          if (r == 0)
            {
              gtk_widget_add_css_class (label, "heading");
              gtk_label_set_wrap (GTK_LABEL (label), TRUE);
              gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
              gtk_label_set_justify (GTK_LABEL (label),
                                     number ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
            }
          else if (number)
            gtk_widget_add_css_class (label, "numeric");
          gtk_grid_attach (self->table_grid, label, c, r, 1, 1);
        }
    }
}

static void
chart_changed_cb (UpChartPanel *self)
{
  g_autofree char *title = up_chart_get_title (up_chart_view_get_chart (self->view));

  gtk_label_set_label (self->title, title);
  if (gtk_toggle_button_get_active (self->table_toggle))
    rebuild_table (self);
  else
    self->table_stale = TRUE;
}

static void
table_toggled_cb (UpChartPanel *self)
{
  gboolean table = gtk_toggle_button_get_active (self->table_toggle);

  if (table && self->table_stale)
    rebuild_table (self);
  gtk_stack_set_visible_child_name (self->stack, table ? "table" : "chart");
}

/* ---- Export ------------------------------------------------------------------------- */

static void
show_error (UpChartPanel *self,
            const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Export the Chart"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
up_chart_panel_export (UpChartPanel *self,
                       const char   *format,
                       const char   *path,
                       GError      **error)
{
  UpChart *shown = up_chart_view_get_chart (self->view);
  UpPlanSession *session = up_chart_view_get_session (self->view);
  UpModel *model = session != NULL ? up_plan_session_get_model (session) : NULL;
  const UpResults *results = session != NULL ? up_plan_session_get_results (session) : NULL;
  g_autoptr(UpChart) chart = NULL;
  UpChartOptions options;
  UpChartTheme theme;

  if (model == NULL || results == NULL || !up_chart_has_data (shown))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There are no results to draw yet."));
      return FALSE;
    }

  /* A light chart for documents, whatever the app's theme, with the same series
   * hidden as on screen. */
  chart = up_chart_new (up_chart_view_get_kind (self->view));
  up_chart_options_init (&options);
  options.discounted = up_chart_view_get_discounted (self->view);
  options.option = up_chart_view_get_option (self->view);
  if (options.option >= up_model_get_n_options (model))
    options.option = -1;
  up_chart_set_data (chart, model, results, &options);
  up_chart_theme_init (&theme, FALSE, FALSE);
  up_chart_set_theme (chart, &theme);
  for (int s = 0; s < up_chart_get_n_series (chart) && s < up_chart_get_n_series (shown); s++)
    up_chart_set_series_visible (chart, s, up_chart_get_series_visible (shown, s));

  return up_chart_export_to_file (chart, format, 1200, 750, 2.0, path, error);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     UpChartPanel    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Charts can only be saved to a local folder."));
      return;
    }
  if (!up_chart_panel_export (self, self->export_format, path, &error))
    {
      g_warning ("Could not export a chart to %s: %s", path, error->message);
      show_error (self, error->message);
    }
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autofree char *name = g_file_get_basename (file);
      /* translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Chart saved as %s"), name);

      if (UP_IS_WINDOW (root))
        up_window_toast (UP_WINDOW (root), message);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UpChartPanel *self = UP_CHART_PANEL (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!g_str_equal (format, "png") && !g_str_equal (format, "svg")
      && !g_str_equal (format, "pdf"))
    return;
  g_free (self->export_format);
  self->export_format = g_strdup (format);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Chart"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s.%s", up_chart_kind_to_string (up_chart_view_get_kind (self->view)),
                          format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_add_suffix (filter, format);
  gtk_file_filter_set_name (filter, g_str_equal (format, "png") ? _("PNG image")
                                    : g_str_equal (format, "svg") ? _("SVG drawing")
                                    : _("PDF document"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
up_chart_panel_dispose (GObject *object)
{
  UpChartPanel *self = UP_CHART_PANEL (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (up_chart_panel_parent_class)->dispose (object);
}

static void
up_chart_panel_finalize (GObject *object)
{
  g_free (UP_CHART_PANEL (object)->export_format);
  G_OBJECT_CLASS (up_chart_panel_parent_class)->finalize (object);
}

static void
up_chart_panel_class_init (UpChartPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_chart_panel_dispose;
  object_class->finalize = up_chart_panel_finalize;

  gtk_widget_class_install_action (widget_class, "panel.export", "s", export_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
up_chart_panel_init (UpChartPanel *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *table_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller;
  g_autoptr(GMenu) menu = g_menu_new ();

  self->table_stale = TRUE;
  /* The chart draws its own title: the controls float in its top right corner, over
   * the chart's empty space beside the title, so no line is spent on a second title. */
  self->box = gtk_overlay_new ();
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  /* The chart and its table */
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->view = UP_CHART_VIEW (up_chart_view_new (UP_CHART_CRISIS));
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->view), TRUE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->view), "chart");
  g_signal_connect_swapped (self->view, "chart-changed", G_CALLBACK (chart_changed_cb), self);

  /* The table page repeats the title, which the chart draws on the other page. */
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (GTK_WIDGET (self->title), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->title), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self->title), 80);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_box_append (GTK_BOX (table_page), GTK_WIDGET (self->title));

  self->table_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table_grid, 18);
  gtk_grid_set_row_spacing (self->table_grid, 2);
  gtk_widget_set_margin_start (GTK_WIDGET (self->table_grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->table_grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->table_grid), 6);
  gtk_widget_set_halign (GTK_WIDGET (self->table_grid), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->table_grid), "chart-table");
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->table_grid));
  gtk_box_append (GTK_BOX (table_page), scroller);
  gtk_stack_add_named (self->stack, table_page, "table");
  gtk_overlay_set_child (GTK_OVERLAY (self->box), GTK_WIDGET (self->stack));

  /* The controls */
  gtk_widget_set_halign (row, GTK_ALIGN_END);
  gtk_widget_set_valign (row, GTK_ALIGN_START);
  gtk_widget_set_margin_top (row, 2);
  gtk_widget_set_margin_end (row, 2);
  gtk_widget_add_css_class (row, "chart-controls");

  self->controls = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->controls));

  self->table_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (self->table_toggle), "view-grid-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_toggle), _("Show as table"));
  gtk_widget_add_css_class (GTK_WIDGET (self->table_toggle), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show as table"), -1);
  g_signal_connect_swapped (self->table_toggle, "toggled", G_CALLBACK (table_toggled_cb), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->table_toggle));

  g_menu_append (menu, _("As _PNG Image…"), "panel.export::png");
  g_menu_append (menu, _("As _SVG Drawing…"), "panel.export::svg");
  g_menu_append (menu, _("As P_DF Document…"), "panel.export::pdf");
  self->export_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->export_button, "document-save-symbolic");
  gtk_menu_button_set_menu_model (self->export_button, G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), _("Export the chart"));
  gtk_widget_add_css_class (GTK_WIDGET (self->export_button), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export…"), -1);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->export_button));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->box), row);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->title, NULL, -1);
}

GtkWidget *
up_chart_panel_new (UpChartKind kind)
{
  UpChartPanel *self = g_object_new (UP_TYPE_CHART_PANEL, NULL);

  up_chart_view_set_kind (self->view, kind);
  chart_changed_cb (self);
  return GTK_WIDGET (self);
}

UpChartView *
up_chart_panel_get_view (UpChartPanel *self)
{
  g_return_val_if_fail (UP_IS_CHART_PANEL (self), NULL);
  return self->view;
}

void
up_chart_panel_add_control (UpChartPanel *self,
                            GtkWidget    *control)
{
  g_return_if_fail (UP_IS_CHART_PANEL (self));
  gtk_box_append (self->controls, control);
}

gboolean
up_chart_panel_get_show_table (UpChartPanel *self)
{
  g_return_val_if_fail (UP_IS_CHART_PANEL (self), FALSE);
  return gtk_toggle_button_get_active (self->table_toggle);
}

void
up_chart_panel_set_show_table (UpChartPanel *self,
                               gboolean      show)
{
  g_return_if_fail (UP_IS_CHART_PANEL (self));
  gtk_toggle_button_set_active (self->table_toggle, show);
}

GtkGrid *
up_chart_panel_get_table_grid (UpChartPanel *self)
{
  g_return_val_if_fail (UP_IS_CHART_PANEL (self), NULL);
  return self->table_grid;
}
