/* Cell writing shared by the sheet writers: one place decides how a number,
 * an unknown value, a month or a text from input data goes into a cell, and
 * tracks the widest content so that columns fit what they hold. */
#include "report/sheet.h"

#include "common/errors.h"
#include "report/months.h"

#include <math.h>
#include <string.h>

#define WIDTH_MIN 8
#define WIDTH_MAX 70 /* a SHA-256 in hex is 64 */
#define EXCEL_MAX_STRING 32767
#define SPILL_WIDTH 16
#define LINE_HEIGHT 15.0   /* points, of Calibri 11 */
#define CHARACTER_PIXELS 7 /* a digit of Calibri 11, the unit of column widths */
#define DEFAULT_COLUMN_PIXELS 64

const char *report_context_label(const ReportContext *ctx, ReportLabel key)
{
  return report_label(key, ctx->language);
}

gboolean report_context_hides_group(const ReportContext *ctx, double members)
{
  if (ctx->audience != REPORT_AUDIENCE_MANAGEMENT)
    return FALSE;
  return !(members >= (double)ctx->config->privacy_min_group_size);
}

char *report_context_with_min_group(const ReportContext *ctx, ReportLabel key)
{
  g_autofree char *n = g_strdup_printf("%d", ctx->config->privacy_min_group_size);
  return g_strdup_printf(report_context_label(ctx, key), n);
}

char *report_context_fewer_than(const ReportContext *ctx)
{
  return report_context_with_min_group(ctx, REPORT_LABEL_FEWER_THAN);
}

ReportSheet *report_sheet_new(const ReportContext *ctx, ReportLabel name, GError **error)
{
  const char *sheet_name = report_context_label(ctx, name);
  lxw_worksheet *worksheet = report_workbook_add_sheet(ctx->book, sheet_name, error);
  if (worksheet == NULL)
    return NULL;
  /* Printed or exported to PDF, a sheet fits the width of A4 landscape. */
  worksheet_set_landscape(worksheet);
  worksheet_set_paper(worksheet, 9);
  worksheet_fit_to_pages(worksheet, 1, 0);
  ReportSheet *sheet = g_new0(ReportSheet, 1);
  sheet->worksheet = worksheet;
  sheet->formats = &ctx->book->formats;
  sheet->widths = g_array_new(FALSE, TRUE, sizeof(guint));
  sheet->fixed = g_array_new(FALSE, TRUE, sizeof(guint));
  sheet->row_lines = g_array_new(FALSE, TRUE, sizeof(guint));
  sheet->status = LXW_NO_ERROR;
  sheet->name = g_strdup(sheet_name);
  return sheet;
}

void report_sheet_free(ReportSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_array_unref(sheet->widths);
  g_array_unref(sheet->fixed);
  g_array_unref(sheet->row_lines);
  g_free(sheet->name);
  g_free(sheet);
}

void report_sheet_check(ReportSheet *sheet, lxw_error status)
{
  if (sheet->status == LXW_NO_ERROR)
    sheet->status = status;
}

void report_sheet_note_width(ReportSheet *sheet, lxw_col_t col, guint characters)
{
  if (col >= sheet->widths->len)
    g_array_set_size(sheet->widths, col + 1);
  guint *width = &g_array_index(sheet->widths, guint, col);
  if (characters > *width)
    *width = characters;
}

void report_sheet_set_width(ReportSheet *sheet, lxw_col_t col, guint characters)
{
  if (col >= sheet->fixed->len)
    g_array_set_size(sheet->fixed, col + 1);
  g_array_index(sheet->fixed, guint, col) = characters;
  report_sheet_note_width(sheet, col, 0); /* so that finish visits col */
}

/* Not every spreadsheet program sizes rows to wrapped text when it opens a
 * file (LibreOffice keeps the default height), so rows get the height of
 * their lines. */
static void rows_set_heights(ReportSheet *sheet)
{
  for (guint row = 0; row < sheet->row_lines->len; row++) {
    guint lines = g_array_index(sheet->row_lines, guint, row);
    if (lines > 1)
      report_sheet_check(sheet,
                         worksheet_set_row(sheet->worksheet, row, LINE_HEIGHT * lines, NULL));
  }
}

/* The width finish gives col, in characters. */
static guint column_width(const ReportSheet *sheet, guint col)
{
  if (col < sheet->fixed->len && g_array_index(sheet->fixed, guint, col) > 0)
    return g_array_index(sheet->fixed, guint, col);
  guint width = col < sheet->widths->len ? g_array_index(sheet->widths, guint, col) + 2 : 0;
  return CLAMP(width, WIDTH_MIN, WIDTH_MAX);
}

guint report_sheet_width_pixels(const ReportSheet *sheet, lxw_col_t first, lxw_col_t last)
{
  guint pixels = 0;
  for (guint col = first; col <= last; col++) {
    /* A column no cell widened keeps Excel's default of 64 pixels. */
    gboolean set = col < sheet->widths->len;
    pixels += set ? column_width(sheet, col) * CHARACTER_PIXELS + 5 : DEFAULT_COLUMN_PIXELS;
  }
  return pixels;
}

