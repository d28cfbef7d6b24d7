/* up-settings-view.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan's own settings: what it is about, time, money, discounting, counting and
 * outcome measures, with the notes beside them. Every edit goes through the session
 * (undoable); the widgets follow the plan, so undo, redo and loading another plan show
 * up here. Widgets are named after their merge keys ("plan/horizon") so tests can
 * find them.
 */

#define G_LOG_DOMAIN "up-settings-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "up-number-field.h"
#include "up-settings-view.h"

/* The plain-text settings of a plan, each with its merge key. */
typedef enum
{
  TEXT_TITLE = 0,
  TEXT_PLACE,
  TEXT_AUTHOR,
  TEXT_DESCRIPTION,
  TEXT_NOTES,
  N_TEXTS
} TextField;

static const char *text_keys[N_TEXTS] = {
  "plan/title", "plan/place", "plan/author", "plan/description", "plan/notes",
};

/* The numbers of the Time group, in the order shown. */
static const char *time_keys[] = { "start-year", "horizon", "price-base-year" };

/* Currencies offered by name; any other code in a plan is shown as it is. */
static const struct
{
  const char *code;
  const char *name;
} currencies[] = {
  { "GBP", N_("Pound sterling (GBP, £)") },
  { "EUR", N_("Euro (EUR, €)") },
  { "USD", N_("US dollar (USD, $)") },
};

/* Discount schedules in the order of the dropdowns. */
static const UpDiscountSchedule schedule_order[] = {
  UP_DISCOUNT_GREENBOOK, UP_DISCOUNT_GREENBOOK_HEALTH, UP_DISCOUNT_CONSTANT,
};

/* Counting overrides of a measure in the order of its dropdown. */
static const UpCounting measure_counting_order[] = {
  UP_COUNTING_INHERIT, UP_COUNTING_BEGINNING, UP_COUNTING_END, UP_COUNTING_LIFE_TABLE,
};

struct _UpSettingsView
{
  GtkWidget            parent_instance;

  /* template widgets */
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *time_group;
  AdwPreferencesGroup *measures_group;
  AdwEntryRow         *title_row;
  AdwEntryRow         *place_row;
  AdwEntryRow         *author_row;
  GtkTextView         *description_view;
  GtkTextView         *notes_view;
  AdwComboRow         *currency_row;
  AdwExpanderRow      *price_index_row;
  AdwComboRow         *costs_schedule_row;
  AdwActionRow        *costs_rate_row;
  AdwComboRow         *outcomes_schedule_row;
  AdwActionRow        *outcomes_rate_row;
  GtkSwitch           *first_cycle_switch;
  GtkCheckButton      *counting_beginning;
  GtkCheckButton      *counting_end;
  GtkCheckButton      *counting_life_table;
  GtkButton           *add_measure_button;

  /* made in code */
  UpNumberField       *time_fields[G_N_ELEMENTS (time_keys)];
  UpNumberField       *costs_rate;
  UpNumberField       *outcomes_rate;
  UpNumberField       *new_year;
  UpNumberField       *new_index;
  GPtrArray           *price_rows;      /* AdwActionRow, one per year shown */
  GPtrArray           *price_fields;    /* UpNumberField, one per year shown */
  GArray              *price_years;     /* int, the years shown */
  GPtrArray           *measure_rows;    /* AdwExpanderRow, one per measure */
  GPtrArray           *money_fields;    /* UpNumberField that show the plan's currency */
  GStrv                currency_codes;  /* what currency_row lists */

  /* owned */
  UpPlanSession       *session;
  UpPlan              *plan;            /* the session's plan, whose signals we follow */
  guint                updating;        /* > 0 while widgets are set from the plan */
};

G_DEFINE_FINAL_TYPE (UpSettingsView, up_settings_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *props[N_PROPS];

static void sync_measure_row (UpSettingsView *self,
                              AdwExpanderRow *row);

/* ---- Helpers ------------------------------------------------------------------------ */

static gboolean
can_edit (UpSettingsView *self)
{
  return self->updating == 0 && self->session != NULL && self->plan != NULL;
}

static void
end_merge_cb (GtkEventControllerFocus *controller,
              UpSettingsView          *self)
{
  if (self->session != NULL)
    up_plan_session_end_merge (self->session);
}

/* Typing in a field merges into one undo step; leaving the field ends that step. */
static void
end_merge_on_leave (UpSettingsView *self,
                    GtkWidget      *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (end_merge_cb), self);
  gtk_widget_add_controller (widget, focus);
}

static const char *
get_text_setting (UpPlan    *plan,
                  TextField  field)
{
  switch (field)
    {
    case TEXT_TITLE: return up_item_get_name (UP_ITEM (plan));
    case TEXT_PLACE: return up_plan_get_place (plan);
    case TEXT_AUTHOR: return up_plan_get_author (plan);
    case TEXT_DESCRIPTION: return up_plan_get_description (plan);
    case TEXT_NOTES: return up_plan_get_notes (plan);
    case N_TEXTS:
    default: g_assert_not_reached ();
    }
}

