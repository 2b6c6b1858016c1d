/* Tests of pipeline/ingest/ledger.c where it keeps files out of memory:
 * files handed over in blocks come out in ingest_summary.csv and
 * rejects.csv in path order among the others, whether the blocks wait in
 * a temporary file (which leaves nothing behind) or in memory, and they
 * count in the totals; the other rejects, and those of a block given the
 * ledger, sorted in runs of a small batch, come out as if they had all been
 * kept, and hold no more than a batch. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "ingest/ledger.h"
#include "test_support.h"

#include <string.h>

#define KIND "linkedin export"

/* One ambassador's files, handed over in an order of their own. */
static void add_block(IngestLedger *ledger, const char *id)
{
  IngestLedgerBlock *block = ingest_ledger_block_new();
  g_autofree char *zip = g_strdup_printf("linkedin/%s/Export.zip", id);
  g_autofree char *shares = g_strdup_printf("linkedin/%s/Export.zip/Shares.csv", id);
  g_autofree char *conn = g_strdup_printf("linkedin/%s/Export.zip/Connections.csv", id);
  IngestFileEntry *e = ingest_ledger_block_add_file(block, zip, KIND);
  ingest_ledger_note(e, "zip archive of 2 files");
  e = ingest_ledger_block_add_file(block, shares, KIND);
  e->rows_read = 3;
  e->accepted = 2;
  e->duplicates = 1;
  e->encoding = g_strdup("UTF-8");
  e = ingest_ledger_block_add_file(block, conn, KIND);
  e->encoding = g_strdup("UTF-8 with BOM");
  ingest_ledger_block_reject(block, e, 9, "bad date: \"x\"", "a,b,x");
  ingest_ledger_block_reject(block, e, 4, "no key field", ",,");
  e->rows_read += 5;
  e->accepted += 5;
  ingest_ledger_add_block(ledger, block);
}

/* The same files as rows without entries, borrowing their strings. */
static void add_block_rows(IngestLedger *ledger, const char *id)
{
  IngestLedgerBlock *block = ingest_ledger_block_new();
  g_autofree char *zip = g_strdup_printf("linkedin/%s/Export.zip", id);
  g_autofree char *shares = g_strdup_printf("linkedin/%s/Export.zip/Shares.csv", id);
  g_autofree char *conn = g_strdup_printf("linkedin/%s/Export.zip/Connections.csv", id);
  const IngestLedgerRow rows[] = {
      {zip, KIND, NULL, "zip archive of 2 files", 0, 0, 0, 0},
      {shares, KIND, "UTF-8", "", 3, 2, 1, 0},
      {conn, KIND, "UTF-8 with BOM", "", 7, 5, 0, 2},
  };
  for (guint i = 0; i < G_N_ELEMENTS(rows); i++)
    ingest_ledger_block_add_row(block, &rows[i]);
  ingest_ledger_block_add_reject(block, conn, 9, "bad date: \"x\"", "a,b,x");
  ingest_ledger_block_add_reject(block, conn, 4, "no key field", ",,");
  /* Sealed while the strings live, as the LinkedIn reader does. */
  ingest_ledger_block_seal(block, FALSE);
  ingest_ledger_add_block(ledger, block);
}

static void fill_with(IngestLedger *ledger, void (*add)(IngestLedger *, const char *))
{
  IngestFileEntry *roster = ingest_ledger_add_file(ledger, "roster.csv", "roster");
  ingest_ledger_accept(roster);
  ingest_ledger_reject(ledger, roster, 2, "unknown program", "x;y");
  /* Blocks handed over in ambassador order: "a1" before "a1-x", though
   * "linkedin/a1-x/" comes first in path order. */
  add(ledger, "a1");
  add(ledger, "a1-x");
  IngestFileEntry *loose = ingest_ledger_add_file(ledger, "linkedin/a1/notes.txt", KIND);
  ingest_ledger_note(loose, "not used");
}

static void fill(IngestLedger *ledger)
{
  fill_with(ledger, add_block);
}

