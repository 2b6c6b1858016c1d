/* The cache in <work>/cache/ that spares an incremental run re-reading the
 * exports it read before (inputs.md: a cache never changes a result). An
 * entry is one file holding what reading some input files gave, with the
 * identity of those files; the readers decide what goes in (linkedin.c keeps
 * one entry per ambassador).
 *
 * Which files count as unchanged: those whose path, size, modification time
 * and change time (both to the nanosecond) and inode are as recorded. They
 * are neither read nor hashed again: their recorded SHA-256 is reused for
 * input_files.csv. Hashing every file to compare contents would read every
 * byte again, which is most of what a cold run costs. An edit that keeps the
 * size and sets the modification time back still moves the change time,
 * which no program can set; only changes made beneath the file system
 * (restoring a disk image, a clock set back) could pass unseen, and removing
 * <work>/cache/ then makes the next run a cold one.
 *
 * Entries are written over in place and carry a checksum of their bytes
 * (XXH64), so a crash or a full disk leaves the old entry, the new one or
 * one whose checksum fails and that is ignored (the ambassador is then read
 * again), never one that is believed. Every entry carries the format
 * version and the pipeline version: another version's entries are ignored
 * and replaced. Entries no run uses any more are removed. */
#pragma once
#include "ingest/tree.h"
#include <glib.h>

/* Raise when what an entry holds, or how the files it describes are read,
 * changes. */
#define INGEST_CACHE_FORMAT_VERSION 5

#define INGEST_CACHE_DIR "cache"

typedef struct IngestCache IngestCache;

/* Opens <work_dir>/cache/, creating it. NULL when it cannot be created: the
 * run then goes on without a cache. */
IngestCache *ingest_cache_open(const char *work_dir);
void ingest_cache_free(IngestCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestCache, ingest_cache_free)

/* The payload of an entry, checked; NULL when there is none or it is of
 * another version or damaged. The entry counts as in use. Thread-safe. */
GBytes *ingest_cache_load(IngestCache *cache, const char *section, const char *key);

/* Writes an entry (over the old one, in place) and counts it as in use. A
 * failure only costs the next run time, so it is not reported. Thread-safe. */
void ingest_cache_store(IngestCache *cache, const char *section, const char *key,
                        const GByteArray *payload);

/* An entry written as it is made, so that a large one is never whole in
 * memory: put the payload into ingest_cache_writer_payload, call flush now
 * and then (it writes what the payload holds once that is large, leaving it
 * empty), and commit, or abort to drop the
 * entry. A writer that cannot write takes the payload all the same and
 * writes nothing; the entry counts as in use. Any thread. */
typedef struct IngestCacheWriter IngestCacheWriter;
IngestCacheWriter *ingest_cache_writer_new(IngestCache *cache, const char *section,
                                           const char *key);
GByteArray *ingest_cache_writer_payload(IngestCacheWriter *writer);
void ingest_cache_writer_flush(IngestCacheWriter *writer);
/* Both free the writer. */
void ingest_cache_writer_commit(IngestCacheWriter *writer);
void ingest_cache_writer_abort(IngestCacheWriter *writer);

/* Removes the entries of section this run did not load or store, and any
 * other file there (older versions wrote through temporary files): the
 * cache follows the tree. */
void ingest_cache_prune(IngestCache *cache, const char *section);

/* The file name of an entry inside its section's folder: the key where it is
 * made of letters, digits, '-', '_' and '.', else a hash of it. */
char *ingest_cache_file_name(const char *key);

/* The checksum that closes an entry, over every byte before it: XXH64 (seed
 * 0), little-endian. */
#define INGEST_CACHE_CHECKSUM_BYTES 8
void ingest_cache_checksum(const guint8 *data, gsize len, guint8 out[INGEST_CACHE_CHECKSUM_BYTES]);

/* --- Payloads: unsigned numbers and strings, read back with bounds checks. */

void ingest_cache_put_uint(GByteArray *out, guint64 value);
void ingest_cache_put_string(GByteArray *out, const char *text); /* NULL allowed */
void ingest_cache_put_bytes(GByteArray *out, const guint8 *data, gsize len);

typedef struct {
  const guint8 *p;
  const guint8 *end;
  gboolean bad;    /* read past the end or found a malformed value: drop the entry */
  GBytes *payload; /* what is read (not owned); NULL when not read from a GBytes */
} IngestCacheReader;

void ingest_cache_reader_init(IngestCacheReader *reader, GBytes *payload);
guint64 ingest_cache_get_uint(IngestCacheReader *reader);
/* Newly allocated; NULL for a NULL string or when reader->bad. */
char *ingest_cache_get_string(IngestCacheReader *reader);
/* The same in place: the bytes inside the payload, *len of them, followed
 * by a NUL (a string is stored with one, so that it can be used where it
 * lies for as long as reader->payload lives). */
const char *ingest_cache_get_string_ref(IngestCacheReader *reader, gsize *len);
gboolean ingest_cache_get_bytes(IngestCacheReader *reader, guint8 *out, gsize len);

/* A tree file's path, identity and SHA-256 (which must be known). */
void ingest_cache_put_file(GByteArray *out, const IngestTreeFile *file);

/* What ingest_cache_put_file wrote. */
typedef struct {
  const char *path; /* in the reader's payload */
  guint64 bytes;
  gint64 mtime_ns;
  gint64 ctime_ns;
  guint64 inode;
  guint8 sha256[32];
} IngestCacheFile;

/* FALSE when the payload is damaged; out->path is then NULL. */
gboolean ingest_cache_get_file(IngestCacheReader *reader, IngestCacheFile *out);

/* TRUE when cached describes file as it is now; file->sha256 is then filled
 * in from the cache. */
gboolean ingest_cache_file_matches(const IngestCacheFile *cached, IngestTreeFile *file);
