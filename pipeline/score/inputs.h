/* What the score stage knows after reading <work>/normalized/: programs,
 * memberships (roster rows) and SSI snapshots, checked and in typed form.
 * Rows are added from their CSV text, so reading a file and building a test
 * case go through the same checks. */
#pragma once
#include "score/match.h"
#include "score/months.h"

#include <glib.h>

enum { SCORE_PILLAR_BRAND, SCORE_PILLAR_PEOPLE, SCORE_PILLAR_INSIGHTS, SCORE_PILLAR_RELATIONSHIPS };
#define SCORE_PILLARS 4

/* An SSI total and its four pillars; NAN where unknown. */
typedef struct {
  double ssi;
  double pillar[SCORE_PILLARS];
} ScoreSsi;

typedef struct {
  char *id;
  ScoreMonth start_month;
  ScoreMonth end_month;    /* G_MAXINT while the program runs */
  ScoreAudience *audience; /* its target_audience keywords */
} ScoreProgram;

typedef struct {
  char *ambassador_id;
  char *name;
  char *program;
  char *team;
  ScoreDay joined;
  ScoreDay left; /* SCORE_DAY_NONE while a member */
} ScoreMembership;

typedef struct {
  ScoreDay day;
  ScoreSsi values;      /* pillars all known or all NAN */
  double industry_rank; /* the N of "Top N%"; NAN when not shown */
  double network_rank;
} ScoreSnapshot;

typedef struct {
  GPtrArray *programs;       /* ScoreProgram *, in the order added */
  GHashTable *program_index; /* id -> ScoreProgram * */
  GPtrArray *memberships;    /* ScoreMembership *, in the order added */
  /* ambassador_id -> GArray of ScoreSnapshot sorted by day (see
   * score_inputs_snapshots_of) */
  GHashTable *snapshots;
  guint64 snapshot_count; /* distinct ambassador and day */
  char *latest_date;      /* normalized/meta.csv latest_date; NULL when absent or empty */
} ScoreInputs;

/* The text of one row as the normalized CSV holds it; "" or NULL is empty. */
typedef struct {
  const char *ambassador_id, *name, *program, *team, *joined, *left;
} ScoreMembershipText;

typedef struct {
  const char *ambassador_id, *date, *ssi, *brand, *people, *insights, *relationships,
      *industry_rank, *network_rank;
} ScoreSnapshotText;

ScoreInputs *score_inputs_new(void);
void score_inputs_free(ScoreInputs *inputs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreInputs, score_inputs_free)

/* Each add checks the row and says what is wrong with which column
 * (PIPELINE_ERROR_INPUT); the caller adds file and line. */
/* target_audience as programs.csv holds it: ';'-separated, may be empty. */
gboolean score_inputs_add_program(ScoreInputs *inputs, const char *id, const char *start,
                                  const char *end, const char *target_audience, GError **error);
/* The program must have been added before. */
gboolean score_inputs_add_membership(ScoreInputs *inputs, const ScoreMembershipText *text,
                                     GError **error);
/* Same ambassador and day twice: the later row wins (ingest already keeps
 * one per day). */
gboolean score_inputs_add_snapshot(ScoreInputs *inputs, const ScoreSnapshotText *text,
                                   GError **error);

const ScoreProgram *score_inputs_find_program(const ScoreInputs *inputs, const char *id);

/* The latest snapshot of the ambassador dated from first to last (both
 * included), or NULL. */
const ScoreSnapshot *score_inputs_latest_snapshot(const ScoreInputs *inputs,
                                                  const char *ambassador_id, ScoreDay first,
                                                  ScoreDay last);
