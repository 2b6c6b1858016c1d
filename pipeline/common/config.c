/* Loads config/pipeline.ini and config/ssi-model.ini into a PipelineConfig,
 * keeping the spec's default for every key that is absent and refusing
 * values out of range with the file, group and key. */
#include "common/config.h"
#include "common/errors.h"

#include <math.h>
#include <string.h>

/* model.md "Estimated SSI": the factors in FactorId order. */
static const ModelFactor default_factors[FACTOR_COUNT] = {
    [FACTOR_PROFILE] = {"profile", PILLAR_BRAND, 10, 1},
    [FACTOR_PUBLISHING] = {"publishing", PILLAR_BRAND, 10, 12},
    [FACTOR_ENDORSEMENTS] = {"endorsements", PILLAR_BRAND, 5, 20},
    [FACTOR_NETWORK_GROWTH] = {"network_growth", PILLAR_PEOPLE, 10, 30},
    [FACTOR_TARGET_AUDIENCE] = {"target_audience", PILLAR_PEOPLE, 15, 15},
    [FACTOR_COMMENTS] = {"comments", PILLAR_INSIGHTS, 10, 24},
    [FACTOR_REACTIONS] = {"reactions", PILLAR_INSIGHTS, 5, 60},
    [FACTOR_MESSAGES] = {"messages", PILLAR_INSIGHTS, 10, 30},
    [FACTOR_ACCEPTANCE] = {"acceptance", PILLAR_RELATIONSHIPS, 10, 0.5},
    [FACTOR_SENIOR_NETWORK] = {"senior_network", PILLAR_RELATIONSHIPS, 10, 50},
    [FACTOR_NETWORK_SIZE] = {"network_size", PILLAR_RELATIONSHIPS, 5, 500},
};

/* model.md's seniority terms, in its order. */
static const char *const default_seniority_terms[] = {
    /* clang-format off */
    "CEO", "CFO", "CTO", "COO", "CMO", "CIO", "Chief", "President", "Vice President", "VP",
    "SVP", "EVP", "Director", "Head of", "Managing Director", "Geschäftsführer",
    "Geschäftsführerin", "Vorstand", "Bereichsleiter", "Bereichsleiterin", "Direktor",
    "Direktorin", "Owner", "Inhaber", "Inhaberin", "Founder", "Co-Founder", "Gründer",
    "Gründerin", "Partner", NULL
    /* clang-format on */
};

static const char *const pillar_names[PILLAR_COUNT] = {"brand", "people", "insights",
                                                       "relationships"};

enum { WINDOW_DAYS_DEFAULT = 90, WINDOW_DAYS_MAX = 3660 };

static void model_set_default(ModelConfig *model)
{
  model->window_days = WINDOW_DAYS_DEFAULT;
  memcpy(model->factors, default_factors, sizeof(default_factors));
  model->seniority_terms = g_strdupv((char **)default_seniority_terms);
  model->path = NULL;
}

PipelineConfig *config_new_default(void)
{
  PipelineConfig *config = g_new0(PipelineConfig, 1);
  config->window_days = WINDOW_DAYS_DEFAULT;
  config->band_mid_from = 50.0;
  config->band_good_from = 70.0;
  config->ssi_source = SSI_SOURCE_PREFER_REPORTED;
  config->language = g_strdup("en");
  config->privacy_min_group_size = 5;
  config->report_max_listed_rows = 10000;
  config->max_reject_ratio = 0.05;
  config->max_linkedin_events = 500000;
  config->max_posts = 50000;
  model_set_default(&config->model);
  return config;
}

