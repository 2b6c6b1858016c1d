/* Reads one ambassador's LinkedIn exports (linkedin_ambassador.h): the new
 * exports from their files, newest first, laid over what the cache kept of
 * the older ones; and the cache entry written back. */
#include "ingest/linkedin_ambassador.h"
#include "common/sha256.h"
#include "ingest/zip_source.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define NOTE_NOT_USED "not used"

/* --- Results ------------------------------------------------------------------ */

static IngestLinkedinExportResult *export_result_new(const char *path, guint32 day)
{
  IngestLinkedinExportResult *er = g_new0(IngestLinkedinExportResult, 1);
  er->path = g_strdup(path);
  er->day = day;
  er->reports = g_ptr_array_new();
  return er;
}

static void export_result_free(gpointer data)
{
  IngestLinkedinExportResult *er = data;
  g_free(er->path);
  g_ptr_array_unref(er->reports);
  if (er->saved != NULL)
    g_bytes_unref(er->saved);
  g_free(er);
}

static GPtrArray *export_results_new(void)
{
  return g_ptr_array_new_with_free_func(export_result_free);
}

static GPtrArray *reports_new(void)
{
  return g_ptr_array_new_with_free_func((GDestroyNotify)ingest_linkedin_report_free);
}

static IngestLinkedinResult *result_new(const IngestLinkedinAmbassador *ambassador)
{
  IngestLinkedinResult *result = g_new0(IngestLinkedinResult, 1);
  result->ambassador = ambassador;
  result->exports = export_results_new();
  result->reports = reports_new();
  result->loose = reports_new();
  result->newest = -1;
  return result;
}

void ingest_linkedin_result_free(IngestLinkedinResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref(result->exports);
  g_ptr_array_unref(result->reports);
  g_ptr_array_unref(result->loose);
  /* After the reports, whose free function leaves the loaded ones to it. */
  ingest_linkedin_report_block_free(result->loaded);
  ingest_linkedin_events_free(result->events);
  ingest_linkedin_profile_clear(&result->profile);
  g_free(result);
}

const char *ingest_linkedin_result_newest_export(const IngestLinkedinResult *result)
{
  if (result->newest < 0)
    return NULL;
  return ((IngestLinkedinExportResult *)g_ptr_array_index(result->exports, result->newest))->path;
}

gboolean ingest_linkedin_result_superseded(const IngestLinkedinResult *result,
                                           const IngestLinkedinFileReport *report)
{
  return report->kind >= LINKEDIN_N_EVENT_KINDS && (int)report->export_index != result->newest;
}

/* --- Reading exports from their files ---------------------------------------- */

/* The exports being read, apart from any kept in the cache. */
typedef struct {
  IngestLinkedinResult *result; /* reports are added to it, by id */
  IngestLinkedinEvents *events;
  GPtrArray *exports; /* IngestLinkedinExportResult */
  IngestLinkedinProfile profile;
  int newest;
  GByteArray *buffer; /* the file being read; a zip's bytes while it is open */
} Reading;

/* Files up to this size are read into memory once, for their SHA-256 and
 * for the reader or libzip alike; larger ones are read where they lie (and
 * read again for their SHA-256), so that a huge export's bytes are not in
 * memory beside its events. */
#define WHOLE_FILE_BYTES (16 * 1024 * 1024)

/* The file's bytes in buffer, reused from file to file (a fresh block per
 * file costs the kernel more than reading it). FALSE when it cannot be read
 * whole: the readers then read it where it lies and say why. Its SHA-256 is
 * taken on the way if it is not known. */
