/* Tests of collected SSI files (pipeline/ingest/ssi_csv.c with the snapshot
 * rules of snapshots.c): German and English forms, Windows-1252, "Top N%"
 * ranks, totals from pillars, and each reject reason with its line. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "ingest/ssi_csv.h"
#include "ingest_fixture.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

static const char programs_ini[] = "[program p]\nstart = 2025-01-01\nteams = DE\n";
static const char roster_csv[] = "ambassador_id,name,program,team,joined\n"
                                 "a1,Anna Berg,p,DE,2025-01-01\n"
                                 "b2,Ben Ott,p,DE,2025-01-01\n"
                                 "k3,Julia Köhler,p,DE,2025-01-01\n";
static const char snapshots_header[] =
    "ambassador_id,date,ssi,brand,people,insights,relationships,industry_rank,network_rank,file,"
    "line\n";

typedef IngestFixture Fixture;

static int setup(void **state)
{
  *state = ingest_fixture_new("ssi-csv", programs_ini, roster_csv);
  return 0;
}

static int teardown(void **state)
{
  ingest_fixture_free(*state);
  return 0;
}

/* Reads bytes as ssi/<name> and returns its entry; read_ok is what the
 * reader returned. */
static IngestFileEntry *read_ssi(Fixture *f, const char *name, const char *data, gssize length,
                                 gboolean *read_ok, GError **error)
{
  g_autofree char *file = g_strconcat("ssi/", name, NULL);
  g_autofree char *path = test_tree_path(f->dir, name);
  test_tree_write_bytes(f->dir, name, data, length);
  IngestFileEntry *entry = ingest_ledger_add_file(f->ledger, file, "ssi");
  *read_ok = ingest_ssi_csv_read(path, entry, &f->sink, error);
  assert_int_equal(entry->rows_read, entry->accepted + entry->duplicates + entry->rejected);
  return entry;
}

static char *snapshots_text(Fixture *f)
{
  g_autofree char *path = g_build_filename(f->dir, "out", "ssi_snapshots.csv", NULL);
  assert_true(ingest_snapshots_write(f->snapshots, path, NULL));
  return test_tree_read(f->dir, "out/ssi_snapshots.csv");
}

static char *rejects_text(Fixture *f)
{
  return ingest_fixture_rejects_text(f);
}

static void test_german_form_with_bom_crlf_and_decimal_commas(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  IngestFileEntry *entry =
      read_ssi(f, "de.csv",
               "\xEF\xBB\xBF"
               "Botschafter-ID;Name;Datum;Gesamt;Marke;Personen;Einblicke;Beziehungen;Branchenrang;"
               "Netzwerkrang\r\n"
               "a1;Anna Berg;20.05.2025;39,90;12,67;8,87;10,02;8,34;;\r\n"
               "b2;Ben Ott;07.05.2025;44;8,32;8,51;11,47;15,48;Top 61%;55",
               -1, &ok, NULL);
  assert_true(ok);
  assert_int_equal(entry->accepted, 2);
  assert_string_equal(entry->encoding, "UTF-8 with BOM");
  assert_string_equal(entry->note->str, "delimiter \";\", decimal comma");
  g_autofree char *text = snapshots_text(f);
  g_autofree char *expected =
      g_strconcat(snapshots_header, "a1,2025-05-20,39.9,12.67,8.87,10.02,8.34,,,ssi/de.csv,2\n",
                  "b2,2025-05-07,44,8.32,8.51,11.47,15.48,61,55,ssi/de.csv,3\n", NULL);
  assert_string_equal(text, expected);
}

static void test_windows_1252_file_is_converted(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  static const char bytes[] = "ambassador_id;Name;Datum;SSI\r\n"
                              "k3;Julia K\xf6hler;01.02.2026;55,5\r\n"
                              "k4;Julia K\xf6hler;02.02.2026;56\r\n";
  IngestFileEntry *entry = read_ssi(f, "w.csv", bytes, sizeof bytes - 1, &ok, NULL);
  assert_true(ok);
  assert_int_equal(entry->accepted, 1);
  assert_int_equal(entry->rejected, 1);
  assert_string_equal(entry->encoding, "Windows-1252");
  assert_string_equal(entry->note->str,
                      "delimiter \";\", decimal comma, converted from Windows-1252");
  g_autofree char *rejects = rejects_text(f);
  assert_string_equal(rejects, "file,line,reason,excerpt\n"
                               "ssi/w.csv,3,unknown ambassador,k4;Julia Köhler;02.02.2026;56\n");
  g_autofree char *text = snapshots_text(f);
  g_autofree char *expected =
      g_strconcat(snapshots_header, "k3,2026-02-01,55.5,,,,,,,ssi/w.csv,2\n", NULL);
  assert_string_equal(text, expected);
}

