/* Walks the input tree (tree.h): lists every file in sorted path order and
 * tells its kind from its place in the tree, so later versions add a kind of
 * input by adding a row to kind_rules. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* getdents64 */
#endif
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

/* The kind every file directly in folder (a relative path ending in '/', or
 * "" for the top) has, as ingest_tree_kind_of would tell file by file, or
 * -1 when it depends on the name. A rule can match such a file only when
 * its dir is where the folder starts and, unless any_depth, the folder
 * itself; the first that can decides alone when it asks nothing of names. */
static int folder_kind(const char *folder)
{
  gsize len = strlen(folder);
  for (gsize i = 0; i < G_N_ELEMENTS(kind_rules); i++) {
    const KindRule *rule = &kind_rules[i];
    gsize dir_len = strlen(rule->dir);
    if (!g_str_has_prefix(folder, rule->dir) || (!rule->any_depth && dir_len != len))
      continue;
    return rule->name == NULL && rule->extension == NULL ? (int)rule->kind : -1;
  }
  return INGEST_KIND_UNRECOGNISED;
}

/* The walk keeps abs_path in the file's own allocation. */
static gboolean abs_path_inline(const IngestTreeFile *file)
{
  return file->abs_path == (const char *)(file + 1);
}

/* --- Blocks of records ------------------------------------------------------ */

/* The walk carves its records from blocks, a malloc and a free for hundreds
 * of them instead of one each (and no header each); a record finds its
 * block by its block_offset, and the block goes with its last record. */
#define TREE_BLOCK_BYTES ((gsize)256 * 1024)
G_STATIC_ASSERT(TREE_BLOCK_BYTES < (1u << 22)); /* block_offset's bits */

typedef struct {
  gint refs; /* records carved from it, plus one while it is being filled */
} TreeBlock;

/* The block being filled; one per thread of the walk. */
typedef struct {
  TreeBlock *block;
  gsize used;
} TreeArena;

#define TREE_BLOCK_HEADER ((sizeof(TreeBlock) + 7) & ~(gsize)7)

static void tree_block_unref(TreeBlock *block)
{
  if (g_atomic_int_dec_and_test(&block->refs))
    g_free(block);
}

/* Gives up the block being filled: it stays while its records do. */
static void tree_arena_clear(TreeArena *arena)
{
  if (arena->block != NULL)
    tree_block_unref(arena->block);
  arena->block = NULL;
}

/* A zeroed record with bytes room after it. Only the walk's thread touches
 * refs until the walk returns its files, so it counts without atomics. */
static IngestTreeFile *tree_arena_new_file(TreeArena *arena, gsize bytes)
{
  gsize size = (sizeof(IngestTreeFile) + bytes + 7) & ~(gsize)7;
  if (size > TREE_BLOCK_BYTES - TREE_BLOCK_HEADER)
    return g_malloc0(sizeof(IngestTreeFile) + bytes);
  if (arena->block == NULL || arena->used + size > TREE_BLOCK_BYTES) {
    tree_arena_clear(arena);
    arena->block = g_malloc(TREE_BLOCK_BYTES);
    arena->block->refs = 1;
    arena->used = TREE_BLOCK_HEADER;
  }
  IngestTreeFile *file = (IngestTreeFile *)((char *)arena->block + arena->used);
  memset(file, 0, sizeof *file);
  file->block_offset = arena->used;
  arena->used += size;
  arena->block->refs++;
  return file;
}

void ingest_tree_file_free(IngestTreeFile *file)
{
  if (file == NULL)
    return;
  if (!file->path_in_abs_path)
    g_free(file->path);
  if (!abs_path_inline(file))
    g_free(file->abs_path);
  if (file->block_offset != 0)
    tree_block_unref((TreeBlock *)((char *)file - file->block_offset));
  else
    g_free(file);
}

static gint64 nanoseconds(const struct timespec *t)
{
  return (gint64)t->tv_sec * G_GINT64_CONSTANT(1000000000) + t->tv_nsec;
}

