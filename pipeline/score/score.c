/* Score stage: reads <work>/normalized/, builds the person-month rows for
 * every month up to the report month with reported and estimated SSI and
 * activity, aggregates them per team and program and writes <work>/scores/
 * (model.md). */
#include "score/score.h"

#include "common/csv_writer.h"
#include "common/errors.h"
#include "score/aggregate.h"
#include "score/fill_queue.h"
#include "score/normalized.h"
#include "score/output.h"

#include <string.h>

/* --month when given, else the month of the latest dated input. */
static gboolean report_month_choose(const PipelineContext *ctx, const ScoreInputs *inputs,
                                    ScoreMonth *out, GError **error)
{
  if (ctx->month != NULL) {
    if (!score_month_parse(ctx->month, out, error)) {
      g_prefix_error(error, "--month: ");
      return FALSE;
    }
    return TRUE;
  }
  if (inputs->latest_date == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "no dated data in the input tree (no SSI snapshot, LinkedIn event or post): "
                "give the report month with --month YYYY-MM");
    return FALSE;
  }
  ScoreDay latest = SCORE_DAY_NONE;
  if (!score_day_parse(inputs->latest_date, &latest, error)) {
    g_prefix_error(error, "normalized/meta.csv latest_date: ");
    return FALSE;
  }
  *out = score_month_of_day(latest);
  return TRUE;
}

/* Walks the rows ambassador by ambassador (they are sorted by
 * ambassador_id), reading each one's exports and posts just before use;
 * the fills run on ctx->jobs threads meanwhile. */
static gboolean exports_apply(GArray *rows, const ScoreInputs *inputs, ScoreExports *exports,
                              const PipelineContext *ctx, GArray *gaps, GError **error)
{
  const ModelConfig *model = &ctx->config->model;
  g_autoptr(ScoreSeniority) seniority =
      score_seniority_new((const char *const *)model->seniority_terms, error);
  if (seniority == NULL)
    return FALSE;
  ScoreFillContext fill = {model, seniority, inputs, score_exports_has_posts(exports)};
  g_autoptr(ScoreFillQueue) queue = score_fill_queue_new(&fill, ctx->jobs);
  ScorePersonMonth *all = (ScorePersonMonth *)(void *)rows->data;
  for (guint start = 0, end = 0; start < rows->len; start = end) {
    const char *id = all[start].membership->ambassador_id;
    end = start + 1;
    while (end < rows->len && strcmp(all[end].membership->ambassador_id, id) == 0)
      end++;
    ScoreLinkedin *data = score_exports_read(exports, id, error);
    if (data == NULL)
      return FALSE;
    score_fill_queue_push(queue, all + start, end - start, data);
  }
  score_fill_queue_finish(g_steal_pointer(&queue), gaps);
  return TRUE;
}

/* Every source fills the same rows; the effective SSI is chosen last. */
static GArray *person_months_compute(const ScoreInputs *inputs, ScoreExports *exports,
                                     ScoreMonth report_month, const PipelineContext *ctx,
                                     GArray *gaps, GError **error)
{
  g_autoptr(GArray) rows = score_person_months_build(inputs, report_month);
  score_person_months_add_reported(rows, inputs);
  if (!exports_apply(rows, inputs, exports, ctx, gaps, error))
    return NULL;
  score_person_months_resolve(rows, ctx->config);
  return g_steal_pointer(&rows);
}

static void totals_fill(ScoreTotals *totals, const ScoreResults *results)
{
  if (totals == NULL)
    return;
  memset(totals, 0, sizeof(*totals));
  score_month_format(results->report_month, totals->report_month);
  totals->person_months = results->person_months->len;
  totals->team_months = results->team_months->len;
  totals->program_months = results->program_months->len;
}

gboolean score_run(const PipelineContext *ctx, ScoreTotals *totals, GError **error)
{
  /* Opened first: their threads parse the big LinkedIn files while the
   * small ones are read here. */
  g_autoptr(ScoreExports) exports = score_exports_open(ctx->work_dir);
  g_autoptr(ScoreInputs) inputs = score_normalized_read(ctx->work_dir, error);
  if (inputs == NULL)
    return FALSE;
  g_autofree char *scores = g_build_filename(ctx->work_dir, "scores", NULL);
  csv_writer_remove_stale(scores);
  ScoreMonth report_month = 0;
  if (!report_month_choose(ctx, inputs, &report_month, error))
    return FALSE;
  g_autoptr(GArray) gaps = g_array_new(FALSE, FALSE, sizeof(ScoreCoverageGap));
  g_autoptr(GArray) person_months =
      person_months_compute(inputs, exports, report_month, ctx, gaps, error);
  if (person_months == NULL)
    return FALSE;
  ScoreOutput *output = score_output_start(ctx->work_dir, person_months);
  g_autoptr(GArray) team_months = score_team_months_build(person_months);
  g_autoptr(GArray) program_months = score_program_months_build(person_months);
  ScoreResults results = {person_months, team_months,  program_months,
                          gaps,          report_month, &ctx->config->model};
  if (!score_output_finish(output, &results, error))
    return FALSE;
  totals_fill(totals, &results);
  return TRUE;
}
