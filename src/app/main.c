/* main.c
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "up-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UpApplication) app = NULL;
  const char *localedir;

  /* For the start-up benchmark (tools/bench-startup): the clock starts here. */
  up_application_mark_start (g_get_monotonic_time ());
  setlocale (LC_ALL, "");
  /* UPSTREAM_LOCALEDIR: the catalogues of an uninstalled build (<builddir>/po, where
   * i18n.gettext compiles <lang>/LC_MESSAGES/upstream.mo); tools/run sets it. */
  localedir = g_getenv ("UPSTREAM_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = up_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
