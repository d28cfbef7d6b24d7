/* up-format.h: numbers and money for people to read (in the user's locale)
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These are for display only. Files and machine output never use them: they are
 * locale-independent (up-util.h).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "£", "€", "$", or the code followed by a space. */
const char *up_currency_symbol   (const char *currency);
/* "£1,234,567" (grouped, no decimals); "−£1,234" for negatives; "—" for NaN. */
char       *up_format_money      (double      value,
                                  const char *currency);
/* "£1.2m", "£340k", "£950", "£2.1bn"; "—" for NaN. */
char       *up_format_money_short (double     value,
                                   const char *currency);
/* "35%" or "12.5%" from a fraction; "—" for NaN. */
char       *up_format_percent    (double      fraction);
/* Grouped number with the given decimals; "—" for NaN. */
char       *up_format_number     (double      value,
                                  int         decimals);
/* Rounds to two significant figures for "about 340". */
double      up_round_significant (double      value,
                                  int         figures);

G_END_DECLS
