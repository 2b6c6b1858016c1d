/* Summary notes for CSV inputs (csv_note.h): one wording for every reader,
 * so users see the same words for the same finding. */
#include "ingest/csv_note.h"
#include "common/errors.h"

char ingest_csv_decimal_mark(char delimiter)
{
  return delimiter == ';' || delimiter == '\t' ? ',' : '.';
}

void ingest_csv_note_encoding(IngestFileEntry *entry, const CsvFileInfo *info)
{
  g_free(entry->encoding);
  entry->encoding = g_strdup(csv_reader_encoding_name(info->encoding));
}

void ingest_csv_note_file(IngestFileEntry *entry, const CsvFileInfo *info, gboolean with_decimal)
{
  ingest_csv_note_encoding(entry, info);
  /* A delimiter "found" in an empty file would be a guess. */
  if (info->records == 0) {
    ingest_ledger_note(entry, "empty file");
    return;
  }
  g_autoptr(GString) note = g_string_new("delimiter ");
  if (info->delimiter == '\t')
    g_string_append(note, "tab");
  else
    g_string_append_printf(note, "\"%c\"", info->delimiter);
  if (with_decimal)
    g_string_append(note, ingest_csv_decimal_mark(info->delimiter) == ',' ? ", decimal comma"
                                                                          : ", decimal point");
  ingest_ledger_note(entry, note->str);
  if (info->encoding == CSV_ENCODING_WINDOWS_1252)
    ingest_ledger_note(entry, "converted from Windows-1252");
}

gboolean ingest_csv_note_failure(IngestLedger *ledger, IngestFileEntry *entry,
                                 const CsvFileInfo *info, GError *failure, GError **error)
{
  g_autoptr(GError) local = failure;
  if (local->domain == PIPELINE_ERROR) {
    ingest_csv_note_encoding(entry, info);
    g_propagate_error(error, g_steal_pointer(&local));
    return FALSE;
  }
  g_autofree char *reason = g_strdup_printf("cannot read: %s", local->message);
  ingest_ledger_reject(ledger, entry, 1, reason, "");
  ingest_ledger_note(entry, reason);
  return TRUE;
}
