/* Tests of score/inputs.c: the checks on normalized rows and the choice of
 * the snapshot that counts for a month. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "score/inputs.h"
#include "test_support.h"

#include <math.h>

static ScoreDay day_of(const char *text)
{
  ScoreDay day = 0;
  assert_true(score_day_parse(text, &day, NULL));
  return day;
}

static void assert_input_error(GError *error, const char *message)
{
  assert_non_null(error);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message, message);
}

static void test_program_months(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = score_inputs_new();
  assert_true(score_inputs_add_program(inputs, "solar", "2025-07-15", "2026-03-31", "", NULL));
  assert_true(score_inputs_add_program(inputs, "sales", "2025-11-01", "", "", NULL));
  const ScoreProgram *solar = score_inputs_find_program(inputs, "solar");
  assert_int_equal(solar->start_month, 2025 * 12 + 6);
  assert_int_equal(solar->end_month, 2026 * 12 + 2);
  assert_int_equal(score_inputs_find_program(inputs, "sales")->end_month, G_MAXINT);
  assert_null(score_inputs_find_program(inputs, "other"));
}

static void test_program_refused(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = score_inputs_new();
  g_autoptr(GError) error = NULL;
  assert_false(score_inputs_add_program(inputs, "p", "01.04.2025", "", "", &error));
  assert_input_error(error, "start: expected a date YYYY-MM-DD, got \"01.04.2025\"");
  g_clear_error(&error);
  assert_false(score_inputs_add_program(inputs, "p", "2025-04-01", "2025-03-31", "", &error));
  assert_input_error(error, "end: expected a day on or after start 2025-04-01, got \"2025-03-31\"");
  g_clear_error(&error);
  assert_true(score_inputs_add_program(inputs, "p", "2025-04-01", "", "", NULL));
  assert_false(score_inputs_add_program(inputs, "p", "2025-05-01", "", "", &error));
  assert_input_error(error, "program: \"p\" appears twice");
  g_clear_error(&error);
  assert_false(score_inputs_add_program(inputs, "", "2025-05-01", "", "", &error));
  assert_input_error(error, "program: expected a value, got an empty field");
}

static void test_membership(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = score_inputs_new();
  g_autoptr(GError) error = NULL;
  assert_true(score_inputs_add_program(inputs, "p", "2025-04-01", "", "", NULL));
  ScoreMembershipText text = {"a1", "Anna Berg", "p", "DE", "2025-04-10", "2025-09-30"};
  assert_true(score_inputs_add_membership(inputs, &text, &error));
  text.left = "";
  assert_true(score_inputs_add_membership(inputs, &text, &error));
  assert_int_equal(inputs->memberships->len, 2);
  const ScoreMembership *first = g_ptr_array_index(inputs->memberships, 0);
  const ScoreMembership *second = g_ptr_array_index(inputs->memberships, 1);
  assert_string_equal(first->name, "Anna Berg");
  assert_int_equal(first->joined, day_of("2025-04-10"));
  assert_int_equal(first->left, day_of("2025-09-30"));
  assert_int_equal(second->left, SCORE_DAY_NONE);

  text.program = "q";
  assert_false(score_inputs_add_membership(inputs, &text, &error));
  assert_input_error(error, "program: \"q\" is not a program of programs.csv");
  g_clear_error(&error);
  text.program = "p";
  text.joined = "";
  assert_false(score_inputs_add_membership(inputs, &text, &error));
  assert_input_error(error, "joined: expected a date YYYY-MM-DD, got \"\"");
  g_clear_error(&error);
  text.joined = "2025-04-10";
  text.team = "";
  assert_false(score_inputs_add_membership(inputs, &text, &error));
  assert_input_error(error, "team: expected a value, got an empty field");
}

static void test_snapshot_values(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = score_inputs_new();
  ScoreSnapshotText full = {"a1", "2025-04-21", "34.01", "10.75", "7.07", "9.14", "7.05", "69", ""};
  ScoreSnapshotText total_only = {"a1", "2025-05-03", "41.5", "", "", "", "", "", "12.5"};
  assert_true(score_inputs_add_snapshot(inputs, &full, NULL));
  assert_true(score_inputs_add_snapshot(inputs, &total_only, NULL));
  const ScoreSnapshot *april =
      score_inputs_latest_snapshot(inputs, "a1", day_of("2025-04-01"), day_of("2025-04-30"));
  assert_non_null(april);
  test_assert_near(april->values.ssi, 34.01, 1e-12);
  test_assert_near(april->values.pillar[SCORE_PILLAR_BRAND], 10.75, 1e-12);
  test_assert_near(april->values.pillar[SCORE_PILLAR_RELATIONSHIPS], 7.05, 1e-12);
  test_assert_near(april->industry_rank, 69, 0);
  assert_true(isnan(april->network_rank));
  const ScoreSnapshot *may =
      score_inputs_latest_snapshot(inputs, "a1", day_of("2025-05-01"), day_of("2025-05-31"));
  test_assert_near(may->values.ssi, 41.5, 1e-12);
  for (guint p = 0; p < SCORE_PILLARS; p++)
    assert_true(isnan(may->values.pillar[p]));
  test_assert_near(may->network_rank, 12.5, 1e-12);
}

static void test_snapshot_refused(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = score_inputs_new();
  g_autoptr(GError) error = NULL;
  ScoreSnapshotText three = {"a1", "2025-04-21", "30", "10", "10", "10", "", "", ""};
  assert_false(score_inputs_add_snapshot(inputs, &three, &error));
  assert_input_error(error,
                     "brand, people, insights, relationships: expected all four or none, got 3");
  g_clear_error(&error);
  ScoreSnapshotText comma = {"a1", "2025-04-21", "39,90", "", "", "", "", "", ""};
  assert_false(score_inputs_add_snapshot(inputs, &comma, &error));
  assert_input_error(error, "ssi: expected a number, got \"39,90\"");
  g_clear_error(&error);
  ScoreSnapshotText no_total = {"a1", "2025-04-21", "", "10", "10", "10", "10", "", ""};
  assert_false(score_inputs_add_snapshot(inputs, &no_total, &error));
  assert_input_error(error, "ssi: expected a value, got an empty field");
  g_clear_error(&error);
  ScoreSnapshotText rank = {"a1", "2025-04-21", "40", "", "", "", "", "Top 5%", ""};
  assert_false(score_inputs_add_snapshot(inputs, &rank, &error));
  assert_input_error(error, "industry_rank: expected a number, got \"Top 5%\"");
  assert_int_equal(inputs->snapshot_count, 0);
}

static void snapshot_add(ScoreInputs *inputs, const char *id, const char *date, const char *ssi)
{
  ScoreSnapshotText text = {id, date, ssi, "", "", "", "", "", ""};
  assert_true(score_inputs_add_snapshot(inputs, &text, NULL));
}

static double latest_in(const ScoreInputs *inputs, const char *id, const char *first,
                        const char *last)
{
  const ScoreSnapshot *found =
      score_inputs_latest_snapshot(inputs, id, day_of(first), day_of(last));
  return found != NULL ? found->values.ssi : NAN;
}

/* The latest day inside the range counts, whatever order rows came in; the
 * same day twice keeps the later row. */
