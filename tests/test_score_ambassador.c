/* Tests of score/ambassador.c: one ambassador's rows get the estimate and
 * the LinkedIn activity of covered months only, the posts' counts of every
 * month when the tree has posts, and the runs of months no export covers. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "score/ambassador.h"
#include "test_support.h"

#include <math.h>

static ScoreMonth month_of(const char *text)
{
  ScoreMonth month = 0;
  assert_true(score_month_parse(text, &month, NULL));
  return month;
}

typedef struct {
  PipelineConfig *config;
  ScoreSeniority *seniority;
  ScoreInputs *inputs;
  ScoreLinkedin *data;
  GArray *rows;
  GArray *gaps;
  ScoreFillContext ctx;
} Fixture;

static int fixture_setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->config = config_new_default();
  f->seniority = score_seniority_new((const char *const *)f->config->model.seniority_terms, NULL);
  f->inputs = score_inputs_new();
  assert_true(score_inputs_add_program(f->inputs, "p", "2025-01-01", "", "Architekt", NULL));
  assert_true(score_inputs_add_program(f->inputs, "q", "2025-01-01", "", "", NULL));
  f->data = score_linkedin_new();
  f->gaps = g_array_new(FALSE, FALSE, sizeof(ScoreCoverageGap));
  f->ctx = (ScoreFillContext){&f->config->model, f->seniority, f->inputs, FALSE};
  *state = f;
  return 0;
}

static int fixture_teardown(void **state)
{
  Fixture *f = *state;
  if (f->rows != NULL)
    g_array_unref(f->rows);
  g_array_unref(f->gaps);
  score_linkedin_free(f->data);
  score_inputs_free(f->inputs);
  score_seniority_free(f->seniority);
  config_free(f->config);
  g_free(f);
  return 0;
}

static void membership_add(Fixture *f, const char *program, const char *joined, const char *left)
{
  ScoreMembershipText text = {"a1", "Anna Berg", program, "T", joined, left};
  assert_true(score_inputs_add_membership(f->inputs, &text, NULL));
}

static void fill(Fixture *f, const char *report_month)
{
  f->rows = score_person_months_build(f->inputs, month_of(report_month));
  score_ambassador_fill((ScorePersonMonth *)(void *)f->rows->data, f->rows->len, f->data, &f->ctx,
                        f->gaps);
}

static const ScorePersonMonth *row_at(const Fixture *f, guint i)
{
  assert_true(i < f->rows->len);
  return &g_array_index(f->rows, ScorePersonMonth, i);
}

static void profile_set(Fixture *f, const char *covered_until)
{
  ScoreProfileText text = {covered_until, "Anna", "Berg", "1", "1", "1", "1", "1", "5", "1", "1"};
  assert_true(score_linkedin_set_profile(f->data, &text, NULL));
}

static void connection_add(Fixture *f, const char *date, const char *position, const char *count)
{
  ScoreConnectionText text = {date, "X", "Y", "", "", position, count};
  assert_true(score_linkedin_add_connection(f->data, &text, NULL));
}

static void assert_gap(const Fixture *f, guint i, const char *first, const char *last,
                       gboolean no_export)
{
  assert_true(i < f->gaps->len);
  const ScoreCoverageGap *gap = &g_array_index(f->gaps, ScoreCoverageGap, i);
  assert_string_equal(gap->ambassador_id, "a1");
  assert_int_equal(gap->first, month_of(first));
  assert_int_equal(gap->last, month_of(last));
  assert_int_equal(gap->no_export, no_export);
}

/* Exports up to as_of(June) - 6 cover June. */
static void test_covered_month(void **state)
{
  Fixture *f = *state;
  membership_add(f, "p", "2025-05-01", "");
  profile_set(f, "2025-06-24");
  connection_add(f, "2025-06-10", "Architektin", "3");
  fill(f, "2025-06");
  assert_int_equal(f->rows->len, 2);
  const ScorePersonMonth *may = row_at(f, 0);
  test_assert_near(may->estimated.ssi, 10, 1e-9); /* the complete profile */
  const ScorePersonMonth *june = row_at(f, 1);
  /* profile 10; growth 10 * 3/30; audience 15 * 3/15; size 5 * 3/500 */
  test_assert_near(june->estimated.pillar[SCORE_PILLAR_BRAND], 10, 1e-9);
  test_assert_near(june->estimated.pillar[SCORE_PILLAR_PEOPLE], 4, 1e-9);
  test_assert_near(june->estimated.pillar[SCORE_PILLAR_INSIGHTS], 0, 1e-9);
  test_assert_near(june->estimated.pillar[SCORE_PILLAR_RELATIONSHIPS], 0.03, 1e-9);
  test_assert_near(june->estimated.ssi, 14.03, 1e-9);
  const gint64 activity[SCORE_ACTIVITIES] = {0, 0, 0, 0, 0, 0, 3, 3, -1, -1, -1, -1, -1, -1};
  for (guint i = 0; i < SCORE_ACTIVITIES; i++)
    assert_int_equal(june->activity[i], activity[i]);
  assert_int_equal(f->gaps->len, 0);
}

