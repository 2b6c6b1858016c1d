/* Loads config/sources.ini and recognises a post export's tool by its header
 * row (sources.h). GKeyFile knows no line numbers, so messages find the line
 * of a section or key in the text. */
#include "ingest/sources.h"
#include "common/errors.h"
#include <stdarg.h>
#include <string.h>

#define SOURCE_GROUP_PREFIX "source "
#define SOURCE_ID_MAX 64
#define UTF8_BOM "\xEF\xBB\xBF"

struct IngestSources {
  GPtrArray *list; /* IngestSource, file order */
};

/* The file being read, for messages. */
typedef struct {
  const char *path;
  const char *text;
  GKeyFile *keys;
} SourcesFile;

static const char *const field_names[POST_N_FIELDS] = {
    [POST_FIELD_AMBASSADOR] = "ambassador", [POST_FIELD_DATE] = "date",
    [POST_FIELD_POST_URL] = "post_url",     [POST_FIELD_IMPRESSIONS] = "impressions",
    [POST_FIELD_REACTIONS] = "reactions",   [POST_FIELD_COMMENTS] = "comments",
    [POST_FIELD_REPOSTS] = "reposts",       [POST_FIELD_CLICKS] = "clicks",
};

/* What the required columns hold, for the message when one is not mapped. */
static const char *const required_meanings[POST_FIRST_METRIC] = {
    [POST_FIELD_AMBASSADOR] = "the ambassador (roster id, e-mail or name)",
    [POST_FIELD_DATE] = "the publish date",
    [POST_FIELD_POST_URL] = "the post link",
};

const char *ingest_post_field_name(PostField field)
{
  return field_names[field];
}

static void source_free(gpointer data)
{
  IngestSource *source = data;
  g_free(source->id);
  for (int f = 0; f < POST_N_FIELDS; f++)
    g_free(source->headers[f]);
  g_free(source);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestSource, source_free)

void ingest_sources_free(IngestSources *sources)
{
  if (sources == NULL)
    return;
  g_ptr_array_unref(sources->list);
  g_free(sources);
}

guint ingest_sources_count(const IngestSources *sources)
{
  return sources->list->len;
}

const IngestSource *ingest_sources_get(const IngestSources *sources, guint index)
{
  return g_ptr_array_index(sources->list, index);
}

/* --- Reading sources.ini ------------------------------------------------ */

/* The section name of a "[...]" line, or NULL for any other line. */
static char *line_group(const char *line)
{
  g_autofree char *trimmed = g_strstrip(g_strdup(line));
  gsize len = strlen(trimmed);
  if (len < 2 || trimmed[0] != '[' || trimmed[len - 1] != ']')
    return NULL;
  return g_strndup(trimmed + 1, len - 2);
}

static gboolean line_is_key(const char *line, const char *key)
{
  const char *eq = strchr(line, '=');
  g_autofree char *name = eq != NULL ? g_strstrip(g_strndup(line, (gsize)(eq - line))) : NULL;
  return name != NULL && name[0] != '#' && strcmp(name, key) == 0;
}

/* Line of the section header (key NULL) or of the key's last occurrence in
 * it (GKeyFile keeps the last); 0 when absent. */
static guint sources_find_line(const char *text, const char *group, const char *key)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  gboolean in_group = FALSE;
  guint found = 0;
  for (guint i = 0; lines[i] != NULL; i++) {
    g_autofree char *name = line_group(lines[i]);
    if (name != NULL) {
      in_group = strcmp(name, group) == 0;
      if (in_group && key == NULL && found == 0)
        found = i + 1;
    } else if (in_group && key != NULL && line_is_key(lines[i], key)) {
      found = i + 1;
    }
  }
  return found;
}

/* Sets "<file>:<line>: [<section>] <key>: <message>" and returns FALSE. */
G_GNUC_PRINTF(5, 6)
static gboolean sources_fail(const SourcesFile *file, const char *group, const char *key,
                             GError **error, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_autofree char *message = g_strdup_vprintf(format, args);
  va_end(args);
  guint line = key != NULL ? sources_find_line(file->text, group, key) : 0;
  if (line == 0)
    line = sources_find_line(file->text, group, NULL);
  g_autofree char *where = line > 0 ? g_strdup_printf(":%u", line) : g_strdup("");
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "%s%s: [%s]%s%s: %s", file->path, where,
              group, key != NULL ? " " : "", key != NULL ? key : "", message);
  return FALSE;
}

