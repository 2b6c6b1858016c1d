/* Writes the Teams sheet from team_month.csv: the report month's rows with
 * every aggregate under a readable header, then a teams x months table of
 * mean SSI with the SSI colour scale, so trends per team show at a glance.
 * In the management summary a team-month with too few members shows only
 * "fewer than N". */
#include "report/sheet_teams.h"

#include "report/months.h"

#include <math.h>
#include <string.h>

#define HEADER_ROW 1
#define TREND_MONTHS 12

static const struct {
  ReportLabel label;
  const char *column; /* in team_month.csv */
  ReportCellKind kind;
} team_columns[] = {
    {REPORT_LABEL_COL_MEMBERS, "members", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_WITH_SSI, "with_ssi", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_SSI_MEAN, "ssi_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_SSI_MEDIAN, "ssi_median", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_SSI_MIN, "ssi_min", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_SSI_MAX, "ssi_max", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_SSI_SD, "ssi_sd", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_BRAND_MEAN, "brand_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_PEOPLE_MEAN, "people_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_INSIGHTS_MEAN, "insights_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_RELATIONSHIPS_MEAN, "relationships_mean", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_SHARE_GOOD, "share_good", REPORT_CELL_PERCENT},
    {REPORT_LABEL_COL_SHARE_LOW, "share_low", REPORT_CELL_PERCENT},
    {REPORT_LABEL_COL_CHANGE_PREVIOUS, "delta_mean", REPORT_CELL_CHANGE},
    {REPORT_LABEL_COL_ACTIVE, "active", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_ACTIVATION_RATE, "activation_rate", REPORT_CELL_PERCENT},
    {REPORT_LABEL_COL_POSTS_PER_MEMBER, "posts_per_member", REPORT_CELL_DECIMAL},
    {REPORT_LABEL_COL_IMPRESSIONS, "impressions", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_ENGAGEMENT_RATE, "engagement_rate", REPORT_CELL_PERCENT},
};

typedef struct {
  int program, team, month, ssi_mean, members;
} TeamColumns;

#define LAST_COL ((lxw_col_t)(G_N_ELEMENTS(team_columns) + 1))

static void write_team_names(ReportSheet *sheet, const ReportContext *ctx, guint i, lxw_row_t row,
                             const TeamColumns *c)
{
  const ReportTable *t = ctx->data->team_month;
  const char *program = report_table_text(t, i, c->program);
  report_sheet_write_text(sheet, row, 0, report_data_program_name(ctx->data, program), FALSE);
  report_sheet_write_text(sheet, row, 1, report_table_text(t, i, c->team), FALSE);
}

static void write_names_header(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row)
{
  report_sheet_write_header(sheet, row, 0, report_context_label(ctx, REPORT_LABEL_COL_PROGRAM));
  report_sheet_write_header(sheet, row, 1, report_context_label(ctx, REPORT_LABEL_COL_TEAM));
}

/* Returns the row after the table. */
static lxw_row_t write_month_table(ReportSheet *sheet, const ReportContext *ctx,
                                   const TeamColumns *c)
{
  const ReportTable *t = ctx->data->team_month;
  write_names_header(sheet, ctx, HEADER_ROW);
  for (gsize k = 0; k < G_N_ELEMENTS(team_columns); k++)
    report_sheet_write_header(sheet, HEADER_ROW, (lxw_col_t)(k + 2),
                              report_context_label(ctx, team_columns[k].label));
  lxw_row_t row = HEADER_ROW + 1;
  for (guint i = 0; i < t->rows->len; i++) {
    if (strcmp(report_table_text(t, i, c->month), ctx->month) != 0)
      continue;
    write_team_names(sheet, ctx, i, row, c);
    if (report_context_hides_group(ctx, report_table_number(t, i, c->members))) {
      g_autofree char *hidden = report_context_fewer_than(ctx);
      report_sheet_write_hidden(sheet, row, 2, row, LAST_COL, hidden);
      row++;
      continue;
    }
    for (gsize k = 0; k < G_N_ELEMENTS(team_columns); k++) {
      double value = report_table_number(t, i, report_table_column(t, team_columns[k].column));
      report_sheet_write_number(sheet, row, (lxw_col_t)(k + 2), value, team_columns[k].kind, FALSE);
    }
    row++;
  }
  if (row == HEADER_ROW + 1)
    report_sheet_write_line(sheet, row++, 0,
                            report_context_label(ctx, REPORT_LABEL_NOTE_NO_TEAM_ROWS),
                            sheet->formats->note);
  return row;
}

/* The teams with a row in the window, in file order (program, team), and
 * their mean SSI per month keyed "program\x1fteam\x1fmonth". */
typedef struct {
  GArray *first_rows; /* guint: one team_month row per team */
  GHashTable *means;  /* key -> row + 1 */
} TeamTrend;

