/* Writes the Programs sheet: a measures x programs table (program facts,
 * then the figures of each program's latest month up to the report month),
 * the cohort line chart, and under it the cohort table the chart reads:
 * month of program (0 = start month) x programs, mean SSI. */
#include "report/sheet_programs.h"

#include "report/charts.h"
#include "report/programs.h"

#include <math.h>

#define NOTE_ROW 1
#define HEADER_ROW 3
#define MIN_CHART_WIDTH 720
#define CHART_ROWS 20
#define ROW_PIXELS 20

typedef enum {
  FROM_START,
  FROM_MONTHS_RUNNING,
  FROM_LATEST_MONTH,
  FROM_TEAMS,
  FROM_FIRST_MONTH,
  FROM_FIRST,  /* a program_month column of the first month with a mean SSI */
  FROM_LATEST, /* a program_month column of the latest month */
  FROM_CHANGE,
} MeasureSource;

typedef struct {
  ReportLabel label;
  MeasureSource source;
  const char *column; /* of program_month.csv, for FROM_FIRST and FROM_LATEST */
  ReportCellKind kind;
} Measure;

/* Measures from FIRST_FIGURE on describe members: the management summary
 * hides them for a program too small to show. */
#define FIRST_FIGURE 3

static const Measure measures[] = {
    {REPORT_LABEL_MEASURE_START, FROM_START, NULL, REPORT_CELL_MONTH},
    {REPORT_LABEL_MEASURE_MONTHS_RUNNING, FROM_MONTHS_RUNNING, NULL, REPORT_CELL_COUNT},
    {REPORT_LABEL_MEASURE_LATEST_MONTH, FROM_LATEST_MONTH, NULL, REPORT_CELL_MONTH},
    [FIRST_FIGURE] = {REPORT_LABEL_MEASURE_AMBASSADORS, FROM_LATEST, "members", REPORT_CELL_COUNT},
    {REPORT_LABEL_MEASURE_TEAMS, FROM_TEAMS, NULL, REPORT_CELL_COUNT},
    {REPORT_LABEL_MEASURE_FIRST_MONTH, FROM_FIRST_MONTH, NULL, REPORT_CELL_MONTH},
    {REPORT_LABEL_MEASURE_SSI_FIRST, FROM_FIRST, "ssi_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_MEASURE_SSI_NOW, FROM_LATEST, "ssi_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_MEASURE_CHANGE, FROM_CHANGE, NULL, REPORT_CELL_CHANGE},
    {REPORT_LABEL_COL_BRAND_MEAN, FROM_LATEST, "brand_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_PEOPLE_MEAN, FROM_LATEST, "people_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_INSIGHTS_MEAN, FROM_LATEST, "insights_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_RELATIONSHIPS_MEAN, FROM_LATEST, "relationships_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_SHARE_GOOD, FROM_LATEST, "share_good", REPORT_CELL_PERCENT},
    {REPORT_LABEL_COL_ACTIVATION_RATE, FROM_LATEST, "activation_rate", REPORT_CELL_PERCENT},
    {REPORT_LABEL_MEASURE_POSTS_PER_MEMBER, FROM_LATEST, "posts_per_member", REPORT_CELL_DECIMAL},
    {REPORT_LABEL_COL_IMPRESSIONS, FROM_LATEST, "impressions", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_ENGAGEMENT_RATE, FROM_LATEST, "engagement_rate", REPORT_CELL_PERCENT},
};

#define N_MEASURES G_N_ELEMENTS(measures)

static const char *row_month(const ReportContext *ctx, int row)
{
  const ReportTable *t = ctx->data->program_month;
  return row >= 0 ? report_table_text(t, (guint)row, report_table_column(t, "month")) : "";
}

static double row_number(const ReportContext *ctx, int row, const char *column)
{
  const ReportTable *t = ctx->data->program_month;
  return row >= 0 ? report_table_number(t, (guint)row, report_table_column(t, column)) : NAN;
}

