/* up-uncertainty-view.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "How sure are you?": the uncertain inputs of the plan with their distributions, the
 * tornado of one option's metric, and the probabilistic analysis (summaries, chances,
 * fan charts). Edits go through the session. The analysis runs on a copy of the plan in
 * a GTask thread; while the plan keeps changing after a full run, a small live analysis
 * refreshes the fan charts and the full one follows when the edits pause. Widgets are
 * named ("dist/<path>/a", "run", "samples", …) so tests can find them.
 */

#define G_LOG_DOMAIN "up-uncertainty-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "up-uncertainty-view.h"
#include "up-window.h"

#define LIVE_SAMPLES 200
#define PAUSE_MS 600

static const UpDistKind kind_order[] = {
  UP_DIST_RANGE, UP_DIST_BETA, UP_DIST_GAMMA, UP_DIST_LOGNORMAL, UP_DIST_NORMAL,
  UP_DIST_UNIFORM, UP_DIST_TRIANGULAR,
};

static const UpMetric tornado_metrics[] = {
  UP_METRIC_NPBI, UP_METRIC_NPSV, UP_METRIC_CRISIS_EPISODES_AVOIDED,
};

static const UpMetric summary_metrics[] = {
  UP_METRIC_NPBI, UP_METRIC_NPSV, UP_METRIC_CRISIS_EPISODES_AVOIDED,
  UP_METRIC_BREAK_EVEN_YEAR,
};

struct _UpUncertaintyView
{
  GtkWidget      parent_instance;

  GtkWidget     *scroller;
  GtkBox        *content;

  UpPlanSession *session;
  gulong         results_id;
  gulong         replaced_id;

  /* distributions */
  GtkListBox    *dist_list;
  GtkListBox    *add_list;
  GtkSearchEntry *add_search;
  GtkMenuButton *add_button;
  char          *shown_dists;     /* what the rows show, to rebuild only on change */

  /* tornado */
  GtkDropDown   *tornado_option;
  GtkDropDown   *tornado_metric;
  GtkWidget     *tornado_area;
  GtkGrid       *tornado_grid;
  GtkLabel      *tornado_note;
  UpUncChart    *tornado_chart;
  GStrv          option_ids;      /* not BAU, in the dropdowns' order */

  /* probabilistic analysis */
  GtkSpinButton *samples;
  GtkSpinButton *seed;
  GtkButton     *run_button;
  GtkButton     *cancel_button;
  GtkButton     *export_button;
  GtkProgressBar *progress;
  GtkLabel      *status;
  GtkLabel      *headline;
  gboolean       fan_chosen;      /* the user picked the fan charts' option */
  GtkWidget     *results_box;
  GtkGrid       *summary_grid;
  GtkGrid       *cheapest_grid;
  GtkGrid       *saving_grid;
  GtkDropDown   *fan_option;
  GtkWidget     *fan_crisis_area;
  GtkWidget     *fan_net_area;
  UpUncChart    *fan_crisis;
  UpUncChart    *fan_net;

  GCancellable  *run_cancel;      /* the full run, while it runs */
  gpointer       run_data;        /* its RunData, while it runs */
  GCancellable  *live_cancel;     /* the live run, while it runs */
  GCancellable  *tornado_cancel;  /* the tornado, while it is worked out */
  UpPsa         *psa;             /* last complete full run */
  UpPsa         *live_psa;        /* last complete live run, newer than psa */
  gboolean       ran_full;        /* the user has run a full analysis */
  gboolean       psa_stale;       /* the plan changed since psa */
  guint          progress_source;
  guint          pause_source;
  gint           progress_done;   /* atomic, thousandths of the run */
  gint64         live_time;
  gint64         live_started;
  gboolean       disposed;        /* late results of workers are dropped */
};

G_DEFINE_FINAL_TYPE (UpUncertaintyView, up_uncertainty_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_run (UpUncertaintyView *self,
                       gboolean           live);
static void refresh_all (UpUncertaintyView *self);

/* ---- Words ------------------------------------------------------------------------ */

static UpPlan *
get_plan (UpUncertaintyView *self)
{
  return self->session != NULL ? up_plan_session_get_plan (self->session) : NULL;
}

static const char *
item_name (GListStore *store,
           const char *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (up_item_get_id (item), id) == 0)
        return up_item_get_name (item);
    }
  return id;
}

/* "Peer network: take-up", "Transition: High need → Crisis". */
static char *
param_label (UpPlan     *plan,
             const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  UpUnit unit;
  const UpNumberSpec *spec = up_plan_describe_param (plan, path, &unit);
  const char *what = spec != NULL ? _(spec->label) : parts[n - 1];

  if (n == 3 && g_str_equal (parts[0], "transition"))
    return g_strdup_printf (_("Moving from %s to %s"),
                            item_name (up_plan_get_states (plan), parts[1]),
                            item_name (up_plan_get_states (plan), parts[2]));
  if (n == 5 && g_str_equal (parts[0], "option") && g_str_equal (parts[2], "effect"))
    return g_strdup_printf (
      /* translators: an option's name, then two states */
      _("%s: effect on %s → %s"),
      item_name (up_plan_get_options (plan), parts[1]),
      item_name (up_plan_get_states (plan), parts[3]),
      item_name (up_plan_get_states (plan), parts[4]));
  if (n >= 3)
    {
      GListStore *store = NULL;

      if (g_str_equal (parts[0], "option"))
        store = up_plan_get_options (plan);
      else if (g_str_equal (parts[0], "cost-item"))
        store = up_plan_get_cost_items (plan);
      else if (g_str_equal (parts[0], "state"))
        store = up_plan_get_states (plan);
      else if (g_str_equal (parts[0], "measure"))
        store = up_plan_get_measures (plan);
      if (store != NULL)
        /* translators: a thing's name and one of its numbers, "Peer network: take-up" */
        return g_strdup_printf (_("%s: %s"), item_name (store, parts[1]), what);
    }
  if (g_str_equal (parts[0], "plan"))
    return g_strdup_printf (_("Plan: %s"), what);
  return g_strdup (path);
}

static char *
format_input (UpPlan     *plan,
              const char *path,
              double      value)
{
  UpUnit unit = UP_UNIT_NUMBER;
  const char *currency = up_plan_get_currency (plan);

  up_plan_describe_param (plan, path, &unit);
  switch (unit)
    {
    case UP_UNIT_MONEY:
      return up_format_money (value, currency);
    case UP_UNIT_FRACTION:
      return up_format_percent (value);
    default:
      return up_format_number (value, fabs (value) < 10 ? 2 : 0);
    }
}

static char *
format_metric (UpMetric    metric,
               double      value,
               const char *currency)
{
  if (!isfinite (value))
    return g_strdup ("—");
  switch (metric)
    {
    case UP_METRIC_NPBI:
    case UP_METRIC_NPSV:
      return up_format_money_short (value, currency);
    case UP_METRIC_BREAK_EVEN_YEAR:
      return g_strdup_printf ("%.0f", value);
    default:
      return up_format_number (value, 0);
    }
}

static const char *
kind_name (UpDistKind kind)
{
  switch (kind)
    {
    case UP_DIST_BETA: return _("Beta");
    case UP_DIST_GAMMA: return _("Gamma");
    case UP_DIST_LOGNORMAL: return _("Lognormal");
    case UP_DIST_NORMAL: return _("Normal");
    case UP_DIST_UNIFORM: return _("Uniform");
    case UP_DIST_TRIANGULAR: return _("Triangular");
    case UP_DIST_RANGE:
    default: return _("95% range");
    }
}

static void
param_names (UpDistKind   kind,
             const char **a,
             const char **b,
             const char **c)
{
  *c = NULL;
  switch (kind)
    {
    case UP_DIST_BETA: *a = _("α"); *b = _("β"); break;
    case UP_DIST_GAMMA: *a = _("Shape"); *b = _("Scale"); break;
    case UP_DIST_LOGNORMAL: *a = _("μ of log"); *b = _("σ of log"); break;
    case UP_DIST_NORMAL: *a = _("Mean"); *b = _("SD"); break;
    case UP_DIST_UNIFORM: *a = _("Low"); *b = _("High"); break;
    case UP_DIST_TRIANGULAR: *a = _("Low"); *b = _("Mode"); *c = _("High"); break;
    case UP_DIST_RANGE:
    default: *a = _("Low (2.5%)"); *b = _("High (97.5%)"); break;
    }
}

static GtkWidget *
cell (const char *text,
      gboolean    numeric,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
toast (UpUncertaintyView *self,
       const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (UP_IS_WINDOW (root))
    up_window_toast (UP_WINDOW (root), message);
  else
    g_message ("%s", message);
}

/* ---- Chart widgets ---------------------------------------------------------------- */

static void
chart_theme (GtkWidget    *widget,
             UpChartTheme *theme)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GdkRGBA fg;

  up_chart_theme_init (theme, adw_style_manager_get_dark (manager),
                       adw_style_manager_get_high_contrast (manager));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  theme->foreground = (UpChartColor) { fg.red, fg.green, fg.blue, fg.alpha };
  theme->grid = theme->foreground;
  theme->grid.alpha = theme->high_contrast ? 0.5 : 0.15;
  theme->transparent = TRUE;
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  UpUncChart *chart = user_data;
  UpChartTheme theme;

  chart_theme (GTK_WIDGET (area), &theme);
  up_unc_chart_set_theme (chart, &theme);
  up_unc_chart_layout (chart, width, height, gtk_widget_get_pango_context (GTK_WIDGET (area)));
  up_unc_chart_draw (chart, cr);
}

