/* Writes the Leaderboard sheet: rank, name, program, team, SSI, band and
 * change vs previous month of the entries report/leaderboard.c chose, with
 * the SSI colour scale; nothing about anyone who did not consent. */
#include "report/sheet_leaderboard.h"

#include "report/leaderboard.h"

#define NOTE_ROW 1
#define HEADER_ROW 3

enum { COL_RANK, COL_NAME, COL_PROGRAM, COL_TEAM, COL_SSI, COL_BAND, COL_CHANGE, N_COLUMNS };

static const ReportLabel headers[N_COLUMNS] = {
    REPORT_LABEL_COL_RANK,
    REPORT_LABEL_COL_NAME,
    REPORT_LABEL_COL_PROGRAM,
    REPORT_LABEL_COL_TEAM,
    REPORT_LABEL_COL_SSI,
    REPORT_LABEL_COL_BAND,
    REPORT_LABEL_COL_CHANGE_PREVIOUS,
};

static void write_entry(ReportSheet *sheet, const ReportContext *ctx,
                        const ReportLeaderboardEntry *entry, lxw_row_t row)
{
  const ReportTable *t = ctx->data->person_month;
  const char *program = report_table_text(t, entry->row, report_table_column(t, "program"));
  const char *band = report_table_text(t, entry->row, report_table_column(t, "band"));
  report_sheet_write_number(sheet, row, COL_RANK, entry->rank, REPORT_CELL_COUNT, TRUE);
  report_sheet_write_text(sheet, row, COL_NAME,
                          report_table_text(t, entry->row, report_table_column(t, "name")), FALSE);
  report_sheet_write_text(sheet, row, COL_PROGRAM, report_data_program_name(ctx->data, program),
                          FALSE);
  report_sheet_write_text(sheet, row, COL_TEAM,
                          report_table_text(t, entry->row, report_table_column(t, "team")), FALSE);
  report_sheet_write_number(sheet, row, COL_SSI,
                            report_table_number(t, entry->row, report_table_column(t, "ssi")),
                            REPORT_CELL_SSI, TRUE);
  report_sheet_write_text(sheet, row, COL_BAND, report_label_band(band, ctx->language), FALSE);
  report_sheet_write_number(sheet, row, COL_CHANGE, entry->change_previous, REPORT_CELL_CHANGE,
                            FALSE);
}

gboolean report_sheet_leaderboard_write(const ReportContext *ctx, GError **error)
{
  ReportSheet *sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_LEADERBOARD, error);
  if (sheet == NULL)
    return FALSE;
  worksheet_gridlines(sheet->worksheet, LXW_HIDE_ALL_GRIDLINES);
  g_autofree char *month = report_label_format_month(ctx->month, ctx->language);
  g_autofree char *title =
      g_strdup_printf(report_context_label(ctx, REPORT_LABEL_TITLE_LEADERBOARD), month);
  report_sheet_write_title(sheet, title);
  report_sheet_write_line(sheet, NOTE_ROW, 0,
                          report_context_label(ctx, REPORT_LABEL_NOTE_LEADERBOARD),
                          sheet->formats->note);
  for (int k = 0; k < N_COLUMNS; k++)
    report_sheet_write_header(sheet, HEADER_ROW, (lxw_col_t)k,
                              report_context_label(ctx, headers[k]));
  g_autoptr(GArray) entries =
      report_leaderboard_build(ctx->data, ctx->ambassadors, REPORT_LEADERBOARD_SIZE);
  for (guint k = 0; k < entries->len; k++)
    write_entry(sheet, ctx, &g_array_index(entries, ReportLeaderboardEntry, k), HEADER_ROW + 1 + k);
  if (entries->len == 0)
    report_sheet_write_line(sheet, HEADER_ROW + 2, 0,
                            report_context_label(ctx, REPORT_LABEL_NOTE_NO_LEADERBOARD),
                            sheet->formats->note);
  else
    report_sheet_add_ssi_scale(sheet, ctx->config, HEADER_ROW + 1, COL_SSI,
                               HEADER_ROW + entries->len, COL_SSI);
  worksheet_freeze_panes(sheet->worksheet, HEADER_ROW + 1, 0);
  return report_sheet_finish(sheet, error);
}
