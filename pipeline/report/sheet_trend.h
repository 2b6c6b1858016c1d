/* The Trend sheet: effective SSI of every membership in every month with
 * data, oldest month first. */
#pragma once
#include "report/sheet.h"

gboolean report_sheet_trend_write(const ReportContext *ctx, GError **error);
