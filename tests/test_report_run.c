/* Tests of report/report.c: the program report written from the hand-made
 * work folder of tests/data/report, read back from the .xlsx (a zip) with
 * unzip: sheet names in both languages, input text kept as text, identical
 * bytes on a rerun, and failures that leave nothing behind. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "report/report.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE_WORK TEST_DATA_DIR "/report/work"
#define FIXTURE_CONFIG TEST_DATA_DIR "/report/config"

typedef struct {
  char *dir; /* temporary, removed after each test */
  PipelineConfig *config;
  PipelineContext ctx;
} Fixture;

static int fixture_setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->dir = g_dir_make_tmp("report-run-XXXXXX", NULL);
  f->config = config_new_default();
  f->ctx = (PipelineContext){.work_dir = FIXTURE_WORK,
                             .config_dir = FIXTURE_CONFIG,
                             .out_dir = NULL,
                             .jobs = 1,
                             .config = f->config};
  *state = f;
  return f->dir == NULL;
}

static void remove_tree(const char *path)
{
  if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
      g_autofree char *child = g_build_filename(path, name, NULL);
      remove_tree(child);
    }
    g_rmdir(path);
  } else {
    g_remove(path);
  }
}

static int fixture_teardown(void **state)
{
  Fixture *f = *state;
  remove_tree(f->dir);
  g_free(f->dir);
  config_free(f->config);
  g_free(f);
  return 0;
}

/* Runs the report into <dir>/<out_name>; returns the workbook's path. */
static char *run_report(Fixture *f, const char *out_name)
{
  g_autofree char *out = g_build_filename(f->dir, out_name, NULL);
  f->ctx.out_dir = out;
  ReportResult result = {0};
  g_autoptr(GError) error = NULL;
  gboolean ok = report_run(&f->ctx, &result, &error);
  if (!ok)
    fail_msg("report_run: %s", error->message);
  assert_int_equal(result.paths->len, 1);
  char *path = g_strdup(g_ptr_array_index(result.paths, 0));
  report_result_clear(&result);
  f->ctx.out_dir = NULL;
  return path;
}

/* The text of one file inside the workbook. */
static char *zip_entry(const char *zip, const char *entry)
{
  const char *argv[] = {"unzip", "-p", zip, entry, NULL};
  char *out = NULL;
  int status = 0;
  g_autoptr(GError) error = NULL;
  if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &out, NULL, &status, &error))
    fail_msg("unzip: %s", error->message);
  assert_true(g_spawn_check_wait_status(status, NULL));
  return out;
}

static void assert_sheets_in_order(const char *zip, const char *const *names)
{
  g_autofree char *workbook = zip_entry(zip, "xl/workbook.xml");
  const char *previous = workbook;
  for (gsize i = 0; names[i] != NULL; i++) {
    g_autofree char *attribute = g_strdup_printf("<sheet name=\"%s\" sheetId=", names[i]);
    const char *found = strstr(workbook, attribute);
    if (found == NULL || found < previous)
      fail_msg("sheet \"%s\" missing or out of order in %s", names[i], workbook);
    previous = found;
  }
}

static void test_english_workbook(void **state)
{
  Fixture *f = *state;
  g_autofree char *path = run_report(f, "out");
  g_autofree char *expected =
      g_build_filename(f->dir, "out", "2026-10", "program-report-2026-10.xlsx", NULL);
  assert_string_equal(path, expected);
  assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
  const char *names[] = {"Summary",  "Teams",        "Ambassadors", "Trend",
                         "Coaching", "Data quality", "Method",      NULL};
  assert_sheets_in_order(path, names);
}

static void test_german_workbook(void **state)
{
  Fixture *f = *state;
  g_free(f->config->language);
  f->config->language = g_strdup("de");
  g_autofree char *path = run_report(f, "out");
  const char *names[] = {"Übersicht", "Teams",         "Botschafter", "Trend",
                         "Coaching",  "Datenqualität", "Methodik",    NULL};
  assert_sheets_in_order(path, names);
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_non_null(strstr(strings, "Verbesserungsbedarf")); /* band low */
  assert_non_null(strstr(strings, "Oktober 2026"));
}

