/* Turns person-month and aggregate rows into the scores/ CSV files. Each
 * file goes through csv_writer's temporary name, so a failed write leaves
 * the previous file in place. */
#include "score/output.h"
#include "common/contract.h"
#include "common/csv_writer.h"
#include "score/estimate.h"

#include <math.h>

static void write_count(CsvWriter *writer, gint64 count)
{
  if (count == SCORE_COUNT_UNKNOWN)
    csv_writer_add_empty(writer);
  else
    csv_writer_add_int(writer, count);
}

/* Ranks are whole percentages on LinkedIn's page ("Top 69%"): written as
 * such, with two decimals only if a source gave a fraction. */
static void write_rank(CsvWriter *writer, double rank)
{
  if (isfinite(rank) && rank == floor(rank) && fabs(rank) < 1e15)
    csv_writer_add_int(writer, (gint64)rank);
  else
    csv_writer_add_double2(writer, rank);
}

static void write_ssi(CsvWriter *writer, const ScoreSsi *ssi, gboolean with_total)
{
  if (with_total)
    csv_writer_add_double2(writer, ssi->ssi);
  for (guint p = 0; p < SCORE_PILLARS; p++)
    csv_writer_add_double2(writer, ssi->pillar[p]);
}

static void person_month_write(CsvWriter *writer, const ScorePersonMonth *row)
{
  char month[SCORE_MONTH_TEXT_SIZE];
  score_month_format(row->month, month);
  csv_writer_add_text(writer, row->membership->ambassador_id);
  csv_writer_add_text(writer, row->membership->name);
  csv_writer_add_text(writer, row->membership->program);
  csv_writer_add_text(writer, row->membership->team);
  csv_writer_add_text(writer, month);
  csv_writer_add_double2(writer, row->effective.ssi);
  csv_writer_add_text(writer, score_source_used_name(row->source));
  csv_writer_add_text(writer, score_band_name(row->band));
  write_ssi(writer, &row->effective, FALSE);
  csv_writer_add_double2(writer, row->reported.ssi);
  write_ssi(writer, &row->estimated, TRUE);
  write_rank(writer, row->industry_rank);
  write_rank(writer, row->network_rank);
  for (guint i = 0; i < SCORE_ACTIVITIES; i++)
    write_count(writer, row->activity[i]);
  csv_writer_end_row(writer);
}

/* The columns of CONTRACT_AGGREGATE_COLUMNS, in order. */
static void aggregate_write(CsvWriter *writer, const ScoreAggregate *group)
{
  csv_writer_add_int(writer, group->members);
  csv_writer_add_int(writer, group->with_ssi);
  csv_writer_add_double2(writer, group->ssi.mean);
  csv_writer_add_double2(writer, group->ssi.median);
  csv_writer_add_double2(writer, group->ssi.min);
  csv_writer_add_double2(writer, group->ssi.max);
  csv_writer_add_double2(writer, group->ssi.sd);
  for (guint p = 0; p < SCORE_PILLARS; p++)
    csv_writer_add_double2(writer, group->pillar_mean[p]);
  csv_writer_add_double2(writer, group->share_good);
  csv_writer_add_double2(writer, group->share_low);
  csv_writer_add_double2(writer, group->delta_mean);
  write_count(writer, group->active);
  csv_writer_add_double2(writer, group->activation_rate);
  csv_writer_add_double2(writer, group->posts_per_member);
  write_count(writer, group->impressions);
  csv_writer_add_double2(writer, group->engagement_rate);
  csv_writer_end_row(writer);
}

static void group_key_write(CsvWriter *writer, const ScoreAggregate *group, gboolean by_team)
{
  char month[SCORE_MONTH_TEXT_SIZE];
  score_month_format(group->month, month);
  csv_writer_add_text(writer, group->program);
  if (by_team)
    csv_writer_add_text(writer, group->team);
  csv_writer_add_text(writer, month);
  if (!by_team)
    csv_writer_add_int(writer, group->month_index);
}

static gboolean person_months_write(const char *work_dir, const GArray *rows, GError **error)
{
  static const char *const header[] = {CONTRACT_PERSON_MONTH_COLUMNS, NULL};
  g_autofree char *path = g_build_filename(work_dir, CONTRACT_PERSON_MONTH, NULL);
  g_autoptr(CsvWriter) writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    person_month_write(writer, &g_array_index(rows, ScorePersonMonth, i));
  return csv_writer_commit(g_steal_pointer(&writer), error);
}

static gboolean groups_write(const char *work_dir, const GArray *groups, gboolean by_team,
                             GError **error)
{
  static const char *const team_header[] = {CONTRACT_TEAM_MONTH_COLUMNS, NULL};
  static const char *const program_header[] = {CONTRACT_PROGRAM_MONTH_COLUMNS, NULL};
  g_autofree char *path =
      g_build_filename(work_dir, by_team ? CONTRACT_TEAM_MONTH : CONTRACT_PROGRAM_MONTH, NULL);
  g_autoptr(CsvWriter) writer =
      csv_writer_open(path, by_team ? team_header : program_header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < groups->len; i++) {
    const ScoreAggregate *group = &g_array_index(groups, ScoreAggregate, i);
    group_key_write(writer, group, by_team);
    aggregate_write(writer, group);
  }
  return csv_writer_commit(g_steal_pointer(&writer), error);
}

