/* Matching of positions, companies, URLs and names for the estimate. Case is
 * compared by Unicode case folding, so "ARCHITEKT" and "Geschäftsführer" fold
 * like their lower-case forms in any script. */
#include "score/match.h"
#include "common/errors.h"

#include <string.h>

struct ScoreSeniority {
  GRegex *regex;
  /* The terms in ASCII lower case, for positions of ASCII alone; NULL when
   * a term could match ASCII text other than by its ASCII letters (see
   * ascii_terms_new), so the regex decides everything. */
  GPtrArray *ascii_terms;
  /* Indexes into ascii_terms by first byte, each list ending with -1: a
   * position is scanned once, trying only the terms that start there. */
  int *by_first[128];
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

static gboolean text_is_ascii(const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      return FALSE;
  return TRUE;
}

/* TRUE when c, outside ASCII, has a case form or folding in ASCII (KELVIN
 * SIGN, LONG S, dotless i...): caseless matching could pair it with an
 * ASCII letter. */
static gboolean char_cases_to_ascii(gunichar c)
{
  char utf8[8];
  utf8[g_unichar_to_utf8(c, utf8)] = '\0';
  g_autofree char *folded = g_utf8_casefold(utf8, -1);
  gboolean folds_to_ascii = FALSE;
  for (const char *p = folded; *p != '\0'; p++)
    folds_to_ascii = folds_to_ascii || (guchar)*p < 0x80;
  return g_unichar_toupper(c) < 0x80 || g_unichar_tolower(c) < 0x80 ||
         g_unichar_totitle(c) < 0x80 || folds_to_ascii;
}

/* The ASCII path matches the caseless regex exactly on text of ASCII alone:
 * there a term's ASCII letters match their two cases only, and a term with
 * a character outside ASCII that no ASCII letter cases to can never match,
 * so it is left out. A term with a character that could (or an empty term)
 * turns the path off. */
static GPtrArray *ascii_terms_new(const char *const *terms)
{
  g_autoptr(GPtrArray) ascii = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; terms[i] != NULL; i++) {
    if (terms[i][0] == '\0' || !g_utf8_validate(terms[i], -1, NULL))
      return NULL;
    if (text_is_ascii(terms[i])) {
      g_ptr_array_add(ascii, g_ascii_strdown(terms[i], -1));
      continue;
    }
    for (const char *p = terms[i]; *p != '\0'; p = g_utf8_next_char(p))
      if ((guchar)*p >= 0x80 && char_cases_to_ascii(g_utf8_get_char(p)))
        return NULL;
  }
  return g_steal_pointer(&ascii);
}

