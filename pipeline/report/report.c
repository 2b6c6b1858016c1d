/* Placeholder until the report stage lands. */
#include "report/report.h"
#include "common/errors.h"
gboolean report_run(const PipelineContext *ctx, ReportResult *result, GError **error)
{
  (void)ctx;
  (void)result;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "report: not built yet");
  return FALSE;
}
void report_result_clear(ReportResult *result)
{
  if (result->paths)
    g_ptr_array_unref(result->paths);
  result->paths = NULL;
}