static void test_latest_snapshot(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = score_inputs_new();
  snapshot_add(inputs, "a1", "2025-05-02", "50");
  snapshot_add(inputs, "a1", "2025-04-20", "42");
  snapshot_add(inputs, "a1", "2025-04-05", "40");
  snapshot_add(inputs, "a1", "2025-04-30", "44");
  snapshot_add(inputs, "a1", "2025-04-30", "45");
  snapshot_add(inputs, "b2", "2025-03-31", "60");
  assert_int_equal(inputs->snapshot_count, 5);
  test_assert_near(latest_in(inputs, "a1", "2025-04-01", "2025-04-30"), 45, 0);
  test_assert_near(latest_in(inputs, "a1", "2025-04-01", "2025-04-29"), 42, 0);
  test_assert_near(latest_in(inputs, "a1", "2025-05-01", "2025-05-31"), 50, 0);
  assert_true(isnan(latest_in(inputs, "a1", "2025-03-01", "2025-03-31")));
  assert_true(isnan(latest_in(inputs, "a1", "2025-06-01", "2025-06-30")));
  assert_true(isnan(latest_in(inputs, "b2", "2025-04-01", "2025-04-30")));
  assert_true(isnan(latest_in(inputs, "c3", "2025-04-01", "2025-04-30")));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_program_months),   cmocka_unit_test(test_program_refused),
      cmocka_unit_test(test_membership),       cmocka_unit_test(test_snapshot_values),
      cmocka_unit_test(test_snapshot_refused), cmocka_unit_test(test_latest_snapshot),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
