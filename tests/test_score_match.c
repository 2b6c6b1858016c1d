/* Tests of score/match.c: seniority terms as whole words in any script and
 * case, target-audience keywords as folded substrings, and the URL and name
 * keys that decide whether an invitation was accepted. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/config.h"
#include "common/errors.h"
#include "score/match.h"

#include <string.h>

static ScoreSeniority *default_seniority(void)
{
  g_autoptr(PipelineConfig) config = config_new_default();
  ScoreSeniority *seniority =
      score_seniority_new((const char *const *)config->model.seniority_terms, NULL);
  assert_non_null(seniority);
  return seniority;
}

static void test_seniority_whole_words(void **state)
{
  (void)state;
  g_autoptr(ScoreSeniority) s = default_seniority();
  assert_true(score_seniority_matches(s, "Sales Director"));
  assert_true(score_seniority_matches(s, "director, sales"));
  assert_false(score_seniority_matches(s, "Directory Services"));
  /* A hyphen is a boundary, a letter is not. */
  assert_true(score_seniority_matches(s, "Co-Owner"));
  assert_false(score_seniority_matches(s, "Ownership Lead"));
  assert_false(score_seniority_matches(s, "MVP Engineer"));
  /* Digits and '_' are word characters. */
  assert_false(score_seniority_matches(s, "CEO2"));
  assert_false(score_seniority_matches(s, "VP_Sales"));
  assert_true(score_seniority_matches(s, "(CEO)"));
  /* Several words match as written. */
  assert_true(score_seniority_matches(s, "Head of Marketing"));
  assert_false(score_seniority_matches(s, "Head  of Marketing"));
  assert_false(score_seniority_matches(s, "Headquarters"));
  /* German forms: "Partnerin" is not "Partner"; the feminine forms with
   * their own term count through it. */
  assert_false(score_seniority_matches(s, "Partnerin"));
  assert_true(score_seniority_matches(s, "Geschäftsführerin"));
  assert_true(score_seniority_matches(s, "GESCHÄFTSFÜHRER Vertrieb"));
  assert_true(score_seniority_matches(s, "Gründerin & Inhaberin"));
  /* Inside a compound word a term is not a word of its own. */
  assert_false(score_seniority_matches(s, "Mitgründerin"));
  assert_false(score_seniority_matches(s, "Bauleiter"));
  assert_false(score_seniority_matches(s, ""));
  assert_false(score_seniority_matches(s, NULL));
}

/* A letter outside ASCII right after a term ends no word. */
static void test_seniority_unicode_boundaries(void **state)
{
  (void)state;
  const char *const terms[] = {"Geschäftsführer", "Chef", NULL};
  g_autoptr(ScoreSeniority) s = score_seniority_new(terms, NULL);
  assert_non_null(s);
  assert_false(score_seniority_matches(s, "Geschäftsführerin"));
  assert_true(score_seniority_matches(s, "geschäftsführer"));
  assert_true(score_seniority_matches(s, "Stv. Geschäftsführer/in"));
  assert_false(score_seniority_matches(s, "Chefé"));
  assert_false(score_seniority_matches(s, "éChef"));
  assert_true(score_seniority_matches(s, "Chef d'équipe"));
}

/* Terms are text, not patterns. */
static void test_seniority_terms_are_literal(void **state)
{
  (void)state;
  const char *const terms[] = {"C++ Lead", "V.P.", NULL};
  g_autoptr(ScoreSeniority) s = score_seniority_new(terms, NULL);
  assert_non_null(s);
  assert_true(score_seniority_matches(s, "C++ Lead Developer"));
  assert_false(score_seniority_matches(s, "CCC Lead"));
  assert_true(score_seniority_matches(s, "V.P. Sales"));
  assert_false(score_seniority_matches(s, "VXPX Sales"));

  const char *const none[] = {NULL};
  g_autoptr(GError) error = NULL;
  assert_null(score_seniority_new(none, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE));
  assert_string_equal(error->message, "seniority terms: expected at least one term");
}

/* Positions of ASCII alone take a way around the regex: it must answer
 * the same, including for terms that caseless matching pairs with ASCII
 * letters (KELVIN SIGN with 'k', LONG S with 's'). */