/* The fixture's ambassador a2 is named =HYPERLINK("http://example.com","click"). */
static void test_formula_looking_name_stays_text(void **state)
{
  Fixture *f = *state;
  g_autofree char *path = run_report(f, "out");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_non_null(strstr(strings, "<t>=HYPERLINK(\"http://example.com\",\"click\")</t>"));
  assert_non_null(strstr(strings, "<t>a1;2026-10-03;=1+2;30;\"x\";1;1</t>")); /* an excerpt */
  for (int sheet = 1; sheet <= 7; sheet++) {
    g_autofree char *entry = g_strdup_printf("xl/worksheets/sheet%d.xml", sheet);
    g_autofree char *xml = zip_entry(path, entry);
    assert_non_null(strstr(xml, "<sheetData>"));
    if (strstr(xml, "<f>") != NULL || strstr(xml, "<f ") != NULL)
      fail_msg("%s holds a formula", entry);
  }
}

/* The XML element of cell ref ("B7") in a sheet, or NULL. */
static char *cell_of(const char *sheet_xml, const char *ref)
{
  g_autofree char *open = g_strdup_printf("<c r=\"%s\" ", ref);
  const char *start = strstr(sheet_xml, open);
  if (start == NULL)
    return NULL;
  const char *close = strstr(start, "</c>");
  const char *empty = strstr(start, "/>");
  const char *end = close != NULL && (empty == NULL || close < empty) ? close + 4 : empty + 2;
  return g_strndup(start, (gsize)(end - start));
}

static void assert_cell(const char *sheet_xml, const char *ref, const char *expected_value)
{
  g_autofree char *cell = cell_of(sheet_xml, ref);
  if (cell == NULL)
    fail_msg("no cell %s", ref);
  if (expected_value == NULL) {
    if (strstr(cell, "<v>") != NULL)
      fail_msg("cell %s should be empty: %s", ref, cell);
    return;
  }
  g_autofree char *value = g_strdup_printf("<v>%s</v>", expected_value);
  if (strstr(cell, value) == NULL || strstr(cell, " t=\"") != NULL)
    fail_msg("cell %s should hold the number %s: %s", ref, expected_value, cell);
}

static void test_numbers_are_numbers(void **state)
{
  Fixture *f = *state;
  g_autofree char *path = run_report(f, "out");
  g_autofree char *summary = zip_entry(path, "xl/worksheets/sheet1.xml");
  /* All programs (row 7): 5 members, mean 56, change -2 vs September,
   * shares 20 %, activation 60 %, 1.2 posts per member. */
  assert_cell(summary, "B7", "5");
  assert_cell(summary, "D7", "56");
  assert_cell(summary, "E7", "-2");
  assert_cell(summary, "F7", "60");
  assert_cell(summary, "G7", "0.2");
  assert_cell(summary, "I7", "0.6");
  assert_cell(summary, "J7", "1.2");
  /* Türen (row 6) had no mean in September: no change, an empty cell. */
  assert_cell(summary, "E6", NULL);
  /* Ambassadors: a2 (row 3) has no estimate, so no "estimated minus
   * reported" (column V); Anna (row 4) has 58 - 60. */
  g_autofree char *ambassadors = zip_entry(path, "xl/worksheets/sheet3.xml");
  assert_cell(ambassadors, "V3", NULL);
  assert_cell(ambassadors, "V4", "-2");
  assert_cell(ambassadors, "N3", "4"); /* rank in program */
}

/* Rows of the Ambassadors sheet: 3 a2, 4 Anna in fenster, 5 Anna in tueren,
 * 6 Özil, 7 Zoe. */
static void test_ambassadors_estimates_and_activity(void **state)
{
  Fixture *f = *state;
  g_autofree char *path = run_report(f, "out");
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet3.xml");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_non_null(strstr(strings, "<t>Brand (estimated)</t>"));
  assert_non_null(strstr(strings, "<t>Relationships (estimated)</t>"));
  /* Zoe: estimated SSI 70 (Q), its pillars 18, 17, 18, 17 (R to U), 70 - 75. */
  assert_cell(xml, "Q7", "70");
  assert_cell(xml, "R7", "18");
  assert_cell(xml, "S7", "17");
  assert_cell(xml, "T7", "18");
  assert_cell(xml, "U7", "17");
  assert_cell(xml, "V7", "-5");
  assert_cell(xml, "R3", NULL); /* a2: no estimate */
  /* Activity: posts (W) empty for Özil, 0 for Anna in tueren; tool posts
   * (AE) 0 for Özil, empty for Zoe; impressions (AF), clicks (AJ). */
  assert_cell(xml, "W6", NULL);
  assert_cell(xml, "W5", "0");
  assert_cell(xml, "X3", "3");
  assert_cell(xml, "AE6", "0");
  assert_cell(xml, "AE7", NULL);
  assert_cell(xml, "AE5", "2");
  assert_cell(xml, "AF6", NULL);
  assert_cell(xml, "AF7", "5200");
  assert_cell(xml, "AJ4", "20");
}

