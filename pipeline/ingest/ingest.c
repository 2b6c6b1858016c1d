/* The ingest stage (ingest.h): walks the input tree, hands each file to the
 * reader of its kind (programs.ini and roster.csv first, as the others check
 * against them), then writes normalized/ and decides whether the run may go on. */
#include "ingest/ingest.h"
#include "common/contract.h"
#include "common/csv_writer.h"
#include "common/errors.h"
#include "ingest/cache.h"
#include "ingest/ledger.h"
#include "ingest/linkedin.h"
#include "ingest/outputs.h"
#include "ingest/posts.h"
#include "ingest/programs.h"
#include "ingest/roster.h"
#include "ingest/snapshots.h"
#include "ingest/ssi_csv.h"
#include "ingest/ssi_json.h"
#include "ingest/tree.h"
#include "ingest/warnings.h"
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#define NOTE_UNKNOWN_INPUT "not used: not an input the pipeline knows"
#define SOURCES_INI "sources.ini"

/* The files each reader goes through, as indexes into the files in path
 * order: lists of a few thousand, not passes over the whole tree. Every
 * path under linkedin/ sorts before posts/ and ssi/. */
typedef enum { LIST_PROGRAMS, LIST_ROSTER, LIST_LINKEDIN, LIST_OTHER_DATA, N_LISTS } ReadList;

/* The groups of kinds max_reject_ratio weighs apart (ratio_groups). */
#define N_RATIO_GROUPS 3

/* What max_reject_ratio weighs of one group of kinds. */
typedef struct {
  guint64 rejected, read;
  const IngestFileEntry *worst;
} RatioSum;

/* The state of one run, passed to every step. */
typedef struct {
  const PipelineContext *ctx;
  GPtrArray *files;       /* IngestTreeFile, sorted by path; NULL once written */
  GPtrArray *entries;     /* IngestFileEntry of each file, same order */
  GArray *lists[N_LISTS]; /* guint: the files to read, by reader */
  IngestLedger *ledger;
  IngestPrograms *programs;
  IngestRoster *roster;
  IngestSnapshots *snapshots;
  IngestWarnings *warnings;
  IngestPosts *posts;     /* NULL until the first file in posts/ is read */
  IngestSources *sources; /* sources.ini when loaded ahead of the posts; else NULL */
  IngestLinkedin *linkedin;
  IngestWarnings *li_warnings; /* the LinkedIn reader's, until taken over */
  GPtrArray *li_entries;       /* IngestFileEntry the LinkedIn reader adds, likewise */
  IngestCache *cache;          /* NULL when <work>/cache/ cannot be made */
  GPtrArray *input_errors;     /* GError: problems that stop the run after reading */
  /* Summed once the data files other than LinkedIn's are read (exported
   * NULL until then). */
  GHashTable *exported;                /* ids with a linkedin/<id>/ folder holding a file */
  RatioSum ratio_sums[N_RATIO_GROUPS]; /* of ratio_groups */
} IngestRun;

typedef gboolean (*IngestReadFunc)(IngestRun *run, const IngestTreeFile *file,
                                   IngestFileEntry *entry, GError **error);

/* Files of a phase are read after every earlier phase: SSI rows are checked
 * against the roster, the roster against the programs. A failure in a
 * required phase stops the reading. */
typedef enum { PHASE_PROGRAMS, PHASE_ROSTER, PHASE_DATA, N_PHASES } IngestPhase;

typedef struct {
  IngestFileKind kind;
  IngestPhase phase;
  IngestReadFunc read; /* NULL: listed with note, not read */
  const char *note;
} IngestKindHandler;

static gboolean read_programs(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                              GError **error);
static gboolean read_roster(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                            GError **error);
static gboolean read_ssi_csv(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                             GError **error);
static gboolean read_ssi_json(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                              GError **error);
static gboolean read_linkedin(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                              GError **error);
static gboolean read_posts(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                           GError **error);

/* Indexed by kind: looked up for every file of the tree. */
static const IngestKindHandler kind_handlers[] = {
    [INGEST_KIND_PROGRAMS] = {INGEST_KIND_PROGRAMS, PHASE_PROGRAMS, read_programs, NULL},
    [INGEST_KIND_ROSTER] = {INGEST_KIND_ROSTER, PHASE_ROSTER, read_roster, NULL},
    [INGEST_KIND_SSI_CSV] = {INGEST_KIND_SSI_CSV, PHASE_DATA, read_ssi_csv, NULL},
    [INGEST_KIND_SSI_JSON] = {INGEST_KIND_SSI_JSON, PHASE_DATA, read_ssi_json, NULL},
    [INGEST_KIND_LINKEDIN] = {INGEST_KIND_LINKEDIN, PHASE_DATA, read_linkedin, NULL},
    [INGEST_KIND_POSTS] = {INGEST_KIND_POSTS, PHASE_DATA, read_posts, NULL},
    [INGEST_KIND_UNRECOGNISED] = {INGEST_KIND_UNRECOGNISED, PHASE_DATA, NULL, NOTE_UNKNOWN_INPUT},
};

