/* Collects data-quality warnings (warnings.h) and writes them sorted, so
 * the output does not depend on the order things were found in. */
#include "ingest/warnings.h"
#include "common/contract.h"
#include "common/csv_writer.h"
#include <string.h>

typedef struct {
  char *kind;
  char *subject;
  char *month;
  char *detail;
} IngestWarning;

struct IngestWarnings {
  GPtrArray *rows;        /* IngestWarning */
  GHashTable *unknown;    /* ambassador id -> GPtrArray of file names */
  GPtrArray *unknown_ids; /* the keys of unknown, in order seen */
  GPtrArray *more_files;  /* of ids past INGEST_WARNINGS_MAX_UNKNOWN_IDS, in order seen */
  GHashTable *more_seen;  /* the names in more_files */
};

static void warning_free(gpointer data)
{
  IngestWarning *w = data;
  g_free(w->kind);
  g_free(w->subject);
  g_free(w->month);
  g_free(w->detail);
  g_free(w);
}

static IngestWarning *warning_new(const char *kind, const char *subject, const char *month,
                                  const char *detail)
{
  IngestWarning *w = g_new0(IngestWarning, 1);
  w->kind = g_strdup(kind);
  w->subject = g_strdup(subject != NULL ? subject : "");
  w->month = g_strdup(month != NULL ? month : "");
  w->detail = g_strdup(detail != NULL ? detail : "");
  return w;
}

IngestWarnings *ingest_warnings_new(void)
{
  IngestWarnings *warnings = g_new0(IngestWarnings, 1);
  warnings->rows = g_ptr_array_new_with_free_func(warning_free);
  warnings->unknown =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  warnings->unknown_ids = g_ptr_array_new();
  warnings->more_files = g_ptr_array_new_with_free_func(g_free);
  warnings->more_seen = g_hash_table_new(g_str_hash, g_str_equal);
  return warnings;
}

void ingest_warnings_free(IngestWarnings *warnings)
{
  if (warnings == NULL)
    return;
  g_ptr_array_unref(warnings->unknown_ids);
  g_hash_table_unref(warnings->unknown);
  g_hash_table_unref(warnings->more_seen);
  g_ptr_array_unref(warnings->more_files);
  if (warnings->rows != NULL) /* taken by ingest_warnings_merge */
    g_ptr_array_unref(warnings->rows);
  g_free(warnings);
}

void ingest_warnings_add(IngestWarnings *warnings, const char *kind, const char *subject,
                         const char *month, const char *detail)
{
  g_ptr_array_add(warnings->rows, warning_new(kind, subject, month, detail));
}

/* A file with data of an id past the ones listed one by one. */
static void note_more(IngestWarnings *warnings, const char *file)
{
  if (g_hash_table_contains(warnings->more_seen, file))
    return;
  char *name = g_strdup(file);
  g_ptr_array_add(warnings->more_files, name);
  g_hash_table_add(warnings->more_seen, name);
}

void ingest_warnings_note_unknown(IngestWarnings *warnings, const char *ambassador_id,
                                  const char *file)
{
  GPtrArray *files = g_hash_table_lookup(warnings->unknown, ambassador_id);
  if (files == NULL && warnings->unknown_ids->len >= INGEST_WARNINGS_MAX_UNKNOWN_IDS) {
    note_more(warnings, file);
    return;
  }
  if (files == NULL) {
    char *key = g_strdup(ambassador_id);
    files = g_ptr_array_new_with_free_func(g_free);
    g_hash_table_insert(warnings->unknown, key, files);
    g_ptr_array_add(warnings->unknown_ids, key);
  }
  if (files->len == 0 || strcmp(g_ptr_array_index(files, files->len - 1), file) != 0)
    g_ptr_array_add(files, g_strdup(file));
}

void ingest_warnings_merge(IngestWarnings *warnings, IngestWarnings *from)
{
  g_ptr_array_extend_and_steal(warnings->rows, g_steal_pointer(&from->rows));
  for (guint i = 0; i < from->unknown_ids->len; i++) {
    const char *id = g_ptr_array_index(from->unknown_ids, i);
    const GPtrArray *files = g_hash_table_lookup(from->unknown, id);
    for (guint f = 0; f < files->len; f++)
      ingest_warnings_note_unknown(warnings, id, g_ptr_array_index(files, f));
  }
  for (guint i = 0; i < from->more_files->len; i++)
    note_more(warnings, g_ptr_array_index(from->more_files, i));
  ingest_warnings_free(from);
}

static IngestWarning *unknown_warning_new(const char *id, const char *detail_start,
                                          const GPtrArray *files)
{
  g_autoptr(GString) detail = g_string_new(detail_start);
  for (guint i = 0; i < files->len; i++)
    g_string_append_printf(detail, "%s%s", i > 0 ? ", " : "",
                           (const char *)g_ptr_array_index(files, i));
  return warning_new("unknown ambassador", id, NULL, detail->str);
}

static gint warning_compare(gconstpointer a, gconstpointer b)
{
  const IngestWarning *x = *(IngestWarning *const *)a;
  const IngestWarning *y = *(IngestWarning *const *)b;
  int c = strcmp(x->kind, y->kind);
  if (c == 0)
    c = strcmp(x->subject, y->subject);
  if (c == 0)
    c = strcmp(x->month, y->month);
  return c != 0 ? c : strcmp(x->detail, y->detail);
}

gboolean ingest_warnings_write(const IngestWarnings *warnings, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_WARNINGS_COLUMNS, NULL};
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(warning_free);
  for (guint i = 0; i < warnings->rows->len; i++) {
    const IngestWarning *w = g_ptr_array_index(warnings->rows, i);
    g_ptr_array_add(rows, warning_new(w->kind, w->subject, w->month, w->detail));
  }
  for (guint i = 0; i < warnings->unknown_ids->len; i++) {
    const char *id = g_ptr_array_index(warnings->unknown_ids, i);
    g_ptr_array_add(rows, unknown_warning_new(id, "not in roster.csv; data in ",
                                              g_hash_table_lookup(warnings->unknown, id)));
  }
  if (warnings->more_files->len > 0) {
    g_autofree char *detail =
        g_strdup_printf("not in roster.csv either, past the %d ids listed one by one; data in ",
                        INGEST_WARNINGS_MAX_UNKNOWN_IDS);
    g_ptr_array_add(rows, unknown_warning_new("(more ids)", detail, warnings->more_files));
  }
  g_ptr_array_sort(rows, warning_compare);
  CsvWriter *writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++) {
    const IngestWarning *w = g_ptr_array_index(rows, i);
    csv_writer_add_text(writer, w->kind);
    csv_writer_add_text(writer, w->subject);
    csv_writer_add_text(writer, w->month);
    csv_writer_add_text(writer, w->detail);
    csv_writer_end_row(writer);
  }
  return csv_writer_commit(writer, error);
}
