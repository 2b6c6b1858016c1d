/* The fuzz targets' bodies (targets.h): each hands one parser its input the
 * way a user's file reaches it, then checks what the parser's header
 * promises: counts that add up, messages that name the file, UTF-8 out. */
#include "targets.h"
#include "common/csv_reader.h"
#include "common/errors.h"
#include "ingest/dates.h"
#include "ingest/ledger.h"
#include "ingest/linkedin_dedup.h"
#include "ingest/linkedin_files.h"
#include "ingest/linkedin_write.h"
#include "ingest/numbers.h"
#include "ingest/posts.h"
#include "ingest/programs.h"
#include "ingest/roster.h"
#include "ingest/snapshots.h"
#include "ingest/sources.h"
#include "ingest/ssi_csv.h"
#include "ingest/ssi_json.h"
#include "ingest/warnings.h"
#include "ingest/zip_source.h"
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MIB (G_GUINT64_CONSTANT(1024) * 1024)
#define EXCERPT_CHARS 200
/* Counts are whole numbers a double holds exactly (numbers.h). */
#define COUNT_MAX G_GINT64_CONSTANT(9007199254740992)

/* A broken promise is a finding like a crash: abort so libFuzzer keeps the
 * input and the replay test fails. */
#define FUZZ_CHECK(cond)                                                                           \
  do {                                                                                             \
    if (!(cond))                                                                                   \
      fuzz_fail(#cond, __FILE__, __LINE__);                                                        \
  } while (0)

static G_NORETURN void fuzz_fail(const char *what, const char *file, int line)
{
  g_printerr("%s:%d: broken promise: %s\n", file, line, what);
  abort();
}

struct FuzzFixture {
  char *dir;          /* private temporary folder */
  char *input;        /* dir/input: each input is written here */
  char *output;       /* dir/output.csv */
  char *sources;      /* config/sources.ini */
  char *capture_name; /* ssi/<first roster id>_2026-01-31.json */
  IngestPrograms *programs;
  IngestLedger *roster_ledger;
  IngestRoster *roster;
};

/* --- Fixture ------------------------------------------------------------ */

static void remove_tree(const char *path)
{
  if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
      g_autofree char *child = g_build_filename(path, name, NULL);
      remove_tree(child);
    }
  }
  g_remove(path);
}

void fuzz_fixture_free(FuzzFixture *fixture)
{
  if (fixture == NULL)
    return;
  if (fixture->dir != NULL)
    remove_tree(fixture->dir);
  ingest_roster_free(fixture->roster);
  ingest_ledger_free(fixture->roster_ledger);
  ingest_programs_free(fixture->programs);
  g_free(fixture->capture_name);
  g_free(fixture->sources);
  g_free(fixture->output);
  g_free(fixture->input);
  g_free(fixture->dir);
  g_free(fixture);
}

static gboolean fixture_load(FuzzFixture *fx, const char *source_dir, GError **error)
{
  g_autofree char *programs = g_build_filename(source_dir, "samples", "programs.ini", NULL);
  g_autofree char *roster = g_build_filename(source_dir, "samples", "roster.csv", NULL);
  fx->programs = ingest_programs_load(programs, "programs.ini", error);
  if (fx->programs == NULL)
    return FALSE;
  fx->roster_ledger = ingest_ledger_new();
  IngestFileEntry *entry = ingest_ledger_add_file(fx->roster_ledger, "roster.csv", "roster");
  fx->roster = ingest_roster_read(roster, entry, fx->roster_ledger, fx->programs, error);
  if (fx->roster == NULL)
    return FALSE;
  const GPtrArray *ids = ingest_roster_ids(fx->roster);
  fx->capture_name =
      g_strdup_printf("ssi/%s_2026-01-31.json", (const char *)g_ptr_array_index(ids, 0));
  return TRUE;
}

