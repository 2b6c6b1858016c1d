/* The pipeline's GError domain and its mapping onto exit statuses. */
#include "common/errors.h"

GQuark pipeline_error_quark(void)
{
  return g_quark_from_static_string("ssi-pipeline-error-quark");
}

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
