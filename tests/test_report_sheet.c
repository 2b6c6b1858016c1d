/* Tests of report/sheet.c: the width a number cell counts for its column,
 * worked out without printing, must be that of the printed number. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "report/sheet.h"

#include <math.h>
#include <string.h>

/* The width as report/sheet.c had it: printed, then counted. */
static guint printed_width(double value, ReportCellKind kind)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format = kind == REPORT_CELL_COUNT || kind == REPORT_CELL_TOP_RANK ? "%.0f"
                       : kind == REPORT_CELL_DECIMAL                             ? "%.2f"
                                                                                 : "%.1f";
  guint width = (guint)strlen(g_ascii_formatd(buffer, sizeof buffer, format, value));
  if (kind == REPORT_CELL_COUNT)
    width += width / 3;
  if (kind == REPORT_CELL_PERCENT || kind == REPORT_CELL_CHANGE)
    width += 1;
  if (kind == REPORT_CELL_TOP_RANK)
    width += 5;
  return width;
}

static void assert_width(double value, ReportCellKind kind)
{
  guint expected = printed_width(value, kind);
  guint width = report_sheet_number_width(value, kind);
  if (width != expected)
    fail_msg("%.17g as kind %d: width %u, printed %u", value, kind, width, expected);
}

/* Around every carry (9.95 to 10.0, 99.5 to 100, ...), signs, -0.0 and what
 * rounds to -0, and the large values that are printed. */
static void test_edges(void **state)
{
  (void)state;
  static const double values[] = {0,       -0.0,    0.004,   -0.004,   0.04,    -0.04, 0.4,   -0.4,
                                  0.5,     -0.5,    0.95,    0.995,    0.9999,  1,     9.94,  9.95,
                                  9.949,   9.96,    9.995,   9.5,      -9.5,    99.5,  99.49, 99.95,
                                  -99.95,  999.995, 1e14,    1e15 - 1, 1e15,    -1e15, 1e16,  1e300,
                                  123.456, 63.25,   -12.345, 1234567,  0.00001, 5e-324};
  for (gsize i = 0; i < G_N_ELEMENTS(values); i++)
    for (int kind = 0; kind < REPORT_CELL_KIND_COUNT; kind++)
      assert_width(values[i], (ReportCellKind)kind);
  for (double power = 1; power <= 1e15; power *= 10)
    for (double step = -0.01; step <= 0.01; step += 0.0005)
      for (int kind = 0; kind < REPORT_CELL_KIND_COUNT; kind++) {
        assert_width(power + step, (ReportCellKind)kind);
        assert_width(-(power + step), (ReportCellKind)kind);
      }
}

/* Many values of the kinds the report writes: SSI, shares, counts. */
static void test_random_values(void **state)
{
  (void)state;
  g_autoptr(GRand) rand = g_rand_new_with_seed(20261031);
  for (int i = 0; i < 200000; i++) {
    double scale = pow(10, g_rand_int_range(rand, -3, 9));
    double value = g_rand_double_range(rand, -1, 1) * scale;
    if (i % 3 == 0)
      value = round(value * 100) / 100;
    for (int kind = 0; kind < REPORT_CELL_KIND_COUNT; kind++)
      assert_width(value, (ReportCellKind)kind);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_edges),
      cmocka_unit_test(test_random_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
