/* One ambassador's LinkedIn export facts and advocacy-tool posts, as the
 * normalized li_*.csv and posts.csv files hold them (contract.h). Rows are
 * added from their CSV text, so reading a file and building a test case go
 * through the same checks; the estimate and the activity are computed from
 * this afterwards (facts.h). */
#pragma once
#include "score/months.h"

#include <glib.h>

typedef struct {
  ScoreDay day;
  char *first_name, *last_name, *url, *company, *position;
  gint64 count;
} ScoreConnection;

/* Only OUTGOING invitations are kept: nothing counts the others. */
typedef struct {
  ScoreDay day;
  char *to, *invitee_url;
  gint64 count;
} ScoreInvitation;

/* Drafts are not kept. */
typedef struct {
  ScoreDay day;
  char *from;
  gint64 count;
} ScoreMessage;

typedef struct {
  ScoreDay day;
  gint64 count;
} ScoreDatedCount;

/* Post metrics in the order of the activity columns from impressions on. */
enum {
  SCORE_POST_IMPRESSIONS,
  SCORE_POST_REACTIONS,
  SCORE_POST_COMMENTS,
  SCORE_POST_REPOSTS,
  SCORE_POST_CLICKS,
  SCORE_POST_METRICS
};

typedef struct {
  ScoreDay day;
  gint64 metric[SCORE_POST_METRICS]; /* -1 when unknown */
} ScorePost;

/* Texts point into `text` or into a part, freed with the rest. */
typedef struct {
  GPtrArray *text;        /* blocks the texts are copied into; NULL until the first */
  char *text_free;        /* the free end of the last block */
  gsize text_left;        /* bytes free there */
  GPtrArray *parts;       /* ScoreLinkedin * merged into this one; NULL for none */
  gboolean has_export;    /* a li_profiles row was read */
  ScoreDay covered_until; /* model.md "Coverage" */
  char *first_name, *last_name;
  guint checkpoints_met;                 /* of the 8 profile checkpoints */
  GArray *connections;                   /* ScoreConnection */
  GArray *invitations;                   /* ScoreInvitation, OUTGOING only */
  GArray *messages;                      /* ScoreMessage, no drafts */
  GArray *shares, *comments, *reactions; /* ScoreDatedCount */
  GArray *endorsements;                  /* ScoreDatedCount, ACCEPTED only */
  GArray *posts;                         /* ScorePost */
  guint rows_hint;                       /* of a part: the rows an array is first made room for */
} ScoreLinkedin;

#define SCORE_PROFILE_CHECKPOINTS 8

/* The text of one row, without its ambassador_id; "" or NULL is empty. */
typedef struct {
  const char *date, *first_name, *last_name, *url, *company, *position, *count;
} ScoreConnectionText;

typedef struct {
  const char *date, *direction, *from, *to, *invitee_url, *count;
} ScoreInvitationText;

typedef struct {
  const char *date, *from, *draft, *count;
} ScoreMessageText;

typedef struct {
  const char *covered_until, *first_name, *last_name, *headline_set, *summary_set, *industry_set,
      *geo_location_set, *current_position, *skills, *visible_recommendations,
      *websites_or_twitter_set;
} ScoreProfileText;

typedef struct {
  const char *date, *impressions, *reactions, *comments, *reposts, *clicks;
} ScorePostText;

/* Which dated file a ScoreDatedCount row comes from. */
typedef enum { SCORE_DATED_SHARES, SCORE_DATED_COMMENTS, SCORE_DATED_REACTIONS } ScoreDatedKind;

ScoreLinkedin *score_linkedin_new(void);
/* A part of an ambassador's data, to be merged into one made by
 * score_linkedin_new: its arrays (NULL until their first row) and texts are
 * made as rows come. One normalized file fills one kind of rows, about
 * rows_hint of them. */
ScoreLinkedin *score_linkedin_new_part(guint rows_hint);
void score_linkedin_free(ScoreLinkedin *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreLinkedin, score_linkedin_free)

/* Each add checks the row and says what is wrong with which column
 * (PIPELINE_ERROR_INPUT); the caller adds file and line. Counts are whole
 * numbers from 0. */
gboolean score_linkedin_add_connection(ScoreLinkedin *data, const ScoreConnectionText *text,
                                       GError **error);
gboolean score_linkedin_add_invitation(ScoreLinkedin *data, const ScoreInvitationText *text,
                                       GError **error);
gboolean score_linkedin_add_message(ScoreLinkedin *data, const ScoreMessageText *text,
                                    GError **error);
gboolean score_linkedin_add_dated(ScoreLinkedin *data, ScoreDatedKind kind, const char *date,
                                  const char *count, GError **error);
gboolean score_linkedin_add_endorsement(ScoreLinkedin *data, const char *date, const char *status,
                                        const char *count, GError **error);
/* A second profile row of the same ambassador replaces the first. */
gboolean score_linkedin_set_profile(ScoreLinkedin *data, const ScoreProfileText *text,
                                    GError **error);
/* Metrics are counts; empty is unknown. */
gboolean score_linkedin_add_post(ScoreLinkedin *data, const ScorePostText *text, GError **error);

/* Moves from's rows and profile into data (made by score_linkedin_new),
 * which keeps (and frees) from since their texts stay where they are. Rows
 * of a kind are appended to those data has; a profile in from replaces
 * data's. */
void score_linkedin_merge(ScoreLinkedin *data, ScoreLinkedin *from);

/* model.md "Coverage": month M is covered when the exports reach at least
 * as_of(M) - 6 days (the month's last seven days); never without export. */
gboolean score_linkedin_covers(const ScoreLinkedin *data, ScoreMonth month);
