/* Creates, writes and publishes a workbook: libxlsxwriter writes the whole
 * file in workbook_close(), so the file goes to a temporary name next to its
 * final place and is renamed only after that close succeeded. */
#include "report/workbook.h"

#include "common/errors.h"
#include "report/months.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

static void book_free(ReportWorkbook *book)
{
  g_free(book->path);
  g_free(book->temp_path);
  g_free(book);
}

static gboolean properties_set(ReportWorkbook *book, const char *month, const char *title,
                               GError **error)
{
  time_t created = 0;
  if (!report_month_end_time(month, &created)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "report month \"%s\": expected YYYY-MM", month);
    return FALSE;
  }
  g_autofree char *title_copy = g_strdup(title);
  g_autofree char *subject = g_strdup(month);
  g_autofree char *author = g_strdup("ssi-pipeline");
  lxw_doc_properties properties = {
      .title = title_copy, .subject = subject, .author = author, .created = created};
  lxw_error status = workbook_set_properties(book->workbook, &properties);
  if (status != LXW_NO_ERROR) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT, "%s: %s", book->path,
                lxw_strerror(status));
    return FALSE;
  }
  return TRUE;
}

/* A run killed while writing leaves its ".<name>.tmp-<pid>"; the next run
 * of the same report removes it (two runs never write one report at once). */
static void remove_stale_temp_files(const char *dir, const char *file_name)
{
  g_autofree char *prefix = g_strdup_printf(".%s.tmp-", file_name);
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
    if (g_str_has_prefix(name, prefix)) {
      g_autofree char *path = g_build_filename(dir, name, NULL);
      g_remove(path);
    }
  }
  if (d != NULL)
    g_dir_close(d);
}

ReportWorkbook *report_workbook_open(const char *dir, const char *file_name, const char *month,
                                     const char *title, GError **error)
{
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    int saved = errno;
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT,
                "%s: cannot create the output folder: %s", dir, g_strerror(saved));
    return NULL;
  }
  ReportWorkbook *book = g_new0(ReportWorkbook, 1);
  book->path = g_build_filename(dir, file_name, NULL);
  g_autofree char *temp_name = g_strdup_printf(".%s.tmp-%ld", file_name, (long)getpid());
  book->temp_path = g_build_filename(dir, temp_name, NULL);
  remove_stale_temp_files(dir, file_name);
  /* libxlsxwriter's scratch files come from tmpfile(): unlinked from the
   * start, so a killed run leaves none behind. */
  book->workbook = workbook_new(book->temp_path);
  if (book->workbook == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT, "%s: cannot create the workbook",
                book->path);
    book_free(book);
    return NULL;
  }
  report_formats_init(&book->formats, book->workbook);
  if (!properties_set(book, month, title, error)) {
    report_workbook_abort(book);
    return NULL;
  }
  return book;
}

lxw_worksheet *report_workbook_add_sheet(ReportWorkbook *book, const char *name, GError **error)
{
  lxw_error status = workbook_validate_sheet_name(book->workbook, name);
  lxw_worksheet *sheet =
      status == LXW_NO_ERROR ? workbook_add_worksheet(book->workbook, name) : NULL;
  if (sheet == NULL)
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT, "%s: cannot add sheet \"%s\": %s",
                book->path, name,
                lxw_strerror(status != LXW_NO_ERROR ? status : LXW_ERROR_MEMORY_MALLOC_FAILED));
  return sheet;
}

gboolean report_workbook_write(ReportWorkbook *book, GError **error)
{
  lxw_error status = workbook_close(book->workbook); /* frees it even when it fails */
  book->workbook = NULL;
  if (status == LXW_NO_ERROR)
    return TRUE;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT, "%s: cannot write the workbook: %s",
              book->path, lxw_strerror(status));
  return FALSE;
}

gboolean report_workbook_publish(ReportWorkbook *book, GError **error)
{
  gboolean ok = g_rename(book->temp_path, book->path) == 0;
  if (!ok) {
    int saved = errno;
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT,
                "%s: cannot move the written workbook into place: %s", book->path,
                g_strerror(saved));
    g_remove(book->temp_path);
  }
  book_free(book);
  return ok;
}

void report_workbook_abort(ReportWorkbook *book)
{
  if (book == NULL)
    return;
  if (book->workbook != NULL)
    lxw_workbook_free(book->workbook);
  g_remove(book->temp_path);
  book_free(book);
}
