/* Tests of programs.ini reading (pipeline/ingest/programs.c): the programs
 * and teams a valid file gives, programs.csv as written, and the exact
 * message, with line, for each way the file can be unusable. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "ingest/programs.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

static const char valid_ini[] = "# Programs of the organisation\n"
                                "[program fenster-2022]\n"
                                "name = Fenster international 2022\n"
                                "company = Example Fenster AG\n"
                                "start = 01.03.2022\n"
                                "# empty: still running\n"
                                "end =\n"
                                "target_audience = Architekt; architect ;;Planer\n"
                                "teams = DE; AT ;CH\n"
                                "\n"
                                "[program 2025-solar]\n"
                                "name = Solar\n"
                                "company = Example Energie GmbH\n"
                                "start = 2025-07-15\n"
                                "end = 2026-03-31\n"
                                "target_audience =\n"
                                "teams = NORD\n";

static IngestPrograms *load_text(const char *dir, const char *text, GError **error)
{
  g_autofree char *path = test_tree_path(dir, "programs.ini");
  test_tree_write(dir, "programs.ini", text);
  return ingest_programs_load(path, "programs.ini", error);
}

/* The message an unusable file gives; also checks the error code. */
static char *load_error(const char *dir, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestPrograms) programs = load_text(dir, text, &error);
  assert_null(programs);
  assert_non_null(error);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  return g_strdup(error->message);
}

static void test_valid_file_gives_programs_and_teams(void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestPrograms) programs = load_text(*state, valid_ini, &error);
  assert_non_null(programs);
  assert_int_equal(ingest_programs_count(programs), 2);
  const IngestProgram *fenster = ingest_programs_lookup(programs, "fenster-2022");
  assert_non_null(fenster);
  assert_string_equal(fenster->name, "Fenster international 2022");
  assert_int_equal(g_date_get_year(&fenster->start), 2022);
  assert_int_equal(g_date_get_month(&fenster->start), 3);
  assert_int_equal(g_date_get_day(&fenster->start), 1);
  assert_false(g_date_valid(&fenster->end));
  assert_int_equal(g_strv_length(fenster->target_audience), 3);
  assert_string_equal(fenster->target_audience[1], "architect");
  assert_true(ingest_program_has_team(fenster, "AT"));
  assert_false(ingest_program_has_team(fenster, "NORD"));
  assert_false(ingest_program_has_team(fenster, "at"));
  assert_null(ingest_programs_lookup(programs, "solar"));
  const IngestProgram *solar = ingest_programs_lookup(programs, "2025-solar");
  assert_non_null(solar);
  assert_int_equal(g_strv_length(solar->target_audience), 0);
}

static void test_programs_csv_is_sorted_with_lists_joined(void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestPrograms) programs = load_text(*state, valid_ini, &error);
  assert_non_null(programs);
  g_autofree char *path = g_build_filename(*state, "normalized", "programs.csv", NULL);
  assert_true(ingest_programs_write(programs, path, &error));
  g_autofree char *text = test_tree_read(*state, "normalized/programs.csv");
  assert_string_equal(text, "program,name,company,start,end,target_audience,teams\n"
                            "2025-solar,Solar,Example Energie GmbH,2025-07-15,2026-03-31,,NORD\n"
                            "fenster-2022,Fenster international 2022,Example Fenster AG,"
                            "2022-03-01,,Architekt;architect;Planer,DE;AT;CH\n");
}

/* A backslash that is no key-file escape (a Windows path in a name, say) is
 * kept as written instead of emptying the value. */
static void test_backslash_that_is_no_escape_is_kept(void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestPrograms) programs = load_text(*state,
                                                 "[program p1]\n"
                                                 "name = Nord\\Süd a\\x\\\n"
                                                 "start = 2025-01-01\n"
                                                 "teams = A\n",
                                                 &error);
  assert_non_null(programs);
  assert_string_equal(ingest_programs_lookup(programs, "p1")->name, "Nord\\Süd a\\x\\");
}

static void test_bad_program_id_names_its_line(void **state)
{
  g_autofree char *message =
      load_error(*state, "# x\n\n[program Fenster]\nstart = 2025-01-01\nteams = DE\n");
  assert_string_equal(message, "programs.ini:3: [program Fenster]: bad program id \"Fenster\": "
                               "expected lowercase letters, digits and '-', starting with a "
                               "letter or digit");
}

