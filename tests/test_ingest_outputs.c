/* Tests of input_files.csv and meta.csv (pipeline/ingest/outputs.c): the
 * checksums computed on a thread of their own give the same file as those
 * computed while writing, and leave the LinkedIn exports to their reader. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/sha256.h"
#include "ingest/outputs.h"
#include "ingest/tree.h"
#include "test_support.h"

#include <string.h>

static int setup(void **state)
{
  char *root = test_tree_new("ssi-outputs");
  test_tree_write(root, "README.md", "hello\n");
  test_tree_write(root, "roster.csv", "");
  test_tree_write(root, "linkedin/a1/export/Profile.csv", "p");
  test_tree_write(root, "ssi/2026-01.csv", "ambassador_id,date,ssi\n");
  *state = root;
  return 0;
}

static char *input_files_written(const char *root, GPtrArray *files)
{
  g_autofree char *path = test_tree_path(root, "input_files.csv");
  g_autoptr(GError) error = NULL;
  assert_true(ingest_outputs_write_input_files(files, path, &error));
  return test_tree_read(root, "input_files.csv");
}

static void test_checksums_ahead_write_the_same_file(void **state)
{
  const char *root = *state;
  g_autoptr(GPtrArray) plain = ingest_tree_walk(root, NULL);
  g_autoptr(GPtrArray) ahead = ingest_tree_walk(root, NULL);
  assert_non_null(plain);
  assert_non_null(ahead);
  ingest_outputs_checksums_finish(ingest_outputs_checksums_start(ahead));
  for (guint i = 0; i < ahead->len; i++) {
    const IngestTreeFile *file = g_ptr_array_index(ahead, i);
    /* The LinkedIn reader checksums its files as it reads them. */
    assert_int_equal(file->has_sha256, file->kind != INGEST_KIND_LINKEDIN);
  }
  const IngestTreeFile *readme = g_ptr_array_index(ahead, 0);
  assert_string_equal(readme->path, "README.md");
  char hex[SHA256_HEX_BYTES];
  sha256_hex(readme->sha256, hex);
  assert_string_equal(hex, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  g_autofree char *expected = input_files_written(root, plain);
  g_autofree char *actual = input_files_written(root, ahead);
  assert_string_equal(actual, expected);
}

static void test_unreadable_file_keeps_no_checksum(void **state)
{
  const char *root = *state;
  g_autoptr(GPtrArray) files = ingest_tree_walk(root, NULL);
  assert_non_null(files);
  IngestTreeFile *roster = g_ptr_array_index(files, 2);
  assert_string_equal(roster->path, "roster.csv");
  /* The walk's abs_path shares the file's allocation: replaced, not freed. */
  roster->abs_path = test_tree_path(root, "gone.csv");
  roster->path = "roster.csv";
  roster->path_in_abs_path = TRUE; /* not freed: a literal now */
  ingest_outputs_checksums_finish(ingest_outputs_checksums_start(files));
  assert_false(roster->has_sha256);
  g_autofree char *written = input_files_written(root, files);
  assert_non_null(strstr(written, "\nroster.csv,0,\n"));
}

static void test_finish_takes_null(void **state)
{
  (void)state;
  ingest_outputs_checksums_finish(NULL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_checksums_ahead_write_the_same_file, setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_unreadable_file_keeps_no_checksum, setup,
                                      test_tree_teardown),
      cmocka_unit_test(test_finish_takes_null),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
