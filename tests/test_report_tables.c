/* Tests of report/tables.c: stage files read by column name, numbers
 * checked on loading with messages naming file and line, and the report
 * month and program names looked up from them. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "report/tables.h"

#include "test_support.h"
#include <glib/gstdio.h>

#include <math.h>
#include <string.h>

#define FIXTURE_WORK TEST_DATA_DIR "/report/work"

static char *write_file(const char *dir, const char *name, const char *contents)
{
  char *path = g_build_filename(dir, name, NULL);
  assert_true(g_file_set_contents(path, contents, -1, NULL));
  return path;
}

static const char *const required_ab[] = {"a", "b", NULL};
static const char *const numeric_b[] = {"b", NULL};

static void test_columns_found_by_name(void **state)
{
  g_autofree char *path = write_file(*state, "t.csv", "extra,b,a\nx,2.5,one\ny,,two\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReportTable) t = report_table_load(path, required_ab, numeric_b, &error);
  assert_non_null(t);
  assert_int_equal(t->rows->len, 2);
  int a = report_table_column(t, "a");
  int b = report_table_column(t, "b");
  assert_int_equal(a, 2);
  assert_string_equal(report_table_text(t, 1, a), "two");
  assert_true(report_table_number(t, 0, b) == 2.5);
  assert_true(isnan(report_table_number(t, 1, b))); /* empty means unknown */
  assert_int_equal(report_table_column(t, "missing"), -1);
  assert_string_equal(report_table_text(t, 0, -1), "");
  assert_true(isnan(report_table_number(t, 0, -1)));
}

/* A one-column table of texts, built in memory. */
static ReportTable *table_of(const char *const *texts, guint n)
{
  ReportTable *t = report_table_new("memory");
  g_ptr_array_add(t->columns, g_strdup("v"));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add(t->rows, report_table_row_new(t, i + 2, &texts[i]));
  return t;
}

/* What report_table_number gave before its shortcut for plain decimals. */
static double number_by_strtod(const char *text)
{
  if (text[0] == '\0')
    return NAN;
  double value = g_ascii_strtod(text, NULL);
  return isfinite(value) ? value : NAN;
}

static void assert_same_double(double got, double expected, const char *text)
{
  if (isnan(expected) ? !isnan(got) : memcmp(&got, &expected, sizeof got) != 0)
    fail_msg("\"%s\": got %.17g, expected %.17g", text, got, expected);
}

/* Every number is read bit for bit as strtod reads it: the texts the
 * shortcut takes (up to 15 digits, round and tie cases, -0) and those it
 * leaves to strtod (16 digits, exponents, "5.", ".5", signs, spaces). */
static void test_numbers_read_as_strtod_reads_them(void **state)
{
  (void)state;
  static const char *const fixed[] = {
      "0",
      "-0",
      "0.0",
      "-0.00",
      "7",
      "12",
      "50.47",
      "-3.5",
      "0.1",
      "0.3",
      "70.4",
      "1.005",
      "2.675",
      "00012",
      "0.000000000000001",
      "999999999999999",
      "99999999999999.9",
      "9999999999999999",
      "1234567890.12345",
      "123456789012345.6",
      "5.",
      ".5",
      "-.5",
      "+5",
      " 5",
      "5 ",
      "1e5",
      "1E-3",
      "-",
      "1.2.3",
      "0x10",
      "inf",
      "nan",
      "1e999",
      "abc",
      "",
  };
  g_autoptr(ReportTable) t = table_of(fixed, G_N_ELEMENTS(fixed));
  for (guint i = 0; i < G_N_ELEMENTS(fixed); i++)
    assert_same_double(report_table_number(t, i, 0), number_by_strtod(fixed[i]), fixed[i]);

  /* Random decimals of 1 to 17 digits, up to 14 after the point. */
  GRand *rand = g_rand_new_with_seed(20261027);
  enum { N = 200000 };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < N; i++) {
    guint n_digits = (guint)g_rand_int_range(rand, 1, 18);
    guint decimals = (guint)g_rand_int_range(rand, 0, (gint32)MIN(n_digits, 15));
    GString *text = g_string_new(g_rand_boolean(rand) ? "-" : "");
    for (guint d = 0; d < n_digits; d++) {
      if (decimals > 0 && d == n_digits - decimals)
        g_string_append_c(text, '.');
      g_string_append_c(text, (char)('0' + g_rand_int_range(rand, 0, 10)));
    }
    g_ptr_array_add(texts, g_string_free(text, FALSE));
  }
  g_rand_free(rand);
  g_autoptr(ReportTable) random = table_of((const char *const *)texts->pdata, texts->len);
  for (guint i = 0; i < texts->len; i++) {
    const char *text = g_ptr_array_index(texts, i);
    assert_same_double(report_table_number(random, i, 0), number_by_strtod(text), text);
  }
}

