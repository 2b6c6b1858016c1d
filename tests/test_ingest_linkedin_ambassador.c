/* Tests of pipeline/ingest/linkedin_ambassador.c: reading an ambassador's
 * exports over what the cache kept of the older ones gives exactly what
 * reading them all gives (events, every file's accepted and duplicate
 * rows, the newest export, coverage), reads only the new export, and reads
 * everything again when a kept export changed; under max_linkedin_events the
 * same rows are rejected either way; rejects go into a ledger block as they
 * are read, and an ambassador with more than a cache entry keeps is read
 * afresh every time. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "ingest/dates.h"
#include "ingest/linkedin_ambassador.h"
#include "test_support.h"

#include <string.h>

#define CONNECTIONS_HEADER "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
#define SHARES_HEADER "Date,ShareLink,ShareCommentary\n"
#define PROFILE_HEADER                                                                             \
  "First Name,Last Name,Headline,Summary,Industry,Geo Location,Twitter Handles,Websites\n"

/* Oldest first. The hidden profile (no names) is there 3, 1 and 4 times:
 * the newest export's 4 copies outnumber the oldest's 3, so a cached
 * result of the two older exports must give up the oldest's 2 accepted. */
static const struct {
  const char *name;
  guint32 day_offset;
  const char *connections;
  const char *shares;
  const char *profile;
} exports[] = {
    {"E1", 0,
     CONNECTIONS_HEADER "Anna,Berg,,,Berg AG,Sales,08 Feb 2026\n"
                        ",,,,,,07 Jun 2026\n,,,,,,07 Jun 2026\n,,,,,,07 Jun 2026\n"
                        "Ben,Ott,,,Ott KG,Architect,09 Feb 2026\n",
     NULL, NULL},
    {"E2", 30,
     CONNECTIONS_HEADER "Anna,Berg,,,Berg AG,CEO,08 Feb 2026\n,,,,,,07 Jun 2026\n"
                        "Ben,Ott,,,Ott KG,Architect,09 Feb 2026\n"
                        "Carl,Marx,,,Marx SE,Planner,10 Mar 2026\n",
     SHARES_HEADER "2026-03-01 10:00:00,https://li/p/1,Hello\n",
     PROFILE_HEADER "Anna,Berg,,,,,,\n"},
    {"E3", 60,
     CONNECTIONS_HEADER
     "Anna,Berg,,,Berg AG,CTO,08 Feb 2026\n"
     ",,,,,,07 Jun 2026\n,,,,,,07 Jun 2026\n,,,,,,07 Jun 2026\n,,,,,,07 Jun 2026\n"
     "Dora,Lind,,,Lind AB,Architect,01 Jul 2026\n",
     SHARES_HEADER "2026-03-02 09:00:00,https://li/p/1,Hello again\n",
     PROFILE_HEADER "Anna,Berg-Lind,Architect,,Construction,,,\n"},
};

typedef struct {
  char *tree;
  GPtrArray *files; /* IngestTreeFile of the tree */
  char *work;
  IngestCache *cache;
  guint max_events; /* [ingest] max_linkedin_events the exports are read under */
} Fixture;

static void write_export(const Fixture *f, guint i, const char *connections)
{
  g_autofree char *dir = g_strdup_printf("linkedin/a1/%s", exports[i].name);
  g_autofree char *conn = g_strconcat(dir, "/Connections.csv", NULL);
  test_tree_write(f->tree, conn, connections);
  if (exports[i].shares != NULL) {
    g_autofree char *shares = g_strconcat(dir, "/Shares.csv", NULL);
    test_tree_write(f->tree, shares, exports[i].shares);
  }
  if (exports[i].profile != NULL) {
    g_autofree char *profile = g_strconcat(dir, "/Profile.csv", NULL);
    test_tree_write(f->tree, profile, exports[i].profile);
  }
}

