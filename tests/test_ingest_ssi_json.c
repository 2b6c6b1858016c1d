/* Tests of SSI page captures (pipeline/ingest/ssi_json.c): pillars found by
 * name in any order, unknown fields ignored, the id split at the last '_',
 * and the reason each unusable capture is rejected with. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "ingest/ssi_json.h"
#include "ingest_fixture.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

static const char programs_ini[] = "[program p]\nstart = 2025-01-01\nteams = DE\n";
static const char roster_csv[] = "ambassador_id,name,program,team,joined\n"
                                 "a1,Anna Berg,p,DE,2025-01-01\n"
                                 "ext_0004,Marco Rossi,p,DE,2025-01-01\n";
static const char snapshots_header[] =
    "ambassador_id,date,ssi,brand,people,insights,relationships,industry_rank,network_rank,file,"
    "line\n";

/* Pillars out of LinkedIn's usual order, NETWORK before INDUSTRY, a TEAM
 * group and fields the pipeline does not know. */
static const char shuffled_capture[] =
    "{\"activeSeat\": false, \"memberScore\": {\"overall\": 67.95265, \"subScores\": ["
    "{\"score\": 17.73851, \"pillar\": \"STRONG_RELATIONSHIP\"},"
    "{\"pillar\": \"INSIGHT_ENGAGEMENT\", \"score\": 14.28978},"
    "{\"score\": 19.22819, \"pillar\": \"PROFESSIONAL_BRAND\", \"trend\": [1, 2]},"
    "{\"score\": 16.69617, \"pillar\": \"FIND_RIGHT_PEOPLE\"}]},"
    "\"groupScore\": [{\"groupType\": \"NETWORK\", \"rank\": 43, \"score\": {\"overall\": 61.16}},"
    "{\"groupType\": \"TEAM\", \"rank\": 2},"
    "{\"groupType\": \"INDUSTRY\", \"rank\": 37, \"industry\": \"Construction\", \"groupSize\": "
    "0}],"
    "\"viewer\": {\"locale\": \"de_DE\"}}";

typedef IngestFixture Fixture;

static int setup(void **state)
{
  *state = ingest_fixture_new("ssi-json", programs_ini, roster_csv);
  return 0;
}

static int teardown(void **state)
{
  ingest_fixture_free(*state);
  return 0;
}

