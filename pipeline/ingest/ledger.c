/* Per-file accounting of an ingest run (ledger.h): the counts that make
 * rows_read = accepted + duplicates + rejected hold for every file, and the
 * rejected rows with file, line and reason for rejects.csv. Files handed
 * over in blocks, and the rejects in sorted runs of a few MB (the other
 * files', and a block's past a batch), wait packed in a temporary file, and
 * are merged in path order with the others when the summary and the rejects
 * are written. */
#include "ingest/ledger.h"
#include "common/contract.h"
#include "common/csv_writer.h"
#include "common/errors.h"
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define LEDGER_EXCERPT_CHARS 200
#define LEDGER_SPILL_NAME "ledger.tmp-XXXXXX"
/* What the rejects not in blocks may hold before they go into a run, and
 * what reading the runs back may hold, whatever their number. */
#define LEDGER_BATCH_BYTES (4u << 20)
#define LEDGER_MERGE_BYTES (4u << 20)
#define LEDGER_RUN_CHUNK_MIN 4096u
#define LEDGER_RUN_CHUNK_MAX 65536u

/* Where a block's packed bytes are: its rows, then its rejects. */
typedef struct {
  char *first_file; /* the first of its files in path order; "" when it has none */
  gboolean in_memory;
  guint64 offset;
  gsize length;
  gsize rows_length; /* the rows' part, so each output reads only its own */
  gboolean has_rejects;
} BlockIndex;

/* A reject not in a block, waiting in the batch: its reason and excerpt
 * are packed at `at`, whose order is the reading order. */
typedef struct {
  const char *file; /* owned by the file's entry */
  guint64 line;
  guint32 at, length;
} BatchKey;

/* A batch of rejects sorted as rejects.csv lists them, packed. */
typedef struct {
  gboolean in_memory;
  guint64 offset;
  guint64 length;
} RunIndex;

struct IngestLedger {
  GMutex lock;         /* of what two readers add to: names, files, batch, runs, blocks */
  GStringChunk *names; /* the entries' file and kind */
  GPtrArray *files;    /* IngestFileEntry */
  GByteArray *batch;   /* the rejects not yet in a run; NULL once released */
  GArray *batch_keys;  /* BatchKey, in reading order */
  gsize batch_limit;
  GArray *runs;   /* RunIndex, in the order made */
  GArray *blocks; /* BlockIndex, in the order handed over; NULL once released */
  int spill_fd;   /* -1: runs and blocks stay in memory */
  guint64 spill_end;
  GByteArray *packed; /* runs and blocks kept in memory */
  IngestLedgerCounts block_counts;
};

/* A block's rejects are packed into its own batch as they come; past the
 * batch size, with a ledger to spill into, the batch goes into a run of the
 * ledger, and so do the rest once the block has one (a file's rejects are
 * then all in runs, merged like the others). */
struct IngestLedgerBlock {
  GStringChunk *names;  /* the entries' file and kind; NULL once sealed */
  GPtrArray *files;     /* IngestFileEntry; NULL once sealed */
  GByteArray *batch;    /* reasons and excerpts packed; NULL once sealed */
  GArray *batch_keys;   /* BatchKey, in reading order; NULL once sealed */
  gsize batch_limit;    /* the ledger's batch size, taken when given one */
  IngestLedger *ledger; /* the runs' ledger; NULL: the batch stays whole */
  GArray *runs;         /* guint: the block's runs among the ledger's */
  GArray *rows;         /* IngestLedgerRow with borrowed strings; NULL once sealed */
  GByteArray *packed;   /* once sealed */
  gsize rows_length;    /* of packed */
  char *first_file;
  IngestLedgerCounts counts;
  GString *log; /* the verbose lines, when asked for */
};

/* file and kind belong to the owner's chunk of names. */
static void file_entry_free(gpointer data)
{
  IngestFileEntry *entry = data;
  g_free(entry->encoding);
  g_string_free(entry->note, TRUE);
  g_free(entry);
}

static void block_index_clear(gpointer data)
{
  g_free(((BlockIndex *)data)->first_file);
}

IngestLedger *ingest_ledger_new(void)
{
  IngestLedger *ledger = g_new0(IngestLedger, 1);
  ledger->names = g_string_chunk_new(4096);
  ledger->files = g_ptr_array_new_with_free_func(file_entry_free);
  ledger->batch = g_byte_array_new();
  ledger->batch_keys = g_array_new(FALSE, FALSE, sizeof(BatchKey));
  ledger->batch_limit = LEDGER_BATCH_BYTES;
  ledger->runs = g_array_new(FALSE, FALSE, sizeof(RunIndex));
  ledger->blocks = g_array_new(FALSE, FALSE, sizeof(BlockIndex));
  g_array_set_clear_func(ledger->blocks, block_index_clear);
  ledger->spill_fd = -1;
  ledger->packed = g_byte_array_new();
  g_mutex_init(&ledger->lock);
  return ledger;
}

void ingest_ledger_free(IngestLedger *ledger)
{
  if (ledger == NULL)
    return;
  ingest_ledger_release_blocks(ledger);
  g_ptr_array_unref(ledger->files);
  g_string_chunk_free(ledger->names);
  g_mutex_clear(&ledger->lock);
  g_free(ledger);
}

/* Names are many (hundreds of thousands of files) and kinds few: both go
 * into the owner's chunk, kinds once each. */
static IngestFileEntry *file_entry_new(GStringChunk *names, const char *file, const char *kind)
{
  IngestFileEntry *entry = g_new0(IngestFileEntry, 1);
  entry->file = file != NULL ? g_string_chunk_insert(names, file) : NULL;
  entry->kind = kind != NULL ? g_string_chunk_insert_const(names, kind) : NULL;
  entry->note = g_string_new(NULL);
  return entry;
}

