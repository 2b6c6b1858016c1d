/* Tests of pipeline/common/csv_writer.c's text fields against the code the
 * one-scan writer replaced (reference_field below): the same bytes for
 * tricky and random fields, fields larger than the buffer, and fields made
 * once with csv_writer_format_text and added with csv_writer_add_fields;
 * and the commit over a previous file, which takes its place alone. */
#include "common/csv_writer.h"
#include "test_support.h"
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

/* The quoting rules as the writer had them before: strlen, then strpbrk
 * and blanks at either end, then the quotes doubled byte by byte. */
static void reference_field(GString *out, const char *text)
{
  if (text == NULL)
    return;
  gsize len = strlen(text);
  gboolean quote = len > 0 && (text[0] == ' ' || text[len - 1] == ' ' || text[0] == '\t' ||
                               text[len - 1] == '\t' || strpbrk(text, ",\"\r\n") != NULL);
  if (!quote) {
    g_string_append(out, text);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *p = text; *p; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

static const char *const tricky[] = {
    "plain",       "",
    "a,b",         ",",
    "\"",          "\"\"",
    "say \"hi\"",  "two\nlines",
    "\n",          "cr\rx",
    "\r\n",        " lead",
    "trail ",      " ",
    "\t",          "\ttab",
    "tab\t",       " both ",
    "in side",     "a\tb",
    "Zürich €",    "ünïcödé, \"quoted\"",
    "日本語",      "semi;colon",
    "back\\slash", "'single'",
    "end,",        ",start",
    "x\"",         NULL,
};

/* n random fields of up to max_len bytes from an alphabet heavy in the
 * bytes the rules care about, with UTF-8 among them. */
static GPtrArray *random_fields(guint n, guint max_len, guint32 seed)
{
  static const char *const pieces[] = {"a",  "Z", "0",  ",", "\"", "\r",
                                       "\n", " ", "\t", "é", "€",  ";"};
  GPtrArray *fields = g_ptr_array_new_with_free_func(g_free);
  GRand *rand = g_rand_new_with_seed(seed);
  for (guint i = 0; i < n; i++) {
    GString *field = g_string_new(NULL);
    guint len = (guint)g_rand_int_range(rand, 0, (gint32)max_len + 1);
    for (guint k = 0; k < len; k++)
      g_string_append(field, pieces[g_rand_int_range(rand, 0, G_N_ELEMENTS(pieces))]);
    g_ptr_array_add(fields, g_string_free(field, FALSE));
  }
  g_rand_free(rand);
  return fields;
}

/* The fields through csv_writer_add_text, per_row to a row, and the file. */
static char *write_fields(const char *dir, const char *const *fields, guint n, guint per_row)
{
  g_autofree char *path = g_build_filename(dir, "fields.csv", NULL);
  g_autoptr(GError) error = NULL;
  CsvWriter *writer = csv_writer_open(path, (const char *const[]){"a", "b", NULL}, &error);
  assert_non_null(writer);
  for (guint i = 0; i < n; i++) {
    csv_writer_add_text(writer, fields[i]);
    if ((i + 1) % per_row == 0 || i + 1 == n)
      csv_writer_end_row(writer);
  }
  assert_true(csv_writer_commit(writer, &error));
  return test_tree_read(dir, "fields.csv");
}

/* The same rows as the reference writes them. */
static char *reference_rows(const char *const *fields, guint n, guint per_row)
{
  GString *out = g_string_new("a,b\n");
  for (guint i = 0; i < n; i++) {
    if (i % per_row != 0)
      g_string_append_c(out, ',');
    reference_field(out, fields[i]);
    if ((i + 1) % per_row == 0 || i + 1 == n)
      g_string_append_c(out, '\n');
  }
  return g_string_free(out, FALSE);
}

static void assert_as_reference(const char *dir, const char *const *fields, guint n, guint per_row)
{
  g_autofree char *text = write_fields(dir, fields, n, per_row);
  g_autofree char *expected = reference_rows(fields, n, per_row);
  assert_string_equal(text, expected);
}

static void test_tricky_fields_as_reference(void **state)
{
  assert_as_reference(*state, tricky, G_N_ELEMENTS(tricky), 1);
  assert_as_reference(*state, tricky, G_N_ELEMENTS(tricky), 3);
  g_autofree char *text = write_fields(*state, tricky, 5, 5);
  assert_string_equal(text, "a,b\nplain,,\"a,b\",\",\",\"\"\"\"\n");
}

/* Enough rows to fill the buffer many times over, so fields also start
 * and end around every flush. */
static void test_random_fields_as_reference(void **state)
{
  g_autoptr(GPtrArray) fields = random_fields(60000, 24, 7);
  assert_as_reference(*state, (const char *const *)fields->pdata, fields->len, 7);
  g_autoptr(GPtrArray) longer = random_fields(2000, 700, 8);
  assert_as_reference(*state, (const char *const *)longer->pdata, longer->len, 3);
}

/* Fields larger than the buffer, plain and quoted, between small ones. */
static void test_fields_larger_than_buffer(void **state)
{
  g_autofree char *plain = g_strnfill(700 * 1024, 'p');
  g_autofree char *quoted = g_strnfill(600 * 1024, '"');
  g_autofree char *mixed = g_strnfill(300 * 1024, 'm');
  mixed[1000] = ',';
  const char *fields[] = {"x", plain, "y", quoted, mixed, "z", plain};
  assert_as_reference(*state, fields, G_N_ELEMENTS(fields), 2);
}

/* csv_writer_format_text makes the field csv_writer_add_text writes. */
static void test_format_text_as_reference(void **state)
{
  (void)state;
  g_autoptr(GPtrArray) fields = random_fields(5000, 20, 9);
  for (guint i = 0; i < G_N_ELEMENTS(tricky) + fields->len; i++) {
    const char *text =
        i < G_N_ELEMENTS(tricky) ? tricky[i] : g_ptr_array_index(fields, i - G_N_ELEMENTS(tricky));
    g_autoptr(GString) made = g_string_new("kept|");
    g_autoptr(GString) expected = g_string_new("kept|");
    csv_writer_format_text(made, text);
    reference_field(expected, text);
    assert_string_equal(made->str, expected->str);
  }
}

/* Prepared fields, first in the row or after others, give the bytes the
 * fields added one by one give. */
static void test_add_fields_as_add_text(void **state)
{
  g_autofree char *path = g_build_filename(*state, "fields.csv", NULL);
  g_autoptr(GError) error = NULL;
  CsvWriter *writer = csv_writer_open(path, NULL, &error);
  assert_non_null(writer);
  for (guint i = 0; i + 1 < G_N_ELEMENTS(tricky); i++) {
    g_autoptr(GString) prefix = g_string_new(NULL);
    csv_writer_format_text(prefix, tricky[i]);
    g_string_append_c(prefix, ',');
    csv_writer_format_text(prefix, tricky[i + 1]);
    csv_writer_add_fields(writer, prefix->str, prefix->len);
    csv_writer_add_text(writer, "tail");
    csv_writer_add_fields(writer, prefix->str, prefix->len);
    csv_writer_end_row(writer);
  }
  assert_true(csv_writer_commit(writer, &error));
  g_autofree char *text = test_tree_read(*state, "fields.csv");
  g_autoptr(GString) expected = g_string_new("\n");
  for (guint i = 0; i + 1 < G_N_ELEMENTS(tricky); i++) {
    const char *row[] = {tricky[i], tricky[i + 1], "tail", tricky[i], tricky[i + 1]};
    for (guint k = 0; k < G_N_ELEMENTS(row); k++) {
      if (k > 0)
        g_string_append_c(expected, ',');
      reference_field(expected, row[k]);
    }
    g_string_append_c(expected, '\n');
  }
  assert_string_equal(text, expected->str);
}

static void write_one_row(const char *path, const char *text)
{
  g_autoptr(GError) error = NULL;
  CsvWriter *writer = csv_writer_open(path, NULL, &error);
  assert_non_null(writer);
  csv_writer_add_text(writer, text);
  csv_writer_end_row(writer);
  assert_true(csv_writer_commit(writer, &error));
  assert_null(error);
}

/* A previous file, or a link where the file goes, gives way to the new
 * file, and no temporary file stays; the link's target is left alone. */
static void test_commit_replaces_previous_file(void **state)
{
  const char *dir = *state;
  g_autofree char *path = g_build_filename(dir, "stage.csv", NULL);
  write_one_row(path, "first");
  struct stat before;
  assert_int_equal(g_stat(path, &before), 0);
  write_one_row(path, "second, longer");
  g_autofree char *text = test_tree_read(dir, "stage.csv");
  assert_string_equal(text, "\n\"second, longer\"\n");
  struct stat after;
  assert_int_equal(g_stat(path, &after), 0);
  assert_int_equal(after.st_mode & 0777, 0644);
  assert_true(after.st_ino != before.st_ino);
  test_tree_write(dir, "target.csv", "kept\n");
  g_autofree char *link = g_build_filename(dir, "link.csv", NULL);
  assert_int_equal(symlink("target.csv", link), 0);
  write_one_row(link, "new");
  g_autofree char *names = test_tree_list(dir);
  assert_string_equal(names, "link.csv stage.csv target.csv");
  g_autofree char *target = test_tree_read(dir, "target.csv");
  assert_string_equal(target, "kept\n");
  g_autofree char *linked = test_tree_read(dir, "link.csv");
  assert_string_equal(linked, "\nnew\n");
  assert_false(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      TEST_IN_TREE(test_tricky_fields_as_reference),
      TEST_IN_TREE(test_random_fields_as_reference),
      TEST_IN_TREE(test_fields_larger_than_buffer),
      cmocka_unit_test(test_format_text_as_reference),
      TEST_IN_TREE(test_add_fields_as_add_text),
      TEST_IN_TREE(test_commit_replaces_previous_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
