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

/* meta.csv; latest_date may be an unset GDate (no data). */
gboolean ingest_outputs_write_meta(const GDate *latest_date, const char *path, GError **error);
