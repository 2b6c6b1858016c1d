/* Tests of score/normalized.c's reading of the LinkedIn and posts files:
 * one ambassador's rows from every file, others skipped, absent files as no
 * data, and the messages for rows out of order or bad. (The other files are
 * read in test_score_run.c.) */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "score/normalized.h"
#include "test_support.h"

#include <glib/gstdio.h>

typedef struct {
  char *work_dir;
} Fixture;

static int fixture_setup(void **state)
{
  Fixture *fixture = g_new0(Fixture, 1);
  fixture->work_dir = test_tree_new("score-normalized");
  *state = fixture;
  return 0;
}

static int fixture_teardown(void **state)
{
  Fixture *fixture = *state;
  test_tree_remove(fixture->work_dir);
  g_free(fixture->work_dir);
  g_free(fixture);
  return 0;
}

static const char profiles_csv[] =
    "ambassador_id,newest_export,covered_until,first_name,last_name,headline_set,summary_set,"
    "industry_set,geo_location_set,current_position,skills,visible_recommendations,"
    "websites_or_twitter_set\n"
    "a1,linkedin/a1/x.zip,2025-05-10,Anna,Berg,1,1,1,1,1,5,1,1\n"
    "b2,linkedin/b2/x.zip,2025-04-30,Ben,Ott,0,0,0,0,0,0,0,0\n"
    "c3,linkedin/c3/x.zip,2025-03-31,Cem,Kaya,1,0,0,0,0,0,0,0\n";

/* Every file, with a1 and c3 around b2. */
static void files_write(const Fixture *fixture)
{
  test_tree_write(fixture->work_dir, "normalized/li_profiles.csv", profiles_csv);
  test_tree_write(fixture->work_dir, "normalized/li_connections.csv",
                  "ambassador_id,date,first_name,last_name,url,company,position,count\n"
                  "a1,2025-01-15,Ina,Alt,,Alt AG,CEO,1\n"
                  "b2,2025-01-16,Ole,Neu,,,,2\n"
                  "c3,2025-01-17,Eva,Ost,,,,3\n");
  test_tree_write(fixture->work_dir, "normalized/li_invitations.csv",
                  "ambassador_id,date,direction,from,to,invitee_url,count\n"
                  "a1,2025-04-02,OUTGOING,Anna Berg,Ina Alt,,1\n"
                  "a1,2025-04-03,INCOMING,Ole Neu,Anna Berg,,1\n"
                  "c3,2025-04-04,OUTGOING,Cem Kaya,Eva Ost,,1\n");
  test_tree_write(fixture->work_dir, "normalized/li_shares.csv",
                  "ambassador_id,date,count\na1,2025-03-20,1\n");
  test_tree_write(fixture->work_dir, "normalized/li_comments.csv",
                  "ambassador_id,date,count\nb2,2025-03-20,1\n");
  test_tree_write(fixture->work_dir, "normalized/li_reactions.csv", "ambassador_id,date,count\n");
  test_tree_write(fixture->work_dir, "normalized/li_messages.csv",
                  "ambassador_id,date,from,draft,count\nc3,2025-04-01,Cem Kaya,no,2\n");
  test_tree_write(fixture->work_dir, "normalized/li_endorsements.csv",
                  "ambassador_id,date,status,count\na1,2025-02-01,ACCEPTED,1\n");
  test_tree_write(
      fixture->work_dir, "normalized/posts.csv",
      "ambassador_id,date,post_url,impressions,reactions,comments,reposts,clicks,source,"
      "file,line\n"
      "a1,2025-04-20,https://x/1,1000,20,4,,7,generic,posts/a.csv,2\n"
      "c3,2025-04-21,https://x/2,,1,,,,generic,posts/a.csv,3\n");
}

