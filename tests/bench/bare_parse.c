/* The benchmark's yardstick: one libcsv pass over every CSV of an input tree
 * (files and zip entries), counting rows and doing nothing else. The pipeline's
 * speed is quoted as a ratio to this. */
#include <csv.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

typedef struct {
  guint64 bytes;
  guint64 rows;
  guint64 fields;
} Totals;

static void on_field(void *data, size_t len, void *user)
{
  (void)data;
  (void)len;
  ((Totals *)user)->fields++;
}

static void on_row(int c, void *user)
{
  (void)c;
  ((Totals *)user)->rows++;
}

typedef gssize (*ReadFunc)(void *source, char *buf, gsize len);

static gssize read_file(void *source, char *buf, gsize len)
{
  return (gssize)fread(buf, 1, len, source);
}

static gssize read_zip(void *source, char *buf, gsize len)
{
  return (gssize)zip_fread(source, buf, len);
}

static void parse(ReadFunc read, void *source, Totals *t)
{
  struct csv_parser p;
  csv_init(&p, CSV_APPEND_NULL);
  static char buf[1 << 16];
  gssize n;
  while ((n = read(source, buf, sizeof buf)) > 0) {
    t->bytes += (guint64)n;
    csv_parse(&p, buf, (size_t)n, on_field, on_row, t);
  }
  csv_fini(&p, on_field, on_row, t);
  csv_free(&p);
}

static gboolean is_csv(const char *name)
{
  return g_str_has_suffix(name, ".csv") || g_str_has_suffix(name, ".CSV");
}

static void parse_zip(const char *path, Totals *t)
{
  zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
  if (z == NULL)
    return;
  zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; i++) {
    const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
    if (name == NULL || !is_csv(name))
      continue;
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
    if (f == NULL)
      continue;
    parse(read_zip, f, t);
    zip_fclose(f);
  }
  zip_close(z);
}

static void walk(const char *dir, Totals *t)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  if (d == NULL)
    return;
  const char *name;
  while ((name = g_dir_read_name(d)) != NULL) {
    g_autofree char *path = g_build_filename(dir, name, NULL);
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
      walk(path, t);
    } else if (g_str_has_suffix(name, ".zip")) {
      parse_zip(path, t);
    } else if (is_csv(name)) {
      FILE *f = fopen(path, "rb");
      if (f != NULL) {
        parse(read_file, f, t);
        fclose(f);
      }
    }
  }
  g_dir_close(d);
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: bare-parse TREE\n");
    return 1;
  }
  Totals t = {0};
  gint64 start = g_get_monotonic_time();
  walk(argv[1], &t);
  double seconds = (double)(g_get_monotonic_time() - start) / 1e6;
  printf("bytes=%" G_GUINT64_FORMAT " rows=%" G_GUINT64_FORMAT " seconds=%.3f\n", t.bytes, t.rows,
         seconds);
  return 0;
}
