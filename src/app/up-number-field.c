/* up-number-field.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-number-field"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "up-number-field.h"
#include "up-workshop-window.h"

struct _UpNumberField
{
  GtkWidget      parent_instance;

  GtkSpinButton *spin;
  UpUnit         unit;
  double         scale;      /* displayed = model × scale (100 for fractions) */
  double         min, max;   /* model units */
  gboolean       integer;
  double         last_value;  /* model units, as last shown or applied */
  char          *currency;
  char          *problem;
  guint          updating : 1;

  /* binding */
  UpPlanSession *session;
  UpItem        *item;
  const UpNumberSpec *spec;
  char          *path;
  char          *merge_key;
  gulong         notify_id;
  GObject       *watched;
};

G_DEFINE_FINAL_TYPE (UpNumberField, up_number_field, GTK_TYPE_WIDGET)

enum { VALUE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static int
digits_for (UpNumberField *self)
{
  if (self->integer)
    return 0;
  switch (self->unit)
    {
    case UP_UNIT_MONEY: return 0;
    case UP_UNIT_PEOPLE: return 0;
    case UP_UNIT_FRACTION:
    case UP_UNIT_RATE: return 1;
    case UP_UNIT_RATIO: return 3;
    case UP_UNIT_HOURS: return 1;
    default: return 3;
    }
}

static char *
format_value (UpNumberField *self,
              double         shown)
{
  int digits = digits_for (self);
  g_autofree char *number = NULL;

  /* Show only the decimals a value needs, up to the field's precision. */
  for (int d = 0; d <= digits; d++)
    if (fabs (shown * pow (10, d) - round (shown * pow (10, d))) < 1e-9 || d == digits)
      {
        number = g_strdup_printf ("%'.*f", d, shown);
        break;
      }

  switch (self->unit)
    {
    case UP_UNIT_MONEY:
      {
        const char *symbol = up_currency_symbol (self->currency);

        if (symbol != NULL)
          return g_strdup_printf (shown < 0 ? "−%s%s" : "%s%s", symbol,
                                  shown < 0 ? number + 1 : number);
        return g_strdup_printf ("%s %s", self->currency ? self->currency : "", number);
      }
    case UP_UNIT_FRACTION:
    case UP_UNIT_RATE:
      /* translators: a percentage typed in a field */
      return g_strdup_printf (_("%s%%"), number);
    case UP_UNIT_YEAR:
      return g_strdup_printf ("%.0f", shown);
    case UP_UNIT_RATIO:
      /* translators: a relative risk or other ratio, as in "× 0.7" */
      return g_strdup_printf (_("× %s"), number);
    default:
      return g_steal_pointer (&number);
    }
}

gboolean
up_number_field_parse (UpUnit      unit,
                       const char *text,
                       double     *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  struct lconv *lc = localeconv ();
  const char *decimal = lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";
  const char *thousands = lc->thousands_sep ? lc->thousands_sep : "";
  double multiplier = 1.0, v;
  char *end = NULL;
  const char *p;

  if (text == NULL)
    return FALSE;
  /* Keep digits, signs, the decimal point and exponents; drop currency symbols,
   * grouping, spaces, %, ×. A trailing k or m multiplies, as in "£1.2m". */
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (*thousands && strncmp (p, thousands, strlen (thousands)) == 0 &&
          strcmp (thousands, decimal) != 0)
        {
          p += strlen (thousands) - 1;
          continue;
        }
      if (strncmp (p, decimal, strlen (decimal)) == 0)
        {
          g_string_append_c (clean, '.');
          p += strlen (decimal) - 1;
          continue;
        }
      if (g_ascii_isdigit (c) || c == '.' || c == '+' || c == 'e' || c == 'E')
        g_string_append_c (clean, (char) c);
      else if (c == '-' || c == 0x2212)
        g_string_append_c (clean, '-');
      else if ((c == 'k' || c == 'K') && unit == UP_UNIT_MONEY)
        multiplier = 1e3;
      else if ((c == 'm' || c == 'M') && unit == UP_UNIT_MONEY)
        multiplier = 1e6;
      else if (c == ',' && strcmp (decimal, ",") != 0)
        continue;
      else if (g_unichar_isspace (c) || c == '%' || c == 0x00D7 || c == 0x00A3 ||
               c == 0x20AC || c == '$' || c == 0x202F || c == 0x00A0 ||
               g_unichar_isalpha (c))
        {
          if (g_unichar_isalpha (c) && unit != UP_UNIT_MONEY)
            return FALSE;
          continue;
        }
      else
        return FALSE;
    }
  if (clean->len == 0)
    return FALSE;
  v = g_ascii_strtod (clean->str, &end);
  if (end == clean->str || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v * multiplier;
  return TRUE;
}

static void
set_problem_internal (UpNumberField *self,
                      const char    *message)
{
  if (g_strcmp0 (self->problem, message) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (message);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->spin), "invalid");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->spin), message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->spin),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->spin), "invalid");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->spin), NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->spin),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->spin), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value,
               UpNumberField *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  double v;

  if (!up_number_field_parse (self->unit, text, &v))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number"), text);

      set_problem_internal (self, message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return GTK_INPUT_ERROR;
    }
  if (v / self->scale < self->min - 1e-12 || v / self->scale > self->max + 1e-12)
    {
      g_autofree char *lo = format_value (self, self->min * self->scale);
      g_autofree char *hi = format_value (self, self->max * self->scale);
      g_autofree char *message = g_strdup_printf (_("Must be between %s and %s"), lo, hi);

      set_problem_internal (self, message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return GTK_INPUT_ERROR;
    }
  if (self->integer && v != floor (v))
    {
      set_problem_internal (self, _("Must be a whole number"));
      return GTK_INPUT_ERROR;
    }
  *new_value = v;
  return TRUE;
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                UpNumberField *self)
{
  g_autofree char *text = format_value (self, gtk_spin_button_get_value (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
apply_to_binding (UpNumberField *self,
                  double         value)
{
  if (self->session == NULL)
    return;
  if (self->item != NULL && self->spec != NULL)
    {
      if (up_item_get_number (self->item, self->spec) == value)
        return;
      up_plan_session_begin_edit (self->session, self->merge_key);
      up_item_set_number (self->item, self->spec, value);
    }
  else if (self->path != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!up_plan_session_set_param (self->session, self->path, value, &error))
        set_problem_internal (self, error->message);
    }
}

static void
spin_value_changed_cb (GtkSpinButton *spin,
                       UpNumberField *self)
{
  double value;

  if (self->updating)
    return;
  value = gtk_spin_button_get_value (spin) / self->scale;
  /* GTK also emits this when it puts back the old value after refused text: keep the
   * message about the refused text then. */
  if (value == self->last_value && self->problem != NULL)
    return;
  self->last_value = value;
  set_problem_internal (self, NULL);
  apply_to_binding (self, value);
  g_signal_emit (self, signals[VALUE_CHANGED], 0);
}

static void
focus_leave_cb (UpNumberField *self)
{
  if (self->session != NULL)
    up_plan_session_end_merge (self->session);
}

static void
configure_adjustment (UpNumberField *self)
{
  GtkAdjustment *adj = gtk_spin_button_get_adjustment (self->spin);
  double lo = self->min * self->scale, hi = self->max * self->scale;
  double step = 1, page = 10;

  switch (self->unit)
    {
    case UP_UNIT_MONEY: step = 100; page = 10000; break;
    case UP_UNIT_FRACTION: case UP_UNIT_RATE: step = 1; page = 10; break;
    case UP_UNIT_RATIO: step = 0.05; page = 0.25; break;
    case UP_UNIT_PEOPLE: step = 10; page = 100; break;
    default: step = self->integer ? 1 : 0.1; page = self->integer ? 5 : 1; break;
    }
  self->updating = TRUE;
  gtk_adjustment_configure (adj, CLAMP (gtk_adjustment_get_value (adj), lo, hi), lo, hi, step,
                            page, 0);
  gtk_spin_button_set_digits (self->spin, self->unit == UP_UNIT_RATIO ? 3 : digits_for (self));
  self->updating = FALSE;
}

static void
up_number_field_dispose (GObject *object)
{
  UpNumberField *self = UP_NUMBER_FIELD (object);

  if (self->watched != NULL)
    g_clear_signal_handler (&self->notify_id, self->watched);
  g_clear_object (&self->watched);
  if (self->spin != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->spin));
      self->spin = NULL;
    }
  g_clear_object (&self->session);
  g_clear_object (&self->item);
  G_OBJECT_CLASS (up_number_field_parent_class)->dispose (object);
}