/* A folder's entries are read this many bytes at a time. */
#define FOLDER_BUF_BYTES ((gsize)32 * 1024)

/* A folder's entries are named base->str + name; root is where the path
 * relative to the tree starts in it. */
typedef struct {
  GString *base;
  gsize root;
  gboolean base_valid; /* the relative part of base is valid UTF-8 */
  int kind;            /* folder_kind of the relative part of base */
  TreeArena *arena;
  GPtrArray *files;
  GPtrArray *deferred; /* linkedin/<id>/ folders left for other threads; NULL: none */
  /* The entries of the folders being read, a stack (WalkEntry, their names
   * at offsets in names): each folder's are visited in byte order. */
  GArray *entries;
  GString *names;
  char *dents;       /* FOLDER_BUF_BYTES for the folder being read */
  gboolean unsorted; /* some files were not added in byte order of path */
} Walk;

typedef struct {
  gsize name; /* offset in Walk.names */
  gsize len;
  unsigned char type; /* dirent type */
} WalkEntry;

static void walk_init(Walk *w, const char *base, gsize root, TreeArena *arena, GPtrArray *files,
                      GPtrArray *deferred)
{
  *w = (Walk){.base = g_string_new(base),
              .root = root,
              .kind = -1,
              .arena = arena,
              .files = files,
              .deferred = deferred,
              .entries = g_array_new(FALSE, FALSE, sizeof(WalkEntry)),
              .names = g_string_new(NULL),
              .dents = g_malloc(FOLDER_BUF_BYTES)};
}

static void walk_clear(Walk *w)
{
  g_string_free(w->base, TRUE);
  g_array_unref(w->entries);
  g_string_free(w->names, TRUE);
  g_free(w->dents);
}

/* Where base (with its '/') now names a folder. */
static void walk_enter(Walk *w, gboolean valid)
{
  w->base_valid = valid;
  w->kind = folder_kind(w->base->str + w->root);
}

/* The tree holds hundreds of thousands of files: each is one record with
 * its absolute path after it, and the relative path is the end of the absolute
 * one (from root on) whenever it is valid UTF-8, which name_valid (the
 * entry's name) and the folder's path tell without a look at the whole. */
static void tree_add_file(Walk *w, gboolean name_valid, const struct stat *st)
{
  const GString *abs_path = w->base;
  IngestTreeFile *file = tree_arena_new_file(w->arena, abs_path->len + 1);
  file->abs_path = memcpy(file + 1, abs_path->str, abs_path->len + 1);
  const char *rel_path = file->abs_path + w->root;
  /* File names are bytes; the outputs are UTF-8. */
  if (w->base_valid && name_valid) {
    file->path = (char *)rel_path;
    file->path_in_abs_path = TRUE;
  } else {
    file->path = g_utf8_make_valid(rel_path, -1);
    w->unsorted = TRUE; /* byte order of names is not that of paths made valid */
  }
  file->kind = w->kind >= 0 ? (IngestFileKind)w->kind : ingest_tree_kind_of(file->path);
  file->regular = st != NULL && S_ISREG(st->st_mode);
  file->bytes = file->regular ? (guint64)st->st_size : 0;
  if (file->regular) {
    file->mtime_ns = nanoseconds(&st->st_mtim);
    file->ctime_ns = nanoseconds(&st->st_ctim);
    file->inode = (guint64)st->st_ino;
  }
  g_ptr_array_add(w->files, file);
}

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
  gboolean name_valid = g_utf8_validate(name, -1, NULL);
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
    gboolean valid = w->base_valid;
    int kind = w->kind;
    walk_enter(w, valid && name_valid);
    gboolean ok = tree_walk_dir(w, dir_path, error);
    w->base_valid = valid;
    w->kind = kind;
    return ok;
  } else if (S_ISLNK(st.st_mode) && stat_in(dir_fd, name, abs_path, &st, TRUE) != 0) {
    /* A link to a file is read; a link to a folder is listed, not entered. */
    found = NULL;
  }
  tree_add_file(w, name_valid, found);
  return TRUE;
}