static GtkWidget *
chart_area (UpUncChart *chart,
            int         height,
            const char *name)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), height);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, chart, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_add_css_class (area, "card");
  return area;
}

static void
chart_changed (GtkWidget  *area,
               UpUncChart *chart)
{
  g_autofree char *words = up_unc_chart_describe (chart);

  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  words, -1);
  gtk_widget_queue_draw (area);
}

/* ---- Distributions ---------------------------------------------------------------- */

typedef struct
{
  char          *path;
  char          *label;
  GtkDropDown   *kind;
  GtkSpinButton *values[3];
  GtkLabel      *names[3];
  GtkLabel      *problem;
  GtkLabel      *summary;    /* the plan's value and the 95% interval */
  char          *base_text;
  GtkWidget     *preview;
  UpDistFit      fit;
  gboolean       fit_ok;
  gboolean       updating;
} DistRow;

static void
dist_row_free (gpointer data)
{
  DistRow *row = data;

  g_free (row->path);
  g_free (row->label);
  g_free (row->base_text);
  g_free (row);
}

static void
draw_density (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  DistRow *row = user_data;
  GdkRGBA fg;
  double from, to, peak = 0;
  double ys[64];

  if (!row->fit_ok)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (row->fit.point)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
      cairo_rectangle (cr, width / 2.0 - 1, 2, 2, height - 2);
      cairo_fill (cr);
      return;
    }
  up_dist_fit_support (&row->fit, &from, &to);
  if (!(to > from))
    return;
  for (int i = 0; i < 64; i++)
    {
      ys[i] = up_dist_fit_pdf (&row->fit, from + (to - from) * i / 63.0);
      if (isfinite (ys[i]))
        peak = MAX (peak, ys[i]);
    }
  if (!(peak > 0))
    return;
  cairo_move_to (cr, 0, height);
  for (int i = 0; i < 64; i++)
    cairo_line_to (cr, width * i / 63.0,
                   height - (height - 2) * (isfinite (ys[i]) ? MIN (ys[i], peak) : peak) / peak);
  cairo_line_to (cr, width, height);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.3);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  /* the plan's value */
  {
    double base;

    if (up_plan_get_param (g_object_get_data (G_OBJECT (area), "plan"), row->path, &base, NULL)
        && base >= from && base <= to)
      {
        double x = round (width * (base - from) / (to - from)) + 0.5;

        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
        cairo_set_line_width (cr, 1);
        cairo_move_to (cr, x, 0);
        cairo_line_to (cr, x, height);
        cairo_stroke (cr);
      }
  }
}

static void
dist_row_show_kind (DistRow    *row,
                    UpDistKind  kind)
{
  const char *names[3];

  param_names (kind, &names[0], &names[1], &names[2]);
  for (int i = 0; i < 3; i++)
    {
      gboolean shown = names[i] != NULL;
      g_autofree char *accessible = NULL;

      gtk_widget_set_visible (GTK_WIDGET (row->values[i]), shown);
      gtk_widget_set_visible (GTK_WIDGET (row->names[i]), shown);
      if (!shown)
        continue;
      gtk_label_set_text (row->names[i], names[i]);
      /* translators: a distribution's parameter, then the input it describes */
      accessible = g_strdup_printf (_("%s of %s"), names[i], row->label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->values[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
}

static void
dist_row_refit (UpUncertaintyView *self,
                DistRow           *row,
                const UpDistribution *dist)
{
  g_autoptr(GError) error = NULL;

  row->fit_ok = up_distribution_check (dist, &error)
                && up_dist_fit_for_param (get_plan (self), row->path, dist, &row->fit, &error);
  for (int i = 0; i < 3; i++)
    {
      if (row->fit_ok)
        gtk_widget_remove_css_class (GTK_WIDGET (row->values[i]), "invalid");
      else
        gtk_widget_add_css_class (GTK_WIDGET (row->values[i]), "invalid");
    }
  gtk_widget_set_visible (GTK_WIDGET (row->problem), !row->fit_ok);
  if (row->fit_ok)
    {
      UpPlan *plan = get_plan (self);
      g_autofree char *lo = format_input (plan, row->path, row->fit.point ? row->fit.value
                                          : up_dist_fit_quantile (&row->fit, 0.025));
      g_autofree char *hi = format_input (plan, row->path, row->fit.point ? row->fit.value
                                          : up_dist_fit_quantile (&row->fit, 0.975));
      /* translators: the plan's value, then the 2.5th and 97.5th percentiles */
      g_autofree char *text = g_strdup_printf (_("Plan value %s · 95%% between %s and %s"),
                                               row->base_text, lo, hi);

      gtk_label_set_text (row->summary, text);
    }
  if (!row->fit_ok)
    {
      g_autofree char *text = g_strdup_printf ("⚠ %s", error->message);

      gtk_label_set_text (row->problem, text);
    }
  gtk_widget_queue_draw (row->preview);
}

static UpDistKind
dist_row_kind (DistRow *row)
{
  guint i = gtk_drop_down_get_selected (row->kind);

  return i < G_N_ELEMENTS (kind_order) ? kind_order[i] : UP_DIST_RANGE;
}

static char *dists_signature (UpPlan *plan);

/* An edit within a row: the row already shows it, so the rows are not rebuilt (which
 * would take the focus from the field being typed in). */
static void
row_set_distribution (UpUncertaintyView    *self,
                      DistRow              *row,
                      const UpDistribution *dist)
{
  g_autofree char *key = g_strconcat ("distribution/", row->path, NULL);

  up_plan_session_begin_edit (self->session, key);
  up_plan_set_distribution (get_plan (self), row->path, dist);
  g_free (self->shown_dists);
  self->shown_dists = dists_signature (get_plan (self));
}

static void
dist_value_changed (GtkSpinButton     *spin,
                    UpUncertaintyView *self)
{
  DistRow *row = g_object_get_data (G_OBJECT (spin), "row");
  UpDistribution dist;

  if (row->updating)
    return;
  dist.kind = dist_row_kind (row);
  dist.a = gtk_spin_button_get_value (row->values[0]);
  dist.b = gtk_spin_button_get_value (row->values[1]);
  dist.c = gtk_spin_button_get_value (row->values[2]);
  dist_row_refit (self, row, &dist);
  if (!up_distribution_check (&dist, NULL))
    return;     /* marked where typed; the plan keeps its last valid distribution */
  row_set_distribution (self, row, &dist);
}

/* The same uncertainty in another family, from the current fit's mean and spread. */
static gboolean
convert_distribution (const UpDistFit *fit,
                      UpDistKind       kind,
                      UpDistribution  *out)
{
  double m = up_dist_fit_mean (fit);
  double v = up_dist_fit_variance (fit);
  double lo = up_dist_fit_quantile (fit, 0.025);
  double hi = up_dist_fit_quantile (fit, 0.975);

  if (fit->point)
    {
      lo = hi = m = fit->value;
      v = 0;
    }
  out->kind = kind;
  out->c = 0;
  switch (kind)
    {
    case UP_DIST_RANGE:
    case UP_DIST_UNIFORM:
      out->a = lo;
      out->b = hi;
      break;
    case UP_DIST_TRIANGULAR:
      out->a = lo;
      out->b = m;
      out->c = hi;
      break;
    case UP_DIST_NORMAL:
      out->a = m;
      out->b = sqrt (v);
      break;
    case UP_DIST_GAMMA:
      out->a = v > 0 ? m * m / v : 100;
      out->b = v > 0 ? v / m : m / 100;
      break;
    case UP_DIST_LOGNORMAL:
      {
        double s2 = m > 0 ? log (1 + v / (m * m)) : 0.01;

        out->b = sqrt (s2);
        out->a = m > 0 ? log (m) - s2 / 2 : 0;
      }
      break;
    case UP_DIST_BETA:
      {
        double k = v > 0 && m > 0 && m < 1 ? m * (1 - m) / v - 1 : 100;

        out->a = m > 0 && m < 1 ? m * k : 1;
        out->b = m > 0 && m < 1 ? (1 - m) * k : 1;
      }
      break;
    default:
      return FALSE;
    }
  return isfinite (out->a) && isfinite (out->b) && isfinite (out->c);
}

static void
dist_kind_changed (GtkDropDown       *drop,
                   GParamSpec        *pspec,
                   UpUncertaintyView *self)
{
  DistRow *row = g_object_get_data (G_OBJECT (drop), "row");
  UpDistribution dist;

  if (row->updating)
    return;
  dist_row_show_kind (row, dist_row_kind (row));
  if (!row->fit_ok || !convert_distribution (&row->fit, dist_row_kind (row), &dist))
    return;
  row->updating = TRUE;
  gtk_spin_button_set_value (row->values[0], dist.a);
  gtk_spin_button_set_value (row->values[1], dist.b);
  gtk_spin_button_set_value (row->values[2], dist.c);
  row->updating = FALSE;
  dist_row_refit (self, row, &dist);
  if (!up_distribution_check (&dist, NULL))
    return;
  row_set_distribution (self, row, &dist);
}

static void
dist_remove_clicked (GtkButton         *button,
                     UpUncertaintyView *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "path");
  g_autofree char *copy = g_strdup (path);

  up_plan_session_begin_edit (self->session, NULL);
  up_plan_set_distribution (get_plan (self), copy, NULL);
}

static GtkWidget *
dist_row_new (UpUncertaintyView    *self,
              const char           *path,
              const UpDistribution *dist)
{
  UpPlan *plan = get_plan (self);
  DistRow *row = g_new0 (DistRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *label = param_label (plan, path);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *title, *sub, *remove;
  g_autofree char *remove_name = NULL;
  g_autofree char *kind_label = NULL;
  double base = NAN;
  g_autofree char *base_text = NULL;

  row->path = g_strdup (path);
  row->label = g_strdup (label);
  up_plan_get_param (plan, path, &base, NULL);
  base_text = isfinite (base) ? format_input (plan, path, base) : g_strdup ("—");

  title = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 1);
  gtk_widget_set_tooltip_text (title, label);
  {
    /* translators: the plan's value of an uncertain input */
    g_autofree char *s = g_strdup_printf (_("Plan value %s"), base_text);

    sub = gtk_label_new (s);
    row->summary = GTK_LABEL (sub);
    row->base_text = g_strdup (base_text);
    gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
    gtk_label_set_max_width_chars (GTK_LABEL (sub), 1);
  }
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_box_append (GTK_BOX (names), title);
  gtk_box_append (GTK_BOX (names), sub);
  gtk_widget_set_size_request (names, 340, -1);
  gtk_box_append (GTK_BOX (box), names);

  row->preview = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (row->preview), 110);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (row->preview), 30);
  gtk_widget_set_valign (row->preview, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (row->preview, 12);
  g_object_set_data_full (G_OBJECT (row->preview), "plan", g_object_ref (plan), g_object_unref);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->preview), draw_density, row, NULL);
  gtk_widget_set_tooltip_text (row->preview,
                               _("Density of the distribution; the line marks the plan's value"));
  gtk_box_append (GTK_BOX (box), row->preview);

  for (guint i = 0; i < G_N_ELEMENTS (kind_order); i++)
    gtk_string_list_append (kinds, kind_name (kind_order[i]));
  row->kind = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL));
  kind_label = g_strdup_printf (_("Distribution of %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind_label, -1);
  gtk_widget_set_valign (GTK_WIDGET (row->kind), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (row->kind), 140, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->kind));

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("dist/%s/%c", path, 'a' + i);

      row->names[i] = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (row->names[i]), "dim-label");
      gtk_label_set_xalign (row->names[i], 1);
      gtk_widget_set_size_request (GTK_WIDGET (row->names[i]), 86, -1);
      row->values[i] = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (-1e12, 1e12, 0.01));
      gtk_spin_button_set_digits (row->values[i], 3);
      gtk_editable_set_width_chars (GTK_EDITABLE (row->values[i]), 8);
      gtk_widget_set_valign (GTK_WIDGET (row->values[i]), GTK_ALIGN_CENTER);
      gtk_widget_set_name (GTK_WIDGET (row->values[i]), name);
      gtk_widget_add_css_class (GTK_WIDGET (row->values[i]), "numeric");
      gtk_label_set_mnemonic_widget (row->names[i], GTK_WIDGET (row->values[i]));
      g_object_set_data (G_OBJECT (row->values[i]), "row", row);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->names[i]));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->values[i]));
    }

  {
    GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_widget_set_hexpand (spacer, TRUE);
    gtk_box_append (GTK_BOX (box), spacer);
  }

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  remove_name = g_strdup_printf (_("Remove the uncertainty of %s"), label);
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  g_object_set_data_full (G_OBJECT (remove), "path", g_strdup (path), g_free);
  gtk_widget_set_name (remove, "remove");
  g_signal_connect (remove, "clicked", G_CALLBACK (dist_remove_clicked), self);
  gtk_box_append (GTK_BOX (box), remove);

  row->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->problem, 0);
  gtk_label_set_wrap (row->problem, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (row->problem), FALSE);

  gtk_box_append (GTK_BOX (outer), box);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (row->problem));
  gtk_widget_set_margin_top (outer, 4);
  gtk_widget_set_margin_bottom (outer, 4);
  gtk_widget_set_margin_start (outer, 8);
  gtk_widget_set_margin_end (outer, 4);
  g_object_set_data_full (G_OBJECT (outer), "dist-row", row, dist_row_free);
  gtk_widget_set_name (outer, path);

  row->updating = TRUE;
  {
    double big = MAX (fabs (dist->a), MAX (fabs (dist->b), fabs (dist->c)));
    guint digits = big >= 1000 ? 0 : big >= 10 ? 1 : 2;
    double v[3] = { dist->a, dist->b, dist->c };

    /* enough decimals to show the plan's numbers exactly (up to 4) */
    for (int i = 0; i < 3; i++)
      for (guint d = digits; d <= 4; d++)
        if (fabs (round (v[i] * pow (10, d)) - v[i] * pow (10, d)) < 1e-6)
          {
            digits = d;
            break;
          }
        else if (d == 4)
          digits = 4;

    for (int i = 0; i < 3; i++)
      gtk_spin_button_set_digits (row->values[i], digits);
  }
  for (guint i = 0; i < G_N_ELEMENTS (kind_order); i++)
    if (kind_order[i] == dist->kind)
      gtk_drop_down_set_selected (row->kind, i);
  gtk_spin_button_set_value (row->values[0], dist->a);
  gtk_spin_button_set_value (row->values[1], dist->b);
  gtk_spin_button_set_value (row->values[2], dist->c);
  dist_row_show_kind (row, dist->kind);
  row->updating = FALSE;
  dist_row_refit (self, row, dist);

  g_object_set_data (G_OBJECT (row->kind), "row", row);
  g_signal_connect (row->kind, "notify::selected", G_CALLBACK (dist_kind_changed), self);
  for (int i = 0; i < 3; i++)
    g_signal_connect (row->values[i], "value-changed", G_CALLBACK (dist_value_changed), self);
  return outer;
}

