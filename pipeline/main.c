/* ssi-pipeline's command line: parses the options of operation.md, loads
 * config/, runs the stages asked for and turns errors into exit statuses. */
#include "common/config.h"
#include "common/context.h"
#include "common/contract.h"
#include "common/csv_reader.h"
#include "common/errors.h"
#include "ingest/ingest.h"
#include "report/report.h"
#include "score/score.h"
#include "version.h"

#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  char *input_dir;
  char *config_dir;
  char *work_dir;
  char *out_dir;
  char *month;
  char *lang;
  int jobs;
  gboolean quiet;
  gboolean verbose;
  gboolean version;
} Options;

static const char *const COMMANDS[] = {"run", "ingest", "score", "report", "validate"};

static const char SUMMARY[] =
    "Commands:\n"
    "  run        ingest, score and report in one go\n"
    "  ingest     input tree -> <work>/normalized/\n"
    "  score      <work>/normalized/ -> <work>/scores/\n"
    "  report     <work>/scores/ -> <out>/<YYYY-MM>/*.xlsx\n"
    "  validate   ingest only; prints the data-quality summary; writes no report";

static GOptionContext *options_context_new(Options *o)
{
  const GOptionEntry entries[] = {
      {"input", 0, 0, G_OPTION_ARG_FILENAME, &o->input_dir, "Input tree (default samples/)", "DIR"},
      {"config", 0, 0, G_OPTION_ARG_FILENAME, &o->config_dir,
       "Folder of pipeline.ini and the other settings (default config/)", "DIR"},
      {"work", 0, 0, G_OPTION_ARG_FILENAME, &o->work_dir,
       "Folder of the stage files normalized/ and scores/ (default work/)", "DIR"},
      {"out", 0, 0, G_OPTION_ARG_FILENAME, &o->out_dir,
       "Folder of the workbooks (default reports/)", "DIR"},
      {"month", 0, 0, G_OPTION_ARG_STRING, &o->month,
       "Report month (default: the latest month that has data)", "YYYY-MM"},
      {"lang", 0, 0, G_OPTION_ARG_STRING, &o->lang,
       "Language of the workbooks, en or de (default: report.language in pipeline.ini)", "en|de"},
      {"jobs", 0, 0, G_OPTION_ARG_INT, &o->jobs, "Worker threads (default: number of cores)", "N"},
      {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, "Print nothing but errors", NULL},
      {"verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose, "Log every file read to stderr", NULL},
      {"version", 0, 0, G_OPTION_ARG_NONE, &o->version, "Print the version and exit", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL},
  };
  GOptionContext *context = g_option_context_new("COMMAND");
  g_option_context_set_summary(context, "Social Selling Index reports for corporate influencer "
                                        "programs, from the exports in an input tree.");
  g_option_context_set_description(context, SUMMARY);
  g_option_context_add_main_entries(context, entries, NULL);
  return context;
}

static void options_clear(Options *o)
{
  g_free(o->input_dir);
  g_free(o->config_dir);
  g_free(o->work_dir);
  g_free(o->out_dir);
  g_free(o->month);
  g_free(o->lang);
}

/* Set after parsing: GOption replaces a string without freeing the old one. */
static void options_apply_defaults(Options *o)
{
  if (o->input_dir == NULL)
    o->input_dir = g_strdup("samples");
  if (o->config_dir == NULL)
    o->config_dir = g_strdup("config");
  if (o->work_dir == NULL)
    o->work_dir = g_strdup("work");
  if (o->out_dir == NULL)
    o->out_dir = g_strdup("reports");
}

static gboolean command_is_known(const char *command)
{
  for (guint i = 0; i < G_N_ELEMENTS(COMMANDS); i++)
    if (strcmp(command, COMMANDS[i]) == 0)
      return TRUE;
  return FALSE;
}

/* "YYYY-MM" with a month from 01 to 12 and a plausible year. */
static gboolean month_is_valid(const char *month)
{
  if (strlen(month) != 7 || month[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit(month[i]))
      return FALSE;
  int year = atoi(month);
  int mon = atoi(month + 5);
  return year >= 2003 && year <= 2100 && mon >= 1 && mon <= 12;
}

static gboolean options_check(const Options *o, GError **error)
{
  if (o->month != NULL && !month_is_valid(o->month)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "--month %s: expected YYYY-MM, e.g. 2026-10", o->month);
    return FALSE;
  }
  if (o->lang != NULL && strcmp(o->lang, "en") != 0 && strcmp(o->lang, "de") != 0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "--lang %s: expected en or de",
                o->lang);
    return FALSE;
  }
  if (o->jobs < 0 || o->jobs > 256) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "--jobs %d: expected a number from 1 to 256", o->jobs);
    return FALSE;
  }
  return TRUE;
}

