/* Team and program aggregates of person-month rows (model.md, "Team and
 * program aggregates"): counts, SSI statistics, pillar means, band shares,
 * the change against the previous month, activation and reach. */
#pragma once
#include "score/person_month.h"

/* NAN everywhere for no values. sd is the population standard deviation;
 * the median of an even count is the mean of the middle two. */
typedef struct {
  double mean, median, min, max, sd;
} ScoreStats;

typedef struct {
  const char *program; /* borrowed from the rows' memberships */
  const char *team;    /* NULL in program rows */
  ScoreMonth month;
  int month_index; /* program rows: months since the program's start month */
  guint members;
  guint with_ssi;
  ScoreStats ssi;
  double pillar_mean[SCORE_PILLARS];
  double share_good, share_low; /* of with_ssi */
  double delta_mean;            /* ssi.mean minus the group's previous month's */
  gint64 active;                /* SCORE_COUNT_UNKNOWN when no row knows its posts */
  double activation_rate, posts_per_member;
  gint64 impressions; /* SCORE_COUNT_UNKNOWN when no row knows them */
  double engagement_rate;
} ScoreAggregate;

/* values in the order given (sums run in that order); values is not changed. */
void score_stats_compute(const double *values, guint n, ScoreStats *out);

/* One group's aggregate over n rows, summed in the order given. Sets the
 * counts and values; program, team, month, month_index and delta_mean are
 * the caller's. */
void score_aggregate_compute(const ScorePersonMonth *const *rows, guint n, ScoreAggregate *out);

/* One ScoreAggregate per (program, team, month) that has rows, sorted by
 * program, team, month, each summed in ambassador_id order; delta_mean
 * against the same team's previous calendar month. */
GArray *score_team_months_build(const GArray *person_months);

/* Likewise per (program, month), with month_index. */
GArray *score_program_months_build(const GArray *person_months);
