/* Deduplicates one ambassador's LinkedIn events across exports
 * (linkedin_dedup.h). Since exports come newest first, an event's count so
 * far is the largest multiplicity of the newer exports, so an export whose
 * copies exceed it gains; the gains alone settle every file's accepted
 * copies, in a full reading and in one laid over a cached result alike. */
#include "ingest/linkedin_dedup.h"
#include <string.h>

/* An export holding an event more often than every newer export; while an
 * export is read, the same four numbers say where its copies are so far. */
typedef struct {
  guint32 first_report; /* the export's first file holding the event */
  guint32 last_report;  /* the file of its other copies, if any */
  guint32 first_copies; /* copies in the first file */
  guint32 copies;       /* copies in the export */
} Gain;

/* An event is one record in an arena: this head, its gains (newest first),
 * its dedup key, then its fields, each with a NUL; the record's size is a
 * multiple of 4. A million events cost their text and some 40 bytes each,
 * not a dozen pointers and allocations. Heads are read and written with
 * memcpy: records loaded from the cache lie where the payload has them. */
typedef struct {
  guint32 size;    /* of the whole record */
  guint32 key_len; /* bytes of the key */
  guint32 day;     /* Julian day */
  guint32 count;   /* the largest copies of its gains; 0 until its first export ends */
  guint32 n_gains;
  guint32 pending; /* 1 + its place in pending while an older export holds it; else 0 */
} Head;

#define HEAD_BYTES ((guint32)sizeof(Head))
#define GAIN_BYTES ((guint32)sizeof(Gain))

/* Records are named by 32-bit handles: a record's offset in units of 4
 * bytes in a space cut into windows; each window maps to the memory of an
 * arena block or of a loaded payload. A record runs past its window's end
 * into the next when its block or payload does. */
#define WINDOW_BYTES (64 * 1024)
#define WINDOW_UNITS (WINDOW_BYTES / 4)

/* A slot of an index: the key's hash beside the handle, so that a probe
 * past other keys and growing the index read no record (records are
 * scattered over the arena, and hashing a key reads all of it). */
typedef struct {
  guint32 hash;
  guint32 ref; /* 1 + handle; 0: empty */
} Slot;

/* Open addressing over the handles of one kind, while exports are read. */
typedef struct {
  Slot *slots;
  guint32 mask; /* capacity - 1; the capacity is a power of two */
  guint32 used;
} Index;

/* The events of one kind: looked up by key while exports are read, listed
 * (in output order once sorted) when they are written, saved or loaded. */
typedef struct {
  Index index;
  GArray *list;    /* guint32 handles; NULL until built from the index */
  gboolean sorted; /* list is in output order */
} Table;

struct IngestLinkedinEvents {
  Table tables[LINKEDIN_N_EVENT_KINDS];
  GPtrArray *windows;  /* guint8 *, the memory of each window */
  GPtrArray *blocks;   /* owned memory */
  GPtrArray *payloads; /* GBytes loaded records lie in */
  guint8 *fill;        /* where the next record goes in the last block */
  guint32 fill_handle; /* its handle */
  gsize room;          /* bytes left there */
  GArray *touched;     /* guint32 handles of the events read in the current export */
  GArray *pending;     /* Gain: copies in the current export of events it did not make */
  guint32 latest_day;
  guint32 n_events;   /* different events, of all kinds together */
  guint32 max_events; /* past it a new event is refused (max_linkedin_events) */
  char *refusal;      /* the reason a refused copy is rejected with; NULL: no limit */
};

/* --- Records ----------------------------------------------------------------- */

static guint8 *record_at(const IngestLinkedinEvents *events, guint32 handle)
{
  guint8 *window = g_ptr_array_index(events->windows, handle / WINDOW_UNITS);
  return window + (gsize)(handle % WINDOW_UNITS) * 4;
}

static Head head_get(const guint8 *record)
{
  Head head;
  memcpy(&head, record, sizeof head);
  return head;
}

