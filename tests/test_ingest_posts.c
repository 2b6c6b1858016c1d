/* Tests of advocacy-tool post exports (pipeline/ingest/posts.c): the three
 * header forms of inputs.md, a tool added in sources.ini, ambassadors matched
 * by id, e-mail or name, dedup by post URL across files, each reject reason
 * with its line, max_posts per ambassador, and the exact posts.csv. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "ingest/posts.h"
#include "ingest_fixture.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

static const char programs_ini[] = "[program p]\nstart = 2025-01-01\nteams = DE\n"
                                   "[program q]\nstart = 2025-01-01\nteams = KEY\n";
static const char roster_csv[] = "ambassador_id,name,email,program,team,joined\n"
                                 "a1,Anna Berg,anna.berg@example.com,p,DE,2025-01-01\n"
                                 "a1,Anna Berg,anna.berg@example.com,q,KEY,2025-01-01\n"
                                 "b2,Ben Ott,Ben.Ott@Example.com,p,DE,2025-01-01\n"
                                 "k3,Julia Köhler,,p,DE,2025-01-01\n"
                                 "m5,Max Roth,max.roth@example.com,p,DE,2025-01-01\n"
                                 "m6,Max Roth,max.roth2@example.com,q,KEY,2025-01-01\n";
static const char sources_ini[] =
    "[source generic]\nambassador = ambassador\ndate = date\npost_url = post_url\n"
    "impressions = impressions\nreactions = reactions\ncomments = comments\nreposts = reposts\n"
    "clicks = clicks\n"
    "[source generic-de]\nambassador = Botschafter\ndate = Datum\npost_url = Beitrag-URL\n"
    "impressions = Impressionen\nreactions = Reaktionen\ncomments = Kommentare\n"
    "reposts = Reposts\nclicks = Klicks\n"
    "[source linkedin-post-analytics]\nambassador = Author Email\ndate = Post Publish Date\n"
    "post_url = Post URL\nimpressions = Impressions\nreactions = Reactions\n"
    "comments = Comments\nreposts = Reposts\nclicks = Clicks\n";
static const char posts_header[] =
    "ambassador_id,date,post_url,impressions,reactions,comments,reposts,clicks,source,file,line\n";
static const char generic_header[] =
    "ambassador,date,post_url,impressions,reactions,comments,reposts,clicks\n";

typedef struct {
  IngestFixture *base; /* the tree, roster, ledger and warnings */
  IngestPosts *posts;
} Fixture;

/* A store recognising files through the sections of ini, holding at most
 * max_posts posts of one ambassador. */
static void fixture_open_posts_limited(Fixture *f, const char *ini, int max_posts)
{
  g_autofree char *path = test_tree_path(f->base->dir, "sources.ini");
  test_tree_write(f->base->dir, "sources.ini", ini);
  IngestSources *sources = ingest_sources_load(path, NULL);
  assert_non_null(sources);
  ingest_posts_free(f->posts);
  f->posts =
      ingest_posts_new(sources, f->base->roster, f->base->ledger, f->base->warnings, max_posts);
}

/* With the shipped limit, which no test comes near. */
static void fixture_open_posts(Fixture *f, const char *ini)
{
  fixture_open_posts_limited(f, ini, 50000);
}

static int setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->base = ingest_fixture_new("posts", programs_ini, roster_csv);
  *state = f;
  fixture_open_posts(f, sources_ini);
  return 0;
}

static int teardown(void **state)
{
  Fixture *f = *state;
  ingest_posts_free(f->posts);
  ingest_fixture_free(f->base);
  g_free(f);
  return 0;
}

/* Reads text as posts/<name> and returns its entry; *read_ok is what the
 * reader returned. */
static IngestFileEntry *read_posts(Fixture *f, const char *name, const char *text,
                                   gboolean *read_ok, GError **error)
{
  g_autofree char *file = g_strconcat("posts/", name, NULL);
  g_autofree char *path = test_tree_path(f->base->dir, name);
  test_tree_write(f->base->dir, name, text);
  IngestFileEntry *entry = ingest_ledger_add_file(f->base->ledger, file, "posts");
  *read_ok = ingest_posts_read(f->posts, path, entry, error);
  assert_int_equal(entry->rows_read, entry->accepted + entry->duplicates + entry->rejected);
  return entry;
}

