/* Deduplicates one ambassador's LinkedIn events across exports
 * (linkedin_dedup.h). Since exports come newest first, an event's count so
 * far is the largest multiplicity of the newer exports, so an export whose
 * copies exceed it gains; the gains alone settle every file's accepted
 * copies, in a full reading and in one laid over a cached result alike. */
#include "ingest/linkedin_dedup.h"
#include <string.h>

/* An export holding an event more often than every newer export. */
typedef struct {
  guint32 first_report; /* the export's first file holding the event */
  guint32 last_report;  /* the file of its other copies, if any */
  guint32 first_copies; /* copies in the first file */
  guint32 copies;       /* copies in the export */
} Gain;

/* A dedup key with its length and hash, taken once: the table's keys. */
typedef struct {
  const char *text;
  guint32 len;
  guint hash;
} EventKey;

typedef struct {
  IngestLinkedinEvent pub;
  EventKey key; /* the table's key for the event */
  IngestLinkedinKind kind;
  guint current;      /* copies in the export being read */
  guint first_report; /* where its first copy in that export was read */
  guint first_copies; /* how many of them that file holds */
  guint last_report;  /* the file of the other copies, if any */
  Gain gain;          /* the newest gain: every event has one */
  GArray *older;      /* Gain of older exports, newest first; NULL when none */
} Event;

/* Events are made in slabs, freed together. */
#define EVENTS_SLAB 512
typedef struct {
  guint used;
  Event events[EVENTS_SLAB];
} EventSlab;

/* Keys and fields live in string chunks the table owns, or in the cache
 * payloads they were loaded from, and events in slabs (a table laid over
 * another hands all of them on): an ambassador's events are many and all go
 * at once, so they cost no allocation each. */
struct IngestLinkedinEvents {
  GHashTable *by_key[LINKEDIN_N_EVENT_KINDS]; /* EventKey (the event's own) -> Event */
  GPtrArray *touched;                         /* Event read in the current export */
  GPtrArray *chunks;                          /* GStringChunk; the last one takes new text */
  GPtrArray *payloads;                        /* GBytes that loaded text points into */
  GPtrArray *slabs;                           /* EventSlab; the last one takes new events */
  guint32 latest_day;
};

#define EVENTS_CHUNK_BYTES (64 * 1024)

static Event *event_alloc(IngestLinkedinEvents *events)
{
  EventSlab *slab =
      events->slabs->len > 0 ? g_ptr_array_index(events->slabs, events->slabs->len - 1) : NULL;
  if (slab == NULL || slab->used == EVENTS_SLAB) {
    slab = g_new(EventSlab, 1);
    slab->used = 0;
    g_ptr_array_add(events->slabs, slab);
  }
  Event *e = &slab->events[slab->used++];
  memset(e, 0, sizeof *e);
  return e;
}

/* What an event holds besides its slot: a slot is freed with its slab. */
static void event_clear(Event *e)
{
  g_clear_pointer(&e->older, g_array_unref);
}

static void slab_free(gpointer data)
{
  EventSlab *slab = data;
  for (guint i = 0; i < slab->used; i++)
    event_clear(&slab->events[i]);
  g_free(slab);
}

static const char *events_text(IngestLinkedinEvents *events, const char *text, gsize len)
{
  GStringChunk *chunk = g_ptr_array_index(events->chunks, events->chunks->len - 1);
  return g_string_chunk_insert_len(chunk, text, (gssize)len);
}

/* Eight bytes at a time: every row of every export is looked up by its key,
 * and keys hold whole messages. */
static guint text_hash(const char *text, gsize len)
{
  const guint8 *p = (const guint8 *)text;
  const guint64 mul = G_GUINT64_CONSTANT(0xff51afd7ed558ccd);
  guint64 h = G_GUINT64_CONSTANT(0x9e3779b97f4a7c15) ^ len;
  for (; len >= 8; p += 8, len -= 8) {
    guint64 w;
    memcpy(&w, p, 8);
    h = (h ^ w) * mul;
    h ^= h >> 32;
  }
  guint64 w = 0;
  memcpy(&w, p, len);
  h = (h ^ w) * mul;
  h ^= h >> 29;
  return (guint)(h ^ (h >> 32));
}

static EventKey event_key(const char *text, gsize len)
{
  return (EventKey){text, (guint32)len, text_hash(text, len)};
}

static guint key_hash(gconstpointer key)
{
  return ((const EventKey *)key)->hash;
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
  const EventKey *x = a, *y = b;
  return x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
}

