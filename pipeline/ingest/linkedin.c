/* Reads the LinkedIn exports of the tree (linkedin.h). The files are first
 * planned into ambassadors and exports; each ambassador is then read by a
 * function of its exports alone, possibly on a worker thread, and its result
 * is entered in the ledger and written in ambassador_id order, so the output
 * does not depend on the number of threads. */
#include "ingest/linkedin.h"
#include "common/errors.h"
#include "ingest/dates.h"
#include "ingest/linkedin_ambassador.h"
#include "ingest/linkedin_write.h"
#include <string.h>

#define NOTE_UNKNOWN_AMBASSADOR "not used: ambassador not in the roster"
#define NOTE_NO_AMBASSADOR "not used: not in an ambassador folder linkedin/<ambassador_id>/"
#define NOTE_SUPERSEDED "not used: the profile comes from the newest export"

/* The rows of one file kind over the tree, summed as files are entered:
 * the files themselves leave memory (ledger.h, blocks). */
typedef struct {
  guint64 rows_read;
  guint64 rejected;
  IngestFileEntry *worst; /* a copy of the file with the most rejects (file and counts) */
} LiGroup;

struct IngestLinkedin {
  GArray *files; /* IngestLinkedinFile, in tree order: one block, not one allocation each */
  IngestLinkedinWriters *writers;
  LiGroup groups[LINKEDIN_N_KINDS];
  guint32 latest_day;
  guint exports_read;   /* from their files */
  guint exports_cached; /* taken from the cache */
};

IngestLinkedin *ingest_linkedin_new(void)
{
  IngestLinkedin *linkedin = g_new0(IngestLinkedin, 1);
  linkedin->files = g_array_new(FALSE, TRUE, sizeof(IngestLinkedinFile));
  return linkedin;
}

static void worst_free(IngestFileEntry *entry)
{
  if (entry == NULL)
    return;
  g_free(entry->file);
  g_string_free(entry->note, TRUE);
  g_free(entry);
}

void ingest_linkedin_free(IngestLinkedin *linkedin)
{
  if (linkedin == NULL)
    return;
  ingest_linkedin_writers_abort(linkedin->writers);
  for (int k = 0; k < LINKEDIN_N_KINDS; k++)
    worst_free(linkedin->groups[k].worst);
  g_array_unref(linkedin->files);
  g_free(linkedin);
}

/* The reader fills in the file's SHA-256, which the tree's owner left unset
 * for it: the file is not const to the stage, only to the handlers. */
void ingest_linkedin_add_file(IngestLinkedin *linkedin, const IngestTreeFile *file,
                              IngestFileEntry *entry)
{
  IngestLinkedinFile li_file = {(IngestTreeFile *)file, entry};
  g_array_append_val(linkedin->files, li_file);
}

/* --- Planning: ambassadors and their exports ----------------------------- */

static void li_export_free(gpointer data)
{
  IngestLinkedinExport *export = data;
  g_free(export->path);
  if (export->files != NULL)
    g_ptr_array_unref(export->files);
  g_free(export);
}

static void li_ambassador_free(gpointer data)
{
  IngestLinkedinAmbassador *ambassador = data;
  g_free(ambassador->id);
  g_ptr_array_unref(ambassador->exports);
  g_ptr_array_unref(ambassador->loose);
  g_free(ambassador);
}

static gboolean digits_at(const char *p, const char *shape)
{
  for (; *shape != '\0'; p++, shape++)
    if (*shape == 'd' ? !g_ascii_isdigit(*p) : *p != *shape)
      return FALSE;
  return TRUE;
}

/* Where mark (lower case) is in text from p on, in any case; NULL if not. */
static const char *find_ascii_case(const char *p, const char *mark, gsize len)
{
  for (; *p != '\0'; p++)
    if (g_ascii_tolower(*p) == mark[0] && g_ascii_strncasecmp(p, mark, len) == 0)
      return p;
  return NULL;
}

