/* Tests of the whole ingest stage (pipeline/ingest/ingest.c) on small input
 * trees written here: the exact normalized files, every file listed, the
 * dedup of snapshots across files, and when the stage stops with status 2. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/csv_reader.h"
#include "common/errors.h"
#include "ingest/ingest.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *root;
  char *input_dir;
  char *work_dir;
  PipelineConfig *config;
  PipelineContext ctx;
} Fixture;

typedef struct {
  const char *path;
  const char *text;
} TreeFile;

/* Two programs, four ambassadors (c3 has only a LinkedIn export, d4 has
 * nothing), a1 and b2 read twice on one day, an unknown id, a capture that
 * is not JSON, and files the pipeline does not read. */
static const TreeFile small_tree[] = {
    {"programs.ini", "[program p]\nname = Pilot\nstart = 2025-01-01\nteams = DE;AT\n"
                     "[program q]\nname = Quick\nstart = 01.01.2025\nend = 2025-12-31\n"
                     "teams = KEY\n"},
    {"roster.csv", "ambassador_id,name,program,team,joined,consent\n"
                   "a1,Anna Berg,p,DE,2025-01-01,yes\n"
                   "b2,Ben Ott,p,AT,2025-01-01,no\n"
                   "c3,Cem Kaya,q,NORD,2025-01-01,\n"
                   "c3,Cem Kaya,q,KEY,2025-01-01,\n"
                   "d4,Dora Neu,q,KEY,2025-01-01,ja\n"},
    {"ssi/2025-01_a.csv", "ambassador_id,date,ssi\n"
                          "a1,2025-01-10,40\n"
                          "b2,2025-01-11,30\n"
                          "zz,2025-01-12,33\n"},
    {"ssi/2025-02_b.csv", "Botschafter-ID;Datum;Gesamt\n"
                          "a1;10.01.2025;41\n"
                          "b2;11.01.2025;30\n"
                          "a1;03.02.2025;44,5\n"},
    {"ssi/a1_2025-02-20.json", "{\"memberScore\": {\"overall\": 45.5, \"subScores\": []},"
                               " \"groupScore\": [{\"groupType\": \"INDUSTRY\", \"rank\": 12}]}"},
    {"ssi/b2_2025-02-21.json", "not json"},
    {"ssi/notes.txt", "collected by hand\n"},
    {"linkedin/c3/Basic_LinkedInDataExport_03-01-2026.zip", "PK\x03\x04"},
    {"linkedin/c3/export/Connections.csv", "First Name,Last Name,Connected On\n"},
    {"posts/2025-01.csv", "ambassador,date,post_url\n"},
    {"README.md", "hello\n"},
    {"sub/thing.csv", "a,b\n"},
};

/* config/sources.ini of the tests: the generic post export only. */
static const char posts_sources_ini[] =
    "[source generic]\nambassador = ambassador\ndate = date\npost_url = post_url\n"
    "impressions = impressions\nreactions = reactions\ncomments = comments\n"
    "reposts = reposts\nclicks = clicks\n";

static void tree_write_small(const Fixture *f)
{
  for (gsize i = 0; i < G_N_ELEMENTS(small_tree); i++)
    test_tree_write(f->input_dir, small_tree[i].path, small_tree[i].text);
}

static gboolean work_exists(const Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename(f->work_dir, name, NULL);
  return g_file_test(path, G_FILE_TEST_EXISTS);
}

static int setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->root = test_tree_new("ssi-ingest");
  f->input_dir = g_build_filename(f->root, "tree", NULL);
  f->work_dir = g_build_filename(f->root, "work", NULL);
  g_mkdir(f->input_dir, 0755);
  f->config = config_new_default();
  f->ctx = (PipelineContext){.input_dir = f->input_dir,
                             .config_dir = f->root,
                             .work_dir = f->work_dir,
                             .out_dir = f->root,
                             .jobs = 1,
                             .log_level = LOG_QUIET,
                             .config = f->config};
  test_tree_write(f->root, "sources.ini", posts_sources_ini);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fixture *f = *state;
  test_tree_remove(f->root);
  config_free(f->config);
  g_free(f->work_dir);
  g_free(f->input_dir);
  g_free(f->root);
  g_free(f);
  return 0;
}