static void
set_text_setting (UpPlan     *plan,
                  TextField   field,
                  const char *text)
{
  /* An emptied field removes the setting rather than saving an empty element. */
  if (text != NULL && *text == '\0')
    text = NULL;
  switch (field)
    {
    case TEXT_TITLE: up_item_set_name (UP_ITEM (plan), text); break;
    case TEXT_PLACE: up_plan_set_place (plan, text); break;
    case TEXT_AUTHOR: up_plan_set_author (plan, text); break;
    case TEXT_DESCRIPTION: up_plan_set_description (plan, text); break;
    case TEXT_NOTES: up_plan_set_notes (plan, text); break;
    case N_TEXTS:
    default: g_assert_not_reached ();
    }
}

static char *
buffer_get_all (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWidget *
make_suffix_field (GtkWidget *field)
{
  gtk_widget_set_valign (field, GTK_ALIGN_CENTER);
  return field;
}

static GtkStringList *
string_list_from_names (const char * const *names,
                        guint               n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(names[i]));
  return list;
}

static guint
schedule_position (UpDiscountSchedule schedule)
{
  for (guint i = 0; i < G_N_ELEMENTS (schedule_order); i++)
    if (schedule_order[i] == schedule)
      return i;
  return 0;
}

static guint
measure_counting_position (UpCounting counting)
{
  for (guint i = 0; i < G_N_ELEMENTS (measure_counting_order); i++)
    if (measure_counting_order[i] == counting)
      return i;
  return 0;
}

/* ---- From the plan to the widgets ---------------------------------------------------- */

static void
sync_texts (UpSettingsView *self)
{
  AdwEntryRow *rows[] = { self->title_row, self->place_row, self->author_row };
  GtkTextView *views[] = { self->description_view, self->notes_view };

  self->updating++;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *value = get_text_setting (self->plan, (TextField) i);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (rows[i])), value ? value : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (rows[i]), value ? value : "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (views[i]);
      const char *value = get_text_setting (self->plan, (TextField) (TEXT_DESCRIPTION + i));
      g_autofree char *shown = buffer_get_all (buffer);

      if (g_strcmp0 (shown, value ? value : "") != 0)
        gtk_text_buffer_set_text (buffer, value ? value : "", -1);
    }
  self->updating--;
}

static void
sync_currency (UpSettingsView *self)
{
  const char *code = up_plan_get_currency (self->plan);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_auto(GStrv) new_codes = NULL;
  gboolean known = FALSE;
  guint pick = 0;

  if (code == NULL)
    code = "GBP";
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      g_strv_builder_add (codes, currencies[i].code);
      gtk_string_list_append (names, _(currencies[i].name));
      if (g_str_equal (currencies[i].code, code))
        {
          known = TRUE;
          pick = i;
        }
    }
  if (!known)
    {
      /* A plan from elsewhere may use another ISO code: show it, keep it selectable. */
      g_strv_builder_add (codes, code);
      gtk_string_list_append (names, code);
      pick = G_N_ELEMENTS (currencies);
    }
  new_codes = g_strv_builder_end (codes);

  self->updating++;
  if (self->currency_codes == NULL ||
      !g_strv_equal ((const char * const *) self->currency_codes,
                     (const char * const *) new_codes))
    {
      g_strfreev (self->currency_codes);
      self->currency_codes = g_steal_pointer (&new_codes);
      adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (names));
    }
  adw_combo_row_set_selected (self->currency_row, pick);
  for (guint i = 0; i < self->money_fields->len; i++)
    up_number_field_set_currency (self->money_fields->pdata[i], code);
  for (guint i = 0; i < self->measure_rows->len; i++)
    sync_measure_row (self, self->measure_rows->pdata[i]);
  self->updating--;
}

static const char *
describe_schedule (UpDiscountSchedule schedule)
{
  switch (schedule)
    {
    case UP_DISCOUNT_GREENBOOK:
      /* xgettext:no-c-format */
      return _("3.5% a year for the first 30 years, then falling step by step");
    case UP_DISCOUNT_GREENBOOK_HEALTH:
      /* xgettext:no-c-format */
      return _("1.5% a year for the first 30 years, then falling step by step");
    case UP_DISCOUNT_CONSTANT:
    default:
      return _("The same rate every year, set below");
    }
}

static void
sync_discounting (UpSettingsView *self)
{
  UpDiscountSchedule costs = up_plan_get_discount_costs (self->plan);
  UpDiscountSchedule outcomes = up_plan_get_discount_outcomes (self->plan);

  self->updating++;
  adw_combo_row_set_selected (self->costs_schedule_row, schedule_position (costs));
  adw_combo_row_set_selected (self->outcomes_schedule_row, schedule_position (outcomes));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->costs_schedule_row),
                               describe_schedule (costs));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->outcomes_schedule_row),
                               describe_schedule (outcomes));
  /* A rate only matters for a constant schedule; the named ones set their own. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->costs_rate_row), costs == UP_DISCOUNT_CONSTANT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->outcomes_rate_row),
                            outcomes == UP_DISCOUNT_CONSTANT);
  gtk_switch_set_active (self->first_cycle_switch,
                         up_plan_get_discount_first_cycle (self->plan));
  self->updating--;
}

static void
sync_counting (UpSettingsView *self)
{
  GtkCheckButton *check;

  switch (up_plan_get_counting (self->plan))
    {
    case UP_COUNTING_END: check = self->counting_end; break;
    case UP_COUNTING_LIFE_TABLE: check = self->counting_life_table; break;
    case UP_COUNTING_BEGINNING:
    case UP_COUNTING_INHERIT:
    default: check = self->counting_beginning; break;
    }
  self->updating++;
  if (!gtk_check_button_get_active (check))
    gtk_check_button_set_active (check, TRUE);
  self->updating--;
}

/* ---- Price index ---------------------------------------------------------------------- */

