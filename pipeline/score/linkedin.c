/* Collects one ambassador's rows of the normalized LinkedIn and posts files,
 * checked and typed, keeping only what the estimate and the activity use. */
#include "score/linkedin.h"
#include "common/errors.h"
#include "score/fields.h"

#include <string.h>

/* Texts are copied into blocks of this size (or one text's, if longer). */
enum { TEXT_BLOCK = 8192, TEXTS_MAX = 5 };

static GArray *array_new(gsize size, GDestroyNotify clear)
{
  GArray *array = g_array_new(FALSE, FALSE, size);
  if (clear != NULL)
    g_array_set_clear_func(array, clear);
  return array;
}

ScoreLinkedin *score_linkedin_new(void)
{
  ScoreLinkedin *data = g_new0(ScoreLinkedin, 1);
  data->connections = array_new(sizeof(ScoreConnection), NULL);
  data->invitations = array_new(sizeof(ScoreInvitation), NULL);
  data->messages = array_new(sizeof(ScoreMessage), NULL);
  data->shares = array_new(sizeof(ScoreDatedCount), NULL);
  data->comments = array_new(sizeof(ScoreDatedCount), NULL);
  data->reactions = array_new(sizeof(ScoreDatedCount), NULL);
  data->endorsements = array_new(sizeof(ScoreDatedCount), NULL);
  data->posts = array_new(sizeof(ScorePost), NULL);
  return data;
}

ScoreLinkedin *score_linkedin_new_part(guint rows_hint)
{
  ScoreLinkedin *data = g_new0(ScoreLinkedin, 1);
  data->rows_hint = rows_hint;
  return data;
}

void score_linkedin_free(ScoreLinkedin *data)
{
  if (data == NULL)
    return;
  g_clear_pointer(&data->connections, g_array_unref);
  g_clear_pointer(&data->invitations, g_array_unref);
  g_clear_pointer(&data->messages, g_array_unref);
  g_clear_pointer(&data->shares, g_array_unref);
  g_clear_pointer(&data->comments, g_array_unref);
  g_clear_pointer(&data->reactions, g_array_unref);
  g_clear_pointer(&data->endorsements, g_array_unref);
  g_clear_pointer(&data->posts, g_array_unref);
  g_clear_pointer(&data->text, g_ptr_array_unref);
  g_clear_pointer(&data->parts, g_ptr_array_unref);
  g_free(data);
}

/* The array *rows, made when a part gets its first row of the kind. */
static GArray *rows_of(ScoreLinkedin *data, GArray **rows, gsize size)
{
  if (*rows == NULL)
    *rows = g_array_sized_new(FALSE, FALSE, (guint)size, data->rows_hint);
  return *rows;
}

/* The arrays of rows, in the same order for any two ScoreLinkedin. */
static void arrays_of(ScoreLinkedin *data, GArray **arrays[8])
{
  GArray **all[8] = {&data->connections, &data->invitations, &data->messages,     &data->shares,
                     &data->comments,    &data->reactions,   &data->endorsements, &data->posts};
  memcpy(arrays, all, sizeof all);
}

/* Each normalized file fills one kind of rows: most merges hand an array
 * over whole. */
void score_linkedin_merge(ScoreLinkedin *data, ScoreLinkedin *from)
{
  GArray **into[8];
  GArray **rows[8];
  arrays_of(data, into);
  arrays_of(from, rows);
  for (guint i = 0; i < G_N_ELEMENTS(rows); i++) {
    if (*rows[i] == NULL || (*rows[i])->len == 0)
      continue;
    if ((*into[i])->len == 0) {
      GArray *empty = *into[i];
      *into[i] = *rows[i];
      *rows[i] = empty;
      continue;
    }
    g_array_append_vals(*into[i], (*rows[i])->data, (*rows[i])->len);
  }
  if (from->has_export) {
    data->has_export = TRUE;
    data->covered_until = from->covered_until;
    data->checkpoints_met = from->checkpoints_met;
    data->first_name = from->first_name;
    data->last_name = from->last_name;
  }
  if (data->parts == NULL)
    data->parts = g_ptr_array_new_with_free_func((GDestroyNotify)score_linkedin_free);
  g_ptr_array_add(data->parts, from);
}

