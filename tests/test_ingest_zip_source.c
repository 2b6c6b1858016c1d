/* Tests of pipeline/ingest/zip_source.c on archives written here with
 * libzip: the listing, reading a CSV in memory and streamed, truncated
 * archives, names that climb out, and the limits that stop a zip bomb. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "ingest/zip_source.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>
#include <zip.h>

#define MIB (1024 * 1024)

typedef struct {
  const char *name;
  const char *data; /* NULL: a folder */
  gsize length;     /* 0: strlen(data) */
  gboolean store;   /* no compression */
} ZipItem;

static int setup(void **state)
{
  *state = test_file_new("ssi-zip", "export.zip");
  return 0;
}

static int teardown(void **state)
{
  test_file_free(*state);
  return 0;
}

static void zip_write(const char *path, const ZipItem *items, gsize n)
{
  int code = 0;
  zip_t *archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
  assert_non_null(archive);
  for (gsize i = 0; i < n; i++) {
    if (items[i].data == NULL) {
      assert_true(zip_dir_add(archive, items[i].name, ZIP_FL_ENC_UTF_8) >= 0);
      continue;
    }
    gsize length = items[i].length ? items[i].length : strlen(items[i].data);
    zip_source_t *source = zip_source_buffer(archive, items[i].data, length, 0);
    zip_int64_t index = zip_file_add(archive, items[i].name, source, ZIP_FL_ENC_UTF_8);
    assert_true(index >= 0);
    if (items[i].store)
      assert_int_equal(zip_set_file_compression(archive, (zip_uint64_t)index, ZIP_CM_STORE, 0), 0);
  }
  assert_int_equal(zip_close(archive), 0);
}

/* Each record as "line:field|field". */
static gboolean collect(const CsvRecord *record, gpointer user_data, GError **error)
{
  (void)error;
  GString *out = user_data;
  g_string_append_printf(out, "%" G_GUINT64_FORMAT ":", record->line);
  for (guint i = 0; i < record->n_fields; i++)
    g_string_append_printf(out, "%s%s", i > 0 ? "|" : "", record->fields[i]);
  g_string_append_c(out, '\n');
  return TRUE;
}

static IngestZip *open_ok(const TestFile *f, const IngestZipLimits *limits)
{
  g_autoptr(GError) error = NULL;
  IngestZip *zip = ingest_zip_open(f->path, limits, &error);
  assert_null(error);
  assert_non_null(zip);
  return zip;
}

static void test_lists_files_sorted_without_folders(void **state)
{
  TestFile *f = *state;
  const ZipItem items[] = {{"Skills.csv", "Name\nCRM\n", 0, FALSE},
                           {"sub/", NULL, 0, FALSE},
                           {"sub/Connections.csv", "First Name\n", 0, FALSE},
                           {"Ad_Targeting.csv", "x\n", 0, FALSE}};
  zip_write(f->path, items, G_N_ELEMENTS(items));
  g_autoptr(IngestZip) zip = open_ok(f, NULL);
  assert_int_equal(ingest_zip_n_entries(zip), 3);
  assert_string_equal(ingest_zip_entry_name(zip, 0), "Ad_Targeting.csv");
  assert_string_equal(ingest_zip_entry_name(zip, 1), "Skills.csv");
  assert_string_equal(ingest_zip_entry_name(zip, 2), "sub/Connections.csv");
}

