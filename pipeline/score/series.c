/* Day-by-day event counts kept as a running total in day order, so that the
 * sum over any span is two binary searches whatever the number of months
 * asked about. */
#include "score/series.h"

typedef struct {
  ScoreDay day;
  gint64 total; /* events dated on or before day */
} SeriesPoint;

struct ScoreSeries {
  GArray *points;   /* SeriesPoint; counts per day until made cumulative */
  gboolean running; /* totals are cumulative and days sorted and unique */
};

ScoreSeries *score_series_new(void)
{
  return score_series_sized_new(0);
}

ScoreSeries *score_series_sized_new(guint reserved)
{
  ScoreSeries *series = g_new0(ScoreSeries, 1);
  series->points = g_array_sized_new(FALSE, FALSE, sizeof(SeriesPoint), reserved);
  return series;
}

void score_series_free(ScoreSeries *series)
{
  if (series == NULL)
    return;
  g_array_unref(series->points);
  g_free(series);
}

void score_series_add(ScoreSeries *series, ScoreDay day, gint64 count)
{
  g_return_if_fail(!series->running);
  SeriesPoint point = {day, count};
  g_array_append_val(series->points, point);
}

static gint point_compare(gconstpointer a, gconstpointer b)
{
  const SeriesPoint *x = a;
  const SeriesPoint *y = b;
  return (x->day > y->day) - (x->day < y->day);
}

static gboolean points_sorted(const GArray *points)
{
  const SeriesPoint *p = (const SeriesPoint *)(void *)points->data;
  for (guint i = 1; i < points->len; i++)
    if (p[i].day < p[i - 1].day)
      return FALSE;
  return TRUE;
}

/* Sorts, merges days and turns counts into running totals. The events
 * mostly come in day order already: then there is nothing to sort. */
static void series_make_running(ScoreSeries *series)
{
  GArray *points = series->points;
  if (!points_sorted(points))
    g_array_sort(points, point_compare);
  guint kept = 0;
  gint64 total = 0;
  for (guint i = 0; i < points->len; i++) {
    SeriesPoint point = g_array_index(points, SeriesPoint, i);
    total += point.total;
    if (kept > 0 && g_array_index(points, SeriesPoint, kept - 1).day == point.day)
      kept--;
    g_array_index(points, SeriesPoint, kept++) = (SeriesPoint){point.day, total};
  }
  g_array_set_size(points, kept);
  series->running = TRUE;
}

/* Without branches on the days: the months' windows ask about days all over
 * the series, and a mispredicted branch per step cost more than the steps. */
gint64 score_series_sum_upto(ScoreSeries *series, ScoreDay last)
{
  if (!series->running)
    series_make_running(series);
  guint n = series->points->len;
  if (n == 0)
    return 0;
  /* base ends on the last point on or before last, if there is one. */
  const SeriesPoint *base = (const SeriesPoint *)(void *)series->points->data;
  while (n > 1) {
    guint half = n / 2;
    base = base[half].day <= last ? base + half : base;
    n -= half;
  }
  return base->day <= last ? base->total : 0;
}

gint64 score_series_sum(ScoreSeries *series, ScoreDay first, ScoreDay last)
{
  if (first > last)
    return 0;
  gint64 before = first == 0 ? 0 : score_series_sum_upto(series, first - 1);
  return score_series_sum_upto(series, last) - before;
}
