/* up-chart-export.c: a chart as a PNG, SVG or PDF file
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is written in memory first and then put in place in one step, so a failed
 * export never leaves half a file. SVG carries the title and the description as <title>
 * and <desc> (screen readers and search read them; cairo draws the glyphs as shapes),
 * PDF carries them as document metadata, and its page is sized at 96 px to the inch so a
 * chart laid out for a 1280-pixel screen prints at the same proportions.
 */

#define G_LOG_DOMAIN "up-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "up-chart-private.h"

#define PT_PER_PX 0.75
#define MAX_SIDE 20000

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Puts <title> and <desc> first inside the root <svg> element. */
static void
add_svg_text (UpChart    *chart,
              GByteArray *svg)
{
  g_autofree char *title = up_chart_get_title (chart);
  g_autofree char *desc = up_chart_describe (chart);
  g_autofree char *title_x = g_markup_escape_text (title, -1);
  g_autofree char *desc_x = g_markup_escape_text (desc, -1);
  g_autofree char *insert = NULL;
  const char *data = (const char *) svg->data, *root, *end;
  gsize at;

  root = g_strstr_len (data, svg->len, "<svg");
  if (root == NULL)
    return;
  end = memchr (root, '>', svg->len - (root - data));
  if (end == NULL)
    return;
  at = end - data + 1;
  insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title_x, desc_x);
  g_byte_array_set_size (svg, svg->len + strlen (insert));
  memmove (svg->data + at + strlen (insert), svg->data + at, svg->len - strlen (insert) - at);
  memcpy (svg->data + at, insert, strlen (insert));
}

static void
draw_into (UpChart         *chart,
           cairo_surface_t *surface,
           double           scale)
{
  cairo_t *cr = cairo_create (surface);

  if (scale != 1.0)
    cairo_scale (cr, scale, scale);
  up_chart_draw (chart, cr);
  cairo_destroy (cr);
}

GBytes *
up_chart_render (UpChart     *chart,
                 const char  *format,
                 int          width,
                 int          height,
                 double       scale,
                 GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  PangoContext *old_context = NULL;
  double old_width, old_height;
  gboolean was_sized;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE
      || !(scale > 0 && scale <= 8) || width * scale > MAX_SIDE || height * scale > MAX_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* translators: %d is a number of pixels */
                   _("A chart must be between 1 and %d pixels on each side"), MAX_SIDE);
      return NULL;
    }
  if (g_strcmp0 (format, "png") != 0 && g_strcmp0 (format, "svg") != 0
      && g_strcmp0 (format, "pdf") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* translators: %s is what was asked for */
                   _("Unknown chart format “%s” (expected png, svg or pdf)"), format);
      return NULL;
    }

  /* Lay out for the file with export metrics, then give the caller its layout back. */
  old_width = chart->width;
  old_height = chart->height;
  was_sized = chart->sized;
  if (chart->context != NULL)
    old_context = g_object_ref (chart->context);
  up_chart_layout (chart, width, height, NULL);

  bytes = g_byte_array_new ();
  if (strcmp (format, "png") == 0)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      draw_into (chart, surface, scale);
      cairo_surface_flush (surface);
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
    }
  else if (strcmp (format, "svg") == 0)
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      draw_into (chart, surface, 1.0);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        add_svg_text (chart, bytes);
    }
  else
    {
      g_autofree char *title = up_chart_get_title (chart);
      g_autofree char *desc = up_chart_describe (chart);

      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width * PT_PER_PX,
                                                     height * PT_PER_PX);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, desc);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Upstream");
      draw_into (chart, surface, PT_PER_PX);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (was_sized)
    up_chart_layout (chart, old_width, old_height, old_context);
  g_clear_object (&old_context);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* translators: %s is a reason from the drawing library */
                   _("Could not draw the chart: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
up_chart_export_to_file (UpChart     *chart,
                         const char  *format,
                         int          width,
                         int          height,
                         double       scale,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  bytes = up_chart_render (chart, format, width, height, scale, error);
  if (bytes == NULL)
    return FALSE;
  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

gboolean
up_chart_export (UpChartKind           kind,
                 const UpModel        *model,
                 const UpResults      *results,
                 const UpChartOptions *options,
                 const char           *format,
                 int                   width,
                 int                   height,
                 const char           *path,
                 GError              **error)
{
  g_autoptr(UpChart) chart = NULL;

  g_return_val_if_fail (kind >= 0 && kind < UP_CHART_N_KINDS, FALSE);
  g_return_val_if_fail (model != NULL && results != NULL, FALSE);

  chart = up_chart_new (kind);
  up_chart_set_data (chart, model, results, options);
  return up_chart_export_to_file (chart, format, width, height, 1.0, path, error);
}