static const char expected_summary[] =
    "file,kind,encoding,rows_read,accepted,duplicates,rejected,note\n"
    "README.md,unrecognised,,0,0,0,0,not used: not an input the pipeline knows\n"
    "linkedin/c3/Basic_LinkedInDataExport_03-01-2026.zip,linkedin export,,1,0,0,1,"
    "not a readable zip archive: Not a zip archive\n"
    "linkedin/c3/export/Connections.csv,linkedin export,UTF-8,0,0,0,0,\n"
    "posts/2025-01.csv,posts,UTF-8,0,0,0,0,\"delimiter \"\",\"\", decimal point, source generic\"\n"
    "programs.ini,programs,,2,2,0,0,\n"
    "roster.csv,roster,UTF-8,5,4,0,1,\"delimiter \"\",\"\"\"\n"
    "ssi/2025-01_a.csv,ssi,UTF-8,3,0,2,1,\"delimiter \"\",\"\", decimal point\"\n"
    "ssi/2025-02_b.csv,ssi,UTF-8,3,3,0,0,\"delimiter \"\";\"\", decimal comma\"\n"
    "ssi/a1_2025-02-20.json,ssi capture,,1,1,0,0,\n"
    "ssi/b2_2025-02-21.json,ssi capture,,1,0,0,1,"
    "\"not JSON: unexpected identifier `not', expected value\"\n"
    "ssi/notes.txt,unrecognised,,0,0,0,0,not used: not an input the pipeline knows\n"
    "sub/thing.csv,unrecognised,,0,0,0,0,not used: not an input the pipeline knows\n";

static const char expected_rejects[] =
    "file,line,reason,excerpt\n"
    "linkedin/c3/Basic_LinkedInDataExport_03-01-2026.zip,1,"
    "not a readable zip archive: Not a zip archive,\n"
    "roster.csv,4,unknown team,\"c3,Cem Kaya,q,NORD,2025-01-01,\"\n"
    "ssi/2025-01_a.csv,4,unknown ambassador,\"zz,2025-01-12,33\"\n"
    "ssi/b2_2025-02-21.json,1,\"not JSON: unexpected identifier `not', expected value\","
    "not json\n";

static const char expected_snapshots[] =
    "ambassador_id,date,ssi,brand,people,insights,relationships,industry_rank,network_rank,file,"
    "line\n"
    "a1,2025-01-10,41,,,,,,,ssi/2025-02_b.csv,2\n"
    "a1,2025-02-03,44.5,,,,,,,ssi/2025-02_b.csv,4\n"
    "a1,2025-02-20,45.5,,,,,12,,ssi/a1_2025-02-20.json,1\n"
    "b2,2025-01-11,30,,,,,,,ssi/2025-02_b.csv,3\n";

static const char expected_warnings[] =
    "kind,subject,month,detail\n"
    "conflicting duplicate,a1,2025-01,2025-01-10 read twice with different values: "
    "ssi/2025-01_a.csv line 2 (ssi 40) and ssi/2025-02_b.csv line 2 (ssi 41); the latter is "
    "used\n"
    "no data,d4,,no accepted SSI snapshot and no LinkedIn export for this ambassador\n"
    "unknown ambassador,zz,,not in roster.csv; data in ssi/2025-01_a.csv\n";

