/* Tests of report/labels.c: both languages complete, sheet names Excel
 * accepts, month names (long and short), the words for bands, sources and
 * warnings, the names of the estimate's pillars and factors, and the German
 * texts of the charts and the management summary. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "report/labels.h"

#include <string.h>

static const ReportLanguage languages[] = {REPORT_LANGUAGE_EN, REPORT_LANGUAGE_DE};

static void test_every_key_has_both_languages(void **state)
{
  (void)state;
  for (int key = 0; key < REPORT_LABEL_COUNT; key++) {
    for (gsize l = 0; l < G_N_ELEMENTS(languages); l++) {
      const char *text = report_label((ReportLabel)key, languages[l]);
      if (text[0] == '\0')
        fail_msg("label %d has no text in language %d", key, (int)languages[l]);
      assert_true(g_utf8_validate(text, -1, NULL));
    }
  }
}

static guint count_placeholders(const char *text)
{
  guint n = 0;
  for (const char *p = strchr(text, '%'); p != NULL; p = strchr(p + 2, '%')) {
    if (p[1] != 's')
      fail_msg("\"%s\" holds a '%%' that is not %%s", text);
    n++;
  }
  return n;
}

static void test_placeholders_match_between_languages(void **state)
{
  (void)state;
  for (int key = 0; key < REPORT_LABEL_COUNT; key++) {
    guint en = count_placeholders(report_label((ReportLabel)key, REPORT_LANGUAGE_EN));
    guint de = count_placeholders(report_label((ReportLabel)key, REPORT_LANGUAGE_DE));
    if (en != de)
      fail_msg("label %d: %u placeholders in English, %u in German", key, en, de);
  }
  assert_int_equal(count_placeholders(report_label(REPORT_LABEL_NOTE_BANDS, REPORT_LANGUAGE_DE)),
                   2);
}

static void test_sheet_names_are_valid_for_excel(void **state)
{
  (void)state;
  for (int key = REPORT_LABEL_SHEET_SUMMARY; key <= REPORT_LABEL_SHEET_METHOD; key++) {
    for (gsize l = 0; l < G_N_ELEMENTS(languages); l++) {
      const char *name = report_label((ReportLabel)key, languages[l]);
      assert_true(g_utf8_strlen(name, -1) <= 31);
      assert_null(strpbrk(name, "[]:*?/\\"));
      assert_true(name[0] != '\'');
    }
  }
  assert_string_equal(report_label(REPORT_LABEL_SHEET_SUMMARY, REPORT_LANGUAGE_DE), "Übersicht");
  assert_string_equal(report_label(REPORT_LABEL_SHEET_AMBASSADORS, REPORT_LANGUAGE_DE),
                      "Botschafter");
  assert_string_equal(report_label(REPORT_LABEL_SHEET_QUALITY, REPORT_LANGUAGE_DE),
                      "Datenqualität");
  assert_string_equal(report_label(REPORT_LABEL_SHEET_METHOD, REPORT_LANGUAGE_DE), "Methodik");
  assert_string_equal(report_label(REPORT_LABEL_SHEET_QUALITY, REPORT_LANGUAGE_EN), "Data quality");
  assert_string_equal(report_label(REPORT_LABEL_SHEET_COACHING, REPORT_LANGUAGE_DE), "Coaching");
  assert_string_equal(report_label(REPORT_LABEL_SHEET_PROGRAMS, REPORT_LANGUAGE_DE), "Programme");
  assert_string_equal(report_label(REPORT_LABEL_SHEET_LEADERBOARD, REPORT_LANGUAGE_EN),
                      "Leaderboard");
  assert_string_equal(report_label(REPORT_LABEL_SHEET_LEADERBOARD, REPORT_LANGUAGE_DE),
                      "Rangliste");
}

/* Every text of the management summary and the charts is German in a
 * German report, and differs from the English one where the words do. */