static void write_measure(ReportSheet *sheet, const ReportContext *ctx, const ReportProgram *p,
                          const Measure *m, lxw_row_t row, lxw_col_t col)
{
  const char *month = m->source == FROM_START          ? p->start
                      : m->source == FROM_LATEST_MONTH ? row_month(ctx, p->latest_row)
                      : m->source == FROM_FIRST_MONTH  ? row_month(ctx, p->first_row)
                                                       : NULL;
  if (month != NULL) {
    if (month[0] != '\0')
      report_sheet_write_month(sheet, row, col, month);
    else
      report_sheet_write_number(sheet, row, col, NAN, REPORT_CELL_MONTH, FALSE);
    return;
  }
  /* The first month may have had too few members to show, the latest not. */
  if ((m->source == FROM_FIRST || m->source == FROM_CHANGE) && p->first_row >= 0 &&
      report_context_hides_group(ctx, row_number(ctx, p->first_row, "members"))) {
    g_autofree char *text = report_context_fewer_than(ctx);
    report_sheet_write_hidden(sheet, row, col, row, col, text);
    return;
  }
  double value = m->source == FROM_MONTHS_RUNNING ? (double)p->months_running
                 : m->source == FROM_TEAMS        ? (double)p->teams
                 : m->source == FROM_CHANGE       ? p->change
                 : m->source == FROM_FIRST        ? row_number(ctx, p->first_row, m->column)
                                                  : row_number(ctx, p->latest_row, m->column);
  gboolean bold = m->source == FROM_CHANGE || m->label == REPORT_LABEL_MEASURE_SSI_NOW;
  report_sheet_write_number(sheet, row, col, value, m->kind, bold);
}

static gboolean program_hidden(const ReportContext *ctx, const ReportProgram *p)
{
  return report_context_hides_group(ctx, row_number(ctx, p->latest_row, "members"));
}

static void write_program_column(ReportSheet *sheet, const ReportContext *ctx,
                                 const ReportProgram *p, lxw_col_t col)
{
  report_sheet_write_header(sheet, HEADER_ROW, col,
                            report_data_program_name(ctx->data, p->program));
  gboolean hidden = program_hidden(ctx, p);
  for (gsize k = 0; k < N_MEASURES; k++) {
    if (hidden && k >= FIRST_FIGURE)
      break;
    write_measure(sheet, ctx, p, &measures[k], HEADER_ROW + 1 + k, col);
  }
  if (hidden) {
    g_autofree char *text = report_context_fewer_than(ctx);
    report_sheet_write_hidden(sheet, HEADER_ROW + 1 + FIRST_FIGURE, col, HEADER_ROW + N_MEASURES,
                              col, text);
  }
}

/* Returns the row after the table. */
static lxw_row_t write_comparison(ReportSheet *sheet, const ReportContext *ctx,
                                  const GArray *programs)
{
  report_sheet_write_header(sheet, HEADER_ROW, 0,
                            report_context_label(ctx, REPORT_LABEL_COL_MEASURE));
  for (gsize k = 0; k < N_MEASURES; k++)
    report_sheet_write_text(sheet, HEADER_ROW + 1 + k, 0,
                            report_context_label(ctx, measures[k].label), TRUE);
  for (guint p = 0; p < programs->len; p++)
    write_program_column(sheet, ctx, &g_array_index(programs, ReportProgram, p),
                         (lxw_col_t)(p + 1));
  return HEADER_ROW + 1 + N_MEASURES;
}

/* --- The cohort table and chart ------------------------------------------ */

typedef struct {
  lxw_row_t header;
  lxw_row_t first;
  lxw_row_t last;
} CohortRows;

static gboolean cohort_cell_hidden(const ReportContext *ctx, const ReportCohort *cohort, guint p,
                                   guint m)
{
  double members = report_cohort_members(cohort, p, m);
  return isfinite(members) && report_context_hides_group(ctx, members);
}

