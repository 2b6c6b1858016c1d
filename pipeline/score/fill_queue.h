/* Fills ambassadors' person-month rows on worker threads while the caller
 * reads the next ambassador's exports, so that --jobs 2 keeps both cores
 * busy; the coverage gaps come out in the order the ambassadors went in. */
#pragma once
#include "score/ambassador.h"

typedef struct ScoreFillQueue ScoreFillQueue;

/* jobs <= 1 fills on the caller's thread, at once. ctx must outlive the
 * queue. */
ScoreFillQueue *score_fill_queue_new(const ScoreFillContext *ctx, int jobs);

/* score_ambassador_fill of the n rows with data, which the queue frees.
 * Waits while a few ambassadors are queued already, so memory stays that
 * of a few ambassadors. */
void score_fill_queue_push(ScoreFillQueue *queue, ScorePersonMonth *rows, guint n,
                           ScoreLinkedin *data);

/* Waits for every fill, appends the gaps to gaps (a GArray of
 * ScoreCoverageGap) in push order, and frees the queue. */
void score_fill_queue_finish(ScoreFillQueue *queue, GArray *gaps);

void score_fill_queue_free(ScoreFillQueue *queue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreFillQueue, score_fill_queue_free)