/* GKeyFile merges a section written twice; a copied section whose id was
 * not changed would silently mix two tools. */
static gboolean sources_check_unique(const SourcesFile *file, GError **error)
{
  g_auto(GStrv) lines = g_strsplit(file->text, "\n", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; lines[i] != NULL; i++) {
    char *name = line_group(lines[i]);
    if (name == NULL)
      continue;
    if (g_hash_table_contains(seen, name)) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                  "%s:%u: [%s] appears twice: expected each source once (give a copied section "
                  "an id of its own)",
                  file->path, i + 1, name);
      g_free(name);
      return FALSE;
    }
    g_hash_table_add(seen, name);
  }
  return TRUE;
}

static gboolean source_id_valid(const char *id)
{
  if (strlen(id) > SOURCE_ID_MAX || !g_ascii_isalnum(id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum(*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static int field_of_key(const char *key)
{
  for (int f = 0; f < POST_N_FIELDS; f++)
    if (strcmp(key, field_names[f]) == 0)
      return f;
  return -1;
}

static gboolean source_read_keys(const SourcesFile *file, const char *group, IngestSource *source,
                                 GError **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys(file->keys, group, NULL, NULL);
  for (guint k = 0; keys != NULL && keys[k] != NULL; k++) {
    int field = field_of_key(keys[k]);
    if (field < 0)
      return sources_fail(file, group, keys[k], error,
                          "unknown key: expected ambassador, date, post_url, impressions, "
                          "reactions, comments, reposts or clicks");
    g_autofree char *value = g_key_file_get_string(file->keys, group, keys[k], NULL);
    g_autofree char *header = g_strstrip(g_strdup(value != NULL ? value : ""));
    g_free(source->headers[field]);
    /* An empty metric mapping means the tool has no such column. */
    source->headers[field] = header[0] != '\0' ? g_steal_pointer(&header) : NULL;
  }
  for (int f = 0; f < POST_FIRST_METRIC; f++)
    if (source->headers[f] == NULL)
      return sources_fail(file, group, field_names[f], error,
                          "missing: expected the header of the column that holds %s",
                          required_meanings[f]);
  return TRUE;
}

static IngestSource *source_read(const SourcesFile *file, const char *group, GError **error)
{
  if (!g_str_has_prefix(group, SOURCE_GROUP_PREFIX)) {
    sources_fail(file, group, NULL, error, "not a source: expected [source <id>]");
    return NULL;
  }
  g_autofree char *id = g_strstrip(g_strdup(group + strlen(SOURCE_GROUP_PREFIX)));
  if (!source_id_valid(id)) {
    sources_fail(file, group, NULL, error,
                 "bad source id \"%s\": expected letters, digits, '.', '_' and '-', starting "
                 "with a letter or digit",
                 id);
    return NULL;
  }
  g_autoptr(IngestSource) source = g_new0(IngestSource, 1);
  source->id = g_steal_pointer(&id);
  if (!source_read_keys(file, group, source, error))
    return NULL;
  return g_steal_pointer(&source);
}

static gboolean sources_read_groups(IngestSources *sources, const SourcesFile *file, GError **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups(file->keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++) {
    IngestSource *source = source_read(file, groups[i], error);
    if (source == NULL)
      return FALSE;
    g_ptr_array_add(sources->list, source);
  }
  if (sources->list->len == 0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "%s: no source: expected a [source <id>] section per advocacy tool", file->path);
    return FALSE;
  }
  return TRUE;
}

static gboolean sources_parse(IngestSources *sources, const char *path, const char *text,
                              gsize length, GError **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new();
  g_autoptr(GError) local = NULL;
  if (!g_utf8_validate(text, (gssize)length, NULL)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "%s: not UTF-8 text: expected a key file saved as UTF-8", path);
    return FALSE;
  }
  if (!g_key_file_load_from_data(keys, text, length, G_KEY_FILE_NONE, &local)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                "%s: not a key file (%s): expected [source <id>] sections of field = header lines",
                path, local->message);
    return FALSE;
  }
  SourcesFile file = {path, text, keys};
  return sources_check_unique(&file, error) && sources_read_groups(sources, &file, error);
}

IngestSources *ingest_sources_load(const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;
  if (!g_file_get_contents(path, &text, &length, &local)) {
    if (g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE,
                  "%s: missing: expected the column names of each advocacy tool whose exports "
                  "are in posts/ (a [source <id>] section per tool)",
                  path);
    else
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_USAGE, "%s: cannot read: %s", path,
                  local->message);
    return NULL;
  }
  g_autoptr(IngestSources) sources = g_new0(IngestSources, 1);
  sources->list = g_ptr_array_new_with_free_func(source_free);
  if (!sources_parse(sources, path, text, length, error))
    return NULL;
  return g_steal_pointer(&sources);
}

