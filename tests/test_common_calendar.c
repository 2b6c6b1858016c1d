/* Tests of pipeline/common/calendar.h: every day of years 1 to 2500, and
 * the days that are not, as GLib's GDate counts and checks them. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/calendar.h"

static void test_leap_years_as_glib(void **state)
{
  (void)state;
  for (int year = 1; year <= 2500; year++)
    assert_int_equal(calendar_is_leap_year(year), g_date_is_leap_year((GDateYear)year));
}

/* Days 0 to 32 of months 0 to 13: valid exactly when GDate says so, and a
 * valid one numbered as GDate numbers it. */
static void test_every_day_as_glib(void **state)
{
  (void)state;
  for (int year = 1; year <= 2500; year++)
    for (int month = 0; month <= 13; month++)
      for (int day = 0; day <= 32; day++) {
        gboolean valid =
            g_date_valid_dmy((GDateDay)day, (GDateMonth)month, (GDateYear)year) == TRUE;
        assert_int_equal(calendar_date_valid(year, month, day), valid);
        if (!valid)
          continue;
        GDate date;
        g_date_clear(&date, 1);
        g_date_set_dmy(&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
        assert_int_equal(calendar_julian_day(year, month, day), g_date_get_julian(&date));
      }
}

static void test_year_zero_is_not_a_date(void **state)
{
  (void)state;
  assert_false(calendar_date_valid(0, 1, 1));
  assert_false(calendar_date_valid(-4, 2, 29));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_leap_years_as_glib),
      cmocka_unit_test(test_every_day_as_glib),
      cmocka_unit_test(test_year_zero_is_not_a_date),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