FuzzFixture *fuzz_fixture_new(const char *source_dir, GError **error)
{
  g_autoptr(FuzzFixture) fx = g_new0(FuzzFixture, 1);
  fx->dir = g_dir_make_tmp("ssi-fuzz-XXXXXX", error);
  if (fx->dir == NULL)
    return NULL;
  fx->input = g_build_filename(fx->dir, "input", NULL);
  fx->output = g_build_filename(fx->dir, "output.csv", NULL);
  fx->sources = g_build_filename(source_dir, "config", "sources.ini", NULL);
  if (!fixture_load(fx, source_dir, error))
    return NULL;
  return g_steal_pointer(&fx);
}

/* No durability needed: the same file is overwritten for every input.
 * (GLib 2.74's g_file_set_contents_full without CONSISTENT does not
 * truncate, so an input shorter than the last one would keep its tail.) */
static void fixture_write_input(const FuzzFixture *fx, const guint8 *data, gsize size)
{
  int fd = g_open(fx->input, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  gsize done = 0;
  while (fd >= 0 && done < size) {
    ssize_t n = write(fd, data + done, size - done);
    if (n < 0 && errno != EINTR)
      break;
    done += n > 0 ? (gsize)n : 0;
  }
  if (fd < 0 || done < size || close(fd) != 0) {
    g_printerr("cannot write %s: %s\n", fx->input, g_strerror(errno));
    abort();
  }
}

/* --- Shared checks ---------------------------------------------------------- */

static void check_error_names(const GError *error, const char *file)
{
  FUZZ_CHECK(error != NULL);
  FUZZ_CHECK(error->domain == PIPELINE_ERROR);
  FUZZ_CHECK(g_str_has_prefix(error->message, file));
  FUZZ_CHECK(g_utf8_validate(error->message, -1, NULL));
}

static void check_entry(const IngestFileEntry *entry)
{
  FUZZ_CHECK(entry->rows_read == entry->accepted + entry->duplicates + entry->rejected);
}

static void check_ledger_outputs(const FuzzFixture *fx, const IngestLedger *ledger)
{
  g_autoptr(GError) error = NULL;
  FUZZ_CHECK(ingest_ledger_write_rejects(ledger, fx->output, &error));
  FUZZ_CHECK(ingest_ledger_write_summary(ledger, fx->output, &error));
}

/* The input after its first byte, which chose how to read it. */
static guint8 split_selector(const guint8 **data, gsize *size)
{
  if (*size == 0)
    return 0;
  guint8 selector = (*data)[0];
  (*data)++;
  (*size)--;
  return selector;
}

/* --- CSV reader: records and their digest ------------------------------- */

typedef struct {
  GChecksum *digest;
  guint64 records;
  guint64 last_line;
  guint64 stop_at;        /* 0: never; else the record that stops reading */
  gboolean stop_silently; /* stop without an error of the callback's own */
} CsvProbe;

static void digest_text(GChecksum *digest, const char *text)
{
  gsize len = text != NULL ? strlen(text) + 1 : 0;
  g_checksum_update(digest, (const guchar *)&len, sizeof len);
  if (text != NULL)
    g_checksum_update(digest, (const guchar *)text, (gssize)len - 1);
}

static void digest_number(GChecksum *digest, guint64 n)
{
  g_checksum_update(digest, (const guchar *)&n, sizeof n);
}

static void check_malformed(const char *malformed)
{
  FUZZ_CHECK(malformed == NULL || strcmp(malformed, "malformed quoting") == 0 ||
             strcmp(malformed, "unterminated quote at end of file") == 0 ||
             strcmp(malformed, "record of more than 16384 fields") == 0 ||
             g_str_has_prefix(malformed, "record longer than "));
}

static void check_record(const CsvRecord *record, const CsvProbe *p)
{
  FUZZ_CHECK(record->line >= 1 && record->line >= p->last_line);
  for (guint i = 0; i < record->n_fields; i++)
    FUZZ_CHECK(g_utf8_validate(record->fields[i], -1, NULL));
  FUZZ_CHECK(g_utf8_validate(record->excerpt, -1, NULL));
  FUZZ_CHECK(g_utf8_strlen(record->excerpt, -1) <= EXCERPT_CHARS);
  check_malformed(record->malformed);
}

/* The header mapping every reader does on a first record. */
static void check_header_map(const CsvRecord *record)
{
  static const char *const id_aliases[] = {"id", "Botschafter-ID", NULL};
  static const char *const date_aliases[] = {"Datum", NULL};
  static const CsvColumnSpec specs[] = {
      {"ambassador_id", id_aliases, TRUE},
      {"date", date_aliases, FALSE},
      {"Größe", NULL, FALSE},
  };
  int indices[G_N_ELEMENTS(specs)];
  g_autoptr(GError) error = NULL;
  gboolean ok = csv_header_map(record, specs, G_N_ELEMENTS(specs), indices, &error);
  FUZZ_CHECK(ok == (error == NULL));
  FUZZ_CHECK(ok || g_utf8_validate(error->message, -1, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS(specs); i++) {
    FUZZ_CHECK(indices[i] >= -1 && indices[i] < (int)record->n_fields);
    FUZZ_CHECK(csv_record_field(record, indices[i]) != NULL);
  }
}

static gboolean probe_on_record(const CsvRecord *record, gpointer user_data, GError **error)
{
  CsvProbe *p = user_data;
  check_record(record, p);
  p->last_line = record->line;
  if (++p->records == 1)
    check_header_map(record);
  digest_number(p->digest, record->line);
  digest_number(p->digest, record->n_fields);
  for (guint i = 0; i < record->n_fields; i++)
    digest_text(p->digest, record->fields[i]);
  digest_text(p->digest, record->malformed);
  digest_text(p->digest, record->excerpt);
  if (p->records != p->stop_at)
    return TRUE;
  if (!p->stop_silently)
    g_set_error_literal(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "stopped");
  return FALSE;
}

/* --- CSV reader: three ways in ------------------------------------------ */

typedef enum { CSV_FROM_BYTES, CSV_FROM_STREAM, CSV_FROM_FILE, CSV_N_SOURCES } CsvSourceKind;

typedef struct {
  const char *data;
  gsize size, offset;
} MemoryStream;

/* Odd-sized pieces, so the reader has to put its chunks together. */
static gssize memory_read(gpointer stream, char *buffer, gsize max, GError **error)
{
  (void)error;
  MemoryStream *m = stream;
  gsize n = MIN(MIN(max, m->size - m->offset), (gsize)4093);
  memcpy(buffer, m->data + m->offset, n);
  m->offset += n;
  return (gssize)n;
}

static gboolean memory_rewind(gpointer stream, GError **error)
{
  (void)error;
  ((MemoryStream *)stream)->offset = 0;
  return TRUE;
}

static gboolean csv_read_from(const FuzzFixture *fx, CsvSourceKind kind, const guint8 *data,
                              gsize size, const CsvReaderOptions *options, CsvProbe *p,
                              CsvFileInfo *info, GError **error)
{
  if (kind == CSV_FROM_BYTES)
    return csv_reader_read_bytes((const char *)data, size, options, probe_on_record, p, info,
                                 error);
  if (kind == CSV_FROM_FILE)
    return csv_reader_read_file(fx->input, options, probe_on_record, p, info, error);
  MemoryStream m = {(const char *)data, size, 0};
  CsvStream stream = {memory_read, memory_rewind, &m};
  return csv_reader_read_stream(&stream, options, probe_on_record, p, info, error);
}

/* The records, the outcome and what the reader found, as one digest. */
static char *csv_read_digest(const FuzzFixture *fx, CsvSourceKind kind, const guint8 *data,
                             gsize size, const CsvReaderOptions *options, guint8 selector)
{
  CsvProbe p = {.digest = g_checksum_new(G_CHECKSUM_SHA256)};
  guint stop = (selector >> 5) & 3;
  p.stop_at = stop == 1 ? 3 : stop == 2 ? 2 : 0;
  p.stop_silently = stop == 2;
  CsvFileInfo info;
  memset(&info, 0, sizeof info);
  g_autoptr(GError) error = NULL;
  gboolean ok = csv_read_from(fx, kind, data, size, options, &p, &info, &error);
  FUZZ_CHECK(ok == (error == NULL));
  FUZZ_CHECK(ok || (p.stop_at > 0 && p.records == p.stop_at));
  FUZZ_CHECK(info.records == p.records);
  FUZZ_CHECK(kind == CSV_FROM_STREAM || info.bytes == size);
  digest_text(p.digest, ok ? "ok" : error->message);
  digest_number(p.digest, info.encoding);
  digest_number(p.digest, (guint64)(guchar)info.delimiter);
  digest_number(p.digest, (guint64)info.crlf);
  char *hex = g_strdup(g_checksum_get_string(p.digest));
  g_checksum_free(p.digest);
  return hex;
}

void fuzz_csv_reader(FuzzFixture *fx, const guint8 *data, gsize size)
{
  static const char delimiters[4] = {0, ',', ';', '\t'};
  static const gsize limits[4] = {0, 16, 100, 4096};
  guint8 selector = split_selector(&data, &size);
  CsvReaderOptions options = {delimiters[selector & 3], (selector >> 2) & 1,
                              limits[(selector >> 3) & 3]};
  fixture_write_input(fx, data, size);
  char *digests[CSV_N_SOURCES];
  for (int kind = 0; kind < CSV_N_SOURCES; kind++)
    digests[kind] = csv_read_digest(fx, (CsvSourceKind)kind, data, size, &options, selector);
  FUZZ_CHECK(strcmp(digests[CSV_FROM_BYTES], digests[CSV_FROM_STREAM]) == 0);
  FUZZ_CHECK(strcmp(digests[CSV_FROM_BYTES], digests[CSV_FROM_FILE]) == 0);
  for (int kind = 0; kind < CSV_N_SOURCES; kind++)
    g_free(digests[kind]);
}

/* --- roster.csv, programs.ini -------------------------------------------- */

void fuzz_roster(FuzzFixture *fx, const guint8 *data, gsize size)
{
  fixture_write_input(fx, data, size);
  g_autoptr(IngestLedger) ledger = ingest_ledger_new();
  IngestFileEntry *entry = ingest_ledger_add_file(ledger, "roster.csv", "roster");
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster =
      ingest_roster_read(fx->input, entry, ledger, fx->programs, &error);
  check_entry(entry);
  if (roster == NULL) {
    check_error_names(error, "roster.csv");
  } else {
    FUZZ_CHECK(ingest_roster_memberships(roster)->len == entry->accepted);
    FUZZ_CHECK(ingest_roster_ids(roster)->len <= entry->accepted);
    FUZZ_CHECK(ingest_roster_write(roster, fx->output, &error));
  }
  check_ledger_outputs(fx, ledger);
}

void fuzz_programs(FuzzFixture *fx, const guint8 *data, gsize size)
{
  fixture_write_input(fx, data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestPrograms) programs = ingest_programs_load(fx->input, "programs.ini", &error);
  if (programs == NULL) {
    check_error_names(error, "programs.ini");
    return;
  }
  FUZZ_CHECK(ingest_programs_count(programs) > 0);
  FUZZ_CHECK(ingest_programs_write(programs, fx->output, &error));
}

/* --- SSI files ------------------------------------------------------------ */

typedef struct {
  IngestLedger *ledger;
  IngestSnapshots *snapshots;
  IngestWarnings *warnings;
  IngestSsiSink sink;
} SsiStore;

static void ssi_store_init(SsiStore *store, const FuzzFixture *fx)
{
  store->ledger = ingest_ledger_new();
  store->snapshots = ingest_snapshots_new();
  store->warnings = ingest_warnings_new();
  store->sink = (IngestSsiSink){fx->roster, store->ledger, store->snapshots, store->warnings};
}

/* Writes what was read, as the stage does, and frees the store. */
static void ssi_store_finish(SsiStore *store, const FuzzFixture *fx)
{
  g_autoptr(GError) error = NULL;
  GDate latest;
  if (ingest_snapshots_latest_date(store->snapshots, &latest))
    FUZZ_CHECK(g_date_valid(&latest));
  FUZZ_CHECK(ingest_snapshots_write(store->snapshots, fx->output, &error));
  FUZZ_CHECK(ingest_warnings_write(store->warnings, fx->output, &error));
  check_ledger_outputs(fx, store->ledger);
  ingest_warnings_free(store->warnings);
  ingest_snapshots_free(store->snapshots);
  ingest_ledger_free(store->ledger);
}

void fuzz_ssi_csv(FuzzFixture *fx, const guint8 *data, gsize size)
{
  static const char *const name = "ssi/2026-01_fuzz.csv";
  fixture_write_input(fx, data, size);
  SsiStore store;
  ssi_store_init(&store, fx);
  IngestFileEntry *entry = ingest_ledger_add_file(store.ledger, name, "ssi");
  g_autoptr(GError) error = NULL;
  gboolean ok = ingest_ssi_csv_read(fx->input, entry, &store.sink, &error);
  FUZZ_CHECK(ok == (error == NULL));
  if (!ok)
    check_error_names(error, name);
  check_entry(entry);
  ssi_store_finish(&store, fx);
}

void fuzz_ssi_json(FuzzFixture *fx, const guint8 *data, gsize size)
{
  fixture_write_input(fx, data, size);
  SsiStore store;
  ssi_store_init(&store, fx);
  IngestFileEntry *entry = ingest_ledger_add_file(store.ledger, fx->capture_name, "ssi capture");
  g_autoptr(GError) error = NULL;
  FUZZ_CHECK(ingest_ssi_json_read(fx->input, entry, &store.sink, &error));
  FUZZ_CHECK(error == NULL);
  check_entry(entry);
  FUZZ_CHECK(entry->rows_read <= 1);
  ssi_store_finish(&store, fx);
}

/* --- Post exports ---------------------------------------------------------- */

/* The same file read twice: every post of the first copy is replaced by the
 * second's, so the first keeps no accepted row. */
static void check_posts_twice(const IngestFileEntry *first, const IngestFileEntry *second)
{
  check_entry(first);
  check_entry(second);
  FUZZ_CHECK(first->rows_read == second->rows_read);
  FUZZ_CHECK(first->rejected == second->rejected);
  FUZZ_CHECK(first->accepted == 0);
  FUZZ_CHECK(first->duplicates == second->accepted + second->duplicates);
}

static void posts_read_one(IngestPosts *posts, const FuzzFixture *fx, IngestFileEntry *entry)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = ingest_posts_read(posts, fx->input, entry, &error);
  FUZZ_CHECK(ok == (error == NULL));
  if (!ok)
    check_error_names(error, entry->file);
}

void fuzz_posts(FuzzFixture *fx, const guint8 *data, gsize size)
{
  fixture_write_input(fx, data, size);
  g_autoptr(GError) error = NULL;
  IngestSources *sources = ingest_sources_load(fx->sources, &error);
  FUZZ_CHECK(sources != NULL);
  g_autoptr(IngestLedger) ledger = ingest_ledger_new();
  g_autoptr(IngestWarnings) warnings = ingest_warnings_new();
  /* No limit: past one, reading a file twice need not reject the same rows. */
  g_autoptr(IngestPosts) posts = ingest_posts_new(sources, fx->roster, ledger, warnings, G_MAXINT);
  IngestFileEntry *first = ingest_ledger_add_file(ledger, "posts/a.csv", "posts");
  IngestFileEntry *second = ingest_ledger_add_file(ledger, "posts/b.csv", "posts");
  posts_read_one(posts, fx, first);
  posts_read_one(posts, fx, second);
  check_posts_twice(first, second);
  GDate latest;
  if (ingest_posts_latest_date(posts, &latest))
    FUZZ_CHECK(g_date_valid(&latest));
  FUZZ_CHECK(ingest_posts_write(posts, fx->output, &error));
  FUZZ_CHECK(ingest_warnings_write(warnings, fx->output, &error));
  check_ledger_outputs(fx, ledger);
}

/* --- LinkedIn export files --------------------------------------------------- */

typedef struct {
  const guint8 *data;
  gsize size;
} Bytes;

static gboolean read_bytes(gpointer source, const CsvReaderOptions *options, CsvRecordFunc func,
                           gpointer user_data, CsvFileInfo *info, GError **error)
{
  const Bytes *bytes = source;
  return csv_reader_read_bytes((const char *)bytes->data, bytes->size, options, func, user_data,
                               info, error);
}

/* One export's files read: a report each, in reading order. */
typedef struct {
  GPtrArray *reports; /* IngestLinkedinFileReport */
  IngestLinkedinEvents *events;
  IngestLinkedinProfile profile; /* of the newest export */
} LiRead;

static void li_read_init(LiRead *li)
{
  li->reports = g_ptr_array_new_with_free_func((GDestroyNotify)ingest_linkedin_report_free);
  li->events = ingest_linkedin_events_new();
  memset(&li->profile, 0, sizeof li->profile);
}

static void li_read_clear(LiRead *li)
{
  g_ptr_array_unref(li->reports);
  ingest_linkedin_events_free(li->events);
  ingest_linkedin_profile_clear(&li->profile);
}

static void li_read_file(LiRead *li, const char *path, IngestLinkedinKind kind,
                         IngestLinkedinReadFunc read, gpointer source, gboolean newest)
{
  IngestLinkedinFileReport *report = ingest_linkedin_report_new(path, NULL, kind);
  g_ptr_array_add(li->reports, report);
  ingest_linkedin_file_read(report, li->reports->len - 1, read, source, li->events,
                            newest ? &li->profile : NULL);
}

static void check_li_reports(const LiRead *li)
{
  for (guint i = 0; i < li->reports->len; i++) {
    const IngestLinkedinFileReport *report = g_ptr_array_index(li->reports, i);
    check_entry(&report->tally);
    FUZZ_CHECK(ingest_linkedin_report_n_rejects(report) == report->tally.rejected);
  }
}

static void check_li_events(const LiRead *li)
{
  for (int kind = 0; kind < LINKEDIN_N_EVENT_KINDS; kind++) {
    g_autoptr(GPtrArray) sorted = ingest_linkedin_events_sorted(li->events, kind);
    guint n_fields = ingest_linkedin_kind_n_fields(kind);
    for (guint i = 0; i < sorted->len; i++) {
      const IngestLinkedinEvent *event = g_ptr_array_index(sorted, i);
      FUZZ_CHECK(event->count >= 1);
      for (guint f = 0; f < n_fields; f++)
        FUZZ_CHECK(event->fields[f] != NULL && g_utf8_validate(event->fields[f], -1, NULL));
    }
  }
}

/* The li_*.csv files of one ambassador, written and renamed into place. */
static void li_write(const FuzzFixture *fx, const LiRead *li)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *work = g_build_filename(fx->dir, "work", NULL);
  IngestLinkedinWriters *writers = ingest_linkedin_writers_open(work, &error);
  FUZZ_CHECK(writers != NULL);
  GDate covered;
  g_date_clear(&covered, 1);
  guint32 day = ingest_linkedin_events_latest_day(li->events);
  if (day > 0)
    g_date_set_julian(&covered, day);
  IngestLinkedinAmbassadorRows rows = {"fuzz-01", li->events, &li->profile, "Export", &covered};
  ingest_linkedin_writers_add(writers, &rows);
  FUZZ_CHECK(ingest_linkedin_writers_commit(writers, &error));
}