static void test_reads_a_csv_entry(void **state)
{
  TestFile *f = *state;
  const ZipItem items[] = {{"Comments.csv",
                            "\xEF\xBB\xBF"
                            "Date,Link,Message\r\n"
                            "2026-02-09 01:21:47,L1,\"Agree with \\\"less\\\"\r\n"
                            "is more\"\r\n"
                            "2026-02-10 08:00:00,L2,Thanks!",
                            0, FALSE}};
  zip_write(f->path, items, 1);
  g_autoptr(IngestZip) zip = open_ok(f, NULL);
  CsvReaderOptions options = {0, TRUE, 0};
  CsvFileInfo info;
  g_autoptr(GString) out = g_string_new(NULL);
  g_autoptr(GError) error = NULL;
  assert_true(ingest_zip_read_csv(zip, 0, &options, collect, out, &info, &error));
  assert_string_equal(out->str, "1:Date|Link|Message\n"
                                "2:2026-02-09 01:21:47|L1|Agree with \"less\"\r\nis more\n"
                                "4:2026-02-10 08:00:00|L2|Thanks!\n");
  assert_int_equal(info.encoding, CSV_ENCODING_UTF8_BOM);
  assert_true(info.crlf);
}

/* Rows across several 64 KiB chunks, with quoted line breaks. */
static GString *long_csv(void)
{
  GString *text = g_string_new("Date,Type,Link\n");
  for (int i = 0; i < 5000; i++)
    g_string_append_printf(text, "2026-01-%02d 10:00:00,\"LIKE\nPRAISE\",https://example.com/%d\n",
                           1 + i % 28, i);
  return text;
}

static void test_streamed_entry_reads_like_one_in_memory(void **state)
{
  TestFile *f = *state;
  g_autoptr(GString) text = long_csv();
  const ZipItem items[] = {{"Reactions.csv", text->str, text->len, FALSE}};
  zip_write(f->path, items, 1);
  IngestZipLimits memory, streamed;
  ingest_zip_limits_default(&memory);
  streamed = memory;
  streamed.memory_bytes = 1024; /* the entry is larger: streamed, read twice */
  g_autoptr(GString) from_memory = g_string_new(NULL);
  g_autoptr(GString) from_stream = g_string_new(NULL);
  g_autoptr(IngestZip) a = open_ok(f, &memory);
  g_autoptr(IngestZip) b = open_ok(f, &streamed);
  CsvFileInfo info;
  assert_true(ingest_zip_read_csv(a, 0, NULL, collect, from_memory, NULL, NULL));
  assert_true(ingest_zip_read_csv(b, 0, NULL, collect, from_stream, &info, NULL));
  assert_string_equal(from_stream->str, from_memory->str);
  assert_int_equal(info.bytes, text->len);
  assert_int_equal(info.records, 5001);
  assert_true(g_str_has_suffix(from_stream->str, "10000:2026-01-16 10:00:00|LIKE\nPRAISE|"
                                                 "https://example.com/4999\n"));
}

