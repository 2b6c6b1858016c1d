/* Reads the .json captures in ssi/ (ssi_json.h). The file name carries who and
 * when; the JSON carries LinkedIn's numbers under its own names, which are
 * matched by name because their order is not fixed. */
#include "ingest/ssi_json.h"
#include "ingest/dates.h"
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A capture is a few kilobytes; anything far larger is not one. */
#define SSI_JSON_MAX_BYTES (16 * 1024 * 1024)
#define SSI_JSON_BAD_NAME "file name is not <ambassador_id>_<YYYY-MM-DD>.json"
/* A capture nests four levels; json-glib recurses once per level, so deep
 * nesting would exhaust the stack. */
#define SSI_JSON_MAX_DEPTH 64

/* One capture being read: the reject line and excerpt go with it. */
typedef struct {
  const IngestSsiSink *sink;
  IngestFileEntry *entry;
  char *text;
  gsize length;
  guint64 line;
} SsiCapture;

typedef enum { JSON_NUMBER_OK, JSON_NUMBER_ABSENT, JSON_NUMBER_BAD } JsonNumberResult;

static const struct {
  const char *pillar;
  gsize offset;
} pillar_fields[] = {
    {"PROFESSIONAL_BRAND", G_STRUCT_OFFSET(IngestSnapshot, brand)},
    {"FIND_RIGHT_PEOPLE", G_STRUCT_OFFSET(IngestSnapshot, people)},
    {"INSIGHT_ENGAGEMENT", G_STRUCT_OFFSET(IngestSnapshot, insights)},
    {"STRONG_RELATIONSHIP", G_STRUCT_OFFSET(IngestSnapshot, relationships)},
};

static const struct {
  const char *group_type;
  gsize offset;
} rank_fields[] = {
    {"INDUSTRY", G_STRUCT_OFFSET(IngestSnapshot, industry_rank)},
    {"NETWORK", G_STRUCT_OFFSET(IngestSnapshot, network_rank)},
};

static void capture_reject(SsiCapture *capture, const char *reason)
{
  ingest_ledger_reject(capture->sink->ledger, capture->entry, capture->line, reason,
                       capture->text != NULL ? capture->text : "");
  ingest_ledger_note(capture->entry, reason);
}

/* "<id>_<YYYY-MM-DD>.json", split at the last '_'. */
static gboolean capture_parse_name(const char *file, char **id, GDate *date)
{
  g_autofree char *base = g_path_get_basename(file);
  gsize len = strlen(base);
  if (len < 5 || g_ascii_strcasecmp(base + len - 5, ".json") != 0)
    return FALSE;
  base[len - 5] = '\0';
  char *sep = strrchr(base, '_');
  if (sep == NULL || sep == base || strlen(sep + 1) != 10)
    return FALSE;
  *sep = '\0';
  if (!ingest_date_parse(sep + 1, DATE_FORM_ISO, date, NULL))
    return FALSE;
  *id = g_strdup(base);
  return TRUE;
}

static JsonNumberResult json_member_number(JsonObject *object, const char *member, double *out)
{
  JsonNode *node = object != NULL ? json_object_get_member(object, member) : NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL(node))
    return JSON_NUMBER_ABSENT;
  GType type = JSON_NODE_HOLDS_VALUE(node) ? json_node_get_value_type(node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return JSON_NUMBER_BAD;
  *out = json_node_get_double(node);
  return isfinite(*out) ? JSON_NUMBER_OK : JSON_NUMBER_BAD;
}

static JsonObject *json_member_object(JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member(object, member);
  return node != NULL && JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : NULL;
}

static JsonArray *json_member_array(JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member(object, member) : NULL;
  return node != NULL && JSON_NODE_HOLDS_ARRAY(node) ? json_node_get_array(node) : NULL;
}

