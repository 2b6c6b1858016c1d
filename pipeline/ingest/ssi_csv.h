/* Collected SSI snapshots, the .csv files in ssi/ (inputs.md): English or German form,
 * ',' or ';' delimited, decimal point or comma, header through aliases. */
#pragma once
#include "ingest/snapshots.h"

/* Reads one file (named entry->file) into the sink. Bad rows are rejected
 * and reading goes on. FALSE (PIPELINE_ERROR_INPUT) when the header is not
 * recognised: the file then counts as one row read and rejected, with the
 * headers found and those expected as the reason. */
gboolean ingest_ssi_csv_read(const char *path, IngestFileEntry *entry, const IngestSsiSink *sink,
                             GError **error);
