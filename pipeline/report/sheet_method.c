/* Writes the Method sheet: report month, window, band thresholds, SSI
 * source, privacy and reject limits, program version, the estimate's model
 * (every factor with points and target, the seniority terms), then the
 * checksums of the config files (every *.ini of the config folder) and, in
 * the program report only, of the inputs (normalized/input_files.csv; past
 * [report] max_listed_rows files, that file's own SHA-256 instead). */
#include "report/sheet_method.h"

#include "common/contract.h"
#include "common/errors.h"
#include "version.h"

#include <math.h>
#include <string.h>

static lxw_row_t write_setting_text(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row,
                                    ReportLabel label, const char *value)
{
  report_sheet_write_text(sheet, row, 0, report_context_label(ctx, label), TRUE);
  report_sheet_write_text(sheet, row, 1, value, FALSE);
  return row + 1;
}

static lxw_row_t write_setting_number(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row,
                                      ReportLabel label, double value, ReportCellKind kind)
{
  report_sheet_write_text(sheet, row, 0, report_context_label(ctx, label), TRUE);
  report_sheet_write_number(sheet, row, 1, value, kind, FALSE);
  return row + 1;
}

static lxw_row_t write_settings(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row)
{
  const PipelineConfig *config = ctx->config;
  report_sheet_write_line(sheet, row++, 0, report_context_label(ctx, REPORT_LABEL_SECTION_SETTINGS),
                          sheet->formats->section);
  report_sheet_write_header(sheet, row, 0, report_context_label(ctx, REPORT_LABEL_COL_SETTING));
  report_sheet_write_header(sheet, row++, 1, report_context_label(ctx, REPORT_LABEL_COL_VALUE));
  g_autofree char *month = report_label_format_month(ctx->month, ctx->language);
  row = write_setting_text(sheet, ctx, row, REPORT_LABEL_SETTING_REPORT_MONTH, month);
  row = write_setting_number(sheet, ctx, row, REPORT_LABEL_SETTING_WINDOW_DAYS,
                             config->model.window_days, REPORT_CELL_COUNT);
  row = write_setting_number(sheet, ctx, row, REPORT_LABEL_SETTING_BAND_MID, config->band_mid_from,
                             REPORT_CELL_SSI);
  row = write_setting_number(sheet, ctx, row, REPORT_LABEL_SETTING_BAND_GOOD,
                             config->band_good_from, REPORT_CELL_SSI);
  row = write_setting_text(sheet, ctx, row, REPORT_LABEL_SETTING_SSI_SOURCE,
                           config_ssi_source_name(config->ssi_source));
  row = write_setting_number(sheet, ctx, row, REPORT_LABEL_SETTING_MIN_GROUP,
                             config->privacy_min_group_size, REPORT_CELL_COUNT);
  row = write_setting_number(sheet, ctx, row, REPORT_LABEL_SETTING_MAX_REJECT,
                             config->max_reject_ratio, REPORT_CELL_PERCENT);
  row = write_setting_number(sheet, ctx, row, REPORT_LABEL_SETTING_MAX_LINKEDIN_EVENTS,
                             config->max_linkedin_events, REPORT_CELL_COUNT);
  row = write_setting_number(sheet, ctx, row, REPORT_LABEL_SETTING_MAX_POSTS, config->max_posts,
                             REPORT_CELL_COUNT);
  return write_setting_text(sheet, ctx, row, REPORT_LABEL_SETTING_VERSION, SSI_PIPELINE_VERSION);
}

static int string_compare(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.ini files of dir, sorted by name. */
static GPtrArray *config_files_list(const char *dir, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GDir) listing = g_dir_open(dir, 0, &local);
  if (listing == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "%s: cannot list the configuration folder: %s", dir, local->message);
    return NULL;
  }
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while ((name = g_dir_read_name(listing)) != NULL)
    if (g_str_has_suffix(name, ".ini"))
      g_ptr_array_add(names, g_strdup(name));
  g_ptr_array_sort(names, string_compare);
  return names;
}

