/* test-hostile.c: plan files from strangers
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A catalogue of hostile and broken files: the fixtures in tests/data/hostile and
 * tests/data/bad, and a few made at test time because they are large (a 100 MB file,
 * floods of elements, attributes, namespaces and comments). Each goes through three
 * doors, and each door must give its own clear error, with a line where a line means
 * something, in bounded time and memory:
 *
 *  - the core: up_plan_load_from_file(), then up_model_compile();
 *  - upstream-cli validate (its path comes in UPSTREAM_CLI): exit status 1 and
 *    "file:line:column: error: …" on stderr;
 *  - the app's UpPlanSession: loading into a session that holds an edited plan fails
 *    and leaves that plan byte for byte as it was, its file and its unsaved state.
 *    A file that is a well-formed plan but breaks a rule of the model (a probability
 *    of 1.5, a dangling id) opens with its problems listed, so that it can be fixed:
 *    that is checked in a session of its own.
 *
 * The fixtures in tests/data/hostile named fuzz-* are inputs the fuzzer found
 * (tools/fuzz); they must load or fail cleanly, with messages in valid UTF-8.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "up-plan-session.h"
#include "upstream-core.h"

/* Sanitizers make everything several times slower and grow the heap on purpose. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifdef UNDER_ASAN
#define TIME_LIMIT_USEC (20 * G_USEC_PER_SEC)
#else
#define TIME_LIMIT_USEC (2 * G_USEC_PER_SEC)
#endif
#define MEMORY_LIMIT_KB (256 * 1024)

typedef enum
{
  STAGE_NONE,      /* a plan that loads and compiles */
  STAGE_LOAD,      /* refused by the loader */
  STAGE_COMPILE,   /* loads, with problems that the compiler reports */
} Stage;

typedef void (*Generate) (const char *path);

typedef struct
{
  const char *name;
  const char *fixture;   /* under tests/data, or NULL for a generated file */
  Generate    generate;
  Stage       stage;
  int         code;      /* UpError, for STAGE_LOAD */
  int         line;      /* of the error; 0 where no line means anything */
  const char *phrase;    /* in that error's message */
} Hostile;

static const char *cli_path;
static char *tmp_dir;

/* ---- Generated files -------------------------------------------------------------- */

static const char header[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\">\n";

static FILE *
open_for_writing (const char *path)
{
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  return out;
}

static void
close_written (FILE *out)
{
  g_assert_cmpint (ferror (out), ==, 0);
  g_assert_cmpint (fclose (out), ==, 0);
}

/* 100 MB of notes: refused from its size before a byte is read. */
static void
generate_100mb (const char *path)
{
  FILE *out = open_for_writing (path);
  g_autofree char *chunk = g_malloc (1024 * 1024);

  memset (chunk, 'a', 1024 * 1024);
  fputs (header, out);
  fputs ("  <notes>", out);
  for (guint i = 0; i < 100; i++)
    fwrite (chunk, 1, 1024 * 1024, out);
  fputs ("</notes>\n</plan>\n", out);
  close_written (out);
}

/* 30 MB, under the size cap, of a million states, one per line from line 4. */
static void
generate_element_flood (const char *path)
{
  FILE *out = open_for_writing (path);
  long written = 0;

  fputs (header, out);
  fputs ("<states>\n", out);
  for (guint i = 0; written < 30L * 1024 * 1024; i++)
    written += fprintf (out, "<state id=\"s%u\"/>\n", i);
  fputs ("</states>\n</plan>\n", out);
  close_written (out);
}

/* One tag with 100,000 attributes: libxml2's checks of a tag are quadratic. */
static void
generate_attribute_flood (const char *path)
{
  FILE *out = open_for_writing (path);

  fputs (header, out);
  fputs ("  <settings", out);
  for (guint i = 0; i < 100000; i++)
    fprintf (out, " a%u=\"1\"", i);
  fputs ("/>\n</plan>\n", out);
  close_written (out);
}

/* A hundred namespace declarations on the root. */
static void
generate_namespace_flood (const char *path)
{
  FILE *out = open_for_writing (path);

  fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<plan xmlns=\"https://upstreamplanner.github.io/ns/plan\" format=\"1\"", out);
  for (guint i = 0; i < 100; i++)
    fprintf (out, "\n      xmlns:p%u=\"urn:example:%u\"", i, i);
  fputs (">\n</plan>\n", out);
  close_written (out);
}

