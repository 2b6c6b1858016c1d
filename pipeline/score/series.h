/* Counts by day, summed over any span of days: what the estimate's windows
 * ("in window(M)", "up to as_of(M)") and the month's activity ask of one
 * kind of LinkedIn event. */
#pragma once
#include "score/months.h"

typedef struct ScoreSeries ScoreSeries;

ScoreSeries *score_series_new(void);
/* Room for `reserved` adds made at once. */
ScoreSeries *score_series_sized_new(guint reserved);
void score_series_free(ScoreSeries *series);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreSeries, score_series_free)

/* Adds count events on day, in any order, until the first sum. */
void score_series_add(ScoreSeries *series, ScoreDay day, gint64 count);

/* The events dated from first to last, both included (0 when first > last). */
gint64 score_series_sum(ScoreSeries *series, ScoreDay first, ScoreDay last);

/* The events dated on or before last. */
gint64 score_series_sum_upto(ScoreSeries *series, ScoreDay last);
