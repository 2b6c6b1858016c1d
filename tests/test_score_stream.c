/* Tests of score/stream.c: runs of rows with the same key handed out as one
 * group each, the columns in the order asked, a row's error kept with its
 * group, the errors of a bad file or of keys out of order, and a reader
 * stopped early. */
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

/* A group's data: "count" fields joined by '+'; a count "bad" fails. */
static gpointer group_new(guint rows_hint)
{
  (void)rows_hint;
  return g_string_new(NULL);
}

static gboolean row_add(gpointer data, const char *const *fields, GError **error)
{
  GString *counts = data;
  if (strcmp(fields[1], "bad") == 0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "count: bad");
    return FALSE;
  }
  g_string_append_printf(counts, "%s%s", counts->len > 0 ? "+" : "", fields[1]);
  return TRUE;
}

static void group_free(gpointer data)
{
  g_string_free(data, TRUE);
}

static const char *const columns[] = {"ambassador_id", "count", NULL};
static const ScoreStreamSpec spec = {columns, group_new, row_add, group_free};

static void assert_group(ScoreStream *stream, const char *key, const char *counts)
{
  g_autoptr(GError) error = NULL;
  ScoreStreamGroup *group = score_stream_peek(stream, &error);
  assert_non_null(group);
  assert_null(error);
  assert_null(group->error);
  assert_string_equal(group->key, key);
  assert_string_equal(((GString *)group->data)->str, counts);
  /* Peeking again gives the same group until it is dropped. */
  assert_ptr_equal(score_stream_peek(stream, NULL), group);
  score_stream_advance(stream);
}

static void assert_end(ScoreStream *stream)
{
  g_autoptr(GError) error = NULL;
  assert_null(score_stream_peek(stream, &error));
  assert_null(error);
  assert_null(score_stream_peek(stream, &error));
  assert_null(error);
}

static void test_groups_in_order(void **state)
{
  TestFile *fixture = *state;
  test_file_write(fixture, "count,date,ambassador_id\n"
                           "2,\"2025,\n01\",a1\n"
                           "\n"
                           "3,2025-01-02,a1\n"
                           "1,2025-01-02,b2");
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, &spec);
  assert_group(stream, "a1", "2+3");
  assert_group(stream, "b2", "1");
  assert_end(stream);
  assert_string_equal(score_stream_path(stream), fixture->path);
}

/* A row's error stays with its group, with file and line; the group's
 * later rows are left out, the next groups come as usual. */
static void test_row_error_in_group(void **state)
{
  TestFile *fixture = *state;
  test_file_write(fixture, "ambassador_id,count\na1,1\na1,bad\na1,2\nb2,3\n");
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, &spec);
  ScoreStreamGroup *group = score_stream_peek(stream, NULL);
  assert_non_null(group);
  assert_non_null(group->error);
  g_autofree char *expected = g_strdup_printf("%s line 3: count: bad", fixture->path);
  assert_string_equal(group->error->message, expected);
  assert_string_equal(((GString *)group->data)->str, "1");
  /* Data taken is the caller's. */
  g_autoptr(GString) taken = g_steal_pointer(&group->data);
  score_stream_advance(stream);
  assert_group(stream, "b2", "3");
  assert_end(stream);
}

static void assert_stream_fails(const TestFile *fixture, const char *message_end)
{
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, &spec);
  g_autoptr(GError) error = NULL;
  while (score_stream_peek(stream, &error) != NULL)
    score_stream_advance(stream);
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
  test_file_write(fixture, "ambassador_id,count\nb2,1\na1,2\n");
  assert_stream_fails(fixture, " line 3: ambassador_id: expected rows sorted by ambassador_id, "
                               "got \"a1\" after \"b2\"");
  test_file_write(fixture, "ambassador_id,count\na1,1\n,2\n");
  assert_stream_fails(fixture, " line 3: ambassador_id: expected a value, got an empty field");
  /* The reader's own message for a missing file names it too. */
  g_remove(fixture->path);
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, &spec);
  g_autoptr(GError) error = NULL;
  assert_null(score_stream_peek(stream, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_non_null(strstr(error->message, fixture->path));
}

/* An error of the file after good rows comes after their groups. */
static void test_error_after_groups(void **state)
{
  TestFile *fixture = *state;
  test_file_write(fixture, "ambassador_id,count\na1,1\na1,4\nb2,\"2\n");
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, &spec);
  assert_group(stream, "a1", "1+4");
  g_autoptr(GError) error = NULL;
  assert_null(score_stream_peek(stream, &error));
  assert_non_null(error);
}

/* More groups than the queue holds, read partly, then dropped. */
static void test_stop_early(void **state)
{
  TestFile *fixture = *state;
  GString *text = g_string_new("ambassador_id,count\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf(text, "a%05u,%u\na%05u,x\n", i, i, i);
  test_file_write(fixture, text->str);
  g_string_free(text, TRUE);
  for (guint taken = 0; taken < 3000; taken += 1500) {
    g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, &spec);
    for (guint i = 0; i < taken; i++) {
      assert_non_null(score_stream_peek(stream, NULL));
      score_stream_advance(stream);
    }
  }
  g_autoptr(ScoreStream) all = score_stream_open(fixture->path, &spec);
  guint groups = 0;
  ScoreStreamGroup *group = NULL;
  while ((group = score_stream_peek(all, NULL)) != NULL) {
    g_autofree char *expected = g_strdup_printf("%u+x", groups);
    assert_string_equal(((GString *)group->data)->str, expected);
    score_stream_advance(all);
    groups++;
  }
  assert_int_equal(groups, 5000);
}

/* Groups of many rows, more than the queue holds: all come, in order,
 * whole. */
static void test_large_groups(void **state)
{
  TestFile *fixture = *state;
  GString *text = g_string_new("ambassador_id,count\n");
  for (guint i = 0; i < 40; i++)
    for (guint row = 0; row < 1000; row++)
      g_string_append_printf(text, "a%02u,%u\n", i, row % 10);
  test_file_write(fixture, text->str);
  g_string_free(text, TRUE);
  g_autoptr(GString) counts = g_string_new(NULL);
  for (guint row = 0; row < 1000; row++)
    g_string_append_printf(counts, "%s%u", row > 0 ? "+" : "", row % 10);
  g_autoptr(ScoreStream) stream = score_stream_open(fixture->path, &spec);
  for (guint i = 0; i < 40; i++) {
    g_autofree char *key = g_strdup_printf("a%02u", i);
    assert_group(stream, key, counts->str);
  }
  assert_end(stream);
}

#define RUN_TEST(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
      RUN_TEST(test_groups_in_order), RUN_TEST(test_row_error_in_group),
      RUN_TEST(test_bad_files),       RUN_TEST(test_error_after_groups),
      RUN_TEST(test_stop_early),      RUN_TEST(test_large_groups),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
