/* Deduplicates one ambassador's LinkedIn events across exports
 * (linkedin_dedup.h). Since exports come newest first, an event's count so
 * far is the largest multiplicity of the newer exports, which is all the
 * accounting of the export being read needs. */
#include "ingest/linkedin_dedup.h"
#include <string.h>

typedef struct {
  IngestLinkedinEvent pub;
  IngestLinkedinKind kind;
  guint current;      /* copies in the export being read */
  guint first_report; /* where its first copy in that export was read */
  guint first_copies; /* how many of them that file holds */
  guint last_report;  /* the file of the other copies, if any */
} Event;

struct IngestLinkedinEvents {
  GHashTable *by_key[LINKEDIN_N_EVENT_KINDS]; /* key -> Event */
  GPtrArray *touched;                         /* Event read in the current export */
  guint32 latest_day;
};

static void event_free(gpointer data)
{
  Event *e = data;
  for (guint i = 0; i < LINKEDIN_MAX_FIELDS; i++)
    g_free(e->pub.fields[i]);
  g_free(e);
}

IngestLinkedinEvents *ingest_linkedin_events_new(void)
{
  IngestLinkedinEvents *events = g_new0(IngestLinkedinEvents, 1);
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++)
    events->by_key[k] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, event_free);
  events->touched = g_ptr_array_new();
  return events;
}

void ingest_linkedin_events_free(IngestLinkedinEvents *events)
{
  if (events == NULL)
    return;
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++)
    g_hash_table_unref(events->by_key[k]);
  g_ptr_array_unref(events->touched);
  g_free(events);
}

static Event *event_new(IngestLinkedinKind kind, guint32 day, const char *const *fields)
{
  Event *e = g_new0(Event, 1);
  e->kind = kind;
  e->pub.day = day;
  for (guint i = 0; i < ingest_linkedin_kind_n_fields(kind); i++)
    e->pub.fields[i] = g_strdup(fields[i]);
  return e;
}

void ingest_linkedin_events_add(IngestLinkedinEvents *events, IngestLinkedinKind kind,
                                const char *key, guint32 day, const char *const *fields,
                                guint report_index)
{
  g_return_if_fail(kind >= 0 && kind < LINKEDIN_N_EVENT_KINDS);
  Event *e = g_hash_table_lookup(events->by_key[kind], key);
  if (e == NULL) {
    e = event_new(kind, day, fields);
    g_hash_table_insert(events->by_key[kind], g_strdup(key), e);
    events->latest_day = MAX(events->latest_day, day);
  }
  if (e->current == 0) {
    g_ptr_array_add(events->touched, e);
    e->first_report = report_index;
  }
  e->current++;
  if (report_index == e->first_report)
    e->first_copies++;
  else
    e->last_report = report_index;
}

static IngestFileEntry *tally_of(GPtrArray *reports, guint index)
{
  return &((IngestLinkedinFileReport *)g_ptr_array_index(reports, index))->tally;
}

/* Accepted copies go to the first file of the export holding the event,
 * then to the other; duplicates likewise. */
static void event_account(const Event *e, guint accepted, GPtrArray *reports)
{
  IngestFileEntry *first = tally_of(reports, e->first_report);
  guint first_accepted = MIN(accepted, e->first_copies);
  first->accepted += first_accepted;
  first->duplicates += e->first_copies - first_accepted;
  if (e->current == e->first_copies)
    return;
  IngestFileEntry *other = tally_of(reports, e->last_report);
  guint other_copies = e->current - e->first_copies;
  guint other_accepted = accepted - first_accepted;
  other->accepted += other_accepted;
  other->duplicates += other_copies - other_accepted;
}

void ingest_linkedin_events_end_export(IngestLinkedinEvents *events, GPtrArray *reports)
{
  for (guint i = 0; i < events->touched->len; i++) {
    Event *e = g_ptr_array_index(events->touched, i);
    guint accepted = e->current > e->pub.count ? e->current - e->pub.count : 0;
    event_account(e, accepted, reports);
    e->pub.count = MAX(e->pub.count, e->current);
    e->current = 0;
    e->first_copies = 0;
  }
  g_ptr_array_set_size(events->touched, 0);
}

static gint event_compare(gconstpointer a, gconstpointer b)
{
  const Event *x = *(Event *const *)a;
  const Event *y = *(Event *const *)b;
  if (x->pub.day != y->pub.day)
    return x->pub.day < y->pub.day ? -1 : 1;
  for (guint i = 0; i < ingest_linkedin_kind_n_fields(x->kind); i++) {
    int c = strcmp(x->pub.fields[i], y->pub.fields[i]);
    if (c != 0)
      return c;
  }
  return x->pub.count < y->pub.count ? -1 : x->pub.count > y->pub.count;
}

GPtrArray *ingest_linkedin_events_sorted(const IngestLinkedinEvents *events,
                                         IngestLinkedinKind kind)
{
  g_return_val_if_fail(kind >= 0 && kind < LINKEDIN_N_EVENT_KINDS, NULL);
  GHashTable *table = events->by_key[kind];
  GPtrArray *sorted = g_ptr_array_sized_new(g_hash_table_size(table));
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init(&iter, table);
  while (g_hash_table_iter_next(&iter, NULL, &value))
    g_ptr_array_add(sorted, value);
  g_ptr_array_sort(sorted, event_compare);
  return sorted;
}

guint32 ingest_linkedin_events_latest_day(const IngestLinkedinEvents *events)
{
  return events->latest_day;
}
