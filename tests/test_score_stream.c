/* Tests of score/stream.c: rows handed out one by one with their lines, the
 * columns asked for in the order asked, the errors of a bad file, and a
 * reader stopped early. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "score/stream.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

static int fixture_setup(void **state)
{
  *state = test_file_new("score-stream", "rows.csv");
  return 0;
}

static int fixture_teardown(void **state)
{
  test_file_free(*state);
  return 0;
}

static const char *const columns[] = {"count", "ambassador_id", NULL};

static void assert_row(ScoreStream *stream, const char *count, const char *id, guint64 line)
{
  g_autoptr(GError) error = NULL;
  const ScoreStreamRow *row = score_stream_peek(stream, &error);
  assert_non_null(row);
  assert_null(error);
  assert_string_equal(row->fields[0], count);
  assert_string_equal(row->fields[1], id);
  assert_int_equal(row->line, line);
  /* Peeking again gives the same row until it is dropped. */
  assert_ptr_equal(score_stream_peek(stream, NULL), row);
  score_stream_advance(stream);
}

static void test_rows_in_order(void **state)
{
  TestFile *fixture = *state;
  test_file_write(fixture, "ambassador_id,date,from,count\n"
                           "a1,2025-01-01,\"Berg,\nAnna\",2\n"
                           "\n"
                           "b2,2025-01-02,Ben,1");
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, columns);
  assert_row(stream, "2", "a1", 2);
  assert_row(stream, "1", "b2", 5);
  g_autoptr(GError) error = NULL;
  assert_null(score_stream_peek(stream, &error));
  assert_null(error);
  assert_null(score_stream_peek(stream, &error));
  assert_string_equal(score_stream_path(stream), fixture->path);
}

static void assert_stream_fails(const TestFile *fixture, const char *message_end)
{
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, columns);
  g_autoptr(GError) error = NULL;
  assert_null(score_stream_peek(stream, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  g_autofree char *expected = g_strdup_printf("%s%s", fixture->path, message_end);
  if (!g_str_has_prefix(error->message, expected))
    fail_msg("\"%s\" does not start with \"%s\"", error->message, expected);
}

static void test_bad_files(void **state)
{
  TestFile *fixture = *state;
  test_file_write(fixture, "ambassador_id,date\na1,2025-01-01\n");
  assert_stream_fails(fixture, " line 1: missing column(s) \"count\"");
  test_file_write(fixture, "");
  assert_stream_fails(fixture, ": empty, expected a header row with the columns of the contract");
  test_file_write(fixture, "ambassador_id,count\na1,\"2\n");
  assert_stream_fails(fixture, " line 2: unterminated quote at end of file");
  /* The reader's own message for a missing file names it too. */
  g_remove(fixture->path);
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, columns);
  g_autoptr(GError) error = NULL;
  assert_null(score_stream_peek(stream, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_non_null(strstr(error->message, fixture->path));
}

/* An error after good rows comes after them. */
static void test_error_after_rows(void **state)
{
  TestFile *fixture = *state;
  test_file_write(fixture, "ambassador_id,count\na1,1\nb2,\"2\n");
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, columns);
  assert_row(stream, "1", "a1", 2);
  g_autoptr(GError) error = NULL;
  assert_null(score_stream_peek(stream, &error));
  assert_non_null(error);
}

/* More rows than the queue holds, read partly, then dropped. */
static void test_stop_early(void **state)
{
  TestFile *fixture = *state;
  GString *text = g_string_new("ambassador_id,count\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf(text, "a%05u,%u\n", i, i);
  test_file_write(fixture, text->str);
  g_string_free(text, TRUE);
  for (guint taken = 0; taken < 3000; taken += 1500) {
    g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, columns);
    for (guint i = 0; i < taken; i++) {
      assert_non_null(score_stream_peek(stream, NULL));
      score_stream_advance(stream);
    }
  }
  g_autoptr(ScoreStream) all = score_stream_open(fixture->path, columns);
  guint rows = 0;
  const ScoreStreamRow *row = NULL;
  while ((row = score_stream_peek(all, NULL)) != NULL) {
    g_autofree char *expected = g_strdup_printf("%u", rows);
    assert_string_equal(row->fields[0], expected);
    score_stream_advance(all);
    rows++;
  }
  assert_int_equal(rows, 5000);
}

#define RUN_TEST(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
      RUN_TEST(test_rows_in_order),
      RUN_TEST(test_bad_files),
      RUN_TEST(test_error_after_rows),
      RUN_TEST(test_stop_early),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