void config_free(PipelineConfig *config)
{
  if (config == NULL)
    return;
  g_free(config->language);
  g_free(config->pipeline_ini_path);
  g_strfreev(config->model.seniority_terms);
  g_free(config->model.path);
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

const char *config_pillar_name(Pillar pillar)
{
  return pillar < PILLAR_COUNT ? pillar_names[pillar] : "";
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

static gboolean read_choices(GKeyFile *kf, const char *path, PipelineConfig *config, GError **error)
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

static GKeyFile *key_file_open(const char *path, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new();
  g_autoptr(GError) local = NULL;
  if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &local)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "%s: cannot read the settings: %s",
                path, local->message);
    return NULL;
  }
  return g_steal_pointer(&kf);
}

static gboolean pipeline_ini_read(GKeyFile *kf, const char *path, PipelineConfig *config,
                                  GError **error)
{
  if (!read_int(kf, path, "score", "window_days", 1, WINDOW_DAYS_MAX, &config->window_days,
                error) ||
      !read_double(kf, path, "bands", "mid_from", 0, 100, &config->band_mid_from, error) ||
      !read_double(kf, path, "bands", "good_from", 0, 100, &config->band_good_from, error) ||
      !read_int(kf, path, "privacy", "min_group_size", 1, 1000000, &config->privacy_min_group_size,
                error) ||
      /* Three lists of at most this many rows share one sheet, which Excel
       * cuts at 1,048,576 rows. */
      !read_int(kf, path, "report", "max_listed_rows", 1, 300000, &config->report_max_listed_rows,
                error) ||
      !read_double(kf, path, "ingest", "max_reject_ratio", 0, 1, &config->max_reject_ratio,
                   error) ||
      !read_int(kf, path, "ingest", "max_linkedin_events", 1, 100000000,
                &config->max_linkedin_events, error) ||
      !read_int(kf, path, "ingest", "max_posts", 1, 100000000, &config->max_posts, error) ||
      !read_choices(kf, path, config, error))
    return FALSE;
  if (config->band_mid_from > config->band_good_from)
    return bad_value(path, "bands", "mid_from", "a value not above good_from", error);
  return TRUE;
}

/* --- ssi-model.ini ------------------------------------------------------ */

static int factor_find(const char *id)
{
  for (int f = 0; f < FACTOR_COUNT; f++)
    if (strcmp(default_factors[f].id, id) == 0)
      return f;
  return -1;
}

static char *factor_ids_list(void)
{
  GString *list = g_string_new(NULL);
  for (int f = 0; f < FACTOR_COUNT; f++)
    g_string_append_printf(list, "%s%s", f == 0 ? "" : ", ", default_factors[f].id);
  return g_string_free(list, FALSE);
}

/* A factor's pillar is fixed: the key may only repeat it. */
static gboolean factor_pillar_check(GKeyFile *kf, const char *path, const char *group,
                                    const ModelFactor *factor, GError **error)
{
  g_autofree char *pillar = g_key_file_get_string(kf, group, "pillar", NULL);
  if (pillar == NULL || strcmp(g_strstrip(pillar), pillar_names[factor->pillar]) == 0)
    return TRUE;
  g_autofree char *expected =
      g_strdup_printf("%s (a factor stays in its pillar)", pillar_names[factor->pillar]);
  return bad_value(path, group, "pillar", expected, error);
}

static gboolean factor_target_read(GKeyFile *kf, const char *path, const char *group,
                                   ModelFactor *factor, GError **error)
{
  if (!g_key_file_has_key(kf, group, "target", NULL))
    return TRUE;
  g_autoptr(GError) local = NULL;
  double v = g_key_file_get_double(kf, group, "target", &local);
  if (local != NULL || !isfinite(v) || v <= 0)
    return bad_value(path, group, "target", "a number above 0", error);
  factor->target = v;
  return TRUE;
}

static gboolean keys_check(GKeyFile *kf, const char *path, const char *group,
                           const char *const *known, const char *expected, GError **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys(kf, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!g_strv_contains(known, keys[i]))
      return bad_value(path, group, keys[i], expected, error);
  return TRUE;
}