/* The kinds whose rejects max_reject_ratio weighs together. */
typedef struct {
  const char *name;
  guint kinds; /* bit per IngestFileKind */
} IngestRatioGroup;

static const IngestRatioGroup ratio_groups[] = {
    {"roster", 1u << INGEST_KIND_ROSTER},
    {"ssi", (1u << INGEST_KIND_SSI_CSV) | (1u << INGEST_KIND_SSI_JSON)},
    {"posts", 1u << INGEST_KIND_POSTS},
};
G_STATIC_ASSERT(G_N_ELEMENTS(ratio_groups) == N_RATIO_GROUPS);

static const IngestKindHandler *handler_of(IngestFileKind kind)
{
  g_assert((gsize)kind < G_N_ELEMENTS(kind_handlers) && kind_handlers[kind].kind == kind);
  return &kind_handlers[kind];
}

static gboolean read_programs(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                              GError **error)
{
  run->programs = ingest_programs_load(file->abs_path, file->path, error);
  if (run->programs == NULL)
    return FALSE;
  entry->rows_read = entry->accepted = ingest_programs_count(run->programs);
  return TRUE;
}

static gboolean read_roster(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                            GError **error)
{
  run->roster = ingest_roster_read(file->abs_path, entry, run->ledger, run->programs, error);
  return run->roster != NULL;
}

static IngestSsiSink ssi_sink_of(IngestRun *run)
{
  IngestSsiSink sink = {run->roster, run->ledger, run->snapshots, run->warnings};
  return sink;
}

static gboolean read_ssi_csv(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                             GError **error)
{
  IngestSsiSink sink = ssi_sink_of(run);
  return ingest_ssi_csv_read(file->abs_path, entry, &sink, error);
}

static gboolean read_ssi_json(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                              GError **error)
{
  IngestSsiSink sink = ssi_sink_of(run);
  return ingest_ssi_json_read(file->abs_path, entry, &sink, error);
}

/* sources.ini is needed only when there are posts to read, so it is loaded
 * with the first of them; its absence is then a config error. */
static gboolean read_posts(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                           GError **error)
{
  if (run->posts == NULL) {
    g_autofree char *path = g_build_filename(run->ctx->config_dir, SOURCES_INI, NULL);
    IngestSources *sources =
        run->sources != NULL ? g_steal_pointer(&run->sources) : ingest_sources_load(path, error);
    if (sources == NULL)
      return FALSE;
    run->posts = ingest_posts_new(sources, run->roster, run->ledger, run->warnings,
                                  run->ctx->config->max_posts);
  }
  return ingest_posts_read(run->posts, file->abs_path, entry, error);
}

/* LinkedIn files are read by ambassador once all are known. */
static gboolean read_linkedin(IngestRun *run, const IngestTreeFile *file, IngestFileEntry *entry,
                              GError **error)
{
  (void)error;
  ingest_linkedin_add_file(run->linkedin, file, entry);
  return TRUE;
}

/* The LinkedIn reader notes its warnings and its entries apart: with jobs
 * to spare, the other data files are read on a thread meanwhile. */
static gboolean run_read_linkedin(IngestRun *run, GError **error)
{
  IngestLinkedinSink sink = {run->roster,        run->ledger,
                             run->li_warnings,   run->li_entries,
                             run->ctx->work_dir, MAX(run->ctx->jobs, 1),
                             run->cache,         run->ctx->log_level >= LOG_VERBOSE,
                             run->ctx->progress, (guint)run->ctx->config->max_linkedin_events};
  return ingest_linkedin_run(run->linkedin, &sink, error);
}

/* Once every data file is read, the LinkedIn reader's warnings and entries
 * are taken over after the others', as when it read after them. */
static void run_take_linkedin_notes(IngestRun *run)
{
  ingest_warnings_merge(run->warnings, g_steal_pointer(&run->li_warnings));
  g_ptr_array_extend_and_steal(run->entries, g_steal_pointer(&run->li_entries));
}

static IngestFileEntry *run_entry_new(IngestRun *run, const IngestTreeFile *file);

