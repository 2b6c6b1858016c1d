/* Writes input_files.csv and meta.csv (outputs.h). Checksums are computed
 * while writing so each file is read once more at most, in chunks. */
#include "ingest/outputs.h"
#include "common/contract.h"
#include "common/sha256.h"
#include "ingest/dates.h"
#include "ingest/tree.h"

void ingest_outputs_add_date(CsvWriter *writer, const GDate *date)
{
  char text[11];
  if (!g_date_valid(date)) {
    csv_writer_add_empty(writer);
    return;
  }
  ingest_date_format(date, text);
  csv_writer_add_text(writer, text);
}

/* The checksum, or an empty field for a file that cannot be read; most
 * are known already, and written without an allocation each. */
static void add_sha256(CsvWriter *writer, const IngestTreeFile *file)
{
  if (!file->regular) {
    csv_writer_add_text(writer, NULL);
    return;
  }
  if (!file->has_sha256) {
    g_autofree char *computed = ingest_tree_file_sha256(file, NULL);
    csv_writer_add_text(writer, computed);
    return;
  }
  /* Hex digits are a field as they are. */
  char hex[SHA256_HEX_BYTES];
  sha256_hex(file->sha256, hex);
  csv_writer_add_fields(writer, hex, SHA256_HEX_BYTES - 1);
}

gboolean ingest_outputs_write_input_files(const GPtrArray *files, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_INPUT_FILES_COLUMNS, NULL};
  CsvWriter *writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++) {
    const IngestTreeFile *file = g_ptr_array_index(files, i);
    csv_writer_add_text(writer, file->path);
    csv_writer_add_int(writer, (gint64)file->bytes);
    add_sha256(writer, file);
    csv_writer_end_row(writer);
  }
  return csv_writer_commit(writer, error);
}

struct IngestChecksums {
  GPtrArray *files; /* IngestTreeFile */
  GThread *thread;
};

static gpointer checksums_run(gpointer data)
{
  IngestChecksums *checksums = data;
  for (guint i = 0; i < checksums->files->len; i++) {
    IngestTreeFile *file = g_ptr_array_index(checksums->files, i);
    if (file->regular && file->kind != INGEST_KIND_LINKEDIN && !file->has_sha256)
      file->has_sha256 = sha256_file(file->abs_path, file->sha256, NULL);
  }
  return NULL;
}

IngestChecksums *ingest_outputs_checksums_start(GPtrArray *files)
{
  IngestChecksums *checksums = g_new0(IngestChecksums, 1);
  checksums->files = g_ptr_array_ref(files);
  checksums->thread = g_thread_new("ingest-checksums", checksums_run, checksums);
  return checksums;
}

void ingest_outputs_checksums_finish(IngestChecksums *checksums)
{
  if (checksums == NULL)
    return;
  g_thread_join(checksums->thread);
  g_ptr_array_unref(checksums->files);
  g_free(checksums);
}

gboolean ingest_outputs_write_meta(const GDate *latest_date, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_META_COLUMNS, NULL};
  CsvWriter *writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  csv_writer_add_text(writer, "latest_date");
  ingest_outputs_add_date(writer, latest_date);
  csv_writer_end_row(writer);
  return csv_writer_commit(writer, error);
}
