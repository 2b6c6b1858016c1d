/* Streams ingest_summary.csv, rejects.csv, warnings.csv and input_files.csv
 * for the report: counts and sums every row, keeps the rows a sheet will
 * show, and drops the rest as soon as it has been read. */
#include "report/listings.h"
#include "common/sha256.h"

#include "common/contract.h"
#include "common/errors.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const summary_columns[] = {"file",       "kind",     "rows_read", "accepted",
                                              "duplicates", "rejected", NULL};
static const char *const summary_numbers[] = {"rows_read", "accepted", "duplicates", "rejected",
                                              NULL};
static const char *const rejects_columns[] = {"file", "line", "reason", NULL};
static const char *const rejects_numbers[] = {"line", NULL};
static const char *const warnings_columns[] = {"kind", "subject", "month", "detail", NULL};
static const char *const inputs_columns[] = {"file", "sha256", NULL};
static const char *const inputs_numbers[] = {"bytes", NULL};

/* --- Which files need attention ------------------------------------------ */

/* What ingest notes for a file read as expected (ingest/csv_note.c, the
 * LinkedIn and posts readers), as parts joined by ", ". The routine words
 * are listed rather than the problems because the problems are free text
 * (a header not recognised, an error message, "not used: ambassador not in
 * the roster", "not read: the run stopped ..."): a note no one foresaw is
 * then shown, not hidden. An empty file is not routine: an export with
 * nothing in it is worth a look. */
static const char *const routine_parts[] = {
    "not used: the profile comes from the newest export",
    "not used",
    "converted from Windows-1252",
    "decimal comma",
    "decimal point",
    "delimiter tab",
};

/* The length of the routine part at text (followed by its end or ", "),
 * or 0. */
static gsize routine_part_length(const char *text)
{
  gsize n = 0;
  if (g_str_has_prefix(text, "delimiter \"") && text[11] != '\0' && text[12] == '"') {
    n = 13;
  } else if (g_str_has_prefix(text, "source ")) {
    n = 7;
    while (g_ascii_isalnum(text[n]) || (text[n] != '\0' && strchr("_.-", text[n]) != NULL))
      n++;
    if (n == 7)
      return 0;
  } else if (g_str_has_prefix(text, "zip archive of ")) {
    n = 15;
    while (g_ascii_isdigit(text[n]))
      n++;
    if (g_str_has_prefix(text + n, " files"))
      n += 6;
    else if (g_str_has_prefix(text + n, " file"))
      n += 5;
    else
      return 0;
  } else {
    for (gsize i = 0; n == 0 && i < G_N_ELEMENTS(routine_parts); i++)
      if (g_str_has_prefix(text, routine_parts[i]) &&
          (text[strlen(routine_parts[i])] == '\0' || text[strlen(routine_parts[i])] == ','))
        n = strlen(routine_parts[i]);
  }
  return text[n] == '\0' || g_str_has_prefix(text + n, ", ") ? n : 0;
}

static gboolean note_is_routine(const char *note)
{
  const char *p = note;
  while (*p != '\0') {
    gsize n = routine_part_length(p);
    if (n == 0)
      return FALSE;
    p += n;
    if (*p != '\0')
      p += 2; /* ", " */
  }
  return TRUE;
}

gboolean report_listings_needs_attention(const char *kind, const char *note, double rejected)
{
  return rejected > 0 || strcmp(kind, "unrecognised") == 0 || !note_is_routine(note);
}

gboolean report_listing_is_complete(const ReportListing *listing)
{
  return listing->table->rows->len == listing->total;
}

/* --- ingest_summary.csv -------------------------------------------------- */

typedef struct {
  ReportListings *listings;
  int columns[7]; /* kind, note, rows_read, accepted, duplicates, rejected; -1 absent */
  gboolean have_columns;
  ReportKindTotals *last; /* rows come sorted by file, so mostly one kind runs on */
} SummaryState;

enum { S_KIND, S_NOTE, S_ROWS_READ, S_ACCEPTED, S_DUPLICATES, S_REJECTED };

static void kind_totals_free(gpointer data)
{
  ReportKindTotals *totals = data;
  g_free(totals->kind);
  g_free(totals);
}

static ReportKindTotals *kind_totals_find(SummaryState *state, const char *kind)
{
  if (state->last != NULL && strcmp(state->last->kind, kind) == 0)
    return state->last;
  GPtrArray *kinds = state->listings->kinds;
  for (guint i = 0; i < kinds->len; i++) {
    ReportKindTotals *totals = g_ptr_array_index(kinds, i);
    if (strcmp(totals->kind, kind) == 0)
      return state->last = totals;
  }
  ReportKindTotals *totals = g_new0(ReportKindTotals, 1);
  totals->kind = g_strdup(kind);
  g_ptr_array_add(kinds, totals);
  return state->last = totals;
}

