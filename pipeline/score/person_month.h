/* Person-month rows (model.md): one per membership active at a month's end,
 * from the program's start month to the earlier of its end month and the
 * report month, with the reported, estimated and effective SSI, the band and
 * the activity of that month. Values start unknown and are filled source by
 * source, then resolved into the effective SSI. */
#pragma once
#include "common/config.h"
#include "score/inputs.h"

/* The activity columns, in the order of CONTRACT_ACTIVITY_COLUMNS. */
typedef enum {
  SCORE_ACTIVITY_POSTS,
  SCORE_ACTIVITY_COMMENTS,
  SCORE_ACTIVITY_REACTIONS,
  SCORE_ACTIVITY_MESSAGES_SENT,
  SCORE_ACTIVITY_INVITATIONS_SENT,
  SCORE_ACTIVITY_INVITATIONS_ACCEPTED,
  SCORE_ACTIVITY_NEW_CONNECTIONS,
  SCORE_ACTIVITY_NEW_TARGET_CONNECTIONS,
  SCORE_ACTIVITY_TOOL_POSTS,
  SCORE_ACTIVITY_IMPRESSIONS,
  SCORE_ACTIVITY_REACTIONS_RECEIVED,
  SCORE_ACTIVITY_COMMENTS_RECEIVED,
  SCORE_ACTIVITY_REPOSTS_RECEIVED,
  SCORE_ACTIVITY_CLICKS,
  SCORE_ACTIVITIES
} ScoreActivity;

#define SCORE_COUNT_UNKNOWN ((gint64)-1)

typedef enum { SCORE_USED_NONE, SCORE_USED_REPORTED, SCORE_USED_ESTIMATED } ScoreSourceUsed;
typedef enum { SCORE_BAND_NONE, SCORE_BAND_LOW, SCORE_BAND_MID, SCORE_BAND_GOOD } ScoreBand;

typedef struct {
  const ScoreMembership *membership; /* borrowed from the ScoreInputs */
  ScoreMonth month;
  ScoreMonth program_start_month;
  ScoreSsi reported;    /* latest snapshot dated inside the month */
  double industry_rank; /* from the same snapshot; NAN when unknown */
  double network_rank;
  ScoreSsi estimated;                /* the LinkedIn-export estimate */
  double measured[FACTOR_COUNT];     /* its factors' x values, set with it */
  gint64 activity[SCORE_ACTIVITIES]; /* SCORE_COUNT_UNKNOWN when unknown */
  /* Reactions, comments and reposts received on the month's posts that
   * have impressions: engagement_rate's numerator (not written). */
  gint64 impression_engagements;
  ScoreSsi effective; /* from one source, never mixed */
  ScoreSourceUsed source;
  ScoreBand band;
} ScorePersonMonth;

/* The rows of every membership up to report_month, everything unknown,
 * sorted by ambassador_id, program, month. A GArray of ScorePersonMonth that
 * borrows from inputs. */
GArray *score_person_months_build(const ScoreInputs *inputs, ScoreMonth report_month);

/* Fills reported SSI, pillars and ranks from the latest snapshot of the
 * ambassador dated inside each row's month. */
void score_person_months_add_reported(GArray *rows, const ScoreInputs *inputs);

/* Chooses each row's effective SSI by config->ssi_source and sets its band. */
void score_person_months_resolve(GArray *rows, const PipelineConfig *config);

/* Band of an SSI at full precision; SCORE_BAND_NONE for NAN. */
ScoreBand score_band_of(double ssi, const PipelineConfig *config);

/* "low", "mid", "good"; NULL for none (an empty field). */
const char *score_band_name(ScoreBand band);

/* "reported", "estimated", "none". */
const char *score_source_used_name(ScoreSourceUsed source);

/* The earliest month of any row; FALSE when there is none. */
gboolean score_person_months_first_month(const GArray *rows, ScoreMonth *out);