static void test_seniority_ascii_positions_like_the_regex(void **state)
{
  (void)state;
  const char *const terms[] = {"Head of", "VP", "Geschäftsführer", "(x)", NULL};
  g_autoptr(ScoreSeniority) s = score_seniority_new(terms, NULL);
  assert_true(score_seniority_matches(s, "HEAD OF Sales"));
  assert_true(score_seniority_matches(s, "Sales vp"));
  assert_true(score_seniority_matches(s, "a (X) b"));
  assert_true(score_seniority_matches(s, "((x))"));
  assert_false(score_seniority_matches(s, "a(x)b"));
  assert_false(score_seniority_matches(s, "VPN Admin"));
  assert_false(score_seniority_matches(s, "Geschaeftsfuehrer"));
  assert_false(score_seniority_matches(s, "_vp"));
  const char *const kelvin[] = {"\xe2\x84\xaa"
                                "ing",
                                NULL}; /* KELVIN SIGN + "ing" */
  g_autoptr(ScoreSeniority) k = score_seniority_new(kelvin, NULL);
  assert_true(score_seniority_matches(k, "The King"));
  assert_false(score_seniority_matches(k, "Kingdom"));
  const char *const long_s[] = {"\xc5\xbf"
                                "ales",
                                NULL}; /* LONG S + "ales" */
  g_autoptr(ScoreSeniority) l = score_seniority_new(long_s, NULL);
  assert_true(score_seniority_matches(l, "SALES"));
}

/* Latin-1 letters fold without GLib's tables, like g_utf8_casefold. */
static void test_audience_latin_folding(void **state)
{
  (void)state;
  g_autoptr(ScoreAudience) a = score_audience_new("strasse;\xce\xbc-tech;ÉCOLE");
  assert_true(score_audience_matches(a, "STRAẞENBAU", NULL));
  assert_true(score_audience_matches(a, "Straßenbau", NULL));
  assert_true(score_audience_matches(a, NULL, "\xc2\xb5-Tech GmbH")); /* MICRO SIGN */
  assert_true(score_audience_matches(a, "Directeur d'École", NULL));
  assert_false(score_audience_matches(a, "Strase", "Ecole"));
}

static void test_audience_substrings(void **state)
{
  (void)state;
  g_autoptr(ScoreAudience) a = score_audience_new("Architekt; planner ;;Bauträger");
  assert_true(score_audience_matches(a, "Landschaftsarchitektin", "Grün GmbH"));
  assert_true(score_audience_matches(a, "Bauleiter", "ARCHITEKTURBÜRO Weiß"));
  assert_true(score_audience_matches(a, "Urban Planner", NULL));
  assert_true(score_audience_matches(a, NULL, "BAUTRÄGER Nord"));
  assert_false(score_audience_matches(a, "Bauleiter", "Stadtplanung"));
  assert_false(score_audience_matches(a, "", ""));
  assert_false(score_audience_matches(a, NULL, NULL));
}

static void test_audience_empty_counts_all(void **state)
{
  (void)state;
  g_autoptr(ScoreAudience) empty = score_audience_new("");
  assert_true(score_audience_matches(empty, "Bauleiter", "X"));
  assert_true(score_audience_matches(empty, NULL, NULL));
  g_autoptr(ScoreAudience) blank = score_audience_new(" ; ");
  assert_true(score_audience_matches(blank, "", ""));
  g_autoptr(ScoreAudience) none = score_audience_new(NULL);
  assert_true(score_audience_matches(none, "", ""));
}

static void assert_url_key(const char *url, const char *expected)
{
  g_autofree char *key = score_url_key(url);
  assert_string_equal(key, expected);
}

static void test_url_key(void **state)
{
  (void)state;
  assert_url_key("https://www.LinkedIn.com/in/Anna-Berg/", "linkedin.com/in/anna-berg");
  assert_url_key("http://linkedin.com/in/anna-berg", "linkedin.com/in/anna-berg");
  assert_url_key("www.linkedin.com/in/anna-berg//", "linkedin.com/in/anna-berg");
  assert_url_key(" HTTPS://WWW.linkedin.com/in/x ", "linkedin.com/in/x");
  assert_url_key("linkedin.com/in/www.x", "linkedin.com/in/www.x");
  assert_url_key("", "");
  assert_url_key("  ", "");
  /* Latin-1 letters fold without the Unicode tables, the rest with them. */
  assert_url_key("\thttps://www.linkedin.com/in/ÄNNE-Weiß/ \n", "linkedin.com/in/änne-weiss");
  assert_url_key("https://www.linkedin.com/in/ИВАН-Petrov", "linkedin.com/in/иван-petrov");
  assert_url_key(NULL, "");
}

static void assert_name_key(const char *first, const char *last, const char *expected)
{
  g_autofree char *key = score_name_key(first, last);
  assert_string_equal(key, expected);
}

static void test_name_key(void **state)
{
  (void)state;
  assert_name_key(" Anna ", "Berg ", "anna berg");
  assert_name_key("Zoë", "HARTMANN", "zoë hartmann");
  assert_name_key("", "Berg", "berg");
  assert_name_key(" ANNA BERG ", NULL, "anna berg");
  assert_name_key(NULL, NULL, "");
  assert_name_key(" ", "", "");
  assert_name_key("Jörg", "STRAßE", "jörg strasse");
  assert_name_key("ÀÉÎ×Þ", "ÿ", "àéî×þ ÿ");
}

