/* Tests of pipeline/ingest/linkedin.c through the whole ingest stage on small
 * trees written here (zips written with libzip): the exact li_*.csv files,
 * the dedup of overlapping exports and its accounting, the newest-export
 * rule, coverage, and every way an export can be unusable. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "ingest/ingest.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>
#include <zip.h>

typedef struct {
  char *root;
  char *input_dir;
  char *work_dir;
  PipelineConfig *config;
  PipelineContext ctx;
} Fixture;

typedef struct {
  const char *name;
  const char *text;
} Item;

static int setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->root = test_tree_new("ssi-linkedin");
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

/* The items as files of a folder. */
static void tree_write_folder(const Fixture *f, const char *folder, const Item *items, gsize n)
{
  for (gsize i = 0; i < n; i++) {
    g_autofree char *rel = g_strconcat(folder, "/", items[i].name, NULL);
    test_tree_write(f->input_dir, rel, items[i].text);
  }
}

/* The items as files of a zip archive. */
static void tree_write_zip(const Fixture *f, const char *rel, const Item *items, gsize n)
{
  g_autofree char *path = test_tree_path(f->input_dir, rel);
  int code = 0;
  zip_t *archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
  assert_non_null(archive);
  for (gsize i = 0; i < n; i++) {
    zip_source_t *source = zip_source_buffer(archive, items[i].text, strlen(items[i].text), 0);
    assert_true(zip_file_add(archive, items[i].name, source, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(archive), 0);
}

static void tree_write_base(const Fixture *f)
{
  test_tree_write(f->input_dir, "programs.ini",
                  "[program p]\nname = Pilot\nstart = 2025-01-01\nteams = DE\n");
  test_tree_write(f->input_dir, "roster.csv",
                  "ambassador_id,name,program,team,joined\n"
                  "a1,Anna Berg,p,DE,2025-01-01\n"
                  "b2,Ben Ott,p,DE,2025-01-01\n"
                  "c3,Cem Kaya,p,DE,2025-01-01\n");
}

static void assert_work_file(const Fixture *f, const char *name, const char *expected)
{
  g_autofree char *text = test_tree_read(f->work_dir, name);
  assert_string_equal(text, expected);
}

/* The summary rows of files under prefix. */
static char *summary_rows(const Fixture *f, const char *prefix)
{
  g_autofree char *text = test_tree_read(f->work_dir, "normalized/ingest_summary.csv");
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  GString *out = g_string_new(NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix(lines[i], prefix))
      g_string_append_printf(out, "%s\n", lines[i]);
  return g_string_free(out, FALSE);
}

static void run_ok(Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = ingest_run(&f->ctx, NULL, &error);
  if (!ok)
    fail_msg("ingest failed: %s", error->message);
}

/* --- A small tree: an older zip and a newer folder of a1, a zip of b2 ---- */

static const Item a1_february[] = {
    {"Connections.csv", "First Name,Last Name,Email Address,Company,Position,Connected On\n"
                        "Max,Ott,,Ott Bau,Sales,08 Jan 2026\n"
                        ",,,,,07 Jun 2025\n"
                        ",,,,,07 Jun 2025"},
    {"Profile.csv", "First Name,Last Name,Headline,Summary\nAnna,Berg-Alt,Old,Old summary\n"},
    {"Shares.csv", "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
                   "2026-01-20 10:00:00,https://l/1,Hi,,,PUBLIC\n"},
};

static const Item a1_march[] = {
    {"Connections.csv", "\xEF\xBB\xBFNotes:\r\n"
                        "\"When exporting your connection data, you may notice that some of the "
                        "email addresses are missing.\"\r\n"
                        "\r\n"
                        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                        "Max,Ott,https://www.linkedin.com/in/max-ott,,Ott Bau,Owner,08 Jan 2026\r\n"
                        ",,,,,,07 Jun 2025\r\n"
                        "Lina,Frei,https://www.linkedin.com/in/lina,,Frei AG,CEO,20 Feb 2026"},
    {"Shares_123.csv", "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
                       "2026-01-20 10:00:00,https://l/1,Hi,,,PUBLIC\n"
                       "2026-02-25 09:00:00,,\"Weekend read\",,,PUBLIC\n"},
    {"Comments.csv", "Date,Link,Message\n"
                     "2026-02-26 07:50:46,https://l/2,\"Agree with \\\"less\\\".\nReally.\"\n"},
    {"Reactions.csv", "Date,Type,Link\n2026-02-27 10:00:00,LIKE,https://l/3"},
    {"messages.csv", "\"CONVERSATION ID\",\"FROM\",\"TO\",\"DATE\",\"CONTENT\",\"FOLDER\"\n"
                     "\"c1\",\"Anna Berg\",\"Lina Frei\",\"2026-02-28 09:00:00 UTC\",\"Hallo\","
                     "\"INBOX\"\n"
                     "\"c1\",\"Anna Berg\",\"Lina Frei\",\"2026-02-28 10:00:00 UTC\",\"Entwurf\","
                     "\"DRAFT\"\n"},
    {"Invitations.csv", "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                        "Anna Berg,Lina Frei,\"2/10/26, 2:37 PM\",,OUTGOING,u,"
                        "https://www.linkedin.com/in/lina\n"},
    {"Endorsement_Received_Info.csv", "Endorsement Date,Skill Name,Endorser First Name,"
                                      "Endorser Last Name,Endorser Public Url,Endorsement Status\n"
                                      "2026/03/05 15:02:55 UTC,CRM,Eva,Hahn,u,ACCEPTED\n"},
    {"Recommendations_Received.csv", "First Name,Last Name,Company,Job Title,Text,Creation Date,"
                                     "Status\n"
                                     "Eva,Hahn,X,Y,Gut,\"08/30/22, 05:51 PM\",VISIBLE\n"},
    {"Profile.csv", "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,"
                    "Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
                    "Anna,Berg,,,,Sales | Fenster,,Construction,,Berlin,,[x],\n"},
    {"Positions.csv", "Company Name,Title,Description,Location,Started On,Finished On\n"
                      "Example AG,Sales,,Berlin,Mar 2019,\n"},
    {"Skills.csv", "Name\nCRM\nVertrieb"},
    {"Ad_Targeting.csv", "Member Age\n25 to 34\n"},
};

static const Item b2_january[] = {
    {"Reactions_99.csv", "Date,Type,Link\n2026-01-10 10:00:00,LIKE,https://l/9\n"},
};

#define A1_FEBRUARY "linkedin/a1/Basic_LinkedInDataExport_02-01-2026.zip"
#define A1_MARCH "linkedin/a1/Basic_LinkedInDataExport_03-01-2026"
#define B2_JANUARY "linkedin/b2/Complete_LinkedInDataExport_01-15-2026.zip"

static void tree_write_small(const Fixture *f)
{
  tree_write_base(f);
  tree_write_zip(f, A1_FEBRUARY, a1_february, G_N_ELEMENTS(a1_february));
  tree_write_folder(f, A1_MARCH, a1_march, G_N_ELEMENTS(a1_march));
  tree_write_zip(f, B2_JANUARY, b2_january, G_N_ELEMENTS(b2_january));
}

static void test_small_tree_gives_exact_li_files(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  run_ok(f);
  assert_work_file(f, "normalized/li_connections.csv",
                   "ambassador_id,date,first_name,last_name,url,company,position,count\n"
                   "a1,2025-06-07,,,,,,2\n"
                   "a1,2026-01-08,Max,Ott,https://www.linkedin.com/in/max-ott,Ott Bau,Owner,1\n"
                   "a1,2026-02-20,Lina,Frei,https://www.linkedin.com/in/lina,Frei AG,CEO,1\n");
  assert_work_file(f, "normalized/li_invitations.csv",
                   "ambassador_id,date,direction,from,to,invitee_url,count\n"
                   "a1,2026-02-10,OUTGOING,Anna Berg,Lina Frei,https://www.linkedin.com/in/lina,"
                   "1\n");
  assert_work_file(f, "normalized/li_shares.csv",
                   "ambassador_id,date,count\na1,2026-01-20,1\na1,2026-02-25,1\n");
  assert_work_file(f, "normalized/li_comments.csv", "ambassador_id,date,count\na1,2026-02-26,1\n");
  assert_work_file(f, "normalized/li_reactions.csv",
                   "ambassador_id,date,count\na1,2026-02-27,1\nb2,2026-01-10,1\n");
  assert_work_file(f, "normalized/li_messages.csv",
                   "ambassador_id,date,from,draft,count\n"
                   "a1,2026-02-28,Anna Berg,no,1\n"
                   "a1,2026-02-28,Anna Berg,yes,1\n");
  assert_work_file(f, "normalized/li_endorsements.csv",
                   "ambassador_id,date,status,count\na1,2026-03-05,ACCEPTED,1\n");
  assert_work_file(
      f, "normalized/li_profiles.csv",
      "ambassador_id,newest_export,covered_until,first_name,last_name,headline_set,summary_set,"
      "industry_set,geo_location_set,current_position,skills,visible_recommendations,"
      "websites_or_twitter_set\n"
      "a1," A1_MARCH ",2026-03-05,Anna,Berg,1,0,1,1,1,2,1,1\n"
      "b2," B2_JANUARY ",2026-01-15,,,0,0,0,0,0,0,0,0\n");
  /* The latest LinkedIn event, not the date in an archive's name. */
  assert_work_file(f, "normalized/meta.csv", "key,value\nlatest_date,2026-03-05\n");
  assert_work_file(f, "normalized/rejects.csv", "file,line,reason,excerpt\n");
  assert_work_file(f, "normalized/warnings.csv",
                   "kind,subject,month,detail\n"
                   "no data,c3,,no accepted SSI snapshot and no LinkedIn export for this "
                   "ambassador\n");
}

/* Every row read is accepted in the newest export holding it, or counted
 * as a duplicate; older profile files are superseded. */
static void test_summary_accounts_overlapping_exports(void **state)
{
  Fixture *f = *state;
  tree_write_small(f);
  run_ok(f);
  g_autofree char *rows = summary_rows(f, "linkedin/");
  assert_string_equal(
      rows, A1_FEBRUARY
      ",linkedin export,,0,0,0,0,zip archive of 3 files\n" A1_FEBRUARY
      "/Connections.csv,linkedin export,UTF-8,3,1,2,0,\n" A1_FEBRUARY
      "/Profile.csv,linkedin export,UTF-8,1,0,1,0,not used: the profile comes from the newest "
      "export\n" A1_FEBRUARY "/Shares.csv,linkedin export,UTF-8,1,0,1,0,\n" A1_MARCH
      "/Ad_Targeting.csv,linkedin export,,0,0,0,0,not used\n" A1_MARCH
      "/Comments.csv,linkedin export,UTF-8,1,1,0,0,\n" A1_MARCH
      "/Connections.csv,linkedin export,UTF-8 with BOM,3,3,0,0,\n" A1_MARCH
      "/Endorsement_Received_Info.csv,linkedin export,UTF-8,1,1,0,0,\n" A1_MARCH
      "/Invitations.csv,linkedin export,UTF-8,1,1,0,0,\n" A1_MARCH
      "/Positions.csv,linkedin export,UTF-8,1,1,0,0,\n" A1_MARCH
      "/Profile.csv,linkedin export,UTF-8,1,1,0,0,\n" A1_MARCH
      "/Reactions.csv,linkedin export,UTF-8,1,1,0,0,\n" A1_MARCH
      "/Recommendations_Received.csv,linkedin export,UTF-8,1,1,0,0,\n" A1_MARCH
      "/Shares_123.csv,linkedin export,UTF-8,2,2,0,0,\n" A1_MARCH
      "/Skills.csv,linkedin export,UTF-8,2,2,0,0,\n" A1_MARCH
      "/messages.csv,linkedin export,UTF-8,2,2,0,0,\n" B2_JANUARY
      ",linkedin export,,0,0,0,0,zip archive of 1 file\n" B2_JANUARY
      "/Reactions_99.csv,linkedin export,UTF-8,1,1,0,0,\n");
  IngestTotals totals;
  assert_true(ingest_run(&f->ctx, &totals, NULL));
  assert_int_equal(totals.files, 20); /* 16 in the tree, 4 inside zips */
}

/* The same export as a zip or unpacked gives the same rows. */
static void test_zip_and_folder_give_identical_rows(void **state)
{
  Fixture *f = *state;
  static const char *const li_files[] = {
      "li_connections.csv", "li_invitations.csv", "li_shares.csv",       "li_comments.csv",
      "li_reactions.csv",   "li_messages.csv",    "li_endorsements.csv", "li_profiles.csv"};
  tree_write_base(f);
  tree_write_zip(f, A1_MARCH ".zip", a1_march, G_N_ELEMENTS(a1_march));
  run_ok(f);
  g_autoptr(GPtrArray) from_zip = g_ptr_array_new_with_free_func(g_free);
  for (gsize i = 0; i < G_N_ELEMENTS(li_files); i++) {
    g_autofree char *name = g_strconcat("normalized/", li_files[i], NULL);
    g_ptr_array_add(from_zip, test_tree_read(f->work_dir, name));
  }
  g_autofree char *zip = g_build_filename(f->input_dir, A1_MARCH ".zip", NULL);
  g_unlink(zip);
  tree_write_folder(f, A1_MARCH, a1_march, G_N_ELEMENTS(a1_march));
  run_ok(f);
  for (gsize i = 0; i < G_N_ELEMENTS(li_files); i++) {
    g_autofree char *name = g_strconcat("normalized/", li_files[i], NULL);
    g_autofree char *from_folder = test_tree_read(f->work_dir, name);
    g_autofree char *expected = g_strdup(g_ptr_array_index(from_zip, i));
    char *zip_suffix = strstr(expected, ".zip,");
    if (zip_suffix != NULL) /* li_profiles names the export */
      memmove(zip_suffix, zip_suffix + 4, strlen(zip_suffix + 4) + 1);
    assert_string_equal(from_folder, expected);
  }
}

static void write_profile_export(const Fixture *f, const char *export, const char *first_name,
                                 gboolean zip)
{
  g_autofree char *profile = g_strdup_printf("First Name,Last Name\n%s,Berg\n", first_name);
  const Item items[] = {{"Profile.csv", profile}};
  if (zip)
    tree_write_zip(f, export, items, 1);
  else
    tree_write_folder(f, export, items, 1);
}

/* Newest: the latest date in the name; ties: the later path; undated
 * exports rank oldest. */
static void test_newest_export_gives_the_profile(void **state)
{
  Fixture *f = *state;
  tree_write_base(f);
  write_profile_export(f, "linkedin/a1/unpacked", "Undated", FALSE);
  write_profile_export(f, "linkedin/a1/Basic_LinkedInDataExport_01-31-2026.zip", "January", TRUE);
  write_profile_export(f, "linkedin/a1/x/Basic_LinkedInDataExport_03-01-2026", "Folder", FALSE);
  write_profile_export(f, "linkedin/a1/Complete_LinkedInDataExport_03-01-2026.zip", "Zip", TRUE);
  write_profile_export(f, "linkedin/b2/unpacked", "Undated", FALSE);
  write_profile_export(f, "linkedin/b2/Basic_LinkedInDataExport_12-24-2025.zip", "December", TRUE);
  write_profile_export(f, "linkedin/c3/later", "Later", FALSE);
  write_profile_export(f, "linkedin/c3/earlier", "Earlier", FALSE);
  run_ok(f);
  assert_work_file(
      f, "normalized/li_profiles.csv",
      "ambassador_id,newest_export,covered_until,first_name,last_name,headline_set,summary_set,"
      "industry_set,geo_location_set,current_position,skills,visible_recommendations,"
      "websites_or_twitter_set\n"
      "a1,linkedin/a1/x/Basic_LinkedInDataExport_03-01-2026,2026-03-01,Folder,Berg,"
      "0,0,0,0,0,0,0,0\n"
      "b2,linkedin/b2/Basic_LinkedInDataExport_12-24-2025.zip,2025-12-24,December,Berg,"
      "0,0,0,0,0,0,0,0\n"
      "c3,linkedin/c3/later,,Later,Berg,0,0,0,0,0,0,0,0\n");
  g_autofree char *rows = summary_rows(f, "linkedin/a1/unpacked/");
  assert_string_equal(rows, "linkedin/a1/unpacked/Profile.csv,linkedin export,UTF-8,1,0,1,0,"
                            "not used: the profile comes from the newest export\n");
}

/* Coverage runs to the latest of the names' dates and the events' dates. */
static void test_covered_until(void **state)
{
  Fixture *f = *state;
  tree_write_base(f);
  const Item late[] = {{"Shares.csv", "Date,ShareLink,ShareCommentary\n"
                                      "2026-03-04 10:00:00,https://l/1,x\n"}};
  const Item early[] = {{"Shares.csv", "Date,ShareLink,ShareCommentary\n"
                                       "2026-02-10 10:00:00,https://l/2,x\n"}};
  tree_write_folder(f, "linkedin/a1/Basic_LinkedInDataExport_03-01-2026", late, 1);
  tree_write_folder(f, "linkedin/b2/Basic_LinkedInDataExport_03-01-2026", early, 1);
  tree_write_folder(f, "linkedin/c3/Basic_LinkedInDataExport_02-01-2026", late, 1);
  tree_write_folder(f, "linkedin/c3/Basic_LinkedInDataExport_02-15-2026", early, 1);
  run_ok(f);
  g_autofree char *profiles = test_tree_read(f->work_dir, "normalized/li_profiles.csv");
  assert_non_null(strstr(profiles, "\na1,linkedin/a1/Basic_LinkedInDataExport_03-01-2026,"
                                   "2026-03-04,"));
  assert_non_null(strstr(profiles, "\nb2,linkedin/b2/Basic_LinkedInDataExport_03-01-2026,"
                                   "2026-03-01,"));
  assert_non_null(strstr(profiles, "\nc3,linkedin/c3/Basic_LinkedInDataExport_02-15-2026,"
                                   "2026-03-04,"));
}

static void test_truncated_zip_and_unsafe_names_are_listed(void **state)
{
  Fixture *f = *state;
  tree_write_base(f);
  test_tree_write(f->input_dir, "linkedin/a1/Basic_LinkedInDataExport_03-01-2026.zip",
                  "PK\x03\x04");
  const Item items[] = {{"../../evil/Connections.csv", "First Name,Last Name,Connected On\n"},
                        {"Shares.csv", "Date,ShareLink,ShareCommentary\n"
                                       "2026-01-04 10:00:00,https://l/1,x\n"}};
  tree_write_zip(f, "linkedin/a1/Basic_LinkedInDataExport_01-01-2026.zip", items, 2);
  f->config->max_reject_ratio = 1.0;
  run_ok(f);
  g_autofree char *rows = summary_rows(f, "linkedin/");
  assert_string_equal(
      rows, "linkedin/a1/Basic_LinkedInDataExport_01-01-2026.zip,linkedin export,,0,0,0,0,"
            "zip archive of 2 files\n"
            "linkedin/a1/Basic_LinkedInDataExport_01-01-2026.zip/../../evil/Connections.csv,"
            "linkedin export,,1,0,0,1,unsafe entry name\n"
            "linkedin/a1/Basic_LinkedInDataExport_01-01-2026.zip/Shares.csv,linkedin export,"
            "UTF-8,1,1,0,0,\n"
            "linkedin/a1/Basic_LinkedInDataExport_03-01-2026.zip,linkedin export,,1,0,0,1,"
            "not a readable zip archive: Not a zip archive\n");
  assert_work_file(
      f, "normalized/rejects.csv",
      "file,line,reason,excerpt\n"
      "linkedin/a1/Basic_LinkedInDataExport_01-01-2026.zip/../../evil/Connections.csv,1,"
      "unsafe entry name,../../evil/Connections.csv\n"
      "linkedin/a1/Basic_LinkedInDataExport_03-01-2026.zip,1,"
      "not a readable zip archive: Not a zip archive,\n");
  /* The unreadable archive is no export: the older one is the newest. */
  g_autofree char *profiles = test_tree_read(f->work_dir, "normalized/li_profiles.csv");
  assert_non_null(strstr(profiles, "\na1,linkedin/a1/Basic_LinkedInDataExport_01-01-2026.zip,"
                                   "2026-01-04,"));
}

static void test_unknown_ambassador_folder_is_listed_not_read(void **state)
{
  Fixture *f = *state;
  tree_write_base(f);
  test_tree_write(f->input_dir, "linkedin/zz/export/Connections.csv",
                  "First Name,Last Name,Connected On\n"
                  "A,B,08 Feb 2026\n");
  test_tree_write(f->input_dir, "linkedin/zz/Basic_LinkedInDataExport_03-01-2026.zip", "not a zip");
  test_tree_write(f->input_dir, "linkedin/readme.txt", "exports go in linkedin/<id>/\n");
  test_tree_write(f->input_dir, "linkedin/a1/notes.pdf", "%PDF");
  run_ok(f);
  g_autofree char *rows = summary_rows(f, "linkedin/");
  assert_string_equal(rows, "linkedin/a1/notes.pdf,linkedin export,,0,0,0,0,not used\n"
                            "linkedin/readme.txt,linkedin export,,0,0,0,0,not used: not in an "
                            "ambassador folder linkedin/<ambassador_id>/\n"
                            "linkedin/zz/Basic_LinkedInDataExport_03-01-2026.zip,linkedin "
                            "export,,0,0,0,0,not used: ambassador not in the roster\n"
                            "linkedin/zz/export/Connections.csv,linkedin export,,0,0,0,0,not "
                            "used: ambassador not in the roster\n");
  g_autofree char *warnings = test_tree_read(f->work_dir, "normalized/warnings.csv");
  assert_non_null(
      strstr(warnings, "\nunknown ambassador,zz,,not in roster.csv; data in linkedin/zz/\n"));
  /* a1 has a folder, so it has data; no export, so no profile row. */
  assert_null(strstr(warnings, "no data,a1,"));
  assert_work_file(f, "normalized/li_connections.csv",
                   "ambassador_id,date,first_name,last_name,url,company,position,count\n");
  g_autofree char *profiles = test_tree_read(f->work_dir, "normalized/li_profiles.csv");
  assert_null(strchr(strchr(profiles, '\n') + 1, '\n'));
}

/* A header that is not LinkedIn's is one rejected row; each file kind is a
 * kind of input for max_reject_ratio. */
static void test_unknown_header_counts_in_its_kind(void **state)
{
  Fixture *f = *state;
  tree_write_base(f);
  const Item items[] = {
      {"Connections.csv", "First Name,Last Name,Company\nA,B,C\n"},
      {"Shares.csv", "Date,ShareLink,ShareCommentary\n2026-01-04 10:00:00,https://l/1,x\n"}};
  tree_write_folder(f, "linkedin/a1/export", items, 2);
  g_autoptr(GError) error = NULL;
  assert_false(ingest_run(&f->ctx, NULL, &error));
  assert_int_equal(pipeline_error_exit_status(error), 2);
  assert_string_equal(error->message,
                      "linkedin Connections: 1 of 1 rows rejected (100.0%), more than "
                      "max_reject_ratio 5% allows (most in linkedin/a1/export/Connections.csv: "
                      "1); see normalized/rejects.csv");
  g_autofree char *rows = summary_rows(f, "linkedin/a1/export/Connections.csv");
  assert_string_equal(rows, "linkedin/a1/export/Connections.csv,linkedin export,UTF-8,1,0,0,1,"
                            "\"missing column(s) \"\"Connected On\"\"; found: \"\"First "
                            "Name\"\", \"\"Last Name\"\", \"\"Company\"\"; expected: \"\"First "
                            "Name\"\", \"\"Last Name\"\", \"\"URL\"\", \"\"Email Address\"\", "
                            "\"\"Company\"\", \"\"Position\"\", \"\"Connected On\"\"\"\n");
  /* The other kinds are used all the same. */
  assert_work_file(f, "normalized/li_shares.csv", "ambassador_id,date,count\na1,2026-01-04,1\n");
}

/* Worker threads change nothing in the output. */
static void test_threads_give_the_same_files(void **state)
{
  Fixture *f = *state;
  static const char *const outputs[] = {
      "ingest_summary.csv", "rejects.csv",     "li_connections.csv",  "li_shares.csv",
      "li_reactions.csv",   "li_messages.csv", "li_endorsements.csv", "li_profiles.csv"};
  tree_write_small(f);
  write_profile_export(f, "linkedin/c3/Basic_LinkedInDataExport_12-24-2025.zip", "Cem", TRUE);
  run_ok(f);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func(g_free);
  for (gsize i = 0; i < G_N_ELEMENTS(outputs); i++) {
    g_autofree char *name = g_strconcat("normalized/", outputs[i], NULL);
    g_ptr_array_add(first, test_tree_read(f->work_dir, name));
  }
  f->ctx.jobs = 3;
  run_ok(f);
  for (gsize i = 0; i < G_N_ELEMENTS(outputs); i++) {
    g_autofree char *name = g_strconcat("normalized/", outputs[i], NULL);
    g_autofree char *again = test_tree_read(f->work_dir, name);
    assert_string_equal(again, g_ptr_array_index(first, i));
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_small_tree_gives_exact_li_files, setup, teardown),
      cmocka_unit_test_setup_teardown(test_summary_accounts_overlapping_exports, setup, teardown),
      cmocka_unit_test_setup_teardown(test_zip_and_folder_give_identical_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(test_newest_export_gives_the_profile, setup, teardown),
      cmocka_unit_test_setup_teardown(test_covered_until, setup, teardown),
      cmocka_unit_test_setup_teardown(test_truncated_zip_and_unsafe_names_are_listed, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_unknown_ambassador_folder_is_listed_not_read, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_unknown_header_counts_in_its_kind, setup, teardown),
      cmocka_unit_test_setup_teardown(test_threads_give_the_same_files, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
