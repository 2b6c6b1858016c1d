/* The Summary sheet's team charts: mean SSI per team over the last 12
 * months (line), the pillar means per team in the report month (radar) and
 * the ambassadors per band and team (stacked column), with the figures they
 * show in a "Chart data" section below them. */
#pragma once
#include "report/sheet.h"

/* Writes the charts from row on, and their data below them; in the
 * management summary without the teams too small to show. */
void report_summary_charts_write(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row);
