/* up-chart-view.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Wraps one UpChart (src/charts: cairo and Pango, no GTK). The chart is laid out in
 * size_allocate; snapshot replays a cached render node of the chart and draws only the
 * cursor layer afresh, so hovering costs one small cairo node per frame. The data come
 * from the session on "results-changed"; colours from CSS in css_changed.
 */

#define G_LOG_DOMAIN "up-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "up-chart-view.h"

struct _UpChartView
{
  GtkWidget      parent_instance;

  UpChart       *chart;
  UpChartKind    kind;
  UpPlanSession *session;
  gboolean       discounted;
  int            option;
  char          *title;         /* NULL: the chart's own */

  UpChartTheme   theme;
  gboolean       theme_set;     /* theme was given to the chart at least once */
  GskRenderNode *cache;         /* the chart without its cursor, for the last size */
  int            laid_width;
  int            laid_height;
  gboolean       layout_valid;

  char          *readout;       /* the cursor's read-out, or NULL */
  char          *description;   /* what the accessible description says */
  gboolean       cursor_from_hover;
  gboolean       hand_cursor;
};

G_DEFINE_FINAL_TYPE (UpChartView, up_chart_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_KIND, PROP_SESSION, PROP_DISCOUNTED, PROP_OPTION, N_PROPS };
static GParamSpec *props[N_PROPS];

