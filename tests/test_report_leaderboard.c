/* Tests of report/leaderboard.c: the top 10 SSI among consenting
 * ambassadors, ranked among them only, ties sharing a rank and every tie
 * at rank 10 shown, each person once with their highest membership. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "report/ambassadors.h"
#include "report/leaderboard.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* id, name, program, SSI in 2026-10 ("" for none), consent. Ranks among
 * those who consent: 90 (1), 88 (2), 85 85 (3), 80 (5), 75 (6), 70 (7),
 * 65 (8), 60 (9), 50 50 (10), 40 (12). */
static const char *const people[][5] = {
    {"s1", "Sam Secret", "p1", "99", "no"}, {"m1", "Mia Mixed", "p1", "95", "yes"},
    {"m1", "Mia Mixed", "p2", "94", "no"},  {"a1", "Ada", "p1", "90", "yes"},
    {"t1", "Tom Twice", "p1", "30", "yes"}, {"t1", "Tom Twice", "p2", "88", "yes"},
    {"c1", "Cora", "p1", "85", "yes"},      {"b1", "Bert", "p2", "85", "yes"},
    {"d1", "Dana", "p1", "80", "yes"},      {"e1", "Eli", "p1", "75", "yes"},
    {"f1", "Fay", "p2", "70", "yes"},       {"g1", "Gus", "p1", "65", "yes"},
    {"h1", "Hal", "p1", "60", "yes"},       {"j1", "Jan", "p1", "50", "yes"},
    {"i1", "Ida", "p2", "50", "yes"},       {"k1", "Kim", "p1", "40", "yes"},
    {"n1", "Ned None", "p1", "", "yes"},
};

typedef struct {
  char *dir;
  ReportData data;
} Fixture;

static ReportTable *table_write_load(const char *dir, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  assert_true(g_file_set_contents(path, contents, -1, NULL));
  g_autoptr(GError) error = NULL;
  ReportTable *table = report_table_load(path, NULL, NULL, &error);
  if (table == NULL)
    fail_msg("%s", error->message);
  g_remove(path);
  return table;
}

static int fixture_setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  f->dir = g_dir_make_tmp("report-leaderboard-XXXXXX", NULL);
  g_autoptr(GString) months = g_string_new("ambassador_id,name,program,team,month,ssi,band\n");
  g_autoptr(GString) roster =
      g_string_new("ambassador_id,name,program,team,role,joined,left,consent\n");
  for (gsize i = 0; i < G_N_ELEMENTS(people); i++) {
    const char *const *p = people[i];
    g_string_append_printf(months, "%s,%s,%s,T,2026-10,%s,\n", p[0], p[1], p[2], p[3]);
    g_string_append_printf(roster, "%s,%s,%s,T,,2026-01-01,,%s\n", p[0], p[1], p[2], p[4]);
  }
  /* Last month: Ada had 86.5, so +3.5; Cora had none. */
  g_string_append(months, "a1,Ada,p1,T,2026-09,86.5,\n");
  f->data.person_month = table_write_load(f->dir, "person_month.csv", months->str);
  f->data.roster = table_write_load(f->dir, "roster.csv", roster->str);
  *state = f;
  return 0;
}

static int fixture_teardown(void **state)
{
  Fixture *f = *state;
  report_data_clear(&f->data);
  g_rmdir(f->dir);
  g_free(f->dir);
  g_free(f);
  return 0;
}

static const char *name_of(const Fixture *f, const ReportLeaderboardEntry *entry)
{
  const ReportTable *t = f->data.person_month;
  return report_table_text(t, entry->row, report_table_column(t, "name"));
}

/* The board of month, from the ambassadors of that month. */
static GArray *board(const Fixture *f, const char *month, guint size)
{
  g_autoptr(GArray) ambassadors = report_ambassadors_build(&f->data, month);
  return report_leaderboard_build(&f->data, ambassadors, size);
}

static void test_top_ten_with_ties(void **state)
{
  Fixture *f = *state;
  g_autoptr(GArray) entries = board(f, "2026-10", 10);
  const struct {
    const char *name;
    guint rank;
  } expected[] = {{"Ada", 1}, {"Tom Twice", 2}, {"Bert", 3}, {"Cora", 3}, {"Dana", 5}, {"Eli", 6},
                  {"Fay", 7}, {"Gus", 8},       {"Hal", 9},  {"Ida", 10}, {"Jan", 10}};
  assert_int_equal(entries->len, G_N_ELEMENTS(expected));
  for (guint k = 0; k < entries->len; k++) {
    const ReportLeaderboardEntry *entry = &g_array_index(entries, ReportLeaderboardEntry, k);
    assert_string_equal(name_of(f, entry), expected[k].name);
    assert_int_equal(entry->rank, expected[k].rank);
  }
}

/* Tom is in p1 with 30 and in p2 with 88: he shows once, with p2. */
static void test_each_person_once_with_the_best_membership(void **state)
{
  Fixture *f = *state;
  g_autoptr(GArray) entries = board(f, "2026-10", 10);
  const ReportLeaderboardEntry *tom = &g_array_index(entries, ReportLeaderboardEntry, 1);
  const ReportTable *t = f->data.person_month;
  assert_string_equal(report_table_text(t, tom->row, report_table_column(t, "program")), "p2");
  guint toms = 0;
  for (guint k = 0; k < entries->len; k++)
    toms +=
        strcmp(name_of(f, &g_array_index(entries, ReportLeaderboardEntry, k)), "Tom Twice") == 0;
  assert_int_equal(toms, 1);
}

static void test_change_vs_previous_month(void **state)
{
  Fixture *f = *state;
  g_autoptr(GArray) entries = board(f, "2026-10", 10);
  assert_true(g_array_index(entries, ReportLeaderboardEntry, 0).change_previous == 3.5);
  assert_true(isnan(g_array_index(entries, ReportLeaderboardEntry, 3).change_previous));
}

/* A smaller board cuts at its size, ties included. */
static void test_smaller_board(void **state)
{
  Fixture *f = *state;
  g_autoptr(GArray) entries = board(f, "2026-10", 3);
  assert_int_equal(entries->len, 4);
  g_autoptr(GArray) none = board(f, "2026-11", 10);
  assert_int_equal(none->len, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_top_ten_with_ties, fixture_setup, fixture_teardown),
      cmocka_unit_test_setup_teardown(test_each_person_once_with_the_best_membership, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_change_vs_previous_month, fixture_setup,
                                      fixture_teardown),
      cmocka_unit_test_setup_teardown(test_smaller_board, fixture_setup, fixture_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
