/* Tests of common/config.c: the defaults of the spec, pipeline.ini and
 * ssi-model.ini overriding them, the window in force, and the messages for
 * values a user could get wrong. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/config.h"
#include "common/errors.h"
#include "test_support.h"

#include <glib/gstdio.h>

typedef struct {
  char *dir;
} Fixture;

static int fixture_setup(void **state)
{
  Fixture *fixture = g_new0(Fixture, 1);
  fixture->dir = test_tree_new("config");
  *state = fixture;
  return 0;
}

static int fixture_teardown(void **state)
{
  Fixture *fixture = *state;
  test_tree_remove(fixture->dir);
  g_free(fixture->dir);
  g_free(fixture);
  return 0;
}

static void assert_factor(const ModelConfig *model, FactorId id, const char *name, Pillar pillar,
                          double points, double target)
{
  const ModelFactor *factor = &model->factors[id];
  assert_string_equal(factor->id, name);
  assert_int_equal(factor->pillar, pillar);
  assert_true(factor->points == points);
  assert_true(factor->target == target);
}

static void test_defaults(void **state)
{
  (void)state;
  g_autoptr(PipelineConfig) config = config_new_default();
  const ModelConfig *model = &config->model;
  assert_int_equal(model->window_days, 90);
  assert_factor(model, FACTOR_PROFILE, "profile", PILLAR_BRAND, 10, 1);
  assert_factor(model, FACTOR_PUBLISHING, "publishing", PILLAR_BRAND, 10, 12);
  assert_factor(model, FACTOR_ENDORSEMENTS, "endorsements", PILLAR_BRAND, 5, 20);
  assert_factor(model, FACTOR_NETWORK_GROWTH, "network_growth", PILLAR_PEOPLE, 10, 30);
  assert_factor(model, FACTOR_TARGET_AUDIENCE, "target_audience", PILLAR_PEOPLE, 15, 15);
  assert_factor(model, FACTOR_COMMENTS, "comments", PILLAR_INSIGHTS, 10, 24);
  assert_factor(model, FACTOR_REACTIONS, "reactions", PILLAR_INSIGHTS, 5, 60);
  assert_factor(model, FACTOR_MESSAGES, "messages", PILLAR_INSIGHTS, 10, 30);
  assert_factor(model, FACTOR_ACCEPTANCE, "acceptance", PILLAR_RELATIONSHIPS, 10, 0.5);
  assert_factor(model, FACTOR_SENIOR_NETWORK, "senior_network", PILLAR_RELATIONSHIPS, 10, 50);
  assert_factor(model, FACTOR_NETWORK_SIZE, "network_size", PILLAR_RELATIONSHIPS, 5, 500);
  assert_int_equal(g_strv_length(model->seniority_terms), 30);
  assert_string_equal(model->seniority_terms[0], "CEO");
  assert_string_equal(model->seniority_terms[8], "Vice President");
  assert_string_equal(model->seniority_terms[16], "Geschäftsführerin");
  assert_string_equal(model->seniority_terms[29], "Partner");
  assert_null(model->path);
  assert_string_equal(config_pillar_name(PILLAR_RELATIONSHIPS), "relationships");
}

/* Without ssi-model.ini the defaults stay, and pipeline.ini's older
 * [score] window_days sets the window. */
