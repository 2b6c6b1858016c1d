/* Builds the person-month rows from the memberships, fills what LinkedIn
 * reported and resolves the effective SSI and its band. Estimates and
 * activity are filled into the same rows by their own steps. */
#include "score/person_month.h"

#include <math.h>
#include <string.h>

static const ScoreSsi ssi_unknown = {NAN, {NAN, NAN, NAN, NAN}};

/* Active at the month's end, like a headcount (model.md). */
static gboolean membership_active(const ScoreMembership *membership, ScoreMonth month)
{
  ScoreDay as_of = score_month_as_of(month);
  return membership->joined <= as_of &&
         (membership->left == SCORE_DAY_NONE || membership->left >= as_of);
}

static void row_init(ScorePersonMonth *row, const ScoreMembership *membership,
                     const ScoreProgram *program, ScoreMonth month)
{
  memset(row, 0, sizeof(*row));
  row->membership = membership;
  row->month = month;
  row->program_start_month = program->start_month;
  row->reported = ssi_unknown;
  row->industry_rank = NAN;
  row->network_rank = NAN;
  row->estimated = ssi_unknown;
  for (guint i = 0; i < SCORE_ACTIVITIES; i++)
    row->activity[i] = SCORE_COUNT_UNKNOWN;
  row->effective = ssi_unknown;
  row->source = SCORE_USED_NONE;
  row->band = SCORE_BAND_NONE;
}

/* The months a membership can have rows in. No month before the one the
 * member joined in can be active. */
static void membership_months(const ScoreMembership *membership, const ScoreProgram *program,
                              ScoreMonth report_month, ScoreMonth *first, ScoreMonth *last)
{
  *first = MAX(program->start_month, score_month_of_day(membership->joined));
  *last = MIN(program->end_month, report_month);
}

static void membership_add_rows(GArray *rows, const ScoreMembership *membership,
                                const ScoreProgram *program, ScoreMonth report_month)
{
  ScoreMonth first = 0;
  ScoreMonth last = 0;
  membership_months(membership, program, report_month, &first, &last);
  for (ScoreMonth month = first; month <= last; month++) {
    if (!membership_active(membership, month))
      continue;
    ScorePersonMonth row;
    row_init(&row, membership, program, month);
    g_array_append_val(rows, row);
  }
}

/* Room for every row at once: rows are large and many. */
static guint rows_at_most(const ScoreInputs *inputs, ScoreMonth report_month)
{
  gsize n = 0;
  for (guint i = 0; i < inputs->memberships->len; i++) {
    const ScoreMembership *membership = g_ptr_array_index(inputs->memberships, i);
    const ScoreProgram *program = score_inputs_find_program(inputs, membership->program);
    if (program == NULL)
      continue;
    ScoreMonth first = 0;
    ScoreMonth last = 0;
    membership_months(membership, program, report_month, &first, &last);
    n += last >= first ? (gsize)(last - first) + 1 : 0;
  }
  return (guint)MIN(n, G_MAXUINT / 2);
}

static gint membership_compare(gconstpointer a, gconstpointer b)
{
  const ScoreMembership *x = *(const ScoreMembership *const *)a;
  const ScoreMembership *y = *(const ScoreMembership *const *)b;
  int c = strcmp(x->ambassador_id, y->ambassador_id);
  return c != 0 ? c : strcmp(x->program, y->program);
}

static gint row_month_compare(gconstpointer a, gconstpointer b, gpointer data)
{
  (void)data;
  ScoreMonth x = ((const ScorePersonMonth *)a)->month;
  ScoreMonth y = ((const ScorePersonMonth *)b)->month;
  return (x > y) - (x < y);
}

/* Rows sorted by ambassador_id, program and month, ties in roster order.
 * The memberships are sorted rather than the rows, which are many and
 * large: each membership's rows come in month order, so only memberships
 * of the same ambassador and program (overlapping or repeated ones) need
 * their rows merged, by a stable sort of their own. */