static gboolean cohort_has_hidden(const ReportContext *ctx, const ReportCohort *cohort)
{
  for (guint p = 0; p < cohort->n_programs; p++)
    for (guint m = 0; m < cohort->n_months; m++)
      if (cohort_cell_hidden(ctx, cohort, p, m))
        return TRUE;
  return FALSE;
}

/* A hidden cell shows "fewer than N", or stays empty in the copy a chart
 * reads (for_chart), since a chart would draw text as 0. */
static void write_cohort_cell(ReportSheet *sheet, const ReportContext *ctx,
                              const ReportCohort *cohort, guint p, guint m, lxw_row_t row,
                              gboolean for_chart)
{
  lxw_col_t col = (lxw_col_t)(p + 1);
  if (!cohort_cell_hidden(ctx, cohort, p, m)) {
    report_sheet_write_number(sheet, row, col, report_cohort_mean(cohort, p, m), REPORT_CELL_SSI,
                              FALSE);
  } else if (for_chart) {
    report_sheet_write_number(sheet, row, col, NAN, REPORT_CELL_SSI, FALSE);
  } else {
    g_autofree char *text = report_context_fewer_than(ctx);
    report_sheet_write_hidden(sheet, row, col, row, col, text);
  }
}

/* Returns the row after the table. */
static lxw_row_t write_cohort_table(ReportSheet *sheet, const ReportContext *ctx,
                                    const GArray *programs, const ReportCohort *cohort,
                                    lxw_row_t row, gboolean for_chart, CohortRows *rows)
{
  rows->header = row;
  report_sheet_write_header(sheet, row, 0,
                            report_context_label(ctx, REPORT_LABEL_COL_MONTH_OF_PROGRAM));
  for (guint p = 0; p < programs->len; p++) {
    const ReportProgram *program = &g_array_index(programs, ReportProgram, p);
    report_sheet_write_header(sheet, row, (lxw_col_t)(p + 1),
                              report_data_program_name(ctx->data, program->program));
  }
  rows->first = ++row;
  for (guint m = 0; m < cohort->n_months; m++, row++) {
    report_sheet_write_number(sheet, row, 0, m, REPORT_CELL_COUNT, TRUE);
    for (guint p = 0; p < programs->len; p++)
      write_cohort_cell(sheet, ctx, cohort, p, m, row, for_chart);
  }
  rows->last = row - 1;
  if (!for_chart && cohort->n_months > 0)
    report_sheet_add_ssi_scale(sheet, ctx->config, rows->first, 1, rows->last, programs->len);
  return row;
}

/* Every label up to 13 months, then every 2nd, 3rd or 6th month. */
static guint label_interval(guint n_months)
{
  return n_months <= 13 ? 1 : n_months <= 26 ? 2 : n_months <= 39 ? 3 : 6;
}

