/* LinkedIn data exports under linkedin/<ambassador_id>/ (inputs.md): groups
 * an ambassador's files into exports (each zip, each folder holding CSV
 * files), reads them newest first, deduplicates their events across exports
 * and writes the li_*.csv files, one ambassador at a time. */
#pragma once
#include "common/progress.h"
#include "ingest/cache.h"
#include "ingest/ledger.h"
#include "ingest/roster.h"
#include "ingest/tree.h"
#include "ingest/warnings.h"
#include <glib.h>

typedef struct IngestLinkedin IngestLinkedin;

IngestLinkedin *ingest_linkedin_new(void);
/* Drops li_*.csv files not committed. */
void ingest_linkedin_free(IngestLinkedin *linkedin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestLinkedin, ingest_linkedin_free)

/* Takes note of a regular file under linkedin/; the files are read by
 * ingest_linkedin_run, which fills in their SHA-256 and enters them in the
 * ledger (entry is not used: pass NULL). */
void ingest_linkedin_add_file(IngestLinkedin *linkedin, const IngestTreeFile *file,
                              IngestFileEntry *entry);

/* What the run needs from the rest of the stage. */
typedef struct {
  const IngestRoster *roster;
  IngestLedger *ledger;
  IngestWarnings *warnings;
  GPtrArray *entries; /* the ledger entries of files inside zips are appended */
  const char *work_dir;
  int jobs;           /* ambassadors read at the same time */
  IngestCache *cache; /* NULL: every export is read */
  gboolean verbose;   /* log every file as it is entered */
  PipelineProgress *progress;
  guint max_events; /* [ingest] max_linkedin_events: different events kept per ambassador */
} IngestLinkedinSink;

/* Reads every ambassador's exports, in ambassador_id order, accounting each
 * file in the ledger (an ambassador's files as one block, so they leave
 * memory), and writes li_*.csv under temporary names. With a
 * cache, only exports newer than those read last time are read
 * (linkedin_ambassador.h), and the entries of ambassadors gone are removed. A folder
 * whose id is not in the roster is listed, not read, and warned about. Fails
 * only when an output cannot be written. */
gboolean ingest_linkedin_run(IngestLinkedin *linkedin, const IngestLinkedinSink *sink,
                             GError **error);

/* Renames the li_*.csv files into place. */
gboolean ingest_linkedin_commit(IngestLinkedin *linkedin, GError **error);

/* Moves *latest to the latest accepted event date when that is later (or
 * *latest is unset). Dates in archive names are not events. */
void ingest_linkedin_latest_date(const IngestLinkedin *linkedin, GDate *latest);

/* The rows of one LinkedIn file kind over the whole tree, for
 * max_reject_ratio: name is "linkedin Connections", ... */
typedef struct {
  const char *name;
  guint64 rows_read;
  guint64 rejected;
  const IngestFileEntry *worst; /* the file with the most rejects; NULL without files */
} IngestLinkedinGroup;

/* One group per file kind. */
guint ingest_linkedin_n_groups(void);
void ingest_linkedin_group(const IngestLinkedin *linkedin, guint group, IngestLinkedinGroup *out);

/* How many exports were read from their files, and how many taken from the
 * cache, by ingest_linkedin_run. */
void ingest_linkedin_exports_counted(const IngestLinkedin *linkedin, guint *read, guint *cached);
