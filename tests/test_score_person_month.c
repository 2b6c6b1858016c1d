/* Tests of score/person_month.c: which memberships give a row in which
 * month, the reported SSI of a month, the effective SSI and its band. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "score/person_month.h"
#include "test_support.h"

#include <math.h>

static ScoreMonth month_of(const char *text)
{
  ScoreMonth month = 0;
  assert_true(score_month_parse(text, &month, NULL));
  return month;
}

static void membership_add(ScoreInputs *inputs, const char *id, const char *program,
                           const char *team, const char *joined, const char *left)
{
  ScoreMembershipText text = {id, id, program, team, joined, left};
  assert_true(score_inputs_add_membership(inputs, &text, NULL));
}

static void snapshot_add(ScoreInputs *inputs, const char *id, const char *date, const char *ssi,
                         const char *pillars[4], const char *industry_rank,
                         const char *network_rank)
{
  static const char *none[4] = {"", "", "", ""};
  const char **p = pillars != NULL ? pillars : none;
  ScoreSnapshotText text = {id, date, ssi, p[0], p[1], p[2], p[3], industry_rank, network_rank};
  assert_true(score_inputs_add_snapshot(inputs, &text, NULL));
}

/* p runs from mid-March; q ended on 2025-04-10. */
static ScoreInputs *inputs_with_programs(void)
{
  ScoreInputs *inputs = score_inputs_new();
  assert_true(score_inputs_add_program(inputs, "p", "2025-03-15", "", "", NULL));
  assert_true(score_inputs_add_program(inputs, "q", "2025-01-01", "2025-04-10", "", NULL));
  return inputs;
}

/* "id program team month" of each row, for a readable comparison. */
static char *rows_describe(const GArray *rows)
{
  GString *text = g_string_new(NULL);
  for (guint i = 0; i < rows->len; i++) {
    const ScorePersonMonth *row = &g_array_index(rows, ScorePersonMonth, i);
    char month[SCORE_MONTH_TEXT_SIZE];
    score_month_format(row->month, month);
    g_string_append_printf(text, "%s %s %s %s\n", row->membership->ambassador_id,
                           row->membership->program, row->membership->team, month);
  }
  return g_string_free(text, FALSE);
}

static void test_rows_follow_memberships(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = inputs_with_programs();
  /* Joined on the last day of April: a member at April's end. */
  membership_add(inputs, "b2", "p", "DE", "2025-04-30", "");
  /* Left the day before May's end: not counted in May. */
  membership_add(inputs, "a1", "p", "DE", "2025-03-15", "2025-05-30");
  /* A move mid-April counts once, in the team of the month's end. */
  membership_add(inputs, "c3", "p", "DE", "2025-03-01", "2025-04-14");
  membership_add(inputs, "c3", "p", "AT", "2025-04-15", "");
  /* q ended in April: no row after it, none before January. */
  membership_add(inputs, "a1", "q", "KEY", "2024-11-01", "");
  /* Left on May's last day: still a member at May's end. */
  membership_add(inputs, "d4", "p", "DE", "2025-05-01", "2025-05-31");
  /* Joins after the report month. */
  membership_add(inputs, "e5", "p", "DE", "2025-07-01", "");

  g_autoptr(GArray) rows = score_person_months_build(inputs, month_of("2025-06"));
  g_autofree char *described = rows_describe(rows);
  assert_string_equal(described, "a1 p DE 2025-03\n"
                                 "a1 p DE 2025-04\n"
                                 "a1 q KEY 2025-01\n"
                                 "a1 q KEY 2025-02\n"
                                 "a1 q KEY 2025-03\n"
                                 "a1 q KEY 2025-04\n"
                                 "b2 p DE 2025-04\n"
                                 "b2 p DE 2025-05\n"
                                 "b2 p DE 2025-06\n"
                                 "c3 p DE 2025-03\n"
                                 "c3 p AT 2025-04\n"
                                 "c3 p AT 2025-05\n"
                                 "c3 p AT 2025-06\n"
                                 "d4 p DE 2025-05\n");
  const ScorePersonMonth *first = &g_array_index(rows, ScorePersonMonth, 0);
  assert_int_equal(first->program_start_month, month_of("2025-03"));
  ScoreMonth first_month = 0;
  assert_true(score_person_months_first_month(rows, &first_month));
  assert_int_equal(first_month, month_of("2025-01"));
}

/* Two memberships of one ambassador in one program at once: their rows by
 * month, those of the same month in roster order. */