static char *
dists_signature (UpPlan *plan)
{
  g_auto(GStrv) paths = up_plan_list_distributions (plan);
  GString *s = g_string_new (NULL);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      const UpDistribution *d = up_plan_get_distribution (plan, paths[i]);

      g_string_append_printf (s, "%s %d %.17g %.17g %.17g\n", paths[i], d->kind, d->a, d->b,
                              d->c);
    }
  return g_string_free (s, FALSE);
}

static void
rebuild_distributions (UpUncertaintyView *self,
                       gboolean           force)
{
  UpPlan *plan = get_plan (self);
  g_autofree char *sig = NULL;
  g_auto(GStrv) paths = NULL;
  GtkWidget *child;

  if (plan == NULL)
    return;
  sig = dists_signature (plan);
  if (!force && g_strcmp0 (sig, self->shown_dists) == 0)
    return;
  g_free (self->shown_dists);
  self->shown_dists = g_steal_pointer (&sig);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dist_list))) != NULL)
    gtk_list_box_remove (self->dist_list, child);
  paths = up_plan_list_distributions (plan);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    gtk_list_box_append (self->dist_list,
                         dist_row_new (self, paths[i], up_plan_get_distribution (plan, paths[i])));
  if (paths == NULL || paths[0] == NULL)
    {
      GtkWidget *empty = gtk_label_new (_("No input is uncertain yet. Add the inputs you are "
                                          "least sure of, with a range you believe holds the "
                                          "true value 19 times in 20."));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_append (self->dist_list, empty);
    }
}

/* ---- Adding an uncertainty -------------------------------------------------------- */

static void
add_candidate (UpUncertaintyView *self,
               UpPlan            *plan,
               const char        *path)
{
  g_autofree char *label = NULL;
  GtkWidget *row_label;
  double value;

  if (up_plan_get_distribution (plan, path) != NULL || !up_plan_get_param (plan, path, &value, NULL))
    return;
  label = param_label (plan, path);
  row_label = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (row_label), 0);
  gtk_widget_set_margin_start (row_label, 6);
  gtk_widget_set_margin_end (row_label, 6);
  gtk_widget_set_margin_top (row_label, 4);
  gtk_widget_set_margin_bottom (row_label, 4);
  gtk_widget_set_tooltip_text (row_label, path);
  gtk_list_box_append (self->add_list, row_label);
  g_object_set_data_full (G_OBJECT (gtk_widget_get_parent (row_label)), "path", g_strdup (path),
                          g_free);
  gtk_widget_set_name (gtk_widget_get_parent (row_label), path);
}

static void
add_item_numbers (UpUncertaintyView *self,
                  UpPlan            *plan,
                  GListStore        *store,
                  const char        *prefix)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      guint n_specs = 0;
      const UpNumberSpec *specs = up_item_class_get_numbers (UP_ITEM_GET_CLASS (item), &n_specs);

      for (guint j = 0; j < n_specs; j++)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s/%s", prefix, up_item_get_id (item),
                                                   specs[j].key);

          add_candidate (self, plan, path);
        }
    }
}