static void
price_value_changed_cb (UpNumberField  *field,
                        UpSettingsView *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (field), "year"));
  g_autofree char *key = g_strdup_printf ("plan/price-index/%d", year);

  if (!can_edit (self))
    return;
  up_plan_session_begin_edit (self->session, key);
  up_plan_set_price_index_value (self->plan, year, up_number_field_get_value (field));
}

static void
price_remove_clicked_cb (GtkButton      *button,
                         UpSettingsView *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "year"));

  if (!can_edit (self))
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_plan_remove_price_index_value (self->plan, year);
}

static void
price_add_clicked_cb (UpSettingsView *self)
{
  int year = (int) up_number_field_get_value (self->new_year);
  double index = up_number_field_get_value (self->new_index);

  if (!can_edit (self))
    return;
  if (up_number_field_get_problem (self->new_year) != NULL ||
      up_number_field_get_problem (self->new_index) != NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  up_plan_session_begin_edit (self->session, NULL);
  up_plan_set_price_index_value (self->plan, year, index);
  up_number_field_set_value (self->new_year, year + 1);
}

static void
update_price_subtitle (UpSettingsView *self,
                       guint           n,
                       const int      *years)
{
  g_autofree char *subtitle = NULL;

  if (n == 0)
    subtitle = g_strdup (_("None: unit costs are used as entered, with no uplift"));
  else
    /* translators: %1$u is how many years, %2$d and %3$d the first and last */
    subtitle = g_strdup_printf (ngettext ("%1$u year, %2$d to %3$d. Unit costs from other "
                                          "years are uplifted to the price base year.",
                                          "%1$u years, %2$d to %3$d. Unit costs from other "
                                          "years are uplifted to the price base year.", n),
                                n, years[0], years[n - 1]);
  adw_expander_row_set_subtitle (self->price_index_row, subtitle);
}

static void
sync_price_index (UpSettingsView *self)
{
  const int *years = NULL;
  const double *values = NULL;
  guint n = up_plan_get_price_index (self->plan, &years, &values);
  gboolean same = n == self->price_years->len;

  for (guint i = 0; same && i < n; i++)
    same = g_array_index (self->price_years, int, i) == years[i];

  self->updating++;
  update_price_subtitle (self, n, years);
  /* Offer the year after the last one, the one most likely to be added next. */
  if (n > 0 && (self->price_years->len == 0 ||
                g_array_index (self->price_years, int, self->price_years->len - 1) !=
                years[n - 1]))
    up_number_field_set_value (self->new_year, MIN (years[n - 1] + 1, 2200));
  if (same)
    {
      /* Only values changed: keep the widgets, so typing in one is not interrupted. */
      for (guint i = 0; i < n; i++)
        if (up_number_field_get_value (self->price_fields->pdata[i]) != values[i])
          up_number_field_set_value (self->price_fields->pdata[i], values[i]);
      self->updating--;
      return;
    }

  for (guint i = 0; i < self->price_rows->len; i++)
    adw_expander_row_remove (self->price_index_row, self->price_rows->pdata[i]);
  g_ptr_array_set_size (self->price_rows, 0);
  g_ptr_array_set_size (self->price_fields, 0);
  g_array_set_size (self->price_years, 0);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *field = up_number_field_new (UP_UNIT_NUMBER);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *title = g_strdup_printf ("%d", years[i]);
      /* translators: accessible name of the price index field of a year */
      g_autofree char *field_name = g_strdup_printf (_("Price index for %d"), years[i]);
      /* translators: tooltip and accessible name of a button */
      g_autofree char *remove_name = g_strdup_printf (_("Remove %d from the price index"),
                                                      years[i]);
      g_autofree char *widget_name = g_strdup_printf ("plan/price-index/%d", years[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      up_number_field_set_range (UP_NUMBER_FIELD (field), 1e-6, 1e9);
      up_number_field_set_value (UP_NUMBER_FIELD (field), values[i]);
      gtk_widget_set_name (field, widget_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (up_number_field_get_spin_button (
                                        UP_NUMBER_FIELD (field))),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, field_name, -1);
      g_object_set_data (G_OBJECT (field), "year", GINT_TO_POINTER (years[i]));
      g_signal_connect (field, "value-changed", G_CALLBACK (price_value_changed_cb), self);
      end_merge_on_leave (self, field);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_suffix_field (field));

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_name, -1);
      g_object_set_data (G_OBJECT (remove), "year", GINT_TO_POINTER (years[i]));
      g_signal_connect (remove, "clicked", G_CALLBACK (price_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_expander_row_add_row (self->price_index_row, row);
      g_ptr_array_add (self->price_rows, row);
      g_ptr_array_add (self->price_fields, field);
      g_array_append_val (self->price_years, years[i]);
    }
  self->updating--;
}

static void
setup_price_add_row (UpSettingsView *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("A_dd"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a year"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("A year and its index, for example a GDP deflator"));
  self->new_year = UP_NUMBER_FIELD (up_number_field_new (UP_UNIT_YEAR));
  up_number_field_set_range (self->new_year, 1900, 2200);
  up_number_field_set_value (self->new_year, 2026);
  gtk_accessible_update_property (GTK_ACCESSIBLE (up_number_field_get_spin_button (
                                    self->new_year)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Year to add"), -1);
  gtk_widget_set_name (GTK_WIDGET (self->new_year), "plan/price-index/new-year");
  self->new_index = UP_NUMBER_FIELD (up_number_field_new (UP_UNIT_NUMBER));
  up_number_field_set_range (self->new_index, 1e-6, 1e9);
  up_number_field_set_value (self->new_index, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (up_number_field_get_spin_button (
                                    self->new_index)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Index of the year to add"),
                                  -1);
  gtk_widget_set_name (GTK_WIDGET (self->new_index), "plan/price-index/new-index");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_name (add, "plan/price-index/add");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (price_add_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_suffix_field (GTK_WIDGET (self->new_year)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_suffix_field (GTK_WIDGET (self->new_index)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  adw_expander_row_add_row (self->price_index_row, row);
}

/* ---- Outcome measures ---------------------------------------------------------------- */

static UpMeasure *
measure_for_widget (UpSettingsView *self,
                    GtkWidget      *widget)
{
  const char *id = g_object_get_data (G_OBJECT (widget), "measure-id");

  return id != NULL && self->plan != NULL ? up_plan_find_measure (self->plan, id) : NULL;
}

static void
measure_name_changed_cb (GtkEditable    *editable,
                         UpSettingsView *self)
{
  UpMeasure *measure = measure_for_widget (self, GTK_WIDGET (editable));
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *key = NULL;

  if (!can_edit (self) || measure == NULL ||
      g_strcmp0 (up_item_get_name (UP_ITEM (measure)), text) == 0)
    return;
  key = g_strdup_printf ("measure/%s/name", up_item_get_id (UP_ITEM (measure)));
  up_plan_session_begin_edit (self->session, key);
  up_item_set_name (UP_ITEM (measure), text);
}

static void
measure_unit_changed_cb (GtkEditable    *editable,
                         UpSettingsView *self)
{
  UpMeasure *measure = measure_for_widget (self, GTK_WIDGET (editable));
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *key = NULL;

  if (!can_edit (self) || measure == NULL)
    return;
  if (*text == '\0')
    text = NULL;
  if (g_strcmp0 (up_measure_get_unit (measure), text) == 0)
    return;
  key = g_strdup_printf ("measure/%s/unit", up_item_get_id (UP_ITEM (measure)));
  up_plan_session_begin_edit (self->session, key);
  up_measure_set_unit (measure, text);
}

static void
measure_counting_changed_cb (AdwComboRow    *row,
                             GParamSpec     *pspec,
                             UpSettingsView *self)
{
  UpMeasure *measure = measure_for_widget (self, GTK_WIDGET (row));
  guint pos = adw_combo_row_get_selected (row);
  UpCounting counting;

  if (!can_edit (self) || measure == NULL || pos >= G_N_ELEMENTS (measure_counting_order))
    return;
  counting = measure_counting_order[pos];
  if (up_measure_get_counting (measure) == counting)
    return;
  up_plan_session_begin_edit (self->session, NULL);
  up_measure_set_counting (measure, counting);
}

static void
measure_remove_clicked_cb (GtkButton      *button,
                           UpSettingsView *self)
{
  UpMeasure *measure = measure_for_widget (self, GTK_WIDGET (button));
  GListStore *measures, *states;
  guint pos;

  if (!can_edit (self) || measure == NULL)
    return;
  measures = up_plan_get_measures (self->plan);
  states = up_plan_get_states (self->plan);
  if (!g_list_store_find (measures, measure, &pos))
    return;
  up_plan_session_begin_edit (self->session, NULL);
  /* The states' weights for the measure go with it, or the plan would refer to a
   * measure that does not exist. One undo step brings both back. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (states)); i++)
    {
      g_autoptr(UpState) state = g_list_model_get_item (G_LIST_MODEL (states), i);

      up_state_set_weight (state, up_item_get_id (UP_ITEM (measure)), NULL);
    }
  g_list_store_remove (measures, pos);
}

static void
add_measure_clicked_cb (UpSettingsView *self)
{
  g_autoptr(UpMeasure) measure = NULL;
  g_autofree char *id = NULL;

  if (!can_edit (self))
    return;
  for (guint i = 1; id == NULL || up_plan_find_measure (self->plan, id) != NULL; i++)
    {
      g_free (id);
      id = g_strdup_printf ("measure-%u", i);
    }
  measure = up_measure_new (id, _("New outcome measure"));
  up_plan_session_begin_edit (self->session, NULL);
  g_list_store_append (up_plan_get_measures (self->plan), measure);
  /* Open the new measure so its name can be typed at once. */
  if (self->measure_rows->len > 0)
    adw_expander_row_set_expanded (g_ptr_array_index (self->measure_rows,
                                                      self->measure_rows->len - 1), TRUE);
}

static void
update_measure_summary (AdwExpanderRow *row,
                        UpMeasure      *measure,
                        const char     *currency)
{
  const char *name = up_item_get_name (UP_ITEM (measure));
  const char *unit = up_measure_get_unit (measure);
  const UpNumberSpec *spec = up_item_find_number (UP_ITEM (measure), "value");
  double value = up_item_get_number (UP_ITEM (measure), spec);
  g_autofree char *money = NULL;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 name != NULL && *name != '\0'
                                 ? name : up_item_get_id (UP_ITEM (measure)));
  if (unit == NULL || *unit == '\0')
    unit = _("no unit given");
  if (value > 0)
    {
      money = up_format_money (value, currency);
      /* translators: an outcome measure's unit and money value, as in
       * "QALY · valued at £70,000 each" */
      subtitle = g_strdup_printf (_("%s · valued at %s each"), unit, money);
    }
  else
    /* translators: an outcome measure's unit, as in "person-year · no money value" */
    subtitle = g_strdup_printf (_("%s · no money value"), unit);
  adw_expander_row_set_subtitle (row, subtitle);
}

static void
sync_measure_row (UpSettingsView *self,
                  AdwExpanderRow *row)
{
  UpMeasure *measure = measure_for_widget (self, GTK_WIDGET (row));
  GtkEditable *name = g_object_get_data (G_OBJECT (row), "name-row");
  GtkEditable *unit = g_object_get_data (G_OBJECT (row), "unit-row");
  AdwComboRow *counting = g_object_get_data (G_OBJECT (row), "counting-row");
  const char *value;

  if (measure == NULL)
    return;
  self->updating++;
  update_measure_summary (row, measure, up_plan_get_currency (self->plan));
  value = up_item_get_name (UP_ITEM (measure));
  if (g_strcmp0 (gtk_editable_get_text (name), value ? value : "") != 0)
    gtk_editable_set_text (name, value ? value : "");
  value = up_measure_get_unit (measure);
  if (g_strcmp0 (gtk_editable_get_text (unit), value ? value : "") != 0)
    gtk_editable_set_text (unit, value ? value : "");
  adw_combo_row_set_selected (counting,
                              measure_counting_position (up_measure_get_counting (measure)));
  self->updating--;
}

static void
measure_changed_cb (UpMeasure      *measure,
                    AdwExpanderRow *row)
{
  UpSettingsView *self = g_object_get_data (G_OBJECT (row), "view");

  sync_measure_row (self, row);
}

static GtkWidget *
make_measure_row (UpSettingsView *self,
                  UpMeasure      *measure)
{
  static const char *counting_names[] = {
    N_("The plan’s method"), N_("Start of the year"), N_("End of the year"),
    N_("Average of start and end"),
  };
  const char *id = up_item_get_id (UP_ITEM (measure));
  const UpNumberSpec *value_spec = up_item_find_number (UP_ITEM (measure), "value");
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *unit = adw_entry_row_new ();
  GtkWidget *value_row = adw_action_row_new ();
  GtkWidget *value = up_number_field_new_for_spec (value_spec);
  GtkWidget *counting = adw_combo_row_new ();
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Measure"));
  g_autoptr(GtkStringList) counting_list =
    string_list_from_names (counting_names, G_N_ELEMENTS (counting_names));
  g_autofree char *value_name = g_strdup_printf ("measure/%s/value", id);
  g_autofree char *name_key = g_strdup_printf ("measure/%s/name", id);

  g_object_set_data_full (G_OBJECT (row), "measure-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "view", self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  g_object_set_data_full (G_OBJECT (name), "measure-id", g_strdup (id), g_free);
  gtk_widget_set_name (name, name_key);
  g_signal_connect (name, "changed", G_CALLBACK (measure_name_changed_cb), self);
  end_merge_on_leave (self, name);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (unit), _("Unit, such as QALY"));
  g_object_set_data_full (G_OBJECT (unit), "measure-id", g_strdup (id), g_free);
  g_signal_connect (unit, "changed", G_CALLBACK (measure_unit_changed_cb), self);
  end_merge_on_leave (self, unit);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), unit);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (value_row), _(value_spec->label));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (value_row),
                               _("Money value of one unit, for the value to society; 0 "
                                 "leaves the outcome out of it"));
  gtk_widget_set_name (value, value_name);
  up_number_field_set_currency (UP_NUMBER_FIELD (value), up_plan_get_currency (self->plan));
  up_number_field_bind_item (UP_NUMBER_FIELD (value), self->session, UP_ITEM (measure),
                             value_spec);
  g_ptr_array_add (self->money_fields, value);
  adw_action_row_add_suffix (ADW_ACTION_ROW (value_row), make_suffix_field (value));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (counting), _("Counting"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (counting),
                               _("When in the year people are counted for this outcome"));
  adw_combo_row_set_model (ADW_COMBO_ROW (counting), G_LIST_MODEL (counting_list));
  g_object_set_data_full (G_OBJECT (counting), "measure-id", g_strdup (id), g_free);
  g_signal_connect (counting, "notify::selected", G_CALLBACK (measure_counting_changed_cb),
                    self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), counting);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remove_row),
                                 _("Remove this measure and its weights in every state"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  g_object_set_data_full (G_OBJECT (remove), "measure-id", g_strdup (id), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (measure_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);

  g_object_set_data (G_OBJECT (row), "name-row", name);
  g_object_set_data (G_OBJECT (row), "unit-row", unit);
  g_object_set_data (G_OBJECT (row), "counting-row", counting);
  /* Tied to the row: rows are rebuilt whenever the measures change. */
  g_signal_connect_object (measure, "changed", G_CALLBACK (measure_changed_cb), row, 0);
  sync_measure_row (self, ADW_EXPANDER_ROW (row));
  return row;
}

static void
rebuild_measures (UpSettingsView *self)
{
  GListModel *measures = G_LIST_MODEL (up_plan_get_measures (self->plan));

  for (guint i = 0; i < self->measure_rows->len; i++)
    adw_preferences_group_remove (self->measures_group, self->measure_rows->pdata[i]);
  g_ptr_array_set_size (self->measure_rows, 0);
  g_ptr_array_set_size (self->money_fields, 0);

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(UpMeasure) measure = g_list_model_get_item (measures, i);
      GtkWidget *row = make_measure_row (self, measure);

      adw_preferences_group_add (self->measures_group, row);
      g_ptr_array_add (self->measure_rows, row);
    }
}

/* ---- From the widgets to the plan ---------------------------------------------------- */

static void
entry_changed_cb (GtkEditable    *editable,
                  UpSettingsView *self)
{
  TextField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "field"));
  const char *text = gtk_editable_get_text (editable);

  if (!can_edit (self) || g_strcmp0 (get_text_setting (self->plan, field) ?: "", text) == 0)
    return;
  up_plan_session_begin_edit (self->session, text_keys[field]);
  set_text_setting (self->plan, field, text);
}

static void
buffer_changed_cb (GtkTextBuffer  *buffer,
                   UpSettingsView *self)
{
  TextField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "field"));
  g_autofree char *text = NULL;

  if (!can_edit (self))
    return;
  text = buffer_get_all (buffer);
  if (g_strcmp0 (get_text_setting (self->plan, field) ?: "", text) == 0)
    return;
  /* Same key within a short pause: a burst of typing is one undo step. */
  up_plan_session_begin_edit (self->session, text_keys[field]);
  set_text_setting (self->plan, field, text);
}

