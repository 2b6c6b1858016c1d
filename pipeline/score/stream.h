/* Reading a normalized CSV sorted by its first column (ambassador_id) on a
 * worker thread that turns each run of rows with the same key into one
 * group of typed data, so that several files can be walked side by side,
 * one ambassador at a time, without a second copy of any row, with memory
 * bounded by a short queue of groups. */
#pragma once
#include <glib.h>

typedef struct ScoreStream ScoreStream;

/* How rows become a group's data; called on the worker thread. */
typedef struct {
  const char *const *columns; /* NULL-terminated, all in the header; [0] is the key */
  /* rows_hint: the rows of the group before, to make room for */
  gpointer (*group_new)(guint rows_hint);
  /* Adds one row, its fields in the order of columns; an error is the
   * row's (the stream adds file and line). */
  gboolean (*row_add)(gpointer data, const char *const *fields, GError **error);
  GDestroyNotify group_free;
} ScoreStreamSpec;

typedef struct {
  char *key;
  gpointer data; /* the rows added before any error; may be stolen */
  GError *error; /* the first row that failed, with file and line; the
                  * group's later rows are left out */
} ScoreStreamGroup;

/* Starts reading path; spec must outlive the stream. Problems with the
 * file show at the first score_stream_peek that reaches them. */
ScoreStream *score_stream_open(const char *path, const ScoreStreamSpec *spec);

/* The next group, left in place; NULL at the end of the file or on an error
 * of the file rather than of a row (error set: PIPELINE_ERROR_INPUT naming
 * the file and the line): a bad file, an empty key, keys out of order. */
ScoreStreamGroup *score_stream_peek(ScoreStream *stream, GError **error);

/* Drops the group the last peek returned, with its data unless stolen. */
void score_stream_advance(ScoreStream *stream);

const char *score_stream_path(const ScoreStream *stream);

/* Stops reading (the rest of the file is skipped) and frees everything. */
void score_stream_free(ScoreStream *stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreStream, score_stream_free)
