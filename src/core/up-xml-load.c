/* up-xml-load.c: reading plan files
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan file may come from anyone, so the parser is held on a short lead: no network,
 * no DTD, no entity of any kind, a size cap, and libxml2's default depth limit. A
 * DOCTYPE stops the parser the moment it is seen, before any declaration inside it is
 * read. Every problem is collected with its line, column and element path, so that a
 * user fixing a file by hand sees all of them at once.
 *
 * libxml2 records only a line for each element, and that is the line where the start
 * tag ends. To point at the "<" itself, the start-element callback is wrapped: when it
 * runs, the parser stands just before the tag's closing ">", and since an attribute
 * value cannot hold a raw "<", the nearest "<" before that position opens the tag. Its
 * byte offset is kept in the node's _private field.
 */

#define G_LOG_DOMAIN "up-xml"

#include "config.h"

#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "up-document-private.h"
#include "up-error.h"
#include "up-util.h"
#include "up-xml.h"

/* Enough to fix a file by hand; past this the file is not worth reading further. */
#define MAX_PROBLEMS 200
/* libxml2's own limit without XML_PARSE_HUGE (xmlParserMaxDepth). */
#define MAX_DEPTH 256

#if LIBXML_VERSION >= 21200
typedef const xmlError *ErrorPtr;
#else
typedef xmlErrorPtr ErrorPtr;
#endif

typedef struct
{
  const xmlChar *name;       /* local name, owned by the parser's dictionary */
  guint          index;      /* among same-named siblings, from 1 */
  GHashTable    *children;   /* local name → children of that name seen so far */
} OpenElement;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       body;              /* offset after a byte-order mark */
  GArray     *line_starts;       /* gsize: offset of each line */
  GPtrArray  *problems;          /* UpProblem, ours until the end */
  guint       n_errors;
  gboolean    parse_failed;      /* not XML, not a plan, or refused */
  gboolean    too_new;
  gboolean    too_large;         /* over one of the UP_PLAN_MAX_* limits */
  gboolean    gave_up;           /* MAX_PROBLEMS reached */

  /* While libxml2 parses. */
  xmlParserCtxtPtr ctxt;
  GArray          *open;         /* OpenElement */
  gboolean         doctype;      /* parsing was stopped at a DOCTYPE */

  /* While the tree is walked: ids seen per kind, to report duplicates. */
  GHashTable *ids[6];
} Loader;

enum { IDS_HOLDER, IDS_COST_ITEM, IDS_STATE, IDS_MEASURE, IDS_OPTION, IDS_SCENARIO };

/* Element names that occur once in their parent; their paths carry no index. */
static const char * const singletons[] = {
  "plan", "title", "place", "author", "description", "notes", "settings", "price-index",
  "holders", "cost-items", "measures", "states", "transitions", "options", "scenarios",
  "uncertainty", "source", "workshop", NULL
};

/* ---- Positions ------------------------------------------------------------------ */

static void
build_line_table (Loader *l)
{
  gsize start = l->body;

  l->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (l->line_starts, start);
  for (const char *p = l->data + l->body, *end = l->data + l->length; p < end; p++)
    {
      p = memchr (p, '\n', end - p);
      if (p == NULL)
        break;
      start = p - l->data + 1;
      g_array_append_val (l->line_starts, start);
    }
}

static void
offset_to_position (Loader *l,
                    gsize   offset,
                    int    *line,
                    int    *column)
{
  guint lo = 0, hi = l->line_starts->len;

  /* The last line start at or before offset. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (l->line_starts, gsize, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  *line = (int) MIN (lo + 1, (guint) G_MAXINT);
  *column = (int) MIN (offset - g_array_index (l->line_starts, gsize, lo) + 1, (gsize) G_MAXINT);
}

/* Byte offset of the parser in the input, when it maps onto our bytes. */
static gboolean
parser_offset (Loader *l,
               gsize  *offset)
{
  xmlParserInputPtr input = l->ctxt->input;
  long consumed;

  /* With a decoder, xmlByteConsumed() re-encodes what is left on every call, which
   * would make a large file quadratic; the fallback positions are good enough. */
  if (input == NULL || l->ctxt->inputNr != 1 ||
      (input->buf != NULL && input->buf->encoder != NULL))
    return FALSE;
  consumed = xmlByteConsumed (l->ctxt);
  if (consumed < 0 || (gsize) consumed > l->length)
    return FALSE;
  *offset = consumed;
  return TRUE;
}

static gboolean
is_name_end (char c)
{
  return c == '>' || c == '/' || g_ascii_isspace (c);
}

/* Offset of the "<" that opens the start tag being reported, or FALSE. */
static gboolean
find_tag_start (Loader        *l,
                const xmlChar *prefix,
                const xmlChar *localname,
                gsize         *offset)
{
  gsize end, pos, plen = 0, nlen = strlen ((const char *) localname);
  const char *p;

  if (!parser_offset (l, &end))
    return FALSE;
  for (pos = end; pos > 0; pos--)
    if (l->data[pos - 1] == '<')
      break;
  if (pos == 0)
    return FALSE;
  p = l->data + pos;
  if (prefix != NULL)
    {
      plen = strlen ((const char *) prefix);
      if (pos + plen + 1 > l->length || memcmp (p, prefix, plen) != 0 || p[plen] != ':')
        return FALSE;
      plen++;
    }
  if (pos + plen + nlen >= l->length ||
      memcmp (p + plen, localname, nlen) != 0 ||
      !is_name_end (p[plen + nlen]))
    return FALSE;
  *offset = pos - 1;
  return TRUE;
}

static void
node_position (Loader  *l,
               xmlNode *node,
               int     *line,
               int     *column)
{
  if (node != NULL && node->type == XML_ELEMENT_NODE && node->_private != NULL)
    {
      offset_to_position (l, GPOINTER_TO_SIZE (node->_private) - 1, line, column);
      return;
    }
  *line = node != NULL ? (int) MAX (xmlGetLineNo (node), 1) : 1;
  *column = 1;
}

/* Position of an attribute inside the start tag of node, scanning the raw bytes. */
static void
attribute_position (Loader     *l,
                    xmlNode    *node,
                    const char *name,
                    int        *line,
                    int        *column)
{
  gsize pos, len = strlen (name);

  node_position (l, node, line, column);
  if (node->_private == NULL)
    return;
  pos = GPOINTER_TO_SIZE (node->_private) - 1 + 1;
  while (pos < l->length && !is_name_end (l->data[pos]))
    pos++;
  while (pos < l->length)
    {
      gsize start;
      char quote;

      while (pos < l->length && g_ascii_isspace (l->data[pos]))
        pos++;
      if (pos >= l->length || l->data[pos] == '>' || l->data[pos] == '/')
        return;
      start = pos;
      while (pos < l->length && l->data[pos] != '=' && !g_ascii_isspace (l->data[pos]))
        pos++;
      if (pos - start == len && memcmp (l->data + start, name, len) == 0)
        {
          offset_to_position (l, start, line, column);
          return;
        }
      while (pos < l->length && l->data[pos] != '\'' && l->data[pos] != '"')
        pos++;
      if (pos >= l->length)
        return;
      quote = l->data[pos++];
      while (pos < l->length && l->data[pos] != quote)
        pos++;
      pos++;
    }
}

/* ---- Element paths -------------------------------------------------------------- */

static gboolean
is_singleton (const char *name)
{
  return g_strv_contains (singletons, name);
}

/* Paths deeper than this lose their middle steps, so a message stays readable. */
#define PATH_HEAD 4
#define PATH_TAIL 6

static void
append_step (GString    *path,
             const char *name,
             guint       index,
             guint       position,
             guint       depth)
{
  if (depth > PATH_HEAD + PATH_TAIL && position >= PATH_HEAD && position < depth - PATH_TAIL)
    {
      if (position == PATH_HEAD)
        g_string_append (path, "/…");
      return;
    }
  g_string_append_c (path, '/');
  g_string_append (path, name);
  if (!is_singleton (name) || index > 1)
    g_string_append_printf (path, "[%u]", index);
}

static guint
sibling_index (xmlNode *node)
{
  guint index = 1;

  for (xmlNode *n = node->prev; n != NULL; n = n->prev)
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, node->name))
      index++;
  return index;
}

static char *
node_path (xmlNode *node)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GString *path = g_string_new (NULL);

  for (xmlNode *n = node; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    g_ptr_array_add (chain, n);
  for (guint i = 0; i < chain->len; i++)
    {
      xmlNode *n = chain->pdata[chain->len - 1 - i];

      append_step (path, (const char *) n->name, sibling_index (n), i, chain->len);
    }
  return g_string_free (path, path->len == 0);
}

static char *
open_path (Loader *l)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < l->open->len; i++)
    {
      OpenElement *e = &g_array_index (l->open, OpenElement, i);

      append_step (path, (const char *) e->name, e->index, i, l->open->len);
    }
  return g_string_free (path, path->len == 0);
}

