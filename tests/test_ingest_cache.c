/* Tests of pipeline/ingest/cache.c: an entry comes back exactly as stored,
 * and only then: not for another key, format version or pipeline version,
 * not when damaged or torn by a crash while written over in place; entries no run used are pruned,
 * with temporary files left by a crash; a file counts as unchanged only with the same size, times
 * and inode. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/sha256.h"
#include "ingest/cache.h"
#include "ingest/tree.h"
#include "test_support.h"
#include "version.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  char *work;
  IngestCache *cache;
} Fixture;

static int setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->work = test_tree_new("ssi-cache");
  f->cache = ingest_cache_open(f->work);
  assert_non_null(f->cache);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fixture *f = *state;
  ingest_cache_free(f->cache);
  test_tree_remove(f->work);
  g_free(f->work);
  g_free(f);
  return 0;
}

static GByteArray *payload_new(void)
{
  GByteArray *payload = g_byte_array_new();
  ingest_cache_put_uint(payload, 0);
  ingest_cache_put_uint(payload, 300);
  ingest_cache_put_uint(payload, G_MAXUINT64);
  ingest_cache_put_string(payload, "Müller, \"Anna\"");
  ingest_cache_put_string(payload, NULL);
  ingest_cache_put_string(payload, "");
  return payload;
}

static void assert_payload(GBytes *bytes)
{
  assert_non_null(bytes);
  IngestCacheReader r;
  ingest_cache_reader_init(&r, bytes);
  assert_int_equal(ingest_cache_get_uint(&r), 0);
  assert_int_equal(ingest_cache_get_uint(&r), 300);
  assert_true(ingest_cache_get_uint(&r) == G_MAXUINT64);
  g_autofree char *name = ingest_cache_get_string(&r);
  assert_string_equal(name, "Müller, \"Anna\"");
  assert_null(ingest_cache_get_string(&r));
  g_autofree char *empty = ingest_cache_get_string(&r);
  assert_string_equal(empty, "");
  assert_false(r.bad);
  assert_true(r.p == r.end);
}

static char *entry_path(const Fixture *f, const char *section, const char *key)
{
  g_autofree char *name = ingest_cache_file_name(key);
  return g_build_filename(f->work, INGEST_CACHE_DIR, section, name, NULL);
}

static void test_stored_entry_comes_back(void **state)
{
  Fixture *f = *state;
  g_autoptr(GByteArray) payload = payload_new();
  ingest_cache_store(f->cache, "linkedin", "fen-de-01", payload);
  g_autofree char *path = entry_path(f, "linkedin", "fen-de-01");
  assert_true(g_str_has_suffix(path, "/cache/linkedin/id-fen-de-01"));
  g_autoptr(GBytes) back = ingest_cache_load(f->cache, "linkedin", "fen-de-01");
  assert_payload(back);
  assert_null(ingest_cache_load(f->cache, "linkedin", "fen-de-02"));
  assert_null(ingest_cache_load(f->cache, "other", "fen-de-01"));
}

/* Strings are stored with a NUL, so they can be used where they lie. */
static void test_string_in_place(void **state)
{
  (void)state;
  g_autoptr(GByteArray) out = g_byte_array_new();
  ingest_cache_put_string(out, "abc");
  assert_int_equal(out->len, 5);
  assert_memory_equal(out->data,
                      "\x04"
                      "abc",
                      5);
  g_autoptr(GBytes) bytes = g_bytes_new(out->data, out->len);
  IngestCacheReader r;
  ingest_cache_reader_init(&r, bytes);
  assert_ptr_equal(r.payload, bytes);
  gsize len = 0;
  const char *text = ingest_cache_get_string_ref(&r, &len);
  assert_int_equal(len, 3);
  assert_string_equal(text, "abc");
  assert_true(r.p == r.end);
  /* Without its NUL, a string is damage. */
  g_autoptr(GBytes) no_nul = g_bytes_new("\x04"
                                         "abcd",
                                         5);
  ingest_cache_reader_init(&r, no_nul);
  assert_null(ingest_cache_get_string_ref(&r, &len));
  assert_true(r.bad);
}

/* Keys that are not plain names become a hash: no folder climbing. */
static void test_file_names(void **state)
{
  (void)state;
  g_autofree char *plain = ingest_cache_file_name("aut-nord-01");
  assert_string_equal(plain, "id-aut-nord-01");
  g_autofree char *odd = ingest_cache_file_name("../a b");
  assert_true(g_str_has_prefix(odd, "h-"));
  assert_int_equal(strlen(odd), 2 + 64);
  g_autofree char *dot = ingest_cache_file_name(".hidden");
  assert_true(g_str_has_prefix(dot, "h-"));
}

