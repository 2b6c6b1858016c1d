/* Loads <work>/normalized/: programs, roster, snapshots and meta into
 * ScoreInputs at once, and the LinkedIn and posts files ambassador by
 * ambassador. Columns are found by header name; each row's text goes to the
 * checks of inputs.c or linkedin.c, and the file and line are added to
 * anything they refuse. */
#include "score/normalized.h"
#include "common/contract.h"
#include "common/csv_reader.h"
#include "common/errors.h"
#include "score/fields.h"
#include "score/stream.h"

#include <string.h>

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
  return score_inputs_add_program(inputs, f[0], f[1], f[2], f[3], error);
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
  static const char *const programs[] = {"program", "start", "end", "target_audience", NULL};
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

/* --- LinkedIn exports and posts, ambassador by ambassador ---------------- */

/* Each row function runs on its file's stream thread and gets the fields in
 * the order of the file's contract columns; f[0] is the ambassador_id. */
static gboolean profile_row(gpointer data, const char *const *f, GError **error)
{
  ScoreProfileText text = {f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]};
  return score_linkedin_set_profile(data, &text, error);
}

static gboolean connection_row(gpointer data, const char *const *f, GError **error)
{
  ScoreConnectionText text = {f[1], f[2], f[3], f[4], f[5], f[6], f[7]};
  return score_linkedin_add_connection(data, &text, error);
}

static gboolean invitation_row(gpointer data, const char *const *f, GError **error)
{
  ScoreInvitationText text = {f[1], f[2], f[3], f[4], f[5], f[6]};
  return score_linkedin_add_invitation(data, &text, error);
}

static gboolean share_row(gpointer data, const char *const *f, GError **error)
{
  return score_linkedin_add_dated(data, SCORE_DATED_SHARES, f[1], f[2], error);
}

static gboolean comment_row(gpointer data, const char *const *f, GError **error)
{
  return score_linkedin_add_dated(data, SCORE_DATED_COMMENTS, f[1], f[2], error);
}

static gboolean reaction_row(gpointer data, const char *const *f, GError **error)
{
  return score_linkedin_add_dated(data, SCORE_DATED_REACTIONS, f[1], f[2], error);
}

static gboolean message_row(gpointer data, const char *const *f, GError **error)
{
  ScoreMessageText text = {f[1], f[2], f[3], f[4]};
  return score_linkedin_add_message(data, &text, error);
}

static gboolean endorsement_row(gpointer data, const char *const *f, GError **error)
{
  return score_linkedin_add_endorsement(data, f[1], f[2], f[3], error);
}

static gboolean post_row(gpointer data, const char *const *f, GError **error)
{
  ScorePostText text = {f[1], f[3], f[4], f[5], f[6], f[7]};
  return score_linkedin_add_post(data, &text, error);
}

enum { EXPORT_POSTS = 8, EXPORT_FILES = 9 };

static const char *const profile_columns[] = {CONTRACT_LI_PROFILES_COLUMNS, NULL};
static const char *const connection_columns[] = {CONTRACT_LI_CONNECTIONS_COLUMNS, NULL};
static const char *const invitation_columns[] = {CONTRACT_LI_INVITATIONS_COLUMNS, NULL};
static const char *const dated_columns[] = {CONTRACT_LI_DATED_COLUMNS, NULL};
static const char *const message_columns[] = {CONTRACT_LI_MESSAGES_COLUMNS, NULL};
static const char *const endorsement_columns[] = {CONTRACT_LI_ENDORSEMENTS_COLUMNS, NULL};
static const char *const post_columns[] = {CONTRACT_POSTS_COLUMNS, NULL};

static gpointer group_new(guint rows_hint)
{
  return score_linkedin_new_part(rows_hint);
}

#define EXPORT_SPEC(columns, row)                                                                  \
  {                                                                                                \
    columns, group_new, row, (GDestroyNotify)score_linkedin_free                                   \
  }

static const char *const export_names[EXPORT_FILES] = {
    CONTRACT_LI_PROFILES, CONTRACT_LI_CONNECTIONS,  CONTRACT_LI_INVITATIONS,
    CONTRACT_LI_SHARES,   CONTRACT_LI_COMMENTS,     CONTRACT_LI_REACTIONS,
    CONTRACT_LI_MESSAGES, CONTRACT_LI_ENDORSEMENTS, [EXPORT_POSTS] = CONTRACT_POSTS,
};

static const ScoreStreamSpec export_specs[EXPORT_FILES] = {
    EXPORT_SPEC(profile_columns, profile_row),
    EXPORT_SPEC(connection_columns, connection_row),
    EXPORT_SPEC(invitation_columns, invitation_row),
    EXPORT_SPEC(dated_columns, share_row),
    EXPORT_SPEC(dated_columns, comment_row),
    EXPORT_SPEC(dated_columns, reaction_row),
    EXPORT_SPEC(message_columns, message_row),
    EXPORT_SPEC(endorsement_columns, endorsement_row),
    [EXPORT_POSTS] = EXPORT_SPEC(post_columns, post_row),
};

struct ScoreExports {
  ScoreStream *streams[EXPORT_FILES]; /* NULL for an absent file */
};

ScoreExports *score_exports_open(const char *work_dir)
{
  ScoreExports *exports = g_new0(ScoreExports, 1);
  for (guint k = 0; k < EXPORT_FILES; k++) {
    g_autofree char *path = g_build_filename(work_dir, export_names[k], NULL);
    if (g_file_test(path, G_FILE_TEST_EXISTS))
      exports->streams[k] = score_stream_open(path, &export_specs[k]);
  }
  return exports;
}

gboolean score_exports_has_posts(const ScoreExports *exports)
{
  return exports->streams[EXPORT_POSTS] != NULL;
}

void score_exports_free(ScoreExports *exports)
{
  if (exports == NULL)
    return;
  for (guint k = 0; k < EXPORT_FILES; k++)
    score_stream_free(exports->streams[k]);
  g_free(exports);
}

/* Takes file k's group of ambassador_id into data; other ambassadors'
 * groups before it are skipped (ambassadors without person-months), with
 * whatever was wrong with their rows. */
static gboolean export_file_take(ScoreExports *exports, guint k, const char *ambassador_id,
                                 ScoreLinkedin *data, GError **error)
{
  ScoreStream *stream = exports->streams[k];
  ScoreStreamGroup *group;
  GError *local = NULL;
  while ((group = score_stream_peek(stream, &local)) != NULL) {
    int c = strcmp(group->key, ambassador_id);
    if (c > 0)
      return TRUE;
    if (c == 0 && group->error != NULL) {
      g_propagate_error(error, g_error_copy(group->error));
      return FALSE;
    }
    if (c == 0)
      score_linkedin_merge(data, g_steal_pointer(&group->data));
    score_stream_advance(stream);
  }
  if (local != NULL) {
    g_propagate_error(error, local);
    return FALSE;
  }
  return TRUE;
}

ScoreLinkedin *score_exports_read(ScoreExports *exports, const char *ambassador_id, GError **error)
{
  g_autoptr(ScoreLinkedin) data = score_linkedin_new();
  for (guint k = 0; k < EXPORT_FILES; k++)
    if (exports->streams[k] != NULL && !export_file_take(exports, k, ambassador_id, data, error))
      return NULL;
  return g_steal_pointer(&data);
}
