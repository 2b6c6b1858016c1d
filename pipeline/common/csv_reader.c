/* Streaming CSV reader over libcsv (csv_reader.h). A first pass finds encoding
 * and delimiter; the second splits the usual records itself, as libcsv would,
 * and feeds libcsv the others line by line, so each record knows the line
 * where it starts, and a bad record is handed on without losing the rest. */
#include "common/csv_reader.h"
#include "common/errors.h"
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CSV_READER_CHUNK_BYTES (64 * 1024)
#define CSV_READER_WHOLE_FILE_BYTES (8 * 1024 * 1024)
#define CSV_READER_DEFAULT_MAX_RECORD (16 * 1024 * 1024)
/* More fields than a spreadsheet has columns: a line of commas in a binary
 * file, say. Past it a record's fields would cost far more memory than its
 * bytes, and matching a header against them far more time. */
#define CSV_READER_MAX_FIELDS 16384
#define CSV_TOO_MANY_FIELDS "record of more than 16384 fields"
#define CSV_EXCERPT_CHARS 200
/* Enough raw bytes for 200 characters of four bytes each. */
#define CSV_EXCERPT_RAW_BYTES (CSV_EXCERPT_CHARS * 4)
#define CSV_PARSER_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
/* libcsv's default grows a field 128 bytes at a time. */
#define CSV_PARSER_BLOCK 4096
#define UTF8_BOM "\xEF\xBB\xBF"

/* --- Windows-1252 ------------------------------------------------------- */

/* 0x80-0x9F differ from Latin-1; bytes Windows-1252 leaves undefined become
 * U+FFFD so a stray byte never stops a read. */
static const gunichar cp1252_c1[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

static gunichar cp1252_to_unichar(guchar c)
{
  if (c == 0)
    return 0xFFFD; /* a NUL would cut the field short */
  if (c >= 0x80 && c < 0xA0)
    return cp1252_c1[c - 0x80];
  return c;
}

/* Writes UTF-8 for len Windows-1252 bytes into out, which has room for
 * 3 * len bytes; returns the bytes written. */
static gsize cp1252_to_utf8(char *out, const char *data, gsize len)
{
  char *w = out;
  for (gsize i = 0; i < len; i++) {
    guchar c = (guchar)data[i];
    if (c != 0 && c < 0x80)
      *w++ = (char)c;
    else
      w += g_unichar_to_utf8(cp1252_to_unichar(c), w);
  }
  return (gsize)(w - out);
}

/* --- The fields of one record ------------------------------------------ */

/* Fields are copied out of libcsv's buffer into one block reused from record
 * to record, so reading costs no allocation per field. */
typedef struct {
  char *text; /* the fields, each NUL-terminated */
  gsize len, cap;
  gsize *starts; /* where each field starts in text */
  char **fields; /* pointers handed to the callback */
  guint n, n_cap;
} FieldArena;

static char *arena_reserve(FieldArena *a, gsize n)
{
  if (a->len + n > a->cap) {
    a->cap = MAX(a->cap * 2, a->len + n);
    a->text = g_realloc(a->text, a->cap);
  }
  return a->text + a->len;
}

static void arena_begin_field(FieldArena *a)
{
  if (a->n == a->n_cap) {
    a->n_cap = MAX(16, a->n_cap * 2);
    a->starts = g_renew(gsize, a->starts, a->n_cap);
    a->fields = g_renew(char *, a->fields, a->n_cap);
  }
  a->starts[a->n++] = a->len;
}

/* Appends to the field begun, with room for its NUL. */
static void arena_append(FieldArena *a, const char *data, gsize len, gboolean cp1252)
{
  if (cp1252) {
    a->len += cp1252_to_utf8(arena_reserve(a, 3 * len + 1), data, len);
  } else {
    memcpy(arena_reserve(a, len + 1), data, len);
    a->len += len;
  }
}

static void arena_add_field(FieldArena *a, const char *data, gsize len, gboolean cp1252)
{
  arena_begin_field(a);
  arena_append(a, data, len, cp1252);
  a->text[a->len++] = '\0';
}

/* A quoted field's text with each doubled quote ("") read as one. */
static void arena_add_unescaped(FieldArena *a, const char *data, gsize len, gboolean cp1252)
{
  arena_begin_field(a);
  while (len > 0) {
    const char *quote = memchr(data, '"', len);
    gsize piece = quote != NULL ? (gsize)(quote - data) + 1 : len;
    arena_append(a, data, piece, cp1252);
    piece = MIN(len, piece + 1); /* the quote doubling it */
    data += piece;
    len -= piece;
  }
  arena_reserve(a, 1);
  a->text[a->len++] = '\0';
}

/* Room for the records of most files, so that none grows it. */
static void arena_init(FieldArena *a)
{
  a->cap = 4096;
  a->text = g_malloc(a->cap);
  a->n_cap = 32;
  a->starts = g_new(gsize, a->n_cap);
  a->fields = g_new(char *, a->n_cap);
}

static char **arena_fields(FieldArena *a)
{
  for (guint i = 0; i < a->n; i++)
    a->fields[i] = a->text + a->starts[i];
  return a->fields;
}

static void arena_reset(FieldArena *a)
{
  a->len = 0;
  a->n = 0;
}

static void arena_clear(FieldArena *a)
{
  g_free(a->text);
  g_free(a->starts);
  g_free(a->fields);
}

/* --- Sources: a file read in chunks, a stream, or bytes in memory ------- */

typedef struct {
  int fd;                  /* -1 for memory and streams */
  const CsvStream *stream; /* NULL for files and memory */
  const char *path;
  const char *data; /* memory, or the chunk buffer of a file or stream */
  gsize length;     /* memory only */
  gsize offset;
  char *buffer;
  guint64 pass_bytes; /* bytes handed out since the last rewind */
} Source;

/* Some bytes into buf: the count, 0 at the end, -1 with error set. */
static gssize source_read_some(Source *src, char *buf, gsize max, GError **error)
{
  if (src->stream != NULL)
    return src->stream->read(src->stream->stream, buf, max, error);
  for (;;) {
    ssize_t n = read(src->fd, buf, max);
    if (n >= 0)
      return n;
    if (errno == EINTR)
      continue;
    int saved = errno;
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "cannot read %s: %s",
                src->path, g_strerror(saved));
    return -1;
  }
}

static gboolean source_read_chunk(Source *src, const char **chunk, gsize *len, GError **error)
{
  gsize got = 0;
  while (got < CSV_READER_CHUNK_BYTES) {
    gssize n = source_read_some(src, src->buffer + got, CSV_READER_CHUNK_BYTES - got, error);
    if (n < 0)
      return FALSE;
    if (n == 0)
      break;
    got += (gsize)n;
  }
  *chunk = src->buffer;
  *len = got;
  return TRUE;
}

