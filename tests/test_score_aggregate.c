/* Tests of score/aggregate.c: SSI statistics, team and program aggregates,
 * the change against the previous month and the activity figures. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "score/aggregate.h"
#include "test_support.h"

#include <math.h>

#define assert_nan(value) assert_true(isnan(value))

static const double EPS = 1e-9;

static ScoreMembership a1_de = {"a1", "Anna", "p", "DE", 0, 0};
static ScoreMembership b2_de = {"b2", "Ben", "p", "DE", 0, 0};
static ScoreMembership b2_at = {"b2", "Ben", "p", "AT", 0, 0};
static ScoreMembership c3_at = {"c3", "Cem", "p", "AT", 0, 0};
static ScoreMembership d4_x = {"d4", "Dana", "q", "X", 0, 0};
static ScoreMembership e5_de = {"e5", "Eva", "p", "DE", 0, 0};

static ScoreMonth month_of(const char *text)
{
  ScoreMonth month = 0;
  assert_true(score_month_parse(text, &month, NULL));
  return month;
}

/* A row with an effective SSI (NAN for none) and pillars (NULL for none);
 * p started in 2025-03, q in 2025-05. */
static ScorePersonMonth row_make(const ScoreMembership *membership, const char *month, double ssi,
                                 const double *pillars)
{
  g_autoptr(PipelineConfig) config = config_new_default();
  ScorePersonMonth row = {0};
  row.membership = membership;
  row.month = month_of(month);
  row.program_start_month = month_of(membership->program[0] == 'p' ? "2025-03" : "2025-05");
  row.reported.ssi = row.estimated.ssi = NAN;
  row.effective.ssi = ssi;
  for (guint p = 0; p < SCORE_PILLARS; p++)
    row.effective.pillar[p] = pillars != NULL ? pillars[p] : NAN;
  for (guint i = 0; i < SCORE_ACTIVITIES; i++)
    row.activity[i] = SCORE_COUNT_UNKNOWN;
  row.source = isnan(ssi) ? SCORE_USED_NONE : SCORE_USED_REPORTED;
  row.band = score_band_of(ssi, config);
  return row;
}

static void test_stats_even_count(void **state)
{
  (void)state;
  const double values[] = {75, 40, 70, 50};
  ScoreStats stats;
  score_stats_compute(values, 4, &stats);
  test_assert_near(stats.mean, 58.75, EPS);
  test_assert_near(stats.median, 60, EPS); /* (50 + 70) / 2 */
  test_assert_near(stats.min, 40, 0);
  test_assert_near(stats.max, 75, 0);
  /* Deviations -18.75, -8.75, 11.25, 16.25: squares add up to 818.75. */
  test_assert_near(stats.sd, sqrt(818.75 / 4), EPS);
  test_assert_near(stats.sd, 14.306903927, 1e-8);
  test_assert_near(values[0], 75, 0); /* the input keeps its order */
}

static void test_stats_odd_and_single(void **state)
{
  (void)state;
  const double three[] = {3, 1, 2};
  ScoreStats stats;
  score_stats_compute(three, 3, &stats);
  test_assert_near(stats.median, 2, 0);
  test_assert_near(stats.sd, sqrt(2.0 / 3.0), EPS);
  const double one[] = {18.3};
  score_stats_compute(one, 1, &stats);
  test_assert_near(stats.mean, 18.3, EPS);
  test_assert_near(stats.median, 18.3, 0);
  test_assert_near(stats.sd, 0, 0);
  score_stats_compute(NULL, 0, &stats);
  assert_nan(stats.mean);
  assert_nan(stats.median);
  assert_nan(stats.min);
  assert_nan(stats.max);
  assert_nan(stats.sd);
}

static void aggregate_of(ScorePersonMonth *rows, guint n, ScoreAggregate *out)
{
  const ScorePersonMonth *pointers[8];
  g_assert(n <= G_N_ELEMENTS(pointers));
  for (guint i = 0; i < n; i++)
    pointers[i] = &rows[i];
  score_aggregate_compute(pointers, n, out);
}

static void test_aggregate_ssi(void **state)
{
  (void)state;
  const double high[] = {20, 20, 20, 15};
  const double low[] = {10, 10, 10, 10};
  const double mid[] = {12, 13, 12, 13};
  ScorePersonMonth rows[] = {
      row_make(&a1_de, "2025-04", 75, high),  row_make(&b2_de, "2025-04", 40, low),
      row_make(&c3_at, "2025-04", NAN, NULL), row_make(&d4_x, "2025-04", 70, NULL),
      row_make(&e5_de, "2025-04", 50, mid),
  };
  ScoreAggregate group = {0};
  aggregate_of(rows, G_N_ELEMENTS(rows), &group);
  assert_int_equal(group.members, 5);
  assert_int_equal(group.with_ssi, 4);
  test_assert_near(group.ssi.mean, 58.75, EPS);
  test_assert_near(group.ssi.median, 60, EPS);
  /* Pillar means over the three rows that have pillars. */
  test_assert_near(group.pillar_mean[SCORE_PILLAR_BRAND], 14, EPS);
  test_assert_near(group.pillar_mean[SCORE_PILLAR_PEOPLE], 43.0 / 3.0, EPS);
  test_assert_near(group.pillar_mean[SCORE_PILLAR_INSIGHTS], 14, EPS);
  test_assert_near(group.pillar_mean[SCORE_PILLAR_RELATIONSHIPS], 38.0 / 3.0, EPS);
  /* 70 and 75 are good, 50 is mid, 40 low; of the four with an SSI. */
  test_assert_near(group.share_good, 0.5, EPS);
  test_assert_near(group.share_low, 0.25, EPS);
}

