/* up-item.h: the base of every object in a plan document
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "up-types.h"

G_BEGIN_DECLS

#define UP_TYPE_ITEM (up_item_get_type ())

G_DECLARE_DERIVABLE_TYPE (UpItem, up_item, UP, ITEM, GObject)

/* Property ids at or above this are numeric parameters described by UpNumberSpec. */
#define UP_ITEM_NUMBER_PROP_BASE 1000

struct _UpItemClass
{
  GObjectClass parent_class;

  /* Numeric parameters of this type, installed as GObject double properties. */
  const UpNumberSpec *numbers;
  guint               n_numbers;

  /* Tag used in messages and parameter paths, e.g. "option". */
  const char         *tag;

  gpointer _reserved[8];
};

const char         *up_item_get_id            (UpItem        *self);
void                up_item_set_id            (UpItem        *self,
                                               const char    *id);
const char         *up_item_get_name          (UpItem        *self);
void                up_item_set_name          (UpItem        *self,
                                               const char    *name);
/* Where the object was read from, for messages; 0 when unknown. */
void                up_item_get_location      (UpItem        *self,
                                               int           *line,
                                               int           *column);
void                up_item_set_location      (UpItem        *self,
                                               int            line,
                                               int            column);
/* "option ‘communitise’" — for messages. */
char               *up_item_describe          (UpItem        *self);
void                up_item_emit_changed      (UpItem        *self);

const UpNumberSpec *up_item_class_get_numbers (UpItemClass   *klass,
                                               guint         *n_numbers);
const UpNumberSpec *up_item_find_number       (UpItem        *self,
                                               const char    *key);
double              up_item_get_number        (UpItem        *self,
                                               const UpNumberSpec *spec);
void                up_item_set_number        (UpItem        *self,
                                               const UpNumberSpec *spec,
                                               double         value);

/* Keep `store` (of UpItems) watched: any change to it or to an item in it emits
 * "changed" on self. */
void                up_item_watch_store       (UpItem        *self,
                                               GListStore    *store);

/* For subclasses. */
void                up_item_class_install_numbers (UpItemClass        *klass,
                                                   const UpNumberSpec *numbers,
                                                   guint               n_numbers);
gboolean            up_item_get_number_property   (UpItem             *self,
                                                   guint               prop_id,
                                                   GValue             *value);
gboolean            up_item_set_number_property   (UpItem             *self,
                                                   guint               prop_id,
                                                   const GValue       *value);
/* Find an item by id in a store of UpItems; borrowed, or NULL. */
gpointer            up_item_store_find            (GListModel         *store,
                                                   const char         *id);

G_END_DECLS
