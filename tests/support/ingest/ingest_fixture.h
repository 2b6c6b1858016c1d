/* What the SSI and posts readers' tests share: a temporary tree with
 * programs.ini and roster.csv loaded, and the ledger, snapshots and warnings
 * a reader fills. */
#pragma once
#include "ingest/ledger.h"
#include "ingest/programs.h"
#include "ingest/roster.h"
#include "ingest/snapshots.h"
#include "ingest/warnings.h"

typedef struct {
  char *dir;
  IngestPrograms *programs;
  IngestLedger *ledger;
  IngestRoster *roster;
  IngestSnapshots *snapshots;
  IngestWarnings *warnings;
  IngestSsiSink sink;
} IngestFixture;

/* Writes programs_ini and roster_csv into a new temporary folder and reads
 * them; fails the running test when the roster gives no membership. */
IngestFixture *ingest_fixture_new(const char *prefix, const char *programs_ini,
                                  const char *roster_csv);

void ingest_fixture_free(IngestFixture *f);

/* rejects.csv as the ledger writes it now. */
char *ingest_fixture_rejects_text(IngestFixture *f);
