/* The per-file accounting of one ingest run: for every input file its kind,
 * encoding, rows read, accepted, duplicates and rejected, and the list of
 * rejected rows; written as ingest_summary.csv and rejects.csv. */
#pragma once
#include <glib.h>

typedef struct {
  char *file;     /* path relative to the input tree, '/' separators */
  char *kind;     /* "ssi", "roster", ... */
  char *encoding; /* the reader's encoding name, NULL for non-CSV files */
  GString *note;  /* for people: delimiter found, conversion, why not used */
  guint64 rows_read;
  guint64 accepted;
  guint64 duplicates;
  guint64 rejected;
} IngestFileEntry;

/* Two readers may use a ledger at once (the LinkedIn exports and the other
 * data files): ingest_ledger_add_file, ingest_ledger_reject and
 * ingest_ledger_add_block may be called from two threads, as long as each
 * entry, and the rejects of each file, come from one of them; and blocks
 * given the ledger by ingest_ledger_block_spill_into may spill into it from
 * any thread, each block from one at a time. */
typedef struct IngestLedger IngestLedger;

IngestLedger *ingest_ledger_new(void);
void ingest_ledger_free(IngestLedger *ledger);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestLedger, ingest_ledger_free)

/* Adds a file with zero rows; the entry lives as long as the ledger. */
IngestFileEntry *ingest_ledger_add_file(IngestLedger *ledger, const char *file, const char *kind);

/* Appends to the entry's note, separated from what is there by ", ". */
void ingest_ledger_note(IngestFileEntry *entry, const char *text);

/* One row read and accepted. */
void ingest_ledger_accept(IngestFileEntry *entry);

/* One row read and rejected: listed with its line, reason and excerpt (cut to
 * 200 characters, made valid UTF-8). The rejects wait packed, a few MB in
 * memory at most, the rest sorted in runs in the temporary file of
 * ingest_ledger_spill_to (in memory without one): a file of bad rows takes
 * no more memory than a file of good ones. */
void ingest_ledger_reject(IngestLedger *ledger, IngestFileEntry *entry, guint64 line,
                          const char *reason, const char *excerpt);

/* For tests: the bytes of packed rejects gathered before they are sorted
 * into a run (4 MiB unless set; set before the first reject), and the
 * bytes of rejects held in memory. */
void ingest_ledger_set_batch_bytes(IngestLedger *ledger, gsize bytes);
guint64 ingest_ledger_rejects_in_memory(IngestLedger *ledger);

/* An accepted row lost to a later copy of the same item. */
void ingest_ledger_demote_to_duplicate(IngestFileEntry *entry);

/* --- Files accounted apart, handed over at once when final ---------------
 * An ambassador's LinkedIn files number in the hundreds a month; once their
 * accounting is final they leave memory for a temporary file until the
 * summary is written, so memory does not grow with the number of files. */

typedef struct IngestLedgerBlock IngestLedgerBlock;

IngestLedgerBlock *ingest_ledger_block_new(void);
void ingest_ledger_block_free(IngestLedgerBlock *block);

/* Like ingest_ledger_add_file and ingest_ledger_reject; the entry lives as
 * long as the block. */
IngestFileEntry *ingest_ledger_block_add_file(IngestLedgerBlock *block, const char *file,
                                              const char *kind);
void ingest_ledger_block_reject(IngestLedgerBlock *block, IngestFileEntry *entry, guint64 line,
                                const char *reason, const char *excerpt);

/* A file's row as it stands, without an entry: its strings are borrowed
 * and must outlive the sealing of the block (an ambassador's files number
 * in the hundreds, each an entry to make and free otherwise). */
typedef struct {
  const char *file;
  const char *kind;
  const char *encoding; /* NULL allowed */
  const char *note;     /* "" for none */
  guint64 rows_read;
  guint64 accepted;
  guint64 duplicates;
  guint64 rejected;
} IngestLedgerRow;

void ingest_ledger_block_add_row(IngestLedgerBlock *block, const IngestLedgerRow *row);
/* A rejected row of a file added by ingest_ledger_block_add_row, whose
 * counts include it already; file is borrowed likewise. */
void ingest_ledger_block_add_reject(IngestLedgerBlock *block, const char *file, guint64 line,
                                    const char *reason, const char *excerpt);

/* Lets the block put its rejects into sorted runs of the ledger, past the
 * ledger's batch size, rather than hold them: an ambassador's broken export
 * has millions. Any thread, before the block is sealed; the ledger must
 * outlive the block. Once a block has runs, sealing it puts the rest of its
 * rejects into one too; a block freed without being handed over takes its
 * runs out of the ledger again. */
void ingest_ledger_block_spill_into(IngestLedgerBlock *block, IngestLedger *ledger);

/* Forgets the rejects the block has taken so far (an ambassador's exports
 * read again from the start); only before the block is sealed. The counts
 * of files are the caller's. */
void ingest_ledger_block_drop_rejects(IngestLedgerBlock *block);

/* For tests: the bytes of the block's rejects held in memory before it is
 * sealed. */
guint64 ingest_ledger_block_rejects_in_memory(const IngestLedgerBlock *block);

/* Keeps blocks and runs of rejects in a temporary file in dir (removed
 * when the ledger is freed, unnamed meanwhile); without one, or when it
 * cannot be made, they stay in memory, packed. */
void ingest_ledger_spill_to(IngestLedger *ledger, const char *dir);

/* Packs the block's files and rejects, which frees their entries: a block
 * can be sealed on the thread that read its files, the ledger taking it on
 * another. With log set, each file's verbose log line is kept for
 * ingest_ledger_add_block to print. */
void ingest_ledger_block_seal(IngestLedgerBlock *block, gboolean log);

/* Takes the block's files and rejects (sealing it without logs if it is not
 * sealed), prints its log lines, and frees the block. The files of a block
 * must share a folder no other block's files are in (an ambassador's
 * folder), so blocks never interleave in path order. */
void ingest_ledger_add_block(IngestLedger *ledger, IngestLedgerBlock *block);

/* The files handed over in blocks and their rows. */
typedef struct {
  guint64 files;
  guint64 rows_read;
  guint64 accepted;
  guint64 duplicates;
  guint64 rejected;
} IngestLedgerCounts;

void ingest_ledger_block_counts(const IngestLedger *ledger, IngestLedgerCounts *counts);

/* The line the verbose run logs for a file. */
void ingest_ledger_log_entry(const IngestFileEntry *entry);

/* ingest_summary.csv, sorted by file. */
gboolean ingest_ledger_write_summary(const IngestLedger *ledger, const char *path, GError **error);

/* rejects.csv, sorted by file then line (rows of one line in reading order). */
gboolean ingest_ledger_write_rejects(const IngestLedger *ledger, const char *path, GError **error);

/* Lets the blocks' files and all rejects go (their temporary file, whose
 * pages take a while to drop) once both files are written: writing either
 * again, or rejecting more, is an error. The counts stay. */
void ingest_ledger_release_blocks(IngestLedger *ledger);
