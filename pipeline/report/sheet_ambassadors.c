/* Writes the Ambassadors sheet: the person-month rows of the report month
 * with the figures report/ambassadors.c derives, as an Excel table (filter,
 * banded rows), header and names frozen, SSI coloured by band, pillars
 * (effective and estimated) as data bars from 0 to 25. */
#include "report/sheet_ambassadors.h"

#include "report/ambassadors.h"
#include "report/stats.h"

#include <math.h>

#define HEADER_ROW 1
#define PILLAR_MAX 25.0

/* Where a column's value comes from: a person_month column, or a figure
 * derived here. */
typedef enum {
  FROM_CSV,
  FROM_PROGRAM_NAME,
  FROM_ROLE,
  FROM_SOURCE,
  FROM_BAND,
  FROM_CHANGE_PREVIOUS,
  FROM_CHANGE_JOINING,
  FROM_RANK,
  FROM_ESTIMATED_MINUS_REPORTED,
} ValueSource;

typedef struct {
  ReportLabel label;
  ValueSource source;
  const char *column; /* person_month column for FROM_CSV, FROM_SOURCE, FROM_BAND */
  ReportCellKind kind;
} AmbassadorColumn;

#define COL_SSI 4
#define COL_FIRST_PILLAR 7
#define COL_FIRST_PILLAR_EST 17

static const AmbassadorColumn ambassador_columns[] = {
    {REPORT_LABEL_COL_NAME, FROM_CSV, "name", REPORT_CELL_TEXT},
    {REPORT_LABEL_COL_PROGRAM, FROM_PROGRAM_NAME, "program", REPORT_CELL_TEXT},
    {REPORT_LABEL_COL_TEAM, FROM_CSV, "team", REPORT_CELL_TEXT},
    {REPORT_LABEL_COL_ROLE, FROM_ROLE, NULL, REPORT_CELL_TEXT},
    [COL_SSI] = {REPORT_LABEL_COL_SSI, FROM_CSV, "ssi", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_SOURCE, FROM_SOURCE, "source", REPORT_CELL_TEXT},
    {REPORT_LABEL_COL_BAND, FROM_BAND, "band", REPORT_CELL_TEXT},
    [COL_FIRST_PILLAR] = {REPORT_LABEL_COL_BRAND, FROM_CSV, "brand", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_PEOPLE, FROM_CSV, "people", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_INSIGHTS, FROM_CSV, "insights", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_RELATIONSHIPS, FROM_CSV, "relationships", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_CHANGE_PREVIOUS, FROM_CHANGE_PREVIOUS, NULL, REPORT_CELL_CHANGE},
    {REPORT_LABEL_COL_CHANGE_JOINING, FROM_CHANGE_JOINING, NULL, REPORT_CELL_CHANGE},
    {REPORT_LABEL_COL_RANK_PROGRAM, FROM_RANK, NULL, REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_INDUSTRY_RANK, FROM_CSV, "industry_rank", REPORT_CELL_TOP_RANK},
    {REPORT_LABEL_COL_NETWORK_RANK, FROM_CSV, "network_rank", REPORT_CELL_TOP_RANK},
    {REPORT_LABEL_COL_SSI_ESTIMATED, FROM_CSV, "ssi_estimated", REPORT_CELL_SSI},
    [COL_FIRST_PILLAR_EST] = {REPORT_LABEL_COL_BRAND_EST, FROM_CSV, "brand_est", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_PEOPLE_EST, FROM_CSV, "people_est", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_INSIGHTS_EST, FROM_CSV, "insights_est", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_RELATIONSHIPS_EST, FROM_CSV, "relationships_est", REPORT_CELL_SSI},
    {REPORT_LABEL_COL_ESTIMATED_MINUS_REPORTED, FROM_ESTIMATED_MINUS_REPORTED, NULL,
     REPORT_CELL_CHANGE},
    {REPORT_LABEL_COL_POSTS, FROM_CSV, "posts", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_COMMENTS, FROM_CSV, "comments", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_REACTIONS, FROM_CSV, "reactions", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_MESSAGES_SENT, FROM_CSV, "messages_sent", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_INVITATIONS_SENT, FROM_CSV, "invitations_sent", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_INVITATIONS_ACCEPTED, FROM_CSV, "invitations_accepted", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_NEW_CONNECTIONS, FROM_CSV, "new_connections", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_NEW_TARGET_CONNECTIONS, FROM_CSV, "new_target_connections",
     REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_TOOL_POSTS, FROM_CSV, "tool_posts", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_IMPRESSIONS, FROM_CSV, "impressions", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_REACTIONS_RECEIVED, FROM_CSV, "reactions_received", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_COMMENTS_RECEIVED, FROM_CSV, "comments_received", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_REPOSTS_RECEIVED, FROM_CSV, "reposts_received", REPORT_CELL_COUNT},
    {REPORT_LABEL_COL_CLICKS, FROM_CSV, "clicks", REPORT_CELL_COUNT},
};

#define N_COLUMNS G_N_ELEMENTS(ambassador_columns)

/* The person_month index of each column's source (-1 for none), found
 * once for the sheet rather than by name for each of its cells. */
static void source_columns_find(const ReportTable *t, int *indices)
{
  for (gsize k = 0; k < N_COLUMNS; k++)
    indices[k] = ambassador_columns[k].column != NULL
                     ? report_table_column(t, ambassador_columns[k].column)
                     : -1;
}

