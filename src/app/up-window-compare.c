/* up-window-compare.c: "Compare with File…", the open plan against another plan file
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open plan is copied on the main thread; a worker thread then loads the other file,
 * diffs the copy against it (up-diff.h) and compiles and projects both, so the window
 * stays responsive and the open plan is never touched. The result is a window of its
 * own: the headline results per option (old → new), every changed setting, option and
 * parameter grouped by kind, and the cumulative net position of the open plan with the
 * other plan's lines drawn faintly and dashed behind it. The window follows the open
 * plan: a moment after each change it compares again, in the same way.
 */

#define G_LOG_DOMAIN "up-window-compare"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "up-chart.h"
#include "up-diff.h"
#include "up-format.h"
#include "up-problem.h"
#include "up-window-compare.h"
#include "up-xml.h"

/* ---- The net position chart with the other plan faint behind it ------------------- */

#define UP_TYPE_COMPARE_CHART (up_compare_chart_get_type ())
G_DECLARE_FINAL_TYPE (UpCompareChart, up_compare_chart, UP, COMPARE_CHART, GtkWidget)

struct _UpCompareChart
{
  GtkWidget     parent_instance;
  UpChart      *chart;
  int           laid_width;
  int           laid_height;
  gboolean      dark;
  /* The other plan: per option id, its cumulative net position from ghost_year. */
  GPtrArray    *ghost_ids;
  GArray       *ghost_values;
  int           ghost_cycles;
  int           ghost_year;
  /* This plan: per option name as the chart's series are named, the option id. */
  GHashTable   *id_by_name;
};

G_DEFINE_FINAL_TYPE (UpCompareChart, up_compare_chart, GTK_TYPE_WIDGET)

