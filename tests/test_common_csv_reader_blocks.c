/* Tests of the block-wise paths of pipeline/common/csv_reader.c: records
 * split sixteen bytes at a time (delimiters, quotes, CRs and line ends at
 * every offset of a block, checked against libcsv, with lines and excerpts),
 * and the UTF-8 check that skips blocks of ASCII and two-byte sequences
 * (checked against g_utf8_validate_len). Inputs come from fixed seeds. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/csv_reader.h"
#include "libcsv_oracle.h"

#include <string.h>

#define ROUNDS 4000

static void append_fields(GString *s, const CsvRecord *record)
{
  for (guint i = 0; i < record->n_fields; i++)
    g_string_append_printf(s, "%s%s", i > 0 ? "|" : "", record->fields[i]);
}

/* One record as read: its line, excerpt and fields joined by '|'. */
static gboolean on_record(const CsvRecord *record, gpointer user, GError **error)
{
  (void)error;
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%" G_GUINT64_FORMAT ":%s:", record->line, record->excerpt);
  append_fields(s, record);
  g_ptr_array_add(user, g_string_free(s, FALSE));
  return TRUE;
}

/* libcsv's records of input joined by '|', or NULL when it finds it
 * malformed. */
static GPtrArray *libcsv_rows(const GString *input, char delimiter)
{
  g_autoptr(GPtrArray) records = test_libcsv_records(input, delimiter);
  if (records == NULL)
    return NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add(rows, test_libcsv_join(g_ptr_array_index(records, i)));
  return rows;
}

/* A field of 0 to 40 bytes, so that delimiters fall at every offset of a
 * block: mostly letters, sometimes blanks around, quoted, with a doubled
 * quote, or, with strays, with a quote or CR libcsv rejects or reads its
 * own way (a quote may open a field of several lines). */
static void append_field(GString *s, GRand *rand, char delimiter, gboolean strays)
{
  int kind = g_rand_int_range(rand, 0, 20);
  if (kind == 0)
    g_string_append_c(s, g_rand_boolean(rand) ? ' ' : '\t');
  gboolean quoted = kind == 1 || kind == 2;
  if (quoted)
    g_string_append_c(s, '"');
  for (int i = g_rand_int_range(rand, 0, 41); i > 0; i--)
    g_string_append_c(s, "abcdefghij"[g_rand_int_range(rand, 0, 10)]);
  if (kind == 2)
    g_string_append(s, "\"\"x");
  if (kind == 3)
    g_string_append_c(s, delimiter == '\t' ? ' ' : '\t');
  if (kind == 4 && strays)
    g_string_append(s, g_rand_boolean(rand) ? "\"" : "\r");
  if (quoted)
    g_string_append_c(s, '"');
}

/* Lines of 1 to 8 fields, blank lines among them; without strays no line
 * end is inside a field and no CR stands alone, so libcsv reads the input
 * and each line that is not blank is a record. */
static GString *input_new(GRand *rand, char delimiter, gboolean strays, GPtrArray *lines)
{
  GString *s = g_string_new(NULL);
  for (int line = g_rand_int_range(rand, 1, 12); line > 0; line--) {
    gsize start = s->len;
    if (g_rand_int_range(rand, 0, 10) == 0)
      g_string_append(s, "  ");
    else
      for (int f = g_rand_int_range(rand, 1, 9); f > 0; f--) {
        append_field(s, rand, delimiter, strays);
        if (f > 1)
          g_string_append_c(s, delimiter);
      }
    g_ptr_array_add(lines, g_strndup(s->str + start, s->len - start));
    gboolean last = line == 1;
    g_string_append(s, g_rand_int_range(rand, 0, 3) == 0 ? "\r\n" : last ? "" : "\n");
  }
  return s;
}

/* The records libcsv gives, each with the line it is on and that line as
 * its excerpt; blank lines (spaces, and tabs unless they delimit) give
 * none. */
static GPtrArray *expected_records(const GPtrArray *rows, const GPtrArray *lines, char delimiter)
{
  GPtrArray *want = g_ptr_array_new_with_free_func(g_free);
  guint row = 0;
  for (guint i = 0; i < lines->len && row < rows->len; i++) {
    const char *line = g_ptr_array_index(lines, i);
    if (strspn(line, delimiter == '\t' ? " " : " \t") == strlen(line))
      continue;
    /* Excerpts are cut to 200 characters, all ASCII here. */
    g_ptr_array_add(want, g_strdup_printf("%u:%.200s:%s", i + 1, line,
                                          (const char *)g_ptr_array_index(rows, row++)));
  }
  return want;
}