static void test_aggregate_without_ssi(void **state)
{
  (void)state;
  ScorePersonMonth rows[] = {row_make(&a1_de, "2025-04", NAN, NULL),
                             row_make(&b2_de, "2025-04", NAN, NULL)};
  ScoreAggregate group = {0};
  aggregate_of(rows, G_N_ELEMENTS(rows), &group);
  assert_int_equal(group.members, 2);
  assert_int_equal(group.with_ssi, 0);
  assert_nan(group.ssi.mean);
  assert_nan(group.ssi.median);
  assert_nan(group.ssi.sd);
  assert_nan(group.pillar_mean[SCORE_PILLAR_BRAND]);
  assert_nan(group.share_good);
  assert_nan(group.share_low);
}

static void activity_set(ScorePersonMonth *row, gint64 posts, gint64 tool_posts)
{
  row->activity[SCORE_ACTIVITY_POSTS] = posts;
  row->activity[SCORE_ACTIVITY_TOOL_POSTS] = tool_posts;
}

static void test_aggregate_activation(void **state)
{
  (void)state;
  ScorePersonMonth rows[] = {
      row_make(&a1_de, "2025-04", NAN, NULL), row_make(&b2_de, "2025-04", NAN, NULL),
      row_make(&c3_at, "2025-04", NAN, NULL), row_make(&e5_de, "2025-04", NAN, NULL)};
  ScoreAggregate group = {0};
  aggregate_of(rows, 4, &group);
  /* Nobody's posts are known: no figures rather than a false zero. */
  assert_int_equal(group.active, SCORE_COUNT_UNKNOWN);
  assert_nan(group.activation_rate);
  assert_nan(group.posts_per_member);

  activity_set(&rows[0], 2, SCORE_COUNT_UNKNOWN);
  activity_set(&rows[1], SCORE_COUNT_UNKNOWN, 0);
  activity_set(&rows[2], 0, 1);
  aggregate_of(rows, 4, &group);
  /* An unknown count adds 0: 2 + 0 + 1 + 0 posts, two members active. */
  assert_int_equal(group.active, 2);
  test_assert_near(group.activation_rate, 0.5, EPS);
  test_assert_near(group.posts_per_member, 0.75, EPS);
}

/* engaged: reactions, comments and reposts of the posts with impressions. */
static void reach_set(ScorePersonMonth *row, gint64 impressions, gint64 reactions, gint64 comments,
                      gint64 reposts, gint64 engaged)
{
  row->activity[SCORE_ACTIVITY_IMPRESSIONS] = impressions;
  row->activity[SCORE_ACTIVITY_REACTIONS_RECEIVED] = reactions;
  row->activity[SCORE_ACTIVITY_COMMENTS_RECEIVED] = comments;
  row->activity[SCORE_ACTIVITY_REPOSTS_RECEIVED] = reposts;
  row->impression_engagements = engaged;
}

static void test_aggregate_reach(void **state)
{
  (void)state;
  ScorePersonMonth rows[] = {row_make(&a1_de, "2025-04", NAN, NULL),
                             row_make(&b2_de, "2025-04", NAN, NULL),
                             row_make(&c3_at, "2025-04", NAN, NULL)};
  ScoreAggregate group = {0};
  aggregate_of(rows, 3, &group);
  assert_int_equal(group.impressions, SCORE_COUNT_UNKNOWN);
  assert_nan(group.engagement_rate);

  /* Reactions of a row without impressions stay out of the ratio. */
  reach_set(&rows[0], 1000, 10, 5, SCORE_COUNT_UNKNOWN, 15);
  reach_set(&rows[1], SCORE_COUNT_UNKNOWN, 100, 100, 100, 0);
  reach_set(&rows[2], 0, 3, SCORE_COUNT_UNKNOWN, 0, 3);
  aggregate_of(rows, 3, &group);
  assert_int_equal(group.impressions, 1000);
  test_assert_near(group.engagement_rate, 18.0 / 1000.0, EPS);

  /* So do those of a post without impressions in a month that has others:
   * a1's month holds a post with 1000 impressions and 15 engagements and
   * one with 40 reactions and no impressions. */
  reach_set(&rows[0], 1000, 50, 5, SCORE_COUNT_UNKNOWN, 15);
  aggregate_of(rows, 3, &group);
  test_assert_near(group.engagement_rate, 18.0 / 1000.0, EPS);

  reach_set(&rows[0], 0, 10, 5, 0, 15);
  aggregate_of(rows, 3, &group);
  assert_int_equal(group.impressions, 0);
  assert_nan(group.engagement_rate);
}

