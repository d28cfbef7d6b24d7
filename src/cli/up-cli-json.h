/* up-cli-json.h: a small streaming JSON writer
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes indented JSON into a GString. Strings are escaped (invalid UTF-8 is repaired),
 * numbers use the shortest C-locale form that reads back exactly, and NaN or infinities
 * become null. A container opened "compact" is written on one line, with everything
 * inside it, which keeps arrays of numbers readable.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _UpCliJson UpCliJson;

UpCliJson *up_cli_json_new            (GString    *out);
void       up_cli_json_free           (UpCliJson  *self);
/* TRUE once exactly one complete value has been written. */
gboolean   up_cli_json_is_complete    (UpCliJson  *self);

void       up_cli_json_begin_object   (UpCliJson  *self,
                                       gboolean    compact);
void       up_cli_json_end_object     (UpCliJson  *self);
void       up_cli_json_begin_array    (UpCliJson  *self,
                                       gboolean    compact);
void       up_cli_json_end_array      (UpCliJson  *self);
/* Inside an object: the key of the next value. */
void       up_cli_json_key            (UpCliJson  *self,
                                       const char *key);

void       up_cli_json_string         (UpCliJson  *self,
                                       const char *value);   /* NULL: null */
void       up_cli_json_number         (UpCliJson  *self,
                                       double      value);   /* NaN, ±inf: null */
void       up_cli_json_int            (UpCliJson  *self,
                                       gint64      value);
void       up_cli_json_boolean        (UpCliJson  *self,
                                       gboolean    value);
void       up_cli_json_null           (UpCliJson  *self);

/* key + value in one call. */
void       up_cli_json_member_string  (UpCliJson  *self,
                                       const char *key,
                                       const char *value);
void       up_cli_json_member_number  (UpCliJson  *self,
                                       const char *key,
                                       double      value);
void       up_cli_json_member_int     (UpCliJson  *self,
                                       const char *key,
                                       gint64      value);
void       up_cli_json_member_boolean (UpCliJson  *self,
                                       const char *key,
                                       gboolean    value);
void       up_cli_json_member_null    (UpCliJson  *self,
                                       const char *key);

/* Appends value as a quoted, escaped JSON string. */
void       up_cli_json_append_string  (GString    *out,
                                       const char *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpCliJson, up_cli_json_free)

G_END_DECLS