/* The text of shared string number index. */
static char *shared_string(const char *strings_xml, guint index)
{
  const char *p = strings_xml;
  for (guint i = 0; i <= index; i++) {
    p = strstr(p, "<si>");
    if (p == NULL)
      return NULL;
    p += 4;
  }
  const char *start = strchr(p, '>') + 1; /* <t> or <t xml:space="preserve"> */
  const char *end = strstr(start, "</t>");
  return g_strndup(start, (gsize)(end - start));
}

static void assert_cell_text(const char *sheet_xml, const char *strings_xml, const char *ref,
                             const char *expected)
{
  g_autofree char *cell = cell_of(sheet_xml, ref);
  if (cell == NULL || strstr(cell, " t=\"s\"") == NULL)
    fail_msg("cell %s should hold a string: %s", ref, cell != NULL ? cell : "(none)");
  const char *v = strstr(cell, "<v>");
  assert_non_null(v);
  g_autofree char *text = shared_string(strings_xml, (guint)atoi(v + 3));
  assert_non_null(text);
  assert_string_equal(text, expected);
}

/* The Coaching sheet (sheet 5): title, note and header, then from row 4 the
 * rows of the Ambassadors sheet. */
static void test_coaching_sheet(void **state)
{
  Fixture *f = *state;
  g_autofree char *path = run_report(f, "out");
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet5.xml");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_cell_text(xml, strings, "A1", "Coaching – October 2026");
  assert_cell_text(xml, strings, "G3", "Next step");
  /* a2: reported SSI only, no export: no pillar, no factor. */
  assert_cell_text(xml, strings, "A4", "=HYPERLINK(\"http://example.com\",\"click\")");
  assert_cell(xml, "D4", "55");
  assert_cell(xml, "E4", NULL);
  assert_cell_text(xml, strings, "G4",
                   "No LinkedIn data export covers October 2026: ask for a fresh export "
                   "(Settings &gt; Data privacy &gt; Get a copy of your data).");
  assert_cell(xml, "H4", NULL);
  /* Anna in fenster: reported pillars all 15, so brand; publishing misses
   * 7.5 points, profile 2.5. */
  assert_cell_text(xml, strings, "E5", "Professional brand");
  assert_cell_text(xml, strings, "F5", "Publishing");
  assert_cell_text(xml, strings, "G5",
                   "Post about once a week: 3 posts in the last 90 days, 12 "
                   "earn the full 10 points.");
  assert_cell(xml, "H5", "7.5");
  /* Anna in tueren: profile 4 of 8 checkpoints. */
  assert_cell_text(xml, strings, "F6", "Profile");
  assert_cell(xml, "H6", "5");
  /* Zoe: people (18) is her weakest reported pillar. */
  assert_cell_text(xml, strings, "E8", "Find the right people");
  assert_cell_text(xml, strings, "G8",
                   "Connect with people in your program's target audience: "
                   "12 such connections in the last 90 days, 15 earn the "
                   "full 15 points.");
  assert_cell(xml, "H8", "3");
  /* The next step wraps in a column 80 wide; its rows are as tall as the
   * lines it takes. */
  assert_non_null(strstr(xml, "<col min=\"7\" max=\"7\" width=\"80.7109375\""));
  assert_non_null(strstr(xml, "<row r=\"6\" spans=\"1:8\" ht=\"45\" customHeight=\"1\">"));
}

static void test_coaching_sheet_in_german(void **state)
{
  Fixture *f = *state;
  g_free(f->config->language);
  f->config->language = g_strdup("de");
  g_autofree char *path = run_report(f, "out");
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet5.xml");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_cell_text(xml, strings, "E5", "Professionelle Marke");
  assert_cell_text(xml, strings, "F5", "Beiträge");
  assert_cell_text(xml, strings, "G5",
                   "Einmal pro Woche posten: 3 Beiträge in den letzten 90 "
                   "Tagen, 12 bringen die vollen 10 Punkte.");
}

