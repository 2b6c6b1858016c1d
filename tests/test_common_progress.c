/* Tests of pipeline/common/progress.c: the line's exact text, that it is
 * drawn over itself and cleared at the end, and that a disabled progress
 * (stderr not a terminal, --quiet) prints nothing at all. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/progress.h"
#include "test_support.h"

#define MIB (G_GUINT64_CONSTANT(1024) * 1024)

static void test_format(void **state)
{
  (void)state;
  /* Under a second: no rate yet. */
  g_autofree char *start = progress_format(3, 48000, 5 * MIB, 2350 * MIB, 100, 0.5);
  assert_string_equal(start, "ingest: 3/48000 files, 5/2350 MB");
  /* 470 MB of 2350 in 10 s: 1880 MB at 47 MB/s are 40 s. */
  g_autofree char *mid = progress_format(9600, 48000, 470 * MIB, 2350 * MIB, 3100000, 10.0);
  assert_string_equal(mid, "ingest: 9600/48000 files, 470/2350 MB, 310000 rows/s, 0:40 left");
  g_autofree char *slow = progress_format(1, 2, 1 * MIB, 7202 * MIB, 10, 1.0);
  assert_string_equal(slow, "ingest: 1/2 files, 1/7202 MB, 10 rows/s, 2:00:01 left");
  g_autofree char *done = progress_format(2, 2, 7 * MIB, 7 * MIB, 70, 2.0);
  assert_string_equal(done, "ingest: 2/2 files, 7/7 MB, 35 rows/s");
}

static char *drawn(FILE *out)
{
  fflush(out);
  long len = ftell(out);
  char *text = g_malloc0((gsize)len + 1);
  rewind(out);
  assert_int_equal(fread(text, 1, (size_t)len, out), (size_t)len);
  return text;
}

/* Each drawing returns to the start of the line and erases what is left of
 * the previous one; the end erases the line. Drawings a quarter second
 * apart at most: two adds in a row draw once. */
static void test_drawing(void **state)
{
  (void)state;
  FILE *out = tmpfile();
  assert_non_null(out);
  PipelineProgress *progress = progress_new(out, TRUE);
  progress_set_total(progress, 10, 10 * MIB);
  progress_add(progress, 1, MIB, 5);
  progress_add(progress, 1, MIB, 5);
  progress_finish(progress);
  progress_free(progress);
  g_autofree char *text = drawn(out);
  assert_string_equal(text, "\ringest: 1/10 files, 1/10 MB\033[K\r\033[K");
  fclose(out);
}

static void test_disabled_prints_nothing(void **state)
{
  (void)state;
  FILE *out = tmpfile();
  PipelineProgress *progress = progress_new(out, FALSE);
  assert_null(progress);
  progress_set_total(progress, 10, 10);
  progress_add(progress, 1, 1, 1);
  progress_finish(progress);
  progress_free(progress);
  g_autofree char *text = drawn(out);
  assert_string_equal(text, "");
  fclose(out);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format),
      cmocka_unit_test(test_drawing),
      cmocka_unit_test(test_disabled_prints_nothing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