static void
currency_selected_cb (AdwComboRow    *row,
                      GParamSpec     *pspec,
                      UpSettingsView *self)
{
  guint pos = adw_combo_row_get_selected (row);

  if (!can_edit (self) || self->currency_codes == NULL ||
      pos >= g_strv_length (self->currency_codes) ||
      g_strcmp0 (up_plan_get_currency (self->plan), self->currency_codes[pos]) == 0)
    return;
  up_plan_session_begin_edit (self->session, "plan/currency");
  up_plan_set_currency (self->plan, self->currency_codes[pos]);
}

static void
schedule_selected_cb (AdwComboRow    *row,
                      GParamSpec     *pspec,
                      UpSettingsView *self)
{
  guint pos = adw_combo_row_get_selected (row);
  gboolean costs = row == self->costs_schedule_row;
  UpDiscountSchedule schedule;

  if (!can_edit (self) || pos >= G_N_ELEMENTS (schedule_order))
    return;
  schedule = schedule_order[pos];
  if (costs && up_plan_get_discount_costs (self->plan) != schedule)
    {
      up_plan_session_begin_edit (self->session, "plan/discount-costs");
      up_plan_set_discount_costs (self->plan, schedule);
    }
  else if (!costs && up_plan_get_discount_outcomes (self->plan) != schedule)
    {
      up_plan_session_begin_edit (self->session, "plan/discount-outcomes");
      up_plan_set_discount_outcomes (self->plan, schedule);
    }
}

