/* Score stage: reads <work>/normalized/ and writes <work>/scores/
 * person_month.csv, team_month.csv, program_month.csv, warnings.csv,
 * factors.csv and meta.csv as model.md defines them (columns in
 * common/contract.h). */
#pragma once
#include "common/context.h"

typedef struct {
  char report_month[8]; /* "YYYY-MM" */
  guint64 person_months;
  guint64 team_months;
  guint64 program_months;
} ScoreTotals;

/* Runs the stage with the estimate's parameters of ctx->config->model. The
 * report month is ctx->month, else the month of normalized/meta.csv's
 * latest_date. totals may be NULL. */
gboolean score_run(const PipelineContext *ctx, ScoreTotals *totals, GError **error);
