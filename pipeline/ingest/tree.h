/* The input tree as a sorted list of files, each with the kind of input its
 * place in the tree says it is (inputs.md), and the size and SHA-256 of
 * every file for input_files.csv. */
#pragma once
#include <glib.h>

typedef enum {
  INGEST_KIND_PROGRAMS,
  INGEST_KIND_ROSTER,
  INGEST_KIND_SSI_CSV,
  INGEST_KIND_SSI_JSON,
  INGEST_KIND_LINKEDIN,
  INGEST_KIND_POSTS,
  INGEST_KIND_UNRECOGNISED,
} IngestFileKind;

typedef struct {
  char *path;     /* relative to the tree, '/' separators */
  char *abs_path; /* for opening; the walk's shares the file's record: replace it
                   * with one's own (which ingest_tree_file_free frees), never free it */
  guint64 bytes;
  /* With bytes, what the cache takes as "the same file" (cache.h): the
   * change time moves with every write and cannot be set back. */
  gint64 mtime_ns;
  gint64 ctime_ns;
  guint64 inode;
  /* Filled in (with has_sha256) by whoever reads the file anyway (LinkedIn
   * exports) or takes it from the cache; input_files.csv computes the others. */
  guint8 sha256[32];
  IngestFileKind kind;
  /* A byte of its own, not a bit: the LinkedIn readers set it while another
   * thread reads the flags below, and a bit-field is written as a whole. */
  guint8 has_sha256;
  /* Flags as bits beside kind: a tree holds hundreds of thousands of files,
   * and every byte of a record is that many. Set by the walk only. */
  guint regular : 1;          /* FALSE for a link to a folder, a pipe, ...: never opened */
  guint path_in_abs_path : 1; /* path is the end of abs_path, not an allocation of its own */
  guint block_offset : 22;    /* the walk's: where in its block of records; 0 for none */
} IngestTreeFile;

/* Every file under input_dir, recursively, sorted by path in byte order.
 * Folders are entered, links to folders are not (they are listed, not
 * followed, so a link loop cannot hang the walk). Fails with
 * PIPELINE_ERROR_INPUT when input_dir or a folder in it cannot be read. */
GPtrArray *ingest_tree_walk(const char *input_dir, GError **error);

/* The same with the ambassadors' folders linkedin/<id>/ walked jobs at a
 * time: a tree holds thousands of them. */
GPtrArray *ingest_tree_walk_jobs(const char *input_dir, int jobs, GError **error);

/* The kind of a path relative to the tree. */
IngestFileKind ingest_tree_kind_of(const char *path);

/* "programs", "roster", "ssi", "ssi capture", "linkedin export", "posts",
 * "unrecognised": the kind column of ingest_summary.csv. */
const char *ingest_file_kind_name(IngestFileKind kind);

/* The file's SHA-256 as lowercase hex, read in chunks. */
char *ingest_tree_file_sha256(const IngestTreeFile *file, GError **error);

void ingest_tree_file_free(IngestTreeFile *file);