static void test_one_ambassador_at_a_time(void **state)
{
  Fixture *fixture = *state;
  files_write(fixture);
  g_autoptr(ScoreExports) exports = score_exports_open(fixture->work_dir);
  assert_true(score_exports_has_posts(exports));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScoreLinkedin) a1 = score_exports_read(exports, "a1", &error);
  assert_non_null(a1);
  assert_true(a1->has_export);
  assert_string_equal(a1->first_name, "Anna");
  assert_int_equal(a1->checkpoints_met, 8);
  assert_int_equal(a1->connections->len, 1);
  assert_int_equal(a1->invitations->len, 1); /* the OUTGOING one */
  assert_int_equal(a1->shares->len, 1);
  assert_int_equal(a1->comments->len, 0);
  assert_int_equal(a1->endorsements->len, 1);
  assert_int_equal(a1->posts->len, 1);
  /* b2 is never asked for: its rows are skipped. */
  g_autoptr(ScoreLinkedin) c3 = score_exports_read(exports, "c3", &error);
  assert_non_null(c3);
  assert_string_equal(c3->last_name, "Kaya");
  assert_int_equal(c3->connections->len, 1);
  assert_int_equal(g_array_index(c3->connections, ScoreConnection, 0).count, 3);
  assert_int_equal(c3->messages->len, 1);
  assert_int_equal(c3->comments->len, 0);
  assert_int_equal(c3->posts->len, 1);
  assert_int_equal(g_array_index(c3->posts, ScorePost, 0).metric[SCORE_POST_IMPRESSIONS], -1);
  /* An ambassador in no file: no export, no rows. */
  g_autoptr(ScoreLinkedin) d4 = score_exports_read(exports, "d4", &error);
  assert_non_null(d4);
  assert_false(d4->has_export);
  assert_int_equal(d4->connections->len + d4->posts->len, 0);
}

/* A tree without LinkedIn exports or posts. */
static void test_absent_files(void **state)
{
  Fixture *fixture = *state;
  test_tree_write(fixture->work_dir, "normalized/li_profiles.csv", profiles_csv);
  g_autoptr(ScoreExports) exports = score_exports_open(fixture->work_dir);
  assert_false(score_exports_has_posts(exports));
  g_autoptr(ScoreLinkedin) b2 = score_exports_read(exports, "b2", NULL);
  assert_non_null(b2);
  assert_true(b2->has_export);
  assert_int_equal(b2->connections->len, 0);
}

static void assert_read_fails(const Fixture *fixture, const char *ambassador_id, const char *file,
                              const char *message)
{
  g_autoptr(ScoreExports) exports = score_exports_open(fixture->work_dir);
  g_autoptr(GError) error = NULL;
  assert_null(score_exports_read(exports, ambassador_id, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  g_autofree char *path = g_build_filename(fixture->work_dir, "normalized", file, NULL);
  g_autofree char *expected = g_strdup_printf("%s %s", path, message);
  assert_string_equal(error->message, expected);
}

static void test_out_of_order(void **state)
{
  Fixture *fixture = *state;
  test_tree_write(fixture->work_dir, "normalized/li_shares.csv",
                  "ambassador_id,date,count\nb2,2025-03-20,1\na1,2025-03-21,1\n");
  assert_read_fails(fixture, "c3", "li_shares.csv",
                    "line 3: ambassador_id: expected rows sorted by ambassador_id, got \"a1\" "
                    "after \"b2\"");
  test_tree_write(fixture->work_dir, "normalized/li_shares.csv",
                  "ambassador_id,date,count\n,2025-03-20,1\n");
  assert_read_fails(fixture, "a1", "li_shares.csv",
                    "line 2: ambassador_id: expected a value, got an empty field");
}

static void test_bad_rows(void **state)
{
  Fixture *fixture = *state;
  test_tree_write(fixture->work_dir, "normalized/li_reactions.csv",
                  "ambassador_id,date,count\na1,2025-03-20,1\na1,2025-03-21,x\n");
  assert_read_fails(fixture, "a1", "li_reactions.csv",
                    "line 3: count: expected a whole number from 0, got \"x\"");
  g_autofree char *path =
      g_build_filename(fixture->work_dir, "normalized", "li_reactions.csv", NULL);
  g_remove(path);
  test_tree_write(fixture->work_dir, "normalized/li_messages.csv",
                  "ambassador_id,date,draft,count\n");
  g_autoptr(ScoreExports) exports = score_exports_open(fixture->work_dir);
  g_autoptr(GError) error = NULL;
  assert_null(score_exports_read(exports, "a1", &error));
  g_autofree char *messages =
      g_build_filename(fixture->work_dir, "normalized", "li_messages.csv", NULL);
  g_autofree char *prefix = g_strdup_printf("%s line 1: missing column(s) \"from\"", messages);
  assert_true(g_str_has_prefix(error->message, prefix));
}

#define RUN_TEST(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
      RUN_TEST(test_one_ambassador_at_a_time),
      RUN_TEST(test_absent_files),
      RUN_TEST(test_out_of_order),
      RUN_TEST(test_bad_rows),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
