/* up-report.c: a plan's case as pages, for PDF and print
 *
 * Copyright 2026 The Upstream authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three stages. up_report_new() projects the plan and writes the content as a flow of
 * blocks (headings, paragraphs, tables, charts) holding only text and numbers.
 * Pagination lays the flow out for a page size: Pango layouts cut paragraphs into
 * lines and tables into rows, and each page gets a list of placed items. Drawing a page
 * only replays its items, so the PDF export and a GtkPrintOperation draw the same pages.
 *
 * Text is measured with a Pango context of the default cairo font map at 72 dpi (one
 * point is one unit) with metrics hinting off, so the layout does not depend on the
 * surface it is drawn to.
 *
 * The tables of results reuse the Results view's row builders (src/app/up-results-table.h,
 * which has no GTK), so the report says what the application shows.
 */

#define G_LOG_DOMAIN "up-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "up-chart.h"
#include "up-gainshare.h"
#include "up-report.h"
#include "up-results-table.h"
#include "up-sensitivity.h"
#include "upstream-core.h"

#define FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

/* Page geometry, in points. */
#define MARGIN_SIDE    56.7    /* 20 mm */
#define MARGIN_TOP     76.0
#define MARGIN_BOTTOM  68.0
#define HEADER_Y       40.0    /* baseline area of the running header */
#define FOOTER_GAP     30.0    /* from the bottom edge to the footer's top */

#define CELL_PAD_X     4.0
#define CELL_PAD_Y     3.2

/* At most this many option columns beside the label column, so a table fits A4. */
#define MAX_OPTION_COLUMNS 4

/* Bars of the tornado table. */
#define MAX_TORNADO_BARS 12

/* Colours, as 0xRRGGBB: GNOME's palette, dark enough for print. */
#define COLOR_TEXT     0x1e1e1e
#define COLOR_MUTED    0x5e5c64
#define COLOR_ACCENT   0x1a5fb4
#define COLOR_RULE     0xc0bfbc
#define COLOR_FAINT    0xdeddda
#define COLOR_HEADER   0xf0f0ee

/* ---- Styles ----------------------------------------------------------------------- */

typedef enum
{
  STYLE_BODY = 0,
  STYLE_NOTE,
  STYLE_HEADLINE,
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_TABLE,
  STYLE_TABLE_HEAD,
  STYLE_TABLE_SMALL,
  STYLE_KICKER,
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_RUNNING,
  N_STYLES
} Style;

typedef struct
{
  double      size;          /* points */
  PangoWeight weight;
  PangoStyle  slant;
  guint32     color;
  double      before;        /* space above the block */
  double      after;         /* space below the block */
  double      line_spacing;  /* factor; 0 is Pango's default */
} StyleInfo;

static const StyleInfo styles[N_STYLES] = {
  [STYLE_BODY]        = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_TEXT, 0, 7, 1.3 },
  [STYLE_NOTE]        = { 8.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_MUTED, 0, 6, 1.25 },
  [STYLE_HEADLINE]    = { 11.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, COLOR_TEXT, 2, 8, 1.25 },
  [STYLE_H1]          = { 20.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_ACCENT, 0, 14, 0 },
  [STYLE_H2]          = { 13.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_TEXT, 14, 6, 0 },
  [STYLE_H3]          = { 10.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_TEXT, 8, 4, 0 },
  [STYLE_TABLE]       = { 8.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_TEXT, 0, 0, 0 },
  [STYLE_TABLE_HEAD]  = { 8.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_TEXT, 0, 0, 0 },
  [STYLE_TABLE_SMALL] = { 7.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_MUTED, 0, 0, 0 },
  [STYLE_KICKER]      = { 9.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_ACCENT, 0, 0, 0 },
  [STYLE_TITLE]       = { 28.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, COLOR_TEXT, 0, 0, 1.1 },
  [STYLE_SUBTITLE]    = { 15.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_MUTED, 0, 0, 0 },
  [STYLE_RUNNING]     = { 7.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, COLOR_MUTED, 0, 0, 0 },
};

/* ---- Content: blocks -------------------------------------------------------------- */

typedef enum
{
  BLOCK_TEXT = 0,    /* a heading or a paragraph */
  BLOCK_TABLE,
  BLOCK_CHART,
  BLOCK_COVER,
} BlockKind;

typedef enum
{
  ROW_NORMAL = 0,
  ROW_GROUP,         /* a heading across the table */
  ROW_TOTAL,         /* bold, with a rule above */
} RowKind;

typedef struct
{
  RowKind   kind;
  gboolean  left;    /* text, not numbers: every cell aligned left */
  char    **cells;   /* markup, n_cols of them (ROW_GROUP: one) */
} TableRow;

typedef struct
{
  guint           n_cols;
  double         *weights;    /* relative column widths */
  PangoAlignment *align;
  char          **header;     /* markup, or NULL for a table without a header */
  GPtrArray      *rows;       /* TableRow */
} Table;

typedef struct
{
  char *kicker;
  char *title;
  char *subtitle;
  char *scenario;
  GPtrArray *facts;           /* pairs: label, value (plain text) */
  char *note;
} Cover;

typedef struct
{
  BlockKind  kind;
  Style      style;
  char      *markup;
  char      *section;         /* an H1: the running header and the PDF bookmark */
  Table     *table;
  UpChart   *chart;
  double     chart_height;
  double     keep;            /* a heading: room it needs below it, 0 for the default */
  Cover     *cover;
} Block;

/* ---- Pages: placed items ---------------------------------------------------------- */

typedef enum
{
  ITEM_LAYOUT = 0,   /* a whole layout with its top left at (x, y) */
  ITEM_LINE,         /* one line of a layout; (x, y) is the start of its baseline */
  ITEM_FILL,         /* a rectangle */
  ITEM_RULE,         /* a horizontal line of width w and thickness h */
  ITEM_CHART,
} ItemKind;

typedef struct
{
  ItemKind     kind;
  double       x;
  double       y;
  double       w;
  double       h;
  PangoLayout *layout;
  int          line;
  guint32      color;
  UpChart     *chart;      /* borrowed from its block */
} Item;

typedef struct
{
  GPtrArray *items;        /* Item */
  char      *section;      /* the section the page is in, for the running header */
  char      *bookmark;     /* a section starting on this page, or NULL */
  double     bookmark_y;
} Page;

struct _UpReport
{
  GPtrArray    *blocks;     /* Block */
  char         *title;      /* plain text */
  char         *author;
  char         *hash;
  char         *short_hash;
  char         *created;    /* ISO 8601, for the PDF metadata */
  char         *currency;

  PangoContext *context;
  double        page_width;
  double        page_height;
  GPtrArray    *pages;      /* Page; NULL until laid out */
};

/* ---- Helpers ---------------------------------------------------------------------- */

