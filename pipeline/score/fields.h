/* Reading one field of a normalized CSV row: the forms ingest writes (dates
 * YYYY-MM-DD, numbers with '.', counts, 0/1 flags), each error naming the
 * column and quoting the text (PIPELINE_ERROR_INPUT). */
#pragma once
#include "score/months.h"

#include <glib.h>

gboolean score_field_is_empty(const char *text);

/* Fails on an empty field. */
gboolean score_field_required(const char *column, const char *text, GError **error);

/* An empty field gives SCORE_DAY_NONE when optional. */
gboolean score_field_day(const char *column, const char *text, gboolean optional, ScoreDay *out,
                         GError **error);

/* A finite number; an empty field gives NAN when optional. */
gboolean score_field_number(const char *column, const char *text, gboolean optional, double *out,
                            GError **error);

/* A whole number from 0 ("3", also "3.0"); an empty field gives -1 when
 * optional. */
gboolean score_field_count(const char *column, const char *text, gboolean optional, gint64 *out,
                           GError **error);

/* "1" or "0". */
gboolean score_field_flag(const char *column, const char *text, gboolean *out, GError **error);
