/* Reads the LinkedIn exports of the tree (linkedin.h). The files are first
 * planned into ambassadors and exports; each ambassador is then read by a
 * function of its exports alone, possibly on a worker thread, and its result
 * is entered in the ledger and written in ambassador_id order, so the output
 * does not depend on the number of threads. */
#include "ingest/linkedin.h"
#include "common/errors.h"
#include "ingest/dates.h"
#include "ingest/linkedin_dedup.h"
#include "ingest/linkedin_files.h"
#include "ingest/linkedin_write.h"
#include "ingest/zip_source.h"
#include <string.h>

#define NOTE_NOT_USED "not used"
#define NOTE_UNKNOWN_AMBASSADOR "not used: ambassador not in the roster"
#define NOTE_NO_AMBASSADOR "not used: not in an ambassador folder linkedin/<ambassador_id>/"
#define NOTE_SUPERSEDED "not used: the profile comes from the newest export"

/* A file of the tree under linkedin/. */
typedef struct {
  char *path;
  char *abs_path;
  IngestFileEntry *entry;
} LiFile;

/* One export: a zip, or a folder holding CSV files. */
typedef struct {
  char *path;        /* as listed: the zip, or the folder */
  guint32 day;       /* the date in its name as a Julian day; 0: none */
  const LiFile *zip; /* NULL for a folder */
  GPtrArray *files;  /* LiFile of a folder, in path order (not owned) */
} LiExport;

typedef struct {
  char *id;
  GPtrArray *exports; /* LiExport, newest first */
  GPtrArray *loose;   /* LiFile in no export, listed as not used (not owned) */
} LiAmbassador;

/* What reading one ambassador gives. */
typedef struct {
  const LiAmbassador *ambassador;
  GPtrArray *reports; /* IngestLinkedinFileReport, in reading order */
  IngestLinkedinEvents *events;
  IngestLinkedinProfile profile; /* of the newest export */
  const char *newest_export;     /* NULL: no readable export */
  guint32 covered_until;
} LiResult;

typedef struct {
  IngestFileEntry *entry;
  IngestLinkedinKind kind;
} LiEntryKind;

struct IngestLinkedin {
  GPtrArray *files; /* LiFile, in tree order */
  IngestLinkedinWriters *writers;
  GArray *entry_kinds; /* LiEntryKind of every file of a used kind */
  guint32 latest_day;
};

static void li_file_free(gpointer data)
{
  LiFile *file = data;
  g_free(file->path);
  g_free(file->abs_path);
  g_free(file);
}

IngestLinkedin *ingest_linkedin_new(void)
{
  IngestLinkedin *linkedin = g_new0(IngestLinkedin, 1);
  linkedin->files = g_ptr_array_new_with_free_func(li_file_free);
  linkedin->entry_kinds = g_array_new(FALSE, FALSE, sizeof(LiEntryKind));
  return linkedin;
}

void ingest_linkedin_free(IngestLinkedin *linkedin)
{
  if (linkedin == NULL)
    return;
  ingest_linkedin_writers_abort(linkedin->writers);
  g_array_unref(linkedin->entry_kinds);
  g_ptr_array_unref(linkedin->files);
  g_free(linkedin);
}

void ingest_linkedin_add_file(IngestLinkedin *linkedin, const IngestTreeFile *file,
                              IngestFileEntry *entry)
{
  LiFile *li_file = g_new0(LiFile, 1);
  li_file->path = g_strdup(file->path);
  li_file->abs_path = g_strdup(file->abs_path);
  li_file->entry = entry;
  g_ptr_array_add(linkedin->files, li_file);
}

/* --- Planning: ambassadors and their exports ----------------------------- */

static void li_export_free(gpointer data)
{
  LiExport *export = data;
  g_free(export->path);
  if (export->files != NULL)
    g_ptr_array_unref(export->files);
  g_free(export);
}

static void li_ambassador_free(gpointer data)
{
  LiAmbassador *ambassador = data;
  g_free(ambassador->id);
  g_ptr_array_unref(ambassador->exports);
  g_ptr_array_unref(ambassador->loose);
  g_free(ambassador);
}

