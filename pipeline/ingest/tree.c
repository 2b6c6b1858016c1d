/* Walks the input tree (tree.h): lists every file in sorted path order and
 * tells its kind from its place in the tree, so later versions add a kind of
 * input by adding a row to kind_rules. */
#include "ingest/tree.h"
#include "common/errors.h"
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define TREE_READ_CHUNK (64 * 1024)

/* Where each kind of input lives. dir is a prefix of the relative path;
 * a rule matches only files directly in dir unless any_depth is set. */
typedef struct {
  const char *dir;
  const char *name;      /* exact file name, or NULL for any */
  const char *extension; /* compared case-insensitively, or NULL for any */
  gboolean any_depth;
  IngestFileKind kind;
} KindRule;

static const KindRule kind_rules[] = {
    {"", "programs.ini", NULL, FALSE, INGEST_KIND_PROGRAMS},
    {"", "roster.csv", NULL, FALSE, INGEST_KIND_ROSTER},
    {"ssi/", NULL, ".csv", FALSE, INGEST_KIND_SSI_CSV},
    {"ssi/", NULL, ".json", FALSE, INGEST_KIND_SSI_JSON},
    {"linkedin/", NULL, NULL, TRUE, INGEST_KIND_LINKEDIN},
    {"posts/", NULL, ".csv", FALSE, INGEST_KIND_POSTS},
};

static const char *const kind_names[] = {
    [INGEST_KIND_PROGRAMS] = "programs",
    [INGEST_KIND_ROSTER] = "roster",
    [INGEST_KIND_SSI_CSV] = "ssi",
    [INGEST_KIND_SSI_JSON] = "ssi capture",
    [INGEST_KIND_LINKEDIN] = "linkedin export",
    [INGEST_KIND_POSTS] = "posts",
    [INGEST_KIND_UNRECOGNISED] = "unrecognised",
};

const char *ingest_file_kind_name(IngestFileKind kind)
{
  return kind_names[kind];
}

static gboolean rule_matches(const KindRule *rule, const char *path)
{
  if (!g_str_has_prefix(path, rule->dir))
    return FALSE;
  const char *rest = path + strlen(rule->dir);
  if (*rest == '\0' || (!rule->any_depth && strchr(rest, '/') != NULL))
    return FALSE;
  if (rule->name != NULL && strcmp(rest, rule->name) != 0)
    return FALSE;
  if (rule->extension == NULL)
    return TRUE;
  g_autofree char *lower = g_ascii_strdown(rest, -1);
  return g_str_has_suffix(lower, rule->extension) && strlen(lower) > strlen(rule->extension);
}

IngestFileKind ingest_tree_kind_of(const char *path)
{
  for (gsize i = 0; i < G_N_ELEMENTS(kind_rules); i++)
    if (rule_matches(&kind_rules[i], path))
      return kind_rules[i].kind;
  return INGEST_KIND_UNRECOGNISED;
}

void ingest_tree_file_free(IngestTreeFile *file)
{
  if (file == NULL)
    return;
  g_free(file->path);
  g_free(file->abs_path);
  g_free(file);
}

static void tree_add_file(GPtrArray *files, const char *abs_path, const char *rel_path,
                          const GStatBuf *st)
{
  IngestTreeFile *file = g_new0(IngestTreeFile, 1);
  /* File names are bytes; the outputs are UTF-8. */
  file->path = g_utf8_make_valid(rel_path, -1);
  file->abs_path = g_strdup(abs_path);
  file->kind = ingest_tree_kind_of(file->path);
  file->regular = st != NULL && S_ISREG(st->st_mode);
  file->bytes = file->regular ? (guint64)st->st_size : 0;
  g_ptr_array_add(files, file);
}

static gboolean tree_walk_dir(const char *abs_dir, const char *rel_dir, GPtrArray *files,
                              GError **error);

static gboolean tree_visit(const char *abs_path, const char *rel_path, GPtrArray *files,
                           GError **error)
{
  GStatBuf st;
  if (g_lstat(abs_path, &st) != 0) {
    tree_add_file(files, abs_path, rel_path, NULL);
    return TRUE;
  }
  if (S_ISDIR(st.st_mode))
    return tree_walk_dir(abs_path, rel_path, files, error);
  /* A link to a file is read; a link to a folder is listed, not entered. */
  if (S_ISLNK(st.st_mode) && g_stat(abs_path, &st) != 0) {
    tree_add_file(files, abs_path, rel_path, NULL);
    return TRUE;
  }
  tree_add_file(files, abs_path, rel_path, &st);
  return TRUE;
}

static gboolean tree_walk_dir(const char *abs_dir, const char *rel_dir, GPtrArray *files,
                              GError **error)
{
  g_autoptr(GError) local = NULL;
  GDir *dir = g_dir_open(abs_dir, 0, &local);
  if (dir == NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "cannot read folder %s: %s", abs_dir,
                local->message);
    return FALSE;
  }
  gboolean ok = TRUE;
  const char *name;
  while (ok && (name = g_dir_read_name(dir)) != NULL) {
    g_autofree char *abs_path = g_build_filename(abs_dir, name, NULL);
    g_autofree char *rel_path =
        rel_dir[0] != '\0' ? g_strconcat(rel_dir, "/", name, NULL) : g_strdup(name);
    ok = tree_visit(abs_path, rel_path, files, error);
  }
  g_dir_close(dir);
  return ok;
}

static gint tree_file_compare(gconstpointer a, gconstpointer b)
{
  const IngestTreeFile *x = *(IngestTreeFile *const *)a;
  const IngestTreeFile *y = *(IngestTreeFile *const *)b;
  return strcmp(x->path, y->path);
}

GPtrArray *ingest_tree_walk(const char *input_dir, GError **error)
{
  g_autoptr(GPtrArray) files =
      g_ptr_array_new_with_free_func((GDestroyNotify)ingest_tree_file_free);
  if (!g_file_test(input_dir, G_FILE_TEST_IS_DIR)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: not a folder: expected the input tree (programs.ini, roster.csv, ssi/, ...)",
                input_dir);
    return NULL;
  }
  if (!tree_walk_dir(input_dir, "", files, error))
    return NULL;
  g_ptr_array_sort(files, tree_file_compare);
  return g_steal_pointer(&files);
}

char *ingest_tree_file_sha256(const IngestTreeFile *file, GError **error)
{
  FILE *in = g_fopen(file->abs_path, "rb");
  if (in == NULL) {
    int saved = errno;
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s: cannot read: %s", file->path,
                g_strerror(saved));
    return NULL;
  }
  g_autoptr(GChecksum) checksum = g_checksum_new(G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc(TREE_READ_CHUNK);
  size_t n;
  while ((n = fread(buffer, 1, TREE_READ_CHUNK, in)) > 0)
    g_checksum_update(checksum, buffer, (gssize)n);
  gboolean failed = ferror(in) != 0;
  fclose(in);
  if (failed) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s: cannot read: read error",
                file->path);
    return NULL;
  }
  return g_strdup(g_checksum_get_string(checksum));
}