/* ---- Problems ------------------------------------------------------------------- */

static void
add_problem (Loader     *l,
             UpSeverity  severity,
             gboolean    parse,
             int         line,
             int         column,
             const char *where,
             const char *message)
{
  g_autofree char *valid_message = NULL;
  g_autofree char *valid_where = NULL;

  if (l->gave_up)
    return;
  if (severity == UP_SEVERITY_ERROR)
    {
      l->n_errors++;
      if (parse)
        l->parse_failed = TRUE;
    }
  /* libxml2 quotes raw input in some messages ("xmlns: 'caf\xE9' is not a valid URI"),
   * and a message is shown in the window and printed: never let bad bytes through. */
  valid_message = g_utf8_make_valid (message, -1);
  valid_where = where != NULL ? g_utf8_make_valid (where, -1) : NULL;
  up_problems_add (l->problems, severity, MAX (line, 1), MAX (column, 1), valid_where, "%s",
                   valid_message);
  if (l->n_errors >= MAX_PROBLEMS)
    {
      up_problems_add (l->problems, UP_SEVERITY_ERROR, MAX (line, 1), MAX (column, 1), NULL,
                       "too many problems; the rest of the file was not checked");
      l->gave_up = TRUE;
    }
}

static void G_GNUC_PRINTF (4, 5)
node_problem (Loader     *l,
              xmlNode    *node,
              gboolean    parse,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = node_path (node);
  va_list args;
  int line, column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  node_position (l, node, &line, &column);
  add_problem (l, UP_SEVERITY_ERROR, parse, line, column, where, message);
}

#define node_error(l, node, ...) node_problem (l, node, FALSE, __VA_ARGS__)

static void G_GNUC_PRINTF (4, 5)
attribute_error (Loader     *l,
                 xmlNode    *node,
                 const char *name,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = node_path (node);
  va_list args;
  int line, column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  attribute_position (l, node, name, &line, &column);
  add_problem (l, UP_SEVERITY_ERROR, FALSE, line, column, where, message);
}

/* ---- Parser callbacks ----------------------------------------------------------- */

/* Whether line:column (as libxml2 counts) is at the end of the input, or only blanks
 * follow it: where a parser stops in a file that was cut short. */
static gboolean
at_end_of_data (Loader *l,
                int     line,
                int     column)
{
  gsize offset;

  if (line < 1 || (guint) line < l->line_starts->len)
    return FALSE;
  offset = g_array_index (l->line_starts, gsize, l->line_starts->len - 1) +
           (gsize) MAX (column - 1, 0);
  for (; offset < l->length; offset++)
    if (!g_ascii_isspace (l->data[offset]))
      return FALSE;
  return TRUE;
}

static void
structured_error_cb (void     *user_data,
                     ErrorPtr  err)
{
  xmlParserCtxtPtr ctxt = user_data;
  Loader *l = ctxt != NULL ? ctxt->_private : NULL;
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;

  if (l == NULL || err == NULL || l->doctype || err->level == XML_ERR_NONE)
    return;
  message = g_strdup (err->message ? err->message : "unknown XML error");
  g_strdelimit (message, "\n\r\t", ' ');
  g_strstrip (message);
  /* Two of libxml2's messages give advice that does not apply to a plan file. */
  if (g_str_has_prefix (message, "Input is not proper UTF-8"))
    {
      const char *bytes = strstr (message, "Bytes: ");
      char *friendly = bytes ? g_strdup_printf ("the file is not valid UTF-8 (bytes %s)",
                                                bytes + strlen ("Bytes: "))
                             : g_strdup ("the file is not valid UTF-8");

      g_free (message);
      message = friendly;
    }
  else if (g_str_has_prefix (message, "Excessive depth in document"))
    {
      g_free (message);
      message = g_strdup ("elements are nested too deeply (more than 256 levels)");
    }
  if (!l->parse_failed && at_end_of_data (l, err->line, err->int2))
    {
      char *longer = g_strdup_printf ("the file ends before the plan does (it may have been "
                                      "cut short): %s", message);

      g_free (message);
      message = longer;
    }
  /* After its first error libxml2 stops calling back, so the open elements are only
   * known for that one. */
  if (l->open != NULL && !l->parse_failed)
    where = open_path (l);
  add_problem (l, err->level == XML_ERR_WARNING ? UP_SEVERITY_WARNING : UP_SEVERITY_ERROR,
               TRUE, err->line, err->int2, where, message);
}

static const char *
find_bytes (const char *haystack,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (haystack[i] == needle[0] && memcmp (haystack + i, needle, n) == 0)
      return haystack + i;
  return NULL;
}

/* What a refused DOCTYPE would have done, from a look at its raw text; only for the
 * message, so an approximate reading is fine. */
static const char *
describe_doctype (const char    *text,
                  gsize          length,
                  const xmlChar *system_id)
{
  const char *open = memchr (text, '[', length);
  const char *close = memchr (text, '>', length);
  const char *entity;
  gsize subset;

  if (open != NULL && (close == NULL || open < close))
    {
      const char *end = find_bytes (open, length - (open - text), "]>");

      subset = (end ? end : text + length) - open;
      entity = find_bytes (open, subset, "<!ENTITY");
      while (entity != NULL)
        {
          gsize rest = subset - (entity - open);
          const char *stop = memchr (entity, '>', rest);
          gsize decl = stop ? (gsize) (stop - entity) : rest;

          if (find_bytes (entity, decl, "SYSTEM") || find_bytes (entity, decl, "PUBLIC"))
            return "DOCTYPE declarations are not allowed in plan files, and this one "
                   "declares an external entity, which is never read";
          entity = find_bytes (entity + 1, rest - 1, "<!ENTITY");
        }
      if (find_bytes (open, subset, "<!ENTITY"))
        return "DOCTYPE declarations are not allowed in plan files, and this one "
               "declares entities, which are never expanded";
    }
  if (system_id != NULL)
    return "DOCTYPE declarations are not allowed in plan files, and this one "
           "refers to an external DTD, which is never loaded";
  return "DOCTYPE declarations are not allowed in plan files";
}

static void
internal_subset_cb (void          *user_data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = user_data;
  Loader *l = ctxt->_private;
  const char *message = NULL;
  int line = ctxt->input ? ctxt->input->line : 1, column = 1;
  gsize offset;

  if (parser_offset (l, &offset))
    {
      const char *start = NULL;

      /* Back from where the parser stands to the "<!DOCTYPE" it has just read. */
      for (gsize pos = MIN (offset + 1, l->length); pos-- > 0 && start == NULL;)
        if (l->data[pos] == '<' && pos + 9 <= l->length &&
            memcmp (l->data + pos, "<!DOCTYPE", 9) == 0)
          start = l->data + pos;
      if (start != NULL)
        {
          offset_to_position (l, start - l->data, &line, &column);
          message = describe_doctype (start, l->length - (start - l->data), system_id);
        }
    }
  if (message == NULL)
    message = describe_doctype ("", 0, system_id);
  add_problem (l, UP_SEVERITY_ERROR, TRUE, line, column, NULL, message);
  /* Stop before the internal subset is read: no declaration in it is ever seen. */
  l->doctype = TRUE;
  xmlStopParser (ctxt);
}

static void
start_element_cb (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = user_data;
  Loader *l = ctxt->_private;
  OpenElement e = { localname, 1, NULL };
  gboolean located;
  gsize offset = 0;

  if (l->open->len > 0)
    {
      OpenElement *parent = &g_array_index (l->open, OpenElement, l->open->len - 1);

      if (parent->children == NULL)
        parent->children = g_hash_table_new (NULL, NULL);
      e.index = GPOINTER_TO_UINT (g_hash_table_lookup (parent->children, localname)) + 1;
      g_hash_table_insert (parent->children, (gpointer) localname, GUINT_TO_POINTER (e.index));
    }
  g_array_append_val (l->open, e);

  located = find_tag_start (l, prefix, localname, &offset);
  xmlSAX2StartElementNs (ctxt, localname, prefix, uri, n_namespaces, namespaces,
                         n_attributes, n_defaulted, attributes);
  if (located && ctxt->node != NULL && ctxt->node->_private == NULL &&
      xmlStrEqual (ctxt->node->name, localname))
    ctxt->node->_private = GSIZE_TO_POINTER (offset + 1);
}

static void
end_element_cb (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  xmlParserCtxtPtr ctxt = user_data;
  Loader *l = ctxt->_private;

  if (l->open->len > 0)
    {
      OpenElement *e = &g_array_index (l->open, OpenElement, l->open->len - 1);

      g_clear_pointer (&e->children, g_hash_table_unref);
      g_array_set_size (l->open, l->open->len - 1);
    }
  xmlSAX2EndElementNs (ctxt, localname, prefix, uri);
}