static void head_set(guint8 *record, const Head *head)
{
  memcpy(record, head, sizeof *head);
}

static Gain gain_get(const guint8 *record, guint32 i)
{
  Gain gain;
  memcpy(&gain, record + HEAD_BYTES + i * GAIN_BYTES, sizeof gain);
  return gain;
}

static void gain_set(guint8 *record, guint32 i, const Gain *gain)
{
  memcpy(record + HEAD_BYTES + i * GAIN_BYTES, gain, sizeof *gain);
}

static const char *record_key(const guint8 *record, const Head *head)
{
  return (const char *)record + HEAD_BYTES + head->n_gains * GAIN_BYTES;
}

static const char *record_fields(const guint8 *record, const Head *head)
{
  return record_key(record, head) + head->key_len;
}

/* Windows for len bytes at memory, from a fresh window on; the first
 * window's handle. */
static guint32 windows_add(IngestLinkedinEvents *events, guint8 *memory, gsize len)
{
  guint32 first = events->windows->len * WINDOW_UNITS;
  for (gsize at = 0; at == 0 || at < len; at += WINDOW_BYTES)
    g_ptr_array_add(events->windows, memory + at);
  return first;
}

/* Room for a record of size bytes; its handle in *handle. A record larger
 * than a block gets a block of its own. */
static guint8 *record_alloc(IngestLinkedinEvents *events, guint32 size, guint32 *handle)
{
  if (events->room < size) {
    gsize bytes = MAX((gsize)WINDOW_BYTES, (gsize)size);
    guint8 *block = g_malloc(bytes);
    g_ptr_array_add(events->blocks, block);
    events->fill = block;
    events->fill_handle = windows_add(events, block, bytes);
    events->room = bytes;
  }
  guint8 *record = events->fill;
  *handle = events->fill_handle;
  events->fill += size;
  events->fill_handle += size / 4;
  events->room -= size;
  return record;
}

static guint32 round4(gsize n)
{
  return (guint32)((n + 3) & ~(gsize)3);
}

/* --- Lookup by key ----------------------------------------------------------- */

/* Eight bytes at a time: every row of every export is looked up by its key,
 * and keys hold whole messages. */
static guint32 key_hash(const char *text, gsize len)
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
  return (guint32)(h ^ (h >> 32));
}

/* The slot holding key, or the empty one where it would go (with the hash
 * set, for index_put). */
static Slot *index_find(const IngestLinkedinEvents *events, const Index *index, const char *key,
                        gsize len, guint32 hash)
{
  for (guint32 i = hash & index->mask;; i = (i + 1) & index->mask) {
    Slot *slot = &index->slots[i];
    if (slot->ref == 0) {
      slot->hash = hash;
      return slot;
    }
    if (slot->hash != hash)
      continue;
    const guint8 *record = record_at(events, slot->ref - 1);
    Head head = head_get(record);
    if (head.key_len == len && memcmp(record_key(record, &head), key, len) == 0)
      return slot;
  }
}

static Slot *index_find_record(const IngestLinkedinEvents *events, const Index *index,
                               guint32 handle)
{
  const guint8 *record = record_at(events, handle);
  Head head = head_get(record);
  const char *key = record_key(record, &head);
  return index_find(events, index, key, head.key_len, key_hash(key, head.key_len));
}

/* Fills the empty slot index_find gave. */
static void index_put(Index *index, Slot *slot, guint32 handle)
{
  slot->ref = handle + 1;
  index->used++;
}

/* Grows the index to a capacity of grown slots (a power of two), moving
 * the slots by their hashes. */
static void index_grow(Index *index, guint32 grown)
{
  guint32 capacity = index->slots != NULL ? index->mask + 1 : 0;
  Slot *slots = g_new0(Slot, grown);
  for (guint32 i = 0; i < capacity; i++) {
    if (index->slots[i].ref == 0)
      continue;
    guint32 at = index->slots[i].hash & (grown - 1);
    while (slots[at].ref != 0)
      at = (at + 1) & (grown - 1);
    slots[at] = index->slots[i];
  }
  g_free(index->slots);
  index->slots = slots;
  index->mask = grown - 1;
}

