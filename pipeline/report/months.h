/* Calendar months as the stage files write them ("YYYY-MM"): parsing,
 * stepping, the month's last day, and the forms the workbook needs (an Excel
 * date, the fixed creation time of the file). */
#pragma once
#include <glib.h>
#include <time.h>
#include <xlsxwriter.h>

/* TRUE for "YYYY-MM" with a month 01..12 and a year 1..9999. year and month
 * may be NULL. */
gboolean report_month_parse(const char *text, int *year, int *month);

/* The month delta months after month ("2026-01", -1 -> "2025-12"); NULL when
 * month is not valid. */
char *report_month_add(const char *month, int delta);

/* Months from from to to ("2022-03" to "2022-09" is 6); FALSE when either
 * is not a valid month. Both may be dates: only "YYYY-MM" is read. */
gboolean report_month_distance(const char *from, const char *to, int *months);

/* "YYYY-MM-DD" of the month's last day, for comparing with ISO dates; NULL
 * when month is not valid. */
char *report_month_last_day(const char *month);

/* 23:59:59 UTC on the month's last day, whatever the local time zone: the
 * creation time written into the workbook, so that reruns are identical. */
gboolean report_month_end_time(const char *month, time_t *end);

/* The first day of the month as an Excel date (no time of day). */
gboolean report_month_to_datetime(const char *month, lxw_datetime *datetime);