/* A folder being read: on Linux through its descriptor and getdents64 (one
 * open, stats relative to it, entry types; a DIR would add a stat and two
 * fcntl per folder, and a tree has ten thousand), else through GLib, which
 * also says why a folder cannot be read. */
typedef struct {
  int fd; /* -1: read through gdir */
  GDir *gdir;
  char *buf; /* FOLDER_BUF_BYTES, the walk's */
  gsize len, pos;
} Folder;

static gboolean folder_open(Folder *f, const char *dir_path, char *buf, GError **error)
{
  *f = (Folder){.fd = -1, .buf = buf};
#ifdef __linux__
  f->fd = open(dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (f->fd >= 0)
    return TRUE;
#endif
  g_autoptr(GError) local = NULL;
  f->gdir = g_dir_open(dir_path, 0, &local);
  if (f->gdir != NULL)
    return TRUE;
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "cannot read folder %s: %s", dir_path,
              local->message);
  return FALSE;
}

/* The next entry but "." and "..", and its type; NULL at the end, or at an
 * error, as readdir has it. */
static const char *folder_next(Folder *f, unsigned char *type)
{
  *type = DT_UNKNOWN;
  if (f->gdir != NULL)
    return g_dir_read_name(f->gdir);
#ifdef __linux__
  for (;;) {
    if (f->pos >= f->len) {
      ssize_t n = getdents64(f->fd, f->buf, FOLDER_BUF_BYTES);
      if (n <= 0)
        return NULL;
      f->len = (gsize)n;
      f->pos = 0;
    }
    const struct dirent64 *entry = (const struct dirent64 *)(f->buf + f->pos);
    f->pos += entry->d_reclen;
    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
      continue;
    *type = entry->d_type;
    return entry->d_name;
  }
#else
  return NULL;
#endif
}

static void folder_close(Folder *f)
{
  if (f->fd >= 0)
    close(f->fd);
  if (f->gdir != NULL)
    g_dir_close(f->gdir);
}

/* Folder entries in the byte order of the paths they give: a folder's
 * name is followed by the '/' of the paths in it. */
static gint walk_entry_compare(gconstpointer a, gconstpointer b, gpointer user_data)
{
  const WalkEntry *x = a, *y = b;
  const char *names = user_data;
  gsize n = MIN(x->len, y->len);
  int c = memcmp(names + x->name, names + y->name, n);
  if (c != 0)
    return c;
  guchar cx = x->len > n ? (guchar)names[x->name + n] : x->type == DT_DIR ? '/' : 0;
  guchar cy = y->len > n ? (guchar)names[y->name + n] : y->type == DT_DIR ? '/' : 0;
  return cx < cy ? -1 : cx > cy;
}

/* The folder's entries onto the stack from first on, sorted when their
 * types tell which are folders. */
static void walk_read_entries(Walk *w, Folder *folder, guint first)
{
  gboolean typed = TRUE;
  const char *name;
  unsigned char type;
  while ((name = folder_next(folder, &type)) != NULL) {
    WalkEntry entry = {w->names->len, strlen(name), type};
    typed = typed && type != DT_UNKNOWN;
    g_string_append_len(w->names, name, (gssize)entry.len + 1);
    g_array_append_val(w->entries, entry);
  }
  if (!typed)
    w->unsorted = TRUE;
  else if (w->entries->len > first)
    g_qsort_with_data(&g_array_index(w->entries, WalkEntry, first), (gint)(w->entries->len - first),
                      sizeof(WalkEntry), walk_entry_compare, w->names->str);
}

