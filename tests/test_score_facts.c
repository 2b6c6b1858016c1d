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
#include <string.h>

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

/* score_facts_month against sums over the series taken one by one, for
 * months before, within and after the events, and several windows. */
static void test_month_as_separate_sums(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(ScoreFacts) facts = facts_make(fixture, "architekt", "Anna Berg");
  ScoreSeries *const *s = facts->series;
  const int windows[] = {1, 30, 90, 400};
  for (ScoreMonth month = month_of("2024-10"); month <= month_of("2025-09"); month++)
    for (guint w = 0; w < G_N_ELEMENTS(windows); w++) {
      double x[FACTOR_COUNT];
      gint64 counts[SCORE_LINKEDIN_ACTIVITIES];
      score_facts_month(facts, month, windows[w], x, counts);
      ScoreDay first = 0;
      ScoreDay last = 0;
      score_month_window(month, windows[w], &first, &last);
      for (guint k = 0; k < SCORE_LINKEDIN_ACTIVITIES; k++)
        assert_int_equal(counts[k], score_series_sum(s[k], score_month_first_day(month), last));
      gint64 sent = score_series_sum(s[SCORE_SERIES_INVITATIONS_SENT], first, last);
      gint64 accepted = score_series_sum(s[SCORE_SERIES_INVITATIONS_ACCEPTED], first, last);
      double expected[FACTOR_COUNT] = {
          [FACTOR_PROFILE] = facts->profile_share,
          [FACTOR_PUBLISHING] = (double)score_series_sum(s[SCORE_SERIES_SHARES], first, last),
          [FACTOR_ENDORSEMENTS] = (double)score_series_sum_upto(s[SCORE_SERIES_ENDORSEMENTS], last),
          [FACTOR_NETWORK_GROWTH] =
              (double)score_series_sum(s[SCORE_SERIES_CONNECTIONS], first, last),
          [FACTOR_TARGET_AUDIENCE] =
              (double)score_series_sum(s[SCORE_SERIES_TARGET_CONNECTIONS], first, last),
          [FACTOR_COMMENTS] = (double)score_series_sum(s[SCORE_SERIES_COMMENTS], first, last),
          [FACTOR_REACTIONS] = (double)score_series_sum(s[SCORE_SERIES_REACTIONS], first, last),
          [FACTOR_MESSAGES] = (double)score_series_sum(s[SCORE_SERIES_MESSAGES], first, last),
          [FACTOR_ACCEPTANCE] = sent > 0 ? (double)accepted / (double)sent : 0.0,
          [FACTOR_SENIOR_NETWORK] =
              (double)score_series_sum_upto(s[SCORE_SERIES_SENIOR_CONNECTIONS], last),
          [FACTOR_NETWORK_SIZE] = (double)score_series_sum_upto(s[SCORE_SERIES_CONNECTIONS], last),
      };
      for (guint f = 0; f < FACTOR_COUNT; f++)
        assert_true(x[f] == expected[f]);
    }
}

/* The rule of model.md, pair by pair: by URL where both have one, by
 * name where either has none. */
static gboolean accepted_naively(const ScoreInvitation *invitation, const GArray *connections)
{
  g_autofree char *url = score_url_key(invitation->invitee_url);
  g_autofree char *name = score_name_key(invitation->to, NULL);
  for (guint i = 0; i < connections->len; i++) {
    const ScoreConnection *c = &g_array_index(connections, ScoreConnection, i);
    g_autofree char *c_url = score_url_key(c->url);
    g_autofree char *c_name = score_name_key(c->first_name, c->last_name);
    gboolean both_urls = url[0] != '\0' && c_url[0] != '\0';
    if (both_urls ? strcmp(url, c_url) == 0 : name[0] != '\0' && strcmp(name, c_name) == 0)
      return TRUE;
  }
  return FALSE;
}

/* Invitations to the connections' URLs and names written in other ways,
 * some beyond Latin-1, accepted as the rule taken pair by pair says. */
static void test_acceptance_as_pair_by_pair(void **state)
{
  (void)state;
  const char *firsts[] = {"Anna", "JÖRG", "Zoë", "Ωmega", "", "Li", "Weiß"};
  const char *lasts[] = {"Berg", "Kühn", "", "Straße", "Ng", "O'Neil"};
  const char *urls[] = {"", "https://www.linkedin.com/in/%s-%s", "HTTP://LinkedIn.com/in/%s-%s/",
                        "linkedin.com/in/%s%s", "https://www.linkedin.com/in/other"};
  g_autoptr(ScoreLinkedin) data = score_linkedin_new();
  guint n = 0;
  for (guint f = 0; f < G_N_ELEMENTS(firsts); f++)
    for (guint l = 0; l < G_N_ELEMENTS(lasts); l++, n++) {
      g_autofree char *url = g_strdup_printf(urls[n % G_N_ELEMENTS(urls)], firsts[f], lasts[l]);
      if (n % 3 != 0)
        connection_add(data, "2025-05-01", firsts[f], lasts[l], url, "", "", "1");
      g_autofree char *to =
          g_strdup_printf(n % 2 ? " %s %s " : "%s %s", lasts[(f + l) % 6], firsts[f]);
      g_autofree char *invitee =
          g_strdup_printf(urls[(n / 2) % G_N_ELEMENTS(urls)], firsts[f], lasts[l]);
      invitation_add(data, "2025-05-02", "OUTGOING", n % 4 ? to : "", invitee, "1");
      g_autofree char *same = g_strdup_printf("%s %s", firsts[f], lasts[l]);
      invitation_add(data, "2025-05-03", "OUTGOING", same, n % 5 ? "" : url, "1");
    }
  gint64 expected = 0;
  for (guint i = 0; i < data->invitations->len; i++)
    expected +=
        accepted_naively(&g_array_index(data->invitations, ScoreInvitation, i), data->connections);
  g_autoptr(ScoreAudience) audience = score_audience_new(NULL);
  g_autoptr(PipelineConfig) config = config_new_default();
  g_autoptr(ScoreSeniority) seniority =
      score_seniority_new((const char *const *)config->model.seniority_terms, NULL);
  ScoreFactsRules rules = {.seniority = seniority, .audience = audience, .roster_name = ""};
  g_autoptr(ScoreFacts) facts = score_facts_build(data, &rules);
  ScoreSeries *accepted = facts->series[SCORE_SERIES_INVITATIONS_ACCEPTED];
  assert_true(expected > 10 && expected < (gint64)data->invitations->len);
  assert_int_equal(score_series_sum_upto(accepted, day_of("2025-12-31")), expected);
}

#define RUN_TEST(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
      RUN_TEST(test_measures_of_a_month),         RUN_TEST(test_shorter_window),
      RUN_TEST(test_no_invitation_sent),          RUN_TEST(test_membership_rules),
      RUN_TEST(test_activity_of_calendar_months), RUN_TEST(test_target_days),
      RUN_TEST(test_month_as_separate_sums),      cmocka_unit_test(test_acceptance_as_pair_by_pair),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
