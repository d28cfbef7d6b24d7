/* save-loop.c: saves one plan over and over, to be killed by test-save
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   save-loop PLAN PATH
 *
 * Loads PLAN, writes the two versions it will alternate between to PATH.a and PATH.b
 * (a short description and a long one, so the two files differ in size), saves version
 * A to PATH, prints "ready" and then saves B, A, B, … to PATH through UpPlanSession, as
 * the app saves, until it is killed.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "up-plan-session.h"

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!up_plan_session_save_finish (UP_PLAN_SESSION (source), result, &error))
    g_error ("save-loop: %s", error->message);
  *done = TRUE;
}

static void
save (UpPlanSession *session)
{
  gboolean done = FALSE;

  up_plan_session_save_async (session, NULL, TRUE, NULL, saved_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
write_version (UpPlan     *plan,
               const char *path,
               const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  g_autoptr(GBytes) bytes = up_plan_save_to_bytes (plan);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            &error))
    g_error ("save-loop: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UpPlanSession) session = NULL;
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(GFile) in = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);

  setlocale (LC_ALL, "C.UTF-8");
  if (argc != 3)
    {
      g_printerr ("usage: save-loop PLAN PATH\n");
      return 2;
    }
  in = g_file_new_for_commandline_arg (argv[1]);
  out = g_file_new_for_commandline_arg (argv[2]);
  plan = up_plan_load_from_file (in, NULL, &error);
  if (plan == NULL)
    g_error ("save-loop: %s", error->message);
  for (guint i = 0; i < 4000; i++)
    g_string_append (long_text, "A much longer description. ");

  up_plan_set_description (plan, "Version A");
  write_version (plan, argv[2], ".a");
  up_plan_set_description (plan, long_text->str);
  write_version (plan, argv[2], ".b");

  session = up_plan_session_new ();
  up_plan_set_description (plan, "Version A");
  up_plan_session_set_plan (session, plan, out);
  save (session);
  g_print ("ready\n");
  fflush (stdout);

  for (guint i = 0;; i++)
    {
      up_plan_set_description (up_plan_session_get_plan (session),
                               i % 2 == 0 ? long_text->str : "Version A");
      save (session);
    }
  return 0;
}