IngestFileEntry *ingest_ledger_add_file(IngestLedger *ledger, const char *file, const char *kind)
{
  g_mutex_lock(&ledger->lock);
  IngestFileEntry *entry = file_entry_new(ledger->names, file, kind);
  g_ptr_array_add(ledger->files, entry);
  g_mutex_unlock(&ledger->lock);
  return entry;
}

void ingest_ledger_note(IngestFileEntry *entry, const char *text)
{
  if (entry->note->len > 0)
    g_string_append(entry->note, ", ");
  g_string_append(entry->note, text);
}

void ingest_ledger_accept(IngestFileEntry *entry)
{
  entry->rows_read++;
  entry->accepted++;
}

/* Valid UTF-8 of at most LEDGER_EXCERPT_CHARS characters. */
static char *excerpt_cut(const char *text)
{
  g_autofree char *valid = g_utf8_make_valid(text != NULL ? text : "", -1);
  if (g_utf8_strlen(valid, -1) <= LEDGER_EXCERPT_CHARS)
    return g_steal_pointer(&valid);
  const char *end = g_utf8_offset_to_pointer(valid, LEDGER_EXCERPT_CHARS);
  return g_strndup(valid, (gsize)(end - valid));
}

static void pack_string(GByteArray *out, const char *text);
static void batch_to_run(IngestLedger *ledger);
static void block_batch_to_run(IngestLedgerBlock *block);
static void block_drop_runs(IngestLedgerBlock *block);
static gint batch_key_compare(gconstpointer a, gconstpointer b);
static void run_pack(GByteArray *out, const GByteArray *batch, const GArray *keys);

static gsize keys_held(const GByteArray *batch, const GArray *keys)
{
  return batch->len + keys->len * sizeof(BatchKey);
}

static gsize batch_held(const IngestLedger *ledger)
{
  return keys_held(ledger->batch, ledger->batch_keys);
}

/* A reject packed at the end of batch: its order there is its reading
 * order. file must outlive the batch's rejects. */
static void batch_add(GByteArray *batch, GArray *keys, const char *file, guint64 line,
                      const char *reason, const char *cut)
{
  BatchKey key = {file, line, batch->len, 0};
  pack_string(batch, reason);
  pack_string(batch, cut);
  key.length = batch->len - key.at;
  g_array_append_val(keys, key);
}

/* A file's rejects come from one reader, so their order in the batch is
 * the order it read them in. */
void ingest_ledger_reject(IngestLedger *ledger, IngestFileEntry *entry, guint64 line,
                          const char *reason, const char *excerpt)
{
  g_return_if_fail(ledger->batch != NULL);
  entry->rows_read++;
  entry->rejected++;
  g_autofree char *cut = excerpt_cut(excerpt);
  g_mutex_lock(&ledger->lock);
  batch_add(ledger->batch, ledger->batch_keys, entry->file, line, reason, cut);
  if (batch_held(ledger) >= ledger->batch_limit)
    batch_to_run(ledger);
  g_mutex_unlock(&ledger->lock);
}

void ingest_ledger_set_batch_bytes(IngestLedger *ledger, gsize bytes)
{
  ledger->batch_limit = CLAMP(bytes, 1, G_MAXUINT32 / 2);
}

/* A dropped run has no length: what it held no longer counts. */
guint64 ingest_ledger_rejects_in_memory(IngestLedger *ledger)
{
  g_mutex_lock(&ledger->lock);
  guint64 held = 0;
  if (ledger->batch != NULL) {
    held = batch_held(ledger);
    for (guint i = 0; i < ledger->runs->len; i++) {
      const RunIndex *run = &g_array_index(ledger->runs, RunIndex, i);
      held += run->in_memory ? run->length : 0;
    }
  }
  g_mutex_unlock(&ledger->lock);
  return held;
}

void ingest_ledger_demote_to_duplicate(IngestFileEntry *entry)
{
  g_return_if_fail(entry->accepted > 0);
  entry->accepted--;
  entry->duplicates++;
}

/* An entry as a row of the summary, borrowing its strings. */
static IngestLedgerRow entry_row(const IngestFileEntry *e)
{
  return (IngestLedgerRow){e->file,      e->kind,     e->encoding,   e->note->str,
                           e->rows_read, e->accepted, e->duplicates, e->rejected};
}

static void row_log(GString *out, const IngestLedgerRow *row)
{
  g_string_append_printf(out,
                         "ingest: %s (%s): %" G_GUINT64_FORMAT " read, %" G_GUINT64_FORMAT
                         " accepted, %" G_GUINT64_FORMAT " duplicates, %" G_GUINT64_FORMAT
                         " rejected%s%s\n",
                         row->file, row->kind, row->rows_read, row->accepted, row->duplicates,
                         row->rejected, row->note[0] != '\0' ? "; " : "", row->note);
}

void ingest_ledger_log_entry(const IngestFileEntry *e)
{
  g_autoptr(GString) line = g_string_new(NULL);
  IngestLedgerRow row = entry_row(e);
  row_log(line, &row);
  g_printerr("%s", line->str);
}

/* --- Order ---------------------------------------------------------------- */

/* A view of items in another order; the items stay owned by items. Files
 * mostly come in path order already: then one pass instead of a sort. */
static GPtrArray *sorted_view(const GPtrArray *items, GCompareFunc compare)
{
  GPtrArray *view = g_ptr_array_sized_new(items->len);
  gboolean sorted = TRUE;
  for (guint i = 0; i < items->len; i++) {
    g_ptr_array_add(view, g_ptr_array_index(items, i));
    sorted = sorted && (i == 0 || compare(&view->pdata[i - 1], &view->pdata[i]) <= 0);
  }
  if (!sorted)
    g_ptr_array_sort(view, compare);
  return view;
}