/* Grows the index to stay at most three quarters full. */
static void index_reserve(Index *index)
{
  guint32 capacity = index->slots != NULL ? index->mask + 1 : 0;
  if ((index->used + 1) * 4 > capacity * 3)
    index_grow(index, MAX(capacity * 2, 64));
}

static void table_clear(Table *table)
{
  g_clear_pointer(&table->index.slots, g_free);
  table->index.mask = table->index.used = 0;
  if (table->list != NULL)
    g_array_unref(table->list);
  table->list = NULL;
}

/* --- The set ---------------------------------------------------------------- */

IngestLinkedinEvents *ingest_linkedin_events_new(void)
{
  IngestLinkedinEvents *events = g_new0(IngestLinkedinEvents, 1);
  events->windows = g_ptr_array_new();
  events->blocks = g_ptr_array_new_with_free_func(g_free);
  events->payloads = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
  events->touched = g_array_new(FALSE, FALSE, sizeof(guint32));
  events->pending = g_array_new(FALSE, FALSE, sizeof(Gain));
  events->max_events = G_MAXUINT32;
  return events;
}

void ingest_linkedin_events_limit(IngestLinkedinEvents *events, guint max_events,
                                  const char *ambassador_id)
{
  events->max_events = max_events;
  g_free(events->refusal);
  events->refusal = g_strdup_printf(
      "more than max_linkedin_events (%u) different events in %s's LinkedIn exports", max_events,
      ambassador_id);
}

guint ingest_linkedin_events_count(const IngestLinkedinEvents *events)
{
  return events->n_events;
}

void ingest_linkedin_events_free(IngestLinkedinEvents *events)
{
  if (events == NULL)
    return;
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++)
    table_clear(&events->tables[k]);
  g_ptr_array_unref(events->windows);
  g_ptr_array_unref(events->blocks);
  g_ptr_array_unref(events->payloads);
  g_array_unref(events->touched);
  g_array_unref(events->pending);
  g_free(events->refusal);
  g_free(events);
}

void ingest_linkedin_events_expect(IngestLinkedinEvents *events, const IngestLinkedinEvents *like)
{
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    const Table *other = &like->tables[k];
    guint64 n = other->list != NULL ? other->list->len : other->index.used;
    guint64 want = (n + n / 8) * 4 / 3 + 1;
    guint32 capacity = 64;
    while (capacity < want && capacity < (1u << 30))
      capacity *= 2;
    Index *index = &events->tables[k].index;
    if (index->slots == NULL || index->mask + 1 < capacity)
      index_grow(index, capacity);
  }
}

/* A new event read in the current export: its one gain slot holds its
 * copies there until the export ends. */
static guint32 event_new(IngestLinkedinEvents *events, IngestLinkedinKind kind, const char *key,
                         gsize key_len, guint32 day, const char *const *fields)
{
  guint n_fields = ingest_linkedin_kind_n_fields(kind);
  gsize lens[LINKEDIN_MAX_FIELDS];
  gsize size = HEAD_BYTES + GAIN_BYTES + key_len;
  for (guint i = 0; i < n_fields; i++)
    size += (lens[i] = strlen(fields[i])) + 1;
  guint32 handle;
  guint8 *record = record_alloc(events, round4(size), &handle);
  Head head = {round4(size), (guint32)key_len, day, 0, 1, 0};
  head_set(record, &head);
  memset(record + HEAD_BYTES, 0, GAIN_BYTES);
  char *p = memcpy(record + HEAD_BYTES + GAIN_BYTES, key, key_len);
  p += key_len;
  for (guint i = 0; i < n_fields; i++, p++)
    p = (char *)memcpy(p, fields[i], lens[i] + 1) + lens[i];
  memset(p, 0, (gsize)(record + head.size - (guint8 *)p));
  return handle;
}

