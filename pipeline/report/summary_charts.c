/* Lays out the Summary charts: the line chart across the page, the radar
 * and the band columns side by side under it, then the tables the three
 * charts read, each under a heading, so that the numbers behind every line
 * and column can be read and copied. */
#include "report/summary_charts.h"

#include "report/charts.h"
#include "report/team_charts.h"

#include <math.h>

#define ROW_PIXELS 20
#define MIN_WIDTH 900 /* the line chart's width when the tables are narrower */
#define GAP 20
#define TREND_ROWS 20 /* the line chart's height in rows */
#define HALF_ROWS 28  /* the radar's and the band chart's */
#define PILLAR_MAX 25.0

/* Where the three data tables landed: header row, first and last team row. */
typedef struct {
  lxw_row_t header;
  lxw_row_t first;
  lxw_row_t last;
} DataRows;

/* The line chart spans the tables' width; the other two share it. */
static guint wide_width(const ReportSheet *sheet)
{
  return MAX(MIN_WIDTH, report_sheet_width_pixels(sheet, 0, REPORT_TEAM_CHART_MONTHS));
}

static guint half_width(const ReportSheet *sheet)
{
  return (wide_width(sheet) - GAP) / 2;
}

static char *team_label(const ReportContext *ctx, const ReportTeamFigures *figures)
{
  return g_strdup_printf(report_context_label(ctx, REPORT_LABEL_PROGRAM_TEAM),
                         report_data_program_name(ctx->data, figures->program), figures->team);
}

static char *title_for_month(const ReportContext *ctx, ReportLabel key)
{
  g_autofree char *month = report_label_format_month(ctx->month, ctx->language);
  return g_strdup_printf(report_context_label(ctx, key), month);
}

static lxw_row_t write_table_heading(ReportSheet *sheet, lxw_row_t row, const char *title)
{
  report_sheet_write_line(sheet, row, 0, title, sheet->formats->section);
  return row + 1;
}

static lxw_row_t write_trend_data(ReportSheet *sheet, const ReportContext *ctx,
                                  const ReportTeamCharts *charts, lxw_row_t row, DataRows *rows)
{
  row = write_table_heading(sheet, row, report_context_label(ctx, REPORT_LABEL_SECTION_TEAM_TREND));
  rows->header = row;
  report_sheet_write_header(sheet, row, 0, report_context_label(ctx, REPORT_LABEL_COL_TEAM));
  for (int m = 0; m < REPORT_TEAM_CHART_MONTHS; m++) {
    g_autofree char *month = report_label_format_month_short(charts->months[m], ctx->language);
    report_sheet_write_header(sheet, row, (lxw_col_t)(m + 1), month);
  }
  rows->first = ++row;
  for (guint k = 0; k < charts->teams->len; k++, row++) {
    const ReportTeamFigures *figures = &g_array_index(charts->teams, ReportTeamFigures, k);
    g_autofree char *label = team_label(ctx, figures);
    report_sheet_write_text(sheet, row, 0, label, FALSE);
    for (int m = 0; m < REPORT_TEAM_CHART_MONTHS; m++)
      report_sheet_write_number(sheet, row, (lxw_col_t)(m + 1), figures->trend[m], REPORT_CELL_SSI,
                                FALSE);
  }
  rows->last = row - 1;
  return row + 1;
}

static lxw_row_t write_pillar_data(ReportSheet *sheet, const ReportContext *ctx,
                                   const ReportTeamCharts *charts, lxw_row_t row, DataRows *rows)
{
  static const ReportLabel pillars[PILLAR_COUNT] = {REPORT_LABEL_COL_BRAND, REPORT_LABEL_COL_PEOPLE,
                                                    REPORT_LABEL_COL_INSIGHTS,
                                                    REPORT_LABEL_COL_RELATIONSHIPS};
  g_autofree char *title = title_for_month(ctx, REPORT_LABEL_CHART_TEAM_PILLARS);
  row = write_table_heading(sheet, row, title);
  rows->header = row;
  report_sheet_write_header(sheet, row, 0, report_context_label(ctx, REPORT_LABEL_COL_TEAM));
  for (int p = 0; p < PILLAR_COUNT; p++)
    report_sheet_write_header(sheet, row, (lxw_col_t)(p + 1),
                              report_context_label(ctx, pillars[p]));
  rows->first = ++row;
  for (guint k = 0; k < charts->teams->len; k++) {
    const ReportTeamFigures *figures = &g_array_index(charts->teams, ReportTeamFigures, k);
    if (figures->members == 0)
      continue;
    g_autofree char *label = team_label(ctx, figures);
    report_sheet_write_text(sheet, row, 0, label, FALSE);
    for (int p = 0; p < PILLAR_COUNT; p++)
      report_sheet_write_number(sheet, row, (lxw_col_t)(p + 1), figures->pillars[p],
                                REPORT_CELL_SSI, FALSE);
    row++;
  }
  rows->last = row - 1;
  return row + 1;
}

