/* The Teams sheet: every team's aggregates for the report month, and below
 * them each team's mean SSI over the last 12 months. */
#pragma once
#include "report/sheet.h"

gboolean report_sheet_teams_write(const ReportContext *ctx, GError **error);