static void
first_cycle_active_cb (GtkSwitch      *sw,
                       GParamSpec     *pspec,
                       UpSettingsView *self)
{
  gboolean active = gtk_switch_get_active (sw);

  if (!can_edit (self) || up_plan_get_discount_first_cycle (self->plan) == active)
    return;
  up_plan_session_begin_edit (self->session, "plan/discount-first-cycle");
  up_plan_set_discount_first_cycle (self->plan, active);
}

static void
counting_toggled_cb (GtkCheckButton *check,
                     UpSettingsView *self)
{
  UpCounting counting;

  if (!can_edit (self) || !gtk_check_button_get_active (check))
    return;
  if (check == self->counting_end)
    counting = UP_COUNTING_END;
  else if (check == self->counting_life_table)
    counting = UP_COUNTING_LIFE_TABLE;
  else
    counting = UP_COUNTING_BEGINNING;
  if (up_plan_get_counting (self->plan) == counting)
    return;
  up_plan_session_begin_edit (self->session, "plan/counting");
  up_plan_set_counting (self->plan, counting);
}

/* ---- Following the plan ---------------------------------------------------------------- */

static void
plan_notify_cb (UpSettingsView *self)
{
  sync_texts (self);
  sync_currency (self);
  sync_discounting (self);
  sync_counting (self);
}