static const char summary_want[] =
    "file,kind,encoding,rows_read,accepted,duplicates,rejected,note\n"
    "linkedin/a1-x/Export.zip,linkedin export,,0,0,0,0,zip archive of 2 files\n"
    "linkedin/a1-x/Export.zip/Connections.csv,linkedin export,UTF-8 with BOM,7,5,0,2,\n"
    "linkedin/a1-x/Export.zip/Shares.csv,linkedin export,UTF-8,3,2,1,0,\n"
    "linkedin/a1/Export.zip,linkedin export,,0,0,0,0,zip archive of 2 files\n"
    "linkedin/a1/Export.zip/Connections.csv,linkedin export,UTF-8 with BOM,7,5,0,2,\n"
    "linkedin/a1/Export.zip/Shares.csv,linkedin export,UTF-8,3,2,1,0,\n"
    "linkedin/a1/notes.txt,linkedin export,,0,0,0,0,not used\n"
    "roster.csv,roster,,2,1,0,1,\n";

static const char rejects_want[] =
    "file,line,reason,excerpt\n"
    "linkedin/a1-x/Export.zip/Connections.csv,4,no key field,\",,\"\n"
    "linkedin/a1-x/Export.zip/Connections.csv,9,\"bad date: \"\"x\"\"\",\"a,b,x\"\n"
    "linkedin/a1/Export.zip/Connections.csv,4,no key field,\",,\"\n"
    "linkedin/a1/Export.zip/Connections.csv,9,\"bad date: \"\"x\"\"\",\"a,b,x\"\n"
    "roster.csv,2,unknown program,x;y\n";

static void assert_written(IngestLedger *ledger, const char *dir)
{
  g_autofree char *summary = g_build_filename(dir, "summary.csv", NULL);
  g_autofree char *rejects = g_build_filename(dir, "rejects.csv", NULL);
  g_autoptr(GError) error = NULL;
  assert_true(ingest_ledger_write_summary(ledger, summary, &error));
  assert_true(ingest_ledger_write_rejects(ledger, rejects, &error));
  g_autofree char *summary_text = test_tree_read(dir, "summary.csv");
  g_autofree char *rejects_text = test_tree_read(dir, "rejects.csv");
  assert_string_equal(summary_text, summary_want);
  assert_string_equal(rejects_text, rejects_want);
}

static guint count_files(const char *dir)
{
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  guint n = 0;
  while (d != NULL && g_dir_read_name(d) != NULL)
    n++;
  return n;
}

/* The counts of the files fill() adds: 6 files, 20 rows read, 14 accepted,
 * 2 duplicates, 4 rejected. */
static void assert_filled_counts(const IngestLedger *ledger)
{
  IngestLedgerCounts counts;
  ingest_ledger_block_counts(ledger, &counts);
  assert_int_equal(counts.files, 6);
  assert_int_equal(counts.rows_read, 20);
  assert_int_equal(counts.accepted, 14);
  assert_int_equal(counts.duplicates, 2);
  assert_int_equal(counts.rejected, 4);
}

/* A ledger that spills its blocks to a temporary file in dir/normalized. */
static IngestLedger *ledger_spilled_new(const char *dir)
{
  g_autofree char *spill = g_build_filename(dir, "normalized", NULL);
  IngestLedger *ledger = ingest_ledger_new();
  ingest_ledger_spill_to(ledger, spill);
  return ledger;
}

static void test_blocks_spilled_to_a_file(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  g_autofree char *spill = g_build_filename(dir, "normalized", NULL);
  IngestLedger *ledger = ingest_ledger_new();
  ingest_ledger_spill_to(ledger, spill);
  fill(ledger);
  /* The temporary file has no name: a crash leaves nothing behind. */
  assert_int_equal(count_files(spill), 0);
  assert_written(ledger, dir);
  assert_filled_counts(ledger);
  ingest_ledger_free(ledger);
  test_tree_remove(dir);
}

static void test_blocks_in_memory(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  IngestLedger *ledger = ingest_ledger_new();
  fill(ledger);
  assert_written(ledger, dir);
  ingest_ledger_free(ledger);
  test_tree_remove(dir);
}

/* Rows handed over without entries come out as the entries do. */
static void test_block_rows(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  IngestLedger *ledger = ledger_spilled_new(dir);
  fill_with(ledger, add_block_rows);
  assert_written(ledger, dir);
  assert_filled_counts(ledger);
  ingest_ledger_free(ledger);
  test_tree_remove(dir);
}

/* Two readers at once: one adds rejects of its file while the other adds
 * files, rejects and blocks; a file's rejects stay in its reader's order. */
