/* Writes the Data quality sheet from normalized/ingest_summary.csv,
 * rejects.csv and warnings.csv: three titled sections, each a header and its
 * rows, or a sentence saying there is nothing to list. */
#include "report/sheet_quality.h"
#include "common/contract.h"

/* Rows shown per section: a tree of a million bad rows would pass Excel's
 * 1048576 rows a sheet, and no one reads that far; the CSV has them all. */
#define QUALITY_MAX_ROWS 10000

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
  const char *csv; /* where every row is, when not all are shown */
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

/* Writes the section from row on; returns the row after it. */
static lxw_row_t write_section(ReportSheet *sheet, const ReportContext *ctx, const ReportTable *t,
                               const QualitySection *section, lxw_row_t row)
{
  report_sheet_write_line(sheet, row++, 0, report_context_label(ctx, section->title),
                          sheet->formats->section);
  if (t->rows->len == 0) {
    report_sheet_write_line(sheet, row++, 0, report_context_label(ctx, section->empty),
                            sheet->formats->note);
    return row;
  }
  for (gsize k = 0; k < section->n_columns; k++)
    report_sheet_write_header(sheet, row, (lxw_col_t)k,
                              report_context_label(ctx, section->columns[k].label));
  row++;
  guint shown = MIN(t->rows->len, QUALITY_MAX_ROWS);
  for (guint i = 0; i < shown; i++, row++)
    for (gsize k = 0; k < section->n_columns; k++)
      write_cell(sheet, ctx, t, i, row, (lxw_col_t)k, &section->columns[k]);
  if (shown < t->rows->len) {
    g_autofree char *more = g_strdup_printf("%u", t->rows->len - shown);
    g_autofree char *note = g_strdup_printf(
        report_context_label(ctx, REPORT_LABEL_NOTE_ROWS_NOT_SHOWN), more, section->csv);
    report_sheet_write_line(sheet, row++, 0, note, sheet->formats->note);
  }
  return row;
}

gboolean report_sheet_quality_write(const ReportContext *ctx, GError **error)
{
  ReportSheet *sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_QUALITY, error);
  if (sheet == NULL)
    return FALSE;
  const QualitySection sections[] = {
      {REPORT_LABEL_SECTION_INPUT_FILES, REPORT_LABEL_NO_INPUT_FILES, summary_columns,
       G_N_ELEMENTS(summary_columns), CONTRACT_INGEST_SUMMARY},
      {REPORT_LABEL_SECTION_REJECTS, REPORT_LABEL_NO_REJECTS, reject_columns,
       G_N_ELEMENTS(reject_columns), CONTRACT_REJECTS},
      {REPORT_LABEL_SECTION_WARNINGS, REPORT_LABEL_NO_WARNINGS, warning_columns,
       G_N_ELEMENTS(warning_columns), CONTRACT_WARNINGS ", " CONTRACT_SCORE_WARNINGS},
  };
  const ReportTable *tables[] = {ctx->data->ingest_summary, ctx->data->rejects,
                                 ctx->data->warnings};
  report_sheet_write_title(sheet, report_context_label(ctx, REPORT_LABEL_TITLE_QUALITY));
  lxw_row_t row = 2;
  for (gsize s = 0; s < G_N_ELEMENTS(sections); s++)
    row = write_section(sheet, ctx, tables[s], &sections[s], row) + 1;
  return report_sheet_finish(sheet, error);
}
