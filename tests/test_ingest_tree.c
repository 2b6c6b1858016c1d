/* Tests of the input tree walk (pipeline/ingest/tree.c): the kind each
 * place in the tree means, byte-order sorting, and files that are not
 * regular files listed without being followed. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "ingest/tree.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static void test_kinds_by_place_in_the_tree(void **state)
{
  (void)state;
  static const struct {
    const char *path;
    IngestFileKind kind;
  } cases[] = {
      {"programs.ini", INGEST_KIND_PROGRAMS},
      {"roster.csv", INGEST_KIND_ROSTER},
      {"Roster.csv", INGEST_KIND_UNRECOGNISED},
      {"sub/roster.csv", INGEST_KIND_UNRECOGNISED},
      {"ssi/2025-01.csv", INGEST_KIND_SSI_CSV},
      {"ssi/Export.CSV", INGEST_KIND_SSI_CSV},
      {"ssi/a1_2025-01-02.json", INGEST_KIND_SSI_JSON},
      {"ssi/old/2024.csv", INGEST_KIND_UNRECOGNISED},
      {"ssi/notes.txt", INGEST_KIND_UNRECOGNISED},
      {"ssi/.csv", INGEST_KIND_UNRECOGNISED},
      {"linkedin/a1/Basic_LinkedInDataExport_03-01-2026.zip", INGEST_KIND_LINKEDIN},
      {"linkedin/a1/export/Connections.csv", INGEST_KIND_LINKEDIN},
      {"posts/2025-01.csv", INGEST_KIND_POSTS},
      {"posts/2025-01.xlsx", INGEST_KIND_UNRECOGNISED},
      {"posts/old/2025-01.csv", INGEST_KIND_UNRECOGNISED},
      {"README.md", INGEST_KIND_UNRECOGNISED},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
    assert_int_equal(ingest_tree_kind_of(cases[i].path), cases[i].kind);
  assert_string_equal(ingest_file_kind_name(INGEST_KIND_SSI_JSON), "ssi capture");
  assert_string_equal(ingest_file_kind_name(INGEST_KIND_LINKEDIN), "linkedin export");
}

static void test_walk_lists_every_file_in_byte_order(void **state)
{
  const char *root = *state;
  test_tree_write(root, "ssi/b.csv", "x");
  test_tree_write(root, "ssi/B.csv", "xy");
  test_tree_write(root, "roster.csv", "");
  test_tree_write(root, "README.md", "hello\n");
  test_tree_write(root, "linkedin/a1/export/Profile.csv", "p");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = ingest_tree_walk(root, &error);
  assert_non_null(files);
  const char *expected[] = {"README.md", "linkedin/a1/export/Profile.csv", "roster.csv",
                            "ssi/B.csv", "ssi/b.csv"};
  assert_int_equal(files->len, G_N_ELEMENTS(expected));
  for (guint i = 0; i < files->len; i++) {
    const IngestTreeFile *file = g_ptr_array_index(files, i);
    assert_string_equal(file->path, expected[i]);
    assert_true(file->regular);
  }
  const IngestTreeFile *readme = g_ptr_array_index(files, 0);
  assert_int_equal(readme->bytes, 6);
  g_autofree char *sha = ingest_tree_file_sha256(readme, &error);
  assert_string_equal(sha, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
}

static void test_link_to_a_folder_is_listed_not_followed(void **state)
{
  const char *root = *state;
  test_tree_write(root, "ssi/a.csv", "x");
  g_autofree char *link = g_build_filename(root, "ssi", "loop", NULL);
  assert_int_equal(symlink("..", link), 0);
  g_autoptr(GPtrArray) files = ingest_tree_walk(root, NULL);
  assert_non_null(files);
  assert_int_equal(files->len, 2);
  const IngestTreeFile *loop = g_ptr_array_index(files, 1);
  assert_string_equal(loop->path, "ssi/loop");
  assert_false(loop->regular);
  assert_int_equal(loop->bytes, 0);
}

/* The paths of a walk, one per line. */
static char *walk_paths(const char *root, int jobs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = ingest_tree_walk_jobs(root, jobs, &error);
  assert_non_null(files);
  g_autoptr(GString) out = g_string_new(NULL);
  for (guint i = 0; i < files->len; i++) {
    const IngestTreeFile *file = g_ptr_array_index(files, i);
    g_string_append_printf(out, "%s|%s\n", file->path, file->abs_path + strlen(root));
  }
  return g_string_free(g_steal_pointer(&out), FALSE);
}

