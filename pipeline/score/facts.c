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

/* position: the flags of c's position, its audience known. */
static gboolean in_audience(TextRules *known, guint position, const ScoreConnection *c)
{
  const guint want = TEXT_SEEN | TEXT_AUDIENCE_KNOWN;
  return (position & TEXT_AUDIENCE) != 0 ||
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
    /* The position is looked up once for both rules. */
    guint position =
        text_rules(&known, c->position, TRUE, asked ? TEXT_SEEN | TEXT_AUDIENCE_KNOWN : TEXT_SEEN);
    if (asked && in_audience(&known, position, c))
      score_series_add(facts->series[SCORE_SERIES_TARGET_CONNECTIONS], c->day, c->count);
    if (position & TEXT_SENIOR)
      score_series_add(facts->series[SCORE_SERIES_SENIOR_CONNECTIONS], c->day, c->count);
  }
}

/* Which outgoing invitations were accepted: the invitee is a connection,
 * whatever the date, by URL where both sides have one and by name where
 * either side has none. Invitations are far fewer than connections, so
 * their keys go into small tables that every connection's keys are looked
 * up in; a key found marks its invitations and leaves its table. */
enum { TABLE_URL, TABLE_NAME_NO_URL, TABLE_NAME_WITH_URL, TABLES };
enum { SKETCH_LOG2_BITS = 12, SKETCH_BITS = 1 << SKETCH_LOG2_BITS };

typedef struct {
  ScoreKeyTable *tables[TABLES]; /* key -> first invitation + 1 */
  guint *next;                   /* the next invitation of the same key + 1, per table */
  gboolean *accepted;
  guint n;
  GString *url;
  GString *name;
  /* Per table, a bit for the sketch of each key put in: a connection's
   * key is made only where its sketch has a bit set. */
  guint64 sketches[TABLES][SKETCH_BITS / 64];
} Invitees;

static guint sketch_bit(guint sketch)
{
  return sketch >> (32 - SKETCH_LOG2_BITS);
}

/* Chains invitation i onto the key's list in table t. */
static void invitee_add(Invitees *invitees, guint t, const GString *key, guint i)
{
  invitees->next[t * invitees->n + i] =
      score_key_table_put(invitees->tables[t], key->str, key->len, i + 1);
  guint bit = sketch_bit(score_key_sketch(key->str, key->len));
  invitees->sketches[t][bit / 64] |= G_GUINT64_CONSTANT(1) << (bit % 64);
}

/* FALSE when no key of table t has the sketch (or the table is empty). */
static gboolean sketch_in(const Invitees *invitees, guint t, guint sketch)
{
  guint bit = sketch_bit(sketch);
  return score_key_table_size(invitees->tables[t]) > 0 &&
         (invitees->sketches[t][bit / 64] >> (bit % 64) & 1) != 0;
}