static IngestFileEntry *read_posts_ok(Fixture *f, const char *name, const char *text)
{
  gboolean ok = FALSE;
  g_autoptr(GError) error = NULL;
  IngestFileEntry *entry = read_posts(f, name, text, &ok, &error);
  assert_null(error);
  assert_true(ok);
  return entry;
}

static char *posts_text(Fixture *f)
{
  g_autofree char *path = g_build_filename(f->base->dir, "out", "posts.csv", NULL);
  assert_true(ingest_posts_write(f->posts, path, NULL));
  return test_tree_read(f->base->dir, "out/posts.csv");
}

static void assert_posts(Fixture *f, const char *rows)
{
  g_autofree char *text = posts_text(f);
  g_autofree char *expected = g_strconcat(posts_header, rows, NULL);
  assert_string_equal(text, expected);
}

static void test_generic_form_matches_id_email_and_name(void **state)
{
  Fixture *f = *state;
  IngestFileEntry *entry =
      read_posts_ok(f, "g.csv",
                    "ambassador,date,post_url,impressions,reactions,comments,reposts,clicks\n"
                    "b2,2025-03-04,https://x/2,\"1,234\",5,1,0,7\n"
                    "ANNA.BERG@example.COM ,2025-03-02,https://x/1,10,2,0,0,1\n"
                    "Julia Köhler,2025-03-01,https://x/3,0,0,0,0,0\n");
  assert_int_equal(entry->accepted, 3);
  assert_string_equal(entry->encoding, "UTF-8");
  assert_string_equal(entry->note->str, "delimiter \",\", decimal point, source generic");
  assert_posts(f, "a1,2025-03-02,https://x/1,10,2,0,0,1,generic,posts/g.csv,3\n"
                  "b2,2025-03-04,https://x/2,1234,5,1,0,7,generic,posts/g.csv,2\n"
                  "k3,2025-03-01,https://x/3,0,0,0,0,0,generic,posts/g.csv,4\n");
}

static void test_german_form_with_thousands_dots_and_empty_metrics(void **state)
{
  Fixture *f = *state;
  IngestFileEntry *entry = read_posts_ok(
      f, "de.csv",
      "\xEF\xBB\xBF"
      "Botschafter;Datum;Beitrag-URL;Impressionen;Reaktionen;Kommentare;Reposts;Klicks\r\n"
      "Anna Berg;31.10.2025;https://x/de1;1.234;12;;0;\r\n"
      "b2;01.11.2025;https://x/de2;;3;1;0;2");
  assert_int_equal(entry->accepted, 2);
  assert_string_equal(entry->encoding, "UTF-8 with BOM");
  assert_string_equal(entry->note->str, "delimiter \";\", decimal comma, source generic-de");
  assert_posts(f, "a1,2025-10-31,https://x/de1,1234,12,,0,,generic-de,posts/de.csv,2\n"
                  "b2,2025-11-01,https://x/de2,,3,1,0,2,generic-de,posts/de.csv,3\n");
}

static void test_linkedin_analytics_by_email_in_any_case_and_us_dates(void **state)
{
  Fixture *f = *state;
  IngestFileEntry *entry = read_posts_ok(
      f, "li.csv",
      "Post URL,Post Publish Date,Impressions,Reactions,Comments,Reposts,Clicks,Author Email\n"
      "https://x/li1,11/4/2025,183,5,1,0,0,ben.ott@example.com\n"
      "https://x/li2,2/28/2026,452,5,2,0,,BEN.OTT@EXAMPLE.COM\n");
  assert_int_equal(entry->accepted, 2);
  assert_string_equal(entry->note->str,
                      "delimiter \",\", decimal point, source linkedin-post-analytics");
  assert_posts(f,
               "b2,2025-11-04,https://x/li1,183,5,1,0,0,linkedin-post-analytics,posts/li.csv,2\n"
               "b2,2026-02-28,https://x/li2,452,5,2,0,,linkedin-post-analytics,posts/li.csv,3\n");
  GDate latest;
  assert_true(ingest_posts_latest_date(f->posts, &latest));
  assert_int_equal(g_date_get_year(&latest), 2026);
  assert_int_equal(g_date_get_month(&latest), 2);
  assert_int_equal(g_date_get_day(&latest), 28);
  assert_true(ingest_posts_has(f->posts, "b2"));
  assert_false(ingest_posts_has(f->posts, "a1"));
}

