/* Tests of how the ingest stage (pipeline/ingest/ingest.c) writes
 * normalized/: with jobs to spare some files are written on threads of
 * their own, yet the error a run reports is the one of the first file, in
 * the order of a single thread, that could not be written. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/contract.h"
#include "common/errors.h"
#include "ingest/ingest.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *root;
  char *input_dir;
  PipelineConfig *config;
} Fixture;

static int setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->root = test_tree_new("ssi-ingest-write");
  f->input_dir = g_build_filename(f->root, "tree", NULL);
  f->config = config_new_default();
  test_tree_write(f->input_dir, "programs.ini",
                  "[program p]\nname = Pilot\nstart = 2025-01-01\nteams = DE\n");
  test_tree_write(f->input_dir, "roster.csv",
                  "ambassador_id,name,program,team,joined,consent\n"
                  "a1,Anna Berg,p,DE,2025-01-01,yes\n");
  test_tree_write(f->input_dir, "ssi/2025-01.csv", "ambassador_id,date,ssi\na1,2025-01-10,40\n");
  test_tree_write(f->root, "sources.ini", "[source generic]\nambassador = a\n");
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fixture *f = *state;
  test_tree_remove(f->root);
  config_free(f->config);
  g_free(f->input_dir);
  g_free(f->root);
  g_free(f);
  return 0;
}

/* Runs ingest into a fresh work folder where each of blocked (NULL-ended
 * contract paths) is a folder, so that file cannot be renamed into place;
 * returns the error message with the folder as WORK, NULL when the run
 * succeeds. */
static char *run_blocked(const Fixture *f, guint jobs, const char *const *blocked)
{
  g_autofree char *name = g_strdup_printf("work-%u-%s", jobs, blocked[0] ? blocked[0] : "none");
  g_strdelimit(name, "/.", '-');
  g_autofree char *work_dir = g_build_filename(f->root, name, NULL);
  for (guint i = 0; blocked[i] != NULL; i++) {
    g_autofree char *inside = g_build_filename(blocked[i], "keep", NULL);
    test_tree_write(work_dir, inside, "x");
  }
  PipelineContext ctx = {.input_dir = f->input_dir,
                         .config_dir = f->root,
                         .work_dir = work_dir,
                         .out_dir = f->root,
                         .jobs = jobs,
                         .log_level = LOG_QUIET,
                         .config = f->config};
  g_autoptr(GError) error = NULL;
  if (ingest_run(&ctx, NULL, &error))
    return NULL;
  assert_non_null(error);
  assert_int_equal(error->domain, PIPELINE_ERROR);
  assert_int_equal(error->code, PIPELINE_ERROR_OUTPUT);
  g_auto(GStrv) parts = g_strsplit(error->message, work_dir, -1);
  return g_strjoinv("WORK", parts);
}

/* The error of each blocking, the same with one job or two. */
static void assert_first_error(const Fixture *f, const char *const *blocked, const char *expected)
{
  for (guint jobs = 1; jobs <= 2; jobs++) {
    g_autofree char *message = run_blocked(f, jobs, blocked);
    assert_non_null(message);
    assert_string_equal(message, expected);
  }
}

static void test_unwritable_input_files_is_reported(void **state)
{
  const char *const blocked[] = {CONTRACT_INPUT_FILES, NULL};
  assert_first_error(*state, blocked, "cannot write WORK/" CONTRACT_INPUT_FILES ": Is a directory");
}

/* An earlier file's error wins over input_files.csv's, and that over the
 * ledger's files and meta.csv. */
static void test_errors_in_single_thread_order(void **state)
{
  const char *const programs_first[] = {CONTRACT_PROGRAMS, CONTRACT_INPUT_FILES, NULL};
  assert_first_error(*state, programs_first,
                     "cannot write WORK/" CONTRACT_PROGRAMS ": Is a directory");
  const char *const li_first[] = {CONTRACT_LI_CONNECTIONS, CONTRACT_INPUT_FILES, NULL};
  assert_first_error(*state, li_first,
                     "cannot write WORK/" CONTRACT_LI_CONNECTIONS ": Is a directory");
  const char *const inputs_first[] = {CONTRACT_INPUT_FILES, CONTRACT_META, CONTRACT_INGEST_SUMMARY,
                                      NULL};
  assert_first_error(*state, inputs_first,
                     "cannot write WORK/" CONTRACT_INPUT_FILES ": Is a directory");
  const char *const meta_first[] = {CONTRACT_META, CONTRACT_INGEST_SUMMARY, NULL};
  assert_first_error(*state, meta_first, "cannot write WORK/" CONTRACT_META ": Is a directory");
  const char *const summary[] = {CONTRACT_INGEST_SUMMARY, NULL};
  assert_first_error(*state, summary,
                     "cannot write WORK/" CONTRACT_INGEST_SUMMARY ": Is a directory");
}

/* Nothing blocked: both succeed with the same files. */
static void test_jobs_write_the_same_files(void **state)
{
  Fixture *f = *state;
  const char *const none[] = {NULL};
  assert_null(run_blocked(f, 1, none));
  assert_null(run_blocked(f, 2, none));
  static const char *const names[] = {
      CONTRACT_PROGRAMS, CONTRACT_ROSTER,         CONTRACT_SNAPSHOTS, CONTRACT_INPUT_FILES,
      CONTRACT_META,     CONTRACT_INGEST_SUMMARY, CONTRACT_REJECTS,   CONTRACT_LI_CONNECTIONS};
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *one = g_build_filename("work-1-none", names[i], NULL);
    g_autofree char *two = g_build_filename("work-2-none", names[i], NULL);
    g_autofree char *text_one = test_tree_read(f->root, one);
    g_autofree char *text_two = test_tree_read(f->root, two);
    assert_string_equal(text_one, text_two);
  }
  g_autofree char *inputs = test_tree_read(f->root, "work-2-none/" CONTRACT_INPUT_FILES);
  assert_non_null(strstr(inputs, "file,bytes,sha256\nprograms.ini,"));
  assert_non_null(strstr(inputs, "\nssi/2025-01.csv,40,"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_unwritable_input_files_is_reported, setup, teardown),
      cmocka_unit_test_setup_teardown(test_errors_in_single_thread_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_jobs_write_the_same_files, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