static gboolean ends_ascii_case(const char *name, const char *p, const char *word)
{
  gsize n = strlen(word);
  return (gsize)(p - name) >= n && g_ascii_strncasecmp(p - n, word, n) == 0;
}

/* The date in a name like Basic_LinkedInDataExport_03-01-2026(.zip), any
 * case; 0 when there is none. */
static guint32 export_day_of(const char *path)
{
  static const char mark[] = "_linkedindataexport_";
  const gsize len = sizeof mark - 1;
  const char *slash = strrchr(path, '/');
  const char *name = slash != NULL ? slash + 1 : path;
  for (const char *p = find_ascii_case(name, mark, len); p != NULL;
       p = find_ascii_case(p + 1, mark, len)) {
    const char *d = p + len;
    if (!(ends_ascii_case(name, p, "basic") || ends_ascii_case(name, p, "complete")) ||
        !digits_at(d, "dd-dd-dddd") || g_ascii_isdigit(d[10]))
      continue;
    char iso[11] = {d[6], d[7], d[8], d[9], '-', d[0], d[1], '-', d[3], d[4], '\0'};
    GDate date;
    return ingest_date_parse(iso, DATE_FORM_ISO, &date, NULL) ? g_date_get_julian(&date) : 0;
  }
  return 0;
}

static IngestLinkedinExport *export_new(const char *path, IngestLinkedinFile *zip)
{
  IngestLinkedinExport *export = g_new0(IngestLinkedinExport, 1);
  export->path = g_strdup(path);
  export->day = export_day_of(path);
  export->zip = zip;
  if (zip == NULL)
    export->files = g_ptr_array_new();
  return export;
}

/* Newest first: dated before undated, later date first, then later path. */
static gint export_compare(gconstpointer a, gconstpointer b)
{
  const IngestLinkedinExport *x = *(IngestLinkedinExport *const *)a;
  const IngestLinkedinExport *y = *(IngestLinkedinExport *const *)b;
  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;
  return -strcmp(x->path, y->path);
}

static gboolean has_suffix_ascii_case(const char *path, const char *suffix)
{
  gsize n = strlen(path), m = strlen(suffix);
  return n >= m && g_ascii_strcasecmp(path + n - m, suffix) == 0;
}

/* The folder of a file: the ambassador's current one when the file is in
 * it (files come in path order, so a folder's files come together), else
 * the one of that name, made when new. */
static IngestLinkedinExport *plan_folder(GHashTable *folders, GPtrArray *folder_list,
                                         IngestLinkedinExport *current, const char *path)
{
  const char *slash = strrchr(path, '/');
  gsize len = slash != NULL ? (gsize)(slash - path) : 0;
  if (current != NULL && strncmp(current->path, path, len) == 0 && current->path[len] == '\0')
    return current;
  g_autofree char *folder = slash != NULL ? g_strndup(path, len) : g_strdup(".");
  IngestLinkedinExport *export = g_hash_table_lookup(folders, folder);
  if (export == NULL) {
    export = export_new(folder, NULL);
    g_hash_table_insert(folders, export->path, export);
    g_ptr_array_add(folder_list, export);
  }
  return export;
}

/* Each zip is an export, and so is each folder holding a CSV file; the
 * other files are listed as not used. */
static void ambassador_plan_exports(IngestLinkedinAmbassador *ambassador, GPtrArray *files)
{
  g_autoptr(GHashTable) folders = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) folder_list = g_ptr_array_new();
  IngestLinkedinExport *current = NULL;
  for (guint i = 0; i < files->len; i++) {
    IngestLinkedinFile *file = g_ptr_array_index(files, i);
    if (has_suffix_ascii_case(file->tree->path, ".zip")) {
      g_ptr_array_add(ambassador->exports, export_new(file->tree->path, file));
      continue;
    }
    current = plan_folder(folders, folder_list, current, file->tree->path);
    g_ptr_array_add(current->files, file);
  }
  for (guint i = 0; i < folder_list->len; i++) {
    IngestLinkedinExport *export = g_ptr_array_index(folder_list, i);
    gboolean has_csv = FALSE;
    for (guint f = 0; f < export->files->len && !has_csv; f++)
      has_csv = has_suffix_ascii_case(
          ((const IngestLinkedinFile *)g_ptr_array_index(export->files, f))->tree->path, ".csv");
    if (has_csv) {
      g_ptr_array_add(ambassador->exports, export);
      continue;
    }
    g_ptr_array_extend(ambassador->loose, export->files, NULL, NULL);
    li_export_free(export);
  }
  g_ptr_array_sort(ambassador->exports, export_compare);
}

