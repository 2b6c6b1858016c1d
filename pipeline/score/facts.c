/* Turns one ambassador's LinkedIn rows into counts by day under the rules of
 * one membership, then reads a month's factors and activity off them. Every
 * event counts `count` times (the multiplicity ingest found). */
#include "score/facts.h"

#include <string.h>

static void dated_add(ScoreSeries *series, const GArray *list)
{
  for (guint i = 0; i < list->len; i++) {
    const ScoreDatedCount *event = &g_array_index(list, ScoreDatedCount, i);
    score_series_add(series, event->day, event->count);
  }
}

static void connections_add(ScoreFacts *facts, const GArray *connections,
                            const ScoreFactsRules *rules)
{
  for (guint i = 0; i < connections->len; i++) {
    const ScoreConnection *c = &g_array_index(connections, ScoreConnection, i);
    score_series_add(facts->series[SCORE_SERIES_CONNECTIONS], c->day, c->count);
    if (score_audience_matches(rules->audience, c->position, c->company))
      score_series_add(facts->series[SCORE_SERIES_TARGET_CONNECTIONS], c->day, c->count);
    if (score_seniority_matches(rules->seniority, c->position))
      score_series_add(facts->series[SCORE_SERIES_SENIOR_CONNECTIONS], c->day, c->count);
  }
}

/* Who the ambassador is connected with, whatever the date: by URL, by the
 * name of every connection, and by the name of connections without URL. */
typedef struct {
  GHashTable *urls;
  GHashTable *names;
  GHashTable *names_without_url;
} Connected;

static void connected_init(Connected *connected, const GArray *connections)
{
  connected->urls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  connected->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  connected->names_without_url = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < connections->len; i++) {
    const ScoreConnection *c = &g_array_index(connections, ScoreConnection, i);
    char *url = score_url_key(c->url);
    char *name = score_name_key(c->first_name, c->last_name);
    if (name[0] != '\0' && url[0] == '\0')
      g_hash_table_add(connected->names_without_url, g_strdup(name));
    if (name[0] != '\0')
      g_hash_table_add(connected->names, name);
    else
      g_free(name);
    if (url[0] != '\0')
      g_hash_table_add(connected->urls, url);
    else
      g_free(url);
  }
}

static void connected_clear(Connected *connected)
{
  g_hash_table_unref(connected->urls);
  g_hash_table_unref(connected->names);
  g_hash_table_unref(connected->names_without_url);
}

/* By URL where both sides have one; by name where either side has none. */
static gboolean invitation_accepted(const Connected *connected, const ScoreInvitation *invitation)
{
  g_autofree char *url = score_url_key(invitation->invitee_url);
  g_autofree char *name = score_name_key(invitation->to, NULL);
  if (url[0] != '\0' && g_hash_table_contains(connected->urls, url))
    return TRUE;
  if (name[0] == '\0')
    return FALSE;
  return g_hash_table_contains(url[0] == '\0' ? connected->names : connected->names_without_url,
                               name);
}

static void invitations_add(ScoreFacts *facts, const ScoreLinkedin *data)
{
  Connected connected;
  connected_init(&connected, data->connections);
  for (guint i = 0; i < data->invitations->len; i++) {
    const ScoreInvitation *invitation = &g_array_index(data->invitations, ScoreInvitation, i);
    score_series_add(facts->series[SCORE_SERIES_INVITATIONS_SENT], invitation->day,
                     invitation->count);
    if (invitation_accepted(&connected, invitation))
      score_series_add(facts->series[SCORE_SERIES_INVITATIONS_ACCEPTED], invitation->day,
                       invitation->count);
  }
  connected_clear(&connected);
}

