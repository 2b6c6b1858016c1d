/* Writes the score stage's files into <work>/scores/ (contract.h): counts
 * as integers, other numbers with two decimals, unknown as empty fields. */
#pragma once
#include "score/aggregate.h"

typedef struct {
  const GArray *person_months;  /* ScorePersonMonth, in output order */
  const GArray *team_months;    /* ScoreAggregate, in output order */
  const GArray *program_months; /* ScoreAggregate, in output order */
  ScoreMonth report_month;
} ScoreResults;

/* Writes person_month.csv, team_month.csv, program_month.csv and meta.csv
 * (report_month, first_month). PIPELINE_ERROR_OUTPUT naming the file. */
gboolean score_output_write(const char *work_dir, const ScoreResults *results, GError **error);
