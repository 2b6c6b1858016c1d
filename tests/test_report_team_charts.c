/* Tests of report/team_charts.c: the figures of the Summary sheet's team
 * charts on the work folder of tests/data/report/management (report month
 * 2023-08; team SUED has 4 members, NORD had 4 in 2023-05), with and
 * without the management summary's smallest group of 5. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "report/team_charts.h"

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

static const ReportTeamFigures *team_at(const ReportTeamCharts *charts, guint k)
{
  assert_true(k < charts->teams->len);
  return &g_array_index(charts->teams, ReportTeamFigures, k);
}

static void test_every_team_for_the_program_report(void **state)
{
  ReportTeamCharts charts;
  report_team_charts_build(&charts, *state, "2023-08", 0);
  assert_string_equal(charts.months[0], "2022-09");
  assert_string_equal(charts.months[11], "2023-08");
  assert_null(charts.months[12]);
  assert_int_equal(charts.teams->len, 3);
  const ReportTeamFigures *nord = team_at(&charts, 0);
  const ReportTeamFigures *sued = team_at(&charts, 1);
  const ReportTeamFigures *west = team_at(&charts, 2);
  assert_string_equal(nord->program, "alpha");
  assert_string_equal(nord->team, "NORD");
  assert_string_equal(sued->team, "SUED");
  assert_string_equal(west->program, "beta");
  assert_int_equal(nord->members, 5);
  assert_int_equal(sued->members, 4);
  assert_true(nord->trend[0] == 50.0);
  assert_true(nord->trend[8] == 58.0); /* 2023-05, 4 members */
  assert_true(nord->trend[11] == 64.0);
  assert_true(isnan(sued->trend[8]));
  assert_true(sued->trend[11] == 69.25);
  assert_true(isnan(west->trend[4])); /* 2023-01: beta had not started */
  assert_true(west->trend[5] == 52.0);
  assert_true(sued->pillars[PILLAR_BRAND] == 20.77);
  /* NORD in 2023-08: 45 low; 58, 65 mid; 72, 80 good. */
  assert_int_equal(nord->bands[REPORT_BAND_LOW], 1);
  assert_int_equal(nord->bands[REPORT_BAND_MID], 2);
  assert_int_equal(nord->bands[REPORT_BAND_GOOD], 2);
  /* WEST: 40 low; 55, 66 mid; 72, 78 good. */
  assert_int_equal(west->bands[REPORT_BAND_LOW], 1);
  assert_int_equal(west->bands[REPORT_BAND_GOOD], 2);
  report_team_charts_clear(&charts);
}

/* With 5 as the smallest group: SUED (4) is left out, NORD's month with 4
 * members is a gap. */
static void test_small_teams_left_out_for_management(void **state)
{
  ReportTeamCharts charts;
  report_team_charts_build(&charts, *state, "2023-08", 5);
  assert_int_equal(charts.teams->len, 2);
  const ReportTeamFigures *nord = team_at(&charts, 0);
  assert_string_equal(nord->team, "NORD");
  assert_true(isnan(nord->trend[8]));
  assert_true(nord->trend[9] == 59.0);
  assert_string_equal(team_at(&charts, 1)->team, "WEST");
  report_team_charts_clear(&charts);
}

/* A team with rows in the window but none in the report month has no
 * members then, and for management counts as too small. */
static void test_team_without_the_report_month(void **state)
{
  ReportTeamCharts charts;
  report_team_charts_build(&charts, *state, "2023-09", 0);
  assert_int_equal(charts.teams->len, 3);
  assert_int_equal(team_at(&charts, 0)->members, 0);
  assert_true(isnan(team_at(&charts, 0)->trend[11]));
  assert_true(team_at(&charts, 0)->trend[10] == 64.0);
  assert_true(isnan(team_at(&charts, 0)->pillars[PILLAR_PEOPLE]));
  assert_int_equal(team_at(&charts, 0)->bands[REPORT_BAND_GOOD], 0);
  report_team_charts_clear(&charts);
  report_team_charts_build(&charts, *state, "2023-09", 5);
  assert_int_equal(charts.teams->len, 0);
  report_team_charts_clear(&charts);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_every_team_for_the_program_report, data_load, data_free),
      cmocka_unit_test_setup_teardown(test_small_teams_left_out_for_management, data_load,
                                      data_free),
      cmocka_unit_test_setup_teardown(test_team_without_the_report_month, data_load, data_free),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
