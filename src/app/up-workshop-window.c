/* up-workshop-window.c: workshop mode, a plan projected to a room
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A full-screen window on the same UpPlanSession as the main window. Levers are the
 * plan's pins (up_plan_get_pins); moving one sets its parameter through the session,
 * which recomputes before the next frame, so the charts and the headline numbers follow
 * the slider while it is dragged. Scenarios are the plan's UpScenarios: switching to one
 * sets every tracked parameter (pinned, or set by any scenario) to the scenario's value,
 * or to its base value (as it was when the workshop opened) when the scenario leaves it
 * alone. Everything is one undo step per move, switch or reset.
 */

#define G_LOG_DOMAIN "up-workshop"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "up-chart.h"
#include "up-window.h"
#include "up-workshop-window.h"

/* ---- A chart with a faint comparison behind it ----------------------------------- */

#define UP_TYPE_WORKSHOP_CHART (up_workshop_chart_get_type ())
G_DECLARE_FINAL_TYPE (UpWorkshopChart, up_workshop_chart, UP, WORKSHOP_CHART, GtkWidget)

struct _UpWorkshopChart
{
  GtkWidget     parent_instance;
  UpChart      *chart;
  UpChartTheme  theme;
  gboolean      high_contrast;
  double        font_size;
  int           laid_width;
  int           laid_height;
  /* The comparison: per series of the chart, by option name, K values from ghost_year. */
  GPtrArray    *ghost_names;
  GArray       *ghost_values;
  int           ghost_cycles;
  int           ghost_year;
  guint         generation;   /* bumped by every set_data */
  guint         drawn;        /* the generation last drawn */
};

G_DEFINE_FINAL_TYPE (UpWorkshopChart, up_workshop_chart, GTK_TYPE_WIDGET)

