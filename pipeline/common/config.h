/* The settings users edit in config/pipeline.ini, loaded once by main.c and
 * passed to every stage. Each has the default of the spec when absent. */
#pragma once
#include <glib.h>

typedef enum {
  SSI_SOURCE_PREFER_REPORTED, /* reported where the month has a snapshot, else estimated */
  SSI_SOURCE_REPORTED,
  SSI_SOURCE_ESTIMATED,
} SsiSource;

/* The estimate's factors (model.md "Estimated SSI"), in this order. */
typedef enum {
  FACTOR_PROFILE,
  FACTOR_PUBLISHING,
  FACTOR_ENDORSEMENTS,
  FACTOR_NETWORK_GROWTH,
  FACTOR_TARGET_AUDIENCE,
  FACTOR_COMMENTS,
  FACTOR_REACTIONS,
  FACTOR_MESSAGES,
  FACTOR_ACCEPTANCE,
  FACTOR_SENIOR_NETWORK,
  FACTOR_NETWORK_SIZE,
  FACTOR_COUNT
} FactorId;

typedef enum {
  PILLAR_BRAND,
  PILLAR_PEOPLE,
  PILLAR_INSIGHTS,
  PILLAR_RELATIONSHIPS,
  PILLAR_COUNT
} Pillar;

typedef struct {
  const char *id; /* "profile", "publishing", ... as in model.md and ssi-model.ini */
  Pillar pillar;
  double points; /* P */
  double target; /* T, > 0 */
} ModelFactor;

/* config/ssi-model.ini: the estimate's parameters. Points are >= 0 and
 * targets > 0; a factor's pillar is fixed. */
typedef struct {
  int window_days; /* [window] days, default 90 */
  ModelFactor factors[FACTOR_COUNT];
  char **seniority_terms; /* NULL-terminated; matched whole-word, case-insensitive */
  char *path;             /* the file they came from (NULL: defaults), for the Method sheet */
} ModelConfig;

typedef struct {
  int window_days;            /* equal to model.window_days after config_load (older pipeline.ini
                                 [score] window_days is used when ssi-model.ini has no [window]) */
  double band_mid_from;       /* [bands] mid_from, default 50: below is "low" */
  double band_good_from;      /* [bands] good_from, default 70 */
  SsiSource ssi_source;       /* [ssi] source */
  char *language;             /* [report] language, "en" or "de" */
  int report_max_listed_rows; /* [report] max_listed_rows, default 10000 */
  int privacy_min_group_size; /* [privacy] min_group_size, default 5 */
  double max_reject_ratio;    /* [ingest] max_reject_ratio, default 0.05 */
  int max_linkedin_events;    /* [ingest] max_linkedin_events, default 500000: different events
                                 one ambassador's LinkedIn exports may hold together */
  int max_posts;              /* [ingest] max_posts, default 50000: different posts of one
                                 ambassador in posts/ */
  char *pipeline_ini_path;    /* the file the values came from, for the Method sheet */
  ModelConfig model;          /* from ssi-model.ini; its window_days is the one in force */
} PipelineConfig;

/* Defaults of the spec, as if pipeline.ini were empty. */
PipelineConfig *config_new_default(void);

/* Reads <config_dir>/pipeline.ini and, when present, ssi-model.ini. A
 * missing pipeline.ini is an error; a missing key keeps its default; a value
 * out of range, or an unknown group or key of ssi-model.ini, is an error
 * naming file, group and key (PIPELINE_ERROR_USAGE). */
PipelineConfig *config_load(const char *config_dir, GError **error);

/* Name used in pipeline.ini and the Method sheet ("prefer-reported", ...). */
const char *config_ssi_source_name(SsiSource source);

/* "brand", "people", "insights", "relationships" (ssi-model.ini's names). */
const char *config_pillar_name(Pillar pillar);

void config_free(PipelineConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PipelineConfig, config_free)
