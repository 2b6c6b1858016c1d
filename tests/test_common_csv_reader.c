/* Tests of pipeline/common/csv_reader.c: delimiters, encodings, line numbers,
 * LinkedIn's quirks and every kind of malformed input a user may hand in. */
#include "common/csv_reader.h"
#include "common/errors.h"
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#define assert_error_domain_code(err, dom, cod)                                                    \
  do {                                                                                             \
    assert_non_null(err);                                                                          \
    assert_int_equal((err)->domain, (dom));                                                        \
    assert_int_equal((err)->code, (cod));                                                          \
  } while (0)

/* Each record as "line:field|field|..." with " !reason" when malformed. */
typedef struct {
  GPtrArray *rows;
  GPtrArray *excerpts;
  gboolean all_utf8;
  guint stop_after; /* 0: never stop */
} Collected;

static gboolean collect_record(const CsvRecord *record, gpointer user_data, GError **error)
{
  Collected *c = user_data;
  GString *row = g_string_new(NULL);
  g_string_append_printf(row, "%" G_GUINT64_FORMAT ":", record->line);
  for (guint i = 0; i < record->n_fields; i++) {
    g_string_append_printf(row, "%s%s", i > 0 ? "|" : "", record->fields[i]);
    c->all_utf8 = c->all_utf8 && g_utf8_validate(record->fields[i], -1, NULL);
  }
  if (record->malformed != NULL)
    g_string_append_printf(row, " !%s", record->malformed);
  c->all_utf8 = c->all_utf8 && g_utf8_validate(record->excerpt, -1, NULL);
  g_ptr_array_add(c->rows, g_string_free(row, FALSE));
  g_ptr_array_add(c->excerpts, g_strdup(record->excerpt));
  if (c->stop_after != 0 && c->rows->len == c->stop_after) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "enough at line %" G_GUINT64_FORMAT,
                record->line);
    return FALSE;
  }
  return TRUE;
}

static Collected *collected_new(void)
{
  Collected *c = g_new0(Collected, 1);
  c->rows = g_ptr_array_new_with_free_func(g_free);
  c->excerpts = g_ptr_array_new_with_free_func(g_free);
  c->all_utf8 = TRUE;
  return c;
}

static void collected_free(Collected *c)
{
  g_ptr_array_free(c->rows, TRUE);
  g_ptr_array_free(c->excerpts, TRUE);
  g_free(c);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Collected, collected_free)

/* Reads text (length given, so NUL bytes count) and checks every record. */
static Collected *read_text(const char *text, gsize length, const CsvReaderOptions *options,
                            CsvFileInfo *info)
{
  Collected *c = collected_new();
  g_autoptr(GError) error = NULL;
  gboolean ok = csv_reader_read_bytes(text, length, options, collect_record, c, info, &error);
  assert_null(error);
  assert_true(ok);
  assert_true(c->all_utf8);
  return c;
}

static void assert_rows(const Collected *c, const char *const *expected)
{
  guint n = g_strv_length((char **)expected);
  for (guint i = 0; i < MIN(n, c->rows->len); i++)
    assert_string_equal(g_ptr_array_index(c->rows, i), expected[i]);
  assert_int_equal(c->rows->len, n);
}

#define READ(text, options, info) read_text(text, sizeof(text) - 1, options, info)

static void test_comma_delimiter_detected(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("a,b,c\n1, 2 ,3\n", NULL, &info);
  assert_rows(c, (const char *const[]){"1:a|b|c", "2:1|2|3", NULL});
  assert_int_equal(info.delimiter, ',');
  assert_int_equal(info.encoding, CSV_ENCODING_UTF8);
  assert_int_equal(info.records, 2);
  assert_int_equal(info.bytes, 14);
  assert_false(info.crlf);
}

static void test_semicolon_delimiter_detected(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("id;ssi;brand\nx;39,90;1,5\n", NULL, &info);
  assert_rows(c, (const char *const[]){"1:id|ssi|brand", "2:x|39,90|1,5", NULL});
  assert_int_equal(info.delimiter, ';');
}

static void test_tab_delimiter_detected(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("id\tssi\nx\t1,5\n", NULL, &info);
  assert_rows(c, (const char *const[]){"1:id|ssi", "2:x|1,5", NULL});
  assert_int_equal(info.delimiter, '\t');
}

