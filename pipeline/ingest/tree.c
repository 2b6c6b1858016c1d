/* Walks the input tree (tree.h): lists every file in sorted path order and
 * tells its kind from its place in the tree, so later versions add a kind of
 * input by adding a row to kind_rules. */
#include "ingest/tree.h"
#include "common/errors.h"
#include "common/sha256.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The walk keeps abs_path in the file's own allocation. */
static gboolean abs_path_inline(const IngestTreeFile *file)
{
  return file->abs_path == (const char *)(file + 1);
}

void ingest_tree_file_free(IngestTreeFile *file)
{
  if (file == NULL)
    return;
  if (!file->path_in_abs_path)
    g_free(file->path);
  if (!abs_path_inline(file))
    g_free(file->abs_path);
  g_free(file);
}

static gint64 nanoseconds(const struct timespec *t)
{
  return (gint64)t->tv_sec * G_GINT64_CONSTANT(1000000000) + t->tv_nsec;
}

/* The tree holds hundreds of thousands of files: each is one allocation
 * with its absolute path, and the relative path is the end of the absolute
 * one (from root on) whenever it is valid UTF-8. */
static void tree_add_file(GPtrArray *files, const GString *abs_path, gsize root,
                          const struct stat *st)
{
  IngestTreeFile *file = g_malloc0(sizeof *file + abs_path->len + 1);
  file->abs_path = memcpy(file + 1, abs_path->str, abs_path->len + 1);
  const char *rel_path = file->abs_path + root;
  /* File names are bytes; the outputs are UTF-8. */
  if (g_utf8_validate(rel_path, -1, NULL)) {
    file->path = (char *)rel_path;
    file->path_in_abs_path = TRUE;
  } else {
    file->path = g_utf8_make_valid(rel_path, -1);
  }
  file->kind = ingest_tree_kind_of(file->path);
  file->regular = st != NULL && S_ISREG(st->st_mode);
  file->bytes = file->regular ? (guint64)st->st_size : 0;
  if (file->regular) {
    file->mtime_ns = nanoseconds(&st->st_mtim);
    file->ctime_ns = nanoseconds(&st->st_ctim);
    file->inode = (guint64)st->st_ino;
  }
  g_ptr_array_add(files, file);
}

/* A folder's entries are named base->str + name; root is where the path
 * relative to the tree starts in it. */
typedef struct {
  GString *base;
  gsize root;
  GPtrArray *files;
  GPtrArray *deferred; /* linkedin/<id>/ folders left for other threads; NULL: none */
} Walk;

/* An ambassador's folder linkedin/<id>: there are thousands, each walked on
 * its own when there are threads for it. */
static gboolean walk_defers(const Walk *w)
{
  const char *rel = w->base->str + w->root;
  return w->deferred != NULL && g_str_has_prefix(rel, "linkedin/") &&
         strchr(rel + strlen("linkedin/"), '/') == NULL;
}

static gboolean tree_walk_dir(Walk *w, const char *dir_path, GError **error);

/* Stats by name within the folder (dir_fd), which spares the kernel the
 * whole path each time; -1 falls back to the path. */