static void
plan_changed_cb (UpSettingsView *self)
{
  /* The price index has no property of its own: "changed" covers it. */
  sync_price_index (self);
}

static void
measures_changed_cb (UpSettingsView *self)
{
  rebuild_measures (self);
}

static void
unbind_plan (UpSettingsView *self)
{
  if (self->plan == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->plan, self);
  g_signal_handlers_disconnect_by_data (up_plan_get_measures (self->plan), self);
  g_clear_object (&self->plan);
}

static void
bind_plan (UpSettingsView *self)
{
  UpPlan *plan = self->session != NULL ? up_plan_session_get_plan (self->session) : NULL;

  unbind_plan (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), plan != NULL);
  if (plan == NULL)
    return;
  self->plan = g_object_ref (plan);

  g_signal_connect_swapped (plan, "notify", G_CALLBACK (plan_notify_cb), self);
  g_signal_connect_swapped (plan, "changed", G_CALLBACK (plan_changed_cb), self);
  g_signal_connect_swapped (up_plan_get_measures (plan), "items-changed",
                            G_CALLBACK (measures_changed_cb), self);

  for (guint i = 0; i < G_N_ELEMENTS (time_keys); i++)
    up_number_field_bind_item (self->time_fields[i], self->session, UP_ITEM (plan),
                               up_item_find_number (UP_ITEM (plan), time_keys[i]));
  up_number_field_bind_item (self->costs_rate, self->session, UP_ITEM (plan),
                             up_item_find_number (UP_ITEM (plan), "discount-costs-rate"));
  up_number_field_bind_item (self->outcomes_rate, self->session, UP_ITEM (plan),
                             up_item_find_number (UP_ITEM (plan), "discount-outcomes-rate"));

  rebuild_measures (self);
  plan_notify_cb (self);
  sync_price_index (self);
}

