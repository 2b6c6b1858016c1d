/* Tests of pipeline/ingest/warnings.c: warnings.csv sorted whatever the order
 * things were found in, one warning per unknown id with its files, and past
 * INGEST_WARNINGS_MAX_UNKNOWN_IDS ids one warning for all the others. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "ingest/warnings.h"
#include "test_support.h"

static char *write_warnings(const char *dir, const IngestWarnings *warnings)
{
  g_autofree char *path = test_tree_path(dir, "warnings.csv");
  g_autoptr(GError) error = NULL;
  assert_true(ingest_warnings_write(warnings, path, &error));
  return test_tree_read(dir, "warnings.csv");
}

static guint count_lines(const char *text)
{
  guint n = 0;
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void test_sorted_with_the_files_of_each_unknown_id(void **state)
{
  g_autoptr(IngestWarnings) warnings = ingest_warnings_new();
  ingest_warnings_note_unknown(warnings, "zz", "ssi/b.csv");
  ingest_warnings_add(warnings, "no data", "a1", NULL, "no SSI value, export or post");
  ingest_warnings_note_unknown(warnings, "yy", "posts/p.csv");
  ingest_warnings_note_unknown(warnings, "zz", "ssi/b.csv");
  ingest_warnings_note_unknown(warnings, "zz", "ssi/a.csv");
  g_autofree char *text = write_warnings(*state, warnings);
  assert_string_equal(text, "kind,subject,month,detail\n"
                            "no data,a1,,\"no SSI value, export or post\"\n"
                            "unknown ambassador,yy,,not in roster.csv; data in posts/p.csv\n"
                            "unknown ambassador,zz,,\"not in roster.csv; data in ssi/b.csv, "
                            "ssi/a.csv\"\n");
}

/* A broken file of made-up ids: the first ones are listed one by one, the
 * others together, with the files they are in. */
static void test_unknown_ids_past_the_limit_share_one_warning(void **state)
{
  g_autoptr(IngestWarnings) warnings = ingest_warnings_new();
  for (int i = 0; i < INGEST_WARNINGS_MAX_UNKNOWN_IDS + 3; i++) {
    g_autofree char *id = g_strdup_printf("u%05d", i);
    ingest_warnings_note_unknown(warnings, id, "ssi/a.csv");
  }
  ingest_warnings_note_unknown(warnings, "u00000", "ssi/b.csv"); /* listed: its file added */
  ingest_warnings_note_unknown(warnings, "u10001", "ssi/c.csv"); /* past the limit */
  ingest_warnings_note_unknown(warnings, "u10002", "ssi/a.csv");
  g_autofree char *text = write_warnings(*state, warnings);
  assert_int_equal(count_lines(text), 1 + INGEST_WARNINGS_MAX_UNKNOWN_IDS + 1);
  assert_true(g_str_has_prefix(
      text, "kind,subject,month,detail\n"
            "unknown ambassador,(more ids),,\"not in roster.csv either, past the 10000 ids "
            "listed one by one; data in ssi/a.csv, ssi/c.csv\"\n"
            "unknown ambassador,u00000,,\"not in roster.csv; data in ssi/a.csv, ssi/b.csv\"\n"
            "unknown ambassador,u00001,,not in roster.csv; data in ssi/a.csv\n"));
  assert_true(
      g_str_has_suffix(text, "unknown ambassador,u09999,,not in roster.csv; data in ssi/a.csv\n"));
  assert_null(strstr(text, "u10000"));
}

/* Warnings noted apart and merged count against the same limit, the merged
 * ones after those already held. */
static void test_merged_ids_count_against_the_limit(void **state)
{
  g_autoptr(IngestWarnings) warnings = ingest_warnings_new();
  for (int i = 0; i < INGEST_WARNINGS_MAX_UNKNOWN_IDS - 1; i++) {
    g_autofree char *id = g_strdup_printf("s%05d", i);
    ingest_warnings_note_unknown(warnings, id, "ssi/a.csv");
  }
  IngestWarnings *linkedin = ingest_warnings_new();
  ingest_warnings_note_unknown(linkedin, "x1", "linkedin/x1/");
  ingest_warnings_note_unknown(linkedin, "x2", "linkedin/x2/");
  ingest_warnings_note_unknown(linkedin, "x3", "linkedin/x3/");
  ingest_warnings_merge(warnings, linkedin);
  g_autofree char *text = write_warnings(*state, warnings);
  assert_int_equal(count_lines(text), 1 + INGEST_WARNINGS_MAX_UNKNOWN_IDS + 1);
  assert_non_null(strstr(text, "\nunknown ambassador,(more ids),,\"not in roster.csv either, "
                               "past the 10000 ids listed one by one; data in linkedin/x2/, "
                               "linkedin/x3/\"\n"));
  assert_true(g_str_has_suffix(text, "unknown ambassador,x1,,not in roster.csv; data in "
                                     "linkedin/x1/\n"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_sorted_with_the_files_of_each_unknown_id,
                                      test_tree_setup, test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_unknown_ids_past_the_limit_share_one_warning,
                                      test_tree_setup, test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_merged_ids_count_against_the_limit, test_tree_setup,
                                      test_tree_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