/* The date in a name like Basic_LinkedInDataExport_03-01-2026(.zip); 0 when
 * there is none. */
static guint32 export_day_of(const char *path)
{
  g_autofree char *name = g_path_get_basename(path);
  g_autoptr(GRegex) regex =
      g_regex_new("(?:Basic|Complete)_LinkedInDataExport_([0-9]{2})-([0-9]{2})-([0-9]{4})(?![0-9])",
                  G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  if (!g_regex_match(regex, name, 0, &match))
    return 0;
  g_autofree char *month = g_match_info_fetch(match, 1);
  g_autofree char *day = g_match_info_fetch(match, 2);
  g_autofree char *year = g_match_info_fetch(match, 3);
  g_autofree char *iso = g_strdup_printf("%s-%s-%s", year, month, day);
  GDate date;
  return ingest_date_parse(iso, DATE_FORM_ISO, &date, NULL) ? g_date_get_julian(&date) : 0;
}

static LiExport *export_new(const char *path, const LiFile *zip)
{
  LiExport *export = g_new0(LiExport, 1);
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
  const LiExport *x = *(LiExport *const *)a;
  const LiExport *y = *(LiExport *const *)b;
  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;
  return -strcmp(x->path, y->path);
}

static gboolean is_csv(const char *path)
{
  g_autofree char *lower = g_ascii_strdown(path, -1);
  return g_str_has_suffix(lower, ".csv");
}

static gboolean is_zip(const char *path)
{
  g_autofree char *lower = g_ascii_strdown(path, -1);
  return g_str_has_suffix(lower, ".zip");
}

/* Each zip is an export, and so is each folder holding a CSV file; the
 * other files are listed as not used. */
static void ambassador_plan_exports(LiAmbassador *ambassador, GPtrArray *files)
{
  g_autoptr(GHashTable) folders = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) folder_list = g_ptr_array_new();
  for (guint i = 0; i < files->len; i++) {
    const LiFile *file = g_ptr_array_index(files, i);
    if (is_zip(file->path)) {
      g_ptr_array_add(ambassador->exports, export_new(file->path, file));
      continue;
    }
    g_autofree char *folder = g_path_get_dirname(file->path);
    LiExport *export = g_hash_table_lookup(folders, folder);
    if (export == NULL) {
      export = export_new(folder, NULL);
      g_hash_table_insert(folders, g_strdup(folder), export);
      g_ptr_array_add(folder_list, export);
    }
    g_ptr_array_add(export->files, (gpointer)file);
  }
  for (guint i = 0; i < folder_list->len; i++) {
    LiExport *export = g_ptr_array_index(folder_list, i);
    gboolean has_csv = FALSE;
    for (guint f = 0; f < export->files->len && !has_csv; f++)
      has_csv = is_csv(((const LiFile *)g_ptr_array_index(export->files, f))->path);
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
  return strcmp((*(LiAmbassador *const *)a)->id, (*(LiAmbassador *const *)b)->id);
}

/* The id folder of a path linkedin/<id>/..., or NULL for a file directly
 * in linkedin/. */
static char *id_of(const char *path)
{
  g_auto(GStrv) parts = g_strsplit(path, "/", 3);
  return g_strv_length(parts) == 3 ? g_strdup(parts[1]) : NULL;
}

/* Ambassadors of the roster with files, sorted by id; the other files are
 * noted as not used here. */
static GPtrArray *linkedin_plan(IngestLinkedin *linkedin, const IngestLinkedinSink *sink)
{
  GPtrArray *ambassadors = g_ptr_array_new_with_free_func(li_ambassador_free);
  g_autoptr(GHashTable) by_id =
      g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < linkedin->files->len; i++) {
    LiFile *file = g_ptr_array_index(linkedin->files, i);
    g_autofree char *id = id_of(file->path);
    if (id == NULL) {
      ingest_ledger_note(file->entry, NOTE_NO_AMBASSADOR);
      continue;
    }
    if (!ingest_roster_has(sink->roster, id)) {
      g_autofree char *folder = g_strdup_printf("linkedin/%s/", id);
      ingest_ledger_note(file->entry, NOTE_UNKNOWN_AMBASSADOR);
      ingest_warnings_note_unknown(sink->warnings, id, folder);
      continue;
    }
    GPtrArray *files = g_hash_table_lookup(by_id, id);
    if (files == NULL) {
      LiAmbassador *ambassador = g_new0(LiAmbassador, 1);
      ambassador->id = g_steal_pointer(&id);
      ambassador->exports = g_ptr_array_new_with_free_func(li_export_free);
      ambassador->loose = g_ptr_array_new();
      g_ptr_array_add(ambassadors, ambassador);
      files = g_ptr_array_new();
      g_hash_table_insert(by_id, ambassador->id, files);
    }
    g_ptr_array_add(files, file);
  }
  for (guint i = 0; i < ambassadors->len; i++) {
    LiAmbassador *ambassador = g_ptr_array_index(ambassadors, i);
    ambassador_plan_exports(ambassador, g_hash_table_lookup(by_id, ambassador->id));
  }
  g_ptr_array_sort(ambassadors, ambassador_compare);
  return ambassadors;
}

