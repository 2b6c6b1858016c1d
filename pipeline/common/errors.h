/* The pipeline's GError domain. Its codes are the exit statuses of
 * operation.md, so main.c turns an error that reaches it into the status. */
#pragma once
#include <glib.h>

#define PIPELINE_ERROR (pipeline_error_quark())

typedef enum {
  PIPELINE_ERROR_USAGE = 1,  /* command line or config/ unusable */
  PIPELINE_ERROR_INPUT = 2,  /* input tree unusable, or too many rejects */
  PIPELINE_ERROR_OUTPUT = 3, /* a stage file or workbook could not be written */
} PipelineErrorCode;

GQuark pipeline_error_quark(void);

/* Exit status for an error that reached main: our own codes map one to one,
 * a GLib file error while writing counts as an output error. */
int pipeline_error_exit_status(const GError *error);
