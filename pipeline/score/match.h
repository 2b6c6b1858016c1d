/* The text rules of the estimate (model.md "Estimated SSI"): seniority terms
 * as whole words, target-audience keywords as case-insensitive substrings,
 * and the keys under which a profile URL or a person's name count as equal. */
#pragma once
#include <glib.h>

typedef struct ScoreSeniority ScoreSeniority;

/* Compiles the terms (NULL-terminated, at least one) once. A term matches
 * where no letter, digit or '_' (any script) comes right before or after it,
 * in any case; a term of several words matches as written. */
ScoreSeniority *score_seniority_new(const char *const *terms, GError **error);
gboolean score_seniority_matches(const ScoreSeniority *seniority, const char *position);
void score_seniority_free(ScoreSeniority *seniority);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreSeniority, score_seniority_free)

typedef struct ScoreAudience ScoreAudience;

/* A program's target_audience as normalized/programs.csv holds it
 * (';'-separated keywords; empty or NULL: no keyword). */
ScoreAudience *score_audience_new(const char *keywords);
/* TRUE when position or company contains a keyword, case folded; with no
 * keyword every connection belongs to the audience. */
gboolean score_audience_matches(const ScoreAudience *audience, const char *position,
                                const char *company);
void score_audience_free(ScoreAudience *audience);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreAudience, score_audience_free)

/* A profile URL without scheme, leading "www.", trailing '/' and case:
 * "https://www.LinkedIn.com/in/anna/" gives "linkedin.com/in/anna". "" for
 * an empty URL. */
char *score_url_key(const char *url);

/* A person's name trimmed and case folded; first and last name joined by
 * one space (either may be NULL or empty). "" when there is no name. */
char *score_name_key(const char *first, const char *last);

/* The same keys written into out (emptied first): no allocation once out
 * has grown, for callers that make one per connection. */
void score_url_key_into(GString *out, const char *url);
void score_name_key_into(GString *out, const char *first, const char *last);

/* A hash of a key's length and its first and last three bytes: keys with
 * different sketches differ, so the sketches of a few keys rule most other
 * keys out before they are made. */
guint score_key_sketch(const char *key, gsize length);
/* The sketch of score_url_key(url) or score_name_key(first, last) without
 * making the key, and whether that is ""; FALSE when the key must be made
 * (text beyond ASCII and Latin-1, or such a character where the sketch
 * looks). */
gboolean score_url_key_sketch(const char *url, guint *sketch, gboolean *empty);
gboolean score_name_key_sketch(const char *first, const char *last, guint *sketch, gboolean *empty);