GArray *score_person_months_build(const ScoreInputs *inputs, ScoreMonth report_month)
{
  g_autoptr(GPtrArray) order = g_ptr_array_sized_new(inputs->memberships->len);
  for (guint i = 0; i < inputs->memberships->len; i++)
    g_ptr_array_add(order, g_ptr_array_index(inputs->memberships, i));
  g_ptr_array_sort(order, membership_compare); /* stable */
  GArray *rows =
      g_array_sized_new(FALSE, FALSE, sizeof(ScorePersonMonth), rows_at_most(inputs, report_month));
  for (guint start = 0, end = 0; start < order->len; start = end) {
    guint first_row = rows->len;
    for (end = start;
         end < order->len && membership_compare(&order->pdata[start], &order->pdata[end]) == 0;
         end++) {
      const ScoreMembership *membership = order->pdata[end];
      const ScoreProgram *program = score_inputs_find_program(inputs, membership->program);
      if (program != NULL)
        membership_add_rows(rows, membership, program, report_month);
    }
    if (end - start > 1)
      g_qsort_with_data(&g_array_index(rows, ScorePersonMonth, first_row),
                        (gint)(rows->len - first_row), sizeof(ScorePersonMonth), row_month_compare,
                        NULL); /* stable */
  }
  return rows;
}

void score_person_months_add_reported(GArray *rows, const ScoreInputs *inputs)
{
  for (guint i = 0; i < rows->len; i++) {
    ScorePersonMonth *row = &g_array_index(rows, ScorePersonMonth, i);
    const ScoreSnapshot *snapshot = score_inputs_latest_snapshot(
        inputs, row->membership->ambassador_id, score_month_first_day(row->month),
        score_month_as_of(row->month));
    if (snapshot == NULL)
      continue;
    row->reported = snapshot->values;
    row->industry_rank = snapshot->industry_rank;
    row->network_rank = snapshot->network_rank;
  }
}

ScoreBand score_band_of(double ssi, const PipelineConfig *config)
{
  if (isnan(ssi))
    return SCORE_BAND_NONE;
  if (ssi < config->band_mid_from)
    return SCORE_BAND_LOW;
  if (ssi < config->band_good_from)
    return SCORE_BAND_MID;
  return SCORE_BAND_GOOD;
}

/* The source a row uses; its pillars come along with its total. */
static ScoreSourceUsed source_choose(const ScorePersonMonth *row, SsiSource preference)
{
  gboolean has_reported = !isnan(row->reported.ssi);
  gboolean has_estimated = !isnan(row->estimated.ssi);
  switch (preference) {
  case SSI_SOURCE_REPORTED:
    return has_reported ? SCORE_USED_REPORTED : SCORE_USED_NONE;
  case SSI_SOURCE_ESTIMATED:
    return has_estimated ? SCORE_USED_ESTIMATED : SCORE_USED_NONE;
  case SSI_SOURCE_PREFER_REPORTED:
  default:
    if (has_reported)
      return SCORE_USED_REPORTED;
    return has_estimated ? SCORE_USED_ESTIMATED : SCORE_USED_NONE;
  }
}

void score_person_months_resolve(GArray *rows, const PipelineConfig *config)
{
  for (guint i = 0; i < rows->len; i++) {
    ScorePersonMonth *row = &g_array_index(rows, ScorePersonMonth, i);
    row->source = source_choose(row, config->ssi_source);
    if (row->source == SCORE_USED_REPORTED)
      row->effective = row->reported;
    else if (row->source == SCORE_USED_ESTIMATED)
      row->effective = row->estimated;
    else
      row->effective = ssi_unknown;
    row->band = score_band_of(row->effective.ssi, config);
  }
}

const char *score_band_name(ScoreBand band)
{
  switch (band) {
  case SCORE_BAND_LOW:
    return "low";
  case SCORE_BAND_MID:
    return "mid";
  case SCORE_BAND_GOOD:
    return "good";
  case SCORE_BAND_NONE:
  default:
    return NULL;
  }
}

const char *score_source_used_name(ScoreSourceUsed source)
{
  switch (source) {
  case SCORE_USED_REPORTED:
    return "reported";
  case SCORE_USED_ESTIMATED:
    return "estimated";
  case SCORE_USED_NONE:
  default:
    return "none";
  }
}

gboolean score_person_months_first_month(const GArray *rows, ScoreMonth *out)
{
  if (rows->len == 0)
    return FALSE;
  ScoreMonth first = G_MAXINT;
  for (guint i = 0; i < rows->len; i++)
    first = MIN(first, g_array_index(rows, ScorePersonMonth, i).month);
  *out = first;
  return TRUE;
}