static void
set_source (cairo_t *cr,
            guint32  color)
{
  cairo_set_source_rgb (cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static char *
esc (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static const char *
or_id (const char *name,
       const char *id)
{
  return name != NULL && *name != '\0' ? name : id;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
table_row_free (gpointer data)
{
  TableRow *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

static void
table_free (Table *table)
{
  if (table == NULL)
    return;
  g_free (table->weights);
  g_free (table->align);
  g_strfreev (table->header);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
cover_free (Cover *cover)
{
  if (cover == NULL)
    return;
  g_free (cover->kicker);
  g_free (cover->title);
  g_free (cover->subtitle);
  g_free (cover->scenario);
  g_ptr_array_unref (cover->facts);
  g_free (cover->note);
  g_free (cover);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_free (block->section);
  table_free (block->table);
  g_clear_pointer (&block->chart, up_chart_free);
  cover_free (block->cover);
  g_free (block);
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
  g_free (item);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  g_free (page->section);
  g_free (page->bookmark);
  g_free (page);
}

/* ---- Building the flow ------------------------------------------------------------ */

static Block *
add_block (UpReport  *r,
           BlockKind  kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (r->blocks, block);
  return block;
}

/* A paragraph or heading of markup (taken). */
static void
add_markup_take (UpReport *r,
                 Style     style,
                 char     *markup)
{
  Block *block = add_block (r, BLOCK_TEXT);

  block->style = style;
  block->markup = markup;
}

static void
add_text (UpReport   *r,
          Style       style,
          const char *text)
{
  add_markup_take (r, style, esc (text));
}

/* Paragraphs of plain text separated by blank lines, each its own block, so long notes
 * break between pages where a paragraph ends. */
static void
add_paragraphs (UpReport   *r,
                Style       style,
                const char *text)
{
  g_auto(GStrv) paragraphs = NULL;

  if (nonempty (text) == NULL)
    return;
  paragraphs = g_regex_split_simple ("\\n[ \\t]*\\n", text, 0, 0);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (paragraphs[i]));

      if (*stripped != '\0')
        add_text (r, style, stripped);
    }
}

static void
add_section (UpReport   *r,
             const char *title)
{
  Block *block = add_block (r, BLOCK_TEXT);

  block->style = STYLE_H1;
  block->markup = esc (title);
  block->section = g_strdup (title);
}

/* A table with n_cols columns: weights and alignments as arrays; header may be NULL. */
static Table *
add_table (UpReport             *r,
           guint                 n_cols,
           const double         *weights,
           const PangoAlignment *align,
           const char * const   *header)
{
  Block *block = add_block (r, BLOCK_TABLE);
  Table *table = g_new0 (Table, 1);

  table->n_cols = n_cols;
  table->weights = g_memdup2 (weights, n_cols * sizeof (double));
  table->align = g_memdup2 (align, n_cols * sizeof (PangoAlignment));
  if (header != NULL)
    {
      table->header = g_new0 (char *, n_cols + 1);
      for (guint i = 0; i < n_cols; i++)
        table->header[i] = esc (header[i]);
    }
  table->rows = g_ptr_array_new_with_free_func (table_row_free);
  block->table = table;
  return table;
}

/* A row of plain-text cells (copied); NULL cells are empty. */
static void
table_add_text_row (Table              *table,
                    RowKind             kind,
                    const char * const *cells)
{
  TableRow *row = g_new0 (TableRow, 1);
  guint n = kind == ROW_GROUP ? 1 : table->n_cols;

  row->kind = kind;
  row->cells = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    row->cells[i] = esc (cells[i]);
  g_ptr_array_add (table->rows, row);
}

/* A row of markup cells, taken (the array too). */
static void
table_add_markup_row_take (Table    *table,
                           RowKind   kind,
                           char    **cells)
{
  TableRow *row = g_new0 (TableRow, 1);

  row->kind = kind;
  row->cells = cells;
  g_ptr_array_add (table->rows, row);
}

static void
table_add_group (Table      *table,
                 const char *label)
{
  const char *cells[] = { label };

  table_add_text_row (table, ROW_GROUP, cells);
}

/* "text" and a second line of muted small words, as markup. */
static char *
with_words (const char *text,
            const char *words)
{
  g_autofree char *t = esc (text);
  g_autofree char *w = NULL;

  if (nonempty (words) == NULL)
    return g_steal_pointer (&t);
  w = esc (words);
  return g_strdup_printf ("%s\n<span size=\"x-small\" foreground=\"#5e5c64\">%s</span>", t, w);
}

/* ---- Numbers in words -------------------------------------------------------------- */

typedef struct
{
  UpReport        *r;
  UpPlan          *plan;       /* with the scenario applied */
  UpScenario      *scenario;
  UpModel         *model;
  UpResults       *results;
  const char      *currency;
  int              start_year;
} Ctx;

static char *
format_count (double value)
{
  return up_format_number (value, fabs (value) >= 100 ? 0 : 1);
}

static char *
format_plain (double value)
{
  if (fabs (value - round (value)) < 1e-9)
    return up_format_number (value, 0);
  if (fabs (value * 100 - round (value * 100)) < 1e-9)
    return up_format_number (value, 2);
  return up_format_number (value, 4);
}

static char *
format_unit (Ctx    *ctx,
             UpUnit  unit,
             double  value)
{
  switch (unit)
    {
    case UP_UNIT_MONEY:
      return up_format_money (value, ctx->currency);
    case UP_UNIT_FRACTION:
    case UP_UNIT_RATE:
      return up_format_percent (value);
    case UP_UNIT_PEOPLE:
      return format_count (value);
    case UP_UNIT_CYCLES:
      return g_strdup_printf ("%.0f", value);
    case UP_UNIT_CYCLE:
      /* translators: a cycle and its calendar year, as in "cycle 2 (2027)" */
      return g_strdup_printf (_("cycle %.0f (%.0f)"), value, ctx->start_year + value - 1);
    case UP_UNIT_YEAR:
      return g_strdup_printf ("%.0f", value);
    case UP_UNIT_RATIO:
      return up_format_number (value, 2);
    case UP_UNIT_HOURS:
    case UP_UNIT_NUMBER:
    default:
      return format_plain (value);
    }
}

static char *
format_schedule (Ctx              *ctx,
                 const UpSchedule *schedule,
                 UpUnit            unit)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint n = schedule != NULL ? up_schedule_get_length (schedule) : 0;

  /* Year by year from the first year, the last value holding after that: "10%, 11%,
   * then 12%". */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *v = format_unit (ctx, unit, up_schedule_get_values (schedule)[i]);

      if (i > 0 && i + 1 == n)
        /* translators: before the last value of a schedule, as in "10%, 11%, then 12%" */
        g_string_append (s, n == 2 ? _(" then ") : _(", then "));
      else if (i > 0)
        /* translators: between the values of a schedule, one per year */
        g_string_append (s, _(", "));
      g_string_append (s, v);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
kind_label (UpOptionKind kind)
{
  switch (kind)
    {
    case UP_OPTION_BAU: return _("Business as usual");
    case UP_OPTION_MAKE: return _("Make");
    case UP_OPTION_BUY: return _("Buy");
    case UP_OPTION_COMMUNITISE: return _("Communitise");
    case UP_OPTION_OTHER:
    default: return _("Other");
    }
}

static const char *
counting_words (UpCounting counting)
{
  switch (counting)
    {
    case UP_COUNTING_END:
      return _("at the end of each year (after that year’s moves)");
    case UP_COUNTING_LIFE_TABLE:
      return _("as the mean of the start and the end of each year (life-table, a "
               "half-cycle correction)");
    case UP_COUNTING_BEGINNING:
    case UP_COUNTING_INHERIT:
    default:
      return _("at the start of each year (before that year’s moves)");
    }
}

static char *
discount_words (UpDiscountSchedule schedule,
                double             rate)
{
  switch (schedule)
    {
    case UP_DISCOUNT_GREENBOOK:
      return g_strdup (_("the Green Book schedule: 3.5% a year to year 30, then 3%, 2.5%, "
                         "2%, 1.5% and 1% on the later bands"));
    case UP_DISCOUNT_GREENBOOK_HEALTH:
      return g_strdup (_("the Green Book health schedule: 1.5% a year to year 30, then "
                         "1.29%, 1.07%, 0.86%, 0.64% and 0.43% on the later bands"));
    case UP_DISCOUNT_CONSTANT:
    default:
      {
        g_autofree char *pct = up_format_percent (rate);

        /* translators: %s is a percentage */
        return g_strdup_printf (_("a constant %s a year"), pct);
      }
    }
}

static const char *
option_title (const UpModel *model,
              int            o)
{
  return or_id (up_model_get_option_name (model, o), up_model_get_option_id (model, o));
}

static const char *
holder_title (const UpModel *model,
              int            h)
{
  return or_id (up_model_get_holder_name (model, h), up_model_get_holder_id (model, h));
}

static const char *
state_title (UpPlan     *plan,
             const char *id)
{
  UpState *state = up_plan_find_state (plan, id);

  return state != NULL ? or_id (up_item_get_name (UP_ITEM (state)), id) : id;
}

/* Options in the order the Results view shows them: business as usual first. */
static int
option_order (Ctx  *ctx,
              int **order)
{
  return up_results_option_order (ctx->model, order);
}

/* ---- Wide tables: options as columns ---------------------------------------------- */

typedef struct
{
  RowKind   kind;
  gboolean  left;     /* lists of words: aligned left */
  char     *label;    /* markup */
  char    **values;   /* markup, one per option column; NULL for a group */
} WideRow;

static void
wide_row_free (gpointer data)
{
  WideRow *row = data;

  g_free (row->label);
  g_strfreev (row->values);
  g_free (row);
}

static WideRow *
wide_row_new (GPtrArray  *rows,
              RowKind     kind,
              const char *label,
              guint       n)
{
  WideRow *row = g_new0 (WideRow, 1);

  row->kind = kind;
  row->label = esc (label);
  if (kind != ROW_GROUP)
    row->values = g_new0 (char *, n + 1);
  g_ptr_array_add (rows, row);
  return row;
}

/* Emits rows as tables of at most MAX_OPTION_COLUMNS option columns beside the label
 * column; with more options the table continues below with the next ones. */
static void
emit_wide_tables (UpReport           *r,
                  const char         *corner,
                  const char * const *columns,
                  guint               n,
                  GPtrArray          *rows,
                  PangoAlignment      value_align)
{
  for (guint start = 0; start < n; start += MAX_OPTION_COLUMNS)
    {
      guint count = MIN (MAX_OPTION_COLUMNS, n - start);
      g_autofree double *weights = g_new (double, count + 1);
      g_autofree PangoAlignment *align = g_new (PangoAlignment, count + 1);
      g_autofree const char **header = g_new0 (const char *, count + 2);
      Table *table;

      weights[0] = 1.7;
      align[0] = PANGO_ALIGN_LEFT;
      header[0] = corner;
      for (guint i = 0; i < count; i++)
        {
          weights[i + 1] = 1.0;
          align[i + 1] = value_align;
          header[i + 1] = columns[start + i];
        }
      table = add_table (r, count + 1, weights, align, header);
      for (guint i = 0; i < rows->len; i++)
        {
          const WideRow *row = rows->pdata[i];
          char **cells;

          if (row->kind == ROW_GROUP)
            {
              cells = g_new0 (char *, 2);
              cells[0] = g_strdup (row->label);
              table_add_markup_row_take (table, ROW_GROUP, cells);
              continue;
            }
          cells = g_new0 (char *, count + 2);
          cells[0] = g_strdup (row->label);
          for (guint j = 0; j < count; j++)
            cells[j + 1] = g_strdup (row->values[start + j] != NULL ? row->values[start + j]
                                                                     : "");
          table_add_markup_row_take (table, row->kind, cells);
          ((TableRow *) table->rows->pdata[table->rows->len - 1])->left = row->left;
        }
    }
}

/* ---- Sections --------------------------------------------------------------------- */

static void
build_cover (Ctx        *ctx,
             UpPlan     *base,
             const char *file_name,
             GDateTime  *date)
{
  UpReport *r = ctx->r;
  Block *block = add_block (r, BLOCK_COVER);
  Cover *cover = g_new0 (Cover, 1);
  const char *place = nonempty (up_plan_get_place (base));
  int K = up_model_get_n_cycles (ctx->model);
  g_autofree char *day = g_date_time_format (date, "%-d %B %Y");
  g_autofree char *horizon = NULL;
  g_autofree char *prices = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *made = NULL;

  cover->kicker = g_strdup (_("Commissioning options appraisal"));
  cover->title = g_strdup (r->title);
  cover->subtitle = g_strdup (place);
  if (ctx->scenario != NULL)
    /* translators: %s is the name of a scenario */
    cover->scenario = g_strdup_printf (_("Scenario: %s"),
                                       or_id (up_item_get_name (UP_ITEM (ctx->scenario)),
                                              up_item_get_id (UP_ITEM (ctx->scenario))));
  cover->facts = g_ptr_array_new_with_free_func (g_free);
  /* translators: %1$d years counted from the year %2$d */
  horizon = g_strdup_printf (ngettext ("%1$d year from %2$d", "%1$d years from %2$d", K), K,
                             ctx->start_year);
  /* translators: %d is the price base year */
  prices = g_strdup_printf (_("%d prices, in %s"), up_model_get_price_base_year (ctx->model),
                            ctx->currency);
  /* translators: %s is the first digits of a SHA-256 checksum */
  hash = g_strdup_printf (_("SHA-256 %s…"), r->short_hash);
  /* translators: %s is the program's version */
  made = g_strdup_printf (_("Upstream %s"), PACKAGE_VERSION);
  g_ptr_array_add (cover->facts, g_strdup (_("Author")));
  g_ptr_array_add (cover->facts, g_strdup (r->author != NULL ? r->author : "—"));
  g_ptr_array_add (cover->facts, g_strdup (_("Date")));
  g_ptr_array_add (cover->facts, g_strdup (day));
  g_ptr_array_add (cover->facts, g_strdup (_("Plan file")));
  g_ptr_array_add (cover->facts, g_strdup (file_name != NULL ? file_name : _("Unsaved plan")));
  g_ptr_array_add (cover->facts, g_strdup (_("Content")));
  g_ptr_array_add (cover->facts, g_strdup (hash));
  g_ptr_array_add (cover->facts, g_strdup (_("Horizon")));
  g_ptr_array_add (cover->facts, g_strdup (horizon));
  g_ptr_array_add (cover->facts, g_strdup (_("Prices")));
  g_ptr_array_add (cover->facts, g_strdup (prices));
  g_ptr_array_add (cover->facts, g_strdup (_("Made with")));
  g_ptr_array_add (cover->facts, g_strdup (made));
  cover->note = g_strdup (_("The figures are projections of a model. They are only as good as "
                            "the assumptions behind them, which are listed with their sources "
                            "in this report. The content checksum identifies the exact plan "
                            "the report was made from."));
  block->cover = cover;
}

static void
build_summary (Ctx    *ctx,
               UpPlan *base)
{
  UpReport *r = ctx->r;
  const UpModel *model = ctx->model;
  const UpResults *res = ctx->results;
  int O = up_model_get_n_options (model), H = up_model_get_n_holders (model);
  int K = up_model_get_n_cycles (model), bau = up_model_get_bau_index (model);
  g_autofree int *order = NULL;
  int n = option_order (ctx, &order);

  add_section (r, _("Summary"));
  add_paragraphs (r, STYLE_BODY, up_plan_get_description (base));
  {
    g_autofree char *intro = NULL;

    /* translators: %1$d options, %2$d years, %3$d the first year, %4$d the price year */
    intro = g_strdup_printf (ngettext ("This report compares %1$d option with business as "
                                       "usual over %2$d years from %3$d. Money is public "
                                       "money at %4$d prices, discounted to today’s value; "
                                       "a positive net position means the option saves "
                                       "public money.",
                                       "This report compares %1$d options with business as "
                                       "usual over %2$d years from %3$d. Money is public "
                                       "money at %4$d prices, discounted to today’s value; "
                                       "a positive net position means the option saves "
                                       "public money.", O - 1),
                             O - 1, K, ctx->start_year, up_model_get_price_base_year (model));
    add_text (r, STYLE_BODY, intro);
  }

  /* The options at a glance */
  {
    const double weights[] = { 1.7, 1.1, 0.8, 0.9, 1.0, 1.0 };
    const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                     PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
    const char *header[] = { _("Option"), _("Net present budget impact"), _("Breaks even"),
                             _("Crisis episodes avoided"), _("Extra delivery cost"),
                             _("Gross savings") };
    Table *table;

    add_text (r, STYLE_H3, _("The options at a glance"));
    table = add_table (r, G_N_ELEMENTS (header), weights, align, header);
    for (int i = 0; i < n; i++)
      {
        const UpMetrics *mt = &res->metrics[order[i]];
        g_autofree char *npbi = up_format_money (mt->npbi, ctx->currency);
        g_autofree char *be = mt->break_even_cycle > 0
                              ? g_strdup_printf ("%d", mt->break_even_year)
                              : g_strdup (_("never"));
        g_autofree char *episodes = format_count (mt->crisis_episodes_avoided);
        g_autofree char *extra = up_format_money (mt->extra_delivery, ctx->currency);
        g_autofree char *gross = up_format_money (mt->gross_savings, ctx->currency);
        const char *cells[] = { option_title (model, order[i]), npbi, be, episodes, extra,
                                gross };

        if (order[i] == bau)
          continue;
        table_add_text_row (table, ROW_NORMAL, cells);
      }
  }

  /* Each option */
  for (int i = 0; i < n; i++)
    {
      int o = order[i];
      const UpMetrics *mt = &res->metrics[o];
      g_autofree char *headline = up_headline (model, res, o);
      g_autofree char *name = esc (option_title (model, o));
      g_autofree char *title = NULL;
      g_autoptr(GString) saves = g_string_new (NULL);
      g_autoptr(GString) pays = g_string_new (NULL);

      if (o == bau)
        title = g_steal_pointer (&name);
      else
        title = g_strdup_printf ("%s <span weight=\"normal\" foreground=\"#5e5c64\">· %s</span>",
                                 name, kind_label (up_model_get_option_kind (model, o)));
      add_markup_take (r, STYLE_H2, g_steal_pointer (&title));
      /* the option's summary stays on one page */
      ((Block *) r->blocks->pdata[r->blocks->len - 1])->keep = o == bau ? 40 : 190;
      add_text (r, STYLE_HEADLINE, headline);
      if (o == bau)
        continue;

      {
        const double weights[] = { 1.7, 0.9, 2.2 };
        const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT };
        Table *table = add_table (r, 3, weights, align, NULL);
        g_autofree char *npbi = up_format_money (mt->npbi, ctx->currency);
        g_autofree char *npbi_words = NULL;
        g_autofree char *be = NULL;
        g_autofree char *be_words = NULL;
        g_autofree char *episodes = format_count (mt->crisis_episodes_avoided);
        g_autofree char *episodes_words = NULL;
        g_autofree char *short_amount = up_format_money_short (fabs (mt->npbi), ctx->currency);

        if (mt->npbi >= 0.5)
          /* translators: %s is money */
          npbi_words = g_strdup_printf (_("saves public money: %s"), short_amount);
        else if (mt->npbi <= -0.5)
          /* translators: %s is money */
          npbi_words = g_strdup_printf (_("costs public money: %s more than it saves"),
                                        short_amount);
        else
          npbi_words = g_strdup (_("no difference to public money"));
        if (mt->break_even_cycle > 0)
          {
            be = g_strdup_printf ("%d", mt->break_even_year);
            /* translators: which year of the horizon, as in "year 5 of 10" */
            be_words = g_strdup_printf (_("year %d of %d"), mt->break_even_cycle, K);
          }
        else
          {
            be = g_strdup (_("never"));
            be_words = g_strdup_printf (ngettext ("does not break even within %d year",
                                                  "does not break even within %d years", K),
                                        K);
          }
        /* translators: %d is a number of years */
        episodes_words = g_strdup_printf (ngettext ("fewer moves into crisis over %d year",
                                                    "fewer moves into crisis over %d years",
                                                    K), K);
        {
          const char *c1[] = { _("Net present budget impact"), npbi, npbi_words };
          const char *c2[] = { _("Breaks even"), be, be_words };
          const char *c3[] = { _("Crisis episodes avoided"), episodes, episodes_words };

          table_add_text_row (table, ROW_NORMAL, c1);
          table_add_text_row (table, ROW_NORMAL, c2);
          table_add_text_row (table, ROW_NORMAL, c3);
        }
      }

      for (int h = 0; h < H; h++)
        {
          double net = res->holder_net[o * H + h];
          g_autofree char *amount = up_format_money_short (fabs (net), ctx->currency);
          GString *list = net >= 0.5 ? saves : net <= -0.5 ? pays : NULL;

          if (list == NULL)
            continue;
          if (list->len > 0)
            g_string_append (list, _("; "));
          /* translators: a budget holder and money, as in "NHS ICB £1.2m" */
          g_string_append_printf (list, _("%s %s"), holder_title (model, h), amount);
        }
      {
        g_autoptr(GString) who = g_string_new (NULL);

        g_string_append_printf (who, "<b>%s</b> ", _("Who pays and who saves."));
        if (saves->len > 0)
          {
            g_autofree char *t = esc (saves->str);

            /* translators: followed by a list of budget holders and money */
            g_string_append_printf (who, "%s %s. ", _("Better off:"), t);
          }
        if (pays->len > 0)
          {
            g_autofree char *t = esc (pays->str);

            g_string_append_printf (who, "%s %s. ", _("Pays more than it saves:"), t);
          }
        if (saves->len == 0 && pays->len == 0)
          g_string_append (who, _("No budget holder is better or worse off."));
        {
          g_autofree char *pooled = up_format_money (mt->pooled_net, ctx->currency);

          /* translators: %s is money */
          g_string_append_printf (who, _("The pooled budget’s net position is %s."), pooled);
        }
        add_markup_take (r, STYLE_BODY, g_string_free (g_steal_pointer (&who), FALSE));
      }
    }
}

/* The group of an option's numeric parameter in the side-by-side table. */
static int
parameter_group (const char *key)
{
  static const char *groups[][5] = {
    { "fixed-cost", "participant-cost", "overhead", "optimism-bias-costs", NULL },
    { "take-up", "capacity", NULL },
    { "deadweight", "attribution", "optimism-bias-benefits", NULL },
    { "first-cycle", "active-cycles", "ramp-up", "drop-off", NULL },
    { "volunteer-hours", "volunteer-value", "in-kind", NULL },
  };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; groups[g][i] != NULL; i++)
      if (strcmp (groups[g][i], key) == 0)
        return g;
  return G_N_ELEMENTS (groups);
}

/* Between the entries of a list in a table cell: a short gap, not a blank line. */
#define LIST_GAP "\n<span size=\"2500\"> </span>\n"

/* A cell listing an option's one-off costs, funding, eligible states or effects, as
 * markup; "—" when there are none. */
static char *
option_list_cell (Ctx        *ctx,
                  UpOption   *option,
                  const char *what)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (strcmp (what, "one-off") == 0)
    {
      g_autofree int *cycles = NULL;
      g_autofree double *amounts = NULL;
      guint n = up_option_list_one_offs (option, &cycles, &amounts);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *money = up_format_money (amounts[i], ctx->currency);
          /* translators: a one-off cost: the year and the money, as in "2026: £60,000" */
          g_autofree char *text = g_strdup_printf (_("%d: %s"),
                                                   ctx->start_year + cycles[i] - 1, money);
          g_autofree char *escaped = esc (text);

          g_string_append_printf (s, "%s%s", s->len ? "\n" : "", escaped);
        }
    }
  else if (strcmp (what, "funding") == 0)
    {
      g_auto(GStrv) holders = up_option_list_funding (option);

      for (guint i = 0; holders[i] != NULL; i++)
        {
          UpBudgetHolder *holder = up_plan_find_holder (ctx->plan, holders[i]);
          g_autofree char *pct = up_format_percent (up_option_get_funding (option, holders[i]));
          g_autofree char *name = esc (holder != NULL
                                       ? or_id (up_item_get_name (UP_ITEM (holder)), holders[i])
                                       : holders[i]);

          g_string_append_printf (s, "%s<b>%s</b> %s", s->len ? LIST_GAP : "", pct, name);
        }
    }
  else if (strcmp (what, "eligible") == 0)
    {
      const char * const *states = up_option_get_eligible (option);

      for (guint i = 0; states[i] != NULL; i++)
        {
          g_autofree char *name = esc (state_title (ctx->plan, states[i]));

          g_string_append_printf (s, "%s%s", s->len ? "\n" : "", name);
        }
    }
  else if (strcmp (what, "effects") == 0)
    {
      GListModel *effects = G_LIST_MODEL (up_option_get_effects (option));

      for (guint i = 0; i < g_list_model_get_n_items (effects); i++)
        {
          g_autoptr(UpEffect) effect = g_list_model_get_item (effects, i);
          const UpSchedule *value = up_effect_get_value (effect);
          g_autofree char *v = NULL;
          g_autofree char *move = NULL;
          g_autofree char *escaped_move = NULL;
          g_autofree char *escaped_v = NULL;

          if (up_effect_get_kind (effect) == UP_EFFECT_RELATIVE_RISK)
            {
              g_autofree char *rr = up_format_number (up_schedule_get (value, 1), 2);

              /* translators: a relative risk, as in "risk × 0.70" */
              v = g_strdup_printf (_("risk × %s"), rr);
            }
          else
            {
              g_autofree char *sched = format_schedule (ctx, value, UP_UNIT_FRACTION);

              /* translators: a probability replacing the baseline's, as in "becomes 20%" */
              v = g_strdup_printf (_("becomes %s"), sched);
            }
          /* translators: a move between two states, as in "High need → Crisis" */
          move = g_strdup_printf (_("%s → %s"),
                                  state_title (ctx->plan, up_effect_get_from (effect)),
                                  state_title (ctx->plan, up_effect_get_to (effect)));
          escaped_move = esc (move);
          escaped_v = esc (v);
          g_string_append_printf (s, "%s%s\n<span foreground=\"#5e5c64\">%s</span>",
                                  s->len ? LIST_GAP : "", escaped_move, escaped_v);
        }
    }
  if (s->len == 0)
    return g_strdup ("—");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
build_options (Ctx *ctx)
{
  UpReport *r = ctx->r;
  g_autofree int *order = NULL;
  int n = option_order (ctx, &order);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (wide_row_free);
  g_autofree const char **columns = g_new0 (const char *, n + 1);
  g_autofree UpOption **options = g_new0 (UpOption *, n + 1);
  const char *group_names[] = { _("Delivery"), _("Reach"), _("Effects"), _("Timing"),
                                _("Community resources"), _("Other") };
  const char *extra_after[] = { "one-off", "eligible", "effects", NULL, NULL, NULL };
  const char *extra_labels[] = { _("One-off costs"), _("Eligible states"), _("Effects on moves"),
                                 NULL, NULL, NULL };
  guint n_specs;
  const UpNumberSpec *specs = NULL;

  for (int i = 0; i < n; i++)
    {
      columns[i] = option_title (ctx->model, order[i]);
      options[i] = up_plan_find_option (ctx->plan, up_model_get_option_id (ctx->model,
                                                                           order[i]));
    }
  specs = up_item_class_get_numbers (UP_ITEM_GET_CLASS (options[0]), &n_specs);

  add_section (r, _("The options side by side"));
  add_text (r, STYLE_BODY,
            _("What each option is assumed to cost, whom it reaches and what it changes. "
              "Money is at the plan’s price base, per year unless said otherwise."));

  {
    WideRow *row = wide_row_new (rows, ROW_NORMAL, _("Kind"), n);

    for (int i = 0; i < n; i++)
      row->values[i] = esc (kind_label (up_option_get_kind (options[i])));
  }
  for (guint g = 0; g < G_N_ELEMENTS (group_names); g++)
    {
      gboolean any = FALSE;

      for (guint k = 0; k < n_specs; k++)
        {
          WideRow *row;

          if (parameter_group (specs[k].key) != (int) g)
            continue;
          if (!any)
            wide_row_new (rows, ROW_GROUP, group_names[g], n);
          any = TRUE;
          row = wide_row_new (rows, ROW_NORMAL, _(specs[k].label), n);
          for (int i = 0; i < n; i++)
            {
              double v = up_item_get_number (UP_ITEM (options[i]), &specs[k]);
              g_autofree char *text = NULL;

              if (strcmp (specs[k].key, "capacity") == 0 && !up_option_get_has_capacity (options[i]))
                text = g_strdup (_("unlimited"));
              else if (strcmp (specs[k].key, "active-cycles") == 0 && v == 0)
                text = g_strdup (_("to the horizon"));
              else
                text = format_unit (ctx, specs[k].unit, v);
              row->values[i] = esc (text);
            }
        }
      if (g == 0)
        {
          WideRow *row = wide_row_new (rows, ROW_NORMAL, _("Funding shares"), n);

          row->left = TRUE;
          for (int i = 0; i < n; i++)
            {
              row->values[i] = option_list_cell (ctx, options[i], "funding");
            }
        }
      if (extra_after[g] != NULL)
        {
          WideRow *row = wide_row_new (rows, ROW_NORMAL, extra_labels[g], n);

          row->left = strcmp (extra_after[g], "one-off") != 0;
          for (int i = 0; i < n; i++)
            {
              row->values[i] = option_list_cell (ctx, options[i], extra_after[g]);
            }
        }
    }
  emit_wide_tables (r, _("Parameter"), columns, n, rows, PANGO_ALIGN_RIGHT);

  /* The results side by side: the Results view's scorecard. */
  {
    g_autoptr(UpResultsTable) card = up_results_table_scorecard (ctx->model, ctx->results);
    g_autoptr(GPtrArray) result_rows = g_ptr_array_new_with_free_func (wide_row_free);

    add_text (r, STYLE_H2, _("The results side by side"));
    add_text (r, STYLE_BODY,
              _("Totals over the horizon, discounted. Comparisons are against business as "
                "usual, so they are empty (—) in its column."));
    for (guint i = 0; i < card->rows->len; i++)
      {
        const UpResultsRow *src = card->rows->pdata[i];
        WideRow *row;

        if (src->kind == UP_RESULTS_KIND_HEADING)
          {
            wide_row_new (result_rows, ROW_GROUP, src->label, card->n_columns);
            continue;
          }
        row = wide_row_new (result_rows, ROW_NORMAL, src->label, card->n_columns);
        for (guint j = 0; j < card->n_columns; j++)
          row->values[j] = with_words (src->values[j], src->words[j]);
      }
    emit_wide_tables (r, _("Result"), (const char * const *) card->columns, card->n_columns,
                      result_rows, PANGO_ALIGN_RIGHT);
  }
}

static void
add_chart (Ctx        *ctx,
           UpChartKind kind,
           double      height)
{
  UpReport *r = ctx->r;
  Block *block = add_block (r, BLOCK_CHART);
  UpChartTheme theme;
  UpChartOptions options;
  g_autofree char *source = NULL;
  g_autofree char *words = NULL;

  up_chart_theme_init (&theme, FALSE, FALSE);
  theme.background.alpha = 0;   /* the paper */
  up_chart_options_init (&options);
  if (ctx->scenario != NULL)
    /* translators: the source of a chart: a plan's title and a scenario's name */
    source = g_strdup_printf (_("“%s”, scenario “%s”"), r->title,
                              or_id (up_item_get_name (UP_ITEM (ctx->scenario)),
                                     up_item_get_id (UP_ITEM (ctx->scenario))));
  else
    source = g_strdup_printf ("“%s”", r->title);
  options.source = source;
  block->chart = up_chart_new (kind);
  up_chart_set_theme (block->chart, &theme);
  up_chart_set_data (block->chart, ctx->model, ctx->results, &options);
  block->chart_height = height;
  /* The chart in words, under it: what a screen reader would say, and a summary for
   * readers of the paper. */
  words = up_chart_describe (block->chart);
  block->markup = esc (words);
}

static void
build_charts (Ctx *ctx)
{
  UpReport *r = ctx->r;
  int O = up_model_get_n_options (ctx->model), H = up_model_get_n_holders (ctx->model);

  add_section (r, _("Charts"));
  add_chart (ctx, UP_CHART_NET, 255);
  add_chart (ctx, UP_CHART_CRISIS, 235);
  add_chart (ctx, UP_CHART_HOLDERS, MIN (150 + 48.0 * (H + 1), 600));
  add_chart (ctx, UP_CHART_COHORT, MIN (150 + 110.0 * O, 600));
}

static void
build_holders (Ctx *ctx)
{
  UpReport *r = ctx->r;
  const UpModel *model = ctx->model;
  const UpResults *res = ctx->results;
  int bau = up_model_get_bau_index (model);
  g_autofree int *order = NULL;
  int n = option_order (ctx, &order);

  add_section (r, _("Who pays and who saves"));
  add_text (r, STYLE_BODY,
            _("For each budget holder: the extra delivery cost it funds against business "
              "as usual, the savings it receives (service use and entry costs it no longer "
              "pays), and its net position, discounted over the horizon. A holder can pay "
              "for an option that saves money for another: the pooled budget evens this "
              "out."));
  add_text (r, STYLE_H3, _("A gain-share proposal for the pooled budget"));
  add_markup_take (r, STYLE_BODY,
                   g_strdup (_("Partners in the pooled budget share its net benefit in "
                               "proportion to what they invested. <b>N</b>, the pool’s net "
                               "benefit, is all the pooled partners’ savings minus all their "
                               "extra delivery cost. <b>I</b>, what a partner invested, is its "
                               "extra delivery cost, or nothing when it spends less than under "
                               "business as usual. A partner’s <b>target</b> is N × its I ÷ "
                               "the sum of every partner’s I, and its <b>transfer</b> is that "
                               "target minus its own savings less its extra delivery cost. "
                               "A positive transfer is paid to the partner from the pool, a "
                               "negative one by the partner into it; the transfers add up to "
                               "nothing, and each partner ends with its target.")));

  for (int i = 0; i < n; i++)
    {
      int o = order[i];
      g_autoptr(UpResultsTable) holders = NULL;
      g_autoptr(UpGainShare) gs = NULL;

      if (o == bau)
        continue;
      add_text (r, STYLE_H2, option_title (model, o));

      holders = up_results_table_holders (model, res, o);
      {
        const double weights[] = { 2.2, 1.0, 1.0, 1.2 };
        const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                         PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT };
        const char *header[] = { _("Budget holder"), holders->columns[UP_HOLDER_COL_EXTRA],
                                 holders->columns[UP_HOLDER_COL_SAVINGS],
                                 holders->columns[UP_HOLDER_COL_NET] };
        Table *table = add_table (r, 4, weights, align, header);

        for (guint j = 0; j < holders->rows->len; j++)
          {
            const UpResultsRow *row = holders->rows->pdata[j];
            char **cells;
            gboolean total = g_strcmp0 (row->key, "pooled") == 0
                             || g_strcmp0 (row->key, "public") == 0;

            if (row->kind == UP_RESULTS_KIND_HEADING)
              {
                table_add_group (table, row->label);
                continue;
              }
            cells = g_new0 (char *, 5);
            cells[0] = esc (row->label);
            cells[1] = esc (row->values[UP_HOLDER_COL_EXTRA]);
            cells[2] = esc (row->values[UP_HOLDER_COL_SAVINGS]);
            cells[3] = with_words (row->values[UP_HOLDER_COL_NET],
                                   row->words[UP_HOLDER_COL_NET]);
            table_add_markup_row_take (table, total ? ROW_TOTAL : ROW_NORMAL, cells);
          }
      }

      gs = up_gain_share_new (model, res, o);
      add_text (r, STYLE_H3, _("Gain share"));
      if (gs->n_partners == 0)
        {
          add_text (r, STYLE_BODY, _("No budget holder is in the pooled budget, so there is "
                                     "no gain share to propose."));
          continue;
        }
      if (!gs->defined)
        {
          add_text (r, STYLE_BODY, _("No partner in the pooled budget pays more to deliver "
                                     "this option than business as usual, so there is no "
                                     "investment to share the gain by."));
          continue;
        }
      {
        const double weights[] = { 1.9, 1.0, 0.8, 1.1, 1.1, 1.0 };
        const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                         PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                         PANGO_ALIGN_RIGHT };
        const char *header[] = { _("Partner"), _("Invested (I)"), _("Share of ΣI"),
                                 _("Own net position"), _("Target (N × I ÷ ΣI)"),
                                 _("Transfer") };
        Table *table;
        double transfers = 0;
        g_autofree char *n_money = up_format_money (gs->pooled_net, ctx->currency);
        g_autofree char *i_money = up_format_money (gs->total_invested, ctx->currency);
        g_autofree char *sums =
          /* translators: %1$s and %2$s are money */
          g_strdup_printf (_("Here N, the pooled budget’s net benefit, is %1$s, and the "
                             "partners invested ΣI = %2$s between them."), n_money, i_money);

        add_text (r, STYLE_BODY, sums);
        table = add_table (r, 6, weights, align, header);

        for (guint j = 0; j < gs->n_partners; j++)
          {
            const UpGainSharePartner *p = &gs->partners[j];
            g_autofree char *invested = up_format_money (p->invested, ctx->currency);
            g_autofree char *share = up_format_percent (p->share);
            g_autofree char *own = up_format_money (p->own_net, ctx->currency);
            g_autofree char *target = up_format_money (p->target, ctx->currency);
            g_autofree char *transfer = up_format_money (p->transfer, ctx->currency);
            const char *cells[] = { holder_title (model, p->holder), invested, share, own,
                                    target, transfer };

            transfers += p->transfer;
            table_add_text_row (table, ROW_NORMAL, cells);
          }
        {
          g_autofree char *invested = up_format_money (gs->total_invested, ctx->currency);
          g_autofree char *n_text = up_format_money (gs->pooled_net, ctx->currency);
          /* rounding leaves a few pence: shown as what the arithmetic gives */
          g_autofree char *sum = up_format_money (transfers, ctx->currency);
          g_autofree char *whole = up_format_percent (1.0);
          const char *cells[] = { _("Pooled budget"), invested, whole, n_text, n_text, sum };

          table_add_text_row (table, ROW_TOTAL, cells);
        }
      }
    }
}

