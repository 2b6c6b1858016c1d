/* Normalized files that belong to no single input reader: input_files.csv
 * (what was read, with checksums) and meta.csv (facts about the tree), and
 * the date form every normalized file uses. */
#pragma once
#include "common/csv_writer.h"
#include <glib.h>

/* A date as YYYY-MM-DD, or an empty field for an invalid (unset) date. */
void ingest_outputs_add_date(CsvWriter *writer, const GDate *date);

/* input_files.csv: every file of the tree (IngestTreeFile, sorted) with its
 * size and SHA-256; a file that cannot be read gets an empty checksum. */
gboolean ingest_outputs_write_input_files(const GPtrArray *files, const char *path, GError **error);

/* The checksums input_files.csv needs of the files no reader checksums
 * (all but the LinkedIn exports), computed on a thread of their own from
 * start until finish: they are read while the stage reads posts/ and ssi/
 * on one thread alone. Until finish, the files' checksum fields belong to
 * that thread; a file it cannot read is left without one. */
typedef struct IngestChecksums IngestChecksums;

IngestChecksums *ingest_outputs_checksums_start(GPtrArray *files);

/* Waits for the thread; NULL is allowed. */
void ingest_outputs_checksums_finish(IngestChecksums *checksums);

/* meta.csv; latest_date may be an unset GDate (no data). */
gboolean ingest_outputs_write_meta(const GDate *latest_date, const char *path, GError **error);
