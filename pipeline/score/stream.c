/* Turns the shared CSV reader, which calls back for every record, into a
 * reader that hands out the next row when asked: a worker thread runs the
 * reader and passes copies of the rows, in batches so that the threads
 * rarely wait for each other, through a queue it keeps short. */
#include "score/stream.h"
#include "common/csv_reader.h"
#include "common/errors.h"

#include <string.h>

enum { BATCH_ROWS = 256, BATCH_TEXT = 64 * 1024, QUEUE_BATCHES_MAX = 4, COLUMNS_MAX = 16 };

/* Rows in one block and their texts in another that never moves: the rows
 * are many and short-lived, so a batch costs two allocations, not one per
 * row, and is freed by the consumer at once. */
typedef struct {
  guint len;
  ScoreStreamRow rows[BATCH_ROWS];
  char **fields; /* BATCH_ROWS * (n_columns + 1) pointers */
  char *text;
  gsize text_used;
  gsize text_size;
} Batch;

struct ScoreStream {
  char *path;
  char **columns;
  guint n_columns;
  int indices[COLUMNS_MAX];
  gboolean header_seen; /* worker only */
  Batch *filling;       /* worker only: the batch being filled */
  GThread *worker;
  GMutex lock; /* guards the fields up to error */
  GCond changed;
  GQueue batches; /* Batch * */
  gboolean done;
  gboolean stopping;
  GError *error;  /* the worker's, once done */
  Batch *reading; /* consumer only: the batch rows are taken from */
  guint next;     /* consumer only: the next row of reading */
};

static Batch *batch_new(guint n_columns, gsize text_size)
{
  Batch *batch = g_malloc(sizeof(Batch) + BATCH_ROWS * (n_columns + 1) * sizeof(char *));
  batch->len = 0;
  batch->fields = (char **)(batch + 1);
  batch->text = g_malloc(text_size);
  batch->text_used = 0;
  batch->text_size = text_size;
  return batch;
}

static void batch_free(Batch *batch)
{
  if (batch == NULL)
    return;
  g_free(batch->text);
  g_free(batch);
}

static gboolean header_read(ScoreStream *stream, const CsvRecord *record, GError **error)
{
  CsvColumnSpec specs[COLUMNS_MAX];
  for (guint i = 0; i < stream->n_columns; i++)
    specs[i] = (CsvColumnSpec){stream->columns[i], NULL, TRUE};
  if (!csv_header_map(record, specs, stream->n_columns, stream->indices, error))
    return FALSE;
  stream->header_seen = TRUE;
  return TRUE;
}

/* Hands the filled batch over, waiting while the queue is full; FALSE when
 * the consumer has gone. */
static gboolean batch_hand_over(ScoreStream *stream)
{
  Batch *batch = g_steal_pointer(&stream->filling);
  g_mutex_lock(&stream->lock);
  while (stream->batches.length >= QUEUE_BATCHES_MAX && !stream->stopping)
    g_cond_wait(&stream->changed, &stream->lock);
  gboolean stopping = stream->stopping;
  if (!stopping) {
    g_queue_push_tail(&stream->batches, batch);
    g_cond_broadcast(&stream->changed);
  }
  g_mutex_unlock(&stream->lock);
  if (stopping)
    batch_free(batch);
  return !stopping;
}

/* Copies the record's columns into the batch being filled, handing a full
 * batch over first; FALSE when the consumer has gone. */
static gboolean row_add(ScoreStream *stream, const CsvRecord *record)
{
  const char *fields[COLUMNS_MAX];
  gsize lengths[COLUMNS_MAX];
  gsize size = 0;
  for (guint i = 0; i < stream->n_columns; i++) {
    fields[i] = csv_record_field(record, stream->indices[i]);
    lengths[i] = strlen(fields[i]) + 1;
    size += lengths[i];
  }
  Batch *batch = stream->filling;
  if (batch != NULL && (batch->len == BATCH_ROWS || batch->text_size - batch->text_used < size) &&
      !batch_hand_over(stream))
    return FALSE;
  if (stream->filling == NULL)
    stream->filling = batch_new(stream->n_columns, MAX(BATCH_TEXT, size));
  batch = stream->filling;
  ScoreStreamRow *row = &batch->rows[batch->len];
  row->fields = batch->fields + batch->len * (stream->n_columns + 1);
  row->line = record->line;
  char *text = batch->text + batch->text_used;
  for (guint i = 0; i < stream->n_columns; i++) {
    row->fields[i] = memcpy(text, fields[i], lengths[i]);
    text += lengths[i];
  }
  row->fields[stream->n_columns] = NULL;
  batch->text_used += size;
  batch->len++;
  return TRUE;
}