static void invitees_init(Invitees *invitees, const GArray *invitations)
{
  memset(invitees->sketches, 0, sizeof invitees->sketches);
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

/* Accepts the invitations to the connection's URL; TRUE when it has one
 * (a URL key that is not empty). */
static gboolean url_accept(Invitees *invitees, const char *url)
{
  guint sketch = 0;
  gboolean empty = FALSE;
  if (score_url_key_sketch(url, &sketch, &empty) &&
      (empty || !sketch_in(invitees, TABLE_URL, sketch)))
    return !empty;
  score_url_key_into(invitees->url, url);
  if (invitees->url->len == 0)
    return FALSE;
  invitees_accept(invitees, TABLE_URL, invitees->url);
  return TRUE;
}

/* Accepts the invitations to the connection's name: those without URL,
 * and those with one when the connection has none. */
static void name_accept(Invitees *invitees, const ScoreConnection *c, gboolean has_url)
{
  guint sketch = 0;
  gboolean empty = FALSE;
  if (score_name_key_sketch(c->first_name, c->last_name, &sketch, &empty) &&
      (empty || (!sketch_in(invitees, TABLE_NAME_NO_URL, sketch) &&
                 (has_url || !sketch_in(invitees, TABLE_NAME_WITH_URL, sketch)))))
    return;
  score_name_key_into(invitees->name, c->first_name, c->last_name);
  if (invitees->name->len == 0)
    return;
  invitees_accept(invitees, TABLE_NAME_NO_URL, invitees->name);
  if (!has_url)
    invitees_accept(invitees, TABLE_NAME_WITH_URL, invitees->name);
}

/* Keys cost a case folding each: made only where some invitation's key
 * could be found, as far as the sketches tell. */
static void invitees_match(Invitees *invitees, const GArray *connections)
{
  for (guint i = 0; i < connections->len; i++) {
    const ScoreConnection *c = &g_array_index(connections, ScoreConnection, i);
    gboolean has_url = FALSE;
    if (table_size(invitees, TABLE_URL) > 0 || table_size(invitees, TABLE_NAME_WITH_URL) > 0)
      has_url = url_accept(invitees, c->url);
    if (table_size(invitees, TABLE_NAME_NO_URL) == 0 &&
        (has_url || table_size(invitees, TABLE_NAME_WITH_URL) == 0))
      continue;
    name_accept(invitees, c, has_url);
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

/* The running totals a month needs, each found once: up to its last day,
 * and before its window and before its first day for the kinds counted
 * over those. */
typedef struct {
  gint64 upto_last[SCORE_SERIES_KINDS];
  gint64 in_window[SCORE_SERIES_KINDS]; /* the windowed kinds, those before SENIOR */
  gint64 in_month[SCORE_LINKEDIN_ACTIVITIES];
} MonthTotals;

/* score_series_sum(series, first, last) given the events up to last. */
static gint64 sum_from(ScoreSeries *series, gint64 upto_last, ScoreDay first, ScoreDay last)
{
  if (first > last)
    return 0;
  return first == 0 ? upto_last : upto_last - score_series_sum_upto(series, first - 1);
}

static void month_totals(const ScoreFacts *facts, ScoreMonth month, int window_days,
                         MonthTotals *out)
{
  ScoreDay window_first = 0;
  ScoreDay last = 0;
  score_month_window(month, window_days, &window_first, &last);
  ScoreDay month_first = score_month_first_day(month);
  ScoreSeries *const *s = facts->series;
  for (guint k = 0; k < SCORE_SERIES_KINDS; k++)
    out->upto_last[k] = score_series_sum_upto(s[k], last);
  for (guint k = 0; k < SCORE_SERIES_SENIOR_CONNECTIONS; k++)
    out->in_window[k] = sum_from(s[k], out->upto_last[k], window_first, last);
  for (guint k = 0; k < SCORE_LINKEDIN_ACTIVITIES; k++)
    out->in_month[k] = sum_from(s[k], out->upto_last[k], month_first, last);
}

static void measures_of(const ScoreFacts *facts, const MonthTotals *t, double x[FACTOR_COUNT])
{
  gint64 sent = t->in_window[SCORE_SERIES_INVITATIONS_SENT];
  gint64 accepted = t->in_window[SCORE_SERIES_INVITATIONS_ACCEPTED];
  x[FACTOR_PROFILE] = facts->profile_share;
  x[FACTOR_PUBLISHING] = (double)t->in_window[SCORE_SERIES_SHARES];
  x[FACTOR_ENDORSEMENTS] = (double)t->upto_last[SCORE_SERIES_ENDORSEMENTS];
  x[FACTOR_NETWORK_GROWTH] = (double)t->in_window[SCORE_SERIES_CONNECTIONS];
  x[FACTOR_TARGET_AUDIENCE] = (double)t->in_window[SCORE_SERIES_TARGET_CONNECTIONS];
  x[FACTOR_COMMENTS] = (double)t->in_window[SCORE_SERIES_COMMENTS];
  x[FACTOR_REACTIONS] = (double)t->in_window[SCORE_SERIES_REACTIONS];
  x[FACTOR_MESSAGES] = (double)t->in_window[SCORE_SERIES_MESSAGES];
  x[FACTOR_ACCEPTANCE] = sent > 0 ? (double)accepted / (double)sent : 0.0;
  x[FACTOR_SENIOR_NETWORK] = (double)t->upto_last[SCORE_SERIES_SENIOR_CONNECTIONS];
  x[FACTOR_NETWORK_SIZE] = (double)t->upto_last[SCORE_SERIES_CONNECTIONS];
}

void score_facts_month(const ScoreFacts *facts, ScoreMonth month, int window_days,
                       double x[FACTOR_COUNT], gint64 counts[SCORE_LINKEDIN_ACTIVITIES])
{
  MonthTotals totals;
  month_totals(facts, month, window_days, &totals);
  measures_of(facts, &totals, x);
  memcpy(counts, totals.in_month, sizeof totals.in_month);
}

void score_facts_measure(const ScoreFacts *facts, ScoreMonth month, int window_days,
                         double x[FACTOR_COUNT])
{
  gint64 counts[SCORE_LINKEDIN_ACTIVITIES];
  score_facts_month(facts, month, window_days, x, counts);
}

void score_facts_activity(const ScoreFacts *facts, ScoreMonth month,
                          gint64 counts[SCORE_LINKEDIN_ACTIVITIES])
{
  double x[FACTOR_COUNT];
  score_facts_month(facts, month, 1, x, counts);
}
