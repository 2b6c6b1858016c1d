/* Derives the per-ambassador figures of the Ambassadors sheet from the
 * person-month rows: a membership is one ambassador in one team of one
 * program, so a move between teams starts a new history. */
#include "report/ambassadors.h"

#include "report/months.h"
#include "report/stats.h"

#include <math.h>
#include <string.h>

typedef struct {
  int id, name, program, team, month, ssi, ssi_reported, ssi_estimated;
} PersonColumns;

static PersonColumns person_columns(const ReportTable *t)
{
  return (PersonColumns){
      report_table_column(t, "ambassador_id"), report_table_column(t, "name"),
      report_table_column(t, "program"),       report_table_column(t, "team"),
      report_table_column(t, "month"),         report_table_column(t, "ssi"),
      report_table_column(t, "ssi_reported"),  report_table_column(t, "ssi_estimated"),
  };
}

ReportMembershipColumns report_ambassadors_membership_columns(const ReportTable *t)
{
  return (ReportMembershipColumns){{report_table_column(t, "ambassador_id"),
                                    report_table_column(t, "program"),
                                    report_table_column(t, "team")}};
}

/* Ids are plain text: the unit separator keeps the three apart. */
const char *report_ambassadors_membership_key_into(GString *key, const ReportTable *t, guint row,
                                                   const ReportMembershipColumns *c)
{
  g_string_assign(key, report_table_text(t, row, c->columns[0]));
  g_string_append_c(key, '\x1f');
  g_string_append(key, report_table_text(t, row, c->columns[1]));
  g_string_append_c(key, '\x1f');
  g_string_append(key, report_table_text(t, row, c->columns[2]));
  return key->str;
}

char *report_ambassadors_membership_key(const ReportTable *t, guint row)
{
  ReportMembershipColumns c = report_ambassadors_membership_columns(t);
  GString *key = g_string_new(NULL);
  report_ambassadors_membership_key_into(key, t, row, &c);
  return g_string_free(key, FALSE);
}

/* What a report row's change is measured against: for each membership of
 * the month, its row of the previous month (the last in the file) and its
 * row of the earliest month with an SSI (the first), as row + 1, 0 for
 * none. Rows after the report month do not count. */
typedef struct {
  guint *member_of; /* of each row of result: its membership's index into the arrays */
  guint *previous;
  guint *first_with_ssi;
} MembershipIndex;

/* The index of the memberships of result (rows of month). */
static void index_build(MembershipIndex *index, const GArray *result, const ReportTable *t,
                        const PersonColumns *c, const char *month, const char *previous_month)
{
  /* membership key -> index + 1 into the arrays */
  g_autoptr(GHashTable) members = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  index->member_of = g_new0(guint, result->len + 1);
  index->previous = g_new0(guint, result->len + 1);
  index->first_with_ssi = g_new0(guint, result->len + 1);
  ReportMembershipColumns key_columns = report_ambassadors_membership_columns(t);
  g_autoptr(GString) key = g_string_new(NULL);
  for (guint k = 0; k < result->len; k++) {
    report_ambassadors_membership_key_into(key, t, g_array_index(result, ReportAmbassador, k).row,
                                           &key_columns);
    gpointer found = g_hash_table_lookup(members, key->str);
    if (found == NULL) {
      found = GUINT_TO_POINTER(g_hash_table_size(members) + 1);
      g_hash_table_insert(members, g_strdup(key->str), found);
    }
    index->member_of[k] = GPOINTER_TO_UINT(found) - 1;
  }
  for (guint i = 0; i < t->rows->len; i++) {
    const char *row_month = report_table_text(t, i, c->month);
    if (strcmp(row_month, month) > 0)
      continue;
    guint m = GPOINTER_TO_UINT(g_hash_table_lookup(
        members, report_ambassadors_membership_key_into(key, t, i, &key_columns)));
    if (m-- == 0)
      continue;
    if (previous_month != NULL && strcmp(row_month, previous_month) == 0)
      index->previous[m] = i + 1;
    if (!isfinite(report_table_number(t, i, c->ssi)))
      continue;
    guint first = index->first_with_ssi[m];
    if (first == 0 || strcmp(row_month, report_table_text(t, first - 1, c->month)) < 0)
      index->first_with_ssi[m] = i + 1;
  }
}

static void index_clear(MembershipIndex *index)
{
  g_free(index->member_of);
  g_free(index->previous);
  g_free(index->first_with_ssi);
}

static double ssi_of(const ReportTable *t, const PersonColumns *c, guint row_plus_one)
{
  if (row_plus_one == 0)
    return NAN;
  return report_table_number(t, row_plus_one - 1, c->ssi);
}

/* The changes of a, the row of result at index k. */
static void derive_changes(ReportAmbassador *a, const ReportTable *t, const PersonColumns *c,
                           const MembershipIndex *index, guint k)
{
  guint m = index->member_of[k];
  double ssi = report_table_number(t, a->row, c->ssi);
  a->change_previous = ssi - ssi_of(t, c, index->previous[m]);
  a->change_joining = ssi - ssi_of(t, c, index->first_with_ssi[m]);
  a->estimated_minus_reported = report_table_number(t, a->row, c->ssi_estimated) -
                                report_table_number(t, a->row, c->ssi_reported);
}