static void
up_number_field_finalize (GObject *object)
{
  UpNumberField *self = UP_NUMBER_FIELD (object);

  g_free (self->currency);
  g_free (self->problem);
  g_free (self->path);
  g_free (self->merge_key);
  G_OBJECT_CLASS (up_number_field_parent_class)->finalize (object);
}

static gboolean
up_number_field_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (UP_NUMBER_FIELD (widget)->spin));
}

static void
pin_to_workshop_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  up_workshop_pin_field (UP_NUMBER_FIELD (widget));
}

static void
up_number_field_class_init (UpNumberFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_number_field_dispose;
  object_class->finalize = up_number_field_finalize;
  widget_class->grab_focus = up_number_field_grab_focus;

  /**
   * UpNumberField::value-changed:
   *
   * The user changed the value (not emitted by up_number_field_set_value()).
   */
  signals[VALUE_CHANGED] =
    g_signal_new ("value-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "field.pin-to-workshop", NULL,
                                   pin_to_workshop_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "numberfield");
}

static void
up_number_field_init (UpNumberField *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->scale = 1.0;
  self->min = -1e15;
  self->max = 1e15;
  self->currency = g_strdup ("GBP");
  self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new (NULL, 1, 0));
  gtk_spin_button_set_numeric (self->spin, FALSE);
  gtk_spin_button_set_update_policy (self->spin, GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->spin), 9);
  gtk_editable_set_alignment (GTK_EDITABLE (self->spin), 1.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->spin), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->spin), GTK_WIDGET (self));
  g_signal_connect (self->spin, "input", G_CALLBACK (spin_input_cb), self);
  g_signal_connect (self->spin, "output", G_CALLBACK (spin_output_cb), self);
  g_signal_connect (self->spin, "value-changed", G_CALLBACK (spin_value_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->spin), focus);
  /* The text's context menu (right-click, Shift+F10, long-press) offers the lever. */
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->spin));

    g_menu_append (menu, _("Pin to _Workshop"), "field.pin-to-workshop");
    if (GTK_IS_TEXT (text))
      gtk_text_set_extra_menu (GTK_TEXT (text), G_MENU_MODEL (menu));
  }
  configure_adjustment (self);
}

