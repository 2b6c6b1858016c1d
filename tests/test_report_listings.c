/* Tests of report/listings.c: the Data quality and Method lists read as
 * streams, every row kept up to max_listed_rows, past it the totals per
 * kind, the files that need attention and the SHA-256 of input_files.csv;
 * and which notes of ingest_summary.csv call for attention. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "report/listings.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

#define FIXTURE_WORK TEST_DATA_DIR "/report/work"

static const char *cell(const ReportListing *listing, guint row, const char *column)
{
  return report_table_text(listing->table, row, report_table_column(listing->table, column));
}

static void assert_kind(const ReportListings *listings, guint i, const char *kind, guint64 files,
                        double rows_read, double accepted, double duplicates, double rejected)
{
  const ReportKindTotals *totals = g_ptr_array_index(listings->kinds, i);
  assert_string_equal(totals->kind, kind);
  assert_int_equal(totals->files, files);
  test_assert_near(totals->rows_read, rows_read, 0);
  test_assert_near(totals->accepted, accepted, 0);
  test_assert_near(totals->duplicates, duplicates, 0);
  test_assert_near(totals->rejected, rejected, 0);
}

/* The fixture's lists are short: every row is kept, nothing is hashed. */
static void test_short_lists_are_kept_whole(void **state)
{
  (void)state;
  ReportListings listings;
  g_autoptr(GError) error = NULL;
  assert_true(report_listings_load(&listings, FIXTURE_WORK, 10000, &error));
  assert_int_equal(listings.files.total, 4);
  assert_int_equal(listings.files.table->rows->len, 4);
  assert_true(report_listing_is_complete(&listings.files));
  assert_string_equal(cell(&listings.files, 3, "file"), "ssi/readme.txt");
  /* ssi/2026-10_ssi.csv (a reject) and ssi/readme.txt (unrecognised). */
  assert_int_equal(listings.attention, 2);
  assert_int_equal(listings.kinds->len, 4);
  assert_kind(&listings, 0, "programs", 1, 2, 2, 0, 0);
  assert_kind(&listings, 1, "roster", 1, 7, 7, 0, 0);
  assert_kind(&listings, 2, "ssi", 1, 12, 10, 1, 1);
  assert_kind(&listings, 3, "unrecognised", 1, 0, 0, 0, 0);
  assert_int_equal(listings.rejects.total, 1);
  assert_string_equal(cell(&listings.rejects, 0, "reason"), "pillar out of range");
  /* normalized/warnings.csv, then scores/warnings.csv (months not covered). */
  assert_int_equal(listings.warnings.total, 2);
  assert_string_equal(cell(&listings.warnings, 1, "kind"), "not covered");
  assert_string_equal(cell(&listings.warnings, 1, "detail"),
                      "no LinkedIn export covers 2026-09 to 2026-10");
  assert_int_equal(listings.inputs.total, 2);
  assert_true(report_listing_is_complete(&listings.inputs));
  test_assert_near(listings.input_bytes, 1536, 0);
  assert_null(listings.inputs_sha256);
  report_listings_clear(&listings);
  assert_null(listings.files.table);
  assert_null(listings.kinds);
}

static const char summary_csv[] =
    "file,kind,encoding,rows_read,accepted,duplicates,rejected,note\n"
    "linkedin/a1/export.zip,linkedin export,,0,0,0,0,zip archive of 2 files\n"
    "linkedin/a1/export.zip/Ad_Targeting.csv,linkedin export,,0,0,0,0,not used\n"
    "linkedin/a1/export.zip/Connections.csv,linkedin export,UTF-8,10,6,4,0,\n"
    "linkedin/zz/export.zip,linkedin export,,0,0,0,0,not used: ambassador not in the roster\n"
    "notes.txt,unrecognised,,0,0,0,0,not used: not an input the pipeline knows\n"
    "posts/p.csv,posts,UTF-8,5,3,0,2,\"delimiter \"\";\"\", decimal comma, source generic-de\"\n"
    "roster.csv,roster,UTF-8,3,3,0,0,\"delimiter \"\",\"\"\"\n"
    "ssi/bad.csv,ssi,UTF-8,0,0,0,0,\"header not recognised: found: \"\"x\"\"\"\n"
    "ssi/old.csv,ssi,Windows-1252,4,4,0,0,\"delimiter \"\";\"\", decimal comma, converted from "
    "Windows-1252\"\n";