static char *file_sha256(const char *path, gsize *bytes, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;
  if (!g_file_get_contents(path, &contents, &length, &local)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "%s: %s", path, local->message);
    return NULL;
  }
  *bytes = length;
  return g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void write_section_header(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t *row,
                                 ReportLabel title, const ReportLabel *columns, gsize n_columns)
{
  report_sheet_write_line(sheet, (*row)++, 0, report_context_label(ctx, title),
                          sheet->formats->section);
  for (gsize k = 0; k < n_columns; k++)
    report_sheet_write_header(sheet, *row, (lxw_col_t)k, report_context_label(ctx, columns[k]));
  (*row)++;
}

static gboolean write_config_files(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t *row,
                                   GError **error)
{
  if (ctx->config_dir == NULL)
    return TRUE;
  g_autoptr(GPtrArray) names = config_files_list(ctx->config_dir, error);
  if (names == NULL)
    return FALSE;
  const ReportLabel columns[] = {REPORT_LABEL_COL_FILE, REPORT_LABEL_COL_BYTES,
                                 REPORT_LABEL_COL_SHA256};
  write_section_header(sheet, ctx, row, REPORT_LABEL_SECTION_CONFIG_FILES, columns,
                       G_N_ELEMENTS(columns));
  for (guint i = 0; i < names->len; i++, (*row)++) {
    const char *name = g_ptr_array_index(names, i);
    g_autofree char *path = g_build_filename(ctx->config_dir, name, NULL);
    gsize bytes = 0;
    g_autofree char *sha256 = file_sha256(path, &bytes, error);
    if (sha256 == NULL)
      return FALSE;
    report_sheet_write_text(sheet, *row, 0, name, FALSE);
    report_sheet_write_number(sheet, *row, 1, (double)bytes, REPORT_CELL_COUNT, FALSE);
    report_sheet_write_text(sheet, *row, 2, sha256, FALSE);
  }
  return TRUE;
}

/* Shares (profile, acceptance) as percentages; counts whole unless the
 * config gives a fraction. */
static ReportCellKind factor_value_kind(FactorId factor, double value)
{
  if (factor == FACTOR_PROFILE || factor == FACTOR_ACCEPTANCE)
    return REPORT_CELL_PERCENT;
  return value == round(value) ? REPORT_CELL_COUNT : REPORT_CELL_DECIMAL;
}

static void write_factor(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row, int f)
{
  const ModelFactor *factor = &ctx->config->model.factors[f];
  report_sheet_write_text(sheet, row, 0, report_label_pillar(factor->pillar, ctx->language), FALSE);
  report_sheet_write_text(sheet, row, 1, report_label_factor((FactorId)f, ctx->language), FALSE);
  report_sheet_write_wrapped_text(sheet, row, 2,
                                  report_label_factor_measure((FactorId)f, ctx->language));
  report_sheet_write_number(
      sheet, row, 3, factor->points,
      factor->points == round(factor->points) ? REPORT_CELL_COUNT : REPORT_CELL_DECIMAL, FALSE);
  report_sheet_write_number(sheet, row, 4, factor->target,
                            factor_value_kind((FactorId)f, factor->target), FALSE);
}

/* The factors in model order, then the seniority terms under them in the
 * wide column, where the list can wrap. */