static void test_without_model_file(void **state)
{
  Fixture *fixture = *state;
  test_tree_write(fixture->dir, "pipeline.ini", "[score]\nwindow_days = 60\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PipelineConfig) config = config_load(fixture->dir, &error);
  assert_non_null(config);
  assert_int_equal(config->model.window_days, 60);
  assert_int_equal(config->window_days, 60);
  assert_null(config->model.path);
  assert_factor(&config->model, FACTOR_PUBLISHING, "publishing", PILLAR_BRAND, 10, 12);
}

static void test_model_file_overrides(void **state)
{
  Fixture *fixture = *state;
  test_tree_write(fixture->dir, "pipeline.ini", "[score]\nwindow_days = 60\n");
  test_tree_write(fixture->dir, "ssi-model.ini",
                  "# a comment\n[window]\ndays = 30\n\n"
                  "[factor publishing]\npillar = brand\npoints = 12.5\ntarget = 8\n"
                  "[factor acceptance]\ntarget = 0.25\n"
                  "[seniority]\nterms =  Chef ; Head of;;Leiterin;\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PipelineConfig) config = config_load(fixture->dir, &error);
  assert_non_null(config);
  /* ssi-model.ini's window wins over pipeline.ini's, and both copies agree. */
  assert_int_equal(config->model.window_days, 30);
  assert_int_equal(config->window_days, 30);
  assert_factor(&config->model, FACTOR_PUBLISHING, "publishing", PILLAR_BRAND, 12.5, 8);
  assert_factor(&config->model, FACTOR_ACCEPTANCE, "acceptance", PILLAR_RELATIONSHIPS, 10, 0.25);
  assert_factor(&config->model, FACTOR_COMMENTS, "comments", PILLAR_INSIGHTS, 10, 24);
  assert_int_equal(g_strv_length(config->model.seniority_terms), 3);
  assert_string_equal(config->model.seniority_terms[0], "Chef");
  assert_string_equal(config->model.seniority_terms[1], "Head of");
  assert_string_equal(config->model.seniority_terms[2], "Leiterin");
  g_autofree char *path = g_build_filename(fixture->dir, "ssi-model.ini", NULL);
  assert_string_equal(config->model.path, path);
}

/* The shipped file holds exactly the defaults of the spec. */
static void test_shipped_file_is_the_default(void **state)
{
  (void)state;
  g_autoptr(GError) error = NULL;
  g_autoptr(PipelineConfig) config = config_load(TEST_DATA_DIR "/../../config", &error);
  assert_non_null(config);
  g_autoptr(PipelineConfig) defaults = config_new_default();
  assert_int_equal(config->model.window_days, defaults->model.window_days);
  for (int f = 0; f < FACTOR_COUNT; f++) {
    const ModelFactor *d = &defaults->model.factors[f];
    assert_factor(&config->model, f, d->id, d->pillar, d->points, d->target);
  }
  assert_int_equal(g_strv_length(config->model.seniority_terms),
                   g_strv_length(defaults->model.seniority_terms));
  for (guint i = 0; defaults->model.seniority_terms[i] != NULL; i++)
    assert_string_equal(config->model.seniority_terms[i], defaults->model.seniority_terms[i]);
}

/* The limits on what one ambassador's inputs may hold: the defaults, as
 * shipped, read from pipeline.ini, and refused out of range. */
static void test_ingest_limits(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(PipelineConfig) defaults = config_new_default();
  assert_int_equal(defaults->max_linkedin_events, 500000);
  assert_int_equal(defaults->max_posts, 50000);
  g_autoptr(GError) error = NULL;
  g_autoptr(PipelineConfig) shipped = config_load(TEST_DATA_DIR "/../../config", &error);
  assert_non_null(shipped);
  assert_int_equal(shipped->max_linkedin_events, 500000);
  assert_int_equal(shipped->max_posts, 50000);

  test_tree_write(fixture->dir, "pipeline.ini",
                  "[ingest]\nmax_linkedin_events = 1000\nmax_posts = 20\n");
  g_autoptr(PipelineConfig) set = config_load(fixture->dir, &error);
  assert_non_null(set);
  assert_int_equal(set->max_linkedin_events, 1000);
  assert_int_equal(set->max_posts, 20);

  test_tree_write(fixture->dir, "pipeline.ini", "[ingest]\nmax_posts = 0\n");
  assert_null(config_load(fixture->dir, &error));
  g_autofree char *path = g_build_filename(fixture->dir, "pipeline.ini", NULL);
  g_autofree char *expected =
      g_strdup_printf("%s: [ingest] max_posts: expected a whole number from 1 to 100000000", path);
  assert_string_equal(error->message, expected);
}

static void assert_model_refused(const Fixture *fixture, const char *model_ini, const char *message)
{
  test_tree_write(fixture->dir, "pipeline.ini", "[ssi]\nsource = estimated\n");
  test_tree_write(fixture->dir, "ssi-model.ini", model_ini);
  g_autoptr(GError) error = NULL;
  g_autoptr(PipelineConfig) config = config_load(fixture->dir, &error);
  assert_null(config);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE));
  g_autofree char *path = g_build_filename(fixture->dir, "ssi-model.ini", NULL);
  g_autofree char *expected = g_strdup_printf("%s: %s", path, message);
  assert_string_equal(error->message, expected);
}

static void test_bad_values(void **state)
{
  Fixture *fixture = *state;
  assert_model_refused(fixture, "[factor publishing]\npoints = -1\n",
                       "[factor publishing] points: expected a number from 0 to 100");
  assert_model_refused(fixture, "[factor publishing]\npoints = ten\n",
                       "[factor publishing] points: expected a number from 0 to 100");
  assert_model_refused(fixture, "[factor acceptance]\ntarget = 0\n",
                       "[factor acceptance] target: expected a number above 0");
  assert_model_refused(fixture, "[factor messages]\npillar = brand\n",
                       "[factor messages] pillar: expected insights (a factor stays in its "
                       "pillar)");
  assert_model_refused(fixture, "[factor messages]\npoint = 3\n",
                       "[factor messages] point: expected one of the keys pillar, points, target");
  assert_model_refused(fixture, "[window]\ndays = 0\n",
                       "[window] days: expected a whole number from 1 to 3660");
  assert_model_refused(fixture, "[seniority]\nterms = ; ;\n",
                       "[seniority] terms: expected a ';'-separated list of at least one term");
  assert_model_refused(fixture, "[factor publishin]\npoints = 3\n",
                       "[factor publishin]: expected a factor id (one of profile, publishing, "
                       "endorsements, network_growth, target_audience, comments, reactions, "
                       "messages, acceptance, senior_network, network_size)");
  assert_model_refused(fixture, "[windows]\ndays = 30\n",
                       "[windows]: expected a group [window], [seniority] or [factor <id>]");
}

static void test_unreadable_model_file(void **state)
{
  Fixture *fixture = *state;
  test_tree_write(fixture->dir, "pipeline.ini", "");
  test_tree_write(fixture->dir, "ssi-model.ini", "days = 30\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PipelineConfig) config = config_load(fixture->dir, &error);
  assert_null(config);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE));
  g_autofree char *path = g_build_filename(fixture->dir, "ssi-model.ini", NULL);
  g_autofree char *prefix = g_strdup_printf("%s: cannot read the settings: ", path);
  assert_true(g_str_has_prefix(error->message, prefix));
}

#define RUN_TEST(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults),      RUN_TEST(test_without_model_file),
      RUN_TEST(test_model_file_overrides),  cmocka_unit_test(test_shipped_file_is_the_default),
      RUN_TEST(test_ingest_limits),         RUN_TEST(test_bad_values),
      RUN_TEST(test_unreadable_model_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
