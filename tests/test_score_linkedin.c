/* Tests of score/linkedin.c: which normalized LinkedIn and posts rows are
 * kept, the profile checkpoints, the messages for bad rows and the coverage
 * of a month. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "score/linkedin.h"

static ScoreDay day_of(const char *text)
{
  ScoreDay day = 0;
  assert_true(score_day_parse(text, &day, NULL));
  return day;
}

static ScoreMonth month_of(const char *text)
{
  ScoreMonth month = 0;
  assert_true(score_month_parse(text, &month, NULL));
  return month;
}

static void assert_refused(GError *error, const char *message)
{
  assert_non_null(error);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message, message);
}

static void test_connections_and_invitations(void **state)
{
  (void)state;
  g_autoptr(ScoreLinkedin) data = score_linkedin_new();
  ScoreConnectionText hidden = {"2026-06-07", "", "", "", "", "", "1"};
  ScoreConnectionText anna = {"2026-02-08", "Anna", "Berg", "https://x/in/anna",
                              "Acme",       "CEO",  "2"};
  assert_true(score_linkedin_add_connection(data, &hidden, NULL));
  assert_true(score_linkedin_add_connection(data, &anna, NULL));
  assert_int_equal(data->connections->len, 2);
  const ScoreConnection *c = &g_array_index(data->connections, ScoreConnection, 1);
  assert_int_equal(c->day, day_of("2026-02-08"));
  assert_string_equal(c->position, "CEO");
  assert_int_equal(c->count, 2);

  /* Only invitations sent count for anything. */
  ScoreInvitationText in = {"2026-01-29", "INCOMING", "Ben", "Anna Berg", "", "1"};
  ScoreInvitationText out = {"2026-01-30", "OUTGOING", "Anna Berg", "Ben", "", "3"};
  assert_true(score_linkedin_add_invitation(data, &in, NULL));
  assert_true(score_linkedin_add_invitation(data, &out, NULL));
  assert_int_equal(data->invitations->len, 1);
  assert_int_equal(g_array_index(data->invitations, ScoreInvitation, 0).count, 3);

  g_autoptr(GError) error = NULL;
  ScoreInvitationText odd = {"2026-01-30", "outgoing", "", "Ben", "", "1"};
  assert_false(score_linkedin_add_invitation(data, &odd, &error));
  assert_refused(error, "direction: expected INCOMING or OUTGOING, got \"outgoing\"");
  g_clear_error(&error);
  ScoreConnectionText undated = {"08 Feb 2026", "A", "B", "", "", "", "1"};
  assert_false(score_linkedin_add_connection(data, &undated, &error));
  assert_refused(error, "date: expected a date YYYY-MM-DD, got \"08 Feb 2026\"");
  g_clear_error(&error);
  ScoreConnectionText uncounted = {"2026-02-08", "A", "B", "", "", "", "-1"};
  assert_false(score_linkedin_add_connection(data, &uncounted, &error));
  assert_refused(error, "count: expected a whole number from 0, got \"-1\"");
}

static void test_messages_endorsements_dated(void **state)
{
  (void)state;
  g_autoptr(ScoreLinkedin) data = score_linkedin_new();
  ScoreMessageText sent = {"2025-06-01", "Anna Berg", "no", "1"};
  ScoreMessageText draft = {"2025-06-02", "Anna Berg", "yes", "1"};
  assert_true(score_linkedin_add_message(data, &sent, NULL));
  assert_true(score_linkedin_add_message(data, &draft, NULL));
  assert_int_equal(data->messages->len, 1);
  g_autoptr(GError) error = NULL;
  ScoreMessageText unclear = {"2025-06-02", "Anna Berg", "true", "1"};
  assert_false(score_linkedin_add_message(data, &unclear, &error));
  assert_refused(error, "draft: expected yes or no, got \"true\"");

  assert_true(score_linkedin_add_endorsement(data, "2024-02-01", "ACCEPTED", "2", NULL));
  assert_true(score_linkedin_add_endorsement(data, "2024-02-02", "PENDING", "1", NULL));
  assert_true(score_linkedin_add_endorsement(data, "2024-02-03", "HIDDEN", "1", NULL));
  assert_int_equal(data->endorsements->len, 1);
  assert_int_equal(g_array_index(data->endorsements, ScoreDatedCount, 0).count, 2);

  assert_true(score_linkedin_add_dated(data, SCORE_DATED_SHARES, "2026-02-09", "1", NULL));
  assert_true(score_linkedin_add_dated(data, SCORE_DATED_COMMENTS, "2026-02-09", "2", NULL));
  assert_true(score_linkedin_add_dated(data, SCORE_DATED_COMMENTS, "2026-02-10", "1", NULL));
  assert_true(score_linkedin_add_dated(data, SCORE_DATED_REACTIONS, "2026-02-09", "4", NULL));
  assert_int_equal(data->shares->len, 1);
  assert_int_equal(data->comments->len, 2);
  assert_int_equal(data->reactions->len, 1);
}