/* --- Reading one ambassador ----------------------------------------------- */

static gboolean read_tree_file(gpointer source, const CsvReaderOptions *options, CsvRecordFunc func,
                               gpointer user_data, CsvFileInfo *info, GError **error)
{
  return csv_reader_read_file(source, options, func, user_data, info, error);
}

typedef struct {
  IngestZip *zip;
  guint index;
} ZipMember;

static gboolean read_zip_member(gpointer source, const CsvReaderOptions *options,
                                CsvRecordFunc func, gpointer user_data, CsvFileInfo *info,
                                GError **error)
{
  ZipMember *member = source;
  return ingest_zip_read_csv(member->zip, member->index, options, func, user_data, info, error);
}

static IngestLinkedinFileReport *result_add_report(LiResult *result, const char *path,
                                                   IngestFileEntry *entry, IngestLinkedinKind kind)
{
  IngestLinkedinFileReport *report = ingest_linkedin_report_new(path, entry, kind);
  g_ptr_array_add(result->reports, report);
  return report;
}

/* An older export's profile files are read for their rows' sake; the newest
 * export's copy replaces them. */
static void report_supersede(IngestLinkedinFileReport *report)
{
  report->tally.duplicates += report->tally.accepted;
  report->tally.accepted = 0;
  ingest_ledger_note(&report->tally, NOTE_SUPERSEDED);
}

static void result_read_file(LiResult *result, IngestLinkedinFileReport *report,
                             IngestLinkedinReadFunc read, gpointer source, gboolean newest)
{
  if (report->kind == LINKEDIN_NOT_USED) {
    ingest_ledger_note(&report->tally, NOTE_NOT_USED);
    return;
  }
  ingest_linkedin_file_read(report, result->reports->len - 1, read, source, result->events,
                            newest ? &result->profile : NULL);
  if (!newest && report->kind >= LINKEDIN_N_EVENT_KINDS)
    report_supersede(report);
}

static void result_read_folder(LiResult *result, const LiExport *export, gboolean newest)
{
  for (guint i = 0; i < export->files->len; i++) {
    const LiFile *file = g_ptr_array_index(export->files, i);
    g_autofree char *name = g_path_get_basename(file->path);
    IngestLinkedinKind kind = is_csv(name) ? ingest_linkedin_kind_of(name) : LINKEDIN_NOT_USED;
    IngestLinkedinFileReport *report = result_add_report(result, file->path, file->entry, kind);
    result_read_file(result, report, read_tree_file, file->abs_path, newest);
  }
}

