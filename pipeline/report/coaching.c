/* The coaching advice: which pillar and factor a person-month should work on
 * and its next step from config/coaching.ini, checked on loading so that a
 * mistyped placeholder stops the run instead of reaching a hundred people. */
#include "report/coaching.h"

#include "common/errors.h"
#include "report/stats.h"

#include <math.h>
#include <string.h>

#define PILLAR_POINTS 25.0    /* each pillar's share is of its 25 points (report.md) */
#define PROFILE_CHECKPOINTS 8 /* model.md: the profile's checkpoints */
#define KEY_NO_EXPORT FACTOR_COUNT
#define KEY_AT_TARGET (FACTOR_COUNT + 1)
#define N_KEYS (FACTOR_COUNT + 2)
#define N_LANGUAGES 2

static const char *const factor_ids[FACTOR_COUNT] = {
    [FACTOR_PROFILE] = "profile",
    [FACTOR_PUBLISHING] = "publishing",
    [FACTOR_ENDORSEMENTS] = "endorsements",
    [FACTOR_NETWORK_GROWTH] = "network_growth",
    [FACTOR_TARGET_AUDIENCE] = "target_audience",
    [FACTOR_COMMENTS] = "comments",
    [FACTOR_REACTIONS] = "reactions",
    [FACTOR_MESSAGES] = "messages",
    [FACTOR_ACCEPTANCE] = "acceptance",
    [FACTOR_SENIOR_NETWORK] = "senior_network",
    [FACTOR_NETWORK_SIZE] = "network_size",
};

/* Section names by ReportLanguage, NULL-terminated. */
static const char *const sections[N_LANGUAGES + 1] = {
    [REPORT_LANGUAGE_EN] = "en", [REPORT_LANGUAGE_DE] = "de", NULL};

/* The placeholders each kind of key offers; a factor's values are filled in
 * this order. */
static const char *const factor_placeholders[] = {"measured", "target",  "points",
                                                  "window",   "missing", NULL};
static const char *const no_export_placeholders[] = {"month", NULL};
static const char *const at_target_placeholders[] = {"pillar", NULL};

struct ReportCoachingTexts {
  char *texts[N_LANGUAGES][N_KEYS];
};

void report_coaching_texts_free(ReportCoachingTexts *texts)
{
  if (texts == NULL)
    return;
  for (int l = 0; l < N_LANGUAGES; l++)
    for (int k = 0; k < N_KEYS; k++)
      g_free(texts->texts[l][k]);
  g_free(texts);
}

static const char *key_name(int key)
{
  if (key < FACTOR_COUNT)
    return factor_ids[key];
  return key == KEY_NO_EXPORT ? "no_export" : "at_target";
}

static const char *const *key_placeholders(int key)
{
  if (key < FACTOR_COUNT)
    return factor_placeholders;
  return key == KEY_NO_EXPORT ? no_export_placeholders : at_target_placeholders;
}