static void test_small_tree_gives_exact_normalized_files(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  f->config->max_reject_ratio = 0.25;
  g_autoptr(GError) error = NULL;
  IngestTotals totals;
  assert_true(ingest_run(&f->ctx, &totals, &error));
  g_autofree char *summary = test_tree_read(f->work_dir, "normalized/ingest_summary.csv");
  assert_string_equal(summary, expected_summary);
  g_autofree char *rejects = test_tree_read(f->work_dir, "normalized/rejects.csv");
  assert_string_equal(rejects, expected_rejects);
  g_autofree char *snapshots = test_tree_read(f->work_dir, "normalized/ssi_snapshots.csv");
  assert_string_equal(snapshots, expected_snapshots);
  g_autofree char *warnings = test_tree_read(f->work_dir, "normalized/warnings.csv");
  assert_string_equal(warnings, expected_warnings);
  g_autofree char *meta = test_tree_read(f->work_dir, "normalized/meta.csv");
  assert_string_equal(meta, "key,value\nlatest_date,2025-02-20\n");
  assert_int_equal(totals.files, 12);
  assert_int_equal(totals.rows_read, 16);
  assert_int_equal(totals.accepted, 10);
  assert_int_equal(totals.duplicates, 2);
  assert_int_equal(totals.rejected, 4);
}

static void test_programs_and_roster_are_normalized(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  f->config->max_reject_ratio = 0.25;
  assert_true(ingest_run(&f->ctx, NULL, NULL));
  g_autofree char *programs = test_tree_read(f->work_dir, "normalized/programs.csv");
  assert_string_equal(programs, "program,name,company,start,end,target_audience,teams\n"
                                "p,Pilot,,2025-01-01,,,DE;AT\n"
                                "q,Quick,,2025-01-01,2025-12-31,,KEY\n");
  g_autofree char *roster = test_tree_read(f->work_dir, "normalized/roster.csv");
  assert_string_equal(
      roster, "ambassador_id,name,email,program,team,role,country,industry,joined,left,consent\n"
              "a1,Anna Berg,,p,DE,,,,2025-01-01,,yes\n"
              "b2,Ben Ott,,p,AT,,,,2025-01-01,,no\n"
              "c3,Cem Kaya,,q,KEY,,,,2025-01-01,,no\n"
              "d4,Dora Neu,,q,KEY,,,,2025-01-01,,yes\n");
}

