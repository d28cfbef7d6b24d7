/* up-item.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-item"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "up-item.h"

typedef struct
{
  char *id;
  char *name;
  int   line;
  int   column;
  guint in_changed : 1;
} UpItemPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (UpItem, up_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_ID, PROP_NAME, N_PROPS };
enum { CHANGED, N_SIGNALS };

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

static void
child_changed_cb (UpItem *child,
                  UpItem *self)
{
  up_item_emit_changed (self);
}

static void
store_items_changed_cb (GListModel *store,
                        guint       position,
                        guint       removed,
                        guint       added,
                        UpItem     *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(UpItem) child = g_list_model_get_item (store, i);

      g_signal_connect_object (child, "changed", G_CALLBACK (child_changed_cb), self, 0);
    }
  up_item_emit_changed (self);
}

static void
up_item_dispatch_properties_changed (GObject     *object,
                                     guint        n_pspecs,
                                     GParamSpec **pspecs)
{
  G_OBJECT_CLASS (up_item_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);
  up_item_emit_changed (UP_ITEM (object));
}

static void
up_item_finalize (GObject *object)
{
  UpItemPrivate *priv = up_item_get_instance_private (UP_ITEM (object));

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->name, g_free);
  G_OBJECT_CLASS (up_item_parent_class)->finalize (object);
}

static void
up_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  UpItem *self = UP_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, up_item_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, up_item_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_item_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  UpItem *self = UP_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      up_item_set_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      up_item_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_item_class_init (UpItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = up_item_finalize;
  object_class->get_property = up_item_get_property;
  object_class->set_property = up_item_set_property;
  object_class->dispatch_properties_changed = up_item_dispatch_properties_changed;

  props[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * UpItem::changed:
   *
   * Emitted when the item, or anything it owns, changes.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
up_item_init (UpItem *self)
{
}

const char *
up_item_get_id (UpItem *self)
{
  UpItemPrivate *priv = up_item_get_instance_private (self);

  g_return_val_if_fail (UP_IS_ITEM (self), NULL);
  return priv->id;
}

void
up_item_set_id (UpItem     *self,
                const char *id)
{
  UpItemPrivate *priv = up_item_get_instance_private (self);

  g_return_if_fail (UP_IS_ITEM (self));
  if (g_strcmp0 (priv->id, id) == 0)
    return;
  g_free (priv->id);
  priv->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ID]);
}

const char *
up_item_get_name (UpItem *self)
{
  UpItemPrivate *priv = up_item_get_instance_private (self);

  g_return_val_if_fail (UP_IS_ITEM (self), NULL);
  return priv->name;
}

void
up_item_set_name (UpItem     *self,
                  const char *name)
{
  UpItemPrivate *priv = up_item_get_instance_private (self);

  g_return_if_fail (UP_IS_ITEM (self));
  if (g_strcmp0 (priv->name, name) == 0)
    return;
  g_free (priv->name);
  priv->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_NAME]);
}

void
up_item_get_location (UpItem *self,
                      int    *line,
                      int    *column)
{
  UpItemPrivate *priv = up_item_get_instance_private (self);

  g_return_if_fail (UP_IS_ITEM (self));
  if (line)
    *line = priv->line;
  if (column)
    *column = priv->column;
}

void
up_item_set_location (UpItem *self,
                      int     line,
                      int     column)
{
  UpItemPrivate *priv = up_item_get_instance_private (self);

  g_return_if_fail (UP_IS_ITEM (self));
  priv->line = line;
  priv->column = column;
}

char *
up_item_describe (UpItem *self)
{
  UpItemPrivate *priv = up_item_get_instance_private (self);
  const char *tag = UP_ITEM_GET_CLASS (self)->tag;

  if (priv->id != NULL)
    return g_strdup_printf ("%s “%s”", tag ? tag : "item", priv->id);
  return g_strdup (tag ? tag : "item");
}

void
up_item_emit_changed (UpItem *self)
{
  UpItemPrivate *priv = up_item_get_instance_private (self);

  g_return_if_fail (UP_IS_ITEM (self));
  if (priv->in_changed)
    return;
  priv->in_changed = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
  priv->in_changed = FALSE;
}

void
up_item_watch_store (UpItem     *self,
                     GListStore *store)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpItem) child = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_signal_connect_object (child, "changed", G_CALLBACK (child_changed_cb), self, 0);
    }
  g_signal_connect_object (store, "items-changed", G_CALLBACK (store_items_changed_cb), self, 0);
}

void
up_item_class_install_numbers (UpItemClass        *klass,
                               const UpNumberSpec *numbers,
                               guint               n_numbers)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->numbers = numbers;
  klass->n_numbers = n_numbers;
  for (guint i = 0; i < n_numbers; i++)
    {
      const UpNumberSpec *spec = &numbers[i];
      GParamSpec *pspec;

      /* The GParamSpec range is open on purpose: a value outside the spec's range is
       * stored and then reported by validation where the user typed it, rather than
       * refused with a terminal warning. */
      pspec = g_param_spec_double (spec->key, NULL, NULL,
                                   -G_MAXDOUBLE, G_MAXDOUBLE, spec->defval,
                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                   G_PARAM_STATIC_STRINGS);
      g_object_class_install_property (object_class, UP_ITEM_NUMBER_PROP_BASE + i, pspec);
    }
}

