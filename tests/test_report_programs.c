/* Tests of report/programs.c: the campaign comparison (months running up
 * to the report month or the program's end, teams, first and latest month)
 * and the cohort table that lines programs up on month_index, on the work
 * folder of tests/data/report/management: program alpha starts 2022-03,
 * beta 2023-02, report month 2023-08. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "report/programs.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define FIXTURE_WORK TEST_DATA_DIR "/report/management/work"

static int data_load(void **state)
{
  ReportData *data = g_new0(ReportData, 1);
  g_autoptr(GError) error = NULL;
  if (!report_data_load(data, FIXTURE_WORK, &error))
    fail_msg("%s", error->message);
  *state = data;
  return 0;
}

static int data_free(void **state)
{
  ReportData *data = *state;
  report_data_clear(data);
  g_free(data);
  return 0;
}

static const char *month_of(const ReportData *data, int row)
{
  const ReportTable *t = data->program_month;
  assert_true(row >= 0);
  return report_table_text(t, (guint)row, report_table_column(t, "month"));
}

static void test_comparison(void **state)
{
  const ReportData *data = *state;
  g_autoptr(GArray) programs = report_programs_build(data, "2023-08");
  assert_int_equal(programs->len, 2);
  const ReportProgram *alpha = &g_array_index(programs, ReportProgram, 0);
  const ReportProgram *beta = &g_array_index(programs, ReportProgram, 1);
  assert_string_equal(alpha->program, "alpha");
  assert_string_equal(alpha->start, "2022-03");
  assert_int_equal(alpha->months_running, 18); /* 2022-03 to 2023-08 */
  assert_int_equal(alpha->teams, 2);
  assert_string_equal(month_of(data, alpha->first_row), "2022-03");
  assert_string_equal(month_of(data, alpha->latest_row), "2023-08");
  assert_true(fabs(alpha->change - 31.33) < 1e-9); /* 66.33 - 35 */
  assert_string_equal(beta->program, "beta");
  assert_int_equal(beta->months_running, 7);
  assert_int_equal(beta->teams, 1);
  assert_true(fabs(beta->change - 17.2) < 1e-9); /* 62.2 - 45 */
}

/* An earlier report month: beta has run 4 months, and rows after the
 * report month count nowhere. */
static void test_comparison_of_an_earlier_month(void **state)
{
  const ReportData *data = *state;
  g_autoptr(GArray) programs = report_programs_build(data, "2023-05");
  const ReportProgram *beta = &g_array_index(programs, ReportProgram, 1);
  assert_int_equal(beta->months_running, 4);
  assert_string_equal(month_of(data, beta->latest_row), "2023-05");
  assert_true(fabs(beta->change - 3.0) < 1e-9); /* 48 - 45 */
  g_autoptr(GArray) none = report_programs_build(data, "2022-02");
  assert_int_equal(none->len, 0);
}

/* A program that ended runs up to its end month, and shows that month. */
static void test_ended_program(void **state)
{
  ReportData *data = *state;
  GPtrArray *rows = data->programs->rows;
  const ReportRow *beta = g_ptr_array_index(rows, 1);
  guint n_columns = data->programs->columns->len;
  g_autofree const char **fields = g_new0(const char *, n_columns + 1);
  for (guint c = 0; c < n_columns; c++)
    fields[c] = report_table_text(data->programs, 1, (int)c);
  fields[report_table_column(data->programs, "end")] = "2023-05-31";
  rows->pdata[1] = report_table_row_new(data->programs, beta->line, fields);
  g_autoptr(GArray) programs = report_programs_build(data, "2023-08");
  assert_int_equal(g_array_index(programs, ReportProgram, 1).months_running, 4);
}

/* Month 6 of alpha is 2022-09, of beta 2023-08: one row of the table. */
static void test_cohort_aligns_programs_on_their_start(void **state)
{
  const ReportData *data = *state;
  g_autoptr(GArray) programs = report_programs_build(data, "2023-08");
  ReportCohort cohort;
  report_programs_cohort(data, "2023-08", programs, &cohort);
  assert_int_equal(cohort.n_programs, 2);
  assert_int_equal(cohort.n_months, 18);
  assert_true(report_cohort_mean(&cohort, 0, 6) == 41.5);
  assert_true(report_cohort_mean(&cohort, 1, 6) == 62.2);
  assert_true(report_cohort_mean(&cohort, 0, 0) == 35.0);
  assert_true(report_cohort_members(&cohort, 0, 0) == 3.0);
  assert_true(report_cohort_mean(&cohort, 1, 0) == 45.0);
  assert_true(isnan(report_cohort_mean(&cohort, 1, 7))); /* beta is 7 months old */
  assert_true(isnan(report_cohort_members(&cohort, 1, 7)));
  assert_true(isnan(report_cohort_mean(&cohort, 0, 18))); /* outside the table */
  assert_true(isnan(report_cohort_mean(&cohort, 2, 0)));
  report_cohort_clear(&cohort);
  assert_int_equal(cohort.n_months, 0);
}

/* The cohort stops at the report month: in 2022-12 only alpha has run, 10
 * months. */
static void test_cohort_up_to_the_report_month(void **state)
{
  const ReportData *data = *state;
  g_autoptr(GArray) programs = report_programs_build(data, "2022-12");
  ReportCohort cohort;
  report_programs_cohort(data, "2022-12", programs, &cohort);
  assert_int_equal(cohort.n_programs, 1);
  assert_int_equal(cohort.n_months, 10);
  assert_true(report_cohort_mean(&cohort, 0, 9) == 44.0);
  report_cohort_clear(&cohort);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_comparison, data_load, data_free),
      cmocka_unit_test_setup_teardown(test_comparison_of_an_earlier_month, data_load, data_free),
      cmocka_unit_test_setup_teardown(test_ended_program, data_load, data_free),
      cmocka_unit_test_setup_teardown(test_cohort_aligns_programs_on_their_start, data_load,
                                      data_free),
      cmocka_unit_test_setup_teardown(test_cohort_up_to_the_report_month, data_load, data_free),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
