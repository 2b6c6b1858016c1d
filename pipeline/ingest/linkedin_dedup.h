/* The events of one ambassador's LinkedIn exports, deduplicated (model.md
 * "Dedup keys"): within one export every copy counts, across exports an event
 * counts as often as the export holding it most often, and its fields come
 * from the newest export holding it. Exports are read newest first.
 *
 * The accepted copies of an event are those by which an export holds it more
 * often than every newer export: each such export is a "gain" of the event.
 * Keeping the gains, rather than the counts they give, lets the events of
 * newer exports be laid over a cached result of the older ones
 * (ingest_linkedin_events_merge) with the counts a full reading gives. */
#pragma once
#include "ingest/cache.h"
#include "ingest/linkedin_files.h"
#include <glib.h>

typedef struct IngestLinkedinEvents IngestLinkedinEvents;

/* A view of one event. */
typedef struct {
  guint32 day;                       /* Julian day */
  guint count;                       /* the largest multiplicity over the exports */
  char *fields[LINKEDIN_MAX_FIELDS]; /* ingest_linkedin_kind_n_fields of them, then NULL */
} IngestLinkedinEvent;

IngestLinkedinEvents *ingest_linkedin_events_new(void);
void ingest_linkedin_events_free(IngestLinkedinEvents *events);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestLinkedinEvents, ingest_linkedin_events_free)

/* Holds at most max_events different events, of all kinds together
 * ([ingest] max_linkedin_events): each one takes memory until it is written,
 * so a broken export must not add them without end. Without a limit there is
 * none. Only before the first event. */
void ingest_linkedin_events_limit(IngestLinkedinEvents *events, guint max_events,
                                  const char *ambassador_id);

/* How many different events are held. */
guint ingest_linkedin_events_count(const IngestLinkedinEvents *events);

/* Sizes the lookup of each kind for about as many events as like holds
 * (an export read to be laid over like mostly holds its events again), so
 * that it does not grow step by step. Only before the first event. */
void ingest_linkedin_events_expect(IngestLinkedinEvents *events, const IngestLinkedinEvents *like);

/* One copy of an event, read from the report with id report_id (in the
 * export being read). key is the event's dedup key, of key_len bytes; the
 * fields are copied from the first copy seen, which is the newest export's.
 * NULL, or, when the copy would add a new event past the limit, the reason to
 * reject its row with ("more than max_linkedin_events (500000) different
 * events in a02's LinkedIn exports", owned by events): the copy is then not
 * counted anywhere. A copy of an event held is never refused. */
const char *ingest_linkedin_events_add(IngestLinkedinEvents *events, IngestLinkedinKind kind,
                                       const char *key, gsize key_len, guint32 day,
                                       const char *const *fields, guint report_id);

/* Ends the export being read: of an event's m copies in it, as many as
 * exceed its multiplicity in every newer export are accepted, the others are
 * duplicates, counted in the reports they came from (indexed by id), the
 * first file's copies first, the copies in other files in the last of them
 * (report->attributed counts them all). */
void ingest_linkedin_events_end_export(IngestLinkedinEvents *events, GPtrArray *reports);

/* Lays newer (the events of exports all newer than those of older) over
 * older; both are consumed. Report ids must be distinct between the two. */
IngestLinkedinEvents *ingest_linkedin_events_merge(IngestLinkedinEvents *newer,
                                                   IngestLinkedinEvents *older);

/* Sets accepted and duplicates of every event report (indexed by id) anew
 * from the gains, after a merge: of its attributed copies, the gained ones
 * are accepted. The reports of the other kinds are left as they are. No
 * event can be added afterwards. */
void ingest_linkedin_events_account(IngestLinkedinEvents *events, GPtrArray *reports);

/* Puts every kind's events in output order: by day, then fields (byte
 * order), then count. No event can be added afterwards. */
void ingest_linkedin_events_finish(IngestLinkedinEvents *events);

/* The events of kind in output order, as guint32 handles for
 * ingest_linkedin_events_get (unref the array): after
 * ingest_linkedin_events_finish the list kept, before it a sorted copy. */
GArray *ingest_linkedin_events_order(const IngestLinkedinEvents *events, IngestLinkedinKind kind);

/* The event of kind with that handle; out's fields point into events. */
void ingest_linkedin_events_get(const IngestLinkedinEvents *events, IngestLinkedinKind kind,
                                guint32 handle, IngestLinkedinEvent *out);

/* The events of kind in output order, each a copy of ingest_linkedin_events_get
 * (freed with the array), at any time: for tests. */
GPtrArray *ingest_linkedin_events_sorted(const IngestLinkedinEvents *events,
                                         IngestLinkedinKind kind);

/* The latest day of any event, 0 when there is none. */
guint32 ingest_linkedin_events_latest_day(const IngestLinkedinEvents *events);

/* For the cache: every event with its key and gains, in output order (so
 * loading needs no sort), and back. Saving finishes events; with a writer,
 * out is flushed to it as it fills. load returns NULL when the payload is
 * damaged or refers to a report id >= n_reports; its events lie in the
 * reader's payload, which it must have. */
void ingest_linkedin_events_save(IngestLinkedinEvents *events, GByteArray *out,
                                 IngestCacheWriter *writer);
IngestLinkedinEvents *ingest_linkedin_events_load(IngestCacheReader *reader, guint n_reports);