/* Ambassador folders walked on threads and merged: "a-2" sorts before "a"
 * by its files ('-' before '/'), loose files fall between folders. */
static void test_folders_on_threads_merge_in_byte_order(void **state)
{
  const char *root = *state;
  const char *paths[] = {"linkedin/a/x.csv", "linkedin/a/sub/y.csv", "linkedin/a-2/x.csv",
                         "linkedin/a.txt",   "linkedin/b/z.csv",     "linkedin/aa",
                         "README.md",        "roster.csv",           "ssi/s.csv"};
  for (gsize i = 0; i < G_N_ELEMENTS(paths); i++)
    test_tree_write(root, paths[i], "x");
  g_autofree char *empty = g_build_filename(root, "linkedin", "empty", NULL);
  assert_int_equal(g_mkdir(empty, 0755), 0);
  g_autofree char *one = walk_paths(root, 1);
  g_autofree char *two = walk_paths(root, 2);
  assert_string_equal(one, "README.md|/README.md\n"
                           "linkedin/a-2/x.csv|/linkedin/a-2/x.csv\n"
                           "linkedin/a.txt|/linkedin/a.txt\n"
                           "linkedin/a/sub/y.csv|/linkedin/a/sub/y.csv\n"
                           "linkedin/a/x.csv|/linkedin/a/x.csv\n"
                           "linkedin/aa|/linkedin/aa\n"
                           "linkedin/b/z.csv|/linkedin/b/z.csv\n"
                           "roster.csv|/roster.csv\n"
                           "ssi/s.csv|/ssi/s.csv\n");
  assert_string_equal(two, one);
}

/* Folder names that are not UTF-8 can read the same once made valid: the
 * merged runs then overlap, and the order is that of a walk in one go. */
static void test_folders_with_the_same_valid_name_keep_one_order(void **state)
{
  const char *root = *state;
  test_tree_write(root, "linkedin/\xff/b.csv", "x");
  test_tree_write(root, "linkedin/\xfe/a.csv", "x");
  test_tree_write(root, "linkedin/\xfe/c.csv", "x");
  test_tree_write(root, "linkedin/\xef\xbf\xbd/b.csv", "x");
  g_autofree char *one = walk_paths(root, 1);
  g_autofree char *two = walk_paths(root, 2);
  assert_string_equal(two, one);
  g_auto(GStrv) lines = g_strsplit(one, "\n", -1);
  assert_int_equal(g_strv_length(lines), 5);
  assert_true(g_str_has_prefix(lines[0], "linkedin/\xef\xbf\xbd/a.csv|"));
  assert_true(g_str_has_prefix(lines[3], "linkedin/\xef\xbf\xbd/c.csv|"));
}

/* The paths of a walk sorted as the walk's own sort would (strcmp), to
 * check the order the walk gives without sorting. */