static char *band_label(const ReportContext *ctx, ReportBand band)
{
  char mid[G_ASCII_DTOSTR_BUF_SIZE];
  char good[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(mid, sizeof mid, "%g", ctx->config->band_mid_from);
  g_ascii_formatd(good, sizeof good, "%g", ctx->config->band_good_from);
  switch (band) {
  case REPORT_BAND_LOW:
    return g_strdup_printf(report_context_label(ctx, REPORT_LABEL_CHART_BAND_LOW), mid);
  case REPORT_BAND_MID:
    return g_strdup_printf(report_context_label(ctx, REPORT_LABEL_CHART_BAND_MID), mid, good);
  default:
    return g_strdup_printf(report_context_label(ctx, REPORT_LABEL_CHART_BAND_GOOD), good);
  }
}

static lxw_row_t write_band_data(ReportSheet *sheet, const ReportContext *ctx,
                                 const ReportTeamCharts *charts, lxw_row_t row, DataRows *rows)
{
  g_autofree char *title = title_for_month(ctx, REPORT_LABEL_CHART_TEAM_BANDS);
  row = write_table_heading(sheet, row, title);
  rows->header = row;
  report_sheet_write_header(sheet, row, 0, report_context_label(ctx, REPORT_LABEL_COL_TEAM));
  for (int b = 0; b < REPORT_BAND_COUNT; b++) {
    g_autofree char *label = band_label(ctx, (ReportBand)b);
    report_sheet_write_header(sheet, row, (lxw_col_t)(b + 1), label);
  }
  rows->first = ++row;
  for (guint k = 0; k < charts->teams->len; k++) {
    const ReportTeamFigures *figures = &g_array_index(charts->teams, ReportTeamFigures, k);
    if (figures->members == 0)
      continue;
    g_autofree char *label = team_label(ctx, figures);
    report_sheet_write_text(sheet, row, 0, label, FALSE);
    for (int b = 0; b < REPORT_BAND_COUNT; b++)
      report_sheet_write_number(sheet, row, (lxw_col_t)(b + 1), figures->bands[b],
                                REPORT_CELL_COUNT, FALSE);
    row++;
  }
  rows->last = row - 1;
  return row;
}

static void add_trend_chart(ReportSheet *sheet, const ReportContext *ctx, const DataRows *rows,
                            lxw_row_t at)
{
  lxw_chart *chart = report_chart_new(ctx->book->workbook, LXW_CHART_LINE,
                                      report_context_label(ctx, REPORT_LABEL_SECTION_TEAM_TREND));
  if (chart == NULL) {
    report_sheet_check(sheet, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return;
  }
  report_chart_axis_set(chart->x_axis, report_context_label(ctx, REPORT_LABEL_AXIS_MONTH));
  report_chart_axis_set(chart->y_axis, report_context_label(ctx, REPORT_LABEL_AXIS_MEAN_SSI));
  report_chart_axis_set_range(chart->y_axis, 0, 100, 20);
  ReportRange months = {rows->header, 1, rows->header, REPORT_TEAM_CHART_MONTHS};
  for (lxw_row_t row = rows->first; row <= rows->last; row++) {
    ReportRange values = {row, 1, row, REPORT_TEAM_CHART_MONTHS};
    report_chart_add_series(chart, sheet, &months, &values, row, 0, row - rows->first);
  }
  report_chart_insert(sheet, at, 0, 0, wide_width(sheet), TREND_ROWS * ROW_PIXELS, chart);
}

static void add_pillar_chart(ReportSheet *sheet, const ReportContext *ctx, const DataRows *rows,
                             lxw_row_t at)
{
  g_autofree char *title = title_for_month(ctx, REPORT_LABEL_CHART_TEAM_PILLARS);
  lxw_chart *chart = report_chart_new(ctx->book->workbook, LXW_CHART_RADAR, title);
  if (chart == NULL) {
    report_sheet_check(sheet, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return;
  }
  report_chart_axis_set(chart->x_axis, NULL);
  report_chart_axis_set(chart->y_axis, NULL);
  report_chart_axis_set_range(chart->y_axis, 0, PILLAR_MAX, 5);
  ReportRange pillars = {rows->header, 1, rows->header, PILLAR_COUNT};
  for (lxw_row_t row = rows->first; row <= rows->last; row++) {
    ReportRange values = {row, 1, row, PILLAR_COUNT};
    report_chart_add_series(chart, sheet, &pillars, &values, row, 0, row - rows->first);
  }
  report_chart_insert(sheet, at, 0, 0, half_width(sheet), HALF_ROWS * ROW_PIXELS, chart);
}

static void add_band_chart(ReportSheet *sheet, const ReportContext *ctx, const DataRows *rows,
                           lxw_row_t at)
{
  static const lxw_color_t colours[REPORT_BAND_COUNT] = {REPORT_COLOUR_LOW, REPORT_COLOUR_MID,
                                                         REPORT_COLOUR_GOOD};
  g_autofree char *title = title_for_month(ctx, REPORT_LABEL_CHART_TEAM_BANDS);
  lxw_chart *chart = report_chart_new(ctx->book->workbook, LXW_CHART_COLUMN_STACKED, title);
  if (chart == NULL) {
    report_sheet_check(sheet, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return;
  }
  report_chart_axis_set(chart->x_axis, report_context_label(ctx, REPORT_LABEL_AXIS_TEAM));
  report_chart_axis_set(chart->y_axis, report_context_label(ctx, REPORT_LABEL_AXIS_AMBASSADORS));
  report_chart_axis_set_range(chart->y_axis, 0, NAN, NAN);
  chart_set_series_gap(chart, 60);
  ReportRange teams = {rows->first, 0, rows->last, 0};
  for (int b = 0; b < REPORT_BAND_COUNT; b++) {
    ReportRange values = {rows->first, (lxw_col_t)(b + 1), rows->last, (lxw_col_t)(b + 1)};
    lxw_chart_series *series =
        report_chart_add_series(chart, sheet, &teams, &values, rows->header, (lxw_col_t)(b + 1), 0);
    if (series != NULL)
      report_chart_series_set_fill(series, colours[b]);
  }
  report_chart_insert(sheet, at, 0, half_width(sheet) + GAP, half_width(sheet),
                      HALF_ROWS * ROW_PIXELS, chart);
}

static void write_no_teams(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row)
{
  if (ctx->audience != REPORT_AUDIENCE_MANAGEMENT) {
    report_sheet_write_line(sheet, row, 0,
                            report_context_label(ctx, REPORT_LABEL_NOTE_NO_TEAM_ROWS),
                            sheet->formats->note);
    return;
  }
  g_autofree char *text = report_context_with_min_group(ctx, REPORT_LABEL_NOTE_NO_VISIBLE_TEAMS);
  report_sheet_write_line(sheet, row, 0, text, sheet->formats->note);
}

void report_summary_charts_write(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row)
{
  guint min_group_size = ctx->audience == REPORT_AUDIENCE_MANAGEMENT
                             ? (guint)MAX(ctx->config->privacy_min_group_size, 0)
                             : 0;
  ReportTeamCharts charts;
  report_team_charts_build(&charts, ctx->data, ctx->month, min_group_size);
  if (charts.teams->len == 0 || charts.months[0] == NULL) {
    write_no_teams(sheet, ctx, row);
    report_team_charts_clear(&charts);
    return;
  }
  lxw_row_t half_row = row + TREND_ROWS + 1;
  lxw_row_t data_row = half_row + HALF_ROWS + 1;
  /* Printed, the charts fill the first page and their data starts the next. */
  lxw_row_t page_breaks[] = {data_row, 0};
  report_sheet_check(sheet, worksheet_set_h_pagebreaks(sheet->worksheet, page_breaks));
  report_sheet_write_line(sheet, data_row++, 0,
                          report_context_label(ctx, REPORT_LABEL_SECTION_CHART_DATA),
                          sheet->formats->section);
  report_sheet_write_line(sheet, data_row++, 0,
                          report_context_label(ctx, REPORT_LABEL_NOTE_CHART_DATA),
                          sheet->formats->note);
  DataRows trend, pillars, bands;
  data_row = write_trend_data(sheet, ctx, &charts, data_row + 1, &trend);
  data_row = write_pillar_data(sheet, ctx, &charts, data_row, &pillars);
  write_band_data(sheet, ctx, &charts, data_row, &bands);
  add_trend_chart(sheet, ctx, &trend, row);
  /* A team without members in the report month (it ended) has a trend but
   * no pillars or bands; without any such team there is nothing to show. */
  if (pillars.last >= pillars.first) {
    add_pillar_chart(sheet, ctx, &pillars, half_row);
    add_band_chart(sheet, ctx, &bands, half_row);
  }
  report_team_charts_clear(&charts);
}