static gint entry_compare(gconstpointer a, gconstpointer b)
{
  const IngestFileEntry *x = *(IngestFileEntry *const *)a;
  const IngestFileEntry *y = *(IngestFileEntry *const *)b;
  return strcmp(x->file, y->file);
}

/* --- Blocks: packing ------------------------------------------------------ */

IngestLedgerBlock *ingest_ledger_block_new(void)
{
  IngestLedgerBlock *block = g_new0(IngestLedgerBlock, 1);
  block->names = g_string_chunk_new(4096);
  block->files = g_ptr_array_new_with_free_func(file_entry_free);
  block->batch = g_byte_array_new();
  block->batch_keys = g_array_new(FALSE, FALSE, sizeof(BatchKey));
  block->batch_limit = G_MAXSIZE;
  block->runs = g_array_new(FALSE, FALSE, sizeof(guint));
  block->rows = g_array_new(FALSE, FALSE, sizeof(IngestLedgerRow));
  return block;
}

void ingest_ledger_block_free(IngestLedgerBlock *block)
{
  if (block == NULL)
    return;
  /* A block not handed over lists none of its rejects. */
  block_drop_runs(block);
  g_array_unref(block->runs);
  if (block->batch != NULL)
    g_byte_array_unref(block->batch);
  if (block->batch_keys != NULL)
    g_array_unref(block->batch_keys);
  if (block->files != NULL)
    g_ptr_array_unref(block->files);
  if (block->rows != NULL)
    g_array_unref(block->rows);
  if (block->names != NULL)
    g_string_chunk_free(block->names);
  if (block->packed != NULL)
    g_byte_array_unref(block->packed);
  if (block->log != NULL)
    g_string_free(block->log, TRUE);
  g_free(block->first_file);
  g_free(block);
}

IngestFileEntry *ingest_ledger_block_add_file(IngestLedgerBlock *block, const char *file,
                                              const char *kind)
{
  IngestFileEntry *entry = file_entry_new(block->names, file, kind);
  g_ptr_array_add(block->files, entry);
  return entry;
}

void ingest_ledger_block_add_reject(IngestLedgerBlock *block, const char *file, guint64 line,
                                    const char *reason, const char *excerpt)
{
  g_return_if_fail(block->batch != NULL);
  g_autofree char *cut = excerpt_cut(excerpt);
  batch_add(block->batch, block->batch_keys, file, line, reason, cut);
  if (block->ledger != NULL && keys_held(block->batch, block->batch_keys) >= block->batch_limit)
    block_batch_to_run(block);
}

void ingest_ledger_block_reject(IngestLedgerBlock *block, IngestFileEntry *entry, guint64 line,
                                const char *reason, const char *excerpt)
{
  entry->rows_read++;
  entry->rejected++;
  ingest_ledger_block_add_reject(block, entry->file, line, reason, excerpt);
}

void ingest_ledger_block_add_row(IngestLedgerBlock *block, const IngestLedgerRow *row)
{
  g_array_append_vals(block->rows, row, 1);
}

void ingest_ledger_block_spill_into(IngestLedgerBlock *block, IngestLedger *ledger)
{
  g_return_if_fail(block->ledger == NULL && block->batch != NULL);
  block->ledger = ledger;
  g_mutex_lock(&ledger->lock);
  block->batch_limit = ledger->batch_limit;
  g_mutex_unlock(&ledger->lock);
  if (keys_held(block->batch, block->batch_keys) >= block->batch_limit)
    block_batch_to_run(block);
}

void ingest_ledger_block_drop_rejects(IngestLedgerBlock *block)
{
  g_return_if_fail(block->batch != NULL);
  g_byte_array_set_size(block->batch, 0);
  g_array_set_size(block->batch_keys, 0);
  block_drop_runs(block);
}

guint64 ingest_ledger_block_rejects_in_memory(const IngestLedgerBlock *block)
{
  return block->batch != NULL ? keys_held(block->batch, block->batch_keys) : 0;
}

void ingest_ledger_spill_to(IngestLedger *ledger, const char *dir)
{
  g_return_if_fail(ledger->spill_fd < 0);
  g_autofree char *path = g_build_filename(dir, LEDGER_SPILL_NAME, NULL);
  if (g_mkdir_with_parents(dir, 0777) != 0)
    return;
  /* Unnamed at once: nothing is left behind, whatever happens; and named
   * like every temporary file meanwhile, which the next run removes. */
  ledger->spill_fd = g_mkstemp(path);
  if (ledger->spill_fd >= 0)
    g_unlink(path);
}

/* Numbers as LEB128, strings NUL-terminated after a byte saying whether
 * there is one: read back in place, without copying. */
static guint8 *put_uint(guint8 *p, guint64 value)
{
  do {
    *p++ = (guint8)((value & 0x7f) | (value > 0x7f ? 0x80 : 0));
    value >>= 7;
  } while (value != 0);
  return p;
}

static guint8 *put_string(guint8 *p, const char *text, gsize len)
{
  *p++ = text != NULL;
  if (text != NULL) {
    memcpy(p, text, len + 1);
    p += len + 1;
  }
  return p;
}

static void pack_uint(GByteArray *out, guint64 value)
{
  guint8 buf[10];
  g_byte_array_append(out, buf, (guint)(put_uint(buf, value) - buf));
}

static void pack_string(GByteArray *out, const char *text)
{
  gsize len = text != NULL ? strlen(text) : 0;
  guint start = out->len;
  g_byte_array_set_size(out, start + 1 + (text != NULL ? (guint)len + 1 : 0));
  put_string(out->data + start, text, len);
}

