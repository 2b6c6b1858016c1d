/* Tests of pipeline/ingest/numbers.c: both decimal marks, thousands groups,
 * ranks in every form, counts, and the exact messages for what is refused. */
#include "common/errors.h"
#include "ingest/numbers.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

static void assert_number(const char *text, char mark, double expected)
{
  double value = -1;
  g_autoptr(GError) error = NULL;
  assert_true(ingest_number_parse(text, mark, &value, &error));
  assert_null(error);
  assert_true(value == expected);
}

/* message is what the user reads; the value must stay untouched. */
static void assert_refused(gboolean (*parse)(const char *, char, double *, GError **),
                           const char *text, char mark, const char *message)
{
  double value = -7;
  g_autoptr(GError) error = NULL;
  assert_false(parse(text, mark, &value, &error));
  assert_non_null(error);
  assert_int_equal(error->domain, PIPELINE_ERROR);
  assert_int_equal(error->code, PIPELINE_ERROR_INPUT);
  assert_string_equal(error->message, message);
  assert_true(value == -7);
}

static void test_point_decimal_comma_groups(void **state)
{
  (void)state;
  assert_number("39.90", '.', 39.9);
  assert_number(" 19.705751 ", '.', 19.705751);
  assert_number("1,234", '.', 1234);
  assert_number("1,234.5", '.', 1234.5);
  assert_number("12,345,678.25", '.', 12345678.25);
  assert_number("-3.5", '.', -3.5);
  assert_number("+7", '.', 7);
  assert_number("1.234", '.', 1.234);
  assert_number("0", '.', 0);
  assert_refused(ingest_number_parse, "39,90", '.', "not a number: \"39,90\"");
  assert_refused(ingest_number_parse, "1,2345", '.', "not a number: \"1,2345\"");
  assert_refused(ingest_number_parse, "1234,567", '.', "not a number: \"1234,567\"");
  assert_refused(ingest_number_parse, "1,234,5", '.', "not a number: \"1,234,5\"");
}

static void test_comma_decimal_point_groups(void **state)
{
  (void)state;
  assert_number("39,90", ',', 39.9);
  assert_number("1.234", ',', 1234);
  assert_number("1.234,5", ',', 1234.5);
  assert_number("1234,5", ',', 1234.5);
  assert_number("-0,25", ',', -0.25);
  assert_number("1,234", ',', 1.234);
  assert_refused(ingest_number_parse, "39.90", ',', "not a number: \"39.90\"");
  assert_refused(ingest_number_parse, "1,234.5", ',', "not a number: \"1,234.5\"");
  assert_refused(ingest_number_parse, "1.23.456", ',', "not a number: \"1.23.456\"");
}

static void test_not_numbers(void **state)
{
  (void)state;
  assert_refused(ingest_number_parse, "abc", '.', "not a number: \"abc\"");
  assert_refused(ingest_number_parse, "NaN", '.', "not a number: \"NaN\"");
  assert_refused(ingest_number_parse, "inf", '.', "not a number: \"inf\"");
  assert_refused(ingest_number_parse, "-Infinity", ',', "not a number: \"-Infinity\"");
  assert_refused(ingest_number_parse, "1e5", '.', "not a number: \"1e5\"");
  assert_refused(ingest_number_parse, "0x1A", '.', "not a number: \"0x1A\"");
  assert_refused(ingest_number_parse, "", '.', "not a number: \"\"");
  assert_refused(ingest_number_parse, "   ", ',', "not a number: \"\"");
  assert_refused(ingest_number_parse, "12 kg", '.', "not a number: \"12 kg\"");
  assert_refused(ingest_number_parse, "5.", '.', "not a number: \"5.\"");
  assert_refused(ingest_number_parse, ".5", '.', "not a number: \".5\"");
  assert_refused(ingest_number_parse, "--5", '.', "not a number: \"--5\"");
}

static void assert_rank(const char *text, char mark, double expected)
{
  double value = -1;
  g_autoptr(GError) error = NULL;
  assert_true(ingest_rank_parse(text, mark, &value, &error));
  assert_null(error);
  assert_true(value == expected);
}

static void test_ranks(void **state)
{
  (void)state;
  assert_rank("5", '.', 5);
  assert_rank("5%", '.', 5);
  assert_rank("Top 5%", '.', 5);
  assert_rank("Top 5 %", '.', 5);
  assert_rank("top 5%", ',', 5);
  assert_rank(" TOP 12.5% ", '.', 12.5);
  assert_rank("Top 2,5%", ',', 2.5);
  assert_rank("0", '.', 0);
  assert_rank("100%", '.', 100);
  assert_refused(ingest_rank_parse, "Top 120%", '.', "rank out of range: \"Top 120%\"");
  assert_refused(ingest_rank_parse, "-1", '.', "rank out of range: \"-1\"");
  assert_refused(ingest_rank_parse, "Top five%", '.',
                 "not a rank: \"Top five%\" (expected N, N% or Top N%)");
  assert_refused(ingest_rank_parse, "Topp 5%", '.',
                 "not a rank: \"Topp 5%\" (expected N, N% or Top N%)");
  assert_refused(ingest_rank_parse, "5%%", '.', "not a rank: \"5%%\" (expected N, N% or Top N%)");
  assert_refused(ingest_rank_parse, "NaN%", '.', "not a rank: \"NaN%\" (expected N, N% or Top N%)");
}

static void assert_count(const char *text, char mark, gint64 expected)
{
  gint64 value = -1;
  g_autoptr(GError) error = NULL;
  assert_true(ingest_count_parse(text, mark, &value, &error));
  assert_null(error);
  assert_int_equal(value, expected);
}

static void assert_count_refused(const char *text, char mark, const char *message)
{
  gint64 value = -7;
  g_autoptr(GError) error = NULL;
  assert_false(ingest_count_parse(text, mark, &value, &error));
  assert_non_null(error);
  assert_int_equal(error->code, PIPELINE_ERROR_INPUT);
  assert_string_equal(error->message, message);
  assert_int_equal(value, -7);
}

static void test_counts(void **state)
{
  (void)state;
  assert_count("3049", '.', 3049);
  assert_count("1,234", '.', 1234);
  assert_count("1.234", ',', 1234);
  assert_count("1.234.567", ',', 1234567);
  assert_count(" 0 ", '.', 0);
  assert_count("-0", '.', 0);
  assert_count_refused("-3", '.', "negative count: \"-3\"");
  assert_count_refused("1.234", '.', "not a whole count: \"1.234\"");
  assert_count_refused("12,5", ',', "not a whole count: \"12,5\"");
  assert_count_refused("many", '.', "not a number: \"many\"");
  assert_count_refused("", '.', "not a number: \"\"");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_point_decimal_comma_groups),
      cmocka_unit_test(test_comma_decimal_point_groups),
      cmocka_unit_test(test_not_numbers),
      cmocka_unit_test(test_ranks),
      cmocka_unit_test(test_counts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
