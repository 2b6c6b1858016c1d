/* What the estimate and the activity columns measure for one membership
 * (model.md "Estimated SSI", "Coverage", "Activity per person-month"): each
 * kind of LinkedIn event as counts by day, with the rules applied that
 * depend on the membership (its program's target audience, its roster name
 * for messages sent), so that any month's window or calendar month is a sum.
 * Whether a month is covered at all is score_linkedin_covers' answer. */
#pragma once
#include "common/config.h"
#include "score/linkedin.h"
#include "score/match.h"
#include "score/series.h"

/* The first eight are the LinkedIn activity columns, in their order. */
typedef enum {
  SCORE_SERIES_SHARES,
  SCORE_SERIES_COMMENTS,
  SCORE_SERIES_REACTIONS,
  SCORE_SERIES_MESSAGES,             /* sent, no drafts, by the member */
  SCORE_SERIES_INVITATIONS_SENT,     /* OUTGOING */
  SCORE_SERIES_INVITATIONS_ACCEPTED, /* of those, the invitee is a connection */
  SCORE_SERIES_CONNECTIONS,
  SCORE_SERIES_TARGET_CONNECTIONS,
  SCORE_SERIES_SENIOR_CONNECTIONS,
  SCORE_SERIES_ENDORSEMENTS, /* ACCEPTED */
  SCORE_SERIES_KINDS
} ScoreSeriesKind;

#define SCORE_LINKEDIN_ACTIVITIES 8

typedef struct {
  ScoreSeries *series[SCORE_SERIES_KINDS];
  double profile_share; /* of the 8 checkpoints met */
} ScoreFacts;

/* What the rules of one membership need. */
typedef struct {
  const ScoreSeniority *seniority;
  const ScoreAudience *audience; /* the program's target audience */
  const char *roster_name;       /* the membership's name in roster.csv */
  /* The days whose target connections are asked about (windows and
   * calendar months of the rows); matching the audience costs, so
   * connections dated outside are not matched. 0: no bound. */
  ScoreDay target_from, target_until;
} ScoreFactsRules;

ScoreFacts *score_facts_build(const ScoreLinkedin *data, const ScoreFactsRules *rules);
void score_facts_free(ScoreFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreFacts, score_facts_free)

/* The measured value x of every factor for month M (FactorId order). */
void score_facts_measure(const ScoreFacts *facts, ScoreMonth month, int window_days,
                         double x[FACTOR_COUNT]);

/* The LinkedIn activity columns of month M (the calendar month). */
void score_facts_activity(const ScoreFacts *facts, ScoreMonth month,
                          gint64 counts[SCORE_LINKEDIN_ACTIVITIES]);

/* Both at once, each running total looked up once: every person-month
 * asks for both. */
void score_facts_month(const ScoreFacts *facts, ScoreMonth month, int window_days,
                       double x[FACTOR_COUNT], gint64 counts[SCORE_LINKEDIN_ACTIVITIES]);
