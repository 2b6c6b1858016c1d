/* Field readers shared by everything the score stage reads from
 * <work>/normalized/: strict, because ingest wrote these files, so anything
 * unexpected means a damaged or foreign file and is said plainly. */
#include "score/fields.h"
#include "common/errors.h"

#include <math.h>

gboolean score_field_is_empty(const char *text)
{
  return text == NULL || text[0] == '\0';
}

gboolean score_field_required(const char *column, const char *text, GError **error)
{
  if (!score_field_is_empty(text))
    return TRUE;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
              "%s: expected a value, got an empty field", column);
  return FALSE;
}

gboolean score_field_day(const char *column, const char *text, gboolean optional, ScoreDay *out,
                         GError **error)
{
  if (optional && score_field_is_empty(text)) {
    *out = SCORE_DAY_NONE;
    return TRUE;
  }
  GError *cause = NULL;
  if (!score_day_parse(text, out, &cause)) {
    g_propagate_prefixed_error(error, cause, "%s: ", column);
    return FALSE;
  }
  return TRUE;
}

/* "-12.34" with at most 15 digits in all, as ingest writes scores, without
 * strtod: the digits as a whole number and the power of ten are both exact
 * doubles, so their quotient is the correctly rounded value strtod gives.
 * FALSE for any other form. */
static gboolean plain_decimal_read(const char *text, double *out)
{
  static const double powers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  gboolean negative = text[0] == '-';
  const char *p = negative ? text + 1 : text;
  gint64 digits = 0;
  guint n = 0;
  guint fraction = 0;
  for (; g_ascii_isdigit(*p) && n <= 15; p++, n++)
    digits = digits * 10 + (*p - '0');
  if (n == 0)
    return FALSE;
  if (*p == '.') {
    for (p++; g_ascii_isdigit(*p) && n <= 15; p++, n++, fraction++)
      digits = digits * 10 + (*p - '0');
    if (fraction == 0)
      return FALSE;
  }
  if (*p != '\0' || n > 15)
    return FALSE;
  double value = (double)digits / powers[fraction];
  *out = negative ? -value : value;
  return TRUE;
}

/* Normalized numbers are written with '.', so a strict C-locale parse. */
gboolean score_field_number(const char *column, const char *text, gboolean optional, double *out,
                            GError **error)
{
  if (score_field_is_empty(text)) {
    *out = NAN;
    return optional || score_field_required(column, text, error);
  }
  if (plain_decimal_read(text, out))
    return TRUE;
  char *end = NULL;
  double value = g_ascii_strtod(text, &end);
  if (end == text || *end != '\0' || !isfinite(value) || g_ascii_isspace(text[0])) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s: expected a number, got \"%s\"",
                column, text);
    return FALSE;
  }
  *out = value;
  return TRUE;
}

gboolean score_field_count(const char *column, const char *text, gboolean optional, gint64 *out,
                           GError **error)
{
  if (optional && score_field_is_empty(text)) {
    *out = -1;
    return TRUE;
  }
  /* Plain digits, as ingest writes counts, read the same without strtod. */
  gint64 whole = 0;
  gsize n = 0;
  while (n < 15 && text != NULL && g_ascii_isdigit(text[n]))
    whole = whole * 10 + (text[n++] - '0');
  if (n > 0 && text[n] == '\0') {
    *out = whole;
    return TRUE;
  }
  double value = 0;
  if (score_field_number(column, text, FALSE, &value, NULL) && value >= 0 &&
      value == floor(value) && value < 1e15) {
    *out = (gint64)value;
    return TRUE;
  }
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
              "%s: expected a whole number from 0, got \"%s\"", column, text != NULL ? text : "");
  return FALSE;
}

gboolean score_field_flag(const char *column, const char *text, gboolean *out, GError **error)
{
  if (g_strcmp0(text, "1") == 0 || g_strcmp0(text, "0") == 0) {
    *out = text[0] == '1';
    return TRUE;
  }
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s: expected 1 or 0, got \"%s\"",
              column, text != NULL ? text : "");
  return FALSE;
}
