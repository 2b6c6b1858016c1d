/* The progress line (progress.h): counts kept by the stage that runs, drawn
 * with a carriage return over the previous line and the rest of that line
 * erased, since a terminal is the only place it goes. */
#include "common/progress.h"

#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 4)
#define MB (1024.0 * 1024.0)

struct PipelineProgress {
  FILE *out;
  gint64 started;
  gint64 drawn; /* when the line was last drawn */
  guint64 files, files_total;
  guint64 bytes, bytes_total;
  guint64 rows;
  gboolean visible; /* a line is on the screen */
};

PipelineProgress *progress_new(FILE *out, gboolean enabled)
{
  if (!enabled)
    return NULL;
  PipelineProgress *progress = g_new0(PipelineProgress, 1);
  progress->out = out;
  progress->started = g_get_monotonic_time();
  return progress;
}

void progress_free(PipelineProgress *progress)
{
  if (progress == NULL)
    return;
  progress_finish(progress);
  g_free(progress);
}

void progress_set_total(PipelineProgress *progress, guint64 files, guint64 bytes)
{
  if (progress == NULL)
    return;
  progress->files_total = files;
  progress->bytes_total = bytes;
}

static char *format_left(double seconds)
{
  guint64 s = (guint64)(seconds + 0.5);
  if (s >= 3600)
    return g_strdup_printf("%" G_GUINT64_FORMAT ":%02u:%02u left", s / 3600,
                           (unsigned)(s / 60 % 60), (unsigned)(s % 60));
  return g_strdup_printf("%u:%02u left", (unsigned)(s / 60), (unsigned)(s % 60));
}

char *progress_format(guint64 files, guint64 files_total, guint64 bytes, guint64 bytes_total,
                      guint64 rows, double seconds)
{
  GString *line = g_string_new("ingest: ");
  g_string_append_printf(line, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " files, ", files,
                         files_total);
  g_string_append_printf(line, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " MB",
                         (guint64)(bytes / MB + 0.5), (guint64)(bytes_total / MB + 0.5));
  if (seconds < 1.0 || bytes == 0)
    return g_string_free(line, FALSE);
  g_string_append_printf(line, ", %" G_GUINT64_FORMAT " rows/s", (guint64)(rows / seconds));
  double rate = bytes / seconds;
  if (bytes_total > bytes) {
    g_autofree char *left = format_left((double)(bytes_total - bytes) / rate);
    g_string_append_printf(line, ", %s", left);
  }
  return g_string_free(line, FALSE);
}

static void progress_draw(PipelineProgress *progress, gint64 now)
{
  double seconds = (double)(now - progress->started) / G_USEC_PER_SEC;
  g_autofree char *line = progress_format(progress->files, progress->files_total, progress->bytes,
                                          progress->bytes_total, progress->rows, seconds);
  fprintf(progress->out, "\r%s\033[K", line);
  fflush(progress->out);
  progress->drawn = now;
  progress->visible = TRUE;
}

void progress_add(PipelineProgress *progress, guint64 files, guint64 bytes, guint64 rows)
{
  if (progress == NULL)
    return;
  progress->files += files;
  progress->bytes += bytes;
  progress->rows += rows;
  gint64 now = g_get_monotonic_time();
  if (now - progress->drawn >= PROGRESS_INTERVAL_US)
    progress_draw(progress, now);
}

void progress_finish(PipelineProgress *progress)
{
  if (progress == NULL || !progress->visible)
    return;
  fputs("\r\033[K", progress->out);
  fflush(progress->out);
  progress->visible = FALSE;
}
