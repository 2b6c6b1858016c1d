/* Writes the Coaching sheet from the person-month rows of the report month
 * and their rows of scores/factors.csv, the next step wrapping in a wide
 * column so that a coach can read it out as it stands. */
#include "report/sheet_coaching.h"

#include "common/errors.h"
#include "report/ambassadors.h"

#include <math.h>
#include <string.h>

#define NOTE_ROW 1
#define HEADER_ROW 2
#define NEXT_STEP_WIDTH 80

enum {
  COL_NAME,
  COL_PROGRAM,
  COL_TEAM,
  COL_SSI,
  COL_PILLAR,
  COL_FACTOR,
  COL_NEXT_STEP,
  COL_MISSING,
  N_COLUMNS
};

static const ReportLabel headers[N_COLUMNS] = {
    REPORT_LABEL_COL_NAME,      REPORT_LABEL_COL_PROGRAM,        REPORT_LABEL_COL_TEAM,
    REPORT_LABEL_COL_SSI,       REPORT_LABEL_COL_WEAKEST_PILLAR, REPORT_LABEL_COL_FACTOR,
    REPORT_LABEL_COL_NEXT_STEP, REPORT_LABEL_COL_MISSING_POINTS,
};

static const char *const effective_columns[PILLAR_COUNT] = {"brand", "people", "insights",
                                                            "relationships"};
static const char *const estimated_columns[PILLAR_COUNT] = {"brand_est", "people_est",
                                                            "insights_est", "relationships_est"};

/* --- scores/factors.csv ------------------------------------------------------ */

typedef struct {
  int id, program, month, factor, pillar, measured, target, points, max_points;
} FactorColumns;

static FactorColumns factor_columns(const ReportTable *t)
{
  return (FactorColumns){
      report_table_column(t, "ambassador_id"), report_table_column(t, "program"),
      report_table_column(t, "month"),         report_table_column(t, "factor"),
      report_table_column(t, "pillar"),        report_table_column(t, "measured"),
      report_table_column(t, "target"),        report_table_column(t, "points"),
      report_table_column(t, "max_points"),
  };
}

static gboolean factor_row_error(const ReportTable *t, guint i, const char *problem, GError **error)
{
  const ReportRow *row = g_ptr_array_index(t->rows, i);
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s line %" G_GUINT64_FORMAT ": %s",
              t->path, row->line, problem);
  return FALSE;
}

static gboolean factor_numbers_read(const ReportTable *t, guint i, const FactorColumns *c,
                                    ReportCoachingFactor *out, GError **error)
{
  const int columns[] = {c->measured, c->target, c->points, c->max_points};
  double *values[] = {&out->measured, &out->target, &out->points, &out->max_points};
  for (gsize k = 0; k < G_N_ELEMENTS(columns); k++) {
    *values[k] = report_table_number(t, i, columns[k]);
    if (!isfinite(*values[k])) {
      g_autofree char *problem =
          g_strdup_printf("column %s is empty, expected a number",
                          (const char *)g_ptr_array_index(t->columns, columns[k]));
      return factor_row_error(t, i, problem, error);
    }
  }
  return TRUE;
}

static gboolean factor_row_read(const ReportTable *t, guint i, const FactorColumns *c,
                                ReportCoachingFactor *out, GError **error)
{
  const char *factor = report_table_text(t, i, c->factor);
  const char *pillar = report_table_text(t, i, c->pillar);
  if (!report_coaching_factor_parse(factor, &out->factor)) {
    g_autofree char *problem =
        g_strdup_printf("factor \"%s\", expected a factor id of ssi-model.ini", factor);
    return factor_row_error(t, i, problem, error);
  }
  if (!report_coaching_pillar_parse(pillar, &out->pillar)) {
    g_autofree char *problem =
        g_strdup_printf("pillar \"%s\", expected brand, people, insights or relationships", pillar);
    return factor_row_error(t, i, problem, error);
  }
  return factor_numbers_read(t, i, c, out, error);
}