static void
clear_open_element (gpointer data)
{
  OpenElement *e = data;

  g_clear_pointer (&e->children, g_hash_table_unref);
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

static xmlDocPtr
parse (Loader *l)
{
  static GOnce once = G_ONCE_INIT;
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  /* Never NOENT, DTDLOAD, DTDATTR, HUGE or XINCLUDE: see the file comment. IGNORE_ENC:
   * the input is UTF-8 (check_encoding() refused anything else), whatever it declares. */
  int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC;

  g_once (&once, init_libxml, NULL);
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      add_problem (l, UP_SEVERITY_ERROR, TRUE, 1, 1, NULL, "out of memory");
      return NULL;
    }
  /* The error and tree callbacks get the context as their user data, so our state
   * travels in _private, which libxml2 leaves alone. */
  ctxt->_private = l;
  ctxt->sax->serror = structured_error_cb;
  ctxt->sax->internalSubset = internal_subset_cb;
  ctxt->sax->startElementNs = start_element_cb;
  ctxt->sax->endElementNs = end_element_cb;
  /* A plan ignores comments and processing instructions, so they never enter the tree,
   * where a file of nothing but comments would cost many times its size. */
  ctxt->sax->comment = NULL;
  ctxt->sax->processingInstruction = NULL;
  l->ctxt = ctxt;
  l->open = g_array_new (FALSE, TRUE, sizeof (OpenElement));
  g_array_set_clear_func (l->open, clear_open_element);

  doc = xmlCtxtReadMemory (ctxt, l->data, (int) l->length, NULL, NULL, options);

  g_clear_pointer (&l->open, g_array_unref);
  l->ctxt = NULL;
  xmlFreeParserCtxt (ctxt);

  if (doc != NULL && (l->doctype || l->parse_failed))
    g_clear_pointer (&doc, xmlFreeDoc);
  if (doc == NULL && l->n_errors == 0)
    add_problem (l, UP_SEVERITY_ERROR, TRUE, 1, 1, NULL, "the file could not be read as XML");
  return doc;
}

/* ---- Reading values ------------------------------------------------------------- */

static gboolean
in_our_namespace (xmlNode *node)
{
  return node->ns != NULL && xmlStrEqual (node->ns->href, BAD_CAST UP_PLAN_NAMESPACE);
}

/* Reports text found among elements. The text node has no position of its own, so its
 * first word is looked for in the raw bytes after the element before it. */
static void
stray_text (Loader     *l,
            xmlNode    *parent,
            xmlNode    *text,
            const char *start)
{
  g_autofree char *word = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *message = NULL;
  g_autofree char *where = node_path (parent);
  xmlNode *before = parent;
  gsize n = 0, from;
  const char *found;
  int line, column;

  while (start[n] != '\0' && !g_ascii_isspace (start[n]) && start[n] != '&' && n < 40)
    n++;
  word = g_strndup (start, n);
  for (xmlNode *p = text->prev; p != NULL; p = p->prev)
    if (p->type == XML_ELEMENT_NODE)
      {
        before = p;
        break;
      }
  node_position (l, parent, &line, &column);
  if (before->_private != NULL && n > 0)
    {
      from = GPOINTER_TO_SIZE (before->_private) - 1;
      found = find_bytes (l->data + from, l->length - from, word);
      if (found != NULL)
        offset_to_position (l, found - l->data, &line, &column);
    }
  g_free (word);
  valid = g_utf8_make_valid (start, -1);
  word = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), 30));
  g_strdelimit (word, "\n\r\t", ' ');
  message = g_strdup_printf ("text is not allowed directly inside <%s>: “%s”",
                             parent->name, g_strchomp (word));
  add_problem (l, UP_SEVERITY_ERROR, FALSE, line, column, where, message);
}

/* Whether child is an element of ours; reports whatever else a plan must not hold. */
static gboolean
is_plan_element (Loader  *l,
                 xmlNode *parent,
                 xmlNode *child)
{
  if (l->gave_up)
    return FALSE;
  switch (child->type)
    {
    case XML_ELEMENT_NODE:
      if (in_our_namespace (child))
        return TRUE;
      if (child->ns != NULL)
        node_error (l, child, "unknown element <%s:%s> in the namespace “%s”",
                    child->ns->prefix ? (const char *) child->ns->prefix : "",
                    child->name, child->ns->href);
      else
        node_error (l, child, "element <%s> is in no namespace; plan elements are in “%s”",
                    child->name, UP_PLAN_NAMESPACE);
      return FALSE;

    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      for (const xmlChar *p = child->content; p != NULL && *p; p++)
        if (!g_ascii_isspace (*p))
          {
            stray_text (l, parent, child, (const char *) p);
            break;
          }
      return FALSE;

    case XML_ENTITY_REF_NODE:
      node_error (l, parent, "entity references are not allowed in plan files");
      return FALSE;

    default:
      /* Comments and processing instructions are allowed and ignored. */
      return FALSE;
    }
}

static void
unknown_element (Loader  *l,
                 xmlNode *parent,
                 xmlNode *child)
{
  node_error (l, child, "unknown element <%s> in <%s>", child->name, parent->name);
}

static void
no_children (Loader  *l,
             xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_plan_element (l, node, child))
      unknown_element (l, node, child);
}

/* Reports attributes of node that are neither in names nor numbers of klass. */
static void
check_attributes (Loader             *l,
                  xmlNode            *node,
                  const char * const *names,
                  UpItemClass        *klass)
{
  guint n_numbers = 0;
  const UpNumberSpec *numbers = klass ? up_item_class_get_numbers (klass, &n_numbers) : NULL;

  for (xmlAttr *attr = node->properties; attr != NULL && !l->gave_up; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      gboolean known = FALSE;

      if (attr->ns == NULL)
        {
          known = names != NULL && g_strv_contains (names, name);
          for (guint i = 0; !known && i < n_numbers; i++)
            known = strcmp (numbers[i].key, name) == 0;
        }
      if (!known && attr->ns != NULL)
        {
          g_autofree char *qname = g_strdup_printf ("%s:%s",
                                                    attr->ns->prefix ? (const char *) attr->ns->prefix : "",
                                                    name);

          attribute_error (l, node, qname, "unknown attribute “%s” on <%s>", qname, node->name);
        }
      else if (!known)
        attribute_error (l, node, name, "unknown attribute “%s” on <%s>", name, node->name);
    }
}

/* The attribute's value, or NULL; a missing required one is reported. */
static char *
get_attribute (Loader     *l,
               xmlNode    *node,
               const char *name,
               gboolean    required)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST name);
  char *copy;

  if (value == NULL)
    {
      if (required)
        node_error (l, node, "missing attribute “%s” on <%s>", name, node->name);
      return NULL;
    }
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
read_string (Loader     *l,
             xmlNode    *node,
             const char *name,
             gboolean    required)
{
  char *value = get_attribute (l, node, name, required);

  if (value != NULL && required && value[0] == '\0')
    attribute_error (l, node, name, "attribute “%s” must not be empty", name);
  return value;
}

static char *
read_id (Loader     *l,
         xmlNode    *node,
         const char *name,
         gboolean    required)
{
  char *value = get_attribute (l, node, name, required);

  if (value != NULL && !up_is_valid_id (value))
    attribute_error (l, node, name,
                     "attribute “%s”: “%s” is not a valid id (a letter, then up to 63 "
                     "letters, digits, “.”, “_” or “-”)", name, value);
  return value;
}

