/* The helpers of test_support.h: temporary trees and files for tests that
 * read and write files, and the check behind test_assert_near. Failures go
 * through cmocka so the test that called stops with the reason. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_support.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

char *test_tree_new(const char *prefix)
{
  g_autofree char *template = g_strconcat(prefix, "-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp(template, &error);
  if (dir == NULL)
    fail_msg("%s", error->message);
  return dir;
}

void test_tree_remove(const char *path)
{
  GStatBuf st;
  /* lstat: a link to a folder is removed as a link. */
  if (g_lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
    g_remove(path);
    return;
  }
  g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
  const char *name;
  while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
    g_autofree char *child = g_build_filename(path, name, NULL);
    test_tree_remove(child);
  }
  g_rmdir(path);
}

char *test_tree_path(const char *dir, const char *relative)
{
  char *path = g_build_filename(dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname(path);
  if (g_mkdir_with_parents(parent, 0755) != 0)
    fail_msg("%s: cannot make the folder: %s", parent, g_strerror(errno));
  return path;
}

void test_tree_write(const char *dir, const char *relative, const char *text)
{
  test_tree_write_bytes(dir, relative, text, -1);
}

void test_tree_write_bytes(const char *dir, const char *relative, const char *data, gssize length)
{
  g_autofree char *path = test_tree_path(dir, relative);
  g_autoptr(GError) error = NULL;
  if (!g_file_set_contents(path, data, length, &error))
    fail_msg("%s", error->message);
}

char *test_tree_read(const char *dir, const char *relative)
{
  g_autofree char *path = g_build_filename(dir, relative, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, &error))
    fail_msg("%s", error->message);
  return text;
}

int test_tree_setup(void **state)
{
  *state = test_tree_new("ssi-test");
  return 0;
}

int test_tree_teardown(void **state)
{
  test_tree_remove(*state);
  g_free(*state);
  return 0;
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

char *test_tree_list(const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GError) error = NULL;
  GDir *d = g_dir_open(dir, 0, &error);
  if (d == NULL)
    fail_msg("%s", error->message);
  const char *name;
  while ((name = g_dir_read_name(d)) != NULL)
    g_ptr_array_add(names, g_strdup(name));
  g_dir_close(d);
  g_ptr_array_sort(names, compare_names);
  g_ptr_array_add(names, NULL);
  return g_strjoinv(" ", (char **)names->pdata);
}

TestFile *test_file_new(const char *prefix, const char *name)
{
  TestFile *file = g_new0(TestFile, 1);
  file->dir = test_tree_new(prefix);
  file->path = g_build_filename(file->dir, name, NULL);
  return file;
}

void test_file_write(const TestFile *file, const char *text)
{
  g_autoptr(GError) error = NULL;
  if (!g_file_set_contents(file->path, text, -1, &error))
    fail_msg("%s", error->message);
}

void test_file_free(TestFile *file)
{
  test_tree_remove(file->dir);
  g_free(file->path);
  g_free(file->dir);
  g_free(file);
}

void test_check_near(double actual, double expected, double epsilon, const char *text,
                     const char *file, int line)
{
  if (fabs(actual - expected) <= epsilon)
    return;
  print_error("ERROR: %s is %.17g, expected %.17g\n", text, actual, expected);
  _fail(file, line);
}