/* One more copy in the current export, from the report with id report_id. */
static void pending_add(Gain *g, guint report_id)
{
  if (g->copies == 0) {
    *g = (Gain){report_id, report_id, 0, 0};
  }
  g->copies++;
  if (report_id == g->first_report)
    g->first_copies++;
  else
    g->last_report = report_id;
}

const char *ingest_linkedin_events_add(IngestLinkedinEvents *events, IngestLinkedinKind kind,
                                       const char *key, gsize key_len, guint32 day,
                                       const char *const *fields, guint report_id)
{
  g_return_val_if_fail(kind >= 0 && kind < LINKEDIN_N_EVENT_KINDS, NULL);
  Index *index = &events->tables[kind].index;
  index_reserve(index);
  Slot *slot = index_find(events, index, key, key_len, key_hash(key, key_len));
  if (slot->ref == 0) {
    /* Refused before it takes memory; a copy of an event held still counts. */
    if (events->n_events >= events->max_events)
      return events->refusal;
    guint32 handle = event_new(events, kind, key, key_len, day, fields);
    index_put(index, slot, handle);
    events->n_events++;
    g_array_append_val(events->touched, handle);
    events->latest_day = MAX(events->latest_day, day);
  }
  guint8 *record = record_at(events, slot->ref - 1);
  Head head = head_get(record);
  if (head.count == 0) { /* new in this export: its gain slot counts */
    Gain g = gain_get(record, 0);
    pending_add(&g, report_id);
    gain_set(record, 0, &g);
    return NULL;
  }
  if (head.pending == 0) {
    Gain none = {0};
    g_array_append_val(events->pending, none);
    head.pending = events->pending->len;
    head_set(record, &head);
    guint32 handle = slot->ref - 1;
    g_array_append_val(events->touched, handle);
  }
  pending_add(&g_array_index(events->pending, Gain, head.pending - 1), report_id);
  return NULL;
}

/* The record of slot again with the n_more gains at more (as records hold
 * them) at the end of its gains (newest last), in a new place; the slot
 * follows. The old place is left unused: this happens only when an older
 * export holds more copies. */
static guint32 event_add_gains(IngestLinkedinEvents *events, Slot *slot, const guint8 *more,
                               guint32 n_more)
{
  guint32 handle = slot->ref - 1;
  const guint8 *old = record_at(events, handle);
  Head head = head_get(old);
  guint32 gains_end = HEAD_BYTES + head.n_gains * GAIN_BYTES;
  guint32 moved;
  guint8 *record = record_alloc(events, head.size + n_more * GAIN_BYTES, &moved);
  old = record_at(events, handle); /* the windows array may have moved */
  memcpy(record, old, gains_end);
  memcpy(record + gains_end, more, n_more * GAIN_BYTES);
  memcpy(record + gains_end + n_more * GAIN_BYTES, old + gains_end, head.size - gains_end);
  head.size += n_more * GAIN_BYTES;
  head.n_gains += n_more;
  head_set(record, &head);
  slot->ref = moved + 1;
  return moved;
}

static IngestLinkedinFileReport *report_of(GPtrArray *reports, guint id)
{
  return g_ptr_array_index(reports, id);
}

/* The copies of the export just read: accepted go to the first file holding
 * the event, then to the other; duplicates likewise. */
static void account_export(const Gain *g, guint32 accepted, GPtrArray *reports)
{
  IngestLinkedinFileReport *first = report_of(reports, g->first_report);
  guint32 first_accepted = MIN(accepted, g->first_copies);
  first->tally.accepted += first_accepted;
  first->tally.duplicates += g->first_copies - first_accepted;
  first->attributed += g->first_copies;
  if (g->copies == g->first_copies)
    return;
  IngestLinkedinFileReport *other = report_of(reports, g->last_report);
  guint32 other_copies = g->copies - g->first_copies;
  guint32 other_accepted = accepted - first_accepted;
  other->tally.accepted += other_accepted;
  other->tally.duplicates += other_copies - other_accepted;
  other->attributed += other_copies;
}

