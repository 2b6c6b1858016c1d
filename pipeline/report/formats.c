/* One look for every sheet: a dark blue header with white bold text, thin
 * light borders around data cells, a larger bold title, and number formats
 * that show SSI with one decimal and shares as percentages. */
#include "report/formats.h"

#include <glib.h>

#define FONT_NAME "Calibri"
#define FONT_SIZE 11
#define COLOUR_HEADER 0x1F4E79
#define COLOUR_TITLE 0x1F4E79
#define COLOUR_BORDER 0xBFBFBF
#define COLOUR_NOTE 0x595959

static const char *const number_formats[REPORT_CELL_KIND_COUNT] = {
    [REPORT_CELL_TEXT] = NULL,
    [REPORT_CELL_COUNT] = "#,##0",
    [REPORT_CELL_SSI] = "0.0",
    [REPORT_CELL_CHANGE] = "+0.0;-0.0;0.0",
    [REPORT_CELL_PERCENT] = "0.0%",
    [REPORT_CELL_DECIMAL] = "0.00",
    [REPORT_CELL_TOP_RANK] = "\"Top \"0\"%\"",
    [REPORT_CELL_MONTH] = "mmm yyyy",
};

const char *report_formats_number_format(ReportCellKind kind)
{
  return kind < REPORT_CELL_KIND_COUNT ? number_formats[kind] : NULL;
}

static lxw_format *format_new(lxw_workbook *workbook)
{
  lxw_format *format = workbook_add_format(workbook);
  format_set_font_name(format, FONT_NAME);
  format_set_font_size(format, FONT_SIZE);
  format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
  return format;
}

static lxw_format *cell_format_new(lxw_workbook *workbook, ReportCellKind kind, gboolean bold)
{
  lxw_format *format = format_new(workbook);
  format_set_border(format, LXW_BORDER_THIN);
  format_set_border_color(format, COLOUR_BORDER);
  if (number_formats[kind] != NULL)
    format_set_num_format(format, number_formats[kind]);
  if (kind == REPORT_CELL_MONTH)
    format_set_align(format, LXW_ALIGN_LEFT);
  if (bold)
    format_set_bold(format);
  return format;
}

static void heading_formats_init(ReportFormats *formats, lxw_workbook *workbook)
{
  formats->title = format_new(workbook);
  format_set_bold(formats->title);
  format_set_font_size(formats->title, 16);
  format_set_font_color(formats->title, COLOUR_TITLE);

  formats->subtitle = format_new(workbook);
  format_set_font_size(formats->subtitle, 12);
  format_set_font_color(formats->subtitle, COLOUR_NOTE);

  formats->section = format_new(workbook);
  format_set_bold(formats->section);
  format_set_font_size(formats->section, 12);
  format_set_font_color(formats->section, COLOUR_TITLE);

  formats->note = format_new(workbook);
  format_set_italic(formats->note);
  format_set_font_color(formats->note, COLOUR_NOTE);
}

void report_formats_init(ReportFormats *formats, lxw_workbook *workbook)
{
  for (int kind = 0; kind < REPORT_CELL_KIND_COUNT; kind++)
    for (int bold = 0; bold < 2; bold++)
      formats->cell[kind][bold] = cell_format_new(workbook, (ReportCellKind)kind, bold);
  heading_formats_init(formats, workbook);

  formats->header = format_new(workbook);
  format_set_bold(formats->header);
  format_set_font_color(formats->header, LXW_COLOR_WHITE);
  format_set_bg_color(formats->header, COLOUR_HEADER);
  format_set_border(formats->header, LXW_BORDER_THIN);
  format_set_border_color(formats->header, COLOUR_BORDER);

  formats->label = cell_format_new(workbook, REPORT_CELL_TEXT, TRUE);

  formats->wrap = cell_format_new(workbook, REPORT_CELL_TEXT, FALSE);
  format_set_text_wrap(formats->wrap);

  formats->hidden = cell_format_new(workbook, REPORT_CELL_TEXT, FALSE);
  format_set_italic(formats->hidden);
  format_set_font_color(formats->hidden, COLOUR_NOTE);
  format_set_align(formats->hidden, LXW_ALIGN_CENTER);
}

void report_formats_set_language(ReportFormats *formats, ReportLanguage language)
{
  /* The locale code in front of a format (Windows LCIDs: 407 German, 409
   * US English) picks the month names in Excel and LibreOffice alike. */
  const char *format = language == REPORT_LANGUAGE_DE ? "[$-407]mmm yyyy" : "[$-409]mmm yyyy";
  for (int bold = 0; bold < 2; bold++)
    format_set_num_format(formats->cell[REPORT_CELL_MONTH][bold], format);
}
