/* Tests of score/fill_queue.c: filling on several threads gives the rows
 * and the coverage gaps of filling on one, gaps in the order the
 * ambassadors were pushed. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "score/fill_queue.h"
#include "test_support.h"

#include <string.h>

enum { AMBASSADORS = 40 };

/* Ambassador i's exports: every third has none, the others cover up to a
 * month that depends on i, with i connections. */
static ScoreLinkedin *exports_of(guint i)
{
  ScoreLinkedin *data = score_linkedin_new();
  if (i % 3 == 0)
    return data;
  g_autofree char *until = g_strdup_printf("2025-%02u-28", 1 + i % 12);
  ScoreProfileText profile = {until, "A", "B", "1", "1", "1", "1", "1", "5", "1", "1"};
  assert_true(score_linkedin_set_profile(data, &profile, NULL));
  for (guint c = 0; c < i; c++) {
    g_autofree char *date = g_strdup_printf("2025-%02u-%02u", 1 + c % 12, 1 + c % 28);
    ScoreConnectionText text = {date, "X", "Y", "", "", c % 2 ? "CEO" : "Architekt", "1"};
    assert_true(score_linkedin_add_connection(data, &text, NULL));
  }
  return data;
}

/* The rows and gaps of every ambassador filled through a queue of jobs. */
static GArray *fill_all(const ScoreInputs *inputs, const ScoreFillContext *ctx, int jobs,
                        GArray *gaps)
{
  GArray *rows = score_person_months_build(inputs, 2025 * 12 + 11);
  ScorePersonMonth *all = (ScorePersonMonth *)(void *)rows->data;
  g_autoptr(ScoreFillQueue) queue = score_fill_queue_new(ctx, jobs);
  guint i = 0;
  for (guint start = 0, end = 0; start < rows->len; start = end, i++) {
    end = start + 1;
    while (end < rows->len &&
           strcmp(all[end].membership->ambassador_id, all[start].membership->ambassador_id) == 0)
      end++;
    score_fill_queue_push(queue, all + start, end - start, exports_of(i));
  }
  score_fill_queue_finish(g_steal_pointer(&queue), gaps);
  return rows;
}

static void test_threads_fill_like_one(void **state)
{
  (void)state;
  g_autoptr(PipelineConfig) config = config_new_default();
  g_autoptr(ScoreSeniority) seniority =
      score_seniority_new((const char *const *)config->model.seniority_terms, NULL);
  g_autoptr(ScoreInputs) inputs = score_inputs_new();
  assert_true(score_inputs_add_program(inputs, "p", "2025-01-01", "", "Architekt", NULL));
  for (guint i = 0; i < AMBASSADORS; i++) {
    g_autofree char *id = g_strdup_printf("a%02u", i);
    ScoreMembershipText text = {id, "Anna Berg", "p", "T", "2025-01-01", ""};
    assert_true(score_inputs_add_membership(inputs, &text, NULL));
  }
  ScoreFillContext ctx = {&config->model, seniority, inputs, FALSE};
  g_autoptr(GArray) gaps_one = g_array_new(FALSE, FALSE, sizeof(ScoreCoverageGap));
  g_autoptr(GArray) gaps_three = g_array_new(FALSE, FALSE, sizeof(ScoreCoverageGap));
  g_autoptr(GArray) one = fill_all(inputs, &ctx, 1, gaps_one);
  g_autoptr(GArray) three = fill_all(inputs, &ctx, 3, gaps_three);
  assert_int_equal(one->len, AMBASSADORS * 12);
  assert_int_equal(three->len, one->len);
  /* Rows hold NaN where unknown: compared byte for byte. */
  assert_memory_equal(one->data, three->data, one->len * sizeof(ScorePersonMonth));
  assert_int_equal(gaps_three->len, gaps_one->len);
  assert_true(gaps_one->len > AMBASSADORS / 3);
  for (guint i = 0; i < gaps_one->len; i++) {
    const ScoreCoverageGap *a = &g_array_index(gaps_one, ScoreCoverageGap, i);
    const ScoreCoverageGap *b = &g_array_index(gaps_three, ScoreCoverageGap, i);
    assert_ptr_equal(a->ambassador_id, b->ambassador_id);
    assert_int_equal(a->first, b->first);
    assert_int_equal(a->last, b->last);
    assert_int_equal(a->no_export, b->no_export);
  }
  const ScoreCoverageGap *first = &g_array_index(gaps_three, ScoreCoverageGap, 0);
  assert_string_equal(first->ambassador_id, "a00");
  assert_true(first->no_export);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_threads_fill_like_one),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