static void test_overlapping_memberships(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = inputs_with_programs();
  membership_add(inputs, "f6", "p", "AT", "2025-05-01", "");
  membership_add(inputs, "a1", "p", "DE", "2025-06-01", "");
  membership_add(inputs, "f6", "p", "DE", "2025-03-15", "");
  g_autoptr(GArray) rows = score_person_months_build(inputs, month_of("2025-06"));
  g_autofree char *described = rows_describe(rows);
  assert_string_equal(described, "a1 p DE 2025-06\n"
                                 "f6 p DE 2025-03\n"
                                 "f6 p DE 2025-04\n"
                                 "f6 p AT 2025-05\n"
                                 "f6 p DE 2025-05\n"
                                 "f6 p AT 2025-06\n"
                                 "f6 p DE 2025-06\n");
}

static void test_rows_stop_at_report_month(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = inputs_with_programs();
  membership_add(inputs, "a1", "p", "DE", "2025-03-15", "");
  g_autoptr(GArray) rows = score_person_months_build(inputs, month_of("2025-02"));
  assert_int_equal(rows->len, 0);
  ScoreMonth first_month = 0;
  assert_false(score_person_months_first_month(rows, &first_month));
  g_autoptr(GArray) april = score_person_months_build(inputs, month_of("2025-04"));
  assert_int_equal(april->len, 2);
}

/* A new row knows nothing: no SSI, no estimate, no activity. */
static void test_rows_start_unknown(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = inputs_with_programs();
  membership_add(inputs, "a1", "p", "DE", "2025-03-15", "");
  g_autoptr(GArray) rows = score_person_months_build(inputs, month_of("2025-03"));
  const ScorePersonMonth *row = &g_array_index(rows, ScorePersonMonth, 0);
  assert_true(isnan(row->reported.ssi) && isnan(row->estimated.ssi) && isnan(row->effective.ssi));
  assert_true(isnan(row->industry_rank) && isnan(row->network_rank));
  for (guint i = 0; i < SCORE_ACTIVITIES; i++)
    assert_int_equal(row->activity[i], SCORE_COUNT_UNKNOWN);
  assert_int_equal(row->source, SCORE_USED_NONE);
  assert_int_equal(row->band, SCORE_BAND_NONE);
}

static const ScorePersonMonth *row_at(const GArray *rows, guint i)
{
  return &g_array_index(rows, ScorePersonMonth, i);
}

static void test_reported_from_latest_snapshot(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = inputs_with_programs();
  g_autoptr(PipelineConfig) config = config_new_default();
  membership_add(inputs, "a1", "p", "DE", "2025-03-15", "");
  membership_add(inputs, "a1", "q", "KEY", "2025-03-01", "");
  membership_add(inputs, "b2", "p", "DE", "2025-05-01", "");
  const char *full[4] = {"12", "11", "14", "12.99"};
  const char *b2_pillars[4] = {"20", "15", "20", "15"};
  snapshot_add(inputs, "a1", "2025-04-02", "49.99", full, "70", "72");
  /* The later April value is total-only: no pillars, ranks of that day. */
  snapshot_add(inputs, "a1", "2025-04-28", "50", NULL, "69", "71");
  snapshot_add(inputs, "b2", "2025-05-10", "70", b2_pillars, "", "");
  snapshot_add(inputs, "b2", "2025-06-01", "49.99", NULL, "", "");

  g_autoptr(GArray) rows = score_person_months_build(inputs, month_of("2025-06"));
  score_person_months_add_reported(rows, inputs);
  score_person_months_resolve(rows, config);
  /* a1 p 03..06, a1 q 03..04, b2 p 05..06 */
  assert_int_equal(rows->len, 8);
  const ScorePersonMonth *march = row_at(rows, 0);
  assert_true(isnan(march->reported.ssi));
  assert_int_equal(march->source, SCORE_USED_NONE);
  assert_int_equal(march->band, SCORE_BAND_NONE);
  /* One snapshot serves both of a1's memberships. */
  for (guint i = 1; i <= 5; i += 4) {
    const ScorePersonMonth *april = row_at(rows, i);
    assert_int_equal(april->month, month_of("2025-04"));
    test_assert_near(april->reported.ssi, 50, 0);
    test_assert_near(april->effective.ssi, 50, 0);
    for (guint p = 0; p < SCORE_PILLARS; p++)
      assert_true(isnan(april->effective.pillar[p]));
    test_assert_near(april->industry_rank, 69, 0);
    test_assert_near(april->network_rank, 71, 0);
    assert_int_equal(april->source, SCORE_USED_REPORTED);
    assert_int_equal(april->band, SCORE_BAND_MID);
  }
  const ScorePersonMonth *b2_may = row_at(rows, 6);
  test_assert_near(b2_may->effective.pillar[SCORE_PILLAR_PEOPLE], 15, 0);
  test_assert_near(b2_may->effective.pillar[SCORE_PILLAR_INSIGHTS], 20, 0);
  assert_int_equal(b2_may->band, SCORE_BAND_GOOD);
  assert_true(isnan(b2_may->industry_rank));
  assert_int_equal(row_at(rows, 7)->band, SCORE_BAND_LOW);
}