/* A sketch made from the text, when there is one, is the sketch of the
 * key made from it, over schemes, case, slashes, spaces and characters
 * inside and beyond Latin-1 near either end. */
static void test_key_sketches_as_the_keys(void **state)
{
  (void)state;
  const char *starts[] = {"", " ", "http://", "HTTPS://", "https://www.", "WWW.", "\thttp://Www."};
  const char *bodies[] = {"linkedin.com/in/anna-berg-1a2b",
                          "LinkedIn.com/in/ZoË",
                          "x",
                          "ab",
                          "abc",
                          "straße",
                          "STRASSE",
                          "µ",
                          "İstanbul",
                          "ǅemal",
                          "Ωmega-Ω",
                          "",
                          "/"};
  const char *ends[] = {"", "/", "//", "  ", " / ", "ß", "Ä/", "ﬀ"};
  guint sketched = 0;
  for (guint s = 0; s < G_N_ELEMENTS(starts); s++)
    for (guint b = 0; b < G_N_ELEMENTS(bodies); b++)
      for (guint e = 0; e < G_N_ELEMENTS(ends); e++) {
        g_autofree char *url = g_strconcat(starts[s], bodies[b], ends[e], NULL);
        g_autofree char *key = score_url_key(url);
        guint sketch = 0;
        gboolean empty = FALSE;
        if (!score_url_key_sketch(url, &sketch, &empty))
          continue;
        sketched++;
        assert_int_equal(empty, key[0] == '\0');
        if (!empty)
          assert_int_equal(sketch, score_key_sketch(key, strlen(key)));
      }
  assert_int_equal(sketched, 245); /* those with Latin-1 alone, ASCII at the ends */
  const char *names[] = {NULL,   "",      "  ", "Anna", " anna ", "ÄNNE", "Jörg",
                         "Weiß", "Ωmega", "ǅ",  "x",    "Li",     "Zoë",  "O'Neil"};
  sketched = 0;
  for (guint f = 0; f < G_N_ELEMENTS(names); f++)
    for (guint l = 0; l < G_N_ELEMENTS(names); l++) {
      g_autofree char *key = score_name_key(names[f], names[l]);
      guint sketch = 0;
      gboolean empty = FALSE;
      if (!score_name_key_sketch(names[f], names[l], &sketch, &empty))
        continue;
      sketched++;
      assert_int_equal(empty, key[0] == '\0');
      if (!empty)
        assert_int_equal(sketch, score_key_sketch(key, strlen(key)));
    }
  assert_int_equal(sketched, 85);
}

/* The sketch looks at length and both ends. */
static void test_key_sketch_tells_keys_apart(void **state)
{
  (void)state;
  guint anna = score_key_sketch("anna berg", 9);
  assert_int_equal(anna, score_key_sketch("anna berg", 9));
  assert_int_not_equal(anna, score_key_sketch("anna bergs", 10));
  assert_int_not_equal(anna, score_key_sketch("enna berg", 9));
  assert_int_not_equal(anna, score_key_sketch("anna burg", 9));
  guint sketch = 0;
  gboolean empty = TRUE;
  assert_true(score_url_key_sketch("https://www.LinkedIn.com/in/anna/", &sketch, &empty));
  assert_false(empty);
  assert_int_equal(sketch, score_key_sketch("linkedin.com/in/anna", 20));
  assert_true(score_url_key_sketch(" https:// ", &sketch, &empty));
  assert_true(empty);
  assert_true(score_name_key_sketch(" Anna ", "BERG", &sketch, &empty));
  assert_false(empty);
  assert_int_equal(sketch, anna);
  assert_true(score_name_key_sketch(NULL, " ", &sketch, &empty));
  assert_true(empty);
  /* Beyond Latin-1, or a folded character where the sketch looks: the key
   * must be made. */
  assert_false(score_name_key_sketch("Ωmega", NULL, &sketch, &empty));
  assert_false(score_name_key_sketch("Anna", "Kühn", &sketch, &empty));
  assert_false(score_url_key_sketch("linkedin.com/in/zoë", &sketch, &empty));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seniority_whole_words),
      cmocka_unit_test(test_seniority_unicode_boundaries),
      cmocka_unit_test(test_seniority_terms_are_literal),
      cmocka_unit_test(test_seniority_ascii_positions_like_the_regex),
      cmocka_unit_test(test_audience_substrings),
      cmocka_unit_test(test_audience_latin_folding),
      cmocka_unit_test(test_audience_empty_counts_all),
      cmocka_unit_test(test_url_key),
      cmocka_unit_test(test_name_key),
      cmocka_unit_test(test_key_sketches_as_the_keys),
      cmocka_unit_test(test_key_sketch_tells_keys_apart),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
