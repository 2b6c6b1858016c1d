/* Tests of pipeline/ingest/dates.c: every date form of the inputs, and the
 * exact messages for text that is not a date. */
#include "common/errors.h"
#include "ingest/dates.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

/* The day as YYYY-MM-DD, or the error message. */
static char *parse(const char *text, DateForms forms)
{
  GDate date;
  g_autoptr(GError) error = NULL;
  if (!ingest_date_parse(text, forms, &date, &error)) {
    assert_non_null(error);
    assert_int_equal(error->domain, PIPELINE_ERROR);
    assert_int_equal(error->code, PIPELINE_ERROR_INPUT);
    return g_strdup(error->message);
  }
  assert_null(error);
  char buf[11];
  ingest_date_format(&date, buf);
  return g_strdup(buf);
}

#define assert_date(text, forms, expected)                                                         \
  do {                                                                                             \
    g_autofree char *got = parse(text, forms);                                                     \
    assert_string_equal(got, expected);                                                            \
  } while (0)

static void test_iso(void **state)
{
  (void)state;
  assert_date("2026-02-09", DATE_FORM_ISO, "2026-02-09");
  assert_date("  2026-02-09 ", DATE_FORM_ISO, "2026-02-09");
  assert_date("2026-02-09 01:21:47", DATE_FORM_ISO, "2026-02-09");
  assert_date("2025-06-01 14:03:22 UTC", DATE_FORM_ISO, "2025-06-01");
  assert_date("2025-06-01 23:59", DATE_FORM_ISO, "2025-06-01");
  assert_date("2024-02-29", DATE_FORM_ISO, "2024-02-29");
}

static void test_german(void **state)
{
  (void)state;
  assert_date("31.10.2026", DATE_FORM_GERMAN, "2026-10-31");
  assert_date("1.2.2026", DATE_FORM_GERMAN, "2026-02-01");
  assert_date("01.02.2026", DATE_FORM_ISO | DATE_FORM_GERMAN, "2026-02-01");
}

static void test_day_month_year(void **state)
{
  (void)state;
  assert_date("08 Feb 2026", DATE_FORM_DAY_MONTH, "2026-02-08");
  assert_date("8 Feb 2026", DATE_FORM_DAY_MONTH, "2026-02-08");
  assert_date("11 mar 2026", DATE_FORM_DAY_MONTH, "2026-03-11");
  assert_date("7 JUNE 2026", DATE_FORM_DAY_MONTH, "2026-06-07");
  assert_date("30 September 2025", DATE_FORM_DAY_MONTH, "2025-09-30");
  assert_date("30 Sept 2025", DATE_FORM_DAY_MONTH, "2025-09-30");
}

static void test_us_short(void **state)
{
  (void)state;
  assert_date("1/29/26, 2:37 PM", DATE_FORM_US_SHORT, "2026-01-29");
  assert_date("08/30/22, 05:51 PM", DATE_FORM_US_SHORT, "2022-08-30");
  assert_date("12/31/25, 11:59 AM", DATE_FORM_US_SHORT, "2025-12-31");
  assert_date("1/29/2026", DATE_FORM_US_SHORT, "2026-01-29");
  assert_date("1/29/2026 14:37", DATE_FORM_US_SHORT, "2026-01-29");
  assert_date("1/29/26 2:37PM", DATE_FORM_US_SHORT, "2026-01-29");
  assert_date("1/29/26,", DATE_FORM_US_SHORT, "not a date: \"1/29/26,\" (expected M/D/YY)");
  assert_date("2/13/2026", DATE_FORM_ANY, "2026-02-13");
  /* Month first: 29 is no month. */
  assert_date("29/1/26", DATE_FORM_US_SHORT, "not a date: \"29/1/26\" (expected M/D/YY)");
  assert_date("1/29/26, 13:37 PM", DATE_FORM_US_SHORT,
              "not a date: \"1/29/26, 13:37 PM\" (expected M/D/YY)");
  assert_date("1/29/226", DATE_FORM_US_SHORT, "not a date: \"1/29/226\" (expected M/D/YY)");
}

static void test_slash_iso(void **state)
{
  (void)state;
  assert_date("2024/02/01 15:02:55 UTC", DATE_FORM_SLASH_ISO, "2024-02-01");
  assert_date("2024/02/01", DATE_FORM_SLASH_ISO, "2024-02-01");
}

static void test_month_year(void **state)
{
  (void)state;
  assert_date("Jan 2024", DATE_FORM_MONTH_YEAR, "2024-01-01");
  assert_date("december 2023", DATE_FORM_MONTH_YEAR, "2023-12-01");
}

static void test_form_not_allowed(void **state)
{
  (void)state;
  assert_date("08 Feb 2026", DATE_FORM_ISO | DATE_FORM_GERMAN,
              "not a date: \"08 Feb 2026\" (expected YYYY-MM-DD or DD.MM.YYYY)");
  assert_date("2026-02-09", DATE_FORM_GERMAN | DATE_FORM_US_SHORT | DATE_FORM_MONTH_YEAR,
              "not a date: \"2026-02-09\" (expected DD.MM.YYYY, M/D/YY or Mon YYYY)");
  assert_date("x", DATE_FORM_ANY,
              "not a date: \"x\" (expected YYYY-MM-DD, DD.MM.YYYY, DD Mon YYYY, M/D/YY, "
              "YYYY/MM/DD or Mon YYYY)");
}

