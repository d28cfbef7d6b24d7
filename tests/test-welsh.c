/* test-welsh.c: the window in Welsh
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Binds the text domain to the build's catalogues (UPSTREAM_LOCALEDIR, <builddir>/po, as
 * main.c does), asks for Welsh with LANGUAGE=cy, builds a window and reads its labels:
 * the pages of the view stack and the Save button must be the Welsh strings.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include <adwaita.h>

#include "up-window.h"

static AdwViewStack *
find_stack (GtkWidget *w)
{
  if (ADW_IS_VIEW_STACK (w))
    return ADW_VIEW_STACK (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      AdwViewStack *found = find_stack (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button_by_action (GtkWidget  *w,
                       const char *action)
{
  if (GTK_IS_BUTTON (w)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button_by_action (c, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_window_in_welsh (void)
{
  UpWindow *window = up_window_new (NULL);
  AdwViewStack *stack = find_stack (GTK_WIDGET (window));
  GtkWidget *save = find_button_by_action (GTK_WIDGET (window), "win.save");
  struct { const char *page, *title; } expected[] = {
    { "compare", "_Cymharu" },
    { "results", "Can_lyniadau" },
    { "costs", "C_ostau" },
  };

  g_assert_cmpstr (_("_Save"), ==, "_Cadw");
  g_assert_nonnull (stack);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, expected[i].page);
      AdwViewStackPage *page = adw_view_stack_get_page (stack, child);

      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, expected[i].title);
    }
  g_assert_nonnull (save);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save)), ==, "_Cadw");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("UPSTREAM_LOCALEDIR");

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  /* glibc ignores LANGUAGE under the C locale, so a UTF-8 locale that always exists. */
  g_setenv ("LANGUAGE", "cy", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/up/welsh/window", test_window_in_welsh);
  return g_test_run ();
}