/* pack_string and pack_uint into room made once: there is a row for every
 * input file. */
static void pack_row(GByteArray *out, const IngestLedgerRow *row)
{
  const char *texts[] = {row->file, row->kind, row->encoding, row->note};
  const guint64 counts[] = {row->rows_read, row->accepted, row->duplicates, row->rejected};
  gsize lengths[G_N_ELEMENTS(texts)];
  gsize room = G_N_ELEMENTS(counts) * 10;
  for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
    lengths[i] = texts[i] != NULL ? strlen(texts[i]) : 0;
    room += 2 + lengths[i];
  }
  guint start = out->len;
  g_byte_array_set_size(out, start + (guint)room);
  guint8 *p = out->data + start;
  for (guint i = 0; i < G_N_ELEMENTS(texts); i++)
    p = put_string(p, texts[i], lengths[i]);
  for (guint i = 0; i < G_N_ELEMENTS(counts); i++)
    p = put_uint(p, counts[i]);
  g_byte_array_set_size(out, (guint)(p - out->data));
}

static gint row_compare(gconstpointer a, gconstpointer b)
{
  return strcmp(((const IngestLedgerRow *)a)->file, ((const IngestLedgerRow *)b)->file);
}

/* Every file of the block as a row, in path order: the entries' rows
 * borrow from the entries. */
static GArray *block_rows_sorted(const IngestLedgerBlock *block)
{
  GArray *rows = g_array_sized_new(FALSE, FALSE, sizeof(IngestLedgerRow),
                                   block->files->len + block->rows->len);
  for (guint i = 0; i < block->files->len; i++) {
    IngestLedgerRow row = entry_row(g_ptr_array_index(block->files, i));
    g_array_append_val(rows, row);
  }
  g_array_append_vals(rows, block->rows->data, block->rows->len);
  gboolean sorted = TRUE;
  for (guint i = 1; i < rows->len && sorted; i++)
    sorted = row_compare(&g_array_index(rows, IngestLedgerRow, i - 1),
                         &g_array_index(rows, IngestLedgerRow, i)) <= 0;
  if (!sorted)
    g_array_sort(rows, row_compare);
  return rows;
}

/* The rows in path order, then the rejects in rejects.csv order, which
 * start at *rows_length. */
static GByteArray *block_pack(IngestLedgerBlock *block, const GArray *rows, gsize *rows_length)
{
  g_array_sort(block->batch_keys, batch_key_compare);
  /* Room for the usual row at once: the rows are many and small. */
  GByteArray *out = g_byte_array_sized_new(rows->len * 128 + 64);
  pack_uint(out, rows->len);
  for (guint i = 0; i < rows->len; i++)
    pack_row(out, &g_array_index(rows, IngestLedgerRow, i));
  *rows_length = out->len;
  pack_uint(out, block->batch_keys->len);
  run_pack(out, block->batch, block->batch_keys);
  return out;
}

static gboolean spill_write(IngestLedger *ledger, const GByteArray *bytes, guint64 at)
{
  gsize done = 0;
  while (done < bytes->len) {
    ssize_t n = pwrite(ledger->spill_fd, bytes->data + done, bytes->len - done, (off_t)(at + done));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return FALSE;
    done += (gsize)n;
  }
  return TRUE;
}

/* A block the temporary file cannot take (a full disk) stays in memory. */
static void ledger_store_block(IngestLedger *ledger, const GByteArray *bytes, BlockIndex *index)
{
  index->length = bytes->len;
  index->has_rejects = bytes->len > index->rows_length + 1; /* more than a count of 0 */
  if (ledger->spill_fd >= 0 && spill_write(ledger, bytes, ledger->spill_end)) {
    index->offset = ledger->spill_end;
    ledger->spill_end += bytes->len;
    return;
  }
  index->in_memory = TRUE;
  index->offset = ledger->packed->len;
  g_byte_array_append(ledger->packed, bytes->data, bytes->len);
}

/* --- Rejects not in blocks: sorted runs ---------------------------------- */

/* As rejects.csv lists them; `at` is the reading order. */
static gint batch_key_compare(gconstpointer a, gconstpointer b)
{
  const BatchKey *x = a, *y = b;
  int by_file = strcmp(x->file, y->file);
  if (by_file != 0)
    return by_file;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->at < y->at ? -1 : x->at > y->at;
}

/* As a block's reject is packed, its reason and excerpt copied packed. */
static void pack_batch_reject(GByteArray *out, const GByteArray *batch, const BatchKey *key)
{
  pack_string(out, key->file);
  pack_uint(out, key->line);
  g_byte_array_append(out, batch->data + key->at, key->length);
}

static void run_pack(GByteArray *out, const GByteArray *batch, const GArray *keys)
{
  for (guint i = 0; i < keys->len; i++)
    pack_batch_reject(out, batch, &g_array_index(keys, BatchKey, i));
}

/* The sorted batch written at the end of the temporary file a chunk at a
 * time, so that it is not packed a second time in memory. */
static gboolean run_spill(IngestLedger *ledger, const GByteArray *batch, const GArray *keys,
                          guint64 *length)
{
  g_autoptr(GByteArray) chunk = g_byte_array_sized_new(LEDGER_RUN_CHUNK_MAX + 1024);
  guint64 done = 0;
  for (guint i = 0; i < keys->len; i++) {
    pack_batch_reject(chunk, batch, &g_array_index(keys, BatchKey, i));
    if (chunk->len < LEDGER_RUN_CHUNK_MAX && i + 1 < keys->len)
      continue;
    if (!spill_write(ledger, chunk, ledger->spill_end + done))
      return FALSE;
    done += chunk->len;
    g_byte_array_set_size(chunk, 0);
  }
  *length = done;
  return TRUE;
}

