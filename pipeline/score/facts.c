/* Turns one ambassador's LinkedIn rows into counts by day under the rules of
 * one membership, then reads a month's factors and activity off them. Every
 * event counts `count` times (the multiplicity ingest found). */
#include "score/facts.h"
#include "score/key_table.h"

#include <string.h>

static void dated_add(ScoreSeries *series, const GArray *list)
{
  for (guint i = 0; i < list->len; i++) {
    const ScoreDatedCount *event = &g_array_index(list, ScoreDatedCount, i);
    score_series_add(series, event->day, event->count);
  }
}

/* What the rules say of a position or company text, kept per distinct text
 * of the ambassador's connections: a few titles and employers make up most
 * of them, and matching costs more than finding the text again. */
enum {
  TEXT_SEEN = 1,           /* the rest is known */
  TEXT_SENIOR = 2,         /* a position matching a seniority term */
  TEXT_AUDIENCE_KNOWN = 4, /* TEXT_AUDIENCE is known */
  TEXT_AUDIENCE = 8,       /* contains a target-audience keyword */
};

typedef struct {
  ScoreKeyTable *positions;
  ScoreKeyTable *companies;
  const ScoreFactsRules *rules;
} TextRules;

/* text's flags with `want` known; position TRUE for a position. */
static guint text_rules(TextRules *known, const char *text, gboolean position, guint want)
{
  ScoreKeyTable *table = position ? known->positions : known->companies;
  gsize length = strlen(text);
  guint flags = score_key_table_get(table, text, length);
  if ((flags & want) == want)
    return flags;
  if (!(flags & TEXT_SEEN) && position && score_seniority_matches(known->rules->seniority, text))
    flags |= TEXT_SENIOR;
  flags |= TEXT_SEEN;
  if ((want & TEXT_AUDIENCE_KNOWN) && !(flags & TEXT_AUDIENCE_KNOWN)) {
    /* With no keyword everything matches; else a keyword in either text. */
    gboolean in =
        score_audience_matches(known->rules->audience, position ? text : "", position ? "" : text);
    flags |= TEXT_AUDIENCE_KNOWN | (in ? TEXT_AUDIENCE : 0);
  }
  score_key_table_put(table, text, length, flags);
  return flags;
}

static gboolean in_audience(TextRules *known, const ScoreConnection *c)
{
  const guint want = TEXT_SEEN | TEXT_AUDIENCE_KNOWN;
  return (text_rules(known, c->position, TRUE, want) & TEXT_AUDIENCE) != 0 ||
         (text_rules(known, c->company, FALSE, want) & TEXT_AUDIENCE) != 0;
}

static void connections_add(ScoreFacts *facts, const GArray *connections,
                            const ScoreFactsRules *rules)
{
  /* Distinct texts are far fewer than connections: tables start small. */
  g_autoptr(ScoreKeyTable) positions = score_key_table_new(MIN(connections->len, 64));
  g_autoptr(ScoreKeyTable) companies = score_key_table_new(MIN(connections->len, 64));
  TextRules known = {positions, companies, rules};
  for (guint i = 0; i < connections->len; i++) {
    const ScoreConnection *c = &g_array_index(connections, ScoreConnection, i);
    score_series_add(facts->series[SCORE_SERIES_CONNECTIONS], c->day, c->count);
    gboolean asked =
        c->day >= rules->target_from && (rules->target_until == 0 || c->day <= rules->target_until);
    if (asked && in_audience(&known, c))
      score_series_add(facts->series[SCORE_SERIES_TARGET_CONNECTIONS], c->day, c->count);
    if (text_rules(&known, c->position, TRUE, TEXT_SEEN) & TEXT_SENIOR)
      score_series_add(facts->series[SCORE_SERIES_SENIOR_CONNECTIONS], c->day, c->count);
  }
}

/* Which outgoing invitations were accepted: the invitee is a connection,
 * whatever the date, by URL where both sides have one and by name where
 * either side has none. Invitations are far fewer than connections, so
 * their keys go into small tables that every connection's keys are looked
 * up in; a key found marks its invitations and leaves its table. */
enum { TABLE_URL, TABLE_NAME_NO_URL, TABLE_NAME_WITH_URL, TABLES };

typedef struct {
  ScoreKeyTable *tables[TABLES]; /* key -> first invitation + 1 */
  guint *next;                   /* the next invitation of the same key + 1, per table */
  gboolean *accepted;
  guint n;
  GString *url;
  GString *name;
} Invitees;

/* Chains invitation i onto the key's list in table t. */
static void invitee_add(Invitees *invitees, guint t, const GString *key, guint i)
{
  invitees->next[t * invitees->n + i] =
      score_key_table_put(invitees->tables[t], key->str, key->len, i + 1);
}

static void invitees_init(Invitees *invitees, const GArray *invitations)
{
  invitees->n = invitations->len;
  for (guint t = 0; t < TABLES; t++)
    invitees->tables[t] = score_key_table_new(invitees->n);
  invitees->next = g_new0(guint, TABLES * invitees->n);
  invitees->accepted = g_new0(gboolean, invitees->n);
  invitees->url = g_string_sized_new(128);
  invitees->name = g_string_sized_new(128);
  for (guint i = 0; i < invitations->len; i++) {
    const ScoreInvitation *invitation = &g_array_index(invitations, ScoreInvitation, i);
    score_url_key_into(invitees->url, invitation->invitee_url);
    score_name_key_into(invitees->name, invitation->to, NULL);
    gboolean has_url = invitees->url->len > 0;
    if (has_url)
      invitee_add(invitees, TABLE_URL, invitees->url, i);
    if (invitees->name->len > 0)
      invitee_add(invitees, has_url ? TABLE_NAME_WITH_URL : TABLE_NAME_NO_URL, invitees->name, i);
  }
}