enum { CHART_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- Invalidation ------------------------------------------------------------------- */

static void
invalidate_drawing (UpChartView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Data, theme or visibility changed: lay out again at the current size now, outside
 * snapshot, so that the next frame only draws. */
static void
invalidate_layout (UpChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  self->layout_valid = FALSE;
  /* A chart on a page not shown waits: size_allocate lays it out when it is. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self))
      && width > 0 && height > 0 && up_chart_has_data (self->chart))
    {
      up_chart_layout (self->chart, width, height,
                       gtk_widget_get_pango_context (GTK_WIDGET (self)));
      self->laid_width = width;
      self->laid_height = height;
      self->layout_valid = TRUE;
    }
  invalidate_drawing (self);
}

/* ---- Words for screen readers ------------------------------------------------------- */

static void
update_accessible (UpChartView *self)
{
  g_autofree char *title = up_chart_get_title (self->chart);
  g_autofree char *words = NULL;

  if (up_chart_has_data (self->chart))
    words = up_chart_describe (self->chart);
  else
    words = g_strdup (_("No results to show yet."));

  g_free (self->description);
  if (self->readout != NULL)
    /* translators: the accessible description of a chart with its cursor on a point:
     * the read-out ("2031 · Peer network · £1.2m"), then what the whole chart shows */
    self->description = g_strdup_printf (_("%s. %s"), self->readout, words);
  else
    self->description = g_steal_pointer (&words);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static void
update_readout (UpChartView *self)
{
  UpChartHit hit;
  g_autofree char *text = NULL;

  if (up_chart_get_cursor (self->chart, &hit))
    text = up_chart_hit_describe (self->chart, &hit);
  if (g_strcmp0 (text, self->readout) == 0)
    return;
  g_free (self->readout);
  self->readout = g_steal_pointer (&text);
  update_accessible (self);
}

/* ---- Data --------------------------------------------------------------------------- */

static void
refresh_data (UpChartView *self)
{
  UpModel *model = NULL;
  const UpResults *results = NULL;
  UpChartOptions options;

  if (self->session != NULL)
    {
      model = up_plan_session_get_model (self->session);
      results = up_plan_session_get_results (self->session);
    }

  if (self->session != NULL && up_plan_session_get_stale (self->session))
    gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stale");

  if (model != NULL && results != NULL
      && results->n_options == up_model_get_n_options (model))
    {
      up_chart_options_init (&options);
      options.discounted = self->discounted;
      options.option = self->option < up_model_get_n_options (model) ? self->option : -1;
      options.title = self->title;
      up_chart_set_data (self->chart, model, results, &options);
    }
  else
    {
      /* Nothing to draw: start afresh, so an old plan's lines do not linger. */
      g_clear_pointer (&self->chart, up_chart_free);
      self->chart = up_chart_new (self->kind);
      up_chart_set_theme (self->chart, &self->theme);
    }

  invalidate_layout (self);
  if (self->readout != NULL && !self->layout_valid)
    {
      /* Off screen: asking where the cursor is would lay the chart out; drop it. */
      up_chart_set_cursor (self->chart, NULL);
      self->cursor_from_hover = FALSE;
    }
  g_clear_pointer (&self->readout, g_free);
  if (self->layout_valid)
    {
      UpChartHit hit;

      if (up_chart_get_cursor (self->chart, &hit))
        self->readout = up_chart_hit_describe (self->chart, &hit);
    }
  update_accessible (self);
  g_signal_emit (self, signals[CHART_CHANGED], 0);
}

/* ---- Theme -------------------------------------------------------------------------- */

static void
to_chart_color (const GdkRGBA *rgba,
                UpChartColor  *color)
{
  color->red = rgba->red;
  color->green = rgba->green;
  color->blue = rgba->blue;
  color->alpha = rgba->alpha;
}

static gboolean
same_color (const UpChartColor *a,
            const UpChartColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue
         && a->alpha == b->alpha;
}

static gboolean
same_theme (const UpChartTheme *a,
            const UpChartTheme *b)
{
  return same_color (&a->foreground, &b->foreground)
         && same_color (&a->background, &b->background)
         && same_color (&a->grid, &b->grid) && same_color (&a->accent, &b->accent)
         && a->dark == b->dark && a->high_contrast == b->high_contrast
         && a->transparent == b->transparent && a->font_size == b->font_size
         && g_strcmp0 (a->font_family, b->font_family) == 0;
}

static gboolean
in_card (UpChartView *self)
{
  for (GtkWidget *w = gtk_widget_get_parent (GTK_WIDGET (self)); w != NULL;
       w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "card"))
      return TRUE;
  return FALSE;
}

/* The only place that reads colours from the style: moving to gtk_widget_get_color
 * (GTK 4.10) later changes this function alone. */
static void
update_theme (UpChartView *self)
{
  GtkStyleContext *context;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GdkRGBA fg, bg, accent, grid;
  UpChartTheme old = self->theme;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &bg)
      && !gtk_style_context_lookup_color (context, "window_bg_color", &bg))
    gdk_rgba_parse (&bg, adw_style_manager_get_dark (manager) ? "#1e1e1e" : "#ffffff");
  /* On a card (UpChartPanel) the chart stands on the card's colour, which is a
   * translucent white over the window's: mix the two, so labels are backed in it. */
  if (in_card (self))
    {
      GdkRGBA card, window;

      if (gtk_style_context_lookup_color (context, "card_bg_color", &card)
          && gtk_style_context_lookup_color (context, "window_bg_color", &window))
        {
          bg.red = card.red * card.alpha + window.red * (1 - card.alpha);
          bg.green = card.green * card.alpha + window.green * (1 - card.alpha);
          bg.blue = card.blue * card.alpha + window.blue * (1 - card.alpha);
          bg.alpha = 1;
        }
    }
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS

  up_chart_theme_init (&self->theme, adw_style_manager_get_dark (manager),
                       adw_style_manager_get_high_contrast (manager));
  grid = fg;
  grid.alpha = self->theme.high_contrast ? 0.5 : 0.15;
  to_chart_color (&fg, &self->theme.foreground);
  to_chart_color (&bg, &self->theme.background);
  to_chart_color (&grid, &self->theme.grid);
  to_chart_color (&accent, &self->theme.accent);
  /* The widget's CSS paints the background; the chart draws only what is on it. */
  self->theme.transparent = TRUE;

  /* css_changed comes with every :hover and :focus too: lay out again only when a
   * colour or a flag really changed. */
  if (self->theme_set && same_theme (&old, &self->theme))
    return;
  self->theme_set = TRUE;
  up_chart_set_theme (self->chart, &self->theme);
  invalidate_layout (self);
}

static void
style_changed_cb (UpChartView *self)
{
  update_theme (self);
}

/* ---- Cursor ------------------------------------------------------------------------- */

static gboolean
hit_is_cursor (const UpChartHit *hit)
{
  return hit->kind == UP_CHART_HIT_POINT || hit->kind == UP_CHART_HIT_BAND
         || hit->kind == UP_CHART_HIT_BAR || hit->kind == UP_CHART_HIT_MARK;
}

static void
cursor_changed (UpChartView *self)
{
  update_readout (self);
  /* Only the cursor layer changes: the cached chart stays. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_hand_cursor (UpChartView *self,
                 gboolean     hand)
{
  if (self->hand_cursor == hand)
    return;
  self->hand_cursor = hand;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hand ? "pointer" : NULL);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           UpChartView              *self)
{
  UpChartHit hit;

  if (!self->layout_valid)
    return;
  up_chart_hit (self->chart, x, y, &hit);
  set_hand_cursor (self, hit.kind == UP_CHART_HIT_LEGEND && hit.series >= 0);
  if (hit_is_cursor (&hit))
    {
      UpChartHit old;

      if (up_chart_get_cursor (self->chart, &old) && old.kind == hit.kind
          && old.series == hit.series && old.panel == hit.panel && old.cycle == hit.cycle
          && old.bar == hit.bar && old.holder == hit.holder)
        return;
      up_chart_set_cursor (self->chart, &hit);
      self->cursor_from_hover = TRUE;
      cursor_changed (self);
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          UpChartView              *self)
{
  set_hand_cursor (self, FALSE);
  if (self->cursor_from_hover)
    {
      up_chart_set_cursor (self->chart, NULL);
      self->cursor_from_hover = FALSE;
      cursor_changed (self);
    }
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            UpChartView     *self)
{
  UpChartHit hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (!self->layout_valid || !up_chart_hit (self->chart, x, y, &hit))
    return;
  if (hit.kind == UP_CHART_HIT_LEGEND && hit.series >= 0)
    up_chart_view_toggle_series (self, hit.series);
  else if (hit_is_cursor (&hit))
    {
      /* A click keeps the read-out where it is when the pointer leaves. */
      up_chart_set_cursor (self->chart, &hit);
      self->cursor_from_hover = FALSE;
      cursor_changed (self);
    }
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UpChartView *self = UP_CHART_VIEW (widget);
  static const struct { const char *name; UpChartMove move; } moves[] = {
    { "chart.move-left", UP_CHART_MOVE_LEFT },
    { "chart.move-right", UP_CHART_MOVE_RIGHT },
    { "chart.move-up", UP_CHART_MOVE_UP },
    { "chart.move-down", UP_CHART_MOVE_DOWN },
    { "chart.move-home", UP_CHART_MOVE_HOME },
    { "chart.move-end", UP_CHART_MOVE_END },
    { "chart.move-page-up", UP_CHART_MOVE_PAGE_UP },
    { "chart.move-page-down", UP_CHART_MOVE_PAGE_DOWN },
  };

