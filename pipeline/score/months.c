/* Month and day arithmetic of the score stage: parsing the normalized date
 * forms, as_of(M), window(M) and the month a day falls in. */
#include "score/months.h"
#include "common/calendar.h"
#include "common/errors.h"

#include <string.h>

enum { MONTH_YEAR_MIN = 2003, MONTH_YEAR_MAX = 2100 };

/* Reads exactly n ASCII digits; GLib's parsers would accept signs and spaces. */
static gboolean digits_read(const char *text, int n, int *out)
{
  int value = 0;
  for (int i = 0; i < n; i++) {
    if (!g_ascii_isdigit(text[i]))
      return FALSE;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return TRUE;
}

gboolean score_month_parse(const char *text, ScoreMonth *out, GError **error)
{
  int year = 0;
  int month = 0;
  gboolean ok = text != NULL && strlen(text) == 7 && text[4] == '-' &&
                digits_read(text, 4, &year) && digits_read(text + 5, 2, &month) && month >= 1 &&
                month <= 12 && year >= MONTH_YEAR_MIN && year <= MONTH_YEAR_MAX;
  if (!ok) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "expected a month YYYY-MM from %d-01 to %d-12, got \"%s\"", MONTH_YEAR_MIN,
                MONTH_YEAR_MAX, text != NULL ? text : "");
    return FALSE;
  }
  *out = year * 12 + (month - 1);
  return TRUE;
}

/* Digits by hand: every person-month row formats its month. */
void score_month_format(ScoreMonth month, char buf[SCORE_MONTH_TEXT_SIZE])
{
  int year = month / 12;
  int number = month % 12 + 1;
  if (month < 0 || year > 9999) {
    g_snprintf(buf, SCORE_MONTH_TEXT_SIZE, "%04d-%02d", year, number);
    return;
  }
  buf[0] = (char)('0' + year / 1000);
  buf[1] = (char)('0' + year / 100 % 10);
  buf[2] = (char)('0' + year / 10 % 10);
  buf[3] = (char)('0' + year % 10);
  buf[4] = '-';
  buf[5] = (char)('0' + number / 10);
  buf[6] = (char)('0' + number % 10);
  buf[7] = '\0';
}

ScoreMonth score_month_of_day(ScoreDay day)
{
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_julian(&date, day);
  return g_date_get_year(&date) * 12 + (g_date_get_month(&date) - 1);
}

ScoreDay score_month_first_day(ScoreMonth month)
{
  if (month >= 12 && month / 12 <= G_MAXUINT16)
    return calendar_julian_day(month / 12, month % 12 + 1, 1);
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_dmy(&date, 1, (GDateMonth)(month % 12 + 1), (GDateYear)(month / 12));
  return g_date_get_julian(&date);
}

ScoreDay score_month_as_of(ScoreMonth month)
{
  return score_month_first_day(month + 1) - 1;
}

void score_month_window(ScoreMonth month, int window_days, ScoreDay *first, ScoreDay *last)
{
  *last = score_month_as_of(month);
  *first = *last - (ScoreDay)(window_days - 1);
}

/* YYYY-MM-DD and nothing after, by one compare a character: every LinkedIn
 * row has a date. A NUL fails its compare, so nothing past it is read. */
static gboolean day_text_read(const char *text, int *year, int *month, int *day)
{
  for (int i = 0; i < 10; i++) {
    gboolean dash = i == 4 || i == 7;
    if (dash ? text[i] != '-' : (guchar)(text[i] - '0') > 9)
      return FALSE;
  }
  if (text[10] != '\0')
    return FALSE;
  *year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  *month = (text[5] - '0') * 10 + (text[6] - '0');
  *day = (text[8] - '0') * 10 + (text[9] - '0');
  return TRUE;
}

gboolean score_day_parse(const char *text, ScoreDay *out, GError **error)
{
  int year = 0;
  int month = 0;
  int day = 0;
  /* Checked by calendar_date_valid rather than by g_date_valid_dmy: every
   * LinkedIn row has a date. */
  gboolean ok = text != NULL && day_text_read(text, &year, &month, &day) &&
                calendar_date_valid(year, month, day);
  if (!ok) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "expected a date YYYY-MM-DD, got \"%s\"", text != NULL ? text : "");
    return FALSE;
  }
  *out = calendar_julian_day(year, month, day);
  return TRUE;
}