static void
workshop_chart_update_theme (UpWorkshopChart *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = self->high_contrast || adw_style_manager_get_dark (manager);

  up_chart_theme_init (&self->theme, dark, self->high_contrast);
  if (self->high_contrast)
    {
      self->theme.foreground = (UpChartColor) { 1, 1, 1, 1 };
      self->theme.background = (UpChartColor) { 0, 0, 0, 1 };
      self->theme.grid = (UpChartColor) { 1, 1, 1, 0.35 };
      self->theme.accent = (UpChartColor) { 1, 0.84, 0, 1 };
    }
  self->theme.transparent = TRUE;
  self->theme.font_size = self->font_size;
  up_chart_set_theme (self->chart, &self->theme);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw_ghost (UpWorkshopChart *self,
            cairo_t         *cr)
{
  UpChartRect rect;
  int n_series;

  if (self->ghost_names == NULL || self->ghost_names->len == 0 ||
      !up_chart_get_panel_rect (self->chart, 0, &rect))
    return;
  n_series = up_chart_get_n_series (self->chart);
  cairo_save (cr);
  cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
  cairo_clip (cr);
  cairo_set_line_width (cr, 7.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int s = 0; s < n_series; s++)
    {
      const char *name = up_chart_get_series_name (self->chart, s);
      UpChartColor color;

      if (!up_chart_get_series_visible (self->chart, s))
        continue;
      for (guint g = 0; g < self->ghost_names->len; g++)
        {
          const double *values;

          if (g_strcmp0 (name, self->ghost_names->pdata[g]) != 0)
            continue;
          values = &g_array_index (self->ghost_values, double, (gsize) g * self->ghost_cycles);
          up_chart_get_series_color (self->chart, s, &color);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.3);
          for (int k = 0; k < self->ghost_cycles; k++)
            {
              double x = up_chart_x_for_year (self->chart, 0, self->ghost_year + k);
              double y = up_chart_position_for_value (self->chart, 0, values[k]);

              if (!isfinite (x) || !isfinite (y))
                continue;
              if (k == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

static void
up_workshop_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  UpWorkshopChart *self = UP_WORKSHOP_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double font_size = CLAMP (height / 20.0, 15.0, 24.0);
  cairo_t *cr;

  if (!up_chart_has_data (self->chart) || width <= 0 || height <= 0)
    return;
  if (font_size != self->font_size)
    {
      self->font_size = font_size;
      workshop_chart_update_theme (self);
    }
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
  self->drawn = self->generation;
}

static void
up_workshop_chart_finalize (GObject *object)
{
  UpWorkshopChart *self = UP_WORKSHOP_CHART (object);

  g_clear_pointer (&self->chart, up_chart_free);
  g_clear_pointer (&self->ghost_names, g_ptr_array_unref);
  g_clear_pointer (&self->ghost_values, g_array_unref);
  G_OBJECT_CLASS (up_workshop_chart_parent_class)->finalize (object);
}

static void
up_workshop_chart_class_init (UpWorkshopChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = up_workshop_chart_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = up_workshop_chart_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "workshopchart");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
up_workshop_chart_init (UpWorkshopChart *self)
{
  self->font_size = 18.0;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 200, 160);
}

static UpWorkshopChart *
workshop_chart_new (UpChartKind kind)
{
  UpWorkshopChart *self = g_object_new (UP_TYPE_WORKSHOP_CHART, NULL);

  self->chart = up_chart_new (kind);
  workshop_chart_update_theme (self);
  return self;
}

static void
workshop_chart_set_data (UpWorkshopChart *self,
                         const UpModel   *model,
                         const UpResults *results,
                         gboolean         describe)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  up_chart_set_data (self->chart, model, results, NULL);
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* The words for screen readers once a drag ends, not at every frame of it. */
  if (!describe)
    return;
  title = up_chart_get_title (self->chart);
  description = up_chart_describe (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The lines the chart would draw for these results, kept by option name. */
static void
workshop_chart_set_ghost (UpWorkshopChart *self,
                          const UpModel   *model,
                          const UpResults *results)
{
  int K, H;

  g_clear_pointer (&self->ghost_names, g_ptr_array_unref);
  g_clear_pointer (&self->ghost_values, g_array_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (model == NULL || results == NULL)
    return;
  K = results->n_cycles;
  H = results->n_holders;
  self->ghost_cycles = K;
  self->ghost_year = up_model_get_start_year (model);
  self->ghost_names = g_ptr_array_new_with_free_func (g_free);
  self->ghost_values = g_array_new (FALSE, TRUE, sizeof (double));
  for (int o = 0; o < results->n_options; o++)
    {
      gboolean net = up_chart_get_kind (self->chart) == UP_CHART_NET;

      if (net && o == up_model_get_bau_index (model))
        continue;
      g_ptr_array_add (self->ghost_names, g_strdup (up_model_get_option_name (model, o)));
      for (int k = 1; k <= K; k++)
        {
          double v = 0.0;

          if (net)
            v = results->cum_net[(gsize) o * K + k - 1];
          else
            for (int h = 0; h < H; h++)
              if (up_model_get_holder_public (model, h))
                v += up_results_cost (results, o, k, h, UP_COST_CRISIS);
          g_array_append_val (self->ghost_values, v);
        }
    }
}

/* ---- Levers ----------------------------------------------------------------------- */

typedef struct
{
  UpWorkshopWindow *window;
  char             *path;
  double            min;
  double            max;
  double            step;
  UpUnit            unit;
  GtkWidget        *box;
  GtkLabel         *name_label;
  GtkLabel         *value_label;
  GtkRange         *scale;
  char             *name;
  gboolean          available;
} Lever;

static void
lever_free (gpointer data)
{
  Lever *lever = data;

  g_free (lever->path);
  g_free (lever->name);
  g_free (lever);
}

struct _UpWorkshopWindow
{
  AdwWindow         parent_instance;

  /* template widgets */
  GtkOverlay       *overlay;
  GtkLabel         *title_label;
  GtkMenuButton    *save_button;
  GtkPopover       *save_popover;
  GtkEntry         *name_entry;
  GtkDropDown      *compare_dropdown;
  GtkBox           *scenario_box;
  GtkBox           *headline_box;
  GtkBox           *chart_box;
  GtkBox           *lever_box;
  GtkWidget        *blank;

  UpWorkshopChart  *net_chart;
  UpWorkshopChart  *crisis_chart;
  GtkLabel         *ghost_label;

  UpPlanSession    *session;
  UpPlan           *plan;          /* watched: its pin and scenario stores */
  GPtrArray        *levers;        /* Lever */
  GHashTable       *base;          /* path → double*, values when the workshop opened */
  int               selected;      /* lever index, or -1 */
  int               scenario;      /* scenario index last switched to, -1 for the base */
  int               compare;       /* scenario index drawn faintly, or -1 */
  int               n_cards;
  UpResults        *ghost;
  UpModel          *ghost_model;
  gboolean          high_contrast;
  gboolean          dragging;
  guint             updating;
  char             *screenshot;
};

G_DEFINE_FINAL_TYPE (UpWorkshopWindow, up_workshop_window, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_HIGH_CONTRAST, N_PROPS };
static GParamSpec *props[N_PROPS];

static void results_changed_cb (UpWorkshopWindow *self);

/* ---- Formatting ------------------------------------------------------------------- */

static char *
format_param (UpUnit      unit,
              double      value,
              double      step,
              const char *currency)
{
  int decimals = 0;

  if (step > 0 && step < 1)
    decimals = CLAMP ((int) ceil (-log10 (step) - 1e-9), 0, 4);
  switch (unit)
    {
    case UP_UNIT_MONEY:
      /* Short money reads at a distance: £150k, not £150,000. */
      return up_format_money_short (value, currency);
    case UP_UNIT_FRACTION:
    case UP_UNIT_RATE:
      return up_format_percent (value);
    case UP_UNIT_YEAR:
      return g_strdup_printf ("%.0f", value);
    case UP_UNIT_CYCLES:
      /* translators: a number of years, on a workshop lever */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years",
                                           (gulong) fabs (round (value))),
                              (int) round (value));
    case UP_UNIT_RATIO:
      {
        g_autofree char *number = up_format_number (value, MAX (decimals, 2));

        /* translators: a relative risk or other ratio, as in "× 0.70" */
        return g_strdup_printf (_("× %s"), number);
      }
    default:
      return up_format_number (value, decimals);
    }
}

static const char *
plan_currency (UpWorkshopWindow *self)
{
  const char *currency = up_plan_get_currency (self->plan);

  return currency != NULL ? currency : "GBP";
}

/* "Take-up · Peer network": the parameter's label and the object it belongs to. */
static char *
describe_path (UpPlan     *plan,
               const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", 0);
  const UpNumberSpec *spec = up_plan_describe_param (plan, path, NULL);
  UpItem *owner = NULL;
  const char *label = spec != NULL ? _(spec->label) : path;

  if (g_strv_length (parts) >= 3)
    {
      if (g_str_equal (parts[0], "option"))
        owner = UP_ITEM (up_plan_find_option (plan, parts[1]));
      else if (g_str_equal (parts[0], "state"))
        owner = UP_ITEM (up_plan_find_state (plan, parts[1]));
      else if (g_str_equal (parts[0], "cost-item"))
        owner = UP_ITEM (up_plan_find_cost_item (plan, parts[1]));
      else if (g_str_equal (parts[0], "measure"))
        owner = UP_ITEM (up_plan_find_measure (plan, parts[1]));
    }
  if (owner != NULL && up_item_get_name (owner) != NULL)
    /* translators: a lever's caption: the parameter, then what it belongs to */
    return g_strdup_printf (_("%s · %s"), label, up_item_get_name (owner));
  return g_strdup (label);
}

/* ---- Base values and tracked paths ------------------------------------------------ */

static void
note_base (UpWorkshopWindow *self,
           const char       *path)
{
  double value;

  if (g_hash_table_contains (self->base, path))
    return;
  if (up_plan_get_param (self->plan, path, &value, NULL))
    g_hash_table_insert (self->base, g_strdup (path), g_memdup2 (&value, sizeof value));
}

/* Every path a lever or a scenario sets, pins first, each once. */
static GPtrArray *
tracked_paths (UpWorkshopWindow *self)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *pins = G_LIST_MODEL (up_plan_get_pins (self->plan));
  GListModel *scenarios = G_LIST_MODEL (up_plan_get_scenarios (self->plan));

  for (guint i = 0; i < g_list_model_get_n_items (pins); i++)
    {
      g_autoptr(UpPin) pin = g_list_model_get_item (pins, i);
      char *path = g_strdup (up_pin_get_path (pin));

      if (g_hash_table_add (seen, path))
        g_ptr_array_add (paths, path);
      else
        g_free (path);
    }
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(UpScenario) scenario = g_list_model_get_item (scenarios, i);
      g_auto(GStrv) overrides = up_scenario_list_overrides (scenario);

      for (guint j = 0; overrides[j] != NULL; j++)
        if (!g_hash_table_contains (seen, overrides[j]))
          {
            char *path = g_strdup (overrides[j]);

            g_hash_table_add (seen, path);
            g_ptr_array_add (paths, path);
          }
    }
  return paths;
}

static void
note_all_bases (UpWorkshopWindow *self)
{
  g_autoptr(GPtrArray) paths = tracked_paths (self);

  for (guint i = 0; i < paths->len; i++)
    note_base (self, paths->pdata[i]);
}

/* What switching to scenario (NULL: the base) sets path to. */
static gboolean
target_value (UpWorkshopWindow *self,
              UpScenario       *scenario,
              const char       *path,
              double           *value)
{
  double *base;

  if (scenario != NULL && up_scenario_get_override (scenario, path, value))
    return TRUE;
  base = g_hash_table_lookup (self->base, path);
  if (base == NULL)
    return FALSE;
  *value = *base;
  return TRUE;
}

static void
set_tracked_values (UpWorkshopWindow *self,
                    UpPlan           *plan,
                    UpScenario       *scenario)
{
  g_autoptr(GPtrArray) paths = tracked_paths (self);

  for (guint i = 0; i < paths->len; i++)
    {
      double value, current;

      if (target_value (self, scenario, paths->pdata[i], &value) &&
          up_plan_get_param (plan, paths->pdata[i], &current, NULL) && current != value)
        up_plan_set_param (plan, paths->pdata[i], value, NULL);
    }
}

/* ---- The comparison --------------------------------------------------------------- */

static UpScenario *
nth_scenario (UpWorkshopWindow *self,
              int               i)
{
  GListModel *scenarios = G_LIST_MODEL (up_plan_get_scenarios (self->plan));
  g_autoptr(UpScenario) scenario = NULL;

  if (i < 0 || (guint) i >= g_list_model_get_n_items (scenarios))
    return NULL;
  scenario = g_list_model_get_item (scenarios, i);
  return scenario;   /* the store keeps it alive */
}

static void
update_ghost (UpWorkshopWindow *self)
{
  UpScenario *scenario = nth_scenario (self, self->compare);

  g_clear_pointer (&self->ghost, up_results_free);
  g_clear_pointer (&self->ghost_model, up_model_unref);
  if (scenario != NULL)
    {
      g_autoptr(UpPlan) copy = up_plan_copy (self->plan);

      set_tracked_values (self, copy, scenario);
      self->ghost_model = up_model_compile (copy, NULL, NULL, NULL);
      if (self->ghost_model != NULL)
        self->ghost = up_model_project (self->ghost_model);
    }
  workshop_chart_set_ghost (self->net_chart, self->ghost_model, self->ghost);
  workshop_chart_set_ghost (self->crisis_chart, self->ghost_model, self->ghost);
  /* Say in words what the faint lines are. */
  gtk_widget_set_visible (GTK_WIDGET (self->ghost_label), self->ghost != NULL);
  if (self->ghost != NULL)
    {
      const char *name = up_item_get_name (UP_ITEM (scenario)) != NULL
                         ? up_item_get_name (UP_ITEM (scenario))
                         : up_item_get_id (UP_ITEM (scenario));
      /* translators: under the workshop charts, when a scenario is compared */
      g_autofree char *text = g_strdup_printf (_("Faint wide lines: scenario %d, “%s”"),
                                               self->compare + 1, name);

      gtk_label_set_text (self->ghost_label, text);
    }
}

/* ---- Headline numbers --------------------------------------------------------------- */

static GtkWidget *
add_label (GtkBox     *box,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

static void
rebuild_cards (UpWorkshopWindow *self,
               int               n)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->headline_box))) != NULL)
    gtk_box_remove (self->headline_box, child);
  for (int i = 0; i < n; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *label;

      gtk_widget_add_css_class (card, "workshop-card");
      label = add_label (GTK_BOX (card), "workshop-option");
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      add_label (GTK_BOX (card), "workshop-number");
      add_label (GTK_BOX (card), "workshop-detail");
      /* Budget holders have long names: two lines at most, all of it in the tooltip. */
      label = add_label (GTK_BOX (card), "workshop-who");
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (self->headline_box, card);
    }
  self->n_cards = n;
}

