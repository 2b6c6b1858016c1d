/* Tests of score/facts.c: the measured value of every factor for a month
 * (window and "up to the month's end"), acceptance of invitations by URL
 * and by name, messages sent by the member, and the month's activity. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "score/facts.h"
#include "test_support.h"

#include <math.h>

static ScoreMonth month_of(const char *text)
{
  ScoreMonth month = 0;
  assert_true(score_month_parse(text, &month, NULL));
  return month;
}

static void connection_add(ScoreLinkedin *data, const char *date, const char *first,
                           const char *last, const char *url, const char *company,
                           const char *position, const char *count)
{
  ScoreConnectionText text = {date, first, last, url, company, position, count};
  assert_true(score_linkedin_add_connection(data, &text, NULL));
}

static void invitation_add(ScoreLinkedin *data, const char *date, const char *direction,
                           const char *to, const char *url, const char *count)
{
  ScoreInvitationText text = {date, direction, "Anna Berg", to, url, count};
  assert_true(score_linkedin_add_invitation(data, &text, NULL));
}

static void message_add(ScoreLinkedin *data, const char *date, const char *from, const char *draft,
                        const char *count)
{
  ScoreMessageText text = {date, from, draft, count};
  assert_true(score_linkedin_add_message(data, &text, NULL));
}

static void dated_add(ScoreLinkedin *data, ScoreDatedKind kind, const char *date, const char *count)
{
  assert_true(score_linkedin_add_dated(data, kind, date, count, NULL));
}

/* window(2025-06) with 90 days is 2025-04-02 to 2025-06-30. */
static void connections_fill(ScoreLinkedin *data)
{
  connection_add(data, "2024-12-01", "Eva", "Klein", "https://www.linkedin.com/in/eva-klein",
                 "Klein KG", "Sales Director", "1");
  connection_add(data, "2025-04-02", "Jonas", "Roth", "", "Roth Bau", "Landschaftsarchitekt", "2");
  connection_add(data, "2025-05-15", "Zoë", "Hartmann", "http://linkedin.com/in/zoe-hartmann/",
                 "ARCHITEKTURBÜRO Weiß", "Directory Manager", "1");
  connection_add(data, "2025-06-20", "", "", "", "", "", "1"); /* a hidden profile */
  connection_add(data, "2025-06-30", "Max", "Co", "https://linkedin.com/in/max-co", "X", "Co-Owner",
                 "1");
  connection_add(data, "2025-07-01", "Late", "One", "", "", "CEO", "1");
}

static void invitations_fill(ScoreLinkedin *data)
{
  /* Accepted by URL, written differently. */
  invitation_add(data, "2025-05-01", "OUTGOING", "Zoë Hartmann",
                 "https://www.linkedin.com/in/Zoe-Hartmann", "1");
  /* The connection has no URL: accepted by name. */
  invitation_add(data, "2025-05-02", "OUTGOING", "Jonas Roth",
                 "https://www.linkedin.com/in/jonas-roth", "1");
  /* The invitation has no URL: accepted by name, whatever the date. */
  invitation_add(data, "2025-06-03", "OUTGOING", "eva klein", "", "1");
  /* Both have URLs and they differ: the name does not count. */
  invitation_add(data, "2025-06-04", "OUTGOING", "Max Co", "https://www.linkedin.com/in/other",
                 "1");
  invitation_add(data, "2025-06-05", "OUTGOING", "Nobody Here", "", "4");
  invitation_add(data, "2025-06-06", "INCOMING", "Anna Berg", "", "1");
  invitation_add(data, "2025-03-01", "OUTGOING", "Eva Klein", "", "1");
}

static ScoreLinkedin *linkedin_make(void)
{
  ScoreLinkedin *data = score_linkedin_new();
  ScoreProfileText profile = {"2025-07-31", "Anna-Lena", "Berg", "1", "0", "1",
                              "1",          "1",         "5",    "0", "0"};
  assert_true(score_linkedin_set_profile(data, &profile, NULL));
  connections_fill(data);
  invitations_fill(data);
  message_add(data, "2025-06-10", " ANNA BERG ", "no", "1");    /* the roster name */
  message_add(data, "2025-06-11", "Anna-Lena Berg", "no", "2"); /* the profile's name */
  message_add(data, "2025-06-12", "Jonas Roth", "no", "1");
  message_add(data, "2025-06-13", "Anna Berg", "yes", "5");
  message_add(data, "2025-03-01", "Anna Berg", "no", "1");
  dated_add(data, SCORE_DATED_SHARES, "2025-04-01", "1");
  dated_add(data, SCORE_DATED_SHARES, "2025-04-02", "2");
  dated_add(data, SCORE_DATED_SHARES, "2025-06-30", "1");
  dated_add(data, SCORE_DATED_SHARES, "2025-07-01", "1");
  dated_add(data, SCORE_DATED_COMMENTS, "2025-06-15", "30");
  dated_add(data, SCORE_DATED_REACTIONS, "2025-05-20", "60");
  assert_true(score_linkedin_add_endorsement(data, "2025-01-01", "ACCEPTED", "4", NULL));
  assert_true(score_linkedin_add_endorsement(data, "2025-06-01", "PENDING", "3", NULL));
  assert_true(score_linkedin_add_endorsement(data, "2025-07-01", "ACCEPTED", "5", NULL));
  return data;
}