static void test_tool_added_in_sources_ini_is_recognised(void **state)
{
  Fixture *f = *state;
  g_autofree char *ini = g_strconcat(sources_ini,
                                     "[source amplify]\n# our advocacy tool\n"
                                     "ambassador = Employee\ndate = Shared On\n"
                                     "post_url = Permalink\nimpressions = Views\nclicks =\n",
                                     NULL);
  fixture_open_posts(f, ini);
  IngestFileEntry *entry = read_posts_ok(f, "amp.csv",
                                         "Permalink;Shared On;Views;Employee;Likes\n"
                                         "https://x/a1;2025-05-06;2.500;a1;7\n");
  assert_int_equal(entry->accepted, 1);
  assert_string_equal(entry->note->str, "delimiter \";\", decimal comma, source amplify");
  assert_posts(f, "a1,2025-05-06,https://x/a1,2500,,,,,amplify,posts/amp.csv,2\n");
}

static void test_later_file_wins_and_earlier_copy_is_a_duplicate(void **state)
{
  Fixture *f = *state;
  g_autofree char *first_text = g_strconcat(generic_header,
                                            "a1,2025-04-01,https://x/1,100,1,0,0,1\n"
                                            "a1,2025-04-02,https://x/2,50,1,0,0,1\n"
                                            "a1,2025-04-02,https://x/2,60,2,0,0,1\n",
                                            NULL);
  g_autofree char *second_text = g_strconcat(generic_header,
                                             "a1,2025-04-01,https://x/1,250,9,2,1,\n"
                                             "a1,2025-04-09,https://x/1b,5,0,0,0,0\n",
                                             NULL);
  IngestFileEntry *first = read_posts_ok(f, "2025-04.csv", first_text);
  IngestFileEntry *second = read_posts_ok(f, "2025-05.csv", second_text);
  assert_int_equal(first->rows_read, 3);
  assert_int_equal(first->accepted, 1);
  assert_int_equal(first->duplicates, 2);
  assert_int_equal(second->rows_read, 2);
  assert_int_equal(second->accepted, 2);
  assert_int_equal(second->duplicates, 0);
  assert_posts(f, "a1,2025-04-01,https://x/1,250,9,2,1,,generic,posts/2025-05.csv,2\n"
                  "a1,2025-04-02,https://x/2,60,2,0,0,1,generic,posts/2025-04.csv,4\n"
                  "a1,2025-04-09,https://x/1b,5,0,0,0,0,generic,posts/2025-05.csv,3\n");
}

static void test_each_reject_reason_with_its_line(void **state)
{
  Fixture *f = *state;
  g_autofree char *text = g_strconcat(generic_header,
                                      "a1,2025-04-01,https://x/ok,1,1,1,1,1\n"
                                      "zz,2025-04-01,https://x/zz,1,1,1,1,1\n"
                                      "a1,32.01.2026,https://x/d,1,1,1,1,1\n"
                                      "a1,2025-04-01,,1,1,1,1,1\n"
                                      ",2025-04-01,https://x/e,1,1,1,1,1\n"
                                      "a1,2025-04-01,https://x/n,-3,1,1,1,1\n"
                                      "a1,2025-04-01,https://x/m,1,many,1,1,1\n"
                                      "Max Roth,2025-04-01,https://x/r,1,1,1,1,1\n"
                                      "a1,2025-04-01,https://x/ok,\"2\n",
                                      NULL);
  IngestFileEntry *entry = read_posts_ok(f, "bad.csv", text);
  assert_int_equal(entry->rows_read, 9);
  assert_int_equal(entry->accepted, 1);
  assert_int_equal(entry->rejected, 8);
  g_autofree char *rejects = ingest_fixture_rejects_text(f->base);
  assert_string_equal(
      rejects, "file,line,reason,excerpt\n"
               "posts/bad.csv,3,ambassador not in roster,\"zz,2025-04-01,https://x/zz,1,1,1,1,1\"\n"
               "posts/bad.csv,4,\"bad date: not a date: \"\"32.01.2026\"\" (expected YYYY-MM-DD, "
               "DD.MM.YYYY or M/D/YY)\",\"a1,32.01.2026,https://x/d,1,1,1,1,1\"\n"
               "posts/bad.csv,5,missing post URL,\"a1,2025-04-01,,1,1,1,1,1\"\n"
               "posts/bad.csv,6,missing ambassador,\",2025-04-01,https://x/e,1,1,1,1,1\"\n"
               "posts/bad.csv,7,\"negative count: \"\"-3\"\" (column impressions)\","
               "\"a1,2025-04-01,https://x/n,-3,1,1,1,1\"\n"
               "posts/bad.csv,8,\"not a number: \"\"many\"\" (column reactions)\","
               "\"a1,2025-04-01,https://x/m,1,many,1,1,1\"\n"
               "posts/bad.csv,9,\"ambassador \"\"Max Roth\"\" matches several roster ids: m5, m6\","
               "\"Max Roth,2025-04-01,https://x/r,1,1,1,1,1\"\n"
               "posts/bad.csv,10,unterminated quote at end of file,"
               "\"a1,2025-04-01,https://x/ok,\"\"2\"\n");
  /* A rejected later copy does not replace the accepted one. */
  assert_posts(f, "a1,2025-04-01,https://x/ok,1,1,1,1,1,generic,posts/bad.csv,2\n");
}

