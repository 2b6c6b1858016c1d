/* Tests of score/series.c: counts by day summed over spans of days, in
 * whatever order the events were added. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "score/series.h"

static void test_sums(void **state)
{
  (void)state;
  g_autoptr(ScoreSeries) series = score_series_new();
  score_series_add(series, 10, 2);
  score_series_add(series, 5, 1);
  score_series_add(series, 10, 3); /* the same day again adds up */
  score_series_add(series, 20, 4);
  assert_int_equal(score_series_sum_upto(series, 4), 0);
  assert_int_equal(score_series_sum_upto(series, 5), 1);
  assert_int_equal(score_series_sum_upto(series, 9), 1);
  assert_int_equal(score_series_sum_upto(series, 10), 6);
  assert_int_equal(score_series_sum_upto(series, 19), 6);
  assert_int_equal(score_series_sum_upto(series, 20), 10);
  assert_int_equal(score_series_sum_upto(series, 1000), 10);
  /* Both ends included. */
  assert_int_equal(score_series_sum(series, 5, 10), 6);
  assert_int_equal(score_series_sum(series, 6, 10), 5);
  assert_int_equal(score_series_sum(series, 10, 10), 5);
  assert_int_equal(score_series_sum(series, 11, 19), 0);
  assert_int_equal(score_series_sum(series, 10, 20), 9);
  assert_int_equal(score_series_sum(series, 20, 5), 0);
}

static void test_empty(void **state)
{
  (void)state;
  g_autoptr(ScoreSeries) series = score_series_new();
  assert_int_equal(score_series_sum_upto(series, 100), 0);
  assert_int_equal(score_series_sum(series, 1, 100), 0);
}

/* A zero count is a day with no event. */
static void test_zero_counts(void **state)
{
  (void)state;
  g_autoptr(ScoreSeries) series = score_series_new();
  score_series_add(series, 7, 0);
  score_series_add(series, 8, 3);
  assert_int_equal(score_series_sum(series, 7, 7), 0);
  assert_int_equal(score_series_sum(series, 1, 8), 3);
}

/* Every length around the halvings of the search, against a count. */
static void test_sums_against_a_count(void **state)
{
  (void)state;
  for (guint n = 1; n <= 40; n++) {
    g_autoptr(ScoreSeries) series = score_series_new();
    for (guint i = n; i > 0; i--)
      score_series_add(series, 10 * i, i);
    for (ScoreDay last = 0; last <= 10 * n + 5; last++) {
      gint64 expected = 0;
      for (guint i = 1; i <= n; i++)
        expected += 10 * i <= last ? i : 0;
      assert_int_equal(score_series_sum_upto(series, last), expected);
    }
  }
}

/* More adds than the room reserved, out of day order and with days
 * repeated, against a count. */
static void test_adds_past_the_room_reserved(void **state)
{
  (void)state;
  g_autoptr(ScoreSeries) series = score_series_sized_new(1);
  gint64 counts[50] = {0};
  for (guint i = 0; i < 500; i++) {
    guint day = (i * 37) % 50;
    score_series_add(series, day + 1, i % 7);
    counts[day] += i % 7;
  }
  gint64 expected = 0;
  for (ScoreDay last = 1; last <= 50; last++) {
    expected += counts[last - 1];
    assert_int_equal(score_series_sum_upto(series, last), expected);
    assert_int_equal(score_series_sum(series, last, last), counts[last - 1]);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sums),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_zero_counts),
      cmocka_unit_test(test_sums_against_a_count),
      cmocka_unit_test(test_adds_past_the_room_reserved),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