static GArray *rows_over_months(void)
{
  ScorePersonMonth rows[] = {
      row_make(&b2_de, "2025-03", 50, NULL), row_make(&a1_de, "2025-03", 40, NULL),
      row_make(&a1_de, "2025-04", 60, NULL), row_make(&b2_de, "2025-04", 70, NULL),
      row_make(&c3_at, "2025-04", 30, NULL), row_make(&a1_de, "2025-05", NAN, NULL),
      row_make(&b2_at, "2025-05", 80, NULL), row_make(&a1_de, "2025-06", 50, NULL),
      row_make(&b2_at, "2025-06", 90, NULL), row_make(&d4_x, "2025-05", 55, NULL),
      row_make(&d4_x, "2025-07", 60, NULL),
  };
  GArray *array = g_array_new(FALSE, FALSE, sizeof(ScorePersonMonth));
  g_array_append_vals(array, rows, G_N_ELEMENTS(rows));
  return array;
}

static void assert_group(const GArray *groups, guint i, const char *program, const char *team,
                         const char *month, guint members, double mean, double delta)
{
  const ScoreAggregate *group = &g_array_index(groups, ScoreAggregate, i);
  char text[SCORE_MONTH_TEXT_SIZE];
  score_month_format(group->month, text);
  assert_string_equal(group->program, program);
  if (team == NULL)
    assert_null(group->team);
  else
    assert_string_equal(group->team, team);
  assert_string_equal(text, month);
  assert_int_equal(group->members, members);
  if (isnan(mean))
    assert_nan(group->ssi.mean);
  else
    test_assert_near(group->ssi.mean, mean, EPS);
  if (isnan(delta))
    assert_nan(group->delta_mean);
  else
    test_assert_near(group->delta_mean, delta, EPS);
}

static void test_team_months(void **state)
{
  (void)state;
  g_autoptr(GArray) rows = rows_over_months();
  g_autoptr(GArray) teams = score_team_months_build(rows);
  assert_int_equal(teams->len, 9);
  /* AT has no row in March, so April has no change. */
  assert_group(teams, 0, "p", "AT", "2025-04", 1, 30, NAN);
  assert_group(teams, 1, "p", "AT", "2025-05", 1, 80, 50);
  assert_group(teams, 2, "p", "AT", "2025-06", 1, 90, 10);
  assert_group(teams, 3, "p", "DE", "2025-03", 2, 45, NAN);
  assert_group(teams, 4, "p", "DE", "2025-04", 2, 65, 20);
  /* b2 moved to AT: DE keeps a1 alone, without an SSI in May. */
  assert_group(teams, 5, "p", "DE", "2025-05", 1, NAN, NAN);
  assert_group(teams, 6, "p", "DE", "2025-06", 1, 50, NAN);
  assert_group(teams, 7, "q", "X", "2025-05", 1, 55, NAN);
  /* No row in June: July has no previous month to compare with. */
  assert_group(teams, 8, "q", "X", "2025-07", 1, 60, NAN);
  assert_int_equal(g_array_index(teams, ScoreAggregate, 5).with_ssi, 0);
}

static void test_program_months(void **state)
{
  (void)state;
  g_autoptr(GArray) rows = rows_over_months();
  g_autoptr(GArray) programs = score_program_months_build(rows);
  assert_int_equal(programs->len, 6);
  assert_group(programs, 0, "p", NULL, "2025-03", 2, 45, NAN);
  assert_group(programs, 1, "p", NULL, "2025-04", 3, 160.0 / 3.0, 160.0 / 3.0 - 45);
  assert_group(programs, 2, "p", NULL, "2025-05", 2, 80, 80 - 160.0 / 3.0);
  assert_group(programs, 3, "p", NULL, "2025-06", 2, 70, -10);
  assert_group(programs, 4, "q", NULL, "2025-05", 1, 55, NAN);
  assert_group(programs, 5, "q", NULL, "2025-07", 1, 60, NAN);
  const int month_index[] = {0, 1, 2, 3, 0, 2};
  for (guint i = 0; i < programs->len; i++)
    assert_int_equal(g_array_index(programs, ScoreAggregate, i).month_index, month_index[i]);
  const ScoreAggregate *april = &g_array_index(programs, ScoreAggregate, 1);
  test_assert_near(april->ssi.median, 60, EPS);
  test_assert_near(april->ssi.min, 30, 0);
  test_assert_near(april->ssi.max, 70, 0);
  test_assert_near(april->share_good, 1.0 / 3.0, EPS);
  test_assert_near(april->share_low, 1.0 / 3.0, EPS);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stats_even_count),     cmocka_unit_test(test_stats_odd_and_single),
      cmocka_unit_test(test_aggregate_ssi),        cmocka_unit_test(test_aggregate_without_ssi),
      cmocka_unit_test(test_aggregate_activation), cmocka_unit_test(test_aggregate_reach),
      cmocka_unit_test(test_team_months),          cmocka_unit_test(test_program_months),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