static gint ambassador_compare(gconstpointer a, gconstpointer b)
{
  return strcmp((*(IngestLinkedinAmbassador *const *)a)->id,
                (*(IngestLinkedinAmbassador *const *)b)->id);
}

/* The id folder of a path linkedin/<id>/...: its length, and where it
 * starts in *id; FALSE for a file directly in linkedin/. */
static gboolean id_of(const char *path, const char **id, gsize *len)
{
  const char *start = strchr(path, '/');
  const char *end = start != NULL ? strchr(start + 1, '/') : NULL;
  if (end == NULL)
    return FALSE;
  *id = start + 1;
  *len = (gsize)(end - start - 1);
  return TRUE;
}

static IngestLinkedinAmbassador *ambassador_new(char *id)
{
  IngestLinkedinAmbassador *ambassador = g_new0(IngestLinkedinAmbassador, 1);
  ambassador->id = id;
  ambassador->exports = g_ptr_array_new_with_free_func(li_export_free);
  ambassador->loose = g_ptr_array_new();
  return ambassador;
}

/* A ledger entry for a file no ambassador reads. */
static IngestFileEntry *plan_entry(const IngestLinkedinSink *sink, IngestLinkedinFile *file)
{
  progress_add(sink->progress, 1, file->tree->bytes, 0);
  file->entry = ingest_ledger_add_file(sink->ledger, file->tree->path,
                                       ingest_file_kind_name(INGEST_KIND_LINKEDIN));
  g_ptr_array_add(sink->entries, file->entry);
  return file->entry;
}

/* Planning, file by file in path order: an ambassador's files come
 * together, so the id is looked up once per ambassador, not per file. */
typedef struct {
  const IngestLinkedinSink *sink;
  GPtrArray *ambassadors;
  GHashTable *by_id; /* id -> GPtrArray of its files */
  char *id;          /* of the last file */
  GPtrArray *files;  /* its ambassador's files; NULL when not in the roster */
  char *folder;      /* linkedin/<id>/ when not in the roster, for the warning */
} Planning;

static void planning_switch(Planning *pl, const char *id, gsize len)
{
  g_free(pl->id);
  g_clear_pointer(&pl->folder, g_free);
  pl->id = g_strndup(id, len);
  pl->files = NULL;
  if (!ingest_roster_has(pl->sink->roster, pl->id)) {
    pl->folder = g_strdup_printf("linkedin/%s/", pl->id);
    return;
  }
  pl->files = g_hash_table_lookup(pl->by_id, pl->id);
  if (pl->files == NULL) {
    IngestLinkedinAmbassador *ambassador = ambassador_new(g_strdup(pl->id));
    g_ptr_array_add(pl->ambassadors, ambassador);
    pl->files = g_ptr_array_new();
    g_hash_table_insert(pl->by_id, ambassador->id, pl->files);
  }
}

static void planning_add(Planning *pl, IngestLinkedinFile *file)
{
  const char *id;
  gsize len;
  if (!id_of(file->tree->path, &id, &len)) {
    ingest_ledger_note(plan_entry(pl->sink, file), NOTE_NO_AMBASSADOR);
    return;
  }
  if (pl->id == NULL || strncmp(pl->id, id, len) != 0 || pl->id[len] != '\0')
    planning_switch(pl, id, len);
  if (pl->files != NULL) {
    g_ptr_array_add(pl->files, file);
    return;
  }
  ingest_ledger_note(plan_entry(pl->sink, file), NOTE_UNKNOWN_AMBASSADOR);
  ingest_warnings_note_unknown(pl->sink->warnings, pl->id, pl->folder);
}

