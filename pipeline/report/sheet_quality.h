/* The Data quality sheet: what ingest read from every input file, every
 * rejected row with its reason, and the warnings that are not rejects. */
#pragma once
#include "report/sheet.h"

gboolean report_sheet_quality_write(const ReportContext *ctx, GError **error);
