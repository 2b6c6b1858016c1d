/* Reads programs.ini (programs.h) into validated programs. GKeyFile knows no
 * line numbers, so messages find the line of a group or key in the text. */
#include "ingest/programs.h"
#include "common/contract.h"
#include "common/csv_writer.h"
#include "common/errors.h"
#include "ingest/dates.h"
#include "ingest/outputs.h"
#include <stdarg.h>
#include <string.h>

#define PROGRAM_GROUP_PREFIX "program "

struct IngestPrograms {
  GPtrArray *list;   /* IngestProgram, sorted by id */
  GHashTable *by_id; /* id -> IngestProgram (owned by list) */
};

/* The file being read, for messages. */
typedef struct {
  const char *display_name;
  const char *text;
  GKeyFile *keys;
} IniSource;

static void program_free(gpointer data)
{
  IngestProgram *program = data;
  g_free(program->id);
  g_free(program->name);
  g_free(program->company);
  g_strfreev(program->target_audience);
  g_strfreev(program->teams);
  g_free(program);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestProgram, program_free)

void ingest_programs_free(IngestPrograms *programs)
{
  if (programs == NULL)
    return;
  g_hash_table_unref(programs->by_id);
  g_ptr_array_unref(programs->list);
  g_free(programs);
}

/* The group name of a "[...]" line, or NULL for any other line. */
static char *ini_line_group(const char *line)
{
  g_autofree char *trimmed = g_strstrip(g_strdup(line));
  gsize len = strlen(trimmed);
  if (len < 2 || trimmed[0] != '[' || trimmed[len - 1] != ']')
    return NULL;
  return g_strndup(trimmed + 1, len - 2);
}

static gboolean ini_line_is_key(const char *line, const char *key)
{
  const char *eq = strchr(line, '=');
  if (eq == NULL || line[0] == '#')
    return FALSE;
  g_autofree char *name = g_strstrip(g_strndup(line, (gsize)(eq - line)));
  return strcmp(name, key) == 0;
}

/* Line of the group header (key NULL) or of the key's last occurrence in the
 * group (GKeyFile keeps the last); 0 when absent. */
static guint ini_find_line(const char *text, const char *group, const char *key)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  gboolean in_group = FALSE;
  guint found = 0;
  for (guint i = 0; lines[i] != NULL; i++) {
    g_autofree char *name = ini_line_group(lines[i]);
    if (name != NULL) {
      in_group = strcmp(name, group) == 0;
      if (in_group && key == NULL && found == 0)
        found = i + 1;
    } else if (in_group && key != NULL && ini_line_is_key(lines[i], key)) {
      found = i + 1;
    }
  }
  return found;
}

/* Sets "<file>:<line>: [<group>] <key>: <message>" (parts left out when
 * unknown) and returns FALSE. */
G_GNUC_PRINTF(5, 6)
static gboolean ini_fail(const IniSource *src, const char *group, const char *key, GError **error,
                         const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_autofree char *message = g_strdup_vprintf(format, args);
  va_end(args);
  guint line = group != NULL ? ini_find_line(src->text, group, key) : 0;
  if (line == 0 && group != NULL)
    line = ini_find_line(src->text, group, NULL);
  g_autofree char *where = line > 0 ? g_strdup_printf(":%u", line) : g_strdup("");
  g_autofree char *what =
      group == NULL ? g_strdup("")
                    : g_strdup_printf("[%s]%s%s: ", group, key ? " " : "", key ? key : "");
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s%s: %s%s", src->display_name, where,
              what, message);
  return FALSE;
}

/* TRUE when every backslash starts one of GLib's escapes (\s \n \t \r \\). */
static gboolean ini_escapes_valid(const char *raw)
{
  for (const char *p = raw; *p != '\0'; p++)
    if (*p == '\\' && (p[1] == '\0' || strchr("sntr\\", *++p) == NULL))
      return FALSE;
  return TRUE;
}

/* A key's value trimmed, "" when the key is absent. A value with another
 * backslash is kept as written: GLib would drop it, and for "\x\" at a
 * line's end it warns on the terminal ("GError set over the top"). */
