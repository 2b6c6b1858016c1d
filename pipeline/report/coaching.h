/* What the Coaching sheet says about one person-month: the weakest pillar,
 * the factor in it with the most missing points, and a next step from
 * config/coaching.ini naming the measured value and the target. */
#pragma once
#include "common/config.h"
#include "report/labels.h"

#include <glib.h>

/* The texts of config/coaching.ini, both languages. */
typedef struct ReportCoachingTexts ReportCoachingTexts;

/* Reads path: sections [en] and [de], each with one key per factor id
 * ("publishing", ...) plus no_export and at_target. A missing file, section
 * or key, an unknown section or key, an empty text or a placeholder the key
 * does not offer is a PIPELINE_ERROR_USAGE naming file, section and key.
 * Placeholders: factor keys {measured}, {target}, {points}, {window},
 * {missing}; no_export {month}; at_target {pillar}. */
ReportCoachingTexts *report_coaching_texts_load(const char *path, GError **error);

void report_coaching_texts_free(ReportCoachingTexts *texts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportCoachingTexts, report_coaching_texts_free)

/* The factor of an id of ssi-model.ini and scores/factors.csv; FALSE when
 * unknown. */
gboolean report_coaching_factor_parse(const char *id, FactorId *factor);

/* The pillar of "brand", "people", "insights" or "relationships". */
gboolean report_coaching_pillar_parse(const char *id, Pillar *pillar);

/* One factor of a person-month (a row of scores/factors.csv). */
typedef struct {
  FactorId factor;
  Pillar pillar;
  double measured;   /* x */
  double target;     /* T */
  double points;     /* earned */
  double max_points; /* P */
} ReportCoachingFactor;

/* The pillar with the lowest share of its 25 points, from effective when
 * all four are known (not NAN), else from estimated; ties go to the first in
 * the order brand, people, insights, relationships. PILLAR_COUNT when
 * neither set is complete. */
Pillar report_coaching_weakest_pillar(const double effective[PILLAR_COUNT],
                                      const double estimated[PILLAR_COUNT]);

/* Index of the factor of pillar with the most missing points (max_points -
 * points); ties go to the first in model order. -1 when pillar has none. */
int report_coaching_weakest_factor(const ReportCoachingFactor *factors, guint n, Pillar pillar);

/* max_points - points, rounded to two decimals as the stage files are. */
double report_coaching_missing_points(const ReportCoachingFactor *factor);

/* A measured value or target as the next step names it: profile "5 of 8"
 * (the share of its 8 checkpoints), acceptance "35%" ("35 %" in German),
 * every other factor a whole number. */
char *report_coaching_format_value(FactorId factor, double value, ReportLanguage language);

/* The next step for factor, its placeholders filled. */
char *report_coaching_next_step(const ReportCoachingTexts *texts, ReportLanguage language,
                                const ReportCoachingFactor *factor, int window_days);

/* The text for a month no LinkedIn export covers; month is YYYY-MM. */
char *report_coaching_no_export(const ReportCoachingTexts *texts, ReportLanguage language,
                                const char *month);

/* The text for a pillar whose factors all reach their target. */
char *report_coaching_at_target(const ReportCoachingTexts *texts, ReportLanguage language,
                                Pillar pillar);

/* What is known of one person-month. */
typedef struct {
  double effective[PILLAR_COUNT]; /* NAN when unknown */
  double estimated[PILLAR_COUNT]; /* NAN when unknown */
  const ReportCoachingFactor *factors;
  guint n_factors; /* 0: no LinkedIn export covers the month */
  const char *month;
  int window_days;
  ReportLanguage language;
} ReportCoachingCase;

typedef struct {
  Pillar pillar;         /* PILLAR_COUNT when no pillar is known */
  int factor;            /* index into the case's factors, -1 when none is named */
  double missing_points; /* of that factor; 0 at target; NAN without factors */
  char *next_step;       /* owned */
} ReportCoachingAdvice;

/* The advice for one person-month. Without factors the next step is the
 * no_export text; when the weakest pillar misses no point, at_target. */
void report_coaching_advise(const ReportCoachingTexts *texts, const ReportCoachingCase *c,
                            ReportCoachingAdvice *advice);

void report_coaching_advice_clear(ReportCoachingAdvice *advice);
