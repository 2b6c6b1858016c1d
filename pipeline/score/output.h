/* Writes the score stage's files into <work>/scores/ (contract.h): counts
 * as integers, other numbers with two decimals, unknown as empty fields. */
#pragma once
#include "score/aggregate.h"
#include "score/ambassador.h"

typedef struct {
  const GArray *person_months;  /* ScorePersonMonth, in output order */
  const GArray *team_months;    /* ScoreAggregate, in output order */
  const GArray *program_months; /* ScoreAggregate, in output order */
  const GArray *gaps;           /* ScoreCoverageGap, by ambassador_id and month */
  ScoreMonth report_month;
  const ModelConfig *model; /* the factors of factors.csv */
} ScoreResults;

/* Writes person_month.csv, team_month.csv, program_month.csv, warnings.csv
 * (one "not covered" row per gap; the header alone when there is none),
 * factors.csv (every factor of each report-month row with an estimate) and
 * meta.csv (report_month, first_month). PIPELINE_ERROR_OUTPUT naming the
 * file. */
gboolean score_output_write(const char *work_dir, const ScoreResults *results, GError **error);