static void test_truncated_archive_is_not_readable(void **state)
{
  TestFile *f = *state;
  g_autoptr(GString) text = long_csv();
  const ZipItem items[] = {{"Reactions.csv", text->str, text->len, FALSE}};
  zip_write(f->path, items, 1);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  assert_true(g_file_get_contents(f->path, &bytes, &length, NULL));
  assert_true(g_file_set_contents(f->path, bytes, (gssize)(length / 2), NULL));
  g_autoptr(GError) error = NULL;
  assert_null(ingest_zip_open(f->path, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message, "not a readable zip archive: Not a zip archive");
}

static void test_damaged_entry_cannot_be_unpacked(void **state)
{
  TestFile *f = *state;
  const ZipItem items[] = {{"Skills.csv", "Name\nVertrieb\nNegotiation\n", 0, TRUE}};
  zip_write(f->path, items, 1);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  assert_true(g_file_get_contents(f->path, &bytes, &length, NULL));
  char *data = NULL;
  for (gsize i = 0; i + 8 <= length && data == NULL; i++)
    if (memcmp(bytes + i, "Vertrieb", 8) == 0)
      data = bytes + i;
  assert_non_null(data);
  data[0] = 'W'; /* the stored bytes no longer match their CRC */
  assert_true(g_file_set_contents(f->path, bytes, (gssize)length, NULL));
  g_autoptr(IngestZip) zip = open_ok(f, NULL);
  g_autoptr(GString) out = g_string_new(NULL);
  g_autoptr(GError) error = NULL;
  assert_false(ingest_zip_read_csv(zip, 0, NULL, collect, out, NULL, &error));
  assert_string_equal(error->message, "cannot unpack: CRC error");
  assert_string_equal(out->str, ""); /* nothing is handed on from a damaged file */
}

static void test_unsafe_names(void **state)
{
  (void)state;
  assert_true(ingest_zip_name_is_safe("Connections.csv"));
  assert_true(ingest_zip_name_is_safe("export/Connections.csv"));
  assert_true(ingest_zip_name_is_safe("a..b.csv"));
  assert_false(ingest_zip_name_is_safe("../Connections.csv"));
  assert_false(ingest_zip_name_is_safe("export/../../Connections.csv"));
  assert_false(ingest_zip_name_is_safe("..\\Connections.csv"));
  assert_false(ingest_zip_name_is_safe("/etc/Connections.csv"));
  assert_false(ingest_zip_name_is_safe("\\Connections.csv"));
  assert_false(ingest_zip_name_is_safe("C:Connections.csv"));
  assert_false(ingest_zip_name_is_safe(".."));
}

static void test_unsafe_entry_is_not_read(void **state)
{
  TestFile *f = *state;
  const ZipItem items[] = {{"../../Connections.csv", "First Name\n", 0, FALSE}};
  zip_write(f->path, items, 1);
  g_autoptr(IngestZip) zip = open_ok(f, NULL);
  assert_int_equal(ingest_zip_n_entries(zip), 1);
  assert_string_equal(ingest_zip_entry_name(zip, 0), "../../Connections.csv");
  g_autoptr(GString) out = g_string_new(NULL);
  g_autoptr(GError) error = NULL;
  assert_false(ingest_zip_read_csv(zip, 0, NULL, collect, out, NULL, &error));
  assert_string_equal(error->message, "unsafe entry name");
  assert_string_equal(out->str, "");
}

static void read_fails_with(const TestFile *f, const IngestZipLimits *limits, guint index,
                            const char *message)
{
  g_autoptr(IngestZip) zip = open_ok(f, limits);
  g_autoptr(GString) out = g_string_new(NULL);
  g_autoptr(GError) error = NULL;
  assert_false(ingest_zip_read_csv(zip, index, NULL, collect, out, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message, message);
  assert_string_equal(out->str, "");
}

static void test_entry_over_the_size_limit_is_refused(void **state)
{
  TestFile *f = *state;
  g_autofree char *big = g_malloc(2 * MIB);
  memset(big, 'x', 2 * MIB);
  const ZipItem items[] = {{"messages.csv", big, 2 * MIB, TRUE}};
  zip_write(f->path, items, 1);
  IngestZipLimits limits;
  ingest_zip_limits_default(&limits);
  limits.max_entry_bytes = MIB;
  read_fails_with(f, &limits, 0, "refused: unpacks to 2 MiB, more than the 1 MiB allowed");
  limits.max_entry_bytes = 1536 * 1024;
  read_fails_with(f, &limits, 0, "refused: unpacks to 2 MiB, more than the 1.5 MiB allowed");
}

static void test_entry_compressed_too_much_is_refused(void **state)
{
  TestFile *f = *state;
  g_autofree char *bomb = g_malloc0(4 * MIB); /* zeros deflate about 1000:1 */
  const ZipItem items[] = {{"Connections.csv", bomb, 4 * MIB, FALSE}};
  zip_write(f->path, items, 1);
  g_autoptr(IngestZip) zip = open_ok(f, NULL);
  g_autoptr(GString) out = g_string_new(NULL);
  g_autoptr(GError) error = NULL;
  assert_false(ingest_zip_read_csv(zip, 0, NULL, collect, out, NULL, &error));
  assert_true(g_str_has_prefix(error->message, "refused: compressed more than 200:1 ("));
  assert_true(g_str_has_suffix(error->message, " bytes unpack to 4194304)"));
}

static void test_archive_over_its_total_is_refused(void **state)
{
  TestFile *f = *state;
  g_autofree char *data = g_malloc(MIB);
  memset(data, 'y', MIB);
  const ZipItem items[] = {
      {"a.csv", data, MIB, TRUE}, {"b.csv", data, MIB, TRUE}, {"c.csv", data, MIB, TRUE}};
  zip_write(f->path, items, G_N_ELEMENTS(items));
  IngestZipLimits limits;
  ingest_zip_limits_default(&limits);
  limits.max_archive_bytes = 2 * MIB + 100;
  g_autoptr(IngestZip) zip = open_ok(f, &limits);
  g_autoptr(GString) out = g_string_new(NULL);
  assert_true(ingest_zip_read_csv(zip, 0, NULL, collect, out, NULL, NULL));
  assert_true(ingest_zip_read_csv(zip, 1, NULL, collect, out, NULL, NULL));
  assert_int_equal(out->len, 2 * (MIB + 3)); /* "1:" before each record, "\n" after */
  g_autoptr(GError) error = NULL;
  assert_false(ingest_zip_read_csv(zip, 2, NULL, collect, out, NULL, &error));
  assert_string_equal(error->message,
                      "refused: the archive unpacks to more than the 2.0 MiB allowed");
}

/* Sets the uncompressed size an archive of one file states, in its local
 * header and in its central directory, to size. */
static void zip_patch_stated_size(const char *path, guint32 size)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  assert_true(g_file_get_contents(path, &data, &length, NULL));
  static const struct {
    const char *signature;
    gsize offset;
  } fields[] = {{"PK\x03\x04", 22}, {"PK\x01\x02", 24}};
  for (gsize i = 0; i < G_N_ELEMENTS(fields); i++) {
    gsize at = 0;
    while (at + 4 <= length && memcmp(data + at, fields[i].signature, 4) != 0)
      at++;
    assert_true(at + fields[i].offset + 4 <= length);
    guint32 le = GUINT32_TO_LE(size);
    memcpy(data + at + fields[i].offset, &le, sizeof le);
  }
  assert_true(g_file_set_contents(path, data, (gssize)length, NULL));
}

/* An archive may understate a file's size to slip past the limits (and be
 * unpacked into memory): reading stops where the stated size ends. */
static void test_entry_larger_than_stated_is_refused(void **state)
{
  TestFile *f = *state;
  g_autoptr(GString) text = g_string_new("Date,Type,Link\n");
  for (int i = 0; i < 1000; i++)
    g_string_append_printf(text, "2026-02-01 10:00:00,LIKE,https://l/%d\n", i);
  const ZipItem items[] = {{"Reactions.csv", text->str, text->len, FALSE}};
  zip_write(f->path, items, 1);
  zip_patch_stated_size(f->path, 10);
  read_fails_with(f, NULL, 0, "refused: unpacks to more than the 10 bytes the archive states");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_lists_files_sorted_without_folders, setup, teardown),
      cmocka_unit_test_setup_teardown(test_reads_a_csv_entry, setup, teardown),
      cmocka_unit_test_setup_teardown(test_streamed_entry_reads_like_one_in_memory, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_truncated_archive_is_not_readable, setup, teardown),
      cmocka_unit_test_setup_teardown(test_damaged_entry_cannot_be_unpacked, setup, teardown),
      cmocka_unit_test(test_unsafe_names),
      cmocka_unit_test_setup_teardown(test_unsafe_entry_is_not_read, setup, teardown),
      cmocka_unit_test_setup_teardown(test_entry_over_the_size_limit_is_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(test_entry_compressed_too_much_is_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(test_archive_over_its_total_is_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(test_entry_larger_than_stated_is_refused, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
