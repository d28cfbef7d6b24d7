/* up-util.h: small locale-independent helpers shared by the core
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UP_SCHEDULE_MAX 1000

/* Shortest text that reads back to the same double; buf has G_ASCII_DTOSTR_BUF_SIZE. */
const char *up_format_double (char       *buf,
                              double      value);
/* Whole string must be a finite number in C syntax; NaN, infinities and overflow fail. */
gboolean    up_parse_double  (const char *text,
                              double     *out,
                              GError    **error);
gboolean    up_parse_int     (const char *text,
                              gint64      min,
                              gint64      max,
                              gint64     *out,
                              GError    **error);
gboolean    up_is_valid_id   (const char *id);

G_END_DECLS
