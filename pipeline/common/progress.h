/* The progress line of long runs (operation.md): files, MB, rows per second
 * and the time left, on stderr, redrawn in place at most four times a
 * second; only when stderr is a terminal and the run is neither quiet nor
 * verbose (whose log lines would break it). A NULL progress does nothing,
 * so stages call it unconditionally. */
#pragma once
#include <glib.h>
#include <stdio.h>

typedef struct PipelineProgress PipelineProgress;

/* Draws on out (stderr) when enabled; otherwise returns NULL. */
PipelineProgress *progress_new(FILE *out, gboolean enabled);
void progress_free(PipelineProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PipelineProgress, progress_free)

/* What the stage will go through, once known. */
void progress_set_total(PipelineProgress *progress, guint64 files, guint64 bytes);

/* Work done since the last call; redraws when a quarter second has passed. */
void progress_add(PipelineProgress *progress, guint64 files, guint64 bytes, guint64 rows);

/* Clears the line, so what is printed next starts on a clean line. */
void progress_finish(PipelineProgress *progress);

/* The line for these counts, e.g. "ingest: 1200/48000 files, 512/2350 MB,
 * 310000 rows/s, 0:41 left"; the rate and time left once a second has
 * passed. */
char *progress_format(guint64 files, guint64 files_total, guint64 bytes, guint64 bytes_total,
                      guint64 rows, double seconds);
