/* Reads LinkedIn's export archives with libzip (zip_source.h). Sizes written
 * in the archive are checked before anything is unpacked, and the bytes
 * actually unpacked are counted too, since an archive may lie about them. */
#include "ingest/zip_source.h"
#include "common/errors.h"
#include <string.h>
#include <zip.h>

#define MIB (G_GUINT64_CONSTANT(1024) * 1024)
#define GIB (MIB * 1024)

typedef struct {
  zip_uint64_t index; /* in the archive */
  char *name;         /* valid UTF-8 */
  guint64 size;       /* as written in the archive */
  guint64 comp_size;
} ZipEntry;

struct IngestZip {
  zip_t *archive;
  GBytes *bytes; /* the archive, when opened from memory */
  IngestZipLimits limits;
  GArray *entries;     /* ZipEntry, sorted by name */
  guint64 bytes_taken; /* sizes of the files read so far */
  GByteArray *member;  /* the file being read, when it is read whole */
};

void ingest_zip_limits_default(IngestZipLimits *limits)
{
  limits->max_entry_bytes = 512 * MIB;
  limits->max_ratio = 200;
  limits->ratio_from_bytes = MIB;
  limits->max_archive_bytes = 2 * GIB;
  limits->memory_bytes = 32 * MIB;
}

static void entry_clear(gpointer data)
{
  g_free(((ZipEntry *)data)->name);
}

static gint entry_compare(gconstpointer a, gconstpointer b)
{
  return strcmp(((const ZipEntry *)a)->name, ((const ZipEntry *)b)->name);
}

/* The files of the archive; folders end in '/' and are left out. */
static void zip_list_entries(IngestZip *zip)
{
  zip_int64_t n = zip_get_num_entries(zip->archive, 0);
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip->archive, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
        st.name[0] == '\0' || g_str_has_suffix(st.name, "/"))
      continue;
    ZipEntry entry = {(zip_uint64_t)i, g_utf8_make_valid(st.name, -1),
                      (st.valid & ZIP_STAT_SIZE) ? st.size : 0,
                      (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0};
    g_array_append_val(zip->entries, entry);
  }
  g_array_sort(zip->entries, entry_compare);
}

static IngestZip *zip_new(zip_t *archive, const IngestZipLimits *limits, GBytes *bytes)
{
  IngestZip *zip = g_new0(IngestZip, 1);
  zip->archive = archive;
  zip->bytes = bytes != NULL ? g_bytes_ref(bytes) : NULL;
  if (limits != NULL)
    zip->limits = *limits;
  else
    ingest_zip_limits_default(&zip->limits);
  zip->entries = g_array_new(FALSE, TRUE, sizeof(ZipEntry));
  zip->member = g_byte_array_new();
  g_array_set_clear_func(zip->entries, entry_clear);
  zip_list_entries(zip);
  return zip;
}

static void set_open_error(zip_error_t *ze, GError **error)
{
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "not a readable zip archive: %s",
              zip_error_strerror(ze));
}

IngestZip *ingest_zip_open(const char *path, const IngestZipLimits *limits, GError **error)
{
  int code = 0;
  zip_t *archive = zip_open(path, ZIP_RDONLY, &code);
  if (archive == NULL) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, code);
    set_open_error(&ze, error);
    zip_error_fini(&ze);
    return NULL;
  }
  return zip_new(archive, limits, NULL);
}

IngestZip *ingest_zip_open_bytes(GBytes *bytes, const IngestZipLimits *limits, GError **error)
{
  gsize len;
  gconstpointer data = g_bytes_get_data(bytes, &len);
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *source = zip_source_buffer_create(len > 0 ? data : "", len, 0, &ze);
  zip_t *archive = source != NULL ? zip_open_from_source(source, ZIP_RDONLY, &ze) : NULL;
  if (archive == NULL) {
    if (source != NULL)
      zip_source_free(source);
    set_open_error(&ze, error);
    zip_error_fini(&ze);
    return NULL;
  }
  zip_error_fini(&ze);
  return zip_new(archive, limits, bytes);
}

void ingest_zip_free(IngestZip *zip)
{
  if (zip == NULL)
    return;
  zip_discard(zip->archive);
  if (zip->bytes != NULL)
    g_bytes_unref(zip->bytes);
  g_array_unref(zip->entries);
  g_byte_array_unref(zip->member);
  g_free(zip);
}

guint ingest_zip_n_entries(const IngestZip *zip)
{
  return zip->entries->len;
}

static const ZipEntry *zip_entry(const IngestZip *zip, guint i)
{
  return &g_array_index(zip->entries, ZipEntry, i);
}

const char *ingest_zip_entry_name(const IngestZip *zip, guint i)
{
  return zip_entry(zip, i)->name;
}

gboolean ingest_zip_name_is_safe(const char *name)
{
  if (name[0] == '/' || name[0] == '\\' || (g_ascii_isalpha(name[0]) && name[1] == ':'))
    return FALSE;
  /* Archives made on Windows may separate with backslashes. */
  for (const char *part = name;;) {
    gsize len = strcspn(part, "/\\");
    if (len == 2 && part[0] == '.' && part[1] == '.')
      return FALSE;
    if (part[len] == '\0')
      return TRUE;
    part += len + 1;
  }
}