/* The next chunk; *len is 0 at the end. */
static gboolean source_next(Source *src, const char **chunk, gsize *len, GError **error)
{
  if (src->fd >= 0 || src->stream != NULL) {
    if (!source_read_chunk(src, chunk, len, error))
      return FALSE;
  } else {
    *chunk = src->data + src->offset;
    *len = MIN(src->length - src->offset, (gsize)CSV_READER_CHUNK_BYTES);
    src->offset += *len;
  }
  src->pass_bytes += *len;
  return TRUE;
}

static gboolean source_rewind(Source *src, GError **error)
{
  src->offset = 0;
  src->pass_bytes = 0;
  if (src->stream != NULL)
    return src->stream->rewind(src->stream->stream, error);
  if (src->fd >= 0 && lseek(src->fd, 0, SEEK_SET) != 0) {
    int saved = errno;
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "cannot read %s: %s",
                src->path, g_strerror(saved));
    return FALSE;
  }
  return TRUE;
}

/* --- First pass: encoding and delimiter --------------------------------- */

typedef struct {
  gboolean started;
  gboolean bom;
  gboolean valid_utf8;
  char carry[4]; /* a UTF-8 sequence cut by the chunk's end */
  gsize carry_len;
  gboolean backslash_quote;
  char delimiter; /* 0 until decided */
  gboolean in_quotes;
  char previous;
  guint counts[3]; /* ',', ';', '\t' outside quotes on the current line */
} Probe;

static gsize utf8_sequence_length(guchar lead)
{
  if (lead >= 0xC2 && lead <= 0xDF)
    return 2;
  if (lead >= 0xE0 && lead <= 0xEF)
    return 3;
  if (lead >= 0xF0 && lead <= 0xF4)
    return 4;
  return 0;
}

/* TRUE when p[0..len) is the start of a sequence the next chunk may finish. */
static gboolean utf8_is_open_prefix(const char *p, gsize len)
{
  gsize need = utf8_sequence_length((guchar)p[0]);
  if (need == 0 || len >= need)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (((guchar)p[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

/* Finishes a carried sequence with the first bytes of this chunk; returns how
 * many bytes of the chunk it used. */
static gsize probe_utf8_carry(Probe *pr, const char *p, gsize len)
{
  gsize need = utf8_sequence_length((guchar)pr->carry[0]);
  gsize take = MIN(need - pr->carry_len, len);
  memcpy(pr->carry + pr->carry_len, p, take);
  pr->carry_len += take;
  if (pr->carry_len < need) {
    pr->valid_utf8 = utf8_is_open_prefix(pr->carry, pr->carry_len);
    return take;
  }
  pr->valid_utf8 = g_utf8_validate_len(pr->carry, pr->carry_len, NULL);
  pr->carry_len = 0;
  return take;
}

static gboolean is_continuation(guchar c, guchar low, guchar high)
{
  return c >= low && c <= high;
}

/* The length of the sequence starting at p (lead byte >= 0x80), or 0 when it
 * is not well-formed (Unicode's table 3-7: no overlong forms, surrogates or
 * values past U+10FFFF) or not complete within len bytes. */
static gsize utf8_sequence_at(const guchar *p, gsize len)
{
  guchar c = p[0];
  gsize need = utf8_sequence_length(c);
  if (need == 0 || len < need)
    return 0;
  guchar low = 0x80, high = 0xBF;
  if (c == 0xE0)
    low = 0xA0;
  else if (c == 0xED)
    high = 0x9F;
  else if (c == 0xF0)
    low = 0x90;
  else if (c == 0xF4)
    high = 0x8F;
  if (!is_continuation(p[1], low, high))
    return 0;
  for (gsize i = 2; i < need; i++)
    if (!is_continuation(p[i], 0x80, 0xBF))
      return 0;
  return need;
}

/* The first byte of u[0..n) that is not ASCII or is NUL, or u + n. Most
 * text is ASCII between a few accented letters: with SSE2, sixteen bytes at
 * a time, and sixty-four at a time with one branch while the run lasts;
 * else eight. */
#ifdef __SSE2__
/* TRUE when the 64 bytes at u are ASCII other than NUL: those greater than
 * zero as signed bytes. */
static gboolean ascii_block64(const guchar *u)
{
  const __m128i zero = _mm_setzero_si128();
  __m128i a = _mm_cmpgt_epi8(_mm_loadu_si128((const __m128i *)u), zero);
  __m128i b = _mm_cmpgt_epi8(_mm_loadu_si128((const __m128i *)(u + 16)), zero);
  __m128i c = _mm_cmpgt_epi8(_mm_loadu_si128((const __m128i *)(u + 32)), zero);
  __m128i d = _mm_cmpgt_epi8(_mm_loadu_si128((const __m128i *)(u + 48)), zero);
  return _mm_movemask_epi8(_mm_and_si128(_mm_and_si128(a, b), _mm_and_si128(c, d))) == 0xFFFF;
}
#endif

static const guchar *ascii_run_end(const guchar *u, const guchar *end)
{
#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128();
  while (end - u >= 64 && ascii_block64(u))
    u += 64;
  for (; end - u >= 16; u += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)u);
    unsigned mask = ~(unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(v, zero)) & 0xFFFF;
    if (mask != 0)
      return u + __builtin_ctz(mask);
  }
#endif
  const guint64 high = G_GUINT64_CONSTANT(0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);
  for (; end - u >= 8; u += 8) {
    guint64 w;
    memcpy(&w, u, 8);
    if (((w & high) | ((w - ones) & ~w & high)) != 0)
      break;
  }
  while (u < end && *u != 0 && *u < 0x80)
    u++;
  return u;
}

/* Skips sixteen-byte blocks of ASCII (NUL aside) and two-byte sequences,
 * the accented Latin letters of most names, without a branch per
 * character: a block passes when its bytes 0x80-0xBF are exactly those
 * after its lead bytes 0xC2-0xDF (all such pairs are well-formed). Returns
 * where the first block that does not starts, or the start of a sequence
 * cut by it, for the byte by byte check. */
static const guchar *utf8_simple_run_end(const guchar *u, const guchar *end)
{
#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128();
  const __m128i below_c0 = _mm_set1_epi8(-64), above_c1 = _mm_set1_epi8(-63);
  const __m128i below_e0 = _mm_set1_epi8(-32);
  unsigned carry = 0; /* the last block ended with a lead byte */
  while (end - u >= 16) {
    if (carry == 0 && end - u >= 64 && ascii_block64(u)) {
      u += 64;
      continue;
    }
    __m128i v = _mm_loadu_si128((const __m128i *)u);
    u += 16;
    unsigned high = (unsigned)_mm_movemask_epi8(v);
    if (high == 0 && carry == 0) {
      if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)) != 0)
        return u - 16;
      continue;
    }
    unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, below_c0));
    unsigned lead = (unsigned)_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpgt_epi8(v, above_c1), _mm_cmplt_epi8(v, below_e0)));
    if ((lead | cont) != high || cont != (((lead << 1) | carry) & 0xFFFF) ||
        _mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)) != 0)
      return u - 16 - carry;
    carry = lead >> 15;
  }
  return u - carry;