static void test_english_form_with_top_ranks_and_total_from_pillars(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  IngestFileEntry *entry = read_ssi(f, "en.csv",
                                    "id,date,total,professional_brand,find_people,engage_insights,"
                                    "build_relationships,industry_rank,network_rank\n"
                                    "a1,2025-06-14,,12.40,8.92,10.95,7.72,Top 5%,60%\n"
                                    "b2,2025-06-11,26,,,,,5,Top 12.5%\n"
                                    "b2,2025-06-12,\"1,000\",,,,,,\n",
                                    -1, &ok, NULL);
  assert_true(ok);
  assert_int_equal(entry->accepted, 2);
  assert_int_equal(entry->rejected, 1);
  assert_string_equal(entry->encoding, "UTF-8");
  assert_string_equal(entry->note->str, "delimiter \",\", decimal point");
  g_autofree char *text = snapshots_text(f);
  g_autofree char *expected =
      g_strconcat(snapshots_header, "a1,2025-06-14,39.99,12.4,8.92,10.95,7.72,5,60,ssi/en.csv,2\n",
                  "b2,2025-06-11,26,,,,,5,12.5,ssi/en.csv,3\n", NULL);
  assert_string_equal(text, expected);
  g_autofree char *rejects = rejects_text(f);
  assert_string_equal(rejects,
                      "file,line,reason,excerpt\n"
                      "ssi/en.csv,4,ssi out of range,\"b2,2025-06-12,\"\"1,000\"\",,,,,,\"\n");
}

static void test_each_reject_reason_with_its_line(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  IngestFileEntry *entry = read_ssi(f, "bad.csv",
                                    "ambassador_id,date,ssi,brand,people,insights,relationships,"
                                    "industry_rank,network_rank\n"
                                    "a1,2025-01-05,101,,,,,,\n"
                                    "a1,2025-01-06,50,26,8,8,8,,\n"
                                    "a1,2025-01-07,50,10,10,10,,,\n"
                                    "a1,2025-01-08,,,,,,5,5\n"
                                    "a1,2025-01-09,45,10,10,10,10,,\n"
                                    "a1,2025-01-10,4x,,,,,,\n"
                                    "a1,2025-01-11,40,,,,,Top 120%,\n"
                                    "a1,2025-02-30,40,,,,,,\n"
                                    "zz,2025-01-12,40,,,,,,\n"
                                    ",2025-01-12,40,,,,,,\n"
                                    "a1,2025-01-13,41,10,10,10,10,,\n"
                                    "a1,2025-01-14,40,,,,,,abc\n"
                                    "a1,2025-01-15,-1,,,,,,\n"
                                    "a1,2025-01-16,\"40\n",
                                    -1, &ok, NULL);
  assert_true(ok);
  assert_int_equal(entry->rows_read, 14);
  assert_int_equal(entry->accepted, 1);
  assert_int_equal(entry->rejected, 13);
  g_autofree char *rejects = rejects_text(f);
  assert_string_equal(
      rejects,
      "file,line,reason,excerpt\n"
      "ssi/bad.csv,2,ssi out of range,\"a1,2025-01-05,101,,,,,,\"\n"
      "ssi/bad.csv,3,pillar out of range,\"a1,2025-01-06,50,26,8,8,8,,\"\n"
      "ssi/bad.csv,4,some but not all pillars,\"a1,2025-01-07,50,10,10,10,,,\"\n"
      "ssi/bad.csv,5,neither total nor pillars,\"a1,2025-01-08,,,,,,5,5\"\n"
      "ssi/bad.csv,6,total differs from pillar sum by more than 1.0,"
      "\"a1,2025-01-09,45,10,10,10,10,,\"\n"
      "ssi/bad.csv,7,\"not a number: \"\"4x\"\" (column ssi)\",\"a1,2025-01-10,4x,,,,,,\"\n"
      "ssi/bad.csv,8,\"rank out of range: \"\"Top 120%\"\" (column industry_rank)\","
      "\"a1,2025-01-11,40,,,,,Top 120%,\"\n"
      "ssi/bad.csv,9,\"bad date: not a date: \"\"2025-02-30\"\" (expected YYYY-MM-DD or "
      "DD.MM.YYYY)\",\"a1,2025-02-30,40,,,,,,\"\n"
      "ssi/bad.csv,10,unknown ambassador,\"zz,2025-01-12,40,,,,,,\"\n"
      "ssi/bad.csv,11,missing ambassador id,\",2025-01-12,40,,,,,,\"\n"
      "ssi/bad.csv,13,\"not a rank: \"\"abc\"\" (expected N, N% or Top N%) (column "
      "network_rank)\",\"a1,2025-01-14,40,,,,,,abc\"\n"
      "ssi/bad.csv,14,ssi out of range,\"a1,2025-01-15,-1,,,,,,\"\n"
      "ssi/bad.csv,15,unterminated quote at end of file,\"a1,2025-01-16,\"\"40\"\n");
  g_autofree char *text = snapshots_text(f);
  g_autofree char *expected =
      g_strconcat(snapshots_header, "a1,2025-01-13,41,10,10,10,10,,,ssi/bad.csv,12\n", NULL);
  assert_string_equal(text, expected);
}

