/* The cache of <work>/cache/ (cache.h): entries are single files written
 * over in place as they are made, framed by a header naming the versions
 * and the key and closed by a checksum of everything before it. */
#include "ingest/cache.h"
#include "common/sha256.h"
#include "version.h"
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "ssi-pipeline cache\n"
#define CACHE_NAME_MAX 80

struct IngestCache {
  char *dir;
  GMutex lock;
  GHashTable *used; /* "section/file name" of the entries this run loaded or stored */
};

IngestCache *ingest_cache_open(const char *work_dir)
{
  g_autofree char *dir = g_build_filename(work_dir, INGEST_CACHE_DIR, NULL);
  if (g_mkdir_with_parents(dir, 0777) != 0)
    return NULL;
  IngestCache *cache = g_new0(IngestCache, 1);
  cache->dir = g_steal_pointer(&dir);
  g_mutex_init(&cache->lock);
  cache->used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return cache;
}

void ingest_cache_free(IngestCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref(cache->used);
  g_mutex_clear(&cache->lock);
  g_free(cache->dir);
  g_free(cache);
}

static gboolean name_is_plain(const char *key)
{
  if (key[0] == '\0' || key[0] == '.' || strlen(key) > CACHE_NAME_MAX)
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

/* "id-<key>" or "h-<hash>": the two forms cannot meet. */
char *ingest_cache_file_name(const char *key)
{
  if (name_is_plain(key))
    return g_strconcat("id-", key, NULL);
  guint8 digest[SHA256_BYTES];
  char hex[SHA256_HEX_BYTES];
  sha256_digest(key, strlen(key), digest);
  sha256_hex(digest, hex);
  return g_strconcat("h-", hex, NULL);
}

static void cache_mark_used(IngestCache *cache, const char *section, const char *name)
{
  g_mutex_lock(&cache->lock);
  g_hash_table_add(cache->used, g_strconcat(section, "/", name, NULL));
  g_mutex_unlock(&cache->lock);
}

/* --- Checksum: XXH64 with seed 0 ------------------------------------------
 * Entries are read whole on every rerun (180 MB for 2,000 ambassadors): a
 * checksum that finds torn or damaged entries at memory speed, where
 * SHA-256 took a twentieth of a rerun. Nothing here needs a cryptographic
 * hash: whoever can write the cache can write its checksums too. */

#define XXH_P1 G_GUINT64_CONSTANT(0x9E3779B185EBCA87)
#define XXH_P2 G_GUINT64_CONSTANT(0xC2B2AE3D27D4EB4F)
#define XXH_P3 G_GUINT64_CONSTANT(0x165667B19E3779F9)
#define XXH_P4 G_GUINT64_CONSTANT(0x85EBCA77C2B2AE63)
#define XXH_P5 G_GUINT64_CONSTANT(0x27D4EB2F165667C5)

static guint64 xxh_rotl(guint64 x, int r)
{
  return (x << r) | (x >> (64 - r));
}

static guint64 xxh_read64(const guint8 *p)
{
  guint64 v;
  memcpy(&v, p, sizeof v);
  return GUINT64_FROM_LE(v);
}

static guint32 xxh_read32(const guint8 *p)
{
  guint32 v;
  memcpy(&v, p, sizeof v);
  return GUINT32_FROM_LE(v);
}

static guint64 xxh_round(guint64 acc, guint64 input)
{
  return xxh_rotl(acc + input * XXH_P2, 31) * XXH_P1;
}

static guint64 xxh_merge(guint64 acc, guint64 lane)
{
  return (acc ^ xxh_round(0, lane)) * XXH_P1 + XXH_P4;
}

/* The state of a checksum taken piece by piece: entries are written as
 * they are made, not built whole in memory first. */
typedef struct {
  guint64 v[4];
  guint64 total;
  guint8 tail[32]; /* bytes short of a 32-byte stripe */
  gsize tail_len;
} Xxh;

static void xxh_init(Xxh *x)
{
  memset(x, 0, sizeof *x);
  x->v[0] = XXH_P1 + XXH_P2;
  x->v[1] = XXH_P2;
  x->v[3] = (guint64)0 - XXH_P1;
}

static void xxh_stripe(Xxh *x, const guint8 *p)
{
  for (int i = 0; i < 4; i++)
    x->v[i] = xxh_round(x->v[i], xxh_read64(p + 8 * i));
}

static void xxh_update(Xxh *x, const guint8 *data, gsize len)
{
  x->total += len;
  if (x->tail_len > 0) {
    gsize take = MIN(len, 32 - x->tail_len);
    memcpy(x->tail + x->tail_len, data, take);
    x->tail_len += take;
    data += take;
    len -= take;
    if (x->tail_len < 32)
      return;
    xxh_stripe(x, x->tail);
    x->tail_len = 0;
  }
  for (; len >= 32; data += 32, len -= 32)
    xxh_stripe(x, data);
  memcpy(x->tail, data, len);
  x->tail_len = len;
}

static void xxh_final(const Xxh *x, guint8 out[INGEST_CACHE_CHECKSUM_BYTES])
{
  guint64 h = XXH_P5;
  if (x->total >= 32) {
    h = xxh_rotl(x->v[0], 1) + xxh_rotl(x->v[1], 7) + xxh_rotl(x->v[2], 12) + xxh_rotl(x->v[3], 18);
    for (int i = 0; i < 4; i++)
      h = xxh_merge(h, x->v[i]);
  }
  h += x->total;
  const guint8 *p = x->tail, *end = x->tail + x->tail_len;
  for (; end - p >= 8; p += 8)
    h = xxh_rotl(h ^ xxh_round(0, xxh_read64(p)), 27) * XXH_P1 + XXH_P4;
  if (end - p >= 4) {
    h = xxh_rotl(h ^ (guint64)xxh_read32(p) * XXH_P1, 23) * XXH_P2 + XXH_P3;
    p += 4;
  }
  for (; p < end; p++)
    h = xxh_rotl(h ^ (guint64)*p * XXH_P5, 11) * XXH_P1;
  h ^= h >> 33;
  h *= XXH_P2;
  h ^= h >> 29;
  h *= XXH_P3;
  h ^= h >> 32;
  h = GUINT64_TO_LE(h);
  memcpy(out, &h, INGEST_CACHE_CHECKSUM_BYTES);
}

void ingest_cache_checksum(const guint8 *data, gsize len, guint8 out[INGEST_CACHE_CHECKSUM_BYTES])
{
  Xxh x;
  xxh_init(&x);
  xxh_update(&x, data, len);
  xxh_final(&x, out);
}

/* --- Framing --------------------------------------------------------------- */

static void frame_header(GByteArray *out, const char *section, const char *key)
{
  g_byte_array_append(out, (const guint8 *)CACHE_MAGIC, sizeof CACHE_MAGIC - 1);
  ingest_cache_put_uint(out, INGEST_CACHE_FORMAT_VERSION);
  ingest_cache_put_string(out, SSI_PIPELINE_VERSION);
  ingest_cache_put_string(out, section);
  ingest_cache_put_string(out, key);
}

static gboolean frame_sealed(const guint8 *data, gsize len)
{
  if (len < INGEST_CACHE_CHECKSUM_BYTES)
    return FALSE;
  guint8 sum[INGEST_CACHE_CHECKSUM_BYTES];
  ingest_cache_checksum(data, len - INGEST_CACHE_CHECKSUM_BYTES, sum);
  return memcmp(sum, data + len - INGEST_CACHE_CHECKSUM_BYTES, sizeof sum) == 0;
}

static gboolean string_is(IngestCacheReader *r, const char *want)
{
  g_autofree char *got = ingest_cache_get_string(r);
  return got != NULL && strcmp(got, want) == 0;
}

/* The payload inside a sealed entry of this version and key, or NULL. */
static GBytes *frame_open(GBytes *file, const char *section, const char *key)
{
  gsize len;
  const guint8 *data = g_bytes_get_data(file, &len);
  gsize magic = sizeof CACHE_MAGIC - 1;
  if (len < magic || memcmp(data, CACHE_MAGIC, magic) != 0 || !frame_sealed(data, len))
    return NULL;
  IngestCacheReader r = {data + magic, data + len - INGEST_CACHE_CHECKSUM_BYTES, FALSE, NULL};
  if (ingest_cache_get_uint(&r) != INGEST_CACHE_FORMAT_VERSION ||
      !string_is(&r, SSI_PIPELINE_VERSION) || !string_is(&r, section) || !string_is(&r, key) ||
      r.bad)
    return NULL;
  return g_bytes_new_from_bytes(file, (gsize)(r.p - data), (gsize)(r.end - r.p));
}

/* --- Entries ---------------------------------------------------------------- */

GBytes *ingest_cache_load(IngestCache *cache, const char *section, const char *key)
{
  g_autofree char *name = ingest_cache_file_name(key);
  g_autofree char *path = g_build_filename(cache->dir, section, name, NULL);
  cache_mark_used(cache, section, name);
  char *contents = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &contents, &len, NULL))
    return NULL;
  g_autoptr(GBytes) file = g_bytes_new_take(contents, len);
  return frame_open(file, section, key);
}