static void test_delimiter_tie_prefers_comma(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("a,b;c\n", NULL, &info);
  assert_rows(c, (const char *const[]){"1:a|b;c", NULL});
  assert_int_equal(info.delimiter, ',');
}

static void test_no_delimiter_means_comma(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("Name\nExcel\n", NULL, &info);
  assert_rows(c, (const char *const[]){"1:Name", "2:Excel", NULL});
  assert_int_equal(info.delimiter, ',');
}

static void test_delimiter_given_by_option(void **state)
{
  (void)state;
  CsvReaderOptions options = {';', FALSE, 0};
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("a,b;c\n", &options, &info);
  assert_rows(c, (const char *const[]){"1:a,b|c", NULL});
  assert_int_equal(info.delimiter, ';');
}

/* The preamble's quoted sentence holds commas: only the header decides. */
static void test_connections_preamble(void **state)
{
  (void)state;
  CsvFileInfo info;
  Collected *c = collected_new();
  g_autoptr(GError) error = NULL;
  assert_true(csv_reader_read_file(TEST_DATA_DIR "/csv/connections-preamble.csv", NULL,
                                   collect_record, c, &info, &error));
  assert_null(error);
  assert_int_equal(c->rows->len, 5);
  assert_string_equal(g_ptr_array_index(c->rows, 0), "1:Notes:");
  assert_true(g_str_has_prefix(g_ptr_array_index(c->rows, 1),
                               "2:When exporting your connection data, you may notice"));
  assert_string_equal(g_ptr_array_index(c->rows, 2),
                      "4:First Name|Last Name|URL|Email Address|Company|Position|Connected On");
  assert_string_equal(g_ptr_array_index(c->rows, 3),
                      "5:Lina|Bernard|https://www.linkedin.com/in/lina-bernard||Immobilien Frei "
                      "AG|Vorstand|11 Mar 2026");
  assert_string_equal(g_ptr_array_index(c->rows, 4), "6:||||||07 Jun 2026");
  assert_int_equal(info.delimiter, ',');
  collected_free(c);
}

static void test_bom_stripped_and_reported(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("\xEF\xBB\xBFid;Datum\nx;31.10.2026\n", NULL, &info);
  assert_rows(c, (const char *const[]){"1:id|Datum", "2:x|31.10.2026", NULL});
  assert_int_equal(info.encoding, CSV_ENCODING_UTF8_BOM);
  assert_string_equal(csv_reader_encoding_name(info.encoding), "UTF-8 with BOM");
}

static void test_crlf_and_missing_final_newline(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("a,b\r\n1,2\r\n\r\n3,4", NULL, &info);
  assert_rows(c, (const char *const[]){"1:a|b", "2:1|2", "4:3|4", NULL});
  assert_true(info.crlf);
  assert_string_equal(g_ptr_array_index(c->excerpts, 1), "1,2");
  assert_string_equal(g_ptr_array_index(c->excerpts, 2), "3,4");
}

static void test_windows_1252_file_converted(void **state)
{
  (void)state;
  CsvFileInfo info;
  Collected *c = collected_new();
  g_autoptr(GError) error = NULL;
  assert_true(csv_reader_read_file(TEST_DATA_DIR "/csv/windows-1252.csv", NULL, collect_record, c,
                                   &info, &error));
  assert_true(c->all_utf8);
  /* Bytes Windows-1252 leaves undefined come out as U+FFFD. */
  assert_rows(c, (const char *const[]){"1:name|city|price", "2:René|Zürich|12 €",
                                       "3:Müller|Köln|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                                       "\xEF\xBF\xBD\xEF\xBF\xBD",
                                       NULL});
  assert_string_equal(g_ptr_array_index(c->excerpts, 1), "René;Zürich;12 €");
  assert_int_equal(info.encoding, CSV_ENCODING_WINDOWS_1252);
  assert_string_equal(csv_reader_encoding_name(info.encoding), "Windows-1252");
  assert_int_equal(info.delimiter, ';');
  assert_true(info.crlf);
  assert_int_equal(info.bytes, 54);
  collected_free(c);
}

