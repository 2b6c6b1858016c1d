/* The Summary sheet: the report month and, per program plus all programs
 * together, members, SSI level and spread over bands, and activity. */
#pragma once
#include "report/sheet.h"

gboolean report_sheet_summary_write(const ReportContext *ctx, GError **error);