static void
compare_chart_update_theme (UpCompareChart *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean high_contrast = adw_style_manager_get_high_contrast (manager);
  UpChartTheme theme;

  self->dark = high_contrast || adw_style_manager_get_dark (manager);
  up_chart_theme_init (&theme, self->dark, high_contrast);
  theme.transparent = TRUE;
  up_chart_set_theme (self->chart, &theme);
  self->laid_width = self->laid_height = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw_ghost (UpCompareChart *self,
            cairo_t        *cr)
{
  static const double dashes[] = { 6.0, 4.0 };
  UpChartRect rect;
  int n_series;

  if (self->ghost_ids == NULL || !up_chart_get_panel_rect (self->chart, 0, &rect))
    return;
  n_series = up_chart_get_n_series (self->chart);
  cairo_save (cr);
  cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
  cairo_clip (cr);
  cairo_set_line_width (cr, 2.5);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int s = 0; s < n_series; s++)
    {
      const char *id = g_hash_table_lookup (self->id_by_name,
                                            up_chart_get_series_name (self->chart, s));
      UpChartColor color;

      if (id == NULL || !up_chart_get_series_visible (self->chart, s))
        continue;
      for (guint g = 0; g < self->ghost_ids->len; g++)
        {
          const double *values;

          if (g_strcmp0 (id, self->ghost_ids->pdata[g]) != 0)
            continue;
          values = &g_array_index (self->ghost_values, double, (gsize) g * self->ghost_cycles);
          up_chart_get_series_color (self->chart, s, &color);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.45);
          cairo_new_path (cr);
          for (int k = 0; k < self->ghost_cycles; k++)
            {
              double x = up_chart_x_for_year (self->chart, 0, self->ghost_year + k);
              double y = up_chart_position_for_value (self->chart, 0, values[k]);

              if (!isfinite (x) || !isfinite (y))
                continue;
              cairo_line_to (cr, x, y);
            }
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

static void
up_compare_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  UpCompareChart *self = UP_COMPARE_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (!up_chart_has_data (self->chart) || width <= 0 || height <= 0)
    return;
  if (width != self->laid_width || height != self->laid_height)
    {
      up_chart_layout (self->chart, width, height, gtk_widget_get_pango_context (widget));
      self->laid_width = width;
      self->laid_height = height;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_ghost (self, cr);
  up_chart_draw (self->chart, cr);
  cairo_destroy (cr);
}

static void
up_compare_chart_finalize (GObject *object)
{
  UpCompareChart *self = UP_COMPARE_CHART (object);

  g_clear_pointer (&self->chart, up_chart_free);
  g_clear_pointer (&self->ghost_ids, g_ptr_array_unref);
  g_clear_pointer (&self->ghost_values, g_array_unref);
  g_clear_pointer (&self->id_by_name, g_hash_table_unref);
  G_OBJECT_CLASS (up_compare_chart_parent_class)->finalize (object);
}

static void
up_compare_chart_class_init (UpCompareChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = up_compare_chart_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = up_compare_chart_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "comparechart");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
up_compare_chart_init (UpCompareChart *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->chart = up_chart_new (UP_CHART_NET);
  self->id_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 240);
  compare_chart_update_theme (self);
  g_signal_connect_object (manager, "notify::dark",
                           G_CALLBACK (compare_chart_update_theme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast",
                           G_CALLBACK (compare_chart_update_theme), self, G_CONNECT_SWAPPED);
}

/* This plan drawn, the other (other_model may be NULL) kept to be drawn behind it. */
static void
compare_chart_set_data (UpCompareChart  *self,
                        const UpModel   *model,
                        const UpResults *results,
                        const UpModel   *other_model,
                        const UpResults *other,
                        const char      *other_name)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;
  double lo = INFINITY, hi = -INFINITY;

  up_chart_set_data (self->chart, model, results, NULL);
  g_clear_pointer (&self->ghost_ids, g_ptr_array_unref);
  g_clear_pointer (&self->ghost_values, g_array_unref);
  up_chart_include_values (self->chart, NAN, NAN);
  g_hash_table_remove_all (self->id_by_name);
  for (int o = 0; o < up_model_get_n_options (model); o++)
    g_hash_table_replace (self->id_by_name, g_strdup (up_model_get_option_name (model, o)),
                          g_strdup (up_model_get_option_id (model, o)));
  if (other_model != NULL && other != NULL)
    {
      int K = other->n_cycles;

      self->ghost_cycles = K;
      self->ghost_year = up_model_get_start_year (other_model);
      self->ghost_ids = g_ptr_array_new_with_free_func (g_free);
      self->ghost_values = g_array_new (FALSE, TRUE, sizeof (double));
      for (int o = 0; o < other->n_options; o++)
        {
          if (o == up_model_get_bau_index (other_model))
            continue;
          g_ptr_array_add (self->ghost_ids, g_strdup (up_model_get_option_id (other_model, o)));
          g_array_append_vals (self->ghost_values, &other->cum_net[(gsize) o * K], K);
        }
      /* The value axis takes in the other plan's lines too, so both can be seen. */
      for (guint g = 0; g < self->ghost_ids->len; g++)
        {
          const double *values = &g_array_index (self->ghost_values, double, (gsize) g * K);
          gboolean shown = FALSE;

          for (int o = 0; o < up_model_get_n_options (model); o++)
            shown |= g_strcmp0 (up_model_get_option_id (model, o), self->ghost_ids->pdata[g]) == 0;
          for (int k = 0; shown && k < K; k++)
            if (isfinite (values[k]))
              {
                lo = MIN (lo, values[k]);
                hi = MAX (hi, values[k]);
              }
        }
      if (lo <= hi)
        up_chart_include_values (self->chart, lo, hi);
    }
  self->laid_width = self->laid_height = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  title = up_chart_get_title (self->chart);
  description = up_chart_describe (self->chart);
  /* translators: the accessible name of the chart in the comparison window */
  label = g_strdup_printf (_("%s, with %s drawn faintly behind"), title, other_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* ---- The comparison window ------------------------------------------------------- */

struct _UpCompareFileWindow
{
  AdwWindow       parent_instance;

  GtkListBox     *change_list;
  GtkGrid        *results_grid;
  UpCompareChart *chart;
  AdwWindowTitle *window_title;
  guint           n_changes;

  /* Compared again, a moment after the open plan changes. */
  UpWindow       *parent;        /* weak */
  GFile          *file;
  char           *file_name;
  guint           refresh_id;
  gboolean        refreshing;
  gboolean        refresh_again;
};

G_DEFINE_FINAL_TYPE (UpCompareFileWindow, up_compare_file_window, ADW_TYPE_WINDOW)

static void
up_compare_file_window_dispose (GObject *object)
{
  UpCompareFileWindow *self = UP_COMPARE_FILE_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_weak_pointer (&self->parent);
  G_OBJECT_CLASS (up_compare_file_window_parent_class)->dispose (object);
}

static void
up_compare_file_window_finalize (GObject *object)
{
  UpCompareFileWindow *self = UP_COMPARE_FILE_WINDOW (object);

  g_clear_object (&self->file);
  g_free (self->file_name);
  G_OBJECT_CLASS (up_compare_file_window_parent_class)->finalize (object);
}

static void
up_compare_file_window_class_init (UpCompareFileWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = up_compare_file_window_dispose;
  G_OBJECT_CLASS (klass)->finalize = up_compare_file_window_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
up_compare_file_window_init (UpCompareFileWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 1240, 700);
  gtk_window_set_modal (GTK_WINDOW (self), FALSE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "compare-file");
}

GtkListBox *
up_compare_file_window_get_change_list (UpCompareFileWindow *self)
{
  g_return_val_if_fail (UP_IS_COMPARE_FILE_WINDOW (self), NULL);
  return self->change_list;
}

GtkGrid *
up_compare_file_window_get_results_grid (UpCompareFileWindow *self)
{
  g_return_val_if_fail (UP_IS_COMPARE_FILE_WINDOW (self), NULL);
  return self->results_grid;
}

guint
up_compare_file_window_get_n_changes (UpCompareFileWindow *self)
{
  g_return_val_if_fail (UP_IS_COMPARE_FILE_WINDOW (self), 0);
  return self->n_changes;
}

/* "old → new", or the one value when both read the same. */
static char *
pair_text (const char *old_text,
           const char *new_text)
{
  if (g_strcmp0 (old_text, new_text) == 0)
    return g_strdup (new_text);
  /* translators: a value before and after, in the comparison with another plan file */
  return g_strdup_printf (_("%s → %s"), old_text, new_text);
}

static char *
money_pair (double      old_value,
            double      new_value,
            const char *currency)
{
  g_autofree char *a = up_format_money_short (old_value, currency);
  g_autofree char *b = up_format_money_short (new_value, currency);

  /* A change too small for the short form is shown in full. */
  if (g_strcmp0 (a, b) == 0 && old_value != new_value && !isnan (old_value) && !isnan (new_value))
    {
      g_free (a);
      g_free (b);
      a = up_format_money (old_value, currency);
      b = up_format_money (new_value, currency);
    }
  return pair_text (a, b);
}

static char *
year_text (int year)
{
  /* translators: the break-even year when an option never breaks even */
  return year > 0 ? g_strdup_printf ("%d", year) : g_strdup (C_("break-even", "never"));
}

static char *
episodes_text (double value)
{
  return up_format_number (value, fabs (value) < 10.0 ? 1 : 0);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), !numeric);
  if (!numeric)
    gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
fill_results (UpCompareFileWindow *self,
              const UpDiff        *diff,
              const UpModel       *model,
              const UpResults     *results)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree UpDiffResult *same = NULL;
  gboolean any_changed = FALSE;
  const char *headers[] = {
    N_("Option"), N_("Net position"), N_("Break-even"),
    N_("Crisis episodes avoided"), N_("Public cost"),
  };

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      GtkWidget *label = cell_label (_(headers[c]), c > 0);

      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->results_grid, label, c, 0, 1, 1);
    }
  for (guint i = 0; i < diff->results->len; i++)
    {
      g_ptr_array_add (rows, diff->results->pdata[i]);
      any_changed |= ((UpDiffResult *) diff->results->pdata[i])->changed;
    }
  /* Identical plans: the diff leaves the results out, as they cannot differ; the open
   * plan's own are shown, once. */
  if (rows->len == 0 && diff->old_error == NULL && diff->new_error == NULL &&
      model != NULL && results != NULL)
    {
      same = g_new0 (UpDiffResult, up_model_get_n_options (model));
      for (int o = 0; o < up_model_get_n_options (model); o++)
        {
          const UpMetrics *m = &results->metrics[o];
          UpDiffResult *r = &same[o];

          r->option_id = (char *) up_model_get_option_id (model, o);
          r->option_name = (char *) up_model_get_option_name (model, o);
          r->is_bau = o == up_model_get_bau_index (model);
          r->old_npbi = r->new_npbi = m->npbi;
          r->old_break_even_year = r->new_break_even_year =
            m->break_even_cycle > 0 ? m->break_even_year : 0;
          r->old_episodes_avoided = r->new_episodes_avoided = m->crisis_episodes_avoided;
          r->old_public_cost = r->new_public_cost = m->public_cost;
          g_ptr_array_add (rows, r);
        }
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const UpDiffResult *r = rows->pdata[i];
      g_autofree char *npbi = NULL, *be = NULL, *ep = NULL, *pc = NULL, *name = NULL;
      g_autofree char *y0 = year_text (r->old_break_even_year);
      g_autofree char *y1 = year_text (r->new_break_even_year);
      g_autofree char *e0 = episodes_text (r->old_episodes_avoided);
      g_autofree char *e1 = episodes_text (r->new_episodes_avoided);
      const char *texts[5];

      if (r->is_bau)
        {
          npbi = g_strdup ("—");
          be = g_strdup ("—");
          ep = g_strdup ("—");
        }
      else
        {
          npbi = money_pair (r->old_npbi, r->new_npbi, diff->currency);
          be = pair_text (y0, y1);
          ep = pair_text (e0, e1);
        }
      pc = money_pair (r->old_public_cost, r->new_public_cost, diff->currency);
      name = r->changed || !any_changed ? g_strdup (r->option_name)
                          /* translators: an option whose headline results did not move */
                        : g_strdup_printf (_("%s (unchanged)"), r->option_name);
      texts[0] = name;
      texts[1] = npbi;
      texts[2] = be;
      texts[3] = ep;
      texts[4] = pc;
      for (guint c = 0; c < G_N_ELEMENTS (texts); c++)
        {
          GtkWidget *label = cell_label (texts[c], c > 0);

          if (!r->changed && any_changed)
            gtk_widget_add_css_class (label, "dim-label");
          gtk_grid_attach (self->results_grid, label, c, i + 1, 1, 1);
        }
    }
  if (rows->len == 0)
    {
      const char *why = diff->new_error != NULL ? diff->new_error : diff->old_error;
      g_autofree char *text =
        /* translators: %s says why a plan could not be projected */
        g_strdup_printf (_("No results to compare: %s"), why != NULL ? why : "");
      GtkWidget *label = cell_label (text, FALSE);

      gtk_grid_attach (self->results_grid, label, 0, 1, G_N_ELEMENTS (headers), 1);
    }
}