IngestLinkedinEvents *ingest_linkedin_events_new(void)
{
  IngestLinkedinEvents *events = g_new0(IngestLinkedinEvents, 1);
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++)
    events->by_key[k] = g_hash_table_new(key_hash, key_equal);
  events->touched = g_ptr_array_new();
  events->chunks = g_ptr_array_new_with_free_func((GDestroyNotify)g_string_chunk_free);
  g_ptr_array_add(events->chunks, g_string_chunk_new(EVENTS_CHUNK_BYTES));
  events->payloads = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
  events->slabs = g_ptr_array_new_with_free_func(slab_free);
  return events;
}

void ingest_linkedin_events_free(IngestLinkedinEvents *events)
{
  if (events == NULL)
    return;
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++)
    g_hash_table_unref(events->by_key[k]);
  g_ptr_array_unref(events->touched);
  g_ptr_array_unref(events->slabs);
  g_ptr_array_unref(events->chunks);
  g_ptr_array_unref(events->payloads);
  g_free(events);
}

static Event *event_new(IngestLinkedinEvents *events, IngestLinkedinKind kind, guint32 day,
                        const char *const *fields)
{
  Event *e = event_alloc(events);
  e->kind = kind;
  e->pub.day = day;
  for (guint i = 0; i < ingest_linkedin_kind_n_fields(kind); i++)
    e->pub.fields[i] = (char *)events_text(events, fields[i], strlen(fields[i]));
  return e;
}

void ingest_linkedin_events_add(IngestLinkedinEvents *events, IngestLinkedinKind kind,
                                const char *key, gsize key_len, guint32 day,
                                const char *const *fields, guint report_id)
{
  g_return_if_fail(kind >= 0 && kind < LINKEDIN_N_EVENT_KINDS);
  EventKey probe = event_key(key, key_len);
  Event *e = g_hash_table_lookup(events->by_key[kind], &probe);
  if (e == NULL) {
    e = event_new(events, kind, day, fields);
    e->key = probe;
    e->key.text = events_text(events, key, key_len);
    g_hash_table_insert(events->by_key[kind], &e->key, e);
    events->latest_day = MAX(events->latest_day, day);
  }
  if (e->current == 0) {
    g_ptr_array_add(events->touched, e);
    e->first_report = report_id;
  }
  e->current++;
  if (report_id == e->first_report)
    e->first_copies++;
  else
    e->last_report = report_id;
}

static guint n_gains(const Event *e)
{
  return 1 + (e->older != NULL ? e->older->len : 0);
}

/* Gain i, newest first. */
static const Gain *gain_at(const Event *e, guint i)
{
  return i == 0 ? &e->gain : &g_array_index(e->older, Gain, i - 1);
}

static void event_append_gain(Event *e, const Gain *gain)
{
  if (e->pub.count == 0) {
    e->gain = *gain;
    return;
  }
  if (e->older == NULL)
    e->older = g_array_new(FALSE, FALSE, sizeof(Gain));
  g_array_append_val(e->older, *gain);
}

static IngestLinkedinFileReport *report_of(GPtrArray *reports, guint id)
{
  return g_ptr_array_index(reports, id);
}

/* The copies of the export just read: accepted go to the first file holding
 * the event, then to the other; duplicates likewise. */
static void event_account_export(const Event *e, guint accepted, GPtrArray *reports)
{
  IngestLinkedinFileReport *first = report_of(reports, e->first_report);
  guint first_accepted = MIN(accepted, e->first_copies);
  first->tally.accepted += first_accepted;
  first->tally.duplicates += e->first_copies - first_accepted;
  first->attributed += e->first_copies;
  if (e->current == e->first_copies)
    return;
  IngestLinkedinFileReport *other = report_of(reports, e->last_report);
  guint other_copies = e->current - e->first_copies;
  guint other_accepted = accepted - first_accepted;
  other->tally.accepted += other_accepted;
  other->tally.duplicates += other_copies - other_accepted;
  other->attributed += other_copies;
}

void ingest_linkedin_events_end_export(IngestLinkedinEvents *events, GPtrArray *reports)
{
  for (guint i = 0; i < events->touched->len; i++) {
    Event *e = g_ptr_array_index(events->touched, i);
    guint accepted = e->current > e->pub.count ? e->current - e->pub.count : 0;
    if (accepted > 0) {
      Gain gain = {e->first_report, e->last_report, e->first_copies, e->current};
      event_append_gain(e, &gain);
    }
    event_account_export(e, accepted, reports);
    e->pub.count = MAX(e->pub.count, e->current);
    e->current = 0;
    e->first_copies = 0;
  }
  g_ptr_array_set_size(events->touched, 0);
}

/* --- Laying newer exports over older ones ---------------------------------- */

/* newer's gains, then those of older that exceed every newer export. */
static GArray *gains_merged(const Event *newer, const Event *older)
{
  GArray *gains = g_array_new(FALSE, FALSE, sizeof(Gain));
  for (guint i = 0; i < n_gains(newer); i++)
    g_array_append_val(gains, *gain_at(newer, i));
  for (guint i = 0; i < n_gains(older); i++)
    if (gain_at(older, i)->copies > newer->pub.count)
      g_array_append_val(gains, *gain_at(older, i));
  return gains;
}