typedef struct {
  IngestLedger *ledger;
  IngestFileEntry *entry;
} RejectsAdder;

#define N_THREADED 2000

static gpointer rejects_add_many(gpointer data)
{
  RejectsAdder *adder = data;
  for (guint i = 0; i < N_THREADED; i++) {
    g_autofree char *excerpt = g_strdup_printf("row %u", i);
    ingest_ledger_reject(adder->ledger, adder->entry, 7, "same line", excerpt);
  }
  return NULL;
}

static void test_two_readers_at_once(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  IngestLedger *ledger = ledger_spilled_new(dir);
  RejectsAdder adder = {ledger, ingest_ledger_add_file(ledger, "ssi/a.csv", "ssi")};
  GThread *thread = g_thread_new("rejects", rejects_add_many, &adder);
  for (guint i = 0; i < N_THREADED; i++) {
    g_autofree char *name = g_strdup_printf("linkedin/zz%04u.txt", i);
    IngestFileEntry *e = ingest_ledger_add_file(ledger, name, KIND);
    ingest_ledger_reject(ledger, e, 1, "not a regular file", "");
    if (i % 100 == 0) {
      g_autofree char *id = g_strdup_printf("b%04u", i);
      add_block(ledger, id);
    }
  }
  g_thread_join(thread);
  g_autofree char *rejects = g_build_filename(dir, "rejects.csv", NULL);
  g_autoptr(GError) error = NULL;
  assert_true(ingest_ledger_write_rejects(ledger, rejects, &error));
  g_autofree char *text = test_tree_read(dir, "rejects.csv");
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  /* Header, 20 blocks of 2, N_THREADED of each reader, and the end. */
  assert_int_equal(g_strv_length(lines), 1 + 40 + 2 * N_THREADED + 1);
  const guint first = 1 + 40 + N_THREADED;
  for (guint i = 0; i < N_THREADED; i++) {
    g_autofree char *want = g_strdup_printf("ssi/a.csv,7,same line,row %u", i);
    assert_string_equal(lines[first + i], want);
  }
  IngestLedgerCounts counts;
  ingest_ledger_block_counts(ledger, &counts);
  assert_int_equal(counts.files, 60);
  assert_int_equal(adder.entry->rejected, N_THREADED);
  ingest_ledger_free(ledger);
  test_tree_remove(dir);
}

/* --- Rejects in runs --------------------------------------------------------
 * Rejects of ordinary files from two readers, lines out of order with
 * several rejects on one line, among blocks whose paths fall between
 * theirs; the expected rejects.csv is sorted here from what was added. */

typedef struct {
  char *file;
  guint64 line;
  guint seq; /* in its file */
  char *text;
} WantReject;

static void want_reject_clear(gpointer data)
{
  WantReject *w = data;
  g_free(w->file);
  g_free(w->text);
}

