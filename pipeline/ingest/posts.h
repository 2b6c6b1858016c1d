/* Advocacy-tool post exports, the .csv files in posts/ (inputs.md): each
 * file's tool recognised through sources.ini, each post's ambassador matched
 * to the roster, one post kept per post_url (model.md "Dedup keys"). */
#pragma once
#include "ingest/ledger.h"
#include "ingest/roster.h"
#include "ingest/sources.h"
#include "ingest/warnings.h"
#include <glib.h>

typedef struct IngestPosts IngestPosts;

/* An empty store. It takes sources, matches ambassadors against roster
 * (which must outlive it), accounts rows in ledger, notes ids not in the
 * roster in warnings and holds at most max_posts (> 0, [ingest] max_posts)
 * posts of one ambassador. */
IngestPosts *ingest_posts_new(IngestSources *sources, const IngestRoster *roster,
                              IngestLedger *ledger, IngestWarnings *warnings, int max_posts);

void ingest_posts_free(IngestPosts *posts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestPosts, ingest_posts_free)

/* Reads one file (named entry->file in messages). A row is rejected when it
 * is malformed, its ambassador is not in the roster ("ambassador not in
 * roster": not an id, an e-mail in any case, or an exact name), its date is
 * not YYYY-MM-DD, DD.MM.YYYY or M/D/YYYY, its post URL is missing, or a
 * metric is not a whole count (empty = unknown). A post whose URL is held
 * already replaces it; the earlier one counts as a duplicate in its own file,
 * so the later file in path order, then the later row, wins. Past that, a
 * row is rejected when its ambassador has max_posts posts held and its URL
 * is not one of them ("more than max_posts (50000) different posts of a02"):
 * the first max_posts in path and row order are kept, so memory stays
 * bounded whatever the size of a broken export.
 * FALSE (PIPELINE_ERROR_INPUT) when no source recognises the header: the file
 * then counts as one row read and rejected, with the headers found and known
 * as the reason. A file that cannot be opened is one row rejected. */
gboolean ingest_posts_read(IngestPosts *posts, const char *path, IngestFileEntry *entry,
                           GError **error);

/* Whether a post of that ambassador is held. */
gboolean ingest_posts_has(const IngestPosts *posts, const char *ambassador_id);

/* The latest publish date held; FALSE when there is none. */
gboolean ingest_posts_latest_date(const IngestPosts *posts, GDate *out);

/* posts.csv (common/contract.h CONTRACT_POSTS), sorted by ambassador_id,
 * date, post_url. */
gboolean ingest_posts_write(const IngestPosts *posts, const char *path, GError **error);