/* A valid plan with 30 MB of comments in it: comments are allowed, and must not cost
 * more than their bytes. */
static void
generate_comment_flood (const char *path)
{
  g_autofree char *base = g_test_build_filename (G_TEST_DIST, "data", "hostile",
                                                 "utf8-bom.upstream", NULL);
  g_autofree char *text = NULL;
  FILE *out = open_for_writing (path);
  const char *title;
  gsize length;

  g_assert_true (g_file_get_contents (base, &text, &length, NULL));
  title = strstr (text, "</title>");
  g_assert_nonnull (title);
  title += strlen ("</title>");
  fwrite (text + 3, 1, title - text - 3, out);   /* after the byte-order mark */
  for (guint i = 0; i < 3 * 1024 * 1024; i++)
    fputs ("<!-- x -->", out);
  fputs (title, out);
  close_written (out);
}

/* 2,000 states and a transition: over the compiler's limit of states. */
static void
generate_many_states (const char *path)
{
  FILE *out = open_for_writing (path);

  fputs (header, out);
  fputs ("  <settings horizon=\"200\"/>\n  <states>\n", out);
  for (guint i = 0; i < 2000; i++)
    fprintf (out, "    <state id=\"s%u\"%s/>\n", i, i == 0 ? " initial=\"1\"" : "");
  fputs ("  </states>\n  <transitions>\n"
         "    <transition from=\"s0\" to=\"s1\" value=\"0.1\"/>\n"
         "  </transitions>\n"
         "  <options>\n    <option id=\"bau\" kind=\"bau\"/>\n  </options>\n</plan>\n", out);
  close_written (out);
}

/* ---- The catalogue ------------------------------------------------------------------ */

static const Hostile catalogue[] = {
  /* Reaching outside the file. */
  { "external-entity", "bad/external-entity.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 2,
    "declares an external entity, which is never read" },
  { "parameter-entity", "hostile/parameter-entity.upstream", NULL, STAGE_LOAD,
    UP_ERROR_PARSE, 2, "declares an external entity, which is never read" },
  { "external-dtd", "bad/external-dtd.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 2,
    "refers to an external DTD, which is never loaded" },
  { "xinclude", "hostile/xinclude.upstream", NULL, STAGE_LOAD, UP_ERROR_INVALID, 4,
    "element <include> is not allowed inside <notes>" },
  /* Running away with time or memory. */
  { "entity-expansion", "bad/entity-expansion.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 2,
    "declares entities, which are never expanded" },
  { "100mb", NULL, generate_100mb, STAGE_LOAD, UP_ERROR_TOO_LARGE, 0,
    "over the limit of 32 MiB" },
  { "element-flood", NULL, generate_element_flood, STAGE_LOAD, UP_ERROR_TOO_LARGE, 20002,
    "the file has more than 20000 elements" },
  { "attribute-flood", NULL, generate_attribute_flood, STAGE_LOAD, UP_ERROR_TOO_LARGE, 3,
    "an element has more than 256 attributes" },
  { "namespace-flood", NULL, generate_namespace_flood, STAGE_LOAD, UP_ERROR_TOO_LARGE, 2,
    "declares more than 64 namespaces" },
  { "comment-flood", NULL, generate_comment_flood, STAGE_NONE, 0, 0, NULL },
  { "deep-nesting", "hostile/deep-nesting.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 259,
    "elements are nested too deeply" },
  { "many-states", NULL, generate_many_states, STAGE_COMPILE, 0, 105,
    "a plan has at most 100 states; this one has 2000" },
  /* Encodings. */
  { "invalid-utf8", "bad/invalid-utf8.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 3,
    "the file is not valid UTF-8" },
  { "utf8-bom", "hostile/utf8-bom.upstream", NULL, STAGE_NONE, 0, 0, NULL },
  { "utf16le-bom", "hostile/utf16le-bom.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 1,
    "the file is in UTF-16 (it starts with a UTF-16 byte-order mark)" },
  { "utf16be-bom", "hostile/utf16be-bom.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 1,
    "the file is in UTF-16 (it starts with a UTF-16 byte-order mark)" },
  { "declared-latin1", "hostile/declared-latin1.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE,
    1, "the file declares the encoding “ISO-8859-1”; plan files are UTF-8" },
  /* Numbers. */
  { "nan", "bad/nan.upstream", NULL, STAGE_LOAD, UP_ERROR_INVALID, 4,
    "“nan” is not a finite number" },
  { "infinity", "bad/infinity.upstream", NULL, STAGE_LOAD, UP_ERROR_INVALID, 4,
    "“infinity” is not a finite number" },
  { "minus-infinity", "hostile/minus-infinity.upstream", NULL, STAGE_LOAD, UP_ERROR_INVALID,
    18, "“-inf” is not a finite number" },
  { "1e400", "bad/huge-number.upstream", NULL, STAGE_LOAD, UP_ERROR_INVALID, 3,
    "“1e400” is out of range" },
  { "negative-count", "hostile/negative-count.upstream", NULL, STAGE_COMPILE, 0, 13,
    "quantity must be zero or more" },
  { "probability-above-one", "hostile/probability-above-one.upstream", NULL, STAGE_COMPILE,
    0, 19, "the probability is 1.5, outside 0–1" },
  { "row-above-one", "hostile/row-above-one.upstream", NULL, STAGE_COMPILE, 0, 19,
    "the probabilities out of state “stable” add up to 1.3" },
  /* Ids. */
  { "duplicate-id", "bad/duplicate-id.upstream", NULL, STAGE_LOAD, UP_ERROR_INVALID, 6,
    "duplicate state id “stable” (first used on line 4)" },
  { "dangling-id", "hostile/dangling-id.upstream", NULL, STAGE_COMPILE, 0, 13,
    "cost item “gp-visit” does not exist" },
  /* Not a plan, or not one for us. */
  { "newer-format", "bad/newer-format.upstream", NULL, STAGE_LOAD, UP_ERROR_TOO_NEW, 2,
    "written in plan format 2; this version of Upstream reads format 1 and older" },
  { "wrong-namespace", "bad/wrong-namespace.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 2,
    "in the namespace “https://example.org/not-upstream”" },
  { "truncated", "hostile/truncated.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 112,
    "the file ends before the plan does (it may have been cut short)" },
  { "binary-junk", "hostile/binary-junk.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 1,
    "the file holds binary data (a NUL byte), not a plan" },
  { "nul-byte", "hostile/nul-byte.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 3,
    "the file holds binary data (a NUL byte), not a plan" },
  { "empty", "bad/empty.upstream", NULL, STAGE_LOAD, UP_ERROR_PARSE, 1, "the file is empty" },
};

