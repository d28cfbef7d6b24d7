/* up-error.h
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UP_ERROR (up_error_quark ())

typedef enum
{
  UP_ERROR_PARSE,       /* not well-formed XML, or not a plan */
  UP_ERROR_TOO_NEW,     /* written by a newer Upstream */
  UP_ERROR_TOO_LARGE,   /* over the size cap */
  UP_ERROR_INVALID,     /* well-formed but breaks a rule of the plan */
  UP_ERROR_NOT_FOUND,   /* a parameter path, scenario or object that does not exist */
  UP_ERROR_CHANGED,     /* the file changed on disk since it was opened */
} UpError;

GQuark up_error_quark (void);

G_END_DECLS
