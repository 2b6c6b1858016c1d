/* Report stage: reads <work>/scores/ and <work>/normalized/ and writes the
 * workbooks of report.md to <out>/<YYYY-MM>/. */
#pragma once
#include "common/context.h"

typedef struct {
  char report_month[8];
  GPtrArray *paths; /* char*: the workbooks written, owned */
} ReportResult;

/* Writes every workbook for the report month of scores/meta.csv (or
 * ctx->month). Each goes to a temporary file in the output folder and is
 * renamed into place, so a failure leaves the previous workbooks. */
gboolean report_run(const PipelineContext *ctx, ReportResult *result, GError **error);

void report_result_clear(ReportResult *result);