/* The heading of a group of changes, from the first part of a change's path. */
static const char *
kind_heading (const char *path)
{
  static const struct { const char *prefix; const char *heading; } kinds[] = {
    { "plan", N_("Settings") },
    { "price-index", N_("Price index") },
    { "holder", N_("Budget holders") },
    { "cost-item", N_("Cost items") },
    { "measure", N_("Outcome measures") },
    { "state", N_("States") },
    { "transition", N_("Transitions") },
    { "option", N_("Options") },
    { "scenario", N_("Scenarios") },
    { "distribution", N_("Uncertain inputs") },
  };
  g_autofree char *first = g_strndup (path, strcspn (path, "/"));
  gsize len = strlen (first);

  /* "states" (the order of states) belongs with the states. */
  if (len > 1 && first[len - 1] == 's' && strcmp (first, "plans") != 0)
    first[len - 1] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (first, kinds[i].prefix) == 0)
      return _(kinds[i].heading);
  return _("Other");
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *heading = g_object_get_data (G_OBJECT (row), "heading");
  const char *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "heading") : NULL;
  GtkWidget *label;

  if (heading == NULL || g_strcmp0 (heading, previous) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, before != NULL ? 12 : 6);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_set_margin_start (label, 12);
  gtk_list_box_row_set_header (row, label);
}

