/* Placeholder until the score stage lands. */
#include "score/score.h"
#include "common/errors.h"
gboolean score_run(const PipelineContext *ctx, ScoreTotals *totals, GError **error)
{
  (void)ctx;
  (void)totals;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "score: not built yet");
  return FALSE;
}
