/* Tests of roster.csv reading (pipeline/ingest/roster.c): header aliases,
 * consent forms, normalized roster.csv, each reject reason with its line,
 * and the messages of a roster that cannot be used. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "ingest/roster.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

static const char programs_ini[] = "[program p]\nstart = 2025-01-01\nteams = DE;AT\n"
                                   "[program q]\nstart = 2025-01-01\nteams = KEY\n";

typedef struct {
  char *dir;
  IngestPrograms *programs;
  IngestLedger *ledger;
  IngestFileEntry *entry;
} Fixture;

static int setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->dir = test_tree_new("ssi-roster");
  g_autofree char *ini = test_tree_path(f->dir, "programs.ini");
  test_tree_write(f->dir, "programs.ini", programs_ini);
  f->programs = ingest_programs_load(ini, "programs.ini", NULL);
  f->ledger = ingest_ledger_new();
  f->entry = ingest_ledger_add_file(f->ledger, "roster.csv", "roster");
  *state = f;
  return f->programs == NULL;
}

static int teardown(void **state)
{
  Fixture *f = *state;
  ingest_ledger_free(f->ledger);
  ingest_programs_free(f->programs);
  test_tree_remove(f->dir);
  g_free(f->dir);
  g_free(f);
  return 0;
}

static IngestRoster *read_roster(Fixture *f, const char *text, GError **error)
{
  g_autofree char *path = test_tree_path(f->dir, "roster.csv");
  test_tree_write(f->dir, "roster.csv", text);
  return ingest_roster_read(path, f->entry, f->ledger, f->programs, error);
}

static void test_german_header_and_consent_forms(void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster =
      read_roster(f,
                  "Botschafter-ID;Name;E-Mail;Programm;Team;Rolle;Land;Branche;Beitritt;Austritt;"
                  "Einwilligung;Notiz\r\n"
                  "a1;Anna Berg;anna@example.com;p;DE;KAM;DE;Bau;01.03.2025;;Ja;egal\r\n"
                  "b.2;Ben Ott;;p;AT;;;;2025-03-01;2025-04-14;TRUE;\r\n"
                  "c_3;Cem Kaya;;q;KEY;;;;2025-02-01;;1;\r\n"
                  "d-4;Dora Neu;;q;KEY;;;;2025-02-01;;nein;\r\n"
                  "e5;Eva Alt;;q;KEY;;;;2025-02-01;;;\r\n",
                  &error);
  assert_non_null(roster);
  assert_int_equal(f->entry->rows_read, 5);
  assert_int_equal(f->entry->accepted, 5);
  assert_string_equal(f->entry->note->str, "delimiter \";\"");
  assert_string_equal(f->entry->encoding, "UTF-8");
  g_autofree char *path = g_build_filename(f->dir, "out", "roster.csv", NULL);
  assert_true(ingest_roster_write(roster, path, &error));
  g_autofree char *text = test_tree_read(f->dir, "out/roster.csv");
  assert_string_equal(
      text, "ambassador_id,name,email,program,team,role,country,industry,joined,left,consent\n"
            "a1,Anna Berg,anna@example.com,p,DE,KAM,DE,Bau,2025-03-01,,yes\n"
            "b.2,Ben Ott,,p,AT,,,,2025-03-01,2025-04-14,yes\n"
            "c_3,Cem Kaya,,q,KEY,,,,2025-02-01,,yes\n"
            "d-4,Dora Neu,,q,KEY,,,,2025-02-01,,no\n"
            "e5,Eva Alt,,q,KEY,,,,2025-02-01,,no\n");
}

static void test_english_aliases_are_accepted(void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster =
      read_roster(f,
                  "ID,NAME,Email,campaign,TEAM,Position,start,end,consent\n"
                  "a1,Anna,a@x.org,q,KEY,CEO,2025-01-01,,YES\n",
                  &error);
  assert_non_null(roster);
  const IngestMembership *m = g_ptr_array_index(ingest_roster_memberships(roster), 0);
  assert_string_equal(m->ambassador_id, "a1");
  assert_string_equal(m->email, "a@x.org");
  assert_string_equal(m->program, "q");
  assert_string_equal(m->role, "CEO");
  assert_true(m->consent);
  assert_int_equal(m->line, 2);
}

static const char bad_rows[] =
    "ambassador_id,name,program,team,joined,left\n"
    "a1,Anna,p,DE,2025-01-01,2025-03-31\n"
    "a1,Anna,p,AT,2025-03-31,\n"
    "a1,Anna,p,AT,2025-04-01,\n"
    "a1,Anna,q,KEY,2025-01-01,\n"
    "bad id,X,p,DE,2025-01-01,\n"
    ",X,p,DE,2025-01-01,\n"
    "x1,,p,DE,2025-01-01,\n"
    "x2,X,zz,DE,2025-01-01,\n"
    "x3,X,p,KEY,2025-01-01,\n"
    "x4,X,p,DE,,\n"
    "x5,X,p,DE,2025-13-01,\n"
    "x6,X,p,DE,2025-03-01,2025-02-28\n"
    "x7,X,p,DE,2025-03-01,soon\n"
    "a12345678901234567890123456789012345678901234567890123456789012345,X,p,DE,2025-01-01,\n"
    "x8,\"X,p,DE,2025-01-01,\n";

static void test_each_reject_reason_with_its_line(void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster = read_roster(f, bad_rows, &error);
  assert_non_null(roster);
  assert_int_equal(f->entry->rows_read, 15);
  assert_int_equal(f->entry->accepted, 3);
  assert_int_equal(f->entry->rejected, 12);
  g_autofree char *path = g_build_filename(f->dir, "rejects.csv", NULL);
  assert_true(ingest_ledger_write_rejects(f->ledger, path, &error));
  g_autofree char *text = test_tree_read(f->dir, "rejects.csv");
  assert_string_equal(
      text,
      "file,line,reason,excerpt\n"
      "roster.csv,3,overlapping membership: overlaps line 2,\"a1,Anna,p,AT,2025-03-31,\"\n"
      "roster.csv,6,invalid ambassador id,\"bad id,X,p,DE,2025-01-01,\"\n"
      "roster.csv,7,missing ambassador id,\",X,p,DE,2025-01-01,\"\n"
      "roster.csv,8,missing name,\"x1,,p,DE,2025-01-01,\"\n"
      "roster.csv,9,unknown program,\"x2,X,zz,DE,2025-01-01,\"\n"
      "roster.csv,10,unknown team,\"x3,X,p,KEY,2025-01-01,\"\n"
      "roster.csv,11,missing joined date,\"x4,X,p,DE,,\"\n"
      "roster.csv,12,\"bad joined date: not a date: \"\"2025-13-01\"\" (expected YYYY-MM-DD or "
      "DD.MM.YYYY)\",\"x5,X,p,DE,2025-13-01,\"\n"
      "roster.csv,13,left before joined,\"x6,X,p,DE,2025-03-01,2025-02-28\"\n"
      "roster.csv,14,\"bad left date: not a date: \"\"soon\"\" (expected YYYY-MM-DD or "
      "DD.MM.YYYY)\",\"x7,X,p,DE,2025-03-01,soon\"\n"
      "roster.csv,15,invalid ambassador id,"
      "\"a12345678901234567890123456789012345678901234567890123456789012345,X,p,DE,2025-01-01,\"\n"
      "roster.csv,16,unterminated quote at end of file,\"x8,\"\"X,p,DE,2025-01-01,\"\n");
}

static void test_accepted_rows_and_ids_in_file_order(void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster = read_roster(f, bad_rows, &error);
  assert_non_null(roster);
  const GPtrArray *members = ingest_roster_memberships(roster);
  assert_int_equal(members->len, 3);
  const guint64 lines[] = {2, 4, 5};
  for (guint i = 0; i < 3; i++)
    assert_int_equal(((const IngestMembership *)g_ptr_array_index(members, i))->line, lines[i]);
  const GPtrArray *ids = ingest_roster_ids(roster);
  assert_int_equal(ids->len, 1);
  assert_string_equal(g_ptr_array_index(ids, 0), "a1");
  assert_true(ingest_roster_has(roster, "a1"));
  assert_false(ingest_roster_has(roster, "x1"));
}

static void test_id_of_64_characters_is_accepted(void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster = read_roster(
      f,
      "ambassador_id,name,program,team,joined\n"
      "a123456789012345678901234567890123456789012345678901234567890123,X,p,DE,2025-01-01\n",
      &error);
  assert_non_null(roster);
  assert_int_equal(f->entry->accepted, 1);
}

static void test_missing_required_column_is_an_input_error(void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster = read_roster(f, "id,name,program,team\na1,Anna,p,DE\n", &error);
  assert_null(roster);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_true(g_str_has_prefix(error->message, "roster.csv:1: missing column(s) \"joined\"; "
                                               "found: \"id\", \"name\", \"program\", \"team\"; "
                                               "expected: \"ambassador_id\" (or \"id\", "));
}

static void test_roster_without_accepted_row_is_an_input_error(void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster = read_roster(
      f, "ambassador_id,name,program,team,joined\na1,,p,DE,2025-01-01\nb2,B,x,DE,2025-01-01\n",
      &error);
  assert_null(roster);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message, "roster.csv: no usable row (2 rejected, see "
                                      "normalized/rejects.csv): expected at least one membership");
  assert_int_equal(f->entry->rejected, 2);
}

static void test_empty_roster_is_an_input_error(void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster = read_roster(f, "", &error);
  assert_null(roster);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message, "roster.csv: empty: expected a header row (ambassador_id, "
                                      "name, program, team, joined, ...) and one row per "
                                      "membership");
}

/* Ids name folders under linkedin/: none may point anywhere else. */
static void test_path_like_ids_are_rejected(void **state)
{
  Fixture *f = *state;
  static const char text[] = "ambassador_id,name,program,team,joined\n"
                             "a1,Anna,p,DE,2025-01-01\n"
                             "../evil,X,p,DE,2025-01-01\n"
                             "/abs,X,p,DE,2025-01-01\n"
                             "..%2Fx,X,p,DE,2025-01-01\n"
                             "a/b,X,p,DE,2025-01-01\n"
                             ".hidden,X,p,DE,2025-01-01\n"
                             "nul\0id,X,p,DE,2025-01-01\n";
  g_autofree char *path = test_tree_path(f->dir, "roster.csv");
  test_tree_write_bytes(f->dir, "roster.csv", text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster =
      ingest_roster_read(path, f->entry, f->ledger, f->programs, &error);
  assert_non_null(roster);
  assert_int_equal(f->entry->rows_read, 7);
  assert_int_equal(f->entry->accepted, 1);
  g_autofree char *rejects = g_build_filename(f->dir, "rejects.csv", NULL);
  assert_true(ingest_ledger_write_rejects(f->ledger, rejects, &error));
  g_autofree char *listed = test_tree_read(f->dir, "rejects.csv");
  assert_string_equal(listed, "file,line,reason,excerpt\n"
                              "roster.csv,3,invalid ambassador id,\"../evil,X,p,DE,2025-01-01\"\n"
                              "roster.csv,4,invalid ambassador id,\"/abs,X,p,DE,2025-01-01\"\n"
                              "roster.csv,5,invalid ambassador id,\"..%2Fx,X,p,DE,2025-01-01\"\n"
                              "roster.csv,6,invalid ambassador id,\"a/b,X,p,DE,2025-01-01\"\n"
                              "roster.csv,7,invalid ambassador id,\".hidden,X,p,DE,2025-01-01\"\n"
                              "roster.csv,8,invalid ambassador id,"
                              "\"nul\xEF\xBF\xBDid,X,p,DE,2025-01-01\"\n");
}

static void test_header_with_an_open_quote_is_an_input_error(void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestRoster) roster =
      read_roster(f, "ambassador_id,name,program,team,\"joined\na1,Anna,p,DE,2025-01-01\n", &error);
  assert_null(roster);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message,
                      "roster.csv:1: header not readable: unterminated quote at end of file");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_german_header_and_consent_forms, setup, teardown),
      cmocka_unit_test_setup_teardown(test_english_aliases_are_accepted, setup, teardown),
      cmocka_unit_test_setup_teardown(test_each_reject_reason_with_its_line, setup, teardown),
      cmocka_unit_test_setup_teardown(test_accepted_rows_and_ids_in_file_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_id_of_64_characters_is_accepted, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_required_column_is_an_input_error, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_roster_without_accepted_row_is_an_input_error, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_empty_roster_is_an_input_error, setup, teardown),
      cmocka_unit_test_setup_teardown(test_path_like_ids_are_rejected, setup, teardown),
      cmocka_unit_test_setup_teardown(test_header_with_an_open_quote_is_an_input_error, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