static int setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->tree = test_tree_new("ssi-li-ambassador");
  f->work = g_build_filename(f->tree, "work", NULL);
  f->cache = ingest_cache_open(f->work);
  f->max_events = 500000;
  for (guint i = 0; i < G_N_ELEMENTS(exports); i++)
    write_export(f, i, exports[i].connections);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fixture *f = *state;
  if (f->files != NULL)
    g_ptr_array_unref(f->files);
  ingest_cache_free(f->cache);
  test_tree_remove(f->tree);
  g_free(f->work);
  g_free(f->tree);
  g_free(f);
  return 0;
}

static void export_free(gpointer data)
{
  IngestLinkedinExport *export = data;
  for (guint i = 0; i < export->files->len; i++)
    g_free(g_ptr_array_index(export->files, i));
  g_ptr_array_unref(export->files);
  g_free(export->path);
  g_free(export);
}

static void ambassador_free(IngestLinkedinAmbassador *a)
{
  g_free(a->id);
  g_ptr_array_unref(a->exports);
  g_ptr_array_unref(a->loose);
  g_free(a);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestLinkedinAmbassador, ambassador_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestLinkedinResult, ingest_linkedin_result_free)

/* The n oldest exports as the tree holds them now, newest first. */
static IngestLinkedinAmbassador *ambassador_new(Fixture *f, guint n)
{
  if (f->files != NULL)
    g_ptr_array_unref(f->files);
  f->files = ingest_tree_walk(f->tree, NULL);
  assert_non_null(f->files);
  IngestLinkedinAmbassador *a = g_new0(IngestLinkedinAmbassador, 1);
  a->id = g_strdup("a1");
  a->exports = g_ptr_array_new_with_free_func(export_free);
  a->loose = g_ptr_array_new();
  GDate base;
  g_date_clear(&base, 1);
  g_date_set_dmy(&base, 1, G_DATE_JULY, 2026);
  for (guint i = n; i-- > 0;) {
    IngestLinkedinExport *export = g_new0(IngestLinkedinExport, 1);
    export->path = g_strdup_printf("linkedin/a1/%s", exports[i].name);
    export->day = g_date_get_julian(&base) + exports[i].day_offset;
    export->files = g_ptr_array_new();
    g_autofree char *prefix = g_strconcat(export->path, "/", NULL);
    for (guint t = 0; t < f->files->len; t++) {
      IngestTreeFile *tree = g_ptr_array_index(f->files, t);
      if (!g_str_has_prefix(tree->path, prefix))
        continue;
      IngestLinkedinFile *file = g_new0(IngestLinkedinFile, 1);
      file->tree = tree;
      g_ptr_array_add(export->files, file);
    }
    g_ptr_array_add(a->exports, export);
  }
  return a;
}

/* Everything the ledger and li_*.csv take from a result, as text. */
static char *result_text(const IngestLinkedinResult *r)
{
  GString *out = g_string_new(NULL);
  for (guint e = 0; e < r->exports->len; e++) {
    const IngestLinkedinExportResult *er = g_ptr_array_index(r->exports, e);
    for (guint i = 0; i < er->reports->len; i++) {
      const IngestLinkedinFileReport *rep = g_ptr_array_index(er->reports, i);
      const IngestFileEntry *t = &rep->tally;
      g_string_append_printf(out,
                             "%s read %" G_GUINT64_FORMAT " acc %" G_GUINT64_FORMAT
                             " dup %" G_GUINT64_FORMAT " rej %" G_GUINT64_FORMAT "%s\n",
                             t->file, t->rows_read, t->accepted, t->duplicates, t->rejected,
                             ingest_linkedin_result_superseded(r, rep) ? " superseded" : "");
      for (guint k = 0; k < ingest_linkedin_report_n_rejects(rep); k++) {
        const IngestLinkedinReject *reject = g_ptr_array_index(rep->rejects, k);
        g_string_append_printf(out, "  %" G_GUINT64_FORMAT ":%s\n", reject->line, reject->reason);
      }
    }
  }
  for (int kind = LINKEDIN_CONNECTIONS; kind <= LINKEDIN_SHARES; kind++) {
    g_autoptr(GPtrArray) events = ingest_linkedin_events_sorted(r->events, kind);
    for (guint i = 0; i < events->len; i++) {
      const IngestLinkedinEvent *ev = g_ptr_array_index(events, i);
      GDate date;
      char day[11];
      g_date_clear(&date, 1);
      g_date_set_julian(&date, ev->day);
      ingest_date_format(&date, day);
      g_string_append_printf(out, "%s", day);
      for (guint k = 0; k < ingest_linkedin_kind_n_fields(kind); k++)
        g_string_append_printf(out, "|%s", ev->fields[k]);
      g_string_append_printf(out, "|%u\n", ev->count);
    }
  }
  g_string_append_printf(out, "newest %s, covered until %u, profile %s %s\n",
                         ingest_linkedin_result_newest_export(r), r->covered_until,
                         r->profile.first_name, r->profile.last_name);
  return g_string_free(out, FALSE);
}