static ReadList list_of(const IngestTreeFile *file, const IngestKindHandler *handler)
{
  if (handler->phase == PHASE_PROGRAMS)
    return LIST_PROGRAMS;
  if (handler->phase == PHASE_ROSTER)
    return LIST_ROSTER;
  return file->kind == INGEST_KIND_LINKEDIN ? LIST_LINKEDIN : LIST_OTHER_DATA;
}

/* One pass over the tree's files: their entries, the lists to read, and
 * the progress line's total (with the files nothing reads counted at once). */
static void run_list_files(IngestRun *run)
{
  guint64 bytes = 0, unread_files = 0, unread_bytes = 0;
  for (int l = 0; l < N_LISTS; l++)
    run->lists[l] = g_array_new(FALSE, FALSE, sizeof(guint));
  g_ptr_array_set_size(run->entries, run->files->len);
  for (guint i = 0; i < run->files->len; i++) {
    const IngestTreeFile *file = g_ptr_array_index(run->files, i);
    const IngestKindHandler *handler = handler_of(file->kind);
    run->entries->pdata[i] = run_entry_new(run, file);
    bytes += file->bytes;
    if (handler->read != NULL) {
      g_array_append_val(run->lists[list_of(file, handler)], i);
      continue;
    }
    unread_files++;
    unread_bytes += file->bytes;
  }
  progress_set_total(run->ctx->progress, run->files->len, bytes);
  progress_add(run->ctx->progress, unread_files, unread_bytes, 0);
}

/* Takes the files. */
static void run_init(IngestRun *run, const PipelineContext *ctx, GPtrArray *files)
{
  memset(run, 0, sizeof *run);
  run->ctx = ctx;
  run->files = files;
  run->entries = g_ptr_array_new();
  run->ledger = ingest_ledger_new();
  run->snapshots = ingest_snapshots_new();
  run->warnings = ingest_warnings_new();
  run->linkedin = ingest_linkedin_new();
  run->li_warnings = ingest_warnings_new();
  run->li_entries = g_ptr_array_new();
  run->cache = ingest_cache_open(ctx->work_dir);
  run->input_errors = g_ptr_array_new_with_free_func((GDestroyNotify)g_error_free);
  g_autofree char *normalized = g_build_filename(ctx->work_dir, "normalized", NULL);
  ingest_ledger_spill_to(run->ledger, normalized);
  run_list_files(run);
}

/* The ledger entry of a file; NULL for a LinkedIn file, which the LinkedIn
 * reader enters once read (in a block that leaves memory), or gives an
 * entry of its own when no ambassador reads it. */
static IngestFileEntry *run_entry_new(IngestRun *run, const IngestTreeFile *file)
{
  if (file->kind == INGEST_KIND_LINKEDIN && file->regular)
    return NULL;
  IngestFileEntry *entry =
      ingest_ledger_add_file(run->ledger, file->path, ingest_file_kind_name(file->kind));
  const IngestKindHandler *handler = handler_of(file->kind);
  if (handler->read == NULL)
    ingest_ledger_note(entry, handler->note);
  return entry;
}

static void run_clear(IngestRun *run)
{
  g_ptr_array_unref(run->input_errors);
  ingest_linkedin_free(run->linkedin);
  ingest_warnings_free(run->li_warnings);
  if (run->li_entries != NULL)
    g_ptr_array_unref(run->li_entries);
  ingest_cache_free(run->cache);
  ingest_posts_free(run->posts);
  ingest_sources_free(run->sources);
  ingest_warnings_free(run->warnings);
  ingest_snapshots_free(run->snapshots);
  ingest_roster_free(run->roster);
  ingest_programs_free(run->programs);
  ingest_ledger_free(run->ledger);
  g_ptr_array_unref(run->entries);
  for (int l = 0; l < N_LISTS; l++)
    g_array_unref(run->lists[l]);
  if (run->exported != NULL)
    g_hash_table_unref(run->exported);
  if (run->files != NULL)
    g_ptr_array_unref(run->files);
}

/* The phases before the data need their file: programs.ini, roster.csv.
 * Returns the name of the one missing, or NULL. */
static const char *run_find_missing(const IngestRun *run, GError **error)
{
  static const struct {
    ReadList list;
    const char *name;
    const char *expected;
  } required[] = {
      {LIST_PROGRAMS, "programs.ini", "the programs and their teams"},
      {LIST_ROSTER, "roster.csv", "one row per ambassador membership"},
  };
  for (gsize r = 0; r < G_N_ELEMENTS(required); r++) {
    if (run->lists[required[r].list]->len == 0) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                  "%s: missing from the input tree %s: expected %s", required[r].name,
                  run->ctx->input_dir, required[r].expected);
      return required[r].name;
    }
  }
  return NULL;
}

