/* The Leaderboard of the management summary: the highest SSI of the report
 * month among the ambassadors who consent to be named, ranked among them
 * only, so that nobody else shows even as a gap in the ranks. */
#pragma once
#include "report/tables.h"

#include <glib.h>

#define REPORT_LEADERBOARD_SIZE 10

typedef struct {
  guint row;              /* person_month row of the membership shown */
  guint rank;             /* 1 = highest; equal SSI share a rank (1, 2, 2, 4) */
  double change_previous; /* its SSI minus the membership's previous month, NAN if unknown */
} ReportLeaderboardEntry;

/* Each consenting ambassador once, with the membership of the month that has
 * the highest SSI (a person in two programs is one person); those ranked
 * up to size, every tie at the last rank included, ordered by rank then
 * name. Ambassadors without an SSI that month take no rank. ambassadors:
 * report_ambassadors_build of data and the month. The result points into
 * data. */
GArray *report_leaderboard_build(const ReportData *data, const GArray *ambassadors, guint size);
