/* The Method sheet: the settings in force, the program version, and the
 * SHA-256 of every configuration and input file, so that a figure can be
 * traced back to exactly what produced it. */
#pragma once
#include "report/sheet.h"

gboolean report_sheet_method_write(const ReportContext *ctx, GError **error);