/* An event an earlier export made: the copies of this one gain what they
 * exceed its count by. */
static void end_export_older(IngestLinkedinEvents *events, guint32 handle, GPtrArray *reports)
{
  guint8 *record = record_at(events, handle);
  Head head = head_get(record);
  Gain g = g_array_index(events->pending, Gain, head.pending - 1);
  guint32 accepted = g.copies > head.count ? g.copies - head.count : 0;
  account_export(&g, accepted, reports);
  head.pending = 0;
  if (accepted == 0) {
    head_set(record, &head);
    return;
  }
  head.count = g.copies;
  head_set(record, &head);
  /* Which kind's index holds it: the one finding it there. */
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    Index *index = &events->tables[k].index;
    Slot *slot = index->slots != NULL ? index_find_record(events, index, handle) : NULL;
    if (slot != NULL && slot->ref == handle + 1) {
      event_add_gains(events, slot, (const guint8 *)&g, 1);
      return;
    }
  }
}

void ingest_linkedin_events_end_export(IngestLinkedinEvents *events, GPtrArray *reports)
{
  for (guint i = 0; i < events->touched->len; i++) {
    guint32 handle = g_array_index(events->touched, guint32, i);
    guint8 *record = record_at(events, handle);
    Head head = head_get(record);
    if (head.count != 0) {
      end_export_older(events, handle, reports);
      continue;
    }
    Gain g = gain_get(record, 0); /* all its copies are accepted */
    account_export(&g, g.copies, reports);
    head.count = g.copies;
    head_set(record, &head);
  }
  g_array_set_size(events->touched, 0);
  g_array_set_size(events->pending, 0);
}

/* --- Laying newer exports over older ones ---------------------------------- */

/* An event of older that newer has too: newer's day and fields stay, and
 * older's gains that exceed every newer export follow newer's. Gains rise
 * from newer to older exports, so those are the last ones, and an event
 * older holds no more often than newer (the usual case) is left alone. */
static void lay_over(IngestLinkedinEvents *newer, Slot *slot, const guint8 *old)
{
  Head head = head_get(record_at(newer, slot->ref - 1));
  Head old_head = head_get(old);
  if (old_head.count <= head.count)
    return;
  guint32 first = old_head.n_gains;
  while (first > 0 && gain_get(old, first - 1).copies > head.count)
    first--;
  guint32 target =
      event_add_gains(newer, slot, old + HEAD_BYTES + first * GAIN_BYTES, old_head.n_gains - first);
  guint8 *record = record_at(newer, target);
  head = head_get(record);
  head.count = MAX(head.count, old_head.count);
  head_set(record, &head);
}

/* An event only older has, copied into newer as it is. */
static void take_over(IngestLinkedinEvents *newer, Index *index, Slot *slot, const guint8 *old)
{
  Head head = head_get(old);
  guint32 handle;
  guint8 *record = record_alloc(newer, head.size, &handle);
  memcpy(record, old, head.size);
  index_put(index, slot, handle);
  newer->n_events++;
  newer->latest_day = MAX(newer->latest_day, head.day);
}

static void merge_table(IngestLinkedinEvents *newer, Index *index,
                        const IngestLinkedinEvents *older, const GArray *list)
{
  for (guint i = 0; i < list->len; i++) {
    const guint8 *old = record_at(older, g_array_index(list, guint32, i));
    Head head = head_get(old);
    const char *key = record_key(old, &head);
    index_reserve(index);
    Slot *slot = index_find(newer, index, key, head.key_len, key_hash(key, head.key_len));
    if (slot->ref == 0)
      take_over(newer, index, slot, old);
    else
      lay_over(newer, slot, old);
  }
}

static void events_list(IngestLinkedinEvents *events);

