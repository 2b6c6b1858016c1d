/* Tests of report/workbook.c: the workbook appears under its name only when
 * complete, a rejected sheet name is an output error, and abort leaves
 * nothing in the output folder. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "report/workbook.h"

#include <glib/gstdio.h>
#include <string.h>

static int make_temp_dir(void **state)
{
  *state = g_dir_make_tmp("report-workbook-XXXXXX", NULL);
  return *state == NULL;
}

static guint count_entries(const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open(dir, 0, NULL);
  guint n = 0;
  while (listing != NULL && g_dir_read_name(listing) != NULL)
    n++;
  return n;
}

static int remove_temp_dir(void **state)
{
  g_autofree char *dir = *state;
  g_autofree char *sub = g_build_filename(dir, "2026-10", NULL);
  const char *dirs[] = {sub, dir};
  for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
    g_autoptr(GDir) listing = g_dir_open(dirs[i], 0, NULL);
    const char *name;
    while (listing != NULL && (name = g_dir_read_name(listing)) != NULL) {
      g_autofree char *path = g_build_filename(dirs[i], name, NULL);
      g_remove(path);
    }
    g_rmdir(dirs[i]);
  }
  return 0;
}

static void test_publish_puts_the_file_in_place(void **state)
{
  g_autofree char *dir = g_build_filename(*state, "2026-10", NULL);
  g_autoptr(GError) error = NULL;
  ReportWorkbook *book = report_workbook_open(dir, "book.xlsx", "2026-10", "Title", &error);
  assert_non_null(book);
  g_autofree char *path = g_strdup(book->path);
  assert_false(g_file_test(path, G_FILE_TEST_EXISTS)); /* nothing before publish */
  assert_non_null(report_workbook_add_sheet(book, "Übersicht", &error));
  assert_true(report_workbook_write(book, &error));
  assert_false(g_file_test(path, G_FILE_TEST_EXISTS)); /* written, not yet in place */
  assert_true(report_workbook_publish(book, &error));
  assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
  assert_int_equal(count_entries(dir), 1); /* no temporary file left */
}

static void test_bad_sheet_name_is_an_output_error(void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReportWorkbook) book =
      report_workbook_open(*state, "book.xlsx", "2026-10", "Title", &error);
  assert_non_null(book);
  const char *too_long = "A sheet name longer than 31 characters";
  assert_null(report_workbook_add_sheet(book, too_long, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT));
  assert_non_null(strstr(error->message, too_long));
  g_clear_error(&error);
  assert_non_null(report_workbook_add_sheet(book, "Summary", &error));
  assert_null(report_workbook_add_sheet(book, "Summary", &error)); /* twice */
}

static void test_abort_leaves_nothing(void **state)
{
  g_autoptr(GError) error = NULL;
  ReportWorkbook *book = report_workbook_open(*state, "book.xlsx", "2026-10", "Title", &error);
  assert_non_null(book);
  assert_non_null(report_workbook_add_sheet(book, "Summary", &error));
  report_workbook_abort(book);
  assert_int_equal(count_entries(*state), 0);
}

static void test_bad_month(void **state)
{
  g_autoptr(GError) error = NULL;
  assert_null(report_workbook_open(*state, "book.xlsx", "October", "Title", &error));
  assert_string_equal(error->message, "report month \"October\": expected YYYY-MM");
  assert_int_equal(count_entries(*state), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_publish_puts_the_file_in_place, make_temp_dir,
                                      remove_temp_dir),
      cmocka_unit_test_setup_teardown(test_bad_sheet_name_is_an_output_error, make_temp_dir,
                                      remove_temp_dir),
      cmocka_unit_test_setup_teardown(test_abort_leaves_nothing, make_temp_dir, remove_temp_dir),
      cmocka_unit_test_setup_teardown(test_bad_month, make_temp_dir, remove_temp_dir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