gboolean report_coaching_factor_parse(const char *id, FactorId *factor)
{
  for (int f = 0; f < FACTOR_COUNT; f++) {
    if (g_strcmp0(id, factor_ids[f]) == 0) {
      *factor = (FactorId)f;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean report_coaching_pillar_parse(const char *id, Pillar *pillar)
{
  for (int p = 0; p < PILLAR_COUNT; p++) {
    if (g_strcmp0(id, config_pillar_name((Pillar)p)) == 0) {
      *pillar = (Pillar)p;
      return TRUE;
    }
  }
  return FALSE;
}

/* --- Placeholders ---------------------------------------------------------- */

/* The next piece of template at *p: literal text up to the next '{', or a
 * placeholder "{name}" (its name in *name). FALSE at the end. *unclosed is
 * set for a '{' without a '}'. */
static gboolean template_next(const char **p, GString *literal, char **name, gboolean *unclosed)
{
  *name = NULL;
  *unclosed = FALSE;
  g_string_truncate(literal, 0);
  if (**p == '\0')
    return FALSE;
  const char *open = strchr(*p, '{');
  if (open != *p) {
    gsize length = open != NULL ? (gsize)(open - *p) : strlen(*p);
    g_string_append_len(literal, *p, (gssize)length);
    *p += length;
    return TRUE;
  }
  const char *close = strchr(open, '}');
  if (close == NULL) {
    *unclosed = TRUE;
    *p += strlen(*p);
    return TRUE;
  }
  *name = g_strndup(open + 1, (gsize)(close - open - 1));
  *p = close + 1;
  return TRUE;
}

static char *placeholders_list(const char *const *allowed)
{
  GString *list = g_string_new(NULL);
  for (guint i = 0; allowed[i] != NULL; i++) {
    const char *separator = i == 0 ? "" : allowed[i + 1] == NULL ? " or " : ", ";
    g_string_append_printf(list, "%s{%s}", separator, allowed[i]);
  }
  return g_string_free(list, FALSE);
}

static gboolean template_check(const char *text, const char *const *allowed, const char *path,
                               const char *section, const char *key, GError **error)
{
  g_autoptr(GString) literal = g_string_new(NULL);
  g_autofree char *list = placeholders_list(allowed);
  const char *p = text;
  char *name = NULL;
  gboolean unclosed = FALSE;
  while (template_next(&p, literal, &name, &unclosed)) {
    g_autofree char *owned = name;
    if (unclosed || (name != NULL && !g_strv_contains(allowed, name))) {
      g_autofree char *what = unclosed ? g_strdup("a '{' without its '}'")
                                       : g_strdup_printf("unknown placeholder {%s}", name);
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "%s: [%s] %s: %s, expected %s", path,
                  section, key, what, list);
      return FALSE;
    }
  }
  return TRUE;
}

/* text with each {name} replaced by values[i] where names[i] is name. The
 * text was checked on loading; an unknown name would stay as it is. */
static char *template_fill(const char *text, const char *const *names, const char *const *values)
{
  GString *out = g_string_new(NULL);
  g_autoptr(GString) literal = g_string_new(NULL);
  const char *p = text;
  char *name = NULL;
  gboolean unclosed = FALSE;
  while (template_next(&p, literal, &name, &unclosed)) {
    g_autofree char *owned = name;
    g_string_append(out, literal->str);
    if (name == NULL)
      continue;
    const char *value = NULL;
    for (guint i = 0; names[i] != NULL && value == NULL; i++)
      if (strcmp(names[i], name) == 0)
        value = values[i];
    if (value != NULL)
      g_string_append(out, value);
    else
      g_string_append_printf(out, "{%s}", name);
  }
  return g_string_free(out, FALSE);
}

/* --- Loading coaching.ini ------------------------------------------------ */

static gboolean key_error(const char *path, const char *section, const char *key,
                          const char *problem, GError **error)
{
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "%s: [%s] %s: %s", path, section, key,
              problem);
  return FALSE;
}

static char *key_expected(int key)
{
  if (key < FACTOR_COUNT)
    return g_strdup_printf("the next step for the factor %s", factor_ids[key]);
  if (key == KEY_NO_EXPORT)
    return g_strdup("the text for a month no LinkedIn data export covers");
  return g_strdup("the text for a pillar whose factors are all at their target");
}

static gboolean keys_check(GKeyFile *kf, const char *path, const char *section, GError **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys(kf, section, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++) {
    gboolean known = FALSE;
    for (int k = 0; k < N_KEYS && !known; k++)
      known = strcmp(keys[i], key_name(k)) == 0;
    if (!known)
      return key_error(path, section, keys[i],
                       "unknown key, expected a factor id of ssi-model.ini, no_export or at_target",
                       error);
  }
  return TRUE;
}

static gboolean text_read(GKeyFile *kf, const char *path, const char *section, int key, char **text,
                          GError **error)
{
  const char *name = key_name(key);
  *text = g_key_file_get_string(kf, section, name, NULL);
  if (*text == NULL) {
    g_autofree char *expected = key_expected(key);
    g_autofree char *problem = g_strdup_printf("missing, expected %s", expected);
    return key_error(path, section, name, problem, error);
  }
  if (g_strstrip(*text)[0] == '\0')
    return key_error(path, section, name, "empty, expected a sentence", error);
  return template_check(*text, key_placeholders(key), path, section, name, error);
}

static gboolean section_read(GKeyFile *kf, const char *path, int language,
                             ReportCoachingTexts *texts, GError **error)
{
  const char *section = sections[language];
  if (!keys_check(kf, path, section, error))
    return FALSE;
  for (int k = 0; k < N_KEYS; k++)
    if (!text_read(kf, path, section, k, &texts->texts[language][k], error))
      return FALSE;
  return TRUE;
}

/* Only [en] and [de], and both of them. */
static gboolean sections_check(GKeyFile *kf, const char *path, GError **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++) {
    if (!g_strv_contains(sections, groups[i])) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                  "%s: [%s]: unknown section, expected [en] or [de]", path, groups[i]);
      return FALSE;
    }
  }
  for (int l = 0; l < N_LANGUAGES; l++) {
    if (!g_key_file_has_group(kf, sections[l])) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                  "%s: [%s]: missing, expected a section [%s] with the coaching texts", path,
                  sections[l], sections[l]);
      return FALSE;
    }
  }
  return TRUE;
}

