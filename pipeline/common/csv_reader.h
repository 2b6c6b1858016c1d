/* Streaming CSV reader over libcsv for every CSV the pipeline reads: finds the
 * encoding (UTF-8, with or without BOM, else Windows-1252 converted), the
 * delimiter (from the first line holding one), and the physical line where each
 * record starts. Memory stays bounded by the longest record it accepts. */
#pragma once
#include <glib.h>

typedef enum {
  CSV_ENCODING_UTF8,
  CSV_ENCODING_UTF8_BOM,
  CSV_ENCODING_WINDOWS_1252, /* invalid UTF-8: converted to UTF-8 field by field */
} CsvEncoding;

typedef struct {
  /* 0: detect ',', ';' or '\t' from the first line that holds one outside
   * quotes; otherwise that delimiter. */
  char delimiter;
  /* LinkedIn's Comments.csv writes a quote inside a quoted field as \" :
   * TRUE reads \" as a literal quote. */
  gboolean backslash_quote;
  /* A record longer than this many bytes is handed on as malformed and
   * skipped; 0 means the default of 16 MiB. */
  gsize max_record_bytes;
} CsvReaderOptions;

typedef struct {
  guint n_fields;
  /* UTF-8, NUL-terminated, spaces around unquoted fields trimmed; valid
   * only during the callback. */
  char **fields;
  guint64 line; /* 1-based physical line where the record starts */
  /* NULL for a good record; otherwise why it could not be parsed
   * ("unterminated quote at end of file", "malformed quoting",
   * "record longer than 16 MiB", "record of more than 16384 fields", whose
   * fields past the 16384th are dropped). A malformed record still counts as one row
   * read: the caller rejects it. Its fields hold what could be read. */
  const char *malformed;
  /* The record's text as read, cut to 200 characters, for rejects.csv. */
  const char *excerpt;
} CsvRecord;

typedef struct {
  CsvEncoding encoding;
  char delimiter;  /* the one used */
  gboolean crlf;   /* CRLF line ends seen */
  guint64 records; /* records handed to the callback, malformed included */
  guint64 bytes;   /* size of the input */
} CsvFileInfo;

/* Called for each non-blank record, header included, in file order. Return
 * FALSE (setting error) to stop reading; csv_reader_* then return FALSE with
 * that error. */
typedef gboolean (*CsvRecordFunc)(const CsvRecord *record, gpointer user_data, GError **error);

/* Reads a file by path. info may be NULL. Errors: the file cannot be opened
 * or read (G_FILE_ERROR), or the callback's. */
gboolean csv_reader_read_file(const char *path, const CsvReaderOptions *options, CsvRecordFunc func,
                              gpointer user_data, CsvFileInfo *info, GError **error);

/* The same over bytes in memory (a file inside a zip, a test string). */
gboolean csv_reader_read_bytes(const char *data, gsize length, const CsvReaderOptions *options,
                               CsvRecordFunc func, gpointer user_data, CsvFileInfo *info,
                               GError **error);

/* Input pulled through functions (a file inside a zip), read twice: once to
 * find encoding and delimiter, once for the records, so it must be able to
 * start over. */
typedef struct {
  /* Copies up to max bytes into buffer: returns the count, 0 at the end, or
   * -1 with error set. */
  gssize (*read)(gpointer stream, char *buffer, gsize max, GError **error);
  /* Starts over at the first byte. */
  gboolean (*rewind)(gpointer stream, GError **error);
  gpointer stream;
} CsvStream;

/* The same over a stream, in chunks, so memory stays bounded whatever its
 * size. info->bytes is the size read. Errors: the stream's, or the callback's. */
gboolean csv_reader_read_stream(const CsvStream *stream, const CsvReaderOptions *options,
                                CsvRecordFunc func, gpointer user_data, CsvFileInfo *info,
                                GError **error);

/* "UTF-8", "UTF-8 with BOM", "Windows-1252". */
const char *csv_reader_encoding_name(CsvEncoding encoding);

/* --- Header rows ------------------------------------------------------- */

/* One column a reader looks for: its canonical name and the other names it
 * may carry (NULL-terminated), compared case-insensitively after trimming. */
typedef struct {
  const char *name;
  const char *const *aliases;
  gboolean required;
} CsvColumnSpec;

/* Maps a header record onto n_specs columns: indices[i] is the field index of
 * specs[i], or -1 when absent. Fails when a required column is missing, with a
 * message naming the missing columns, the headers found and those expected. */
gboolean csv_header_map(const CsvRecord *header, const CsvColumnSpec *specs, guint n_specs,
                        int *indices, GError **error);

/* Appends the header's fields for a message, quoted and comma-separated:
 * at most 40, each cut to 60 characters, then "and N more". */
void csv_header_append_found(GString *out, const CsvRecord *header);

/* The field at index, or "" when index is -1 or past the record's end.
 * Inline: readers ask for every field they read. */
static inline const char *csv_record_field(const CsvRecord *record, int index)
{
  return index >= 0 && (guint)index < record->n_fields ? record->fields[index] : "";
}
