/* Turns the shared CSV reader, which calls back for every record, into a
 * reader that hands out the next group of rows when asked: a worker thread
 * runs the reader, adds each row to its key's group at once and passes the
 * finished groups through a queue it keeps short. Either side wakes the
 * other only when that one waits, and a side that waits is woken only once
 * the queue is half full (or half empty), so that a group rarely costs a
 * system call. */
#include "score/stream.h"
#include "common/csv_reader.h"
#include "common/errors.h"
#include "score/fields.h"

#include <string.h>

enum { QUEUE_GROUPS_MAX = 16, QUEUE_GROUPS_HALF = QUEUE_GROUPS_MAX / 2, COLUMNS_MAX = 16 };

struct ScoreStream {
  char *path;
  const ScoreStreamSpec *spec;
  guint n_columns;
  int indices[COLUMNS_MAX];
  gboolean header_seen;      /* worker only */
  ScoreStreamGroup *filling; /* worker only: the group of the current key */
  guint filling_rows;        /* worker only: its rows so far */
  GThread *worker;
  GMutex lock; /* guards the fields up to error */
  GCond changed;
  GQueue groups; /* ScoreStreamGroup * */
  gboolean worker_waits;
  gboolean consumer_waits;
  gboolean done;
  gboolean stopping;
  GError *error;             /* the worker's, once done */
  ScoreStreamGroup *reading; /* consumer only: the group peeked */
};

static void group_free(const ScoreStream *stream, ScoreStreamGroup *group)
{
  if (group == NULL)
    return;
  if (group->data != NULL)
    stream->spec->group_free(group->data);
  g_clear_error(&group->error);
  g_free(group->key);
  g_free(group);
}

static gboolean header_read(ScoreStream *stream, const CsvRecord *record, GError **error)
{
  CsvColumnSpec specs[COLUMNS_MAX];
  for (guint i = 0; i < stream->n_columns; i++)
    specs[i] = (CsvColumnSpec){stream->spec->columns[i], NULL, TRUE};
  if (!csv_header_map(record, specs, stream->n_columns, stream->indices, error))
    return FALSE;
  stream->header_seen = TRUE;
  return TRUE;
}

/* Hands the finished group over, waiting while the queue is full; FALSE
 * when the consumer has gone. */
static gboolean group_hand_over(ScoreStream *stream)
{
  ScoreStreamGroup *group = g_steal_pointer(&stream->filling);
  g_mutex_lock(&stream->lock);
  if (stream->groups.length >= QUEUE_GROUPS_MAX) {
    stream->worker_waits = TRUE;
    while (stream->worker_waits && !stream->stopping)
      g_cond_wait(&stream->changed, &stream->lock);
  }
  gboolean stopping = stream->stopping;
  if (!stopping) {
    g_queue_push_tail(&stream->groups, group);
    if (stream->consumer_waits && stream->groups.length >= QUEUE_GROUPS_HALF) {
      stream->consumer_waits = FALSE;
      g_cond_broadcast(&stream->changed);
    }
  }
  g_mutex_unlock(&stream->lock);
  if (stopping)
    group_free(stream, group);
  return !stopping;
}

/* Starts the group of key after the current one, which it hands over;
 * keys must come in byte order. */
static gboolean group_start(ScoreStream *stream, const char *key, GError **error)
{
  const char *column = stream->spec->columns[0];
  ScoreStreamGroup *current = stream->filling;
  /* Most rows continue their group, whose key is not empty. */
  int order = current != NULL ? strcmp(key, current->key) : 1;
  if (order == 0)
    return TRUE;
  if (!score_field_required(column, key, error))
    return FALSE;
  if (order < 0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: expected rows sorted by %s, got \"%s\" after \"%s\"", column, column, key,
                current->key);
    return FALSE;
  }
  if (current != NULL && !group_hand_over(stream)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "reading stopped");
    return FALSE;
  }
  stream->filling = g_new0(ScoreStreamGroup, 1);
  stream->filling->key = g_strdup(key);
  stream->filling->data = stream->spec->group_new(stream->filling_rows);
  stream->filling_rows = 0;
  return TRUE;
}

/* Adds the record to its key's group; a row's own error stays with the
 * group, an error of the file ends the reading. */
static gboolean row_take(ScoreStream *stream, const CsvRecord *record, GError **error)
{
  const char *fields[COLUMNS_MAX];
  for (guint i = 0; i < stream->n_columns; i++)
    fields[i] = csv_record_field(record, stream->indices[i]);
  if (!group_start(stream, fields[0], error))
    return FALSE;
  ScoreStreamGroup *group = stream->filling;
  stream->filling_rows++;
  GError *local = NULL;
  if (group->error == NULL && !stream->spec->row_add(group->data, fields, &local))
    g_propagate_prefixed_error(&group->error, local, "%s line %" G_GUINT64_FORMAT ": ",
                               stream->path, record->line);
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
  else
    row_take(stream, record, &local);
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
  if (stream->filling != NULL)
    group_hand_over(stream);
  g_mutex_lock(&stream->lock);
  stream->done = TRUE;
  stream->error = error;
  g_cond_broadcast(&stream->changed);
  g_mutex_unlock(&stream->lock);
  return NULL;
}

ScoreStream *score_stream_open(const char *path, const ScoreStreamSpec *spec)
{
  ScoreStream *stream = g_new0(ScoreStream, 1);
  stream->path = g_strdup(path);
  stream->spec = spec;
  stream->n_columns = g_strv_length((char **)spec->columns);
  g_assert(stream->n_columns >= 1 && stream->n_columns <= COLUMNS_MAX);
  g_mutex_init(&stream->lock);
  g_cond_init(&stream->changed);
  g_queue_init(&stream->groups);
  stream->worker = g_thread_new("score-stream", worker_run, stream);
  return stream;
}

ScoreStreamGroup *score_stream_peek(ScoreStream *stream, GError **error)
{
  if (stream->reading != NULL)
    return stream->reading;
  g_mutex_lock(&stream->lock);
  if (stream->groups.length == 0) {
    stream->consumer_waits = TRUE;
    while (stream->consumer_waits && !stream->done)
      g_cond_wait(&stream->changed, &stream->lock);
  }
  stream->reading = g_queue_pop_head(&stream->groups);
  if (stream->worker_waits && stream->groups.length <= QUEUE_GROUPS_HALF) {
    stream->worker_waits = FALSE;
    g_cond_broadcast(&stream->changed);
  }
  if (stream->reading == NULL && stream->error != NULL)
    g_propagate_error(error, g_error_copy(stream->error));
  g_mutex_unlock(&stream->lock);
  return stream->reading;
}

void score_stream_advance(ScoreStream *stream)
{
  group_free(stream, g_steal_pointer(&stream->reading));
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
  while (!g_queue_is_empty(&stream->groups))
    group_free(stream, g_queue_pop_head(&stream->groups));
  group_free(stream, stream->reading);
  g_clear_error(&stream->error);
  g_mutex_clear(&stream->lock);
  g_cond_clear(&stream->changed);
  g_free(stream->path);
  g_free(stream);
}