IngestLinkedinEvents *ingest_linkedin_events_merge(IngestLinkedinEvents *newer,
                                                   IngestLinkedinEvents *older)
{
  events_list(older);
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    Table *table = &newer->tables[k];
    g_return_val_if_fail(table->list == NULL, newer);
    merge_table(newer, &table->index, older, older->tables[k].list);
  }
  ingest_linkedin_events_free(older);
  return newer;
}

/* --- Accounting ---------------------------------------------------------------- */

static void event_account(const guint8 *record, GPtrArray *reports)
{
  Head head = head_get(record);
  guint32 before = 0;
  for (guint32 i = 0; i < head.n_gains; i++) {
    Gain g = gain_get(record, i);
    guint32 accepted = g.copies - before;
    guint32 first = MIN(accepted, g.first_copies);
    before = g.copies;
    report_of(reports, g.first_report)->tally.accepted += first;
    if (g.copies != g.first_copies)
      report_of(reports, g.last_report)->tally.accepted += accepted - first;
  }
}

static gboolean report_is_event_kind(const IngestLinkedinFileReport *report)
{
  return report->kind >= 0 && report->kind < LINKEDIN_N_EVENT_KINDS;
}

void ingest_linkedin_events_account(IngestLinkedinEvents *events, GPtrArray *reports)
{
  for (guint i = 0; i < reports->len; i++)
    if (report_is_event_kind(report_of(reports, i)))
      report_of(reports, i)->tally.accepted = 0;
  events_list(events);
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    const GArray *list = events->tables[k].list;
    for (guint i = 0; i < list->len; i++)
      event_account(record_at(events, g_array_index(list, guint32, i)), reports);
  }
  for (guint i = 0; i < reports->len; i++) {
    IngestLinkedinFileReport *report = report_of(reports, i);
    if (report_is_event_kind(report))
      report->tally.duplicates = report->attributed - report->tally.accepted;
  }
}

/* --- Lists and output order ----------------------------------------------------- */

/* The handles of the index, in slot order. */
static GArray *index_handles(const Index *index)
{
  GArray *list = g_array_sized_new(FALSE, FALSE, sizeof(guint32), index->used);
  for (guint32 i = 0; index->slots != NULL && i <= index->mask; i++)
    if (index->slots[i].ref != 0) {
      guint32 handle = index->slots[i].ref - 1;
      g_array_append_val(list, handle);
    }
  return list;
}

/* Lists every table and drops the indexes: no event is added any more. */
static void events_list(IngestLinkedinEvents *events)
{
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    Table *table = &events->tables[k];
    if (table->list != NULL)
      continue;
    table->list = index_handles(&table->index);
    g_clear_pointer(&table->index.slots, g_free);
    table->index.mask = table->index.used = 0;
  }
}

typedef struct {
  const IngestLinkedinEvents *events;
  guint n_fields;
} Order;

static gint handle_compare(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Order *order = user_data;
  const guint8 *x = record_at(order->events, *(const guint32 *)a);
  const guint8 *y = record_at(order->events, *(const guint32 *)b);
  Head hx = head_get(x), hy = head_get(y);
  if (hx.day != hy.day)
    return hx.day < hy.day ? -1 : 1;
  const char *fx = record_fields(x, &hx), *fy = record_fields(y, &hy);
  for (guint i = 0; i < order->n_fields; i++) {
    int c = strcmp(fx, fy);
    if (c != 0)
      return c;
    fx += strlen(fx) + 1;
    fy += strlen(fy) + 1;
  }
  return hx.count < hy.count ? -1 : hx.count > hy.count;
}

/* A handle with its day, so that events of different days are ordered
 * without reading their records. */
typedef struct {
  guint32 day;
  guint32 handle;
} Dated;

static gint dated_compare(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Dated *x = a, *y = b;
  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return handle_compare(&x->handle, &y->handle, user_data);
}

