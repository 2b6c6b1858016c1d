/* Placeholder until the ingest stage lands. */
#include "ingest/ingest.h"
#include "common/errors.h"
gboolean ingest_run(const PipelineContext *ctx, IngestTotals *totals, GError **error)
{
  (void)ctx;
  (void)totals;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "ingest: not built yet");
  return FALSE;
}
