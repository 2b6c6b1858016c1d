/* The report stage: finds the report month, loads the stage files and
 * writes the two workbooks, sheet by sheet, to <out>/<YYYY-MM>/: the
 * program report and the management summary. With --jobs 2 or more the
 * lists are read, the ambassadors' rows built and the management summary
 * written on threads alongside the program report, with the same bytes. */
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

/* A sheet and whether it shows the lists of listings.h or the rows of
 * ambassadors.h, which may still be read or built on other threads when
 * the sheets before it are written. */
typedef struct {
  SheetWriter write;
  gboolean needs_listings;
  gboolean needs_ambassadors;
} SheetSpec;

/* A workbook: its file name (with %s for the month), its title and sheets. */
typedef struct {
  const char *file_name;
  ReportLabel title;
  ReportAudience audience;
  const SheetSpec *sheets;
  gsize n_sheets;
} WorkbookSpec;

static const SheetSpec program_report_sheets[] = {
    {report_sheet_summary_write, FALSE, FALSE}, {report_sheet_programs_write, FALSE, FALSE},
    {report_sheet_teams_write, FALSE, FALSE},   {report_sheet_ambassadors_write, FALSE, TRUE},
    {report_sheet_trend_write, FALSE, FALSE},   {report_sheet_coaching_write, FALSE, TRUE},
    {report_sheet_quality_write, TRUE, FALSE},  {report_sheet_method_write, TRUE, FALSE},
};

/* No sheet that names ambassadors without asking them (report.md); the
 * Method sheet lists no input files for management. */
static const SheetSpec management_summary_sheets[] = {
    {report_sheet_summary_write, FALSE, FALSE}, {report_sheet_programs_write, FALSE, FALSE},
    {report_sheet_teams_write, FALSE, FALSE},   {report_sheet_leaderboard_write, FALSE, TRUE},
    {report_sheet_method_write, FALSE, FALSE},
};

static const WorkbookSpec program_report = {"program-report-%s.xlsx", REPORT_LABEL_WORKBOOK_TITLE,
                                            REPORT_AUDIENCE_PROGRAM, program_report_sheets,
                                            G_N_ELEMENTS(program_report_sheets)};
static const WorkbookSpec management_summary = {
    "management-summary-%s.xlsx", REPORT_LABEL_MANAGEMENT_TITLE, REPORT_AUDIENCE_MANAGEMENT,
    management_summary_sheets, G_N_ELEMENTS(management_summary_sheets)};

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

/* --- The lists, read while the first sheets are written ------------------- */

typedef struct {
  const char *work_dir;
  guint max_listed;
  ReportListings listings;
  gboolean ok;
  GError *error;
  GThread *thread; /* reading them; NULL when not (yet) started or joined */
  gboolean done;
} ListingsJob;

static gpointer listings_job_run(gpointer data)
{
  ListingsJob *job = data;
  /* One thread reads all four lists: beside the thread that loads the
   * scores and writes the sheets, a third would only take turns with it
   * for the second core, and the lists are needed last. */
  job->ok = report_listings_load(&job->listings, job->work_dir, job->max_listed, &job->error);
  return NULL;
}

/* The lists are the longest read and the program report needs them only
 * from its Data quality sheet on: with jobs >= 2 they are read on a thread
 * while the scores are loaded and the first sheets written. */
static void listings_job_start(ListingsJob *job, guint jobs)
{
  if (jobs >= 2)
    job->thread = g_thread_new("report-lists", listings_job_run, job);
}

/* Waits for the lists, or reads them here when no thread does. */
static gboolean listings_job_finish(ListingsJob *job)
{
  if (job->thread != NULL)
    g_thread_join(g_steal_pointer(&job->thread));
  else if (!job->done)
    listings_job_run(job);
  job->done = TRUE;
  return job->ok;
}

/* --- The ambassadors' rows, built while the first sheets are written ----- */

typedef struct {
  const ReportData *data;
  const char *month;
  GArray *rows;    /* report_ambassadors_build's, once built */
  GThread *thread; /* building them; NULL when not (yet) started or joined */
} AmbassadorsJob;

static gpointer ambassadors_job_run(gpointer data)
{
  AmbassadorsJob *job = data;
  job->rows = report_ambassadors_build(job->data, job->month);
  return NULL;
}

/* The first sheet to need the rows is the program report's fourth: with
 * jobs >= 2 they are built on a thread while the three before it are
 * written. */