void fuzz_linkedin(FuzzFixture *fx, const guint8 *data, gsize size)
{
  guint8 selector = split_selector(&data, &size);
  IngestLinkedinKind kind = (IngestLinkedinKind)((selector & 0x0f) % LINKEDIN_N_KINDS);
  Bytes bytes = {data, size};
  g_autofree char *path =
      g_strdup_printf("linkedin/fuzz-01/Export/%s.csv", ingest_linkedin_kind_name(kind));
  LiRead li;
  li_read_init(&li);
  /* The same file in the newest and in an older export. */
  for (int export = 0; export < 2; export ++) {
    li_read_file(&li, path, kind, read_bytes, &bytes, export == 0);
    ingest_linkedin_events_end_export(li.events, li.reports);
  }
  check_li_reports(&li);
  const IngestLinkedinFileReport *older = g_ptr_array_index(li.reports, 1);
  FUZZ_CHECK(kind >= LINKEDIN_N_EVENT_KINDS || older->tally.accepted == 0);
  check_li_events(&li);
  if (selector & 0x10)
    li_write(fx, &li);
  li_read_clear(&li);
}

/* --- Zip archives ----------------------------------------------------------- */

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

static gboolean count_record(const CsvRecord *record, gpointer user_data, GError **error)
{
  (void)error;
  for (guint i = 0; i < record->n_fields; i++)
    FUZZ_CHECK(g_utf8_validate(record->fields[i], -1, NULL));
  (*(guint64 *)user_data)++;
  return TRUE;
}

