/* What the summary says about a CSV input as read: the delimiter found, the
 * decimal mark it implies, and whether the file was converted. */
#pragma once
#include "common/csv_reader.h"
#include "ingest/ledger.h"

/* The decimal mark of a file with that delimiter (inputs.md): ',' in ';'- and
 * tab-delimited files, '.' in ','-delimited ones. */
char ingest_csv_decimal_mark(char delimiter);

/* Sets the entry's encoding column from what the reader found. */
void ingest_csv_note_encoding(IngestFileEntry *entry, const CsvFileInfo *info);

/* Sets the entry's encoding and notes `delimiter ";", decimal comma` (the
 * decimal part only when with_decimal), then "converted from Windows-1252"
 * where that was so; for a file without a record, only "empty file". */
void ingest_csv_note_file(IngestFileEntry *entry, const CsvFileInfo *info, gboolean with_decimal);

/* After a read of the file failed with failure (taken): an error of the
 * file's content that stops the run (PIPELINE_ERROR) goes to error with the
 * encoding noted, and FALSE is returned; a file that could not be read is
 * lost data, listed like a bad row ("cannot read: ..."), and TRUE returned. */
gboolean ingest_csv_note_failure(IngestLedger *ledger, IngestFileEntry *entry,
                                 const CsvFileInfo *info, GError *failure, GError **error);