static const char *json_member_text(JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member(object, member) : NULL;
  if (node == NULL || json_node_get_value_type(node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string(node);
}

static double *snapshot_field(IngestSnapshot *s, gsize offset)
{
  return (double *)(void *)((char *)s + offset);
}

/* subScores, matched by pillar name; unknown pillars are ignored. */
static char *capture_read_pillars(JsonObject *member_score, IngestSnapshot *s)
{
  JsonArray *subs = json_member_array(member_score, "subScores");
  guint n = subs != NULL ? json_array_get_length(subs) : 0;
  for (guint i = 0; i < n; i++) {
    JsonNode *node = json_array_get_element(subs, i);
    JsonObject *sub = JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : NULL;
    const char *pillar = json_member_text(sub, "pillar");
    for (gsize p = 0; pillar != NULL && p < G_N_ELEMENTS(pillar_fields); p++) {
      if (strcmp(pillar, pillar_fields[p].pillar) != 0)
        continue;
      double *target = snapshot_field(s, pillar_fields[p].offset);
      if (json_member_number(sub, "score", target) == JSON_NUMBER_BAD)
        return g_strdup_printf("not a number: score of %s", pillar);
    }
  }
  return NULL;
}

/* groupScore entries INDUSTRY and NETWORK give the ranks; others (TEAM) are
 * ignored. */
static char *capture_read_ranks(JsonObject *root, IngestSnapshot *s)
{
  JsonArray *groups = json_member_array(root, "groupScore");
  guint n = groups != NULL ? json_array_get_length(groups) : 0;
  for (guint i = 0; i < n; i++) {
    JsonNode *node = json_array_get_element(groups, i);
    JsonObject *group = JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : NULL;
    const char *type = json_member_text(group, "groupType");
    for (gsize r = 0; type != NULL && r < G_N_ELEMENTS(rank_fields); r++) {
      if (strcmp(type, rank_fields[r].group_type) != 0)
        continue;
      double *target = snapshot_field(s, rank_fields[r].offset);
      if (json_member_number(group, "rank", target) == JSON_NUMBER_BAD)
        return g_strdup_printf("not a number: rank of %s", type);
    }
  }
  return NULL;
}

static char *capture_read_values(JsonNode *root_node, IngestSnapshot *s)
{
  JsonObject *root = root_node != NULL && JSON_NODE_HOLDS_OBJECT(root_node)
                         ? json_node_get_object(root_node)
                         : NULL;
  JsonObject *member_score = root != NULL ? json_member_object(root, "memberScore") : NULL;
  if (member_score == NULL)
    return g_strdup("missing memberScore: not an SSI page capture");
  if (json_member_number(member_score, "overall", &s->ssi) == JSON_NUMBER_BAD)
    return g_strdup("not a number: overall");
  char *reason = capture_read_pillars(member_score, s);
  return reason != NULL ? reason : capture_read_ranks(root, s);
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: what": keep the line for
 * rejects.csv and the words for people. */
static void capture_reject_syntax(SsiCapture *capture, const char *message)
{
  unsigned line = 0, column = 0;
  int consumed = 0;
  const char *what = message;
  if (sscanf(message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0) {
    what = message + consumed;
    capture->line = line > 0 ? line : 1;
  }
  if (g_str_has_prefix(what, "Parse error: "))
    what += strlen("Parse error: ");
  g_autofree char *reason = g_strdup_printf("not JSON: %s", what);
  capture_reject(capture, reason);
}

/* FALSE, with the line where it happens, when arrays and objects nest
 * deeper than SSI_JSON_MAX_DEPTH (brackets inside strings do not count). */
static gboolean json_depth_ok(const char *text, gsize length, guint64 *line)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  *line = 1;
  for (gsize i = 0; i < length; i++) {
    char c = text[i];
    if (c == '\n')
      (*line)++;
    else if (in_string && c == '\\')
      i++;
    else if (c == '"')
      in_string = !in_string;
    else if (!in_string && (c == '{' || c == '[') && ++depth > SSI_JSON_MAX_DEPTH)
      return FALSE;
    else if (!in_string && (c == '}' || c == ']') && depth > 0)
      depth--;
  }
  return TRUE;
}

static gsize json_skip_space(const char *text, gsize length, gsize i, guint64 *line)
{
  for (; i < length && g_ascii_isspace(text[i]); i++)
    if (text[i] == '\n')
      (*line)++;
  return i;
}

/* Just past the object, array or string starting at i; length when it does
 * not end. */
static gsize json_skip_nested(const char *text, gsize length, gsize i, guint64 *line)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  for (; i < length; i++) {
    char c = text[i];
    if (c == '\n')
      (*line)++;
    else if (in_string && c == '\\')
      i++;
    else if (c == '"')
      in_string = !in_string;
    else if (!in_string && (c == '{' || c == '['))
      depth++;
    else if (!in_string && (c == '}' || c == ']') && depth > 0)
      depth--;
    if (!in_string && depth == 0)
      return i + 1;
  }
  return length;
}

/* Just past the number, true, false or null starting at i; i when there is
 * none (json-glib then says what is wrong). */
static gsize json_skip_literal(const char *text, gsize length, gsize i)
{
  gsize end = i;
  while (end < length && text[end] != '\0' &&
         (g_ascii_isalnum(text[end]) || strchr("+-.", text[end]) != NULL))
    end++;
  g_autofree char *word = g_strndup(text + i, end - i);
  char *rest = word;
  if (word[0] == '-' || g_ascii_isdigit(word[0]))
    g_ascii_strtod(word, &rest);
  gboolean literal =
      g_strcmp0(word, "true") == 0 || g_strcmp0(word, "false") == 0 || g_strcmp0(word, "null") == 0;
  return literal || (rest != word && *rest == '\0') ? end : i;
}

/* json-glib 1.6 reads "{...} {...}" or "1 [2]" as one document: it keeps
 * the first value and leaks the rest. FALSE, with the line where it starts
 * and its bracket, when an object or array follows a complete top-level
 * value. */
static gboolean json_single_value(const char *text, gsize length, guint64 *line, char *found)
{
  *line = 1;
  if (!g_utf8_validate_len(text, length, NULL))
    return TRUE; /* json-glib refuses it before reading a value */
  gsize i = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  i = json_skip_space(text, length, i, line);
  if (i == length)
    return TRUE;
  gsize end = strchr("{[\"", text[i]) != NULL && text[i] != '\0'
                  ? json_skip_nested(text, length, i, line)
                  : json_skip_literal(text, length, i);
  if (end == i || end == length)
    return TRUE;
  end = json_skip_space(text, length, end, line);
  *found = end < length ? text[end] : '\0';
  return *found != '{' && *found != '[';
}

static void capture_read(SsiCapture *capture)
{
  g_autofree char *id = NULL;
  GDate date;
  if (!capture_parse_name(capture->entry->file, &id, &date)) {
    capture_reject(capture, SSI_JSON_BAD_NAME);
    return;
  }
  if (!ingest_ssi_sink_knows(capture->sink, id, capture->entry)) {
    capture_reject(capture, "unknown ambassador");
    return;
  }
  guint64 deep_line;
  if (!json_depth_ok(capture->text, capture->length, &deep_line)) {
    capture->line = deep_line;
    capture_reject(capture, "nested more than 64 levels deep: not an SSI page capture");
    return;
  }
  char second;
  if (!json_single_value(capture->text, capture->length, &deep_line, &second)) {
    g_autofree char *reason =
        g_strdup_printf("not JSON: unexpected `%c', expected end of file", second);
    capture->line = deep_line;
    capture_reject(capture, reason);
    return;
  }
  g_autoptr(JsonParser) parser = json_parser_new();
  g_autoptr(GError) local = NULL;
  if (!json_parser_load_from_data(parser, capture->text, (gssize)capture->length, &local)) {
    capture_reject_syntax(capture, local->message);
    return;
  }
  g_autoptr(IngestSnapshot) s = ingest_snapshot_new(id, capture->entry, capture->line);
  s->date = date;
  g_autofree char *reason = capture_read_values(json_parser_get_root(parser), s);
  if (reason != NULL) {
    capture_reject(capture, reason);
    return;
  }
  const char *broken = ingest_ssi_sink_offer(capture->sink, g_steal_pointer(&s), capture->text);
  if (broken != NULL)
    ingest_ledger_note(capture->entry, broken);
}

static gboolean capture_load(SsiCapture *capture, const char *path)
{
  GStatBuf st;
  if (g_stat(path, &st) == 0 && st.st_size > SSI_JSON_MAX_BYTES) {
    capture_reject(capture, "larger than 16 MiB: not an SSI page capture");
    return FALSE;
  }
  g_autoptr(GError) local = NULL;
  if (!g_file_get_contents(path, &capture->text, &capture->length, &local)) {
    g_autofree char *reason = g_strdup_printf("cannot read: %s", local->message);
    capture_reject(capture, reason);
    return FALSE;
  }
  return TRUE;
}

/* Spaces only, after a UTF-8 byte order mark if there is one. */
static gboolean text_is_blank(const char *text, gsize length)
{
  gsize i = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  for (; i < length; i++)
    if (!g_ascii_isspace(text[i]))
      return FALSE;
  return TRUE;
}

gboolean ingest_ssi_json_read(const char *path, IngestFileEntry *entry, const IngestSsiSink *sink,
                              GError **error)
{
  (void)error;
  SsiCapture capture = {.sink = sink, .entry = entry, .line = 1};
  if (capture_load(&capture, path) && !text_is_blank(capture.text, capture.length))
    capture_read(&capture);
  g_free(capture.text);
  return TRUE;
}