static const char *member_base_name(const char *name)
{
  const char *base = name;
  for (const char *p = name; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  return base;
}

/* A file LinkedIn does not write is still unpacked, through the reader. */
static void zip_read_other(IngestZip *zip, guint i)
{
  ZipMember member = {zip, i};
  guint64 records = 0;
  CsvFileInfo info;
  g_autoptr(GError) error = NULL;
  if (!read_zip_member(&member, NULL, count_record, &records, &info, &error)) {
    FUZZ_CHECK(error != NULL && error->domain == PIPELINE_ERROR);
    FUZZ_CHECK(ingest_zip_name_is_safe(ingest_zip_entry_name(zip, i)) ||
               strcmp(error->message, "unsafe entry name") == 0);
  }
}

static void zip_read_entries(IngestZip *zip, LiRead *li)
{
  guint n = ingest_zip_n_entries(zip);
  for (guint i = 0; i < n; i++) {
    const char *name = ingest_zip_entry_name(zip, i);
    FUZZ_CHECK(g_utf8_validate(name, -1, NULL));
    FUZZ_CHECK(i == 0 || strcmp(ingest_zip_entry_name(zip, i - 1), name) <= 0);
    IngestLinkedinKind kind = ingest_linkedin_kind_of(member_base_name(name));
    if (kind == LINKEDIN_NOT_USED || !ingest_zip_name_is_safe(name)) {
      zip_read_other(zip, i);
      continue;
    }
    ZipMember member = {zip, i};
    li_read_file(li, name, kind, read_zip_member, &member, TRUE);
  }
}

void fuzz_zip(FuzzFixture *fx, const guint8 *data, gsize size)
{
  fixture_write_input(fx, data, size);
  /* Small enough to keep runs fast; 2 KiB in memory, so both ways of
   * unpacking are taken. */
  IngestZipLimits limits = {64 * MIB, 200, MIB, 256 * MIB, 2048};
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestZip) zip = ingest_zip_open(fx->input, &limits, &error);
  if (zip == NULL) {
    FUZZ_CHECK(g_str_has_prefix(error->message, "not a readable zip archive: "));
    return;
  }
  LiRead li;
  li_read_init(&li);
  zip_read_entries(zip, &li);
  ingest_linkedin_events_end_export(li.events, li.reports);
  check_li_reports(&li);
  check_li_events(&li);
  li_read_clear(&li);
}

