/* Writes the Data quality sheet from normalized/ingest_summary.csv,
 * rejects.csv and warnings.csv: three titled sections, each a header and its
 * rows, or a sentence saying there is nothing to list. Past [report]
 * max_listed_rows rows a list is cut with a sentence naming the CSV that has
 * them all, and the input files are summed per kind with only those that
 * need attention listed: a tree of a million files would pass Excel's
 * 1048576 rows a sheet, and no one reads that far. */
#include "report/sheet_quality.h"
#include "common/contract.h"

/* A column of a section: the CSV column it shows and how. */
typedef struct {
  ReportLabel label;
  const char *column;
  ReportCellKind kind;
  /* Words for a coded value, or NULL to show the text as it is. */
  const char *(*translate)(const char *code, ReportLanguage language);
  /* Free text (a sentence, an excerpt) that may spill into the empty cells
   * to its right rather than widen a column the sections above share. */
  gboolean spills;
} QualityColumn;

typedef struct {
  ReportLabel title;
  ReportLabel empty; /* the sentence when there are no rows */
  const QualityColumn *columns;
  gsize n_columns;
  ReportLabel more; /* the sentence when not all rows are shown */
  const char *csv;  /* where every row is */
} QualitySection;

static const QualityColumn summary_columns[] = {
    {REPORT_LABEL_COL_FILE, "file", REPORT_CELL_TEXT, NULL, FALSE},
    {REPORT_LABEL_COL_KIND, "kind", REPORT_CELL_TEXT, NULL, FALSE},
    {REPORT_LABEL_COL_ENCODING, "encoding", REPORT_CELL_TEXT, NULL, FALSE},
    {REPORT_LABEL_COL_ROWS_READ, "rows_read", REPORT_CELL_COUNT, NULL, FALSE},
    {REPORT_LABEL_COL_ACCEPTED, "accepted", REPORT_CELL_COUNT, NULL, FALSE},
    {REPORT_LABEL_COL_DUPLICATES, "duplicates", REPORT_CELL_COUNT, NULL, FALSE},
    {REPORT_LABEL_COL_REJECTED, "rejected", REPORT_CELL_COUNT, NULL, FALSE},
    {REPORT_LABEL_COL_NOTE, "note", REPORT_CELL_TEXT, NULL, TRUE},
};

static const QualityColumn reject_columns[] = {
    {REPORT_LABEL_COL_FILE, "file", REPORT_CELL_TEXT, NULL, FALSE},
    {REPORT_LABEL_COL_LINE, "line", REPORT_CELL_COUNT, NULL, FALSE},
    {REPORT_LABEL_COL_REASON, "reason", REPORT_CELL_TEXT, NULL, FALSE},
    {REPORT_LABEL_COL_EXCERPT, "excerpt", REPORT_CELL_TEXT, NULL, TRUE},
};

static const QualityColumn warning_columns[] = {
    {REPORT_LABEL_COL_KIND, "kind", REPORT_CELL_TEXT, report_label_warning_kind, FALSE},
    {REPORT_LABEL_COL_AMBASSADOR, "subject", REPORT_CELL_TEXT, NULL, FALSE},
    {REPORT_LABEL_COL_MONTH, "month", REPORT_CELL_MONTH, NULL, FALSE},
    {REPORT_LABEL_COL_DETAIL, "detail", REPORT_CELL_TEXT, NULL, TRUE},
};

static void write_cell(ReportSheet *sheet, const ReportContext *ctx, const ReportTable *t, guint i,
                       lxw_row_t row, lxw_col_t col, const QualityColumn *column)
{
  int index = report_table_column(t, column->column);
  const char *text = report_table_text(t, i, index);
  if (column->kind == REPORT_CELL_MONTH && text[0] != '\0')
    report_sheet_write_month(sheet, row, col, text);
  else if (column->translate != NULL)
    report_sheet_write_text(sheet, row, col, column->translate(text, ctx->language), FALSE);
  else if (column->spills)
    report_sheet_write_spilling_text(sheet, row, col, text);
  else if (column->kind == REPORT_CELL_TEXT || column->kind == REPORT_CELL_MONTH)
    report_sheet_write_text(sheet, row, col, text, FALSE);
  else
    report_sheet_write_number(sheet, row, col, report_table_number(t, i, index), column->kind,
                              FALSE);
}

/* The sentence key, filled in with count and csv, as a note at row. */
static void write_note(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row, ReportLabel key,
                       guint64 count, const char *csv)
{
  g_autofree char *number = report_label_format_count(count, ctx->language);
  g_autofree char *note = g_strdup_printf(report_context_label(ctx, key), number, csv);
  report_sheet_write_line(sheet, row, 0, note, sheet->formats->note);
}

/* The section's header and the rows of t from row on; returns the row after
 * them. */
static lxw_row_t write_rows(ReportSheet *sheet, const ReportContext *ctx, const ReportTable *t,
                            const QualitySection *section, lxw_row_t row)
{
  for (gsize k = 0; k < section->n_columns; k++)
    report_sheet_write_header(sheet, row, (lxw_col_t)k,
                              report_context_label(ctx, section->columns[k].label));
  row++;
  for (guint i = 0; i < t->rows->len; i++, row++)
    for (gsize k = 0; k < section->n_columns; k++)
      write_cell(sheet, ctx, t, i, row, (lxw_col_t)k, &section->columns[k]);
  return row;
}

