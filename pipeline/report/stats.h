/* The few figures the report computes itself rather than reading them from
 * the score stage: ranks with ties, mean and median, and the "All programs"
 * row of the Summary sheet. An unknown value is NAN throughout. */
#pragma once
#include "report/tables.h"

#include <glib.h>

/* Competition ranks, highest value first, ties sharing a rank (1, 2, 2, 4):
 * ranks[i] = 1 + the number of values greater than values[i]; 0 where
 * values[i] is NAN, which takes no rank and pushes no one down. */
void report_stats_rank_descending(const double *values, guint n, guint *ranks);

/* value rounded to two decimals, as the stage files write figures, so a
 * derived cell reads back as 4.87 rather than 4.870000000000005; NAN stays
 * NAN. */
double report_stats_round2(double value);

/* Over the finite values only; NAN when there is none. The median of an even
 * count is the mean of the middle two. */
double report_stats_mean(const double *values, guint n);
double report_stats_median(const double *values, guint n);

/* The Summary figures of a group of person-month rows. */
typedef struct {
  guint members;  /* rows */
  guint with_ssi; /* rows with an effective SSI */
  double ssi_mean;
  double ssi_median;
  double delta_mean;       /* ssi_mean minus the previous month's, NAN if either is */
  double share_good;       /* band "good" / with_ssi */
  double share_low;        /* band "low" / with_ssi */
  double activation_rate;  /* rows with posts + tool_posts > 0 / members */
  double posts_per_member; /* sum of posts + tool_posts / members */
} ReportGroupSummary;

/* Summarises every person_month row of month, whatever its program, so a
 * person in two programs counts twice. A month without rows gives members 0
 * and NAN figures. */
void report_stats_summarize_month(const ReportTable *person_month, const char *month,
                                  ReportGroupSummary *summary);