/* Sent by the member: FROM is the roster name or the profile's name. */
static void messages_add(ScoreFacts *facts, const ScoreLinkedin *data, const ScoreFactsRules *rules)
{
  g_autofree char *roster_name = score_name_key(rules->roster_name, NULL);
  g_autofree char *profile_name = score_name_key(data->first_name, data->last_name);
  for (guint i = 0; i < data->messages->len; i++) {
    const ScoreMessage *message = &g_array_index(data->messages, ScoreMessage, i);
    g_autofree char *from = score_name_key(message->from, NULL);
    if (from[0] != '\0' && (strcmp(from, roster_name) == 0 || strcmp(from, profile_name) == 0))
      score_series_add(facts->series[SCORE_SERIES_MESSAGES], message->day, message->count);
  }
}

ScoreFacts *score_facts_build(const ScoreLinkedin *data, const ScoreFactsRules *rules)
{
  ScoreFacts *facts = g_new0(ScoreFacts, 1);
  for (guint k = 0; k < SCORE_SERIES_KINDS; k++)
    facts->series[k] = score_series_new();
  facts->profile_share = (double)data->checkpoints_met / SCORE_PROFILE_CHECKPOINTS;
  dated_add(facts->series[SCORE_SERIES_SHARES], data->shares);
  dated_add(facts->series[SCORE_SERIES_COMMENTS], data->comments);
  dated_add(facts->series[SCORE_SERIES_REACTIONS], data->reactions);
  dated_add(facts->series[SCORE_SERIES_ENDORSEMENTS], data->endorsements);
  connections_add(facts, data->connections, rules);
  invitations_add(facts, data);
  messages_add(facts, data, rules);
  return facts;
}

void score_facts_free(ScoreFacts *facts)
{
  if (facts == NULL)
    return;
  for (guint k = 0; k < SCORE_SERIES_KINDS; k++)
    score_series_free(facts->series[k]);
  g_free(facts);
}

void score_facts_measure(const ScoreFacts *facts, ScoreMonth month, int window_days,
                         double x[FACTOR_COUNT])
{
  ScoreDay first = 0;
  ScoreDay last = 0;
  score_month_window(month, window_days, &first, &last);
  ScoreSeries *const *s = facts->series;
  gint64 sent = score_series_sum(s[SCORE_SERIES_INVITATIONS_SENT], first, last);
  gint64 accepted = score_series_sum(s[SCORE_SERIES_INVITATIONS_ACCEPTED], first, last);
  x[FACTOR_PROFILE] = facts->profile_share;
  x[FACTOR_PUBLISHING] = (double)score_series_sum(s[SCORE_SERIES_SHARES], first, last);
  x[FACTOR_ENDORSEMENTS] = (double)score_series_sum_upto(s[SCORE_SERIES_ENDORSEMENTS], last);
  x[FACTOR_NETWORK_GROWTH] = (double)score_series_sum(s[SCORE_SERIES_CONNECTIONS], first, last);
  x[FACTOR_TARGET_AUDIENCE] =
      (double)score_series_sum(s[SCORE_SERIES_TARGET_CONNECTIONS], first, last);
  x[FACTOR_COMMENTS] = (double)score_series_sum(s[SCORE_SERIES_COMMENTS], first, last);
  x[FACTOR_REACTIONS] = (double)score_series_sum(s[SCORE_SERIES_REACTIONS], first, last);
  x[FACTOR_MESSAGES] = (double)score_series_sum(s[SCORE_SERIES_MESSAGES], first, last);
  x[FACTOR_ACCEPTANCE] = sent > 0 ? (double)accepted / (double)sent : 0.0;
  x[FACTOR_SENIOR_NETWORK] =
      (double)score_series_sum_upto(s[SCORE_SERIES_SENIOR_CONNECTIONS], last);
  x[FACTOR_NETWORK_SIZE] = (double)score_series_sum_upto(s[SCORE_SERIES_CONNECTIONS], last);
}

void score_facts_activity(const ScoreFacts *facts, ScoreMonth month,
                          gint64 counts[SCORE_LINKEDIN_ACTIVITIES])
{
  ScoreDay first = score_month_first_day(month);
  ScoreDay last = score_month_as_of(month);
  for (guint k = 0; k < SCORE_LINKEDIN_ACTIVITIES; k++)
    counts[k] = score_series_sum(facts->series[k], first, last);
}