static void
set_card (GtkWidget       *card,
          const UpModel   *model,
          const UpResults *results,
          int              o,
          const char      *currency)
{
  const UpMetrics *m = &results->metrics[o];
  GtkWidget *label = gtk_widget_get_first_child (card);
  g_autofree char *money = up_format_money_short (fabs (m->npbi), currency);
  g_autofree char *net = NULL;
  g_autofree char *even = NULL;
  g_autofree char *episodes = NULL;
  g_autofree char *avoided = NULL;
  GString *who = g_string_new (NULL);
  int H = results->n_holders, pays = -1, saves = -1;

  gtk_label_set_text (GTK_LABEL (label), up_model_get_option_name (model, o));
  gtk_widget_set_tooltip_text (label, up_model_get_option_name (model, o));

  /* translators: the net position of an option against business as usual */
  net = g_strdup_printf (m->npbi >= 0 ? _("saves %s") : _("costs %s"), money);
  label = gtk_widget_get_next_sibling (label);
  gtk_label_set_text (GTK_LABEL (label), net);

  if (m->break_even_year > 0)
    even = g_strdup_printf (_("Breaks even in %d"), m->break_even_year);
  else
    even = g_strdup (_("Never breaks even"));

  avoided = up_format_number (fabs (round (m->crisis_episodes_avoided)), 0);
  if (m->crisis_episodes_avoided >= 0)
    episodes = g_strdup_printf (_("%s crisis episodes avoided"), avoided);
  else
    episodes = g_strdup_printf (_("%s more crisis episodes"), avoided);
  {
    /* translators: break-even, then crisis episodes, on one line of a workshop card */
    g_autofree char *line = g_strdup_printf (_("%s · %s"), even, episodes);

    label = gtk_widget_get_next_sibling (label);
    gtk_label_set_text (GTK_LABEL (label), line);
  }

  for (int h = 0; h < H; h++)
    {
      double v = results->holder_net[(gsize) o * H + h];

      if (v < 0 && (pays < 0 || v < results->holder_net[(gsize) o * H + pays]))
        pays = h;
      if (v > 0 && (saves < 0 || v > results->holder_net[(gsize) o * H + saves]))
        saves = h;
    }
  if (pays >= 0)
    {
      g_autofree char *amount = up_format_money_short (-results->holder_net[(gsize) o * H + pays],
                                                       currency);

      /* translators: who pays, as in "Council pays £1.2m" */
      g_string_append_printf (who, _("%s pays %s"), up_model_get_holder_name (model, pays),
                              amount);
    }
  if (saves >= 0)
    {
      g_autofree char *amount = up_format_money_short (results->holder_net[(gsize) o * H + saves],
                                                       currency);

      if (who->len > 0)
        g_string_append (who, " · ");
      /* translators: who saves, as in "NHS saves £3.4m" */
      g_string_append_printf (who, _("%s saves %s"), up_model_get_holder_name (model, saves),
                              amount);
    }
  label = gtk_widget_get_next_sibling (label);
  gtk_label_set_text (GTK_LABEL (label), who->str);
  gtk_widget_set_tooltip_text (label, who->str);
  g_string_free (who, TRUE);
}

