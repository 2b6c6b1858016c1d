/* Tests of report/sheet.c: the width a number cell counts for its column,
 * worked out without printing, must be that of the printed number, and text
 * goes into a cell without a copy only when the copy would be the same. */
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

static void assert_text_length(const char *text)
{
  g_autofree char *cell = report_sheet_cell_text(text);
  glong length = report_sheet_text_length(text);
  gboolean unchanged = strcmp(cell, text) == 0;
  if (length >= 0 && !(unchanged && length == g_utf8_strlen(cell, -1)))
    fail_msg("\"%s\": length %ld, but its cell text is \"%s\"", text, length, cell);
  /* -1 costs only a copy; it must not be the answer for most text. */
  if (length < 0 && unchanged && g_utf8_validate(text, -1, NULL) &&
      g_utf8_strlen(text, -1) <= 32767)
    fail_msg("\"%s\": length -1, but its cell text is the same", text);
}

/* Plain, accented, CJK and emoji text, control characters, invalid UTF-8,
 * and text at and over Excel's limit in characters and in bytes. */
static void test_text_needs_a_copy_only_when_cleaned(void **state)
{
  (void)state;
  static const char *const fixed[] = {
      "",
      "Anna",
      "Özil Müller",
      "tab\there",
      "new\nline",
      "bell\a",
      "del\x7f",
      "\xc3\x28",
      "\xe2\x82",
      "caf\xc3\xa9",
      "\xed\xa0\x80",
      "\xf0\x9f\x98\x80 ok",
      "\xc2\x85 next line",
      "\xef\xbf\xbe",
      "\xe6\x97\xa5\xe6\x9c\xac",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(fixed); i++)
    assert_text_length(fixed[i]);
  const char *units[] = {"a", "\xc3\xa9", "\xe2\x82\xac"};
  for (gsize u = 0; u < G_N_ELEMENTS(units); u++)
    for (guint n = 32766; n <= 32768; n++) {
      GString *text = g_string_new(NULL);
      for (guint k = 0; k < n; k++)
        g_string_append(text, units[u]);
      g_autofree char *owned = g_string_free(text, FALSE);
      assert_text_length(owned);
    }
  GRand *rand = g_rand_new_with_seed(27);
  static const char *const pieces[] = {"a",  "Z",    " ",    "\xc3\xa9", "\xe2\x82\xac",    "\x01",
                                       "\t", "\x7f", "\xc3", "\x80",     "\xf0\x9f\x98\x80"};
  for (guint i = 0; i < 20000; i++) {
    GString *text = g_string_new(NULL);
    guint n = (guint)g_rand_int_range(rand, 0, 12);
    for (guint k = 0; k < n; k++)
      g_string_append(text, pieces[g_rand_int_range(rand, 0, G_N_ELEMENTS(pieces))]);
    g_autofree char *owned = g_string_free(text, FALSE);
    assert_text_length(owned);
  }
  g_rand_free(rand);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_edges),
      cmocka_unit_test(test_random_values),
      cmocka_unit_test(test_text_needs_a_copy_only_when_cleaned),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