GtkWidget *
up_number_field_new (UpUnit unit)
{
  UpNumberField *self = g_object_new (UP_TYPE_NUMBER_FIELD, NULL);

  self->unit = unit;
  self->scale = (unit == UP_UNIT_FRACTION || unit == UP_UNIT_RATE) ? 100.0 : 1.0;
  self->integer = unit == UP_UNIT_CYCLES || unit == UP_UNIT_CYCLE || unit == UP_UNIT_YEAR;
  configure_adjustment (self);
  return GTK_WIDGET (self);
}

GtkWidget *
up_number_field_new_for_spec (const UpNumberSpec *spec)
{
  GtkWidget *widget = up_number_field_new (spec->unit);
  UpNumberField *self = UP_NUMBER_FIELD (widget);

  self->integer = spec->integer;
  up_number_field_set_range (self, spec->min, spec->max);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(spec->label), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spin), _(spec->blurb));
  return widget;
}

void
up_number_field_set_range (UpNumberField *self,
                           double         min,
                           double         max)
{
  g_return_if_fail (UP_IS_NUMBER_FIELD (self));
  self->min = min;
  self->max = max;
  configure_adjustment (self);
}

void
up_number_field_set_integer (UpNumberField *self,
                             gboolean       integer)
{
  g_return_if_fail (UP_IS_NUMBER_FIELD (self));
  self->integer = integer;
  configure_adjustment (self);
}

void
up_number_field_set_currency (UpNumberField *self,
                              const char    *currency)
{
  g_return_if_fail (UP_IS_NUMBER_FIELD (self));
  g_free (self->currency);
  self->currency = g_strdup (currency ? currency : "GBP");
  spin_output_cb (self->spin, self);
}

double
up_number_field_get_value (UpNumberField *self)
{
  g_return_val_if_fail (UP_IS_NUMBER_FIELD (self), 0);
  return gtk_spin_button_get_value (self->spin) / self->scale;
}