static void test_unknown_ambassador_is_noted_for_data_quality(void **state)
{
  Fixture *f = *state;
  g_autofree char *text =
      g_strconcat(generic_header, "zz,2025-04-01,https://x/zz,1,1,1,1,1\n", NULL);
  read_posts_ok(f, "u.csv", text);
  g_autofree char *path = g_build_filename(f->base->dir, "out", "warnings.csv", NULL);
  assert_true(ingest_warnings_write(f->base->warnings, path, NULL));
  g_autofree char *warnings = test_tree_read(f->base->dir, "out/warnings.csv");
  assert_string_equal(warnings, "kind,subject,month,detail\n"
                                "unknown ambassador,zz,,not in roster.csv; data in posts/u.csv\n");
}

static void test_unrecognised_header_is_an_input_error(void **state)
{
  Fixture *f = *state;
  gboolean ok = TRUE;
  g_autoptr(GError) error = NULL;
  IngestFileEntry *entry =
      read_posts(f, "x.csv", "Author,Link,Views\na1,https://x/1,3\n", &ok, &error);
  assert_false(ok);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  const char *reason =
      "header not recognised: found: \"Author\", \"Link\", \"Views\"; known headers: "
      "generic: \"ambassador\", \"date\", \"post_url\", \"impressions\", \"reactions\", "
      "\"comments\", \"reposts\", \"clicks\"; generic-de: \"Botschafter\", \"Datum\", "
      "\"Beitrag-URL\", \"Impressionen\", \"Reaktionen\", \"Kommentare\", \"Reposts\", "
      "\"Klicks\"; linkedin-post-analytics: \"Author Email\", \"Post Publish Date\", "
      "\"Post URL\", \"Impressions\", \"Reactions\", \"Comments\", \"Reposts\", \"Clicks\"";
  g_autofree char *message = g_strconcat("posts/x.csv:1: ", reason, NULL);
  assert_string_equal(error->message, message);
  assert_int_equal(entry->rows_read, 1);
  assert_int_equal(entry->rejected, 1);
  assert_string_equal(entry->note->str, reason);
  assert_string_equal(entry->encoding, "UTF-8");
  assert_posts(f, "");
}

static void test_header_only_and_empty_files_are_zero_rows(void **state)
{
  Fixture *f = *state;
  IngestFileEntry *header_only = read_posts_ok(f, "h.csv", generic_header);
  assert_int_equal(header_only->rows_read, 0);
  IngestFileEntry *empty = read_posts_ok(f, "e.csv", "");
  assert_int_equal(empty->rows_read, 0);
  GDate latest;
  assert_false(ingest_posts_latest_date(f->posts, &latest));
  assert_posts(f, "");
}

static void test_missing_file_is_one_row_rejected(void **state)
{
  Fixture *f = *state;
  g_autofree char *path = g_build_filename(f->base->dir, "gone.csv", NULL);
  IngestFileEntry *entry = ingest_ledger_add_file(f->base->ledger, "posts/gone.csv", "posts");
  g_autoptr(GError) error = NULL;
  assert_true(ingest_posts_read(f->posts, path, entry, &error));
  assert_int_equal(entry->rows_read, 1);
  assert_int_equal(entry->rejected, 1);
  assert_true(g_str_has_prefix(entry->note->str, "cannot read: "));
}

/* --- max_posts ------------------------------------------------------------- */

static void assert_counts(const IngestFileEntry *entry, guint64 read, guint64 accepted,
                          guint64 duplicates, guint64 rejected)
{
  assert_int_equal(entry->rows_read, read);
  assert_int_equal(entry->accepted, accepted);
  assert_int_equal(entry->duplicates, duplicates);
  assert_int_equal(entry->rejected, rejected);
}

