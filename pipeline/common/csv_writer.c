/* Writes the stage CSV files (csv_writer.h): RFC 4180 quoting only where a
 * field needs it, numbers with '.' whatever the locale, and a temporary file
 * renamed into place so a failed run never leaves half a file behind. */
#define _GNU_SOURCE /* renameat2 */
#include "common/csv_writer.h"
#include "common/errors.h"
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Rows collect in a buffer that goes to disk in large writes; the slack
 * above the flush size lets a row of ordinary fields finish without a
 * write in the middle of it. Larger writes gain nothing measurable, and
 * ingest keeps a dozen files open at once (each buffer stays in cache). */
#define CSV_WRITER_FLUSH_BYTES (128 * 1024)
#define CSV_WRITER_BUFFER_BYTES (CSV_WRITER_FLUSH_BYTES + 16 * 1024)

struct CsvWriter {
  char *path;
  char *tmp_path;
  int fd;
  char *buffer; /* buffer_size bytes, length of them in use */
  gsize length;
  gsize buffer_size;
  gboolean row_started;
  int write_errno; /* first write failure, reported at commit */
};

static void writer_flush_buffer(CsvWriter *writer)
{
  gsize done = 0;
  while (done < writer->length && writer->write_errno == 0) {
    ssize_t n = write(writer->fd, writer->buffer + done, writer->length - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      writer->write_errno = errno;
    else
      done += (gsize)n;
  }
  writer->length = 0;
}

/* Room for needed more bytes: what is buffered goes to disk (a row may
 * span two writes), and a field larger than the buffer grows it. */
static void writer_make_room_slow(CsvWriter *writer, gsize needed)
{
  writer_flush_buffer(writer);
  if (needed > writer->buffer_size) {
    writer->buffer_size = needed;
    writer->buffer = g_realloc(writer->buffer, needed);
  }
}

static inline char *writer_reserve(CsvWriter *writer, gsize needed)
{
  if (writer->buffer_size - writer->length < needed)
    writer_make_room_slow(writer, needed);
  return writer->buffer + writer->length;
}

static inline void writer_append(CsvWriter *writer, const char *bytes, gsize length)
{
  memcpy(writer_reserve(writer, length), bytes, length);
  writer->length += length;
}

static inline void writer_start_field(CsvWriter *writer)
{
  if (writer->row_started)
    writer_append(writer, ",", 1);
  writer->row_started = TRUE;
}

static void writer_append_raw(CsvWriter *writer, const char *text)
{
  writer_start_field(writer);
  writer_append(writer, text, strlen(text));
}

static inline gboolean is_blank(char c)
{
  return c == ' ' || c == '\t';
}

#define FIELD_SPECIALS ",\"\r\n"

/* The length of text, and whether it needs quotes: it holds a delimiter, a
 * quote or a line end, or starts or ends with a blank, which readers trim
 * from unquoted fields. One SIMD scan (strcspn) finds the plain end of the
 * common field that needs none. */
static gsize field_measure(const char *text, gboolean *quote)
{
  gsize plain = strcspn(text, FIELD_SPECIALS);
  if (text[plain] != '\0') {
    *quote = TRUE;
    return plain + strlen(text + plain);
  }
  *quote = plain > 0 && (is_blank(text[0]) || is_blank(text[plain - 1]));
  return plain;
}

/* The quoted field, quotes doubled, into out (2 * length + 2 bytes at
 * most); returns its end. */
static char *field_quote(const char *text, gsize length, char *out)
{
  *out++ = '"';
  for (gsize i = 0; i < length; i++) {
    if (text[i] == '"')
      *out++ = '"';
    *out++ = text[i];
  }
  *out++ = '"';
  return out;
}

void csv_writer_add_text(CsvWriter *writer, const char *text)
{
  writer_start_field(writer);
  if (text == NULL)
    return;
  gboolean quote;
  gsize length = field_measure(text, &quote);
  if (!quote) {
    writer_append(writer, text, length);
    return;
  }
  char *out = writer_reserve(writer, 2 * length + 2);
  writer->length += (gsize)(field_quote(text, length, out) - out);
}

void csv_writer_format_text(GString *out, const char *text)
{
  if (text == NULL)
    return;
  gboolean quote;
  gsize length = field_measure(text, &quote);
  if (!quote) {
    g_string_append_len(out, text, (gssize)length);
    return;
  }
  gsize start = out->len;
  g_string_set_size(out, start + 2 * length + 2);
  g_string_truncate(out, (gsize)(field_quote(text, length, out->str + start) - out->str));
}

void csv_writer_add_fields(CsvWriter *writer, const char *fields, gsize length)
{
  writer_start_field(writer);
  writer_append(writer, fields, length);
}

/* Digits by hand: stage files hold millions of counts, and printf costs
 * more than the rest of writing them. */
void csv_writer_add_int(CsvWriter *writer, gint64 value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? (guint64)0 - (guint64)value : (guint64)value;
  do {
    *--p = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  writer_start_field(writer);
  writer_append(writer, p, (gsize)(digits + sizeof digits - p));
}

/* Digits of magnitude, the last `decimals` after a '.' (and a "0" before
 * it), into the end of buf; returns where they start. */
static char *decimal_digits(guint64 magnitude, guint decimals, char *end)
{
  char *p = end;
  for (guint i = 0; i < decimals; i++) {
    *--p = (char)('0' + magnitude % 10);
    magnitude /= 10;
  }
  if (decimals > 0)
    *--p = '.';
  do {
    *--p = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude > 0);
  return p;
}

/* printf's "%.2f" rounds the exact binary value half to even. value * 100 is
 * exact in a 64-bit significand (53 + 7 bits), so the fraction compared
 * with one half below is exact too and the digits are printf's, without
 * its cost (millions of scores). FALSE where that does not hold. */
static gboolean hundredths_round(double value, guint64 *out)
{
#if LDBL_MANT_DIG >= 64
  double magnitude = fabs(value);
  if (!(magnitude < 1e15))
    return FALSE;
  long double scaled = (long double)magnitude * 100.0L;
  long double whole = floorl(scaled);
  long double fraction = scaled - whole;
  guint64 n = (guint64)whole;
  if (fraction > 0.5L || (fraction == 0.5L && n % 2 == 1))
    n++;
  *out = n;
  return TRUE;
#else
  (void)value;
  (void)out;
  return FALSE;
#endif
}

void csv_writer_add_double2(CsvWriter *writer, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite(value)) {
    csv_writer_add_empty(writer);
    return;
  }
  guint64 hundredths = 0;
  if (hundredths_round(value, &hundredths)) {
    char *end = buf + sizeof buf;
    char *p = decimal_digits(hundredths, 2, end);
    /* A value that rounds to zero from below must not show as "-0.00". */
    if (value < 0 && hundredths > 0)
      *--p = '-';
    writer_start_field(writer);
    writer_append(writer, p, (gsize)(end - p));
    return;
  }
  g_ascii_formatd(buf, sizeof buf, "%.2f", value);
  if (strcmp(buf, "-0.00") == 0)
    strcpy(buf, "0.00");
  writer_append_raw(writer, buf);
}

/* The text of a decimal with at most 15 significant digits and 8 decimals
 * that reads back as value, if there is one: then it is the one "%.15g"
 * prints (two such decimals are further apart than two doubles), in plain
 * notation from 1e-4 on. The division is correctly rounded, so it tells
 * exactly whether the decimal reads back as value. */
static gboolean short_decimal_format(double value, char *buf, gsize size)
{
  static const double powers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  double magnitude = fabs(value);
  if (!(magnitude >= 1e-4 && magnitude < 1e15))
    return FALSE;
  for (guint d = 0; d < G_N_ELEMENTS(powers); d++) {
    double scaled = nearbyint(magnitude * powers[d]);
    if (scaled >= 1e15 || scaled / powers[d] != magnitude)
      continue;
    char digits[24];
    char *end = digits + sizeof digits;
    char *p = decimal_digits((guint64)scaled, d, end);
    if (value < 0)
      *--p = '-';
    if ((gsize)(end - p) >= size)
      return FALSE;
    memcpy(buf, p, (gsize)(end - p));
    buf[end - p] = '\0';
    return TRUE;
  }
  return FALSE;
}

void csv_writer_add_double_exact(CsvWriter *writer, double value)
{
  static const char *const formats[] = {"%.15g", "%.16g", "%.17g"};
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite(value)) {
    csv_writer_add_empty(writer);
    return;
  }
  if (value == 0.0)
    value = 0.0; /* -0 reads back equal as "0" */
  if (value == 0.0 || short_decimal_format(value, buf, sizeof buf)) {
    writer_append_raw(writer, value == 0.0 ? "0" : buf);
    return;
  }
  for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
    g_ascii_formatd(buf, sizeof buf, formats[i], value);
    if (g_ascii_strtod(buf, NULL) == value)
      break;
  }
  writer_append_raw(writer, buf);
}

