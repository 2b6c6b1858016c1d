/* The events of one ambassador's LinkedIn exports, deduplicated (model.md
 * "Dedup keys"): within one export every copy counts, across exports an event
 * counts as often as the export holding it most often, and its fields come
 * from the newest export holding it. Exports are read newest first, so each
 * file's accepted and duplicate rows are known when its export ends. */
#pragma once
#include "ingest/linkedin_files.h"
#include <glib.h>

typedef struct IngestLinkedinEvents IngestLinkedinEvents;

typedef struct {
  guint32 day;                       /* Julian day */
  guint count;                       /* the largest multiplicity over the exports */
  char *fields[LINKEDIN_MAX_FIELDS]; /* ingest_linkedin_kind_n_fields of them */
} IngestLinkedinEvent;

IngestLinkedinEvents *ingest_linkedin_events_new(void);
void ingest_linkedin_events_free(IngestLinkedinEvents *events);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestLinkedinEvents, ingest_linkedin_events_free)

/* One copy of an event, read from file report_index of the export being
 * read. key is the event's dedup key; the fields are copied from the first
 * copy seen, which is the newest export's. */
void ingest_linkedin_events_add(IngestLinkedinEvents *events, IngestLinkedinKind kind,
                                const char *key, guint32 day, const char *const *fields,
                                guint report_index);

/* Ends the export being read: of an event's m copies in it, as many as
 * exceed its multiplicity in every newer export are accepted, the others are
 * duplicates, counted in the reports (IngestLinkedinFileReport) they came
 * from, the first file's copies first. */
void ingest_linkedin_events_end_export(IngestLinkedinEvents *events, GPtrArray *reports);

/* The events of kind sorted by day, then fields (byte order), then count;
 * they stay owned by events. */
GPtrArray *ingest_linkedin_events_sorted(const IngestLinkedinEvents *events,
                                         IngestLinkedinKind kind);

/* The latest day of any event, 0 when there is none. */
guint32 ingest_linkedin_events_latest_day(const IngestLinkedinEvents *events);