/* "512 MiB", "2 GiB", "1.5 MiB" or "300 bytes": limits and sizes for people. */
static char *describe_bytes(guint64 n)
{
  if (n >= GIB && n % GIB == 0)
    return g_strdup_printf("%" G_GUINT64_FORMAT " GiB", n / GIB);
  if (n >= MIB && n % MIB == 0)
    return g_strdup_printf("%" G_GUINT64_FORMAT " MiB", n / MIB);
  if (n >= MIB)
    return g_strdup_printf("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT " MiB", n / MIB,
                           (n % MIB) * 10 / MIB);
  return g_strdup_printf("%" G_GUINT64_FORMAT " bytes", n);
}

static gboolean refuse_size(const char *what, guint64 limit, GError **error)
{
  g_autofree char *limit_text = describe_bytes(limit);
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "refused: %s more than the %s allowed",
              what, limit_text);
  return FALSE;
}

/* The sizes the archive states, against the limits, before unpacking. */
static gboolean zip_check_entry(const IngestZip *zip, const ZipEntry *entry, GError **error)
{
  const IngestZipLimits *l = &zip->limits;
  if (!ingest_zip_name_is_safe(entry->name)) {
    g_set_error_literal(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "unsafe entry name");
    return FALSE;
  }
  if (entry->size > l->max_entry_bytes) {
    g_autofree char *what = describe_bytes(entry->size);
    g_autofree char *unpacks = g_strdup_printf("unpacks to %s,", what);
    return refuse_size(unpacks, l->max_entry_bytes, error);
  }
  if (entry->size > l->ratio_from_bytes &&
      (entry->comp_size == 0 || entry->size / entry->comp_size > l->max_ratio)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "refused: compressed more than %" G_GUINT64_FORMAT ":1 (%" G_GUINT64_FORMAT
                " bytes unpack to %" G_GUINT64_FORMAT ")",
                l->max_ratio, entry->comp_size, entry->size);
    return FALSE;
  }
  if (zip->bytes_taken + entry->size > l->max_archive_bytes)
    return refuse_size("the archive unpacks to", l->max_archive_bytes, error);
  return TRUE;
}

/* --- One file, unpacked as it is read ----------------------------------- */

typedef struct {
  IngestZip *zip;
  const ZipEntry *entry;
  zip_file_t *file;
  guint64 unpacked; /* bytes since the file was opened */
} ZipStream;

static gboolean stream_open(ZipStream *s, GError **error)
{
  s->unpacked = 0;
  s->file = zip_fopen_index(s->zip->archive, s->entry->index, 0);
  if (s->file != NULL)
    return TRUE;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "cannot unpack: %s",
              zip_strerror(s->zip->archive));
  return FALSE;
}

static void stream_close(ZipStream *s)
{
  if (s->file != NULL)
    zip_fclose(s->file);
  s->file = NULL;
}

static gssize stream_read(gpointer data, char *buffer, gsize max, GError **error)
{
  ZipStream *s = data;
  zip_int64_t n = zip_fread(s->file, buffer, max);
  if (n < 0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "cannot unpack: %s",
                zip_file_strerror(s->file));
    return -1;
  }
  s->unpacked += (guint64)n;
  /* More than the archive says would slip past the limits checked against
   * what it says (and fill memory for a file said to be small). */
  if (s->unpacked > s->entry->size) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "refused: unpacks to more than the %" G_GUINT64_FORMAT " bytes the archive states",
                s->entry->size);
    return -1;
  }
  return (gssize)n;
}

static gboolean stream_rewind(gpointer data, GError **error)
{
  ZipStream *s = data;
  stream_close(s);
  return stream_open(s, error);
}

/* The whole file in memory, for the reader's byte interface: unpacked
 * straight into the archive's buffer, reused from file to file. Room for
 * one byte more than the archive states shows a file that has more. */
static gboolean stream_slurp(ZipStream *s, GByteArray *bytes, GError **error)
{
  g_byte_array_set_size(bytes, (guint)s->entry->size + 1);
  gsize got = 0;
  gssize n;
  while ((n = stream_read(s, (char *)bytes->data + got, bytes->len - got, error)) > 0)
    got += (gsize)n;
  g_byte_array_set_size(bytes, (guint)got);
  return n == 0;
}

static gboolean zip_read_entry(ZipStream *s, const CsvReaderOptions *options, CsvRecordFunc func,
                               gpointer user_data, CsvFileInfo *info, GError **error)
{
  if (s->entry->size > s->zip->limits.memory_bytes) {
    CsvStream stream = {stream_read, stream_rewind, s};
    return csv_reader_read_stream(&stream, options, func, user_data, info, error);
  }
  GByteArray *bytes = s->zip->member;
  if (!stream_slurp(s, bytes, error))
    return FALSE;
  return csv_reader_read_bytes((const char *)bytes->data, bytes->len, options, func, user_data,
                               info, error);
}

gboolean ingest_zip_read_csv(IngestZip *zip, guint i, const CsvReaderOptions *options,
                             CsvRecordFunc func, gpointer user_data, CsvFileInfo *info,
                             GError **error)
{
  const ZipEntry *entry = zip_entry(zip, i);
  if (!zip_check_entry(zip, entry, error))
    return FALSE;
  zip->bytes_taken += entry->size;
  ZipStream s = {zip, entry, NULL, 0};
  if (!stream_open(&s, error))
    return FALSE;
  gboolean ok = zip_read_entry(&s, options, func, user_data, info, error);
  stream_close(&s);
  return ok;
}