/* ---- Levers ----------------------------------------------------------------------- */

static Lever *
nth_lever (UpWorkshopWindow *self,
           int               i)
{
  if (i < 0 || (guint) i >= self->levers->len)
    return NULL;
  return self->levers->pdata[i];
}

static void
show_lever_value (Lever  *lever,
                  double  value)
{
  UpWorkshopWindow *self = lever->window;
  g_autofree char *text = format_param (lever->unit, value, lever->step, plan_currency (self));

  gtk_label_set_text (lever->value_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (lever->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static void
sync_levers (UpWorkshopWindow *self)
{
  self->updating++;
  for (guint i = 0; i < self->levers->len; i++)
    {
      Lever *lever = self->levers->pdata[i];
      double value;

      if (!lever->available || !up_plan_get_param (self->plan, lever->path, &value, NULL))
        continue;
      if (gtk_range_get_value (lever->scale) != value)
        gtk_range_set_value (lever->scale, value);
      show_lever_value (lever, value);
    }
  self->updating--;
}

static void
show_selection (UpWorkshopWindow *self)
{
  for (guint i = 0; i < self->levers->len; i++)
    {
      Lever *lever = self->levers->pdata[i];
      gboolean selected = (int) i == self->selected;
      g_autofree char *text = selected ? g_strdup_printf ("▶ %s", lever->name)
                                       : g_strdup (lever->name);

      gtk_label_set_text (lever->name_label, text);
      if (selected)
        gtk_widget_add_css_class (lever->box, "selected");
      else
        gtk_widget_remove_css_class (lever->box, "selected");
    }
}

static double
snap_to_step (Lever  *lever,
              double  value)
{
  value = lever->min + round ((value - lever->min) / lever->step) * lever->step;
  /* Keep decimal steps clean (0.3, not 0.30000000000000004). */
  value = round (value * 1e9) / 1e9;
  return CLAMP (value, lever->min, lever->max);
}

/* Sets the lever's parameter as one undo step, or merged into the drag under way. */
static void
apply_lever (Lever    *lever,
             double    value,
             gboolean  merge)
{
  UpWorkshopWindow *self = lever->window;
  double current;

  value = snap_to_step (lever, value);
  if (!up_plan_get_param (self->plan, lever->path, &current, NULL) || current == value)
    return;
  if (!merge)
    up_plan_session_end_merge (self->session);
  up_plan_session_begin_edit (self->session, lever->path);
  up_plan_set_param (self->plan, lever->path, value, NULL);
  if (!merge)
    up_plan_session_end_merge (self->session);
  /* Recompute now, so this frame draws the new numbers. */
  up_plan_session_flush (self->session);
}

static void
scale_value_changed_cb (GtkRange *range,
                        Lever    *lever)
{
  UpWorkshopWindow *self = lever->window;
  guint index;

  if (self->updating > 0)
    return;
  /* The lever moved by the mouse becomes the selected one. */
  if (g_ptr_array_find (self->levers, lever, &index) && self->selected != (int) index)
    {
      self->selected = index;
      show_selection (self);
    }
  apply_lever (lever, gtk_range_get_value (range), TRUE);
}

/* A press on a slider starts a drag that is one undo step; the release ends it. */
static gboolean
scale_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                Lever                    *lever)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      up_plan_session_end_merge (lever->window->session);
      lever->window->dragging = TRUE;
      break;
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
      up_plan_session_end_merge (lever->window->session);
      lever->window->dragging = FALSE;
      update_ghost (lever->window);
      results_changed_cb (lever->window);
      break;
    default:
      break;
    }
  return FALSE;
}

static void
rebuild_levers (UpWorkshopWindow *self)
{
  GListModel *pins = G_LIST_MODEL (up_plan_get_pins (self->plan));
  guint n = g_list_model_get_n_items (pins);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lever_box))) != NULL)
    gtk_box_remove (self->lever_box, child);
  g_ptr_array_set_size (self->levers, 0);

  if (n == 0)
    {
      GtkWidget *hint = gtk_label_new (_("No levers yet. In the main window, right-click a "
                                         "number and choose “Pin to Workshop”."));

      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_widget_add_css_class (hint, "workshop-detail");
      gtk_box_append (self->lever_box, hint);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpPin) pin = g_list_model_get_item (pins, i);
      Lever *lever = g_new0 (Lever, 1);
      GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *scale;
      GtkEventController *legacy;
      UpUnit unit = UP_UNIT_NUMBER;
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;
      double value;

      lever->window = self;
      lever->path = g_strdup (up_pin_get_path (pin));
      lever->min = up_pin_get_min (pin);
      lever->max = up_pin_get_max (pin);
      lever->step = up_pin_get_step (pin);
      up_plan_describe_param (self->plan, lever->path, &unit);
      lever->unit = unit;
      lever->available = up_plan_get_param (self->plan, lever->path, &value, NULL);
      lever->name = up_pin_get_label (pin) != NULL ? g_strdup (up_pin_get_label (pin))
                                                   : describe_path (self->plan, lever->path);
      g_ptr_array_add (self->levers, lever);

      lever->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_add_css_class (lever->box, "workshop-lever");
      lever->name_label = GTK_LABEL (gtk_label_new (lever->name));
      gtk_label_set_xalign (lever->name_label, 0);
      gtk_label_set_ellipsize (lever->name_label, PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (GTK_WIDGET (lever->name_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (lever->name_label), "workshop-lever-name");
      lever->value_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (lever->value_label), "workshop-lever-value");
      gtk_box_append (GTK_BOX (top), GTK_WIDGET (lever->name_label));
      gtk_box_append (GTK_BOX (top), GTK_WIDGET (lever->value_label));
      gtk_box_append (GTK_BOX (lever->box), top);

      scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, lever->min, lever->max,
                                        lever->step);
      lever->scale = GTK_RANGE (scale);
      gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
      gtk_range_set_increments (lever->scale, lever->step, lever->step * 10);
      low = format_param (unit, lever->min, lever->step, plan_currency (self));
      high = format_param (unit, lever->max, lever->step, plan_currency (self));
      gtk_scale_add_mark (GTK_SCALE (scale), lever->min, GTK_POS_BOTTOM, low);
      gtk_scale_add_mark (GTK_SCALE (scale), lever->max, GTK_POS_BOTTOM, high);
      /* The window's keys move the selection and nudge it; the slider is for the mouse. */
      gtk_widget_set_focusable (scale, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (scale),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, lever->name, -1);
      gtk_box_append (GTK_BOX (lever->box), scale);
      if (!lever->available)
        {
          gtk_widget_set_sensitive (scale, FALSE);
          gtk_label_set_text (lever->value_label, _("not in this plan"));
        }
      else
        {
          gtk_range_set_value (lever->scale, value);
          show_lever_value (lever, value);
        }
      g_signal_connect (scale, "value-changed", G_CALLBACK (scale_value_changed_cb), lever);
      legacy = gtk_event_controller_legacy_new ();
      gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
      g_signal_connect (legacy, "event", G_CALLBACK (scale_event_cb), lever);
      gtk_widget_add_controller (scale, legacy);
      gtk_box_append (self->lever_box, lever->box);
    }
  if (self->selected >= (int) self->levers->len)
    self->selected = (int) self->levers->len - 1;
  if (self->selected < 0 && self->levers->len > 0)
    self->selected = 0;
  show_selection (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workshop.nudge-up", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workshop.nudge-down", n > 0);
}