static char *read_text(Fixture *f, guint n, IngestCache *cache, guint *exports_read)
{
  g_autoptr(IngestLinkedinAmbassador) a = ambassador_new(f, n);
  g_autoptr(IngestLinkedinResult) r =
      ingest_linkedin_ambassador_read(a, cache, f->max_events, NULL);
  if (exports_read != NULL)
    *exports_read = r->exports_read;
  return result_text(r);
}

static const char *const want_accounting =
    "linkedin/a1/E3/Connections.csv read 6 acc 6 dup 0 rej 0\n"
    "linkedin/a1/E3/Profile.csv read 1 acc 1 dup 0 rej 0\n"
    "linkedin/a1/E3/Shares.csv read 1 acc 1 dup 0 rej 0\n"
    "linkedin/a1/E2/Connections.csv read 4 acc 2 dup 2 rej 0\n"
    "linkedin/a1/E2/Profile.csv read 1 acc 1 dup 0 rej 0 superseded\n"
    "linkedin/a1/E2/Shares.csv read 1 acc 0 dup 1 rej 0\n"
    "linkedin/a1/E1/Connections.csv read 5 acc 0 dup 5 rej 0\n";

/* Read from scratch, the figures worked out by hand. */
static void test_cold_reading(void **state)
{
  Fixture *f = *state;
  g_autofree char *text = read_text(f, 3, NULL, NULL);
  assert_true(g_str_has_prefix(text, want_accounting));
  assert_non_null(strstr(text, "2026-06-07||||||4\n"));                   /* 4 hidden copies */
  assert_non_null(strstr(text, "2026-02-08|Anna|Berg||Berg AG|CTO|1\n")); /* newest position */
  assert_non_null(strstr(text, "2026-03-02|1\n")); /* the newest share date */
  assert_non_null(strstr(text, "profile Anna Berg-Lind\n"));
}

/* Reading the three exports over what the cache holds reads expected_read
 * of them and gives the cold reading; reading them once more reads none. */
static void assert_cached_reading_as_cold(Fixture *f, const char *cold, guint expected_read)
{
  guint read = 0;
  g_autofree char *incremental = read_text(f, 3, f->cache, &read);
  assert_int_equal(read, expected_read);
  assert_string_equal(incremental, cold);
  g_autofree char *again = read_text(f, 3, f->cache, &read);
  assert_int_equal(read, 0);
  assert_string_equal(again, cold);
}

static void test_new_export_over_cache(void **state)
{
  Fixture *f = *state;
  g_autofree char *cold = read_text(f, 3, NULL, NULL);
  guint read = 0;
  g_autofree char *older = read_text(f, 2, f->cache, &read);
  assert_int_equal(read, 2);
  assert_cached_reading_as_cold(f, cold, 1);
}

/* The oldest export changed after it was cached: all are read again. */
static void test_changed_export_read_again(void **state)
{
  Fixture *f = *state;
  guint read = 0;
  g_autofree char *cached = read_text(f, 3, f->cache, &read);
  write_export(f, 0,
               CONNECTIONS_HEADER ",,,,,,07 Jun 2026\n,,,,,,07 Jun 2026\n"
                                  ",,,,,,07 Jun 2026\n,,,,,,07 Jun 2026\n"
                                  ",,,,,,07 Jun 2026\n");
  g_autofree char *cold = read_text(f, 3, NULL, NULL);
  g_autofree char *again = read_text(f, 3, f->cache, &read);
  assert_int_equal(read, 3);
  assert_string_equal(again, cold);
  /* Five hidden copies in the oldest export: one more than the newest's. */
  assert_non_null(strstr(again, "linkedin/a1/E1/Connections.csv read 5 acc 1 dup 4 rej 0\n"));
  assert_non_null(strstr(again, "2026-06-07||||||5\n"));
}