void csv_writer_add_empty(CsvWriter *writer)
{
  writer_start_field(writer);
}

void csv_writer_end_row(CsvWriter *writer)
{
  writer_append(writer, "\n", 1);
  writer->row_started = FALSE;
  if (writer->length >= CSV_WRITER_FLUSH_BYTES)
    writer_flush_buffer(writer);
}

static void writer_free(CsvWriter *writer)
{
  if (writer->fd >= 0)
    close(writer->fd);
  g_free(writer->buffer);
  g_free(writer->path);
  g_free(writer->tmp_path);
  g_free(writer);
}

static gboolean make_parent_dir(const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname(path);
  if (g_mkdir_with_parents(dir, 0777) != 0) {
    int saved = errno;
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT, "cannot create folder %s: %s", dir,
                g_strerror(saved));
    return FALSE;
  }
  return TRUE;
}

CsvWriter *csv_writer_open(const char *path, const char *const *header, GError **error)
{
  if (!make_parent_dir(path, error))
    return NULL;
  CsvWriter *writer = g_new0(CsvWriter, 1);
  writer->path = g_strdup(path);
  writer->tmp_path = g_strdup_printf("%s.tmp-XXXXXX", path);
  writer->buffer_size = CSV_WRITER_BUFFER_BYTES;
  writer->buffer = g_malloc(writer->buffer_size);
  writer->fd = g_mkstemp(writer->tmp_path);
  if (writer->fd < 0) {
    int saved = errno;
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT, "cannot write %s: %s", path,
                g_strerror(saved));
    writer_free(writer);
    return NULL;
  }
  /* mkstemp creates 0600; stage files are ordinary files for their readers. */
  fchmod(writer->fd, 0644);
  for (guint i = 0; header && header[i]; i++)
    csv_writer_add_text(writer, header[i]);
  csv_writer_end_row(writer);
  return writer;
}