/* The name without the folders inside the archive. */
static const char *member_base_name(const char *name)
{
  const char *base = name;
  for (const char *p = name; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  return base;
}

static void result_read_member(LiResult *result, const LiExport *export, IngestZip *zip, guint i,
                               gboolean newest)
{
  const char *name = ingest_zip_entry_name(zip, i);
  g_autofree char *path = g_strconcat(export->path, "/", name, NULL);
  IngestLinkedinKind kind = ingest_linkedin_kind_of(member_base_name(name));
  IngestLinkedinFileReport *report = result_add_report(result, path, NULL, kind);
  if (!ingest_zip_name_is_safe(name)) {
    ingest_linkedin_report_reject(report, 1, "unsafe entry name", name);
    ingest_ledger_note(&report->tally, "unsafe entry name");
    return;
  }
  ZipMember member = {zip, i};
  result_read_file(result, report, read_zip_member, &member, newest);
}

/* FALSE for an archive that cannot be opened: listed, and no export. */
static gboolean result_read_zip(LiResult *result, const LiExport *export, gboolean newest)
{
  IngestLinkedinFileReport *report =
      result_add_report(result, export->path, export->zip->entry, LINKEDIN_NOT_USED);
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestZip) zip = ingest_zip_open(export->zip->abs_path, NULL, &error);
  if (zip == NULL) {
    ingest_linkedin_report_reject(report, 1, error->message, "");
    ingest_ledger_note(&report->tally, error->message);
    return FALSE;
  }
  guint n = ingest_zip_n_entries(zip);
  g_autofree char *note = g_strdup_printf("zip archive of %u file%s", n, n == 1 ? "" : "s");
  ingest_ledger_note(&report->tally, note);
  for (guint i = 0; i < n; i++)
    result_read_member(result, export, zip, i, newest);
  return TRUE;
}

static void result_read_export(LiResult *result, const LiExport *export)
{
  gboolean newest = result->newest_export == NULL;
  if (export->zip != NULL) {
    if (!result_read_zip(result, export, newest))
      return;
  } else {
    result_read_folder(result, export, newest);
  }
  if (newest)
    result->newest_export = export->path;
  result->covered_until = MAX(result->covered_until, export->day);
  ingest_linkedin_events_end_export(result->events, result->reports);
}

static void result_free(LiResult *result)
{
  g_ptr_array_unref(result->reports);
  ingest_linkedin_events_free(result->events);
  ingest_linkedin_profile_clear(&result->profile);
  g_free(result);
}

/* Everything one ambassador's exports give; depends on them alone. */
static LiResult *ambassador_read(const LiAmbassador *ambassador)
{
  LiResult *result = g_new0(LiResult, 1);
  result->ambassador = ambassador;
  result->reports = g_ptr_array_new_with_free_func((GDestroyNotify)ingest_linkedin_report_free);
  result->events = ingest_linkedin_events_new();
  for (guint i = 0; i < ambassador->exports->len; i++)
    result_read_export(result, g_ptr_array_index(ambassador->exports, i));
  for (guint i = 0; i < ambassador->loose->len; i++) {
    const LiFile *file = g_ptr_array_index(ambassador->loose, i);
    IngestLinkedinFileReport *report =
        result_add_report(result, file->path, file->entry, LINKEDIN_NOT_USED);
    ingest_ledger_note(&report->tally, NOTE_NOT_USED);
  }
  result->covered_until =
      MAX(result->covered_until, ingest_linkedin_events_latest_day(result->events));
  return result;
}

/* --- Entering results in ambassador order ---------------------------------- */

static void linkedin_enter_report(IngestLinkedin *linkedin, const IngestLinkedinSink *sink,
                                  const IngestLinkedinFileReport *report)
{
  const IngestFileEntry *tally = &report->tally;
  IngestFileEntry *entry = report->entry;
  if (entry == NULL) {
    entry = ingest_ledger_add_file(sink->ledger, tally->file,
                                   ingest_file_kind_name(INGEST_KIND_LINKEDIN));
    g_ptr_array_add(sink->entries, entry);
  }
  if (tally->encoding != NULL) {
    g_free(entry->encoding);
    entry->encoding = g_strdup(tally->encoding);
  }
  if (tally->note->len > 0)
    ingest_ledger_note(entry, tally->note->str);
  for (guint i = 0; i < report->rejects->len; i++) {
    const IngestLinkedinReject *reject = g_ptr_array_index(report->rejects, i);
    ingest_ledger_reject(sink->ledger, entry, reject->line, reject->reason, reject->excerpt);
  }
  entry->rows_read += tally->rows_read - tally->rejected;
  entry->accepted += tally->accepted;
  entry->duplicates += tally->duplicates;
  if (report->kind != LINKEDIN_NOT_USED) {
    LiEntryKind kind = {entry, report->kind};
    g_array_append_val(linkedin->entry_kinds, kind);
  }
}