#define REFUSED(max)                                                                               \
  "more than max_linkedin_events (" #max ") different events in a1's LinkedIn exports"

/* Four events at most: the newest export's four are kept; the older
 * exports' rows of others are rejected, their copies of those kept are
 * duplicates still. */
static void test_limit_across_exports(void **state)
{
  Fixture *f = *state;
  f->max_events = 4;
  g_autofree char *text = read_text(f, 3, NULL, NULL);
  /* clang-format off */
  assert_true(g_str_has_prefix(
      text, "linkedin/a1/E3/Connections.csv read 6 acc 6 dup 0 rej 0\n"
            "linkedin/a1/E3/Profile.csv read 1 acc 1 dup 0 rej 0\n"
            "linkedin/a1/E3/Shares.csv read 1 acc 1 dup 0 rej 0\n"
            "linkedin/a1/E2/Connections.csv read 4 acc 0 dup 2 rej 2\n"
            "  4:" REFUSED(4) "\n"
            "  5:" REFUSED(4) "\n"
            "linkedin/a1/E2/Profile.csv read 1 acc 1 dup 0 rej 0 superseded\n"
            "linkedin/a1/E2/Shares.csv read 1 acc 0 dup 1 rej 0\n"
            "linkedin/a1/E1/Connections.csv read 5 acc 0 dup 4 rej 1\n"
            "  6:" REFUSED(4) "\n"
            "2026-02-08|Anna|Berg||Berg AG|CTO|1\n"
            "2026-06-07||||||4\n"
            "2026-07-01|Dora|Lind||Lind AB|Architect|1\n"
            "2026-03-02|1\n"));
  /* clang-format on */
}

/* A kept result at the limit is not laid over: every export is read again,
 * and the same rows are rejected as in a cold reading. */
static void test_limit_reached_in_the_cache(void **state)
{
  Fixture *f = *state;
  f->max_events = 4;
  g_autofree char *cold = read_text(f, 3, NULL, NULL);
  guint read = 0;
  g_autofree char *older = read_text(f, 2, f->cache, &read);
  assert_non_null(strstr(older, "linkedin/a1/E2/Shares.csv read 1 acc 0 dup 0 rej 1\n"));
  assert_cached_reading_as_cold(f, cold, 3);
}

/* Neither the kept result (2 events) nor the new exports (6) reach the
 * limit of 7, but together they pass it: laid over, the oldest export's
 * events would all be kept; read newest first, its second is rejected. */
static void test_limit_reached_laid_over(void **state)
{
  Fixture *f = *state;
  f->max_events = 7;
  write_export(f, 0,
               CONNECTIONS_HEADER "Paul,Pan,,,Pan AG,Owner,01 Jan 2026\n"
                                  "Quinn,Quo,,,Quo AG,Owner,02 Jan 2026\n");
  g_autofree char *cold = read_text(f, 3, NULL, NULL);
  assert_non_null(strstr(cold, "linkedin/a1/E1/Connections.csv read 2 acc 1 dup 0 rej 1\n"
                               "  3:" REFUSED(7) "\n"));
  guint read = 0;
  g_autofree char *oldest = read_text(f, 1, f->cache, &read);
  assert_int_equal(read, 1);
  assert_cached_reading_as_cold(f, cold, 3);
}

/* An entry made under another limit is not used. */
static void test_changed_limit_reads_again(void **state)
{
  Fixture *f = *state;
  guint read = 0;
  g_autofree char *unlimited = read_text(f, 3, f->cache, &read);
  assert_int_equal(read, 3);
  f->max_events = 4;
  g_autofree char *cold = read_text(f, 3, NULL, NULL);
  assert_string_not_equal(cold, unlimited);
  assert_cached_reading_as_cold(f, cold, 3);
}