static gboolean file_slurp(IngestTreeFile *tree, GByteArray *buffer)
{
  if (!tree->regular || tree->bytes > WHOLE_FILE_BYTES)
    return FALSE;
  int fd = open(tree->abs_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  g_byte_array_set_size(buffer, (guint)tree->bytes + 1);
  gsize got = 0;
  ssize_t n = 0;
  while (got <= tree->bytes && (n = read(fd, buffer->data + got, tree->bytes + 1 - got)) != 0) {
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      break;
    got += (gsize)n;
  }
  close(fd);
  if (n < 0 || got != tree->bytes)
    return FALSE;
  g_byte_array_set_size(buffer, (guint)got);
  if (!tree->has_sha256) {
    sha256_digest(buffer->data, got, tree->sha256);
    tree->has_sha256 = TRUE;
  }
  return TRUE;
}

typedef struct {
  IngestTreeFile *tree;
  GByteArray *buffer;
} TreeSource;

static gboolean read_tree_file(gpointer source, const CsvReaderOptions *options, CsvRecordFunc func,
                               gpointer user_data, CsvFileInfo *info, GError **error)
{
  TreeSource *ts = source;
  if (!file_slurp(ts->tree, ts->buffer))
    return csv_reader_read_file(ts->tree->abs_path, options, func, user_data, info, error);
  return csv_reader_read_bytes((const char *)ts->buffer->data, ts->buffer->len, options, func,
                               user_data, info, error);
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

static gboolean is_csv(const char *path)
{
  gsize n = strlen(path);
  return n >= 4 && g_ascii_strcasecmp(path + n - 4, ".csv") == 0;
}

static IngestLinkedinFileReport *reading_add_report(Reading *rd, IngestLinkedinExportResult *er,
                                                    const char *path, gboolean tree_file,
                                                    IngestLinkedinKind kind)
{
  IngestLinkedinFileReport *report = ingest_linkedin_report_new(path, NULL, kind);
  if (rd->result->sink.block != NULL)
    report->sink = &rd->result->sink;
  report->id = rd->result->reports->len;
  report->export_index = rd->exports->len - 1;
  report->tree_file = tree_file;
  g_ptr_array_add(rd->result->reports, report);
  g_ptr_array_add(er->reports, report);
  return report;
}

static void reading_read_file(Reading *rd, IngestLinkedinFileReport *report,
                              IngestLinkedinReadFunc read, gpointer source, gboolean newest)
{
  if (report->kind == LINKEDIN_NOT_USED) {
    ingest_ledger_note(&report->tally, NOTE_NOT_USED);
    return;
  }
  ingest_linkedin_file_read(report, report->id, read, source, rd->events,
                            newest ? &rd->profile : NULL);
}

static void reading_read_folder(Reading *rd, IngestLinkedinExportResult *er,
                                const IngestLinkedinExport *export, gboolean newest)
{
  for (guint i = 0; i < export->files->len; i++) {
    const IngestLinkedinFile *file = g_ptr_array_index(export->files, i);
    const char *name = strrchr(file->tree->path, '/');
    name = name != NULL ? name + 1 : file->tree->path;
    IngestLinkedinKind kind = is_csv(name) ? ingest_linkedin_kind_of(name) : LINKEDIN_NOT_USED;
    IngestLinkedinFileReport *report = reading_add_report(rd, er, file->tree->path, TRUE, kind);
    TreeSource source = {file->tree, rd->buffer};
    reading_read_file(rd, report, read_tree_file, &source, newest);
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

static void reading_read_member(Reading *rd, IngestLinkedinExportResult *er, IngestZip *zip,
                                guint i, gboolean newest)
{
  const char *name = ingest_zip_entry_name(zip, i);
  g_autofree char *path = g_strconcat(er->path, "/", name, NULL);
  IngestLinkedinKind kind = ingest_linkedin_kind_of(member_base_name(name));
  IngestLinkedinFileReport *report = reading_add_report(rd, er, path, FALSE, kind);
  if (!ingest_zip_name_is_safe(name)) {
    ingest_linkedin_report_reject(report, 1, "unsafe entry name", name);
    ingest_ledger_note(&report->tally, "unsafe entry name");
    return;
  }
  ZipMember member = {zip, i};
  reading_read_file(rd, report, read_zip_member, &member, newest);
}

/* FALSE for an archive that cannot be opened: listed, and no export. */
static gboolean reading_read_zip(Reading *rd, IngestLinkedinExportResult *er,
                                 const IngestLinkedinExport *export, gboolean newest)
{
  IngestLinkedinFileReport *report =
      reading_add_report(rd, er, export->path, TRUE, LINKEDIN_NOT_USED);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = file_slurp(export->zip->tree, rd->buffer)
                                ? g_bytes_new_static(rd->buffer->data, rd->buffer->len)
                                : NULL;
  g_autoptr(IngestZip) zip = bytes != NULL
                                 ? ingest_zip_open_bytes(bytes, NULL, &error)
                                 : ingest_zip_open(export->zip->tree->abs_path, NULL, &error);
  if (zip == NULL) {
    ingest_linkedin_report_reject(report, 1, error->message, "");
    ingest_ledger_note(&report->tally, error->message);
    return FALSE;
  }
  guint n = ingest_zip_n_entries(zip);
  g_autofree char *note = g_strdup_printf("zip archive of %u file%s", n, n == 1 ? "" : "s");
  ingest_ledger_note(&report->tally, note);
  for (guint i = 0; i < n; i++)
    reading_read_member(rd, er, zip, i, newest);
  return TRUE;
}

static void reading_read_export(Reading *rd, const IngestLinkedinExport *export)
{
  IngestLinkedinExportResult *er = export_result_new(export->path, export->day);
  g_ptr_array_add(rd->exports, er);
  gboolean newest = rd->newest < 0;
  if (export->zip != NULL) {
    if (!reading_read_zip(rd, er, export, newest))
      return;
  } else {
    reading_read_folder(rd, er, export, newest);
  }
  er->readable = TRUE;
  if (newest)
    rd->newest = (int)rd->exports->len - 1;
  ingest_linkedin_events_end_export(rd->events, rd->result->reports);
}

/* The kept exports move behind the new ones. */
static void result_prepend(IngestLinkedinResult *result, Reading *rd)
{
  guint n_new = rd->exports->len;
  for (guint i = 0; i < result->exports->len; i++) {
    IngestLinkedinExportResult *er = g_ptr_array_index(result->exports, i);
    for (guint r = 0; r < er->reports->len; r++)
      ((IngestLinkedinFileReport *)g_ptr_array_index(er->reports, r))->export_index += n_new;
  }
  g_ptr_array_extend_and_steal(rd->exports, g_steal_pointer(&result->exports));
  result->exports = g_steal_pointer(&rd->exports);
  if (rd->newest >= 0) {
    ingest_linkedin_profile_clear(&result->profile);
    result->profile = rd->profile;
    result->newest = rd->newest;
  } else {
    ingest_linkedin_profile_clear(&rd->profile);
    if (result->newest >= 0)
      result->newest += (int)n_new;
  }
}

/* Reads the n newest exports and lays them over the result kept so far. */
static void result_read_new(IngestLinkedinResult *result, guint n, guint max_events)
{
  Reading rd = {
      result, ingest_linkedin_events_new(), export_results_new(), {0}, -1, g_byte_array_new()};
  ingest_linkedin_events_limit(rd.events, max_events, result->ambassador->id);
  if (result->events != NULL)
    ingest_linkedin_events_expect(rd.events, result->events);
  for (guint i = 0; i < n; i++)
    reading_read_export(&rd, g_ptr_array_index(result->ambassador->exports, i));
  if (result->events == NULL) {
    result->events = g_steal_pointer(&rd.events);
  } else {
    result->events = ingest_linkedin_events_merge(g_steal_pointer(&rd.events), result->events);
    ingest_linkedin_events_account(result->events, result->reports);
  }
  result_prepend(result, &rd);
  g_byte_array_unref(rd.buffer);
  result->exports_read = n;
}

static void result_add_loose(IngestLinkedinResult *result)
{
  const GPtrArray *loose = result->ambassador->loose;
  for (guint i = 0; i < loose->len; i++) {
    const IngestLinkedinFile *file = g_ptr_array_index(loose, i);
    IngestLinkedinFileReport *report =
        ingest_linkedin_report_new(file->tree->path, NULL, LINKEDIN_NOT_USED);
    report->tree_file = TRUE;
    ingest_ledger_note(&report->tally, NOTE_NOT_USED);
    g_ptr_array_add(result->loose, report);
  }
}

static void result_set_coverage(IngestLinkedinResult *result)
{
  guint32 covered = ingest_linkedin_events_latest_day(result->events);
  for (guint i = 0; i < result->exports->len; i++) {
    const IngestLinkedinExportResult *er = g_ptr_array_index(result->exports, i);
    if (er->readable)
      covered = MAX(covered, er->day);
  }
  result->covered_until = covered;
}

/* --- SHA-256 of the files not known from the cache ------------------------- */

static void file_hash(IngestLinkedinFile *file)
{
  IngestTreeFile *tree = file->tree;
  if (!tree->has_sha256 && tree->regular)
    tree->has_sha256 = sha256_file(tree->abs_path, tree->sha256, NULL);
}

/* The files making up an export: the zip, or the files of the folder; by
 * index, as every run goes over every export's files a few times. NULL
 * export: none. */
static guint export_n_sources(const IngestLinkedinExport *export)
{
  if (export == NULL)
    return 0;
  return export->zip != NULL ? 1 : export->files->len;
}

static IngestLinkedinFile *export_source(const IngestLinkedinExport *export, guint i)
{
  return export->zip != NULL ? export->zip : g_ptr_array_index(export->files, i);
}

static void ambassador_hash(const IngestLinkedinAmbassador *ambassador)
{
  for (guint i = 0; i < ambassador->exports->len; i++) {
    const IngestLinkedinExport *export = g_ptr_array_index(ambassador->exports, i);
    for (guint s = 0; s < export_n_sources(export); s++)
      file_hash(export_source(export, s));
  }
  for (guint i = 0; i < ambassador->loose->len; i++)
    file_hash(g_ptr_array_index(ambassador->loose, i));
}

/* --- The cache entry: every export with its files, reports, profile, events */

static void profile_save(const IngestLinkedinProfile *p, GByteArray *out)
{
  ingest_cache_put_string(out, p->first_name);
  ingest_cache_put_string(out, p->last_name);
  guint flags = (p->headline_set ? 1 : 0) | (p->summary_set ? 2 : 0) | (p->industry_set ? 4 : 0) |
                (p->geo_location_set ? 8 : 0) | (p->websites_or_twitter_set ? 16 : 0) |
                (p->current_position ? 32 : 0);
  ingest_cache_put_uint(out, flags);
  ingest_cache_put_uint(out, p->skills);
  ingest_cache_put_uint(out, p->visible_recommendations);
}

static void profile_load(IngestCacheReader *r, IngestLinkedinProfile *p)
{
  p->first_name = ingest_cache_get_string(r);
  p->last_name = ingest_cache_get_string(r);
  guint64 flags = ingest_cache_get_uint(r);
  p->headline_set = (flags & 1) != 0;
  p->summary_set = (flags & 2) != 0;
  p->industry_set = (flags & 4) != 0;
  p->geo_location_set = (flags & 8) != 0;
  p->websites_or_twitter_set = (flags & 16) != 0;
  p->current_position = (flags & 32) != 0;
  p->skills = (guint)ingest_cache_get_uint(r);
  p->visible_recommendations = (guint)ingest_cache_get_uint(r);
}

#define SAVE_PIECE_BYTES ((gsize)1 << 20)

/* Every file's SHA-256 is known (result_storable). */
static void export_save(const IngestLinkedinExport *export, const IngestLinkedinExportResult *er,
                        GByteArray *out, IngestCacheWriter *writer)
{
  if (er->saved != NULL) {
    gsize len;
    const guint8 *data = g_bytes_get_data(er->saved, &len);
    /* In pieces: a broken export's rejects make it large. */
    for (gsize at = 0; at < len; at += SAVE_PIECE_BYTES) {
      ingest_cache_put_bytes(out, data + at, MIN(len - at, SAVE_PIECE_BYTES));
      ingest_cache_writer_flush(writer);
    }
    return;
  }
  ingest_cache_put_string(out, er->path);
  ingest_cache_put_uint(out, er->day);
  ingest_cache_put_uint(out, er->readable ? 1 : 0);
  ingest_cache_put_uint(out, export_n_sources(export));
  for (guint s = 0; s < export_n_sources(export); s++)
    ingest_cache_put_file(out, export_source(export, s)->tree);
  ingest_cache_put_uint(out, er->reports->len);
  for (guint r = 0; r < er->reports->len; r++) {
    const IngestLinkedinFileReport *report = g_ptr_array_index(er->reports, r);
    ingest_cache_put_uint(out, report->id);
    ingest_linkedin_report_save(report, er->path, out, writer);
  }
}

/* Whether every file's SHA-256 is known: one that could not be read makes
 * the ambassador read again next time, so it is not stored. */
static gboolean result_storable(const IngestLinkedinAmbassador *ambassador, guint n_exports)
{
  for (guint i = 0; i < n_exports; i++) {
    const IngestLinkedinExport *export = g_ptr_array_index(ambassador->exports, i);
    for (guint s = 0; s < export_n_sources(export); s++)
      if (!export_source(export, s)->tree->has_sha256)
        return FALSE;
  }
  return TRUE;
}

/* Written as it is made: the events of a large export need not be in
 * memory twice. */
static void result_store(const IngestLinkedinResult *result, IngestCache *cache, guint max_events)
{
  const IngestLinkedinAmbassador *ambassador = result->ambassador;
  if (result->sink.copies > result->sink.max_copies ||
      !result_storable(ambassador, result->exports->len))
    return;
  IngestCacheWriter *writer =
      ingest_cache_writer_new(cache, INGEST_LINKEDIN_CACHE_SECTION, ambassador->id);
  GByteArray *out = ingest_cache_writer_payload(writer);
  ingest_cache_put_uint(out, max_events);
  ingest_cache_put_uint(out, result->reports->len);
  ingest_cache_put_uint(out, result->exports->len);
  for (guint i = 0; i < result->exports->len; i++) {
    export_save(g_ptr_array_index(ambassador->exports, i), g_ptr_array_index(result->exports, i),
                out, writer);
    ingest_cache_writer_flush(writer);
  }
  profile_save(&result->profile, out);
  ingest_cache_put_uint(out, (guint64)(result->newest + 1));
  ingest_linkedin_events_save(result->events, out, writer);
  ingest_cache_writer_commit(writer);
}

/* --- Reading the cache entry back ------------------------------------------ */

/* The ambassador's files by path. */
static GHashTable *files_by_path(const IngestLinkedinAmbassador *ambassador)
{
  GHashTable *files = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < ambassador->exports->len; i++) {
    const IngestLinkedinExport *export = g_ptr_array_index(ambassador->exports, i);
    for (guint s = 0; s < export_n_sources(export); s++) {
      IngestLinkedinFile *file = export_source(export, s);
      g_hash_table_insert(files, file->tree->path, file);
    }
  }
  return files;
}

typedef struct {
  const IngestLinkedinAmbassador *ambassador;
  guint max_events;   /* the entry must have been made under the same limit */
  GHashTable *files;  /* files_by_path, made when a file is not where it was */
  guint offset;       /* the kept exports are the ambassador's from here on */
  gboolean unchanged; /* every kept export is there, with the same files */
  IngestLinkedinResult *result;
} Loading;

/* The file of that path: the one at the same place in the export as it is
 * now, as a rule; else found among all of the ambassador's files. */
static IngestLinkedinFile *loading_find_file(Loading *ld, const IngestLinkedinExport *export,
                                             guint s, const char *path)
{
  IngestLinkedinFile *file = s < export_n_sources(export) ? export_source(export, s) : NULL;
  if (file != NULL && strcmp(file->tree->path, path) == 0)
    return file;
  if (ld->files == NULL)
    ld->files = files_by_path(ld->ambassador);
  return g_hash_table_lookup(ld->files, path);
}

/* Compares a kept export's files with those of export (NULL: gone), and
 * takes the SHA-256 of every unchanged file whatever the outcome. */
static gboolean loading_read_sources(Loading *ld, IngestCacheReader *r,
                                     const IngestLinkedinExport *export)
{
  guint64 n = ingest_cache_get_uint(r);
  gboolean same = n == export_n_sources(export);
  for (guint64 s = 0; s < n && !r->bad; s++) {
    IngestCacheFile cached = {0};
    if (!ingest_cache_get_file(r, &cached))
      return FALSE;
    IngestLinkedinFile *file = loading_find_file(ld, export, (guint)s, cached.path);
    gboolean matches = file != NULL && ingest_cache_file_matches(&cached, file->tree);
    same = same && matches && file == export_source(export, (guint)s);
  }
  ld->unchanged = ld->unchanged && same;
  return !r->bad;
}

static gboolean loading_read_reports(Loading *ld, IngestCacheReader *r,
                                     IngestLinkedinExportResult *er, guint index)
{
  guint64 n = ingest_cache_get_uint(r);
  for (guint64 i = 0; i < n && !r->bad; i++) {
    guint64 id = ingest_cache_get_uint(r);
    IngestLinkedinFileReport *report = ingest_linkedin_report_load(r, er->path, ld->result->loaded);
    GPtrArray *reports = ld->result->reports;
    if (report == NULL || id >= reports->len || g_ptr_array_index(reports, id) != NULL) {
      ingest_linkedin_report_free(report);
      return FALSE;
    }
    report->id = (guint)id;
    report->export_index = index;
    reports->pdata[id] = report;
    g_ptr_array_add(er->reports, report);
  }
  return !r->bad;
}

/* The bytes of an export from start to where the reader is: what saving it
 * again would write, since nothing in them changes while it is kept. */
static GBytes *export_saved_bytes(IngestCacheReader *r, const guint8 *start)
{
  const guint8 *base = g_bytes_get_data(r->payload, NULL);
  return g_bytes_new_from_bytes(r->payload, (gsize)(start - base), (gsize)(r->p - start));
}

static gboolean loading_read_export(Loading *ld, IngestCacheReader *r, guint index)
{
  const guint8 *start = r->p;
  g_autofree char *path = ingest_cache_get_string(r);
  guint32 day = (guint32)ingest_cache_get_uint(r);
  gboolean readable = ingest_cache_get_uint(r) != 0;
  if (path == NULL)
    return FALSE;
  guint at = ld->offset + index;
  const IngestLinkedinExport *export =
      at < ld->ambassador->exports->len ? g_ptr_array_index(ld->ambassador->exports, at) : NULL;
  if (export == NULL || strcmp(export->path, path) != 0 || export->day != day)
    ld->unchanged = FALSE;
  if (!loading_read_sources(ld, r, ld->unchanged ? export : NULL))
    return FALSE;
  IngestLinkedinExportResult *er = export_result_new(path, day);
  er->readable = readable;
  g_ptr_array_add(ld->result->exports, er);
  if (!loading_read_reports(ld, r, er, index))
    return FALSE;
  er->saved = export_saved_bytes(r, start);
  return TRUE;
}

/* Every report id was given, and the newest export is one of them. */
static gboolean loading_finish(Loading *ld, IngestCacheReader *r)
{
  IngestLinkedinResult *result = ld->result;
  for (guint i = 0; i < result->reports->len; i++)
    if (g_ptr_array_index(result->reports, i) == NULL)
      return FALSE;
  profile_load(r, &result->profile);
  result->newest = (int)ingest_cache_get_uint(r) - 1;
  if (r->bad || result->newest < -1 || result->newest >= (int)result->exports->len)
    return FALSE;
  result->events = ingest_linkedin_events_load(r, result->reports->len);
  if (result->events == NULL || r->p != r->end)
    return FALSE;
  /* The counts of event files follow from the gains (not saved). */
  ingest_linkedin_events_account(result->events, result->reports);
  return TRUE;
}

static gboolean loading_read(Loading *ld, IngestCacheReader *r)
{
  guint64 max_events = ingest_cache_get_uint(r);
  guint64 n_reports = ingest_cache_get_uint(r);
  guint64 n_exports = ingest_cache_get_uint(r);
  guint n_now = ld->ambassador->exports->len;
  if (r->bad || n_reports > (guint64)(r->end - r->p) || n_exports > (guint64)(r->end - r->p))
    return FALSE;
  ld->offset = n_exports <= n_now ? n_now - (guint)n_exports : 0;
  /* Another limit rejects other rows; the exports are still compared for
   * the SHA-256 of their files. */
  ld->unchanged = n_exports <= n_now && max_events == ld->max_events;
  g_ptr_array_set_size(ld->result->reports, (guint)n_reports);
  ld->result->loaded = ingest_linkedin_report_block_new(r->payload, (guint)n_reports);
  for (guint i = 0; i < n_exports; i++)
    if (!loading_read_export(ld, r, i))
      return FALSE;
  return ld->unchanged && loading_finish(ld, r);
}

/* The kept result when its exports are the oldest of the ambassador's, each
 * unchanged; else NULL, though the SHA-256 of unchanged files is taken. */
static IngestLinkedinResult *result_load(const IngestLinkedinAmbassador *ambassador,
                                         IngestCache *cache, guint max_events)
{
  g_autoptr(GBytes) payload =
      ingest_cache_load(cache, INGEST_LINKEDIN_CACHE_SECTION, ambassador->id);
  if (payload == NULL)
    return NULL;
  Loading ld = {ambassador, max_events, NULL, 0, FALSE, result_new(ambassador)};
  IngestCacheReader r;
  ingest_cache_reader_init(&r, payload);
  gboolean ok = loading_read(&ld, &r);
  if (ld.files != NULL)
    g_hash_table_unref(ld.files);
  if (ok)
    return ld.result;
  /* Reports not given stay NULL: the array frees only the others. */
  ingest_linkedin_result_free(ld.result);
  return NULL;
}

/* --- Reading an ambassador --------------------------------------------------- */

/* Whether a result holds as many events as the limit allows. Reading newest
 * first, the limit keeps the events met first; laid over a kept result, the
 * older exports' events were met first. The two agree when no event is
 * refused and the events stay below the limit (neither reading refuses one
 * then); else every export is read again, newest first. */
static gboolean result_full(const IngestLinkedinResult *result, guint max_events)
{
  return ingest_linkedin_events_count(result->events) >= max_events;
}

/* Where the reports read put their rejects; those loaded count towards
 * what the entry would keep. */
static void result_sink(IngestLinkedinResult *result, IngestLedgerBlock *block)
{
  result->sink.block = block;
  result->sink.max_copies = INGEST_LINKEDIN_CACHED_REJECTS;
  result->sink.copies = 0;
  for (guint i = 0; i < result->reports->len; i++)
    result->sink.copies +=
        ((const IngestLinkedinFileReport *)g_ptr_array_index(result->reports, i))->tally.rejected;
}

/* The result of a cold reading, which a laid-over one must match: the
 * rejects of the one laid over are forgotten. */
static IngestLinkedinResult *result_read_all(IngestLinkedinResult *result, guint max_events)
{
  const IngestLinkedinAmbassador *ambassador = result->ambassador;
  IngestLedgerBlock *block = result->sink.block;
  ingest_linkedin_result_free(result);
  if (block != NULL)
    ingest_ledger_block_drop_rejects(block);
  result = result_new(ambassador);
  result_sink(result, block);
  result_read_new(result, ambassador->exports->len, max_events);
  return result;
}

IngestLinkedinResult *ingest_linkedin_ambassador_read(const IngestLinkedinAmbassador *ambassador,
                                                      IngestCache *cache, guint max_events,
                                                      IngestLedgerBlock *block)
{
  IngestLinkedinResult *result = cache != NULL ? result_load(ambassador, cache, max_events) : NULL;
  if (result == NULL)
    result = result_new(ambassador);
  result_sink(result, block);
  guint n_new = ambassador->exports->len - result->exports->len;
  if (result->events == NULL) {
    result_read_new(result, n_new, max_events);
  } else if (n_new > 0) {
    /* A kept result at the limit is not laid over; one that reaches it
     * laid over is read again whole (result_full). */
    if (!result_full(result, max_events))
      result_read_new(result, n_new, max_events);
    if (result_full(result, max_events))
      result = result_read_all(result, max_events);
  }
  result_add_loose(result);
  result_set_coverage(result);
  ambassador_hash(ambassador);
  if (cache != NULL && result->exports_read > 0)
    result_store(result, cache, max_events);
  return result;
}
