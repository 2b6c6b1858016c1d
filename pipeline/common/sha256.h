/* SHA-256 of input files (input_files.csv, the cache, the report's Method
 * sheet): uses the processor's SHA instructions where it has them (several
 * times faster than GChecksum, which reads every byte of a large tree),
 * GChecksum elsewhere. Both give the same digest. */
#pragma once
#include <glib.h>

#define SHA256_BYTES 32
#define SHA256_HEX_BYTES 65 /* 64 hex digits and the NUL */

typedef struct {
  guint32 state[8];
  guint8 block[64];
  gsize block_len;
  guint64 total;
  GChecksum *fallback; /* set when the processor has no SHA instructions */
} Sha256;

void sha256_init(Sha256 *sha);
void sha256_update(Sha256 *sha, const void *data, gsize len);
/* Writes the digest and releases what init took; init again to reuse. */
void sha256_finish(Sha256 *sha, guint8 digest[SHA256_BYTES]);

/* The digest of len bytes at data, in one go. */
void sha256_digest(const void *data, gsize len, guint8 digest[SHA256_BYTES]);

/* Lowercase hex of a digest into out. */
void sha256_hex(const guint8 digest[SHA256_BYTES], char out[SHA256_HEX_BYTES]);

/* The digest of a file, read in chunks. Errors: G_FILE_ERROR with the
 * system's reason alone; the caller names the file as its users know it. */
gboolean sha256_file(const char *path, guint8 digest[SHA256_BYTES], GError **error);