static void
fill_add_list (UpUncertaintyView *self)
{
  UpPlan *plan = get_plan (self);
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->add_list))) != NULL)
    gtk_list_box_remove (self->add_list, child);
  if (plan == NULL)
    return;
  add_item_numbers (self, plan, up_plan_get_options (plan), "option");
  add_item_numbers (self, plan, up_plan_get_cost_items (plan), "cost-item");
  add_item_numbers (self, plan, up_plan_get_states (plan), "state");
  add_item_numbers (self, plan, up_plan_get_measures (plan), "measure");
  n = g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_transitions (plan)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpTransition) t = g_list_model_get_item (G_LIST_MODEL (up_plan_get_transitions (plan)), i);
      g_autofree char *path = g_strdup_printf ("transition/%s/%s", up_transition_get_from (t),
                                               up_transition_get_to (t));

      add_candidate (self, plan, path);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_options (plan)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpOption) o = g_list_model_get_item (G_LIST_MODEL (up_plan_get_options (plan)), i);
      guint n_t = g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_transitions (plan)));

      for (guint j = 0; j < n_t; j++)
        {
          g_autoptr(UpTransition) t = g_list_model_get_item (G_LIST_MODEL (up_plan_get_transitions (plan)), j);
          g_autofree char *path = g_strdup_printf ("option/%s/effect/%s/%s",
                                                   up_item_get_id (UP_ITEM (o)),
                                                   up_transition_get_from (t),
                                                   up_transition_get_to (t));

          add_candidate (self, plan, path);
        }
    }
}

static gboolean
add_filter (GtkListBoxRow *row,
            gpointer       user_data)
{
  UpUncertaintyView *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->add_search));
  GtkWidget *label = gtk_list_box_row_get_child (row);
  g_autofree char *hay = NULL;
  g_autofree char *needle = NULL;

  if (query == NULL || query[0] == '\0' || !GTK_IS_LABEL (label))
    return TRUE;
  hay = g_utf8_casefold (gtk_label_get_text (GTK_LABEL (label)), -1);
  needle = g_utf8_casefold (query, -1);
  return strstr (hay, needle) != NULL;
}

static void
add_search_changed (GtkSearchEntry    *entry,
                    UpUncertaintyView *self)
{
  gtk_list_box_invalidate_filter (self->add_list);
}

/* A first guess: a 95% range of ±20% around the plan's value, kept inside 0–1 for a
 * fraction; a uniform range when that cannot be fitted. */
static void
add_row_activated (GtkListBox        *list,
                   GtkListBoxRow     *row,
                   UpUncertaintyView *self)
{
  UpPlan *plan = get_plan (self);
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  g_autofree char *copy = g_strdup (path);
  UpDistribution dist = { UP_DIST_RANGE, 0, 0, 0 };
  UpDistFit fit;
  UpUnit unit = UP_UNIT_NUMBER;
  double value = 0;

  if (path == NULL || !up_plan_get_param (plan, path, &value, NULL))
    return;
  up_plan_describe_param (plan, path, &unit);
  if (value == 0)
    {
      dist.kind = UP_DIST_UNIFORM;
      dist.a = 0;
      dist.b = unit == UP_UNIT_FRACTION ? 0.1 : 1;
    }
  else
    {
      dist.a = MIN (value * 0.8, value * 1.2);
      dist.b = MAX (value * 0.8, value * 1.2);
      if (unit == UP_UNIT_FRACTION)
        dist.b = MIN (dist.b, (1 + value) / 2);
      if (!up_dist_fit_for_param (plan, path, &dist, &fit, NULL))
        dist.kind = UP_DIST_UNIFORM;
    }
  gtk_menu_button_popdown (self->add_button);
  up_plan_session_begin_edit (self->session, NULL);
  up_plan_set_distribution (plan, copy, &dist);
}

static void
add_popover_shown (GtkPopover        *popover,
                   UpUncertaintyView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->add_search), "");
  fill_add_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_search));
}

/* ---- Tornado ---------------------------------------------------------------------- */

static UpMetric
tornado_metric (UpUncertaintyView *self)
{
  guint i = gtk_drop_down_get_selected (self->tornado_metric);

  return tornado_metrics[i < G_N_ELEMENTS (tornado_metrics) ? i : 0];
}

static const char *
selected_option_id (UpUncertaintyView *self,
                    GtkDropDown       *drop)
{
  guint i = gtk_drop_down_get_selected (drop);

  if (self->option_ids == NULL || i >= g_strv_length (self->option_ids))
    return NULL;
  return self->option_ids[i];
}

static void
show_tornado (UpUncertaintyView *self,
              UpTornado         *tornado,
              GError            *error)
{
  UpPlan *plan = get_plan (self);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) highs = g_ptr_array_new_with_free_func (g_free);
  UpMetric metric = tornado_metric (self);
  const char *currency;
  const char *headings[] = {
    N_("Input"), N_("Low input"), N_("High input"), N_("At low"), N_("At high"), N_("Swing"),
  };

  clear_grid (self->tornado_grid);
  if (plan == NULL)
    return;
  if (tornado == NULL || up_tornado_get_n_bars (tornado) == 0)
    {
      up_unc_chart_set_tornado (self->tornado_chart, NULL, NULL, NULL, NULL, NULL, FALSE);
      gtk_widget_set_visible (self->tornado_area, FALSE);
      gtk_label_set_text (self->tornado_note,
                          error != NULL ? error->message
                                        : _("Add an uncertain input to see what moves the "
                                            "result most."));
      gtk_widget_set_visible (GTK_WIDGET (self->tornado_note), TRUE);
      return;
    }
  currency = up_model_get_currency (up_tornado_get_model (tornado));
  for (guint i = 0; i < up_tornado_get_n_bars (tornado); i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (tornado, i);

      g_ptr_array_add (labels, param_label (plan, bar->path));
      g_ptr_array_add (lows, format_input (plan, bar->path, bar->low));
      g_ptr_array_add (highs, format_input (plan, bar->path, bar->high));
    }
  up_unc_chart_set_tornado (self->tornado_chart, tornado, (const char *const *) labels->pdata,
                            (const char *const *) lows->pdata, (const char *const *) highs->pdata,
                            _(up_metric_get_label (metric)), metric != UP_METRIC_CRISIS_EPISODES_AVOIDED);
  gtk_widget_set_visible (self->tornado_area, TRUE);
  gtk_widget_set_size_request (self->tornado_area, -1,
                               MAX (240, 110 + 46 * (int) up_tornado_get_n_bars (tornado)));
  chart_changed (self->tornado_area, self->tornado_chart);
  gtk_widget_set_visible (GTK_WIDGET (self->tornado_note), FALSE);

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (self->tornado_grid, cell (_(headings[c]), c > 0, TRUE), c, 0, 1, 1);
  for (guint i = 0; i < up_tornado_get_n_bars (tornado); i++)
    {
      const UpTornadoBar *bar = up_tornado_get_bar (tornado, i);
      g_autofree char *ml = format_metric (metric, bar->metric_low, currency);
      g_autofree char *mh = format_metric (metric, bar->metric_high, currency);
      g_autofree char *sw = format_metric (metric, bar->swing, currency);
      GtkWidget *name = cell (labels->pdata[i], FALSE, FALSE);

      if (bar->invalid != NULL)
        {
          g_autofree char *why = g_strdup_printf ("⚠ %s", bar->invalid);

          gtk_widget_set_tooltip_text (name, why);
        }
      gtk_grid_attach (self->tornado_grid, name, 0, i + 1, 1, 1);
      gtk_grid_attach (self->tornado_grid, cell (lows->pdata[i], TRUE, FALSE), 1, i + 1, 1, 1);
      gtk_grid_attach (self->tornado_grid, cell (highs->pdata[i], TRUE, FALSE), 2, i + 1, 1, 1);
      gtk_grid_attach (self->tornado_grid, cell (ml, TRUE, FALSE), 3, i + 1, 1, 1);
      gtk_grid_attach (self->tornado_grid, cell (mh, TRUE, FALSE), 4, i + 1, 1, 1);
      gtk_grid_attach (self->tornado_grid, cell (sw, TRUE, FALSE), 5, i + 1, 1, 1);
    }
}

typedef struct
{
  UpPlan   *plan;
  char     *option;
  UpMetric  metric;
  gint64    started;
} TornadoData;

static void
tornado_data_free (gpointer data)
{
  TornadoData *t = data;

  g_clear_object (&t->plan);
  g_free (t->option);
  g_free (t);
}

static void
tornado_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TornadoData *t = task_data;
  GError *error = NULL;
  UpTornado *tornado = up_tornado_run (t->plan, NULL, t->option, t->metric, &error);

  if (tornado == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tornado, (GDestroyNotify) up_tornado_free);
}

static void
tornado_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  UpUncertaintyView *self = UP_UNCERTAINTY_VIEW (source);
  TornadoData *t = g_task_get_task_data (G_TASK (result));
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(UpTornado) tornado = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->disposed)
    return;
  if (g_cancellable_is_cancelled (cancellable))
    {
      if (cancellable == self->tornado_cancel)
        g_clear_object (&self->tornado_cancel);
      return;    /* a newer one follows */
    }
  g_clear_object (&self->tornado_cancel);
  show_tornado (self, tornado, error);
  g_debug ("tornado in %.1f ms", (g_get_monotonic_time () - t->started) / 1000.0);
}