/* ---- Scenarios -------------------------------------------------------------------- */

static void
rebuild_scenarios (UpWorkshopWindow *self)
{
  GListModel *scenarios = G_LIST_MODEL (up_plan_get_scenarios (self->plan));
  guint n = g_list_model_get_n_items (scenarios);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->scenario_box))) != NULL)
    gtk_box_remove (self->scenario_box, child);
  if (self->scenario >= (int) n)
    self->scenario = -1;
  if (self->compare >= (int) n)
    self->compare = -1;

  gtk_string_list_append (names, _("Nothing"));
  for (int i = -1; i < (int) n; i++)
    {
      UpScenario *scenario = nth_scenario (self, i);
      const char *name = scenario == NULL ? _("Base plan")
                         : up_item_get_name (UP_ITEM (scenario)) != NULL
                         ? up_item_get_name (UP_ITEM (scenario))
                         : up_item_get_id (UP_ITEM (scenario));
      g_autofree char *text = NULL;
      GtkWidget *button;

      if (i == self->scenario)
        /* translators: the scenario shown now, with its key: "✓ 2 · Pessimistic" */
        text = g_strdup_printf (_("✓ %d · %s"), i + 1, name);
      else
        text = g_strdup_printf ("%d · %s", i + 1, name);
      button = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (button, "workshop-scenario");
      if (i == self->scenario)
        gtk_widget_add_css_class (button, "selected");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "workshop.scenario");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", i + 1);
      gtk_box_append (self->scenario_box, button);
      if (scenario != NULL)
        gtk_string_list_append (names, name);
    }
  self->updating++;
  gtk_drop_down_set_model (self->compare_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->compare_dropdown, self->compare + 1);
  self->updating--;
}

static void
switch_scenario (UpWorkshopWindow *self,
                 int               index)
{
  UpScenario *scenario = nth_scenario (self, index);

  if (index >= 0 && scenario == NULL)
    return;
  up_plan_session_end_merge (self->session);
  up_plan_session_begin_edit (self->session, NULL);
  set_tracked_values (self, self->plan, scenario);
  up_plan_session_end_merge (self->session);
  up_plan_session_flush (self->session);
  self->scenario = index;
  rebuild_scenarios (self);
}

static char *
make_scenario_id (UpPlan     *plan,
                  const char *name)
{
  GString *id = g_string_new (NULL);
  g_autofree char *base = NULL;

  for (const char *p = name; *p != '\0' && id->len < 48; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && g_ascii_isalnum (c))
        g_string_append_c (id, g_ascii_tolower (c));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0 || !g_ascii_isalpha (id->str[0]))
    g_string_prepend (id, "scenario-");
  base = g_string_free (id, FALSE);
  if (up_plan_find_scenario (plan, base) == NULL)
    return g_steal_pointer (&base);
  for (int i = 2; ; i++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%d", base, i);

      if (up_plan_find_scenario (plan, candidate) == NULL)
        return g_steal_pointer (&candidate);
    }
}

UpScenario *
up_workshop_window_save_scenario (UpWorkshopWindow *self,
                                  const char       *name)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(UpScenario) scenario = NULL;
  g_autofree char *id = NULL;
  g_autofree char *clean = NULL;
  GListModel *pins;

  g_return_val_if_fail (UP_IS_WORKSHOP_WINDOW (self), NULL);

  clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (clean[0] == '\0')
    {
      g_free (clean);
      clean = g_strdup_printf (_("Scenario %u"),
                               g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_scenarios (self->plan))) + 1);
    }
  id = make_scenario_id (self->plan, clean);
  scenario = up_scenario_new (id, clean);
  paths = tracked_paths (self);
  pins = G_LIST_MODEL (up_plan_get_pins (self->plan));
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];
      double value, *base = g_hash_table_lookup (self->base, path);

      if (!up_plan_get_param (self->plan, path, &value, NULL))
        continue;
      /* Every lever, and whatever else now differs from the base. */
      if (i < g_list_model_get_n_items (pins) || base == NULL || *base != value)
        up_scenario_set_override (scenario, path, value);
    }
  up_plan_session_end_merge (self->session);
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_append (up_plan_get_scenarios (self->plan), scenario);
  up_plan_session_end_merge (self->session);
  self->scenario = g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_scenarios (self->plan))) - 1;
  rebuild_scenarios (self);
  return scenario;
}

/* ---- Results ---------------------------------------------------------------------- */

static void
results_changed_cb (UpWorkshopWindow *self)
{
  UpModel *model = up_plan_session_get_model (self->session);
  const UpResults *results = up_plan_session_get_results (self->session);
  const char *title = up_item_get_name (UP_ITEM (self->plan));
  int bau, n = 0;
  GtkWidget *card;

  gtk_label_set_text (self->title_label, title != NULL && title[0] != '\0' ? title
                                                                          : _("Untitled plan"));
  sync_levers (self);
  if (model == NULL || results == NULL || up_plan_session_get_stale (self->session))
    return;

  workshop_chart_set_data (self->net_chart, model, results, !self->dragging);
  workshop_chart_set_data (self->crisis_chart, model, results, !self->dragging);

  bau = up_model_get_bau_index (model);
  for (int o = 0; o < results->n_options; o++)
    if (o != bau)
      n++;
  if (n != self->n_cards)
    rebuild_cards (self, n);
  card = gtk_widget_get_first_child (GTK_WIDGET (self->headline_box));
  for (int o = 0; o < results->n_options && card != NULL; o++)
    if (o != bau)
      {
        set_card (card, model, results, o, plan_currency (self));
        card = gtk_widget_get_next_sibling (card);
      }
  if (!self->dragging && self->compare >= 0)
    update_ghost (self);
}

