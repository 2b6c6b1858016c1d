/* Tests of report/report.c: the program report and the management summary
 * written from the hand-made work folders of tests/data/report, read back
 * from the .xlsx (a zip) with unzip: sheet names in both languages, input
 * text kept as text, the charts, small teams and ambassadors without
 * consent kept out of the management summary, identical bytes on a rerun,
 * and failures that leave nothing behind. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "report/report.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE_WORK TEST_DATA_DIR "/report/work"
#define FIXTURE_CONFIG TEST_DATA_DIR "/report/config"
/* Programs alpha (teams NORD of 5 and SUED of 4) and beta (WEST of 5),
 * report month 2023-08; Nina Geheim (alpha-sued-04) and Paul Zweifel
 * (paul-z, consent in one of his two rows only) may not be named. */
#define MANAGEMENT_WORK TEST_DATA_DIR "/report/management/work"

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

static int fixture_teardown(void **state)
{
  Fixture *f = *state;
  test_tree_remove(f->dir);
  g_free(f->dir);
  config_free(f->config);
  g_free(f);
  return 0;
}

/* Runs the report into <dir>/<out_name>; returns the program report's path
 * and, when management is not NULL, the management summary's. */
static char *run_reports(Fixture *f, const char *out_name, char **management)
{
  g_autofree char *out = g_build_filename(f->dir, out_name, NULL);
  f->ctx.out_dir = out;
  ReportResult result = {0};
  g_autoptr(GError) error = NULL;
  gboolean ok = report_run(&f->ctx, &result, &error);
  if (!ok)
    fail_msg("report_run: %s", error->message);
  assert_int_equal(result.paths->len, 2);
  char *path = g_strdup(g_ptr_array_index(result.paths, 0));
  if (management != NULL)
    *management = g_strdup(g_ptr_array_index(result.paths, 1));
  report_result_clear(&result);
  f->ctx.out_dir = NULL;
  return path;
}

static char *run_report(Fixture *f, const char *out_name)
{
  return run_reports(f, out_name, NULL);
}

/* The text of one file inside the workbook. unzip reads the name as a
 * pattern: "[Content_Types].xml" needs its brackets escaped. */
static char *zip_entry(const char *zip, const char *entry)
{
  g_autoptr(GString) pattern = g_string_new(NULL);
  for (const char *p = entry; *p != '\0'; p++) {
    if (strchr("[]*?\\", *p) != NULL)
      g_string_append_c(pattern, '\\');
    g_string_append_c(pattern, *p);
  }
  const char *argv[] = {"unzip", "-p", zip, pattern->str, NULL};
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
  const char *names[] = {"Summary",  "Programs",     "Teams",  "Ambassadors", "Trend",
                         "Coaching", "Data quality", "Method", NULL};
  assert_sheets_in_order(path, names);
}