static gint want_reject_compare(gconstpointer a, gconstpointer b)
{
  const WantReject *x = a, *y = b;
  int by_file = strcmp(x->file, y->file);
  if (by_file != 0)
    return by_file;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static GArray *want_new(void)
{
  GArray *want = g_array_new(FALSE, FALSE, sizeof(WantReject));
  g_array_set_clear_func(want, want_reject_clear);
  return want;
}

static void want_add(GArray *want, const char *file, guint64 line, guint seq, char *text)
{
  WantReject w = {g_strdup(file), line, seq, text};
  g_array_append_val(want, w);
}

/* The rows wanted, as rejects.csv lists them. */
static char *want_text(GArray *want)
{
  g_array_sort(want, want_reject_compare);
  GString *text = g_string_new("file,line,reason,excerpt\n");
  for (guint i = 0; i < want->len; i++)
    g_string_append_printf(text, "%s\n", g_array_index(want, WantReject, i).text);
  return g_string_free(text, FALSE);
}

#define N_MIXED 3000

/* One reader: its files, each of whose rejects it adds alone. */
typedef struct {
  IngestLedger *ledger;
  IngestFileEntry *entries[3];
  guint n_entries;
  GArray *want; /* WantReject, this reader's */
} MixedReader;

/* Lines 2..102 out of order, each about 30 times. */
static void mixed_reject(MixedReader *r, guint i)
{
  IngestFileEntry *e = r->entries[i % r->n_entries];
  guint64 line = (i * 37) % 101 + 2;
  const char *reason = i % 3 == 0 ? "bad date" : "no key field";
  g_autofree char *excerpt = g_strdup_printf("%s row %u", e->file, i);
  ingest_ledger_reject(r->ledger, e, line, reason, excerpt);
  want_add(r->want, e->file, line, i,
           g_strdup_printf("%s,%" G_GUINT64_FORMAT ",%s,%s", e->file, line, reason, excerpt));
}

static gpointer mixed_read(gpointer data)
{
  MixedReader *r = data;
  for (guint i = 0; i < N_MIXED; i++)
    mixed_reject(r, i);
  return NULL;
}

/* add_block, and its two rejects of Connections.csv as wanted. */
static void mixed_block(MixedReader *r, const char *id)
{
  add_block(r->ledger, id);
  g_autofree char *file = g_strdup_printf("linkedin/%s/Export.zip/Connections.csv", id);
  want_add(r->want, file, 9, 0, g_strdup_printf("%s,9,\"bad date: \"\"x\"\"\",\"a,b,x\"", file));
  want_add(r->want, file, 4, 1, g_strdup_printf("%s,4,no key field,\",,\"", file));
}

/* While one reader adds rejects of ssi/ files, the other adds rejects of
 * files whose paths fall before, between and after those of the blocks it
 * hands over meanwhile ("linkedin/a1-x.txt" < "linkedin/a1-x/..." <
 * "linkedin/a1/Export.zip/..." < "linkedin/a1/notes.txt"). */
static char *mixed_fill(IngestLedger *ledger)
{
  g_autoptr(GArray) want = want_new();
  g_autoptr(GArray) ssi_want = want_new();
  MixedReader ssi = {ledger, {NULL}, 2, ssi_want};
  ssi.entries[0] = ingest_ledger_add_file(ledger, "ssi/c.csv", "ssi");
  ssi.entries[1] = ingest_ledger_add_file(ledger, "ssi/a.csv", "ssi");
  MixedReader other = {ledger, {NULL}, 3, want};
  other.entries[0] = ingest_ledger_add_file(ledger, "linkedin/a1/notes.txt", KIND);
  other.entries[1] = ingest_ledger_add_file(ledger, "posts/b.csv", "posts");
  other.entries[2] = ingest_ledger_add_file(ledger, "linkedin/a1-x.txt", KIND);
  GThread *thread = g_thread_new("rejects", mixed_read, &ssi);
  for (guint i = 0; i < N_MIXED; i++) {
    mixed_reject(&other, i);
    if (i == N_MIXED / 3)
      mixed_block(&other, "a1");
    if (i == N_MIXED / 2)
      mixed_block(&other, "a1-x");
  }
  g_thread_join(thread);
  for (guint i = 0; i < ssi_want->len; i++) {
    WantReject *w = &g_array_index(ssi_want, WantReject, i);
    want_add(want, w->file, w->line, w->seq, g_steal_pointer(&w->text));
  }
  return want_text(want);
}

static char *rejects_written(IngestLedger *ledger, const char *dir)
{
  g_autofree char *path = g_build_filename(dir, "rejects.csv", NULL);
  g_autoptr(GError) error = NULL;
  assert_true(ingest_ledger_write_rejects(ledger, path, &error));
  assert_null(error);
  return test_tree_read(dir, "rejects.csv");
}

/* The same rejects.csv whether the rejects went in small batches into the
 * temporary file, stayed in memory in small runs, or in one batch. */
static void test_rejects_in_runs_as_in_one_batch(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  const gsize batches[] = {512, 512, 0};
  const gboolean spills[] = {TRUE, FALSE, FALSE};
  for (guint i = 0; i < G_N_ELEMENTS(batches); i++) {
    IngestLedger *ledger = spills[i] ? ledger_spilled_new(dir) : ingest_ledger_new();
    if (batches[i] > 0)
      ingest_ledger_set_batch_bytes(ledger, batches[i]);
    g_autofree char *want = mixed_fill(ledger);
    g_autofree char *text = rejects_written(ledger, dir);
    assert_string_equal(text, want);
    /* Header, 2 x 2 blocks' rejects, and 2 x N_MIXED of the readers. */
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    assert_int_equal(g_strv_length(lines), 1 + 4 + 2 * N_MIXED + 1);
    assert_string_equal(lines[1], "linkedin/a1-x.txt,2,no key field,linkedin/a1-x.txt row 101");
    assert_string_equal(lines[2], "linkedin/a1-x.txt,2,no key field,linkedin/a1-x.txt row 404");
    /* Spilled, only the batch is held; in memory, every reject. */
    guint64 held = ingest_ledger_rejects_in_memory(ledger);
    if (spills[i])
      assert_true(held < 512);
    else
      assert_true(held > 2 * N_MIXED * strlen("ssi/a.csv row 1000"));
    ingest_ledger_free(ledger);
  }
  test_tree_remove(dir);
}

/* Runs read back a chunk at a time: rejects across chunks, and one longer
 * than a chunk, come out whole. */
static void test_runs_read_back_in_chunks(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  g_autofree char *long_reason = g_strnfill(100000, 'r');
  g_autoptr(GArray) want = want_new();
  IngestLedger *ledger = ledger_spilled_new(dir);
  ingest_ledger_set_batch_bytes(ledger, 256 * 1024);
  IngestFileEntry *e = ingest_ledger_add_file(ledger, "ssi/a.csv", "ssi");
  for (guint i = 0; i < 30000; i++) {
    const char *reason = i == 20000 ? long_reason : "unknown ambassador";
    guint64 line = 30002 - i;
    g_autofree char *excerpt = g_strdup_printf("zzz-%07u;Niemand Bekannt;15.06.2023", i);
    ingest_ledger_reject(ledger, e, line, reason, excerpt);
    want_add(want, e->file, line, i,
             g_strdup_printf("ssi/a.csv,%" G_GUINT64_FORMAT ",%s,%s", line, reason, excerpt));
  }
  g_autofree char *expected = want_text(want);
  g_autofree char *text = rejects_written(ledger, dir);
  assert_string_equal(text, expected);
  assert_int_equal(e->rejected, 30000);
  assert_int_equal(e->rows_read, 30000);
  ingest_ledger_free(ledger);
  test_tree_remove(dir);
}

/* A million-row file of bad rows must not be held: spilled, the rejects
 * in memory never reach the batch, however many are added. */
static void test_rejects_held_stay_under_a_batch(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  IngestLedger *ledger = ledger_spilled_new(dir);
  ingest_ledger_set_batch_bytes(ledger, 4096);
  IngestFileEntry *e = ingest_ledger_add_file(ledger, "posts/x.csv", "posts");
  guint64 most = 0;
  for (guint i = 0; i < 20000; i++) {
    ingest_ledger_reject(ledger, e, i + 2, "bad date: not a date: \"99.99.2026\"",
                         "Thomas Engel;99.99.2026;https://www.linkedin.com/feed/update/1");
    most = MAX(most, ingest_ledger_rejects_in_memory(ledger));
  }
  assert_true(most > 3000);
  assert_true(most < 4096);
  assert_int_equal(count_files(dir), 1); /* normalized/ only: the runs' file has no name */
  g_autofree char *text = rejects_written(ledger, dir);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  assert_int_equal(g_strv_length(lines), 1 + 20000 + 1);
  assert_string_equal(lines[20000],
                      "posts/x.csv,20001,\"bad date: not a date: \"\"99.99.2026\"\"\","
                      "Thomas Engel;99.99.2026;https://www.linkedin.com/feed/update/1");
  ingest_ledger_free(ledger);
  test_tree_remove(dir);
}

/* --- A block's rejects in runs ----------------------------------------------
 * One ambassador's block of many rejects across several files (with and
 * without entries, lines out of order, several on one line), the ledger's
 * own rejects of files before, inside and after its folder added between
 * them, and a small block beside it. */

#define N_BLOCK 3000

typedef struct {
  IngestLedgerBlock *block;
  IngestFileEntry *entry; /* Connections.csv, counted by the block */
  const char *files[2];   /* rejects added without an entry, counted by rows */
} BigBlock;

static void big_block_reject(BigBlock *b, GArray *want, guint i)
{
  guint64 line = (i * 37) % 211 + 2;
  g_autofree char *excerpt = g_strdup_printf("row %u,LIKE,https://www.linkedin.com/x/%u", i, i);
  const char *file = i % 3 == 0 ? b->entry->file : b->files[i % 3 - 1];
  if (i % 3 == 0)
    ingest_ledger_block_reject(b->block, b->entry, line, "bad date", excerpt);
  else
    ingest_ledger_block_add_reject(b->block, file, line, "more than max", excerpt);
  want_add(want, file, line, i,
           g_strdup_printf("%s,%" G_GUINT64_FORMAT ",%s,\"%s\"", file, line,
                           i % 3 == 0 ? "bad date" : "more than max", excerpt));
}

/* The ledger's own reject i of one of three files around linkedin/a1/. */
static void own_reject(IngestLedger *ledger, IngestFileEntry **own, GArray *want, guint i)
{
  IngestFileEntry *e = own[i % 3];
  guint64 line = i % 7 + 2;
  g_autofree char *excerpt = g_strdup_printf("own %u", i);
  ingest_ledger_reject(ledger, e, line, "unknown ambassador", excerpt);
  want_add(
      want, e->file, line, i,
      g_strdup_printf("%s,%" G_GUINT64_FORMAT ",unknown ambassador,%s", e->file, line, excerpt));
}

/* Fills the ledger; *most is the most the big block held in memory. */
static char *block_fill(IngestLedger *ledger, gboolean into_runs, guint64 *most)
{
  static const char reactions[] = "linkedin/a1/E2/Reactions.csv";
  static const char shares[] = "linkedin/a1/E1.zip/Shares.csv";
  g_autoptr(GArray) want = want_new();
  IngestFileEntry *own[3] = {ingest_ledger_add_file(ledger, "linkedin/a1-x.txt", KIND),
                             ingest_ledger_add_file(ledger, "linkedin/a1/notes.txt", KIND),
                             ingest_ledger_add_file(ledger, "ssi/a.csv", "ssi")};
  BigBlock b = {ingest_ledger_block_new(), NULL, {reactions, shares}};
  if (into_runs)
    ingest_ledger_block_spill_into(b.block, ledger);
  b.entry = ingest_ledger_block_add_file(b.block, "linkedin/a1/E1.zip/Connections.csv", KIND);
  *most = 0;
  for (guint i = 0; i < N_BLOCK; i++) {
    big_block_reject(&b, want, i);
    if (i % 10 == 0)
      own_reject(ledger, own, want, i);
    *most = MAX(*most, ingest_ledger_block_rejects_in_memory(b.block));
  }
  const IngestLedgerRow rows[] = {
      {reactions, KIND, "UTF-8", "", N_BLOCK / 3, 0, 0, N_BLOCK / 3},
      {shares, KIND, "UTF-8", "", N_BLOCK / 3 + 5, 5, 0, N_BLOCK / 3},
  };
  for (guint i = 0; i < G_N_ELEMENTS(rows); i++)
    ingest_ledger_block_add_row(b.block, &rows[i]);
  ingest_ledger_block_seal(b.block, FALSE);
  ingest_ledger_add_block(ledger, b.block);
  mixed_block(&(MixedReader){ledger, {NULL}, 0, want}, "a1-x");
  return want_text(want);
}

/* The same rejects.csv and summary whether the big block's rejects went
 * into runs in the temporary file, into runs in memory, or stayed whole;
 * in runs, the block never holds a batch's worth. */
static void test_block_rejects_in_runs_as_in_one_block(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  const gboolean spills[] = {TRUE, FALSE, TRUE};
  const gboolean into_runs[] = {TRUE, TRUE, FALSE};
  g_autofree char *first_summary = NULL;
  for (guint i = 0; i < G_N_ELEMENTS(spills); i++) {
    IngestLedger *ledger = spills[i] ? ledger_spilled_new(dir) : ingest_ledger_new();
    ingest_ledger_set_batch_bytes(ledger, 2048);
    guint64 most = 0;
    g_autofree char *want = block_fill(ledger, into_runs[i], &most);
    g_autofree char *text = rejects_written(ledger, dir);
    assert_string_equal(text, want);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    /* Header, the big block's, the ledger's own, a1-x's 2, and the end. */
    assert_int_equal(g_strv_length(lines), 1 + N_BLOCK + N_BLOCK / 10 + 2 + 1);
    assert_string_equal(lines[1], "linkedin/a1-x.txt,2,unknown ambassador,own 0");
    if (into_runs[i]) {
      assert_true(most > 1500);
      assert_true(most < 2048);
    } else {
      assert_true(most > N_BLOCK * strlen("row 1000,LIKE,https://www.linkedin.com/x/1000"));
    }
    g_autofree char *summary = g_build_filename(dir, "summary.csv", NULL);
    g_autoptr(GError) error = NULL;
    assert_true(ingest_ledger_write_summary(ledger, summary, &error));
    g_autofree char *summary_text = test_tree_read(dir, "summary.csv");
    assert_non_null(strstr(summary_text, "linkedin/a1/E1.zip/Connections.csv,linkedin export,,"
                                         "1000,0,0,1000,\n"));
    if (first_summary == NULL)
      first_summary = g_strdup(summary_text);
    assert_string_equal(summary_text, first_summary);
    ingest_ledger_free(ledger);
  }
  test_tree_remove(dir);
}

/* Rejects dropped (an ambassador read again) are not listed, neither are
 * those of a block freed without being handed over. */
static void test_block_rejects_dropped(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  IngestLedger *ledger = ledger_spilled_new(dir);
  ingest_ledger_set_batch_bytes(ledger, 512);
  IngestLedgerBlock *lost = ingest_ledger_block_new();
  ingest_ledger_block_spill_into(lost, ledger);
  IngestLedgerBlock *block = ingest_ledger_block_new();
  ingest_ledger_block_spill_into(block, ledger);
  const char *file = "linkedin/a1/E1/Reactions.csv";
  for (guint i = 0; i < 1000; i++) {
    ingest_ledger_block_add_reject(block, file, i + 2, "first reading", "x");
    ingest_ledger_block_add_reject(lost, "linkedin/a2/E1/Reactions.csv", i + 2, "lost", "y");
  }
  ingest_ledger_block_free(lost);
  ingest_ledger_block_drop_rejects(block);
  assert_int_equal(ingest_ledger_block_rejects_in_memory(block), 0);
  ingest_ledger_block_add_reject(block, file, 3, "read again", "b");
  ingest_ledger_block_add_reject(block, file, 2, "read again", "a");
  const IngestLedgerRow row = {file, KIND, "UTF-8", "", 2, 0, 0, 2};
  ingest_ledger_block_add_row(block, &row);
  ingest_ledger_add_block(ledger, block);
  g_autofree char *text = rejects_written(ledger, dir);
  assert_string_equal(text, "file,line,reason,excerpt\n"
                            "linkedin/a1/E1/Reactions.csv,2,read again,a\n"
                            "linkedin/a1/E1/Reactions.csv,3,read again,b\n");
  ingest_ledger_free(ledger);
  test_tree_remove(dir);
}

/* Once written, the blocks go; writing again is an error, the counts stay. */
static void test_released_blocks_are_not_written_again(void **state)
{
  (void)state;
  g_autofree char *dir = test_tree_new("ssi-ledger");
  IngestLedger *ledger = ledger_spilled_new(dir);
  fill(ledger);
  assert_written(ledger, dir);
  ingest_ledger_release_blocks(ledger);
  ingest_ledger_release_blocks(ledger);
  assert_filled_counts(ledger);
  g_autofree char *summary = g_build_filename(dir, "again.csv", NULL);
  g_autoptr(GError) error = NULL;
  assert_false(ingest_ledger_write_summary(ledger, summary, &error));
  g_autofree char *message =
      g_strdup_printf("%s: the ledger's blocks were let go before it was written", summary);
  assert_string_equal(error->message, message);
  ingest_ledger_free(ledger);
  test_tree_remove(dir);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_block_rows),
      cmocka_unit_test(test_blocks_spilled_to_a_file),
      cmocka_unit_test(test_blocks_in_memory),
      cmocka_unit_test(test_two_readers_at_once),
      cmocka_unit_test(test_released_blocks_are_not_written_again),
      cmocka_unit_test(test_rejects_in_runs_as_in_one_batch),
      cmocka_unit_test(test_runs_read_back_in_chunks),
      cmocka_unit_test(test_rejects_held_stay_under_a_batch),
      cmocka_unit_test(test_block_rejects_in_runs_as_in_one_block),
      cmocka_unit_test(test_block_rejects_dropped),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