/* A stable sort, as the one by handle_compare alone. */
static void list_sort(const IngestLinkedinEvents *events, GArray *list, IngestLinkedinKind kind)
{
  Order order = {events, ingest_linkedin_kind_n_fields(kind)};
  g_autoptr(GArray) dated = g_array_sized_new(FALSE, FALSE, sizeof(Dated), list->len);
  for (guint i = 0; i < list->len; i++) {
    guint32 handle = g_array_index(list, guint32, i);
    Dated d = {head_get(record_at(events, handle)).day, handle};
    g_array_append_val(dated, d);
  }
  g_array_sort_with_data(dated, dated_compare, &order);
  for (guint i = 0; i < list->len; i++)
    g_array_index(list, guint32, i) = g_array_index(dated, Dated, i).handle;
}

void ingest_linkedin_events_finish(IngestLinkedinEvents *events)
{
  events_list(events);
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    Table *table = &events->tables[k];
    if (!table->sorted)
      list_sort(events, table->list, (IngestLinkedinKind)k);
    table->sorted = TRUE;
  }
  g_array_set_size(events->touched, 0);
}

/* The handles of kind in output order: the table's list once finished, else
 * a sorted copy. */
GArray *ingest_linkedin_events_order(const IngestLinkedinEvents *events, IngestLinkedinKind kind)
{
  g_return_val_if_fail(kind >= 0 && kind < LINKEDIN_N_EVENT_KINDS, NULL);
  const Table *table = &events->tables[kind];
  if (table->sorted)
    return g_array_ref(table->list);
  GArray *list = table->list != NULL ? g_array_copy(table->list) : index_handles(&table->index);
  list_sort(events, list, kind);
  return list;
}

void ingest_linkedin_events_get(const IngestLinkedinEvents *events, IngestLinkedinKind kind,
                                guint32 handle, IngestLinkedinEvent *out)
{
  const guint8 *record = record_at(events, handle);
  Head head = head_get(record);
  out->day = head.day;
  out->count = head.count;
  const char *field = record_fields(record, &head);
  guint n = ingest_linkedin_kind_n_fields(kind);
  for (guint i = 0; i < LINKEDIN_MAX_FIELDS; i++) {
    out->fields[i] = i < n ? (char *)field : NULL;
    if (i < n)
      field += strlen(field) + 1;
  }
}

GPtrArray *ingest_linkedin_events_sorted(const IngestLinkedinEvents *events,
                                         IngestLinkedinKind kind)
{
  g_autoptr(GArray) list = ingest_linkedin_events_order(events, kind);
  g_return_val_if_fail(list != NULL, NULL);
  GPtrArray *sorted = g_ptr_array_new_full(list->len, g_free);
  for (guint i = 0; i < list->len; i++) {
    IngestLinkedinEvent *event = g_new(IngestLinkedinEvent, 1);
    ingest_linkedin_events_get(events, kind, g_array_index(list, guint32, i), event);
    g_ptr_array_add(sorted, event);
  }
  return sorted;
}

guint32 ingest_linkedin_events_latest_day(const IngestLinkedinEvents *events)
{
  return events->latest_day;
}

/* --- Cache ---------------------------------------------------------------------- *
 * The records as they are, kind by kind in output order, after a mark of
 * the byte order they were written in (the cache is not carried between
 * machines, but one that is must not be believed). */

void ingest_linkedin_events_save(IngestLinkedinEvents *events, GByteArray *out,
                                 IngestCacheWriter *writer)
{
  ingest_linkedin_events_finish(events);
  ingest_cache_put_uint(out, G_BYTE_ORDER);
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++) {
    const GArray *list = events->tables[k].list;
    guint64 bytes = 0;
    for (guint i = 0; i < list->len; i++)
      bytes += head_get(record_at(events, g_array_index(list, guint32, i))).size;
    ingest_cache_put_uint(out, list->len);
    ingest_cache_put_uint(out, bytes);
    for (guint i = 0; i < list->len; i++) {
      const guint8 *record = record_at(events, g_array_index(list, guint32, i));
      ingest_cache_put_bytes(out, record, head_get(record).size);
      if (writer != NULL)
        ingest_cache_writer_flush(writer);
    }
  }
}

/* Gains name existing reports, split no more copies than they have, and
 * rise from newer to older exports; the largest is the count. */