static void test_id_starting_with_hyphen_is_refused(void **state)
{
  g_autofree char *message = load_error(*state, "[program -x]\nstart = 2025-01-01\nteams = DE\n");
  assert_true(g_str_has_prefix(message, "programs.ini:1: [program -x]: bad program id \"-x\""));
}

static void test_missing_start_names_the_group_line(void **state)
{
  g_autofree char *message = load_error(*state, "[program p]\nname = P\nteams = DE\n");
  assert_string_equal(message, "programs.ini:1: [program p] start: missing: expected a date "
                               "(YYYY-MM-DD or DD.MM.YYYY)");
}

static void test_bad_date_names_the_key_line(void **state)
{
  g_autofree char *message =
      load_error(*state, "[program a]\nstart = 2025-01-01\nteams = DE\n\n"
                         "[program b]\nname = B\nstart = 31.02.2026\nteams = DE\n");
  assert_string_equal(message, "programs.ini:7: [program b] start: not a date: \"31.02.2026\" "
                               "(expected YYYY-MM-DD or DD.MM.YYYY)");
}

static void test_end_before_start_is_refused(void **state)
{
  g_autofree char *message =
      load_error(*state, "[program p]\nstart = 2025-03-01\nend = 28.02.2025\nteams = DE\n");
  assert_string_equal(message, "programs.ini:3: [program p] end: 2025-02-28 is before start "
                               "2025-03-01: expected end >= start");
}

static void test_program_without_teams_is_refused(void **state)
{
  g_autofree char *message = load_error(*state, "[program p]\nstart = 2025-03-01\nteams = ; ;\n");
  assert_string_equal(message, "programs.ini:3: [program p] teams: no team: expected a "
                               "';'-separated list of team ids, e.g. teams = DE;AT");
}

static void test_team_listed_twice_is_refused(void **state)
{
  g_autofree char *message =
      load_error(*state, "[program p]\nstart = 2025-03-01\nteams = DE;AT;DE\n");
  assert_string_equal(message, "programs.ini:3: [program p] teams: team \"DE\" listed twice: "
                               "expected unique team ids");
}

static void test_other_group_is_refused(void **state)
{
  g_autofree char *message =
      load_error(*state, "[program p]\nstart = 2025-03-01\nteams = DE\n[programm q]\nteams = X\n");
  assert_string_equal(message,
                      "programs.ini:4: [programm q]: not a program: expected [program <id>]");
}

static void test_group_written_twice_is_refused(void **state)
{
  g_autofree char *message =
      load_error(*state, "[program p]\nstart = 2025-03-01\nteams = DE\n[program p]\nteams = AT\n");
  assert_string_equal(message,
                      "programs.ini:4: [program p] appears twice: expected each program once");
}

static void test_file_without_programs_is_refused(void **state)
{
  g_autofree char *message = load_error(*state, "# nothing yet\n");
  assert_string_equal(message, "programs.ini: no program: expected at least one "
                               "[program <id>] group");
}

static void test_text_that_is_no_key_file_is_refused(void **state)
{
  g_autofree char *message = load_error(*state, "[program p]\nthis line has no equals sign\n");
  assert_true(g_str_has_prefix(message, "programs.ini: not a key file ("));
  assert_true(g_str_has_suffix(message, "): expected [program <id>] groups of key = value lines"));
}

static void test_missing_file_is_an_input_error(void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename(*state, "programs.ini", NULL);
  g_autoptr(IngestPrograms) programs = ingest_programs_load(path, "programs.ini", &error);
  assert_null(programs);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_true(g_str_has_prefix(error->message, "programs.ini: cannot read: "));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_valid_file_gives_programs_and_teams, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_programs_csv_is_sorted_with_lists_joined,
                                      test_tree_setup, test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_backslash_that_is_no_escape_is_kept, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_bad_program_id_names_its_line, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_id_starting_with_hyphen_is_refused, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_missing_start_names_the_group_line, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_bad_date_names_the_key_line, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_end_before_start_is_refused, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_program_without_teams_is_refused, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_team_listed_twice_is_refused, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_other_group_is_refused, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_group_written_twice_is_refused, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_file_without_programs_is_refused, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_text_that_is_no_key_file_is_refused, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_missing_file_is_an_input_error, test_tree_setup,
                                      test_tree_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
