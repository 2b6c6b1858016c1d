/* Collects the Summary charts' figures per (program, team) from
 * team_month.csv, and the band counts from person_month.csv, which the
 * score stage does not aggregate. */
#include "report/team_charts.h"

#include "report/months.h"

#include <math.h>
#include <string.h>

typedef struct {
  int program, team, month, members, ssi_mean;
  int pillars[PILLAR_COUNT];
} TeamColumns;

static TeamColumns team_columns(const ReportTable *t)
{
  return (TeamColumns){
      report_table_column(t, "program"),
      report_table_column(t, "team"),
      report_table_column(t, "month"),
      report_table_column(t, "members"),
      report_table_column(t, "ssi_mean"),
      {report_table_column(t, "brand_mean"), report_table_column(t, "people_mean"),
       report_table_column(t, "insights_mean"), report_table_column(t, "relationships_mean")},
  };
}

static char *team_key(const char *program, const char *team)
{
  return g_strjoin("\x1f", program, team, NULL);
}

static ReportTeamFigures *team_find_or_add(ReportTeamCharts *charts, GHashTable *index,
                                           const char *program, const char *team)
{
  char *key = team_key(program, team);
  gpointer found = g_hash_table_lookup(index, key);
  if (found != NULL) {
    g_free(key);
    return &g_array_index(charts->teams, ReportTeamFigures, GPOINTER_TO_UINT(found) - 1);
  }
  ReportTeamFigures figures = {.program = program, .team = team};
  for (int m = 0; m < REPORT_TEAM_CHART_MONTHS; m++)
    figures.trend[m] = NAN;
  for (int p = 0; p < PILLAR_COUNT; p++)
    figures.pillars[p] = NAN;
  g_array_append_val(charts->teams, figures);
  g_hash_table_insert(index, key, GUINT_TO_POINTER(charts->teams->len));
  return &g_array_index(charts->teams, ReportTeamFigures, charts->teams->len - 1);
}

static int month_position(const ReportTeamCharts *charts, const char *month)
{
  for (int m = 0; m < REPORT_TEAM_CHART_MONTHS; m++)
    if (strcmp(charts->months[m], month) == 0)
      return m;
  return -1;
}

static void take_team_row(ReportTeamCharts *charts, GHashTable *index, const ReportTable *t,
                          const TeamColumns *c, guint i, guint min_group_size)
{
  int m = month_position(charts, report_table_text(t, i, c->month));
  if (m < 0)
    return;
  ReportTeamFigures *figures = team_find_or_add(charts, index, report_table_text(t, i, c->program),
                                                report_table_text(t, i, c->team));
  double members = report_table_number(t, i, c->members);
  gboolean too_small = min_group_size > 0 && !(members >= (double)min_group_size);
  figures->trend[m] = too_small ? NAN : report_table_number(t, i, c->ssi_mean);
  if (m != REPORT_TEAM_CHART_MONTHS - 1)
    return;
  figures->members = isfinite(members) && members > 0 ? (guint)members : 0;
  for (int p = 0; p < PILLAR_COUNT; p++)
    figures->pillars[p] = report_table_number(t, i, c->pillars[p]);
}

static void count_bands(ReportTeamCharts *charts, GHashTable *index, const ReportTable *t,
                        const char *month)
{
  static const char *const codes[REPORT_BAND_COUNT] = {"low", "mid", "good"};
  int program = report_table_column(t, "program");
  int team = report_table_column(t, "team");
  int month_column = report_table_column(t, "month");
  int band = report_table_column(t, "band");
  for (guint i = 0; i < t->rows->len; i++) {
    if (strcmp(report_table_text(t, i, month_column), month) != 0)
      continue;
    g_autofree char *key =
        team_key(report_table_text(t, i, program), report_table_text(t, i, team));
    gpointer found = g_hash_table_lookup(index, key);
    for (int b = 0; found != NULL && b < REPORT_BAND_COUNT; b++)
      if (strcmp(report_table_text(t, i, band), codes[b]) == 0)
        g_array_index(charts->teams, ReportTeamFigures, GPOINTER_TO_UINT(found) - 1).bands[b]++;
  }
}

static void drop_small_teams(ReportTeamCharts *charts, guint min_group_size)
{
  for (guint k = charts->teams->len; k > 0; k--)
    if (g_array_index(charts->teams, ReportTeamFigures, k - 1).members < min_group_size)
      g_array_remove_index(charts->teams, k - 1);
}

void report_team_charts_build(ReportTeamCharts *charts, const ReportData *data, const char *month,
                              guint min_group_size)
{
  memset(charts, 0, sizeof *charts);
  charts->teams = g_array_new(FALSE, TRUE, sizeof(ReportTeamFigures));
  for (int m = 0; m < REPORT_TEAM_CHART_MONTHS; m++)
    charts->months[m] = report_month_add(month, m - (REPORT_TEAM_CHART_MONTHS - 1));
  if (charts->months[0] == NULL || charts->months[REPORT_TEAM_CHART_MONTHS - 1] == NULL)
    return;
  const ReportTable *t = data->team_month;
  TeamColumns c = team_columns(t);
  g_autoptr(GHashTable) index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < t->rows->len; i++)
    take_team_row(charts, index, t, &c, i, min_group_size);
  count_bands(charts, index, data->person_month, month);
  drop_small_teams(charts, min_group_size);
}

void report_team_charts_clear(ReportTeamCharts *charts)
{
  for (int m = 0; m < REPORT_TEAM_CHART_MONTHS; m++)
    g_clear_pointer(&charts->months[m], g_free);
  g_clear_pointer(&charts->teams, g_array_unref);
}
