/* up-schedule.h
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A value that is either constant (one value) or given per cycle. Value i (1-based)
 * applies to cycle or transition i; a schedule shorter than the horizon keeps its last
 * value. Immutable once made, and shared by reference. */
typedef struct _UpSchedule UpSchedule;

#define UP_TYPE_SCHEDULE (up_schedule_get_type ())

GType       up_schedule_get_type      (void) G_GNUC_CONST;
UpSchedule *up_schedule_new_constant  (double            value);
UpSchedule *up_schedule_new           (const double     *values,
                                       guint             n_values);
UpSchedule *up_schedule_ref           (UpSchedule       *self);
void        up_schedule_unref         (UpSchedule       *self);
guint       up_schedule_get_length    (const UpSchedule *self);
gboolean    up_schedule_is_constant   (const UpSchedule *self);
const double *up_schedule_get_values  (const UpSchedule *self);
double      up_schedule_get           (const UpSchedule *self,
                                       guint             i);
gboolean    up_schedule_equal         (const UpSchedule *a,
                                       const UpSchedule *b);
/* Text form: "0.25" or "0.3 0.25 0.2" (locale independent). */
char       *up_schedule_to_string     (const UpSchedule *self);
UpSchedule *up_schedule_parse         (const char       *text,
                                       GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpSchedule, up_schedule_unref)

G_END_DECLS