static gboolean
read_double (Loader     *l,
             xmlNode    *node,
             const char *name,
             gboolean    required,
             double     *out)
{
  g_autofree char *value = get_attribute (l, node, name, required);
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return FALSE;
  if (!up_parse_double (value, out, &error))
    {
      attribute_error (l, node, name, "attribute “%s”: %s", name, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_int (Loader     *l,
          xmlNode    *node,
          const char *name,
          gboolean    required,
          int        *out)
{
  g_autofree char *value = get_attribute (l, node, name, required);
  g_autoptr(GError) error = NULL;
  gint64 v;

  if (value == NULL)
    return FALSE;
  if (!up_parse_int (value, G_MININT32, G_MAXINT32, &v, &error))
    {
      attribute_error (l, node, name, "attribute “%s”: %s", name, error->message);
      return FALSE;
    }
  *out = (int) v;
  return TRUE;
}

static gboolean
read_bool (Loader     *l,
           xmlNode    *node,
           const char *name,
           gboolean   *out)
{
  g_autofree char *value = get_attribute (l, node, name, FALSE);

  if (value == NULL)
    return FALSE;
  if (strcmp (value, "true") == 0)
    *out = TRUE;
  else if (strcmp (value, "false") == 0)
    *out = FALSE;
  else
    {
      attribute_error (l, node, name, "attribute “%s”: expected “true” or “false”, not “%s”",
                       name, value);
      return FALSE;
    }
  return TRUE;
}

static UpSchedule *
read_schedule (Loader     *l,
               xmlNode    *node,
               const char *name,
               gboolean    required)
{
  g_autofree char *value = get_attribute (l, node, name, required);
  g_autoptr(GError) error = NULL;
  UpSchedule *schedule;

  if (value == NULL)
    return NULL;
  schedule = up_schedule_parse (value, &error);
  if (schedule == NULL)
    attribute_error (l, node, name, "attribute “%s”: %s", name, error->message);
  return schedule;
}

/* Reads every numeric parameter of item that node carries. */
static void
read_numbers (Loader  *l,
              xmlNode *node,
              UpItem  *item)
{
  guint n;
  const UpNumberSpec *numbers = up_item_class_get_numbers (UP_ITEM_GET_CLASS (item), &n);

  for (guint i = 0; i < n; i++)
    {
      const UpNumberSpec *spec = &numbers[i];
      double value;
      int whole;

      if (spec->integer)
        {
          if (!read_int (l, node, spec->key, FALSE, &whole))
            continue;
          value = whole;
        }
      else if (!read_double (l, node, spec->key, FALSE, &value))
        continue;
      up_item_set_number (item, spec, value);
    }
}

/* The text of an element that holds only text. */
static char *
read_text (Loader  *l,
           xmlNode *node)
{
  GString *text = g_string_new (NULL);

  check_attributes (l, node, NULL, NULL);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    switch (child->type)
      {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        g_string_append (text, (const char *) child->content);
        break;
      case XML_ELEMENT_NODE:
        node_error (l, child, "element <%s> is not allowed inside <%s>, which holds text",
                    child->name, node->name);
        break;
      case XML_ENTITY_REF_NODE:
        node_error (l, node, "entity references are not allowed in plan files");
        break;
      default:
        break;
      }
  return g_string_free (text, FALSE);
}

static void
set_location (Loader  *l,
              UpItem  *item,
              xmlNode *node)
{
  int line, column;

  node_position (l, node, &line, &column);
  up_item_set_location (item, line, column);
}

/* Remembers an id of one kind; reports it when it was seen before. */
static void
note_id (Loader     *l,
         int         kind,
         const char *what,
         xmlNode    *node,
         const char *id)
{
  xmlNode *first;

  if (id == NULL)
    return;
  if (l->ids[kind] == NULL)
    l->ids[kind] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_lookup (l->ids[kind], id);
  if (first != NULL)
    {
      int line, column;

      node_position (l, first, &line, &column);
      attribute_error (l, node, "id", "duplicate %s id “%s” (first used on line %d)",
                       what, id, line);
      return;
    }
  g_hash_table_insert (l->ids[kind], g_strdup (id), node);
}

/* For keys that must be unique within one parent (funding holders, paths, …). */
static gboolean
note_key (Loader      *l,
          GHashTable **seen,
          xmlNode     *node,
          const char  *attr,
          const char  *key,
          const char  *what)
{
  xmlNode *first;

  if (key == NULL)
    return FALSE;
  if (*seen == NULL)
    *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_lookup (*seen, key);
  if (first != NULL)
    {
      int line, column;

      node_position (l, first, &line, &column);
      attribute_error (l, node, attr, "%s “%s” is given twice (first on line %d)",
                       what, key, line);
      return FALSE;
    }
  g_hash_table_insert (*seen, g_strdup (key), node);
  return TRUE;
}

/* ---- Elements ------------------------------------------------------------------- */

static void
load_settings (Loader  *l,
               xmlNode *node,
               UpPlan  *plan)
{
  static const char * const names[] = {
    "currency", "counting", "discount-costs", "discount-outcomes", "discount-first-cycle",
    "inflow", NULL
  };
  static const char * const discounts[] = { "discount-costs", "discount-outcomes" };
  g_autofree char *currency = NULL;
  g_autofree char *counting = NULL;
  g_autoptr(UpSchedule) inflow = NULL;
  gboolean first_cycle;

  check_attributes (l, node, names, UP_ITEM_GET_CLASS (plan));
  no_children (l, node);
  read_numbers (l, node, UP_ITEM (plan));

  currency = read_string (l, node, "currency", FALSE);
  if (currency != NULL)
    up_plan_set_currency (plan, currency);

  counting = get_attribute (l, node, "counting", FALSE);
  if (counting != NULL)
    {
      UpCounting c;

      if (up_counting_from_string (counting, &c) && c != UP_COUNTING_INHERIT)
        up_plan_set_counting (plan, c);
      else
        attribute_error (l, node, "counting",
                         "attribute “counting”: expected “beginning”, “end” or “life-table”, "
                         "not “%s”", counting);
    }

  for (guint i = 0; i < G_N_ELEMENTS (discounts); i++)
    {
      g_autofree char *value = get_attribute (l, node, discounts[i], FALSE);
      UpDiscountSchedule schedule;

      if (value == NULL)
        continue;
      if (!up_discount_from_string (value, &schedule))
        attribute_error (l, node, discounts[i],
                         "attribute “%s”: expected “constant”, “greenbook” or "
                         "“greenbook-health”, not “%s”", discounts[i], value);
      else if (i == 0)
        up_plan_set_discount_costs (plan, schedule);
      else
        up_plan_set_discount_outcomes (plan, schedule);
    }

  if (read_bool (l, node, "discount-first-cycle", &first_cycle))
    up_plan_set_discount_first_cycle (plan, first_cycle);

  inflow = read_schedule (l, node, "inflow", FALSE);
  if (inflow != NULL)
    up_plan_set_inflow (plan, inflow);
}

static int
compare_price_entries (gconstpointer a,
                       gconstpointer b)
{
  int ya = ((const UpPriceIndexEntry *) a)->year;
  int yb = ((const UpPriceIndexEntry *) b)->year;

  return (ya > yb) - (ya < yb);
}

static void
load_price_index (Loader  *l,
                  xmlNode *node,
                  UpPlan  *plan)
{
  static const char * const names[] = { "year", "value", NULL };
  g_autoptr(GHashTable) seen = NULL;

  check_attributes (l, node, NULL, NULL);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      UpPriceIndexEntry entry;
      g_autofree char *key = NULL;
      gboolean ok;

      if (!is_plan_element (l, node, child))
        continue;
      if (!xmlStrEqual (child->name, BAD_CAST "index"))
        {
          unknown_element (l, node, child);
          continue;
        }
      check_attributes (l, child, names, NULL);
      ok = read_int (l, child, "year", TRUE, &entry.year);
      ok = read_double (l, child, "value", TRUE, &entry.index) && ok;
      if (!ok)
        continue;
      key = g_strdup_printf ("%d", entry.year);
      if (note_key (l, &seen, child, "year", key, "price index year"))
        g_array_append_val (plan->price_index, entry);
    }

  /* Filled directly: the one-at-a-time setter is quadratic on a long table. */
  g_array_sort (plan->price_index, compare_price_entries);
  g_array_set_size (plan->price_years, 0);
  g_array_set_size (plan->price_values, 0);
  for (guint i = 0; i < plan->price_index->len; i++)
    {
      UpPriceIndexEntry *e = &g_array_index (plan->price_index, UpPriceIndexEntry, i);

      g_array_append_val (plan->price_years, e->year);
      g_array_append_val (plan->price_values, e->index);
    }
  up_item_emit_changed (UP_ITEM (plan));
}

static void
load_holder (Loader  *l,
             xmlNode *node,
             UpPlan  *plan)
{
  static const char * const names[] = { "id", "name", "colour", "public", "pooled", NULL };
  g_autofree char *id = read_id (l, node, "id", TRUE);
  g_autofree char *name = read_string (l, node, "name", FALSE);
  g_autofree char *colour = read_string (l, node, "colour", FALSE);
  g_autoptr(UpBudgetHolder) holder = up_budget_holder_new (id, name);
  gboolean flag;

  check_attributes (l, node, names, NULL);
  no_children (l, node);
  note_id (l, IDS_HOLDER, "budget holder", node, id);
  up_budget_holder_set_colour (holder, colour);
  if (read_bool (l, node, "public", &flag))
    up_budget_holder_set_public (holder, flag);
  if (read_bool (l, node, "pooled", &flag))
    up_budget_holder_set_pooled (holder, flag);
  set_location (l, UP_ITEM (holder), node);
  g_list_store_append (plan->holders, holder);
}

static void
load_cost_item (Loader  *l,
                xmlNode *node,
                UpPlan  *plan)
{
  static const char * const names[] = { "id", "name", "unit", "holder", "category", NULL };
  g_autofree char *id = read_id (l, node, "id", TRUE);
  g_autofree char *name = read_string (l, node, "name", FALSE);
  g_autofree char *unit = read_string (l, node, "unit", FALSE);
  g_autofree char *holder = read_id (l, node, "holder", FALSE);
  g_autofree char *category = read_string (l, node, "category", FALSE);
  g_autoptr(UpCostItem) item = up_cost_item_new (id, name);
  gboolean have_source = FALSE;

  check_attributes (l, node, names, UP_ITEM_GET_CLASS (item));
  note_id (l, IDS_COST_ITEM, "cost item", node, id);
  up_cost_item_set_unit (item, unit);
  up_cost_item_set_holder (item, holder);
  up_cost_item_set_category (item, category);
  read_numbers (l, node, UP_ITEM (item));

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *source = NULL;

      if (!is_plan_element (l, node, child))
        continue;
      if (!xmlStrEqual (child->name, BAD_CAST "source"))
        {
          unknown_element (l, node, child);
          continue;
        }
      if (have_source)
        node_error (l, child, "more than one <source> in <item>");
      have_source = TRUE;
      source = read_text (l, child);
      up_cost_item_set_source (item, source);
    }
  set_location (l, UP_ITEM (item), node);
  g_list_store_append (plan->cost_items, item);
}

static void
load_measure (Loader  *l,
              xmlNode *node,
              UpPlan  *plan)
{
  static const char * const names[] = { "id", "name", "unit", "counting", NULL };
  g_autofree char *id = read_id (l, node, "id", TRUE);
  g_autofree char *name = read_string (l, node, "name", FALSE);
  g_autofree char *unit = read_string (l, node, "unit", FALSE);
  g_autofree char *counting = get_attribute (l, node, "counting", FALSE);
  g_autoptr(UpMeasure) measure = up_measure_new (id, name);

  check_attributes (l, node, names, UP_ITEM_GET_CLASS (measure));
  no_children (l, node);
  note_id (l, IDS_MEASURE, "measure", node, id);
  up_measure_set_unit (measure, unit);
  if (counting != NULL)
    {
      UpCounting c;

      if (up_counting_from_string (counting, &c))
        up_measure_set_counting (measure, c);
      else
        attribute_error (l, node, "counting",
                         "attribute “counting”: expected “plan”, “beginning”, “end” or "
                         "“life-table”, not “%s”", counting);
    }
  read_numbers (l, node, UP_ITEM (measure));
  set_location (l, UP_ITEM (measure), node);
  g_list_store_append (plan->measures, measure);
}

static void
load_cost_line (Loader     *l,
                xmlNode    *node,
                GListStore *store)
{
  static const char * const names[] = { "item", "holder", NULL };
  g_autofree char *item = read_id (l, node, "item", TRUE);
  g_autofree char *holder = read_id (l, node, "holder", FALSE);
  g_autoptr(UpCostLine) line = up_cost_line_new (item, 0.0, holder);

  check_attributes (l, node, names, UP_ITEM_GET_CLASS (line));
  no_children (l, node);
  if (xmlHasProp (node, BAD_CAST "quantity") == NULL)
    node_error (l, node, "missing attribute “quantity” on <%s>", node->name);
  read_numbers (l, node, UP_ITEM (line));
  set_location (l, UP_ITEM (line), node);
  g_list_store_append (store, line);
}

static void
load_state (Loader  *l,
            xmlNode *node,
            UpPlan  *plan)
{
  static const char * const names[] = { "id", "name", "colour", "crisis", NULL };
  static const char * const weight_names[] = { "measure", "value", NULL };
  g_autofree char *id = read_id (l, node, "id", TRUE);
  g_autofree char *name = read_string (l, node, "name", FALSE);
  g_autofree char *colour = read_string (l, node, "colour", FALSE);
  g_autoptr(UpState) state = up_state_new (id, name);
  g_autoptr(GHashTable) weights = NULL;
  gboolean crisis;

  check_attributes (l, node, names, UP_ITEM_GET_CLASS (state));
  note_id (l, IDS_STATE, "state", node, id);
  up_state_set_colour (state, colour);
  if (read_bool (l, node, "crisis", &crisis))
    up_state_set_crisis (state, crisis);
  read_numbers (l, node, UP_ITEM (state));

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (!is_plan_element (l, node, child))
        continue;
      if (xmlStrEqual (child->name, BAD_CAST "use"))
        load_cost_line (l, child, state->use);
      else if (xmlStrEqual (child->name, BAD_CAST "entry"))
        load_cost_line (l, child, state->entry);
      else if (xmlStrEqual (child->name, BAD_CAST "weight"))
        {
          g_autofree char *measure = read_id (l, child, "measure", TRUE);
          g_autoptr(UpSchedule) value = read_schedule (l, child, "value", TRUE);

          check_attributes (l, child, weight_names, NULL);
          no_children (l, child);
          if (note_key (l, &weights, child, "measure", measure, "a weight for measure") &&
              value != NULL)
            up_state_set_weight (state, measure, value);
        }
      else
        unknown_element (l, node, child);
    }
  set_location (l, UP_ITEM (state), node);
  g_list_store_append (plan->states, state);
}