gboolean report_sheet_finish(ReportSheet *sheet, GError **error)
{
  rows_set_heights(sheet);
  for (guint col = 0; col < sheet->widths->len; col++)
    report_sheet_check(
        sheet, worksheet_set_column(sheet->worksheet, col, col, column_width(sheet, col), NULL));
  gboolean ok = sheet->status == LXW_NO_ERROR;
  if (!ok)
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT, "sheet \"%s\": %s", sheet->name,
                lxw_strerror(sheet->status));
  report_sheet_free(sheet);
  return ok;
}

/* Excel holds at most 32767 characters in a cell: longer text is cut
 * rather than failing the whole workbook. Control characters (from a binary
 * file's excerpt, say) become U+FFFD so that the cell shows where they were
 * instead of Excel's escapes. */
char *report_sheet_cell_text(const char *text)
{
  if (text == NULL)
    return g_strdup("");
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  GString *cell = g_string_sized_new(strlen(valid));
  glong length = 0;
  for (const char *p = valid; *p != '\0' && length < EXCEL_MAX_STRING;
       p = g_utf8_next_char(p), length++) {
    gunichar c = g_utf8_get_char(p);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
      g_string_append_unichar(cell, 0xFFFD);
    else
      g_string_append_unichar(cell, c);
  }
  return g_string_free(cell, FALSE);
}

void report_sheet_write_title(ReportSheet *sheet, const char *title)
{
  report_sheet_check(sheet, worksheet_set_row(sheet->worksheet, 0, 24, NULL));
  report_sheet_write_line(sheet, 0, 0, title, sheet->formats->title);
}

void report_sheet_write_line(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                             lxw_format *format)
{
  g_autofree char *cell = report_sheet_cell_text(text);
  report_sheet_check(sheet, worksheet_write_string(sheet->worksheet, row, col, cell, format));
}

glong report_sheet_text_length(const char *text)
{
  const char *p = text;
  gboolean ascii = TRUE;
  for (; *p != '\0'; p++) {
    guchar c = (guchar)*p;
    /* A byte below 0x20 is a control character in UTF-8 too: every byte
     * of a longer sequence has the high bit set. */
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
      return -1;
    ascii &= c < 0x80;
  }
  gsize bytes = (gsize)(p - text);
  if (!ascii && !g_utf8_validate_len(text, bytes, NULL))
    return -1;
  glong length = ascii ? (glong)bytes : g_utf8_strlen(text, (gssize)bytes);
  return length <= EXCEL_MAX_STRING ? length : -1;
}

/* extra_width is added to the text's length, then the sum is cut to
 * max_width, for the column width. */
static void write_string(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                         lxw_format *format, guint extra_width, guint max_width)
{
  glong plain = text != NULL ? report_sheet_text_length(text) : -1;
  g_autofree char *copy = plain >= 0 ? NULL : report_sheet_cell_text(text);
  const char *cell = plain >= 0 ? text : copy;
  guint width = (guint)(plain >= 0 ? plain : g_utf8_strlen(cell, -1)) + extra_width;
  report_sheet_note_width(sheet, col, MIN(width, max_width));
  if (cell[0] == '\0')
    report_sheet_check(sheet, worksheet_write_blank(sheet->worksheet, row, col, format));
  else
    report_sheet_check(sheet, worksheet_write_string(sheet->worksheet, row, col, cell, format));
}

void report_sheet_write_text(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                             gboolean bold)
{
  write_string(sheet, row, col, text, sheet->formats->cell[REPORT_CELL_TEXT][bold != 0], 0,
               G_MAXUINT);
}

void report_sheet_write_spilling_text(ReportSheet *sheet, lxw_row_t row, lxw_col_t col,
                                      const char *text)
{
  write_string(sheet, row, col, text, sheet->formats->cell[REPORT_CELL_TEXT][0], 0, SPILL_WIDTH);
}

/* Lines text takes when wrapped at word boundaries into width characters. */
static guint wrapped_lines(const char *text, guint width)
{
  g_auto(GStrv) words = g_strsplit(text, " ", -1);
  guint lines = 1;
  guint used = 0;
  for (guint i = 0; words[i] != NULL; i++) {
    guint length = (guint)g_utf8_strlen(words[i], -1);
    if (used > 0 && used + 1 + length > width) {
      lines++;
      used = 0;
    }
    used += (used > 0 ? 1 : 0) + length;
    lines += used / (width + 1); /* a word longer than the line */
  }
  return lines;
}

static void row_lines_note(ReportSheet *sheet, lxw_row_t row, guint lines)
{
  if (row >= sheet->row_lines->len)
    g_array_set_size(sheet->row_lines, row + 1);
  guint *current = &g_array_index(sheet->row_lines, guint, row);
  *current = MAX(*current, lines);
}

