/* Number parsing for collected values (inputs.md, "Decimal mark"): the
 * decimal mark follows the file's delimiter, the other mark may only group
 * thousands, so "39,90" in a comma file is an error rather than 3990. */
#include "ingest/numbers.h"
#include "common/errors.h"
#include <math.h>
#include <string.h>

/* Integers up to 2^53 convert to double exactly. */
#define COUNT_MAX 9007199254740992.0

static gboolean set_not_a_number(const char *text, GError **error)
{
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "not a number: \"%s\"", text);
  return FALSE;
}

/* Copies the digits of "1.234" (group '.') to out; the first group holds 1 to
 * 3 digits and every later one exactly 3. Returns where reading stopped, or
 * NULL when the grouping is wrong. */
static const char *scan_integer_part(const char *p, char group, GString *out)
{
  const char *start = p;
  while (g_ascii_isdigit(*p))
    g_string_append_c(out, *p++);
  if (p == start)
    return NULL;
  if (*p != group)
    return p;
  if (p - start > 3)
    return NULL;
  while (*p == group) {
    p++;
    for (int i = 0; i < 3; i++) {
      if (!g_ascii_isdigit(*p))
        return NULL;
      g_string_append_c(out, *p++);
    }
    if (g_ascii_isdigit(*p))
      return NULL;
  }
  return p;
}

/* Parses trimmed text; FALSE without an error so callers choose the message. */
static gboolean number_parse_trimmed(const char *text, char decimal_mark, double *out)
{
  char group = decimal_mark == ',' ? '.' : ',';
  g_autoptr(GString) clean = g_string_sized_new(32);
  const char *p = text;
  if (*p == '-' || *p == '+')
    g_string_append_c(clean, *p++);
  p = scan_integer_part(p, group, clean);
  if (p == NULL)
    return FALSE;
  if (*p == decimal_mark) {
    p++;
    g_string_append_c(clean, '.');
    if (!g_ascii_isdigit(*p))
      return FALSE;
    while (g_ascii_isdigit(*p))
      g_string_append_c(clean, *p++);
  }
  if (*p != '\0')
    return FALSE;
  double value = g_ascii_strtod(clean->str, NULL);
  if (!isfinite(value))
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean ingest_number_parse(const char *text, char decimal_mark, double *out, GError **error)
{
  g_autofree char *trimmed = g_strstrip(g_strdup(text ? text : ""));
  if (!number_parse_trimmed(trimmed, decimal_mark, out))
    return set_not_a_number(trimmed, error);
  return TRUE;
}

/* Takes "Top" and "%" off a rank; returns the number between them. */
static char *rank_strip(const char *trimmed)
{
  const char *p = trimmed;
  if (g_ascii_strncasecmp(p, "top", 3) == 0 && !g_ascii_isalpha(p[3]))
    p += 3;
  char *number = g_strdup(p);
  gsize len = strlen(number);
  if (len > 0 && number[len - 1] == '%')
    number[len - 1] = '\0';
  return g_strstrip(number);
}

gboolean ingest_rank_parse(const char *text, char decimal_mark, double *out, GError **error)
{
  g_autofree char *trimmed = g_strstrip(g_strdup(text ? text : ""));
  g_autofree char *number = rank_strip(trimmed);
  double value;
  if (!number_parse_trimmed(number, decimal_mark, &value)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "not a rank: \"%s\" (expected N, N%% or Top N%%)", trimmed);
    return FALSE;
  }
  if (value < 0.0 || value > 100.0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "rank out of range: \"%s\"", trimmed);
    return FALSE;
  }
  *out = value;
  return TRUE;
}

gboolean ingest_count_parse(const char *text, char decimal_mark, gint64 *out, GError **error)
{
  g_autofree char *trimmed = g_strstrip(g_strdup(text ? text : ""));
  double value;
  if (!number_parse_trimmed(trimmed, decimal_mark, &value))
    return set_not_a_number(trimmed, error);
  if (value < 0.0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "negative count: \"%s\"", trimmed);
    return FALSE;
  }
  if (value != floor(value) || value > COUNT_MAX) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "not a whole count: \"%s\"", trimmed);
    return FALSE;
  }
  *out = (gint64)value;
  return TRUE;
}