/* A checked number field; 0 when empty. */
static double field_count(const char *const *fields, int column)
{
  if (column < 0)
    return 0;
  const char *text = fields[column];
  guint64 count = 0;
  gsize digits = 0;
  for (; g_ascii_isdigit(text[digits]) && digits < 15; digits++)
    count = count * 10 + (guint64)(text[digits] - '0');
  if (text[digits] == '\0')
    return (double)count; /* "" too */
  return g_ascii_strtod(text, NULL);
}

static void summary_columns_find(SummaryState *state, const ReportTable *table)
{
  static const char *const names[] = {"kind",     "note",       "rows_read",
                                      "accepted", "duplicates", "rejected"};
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
    state->columns[i] = report_table_column(table, names[i]);
  state->have_columns = TRUE;
}

/* Keeps every row until there are more than max_listed, and the first
 * max_listed needing attention; summary_load drops the others after. */
static gboolean summary_keep(const ReportTable *table, guint64 line, const char *const *fields,
                             gpointer user_data)
{
  (void)line;
  SummaryState *state = user_data;
  ReportListings *listings = state->listings;
  if (!state->have_columns)
    summary_columns_find(state, table);
  const int *c = state->columns;
  const char *note = c[S_NOTE] >= 0 ? fields[c[S_NOTE]] : "";
  ReportKindTotals *totals = kind_totals_find(state, fields[c[S_KIND]]);
  double rejected = field_count(fields, c[S_REJECTED]);
  totals->files++;
  totals->rows_read += field_count(fields, c[S_ROWS_READ]);
  totals->accepted += field_count(fields, c[S_ACCEPTED]);
  totals->duplicates += field_count(fields, c[S_DUPLICATES]);
  totals->rejected += rejected;
  listings->files.total++;
  gboolean attention = report_listings_needs_attention(totals->kind, note, rejected);
  if (attention)
    listings->attention++;
  return listings->files.total <= listings->max_listed ||
         (attention && listings->attention <= listings->max_listed);
}

static int kind_totals_compare(gconstpointer a, gconstpointer b)
{
  const ReportKindTotals *x = *(ReportKindTotals *const *)a;
  const ReportKindTotals *y = *(ReportKindTotals *const *)b;
  return strcmp(x->kind, y->kind);
}

/* Past max_listed rows only those needing attention stay. */
static void summary_keep_attention(ReportTable *table)
{
  int kind = report_table_column(table, "kind");
  int note = report_table_column(table, "note");
  int rejected = report_table_column(table, "rejected");
  guint kept = 0;
  for (guint i = 0; i < table->rows->len; i++) {
    double count = report_table_number(table, i, rejected);
    if (report_listings_needs_attention(report_table_text(table, i, kind),
                                        report_table_text(table, i, note),
                                        isnan(count) ? 0 : count)) {
      gpointer row = table->rows->pdata[i];
      table->rows->pdata[i] = table->rows->pdata[kept];
      table->rows->pdata[kept++] = row;
    }
  }
  g_ptr_array_set_size(table->rows, kept);
}

static gboolean summary_load(ReportListings *listings, const char *work_dir, GError **error)
{
  g_autofree char *path = g_build_filename(work_dir, CONTRACT_INGEST_SUMMARY, NULL);
  SummaryState state = {.listings = listings};
  listings->files.table = report_table_load_filtered(path, summary_columns, summary_numbers,
                                                     summary_keep, &state, error);
  if (listings->files.table == NULL)
    return FALSE;
  if (listings->files.total > listings->max_listed)
    summary_keep_attention(listings->files.table);
  g_ptr_array_sort(listings->kinds, kind_totals_compare);
  return TRUE;
}

/* --- rejects.csv, warnings.csv, input_files.csv --------------------------- */

/* Counts the rows of listing and keeps the first max_listed, over one file
 * or more read one after the other. */
typedef struct {
  ReportListing *listing;
  guint max_listed;
  double *bytes; /* input_files.csv: sums its bytes column; else NULL */
  int bytes_column;
} CapState;