static void test_german_texts_of_charts_and_management(void **state)
{
  (void)state;
  const struct {
    ReportLabel key;
    const char *de;
  } texts[] = {
      {REPORT_LABEL_MANAGEMENT_TITLE, "SSI-Management-Übersicht"},
      {REPORT_LABEL_FEWER_THAN, "weniger als %s"},
      {REPORT_LABEL_SECTION_COHORT, "Mittlerer SSI nach Programmmonat"},
      {REPORT_LABEL_SECTION_TEAM_TREND, "Mittlerer SSI je Team, letzte 12 Monate"},
      {REPORT_LABEL_CHART_TEAM_PILLARS, "Säulen-Mittelwerte je Team, %s"},
      {REPORT_LABEL_CHART_TEAM_BANDS, "Botschafter je Stufe und Team, %s"},
      {REPORT_LABEL_AXIS_MONTH_OF_PROGRAM, "Programmmonat (0 = Startmonat)"},
      {REPORT_LABEL_AXIS_MEAN_SSI, "Mittlerer SSI"},
      {REPORT_LABEL_CHART_BAND_LOW, "niedrig (unter %s)"},
      {REPORT_LABEL_CHART_BAND_MID, "mittel (%s bis %s)"},
      {REPORT_LABEL_CHART_BAND_GOOD, "gut (ab %s)"},
      {REPORT_LABEL_SECTION_CHART_DATA, "Diagrammdaten"},
      {REPORT_LABEL_COL_RANK, "Rang"},
      {REPORT_LABEL_COL_MONTH_OF_PROGRAM, "Programmmonat"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
    assert_string_equal(report_label(texts[i].key, REPORT_LANGUAGE_DE), texts[i].de);
    assert_string_not_equal(report_label(texts[i].key, REPORT_LANGUAGE_EN), texts[i].de);
  }
  assert_string_equal(report_label(REPORT_LABEL_FEWER_THAN, REPORT_LANGUAGE_EN), "fewer than %s");
}

/* Table headers must be unique: no two column labels share a text. */
static void test_column_headers_are_distinct(void **state)
{
  (void)state;
  for (gsize l = 0; l < G_N_ELEMENTS(languages); l++) {
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (int key = REPORT_LABEL_COL_PROGRAM; key <= REPORT_LABEL_COL_RANK; key++) {
      const char *text = report_label((ReportLabel)key, languages[l]);
      if (!g_hash_table_add(seen, (gpointer)text))
        fail_msg("column header \"%s\" appears twice", text);
    }
  }
}

static void test_month_names(void **state)
{
  (void)state;
  g_autofree char *en = report_label_format_month("2026-10", REPORT_LANGUAGE_EN);
  g_autofree char *de = report_label_format_month("2026-10", REPORT_LANGUAGE_DE);
  g_autofree char *march = report_label_format_month("2027-03", REPORT_LANGUAGE_DE);
  g_autofree char *bad = report_label_format_month("2026-13", REPORT_LANGUAGE_EN);
  assert_string_equal(en, "October 2026");
  assert_string_equal(de, "Oktober 2026");
  assert_string_equal(march, "März 2027");
  assert_string_equal(bad, "2026-13");
}

static void test_short_month_names(void **state)
{
  (void)state;
  const struct {
    const char *month;
    ReportLanguage language;
    const char *expected;
  } cases[] = {
      {"2026-10", REPORT_LANGUAGE_EN, "Oct 2026"}, {"2026-10", REPORT_LANGUAGE_DE, "Okt 2026"},
      {"2027-03", REPORT_LANGUAGE_DE, "Mär 2027"}, {"2027-05", REPORT_LANGUAGE_DE, "Mai 2027"},
      {"2025-12", REPORT_LANGUAGE_DE, "Dez 2025"}, {"2025-12", REPORT_LANGUAGE_EN, "Dec 2025"},
      {"2026-1", REPORT_LANGUAGE_EN, "2026-1"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *text = report_label_format_month_short(cases[i].month, cases[i].language);
    assert_string_equal(text, cases[i].expected);
  }
}

static void test_coded_values(void **state)
{
  (void)state;
  assert_string_equal(report_label_band("low", REPORT_LANGUAGE_EN), "room to improve");
  assert_string_equal(report_label_band("low", REPORT_LANGUAGE_DE), "Verbesserungsbedarf");
  assert_string_equal(report_label_band("mid", REPORT_LANGUAGE_DE), "mittel");
  assert_string_equal(report_label_band("good", REPORT_LANGUAGE_DE), "gut");
  assert_string_equal(report_label_band("", REPORT_LANGUAGE_DE), "");
  assert_string_equal(report_label_source("estimated", REPORT_LANGUAGE_DE), "geschätzt");
  assert_string_equal(report_label_source("reported", REPORT_LANGUAGE_EN), "reported");
  assert_string_equal(report_label_warning_kind("not covered", REPORT_LANGUAGE_DE),
                      "nicht abgedeckt");
  /* A value the report does not know is shown as it is. */
  assert_string_equal(report_label_warning_kind("new kind", REPORT_LANGUAGE_DE), "new kind");
}

static void test_pillars_and_factors(void **state)
{
  (void)state;
  for (gsize l = 0; l < G_N_ELEMENTS(languages); l++) {
    for (int p = 0; p < PILLAR_COUNT; p++)
      assert_true(report_label_pillar((Pillar)p, languages[l])[0] != '\0');
    for (int f = 0; f < FACTOR_COUNT; f++) {
      if (report_label_factor((FactorId)f, languages[l])[0] == '\0' ||
          report_label_factor_measure((FactorId)f, languages[l])[0] == '\0')
        fail_msg("factor %d has no name or description in language %d", f, (int)languages[l]);
    }
  }
  assert_string_equal(report_label_pillar(PILLAR_BRAND, REPORT_LANGUAGE_EN), "Professional brand");
  assert_string_equal(report_label_pillar(PILLAR_PEOPLE, REPORT_LANGUAGE_DE),
                      "Die richtigen Personen finden");
  assert_string_equal(report_label_pillar(PILLAR_INSIGHTS, REPORT_LANGUAGE_DE),
                      "Mit Insights interagieren");
  assert_string_equal(report_label_pillar(PILLAR_RELATIONSHIPS, REPORT_LANGUAGE_EN),
                      "Build relationships");
  assert_string_equal(report_label_factor(FACTOR_PUBLISHING, REPORT_LANGUAGE_EN), "Publishing");
  assert_string_equal(report_label_factor(FACTOR_PUBLISHING, REPORT_LANGUAGE_DE), "Beiträge");
  assert_string_equal(report_label_factor(FACTOR_NETWORK_GROWTH, REPORT_LANGUAGE_DE),
                      "Netzwerkwachstum");
  assert_string_equal(report_label_factor(FACTOR_COUNT, REPORT_LANGUAGE_EN), "");
  assert_string_equal(report_label_pillar(PILLAR_COUNT, REPORT_LANGUAGE_DE), "");
  assert_string_equal(report_label_factor_measure(FACTOR_NETWORK_SIZE, REPORT_LANGUAGE_EN),
                      "All connections up to the month's end");
}

static void test_language_from_code(void **state)
{
  (void)state;
  assert_int_equal(report_language_from_code("de"), REPORT_LANGUAGE_DE);
  assert_int_equal(report_language_from_code("DE"), REPORT_LANGUAGE_DE);
  assert_int_equal(report_language_from_code("en"), REPORT_LANGUAGE_EN);
  assert_int_equal(report_language_from_code("fr"), REPORT_LANGUAGE_EN);
  assert_int_equal(report_language_from_code(NULL), REPORT_LANGUAGE_EN);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_key_has_both_languages),
      cmocka_unit_test(test_placeholders_match_between_languages),
      cmocka_unit_test(test_sheet_names_are_valid_for_excel),
      cmocka_unit_test(test_column_headers_are_distinct),
      cmocka_unit_test(test_month_names),
      cmocka_unit_test(test_short_month_names),
      cmocka_unit_test(test_german_texts_of_charts_and_management),
      cmocka_unit_test(test_coded_values),
      cmocka_unit_test(test_pillars_and_factors),
      cmocka_unit_test(test_language_from_code),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
