/* The files that pass between stages, with their columns in order. Ingest
 * writes <work>/normalized/, score reads it and writes <work>/scores/, report
 * reads both. Writers and readers name columns through these lists only.
 *
 * Values: dates are YYYY-MM-DD, months YYYY-MM, numbers use '.', normalized
 * numbers keep full precision (csv_writer_add_double_exact), scores have two
 * decimals (counts are integers). An empty field means "unknown" (never 0). */
#pragma once

/* --- <work>/normalized/ (written by ingest) ---------------------------- */

/* One row per input file, including unused and unrecognised ones, sorted by
 * file. rows_read = accepted + duplicates + rejected. Spec: model.md. */
#define CONTRACT_INGEST_SUMMARY "normalized/ingest_summary.csv"
#define CONTRACT_INGEST_SUMMARY_COLUMNS                                                            \
  "file", "kind", "encoding", "rows_read", "accepted", "duplicates", "rejected", "note"

/* One row per rejected row, in file then line order. excerpt <= 200 chars. */
#define CONTRACT_REJECTS "normalized/rejects.csv"
#define CONTRACT_REJECTS_COLUMNS "file", "line", "reason", "excerpt"

/* programs.ini as read: teams and target_audience joined with ';';
 * end empty while running. Sorted by program. */
#define CONTRACT_PROGRAMS "normalized/programs.csv"
#define CONTRACT_PROGRAMS_COLUMNS                                                                  \
  "program", "name", "company", "start", "end", "target_audience", "teams"

/* Accepted roster rows (memberships) in file order. consent is "yes" or
 * "no"; joined/left are ISO dates, left empty while a member. */
#define CONTRACT_ROSTER "normalized/roster.csv"
#define CONTRACT_ROSTER_COLUMNS                                                                    \
  "ambassador_id", "name", "email", "program", "team", "role", "country", "industry", "joined",    \
      "left", "consent"

/* Accepted SSI snapshots (CSV rows and JSON captures), one per ambassador and
 * day (same day twice: the later file in path order, then the later row,
 * wins; the others count as duplicates). Sorted by ambassador_id, date.
 * Pillars are all four or all empty; ranks are the N of "Top N%". file/line
 * name where the winning value was read. */
#define CONTRACT_SNAPSHOTS "normalized/ssi_snapshots.csv"
#define CONTRACT_SNAPSHOTS_COLUMNS                                                                 \
  "ambassador_id", "date", "ssi", "brand", "people", "insights", "relationships", "industry_rank", \
      "network_rank", "file", "line"

/* Things data quality should say that are not rejects. kind is one of
 * "no data" (roster ambassador without any input), "unknown ambassador"
 * (data for an id not in the roster), "conflicting duplicate" (same person
 * and day with different values), "not covered" (a month no export covers).
 * subject is the ambassador id; detail a sentence for people. */
#define CONTRACT_WARNINGS "normalized/warnings.csv"
#define CONTRACT_WARNINGS_COLUMNS "kind", "subject", "month", "detail"

/* Every input file with its size and SHA-256, for the Method sheet. */
#define CONTRACT_INPUT_FILES "normalized/input_files.csv"
#define CONTRACT_INPUT_FILES_COLUMNS "file", "bytes", "sha256"

/* key,value facts about the tree: "latest_date" = the latest day of any
 * accepted snapshot, LinkedIn event or post (the default report month). */
#define CONTRACT_META "normalized/meta.csv"
#define CONTRACT_META_COLUMNS "key", "value"

/* --- <work>/scores/ (written by score) ---------------------------------- */

#define CONTRACT_PERSON_MONTH "scores/person_month.csv"
#define CONTRACT_ACTIVITY_COLUMNS                                                                  \
  "posts", "comments", "reactions", "messages_sent", "invitations_sent", "invitations_accepted",   \
      "new_connections", "new_target_connections", "tool_posts", "impressions",                    \
      "reactions_received", "comments_received", "reposts_received", "clicks"
#define CONTRACT_PERSON_MONTH_COLUMNS                                                              \
  "ambassador_id", "name", "program", "team", "month", "ssi", "source", "band", "brand", "people", \
      "insights", "relationships", "ssi_reported", "ssi_estimated", "brand_est", "people_est",     \
      "insights_est", "relationships_est", "industry_rank", "network_rank",                        \
      CONTRACT_ACTIVITY_COLUMNS

#define CONTRACT_AGGREGATE_COLUMNS                                                                 \
  "members", "with_ssi", "ssi_mean", "ssi_median", "ssi_min", "ssi_max", "ssi_sd", "brand_mean",   \
      "people_mean", "insights_mean", "relationships_mean", "share_good", "share_low",             \
      "delta_mean", "active", "activation_rate", "posts_per_member", "impressions",                \
      "engagement_rate"

