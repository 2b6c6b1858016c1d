/* Loads <work>/normalized/ into ScoreInputs: finds the contract columns by
 * header name, hands each row's text to the checks of inputs.c and adds the
 * file and line to anything they refuse. */
#include "score/normalized.h"
#include "common/contract.h"
#include "common/csv_reader.h"
#include "common/errors.h"

enum { MAX_COLUMNS = 12 };

/* One row's fields by the position of its column in the reader's list. */
typedef gboolean (*RowFunc)(ScoreInputs *inputs, const char *const *fields, GError **error);

typedef struct {
  const char *path;
  const char *const *columns; /* NULL-terminated: the columns the row needs */
  guint n_columns;
  int indices[MAX_COLUMNS];
  gboolean header_seen;
  RowFunc row;
  ScoreInputs *inputs;
} FileRead;

static gboolean header_read(FileRead *read, const CsvRecord *record, GError **error)
{
  CsvColumnSpec specs[MAX_COLUMNS];
  for (guint i = 0; i < read->n_columns; i++)
    specs[i] = (CsvColumnSpec){read->columns[i], NULL, TRUE};
  if (!csv_header_map(record, specs, read->n_columns, read->indices, error))
    return FALSE;
  read->header_seen = TRUE;
  return TRUE;
}

static gboolean record_read(const CsvRecord *record, gpointer user_data, GError **error)
{
  FileRead *read = user_data;
  GError *local = NULL;
  if (record->malformed != NULL) {
    g_set_error(&local, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s", record->malformed);
  } else if (!read->header_seen) {
    header_read(read, record, &local);
  } else {
    const char *fields[MAX_COLUMNS];
    for (guint i = 0; i < read->n_columns; i++)
      fields[i] = csv_record_field(record, read->indices[i]);
    read->row(read->inputs, fields, &local);
  }
  if (local == NULL)
    return TRUE;
  g_propagate_prefixed_error(error, local, "%s line %" G_GUINT64_FORMAT ": ", read->path,
                             record->line);
  return FALSE;
}

/* Every failure here is the input's: a missing file means ingest has not
 * run, so it is not an output error whatever GLib calls it. */
static gboolean file_read(FileRead *read, GError **error)
{
  if (!g_file_test(read->path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: missing (the ingest stage writes it: run ingest first)", read->path);
    return FALSE;
  }
  read->n_columns = g_strv_length((char **)read->columns);
  g_assert(read->n_columns <= MAX_COLUMNS);
  CsvReaderOptions options = {.delimiter = ','};
  GError *local = NULL;
  if (!csv_reader_read_file(read->path, &options, record_read, read, NULL, &local)) {
    if (local->domain != PIPELINE_ERROR) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s", local->message);
      g_error_free(local);
    } else {
      g_propagate_error(error, local);
    }
    return FALSE;
  }
  if (!read->header_seen) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: empty, expected a header row with the columns of the contract", read->path);
    return FALSE;
  }
  return TRUE;
}

static gboolean program_row(ScoreInputs *inputs, const char *const *f, GError **error)
{
  return score_inputs_add_program(inputs, f[0], f[1], f[2], error);
}

static gboolean membership_row(ScoreInputs *inputs, const char *const *f, GError **error)
{
  ScoreMembershipText text = {f[0], f[1], f[2], f[3], f[4], f[5]};
  return score_inputs_add_membership(inputs, &text, error);
}

static gboolean snapshot_row(ScoreInputs *inputs, const char *const *f, GError **error)
{
  ScoreSnapshotText text = {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]};
  return score_inputs_add_snapshot(inputs, &text, error);
}

/* Keeps latest_date; other keys are for other readers. */
static gboolean meta_row(ScoreInputs *inputs, const char *const *f, GError **error)
{
  (void)error;
  if (g_strcmp0(f[0], "latest_date") == 0) {
    g_free(inputs->latest_date);
    inputs->latest_date = f[1][0] != '\0' ? g_strdup(f[1]) : NULL;
  }
  return TRUE;
}

static gboolean normalized_file_read(ScoreInputs *inputs, const char *work_dir, const char *name,
                                     const char *const *columns, RowFunc row, GError **error)
{
  g_autofree char *path = g_build_filename(work_dir, name, NULL);
  FileRead read = {.path = path, .columns = columns, .row = row, .inputs = inputs};
  return file_read(&read, error);
}

ScoreInputs *score_normalized_read(const char *work_dir, GError **error)
{
  static const char *const programs[] = {"program", "start", "end", NULL};
  static const char *const roster[] = {"ambassador_id", "name", "program", "team",
                                       "joined",        "left", NULL};
  static const char *const snapshots[] = {
      "ambassador_id", "date",          "ssi",           "brand",        "people",
      "insights",      "relationships", "industry_rank", "network_rank", NULL};
  static const char *const meta[] = {CONTRACT_META_COLUMNS, NULL};
  g_autoptr(ScoreInputs) inputs = score_inputs_new();
  /* Programs first: a membership is checked against its program. */
  if (!normalized_file_read(inputs, work_dir, CONTRACT_PROGRAMS, programs, program_row, error) ||
      !normalized_file_read(inputs, work_dir, CONTRACT_ROSTER, roster, membership_row, error) ||
      !normalized_file_read(inputs, work_dir, CONTRACT_SNAPSHOTS, snapshots, snapshot_row, error) ||
      !normalized_file_read(inputs, work_dir, CONTRACT_META, meta, meta_row, error))
    return NULL;
  return g_steal_pointer(&inputs);
}