static void
fill_changes (UpCompareFileWindow *self,
              const UpDiff        *diff)
{
  self->n_changes = diff->changes->len;
  for (guint i = 0; i < diff->changes->len; i++)
    {
      const UpDiffChange *change = diff->changes->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      switch (change->kind)
        {
        case UP_DIFF_ADDED:
          /* translators: a thing only in the other plan file */
          subtitle = g_strdup_printf (_("Added: %s"), change->new_value);
          break;
        case UP_DIFF_REMOVED:
          /* translators: a thing only in the open plan */
          subtitle = g_strdup_printf (_("Removed: %s"), change->old_value);
          break;
        case UP_DIFF_CHANGED:
        default:
          subtitle = g_strdup_printf (_("%s → %s"), change->old_value, change->new_value);
          break;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, change->path);
      g_object_set_data_full (G_OBJECT (row), "heading",
                              g_strdup (kind_heading (change->path)), g_free);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (change->path), g_free);
      gtk_list_box_append (self->change_list, row);
    }
  if (diff->changes->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No differences"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The two plans have the same settings, options and parameters."));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "placeholder");
      gtk_list_box_append (self->change_list, row);
    }
}

static GtkWidget *
section_heading (const char *text,
                 GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "title-4");
  if (mnemonic_widget != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (mnemonic_widget),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                    -1);
  return label;
}