static void test_input_files_lists_sizes_and_sha256(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  f->config->max_reject_ratio = 0.25;
  assert_true(ingest_run(&f->ctx, NULL, NULL));
  g_autofree char *text = test_tree_read(f->work_dir, "normalized/input_files.csv");
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  assert_int_equal(g_strv_length(lines), 14); /* header, 12 files, "" after the last '\n' */
  assert_string_equal(lines[0], "file,bytes,sha256");
  /* sha256sum of "hello\n" */
  assert_string_equal(
      lines[1], "README.md,6,5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  assert_true(g_str_has_prefix(lines[5], "programs.ini,"));
}

/* rows_read = accepted + duplicates + rejected on every summary row. */
static gboolean check_balance(const CsvRecord *record, gpointer user_data, GError **error)
{
  (void)error;
  guint *rows = user_data;
  if ((*rows)++ == 0)
    return TRUE;
  guint64 read = g_ascii_strtoull(record->fields[3], NULL, 10);
  guint64 sum = g_ascii_strtoull(record->fields[4], NULL, 10) +
                g_ascii_strtoull(record->fields[5], NULL, 10) +
                g_ascii_strtoull(record->fields[6], NULL, 10);
  assert_int_equal(read, sum);
  return TRUE;
}

static void test_every_file_balances(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  f->config->max_reject_ratio = 0.25;
  assert_true(ingest_run(&f->ctx, NULL, NULL));
  g_autofree char *path = g_build_filename(f->work_dir, "normalized/ingest_summary.csv", NULL);
  guint rows = 0;
  assert_true(csv_reader_read_file(path, NULL, check_balance, &rows, NULL, NULL));
  assert_int_equal(rows, 13);
}

static void test_too_many_rejects_stop_the_run_after_writing(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_int_equal(pipeline_error_exit_status(error), 2);
  assert_string_equal(error->message,
                      "roster: 1 of 5 rows rejected (20.0%), more than max_reject_ratio 5% "
                      "allows (most in roster.csv: 1); see normalized/rejects.csv\n"
                      "ssi: 2 of 8 rows rejected (25.0%), more than max_reject_ratio 5% allows "
                      "(most in ssi/2025-01_a.csv: 1); see normalized/rejects.csv");
  g_autofree char *summary = test_tree_read(f->work_dir, "normalized/ingest_summary.csv");
  assert_string_equal(summary, expected_summary);
  g_autofree char *rejects = test_tree_read(f->work_dir, "normalized/rejects.csv");
  assert_string_equal(rejects, expected_rejects);
}

static void test_rejects_at_the_ratio_are_allowed(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  f->config->max_reject_ratio = 0.25; /* ssi: exactly 2 of 8 */
  g_autoptr(GError) error = NULL;
  assert_true(ingest_run(&f->ctx, NULL, &error));
  f->config->max_reject_ratio = 0.2499;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_true(g_str_has_prefix(error->message, "ssi: 2 of 8 rows rejected (25.0%), more than "
                                               "max_reject_ratio 24.99% allows"));
}

static void test_missing_programs_ini_still_writes_the_summary(void **state)
{
  Fixture *f = *state;
  test_tree_write(f->input_dir, "roster.csv",
                  "ambassador_id,name,program,team,joined\na1,A,p,DE,2025-01-01\n");
  test_tree_write(f->input_dir, "ssi/a.csv", "ambassador_id,date,ssi\na1,2025-01-10,40\n");
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  g_autofree char *message = g_strdup_printf(
      "programs.ini: missing from the input tree %s: expected the programs and their teams",
      f->input_dir);
  assert_string_equal(error->message, message);
  g_autofree char *summary = test_tree_read(f->work_dir, "normalized/ingest_summary.csv");
  assert_string_equal(summary,
                      "file,kind,encoding,rows_read,accepted,duplicates,rejected,note\n"
                      "roster.csv,roster,,0,0,0,0,not read: the run stopped at programs.ini\n"
                      "ssi/a.csv,ssi,,0,0,0,0,not read: the run stopped at programs.ini\n");
  assert_true(work_exists(f, "normalized/rejects.csv"));
  assert_false(work_exists(f, "normalized/ssi_snapshots.csv"));
}

static void test_unusable_programs_ini_names_file_and_line(void **state)
{
  Fixture *f = *state;
  test_tree_write(f->input_dir, "programs.ini", "[program p]\nstart = 2025-01-01\nteams =\n");
  test_tree_write(f->input_dir, "roster.csv",
                  "ambassador_id,name,program,team,joined\na1,A,p,DE,2025-01-01\n");
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  const char *message = "programs.ini:3: [program p] teams: no team: expected a ';'-separated "
                        "list of team ids, e.g. teams = DE;AT";
  assert_string_equal(error->message, message);
  g_autofree char *summary = test_tree_read(f->work_dir, "normalized/ingest_summary.csv");
  g_autofree char *expected =
      g_strdup_printf("file,kind,encoding,rows_read,accepted,duplicates,rejected,note\n"
                      "programs.ini,programs,,0,0,0,0,\"%s\"\n"
                      "roster.csv,roster,,0,0,0,0,not read: the run stopped at programs.ini\n",
                      message);
  assert_string_equal(summary, expected);
}

static void test_unrecognised_ssi_header_stops_after_reading_everything(void **state)
{
  Fixture *f = *state;
  test_tree_write(f->input_dir, "programs.ini", "[program p]\nstart = 2025-01-01\nteams = DE\n");
  test_tree_write(f->input_dir, "roster.csv",
                  "ambassador_id,name,program,team,joined\na1,A,p,DE,2025-01-01\n");
  test_tree_write(f->input_dir, "ssi/a.csv", "who,when\nx,y\n");
  test_tree_write(f->input_dir, "ssi/b.csv", "ambassador_id,date,ssi\na1,2025-01-10,40\n");
  f->config->max_reject_ratio = 0.5;
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_int_equal(pipeline_error_exit_status(error), 2);
  assert_true(g_str_has_prefix(error->message, "ssi/a.csv:1: missing column(s) "
                                               "\"ambassador_id\", \"date\"; found: \"who\", "
                                               "\"when\"; expected: "));
  g_autofree char *snapshots = test_tree_read(f->work_dir, "normalized/ssi_snapshots.csv");
  assert_true(strstr(snapshots, "a1,2025-01-10,40,,,,,,,ssi/b.csv,2\n") != NULL);
  g_autofree char *rejects = test_tree_read(f->work_dir, "normalized/rejects.csv");
  assert_true(g_str_has_prefix(rejects, "file,line,reason,excerpt\nssi/a.csv,1,\"missing "
                                        "column(s) \"\"ambassador_id\"\""));
}

static void test_output_is_identical_on_a_second_run(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  f->config->max_reject_ratio = 0.25;
  const char *const outputs[] = {"ingest_summary.csv", "rejects.csv",  "ssi_snapshots.csv",
                                 "warnings.csv",       "programs.csv", "roster.csv",
                                 "input_files.csv",    "meta.csv",     "posts.csv"};
  assert_true(ingest_run(&f->ctx, NULL, NULL));
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func(g_free);
  for (gsize i = 0; i < G_N_ELEMENTS(outputs); i++) {
    g_autofree char *name = g_strconcat("normalized/", outputs[i], NULL);
    g_ptr_array_add(first, test_tree_read(f->work_dir, name));
  }
  assert_true(ingest_run(&f->ctx, NULL, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS(outputs); i++) {
    g_autofree char *name = g_strconcat("normalized/", outputs[i], NULL);
    g_autofree char *again = test_tree_read(f->work_dir, name);
    assert_string_equal(again, g_ptr_array_index(first, i));
  }
}

static void test_missing_input_tree_is_an_input_error(void **state)
{
  Fixture *f = *state;
  g_autofree char *missing = g_build_filename(f->root, "nowhere", NULL);
  f->ctx.input_dir = missing;
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  g_autofree char *message = g_strdup_printf(
      "%s: not a folder: expected the input tree (programs.ini, roster.csv, ssi/, ...)", missing);
  assert_string_equal(error->message, message);
}

/* --- Advocacy-tool posts ------------------------------------------------- */

static void tree_write_posts_base(const Fixture *f)
{
  test_tree_write(f->input_dir, "programs.ini", "[program p]\nstart = 2025-01-01\nteams = DE\n");
  test_tree_write(f->input_dir, "roster.csv",
                  "ambassador_id,name,email,program,team,joined\n"
                  "a1,Anna Berg,anna@example.com,p,DE,2025-01-01\n"
                  "b2,Ben Ott,ben@example.com,p,DE,2025-01-01\n"
                  "c3,Cem Kaya,,p,DE,2025-01-01\n");
  test_tree_write(f->input_dir, "ssi/a.csv", "ambassador_id,date,ssi\na1,2025-01-10,40\n");
}

static void test_posts_are_normalized_and_count_as_data(void **state)
{
  Fixture *f = *state;
  tree_write_posts_base(f);
  test_tree_write(f->input_dir, "posts/2025-02.csv",
                  "ambassador,date,post_url,impressions,reactions,comments,reposts,clicks\n"
                  "BEN@example.com,2025-02-03,https://x/1,90,3,1,0,\n"
                  "b2,2025-02-03,https://x/0,,,,,\n");
  test_tree_write(f->input_dir, "posts/2025-03.csv",
                  "ambassador,date,post_url,impressions,reactions,comments,reposts,clicks\n"
                  "Ben Ott,2025-02-03,https://x/1,\"1,200\",30,4,2,9\n"
                  "b2,2025-03-05,https://x/2,10,1,0,0,0\n");
  IngestTotals totals;
  g_autoptr(GError) error = NULL;
  assert_true(ingest_run(&f->ctx, &totals, &error));
  g_autofree char *posts = test_tree_read(f->work_dir, "normalized/posts.csv");
  assert_string_equal(posts, "ambassador_id,date,post_url,impressions,reactions,comments,"
                             "reposts,clicks,source,file,line\n"
                             "b2,2025-02-03,https://x/0,,,,,,generic,posts/2025-02.csv,3\n"
                             "b2,2025-02-03,https://x/1,1200,30,4,2,9,generic,posts/2025-03.csv,2\n"
                             "b2,2025-03-05,https://x/2,10,1,0,0,0,generic,posts/2025-03.csv,3\n");
  g_autofree char *meta = test_tree_read(f->work_dir, "normalized/meta.csv");
  assert_string_equal(meta, "key,value\nlatest_date,2025-03-05\n");
  /* b2 has posts only: no "no data" warning, unlike c3. */
  g_autofree char *warnings = test_tree_read(f->work_dir, "normalized/warnings.csv");
  assert_string_equal(warnings,
                      "kind,subject,month,detail\n"
                      "no data,c3,,no accepted SSI snapshot and no LinkedIn export for this "
                      "ambassador\n");
  assert_int_equal(totals.rows_read, 1 + 3 + 1 + 4); /* programs, roster, ssi, posts */
  assert_int_equal(totals.duplicates, 1);
}

static void test_unrecognised_posts_header_stops_with_status_2(void **state)
{
  Fixture *f = *state;
  tree_write_posts_base(f);
  test_tree_write(f->input_dir, "posts/a.csv", "Author;Link\na1;https://x/1\n");
  test_tree_write(f->input_dir, "posts/b.csv",
                  "ambassador,date,post_url\na1,2025-02-01,https://x/2\n");
  f->config->max_reject_ratio = 0.5;
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_int_equal(pipeline_error_exit_status(error), 2);
  const char *reason = "header not recognised: found: \"Author\", \"Link\"; known headers: "
                       "generic: \"ambassador\", \"date\", \"post_url\", \"impressions\", "
                       "\"reactions\", \"comments\", \"reposts\", \"clicks\"";
  g_autofree char *message = g_strconcat("posts/a.csv:1: ", reason, NULL);
  assert_string_equal(error->message, message);
  g_autofree char *posts = test_tree_read(f->work_dir, "normalized/posts.csv");
  assert_true(strstr(posts, "a1,2025-02-01,https://x/2,,,,,,generic,posts/b.csv,2\n") != NULL);
  g_autofree char *rejects = test_tree_read(f->work_dir, "normalized/rejects.csv");
  assert_true(g_str_has_prefix(rejects, "file,line,reason,excerpt\nposts/a.csv,1,\"header not "
                                        "recognised: found: \"\"Author\"\", \"\"Link\"\";"));
}

static void test_post_rejects_weigh_in_their_own_group(void **state)
{
  Fixture *f = *state;
  tree_write_posts_base(f);
  test_tree_write(
      f->input_dir, "posts/a.csv",
      "ambassador,date,post_url\na1,2025-02-01,https://x/1\nzz,2025-02-01,https://x/2\n");
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_int_equal(pipeline_error_exit_status(error), 2);
  assert_string_equal(error->message,
                      "posts: 1 of 2 rows rejected (50.0%), more than max_reject_ratio 5% allows "
                      "(most in posts/a.csv: 1); see normalized/rejects.csv");
}

/* [ingest] max_posts reaches the posts reader: the second post of b2 is
 * rejected and, being half of the posts, stops the run. */
static void test_max_posts_of_the_config_applies(void **state)
{
  Fixture *f = *state;
  f->config->max_posts = 1;
  tree_write_posts_base(f);
  test_tree_write(
      f->input_dir, "posts/a.csv",
      "ambassador,date,post_url\nb2,2025-02-01,https://x/1\nb2,2025-02-02,https://x/2\n");
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_int_equal(pipeline_error_exit_status(error), 2);
  g_autofree char *rejects = test_tree_read(f->work_dir, "normalized/rejects.csv");
  assert_string_equal(rejects, "file,line,reason,excerpt\n"
                               "posts/a.csv,3,more than max_posts (1) different posts of b2,"
                               "\"b2,2025-02-02,https://x/2\"\n");
}

static void test_missing_sources_ini_is_a_config_error(void **state)
{
  Fixture *f = *state;
  tree_write_posts_base(f);
  test_tree_write(f->input_dir, "posts/a.csv",
                  "ambassador,date,post_url\na1,2025-02-01,https://x/1\n");
  g_autofree char *sources = g_build_filename(f->root, "sources.ini", NULL);
  g_unlink(sources);
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_int_equal(pipeline_error_exit_status(error), 1);
  g_autofree char *message =
      g_strdup_printf("%s: missing: expected the column names of each advocacy tool whose "
                      "exports are in posts/ (a [source <id>] section per tool)",
                      sources);
  assert_string_equal(error->message, message);
}

static void test_posts_csv_only_when_the_tree_has_posts(void **state)
{
  Fixture *f = *state;
  tree_write_posts_base(f);
  test_tree_write(f->input_dir, "posts/notes.txt", "exports go here\n");
  assert_true(ingest_run(&f->ctx, NULL, NULL));
  assert_false(work_exists(f, "normalized/posts.csv"));
  test_tree_write(f->input_dir, "posts/a.csv", "ambassador,date,post_url\n");
  assert_true(ingest_run(&f->ctx, NULL, NULL));
  g_autofree char *posts = test_tree_read(f->work_dir, "normalized/posts.csv");
  assert_string_equal(posts, "ambassador_id,date,post_url,impressions,reactions,comments,"
                             "reposts,clicks,source,file,line\n");
  g_autofree char *csv = g_build_filename(f->input_dir, "posts", "a.csv", NULL);
  g_unlink(csv);
  assert_true(ingest_run(&f->ctx, NULL, NULL));
  assert_false(work_exists(f, "normalized/posts.csv"));
}

/* --- Reading on threads ------------------------------------------------- */

static const char *const all_outputs[] = {
    "ingest_summary.csv", "rejects.csv",     "ssi_snapshots.csv", "warnings.csv",
    "programs.csv",       "roster.csv",      "input_files.csv",   "meta.csv",
    "posts.csv",          "li_profiles.csv", "li_shares.csv",     "li_connections.csv"};

/* Runs the stage with jobs into a work folder of its own: the outputs, or
 * NULL for each missing, and the error's message ("" when none). */
static GPtrArray *run_with_jobs(Fixture *f, int jobs, const char *work)
{
  g_autofree char *work_dir = g_build_filename(f->root, work, NULL);
  f->ctx.work_dir = work_dir;
  f->ctx.jobs = jobs;
  g_autoptr(GError) error = NULL;
  ingest_run(&f->ctx, NULL, &error);
  f->ctx.work_dir = f->work_dir;
  GPtrArray *outputs = g_ptr_array_new_with_free_func(g_free);
  for (gsize i = 0; i < G_N_ELEMENTS(all_outputs); i++) {
    g_autofree char *name = g_build_filename(work_dir, "normalized", all_outputs[i], NULL);
    char *text = NULL;
    g_file_get_contents(name, &text, NULL, NULL);
    g_ptr_array_add(outputs, text);
  }
  g_ptr_array_add(outputs, g_strdup(error != NULL ? error->message : ""));
  return outputs;
}

/* Runs with one job and with two, into the fresh folders <work>-1 and
 * <work>-2 (a file an earlier run left would pass for one not written);
 * returns the outputs of two jobs. */
static GPtrArray *assert_same_outputs(Fixture *f, const char *work)
{
  g_autofree char *work_one = g_strdup_printf("%s-1", work);
  g_autofree char *work_two = g_strdup_printf("%s-2", work);
  g_autoptr(GPtrArray) one = run_with_jobs(f, 1, work_one);
  GPtrArray *two = run_with_jobs(f, 2, work_two);
  for (guint i = 0; i < one->len; i++) {
    const char *a = g_ptr_array_index(one, i), *b = g_ptr_array_index(two, i);
    assert_true((a == NULL) == (b == NULL));
    if (a != NULL)
      assert_string_equal(b, a);
  }
  return two;
}

/* Posts and SSI files are read while the LinkedIn exports are: the same
 * bytes, and an unknown id's files in reading order, LinkedIn's last. */
static void test_jobs_read_on_threads_give_the_same_outputs(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  test_tree_write(f->input_dir, "posts/z.csv",
                  "ambassador,date,post_url\nzz,2025-02-01,https://x/1\n"
                  "a1,2025-02-02,https://x/2\na1,bad,https://x/3\n");
  test_tree_write(f->input_dir, "linkedin/zz/export/Profile.csv", "First Name\nZed\n");
  test_tree_write(f->input_dir, "linkedin/c3/export/Shares.csv",
                  "Date,ShareLink,ShareCommentary\n2025-03-01 10:00:00,https://s/1,hi\n");
  f->config->max_reject_ratio = 0.5;
  g_ptr_array_unref(assert_same_outputs(f, "work"));
  g_autofree char *warnings = test_tree_read(f->root, "work-2/normalized/warnings.csv");
  assert_non_null(strstr(warnings, "unknown ambassador,zz,,\"not in roster.csv; data in "
                                   "posts/z.csv, ssi/2025-01_a.csv, linkedin/zz/\"\n"));
}

/* The stops: sources.ini missing (the serial reading reports it where it
 * would), an unknown post header, too many rejects. */
static void test_jobs_stop_as_reading_in_turn_does(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  test_tree_write(f->input_dir, "posts/a.csv", "Author;Link\na1;https://x/1\n");
  f->config->max_reject_ratio = 0.01;
  g_autoptr(GPtrArray) two = assert_same_outputs(f, "header");
  assert_true(g_str_has_prefix(g_ptr_array_index(two, two->len - 1), "posts/a.csv:1: header "));
  g_autofree char *sources = g_build_filename(f->root, "sources.ini", NULL);
  g_unlink(sources);
  g_autoptr(GPtrArray) stopped = assert_same_outputs(f, "no-sources");
  assert_true(g_str_has_suffix(g_ptr_array_index(stopped, stopped->len - 1),
                               "(a [source <id>] section per tool)"));
  g_autofree char *summary = test_tree_read(f->root, "no-sources-2/normalized/ingest_summary.csv");
  assert_non_null(strstr(summary, "ssi/2025-01_a.csv,ssi,,0,0,0,0,"
                                  "not read: the run stopped at posts/2025-01.csv\n"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_small_tree_gives_exact_normalized_files, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_programs_and_roster_are_normalized, setup, teardown),
      cmocka_unit_test_setup_teardown(test_input_files_lists_sizes_and_sha256, setup, teardown),
      cmocka_unit_test_setup_teardown(test_every_file_balances, setup, teardown),
      cmocka_unit_test_setup_teardown(test_too_many_rejects_stop_the_run_after_writing, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_rejects_at_the_ratio_are_allowed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_programs_ini_still_writes_the_summary, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_unusable_programs_ini_names_file_and_line, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_unrecognised_ssi_header_stops_after_reading_everything,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(test_output_is_identical_on_a_second_run, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_input_tree_is_an_input_error, setup, teardown),
      cmocka_unit_test_setup_teardown(test_posts_are_normalized_and_count_as_data, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unrecognised_posts_header_stops_with_status_2, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_post_rejects_weigh_in_their_own_group, setup, teardown),
      cmocka_unit_test_setup_teardown(test_max_posts_of_the_config_applies, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_sources_ini_is_a_config_error, setup, teardown),
      cmocka_unit_test_setup_teardown(test_posts_csv_only_when_the_tree_has_posts, setup, teardown),
      cmocka_unit_test_setup_teardown(test_jobs_read_on_threads_give_the_same_outputs, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_jobs_stop_as_reading_in_turn_does, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