static int stat_in(int dir_fd, const char *name, const char *abs_path, struct stat *st,
                   gboolean follow)
{
  if (dir_fd >= 0)
    return fstatat(dir_fd, name, st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  return follow ? stat(abs_path, st) : lstat(abs_path, st);
}

/* The entry is w->base->str; type is its dirent type: a folder needs no
 * stat (a tree has thousands), DT_UNKNOWN asks for one. */
static gboolean tree_visit(Walk *w, int dir_fd, const char *name, unsigned char type,
                           GError **error)
{
  const char *abs_path = w->base->str;
  struct stat st;
  const struct stat *found = &st;
  if (type != DT_DIR && stat_in(dir_fd, name, abs_path, &st, FALSE) != 0) {
    found = NULL;
  } else if ((type == DT_DIR || S_ISDIR(st.st_mode)) && walk_defers(w)) {
    g_ptr_array_add(w->deferred, g_strdup(abs_path));
    return TRUE;
  } else if (type == DT_DIR || S_ISDIR(st.st_mode)) {
    g_autofree char *dir_path = g_strdup(abs_path);
    g_string_append_c(w->base, G_DIR_SEPARATOR);
    return tree_walk_dir(w, dir_path, error);
  } else if (S_ISLNK(st.st_mode) && stat_in(dir_fd, name, abs_path, &st, TRUE) != 0) {
    /* A link to a file is read; a link to a folder is listed, not entered. */
    found = NULL;
  }
  tree_add_file(w->files, w->base, w->root, found);
  return TRUE;
}

/* A folder being read: through its descriptor when it opens as one (one
 * open, stats relative to it, entry types), else through GLib, which also
 * says why it cannot be read. */
typedef struct {
  DIR *dir;
  GDir *gdir;
} Folder;

static gboolean folder_open(Folder *f, const char *dir_path, GError **error)
{
  int fd = open(dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  f->dir = fd >= 0 ? fdopendir(fd) : NULL;
  f->gdir = NULL;
  if (f->dir != NULL)
    return TRUE;
  if (fd >= 0)
    close(fd);
  g_autoptr(GError) local = NULL;
  f->gdir = g_dir_open(dir_path, 0, &local);
  if (f->gdir != NULL)
    return TRUE;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "cannot read folder %s: %s", dir_path,
              local->message);
  return FALSE;
}

/* The next entry but "." and "..", and its type; NULL at the end. */
static const char *folder_next(Folder *f, unsigned char *type)
{
  *type = DT_UNKNOWN;
  if (f->gdir != NULL)
    return g_dir_read_name(f->gdir);
  const struct dirent *entry;
  while ((entry = readdir(f->dir)) != NULL) {
    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
      continue;
    *type = entry->d_type;
    return entry->d_name;
  }
  return NULL;
}

static void folder_close(Folder *f)
{
  if (f->dir != NULL)
    closedir(f->dir);
  if (f->gdir != NULL)
    g_dir_close(f->gdir);
}

static gboolean tree_walk_dir(Walk *w, const char *dir_path, GError **error)
{
  Folder folder;
  if (!folder_open(&folder, dir_path, error))
    return FALSE;
  int dir_fd = folder.dir != NULL ? dirfd(folder.dir) : -1;
  gsize base_len = w->base->len;
  gboolean ok = TRUE;
  const char *name;
  unsigned char type;
  while (ok && (name = folder_next(&folder, &type)) != NULL) {
    g_string_truncate(w->base, base_len);
    g_string_append(w->base, name);
    ok = tree_visit(w, dir_fd, name, type, error);
  }
  g_string_truncate(w->base, base_len);
  folder_close(&folder);
  return ok;
}

static gint tree_file_compare(gconstpointer a, gconstpointer b)
{
  const IngestTreeFile *x = *(IngestTreeFile *const *)a;
  const IngestTreeFile *y = *(IngestTreeFile *const *)b;
  return strcmp(x->path, y->path);
}

/* --- Ambassador folders on threads ---------------------------------------- */

typedef struct {
  GPtrArray *dirs; /* absolute paths, in the order the walk met them */
  gsize root;
  GPtrArray *files; /* GPtrArray of each folder's files */
  GError **errors;  /* each folder's error */
} Deferred;

/* Each folder's files are sorted where they were walked: the thread that
 * merges them has a sorted run per folder to place. */
static void deferred_walk(gpointer data, gpointer user_data)
{
  Deferred *d = user_data;
  guint i = GPOINTER_TO_UINT(data) - 1;
  const char *dir = g_ptr_array_index(d->dirs, i);
  GPtrArray *files = g_ptr_array_index(d->files, i);
  Walk w = {g_string_new(dir), d->root, files, NULL};
  g_string_append_c(w.base, G_DIR_SEPARATOR);
  if (tree_walk_dir(&w, dir, &d->errors[i]))
    g_ptr_array_sort(files, tree_file_compare);
  g_string_free(w.base, TRUE);
}

/* Walks the deferred folders, jobs at a time, into folders (a GPtrArray of
 * files per folder, in the order of dirs); the error is the first folder's
 * that failed, as a walk in one go would have stopped there. */
static gboolean walk_deferred(GPtrArray *dirs, gsize root, int jobs, GPtrArray *folders,
                              GError **error)
{
  guint n = dirs->len;
  Deferred d = {dirs, root, folders, g_new0(GError *, n + 1)};
  for (guint i = 0; i < n; i++)
    g_ptr_array_add(folders, g_ptr_array_new_with_free_func((GDestroyNotify)ingest_tree_file_free));
  GThreadPool *pool = g_thread_pool_new(deferred_walk, &d, MAX(jobs, 1), FALSE, NULL);
  for (guint i = 0; i < n; i++)
    g_thread_pool_push(pool, GUINT_TO_POINTER(i + 1), NULL);
  g_thread_pool_free(pool, FALSE, TRUE);
  gboolean ok = TRUE;
  for (guint i = 0; i < n; i++) {
    if (d.errors[i] != NULL && ok) {
      ok = FALSE;
      g_propagate_error(error, g_steal_pointer(&d.errors[i]));
    }
    g_clear_error(&d.errors[i]);
  }
  g_free(d.errors);
  return ok;
}

/* A folder's files all start with its path and a '/', which no other file
 * does: its first file places it among the others. */
static gint folder_compare(gconstpointer a, gconstpointer b)
{
  const GPtrArray *x = *(GPtrArray *const *)a;
  const GPtrArray *y = *(GPtrArray *const *)b;
  return tree_file_compare(&x->pdata[0], &y->pdata[0]);
}

/* Appends a run of n files to *out (which starts at start): runs sorted
 * apart make one sorted list when each strictly follows the file before
 * it, and that alone is checked, not every pair. */
static gboolean merge_run(gpointer *start, gpointer **out, gpointer *run, gsize n,
                          gboolean in_order)
{
  if (in_order && *out > start && n > 0 && tree_file_compare(*out - 1, run) >= 0)
    in_order = FALSE;
  if (n > 0) /* run may be NULL then, which memcpy does not allow */
    memcpy(*out, run, n * sizeof(gpointer));
  *out += n;
  return in_order;
}

/* top's n files then each folder's, in walking order, over files (which
 * holds as many). */
static void tree_concat(GPtrArray *files, gpointer *top, gsize n, const GPtrArray *folders)
{
  gpointer *out = files->pdata;
  /* An empty array may have no storage: memcpy must not see its NULL. */
  if (n > 0)
    memcpy(out, top, n * sizeof(gpointer));
  out += n;
  for (guint f = 0; f < folders->len; f++) {
    const GPtrArray *folder = g_ptr_array_index(folders, f);
    if (folder->len > 0)
      memcpy(out, folder->pdata, folder->len * sizeof(gpointer));
    out += folder->len;
  }
}

/* The top's files (sorted, in files) and the folders' (each sorted), merged
 * into files: the folders whole, in order, between the top's files, with
 * no sort of the hundred thousand paths. Paths made valid UTF-8 can
 * coincide; then a stable sort of all in walking order gives the order a
 * walk in one go gives. The folders give up their files. */
static void tree_merge(GPtrArray *files, GPtrArray *folders)
{
  g_autoptr(GPtrArray) order = g_ptr_array_sized_new(folders->len);
  guint total = files->len;
  for (guint f = 0; f < folders->len; f++) {
    GPtrArray *folder = g_ptr_array_index(folders, f);
    total += folder->len;
    g_ptr_array_set_free_func(folder, NULL);
    if (folder->len > 0)
      g_ptr_array_add(order, folder);
  }
  g_ptr_array_sort(order, folder_compare);
  gsize n_top = 0, t = 0;
  g_autofree gpointer *top = g_ptr_array_steal(files, &n_top);
  g_ptr_array_set_size(files, total);
  gpointer *out = files->pdata;
  gboolean in_order = TRUE;
  for (guint f = 0; f < order->len; f++) {
    const GPtrArray *folder = g_ptr_array_index(order, f);
    while (t < n_top && tree_file_compare(&top[t], &folder->pdata[0]) < 0)
      in_order = merge_run(files->pdata, &out, &top[t++], 1, in_order);
    in_order = merge_run(files->pdata, &out, folder->pdata, folder->len, in_order);
  }
  while (t < n_top)
    in_order = merge_run(files->pdata, &out, &top[t++], 1, in_order);
  if (!in_order) {
    tree_concat(files, top, n_top, folders);
    g_ptr_array_sort(files, tree_file_compare);
  }
}

GPtrArray *ingest_tree_walk(const char *input_dir, GError **error)
{
  return ingest_tree_walk_jobs(input_dir, 1, error);
}

GPtrArray *ingest_tree_walk_jobs(const char *input_dir, int jobs, GError **error)
{
  g_autoptr(GPtrArray) files =
      g_ptr_array_new_with_free_func((GDestroyNotify)ingest_tree_file_free);
  if (!g_file_test(input_dir, G_FILE_TEST_IS_DIR)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: not a folder: expected the input tree (programs.ini, roster.csv, ssi/, ...)",
                input_dir);
    return NULL;
  }
  /* Entries at the top are named as g_build_filename names them. */
  g_autofree char *probe = g_build_filename(input_dir, "x", NULL);
  g_autoptr(GPtrArray) deferred = g_ptr_array_new_with_free_func(g_free);
  Walk walk = {g_string_new_len(probe, (gssize)strlen(probe) - 1), strlen(probe) - 1, files,
               jobs > 1 ? deferred : NULL};
  g_autoptr(GError) top = NULL;
  gboolean ok = tree_walk_dir(&walk, input_dir, &top);
  g_string_free(walk.base, TRUE);
  /* A deferred folder met before a failure would have failed first. */
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
  if (!walk_deferred(deferred, walk.root, jobs, folders, error))
    return NULL;
  if (!ok) {
    g_propagate_error(error, g_steal_pointer(&top));
    return NULL;
  }
  g_ptr_array_sort(files, tree_file_compare);
  tree_merge(files, folders);
  return g_steal_pointer(&files);
}

char *ingest_tree_file_sha256(const IngestTreeFile *file, GError **error)
{
  char hex[SHA256_HEX_BYTES];
  if (file->has_sha256) {
    sha256_hex(file->sha256, hex);
    return g_strdup(hex);
  }
  guint8 digest[SHA256_BYTES];
  g_autoptr(GError) local = NULL;
  if (!sha256_file(file->abs_path, digest, &local)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s: cannot read: %s", file->path,
                local->message);
    return NULL;
  }
  sha256_hex(digest, hex);
  return g_strdup(hex);
}