/* Puts the temporary file in place; 0 or the errno. Renamed over an
 * existing file, ext4 (auto_da_alloc) writes the new one out at once, the
 * fsync given up (csv_writer.h) by another name: the names of the two are
 * exchanged instead, which is not such a rename, and the previous file,
 * now under the temporary name, removed. Readers see one whole file or the
 * other all the same. */
static int writer_put_in_place(const CsvWriter *writer)
{
#ifdef RENAME_EXCHANGE
  struct stat previous;
  if (lstat(writer->path, &previous) == 0 && S_ISREG(previous.st_mode) &&
      renameat2(AT_FDCWD, writer->tmp_path, AT_FDCWD, writer->path, RENAME_EXCHANGE) == 0) {
    g_unlink(writer->tmp_path);
    return 0;
  }
#endif
  return g_rename(writer->tmp_path, writer->path) == 0 ? 0 : errno;
}

static gboolean writer_finish(CsvWriter *writer, GError **error)
{
  /* No fsync (csv_writer.h): the rename alone keeps readers from a
   * half-written file, and a crash costs a rerun, not data. */
  writer_flush_buffer(writer);
  if (close(writer->fd) != 0 && writer->write_errno == 0)
    writer->write_errno = errno;
  writer->fd = -1;
  if (writer->write_errno == 0)
    writer->write_errno = writer_put_in_place(writer);
  if (writer->write_errno == 0)
    return TRUE;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_OUTPUT, "cannot write %s: %s", writer->path,
              g_strerror(writer->write_errno));
  g_unlink(writer->tmp_path);
  return FALSE;
}

gboolean csv_writer_commit(CsvWriter *writer, GError **error)
{
  gboolean ok = writer_finish(writer, error);
  writer_free(writer);
  return ok;
}

void csv_writer_abort(CsvWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->fd >= 0) {
    close(writer->fd);
    writer->fd = -1;
  }
  g_unlink(writer->tmp_path);
  writer_free(writer);
}

void csv_writer_remove_stale(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
    const char *mark = g_strrstr(name, ".tmp-");
    if (mark != NULL && strlen(mark) == strlen(".tmp-XXXXXX")) {
      g_autofree char *path = g_build_filename(dir, name, NULL);
      g_unlink(path);
    }
  }
  if (d != NULL)
    g_dir_close(d);
}

gboolean csv_writer_replace_file(const char *path, const char *data, gsize length, GError **error)
{
  CsvWriter *writer = csv_writer_open(path, NULL, error);
  if (writer == NULL)
    return FALSE;
  /* open wrote an empty header line; the bytes replace it. */
  writer->length = 0;
  writer_append(writer, data, length);
  return csv_writer_commit(writer, error);
}