static GKeyFile *key_file_open(const char *path, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new();
  g_autoptr(GError) local = NULL;
  if (g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &local))
    return g_steal_pointer(&kf);
  if (g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "%s: missing, expected the coaching texts (sections [en] and [de])", path);
  else
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "%s: %s, expected the coaching texts (sections [en] and [de])", path,
                local->message);
  return NULL;
}

ReportCoachingTexts *report_coaching_texts_load(const char *path, GError **error)
{
  g_autoptr(GKeyFile) kf = key_file_open(path, error);
  if (kf == NULL || !sections_check(kf, path, error))
    return NULL;
  g_autoptr(ReportCoachingTexts) texts = g_new0(ReportCoachingTexts, 1);
  for (int l = 0; l < N_LANGUAGES; l++)
    if (!section_read(kf, path, l, texts, error))
      return NULL;
  return g_steal_pointer(&texts);
}

/* --- Choosing pillar and factor ------------------------------------------- */

static gboolean pillars_known(const double pillars[PILLAR_COUNT])
{
  for (int p = 0; p < PILLAR_COUNT; p++)
    if (!isfinite(pillars[p]))
      return FALSE;
  return TRUE;
}

static Pillar pillar_lowest(const double pillars[PILLAR_COUNT])
{
  int lowest = 0;
  for (int p = 1; p < PILLAR_COUNT; p++)
    if (pillars[p] / PILLAR_POINTS < pillars[lowest] / PILLAR_POINTS)
      lowest = p;
  return (Pillar)lowest;
}

Pillar report_coaching_weakest_pillar(const double effective[PILLAR_COUNT],
                                      const double estimated[PILLAR_COUNT])
{
  if (pillars_known(effective))
    return pillar_lowest(effective);
  if (pillars_known(estimated))
    return pillar_lowest(estimated);
  return PILLAR_COUNT;
}

double report_coaching_missing_points(const ReportCoachingFactor *factor)
{
  return MAX(0.0, report_stats_round2(factor->max_points - factor->points));
}

int report_coaching_weakest_factor(const ReportCoachingFactor *factors, guint n, Pillar pillar)
{
  int best = -1;
  double best_missing = 0.0;
  for (guint i = 0; i < n; i++) {
    if (factors[i].pillar != pillar)
      continue;
    double missing = report_coaching_missing_points(&factors[i]);
    if (best < 0 || missing > best_missing ||
        (missing == best_missing && factors[i].factor < factors[best].factor)) {
      best = (int)i;
      best_missing = missing;
    }
  }
  return best;
}

/* Pillars summed from the factors, for a person-month whose pillar columns
 * are empty although its factors are known. */
static Pillar pillar_from_factors(const ReportCoachingFactor *factors, guint n)
{
  double sums[PILLAR_COUNT] = {0};
  for (guint i = 0; i < n; i++)
    if (factors[i].pillar < PILLAR_COUNT)
      sums[factors[i].pillar] += factors[i].points;
  return pillar_lowest(sums);
}

/* --- Texts ------------------------------------------------------------------ */

static char *format_whole(double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  /* + 0.0 turns a rounded -0 into 0. */
  return g_strdup(g_ascii_formatd(buffer, sizeof buffer, "%.0f", round(value) + 0.0));
}

