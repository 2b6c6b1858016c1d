/* Loads config/pipeline.ini into a PipelineConfig, keeping the spec's default
 * for every key that is absent and refusing values out of range. */
#include "common/config.h"
#include "common/errors.h"

#include <math.h>

PipelineConfig *config_new_default(void)
{
  PipelineConfig *config = g_new0(PipelineConfig, 1);
  config->window_days = 90;
  config->band_mid_from = 50.0;
  config->band_good_from = 70.0;
  config->ssi_source = SSI_SOURCE_PREFER_REPORTED;
  config->language = g_strdup("en");
  config->privacy_min_group_size = 5;
  config->max_reject_ratio = 0.05;
  return config;
}

void config_free(PipelineConfig *config)
{
  if (config == NULL)
    return;
  g_free(config->language);
  g_free(config->pipeline_ini_path);
  g_free(config);
}

const char *config_ssi_source_name(SsiSource source)
{
  switch (source) {
  case SSI_SOURCE_REPORTED:
    return "reported";
  case SSI_SOURCE_ESTIMATED:
    return "estimated";
  case SSI_SOURCE_PREFER_REPORTED:
  default:
    return "prefer-reported";
  }
}

static gboolean bad_value(const char *path, const char *group, const char *key,
                          const char *expected, GError **error)
{
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "%s: [%s] %s: expected %s", path, group,
              key, expected);
  return FALSE;
}

/* A key that is present must parse; an absent one keeps *value. */
static gboolean read_double(GKeyFile *kf, const char *path, const char *group, const char *key,
                            double min, double max, double *value, GError **error)
{
  if (!g_key_file_has_key(kf, group, key, NULL))
    return TRUE;
  g_autoptr(GError) local = NULL;
  double v = g_key_file_get_double(kf, group, key, &local);
  if (local != NULL || !isfinite(v) || v < min || v > max) {
    g_autofree char *expected = g_strdup_printf("a number from %g to %g", min, max);
    return bad_value(path, group, key, expected, error);
  }
  *value = v;
  return TRUE;
}

static gboolean read_int(GKeyFile *kf, const char *path, const char *group, const char *key,
                         int min, int max, int *value, GError **error)
{
  if (!g_key_file_has_key(kf, group, key, NULL))
    return TRUE;
  g_autoptr(GError) local = NULL;
  int v = g_key_file_get_integer(kf, group, key, &local);
  if (local != NULL || v < min || v > max) {
    g_autofree char *expected = g_strdup_printf("a whole number from %d to %d", min, max);
    return bad_value(path, group, key, expected, error);
  }
  *value = v;
  return TRUE;
}

static gboolean read_choices(GKeyFile *kf, const char *path, PipelineConfig *config,
                             GError **error)
{
  g_autofree char *source = g_key_file_get_string(kf, "ssi", "source", NULL);
  if (source != NULL) {
    g_strstrip(source);
    if (g_strcmp0(source, "prefer-reported") == 0)
      config->ssi_source = SSI_SOURCE_PREFER_REPORTED;
    else if (g_strcmp0(source, "reported") == 0)
      config->ssi_source = SSI_SOURCE_REPORTED;
    else if (g_strcmp0(source, "estimated") == 0)
      config->ssi_source = SSI_SOURCE_ESTIMATED;
    else
      return bad_value(path, "ssi", "source", "prefer-reported, reported or estimated", error);
  }
  g_autofree char *language = g_key_file_get_string(kf, "report", "language", NULL);
  if (language != NULL) {
    g_strstrip(language);
    if (g_strcmp0(language, "en") != 0 && g_strcmp0(language, "de") != 0)
      return bad_value(path, "report", "language", "en or de", error);
    g_free(config->language);
    config->language = g_strdup(language);
  }
  return TRUE;
}

PipelineConfig *config_load(const char *config_dir, GError **error)
{
  g_autofree char *path = g_build_filename(config_dir, "pipeline.ini", NULL);
  g_autoptr(GKeyFile) kf = g_key_file_new();
  g_autoptr(GError) local = NULL;
  if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &local)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "%s: cannot read the settings: %s",
                path, local->message);
    return NULL;
  }
  g_autoptr(PipelineConfig) config = config_new_default();
  if (!read_int(kf, path, "score", "window_days", 1, 3660, &config->window_days, error) ||
      !read_double(kf, path, "bands", "mid_from", 0, 100, &config->band_mid_from, error) ||
      !read_double(kf, path, "bands", "good_from", 0, 100, &config->band_good_from, error) ||
      !read_int(kf, path, "privacy", "min_group_size", 1, 1000000,
                &config->privacy_min_group_size, error) ||
      !read_double(kf, path, "ingest", "max_reject_ratio", 0, 1, &config->max_reject_ratio,
                   error) ||
      !read_choices(kf, path, config, error))
    return NULL;
  if (config->band_mid_from > config->band_good_from) {
    bad_value(path, "bands", "mid_from", "a value not above good_from", error);
    return NULL;
  }
  config->pipeline_ini_path = g_steal_pointer(&path);
  return g_steal_pointer(&config);
}