static void write_model(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t *row)
{
  const ReportLabel columns[] = {REPORT_LABEL_COL_PILLAR, REPORT_LABEL_COL_FACTOR,
                                 REPORT_LABEL_COL_MEASURED, REPORT_LABEL_COL_POINTS,
                                 REPORT_LABEL_COL_TARGET};
  write_section_header(sheet, ctx, row, REPORT_LABEL_SECTION_MODEL_FACTORS, columns,
                       G_N_ELEMENTS(columns));
  /* As wide as a SHA-256 below, so the descriptions wrap in two lines. */
  report_sheet_set_width(sheet, 2, 66);
  for (int f = 0; f < FACTOR_COUNT; f++, (*row)++)
    write_factor(sheet, ctx, *row, f);
  const ModelConfig *model = &ctx->config->model;
  g_autofree char *terms =
      model->seniority_terms != NULL ? g_strjoinv(", ", model->seniority_terms) : g_strdup("");
  report_sheet_write_text(sheet, *row, 1,
                          report_context_label(ctx, REPORT_LABEL_SETTING_SENIORITY_TERMS), TRUE);
  report_sheet_write_wrapped_text(sheet, (*row)++, 2, terms);
  report_sheet_write_line(sheet, (*row)++, 0,
                          report_context_label(ctx, REPORT_LABEL_NOTE_MODEL_FACTORS),
                          sheet->formats->note);
}

/* Too many input files to list (more than [report] max_listed_rows): their
 * number, total size and the SHA-256 of input_files.csv, which holds each
 * one's, so the inputs are still pinned. */
static void write_input_files_summed(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t *row)
{
  const ReportListings *listings = ctx->listings;
  report_sheet_write_line(sheet, (*row)++, 0,
                          report_context_label(ctx, REPORT_LABEL_SECTION_INPUT_CHECKSUMS),
                          sheet->formats->section);
  g_autofree char *files = report_label_format_count(listings->inputs.total, ctx->language);
  g_autofree char *bytes = report_label_format_count((guint64)listings->input_bytes, ctx->language);
  g_autofree char *line =
      g_strdup_printf(report_context_label(ctx, REPORT_LABEL_NOTE_INPUT_FILES_SUMMARY), files,
                      bytes, CONTRACT_INPUT_FILES, listings->inputs_sha256);
  report_sheet_write_line(sheet, (*row)++, 0, line, NULL);
}

static void write_input_files(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t *row)
{
  if (!report_listing_is_complete(&ctx->listings->inputs)) {
    write_input_files_summed(sheet, ctx, row);
    return;
  }
  const ReportTable *t = ctx->listings->inputs.table;
  const ReportLabel columns[] = {REPORT_LABEL_COL_FILE, REPORT_LABEL_COL_BYTES,
                                 REPORT_LABEL_COL_SHA256};
  write_section_header(sheet, ctx, row, REPORT_LABEL_SECTION_INPUT_CHECKSUMS, columns,
                       G_N_ELEMENTS(columns));
  int file = report_table_column(t, "file");
  int bytes = report_table_column(t, "bytes");
  int sha256 = report_table_column(t, "sha256");
  for (guint i = 0; i < t->rows->len; i++, (*row)++) {
    report_sheet_write_text(sheet, *row, 0, report_table_text(t, i, file), FALSE);
    report_sheet_write_number(sheet, *row, 1, report_table_number(t, i, bytes), REPORT_CELL_COUNT,
                              FALSE);
    report_sheet_write_text(sheet, *row, 2, report_table_text(t, i, sha256), FALSE);
  }
}

gboolean report_sheet_method_write(const ReportContext *ctx, GError **error)
{
  g_autoptr(ReportSheet) sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_METHOD, error);
  if (sheet == NULL)
    return FALSE;
  worksheet_gridlines(sheet->worksheet, LXW_HIDE_ALL_GRIDLINES);
  report_sheet_write_title(sheet, report_context_label(ctx, REPORT_LABEL_TITLE_METHOD));
  lxw_row_t row = write_settings(sheet, ctx, 2) + 1;
  write_model(sheet, ctx, &row);
  row++;
  if (!write_config_files(sheet, ctx, &row, error))
    return FALSE;
  /* Input paths name ambassadors (linkedin/<id>/...): not for management. */
  if (ctx->audience != REPORT_AUDIENCE_MANAGEMENT) {
    row++;
    write_input_files(sheet, ctx, &row);
  }
  return report_sheet_finish(g_steal_pointer(&sheet), error);
}
