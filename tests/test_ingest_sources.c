/* Tests of config/sources.ini handling (pipeline/ingest/sources.c): the
 * shipped file recognises the three header rows of inputs.md, a user's own
 * section works without code, which section wins, and the exact messages for
 * a file that is missing or wrong and for a header no section knows. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "ingest/sources.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

#define SHIPPED_SOURCES_INI TEST_DATA_DIR "/../../config/sources.ini"

static int setup(void **state)
{
  *state = test_file_new("sources", "sources.ini");
  return 0;
}

static int teardown(void **state)
{
  test_file_free(*state);
  return 0;
}

static IngestSources *load_text(const TestFile *f, const char *text, GError **error)
{
  test_file_write(f, text);
  return ingest_sources_load(f->path, error);
}

/* The path in messages depends on the temp dir: "<path><rest>". */
static void assert_message(const TestFile *f, const GError *error, const char *rest)
{
  assert_non_null(error);
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE));
  g_autofree char *expected = g_strconcat(f->path, rest, NULL);
  assert_string_equal(error->message, expected);
}

/* A header record as the CSV reader hands it over. */
static const IngestSource *match_line(const IngestSources *sources, const char *line, char sep,
                                      int columns[POST_N_FIELDS], GError **error)
{
  char delimiter[2] = {sep, '\0'};
  g_auto(GStrv) fields = g_strsplit(line, delimiter, -1);
  CsvRecord header = {.n_fields = g_strv_length(fields), .fields = fields, .line = 1};
  return ingest_sources_match(sources, &header, columns, error);
}

static void assert_columns(const int columns[POST_N_FIELDS], const int expected[POST_N_FIELDS])
{
  for (int f = 0; f < POST_N_FIELDS; f++)
    assert_int_equal(columns[f], expected[f]);
}

static void test_shipped_file_recognises_the_three_header_rows(void **state)
{
  (void)state;
  g_autoptr(GError) error = NULL;
  g_autoptr(IngestSources) sources = ingest_sources_load(SHIPPED_SOURCES_INI, &error);
  assert_null(error);
  assert_int_equal(ingest_sources_count(sources), 3);
  int columns[POST_N_FIELDS];
  const IngestSource *s =
      match_line(sources, "ambassador,date,post_url,impressions,reactions,comments,reposts,clicks",
                 ',', columns, NULL);
  assert_string_equal(s->id, "generic");
  assert_columns(columns, (const int[]){0, 1, 2, 3, 4, 5, 6, 7});
  s = match_line(sources,
                 "Botschafter;Datum;Beitrag-URL;Impressionen;Reaktionen;Kommentare;Reposts;Klicks",
                 ';', columns, NULL);
  assert_string_equal(s->id, "generic-de");
  assert_columns(columns, (const int[]){0, 1, 2, 3, 4, 5, 6, 7});
  s = match_line(sources,
                 "Post URL,Post Publish Date,Impressions,Reactions,Comments,Reposts,Clicks,"
                 "Author Email",
                 ',', columns, NULL);
  assert_string_equal(s->id, "linkedin-post-analytics");
  /* ambassador, date, post_url, then the metrics */
  assert_columns(columns, (const int[]){7, 1, 0, 2, 3, 4, 5, 6});
}

static void test_headers_match_trimmed_in_any_case_and_metrics_are_optional(void **state)
{
  TestFile *f = *state;
  g_autoptr(IngestSources) sources =
      load_text(f,
                "[source tool]\nambassador = Author Email\ndate = Published\n"
                "post_url = Link\nimpressions = Views\nclicks = Clicks\n",
                NULL);
  int columns[POST_N_FIELDS];
  const IngestSource *s =
      match_line(sources, "\xEF\xBB\xBF  LINK ,published,Other,author email", ',', columns, NULL);
  assert_non_null(s);
  assert_string_equal(s->headers[POST_FIELD_AMBASSADOR], "Author Email");
  assert_null(s->headers[POST_FIELD_REACTIONS]);
  assert_columns(columns, (const int[]){3, 1, 0, -1, -1, -1, -1, -1});
}

static void test_most_headers_present_wins_then_the_first_section(void **state)
{
  TestFile *f = *state;
  g_autoptr(IngestSources) sources = load_text(f,
                                               "[source short]\nambassador = who\ndate = when\n"
                                               "post_url = url\n"
                                               "[source long]\nambassador = who\ndate = when\n"
                                               "post_url = url\nimpressions = views\n"
                                               "[source long-too]\nambassador = who\ndate = when\n"
                                               "post_url = url\nclicks = clicks\n",
                                               NULL);
  int columns[POST_N_FIELDS];
  const IngestSource *s = match_line(sources, "who,when,url,views", ',', columns, NULL);
  assert_string_equal(s->id, "long");
  s = match_line(sources, "who,when,url", ',', columns, NULL);
  assert_string_equal(s->id, "short");
  s = match_line(sources, "who,when,url,views,clicks", ',', columns, NULL);
  assert_string_equal(s->id, "long");
}