/* Row texts live as long as data: a few blocks instead of an allocation per
 * field of every connection, invitation and message. */
static char *text_reserve(ScoreLinkedin *data, gsize size)
{
  if (size > data->text_left) {
    gsize block = MAX(size, TEXT_BLOCK);
    if (data->text == NULL)
      data->text = g_ptr_array_new_with_free_func(g_free);
    data->text_free = g_malloc(block);
    data->text_left = block;
    g_ptr_array_add(data->text, data->text_free);
  }
  char *at = data->text_free;
  data->text_free += size;
  data->text_left -= size;
  return at;
}

/* Copies n texts (NULL as "") into out with one reservation: every field
 * of every connection row is copied. */
static void texts_copy(ScoreLinkedin *data, const char *const *texts, char **out, guint n)
{
  gsize lengths[TEXTS_MAX];
  gsize total = 0;
  g_assert(n <= TEXTS_MAX);
  for (guint i = 0; i < n; i++) {
    lengths[i] = texts[i] != NULL ? strlen(texts[i]) : 0;
    total += lengths[i] + 1;
  }
  char *at = text_reserve(data, total);
  for (guint i = 0; i < n; i++) {
    out[i] = at;
    if (lengths[i] > 0)
      memcpy(at, texts[i], lengths[i]);
    at[lengths[i]] = '\0';
    at += lengths[i] + 1;
  }
}

static gboolean dated_count_read(const char *date, const char *count, ScoreDatedCount *out,
                                 GError **error)
{
  return score_field_day("date", date, FALSE, &out->day, error) &&
         score_field_count("count", count, FALSE, &out->count, error);
}

gboolean score_linkedin_add_connection(ScoreLinkedin *data, const ScoreConnectionText *text,
                                       GError **error)
{
  ScoreDatedCount dated = {0};
  if (!dated_count_read(text->date, text->count, &dated, error))
    return FALSE;
  const char *texts[] = {text->first_name, text->last_name, text->url, text->company,
                         text->position};
  char *copies[G_N_ELEMENTS(texts)];
  texts_copy(data, texts, copies, G_N_ELEMENTS(texts));
  ScoreConnection connection = {dated.day, copies[0], copies[1],  copies[2],
                                copies[3], copies[4], dated.count};
  g_array_append_val(rows_of(data, &data->connections, sizeof connection), connection);
  return TRUE;
}

gboolean score_linkedin_add_invitation(ScoreLinkedin *data, const ScoreInvitationText *text,
                                       GError **error)
{
  ScoreDatedCount dated = {0};
  if (!dated_count_read(text->date, text->count, &dated, error))
    return FALSE;
  gboolean outgoing = g_strcmp0(text->direction, "OUTGOING") == 0;
  if (!outgoing && g_strcmp0(text->direction, "INCOMING") != 0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "direction: expected INCOMING or OUTGOING, got \"%s\"",
                text->direction != NULL ? text->direction : "");
    return FALSE;
  }
  if (!outgoing)
    return TRUE;
  const char *texts[] = {text->to, text->invitee_url};
  char *copies[G_N_ELEMENTS(texts)];
  texts_copy(data, texts, copies, G_N_ELEMENTS(texts));
  ScoreInvitation invitation = {dated.day, copies[0], copies[1], dated.count};
  g_array_append_val(rows_of(data, &data->invitations, sizeof invitation), invitation);
  return TRUE;
}

gboolean score_linkedin_add_message(ScoreLinkedin *data, const ScoreMessageText *text,
                                    GError **error)
{
  ScoreDatedCount dated = {0};
  if (!dated_count_read(text->date, text->count, &dated, error))
    return FALSE;
  gboolean draft = g_strcmp0(text->draft, "yes") == 0;
  if (!draft && g_strcmp0(text->draft, "no") != 0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "draft: expected yes or no, got \"%s\"", text->draft != NULL ? text->draft : "");
    return FALSE;
  }
  if (draft)
    return TRUE;
  ScoreMessage message = {dated.day, NULL, dated.count};
  texts_copy(data, &text->from, &message.from, 1);
  g_array_append_val(rows_of(data, &data->messages, sizeof message), message);
  return TRUE;
}