typedef struct {
  ScoreLinkedin *data;
  ScoreSeniority *seniority;
} Fixture;

static int fixture_setup(void **state)
{
  Fixture *fixture = g_new0(Fixture, 1);
  g_autoptr(PipelineConfig) config = config_new_default();
  fixture->data = linkedin_make();
  fixture->seniority =
      score_seniority_new((const char *const *)config->model.seniority_terms, NULL);
  *state = fixture;
  return 0;
}

static int fixture_teardown(void **state)
{
  Fixture *fixture = *state;
  score_linkedin_free(fixture->data);
  score_seniority_free(fixture->seniority);
  g_free(fixture);
  return 0;
}

static ScoreFacts *facts_make(const Fixture *fixture, const char *keywords, const char *roster_name)
{
  g_autoptr(ScoreAudience) audience = score_audience_new(keywords);
  ScoreFactsRules rules = {
      .seniority = fixture->seniority, .audience = audience, .roster_name = roster_name};
  return score_facts_build(fixture->data, &rules);
}

static ScoreDay day_of(const char *text)
{
  ScoreDay day = SCORE_DAY_NONE;
  assert_true(score_day_parse(text, &day, NULL));
  return day;
}

static void test_measures_of_a_month(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(ScoreFacts) facts = facts_make(fixture, "Architekt;Planer", "Anna Berg");
  double x[FACTOR_COUNT];
  score_facts_measure(facts, month_of("2025-06"), 90, x);
  test_assert_near(x[FACTOR_PROFILE], 5.0 / 8.0, 1e-9);
  test_assert_near(x[FACTOR_PUBLISHING], 3, 1e-9);     /* 04-02 and 06-30, not 04-01 or 07-01 */
  test_assert_near(x[FACTOR_ENDORSEMENTS], 4, 1e-9);   /* ACCEPTED up to 06-30, any age */
  test_assert_near(x[FACTOR_NETWORK_GROWTH], 5, 1e-9); /* Jonas twice, Zoë, the hidden one, Max */
  test_assert_near(x[FACTOR_TARGET_AUDIENCE], 3,
                   1e-9); /* Jonas twice by position, Zoë by company */
  test_assert_near(x[FACTOR_COMMENTS], 30, 1e-9);
  test_assert_near(x[FACTOR_REACTIONS], 60, 1e-9);
  test_assert_near(x[FACTOR_MESSAGES], 3, 1e-9);         /* roster name once, profile name twice */
  test_assert_near(x[FACTOR_ACCEPTANCE], 3.0 / 8, 1e-9); /* Zoë, Jonas, Eva of 1+1+1+1+4 sent */
  test_assert_near(x[FACTOR_SENIOR_NETWORK], 2, 1e-9);   /* Eva's "Director", Max's "Owner" */
  test_assert_near(x[FACTOR_NETWORK_SIZE], 6, 1e-9);
}

/* The window follows window_days; "up to the month's end" does not. */
static void test_shorter_window(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(ScoreFacts) facts = facts_make(fixture, "Architekt;Planer", "Anna Berg");
  double x[FACTOR_COUNT];
  score_facts_measure(facts, month_of("2025-06"), 30, x); /* 06-01 to 06-30 */
  test_assert_near(x[FACTOR_PUBLISHING], 1, 1e-9);
  test_assert_near(x[FACTOR_NETWORK_GROWTH], 2, 1e-9);
  test_assert_near(x[FACTOR_TARGET_AUDIENCE], 0, 1e-9);
  test_assert_near(x[FACTOR_REACTIONS], 0, 1e-9);
  test_assert_near(x[FACTOR_ACCEPTANCE], 1.0 / 6, 1e-9); /* Eva of 1+1+4 */
  test_assert_near(x[FACTOR_NETWORK_SIZE], 6, 1e-9);
  test_assert_near(x[FACTOR_ENDORSEMENTS], 4, 1e-9);
}

