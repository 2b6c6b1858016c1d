/* Month arithmetic over "YYYY-MM" strings for the report: previous months,
 * 12-month windows, last days and the workbook's creation time, computed in
 * UTC so that the local time zone never changes a byte of the output. */
#include "report/months.h"

#include <string.h>

gboolean report_month_parse(const char *text, int *year, int *month)
{
  if (text == NULL || strlen(text) != 7 || text[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit(text[i]))
      return FALSE;
  int y = (int)g_ascii_strtoll(text, NULL, 10);
  int m = (int)g_ascii_strtoll(text + 5, NULL, 10);
  if (y < 1 || m < 1 || m > 12)
    return FALSE;
  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  return TRUE;
}

char *report_month_add(const char *month, int delta)
{
  int year = 0;
  int number = 0;
  if (!report_month_parse(month, &year, &number))
    return NULL;
  int index = year * 12 + (number - 1) + delta;
  if (index < 12 || index >= 10000 * 12)
    return NULL;
  return g_strdup_printf("%04d-%02d", index / 12, index % 12 + 1);
}

gboolean report_month_distance(const char *from, const char *to, int *months)
{
  char from_month[8];
  char to_month[8];
  int from_year = 0, from_number = 0, to_year = 0, to_number = 0;
  if (from == NULL || to == NULL)
    return FALSE;
  g_strlcpy(from_month, from, sizeof from_month);
  g_strlcpy(to_month, to, sizeof to_month);
  if (!report_month_parse(from_month, &from_year, &from_number) ||
      !report_month_parse(to_month, &to_year, &to_number))
    return FALSE;
  *months = (to_year - from_year) * 12 + (to_number - from_number);
  return TRUE;
}

static int month_days(int year, int month)
{
  return g_date_get_days_in_month((GDateMonth)month, (GDateYear)year);
}

char *report_month_last_day(const char *month)
{
  int year = 0;
  int number = 0;
  if (!report_month_parse(month, &year, &number))
    return NULL;
  return g_strdup_printf("%04d-%02d-%02d", year, number, month_days(year, number));
}

gboolean report_month_end_time(const char *month, time_t *end)
{
  int year = 0;
  int number = 0;
  if (!report_month_parse(month, &year, &number))
    return FALSE;
  g_autoptr(GDateTime) time =
      g_date_time_new_utc(year, number, month_days(year, number), 23, 59, 59);
  if (time == NULL)
    return FALSE;
  *end = (time_t)g_date_time_to_unix(time);
  return TRUE;
}

gboolean report_month_to_datetime(const char *month, lxw_datetime *datetime)
{
  int year = 0;
  int number = 0;
  /* Excel dates start in 1900. */
  if (!report_month_parse(month, &year, &number) || year < 1900)
    return FALSE;
  *datetime = (lxw_datetime){.year = year, .month = number, .day = 1};
  return TRUE;
}