static const char inputs_csv[] = "file,bytes,sha256\n"
                                 "linkedin/a1/export.zip,1000,aa\n"
                                 "notes.txt,20,bb\n"
                                 "posts/p.csv,300,cc\n"
                                 "roster.csv,40,dd\n";

/* A work folder of 9 input files (4 needing attention), 5 rejects, 2 + 2
 * warnings and 4 input files, read with max_listed_rows 3. */
static void write_long_lists(const char *dir)
{
  test_tree_write(dir, "normalized/ingest_summary.csv", summary_csv);
  g_autoptr(GString) rejects = g_string_new("file,line,reason,excerpt\n");
  for (int line = 2; line <= 6; line++)
    g_string_append_printf(rejects, "posts/p.csv,%d,unknown ambassador,x\n", line);
  test_tree_write(dir, "normalized/rejects.csv", rejects->str);
  test_tree_write(dir, "normalized/warnings.csv",
                  "kind,subject,month,detail\n"
                  "no data,a7,2026-10,one\n"
                  "no data,a8,2026-10,two\n");
  test_tree_write(dir, "scores/warnings.csv",
                  "kind,subject,month,detail\n"
                  "not covered,a1,2026-09,three\n"
                  "not covered,a2,2026-09,four\n");
  test_tree_write(dir, "normalized/input_files.csv", inputs_csv);
}

static void test_long_lists_are_cut(void **state)
{
  const char *dir = *state;
  write_long_lists(dir);
  ReportListings listings;
  g_autoptr(GError) error = NULL;
  assert_true(report_listings_load(&listings, dir, 3, &error));
  /* Files: the first three needing attention, in file order. */
  assert_int_equal(listings.files.total, 9);
  assert_int_equal(listings.attention, 4);
  assert_false(report_listing_is_complete(&listings.files));
  assert_int_equal(listings.files.table->rows->len, 3);
  assert_string_equal(cell(&listings.files, 0, "file"), "linkedin/zz/export.zip");
  assert_string_equal(cell(&listings.files, 1, "file"), "notes.txt");
  assert_string_equal(cell(&listings.files, 2, "file"), "posts/p.csv");
  assert_int_equal(listings.kinds->len, 5);
  assert_kind(&listings, 0, "linkedin export", 4, 10, 6, 4, 0);
  assert_kind(&listings, 1, "posts", 1, 5, 3, 0, 2);
  assert_kind(&listings, 2, "roster", 1, 3, 3, 0, 0);
  assert_kind(&listings, 3, "ssi", 2, 4, 4, 0, 0);
  assert_kind(&listings, 4, "unrecognised", 1, 0, 0, 0, 0);
  /* Rejects and warnings: the first three, the score stage's after. */
  assert_int_equal(listings.rejects.total, 5);
  assert_int_equal(listings.rejects.table->rows->len, 3);
  assert_string_equal(cell(&listings.rejects, 2, "line"), "4");
  assert_int_equal(listings.warnings.total, 4);
  assert_int_equal(listings.warnings.table->rows->len, 3);
  assert_string_equal(cell(&listings.warnings, 2, "detail"), "three");
  /* Input files: counted, summed and pinned by the file's own SHA-256. */
  assert_int_equal(listings.inputs.total, 4);
  assert_int_equal(listings.inputs.table->rows->len, 3);
  test_assert_near(listings.input_bytes, 1360, 0);
  g_autofree char *expected = g_compute_checksum_for_string(G_CHECKSUM_SHA256, inputs_csv, -1);
  assert_string_equal(listings.inputs_sha256, expected);
  report_listings_clear(&listings);
}

/* At exactly max_listed_rows every row is kept, as with any larger cap. */
static void test_lists_at_the_cap_are_whole(void **state)
{
  const char *dir = *state;
  write_long_lists(dir);
  ReportListings listings;
  g_autoptr(GError) error = NULL;
  assert_true(report_listings_load(&listings, dir, 4, &error));
  assert_false(report_listing_is_complete(&listings.files));
  assert_int_equal(listings.files.table->rows->len, 4);
  assert_true(report_listing_is_complete(&listings.warnings));
  assert_true(report_listing_is_complete(&listings.inputs));
  assert_null(listings.inputs_sha256);
  report_listings_clear(&listings);
  assert_true(report_listings_load(&listings, dir, 9, &error));
  assert_true(report_listing_is_complete(&listings.files));
  assert_string_equal(cell(&listings.files, 0, "file"), "linkedin/a1/export.zip");
  report_listings_clear(&listings);
}