/* The Method sheet (sheet 7) lists the model's factors from the config in
 * force, the seniority terms, and coaching.ini among the config files. */
static void test_method_sheet_model(void **state)
{
  Fixture *f = *state;
  ModelConfig *model = &f->config->model;
  model->window_days = 60;
  model->factors[FACTOR_PUBLISHING].target = 8;
  g_strfreev(model->seniority_terms);
  const char *terms[] = {"CEO", "Head of", "Gründer", NULL};
  model->seniority_terms = g_strdupv((char **)terms);
  g_autofree char *path = run_report(f, "out");
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet7.xml");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_cell_text(xml, strings, "A6", "Window (days)");
  assert_cell(xml, "B6", "60");
  /* The factor table: a section line and its header at rows 14 and 15. */
  assert_cell_text(xml, strings, "A14", "Estimated SSI: the model's factors");
  assert_cell_text(xml, strings, "A16", "Professional brand");
  assert_cell_text(xml, strings, "B16", "Profile");
  assert_cell(xml, "D16", "10");
  assert_cell(xml, "E16", "1");
  assert_cell_text(xml, strings, "B17", "Publishing");
  assert_cell_text(xml, strings, "C17", "Posts and shares in the window");
  assert_cell(xml, "E17", "8");
  assert_cell_text(xml, strings, "B24", "Acceptance rate");
  assert_cell(xml, "E24", "0.5");
  assert_cell_text(xml, strings, "A26", "Build relationships");
  assert_cell_text(xml, strings, "B26", "Network size");
  assert_cell(xml, "E26", "500");
  assert_cell_text(xml, strings, "B27", "Seniority terms");
  assert_cell_text(xml, strings, "C27", "CEO, Head of, Gründer");
  assert_non_null(strstr(strings, "<t>coaching.ini</t>"));
  assert_non_null(strstr(strings, "<t>sources.ini</t>"));
}

static void test_rerun_gives_identical_bytes(void **state)
{
  Fixture *f = *state;
  g_autofree char *first = run_report(f, "one");
  g_autofree char *second = run_report(f, "two");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_length = 0;
  gsize b_length = 0;
  assert_true(g_file_get_contents(first, &a, &a_length, NULL));
  assert_true(g_file_get_contents(second, &b, &b_length, NULL));
  assert_int_equal(a_length, b_length);
  assert_memory_equal(a, b, a_length);
  g_autofree char *core = zip_entry(first, "docProps/core.xml");
  assert_non_null(strstr(core, ">2026-10-31T23:59:59Z</dcterms:created>"));
}

static void test_month_option(void **state)
{
  Fixture *f = *state;
  f->ctx.month = "2026-09";
  g_autofree char *path = run_report(f, "out");
  g_autofree char *expected =
      g_build_filename(f->dir, "out", "2026-09", "program-report-2026-09.xlsx", NULL);
  assert_string_equal(path, expected);
}

static guint count_entries(const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open(dir, 0, NULL);
  guint n = 0;
  while (listing != NULL && g_dir_read_name(listing) != NULL)
    n++;
  return n;
}

static void assert_output_error(Fixture *f, const char *out, const char *in_message)
{
  f->ctx.out_dir = out;
  ReportResult result = {0};
  g_autoptr(GError) error = NULL;
  assert_false(report_run(&f->ctx, &result, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT));
  assert_int_equal(pipeline_error_exit_status(error), 3);
  if (strstr(error->message, in_message) == NULL)
    fail_msg("\"%s\" does not name %s", error->message, in_message);
  assert_int_equal(result.paths->len, 0);
  report_result_clear(&result);
}

static void test_output_folder_is_a_file(void **state)
{
  Fixture *f = *state;
  g_autofree char *out = g_build_filename(f->dir, "out", NULL);
  assert_true(g_file_set_contents(out, "not a folder", -1, NULL));
  g_autofree char *month_dir = g_build_filename(out, "2026-10", NULL);
  assert_output_error(f, out, month_dir);
  assert_int_equal(count_entries(f->dir), 1); /* only the file */
}

