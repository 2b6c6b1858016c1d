/* Reads the files ingest leaves in <work>/normalized/ that scoring needs:
 * programs.csv, roster.csv, ssi_snapshots.csv and meta.csv at once, then the
 * LinkedIn files (li_*.csv) and posts.csv one ambassador at a time, so that
 * memory follows the number of ambassadors, not the size of the exports
 * (contract.h). */
#pragma once
#include "score/inputs.h"
#include "score/linkedin.h"

/* Reads all four into new ScoreInputs. A missing or unreadable file, a
 * header without a contract column, or a bad row is PIPELINE_ERROR_INPUT
 * naming the file and the line. */
ScoreInputs *score_normalized_read(const char *work_dir, GError **error);

/* The LinkedIn and posts files of <work>/normalized/, each sorted by
 * ambassador_id (byte order) as contract.h says; an absent file has no rows
 * (a tree without LinkedIn exports or without advocacy-tool posts). */
typedef struct ScoreExports ScoreExports;

ScoreExports *score_exports_open(const char *work_dir);

/* TRUE when normalized/posts.csv exists: the tree has advocacy-tool data. */
gboolean score_exports_has_posts(const ScoreExports *exports);

/* The rows of one ambassador from every file (none: an empty ScoreLinkedin
 * without export). Ask in increasing byte order of ambassador_id; rows of
 * ambassadors never asked for are skipped. A bad row, or a file out of
 * order, is PIPELINE_ERROR_INPUT naming the file and the line. */
ScoreLinkedin *score_exports_read(ScoreExports *exports, const char *ambassador_id, GError **error);

void score_exports_free(ScoreExports *exports);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ScoreExports, score_exports_free)