static IngestFileEntry *read_capture(Fixture *f, const char *name, const char *text)
{
  g_autofree char *file = g_strconcat("ssi/", name, NULL);
  g_autofree char *path = test_tree_path(f->dir, name);
  test_tree_write(f->dir, name, text);
  IngestFileEntry *entry = ingest_ledger_add_file(f->ledger, file, "ssi capture");
  assert_true(ingest_ssi_json_read(path, entry, &f->sink, NULL));
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

/* text as one CSV field, cut to the 200 characters of an excerpt. */
static char *csv_field(const char *text, gsize max_chars)
{
  g_autofree char *cut = g_strndup(text, MIN(strlen(text), max_chars));
  if (strpbrk(cut, ",\"\n") == NULL)
    return g_steal_pointer(&cut);
  g_auto(GStrv) parts = g_strsplit(cut, "\"", -1);
  g_autofree char *doubled = g_strjoinv("\"\"", parts);
  return g_strconcat("\"", doubled, "\"", NULL);
}

/* A capture rejected as a whole: one row, that reason, in the note too. */
static void assert_rejected(Fixture *f, const char *name, const char *text, guint64 line,
                            const char *reason)
{
  IngestFileEntry *entry = read_capture(f, name, text);
  assert_int_equal(entry->rows_read, 1);
  assert_int_equal(entry->rejected, 1);
  assert_string_equal(entry->note->str, reason);
  g_autofree char *rejects = rejects_text(f);
  g_autofree char *quoted_reason = csv_field(reason, G_MAXSIZE);
  g_autofree char *excerpt = csv_field(text, 200);
  g_autofree char *expected =
      g_strdup_printf("file,line,reason,excerpt\nssi/%s,%" G_GUINT64_FORMAT ",%s,%s\n", name, line,
                      quoted_reason, excerpt);
  assert_string_equal(rejects, expected);
}

static void test_pillars_are_found_by_name_in_any_order(void **state)
{
  Fixture *f = *state;
  IngestFileEntry *entry = read_capture(f, "a1_2026-02-23.json", shuffled_capture);
  assert_int_equal(entry->accepted, 1);
  assert_null(entry->encoding);
  assert_string_equal(entry->note->str, "");
  g_autofree char *text = snapshots_text(f);
  g_autofree char *expected =
      g_strconcat(snapshots_header,
                  "a1,2026-02-23,67.95265,19.22819,16.69617,14.28978,17.73851,37,43,"
                  "ssi/a1_2026-02-23.json,1\n",
                  NULL);
  assert_string_equal(text, expected);
}

static void test_id_is_split_at_the_last_underscore_and_total_summed(void **state)
{
  Fixture *f = *state;
  read_capture(f, "ext_0004_2025-12-18.json",
               "{\"memberScore\": {\"subScores\": [{\"score\": 10.5, \"pillar\": "
               "\"PROFESSIONAL_BRAND\"}, {\"score\": 5.25, \"pillar\": \"FIND_RIGHT_PEOPLE\"}, "
               "{\"score\": 2, \"pillar\": \"INSIGHT_ENGAGEMENT\"}, {\"score\": 3.25, "
               "\"pillar\": \"STRONG_RELATIONSHIP\"}]}}");
  g_autofree char *text = snapshots_text(f);
  g_autofree char *expected = g_strconcat(
      snapshots_header,
      "ext_0004,2025-12-18,21,10.5,5.25,2,3.25,,,ssi/ext_0004_2025-12-18.json,1\n", NULL);
  assert_string_equal(text, expected);
}

static void test_total_only_capture(void **state)
{
  Fixture *f = *state;
  read_capture(f, "a1_2026-01-02.json", "{\"memberScore\": {\"overall\": 50, \"subScores\": []}}");
  g_autofree char *text = snapshots_text(f);
  g_autofree char *expected =
      g_strconcat(snapshots_header, "a1,2026-01-02,50,,,,,,,ssi/a1_2026-01-02.json,1\n", NULL);
  assert_string_equal(text, expected);
}

static void test_text_that_is_not_json_names_the_parser_line(void **state)
{
  assert_rejected(*state, "a1_2026-02-23.json", "{\"memberScore\": {\n \"overall\": x}}", 2,
                  "not JSON: unexpected identifier `x', expected value");
}

static void test_bad_file_names_are_rejected(void **state)
{
  assert_rejected(*state, "a1-2026-02-23.json", shuffled_capture, 1,
                  "file name is not <ambassador_id>_<YYYY-MM-DD>.json");
}

static void test_impossible_day_in_the_name_is_rejected(void **state)
{
  assert_rejected(*state, "a1_2026-02-30.json", shuffled_capture, 1,
                  "file name is not <ambassador_id>_<YYYY-MM-DD>.json");
}

static void test_missing_member_score_is_rejected(void **state)
{
  assert_rejected(*state, "a1_2026-02-23.json", "{\"activeSeat\": false}", 1,
                  "missing memberScore: not an SSI page capture");
}

static void test_unknown_ambassador_is_rejected(void **state)
{
  assert_rejected(*state, "zz_2026-02-23.json", shuffled_capture, 1, "unknown ambassador");
}

static void test_overall_that_is_no_number_is_rejected(void **state)
{
  assert_rejected(*state, "a1_2026-02-23.json", "{\"memberScore\": {\"overall\": \"67\"}}", 1,
                  "not a number: overall");
}

static void test_pillar_out_of_range_is_rejected(void **state)
{
  assert_rejected(*state, "a1_2026-02-23.json",
                  "{\"memberScore\": {\"overall\": 30, \"subScores\": [{\"score\": 26, "
                  "\"pillar\": \"PROFESSIONAL_BRAND\"}, {\"score\": 1, \"pillar\": "
                  "\"FIND_RIGHT_PEOPLE\"}, {\"score\": 1, \"pillar\": \"INSIGHT_ENGAGEMENT\"}, "
                  "{\"score\": 2, \"pillar\": \"STRONG_RELATIONSHIP\"}]}}",
                  1, "pillar out of range");
}

static void test_three_pillars_are_rejected(void **state)
{
  assert_rejected(*state, "a1_2026-02-23.json",
                  "{\"memberScore\": {\"overall\": 30, \"subScores\": [{\"score\": 10, "
                  "\"pillar\": \"PROFESSIONAL_BRAND\"}, {\"score\": 10, \"pillar\": "
                  "\"FIND_RIGHT_PEOPLE\"}, {\"score\": 10, \"pillar\": \"INSIGHT_ENGAGEMENT\"}]}}",
                  1, "some but not all pillars");
}

/* 100000 nested arrays would exhaust the parser's stack: the capture is
 * rejected, naming the line where nesting passes 64 levels. */
static void test_deep_nesting_is_rejected(void **state)
{
  g_autoptr(GString) text = g_string_new("{\"memberScore\": \"[[[ in a string\",\n\"x\": ");
  for (int i = 0; i < 100000; i++)
    g_string_append_c(text, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c(text, ']');
  g_string_append(text, "}");
  assert_rejected(*state, "a1_2026-02-23.json", text->str, 2,
                  "nested more than 64 levels deep: not an SSI page capture");
}

/* 64 levels are still read (and this one is no capture). */
static void test_nesting_of_64_levels_is_parsed(void **state)
{
  g_autoptr(GString) text = g_string_new(NULL);
  for (int i = 0; i < 63; i++)
    g_string_append(text, "{\"a\": ");
  g_string_append(text, "[1]");
  for (int i = 0; i < 63; i++)
    g_string_append_c(text, '}');
  assert_rejected(*state, "a1_2026-02-23.json", text->str, 1,
                  "missing memberScore: not an SSI page capture");
}

static void test_empty_capture_is_zero_rows(void **state)
{
  Fixture *f = *state;
  IngestFileEntry *entry = read_capture(f, "a1_2026-02-23.json", "");
  assert_int_equal(entry->rows_read, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_pillars_are_found_by_name_in_any_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_id_is_split_at_the_last_underscore_and_total_summed,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_total_only_capture, setup, teardown),
      cmocka_unit_test_setup_teardown(test_text_that_is_not_json_names_the_parser_line, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_bad_file_names_are_rejected, setup, teardown),
      cmocka_unit_test_setup_teardown(test_impossible_day_in_the_name_is_rejected, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_member_score_is_rejected, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unknown_ambassador_is_rejected, setup, teardown),
      cmocka_unit_test_setup_teardown(test_overall_that_is_no_number_is_rejected, setup, teardown),
      cmocka_unit_test_setup_teardown(test_pillar_out_of_range_is_rejected, setup, teardown),
      cmocka_unit_test_setup_teardown(test_three_pillars_are_rejected, setup, teardown),
      cmocka_unit_test_setup_teardown(test_deep_nesting_is_rejected, setup, teardown),
      cmocka_unit_test_setup_teardown(test_nesting_of_64_levels_is_parsed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_empty_capture_is_zero_rows, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
