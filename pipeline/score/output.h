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
 * meta.csv (report_month, first_month), in two steps so that the caller
 * can aggregate while person_month.csv is written on a thread of its own:
 * person_months must not change until score_output_finish, which must get
 * them again in results, writes the rest, puts every file in place in the
 * order above up to the first failure and frees output.
 * PIPELINE_ERROR_OUTPUT naming the file. */
typedef struct ScoreOutput ScoreOutput;
ScoreOutput *score_output_start(const char *work_dir, const GArray *person_months);
gboolean score_output_finish(ScoreOutput *output, const ScoreResults *results, GError **error);