static void assert_rejects(Fixture *f, const char *rows)
{
  g_autofree char *text = ingest_fixture_rejects_text(f->base);
  g_autofree char *expected = g_strconcat("file,line,reason,excerpt\n", rows, NULL);
  assert_string_equal(text, expected);
}

static void test_posts_past_max_posts_in_one_file_are_rejected(void **state)
{
  Fixture *f = *state;
  fixture_open_posts_limited(f, sources_ini, 3);
  g_autofree char *text = g_strconcat(generic_header,
                                      "a1,2025-04-01,https://x/1,1,0,0,0,0\n"
                                      "a1,2025-04-02,https://x/2,2,0,0,0,0\n"
                                      "a1,2025-04-03,https://x/3,3,0,0,0,0\n"
                                      "a1,2025-04-04,https://x/4,4,0,0,0,0\n"
                                      "a1,2025-04-02,https://x/2,20,1,0,0,0\n"
                                      "a1,2025-04-05,https://x/5,5,0,0,0,0\n",
                                      NULL);
  IngestFileEntry *entry = read_posts_ok(f, "big.csv", text);
  /* The update of x/2 past the limit is kept: it holds no new post. */
  assert_counts(entry, 6, 3, 1, 2);
  assert_rejects(f, "posts/big.csv,5,more than max_posts (3) different posts of a1,"
                    "\"a1,2025-04-04,https://x/4,4,0,0,0,0\"\n"
                    "posts/big.csv,7,more than max_posts (3) different posts of a1,"
                    "\"a1,2025-04-05,https://x/5,5,0,0,0,0\"\n");
  assert_posts(f, "a1,2025-04-01,https://x/1,1,0,0,0,0,generic,posts/big.csv,2\n"
                  "a1,2025-04-02,https://x/2,20,1,0,0,0,generic,posts/big.csv,6\n"
                  "a1,2025-04-03,https://x/3,3,0,0,0,0,generic,posts/big.csv,4\n");
}

static void test_max_posts_counts_across_files_and_keeps_updates(void **state)
{
  Fixture *f = *state;
  fixture_open_posts_limited(f, sources_ini, 3);
  g_autofree char *first_text = g_strconcat(generic_header,
                                            "a1,2025-04-01,https://x/1,1,0,0,0,0\n"
                                            "a1,2025-04-02,https://x/2,2,0,0,0,0\n",
                                            NULL);
  g_autofree char *second_text = g_strconcat(generic_header,
                                             "a1,2025-05-01,https://x/3,3,0,0,0,0\n"
                                             "a1,2025-05-02,https://x/4,4,0,0,0,0\n"
                                             "a1,2025-04-01,https://x/1,10,1,0,0,0\n",
                                             NULL);
  IngestFileEntry *first = read_posts_ok(f, "2025-04.csv", first_text);
  IngestFileEntry *second = read_posts_ok(f, "2025-05.csv", second_text);
  assert_counts(first, 2, 1, 1, 0);
  assert_counts(second, 3, 2, 0, 1);
  assert_rejects(f, "posts/2025-05.csv,3,more than max_posts (3) different posts of a1,"
                    "\"a1,2025-05-02,https://x/4,4,0,0,0,0\"\n");
  assert_posts(f, "a1,2025-04-01,https://x/1,10,1,0,0,0,generic,posts/2025-05.csv,4\n"
                  "a1,2025-04-02,https://x/2,2,0,0,0,0,generic,posts/2025-04.csv,3\n"
                  "a1,2025-05-01,https://x/3,3,0,0,0,0,generic,posts/2025-05.csv,2\n");
}