  if (!up_chart_has_data (self->chart))
    return;
  if (!self->layout_valid)
    invalidate_layout (self);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_str_equal (action_name, moves[i].name))
      {
        if (up_chart_move_cursor (self->chart, moves[i].move))
          {
            self->cursor_from_hover = FALSE;
            cursor_changed (self);
          }
        return;
      }
}

static void
clear_cursor_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  UpChartView *self = UP_CHART_VIEW (widget);

  up_chart_set_cursor (self->chart, NULL);
  self->cursor_from_hover = FALSE;
  cursor_changed (self);
}

static void
toggle_series_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  UpChartView *self = UP_CHART_VIEW (widget);
  UpChartHit hit;

  if (up_chart_get_cursor (self->chart, &hit) && hit.series >= 0)
    up_chart_view_toggle_series (self, hit.series);
}

/* ---- GtkWidget ---------------------------------------------------------------------- */

static void
up_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 560;
    }
  else
    {
      int request;

      /* A fixed height asked for (a strip) is also the natural one: do not grow. */
      gtk_widget_get_size_request (widget, NULL, &request);
      *minimum = 110;
      *natural = request > 0 ? request : 320;
    }
}

static void
up_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  UpChartView *self = UP_CHART_VIEW (widget);

  if (self->layout_valid && width == self->laid_width && height == self->laid_height)
    return;
  invalidate_layout (self);
}