static void add_cohort_chart(ReportSheet *sheet, const ReportContext *ctx, const GArray *programs,
                             const CohortRows *rows, lxw_row_t at)
{
  lxw_chart *chart = report_chart_new(ctx->book->workbook, LXW_CHART_LINE,
                                      report_context_label(ctx, REPORT_LABEL_SECTION_COHORT));
  if (chart == NULL) {
    report_sheet_check(sheet, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return;
  }
  report_chart_axis_set(chart->x_axis,
                        report_context_label(ctx, REPORT_LABEL_AXIS_MONTH_OF_PROGRAM));
  guint interval = label_interval(rows->last - rows->first + 1);
  chart_axis_set_interval_unit(chart->x_axis, (uint16_t)interval);
  chart_axis_set_interval_tick(chart->x_axis, (uint16_t)interval);
  /* LibreOffice shows every label whatever the interval: turned, they fit. */
  if (interval > 1)
    report_chart_axis_rotate_labels(chart->x_axis, -90);
  report_chart_axis_set(chart->y_axis, report_context_label(ctx, REPORT_LABEL_AXIS_MEAN_SSI));
  report_chart_axis_set_range(chart->y_axis, 0, 100, 20);
  ReportRange months = {rows->first, 0, rows->last, 0};
  guint n_series = 0;
  for (guint p = 0; p < programs->len; p++) {
    if (program_hidden(ctx, &g_array_index(programs, ReportProgram, p)))
      continue;
    ReportRange values = {rows->first, (lxw_col_t)(p + 1), rows->last, (lxw_col_t)(p + 1)};
    report_chart_add_series(chart, sheet, &months, &values, rows->header, (lxw_col_t)(p + 1), p);
    n_series++;
  }
  /* A chart without a series makes libxlsxwriter refuse the workbook. */
  if (n_series > 0)
    report_chart_insert(sheet, at, 0, 0,
                        MAX(MIN_CHART_WIDTH, report_sheet_width_pixels(sheet, 0, programs->len)),
                        CHART_ROWS * ROW_PIXELS, chart);
}

static void write_cohort(ReportSheet *sheet, const ReportContext *ctx, const GArray *programs,
                         lxw_row_t row)
{
  ReportCohort cohort;
  report_programs_cohort(ctx->data, ctx->month, programs, &cohort);
  /* Printed, the chart and its table start a page rather than break. */
  lxw_row_t page_breaks[] = {row, 0};
  report_sheet_check(sheet, worksheet_set_h_pagebreaks(sheet->worksheet, page_breaks));
  report_sheet_write_line(sheet, row++, 0, report_context_label(ctx, REPORT_LABEL_SECTION_COHORT),
                          sheet->formats->section);
  report_sheet_write_line(sheet, row++, 0, report_context_label(ctx, REPORT_LABEL_NOTE_COHORT),
                          sheet->formats->note);
  lxw_row_t chart_row = cohort.n_months > 0 ? row : 0;
  if (cohort.n_months > 0)
    row += CHART_ROWS + 1;
  CohortRows rows;
  row = write_cohort_table(sheet, ctx, programs, &cohort, row, FALSE, &rows);
  if (cohort.n_months > 0 && cohort_has_hidden(ctx, &cohort)) {
    report_sheet_write_line(sheet, row + 1, 0,
                            report_context_label(ctx, REPORT_LABEL_SECTION_CHART_DATA),
                            sheet->formats->section);
    write_cohort_table(sheet, ctx, programs, &cohort, row + 2, TRUE, &rows);
  }
  if (cohort.n_months > 0)
    add_cohort_chart(sheet, ctx, programs, &rows, chart_row);
  report_cohort_clear(&cohort);
}

gboolean report_sheet_programs_write(const ReportContext *ctx, GError **error)
{
  ReportSheet *sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_PROGRAMS, error);
  if (sheet == NULL)
    return FALSE;
  worksheet_gridlines(sheet->worksheet, LXW_HIDE_ALL_GRIDLINES);
  g_autofree char *month = report_label_format_month(ctx->month, ctx->language);
  g_autofree char *title =
      g_strdup_printf(report_context_label(ctx, REPORT_LABEL_TITLE_PROGRAMS), month);
  report_sheet_write_title(sheet, title);
  g_autoptr(GArray) programs = report_programs_build(ctx->data, ctx->month);
  if (programs->len == 0) {
    report_sheet_write_line(sheet, NOTE_ROW, 0,
                            report_context_label(ctx, REPORT_LABEL_NOTE_NO_PROGRAM_ROWS),
                            sheet->formats->note);
    return report_sheet_finish(sheet, error);
  }
  report_sheet_write_line(sheet, NOTE_ROW, 0,
                          report_context_label(ctx, REPORT_LABEL_NOTE_PROGRAM_LATEST),
                          sheet->formats->note);
  lxw_row_t row = write_comparison(sheet, ctx, programs);
  write_cohort(sheet, ctx, programs, row + 1);
  worksheet_freeze_panes(sheet->worksheet, HEADER_ROW + 1, 1);
  return report_sheet_finish(sheet, error);
}