static void test_invalid_calendar_days(void **state)
{
  (void)state;
  assert_date("32.13.2025", DATE_FORM_ISO | DATE_FORM_GERMAN,
              "not a date: \"32.13.2025\" (expected YYYY-MM-DD or DD.MM.YYYY)");
  assert_date("31.02.2026", DATE_FORM_GERMAN, "not a date: \"31.02.2026\" (expected DD.MM.YYYY)");
  assert_date("2025-02-29", DATE_FORM_ISO, "not a date: \"2025-02-29\" (expected YYYY-MM-DD)");
  assert_date("2026-00-10", DATE_FORM_ISO, "not a date: \"2026-00-10\" (expected YYYY-MM-DD)");
  assert_date("2/30/26", DATE_FORM_US_SHORT, "not a date: \"2/30/26\" (expected M/D/YY)");
  assert_date("31 Apr 2026", DATE_FORM_DAY_MONTH,
              "not a date: \"31 Apr 2026\" (expected DD Mon YYYY)");
  assert_date("2026-02-09 25:00:00", DATE_FORM_ISO,
              "not a date: \"2026-02-09 25:00:00\" (expected YYYY-MM-DD)");
}

static void test_implausible_years(void **state)
{
  (void)state;
  assert_date("1999-01-01", DATE_FORM_ISO, "implausible date \"1999-01-01\" (years 2003 to 2100)");
  assert_date("01.01.2101", DATE_FORM_GERMAN,
              "implausible date \"01.01.2101\" (years 2003 to 2100)");
  assert_date("1/1/02", DATE_FORM_US_SHORT, "implausible date \"1/1/02\" (years 2003 to 2100)");
  assert_date("2003-01-01", DATE_FORM_ISO, "2003-01-01");
  assert_date("2100-12-31", DATE_FORM_ISO, "2100-12-31");
}

static void test_trailing_junk(void **state)
{
  (void)state;
  assert_date("2026-02-09x", DATE_FORM_ISO, "not a date: \"2026-02-09x\" (expected YYYY-MM-DD)");
  assert_date("2026-02-09 01:21:47 CET", DATE_FORM_ISO,
              "not a date: \"2026-02-09 01:21:47 CET\" (expected YYYY-MM-DD)");
  assert_date("31.10.2026 12:00", DATE_FORM_GERMAN,
              "not a date: \"31.10.2026 12:00\" (expected DD.MM.YYYY)");
  assert_date("08 Febr 2026", DATE_FORM_DAY_MONTH,
              "not a date: \"08 Febr 2026\" (expected DD Mon YYYY)");
  assert_date("20260-02-09", DATE_FORM_ISO, "not a date: \"20260-02-09\" (expected YYYY-MM-DD)");
  assert_date("", DATE_FORM_ISO, "not a date: \"\" (expected YYYY-MM-DD)");
}

/* Every day the inputs may hold, in each form LinkedIn writes a row's date
 * in: the day, its Julian number included, is GLib's for it. */
static void test_every_day_as_glib(void **state)
{
  (void)state;
  static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  GDate day;
  g_date_clear(&day, 1);
  g_date_set_dmy(&day, 1, G_DATE_JANUARY, 2003);
  for (; g_date_get_year(&day) < 2100; g_date_add_days(&day, 1)) {
    int y = g_date_get_year(&day), m = g_date_get_month(&day), d = g_date_get_day(&day);
    g_autofree char *iso = g_strdup_printf("%04d-%02d-%02d 23:59:60 UTC", y, m, d);
    g_autofree char *slash = g_strdup_printf("%04d/%02d/%02d", y, m, d);
    g_autofree char *day_month = g_strdup_printf("%d %s %04d", d, months[m - 1], y);
    g_autofree char *us = g_strdup_printf("%d/%02d/%02d, 12:05 AM", m, d, y % 100);
    const char *texts[] = {iso, slash, day_month, us};
    for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
      GDate got;
      assert_true(ingest_date_parse(texts[i], DATE_FORM_ANY, &got, NULL));
      assert_int_equal(g_date_get_julian(&got), g_date_get_julian(&day));
      assert_int_equal(g_date_get_day(&got), d);
      assert_int_equal(g_date_get_month(&got), m);
      assert_int_equal(g_date_get_year(&got), y);
    }
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_iso),
      cmocka_unit_test(test_german),
      cmocka_unit_test(test_day_month_year),
      cmocka_unit_test(test_us_short),
      cmocka_unit_test(test_slash_iso),
      cmocka_unit_test(test_month_year),
      cmocka_unit_test(test_form_not_allowed),
      cmocka_unit_test(test_invalid_calendar_days),
      cmocka_unit_test(test_implausible_years),
      cmocka_unit_test(test_trailing_junk),
      cmocka_unit_test(test_every_day_as_glib),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