#else
  (void)end;
  return u;
#endif
}

/* Where p[0..len) stops being UTF-8 as g_utf8_validate_len sees it (a NUL
 * byte ends it too), or NULL when it never does. */
static const char *utf8_invalid_at(const char *p, gsize len)
{
  const guchar *u = (const guchar *)p, *end = u + len;
  while ((u = ascii_run_end(utf8_simple_run_end(u, end), end)) < end) {
    if (*u == 0)
      return (const char *)u;
    gsize n = utf8_sequence_at(u, (gsize)(end - u));
    if (n == 0)
      return (const char *)u;
    u += n;
  }
  return NULL;
}

static void probe_utf8(Probe *pr, const char *p, gsize len)
{
  if (pr->carry_len > 0) {
    gsize used = probe_utf8_carry(pr, p, len);
    p += used;
    len -= used;
    if (!pr->valid_utf8 || pr->carry_len > 0)
      return;
  }
  const char *end = utf8_invalid_at(p, len);
  if (end == NULL)
    return;
  gsize rest = len - (gsize)(end - p);
  if (utf8_is_open_prefix(end, rest)) {
    memcpy(pr->carry, end, rest);
    pr->carry_len = rest;
  } else {
    pr->valid_utf8 = FALSE;
  }
}

/* Most frequent of ',', ';', tab; ties prefer that order. */
static char probe_pick_delimiter(const Probe *pr)
{
  static const char candidates[3] = {',', ';', '\t'};
  guint best = 0;
  for (guint i = 1; i < 3; i++)
    if (pr->counts[i] > pr->counts[best])
      best = i;
  return pr->counts[best] > 0 ? candidates[best] : 0;
}

static void probe_delimiter(Probe *pr, const char *p, gsize len)
{
  for (gsize i = 0; i < len && pr->delimiter == 0; i++) {
    char c = p[i];
    if (c == '"' && !(pr->backslash_quote && pr->in_quotes && pr->previous == '\\'))
      pr->in_quotes = !pr->in_quotes;
    else if (!pr->in_quotes && c == ',')
      pr->counts[0]++;
    else if (!pr->in_quotes && c == ';')
      pr->counts[1]++;
    else if (!pr->in_quotes && c == '\t')
      pr->counts[2]++;
    else if (c == '\n')
      pr->delimiter = probe_pick_delimiter(pr);
    pr->previous = c;
  }
}

static void probe_chunk(Probe *pr, const char *p, gsize len)
{
  if (!pr->started) {
    pr->started = TRUE;
    pr->bom = len >= 3 && memcmp(p, UTF8_BOM, 3) == 0;
    if (pr->bom) {
      p += 3;
      len -= 3;
    }
  }
  if (pr->valid_utf8)
    probe_utf8(pr, p, len);
  if (pr->delimiter == 0)
    probe_delimiter(pr, p, len);
}

static gboolean probe_source(Source *src, Probe *pr, GError **error)
{
  for (;;) {
    const char *chunk;
    gsize len;
    if (!source_next(src, &chunk, &len, error))
      return FALSE;
    if (len == 0)
      break;
    probe_chunk(pr, chunk, len);
    if (!pr->valid_utf8 && pr->delimiter != 0)
      break; /* nothing left to learn */
  }
  if (pr->carry_len > 0)
    pr->valid_utf8 = FALSE; /* the file ends inside a sequence */
  if (pr->delimiter == 0)
    pr->delimiter = probe_pick_delimiter(pr);
  if (pr->delimiter == 0)
    pr->delimiter = ',';
  return TRUE;
}

/* --- Second pass: records ----------------------------------------------- */

typedef struct {
  struct csv_parser parser;
  char delimiter;
  gboolean backslash_quote;
  gboolean plain_delimiter; /* records may be split without libcsv */
  gboolean windows_1252;
  gsize max_record_bytes;
  char *too_long_reason;

  CsvRecordFunc func;
  gpointer user_data;
  GError *error; /* the callback's, which stops reading */
  CsvFileInfo *info;

  guint64 line;         /* physical line of the bytes being fed */
  gboolean pending;     /* a record has begun and not yet ended */
  guint64 record_line;  /* where the pending record began */
  gsize record_bytes;   /* raw bytes of the pending record */
  gboolean skip_to_eol; /* the rest of this line belongs to a given-up record */
  gboolean held_backslash;
  const char *malformed;    /* why the record ending now is malformed */
  gboolean too_many_fields; /* the record's fields past the limit were dropped */
  guint64 rows_emitted;

  FieldArena arena;
  char raw[CSV_EXCERPT_RAW_BYTES + 1]; /* the record's first bytes as read */
  gsize raw_len;
  char excerpt[CSV_EXCERPT_CHARS * 3 + 1]; /* converted from Windows-1252 */
  GString *translated;                     /* a line with \" turned into "" */
} Reader;

static void reader_on_field(void *data, size_t len, void *user)
{
  Reader *r = user;
  if (r->arena.n >= CSV_READER_MAX_FIELDS) {
    r->too_many_fields = TRUE;
    return;
  }
  arena_add_field(&r->arena, data ? data : "", data ? len : 0, r->windows_1252);
}

/* The bytes of the first 200 characters of raw[0..len), which is valid
 * UTF-8 (the file is) but for a character the capture may have cut at the
 * end. Every record has an excerpt: characters are counted by their first
 * bytes, and leading ASCII eight bytes at a time. */
static gsize excerpt_cut_valid(const char *raw, gsize len)
{
  const guint64 high = G_GUINT64_CONSTANT(0x8080808080808080);
  gsize i = 0, chars = 0;
  while (i + 8 <= len && i + 8 <= CSV_EXCERPT_CHARS) {
    guint64 w;
    memcpy(&w, raw + i, 8);
    if ((w & high) != 0)
      break;
    i += 8;
  }
  chars = i;
  for (; i < len; i++) {
    if (((guchar)raw[i] & 0xC0) == 0x80)
      continue;
    if (chars == CSV_EXCERPT_CHARS)
      return i;
    chars++;
  }
  /* The end reached: drop a last character cut short. */
  gsize start = len;
  while (start > 0 && ((guchar)raw[start - 1] & 0xC0) == 0x80 && len - start < 3)
    start--;
  if (start > 0 && (guchar)raw[start - 1] >= 0xC0 &&
      start - 1 + (gsize)g_utf8_skip[(guchar)raw[start - 1]] > len)
    return start - 1;
  return len;
}

/* The raw record without its line end, as UTF-8, cut to 200 characters. */
static const char *reader_build_excerpt(Reader *r)
{
  gsize len = r->raw_len;
  while (len > 0 && (r->raw[len - 1] == '\n' || r->raw[len - 1] == '\r'))
    len--;
  if (r->windows_1252) {
    gsize n = cp1252_to_utf8(r->excerpt, r->raw, MIN(len, (gsize)CSV_EXCERPT_CHARS));
    r->excerpt[n] = '\0';
    return r->excerpt;
  }
  /* Short records are whole lines of a valid file: no need to count. */
  if (len > CSV_EXCERPT_CHARS)
    len = excerpt_cut_valid(r->raw, len);
  r->raw[len] = '\0';
  return r->raw;
}

