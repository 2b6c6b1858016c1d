/* Replays, through the ordinary build, every input the fuzzers keep
 * (tests/fuzz/README.md): the seeds under tests/fuzz/seeds/<target>/ and
 * each input that once crashed a parser, under tests/fuzz/regressions/<target>/.
 * The bodies are the fuzzers' own (tests/fuzz/targets.c) and abort on a
 * broken promise, so a parser that regresses fails this test. */
#include "fuzz/targets.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#define FUZZ_DIR TEST_DATA_DIR "/../fuzz"
#define SOURCE_DIR TEST_DATA_DIR "/../.."

/* The files of FUZZ_DIR/<kind>/<target>, sorted; empty when the folder
 * does not exist. */
static GPtrArray *kept_inputs(const char *kind, const char *target)
{
  g_autofree char *dir = g_build_filename(FUZZ_DIR, kind, target, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add(paths, g_build_filename(dir, name, NULL));
  g_ptr_array_sort(paths, (GCompareFunc)g_strcmp0);
  return paths;
}

static guint replay(const FuzzTarget *target, FuzzFixture *fixture, const char *kind)
{
  g_autoptr(GPtrArray) paths = kept_inputs(kind, target->name);
  for (guint i = 0; i < paths->len; i++) {
    const char *path = g_ptr_array_index(paths, i);
    g_autofree char *data = NULL;
    gsize size = 0;
    g_autoptr(GError) error = NULL;
    if (!g_file_get_contents(path, &data, &size, &error))
      fail_msg("%s", error->message);
    print_message("%s\n", path + strlen(FUZZ_DIR) + 1);
    target->run(fixture, (const guint8 *)data, size);
  }
  return paths->len;
}

/* Every target has seeds, so no target goes untried here. */
static void test_replay_target(void **state)
{
  const FuzzTarget *target = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(FuzzFixture) fixture = fuzz_fixture_new(SOURCE_DIR, &error);
  if (fixture == NULL)
    fail_msg("%s", error->message);
  assert_true(replay(target, fixture, "seeds") > 0);
  replay(target, fixture, "regressions");
}

static gboolean target_known(const char *name)
{
  for (guint i = 0; i < fuzz_targets_count(); i++)
    if (strcmp(fuzz_target_get(i)->name, name) == 0)
      return TRUE;
  return FALSE;
}

/* A kept input in a folder no target reads would never be replayed. */
static void test_every_folder_is_a_target(void **state)
{
  (void)state;
  static const char *const kinds[] = {"seeds", "regressions"};
  for (gsize k = 0; k < G_N_ELEMENTS(kinds); k++) {
    g_autofree char *dir = g_build_filename(FUZZ_DIR, kinds[k], NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL)
      if (!target_known(name))
        fail_msg("%s/%s: no fuzz target of that name", kinds[k], name);
  }
}

int main(void)
{
  g_log_set_always_fatal(G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  guint n = fuzz_targets_count();
  g_autofree struct CMUnitTest *tests = g_new0(struct CMUnitTest, n + 1);
  for (guint i = 0; i < n; i++) {
    const FuzzTarget *target = fuzz_target_get(i);
    tests[i] = (struct CMUnitTest){target->name, test_replay_target, NULL, NULL, (void *)target};
  }
  tests[n] = (struct CMUnitTest)cmocka_unit_test(test_every_folder_is_a_target);
  return _cmocka_run_group_tests("fuzz_regressions", tests, n + 1, NULL, NULL);
}
