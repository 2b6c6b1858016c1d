/* Tests of pipeline/common/csv_writer.c: the exact bytes of stage files
 * (quoting, number text) and the temporary-file-then-rename behaviour. */
#include "common/csv_writer.h"
#include "common/errors.h"
#include "test_support.h"
#include <glib/gstdio.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

static const char *const header[] = {"name", "value", NULL};

/* One value per row through add, and the file's text. */
static char *write_rows(const char *dir, void (*add)(CsvWriter *, double), const double *values,
                        guint n)
{
  g_autofree char *path = g_build_filename(dir, "numbers.csv", NULL);
  g_autoptr(GError) error = NULL;
  CsvWriter *writer = csv_writer_open(path, (const char *const[]){"v", NULL}, &error);
  assert_non_null(writer);
  for (guint i = 0; i < n; i++) {
    add(writer, values[i]);
    csv_writer_end_row(writer);
  }
  assert_true(csv_writer_commit(writer, &error));
  return test_tree_read(dir, "numbers.csv");
}

static void test_quoting_only_where_needed(void **state)
{
  g_autofree char *path = g_build_filename(*state, "text.csv", NULL);
  g_autoptr(GError) error = NULL;
  CsvWriter *writer = csv_writer_open(path, header, &error);
  assert_non_null(writer);
  const char *fields[] = {"plain",  "a,b",   "say \"hi\"", "two\nlines", " lead",
                          "trail ", "cr\rx", "",           "Zürich €",   "semi;colon"};
  for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
    csv_writer_add_text(writer, fields[i]);
    csv_writer_add_text(writer, NULL);
    csv_writer_end_row(writer);
  }
  csv_writer_add_int(writer, -42);
  csv_writer_add_int(writer, G_MAXINT64);
  csv_writer_add_empty(writer);
  csv_writer_end_row(writer);
  assert_true(csv_writer_commit(writer, &error));
  assert_null(error);
  g_autofree char *text = test_tree_read(*state, "text.csv");
  assert_string_equal(text, "name,value\n"
                            "plain,\n"
                            "\"a,b\",\n"
                            "\"say \"\"hi\"\"\",\n"
                            "\"two\nlines\",\n"
                            "\" lead\",\n"
                            "\"trail \",\n"
                            "\"cr\rx\",\n"
                            ",\n"
                            "Zürich €,\n"
                            "semi;colon,\n"
                            "-42,9223372036854775807,\n");
}

static void test_double2_two_decimals(void **state)
{
  const double values[] = {2.675, 1.005,       0.125, -0.001, -0.0,     -1.5,
                           39.9,  1234567.891, 100,   NAN,    INFINITY, -INFINITY};
  g_autofree char *text = write_rows(*state, csv_writer_add_double2, values, G_N_ELEMENTS(values));
  /* %.2f rounds the binary value: 2.675 is 2.67499999... */
  assert_string_equal(text, "v\n2.67\n1.00\n0.12\n0.00\n0.00\n-1.50\n39.90\n1234567.89\n100.00\n"
                            "\n\n\n");
}

static void test_double_exact_shortest(void **state)
{
  const double values[] = {0.1,  1.0 / 3.0, 2.675, 19.705751, 0.29999998,    1e21,     5e-324,
                           -0.0, 100,       -2.5,  NAN,       1e300 * 1e300, 0.1 + 0.2};
  g_autofree char *text =
      write_rows(*state, csv_writer_add_double_exact, values, G_N_ELEMENTS(values));
  assert_string_equal(text, "v\n0.1\n0.3333333333333333\n2.675\n19.705751\n0.29999998\n1e+21\n"
                            "4.94065645841247e-324\n0\n100\n-2.5\n\n\n0.30000000000000004\n");
}

/* Whatever the value, the text reads back to the same double. */
static void test_double_exact_round_trips(void **state)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed(11);
  double values[2000];
  for (guint i = 0; i < G_N_ELEMENTS(values); i++) {
    guint64 bits = ((guint64)g_rand_int(rand) << 32) | g_rand_int(rand);
    memcpy(&values[i], &bits, sizeof bits);
    if (!isfinite(values[i]))
      values[i] = g_rand_double_range(rand, -1e6, 1e6);
  }
  g_autofree char *text =
      write_rows(*state, csv_writer_add_double_exact, values, G_N_ELEMENTS(values));
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS(values); i++) {
    assert_true(g_ascii_strtod(lines[i + 1], NULL) == values[i]);
    assert_true(strlen(lines[i + 1]) <= 24);
  }
}

