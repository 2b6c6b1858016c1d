/* The Ambassadors sheet: one row per membership active in the report month,
 * as an Excel table with filters, SSI colours and pillar bars. */
#pragma once
#include "report/sheet.h"

gboolean report_sheet_ambassadors_write(const ReportContext *ctx, GError **error);