/* Two projections per uncertain input: on a worker, on a copy of the plan; a newer
 * request drops the one running. */
static void
refresh_tornado (UpUncertaintyView *self)
{
  UpPlan *plan = get_plan (self);
  g_autoptr(GTask) task = NULL;
  TornadoData *t;

  if (self->tornado_cancel != NULL)
    g_cancellable_cancel (self->tornado_cancel);
  g_clear_object (&self->tornado_cancel);
  if (plan == NULL)
    return;
  self->tornado_cancel = g_cancellable_new ();
  t = g_new0 (TornadoData, 1);
  t->plan = up_plan_copy (plan);
  t->option = g_strdup (selected_option_id (self, self->tornado_option));
  t->metric = tornado_metric (self);
  t->started = g_get_monotonic_time ();
  task = g_task_new (self, self->tornado_cancel, tornado_done, NULL);
  g_task_set_source_tag (task, refresh_tornado);
  g_task_set_task_data (task, t, tornado_data_free);
  g_task_run_in_thread (task, tornado_thread);
}

/* ---- Probabilistic analysis: results ---------------------------------------------- */

static void show_fans (UpUncertaintyView *self);

static void
fan_choice_changed (GObject           *drop,
                    GParamSpec        *pspec,
                    UpUncertaintyView *self)
{
  self->fan_chosen = TRUE;
  show_fans (self);
}

static void
show_fans (UpUncertaintyView *self)
{
  const UpPsa *psa = self->live_psa != NULL ? self->live_psa : self->psa;
  const UpModel *model;
  const char *id = selected_option_id (self, self->fan_option);
  int option = -1;

  if (psa != NULL)
    {
      model = up_psa_get_model (psa);
      for (int o = 0; o < up_model_get_n_options (model); o++)
        if (g_strcmp0 (up_model_get_option_id (model, o), id) == 0)
          option = o;
    }
  up_unc_chart_set_fan (self->fan_crisis, option >= 0 ? psa : NULL, UP_PSA_CRISIS_COST, option);
  up_unc_chart_set_fan (self->fan_net, option >= 0 ? psa : NULL, UP_PSA_CUM_NET, option);
  chart_changed (self->fan_crisis_area, self->fan_crisis);
  chart_changed (self->fan_net_area, self->fan_net);
}

static void
show_results (UpUncertaintyView *self)
{
  const UpPsa *psa = self->psa;
  const UpModel *model;
  const char *currency;
  int n_options, bau, K, col;
  const char *headings[] = {
    N_("Option"), N_("Measure"), N_("Mean"), N_("SD"), N_("2.5%"), N_("Median"), N_("97.5%"),
  };
  int years[12];
  int n_years = 0;

  clear_grid (self->summary_grid);
  clear_grid (self->cheapest_grid);
  clear_grid (self->saving_grid);
  gtk_widget_set_visible (self->results_box, psa != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), psa != NULL);
  show_fans (self);
  if (psa == NULL)
    return;

  model = up_psa_get_model (psa);
  currency = up_model_get_currency (model);
  n_options = up_model_get_n_options (model);
  bau = up_model_get_bau_index (model);
  K = up_model_get_n_cycles (model);

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (self->summary_grid, cell (_(headings[c]), c > 1, TRUE), c, 0, 1, 1);
  {
    int r = 1;

    for (int o = 0; o < n_options; o++)
      {
        if (o == bau)
          continue;
        for (guint m = 0; m < G_N_ELEMENTS (summary_metrics); m++)
          {
            const UpPsaSummary *s = up_psa_get_summary (psa, o, summary_metrics[m]);
            g_autofree char *mean = format_metric (summary_metrics[m], s->mean, currency);
            g_autofree char *sd = NULL;
            g_autofree char *p025 = format_metric (summary_metrics[m], s->p025, currency);
            g_autofree char *p50 = format_metric (summary_metrics[m], s->p50, currency);
            g_autofree char *p975 = format_metric (summary_metrics[m], s->p975, currency);
            GtkWidget *mean_cell;

            if (summary_metrics[m] == UP_METRIC_BREAK_EVEN_YEAR)
              sd = isfinite (s->sd) ? g_strdup_printf ("%.1f", s->sd) : g_strdup ("—");
            else
              sd = format_metric (summary_metrics[m], s->sd, currency);
            if (summary_metrics[m] == UP_METRIC_BREAK_EVEN_YEAR && s->n == 0)
              {
                g_free (mean);
                /* translators: it never breaks even, in any sample */
                mean = g_strdup (_("Never"));
              }
            else if (summary_metrics[m] == UP_METRIC_BREAK_EVEN_YEAR
                     && s->n < up_psa_get_n_valid (psa))
              {
                g_autofree char *share = up_format_percent (
                  1.0 - (double) s->n / MAX (1, up_psa_get_n_valid (psa)));
                /* translators: a break-even year, then the share of samples where it never breaks
                 * even */
                g_autofree char *t = g_strdup_printf (_("%s (%s never)"), mean, share);

                g_free (mean);
                mean = g_steal_pointer (&t);
              }
            if (m == 0)
              {
                GtkWidget *name = cell (up_model_get_option_name (model, o), FALSE, FALSE);

                gtk_widget_add_css_class (name, "heading");
                gtk_grid_attach (self->summary_grid, name, 0, r, 1, 1);
              }
            gtk_grid_attach (self->summary_grid,
                             cell (_(up_metric_get_label (summary_metrics[m])), FALSE, FALSE),
                             1, r, 1, 1);
            mean_cell = cell (mean, TRUE, FALSE);
            if (summary_metrics[m] == UP_METRIC_NPBI)
              gtk_widget_set_name (mean_cell, g_strdup_printf ("mean-npbi-%s",
                                                               up_model_get_option_id (model, o)));
            gtk_grid_attach (self->summary_grid, mean_cell, 2, r, 1, 1);
            gtk_grid_attach (self->summary_grid, cell (sd, TRUE, FALSE), 3, r, 1, 1);
            gtk_grid_attach (self->summary_grid, cell (p025, TRUE, FALSE), 4, r, 1, 1);
            gtk_grid_attach (self->summary_grid, cell (p50, TRUE, FALSE), 5, r, 1, 1);
            gtk_grid_attach (self->summary_grid, cell (p975, TRUE, FALSE), 6, r, 1, 1);
            r++;
          }
      }
  }

  /* the answer in one sentence: the option most often cheapest, and when it pays */
  {
    int best = -1;
    g_autofree char *p = NULL;
    GString *line = g_string_new (NULL);

    for (int o = 0; o < n_options; o++)
      if (best < 0 || up_psa_get_prob_cheapest (psa, o) > up_psa_get_prob_cheapest (psa, best))
        best = o;
    p = up_format_percent (up_psa_get_prob_cheapest (psa, best));
    g_string_append_printf (line,
                            /* translators: an option, then a share of samples */
                            _("%s is the cheapest for the public purse in %s of samples."),
                            up_model_get_option_name (model, best), p);
    if (best != bau)
      {
        int half = 0;
        g_autofree char *last = up_format_percent (up_psa_get_prob_saving (psa, best, K));

        for (int k = 1; k <= K && half == 0; k++)
          if (up_psa_get_prob_saving (psa, best, k) >= 0.5)
            half = k;
        g_string_append_c (line, ' ');
        if (half > 0)
          g_string_append_printf (line,
                                  /* translators: a year, then a share and a year */
                                  _("It has more likely than not paid for itself by %d, and "
                                    "has done so by %d in %s of samples."),
                                  up_model_get_start_year (model) + half - 1,
                                  up_model_get_start_year (model) + K - 1, last);
        else
          g_string_append_printf (line,
                                  /* translators: a year, then a share of samples */
                                  _("By %d it has paid for itself in only %s of samples."),
                                  up_model_get_start_year (model) + K - 1, last);
      }
    gtk_label_set_text (self->headline, line->str);
    g_string_free (line, TRUE);
    if (!self->fan_chosen && best != bau && self->option_ids != NULL)
      for (guint i = 0; self->option_ids[i] != NULL; i++)
        if (g_str_equal (self->option_ids[i], up_model_get_option_id (model, best)))
          {
            g_signal_handlers_block_by_func (self->fan_option, fan_choice_changed, self);
            gtk_drop_down_set_selected (self->fan_option, i);
            g_signal_handlers_unblock_by_func (self->fan_option, fan_choice_changed, self);
            show_fans (self);
          }
  }

  /* chance of being cheapest */
  gtk_grid_attach (self->cheapest_grid, cell (_("Option"), FALSE, TRUE), 0, 0, 1, 1);
  gtk_grid_attach (self->cheapest_grid, cell (_("Chance cheapest"), TRUE, TRUE), 1, 0, 1, 1);
  for (int o = 0; o < n_options; o++)
    {
      g_autofree char *p = up_format_percent (up_psa_get_prob_cheapest (psa, o));

      gtk_grid_attach (self->cheapest_grid, cell (up_model_get_option_name (model, o), FALSE, FALSE),
                       0, o + 1, 1, 1);
      gtk_grid_attach (self->cheapest_grid, cell (p, TRUE, FALSE), 1, o + 1, 1, 1);
    }

  /* chance of having paid for itself, at a few years */
  for (int k = 1; k <= K && n_years < 8; k++)
    if (k <= 3 || k == 5 || k == 7 || k == 10 || k == 15 || k == 20 || k == 30 || k == K)
      years[n_years++] = k;
  if (n_years > 0 && years[n_years - 1] != K)
    years[n_years - 1] = K;
  gtk_grid_attach (self->saving_grid, cell (_("Option"), FALSE, TRUE), 0, 0, 1, 1);
  for (int y = 0; y < n_years; y++)
    {
      g_autofree char *t = g_strdup_printf ("%d", up_model_get_start_year (model) + years[y] - 1);

      gtk_grid_attach (self->saving_grid, cell (t, TRUE, TRUE), y + 1, 0, 1, 1);
    }
  col = 1;
  for (int o = 0; o < n_options; o++)
    {
      if (o == bau)
        continue;
      gtk_grid_attach (self->saving_grid, cell (up_model_get_option_name (model, o), FALSE, FALSE),
                       0, col, 1, 1);
      for (int y = 0; y < n_years; y++)
        {
          g_autofree char *p = up_format_percent (up_psa_get_prob_saving (psa, o, years[y]));

          gtk_grid_attach (self->saving_grid, cell (p, TRUE, FALSE), y + 1, col, 1, 1);
        }
      col++;
    }
}