static void
up_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  UpChartView *self = UP_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  cairo_t *cr;

  if (!self->layout_valid || width != self->laid_width || height != self->laid_height)
    return;

  if (self->cache == NULL)
    {
      GtkSnapshot *layer = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (layer, &bounds);
      up_chart_draw (self->chart, cr);
      cairo_destroy (cr);
      self->cache = gtk_snapshot_free_to_node (layer);
    }
  if (self->cache != NULL)
    gtk_snapshot_append_node (snapshot, self->cache);

  if (self->readout != NULL)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      up_chart_draw_cursor (self->chart, cr);
      cairo_destroy (cr);
    }
}

static void
up_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (up_chart_view_parent_class)->css_changed (widget, change);
  update_theme (UP_CHART_VIEW (widget));
}

static void
up_chart_view_map (GtkWidget *widget)
{
  UpChartView *self = UP_CHART_VIEW (widget);

  GTK_WIDGET_CLASS (up_chart_view_parent_class)->map (widget);
  if (!self->layout_valid)
    invalidate_layout (self);
}

static void
up_chart_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (up_chart_view_parent_class)->root (widget);
  /* Fonts are known now: measure with the widget's own Pango context. */
  invalidate_layout (UP_CHART_VIEW (widget));
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
up_chart_view_dispose (GObject *object)
{
  UpChartView *self = UP_CHART_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  G_OBJECT_CLASS (up_chart_view_parent_class)->dispose (object);
}

static void
up_chart_view_finalize (GObject *object)
{
  UpChartView *self = UP_CHART_VIEW (object);

  g_clear_pointer (&self->chart, up_chart_free);
  g_free (self->readout);
  g_free (self->description);
  g_free (self->title);
  G_OBJECT_CLASS (up_chart_view_parent_class)->finalize (object);
}