/* "Take-up of Peer network", "Unit cost of A&E attendance", … from a parameter path. */
static char *
describe_path (UpPlan     *plan,
               const char *path)
{
  g_auto(GStrv) p = g_strsplit (path, "/", 0);
  guint n = g_strv_length (p);
  UpUnit unit;
  const UpNumberSpec *spec = up_plan_describe_param (plan, path, &unit);
  const char *what = spec != NULL ? _(spec->label) : NULL;

  if (n == 3 && strcmp (p[0], "option") == 0 && what != NULL)
    {
      UpOption *option = up_plan_find_option (plan, p[1]);

      /* translators: a parameter of an option, as in "Take-up — Peer network" */
      return g_strdup_printf (_("%s — %s"), what,
                              option ? or_id (up_item_get_name (UP_ITEM (option)), p[1]) : p[1]);
    }
  if (n == 5 && strcmp (p[0], "option") == 0 && strcmp (p[2], "effect") == 0)
    {
      UpOption *option = up_plan_find_option (plan, p[1]);

      /* translators: an effect of an option on a move between two states */
      return g_strdup_printf (_("Effect on %s → %s — %s"), state_title (plan, p[3]),
                              state_title (plan, p[4]),
                              option ? or_id (up_item_get_name (UP_ITEM (option)), p[1]) : p[1]);
    }
  if (n == 3 && strcmp (p[0], "cost-item") == 0 && what != NULL)
    {
      UpCostItem *item = up_plan_find_cost_item (plan, p[1]);

      return g_strdup_printf (_("%s — %s"), what,
                              item ? or_id (up_item_get_name (UP_ITEM (item)), p[1]) : p[1]);
    }
  if (n == 3 && strcmp (p[0], "transition") == 0)
    /* translators: a baseline transition probability between two states */
    return g_strdup_printf (_("Probability %s → %s"), state_title (plan, p[1]),
                            state_title (plan, p[2]));
  if (what != NULL)
    return g_strdup_printf (_("%s — %s"), what, path);
  return g_strdup (path);
}

