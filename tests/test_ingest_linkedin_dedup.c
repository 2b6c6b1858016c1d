/* Tests of pipeline/ingest/linkedin_dedup.c: an event counts as often as the
 * export holding it most often, its fields come from the newest export, and
 * every copy is accounted accepted or duplicate in the file it came from. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "ingest/linkedin_dedup.h"

#include <string.h>

typedef struct {
  IngestLinkedinEvents *events;
  GPtrArray *reports;
} Fixture;

static int setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->events = ingest_linkedin_events_new();
  f->reports = g_ptr_array_new_with_free_func((GDestroyNotify)ingest_linkedin_report_free);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fixture *f = *state;
  ingest_linkedin_events_free(f->events);
  g_ptr_array_unref(f->reports);
  g_free(f);
  return 0;
}

static guint add_report(Fixture *f, const char *path)
{
  g_ptr_array_add(f->reports, ingest_linkedin_report_new(path, NULL, LINKEDIN_CONNECTIONS));
  return f->reports->len - 1;
}

/* n copies of a connection, as the file reader hands them on. */
static void add_connection(Fixture *f, guint report, const char *key, guint32 day,
                           const char *position, guint n)
{
  const char *fields[LINKEDIN_MAX_FIELDS] = {"Anna", "Berg", "", "Berg AG", position};
  IngestLinkedinFileReport *r = g_ptr_array_index(f->reports, report);
  for (guint i = 0; i < n; i++) {
    ingest_linkedin_events_add(f->events, LINKEDIN_CONNECTIONS, key, strlen(key), day, fields,
                               report);
    r->tally.rows_read++;
  }
}

static void assert_tally(const Fixture *f, guint report, guint64 accepted, guint64 duplicates)
{
  const IngestLinkedinFileReport *r = g_ptr_array_index(f->reports, report);
  assert_int_equal(r->tally.accepted, accepted);
  assert_int_equal(r->tally.duplicates, duplicates);
  assert_int_equal(r->tally.rows_read, accepted + duplicates);
}

/* The same cumulative file in two exports counts once. */
static void test_same_event_in_two_exports_counts_once(void **state)
{
  Fixture *f = *state;
  guint newer = add_report(f, "linkedin/a/2.zip/Connections.csv");
  add_connection(f, newer, "k1", 100, "CEO", 1);
  add_connection(f, newer, "k2", 101, "CFO", 1);
  ingest_linkedin_events_end_export(f->events, f->reports);
  guint older = add_report(f, "linkedin/a/1.zip/Connections.csv");
  add_connection(f, older, "k1", 100, "Sales", 1);
  ingest_linkedin_events_end_export(f->events, f->reports);
  assert_tally(f, newer, 2, 0);
  assert_tally(f, older, 0, 1);
  g_autoptr(GPtrArray) sorted = ingest_linkedin_events_sorted(f->events, LINKEDIN_CONNECTIONS);
  assert_int_equal(sorted->len, 2);
  const IngestLinkedinEvent *first = g_ptr_array_index(sorted, 0);
  assert_int_equal(first->day, 100);
  assert_int_equal(first->count, 1);
  assert_string_equal(first->fields[4], "CEO"); /* the newest export's position */
  assert_int_equal(ingest_linkedin_events_latest_day(f->events), 101);
}

/* Newer export 1 copy, older 3: the event counts 3 times; the older export
 * adds 2 accepted copies and 1 duplicate. */
static void test_largest_multiplicity_counts(void **state)
{
  Fixture *f = *state;
  guint newer = add_report(f, "n");
  add_connection(f, newer, "hidden", 200, "", 1);
  ingest_linkedin_events_end_export(f->events, f->reports);
  guint older = add_report(f, "o");
  add_connection(f, older, "hidden", 200, "", 3);
  ingest_linkedin_events_end_export(f->events, f->reports);
  guint oldest = add_report(f, "oo");
  add_connection(f, oldest, "hidden", 200, "", 2);
  ingest_linkedin_events_end_export(f->events, f->reports);
  assert_tally(f, newer, 1, 0);
  assert_tally(f, older, 2, 1);
  assert_tally(f, oldest, 0, 2);
  g_autoptr(GPtrArray) sorted = ingest_linkedin_events_sorted(f->events, LINKEDIN_CONNECTIONS);
  assert_int_equal(sorted->len, 1);
  assert_int_equal(((const IngestLinkedinEvent *)g_ptr_array_index(sorted, 0))->count, 3);
}