/* A record cut short by the size limit may end inside a UTF-8 sequence. */
static void repair_fields(char **fields, guint n, GPtrArray *repaired)
{
  for (guint i = 0; i < n; i++) {
    if (g_utf8_validate(fields[i], -1, NULL))
      continue;
    fields[i] = g_utf8_make_valid(fields[i], -1);
    g_ptr_array_add(repaired, fields[i]);
  }
}

static void reader_call(Reader *r, CsvRecord *record)
{
  r->info->records++;
  if (r->func(record, r->user_data, &r->error) || r->error != NULL)
    return;
  g_set_error(&r->error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
              "reading stopped at line %" G_GUINT64_FORMAT, record->line);
}

/* Hands the record of these fields to the callback and starts the next. */
static void reader_emit(Reader *r, char **fields)
{
  r->rows_emitted++;
  if (r->malformed == NULL && r->too_many_fields)
    r->malformed = CSV_TOO_MANY_FIELDS;
  if (r->error == NULL) {
    g_autoptr(GPtrArray) repaired = NULL;
    if (r->malformed != NULL && !r->windows_1252) {
      repaired = g_ptr_array_new_with_free_func(g_free);
      repair_fields(fields, r->arena.n, repaired);
    }
    CsvRecord record = {r->arena.n, fields, r->pending ? r->record_line : r->line, r->malformed,
                        reader_build_excerpt(r)};
    reader_call(r, &record);
  }
  arena_reset(&r->arena);
  r->raw_len = 0;
  r->pending = FALSE;
  if (r->too_many_fields) {
    r->too_many_fields = FALSE;
    r->malformed = NULL;
  }
}

static void reader_on_row(int c, void *user)
{
  (void)c;
  Reader *r = user;
  reader_emit(r, arena_fields(&r->arena));
}

/* Hands on the pending record as malformed and leaves the parser ready for
 * the next record. */
static void reader_end_malformed(Reader *r, const char *reason)
{
  guint64 before = r->rows_emitted;
  r->malformed = reason;
  /* Without STRICT_FINI, csv_fini submits what it holds and resets. */
  csv_set_opts(&r->parser, CSV_PARSER_OPTIONS & ~CSV_STRICT_FINI);
  csv_fini(&r->parser, reader_on_field, reader_on_row, r);
  csv_set_opts(&r->parser, CSV_PARSER_OPTIONS);
  if (r->rows_emitted == before)
    reader_emit(r, arena_fields(&r->arena));
  r->malformed = NULL;
  r->held_backslash = FALSE;
}

/* Turns \" into "" (Comments.csv); a backslash at a chunk's end waits for
 * the next byte. */
static const char *reader_translate(Reader *r, const char *data, gsize *len)
{
  if (!r->held_backslash && memchr(data, '\\', *len) == NULL)
    return data;
  GString *t = r->translated;
  g_string_truncate(t, 0);
  gsize i = 0;
  if (r->held_backslash) {
    r->held_backslash = FALSE;
    g_string_append(t, *len > 0 && data[0] == '"' ? "\"\"" : "\\");
    i = *len > 0 && data[0] == '"' ? 1 : 0;
  }
  for (; i < *len; i++) {
    if (data[i] == '\\' && i + 1 == *len) {
      r->held_backslash = TRUE;
      break;
    }
    if (data[i] == '\\' && data[i + 1] == '"') {
      g_string_append(t, "\"\"");
      i++;
      continue;
    }
    g_string_append_c(t, data[i]);
  }
  *len = t->len;
  return t->str;
}

/* FALSE on a strict-mode parse error (malformed quoting). */
static gboolean reader_parse(Reader *r, const char *data, gsize len)
{
  /* libcsv grows a field by blk_size at a time: growing it by what the
   * record already holds keeps a field of megabytes from costing thousands
   * of reallocations. */
  csv_set_blk_size(&r->parser, MAX(CSV_PARSER_BLOCK, r->record_bytes));
  if (r->backslash_quote)
    data = reader_translate(r, data, &len);
  return csv_parse(&r->parser, data, len, reader_on_field, reader_on_row, r) == len;
}

static gboolean segment_is_blank(const Reader *r, const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++) {
    char c = s[i];
    if (c != ' ' && c != '\r' && c != '\n' && (c != '\t' || r->delimiter == '\t'))
      return FALSE;
  }
  return TRUE;
}

static void reader_capture_raw(Reader *r, const char *seg, gsize len)
{
  gsize n = MIN(len, CSV_EXCERPT_RAW_BYTES - r->raw_len);
  memcpy(r->raw + r->raw_len, seg, n);
  r->raw_len += n;
}

static char *describe_limit(gsize bytes)
{
  if (bytes % (1024 * 1024) == 0)
    return g_strdup_printf("record longer than %" G_GSIZE_FORMAT " MiB", bytes / (1024 * 1024));
  if (bytes % 1024 == 0)
    return g_strdup_printf("record longer than %" G_GSIZE_FORMAT " KiB", bytes / 1024);
  return g_strdup_printf("record longer than %" G_GSIZE_FORMAT " bytes", bytes);
}

/* libcsv's state (struct csv_parser.pstate) while it holds nothing of a
 * record: a lone CR may end a record inside a line and the next one go on to
 * later lines, which only libcsv knows. */
#define LIBCSV_ROW_NOT_BEGUN 0

/* Records read without libcsv have at most this many fields. */
#define PLAIN_MAX_FIELDS 64

typedef struct {
  const char *start;
  gsize len;
  gboolean doubled_quotes; /* a quoted field's quotes are written "" */
} PlainField;

/* Where a record read without libcsv stands. */
typedef struct {
  const char *eol;   /* the '\n' ending the physical line being read */
  const char *bound; /* the end of the chunk: bytes past it are unknown */
  guint newlines;    /* line ends inside quoted fields */
  gboolean crlf;     /* a CRLF line end seen */
  gboolean ended;    /* the record's line end reached */
} PlainScan;

static gboolean is_blank(const Reader *r, char c)
{
  return (c == ' ' || c == '\t') && c != r->delimiter;
}

/* The first byte of [p, stop) that is the delimiter, a quote or a CR, else
 * stop. Sixteen bytes at a time where bound (>= stop) lets them be read:
 * unquoted fields are most of the bytes of most files. */
static const char *plain_scan(const char *p, const char *stop, const char *bound, char delimiter)
{
#ifdef __SSE2__
  const __m128i d = _mm_set1_epi8(delimiter), q = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
  for (; p < stop && bound - p >= 16; p += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, q)),
                               _mm_cmpeq_epi8(v, cr));
    unsigned mask = (unsigned)_mm_movemask_epi8(hit);
    if (mask != 0)
      return MIN(p + __builtin_ctz(mask), stop);
  }