static void
load_transition (Loader      *l,
                 xmlNode     *node,
                 UpPlan      *plan,
                 GHashTable **seen)
{
  static const char * const names[] = { "from", "to", "value", NULL };
  g_autofree char *from = read_id (l, node, "from", TRUE);
  g_autofree char *to = read_id (l, node, "to", TRUE);
  g_autoptr(UpSchedule) value = read_schedule (l, node, "value", TRUE);
  g_autoptr(UpTransition) transition = NULL;

  check_attributes (l, node, names, NULL);
  no_children (l, node);
  if (from != NULL && to != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s → %s", from, to);

      note_key (l, seen, node, "from", key, "the transition");
    }
  transition = up_transition_new (from, to, value);
  set_location (l, UP_ITEM (transition), node);
  g_list_store_append (plan->transitions, transition);
}

static void
load_effect (Loader   *l,
             xmlNode  *node,
             UpOption *option)
{
  static const char * const names[] = { "from", "to", "relative-risk", "replace", NULL };
  g_autofree char *from = read_id (l, node, "from", TRUE);
  g_autofree char *to = read_id (l, node, "to", TRUE);
  gboolean has_rr = xmlHasProp (node, BAD_CAST "relative-risk") != NULL;
  gboolean has_replace = xmlHasProp (node, BAD_CAST "replace") != NULL;
  g_autoptr(UpSchedule) value = NULL;
  g_autoptr(UpEffect) effect = NULL;
  UpEffectKind kind = UP_EFFECT_RELATIVE_RISK;

  check_attributes (l, node, names, NULL);
  no_children (l, node);
  if (has_rr && has_replace)
    node_error (l, node, "an effect has either “relative-risk” or “replace”, not both");
  else if (!has_rr && !has_replace)
    node_error (l, node, "an effect needs a “relative-risk” or a “replace” attribute");
  else if (has_rr)
    {
      value = read_schedule (l, node, "relative-risk", TRUE);
      if (value != NULL && !up_schedule_is_constant (value))
        {
          attribute_error (l, node, "relative-risk",
                           "attribute “relative-risk”: a relative risk is one number, "
                           "not a schedule");
          g_clear_pointer (&value, up_schedule_unref);
        }
    }
  else
    {
      kind = UP_EFFECT_REPLACE;
      value = read_schedule (l, node, "replace", TRUE);
    }
  effect = up_effect_new (from, to, kind, value);
  set_location (l, UP_ITEM (effect), node);
  g_list_store_append (option->effects, effect);
}

static int
compare_one_offs (gconstpointer a,
                  gconstpointer b)
{
  int ca = ((const UpOneOff *) a)->cycle;
  int cb = ((const UpOneOff *) b)->cycle;

  return (ca > cb) - (ca < cb);
}

