/* The charts of the workbooks in one look: Calibri, a bold title, axis
 * titles and labels at 9 points, the legend at the bottom, a fixed palette
 * so that a series keeps its colour in Excel and LibreOffice alike. Charts
 * read their data from cell ranges of the sheet they sit on, so a reader
 * can copy the figures. */
#pragma once
#include "report/sheet.h"

#include <glib.h>
#include <xlsxwriter.h>

typedef struct {
  lxw_row_t first_row;
  lxw_col_t first_col;
  lxw_row_t last_row;
  lxw_col_t last_col;
} ReportRange;

/* A chart of type (LXW_CHART_LINE, ...) titled title, not yet placed. */
lxw_chart *report_chart_new(lxw_workbook *workbook, uint8_t type, const char *title);

/* Titles an axis (NULL: no title) and sets the font of its labels. */
void report_chart_axis_set(lxw_chart_axis *axis, const char *title);

/* Turns the axis labels by degrees (-90 to 90), so that many of them fit
 * side by side where the reader does not skip any. */
void report_chart_axis_rotate_labels(lxw_chart_axis *axis, int degrees);

/* A value axis from min to max in steps of major_unit (NAN leaves max or
 * the step to the spreadsheet program), with light gridlines. */
void report_chart_axis_set_range(lxw_chart_axis *axis, double min, double max, double major_unit);

/* A series of the values in values on sheet, its points named by the cells
 * of categories, itself named by the cell (name_row, name_col); coloured
 * by the palette's colour number colour. */
lxw_chart_series *report_chart_add_series(lxw_chart *chart, const ReportSheet *sheet,
                                          const ReportRange *categories, const ReportRange *values,
                                          lxw_row_t name_row, lxw_col_t name_col, guint colour);

/* Fills a column series with rgb instead of the palette's colour. */
void report_chart_series_set_fill(lxw_chart_series *series, lxw_color_t rgb);

/* Places chart with its top left corner x_offset pixels right of the top
 * left of (row, col), width x height pixels (a row is 20 pixels). */
void report_chart_insert(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, guint x_offset,
                         guint width, guint height, lxw_chart *chart);