/* Shows a comparison, replacing what was shown before. */
static void
compare_file_window_fill (UpCompareFileWindow *self,
                          const UpDiff        *diff,
                          const UpModel       *model,
                          const UpResults     *results,
                          const UpModel       *other_model,
                          const UpResults     *other)
{
  g_autofree char *count = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->change_list))) != NULL)
    gtk_list_box_remove (self->change_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_grid))) != NULL)
    gtk_grid_remove (self->results_grid, child);
  if (diff->changes->len > 0)
    /* translators: under the title of the comparison window */
    count = g_strdup_printf (ngettext ("%u difference from the open plan",
                                       "%u differences from the open plan",
                                       diff->changes->len),
                             diff->changes->len);
  adw_window_title_set_subtitle (self->window_title, count);
  fill_changes (self, diff);
  fill_results (self, diff, model, results);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), model != NULL && results != NULL);
  if (model != NULL && results != NULL)
    compare_chart_set_data (self->chart, model, results, other_model, other, self->file_name);
}

static void schedule_refresh (UpCompareFileWindow *self);

static UpCompareFileWindow *
compare_file_window_new (UpWindow *parent,
                         GFile    *file)
{
  UpCompareFileWindow *self = g_object_new (UP_TYPE_COMPARE_FILE_WINDOW,
                                            "transient-for", parent,
                                            NULL);
  g_autofree char *file_name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Compared with %s"), file_name);
  g_autofree char *legend = NULL;
  GtkWidget *content, *header, *body, *left, *right, *scroller, *label;

  g_set_weak_pointer (&self->parent, parent);
  self->file = g_object_ref (file);
  self->file_name = g_strdup (file_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new (title, NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  gtk_box_append (GTK_BOX (content), header);

  body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (content), body);

  /* Left: the changes, grouped by kind. */
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (left, 340, -1);
  self->change_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->change_list, GTK_SELECTION_NONE);
  gtk_list_box_set_header_func (self->change_list, header_func, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->change_list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->change_list), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (left), section_heading (_("What changed"),
                                                   GTK_WIDGET (self->change_list)));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller),
                                 GTK_WIDGET (self->change_list));
  gtk_box_append (GTK_BOX (left), scroller);
  gtk_box_append (GTK_BOX (body), left);

  /* Right: the headline results, then the chart. */
  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (right, TRUE);
  self->results_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->results_grid, 18);
  gtk_grid_set_row_spacing (self->results_grid, 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results_grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Headline results"),
                                  -1);
  gtk_box_append (GTK_BOX (right), section_heading (_("Headline results"), NULL));
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->results_grid));

  self->chart = g_object_new (UP_TYPE_COMPARE_CHART, NULL);
  gtk_widget_set_margin_top (GTK_WIDGET (self->chart), 12);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->chart));
  /* translators: under the chart; %s is the other plan's file name */
  legend = g_strdup_printf (_("Solid lines: the open plan · Faint lines: %s"), file_name);
  label = gtk_label_new (legend);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (right), label);
  gtk_box_append (GTK_BOX (body), right);

  adw_window_set_content (ADW_WINDOW (self), content);
  g_signal_connect_object (up_window_get_session (parent), "results-changed",
                           G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  return self;
}

/* ---- Loading the other plan in a thread ------------------------------------------- */

typedef struct
{
  GFile     *file;
  UpPlan    *plan;          /* a copy of the open plan, owned by the worker */
  GPtrArray *problems;      /* why the other file could not be read */
  UpDiff    *diff;
  UpModel   *model;
  UpResults *results;
  UpModel   *other_model;
  UpResults *other;
  UpCompareFileWindow *target;  /* the window to refresh, or NULL for a new one */
} CompareJob;

