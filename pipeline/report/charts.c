/* Chart styling shared by the Summary and Programs sheets. libxlsxwriter
 * writes the cached values of every referenced cell into the chart, so the
 * charts show in programs that do not recalculate, and the same inputs give
 * the same bytes. */
#include "report/charts.h"

#include <math.h>

#define FONT_NAME "Calibri"
#define TITLE_SIZE 12
#define TEXT_SIZE 9
#define COLOUR_TEXT 0x404040
#define COLOUR_GRID 0xD9D9D9
#define DEFAULT_WIDTH 480.0 /* libxlsxwriter's chart size, which scales are relative to */
#define DEFAULT_HEIGHT 288.0

/* Distinct on screen and in print, dark blue first like the headers. */
static const lxw_color_t palette[] = {
    0x1F4E79, 0xED7D31, 0x70AD47, 0x7030A0, 0xFFC000, 0x5B9BD5,
    0xC00000, 0x2E8B57, 0x8C564B, 0xE377C2, 0x7F7F7F, 0x17BECF,
};

static lxw_chart_font font_of(double size, gboolean bold)
{
  return (lxw_chart_font){.name = FONT_NAME, .size = size, .bold = bold != 0, .color = COLOUR_TEXT};
}

lxw_chart *report_chart_new(lxw_workbook *workbook, uint8_t type, const char *title)
{
  lxw_chart *chart = workbook_add_chart(workbook, type);
  if (chart == NULL)
    return NULL;
  lxw_chart_font title_font = font_of(TITLE_SIZE, TRUE);
  lxw_chart_font legend_font = font_of(TEXT_SIZE, FALSE);
  chart_title_set_name(chart, title);
  chart_title_set_name_font(chart, &title_font);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  chart_legend_set_font(chart, &legend_font);
  chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
  return chart;
}

void report_chart_axis_set(lxw_chart_axis *axis, const char *title)
{
  lxw_chart_font name_font = font_of(TEXT_SIZE, TRUE);
  lxw_chart_font number_font = font_of(TEXT_SIZE, FALSE);
  if (title != NULL) {
    chart_axis_set_name(axis, title);
    chart_axis_set_name_font(axis, &name_font);
  }
  chart_axis_set_num_font(axis, &number_font);
}

void report_chart_axis_rotate_labels(lxw_chart_axis *axis, int degrees)
{
  lxw_chart_font number_font = font_of(TEXT_SIZE, FALSE);
  number_font.rotation = degrees;
  chart_axis_set_num_font(axis, &number_font);
}

void report_chart_axis_set_range(lxw_chart_axis *axis, double min, double max, double major_unit)
{
  lxw_chart_line grid = {.color = COLOUR_GRID, .width = 0.75};
  chart_axis_major_gridlines_set_visible(axis, LXW_TRUE);
  chart_axis_major_gridlines_set_line(axis, &grid);
  if (isfinite(min))
    chart_axis_set_min(axis, min);
  if (isfinite(max))
    chart_axis_set_max(axis, max);
  if (isfinite(major_unit))
    chart_axis_set_major_unit(axis, major_unit);
}

static void series_colour(lxw_chart *chart, lxw_chart_series *series, lxw_color_t rgb)
{
  if (chart->type == LXW_CHART_COLUMN || chart->type == LXW_CHART_COLUMN_STACKED) {
    report_chart_series_set_fill(series, rgb);
    return;
  }
  lxw_chart_line line = {.color = rgb, .width = 2.0};
  lxw_chart_fill marker_fill = {.color = rgb};
  chart_series_set_line(series, &line);
  chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
  chart_series_set_marker_size(series, 4);
  chart_series_set_marker_fill(series, &marker_fill);
  chart_series_set_marker_line(series, &line);
}

lxw_chart_series *report_chart_add_series(lxw_chart *chart, const ReportSheet *sheet,
                                          const ReportRange *categories, const ReportRange *values,
                                          lxw_row_t name_row, lxw_col_t name_col, guint colour)
{
  lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
  if (series == NULL)
    return NULL;
  chart_series_set_categories(series, sheet->name, categories->first_row, categories->first_col,
                              categories->last_row, categories->last_col);
  chart_series_set_values(series, sheet->name, values->first_row, values->first_col,
                          values->last_row, values->last_col);
  chart_series_set_name_range(series, sheet->name, name_row, name_col);
  series_colour(chart, series, palette[colour % G_N_ELEMENTS(palette)]);
  return series;
}

void report_chart_series_set_fill(lxw_chart_series *series, lxw_color_t rgb)
{
  lxw_chart_fill fill = {.color = rgb};
  lxw_chart_line border = {.color = 0xFFFFFF, .width = 0.75};
  chart_series_set_fill(series, &fill);
  chart_series_set_line(series, &border);
}

void report_chart_insert(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, guint x_offset,
                         guint width, guint height, lxw_chart *chart)
{
  lxw_chart_options options = {
      .x_offset = (int32_t)x_offset,
      .x_scale = width / DEFAULT_WIDTH,
      .y_scale = height / DEFAULT_HEIGHT,
      .object_position = LXW_OBJECT_MOVE_DONT_SIZE,
  };
  report_sheet_check(sheet,
                     worksheet_insert_chart_opt(sheet->worksheet, row, col, chart, &options));
}
