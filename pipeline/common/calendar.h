/* The Gregorian calendar by arithmetic, counting days as GLib's GDate does
 * (1 January of year 1 is day 1): ingest and score read a date on every
 * row, and GDate's calls cost more than reading the text. Inline for that. */
#pragma once
#include <glib.h>

static inline gboolean calendar_is_leap_year(int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Whether month (1 to 12) and day make a date of year; as g_date_valid_dmy
 * for years from 1. */
static inline gboolean calendar_date_valid(int year, int month, int day)
{
  static const guint8 days_in_month[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1)
    return FALSE;
  return day <= days_in_month[month] + (month == 2 && calendar_is_leap_year(year) ? 1 : 0);
}

/* GDate's Julian day number of a valid date (calendar_date_valid). */
static inline guint32 calendar_julian_day(int year, int month, int day)
{
  /* Days before each month, in a common year. */
  static const guint16 before[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  guint32 y = (guint32)year - 1;
  return y * 365 + y / 4 - y / 100 + y / 400 + before[month] +
         (month > 2 && calendar_is_leap_year(year) ? 1 : 0) + (guint32)day;
}