gboolean score_linkedin_add_dated(ScoreLinkedin *data, ScoreDatedKind kind, const char *date,
                                  const char *count, GError **error)
{
  ScoreDatedCount dated = {0};
  if (!dated_count_read(date, count, &dated, error))
    return FALSE;
  GArray **list = kind == SCORE_DATED_SHARES     ? &data->shares
                  : kind == SCORE_DATED_COMMENTS ? &data->comments
                                                 : &data->reactions;
  g_array_append_val(rows_of(data, list, sizeof dated), dated);
  return TRUE;
}

/* Status as exported; only ACCEPTED endorsements count (inputs.md). */
gboolean score_linkedin_add_endorsement(ScoreLinkedin *data, const char *date, const char *status,
                                        const char *count, GError **error)
{
  ScoreDatedCount dated = {0};
  if (!dated_count_read(date, count, &dated, error))
    return FALSE;
  if (g_strcmp0(status, "ACCEPTED") == 0)
    g_array_append_val(rows_of(data, &data->endorsements, sizeof dated), dated);
  return TRUE;
}

/* The eight checkpoints of model.md, each met or not. */
static gboolean checkpoints_count(const ScoreProfileText *text, guint *met, GError **error)
{
  const char *flag_columns[] = {"headline_set",     "summary_set",      "industry_set",
                                "geo_location_set", "current_position", "websites_or_twitter_set"};
  const char *flags[] = {text->headline_set,     text->summary_set,
                         text->industry_set,     text->geo_location_set,
                         text->current_position, text->websites_or_twitter_set};
  *met = 0;
  for (guint i = 0; i < G_N_ELEMENTS(flags); i++) {
    gboolean set = FALSE;
    if (!score_field_flag(flag_columns[i], flags[i], &set, error))
      return FALSE;
    *met += set ? 1 : 0;
  }
  gint64 skills = 0;
  gint64 recommendations = 0;
  if (!score_field_count("skills", text->skills, FALSE, &skills, error) ||
      !score_field_count("visible_recommendations", text->visible_recommendations, FALSE,
                         &recommendations, error))
    return FALSE;
  *met += (skills >= 5 ? 1 : 0) + (recommendations >= 1 ? 1 : 0);
  return TRUE;
}

gboolean score_linkedin_set_profile(ScoreLinkedin *data, const ScoreProfileText *text,
                                    GError **error)
{
  ScoreDay covered_until = SCORE_DAY_NONE;
  guint met = 0;
  /* Empty for exports with no date in their names and no dated event:
   * SCORE_DAY_NONE, which covers no month. */
  if (!score_field_day("covered_until", text->covered_until, TRUE, &covered_until, error) ||
      !checkpoints_count(text, &met, error))
    return FALSE;
  data->has_export = TRUE;
  data->covered_until = covered_until;
  data->checkpoints_met = met;
  const char *texts[] = {text->first_name, text->last_name};
  char *copies[G_N_ELEMENTS(texts)];
  texts_copy(data, texts, copies, G_N_ELEMENTS(texts));
  data->first_name = copies[0];
  data->last_name = copies[1];
  return TRUE;
}

gboolean score_linkedin_add_post(ScoreLinkedin *data, const ScorePostText *text, GError **error)
{
  const char *columns[SCORE_POST_METRICS] = {"impressions", "reactions", "comments", "reposts",
                                             "clicks"};
  const char *values[SCORE_POST_METRICS] = {text->impressions, text->reactions, text->comments,
                                            text->reposts, text->clicks};
  ScorePost post = {0};
  if (!score_field_day("date", text->date, FALSE, &post.day, error))
    return FALSE;
  for (guint m = 0; m < SCORE_POST_METRICS; m++)
    if (!score_field_count(columns[m], values[m], TRUE, &post.metric[m], error))
      return FALSE;
  g_array_append_val(rows_of(data, &data->posts, sizeof post), post);
  return TRUE;
}

gboolean score_linkedin_covers(const ScoreLinkedin *data, ScoreMonth month)
{
  return data->has_export && data->covered_until + 6 >= score_month_as_of(month);
}