static void print_ingest(const PipelineContext *ctx, const IngestTotals *t)
{
  if (ctx->log_level == LOG_QUIET)
    return;
  printf("Read %" G_GUINT64_FORMAT " files: %" G_GUINT64_FORMAT " rows read, %" G_GUINT64_FORMAT
         " accepted, %" G_GUINT64_FORMAT " duplicates, %" G_GUINT64_FORMAT " rejected.\n",
         t->files, t->rows_read, t->accepted, t->duplicates, t->rejected);
  if (t->rejected > 0)
    printf("Rejected rows are listed in %s/normalized/rejects.csv and in the Data quality sheet.\n",
           ctx->work_dir);
}

static void print_score(const PipelineContext *ctx, const ScoreTotals *t)
{
  if (ctx->log_level == LOG_QUIET)
    return;
  printf("Scored %s: %" G_GUINT64_FORMAT " person-months, %" G_GUINT64_FORMAT
         " team-months, %" G_GUINT64_FORMAT " program-months.\n",
         t->report_month, t->person_months, t->team_months, t->program_months);
}

static void print_report(const PipelineContext *ctx, const ReportResult *r)
{
  if (ctx->log_level == LOG_QUIET)
    return;
  for (guint i = 0; i < r->paths->len; i++)
    printf("Report written: %s\n", (const char *)g_ptr_array_index(r->paths, i));
}

/* validate lists the rejects from the stage file, as the Data quality sheet
 * would, so a program manager can fix an export before running the report. */
typedef struct {
  int index[3];
  guint shown;
} RejectPrinter;

#define VALIDATE_MAX_REJECTS 50

static gboolean print_reject(const CsvRecord *record, gpointer user_data, GError **error)
{
  RejectPrinter *p = user_data;
  static const CsvColumnSpec columns[] = {
      {"file", NULL, TRUE}, {"line", NULL, TRUE}, {"reason", NULL, TRUE}};
  if (p->index[0] < 0)
    return csv_header_map(record, columns, G_N_ELEMENTS(columns), p->index, error);
  if (p->shown++ < VALIDATE_MAX_REJECTS)
    printf("  %s:%s: %s\n", csv_record_field(record, p->index[0]),
           csv_record_field(record, p->index[1]), csv_record_field(record, p->index[2]));
  return TRUE;
}

static void print_rejects(const PipelineContext *ctx)
{
  g_autofree char *path = g_build_filename(ctx->work_dir, CONTRACT_REJECTS, NULL);
  RejectPrinter printer = {.index = {-1, -1, -1}};
  const CsvReaderOptions options = {.delimiter = ','};
  g_autoptr(GError) error = NULL;
  if (!csv_reader_read_file(path, &options, print_reject, &printer, NULL, &error)) {
    fprintf(stderr, "ssi-pipeline: %s\n", error->message);
    return;
  }
  if (printer.shown > VALIDATE_MAX_REJECTS)
    printf("  ... and %u more in %s\n", printer.shown - VALIDATE_MAX_REJECTS, path);
}

static gboolean run_validate(const PipelineContext *ctx, GError **error)
{
  IngestTotals totals = {0};
  gboolean ok = ingest_run(ctx, &totals, error);
  print_ingest(ctx, &totals);
  if (totals.rejected > 0 && ctx->log_level != LOG_QUIET) {
    printf("Rejected rows:\n");
    print_rejects(ctx);
  }
  return ok;
}

static gboolean run_ingest(const PipelineContext *ctx, GError **error)
{
  IngestTotals totals = {0};
  gboolean ok = ingest_run(ctx, &totals, error);
  print_ingest(ctx, &totals);
  return ok;
}

static gboolean run_score(const PipelineContext *ctx, GError **error)
{
  ScoreTotals totals = {0};
  if (!score_run(ctx, &totals, error))
    return FALSE;
  print_score(ctx, &totals);
  return TRUE;
}