/* An entry written by hand the way the cache frames one. */
static void write_framed(const Fixture *f, const char *key, guint64 version,
                         const char *pipeline_version)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new();
  g_byte_array_append(bytes, (const guint8 *)"ssi-pipeline cache\n", 19);
  ingest_cache_put_uint(bytes, version);
  ingest_cache_put_string(bytes, pipeline_version);
  ingest_cache_put_string(bytes, "linkedin");
  ingest_cache_put_string(bytes, key);
  g_autoptr(GByteArray) payload = payload_new();
  g_byte_array_append(bytes, payload->data, payload->len);
  guint8 sum[INGEST_CACHE_CHECKSUM_BYTES];
  ingest_cache_checksum(bytes->data, bytes->len, sum);
  g_byte_array_append(bytes, sum, sizeof sum);
  g_autofree char *path = entry_path(f, "linkedin", key);
  g_autofree char *dir = g_path_get_dirname(path);
  g_mkdir_with_parents(dir, 0755);
  assert_true(g_file_set_contents(path, (const char *)bytes->data, bytes->len, NULL));
}

static void test_versions(void **state)
{
  Fixture *f = *state;
  write_framed(f, "a1", INGEST_CACHE_FORMAT_VERSION, SSI_PIPELINE_VERSION);
  g_autoptr(GBytes) same = ingest_cache_load(f->cache, "linkedin", "a1");
  assert_payload(same);
  write_framed(f, "a2", INGEST_CACHE_FORMAT_VERSION + 1, SSI_PIPELINE_VERSION);
  assert_null(ingest_cache_load(f->cache, "linkedin", "a2"));
  write_framed(f, "a3", INGEST_CACHE_FORMAT_VERSION, "0.0.0-other");
  assert_null(ingest_cache_load(f->cache, "linkedin", "a3"));
}

/* XXH64 with seed 0, as the reference implementation gives it, little-endian:
 * empty, shorter than a stripe, longer than one. */
static void assert_checksum(const char *text, guint64 expected)
{
  guint8 sum[INGEST_CACHE_CHECKSUM_BYTES];
  ingest_cache_checksum((const guint8 *)text, strlen(text), sum);
  for (guint i = 0; i < INGEST_CACHE_CHECKSUM_BYTES; i++)
    assert_int_equal(sum[i], (expected >> (8 * i)) & 0xff);
}

static void test_checksum(void **state)
{
  (void)state;
  assert_checksum("", G_GUINT64_CONSTANT(0xef46db3751d8e999));
  assert_checksum("abc", G_GUINT64_CONSTANT(0x44bc2cf5ad770999));
  assert_checksum("ssi-pipeline cache entry: a text longer than one 32-byte stripe",
                  G_GUINT64_CONSTANT(0x93012a7d2b268460));
}

/* A byte changed, or the end missing: ignored, never believed. */
static void test_damaged_entry_is_ignored(void **state)
{
  Fixture *f = *state;
  g_autoptr(GByteArray) payload = payload_new();
  ingest_cache_store(f->cache, "linkedin", "a1", payload);
  g_autofree char *path = entry_path(f, "linkedin", "a1");
  g_autofree char *data = NULL;
  gsize len;
  assert_true(g_file_get_contents(path, &data, &len, NULL));
  data[len / 2] ^= 1;
  assert_true(g_file_set_contents(path, data, len, NULL));
  assert_null(ingest_cache_load(f->cache, "linkedin", "a1"));
  data[len / 2] ^= 1;
  assert_true(g_file_set_contents(path, data, len - 1, NULL));
  assert_null(ingest_cache_load(f->cache, "linkedin", "a1"));
  assert_true(g_file_set_contents(path, "", 0, NULL));
  assert_null(ingest_cache_load(f->cache, "linkedin", "a1"));
}

static gboolean entry_exists(const Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename(f->work, INGEST_CACHE_DIR, "linkedin", name, NULL);
  return g_file_test(path, G_FILE_TEST_EXISTS);
}

/* The next run uses a1 (loaded) and a3 (stored); a2's ambassador is gone. */
static void test_prune_keeps_what_the_run_used(void **state)
{
  Fixture *f = *state;
  g_autoptr(GByteArray) payload = payload_new();
  ingest_cache_store(f->cache, "linkedin", "a1", payload);
  ingest_cache_store(f->cache, "linkedin", "a2", payload);
  ingest_cache_free(f->cache);
  f->cache = ingest_cache_open(f->work);
  g_autofree char *tmp = g_build_filename(f->work, "cache", "linkedin", "id-a1.tmp-Xy12ab", NULL);
  assert_true(g_file_set_contents(tmp, "half", 4, NULL));
  g_autoptr(GBytes) a1 = ingest_cache_load(f->cache, "linkedin", "a1");
  assert_non_null(a1);
  ingest_cache_store(f->cache, "linkedin", "a3", payload);
  ingest_cache_prune(f->cache, "linkedin");
  assert_true(entry_exists(f, "id-a1"));
  assert_false(entry_exists(f, "id-a2"));
  assert_true(entry_exists(f, "id-a3"));
  assert_false(entry_exists(f, "id-a1.tmp-Xy12ab"));
}