/* Two files of one kind in one export: one export, copies add up; the
 * accepted ones go to the first file. */
static void test_two_files_of_one_export(void **state)
{
  Fixture *f = *state;
  guint first = add_report(f, "Shares.csv");
  guint second = add_report(f, "Shares_1.csv");
  add_connection(f, first, "k", 300, "", 1);
  add_connection(f, second, "k", 300, "", 2);
  ingest_linkedin_events_end_export(f->events, f->reports);
  guint older = add_report(f, "old/Shares.csv");
  add_connection(f, older, "k", 300, "", 4);
  ingest_linkedin_events_end_export(f->events, f->reports);
  assert_tally(f, first, 1, 0);
  assert_tally(f, second, 2, 0);
  assert_tally(f, older, 1, 3);
}

/* By day, then the fields in column order, then count. */
static void test_sorted_by_day_then_fields(void **state)
{
  Fixture *f = *state;
  guint r = add_report(f, "c");
  const char *b[LINKEDIN_MAX_FIELDS] = {"Ben", "Ott", "", "", ""};
  const char *a[LINKEDIN_MAX_FIELDS] = {"Anna", "Zorn", "", "", ""};
  ingest_linkedin_events_add(f->events, LINKEDIN_CONNECTIONS, "b2", 2, 20, b, r);
  ingest_linkedin_events_add(f->events, LINKEDIN_CONNECTIONS, "a2", 2, 20, a, r);
  ingest_linkedin_events_add(f->events, LINKEDIN_CONNECTIONS, "b1", 2, 10, b, r);
  ingest_linkedin_events_end_export(f->events, f->reports);
  g_autoptr(GPtrArray) sorted = ingest_linkedin_events_sorted(f->events, LINKEDIN_CONNECTIONS);
  assert_int_equal(sorted->len, 3);
  const IngestLinkedinEvent *e0 = g_ptr_array_index(sorted, 0);
  const IngestLinkedinEvent *e1 = g_ptr_array_index(sorted, 1);
  const IngestLinkedinEvent *e2 = g_ptr_array_index(sorted, 2);
  assert_int_equal(e0->day, 10);
  assert_string_equal(e1->fields[0], "Anna");
  assert_string_equal(e2->fields[0], "Ben");
  assert_int_equal(e2->day, 20);
}

/* "day|first field|count" of every connection in output order. */
static char *connections_text(IngestLinkedinEvents *events)
{
  GString *out = g_string_new(NULL);
  g_autoptr(GArray) order = ingest_linkedin_events_order(events, LINKEDIN_CONNECTIONS);
  for (guint i = 0; i < order->len; i++) {
    IngestLinkedinEvent e;
    ingest_linkedin_events_get(events, LINKEDIN_CONNECTIONS, g_array_index(order, guint32, i), &e);
    g_string_append_printf(out, "%u|%s|%s|%u;", e.day, e.fields[0], e.fields[4], e.count);
  }
  return g_string_free(out, FALSE);
}

static IngestLinkedinEvents *save_and_load(IngestLinkedinEvents *events, guint n_reports)
{
  g_autoptr(GByteArray) out = g_byte_array_new();
  ingest_linkedin_events_save(events, out, NULL);
  g_autoptr(GBytes) payload = g_byte_array_free_to_bytes(g_steal_pointer(&out));
  IngestCacheReader r;
  ingest_cache_reader_init(&r, payload);
  IngestLinkedinEvents *loaded = ingest_linkedin_events_load(&r, n_reports);
  assert_true(loaded == NULL || r.p == r.end);
  return loaded;
}

/* Saved events load back in output order with their counts and fields,
 * a field larger than the arena's blocks included; a gain naming a report
 * the entry does not have makes the payload damaged. */
static void test_saved_events_load_back(void **state)
{
  Fixture *f = *state;
  guint report = add_report(f, "linkedin/a/1.zip/Connections.csv");
  g_autofree char *big = g_strnfill(200000, 'x');
  add_connection(f, report, "k2", 101, "CFO", 2);
  add_connection(f, report, "k1", 100, big, 1);
  add_connection(f, report, "k3", 99, "CTO", 1);
  ingest_linkedin_events_end_export(f->events, f->reports);
  g_autofree char *want = g_strdup_printf("99|Anna|CTO|1;100|Anna|%s|1;101|Anna|CFO|2;", big);
  g_autoptr(IngestLinkedinEvents) loaded = save_and_load(f->events, f->reports->len);
  assert_non_null(loaded);
  g_autofree char *got = connections_text(loaded);
  assert_string_equal(got, want);
  assert_int_equal(ingest_linkedin_events_latest_day(loaded), 101);
  assert_null(save_and_load(loaded, 0));
}

