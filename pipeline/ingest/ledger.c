/* Per-file accounting of an ingest run (ledger.h): the counts that make
 * rows_read = accepted + duplicates + rejected hold for every file, and the
 * rejected rows with file, line and reason for rejects.csv. */
#include "ingest/ledger.h"
#include "common/contract.h"
#include "common/csv_writer.h"
#include <string.h>

#define LEDGER_EXCERPT_CHARS 200

typedef struct {
  const char *file; /* owned by the file's entry */
  guint64 line;
  char *reason;
  char *excerpt;
  guint seq; /* reading order, to keep rows of one line in order */
} IngestReject;

struct IngestLedger {
  GPtrArray *files;   /* IngestFileEntry */
  GPtrArray *rejects; /* IngestReject */
};

static void file_entry_free(gpointer data)
{
  IngestFileEntry *entry = data;
  g_free(entry->file);
  g_free(entry->kind);
  g_free(entry->encoding);
  g_string_free(entry->note, TRUE);
  g_free(entry);
}

static void reject_free(gpointer data)
{
  IngestReject *reject = data;
  g_free(reject->reason);
  g_free(reject->excerpt);
  g_free(reject);
}

IngestLedger *ingest_ledger_new(void)
{
  IngestLedger *ledger = g_new0(IngestLedger, 1);
  ledger->files = g_ptr_array_new_with_free_func(file_entry_free);
  ledger->rejects = g_ptr_array_new_with_free_func(reject_free);
  return ledger;
}

void ingest_ledger_free(IngestLedger *ledger)
{
  if (ledger == NULL)
    return;
  g_ptr_array_unref(ledger->rejects);
  g_ptr_array_unref(ledger->files);
  g_free(ledger);
}

IngestFileEntry *ingest_ledger_add_file(IngestLedger *ledger, const char *file, const char *kind)
{
  IngestFileEntry *entry = g_new0(IngestFileEntry, 1);
  entry->file = g_strdup(file);
  entry->kind = g_strdup(kind);
  entry->note = g_string_new(NULL);
  g_ptr_array_add(ledger->files, entry);
  return entry;
}

void ingest_ledger_note(IngestFileEntry *entry, const char *text)
{
  if (entry->note->len > 0)
    g_string_append(entry->note, ", ");
  g_string_append(entry->note, text);
}

void ingest_ledger_accept(IngestFileEntry *entry)
{
  entry->rows_read++;
  entry->accepted++;
}

/* Valid UTF-8 of at most LEDGER_EXCERPT_CHARS characters. */
static char *excerpt_cut(const char *text)
{
  g_autofree char *valid = g_utf8_make_valid(text != NULL ? text : "", -1);
  if (g_utf8_strlen(valid, -1) <= LEDGER_EXCERPT_CHARS)
    return g_steal_pointer(&valid);
  const char *end = g_utf8_offset_to_pointer(valid, LEDGER_EXCERPT_CHARS);
  return g_strndup(valid, (gsize)(end - valid));
}

void ingest_ledger_reject(IngestLedger *ledger, IngestFileEntry *entry, guint64 line,
                          const char *reason, const char *excerpt)
{
  IngestReject *reject = g_new0(IngestReject, 1);
  reject->file = entry->file;
  reject->line = line;
  reject->reason = g_strdup(reason);
  reject->excerpt = excerpt_cut(excerpt);
  reject->seq = ledger->rejects->len;
  g_ptr_array_add(ledger->rejects, reject);
  entry->rows_read++;
  entry->rejected++;
}

void ingest_ledger_demote_to_duplicate(IngestFileEntry *entry)
{
  g_return_if_fail(entry->accepted > 0);
  entry->accepted--;
  entry->duplicates++;
}

/* A view of items in another order; the items stay owned by items. */
static GPtrArray *sorted_view(const GPtrArray *items, GCompareFunc compare)
{
  GPtrArray *view = g_ptr_array_sized_new(items->len);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add(view, g_ptr_array_index(items, i));
  g_ptr_array_sort(view, compare);
  return view;
}

static gint entry_compare(gconstpointer a, gconstpointer b)
{
  const IngestFileEntry *x = *(IngestFileEntry *const *)a;
  const IngestFileEntry *y = *(IngestFileEntry *const *)b;
  return strcmp(x->file, y->file);
}

static gint reject_compare(gconstpointer a, gconstpointer b)
{
  const IngestReject *x = *(IngestReject *const *)a;
  const IngestReject *y = *(IngestReject *const *)b;
  int by_file = strcmp(x->file, y->file);
  if (by_file != 0)
    return by_file;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void summary_add_row(CsvWriter *writer, const IngestFileEntry *entry)
{
  csv_writer_add_text(writer, entry->file);
  csv_writer_add_text(writer, entry->kind);
  csv_writer_add_text(writer, entry->encoding);
  csv_writer_add_int(writer, (gint64)entry->rows_read);
  csv_writer_add_int(writer, (gint64)entry->accepted);
  csv_writer_add_int(writer, (gint64)entry->duplicates);
  csv_writer_add_int(writer, (gint64)entry->rejected);
  csv_writer_add_text(writer, entry->note->str);
  csv_writer_end_row(writer);
}

gboolean ingest_ledger_write_summary(const IngestLedger *ledger, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_INGEST_SUMMARY_COLUMNS, NULL};
  g_autoptr(GPtrArray) sorted = sorted_view(ledger->files, entry_compare);
  CsvWriter *writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < sorted->len; i++)
    summary_add_row(writer, g_ptr_array_index(sorted, i));
  return csv_writer_commit(writer, error);
}

gboolean ingest_ledger_write_rejects(const IngestLedger *ledger, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_REJECTS_COLUMNS, NULL};
  g_autoptr(GPtrArray) sorted = sorted_view(ledger->rejects, reject_compare);
  CsvWriter *writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < sorted->len; i++) {
    const IngestReject *reject = g_ptr_array_index(sorted, i);
    csv_writer_add_text(writer, reject->file);
    csv_writer_add_int(writer, (gint64)reject->line);
    csv_writer_add_text(writer, reject->reason);
    csv_writer_add_text(writer, reject->excerpt);
    csv_writer_end_row(writer);
  }
  return csv_writer_commit(writer, error);
}