/* --- Dates, numbers, names --------------------------------------------------- */

static void check_date(const char *text, DateForms forms)
{
  GDate date, again;
  g_autoptr(GError) error = NULL;
  if (!ingest_date_parse(text, forms, &date, &error)) {
    FUZZ_CHECK(error != NULL && error->domain == PIPELINE_ERROR);
    return;
  }
  FUZZ_CHECK(error == NULL && g_date_valid(&date));
  FUZZ_CHECK(g_date_get_year(&date) >= 2003 && g_date_get_year(&date) <= 2100);
  char iso[11];
  ingest_date_format(&date, iso);
  FUZZ_CHECK(ingest_date_parse(iso, DATE_FORM_ISO, &again, NULL));
  FUZZ_CHECK(g_date_compare(&date, &again) == 0);
}

static void check_numbers(const char *text, char mark)
{
  double value;
  gint64 count;
  g_autoptr(GError) number_error = NULL;
  g_autoptr(GError) rank_error = NULL;
  g_autoptr(GError) count_error = NULL;
  if (ingest_number_parse(text, mark, &value, &number_error))
    FUZZ_CHECK(isfinite(value));
  else
    FUZZ_CHECK(number_error != NULL);
  if (ingest_rank_parse(text, mark, &value, &rank_error))
    FUZZ_CHECK(value >= 0.0 && value <= 100.0);
  else
    FUZZ_CHECK(rank_error != NULL);
  if (ingest_count_parse(text, mark, &count, &count_error))
    FUZZ_CHECK(count >= 0 && count <= COUNT_MAX);
  else
    FUZZ_CHECK(count_error != NULL);
}