/* ---- Construction ---------------------------------------------------------------------- */

static void
setup_time_group (UpSettingsView *self)
{
  UpItemClass *klass = g_type_class_ref (UP_TYPE_PLAN);

  for (guint i = 0; i < G_N_ELEMENTS (time_keys); i++)
    {
      const UpNumberSpec *spec = NULL;
      guint n = 0;
      const UpNumberSpec *specs = up_item_class_get_numbers (klass, &n);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *field;
      g_autofree char *name = g_strdup_printf ("plan/%s", time_keys[i]);

      for (guint s = 0; s < n; s++)
        if (g_str_equal (specs[s].key, time_keys[i]))
          spec = &specs[s];
      g_assert (spec != NULL);
      field = up_number_field_new_for_spec (spec);
      gtk_widget_set_name (field, name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->blurb));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_suffix_field (field));
      adw_preferences_group_add (self->time_group, row);
      self->time_fields[i] = UP_NUMBER_FIELD (field);
    }
  g_type_class_unref (klass);
}

static UpNumberField *
add_rate_field (AdwActionRow *row,
                const char   *key)
{
  UpItemClass *klass = g_type_class_ref (UP_TYPE_PLAN);
  guint n = 0;
  const UpNumberSpec *specs = up_item_class_get_numbers (klass, &n);
  GtkWidget *field = NULL;
  g_autofree char *name = g_strdup_printf ("plan/%s", key);

  for (guint s = 0; s < n; s++)
    if (g_str_equal (specs[s].key, key))
      field = up_number_field_new_for_spec (&specs[s]);
  g_assert (field != NULL);
  gtk_widget_set_name (field, name);
  adw_action_row_add_suffix (row, make_suffix_field (field));
  g_type_class_unref (klass);
  return UP_NUMBER_FIELD (field);
}

static void
setup_discounting (UpSettingsView *self)
{
  static const char *schedule_names[] = {
    N_("Green Book"), N_("Green Book for health"), N_("Constant rate"),
  };
  g_autoptr(GtkStringList) costs = string_list_from_names (schedule_names,
                                                           G_N_ELEMENTS (schedule_names));
  g_autoptr(GtkStringList) outcomes = string_list_from_names (schedule_names,
                                                              G_N_ELEMENTS (schedule_names));

  adw_combo_row_set_model (self->costs_schedule_row, G_LIST_MODEL (costs));
  adw_combo_row_set_model (self->outcomes_schedule_row, G_LIST_MODEL (outcomes));
  gtk_widget_set_name (GTK_WIDGET (self->costs_schedule_row), "plan/discount-costs");
  gtk_widget_set_name (GTK_WIDGET (self->outcomes_schedule_row), "plan/discount-outcomes");
  adw_action_row_set_subtitle (self->costs_rate_row,
                               _("Used when costs are discounted at a constant rate"));
  adw_action_row_set_subtitle (self->outcomes_rate_row,
                               _("Used when outcomes are discounted at a constant rate"));
  self->costs_rate = add_rate_field (self->costs_rate_row, "discount-costs-rate");
  self->outcomes_rate = add_rate_field (self->outcomes_rate_row, "discount-outcomes-rate");
}