/* Every row is checked, kept or not; a missing file is named. */
static void test_bad_rows_past_the_cap_are_errors(void **state)
{
  const char *dir = *state;
  write_long_lists(dir);
  test_tree_write(dir, "normalized/rejects.csv",
                  "file,line,reason,excerpt\n"
                  "a.csv,2,r,x\n"
                  "a.csv,3,r,x\n"
                  "a.csv,many,r,x\n");
  ReportListings listings;
  g_autoptr(GError) error = NULL;
  assert_false(report_listings_load(&listings, dir, 1, &error));
  g_autofree char *rejects = g_build_filename(dir, "normalized", "rejects.csv", NULL);
  g_autofree char *expected = g_strdup_printf(
      "%s line 4: column line holds \"many\", expected a number or an empty field", rejects);
  assert_string_equal(error->message, expected);
  assert_null(listings.files.table);

  g_clear_error(&error);
  g_autofree char *inputs = g_build_filename(dir, "normalized", "input_files.csv", NULL);
  assert_int_equal(g_remove(inputs), 0);
  test_tree_write(dir, "normalized/rejects.csv", "file,line,reason,excerpt\n");
  assert_false(report_listings_load(&listings, dir, 1, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_non_null(strstr(error->message, "normalized/input_files.csv"));
}

static void test_which_files_need_attention(void **state)
{
  (void)state;
  static const struct {
    const char *kind;
    const char *note;
    double rejected;
    gboolean attention;
  } cases[] = {
      {"ssi capture", "", 0, FALSE},
      {"linkedin export", "not used", 0, FALSE},
      {"linkedin export", "not used: the profile comes from the newest export", 0, FALSE},
      {"linkedin export", "zip archive of 1 file", 0, FALSE},
      {"linkedin export", "zip archive of 13 files", 0, FALSE},
      {"linkedin export", "delimiter \";\"", 0, FALSE},
      {"linkedin export", "delimiter tab, converted from Windows-1252", 0, FALSE},
      {"roster", "delimiter \",\"", 0, FALSE},
      {"ssi", "delimiter \",\", decimal point", 0, FALSE},
      {"posts", "delimiter \";\", decimal comma, source generic-de", 0, FALSE},
      {"posts", "delimiter \";\", decimal comma, source generic-de", 1, TRUE},
      {"unrecognised", "not used: not an input the pipeline knows", 0, TRUE},
      {"unrecognised", "", 0, TRUE},
      {"linkedin export", "not used: ambassador not in the roster", 0, TRUE},
      {"linkedin export", "not used: not in an ambassador folder linkedin/<ambassador_id>/", 0,
       TRUE},
      {"ssi", "empty file", 0, TRUE},
      {"ssi", "delimiter \";\", header not recognised: found: \"a\"", 0, TRUE},
      {"ssi capture", "not JSON: unexpected character", 0, TRUE},
      {"posts", "not read: the run stopped at ssi/x.csv", 0, TRUE},
      {"linkedin export", "zip archive of many files", 0, TRUE},
      {"linkedin export", "not usedx", 0, TRUE},
      {"linkedin export", "not used, unsafe entry name", 0, TRUE},
      {"ssi", "delimiter \";\",", 0, TRUE},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
    if (report_listings_needs_attention(cases[i].kind, cases[i].note, cases[i].rejected) !=
        cases[i].attention)
      fail_msg("%s \"%s\" rejected %g: expected attention %d", cases[i].kind, cases[i].note,
               cases[i].rejected, cases[i].attention);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_short_lists_are_kept_whole),
      cmocka_unit_test_setup_teardown(test_long_lists_are_cut, test_tree_setup, test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_lists_at_the_cap_are_whole, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test_setup_teardown(test_bad_rows_past_the_cap_are_errors, test_tree_setup,
                                      test_tree_teardown),
      cmocka_unit_test(test_which_files_need_attention),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