static void
compare_job_free (CompareJob *job)
{
  g_clear_object (&job->file);
  g_clear_object (&job->plan);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_pointer (&job->diff, up_diff_free);
  g_clear_pointer (&job->results, up_results_free);
  g_clear_pointer (&job->model, up_model_unref);
  g_clear_pointer (&job->other, up_results_free);
  g_clear_pointer (&job->other_model, up_model_unref);
  g_clear_object (&job->target);
  g_free (job);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CompareJob *job = task_data;
  g_autoptr(UpPlan) other_plan = NULL;
  GError *error = NULL;

  other_plan = up_plan_load_from_file (job->file, job->problems, &error);
  if (other_plan == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->diff = up_plan_diff (job->plan, other_plan);
  job->model = up_model_compile (job->plan, NULL, NULL, NULL);
  if (job->model != NULL)
    job->results = up_model_project (job->model);
  job->other_model = up_model_compile (other_plan, NULL, NULL, NULL);
  if (job->other_model != NULL)
    job->other = up_model_project (job->other_model);
  g_task_return_boolean (task, TRUE);
}

static void
show_load_error (UpWindow   *self,
                 GFile      *file,
                 GPtrArray  *problems,
                 GError     *error)
{
  g_autofree char *base = g_file_get_basename (file);
  /* translators: %s is a file name */
  g_autofree char *heading = g_strdup_printf (_("Could not compare with “%s”"), base);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; problems != NULL && i < problems->len && i < 8; i++)
    {
      g_autofree char *line = up_problem_format (problems->pdata[i], base);

      g_string_append_printf (body, "%s%s", i ? "\n" : "", line);
    }
  if (problems != NULL && problems->len > 8)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, ngettext ("… and %u more problem",
                                              "… and %u more problems",
                                              problems->len - 8),
                              problems->len - 8);
    }
  if (body->len == 0)
    g_string_append (body, error->message);
  g_string_append (body, "\n\n");
  g_string_append (body, _("The open plan is unchanged."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  UpWindow *self = UP_WINDOW (source);
  CompareJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  UpCompareFileWindow *window = job->target;

  if (window != NULL)
    {
      window->refreshing = FALSE;
      /* Closed meanwhile: nothing to show it in. */
      if (window->parent == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)))
        return;
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_load_error (self, job->file, job->problems, error);
      return;
    }
  if (window == NULL)
    window = compare_file_window_new (self, job->file);
  compare_file_window_fill (window, job->diff, job->model, job->results,
                            job->other_model, job->other);
  if (job->target == NULL)
    gtk_window_present (GTK_WINDOW (window));
  else if (window->refresh_again)
    {
      window->refresh_again = FALSE;
      schedule_refresh (window);
    }
}

static void
start_compare (UpWindow            *self,
               GFile               *file,
               UpCompareFileWindow *target)
{
  CompareJob *job;
  g_autoptr(GTask) task = NULL;

  job = g_new0 (CompareJob, 1);
  job->file = g_object_ref (file);
  job->plan = up_plan_copy (up_plan_session_get_plan (up_window_get_session (self)));
  job->problems = up_problems_new ();
  job->target = target != NULL ? g_object_ref (target) : NULL;
  task = g_task_new (self, NULL, compare_done_cb, NULL);
  g_task_set_source_tag (task, start_compare);
  g_task_set_task_data (task, job, (GDestroyNotify) compare_job_free);
  g_task_run_in_thread (task, compare_thread);
}

static gboolean
refresh_cb (gpointer data)
{
  UpCompareFileWindow *self = data;

  self->refresh_id = 0;
  if (self->parent == NULL)
    return G_SOURCE_REMOVE;
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->refreshing = TRUE;
  start_compare (self->parent, self->file, self);
  return G_SOURCE_REMOVE;
}

/* The open plan changed: compare again once the typing pauses. */
static void
schedule_refresh (UpCompareFileWindow *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (400, refresh_cb, self);
}

void
up_window_compare_with_file (UpWindow *self,
                             GFile    *file)
{
  g_return_if_fail (UP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  start_compare (self, file, NULL);
}

/* ---- The action ------------------------------------------------------------------- */

static void
compare_dialog_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            gpointer         user_data)
{
  UpWindow *self = UP_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        up_window_compare_with_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UpWindow *self = UP_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) plans = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GFile *current = up_plan_session_get_file (up_window_get_session (self));

  chooser = gtk_file_chooser_native_new (_("Compare with Plan File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Compare"), _("_Cancel"));
  gtk_file_filter_set_name (plans, _("Upstream plans"));
  gtk_file_filter_add_suffix (plans, "upstream");
  gtk_file_filter_add_mime_type (plans, "application/x-upstream-plan");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), plans);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (current != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (current);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (compare_dialog_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_up_window_class_compare_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare-with-file", NULL,
                                   compare_action);
}