static gboolean gains_valid(const guint8 *record, const Head *head, guint n_reports)
{
  guint32 before = 0;
  for (guint32 i = 0; i < head->n_gains; i++) {
    Gain g = gain_get(record, i);
    if (g.first_report >= n_reports || g.last_report >= n_reports || g.first_copies < 1 ||
        g.first_copies > g.copies || g.copies <= before)
      return FALSE;
    before = g.copies;
  }
  return before == head->count;
}

/* Whether the n_fields fields, each closed by a NUL, end inside the record. */
static gboolean fields_valid(const guint8 *record, const Head *head, guint n_fields)
{
  const char *p = record_fields(record, head);
  const char *end = (const char *)record + head->size;
  for (guint i = 0; i < n_fields; i++) {
    const char *nul = memchr(p, '\0', (gsize)(end - p));
    if (nul == NULL)
      return FALSE;
    p = nul + 1;
  }
  return TRUE;
}

/* A record of at most left bytes, as saved; its size in *size. */
static gboolean record_valid(const guint8 *record, gsize left, guint n_fields, guint n_reports)
{
  if (left < HEAD_BYTES)
    return FALSE;
  Head head = head_get(record);
  if (head.size > left || head.size % 4 != 0 || head.n_gains < 1 || head.n_gains > G_MAXUINT16 ||
      head.pending != 0 ||
      (guint64)HEAD_BYTES + (guint64)head.n_gains * GAIN_BYTES + head.key_len > head.size)
    return FALSE;
  return gains_valid(record, &head, n_reports) && fields_valid(record, &head, n_fields);
}

/* The n records of one kind, bytes of them at the reader, listed in their
 * order; sorted when that is the output order. */
static gboolean load_table(IngestLinkedinEvents *events, IngestCacheReader *r,
                           IngestLinkedinKind kind, guint n_reports)
{
  guint64 n = ingest_cache_get_uint(r);
  guint64 bytes = ingest_cache_get_uint(r);
  if (r->bad || bytes > (guint64)(r->end - r->p) || n > bytes / (HEAD_BYTES + GAIN_BYTES))
    return FALSE;
  guint8 *memory = (guint8 *)r->p;
  r->p += bytes;
  guint32 base = windows_add(events, memory, (gsize)bytes);
  Table *table = &events->tables[kind];
  table->list = g_array_sized_new(FALSE, FALSE, sizeof(guint32), (guint)n);
  table->sorted = TRUE;
  Order order = {events, ingest_linkedin_kind_n_fields(kind)};
  gsize at = 0;
  for (guint64 i = 0; i < n; i++) {
    if (!record_valid(memory + at, (gsize)bytes - at, order.n_fields, n_reports))
      return FALSE;
    guint32 handle = base + (guint32)(at / 4);
    g_array_append_val(table->list, handle);
    if (i > 0 && table->sorted)
      table->sorted =
          handle_compare(&g_array_index(table->list, guint32, i - 1), &handle, &order) <= 0;
    Head head = head_get(memory + at);
    events->latest_day = MAX(events->latest_day, head.day);
    at += head.size;
  }
  events->n_events += (guint32)n;
  return at == bytes;
}

IngestLinkedinEvents *ingest_linkedin_events_load(IngestCacheReader *reader, guint n_reports)
{
  g_return_val_if_fail(reader->payload != NULL, NULL);
  g_autoptr(IngestLinkedinEvents) events = ingest_linkedin_events_new();
  /* Records are used where they lie in the payload, which lives as long. */
  g_ptr_array_add(events->payloads, g_bytes_ref(reader->payload));
  if (ingest_cache_get_uint(reader) != G_BYTE_ORDER || reader->bad)
    return NULL;
  for (int k = 0; k < LINKEDIN_N_EVENT_KINDS; k++)
    if (!load_table(events, reader, (IngestLinkedinKind)k, n_reports))
      return NULL;
  return g_steal_pointer(&events);
}