/* Newer exports laid over a loaded older result count as a full reading
 * does: the older export's larger multiplicity stays, the newer fields win. */
static void test_merge_over_loaded_events(void **state)
{
  Fixture *f = *state;
  guint older = add_report(f, "linkedin/a/1.zip/Connections.csv");
  add_connection(f, older, "k1", 100, "Sales", 3);
  add_connection(f, older, "k2", 90, "Old", 1);
  ingest_linkedin_events_end_export(f->events, f->reports);
  IngestLinkedinEvents *kept = save_and_load(f->events, 2);
  assert_non_null(kept);
  IngestLinkedinEvents *newer = ingest_linkedin_events_new();
  guint report = add_report(f, "linkedin/a/2.zip/Connections.csv");
  const char *fields[LINKEDIN_MAX_FIELDS] = {"Anna", "Berg", "", "Berg AG", "CEO"};
  for (guint i = 0; i < 2; i++)
    ingest_linkedin_events_add(newer, LINKEDIN_CONNECTIONS, "k1", 2, 100, fields, report);
  ingest_linkedin_events_add(newer, LINKEDIN_CONNECTIONS, "k3", 2, 110, fields, report);
  ((IngestLinkedinFileReport *)g_ptr_array_index(f->reports, report))->tally.rows_read = 3;
  ingest_linkedin_events_end_export(newer, f->reports);
  g_autoptr(IngestLinkedinEvents) merged = ingest_linkedin_events_merge(newer, kept);
  ingest_linkedin_events_account(merged, f->reports);
  ingest_linkedin_events_finish(merged);
  g_autofree char *got = connections_text(merged);
  assert_string_equal(got, "90|Anna|Old|1;100|Anna|CEO|3;110|Anna|CEO|1;");
  assert_tally(f, report, 3, 0);
  assert_tally(f, older, 2, 2);
  assert_int_equal(ingest_linkedin_events_latest_day(merged), 110);
}

/* --- A cached reading against a full one, over many events -------------- */

#define MANY_EXPORTS 4
#define MANY_KEYS 3000

static GPtrArray *many_reports(void)
{
  GPtrArray *reports = g_ptr_array_new_with_free_func((GDestroyNotify)ingest_linkedin_report_free);
  for (guint i = 0; i < 2 * MANY_EXPORTS; i++)
    g_ptr_array_add(reports, ingest_linkedin_report_new("r", NULL, LINKEDIN_CONNECTIONS));
  return reports;
}

/* Export e (0 the newest) in its two files (reports 2e and 2e+1): each key
 * 0 to 3 times, split between the files, its position naming the export;
 * keys of many lengths, so that hashing takes every tail. The same seed
 * gives the same export every time. */
static void many_read_export(IngestLinkedinEvents *events, GPtrArray *reports, guint e)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed(17 + e);
  g_autofree char *position = g_strdup_printf("p%u", e);
  const char *fields[LINKEDIN_MAX_FIELDS] = {"Anna", "Berg", "", "", position};
  for (guint k = 0; k < MANY_KEYS; k++) {
    g_autofree char *key = g_strdup_printf("%0*u", (int)(1 + k % 37), k);
    guint copies = (guint)g_rand_int_range(rand, 0, 4);
    for (guint c = 0; c < copies; c++)
      ingest_linkedin_events_add(events, LINKEDIN_CONNECTIONS, key, strlen(key), 1000 + k % 50,
                                 fields, 2 * e + (c + k) % 2);
  }
  ingest_linkedin_events_end_export(events, reports);
}

static char *many_tallies(GPtrArray *reports)
{
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < reports->len; i++) {
    const IngestLinkedinFileReport *r = g_ptr_array_index(reports, i);
    g_string_append_printf(out, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ";", r->tally.accepted,
                           r->tally.duplicates);
  }
  return g_string_free(out, FALSE);
}

/* The newest export read into a set sized like the kept one and laid over
 * the older exports saved and loaded gives the events and tallies of
 * reading every export, newest first, into one set. */