static gboolean factor_group_read(GKeyFile *kf, const char *path, const char *group,
                                  ModelConfig *model, GError **error)
{
  static const char *const keys[] = {"pillar", "points", "target", NULL};
  const char *id = group + strlen("factor ");
  int f = factor_find(id);
  if (f < 0) {
    g_autofree char *ids = factor_ids_list();
    g_autofree char *expected = g_strdup_printf("a factor id (one of %s)", ids);
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "%s: [%s]: expected %s", path, group,
                expected);
    return FALSE;
  }
  ModelFactor *factor = &model->factors[f];
  return keys_check(kf, path, group, keys, "one of the keys pillar, points, target", error) &&
         factor_pillar_check(kf, path, group, factor, error) &&
         read_double(kf, path, group, "points", 0, 100, &factor->points, error) &&
         factor_target_read(kf, path, group, factor, error);
}

/* ';'-separated, spaces around each term trimmed, empty entries dropped. */
static gboolean seniority_read(GKeyFile *kf, const char *path, ModelConfig *model, GError **error)
{
  static const char *const keys[] = {"terms", NULL};
  if (!keys_check(kf, path, "seniority", keys, "the key terms", error))
    return FALSE;
  g_autofree char *text = g_key_file_get_string(kf, "seniority", "terms", NULL);
  if (text == NULL)
    return TRUE;
  g_auto(GStrv) parts = g_strsplit(text, ";", -1);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip(parts[i])[0] != '\0')
      g_ptr_array_add(terms, g_strdup(parts[i]));
  if (terms->len == 0)
    return bad_value(path, "seniority", "terms", "a ';'-separated list of at least one term",
                     error);
  g_ptr_array_add(terms, NULL);
  g_strfreev(model->seniority_terms);
  model->seniority_terms = (char **)g_ptr_array_steal(terms, NULL);
  return TRUE;
}

static gboolean model_group_read(GKeyFile *kf, const char *path, const char *group,
                                 ModelConfig *model, GError **error)
{
  static const char *const window_keys[] = {"days", NULL};
  if (g_str_has_prefix(group, "factor "))
    return factor_group_read(kf, path, group, model, error);
  if (strcmp(group, "seniority") == 0)
    return seniority_read(kf, path, model, error);
  if (strcmp(group, "window") == 0)
    return keys_check(kf, path, group, window_keys, "the key days", error) &&
           read_int(kf, path, "window", "days", 1, WINDOW_DAYS_MAX, &model->window_days, error);
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
              "%s: [%s]: expected a group [window], [seniority] or [factor <id>]", path, group);
  return FALSE;
}

static gboolean model_ini_read(GKeyFile *kf, const char *path, ModelConfig *model, GError **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (!model_group_read(kf, path, groups[i], model, error))
      return FALSE;
  return TRUE;
}

/* ssi-model.ini is optional: without it the model keeps the defaults and
 * the window of pipeline.ini's older [score] window_days, if given. */
static gboolean model_load(const char *config_dir, PipelineConfig *config, GError **error)
{
  g_autofree char *path = g_build_filename(config_dir, "ssi-model.ini", NULL);
  config->model.window_days = config->window_days;
  if (!g_file_test(path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_autoptr(GKeyFile) kf = key_file_open(path, error);
  if (kf == NULL || !model_ini_read(kf, path, &config->model, error))
    return FALSE;
  config->model.path = g_steal_pointer(&path);
  return TRUE;
}

PipelineConfig *config_load(const char *config_dir, GError **error)
{
  g_autofree char *path = g_build_filename(config_dir, "pipeline.ini", NULL);
  g_autoptr(GKeyFile) kf = key_file_open(path, error);
  if (kf == NULL)
    return NULL;
  g_autoptr(PipelineConfig) config = config_new_default();
  if (!pipeline_ini_read(kf, path, config, error) || !model_load(config_dir, config, error))
    return NULL;
  /* One window in force: the report's Method sheet reads this copy. */
  config->window_days = config->model.window_days;
  config->pipeline_ini_path = g_steal_pointer(&path);
  return g_steal_pointer(&config);
}
