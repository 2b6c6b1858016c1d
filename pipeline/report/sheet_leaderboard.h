/* The Leaderboard sheet of the management summary: the top SSI of the
 * report month among the ambassadors who consent to be named. */
#pragma once
#include "report/sheet.h"

gboolean report_sheet_leaderboard_write(const ReportContext *ctx, GError **error);
