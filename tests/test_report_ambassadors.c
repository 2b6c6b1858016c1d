/* Tests of report/ambassadors.c on the hand-made work folder of
 * tests/data/report: order of rows, rank in program with ties, changes per
 * membership, estimated minus reported, and the role at month end. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "report/ambassadors.h"

#include <math.h>
#include <string.h>

#define FIXTURE_WORK TEST_DATA_DIR "/report/work"

typedef struct {
  ReportData data;
  GArray *rows;
} Fixture;

static int fixture_setup(void **state)
{
  Fixture *f = g_new0(Fixture, 1);
  if (!report_data_load(&f->data, FIXTURE_WORK, NULL))
    return 1;
  f->rows = report_ambassadors_build(&f->data, "2026-10");
  *state = f;
  return 0;
}

static int fixture_teardown(void **state)
{
  Fixture *f = *state;
  g_array_unref(f->rows);
  report_data_clear(&f->data);
  g_free(f);
  return 0;
}

static const ReportAmbassador *row_at(const Fixture *f, guint k)
{
  return &g_array_index(f->rows, ReportAmbassador, k);
}

static const char *field(const Fixture *f, guint k, const char *column)
{
  const ReportTable *t = f->data.person_month;
  return report_table_text(t, row_at(f, k)->row, report_table_column(t, column));
}

/* Rows in sort order: the formula-looking name ('=' sorts first), Anna in
 * fenster, Anna in tueren, Özil (sorted with O, before Z), Zoe. */
enum { FORMULA, ANNA_FENSTER, ANNA_TUEREN, OZIL, ZOE, N_ROWS };

static void test_rows_of_the_month_in_name_order(void **state)
{
  const Fixture *f = *state;
  assert_int_equal(f->rows->len, N_ROWS);
  assert_string_equal(field(f, FORMULA, "ambassador_id"), "a2");
  assert_string_equal(field(f, ANNA_FENSTER, "program"), "fenster");
  assert_string_equal(field(f, ANNA_TUEREN, "program"), "tueren");
  assert_string_equal(field(f, OZIL, "name"), "Özil Cem");
  assert_string_equal(field(f, ZOE, "name"), "Zoe Adams");
  for (guint k = 0; k < N_ROWS; k++)
    assert_string_equal(field(f, k, "month"), "2026-10");
}

/* fenster in October: Zoe 75, Anna 60, Özil 60, a2 55 -> 1, 2, 2, 4. */
static void test_rank_in_program(void **state)
{
  const Fixture *f = *state;
  assert_int_equal(row_at(f, ZOE)->rank_in_program, 1);
  assert_int_equal(row_at(f, ANNA_FENSTER)->rank_in_program, 2);
  assert_int_equal(row_at(f, OZIL)->rank_in_program, 2);
  assert_int_equal(row_at(f, FORMULA)->rank_in_program, 4);
  assert_int_equal(row_at(f, ANNA_TUEREN)->rank_in_program, 1); /* alone in tueren */
}

static void test_change_vs_previous_month(void **state)
{
  const Fixture *f = *state;
  assert_float_equal(row_at(f, ANNA_FENSTER)->change_previous, 60.0 - 45.0, 1e-9);
  assert_float_equal(row_at(f, FORMULA)->change_previous, 55.0 - 60.0, 1e-9);
  /* Özil moved from AT to DE in September: compared with DE's September. */
  assert_float_equal(row_at(f, OZIL)->change_previous, 60.0 - 55.0, 1e-9);
  /* Anna had no SSI in tueren in September. */
  assert_true(isnan(row_at(f, ANNA_TUEREN)->change_previous));
}

static void test_change_since_joining(void **state)
{
  const Fixture *f = *state;
  assert_float_equal(row_at(f, ANNA_FENSTER)->change_joining, 60.0 - 40.0, 1e-9);
  assert_float_equal(row_at(f, ANNA_TUEREN)->change_joining, 30.0 - 20.0, 1e-9);
  /* a2 had no SSI in August: the first month with one is September. */
  assert_float_equal(row_at(f, FORMULA)->change_joining, 55.0 - 60.0, 1e-9);
  /* The DE membership started in September, not with the AT one. */
  assert_float_equal(row_at(f, OZIL)->change_joining, 60.0 - 55.0, 1e-9);
  assert_float_equal(row_at(f, ZOE)->change_joining, 75.0 - 70.0, 1e-9);
}

static void test_estimated_minus_reported(void **state)
{
  const Fixture *f = *state;
  assert_float_equal(row_at(f, ANNA_FENSTER)->estimated_minus_reported, 58.0 - 60.0, 1e-9);
  assert_float_equal(row_at(f, ZOE)->estimated_minus_reported, 70.0 - 75.0, 1e-9);
  /* Empty when either side is empty. */
  assert_true(isnan(row_at(f, FORMULA)->estimated_minus_reported));     /* no estimate */
  assert_true(isnan(row_at(f, ANNA_TUEREN)->estimated_minus_reported)); /* no reported */
  assert_true(isnan(row_at(f, OZIL)->estimated_minus_reported));
}

static void test_role_at_month_end(void **state)
{
  const Fixture *f = *state;
  assert_string_equal(row_at(f, ANNA_FENSTER)->role, "Sales Manager");
  assert_string_equal(row_at(f, ANNA_TUEREN)->role, "Trainer");
  assert_string_equal(row_at(f, OZIL)->role, "Key Account Manager");
  /* Zoe's roster row changed on 2026-10-16: the one active on the 31st. */
  assert_string_equal(row_at(f, ZOE)->role, "Head of Planning");
}

static void test_sort_key(void **state)
{
  (void)state;
  g_autofree char *umlaut = report_ambassadors_sort_key("Özil");
  g_autofree char *plain = report_ambassadors_sort_key("ozil");
  g_autofree char *z = report_ambassadors_sort_key("Zoe");
  assert_true(strcmp(umlaut, z) < 0);
  assert_true(strcmp(plain, umlaut) < 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rows_of_the_month_in_name_order),
      cmocka_unit_test(test_rank_in_program),
      cmocka_unit_test(test_change_vs_previous_month),
      cmocka_unit_test(test_change_since_joining),
      cmocka_unit_test(test_estimated_minus_reported),
      cmocka_unit_test(test_role_at_month_end),
      cmocka_unit_test(test_sort_key),
  };
  return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