static void
build_sensitivity (Ctx *ctx)
{
  UpReport *r = ctx->r;
  const UpModel *model = ctx->model;
  g_auto(GStrv) paths = up_plan_list_distributions (ctx->plan);
  g_autoptr(UpTornado) tornado = NULL;
  g_autoptr(GError) error = NULL;
  int bau = up_model_get_bau_index (model), main_option = -1;
  guint n_bars, shown = 0, not_shown = 0, no_effect = 0;

  if (paths[0] == NULL)
    return;
  /* The main option: the one that does best for public money. */
  for (int o = 0; o < up_model_get_n_options (model); o++)
    if (o != bau && (main_option < 0 || ctx->results->metrics[o].npbi
                                        > ctx->results->metrics[main_option].npbi))
      main_option = o;
  if (main_option < 0)
    return;

  /* ctx->plan has the scenario's values already, as in the rest of the report. */
  tornado = up_tornado_run (ctx->plan, NULL, up_model_get_option_id (model, main_option),
                            UP_METRIC_NPBI, &error);
  add_section (r, _("Sensitivity"));
  if (tornado == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The sensitivity analysis could not be run: "
                                                 "%s."), error->message);

      add_text (r, STYLE_BODY, text);
      return;
    }
  n_bars = up_tornado_get_n_bars (tornado);
  {
    g_autofree char *base = up_format_money (up_tornado_get_base_value (tornado),
                                             ctx->currency);
    g_autofree char *text =
      /* translators: %1$s an option, %2$s money */
      g_strdup_printf (_("How much the net present budget impact of %1$s (%2$s with every "
                         "parameter at the plan’s value) moves when one uncertain parameter "
                         "at a time goes to the low or the high end of its range (the 2.5th "
                         "and 97.5th percentiles of its distribution), the largest swings "
                         "first. %1$s is shown because it does best for public money."),
                       option_title (model, main_option), base);

    add_text (r, STYLE_BODY, text);
  }
  {
    const double weights[] = { 2.4, 0.9, 0.9, 0.9, 1.1, 1.1, 1.0 };
    const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                     PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                     PANGO_ALIGN_RIGHT };
    const char *header[] = { _("Parameter"), _("Plan value"), _("Low"), _("High"),
                             _("Impact at low"), _("Impact at high"), _("Swing") };
    Table *table = add_table (r, 7, weights, align, header);

    for (guint i = 0; i < n_bars; i++)
      {
        const UpTornadoBar *bar = up_tornado_get_bar (tornado, i);
        UpUnit unit = UP_UNIT_NUMBER;

        /* a parameter of another option does not move this one */
        if (bar->swing == 0 && bar->invalid == NULL)
          {
            no_effect++;
            continue;
          }
        if (shown == MAX_TORNADO_BARS)
          {
            not_shown++;
            continue;
          }
        shown++;
        {
        g_autofree char *label = describe_path (ctx->plan, bar->path);
        g_autofree char *base = NULL;
        g_autofree char *low = NULL;
        g_autofree char *high = NULL;
        g_autofree char *at_low = up_format_money (bar->metric_low, ctx->currency);
        g_autofree char *at_high = up_format_money (bar->metric_high, ctx->currency);
        g_autofree char *swing = up_format_money (bar->swing, ctx->currency);

        up_plan_describe_param (ctx->plan, bar->path, &unit);
        base = format_unit (ctx, unit, bar->base);
        low = format_unit (ctx, unit, bar->low);
        high = format_unit (ctx, unit, bar->high);
        {
          const char *cells[] = { label, base, low, high, at_low, at_high, swing };

          table_add_text_row (table, ROW_NORMAL, cells);
          if (bar->invalid != NULL)
            {
              /* translators: %s says why a parameter's low or high value breaks a rule */
              g_autofree char *why = g_strdup_printf (_("Not projected: %s"), bar->invalid);
              const char *note[] = { why };

              table_add_text_row (table, ROW_GROUP, note);
            }
        }
        }
      }
  }
  if (not_shown > 0)
    {
      g_autofree char *more =
        g_strdup_printf (ngettext ("%u parameter with a smaller swing is not shown.",
                                   "%u parameters with smaller swings are not shown.",
                                   not_shown), not_shown);

      add_text (r, STYLE_NOTE, more);
    }
  if (no_effect > 0)
    {
      g_autofree char *none =
        g_strdup_printf (ngettext ("%u uncertain parameter does not change this option’s "
                                   "result (it belongs to another option).",
                                   "%u uncertain parameters do not change this option’s "
                                   "result (they belong to other options).", no_effect),
                         no_effect);

      add_text (r, STYLE_NOTE, none);
    }
}

