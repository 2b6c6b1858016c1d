/* The settings users edit in config/pipeline.ini, loaded once by main.c and
 * passed to every stage. Each has the default of the spec when absent. */
#pragma once
#include <glib.h>

typedef enum {
  SSI_SOURCE_PREFER_REPORTED, /* reported where the month has a snapshot, else estimated */
  SSI_SOURCE_REPORTED,
  SSI_SOURCE_ESTIMATED,
} SsiSource;

typedef struct {
  int window_days;          /* [score] window_days, default 90 */
  double band_mid_from;     /* [bands] mid_from, default 50: below is "low" */
  double band_good_from;    /* [bands] good_from, default 70 */
  SsiSource ssi_source;     /* [ssi] source */
  char *language;           /* [report] language, "en" or "de" */
  int privacy_min_group_size; /* [privacy] min_group_size, default 5 */
  double max_reject_ratio;  /* [ingest] max_reject_ratio, default 0.05 */
  char *pipeline_ini_path;  /* the file the values came from, for the Method sheet */
} PipelineConfig;

/* Defaults of the spec, as if pipeline.ini were empty. */
PipelineConfig *config_new_default(void);

/* Reads <config_dir>/pipeline.ini. A missing file is an error; a missing key
 * keeps its default; a value out of range is an error naming file, group and
 * key (PIPELINE_ERROR_USAGE). */
PipelineConfig *config_load(const char *config_dir, GError **error);

/* Name used in pipeline.ini and the Method sheet ("prefer-reported", ...). */
const char *config_ssi_source_name(SsiSource source);

void config_free(PipelineConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PipelineConfig, config_free)