static void test_unknown_header_lists_found_and_known_headers(void **state)
{
  TestFile *f = *state;
  g_autoptr(IngestSources) sources = load_text(f,
                                               "[source a]\nambassador = who\ndate = when\n"
                                               "post_url = url\nclicks = Klicks\n"
                                               "[source b]\nambassador = E-Mail\ndate = Tag\n"
                                               "post_url = Link\n",
                                               NULL);
  int columns[POST_N_FIELDS];
  g_autoptr(GError) error = NULL;
  assert_null(match_line(sources, "who, when ,link", ',', columns, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(
      error->message,
      "header not recognised: found: \"who\", \"when\", \"link\"; known headers: "
      "a: \"who\", \"when\", \"url\", \"Klicks\"; b: \"E-Mail\", \"Tag\", \"Link\"");
}

static void test_missing_file_is_a_config_error_naming_it(void **state)
{
  TestFile *f = *state;
  g_autoptr(GError) error = NULL;
  assert_null(ingest_sources_load(f->path, &error));
  assert_message(f, error,
                 ": missing: expected the column names of each advocacy tool whose exports are "
                 "in posts/ (a [source <id>] section per tool)");
}

static void test_missing_required_mapping_names_section_and_key(void **state)
{
  TestFile *f = *state;
  g_autoptr(GError) error = NULL;
  assert_null(load_text(f,
                        "# tools\n[source ok]\nambassador = a\ndate = d\npost_url = u\n\n"
                        "[source tool]\nambassador = a\npost_url = u\n",
                        &error));
  assert_message(f, error,
                 ":7: [source tool] date: missing: expected the header of the column that holds "
                 "the publish date");
  g_clear_error(&error);
  assert_null(load_text(f, "[source tool]\nambassador = a\ndate = d\npost_url =\n", &error));
  assert_message(f, error,
                 ":4: [source tool] post_url: missing: expected the header of the column that "
                 "holds the post link");
}

static void test_wrong_key_section_or_id_is_named(void **state)
{
  TestFile *f = *state;
  g_autoptr(GError) error = NULL;
  assert_null(
      load_text(f, "[source t]\nambassador = a\ndate = d\npost_url = u\nimpresions = i\n", &error));
  assert_message(f, error,
                 ":5: [source t] impresions: unknown key: expected ambassador, date, post_url, "
                 "impressions, reactions, comments, reposts or clicks");
  g_clear_error(&error);
  assert_null(load_text(f, "[tool]\nambassador = a\n", &error));
  assert_message(f, error, ":1: [tool]: not a source: expected [source <id>]");
  g_clear_error(&error);
  assert_null(load_text(f, "[source my tool]\nambassador = a\n", &error));
  assert_message(f, error,
                 ":1: [source my tool]: bad source id \"my tool\": expected letters, digits, '.', "
                 "'_' and '-', starting with a letter or digit");
}

static void test_section_twice_or_none_is_an_error(void **state)
{
  TestFile *f = *state;
  g_autoptr(GError) error = NULL;
  assert_null(load_text(f,
                        "[source t]\nambassador = a\ndate = d\npost_url = u\n"
                        "[source t]\nambassador = b\n",
                        &error));
  assert_message(f, error,
                 ":5: [source t] appears twice: expected each source once (give a copied section "
                 "an id of its own)");
  g_clear_error(&error);
  assert_null(load_text(f, "# nothing yet\n", &error));
  assert_message(f, error, ": no source: expected a [source <id>] section per advocacy tool");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_shipped_file_recognises_the_three_header_rows),
      cmocka_unit_test_setup_teardown(
          test_headers_match_trimmed_in_any_case_and_metrics_are_optional, setup, teardown),
      cmocka_unit_test_setup_teardown(test_most_headers_present_wins_then_the_first_section, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_unknown_header_lists_found_and_known_headers, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_missing_file_is_a_config_error_naming_it, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_missing_required_mapping_names_section_and_key, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_wrong_key_section_or_id_is_named, setup, teardown),
      cmocka_unit_test_setup_teardown(test_section_twice_or_none_is_an_error, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