/* ---- Probabilistic analysis: running ---------------------------------------------- */

typedef struct
{
  UpPlan       *plan;
  UpPsaOptions  options;
  gboolean      live;
  gboolean      superseded;   /* cancelled for a newer run, not by the user */
  gint         *progress;   /* the view's atomic counter, full runs only */
  gint64        started;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  g_clear_object (&run->plan);
  g_free (run);
}

static void
run_progress (guint64  done,
              guint64  total,
              gpointer user_data)
{
  gint *progress = user_data;

  g_atomic_int_set (progress, (gint) (1000.0 * done / MAX (total, 1)));
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *run = task_data;
  GError *error = NULL;
  UpPsa *psa = up_psa_run (run->plan, NULL, &run->options, cancellable, &error);

  if (psa == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, psa, (GDestroyNotify) up_psa_free);
}

static gboolean
poll_progress (gpointer user_data)
{
  UpUncertaintyView *self = user_data;

  gtk_progress_bar_set_fraction (self->progress,
                                 g_atomic_int_get (&self->progress_done) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
set_running (UpUncertaintyView *self,
             gboolean           running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  if (running && self->progress_source == 0)
    self->progress_source = g_timeout_add (100, poll_progress, self);
  if (!running)
    g_clear_handle_id (&self->progress_source, g_source_remove);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  UpUncertaintyView *self = UP_UNCERTAINTY_VIEW (source);
  RunData *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  UpPsa *psa = g_task_propagate_pointer (G_TASK (result), &error);
  gint64 elapsed = g_get_monotonic_time () - run->started;

  if (self->disposed)
    {
      g_clear_pointer (&psa, up_psa_free);
      return;
    }

  if (run->live)
    {
      if (g_task_get_cancellable (G_TASK (result)) == self->live_cancel)
        g_clear_object (&self->live_cancel);
      if (psa == NULL)
        return;    /* stale or failed: a newer run, or the full one, follows */
      g_clear_pointer (&self->live_psa, up_psa_free);
      self->live_psa = psa;
      show_fans (self);
      self->live_time = g_get_monotonic_time () - run->started;
      g_debug ("live refresh of %d samples: %.1f ms", LIVE_SAMPLES, self->live_time / 1000.0);
      return;
    }

  if (g_task_get_cancellable (G_TASK (result)) != self->run_cancel)
    return;     /* superseded by a newer full run, which is running */
  g_clear_object (&self->run_cancel);
  self->run_data = NULL;
  set_running (self, FALSE);
  if (psa == NULL && run->superseded)
    return;     /* the plan changed: the results shown stay until the next run ends */
  if (psa == NULL)
    {
      g_clear_pointer (&self->psa, up_psa_free);
      g_clear_pointer (&self->live_psa, up_psa_free);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status, _("Cancelled. No results are shown."));
      else
        {
          g_autofree char *t = g_strdup_printf (_("The analysis could not run: %s"),
                                                error->message);

          gtk_label_set_text (self->status, t);
        }
      show_results (self);
      return;
    }

  g_clear_pointer (&self->psa, up_psa_free);
  g_clear_pointer (&self->live_psa, up_psa_free);
  self->psa = psa;
  self->psa_stale = FALSE;
  {
    g_autofree char *n = up_format_number ((double) up_psa_get_n_valid (psa), 0);
    g_autofree char *t = NULL;

    if (up_psa_get_n_invalid (psa) > 0)
      {
        g_autofree char *bad = up_format_number ((double) up_psa_get_n_invalid (psa), 0);

        t = g_strdup_printf (_("%s samples, seed %" G_GUINT64_FORMAT ", in %.2f s; %s samples "
                               "broke a rule of the plan and were left out."),
                             n, up_psa_get_seed (psa), elapsed / 1e6, bad);
      }
    else
      t = g_strdup_printf (_("%s samples, seed %" G_GUINT64_FORMAT ", in %.2f s."),
                           n, up_psa_get_seed (psa), elapsed / 1e6);
    gtk_label_set_text (self->status, t);
  }
  show_results (self);
}

static void
start_run (UpUncertaintyView *self,
           gboolean           live)
{
  UpPlan *plan = get_plan (self);
  g_autoptr(GTask) task = NULL;
  RunData *run;
  GCancellable **slot = live ? &self->live_cancel : &self->run_cancel;

  if (plan == NULL)
    return;
  /* a newer run makes the running one stale */
  if (!live && self->run_data != NULL)
    ((RunData *) self->run_data)->superseded = TRUE;
  if (*slot != NULL)
    g_cancellable_cancel (*slot);
  g_clear_object (slot);
  if (!live && self->live_cancel != NULL)
    {
      g_cancellable_cancel (self->live_cancel);
      g_clear_object (&self->live_cancel);
    }
  *slot = g_cancellable_new ();

  run = g_new0 (RunData, 1);
  run->plan = up_plan_copy (plan);
  run->live = live;
  run->started = g_get_monotonic_time ();
  run->options.n_samples = live ? LIVE_SAMPLES : (guint64) gtk_spin_button_get_value (self->samples);
  run->options.seed = (guint64) gtk_spin_button_get_value (self->seed);
  /* a small run is quicker on one thread than shared out */
  run->options.n_threads = live ? 1 : g_get_num_processors ();
  run->options.keep_samples = !live;
  if (!live)
    {
      g_atomic_int_set (&self->progress_done, 0);
      run->options.progress = run_progress;
      run->options.progress_data = &self->progress_done;
      gtk_progress_bar_set_fraction (self->progress, 0);
      {
        g_autofree char *n = up_format_number ((double) run->options.n_samples, 0);
        /* translators: a number of samples, then of processor cores */
        g_autofree char *t = g_strdup_printf (_("Running %s samples on %u cores…"), n,
                                              run->options.n_threads);

        gtk_label_set_text (self->status, t);
      }
      set_running (self, TRUE);
    }

  if (!live)
    self->run_data = run;
  task = g_task_new (self, *slot, run_done, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, run, run_data_free);
  g_task_run_in_thread (task, run_thread);
}

static void
run_clicked (GtkButton         *button,
             UpUncertaintyView *self)
{
  self->ran_full = TRUE;
  g_clear_handle_id (&self->pause_source, g_source_remove);
  start_run (self, FALSE);
}

static void
cancel_clicked (GtkButton         *button,
                UpUncertaintyView *self)
{
  if (self->run_cancel != NULL)
    g_cancellable_cancel (self->run_cancel);
  g_clear_handle_id (&self->pause_source, g_source_remove);
}

static gboolean
pause_elapsed (gpointer user_data)
{
  UpUncertaintyView *self = user_data;

  self->pause_source = 0;
  start_run (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* ---- Export ----------------------------------------------------------------------- */

static void
export_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UpUncertaintyView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *t = g_strdup_printf (_("Could not save the samples: %s"), error->message);

      toast (self, t);
      return;
    }
  toast (self, _("Samples saved"));
}

static void
export_response (GtkNativeDialog   *dialog,
                 int                response,
                 UpUncertaintyView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GOutputStream) mem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->psa != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      mem = g_memory_output_stream_new_resizable ();
      if (!up_psa_write_samples_csv (self->psa, mem, NULL, &error)
          || !g_output_stream_close (mem, NULL, &error))
        {
          g_autofree char *t = g_strdup_printf (_("Could not write the samples: %s"),
                                                error->message);

          toast (self, t);
        }
      else
        {
          bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
          g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                               G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                               export_written, g_object_ref (self));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_clicked (GtkButton         *button,
                UpUncertaintyView *self)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = gtk_file_chooser_native_new (_("Export Samples"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("samples.csv"));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}


/* ---- Saving a chart --------------------------------------------------------------- */

static void
chart_written (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(UpUncertaintyView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *t = g_strdup_printf (_("Could not save the chart: %s"), error->message);

      toast (self, t);
      return;
    }
  toast (self, _("Chart saved"));
}

static void
chart_save_response (GtkNativeDialog   *dialog,
                     int                response,
                     UpUncertaintyView *self)
{
  UpUncChart *chart = g_object_get_data (G_OBJECT (dialog), "chart");

  if (response == GTK_RESPONSE_ACCEPT && !self->disposed && up_unc_chart_has_data (chart))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);
      const char *dot = strrchr (name, '.');
      const char *format = "png";
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      UpChartTheme theme;

      if (dot != NULL && (g_ascii_strcasecmp (dot, ".svg") == 0 || g_ascii_strcasecmp (dot, ".pdf") == 0))
        format = g_ascii_strcasecmp (dot, ".svg") == 0 ? "svg" : "pdf";
      /* light, on white, whatever the window's style; the widget restyles at its next draw */
      up_chart_theme_init (&theme, FALSE, FALSE);
      up_unc_chart_set_theme (chart, &theme);
      bytes = up_unc_chart_render (chart, format, 1200, 700, &error);
      if (bytes == NULL)
        {
          g_autofree char *t = g_strdup_printf (_("Could not save the chart: %s"), error->message);

          toast (self, t);
        }
      else
        g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                             G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                             chart_written, g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
chart_save_clicked (GtkButton         *button,
                    UpUncertaintyView *self)
{
  UpUncChart *chart = g_object_get_data (G_OBJECT (button), "chart");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  if (!up_unc_chart_has_data (chart))
    {
      toast (self, _("There is no chart to save yet"));
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Save Chart"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     g_object_get_data (G_OBJECT (button), "file-name"));
  g_object_set_data (G_OBJECT (dialog), "chart", chart);
  g_signal_connect (dialog, "response", G_CALLBACK (chart_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* "Save Chart…": PNG, SVG or PDF by the name's ending. */
static GtkWidget *
chart_save_button (UpUncertaintyView *self,
                   UpUncChart        *chart,
                   const char        *label,
                   const char        *file_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, _("Save the chart as a picture: PNG, SVG or PDF, "
                                         "by the ending of the file's name"));
  g_object_set_data (G_OBJECT (button), "chart", chart);
  g_object_set_data_full (G_OBJECT (button), "file-name", g_strdup (file_name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (chart_save_clicked), self);
  return button;
}

/* ---- Session ---------------------------------------------------------------------- */

static void
fill_option_dropdowns (UpUncertaintyView *self)
{
  UpPlan *plan = get_plan (self);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_auto(GStrv) old = g_steal_pointer (&self->option_ids);
  guint n, t_sel, f_sel;

  t_sel = gtk_drop_down_get_selected (self->tornado_option);
  f_sel = gtk_drop_down_get_selected (self->fan_option);
  if (plan != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_options (plan)));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(UpOption) o = g_list_model_get_item (G_LIST_MODEL (up_plan_get_options (plan)), i);

          if (up_option_get_kind (o) == UP_OPTION_BAU)
            continue;
          g_strv_builder_add (ids, up_item_get_id (UP_ITEM (o)));
          gtk_string_list_append (names, up_item_get_name (UP_ITEM (o)));
        }
    }
  self->option_ids = g_strv_builder_end (ids);
  if (old != NULL && g_strv_equal ((const char *const *) old,
                                   (const char *const *) self->option_ids))
    return;
  g_signal_handlers_block_matched (self->tornado_option, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_block_matched (self->fan_option, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->tornado_option, G_LIST_MODEL (names));
  gtk_drop_down_set_model (self->fan_option, G_LIST_MODEL (names));
  if (old != NULL && t_sel < g_strv_length (self->option_ids))
    gtk_drop_down_set_selected (self->tornado_option, t_sel);
  if (old != NULL && f_sel < g_strv_length (self->option_ids))
    gtk_drop_down_set_selected (self->fan_option, f_sel);
  g_signal_handlers_unblock_matched (self->tornado_option, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_unblock_matched (self->fan_option, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
refresh_all (UpUncertaintyView *self)
{
  fill_option_dropdowns (self);
  rebuild_distributions (self, FALSE);
  refresh_tornado (self);
}

static void
results_changed (UpPlanSession     *session,
                 UpUncertaintyView *self)
{
  refresh_all (self);
  if (!self->ran_full)
    return;
  self->psa_stale = TRUE;
  if (self->psa != NULL)
    gtk_label_set_text (self->status, _("The plan has changed: the analysis will run again "
                                        "when you pause."));
  /* live: a small run now (dropping a stale one), the full one after a pause */
  if (self->run_cancel != NULL)
    {
      ((RunData *) self->run_data)->superseded = TRUE;
      g_cancellable_cancel (self->run_cancel);
    }
  start_run (self, TRUE);
  g_clear_handle_id (&self->pause_source, g_source_remove);
  self->pause_source = g_timeout_add (PAUSE_MS, pause_elapsed, self);
}

static void
plan_replaced (UpPlanSession     *session,
               UpUncertaintyView *self)
{
  if (self->run_cancel != NULL)
    {
      ((RunData *) self->run_data)->superseded = TRUE;
      g_cancellable_cancel (self->run_cancel);
    }
  if (self->live_cancel != NULL)
    g_cancellable_cancel (self->live_cancel);
  g_clear_handle_id (&self->pause_source, g_source_remove);
  g_clear_pointer (&self->psa, up_psa_free);
  g_clear_pointer (&self->live_psa, up_psa_free);
  self->ran_full = FALSE;
  self->fan_chosen = FALSE;
  gtk_label_set_text (self->status, _("Not run yet."));
  g_clear_pointer (&self->option_ids, g_strfreev);
  rebuild_distributions (self, TRUE);
  fill_option_dropdowns (self);
  refresh_tornado (self);
  show_results (self);
}

UpPlanSession *
up_uncertainty_view_get_session (UpUncertaintyView *self)
{
  g_return_val_if_fail (UP_IS_UNCERTAINTY_VIEW (self), NULL);
  return self->session;
}

void
up_uncertainty_view_set_session (UpUncertaintyView *self,
                                 UpPlanSession     *session)
{
  g_return_if_fail (UP_IS_UNCERTAINTY_VIEW (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->results_id, self->session);
      g_clear_signal_handler (&self->replaced_id, self->session);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      self->results_id = g_signal_connect (session, "results-changed",
                                           G_CALLBACK (results_changed), self);
      self->replaced_id = g_signal_connect (session, "plan-replaced",
                                            G_CALLBACK (plan_replaced), self);
      plan_replaced (session, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const UpPsa *
up_uncertainty_view_get_psa (UpUncertaintyView *self)
{
  return self->psa;
}

gboolean
up_uncertainty_view_is_running (UpUncertaintyView *self)
{
  return self->run_cancel != NULL || self->live_cancel != NULL || self->tornado_cancel != NULL;
}

UpUncChart *
up_uncertainty_view_get_tornado_chart (UpUncertaintyView *self)
{
  return self->tornado_chart;
}

gint64
up_uncertainty_view_get_live_time (UpUncertaintyView *self)
{
  return self->live_time;
}

/* ---- Construction ----------------------------------------------------------------- */

static GtkWidget *
section (UpUncertaintyView *self,
         const char        *title,
         const char        *blurb)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *text = gtk_label_new (blurb);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (self->content, box);
  return box;
}

static GtkWidget *
labelled (const char *mnemonic,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static GtkGrid *
table_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  return GTK_GRID (grid);
}

static void
tornado_choice_changed (GObject           *drop,
                        GParamSpec        *pspec,
                        UpUncertaintyView *self)
{
  refresh_tornado (self);
}



static void
build (UpUncertaintyView *self)
{
  GtkWidget *box, *row, *popover, *pop_box, *scroll, *frame, *charts, *tables, *left, *right;
  g_autoptr(GtkStringList) metrics = gtk_string_list_new (NULL);
  GtkWidget *heading, *inputs;

  /* inputs (moved last below: a board reads the answer first, the assumptions after) */
  inputs = box = section (self, _("Uncertain Inputs"),
                 _("Each uncertain input has a distribution: a 95% range is fitted to the usual "
                   "family for its kind (beta for shares, gamma for money, lognormal for "
                   "relative effects)."));
  self->dist_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->dist_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->dist_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dist_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Uncertain inputs"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->dist_list));

  self->add_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (self->add_button, _("_Add Uncertainty…"));
  gtk_menu_button_set_use_underline (self->add_button, TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->add_button), GTK_ALIGN_START);
  gtk_widget_set_name (GTK_WIDGET (self->add_button), "add");
  popover = gtk_popover_new ();
  pop_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->add_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the plan's inputs"), -1);
  g_signal_connect (self->add_search, "search-changed", G_CALLBACK (add_search_changed), self);
  self->add_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->add_list), "add-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Inputs of the plan"), -1);
  gtk_list_box_set_filter_func (self->add_list, add_filter, self, NULL);
  g_signal_connect (self->add_list, "row-activated", G_CALLBACK (add_row_activated), self);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 320);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroll), 380);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->add_list));
  gtk_box_append (GTK_BOX (pop_box), GTK_WIDGET (self->add_search));
  gtk_box_append (GTK_BOX (pop_box), scroll);
  gtk_popover_set_child (GTK_POPOVER (popover), pop_box);
  g_signal_connect (popover, "show", G_CALLBACK (add_popover_shown), self);
  gtk_menu_button_set_popover (self->add_button, popover);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_button));

  /* tornado */
  box = section (self, _("What Moves the Result Most"),
                 _("Each uncertain input alone at its low and then its high value, the others "
                   "at the plan's values."));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  self->tornado_option = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_name (GTK_WIDGET (self->tornado_option), "tornado-option");
  gtk_box_append (GTK_BOX (row), labelled (_("_Option"), GTK_WIDGET (self->tornado_option)));
  for (guint i = 0; i < G_N_ELEMENTS (tornado_metrics); i++)
    gtk_string_list_append (metrics, _(up_metric_get_label (tornado_metrics[i])));
  self->tornado_metric = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&metrics)),
                                                           NULL));
  gtk_widget_set_name (GTK_WIDGET (self->tornado_metric), "tornado-metric");
  gtk_box_append (GTK_BOX (row), labelled (_("_Measure"), GTK_WIDGET (self->tornado_metric)));
  gtk_box_append (GTK_BOX (box), row);
  self->tornado_chart = up_unc_chart_new (UP_UNC_CHART_TORNADO);
  {
    GtkWidget *save = chart_save_button (self, self->tornado_chart, _("Save C_hart…"),
                                         _("tornado.png"));

    gtk_widget_set_hexpand (save, TRUE);
    gtk_widget_set_halign (save, GTK_ALIGN_END);
    gtk_box_append (GTK_BOX (row), save);
  }
  g_signal_connect (self->tornado_option, "notify::selected", G_CALLBACK (tornado_choice_changed), self);
  g_signal_connect (self->tornado_metric, "notify::selected", G_CALLBACK (tornado_choice_changed), self);

  self->tornado_area = chart_area (self->tornado_chart, 300, _("Tornado chart"));
  gtk_box_append (GTK_BOX (box), self->tornado_area);
  self->tornado_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->tornado_note, 0);
  gtk_label_set_wrap (self->tornado_note, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->tornado_note));
  self->tornado_grid = table_grid ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->tornado_grid));

  /* probabilistic analysis */
  box = section (self, _("How Sure Are We?"),
                 _("Every uncertain input drawn at once, many times over: the spread of the "
                   "results, and the chance each option is cheapest or has paid for itself."));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->samples = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (100, UP_PSA_MAX_SAMPLES, 100));
  gtk_spin_button_set_value (self->samples, UP_PSA_DEFAULT_SAMPLES);
  gtk_widget_set_name (GTK_WIDGET (self->samples), "samples");
  gtk_box_append (GTK_BOX (row), labelled (_("_Samples"), GTK_WIDGET (self->samples)));
  self->seed = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 2147483647, 1));
  gtk_spin_button_set_value (self->seed, 1);
  gtk_widget_set_name (GTK_WIDGET (self->seed), "seed");
  gtk_box_append (GTK_BOX (row), labelled (_("S_eed"), GTK_WIDGET (self->seed)));
  self->run_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Run Analysis")));
  gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
  gtk_widget_set_name (GTK_WIDGET (self->run_button), "run");
  g_signal_connect (self->run_button, "clicked", G_CALLBACK (run_clicked), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->run_button));
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_widget_set_name (GTK_WIDGET (self->cancel_button), "cancel");
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->cancel_button));
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress of the analysis"), -1);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->progress));
  self->export_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("E_xport Samples CSV…")));
  gtk_widget_set_name (GTK_WIDGET (self->export_button), "export");
  gtk_widget_set_halign (GTK_WIDGET (self->export_button), GTK_ALIGN_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->export_button), TRUE);
  g_signal_connect (self->export_button, "clicked", G_CALLBACK (export_clicked), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->export_button));
  gtk_box_append (GTK_BOX (box), row);
  self->status = GTK_LABEL (gtk_label_new (_("Not run yet.")));
  gtk_widget_set_name (GTK_WIDGET (self->status), "status");
  gtk_label_set_xalign (self->status, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));

  self->results_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), self->results_box);
  self->headline = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->headline), "headline");
  gtk_label_set_xalign (self->headline, 0);
  gtk_label_set_wrap (self->headline, TRUE);
  gtk_label_set_selectable (self->headline, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->headline), "headline");
  gtk_box_append (GTK_BOX (self->results_box), GTK_WIDGET (self->headline));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->fan_option = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_name (GTK_WIDGET (self->fan_option), "fan-option");
  g_signal_connect (self->fan_option, "notify::selected", G_CALLBACK (fan_choice_changed), self);
  gtk_box_append (GTK_BOX (row), labelled (_("Fan charts _for"), GTK_WIDGET (self->fan_option)));
  gtk_box_append (GTK_BOX (self->results_box), row);
  self->fan_crisis = up_unc_chart_new (UP_UNC_CHART_FAN);
  self->fan_net = up_unc_chart_new (UP_UNC_CHART_FAN);
  {
    GtkWidget *save = chart_save_button (self, self->fan_crisis, _("Save Crisis Cost Chart…"),
                                         _("crisis-cost-fan.png"));

    gtk_widget_set_hexpand (save, TRUE);
    gtk_widget_set_halign (save, GTK_ALIGN_END);
    gtk_box_append (GTK_BOX (row), save);
    gtk_box_append (GTK_BOX (row), chart_save_button (self, self->fan_net,
                                                      _("Save Net Position Chart…"),
                                                      _("net-position-fan.png")));
  }
  charts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (charts), TRUE);
  self->fan_crisis_area = chart_area (self->fan_crisis, 300, _("Fan chart of crisis cost per year"));
  self->fan_net_area = chart_area (self->fan_net, 300, _("Fan chart of the cumulative net position"));
  gtk_box_append (GTK_BOX (charts), self->fan_crisis_area);
  gtk_box_append (GTK_BOX (charts), self->fan_net_area);
  gtk_box_append (GTK_BOX (self->results_box), charts);

  tables = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  right = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 48);
  heading = gtk_label_new (_("Spread of the Results"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (left), heading);
  self->summary_grid = table_grid ();
  gtk_widget_set_name (GTK_WIDGET (self->summary_grid), "summary");
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->summary_grid));
  self->cheapest_grid = table_grid ();
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->cheapest_grid));
  heading = gtk_label_new (_("Chance it has paid for itself by"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (frame), heading);
  self->saving_grid = table_grid ();
  gtk_box_append (GTK_BOX (frame), GTK_WIDGET (self->saving_grid));
  gtk_box_append (GTK_BOX (right), frame);
  gtk_box_append (GTK_BOX (tables), left);
  gtk_box_append (GTK_BOX (tables), right);
  gtk_box_append (GTK_BOX (self->results_box), tables);
  gtk_widget_set_visible (self->results_box, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);

  /* the answer, what drives it, then the inputs behind it */
  gtk_box_reorder_child_after (self->content, box, NULL);
  gtk_box_reorder_child_after (self->content, inputs,
                               gtk_widget_get_last_child (GTK_WIDGET (self->content)));
}