static gboolean run_report(const PipelineContext *ctx, GError **error)
{
  ReportResult result = {0};
  gboolean ok = report_run(ctx, &result, error);
  if (ok)
    print_report(ctx, &result);
  report_result_clear(&result);
  return ok;
}

/* Between the stages of a run: what a stage freed goes back to the system,
 * so the run's peak memory is that of its largest stage, not their sum (the
 * worker threads' malloc arenas are otherwise kept for the process's life). */
static gboolean stage_done(void)
{
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  return TRUE;
}

static gboolean run_command(const char *command, const PipelineContext *ctx, GError **error)
{
  if (strcmp(command, "ingest") == 0)
    return run_ingest(ctx, error);
  if (strcmp(command, "validate") == 0)
    return run_validate(ctx, error);
  if (strcmp(command, "score") == 0)
    return run_score(ctx, error);
  if (strcmp(command, "report") == 0)
    return run_report(ctx, error);
  return run_ingest(ctx, error) && stage_done() && run_score(ctx, error) && stage_done() &&
         run_report(ctx, error);
}

static int usage_error(GOptionContext *context, const char *message)
{
  (void)context;
  fprintf(stderr, "ssi-pipeline: %s\nRun 'ssi-pipeline --help' for the commands and options.\n",
          message);
  return PIPELINE_ERROR_USAGE;
}

static PipelineConfig *load_config(const Options *o, GError **error)
{
  g_autoptr(PipelineConfig) config = config_load(o->config_dir, error);
  if (config == NULL)
    return NULL;
  if (o->lang != NULL) {
    g_free(config->language);
    config->language = g_strdup(o->lang);
  }
  return g_steal_pointer(&config);
}

static int run_main(int argc, char **argv, Options *o)
{
  g_autoptr(GOptionContext) context = options_context_new(o);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse(context, &argc, &argv, &error))
    return usage_error(context, error->message);
  if (o->version) {
    printf("ssi-pipeline %s\n", SSI_PIPELINE_VERSION);
    return 0;
  }
  options_apply_defaults(o);
  if (argc != 2)
    return usage_error(context, argc < 2 ? "a COMMAND is needed" : "only one COMMAND at a time");
  if (!command_is_known(argv[1])) {
    g_autofree char *message = g_strdup_printf("unknown command \"%s\"", argv[1]);
    return usage_error(context, message);
  }
  if (!options_check(o, &error)) {
    fprintf(stderr, "ssi-pipeline: %s\n", error->message);
    return PIPELINE_ERROR_USAGE;
  }
  g_autoptr(PipelineConfig) config = load_config(o, &error);
  if (config == NULL) {
    fprintf(stderr, "ssi-pipeline: %s\n", error->message);
    return PIPELINE_ERROR_USAGE;
  }
  /* Verbose runs log every file on stderr, which would break the line. */
  g_autoptr(PipelineProgress) progress =
      progress_new(stderr, isatty(STDERR_FILENO) && !o->quiet && !o->verbose);
  PipelineContext ctx = {
      .input_dir = o->input_dir,
      .config_dir = o->config_dir,
      .work_dir = o->work_dir,
      .out_dir = o->out_dir,
      .month = o->month,
      .jobs = o->jobs > 0 ? o->jobs : (int)g_get_num_processors(),
      .log_level = o->quiet     ? LOG_QUIET
                   : o->verbose ? LOG_VERBOSE
                                : LOG_NORMAL,
      .config = config,
      .progress = progress,
  };
  if (!run_command(argv[1], &ctx, &error)) {
    fprintf(stderr, "ssi-pipeline: %s\n", error->message);
    return pipeline_error_exit_status(error);
  }
  return 0;
}

int main(int argc, char **argv)
{
  /* libzip turns the date of every file in an archive into local time; with
   * TZ unset the C library looks at /etc/localtime again each time. */
  g_setenv("TZ", ":/etc/localtime", FALSE);
  setlocale(LC_ALL, "");
  /* libxlsxwriter and the CSV writers print numbers with the C library: a
   * decimal comma would make Excel call the workbook damaged. */
  setlocale(LC_NUMERIC, "C");
  Options o = {0};
  int status = run_main(argc, argv, &o);
  options_clear(&o);
  return status;
}