void report_sheet_write_wrapped_text(ReportSheet *sheet, lxw_row_t row, lxw_col_t col,
                                     const char *text)
{
  write_string(sheet, row, col, text, sheet->formats->wrap, 0, 0);
  guint width = col < sheet->fixed->len ? g_array_index(sheet->fixed, guint, col) : 0;
  /* A column is as wide as "width" digits; prose letters average about
   * 0.8 of a digit in Calibri, and 1.15 keeps a margin for wide words. */
  if (width > 2 && text != NULL)
    row_lines_note(sheet, row, wrapped_lines(text, width * 115 / 100 - 2));
}

void report_sheet_write_header(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, const char *text)
{
  /* Bold text is wider, and table headers carry a filter button. */
  write_string(sheet, row, col, text, sheet->formats->header, 3, G_MAXUINT);
}

/* Digits before the point of a finite value printed with "%.<decimals>f",
 * without printing it; 0 when value is so close below a power of ten that
 * rounding may carry into one more digit (print it then). */
static guint integer_digits(double value, int decimals)
{
  static const double half_unit[] = {0.5, 0.05, 0.005};
  double magnitude = fabs(value);
  if (!(magnitude < 1e15))
    return 0;
  guint digits = 1;
  double power = 10.0; /* exact: powers of ten up to 1e22 are */
  while (magnitude >= power) {
    digits++;
    power *= 10.0;
  }
  return magnitude >= power - 2 * half_unit[decimals] ? 0 : digits;
}

/* The length of value printed with "%.<decimals>f": sign (printf writes
 * one for -0.0 and what rounds to -0 too), digits, point and decimals.
 * Called for every number cell, so printf only near a carry. */
static guint printed_length(double value, int decimals)
{
  guint digits = integer_digits(value, decimals);
  if (digits == 0) {
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];
    const char *format = decimals == 0 ? "%.0f" : decimals == 1 ? "%.1f" : "%.2f";
    return (guint)strlen(g_ascii_formatd(buffer, sizeof buffer, format, value));
  }
  return (signbit(value) ? 1 : 0) + digits + (decimals > 0 ? (guint)decimals + 1 : 0);
}

guint report_sheet_number_width(double value, ReportCellKind kind)
{
  int decimals = kind == REPORT_CELL_COUNT || kind == REPORT_CELL_TOP_RANK ? 0
                 : kind == REPORT_CELL_DECIMAL                             ? 2
                                                                           : 1;
  guint width = printed_length(value, decimals);
  if (kind == REPORT_CELL_COUNT)
    width += width / 3; /* thousands separators */
  if (kind == REPORT_CELL_PERCENT || kind == REPORT_CELL_CHANGE)
    width += 1;
  if (kind == REPORT_CELL_TOP_RANK)
    width += 5;
  return width;
}

void report_sheet_write_number(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, double value,
                               ReportCellKind kind, gboolean bold)
{
  lxw_format *format = sheet->formats->cell[kind][bold != 0];
  if (!isfinite(value)) {
    report_sheet_check(sheet, worksheet_write_blank(sheet->worksheet, row, col, format));
    return;
  }
  double shown = kind == REPORT_CELL_PERCENT ? value * 100.0 : value;
  report_sheet_note_width(sheet, col, report_sheet_number_width(shown, kind));
  report_sheet_check(sheet, worksheet_write_number(sheet->worksheet, row, col, value, format));
}

void report_sheet_write_hidden(ReportSheet *sheet, lxw_row_t first_row, lxw_col_t first_col,
                               lxw_row_t last_row, lxw_col_t last_col, const char *text)
{
  lxw_format *format = sheet->formats->hidden;
  if (first_row == last_row && first_col == last_col) {
    write_string(sheet, first_row, first_col, text, format, 0, G_MAXUINT);
    return;
  }
  g_autofree char *cell = report_sheet_cell_text(text);
  report_sheet_check(sheet, worksheet_merge_range(sheet->worksheet, first_row, first_col, last_row,
                                                  last_col, cell, format));
}

void report_sheet_write_month(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, const char *month)
{
  lxw_datetime datetime;
  if (!report_month_to_datetime(month, &datetime)) {
    report_sheet_write_text(sheet, row, col, month, FALSE);
    return;
  }
  report_sheet_note_width(sheet, col, 8);
  report_sheet_check(sheet, worksheet_write_datetime(sheet->worksheet, row, col, &datetime,
                                                     sheet->formats->cell[REPORT_CELL_MONTH][0]));
}

void report_sheet_add_ssi_scale(ReportSheet *sheet, const PipelineConfig *config,
                                lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
                                lxw_col_t last_col)
{
  lxw_conditional_format scale = {
      .type = LXW_CONDITIONAL_3_COLOR_SCALE,
      .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
      .min_value = config->band_mid_from,
      .min_color = REPORT_COLOUR_LOW,
      .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
      .mid_value = (config->band_mid_from + config->band_good_from) / 2.0,
      .mid_color = REPORT_COLOUR_MID,
      .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
      .max_value = config->band_good_from,
      .max_color = REPORT_COLOUR_GOOD,
  };
  report_sheet_check(sheet,
                     worksheet_conditional_format_range(sheet->worksheet, first_row, first_col,
                                                        last_row, last_col, &scale));
}