#endif
  for (; p < stop; p++)
    if (*p == delimiter || *p == '"' || *p == '\r')
      return p;
  return stop;
}

/* The unquoted field [start, end), blanks around it dropped. */
static void plain_add_unquoted(const Reader *r, const char *start, const char *end,
                               PlainField *field)
{
  while (start < end && is_blank(r, *start))
    start++;
  while (end > start && is_blank(r, end[-1]))
    end--;
  *field = (PlainField){start, (gsize)(end - start), FALSE};
}

/* TRUE when the field that stops at at is followed by the delimiter or
 * ends the record there: at is its line end, or the CR of a CRLF one. */
static gboolean plain_field_ends(const Reader *r, PlainScan *s, const char *at)
{
  if (at == s->eol || (*at == '\r' && at + 1 == s->eol)) {
    s->ended = TRUE;
    if (at != s->eol)
      s->crlf = TRUE;
    return TRUE;
  }
  return *at == r->delimiter;
}

/* An unquoted field at *p, spaces and tabs around it dropped, up to the
 * delimiter or the line end. FALSE for a quote in it, or a CR other than
 * that of a CRLF line end: a lone CR ends a record in libcsv. */
static gboolean plain_unquoted(const Reader *r, PlainScan *s, const char **p, PlainField *field)
{
  const char *q = *p;
  const char *stop = plain_scan(q, s->eol, s->bound, r->delimiter);
  if (!plain_field_ends(r, s, stop))
    return FALSE;
  plain_add_unquoted(r, q, stop, field);
  *p = stop + 1;
  return TRUE;
}

/* The line ends inside a quoted field that closes at close, past s->eol:
 * counted, and the line the field closes on becomes the current one. */
static gboolean plain_cross_lines(PlainScan *s, const char *close)
{
  for (const char *nl = s->eol; nl != NULL; nl = memchr(nl + 1, '\n', (gsize)(close - nl - 1))) {
    s->newlines++;
    if (nl[-1] == '\r')
      s->crlf = TRUE;
  }
  s->eol = memchr(close, '\n', (gsize)(s->bound - close));
  return s->eol != NULL;
}

/* A quoted field at *p (its opening quote): its text up to the closing
 * quote, which must be followed by the delimiter or the line end. FALSE for
 * what only libcsv tells right: a quote not closed in the chunk, or followed
 * by anything else (spaces, a lone CR). */
static gboolean plain_quoted(const Reader *r, PlainScan *s, const char **p, PlainField *field)
{
  const char *start = *p + 1, *close = start;
  gboolean doubled = FALSE;
  for (;;) {
    close = memchr(close, '"', (gsize)(s->bound - close));
    if (close == NULL || close + 1 >= s->bound)
      return FALSE;
    if (close[1] != '"')
      break;
    doubled = TRUE;
    close += 2;
  }
  if (close > s->eol && !plain_cross_lines(s, close))
    return FALSE;
  *field = (PlainField){start, (gsize)(close - start), doubled};
  if (!plain_field_ends(r, s, close + 1))
    return FALSE;
  *p = close + 2;
  return TRUE;
}

#ifdef __SSE2__
/* Ends the record at its line end (a LF, or the CR of a CRLF) at, whose
 * last field starts at start; FALSE when at is a quote or a lone CR. */
static gboolean plain_fast_end(const Reader *r, PlainScan *s, const char *start, const char *at,
                               PlainField *field)
{
  if (*at == '\r' && (at + 1 == s->bound || at[1] != '\n'))
    return FALSE;
  if (*at != '\n' && *at != '\r')
    return FALSE;
  plain_add_unquoted(r, start, at, field);
  s->crlf = *at == '\r';
  s->eol = *at == '\r' ? at + 1 : at;
  s->ended = TRUE;
  return TRUE;
}
#endif

/* The unquoted fields of the record at line up to its first quote or CR, or
 * its line end, sixteen bytes at a time: the delimiters of a block come out
 * of one comparison, where plain_unquoted scans once per field. Returns
 * where the field holding a quote or CR starts, for plain_record to go on
 * from, or the byte past the record's line end (s->ended, s->eol set); NULL
 * for a record of too many fields. */
static const char *plain_fast(const Reader *r, const char *line, PlainScan *s, PlainField *fields,
                              guint *n)
{
  const char *start = line;
#ifdef __SSE2__
  const __m128i d = _mm_set1_epi8(r->delimiter), q = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
  for (const char *p = line; s->bound - p >= 16; p += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    unsigned special = (unsigned)_mm_movemask_epi8(_mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, cr)), _mm_cmpeq_epi8(v, lf)));
    unsigned stop = special != 0 ? (unsigned)__builtin_ctz(special) : 16;
    unsigned delimiters = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, d)) & ((1u << stop) - 1);
    for (; delimiters != 0; delimiters &= delimiters - 1) {
      if (*n == PLAIN_MAX_FIELDS)
        return NULL;
      const char *end = p + __builtin_ctz(delimiters);
      plain_add_unquoted(r, start, end, &fields[(*n)++]);
      start = end + 1;
    }
    if (special == 0)
      continue;
    if (*n < PLAIN_MAX_FIELDS && plain_fast_end(r, s, start, p + stop, &fields[*n])) {
      (*n)++;
      return s->eol + 1;
    }
    return start;
  }
#else
  (void)r;
  (void)s;
  (void)fields;
  (void)n;
#endif
  return start;
}

/* Splits the record starting at line as libcsv would, at a fraction of its
 * cost (it goes byte by byte through its states), when the record ends in
 * the chunk and is of the kind nearly all are: quoted fields closed before a
 * delimiter or the line end, doubled quotes in them, line ends too; unquoted
 * ones without quote or CR. Returns its bytes through its line end, or 0,
 * nothing done, for any other record and for a blank line. */
static gsize plain_record(const Reader *r, const char *line, PlainScan *s, PlainField *fields,
                          guint *n_fields)
{
  guint n = 0;
  const char *p = plain_fast(r, line, s, fields, &n);
  if (p == NULL)
    return 0;
  if (!s->ended && (s->eol = memchr(p, '\n', (gsize)(s->bound - p))) == NULL)
    return 0;
  while (!s->ended) {
    if (n == PLAIN_MAX_FIELDS)
      return 0;
    while (p < s->eol && is_blank(r, *p))
      p++;
    gboolean ok =
        *p == '"' ? plain_quoted(r, s, &p, &fields[n]) : plain_unquoted(r, s, &p, &fields[n]);
    if (!ok)
      return 0;
    n++;
  }
  gsize span = (gsize)(s->eol + 1 - line);
  if (span > r->max_record_bytes ||
      (n == 1 && fields[0].len == 0 && segment_is_blank(r, line, span)))
    return 0;
  /* Comments.csv's \" needs translating first: libcsv's way. */
  if (r->backslash_quote && memchr(line, '\\', span) != NULL)
    return 0;
  *n_fields = n;
  return span;
}