static void trend_collect(TeamTrend *trend, const ReportTable *t, const TeamColumns *c,
                          const char *first_month, const char *last_month)
{
  trend->first_rows = g_array_new(FALSE, FALSE, sizeof(guint));
  trend->means = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < t->rows->len; i++) {
    const char *month = report_table_text(t, i, c->month);
    if (strcmp(month, first_month) < 0 || strcmp(month, last_month) > 0)
      continue;
    char *team = g_strjoin("\x1f", report_table_text(t, i, c->program),
                           report_table_text(t, i, c->team), NULL);
    g_hash_table_replace(trend->means, g_strjoin("\x1f", team, month, NULL),
                         GUINT_TO_POINTER(i + 1));
    if (g_hash_table_add(seen, team))
      g_array_append_val(trend->first_rows, i);
  }
}

static void trend_clear(TeamTrend *trend)
{
  g_array_unref(trend->first_rows);
  g_hash_table_unref(trend->means);
}

static void write_trend_row(ReportSheet *sheet, const ReportContext *ctx, const TeamTrend *trend,
                            guint first_row, lxw_row_t row, char **months, const TeamColumns *c)
{
  const ReportTable *t = ctx->data->team_month;
  write_team_names(sheet, ctx, first_row, row, c);
  for (guint m = 0; months[m] != NULL; m++) {
    g_autofree char *key = g_strjoin("\x1f", report_table_text(t, first_row, c->program),
                                     report_table_text(t, first_row, c->team), months[m], NULL);
    gpointer found = g_hash_table_lookup(trend->means, key);
    guint i = GPOINTER_TO_UINT(found) - 1;
    if (found != NULL && report_context_hides_group(ctx, report_table_number(t, i, c->members))) {
      g_autofree char *hidden = report_context_fewer_than(ctx);
      report_sheet_write_hidden(sheet, row, (lxw_col_t)(m + 2), row, (lxw_col_t)(m + 2), hidden);
      continue;
    }
    double value = found != NULL ? report_table_number(t, i, c->ssi_mean) : NAN;
    report_sheet_write_number(sheet, row, (lxw_col_t)(m + 2), value, REPORT_CELL_SSI, FALSE);
  }
}

/* Returns the row after the table. */
static lxw_row_t write_trend_table(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row,
                                   const TeamColumns *c)
{
  g_auto(GStrv) months = g_new0(char *, TREND_MONTHS + 1);
  for (int m = 0; m < TREND_MONTHS; m++)
    months[m] = report_month_add(ctx->month, m - (TREND_MONTHS - 1));
  if (months[0] == NULL)
    return row;
  report_sheet_write_line(sheet, row++, 0,
                          report_context_label(ctx, REPORT_LABEL_SECTION_TEAM_TREND),
                          sheet->formats->section);
  lxw_row_t header_row = row++;
  write_names_header(sheet, ctx, header_row);
  for (int m = 0; m < TREND_MONTHS; m++) {
    g_autofree char *label = report_label_format_month_short(months[m], ctx->language);
    report_sheet_write_header(sheet, header_row, (lxw_col_t)(m + 2), label);
  }
  TeamTrend trend;
  trend_collect(&trend, ctx->data->team_month, c, months[0], months[TREND_MONTHS - 1]);
  for (guint k = 0; k < trend.first_rows->len; k++)
    write_trend_row(sheet, ctx, &trend, g_array_index(trend.first_rows, guint, k), row++, months,
                    c);
  if (trend.first_rows->len > 0)
    report_sheet_add_ssi_scale(sheet, ctx->config, header_row + 1, 2, row - 1, TREND_MONTHS + 1);
  trend_clear(&trend);
  return row;
}

static void write_privacy_note(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t row)
{
  if (ctx->audience != REPORT_AUDIENCE_MANAGEMENT)
    return;
  g_autofree char *note = report_context_with_min_group(ctx, REPORT_LABEL_NOTE_PRIVACY);
  report_sheet_write_line(sheet, row, 0, note, sheet->formats->note);
}

gboolean report_sheet_teams_write(const ReportContext *ctx, GError **error)
{
  ReportSheet *sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_TEAMS, error);
  if (sheet == NULL)
    return FALSE;
  const ReportTable *t = ctx->data->team_month;
  TeamColumns c = {report_table_column(t, "program"), report_table_column(t, "team"),
                   report_table_column(t, "month"), report_table_column(t, "ssi_mean"),
                   report_table_column(t, "members")};
  g_autofree char *month = report_label_format_month(ctx->month, ctx->language);
  g_autofree char *title =
      g_strdup_printf(report_context_label(ctx, REPORT_LABEL_TITLE_TEAMS), month);
  report_sheet_write_title(sheet, title);
  lxw_row_t row = write_month_table(sheet, ctx, &c);
  row = write_trend_table(sheet, ctx, row + 2, &c);
  write_privacy_note(sheet, ctx, row + 1);
  worksheet_freeze_panes(sheet->worksheet, HEADER_ROW + 1, 2);
  return report_sheet_finish(sheet, error);
}
