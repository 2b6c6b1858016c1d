/* Tests of score/months.c: month numbers, as_of(M), window(M) and the
 * normalized date form. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "score/months.h"

static ScoreDay day_of(int year, int month, int day)
{
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_dmy(&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  return g_date_get_julian(&date);
}

static ScoreMonth month_of(const char *text)
{
  ScoreMonth month = 0;
  g_autoptr(GError) error = NULL;
  assert_true(score_month_parse(text, &month, &error));
  return month;
}

static void test_month_parse_and_format(void **state)
{
  (void)state;
  char buf[SCORE_MONTH_TEXT_SIZE];
  assert_int_equal(month_of("2025-04"), 2025 * 12 + 3);
  assert_int_equal(month_of("2026-01") - month_of("2025-12"), 1);
  score_month_format(month_of("2025-12") + 1, buf);
  assert_string_equal(buf, "2026-01");
  score_month_format(month_of("2003-01"), buf);
  assert_string_equal(buf, "2003-01");
}

static void assert_month_refused(const char *text)
{
  ScoreMonth month = 0;
  g_autoptr(GError) error = NULL;
  assert_false(score_month_parse(text, &month, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE));
  g_autofree char *expected =
      g_strdup_printf("expected a month YYYY-MM from 2003-01 to 2100-12, got \"%s\"", text);
  assert_string_equal(error->message, expected);
}

static void test_month_parse_refuses(void **state)
{
  (void)state;
  assert_month_refused("2025-4");
  assert_month_refused("2025-13");
  assert_month_refused("2025-00");
  assert_month_refused("2002-12");
  assert_month_refused("2101-01");
  assert_month_refused("2025-04-01");
  assert_month_refused("2025/04");
  assert_month_refused("+025-04");
  assert_month_refused("");
}

static void test_month_days(void **state)
{
  (void)state;
  assert_int_equal(score_month_first_day(month_of("2025-04")), day_of(2025, 4, 1));
  assert_int_equal(score_month_as_of(month_of("2025-04")), day_of(2025, 4, 30));
  assert_int_equal(score_month_as_of(month_of("2024-02")), day_of(2024, 2, 29));
  assert_int_equal(score_month_as_of(month_of("2025-02")), day_of(2025, 2, 28));
  assert_int_equal(score_month_as_of(month_of("2025-12")), day_of(2025, 12, 31));
  assert_int_equal(score_month_of_day(day_of(2025, 12, 31)), month_of("2025-12"));
  assert_int_equal(score_month_of_day(day_of(2026, 1, 1)), month_of("2026-01"));
}

static void test_month_window(void **state)
{
  (void)state;
  ScoreDay first = 0;
  ScoreDay last = 0;
  /* 31 + 28 + 31 days: the 90 days ending 2025-03-31 start on 2025-01-01. */
  score_month_window(month_of("2025-03"), 90, &first, &last);
  assert_int_equal(first, day_of(2025, 1, 1));
  assert_int_equal(last, day_of(2025, 3, 31));
  /* In a leap year the same window starts a day later. */
  score_month_window(month_of("2024-03"), 90, &first, &last);
  assert_int_equal(first, day_of(2024, 1, 2));
  score_month_window(month_of("2025-06"), 1, &first, &last);
  assert_int_equal(first, day_of(2025, 6, 30));
  assert_int_equal(last, day_of(2025, 6, 30));
}

static void test_day_parse(void **state)
{
  (void)state;
  ScoreDay day = 0;
  g_autoptr(GError) error = NULL;
  assert_true(score_day_parse("2024-02-29", &day, &error));
  assert_int_equal(day, day_of(2024, 2, 29));
  const char *refused[] = {"2025-02-29", "31.10.2026",  "2025-4-01",   "2025-04-01 10:00",
                           "",           "2025-04-0",   "2025-04-011", "2025/04/01",
                           "+025-04-01", " 2025-04-01", "2025-04-0a",  "2025-0-401"};
  for (guint i = 0; i < G_N_ELEMENTS(refused); i++) {
    g_clear_error(&error);
    assert_false(score_day_parse(refused[i], &day, &error));
    assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
    g_autofree char *expected =
        g_strdup_printf("expected a date YYYY-MM-DD, got \"%s\"", refused[i]);
    assert_string_equal(error->message, expected);
  }
}

/* The same days as GDate accepts, with its Julian day numbers: years
 * 0000 to 2500 with every month and day number 00 to 39. */
static void test_day_parse_as_gdate(void **state)
{
  (void)state;
  for (int year = 0; year <= 2500; year++)
    for (int month = 0; month <= 13; month++)
      for (int mday = 0; mday <= 39; mday++) {
        char text[16];
        g_snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, mday);
        ScoreDay day = 0;
        gboolean valid = year >= 1 && month >= 1 && month <= 12 &&
                         g_date_valid_dmy((GDateDay)mday, (GDateMonth)month, (GDateYear)year);
        assert_int_equal(score_day_parse(text, &day, NULL), valid);
        if (valid)
          assert_int_equal(day, day_of(year, month, mday));
      }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_month_parse_and_format),
      cmocka_unit_test(test_month_parse_refuses),
      cmocka_unit_test(test_month_days),
      cmocka_unit_test(test_month_window),
      cmocka_unit_test(test_day_parse),
      cmocka_unit_test(test_day_parse_as_gdate),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