/* --- Recognising a header row ------------------------------------------- */

/* Header names compare trimmed, case-folded, without a stray BOM. */
static char *header_key(const char *text)
{
  if (g_str_has_prefix(text, UTF8_BOM))
    text += strlen(UTF8_BOM);
  g_autofree char *trimmed = g_strstrip(g_strdup(text));
  return g_utf8_casefold(trimmed, -1);
}

/* Fills columns for one source; returns how many mapped headers are present. */
static guint source_map_header(const IngestSource *source, char *const *keys, guint n_keys,
                               int columns[POST_N_FIELDS])
{
  guint present = 0;
  for (int f = 0; f < POST_N_FIELDS; f++) {
    columns[f] = -1;
    if (source->headers[f] == NULL)
      continue;
    g_autofree char *wanted = header_key(source->headers[f]);
    /* The first matching column wins over later duplicates. */
    for (guint k = 0; k < n_keys && columns[f] < 0; k++)
      if (strcmp(keys[k], wanted) == 0)
        columns[f] = (int)k;
    present += columns[f] >= 0;
  }
  return present;
}

static gboolean columns_complete(const int columns[POST_N_FIELDS])
{
  for (int f = 0; f < POST_FIRST_METRIC; f++)
    if (columns[f] < 0)
      return FALSE;
  return TRUE;
}

static void append_quoted(GString *out, const char *text, gboolean first)
{
  g_string_append_printf(out, "%s\"%s\"", first ? "" : ", ", text);
}

static void set_unrecognised_error(const IngestSources *sources, const CsvRecord *header,
                                   GError **error)
{
  g_autoptr(GString) msg = g_string_new("header not recognised: found: ");
  csv_header_append_found(msg, header);
  g_string_append(msg, "; known headers: ");
  for (guint s = 0; s < sources->list->len; s++) {
    const IngestSource *source = g_ptr_array_index(sources->list, s);
    g_string_append_printf(msg, "%s%s: ", s > 0 ? "; " : "", source->id);
    gboolean first = TRUE;
    for (int f = 0; f < POST_N_FIELDS; f++)
      if (source->headers[f] != NULL) {
        append_quoted(msg, source->headers[f], first);
        first = FALSE;
      }
  }
  g_set_error_literal(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, msg->str);
}

const IngestSource *ingest_sources_match(const IngestSources *sources, const CsvRecord *header,
                                         int columns[POST_N_FIELDS], GError **error)
{
  g_auto(GStrv) keys = g_new0(char *, header->n_fields + 1);
  for (guint k = 0; k < header->n_fields; k++)
    keys[k] = header_key(header->fields[k]);
  const IngestSource *best = NULL;
  guint best_present = 0;
  for (guint s = 0; s < sources->list->len; s++) {
    const IngestSource *source = g_ptr_array_index(sources->list, s);
    int trial[POST_N_FIELDS];
    guint present = source_map_header(source, keys, header->n_fields, trial);
    if (!columns_complete(trial) || (best != NULL && present <= best_present))
      continue;
    best = source;
    best_present = present;
    memcpy(columns, trial, sizeof trial);
  }
  if (best == NULL)
    set_unrecognised_error(sources, header, error);
  return best;
}