static void
pins_changed_cb (UpWorkshopWindow *self)
{
  note_all_bases (self);
  rebuild_levers (self);
}

static void
scenarios_changed_cb (UpWorkshopWindow *self)
{
  note_all_bases (self);
  rebuild_scenarios (self);
  update_ghost (self);
}

static void
watch_plan (UpWorkshopWindow *self)
{
  UpPlan *plan = up_plan_session_get_plan (self->session);

  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_data (up_plan_get_pins (self->plan), self);
      g_signal_handlers_disconnect_by_data (up_plan_get_scenarios (self->plan), self);
    }
  g_set_object (&self->plan, plan);
  g_hash_table_remove_all (self->base);
  self->scenario = -1;
  self->compare = -1;
  self->selected = 0;
  g_signal_connect_object (up_plan_get_pins (plan), "items-changed",
                           G_CALLBACK (pins_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (up_plan_get_scenarios (plan), "items-changed",
                           G_CALLBACK (scenarios_changed_cb), self, G_CONNECT_SWAPPED);
  note_all_bases (self);
  rebuild_levers (self);
  rebuild_scenarios (self);
  update_ghost (self);
  results_changed_cb (self);
}

static void
compare_selected_cb (UpWorkshopWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->compare_dropdown);

  if (self->updating > 0)
    return;
  self->compare = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
  update_ghost (self);
}

/* ---- Actions ---------------------------------------------------------------------- */

static void
move_lever_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (widget);
  int n = self->levers->len;

  if (n == 0)
    return;
  if (g_str_equal (action_name, "workshop.next-lever"))
    self->selected = (self->selected + 1) % n;
  else
    self->selected = (self->selected + n - 1) % n;
  show_selection (self);
}

static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (widget);
  Lever *lever = nth_lever (self, self->selected);
  double value;

  if (lever == NULL || !lever->available ||
      !up_plan_get_param (self->plan, lever->path, &value, NULL))
    return;
  value += g_str_equal (action_name, "workshop.nudge-up") ? lever->step : -lever->step;
  apply_lever (lever, value, FALSE);
}

static void
scenario_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (widget);

  /* 0 is the base plan, 1 the first scenario. */
  switch_scenario (self, g_variant_get_int32 (parameter) - 1);
}

static void
step_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (widget);
  int n = g_list_model_get_n_items (G_LIST_MODEL (up_plan_get_scenarios (self->plan)));
  int next;

  /* Around the ring base, 1, 2, …, n. */
  if (g_str_equal (action_name, "workshop.next-scenario"))
    next = self->scenario + 1 >= n ? -1 : self->scenario + 1;
  else
    next = self->scenario - 1 < -1 ? n - 1 : self->scenario - 1;
  switch_scenario (self, next);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  switch_scenario (UP_WORKSHOP_WINDOW (widget), -1);
}

static void
save_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (widget);

  up_workshop_window_save_scenario (self, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_popover_popdown (self->save_popover);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (widget);

  if (g_str_equal (action_name, "workshop.undo"))
    up_plan_session_undo (self->session);
  else
    up_plan_session_redo (self->session);
  up_plan_session_flush (self->session);
}

static void
name_activated_cb (UpWorkshopWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "workshop.save-scenario", NULL);
}

static void
blank_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (widget);

  gtk_widget_set_visible (self->blank, TRUE);
  gtk_widget_grab_focus (self->blank);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* The presenter's keys, also caught before a focused button or drop-down sees them:
 * the arrows would otherwise move the focus. The class bindings are the same keys for
 * when nothing has the focus. */
static const struct
{
  guint       keyval;
  const char *action;
} presenter_keys[] = {
  { GDK_KEY_Left, "workshop.previous-lever" },
  { GDK_KEY_Right, "workshop.next-lever" },
  { GDK_KEY_Up, "workshop.previous-scenario" },
  { GDK_KEY_Down, "workshop.next-scenario" },
  { GDK_KEY_Page_Up, "workshop.previous-scenario" },
  { GDK_KEY_Page_Down, "workshop.next-scenario" },
  { GDK_KEY_KP_Page_Up, "workshop.previous-scenario" },
  { GDK_KEY_KP_Page_Down, "workshop.next-scenario" },
  { GDK_KEY_plus, "workshop.nudge-up" },
  { GDK_KEY_equal, "workshop.nudge-up" },
  { GDK_KEY_KP_Add, "workshop.nudge-up" },
  { GDK_KEY_minus, "workshop.nudge-down" },
  { GDK_KEY_KP_Subtract, "workshop.nudge-down" },
};

/* Any key brings a blanked screen back, and does nothing else. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                UpWorkshopWindow      *self)
{
  GtkWidget *focus;

  if (gtk_widget_get_visible (self->blank))
    {
      gtk_widget_set_visible (self->blank, FALSE);
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      return TRUE;
    }
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  /* Typing a scenario's name, or choosing in an open list, keeps its keys. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && (GTK_IS_EDITABLE (focus) ||
                        gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (presenter_keys); i++)
    if (presenter_keys[i].keyval == keyval)
      {
        gtk_widget_activate_action (GTK_WIDGET (self), presenter_keys[i].action, NULL);
        return TRUE;
      }
  return FALSE;
}

static void
set_high_contrast (UpWorkshopWindow *self,
                   gboolean          high_contrast)
{
  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;
  self->high_contrast = high_contrast;
  if (high_contrast)
    gtk_widget_add_css_class (GTK_WIDGET (self), "high-contrast");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "high-contrast");
  self->net_chart->high_contrast = high_contrast;
  self->crisis_chart->high_contrast = high_contrast;
  workshop_chart_update_theme (self->net_chart);
  workshop_chart_update_theme (self->crisis_chart);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HIGH_CONTRAST]);
}

static void
style_changed_cb (UpWorkshopWindow *self)
{
  workshop_chart_update_theme (self->net_chart);
  workshop_chart_update_theme (self->crisis_chart);
}

/* ---- Screenshot ------------------------------------------------------------------- */

