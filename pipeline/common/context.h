/* What every stage is handed: the folders of one run, the loaded
 * configuration and the command-line choices. No stage keeps global state. */
#pragma once
#include "common/config.h"
#include "common/progress.h"
#include <glib.h>

typedef enum { LOG_QUIET = 0, LOG_NORMAL = 1, LOG_VERBOSE = 2 } LogLevel;

typedef struct {
  const char *input_dir;  /* the input tree */
  const char *config_dir; /* pipeline.ini, ssi-model.ini, sources.ini */
  const char *work_dir;   /* <work>/normalized and <work>/scores */
  const char *out_dir;    /* <out>/<YYYY-MM>/ (the workbooks) */
  const char *month;      /* "YYYY-MM" from --month, or NULL for the latest with data */
  int jobs;               /* worker threads, >= 1 */
  LogLevel log_level;
  const PipelineConfig *config;
  PipelineProgress *progress; /* the progress line; NULL: none (common/progress.h) */
} PipelineContext;