/* The newer export's copy gives the day and the fields. */
static void event_lay_over(Event *older, Event *newer)
{
  g_autoptr(GArray) gains = gains_merged(newer, older);
  older->gain = g_array_index(gains, Gain, 0);
  g_clear_pointer(&older->older, g_array_unref);
  if (gains->len > 1) {
    g_array_remove_index(gains, 0);
    older->older = g_steal_pointer(&gains);
  }
  older->pub.count = MAX(older->pub.count, newer->pub.count);
  older->pub.day = newer->pub.day;
  for (guint i = 0; i < LINKEDIN_MAX_FIELDS; i++)
    older->pub.fields[i] = newer->pub.fields[i];
}

static guint32 table_latest_day(GHashTable *table, guint32 latest)
{
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init(&iter, table);
  while (g_hash_table_iter_next(&iter, NULL, &value))
    latest = MAX(latest, ((const Event *)value)->pub.day);
  return latest;
}

IngestLinkedinEvents *ingest_linkedin_events_merge(IngestLinkedinEvents *newer,
                                                   IngestLinkedinEvents *older)
{
  older->latest_day = 0;
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    GHashTableIter iter;
    gpointer value;
    g_hash_table_iter_init(&iter, newer->by_key[k]);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
      g_hash_table_iter_steal(&iter);
      Event *target = g_hash_table_lookup(older->by_key[k], &((Event *)value)->key);
      if (target == NULL) {
        g_hash_table_insert(older->by_key[k], &((Event *)value)->key, value);
        continue;
      }
      event_lay_over(target, value);
      event_clear(value);
    }
    /* A shared post's day may differ between exports: the newest decides. */
    older->latest_day = table_latest_day(older->by_key[k], older->latest_day);
  }
  /* Keys and fields of newer now in older live in newer's chunks. */
  g_ptr_array_extend_and_steal(older->chunks, g_steal_pointer(&newer->chunks));
  g_ptr_array_add(older->chunks, g_string_chunk_new(EVENTS_CHUNK_BYTES));
  newer->chunks = g_ptr_array_new();
  /* And the events of newer now in older live in newer's slabs: the last
   * slab of older stays the one that takes new events. */
  EventSlab *last =
      older->slabs->len > 0 ? g_ptr_array_steal_index(older->slabs, older->slabs->len - 1) : NULL;
  g_ptr_array_extend_and_steal(older->slabs, g_steal_pointer(&newer->slabs));
  if (last != NULL)
    g_ptr_array_add(older->slabs, last);
  newer->slabs = g_ptr_array_new();
  g_ptr_array_extend_and_steal(older->payloads, g_steal_pointer(&newer->payloads));
  newer->payloads = g_ptr_array_new();
  ingest_linkedin_events_free(newer);
  return older;
}

/* --- Accounting ---------------------------------------------------------------- */

static void event_account(const Event *e, GPtrArray *reports)
{
  guint32 before = 0;
  for (guint i = 0; i < n_gains(e); i++) {
    const Gain *g = gain_at(e, i);
    guint32 accepted = g->copies - before;
    guint32 first = MIN(accepted, g->first_copies);
    before = g->copies;
    report_of(reports, g->first_report)->tally.accepted += first;
    if (g->copies != g->first_copies)
      report_of(reports, g->last_report)->tally.accepted += accepted - first;
  }
}

static gboolean report_is_event_kind(const IngestLinkedinFileReport *report)
{
  return report->kind >= 0 && report->kind < LINKEDIN_N_EVENT_KINDS;
}

void ingest_linkedin_events_account(const IngestLinkedinEvents *events, GPtrArray *reports)
{
  for (guint i = 0; i < reports->len; i++)
    if (report_is_event_kind(report_of(reports, i)))
      report_of(reports, i)->tally.accepted = 0;
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    GHashTableIter iter;
    gpointer value;
    g_hash_table_iter_init(&iter, events->by_key[k]);
    while (g_hash_table_iter_next(&iter, NULL, &value))
      event_account(value, reports);
  }
  for (guint i = 0; i < reports->len; i++) {
    IngestLinkedinFileReport *report = report_of(reports, i);
    if (report_is_event_kind(report))
      report->tally.duplicates = report->attributed - report->tally.accepted;
  }
}

/* --- Output order ---------------------------------------------------------------- */