const UpNumberSpec *
up_item_class_get_numbers (UpItemClass *klass,
                           guint       *n_numbers)
{
  g_return_val_if_fail (UP_IS_ITEM_CLASS (klass), NULL);
  if (n_numbers)
    *n_numbers = klass->n_numbers;
  return klass->numbers;
}

const UpNumberSpec *
up_item_find_number (UpItem     *self,
                     const char *key)
{
  UpItemClass *klass = UP_ITEM_GET_CLASS (self);

  for (guint i = 0; i < klass->n_numbers; i++)
    if (g_strcmp0 (klass->numbers[i].key, key) == 0)
      return &klass->numbers[i];
  return NULL;
}

double
up_item_get_number (UpItem             *self,
                    const UpNumberSpec *spec)
{
  g_return_val_if_fail (UP_IS_ITEM (self), 0.0);
  g_return_val_if_fail (spec != NULL, 0.0);
  return G_STRUCT_MEMBER (double, self, spec->offset);
}

void
up_item_set_number (UpItem             *self,
                    const UpNumberSpec *spec,
                    double              value)
{
  UpItemClass *klass = UP_ITEM_GET_CLASS (self);
  double *slot;

  g_return_if_fail (UP_IS_ITEM (self));
  g_return_if_fail (spec >= klass->numbers && spec < klass->numbers + klass->n_numbers);

  slot = &G_STRUCT_MEMBER (double, self, spec->offset);
  /* Compare bits so that a change between 0 and -0 is not lost, and NaN never sticks. */
  if (memcmp (slot, &value, sizeof value) == 0)
    return;
  *slot = value;
  g_object_notify (G_OBJECT (self), spec->key);
}

gboolean
up_item_get_number_property (UpItem *self,
                             guint   prop_id,
                             GValue *value)
{
  UpItemClass *klass = UP_ITEM_GET_CLASS (self);

  if (prop_id < UP_ITEM_NUMBER_PROP_BASE ||
      prop_id - UP_ITEM_NUMBER_PROP_BASE >= klass->n_numbers)
    return FALSE;
  g_value_set_double (value,
                      up_item_get_number (self,
                                          &klass->numbers[prop_id - UP_ITEM_NUMBER_PROP_BASE]));
  return TRUE;
}

gboolean
up_item_set_number_property (UpItem       *self,
                             guint         prop_id,
                             const GValue *value)
{
  UpItemClass *klass = UP_ITEM_GET_CLASS (self);

  if (prop_id < UP_ITEM_NUMBER_PROP_BASE ||
      prop_id - UP_ITEM_NUMBER_PROP_BASE >= klass->n_numbers)
    return FALSE;
  up_item_set_number (self, &klass->numbers[prop_id - UP_ITEM_NUMBER_PROP_BASE],
                      g_value_get_double (value));
  return TRUE;
}

gpointer
up_item_store_find (GListModel *store,
                    const char *id)
{
  guint n = g_list_model_get_n_items (store);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UpItem) item = g_list_model_get_item (store, i);

      if (g_strcmp0 (up_item_get_id (item), id) == 0)
        return item;  /* the store keeps it alive */
    }
  return NULL;
}
