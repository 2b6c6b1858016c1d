/* Tests of pipeline/common/csv_reader.c against libcsv itself: the reader
 * splits most records without libcsv (reader_take_plain), and must give the
 * fields libcsv gives for every input libcsv reads without error: quoted
 * and unquoted fields, spaces and tabs around them, doubled quotes, fields
 * over several lines, CRLF and lone CRs, the three delimiters. Inputs are
 * drawn from a fixed seed, so a failure repeats. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/csv_reader.h"
#include "libcsv_oracle.h"

#include <string.h>

#define ROUNDS 20000

/* Each record as a GPtrArray of its fields, as test_libcsv_records gives
 * them. */
static gboolean reader_record(const CsvRecord *record, gpointer user, GError **error)
{
  (void)error;
  GPtrArray *fields = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < record->n_fields; i++)
    g_ptr_array_add(fields, g_strdup(record->fields[i]));
  g_ptr_array_add(user, fields);
  return TRUE;
}

static void append_field(GString *s, GRand *rand, char delimiter)
{
  static const char *const plain[] = {"a", "b", " ", "\t", "é", "x", "\r"};
  static const char *const quoted[] = {"a", " ", "\t", ",", ";", "é", "\"\"", "\n", "\r", "b"};
  for (int i = g_rand_int_range(rand, 0, 3); i > 0; i--)
    g_string_append_c(s, g_rand_boolean(rand) ? ' ' : '\t');
  if (g_rand_int_range(rand, 0, 3) == 0) {
    g_string_append_c(s, '"');
    for (int i = g_rand_int_range(rand, 0, 6); i > 0; i--)
      g_string_append(s, quoted[g_rand_int_range(rand, 0, G_N_ELEMENTS(quoted))]);
    g_string_append(s, g_rand_int_range(rand, 0, 4) == 0 ? "\" " : "\"");
    return;
  }
  for (int i = g_rand_int_range(rand, 0, 6); i > 0; i--) {
    const char *text = plain[g_rand_int_range(rand, 0, G_N_ELEMENTS(plain))];
    g_string_append(s, text[0] == delimiter ? "a" : text);
  }
}

static GString *input_new(GRand *rand, char delimiter)
{
  GString *s = g_string_new(NULL);
  for (int line = g_rand_int_range(rand, 1, 5); line > 0; line--) {
    for (int f = g_rand_int_range(rand, 1, 5); f > 0; f--) {
      append_field(s, rand, delimiter);
      if (f > 1)
        g_string_append_c(s, delimiter);
    }
    g_string_append(s, g_rand_int_range(rand, 0, 3) == 0 ? "\r\n" : "\n");
  }
  return s;
}

static void assert_same_rows(const GPtrArray *got, const GPtrArray *want, const GString *input)
{
  gboolean same = got->len == want->len;
  for (guint i = 0; same && i < got->len; i++) {
    const GPtrArray *a = g_ptr_array_index(got, i), *b = g_ptr_array_index(want, i);
    same = a->len == b->len;
    for (guint f = 0; same && f < a->len; f++)
      same = strcmp(g_ptr_array_index(a, f), g_ptr_array_index(b, f)) == 0;
  }
  if (!same)
    fail_msg("fields differ from libcsv's for input \"%s\"", g_strescape(input->str, NULL));
}

/* Reads input with options and fails unless it gives libcsv's records. */
static void assert_reads_as(const GString *input, const CsvReaderOptions *options,
                            const GPtrArray *want)
{
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
  assert_true(
      csv_reader_read_bytes(input->str, input->len, options, reader_record, got, NULL, NULL));
  assert_same_rows(got, want, input);
}

static void test_same_fields_as_libcsv(void **state)
{
  (void)state;
  g_autoptr(GRand) rand = g_rand_new_with_seed(2026);
  guint compared = 0;
  for (int round = 0; round < ROUNDS; round++) {
    char delimiter = ",;\t"[round % 3];
    g_autoptr(GString) input = input_new(rand, delimiter);
    g_autoptr(GPtrArray) want = test_libcsv_records(input, delimiter);
    if (want == NULL)
      continue;
    CsvReaderOptions options = {delimiter, FALSE, 0};
    assert_reads_as(input, &options, want);
    compared++;
  }
  /* Most inputs are well formed: the comparison is not vacuous. */
  assert_true(compared > ROUNDS / 2);
}

/* LinkedIn's \" escape, turned into "" before libcsv sees it, as the reader
 * does for Comments.csv. */
static GString *translate_backslash_quotes(const GString *input)
{
  GString *out = g_string_new(NULL);
  for (gsize i = 0; i < input->len; i++) {
    if (input->str[i] == '\\' && i + 1 < input->len && input->str[i + 1] == '"') {
      g_string_append(out, "\"\"");
      i++;
      continue;
    }
    g_string_append_c(out, input->str[i]);
  }
  return out;
}

static void test_same_fields_as_libcsv_backslash_quote(void **state)
{
  (void)state;
  g_autoptr(GRand) rand = g_rand_new_with_seed(4711);
  guint compared = 0;
  for (int round = 0; round < ROUNDS; round++) {
    g_autoptr(GString) input = input_new(rand, ',');
    /* Some fields get a backslash before a quote, some a lone one. */
    for (gsize i = 0; i < input->len; i++)
      if (input->str[i] == '"' && g_rand_int_range(rand, 0, 6) == 0)
        g_string_insert_c(input, (gssize)i++, '\\');
      else if (input->str[i] == 'x')
        input->str[i] = '\\';
    g_autoptr(GString) translated = translate_backslash_quotes(input);
    g_autoptr(GPtrArray) want = test_libcsv_records(translated, ',');
    if (want == NULL)
      continue;
    CsvReaderOptions options = {',', TRUE, 0};
    assert_reads_as(input, &options, want);
    compared++;
  }
  assert_true(compared > ROUNDS / 2);
}

/* Inputs of many records, larger than the reader's chunks, so that records
 * cross from one chunk to the next. */
static void test_same_fields_as_libcsv_across_chunks(void **state)
{
  (void)state;
  g_autoptr(GRand) rand = g_rand_new_with_seed(99);
  guint compared = 0;
  for (int round = 0; round < 12; round++) {
    char delimiter = ",;\t"[round % 3];
    g_autoptr(GString) input = g_string_new(NULL);
    while (input->len < 300 * 1024) {
      g_autoptr(GString) part = input_new(rand, delimiter);
      g_autoptr(GPtrArray) valid = test_libcsv_records(part, delimiter);
      if (valid != NULL)
        g_string_append_len(input, part->str, (gssize)part->len);
    }
    g_autoptr(GPtrArray) want = test_libcsv_records(input, delimiter);
    if (want == NULL)
      continue;
    CsvReaderOptions options = {delimiter, FALSE, 0};
    assert_reads_as(input, &options, want);
    compared++;
  }
  assert_true(compared > 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_fields_as_libcsv),
      cmocka_unit_test(test_same_fields_as_libcsv_backslash_quote),
      cmocka_unit_test(test_same_fields_as_libcsv_across_chunks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