static gint event_compare(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Event *x = *(Event *const *)a;
  const Event *y = *(Event *const *)b;
  guint n_fields = GPOINTER_TO_UINT(user_data);
  if (x->pub.day != y->pub.day)
    return x->pub.day < y->pub.day ? -1 : 1;
  for (guint i = 0; i < n_fields; i++) {
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
  g_ptr_array_sort_with_data(sorted, event_compare,
                             GUINT_TO_POINTER(ingest_linkedin_kind_n_fields(kind)));
  return sorted;
}

guint32 ingest_linkedin_events_latest_day(const IngestLinkedinEvents *events)
{
  return events->latest_day;
}

/* --- Cache ---------------------------------------------------------------------- */

static void event_save(const Event *e, GByteArray *out)
{
  ingest_cache_put_string(out, e->key.text);
  ingest_cache_put_uint(out, e->pub.day);
  for (guint i = 0; i < ingest_linkedin_kind_n_fields(e->kind); i++)
    ingest_cache_put_string(out, e->pub.fields[i]);
  ingest_cache_put_uint(out, n_gains(e));
  for (guint i = 0; i < n_gains(e); i++) {
    const Gain *g = gain_at(e, i);
    ingest_cache_put_uint(out, g->first_report);
    ingest_cache_put_uint(out, g->last_report);
    ingest_cache_put_uint(out, g->first_copies);
    ingest_cache_put_uint(out, g->copies);
  }
}

void ingest_linkedin_events_save(const IngestLinkedinEvents *events, GByteArray *out)
{
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    ingest_cache_put_uint(out, g_hash_table_size(events->by_key[k]));
    GHashTableIter iter;
    gpointer value;
    g_hash_table_iter_init(&iter, events->by_key[k]);
    while (g_hash_table_iter_next(&iter, NULL, &value))
      event_save(value, out);
  }
}

/* Gains name existing reports, split no more copies than they have, and
 * rise from newer to older exports; the largest is the count. */
static gboolean gain_load(IngestCacheReader *r, guint n_reports, guint32 before, Gain *g)
{
  g->first_report = (guint32)ingest_cache_get_uint(r);
  g->last_report = (guint32)ingest_cache_get_uint(r);
  g->first_copies = (guint32)ingest_cache_get_uint(r);
  g->copies = (guint32)ingest_cache_get_uint(r);
  return !r->bad && g->first_report < n_reports && g->last_report < n_reports &&
         g->first_copies >= 1 && g->first_copies <= g->copies && g->copies > before;
}

/* A string of the payload into the table's chunks, and its length; NULL
 * for NULL or when the payload is damaged. */
static char *events_load_text(IngestLinkedinEvents *events, IngestCacheReader *r, gsize *len)
{
  const char *text = ingest_cache_get_string_ref(r, len);
  if (text == NULL || r->payload != NULL)
    return (char *)text;
  return (char *)events_text(events, text, *len);
}

static Event *event_load(IngestLinkedinEvents *events, IngestCacheReader *r,
                         IngestLinkedinKind kind, guint n_reports)
{
  gsize len;
  Event *e = event_alloc(events);
  e->kind = kind;
  e->pub.day = (guint32)ingest_cache_get_uint(r);
  for (guint i = 0; i < ingest_linkedin_kind_n_fields(kind); i++)
    e->pub.fields[i] = events_load_text(events, r, &len);
  guint64 gains = ingest_cache_get_uint(r);
  gboolean ok = !r->bad && gains >= 1 && gains <= G_MAXUINT16;
  for (guint64 i = 0; ok && i < gains; i++) {
    Gain g;
    ok = gain_load(r, n_reports, e->pub.count, &g);
    if (ok) {
      event_append_gain(e, &g);
      e->pub.count = g.copies;
    }
  }
  for (guint i = 0; ok && i < ingest_linkedin_kind_n_fields(kind); i++)
    ok = e->pub.fields[i] != NULL;
  if (!ok) {
    event_clear(e);
    return NULL;
  }
  return e;
}

IngestLinkedinEvents *ingest_linkedin_events_load(IngestCacheReader *reader, guint n_reports)
{
  g_autoptr(IngestLinkedinEvents) events = ingest_linkedin_events_new();
  /* Text is used where it lies in the payload, which lives as long. */
  if (reader->payload != NULL)
    g_ptr_array_add(events->payloads, g_bytes_ref(reader->payload));
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    guint64 n = ingest_cache_get_uint(reader);
    for (guint64 i = 0; i < n && !reader->bad; i++) {
      gsize len;
      char *key = events_load_text(events, reader, &len);
      Event *e = key != NULL ? event_load(events, reader, (IngestLinkedinKind)k, n_reports) : NULL;
      if (e != NULL)
        e->key = event_key(key, len);
      if (e == NULL || g_hash_table_contains(events->by_key[k], &e->key))
        return NULL;
      g_hash_table_insert(events->by_key[k], &e->key, e);
      events->latest_day = MAX(events->latest_day, e->pub.day);
    }
  }
  return reader->bad ? NULL : g_steal_pointer(&events);
}