/* ---- Helpers ------------------------------------------------------------------------ */

static char *
hostile_path (const Hostile *h)
{
  g_autofree char *name = NULL;
  char *path;

  if (h->fixture != NULL)
    return g_test_build_filename (G_TEST_DIST, "data", h->fixture, NULL);
  name = g_strconcat (h->name, ".upstream", NULL);
  path = g_build_filename (tmp_dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    h->generate (path);
  return path;
}

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

typedef struct
{
  gint64 start;
  long   rss;
} Budget;

static Budget
budget_start (void)
{
  return (Budget) { g_get_monotonic_time (), peak_rss_kb () };
}

/* The peak can only have grown by what this step used beyond the old peak. */
static void
budget_check (Budget      budget,
              const char *what)
{
  gint64 elapsed = g_get_monotonic_time () - budget.start;
  long grown = peak_rss_kb () - budget.rss;

  g_test_message ("%s: %.3f s, peak RSS +%ld KiB", what, elapsed / 1e6, grown);
  g_assert_cmpint (elapsed, <, TIME_LIMIT_USEC);
#ifndef UNDER_ASAN
  g_assert_cmpint (grown, <, MEMORY_LIMIT_KB);
#endif
}

static const UpProblem *
find_error (GPtrArray  *problems,
            const char *phrase)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const UpProblem *p = problems->pdata[i];

      if (p->severity == UP_SEVERITY_ERROR && (phrase == NULL || strstr (p->message, phrase)))
        return p;
    }
  return NULL;
}

static void
assert_problems_readable (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const UpProblem *p = problems->pdata[i];

      g_assert_true (g_utf8_validate (p->message, -1, NULL));
      g_assert_true (p->where == NULL || g_utf8_validate (p->where, -1, NULL));
      g_assert_cmpint (p->line, >=, 0);
    }
}

/* ---- The core ----------------------------------------------------------------------- */