/* A sorted batch into a run, which the temporary file takes unless it
 * cannot (none, or a full disk); the batch is emptied. Called with the lock
 * held. */
static void ledger_add_run(IngestLedger *ledger, GByteArray *batch, GArray *keys)
{
  RunIndex run = {FALSE, ledger->spill_end, 0};
  if (ledger->spill_fd >= 0 && run_spill(ledger, batch, keys, &run.length)) {
    ledger->spill_end += run.length;
  } else {
    run.in_memory = TRUE;
    run.offset = ledger->packed->len;
    run_pack(ledger->packed, batch, keys);
    run.length = ledger->packed->len - run.offset;
  }
  g_array_append_val(ledger->runs, run);
  g_byte_array_set_size(batch, 0);
  g_array_set_size(keys, 0);
}

/* Called with the lock held. */
static void batch_to_run(IngestLedger *ledger)
{
  if (ledger->batch_keys->len == 0)
    return;
  g_array_sort(ledger->batch_keys, batch_key_compare);
  ledger_add_run(ledger, ledger->batch, ledger->batch_keys);
}

/* The block's batch sorted into a run of its ledger, the ledger's lock
 * taken only to write it. */
static void block_batch_to_run(IngestLedgerBlock *block)
{
  if (block->batch_keys->len == 0)
    return;
  IngestLedger *ledger = block->ledger;
  g_return_if_fail(ledger->runs != NULL);
  g_array_sort(block->batch_keys, batch_key_compare);
  g_mutex_lock(&ledger->lock);
  guint run = ledger->runs->len;
  ledger_add_run(ledger, block->batch, block->batch_keys);
  g_mutex_unlock(&ledger->lock);
  g_array_append_val(block->runs, run);
}

/* Its runs listed as empty: their bytes stay where they are, unread. */
static void block_drop_runs(IngestLedgerBlock *block)
{
  if (block->runs->len == 0)
    return;
  IngestLedger *ledger = block->ledger;
  g_mutex_lock(&ledger->lock);
  for (guint i = 0; i < block->runs->len; i++)
    g_array_index(ledger->runs, RunIndex, g_array_index(block->runs, guint, i)).length = 0;
  g_mutex_unlock(&ledger->lock);
  g_array_set_size(block->runs, 0);
}

static void block_count(IngestLedgerBlock *block, const GArray *rows, gboolean log)
{
  IngestLedgerCounts *c = &block->counts;
  for (guint i = 0; i < rows->len; i++) {
    const IngestLedgerRow *row = &g_array_index(rows, IngestLedgerRow, i);
    c->files++;
    c->rows_read += row->rows_read;
    c->accepted += row->accepted;
    c->duplicates += row->duplicates;
    c->rejected += row->rejected;
    if (log)
      row_log(block->log, row);
  }
}

void ingest_ledger_block_seal(IngestLedgerBlock *block, gboolean log)
{
  g_return_if_fail(block->packed == NULL);
  if (log)
    block->log = g_string_new(NULL);
  g_autoptr(GArray) rows = block_rows_sorted(block);
  block_count(block, rows, log);
  block->first_file = g_strdup(rows->len > 0 ? g_array_index(rows, IngestLedgerRow, 0).file : "");
  /* Once some of its rejects are in runs, all are: a file's rejects are
   * merged from one place. */
  if (block->runs->len > 0)
    block_batch_to_run(block);
  block->packed = block_pack(block, rows, &block->rows_length);
  g_clear_pointer(&block->batch, g_byte_array_unref);
  g_clear_pointer(&block->batch_keys, g_array_unref);
  g_clear_pointer(&block->rows, g_array_unref);
  g_clear_pointer(&block->files, g_ptr_array_unref);
  g_clear_pointer(&block->names, g_string_chunk_free);
}

void ingest_ledger_add_block(IngestLedger *ledger, IngestLedgerBlock *block)
{
  g_return_if_fail(ledger->blocks != NULL);
  if (block->packed == NULL)
    ingest_ledger_block_seal(block, FALSE);
  BlockIndex index = {g_steal_pointer(&block->first_file), FALSE, 0, 0, block->rows_length, FALSE};
  g_mutex_lock(&ledger->lock);
  ledger_store_block(ledger, block->packed, &index);
  g_array_append_val(ledger->blocks, index);
  IngestLedgerCounts *c = &ledger->block_counts;
  c->files += block->counts.files;
  c->rows_read += block->counts.rows_read;
  c->accepted += block->counts.accepted;
  c->duplicates += block->counts.duplicates;
  c->rejected += block->counts.rejected;
  g_mutex_unlock(&ledger->lock);
  g_array_set_size(block->runs, 0); /* the ledger's to list now */
  if (block->log != NULL)
    g_printerr("%s", block->log->str);
  ingest_ledger_block_free(block);
}

void ingest_ledger_block_counts(const IngestLedger *ledger, IngestLedgerCounts *counts)
{
  *counts = ledger->block_counts;
}

/* --- Blocks: reading back, one block at a time, in path order ------------- */

typedef struct {
  const char *file;
  guint64 line;
  const char *reason, *excerpt;
} LedgerRejectRow;

typedef struct {
  const guint8 *p, *end;
  gboolean bad;
} Unpack;

static guint64 unpack_uint(Unpack *u)
{
  guint64 value = 0;
  for (guint shift = 0; shift < 64 && u->p < u->end; shift += 7) {
    guint8 b = *u->p++;
    value |= (guint64)(b & 0x7f) << shift;
    if (!(b & 0x80))
      return value;
  }
  u->bad = TRUE;
  return 0;
}

