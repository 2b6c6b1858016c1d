/* The cell formats every sheet shares, made once per workbook: title,
 * section and header styles, and one format per kind of number (count, SSI,
 * change, share, ...) in a plain and a bold (totals) variant. */
#pragma once
#include "report/labels.h"

#include <xlsxwriter.h>

typedef enum {
  REPORT_CELL_TEXT,
  REPORT_CELL_COUNT,    /* #,##0 */
  REPORT_CELL_SSI,      /* 0.0: SSI and pillars */
  REPORT_CELL_CHANGE,   /* +0.0 / -0.0 */
  REPORT_CELL_PERCENT,  /* 0.0% */
  REPORT_CELL_DECIMAL,  /* 0.00 */
  REPORT_CELL_TOP_RANK, /* "Top 5%" from the N of LinkedIn's rank */
  REPORT_CELL_MONTH,    /* an Excel date shown as mmm yyyy */
  REPORT_CELL_KIND_COUNT
} ReportCellKind;

typedef struct {
  lxw_format *cell[REPORT_CELL_KIND_COUNT][2]; /* [kind][bold] */
  lxw_format *title;
  lxw_format *subtitle;
  lxw_format *section;
  lxw_format *header;
  lxw_format *note;
  lxw_format *label;  /* the name column of a key-value list */
  lxw_format *wrap;   /* a data cell whose text wraps in a fixed-width column */
  lxw_format *hidden; /* "fewer than 5" in place of a small group's figures */
} ReportFormats;

/* Fill colours of the SSI colour scale and the pillar data bars. */
#define REPORT_COLOUR_LOW 0xF8696B
#define REPORT_COLOUR_MID 0xFFD966
#define REPORT_COLOUR_GOOD 0x63BE7B
#define REPORT_COLOUR_BAR 0x5B9BD5

void report_formats_init(ReportFormats *formats, lxw_workbook *workbook);

/* Months show their names in language whatever the reader's locale ("Okt
 * 2026" in a German workbook opened on an English system). */
void report_formats_set_language(ReportFormats *formats, ReportLanguage language);

/* The Excel number format of kind (NULL for text), e.g. for width estimates. */
const char *report_formats_number_format(ReportCellKind kind);
