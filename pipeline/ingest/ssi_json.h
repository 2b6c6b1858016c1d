/* Raw SSI page captures, ssi/<ambassador_id>_<YYYY-MM-DD>.json (inputs.md):
 * LinkedIn's memberScore and groupScore, pillars mapped by name. */
#pragma once
#include "ingest/snapshots.h"

/* Reads one capture (named entry->file) into the sink: one row read. A file
 * that is not JSON, a bad file name or a missing memberScore is that row
 * rejected with the reason; an empty file is zero rows. Returns TRUE: no
 * capture stops a run by itself. */
gboolean ingest_ssi_json_read(const char *path, IngestFileEntry *entry, const IngestSsiSink *sink,
                              GError **error);