static void
load_option (Loader  *l,
             xmlNode *node,
             UpPlan  *plan)
{
  static const char * const names[] = { "id", "name", "kind", NULL };
  static const char * const one_off_names[] = { "cycle", "amount", NULL };
  static const char * const funding_names[] = { "holder", "share", NULL };
  static const char * const eligible_names[] = { "state", NULL };
  static const char * const score_names[] = { "criterion", "value", NULL };
  g_autofree char *id = read_id (l, node, "id", TRUE);
  g_autofree char *name = read_string (l, node, "name", FALSE);
  g_autofree char *kind = get_attribute (l, node, "kind", TRUE);
  g_autoptr(UpOption) option = up_option_new (id, name, UP_OPTION_OTHER);
  g_autoptr(GHashTable) one_offs = NULL;
  g_autoptr(GHashTable) funding = NULL;
  g_autoptr(GHashTable) eligible = NULL;
  g_autoptr(GHashTable) scores = NULL;
  g_autoptr(GPtrArray) eligible_ids = g_ptr_array_new_with_free_func (g_free);
  gboolean have_notes = FALSE;

  check_attributes (l, node, names, UP_ITEM_GET_CLASS (option));
  note_id (l, IDS_OPTION, "option", node, id);
  if (kind != NULL)
    {
      UpOptionKind k;

      if (up_option_kind_from_string (kind, &k))
        up_option_set_kind (option, k);
      else
        attribute_error (l, node, "kind",
                         "attribute “kind”: expected “bau”, “make”, “buy”, “communitise” or "
                         "“other”, not “%s”", kind);
    }
  read_numbers (l, node, UP_ITEM (option));
  up_option_set_has_capacity (option, xmlHasProp (node, BAD_CAST "capacity") != NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (!is_plan_element (l, node, child))
        continue;
      if (xmlStrEqual (child->name, BAD_CAST "notes"))
        {
          g_autofree char *notes = read_text (l, child);

          if (have_notes)
            node_error (l, child, "more than one <notes> in <option>");
          have_notes = TRUE;
          up_option_set_notes (option, notes);
        }
      else if (xmlStrEqual (child->name, BAD_CAST "one-off"))
        {
          UpOneOff entry;
          g_autofree char *key = NULL;
          gboolean ok;

          check_attributes (l, child, one_off_names, NULL);
          no_children (l, child);
          ok = read_int (l, child, "cycle", TRUE, &entry.cycle);
          ok = read_double (l, child, "amount", TRUE, &entry.amount) && ok;
          if (!ok)
            continue;
          key = g_strdup_printf ("%d", entry.cycle);
          if (note_key (l, &one_offs, child, "cycle", key, "a one-off cost for cycle"))
            g_array_append_val (option->one_offs, entry);
        }
      else if (xmlStrEqual (child->name, BAD_CAST "funding"))
        {
          g_autofree char *holder = read_id (l, child, "holder", TRUE);
          double share;

          check_attributes (l, child, funding_names, NULL);
          no_children (l, child);
          if (read_double (l, child, "share", TRUE, &share) &&
              note_key (l, &funding, child, "holder", holder, "a funding share for"))
            up_option_set_funding (option, holder, share);
        }
      else if (xmlStrEqual (child->name, BAD_CAST "eligible"))
        {
          g_autofree char *state = read_id (l, child, "state", TRUE);

          check_attributes (l, child, eligible_names, NULL);
          no_children (l, child);
          if (note_key (l, &eligible, child, "state", state, "the eligible state"))
            g_ptr_array_add (eligible_ids, g_steal_pointer (&state));
        }
      else if (xmlStrEqual (child->name, BAD_CAST "effect"))
        load_effect (l, child, option);
      else if (xmlStrEqual (child->name, BAD_CAST "score"))
        {
          g_autofree char *criterion = read_string (l, child, "criterion", TRUE);
          double value;

          check_attributes (l, child, score_names, NULL);
          no_children (l, child);
          if (read_double (l, child, "value", TRUE, &value) &&
              note_key (l, &scores, child, "criterion", criterion, "a score for"))
            up_option_set_score (option, criterion, value);
        }
      else
        unknown_element (l, node, child);
    }

  /* Set directly and sorted once: the one-at-a-time setter is quadratic. */
  g_array_sort (option->one_offs, compare_one_offs);
  g_ptr_array_add (eligible_ids, NULL);
  up_option_set_eligible (option, (const char * const *) eligible_ids->pdata);
  set_location (l, UP_ITEM (option), node);
  g_list_store_append (plan->options, option);
}

static void
load_scenario (Loader  *l,
               xmlNode *node,
               UpPlan  *plan)
{
  static const char * const names[] = { "id", "name", NULL };
  static const char * const set_names[] = { "path", "value", NULL };
  g_autofree char *id = read_id (l, node, "id", TRUE);
  g_autofree char *name = read_string (l, node, "name", FALSE);
  g_autoptr(UpScenario) scenario = up_scenario_new (id, name);
  g_autoptr(GHashTable) paths = NULL;

  check_attributes (l, node, names, NULL);
  note_id (l, IDS_SCENARIO, "scenario", node, id);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *path = NULL;
      double value;

      if (!is_plan_element (l, node, child))
        continue;
      if (!xmlStrEqual (child->name, BAD_CAST "set"))
        {
          unknown_element (l, node, child);
          continue;
        }
      check_attributes (l, child, set_names, NULL);
      no_children (l, child);
      path = read_string (l, child, "path", TRUE);
      if (read_double (l, child, "value", TRUE, &value) &&
          note_key (l, &paths, child, "path", path, "the parameter"))
        up_scenario_set_override (scenario, path, value);
    }
  set_location (l, UP_ITEM (scenario), node);
  g_list_store_append (plan->scenarios, scenario);
}

static void
load_distribution (Loader      *l,
                   xmlNode     *node,
                   UpPlan      *plan,
                   GHashTable **seen)
{
  static const char * const names[] = { "path", "kind", "a", "b", "c", NULL };
  g_autofree char *path = read_string (l, node, "path", TRUE);
  g_autofree char *kind = get_attribute (l, node, "kind", TRUE);
  g_autoptr(GError) error = NULL;
  UpDistribution dist = { 0, };
  gboolean ok = TRUE;

  check_attributes (l, node, names, NULL);
  no_children (l, node);
  if (kind != NULL && !up_dist_kind_from_string (kind, &dist.kind))
    {
      attribute_error (l, node, "kind",
                       "attribute “kind”: expected “beta”, “gamma”, “lognormal”, “normal”, "
                       "“uniform”, “triangular” or “range”, not “%s”", kind);
      return;
    }
  if (kind == NULL)
    return;
  ok = read_double (l, node, "a", TRUE, &dist.a) && ok;
  ok = read_double (l, node, "b", TRUE, &dist.b) && ok;
  if (dist.kind == UP_DIST_TRIANGULAR)
    ok = read_double (l, node, "c", TRUE, &dist.c) && ok;
  else if (xmlHasProp (node, BAD_CAST "c") != NULL)
    {
      attribute_error (l, node, "c", "attribute “c” is only used by triangular distributions");
      ok = FALSE;
    }
  if (!ok)
    return;
  if (!up_distribution_check (&dist, &error))
    {
      node_error (l, node, "invalid distribution: %s", error->message);
      return;
    }
  if (note_key (l, seen, node, "path", path, "a distribution for"))
    up_plan_set_distribution (plan, path, &dist);
}

/* A lever of workshop mode; the path is checked when the workshop uses it, like a
 * scenario's, so a plan whose pinned parameter was removed still opens. */
static void
load_pin (Loader      *l,
          xmlNode     *node,
          UpPlan      *plan,
          GHashTable **seen)
{
  static const char * const names[] = { "path", "min", "max", "step", "label", NULL };
  g_autofree char *path = read_string (l, node, "path", TRUE);
  g_autofree char *label = read_string (l, node, "label", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(UpPin) pin = NULL;
  double min = 0.0, max = 0.0, step = 0.0;
  gboolean ok = TRUE;

  check_attributes (l, node, names, NULL);
  no_children (l, node);
  ok = read_double (l, node, "min", TRUE, &min) && ok;
  ok = read_double (l, node, "max", TRUE, &max) && ok;
  ok = read_double (l, node, "step", TRUE, &step) && ok;
  if (!ok || path == NULL || path[0] == '\0')
    return;
  pin = up_pin_new (path, min, max, step, label, &error);
  if (pin == NULL)
    {
      node_error (l, node, "invalid lever: %s", error->message);
      return;
    }
  if (note_key (l, seen, node, "path", path, "a lever for"))
    up_plan_set_pin (plan, pin);
}

typedef void (*LoadFunc) (Loader *l, xmlNode *node, UpPlan *plan);

/* A collection element: one kind of child, each loaded by func. */
static void
load_collection (Loader     *l,
                 xmlNode    *node,
                 UpPlan     *plan,
                 const char *child_name,
                 LoadFunc    func)
{
  check_attributes (l, node, NULL, NULL);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (!is_plan_element (l, node, child))
        continue;
      if (xmlStrEqual (child->name, BAD_CAST child_name))
        func (l, child, plan);
      else
        unknown_element (l, node, child);
    }
}

/* Collections whose children must be unique by a key of their own. */
static void
load_keyed_collection (Loader     *l,
                       xmlNode    *node,
                       UpPlan     *plan,
                       const char *child_name,
                       void      (*func) (Loader *, xmlNode *, UpPlan *, GHashTable **))
{
  g_autoptr(GHashTable) seen = NULL;

  check_attributes (l, node, NULL, NULL);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (!is_plan_element (l, node, child))
        continue;
      if (xmlStrEqual (child->name, BAD_CAST child_name))
        func (l, child, plan, &seen);
      else
        unknown_element (l, node, child);
    }
}