/* The workbook is written, but cannot be renamed over a folder of its name:
 * the temporary file goes, the folder stays. */
static void test_failed_rename_leaves_no_temp_file(void **state)
{
  Fixture *f = *state;
  g_autofree char *out = g_build_filename(f->dir, "out", NULL);
  g_autofree char *target = g_build_filename(out, "2026-10", "program-report-2026-10.xlsx", NULL);
  assert_int_equal(g_mkdir_with_parents(target, 0755), 0);
  assert_output_error(f, out, target);
  g_autofree char *month_dir = g_build_filename(out, "2026-10", NULL);
  assert_int_equal(count_entries(month_dir), 1);
  assert_true(g_file_test(target, G_FILE_TEST_IS_DIR));
}

/* A copy of the fixture's work folder under <dir>/work, to alter. */
static char *copy_fixture_work(const char *dir)
{
  char *work = g_build_filename(dir, "work", NULL);
  const char *subdirs[] = {"scores", "normalized"};
  for (gsize i = 0; i < G_N_ELEMENTS(subdirs); i++) {
    g_autofree char *from_dir = g_build_filename(FIXTURE_WORK, subdirs[i], NULL);
    g_autofree char *to_dir = g_build_filename(work, subdirs[i], NULL);
    assert_int_equal(g_mkdir_with_parents(to_dir, 0755), 0);
    g_autoptr(GDir) listing = g_dir_open(from_dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name(listing)) != NULL) {
      g_autofree char *from = g_build_filename(from_dir, name, NULL);
      g_autofree char *to = g_build_filename(to_dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      assert_true(g_file_get_contents(from, &contents, &length, NULL));
      assert_true(g_file_set_contents(to, contents, (gssize)length, NULL));
    }
  }
  return work;
}

/* A binary file's excerpt and a 40000-character one: control characters
 * show as U+FFFD, and the long text is cut to Excel's 32767 characters. */
static void test_awkward_text_is_written_safely(void **state)
{
  Fixture *f = *state;
  g_autofree char *work = copy_fixture_work(f->dir);
  g_autofree char *long_text = g_strnfill(40000, 'x');
  g_autofree char *rejects = g_strdup_printf("file,line,reason,excerpt\n"
                                             "ssi/bin.csv,1,binary data,\"PK\x03\x04 end\"\n"
                                             "ssi/long.csv,2,too long,%s\n",
                                             long_text);
  g_autofree char *rejects_path = g_build_filename(work, "normalized", "rejects.csv", NULL);
  assert_true(g_file_set_contents(rejects_path, rejects, -1, NULL));
  f->ctx.work_dir = work;
  g_autofree char *path = run_report(f, "out");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_non_null(strstr(strings, "<t>PK\xEF\xBF\xBD\xEF\xBF\xBD end</t>"));
  g_autofree char *cut = g_strdup_printf("<t>%.*s</t>", 32767, long_text);
  assert_non_null(strstr(strings, cut));
}

static void assert_run_error(Fixture *f, int code, const char *expected)
{
  g_autofree char *out = g_build_filename(f->dir, "out", NULL);
  f->ctx.out_dir = out;
  ReportResult result = {0};
  g_autoptr(GError) error = NULL;
  assert_false(report_run(&f->ctx, &result, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, code));
  assert_string_equal(error->message, expected);
  assert_int_equal(result.paths->len, 0);
  report_result_clear(&result);
  f->ctx.out_dir = NULL;
}

/* An estimated SSI without scores/factors.csv: the work folder was scored
 * before the estimate had factors, and the report says which file to make. */
static void test_estimate_without_factors_file(void **state)
{
  Fixture *f = *state;
  g_autofree char *work = copy_fixture_work(f->dir);
  g_autofree char *factors = g_build_filename(work, "scores", "factors.csv", NULL);
  assert_int_equal(g_remove(factors), 0);
  f->ctx.work_dir = work;
  g_autofree char *workbook =
      g_build_filename(f->dir, "out", "2026-10", "program-report-2026-10.xlsx", NULL);
  g_autofree char *expected = g_strdup_printf(
      "%s: %s: missing, expected the factors of the estimated SSI of 2026-10 (run the score "
      "stage again)",
      workbook, factors);
  assert_run_error(f, PIPELINE_ERROR_INPUT, expected);
  g_autofree char *month_dir = g_build_filename(f->dir, "out", "2026-10", NULL);
  assert_int_equal(count_entries(month_dir), 0);
}