static void test_max_posts_is_per_ambassador(void **state)
{
  Fixture *f = *state;
  fixture_open_posts_limited(f, sources_ini, 2);
  g_autofree char *text = g_strconcat(generic_header,
                                      "a1,2025-04-01,https://x/a1,1,0,0,0,0\n"
                                      "b2,2025-04-01,https://x/b1,1,0,0,0,0\n"
                                      "a1,2025-04-02,https://x/a2,2,0,0,0,0\n"
                                      "a1,2025-04-03,https://x/a3,3,0,0,0,0\n"
                                      "b2,2025-04-02,https://x/b2,2,0,0,0,0\n"
                                      "Max Roth,2025-04-03,https://x/r,3,0,0,0,0\n"
                                      "a1,32.04.2025,https://x/a4,4,0,0,0,0\n"
                                      "b2,2025-04-03,https://x/b3,3,0,0,0,0\n",
                                      NULL);
  IngestFileEntry *entry = read_posts_ok(f, "two.csv", text);
  assert_counts(entry, 8, 4, 0, 4);
  /* Rows rejected for what they are keep their reason. */
  assert_rejects(
      f, "posts/two.csv,5,more than max_posts (2) different posts of a1,"
         "\"a1,2025-04-03,https://x/a3,3,0,0,0,0\"\n"
         "posts/two.csv,7,\"ambassador \"\"Max Roth\"\" matches several roster ids: m5, m6\","
         "\"Max Roth,2025-04-03,https://x/r,3,0,0,0,0\"\n"
         "posts/two.csv,8,\"bad date: not a date: \"\"32.04.2025\"\" (expected YYYY-MM-DD, "
         "DD.MM.YYYY or M/D/YY)\",\"a1,32.04.2025,https://x/a4,4,0,0,0,0\"\n"
         "posts/two.csv,9,more than max_posts (2) different posts of b2,"
         "\"b2,2025-04-03,https://x/b3,3,0,0,0,0\"\n");
  assert_posts(f, "a1,2025-04-01,https://x/a1,1,0,0,0,0,generic,posts/two.csv,2\n"
                  "a1,2025-04-02,https://x/a2,2,0,0,0,0,generic,posts/two.csv,4\n"
                  "b2,2025-04-01,https://x/b1,1,0,0,0,0,generic,posts/two.csv,3\n"
                  "b2,2025-04-02,https://x/b2,2,0,0,0,0,generic,posts/two.csv,6\n");
}

/* Taking over another ambassador's post counts as a new one: otherwise two
 * ambassadors passing posts back and forth would hold any number. */
static void test_post_of_another_ambassador_past_max_posts_is_rejected(void **state)
{
  Fixture *f = *state;
  fixture_open_posts_limited(f, sources_ini, 1);
  g_autofree char *text = g_strconcat(generic_header,
                                      "b2,2025-04-01,https://x/1,1,0,0,0,0\n"
                                      "a1,2025-04-02,https://x/1,2,0,0,0,0\n"
                                      "b2,2025-04-03,https://x/2,3,0,0,0,0\n"
                                      "a1,2025-04-04,https://x/2,4,0,0,0,0\n",
                                      NULL);
  IngestFileEntry *entry = read_posts_ok(f, "pass.csv", text);
  assert_counts(entry, 4, 2, 1, 1);
  assert_rejects(f, "posts/pass.csv,5,more than max_posts (1) different posts of a1,"
                    "\"a1,2025-04-04,https://x/2,4,0,0,0,0\"\n");
  assert_posts(f, "a1,2025-04-02,https://x/1,2,0,0,0,0,generic,posts/pass.csv,3\n"
                  "b2,2025-04-03,https://x/2,3,0,0,0,0,generic,posts/pass.csv,4\n");
}

int main(void)
{
#define POSTS_TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
  const struct CMUnitTest tests[] = {
      POSTS_TEST(test_generic_form_matches_id_email_and_name),
      POSTS_TEST(test_german_form_with_thousands_dots_and_empty_metrics),
      POSTS_TEST(test_linkedin_analytics_by_email_in_any_case_and_us_dates),
      POSTS_TEST(test_tool_added_in_sources_ini_is_recognised),
      POSTS_TEST(test_later_file_wins_and_earlier_copy_is_a_duplicate),
      POSTS_TEST(test_each_reject_reason_with_its_line),
      POSTS_TEST(test_unknown_ambassador_is_noted_for_data_quality),
      POSTS_TEST(test_unrecognised_header_is_an_input_error),
      POSTS_TEST(test_header_only_and_empty_files_are_zero_rows),
      POSTS_TEST(test_missing_file_is_one_row_rejected),
      POSTS_TEST(test_posts_past_max_posts_in_one_file_are_rejected),
      POSTS_TEST(test_max_posts_counts_across_files_and_keeps_updates),
      POSTS_TEST(test_max_posts_is_per_ambassador),
      POSTS_TEST(test_post_of_another_ambassador_past_max_posts_is_rejected),
  };
#undef POSTS_TEST
  return cmocka_run_group_tests(tests, NULL, NULL);
}