static void assert_same_records(const GPtrArray *got, const GPtrArray *want, const GString *input)
{
  if (got->len != want->len)
    fail_msg("%u records, not %u, for input \"%s\"", got->len, want->len,
             g_strescape(input->str, NULL));
  for (guint i = 0; i < got->len; i++)
    if (strcmp(g_ptr_array_index(got, i), g_ptr_array_index(want, i)) != 0)
      fail_msg("record \"%s\", not \"%s\", for input \"%s\"",
               g_strescape(g_ptr_array_index(got, i), NULL),
               g_strescape(g_ptr_array_index(want, i), NULL), g_strescape(input->str, NULL));
}

static void test_blocks_same_as_libcsv(void **state)
{
  (void)state;
  g_autoptr(GRand) rand = g_rand_new_with_seed(1616);
  for (int round = 0; round < ROUNDS; round++) {
    char delimiter = ",;\t"[round % 3];
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GString) input = input_new(rand, delimiter, FALSE, lines);
    g_autoptr(GPtrArray) rows = libcsv_rows(input, delimiter);
    if (rows == NULL)
      fail_msg("libcsv finds input \"%s\" malformed", g_strescape(input->str, NULL));
    g_autoptr(GPtrArray) want = expected_records(rows, lines, delimiter);
    g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func(g_free);
    CsvReaderOptions options = {delimiter, FALSE, 0};
    assert_true(
        csv_reader_read_bytes(input->str, input->len, &options, on_record, got, NULL, NULL));
    assert_same_records(got, want, input);
  }
}

/* Fields alone, with CRLF and lone CRs kept: what libcsv gives. */
static gboolean on_fields(const CsvRecord *record, gpointer user, GError **error)
{
  (void)error;
  GString *s = g_string_new(NULL);
  append_fields(s, record);
  g_ptr_array_add(user, g_string_free(s, FALSE));
  return TRUE;
}

static void test_blocks_with_crs_same_fields_as_libcsv(void **state)
{
  (void)state;
  g_autoptr(GRand) rand = g_rand_new_with_seed(3232);
  guint compared = 0;
  for (int round = 0; round < ROUNDS; round++) {
    char delimiter = ",;\t"[round % 3];
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GString) input = input_new(rand, delimiter, TRUE, lines);
    g_autoptr(GPtrArray) want = libcsv_rows(input, delimiter);
    if (want == NULL)
      continue;
    g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func(g_free);
    CsvReaderOptions options = {delimiter, FALSE, 0};
    assert_true(
        csv_reader_read_bytes(input->str, input->len, &options, on_fields, got, NULL, NULL));
    assert_same_records(got, want, input);
    compared++;
  }
  assert_true(compared > ROUNDS / 2);
}

/* Bytes that make UTF-8 hard: ASCII, two-, three- and four-byte sequences,
 * sequences cut short, stray continuation bytes, overlong forms, NUL. */
static void append_piece(GString *s, GRand *rand, gboolean valid_only)
{
  static const char *const valid[] = {
      "a",        "bcdefgh",      "\xC3\xA4",         "\xC2\x80",
      "\xDF\xBF", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "0123456789abcdef"};
  static const char *const invalid[] = {"\xC3",         "\x80", "\xC0\xAF", "\xE0\x80\x80",
                                        "\xED\xA0\x80", "\xFF", "\xC3\xC3", "\xE2\x82"};
  if (!valid_only && g_rand_int_range(rand, 0, 40) == 0) {
    if (g_rand_int_range(rand, 0, 8) == 0)
      g_string_append_c(s, '\0');
    else
      g_string_append(s, invalid[g_rand_int_range(rand, 0, G_N_ELEMENTS(invalid))]);
    return;
  }
  g_string_append(s, valid[g_rand_int_range(rand, 0, G_N_ELEMENTS(valid))]);
}

static void test_utf8_check_as_glib(void **state)
{
  (void)state;
  g_autoptr(GRand) rand = g_rand_new_with_seed(6464);
  guint valid = 0, invalid = 0;
  for (int round = 0; round < ROUNDS; round++) {
    g_autoptr(GString) input = g_string_new("x");
    gboolean valid_only = round % 2 == 0;
    for (int n = g_rand_int_range(rand, 1, 120); n > 0; n--)
      append_piece(input, rand, valid_only);
    CsvFileInfo info;
    g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func(g_free);
    assert_true(
        csv_reader_read_bytes(input->str, input->len, NULL, on_fields, records, &info, NULL));
    gboolean want = g_utf8_validate_len(input->str, input->len, NULL);
    if (want != (info.encoding == CSV_ENCODING_UTF8))
      fail_msg("encoding %s for \"%s\"", csv_reader_encoding_name(info.encoding),
               g_strescape(input->str, NULL));
    want ? valid++ : invalid++;
  }
  assert_true(valid > ROUNDS / 4 && invalid > ROUNDS / 8);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_blocks_same_as_libcsv),
      cmocka_unit_test(test_blocks_with_crs_same_fields_as_libcsv),
      cmocka_unit_test(test_utf8_check_as_glib),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
