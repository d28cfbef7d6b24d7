/* up-headline.h: an option's results in one plain sentence
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "up-model.h"

G_BEGIN_DECLS

/* "Peer network costs £1.2m more over 5 years, saves NHS ICB £3.4m and Police £0.6m,
 * avoids about 340 crisis episodes, and breaks even in 2031." Translated. */
char *up_headline (const UpModel   *model,
                   const UpResults *results,
                   int              option);

G_END_DECLS