/* A field of length bytes, all letter (NUL-terminated). */
static char *field_of(gsize length, char letter)
{
  char *text = g_malloc(length + 1);
  memset(text, letter, length);
  text[length] = '\0';
  return text;
}

/* Rows of three columns whose fields grow from empty to 400 kB, so that
 * rows fill many blocks and some take blocks of their own between them:
 * every row reads back its own line and fields, and each row lies on an
 * 8-byte boundary (its line is a guint64). */
static void test_rows_of_every_size_read_back(void **state)
{
  (void)state;
  static const gsize lengths[] = {0, 1, 7, 8, 40, 1000, 1023, 5000, 70000, 400000};
  g_autoptr(ReportTable) t = report_table_new("memory");
  for (gsize c = 0; c < 3; c++)
    g_ptr_array_add(t->columns, g_strdup_printf("c%" G_GSIZE_FORMAT, c));
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < 3000; i++) {
    const char *fields[3];
    for (gsize c = 0; c < 3; c++) {
      gsize length = lengths[(i * (c + 1) + c) % G_N_ELEMENTS(lengths)];
      length = length > 1000 && i % 97 != 0 ? length % 1000 : length; /* few big ones */
      fields[c] = field_of(length, (char)('a' + (i + c) % 26));
      g_ptr_array_add(expected, (gpointer)fields[c]);
    }
    g_ptr_array_add(t->rows, report_table_row_new(t, 100 + i, fields));
  }
  for (guint i = 0; i < 3000; i++) {
    const ReportRow *row = g_ptr_array_index(t->rows, i);
    assert_int_equal((guintptr)row % 8, 0);
    assert_int_equal(row->line, 100 + i);
    for (int c = 0; c < 3; c++)
      assert_string_equal(report_table_text(t, i, c), g_ptr_array_index(expected, i * 3 + c));
  }
}

/* A row put in place of another reads back its own fields; the others keep
 * theirs. */
