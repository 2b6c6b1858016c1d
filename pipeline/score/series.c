/* Day-by-day event counts kept as a running total in day order, so that the
 * sum over any span is two binary searches whatever the number of months
 * asked about. */
#include "score/series.h"

typedef struct {
  ScoreDay day;
  gint64 total; /* events dated on or before day */
} SeriesPoint;

/* A plain array rather than a GArray: an add is a store, and facts add
 * every event of an ambassador. */
struct ScoreSeries {
  SeriesPoint *points; /* counts per day until made cumulative */
  guint n, allocated;
  gboolean running; /* totals are cumulative and days sorted and unique */
};

ScoreSeries *score_series_new(void)
{
  return score_series_sized_new(0);
}

ScoreSeries *score_series_sized_new(guint reserved)
{
  ScoreSeries *series = g_new0(ScoreSeries, 1);
  series->allocated = MAX(reserved, 1);
  series->points = g_new(SeriesPoint, series->allocated);
  return series;
}

void score_series_free(ScoreSeries *series)
{
  if (series == NULL)
    return;
  g_free(series->points);
  g_free(series);
}

void score_series_add(ScoreSeries *series, ScoreDay day, gint64 count)
{
  g_return_if_fail(!series->running);
  if (series->n == series->allocated) {
    series->allocated *= 2;
    series->points = g_renew(SeriesPoint, series->points, series->allocated);
  }
  series->points[series->n++] = (SeriesPoint){day, count};
}

static gint point_compare(gconstpointer a, gconstpointer b, gpointer data)
{
  (void)data;
  const SeriesPoint *x = a;
  const SeriesPoint *y = b;
  return (x->day > y->day) - (x->day < y->day);
}

static gboolean points_sorted(const SeriesPoint *points, guint n)
{
  for (guint i = 1; i < n; i++)
    if (points[i].day < points[i - 1].day)
      return FALSE;
  return TRUE;
}

/* Sorts, merges days and turns counts into running totals. The events
 * mostly come in day order already: then there is nothing to sort. */
static void series_make_running(ScoreSeries *series)
{
  SeriesPoint *points = series->points;
  if (!points_sorted(points, series->n))
    g_qsort_with_data(points, (gint)series->n, sizeof(SeriesPoint), point_compare, NULL);
  guint kept = 0;
  gint64 total = 0;
  for (guint i = 0; i < series->n; i++) {
    SeriesPoint point = points[i];
    total += point.total;
    if (kept > 0 && points[kept - 1].day == point.day)
      kept--;
    points[kept++] = (SeriesPoint){point.day, total};
  }
  series->n = kept;
  series->running = TRUE;
}

/* Without branches on the days: the months' windows ask about days all over
 * the series, and a mispredicted branch per step cost more than the steps. */
gint64 score_series_sum_upto(ScoreSeries *series, ScoreDay last)
{
  if (!series->running)
    series_make_running(series);
  guint n = series->n;
  if (n == 0)
    return 0;
  /* base ends on the last point on or before last, if there is one. */
  const SeriesPoint *base = series->points;
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
