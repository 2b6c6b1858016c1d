/* roster.csv: who is an ambassador, in which program and team, since when
 * (inputs.md). Rows are checked against programs.ini; bad rows are rejected
 * with a reason, the rest become memberships. */
#pragma once
#include "ingest/ledger.h"
#include "ingest/programs.h"
#include <glib.h>

typedef struct {
  char *ambassador_id;
  char *name;
  char *email;
  char *program;
  char *team;
  char *role;
  char *country;
  char *industry;
  GDate joined;
  GDate left; /* not valid while still a member */
  gboolean consent;
  guint64 line;
} IngestMembership;

typedef struct IngestRoster IngestRoster;

/* Reads path (named entry->file in messages), accounting every row in entry
 * and rejects in ledger. Fails (PIPELINE_ERROR_INPUT) when the file cannot be
 * read, a required column is missing, or no row is accepted. */
IngestRoster *ingest_roster_read(const char *path, IngestFileEntry *entry, IngestLedger *ledger,
                                 const IngestPrograms *programs, GError **error);

void ingest_roster_free(IngestRoster *roster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestRoster, ingest_roster_free)

/* Whether any accepted row has that ambassador id. */
gboolean ingest_roster_has(const IngestRoster *roster, const char *ambassador_id);

/* Accepted memberships in file order. */
const GPtrArray *ingest_roster_memberships(const IngestRoster *roster);

/* Ambassador ids, each once, in order of first appearance. */
const GPtrArray *ingest_roster_ids(const IngestRoster *roster);

/* roster.csv of normalized/: accepted rows in file order. */
gboolean ingest_roster_write(const IngestRoster *roster, const char *path, GError **error);