static void invitees_clear(Invitees *invitees)
{
  for (guint t = 0; t < TABLES; t++)
    score_key_table_free(invitees->tables[t]);
  g_free(invitees->next);
  g_free(invitees->accepted);
  g_string_free(invitees->url, TRUE);
  g_string_free(invitees->name, TRUE);
}

/* Marks the invitations of key in table t as accepted. */
static void invitees_accept(Invitees *invitees, guint t, const GString *key)
{
  guint first = score_key_table_take(invitees->tables[t], key->str, key->len);
  for (guint i = first; i != 0; i = invitees->next[t * invitees->n + i - 1])
    invitees->accepted[i - 1] = TRUE;
}

static guint table_size(const Invitees *invitees, guint t)
{
  return score_key_table_size(invitees->tables[t]);
}

/* Name keys cost a case folding each: made only where some invitation's
 * name could be found. */
static void invitees_match(Invitees *invitees, const GArray *connections)
{
  for (guint i = 0; i < connections->len; i++) {
    const ScoreConnection *c = &g_array_index(connections, ScoreConnection, i);
    gboolean has_url = FALSE;
    if (table_size(invitees, TABLE_URL) > 0 || table_size(invitees, TABLE_NAME_WITH_URL) > 0) {
      score_url_key_into(invitees->url, c->url);
      has_url = invitees->url->len > 0;
      if (has_url)
        invitees_accept(invitees, TABLE_URL, invitees->url);
    }
    if (table_size(invitees, TABLE_NAME_NO_URL) == 0 &&
        (has_url || table_size(invitees, TABLE_NAME_WITH_URL) == 0))
      continue;
    score_name_key_into(invitees->name, c->first_name, c->last_name);
    if (invitees->name->len == 0)
      continue;
    invitees_accept(invitees, TABLE_NAME_NO_URL, invitees->name);
    if (!has_url)
      invitees_accept(invitees, TABLE_NAME_WITH_URL, invitees->name);
  }
}

static void invitations_add(ScoreFacts *facts, const ScoreLinkedin *data)
{
  const GArray *invitations = data->invitations;
  if (invitations->len == 0)
    return;
  Invitees invitees;
  invitees_init(&invitees, invitations);
  invitees_match(&invitees, data->connections);
  for (guint i = 0; i < invitations->len; i++) {
    const ScoreInvitation *invitation = &g_array_index(invitations, ScoreInvitation, i);
    score_series_add(facts->series[SCORE_SERIES_INVITATIONS_SENT], invitation->day,
                     invitation->count);
    if (invitees.accepted[i])
      score_series_add(facts->series[SCORE_SERIES_INVITATIONS_ACCEPTED], invitation->day,
                       invitation->count);
  }
  invitees_clear(&invitees);
}

/* Sent by the member: FROM is the roster name or the profile's name. */
static void messages_add(ScoreFacts *facts, const ScoreLinkedin *data, const ScoreFactsRules *rules)
{
  g_autofree char *roster_name = score_name_key(rules->roster_name, NULL);
  g_autofree char *profile_name = score_name_key(data->first_name, data->last_name);
  g_autoptr(GString) from = g_string_sized_new(64);
  for (guint i = 0; i < data->messages->len; i++) {
    const ScoreMessage *message = &g_array_index(data->messages, ScoreMessage, i);
    score_name_key_into(from, message->from, NULL);
    if (from->len > 0 &&
        (strcmp(from->str, roster_name) == 0 || strcmp(from->str, profile_name) == 0))
      score_series_add(facts->series[SCORE_SERIES_MESSAGES], message->day, message->count);
  }
}

ScoreFacts *score_facts_build(const ScoreLinkedin *data, const ScoreFactsRules *rules)
{
  ScoreFacts *facts = g_new0(ScoreFacts, 1);
  /* Room for every event of the kind, so that no series grows. */
  const GArray *events[SCORE_SERIES_KINDS] = {
      [SCORE_SERIES_SHARES] = data->shares,
      [SCORE_SERIES_COMMENTS] = data->comments,
      [SCORE_SERIES_REACTIONS] = data->reactions,
      [SCORE_SERIES_MESSAGES] = data->messages,
      [SCORE_SERIES_INVITATIONS_SENT] = data->invitations,
      [SCORE_SERIES_INVITATIONS_ACCEPTED] = data->invitations,
      [SCORE_SERIES_CONNECTIONS] = data->connections,
      [SCORE_SERIES_TARGET_CONNECTIONS] = data->connections,
      [SCORE_SERIES_SENIOR_CONNECTIONS] = data->connections,
      [SCORE_SERIES_ENDORSEMENTS] = data->endorsements,
  };
  for (guint k = 0; k < SCORE_SERIES_KINDS; k++)
    facts->series[k] = score_series_sized_new(events[k]->len);
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