static gboolean cap_keep(const ReportTable *table, guint64 line, const char *const *fields,
                         gpointer user_data)
{
  (void)line;
  CapState *state = user_data;
  if (state->bytes != NULL) {
    if (state->bytes_column == -2)
      state->bytes_column = report_table_column(table, "bytes");
    *state->bytes += field_count(fields, state->bytes_column);
  }
  return ++state->listing->total <= state->max_listed;
}

static ReportTable *capped_read(ReportListings *listings, ReportListing *listing,
                                const char *work_dir, const char *name, const char *const *required,
                                const char *const *numeric, GError **error)
{
  g_autofree char *path = g_build_filename(work_dir, name, NULL);
  CapState state = {listing, listings->max_listed, NULL, -1};
  if (listing == &listings->inputs)
    state = (CapState){listing, listings->max_listed, &listings->input_bytes, -2};
  return report_table_load_filtered(path, required, numeric, cap_keep, &state, error);
}

static gboolean listing_load(ReportListings *listings, ReportListing *listing, const char *work_dir,
                             const char *name, const char *const *required,
                             const char *const *numeric, GError **error)
{
  listing->table = capped_read(listings, listing, work_dir, name, required, numeric, error);
  return listing->table != NULL;
}

/* scores/warnings.csv after normalized/warnings.csv, its rows moved into
 * the columns of the first. Work folders scored before it existed lack it. */
static gboolean score_warnings_load(ReportListings *listings, const char *work_dir, GError **error)
{
  g_autofree char *path = g_build_filename(work_dir, CONTRACT_SCORE_WARNINGS, NULL);
  if (!g_file_test(path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_autoptr(ReportTable) more = capped_read(listings, &listings->warnings, work_dir,
                                            CONTRACT_SCORE_WARNINGS, warnings_columns, NULL, error);
  if (more == NULL)
    return FALSE;
  ReportTable *into = listings->warnings.table;
  guint n_columns = into->columns->len;
  g_autofree const char **fields = g_new0(const char *, n_columns + 1);
  for (guint i = 0; i < more->rows->len; i++) {
    for (guint c = 0; c < n_columns; c++)
      fields[c] = report_table_text(more, i,
                                    report_table_column(more, g_ptr_array_index(into->columns, c)));
    const ReportRow *from = g_ptr_array_index(more->rows, i);
    g_ptr_array_add(into->rows, report_table_row_new(into, from->line, fields));
  }
  return TRUE;
}

static char *file_sha256(const char *path, GError **error)
{
  guint8 digest[SHA256_BYTES];
  g_autoptr(GError) local = NULL;
  if (!sha256_file(path, digest, &local)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s: %s", path, local->message);
    return NULL;
  }
  char *hex = g_malloc(SHA256_HEX_BYTES);
  sha256_hex(digest, hex);
  return hex;
}

static gboolean inputs_load(ReportListings *listings, const char *work_dir, GError **error)
{
  if (!listing_load(listings, &listings->inputs, work_dir, CONTRACT_INPUT_FILES, inputs_columns,
                    inputs_numbers, error))
    return FALSE;
  if (report_listing_is_complete(&listings->inputs))
    return TRUE;
  g_autofree char *path = g_build_filename(work_dir, CONTRACT_INPUT_FILES, NULL);
  listings->inputs_sha256 = file_sha256(path, error);
  return listings->inputs_sha256 != NULL;
}

gboolean report_listings_load(ReportListings *listings, const char *work_dir, guint max_listed,
                              GError **error)
{
  memset(listings, 0, sizeof *listings);
  listings->max_listed = max_listed;
  listings->kinds = g_ptr_array_new_with_free_func(kind_totals_free);
  gboolean ok = summary_load(listings, work_dir, error) &&
                listing_load(listings, &listings->rejects, work_dir, CONTRACT_REJECTS,
                             rejects_columns, rejects_numbers, error) &&
                listing_load(listings, &listings->warnings, work_dir, CONTRACT_WARNINGS,
                             warnings_columns, NULL, error) &&
                score_warnings_load(listings, work_dir, error) &&
                inputs_load(listings, work_dir, error);
  if (!ok)
    report_listings_clear(listings);
  return ok;
}

void report_listings_clear(ReportListings *listings)
{
  ReportTable **tables[] = {&listings->files.table, &listings->rejects.table,
                            &listings->warnings.table, &listings->inputs.table};
  for (gsize i = 0; i < G_N_ELEMENTS(tables); i++)
    g_clear_pointer(tables[i], report_table_free);
  g_clear_pointer(&listings->kinds, g_ptr_array_unref);
  g_clear_pointer(&listings->inputs_sha256, g_free);
}
