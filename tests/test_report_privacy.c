/* Tests of report/privacy.c: the consent words inputs.md accepts, and that
 * one row without consent withdraws it for the person in every program. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "report/privacy.h"

#include <glib/gstdio.h>

static void test_consent_words(void **state)
{
  (void)state;
  const char *yes[] = {"yes", "YES", "Ja", "true", "1", " yes "};
  const char *no[] = {"no", "", "nein", "0", "y", "yes please", "false"};
  for (gsize i = 0; i < G_N_ELEMENTS(yes); i++)
    if (!report_privacy_consent_given(yes[i]))
      fail_msg("\"%s\" should give consent", yes[i]);
  for (gsize i = 0; i < G_N_ELEMENTS(no); i++)
    if (report_privacy_consent_given(no[i]))
      fail_msg("\"%s\" should not give consent", no[i]);
  assert_false(report_privacy_consent_given(NULL));
}

static ReportTable *roster_load(const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp("report-privacy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "roster.csv", NULL);
  assert_true(g_file_set_contents(path, contents, -1, NULL));
  g_autoptr(GError) error = NULL;
  ReportTable *table = report_table_load(path, NULL, NULL, &error);
  if (table == NULL)
    fail_msg("%s", error->message);
  g_remove(path);
  g_rmdir(dir);
  return table;
}

static void test_every_row_must_consent(void **state)
{
  (void)state;
  g_autoptr(ReportTable) roster = roster_load("ambassador_id,program,team,consent\n"
                                              "a1,p1,T1,yes\n"
                                              "a2,p1,T1,yes\n"
                                              "a2,p2,T2,no\n"
                                              "a3,p1,T1,\n"
                                              "a4,p1,T1,ja\n"
                                              "a4,p2,T2,YES\n");
  g_autoptr(GHashTable) ids = report_privacy_consenting_ids(roster);
  assert_int_equal(g_hash_table_size(ids), 2);
  assert_true(g_hash_table_contains(ids, "a1"));
  assert_true(g_hash_table_contains(ids, "a4"));
  assert_false(g_hash_table_contains(ids, "a2"));
  assert_false(g_hash_table_contains(ids, "a3"));
}

static void test_no_consent_column_names_nobody(void **state)
{
  (void)state;
  g_autoptr(ReportTable) roster = roster_load("ambassador_id,program,team\na1,p1,T1\n");
  g_autoptr(GHashTable) ids = report_privacy_consenting_ids(roster);
  assert_int_equal(g_hash_table_size(ids), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_consent_words),
      cmocka_unit_test(test_every_row_must_consent),
      cmocka_unit_test(test_no_consent_column_names_nobody),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
