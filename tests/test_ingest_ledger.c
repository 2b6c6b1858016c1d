/* Tests of pipeline/ingest/ledger.c where it keeps files out of memory:
 * files handed over in blocks come out in ingest_summary.csv and
 * rejects.csv in path order among the others, whether the blocks wait in
 * a temporary file (which leaves nothing behind) or in memory, and they
 * count in the totals. */
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
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