static char *format_one_decimal(double value, ReportLanguage language)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text = g_strdup(g_ascii_formatd(buffer, sizeof buffer, "%.1f", value));
  if (language == REPORT_LANGUAGE_DE)
    g_strdelimit(text, ".", ',');
  return text;
}

static char *format_points(double value, ReportLanguage language)
{
  return value == round(value) ? format_whole(value) : format_one_decimal(value, language);
}

char *report_coaching_format_value(FactorId factor, double value, ReportLanguage language)
{
  if (!isfinite(value))
    return g_strdup("");
  if (factor == FACTOR_PROFILE) {
    g_autofree char *met = format_whole(value * PROFILE_CHECKPOINTS);
    g_autofree char *all = format_whole(PROFILE_CHECKPOINTS);
    return g_strdup_printf(report_label(REPORT_LABEL_VALUE_OF, language), met, all);
  }
  if (factor == FACTOR_ACCEPTANCE) {
    g_autofree char *percent = format_whole(value * 100.0);
    /* German writes a (no-break) space before the percent sign. */
    return g_strconcat(percent, language == REPORT_LANGUAGE_DE ? "\u00a0%" : "%", NULL);
  }
  return format_whole(value);
}

static const char *text_of(const ReportCoachingTexts *texts, ReportLanguage language, int key)
{
  int l = language == REPORT_LANGUAGE_DE ? REPORT_LANGUAGE_DE : REPORT_LANGUAGE_EN;
  return texts->texts[l][key];
}

char *report_coaching_next_step(const ReportCoachingTexts *texts, ReportLanguage language,
                                const ReportCoachingFactor *factor, int window_days)
{
  g_autofree char *measured =
      report_coaching_format_value(factor->factor, factor->measured, language);
  g_autofree char *target = report_coaching_format_value(factor->factor, factor->target, language);
  g_autofree char *points = format_points(factor->max_points, language);
  g_autofree char *window = g_strdup_printf("%d", window_days);
  g_autofree char *missing = format_one_decimal(report_coaching_missing_points(factor), language);
  const char *const values[] = {measured, target, points, window, missing};
  return template_fill(text_of(texts, language, (int)factor->factor), factor_placeholders, values);
}

char *report_coaching_no_export(const ReportCoachingTexts *texts, ReportLanguage language,
                                const char *month)
{
  g_autofree char *month_text = report_label_format_month(month, language);
  const char *const values[] = {month_text};
  return template_fill(text_of(texts, language, KEY_NO_EXPORT), no_export_placeholders, values);
}

char *report_coaching_at_target(const ReportCoachingTexts *texts, ReportLanguage language,
                                Pillar pillar)
{
  const char *const values[] = {report_label_pillar(pillar, language)};
  return template_fill(text_of(texts, language, KEY_AT_TARGET), at_target_placeholders, values);
}

void report_coaching_advise(const ReportCoachingTexts *texts, const ReportCoachingCase *c,
                            ReportCoachingAdvice *advice)
{
  advice->pillar = report_coaching_weakest_pillar(c->effective, c->estimated);
  advice->factor = -1;
  advice->missing_points = NAN;
  if (c->n_factors == 0) {
    advice->next_step = report_coaching_no_export(texts, c->language, c->month);
    return;
  }
  if (advice->pillar == PILLAR_COUNT)
    advice->pillar = pillar_from_factors(c->factors, c->n_factors);
  int f = report_coaching_weakest_factor(c->factors, c->n_factors, advice->pillar);
  if (f < 0 || report_coaching_missing_points(&c->factors[f]) <= 0.0) {
    advice->missing_points = 0.0;
    advice->next_step = report_coaching_at_target(texts, c->language, advice->pillar);
    return;
  }
  advice->factor = f;
  advice->missing_points = report_coaching_missing_points(&c->factors[f]);
  advice->next_step = report_coaching_next_step(texts, c->language, &c->factors[f], c->window_days);
}

void report_coaching_advice_clear(ReportCoachingAdvice *advice)
{
  g_clear_pointer(&advice->next_step, g_free);
}