static char *
lines_cell (Ctx        *ctx,
            GListStore *store)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(UpCostLine) line = g_list_model_get_item (G_LIST_MODEL (store), i);
      UpCostItem *item = up_plan_find_cost_item (ctx->plan, up_cost_line_get_item (line));
      double quantity = up_item_get_number (UP_ITEM (line),
                                            up_item_find_number (UP_ITEM (line), "quantity"));
      g_autofree char *q = format_plain (quantity);

      /* translators: a quantity of a cost item, as in "3 × GP consultation" */
      g_string_append_printf (s, "%s%s × %s", s->len ? "\n" : "", q,
                              item != NULL ? or_id (up_item_get_name (UP_ITEM (item)),
                                                    up_cost_line_get_item (line))
                                           : up_cost_line_get_item (line));
    }
  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : g_strdup ("—");
}

static void
build_assumptions (Ctx    *ctx,
                   UpPlan *base)
{
  UpReport *r = ctx->r;
  UpPlan *plan = ctx->plan;
  GListModel *items = G_LIST_MODEL (up_plan_get_cost_items (plan));
  GListModel *states = G_LIST_MODEL (up_plan_get_states (plan));
  GListModel *transitions = G_LIST_MODEL (up_plan_get_transitions (plan));
  GListModel *measures = G_LIST_MODEL (up_plan_get_measures (plan));
  g_autofree int *order = NULL;
  int n = option_order (ctx, &order);

  add_section (r, _("Assumptions and sources"));
  if (nonempty (up_plan_get_notes (base)) != NULL)
    {
      add_text (r, STYLE_H2, _("Notes on the plan"));
      add_paragraphs (r, STYLE_BODY, up_plan_get_notes (base));
    }

  if (g_list_model_get_n_items (items) > 0)
    {
      const double weights[] = { 1.4, 0.8, 0.5, 1.0, 0.75, 2.7 };
      const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
                                       PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT };
      const char *header[] = { _("Cost item"), _("Unit cost"), _("Price year"),
                               _("Budget holder"), _("Cashable"), _("Source") };
      Table *table;

      add_text (r, STYLE_H2, _("Unit costs and their sources"));
      add_text (r, STYLE_BODY, _("Each unit cost as entered, at its own price year; the "
                                 "engine brings it to the price base with the plan’s price "
                                 "index."));
      table = add_table (r, 6, weights, align, header);
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(UpCostItem) item = g_list_model_get_item (items, i);
          UpItem *it = UP_ITEM (item);
          const char *unit = up_cost_item_get_unit (item);
          const char *holder_id = up_cost_item_get_holder (item);
          UpBudgetHolder *holder = holder_id ? up_plan_find_holder (plan, holder_id) : NULL;
          g_autofree char *cost = up_format_money (up_item_get_number (it, up_item_find_number (it, "cost")),
                                                   ctx->currency);
          g_autofree char *cost_unit = NULL;
          g_autofree char *year = g_strdup_printf ("%.0f", up_item_get_number (it, up_item_find_number (it, "price-year")));
          g_autofree char *cashable = up_format_percent (up_item_get_number (it, up_item_find_number (it, "cashable")));
          const char *source = nonempty (up_cost_item_get_source (item));
          char **cells = g_new0 (char *, 7);

          if (nonempty (unit) != NULL)
            /* translators: a unit cost and what one unit is, as in "£109 per attendance" */
            cost_unit = g_strdup_printf (_("%s per %s"), cost, unit);
          cells[0] = esc (or_id (up_item_get_name (it), up_item_get_id (it)));
          cells[1] = esc (cost_unit != NULL ? cost_unit : cost);
          cells[2] = esc (year);
          cells[3] = esc (holder != NULL ? or_id (up_item_get_name (UP_ITEM (holder)), holder_id)
                                         : holder_id != NULL ? holder_id : "—");
          cells[4] = esc (cashable);
          if (source != NULL)
            {
              g_autofree char *escaped = esc (source);

              cells[5] = g_strdup (escaped);
            }
          else
            cells[5] = g_strdup_printf ("<span foreground=\"#a51d2d\">%s</span>",
                                        _("no source given"));
          table_add_markup_row_take (table, ROW_NORMAL, cells);
        }
    }

  {
    const int *years;
    const double *values;
    guint n_index = up_plan_get_price_index (plan, &years, &values);

    if (n_index > 0)
      {
        g_autoptr(GString) s = g_string_new (NULL);

        g_string_append_printf (s, "<b>%s</b> ", _("Price index."));
        for (guint i = 0; i < n_index; i++)
          {
            g_autofree char *v = format_plain (values[i]);

            g_string_append_printf (s, "%s%d: %s", i ? "; " : "", years[i], v);
          }
        g_string_append_c (s, '.');
        add_markup_take (r, STYLE_NOTE, g_string_free (g_steal_pointer (&s), FALSE));
      }
  }

  if (g_list_model_get_n_items (states) > 0)
    {
      const double weights[] = { 1.4, 0.6, 0.7, 0.7, 2.0, 1.5 };
      const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                       PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT };
      const char *header[] = { _("State"), _("Crisis"), _("At the start"), _("Of arrivals"),
                               _("Service use per person-year"), _("Cost on entry") };
      Table *table;
      double cohort = 0;

      up_plan_get_param (plan, "plan/cohort-size", &cohort, NULL);
      add_text (r, STYLE_H2, _("People and their needs"));
      {
        g_autofree char *c = format_count (cohort);
        g_autofree char *inflow = format_schedule (ctx, up_plan_get_inflow (plan),
                                                   UP_UNIT_PEOPLE);
        g_autofree char *text =
          /* translators: %1$s people at the start, %2$s new people each year */
          g_strdup_printf (_("The cohort starts with %1$s people, and %2$s new people arrive "
                             "each year. States run from well to worst."), c, inflow);

        add_text (r, STYLE_BODY, text);
      }
      table = add_table (r, 6, weights, align, header);
      for (guint i = 0; i < g_list_model_get_n_items (states); i++)
        {
          g_autoptr(UpState) state = g_list_model_get_item (states, i);
          UpItem *it = UP_ITEM (state);
          g_autofree char *initial = up_format_percent (up_item_get_number (it, up_item_find_number (it, "initial")));
          g_autofree char *inflow = up_format_percent (up_item_get_number (it, up_item_find_number (it, "inflow-share")));
          g_autofree char *use = lines_cell (ctx, up_state_get_use (state));
          g_autofree char *entry = lines_cell (ctx, up_state_get_entry (state));
          const char *cells[] = { or_id (up_item_get_name (it), up_item_get_id (it)),
                                  up_state_get_crisis (state) ? _("yes") : _("no"),
                                  initial, inflow, use, entry };

          table_add_text_row (table, ROW_NORMAL, cells);
        }
    }

  if (g_list_model_get_n_items (transitions) > 0)
    {
      const double weights[] = { 1.5, 1.5, 2.0 };
      const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT };
      const char *header[] = { _("From"), _("To"), _("Probability in a year") };
      Table *table;

      add_text (r, STYLE_H2, _("Moves between states under business as usual"));
      add_text (r, STYLE_BODY, _("The chance that a person moves from one state to another "
                                 "in a year; the rest stay where they are."));
      table = add_table (r, 3, weights, align, header);
      for (guint i = 0; i < g_list_model_get_n_items (transitions); i++)
        {
          g_autoptr(UpTransition) t = g_list_model_get_item (transitions, i);
          g_autofree char *value = format_schedule (ctx, up_transition_get_value (t),
                                                    UP_UNIT_FRACTION);
          const char *cells[] = { state_title (plan, up_transition_get_from (t)),
                                  state_title (plan, up_transition_get_to (t)), value };

          table_add_text_row (table, ROW_NORMAL, cells);
        }
    }

  if (g_list_model_get_n_items (measures) > 0)
    {
      const double weights[] = { 2.0, 1.0, 1.0 };
      const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT };
      const char *header[] = { _("Outcome measure"), _("Unit"), _("Money value of a unit") };
      Table *table;

      add_text (r, STYLE_H2, _("Outcomes"));
      table = add_table (r, 3, weights, align, header);
      for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
        {
          g_autoptr(UpMeasure) m = g_list_model_get_item (measures, i);
          UpItem *it = UP_ITEM (m);
          g_autofree char *value = up_format_money (up_item_get_number (it, up_item_find_number (it, "value")),
                                                    ctx->currency);
          const char *unit = nonempty (up_measure_get_unit (m));
          const char *cells[] = { or_id (up_item_get_name (it), up_item_get_id (it)),
                                  unit != NULL ? unit : "—", value };

          table_add_text_row (table, ROW_NORMAL, cells);
        }
    }

  {
    gboolean any = FALSE;

    for (int i = 0; i < n; i++)
      {
        UpOption *option = up_plan_find_option (plan, up_model_get_option_id (ctx->model,
                                                                              order[i]));
        const char *notes = option != NULL ? nonempty (up_option_get_notes (option)) : NULL;

        if (notes == NULL)
          continue;
        if (!any)
          add_text (r, STYLE_H2, _("Notes on the options"));
        any = TRUE;
        add_text (r, STYLE_H3, option_title (ctx->model, order[i]));
        add_paragraphs (r, STYLE_BODY, notes);
      }
  }

  if (ctx->scenario != NULL)
    {
      g_auto(GStrv) paths = up_scenario_list_overrides (ctx->scenario);
      const double weights[] = { 3.0, 1.0 };
      const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT };
      const char *header[] = { _("Parameter"), _("Value in the scenario") };
      Table *table;

      add_text (r, STYLE_H2, _("The scenario’s changes"));
      add_text (r, STYLE_BODY, _("Every figure in this report uses these values in place of "
                                 "the plan’s own."));
      table = add_table (r, 2, weights, align, header);
      for (guint i = 0; paths[i] != NULL; i++)
        {
          double value = 0;
          UpUnit unit = UP_UNIT_NUMBER;
          g_autofree char *label = describe_path (ctx->plan, paths[i]);
          g_autofree char *text = NULL;

          up_scenario_get_override (ctx->scenario, paths[i], &value);
          up_plan_describe_param (ctx->plan, paths[i], &unit);
          text = format_unit (ctx, unit, value);
          {
            const char *cells[] = { label, text };

            table_add_text_row (table, ROW_NORMAL, cells);
          }
        }
    }
}

