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
 * 200 characters, made valid UTF-8). */
void ingest_ledger_reject(IngestLedger *ledger, IngestFileEntry *entry, guint64 line,
                          const char *reason, const char *excerpt);

/* An accepted row lost to a later copy of the same item. */
void ingest_ledger_demote_to_duplicate(IngestFileEntry *entry);

/* ingest_summary.csv, sorted by file. */
gboolean ingest_ledger_write_summary(const IngestLedger *ledger, const char *path, GError **error);

/* rejects.csv, sorted by file then line (rows of one line in reading order). */
gboolean ingest_ledger_write_rejects(const IngestLedger *ledger, const char *path, GError **error);