static void test_german_workbook(void **state)
{
  Fixture *f = *state;
  g_free(f->config->language);
  f->config->language = g_strdup("de");
  g_autofree char *path = run_report(f, "out");
  const char *names[] = {"Übersicht", "Programme",     "Teams",    "Botschafter", "Trend",
                         "Coaching",  "Datenqualität", "Methodik", NULL};
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
  for (int sheet = 1; sheet <= 8; sheet++) {
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
  g_autofree char *ambassadors = zip_entry(path, "xl/worksheets/sheet4.xml");
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
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet4.xml");
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

/* The Coaching sheet (sheet 6): title, note and header, then from row 4 the
 * rows of the Ambassadors sheet. */
static void test_coaching_sheet(void **state)
{
  Fixture *f = *state;
  g_autofree char *path = run_report(f, "out");
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet6.xml");
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
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet6.xml");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_cell_text(xml, strings, "E5", "Professionelle Marke");
  assert_cell_text(xml, strings, "F5", "Beiträge");
  assert_cell_text(xml, strings, "G5",
                   "Einmal pro Woche posten: 3 Beiträge in den letzten 90 "
                   "Tagen, 12 bringen die vollen 10 Punkte.");
}

/* The Method sheet (sheet 8) lists the settings and the model's factors
 * from the config in force, the seniority terms, and coaching.ini among the
 * config files. */
static void test_method_sheet_model(void **state)
{
  Fixture *f = *state;
  f->config->max_linkedin_events = 1234;
  f->config->max_posts = 56;
  ModelConfig *model = &f->config->model;
  model->window_days = 60;
  model->factors[FACTOR_PUBLISHING].target = 8;
  g_strfreev(model->seniority_terms);
  const char *terms[] = {"CEO", "Head of", "Gründer", NULL};
  model->seniority_terms = g_strdupv((char **)terms);
  g_autofree char *path = run_report(f, "out");
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet8.xml");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_cell_text(xml, strings, "A6", "Window (days)");
  assert_cell(xml, "B6", "60");
  assert_cell_text(xml, strings, "A12", "LinkedIn events per ambassador, at most");
  assert_cell(xml, "B12", "1234");
  assert_cell_text(xml, strings, "A13", "Posts per ambassador, at most");
  assert_cell(xml, "B13", "56");
  assert_cell_text(xml, strings, "A14", "Program version");
  /* The factor table: a section line and its header at rows 16 and 17. */
  assert_cell_text(xml, strings, "A16", "Estimated SSI: the model's factors");
  assert_cell_text(xml, strings, "A18", "Professional brand");
  assert_cell_text(xml, strings, "B18", "Profile");
  assert_cell(xml, "D18", "10");
  assert_cell(xml, "E18", "1");
  assert_cell_text(xml, strings, "B19", "Publishing");
  assert_cell_text(xml, strings, "C19", "Posts and shares in the window");
  assert_cell(xml, "E19", "8");
  assert_cell_text(xml, strings, "B26", "Acceptance rate");
  assert_cell(xml, "E26", "0.5");
  assert_cell_text(xml, strings, "A28", "Build relationships");
  assert_cell_text(xml, strings, "B28", "Network size");
  assert_cell(xml, "E28", "500");
  assert_cell_text(xml, strings, "B29", "Seniority terms");
  assert_cell_text(xml, strings, "C29", "CEO, Head of, Gründer");
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

/* A million rejects would pass Excel's rows a sheet: the Data quality sheet
 * shows the first 10000 of a section and says where the rest are. */
static void test_long_sections_are_cut_with_a_note(void **state)
{
  Fixture *f = *state;
  g_autofree char *work = copy_fixture_work(f->dir);
  g_autoptr(GString) rejects = g_string_new("file,line,reason,excerpt\n");
  for (int line = 2; line < 2 + 10012; line++)
    g_string_append_printf(rejects, "ssi/many.csv,%d,unknown ambassador,zz\n", line);
  g_autofree char *rejects_path = g_build_filename(work, "normalized", "rejects.csv", NULL);
  assert_true(g_file_set_contents(rejects_path, rejects->str, -1, NULL));
  f->ctx.work_dir = work;
  g_autofree char *path = run_report(f, "out");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_non_null(
      strstr(strings, "<t>Rejected rows not listed here: 12 (see normalized/rejects.csv).</t>"));
  g_autofree char *workbook = zip_entry(path, "xl/workbook.xml");
  const char *sheet = strstr(workbook, "<sheet name=\"Data quality\" sheetId=\"");
  assert_non_null(sheet);
  g_autofree char *entry = g_strdup_printf(
      "xl/worksheets/sheet%d.xml", atoi(sheet + strlen("<sheet name=\"Data quality\" sheetId=\"")));
  g_autofree char *xml = zip_entry(path, entry);
  /* Lines 2 to 10001 are shown, 10002 to 10013 are not. */
  assert_non_null(strstr(xml, "<v>10001</v>"));
  assert_null(strstr(xml, "<v>10002</v>"));
}

/* The sheet's XML named name in the workbook (sheetN.xml by its id). */
static char *sheet_xml(const char *zip, const char *name)
{
  g_autofree char *workbook = zip_entry(zip, "xl/workbook.xml");
  g_autofree char *attribute = g_strdup_printf("<sheet name=\"%s\" sheetId=\"", name);
  const char *sheet = strstr(workbook, attribute);
  assert_non_null(sheet);
  g_autofree char *entry =
      g_strdup_printf("xl/worksheets/sheet%d.xml", atoi(sheet + strlen(attribute)));
  return zip_entry(zip, entry);
}

/* The numbers of the row whose first cell is the shared string text,
 * space-separated ("9 22 16 4 2"); text and empty cells are left out. */
static char *row_numbers(const char *zip, const char *sheet, const char *text)
{
  g_autofree char *strings = zip_entry(zip, "xl/sharedStrings.xml");
  g_autofree char *wanted = g_strdup_printf(">%s</t></si>", text);
  const char *found = strstr(strings, wanted);
  assert_non_null(found);
  int index = -1;
  for (const char *p = strings; p != NULL && p < found; p = strstr(p + 1, "<si>"))
    if (g_str_has_prefix(p, "<si>"))
      index++;
  g_autofree char *xml = sheet_xml(zip, sheet);
  g_autofree char *cell = g_strdup_printf("t=\"s\"><v>%d</v></c>", index);
  const char *p = strstr(xml, cell);
  assert_non_null(p);
  const char *end = strstr(p, "</row>");
  g_autoptr(GString) numbers = g_string_new(NULL);
  for (p = strstr(p + strlen(cell), "<c "); p != NULL && p < end; p = strstr(p + 1, "<c ")) {
    const char *tag_end = strchr(p, '>');
    if (g_strstr_len(p, tag_end - p, "t=\"s\"") != NULL || !g_str_has_prefix(tag_end, "><v>"))
      continue; /* text, or an empty cell */
    const char *value = tag_end + 4;
    g_string_append_printf(numbers, "%s%.*s", numbers->len > 0 ? " " : "",
                           (int)(strstr(value, "</v>") - value), value);
  }
  return g_string_free(g_steal_pointer(&numbers), FALSE);
}

static const char long_summary_csv[] =
    "file,kind,encoding,rows_read,accepted,duplicates,rejected,note\n"
    "linkedin/a1/export.zip,linkedin export,,0,0,0,0,zip archive of 2 files\n"
    "linkedin/a1/export.zip/Ad_Targeting.csv,linkedin export,,0,0,0,0,not used\n"
    "linkedin/a1/export.zip/Connections.csv,linkedin export,UTF-8,10,6,4,0,\n"
    "linkedin/zz/export.zip,linkedin export,,0,0,0,0,not used: ambassador not in the roster\n"
    "notes.txt,unrecognised,,0,0,0,0,not used: not an input the pipeline knows\n"
    "posts/p.csv,posts,UTF-8,5,3,0,2,\"delimiter \"\";\"\", decimal comma\"\n"
    "roster.csv,roster,UTF-8,3,3,0,0,\"delimiter \"\",\"\"\"\n"
    "ssi/bad.csv,ssi,UTF-8,0,0,0,0,\"header not recognised: found: \"\"x\"\"\"\n"
    "ssi/ok.csv,ssi,UTF-8,4,4,0,0,\"delimiter \"\",\"\", decimal point\"\n";

static const char long_inputs_csv[] = "file,bytes,sha256\n"
                                      "linkedin/a1/export.zip,1000,aa\n"
                                      "notes.txt,20,bb\n"
                                      "posts/p.csv,300,cc\n"
                                      "roster.csv,1040,dd\n";

/* The fixture with 9 input files (4 need attention), 5 rejects, 2 + 2
 * warnings and 4 input files. */
static char *long_lists_work(Fixture *f)
{
  char *work = copy_fixture_work(f->dir);
  test_tree_write(work, "normalized/ingest_summary.csv", long_summary_csv);
  g_autoptr(GString) rejects = g_string_new("file,line,reason,excerpt\n");
  for (int line = 2; line <= 6; line++)
    g_string_append_printf(rejects, "posts/p.csv,%d,unknown ambassador,x\n", line);
  test_tree_write(work, "normalized/rejects.csv", rejects->str);
  test_tree_write(work, "normalized/warnings.csv",
                  "kind,subject,month,detail\nno data,a7,2026-10,one\nno data,a8,2026-10,two\n");
  test_tree_write(work, "scores/warnings.csv",
                  "kind,subject,month,detail\nnot covered,a1,2026-09,three\n"
                  "not covered,a2,2026-09,four\n");
  test_tree_write(work, "normalized/input_files.csv", long_inputs_csv);
  return work;
}

static void assert_string_in(const char *zip, const char *text)
{
  g_autofree char *strings = zip_entry(zip, "xl/sharedStrings.xml");
  g_autofree char *wanted = g_strdup_printf("<t>%s</t>", text);
  if (strstr(strings, wanted) == NULL)
    fail_msg("no string \"%s\" in %s", text, zip);
}

/* [report] max_listed_rows 3: the totals per kind, three of the four files
 * that need attention, the counts of what is not listed and the SHA-256 of
 * input_files.csv in Method. */
static void test_long_lists_are_summed(void **state)
{
  Fixture *f = *state;
  g_autofree char *work = long_lists_work(f);
  f->ctx.work_dir = work;
  f->config->report_max_listed_rows = 3;
  g_autofree char *path = run_report(f, "out");
  assert_string_in(path, "Input files by kind");
  assert_string_in(path, "Input files that need attention");
  g_autofree char *all = row_numbers(path, "Data quality", "All files");
  assert_string_equal(all, "9 22 16 4 2");
  g_autofree char *linkedin = row_numbers(path, "Data quality", "linkedin export");
  assert_string_equal(linkedin, "4 10 6 4 0");
  g_autofree char *ssi = row_numbers(path, "Data quality", "ssi");
  assert_string_equal(ssi, "2 4 4 0 0");
  /* Listed: linkedin/zz, notes.txt, posts/p.csv; not ssi/bad.csv. */
  g_autofree char *posts = row_numbers(path, "Data quality", "posts/p.csv");
  assert_string_equal(posts, "5 3 0 2");
  g_autofree char *strings = zip_entry(path, "xl/sharedStrings.xml");
  assert_non_null(strstr(strings, "<t>linkedin/zz/export.zip</t>"));
  assert_null(strstr(strings, "<t>ssi/bad.csv</t>"));
  assert_null(strstr(strings, "<t>roster.csv</t>"));
  assert_string_in(
      path, "Files that need attention, not listed here: 1 (see normalized/ingest_summary.csv).");
  assert_string_in(path, "Files read without a problem, not listed here: 5; every input file is "
                         "listed in normalized/ingest_summary.csv.");
  assert_string_in(path, "Rejected rows not listed here: 2 (see normalized/rejects.csv).");
  assert_string_in(
      path, "Warnings not listed here: 1 (see normalized/warnings.csv, scores/warnings.csv).");
  g_autofree char *sha256 = g_compute_checksum_for_string(G_CHECKSUM_SHA256, long_inputs_csv, -1);
  g_autofree char *method =
      g_strdup_printf("4 input files, 2,360 bytes in all, each listed with its SHA-256 in "
                      "normalized/input_files.csv, whose SHA-256 is %s.",
                      sha256);
  assert_string_in(path, method);
  assert_null(strstr(strings, "<t>dd</t>"));
}

static void test_long_lists_in_german(void **state)
{
  Fixture *f = *state;
  g_autofree char *work = long_lists_work(f);
  f->ctx.work_dir = work;
  f->config->report_max_listed_rows = 3;
  g_free(f->config->language);
  f->config->language = g_strdup("de");
  g_autofree char *path = run_report(f, "out");
  g_autofree char *all = row_numbers(path, "Datenqualität", "Alle Dateien");
  assert_string_equal(all, "9 22 16 4 2");
  assert_string_in(path, "Weitere ohne Probleme gelesene Dateien: 5; jede Eingabedatei steht "
                         "in normalized/ingest_summary.csv.");
  assert_string_in(path, "Weitere abgewiesene Zeilen: 2 (siehe normalized/rejects.csv).");
  g_autofree char *sha256 = g_compute_checksum_for_string(G_CHECKSUM_SHA256, long_inputs_csv, -1);
  g_autofree char *method = g_strdup_printf(
      "4 Eingabedateien, zusammen 2.360 Bytes, jede mit ihrer SHA-256 aufgeführt in "
      "normalized/input_files.csv, deren SHA-256 %s ist.",
      sha256);
  assert_string_in(path, method);
}

/* Lists of at most max_listed_rows rows are written as they always were:
 * the fixture's longest list has 4 rows. */
static void test_lists_within_the_cap_are_unchanged(void **state)
{
  Fixture *f = *state;
  g_autofree char *whole = run_report(f, "whole");
  f->config->report_max_listed_rows = 4;
  g_autofree char *capped = run_report(f, "capped");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_length = 0;
  gsize b_length = 0;
  assert_true(g_file_get_contents(whole, &a, &a_length, NULL));
  assert_true(g_file_get_contents(capped, &b, &b_length, NULL));
  assert_int_equal(a_length, b_length);
  assert_memory_equal(a, b, a_length);
  assert_string_in(capped, "ssi/readme.txt");
  assert_string_in(capped, "3b7c1d1ad8b8e2bd3c0f7a3b8a8f0c5e1c6bb4fbbfd1d1cc7c14d0b4f01e7c11");
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
  g_autofree char *xml = zip_entry(path, "xl/worksheets/sheet6.xml");
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

/* --- The management summary ------------------------------------------------ */

/* The parts of the workbook (every file in the zip). */
static GStrv zip_parts(const char *zip)
{
  const char *argv[] = {"unzip", "-Z1", zip, NULL};
  g_autofree char *out = NULL;
  int status = 0;
  g_autoptr(GError) error = NULL;
  if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &out, NULL, &status, &error))
    fail_msg("unzip: %s", error->message);
  assert_true(g_spawn_check_wait_status(status, NULL));
  g_strchomp(out);
  return g_strsplit(out, "\n", -1);
}

/* The part of zip holding needle, or NULL when no part does. */
static char *part_holding(const char *zip, const char *needle)
{
  g_auto(GStrv) parts = zip_parts(zip);
  for (guint i = 0; parts[i] != NULL; i++) {
    g_autofree char *text = zip_entry(zip, parts[i]);
    if (strstr(text, needle) != NULL)
      return g_strdup(parts[i]);
  }
  return NULL;
}

static void assert_nowhere(const char *zip, const char *needle)
{
  g_autofree char *part = part_holding(zip, needle);
  if (part != NULL)
    fail_msg("\"%s\" appears in %s", needle, part);
}

static void assert_somewhere(const char *zip, const char *needle)
{
  g_autofree char *part = part_holding(zip, needle);
  if (part == NULL)
    fail_msg("\"%s\" appears nowhere in %s", needle, zip);
}

static void use_management_fixture(Fixture *f)
{
  f->ctx.work_dir = MANAGEMENT_WORK;
}

static void test_management_summary_sheets(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  g_autofree char *management = NULL;
  g_autofree char *program = run_reports(f, "out", &management);
  g_autofree char *expected =
      g_build_filename(f->dir, "out", "2023-08", "management-summary-2023-08.xlsx", NULL);
  assert_string_equal(management, expected);
  const char *names[] = {"Summary", "Programs", "Teams", "Leaderboard", "Method", NULL};
  assert_sheets_in_order(management, names);
  g_autofree char *workbook = zip_entry(management, "xl/workbook.xml");
  const char *absent[] = {"Ambassadors", "Trend", "Coaching", "Data quality"};
  for (gsize i = 0; i < G_N_ELEMENTS(absent); i++)
    assert_null(strstr(workbook, absent[i]));
  g_autofree char *core = zip_entry(management, "docProps/core.xml");
  assert_non_null(strstr(core, "<dc:title>SSI management summary, August 2023</dc:title>"));
  g_autofree char *styles = zip_entry(management, "xl/styles.xml");
  assert_non_null(strstr(styles, "formatCode=\"[$-409]mmm yyyy\""));
}

/* SUED has 4 members (privacy_min_group_size 5): its row of the Teams
 * sheet (sheet 3, row 4) is one merged "fewer than 5", so are its months
 * in the teams x months table (row 11, Jun to Aug 2023 in L to N), NORD's
 * May 2023 with 4 members (K10) too, and no chart shows SUED. */
static void test_management_hides_team_of_four(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  g_autofree char *management = NULL;
  g_autofree char *program = run_reports(f, "out", &management);
  g_autofree char *teams = zip_entry(management, "xl/worksheets/sheet3.xml");
  g_autofree char *strings = zip_entry(management, "xl/sharedStrings.xml");
  assert_cell_text(teams, strings, "B4", "SUED");
  assert_cell_text(teams, strings, "C4", "fewer than 5");
  assert_non_null(strstr(teams, "<mergeCell ref=\"C4:U4\"/>"));
  const char *empty[] = {"D4", "E4", "K4", "U4"};
  for (gsize i = 0; i < G_N_ELEMENTS(empty); i++)
    assert_cell(teams, empty[i], NULL);
  assert_cell(teams, "C3", "5"); /* NORD has 5 */
  assert_cell_text(teams, strings, "B11", "SUED");
  assert_cell_text(teams, strings, "L11", "fewer than 5");
  assert_cell_text(teams, strings, "M11", "fewer than 5");
  assert_cell_text(teams, strings, "N11", "fewer than 5");
  assert_cell(teams, "K11", NULL);
  assert_cell_text(teams, strings, "K10", "fewer than 5");
  assert_cell(teams, "J10", "57");
  /* SUED's mean SSI of July and August, and its label in the charts. */
  assert_nowhere(management, "69.25");
  assert_nowhere(management, "73.67");
  assert_nowhere(management, "Alpha 2022 – SUED");
  /* The program report shows it all. */
  assert_somewhere(program, "69.25");
  assert_somewhere(program, "Alpha 2022 – SUED");
}

static void test_management_names_only_consenting_ambassadors(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  g_autofree char *management = NULL;
  g_autofree char *program = run_reports(f, "out", &management);
  /* The program report names them (Ambassadors, Data quality), so the
   * fixture does hold them. */
  const char *secrets[] = {"Nina Geheim", "alpha-sued-04", "nina.geheim@example.com",
                           "Geheim",      "Paul Zweifel",  "Zweifel"};
  for (gsize i = 0; i < G_N_ELEMENTS(secrets); i++) {
    assert_nowhere(management, secrets[i]);
    assert_somewhere(program, secrets[i]);
  }
  assert_nowhere(management, "paul-z");
  assert_nowhere(management, "paul.zweifel");
  assert_somewhere(management, "Anna Nord");
}

/* Leaderboard (sheet 4): Anna and Hanna share rank 1 with 72, Nina (95)
 * and Paul (80) are left out without leaving a gap, Karl is 11th. */
static void test_management_leaderboard(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  g_autofree char *management = NULL;
  g_autofree char *program = run_reports(f, "out", &management);
  g_autofree char *xml = zip_entry(management, "xl/worksheets/sheet4.xml");
  g_autofree char *strings = zip_entry(management, "xl/sharedStrings.xml");
  assert_cell_text(xml, strings, "A4", "Rank");
  assert_cell(xml, "A5", "1");
  assert_cell_text(xml, strings, "B5", "Anna Nord");
  assert_cell_text(xml, strings, "C5", "Alpha 2022");
  assert_cell_text(xml, strings, "D5", "NORD");
  assert_cell(xml, "E5", "72");
  assert_cell_text(xml, strings, "F5", "good");
  assert_cell(xml, "G5", "2");
  assert_cell(xml, "A6", "1");
  assert_cell_text(xml, strings, "B6", "Hanna West");
  assert_cell(xml, "A7", "3");
  assert_cell_text(xml, strings, "B7", "Emil Sued");
  assert_cell_text(xml, strings, "B13", "Gustav Sued");
  assert_cell(xml, "G13", NULL); /* no SSI in July */
  assert_cell(xml, "A14", "10");
  assert_cell_text(xml, strings, "B14", "Dieter Nord");
  assert_null(cell_of(xml, "A15"));
  assert_nowhere(management, "Karl West");
}

/* Programs (sheet 2): alpha's first month had 3 members, so the
 * management summary shows neither its mean (B11) nor the change since
 * (B13), nor its cohort cell of month 0 (B48); month 6 (row 54) holds
 * alpha's 2022-09 and beta's 2023-08. */
static void test_programs_sheet(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  g_autofree char *management = NULL;
  g_autofree char *program = run_reports(f, "out", &management);
  g_autofree char *xml = zip_entry(program, "xl/worksheets/sheet2.xml");
  g_autofree char *strings = zip_entry(program, "xl/sharedStrings.xml");
  assert_cell_text(xml, strings, "B4", "Alpha 2022");
  assert_cell_text(xml, strings, "C4", "Beta 2023");
  assert_cell(xml, "B6", "18");
  assert_cell(xml, "C6", "7");
  assert_cell(xml, "B8", "9");
  assert_cell(xml, "B9", "2");
  assert_cell(xml, "B11", "35");
  assert_cell(xml, "B12", "66.33");
  assert_cell(xml, "B13", "31.33");
  assert_cell(xml, "C13", "17.2");
  assert_cell_text(xml, strings, "A47", "Month of program");
  assert_cell(xml, "A48", "0");
  assert_cell(xml, "B48", "35");
  assert_cell(xml, "A54", "6");
  assert_cell(xml, "B54", "41.5");
  assert_cell(xml, "C54", "62.2");
  assert_cell(xml, "C55", NULL);
  g_autofree char *hidden = zip_entry(management, "xl/worksheets/sheet2.xml");
  g_autofree char *hidden_strings = zip_entry(management, "xl/sharedStrings.xml");
  assert_cell_text(hidden, hidden_strings, "B11", "fewer than 5");
  assert_cell_text(hidden, hidden_strings, "B13", "fewer than 5");
  assert_cell(hidden, "B12", "66.33");
  assert_cell_text(hidden, hidden_strings, "B48", "fewer than 5");
  assert_cell(hidden, "B54", "41.5");
}

/* Each chart type once per workbook, the cohort and the team trend lines. */
static void assert_charts(const char *zip)
{
  guint line = 0, radar = 0, stacked = 0, charts = 0;
  g_auto(GStrv) parts = zip_parts(zip);
  for (guint i = 0; parts[i] != NULL; i++) {
    if (!g_str_has_prefix(parts[i], "xl/charts/chart"))
      continue;
    charts++;
    g_autofree char *xml = zip_entry(zip, parts[i]);
    line += strstr(xml, "<c:lineChart>") != NULL;
    radar += strstr(xml, "<c:radarChart>") != NULL;
    stacked += strstr(xml, "<c:barChart>") != NULL &&
               strstr(xml, "<c:grouping val=\"stacked\"/>") != NULL &&
               strstr(xml, "<c:barDir val=\"col\"/>") != NULL;
  }
  assert_int_equal(charts, 4);
  assert_int_equal(line, 2);
  assert_int_equal(radar, 1);
  assert_int_equal(stacked, 1);
}

static void test_every_chart_in_both_workbooks(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  g_autofree char *management = NULL;
  g_autofree char *program = run_reports(f, "out", &management);
  assert_charts(program);
  assert_charts(management);
  assert_somewhere(management, "<a:t>Mean SSI by month of program</a:t>");
  g_autofree char *drawing = zip_entry(management, "xl/drawings/drawing1.xml");
  assert_non_null(strstr(drawing, "<c:chart "));
}

static void test_german_management_summary(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  g_free(f->config->language);
  f->config->language = g_strdup("de");
  g_autofree char *management = NULL;
  g_autofree char *program = run_reports(f, "out", &management);
  const char *names[] = {"Übersicht", "Programme", "Teams", "Rangliste", "Methodik", NULL};
  assert_sheets_in_order(management, names);
  const char *german[] = {"SSI-Management-Übersicht",
                          "weniger als 5",
                          "Mittlerer SSI nach Programmmonat",
                          "Mittlerer SSI je Team, letzte 12 Monate",
                          "Säulen-Mittelwerte je Team, August 2023",
                          "Botschafter je Stufe und Team, August 2023",
                          "Programmmonat (0 = Startmonat)",
                          "niedrig (unter 50)",
                          "gut (ab 70)",
                          "Mär 2023",
                          "Diagrammdaten",
                          "Rang"};
  for (gsize i = 0; i < G_N_ELEMENTS(german); i++)
    assert_somewhere(management, german[i]);
  /* Months show German names whatever the reader's locale. */
  g_autofree char *styles = zip_entry(management, "xl/styles.xml");
  assert_non_null(strstr(styles, "formatCode=\"[$-407]mmm yyyy\""));
  /* Sheet names as attributes, texts as elements, phrases anywhere. */
  const char *english[] = {"\"Summary\"",          "\"Programs\"",     "\"Leaderboard\"",
                           "\"Method\"",           ">Summary<",        ">Programs<",
                           ">Leaderboard<",        ">Method<",         "Mean SSI",
                           "fewer than",           "Month of program", "Pillar means",
                           "Ambassadors per band", "low (below",       "Chart data",
                           "Figures as of",        "August 2023,"};
  for (gsize i = 0; i < G_N_ELEMENTS(english); i++)
    assert_nowhere(management, english[i]);
  const char *program_english[] = {"Summary", "Programs", "Mean SSI", "Pillar means", "Chart data"};
  for (gsize i = 0; i < G_N_ELEMENTS(program_english); i++)
    assert_nowhere(program, program_english[i]);
}

/* The management summary leaves out the input files: their paths name
 * ambassadors. */
static void test_management_method_without_input_files(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  g_autofree char *management = NULL;
  g_autofree char *program = run_reports(f, "out", &management);
  assert_nowhere(management, "export.zip");
  assert_nowhere(management, "Input files");
  assert_somewhere(management, "coaching.ini");
  assert_somewhere(program, "linkedin/alpha-sued-04/export.zip");
}

static void assert_same_bytes(const char *first, const char *second)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_length = 0;
  gsize b_length = 0;
  assert_true(g_file_get_contents(first, &a, &a_length, NULL));
  assert_true(g_file_get_contents(second, &b, &b_length, NULL));
  assert_int_equal(a_length, b_length);
  assert_memory_equal(a, b, a_length);
}

static void test_management_rerun_gives_identical_bytes(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  g_autofree char *first_management = NULL;
  g_autofree char *second_management = NULL;
  g_autofree char *first = run_reports(f, "one", &first_management);
  g_autofree char *second = run_reports(f, "two", &second_management);
  assert_same_bytes(first, second);
  assert_same_bytes(first_management, second_management);
}

/* Two threads (the lists read alongside, the management summary written
 * alongside the program report) give the bytes of one, lists cut or not. */
static void test_two_jobs_give_the_same_bytes(void **state)
{
  Fixture *f = *state;
  use_management_fixture(f);
  for (int cap = 0; cap < 2; cap++) {
    f->config->report_max_listed_rows = cap == 0 ? 10000 : 1;
    g_autofree char *one_name = g_strdup_printf("one-%d", cap);
    g_autofree char *two_name = g_strdup_printf("two-%d", cap);
    g_autofree char *one_management = NULL;
    g_autofree char *two_management = NULL;
    f->ctx.jobs = 1;
    g_autofree char *one = run_reports(f, one_name, &one_management);
    f->ctx.jobs = 2;
    g_autofree char *two = run_reports(f, two_name, &two_management);
    assert_same_bytes(one, two);
    assert_same_bytes(one_management, two_management);
  }
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
      cmocka_unit_test_setup_teardown(test_long_sections_are_cut_with_a_note, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_long_lists_are_summed, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_long_lists_in_german, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_lists_within_the_cap_are_unchanged, fixture_setup,
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
      cmocka_unit_test_setup_teardown(test_management_summary_sheets, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_management_hides_team_of_four, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_management_names_only_consenting_ambassadors,
                                      fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_management_leaderboard, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_programs_sheet, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_every_chart_in_both_workbooks, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_german_management_summary, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_management_method_without_input_files, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_management_rerun_gives_identical_bytes, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_two_jobs_give_the_same_bytes, fixture_setup,
                                      fixture_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