/* A quoted field's text, copied, with each doubled quote ("") read as one,
 * in place; returns its new length. */
static gsize unescape_in_place(char *text, gsize len)
{
  char *w = memchr(text, '"', len);
  if (w == NULL)
    return len;
  const char *p = w + 2, *end = text + len;
  w++;
  while (p < end) {
    char c = *p++;
    *w++ = c;
    if (c == '"')
      p++; /* the quote doubling it */
  }
  return (gsize)(w - text);
}

/* The fields of a UTF-8 record read without libcsv: the record is copied
 * once, and its fields are NUL-terminated where they lie in the copy (the
 * byte after a field is a delimiter, quote, blank or line end), instead of
 * being copied one by one. */
static char **arena_take_record(FieldArena *a, const char *line, gsize span,
                                const PlainField *fields, guint n)
{
  if (n > a->n_cap) {
    a->n_cap = MAX(n, a->n_cap * 2);
    a->starts = g_renew(gsize, a->starts, a->n_cap);
    a->fields = g_renew(char *, a->fields, a->n_cap);
  }
  char *copy = arena_reserve(a, span);
  memcpy(copy, line, span);
  a->len = span;
  for (guint i = 0; i < n; i++) {
    char *text = copy + (fields[i].start - line);
    gsize len = fields[i].doubled_quotes ? unescape_in_place(text, fields[i].len) : fields[i].len;
    text[len] = '\0';
    a->fields[i] = text;
  }
  a->n = n;
  return a->fields;
}

/* Reads the record at the start of a line without libcsv when it can (see
 * plain_record): returns the bytes it took, 0 when it took none. */
static gsize reader_take_plain(Reader *r, const char *line, const char *bound)
{
  if (r->pending || r->skip_to_eol || r->held_backslash || !r->plain_delimiter ||
      r->parser.pstate != LIBCSV_ROW_NOT_BEGUN)
    return 0;
  PlainScan s = {NULL, bound, 0, FALSE, FALSE};
  PlainField fields[PLAIN_MAX_FIELDS];
  guint n = 0;
  gsize span = plain_record(r, line, &s, fields, &n);
  if (span == 0)
    return 0;
  r->pending = TRUE;
  r->record_line = r->line;
  r->record_bytes = span;
  reader_capture_raw(r, line, span);
  if (r->windows_1252) {
    for (guint i = 0; i < n; i++) {
      if (fields[i].doubled_quotes)
        arena_add_unescaped(&r->arena, fields[i].start, fields[i].len, TRUE);
      else
        arena_add_field(&r->arena, fields[i].start, fields[i].len, TRUE);
    }
    reader_emit(r, arena_fields(&r->arena));
  } else {
    reader_emit(r, arena_take_record(&r->arena, line, span, fields, n));
  }
  r->line += 1 + s.newlines;
  if (s.crlf)
    r->info->crlf = TRUE;
  return span;
}

/* Feeds the take bytes a record may still have before its size limit, and
 * stops right after a lone CR that ends it there: the next record then
 * starts at a character boundary, with its own limit and excerpt. FALSE on
 * malformed quoting; *fed is what went in. */
static gboolean reader_parse_to_limit(Reader *r, const char *seg, gsize take, gsize *fed)
{
  guint64 rows = r->rows_emitted;
  gsize done = 0;
  while (done < take && r->rows_emitted == rows) {
    const char *cr = memchr(seg + done, '\r', take - done);
    gsize piece = cr != NULL ? (gsize)(cr - seg) + 1 - done : take - done;
    gboolean ok = reader_parse(r, seg + done, piece);
    done += piece;
    if (!ok) {
      *fed = done;
      return FALSE;
    }
  }
  *fed = done;
  return TRUE;
}

/* Feeds the pending record's part of a segment. Returns the bytes used:
 * fewer than len when a record ended at a lone CR inside the limit, and the
 * rest starts anew. */
static gsize reader_parse_record(Reader *r, const char *seg, gsize len, gboolean ends_line)
{
  if (!r->pending) {
    if (segment_is_blank(r, seg, len)) {
      reader_parse(r, seg, len);
      return len;
    }
    r->pending = TRUE;
    r->record_line = r->line;
    r->record_bytes = 0;
  }
  reader_capture_raw(r, seg, len);
  gsize take = MIN(len, r->max_record_bytes - r->record_bytes), fed = take;
  r->record_bytes += take;
  gboolean parsed =
      take == len ? reader_parse(r, seg, take) : reader_parse_to_limit(r, seg, take, &fed);
  if (!parsed) {
    reader_end_malformed(r, "malformed quoting");
    r->skip_to_eol = !ends_line; /* the rest of this segment is dropped */
    return len;
  }
  if (fed == len)
    return len;
  if (r->pending) {
    if (r->too_long_reason == NULL)
      r->too_long_reason = describe_limit(r->max_record_bytes);
    reader_end_malformed(r, r->too_long_reason);
    r->skip_to_eol = !ends_line;
    return len;
  }
  return fed;
}

/* Feeds one line, or the part of it inside this chunk. */
static void reader_parse_segment(Reader *r, const char *seg, gsize len, gboolean ends_line)
{
  while (len > 0) {
    gsize used = reader_parse_record(r, seg, len, ends_line);
    seg += used;
    len -= used;
  }
}

static void reader_take_segment(Reader *r, const char *seg, gsize len)
{
  gboolean ends_line = seg[len - 1] == '\n';
  if (ends_line && len >= 2 && seg[len - 2] == '\r')
    r->info->crlf = TRUE;
  if (r->skip_to_eol)
    r->skip_to_eol = !ends_line;
  else
    reader_parse_segment(r, seg, len, ends_line);
  if (ends_line)
    r->line++;
}

static void reader_take_chunk(Reader *r, const char *chunk, gsize len)
{
  const char *p = chunk, *end = chunk + len;
  while (p < end && r->error == NULL) {
    gsize plain = reader_take_plain(r, p, end);
    if (plain > 0) {
      p += plain;
      continue;
    }
    const char *nl = memchr(p, '\n', (gsize)(end - p));
    const char *seg_end = nl ? nl + 1 : end;
    reader_take_segment(r, p, (gsize)(seg_end - p));
    p = seg_end;
  }
}

static void reader_finish(Reader *r)
{
  if (r->held_backslash) {
    r->held_backslash = FALSE;
    reader_parse(r, "\\", 1);
  }
  if (r->error == NULL && csv_fini(&r->parser, reader_on_field, reader_on_row, r) != 0)
    reader_end_malformed(r, "unterminated quote at end of file");
}