static void
build_methodology (Ctx *ctx)
{
  UpReport *r = ctx->r;
  UpPlan *plan = ctx->plan;
  const UpModel *model = ctx->model;
  int K = up_model_get_n_cycles (model);
  double cohort = 0, cost_rate = 0, outcome_rate = 0;
  g_autofree char *cost_words = NULL;
  g_autofree char *outcome_words = NULL;

  up_plan_get_param (plan, "plan/cohort-size", &cohort, NULL);
  up_plan_get_param (plan, "plan/discount-costs-rate", &cost_rate, NULL);
  up_plan_get_param (plan, "plan/discount-outcomes-rate", &outcome_rate, NULL);
  cost_words = discount_words (up_plan_get_discount_costs (plan), cost_rate);
  outcome_words = discount_words (up_plan_get_discount_outcomes (plan), outcome_rate);

  add_section (r, _("Methodology"));
  add_text (r, STYLE_H2, _("The plan’s settings"));
  {
    const double weights[] = { 1.3, 3.0 };
    const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT };
    Table *table = add_table (r, 2, weights, align, NULL);
    g_autofree char *horizon = g_strdup_printf (ngettext ("%d year, %d to %d",
                                                          "%d years, %d to %d", K),
                                                K, ctx->start_year, ctx->start_year + K - 1);
    g_autofree char *base = g_strdup_printf ("%d", up_model_get_price_base_year (model));
    g_autofree char *people = format_count (cohort);
    g_autofree char *inflow = format_schedule (ctx, up_plan_get_inflow (plan), UP_UNIT_PEOPLE);
    const char *first = up_plan_get_discount_first_cycle (plan)
                        ? _("discounted: the first year is a year from now")
                        : _("not discounted: the first year is the present (Green Book "
                            "practice)");
    const char *rows[][2] = {
      { _("Horizon"), horizon },
      { _("Price base year"), base },
      { _("Currency"), ctx->currency },
      { _("Cohort at the start"), people },
      { _("New people each year"), inflow },
      { _("Occupancy counted"), counting_words (up_plan_get_counting (plan)) },
      { _("Discounting of money"), cost_words },
      { _("Discounting of outcomes"), outcome_words },
      { _("First year"), first },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      table_add_text_row (table, ROW_NORMAL, rows[i]);
  }

  add_text (r, STYLE_H2, _("How the projection works"));
  add_text (r, STYLE_BODY,
            _("Upstream is a cohort state-transition (Markov) model with one cycle a year. "
              "People are in one of the plan’s states of need, from well to worst. Each year "
              "a share of the people in each state moves to another state, by the annual "
              "probabilities of the plan; the rest stay. New people arrive each year in the "
              "proportions the plan gives. Nobody is created or lost: exit and death are "
              "states like the others."));
  add_text (r, STYLE_BODY,
            _("An option reaches the people in its eligible states. Each year a share of "
              "them takes part: the take-up, unless the option’s capacity is smaller, in "
              "which case as many as the capacity allows. For those who take part the "
              "option changes some moves, by a relative risk or by a probability of its "
              "own. The effect is reduced for deadweight (what would have happened anyway), "
              "attribution (the share due to this option) and optimism bias, grows over the "
              "ramp-up years, and fades by the drop-off each year after the option ends. "
              "Participation carries no memory of who took part before."));
  add_text (r, STYLE_BODY,
            _("Money is counted by budget holder: the service use of each state (counted "
              "occupancy × unit costs), the cost of entering a state, and the option’s "
              "delivery cost (one-off, fixed and per participant, with overhead and optimism "
              "bias on costs), split by the option’s funding shares. Unit costs are brought "
              "to the price base with the price index. Volunteer time and in-kind resources "
              "are the community’s contribution: they are not public money and count only in "
              "the social value. Public cost is what holders that are public bodies pay."));
  add_text (r, STYLE_BODY,
            _("Every option is compared with business as usual. The net present budget impact "
              "is business as usual’s discounted public cost minus the option’s: the gross "
              "savings less the extra delivery cost. An option breaks even in the first year "
              "from which the running total of discounted net savings stays at or above zero "
              "to the end of the horizon. Crisis costs are the costs of the crisis states and "
              "of entering them, borne by public bodies; a crisis episode is a move into a "
              "crisis state from a state that is not one, counted without discounting."));
  add_text (r, STYLE_BODY,
            _("These are the conventions of established Markov modelling packages and of "
              "HM Treasury’s Green Book; the full equations are in the engine reference "
              "that comes with Upstream (docs/engine.md)."));

  {
    g_autoptr(UpResultsTable) card = up_results_table_scorecard (ctx->model, ctx->results);
    const double weights[] = { 1.2, 3.2 };
    const PangoAlignment align[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT };
    Table *table;

    add_text (r, STYLE_H2, _("What the results mean"));
    table = add_table (r, 2, weights, align, NULL);
    for (guint i = 0; i < card->rows->len; i++)
      {
        const UpResultsRow *row = card->rows->pdata[i];
        char **cells;

        if (row->kind == UP_RESULTS_KIND_HEADING || nonempty (row->tooltip) == NULL
            || g_str_has_prefix (row->key, "measure/"))
          continue;
        cells = g_new0 (char *, 3);
        cells[0] = g_markup_printf_escaped ("<b>%s</b>", row->label);
        cells[1] = esc (row->tooltip);
        table_add_markup_row_take (table, ROW_NORMAL, cells);
      }
    add_text (r, STYLE_BODY,
              _("For each outcome measure the report gives its total over the horizon "
                "(discounted), its change against business as usual, and the extra public "
                "cost of each extra unit gained: the incremental cost-effectiveness ratio. A "
                "negative cost per unit means the option gains the outcome and saves money."));
  }
}

/* ---- Layout ----------------------------------------------------------------------- */