static char *factors_key(const char *ambassador_id, const char *program)
{
  return g_strjoin("\x1f", ambassador_id, program, NULL);
}

/* The factors of month per ambassador and program ("id\x1fprogram" ->
 * GArray of ReportCoachingFactor); an empty index without the file. */
static GHashTable *factors_index(const ReportTable *t, const char *month, GError **error)
{
  g_autoptr(GHashTable) index =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
  if (t == NULL)
    return g_steal_pointer(&index);
  FactorColumns c = factor_columns(t);
  for (guint i = 0; i < t->rows->len; i++) {
    if (strcmp(report_table_text(t, i, c.month), month) != 0)
      continue;
    ReportCoachingFactor factor;
    if (!factor_row_read(t, i, &c, &factor, error))
      return NULL;
    char *key = factors_key(report_table_text(t, i, c.id), report_table_text(t, i, c.program));
    GArray *factors = g_hash_table_lookup(index, key);
    if (factors == NULL) {
      factors = g_array_new(FALSE, FALSE, sizeof(ReportCoachingFactor));
      g_hash_table_insert(index, key, factors);
    } else {
      g_free(key);
    }
    g_array_append_val(factors, factor);
  }
  return g_steal_pointer(&index);
}

/* The factors of person_month row, NULL when it has no estimate. An
 * estimate without its factors means the work folder is incomplete. */
static gboolean row_factors(const ReportContext *ctx, GHashTable *index, guint row,
                            GArray **factors, GError **error)
{
  const ReportTable *t = ctx->data->person_month;
  *factors = NULL;
  if (!isfinite(report_table_number(t, row, report_table_column(t, "ssi_estimated"))))
    return TRUE;
  if (ctx->data->factors == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: missing, expected the factors of the estimated SSI of %s (run the score "
                "stage again)",
                ctx->data->factors_path, ctx->month);
    return FALSE;
  }
  const char *id = report_table_text(t, row, report_table_column(t, "ambassador_id"));
  const char *program = report_table_text(t, row, report_table_column(t, "program"));
  g_autofree char *key = factors_key(id, program);
  *factors = g_hash_table_lookup(index, key);
  if (*factors != NULL)
    return TRUE;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
              "%s: no factors of ambassador %s in program %s for %s, expected them for every "
              "estimated SSI of person_month.csv (run the score stage for %s again)",
              ctx->data->factors_path, id, program, ctx->month, ctx->month);
  return FALSE;
}

/* --- The sheet ------------------------------------------------------------------ */

static void case_fill(const ReportContext *ctx, guint row, const GArray *factors,
                      ReportCoachingCase *c)
{
  const ReportTable *t = ctx->data->person_month;
  for (int p = 0; p < PILLAR_COUNT; p++) {
    c->effective[p] = report_table_number(t, row, report_table_column(t, effective_columns[p]));
    c->estimated[p] = report_table_number(t, row, report_table_column(t, estimated_columns[p]));
  }
  c->factors = factors != NULL ? (const ReportCoachingFactor *)(gconstpointer)factors->data : NULL;
  c->n_factors = factors != NULL ? factors->len : 0;
  c->month = ctx->month;
  c->window_days = ctx->config->model.window_days;
  c->language = ctx->language;
}

static void write_advice(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row,
                         const ReportCoachingCase *c, const ReportCoachingAdvice *advice)
{
  const char *pillar =
      advice->pillar < PILLAR_COUNT ? report_label_pillar(advice->pillar, ctx->language) : "";
  const char *factor = advice->factor >= 0
                           ? report_label_factor(c->factors[advice->factor].factor, ctx->language)
                           : "";
  report_sheet_write_text(sheet, row, COL_PILLAR, pillar, FALSE);
  report_sheet_write_text(sheet, row, COL_FACTOR, factor, FALSE);
  report_sheet_write_wrapped_text(sheet, row, COL_NEXT_STEP, advice->next_step);
  report_sheet_write_number(sheet, row, COL_MISSING, advice->missing_points, REPORT_CELL_SSI,
                            FALSE);
}

