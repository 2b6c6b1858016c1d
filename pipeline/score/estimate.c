/* Scores measured factor values into estimated pillars and an estimated SSI
 * with the points and targets of config/ssi-model.ini. */
#include "score/estimate.h"

/* Pillar (config.h) indexes ScoreSsi's pillars (inputs.h). */
G_STATIC_ASSERT((int)PILLAR_COUNT == SCORE_PILLARS &&
                (int)PILLAR_BRAND == (int)SCORE_PILLAR_BRAND &&
                (int)PILLAR_RELATIONSHIPS == (int)SCORE_PILLAR_RELATIONSHIPS);

double score_estimate_factor(const ModelFactor *factor, double x)
{
  double share = x > 0 ? x / factor->target : 0.0;
  return factor->points * MIN(1.0, share);
}

void score_estimate_compute(const ModelConfig *model, const double x[FACTOR_COUNT], ScoreSsi *out)
{
  double pillar[SCORE_PILLARS] = {0};
  for (guint f = 0; f < FACTOR_COUNT; f++) {
    const ModelFactor *factor = &model->factors[f];
    pillar[factor->pillar] += score_estimate_factor(factor, x[f]);
  }
  out->ssi = 0.0;
  for (guint p = 0; p < SCORE_PILLARS; p++) {
    out->pillar[p] = MIN(pillar[p], SCORE_PILLAR_MAX);
    out->ssi += out->pillar[p];
  }
  out->ssi = MIN(out->ssi, SCORE_SSI_MAX);
}