static void ambassadors_job_start(AmbassadorsJob *job, guint jobs)
{
  if (jobs >= 2)
    job->thread = g_thread_new("report-ambassadors", ambassadors_job_run, job);
}

/* Waits for the rows, or builds them here when no thread does. */
static const GArray *ambassadors_job_finish(AmbassadorsJob *job)
{
  if (job->thread != NULL)
    g_thread_join(g_steal_pointer(&job->thread));
  else if (job->rows == NULL)
    ambassadors_job_run(job);
  return job->rows;
}

/* Joins the thread if it still runs and frees the rows. */
static void ambassadors_job_clear(AmbassadorsJob *job)
{
  if (job->thread != NULL)
    g_thread_join(g_steal_pointer(&job->thread));
  g_clear_pointer(&job->rows, g_array_unref);
}

/* --- Workbooks ------------------------------------------------------------ */

/* Where the sheets find what other threads prepare: NULL for a workbook
 * whose sheets need none of it or find it ready in the context. */
typedef struct {
  ListingsJob *lists;
  AmbassadorsJob *ambassadors;
} SheetInputs;

/* Waits for what sheet needs and is not yet in report. */
static gboolean sheet_inputs_wait(ReportContext *report, const SheetSpec *sheet,
                                  const SheetInputs *inputs, GError **error)
{
  if (sheet->needs_ambassadors && report->ambassadors == NULL)
    report->ambassadors = ambassadors_job_finish(inputs->ambassadors);
  if (sheet->needs_listings && report->listings == NULL) {
    if (!listings_job_finish(inputs->lists)) {
      g_propagate_error(error, g_error_copy(inputs->lists->error));
      return FALSE;
    }
    report->listings = &inputs->lists->listings;
  }
  return TRUE;
}

/* Opens the workbook of spec and writes its sheets into *opened, which is
 * still to be written out. inputs: where a sheet waits for what it needs. */
static gboolean workbook_sheets(ReportContext *report, const WorkbookSpec *spec, const char *dir,
                                const SheetInputs *inputs, ReportWorkbook **opened, GError **error)
{
  g_autofree char *file_name = g_strdup_printf(spec->file_name, report->month);
  g_autofree char *month_text = report_label_format_month(report->month, report->language);
  g_autofree char *title =
      g_strdup_printf("%s, %s", report_label(spec->title, report->language), month_text);
  g_autoptr(ReportWorkbook) book =
      report_workbook_open(dir, file_name, report->month, title, error);
  if (book == NULL)
    return FALSE;
  report_formats_set_language(&book->formats, report->language);
  report->book = book;
  report->audience = spec->audience;
  for (gsize i = 0; i < spec->n_sheets; i++) {
    if (!sheet_inputs_wait(report, &spec->sheets[i], inputs, error))
      return FALSE;
    if (!spec->sheets[i].write(report, error)) {
      g_prefix_error(error, "%s: ", book->path);
      return FALSE;
    }
  }
  *opened = g_steal_pointer(&book);
  return TRUE;
}

/* Writes out a workbook whose sheets are written; drops it on failure.
 * close_lock keeps two workbooks from being written out at once:
 * libxlsxwriter then calls gmtime(), whose result lies in a buffer the
 * whole process shares. */
static gboolean workbook_write_out(ReportWorkbook *book, GMutex *close_lock, GError **error)
{
  g_mutex_lock(close_lock);
  gboolean ok = report_workbook_write(book, error);
  g_mutex_unlock(close_lock);
  if (!ok)
    report_workbook_abort(book);
  return ok;
}

/* The management summary, written on a thread of its own with jobs >= 2:
 * it shares only what the two workbooks read (data, config, ambassadors).
 * libxlsxwriter keeps no state between workbooks but gmtime()'s buffer,
 * hence close_lock. */
typedef struct {
  ReportContext report; /* a copy: its book and audience are this workbook's */
  const char *dir;
  GMutex *close_lock;
  ReportWorkbook *written;
  gboolean ok;
  GError *error;
} ManagementJob;

static gpointer management_job_run(gpointer data)
{
  ManagementJob *job = data;
  ReportWorkbook *book = NULL;
  const SheetInputs ready = {NULL, NULL};
  job->ok =
      workbook_sheets(&job->report, &management_summary, job->dir, &ready, &book, &job->error) &&
      workbook_write_out(book, job->close_lock, &job->error);
  if (job->ok)
    job->written = book;
  return NULL;
}

