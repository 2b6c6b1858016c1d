/* One workbook file of the report: created under a temporary name in the
 * output folder, with fixed document properties so reruns are identical,
 * and renamed into place only once libxlsxwriter has written it all. */
#pragma once
#include "report/formats.h"

#include <glib.h>
#include <xlsxwriter.h>

typedef struct {
  lxw_workbook *workbook;
  ReportFormats formats;
  char *path;      /* where the workbook ends up */
  char *temp_path; /* where it is written first */
} ReportWorkbook;

/* Prepares <dir>/<file_name> (dir is created if needed). title names the
 * workbook in its properties; its creation time is the end of month (UTC).
 * Errors: PIPELINE_ERROR_OUTPUT naming the path. */
ReportWorkbook *report_workbook_open(const char *dir, const char *file_name, const char *month,
                                     const char *title, GError **error);

/* Adds a sheet; name must be unique and at most 31 characters. */
lxw_worksheet *report_workbook_add_sheet(ReportWorkbook *book, const char *name, GError **error);

/* Writes the file under its temporary name (libxlsxwriter's work, most of
 * a workbook's cost). Then publish it, or abort to drop it. */
gboolean report_workbook_write(ReportWorkbook *book, GError **error);

/* Renames a written workbook into place; on failure removes it. Frees book
 * either way. */
gboolean report_workbook_publish(ReportWorkbook *book, GError **error);

/* Drops the workbook without writing anything. NULL is allowed. */
void report_workbook_abort(ReportWorkbook *book);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportWorkbook, report_workbook_abort)