static void reader_init(Reader *r, const CsvReaderOptions *options, const Probe *pr,
                        CsvFileInfo *info)
{
  memset(r, 0, sizeof *r);
  r->delimiter = pr->delimiter;
  r->plain_delimiter = strchr("\"\\\r\n", r->delimiter) == NULL;
  r->backslash_quote = options->backslash_quote;
  r->windows_1252 = !pr->valid_utf8;
  r->max_record_bytes =
      options->max_record_bytes ? options->max_record_bytes : CSV_READER_DEFAULT_MAX_RECORD;
  r->info = info;
  r->line = 1;
  arena_init(&r->arena);
  csv_init(&r->parser, CSV_PARSER_OPTIONS);
  csv_set_delim(&r->parser, (unsigned char)r->delimiter);
  csv_set_blk_size(&r->parser, CSV_PARSER_BLOCK);
  /* Only LinkedIn's Comments.csv needs the translation's buffer. */
  r->translated = r->backslash_quote ? g_string_new(NULL) : NULL;
}

static void reader_clear(Reader *r)
{
  csv_free(&r->parser);
  g_free(r->too_long_reason);
  arena_clear(&r->arena);
  if (r->translated != NULL)
    g_string_free(r->translated, TRUE);
}

static gboolean reader_run(Reader *r, Source *src, gboolean bom, GError **error)
{
  gboolean first = TRUE;
  for (;;) {
    const char *chunk;
    gsize len;
    if (!source_next(src, &chunk, &len, error))
      return FALSE;
    if (len == 0)
      break;
    if (first && bom) {
      chunk += 3;
      len -= 3;
    }
    first = FALSE;
    reader_take_chunk(r, chunk, len);
    if (r->error != NULL)
      break;
  }
  if (r->error == NULL)
    reader_finish(r);
  if (r->error != NULL) {
    g_propagate_error(error, g_steal_pointer(&r->error));
    return FALSE;
  }
  return TRUE;
}

static gboolean read_source(Source *src, const CsvReaderOptions *options, CsvRecordFunc func,
                            gpointer user_data, CsvFileInfo *info, GError **error)
{
  static const CsvReaderOptions defaults = {0, FALSE, 0};
  CsvFileInfo local_info;
  if (options == NULL)
    options = &defaults;
  if (info == NULL)
    info = &local_info;
  Probe pr = {.valid_utf8 = TRUE,
              .backslash_quote = options->backslash_quote,
              .delimiter = options->delimiter};
  if (!probe_source(src, &pr, error) || !source_rewind(src, error))
    return FALSE;
  info->encoding = !pr.valid_utf8 ? CSV_ENCODING_WINDOWS_1252
                   : pr.bom       ? CSV_ENCODING_UTF8_BOM
                                  : CSV_ENCODING_UTF8;
  info->delimiter = pr.delimiter;
  info->crlf = FALSE;
  info->records = 0;
  Reader r;
  reader_init(&r, options, &pr, info);
  r.func = func;
  r.user_data = user_data;
  gboolean ok = reader_run(&r, src, pr.bom, error);
  reader_clear(&r);
  return ok;
}

gboolean csv_reader_read_bytes(const char *data, gsize length, const CsvReaderOptions *options,
                               CsvRecordFunc func, gpointer user_data, CsvFileInfo *info,
                               GError **error)
{
  Source src = {.fd = -1, .data = data ? data : "", .length = data ? length : 0};
  if (info != NULL)
    info->bytes = src.length;
  return read_source(&src, options, func, user_data, info, error);
}

gboolean csv_reader_read_stream(const CsvStream *stream, const CsvReaderOptions *options,
                                CsvRecordFunc func, gpointer user_data, CsvFileInfo *info,
                                GError **error)
{
  Source src = {.fd = -1, .stream = stream};
  src.buffer = g_malloc(CSV_READER_CHUNK_BYTES);
  gboolean ok = read_source(&src, options, func, user_data, info, error);
  g_free(src.buffer);
  /* The second pass read it all, unless the callback stopped it. */
  if (info != NULL)
    info->bytes = src.pass_bytes;
  return ok;
}

/* A small file in one read: both passes then run over memory, and the file
 * is read once. FALSE, the file rewound, when it has grown since its size
 * was taken or a read fails: the reading in chunks then takes over. */
static gboolean read_whole(int fd, gsize size, char **out, gsize *length)
{
  char *data = g_malloc(size + 1);
  gsize got = 0;
  gboolean failed = FALSE;
  while (got <= size) {
    ssize_t n = read(fd, data + got, size + 1 - got);
    if (n < 0 && errno == EINTR)
      continue;
    failed = n < 0;
    if (n <= 0)
      break;
    got += (gsize)n;
  }
  if (failed || got > size) {
    g_free(data);
    lseek(fd, 0, SEEK_SET); /* a failure shows in the chunked reading */
    return FALSE;
  }
  *out = data;
  *length = got;
  return TRUE;
}

gboolean csv_reader_read_file(const char *path, const CsvReaderOptions *options, CsvRecordFunc func,
                              gpointer user_data, CsvFileInfo *info, GError **error)
{
  Source src = {.fd = open(path, O_RDONLY | O_CLOEXEC), .path = path};
  struct stat st;
  if (src.fd < 0 || fstat(src.fd, &st) != 0) {
    int saved = errno;
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "cannot open %s: %s", path,
                g_strerror(saved));
    if (src.fd >= 0)
      close(src.fd);
    return FALSE;
  }
  if (info != NULL)
    info->bytes = (guint64)st.st_size;
  g_autofree char *whole = NULL;
  gsize length = 0;
  if (st.st_size <= CSV_READER_WHOLE_FILE_BYTES &&
      read_whole(src.fd, (gsize)st.st_size, &whole, &length)) {
    close(src.fd);
    gboolean ok = csv_reader_read_bytes(whole, length, options, func, user_data, info, error);
    if (info != NULL)
      info->bytes = (guint64)st.st_size;
    return ok;
  }
  src.buffer = g_malloc(CSV_READER_CHUNK_BYTES);
  gboolean ok = read_source(&src, options, func, user_data, info, error);
  g_free(src.buffer);
  close(src.fd);
  return ok;
}

const char *csv_reader_encoding_name(CsvEncoding encoding)
{
  switch (encoding) {
  case CSV_ENCODING_UTF8_BOM:
    return "UTF-8 with BOM";
  case CSV_ENCODING_WINDOWS_1252:
    return "Windows-1252";
  default:
    return "UTF-8";
  }
}

/* --- Header rows -------------------------------------------------------- */

/* Header names compare trimmed, case-folded, without a stray BOM. */
static gboolean text_is_ascii(const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar)*text >= 0x80)
      return FALSE;
  return TRUE;
}

/* ASCII headers, nearly all of them, fold to lower case without the Unicode
 * tables: every file has a header, and a tree has hundreds of thousands. */
static char *header_key(const char *text)
{
  if (g_str_has_prefix(text, UTF8_BOM))
    text += 3;
  char *trimmed = g_strstrip(g_strdup(text));
  if (text_is_ascii(trimmed)) {
    for (char *p = trimmed; *p != '\0'; p++)
      *p = g_ascii_tolower(*p);
    return trimmed;
  }
  char *key = g_utf8_casefold(trimmed, -1);
  g_free(trimmed);
  return key;
}

