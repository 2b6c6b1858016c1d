/* What the unit tests share: temporary trees of files written and read back,
 * a single temporary file as a fixture, and a tolerance check for doubles.
 * Every helper fails the running cmocka test itself when it cannot do its
 * work, so the tests stay about behaviour. */
#pragma once
#include <glib.h>

/* A new empty folder <tmp>/<prefix>-XXXXXX; free the name with g_free. */
char *test_tree_new(const char *prefix);

/* Removes path and, for a folder, everything in it. Links are removed, never
 * followed, so a link out of the tree cannot take other files with it. */
void test_tree_remove(const char *path);

/* cmocka fixtures: *state is a new empty folder from test_tree_new, removed
 * with everything in it afterwards. */
int test_tree_setup(void **state);
int test_tree_teardown(void **state);
/* A cmocka test of f run in such a folder. */
#define TEST_IN_TREE(f) cmocka_unit_test_setup_teardown(f, test_tree_setup, test_tree_teardown)

/* dir/relative, with the folders it needs made. */
char *test_tree_path(const char *dir, const char *relative);

/* Writes text to dir/relative, making the folders it needs. */
void test_tree_write(const char *dir, const char *relative, const char *text);

/* The same for length bytes of data (-1: up to the first NUL). */
void test_tree_write_bytes(const char *dir, const char *relative, const char *data, gssize length);

/* The contents of dir/relative; fails the test when it cannot be read. */
char *test_tree_read(const char *dir, const char *relative);

/* The names in dir, sorted and joined with ' ' (what a folder holds after
 * a write, temporary files included); fails the test when it cannot be read. */
char *test_tree_list(const char *dir);

/* One file in a folder of its own, for tests of a module that reads or
 * writes a single file. */
typedef struct {
  char *dir;  /* from test_tree_new */
  char *path; /* dir/name */
} TestFile;

TestFile *test_file_new(const char *prefix, const char *name);
/* Writes text to the file. */
void test_file_write(const TestFile *file, const char *text);
/* Removes the folder with everything in it, and frees file. */
void test_file_free(TestFile *file);

/* Fails the test, at the caller's line, unless actual is within epsilon of
 * expected (cmocka 1.1.5 has no assertion for doubles). NaN is never near. */
#define test_assert_near(actual, expected, epsilon)                                                \
  test_check_near((actual), (expected), (epsilon), #actual, __FILE__, __LINE__)
void test_check_near(double actual, double expected, double epsilon, const char *text,
                     const char *file, int line);