static void test_reader_past_the_end(void **state)
{
  (void)state;
  g_autoptr(GByteArray) out = g_byte_array_new();
  ingest_cache_put_string(out, "abcdef");
  g_autoptr(GBytes) cut = g_bytes_new(out->data, out->len - 2);
  IngestCacheReader r;
  ingest_cache_reader_init(&r, cut);
  assert_null(ingest_cache_get_string(&r));
  assert_true(r.bad);
  g_autoptr(GBytes) open_number = g_bytes_new("\xff\xff", 2);
  ingest_cache_reader_init(&r, open_number);
  assert_int_equal(ingest_cache_get_uint(&r), 0);
  assert_true(r.bad);
}

static IngestTreeFile *tree_file(void)
{
  IngestTreeFile *file = g_new0(IngestTreeFile, 1);
  file->path = g_strdup("linkedin/a1/Basic_LinkedInDataExport_03-01-2026.zip");
  file->abs_path = g_strdup("/t/linkedin/a1/Basic_LinkedInDataExport_03-01-2026.zip");
  file->regular = TRUE;
  file->bytes = 1234;
  file->mtime_ns = G_GINT64_CONSTANT(1772323200123456789);
  file->ctime_ns = G_GINT64_CONSTANT(1772323200223456789);
  file->inode = 4711;
  file->has_sha256 = TRUE;
  memset(file->sha256, 0xab, sizeof file->sha256);
  return file;
}

/* Unchanged only when size, both times and the inode are as recorded. */
static void test_file_identity(void **state)
{
  (void)state;
  IngestTreeFile *file = tree_file();
  g_autoptr(GByteArray) out = g_byte_array_new();
  ingest_cache_put_file(out, file);
  g_autoptr(GBytes) bytes = g_bytes_new(out->data, out->len);
  IngestCacheReader r;
  ingest_cache_reader_init(&r, bytes);
  IngestCacheFile cached = {0};
  assert_true(ingest_cache_get_file(&r, &cached));
  file->has_sha256 = FALSE;
  memset(file->sha256, 0, sizeof file->sha256);
  assert_true(ingest_cache_file_matches(&cached, file));
  assert_true(file->has_sha256);
  assert_int_equal(file->sha256[31], 0xab);
  gint64 *times[] = {&file->mtime_ns, &file->ctime_ns};
  for (gsize i = 0; i < G_N_ELEMENTS(times); i++) {
    (*times[i])++;
    assert_false(ingest_cache_file_matches(&cached, file));
    (*times[i])--;
  }
  file->bytes++;
  assert_false(ingest_cache_file_matches(&cached, file));
  file->bytes--;
  file->inode++;
  assert_false(ingest_cache_file_matches(&cached, file));
  /* The path lies in the payload. */
  assert_ptr_equal(cached.path, (const char *)g_bytes_get_data(bytes, NULL) + 1);
  ingest_tree_file_free(file);
}

/* An entry written in pieces, flushed as it grows past 64 KiB, comes back
 * whole and checked, as one stored at once does. */
static void test_writer_streams_an_entry(void **state)
{
  Fixture *f = *state;
  IngestCacheWriter *writer = ingest_cache_writer_new(f->cache, "linkedin", "a01");
  guint64 total = 0;
  for (guint i = 0; i < 20000; i++) {
    g_autofree char *text = g_strdup_printf("row %u of a large entry", i);
    ingest_cache_put_string(ingest_cache_writer_payload(writer), text);
    ingest_cache_writer_flush(writer);
    total += strlen(text) + 2;
  }
  ingest_cache_writer_commit(writer);
  g_autoptr(GBytes) payload = ingest_cache_load(f->cache, "linkedin", "a01");
  assert_non_null(payload);
  assert_int_equal(g_bytes_get_size(payload), total);
  IngestCacheReader r;
  ingest_cache_reader_init(&r, payload);
  for (guint i = 0; i < 20000; i++) {
    g_autofree char *text = ingest_cache_get_string(&r);
    g_autofree char *want = g_strdup_printf("row %u of a large entry", i);
    assert_string_equal(text, want);
  }
  assert_true(r.p == r.end);
}

/* An aborted entry leaves no file behind and loads as a miss. */
static void test_writer_abort_leaves_nothing(void **state)
{
  Fixture *f = *state;
  IngestCacheWriter *writer = ingest_cache_writer_new(f->cache, "linkedin", "a02");
  ingest_cache_put_string(ingest_cache_writer_payload(writer), "half");
  ingest_cache_writer_abort(writer);
  assert_null(ingest_cache_load(f->cache, "linkedin", "a02"));
  g_autofree char *dir = g_build_filename(f->work, INGEST_CACHE_DIR, "linkedin", NULL);
  GDir *d = g_dir_open(dir, 0, NULL);
  assert_non_null(d);
  assert_null(g_dir_read_name(d));
  g_dir_close(d);
}

