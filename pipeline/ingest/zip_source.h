/* Zip archives as LinkedIn delivers its data exports: lists the files inside
 * and reads one of them through the CSV reader, refusing names that climb out
 * of the archive and entries that unpack to more than the limits allow (a
 * zip bomb never fills memory or disk). */
#pragma once
#include "common/csv_reader.h"
#include <glib.h>

typedef struct {
  guint64 max_entry_bytes;   /* uncompressed size of one file */
  guint64 max_ratio;         /* uncompressed : compressed size of one file */
  guint64 ratio_from_bytes;  /* the ratio is checked for files larger than this */
  guint64 max_archive_bytes; /* all files read from one archive together */
  /* Files up to this size are unpacked into memory once; larger ones are
   * streamed through the reader, which unpacks them twice. */
  guint64 memory_bytes;
} IngestZipLimits;

/* 512 MiB per file, 200:1 above 1 MiB, 2 GiB per archive, 32 MiB in memory. */
void ingest_zip_limits_default(IngestZipLimits *limits);

typedef struct IngestZip IngestZip;

/* Opens an archive for reading; limits may be NULL for the defaults. Fails
 * with PIPELINE_ERROR_INPUT "not a readable zip archive: <why>". */
IngestZip *ingest_zip_open(const char *path, const IngestZipLimits *limits, GError **error);
/* The same for an archive already read into memory (to hash it too):
 * nothing is read from disk again. Keeps a reference to bytes. */
IngestZip *ingest_zip_open_bytes(GBytes *bytes, const IngestZipLimits *limits, GError **error);
void ingest_zip_free(IngestZip *zip);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestZip, ingest_zip_free)

/* The files in the archive (folders left out), sorted by name. */
guint ingest_zip_n_entries(const IngestZip *zip);

/* The name of file i inside the archive, as valid UTF-8. */
const char *ingest_zip_entry_name(const IngestZip *zip, guint i);

/* FALSE for a name that is absolute, has a ".." part or a drive letter:
 * such an entry is listed and never read. */
gboolean ingest_zip_name_is_safe(const char *name);

/* Reads file i through the CSV reader. Fails with PIPELINE_ERROR_INPUT when
 * the file is over a limit ("refused: ..."), its name is unsafe, or it
 * cannot be unpacked ("cannot unpack: ..."); or with the callback's error. */
gboolean ingest_zip_read_csv(IngestZip *zip, guint i, const CsvReaderOptions *options,
                             CsvRecordFunc func, gpointer user_data, CsvFileInfo *info,
                             GError **error);