#define CONTRACT_TEAM_MONTH "scores/team_month.csv"
#define CONTRACT_TEAM_MONTH_COLUMNS "program", "team", "month", CONTRACT_AGGREGATE_COLUMNS

#define CONTRACT_PROGRAM_MONTH "scores/program_month.csv"
#define CONTRACT_PROGRAM_MONTH_COLUMNS "program", "month", "month_index", CONTRACT_AGGREGATE_COLUMNS

/* key,value: "report_month" = the month scored last (the report's month). */
#define CONTRACT_SCORE_META "scores/meta.csv"

/* --- LinkedIn data exports (normalized by ingest) --------------------------
 * One row per distinct event key of model.md "Dedup keys", per ambassador:
 * count is how often it counts (the largest multiplicity over that
 * ambassador's exports); the other fields come from the newest export holding
 * it. Sorted by ambassador_id, date, then the remaining columns. */
#define CONTRACT_LI_CONNECTIONS "normalized/li_connections.csv"
#define CONTRACT_LI_CONNECTIONS_COLUMNS                                                            \
  "ambassador_id", "date", "first_name", "last_name", "url", "company", "position", "count"

/* direction is INCOMING or OUTGOING; invitee_url empty in older exports. */
#define CONTRACT_LI_INVITATIONS "normalized/li_invitations.csv"
#define CONTRACT_LI_INVITATIONS_COLUMNS                                                            \
  "ambassador_id", "date", "direction", "from", "to", "invitee_url", "count"

#define CONTRACT_LI_SHARES "normalized/li_shares.csv"
#define CONTRACT_LI_COMMENTS "normalized/li_comments.csv"
#define CONTRACT_LI_REACTIONS "normalized/li_reactions.csv"
#define CONTRACT_LI_DATED_COLUMNS "ambassador_id", "date", "count"

/* draft is "yes" for FOLDER = DRAFT or IS MESSAGE DRAFT yes/true, else "no". */
#define CONTRACT_LI_MESSAGES "normalized/li_messages.csv"
#define CONTRACT_LI_MESSAGES_COLUMNS "ambassador_id", "date", "from", "draft", "count"

/* status as exported: ACCEPTED, PENDING or HIDDEN. */
#define CONTRACT_LI_ENDORSEMENTS "normalized/li_endorsements.csv"
#define CONTRACT_LI_ENDORSEMENTS_COLUMNS "ambassador_id", "date", "status", "count"

/* One row per ambassador with at least one export. newest_export is the
 * export (relative path) the profile facts come from (inputs.md "newest
 * export"); covered_until the latest of the dates in its exports' names and
 * of every event date in its files (model.md "Coverage"). The *_set columns
 * are 1 or 0; current_position is 1 when Positions.csv has a row with an
 * empty Finished On; skills and visible_recommendations are counts. */
#define CONTRACT_LI_PROFILES "normalized/li_profiles.csv"
#define CONTRACT_LI_PROFILES_COLUMNS                                                               \
  "ambassador_id", "newest_export", "covered_until", "first_name", "last_name", "headline_set",    \
      "summary_set", "industry_set", "geo_location_set", "current_position", "skills",             \
      "visible_recommendations", "websites_or_twitter_set"

/* --- Advocacy-tool posts (normalized by ingest) -----------------------------
 * One row per post_url (the later file in path order wins, then the later
 * row), the ambassador matched to a roster id. Metrics empty when unknown.
 * Sorted by ambassador_id, date, post_url. source is the sources.ini section
 * that recognised the file. */
#define CONTRACT_POSTS "normalized/posts.csv"
#define CONTRACT_POSTS_COLUMNS                                                                     \
  "ambassador_id", "date", "post_url", "impressions", "reactions", "comments", "reposts",          \
      "clicks", "source", "file", "line"

/* --- Score warnings ---------------------------------------------------------
 * Same columns as CONTRACT_WARNINGS; score adds "not covered" (months no
 * LinkedIn export covers), one row per ambassador and run of months. */
#define CONTRACT_SCORE_WARNINGS "scores/warnings.csv"

/* The estimate's factors for every person-month of the report month that has
 * an estimate (model.md "Estimated SSI"), in the factor order of ssi-model.ini:
 * measured is x, points = P * min(1, x / T), max_points = P. The Coaching
 * sheet reads it. Sorted by ambassador_id, program, then factor order. */
#define CONTRACT_FACTORS "scores/factors.csv"
#define CONTRACT_FACTORS_COLUMNS                                                           \
  "ambassador_id", "program", "team", "month", "factor", "pillar", "measured", "target",   \
      "points", "max_points"