static gboolean record_take(const CsvRecord *record, gpointer user_data, GError **error)
{
  ScoreStream *stream = user_data;
  GError *local = NULL;
  if (record->malformed != NULL)
    g_set_error(&local, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s", record->malformed);
  else if (!stream->header_seen)
    header_read(stream, record, &local);
  else if (!row_add(stream, record))
    g_set_error(&local, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "reading stopped");
  if (local == NULL)
    return TRUE;
  g_propagate_prefixed_error(error, local, "%s line %" G_GUINT64_FORMAT ": ", stream->path,
                             record->line);
  return FALSE;
}

/* Whatever fails while reading a normalized file is the input's fault. */
static GError *read_whole_file(ScoreStream *stream)
{
  CsvReaderOptions options = {.delimiter = ','};
  GError *error = NULL;
  if (!csv_reader_read_file(stream->path, &options, record_take, stream, NULL, &error)) {
    if (error->domain != PIPELINE_ERROR) {
      GError *input = g_error_new(PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s", error->message);
      g_error_free(error);
      return input;
    }
    return error;
  }
  if (!stream->header_seen)
    return g_error_new(PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                       "%s: empty, expected a header row with the columns of the contract",
                       stream->path);
  return NULL;
}

static gpointer worker_run(gpointer data)
{
  ScoreStream *stream = data;
  GError *error = read_whole_file(stream);
  if (stream->filling != NULL && stream->filling->len > 0)
    batch_hand_over(stream);
  g_clear_pointer(&stream->filling, batch_free);
  g_mutex_lock(&stream->lock);
  stream->done = TRUE;
  stream->error = error;
  g_cond_broadcast(&stream->changed);
  g_mutex_unlock(&stream->lock);
  return NULL;
}

ScoreStream *score_stream_open(const char *path, const char *const *columns)
{
  ScoreStream *stream = g_new0(ScoreStream, 1);
  stream->path = g_strdup(path);
  stream->columns = g_strdupv((char **)columns);
  stream->n_columns = g_strv_length(stream->columns);
  g_assert(stream->n_columns <= COLUMNS_MAX);
  g_mutex_init(&stream->lock);
  g_cond_init(&stream->changed);
  g_queue_init(&stream->batches);
  stream->worker = g_thread_new("score-stream", worker_run, stream);
  return stream;
}

/* The next batch from the worker; FALSE at the end or on its error. */
static gboolean batch_take(ScoreStream *stream, GError **error)
{
  g_clear_pointer(&stream->reading, batch_free);
  stream->next = 0;
  g_mutex_lock(&stream->lock);
  while (stream->batches.length == 0 && !stream->done)
    g_cond_wait(&stream->changed, &stream->lock);
  stream->reading = g_queue_pop_head(&stream->batches);
  if (stream->reading != NULL)
    g_cond_broadcast(&stream->changed);
  else if (stream->error != NULL)
    g_propagate_error(error, g_error_copy(stream->error));
  g_mutex_unlock(&stream->lock);
  return stream->reading != NULL;
}

const ScoreStreamRow *score_stream_peek(ScoreStream *stream, GError **error)
{
  while (stream->reading == NULL || stream->next >= stream->reading->len)
    if (!batch_take(stream, error))
      return NULL;
  return &stream->reading->rows[stream->next];
}

void score_stream_advance(ScoreStream *stream)
{
  if (stream->reading != NULL && stream->next < stream->reading->len)
    stream->next++;
}

const char *score_stream_path(const ScoreStream *stream)
{
  return stream->path;
}

void score_stream_free(ScoreStream *stream)
{
  if (stream == NULL)
    return;
  g_mutex_lock(&stream->lock);
  stream->stopping = TRUE;
  g_cond_broadcast(&stream->changed);
  g_mutex_unlock(&stream->lock);
  g_thread_join(stream->worker);
  g_queue_clear_full(&stream->batches, (GDestroyNotify)batch_free);
  g_clear_pointer(&stream->reading, batch_free);
  g_clear_error(&stream->error);
  g_mutex_clear(&stream->lock);
  g_cond_clear(&stream->changed);
  g_strfreev(stream->columns);
  g_free(stream->path);
  g_free(stream);
}
