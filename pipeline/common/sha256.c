/* SHA-256 (sha256.h): FIPS 180-4 rounds on the x86 SHA extensions when the
 * processor has them, since hashing every input byte would otherwise cost as
 * much as parsing it; GChecksum on any other processor. */
#include "common/sha256.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define SHA256_HAVE_X86 1
#endif

#define SHA256_FILE_CHUNK (256 * 1024)

#ifdef SHA256_HAVE_X86

static const guint32 round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

/* Asked once per process (cpuid is slow in a virtual machine); the answer
 * never changes while it runs. Leaf 7 EBX bit 29 is SHA; SSE4.1 and SSSE3
 * (leaf 1 ECX) are for the shuffles. cpuid rather than
 * __builtin_cpu_supports("sha"), which clang 14 does not know. */
static gboolean cpu_has_sha(void)
{
  static gsize answer = 0; /* 0 not asked yet, 1 no, 2 yes */
  if (g_once_init_enter(&answer)) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    gboolean sha = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29)) != 0;
    gboolean shuffles =
        __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1) != 0 && (c & bit_SSSE3) != 0;
    g_once_init_leave(&answer, sha && shuffles ? 2 : 1);
  }
  return answer == 2;
}

/* Words 4g..4g+3 of the schedule from the four groups before them. */
__attribute__((target("sha,sse4.1"))) static inline __m128i schedule_next(__m128i w4, __m128i w3,
                                                                          __m128i w2, __m128i w1)
{
  __m128i t = _mm_sha256msg1_epu32(w4, w3);
  t = _mm_add_epi32(t, _mm_alignr_epi8(w1, w2, 4));
  return _mm_sha256msg2_epu32(t, w1);
}

__attribute__((target("sha,sse4.1"))) static void blocks_x86(guint32 state[8], const guint8 *data,
                                                             gsize n_blocks)
{
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  /* The instructions keep the state as ABEF and CDGH. */
  __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);
  __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);
  __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);
  state1 = _mm_blend_epi16(state1, tmp, 0xF0);
  for (gsize b = 0; b < n_blocks; b++, data += 64) {
    __m128i abef = state0, cdgh = state1;
    __m128i w[4];
    for (int i = 0; i < 4; i++) {
      w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byte_swap);
    }
    /* Unrolled, the schedule stays in registers: a quarter faster at -O2. */
#pragma GCC unroll 16
    for (int g = 0; g < 16; g++) {
      if (g >= 4)
        w[g & 3] = schedule_next(w[g & 3], w[(g + 1) & 3], w[(g + 2) & 3], w[(g + 3) & 3]);
      __m128i msg =
          _mm_add_epi32(w[g & 3], _mm_loadu_si128((const __m128i *)&round_constants[4 * g]));
      state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
      state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
    }
    state0 = _mm_add_epi32(state0, abef);
    state1 = _mm_add_epi32(state1, cdgh);
  }
  tmp = _mm_shuffle_epi32(state0, 0x1B);
  state1 = _mm_shuffle_epi32(state1, 0xB1);
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(tmp, state1, 0xF0));
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(state1, tmp, 8));
}

#else

static gboolean cpu_has_sha(void)
{
  return FALSE;
}

static void blocks_x86(guint32 state[8], const guint8 *data, gsize n_blocks)
{
  (void)state;
  (void)data;
  (void)n_blocks;
  g_assert_not_reached();
}

#endif

void sha256_init(Sha256 *sha)
{
  static const guint32 initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memset(sha, 0, sizeof *sha);
  memcpy(sha->state, initial, sizeof initial);
  if (!cpu_has_sha())
    sha->fallback = g_checksum_new(G_CHECKSUM_SHA256);
}

void sha256_update(Sha256 *sha, const void *data, gsize len)
{
  const guint8 *p = data;
  if (sha->fallback != NULL) {
    g_checksum_update(sha->fallback, p, (gssize)len);
    return;
  }
  sha->total += len;
  if (sha->block_len > 0) {
    gsize take = MIN(len, 64 - sha->block_len);
    memcpy(sha->block + sha->block_len, p, take);
    sha->block_len += take;
    p += take;
    len -= take;
    if (sha->block_len < 64)
      return;
    blocks_x86(sha->state, sha->block, 1);
    sha->block_len = 0;
  }
  if (len >= 64) {
    blocks_x86(sha->state, p, len / 64);
    p += len - len % 64;
    len %= 64;
  }
  memcpy(sha->block, p, len);
  sha->block_len = len;
}

void sha256_finish(Sha256 *sha, guint8 digest[SHA256_BYTES])
{
  if (sha->fallback != NULL) {
    gsize n = SHA256_BYTES;
    g_checksum_get_digest(sha->fallback, digest, &n);
    g_clear_pointer(&sha->fallback, g_checksum_free);
    return;
  }
  guint64 bits = sha->total * 8;
  static const guint8 pad[64] = {0x80};
  gsize pad_len = sha->block_len < 56 ? 56 - sha->block_len : 120 - sha->block_len;
  guint8 length[8];
  for (int i = 0; i < 8; i++)
    length[i] = (guint8)(bits >> (56 - 8 * i));
  sha256_update(sha, pad, pad_len);
  sha256_update(sha, length, 8);
  for (int i = 0; i < 8; i++) {
    digest[4 * i] = (guint8)(sha->state[i] >> 24);
    digest[4 * i + 1] = (guint8)(sha->state[i] >> 16);
    digest[4 * i + 2] = (guint8)(sha->state[i] >> 8);
    digest[4 * i + 3] = (guint8)sha->state[i];
  }
}

void sha256_digest(const void *data, gsize len, guint8 digest[SHA256_BYTES])
{
  Sha256 sha;
  sha256_init(&sha);
  sha256_update(&sha, data, len);
  sha256_finish(&sha, digest);
}

void sha256_hex(const guint8 digest[SHA256_BYTES], char out[SHA256_HEX_BYTES])
{
  static const char hex[] = "0123456789abcdef";
  for (int i = 0; i < SHA256_BYTES; i++) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  out[64] = '\0';
}

gboolean sha256_file(const char *path, guint8 digest[SHA256_BYTES], GError **error)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int saved = errno;
    g_set_error_literal(error, G_FILE_ERROR, g_file_error_from_errno(saved), g_strerror(saved));
    return FALSE;
  }
  g_autofree guint8 *buffer = g_malloc(SHA256_FILE_CHUNK);
  Sha256 sha;
  sha256_init(&sha);
  ssize_t n;
  while ((n = read(fd, buffer, SHA256_FILE_CHUNK)) != 0) {
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      break;
    sha256_update(&sha, buffer, (gsize)n);
  }
  int saved = errno;
  close(fd);
  sha256_finish(&sha, digest);
  if (n < 0) {
    g_set_error_literal(error, G_FILE_ERROR, g_file_error_from_errno(saved), g_strerror(saved));
    return FALSE;
  }
  return TRUE;
}