/* Both number forms give printf's text exactly ("%.2f"; the first of
 * "%.15g", "%.16g", "%.17g" that reads back), also where the writer takes
 * its own way: ties of the binary value, scores, counts, fractions. */
static void test_numbers_as_printf_writes_them(void **state)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed(5);
  g_autoptr(GString) expected2 = g_string_new("v\n");
  g_autoptr(GString) expected_exact = g_string_new("v\n");
  double values[3000];
  for (guint i = 0; i < G_N_ELEMENTS(values); i++) {
    int k = g_rand_int_range(rand, -200000, 200000);
    double v = i % 3 == 0   ? k / 8.0
               : i % 3 == 1 ? k / 200.0
                            : g_rand_double_range(rand, -1e4, 1e4) / (1 << (i % 20));
    values[i] = i % 5 == 0 ? nextafter(v, i % 2 ? 1e300 : -1e300) : v;
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, "%.2f", values[i]);
    g_string_append_printf(expected2, "%s\n", strcmp(buf, "-0.00") == 0 ? "0.00" : buf);
    const char *formats[] = {"%.15g", "%.16g", "%.17g"};
    for (guint f = 0; f < G_N_ELEMENTS(formats); f++) {
      g_ascii_formatd(buf, sizeof buf, formats[f], values[i] == 0.0 ? 0.0 : values[i]);
      if (g_ascii_strtod(buf, NULL) == values[i])
        break;
    }
    g_string_append_printf(expected_exact, "%s\n", buf);
  }
  g_autofree char *text2 = write_rows(*state, csv_writer_add_double2, values, G_N_ELEMENTS(values));
  assert_string_equal(text2, expected2->str);
  g_autofree char *exact =
      write_rows(*state, csv_writer_add_double_exact, values, G_N_ELEMENTS(values));
  assert_string_equal(exact, expected_exact->str);
}

