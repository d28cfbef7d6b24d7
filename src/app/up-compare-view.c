/* up-compare-view.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "up-compare-view"

#include "config.h"

#include <glib/gi18n.h>

#include "up-compare-view.h"

struct _UpCompareView
{
  GtkWidget      parent_instance;

  /* owned */
  UpPlanSession *session;
};

G_DEFINE_FINAL_TYPE (UpCompareView, up_compare_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
up_compare_view_dispose (GObject *object)
{
  UpCompareView *self = UP_COMPARE_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (up_compare_view_parent_class)->dispose (object);
}

static void
up_compare_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UpCompareView *self = UP_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: g_value_set_object (value, self->session); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_compare_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UpCompareView *self = UP_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION: up_compare_view_set_session (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
up_compare_view_class_init (UpCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = up_compare_view_dispose;
  object_class->get_property = up_compare_view_get_property;
  object_class->set_property = up_compare_view_set_property;

  props[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UP_TYPE_PLAN_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "compareview");
}

static void
up_compare_view_init (UpCompareView *self)
{
}

UpPlanSession *
up_compare_view_get_session (UpCompareView *self)
{
  g_return_val_if_fail (UP_IS_COMPARE_VIEW (self), NULL);
  return self->session;
}

void
up_compare_view_set_session (UpCompareView     *self,
                             UpPlanSession *session)
{
  g_return_if_fail (UP_IS_COMPARE_VIEW (self));
  if (!g_set_object (&self->session, session))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SESSION]);
}