static const char *unpack_string(Unpack *u)
{
  if (u->p >= u->end || *u->p > 1) {
    u->bad = TRUE;
    return NULL;
  }
  if (*u->p++ == 0)
    return NULL;
  const guint8 *nul = memchr(u->p, 0, (gsize)(u->end - u->p));
  if (nul == NULL) {
    u->bad = TRUE;
    return NULL;
  }
  const char *text = (const char *)u->p;
  u->p = nul + 1;
  return text;
}

typedef struct {
  const IngestLedger *ledger;
  GArray *order;   /* BlockIndex copies, by first file */
  guint next;      /* the next block to read */
  guint8 *bytes;   /* the current block's bytes */
  GArray *rows;    /* IngestLedgerRow of the current block */
  GArray *rejects; /* LedgerRejectRow of the current block */
  guint at;        /* the next row (or reject) of the current block */
  gboolean want_rejects;
  GError *error;
} BlockStream;

static gint block_index_compare(gconstpointer a, gconstpointer b)
{
  return strcmp(((const BlockIndex *)a)->first_file, ((const BlockIndex *)b)->first_file);
}

static void block_stream_init(BlockStream *bs, const IngestLedger *ledger, gboolean want_rejects)
{
  memset(bs, 0, sizeof *bs);
  bs->ledger = ledger;
  bs->order = g_array_sized_new(FALSE, FALSE, sizeof(BlockIndex), ledger->blocks->len);
  g_array_append_vals(bs->order, ledger->blocks->data, ledger->blocks->len);
  g_array_sort(bs->order, block_index_compare);
  bs->rows = g_array_new(FALSE, FALSE, sizeof(IngestLedgerRow));
  bs->rejects = g_array_new(FALSE, FALSE, sizeof(LedgerRejectRow));
  bs->want_rejects = want_rejects;
}

static void block_stream_clear(BlockStream *bs)
{
  g_array_unref(bs->order); /* the copies share first_file with the ledger */
  g_array_unref(bs->rows);
  g_array_unref(bs->rejects);
  g_free(bs->bytes);
  g_clear_error(&bs->error);
}

/* length bytes of the temporary file at offset, all of them or an error. */
static gboolean spill_read(int fd, guint8 *to, gsize length, guint64 offset, GError **error)
{
  gsize done = 0;
  while (done < length) {
    ssize_t n = pread(fd, to + done, length - done, (off_t)(offset + done));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT,
                  "cannot read back the ledger's temporary file: %s",
                  g_strerror(n < 0 ? errno : EIO));
      return FALSE;
    }
    done += (gsize)n;
  }
  return TRUE;
}

static void set_damaged(GError **error)
{
  g_set_error_literal(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT,
                      "the ledger's temporary file was damaged");
}

/* Bytes from to end of the block. */
static gboolean block_read_bytes(BlockStream *bs, const BlockIndex *index, gsize from, gsize end)
{
  gsize length = end - from;
  g_free(bs->bytes);
  bs->bytes = g_malloc(MAX(length, 1));
  if (index->in_memory) {
    memcpy(bs->bytes, bs->ledger->packed->data + index->offset + from, length);
    return TRUE;
  }
  return spill_read(bs->ledger->spill_fd, bs->bytes, length, index->offset + from, &bs->error);
}

static void block_unpack_rows(Unpack *u, GArray *rows)
{
  guint64 n = unpack_uint(u);
  for (guint64 i = 0; i < n && !u->bad; i++) {
    IngestLedgerRow row;
    row.file = unpack_string(u);
    row.kind = unpack_string(u);
    row.encoding = unpack_string(u);
    row.note = unpack_string(u);
    row.rows_read = unpack_uint(u);
    row.accepted = unpack_uint(u);
    row.duplicates = unpack_uint(u);
    row.rejected = unpack_uint(u);
    g_array_append_val(rows, row);
  }
}

static void unpack_reject(Unpack *u, LedgerRejectRow *reject)
{
  reject->file = unpack_string(u);
  reject->line = unpack_uint(u);
  reject->reason = unpack_string(u);
  reject->excerpt = unpack_string(u);
}

static void block_unpack_rejects(Unpack *u, GArray *rejects)
{
  guint64 n = unpack_uint(u);
  for (guint64 i = 0; i < n && !u->bad; i++) {
    LedgerRejectRow reject;
    unpack_reject(u, &reject);
    g_array_append_val(rejects, reject);
  }
}

/* Moves to the next block that has what the stream wants, reading only
 * its part of the block; FALSE at the end or on error. */
static gboolean block_stream_load(BlockStream *bs)
{
  while (bs->error == NULL && bs->next < bs->order->len) {
    const BlockIndex *index = &g_array_index(bs->order, BlockIndex, bs->next++);
    g_array_set_size(bs->rows, 0);
    g_array_set_size(bs->rejects, 0);
    bs->at = 0;
    if (bs->want_rejects && !index->has_rejects)
      continue;
    gsize from = bs->want_rejects ? index->rows_length : 0;
    gsize end = bs->want_rejects ? index->length : index->rows_length;
    if (!block_read_bytes(bs, index, from, end))
      return FALSE;
    Unpack u = {bs->bytes, bs->bytes + (end - from), FALSE};
    if (bs->want_rejects)
      block_unpack_rejects(&u, bs->rejects);
    else
      block_unpack_rows(&u, bs->rows);
    if (u.bad) {
      set_damaged(&bs->error);
      return FALSE;
    }
    if ((bs->want_rejects ? bs->rejects->len : bs->rows->len) > 0)
      return TRUE;
  }
  return FALSE;
}

static const IngestLedgerRow *block_stream_row(BlockStream *bs)
{
  if (bs->at >= bs->rows->len && !block_stream_load(bs))
    return NULL;
  return &g_array_index(bs->rows, IngestLedgerRow, bs->at);
}

