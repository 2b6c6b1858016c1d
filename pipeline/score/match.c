/* Matching of positions, companies, URLs and names for the estimate. Case is
 * compared by Unicode case folding, so "ARCHITEKT" and "Geschäftsführer" fold
 * like their lower-case forms in any script. */
#include "score/match.h"
#include "common/errors.h"

#include <string.h>

struct ScoreSeniority {
  GRegex *regex;
};

/* Lookarounds instead of \b: \b sees only ASCII word characters unless told
 * otherwise, and "Geschäftsführer" must not match inside
 * "Geschäftsführerin". */
static char *seniority_pattern(const char *const *terms)
{
  GString *pattern = g_string_new("(?<![\\p{L}\\p{N}_])(?:");
  for (guint i = 0; terms[i] != NULL; i++) {
    g_autofree char *escaped = g_regex_escape_string(terms[i], -1);
    g_string_append_printf(pattern, "%s%s", i == 0 ? "" : "|", escaped);
  }
  g_string_append(pattern, ")(?![\\p{L}\\p{N}_])");
  return g_string_free(pattern, FALSE);
}

ScoreSeniority *score_seniority_new(const char *const *terms, GError **error)
{
  if (terms == NULL || terms[0] == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "seniority terms: expected at least one term");
    return NULL;
  }
  g_autofree char *pattern = seniority_pattern(terms);
  GError *local = NULL;
  GRegex *regex = g_regex_new(pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &local);
  if (regex == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "seniority terms: %s", local->message);
    g_error_free(local);
    return NULL;
  }
  ScoreSeniority *seniority = g_new0(ScoreSeniority, 1);
  seniority->regex = regex;
  return seniority;
}

gboolean score_seniority_matches(const ScoreSeniority *seniority, const char *position)
{
  if (position == NULL || position[0] == '\0' || !g_utf8_validate(position, -1, NULL))
    return FALSE;
  return g_regex_match(seniority->regex, position, 0, NULL);
}

void score_seniority_free(ScoreSeniority *seniority)
{
  if (seniority == NULL)
    return;
  g_regex_unref(seniority->regex);
  g_free(seniority);
}

/* Unicode case folding; text of ASCII alone, which folds to its lower case,
 * without the Unicode tables: every connection's position and company is
 * folded. */
static char *text_fold(const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      return g_utf8_casefold(text, -1);
  return g_ascii_strdown(text, -1);
}

struct ScoreAudience {
  GPtrArray *keywords; /* case folded, trimmed, none empty */
};

ScoreAudience *score_audience_new(const char *keywords)
{
  ScoreAudience *audience = g_new0(ScoreAudience, 1);
  audience->keywords = g_ptr_array_new_with_free_func(g_free);
  g_auto(GStrv) parts = g_strsplit(keywords != NULL ? keywords : "", ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip(parts[i])[0] != '\0')
      g_ptr_array_add(audience->keywords, g_utf8_casefold(parts[i], -1));
  return audience;
}

static gboolean folded_contains(const char *text, const GPtrArray *keywords)
{
  if (text == NULL || text[0] == '\0')
    return FALSE;
  g_autofree char *folded = text_fold(text);
  for (guint i = 0; i < keywords->len; i++)
    if (strstr(folded, g_ptr_array_index(keywords, i)) != NULL)
      return TRUE;
  return FALSE;
}

gboolean score_audience_matches(const ScoreAudience *audience, const char *position,
                                const char *company)
{
  if (audience->keywords->len == 0)
    return TRUE;
  return folded_contains(position, audience->keywords) ||
         folded_contains(company, audience->keywords);
}

void score_audience_free(ScoreAudience *audience)
{
  if (audience == NULL)
    return;
  g_ptr_array_unref(audience->keywords);
  g_free(audience);
}

static const char *prefix_skip(const char *text, const char *prefix)
{
  return g_str_has_prefix(text, prefix) ? text + strlen(prefix) : text;
}

char *score_url_key(const char *url)
{
  g_autofree char *trimmed = g_strstrip(g_strdup(url != NULL ? url : ""));
  g_autofree char *folded = text_fold(trimmed);
  const char *rest = folded;
  if (g_str_has_prefix(rest, "https://") || g_str_has_prefix(rest, "http://"))
    rest = strstr(rest, "//") + 2;
  rest = prefix_skip(rest, "www.");
  gsize length = strlen(rest);
  while (length > 0 && rest[length - 1] == '/')
    length--;
  return g_strndup(rest, length);
}

char *score_name_key(const char *first, const char *last)
{
  g_autofree char *a = g_strstrip(g_strdup(first != NULL ? first : ""));
  g_autofree char *b = g_strstrip(g_strdup(last != NULL ? last : ""));
  g_autofree char *joined =
      a[0] != '\0' && b[0] != '\0' ? g_strconcat(a, " ", b, NULL) : g_strconcat(a, b, NULL);
  return text_fold(joined);
}