/* Ambassadors of the roster with files, sorted by id; the other files are
 * noted as not used here. */
static GPtrArray *linkedin_plan(IngestLinkedin *linkedin, const IngestLinkedinSink *sink)
{
  Planning pl = {
      sink,
      g_ptr_array_new_with_free_func(li_ambassador_free),
      g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref),
      NULL,
      NULL,
      NULL};
  for (guint i = 0; i < linkedin->files->len; i++)
    planning_add(&pl, &g_array_index(linkedin->files, IngestLinkedinFile, i));
  for (guint i = 0; i < pl.ambassadors->len; i++) {
    IngestLinkedinAmbassador *ambassador = g_ptr_array_index(pl.ambassadors, i);
    ambassador_plan_exports(ambassador, g_hash_table_lookup(pl.by_id, ambassador->id));
  }
  g_ptr_array_sort(pl.ambassadors, ambassador_compare);
  g_hash_table_unref(pl.by_id);
  g_free(pl.id);
  g_free(pl.folder);
  return pl.ambassadors;
}

/* --- An ambassador's result, made ready for entering on the worker -------- */

/* What the main thread enters for one ambassador, in ambassador order: the
 * worker that read it has packed its files for the ledger, put its events
 * in output order and summed its part of the file-kind groups. */
typedef struct {
  IngestLinkedinResult *result;
  IngestLedgerBlock *block; /* fed while reading, sealed once the reports are in */
  GStringChunk *notes;      /* of the ledger rows, until the block is sealed */
  LiGroup groups[LINKEDIN_N_KINDS];
  guint64 files, bytes, rows; /* for the progress line */
  GThread *owner;             /* the worker that made it, which frees it */
} LiEntry;

static void li_entry_free(LiEntry *entry)
{
  if (entry == NULL)
    return;
  ingest_ledger_block_free(entry->block);
  for (int k = 0; k < LINKEDIN_N_KINDS; k++)
    worst_free(entry->groups[k].worst);
  ingest_linkedin_result_free(entry->result);
  g_free(entry);
}

static IngestFileEntry *worst_copy(const IngestLedgerRow *row)
{
  IngestFileEntry *worst = g_new0(IngestFileEntry, 1);
  worst->file = g_strdup(row->file);
  worst->note = g_string_new(NULL);
  worst->rows_read = row->rows_read;
  worst->rejected = row->rejected;
  return worst;
}

/* The first file with the most rejects stays the worst, as in one pass over
 * every file in ambassador order. */
static gboolean group_is_worse(const LiGroup *g, guint64 rejected)
{
  return g->worst == NULL || rejected > g->worst->rejected;
}

static void group_add_file(LiGroup *g, const IngestLedgerRow *row)
{
  g->rows_read += row->rows_read;
  g->rejected += row->rejected;
  if (!group_is_worse(g, row->rejected))
    return;
  worst_free(g->worst);
  g->worst = worst_copy(row);
}

/* An ambassador's part, whose worst file is taken over if worse. */
static void group_add_part(LiGroup *g, LiGroup *part)
{
  g->rows_read += part->rows_read;
  g->rejected += part->rejected;
  if (part->worst == NULL || !group_is_worse(g, part->worst->rejected))
    return;
  worst_free(g->worst);
  g->worst = g_steal_pointer(&part->worst);
}

/* The tally as the ledger takes it; an older export's profile files are
 * read for their rows' sake, the newest export's copy replaces them. The
 * row borrows the report's strings, which outlive the block's sealing. A
 * report without a sink (loaded from the cache, or not read) holds every
 * reject, which moves to the block; one read with a sink put its own there
 * as they came, and holds copies of no more than a cache entry keeps. */