static gboolean
screenshot_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GtkWindow *parent;
  static int frames;

  /* UPSTREAM_WORKSHOP_COMPARE=N: the picture with scenario N drawn faintly behind, once
   * the plan has loaded. */
  if (frames == 5 && g_getenv ("UPSTREAM_WORKSHOP_COMPARE") != NULL)
    gtk_drop_down_set_selected (self->compare_dropdown,
                                (guint) g_ascii_strtoull (g_getenv ("UPSTREAM_WORKSHOP_COMPARE"),
                                                          NULL, 10));
  if (++frames < 10)
    return G_SOURCE_CONTINUE;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  if (node != NULL && renderer != NULL)
    {
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (!gdk_texture_save_to_png (texture, self->screenshot))
        g_printerr ("upstream: could not write %s\n", self->screenshot);
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (parent)));
  return G_SOURCE_REMOVE;
}

void
up_workshop_window_take_screenshot (UpWorkshopWindow *self,
                                    const char       *path)
{
  g_return_if_fail (UP_IS_WORKSHOP_WINDOW (self));
  g_free (self->screenshot);
  self->screenshot = g_strdup (path);
  /* UPSTREAM_WORKSHOP=high-contrast: the picture in high contrast. */
  if (g_strcmp0 (g_getenv ("UPSTREAM_WORKSHOP"), "high-contrast") == 0)
    set_high_contrast (self, TRUE);

  gtk_widget_add_tick_callback (GTK_WIDGET (self), screenshot_tick_cb, NULL, NULL);
}

/* ---- GObject ---------------------------------------------------------------------- */

/* A laptop's 768 lines: smaller type, so the charts keep room. */
static void
up_workshop_window_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  gboolean compact = height < 950;

  GTK_WIDGET_CLASS (up_workshop_window_parent_class)->size_allocate (widget, width, height,
                                                                     baseline);
  if (compact != gtk_widget_has_css_class (widget, "compact"))
    {
      if (compact)
        gtk_widget_add_css_class (widget, "compact");
      else
        gtk_widget_remove_css_class (widget, "compact");
    }
}

static void
up_workshop_window_dispose (GObject *object)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_data (up_plan_get_pins (self->plan), self);
      g_signal_handlers_disconnect_by_data (up_plan_get_scenarios (self->plan), self);
    }
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), UP_TYPE_WORKSHOP_WINDOW);
  G_OBJECT_CLASS (up_workshop_window_parent_class)->dispose (object);
}

static void
up_workshop_window_finalize (GObject *object)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->levers, g_ptr_array_unref);
  g_clear_pointer (&self->base, g_hash_table_unref);
  g_clear_pointer (&self->ghost, up_results_free);
  g_clear_pointer (&self->ghost_model, up_model_unref);
  g_clear_pointer (&self->screenshot, g_free);
  G_OBJECT_CLASS (up_workshop_window_parent_class)->finalize (object);
}

static void
up_workshop_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HIGH_CONTRAST: g_value_set_boolean (value, self->high_contrast); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_workshop_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  UpWorkshopWindow *self = UP_WORKSHOP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HIGH_CONTRAST: set_high_contrast (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_key (GtkWidgetClass *widget_class,
          guint           keyval,
          const char     *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, action, NULL);
}

static void
up_workshop_window_class_init (UpWorkshopWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_workshop_window_dispose;
  object_class->finalize = up_workshop_window_finalize;
  object_class->get_property = up_workshop_window_get_property;
  object_class->set_property = up_workshop_window_set_property;
  widget_class->size_allocate = up_workshop_window_size_allocate;

  props[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/upstreamplanner/Upstream/ui/"
                                               "up-workshop-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, save_popover);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, scenario_box);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, headline_box);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, chart_box);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, lever_box);
  gtk_widget_class_bind_template_child (widget_class, UpWorkshopWindow, blank);

  gtk_widget_class_install_action (widget_class, "workshop.next-lever", NULL, move_lever_action);
  gtk_widget_class_install_action (widget_class, "workshop.previous-lever", NULL,
                                   move_lever_action);
  gtk_widget_class_install_action (widget_class, "workshop.nudge-up", NULL, nudge_action);
  gtk_widget_class_install_action (widget_class, "workshop.nudge-down", NULL, nudge_action);
  gtk_widget_class_install_action (widget_class, "workshop.scenario", "i", scenario_action);
  gtk_widget_class_install_action (widget_class, "workshop.next-scenario", NULL,
                                   step_scenario_action);
  gtk_widget_class_install_action (widget_class, "workshop.previous-scenario", NULL,
                                   step_scenario_action);
  gtk_widget_class_install_action (widget_class, "workshop.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "workshop.save-scenario", NULL,
                                   save_scenario_action);
  gtk_widget_class_install_action (widget_class, "workshop.blank", NULL, blank_action);
  gtk_widget_class_install_action (widget_class, "workshop.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "workshop.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "workshop.leave", NULL, leave_action);
  gtk_widget_class_install_property_action (widget_class, "workshop.high-contrast",
                                            "high-contrast");

  /* What presentation clickers send, and the arrows. */
  bind_key (widget_class, GDK_KEY_Page_Down, "workshop.next-scenario");
  bind_key (widget_class, GDK_KEY_Page_Up, "workshop.previous-scenario");
  bind_key (widget_class, GDK_KEY_KP_Page_Down, "workshop.next-scenario");
  bind_key (widget_class, GDK_KEY_KP_Page_Up, "workshop.previous-scenario");
  bind_key (widget_class, GDK_KEY_Down, "workshop.next-scenario");
  bind_key (widget_class, GDK_KEY_Up, "workshop.previous-scenario");
  bind_key (widget_class, GDK_KEY_Right, "workshop.next-lever");
  bind_key (widget_class, GDK_KEY_Left, "workshop.previous-lever");
  bind_key (widget_class, GDK_KEY_plus, "workshop.nudge-up");
  bind_key (widget_class, GDK_KEY_equal, "workshop.nudge-up");
  bind_key (widget_class, GDK_KEY_KP_Add, "workshop.nudge-up");
  bind_key (widget_class, GDK_KEY_minus, "workshop.nudge-down");
  bind_key (widget_class, GDK_KEY_KP_Subtract, "workshop.nudge-down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK,
                                       "workshop.nudge-up", NULL);
  bind_key (widget_class, GDK_KEY_b, "workshop.blank");
  bind_key (widget_class, GDK_KEY_B, "workshop.blank");
  bind_key (widget_class, GDK_KEY_period, "workshop.blank");
  bind_key (widget_class, GDK_KEY_Escape, "workshop.leave");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "workshop.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "workshop.redo", NULL);
  for (int i = 0; i <= 9; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, 0,
                                           "workshop.scenario", "i", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0 + i, 0,
                                           "workshop.scenario", "i", i);
    }
}