static void test_band_thresholds(void **state)
{
  (void)state;
  g_autoptr(PipelineConfig) config = config_new_default();
  assert_int_equal(score_band_of(NAN, config), SCORE_BAND_NONE);
  assert_int_equal(score_band_of(0, config), SCORE_BAND_LOW);
  assert_int_equal(score_band_of(49.999, config), SCORE_BAND_LOW);
  assert_int_equal(score_band_of(50, config), SCORE_BAND_MID);
  assert_int_equal(score_band_of(69.999, config), SCORE_BAND_MID);
  assert_int_equal(score_band_of(70, config), SCORE_BAND_GOOD);
  config->band_mid_from = 40;
  config->band_good_from = 60;
  assert_int_equal(score_band_of(39.99, config), SCORE_BAND_LOW);
  assert_int_equal(score_band_of(50, config), SCORE_BAND_MID);
  assert_int_equal(score_band_of(60, config), SCORE_BAND_GOOD);
  assert_string_equal(score_band_name(SCORE_BAND_LOW), "low");
  assert_string_equal(score_band_name(SCORE_BAND_MID), "mid");
  assert_string_equal(score_band_name(SCORE_BAND_GOOD), "good");
  assert_null(score_band_name(SCORE_BAND_NONE));
}

/* Two rows: one with a total-only snapshot and an estimate, one with only
 * an estimate. */
static GArray *rows_for_sources(ScoreInputs *inputs)
{
  membership_add(inputs, "a1", "p", "DE", "2025-03-15", "");
  membership_add(inputs, "b2", "p", "DE", "2025-03-15", "");
  snapshot_add(inputs, "a1", "2025-03-20", "62", NULL, "", "");
  GArray *rows = score_person_months_build(inputs, month_of("2025-03"));
  score_person_months_add_reported(rows, inputs);
  const ScoreSsi a1_estimate = {45, {10, 10, 12, 13}};
  const ScoreSsi b2_estimate = {71, {20, 17, 17, 17}};
  g_array_index(rows, ScorePersonMonth, 0).estimated = a1_estimate;
  g_array_index(rows, ScorePersonMonth, 1).estimated = b2_estimate;
  return rows;
}

static void test_effective_source(void **state)
{
  (void)state;
  g_autoptr(ScoreInputs) inputs = inputs_with_programs();
  g_autoptr(PipelineConfig) config = config_new_default();
  g_autoptr(GArray) rows = rows_for_sources(inputs);
  const ScorePersonMonth *a1 = row_at(rows, 0);
  const ScorePersonMonth *b2 = row_at(rows, 1);

  score_person_months_resolve(rows, config);
  assert_int_equal(a1->source, SCORE_USED_REPORTED);
  test_assert_near(a1->effective.ssi, 62, 0);
  /* Never mixed: the estimate's pillars do not fill a total-only snapshot. */
  assert_true(isnan(a1->effective.pillar[SCORE_PILLAR_BRAND]));
  assert_int_equal(a1->band, SCORE_BAND_MID);
  assert_int_equal(b2->source, SCORE_USED_ESTIMATED);
  test_assert_near(b2->effective.pillar[SCORE_PILLAR_BRAND], 20, 0);
  assert_int_equal(b2->band, SCORE_BAND_GOOD);

  config->ssi_source = SSI_SOURCE_REPORTED;
  score_person_months_resolve(rows, config);
  assert_int_equal(a1->source, SCORE_USED_REPORTED);
  assert_int_equal(b2->source, SCORE_USED_NONE);
  assert_true(isnan(b2->effective.ssi) && isnan(b2->effective.pillar[SCORE_PILLAR_PEOPLE]));
  assert_int_equal(b2->band, SCORE_BAND_NONE);

  config->ssi_source = SSI_SOURCE_ESTIMATED;
  score_person_months_resolve(rows, config);
  assert_int_equal(a1->source, SCORE_USED_ESTIMATED);
  test_assert_near(a1->effective.ssi, 45, 0);
  test_assert_near(a1->effective.pillar[SCORE_PILLAR_RELATIONSHIPS], 13, 0);
  assert_int_equal(a1->band, SCORE_BAND_LOW);
  test_assert_near(a1->reported.ssi, 62, 0);
  assert_string_equal(score_source_used_name(a1->source), "estimated");
  assert_string_equal(score_source_used_name(SCORE_USED_REPORTED), "reported");
  assert_string_equal(score_source_used_name(SCORE_USED_NONE), "none");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rows_follow_memberships),
      cmocka_unit_test(test_overlapping_memberships),
      cmocka_unit_test(test_rows_stop_at_report_month),
      cmocka_unit_test(test_rows_start_unknown),
      cmocka_unit_test(test_reported_from_latest_snapshot),
      cmocka_unit_test(test_band_thresholds),
      cmocka_unit_test(test_effective_source),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