/* A header name as compared: without a leading BOM and the white space
 * g_strstrip removes. ASCII names, nearly all, compare as they are, case
 * aside; others by their keys, made when needed: that costs allocations,
 * and every file has a header. */
typedef struct {
  const char *original;
  const char *text;
  gsize len;
  gboolean ascii;
  char *key; /* header_key(original), or NULL until needed */
} HeaderName;

static void header_name_init(HeaderName *h, const char *original)
{
  const char *p = g_str_has_prefix(original, UTF8_BOM) ? original + 3 : original;
  while (g_ascii_isspace(*p))
    p++;
  gsize len = strlen(p);
  while (len > 0 && g_ascii_isspace(p[len - 1]))
    len--;
  gboolean ascii = TRUE;
  for (gsize i = 0; i < len && ascii; i++)
    ascii = (guchar)p[i] < 0x80;
  *h = (HeaderName){original, p, len, ascii, NULL};
}

/* Case folding may turn other characters into ASCII ones (KELVIN SIGN into
 * k): unless both are ASCII, their keys decide. */
static gboolean header_names_match(HeaderName *a, HeaderName *b)
{
  if (a->ascii && b->ascii)
    return a->len == b->len && g_ascii_strncasecmp(a->text, b->text, a->len) == 0;
  if (a->key == NULL)
    a->key = header_key(a->original);
  if (b->key == NULL)
    b->key = header_key(b->original);
  return strcmp(a->key, b->key) == 0;
}

/* The spec's name and aliases. */
static guint spec_n_names(const CsvColumnSpec *spec)
{
  guint n = 1;
  while (spec->aliases != NULL && spec->aliases[n - 1] != NULL)
    n++;
  return n;
}

static void spec_names(const CsvColumnSpec *spec, HeaderName *names)
{
  header_name_init(&names[0], spec->name);
  for (guint a = 0; spec->aliases != NULL && spec->aliases[a] != NULL; a++)
    header_name_init(&names[a + 1], spec->aliases[a]);
}

static void header_names_clear(HeaderName *names, guint n)
{
  for (guint i = 0; i < n; i++)
    g_free(names[i].key);
}

static void append_quoted_list(GString *out, const char *const *names, guint n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf(out, "%s\"%s\"", i > 0 ? ", " : "", names[i]);
}

/* A binary file's first line may hold thousands of fields, or one field of
 * megabytes: messages show the first few, each cut short. */
#define FOUND_MAX_NAMES 40
#define FOUND_MAX_CHARS 60

/* Appends at most FOUND_MAX_CHARS characters of name; control characters
 * (a binary file's, which a terminal would act on) show as U+FFFD. */
static void append_found_name(GString *out, const char *name)
{
  const char *p = name;
  for (guint n = 0; *p != '\0' && n < FOUND_MAX_CHARS; n++, p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    g_string_append_unichar(out, c < 0x20 || c == 0x7F ? 0xFFFD : c);
  }
  if (*p != '\0')
    g_string_append(out, "...");
}

void csv_header_append_found(GString *out, const CsvRecord *header)
{
  guint shown = MIN(header->n_fields, FOUND_MAX_NAMES);
  for (guint f = 0; f < shown; f++) {
    const char *field = header->fields[f];
    g_autofree char *valid =
        g_utf8_make_valid(g_str_has_prefix(field, UTF8_BOM) ? field + 3 : field, -1);
    g_string_append_printf(out, "%s\"", f > 0 ? ", " : "");
    append_found_name(out, g_strstrip(valid));
    g_string_append_c(out, '"');
  }
  if (header->n_fields > shown)
    g_string_append_printf(out, " and %u more", header->n_fields - shown);
}

static void append_expected(GString *out, const CsvColumnSpec *specs, guint n_specs)
{
  for (guint i = 0; i < n_specs; i++) {
    g_string_append_printf(out, "%s\"%s\"", i > 0 ? ", " : "", specs[i].name);
    if (specs[i].aliases == NULL || specs[i].aliases[0] == NULL)
      continue;
    g_string_append(out, " (or ");
    append_quoted_list(out, (const char *const *)specs[i].aliases,
                       g_strv_length((char **)specs[i].aliases));
    g_string_append_c(out, ')');
  }
}

static void set_missing_error(const CsvRecord *header, const CsvColumnSpec *specs, guint n_specs,
                              const int *indices, GError **error)
{
  g_autoptr(GString) msg = g_string_new("missing column(s) ");
  g_autoptr(GPtrArray) missing = g_ptr_array_new();
  for (guint i = 0; i < n_specs; i++)
    if (indices[i] < 0 && specs[i].required)
      g_ptr_array_add(missing, (gpointer)specs[i].name);
  append_quoted_list(msg, (const char *const *)missing->pdata, missing->len);
  g_string_append(msg, "; found: ");
  csv_header_append_found(msg, header);
  g_string_append(msg, "; expected: ");
  append_expected(msg, specs, n_specs);
  g_set_error_literal(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, msg->str);
}

/* Names of a header or a spec kept on the stack. */
#define HEADER_SMALL 64

/* The field of the first column whose name is one of the spec's, or -1. */
static int header_find(HeaderName *fields, guint n_fields, const CsvColumnSpec *spec)
{
  HeaderName small[HEADER_SMALL];
  guint n_names = spec_n_names(spec);
  g_autofree HeaderName *large = n_names > HEADER_SMALL ? g_new(HeaderName, n_names) : NULL;
  HeaderName *names = large != NULL ? large : small;
  spec_names(spec, names);
  int found = -1;
  /* The first matching column wins over later duplicates. */
  for (guint f = 0; f < n_fields && found < 0; f++)
    for (guint i = 0; i < n_names && found < 0; i++)
      if (header_names_match(&fields[f], &names[i]))
        found = (int)f;
  header_names_clear(names, n_names);
  return found;
}

gboolean csv_header_map(const CsvRecord *header, const CsvColumnSpec *specs, guint n_specs,
                        int *indices, GError **error)
{
  gboolean complete = TRUE;
  HeaderName small[HEADER_SMALL];
  g_autofree HeaderName *large =
      header->n_fields > HEADER_SMALL ? g_new(HeaderName, header->n_fields) : NULL;
  HeaderName *fields = large != NULL ? large : small;
  for (guint f = 0; f < header->n_fields; f++)
    header_name_init(&fields[f], header->fields[f]);
  for (guint i = 0; i < n_specs; i++) {
    indices[i] = header_find(fields, header->n_fields, &specs[i]);
    if (indices[i] < 0 && specs[i].required)
      complete = FALSE;
  }
  header_names_clear(fields, header->n_fields);
  /* The message lists the header: not made when it is not asked for. */
  if (!complete && error != NULL)
    set_missing_error(header, specs, n_specs, indices, error);
  return complete;
}
