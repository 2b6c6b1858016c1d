/* The figures behind the Summary sheet's team charts: mean SSI per team over
 * the last 12 months, the pillar means of the report month and the number
 * of ambassadors per band, with the teams the management summary must not
 * show (too small) left out, and months in which a team was too small
 * left empty. */
#pragma once
#include "common/config.h"
#include "report/tables.h"

#include <glib.h>

#define REPORT_TEAM_CHART_MONTHS 12

typedef enum { REPORT_BAND_LOW, REPORT_BAND_MID, REPORT_BAND_GOOD, REPORT_BAND_COUNT } ReportBand;

typedef struct {
  const char *program; /* ids, owned by data */
  const char *team;
  guint members;                          /* in the report month, 0 if no row */
  double trend[REPORT_TEAM_CHART_MONTHS]; /* mean SSI, NAN where none or too small */
  double pillars[PILLAR_COUNT];           /* means in the report month, NAN if unknown */
  guint bands[REPORT_BAND_COUNT];         /* person-months of the report month per band */
} ReportTeamFigures;

typedef struct {
  char *months[REPORT_TEAM_CHART_MONTHS + 1]; /* YYYY-MM, oldest first, NULL-terminated */
  GArray *teams;                              /* ReportTeamFigures, by program then team */
} ReportTeamCharts;

/* Teams with a team_month row in the 12 months up to month. With
 * min_group_size > 0 (the management summary), a team with fewer members
 * in month is left out, and its trend is NAN in any month with fewer. */
void report_team_charts_build(ReportTeamCharts *charts, const ReportData *data, const char *month,
                              guint min_group_size);

void report_team_charts_clear(ReportTeamCharts *charts);