static gboolean write_all(int fd, const guint8 *data, gsize len)
{
  while (len > 0) {
    ssize_t n = write(fd, data, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return FALSE;
    data += n;
    len -= (gsize)n;
  }
  return TRUE;
}

/* The entry's file, opened to be written over in place: no temporary file
 * and no rename, which cost a rerun that replaces thousands of entries two
 * directory updates each. Meanwhile, and after a crash, the file holds a
 * mix of old and new bytes whose checksum fails: a miss, never an entry
 * believed (a write that fails removes the file). It is not truncated to
 * nothing on opening: ext4 takes a file cut to size 0 and written again for
 * a replaced file and flushes it to disk on close (auto_da_alloc), a wait
 * per entry; it is written over and cut to its new length instead. Readable
 * by its owner alone, as the exports whose events it holds. -1 when it
 * cannot be opened. */
static int entry_file_open(const char *path)
{
  return open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
}

struct IngestCacheWriter {
  char *path;
  int fd;           /* -1: the entry cannot be written, and is not */
  guint64 old_size; /* of the file written over */
  guint64 written;
  Xxh sum;
  GByteArray *buffer;
};

IngestCacheWriter *ingest_cache_writer_new(IngestCache *cache, const char *section, const char *key)
{
  g_autofree char *name = ingest_cache_file_name(key);
  g_autofree char *dir = g_build_filename(cache->dir, section, NULL);
  IngestCacheWriter *w = g_new0(IngestCacheWriter, 1);
  w->path = g_build_filename(dir, name, NULL);
  w->fd = -1;
  xxh_init(&w->sum);
  w->buffer = g_byte_array_sized_new(64 * 1024 + 1024);
  cache_mark_used(cache, section, name);
  w->fd = entry_file_open(w->path);
  if (w->fd < 0 && g_mkdir_with_parents(dir, 0777) == 0)
    w->fd = entry_file_open(w->path);
  struct stat st;
  if (w->fd >= 0)
    w->old_size = fstat(w->fd, &st) == 0 ? (guint64)st.st_size : G_MAXUINT64;
  frame_header(w->buffer, section, key);
  return w;
}

GByteArray *ingest_cache_writer_payload(IngestCacheWriter *writer)
{
  return writer->buffer;
}

/* A write that fails drops the entry: fd is closed and the file removed. */
static void writer_fail(IngestCacheWriter *w)
{
  if (w->fd < 0)
    return;
  close(w->fd);
  w->fd = -1;
  g_unlink(w->path);
}

/* Writes of this size at least: an entry is mostly a few of them. */
#define WRITER_FLUSH_BYTES (64 * 1024)

void ingest_cache_writer_flush(IngestCacheWriter *writer)
{
  GByteArray *b = writer->buffer;
  if (b->len < WRITER_FLUSH_BYTES)
    return;
  xxh_update(&writer->sum, b->data, b->len);
  if (writer->fd >= 0 && !write_all(writer->fd, b->data, b->len))
    writer_fail(writer);
  writer->written += b->len;
  g_byte_array_set_size(b, 0);
}

static void writer_free(IngestCacheWriter *w)
{
  g_free(w->path);
  g_byte_array_unref(w->buffer);
  g_free(w);
}

/* No fsync: an entry a crash leaves half-written fails its checksum and is
 * ignored, and syncing thousands of entries would cost more than it saves.
 * The file is cut after the checksum is written: until then the old
 * entry's end, or nothing, follows the new bytes. */
void ingest_cache_writer_commit(IngestCacheWriter *writer)
{
  guint8 sum[INGEST_CACHE_CHECKSUM_BYTES];
  xxh_update(&writer->sum, writer->buffer->data, writer->buffer->len);
  xxh_final(&writer->sum, sum);
  g_byte_array_append(writer->buffer, sum, sizeof sum);
  GByteArray *b = writer->buffer;
  if (writer->fd >= 0 && !write_all(writer->fd, b->data, b->len))
    writer_fail(writer);
  writer->written += b->len;
  if (writer->fd >= 0) {
    /* Cut only when the old entry was longer: on ext4 even a cut to the
     * same size writes the inode to the journal. */
    gboolean ok =
        writer->written >= writer->old_size || ftruncate(writer->fd, (off_t)writer->written) == 0;
    ok = close(writer->fd) == 0 && ok;
    if (!ok)
      g_unlink(writer->path);
  }
  writer_free(writer);
}

void ingest_cache_writer_abort(IngestCacheWriter *writer)
{
  if (writer == NULL)
    return;
  writer_fail(writer);
  writer_free(writer);
}

void ingest_cache_store(IngestCache *cache, const char *section, const char *key,
                        const GByteArray *payload)
{
  IngestCacheWriter *writer = ingest_cache_writer_new(cache, section, key);
  g_byte_array_append(writer->buffer, payload->data, payload->len);
  ingest_cache_writer_commit(writer);
}

void ingest_cache_prune(IngestCache *cache, const char *section)
{
  g_autofree char *dir = g_build_filename(cache->dir, section, NULL);
  GDir *d = g_dir_open(dir, 0, NULL);
  if (d == NULL)
    return;
  const char *name;
  while ((name = g_dir_read_name(d)) != NULL) {
    g_autofree char *used = g_strconcat(section, "/", name, NULL);
    g_mutex_lock(&cache->lock);
    gboolean keep = g_hash_table_contains(cache->used, used);
    g_mutex_unlock(&cache->lock);
    if (keep)
      continue;
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_unlink(path);
  }
  g_dir_close(d);
}

/* --- Payload encoding: LEB128 numbers, strings as length + 1 (0 is NULL)
 * then the bytes and a NUL, so that loading can point into the payload. */

/* Room at the end of out, to be cut back to what was written: one call
 * into the array per value, where entries hold hundreds of thousands. */
static guint8 *put_room(GByteArray *out, gsize room)
{
  guint start = out->len;
  g_byte_array_set_size(out, start + (guint)room);
  return out->data + start;
}

static void put_done(GByteArray *out, const guint8 *end)
{
  g_byte_array_set_size(out, (guint)(end - out->data));
}

static guint8 *put_leb128(guint8 *p, guint64 value)
{
  do {
    *p = (guint8)(value & 0x7f);
    value >>= 7;
    if (value != 0)
      *p |= 0x80;
    p++;
  } while (value != 0);
  return p;
}

void ingest_cache_put_uint(GByteArray *out, guint64 value)
{
  put_done(out, put_leb128(put_room(out, 10), value));
}

void ingest_cache_put_string(GByteArray *out, const char *text)
{
  if (text == NULL) {
    ingest_cache_put_uint(out, 0);
    return;
  }
  gsize len = strlen(text);
  guint8 *p = put_leb128(put_room(out, 10 + len + 1), (guint64)len + 1);
  memcpy(p, text, len + 1);
  put_done(out, p + len + 1);
}

void ingest_cache_put_bytes(GByteArray *out, const guint8 *data, gsize len)
{
  g_byte_array_append(out, data, (guint)len);
}

void ingest_cache_reader_init(IngestCacheReader *reader, GBytes *payload)
{
  gsize len;
  reader->p = g_bytes_get_data(payload, &len);
  reader->end = reader->p + len;
  reader->bad = FALSE;
  reader->payload = payload;
}

guint64 ingest_cache_get_uint(IngestCacheReader *reader)
{
  guint64 value = 0;
  for (guint shift = 0; shift < 64; shift += 7) {
    if (reader->p >= reader->end)
      break;
    guint8 b = *reader->p++;
    value |= (guint64)(b & 0x7f) << shift;
    if (!(b & 0x80))
      return value;
  }
  reader->bad = TRUE;
  return 0;
}

const char *ingest_cache_get_string_ref(IngestCacheReader *reader, gsize *len)
{
  guint64 n = ingest_cache_get_uint(reader);
  *len = 0;
  if (n == 0 || reader->bad)
    return NULL;
  if (n > (guint64)(reader->end - reader->p) || reader->p[n - 1] != '\0') {
    reader->bad = TRUE;
    return NULL;
  }
  const char *text = (const char *)reader->p;
  *len = (gsize)(n - 1);
  reader->p += n;
  return text;
}

char *ingest_cache_get_string(IngestCacheReader *reader)
{
  gsize len;
  const char *text = ingest_cache_get_string_ref(reader, &len);
  if (text == NULL)
    return NULL;
  char *copy = g_malloc(len + 1);
  memcpy(copy, text, len);
  copy[len] = '\0';
  return copy;
}

gboolean ingest_cache_get_bytes(IngestCacheReader *reader, guint8 *out, gsize len)
{
  if (reader->bad || len > (gsize)(reader->end - reader->p)) {
    reader->bad = TRUE;
    return FALSE;
  }
  memcpy(out, reader->p, len);
  reader->p += len;
  return TRUE;
}

/* --- Tree files -------------------------------------------------------------- */

void ingest_cache_put_file(GByteArray *out, const IngestTreeFile *file)
{
  g_return_if_fail(file->has_sha256);
  ingest_cache_put_string(out, file->path);
  ingest_cache_put_uint(out, file->bytes);
  ingest_cache_put_uint(out, (guint64)file->mtime_ns);
  ingest_cache_put_uint(out, (guint64)file->ctime_ns);
  ingest_cache_put_uint(out, file->inode);
  ingest_cache_put_bytes(out, file->sha256, SHA256_BYTES);
}

/* The path where it lies: every file of an entry is compared on every run. */
gboolean ingest_cache_get_file(IngestCacheReader *reader, IngestCacheFile *out)
{
  gsize len;
  out->path = ingest_cache_get_string_ref(reader, &len);
  out->bytes = ingest_cache_get_uint(reader);
  out->mtime_ns = (gint64)ingest_cache_get_uint(reader);
  out->ctime_ns = (gint64)ingest_cache_get_uint(reader);
  out->inode = ingest_cache_get_uint(reader);
  if (ingest_cache_get_bytes(reader, out->sha256, sizeof out->sha256) && out->path != NULL)
    return TRUE;
  out->path = NULL;
  return FALSE;
}

gboolean ingest_cache_file_matches(const IngestCacheFile *cached, IngestTreeFile *file)
{
  if (!file->regular || strcmp(cached->path, file->path) != 0 || cached->bytes != file->bytes ||
      cached->mtime_ns != file->mtime_ns || cached->ctime_ns != file->ctime_ns ||
      cached->inode != file->inode)
    return FALSE;
  memcpy(file->sha256, cached->sha256, sizeof file->sha256);
  file->has_sha256 = TRUE;
  return TRUE;
}
