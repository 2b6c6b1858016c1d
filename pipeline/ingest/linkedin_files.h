/* The files of a LinkedIn data export (inputs.md "LinkedIn data exports"):
 * which file is which kind, its columns found by header name, the date form
 * of each kind, and how a row becomes an event with its dedup key (model.md
 * "Dedup keys") or a profile fact. */
#pragma once
#include "common/csv_reader.h"
#include "ingest/cache.h"
#include "ingest/ledger.h"
#include <glib.h>

typedef enum {
  LINKEDIN_NOT_USED = -1,
  /* Events: dated, deduplicated across an ambassador's exports. */
  LINKEDIN_CONNECTIONS,
  LINKEDIN_INVITATIONS,
  LINKEDIN_SHARES,
  LINKEDIN_COMMENTS,
  LINKEDIN_REACTIONS,
  LINKEDIN_MESSAGES,
  LINKEDIN_ENDORSEMENTS,
  LINKEDIN_RECOMMENDATIONS,
  LINKEDIN_N_EVENT_KINDS,
  /* Profile facts: read from the newest export only. */
  LINKEDIN_PROFILE = LINKEDIN_N_EVENT_KINDS,
  LINKEDIN_POSITIONS,
  LINKEDIN_SKILLS,
  LINKEDIN_N_KINDS
} IngestLinkedinKind;

/* The most output fields an event keeps (li_connections.csv's five). */
#define LINKEDIN_MAX_FIELDS 5

/* The kind of a file by its name (no folder): case-insensitive, ' ' or '_',
 * with or without a member-id suffix ("Shares_123.csv"); LINKEDIN_NOT_USED for
 * any other file. */
IngestLinkedinKind ingest_linkedin_kind_of(const char *file_name);

/* LinkedIn's name of the kind: "Connections", ..., "messages", "Skills". */
const char *ingest_linkedin_kind_name(IngestLinkedinKind kind);

/* How many output fields an event of this kind keeps (the li_*.csv columns
 * between date and count). */
guint ingest_linkedin_kind_n_fields(IngestLinkedinKind kind);

/* What the newest export says about the profile (li_profiles.csv). */
typedef struct {
  char *first_name; /* NULL until a Profile.csv row is read */
  char *last_name;
  gboolean headline_set;
  gboolean summary_set;
  gboolean industry_set;
  gboolean geo_location_set;
  gboolean websites_or_twitter_set;
  gboolean current_position;
  guint skills;
  guint visible_recommendations;
} IngestLinkedinProfile;

void ingest_linkedin_profile_clear(IngestLinkedinProfile *profile);

/* A rejected row of one file. */
typedef struct {
  guint64 line;
  char *reason;
  char *excerpt;
} IngestLinkedinReject;

/* Where the rejects of an ambassador's files go as they are read: into the
 * ambassador's ledger block at once, which puts them into runs past a few
 * MB (a broken export's are millions), and a copy into the report, for the
 * cache, only while the ambassador has at most max_copies of them. */
typedef struct {
  IngestLedgerBlock *block;
  guint64 copies;     /* rejects copied into reports so far, loaded ones too */
  guint64 max_copies; /* past it no more are copied: the result is not cached */
} IngestLinkedinRejectSink;

/* The accounting of one file, kept apart from the ledger so an ambassador's
 * files can be read on any thread and entered later in a fixed order. */
typedef struct {
  /* file (the listed path), kind, encoding, note and the counts as the
   * ledger will hold them; rows_read and rejected include the rejects. */
  IngestFileEntry tally;
  IngestFileEntry *entry; /* for callers that keep one; linkedin.c enters reports itself */
  IngestLinkedinKind kind;
  GPtrArray *rejects; /* IngestLinkedinReject; NULL until the first */
  /* Set before the file is read: its rejects go there as they come, and
   * rejects holds copies only (see IngestLinkedinRejectSink). */
  IngestLinkedinRejectSink *sink;
  guint id;           /* its index among its ambassador's reports; events name it */
  guint export_index; /* its export among the ambassador's, newest first */
  gboolean tree_file; /* a file of the tree (a zip, a file in a folder), not a zip member */
  guint64 attributed; /* event copies counted here: accepted + duplicates once accounted */
  /* A report loaded from the cache lies in its IngestLinkedinReportBlock:
   * its file and encoding are the block's, its note is loaded_note (in the
   * payload) and tally.note is NULL. */
  gboolean in_block;
  const char *loaded_note;
} IngestLinkedinFileReport;

IngestLinkedinFileReport *ingest_linkedin_report_new(const char *path, IngestFileEntry *entry,
                                                     IngestLinkedinKind kind);
void ingest_linkedin_report_free(IngestLinkedinFileReport *report);
void ingest_linkedin_report_reject(IngestLinkedinFileReport *report, guint64 line,
                                   const char *reason, const char *excerpt);

/* The note as the ledger takes it ("" for none), whether read or loaded. */
const char *ingest_linkedin_report_note(const IngestLinkedinFileReport *report);
/* How many rows were rejected with a reason (report->rejects): all of them
 * but for a report with a sink, whose rejects are the sink's block's. */
guint ingest_linkedin_report_n_rejects(const IngestLinkedinFileReport *report);

/* The reports of one cache entry, loaded into one block of memory: an
 * ambassador's hundreds of reports are loaded on every run, and a few
 * allocations each cost more than the rest of loading them. Their strings
 * lie in the payload, which the block holds. The reports' free function
 * leaves them to the block, which is freed after them. */
typedef struct IngestLinkedinReportBlock IngestLinkedinReportBlock;
IngestLinkedinReportBlock *ingest_linkedin_report_block_new(GBytes *payload, guint n_reports);
void ingest_linkedin_report_block_free(IngestLinkedinReportBlock *block);

/* For the cache: a report of a file of the export at export_path, without
 * its ledger entry, and back into the block's next report (NULL when the
 * payload is damaged or the block is full). With a writer, out is flushed
 * to it as it fills: a broken export's rejects number in the millions. An
 * event file's accepted and duplicates are not saved: they load as 0, for
 * ingest_linkedin_events_account to set. */
void ingest_linkedin_report_save(const IngestLinkedinFileReport *report, const char *export_path,
                                 GByteArray *out, IngestCacheWriter *writer);
IngestLinkedinFileReport *ingest_linkedin_report_load(IngestCacheReader *reader,
                                                      const char *export_path,
                                                      IngestLinkedinReportBlock *block);

typedef struct IngestLinkedinEvents IngestLinkedinEvents;

/* Reads the CSV of a file: csv_reader_read_file or the zip's reader. */
typedef gboolean (*IngestLinkedinReadFunc)(gpointer source, const CsvReaderOptions *options,
                                           CsvRecordFunc func, gpointer user_data,
                                           CsvFileInfo *info, GError **error);

/* Reads one file of the kind report->kind: every row is rejected (in report),
 * handed to events as a copy of the report with id report_index, or, for the profile
 * kinds, counted as accepted. A row events refuses (a new event past its
 * limit) is rejected with the reason it gives. profile is the newest
 * export's facts, NULL for an older export. A header that is not LinkedIn's,
 * or a file that cannot be read, is one row read and rejected. */
void ingest_linkedin_file_read(IngestLinkedinFileReport *report, guint report_index,
                               IngestLinkedinReadFunc read, gpointer source,
                               IngestLinkedinEvents *events, IngestLinkedinProfile *profile);