static void test_total_only_row_keeps_pillars_empty(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  read_ssi(f, "t.csv", "ambassador_id,date,ssi\na1,2025-03-01,47\n", -1, &ok, NULL);
  assert_true(ok);
  g_autofree char *text = snapshots_text(f);
  g_autofree char *expected =
      g_strconcat(snapshots_header, "a1,2025-03-01,47,,,,,,,ssi/t.csv,2\n", NULL);
  assert_string_equal(text, expected);
}

static void test_same_day_twice_in_a_file_keeps_the_later_row(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  IngestFileEntry *entry = read_ssi(f, "d.csv",
                                    "ambassador_id,date,ssi\n"
                                    "a1,2025-03-01,47\n"
                                    "a1,01.03.2025,48\n"
                                    "a1,2025-03-01,48\n",
                                    -1, &ok, NULL);
  assert_true(ok);
  assert_int_equal(entry->rows_read, 3);
  assert_int_equal(entry->accepted, 1);
  assert_int_equal(entry->duplicates, 2);
  g_autofree char *text = snapshots_text(f);
  g_autofree char *expected =
      g_strconcat(snapshots_header, "a1,2025-03-01,48,,,,,,,ssi/d.csv,4\n", NULL);
  assert_string_equal(text, expected);
}

static void test_unrecognised_header_is_an_input_error(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  g_autoptr(GError) error = NULL;
  IngestFileEntry *entry =
      read_ssi(f, "x.csv", "who,when,value\na1,2025-03-01,47\n", -1, &ok, &error);
  assert_false(ok);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  const char *reason = "missing column(s) \"ambassador_id\", \"date\"; found: \"who\", \"when\", "
                       "\"value\"; expected: \"ambassador_id\" (or \"id\", \"Botschafter-ID\"), "
                       "\"date\" (or \"Datum\"), \"ssi\" (or \"SSI\", \"Gesamt\", \"total\"), "
                       "\"brand\" (or \"Marke\", \"professional_brand\"), \"people\" (or "
                       "\"Personen\", \"find_people\"), \"insights\" (or \"Einblicke\", "
                       "\"engage_insights\"), \"relationships\" (or \"Beziehungen\", "
                       "\"build_relationships\"), \"industry_rank\" (or \"Branchenrang\"), "
                       "\"network_rank\" (or \"Netzwerkrang\")";
  g_autofree char *message = g_strconcat("ssi/x.csv:1: ", reason, NULL);
  assert_string_equal(error->message, message);
  assert_int_equal(entry->rows_read, 1);
  assert_int_equal(entry->rejected, 1);
  assert_string_equal(entry->note->str, reason);
  assert_string_equal(entry->encoding, "UTF-8");
}

static void test_header_without_total_needs_all_pillars(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  g_autoptr(GError) error = NULL;
  read_ssi(f, "p.csv", "id,date,brand,people,insights\na1,2025-03-01,1,2,3\n", -1, &ok, &error);
  assert_false(ok);
  assert_true(g_str_has_prefix(error->message, "ssi/p.csv:1: missing column(s) \"ssi\"; found: "
                                               "\"id\", \"date\", \"brand\", \"people\", "
                                               "\"insights\"; expected: "));
}

static void test_header_only_and_empty_files_are_zero_rows(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  IngestFileEntry *header_only = read_ssi(f, "h.csv", "ambassador_id,date,ssi\n", -1, &ok, NULL);
  assert_true(ok);
  assert_int_equal(header_only->rows_read, 0);
  IngestFileEntry *empty = read_ssi(f, "e.csv", "", 0, &ok, NULL);
  assert_true(ok);
  assert_int_equal(empty->rows_read, 0);
  assert_string_equal(empty->note->str, "empty file");
}

/* An open quote in the header swallows the whole file into it: an input
 * error, not a file of zero rows. */
static void test_header_with_an_open_quote_is_an_input_error(void **state)
{
  Fixture *f = *state;
  gboolean ok;
  g_autoptr(GError) error = NULL;
  IngestFileEntry *entry =
      read_ssi(f, "q.csv", "ambassador_id,date,\"ssi\na1,2025-03-01,47\n", -1, &ok, &error);
  assert_false(ok);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message,
                      "ssi/q.csv:1: header not readable: unterminated quote at end of file");
  assert_int_equal(entry->rows_read, 1);
  assert_int_equal(entry->rejected, 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_german_form_with_bom_crlf_and_decimal_commas, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_windows_1252_file_is_converted, setup, teardown),
      cmocka_unit_test_setup_teardown(test_english_form_with_top_ranks_and_total_from_pillars,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_each_reject_reason_with_its_line, setup, teardown),
      cmocka_unit_test_setup_teardown(test_total_only_row_keeps_pillars_empty, setup, teardown),
      cmocka_unit_test_setup_teardown(test_same_day_twice_in_a_file_keeps_the_later_row, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_unrecognised_header_is_an_input_error, setup, teardown),
      cmocka_unit_test_setup_teardown(test_header_without_total_needs_all_pillars, setup, teardown),
      cmocka_unit_test_setup_teardown(test_header_only_and_empty_files_are_zero_rows, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_header_with_an_open_quote_is_an_input_error, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