/* Checks the root and its format; FALSE when the rest must not be read. */
static gboolean
check_root (Loader  *l,
            xmlNode *root)
{
  static const char * const names[] = { "format", NULL };
  g_autofree char *format = NULL;
  gint64 version;

  if (!xmlStrEqual (root->name, BAD_CAST "plan"))
    {
      node_problem (l, root, TRUE,
                    "this is not an Upstream plan: the root element is <%s>, not <plan>",
                    root->name);
      return FALSE;
    }
  if (root->ns == NULL)
    {
      node_problem (l, root, TRUE,
                    "the root element <plan> has no namespace; plan files use “%s”",
                    UP_PLAN_NAMESPACE);
      return FALSE;
    }
  if (!in_our_namespace (root))
    {
      node_problem (l, root, TRUE,
                    "the root element <plan> is in the namespace “%s”, not “%s”",
                    root->ns->href, UP_PLAN_NAMESPACE);
      return FALSE;
    }

  check_attributes (l, root, names, NULL);
  format = xmlHasProp (root, BAD_CAST "format") ? get_attribute (l, root, "format", FALSE) : NULL;
  if (format == NULL)
    {
      node_problem (l, root, TRUE, "the root element <plan> has no “format” attribute");
      return TRUE;
    }
  if (!up_parse_int (format, 0, G_MAXINT64, &version, NULL))
    {
      g_autofree char *message =
        g_strdup_printf ("the plan format “%s” is not a whole number", format);
      g_autofree char *where = node_path (root);
      int line, column;

      attribute_position (l, root, "format", &line, &column);
      add_problem (l, UP_SEVERITY_ERROR, TRUE, line, column, where, message);
      return TRUE;
    }
  if (version > UP_PLAN_FORMAT)
    {
      g_autofree char *message =
        g_strdup_printf ("written in plan format %" G_GINT64_FORMAT "; this version of "
                         "Upstream reads format %d and older", version, UP_PLAN_FORMAT);
      g_autofree char *where = node_path (root);
      int line, column;

      attribute_position (l, root, "format", &line, &column);
      add_problem (l, UP_SEVERITY_ERROR, TRUE, line, column, where, message);
      l->too_new = TRUE;
      return FALSE;
    }
  if (version < 1)
    {
      g_autofree char *message =
        g_strdup_printf ("there is no plan format %" G_GINT64_FORMAT, version);
      g_autofree char *where = node_path (root);
      int line, column;

      attribute_position (l, root, "format", &line, &column);
      add_problem (l, UP_SEVERITY_ERROR, TRUE, line, column, where, message);
      return TRUE;
    }
  /* Format 1 is the first; when format 2 comes, older files are migrated here. */
  return TRUE;
}

static void
load_plan (Loader  *l,
           xmlNode *root,
           UpPlan  *plan)
{
  static const char * const texts[] = { "title", "place", "author", "description", "notes" };
  guint seen_mask = 0;
  guint bit;

  set_location (l, UP_ITEM (plan), root);
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      const char *name;
      static const char * const once[] = {
        "title", "place", "author", "description", "notes", "settings", "price-index",
        "holders", "cost-items", "measures", "states", "transitions", "options",
        "scenarios", "uncertainty", "workshop", NULL
      };

      if (!is_plan_element (l, root, child))
        continue;
      name = (const char *) child->name;
      for (bit = 0; once[bit] != NULL; bit++)
        if (strcmp (once[bit], name) == 0)
          break;
      if (once[bit] == NULL)
        {
          unknown_element (l, root, child);
          continue;
        }
      if (seen_mask & (1u << bit))
        {
          node_error (l, child, "more than one <%s> in <plan>", name);
          continue;
        }
      seen_mask |= 1u << bit;

      if (bit < G_N_ELEMENTS (texts))
        {
          g_autofree char *text = read_text (l, child);

          switch (bit)
            {
            case 0: up_item_set_name (UP_ITEM (plan), text); break;
            case 1: up_plan_set_place (plan, text); break;
            case 2: up_plan_set_author (plan, text); break;
            case 3: up_plan_set_description (plan, text); break;
            default: up_plan_set_notes (plan, text); break;
            }
        }
      else if (strcmp (name, "settings") == 0)
        load_settings (l, child, plan);
      else if (strcmp (name, "price-index") == 0)
        load_price_index (l, child, plan);
      else if (strcmp (name, "holders") == 0)
        load_collection (l, child, plan, "holder", load_holder);
      else if (strcmp (name, "cost-items") == 0)
        load_collection (l, child, plan, "item", load_cost_item);
      else if (strcmp (name, "measures") == 0)
        load_collection (l, child, plan, "measure", load_measure);
      else if (strcmp (name, "states") == 0)
        load_collection (l, child, plan, "state", load_state);
      else if (strcmp (name, "transitions") == 0)
        load_keyed_collection (l, child, plan, "transition", load_transition);
      else if (strcmp (name, "options") == 0)
        load_collection (l, child, plan, "option", load_option);
      else if (strcmp (name, "scenarios") == 0)
        load_collection (l, child, plan, "scenario", load_scenario);
      else if (strcmp (name, "workshop") == 0)
        load_keyed_collection (l, child, plan, "pin", load_pin);
      else
        load_keyed_collection (l, child, plan, "distribution", load_distribution);
    }
}