static void test_row_replaced(void **state)
{
  g_autofree char *path = write_file(*state, "t.csv", "a,b\none,1\ntwo,2\nthree,3\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReportTable) t = report_table_load(path, required_ab, numeric_b, &error);
  assert_non_null(t);
  const char *fields[] = {"zwei", ""};
  t->rows->pdata[1] = report_table_row_new(t, 9, fields);
  assert_string_equal(report_table_text(t, 0, 0), "one");
  assert_string_equal(report_table_text(t, 1, 0), "zwei");
  assert_string_equal(report_table_text(t, 1, 1), "");
  assert_true(isnan(report_table_number(t, 1, 1)));
  assert_int_equal(((const ReportRow *)g_ptr_array_index(t->rows, 1))->line, 9);
  assert_string_equal(report_table_text(t, 2, 0), "three");
  assert_true(report_table_number(t, 2, 1) == 3.0);
}

static void test_short_record_reads_as_empty_fields(void **state)
{
  g_autofree char *path = write_file(*state, "t.csv", "a,b\none\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReportTable) t = report_table_load(path, required_ab, numeric_b, &error);
  assert_non_null(t);
  assert_string_equal(report_table_text(t, 0, report_table_column(t, "b")), "");
}

static void test_bad_number_names_file_line_and_column(void **state)
{
  g_autofree char *path = write_file(*state, "t.csv", "a,b\none,1\ntwo,abc\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReportTable) t = report_table_load(path, required_ab, numeric_b, &error);
  assert_null(t);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  g_autofree char *expected = g_strdup_printf(
      "%s line 3: column b holds \"abc\", expected a number or an empty field", path);
  assert_string_equal(error->message, expected);
}

static void test_infinity_is_not_a_number(void **state)
{
  g_autofree char *path = write_file(*state, "t.csv", "a,b\none,inf\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReportTable) t = report_table_load(path, required_ab, numeric_b, &error);
  assert_null(t);
  assert_non_null(strstr(error->message, "line 2: column b holds \"inf\""));
}

static void test_missing_column_and_file(void **state)
{
  g_autofree char *path = write_file(*state, "t.csv", "a,c\n1,2\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReportTable) t = report_table_load(path, required_ab, NULL, &error);
  assert_null(t);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  g_autofree char *prefix = g_strdup_printf("%s line 1: missing column(s) \"b\"", path);
  assert_true(g_str_has_prefix(error->message, prefix));

  g_clear_error(&error);
  g_autofree char *absent = g_build_filename(*state, "absent.csv", NULL);
  assert_null(report_table_load(absent, required_ab, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_true(g_str_has_prefix(error->message, absent));
  assert_non_null(strstr(error->message, "run the earlier stages first"));
}

static void test_empty_file(void **state)
{
  g_autofree char *path = write_file(*state, "t.csv", "");
  g_autoptr(GError) error = NULL;
  assert_null(report_table_load(path, required_ab, NULL, &error));
  g_autofree char *expected = g_strdup_printf("%s: empty file, expected a header row", path);
  assert_string_equal(error->message, expected);
}

static void test_read_month(void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *month = report_data_read_month(FIXTURE_WORK, &error);
  assert_string_equal(month, "2026-10");

  g_autofree char *scores = g_build_filename(*state, "scores", NULL);
  g_mkdir(scores, 0755);
  g_autofree char *meta = write_file(scores, "meta.csv", "key,value\nreport_month,Oct 2026\n");
  assert_null(report_data_read_month(*state, &error));
  g_autofree char *expected =
      g_strdup_printf("%s line 2: report_month is \"Oct 2026\", expected YYYY-MM", meta);
  assert_string_equal(error->message, expected);
  g_remove(meta);
  g_rmdir(scores);
}

static void test_fixture_loads_and_names_programs(void **state)
{
  (void)state;
  ReportData data;
  g_autoptr(GError) error = NULL;
  assert_true(report_data_load(&data, FIXTURE_WORK, &error));
  assert_int_equal(data.person_month->rows->len, 15);
  assert_string_equal(report_data_program_name(&data, "tueren"), "Türen Nord 2026");
  assert_string_equal(report_data_program_name(&data, "unknown"), "unknown");
  assert_int_equal(data.factors->rows->len, 44); /* 4 person-months x 11 factors */
  assert_string_equal(data.factors_path, FIXTURE_WORK "/scores/factors.csv");
  report_data_clear(&data);
  assert_null(data.person_month);
  assert_null(data.factors);
}

/* A copy of the fixture's work folder in dir without scores/factors.csv
 * (a folder scored before the estimate had factors) loads; a factors file
 * with a bad number does not. */
static void test_factors_file_is_optional(void **state)
{
  const char *dir = *state;
  const char *names[] = {
      "scores/person_month.csv",       "scores/team_month.csv",   "scores/program_month.csv",
      "normalized/ingest_summary.csv", "normalized/rejects.csv",  "normalized/warnings.csv",
      "normalized/input_files.csv",    "normalized/programs.csv", "normalized/roster.csv"};
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *from = g_build_filename(FIXTURE_WORK, names[i], NULL);
    g_autofree char *to = g_build_filename(dir, names[i], NULL);
    g_autofree char *parent = g_path_get_dirname(to);
    g_autofree char *contents = NULL;
    assert_int_equal(g_mkdir_with_parents(parent, 0755), 0);
    assert_true(g_file_get_contents(from, &contents, NULL, NULL));
    assert_true(g_file_set_contents(to, contents, -1, NULL));
  }
  ReportData data;
  g_autoptr(GError) error = NULL;
  assert_true(report_data_load(&data, dir, &error));
  assert_null(data.factors);
  report_data_clear(&data);

  g_autofree char *factors = g_build_filename(dir, "scores", "factors.csv", NULL);
  assert_true(g_file_set_contents(factors,
                                  "ambassador_id,program,team,month,factor,pillar,measured,"
                                  "target,points,max_points\n"
                                  "a1,fenster,DE,2026-10,profile,brand,most,1,7.50,10\n",
                                  -1, NULL));
  assert_false(report_data_load(&data, dir, &error));
  g_autofree char *expected = g_strdup_printf(
      "%s line 2: column measured holds \"most\", expected a number or an empty field", factors);
  assert_string_equal(error->message, expected);
  assert_null(data.person_month);
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *path = g_build_filename(dir, names[i], NULL);
    g_remove(path);
  }
  g_remove(factors);
  const char *subdirs[] = {"scores", "normalized"};
  for (gsize i = 0; i < G_N_ELEMENTS(subdirs); i++) {
    g_autofree char *path = g_build_filename(dir, subdirs[i], NULL);
    g_rmdir(path);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_columns_found_by_name, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test(test_numbers_read_as_strtod_reads_them),
      cmocka_unit_test(test_rows_of_every_size_read_back),
      cmocka_unit_test_setup_teardown(test_row_replaced, test_tree_setup, test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_short_record_reads_as_empty_fields, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_bad_number_names_file_line_and_column, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_infinity_is_not_a_number, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_missing_column_and_file, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_empty_file, test_tree_setup, test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_read_month, test_tree_setup, test_tree_teardown),
      cmocka_unit_test(test_fixture_loads_and_names_programs),
      cmocka_unit_test_setup_teardown(test_factors_file_is_optional, test_tree_setup,
                                      test_tree_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
