/* The score stage's typed view of the normalized files: checks each row's
 * text once, keeps snapshots per ambassador in day order and finds the one
 * that counts for a month. */
#include "score/inputs.h"
#include "common/errors.h"
#include "score/fields.h"

#include <math.h>
#include <string.h>

static void program_free(gpointer data)
{
  ScoreProgram *program = data;
  g_free(program->id);
  score_audience_free(program->audience);
  g_free(program);
}

static void membership_free(gpointer data)
{
  ScoreMembership *membership = data;
  g_free(membership->ambassador_id);
  g_free(membership->name);
  g_free(membership->program);
  g_free(membership->team);
  g_free(membership);
}

static void snapshots_free(gpointer data)
{
  g_array_unref(data);
}

ScoreInputs *score_inputs_new(void)
{
  ScoreInputs *inputs = g_new0(ScoreInputs, 1);
  inputs->programs = g_ptr_array_new_with_free_func(program_free);
  inputs->program_index = g_hash_table_new(g_str_hash, g_str_equal);
  inputs->memberships = g_ptr_array_new_with_free_func(membership_free);
  inputs->snapshots = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, snapshots_free);
  return inputs;
}

void score_inputs_free(ScoreInputs *inputs)
{
  if (inputs == NULL)
    return;
  g_hash_table_unref(inputs->program_index);
  g_ptr_array_unref(inputs->programs);
  g_ptr_array_unref(inputs->memberships);
  g_hash_table_unref(inputs->snapshots);
  g_free(inputs->latest_date);
  g_free(inputs);
}

gboolean score_inputs_add_program(ScoreInputs *inputs, const char *id, const char *start,
                                  const char *end, const char *target_audience, GError **error)
{
  ScoreDay start_day = SCORE_DAY_NONE;
  ScoreDay end_day = SCORE_DAY_NONE;
  if (!score_field_required("program", id, error) ||
      !score_field_day("start", start, FALSE, &start_day, error) ||
      !score_field_day("end", end, TRUE, &end_day, error))
    return FALSE;
  if (g_hash_table_contains(inputs->program_index, id)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "program: \"%s\" appears twice", id);
    return FALSE;
  }
  if (end_day != SCORE_DAY_NONE && end_day < start_day) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "end: expected a day on or after start %s, got \"%s\"", start, end);
    return FALSE;
  }
  ScoreProgram *program = g_new0(ScoreProgram, 1);
  program->id = g_strdup(id);
  program->start_month = score_month_of_day(start_day);
  program->end_month = end_day == SCORE_DAY_NONE ? G_MAXINT : score_month_of_day(end_day);
  program->audience = score_audience_new(target_audience);
  g_ptr_array_add(inputs->programs, program);
  g_hash_table_insert(inputs->program_index, program->id, program);
  return TRUE;
}

const ScoreProgram *score_inputs_find_program(const ScoreInputs *inputs, const char *id)
{
  return g_hash_table_lookup(inputs->program_index, id);
}

gboolean score_inputs_add_membership(ScoreInputs *inputs, const ScoreMembershipText *text,
                                     GError **error)
{
  ScoreDay joined = SCORE_DAY_NONE;
  ScoreDay left = SCORE_DAY_NONE;
  if (!score_field_required("ambassador_id", text->ambassador_id, error) ||
      !score_field_required("program", text->program, error) ||
      !score_field_required("team", text->team, error) ||
      !score_field_day("joined", text->joined, FALSE, &joined, error) ||
      !score_field_day("left", text->left, TRUE, &left, error))
    return FALSE;
  if (score_inputs_find_program(inputs, text->program) == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "program: \"%s\" is not a program of programs.csv", text->program);
    return FALSE;
  }
  ScoreMembership *membership = g_new0(ScoreMembership, 1);
  membership->ambassador_id = g_strdup(text->ambassador_id);
  membership->name = g_strdup(text->name != NULL ? text->name : "");
  membership->program = g_strdup(text->program);
  membership->team = g_strdup(text->team);
  membership->joined = joined;
  membership->left = left;
  g_ptr_array_add(inputs->memberships, membership);
  return TRUE;
}

/* Pillars come all four or none (contract.h); a total is always there. */
static gboolean snapshot_values_read(const ScoreSnapshotText *text, ScoreSnapshot *out,
                                     GError **error)
{
  const char *names[SCORE_PILLARS] = {"brand", "people", "insights", "relationships"};
  const char *pillars[SCORE_PILLARS] = {text->brand, text->people, text->insights,
                                        text->relationships};
  if (!score_field_number("ssi", text->ssi, FALSE, &out->values.ssi, error) ||
      !score_field_number("industry_rank", text->industry_rank, TRUE, &out->industry_rank, error) ||
      !score_field_number("network_rank", text->network_rank, TRUE, &out->network_rank, error))
    return FALSE;
  guint known = 0;
  for (guint i = 0; i < SCORE_PILLARS; i++) {
    if (!score_field_number(names[i], pillars[i], TRUE, &out->values.pillar[i], error))
      return FALSE;
    known += isnan(out->values.pillar[i]) ? 0 : 1;
  }
  if (known != 0 && known != SCORE_PILLARS) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "brand, people, insights, relationships: expected all four or none, got %u", known);
    return FALSE;
  }
  return TRUE;
}

/* Keeps the array in day order; ingest writes snapshots sorted, so this
 * is nearly always an append. */
static gboolean snapshots_insert(GArray *list, const ScoreSnapshot *snapshot)
{
  guint at = list->len;
  while (at > 0 && g_array_index(list, ScoreSnapshot, at - 1).day > snapshot->day)
    at--;
  if (at > 0 && g_array_index(list, ScoreSnapshot, at - 1).day == snapshot->day) {
    g_array_index(list, ScoreSnapshot, at - 1) = *snapshot;
    return FALSE;
  }
  g_array_insert_val(list, at, *snapshot);
  return TRUE;
}

gboolean score_inputs_add_snapshot(ScoreInputs *inputs, const ScoreSnapshotText *text,
                                   GError **error)
{
  ScoreSnapshot snapshot = {0};
  if (!score_field_required("ambassador_id", text->ambassador_id, error) ||
      !score_field_day("date", text->date, FALSE, &snapshot.day, error) ||
      !snapshot_values_read(text, &snapshot, error))
    return FALSE;
  GArray *list = g_hash_table_lookup(inputs->snapshots, text->ambassador_id);
  if (list == NULL) {
    list = g_array_new(FALSE, FALSE, sizeof(ScoreSnapshot));
    g_hash_table_insert(inputs->snapshots, g_strdup(text->ambassador_id), list);
  }
  if (snapshots_insert(list, &snapshot))
    inputs->snapshot_count++;
  return TRUE;
}

const ScoreSnapshot *score_inputs_latest_snapshot(const ScoreInputs *inputs,
                                                  const char *ambassador_id, ScoreDay first,
                                                  ScoreDay last)
{
  GArray *list = g_hash_table_lookup(inputs->snapshots, ambassador_id);
  if (list == NULL)
    return NULL;
  /* Binary search for the first snapshot after last. */
  guint low = 0;
  guint high = list->len;
  while (low < high) {
    guint mid = low + (high - low) / 2;
    if (g_array_index(list, ScoreSnapshot, mid).day <= last)
      low = mid + 1;
    else
      high = mid;
  }
  if (low == 0)
    return NULL;
  const ScoreSnapshot *found = &g_array_index(list, ScoreSnapshot, low - 1);
  return found->day >= first ? found : NULL;
}