static void write_person(ReportSheet *sheet, const ReportContext *ctx, guint source_row,
                         lxw_row_t row)
{
  const ReportTable *t = ctx->data->person_month;
  const char *program = report_table_text(t, source_row, report_table_column(t, "program"));
  report_sheet_write_text(sheet, row, COL_NAME,
                          report_table_text(t, source_row, report_table_column(t, "name")), FALSE);
  report_sheet_write_text(sheet, row, COL_PROGRAM, report_data_program_name(ctx->data, program),
                          FALSE);
  report_sheet_write_text(sheet, row, COL_TEAM,
                          report_table_text(t, source_row, report_table_column(t, "team")), FALSE);
  report_sheet_write_number(sheet, row, COL_SSI,
                            report_table_number(t, source_row, report_table_column(t, "ssi")),
                            REPORT_CELL_SSI, FALSE);
}

static gboolean write_rows(ReportSheet *sheet, const ReportContext *ctx, const GArray *people,
                           GError **error)
{
  g_autoptr(GHashTable) index = factors_index(ctx->data->factors, ctx->month, error);
  if (index == NULL)
    return FALSE;
  for (guint k = 0; k < people->len; k++) {
    guint source_row = g_array_index(people, ReportAmbassador, k).row;
    GArray *factors = NULL;
    if (!row_factors(ctx, index, source_row, &factors, error))
      return FALSE;
    ReportCoachingCase c;
    case_fill(ctx, source_row, factors, &c);
    ReportCoachingAdvice advice;
    report_coaching_advise(ctx->coaching, &c, &advice);
    lxw_row_t row = HEADER_ROW + 1 + k;
    write_person(sheet, ctx, source_row, row);
    write_advice(sheet, ctx, row, &c, &advice);
    report_coaching_advice_clear(&advice);
  }
  return TRUE;
}

static void write_frame(ReportSheet *sheet, const ReportContext *ctx, guint n_rows)
{
  g_autofree char *month = report_label_format_month(ctx->month, ctx->language);
  g_autofree char *title =
      g_strdup_printf(report_context_label(ctx, REPORT_LABEL_TITLE_COACHING), month);
  report_sheet_write_title(sheet, title);
  report_sheet_write_line(sheet, NOTE_ROW, 0, report_context_label(ctx, REPORT_LABEL_NOTE_COACHING),
                          sheet->formats->note);
  for (int k = 0; k < N_COLUMNS; k++)
    report_sheet_write_header(sheet, HEADER_ROW, (lxw_col_t)k,
                              report_context_label(ctx, headers[k]));
  report_sheet_set_width(sheet, COL_NEXT_STEP, NEXT_STEP_WIDTH);
  worksheet_freeze_panes(sheet->worksheet, HEADER_ROW + 1, 1);
  if (n_rows == 0) {
    report_sheet_write_line(sheet, HEADER_ROW + 2, 0,
                            report_context_label(ctx, REPORT_LABEL_NOTE_NO_AMBASSADOR_ROWS),
                            sheet->formats->note);
    return;
  }
  lxw_row_t last_row = HEADER_ROW + n_rows;
  report_sheet_check(
      sheet, worksheet_autofilter(sheet->worksheet, HEADER_ROW, 0, last_row, N_COLUMNS - 1));
  report_sheet_add_ssi_scale(sheet, ctx->config, HEADER_ROW + 1, COL_SSI, last_row, COL_SSI);
}

gboolean report_sheet_coaching_write(const ReportContext *ctx, GError **error)
{
  g_autoptr(ReportSheet) sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_COACHING, error);
  if (sheet == NULL)
    return FALSE;
  const GArray *people = ctx->ambassadors;
  write_frame(sheet, ctx, people->len);
  if (!write_rows(sheet, ctx, people, error))
    return FALSE;
  return report_sheet_finish(g_steal_pointer(&sheet), error);
}
