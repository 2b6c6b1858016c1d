/* Writes the Trend sheet: one row per membership (ambassador, program,
 * team) sorted by name then program, one column per month up to the report
 * month, cells coloured with the SSI scale, so progress reads left to right. */
#include "report/sheet_trend.h"

#include "report/ambassadors.h"

#include <math.h>
#include <string.h>

#define HEADER_ROW 1
#define FIRST_MONTH_COL 3

typedef struct {
  int id, name, program, team, month, ssi;
  ReportMembershipColumns membership;
} TrendColumns;

typedef struct {
  guint first_row; /* a person_month row of the membership, for its names */
  guint index;     /* in order of first appearance: its row of Trend.cells */
  char *sort_key;
} Membership;

static void membership_clear(gpointer data)
{
  Membership *m = data;
  g_free(m->sort_key);
}

static int membership_compare(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Membership *x = a;
  const Membership *y = b;
  const ReportTable *t = user_data;
  int order = strcmp(x->sort_key, y->sort_key);
  const char *columns[] = {"name", "program", "team", "ambassador_id"};
  for (gsize i = 0; order == 0 && i < G_N_ELEMENTS(columns); i++) {
    int column = report_table_column(t, columns[i]);
    order = strcmp(report_table_text(t, x->first_row, column),
                   report_table_text(t, y->first_row, column));
  }
  return order;
}

static int string_compare(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Memberships (sorted), months up to the report month (sorted) and the SSI
 * cells: row + 1 of the membership's row of each month (its last in the
 * file), 0 for none, at cells[index * months->len + month]. */
typedef struct {
  GArray *memberships;
  GPtrArray *months;
  guint *cells;
} Trend;

/* The rows of the trend, each with its membership's index. */
typedef struct {
  guint row;
  guint member;
} TrendRow;

/* The membership of row i is looked up by a key written into key: every
 * person_month row passes here, so a key is copied only for a new one. */
static void trend_add_row(Trend *trend, const ReportTable *t, const TrendColumns *c, guint i,
                          GString *key, GHashTable *members, GHashTable *seen_months, GArray *rows)
{
  const char *month = report_table_text(t, i, c->month);
  report_ambassadors_membership_key_into(key, t, i, &c->membership);
  if (g_hash_table_add(seen_months, (gpointer)month))
    g_ptr_array_add(trend->months, (gpointer)month);
  gpointer found = g_hash_table_lookup(members, key->str);
  TrendRow row = {i, GPOINTER_TO_UINT(found) - 1};
  if (found == NULL) {
    row.member = trend->memberships->len;
    g_hash_table_insert(members, g_strdup(key->str), GUINT_TO_POINTER(row.member + 1));
    Membership m = {i, row.member, report_ambassadors_sort_key(report_table_text(t, i, c->name))};
    g_array_append_val(trend->memberships, m);
  }
  g_array_append_val(rows, row);
}

/* Fills the cells once the months are sorted: a month's column is its
 * place among them. */
static void trend_fill_cells(Trend *trend, const ReportTable *t, const TrendColumns *c,
                             const GArray *rows)
{
  g_autoptr(GHashTable) columns = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint m = 0; m < trend->months->len; m++)
    g_hash_table_insert(columns, g_ptr_array_index(trend->months, m), GUINT_TO_POINTER(m));
  guint n_months = trend->months->len;
  trend->cells = g_new0(guint, (gsize)trend->memberships->len * n_months + 1);
  for (guint k = 0; k < rows->len; k++) {
    const TrendRow *r = &g_array_index(rows, TrendRow, k);
    guint column =
        GPOINTER_TO_UINT(g_hash_table_lookup(columns, report_table_text(t, r->row, c->month)));
    trend->cells[(gsize)r->member * n_months + column] = r->row + 1;
  }
}