static PangoLayout *
make_layout (UpReport       *r,
             Style           style,
             const char     *markup,
             double          width,
             PangoAlignment  align)
{
  const StyleInfo *info = &styles[style];
  PangoLayout *layout = pango_layout_new (r->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (desc, (int) round (info->size * PANGO_SCALE));
  pango_font_description_set_weight (desc, info->weight);
  pango_font_description_set_style (desc, info->slant);
  pango_layout_set_font_description (layout, desc);
  if (width > 0)
    pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  if (info->line_spacing > 0)
    pango_layout_set_line_spacing (layout, info->line_spacing);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

typedef struct
{
  UpReport *r;
  Page     *page;
  double    y;
  double    top;
  double    bottom;
  double    left;
  double    width;
  char     *section;     /* borrowed from the blocks */
} Cursor;

static Item *
add_item (Cursor   *c,
          ItemKind  kind,
          double    x,
          double    y,
          double    w,
          double    h)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->x = x;
  item->y = y;
  item->w = w;
  item->h = h;
  g_ptr_array_add (c->page->items, item);
  return item;
}

static void
new_page (Cursor *c)
{
  Page *page = g_new0 (Page, 1);

  page->items = g_ptr_array_new_with_free_func (item_free);
  page->section = g_strdup (c->section);
  g_ptr_array_add (c->r->pages, page);
  c->page = page;
  c->y = c->top;
}

static gboolean
page_is_empty (Cursor *c)
{
  return c->y <= c->top + 0.01;
}

static gboolean
fits (Cursor *c,
      double  height)
{
  return c->y + height <= c->bottom + 0.01 || page_is_empty (c);
}

/* Places a layout line by line, breaking pages between lines (never leaving one line
 * alone at the foot of a page). */
static void
place_lines (Cursor      *c,
             PangoLayout *layout,
             double       x,
             guint32      color)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int n_lines = pango_layout_get_line_count (layout);
  int index = 0;

  do
    {
      PangoRectangle logical;
      int y0, y1, baseline;
      double h;
      Item *item;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      baseline = pango_layout_iter_get_baseline (iter);
      h = (double) (y1 - y0) / PANGO_SCALE;
      /* keep two lines together at the start and at the end of a paragraph */
      if ((index == 0 && n_lines > 1 && !fits (c, 2 * h))
          || (index == n_lines - 2 && !fits (c, 2 * h))
          || !fits (c, h))
        new_page (c);
      item = add_item (c, ITEM_LINE, x + (double) logical.x / PANGO_SCALE,
                       c->y + (double) (baseline - y0) / PANGO_SCALE, 0, h);
      item->layout = g_object_ref (layout);
      item->line = index;
      item->color = color;
      c->y += h;
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static double measure_block (Cursor      *c,
                             const Block *block,
                             double      *start);

static void
place_text (Cursor *c,
            guint   index)
{
  const Block *block = c->r->blocks->pdata[index];
  const StyleInfo *info = &styles[block->style];
  g_autoptr(PangoLayout) layout = make_layout (c->r, block->style, block->markup, c->width,
                                               PANGO_ALIGN_LEFT);
  double h = layout_height (layout);

  if (block->style == STYLE_H1)
    {
      c->section = block->section;
      if (!page_is_empty (c) || c->r->pages->len == 0)
        new_page (c);
      g_free (c->page->section);
      c->page->section = g_strdup (block->section);
      g_free (c->page->bookmark);
      c->page->bookmark = g_strdup (block->section);
      c->page->bookmark_y = c->y;
    }
  else if (!page_is_empty (c))
    c->y += info->before;

  /* Headings stay with what follows them: the paragraphs up to the first table or
   * chart, and that too, when all of it fits on a page; else a few lines of it. */
  if (block->style == STYLE_H2 || block->style == STYLE_H3)
    {
      double follow = 0, start = 0, need;

      for (guint j = index + 1; j < c->r->blocks->len && j <= index + 3; j++)
        {
          const Block *next = c->r->blocks->pdata[j];
          double part = 0;
          double whole = measure_block (c, next, &part);

          if (next->kind == BLOCK_TEXT && next->style != STYLE_BODY
              && next->style != STYLE_NOTE && next->style != STYLE_HEADLINE)
            break;
          start = follow + part;
          follow += whole;
          if (next->kind != BLOCK_TEXT)
            break;
        }
      /* all of it when it fits on a page, else its start: the text and a table's
       * first rows */
      if (h + info->after + follow <= (c->bottom - c->top) * 0.9)
        need = h + info->after + follow;
      else
        need = h + info->after + MAX (start, block->keep > 0 ? block->keep : 48);
      if (!fits (c, need))
        new_page (c);
    }
  place_lines (c, layout, c->left, info->color);
  if (block->style == STYLE_H1)
    {
      Item *rule = add_item (c, ITEM_RULE, c->left, c->y + 3, c->width, 1.2);

      rule->color = COLOR_ACCENT;
      c->y += 4;
    }
  c->y += info->after;
}

typedef struct
{
  PangoLayout **cells;
  double        height;
  double        gap;      /* above the row, unless it starts a page */
} LaidRow;

static void
place_table_header (Cursor       *c,
                    const Table  *table,
                    const double *x,
                    const double *w)
{
  g_autofree PangoLayout **cells = g_new0 (PangoLayout *, table->n_cols);
  double height = 0;
  Item *item;

  for (guint i = 0; i < table->n_cols; i++)
    {
      cells[i] = make_layout (c->r, STYLE_TABLE_HEAD, table->header[i],
                              w[i] - 2 * CELL_PAD_X, table->align[i]);
      height = MAX (height, layout_height (cells[i]));
    }
  height += 2 * CELL_PAD_Y + 1;
  item = add_item (c, ITEM_FILL, c->left, c->y, c->width, height);
  item->color = COLOR_HEADER;
  for (guint i = 0; i < table->n_cols; i++)
    {
      item = add_item (c, ITEM_LAYOUT, x[i] + CELL_PAD_X, c->y + CELL_PAD_Y, 0, 0);
      item->layout = cells[i];
      item->color = COLOR_TEXT;
    }
  item = add_item (c, ITEM_RULE, c->left, c->y + height, c->width, 0.8);
  item->color = COLOR_MUTED;
  c->y += height + 0.8;
}

static LaidRow *
lay_out_rows (Cursor       *c,
              const Table  *table,
              const double *w)
{
  guint n_rows = table->rows->len;
  LaidRow *laid = g_new0 (LaidRow, MAX (n_rows, 1));

  for (guint r = 0; r < n_rows; r++)
    {
      const TableRow *row = table->rows->pdata[r];
      guint n = row->kind == ROW_GROUP ? 1 : table->n_cols;

      laid[r].cells = g_new0 (PangoLayout *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          Style style = row->kind == ROW_NORMAL ? STYLE_TABLE : STYLE_TABLE_HEAD;
          double cw = row->kind == ROW_GROUP ? c->width : w[i];
          PangoAlignment align = row->kind == ROW_GROUP || (row->left && i > 0)
                                 ? PANGO_ALIGN_LEFT : table->align[i];

          laid[r].cells[i] = make_layout (c->r, style, row->cells[i], cw - 2 * CELL_PAD_X,
                                          align);
          laid[r].height = MAX (laid[r].height, layout_height (laid[r].cells[i]));
        }
      laid[r].height += 2 * CELL_PAD_Y;
      laid[r].gap = row->kind == ROW_GROUP && r > 0 ? 5 : 0;
    }
  return laid;
}

static void
free_rows (LaidRow *laid,
           guint    n_rows)
{
  for (guint r = 0; r < n_rows; r++)
    {
      for (guint i = 0; laid[r].cells != NULL && laid[r].cells[i] != NULL; i++)
        g_object_unref (laid[r].cells[i]);
      g_free (laid[r].cells);
    }
  g_free (laid);
}

static void
column_geometry (Cursor      *c,
                 const Table *table,
                 double      *x,
                 double      *w)
{
  double total = 0, pos = c->left;

  for (guint i = 0; i < table->n_cols; i++)
    total += table->weights[i];
  for (guint i = 0; i < table->n_cols; i++)
    {
      x[i] = pos;
      w[i] = c->width * table->weights[i] / total;
      pos += w[i];
    }
}

static double
header_height (Cursor       *c,
               const Table  *table,
               const double *w)
{
  double height = 0;

  if (table->header == NULL)
    return 0;
  for (guint i = 0; i < table->n_cols; i++)
    {
      g_autoptr(PangoLayout) l = make_layout (c->r, STYLE_TABLE_HEAD, table->header[i],
                                              w[i] - 2 * CELL_PAD_X, table->align[i]);

      height = MAX (height, layout_height (l));
    }
  return height + 2 * CELL_PAD_Y + 1.8;
}

/* Lays out every row first, so that page breaks can look ahead: a group heading never
 * ends a page, the last row of a table never stands alone on a new one, and a short
 * table is not split at all. */
static void
place_table (Cursor      *c,
             const Block *block)
{
  const Table *table = block->table;
  guint n_rows = table->rows->len;
  g_autofree double *x = g_new (double, table->n_cols);
  g_autofree double *w = g_new (double, table->n_cols);
  LaidRow *laid;
  double head, total, first = 0;
  gboolean header_placed = FALSE;

  column_geometry (c, table, x, w);
  laid = lay_out_rows (c, table, w);
  head = header_height (c, table, w);
  total = head;
  for (guint r = 0; r < n_rows; r++)
    {
      total += laid[r].gap + laid[r].height;
      if (r < 3)
        first += laid[r].gap + laid[r].height;
    }

  if (!page_is_empty (c))
    c->y += 2;
  /* The header with at least three rows under it; a short table whole. */
  if (!fits (c, head + first)
      || (total <= (c->bottom - c->top) * 0.35 && !fits (c, total)))
    new_page (c);

  for (guint r = 0; r < n_rows; r++)
    {
      const TableRow *row = table->rows->pdata[r];
      guint n = row->kind == ROW_GROUP ? 1 : table->n_cols;
      double need = laid[r].gap + laid[r].height;
      gboolean top_of_page = !header_placed;
      Item *item;

      /* what must come with this row onto the same page */
      if (row->kind == ROW_GROUP && r + 1 < n_rows)
        need += laid[r + 1].height;
      if (r + 2 == n_rows && r > 0)
        need += laid[r + 1].height;

      if (header_placed && !fits (c, need))
        {
          new_page (c);
          top_of_page = TRUE;
        }
      if (top_of_page)
        {
          if (table->header != NULL)
            place_table_header (c, table, x, w);
          header_placed = TRUE;
        }

      if (!top_of_page)
        c->y += laid[r].gap;
      if (row->kind == ROW_TOTAL)
        {
          item = add_item (c, ITEM_RULE, c->left, c->y, c->width, 0.8);
          item->color = COLOR_MUTED;
        }
      for (guint i = 0; i < n; i++)
        {
          item = add_item (c, ITEM_LAYOUT,
                           (row->kind == ROW_GROUP ? c->left : x[i]) + CELL_PAD_X,
                           c->y + CELL_PAD_Y, 0, 0);
          item->layout = g_steal_pointer (&laid[r].cells[i]);
          item->color = row->kind == ROW_GROUP ? COLOR_ACCENT : COLOR_TEXT;
        }
      c->y += laid[r].height;
      if (row->kind != ROW_GROUP)
        {
          item = add_item (c, ITEM_RULE, c->left, c->y, c->width, 0.4);
          item->color = COLOR_FAINT;
        }
    }
  /* the layouts were moved to the items: free_rows skips the holes */
  for (guint r = 0; r < n_rows; r++)
    {
      g_free (laid[r].cells);
      laid[r].cells = NULL;
    }
  free_rows (laid, n_rows);
  c->y += 10;
}

/* The height block takes whole, and in *start what must stay with a heading above it:
 * a paragraph whole, a table's header and first three rows, a chart whole. */
static double
measure_block (Cursor      *c,
               const Block *block,
               double      *start)
{
  switch (block->kind)
    {
    case BLOCK_TEXT:
      {
        g_autoptr(PangoLayout) layout = make_layout (c->r, block->style, block->markup,
                                                     c->width, PANGO_ALIGN_LEFT);

        *start = styles[block->style].before + layout_height (layout)
                 + styles[block->style].after;
        return *start;
      }
    case BLOCK_TABLE:
      {
        const Table *table = block->table;
        g_autofree double *x = g_new (double, table->n_cols);
        g_autofree double *w = g_new (double, table->n_cols);
        LaidRow *laid;
        double total;

        column_geometry (c, table, x, w);
        laid = lay_out_rows (c, table, w);
        total = header_height (c, table, w) + 12;
        *start = total;
        for (guint r = 0; r < table->rows->len; r++)
          {
            total += laid[r].gap + laid[r].height;
            if (r < 3)
              *start = total;
          }
        free_rows (laid, table->rows->len);
        return total;
      }
    case BLOCK_CHART:
      {
        double caption = 0;

        if (block->markup != NULL)
          {
            g_autoptr(PangoLayout) layout = make_layout (c->r, STYLE_NOTE, block->markup,
                                                         c->width, PANGO_ALIGN_LEFT);

            caption = layout_height (layout) + 4;
          }
        *start = block->chart_height + caption + 24;
        return *start;
      }
    case BLOCK_COVER:
    default:
      *start = 0;
      return 0;
    }
}

static void
place_chart (Cursor      *c,
             const Block *block)
{
  Item *item;

  g_autoptr(PangoLayout) caption = NULL;
  double caption_h = 0;

  if (block->markup != NULL)
    {
      caption = make_layout (c->r, STYLE_NOTE, block->markup, c->width, PANGO_ALIGN_LEFT);
      caption_h = layout_height (caption) + 4;
    }
  if (!page_is_empty (c))
    c->y += 6;
  if (!fits (c, block->chart_height + caption_h))
    new_page (c);
  up_chart_layout (block->chart, c->width, block->chart_height, NULL);
  item = add_item (c, ITEM_CHART, c->left, c->y, c->width, block->chart_height);
  item->chart = block->chart;
  c->y += block->chart_height + 4;
  if (caption != NULL)
    {
      item = add_item (c, ITEM_LAYOUT, c->left, c->y, 0, 0);
      item->layout = g_steal_pointer (&caption);
      item->color = styles[STYLE_NOTE].color;
      c->y += caption_h;
    }
  c->y += 14;
}

static void
place_cover (Cursor      *c,
             const Block *block)
{
  const Cover *cover = block->cover;
  UpReport *r = c->r;
  double y = r->page_height * 0.22;
  PangoLayout *layout;
  Item *item;
  g_autofree char *kicker = NULL;

  new_page (c);
  /* a band of the accent colour along the top edge */
  item = add_item (c, ITEM_FILL, 0, 0, r->page_width, 10);
  item->color = COLOR_ACCENT;

  {
    g_autofree char *upper = g_utf8_strup (cover->kicker, -1);
    g_autofree char *escaped = esc (upper);

    kicker = g_strdup_printf ("<span letter_spacing=\"1200\">%s</span>", escaped);
  }
  layout = make_layout (r, STYLE_KICKER, kicker, c->width, PANGO_ALIGN_LEFT);
  item = add_item (c, ITEM_LAYOUT, c->left, y, 0, 0);
  item->layout = layout;
  item->color = styles[STYLE_KICKER].color;
  y += layout_height (layout) + 14;

  {
    g_autofree char *title = esc (cover->title);

    layout = make_layout (r, STYLE_TITLE, title, c->width * 0.9, PANGO_ALIGN_LEFT);
    item = add_item (c, ITEM_LAYOUT, c->left, y, 0, 0);
    item->layout = layout;
    item->color = styles[STYLE_TITLE].color;
    y += layout_height (layout) + 10;
  }
  item = add_item (c, ITEM_RULE, c->left, y, 64, 2.5);
  item->color = COLOR_ACCENT;
  y += 16;
  if (cover->subtitle != NULL)
    {
      g_autofree char *sub = esc (cover->subtitle);

      layout = make_layout (r, STYLE_SUBTITLE, sub, c->width, PANGO_ALIGN_LEFT);
      item = add_item (c, ITEM_LAYOUT, c->left, y, 0, 0);
      item->layout = layout;
      item->color = styles[STYLE_SUBTITLE].color;
      y += layout_height (layout) + 6;
    }
  if (cover->scenario != NULL)
    {
      g_autofree char *sc = esc (cover->scenario);

      layout = make_layout (r, STYLE_SUBTITLE, sc, c->width, PANGO_ALIGN_LEFT);
      item = add_item (c, ITEM_LAYOUT, c->left, y, 0, 0);
      item->layout = layout;
      item->color = COLOR_TEXT;
    }

  /* The facts, in two columns, above the note at the foot of the page. */
  {
    double label_w = 90, fy;
    g_autofree char *note = esc (cover->note);
    PangoLayout *note_layout = make_layout (r, STYLE_NOTE, note, c->width * 0.8,
                                            PANGO_ALIGN_LEFT);
    double facts_h = 0;
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    for (guint i = 0; i + 1 < cover->facts->len; i += 2)
      {
        g_autofree char *label = esc (cover->facts->pdata[i]);
        g_autofree char *value = esc (cover->facts->pdata[i + 1]);
        PangoLayout *l = make_layout (r, STYLE_TABLE, label, label_w, PANGO_ALIGN_LEFT);
        PangoLayout *v = make_layout (r, STYLE_BODY, value, c->width - label_w,
                                      PANGO_ALIGN_LEFT);

        g_ptr_array_add (rows, l);
        g_ptr_array_add (rows, v);
        facts_h += MAX (layout_height (l), layout_height (v)) + 5;
      }
    fy = c->bottom - layout_height (note_layout) - 18 - facts_h;
    item = add_item (c, ITEM_RULE, c->left, fy - 10, c->width, 0.6);
    item->color = COLOR_RULE;
    for (guint i = 0; i < rows->len; i += 2)
      {
        PangoLayout *l = rows->pdata[i], *v = rows->pdata[i + 1];
        double h = MAX (layout_height (l), layout_height (v));

        item = add_item (c, ITEM_LAYOUT, c->left, fy + 1.5, 0, 0);
        item->layout = l;
        item->color = COLOR_MUTED;
        item = add_item (c, ITEM_LAYOUT, c->left + label_w, fy, 0, 0);
        item->layout = v;
        item->color = COLOR_TEXT;
        fy += h + 5;
      }
    item = add_item (c, ITEM_LAYOUT, c->left, fy + 12, 0, 0);
    item->layout = note_layout;
    item->color = COLOR_MUTED;
  }
  /* What follows starts on a page of its own. */
  c->y = c->bottom;
}

static void
paginate (UpReport *r)
{
  Cursor c = { 0 };

  if (r->pages != NULL)
    return;
  r->pages = g_ptr_array_new_with_free_func (page_free);
  c.r = r;
  c.top = MARGIN_TOP;
  c.bottom = r->page_height - MARGIN_BOTTOM;
  c.left = MARGIN_SIDE;
  c.width = r->page_width - 2 * MARGIN_SIDE;
  c.y = c.bottom;

  for (guint i = 0; i < r->blocks->len; i++)
    {
      const Block *block = r->blocks->pdata[i];

      if (c.page == NULL && block->kind != BLOCK_COVER)
        new_page (&c);
      switch (block->kind)
        {
        case BLOCK_TEXT:
          place_text (&c, i);
          break;
        case BLOCK_TABLE:
          place_table (&c, block);
          break;
        case BLOCK_CHART:
          place_chart (&c, block);
          break;
        case BLOCK_COVER:
          place_cover (&c, block);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* ---- Drawing ---------------------------------------------------------------------- */

static void
draw_running (UpReport *r,
              cairo_t  *cr,
              int       index)
{
  Page *page = r->pages->pdata[index];
  double left = MARGIN_SIDE, width = r->page_width - 2 * MARGIN_SIDE;
  g_autofree char *title = esc (r->title);
  g_autofree char *section = esc (page->section);
  g_autofree char *number = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(PangoLayout) l_title = NULL;
  g_autoptr(PangoLayout) l_section = NULL;
  g_autoptr(PangoLayout) l_number = NULL;
  g_autoptr(PangoLayout) l_hash = NULL;
  double footer_y = r->page_height - FOOTER_GAP;

  /* translators: the page number, as in "Page 3 of 12" */
  number = g_strdup_printf (_("Page %d of %d"), index + 1, r->pages->len);
  /* translators: the footer: the program and the plan's checksum */
  hash = g_markup_printf_escaped (_("Upstream report · plan %s"), r->short_hash);

  l_title = make_layout (r, STYLE_RUNNING, title, width * 0.6, PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (l_title, PANGO_ELLIPSIZE_END);
  l_section = make_layout (r, STYLE_RUNNING, section, width * 0.38, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize (l_section, PANGO_ELLIPSIZE_END);
  l_number = make_layout (r, STYLE_RUNNING, number, width * 0.4, PANGO_ALIGN_RIGHT);
  l_hash = make_layout (r, STYLE_RUNNING, hash, width * 0.6, PANGO_ALIGN_LEFT);

  set_source (cr, COLOR_MUTED);
  cairo_move_to (cr, left, HEADER_Y);
  pango_cairo_show_layout (cr, l_title);
  cairo_move_to (cr, left + width * 0.62, HEADER_Y);
  pango_cairo_show_layout (cr, l_section);
  set_source (cr, COLOR_RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, left, HEADER_Y + layout_height (l_title) + 4);
  cairo_rel_line_to (cr, width, 0);
  cairo_stroke (cr);

  set_source (cr, COLOR_MUTED);
  cairo_move_to (cr, left, footer_y);
  pango_cairo_show_layout (cr, l_hash);
  cairo_move_to (cr, left + width * 0.6, footer_y);
  pango_cairo_show_layout (cr, l_number);
}

void
up_report_draw_page (UpReport *report,
                     cairo_t  *cr,
                     int       index)
{
  Page *page;

  g_return_if_fail (report != NULL);
  g_return_if_fail (cr != NULL);

  paginate (report);
  g_return_if_fail (index >= 0 && index < (int) report->pages->len);
  page = report->pages->pdata[index];

  cairo_save (cr);
  for (guint i = 0; i < page->items->len; i++)
    {
      const Item *item = page->items->pdata[i];

      switch (item->kind)
        {
        case ITEM_LAYOUT:
          set_source (cr, item->color);
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout (cr, item->layout);
          break;
        case ITEM_LINE:
          set_source (cr, item->color);
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (item->layout,
                                                                            item->line));
          break;
        case ITEM_FILL:
          set_source (cr, item->color);
          cairo_rectangle (cr, item->x, item->y, item->w, item->h);
          cairo_fill (cr);
          break;
        case ITEM_RULE:
          set_source (cr, item->color);
          cairo_set_line_width (cr, item->h);
          cairo_move_to (cr, item->x, item->y);
          cairo_rel_line_to (cr, item->w, 0);
          cairo_stroke (cr);
          break;
        case ITEM_CHART:
          cairo_save (cr);
          cairo_translate (cr, item->x, item->y);
          cairo_rectangle (cr, 0, 0, item->w, item->h);
          cairo_clip (cr);
          up_chart_draw (item->chart, cr);
          cairo_restore (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (index > 0)
    draw_running (report, cr, index);
  cairo_restore (cr);
}

/* ---- Public API ------------------------------------------------------------------- */

static char *
hash_plan (UpPlan *plan)
{
  g_autoptr(GBytes) bytes = up_plan_save_to_bytes (plan);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

UpReport *
up_report_new (UpPlan      *plan,
               UpScenario  *scenario,
               const char  *file_name,
               GDateTime   *date,
               GError     **error)
{
  g_autoptr(UpReport) r = NULL;
  g_autoptr(UpPlan) effective = NULL;
  g_autoptr(UpModel) model = NULL;
  g_autoptr(UpResults) results = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) utc = NULL;
  cairo_font_options_t *options;
  const char *title;
  Ctx ctx = { 0 };

  g_return_val_if_fail (UP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || UP_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  model = up_model_compile (plan, scenario, NULL, error);
  if (model == NULL)
    return NULL;
  results = up_model_project (model);
  effective = up_plan_copy (plan);
  if (scenario != NULL && !up_plan_apply_scenario (effective, scenario, error))
    return NULL;

  when = date != NULL ? g_date_time_ref (date) : g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (when);

  r = g_new0 (UpReport, 1);
  r->blocks = g_ptr_array_new_with_free_func (block_free);
  title = nonempty (up_item_get_name (UP_ITEM (plan)));
  r->title = g_strdup (title != NULL ? title : _("Untitled plan"));
  r->author = g_strdup (nonempty (up_plan_get_author (plan)));
  r->hash = hash_plan (plan);
  r->short_hash = g_strndup (r->hash, 12);
  r->created = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  r->currency = g_strdup (up_model_get_currency (model));
  r->page_width = UP_REPORT_A4_WIDTH;
  r->page_height = UP_REPORT_A4_HEIGHT;

  /* 72 dpi: one point is one unit. No hinting, so that text measures the same on every
   * surface. */
  r->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (r->context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (r->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (r->context, FALSE);

  ctx.r = r;
  ctx.plan = effective;
  ctx.scenario = scenario;
  ctx.model = model;
  ctx.results = results;
  ctx.currency = r->currency;
  ctx.start_year = up_model_get_start_year (model);

  build_cover (&ctx, plan, file_name, utc);
  build_summary (&ctx, plan);
  build_options (&ctx);
  build_charts (&ctx);
  build_holders (&ctx);
  build_sensitivity (&ctx);
  build_assumptions (&ctx, plan);
  build_methodology (&ctx);
  return g_steal_pointer (&r);
}

void
up_report_free (UpReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->pages, g_ptr_array_unref);
  g_ptr_array_unref (report->blocks);
  g_clear_object (&report->context);
  g_free (report->title);
  g_free (report->author);
  g_free (report->hash);
  g_free (report->short_hash);
  g_free (report->created);
  g_free (report->currency);
  g_free (report);
}

const char *
up_report_get_hash (UpReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->hash;
}

void
up_report_set_page_size (UpReport *report,
                         double    width,
                         double    height)
{
  g_return_if_fail (report != NULL);
  g_return_if_fail (width > 2 * MARGIN_SIDE + 100 && height > MARGIN_TOP + MARGIN_BOTTOM + 100);

  if (width == report->page_width && height == report->page_height)
    return;
  report->page_width = width;
  report->page_height = height;
  g_clear_pointer (&report->pages, g_ptr_array_unref);
}

int
up_report_get_n_pages (UpReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  paginate (report);
  return report->pages->len;
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
up_report_to_pdf (UpReport  *report,
                  GError   **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *creator = g_strdup_printf ("Upstream %s", PACKAGE_VERSION);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (report != NULL, NULL);

  paginate (report);
  surface = cairo_pdf_surface_create_for_stream (write_cb, data, report->page_width,
                                                 report->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->title);
  if (report->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, report->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, report->created);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, report->created);
  cr = cairo_create (surface);
  for (guint i = 0; i < report->pages->len; i++)
    {
      Page *page = report->pages->pdata[i];

      if (page->bookmark != NULL)
        {
          g_autofree char *link = g_strdup_printf ("page=%u pos=[%g %g]", i + 1, MARGIN_SIDE,
                                                   page->bookmark_y);

          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, page->bookmark,
                                         link, 0);
        }
      up_report_draw_page (report, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the report: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
