/* Turns person-month and aggregate rows into the scores/ CSV files. Each
 * file goes through csv_writer's temporary name, so a failed write leaves
 * the previous file in place; person_month.csv, the big one, is written on
 * a thread of its own while the rest are, and the files are put in place
 * in a fixed order once all are written. */
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

/* A file written to its temporary name and not yet put in place, or the
 * error that kept it from being opened. */
typedef struct {
  CsvWriter *writer;
  GError *error;
} Pending;

/* The files in the order they are put in place. */
enum {
  FILE_PERSON_MONTH,
  FILE_TEAM_MONTH,
  FILE_PROGRAM_MONTH,
  FILE_WARNINGS,
  FILE_FACTORS,
  FILE_META,
  FILES
};

struct ScoreOutput {
  char *work_dir;
  const GArray *person_months;
  GThread *thread; /* writing person_month.csv */
  Pending files[FILES];
};

static CsvWriter *pending_open(Pending *pending, const char *work_dir, const char *name,
                               const char *const *header)
{
  g_autofree char *path = g_build_filename(work_dir, name, NULL);
  pending->writer = csv_writer_open(path, header, &pending->error);
  return pending->writer;
}

static gpointer person_months_write(gpointer data)
{
  static const char *const header[] = {CONTRACT_PERSON_MONTH_COLUMNS, NULL};
  ScoreOutput *output = data;
  const GArray *rows = output->person_months;
  CsvWriter *writer = pending_open(&output->files[FILE_PERSON_MONTH], output->work_dir,
                                   CONTRACT_PERSON_MONTH, header);
  for (guint i = 0; writer != NULL && i < rows->len; i++)
    person_month_write(writer, &g_array_index(rows, ScorePersonMonth, i));
  return NULL;
}

static void groups_write(ScoreOutput *output, const GArray *groups, gboolean by_team)
{
  static const char *const team_header[] = {CONTRACT_TEAM_MONTH_COLUMNS, NULL};
  static const char *const program_header[] = {CONTRACT_PROGRAM_MONTH_COLUMNS, NULL};
  CsvWriter *writer =
      pending_open(&output->files[by_team ? FILE_TEAM_MONTH : FILE_PROGRAM_MONTH], output->work_dir,
                   by_team ? CONTRACT_TEAM_MONTH : CONTRACT_PROGRAM_MONTH,
                   by_team ? team_header : program_header);
  for (guint i = 0; writer != NULL && i < groups->len; i++) {
    const ScoreAggregate *group = &g_array_index(groups, ScoreAggregate, i);
    group_key_write(writer, group, by_team);
    aggregate_write(writer, group);
  }
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

static void warnings_write(ScoreOutput *output, const GArray *gaps)
{
  static const char *const header[] = {CONTRACT_WARNINGS_COLUMNS, NULL};
  CsvWriter *writer = pending_open(&output->files[FILE_WARNINGS], output->work_dir,
                                   CONTRACT_SCORE_WARNINGS, header);
  for (guint i = 0; writer != NULL && gaps != NULL && i < gaps->len; i++)
    gap_write(writer, &g_array_index(gaps, ScoreCoverageGap, i));
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

static void factors_write(ScoreOutput *output, const ScoreResults *results)
{
  static const char *const header[] = {CONTRACT_FACTORS_COLUMNS, NULL};
  CsvWriter *writer =
      pending_open(&output->files[FILE_FACTORS], output->work_dir, CONTRACT_FACTORS, header);
  const GArray *rows = results->person_months;
  for (guint i = 0; writer != NULL && i < rows->len; i++) {
    const ScorePersonMonth *row = &g_array_index(rows, ScorePersonMonth, i);
    if (row->month != results->report_month || isnan(row->estimated.ssi))
      continue;
    for (guint f = 0; f < FACTOR_COUNT; f++)
      factor_write(writer, row, &results->model->factors[f], row->measured[f]);
  }
}

static void meta_write(ScoreOutput *output, const ScoreResults *results)
{
  static const char *const header[] = {CONTRACT_META_COLUMNS, NULL};
  char report_month[SCORE_MONTH_TEXT_SIZE];
  char first_month[SCORE_MONTH_TEXT_SIZE] = "";
  ScoreMonth first = 0;
  score_month_format(results->report_month, report_month);
  if (score_person_months_first_month(results->person_months, &first))
    score_month_format(first, first_month);
  CsvWriter *writer =
      pending_open(&output->files[FILE_META], output->work_dir, CONTRACT_SCORE_META, header);
  if (writer == NULL)
    return;
  csv_writer_add_text(writer, "report_month");
  csv_writer_add_text(writer, report_month);
  csv_writer_end_row(writer);
  csv_writer_add_text(writer, "first_month");
  csv_writer_add_text(writer, first_month);
  csv_writer_end_row(writer);
}

ScoreOutput *score_output_start(const char *work_dir, const GArray *person_months)
{
  ScoreOutput *output = g_new0(ScoreOutput, 1);
  output->work_dir = g_strdup(work_dir);
  output->person_months = person_months;
  output->thread = g_thread_new("score-output", person_months_write, output);
  return output;
}

/* Puts the files in place in order up to the first that failed; the rest
 * are dropped, as if they had not been written. */
static gboolean files_commit(ScoreOutput *output, GError **error)
{
  gboolean ok = TRUE;
  for (guint i = 0; i < FILES; i++) {
    Pending *pending = &output->files[i];
    CsvWriter *writer = g_steal_pointer(&pending->writer);
    if (!ok || pending->error != NULL) {
      csv_writer_abort(writer);
      if (ok)
        g_propagate_error(error, g_steal_pointer(&pending->error));
      g_clear_error(&pending->error);
      ok = FALSE;
      continue;
    }
    ok = csv_writer_commit(writer, error);
  }
  return ok;
}

gboolean score_output_finish(ScoreOutput *output, const ScoreResults *results, GError **error)
{
  g_assert(results->person_months == output->person_months);
  groups_write(output, results->team_months, TRUE);
  groups_write(output, results->program_months, FALSE);
  warnings_write(output, results->gaps);
  factors_write(output, results);
  meta_write(output, results);
  g_thread_join(g_steal_pointer(&output->thread));
  gboolean ok = files_commit(output, error);
  g_free(output->work_dir);
  g_free(output);
  return ok;
}