/* --- Rejects into a ledger block as they are read ---------------------------- */

#define KIND "linkedin export"

/* rejects.csv of a reading as linkedin.c enters it: with a block, the rejects
 * of the reports read go into it as they come (into runs past a small batch),
 * the loaded reports' copies are added after; without one, all are added
 * after. *copies: the rejects copied into the reports. */
static char *read_rejects(Fixture *f, guint n, gboolean cached, gboolean with_block, guint *read,
                          guint64 *copies)
{
  g_autoptr(IngestLedger) ledger = ingest_ledger_new();
  g_autofree char *spill = g_build_filename(f->work, "spill", NULL);
  ingest_ledger_spill_to(ledger, spill);
  ingest_ledger_set_batch_bytes(ledger, 1024);
  IngestLedgerBlock *block = ingest_ledger_block_new();
  ingest_ledger_block_spill_into(block, ledger);
  g_autoptr(IngestLinkedinAmbassador) a = ambassador_new(f, n);
  g_autoptr(IngestLinkedinResult) r = ingest_linkedin_ambassador_read(
      a, cached ? f->cache : NULL, f->max_events, with_block ? block : NULL);
  assert_true(ingest_ledger_block_rejects_in_memory(block) < 1024);
  *read = r->exports_read;
  *copies = 0;
  for (guint i = 0; i < r->reports->len; i++) {
    const IngestLinkedinFileReport *rep = g_ptr_array_index(r->reports, i);
    const IngestFileEntry *t = &rep->tally;
    const IngestLedgerRow row = {t->file,      KIND,        NULL,          "",
                                 t->rows_read, t->accepted, t->duplicates, t->rejected};
    ingest_ledger_block_add_row(block, &row);
    *copies += ingest_linkedin_report_n_rejects(rep);
    for (guint k = 0; rep->sink == NULL && k < ingest_linkedin_report_n_rejects(rep); k++) {
      const IngestLinkedinReject *reject = g_ptr_array_index(rep->rejects, k);
      ingest_ledger_block_add_reject(block, t->file, reject->line, reject->reason, reject->excerpt);
    }
  }
  ingest_ledger_add_block(ledger, block);
  g_autofree char *path = g_build_filename(f->work, "rejects.csv", NULL);
  g_autoptr(GError) error = NULL;
  assert_true(ingest_ledger_write_rejects(ledger, path, &error));
  return test_tree_read(f->work, "rejects.csv");
}

/* The oldest export's Connections.csv with n rows of a bad date among its
 * own. */
static void write_bad_rows(Fixture *f, guint n)
{
  g_autoptr(GString) text = g_string_new(exports[0].connections);
  for (guint i = 0; i < n; i++)
    g_string_append_printf(text, "Zed,Zed%u,,,,,31 Feb 2026\n", i);
  write_export(f, 0, text->str);
}

#define BAD_DATE_REJECT(line, i)                                                                   \
  "linkedin/a1/E1/Connections.csv," #line ",\"bad date: not a date: \"\"31 Feb 2026\"\" "          \
  "(expected DD Mon YYYY)\",\"Zed,Zed" #i ",,,,,31 Feb 2026\""

/* An ambassador with more rejects than a cache entry keeps is not kept:
 * read again on every run, its rejects the same as a cold reading's, and
 * only the entry's worth of copies held. */
static void test_many_rejects_not_cached(void **state)
{
  Fixture *f = *state;
  write_bad_rows(f, INGEST_LINKEDIN_CACHED_REJECTS + 1);
  guint read = 0;
  guint64 copies = 0;
  g_autofree char *cold = read_rejects(f, 3, FALSE, FALSE, &read, &copies);
  assert_int_equal(copies, INGEST_LINKEDIN_CACHED_REJECTS + 1);
  g_auto(GStrv) lines = g_strsplit(cold, "\n", -1);
  assert_int_equal(g_strv_length(lines), 1 + INGEST_LINKEDIN_CACHED_REJECTS + 1 + 1);
  assert_string_equal(lines[1], BAD_DATE_REJECT(7, 0)); /* after the header and 5 rows */
  for (guint run = 0; run < 3; run++) {
    g_autofree char *text = read_rejects(f, 3, TRUE, TRUE, &read, &copies);
    assert_int_equal(read, 3);
    assert_int_equal(copies, INGEST_LINKEDIN_CACHED_REJECTS);
    assert_string_equal(text, cold);
  }
}