static ScoreProfileText profile_text(void)
{
  /* covered_until, names, headline, summary, industry, geo, position,
   * skills, recommendations, websites */
  return (ScoreProfileText){"2025-04-24", "Anna", "Berg", "1", "0", "1", "1", "1", "5", "0", "0"};
}

static void test_profile_checkpoints(void **state)
{
  (void)state;
  g_autoptr(ScoreLinkedin) data = score_linkedin_new();
  assert_false(data->has_export);
  ScoreProfileText text = profile_text();
  assert_true(score_linkedin_set_profile(data, &text, NULL));
  assert_true(data->has_export);
  assert_int_equal(data->checkpoints_met, 5);
  assert_string_equal(data->first_name, "Anna");
  /* Four skills are not enough; one visible recommendation is. */
  text.skills = "4";
  text.visible_recommendations = "1";
  assert_true(score_linkedin_set_profile(data, &text, NULL));
  assert_int_equal(data->checkpoints_met, 5);
  text.summary_set = text.websites_or_twitter_set = "1";
  text.skills = "12";
  assert_true(score_linkedin_set_profile(data, &text, NULL));
  assert_int_equal(data->checkpoints_met, SCORE_PROFILE_CHECKPOINTS);

  g_autoptr(GError) error = NULL;
  text.headline_set = "yes";
  assert_false(score_linkedin_set_profile(data, &text, &error));
  assert_refused(error, "headline_set: expected 1 or 0, got \"yes\"");
  g_clear_error(&error);
  text = profile_text();
  text.covered_until = "2025-04-3O";
  assert_false(score_linkedin_set_profile(data, &text, &error));
  assert_refused(error, "covered_until: expected a date YYYY-MM-DD, got \"2025-04-3O\"");
}

/* An export without a date in its name or in its rows is an export that
 * covers no month: its ambassador is "not covered", not an error. */
static void test_undated_export_covers_nothing(void **state)
{
  (void)state;
  g_autoptr(ScoreLinkedin) data = score_linkedin_new();
  ScoreProfileText text = profile_text();
  text.covered_until = "";
  assert_true(score_linkedin_set_profile(data, &text, NULL));
  assert_true(data->has_export);
  assert_false(score_linkedin_covers(data, month_of("2003-01")));
  assert_false(score_linkedin_covers(data, month_of("2025-04")));
}

/* Covered when the exports reach the month's last seven days. */
static void test_coverage(void **state)
{
  (void)state;
  g_autoptr(ScoreLinkedin) data = score_linkedin_new();
  assert_false(score_linkedin_covers(data, month_of("2025-03")));
  ScoreProfileText text = profile_text(); /* 2025-04-24 = 2025-04-30 - 6 */
  assert_true(score_linkedin_set_profile(data, &text, NULL));
  assert_true(score_linkedin_covers(data, month_of("2025-03")));
  assert_true(score_linkedin_covers(data, month_of("2025-04")));
  assert_false(score_linkedin_covers(data, month_of("2025-05")));
  text.covered_until = "2025-04-23"; /* 2025-04-30 - 7 */
  assert_true(score_linkedin_set_profile(data, &text, NULL));
  assert_false(score_linkedin_covers(data, month_of("2025-04")));
  assert_true(score_linkedin_covers(data, month_of("2025-03")));
  /* February has 28 days in 2025: its last seven start on the 22nd. */
  text.covered_until = "2025-02-22";
  assert_true(score_linkedin_set_profile(data, &text, NULL));
  assert_true(score_linkedin_covers(data, month_of("2025-02")));
}

static void test_posts(void **state)
{
  (void)state;
  g_autoptr(ScoreLinkedin) data = score_linkedin_new();
  ScorePostText text = {"2025-07-03", "", "18", "3", "0", "4"};
  assert_true(score_linkedin_add_post(data, &text, NULL));
  const ScorePost *post = &g_array_index(data->posts, ScorePost, 0);
  assert_int_equal(post->day, day_of("2025-07-03"));
  assert_int_equal(post->metric[SCORE_POST_IMPRESSIONS], -1);
  assert_int_equal(post->metric[SCORE_POST_REACTIONS], 18);
  assert_int_equal(post->metric[SCORE_POST_CLICKS], 4);
  g_autoptr(GError) error = NULL;
  text.reposts = "1.5";
  assert_false(score_linkedin_add_post(data, &text, &error));
  assert_refused(error, "reposts: expected a whole number from 0, got \"1.5\"");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_connections_and_invitations),
      cmocka_unit_test(test_messages_endorsements_dated),
      cmocka_unit_test(test_profile_checkpoints),
      cmocka_unit_test(test_undated_export_covers_nothing),
      cmocka_unit_test(test_coverage),
      cmocka_unit_test(test_posts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
