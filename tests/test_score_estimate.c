/* Tests of score/estimate.c: a factor's points below, at and above its
 * target, pillars as sums capped at 25, the SSI as their sum. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "score/estimate.h"
#include "test_support.h"

#include <math.h>

static void test_factor_points(void **state)
{
  (void)state;
  g_autoptr(PipelineConfig) config = config_new_default();
  const ModelFactor *publishing = &config->model.factors[FACTOR_PUBLISHING]; /* 10 at 12 */
  test_assert_near(score_estimate_factor(publishing, 0), 0, 1e-9);
  test_assert_near(score_estimate_factor(publishing, 3), 2.5, 1e-9);
  test_assert_near(score_estimate_factor(publishing, 12), 10, 1e-9);
  test_assert_near(score_estimate_factor(publishing, 20), 10, 1e-9);
  test_assert_near(score_estimate_factor(publishing, -4), 0, 1e-9);
  const ModelFactor *acceptance = &config->model.factors[FACTOR_ACCEPTANCE]; /* 10 at 0.5 */
  test_assert_near(score_estimate_factor(acceptance, 0.25), 5, 1e-9);
  test_assert_near(score_estimate_factor(acceptance, 0.5), 10, 1e-9);
  test_assert_near(score_estimate_factor(acceptance, 1), 10, 1e-9);
  const ModelFactor *size = &config->model.factors[FACTOR_NETWORK_SIZE]; /* 5 at 500 */
  test_assert_near(score_estimate_factor(size, 100), 1, 1e-9);
}

static void test_pillars_and_total(void **state)
{
  (void)state;
  g_autoptr(PipelineConfig) config = config_new_default();
  const double x[FACTOR_COUNT] = {
      [FACTOR_PROFILE] = 0.75,      /* 7.5 */
      [FACTOR_PUBLISHING] = 6,      /* 5 */
      [FACTOR_ENDORSEMENTS] = 10,   /* 2.5 */
      [FACTOR_NETWORK_GROWTH] = 15, /* 5 */
      [FACTOR_TARGET_AUDIENCE] = 3, /* 3 */
      [FACTOR_COMMENTS] = 12,       /* 5 */
      [FACTOR_REACTIONS] = 30,      /* 2.5 */
      [FACTOR_MESSAGES] = 0,        /* 0 */
      [FACTOR_ACCEPTANCE] = 0.2,    /* 4 */
      [FACTOR_SENIOR_NETWORK] = 25, /* 5 */
      [FACTOR_NETWORK_SIZE] = 250,  /* 2.5 */
  };
  ScoreSsi ssi;
  score_estimate_compute(&config->model, x, &ssi);
  test_assert_near(ssi.pillar[SCORE_PILLAR_BRAND], 15, 1e-9);
  test_assert_near(ssi.pillar[SCORE_PILLAR_PEOPLE], 8, 1e-9);
  test_assert_near(ssi.pillar[SCORE_PILLAR_INSIGHTS], 7.5, 1e-9);
  test_assert_near(ssi.pillar[SCORE_PILLAR_RELATIONSHIPS], 11.5, 1e-9);
  test_assert_near(ssi.ssi, 42, 1e-9);

  const double zero[FACTOR_COUNT] = {0};
  score_estimate_compute(&config->model, zero, &ssi);
  test_assert_near(ssi.ssi, 0, 1e-9);
  test_assert_near(ssi.pillar[SCORE_PILLAR_BRAND], 0, 1e-9);
}

/* Every factor at its target gives 25 a pillar with the default points. */
static void test_all_targets_reached(void **state)
{
  (void)state;
  g_autoptr(PipelineConfig) config = config_new_default();
  double x[FACTOR_COUNT];
  for (guint f = 0; f < FACTOR_COUNT; f++)
    x[f] = config->model.factors[f].target;
  ScoreSsi ssi;
  score_estimate_compute(&config->model, x, &ssi);
  for (guint p = 0; p < SCORE_PILLARS; p++)
    test_assert_near(ssi.pillar[p], 25, 1e-9);
  test_assert_near(ssi.ssi, 100, 1e-9);
}

/* Points that add up to more than 25 in a pillar are capped there. */
static void test_pillar_cap(void **state)
{
  (void)state;
  g_autoptr(PipelineConfig) config = config_new_default();
  config->model.factors[FACTOR_PUBLISHING].points = 20;
  config->model.factors[FACTOR_COMMENTS].points = 30;
  double x[FACTOR_COUNT] = {0};
  x[FACTOR_PROFILE] = 1;     /* 10 */
  x[FACTOR_PUBLISHING] = 12; /* 20: brand 30, capped */
  x[FACTOR_COMMENTS] = 12;   /* 15 */
  x[FACTOR_MESSAGES] = 30;   /* 10: insights 25 */
  ScoreSsi ssi;
  score_estimate_compute(&config->model, x, &ssi);
  test_assert_near(ssi.pillar[SCORE_PILLAR_BRAND], 25, 1e-9);
  test_assert_near(ssi.pillar[SCORE_PILLAR_INSIGHTS], 25, 1e-9);
  test_assert_near(ssi.ssi, 50, 1e-9);

  for (guint f = 0; f < FACTOR_COUNT; f++) {
    config->model.factors[f].points = 40;
    x[f] = config->model.factors[f].target * 2;
  }
  score_estimate_compute(&config->model, x, &ssi);
  test_assert_near(ssi.ssi, 100, 1e-9);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_factor_points),
      cmocka_unit_test(test_pillars_and_total),
      cmocka_unit_test(test_all_targets_reached),
      cmocka_unit_test(test_pillar_cap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