/* Writes the section from row on; returns the row after it. */
static lxw_row_t write_section(ReportSheet *sheet, const ReportContext *ctx,
                               const ReportListing *listing, const QualitySection *section,
                               lxw_row_t row)
{
  report_sheet_write_line(sheet, row++, 0, report_context_label(ctx, section->title),
                          sheet->formats->section);
  if (listing->total == 0) {
    report_sheet_write_line(sheet, row++, 0, report_context_label(ctx, section->empty),
                            sheet->formats->note);
    return row;
  }
  row = write_rows(sheet, ctx, listing->table, section, row);
  if (!report_listing_is_complete(listing))
    write_note(sheet, ctx, row++, section->more, listing->total - listing->table->rows->len,
               section->csv);
  return row;
}

static void write_kind_row(ReportSheet *sheet, lxw_row_t row, const char *kind,
                           const ReportKindTotals *totals, gboolean bold)
{
  const double values[] = {(double)totals->files, totals->rows_read, totals->accepted,
                           totals->duplicates, totals->rejected};
  report_sheet_write_text(sheet, row, 0, kind, bold);
  for (gsize k = 0; k < G_N_ELEMENTS(values); k++)
    report_sheet_write_number(sheet, row, (lxw_col_t)(k + 1), values[k], REPORT_CELL_COUNT, bold);
}

/* Files and rows per kind of input, then all files. */
static lxw_row_t write_kind_totals(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row)
{
  static const ReportLabel columns[] = {REPORT_LABEL_COL_KIND,       REPORT_LABEL_COL_FILES,
                                        REPORT_LABEL_COL_ROWS_READ,  REPORT_LABEL_COL_ACCEPTED,
                                        REPORT_LABEL_COL_DUPLICATES, REPORT_LABEL_COL_REJECTED};
  const GPtrArray *kinds = ctx->listings->kinds;
  report_sheet_write_line(sheet, row++, 0,
                          report_context_label(ctx, REPORT_LABEL_SECTION_FILES_BY_KIND),
                          sheet->formats->section);
  for (gsize k = 0; k < G_N_ELEMENTS(columns); k++)
    report_sheet_write_header(sheet, row, (lxw_col_t)k, report_context_label(ctx, columns[k]));
  row++;
  ReportKindTotals all = {0};
  for (guint i = 0; i < kinds->len; i++, row++) {
    const ReportKindTotals *totals = g_ptr_array_index(kinds, i);
    write_kind_row(sheet, row, totals->kind, totals, FALSE);
    all.files += totals->files;
    all.rows_read += totals->rows_read;
    all.accepted += totals->accepted;
    all.duplicates += totals->duplicates;
    all.rejected += totals->rejected;
  }
  write_kind_row(sheet, row++, report_context_label(ctx, REPORT_LABEL_ALL_FILES), &all, TRUE);
  return row;
}

/* Too many input files to list: the totals per kind, the files that need
 * attention, and how many more there are. */
static lxw_row_t write_files_summed(ReportSheet *sheet, const ReportContext *ctx,
                                    const QualitySection *section, lxw_row_t row)
{
  const ReportListings *listings = ctx->listings;
  row = write_kind_totals(sheet, ctx, row) + 1;
  report_sheet_write_line(sheet, row++, 0,
                          report_context_label(ctx, REPORT_LABEL_SECTION_ATTENTION),
                          sheet->formats->section);
  const ReportTable *t = listings->files.table;
  if (t->rows->len == 0)
    report_sheet_write_line(sheet, row++, 0, report_context_label(ctx, REPORT_LABEL_NO_ATTENTION),
                            sheet->formats->note);
  else
    row = write_rows(sheet, ctx, t, section, row);
  if (listings->attention > t->rows->len)
    write_note(sheet, ctx, row++, REPORT_LABEL_NOTE_MORE_ATTENTION,
               listings->attention - t->rows->len, section->csv);
  write_note(sheet, ctx, row++, REPORT_LABEL_NOTE_FILES_WITHOUT_PROBLEM,
             listings->files.total - listings->attention, section->csv);
  return row;
}

gboolean report_sheet_quality_write(const ReportContext *ctx, GError **error)
{
  ReportSheet *sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_QUALITY, error);
  if (sheet == NULL)
    return FALSE;
  const QualitySection sections[] = {
      {REPORT_LABEL_SECTION_INPUT_FILES, REPORT_LABEL_NO_INPUT_FILES, summary_columns,
       G_N_ELEMENTS(summary_columns), REPORT_LABEL_NOTE_MORE_ATTENTION, CONTRACT_INGEST_SUMMARY},
      {REPORT_LABEL_SECTION_REJECTS, REPORT_LABEL_NO_REJECTS, reject_columns,
       G_N_ELEMENTS(reject_columns), REPORT_LABEL_NOTE_MORE_REJECTS, CONTRACT_REJECTS},
      {REPORT_LABEL_SECTION_WARNINGS, REPORT_LABEL_NO_WARNINGS, warning_columns,
       G_N_ELEMENTS(warning_columns), REPORT_LABEL_NOTE_MORE_WARNINGS,
       CONTRACT_WARNINGS ", " CONTRACT_SCORE_WARNINGS},
  };
  const ReportListing *listings[] = {&ctx->listings->files, &ctx->listings->rejects,
                                     &ctx->listings->warnings};
  report_sheet_write_title(sheet, report_context_label(ctx, REPORT_LABEL_TITLE_QUALITY));
  lxw_row_t row = 2;
  for (gsize s = 0; s < G_N_ELEMENTS(sections); s++) {
    if (s == 0 && !report_listing_is_complete(listings[0]))
      row = write_files_summed(sheet, ctx, &sections[0], row) + 1;
    else
      row = write_section(sheet, ctx, listings[s], &sections[s], row) + 1;
  }
  return report_sheet_finish(sheet, error);
}