static void entry_add_report(LiEntry *li, IngestLinkedinFileReport *report, gboolean superseded)
{
  const IngestFileEntry *tally = &report->tally;
  const char *note = ingest_linkedin_report_note(report);
  if (superseded && note[0] == '\0') {
    note = NOTE_SUPERSEDED;
  } else if (superseded) {
    g_autofree char *joined = g_strconcat(note, ", " NOTE_SUPERSEDED, NULL);
    note = g_string_chunk_insert(li->notes, joined);
  }
  IngestLedgerRow row = {
      tally->file,
      ingest_file_kind_name(INGEST_KIND_LINKEDIN),
      tally->encoding,
      note,
      tally->rows_read,
      superseded ? 0 : tally->accepted,
      tally->duplicates + (superseded ? tally->accepted : 0),
      tally->rejected,
  };
  ingest_ledger_block_add_row(li->block, &row);
  for (guint i = 0; report->sink == NULL && i < ingest_linkedin_report_n_rejects(report); i++) {
    const IngestLinkedinReject *reject = g_ptr_array_index(report->rejects, i);
    ingest_ledger_block_add_reject(li->block, tally->file, reject->line, reject->reason,
                                   reject->excerpt);
  }
  g_clear_pointer(&report->rejects, g_ptr_array_unref);
  li->rows += tally->rows_read;
  if (report->kind != LINKEDIN_NOT_USED)
    group_add_file(&li->groups[report->kind], &row);
}

/* The ambassador's files as one ledger block, export by export, newest
 * first, then the loose ones. */
static void entry_add_reports(LiEntry *li, gboolean verbose)
{
  const IngestLinkedinResult *result = li->result;
  li->notes = g_string_chunk_new(1024);
  for (guint e = 0; e < result->exports->len; e++) {
    const IngestLinkedinExportResult *er = g_ptr_array_index(result->exports, e);
    for (guint i = 0; i < er->reports->len; i++) {
      IngestLinkedinFileReport *report = g_ptr_array_index(er->reports, i);
      entry_add_report(li, report, ingest_linkedin_result_superseded(result, report));
    }
  }
  for (guint i = 0; i < result->loose->len; i++)
    entry_add_report(li, g_ptr_array_index(result->loose, i), FALSE);
  ingest_ledger_block_seal(li->block, verbose);
  g_clear_pointer(&li->notes, g_string_chunk_free);
}

static void entry_count_files(LiEntry *li)
{
  const IngestLinkedinAmbassador *ambassador = li->result->ambassador;
  for (guint e = 0; e < ambassador->exports->len; e++) {
    const IngestLinkedinExport *export = g_ptr_array_index(ambassador->exports, e);
    if (export->zip != NULL) {
      li->files++;
      li->bytes += export->zip->tree->bytes;
      continue;
    }
    li->files += export->files->len;
    for (guint i = 0; i < export->files->len; i++)
      li->bytes += ((const IngestLinkedinFile *)g_ptr_array_index(export->files, i))->tree->bytes;
  }
  li->files += ambassador->loose->len;
  for (guint i = 0; i < ambassador->loose->len; i++)
    li->bytes += ((const IngestLinkedinFile *)g_ptr_array_index(ambassador->loose, i))->tree->bytes;
}

/* Reads an ambassador and makes it ready to enter; any thread. */
static LiEntry *entry_prepare(const IngestLinkedinAmbassador *ambassador,
                              const IngestLinkedinSink *sink)
{
  LiEntry *li = g_new0(LiEntry, 1);
  li->block = ingest_ledger_block_new();
  ingest_ledger_block_spill_into(li->block, sink->ledger);
  li->result =
      ingest_linkedin_ambassador_read(ambassador, sink->cache, sink->max_events, li->block);
  entry_add_reports(li, sink->verbose);
  ingest_linkedin_events_finish(li->result->events);
  entry_count_files(li);
  return li;
}

/* --- Entering, in ambassador order ------------------------------------------ */

