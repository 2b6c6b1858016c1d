/* Writes the Summary sheet, the page a program manager shows first: one row
 * per program from program_month.csv and an "All programs" row computed from
 * the person-month rows, then the team charts below. In the management
 * summary a program too small to show has only "fewer than N". */
#include "report/sheet_summary.h"

#include "report/stats.h"
#include "report/summary_charts.h"

#include <string.h>

#define HEADER_ROW 3

/* The columns after the program name, in order, with their kind. */
static const struct {
  ReportLabel label;
  const char *column; /* in program_month.csv */
  ReportCellKind kind;
} summary_columns[] = {
    {REPORT_LABEL_COL_MEMBERS, "members", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_WITH_SSI, "with_ssi", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_SSI_MEAN, "ssi_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_CHANGE_PREVIOUS, "delta_mean", REPORT_CELL_CHANGE},
    {REPORT_LABEL_COL_SSI_MEDIAN, "ssi_median", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_SHARE_GOOD, "share_good", REPORT_CELL_PERCENT},
    {REPORT_LABEL_COL_SHARE_LOW, "share_low", REPORT_CELL_PERCENT},
    {REPORT_LABEL_COL_ACTIVATION_RATE, "activation_rate", REPORT_CELL_PERCENT},
    {REPORT_LABEL_COL_POSTS_PER_MEMBER, "posts_per_member", REPORT_CELL_DECIMAL},
};

#define LAST_COL ((lxw_col_t)G_N_ELEMENTS(summary_columns))

static void write_heading(ReportSheet *sheet, const ReportContext *ctx)
{
  ReportLabel title = ctx->audience == REPORT_AUDIENCE_MANAGEMENT ? REPORT_LABEL_MANAGEMENT_TITLE
                                                                  : REPORT_LABEL_WORKBOOK_TITLE;
  report_sheet_write_title(sheet, report_context_label(ctx, title));
  g_autofree char *month = report_label_format_month(ctx->month, ctx->language);
  g_autofree char *line =
      g_strdup_printf(report_context_label(ctx, REPORT_LABEL_REPORT_MONTH), month);
  report_sheet_write_line(sheet, 1, 0, line, sheet->formats->subtitle);
  report_sheet_write_header(sheet, HEADER_ROW, 0,
                            report_context_label(ctx, REPORT_LABEL_COL_PROGRAM));
  for (gsize i = 0; i < G_N_ELEMENTS(summary_columns); i++)
    report_sheet_write_header(sheet, HEADER_ROW, (lxw_col_t)(i + 1),
                              report_context_label(ctx, summary_columns[i].label));
}

/* One row per program with a program_month row in the report month. */
static lxw_row_t write_programs(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row)
{
  const ReportTable *t = ctx->data->program_month;
  int program = report_table_column(t, "program");
  int month = report_table_column(t, "month");
  for (guint i = 0; i < t->rows->len; i++) {
    if (strcmp(report_table_text(t, i, month), ctx->month) != 0)
      continue;
    const char *id = report_table_text(t, i, program);
    report_sheet_write_text(sheet, row, 0, report_data_program_name(ctx->data, id), FALSE);
    if (report_context_hides_group(ctx,
                                   report_table_number(t, i, report_table_column(t, "members")))) {
      g_autofree char *hidden = report_context_fewer_than(ctx);
      report_sheet_write_hidden(sheet, row, 1, row, LAST_COL, hidden);
      row++;
      continue;
    }
    for (gsize c = 0; c < G_N_ELEMENTS(summary_columns); c++) {
      double value = report_table_number(t, i, report_table_column(t, summary_columns[c].column));
      report_sheet_write_number(sheet, row, (lxw_col_t)(c + 1), value, summary_columns[c].kind,
                                FALSE);
    }
    row++;
  }
  return row;
}

static void write_all_programs(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row)
{
  ReportGroupSummary s;
  report_stats_summarize_month(ctx->data->person_month, ctx->month, &s);
  const double values[G_N_ELEMENTS(summary_columns)] = {
      s.members,    s.with_ssi,  s.ssi_mean,        s.delta_mean,       s.ssi_median,
      s.share_good, s.share_low, s.activation_rate, s.posts_per_member,
  };
  report_sheet_write_text(sheet, row, 0, report_context_label(ctx, REPORT_LABEL_ALL_PROGRAMS),
                          TRUE);
  if (report_context_hides_group(ctx, s.members)) {
    g_autofree char *hidden = report_context_fewer_than(ctx);
    report_sheet_write_hidden(sheet, row, 1, row, LAST_COL, hidden);
    return;
  }
  for (gsize c = 0; c < G_N_ELEMENTS(summary_columns); c++)
    report_sheet_write_number(sheet, row, (lxw_col_t)(c + 1), report_stats_round2(values[c]),
                              summary_columns[c].kind, TRUE);
}

/* Returns the row after the notes. */
static lxw_row_t write_notes(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row,
                             gboolean no_programs)
{
  char good[G_ASCII_DTOSTR_BUF_SIZE];
  char mid[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(good, sizeof good, "%g", ctx->config->band_good_from);
  g_ascii_formatd(mid, sizeof mid, "%g", ctx->config->band_mid_from);
  g_autofree char *bands =
      g_strdup_printf(report_context_label(ctx, REPORT_LABEL_NOTE_BANDS), good, mid);
  lxw_format *note = sheet->formats->note;
  if (no_programs)
    report_sheet_write_line(sheet, row++, 0,
                            report_context_label(ctx, REPORT_LABEL_NOTE_NO_PROGRAM_ROWS), note);
  report_sheet_write_line(sheet, row++, 0, bands, note);
  report_sheet_write_line(sheet, row++, 0,
                          report_context_label(ctx, REPORT_LABEL_NOTE_ALL_PROGRAMS), note);
  if (ctx->audience == REPORT_AUDIENCE_MANAGEMENT) {
    g_autofree char *privacy = report_context_with_min_group(ctx, REPORT_LABEL_NOTE_PRIVACY);
    report_sheet_write_line(sheet, row++, 0, privacy, note);
  }
  return row;
}

gboolean report_sheet_summary_write(const ReportContext *ctx, GError **error)
{
  ReportSheet *sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_SUMMARY, error);
  if (sheet == NULL)
    return FALSE;
  worksheet_gridlines(sheet->worksheet, LXW_HIDE_ALL_GRIDLINES);
  write_heading(sheet, ctx);
  lxw_row_t row = write_programs(sheet, ctx, HEADER_ROW + 1);
  gboolean no_programs = row == HEADER_ROW + 1;
  write_all_programs(sheet, ctx, row);
  row = write_notes(sheet, ctx, row + 2, no_programs);
  report_summary_charts_write(sheet, ctx, row + 1);
  return report_sheet_finish(sheet, error);
}