static void
setup_text (UpSettingsView *self)
{
  AdwEntryRow *rows[] = { self->title_row, self->place_row, self->author_row };
  GtkTextView *views[] = { self->description_view, self->notes_view };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_object_set_data (G_OBJECT (rows[i]), "field", GINT_TO_POINTER (i));
      gtk_widget_set_name (GTK_WIDGET (rows[i]), text_keys[i]);
      g_signal_connect (rows[i], "changed", G_CALLBACK (entry_changed_cb), self);
      end_merge_on_leave (self, GTK_WIDGET (rows[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (views[i]);

      g_object_set_data (G_OBJECT (buffer), "field", GINT_TO_POINTER (TEXT_DESCRIPTION + i));
      gtk_widget_set_name (GTK_WIDGET (views[i]), text_keys[TEXT_DESCRIPTION + i]);
      g_signal_connect (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
      end_merge_on_leave (self, GTK_WIDGET (views[i]));
    }
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
up_settings_view_dispose (GObject *object)
{
  UpSettingsView *self = UP_SETTINGS_VIEW (object);
  GtkWidget *child;

  unbind_plan (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), UP_TYPE_SETTINGS_VIEW);
  /* The template's outer box is not a bound child, so it is not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (up_settings_view_parent_class)->dispose (object);
}

static void
up_settings_view_finalize (GObject *object)
{
  UpSettingsView *self = UP_SETTINGS_VIEW (object);

  g_ptr_array_unref (self->price_rows);
  g_ptr_array_unref (self->price_fields);
  g_array_unref (self->price_years);
  g_ptr_array_unref (self->measure_rows);
  g_ptr_array_unref (self->money_fields);
  g_strfreev (self->currency_codes);
  G_OBJECT_CLASS (up_settings_view_parent_class)->finalize (object);
}

static void
up_settings_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UpSettingsView *self = UP_SETTINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_settings_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  UpSettingsView *self = UP_SETTINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: up_settings_view_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_settings_view_class_init (UpSettingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_settings_view_dispose;
  object_class->finalize = up_settings_view_finalize;
  object_class->get_property = up_settings_view_get_property;
  object_class->set_property = up_settings_view_set_property;

  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UP_TYPE_PLAN_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/upstreamplanner/Upstream/ui/"
                                               "up-settings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, page);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, time_group);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, measures_group);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, title_row);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, place_row);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, author_row);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, description_view);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, notes_view);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, currency_row);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, price_index_row);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, costs_schedule_row);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, costs_rate_row);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, outcomes_schedule_row);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, outcomes_rate_row);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, first_cycle_switch);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, counting_beginning);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, counting_end);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, counting_life_table);
  gtk_widget_class_bind_template_child (widget_class, UpSettingsView, add_measure_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "settingsview");
}

static void
up_settings_view_init (UpSettingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->price_rows = g_ptr_array_new ();
  self->price_fields = g_ptr_array_new ();
  self->price_years = g_array_new (FALSE, FALSE, sizeof (int));
  self->measure_rows = g_ptr_array_new ();
  self->money_fields = g_ptr_array_new ();

  setup_text (self);
  setup_time_group (self);
  setup_discounting (self);
  setup_price_add_row (self);
  gtk_widget_set_name (GTK_WIDGET (self->currency_row), "plan/currency");

  g_signal_connect (self->currency_row, "notify::selected",
                    G_CALLBACK (currency_selected_cb), self);
  g_signal_connect (self->costs_schedule_row, "notify::selected",
                    G_CALLBACK (schedule_selected_cb), self);
  g_signal_connect (self->outcomes_schedule_row, "notify::selected",
                    G_CALLBACK (schedule_selected_cb), self);
  g_signal_connect (self->first_cycle_switch, "notify::active",
                    G_CALLBACK (first_cycle_active_cb), self);
  g_signal_connect (self->counting_beginning, "toggled", G_CALLBACK (counting_toggled_cb), self);
  g_signal_connect (self->counting_end, "toggled", G_CALLBACK (counting_toggled_cb), self);
  g_signal_connect (self->counting_life_table, "toggled",
                    G_CALLBACK (counting_toggled_cb), self);
  g_signal_connect_swapped (self->add_measure_button, "clicked",
                            G_CALLBACK (add_measure_clicked_cb), self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

UpPlanSession *
up_settings_view_get_session (UpSettingsView *self)
{
  g_return_val_if_fail (UP_IS_SETTINGS_VIEW (self), NULL);
  return self->session;
}

void
up_settings_view_set_session (UpSettingsView *self,
                              UpPlanSession  *session)
{
  g_return_if_fail (UP_IS_SETTINGS_VIEW (self));
  g_return_if_fail (session == NULL || UP_IS_PLAN_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "plan-replaced", G_CALLBACK (bind_plan), self);
  bind_plan (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}
