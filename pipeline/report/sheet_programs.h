/* The Programs sheet: the campaign comparison, one column per program, and
 * the cohort table and chart that compare programs month by month since
 * their start. */
#pragma once
#include "report/sheet.h"

gboolean report_sheet_programs_write(const ReportContext *ctx, GError **error);