static void linkedin_enter(IngestLinkedin *linkedin, const IngestLinkedinSink *sink,
                           const LiResult *result)
{
  for (guint i = 0; i < result->reports->len; i++)
    linkedin_enter_report(linkedin, sink, g_ptr_array_index(result->reports, i));
  linkedin->latest_day =
      MAX(linkedin->latest_day, ingest_linkedin_events_latest_day(result->events));
  GDate covered;
  g_date_clear(&covered, 1);
  if (result->covered_until > 0)
    g_date_set_julian(&covered, result->covered_until);
  IngestLinkedinAmbassadorRows rows = {result->ambassador->id, result->events, &result->profile,
                                       result->newest_export, &covered};
  ingest_linkedin_writers_add(linkedin->writers, &rows);
}

/* --- Running, on worker threads when asked ---------------------------------- */

typedef struct {
  GPtrArray *ambassadors;
  LiResult **results; /* filled by the workers, taken in order */
  GMutex lock;
  GCond ready;
} LiPool;

static void pool_work(gpointer data, gpointer user_data)
{
  LiPool *pool = user_data;
  guint i = GPOINTER_TO_UINT(data) - 1;
  LiResult *result = ambassador_read(g_ptr_array_index(pool->ambassadors, i));
  g_mutex_lock(&pool->lock);
  pool->results[i] = result;
  g_cond_broadcast(&pool->ready);
  g_mutex_unlock(&pool->lock);
}

static LiResult *pool_take(LiPool *pool, guint i)
{
  g_mutex_lock(&pool->lock);
  while (pool->results[i] == NULL)
    g_cond_wait(&pool->ready, &pool->lock);
  LiResult *result = g_steal_pointer(&pool->results[i]);
  g_mutex_unlock(&pool->lock);
  return result;
}

/* At most two ambassadors per thread are read ahead of the one written, so
 * memory follows a few ambassadors' data, not the tree's. */
static void linkedin_read_parallel(IngestLinkedin *linkedin, const IngestLinkedinSink *sink,
                                   GPtrArray *ambassadors)
{
  LiPool pool;
  memset(&pool, 0, sizeof pool);
  pool.ambassadors = ambassadors;
  pool.results = g_new0(LiResult *, ambassadors->len + 1);
  g_mutex_init(&pool.lock);
  g_cond_init(&pool.ready);
  GThreadPool *threads = g_thread_pool_new(pool_work, &pool, sink->jobs, FALSE, NULL);
  guint ahead = 2 * (guint)sink->jobs, pushed = 0;
  for (guint i = 0; i < ambassadors->len; i++) {
    while (pushed < ambassadors->len && pushed < i + ahead) {
      pushed++;
      g_thread_pool_push(threads, GUINT_TO_POINTER(pushed), NULL);
    }
    LiResult *result = pool_take(&pool, i);
    linkedin_enter(linkedin, sink, result);
    result_free(result);
  }
  g_thread_pool_free(threads, FALSE, TRUE);
  g_cond_clear(&pool.ready);
  g_mutex_clear(&pool.lock);
  g_free(pool.results);
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
    return TRUE;
  }
  for (guint i = 0; i < ambassadors->len; i++) {
    LiResult *result = ambassador_read(g_ptr_array_index(ambassadors, i));
    linkedin_enter(linkedin, sink, result);
    result_free(result);
  }
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
  memset(out, 0, sizeof *out);
  out->name = group_names[group];
  for (guint i = 0; i < linkedin->entry_kinds->len; i++) {
    const LiEntryKind *ek = &g_array_index(linkedin->entry_kinds, LiEntryKind, i);
    if ((guint)ek->kind != group)
      continue;
    out->rows_read += ek->entry->rows_read;
    out->rejected += ek->entry->rejected;
    if (out->worst == NULL || ek->entry->rejected > out->worst->rejected)
      out->worst = ek->entry;
  }
}