/* g_ascii_tolower is a call per byte; every connection's texts are lowered. */
static char ascii_lower_char(char c)
{
  return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

static gboolean word_char(char c)
{
  return g_ascii_isalnum(c) || c == '_';
}

/* lower: ASCII text in lower case. The regex's lookarounds, for ASCII: a
 * term starting where no word character comes before and ending where none
 * comes after. */
static gboolean ascii_terms_match(const ScoreSeniority *seniority, const char *lower)
{
  for (const char *at = lower; *at != '\0'; at++) {
    const int *terms = seniority->by_first[(guchar)*at];
    if (terms == NULL || (at > lower && word_char(at[-1])))
      continue;
    for (; *terms >= 0; terms++) {
      const char *term = g_ptr_array_index(seniority->ascii_terms, *terms);
      gsize length = strlen(term);
      if (strncmp(at, term, length) == 0 && !word_char(at[length]))
        return TRUE;
    }
  }
  return FALSE;
}

static void by_first_build(ScoreSeniority *seniority)
{
  const GPtrArray *terms = seniority->ascii_terms;
  for (guint c = 0; c < G_N_ELEMENTS(seniority->by_first); c++) {
    guint n = 0;
    for (guint i = 0; i < terms->len; i++)
      n += (guchar)((const char *)g_ptr_array_index(terms, i))[0] == c ? 1 : 0;
    if (n == 0)
      continue;
    int *list = g_new(int, n + 1);
    n = 0;
    for (guint i = 0; i < terms->len; i++)
      if ((guchar)((const char *)g_ptr_array_index(terms, i))[0] == c)
        list[n++] = (int)i;
    list[n] = -1;
    seniority->by_first[c] = list;
  }
}

/* text in ASCII lower case: in buf when it fits, else in a new *heap. NULL
 * when text has a byte outside ASCII. */
static const char *ascii_lower(const char *text, char *buf, gsize size, char **heap)
{
  gsize length = 0;
  while (text[length] != '\0' && (guchar)text[length] < 0x80)
    length++;
  if (text[length] != '\0')
    return NULL;
  char *out = length < size ? buf : (*heap = g_malloc(length + 1));
  for (gsize i = 0; i <= length; i++)
    out[i] = ascii_lower_char(text[i]);
  return out;
}

enum { WORD = sizeof(guint64) };
#define BYTES_OF(b) (G_GUINT64_CONSTANT(0x0101010101010101) * (b))

/* TRUE when none of the word's eight bytes is outside ASCII. */
static gboolean word_is_ascii(guint64 word)
{
  return (word & BYTES_OF(0x80)) == 0;
}

/* ascii_lower_char on each byte of a word of ASCII bytes: a byte from 'A'
 * to 'Z' gets 0x20 added. No sum carries into the next byte. */
static guint64 word_lower(guint64 word)
{
  guint64 from_a = word + BYTES_OF(0x80 - 'A');
  guint64 after_z = word + BYTES_OF(0x80 - 'Z' - 1);
  return word | ((from_a & ~after_z & BYTES_OF(0x80)) >> 2);
}

/* TRUE when text holds ASCII and U+0080..U+00FF alone, which latin_fold
 * folds like g_utf8_casefold. */
static gboolean latin_foldable(const char *text, gsize length)
{
  gsize i = 0;
  for (guint64 word; i + WORD <= length; i += WORD) {
    memcpy(&word, text + i, WORD);
    if (!word_is_ascii(word))
      break;
  }
  for (; i < length; i++) {
    guchar c = (guchar)text[i];
    if (c < 0x80)
      continue;
    if ((c != 0xc2 && c != 0xc3) || i + 1 >= length || ((guchar)text[i + 1] & 0xc0) != 0x80)
      return FALSE;
    i++;
  }
  return TRUE;
}

/* latin_fold of the character at text[0] (one byte or two) into out;
 * returns its length. */
static gsize latin_fold_char(const char *text, char *out)
{
  guchar c = (guchar)text[0];
  if (c < 0x80) {
    out[0] = ascii_lower_char((char)c);
    return 1;
  }
  guchar next = (guchar)text[1];
  if (c == 0xc2 && next == 0xb5) {
    out[0] = (char)0xce;
    out[1] = (char)0xbc;
  } else if (c == 0xc3 && next == 0x9f) {
    out[0] = 's';
    out[1] = 's';
  } else {
    out[0] = (char)c;
    out[1] = (char)(c == 0xc3 && next <= 0x9e && next != 0x97 ? next + 0x20 : next);
  }
  return 2;
}

/* g_utf8_casefold of latin_foldable text without its tables and without
 * allocating: the folding is as long as the text (ß gives "ss", µ gives
 * U+03BC, À..Þ but × add 0x20, the rest stays). Eight ASCII bytes at a
 * time: URLs and names are nearly all ASCII. out may be text. */
static void latin_fold(const char *text, gsize length, char *out)
{
  gsize i = 0;
  while (i < length) {
    guint64 word;
    if (i + WORD <= length && (memcpy(&word, text + i, WORD), word_is_ascii(word))) {
      word = word_lower(word);
      memcpy(out + i, &word, WORD);
      i += WORD;
      continue;
    }
    i += latin_fold_char(text + i, out + i);
  }
  out[length] = '\0';
}

/* The case folding of text: in buf when it fits and latin_fold can make
 * it, else in a new *heap. */
static const char *text_fold(const char *text, char *buf, gsize size, char **heap)
{
  gsize length = strlen(text);
  if (!latin_foldable(text, length))
    return *heap = g_utf8_casefold(text, -1);
  char *out = length < size ? buf : (*heap = g_malloc(length + 1));
  latin_fold(text, length, out);
  return out;
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
  seniority->ascii_terms = ascii_terms_new(terms);
  if (seniority->ascii_terms != NULL)
    by_first_build(seniority);
  return seniority;
}

gboolean score_seniority_matches(const ScoreSeniority *seniority, const char *position)
{
  if (position == NULL || position[0] == '\0')
    return FALSE;
  char buf[256];
  g_autofree char *heap = NULL;
  const char *lower =
      seniority->ascii_terms != NULL ? ascii_lower(position, buf, sizeof buf, &heap) : NULL;
  if (lower != NULL)
    return ascii_terms_match(seniority, lower);
  if (!g_utf8_validate(position, -1, NULL))
    return FALSE;
  return g_regex_match(seniority->regex, position, 0, NULL);
}

void score_seniority_free(ScoreSeniority *seniority)
{
  if (seniority == NULL)
    return;
  g_regex_unref(seniority->regex);
  if (seniority->ascii_terms != NULL)
    g_ptr_array_unref(seniority->ascii_terms);
  for (guint c = 0; c < G_N_ELEMENTS(seniority->by_first); c++)
    g_free(seniority->by_first[c]);
  g_free(seniority);
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
  char buf[256];
  g_autofree char *heap = NULL;
  const char *folded = text_fold(text, buf, sizeof buf, &heap);
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

/* Unicode case folding of out's text, in place; text of ASCII and Latin-1
 * letters alone without the Unicode tables: every connection's URL and name
 * is folded. */
static void fold_in_place(GString *out)
{
  if (latin_foldable(out->str, out->len)) {
    latin_fold(out->str, out->len, out->str);
    return;
  }
  g_autofree char *folded = g_utf8_casefold(out->str, (gssize)out->len);
  g_string_assign(out, folded);
}

/* text without the spaces g_strstrip removes: its start, and its length in
 * *length. */
static const char *trimmed(const char *text, gsize *length)
{
  while (g_ascii_isspace(*text))
    text++;
  gsize n = strlen(text);
  while (n > 0 && g_ascii_isspace(text[n - 1]))
    n--;
  *length = n;
  return text;
}

/* The length of prefix (ASCII lower case) at the start of text in any ASCII
 * case; 0 when text does not start with it. */
static gsize ascii_prefix_length(const char *text, gsize length, const char *prefix)
{
  gsize n = strlen(prefix);
  if (length < n)
    return 0;
  for (gsize i = 0; i < n; i++)
    if (ascii_lower_char(text[i]) != prefix[i])
      return 0;
  return n;
}

static gsize prefix_length(const char *text, const char *prefix)
{
  return g_str_has_prefix(text, prefix) ? strlen(prefix) : 0;
}

/* The key of a URL whose folding needs the Unicode tables. */
static void url_key_unicode(GString *out, const char *text, gsize length)
{
  g_string_append_len(out, text, (gssize)length);
  fold_in_place(out);
  gsize skip = prefix_length(out->str, "https://");
  if (skip == 0)
    skip = prefix_length(out->str, "http://");
  skip += prefix_length(out->str + skip, "www.");
  gsize end = out->len;
  while (end > skip && out->str[end - 1] == '/')
    end--;
  g_string_truncate(out, end);
  g_string_erase(out, 0, (gssize)skip);
}

/* Every connection's URL is made a key. For latin_foldable text the
 * prefixes and the trailing '/' are found before folding: latin_fold only
 * lowers ASCII letters there (no ASCII comes of the other characters but
 * "ss" of ß, which no prefix holds), so only the key itself, text from
 * *skip to *end, is folded. */
static void url_key_span(const char *text, gsize length, gsize *skip, gsize *end)
{
  *skip = ascii_prefix_length(text, length, "https://");
  if (*skip == 0)
    *skip = ascii_prefix_length(text, length, "http://");
  *skip += ascii_prefix_length(text + *skip, length - *skip, "www.");
  *end = length;
  while (*end > *skip && text[*end - 1] == '/')
    (*end)--;
}

void score_url_key_into(GString *out, const char *url)
{
  g_string_truncate(out, 0);
  if (url == NULL)
    return;
  gsize length = 0;
  const char *text = trimmed(url, &length);
  if (!latin_foldable(text, length)) {
    url_key_unicode(out, text, length);
    return;
  }
  gsize skip = 0;
  gsize end = 0;
  url_key_span(text, length, &skip, &end);
  g_string_set_size(out, end - skip);
  latin_fold(text + skip, end - skip, out->str);
}

void score_name_key_into(GString *out, const char *first, const char *last)
{
  gsize first_length = 0;
  gsize last_length = 0;
  first = first != NULL ? trimmed(first, &first_length) : "";
  last = last != NULL ? trimmed(last, &last_length) : "";
  gsize space = first_length > 0 && last_length > 0 ? 1 : 0;
  g_string_set_size(out, first_length + space + last_length);
  memcpy(out->str, first, first_length);
  if (space > 0)
    out->str[first_length] = ' ';
  memcpy(out->str + first_length + space, last, last_length);
  fold_in_place(out);
}

char *score_url_key(const char *url)
{
  GString *out = g_string_new(NULL);
  score_url_key_into(out, url);
  return g_string_free(out, FALSE);
}

char *score_name_key(const char *first, const char *last)
{
  GString *out = g_string_new(NULL);
  score_name_key_into(out, first, last);
  return g_string_free(out, FALSE);
}

/* --- Key sketches -------------------------------------------------------- */

/* A key's length and its first and last three bytes (byte i of bytes;
 * 0 for those a short key lacks), hashed. */
static guint sketch_mix(gsize length, guint64 bytes)
{
  guint64 mixed = ((guint64)length ^ bytes << 32) * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15);
  return (guint)(mixed >> 32);
}

guint score_key_sketch(const char *key, gsize length)
{
  guint64 bytes = 0;
  for (gsize i = 0; i < 4 && i < length; i++)
    bytes |= (guint64)(guchar)key[i == 0 ? 0 : length - i] << (8 * i);
  return sketch_mix(length, bytes);
}

/* The key folded from a, one space when both are there, and b, as
 * latin_fold makes it: character by character, each as long as its
 * folding, an ASCII byte its ASCII lower case. The bytes of the sketch are
 * read off the text then, where they are ASCII; FALSE where one is not. */
static gboolean spans_sketch(const char *a, gsize la, const char *b, gsize lb, guint *sketch)
{
  gsize space = la > 0 && lb > 0 ? 1 : 0;
  gsize length = la + space + lb;
  guint64 bytes = 0;
  if (length >= 4 && (lb >= 3 || lb == 0)) {
    /* The usual case at once: the last three bytes in one span. */
    const guchar *start = (const guchar *)(la > 0 ? a : b);
    const guchar *end = (const guchar *)(lb > 0 ? b + lb : a + la);
    bytes = start[0] | (guint64)end[-1] << 8 | (guint64)end[-2] << 16 | (guint64)end[-3] << 24;
  } else {
    for (gsize i = 0; i < 4 && i < length; i++) {
      gsize at = i == 0 ? 0 : length - i;
      guchar c = (guchar)(at < la ? a[at] : at < la + space ? ' ' : b[at - la - space]);
      bytes |= (guint64)c << (8 * i);
    }
  }
  if (!word_is_ascii(bytes))
    return FALSE;
  *sketch = sketch_mix(length, word_lower(bytes));
  return TRUE;
}

gboolean score_url_key_sketch(const char *url, guint *sketch, gboolean *empty)
{
  gsize length = 0;
  const char *text = url != NULL ? trimmed(url, &length) : "";
  if (!latin_foldable(text, length))
    return FALSE;
  gsize skip = 0;
  gsize end = 0;
  url_key_span(text, length, &skip, &end);
  *empty = end == skip;
  *sketch = 0;
  return *empty || spans_sketch(text + skip, end - skip, "", 0, sketch);
}

gboolean score_name_key_sketch(const char *first, const char *last, guint *sketch, gboolean *empty)
{
  gsize first_length = 0;
  gsize last_length = 0;
  first = first != NULL ? trimmed(first, &first_length) : "";
  last = last != NULL ? trimmed(last, &last_length) : "";
  if (!latin_foldable(first, first_length) || !latin_foldable(last, last_length))
    return FALSE;
  *empty = first_length + last_length == 0;
  *sketch = 0;
  return *empty || spans_sketch(first, first_length, last, last_length, sketch);
}