static char *ini_get(const IniSource *src, const char *group, const char *key)
{
  char *value = g_key_file_get_value(src->keys, group, key, NULL);
  if (value != NULL && ini_escapes_valid(value)) {
    g_free(value);
    value = g_key_file_get_string(src->keys, group, key, NULL);
  }
  return g_strstrip(value != NULL ? value : g_strdup(""));
}

/* A ';'-separated list: items trimmed, empty ones dropped. */
static char **ini_split_list(const char *value)
{
  g_auto(GStrv) parts = g_strsplit(value, ";", -1);
  g_autoptr(GPtrArray) items = g_ptr_array_new();
  for (guint i = 0; parts[i] != NULL; i++) {
    char *item = g_strstrip(parts[i]);
    if (item[0] != '\0')
      g_ptr_array_add(items, g_strdup(item));
  }
  g_ptr_array_add(items, NULL);
  return (char **)g_ptr_array_free(g_steal_pointer(&items), FALSE);
}

static gboolean program_id_valid(const char *id)
{
  if (!g_ascii_islower(id[0]) && !g_ascii_isdigit(id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean program_read_date(const IniSource *src, const char *group, const char *key,
                                  gboolean required, GDate *out, GError **error)
{
  g_autofree char *value = ini_get(src, group, key);
  g_date_clear(out, 1);
  if (value[0] == '\0') {
    if (required)
      return ini_fail(src, group, key, error,
                      "missing: expected a date (YYYY-MM-DD or DD.MM.YYYY)");
    return TRUE;
  }
  g_autoptr(GError) local = NULL;
  if (!ingest_date_parse(value, DATE_FORM_ISO | DATE_FORM_GERMAN, out, &local))
    return ini_fail(src, group, key, error, "%s", local->message);
  return TRUE;
}

static gboolean program_read_dates(const IniSource *src, const char *group, IngestProgram *program,
                                   GError **error)
{
  if (!program_read_date(src, group, "start", TRUE, &program->start, error) ||
      !program_read_date(src, group, "end", FALSE, &program->end, error))
    return FALSE;
  if (g_date_valid(&program->end) && g_date_compare(&program->end, &program->start) < 0) {
    char end[11], start[11];
    ingest_date_format(&program->end, end);
    ingest_date_format(&program->start, start);
    return ini_fail(src, group, "end", error, "%s is before start %s: expected end >= start", end,
                    start);
  }
  return TRUE;
}

static gboolean program_read_teams(const IniSource *src, const char *group, IngestProgram *program,
                                   GError **error)
{
  g_autofree char *value = ini_get(src, group, "teams");
  program->teams = ini_split_list(value);
  if (program->teams[0] == NULL)
    return ini_fail(src, group, "teams", error,
                    "no team: expected a ';'-separated list of team ids, e.g. teams = DE;AT");
  for (guint i = 0; program->teams[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      if (strcmp(program->teams[i], program->teams[j]) == 0)
        return ini_fail(src, group, "teams", error,
                        "team \"%s\" listed twice: expected unique team ids", program->teams[i]);
  return TRUE;
}

static IngestProgram *program_read(const IniSource *src, const char *group, GError **error)
{
  const char *id = group + strlen(PROGRAM_GROUP_PREFIX);
  if (!program_id_valid(id)) {
    ini_fail(src, group, NULL, error,
             "bad program id \"%s\": expected lowercase letters, digits and '-', starting with a "
             "letter or digit",
             id);
    return NULL;
  }
  g_autoptr(IngestProgram) program = g_new0(IngestProgram, 1);
  program->id = g_strdup(id);
  program->name = ini_get(src, group, "name");
  program->company = ini_get(src, group, "company");
  g_autofree char *audience = ini_get(src, group, "target_audience");
  program->target_audience = ini_split_list(audience);
  if (!program_read_dates(src, group, program, error) ||
      !program_read_teams(src, group, program, error))
    return NULL;
  return g_steal_pointer(&program);
}

/* GKeyFile merges a group written twice; a program id must be unique. */
static gboolean ini_check_unique_groups(const IniSource *src, GError **error)
{
  g_auto(GStrv) lines = g_strsplit(src->text, "\n", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; lines[i] != NULL; i++) {
    char *name = ini_line_group(lines[i]);
    if (name == NULL)
      continue;
    if (g_hash_table_contains(seen, name)) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                  "%s:%u: [%s] appears twice: expected each program once", src->display_name, i + 1,
                  name);
      g_free(name);
      return FALSE;
    }
    g_hash_table_add(seen, name);
  }
  return TRUE;
}

static gboolean programs_read_groups(IngestPrograms *programs, const IniSource *src, GError **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups(src->keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++) {
    if (!g_str_has_prefix(groups[i], PROGRAM_GROUP_PREFIX))
      return ini_fail(src, groups[i], NULL, error, "not a program: expected [program <id>]");
    IngestProgram *program = program_read(src, groups[i], error);
    if (program == NULL)
      return FALSE;
    g_ptr_array_add(programs->list, program);
    g_hash_table_insert(programs->by_id, program->id, program);
  }
  if (programs->list->len == 0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: no program: expected at least one [program <id>] group", src->display_name);
    return FALSE;
  }
  return TRUE;
}

static gint program_compare(gconstpointer a, gconstpointer b)
{
  const IngestProgram *x = *(IngestProgram *const *)a;
  const IngestProgram *y = *(IngestProgram *const *)b;
  return strcmp(x->id, y->id);
}

static gboolean programs_parse(IngestPrograms *programs, const char *display_name, const char *text,
                               gsize length, GError **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new();
  g_autoptr(GError) local = NULL;
  if (!g_key_file_load_from_data(keys, text, length, G_KEY_FILE_NONE, &local)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: not a key file (%s): expected [program <id>] groups of key = value lines",
                display_name, local->message);
    return FALSE;
  }
  IniSource src = {display_name, text, keys};
  if (!ini_check_unique_groups(&src, error) || !programs_read_groups(programs, &src, error))
    return FALSE;
  g_ptr_array_sort(programs->list, program_compare);
  return TRUE;
}

IngestPrograms *ingest_programs_load(const char *path, const char *display_name, GError **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;
  if (!g_file_get_contents(path, &text, &length, &local)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s: cannot read: %s", display_name,
                local->message);
    return NULL;
  }
  if (!g_utf8_validate(text, (gssize)length, NULL)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: not UTF-8 text: expected a key file saved as UTF-8", display_name);
    return NULL;
  }
  g_autoptr(IngestPrograms) programs = g_new0(IngestPrograms, 1);
  programs->list = g_ptr_array_new_with_free_func(program_free);
  programs->by_id = g_hash_table_new(g_str_hash, g_str_equal);
  if (!programs_parse(programs, display_name, text, length, error))
    return NULL;
  return g_steal_pointer(&programs);
}

guint ingest_programs_count(const IngestPrograms *programs)
{
  return programs->list->len;
}

const IngestProgram *ingest_programs_lookup(const IngestPrograms *programs, const char *id)
{
  return g_hash_table_lookup(programs->by_id, id);
}

gboolean ingest_program_has_team(const IngestProgram *program, const char *team)
{
  return g_strv_contains((const char *const *)program->teams, team);
}

static void programs_add_list(CsvWriter *writer, char **items)
{
  g_autofree char *joined = g_strjoinv(";", items);
  csv_writer_add_text(writer, joined);
}

gboolean ingest_programs_write(const IngestPrograms *programs, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_PROGRAMS_COLUMNS, NULL};
  CsvWriter *writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < programs->list->len; i++) {
    const IngestProgram *program = g_ptr_array_index(programs->list, i);
    csv_writer_add_text(writer, program->id);
    csv_writer_add_text(writer, program->name);
    csv_writer_add_text(writer, program->company);
    ingest_outputs_add_date(writer, &program->start);
    ingest_outputs_add_date(writer, &program->end);
    programs_add_list(writer, program->target_audience);
    programs_add_list(writer, program->teams);
    csv_writer_end_row(writer);
  }
  return csv_writer_commit(writer, error);
}
