/* The campaign comparison of the Programs sheet: per program its run so far
 * (start, months running, teams, first and latest month with figures), and
 * the cohort table that lines programs up on month_index, so that a 2022
 * program and a 2023 program compare at "month 6 of the program". */
#pragma once
#include "report/tables.h"

#include <glib.h>

typedef struct {
  const char *program;  /* id, owned by data */
  char start[8];        /* YYYY-MM of its start in programs.csv, "" when unknown */
  guint months_running; /* start month up to the report month or the program's end */
  int first_row;        /* program_month row of its first month with a mean SSI, -1 if none */
  int latest_row;       /* program_month row of its latest month up to the report month */
  guint teams;          /* team_month rows of the program in the latest month */
  double change;        /* latest minus first mean SSI, NAN when either is unknown */
} ReportProgram;

/* One entry per program with a program_month row in or before month, in the
 * file's order (by program id). The result points into data. */
GArray *report_programs_build(const ReportData *data, const char *month);

typedef struct {
  guint n_programs;
  guint n_months;  /* month_index 0 .. n_months - 1: up to the longest program */
  double *means;   /* [program * n_months + index]: ssi_mean, NAN where none */
  double *members; /* [program * n_months + index]: members, NAN where no row */
} ReportCohort;

/* The cohort table of programs (from report_programs_build) over their
 * program_month rows up to month. */
void report_programs_cohort(const ReportData *data, const char *month, const GArray *programs,
                            ReportCohort *cohort);

void report_cohort_clear(ReportCohort *cohort);

/* The cell of program p at month_index m; NAN outside the table. */
double report_cohort_mean(const ReportCohort *cohort, guint p, guint m);
double report_cohort_members(const ReportCohort *cohort, guint p, guint m);