static gboolean tree_walk_dir(Walk *w, const char *dir_path, GError **error)
{
  Folder folder;
  if (!folder_open(&folder, dir_path, w->dents, error))
    return FALSE;
  int dir_fd = folder.fd;
  gsize base_len = w->base->len, names_len = w->names->len;
  guint first = w->entries->len;
  walk_read_entries(w, &folder, first);
  guint end = w->entries->len;
  gboolean ok = TRUE;
  for (guint i = first; ok && i < end; i++) {
    /* Folders visited push their entries: the stack may move. */
    WalkEntry entry = g_array_index(w->entries, WalkEntry, i);
    const char *name = w->names->str + entry.name;
    g_string_truncate(w->base, base_len);
    g_string_append_len(w->base, name, (gssize)entry.len);
    ok = tree_visit(w, dir_fd, name, entry.type, error);
  }
  g_string_truncate(w->base, base_len);
  g_array_set_size(w->entries, first);
  g_string_truncate(w->names, names_len);
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
  gint next;        /* the next folder to walk */
} Deferred;

/* Each folder's files come sorted from its walk (or are sorted there when
 * names made valid UTF-8 may not keep the order): the thread that merges
 * them has a sorted run per folder to place. */
static void deferred_walk(Deferred *d, guint i, TreeArena *arena)
{
  const char *dir = g_ptr_array_index(d->dirs, i);
  GPtrArray *files = g_ptr_array_index(d->files, i);
  Walk w;
  walk_init(&w, dir, d->root, arena, files, NULL);
  g_string_append_c(w.base, G_DIR_SEPARATOR);
  walk_enter(&w, g_utf8_validate(w.base->str + w.root, -1, NULL));
  if (tree_walk_dir(&w, dir, &d->errors[i]) && w.unsorted)
    g_ptr_array_sort(files, tree_file_compare);
  walk_clear(&w);
}

/* One of the threads: takes the folders in the order met, one at a time,
 * and fills blocks of its own. */
static void deferred_worker(gpointer data, gpointer user_data)
{
  (void)data;
  Deferred *d = user_data;
  TreeArena arena = {NULL, 0};
  guint i;
  while ((i = (guint)g_atomic_int_add(&d->next, 1)) < d->dirs->len)
    deferred_walk(d, i, &arena);
  tree_arena_clear(&arena);
}

/* Walks the deferred folders, jobs at a time, into folders (a GPtrArray of
 * files per folder, in the order of dirs); the error is the first folder's
 * that failed, as a walk in one go would have stopped there. */
static gboolean walk_deferred(GPtrArray *dirs, gsize root, int jobs, GPtrArray *folders,
                              GError **error)
{
  guint n = dirs->len;
  Deferred d = {dirs, root, folders, g_new0(GError *, n + 1), 0};
  for (guint i = 0; i < n; i++)
    g_ptr_array_add(folders, g_ptr_array_new_with_free_func((GDestroyNotify)ingest_tree_file_free));
  guint threads = MIN((guint)MAX(jobs, 1), n);
  GThreadPool *pool = g_thread_pool_new(deferred_worker, &d, (gint)MAX(threads, 1), FALSE, NULL);
  for (guint t = 0; t < threads; t++)
    g_thread_pool_push(pool, GUINT_TO_POINTER(t + 1), NULL);
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
  gsize root = strlen(probe) - 1;
  TreeArena arena = {NULL, 0};
  Walk walk;
  walk_init(&walk, probe, root, &arena, files, jobs > 1 ? deferred : NULL);
  g_string_truncate(walk.base, root);
  walk_enter(&walk, TRUE);
  g_autoptr(GError) top = NULL;
  gboolean ok = tree_walk_dir(&walk, input_dir, &top);
  gboolean unsorted = walk.unsorted;
  walk_clear(&walk);
  tree_arena_clear(&arena);
  /* A deferred folder met before a failure would have failed first. */
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
  if (!walk_deferred(deferred, root, jobs, folders, error))
    return NULL;
  if (!ok) {
    g_propagate_error(error, g_steal_pointer(&top));
    return NULL;
  }
  if (unsorted)
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