static const LedgerRejectRow *block_stream_reject(BlockStream *bs)
{
  if (bs->at >= bs->rejects->len && !block_stream_load(bs))
    return NULL;
  return &g_array_index(bs->rejects, LedgerRejectRow, bs->at);
}

/* --- Runs: reading back, merged --------------------------------------------
 * Each run is read a chunk at a time, the chunks together within
 * LEDGER_MERGE_BYTES however many runs there are (down to a floor of
 * LEDGER_RUN_CHUNK_MIN each), and a heap picks the next reject. */

typedef struct {
  int fd;                 /* -1 for a run in memory */
  guint64 offset, length; /* of the run in the temporary file */
  guint64 read;           /* bytes of it read so far */
  GByteArray *chunk;      /* what was read; NULL for a run in memory */
  gsize chunk_size;
  const guint8 *p, *end; /* what is left to unpack */
  guint order;           /* of the runs made; among rejects of one line, first made first */
  LedgerRejectRow row;   /* the current reject */
} RunReader;

typedef struct {
  RunReader *readers;
  guint n_readers;
  RunReader **heap; /* the readers with a current reject, least on top */
  guint heap_len;
  GByteArray *tail; /* the batch not in a run yet, as a run */
  GError *error;
} RejectMerge;

/* Keeps the unread rest, then reads as much as the chunk takes, or twice
 * the rest when one reject is longer than the chunk. */
static gboolean run_reader_fill(RunReader *r, GError **error)
{
  gsize rest = (gsize)(r->end - r->p);
  if (rest > 0)
    memmove(r->chunk->data, r->p, rest);
  gsize want = MAX(r->chunk_size, rest * 2);
  want = (gsize)MIN((guint64)(want - rest), r->length - r->read);
  g_byte_array_set_size(r->chunk, (guint)(rest + want));
  if (!spill_read(r->fd, r->chunk->data + rest, want, r->offset + r->read, error))
    return FALSE;
  r->read += want;
  r->p = r->chunk->data;
  r->end = r->chunk->data + rest + want;
  return TRUE;
}

/* Moves to the run's next reject; FALSE at its end or on error. */
static gboolean run_reader_next(RunReader *r, GError **error)
{
  for (;;) {
    if (r->p == r->end && r->read == r->length)
      return FALSE;
    Unpack u = {r->p, r->end, FALSE};
    unpack_reject(&u, &r->row);
    if (!u.bad) {
      r->p = u.p;
      return TRUE;
    }
    if (r->read == r->length) {
      set_damaged(error);
      return FALSE;
    }
    if (!run_reader_fill(r, error))
      return FALSE;
  }
}

static void run_reader_init(RunReader *r, const IngestLedger *ledger, const RunIndex *index,
                            const guint8 *memory, guint order, gsize chunk_size)
{
  r->order = order;
  r->length = index->length;
  if (index->in_memory) {
    r->fd = -1;
    r->read = index->length;
    if (index->length > 0) { /* an empty batch has no bytes at all */
      r->p = memory + index->offset;
      r->end = r->p + index->length;
    }
    return;
  }
  r->fd = ledger->spill_fd;
  r->offset = index->offset;
  r->chunk = g_byte_array_new();
  r->chunk_size = chunk_size;
}

