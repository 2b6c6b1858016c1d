/* The pipeline's GError domain and its mapping onto exit statuses. */
#include "common/errors.h"

G_DEFINE_QUARK(ssi-pipeline-error-quark, pipeline_error)

int pipeline_error_exit_status(const GError *error)
{
  if (error == NULL)
    return 0;
  if (error->domain == PIPELINE_ERROR)
    return error->code;
  if (error->domain == G_KEY_FILE_ERROR || error->domain == G_OPTION_ERROR)
    return PIPELINE_ERROR_USAGE;
  return PIPELINE_ERROR_OUTPUT;
}
