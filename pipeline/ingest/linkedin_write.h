/* The li_*.csv files of normalized/ (common/contract.h), written one
 * ambassador at a time under temporary names and renamed into place
 * together, so memory holds one ambassador's events at most. */
#pragma once
#include "ingest/linkedin_dedup.h"
#include "ingest/linkedin_files.h"
#include <glib.h>

typedef struct IngestLinkedinWriters IngestLinkedinWriters;

/* Opens every li_*.csv under work_dir and writes the headers. */
IngestLinkedinWriters *ingest_linkedin_writers_open(const char *work_dir, GError **error);

/* One ambassador's data; call in ambassador_id order. */
typedef struct {
  const char *ambassador_id;
  const IngestLinkedinEvents *events; /* best finished (ingest_linkedin_events_finish) */
  const IngestLinkedinProfile *profile;
  const char *newest_export; /* NULL: no export, so no li_profiles.csv row */
  const GDate *covered_until;
} IngestLinkedinAmbassadorRows;

/* Appends its events in output order and its li_profiles.csv row. */
void ingest_linkedin_writers_add(IngestLinkedinWriters *writers,
                                 const IngestLinkedinAmbassadorRows *rows);

/* Renames every file into place; frees the writers either way. */
gboolean ingest_linkedin_writers_commit(IngestLinkedinWriters *writers, GError **error);

/* Drops the temporary files. NULL is allowed. */
void ingest_linkedin_writers_abort(IngestLinkedinWriters *writers);