/* What a reader of files keeps beside the ledger: the input errors of data
 * files, and the files it has done. Only the main thread draws the progress
 * line: a reader on another thread counts instead. */
typedef struct {
  IngestRun *run;
  gboolean *done;          /* per file: read or tried, by whichever reader */
  GPtrArray *input_errors; /* GError, in reading order */
  gboolean counts_only;    /* count files, bytes and rows for the main thread */
  guint64 files, bytes, rows;
  guint stopped; /* the file an error stopped the reading at */
} FileReader;

static void reader_count(FileReader *reader, const IngestTreeFile *file, guint64 rows)
{
  if (!reader->counts_only) {
    progress_add(reader->run->ctx->progress, 1, file->bytes, rows);
    return;
  }
  reader->files++;
  reader->bytes += file->bytes;
  reader->rows += rows;
}

/* FALSE only for an error that stops the reading; an input error in a data
 * file is kept for the end so every file is still read. */
static gboolean run_read_file_counted(FileReader *reader, guint i, GError **error);

/* LinkedIn files are counted as their ambassador is entered. */
static gboolean run_read_file(FileReader *reader, guint i, GError **error)
{
  const IngestRun *run = reader->run;
  const IngestTreeFile *file = g_ptr_array_index(run->files, i);
  gboolean ok = run_read_file_counted(reader, i, error);
  const IngestFileEntry *entry = g_ptr_array_index(run->entries, i);
  if (file->kind != INGEST_KIND_LINKEDIN || entry != NULL)
    reader_count(reader, file, entry != NULL ? entry->rows_read : 0);
  return ok;
}