static gboolean
starts_with (const char *data,
             gsize       length,
             const char *prefix,
             gsize       prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

/* The value of the encoding declaration ("<?xml … encoding='…'?>") at the start of
 * data, with its offset, or NULL. Only for refusing one: a declaration this misses is
 * ignored anyway (XML_PARSE_IGNORE_ENC). */
static char *
declared_encoding (const char *data,
                   gsize       length,
                   gsize      *offset)
{
  gsize end, pos;

  if (!starts_with (data, length, "<?xml", 5) || length < 6 || !g_ascii_isspace (data[5]))
    return NULL;
  for (end = 5; end + 1 < length && end < 4096; end++)
    if (data[end] == '?' && data[end + 1] == '>')
      break;
  for (pos = 5; pos + 8 < end; pos++)
    {
      gsize value;
      char quote;

      if (!g_ascii_isspace (data[pos]) || memcmp (data + pos + 1, "encoding", 8) != 0)
        continue;
      value = pos + 9;
      while (value < end && g_ascii_isspace (data[value]))
        value++;
      if (value >= end || data[value] != '=')
        return NULL;
      value++;
      while (value < end && g_ascii_isspace (data[value]))
        value++;
      if (value >= end || (data[value] != '"' && data[value] != '\''))
        return NULL;
      quote = data[value++];
      for (gsize close = value; close < end; close++)
        if (data[close] == quote)
          {
            *offset = value;
            return g_strndup (data + value, close - value);
          }
      return NULL;
    }
  return NULL;
}

static void
refuse_too_large (Loader     *l,
                  gsize       offset,
                  const char *message)
{
  int line, column;

  offset_to_position (l, offset, &line, &column);
  add_problem (l, UP_SEVERITY_ERROR, TRUE, line, column, NULL, message);
  l->too_large = TRUE;
}

/* Counts elements and attributes in the raw bytes, in one pass with no allocation, and
 * refuses a file over the UP_PLAN_MAX_* limits before libxml2 reads it. It reads tags
 * the way XML does (quoted values may hold ">", comments, CDATA sections and
 * processing instructions hold no tags) but checks nothing else: the parser does. */
static gboolean
check_counts (Loader *l)
{
  const char *p = l->data + l->body, *end = l->data + l->length;
  guint elements = 0, attributes = 0, namespaces = 0, depth = 0;

  while (p < end && (p = memchr (p, '<', end - p)) != NULL)
    {
      const char *tag = p, *stop;
      guint in_tag = 0;

      if (starts_with (p, end - p, "<!--", 4))
        {
          stop = find_bytes (p + 4, end - p - 4, "-->");
          p = stop ? stop + 3 : end;
          continue;
        }
      if (starts_with (p, end - p, "<![CDATA[", 9))
        {
          stop = find_bytes (p + 9, end - p - 9, "]]>");
          p = stop ? stop + 3 : end;
          continue;
        }
      if (starts_with (p, end - p, "<?", 2))
        {
          stop = find_bytes (p + 2, end - p - 2, "?>");
          p = stop ? stop + 2 : end;
          continue;
        }
      if (starts_with (p, end - p, "<!", 2))
        {
          /* A DOCTYPE (refused by the parser) or a declaration inside one. */
          stop = memchr (p + 2, '>', end - p - 2);
          p = stop ? stop + 1 : end;
          continue;
        }
      if (starts_with (p, end - p, "</", 2))
        {
          if (depth > 0)
            depth--;
          p += 2;
          continue;
        }
      /* libxml2 stops at once, with its own message, past its depth limit. */
      if (++depth > MAX_DEPTH)
        return TRUE;

      if (++elements > UP_PLAN_MAX_ELEMENTS)
        {
          refuse_too_large (l, tag - l->data,
                            "the file has more than " G_STRINGIFY (UP_PLAN_MAX_ELEMENTS)
                            " elements, the most a plan file may have");
          return FALSE;
        }
      /* The name, then attributes up to the ">" outside quotes. */
      for (p++; p < end && !is_name_end (*p) && *p != '<'; p++)
        ;
      while (p < end && *p != '>' && *p != '<')
        {
          if (g_ascii_isspace (*p) || *p == '/')
            {
              p++;
              continue;
            }
          in_tag++;
          attributes++;
          if (starts_with (p, end - p, "xmlns", 5))
            namespaces++;
          while (p < end && *p != '=' && *p != '>' && *p != '<' && !g_ascii_isspace (*p))
            p++;
          while (p < end && g_ascii_isspace (*p))
            p++;
          if (p < end && *p == '=')
            p++;
          while (p < end && g_ascii_isspace (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              stop = memchr (p + 1, *p, end - p - 1);
              p = stop ? stop + 1 : end;
            }
        }
      if (p > tag + 1 && p < end && p[-1] == '/')
        depth--;   /* <empty/> */
      if (in_tag > UP_PLAN_MAX_TAG_ATTRIBUTES)
        {
          refuse_too_large (l, tag - l->data,
                            "an element has more than " G_STRINGIFY (UP_PLAN_MAX_TAG_ATTRIBUTES)
                            " attributes, the most a plan file allows on one element");
          return FALSE;
        }
      if (attributes > UP_PLAN_MAX_ATTRIBUTES)
        {
          refuse_too_large (l, tag - l->data,
                            "the file has more than " G_STRINGIFY (UP_PLAN_MAX_ATTRIBUTES)
                            " attributes, the most a plan file may have");
          return FALSE;
        }
      if (namespaces > UP_PLAN_MAX_NAMESPACES)
        {
          refuse_too_large (l, tag - l->data,
                            "the file declares more than " G_STRINGIFY (UP_PLAN_MAX_NAMESPACES)
                            " namespaces, the most a plan file may declare");
          return FALSE;
        }
    }
  return TRUE;
}

/* Plan files are UTF-8, with or without a byte-order mark. Anything else is refused
 * before libxml2 sees it: a declared encoding would be decoded by whichever iconv
 * converter the file names, which a stranger should not get to choose, and the
 * positions in messages count the file's own bytes. FALSE when refused. */
static gboolean
check_encoding (Loader *l)
{
  static const struct { const char *bytes; gsize length; const char *name; } marks[] = {
    { "\xFF\xFE\0\0", 4, "UTF-32" }, { "\0\0\xFE\xFF", 4, "UTF-32" },
    { "\xFF\xFE", 2, "UTF-16" }, { "\xFE\xFF", 2, "UTF-16" },
  };
  /* What libxml2 would recognise without a mark, from how "<?" is encoded. */
  static const struct { const char *bytes; gsize length; const char *name; } starts[] = {
    { "<\0\0\0", 4, "UTF-32" }, { "\0\0\0<", 4, "UTF-32" }, { "\0<\0\0", 4, "UTF-32" },
    { "\0\0<\0", 4, "UTF-32" }, { "<\0?\0", 4, "UTF-16" }, { "\0<\0?", 4, "UTF-16" },
    { "\x4C\x6F\xA7\x94", 4, "EBCDIC" },
  };
  g_autofree char *declared = NULL;
  g_autofree char *message = NULL;
  gsize offset = 0;
  int line = 1, column = 1;

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (starts_with (l->data, l->length, marks[i].bytes, marks[i].length))
      {
        message = g_strdup_printf ("the file is in %s (it starts with a %s byte-order mark); "
                                   "plan files are UTF-8: save it again as UTF-8",
                                   marks[i].name, marks[i].name);
        break;
      }
  for (guint i = 0; message == NULL && i < G_N_ELEMENTS (starts); i++)
    if (starts_with (l->data, l->length, starts[i].bytes, starts[i].length))
      message = g_strdup_printf ("the file is in %s; plan files are UTF-8: save it again as "
                                 "UTF-8", starts[i].name);
  if (message == NULL)
    {
      const char *nul = memchr (l->data + l->body, '\0', l->length - l->body);

      if (nul != NULL)
        {
          message = g_strdup ("the file holds binary data (a NUL byte), not a plan");
          offset_to_position (l, nul - l->data, &line, &column);
        }
    }
  if (message == NULL)
    {
      declared = declared_encoding (l->data + l->body, l->length - l->body, &offset);
      if (declared != NULL && g_ascii_strcasecmp (declared, "UTF-8") != 0 &&
          g_ascii_strcasecmp (declared, "UTF8") != 0 &&
          g_ascii_strcasecmp (declared, "US-ASCII") != 0 &&
          g_ascii_strcasecmp (declared, "ASCII") != 0)
        {
          g_autofree char *shown = g_utf8_make_valid (declared, MIN (strlen (declared), 40));

          message = g_strdup_printf ("the file declares the encoding “%s”; plan files are "
                                     "UTF-8: save it again as UTF-8", shown);
          offset_to_position (l, l->body + offset, &line, &column);
        }
    }
  if (message == NULL)
    return TRUE;
  add_problem (l, UP_SEVERITY_ERROR, TRUE, line, column, NULL, message);
  return FALSE;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

static void
loader_clear (Loader *l)
{
  g_clear_pointer (&l->line_starts, g_array_unref);
  g_clear_pointer (&l->problems, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (l->ids); i++)
    g_clear_pointer (&l->ids[i], g_hash_table_unref);
}

/* ---- Public API ----------------------------------------------------------------- */

UpPlan *
up_plan_load_from_data (const char  *data,
                        gsize        length,
                        GPtrArray   *problems,
                        GError     **error)
{
  Loader l = { 0, };
  xmlDocPtr doc = NULL;
  xmlNode *root;
  g_autoptr(UpPlan) plan = NULL;
  const UpProblem *first = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > UP_PLAN_MAX_BYTES)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_TOO_LARGE,
                   "the plan is %" G_GSIZE_FORMAT " bytes, over the limit of %d MiB",
                   length, UP_PLAN_MAX_BYTES / (1024 * 1024));
      up_problems_add (problems, UP_SEVERITY_ERROR, 0, 0, NULL, "%s", (*error)->message);
      return NULL;
    }

  l.data = data;
  l.length = length;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    l.body = 3;
  l.problems = up_problems_new ();
  build_line_table (&l);

  if (is_blank (data + l.body, length - l.body))
    add_problem (&l, UP_SEVERITY_ERROR, TRUE, 1, 1, NULL, "the file is empty");
  else if (check_encoding (&l) && check_counts (&l))
    doc = parse (&l);

  root = doc ? xmlDocGetRootElement (doc) : NULL;
  if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL))
    add_problem (&l, UP_SEVERITY_ERROR, TRUE, 1, 1, NULL,
                 "DOCTYPE declarations are not allowed in plan files");
  else if (root != NULL && check_root (&l, root))
    {
      plan = up_plan_new ();
      load_plan (&l, root, plan);
    }
  g_clear_pointer (&doc, xmlFreeDoc);

  up_problems_sort (l.problems);
  for (guint i = 0; i < l.problems->len && first == NULL; i++)
    if (((UpProblem *) l.problems->pdata[i])->severity == UP_SEVERITY_ERROR)
      first = l.problems->pdata[i];

  if (first != NULL)
    {
      UpError code = l.too_new ? UP_ERROR_TOO_NEW
                     : l.too_large ? UP_ERROR_TOO_LARGE
                     : l.parse_failed ? UP_ERROR_PARSE : UP_ERROR_INVALID;
      guint more = up_problems_count (l.problems, UP_SEVERITY_ERROR) - 1;

      if (more > 0)
        g_set_error (error, UP_ERROR, code, "%d:%d: %s (and %u more %s)",
                     first->line, first->column, first->message, more,
                     more == 1 ? "problem" : "problems");
      else
        g_set_error (error, UP_ERROR, code, "%d:%d: %s",
                     first->line, first->column, first->message);
      g_clear_object (&plan);
    }

  /* Handed over to the caller, or freed with the array (LeakSanitizer found them kept
   * when the caller wanted none). */
  if (problems != NULL)
    {
      for (guint i = 0; i < l.problems->len; i++)
        g_ptr_array_add (problems, g_steal_pointer (&l.problems->pdata[i]));
      g_ptr_array_set_free_func (l.problems, NULL);
    }
  loader_clear (&l);

  return g_steal_pointer (&plan);
}

UpPlan *
up_plan_load_from_file (GFile      *file,
                        GPtrArray  *problems,
                        GError    **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;
  UpPlan *plan;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  /* Refuse an oversized file before reading a byte of it. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > UP_PLAN_MAX_BYTES)
    {
      g_set_error (error, UP_ERROR, UP_ERROR_TOO_LARGE,
                   "%s: the file is %" G_GOFFSET_FORMAT " bytes, over the limit of %d MiB "
                   "for plan files", name, g_file_info_get_size (info),
                   UP_PLAN_MAX_BYTES / (1024 * 1024));
      up_problems_add (problems, UP_SEVERITY_ERROR, 0, 0, NULL,
                       "the file is over the limit of %d MiB for plan files",
                       UP_PLAN_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  plan = up_plan_load_from_data (contents, length, problems, error);
  if (plan == NULL)
    g_prefix_error (error, "%s:", name);
  return plan;
}