static void
up_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UpChartView *self = UP_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    case PROP_DISCOUNTED: g_value_set_boolean (value, self->discounted); break;
    case PROP_OPTION: g_value_set_int (value, self->option); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  UpChartView *self = UP_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND: up_chart_view_set_kind (self, g_value_get_int (value)); break;
    case PROP_SESSION: up_chart_view_set_session (self, g_value_get_object (value)); break;
    case PROP_DISCOUNTED: up_chart_view_set_discounted (self, g_value_get_boolean (value)); break;
    case PROP_OPTION: up_chart_view_set_option (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_chart_view_class_init (UpChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_Left, 0, "chart.move-left" },
    { GDK_KEY_KP_Left, 0, "chart.move-left" },
    { GDK_KEY_Right, 0, "chart.move-right" },
    { GDK_KEY_KP_Right, 0, "chart.move-right" },
    { GDK_KEY_Up, 0, "chart.move-up" },
    { GDK_KEY_KP_Up, 0, "chart.move-up" },
    { GDK_KEY_Down, 0, "chart.move-down" },
    { GDK_KEY_KP_Down, 0, "chart.move-down" },
    { GDK_KEY_Home, 0, "chart.move-home" },
    { GDK_KEY_End, 0, "chart.move-end" },
    { GDK_KEY_Page_Up, 0, "chart.move-page-up" },
    { GDK_KEY_Page_Down, 0, "chart.move-page-down" },
    { GDK_KEY_Escape, 0, "chart.clear-cursor" },
    { GDK_KEY_space, 0, "chart.toggle-series" },
    { GDK_KEY_Return, 0, "chart.toggle-series" },
    { GDK_KEY_KP_Enter, 0, "chart.toggle-series" },
  };

  object_class->dispose = up_chart_view_dispose;
  object_class->finalize = up_chart_view_finalize;
  object_class->get_property = up_chart_view_get_property;
  object_class->set_property = up_chart_view_set_property;

  widget_class->measure = up_chart_view_measure;
  widget_class->size_allocate = up_chart_view_size_allocate;
  widget_class->snapshot = up_chart_view_snapshot;
  widget_class->css_changed = up_chart_view_css_changed;
  widget_class->root = up_chart_view_root;
  widget_class->map = up_chart_view_map;

  props[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, UP_CHART_N_KINDS - 1, UP_CHART_CRISIS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UP_TYPE_PLAN_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_DISCOUNTED] =
    g_param_spec_boolean ("discounted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                          | G_PARAM_STATIC_STRINGS);
  props[PROP_OPTION] =
    g_param_spec_int ("option", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /* Emitted after the chart's data or series visibility changed (its table, words). */
  signals[CHART_CHANGED] =
    g_signal_new ("chart-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "chart.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.move-right", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.move-home", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.move-end", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.move-page-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.move-page-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.clear-cursor", NULL,
                                   clear_cursor_action);
  gtk_widget_class_install_action (widget_class, "chart.toggle-series", NULL,
                                   toggle_series_action);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods,
                                         keys[i].action, NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
up_chart_view_init (UpChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->kind = UP_CHART_CRISIS;
  self->option = -1;
  self->chart = up_chart_new (self->kind);
  up_chart_theme_init (&self->theme, FALSE, FALSE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_swapped (manager, "notify::dark", G_CALLBACK (style_changed_cb), self);
  g_signal_connect_swapped (manager, "notify::high-contrast",
                            G_CALLBACK (style_changed_cb), self);
  update_accessible (self);
}

/* ---- Public ------------------------------------------------------------------------- */

GtkWidget *
up_chart_view_new (UpChartKind kind)
{
  return g_object_new (UP_TYPE_CHART_VIEW, "kind", kind, NULL);
}

UpChartKind
up_chart_view_get_kind (UpChartView *self)
{
  g_return_val_if_fail (UP_IS_CHART_VIEW (self), UP_CHART_CRISIS);
  return self->kind;
}

void
up_chart_view_set_kind (UpChartView *self,
                        UpChartKind  kind)
{
  g_return_if_fail (UP_IS_CHART_VIEW (self));
  g_return_if_fail ((int) kind >= 0 && kind < UP_CHART_N_KINDS);

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_clear_pointer (&self->chart, up_chart_free);
  self->chart = up_chart_new (kind);
  up_chart_set_theme (self->chart, &self->theme);
  refresh_data (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_KIND]);
}

UpPlanSession *
up_chart_view_get_session (UpChartView *self)
{
  g_return_val_if_fail (UP_IS_CHART_VIEW (self), NULL);
  return self->session;
}

void
up_chart_view_set_session (UpChartView   *self,
                           UpPlanSession *session)
{
  g_return_if_fail (UP_IS_CHART_VIEW (self));
  g_return_if_fail (session == NULL || UP_IS_PLAN_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "results-changed", G_CALLBACK (refresh_data), self);
  refresh_data (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}

gboolean
up_chart_view_get_discounted (UpChartView *self)
{
  g_return_val_if_fail (UP_IS_CHART_VIEW (self), FALSE);
  return self->discounted;
}

void
up_chart_view_set_discounted (UpChartView *self,
                              gboolean     discounted)
{
  g_return_if_fail (UP_IS_CHART_VIEW (self));

  discounted = !!discounted;
  if (self->discounted == discounted)
    return;
  self->discounted = discounted;
  refresh_data (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DISCOUNTED]);
}

int
up_chart_view_get_option (UpChartView *self)
{
  g_return_val_if_fail (UP_IS_CHART_VIEW (self), -1);
  return self->option;
}

void
up_chart_view_set_option (UpChartView *self,
                          int          option)
{
  g_return_if_fail (UP_IS_CHART_VIEW (self));

  option = MAX (option, -1);
  if (self->option == option)
    return;
  self->option = option;
  refresh_data (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_OPTION]);
}

UpChart *
up_chart_view_get_chart (UpChartView *self)
{
  g_return_val_if_fail (UP_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

void
up_chart_view_toggle_series (UpChartView *self,
                             int          series)
{
  g_return_if_fail (UP_IS_CHART_VIEW (self));

  if (series < 0 || series >= up_chart_get_n_series (self->chart))
    return;
  up_chart_set_series_visible (self->chart, series,
                               !up_chart_get_series_visible (self->chart, series));
  invalidate_layout (self);
  update_readout (self);
  update_accessible (self);
  g_signal_emit (self, signals[CHART_CHANGED], 0);
}

const char *
up_chart_view_get_readout (UpChartView *self)
{
  g_return_val_if_fail (UP_IS_CHART_VIEW (self), NULL);
  return self->readout;
}

const char *
up_chart_view_get_description (UpChartView *self)
{
  g_return_val_if_fail (UP_IS_CHART_VIEW (self), NULL);
  return self->description;
}

void
up_chart_view_set_title (UpChartView *self,
                         const char  *title)
{
  g_return_if_fail (UP_IS_CHART_VIEW (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  refresh_data (self);
}