static gboolean run_read_file_counted(FileReader *reader, guint i, GError **error)
{
  IngestRun *run = reader->run;
  const IngestTreeFile *file = g_ptr_array_index(run->files, i);
  IngestFileEntry *entry = g_ptr_array_index(run->entries, i);
  const IngestKindHandler *handler = handler_of(file->kind);
  g_autoptr(GError) local = NULL;
  if (!file->regular && handler->phase == PHASE_DATA) {
    /* A pipe or a link to a folder where data belongs: listed, never opened. */
    ingest_ledger_reject(run->ledger, entry, 1, "not a regular file", "");
    ingest_ledger_note(entry, "not a regular file");
    return TRUE;
  }
  if (!file->regular)
    g_set_error(&local, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: not a regular file: expected a file to read", file->path);
  else if (handler->read(run, file, entry, &local))
    return TRUE;
  if (entry->note->len == 0)
    ingest_ledger_note(entry, local->message);
  if (handler->phase == PHASE_DATA &&
      g_error_matches(local, PIPELINE_ERROR, PIPELINE_ERROR_INPUT)) {
    g_ptr_array_add(reader->input_errors, g_steal_pointer(&local));
    return TRUE;
  }
  g_propagate_error(error, g_steal_pointer(&local));
  return FALSE;
}

/* After a stop, the files left say why they were not read. */
static void run_note_unread(IngestRun *run, const gboolean *done, const char *stopped_at)
{
  g_autofree char *note = g_strdup_printf("not read: the run stopped at %s", stopped_at);
  for (guint i = 0; i < run->files->len; i++) {
    const IngestTreeFile *file = g_ptr_array_index(run->files, i);
    if (done[i] || handler_of(file->kind)->read == NULL)
      continue;
    if (g_ptr_array_index(run->entries, i) == NULL)
      run->entries->pdata[i] =
          ingest_ledger_add_file(run->ledger, file->path, ingest_file_kind_name(file->kind));
    ingest_ledger_note(g_ptr_array_index(run->entries, i), note);
  }
}

/* The files of a list, in path order; on a stop, reader->stopped says
 * where. */
static gboolean run_read_list(FileReader *reader, ReadList list, GError **error)
{
  const GArray *indexes = reader->run->lists[list];
  for (guint k = 0; k < indexes->len; k++) {
    guint i = g_array_index(indexes, guint, k);
    reader->done[i] = TRUE;
    if (!run_read_file(reader, i, error)) {
      reader->stopped = i;
      return FALSE;
    }
  }
  return TRUE;
}

/* Reads a list in the main thread: a stop notes the files left unread. */
static gboolean run_read_in_turn(FileReader *reader, ReadList list, GError **error)
{
  if (run_read_list(reader, list, error))
    return TRUE;
  const IngestTreeFile *file = g_ptr_array_index(reader->run->files, reader->stopped);
  run_note_unread(reader->run, reader->done, file->path);
  return FALSE;
}

static void run_sum_data(IngestRun *run);

/* The only stop a data file can cause is sources.ini failing to load with
 * the first post file: loaded ahead, it cannot stop the reading of the
 * other data files while the LinkedIn exports are read. FALSE when it does
 * not load, so the reading in one go stops where it would. */
static gboolean run_load_sources_ahead(IngestRun *run)
{
  const GArray *others = run->lists[LIST_OTHER_DATA];
  for (guint k = 0; k < others->len; k++) {
    const IngestTreeFile *file = g_ptr_array_index(run->files, g_array_index(others, guint, k));
    if (file->kind != INGEST_KIND_POSTS || !file->regular)
      continue;
    g_autofree char *path = g_build_filename(run->ctx->config_dir, SOURCES_INI, NULL);
    run->sources = ingest_sources_load(path, NULL);
    return run->sources != NULL;
  }
  return TRUE;
}

typedef struct {
  FileReader reader;
  gboolean ok;
  GError *error;
} DataThread;

static gpointer data_thread_run(gpointer data)
{
  DataThread *thread = data;
  thread->ok = run_read_list(&thread->reader, LIST_OTHER_DATA, &thread->error);
  if (thread->ok)
    run_sum_data(thread->reader.run);
  return NULL;
}

/* The other data files (posts/, ssi/) on a thread while the LinkedIn
 * exports are read, with the outcome of reading them before: their reader
 * alone touches the posts, the snapshots, the warnings and its files'
 * entries meanwhile (and sums them for run_finish), and the ledger takes
 * rejects from both. */
static gboolean run_read_data_parallel(FileReader *reader, GError **error)
{
  IngestRun *run = reader->run;
  DataThread data = {*reader, FALSE, NULL};
  data.reader.input_errors = g_ptr_array_new_with_free_func((GDestroyNotify)g_error_free);
  data.reader.counts_only = TRUE;
  GThread *thread = g_thread_new("ingest-data", data_thread_run, &data);
  gboolean ok = run_read_list(reader, LIST_LINKEDIN, error) && run_read_linkedin(run, error);
  g_thread_join(thread);
  run_take_linkedin_notes(run);
  progress_add(run->ctx->progress, data.reader.files, data.reader.bytes, data.reader.rows);
  g_ptr_array_extend_and_steal(reader->input_errors, data.reader.input_errors);
  if (data.ok)
    return ok;
  g_clear_error(error);
  g_propagate_error(error, data.error);
  const IngestTreeFile *file = g_ptr_array_index(run->files, data.reader.stopped);
  run_note_unread(run, reader->done, file->path);
  return FALSE;
}

static gboolean run_read_all(IngestRun *run, GError **error)
{
  g_autofree gboolean *done = g_new0(gboolean, run->files->len + 1);
  const char *missing = run_find_missing(run, error);
  if (missing != NULL) {
    run_note_unread(run, done, missing);
    return FALSE;
  }
  FileReader reader = {run, done, run->input_errors, FALSE, 0, 0, 0, 0};
  if (!run_read_in_turn(&reader, LIST_PROGRAMS, error) ||
      !run_read_in_turn(&reader, LIST_ROSTER, error))
    return FALSE;
  if (run->ctx->jobs > 1 && run_load_sources_ahead(run))
    return run_read_data_parallel(&reader, error);
  gboolean ok = run_read_in_turn(&reader, LIST_LINKEDIN, error) &&
                run_read_in_turn(&reader, LIST_OTHER_DATA, error) && run_read_linkedin(run, error);
  run_take_linkedin_notes(run);
  return ok;
}

/* Ambassadors with a linkedin/<id>/ folder holding any file. The files come
 * sorted, so an id's files are neighbours: one lookup per folder, not per
 * file, and no splitting of the hundred thousand paths. */
static GHashTable *run_exported_ids(const IngestRun *run)
{
  GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  const GArray *linkedin = run->lists[LIST_LINKEDIN];
  const char *last = NULL;
  gsize last_length = 0;
  for (guint k = 0; k < linkedin->len; k++) {
    const IngestTreeFile *file = g_ptr_array_index(run->files, g_array_index(linkedin, guint, k));
    const char *id = strchr(file->path, '/') + 1; /* the kind says "linkedin/" */
    const char *end = strchr(id, '/');
    if (end == NULL)
      continue;
    gsize length = (gsize)(end - id);
    if (last != NULL && length == last_length && memcmp(id, last, length) == 0)
      continue;
    last = id;
    last_length = length;
    g_hash_table_add(ids, g_strndup(id, length));
  }
  return ids;
}

/* Every file of the group's kinds is in one of these lists, in path order,
 * so the worst is the first with most rejects. */
static void run_sum_ratio(const IngestRun *run, const IngestRatioGroup *group, RatioSum *sum)
{
  static const ReadList lists[] = {LIST_ROSTER, LIST_OTHER_DATA};
  memset(sum, 0, sizeof *sum);
  for (gsize l = 0; l < G_N_ELEMENTS(lists); l++) {
    const GArray *indexes = run->lists[lists[l]];
    for (guint k = 0; k < indexes->len; k++) {
      guint i = g_array_index(indexes, guint, k);
      const IngestTreeFile *file = g_ptr_array_index(run->files, i);
      const IngestFileEntry *entry = g_ptr_array_index(run->entries, i);
      if ((group->kinds & (1u << file->kind)) == 0)
        continue;
      sum->rejected += entry->rejected;
      sum->read += entry->rows_read;
      if (sum->worst == NULL || entry->rejected > sum->worst->rejected)
        sum->worst = entry;
    }
  }
}

/* What run_finish needs of the tree and of the data files other than
 * LinkedIn's, once these are read: with jobs to spare, summed on the thread
 * that read them while the LinkedIn exports are still read. */
static void run_sum_data(IngestRun *run)
{
  run->exported = run_exported_ids(run);
  for (gsize g = 0; g < N_RATIO_GROUPS; g++)
    run_sum_ratio(run, &ratio_groups[g], &run->ratio_sums[g]);
}

static void run_warn_no_data(IngestRun *run)
{
  const GPtrArray *ids = ingest_roster_ids(run->roster);
  for (guint i = 0; i < ids->len; i++) {
    const char *id = g_ptr_array_index(ids, i);
    if (!ingest_snapshots_has(run->snapshots, id) && !g_hash_table_contains(run->exported, id) &&
        (run->posts == NULL || !ingest_posts_has(run->posts, id)))
      ingest_warnings_add(run->warnings, "no data", id, NULL,
                          "no accepted SSI snapshot and no LinkedIn export for this ambassador");
  }
}

static GError *ratio_error_new(const char *group, guint64 rejected, guint64 read, double ratio,
                               const IngestFileEntry *worst)
{
  char share[G_ASCII_DTOSTR_BUF_SIZE], allowed[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(share, sizeof share, "%.1f", 100.0 * (double)rejected / (double)read);
  g_ascii_formatd(allowed, sizeof allowed, "%g", 100.0 * ratio);
  return g_error_new(PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                     "%s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                     " rows rejected (%s%%), more than max_reject_ratio %s%% allows (most in %s: "
                     "%" G_GUINT64_FORMAT "); see normalized/rejects.csv",
                     group, rejected, read, share, allowed, worst->file, worst->rejected);
}

/* max_reject_ratio over all files of a group: one bad row in a small file
 * never stops a run, many bad rows do. */
static void run_check_totals(IngestRun *run, const char *group, guint64 rejected, guint64 read,
                             const IngestFileEntry *worst)
{
  double ratio = run->ctx->config->max_reject_ratio;
  if (read > 0 && (double)rejected / (double)read > ratio)
    g_ptr_array_add(run->input_errors, ratio_error_new(group, rejected, read, ratio, worst));
}

static void run_finish(IngestRun *run)
{
  if (run->exported == NULL)
    run_sum_data(run);
  run_warn_no_data(run);
  for (gsize g = 0; g < N_RATIO_GROUPS; g++) {
    const RatioSum *sum = &run->ratio_sums[g];
    run_check_totals(run, ratio_groups[g].name, sum->rejected, sum->read, sum->worst);
  }
  /* Each LinkedIn file kind is a kind of input of its own. */
  for (guint g = 0; g < ingest_linkedin_n_groups(); g++) {
    IngestLinkedinGroup group;
    ingest_linkedin_group(run->linkedin, g, &group);
    run_check_totals(run, group.name, group.rejected, group.rows_read, group.worst);
  }
}

static char *run_path(const IngestRun *run, const char *name)
{
  return g_build_filename(run->ctx->work_dir, name, NULL);
}

/* posts.csv exists only when the tree has posts to read: score takes its
 * absence as "no advocacy data", so one left by an earlier run goes. */
static gboolean run_write_posts(const IngestRun *run, GError **error)
{
  g_autofree char *path = run_path(run, CONTRACT_POSTS);
  if (run->posts != NULL)
    return ingest_posts_write(run->posts, path, error);
  if (g_unlink(path) == 0 || errno == ENOENT)
    return TRUE;
  int saved = errno;
  g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "%s: cannot remove: %s", path,
              g_strerror(saved));
  return FALSE;
}

/* The latest of the snapshot, post and LinkedIn event dates; unset when
 * there is none. */
static void run_latest_date(const IngestRun *run, GDate *latest)
{
  GDate posts_latest;
  g_date_clear(latest, 1);
  ingest_snapshots_latest_date(run->snapshots, latest);
  if (run->posts != NULL && ingest_posts_latest_date(run->posts, &posts_latest) &&
      (!g_date_valid(latest) || g_date_compare(&posts_latest, latest) > 0))
    *latest = posts_latest;
  ingest_linkedin_latest_date(run->linkedin, latest);
}

/* The posts and the snapshots, freed once written on a thread of their
 * own while the last files are written: a while, for memory the reading
 * thread took. */
static gpointer run_free_read_data(gpointer data)
{
  IngestRun *run = data;
  g_clear_pointer(&run->posts, ingest_posts_free);
  g_clear_pointer(&run->snapshots, ingest_snapshots_free);
  return NULL;
}

/* A file written on a thread of its own while the others are: its outcome,
 * taken when the file's turn in the writing order comes. */
typedef struct {
  const IngestRun *run;
  gboolean (*write)(const IngestRun *run, GError **error);
  GThread *thread;
  gboolean ok;
  GError *error;
} WriteThread;

static gpointer write_thread_run(gpointer data)
{
  WriteThread *job = data;
  job->ok = job->write(job->run, &job->error);
  return NULL;
}

static void write_thread_start(WriteThread *job, const IngestRun *run, const char *name,
                               gboolean (*write)(const IngestRun *run, GError **error))
{
  *job = (WriteThread){run, write, NULL, FALSE, NULL};
  job->thread = g_thread_new(name, write_thread_run, job);
}

/* Waits for the thread; an error of an earlier file (ok FALSE) wins. */
static gboolean write_thread_finish(WriteThread *job, gboolean ok, GError **error)
{
  g_thread_join(job->thread);
  if (ok && !job->ok)
    g_propagate_error(error, g_steal_pointer(&job->error));
  g_clear_error(&job->error);
  return ok && job->ok;
}

/* input_files.csv reads only the tree's files, which nothing changes any
 * more. */
static gboolean run_write_input_files(const IngestRun *run, GError **error)
{
  g_autofree char *path = run_path(run, CONTRACT_INPUT_FILES);
  return ingest_outputs_write_input_files(run->files, path, error);
}

/* With jobs to spare, input_files.csv is written on a thread (input_files,
 * started by the caller) while the others are; errors come in the order
 * of the files all the same. */
static gboolean run_write_data(IngestRun *run, WriteThread *input_files, GError **error)
{
  g_autofree char *programs = run_path(run, CONTRACT_PROGRAMS);
  g_autofree char *roster = run_path(run, CONTRACT_ROSTER);
  g_autofree char *snapshots = run_path(run, CONTRACT_SNAPSHOTS);
  g_autofree char *warnings = run_path(run, CONTRACT_WARNINGS);
  g_autofree char *meta = run_path(run, CONTRACT_META);
  GDate latest;
  run_latest_date(run, &latest);
  gboolean ok = ingest_programs_write(run->programs, programs, error) &&
                ingest_roster_write(run->roster, roster, error) &&
                ingest_snapshots_write(run->snapshots, snapshots, error) &&
                ingest_warnings_write(run->warnings, warnings, error) &&
                run_write_posts(run, error);
  GThread *thread =
      run->ctx->jobs > 1 ? g_thread_new("ingest-free", run_free_read_data, run) : NULL;
  ok = ok && ingest_linkedin_commit(run->linkedin, error);
  if (input_files != NULL)
    ok = write_thread_finish(input_files, ok, error);
  else
    ok = ok && run_write_input_files(run, error);
  ok = ok && ingest_outputs_write_meta(&latest, meta, error);
  if (thread != NULL)
    g_thread_join(thread);
  return ok;
}

/* The blocks' bytes are let go by the thread that wrote them last. */
static gboolean run_write_quality(const IngestRun *run, GError **error)
{
  g_autofree char *summary = run_path(run, CONTRACT_INGEST_SUMMARY);
  g_autofree char *rejects = run_path(run, CONTRACT_REJECTS);
  gboolean ok = ingest_ledger_write_summary(run->ledger, summary, error) &&
                ingest_ledger_write_rejects(run->ledger, rejects, error);
  ingest_ledger_release_blocks(run->ledger);
  return ok;
}

/* ingest_summary.csv, the largest file the stage writes, and rejects.csv
 * read only the ledger, which nothing changes any more: with jobs to spare
 * they are written on a thread, and input_files.csv on another, while the
 * data files are. The data files' error comes first, as when they are
 * written first. */
static gboolean run_write(IngestRun *run, gboolean read_all, GError **error)
{
  if (!read_all)
    return run_write_quality(run, error);
  if (run->ctx->jobs < 2)
    return run_write_data(run, NULL, error) && run_write_quality(run, error);
  WriteThread quality, input_files;
  write_thread_start(&quality, run, "ingest-quality", run_write_quality);
  write_thread_start(&input_files, run, "ingest-inputs", run_write_input_files);
  gboolean ok = run_write_data(run, &input_files, error);
  /* Nothing needs the tree's files any more (the posts and the snapshots
   * are freed already): they go while the ledger's files may still be
   * being written. */
  g_clear_pointer(&run->files, g_ptr_array_unref);
  return write_thread_finish(&quality, ok, error);
}

/* The entries in memory and the files the LinkedIn reader handed over. */
static void run_count(const IngestRun *run, IngestTotals *totals)
{
  IngestLedgerCounts blocks;
  ingest_ledger_block_counts(run->ledger, &blocks);
  totals->files = blocks.files;
  totals->rows_read = blocks.rows_read;
  totals->accepted = blocks.accepted;
  totals->duplicates = blocks.duplicates;
  totals->rejected = blocks.rejected;
  for (guint i = 0; i < run->entries->len; i++) {
    const IngestFileEntry *entry = g_ptr_array_index(run->entries, i);
    if (entry == NULL)
      continue;
    totals->files++;
    totals->rows_read += entry->rows_read;
    totals->accepted += entry->accepted;
    totals->duplicates += entry->duplicates;
    totals->rejected += entry->rejected;
  }
}

/* The LinkedIn reader logged its files as it entered them. */
static void run_log(const IngestRun *run)
{
  if (run->ctx->log_level < LOG_VERBOSE)
    return;
  for (guint i = 0; i < run->entries->len; i++)
    if (g_ptr_array_index(run->entries, i) != NULL)
      ingest_ledger_log_entry(g_ptr_array_index(run->entries, i));
  guint read, cached;
  ingest_linkedin_exports_counted(run->linkedin, &read, &cached);
  g_printerr("ingest: LinkedIn exports: %u read, %u unchanged since the last run (from %s/%s/)\n",
             read, cached, run->ctx->work_dir, INGEST_CACHE_DIR);
}

/* The problems found while reading, one per line, as one error. */
static gboolean run_report_input_errors(const IngestRun *run, GError **error)
{
  if (run->input_errors->len == 0)
    return TRUE;
  g_autoptr(GString) message = g_string_new(NULL);
  for (guint i = 0; i < run->input_errors->len; i++) {
    const GError *e = g_ptr_array_index(run->input_errors, i);
    g_string_append_printf(message, "%s%s", i > 0 ? "\n" : "", e->message);
  }
  g_set_error_literal(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, message->str);
  return FALSE;
}

gboolean ingest_run(const PipelineContext *ctx, IngestTotals *totals, GError **error)
{
  if (totals != NULL)
    memset(totals, 0, sizeof *totals);
  GPtrArray *files = ingest_tree_walk_jobs(ctx->input_dir, MAX(ctx->jobs, 1), error);
  if (files == NULL)
    return FALSE;
  g_autofree char *normalized = g_build_filename(ctx->work_dir, "normalized", NULL);
  csv_writer_remove_stale(normalized);
  IngestRun run;
  run_init(&run, ctx, files);
  IngestChecksums *checksums = ctx->jobs > 1 ? ingest_outputs_checksums_start(files) : NULL;
  g_autoptr(GError) stop = NULL;
  gboolean read_all = run_read_all(&run, &stop);
  progress_finish(ctx->progress);
  if (read_all)
    run_finish(&run);
  ingest_outputs_checksums_finish(g_steal_pointer(&checksums));
  gboolean ok = run_write(&run, read_all, error);
  run_log(&run);
  if (totals != NULL)
    run_count(&run, totals);
  if (ok && !read_all) {
    g_propagate_error(error, g_steal_pointer(&stop));
    ok = FALSE;
  }
  if (ok)
    ok = run_report_input_errors(&run, error);
  run_clear(&run);
  return ok;
}
