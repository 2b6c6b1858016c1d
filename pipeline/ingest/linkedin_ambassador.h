/* Reading one ambassador's LinkedIn exports (linkedin.h plans them): newest
 * first, each zip or folder file by file, into deduplicated events, the
 * accounting of every file and the newest export's profile. The result
 * depends on the exports alone, so ambassadors can be read on any thread.
 *
 * With a cache, the result of the exports read last time is kept per
 * ambassador. When those exports are unchanged and any others are newer
 * than all of them (the usual month: one more export), only the new ones
 * are read and laid over the kept result; otherwise all are read again. */
#pragma once
#include "ingest/cache.h"
#include "ingest/ledger.h"
#include "ingest/linkedin_dedup.h"
#include "ingest/linkedin_files.h"
#include "ingest/tree.h"
#include <glib.h>

#define INGEST_LINKEDIN_CACHE_SECTION "linkedin"

/* A file of the tree under linkedin/<id>/. */
typedef struct {
  IngestTreeFile *tree;   /* its SHA-256 is filled in when the ambassador is read */
  IngestFileEntry *entry; /* in the ledger when no ambassador reads the file; else NULL */
} IngestLinkedinFile;

/* One export: a zip, or a folder holding CSV files. */
typedef struct {
  char *path;              /* as listed: the zip, or the folder */
  guint32 day;             /* the date in its name as a Julian day; 0: none */
  IngestLinkedinFile *zip; /* NULL for a folder */
  GPtrArray *files;        /* IngestLinkedinFile of a folder, in path order (not owned) */
} IngestLinkedinExport;

typedef struct {
  char *id;
  GPtrArray *exports; /* IngestLinkedinExport, newest first */
  GPtrArray *loose;   /* IngestLinkedinFile in no export, listed as not used (not owned) */
} IngestLinkedinAmbassador;

/* What reading one export gave. */
typedef struct {
  char *path;
  guint32 day;
  gboolean readable;  /* FALSE for a zip that cannot be opened */
  GPtrArray *reports; /* its IngestLinkedinFileReport in reading order (not owned) */
  GBytes *saved;      /* its bytes in the cache entry it was loaded from; NULL when read */
} IngestLinkedinExportResult;

typedef struct {
  const IngestLinkedinAmbassador *ambassador;
  GPtrArray *exports;                /* IngestLinkedinExportResult, newest first */
  GPtrArray *reports;                /* every export's IngestLinkedinFileReport, by id */
  IngestLinkedinReportBlock *loaded; /* the reports loaded from the cache; NULL: none */
  GPtrArray *loose;                  /* IngestLinkedinFileReport of the loose files */
  IngestLinkedinEvents *events;
  IngestLinkedinProfile profile; /* of the newest readable export */
  int newest;                    /* that export's index, -1 when none is readable */
  guint32 covered_until;         /* Julian day; 0 when unknown */
  guint exports_read;            /* exports read from their files, not from the cache */
  IngestLinkedinRejectSink sink; /* for the reports read; no block: rejects kept in them */
} IngestLinkedinResult;

/* The most rejected rows an ambassador's cache entry keeps (a copy of each
 * is held until the entry is written): an ambassador with more is not kept
 * in the cache, but read afresh on every run. */
#define INGEST_LINKEDIN_CACHED_REJECTS 10000

/* Reads an ambassador; cache may be NULL. Fills in the SHA-256 of its files.
 * With a block, the rejects of the files read go into it as they are read
 * (those of the reports loaded from the cache stay in the reports); without
 * one, every reject stays in its report.
 * At most max_events different events are kept ([ingest] max_linkedin_events),
 * the rows of others rejected: the same rows whether the exports are read
 * afresh or laid over a cache entry (one made under another limit is not
 * used; one laid over that would reach the limit is read again whole). */
IngestLinkedinResult *ingest_linkedin_ambassador_read(const IngestLinkedinAmbassador *ambassador,
                                                      IngestCache *cache, guint max_events,
                                                      IngestLedgerBlock *block);
void ingest_linkedin_result_free(IngestLinkedinResult *result);

/* The newest export's path, or NULL when no export is readable. */
const char *ingest_linkedin_result_newest_export(const IngestLinkedinResult *result);

/* Whether a profile file's rows are duplicates of the newest export's. */
gboolean ingest_linkedin_result_superseded(const IngestLinkedinResult *result,
                                           const IngestLinkedinFileReport *report);