static guint64 entry_inode(const Fixture *f, const char *key)
{
  g_autofree char *path = entry_path(f, "linkedin", key);
  struct stat st;
  assert_int_equal(stat(path, &st), 0);
  return (guint64)st.st_ino;
}

/* An entry is written over in place, not through a new file: longer or
 * shorter than the one before (then cut to its new length), it comes back
 * exactly. */
static void test_entry_rewritten_in_place(void **state)
{
  Fixture *f = *state;
  g_autoptr(GByteArray) payload = payload_new();
  ingest_cache_store(f->cache, "linkedin", "a1", payload);
  guint64 inode = entry_inode(f, "a1");
  g_autoptr(GByteArray) longer = payload_new();
  for (guint i = 0; i < 30000; i++)
    ingest_cache_put_string(longer, "filler");
  ingest_cache_store(f->cache, "linkedin", "a1", longer);
  assert_true(entry_inode(f, "a1") == inode);
  g_autoptr(GBytes) back_longer = ingest_cache_load(f->cache, "linkedin", "a1");
  assert_non_null(back_longer);
  assert_int_equal(g_bytes_get_size(back_longer), longer->len);
  assert_memory_equal(g_bytes_get_data(back_longer, NULL), longer->data, longer->len);
  ingest_cache_store(f->cache, "linkedin", "a1", payload);
  assert_true(entry_inode(f, "a1") == inode);
  g_autoptr(GBytes) back = ingest_cache_load(f->cache, "linkedin", "a1");
  assert_payload(back);
}

/* A child writes an entry over a large one, flushes part of it and dies
 * before the commit, as a run stopped by a crash: the file left holds new
 * bytes before old ones, its checksum fails, and it loads as a miss (the
 * ambassador is read again). The next store puts a good entry there. */
static void test_entry_torn_by_a_crash_is_a_miss(void **state)
{
  Fixture *f = *state;
  g_autoptr(GByteArray) old = payload_new();
  for (guint i = 0; i < 40000; i++)
    ingest_cache_put_string(old, "an older export's events");
  ingest_cache_store(f->cache, "linkedin", "a1", old);
  g_autofree char *path = entry_path(f, "linkedin", "a1");
  g_autofree char *before = NULL;
  gsize before_len;
  assert_true(g_file_get_contents(path, &before, &before_len, NULL));
  pid_t child = fork();
  assert_true(child >= 0);
  if (child == 0) {
    IngestCacheWriter *writer = ingest_cache_writer_new(f->cache, "linkedin", "a1");
    for (guint i = 0; i < 20000; i++) {
      ingest_cache_put_string(ingest_cache_writer_payload(writer), "the newest export's");
      ingest_cache_writer_flush(writer);
    }
    _exit(0); /* no commit */
  }
  int status = 0;
  assert_int_equal(waitpid(child, &status, 0), child);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  g_autofree char *after = NULL;
  gsize after_len;
  assert_true(g_file_get_contents(path, &after, &after_len, NULL));
  assert_int_equal(after_len, before_len);
  assert_memory_not_equal(after, before, 64 * 1024);
  assert_memory_equal(after + after_len - 1024, before + before_len - 1024, 1024);
  assert_null(ingest_cache_load(f->cache, "linkedin", "a1"));
  g_autoptr(GByteArray) payload = payload_new();
  ingest_cache_store(f->cache, "linkedin", "a1", payload);
  g_autoptr(GBytes) back = ingest_cache_load(f->cache, "linkedin", "a1");
  assert_payload(back);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_stored_entry_comes_back, setup, teardown),
      cmocka_unit_test(test_string_in_place),
      cmocka_unit_test(test_file_names),
      cmocka_unit_test(test_checksum),
      cmocka_unit_test_setup_teardown(test_versions, setup, teardown),
      cmocka_unit_test_setup_teardown(test_damaged_entry_is_ignored, setup, teardown),
      cmocka_unit_test_setup_teardown(test_prune_keeps_what_the_run_used, setup, teardown),
      cmocka_unit_test(test_reader_past_the_end),
      cmocka_unit_test(test_file_identity),
      cmocka_unit_test_setup_teardown(test_writer_streams_an_entry, setup, teardown),
      cmocka_unit_test_setup_teardown(test_writer_abort_leaves_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(test_entry_rewritten_in_place, setup, teardown),
      cmocka_unit_test_setup_teardown(test_entry_torn_by_a_crash_is_a_miss, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
