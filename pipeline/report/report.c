/* The report stage: finds the report month, loads the stage files and
 * writes the two workbooks, sheet by sheet, to <out>/<YYYY-MM>/: the
 * program report and the management summary. */
#include "report/report.h"

#include "common/errors.h"
#include "report/labels.h"
#include "report/listings.h"
#include "report/months.h"
#include "report/sheet.h"
#include "report/sheet_ambassadors.h"
#include "report/sheet_coaching.h"
#include "report/sheet_leaderboard.h"
#include "report/sheet_method.h"
#include "report/sheet_programs.h"
#include "report/sheet_quality.h"
#include "report/sheet_summary.h"
#include "report/sheet_teams.h"
#include "report/sheet_trend.h"
#include "report/tables.h"
#include "report/workbook.h"

typedef gboolean (*SheetWriter)(const ReportContext *ctx, GError **error);

/* A workbook: its file name (with %s for the month), its title and sheets. */
typedef struct {
  const char *file_name;
  ReportLabel title;
  ReportAudience audience;
  const SheetWriter *sheets;
  gsize n_sheets;
} WorkbookSpec;

static const SheetWriter program_report_sheets[] = {
    report_sheet_summary_write,     report_sheet_programs_write, report_sheet_teams_write,
    report_sheet_ambassadors_write, report_sheet_trend_write,    report_sheet_coaching_write,
    report_sheet_quality_write,     report_sheet_method_write,
};

/* No sheet that names ambassadors without asking them (report.md). */
static const SheetWriter management_summary_sheets[] = {
    report_sheet_summary_write,     report_sheet_programs_write, report_sheet_teams_write,
    report_sheet_leaderboard_write, report_sheet_method_write,
};

static const WorkbookSpec workbooks[] = {
    {"program-report-%s.xlsx", REPORT_LABEL_WORKBOOK_TITLE, REPORT_AUDIENCE_PROGRAM,
     program_report_sheets, G_N_ELEMENTS(program_report_sheets)},
    {"management-summary-%s.xlsx", REPORT_LABEL_MANAGEMENT_TITLE, REPORT_AUDIENCE_MANAGEMENT,
     management_summary_sheets, G_N_ELEMENTS(management_summary_sheets)},
};

static char *month_choose(const PipelineContext *ctx, GError **error)
{
  if (ctx->month == NULL)
    return report_data_read_month(ctx->work_dir, error);
  if (!report_month_parse(ctx->month, NULL, NULL)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "report month \"%s\": expected YYYY-MM, e.g. 2026-10", ctx->month);
    return NULL;
  }
  return g_strdup(ctx->month);
}

static gboolean workbook_write(ReportContext *report, const WorkbookSpec *spec, const char *dir,
                               char **path, GError **error)
{
  g_autofree char *file_name = g_strdup_printf(spec->file_name, report->month);
  g_autofree char *month_text = report_label_format_month(report->month, report->language);
  g_autofree char *title =
      g_strdup_printf("%s, %s", report_label(spec->title, report->language), month_text);
  ReportWorkbook *book = report_workbook_open(dir, file_name, report->month, title, error);
  if (book == NULL)
    return FALSE;
  report_formats_set_language(&book->formats, report->language);
  report->book = book;
  report->audience = spec->audience;
  for (gsize i = 0; i < spec->n_sheets; i++) {
    if (!spec->sheets[i](report, error)) {
      g_prefix_error(error, "%s: ", book->path);
      report_workbook_abort(book);
      return FALSE;
    }
  }
  *path = g_strdup(book->path);
  if (!report_workbook_commit(book, error)) {
    g_clear_pointer(path, g_free);
    return FALSE;
  }
  return TRUE;
}

/* config/coaching.ini, read before any workbook is started so that a
 * broken text stops the run at once. */
static ReportCoachingTexts *coaching_texts_load(const char *config_dir, GError **error)
{
  if (config_dir == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "no configuration folder, expected one holding coaching.ini");
    return NULL;
  }
  g_autofree char *path = g_build_filename(config_dir, "coaching.ini", NULL);
  return report_coaching_texts_load(path, error);
}

gboolean report_run(const PipelineContext *ctx, ReportResult *result, GError **error)
{
  result->paths = g_ptr_array_new_with_free_func(g_free);
  result->report_month[0] = '\0';
  g_autofree char *month = month_choose(ctx, error);
  if (month == NULL)
    return FALSE;
  g_strlcpy(result->report_month, month, sizeof result->report_month);
  g_autoptr(ReportCoachingTexts) coaching = coaching_texts_load(ctx->config_dir, error);
  if (coaching == NULL)
    return FALSE;
  g_autoptr(PipelineConfig) defaults = ctx->config == NULL ? config_new_default() : NULL;
  const PipelineConfig *config = ctx->config != NULL ? ctx->config : defaults;
  ReportData data;
  if (!report_data_load(&data, ctx->work_dir, error))
    return FALSE;
  ReportListings listings;
  if (!report_listings_load(&listings, ctx->work_dir, (guint)config->report_max_listed_rows,
                            error)) {
    report_data_clear(&data);
    return FALSE;
  }
  ReportContext report = {
      .data = &data,
      .listings = &listings,
      .config = config,
      .config_dir = ctx->config_dir,
      .language = report_language_from_code(config->language),
      .month = month,
      .coaching = coaching,
  };
  g_autofree char *dir = g_build_filename(ctx->out_dir, month, NULL);
  gboolean ok = TRUE;
  for (gsize i = 0; ok && i < G_N_ELEMENTS(workbooks); i++) {
    char *path = NULL;
    ok = workbook_write(&report, &workbooks[i], dir, &path, error);
    if (ok)
      g_ptr_array_add(result->paths, path);
  }
  report_listings_clear(&listings);
  report_data_clear(&data);
  return ok;
}

void report_result_clear(ReportResult *result)
{
  if (result->paths)
    g_ptr_array_unref(result->paths);
  result->paths = NULL;
}