/* One day less and June has no estimate and no LinkedIn activity. */
static void test_uncovered_month(void **state)
{
  Fixture *f = *state;
  membership_add(f, "p", "2025-05-01", "");
  profile_set(f, "2025-06-23");
  connection_add(f, "2025-06-10", "Architektin", "3");
  fill(f, "2025-06");
  test_assert_near(row_at(f, 0)->estimated.ssi, 10, 1e-9);
  const ScorePersonMonth *june = row_at(f, 1);
  assert_true(isnan(june->estimated.ssi));
  assert_true(isnan(june->estimated.pillar[SCORE_PILLAR_BRAND]));
  for (guint i = 0; i < SCORE_ACTIVITIES; i++)
    assert_int_equal(june->activity[i], SCORE_COUNT_UNKNOWN);
  assert_int_equal(f->gaps->len, 1);
  assert_gap(f, 0, "2025-06", "2025-06", FALSE);
}

static void post_add(Fixture *f, const char *date, const char *impressions, const char *reactions,
                     const char *comments, const char *reposts, const char *clicks)
{
  ScorePostText text = {date, impressions, reactions, comments, reposts, clicks};
  assert_true(score_linkedin_add_post(f->data, &text, NULL));
}

/* Posts count without any LinkedIn export; unknown metrics stay unknown. */
static void test_posts_of_months(void **state)
{
  Fixture *f = *state;
  f->ctx.has_posts = TRUE;
  membership_add(f, "p", "2025-04-01", "");
  post_add(f, "2025-05-03", "100", "5", "", "1", "");
  post_add(f, "2025-05-20", "", "7", "", "", "");
  post_add(f, "2025-06-01", "0", "0", "0", "0", "0");
  fill(f, "2025-06");
  /* tool_posts, impressions, reactions, comments, reposts, clicks received */
  const gint64 april[] = {0, -1, -1, -1, -1, -1};
  const gint64 may[] = {2, 100, 12, -1, 1, -1};
  const gint64 june[] = {1, 0, 0, 0, 0, 0};
  const gint64 *expected[] = {april, may, june};
  for (guint r = 0; r < 3; r++) {
    const ScorePersonMonth *row = row_at(f, r);
    for (guint i = 0; i < G_N_ELEMENTS(april); i++)
      assert_int_equal(row->activity[SCORE_ACTIVITY_TOOL_POSTS + i], expected[r][i]);
    /* No export: the LinkedIn columns and the estimate stay unknown. */
    assert_int_equal(row->activity[SCORE_ACTIVITY_POSTS], SCORE_COUNT_UNKNOWN);
    assert_int_equal(row->activity[SCORE_ACTIVITY_NEW_CONNECTIONS], SCORE_COUNT_UNKNOWN);
    assert_true(isnan(row->estimated.ssi));
  }
  /* The engagement of May's post with impressions only: 5 + 1. */
  assert_int_equal(row_at(f, 1)->impression_engagements, 6);
  assert_int_equal(row_at(f, 2)->impression_engagements, 0);
  assert_int_equal(f->gaps->len, 1);
  assert_gap(f, 0, "2025-04", "2025-06", TRUE);
}

/* Without posts.csv the posts' columns are unknown, not 0. */
static void test_no_posts_file(void **state)
{
  Fixture *f = *state;
  membership_add(f, "p", "2025-06-01", "");
  post_add(f, "2025-06-03", "100", "5", "1", "1", "1");
  fill(f, "2025-06");
  for (guint i = SCORE_ACTIVITY_TOOL_POSTS; i < SCORE_ACTIVITIES; i++)
    assert_int_equal(row_at(f, 0)->activity[i], SCORE_COUNT_UNKNOWN);
}

/* Two programs in one month are one month of coverage; a break in
 * membership ends a run. Each program counts its own audience. */
static void test_gaps_by_month(void **state)
{
  Fixture *f = *state;
  membership_add(f, "p", "2025-01-01", "2025-02-28");
  membership_add(f, "p", "2025-05-01", "");
  membership_add(f, "q", "2025-02-01", "2025-02-28");
  fill(f, "2025-06");
  assert_int_equal(f->rows->len, 5); /* p Jan, Feb, May, Jun; q Feb */
  assert_int_equal(f->gaps->len, 2);
  assert_gap(f, 0, "2025-01", "2025-02", TRUE);
  assert_gap(f, 1, "2025-05", "2025-06", TRUE);
}

static void test_audience_per_program(void **state)
{
  Fixture *f = *state;
  membership_add(f, "p", "2025-01-01", "2025-02-28");
  membership_add(f, "q", "2025-02-01", "2025-02-28");
  profile_set(f, "2025-05-31");
  connection_add(f, "2025-02-10", "Bauleiter", "1");
  fill(f, "2025-02");
  const ScorePersonMonth *p_feb = row_at(f, 1);
  const ScorePersonMonth *q_feb = row_at(f, 2);
  assert_string_equal(p_feb->membership->program, "p");
  assert_int_equal(p_feb->month, month_of("2025-02"));
  assert_int_equal(p_feb->activity[SCORE_ACTIVITY_NEW_TARGET_CONNECTIONS], 0);
  assert_string_equal(q_feb->membership->program, "q");
  assert_int_equal(q_feb->activity[SCORE_ACTIVITY_NEW_TARGET_CONNECTIONS], 1);
  test_assert_near(q_feb->estimated.pillar[SCORE_PILLAR_PEOPLE] -
                       p_feb->estimated.pillar[SCORE_PILLAR_PEOPLE],
                   1, 1e-9); /* 15 * 1/15 */
  assert_int_equal(f->gaps->len, 0);
}

#define RUN_TEST(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
      RUN_TEST(test_covered_month),   RUN_TEST(test_uncovered_month),
      RUN_TEST(test_posts_of_months), RUN_TEST(test_no_posts_file),
      RUN_TEST(test_gaps_by_month),   RUN_TEST(test_audience_per_program),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