static void
up_workshop_window_init (UpWorkshopWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->levers = g_ptr_array_new_with_free_func (lever_free);
  self->base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->selected = -1;
  self->scenario = -1;
  self->compare = -1;

  self->net_chart = workshop_chart_new (UP_CHART_NET);
  self->crisis_chart = workshop_chart_new (UP_CHART_CRISIS);
  gtk_box_append (self->chart_box, GTK_WIDGET (self->net_chart));
  gtk_box_append (self->chart_box, GTK_WIDGET (self->crisis_chart));
  self->ghost_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->ghost_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->ghost_label), "workshop-keys");
  gtk_widget_set_visible (GTK_WIDGET (self->ghost_label), FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->chart_box))),
                              GTK_WIDGET (self->ghost_label), GTK_WIDGET (self->chart_box));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (name_activated_cb), self);
  g_signal_connect_swapped (self->compare_dropdown, "notify::selected",
                            G_CALLBACK (compare_selected_cb), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (style_changed_cb), self);
}

GtkWidget *
up_workshop_window_new (UpPlanSession *session)
{
  UpWorkshopWindow *self;

  g_return_val_if_fail (UP_IS_PLAN_SESSION (session), NULL);

  self = g_object_new (UP_TYPE_WORKSHOP_WINDOW, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "results-changed", G_CALLBACK (results_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "plan-replaced", G_CALLBACK (watch_plan), self,
                           G_CONNECT_SWAPPED);
  watch_plan (self);
  return GTK_WIDGET (self);
}

UpPlanSession *
up_workshop_window_get_session (UpWorkshopWindow *self)
{
  g_return_val_if_fail (UP_IS_WORKSHOP_WINDOW (self), NULL);
  return self->session;
}

int
up_workshop_window_get_selected (UpWorkshopWindow *self)
{
  g_return_val_if_fail (UP_IS_WORKSHOP_WINDOW (self), -1);
  return self->levers->len > 0 ? self->selected : -1;
}

guint
up_workshop_window_get_n_levers (UpWorkshopWindow *self)
{
  g_return_val_if_fail (UP_IS_WORKSHOP_WINDOW (self), 0);
  return self->levers->len;
}

GtkRange *
up_workshop_window_get_lever (UpWorkshopWindow *self,
                              int               i)
{
  Lever *lever;

  g_return_val_if_fail (UP_IS_WORKSHOP_WINDOW (self), NULL);
  lever = nth_lever (self, i);
  return lever != NULL ? lever->scale : NULL;
}

const UpResults *
up_workshop_window_get_ghost (UpWorkshopWindow *self)
{
  g_return_val_if_fail (UP_IS_WORKSHOP_WINDOW (self), NULL);
  return self->ghost;
}

/* ---- Pinning ---------------------------------------------------------------------- */

char *
up_workshop_path_for_field (UpNumberField *field)
{
  UpItem *item = NULL;
  const char *key = NULL;
  const char *tag;

  up_number_field_get_binding (field, &item, &key);
  if (key == NULL)
    return NULL;
  if (item == NULL)
    return g_strdup (key);
  tag = UP_ITEM_GET_CLASS (item)->tag;
  if (g_strcmp0 (tag, "plan") == 0)
    return g_strconcat ("plan/", key, NULL);
  if (g_strcmp0 (tag, "option") == 0 || g_strcmp0 (tag, "state") == 0 ||
      g_strcmp0 (tag, "measure") == 0)
    return g_strconcat (tag, "/", up_item_get_id (item), "/", key, NULL);
  if (g_strcmp0 (tag, "cost item") == 0)
    return g_strconcat ("cost-item/", up_item_get_id (item), "/", key, NULL);
  return NULL;
}

static double
nice_step (double span)
{
  double raw = span / 100.0, power;

  if (!(raw > 0))
    return 1.0;
  power = pow (10, floor (log10 (raw)));
  if (raw / power >= 5)
    return 5 * power;
  if (raw / power >= 2)
    return 2 * power;
  return power;
}

gboolean
up_workshop_pin_param (UpPlanSession  *session,
                       const char     *path,
                       GError        **error)
{
  UpPlan *plan = up_plan_session_get_plan (session);
  const UpNumberSpec *spec;
  UpUnit unit = UP_UNIT_NUMBER;
  double value, min, max, step;
  g_autoptr(UpPin) pin = NULL;

  if (!up_plan_get_param (plan, path, &value, error))
    return FALSE;
  spec = up_plan_describe_param (plan, path, &unit);
  switch (unit)
    {
    case UP_UNIT_FRACTION:
    case UP_UNIT_RATE:
      min = 0;
      max = 1;
      step = 0.01;
      break;
    case UP_UNIT_CYCLES:
    case UP_UNIT_CYCLE:
      min = 1;
      max = MAX (up_plan_get_horizon (plan), MAX (value, 2));
      step = 1;
      break;
    case UP_UNIT_RATIO:
      min = 0;
      max = MAX (2, 2 * value);
      step = 0.01;
      break;
    case UP_UNIT_YEAR:
      min = value - 10;
      max = value + 10;
      step = 1;
      break;
    default:
      min = MIN (0, 2 * value);
      max = value > 0 ? 2 * value : (value < 0 ? 0 : 100);
      step = nice_step (max - min);
      if (spec != NULL && spec->integer)
        step = MAX (1, round (step));
      break;
    }
  if (spec != NULL)
    {
      min = MAX (min, spec->min);
      max = MIN (max, spec->max);
    }
  if (!(max > min))
    max = min + step;
  pin = up_pin_new (path, min, max, step, NULL, error);
  if (pin == NULL)
    return FALSE;
  up_plan_session_begin_edit (session, NULL);
  up_plan_set_pin (plan, pin);
  up_plan_session_end_merge (session);
  return TRUE;
}

void
up_workshop_pin_field (UpNumberField *field)
{
  g_autofree char *path = up_workshop_path_for_field (field);
  g_autoptr(GError) error = NULL;
  UpPlanSession *session = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (field));
  g_autofree char *message = NULL;

  if (UP_IS_WINDOW (root))
    session = up_window_get_session (UP_WINDOW (root));
  if (session == NULL || path == NULL)
    message = g_strdup (_("This number cannot be a workshop lever"));
  else if (!up_workshop_pin_param (session, path, &error))
    message = g_strdup_printf (_("Could not pin this number: %s"), error->message);
  else
    {
      g_autofree char *name = describe_path (up_plan_session_get_plan (session), path);

      /* translators: after "Pin to Workshop"; F5 opens workshop mode */
      message = g_strdup_printf (_("“%s” is a workshop lever now (F5 shows the workshop)"), name);
    }
  if (UP_IS_WINDOW (root))
    up_window_toast (UP_WINDOW (root), message);
}
