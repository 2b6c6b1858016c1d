/* Ingest stage: reads the input tree (inputs.md) and writes <work>/normalized/
 * (common/contract.h). Every row read is accepted, a counted duplicate, or a
 * listed reject. */
#pragma once
#include "common/context.h"

typedef struct {
  guint64 files;
  guint64 rows_read;
  guint64 accepted;
  guint64 duplicates;
  guint64 rejected;
} IngestTotals;

/* Runs the stage. On an input error (PIPELINE_ERROR_INPUT: programs.ini or
 * roster.csv missing or unusable, an unrecognised header in ssi/ or posts/,
 * too many rejects of one kind) ingest_summary.csv and rejects.csv are still
 * written before returning FALSE. totals may be NULL. */
gboolean ingest_run(const PipelineContext *ctx, IngestTotals *totals, GError **error);