static void trend_collect(Trend *trend, const ReportTable *t, const TrendColumns *c,
                          const char *report_month)
{
  trend->memberships = g_array_new(FALSE, FALSE, sizeof(Membership));
  g_array_set_clear_func(trend->memberships, membership_clear);
  trend->months = g_ptr_array_new(); /* strings owned by t */
  g_autoptr(GHashTable) members = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_months = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(TrendRow));
  g_autoptr(GString) key = g_string_new(NULL);
  for (guint i = 0; i < t->rows->len; i++) {
    const char *month = report_table_text(t, i, c->month);
    if (strcmp(month, report_month) <= 0 && month[0] != '\0')
      trend_add_row(trend, t, c, i, key, members, seen_months, rows);
  }
  g_ptr_array_sort(trend->months, string_compare);
  trend_fill_cells(trend, t, c, rows);
  g_array_sort_with_data(trend->memberships, membership_compare, (gpointer)t);
}

static void trend_clear(Trend *trend)
{
  g_array_unref(trend->memberships);
  g_ptr_array_unref(trend->months);
  g_free(trend->cells);
}

static void write_header(ReportSheet *sheet, const ReportContext *ctx, const Trend *trend)
{
  const ReportLabel names[] = {REPORT_LABEL_COL_NAME, REPORT_LABEL_COL_PROGRAM,
                               REPORT_LABEL_COL_TEAM};
  for (gsize k = 0; k < G_N_ELEMENTS(names); k++)
    report_sheet_write_header(sheet, HEADER_ROW, (lxw_col_t)k, report_context_label(ctx, names[k]));
  for (guint m = 0; m < trend->months->len; m++)
    report_sheet_write_header(sheet, HEADER_ROW, (lxw_col_t)(FIRST_MONTH_COL + m),
                              g_ptr_array_index(trend->months, m));
}

static void write_membership(ReportSheet *sheet, const ReportContext *ctx, const Trend *trend,
                             const Membership *m, lxw_row_t row, const TrendColumns *c)
{
  const ReportTable *t = ctx->data->person_month;
  report_sheet_write_text(sheet, row, 0, report_table_text(t, m->first_row, c->name), FALSE);
  const char *program = report_table_text(t, m->first_row, c->program);
  report_sheet_write_text(sheet, row, 1, report_data_program_name(ctx->data, program), FALSE);
  report_sheet_write_text(sheet, row, 2, report_table_text(t, m->first_row, c->team), FALSE);
  const guint *cells = trend->cells + (gsize)m->index * trend->months->len;
  for (guint k = 0; k < trend->months->len; k++) {
    double value = cells[k] != 0 ? report_table_number(t, cells[k] - 1, c->ssi) : NAN;
    report_sheet_write_number(sheet, row, (lxw_col_t)(FIRST_MONTH_COL + k), value, REPORT_CELL_SSI,
                              FALSE);
  }
}

gboolean report_sheet_trend_write(const ReportContext *ctx, GError **error)
{
  ReportSheet *sheet = report_sheet_new(ctx, REPORT_LABEL_SHEET_TREND, error);
  if (sheet == NULL)
    return FALSE;
  const ReportTable *t = ctx->data->person_month;
  TrendColumns c = {report_table_column(t, "ambassador_id"), report_table_column(t, "name"),
                    report_table_column(t, "program"),       report_table_column(t, "team"),
                    report_table_column(t, "month"),         report_table_column(t, "ssi"),
                    report_ambassadors_membership_columns(t)};
  report_sheet_write_title(sheet, report_context_label(ctx, REPORT_LABEL_TITLE_TREND));
  Trend trend;
  trend_collect(&trend, t, &c, ctx->month);
  write_header(sheet, ctx, &trend);
  for (guint k = 0; k < trend.memberships->len; k++)
    write_membership(sheet, ctx, &trend, &g_array_index(trend.memberships, Membership, k),
                     HEADER_ROW + 1 + k, &c);
  if (trend.memberships->len > 0 && trend.months->len > 0)
    report_sheet_add_ssi_scale(sheet, ctx->config, HEADER_ROW + 1, FIRST_MONTH_COL,
                               HEADER_ROW + trend.memberships->len,
                               FIRST_MONTH_COL + trend.months->len - 1);
  trend_clear(&trend);
  worksheet_freeze_panes(sheet->worksheet, HEADER_ROW + 1, 1);
  return report_sheet_finish(sheet, error);
}
