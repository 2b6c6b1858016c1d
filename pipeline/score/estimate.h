/* The estimated SSI of model.md: each factor scores P * min(1, x / T), a
 * pillar is the sum of its factors (at most 25), the SSI the sum of the four
 * pillars (at most 100). */
#pragma once
#include "common/config.h"
#include "score/inputs.h"

#define SCORE_PILLAR_MAX 25.0
#define SCORE_SSI_MAX 100.0

/* A factor's points for a measured value; a negative x counts as 0. */
double score_estimate_factor(const ModelFactor *factor, double x);

/* The pillars and SSI from the measured value of every factor (FactorId
 * order). */
void score_estimate_compute(const ModelConfig *model, const double x[FACTOR_COUNT], ScoreSsi *out);
