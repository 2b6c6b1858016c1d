/* Calendar months and days as the score stage counts them (model.md,
 * "Months, windows, memberships"): a month is a number so that "the previous
 * month" and "months since the start" are subtractions. */
#pragma once
#include <glib.h>

/* A month as year * 12 + (month - 1): 2025-04 and 2025-03 differ by one. */
typedef int ScoreMonth;

/* A day as its Julian day number (GDate's), so days compare as integers;
 * 0 means "no day" (an empty roster `left`). */
typedef guint32 ScoreDay;

#define SCORE_MONTH_TEXT_SIZE 8 /* "YYYY-MM" and its NUL */
#define SCORE_DAY_NONE 0

/* Parses "YYYY-MM" exactly (years 2003 to 2100, the plausible range of
 * model.md). The error quotes the text (PIPELINE_ERROR_USAGE). */
gboolean score_month_parse(const char *text, ScoreMonth *out, GError **error);

/* "YYYY-MM" into buf. */
void score_month_format(ScoreMonth month, char buf[SCORE_MONTH_TEXT_SIZE]);

ScoreMonth score_month_of_day(ScoreDay day);

/* The first and the last day of the month; the last is as_of(M). */
ScoreDay score_month_first_day(ScoreMonth month);
ScoreDay score_month_as_of(ScoreMonth month);

/* window(M): the window_days days ending on as_of(M), both ends included. */
void score_month_window(ScoreMonth month, int window_days, ScoreDay *first, ScoreDay *last);

/* Parses a normalized date "YYYY-MM-DD" exactly (a real calendar day). The
 * error quotes the text (PIPELINE_ERROR_INPUT). */
gboolean score_day_parse(const char *text, ScoreDay *out, GError **error);
