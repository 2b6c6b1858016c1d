/* Tests of pipeline/common/sha256.c: the FIPS 180-4 test vectors, the same
 * digest however the bytes are fed and as GChecksum gives it, and files. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/sha256.h"
#include "test_support.h"

#include <string.h>

/* Through sha256_digest; the split test below feeds init/update/finish. */
static void hex_of(const void *data, gsize len, char out[SHA256_HEX_BYTES])
{
  guint8 digest[SHA256_BYTES];
  sha256_digest(data, len, digest);
  sha256_hex(digest, out);
}

static void test_fips_vectors(void **state)
{
  (void)state;
  char hex[SHA256_HEX_BYTES];
  hex_of("", 0, hex);
  assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  hex_of("abc", 3, hex);
  assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  hex_of(two_blocks, strlen(two_blocks), hex);
  assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  g_autofree char *million = g_malloc(1000000);
  memset(million, 'a', 1000000);
  hex_of(million, 1000000, hex);
  assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Every length around the block and padding edges, cut anywhere. */
static void test_any_split_same_as_gchecksum(void **state)
{
  (void)state;
  guint8 data[300];
  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8)(i * 131 + i / 7);
  for (gsize len = 0; len < sizeof data; len++) {
    g_autofree char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
    for (gsize cut = 0; cut <= len; cut += 13) {
      Sha256 sha;
      guint8 digest[SHA256_BYTES];
      char hex[SHA256_HEX_BYTES];
      sha256_init(&sha);
      sha256_update(&sha, data, cut);
      sha256_update(&sha, data + cut, len - cut);
      sha256_finish(&sha, digest);
      sha256_hex(digest, hex);
      assert_string_equal(hex, want);
    }
  }
}

static void test_file(void **state)
{
  (void)state;
  TestFile *file = test_file_new("ssi-sha256", "a.csv");
  test_file_write(file, "abc");
  guint8 digest[SHA256_BYTES];
  char hex[SHA256_HEX_BYTES];
  assert_true(sha256_file(file->path, digest, NULL));
  sha256_hex(digest, hex);
  assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_autofree char *missing = g_build_filename(file->dir, "gone.csv", NULL);
  g_autoptr(GError) error = NULL;
  assert_false(sha256_file(missing, digest, &error));
  assert_true(g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
  assert_string_equal(error->message, g_strerror(ENOENT));
  test_file_free(file);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fips_vectors),
      cmocka_unit_test(test_any_split_same_as_gchecksum),
      cmocka_unit_test(test_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