static void linkedin_enter(IngestLinkedin *linkedin, const IngestLinkedinSink *sink, LiEntry *li)
{
  const IngestLinkedinResult *result = li->result;
  ingest_ledger_add_block(sink->ledger, g_steal_pointer(&li->block));
  for (int k = 0; k < LINKEDIN_N_KINDS; k++)
    group_add_part(&linkedin->groups[k], &li->groups[k]);
  linkedin->exports_read += result->exports_read;
  linkedin->exports_cached += result->exports->len - result->exports_read;
  linkedin->latest_day =
      MAX(linkedin->latest_day, ingest_linkedin_events_latest_day(result->events));
  GDate covered;
  g_date_clear(&covered, 1);
  if (result->covered_until > 0)
    g_date_set_julian(&covered, result->covered_until);
  IngestLinkedinAmbassadorRows rows = {result->ambassador->id, result->events, &result->profile,
                                       ingest_linkedin_result_newest_export(result), &covered};
  ingest_linkedin_writers_add(linkedin->writers, &rows);
  progress_add(sink->progress, li->files, li->bytes, li->rows);
}

/* --- Running, on worker threads when asked ---------------------------------- */

typedef struct {
  GPtrArray *ambassadors;
  const IngestLinkedinSink *sink;
  LiEntry **entries;  /* filled by the workers, taken in order */
  GPtrArray *entered; /* LiEntry entered, for a worker to free where it was made */
  GMutex lock;
  GCond ready;
} LiPool;

/* Frees what the main thread entered of the entries this thread made:
 * memory freed by another thread than the one that took it goes back to
 * that thread's malloc arena under its lock, which the two workers then
 * fight over; and the main thread has enough to do. NULL frees them all. */
static void pool_free_entered(LiPool *pool, GThread *owner)
{
  g_autoptr(GPtrArray) mine = g_ptr_array_new();
  g_mutex_lock(&pool->lock);
  guint kept = 0;
  for (guint i = 0; i < pool->entered->len; i++) {
    LiEntry *entry = g_ptr_array_index(pool->entered, i);
    if (owner == NULL || entry->owner == owner)
      g_ptr_array_add(mine, entry);
    else
      pool->entered->pdata[kept++] = entry;
  }
  g_ptr_array_set_size(pool->entered, kept);
  g_mutex_unlock(&pool->lock);
  for (guint i = 0; i < mine->len; i++)
    li_entry_free(g_ptr_array_index(mine, i));
}

static void pool_work(gpointer data, gpointer user_data)
{
  LiPool *pool = user_data;
  guint i = GPOINTER_TO_UINT(data) - 1;
  pool_free_entered(pool, g_thread_self());
  LiEntry *entry = entry_prepare(g_ptr_array_index(pool->ambassadors, i), pool->sink);
  entry->owner = g_thread_self();
  g_mutex_lock(&pool->lock);
  pool->entries[i] = entry;
  g_cond_broadcast(&pool->ready);
  g_mutex_unlock(&pool->lock);
}

static LiEntry *pool_take(LiPool *pool, guint i)
{
  g_mutex_lock(&pool->lock);
  while (pool->entries[i] == NULL)
    g_cond_wait(&pool->ready, &pool->lock);
  LiEntry *entry = g_steal_pointer(&pool->entries[i]);
  g_mutex_unlock(&pool->lock);
  return entry;
}

static void pool_hand_back(LiPool *pool, LiEntry *entry)
{
  g_mutex_lock(&pool->lock);
  g_ptr_array_add(pool->entered, entry);
  g_mutex_unlock(&pool->lock);
}

/* At most two ambassadors per thread are read ahead of the one written, so
 * memory follows a few ambassadors' data, not the tree's. */