static void
up_uncertainty_view_dispose (GObject *object)
{
  UpUncertaintyView *self = UP_UNCERTAINTY_VIEW (object);

  self->disposed = TRUE;
  if (self->run_cancel != NULL)
    g_cancellable_cancel (self->run_cancel);
  if (self->live_cancel != NULL)
    g_cancellable_cancel (self->live_cancel);
  if (self->tornado_cancel != NULL)
    g_cancellable_cancel (self->tornado_cancel);
  g_clear_handle_id (&self->pause_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  up_uncertainty_view_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), UP_TYPE_UNCERTAINTY_VIEW);
  G_OBJECT_CLASS (up_uncertainty_view_parent_class)->dispose (object);
}

static void
up_uncertainty_view_finalize (GObject *object)
{
  UpUncertaintyView *self = UP_UNCERTAINTY_VIEW (object);

  g_clear_object (&self->run_cancel);
  g_clear_object (&self->live_cancel);
  g_clear_object (&self->tornado_cancel);
  g_clear_pointer (&self->psa, up_psa_free);
  g_clear_pointer (&self->live_psa, up_psa_free);
  g_clear_pointer (&self->tornado_chart, up_unc_chart_free);
  g_clear_pointer (&self->fan_crisis, up_unc_chart_free);
  g_clear_pointer (&self->fan_net, up_unc_chart_free);
  g_clear_pointer (&self->option_ids, g_strfreev);
  g_free (self->shown_dists);
  G_OBJECT_CLASS (up_uncertainty_view_parent_class)->finalize (object);
}

static void
up_uncertainty_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  UpUncertaintyView *self = UP_UNCERTAINTY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_uncertainty_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  UpUncertaintyView *self = UP_UNCERTAINTY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      up_uncertainty_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_uncertainty_view_class_init (UpUncertaintyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_uncertainty_view_dispose;
  object_class->finalize = up_uncertainty_view_finalize;
  object_class->get_property = up_uncertainty_view_get_property;
  object_class->set_property = up_uncertainty_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UP_TYPE_PLAN_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/upstreamplanner/Upstream/ui/up-uncertainty-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UpUncertaintyView, scroller);
  gtk_widget_class_bind_template_child (widget_class, UpUncertaintyView, content);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
up_uncertainty_view_init (UpUncertaintyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build (self);
}