static void
test_core (gconstpointer data)
{
  const Hostile *h = data;
  g_autofree char *path = hostile_path (h);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = up_problems_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPlan) plan = NULL;
  g_autoptr(UpModel) model = NULL;
  const UpProblem *p;
  Budget budget = budget_start ();

  plan = up_plan_load_from_file (file, problems, &error);
  if (plan != NULL)
    model = up_model_compile (plan, NULL, problems, error ? NULL : &error);
  if (model != NULL)
    {
      g_autoptr(UpResults) results = up_model_project (model);

      g_assert_nonnull (results);
    }
  budget_check (budget, h->name);
  assert_problems_readable (problems);

  switch (h->stage)
    {
    case STAGE_NONE:
      g_assert_no_error (error);
      g_assert_nonnull (model);
      return;

    case STAGE_LOAD:
      g_assert_null (plan);
      g_assert_error (error, UP_ERROR, h->code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, h->phrase));
      /* The first error is the one the summary names. */
      p = find_error (problems, NULL);
      break;

    case STAGE_COMPILE:
      g_assert_nonnull (plan);
      g_assert_null (model);
      g_assert_error (error, UP_ERROR, UP_ERROR_INVALID);
      p = find_error (problems, h->phrase);
      break;

    default:
      g_assert_not_reached ();
    }
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p->message, h->phrase));
  g_assert_cmpint (p->line, ==, h->line);
  if (h->line > 0)
    g_assert_cmpint (p->column, >, 0);
}

/* ---- The command line --------------------------------------------------------------- */

static void
test_cli (gconstpointer data)
{
  const Hostile *h = data;
  g_autofree char *path = hostile_path (h);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { cli_path, "validate", path, NULL };
  int status;
  Budget budget;

  if (cli_path == NULL)
    {
      g_test_skip ("UPSTREAM_CLI is not set");
      return;
    }
  budget = budget_start ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  budget_check (budget, h->name);
  g_test_message ("stderr: %.500s", err);
  g_assert_true (g_utf8_validate (err, -1, NULL));

  if (h->stage == STAGE_NONE)
    {
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_cmpstr (err, ==, "");
      return;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_cmpstr (out, ==, "");
  if (h->line > 0)
    {
      g_autofree char *located = g_strdup_printf ("%s:%d:", path, h->line);
      const char *line = strstr (err, located);

      /* "file:line:column: error: message", on one line */
      g_assert_nonnull (line);
      g_assert_true (g_regex_match_simple ("^[^\\n]+:[0-9]+:[0-9]+: error: ", line, 0, 0));
      g_assert_nonnull (strstr (line, h->phrase));
    }
  else
    {
      g_autofree char *named = g_strdup_printf ("%s: error: ", path);

      g_assert_true (g_str_has_prefix (err, named));
      g_assert_nonnull (strstr (err, h->phrase));
    }
}

/* ---- The app's session -------------------------------------------------------------- */

typedef struct
{
  gboolean   done;
  gboolean   ok;
  GPtrArray *problems;
  GError    *error;
} Loaded;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->ok = up_plan_session_load_finish (UP_PLAN_SESSION (source), result,
                                            &loaded->problems, &loaded->error);
  loaded->done = TRUE;
}

static gboolean
session_load (UpPlanSession  *session,
              const char     *path,
              GPtrArray     **problems,
              GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Loaded loaded = { 0 };

  up_plan_session_load_async (session, file, NULL, loaded_cb, &loaded);
  while (!loaded.done)
    g_main_context_iteration (NULL, TRUE);
  if (problems != NULL)
    *problems = loaded.problems;
  else
    g_clear_pointer (&loaded.problems, g_ptr_array_unref);
  if (loaded.error != NULL)
    g_propagate_error (error, loaded.error);
  return loaded.ok;
}