static void linkedin_read_parallel(IngestLinkedin *linkedin, const IngestLinkedinSink *sink,
                                   GPtrArray *ambassadors)
{
  LiPool pool;
  memset(&pool, 0, sizeof pool);
  pool.ambassadors = ambassadors;
  pool.sink = sink;
  pool.entries = g_new0(LiEntry *, ambassadors->len + 1);
  pool.entered = g_ptr_array_new();
  g_mutex_init(&pool.lock);
  g_cond_init(&pool.ready);
  GThreadPool *threads = g_thread_pool_new(pool_work, &pool, sink->jobs, FALSE, NULL);
  guint ahead = 2 * (guint)sink->jobs, pushed = 0;
  for (guint i = 0; i < ambassadors->len; i++) {
    while (pushed < ambassadors->len && pushed < i + ahead) {
      pushed++;
      g_thread_pool_push(threads, GUINT_TO_POINTER(pushed), NULL);
    }
    LiEntry *entry = pool_take(&pool, i);
    linkedin_enter(linkedin, sink, entry);
    pool_hand_back(&pool, entry);
  }
  g_thread_pool_free(threads, FALSE, TRUE);
  pool_free_entered(&pool, NULL);
  g_ptr_array_unref(pool.entered);
  g_cond_clear(&pool.ready);
  g_mutex_clear(&pool.lock);
  g_free(pool.entries);
}

gboolean ingest_linkedin_run(IngestLinkedin *linkedin, const IngestLinkedinSink *sink,
                             GError **error)
{
  g_return_val_if_fail(linkedin->writers == NULL, FALSE);
  linkedin->writers = ingest_linkedin_writers_open(sink->work_dir, error);
  if (linkedin->writers == NULL)
    return FALSE;
  g_autoptr(GPtrArray) ambassadors = linkedin_plan(linkedin, sink);
  if (sink->jobs > 1 && ambassadors->len > 1) {
    linkedin_read_parallel(linkedin, sink, ambassadors);
  } else {
    for (guint i = 0; i < ambassadors->len; i++) {
      LiEntry *entry = entry_prepare(g_ptr_array_index(ambassadors, i), sink);
      linkedin_enter(linkedin, sink, entry);
      li_entry_free(entry);
    }
  }
  if (sink->cache != NULL)
    ingest_cache_prune(sink->cache, INGEST_LINKEDIN_CACHE_SECTION);
  return TRUE;
}

gboolean ingest_linkedin_commit(IngestLinkedin *linkedin, GError **error)
{
  g_return_val_if_fail(linkedin->writers != NULL, FALSE);
  return ingest_linkedin_writers_commit(g_steal_pointer(&linkedin->writers), error);
}

void ingest_linkedin_latest_date(const IngestLinkedin *linkedin, GDate *latest)
{
  if (linkedin->latest_day == 0)
    return;
  if (!g_date_valid(latest) || g_date_get_julian(latest) < linkedin->latest_day)
    g_date_set_julian(latest, linkedin->latest_day);
}

/* --- Reject ratio per file kind --------------------------------------------- */

static const char *const group_names[LINKEDIN_N_KINDS] = {
    [LINKEDIN_CONNECTIONS] = "linkedin Connections",
    [LINKEDIN_INVITATIONS] = "linkedin Invitations",
    [LINKEDIN_SHARES] = "linkedin Shares",
    [LINKEDIN_COMMENTS] = "linkedin Comments",
    [LINKEDIN_REACTIONS] = "linkedin Reactions",
    [LINKEDIN_MESSAGES] = "linkedin messages",
    [LINKEDIN_ENDORSEMENTS] = "linkedin Endorsement_Received_Info",
    [LINKEDIN_RECOMMENDATIONS] = "linkedin Recommendations_Received",
    [LINKEDIN_PROFILE] = "linkedin Profile",
    [LINKEDIN_POSITIONS] = "linkedin Positions",
    [LINKEDIN_SKILLS] = "linkedin Skills",
};

guint ingest_linkedin_n_groups(void)
{
  return LINKEDIN_N_KINDS;
}

void ingest_linkedin_group(const IngestLinkedin *linkedin, guint group, IngestLinkedinGroup *out)
{
  g_return_if_fail(group < LINKEDIN_N_KINDS);
  const LiGroup *g = &linkedin->groups[group];
  memset(out, 0, sizeof *out);
  out->name = group_names[group];
  out->rows_read = g->rows_read;
  out->rejected = g->rejected;
  out->worst = g->worst;
}

void ingest_linkedin_exports_counted(const IngestLinkedin *linkedin, guint *read, guint *cached)
{
  *read = linkedin->exports_read;
  *cached = linkedin->exports_cached;
}