/* Every byte Windows-1252 defines converts as iconv converts it. */
static void test_windows_1252_matches_iconv(void **state)
{
  (void)state;
  GString *bytes = g_string_new("x\n");
  for (int b = 0x80; b <= 0xFF; b++)
    if (b != 0x81 && b != 0x8D && b != 0x8F && b != 0x90 && b != 0x9D)
      g_string_append_c(bytes, (char)b);
  g_autofree char *expected =
      g_convert(bytes->str + 2, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  assert_non_null(expected);
  g_autoptr(Collected) c = read_text(bytes->str, bytes->len, NULL, NULL);
  g_autofree char *row = g_strconcat("2:", expected, NULL);
  assert_string_equal(g_ptr_array_index(c->rows, 1), row);
  g_string_free(bytes, TRUE);
}

static void test_quoted_newlines_keep_start_line(void **state)
{
  (void)state;
  g_autoptr(Collected) c =
      READ("id,msg\n1,\"line one\nline two\n\nline four\"\n2,\"say \"\"hi\"\"\"\n", NULL, NULL);
  assert_rows(c, (const char *const[]){"1:id|msg", "2:1|line one\nline two\n\nline four",
                                       "6:2|say \"hi\"", NULL});
  assert_string_equal(g_ptr_array_index(c->excerpts, 1), "1,\"line one\nline two\n\nline four\"");
}

/* Records split without libcsv: doubled quotes, line ends inside quotes
 * (CRLF among them), empty quoted fields, blanks around unquoted fields. */
static void test_plain_records_as_libcsv(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("a,b,c\n\"x \"\"y\"\"\",\"\", z \n"
                                "\"one\r\ntwo\"\"\",2,\"\"\"\"\"\"\n\t 3 ,\"4\"\n",
                                NULL, &info);
  assert_rows(
      c, (const char *const[]){"1:a|b|c", "2:x \"y\"||z", "3:one\r\ntwo\"|2|\"\"", "5:3|4", NULL});
  assert_true(info.crlf);
  assert_string_equal(g_ptr_array_index(c->excerpts, 2), "\"one\r\ntwo\"\"\",2,\"\"\"\"\"\"");
}

static void test_blank_lines_skipped_but_counted(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("\na,b\n\n   \n1,2\n\n\n2,3\n\n", NULL, &info);
  assert_rows(c, (const char *const[]){"2:a|b", "5:1|2", "8:2|3", NULL});
  assert_int_equal(info.records, 3);
}

static const char comments_csv[] =
    "Date,Link,Message\n"
    "2026-03-04 10:30:43,https://l/1,\"Wir sehen uns auf der \\\"BAU\\\", oder?\nGrüße\"\n"
    "2026-03-04 10:50:41,https://l/2,\"Interesting\"\n";

static void test_backslash_quote_option(void **state)
{
  (void)state;
  CsvReaderOptions options = {0, TRUE, 0};
  g_autoptr(Collected) c = READ(comments_csv, &options, NULL);
  assert_rows(c, (const char *const[]){"1:Date|Link|Message",
                                       "2:2026-03-04 10:30:43|https://l/1|Wir sehen uns auf der "
                                       "\"BAU\", oder?\nGrüße",
                                       "4:2026-03-04 10:50:41|https://l/2|Interesting", NULL});
  /* The excerpt shows the text as written. */
  assert_string_equal(g_ptr_array_index(c->excerpts, 1),
                      "2026-03-04 10:30:43,https://l/1,\"Wir sehen uns auf der \\\"BAU\\\", "
                      "oder?\nGrüße\"");
}

/* Without the option the same text is malformed quoting, and reading goes on
 * with the next line (whose lone quote is malformed in turn). */
static void test_backslash_quote_without_option(void **state)
{
  (void)state;
  g_autoptr(Collected) c = READ(comments_csv, NULL, NULL);
  assert_rows(
      c, (const char *const[]){
             "1:Date|Link|Message",
             "2:2026-03-04 10:30:43|https://l/1|Wir sehen uns auf der \\ !malformed quoting",
             "3:Grüße !malformed quoting", "4:2026-03-04 10:50:41|https://l/2|Interesting", NULL});
}

static void test_malformed_quoting_in_the_middle(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("a,b\n1,\"x\"y,z\n2,\"multi\nline\"oops\n3,w\n4,v", NULL, &info);
  assert_rows(c,
              (const char *const[]){"1:a|b", "2:1|x !malformed quoting",
                                    "3:2|multi\nline !malformed quoting", "5:3|w", "6:4|v", NULL});
  assert_string_equal(g_ptr_array_index(c->excerpts, 1), "1,\"x\"y,z");
  assert_string_equal(g_ptr_array_index(c->excerpts, 2), "2,\"multi\nline\"oops");
  assert_int_equal(info.records, 5);
}

static void test_quote_inside_unquoted_field(void **state)
{
  (void)state;
  g_autoptr(Collected) c = READ("a,b\n1,5\"x\n2,y\n", NULL, NULL);
  assert_rows(c, (const char *const[]){"1:a|b", "2:1|5 !malformed quoting", "3:2|y", NULL});
}

static void test_unterminated_quote_at_eof(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("a,b\n1,2\n3,\"open\n4,5\n", NULL, &info);
  assert_rows(c, (const char *const[]){"1:a|b", "2:1|2",
                                       "3:3|open\n4,5\n !unterminated quote at end of file", NULL});
  assert_int_equal(info.records, 3);
  assert_string_equal(g_ptr_array_index(c->excerpts, 2), "3,\"open\n4,5");
}

static void test_record_above_limit(void **state)
{
  (void)state;
  CsvReaderOptions options = {0, FALSE, 64};
  g_autoptr(GString) text = g_string_new("a,b\n1,");
  for (int i = 0; i < 100; i++)
    g_string_append_c(text, 'x');
  g_string_append(text, ",tail\n2,\"quoted\n");
  for (int i = 0; i < 10; i++)
    g_string_append(text, "0123456789\n");
  g_string_append(text, "end\"\n3,y\n");
  CsvFileInfo info;
  g_autoptr(Collected) c = read_text(text->str, text->len, &options, &info);
  g_autofree char *x62 = g_strnfill(62, 'x');
  g_autofree char *long1 = g_strdup_printf("2:1|%s !record longer than 64 bytes", x62);
  /* The quoted record passes 64 bytes in line 8; reading resumes at line 9,
   * where the rest of it reads as records of its own. */
  assert_rows(c, (const char *const[]){"1:a|b", long1,
                                       "3:2|quoted\n0123456789\n0123456789\n0123456789\n"
                                       "0123456789\n0123456789 !record longer than 64 bytes",
                                       "9:0123456789", "10:0123456789", "11:0123456789",
                                       "12:0123456789", "13:0123456789",
                                       "14:end !malformed quoting", "15:3|y", NULL});
  assert_int_equal(info.records, 10);
}

static void test_limit_named_in_kib(void **state)
{
  (void)state;
  CsvReaderOptions options = {0, FALSE, 1024};
  g_autofree char *text = g_strnfill(2000, 'z');
  g_autoptr(Collected) c = read_text(text, 2000, &options, NULL);
  assert_int_equal(c->rows->len, 1);
  assert_true(g_str_has_suffix(g_ptr_array_index(c->rows, 0), " !record longer than 1 KiB"));
  assert_int_equal(strlen(g_ptr_array_index(c->excerpts, 0)), 200);
}

static void test_default_limit_is_16_mib(void **state)
{
  (void)state;
  gsize big = 16 * 1024 * 1024 + 10;
  char *text = g_malloc(big + 8);
  memcpy(text, "h\n", 2);
  memset(text + 2, 'q', big);
  memcpy(text + 2 + big, "\nok\n", 4);
  CsvFileInfo info;
  g_autoptr(Collected) c = read_text(text, big + 6, NULL, &info);
  g_free(text);
  assert_int_equal(c->rows->len, 3);
  assert_true(g_str_has_suffix(g_ptr_array_index(c->rows, 1), " !record longer than 16 MiB"));
  assert_string_equal(g_ptr_array_index(c->rows, 2), "3:ok");
}

static void test_binary_junk_does_not_crash(void **state)
{
  (void)state;
  g_autoptr(GRand) rand = g_rand_new_with_seed(7);
  gsize n = 300000;
  char *junk = g_malloc(n);
  for (gsize i = 0; i < n; i++)
    junk[i] = (char)g_rand_int_range(rand, 0, 256);
  CsvFileInfo info;
  CsvReaderOptions options = {0, TRUE, 4096};
  g_autoptr(Collected) c = read_text(junk, n, &options, &info);
  g_free(junk);
  assert_int_equal(info.encoding, CSV_ENCODING_WINDOWS_1252);
  assert_true(c->rows->len > 0);
  assert_int_equal(info.records, c->rows->len);
}

static void test_nul_byte_replaced(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = READ("a,b\n1\0x,2\n", NULL, &info);
  assert_rows(c, (const char *const[]){"1:a|b", "2:1\xEF\xBF\xBDx|2", NULL});
  assert_int_equal(info.encoding, CSV_ENCODING_WINDOWS_1252);
}

/* A line of 20000 commas is one record of 16384 fields, handed on as
 * malformed; the next line reads as usual. */
static void test_record_of_too_many_fields(void **state)
{
  (void)state;
  g_autoptr(GString) text = g_string_new("h\n");
  for (int i = 0; i < 20000; i++)
    g_string_append_c(text, ',');
  g_string_append(text, "\nok\n");
  g_autoptr(GString) fields = g_string_new("2:");
  for (int i = 1; i < 16384; i++)
    g_string_append_c(fields, '|');
  g_string_append(fields, " !record of more than 16384 fields");
  CsvFileInfo info;
  g_autoptr(Collected) c = read_text(text->str, text->len, NULL, &info);
  assert_rows(c, (const char *const[]){"1:h", fields->str, "3:ok", NULL});
  assert_int_equal(info.records, 3);
}

static void test_empty_file(void **state)
{
  (void)state;
  CsvFileInfo info;
  g_autoptr(Collected) c = read_text("", 0, NULL, &info);
  assert_int_equal(c->rows->len, 0);
  assert_int_equal(info.records, 0);
  assert_int_equal(info.encoding, CSV_ENCODING_UTF8);
  assert_int_equal(info.delimiter, ',');
  g_autoptr(Collected) blank = READ("\n\n \n", NULL, &info);
  assert_int_equal(blank->rows->len, 0);
}

static void test_excerpt_cut_to_200_characters(void **state)
{
  (void)state;
  g_autoptr(GString) text = g_string_new("a\n");
  for (int i = 0; i < 300; i++)
    g_string_append(text, "é");
  g_autoptr(Collected) c = read_text(text->str, text->len, NULL, NULL);
  const char *excerpt = g_ptr_array_index(c->excerpts, 1);
  assert_int_equal(g_utf8_strlen(excerpt, -1), 200);
  assert_int_equal(strlen(excerpt), 400);
}

/* "a,b,c" and filler records up to exactly length bytes, ending in '\n'. */
static GString *text_of_length(gsize length)
{
  GString *text = g_string_new("a,b,c\n");
  while (text->len + 80 < length)
    g_string_append(text, "filler,row,0123456789012345678901234\n");
  while (text->len + 1 < length)
    g_string_append_c(text, 'z');
  g_string_append_c(text, '\n');
  return text;
}

static guint64 count_lines(const char *text, gsize len)
{
  guint64 n = 1;
  for (gsize i = 0; i < len; i++)
    n += text[i] == '\n';
  return n;
}

/* Every byte of the tail in turn sits at the end of the first 64 KiB chunk:
 * \", "é" (2 bytes), "€" (3 bytes) and line ends must survive the cut. */
static const char chunk_tail[] = "x,\"q\\\"u\",é€\nlast,\"two\nlines\"";

static void assert_chunk_tail(const Collected *c, const GString *text)
{
  guint64 lines = count_lines(text->str, text->len);
  g_autofree char *want1 = g_strdup_printf("%" G_GUINT64_FORMAT ":x|q\"u|é€", lines - 2);
  g_autofree char *want2 = g_strdup_printf("%" G_GUINT64_FORMAT ":last|two\nlines", lines - 1);
  assert_string_equal(g_ptr_array_index(c->rows, c->rows->len - 2), want1);
  assert_string_equal(g_ptr_array_index(c->rows, c->rows->len - 1), want2);
}

static void test_chunk_boundaries(void **state)
{
  (void)state;
  CsvReaderOptions options = {0, TRUE, 0};
  for (gsize k = 1; k < sizeof chunk_tail; k++) {
    g_autoptr(GString) text = text_of_length(65536 - k);
    g_string_append(text, chunk_tail);
    CsvFileInfo info;
    g_autoptr(Collected) c = read_text(text->str, text->len, &options, &info);
    assert_int_equal(info.encoding, CSV_ENCODING_UTF8);
    assert_chunk_tail(c, text);
  }
}

static void test_read_file_across_chunks(void **state)
{
  (void)state;
  CsvReaderOptions options = {0, TRUE, 0};
  for (gsize k = 9; k <= 14; k++) { /* "é€" around the cut */
    g_autoptr(GString) text = text_of_length(65536 - k);
    g_string_append(text, chunk_tail);
    g_autofree char *path = NULL;
    int fd = g_file_open_tmp("csv-reader-XXXXXX.csv", &path, NULL);
    assert_true(fd >= 0);
    close(fd);
    assert_true(g_file_set_contents(path, text->str, (gssize)text->len, NULL));
    CsvFileInfo info;
    g_autoptr(Collected) c = collected_new();
    g_autoptr(GError) error = NULL;
    gboolean ok = csv_reader_read_file(path, &options, collect_record, c, &info, &error);
    g_unlink(path);
    assert_true(ok);
    assert_int_equal(info.encoding, CSV_ENCODING_UTF8);
    assert_int_equal(info.bytes, text->len);
    assert_chunk_tail(c, text);
  }
}

static void test_callback_error_stops_reading(void **state)
{
  (void)state;
  Collected *c = collected_new();
  c->stop_after = 2;
  g_autoptr(GError) error = NULL;
  static const char text[] = "a\n1\n2\n3\n";
  assert_false(csv_reader_read_bytes(text, sizeof text - 1, NULL, collect_record, c, NULL, &error));
  assert_error_domain_code(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT);
  assert_string_equal(error->message, "enough at line 2");
  assert_int_equal(c->rows->len, 2);
  collected_free(c);
}

static void test_missing_file(void **state)
{
  (void)state;
  g_autoptr(GError) error = NULL;
  assert_false(
      csv_reader_read_file("/nonexistent/roster.csv", NULL, collect_record, NULL, NULL, &error));
  assert_error_domain_code(error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  assert_string_equal(error->message,
                      "cannot open /nonexistent/roster.csv: No such file or directory");
}

/* --- Header rows -------------------------------------------------------- */

static const char *const id_aliases[] = {"id", "Botschafter-ID", NULL};
static const char *const date_aliases[] = {"Datum", NULL};
static const char *const ssi_aliases[] = {"SSI", "Gesamt", NULL};
static const CsvColumnSpec snapshot_specs[] = {
    {"ambassador_id", id_aliases, TRUE},
    {"date", date_aliases, TRUE},
    {"ssi", ssi_aliases, TRUE},
    {"name", NULL, FALSE},
};

static gboolean map_header(const char *text, int *indices, GError **error)
{
  char **fields = g_strsplit(text, ";", -1);
  CsvRecord header = {g_strv_length(fields), fields, 1, NULL, text};
  gboolean ok =
      csv_header_map(&header, snapshot_specs, G_N_ELEMENTS(snapshot_specs), indices, error);
  g_strfreev(fields);
  return ok;
}

static void test_header_map_with_aliases(void **state)
{
  (void)state;
  int indices[4];
  g_autoptr(GError) error = NULL;
  assert_true(map_header("\xEF\xBB\xBF BOTSCHAFTER-ID ;datum;Notiz;Gesamt;SSI", indices, &error));
  assert_null(error);
  assert_int_equal(indices[0], 0);
  assert_int_equal(indices[1], 1);
  assert_int_equal(indices[2], 3); /* first of the duplicates */
  assert_int_equal(indices[3], -1);
}

/* Case folding makes some non-ASCII names ASCII: KELVIN SIGN folds to "k",
 * and "É" to "é". */
static void test_header_map_non_ascii_names(void **state)
{
  (void)state;
  static const CsvColumnSpec specs[] = {{"Kind", NULL, TRUE}, {"\xC3\xA9t\xC3\xA9", NULL, TRUE}};
  char *fields[] = {"x", "\xE2\x84\xAAIND", " \xC3\x89T\xC3\x89 ", NULL};
  CsvRecord header = {3, fields, 1, NULL, ""};
  int indices[2];
  assert_true(csv_header_map(&header, specs, G_N_ELEMENTS(specs), indices, NULL));
  assert_int_equal(indices[0], 1);
  assert_int_equal(indices[1], 2);
}

/* Without an error to set, a header that does not fit says so all the same. */
static void test_header_map_without_error(void **state)
{
  (void)state;
  int indices[4];
  assert_false(map_header("id;Datum", indices, NULL));
  assert_int_equal(indices[0], 0);
  assert_int_equal(indices[1], 1);
  assert_int_equal(indices[2], -1);
}

static void test_header_map_missing_message(void **state)
{
  (void)state;
  int indices[4];
  g_autoptr(GError) error = NULL;
  assert_false(map_header("id; foo", indices, &error));
  assert_error_domain_code(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT);
  assert_string_equal(error->message,
                      "missing column(s) \"date\", \"ssi\"; found: \"id\", \"foo\"; expected: "
                      "\"ambassador_id\" (or \"id\", \"Botschafter-ID\"), \"date\" (or "
                      "\"Datum\"), \"ssi\" (or \"SSI\", \"Gesamt\"), \"name\"");
}

/* A binary file's first line: at most 40 names, each cut to 60 characters,
 * with control characters that a terminal would act on replaced. */
static void test_header_map_message_stays_short(void **state)
{
  (void)state;
  g_autoptr(GString) text = g_string_new(NULL);
  g_autofree char *long_name = g_strnfill(100, 'y');
  g_string_append(text, long_name);
  g_string_append(text, ";\x1B[2J");
  for (int i = 3; i <= 45; i++)
    g_string_append_printf(text, ";c%d", i);
  int indices[4];
  g_autoptr(GError) error = NULL;
  assert_false(map_header(text->str, indices, &error));
  g_autofree char *cut = g_strnfill(60, 'y');
  g_autoptr(GString) want =
      g_string_new("missing column(s) \"ambassador_id\", \"date\", \"ssi\"; ");
  g_string_append_printf(want, "found: \"%s...\", \"\xEF\xBF\xBD[2J\"", cut);
  for (int i = 3; i <= 40; i++)
    g_string_append_printf(want, ", \"c%d\"", i);
  g_string_append(want, " and 5 more; expected: ");
  assert_true(g_str_has_prefix(error->message, want->str));
}

static void test_record_field(void **state)
{
  (void)state;
  char *fields[] = {"a", "b"};
  CsvRecord record = {2, fields, 1, NULL, "a,b"};
  assert_string_equal(csv_record_field(&record, 1), "b");
  assert_string_equal(csv_record_field(&record, 2), "");
  assert_string_equal(csv_record_field(&record, -1), "");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_comma_delimiter_detected),
      cmocka_unit_test(test_semicolon_delimiter_detected),
      cmocka_unit_test(test_tab_delimiter_detected),
      cmocka_unit_test(test_delimiter_tie_prefers_comma),
      cmocka_unit_test(test_no_delimiter_means_comma),
      cmocka_unit_test(test_delimiter_given_by_option),
      cmocka_unit_test(test_connections_preamble),
      cmocka_unit_test(test_bom_stripped_and_reported),
      cmocka_unit_test(test_crlf_and_missing_final_newline),
      cmocka_unit_test(test_windows_1252_file_converted),
      cmocka_unit_test(test_windows_1252_matches_iconv),
      cmocka_unit_test(test_quoted_newlines_keep_start_line),
      cmocka_unit_test(test_plain_records_as_libcsv),
      cmocka_unit_test(test_blank_lines_skipped_but_counted),
      cmocka_unit_test(test_backslash_quote_option),
      cmocka_unit_test(test_backslash_quote_without_option),
      cmocka_unit_test(test_malformed_quoting_in_the_middle),
      cmocka_unit_test(test_quote_inside_unquoted_field),
      cmocka_unit_test(test_unterminated_quote_at_eof),
      cmocka_unit_test(test_record_above_limit),
      cmocka_unit_test(test_limit_named_in_kib),
      cmocka_unit_test(test_default_limit_is_16_mib),
      cmocka_unit_test(test_binary_junk_does_not_crash),
      cmocka_unit_test(test_nul_byte_replaced),
      cmocka_unit_test(test_record_of_too_many_fields),
      cmocka_unit_test(test_empty_file),
      cmocka_unit_test(test_excerpt_cut_to_200_characters),
      cmocka_unit_test(test_chunk_boundaries),
      cmocka_unit_test(test_read_file_across_chunks),
      cmocka_unit_test(test_callback_error_stops_reading),
      cmocka_unit_test(test_missing_file),
      cmocka_unit_test(test_header_map_with_aliases),
      cmocka_unit_test(test_header_map_non_ascii_names),
      cmocka_unit_test(test_header_map_without_error),
      cmocka_unit_test(test_header_map_missing_message),
      cmocka_unit_test(test_header_map_message_stays_short),
      cmocka_unit_test(test_record_field),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