static void test_no_invitation_sent(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(ScoreFacts) facts = facts_make(fixture, "Architekt", "Anna Berg");
  double x[FACTOR_COUNT];
  score_facts_measure(facts, month_of("2025-02"), 90, x); /* 2024-12-01 to 2025-02-28 */
  test_assert_near(x[FACTOR_ACCEPTANCE], 0, 1e-9);
  test_assert_near(x[FACTOR_NETWORK_GROWTH], 1, 1e-9);
  test_assert_near(x[FACTOR_TARGET_AUDIENCE], 0, 1e-9);
  test_assert_near(x[FACTOR_SENIOR_NETWORK], 1, 1e-9);
  test_assert_near(x[FACTOR_PUBLISHING], 0, 1e-9);
}

/* The rules that depend on the membership. */
static void test_membership_rules(void **state)
{
  Fixture *fixture = *state;
  /* No keyword: every new connection is in the audience. */
  g_autoptr(ScoreFacts) everyone = facts_make(fixture, "", "Anna B.");
  double x[FACTOR_COUNT];
  score_facts_measure(everyone, month_of("2025-06"), 90, x);
  test_assert_near(x[FACTOR_TARGET_AUDIENCE], 5, 1e-9);
  /* Another roster name: only the profile's name sends. */
  test_assert_near(x[FACTOR_MESSAGES], 2, 1e-9);
  g_autoptr(ScoreFacts) other = facts_make(fixture, "energie", "Anna Berg");
  score_facts_measure(other, month_of("2025-06"), 90, x);
  test_assert_near(x[FACTOR_TARGET_AUDIENCE], 0, 1e-9);
}

/* Connections dated outside the days asked about are not matched against
 * the audience; everything else is counted as before. */
static void test_target_days(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(ScoreAudience) audience = score_audience_new("Architekt;Planer");
  ScoreFactsRules rules = {fixture->seniority, audience, "Anna Berg", day_of("2025-04-03"),
                           day_of("2025-06-30")};
  g_autoptr(ScoreFacts) facts = score_facts_build(fixture->data, &rules);
  double x[FACTOR_COUNT];
  score_facts_measure(facts, month_of("2025-06"), 90, x);
  test_assert_near(x[FACTOR_TARGET_AUDIENCE], 1, 1e-9); /* Zoë; Jonas's day is before */
  test_assert_near(x[FACTOR_NETWORK_GROWTH], 5, 1e-9);
  test_assert_near(x[FACTOR_SENIOR_NETWORK], 2, 1e-9);
  gint64 may[SCORE_LINKEDIN_ACTIVITIES];
  score_facts_activity(facts, month_of("2025-05"), may);
  assert_int_equal(may[SCORE_SERIES_TARGET_CONNECTIONS], 1);
}

static void test_activity_of_calendar_months(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(ScoreFacts) facts = facts_make(fixture, "Architekt;Planer", "Anna Berg");
  gint64 june[SCORE_LINKEDIN_ACTIVITIES];
  score_facts_activity(facts, month_of("2025-06"), june);
  /* posts, comments, reactions, messages, sent, accepted, new, target */
  const gint64 june_expected[] = {1, 30, 0, 3, 6, 1, 2, 0};
  for (guint i = 0; i < SCORE_LINKEDIN_ACTIVITIES; i++)
    assert_int_equal(june[i], june_expected[i]);
  gint64 may[SCORE_LINKEDIN_ACTIVITIES];
  score_facts_activity(facts, month_of("2025-05"), may);
  const gint64 may_expected[] = {0, 0, 60, 0, 2, 2, 1, 1};
  for (guint i = 0; i < SCORE_LINKEDIN_ACTIVITIES; i++)
    assert_int_equal(may[i], may_expected[i]);
  gint64 april[SCORE_LINKEDIN_ACTIVITIES];
  score_facts_activity(facts, month_of("2025-04"), april);
  const gint64 april_expected[] = {3, 0, 0, 0, 0, 0, 2, 2};
  for (guint i = 0; i < SCORE_LINKEDIN_ACTIVITIES; i++)
    assert_int_equal(april[i], april_expected[i]);
}

#define RUN_TEST(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
      RUN_TEST(test_measures_of_a_month),         RUN_TEST(test_shorter_window),
      RUN_TEST(test_no_invitation_sent),          RUN_TEST(test_membership_rules),
      RUN_TEST(test_activity_of_calendar_months), RUN_TEST(test_target_days),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
