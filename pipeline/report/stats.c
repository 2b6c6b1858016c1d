/* Figures computed in the report stage: the rank in program, the mean and
 * median of a set of SSI values, and the all-programs summary row, from the
 * person-month rows exactly as the score stage wrote them. */
#include "report/stats.h"

#include "report/months.h"

#include <math.h>
#include <string.h>

typedef struct {
  double value;
  guint index;
} RankItem;

static int rank_item_compare(gconstpointer a, gconstpointer b)
{
  const RankItem *x = a;
  const RankItem *y = b;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

void report_stats_rank_descending(const double *values, guint n, guint *ranks)
{
  g_autofree RankItem *items = g_new(RankItem, n > 0 ? n : 1);
  guint ranked = 0;
  for (guint i = 0; i < n; i++) {
    ranks[i] = 0;
    if (isfinite(values[i]))
      items[ranked++] = (RankItem){values[i], i};
  }
  qsort(items, ranked, sizeof *items, rank_item_compare);
  for (guint k = 0; k < ranked; k++) {
    gboolean tie = k > 0 && items[k].value == items[k - 1].value;
    ranks[items[k].index] = tie ? ranks[items[k - 1].index] : k + 1;
  }
}

double report_stats_round2(double value)
{
  if (!isfinite(value))
    return value;
  return round(value * 100.0) / 100.0;
}

double report_stats_mean(const double *values, guint n)
{
  double sum = 0.0;
  guint count = 0;
  for (guint i = 0; i < n; i++) {
    if (isfinite(values[i])) {
      sum += values[i];
      count++;
    }
  }
  return count > 0 ? sum / count : NAN;
}

static int double_compare(gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;
  return (x > y) - (x < y);
}

double report_stats_median(const double *values, guint n)
{
  g_autofree double *sorted = g_new(double, n > 0 ? n : 1);
  guint count = 0;
  for (guint i = 0; i < n; i++)
    if (isfinite(values[i]))
      sorted[count++] = values[i];
  if (count == 0)
    return NAN;
  qsort(sorted, count, sizeof *sorted, double_compare);
  if (count % 2 == 1)
    return sorted[count / 2];
  return (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
}

/* Column indices of person_month the summary reads. */
typedef struct {
  int month, ssi, band, posts, tool_posts;
} SummaryColumns;

static double count_or_zero(double value)
{
  return isfinite(value) ? value : 0.0;
}

/* The sums of one month's rows while they are read. */
typedef struct {
  const char *month; /* NULL: none */
  guint members;
  GArray *ssi; /* double, in file order */
  guint good, low, active;
  double posts;
} MonthSums;

static void month_sums_add(MonthSums *m, const ReportTable *table, const SummaryColumns *c, guint i)
{
  m->members++;
  double value = report_table_number(table, i, c->ssi);
  if (isfinite(value)) {
    g_array_append_val(m->ssi, value);
    const char *band = report_table_text(table, i, c->band);
    m->good += strcmp(band, "good") == 0;
    m->low += strcmp(band, "low") == 0;
  }
  double row_posts = count_or_zero(report_table_number(table, i, c->posts)) +
                     count_or_zero(report_table_number(table, i, c->tool_posts));
  m->posts += row_posts;
  m->active += row_posts > 0;
}

/* Fills everything but delta_mean; frees the sums. */
static void month_sums_finish(MonthSums *m, ReportGroupSummary *s)
{
  memset(s, 0, sizeof *s);
  s->members = m->members;
  s->with_ssi = m->ssi->len;
  s->ssi_mean = report_stats_mean((const double *)m->ssi->data, m->ssi->len);
  s->ssi_median = report_stats_median((const double *)m->ssi->data, m->ssi->len);
  s->share_good = s->with_ssi > 0 ? (double)m->good / s->with_ssi : NAN;
  s->share_low = s->with_ssi > 0 ? (double)m->low / s->with_ssi : NAN;
  s->activation_rate = s->members > 0 ? (double)m->active / s->members : NAN;
  s->posts_per_member = s->members > 0 ? m->posts / s->members : NAN;
  s->delta_mean = NAN;
  g_array_unref(m->ssi);
}

void report_stats_summarize_month(const ReportTable *person_month, const char *month,
                                  ReportGroupSummary *summary)
{
  SummaryColumns c = {
      report_table_column(person_month, "month"),      report_table_column(person_month, "ssi"),
      report_table_column(person_month, "band"),       report_table_column(person_month, "posts"),
      report_table_column(person_month, "tool_posts"),
  };
  g_autofree char *previous_month = report_month_add(month, -1);
  /* The month and the one before, summed in one pass over the rows. */
  MonthSums sums[2] = {{.month = month}, {.month = previous_month}};
  for (gsize k = 0; k < G_N_ELEMENTS(sums); k++)
    sums[k].ssi = g_array_new(FALSE, FALSE, sizeof(double));
  for (guint i = 0; i < person_month->rows->len; i++) {
    const char *row_month = report_table_text(person_month, i, c.month);
    for (gsize k = 0; k < G_N_ELEMENTS(sums); k++)
      if (sums[k].month != NULL && strcmp(row_month, sums[k].month) == 0)
        month_sums_add(&sums[k], person_month, &c, i);
  }
  ReportGroupSummary previous;
  month_sums_finish(&sums[0], summary);
  month_sums_finish(&sums[1], &previous);
  if (previous_month != NULL)
    summary->delta_mean = summary->ssi_mean - previous.ssi_mean; /* NAN if either is */
}