char *report_ambassadors_sort_key(const char *text)
{
  /* Decomposed and case-folded, so "Özil" sorts with "Ozil" and "anna" with
   * "Anna", the same way in every locale. */
  g_autofree char *decomposed = g_utf8_normalize(text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup(text);
  return g_utf8_casefold(decomposed, -1);
}

/* The role of the roster row of that membership active at as_of (the
 * month's last day), else of the latest one joined by then. */
static const char *role_at(const ReportTable *roster, GHashTable *rows_by_key, const char *key,
                           const char *as_of)
{
  GArray *rows = g_hash_table_lookup(rows_by_key, key);
  int joined = report_table_column(roster, "joined");
  int left = report_table_column(roster, "left");
  int role = report_table_column(roster, "role");
  const char *found = "";
  for (guint k = 0; rows != NULL && k < rows->len; k++) {
    guint i = g_array_index(rows, guint, k);
    if (strcmp(report_table_text(roster, i, joined), as_of) > 0)
      continue;
    const char *left_on = report_table_text(roster, i, left);
    if (left_on[0] == '\0' || strcmp(left_on, as_of) >= 0)
      return report_table_text(roster, i, role);
    found = report_table_text(roster, i, role);
  }
  return found;
}

static GHashTable *roster_index(const ReportTable *roster)
{
  GHashTable *rows_by_key =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
  for (guint i = 0; i < roster->rows->len; i++) {
    char *key = report_ambassadors_membership_key(roster, i);
    GArray *rows = g_hash_table_lookup(rows_by_key, key);
    if (rows == NULL) {
      rows = g_array_new(FALSE, FALSE, sizeof(guint));
      g_hash_table_insert(rows_by_key, key, rows);
    } else {
      g_free(key);
    }
    g_array_append_val(rows, i);
  }
  return rows_by_key;
}

static void assign_roles(GArray *result, const ReportData *data, const char *month)
{
  g_autofree char *as_of = report_month_last_day(month);
  g_autoptr(GHashTable) rows_by_key = roster_index(data->roster);
  for (guint k = 0; k < result->len; k++) {
    ReportAmbassador *a = &g_array_index(result, ReportAmbassador, k);
    g_autofree char *key = report_ambassadors_membership_key(data->person_month, a->row);
    a->role = role_at(data->roster, rows_by_key, key, as_of);
  }
}

static void assign_ranks(GArray *result, const ReportTable *t, const PersonColumns *c)
{
  g_autoptr(GHashTable) done = g_hash_table_new(g_str_hash, g_str_equal);
  g_autofree double *values = g_new(double, result->len + 1);
  g_autofree guint *members = g_new(guint, result->len + 1);
  g_autofree guint *ranks = g_new(guint, result->len + 1);
  for (guint k = 0; k < result->len; k++) {
    const char *program =
        report_table_text(t, g_array_index(result, ReportAmbassador, k).row, c->program);
    if (!g_hash_table_add(done, (gpointer)program))
      continue;
    guint n = 0;
    for (guint j = k; j < result->len; j++) {
      guint row = g_array_index(result, ReportAmbassador, j).row;
      if (strcmp(report_table_text(t, row, c->program), program) != 0)
        continue;
      members[n] = j;
      values[n++] = report_table_number(t, row, c->ssi);
    }
    report_stats_rank_descending(values, n, ranks);
    for (guint m = 0; m < n; m++)
      g_array_index(result, ReportAmbassador, members[m]).rank_in_program = ranks[m];
  }
}

typedef struct {
  const ReportTable *table;
  const PersonColumns *columns;
} SortContext;

typedef struct {
  ReportAmbassador ambassador;
  char *name_key;
} SortEntry;

static int sort_entry_compare(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const SortEntry *x = a;
  const SortEntry *y = b;
  const SortContext *s = user_data;
  int order = strcmp(x->name_key, y->name_key);
  int columns[] = {s->columns->name, s->columns->program, s->columns->team, s->columns->id};
  for (gsize i = 0; order == 0 && i < G_N_ELEMENTS(columns); i++)
    order = strcmp(report_table_text(s->table, x->ambassador.row, columns[i]),
                   report_table_text(s->table, y->ambassador.row, columns[i]));
  return order;
}

static GArray *rows_of_month_sorted(const ReportTable *t, const PersonColumns *c, const char *month)
{
  g_autoptr(GArray) entries = g_array_new(FALSE, TRUE, sizeof(SortEntry));
  for (guint i = 0; i < t->rows->len; i++) {
    if (strcmp(report_table_text(t, i, c->month), month) != 0)
      continue;
    SortEntry entry = {{.row = i, .role = ""}, NULL};
    entry.name_key = report_ambassadors_sort_key(report_table_text(t, i, c->name));
    g_array_append_val(entries, entry);
  }
  SortContext context = {t, c};
  g_array_sort_with_data(entries, sort_entry_compare, &context);
  GArray *result = g_array_sized_new(FALSE, TRUE, sizeof(ReportAmbassador), entries->len);
  for (guint k = 0; k < entries->len; k++) {
    SortEntry *entry = &g_array_index(entries, SortEntry, k);
    g_array_append_val(result, entry->ambassador);
    g_free(entry->name_key);
  }
  return result;
}

GArray *report_ambassadors_build(const ReportData *data, const char *month)
{
  const ReportTable *t = data->person_month;
  PersonColumns c = person_columns(t);
  GArray *result = rows_of_month_sorted(t, &c, month);
  g_autofree char *previous_month = report_month_add(month, -1);
  MembershipIndex index;
  index_build(&index, result, t, &c, month, previous_month);
  for (guint k = 0; k < result->len; k++)
    derive_changes(&g_array_index(result, ReportAmbassador, k), t, &c, &index, k);
  index_clear(&index);
  assign_ranks(result, t, &c);
  assign_roles(result, data, month);
  return result;
}