/* Without an estimate in the month, no factors are needed: everyone gets
 * the no-export text. */
static void test_no_estimate_needs_no_factors_file(void **state)
{
  Fixture *f = *state;
  g_autofree char *work = copy_fixture_work(f->dir);
  g_autofree char *factors = g_build_filename(work, "scores", "factors.csv", NULL);
  assert_int_equal(g_remove(factors), 0);
  g_autofree char *person_month = g_build_filename(work, "scores", "person_month.csv", NULL);
  g_autofree char *contents = NULL;
  assert_true(g_file_get_contents(person_month, &contents, NULL, NULL));
  g_autofree char *header = g_strndup(contents, (gsize)(strchr(contents, '\n') - contents + 1));
  g_autofree char *rows = g_strconcat(
      header,
      "a3,Özil Cem,fenster,DE,2026-10,60.00,reported,mid,15.00,14.00,15.00,15.00,60.00,,,"
      ",,,12,10,,3,10,4,5,2,6,1,0,,,,,\n",
      NULL);
  assert_true(g_file_set_contents(person_month, rows, -1, NULL));
  f->ctx.work_dir = work;
  g_autofree char *path = run_report(f, "out");
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet5.xml");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_cell_text(xml, strings, "E4", "Find the right people");
  assert_cell_text(xml, strings, "G4",
                   "No LinkedIn data export covers October 2026: ask for a fresh export "
                   "(Settings &gt; Data privacy &gt; Get a copy of your data).");
}

/* factors.csv holds the score's report month only: a report for another
 * month with estimates asks for that month to be scored. */
static void test_estimate_without_its_factors(void **state)
{
  Fixture *f = *state;
  f->ctx.month = "2026-08";
  g_autofree char *workbook =
      g_build_filename(f->dir, "out", "2026-08", "program-report-2026-08.xlsx", NULL);
  g_autofree char *expected = g_strdup_printf(
      "%s: %s/scores/factors.csv: no factors of ambassador a1 in program fenster for 2026-08, "
      "expected them for every estimated SSI of person_month.csv (run the score stage for "
      "2026-08 again)",
      workbook, FIXTURE_WORK);
  assert_run_error(f, PIPELINE_ERROR_INPUT, expected);
}

static void test_missing_coaching_texts(void **state)
{
  Fixture *f = *state;
  g_autofree char *config = g_build_filename(f->dir, "config", NULL);
  assert_int_equal(g_mkdir(config, 0755), 0);
  f->ctx.config_dir = config;
  g_autofree char *expected = g_strdup_printf(
      "%s/coaching.ini: missing, expected the coaching texts (sections [en] and [de])", config);
  assert_run_error(f, PIPELINE_ERROR_USAGE, expected);
  g_autofree char *out = g_build_filename(f->dir, "out", NULL);
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
}

static void test_missing_stage_files(void **state)
{
  Fixture *f = *state;
  g_autofree char *out = g_build_filename(f->dir, "out", NULL);
  f->ctx.work_dir = f->dir; /* holds no scores/ */
  f->ctx.out_dir = out;
  ReportResult result = {0};
  g_autoptr(GError) error = NULL;
  assert_false(report_run(&f->ctx, &result, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_non_null(strstr(error->message, "scores/meta.csv"));
  report_result_clear(&result);

  g_clear_error(&error);
  f->ctx.month = "2026-10";
  assert_false(report_run(&f->ctx, &result, &error));
  assert_non_null(strstr(error->message, "scores/person_month.csv"));
  report_result_clear(&result);
  assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_english_workbook, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_german_workbook, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_formula_looking_name_stays_text, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_numbers_are_numbers, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_rerun_gives_identical_bytes, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_month_option, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_output_folder_is_a_file, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_failed_rename_leaves_no_temp_file, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_awkward_text_is_written_safely, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_missing_stage_files, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_ambassadors_estimates_and_activity, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_coaching_sheet, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_coaching_sheet_in_german, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_method_sheet_model, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_estimate_without_factors_file, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_no_estimate_needs_no_factors_file, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_estimate_without_its_factors, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_missing_coaching_texts, fixture_setup, fixture_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
