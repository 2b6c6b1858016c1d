/* Tests of report/months.c: YYYY-MM parsing and stepping, the month's last
 * day, and the workbook creation time, which must not depend on the local
 * time zone. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "report/months.h"

#include <stdlib.h>

static void test_parse(void **state)
{
  (void)state;
  int year = 0;
  int month = 0;
  assert_true(report_month_parse("2026-10", &year, &month));
  assert_int_equal(year, 2026);
  assert_int_equal(month, 10);
  assert_false(report_month_parse("2026-13", NULL, NULL));
  assert_false(report_month_parse("2026-00", NULL, NULL));
  assert_false(report_month_parse("2026-1", NULL, NULL));
  assert_false(report_month_parse("2026-10-01", NULL, NULL));
  assert_false(report_month_parse("20x6-10", NULL, NULL));
  assert_false(report_month_parse(NULL, NULL, NULL));
}

static void test_add_crosses_years(void **state)
{
  (void)state;
  g_autofree char *previous = report_month_add("2026-01", -1);
  g_autofree char *next = report_month_add("2026-12", 1);
  g_autofree char *year_back = report_month_add("2026-10", -11);
  g_autofree char *bad = report_month_add("2026-1", 1);
  assert_string_equal(previous, "2025-12");
  assert_string_equal(next, "2027-01");
  assert_string_equal(year_back, "2025-11");
  assert_null(bad);
}

static void test_distance(void **state)
{
  (void)state;
  int months = -1;
  assert_true(report_month_distance("2022-03", "2022-09", &months));
  assert_int_equal(months, 6);
  assert_true(report_month_distance("2022-03-01", "2023-08", &months)); /* a date's month */
  assert_int_equal(months, 17);
  assert_true(report_month_distance("2023-08", "2023-02", &months));
  assert_int_equal(months, -6);
  assert_false(report_month_distance("", "2023-02", &months));
  assert_false(report_month_distance("2023-02", "2023-13", &months));
  assert_false(report_month_distance(NULL, "2023-02", &months));
}

static void test_last_day(void **state)
{
  (void)state;
  g_autofree char *october = report_month_last_day("2026-10");
  g_autofree char *february = report_month_last_day("2026-02");
  g_autofree char *leap = report_month_last_day("2028-02");
  assert_string_equal(october, "2026-10-31");
  assert_string_equal(february, "2026-02-28");
  assert_string_equal(leap, "2028-02-29");
}

static void test_end_time_is_utc_whatever_the_zone(void **state)
{
  (void)state;
  const char *zones[] = {"UTC", "Pacific/Auckland", "America/Los_Angeles"};
  for (gsize i = 0; i < G_N_ELEMENTS(zones); i++) {
    setenv("TZ", zones[i], 1);
    tzset();
    time_t end = 0;
    assert_true(report_month_end_time("2026-10", &end));
    assert_int_equal(end, 1793491199); /* 2026-10-31T23:59:59Z */
    assert_true(report_month_end_time("2028-02", &end));
    assert_int_equal(end, 1835481599); /* 2028-02-29T23:59:59Z */
  }
  time_t unused = 0;
  assert_false(report_month_end_time("October", &unused));
}

static void test_to_datetime(void **state)
{
  (void)state;
  lxw_datetime datetime;
  assert_true(report_month_to_datetime("2026-10", &datetime));
  assert_int_equal(datetime.year, 2026);
  assert_int_equal(datetime.month, 10);
  assert_int_equal(datetime.day, 1);
  assert_int_equal(datetime.hour, 0);
  /* Excel has no dates before 1900. */
  assert_false(report_month_to_datetime("1899-12", &datetime));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse),       cmocka_unit_test(test_add_crosses_years),
      cmocka_unit_test(test_last_day),    cmocka_unit_test(test_end_time_is_utc_whatever_the_zone),
      cmocka_unit_test(test_to_datetime), cmocka_unit_test(test_distance),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
