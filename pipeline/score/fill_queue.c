/* A GThreadPool of ambassador fills with a bound on the ambassadors in
 * flight; each fill collects its gaps apart and they are joined in push
 * order at the end, so the output does not depend on which thread ran
 * what. */
#include "score/fill_queue.h"

enum { IN_FLIGHT_PER_JOB = 4 };

typedef struct {
  ScorePersonMonth *rows;
  guint n;
  ScoreLinkedin *data;
  GArray *gaps; /* ScoreCoverageGap, this ambassador's */
} FillTask;

struct ScoreFillQueue {
  const ScoreFillContext *ctx;
  GThreadPool *pool; /* NULL with one job */
  GPtrArray *tasks;  /* FillTask *, in push order */
  GMutex lock;
  GCond done;
  guint in_flight; /* guarded by lock */
  guint in_flight_max;
};

static void task_free(gpointer data)
{
  FillTask *task = data;
  score_linkedin_free(task->data);
  g_array_unref(task->gaps);
  g_free(task);
}

static void task_run(FillTask *task, const ScoreFillContext *ctx)
{
  score_ambassador_fill(task->rows, task->n, task->data, ctx, task->gaps);
  g_clear_pointer(&task->data, score_linkedin_free);
}

static void worker_run(gpointer data, gpointer user_data)
{
  ScoreFillQueue *queue = user_data;
  task_run(data, queue->ctx);
  g_mutex_lock(&queue->lock);
  queue->in_flight--;
  g_cond_signal(&queue->done);
  g_mutex_unlock(&queue->lock);
}

ScoreFillQueue *score_fill_queue_new(const ScoreFillContext *ctx, int jobs)
{
  ScoreFillQueue *queue = g_new0(ScoreFillQueue, 1);
  queue->ctx = ctx;
  queue->tasks = g_ptr_array_new_with_free_func(task_free);
  g_mutex_init(&queue->lock);
  g_cond_init(&queue->done);
  queue->in_flight_max = (guint)MAX(jobs, 1) * IN_FLIGHT_PER_JOB;
  /* Creating threads fails only without resources; one thread then. */
  if (jobs > 1)
    queue->pool = g_thread_pool_new(worker_run, queue, jobs, FALSE, NULL);
  return queue;
}

void score_fill_queue_push(ScoreFillQueue *queue, ScorePersonMonth *rows, guint n,
                           ScoreLinkedin *data)
{
  FillTask *task = g_new0(FillTask, 1);
  *task = (FillTask){rows, n, data, g_array_new(FALSE, FALSE, sizeof(ScoreCoverageGap))};
  g_ptr_array_add(queue->tasks, task);
  if (queue->pool == NULL) {
    task_run(task, queue->ctx);
    return;
  }
  g_mutex_lock(&queue->lock);
  while (queue->in_flight >= queue->in_flight_max)
    g_cond_wait(&queue->done, &queue->lock);
  queue->in_flight++;
  g_mutex_unlock(&queue->lock);
  g_thread_pool_push(queue->pool, task, NULL);
}

void score_fill_queue_finish(ScoreFillQueue *queue, GArray *gaps)
{
  if (queue->pool != NULL)
    g_thread_pool_free(g_steal_pointer(&queue->pool), FALSE, TRUE);
  for (guint i = 0; i < queue->tasks->len; i++) {
    const FillTask *task = g_ptr_array_index(queue->tasks, i);
    g_array_append_vals(gaps, task->gaps->data, task->gaps->len);
  }
  score_fill_queue_free(queue);
}

void score_fill_queue_free(ScoreFillQueue *queue)
{
  if (queue == NULL)
    return;
  if (queue->pool != NULL)
    g_thread_pool_free(queue->pool, FALSE, TRUE);
  g_ptr_array_unref(queue->tasks);
  g_mutex_clear(&queue->lock);
  g_cond_clear(&queue->done);
  g_free(queue);
}