/* Renames book into place and adds its path to result; frees book. */
static gboolean workbook_publish(ReportWorkbook *book, ReportResult *result, GError **error)
{
  g_autofree char *path = g_strdup(book->path);
  if (!report_workbook_publish(book, error))
    return FALSE;
  g_ptr_array_add(result->paths, g_steal_pointer(&path));
  return TRUE;
}

/* Both workbooks from loaded data; the lists and the ambassadors' rows
 * come from inputs when a sheet needs them. The management summary is
 * written after the program report, or with jobs >= 2 on a thread while
 * libxlsxwriter writes out the program report (which leaves the other core
 * idle else); it is published only when the program report was, as when
 * written one after the other. */
static gboolean workbooks_write(ReportContext *report, const SheetInputs *inputs, guint jobs,
                                const char *dir, ReportResult *result, GError **error)
{
  GMutex close_lock;
  g_mutex_init(&close_lock);
  ManagementJob management = {.dir = dir, .close_lock = &close_lock};
  ReportWorkbook *program = NULL;
  gboolean ok = workbook_sheets(report, &program_report, dir, inputs, &program, error);
  if (ok) /* the management summary's copy of the context has the rows */
    report->ambassadors = ambassadors_job_finish(inputs->ambassadors);
  management.report = *report;
  GThread *thread =
      ok && jobs >= 2 ? g_thread_new("report-management", management_job_run, &management) : NULL;
  ok = ok && workbook_write_out(program, &close_lock, error) &&
       workbook_publish(program, result, error);
  if (thread != NULL)
    g_thread_join(thread);
  else if (ok)
    management_job_run(&management);
  if (ok && management.ok) {
    ok = workbook_publish(g_steal_pointer(&management.written), result, error);
  } else if (ok) {
    g_propagate_error(error, g_steal_pointer(&management.error));
    ok = FALSE;
  }
  report_workbook_abort(management.written);
  g_clear_error(&management.error);
  g_mutex_clear(&close_lock);
  return ok;
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

/* Both workbooks from data and the lists; the errors of reading come
 * first, in the order of the files (the lists after data), as when read
 * before anything is written. */
static gboolean report_write(const PipelineContext *ctx, ReportContext *report, ListingsJob *lists,
                             guint jobs, ReportResult *result, GError **error)
{
  AmbassadorsJob ambassadors = {.data = report->data, .month = report->month};
  ambassadors_job_start(&ambassadors, jobs);
  const SheetInputs inputs = {lists, &ambassadors};
  g_autofree char *dir = g_build_filename(ctx->out_dir, report->month, NULL);
  g_autoptr(GError) local = NULL;
  gboolean ok = workbooks_write(report, &inputs, jobs, dir, result, &local);
  report->ambassadors = NULL;
  ambassadors_job_clear(&ambassadors);
  if (!listings_job_finish(lists)) {
    g_propagate_error(error, g_steal_pointer(&lists->error));
    return FALSE;
  }
  if (!ok)
    g_propagate_error(error, g_steal_pointer(&local));
  return ok;
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
  guint jobs = ctx->jobs >= 2 ? 2 : 1;
  ListingsJob lists = {.work_dir = ctx->work_dir,
                       .max_listed = (guint)config->report_max_listed_rows};
  listings_job_start(&lists, jobs);
  ReportData data;
  gboolean ok = report_data_load(&data, ctx->work_dir, error);
  if (!ok) {
    if (lists.thread != NULL)
      listings_job_finish(&lists);
  } else {
    ReportContext report = {
        .data = &data,
        .config = config,
        .config_dir = ctx->config_dir,
        .language = report_language_from_code(config->language),
        .month = month,
        .coaching = coaching,
    };
    /* One thread: the lists before any sheet, in the order of the files. */
    if (jobs < 2 && !listings_job_finish(&lists)) {
      g_propagate_error(error, g_steal_pointer(&lists.error));
      ok = FALSE;
    } else {
      ok = report_write(ctx, &report, &lists, jobs, result, error);
    }
    report_data_clear(&data);
  }
  g_clear_error(&lists.error);
  report_listings_clear(&lists.listings);
  return ok;
}

void report_result_clear(ReportResult *result)
{
  if (result->paths)
    g_ptr_array_unref(result->paths);
  result->paths = NULL;
}