static void test_file_appears_only_on_commit(void **state)
{
  g_autofree char *path = g_build_filename(*state, "sub", "dir", "stage.csv", NULL);
  g_autofree char *folder = g_path_get_dirname(path);
  g_autoptr(GError) error = NULL;
  CsvWriter *writer = csv_writer_open(path, header, &error);
  assert_non_null(writer);
  csv_writer_add_text(writer, "a");
  csv_writer_add_int(writer, 1);
  csv_writer_end_row(writer);
  assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
  g_autofree char *during = test_tree_list(folder);
  assert_true(g_str_has_prefix(during, "stage.csv.tmp-"));
  assert_true(csv_writer_commit(writer, &error));
  g_autofree char *after = test_tree_list(folder);
  assert_string_equal(after, "stage.csv");
  g_autofree char *text = test_tree_read(*state, "sub/dir/stage.csv");
  assert_string_equal(text, "name,value\na,1\n");
  struct stat st;
  assert_int_equal(g_stat(path, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0644);
}

static void test_abort_keeps_previous_file(void **state)
{
  g_autofree char *path = g_build_filename(*state, "stage.csv", NULL);
  assert_true(g_file_set_contents(path, "old\n", -1, NULL));
  g_autoptr(GError) error = NULL;
  CsvWriter *writer = csv_writer_open(path, header, &error);
  assert_non_null(writer);
  for (int i = 0; i < 100000; i++) { /* past the buffer, so bytes reach the disk */
    csv_writer_add_text(writer, "row");
    csv_writer_add_int(writer, i);
    csv_writer_end_row(writer);
  }
  csv_writer_abort(writer);
  csv_writer_abort(NULL);
  g_autofree char *text = test_tree_read(*state, "stage.csv");
  assert_string_equal(text, "old\n");
  g_autofree char *names = test_tree_list(*state);
  assert_string_equal(names, "stage.csv");
}

static void test_large_file_complete(void **state)
{
  g_autofree char *path = g_build_filename(*state, "big.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsvWriter) writer = csv_writer_open(path, header, &error);
  for (int i = 0; i < 100000; i++) {
    csv_writer_add_text(writer, "row");
    csv_writer_add_int(writer, i);
    csv_writer_end_row(writer);
  }
  assert_true(csv_writer_commit(g_steal_pointer(&writer), &error));
  g_autofree char *text = test_tree_read(*state, "big.csv");
  assert_true(g_str_has_prefix(text, "name,value\nrow,0\nrow,1\n"));
  assert_true(g_str_has_suffix(text, "\nrow,99998\nrow,99999\n"));
  /* "row," and '\n' per row, and the digits of 0 to 99999 */
  assert_int_equal(strlen(text),
                   11 + 100000 * 5 + (10 * 1 + 90 * 2 + 900 * 3 + 9000 * 4 + 90000 * 5));
}

static void test_commit_failure_names_path(void **state)
{
  /* A folder where the file should go: the rename fails. */
  g_autofree char *path = g_build_filename(*state, "taken.csv", NULL);
  assert_int_equal(g_mkdir(path, 0755), 0);
  g_autofree char *inside = g_build_filename(path, "keep", NULL);
  assert_true(g_file_set_contents(inside, "x", -1, NULL));
  g_autoptr(GError) error = NULL;
  CsvWriter *writer = csv_writer_open(path, header, &error);
  assert_non_null(writer);
  assert_false(csv_writer_commit(writer, &error));
  assert_non_null(error);
  assert_int_equal(error->domain, PIPELINE_ERROR);
  assert_int_equal(error->code, PIPELINE_ERROR_OUTPUT);
  g_autofree char *message = g_strdup_printf("cannot write %s: Is a directory", path);
  assert_string_equal(error->message, message);
  g_autofree char *names = test_tree_list(*state);
  assert_string_equal(names, "taken.csv");
}

static void test_open_failure_names_folder(void **state)
{
  g_autofree char *blocker = g_build_filename(*state, "file", NULL);
  assert_true(g_file_set_contents(blocker, "x", -1, NULL));
  g_autofree char *path = g_build_filename(blocker, "sub", "stage.csv", NULL);
  g_autoptr(GError) error = NULL;
  assert_null(csv_writer_open(path, header, &error));
  assert_non_null(error);
  assert_int_equal(error->code, PIPELINE_ERROR_OUTPUT);
  g_autofree char *message =
      g_strdup_printf("cannot create folder %s/sub: Not a directory", blocker);
  assert_string_equal(error->message, message);
}

static void test_replace_file(void **state)
{
  g_autofree char *path = g_build_filename(*state, "new", "meta.json", NULL);
  g_autoptr(GError) error = NULL;
  assert_true(csv_writer_replace_file(path, "first", 5, &error));
  assert_true(csv_writer_replace_file(path, "a\0b", 3, &error));
  gsize length = 0;
  g_autofree char *text = NULL;
  assert_true(g_file_get_contents(path, &text, &length, NULL));
  assert_int_equal(length, 3);
  assert_memory_equal(text, "a\0b", 3);
  g_autofree char *folder = g_path_get_dirname(path);
  g_autofree char *names = test_tree_list(folder);
  assert_string_equal(names, "meta.json");
}

/* A killed run's temporary files go; the stage files and anything else named
 * like them but not a temporary file stay. */
static void test_remove_stale_keeps_stage_files(void **state)
{
  const char *dir = *state;
  test_tree_write(dir, "scores.csv", "a\n");
  test_tree_write(dir, "scores.csv.tmp-Ab12Cd", "half");
  test_tree_write(dir, "roster.csv.tmp-XyZ987", "half");
  test_tree_write(dir, "notes.tmp-file.txt", "keep");
  csv_writer_remove_stale(dir);
  g_autofree char *kept = test_tree_read(dir, "scores.csv");
  assert_string_equal(kept, "a\n");
  g_autofree char *other = test_tree_read(dir, "notes.tmp-file.txt");
  assert_string_equal(other, "keep");
  g_autofree char *gone1 = g_build_filename(dir, "scores.csv.tmp-Ab12Cd", NULL);
  g_autofree char *gone2 = g_build_filename(dir, "roster.csv.tmp-XyZ987", NULL);
  assert_false(g_file_test(gone1, G_FILE_TEST_EXISTS));
  assert_false(g_file_test(gone2, G_FILE_TEST_EXISTS));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      TEST_IN_TREE(test_quoting_only_where_needed),
      TEST_IN_TREE(test_double2_two_decimals),
      TEST_IN_TREE(test_double_exact_shortest),
      TEST_IN_TREE(test_double_exact_round_trips),
      TEST_IN_TREE(test_numbers_as_printf_writes_them),
      TEST_IN_TREE(test_file_appears_only_on_commit),
      TEST_IN_TREE(test_abort_keeps_previous_file),
      TEST_IN_TREE(test_large_file_complete),
      TEST_IN_TREE(test_commit_failure_names_path),
      TEST_IN_TREE(test_open_failure_names_folder),
      TEST_IN_TREE(test_replace_file),
      TEST_IN_TREE(test_remove_stale_keeps_stage_files),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
