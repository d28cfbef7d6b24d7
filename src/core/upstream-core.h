/* upstream-core.h: everything libupstream-core offers
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "up-diff.h"
#include "up-document.h"
#include "up-error.h"
#include "up-export.h"
#include "up-format.h"
#include "up-gainshare.h"
#include "up-headline.h"
#include "up-item.h"
#include "up-metric.h"
#include "up-model.h"
#include "up-plan.h"
#include "up-problem.h"
#include "up-psa.h"
#include "up-sampling.h"
#include "up-schedule.h"
#include "up-sensitivity.h"
#include "up-types.h"
#include "up-util.h"
#include "up-xml.h"
