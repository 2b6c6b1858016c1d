/* Reads the files ingest leaves in <work>/normalized/ that scoring needs:
 * programs.csv, roster.csv, ssi_snapshots.csv and meta.csv (contract.h). */
#pragma once
#include "score/inputs.h"

/* Reads all four into new ScoreInputs. A missing or unreadable file, a
 * header without a contract column, or a bad row is PIPELINE_ERROR_INPUT
 * naming the file and the line. */
ScoreInputs *score_normalized_read(const char *work_dir, GError **error);
