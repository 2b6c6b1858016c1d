/* Tests of score/fields.c: the normalized forms each field reader accepts
 * and the messages for anything else. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "score/fields.h"

#include <math.h>
#include <string.h>

static void assert_refused(GError *error, const char *message)
{
  assert_non_null(error);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message, message);
}

static void test_count(void **state)
{
  (void)state;
  gint64 count = 0;
  assert_true(score_field_count("count", "3", FALSE, &count, NULL));
  assert_int_equal(count, 3);
  assert_true(score_field_count("count", "0", FALSE, &count, NULL));
  assert_int_equal(count, 0);
  assert_true(score_field_count("count", "12.0", FALSE, &count, NULL));
  assert_int_equal(count, 12);
  assert_true(score_field_count("impressions", "", TRUE, &count, NULL));
  assert_int_equal(count, -1);
  const char *bad[] = {"-1", "2.5", "x", " 3", ""};
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    g_autoptr(GError) error = NULL;
    assert_false(score_field_count("count", bad[i], FALSE, &count, &error));
    g_autofree char *message =
        g_strdup_printf("count: expected a whole number from 0, got \"%s\"", bad[i]);
    assert_refused(error, message);
  }
}

static void test_flag(void **state)
{
  (void)state;
  gboolean flag = FALSE;
  assert_true(score_field_flag("summary_set", "1", &flag, NULL));
  assert_true(flag);
  assert_true(score_field_flag("summary_set", "0", &flag, NULL));
  assert_false(flag);
  g_autoptr(GError) error = NULL;
  assert_false(score_field_flag("summary_set", "yes", &flag, &error));
  assert_refused(error, "summary_set: expected 1 or 0, got \"yes\"");
}

static void test_day_and_number(void **state)
{
  (void)state;
  ScoreDay day = 1;
  assert_true(score_field_day("left", "", TRUE, &day, NULL));
  assert_int_equal(day, SCORE_DAY_NONE);
  g_autoptr(GError) error = NULL;
  assert_false(score_field_day("date", "08 Feb 2026", FALSE, &day, &error));
  assert_refused(error, "date: expected a date YYYY-MM-DD, got \"08 Feb 2026\"");
  g_clear_error(&error);
  double value = 0;
  assert_true(score_field_number("ssi", "12.5", FALSE, &value, NULL));
  assert_true(value == 12.5);
  assert_true(score_field_number("brand", "", TRUE, &value, NULL));
  assert_true(isnan(value));
  assert_false(score_field_number("ssi", "", FALSE, &value, &error));
  assert_refused(error, "ssi: expected a value, got an empty field");
  g_clear_error(&error);
  assert_false(score_field_number("ssi", "12,5", FALSE, &value, &error));
  assert_refused(error, "ssi: expected a number, got \"12,5\"");
}

static void assert_number_as_strtod(const char *text)
{
  double value = 0;
  assert_true(score_field_number("ssi", text, FALSE, &value, NULL));
  double expected = g_ascii_strtod(text, NULL);
  if (memcmp(&value, &expected, sizeof value) != 0)
    fail_msg("\"%s\" read as %.17g, strtod gives %.17g", text, value, expected);
}

/* Plain decimals are read without strtod: to the same bits, sign of zero
 * included, at any length; other forms still go through strtod. */
static void test_number_as_strtod(void **state)
{
  (void)state;
  const char *const texts[] = {"0",
                               "-0",
                               "-0.0",
                               "007.10",
                               "0.1",
                               "0.3",
                               "72.35",
                               "99.99",
                               "1e3",
                               "+1.5",
                               "1.",
                               ".5",
                               "-12.5",
                               "123456789012345",
                               "1234567890123456",
                               "0.000000000000001",
                               "9007199254740993",
                               "1.7976931348623157"};
  for (guint i = 0; i < G_N_ELEMENTS(texts); i++)
    assert_number_as_strtod(texts[i]);
  GRand *rand = g_rand_new_with_seed(7);
  for (guint i = 0; i < 100000; i++) {
    char text[64];
    g_snprintf(text, sizeof text, "%.*f", g_rand_int_range(rand, 0, 9),
               g_rand_double_range(rand, -1e6, 1e6));
    assert_number_as_strtod(text);
  }
  g_rand_free(rand);
  double value = 0;
  assert_false(score_field_number("ssi", "1.2.3", FALSE, &value, NULL));
  assert_false(score_field_number("ssi", "-", FALSE, &value, NULL));
  assert_false(score_field_number("ssi", " 1", FALSE, &value, NULL));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_count),
      cmocka_unit_test(test_flag),
      cmocka_unit_test(test_day_and_number),
      cmocka_unit_test(test_number_as_strtod),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
