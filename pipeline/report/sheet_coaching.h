/* The Coaching sheet: for every ambassador of the report month (the rows of
 * the Ambassadors sheet, in its order) the weakest pillar, the factor in it
 * with the most missing points and the next step in plain words. */
#pragma once
#include "report/sheet.h"

/* Needs ctx->coaching. A person-month with an estimated SSI needs its rows
 * in scores/factors.csv: without them (or without the file) the sheet fails
 * with PIPELINE_ERROR_INPUT naming the file. */
gboolean report_sheet_coaching_write(const ReportContext *ctx, GError **error);
