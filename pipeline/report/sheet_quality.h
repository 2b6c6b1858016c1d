/* The Data quality sheet: what ingest read from every input file, every
 * rejected row with its reason, and the warnings that are not rejects, each
 * up to [report] max_listed_rows; past it the input files are summed per
 * kind and only those that need attention are listed. */
#pragma once
#include "report/sheet.h"

gboolean report_sheet_quality_write(const ReportContext *ctx, GError **error);
