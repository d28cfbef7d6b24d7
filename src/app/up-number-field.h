/* up-number-field.h: a number the user can type, with its unit, range and checks
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "up-plan-session.h"

G_BEGIN_DECLS

#define UP_TYPE_NUMBER_FIELD (up_number_field_get_type ())
G_DECLARE_FINAL_TYPE (UpNumberField, up_number_field, UP, NUMBER_FIELD, GtkWidget)

/* Shows money as "£420,000", fractions as "35%", and so on (UpUnit). Values are always
 * in model units: a fraction of 0.35 is shown as 35%. */
GtkWidget  *up_number_field_new           (UpUnit         unit);
/* A field for a numeric parameter described by spec, with its unit and range. */
GtkWidget  *up_number_field_new_for_spec  (const UpNumberSpec *spec);
void        up_number_field_set_range     (UpNumberField *self,
                                           double         min,
                                           double         max);
void        up_number_field_set_integer   (UpNumberField *self,
                                           gboolean       integer);
void        up_number_field_set_currency  (UpNumberField *self,
                                           const char    *currency);
double      up_number_field_get_value     (UpNumberField *self);
/* Sets the value shown, without emitting value-changed. */
void        up_number_field_set_value     (UpNumberField *self,
                                           double         value);
/* Marks the field as holding a value the plan refuses (NULL clears). */
void        up_number_field_set_problem   (UpNumberField *self,
                                           const char    *message);
const char *up_number_field_get_problem   (UpNumberField *self);
/* Marks the value as different from business as usual. */
void        up_number_field_set_changed   (UpNumberField *self,
                                           gboolean       changed);
/* Two-way binding to a numeric parameter of item: user edits go through the session
 * (undoable, merged while typing), and changes to the item update the field. */
void        up_number_field_bind_item     (UpNumberField *self,
                                           UpPlanSession *session,
                                           UpItem        *item,
                                           const UpNumberSpec *spec);
/* Two-way binding to a parameter path (up_plan_get_param()). */
void        up_number_field_bind_param    (UpNumberField *self,
                                           UpPlanSession *session,
                                           const char    *path);
/* What the field is bound to: an item and the key of its number, or a parameter path
 * (then *item is NULL). For tests and for "pin to workshop". */
void        up_number_field_get_binding   (UpNumberField *self,
                                           UpItem       **item,
                                           const char   **key_or_path);
/* The spin button inside, for focus and tests. */
GtkSpinButton *up_number_field_get_spin_button (UpNumberField *self);

/* Parses what a person typed for a unit ("£1,200", "35%", "1.2m"); FALSE if it is not
 * a number. Exposed for tests. */
gboolean    up_number_field_parse         (UpUnit         unit,
                                           const char    *text,
                                           double        *value);

G_END_DECLS
