/* What every sheet writer shares: the ReportContext a sheet is written from,
 * and ReportSheet, which writes cells with the shared formats, leaves
 * unknown numbers empty, keeps input text as text, remembers the widest
 * content of each column and reports the first failed write. */
#pragma once
#include "common/config.h"
#include "report/ambassadors.h"
#include "report/coaching.h"
#include "report/formats.h"
#include "report/labels.h"
#include "report/listings.h"
#include "report/tables.h"
#include "report/workbook.h"

#include <glib.h>
#include <xlsxwriter.h>

/* Who a workbook is for: the program report shows everything; the
 * management summary hides small groups and names only those who consent. */
typedef enum {
  REPORT_AUDIENCE_PROGRAM,
  REPORT_AUDIENCE_MANAGEMENT,
} ReportAudience;

typedef struct {
  ReportWorkbook *book;
  ReportAudience audience;
  const ReportData *data;
  const ReportListings *listings; /* for the Data quality and Method sheets */
  const PipelineConfig *config;
  const char *config_dir; /* for the Method sheet's checksums; may be NULL */
  ReportLanguage language;
  const char *month;                   /* the report month, YYYY-MM */
  const ReportCoachingTexts *coaching; /* config/coaching.ini, for the Coaching sheet */
  /* report_ambassadors_build of data and month: built once for the sheets
   * that list ambassadors (Ambassadors, Coaching, Leaderboard). */
  const GArray *ambassadors;
} ReportContext;

/* The text of key in the report's language. */
const char *report_context_label(const ReportContext *ctx, ReportLabel key);

/* TRUE when a group of members must show no figures: in the management
 * summary, fewer than privacy_min_group_size (an unknown count too). */
gboolean report_context_hides_group(const ReportContext *ctx, double members);

/* The text of key, a format with one %s, filled in with the smallest group
 * shown to management: REPORT_LABEL_FEWER_THAN gives "fewer than 5" /
 * "weniger als 5", the text shown instead of a hidden group's figures. */
char *report_context_with_min_group(const ReportContext *ctx, ReportLabel key);
char *report_context_fewer_than(const ReportContext *ctx);

typedef struct {
  lxw_worksheet *worksheet;
  const ReportFormats *formats;
  GArray *widths;    /* guint: characters of the widest cell per column */
  GArray *fixed;     /* guint: a width set by the sheet, 0 = fit the content */
  GArray *row_lines; /* guint: lines of the tallest wrapped text per row */
  lxw_error status;  /* the first failed write, LXW_NO_ERROR if none */
  char *name;        /* for messages */
} ReportSheet;

/* Adds the sheet named by key to the workbook and starts writing it. */
ReportSheet *report_sheet_new(const ReportContext *ctx, ReportLabel name, GError **error);

/* Sets column widths to the content (8 to 70 characters), or to the width
 * given by report_sheet_set_width, and frees sheet.
 * Fails with PIPELINE_ERROR_OUTPUT when any write into it failed. */
gboolean report_sheet_finish(ReportSheet *sheet, GError **error);

void report_sheet_free(ReportSheet *sheet);

/* The pixels columns first to last will take, with the widths of what was
 * written so far: for sizing a chart to the tables around it. */
guint report_sheet_width_pixels(const ReportSheet *sheet, lxw_col_t first, lxw_col_t last);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportSheet, report_sheet_free)

/* The title in A1, larger and bold; it does not widen column A. */
void report_sheet_write_title(ReportSheet *sheet, const char *title);

/* A line that does not widen its column (subtitle, section, note). */
void report_sheet_write_line(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                             lxw_format *format);

/* Text as a string cell, never a formula, whatever it starts with. */
void report_sheet_write_text(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, const char *text,
                             gboolean bold);

/* Free text whose width counts only up to 16 characters: the rest shows
 * over the empty cells to its right. */
void report_sheet_write_spilling_text(ReportSheet *sheet, lxw_row_t row, lxw_col_t col,
                                      const char *text);

void report_sheet_write_header(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, const char *text);

/* text as a cell holds it: cut to Excel's 32767 characters, invalid UTF-8
 * and control characters (but tab and newline) as U+FFFD; "" for NULL. */
char *report_sheet_cell_text(const char *text);

/* The characters of text when report_sheet_cell_text would keep it as it
 * is, as most text is (it then needs no copy); else -1. */
glong report_sheet_text_length(const char *text);

/* Characters a finite value takes in the format of kind (digits, sign,
 * point, thousands separators, % sign), for the column width. */
guint report_sheet_number_width(double value, ReportCellKind kind);

/* A number in the format of kind; NAN or infinity leaves an empty
 * (bordered) cell. */
void report_sheet_write_number(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, double value,
                               ReportCellKind kind, gboolean bold);

/* The text shown instead of a hidden group's figures, in grey italics, in
 * one cell or over a range of them (merged into one). */
void report_sheet_write_hidden(ReportSheet *sheet, lxw_row_t first_row, lxw_col_t first_col,
                               lxw_row_t last_row, lxw_col_t last_col, const char *text);

/* A "YYYY-MM" month as an Excel date shown "mmm yyyy"; other text as text. */
void report_sheet_write_month(ReportSheet *sheet, lxw_row_t row, lxw_col_t col, const char *month);

/* Records status when it is the first failed write of the sheet. */
void report_sheet_check(ReportSheet *sheet, lxw_error status);

/* Text that wraps within its column; when the column's width was fixed
 * with report_sheet_set_width first, the row gets the height of its lines. */
void report_sheet_write_wrapped_text(ReportSheet *sheet, lxw_row_t row, lxw_col_t col,
                                     const char *text);

/* Fixes col's width in characters, whatever it holds. */
void report_sheet_set_width(ReportSheet *sheet, lxw_col_t col, guint characters);

/* Counts width for a cell written elsewhere (a table header). */
void report_sheet_note_width(ReportSheet *sheet, lxw_col_t col, guint characters);

/* The 3-colour scale of SSI values over a range: red below the config's
 * band_mid_from, amber, green from band_good_from. */
void report_sheet_add_ssi_scale(ReportSheet *sheet, const PipelineConfig *config,
                                lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
                                lxw_col_t last_col);
