/* Tests of report/stats.c: competition ranks with ties, mean and median
 * over known values, and the "All programs" summary row computed from the
 * hand-made person_month.csv of tests/data/report. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "report/stats.h"

#include <math.h>

#define FIXTURE_WORK TEST_DATA_DIR "/report/work"

static void test_rank_ties_share_a_rank(void **state)
{
  (void)state;
  const double values[] = {60.0, 75.0, 55.0, 60.0};
  guint ranks[4];
  report_stats_rank_descending(values, 4, ranks);
  assert_int_equal(ranks[1], 1);
  assert_int_equal(ranks[0], 2);
  assert_int_equal(ranks[3], 2);
  assert_int_equal(ranks[2], 4);
}

static void test_rank_skips_unknown_values(void **state)
{
  (void)state;
  const double values[] = {NAN, 40.0, 40.0, 40.0, 90.0};
  guint ranks[5];
  report_stats_rank_descending(values, 5, ranks);
  assert_int_equal(ranks[0], 0);
  assert_int_equal(ranks[4], 1);
  assert_int_equal(ranks[1], 2);
  assert_int_equal(ranks[2], 2);
  assert_int_equal(ranks[3], 2);
  report_stats_rank_descending(values, 0, ranks); /* nothing to rank */
}

static void test_mean_and_median(void **state)
{
  (void)state;
  const double odd[] = {3.0, NAN, 1.0, 2.0};
  const double even[] = {4.0, 1.0, 3.0, 2.0};
  const double none[] = {NAN};
  assert_float_equal(report_stats_mean(odd, 4), 2.0, 1e-12);
  assert_float_equal(report_stats_median(odd, 4), 2.0, 1e-12);
  assert_float_equal(report_stats_median(even, 4), 2.5, 1e-12);
  assert_true(isnan(report_stats_mean(none, 1)));
  assert_true(isnan(report_stats_median(none, 1)));
  assert_true(isnan(report_stats_mean(none, 0)));
}

static void test_round2(void **state)
{
  (void)state;
  assert_true(report_stats_round2(-4.870000000000005) == -4.87);
  assert_true(report_stats_round2(49.909) == 49.91);
  assert_true(report_stats_round2(2.0) == 2.0);
  assert_true(isnan(report_stats_round2(NAN)));
}

/* October 2026 of the fixture: SSI 60, 30, 55, 60, 75 (Anna counts twice,
 * in two programs); September 45, 60, 55, 72 and one row without SSI. */
static void test_all_programs_row(void **state)
{
  (void)state;
  ReportData data;
  assert_true(report_data_load(&data, FIXTURE_WORK, NULL));
  ReportGroupSummary s;
  report_stats_summarize_month(data.person_month, "2026-10", &s);
  assert_int_equal(s.members, 5);
  assert_int_equal(s.with_ssi, 5);
  assert_float_equal(s.ssi_mean, 56.0, 1e-9);
  assert_float_equal(s.ssi_median, 60.0, 1e-9);
  assert_float_equal(s.delta_mean, 56.0 - 58.0, 1e-9);
  assert_float_equal(s.share_good, 0.2, 1e-9);
  assert_float_equal(s.share_low, 0.2, 1e-9);
  /* Posts + tool posts: 3, 2, 0, 0 (posts empty), 1 (tool posts empty). */
  assert_float_equal(s.activation_rate, 0.6, 1e-9);
  assert_float_equal(s.posts_per_member, 1.2, 1e-9);
  report_data_clear(&data);
}

static void test_month_without_rows(void **state)
{
  (void)state;
  ReportData data;
  assert_true(report_data_load(&data, FIXTURE_WORK, NULL));
  ReportGroupSummary s;
  report_stats_summarize_month(data.person_month, "2026-08", &s);
  assert_int_equal(s.members, 5);
  assert_int_equal(s.with_ssi, 4);  /* a2 has none in August */
  assert_true(isnan(s.delta_mean)); /* no rows in July */
  report_stats_summarize_month(data.person_month, "2027-01", &s);
  assert_int_equal(s.members, 0);
  assert_true(isnan(s.ssi_mean));
  assert_true(isnan(s.share_good));
  assert_true(isnan(s.activation_rate));
  assert_true(isnan(s.posts_per_member));
  report_data_clear(&data);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rank_ties_share_a_rank),
      cmocka_unit_test(test_rank_skips_unknown_values),
      cmocka_unit_test(test_mean_and_median),
      cmocka_unit_test(test_round2),
      cmocka_unit_test(test_all_programs_row),
      cmocka_unit_test(test_month_without_rows),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