static gint path_compare(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Folders are read in byte order of their entries, a folder's name
 * followed by '/': "q!" < "q/r" < "q0" ('!' < '/' < '0'). An ambassador's
 * folder is not checked again once walked (the top's files are), so the
 * names that tell are in one, and the order is that of a sort of the paths,
 * whichever the jobs. */
static void test_folder_entries_visited_in_path_order(void **state)
{
  const char *root = *state;
  const char *paths[] = {"linkedin/p/q/r.csv",   "linkedin/p/q!",   "linkedin/p/q0",
                         "linkedin/p/s/t/u",     "linkedin/p/s/t!", "linkedin/p/s/t0",
                         "linkedin/p/s\xc3\xa9", "linkedin/p/s!",   "linkedin/p!",
                         "linkedin/p0",          "roster.csv"};
  for (gsize i = 0; i < G_N_ELEMENTS(paths); i++)
    test_tree_write(root, paths[i], "x");
  g_autoptr(GPtrArray) sorted = g_ptr_array_new();
  for (gsize i = 0; i < G_N_ELEMENTS(paths); i++)
    g_ptr_array_add(sorted, (gpointer)paths[i]);
  g_ptr_array_sort(sorted, path_compare);
  for (int jobs = 1; jobs <= 2; jobs++) {
    g_autoptr(GPtrArray) files = ingest_tree_walk_jobs(root, jobs, NULL);
    assert_non_null(files);
    assert_int_equal(files->len, sorted->len);
    for (guint i = 0; i < files->len; i++) {
      const IngestTreeFile *file = g_ptr_array_index(files, i);
      assert_string_equal(file->path, g_ptr_array_index(sorted, i));
    }
  }
}

/* The walk tells a folder's kind once where the rules allow: each file's
 * kind is still the one ingest_tree_kind_of gives its path. */
static void test_kinds_of_a_walk_are_those_of_the_rules(void **state)
{
  const char *root = *state;
  const char *paths[] = {"programs.ini",     "roster.csv",
                         "Roster.csv",       "notes.txt",
                         "sub/roster.csv",   "sub/programs.ini",
                         "ssi/a.csv",        "ssi/B.CSV",
                         "ssi/.csv",         "ssi/c.json",
                         "ssi/d.txt",        "ssi/old/e.csv",
                         "posts/p.csv",      "posts/p.xlsx",
                         "posts/old/p.csv",  "linkedin/x.zip",
                         "linkedin/a/e.zip", "linkedin/a/d/Profile.csv",
                         "linkedin/a/d/e/f", "linkedin/b/notes.txt",
                         "linkedinx/a.csv"};
  for (gsize i = 0; i < G_N_ELEMENTS(paths); i++)
    test_tree_write(root, paths[i], "x");
  for (int jobs = 1; jobs <= 2; jobs++) {
    g_autoptr(GPtrArray) files = ingest_tree_walk_jobs(root, jobs, NULL);
    assert_non_null(files);
    assert_int_equal(files->len, G_N_ELEMENTS(paths));
    guint linkedin = 0;
    for (guint i = 0; i < files->len; i++) {
      const IngestTreeFile *file = g_ptr_array_index(files, i);
      assert_int_equal(file->kind, ingest_tree_kind_of(file->path));
      linkedin += file->kind == INGEST_KIND_LINKEDIN;
    }
    assert_int_equal(linkedin, 5);
  }
}

/* Thousands of files fill several of the walk's blocks of records; each
 * file can be freed on its own, in any order, and after the list. */
static void test_files_outlive_the_list_they_came_in(void **state)
{
  const char *root = *state;
  const guint n = 3000;
  for (guint i = 0; i < n; i++) {
    g_autofree char *path =
        g_strdup_printf("linkedin/a%u/export_with_a_long_name_%05u.csv", i % 7, i);
    test_tree_write(root, path, "x");
  }
  g_autoptr(GPtrArray) files = ingest_tree_walk_jobs(root, 2, NULL);
  assert_non_null(files);
  assert_int_equal(files->len, n);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func((GDestroyNotify)ingest_tree_file_free);
  for (guint i = files->len; i-- > 0;)
    if (i % 97 == 0)
      g_ptr_array_add(kept, g_ptr_array_steal_index(files, i));
  g_clear_pointer(&files, g_ptr_array_unref);
  assert_int_equal(kept->len, (n + 96) / 97);
  for (guint k = 0; k < kept->len; k++) {
    IngestTreeFile *file = g_ptr_array_index(kept, k);
    assert_true(g_str_has_suffix(file->abs_path, file->path));
    assert_true(file->regular);
    assert_int_equal(file->bytes, 1);
  }
  const IngestTreeFile *first = g_ptr_array_index(kept, kept->len - 1);
  assert_string_equal(first->path, "linkedin/a0/export_with_a_long_name_00000.csv");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kinds_by_place_in_the_tree),
      cmocka_unit_test_setup_teardown(test_walk_lists_every_file_in_byte_order, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_folders_on_threads_merge_in_byte_order, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_folders_with_the_same_valid_name_keep_one_order,
                                      test_tree_setup, test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_link_to_a_folder_is_listed_not_followed, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_folder_entries_visited_in_path_order, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_kinds_of_a_walk_are_those_of_the_rules, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_files_outlive_the_list_they_came_in, test_tree_setup,
                                      test_tree_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
