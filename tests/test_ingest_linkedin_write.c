/* Tests of pipeline/ingest/linkedin_write.c: the li_*.csv rows, whose id and
 * date fields are made once per day, are the bytes of every field added one
 * by one (the code it replaced), including days that share a slot of the
 * day-text cache, an invalid day and an id that needs quotes. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/contract.h"
#include "common/csv_writer.h"
#include "ingest/dates.h"
#include "ingest/linkedin_write.h"
#include "test_support.h"

#include <string.h>

/* The Julian days of the events: two pairs 2048 days apart (one slot of
 * the cache), a day met again after others, and 0, which is no day. */
static const guint32 days[] = {738000, 740048, 738001, 738000, 740049, 0, 738001};

typedef struct {
  const char *id;
  IngestLinkedinEvents *events;
} Ambassador;

/* Events of two kinds on every day, with fields that need quotes or not. */
static IngestLinkedinEvents *events_new(GPtrArray *reports, guint salt)
{
  IngestLinkedinEvents *events = ingest_linkedin_events_new();
  g_ptr_array_add(reports, ingest_linkedin_report_new("x.csv", NULL, LINKEDIN_CONNECTIONS));
  g_ptr_array_add(reports, ingest_linkedin_report_new("y.csv", NULL, LINKEDIN_SHARES));
  guint base = reports->len - 2;
  for (guint i = 0; i < G_N_ELEMENTS(days); i++) {
    g_autofree char *key = g_strdup_printf("k%u-%u", salt, i);
    g_autofree char *company = g_strdup_printf("Firma %u, \"AG\"", i);
    const char *fields[LINKEDIN_MAX_FIELDS] = {"Anna", " Berg", "", company, "CEO"};
    ingest_linkedin_events_add(events, LINKEDIN_CONNECTIONS, key, strlen(key), days[i], fields,
                               base);
    ingest_linkedin_events_add(events, LINKEDIN_SHARES, key, strlen(key), days[i], fields,
                               base + 1);
  }
  ingest_linkedin_events_end_export(events, reports);
  ingest_linkedin_events_finish(events);
  return events;
}

/* What the writer wrote before: every field through csv_writer_add_text. */
static void reference_add(CsvWriter *writer, const char *id, const IngestLinkedinEvents *events,
                          IngestLinkedinKind kind)
{
  g_autoptr(GPtrArray) sorted = ingest_linkedin_events_sorted(events, kind);
  for (guint i = 0; i < sorted->len; i++) {
    const IngestLinkedinEvent *event = g_ptr_array_index(sorted, i);
    GDate date;
    char text[11];
    g_date_clear(&date, 1);
    if (g_date_valid_julian(event->day))
      g_date_set_julian(&date, event->day);
    if (g_date_valid(&date))
      ingest_date_format(&date, text);
    csv_writer_add_text(writer, id);
    csv_writer_add_text(writer, g_date_valid(&date) ? text : NULL);
    for (guint f = 0; f < ingest_linkedin_kind_n_fields(kind); f++)
      csv_writer_add_text(writer, event->fields[f]);
    csv_writer_add_int(writer, event->count);
    csv_writer_end_row(writer);
  }
}

static char *reference_file(const char *dir, const Ambassador *ambassadors, guint n,
                            IngestLinkedinKind kind, const char *const *header)
{
  g_autofree char *path = g_build_filename(dir, "reference.csv", NULL);
  g_autoptr(GError) error = NULL;
  CsvWriter *writer = csv_writer_open(path, header, &error);
  assert_non_null(writer);
  for (guint a = 0; a < n; a++)
    reference_add(writer, ambassadors[a].id, ambassadors[a].events, kind);
  assert_true(csv_writer_commit(writer, &error));
  return test_tree_read(dir, "reference.csv");
}

static void test_rows_as_fields_one_by_one(void **state)
{
  const char *dir = *state;
  g_autoptr(GPtrArray) reports =
      g_ptr_array_new_with_free_func((GDestroyNotify)ingest_linkedin_report_free);
  Ambassador ambassadors[] = {{"aut-001", events_new(reports, 1)},
                              {"odd, \"id\"", events_new(reports, 2)},
                              {"aut-003", events_new(reports, 3)}};
  g_autoptr(GError) error = NULL;
  IngestLinkedinWriters *writers = ingest_linkedin_writers_open(dir, &error);
  assert_non_null(writers);
  IngestLinkedinProfile profile = {0};
  for (guint a = 0; a < G_N_ELEMENTS(ambassadors); a++) {
    IngestLinkedinAmbassadorRows rows = {ambassadors[a].id, ambassadors[a].events, &profile, NULL,
                                         NULL};
    ingest_linkedin_writers_add(writers, &rows);
  }
  assert_true(ingest_linkedin_writers_commit(writers, &error));
  static const char *const connections_header[] = {CONTRACT_LI_CONNECTIONS_COLUMNS, NULL};
  static const char *const dated_header[] = {CONTRACT_LI_DATED_COLUMNS, NULL};
  g_autofree char *connections = test_tree_read(dir, CONTRACT_LI_CONNECTIONS);
  g_autofree char *expected_connections = reference_file(
      dir, ambassadors, G_N_ELEMENTS(ambassadors), LINKEDIN_CONNECTIONS, connections_header);
  assert_string_equal(connections, expected_connections);
  g_autofree char *shares = test_tree_read(dir, CONTRACT_LI_SHARES);
  g_autofree char *expected_shares =
      reference_file(dir, ambassadors, G_N_ELEMENTS(ambassadors), LINKEDIN_SHARES, dated_header);
  assert_string_equal(shares, expected_shares);
  /* Seven rows an ambassador, the undated one first. */
  assert_true(strstr(shares, "\n\"odd, \"\"id\"\"\",,1\n\"odd, \"\"id\"\"\",2021-07-29,1\n") !=
              NULL);
  for (guint a = 0; a < G_N_ELEMENTS(ambassadors); a++)
    ingest_linkedin_events_free(ambassadors[a].events);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_rows_as_fields_one_by_one, test_tree_setup,
                                      test_tree_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
