/* up-cli-json.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-cli-json"

#include "config.h"

#include "up-cli-format.h"
#include "up-cli-json.h"

typedef struct
{
  gboolean is_object;
  gboolean compact;
  guint    count;       /* values written so far */
} Frame;

struct _UpCliJson
{
  GString  *out;        /* borrowed */
  GArray   *frames;     /* of Frame: the open containers */
  gboolean  after_key;  /* a key was written; its value comes next */
  gboolean  complete;   /* the top-level value is finished */
};

static Frame *
top_frame (UpCliJson *self)
{
  if (self->frames->len == 0)
    return NULL;
  return &g_array_index (self->frames, Frame, self->frames->len - 1);
}

static void
newline_indent (UpCliJson *self,
                guint      depth)
{
  g_string_append_c (self->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (self->out, "  ");
}

/* Writes what separates the next value (or key) from the previous one. */
static gboolean
begin_value (UpCliJson *self,
             gboolean   is_key)
{
  Frame *frame = top_frame (self);

  if (frame == NULL)
    {
      g_return_val_if_fail (!self->complete, FALSE);
      return TRUE;
    }
  if (frame->is_object && !is_key)
    {
      g_return_val_if_fail (self->after_key, FALSE);
      self->after_key = FALSE;
      return TRUE;
    }
  g_return_val_if_fail (!self->after_key, FALSE);
  if (frame->count > 0)
    g_string_append_c (self->out, ',');
  if (frame->compact)
    {
      if (frame->count > 0)
        g_string_append_c (self->out, ' ');
    }
  else
    newline_indent (self, self->frames->len);
  frame->count++;
  return TRUE;
}

static void
end_value (UpCliJson *self)
{
  if (self->frames->len == 0)
    {
      self->complete = TRUE;
      g_string_append_c (self->out, '\n');
    }
}

static void
begin_container (UpCliJson *self,
                 gboolean   is_object,
                 gboolean   compact)
{
  Frame *parent;
  Frame frame = { is_object, compact, 0 };

  if (!begin_value (self, FALSE))
    return;
  parent = top_frame (self);
  if (parent != NULL && parent->compact)
    frame.compact = TRUE;
  g_string_append_c (self->out, is_object ? '{' : '[');
  g_array_append_val (self->frames, frame);
}

static void
end_container (UpCliJson *self,
               gboolean   is_object)
{
  Frame *frame = top_frame (self);

  g_return_if_fail (frame != NULL && frame->is_object == is_object);
  g_return_if_fail (!self->after_key);

  if (!frame->compact && frame->count > 0)
    newline_indent (self, self->frames->len - 1);
  g_string_append_c (self->out, is_object ? '}' : ']');
  g_array_set_size (self->frames, self->frames->len - 1);
  end_value (self);
}

void
up_cli_json_append_string (GString    *out,
                           const char *value)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (value != NULL);

  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);

  g_string_append_c (out, '"');
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          /* U+2028 and U+2029 are valid JSON but end lines in JavaScript source. */
          if (c < 0x20 || c == 0x2028 || c == 0x2029)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

UpCliJson *
up_cli_json_new (GString *out)
{
  UpCliJson *self;

  g_return_val_if_fail (out != NULL, NULL);

  self = g_new0 (UpCliJson, 1);
  self->out = out;
  self->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  return self;
}

void
up_cli_json_free (UpCliJson *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->frames);
  g_free (self);
}

gboolean
up_cli_json_is_complete (UpCliJson *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->complete;
}

void
up_cli_json_begin_object (UpCliJson *self,
                          gboolean   compact)
{
  g_return_if_fail (self != NULL);

  begin_container (self, TRUE, compact);
}

void
up_cli_json_end_object (UpCliJson *self)
{
  g_return_if_fail (self != NULL);

  end_container (self, TRUE);
}

void
up_cli_json_begin_array (UpCliJson *self,
                         gboolean   compact)
{
  g_return_if_fail (self != NULL);

  begin_container (self, FALSE, compact);
}

void
up_cli_json_end_array (UpCliJson *self)
{
  g_return_if_fail (self != NULL);

  end_container (self, FALSE);
}

void
up_cli_json_key (UpCliJson  *self,
                 const char *key)
{
  Frame *frame;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);
  frame = top_frame (self);
  g_return_if_fail (frame != NULL && frame->is_object);

  if (!begin_value (self, TRUE))
    return;
  up_cli_json_append_string (self->out, key);
  g_string_append (self->out, ": ");
  self->after_key = TRUE;
}

static void
write_raw (UpCliJson  *self,
           const char *text)
{
  if (!begin_value (self, FALSE))
    return;
  g_string_append (self->out, text);
  end_value (self);
}

void
up_cli_json_string (UpCliJson  *self,
                    const char *value)
{
  g_return_if_fail (self != NULL);

  if (value == NULL)
    {
      write_raw (self, "null");
      return;
    }
  if (!begin_value (self, FALSE))
    return;
  up_cli_json_append_string (self->out, value);
  end_value (self);
}

void
up_cli_json_number (UpCliJson *self,
                    double     value)
{
  char buf[UP_CLI_NUMBER_BUF];
  const char *text;

  g_return_if_fail (self != NULL);

  text = up_cli_format_number (buf, value);
  write_raw (self, text != NULL ? text : "null");
}

void
up_cli_json_int (UpCliJson *self,
                 gint64     value)
{
  char buf[32];

  g_return_if_fail (self != NULL);

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  write_raw (self, buf);
}

void
up_cli_json_boolean (UpCliJson *self,
                     gboolean   value)
{
  g_return_if_fail (self != NULL);

  write_raw (self, value ? "true" : "false");
}

void
up_cli_json_null (UpCliJson *self)
{
  g_return_if_fail (self != NULL);

  write_raw (self, "null");
}

void
up_cli_json_member_string (UpCliJson  *self,
                           const char *key,
                           const char *value)
{
  up_cli_json_key (self, key);
  up_cli_json_string (self, value);
}

void
up_cli_json_member_number (UpCliJson  *self,
                           const char *key,
                           double      value)
{
  up_cli_json_key (self, key);
  up_cli_json_number (self, value);
}

void
up_cli_json_member_int (UpCliJson  *self,
                        const char *key,
                        gint64      value)
{
  up_cli_json_key (self, key);
  up_cli_json_int (self, value);
}

void
up_cli_json_member_boolean (UpCliJson  *self,
                            const char *key,
                            gboolean    value)
{
  up_cli_json_key (self, key);
  up_cli_json_boolean (self, value);
}

void
up_cli_json_member_null (UpCliJson  *self,
                         const char *key)
{
  up_cli_json_key (self, key);
  up_cli_json_null (self);
}
