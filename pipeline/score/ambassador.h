/* Fills one ambassador's person-month rows from its LinkedIn exports and
 * advocacy-tool posts: the estimated SSI and the LinkedIn activity of every
 * covered month, the posts' counts of every month, and the runs of months no
 * export covers (scores/warnings.csv). */
#pragma once
#include "score/linkedin.h"
#include "score/person_month.h"

/* Consecutive months of one ambassador's rows that no export covers. */
typedef struct {
  const char *ambassador_id; /* borrowed from the rows' membership */
  ScoreMonth first, last;
  gboolean no_export; /* the ambassador has no export at all */
} ScoreCoverageGap;

typedef struct {
  const ModelConfig *model;
  const ScoreSeniority *seniority; /* compiled from model->seniority_terms */
  const ScoreInputs *inputs;       /* the programs' target audiences */
  gboolean has_posts;              /* normalized/posts.csv exists */
} ScoreFillContext;

/* rows: the n rows of one ambassador, in person_month order. Rows of months
 * that are not covered keep an unknown estimate and unknown LinkedIn
 * activity; without posts.csv the posts' columns stay unknown. Appends the
 * gaps, in month order, to gaps (a GArray of ScoreCoverageGap). */
void score_ambassador_fill(ScorePersonMonth *rows, guint n, const ScoreLinkedin *data,
                           const ScoreFillContext *ctx, GArray *gaps);
