/* Aggregates person-month rows into team-month and program-month rows:
 * groups by sorting, sums in a fixed order (ambassador_id within a group)
 * so that the same inputs give the same last digits. */
#include "score/aggregate.h"

#include <math.h>
#include <string.h>

static gint double_compare(gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median_of(const double *values, guint n)
{
  g_autofree double *sorted = g_memdup2(values, n * sizeof(double));
  qsort(sorted, n, sizeof(double), double_compare);
  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

void score_stats_compute(const double *values, guint n, ScoreStats *out)
{
  if (n == 0) {
    *out = (ScoreStats){NAN, NAN, NAN, NAN, NAN};
    return;
  }
  double sum = 0.0;
  out->min = values[0];
  out->max = values[0];
  for (guint i = 0; i < n; i++) {
    sum += values[i];
    out->min = MIN(out->min, values[i]);
    out->max = MAX(out->max, values[i]);
  }
  out->mean = sum / n;
  /* Two passes: squares of deviations stay accurate where sum of squares
   * minus square of sum would cancel. */
  double squares = 0.0;
  for (guint i = 0; i < n; i++)
    squares += (values[i] - out->mean) * (values[i] - out->mean);
  out->sd = sqrt(squares / n);
  out->median = median_of(values, n);
}

static double ratio_or_nan(double numerator, double denominator)
{
  return denominator > 0 ? numerator / denominator : NAN;
}

static gint64 count_or_zero(gint64 count)
{
  return count == SCORE_COUNT_UNKNOWN ? 0 : count;
}

static void aggregate_ssi(const ScorePersonMonth *const *rows, guint n, ScoreAggregate *out)
{
  g_autofree double *values = g_new(double, MAX(n, 1));
  guint good = 0;
  guint low = 0;
  out->with_ssi = 0;
  for (guint i = 0; i < n; i++) {
    if (isnan(rows[i]->effective.ssi))
      continue;
    values[out->with_ssi++] = rows[i]->effective.ssi;
    good += rows[i]->band == SCORE_BAND_GOOD ? 1 : 0;
    low += rows[i]->band == SCORE_BAND_LOW ? 1 : 0;
  }
  score_stats_compute(values, out->with_ssi, &out->ssi);
  out->share_good = ratio_or_nan(good, out->with_ssi);
  out->share_low = ratio_or_nan(low, out->with_ssi);
}

static void aggregate_pillars(const ScorePersonMonth *const *rows, guint n, ScoreAggregate *out)
{
  for (guint p = 0; p < SCORE_PILLARS; p++) {
    double sum = 0.0;
    guint count = 0;
    for (guint i = 0; i < n; i++) {
      double value = rows[i]->effective.pillar[p];
      if (!isnan(value)) {
        sum += value;
        count++;
      }
    }
    out->pillar_mean[p] = ratio_or_nan(sum, count);
  }
}

/* An empty count adds 0 (model.md); a group where no row knows its posts
 * at all has no activation figures rather than a false zero. */
static void aggregate_activation(const ScorePersonMonth *const *rows, guint n, ScoreAggregate *out)
{
  gint64 active = 0;
  gint64 posts = 0;
  gboolean known = FALSE;
  for (guint i = 0; i < n; i++) {
    const gint64 *activity = rows[i]->activity;
    known = known || activity[SCORE_ACTIVITY_POSTS] != SCORE_COUNT_UNKNOWN ||
            activity[SCORE_ACTIVITY_TOOL_POSTS] != SCORE_COUNT_UNKNOWN;
    gint64 row_posts = count_or_zero(activity[SCORE_ACTIVITY_POSTS]) +
                       count_or_zero(activity[SCORE_ACTIVITY_TOOL_POSTS]);
    active += row_posts > 0 ? 1 : 0;
    posts += row_posts;
  }
  out->active = known ? active : SCORE_COUNT_UNKNOWN;
  out->activation_rate = known ? ratio_or_nan((double)active, n) : NAN;
  out->posts_per_member = known ? ratio_or_nan((double)posts, n) : NAN;
}

/* A ratio of sums over the posts that have impressions (model.md): a post
 * without impressions adds to neither side. */
static void aggregate_reach(const ScorePersonMonth *const *rows, guint n, ScoreAggregate *out)
{
  gint64 impressions = 0;
  gint64 engagements = 0;
  gboolean known = FALSE;
  for (guint i = 0; i < n; i++) {
    const gint64 *activity = rows[i]->activity;
    if (activity[SCORE_ACTIVITY_IMPRESSIONS] == SCORE_COUNT_UNKNOWN)
      continue;
    known = TRUE;
    impressions += activity[SCORE_ACTIVITY_IMPRESSIONS];
    engagements += rows[i]->impression_engagements;
  }
  out->impressions = known ? impressions : SCORE_COUNT_UNKNOWN;
  out->engagement_rate = ratio_or_nan((double)engagements, (double)impressions);
}

void score_aggregate_compute(const ScorePersonMonth *const *rows, guint n, ScoreAggregate *out)
{
  out->members = n;
  aggregate_ssi(rows, n, out);
  aggregate_pillars(rows, n, out);
  aggregate_activation(rows, n, out);
  aggregate_reach(rows, n, out);
}

/* --- Grouping ----------------------------------------------------------- */

/* Orders rows by group (program, [team,] month), then by ambassador_id,
 * the order of person_month.csv within one group. */
static gint group_compare(const ScorePersonMonth *x, const ScorePersonMonth *y, gboolean by_team,
                          gboolean with_ambassador)
{
  int c = strcmp(x->membership->program, y->membership->program);
  if (c == 0 && by_team)
    c = strcmp(x->membership->team, y->membership->team);
  if (c == 0)
    c = (x->month > y->month) - (x->month < y->month);
  if (c == 0 && with_ambassador)
    c = strcmp(x->membership->ambassador_id, y->membership->ambassador_id);
  return c;
}

static gint team_order(gconstpointer a, gconstpointer b)
{
  return group_compare(*(ScorePersonMonth *const *)a, *(ScorePersonMonth *const *)b, TRUE, TRUE);
}

static gint program_order(gconstpointer a, gconstpointer b)
{
  return group_compare(*(ScorePersonMonth *const *)a, *(ScorePersonMonth *const *)b, FALSE, TRUE);
}

/* The previous element is the group's previous month when it is the same
 * program (and team) one calendar month earlier. */
static void deltas_set(GArray *groups, gboolean by_team)
{
  for (guint i = 0; i < groups->len; i++) {
    ScoreAggregate *current = &g_array_index(groups, ScoreAggregate, i);
    current->delta_mean = NAN;
    if (i == 0)
      continue;
    const ScoreAggregate *previous = &g_array_index(groups, ScoreAggregate, i - 1);
    if (strcmp(previous->program, current->program) != 0 ||
        (by_team && strcmp(previous->team, current->team) != 0) ||
        previous->month != current->month - 1)
      continue;
    current->delta_mean = current->ssi.mean - previous->ssi.mean;
  }
}

static GArray *groups_build(const GArray *person_months, gboolean by_team)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_sized_new(person_months->len);
  for (guint i = 0; i < person_months->len; i++)
    g_ptr_array_add(rows, &g_array_index(person_months, ScorePersonMonth, i));
  g_ptr_array_sort(rows, by_team ? team_order : program_order);

  GArray *groups = g_array_new(FALSE, TRUE, sizeof(ScoreAggregate));
  const ScorePersonMonth *const *all = (const ScorePersonMonth *const *)rows->pdata;
  for (guint start = 0, end = 0; start < rows->len; start = end) {
    end = start + 1;
    while (end < rows->len && group_compare(all[start], all[end], by_team, FALSE) == 0)
      end++;
    ScoreAggregate group = {0};
    group.program = all[start]->membership->program;
    group.team = by_team ? all[start]->membership->team : NULL;
    group.month = all[start]->month;
    group.month_index = all[start]->month - all[start]->program_start_month;
    score_aggregate_compute(all + start, end - start, &group);
    g_array_append_val(groups, group);
  }
  deltas_set(groups, by_team);
  return groups;
}

GArray *score_team_months_build(const GArray *person_months)
{
  return groups_build(person_months, TRUE);
}

GArray *score_program_months_build(const GArray *person_months)
{
  return groups_build(person_months, FALSE);
}