static const char *text_of(const ReportContext *ctx, const ReportAmbassador *a,
                           const AmbassadorColumn *column, int index)
{
  const ReportTable *t = ctx->data->person_month;
  const char *text = index >= 0 ? report_table_text(t, a->row, index) : "";
  switch (column->source) {
  case FROM_PROGRAM_NAME:
    return report_data_program_name(ctx->data, text);
  case FROM_ROLE:
    return a->role;
  case FROM_SOURCE:
    return report_label_source(text, ctx->language);
  case FROM_BAND:
    return report_label_band(text, ctx->language);
  default:
    return text;
  }
}

static double number_of(const ReportContext *ctx, const ReportAmbassador *a,
                        const AmbassadorColumn *column, int index)
{
  const ReportTable *t = ctx->data->person_month;
  switch (column->source) {
  case FROM_CHANGE_PREVIOUS:
    return report_stats_round2(a->change_previous);
  case FROM_CHANGE_JOINING:
    return report_stats_round2(a->change_joining);
  case FROM_RANK:
    return a->rank_in_program > 0 ? (double)a->rank_in_program : NAN;
  case FROM_ESTIMATED_MINUS_REPORTED:
    return report_stats_round2(a->estimated_minus_reported);
  default:
    return report_table_number(t, a->row, index);
  }
}

static void write_row(ReportSheet *sheet, const ReportContext *ctx, const ReportAmbassador *a,
                      const int *indices, lxw_row_t row)
{
  for (gsize k = 0; k < N_COLUMNS; k++) {
    const AmbassadorColumn *column = &ambassador_columns[k];
    if (column->kind == REPORT_CELL_TEXT)
      report_sheet_write_text(sheet, row, (lxw_col_t)k, text_of(ctx, a, column, indices[k]), FALSE);
    else
      report_sheet_write_number(sheet, row, (lxw_col_t)k, number_of(ctx, a, column, indices[k]),
                                column->kind, FALSE);
  }
}

/* The Excel table over the header and data rows. The table writes its own
 * header cells; Excel needs at least one data row, empty if need be. */
static lxw_error add_table(ReportSheet *sheet, const ReportContext *ctx, lxw_row_t last_row)
{
  lxw_table_column columns[N_COLUMNS];
  lxw_table_column *column_list[N_COLUMNS + 1];
  for (gsize k = 0; k < N_COLUMNS; k++) {
    const char *header = report_context_label(ctx, ambassador_columns[k].label);
    columns[k] =
        (lxw_table_column){.header = (char *)header, .header_format = sheet->formats->header};
    column_list[k] = &columns[k];
    report_sheet_note_width(sheet, (lxw_col_t)k, (guint)g_utf8_strlen(header, -1) + 3);
  }
  column_list[N_COLUMNS] = NULL;
  lxw_table_options options = {
      .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
      .style_type_number = 9,
      .columns = column_list,
  };
  return worksheet_add_table(sheet->worksheet, HEADER_ROW, 0, last_row, N_COLUMNS - 1, &options);
}

static lxw_error add_pillar_bars(ReportSheet *sheet, lxw_row_t last_row, lxw_col_t first_col)
{
  lxw_conditional_format bars = {
      .type = LXW_CONDITIONAL_DATA_BAR,
      .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
      .min_value = 0.0,
      .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
      .max_value = PILLAR_MAX,
      .bar_color = REPORT_COLOUR_BAR,
  };
  return worksheet_conditional_format_range(sheet->worksheet, HEADER_ROW + 1, first_col, last_row,
                                            first_col + 3, &bars);
}

gboolean report_sheet_ambassadors_write(const ReportContext *ctx, GError **error)
{
  ReportSheet *sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_AMBASSADORS, error);
  if (sheet == NULL)
    return FALSE;
  g_autofree char *month = report_label_format_month(ctx->month, ctx->language);
  g_autofree char *title =
      g_strdup_printf(report_context_label(ctx, REPORT_LABEL_TITLE_AMBASSADORS), month);
  report_sheet_write_title(sheet, title);
  const GArray *ambassadors = ctx->ambassadors;
  int indices[N_COLUMNS];
  source_columns_find(ctx->data->person_month, indices);
  for (guint k = 0; k < ambassadors->len; k++)
    write_row(sheet, ctx, &g_array_index(ambassadors, ReportAmbassador, k), indices,
              HEADER_ROW + 1 + k);
  lxw_row_t last_row = HEADER_ROW + MAX(ambassadors->len, 1);
  lxw_error status = add_table(sheet, ctx, last_row);
  if (status == LXW_NO_ERROR && ambassadors->len > 0) {
    report_sheet_add_ssi_scale(sheet, ctx->config, HEADER_ROW + 1, COL_SSI, last_row, COL_SSI);
    status = add_pillar_bars(sheet, last_row, COL_FIRST_PILLAR);
    if (status == LXW_NO_ERROR)
      status = add_pillar_bars(sheet, last_row, COL_FIRST_PILLAR_EST);
  }
  if (ambassadors->len == 0)
    report_sheet_write_line(sheet, last_row + 2, 0,
                            report_context_label(ctx, REPORT_LABEL_NOTE_NO_AMBASSADOR_ROWS),
                            sheet->formats->note);
  report_sheet_check(sheet, status);
  worksheet_freeze_panes(sheet->worksheet, HEADER_ROW + 1, 1);
  return report_sheet_finish(sheet, error);
}
