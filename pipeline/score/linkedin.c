/* Collects one ambassador's rows of the normalized LinkedIn and posts files,
 * checked and typed, keeping only what the estimate and the activity use. */
#include "score/linkedin.h"
#include "common/errors.h"
#include "score/fields.h"

#include <string.h>

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
  data->text = g_string_chunk_new(16 * 1024);
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

void score_linkedin_free(ScoreLinkedin *data)
{
  if (data == NULL)
    return;
  g_array_unref(data->connections);
  g_array_unref(data->invitations);
  g_array_unref(data->messages);
  g_array_unref(data->shares);
  g_array_unref(data->comments);
  g_array_unref(data->reactions);
  g_array_unref(data->endorsements);
  g_array_unref(data->posts);
  g_string_chunk_free(data->text);
  g_free(data);
}

/* Row texts live as long as data: one chunk instead of an allocation per
 * field of every connection, invitation and message. */
static char *text_copy(ScoreLinkedin *data, const char *text)
{
  return g_string_chunk_insert(data->text, text != NULL ? text : "");
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
  ScoreConnection connection = {dated.day,
                                text_copy(data, text->first_name),
                                text_copy(data, text->last_name),
                                text_copy(data, text->url),
                                text_copy(data, text->company),
                                text_copy(data, text->position),
                                dated.count};
  g_array_append_val(data->connections, connection);
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
  ScoreInvitation invitation = {dated.day, text_copy(data, text->to),
                                text_copy(data, text->invitee_url), dated.count};
  g_array_append_val(data->invitations, invitation);
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
  ScoreMessage message = {dated.day, text_copy(data, text->from), dated.count};
  g_array_append_val(data->messages, message);
  return TRUE;
}

gboolean score_linkedin_add_dated(ScoreLinkedin *data, ScoreDatedKind kind, const char *date,
                                  const char *count, GError **error)
{
  ScoreDatedCount dated = {0};
  if (!dated_count_read(date, count, &dated, error))
    return FALSE;
  GArray *list = kind == SCORE_DATED_SHARES     ? data->shares
                 : kind == SCORE_DATED_COMMENTS ? data->comments
                                                : data->reactions;
  g_array_append_val(list, dated);
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
    g_array_append_val(data->endorsements, dated);
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
  data->first_name = text_copy(data, text->first_name);
  data->last_name = text_copy(data, text->last_name);
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
  g_array_append_val(data->posts, post);
  return TRUE;
}

gboolean score_linkedin_covers(const ScoreLinkedin *data, ScoreMonth month)
{
  return data->has_export && data->covered_until + 6 >= score_month_as_of(month);
}