static gint run_reader_compare(const RunReader *x, const RunReader *y)
{
  int by_file = strcmp(x->row.file, y->row.file);
  if (by_file != 0)
    return by_file;
  if (x->row.line != y->row.line)
    return x->row.line < y->row.line ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void heap_sift_down(RunReader **heap, guint len, guint i)
{
  for (;;) {
    guint least = i;
    for (guint child = 2 * i + 1; child <= 2 * i + 2 && child < len; child++)
      if (run_reader_compare(heap[child], heap[least]) < 0)
        least = child;
    if (least == i)
      return;
    RunReader *swap = heap[i];
    heap[i] = heap[least];
    heap[least] = swap;
    i = least;
  }
}

/* The runs, then the batch sorted as the last of them: its copy, like a
 * chunk of each run, stays within a few MB. */
static void rejects_merge_init(RejectMerge *m, const IngestLedger *ledger)
{
  memset(m, 0, sizeof *m);
  guint n_runs = ledger->runs->len;
  m->n_readers = n_runs + 1;
  m->readers = g_new0(RunReader, m->n_readers);
  m->heap = g_new0(RunReader *, m->n_readers);
  g_autoptr(GArray) keys = g_array_copy(ledger->batch_keys);
  g_array_sort(keys, batch_key_compare);
  m->tail = g_byte_array_new();
  run_pack(m->tail, ledger->batch, keys);
  gsize chunk_size =
      CLAMP(LEDGER_MERGE_BYTES / m->n_readers, LEDGER_RUN_CHUNK_MIN, LEDGER_RUN_CHUNK_MAX);
  for (guint i = 0; i < n_runs; i++) {
    const RunIndex *index = &g_array_index(ledger->runs, RunIndex, i);
    run_reader_init(&m->readers[i], ledger, index, ledger->packed->data, i, chunk_size);
  }
  const RunIndex tail = {TRUE, 0, m->tail->len};
  run_reader_init(&m->readers[n_runs], ledger, &tail, m->tail->data, n_runs, 0);
  for (guint i = 0; i < m->n_readers && m->error == NULL; i++)
    if (run_reader_next(&m->readers[i], &m->error))
      m->heap[m->heap_len++] = &m->readers[i];
  for (guint i = m->heap_len / 2; i-- > 0;)
    heap_sift_down(m->heap, m->heap_len, i);
}

/* The least reject left; NULL at the end or on error. */
static const LedgerRejectRow *rejects_merge_peek(const RejectMerge *m)
{
  return m->error == NULL && m->heap_len > 0 ? &m->heap[0]->row : NULL;
}

static void rejects_merge_advance(RejectMerge *m)
{
  if (!run_reader_next(m->heap[0], &m->error))
    m->heap[0] = m->heap[--m->heap_len];
  heap_sift_down(m->heap, m->heap_len, 0);
}

static void rejects_merge_clear(RejectMerge *m)
{
  for (guint i = 0; i < m->n_readers; i++)
    if (m->readers[i].chunk != NULL)
      g_byte_array_unref(m->readers[i].chunk);
  g_free(m->readers);
  g_free(m->heap);
  g_byte_array_unref(m->tail);
  g_clear_error(&m->error);
}

/* --- Writing --------------------------------------------------------------- */

static void summary_add_row(CsvWriter *writer, const IngestLedgerRow *row)
{
  csv_writer_add_text(writer, row->file);
  csv_writer_add_text(writer, row->kind);
  csv_writer_add_text(writer, row->encoding);
  csv_writer_add_int(writer, (gint64)row->rows_read);
  csv_writer_add_int(writer, (gint64)row->accepted);
  csv_writer_add_int(writer, (gint64)row->duplicates);
  csv_writer_add_int(writer, (gint64)row->rejected);
  csv_writer_add_text(writer, row->note);
  csv_writer_end_row(writer);
}

static void rejects_add_row(CsvWriter *writer, const LedgerRejectRow *reject)
{
  csv_writer_add_text(writer, reject->file);
  csv_writer_add_int(writer, (gint64)reject->line);
  csv_writer_add_text(writer, reject->reason);
  csv_writer_add_text(writer, reject->excerpt);
  csv_writer_end_row(writer);
}

static gboolean block_stream_finish(BlockStream *bs, GError **error)
{
  gboolean ok = bs->error == NULL;
  if (!ok)
    g_propagate_error(error, g_steal_pointer(&bs->error));
  block_stream_clear(bs);
  return ok;
}

/* The entries in memory and the blocks' rows, merged in path order. */
static gboolean summary_add_rows(const IngestLedger *ledger, CsvWriter *writer, GError **error)
{
  g_autoptr(GPtrArray) sorted = sorted_view(ledger->files, entry_compare);
  BlockStream bs;
  block_stream_init(&bs, ledger, FALSE);
  guint i = 0;
  for (;;) {
    const IngestLedgerRow *block = block_stream_row(&bs);
    const IngestFileEntry *entry = i < sorted->len ? g_ptr_array_index(sorted, i) : NULL;
    if (entry == NULL && block == NULL)
      break;
    if (entry != NULL && (block == NULL || strcmp(entry->file, block->file) <= 0)) {
      IngestLedgerRow row = entry_row(entry);
      summary_add_row(writer, &row);
      i++;
    } else {
      summary_add_row(writer, block);
      bs.at++;
    }
  }
  return block_stream_finish(&bs, error);
}

/* The runs' rejects and the blocks', merged in path order. */
static gboolean rejects_add_rows(const IngestLedger *ledger, CsvWriter *writer, GError **error)
{
  RejectMerge merge;
  rejects_merge_init(&merge, ledger);
  BlockStream bs;
  block_stream_init(&bs, ledger, TRUE);
  for (;;) {
    const LedgerRejectRow *block = block_stream_reject(&bs);
    const LedgerRejectRow *own = rejects_merge_peek(&merge);
    if (own == NULL && block == NULL)
      break;
    if (own != NULL && (block == NULL || strcmp(own->file, block->file) <= 0)) {
      rejects_add_row(writer, own);
      rejects_merge_advance(&merge);
    } else {
      rejects_add_row(writer, block);
      bs.at++;
    }
  }
  gboolean ok = merge.error == NULL;
  if (!ok)
    g_propagate_error(error, g_steal_pointer(&merge.error));
  rejects_merge_clear(&merge);
  return block_stream_finish(&bs, ok ? error : NULL) && ok;
}

/* One of the two files the ledger writes: its header, and its rows. */
typedef struct {
  const char *const *header;
  gboolean (*add_rows)(const IngestLedger *ledger, CsvWriter *writer, GError **error);
} LedgerOutput;

static gboolean output_write(const IngestLedger *ledger, const LedgerOutput *out, const char *path,
                             GError **error)
{
  if (ledger->blocks == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT,
                "%s: the ledger's blocks were let go before it was written", path);
    return FALSE;
  }
  CsvWriter *writer = csv_writer_open(path, out->header, error);
  if (writer == NULL)
    return FALSE;
  if (!out->add_rows(ledger, writer, error)) {
    csv_writer_abort(writer);
    return FALSE;
  }
  return csv_writer_commit(writer, error);
}

gboolean ingest_ledger_write_summary(const IngestLedger *ledger, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_INGEST_SUMMARY_COLUMNS, NULL};
  static const LedgerOutput out = {header, summary_add_rows};
  return output_write(ledger, &out, path, error);
}

gboolean ingest_ledger_write_rejects(const IngestLedger *ledger, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_REJECTS_COLUMNS, NULL};
  static const LedgerOutput out = {header, rejects_add_rows};
  return output_write(ledger, &out, path, error);
}

void ingest_ledger_release_blocks(IngestLedger *ledger)
{
  if (ledger->spill_fd >= 0)
    close(ledger->spill_fd);
  ledger->spill_fd = -1;
  g_clear_pointer(&ledger->packed, g_byte_array_unref);
  g_clear_pointer(&ledger->blocks, g_array_unref);
  g_clear_pointer(&ledger->runs, g_array_unref);
  g_clear_pointer(&ledger->batch_keys, g_array_unref);
  g_clear_pointer(&ledger->batch, g_byte_array_unref);
}