static void test_merge_matches_a_full_reading(void **state)
{
  (void)state;
  g_autoptr(GPtrArray) full_reports = many_reports();
  g_autoptr(IngestLinkedinEvents) full = ingest_linkedin_events_new();
  for (guint e = 0; e < MANY_EXPORTS; e++)
    many_read_export(full, full_reports, e);
  g_autoptr(GPtrArray) reports = many_reports();
  g_autoptr(IngestLinkedinEvents) older = ingest_linkedin_events_new();
  for (guint e = 1; e < MANY_EXPORTS; e++)
    many_read_export(older, reports, e);
  IngestLinkedinEvents *kept = save_and_load(older, reports->len);
  assert_non_null(kept);
  IngestLinkedinEvents *newer = ingest_linkedin_events_new();
  ingest_linkedin_events_expect(newer, kept);
  many_read_export(newer, reports, 0);
  g_autoptr(IngestLinkedinEvents) merged = ingest_linkedin_events_merge(newer, kept);
  ingest_linkedin_events_account(merged, reports);
  ingest_linkedin_events_finish(merged);
  ingest_linkedin_events_finish(full);
  g_autofree char *want = connections_text(full);
  g_autofree char *got = connections_text(merged);
  assert_true(strlen(want) > 10 * MANY_KEYS);
  assert_string_equal(got, want);
  g_autofree char *want_tallies = many_tallies(full_reports);
  g_autofree char *got_tallies = many_tallies(reports);
  assert_string_equal(got_tallies, want_tallies);
  assert_int_equal(ingest_linkedin_events_latest_day(merged),
                   ingest_linkedin_events_latest_day(full));
}

/* The limit is on the events of all kinds together; a copy of an event held
 * is never refused, and a refused copy is counted nowhere. */
static void test_limit_counts_all_kinds(void **state)
{
  Fixture *f = *state;
  ingest_linkedin_events_limit(f->events, 2, "a02");
  guint report = add_report(f, "linkedin/a/1.zip/Connections.csv");
  const char *fields[LINKEDIN_MAX_FIELDS] = {"x"};
  const char *why = "more than max_linkedin_events (2) different events in a02's LinkedIn exports";
  assert_null(ingest_linkedin_events_add(f->events, LINKEDIN_CONNECTIONS, "k1", 2, 100,
                                         (const char *[]){"A", "B", "", "C", "D"}, report));
  assert_null(ingest_linkedin_events_add(f->events, LINKEDIN_SHARES, "k2", 2, 100, fields, report));
  assert_string_equal(
      ingest_linkedin_events_add(f->events, LINKEDIN_REACTIONS, "k3", 2, 100, fields, report), why);
  assert_string_equal(
      ingest_linkedin_events_add(f->events, LINKEDIN_SHARES, "k1", 2, 100, fields, report), why);
  assert_null(ingest_linkedin_events_add(f->events, LINKEDIN_SHARES, "k2", 2, 100, fields, report));
  ((IngestLinkedinFileReport *)g_ptr_array_index(f->reports, report))->tally.rows_read = 3;
  ingest_linkedin_events_end_export(f->events, f->reports);
  assert_int_equal(ingest_linkedin_events_count(f->events), 2);
  assert_tally(f, report, 3, 0);
  g_autoptr(GPtrArray) shares = ingest_linkedin_events_sorted(f->events, LINKEDIN_SHARES);
  assert_int_equal(shares->len, 1);
  assert_int_equal(((IngestLinkedinEvent *)g_ptr_array_index(shares, 0))->count, 2);
  g_autoptr(GPtrArray) reactions = ingest_linkedin_events_sorted(f->events, LINKEDIN_REACTIONS);
  assert_int_equal(reactions->len, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_same_event_in_two_exports_counts_once, setup, teardown),
      cmocka_unit_test_setup_teardown(test_largest_multiplicity_counts, setup, teardown),
      cmocka_unit_test_setup_teardown(test_two_files_of_one_export, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sorted_by_day_then_fields, setup, teardown),
      cmocka_unit_test_setup_teardown(test_saved_events_load_back, setup, teardown),
      cmocka_unit_test_setup_teardown(test_merge_over_loaded_events, setup, teardown),
      cmocka_unit_test_setup_teardown(test_limit_counts_all_kinds, setup, teardown),
      cmocka_unit_test(test_merge_matches_a_full_reading),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
