/* Reported SSI snapshots (model.md "Reported SSI"): the rules every
 * snapshot obeys whatever file it came from, and the store that keeps one
 * snapshot per ambassador and day (the later one read wins). */
#pragma once
#include "ingest/ledger.h"
#include "ingest/roster.h"
#include "ingest/warnings.h"
#include <glib.h>

typedef struct {
  char *ambassador_id;
  GDate date;
  /* NAN where unknown: pillars are all four or none */
  double ssi;
  double brand;
  double people;
  double insights;
  double relationships;
  double industry_rank; /* N of "Top N%" */
  double network_rank;
  IngestFileEntry *entry; /* the file it was read from */
  guint64 line;
} IngestSnapshot;

/* A snapshot with every value NAN. */
IngestSnapshot *ingest_snapshot_new(const char *ambassador_id, IngestFileEntry *entry,
                                    guint64 line);
void ingest_snapshot_free(IngestSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestSnapshot, ingest_snapshot_free)

/* Checks the value rules of inputs.md and sets a missing total to the
 * pillar sum. NULL when the snapshot may be used, else the reject reason
 * ("some but not all pillars", "neither total nor pillars", "ssi out of
 * range", "pillar out of range", "rank out of range", "total differs from
 * pillar sum by more than 1.0"). */
const char *ingest_snapshot_check(IngestSnapshot *snapshot);

typedef struct IngestSnapshots IngestSnapshots;

IngestSnapshots *ingest_snapshots_new(void);
void ingest_snapshots_free(IngestSnapshots *snapshots);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestSnapshots, ingest_snapshots_free)

/* Takes a checked snapshot already counted as accepted in its entry. One
 * already held for the same ambassador and day is replaced and counted as a
 * duplicate in its own file; if their values differ, a "conflicting
 * duplicate" warning names both. */
void ingest_snapshots_add(IngestSnapshots *snapshots, IngestSnapshot *snapshot,
                          IngestWarnings *warnings);

/* Whether any snapshot of that ambassador is held. */
gboolean ingest_snapshots_has(const IngestSnapshots *snapshots, const char *ambassador_id);

/* The latest date held; FALSE when there is none. */
gboolean ingest_snapshots_latest_date(const IngestSnapshots *snapshots, GDate *out);

/* ssi_snapshots.csv, sorted by ambassador_id, date. */
gboolean ingest_snapshots_write(const IngestSnapshots *snapshots, const char *path, GError **error);

/* Where SSI readers put what they read. */
typedef struct {
  const IngestRoster *roster;
  IngestLedger *ledger;
  IngestSnapshots *snapshots;
  IngestWarnings *warnings;
} IngestSsiSink;

/* Takes a snapshot that passed the reader's own checks: rejects it with
 * the rule it breaks and returns that reason, or counts it, stores it and
 * returns NULL. Takes ownership. */
const char *ingest_ssi_sink_offer(const IngestSsiSink *sink, IngestSnapshot *snapshot,
                                  const char *excerpt);

/* FALSE for an id the roster does not know; the id and file are noted for
 * the "unknown ambassador" warning. */
gboolean ingest_ssi_sink_knows(const IngestSsiSink *sink, const char *ambassador_id,
                               const IngestFileEntry *entry);
