/* Builds the Leaderboard from the Ambassadors sheet's rows of the report
 * month: consent comes from roster.csv (report/privacy.c), ranks from
 * report/stats.c, so the ties rule is the same as the rank in program. */
#include "report/leaderboard.h"

#include "report/ambassadors.h"
#include "report/privacy.h"
#include "report/stats.h"

#include <math.h>
#include <string.h>

/* For each consenting ambassador, the index into ambassadors of the row with
 * the highest SSI; the first in name order wins an equal SSI. */
static GArray *best_rows(const ReportData *data, const GArray *ambassadors)
{
  const ReportTable *t = data->person_month;
  int id_column = report_table_column(t, "ambassador_id");
  int ssi_column = report_table_column(t, "ssi");
  g_autoptr(GHashTable) consenting = report_privacy_consenting_ids(data->roster);
  g_autoptr(GHashTable) position = g_hash_table_new(g_str_hash, g_str_equal);
  GArray *best = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint k = 0; k < ambassadors->len; k++) {
    guint row = g_array_index(ambassadors, ReportAmbassador, k).row;
    const char *id = report_table_text(t, row, id_column);
    double ssi = report_table_number(t, row, ssi_column);
    if (!isfinite(ssi) || !g_hash_table_contains(consenting, id))
      continue;
    gpointer found = NULL;
    if (!g_hash_table_lookup_extended(position, id, NULL, &found)) {
      g_hash_table_insert(position, (gpointer)id, GUINT_TO_POINTER(best->len));
      g_array_append_val(best, k);
      continue;
    }
    guint *current = &g_array_index(best, guint, GPOINTER_TO_UINT(found));
    guint current_row = g_array_index(ambassadors, ReportAmbassador, *current).row;
    if (ssi > report_table_number(t, current_row, ssi_column))
      *current = k;
  }
  return best;
}

static int entry_compare(gconstpointer a, gconstpointer b)
{
  const ReportLeaderboardEntry *x = a;
  const ReportLeaderboardEntry *y = b;
  return (x->rank > y->rank) - (x->rank < y->rank);
}

GArray *report_leaderboard_build(const ReportData *data, const GArray *ambassadors, guint size)
{
  g_autoptr(GArray) best = best_rows(data, ambassadors);
  int ssi_column = report_table_column(data->person_month, "ssi");
  g_autofree double *values = g_new(double, best->len + 1);
  g_autofree guint *ranks = g_new(guint, best->len + 1);
  for (guint k = 0; k < best->len; k++) {
    guint row = g_array_index(ambassadors, ReportAmbassador, g_array_index(best, guint, k)).row;
    values[k] = report_table_number(data->person_month, row, ssi_column);
  }
  report_stats_rank_descending(values, best->len, ranks);
  GArray *entries = g_array_new(FALSE, FALSE, sizeof(ReportLeaderboardEntry));
  for (guint k = 0; k < best->len; k++) {
    if (ranks[k] > size)
      continue;
    const ReportAmbassador *a =
        &g_array_index(ambassadors, ReportAmbassador, g_array_index(best, guint, k));
    ReportLeaderboardEntry entry = {a->row, ranks[k], report_stats_round2(a->change_previous)};
    g_array_append_val(entries, entry);
  }
  /* Stable, so equal ranks keep the name order of the Ambassadors sheet. */
  g_array_sort(entries, entry_compare);
  return entries;
}
