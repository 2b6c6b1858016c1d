/* Scores one ambassador at a time, so that only that ambassador's exports
 * are in memory: facts are built once per membership (the rules depend on
 * its program and roster name) and read off for each of its months. */
#include "score/ambassador.h"
#include "score/estimate.h"
#include "score/facts.h"

/* The days any of the rows' windows or calendar months span. */
static void rows_days(const ScorePersonMonth *rows, guint n, int window_days, ScoreDay *from,
                      ScoreDay *until)
{
  *from = G_MAXUINT32;
  *until = 0;
  for (guint i = 0; i < n; i++) {
    ScoreDay first = 0;
    ScoreDay last = 0;
    score_month_window(rows[i].month, window_days, &first, &last);
    *from = MIN(*from, MIN(first, score_month_first_day(rows[i].month)));
    *until = MAX(*until, MAX(last, score_month_as_of(rows[i].month)));
  }
}

static ScoreFacts *facts_of(GHashTable *cache, const ScorePersonMonth *row, ScoreFactsRules *rules,
                            const ScoreLinkedin *data, const ScoreFillContext *ctx)
{
  ScoreFacts *facts = g_hash_table_lookup(cache, row->membership);
  if (facts != NULL)
    return facts;
  const ScoreProgram *program = score_inputs_find_program(ctx->inputs, row->membership->program);
  rules->audience = program->audience;
  rules->roster_name = row->membership->name;
  facts = score_facts_build(data, rules);
  g_hash_table_insert(cache, (gpointer)row->membership, facts);
  return facts;
}

static void linkedin_fill(ScorePersonMonth *row, ScoreFacts *facts, const ScoreFillContext *ctx)
{
  score_facts_month(facts, row->month, ctx->model->window_days, row->measured, row->activity);
  score_estimate_compute(ctx->model, row->measured, &row->estimated);
}

static gint64 count_add(gint64 sum, gint64 count)
{
  if (count == SCORE_COUNT_UNKNOWN)
    return sum;
  return (sum == SCORE_COUNT_UNKNOWN ? 0 : sum) + count;
}

/* The month's posts: how many, and each metric over the posts that know it
 * (unknown when none does). */
static void posts_fill(ScorePersonMonth *row, const GArray *posts)
{
  ScoreDay first = score_month_first_day(row->month);
  ScoreDay last = score_month_as_of(row->month);
  gint64 *activity = row->activity;
  activity[SCORE_ACTIVITY_TOOL_POSTS] = 0;
  for (guint i = 0; i < posts->len; i++) {
    const ScorePost *post = &g_array_index(posts, ScorePost, i);
    if (post->day < first || post->day > last)
      continue;
    activity[SCORE_ACTIVITY_TOOL_POSTS]++;
    for (guint m = 0; m < SCORE_POST_METRICS; m++)
      activity[SCORE_ACTIVITY_IMPRESSIONS + m] =
          count_add(activity[SCORE_ACTIVITY_IMPRESSIONS + m], post->metric[m]);
    if (post->metric[SCORE_POST_IMPRESSIONS] != SCORE_COUNT_UNKNOWN)
      row->impression_engagements = count_add(
          count_add(count_add(row->impression_engagements, post->metric[SCORE_POST_REACTIONS]),
                    post->metric[SCORE_POST_COMMENTS]),
          post->metric[SCORE_POST_REPOSTS]);
  }
}

static gint month_compare(gconstpointer a, gconstpointer b)
{
  ScoreMonth x = *(const ScoreMonth *)a;
  ScoreMonth y = *(const ScoreMonth *)b;
  return (x > y) - (x < y);
}

/* A person in two programs has two rows a month: the gaps are by month. */
static void gaps_add(const ScorePersonMonth *rows, guint n, const ScoreLinkedin *data, GArray *gaps)
{
  g_autoptr(GArray) months = g_array_sized_new(FALSE, FALSE, sizeof(ScoreMonth), n);
  for (guint i = 0; i < n; i++)
    if (!score_linkedin_covers(data, rows[i].month))
      g_array_append_val(months, rows[i].month);
  g_array_sort(months, month_compare);
  guint own = gaps->len; /* this ambassador's gaps start here */
  for (guint i = 0; i < months->len; i++) {
    ScoreMonth month = g_array_index(months, ScoreMonth, i);
    ScoreCoverageGap *open =
        gaps->len > own ? &g_array_index(gaps, ScoreCoverageGap, gaps->len - 1) : NULL;
    if (open != NULL && month <= open->last + 1) {
      open->last = month;
      continue;
    }
    ScoreCoverageGap gap = {rows[0].membership->ambassador_id, month, month, !data->has_export};
    g_array_append_val(gaps, gap);
  }
}

void score_ambassador_fill(ScorePersonMonth *rows, guint n, const ScoreLinkedin *data,
                           const ScoreFillContext *ctx, GArray *gaps)
{
  g_autoptr(GHashTable) cache =
      g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)score_facts_free);
  ScoreFactsRules rules = {.seniority = ctx->seniority};
  rows_days(rows, n, ctx->model->window_days, &rules.target_from, &rules.target_until);
  for (guint i = 0; i < n; i++) {
    ScorePersonMonth *row = &rows[i];
    if (score_linkedin_covers(data, row->month))
      linkedin_fill(row, facts_of(cache, row, &rules, data, ctx), ctx);
    if (ctx->has_posts)
      posts_fill(row, data->posts);
  }
  if (n > 0)
    gaps_add(rows, n, data, gaps);
}