/* At most an entry's worth, the ambassador is kept with its rejects. */
static void test_rejects_cached_up_to_a_bound(void **state)
{
  Fixture *f = *state;
  write_bad_rows(f, INGEST_LINKEDIN_CACHED_REJECTS);
  guint read = 0;
  guint64 copies = 0;
  g_autofree char *cold = read_rejects(f, 3, FALSE, FALSE, &read, &copies);
  g_autofree char *first = read_rejects(f, 3, TRUE, TRUE, &read, &copies);
  assert_int_equal(read, 3);
  assert_int_equal(copies, INGEST_LINKEDIN_CACHED_REJECTS);
  assert_string_equal(first, cold);
  g_autofree char *again = read_rejects(f, 3, TRUE, TRUE, &read, &copies);
  assert_int_equal(read, 0);
  assert_string_equal(again, cold);
}

/* A reading laid over a kept result that must be read again whole (as in
 * test_limit_reached_laid_over) leaves none of its rejects behind. */
static void test_laid_over_rejects_dropped(void **state)
{
  Fixture *f = *state;
  f->max_events = 7;
  write_export(f, 0,
               CONNECTIONS_HEADER "Paul,Pan,,,Pan AG,Owner,01 Jan 2026\n"
                                  "Quinn,Quo,,,Quo AG,Owner,02 Jan 2026\n");
  g_autofree char *newest = g_strconcat(exports[2].connections, "Zed,Zed,,,,,31 Feb 2026\n", NULL);
  write_export(f, 2, newest);
  guint read = 0;
  guint64 copies = 0;
  g_autofree char *cold = read_rejects(f, 3, FALSE, TRUE, &read, &copies);
  assert_string_equal(cold,
                      "file,line,reason,excerpt\n"
                      "linkedin/a1/E1/Connections.csv,3," REFUSED(
                          7) ",\"Quinn,Quo,,,Quo "
                             "AG,Owner,02 Jan 2026\"\n"
                             "linkedin/a1/E3/Connections.csv,8,\"bad date: not a date: \"\"31 "
                             "Feb 2026\"\" (expected DD Mon YYYY)\",\"Zed,Zed,,,,,31 Feb 2026\"\n");
  g_autofree char *oldest = read_rejects(f, 1, TRUE, TRUE, &read, &copies);
  g_autofree char *incremental = read_rejects(f, 3, TRUE, TRUE, &read, &copies);
  assert_int_equal(read, 3);
  assert_string_equal(incremental, cold);
  g_autofree char *again = read_rejects(f, 3, TRUE, TRUE, &read, &copies);
  assert_int_equal(read, 0);
  assert_string_equal(again, cold);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_cold_reading, setup, teardown),
      cmocka_unit_test_setup_teardown(test_new_export_over_cache, setup, teardown),
      cmocka_unit_test_setup_teardown(test_changed_export_read_again, setup, teardown),
      cmocka_unit_test_setup_teardown(test_limit_across_exports, setup, teardown),
      cmocka_unit_test_setup_teardown(test_limit_reached_in_the_cache, setup, teardown),
      cmocka_unit_test_setup_teardown(test_limit_reached_laid_over, setup, teardown),
      cmocka_unit_test_setup_teardown(test_changed_limit_reads_again, setup, teardown),
      cmocka_unit_test_setup_teardown(test_many_rejects_not_cached, setup, teardown),
      cmocka_unit_test_setup_teardown(test_rejects_cached_up_to_a_bound, setup, teardown),
      cmocka_unit_test_setup_teardown(test_laid_over_rejects_dropped, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