void
up_number_field_set_value (UpNumberField *self,
                           double         value)
{
  GtkAdjustment *adj;

  g_return_if_fail (UP_IS_NUMBER_FIELD (self));
  adj = gtk_spin_button_get_adjustment (self->spin);
  self->updating = TRUE;
  /* A stored value outside the range (from a file) is shown as it is, not clamped. */
  if (value * self->scale < gtk_adjustment_get_lower (adj))
    gtk_adjustment_set_lower (adj, value * self->scale);
  if (value * self->scale > gtk_adjustment_get_upper (adj))
    gtk_adjustment_set_upper (adj, value * self->scale);
  gtk_spin_button_set_value (self->spin, value * self->scale);
  self->last_value = gtk_spin_button_get_value (self->spin) / self->scale;
  spin_output_cb (self->spin, self);
  self->updating = FALSE;
}

void
up_number_field_set_problem (UpNumberField *self,
                             const char    *message)
{
  g_return_if_fail (UP_IS_NUMBER_FIELD (self));
  set_problem_internal (self, message);
}

const char *
up_number_field_get_problem (UpNumberField *self)
{
  g_return_val_if_fail (UP_IS_NUMBER_FIELD (self), NULL);
  return self->problem;
}

void
up_number_field_set_changed (UpNumberField *self,
                             gboolean       changed)
{
  g_return_if_fail (UP_IS_NUMBER_FIELD (self));
  if (changed)
    gtk_widget_add_css_class (GTK_WIDGET (self->spin), "changed-from-bau");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->spin), "changed-from-bau");
}

static void
item_notify_cb (GObject       *object,
                GParamSpec    *pspec,
                UpNumberField *self)
{
  up_number_field_set_value (self, up_item_get_number (self->item, self->spec));
}

static void
plan_changed_cb (UpPlan        *plan,
                 UpNumberField *self)
{
  double value;

  if (up_plan_get_param (plan, self->path, &value, NULL))
    up_number_field_set_value (self, value);
}

static void
unwatch (UpNumberField *self)
{
  if (self->watched != NULL)
    g_clear_signal_handler (&self->notify_id, self->watched);
  g_clear_object (&self->watched);
}

void
up_number_field_bind_item (UpNumberField      *self,
                           UpPlanSession      *session,
                           UpItem             *item,
                           const UpNumberSpec *spec)
{
  g_autofree char *detail = NULL;

  g_return_if_fail (UP_IS_NUMBER_FIELD (self));
  g_return_if_fail (UP_IS_ITEM (item));

  unwatch (self);
  g_set_object (&self->session, session);
  g_set_object (&self->item, item);
  self->spec = spec;
  g_clear_pointer (&self->path, g_free);
  g_free (self->merge_key);
  self->merge_key = g_strdup_printf ("%p/%s", (void *) item, spec->key);
  detail = g_strconcat ("notify::", spec->key, NULL);
  self->watched = g_object_ref (G_OBJECT (item));
  self->notify_id = g_signal_connect (item, detail, G_CALLBACK (item_notify_cb), self);
  up_number_field_set_value (self, up_item_get_number (item, spec));
}

void
up_number_field_bind_param (UpNumberField *self,
                            UpPlanSession *session,
                            const char    *path)
{
  UpPlan *plan = up_plan_session_get_plan (session);
  double value = 0;

  g_return_if_fail (UP_IS_NUMBER_FIELD (self));

  unwatch (self);
  g_set_object (&self->session, session);
  g_clear_object (&self->item);
  self->spec = NULL;
  g_free (self->path);
  self->path = g_strdup (path);
  g_free (self->merge_key);
  self->merge_key = g_strdup (path);
  self->watched = g_object_ref (G_OBJECT (plan));
  self->notify_id = g_signal_connect (plan, "changed", G_CALLBACK (plan_changed_cb), self);
  if (up_plan_get_param (plan, path, &value, NULL))
    up_number_field_set_value (self, value);
}

GtkSpinButton *
up_number_field_get_spin_button (UpNumberField *self)
{
  g_return_val_if_fail (UP_IS_NUMBER_FIELD (self), NULL);
  return self->spin;
}

void
up_number_field_get_binding (UpNumberField  *self,
                             UpItem        **item,
                             const char    **key_or_path)
{
  g_return_if_fail (UP_IS_NUMBER_FIELD (self));
  if (item != NULL)
    *item = self->item;
  if (key_or_path != NULL)
    *key_or_path = self->spec != NULL ? self->spec->key : self->path;
}
