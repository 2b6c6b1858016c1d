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

/* TRUE when both rows belong to one group: program, [team,] month. */
static gboolean same_group(const ScorePersonMonth *x, const ScorePersonMonth *y, gboolean by_team)
{
  return x->month == y->month && strcmp(x->membership->program, y->membership->program) == 0 &&
         (!by_team || strcmp(x->membership->team, y->membership->team) == 0);
}

/* A row's place in group order (program, [team,] month, then ambassador_id,
 * the order of person_month.csv within one group) with the names replaced
 * by their ranks among the distinct names, so that the sort compares
 * integers; the position breaks ties, as the stable sort it replaces did. */
typedef struct {
  guint program, team;
  ScoreMonth month;
  guint ambassador;
  guint index; /* in person_months */
} RowKey;

static gint row_key_compare(gconstpointer a, gconstpointer b)
{
  const RowKey *x = a;
  const RowKey *y = b;
  if (x->program != y->program)
    return x->program < y->program ? -1 : 1;
  if (x->team != y->team)
    return x->team < y->team ? -1 : 1;
  if (x->month != y->month)
    return x->month < y->month ? -1 : 1;
  if (x->ambassador != y->ambassador)
    return x->ambassador < y->ambassador ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static gint name_compare(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

typedef enum { NAME_PROGRAM, NAME_TEAM, NAME_AMBASSADOR } NameKind;

static const char *name_of(const ScorePersonMonth *row, NameKind kind)
{
  const ScoreMembership *m = row->membership;
  return kind == NAME_PROGRAM ? m->program : kind == NAME_TEAM ? m->team : m->ambassador_id;
}

/* name -> its rank + 1 among the distinct names, in byte order. */
static GHashTable *ranks_new(const GArray *person_months, NameKind kind)
{
  GHashTable *ranks = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new();
  const ScoreMembership *membership = NULL;
  for (guint i = 0; i < person_months->len; i++) {
    const ScorePersonMonth *row = &g_array_index(person_months, ScorePersonMonth, i);
    if (row->membership == membership)
      continue;
    membership = row->membership;
    const char *name = name_of(row, kind);
    if (g_hash_table_insert(ranks, (gpointer)name, NULL))
      g_ptr_array_add(names, (gpointer)name);
  }
  g_ptr_array_sort(names, name_compare);
  for (guint i = 0; i < names->len; i++)
    g_hash_table_insert(ranks, names->pdata[i], GUINT_TO_POINTER(i + 1));
  return ranks;
}

static guint rank_of(GHashTable *ranks, const ScorePersonMonth *row, NameKind kind)
{
  return ranks == NULL ? 0 : GPOINTER_TO_UINT(g_hash_table_lookup(ranks, name_of(row, kind)));
}

static GPtrArray *rows_in_group_order(const GArray *person_months, gboolean by_team)
{
  g_autoptr(GHashTable) programs = ranks_new(person_months, NAME_PROGRAM);
  g_autoptr(GHashTable) teams = by_team ? ranks_new(person_months, NAME_TEAM) : NULL;
  g_autoptr(GHashTable) ambassadors = ranks_new(person_months, NAME_AMBASSADOR);
  g_autofree RowKey *keys = g_new(RowKey, MAX(person_months->len, 1));
  const ScoreMembership *membership = NULL; /* a membership's rows come together */
  RowKey names = {0};
  for (guint i = 0; i < person_months->len; i++) {
    const ScorePersonMonth *row = &g_array_index(person_months, ScorePersonMonth, i);
    if (row->membership != membership) {
      membership = row->membership;
      names = (RowKey){rank_of(programs, row, NAME_PROGRAM), rank_of(teams, row, NAME_TEAM), 0,
                       rank_of(ambassadors, row, NAME_AMBASSADOR), 0};
    }
    keys[i] = (RowKey){names.program, names.team, row->month, names.ambassador, i};
  }
  qsort(keys, person_months->len, sizeof(RowKey), row_key_compare);
  GPtrArray *rows = g_ptr_array_sized_new(person_months->len);
  for (guint i = 0; i < person_months->len; i++)
    g_ptr_array_add(rows, &g_array_index(person_months, ScorePersonMonth, keys[i].index));
  return rows;
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
  g_autoptr(GPtrArray) rows = rows_in_group_order(person_months, by_team);

  GArray *groups = g_array_new(FALSE, TRUE, sizeof(ScoreAggregate));
  const ScorePersonMonth *const *all = (const ScorePersonMonth *const *)rows->pdata;
  for (guint start = 0, end = 0; start < rows->len; start = end) {
    end = start + 1;
    while (end < rows->len && same_group(all[start], all[end], by_team))
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
