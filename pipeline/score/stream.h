/* Reading a normalized CSV row by row on demand, so that several files
 * sorted by ambassador_id can be walked side by side, one ambassador at a
 * time, with memory bounded by a short queue of rows. */
#pragma once
#include <glib.h>

typedef struct ScoreStream ScoreStream;

typedef struct {
  char **fields; /* the columns asked for, in that order */
  guint64 line;  /* physical line where the row starts */
} ScoreStreamRow;

/* Starts reading path; columns (NULL-terminated) must all be in its header.
 * Problems with the file show at the first score_stream_peek. */
ScoreStream *score_stream_open(const char *path, const char *const *columns);

/* The next row, left in place; NULL at the end of the file or on error
 * (error set: PIPELINE_ERROR_INPUT naming the file and the line). */
const ScoreStreamRow *score_stream_peek(ScoreStream *stream, GError **error);

/* Drops the row the last peek returned. */
void score_stream_advance(ScoreStream *stream);

const char *score_stream_path(const ScoreStream *stream);

/* Stops reading (the rest of the file is skipped) and frees everything. */
void score_stream_free(ScoreStream *stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreStream, score_stream_free)