/* What a safe name promises: not absolute, no drive letter, no ".." part. */
static void check_zip_name(const char *name)
{
  if (!ingest_zip_name_is_safe(name))
    return;
  FUZZ_CHECK(name[0] != '/' && name[0] != '\\');
  FUZZ_CHECK(!(g_ascii_isalpha(name[0]) && name[1] == ':'));
  g_auto(GStrv) parts = g_strsplit_set(name, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    FUZZ_CHECK(strcmp(parts[i], "..") != 0);
}

void fuzz_dates(FuzzFixture *fx, const guint8 *data, gsize size)
{
  (void)fx;
  guint8 selector = split_selector(&data, &size);
  DateForms forms = (DateForms)(selector & DATE_FORM_ANY);
  char mark = (selector & 0x40) ? ',' : '.';
  g_autofree char *text = g_strndup((const char *)data, size);
  check_date(text, forms != 0 ? forms : DATE_FORM_ANY);
  check_numbers(text, mark);
  IngestLinkedinKind kind = ingest_linkedin_kind_of(text);
  FUZZ_CHECK(kind >= LINKEDIN_NOT_USED && kind < LINKEDIN_N_KINDS);
  /* Entry names reach the check as valid UTF-8 (ingest_zip_entry_name). */
  if (g_utf8_validate(text, -1, NULL))
    check_zip_name(text);
}

/* --- The list -------------------------------------------------------------------- */

static const FuzzTarget targets[] = {
    {"csv_reader", fuzz_csv_reader}, {"roster", fuzz_roster}, {"ssi_csv", fuzz_ssi_csv},
    {"ssi_json", fuzz_ssi_json},     {"posts", fuzz_posts},   {"linkedin", fuzz_linkedin},
    {"programs", fuzz_programs},     {"zip", fuzz_zip},       {"dates", fuzz_dates},
};

guint fuzz_targets_count(void)
{
  return G_N_ELEMENTS(targets);
}

const FuzzTarget *fuzz_target_get(guint index)
{
  g_return_val_if_fail(index < G_N_ELEMENTS(targets), NULL);
  return &targets[index];
}