/* A session holding an example with an unsaved edit. */
static UpPlanSession *
session_with_plan (void)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                    "bradford-peer-recovery.upstream", NULL);
  UpPlanSession *session = up_plan_session_new ();
  g_autoptr(GError) error = NULL;
  double horizon;

  g_assert_true (session_load (session, example, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (up_plan_get_param (up_plan_session_get_plan (session), "plan/horizon",
                                    &horizon, NULL));
  g_assert_true (up_plan_session_set_param (session, "plan/horizon", horizon + 1, &error));
  g_assert_no_error (error);
  up_plan_session_flush (session);
  g_assert_true (up_plan_session_get_dirty (session));
  return session;
}

static void
test_session (gconstpointer data)
{
  const Hostile *h = data;
  g_autofree char *path = hostile_path (h);
  g_autoptr(UpPlanSession) session = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GFile) file_before = NULL;
  UpPlan *plan_before;
  const UpProblem *p;
  Budget budget;
  gboolean ok;

  if (h->stage != STAGE_LOAD)
    {
      /* Opened with its problems listed, in a session of its own. */
      session = up_plan_session_new ();
      budget = budget_start ();
      ok = session_load (session, path, &problems, &error);
      up_plan_session_flush (session);
      budget_check (budget, h->name);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_false (up_plan_session_get_dirty (session));
      if (h->stage == STAGE_NONE)
        {
          g_assert_false (up_plan_session_get_stale (session));
          return;
        }
      g_assert_true (up_plan_session_get_stale (session));
      p = find_error (up_plan_session_get_problems (session), h->phrase);
      g_assert_nonnull (p);
      g_assert_cmpint (p->line, ==, h->line);
      return;
    }

  session = session_with_plan ();
  plan_before = up_plan_session_get_plan (session);
  file_before = g_object_ref (up_plan_session_get_file (session));
  before = up_plan_save_to_bytes (plan_before);

  budget = budget_start ();
  ok = session_load (session, path, &problems, &error);
  budget_check (budget, h->name);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  /* The session keeps its plan, file and unsaved changes, to the byte. */
  g_assert_true (up_plan_session_get_plan (session) == plan_before);
  g_assert_true (g_file_equal (up_plan_session_get_file (session), file_before));
  g_assert_true (up_plan_session_get_dirty (session));
  g_assert_true (up_plan_session_can_undo (session));
  after = up_plan_save_to_bytes (up_plan_session_get_plan (session));
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (up_plan_session_get_stale (session));

  /* The window lists these problems. */
  if (h->line > 0)
    {
      g_assert_nonnull (problems);
      assert_problems_readable (problems);
      p = find_error (problems, NULL);
      g_assert_nonnull (p);
      g_assert_cmpint (p->line, ==, h->line);
      g_assert_nonnull (strstr (p->message, h->phrase));
    }
  else
    g_assert_nonnull (strstr (error->message, "32.0"));   /* "32.0 MiB", a no-break space */
}

/* ---- What the fuzzer found ---------------------------------------------------------- */

static void
test_fuzz_regressions (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "hostile", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GPtrArray) problems = up_problems_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(UpPlan) plan = NULL;
      gsize length;

      if (!g_str_has_prefix (name, "fuzz-"))
        continue;
      g_test_message ("%s", name);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      plan = up_plan_load_from_data (contents, length, problems, &error);
      g_assert_true ((plan == NULL) == (error != NULL));
      if (plan != NULL)
        {
          g_autoptr(UpModel) model = up_model_compile (plan, NULL, problems, NULL);
          g_autoptr(GBytes) saved = up_plan_save_to_bytes (plan);
          g_autoptr(UpPlan) again = NULL;

          if (model != NULL)
            up_results_free (up_model_project (model));
          again = up_plan_load_from_data (g_bytes_get_data (saved, NULL),
                                          g_bytes_get_size (saved), NULL, &error);
          g_assert_no_error (error);
        }
      assert_problems_readable (problems);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

/* ---- Main --------------------------------------------------------------------------- */

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  cli_path = g_getenv ("UPSTREAM_CLI");
  tmp_dir = g_dir_make_tmp ("test-hostile-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      g_autofree char *core = g_strconcat ("/up/hostile/core/", catalogue[i].name, NULL);
      g_autofree char *cli = g_strconcat ("/up/hostile/cli/", catalogue[i].name, NULL);
      g_autofree char *session = g_strconcat ("/up/hostile/session/", catalogue[i].name, NULL);

      g_test_add_data_func (core, &catalogue[i], test_core);
      g_test_add_data_func (cli, &catalogue[i], test_cli);
      g_test_add_data_func (session, &catalogue[i], test_session);
    }
  g_test_add_func ("/up/hostile/fuzz-regressions", test_fuzz_regressions);

  status = g_test_run ();
  remove_tmp_dir ();
  g_free (tmp_dir);
  return status;
}