/* "2024-01 to 2024-06", or the one month. */
static char *months_describe(ScoreMonth first, ScoreMonth last)
{
  char from[SCORE_MONTH_TEXT_SIZE];
  char to[SCORE_MONTH_TEXT_SIZE];
  score_month_format(first, from);
  score_month_format(last, to);
  return first == last ? g_strdup(from) : g_strdup_printf("%s to %s", from, to);
}

static void gap_write(CsvWriter *writer, const ScoreCoverageGap *gap)
{
  char month[SCORE_MONTH_TEXT_SIZE];
  score_month_format(gap->first, month);
  g_autofree char *months = months_describe(gap->first, gap->last);
  g_autofree char *detail = gap->no_export
                                ? g_strdup_printf("no LinkedIn export at all (%s)", months)
                                : g_strdup_printf("no LinkedIn export covers %s", months);
  csv_writer_add_text(writer, "not covered");
  csv_writer_add_text(writer, gap->ambassador_id);
  csv_writer_add_text(writer, month);
  csv_writer_add_text(writer, detail);
  csv_writer_end_row(writer);
}

static gboolean warnings_write(const char *work_dir, const GArray *gaps, GError **error)
{
  static const char *const header[] = {CONTRACT_WARNINGS_COLUMNS, NULL};
  g_autofree char *path = g_build_filename(work_dir, CONTRACT_SCORE_WARNINGS, NULL);
  g_autoptr(CsvWriter) writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; gaps != NULL && i < gaps->len; i++)
    gap_write(writer, &g_array_index(gaps, ScoreCoverageGap, i));
  return csv_writer_commit(g_steal_pointer(&writer), error);
}

/* measured, target and max_points as given (0.75, 12, 0.5), the points with
 * two decimals like every score. */
static void factor_write(CsvWriter *writer, const ScorePersonMonth *row, const ModelFactor *factor,
                         double measured)
{
  char month[SCORE_MONTH_TEXT_SIZE];
  score_month_format(row->month, month);
  csv_writer_add_text(writer, row->membership->ambassador_id);
  csv_writer_add_text(writer, row->membership->program);
  csv_writer_add_text(writer, row->membership->team);
  csv_writer_add_text(writer, month);
  csv_writer_add_text(writer, factor->id);
  csv_writer_add_text(writer, config_pillar_name(factor->pillar));
  csv_writer_add_double_exact(writer, measured);
  csv_writer_add_double_exact(writer, factor->target);
  csv_writer_add_double2(writer, score_estimate_factor(factor, measured));
  csv_writer_add_double_exact(writer, factor->points);
  csv_writer_end_row(writer);
}

static gboolean factors_write(const char *work_dir, const ScoreResults *results, GError **error)
{
  static const char *const header[] = {CONTRACT_FACTORS_COLUMNS, NULL};
  g_autofree char *path = g_build_filename(work_dir, CONTRACT_FACTORS, NULL);
  g_autoptr(CsvWriter) writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  const GArray *rows = results->person_months;
  for (guint i = 0; i < rows->len; i++) {
    const ScorePersonMonth *row = &g_array_index(rows, ScorePersonMonth, i);
    if (row->month != results->report_month || isnan(row->estimated.ssi))
      continue;
    for (guint f = 0; f < FACTOR_COUNT; f++)
      factor_write(writer, row, &results->model->factors[f], row->measured[f]);
  }
  return csv_writer_commit(g_steal_pointer(&writer), error);
}

static gboolean meta_write(const char *work_dir, const ScoreResults *results, GError **error)
{
  static const char *const header[] = {CONTRACT_META_COLUMNS, NULL};
  char report_month[SCORE_MONTH_TEXT_SIZE];
  char first_month[SCORE_MONTH_TEXT_SIZE] = "";
  ScoreMonth first = 0;
  score_month_format(results->report_month, report_month);
  if (score_person_months_first_month(results->person_months, &first))
    score_month_format(first, first_month);
  g_autofree char *path = g_build_filename(work_dir, CONTRACT_SCORE_META, NULL);
  g_autoptr(CsvWriter) writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  csv_writer_add_text(writer, "report_month");
  csv_writer_add_text(writer, report_month);
  csv_writer_end_row(writer);
  csv_writer_add_text(writer, "first_month");
  csv_writer_add_text(writer, first_month);
  csv_writer_end_row(writer);
  return csv_writer_commit(g_steal_pointer(&writer), error);
}

gboolean score_output_write(const char *work_dir, const ScoreResults *results, GError **error)
{
  return person_months_write(work_dir, results->person_months, error) &&
         groups_write(work_dir, results->team_months, TRUE, error) &&
         groups_write(work_dir, results->program_months, FALSE, error) &&
         warnings_write(work_dir, results->gaps, error) &&
         factors_write(work_dir, results, error) && meta_write(work_dir, results, error);
}
