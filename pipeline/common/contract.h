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
#define CONTRACT_INGEST_SUMMARY_COLUMNS \
  "file", "kind", "encoding", "rows_read", "accepted", "duplicates", "rejected", "note"

/* One row per rejected row, in file then line order. excerpt <= 200 chars. */
#define CONTRACT_REJECTS "normalized/rejects.csv"
#define CONTRACT_REJECTS_COLUMNS "file", "line", "reason", "excerpt"

/* programs.ini as read: teams and target_audience joined with ';';
 * end empty while running. Sorted by program. */
#define CONTRACT_PROGRAMS "normalized/programs.csv"
#define CONTRACT_PROGRAMS_COLUMNS \
  "program", "name", "company", "start", "end", "target_audience", "teams"

/* Accepted roster rows (memberships) in file order. consent is "yes" or
 * "no"; joined/left are ISO dates, left empty while a member. */
#define CONTRACT_ROSTER "normalized/roster.csv"
#define CONTRACT_ROSTER_COLUMNS                                                       \
  "ambassador_id", "name", "email", "program", "team", "role", "country", "industry", \
      "joined", "left", "consent"

/* Accepted SSI snapshots (CSV rows and JSON captures), one per ambassador and
 * day (same day twice: the later file in path order, then the later row,
 * wins; the others count as duplicates). Sorted by ambassador_id, date.
 * Pillars are all four or all empty; ranks are the N of "Top N%". file/line
 * name where the winning value was read. */
#define CONTRACT_SNAPSHOTS "normalized/ssi_snapshots.csv"
#define CONTRACT_SNAPSHOTS_COLUMNS                                                          \
  "ambassador_id", "date", "ssi", "brand", "people", "insights", "relationships",          \
      "industry_rank", "network_rank", "file", "line"

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
#define CONTRACT_ACTIVITY_COLUMNS                                                           \
  "posts", "comments", "reactions", "messages_sent", "invitations_sent",                  \
      "invitations_accepted", "new_connections", "new_target_connections", "tool_posts",   \
      "impressions", "reactions_received", "comments_received", "reposts_received", "clicks"
#define CONTRACT_PERSON_MONTH_COLUMNS                                                       \
  "ambassador_id", "name", "program", "team", "month", "ssi", "source", "band", "brand",   \
      "people", "insights", "relationships", "ssi_reported", "ssi_estimated", "brand_est", \
      "people_est", "insights_est", "relationships_est", "industry_rank", "network_rank",  \
      CONTRACT_ACTIVITY_COLUMNS

#define CONTRACT_AGGREGATE_COLUMNS                                                          \
  "members", "with_ssi", "ssi_mean", "ssi_median", "ssi_min", "ssi_max", "ssi_sd",         \
      "brand_mean", "people_mean", "insights_mean", "relationships_mean", "share_good",    \
      "share_low", "delta_mean", "active", "activation_rate", "posts_per_member",          \
      "impressions", "engagement_rate"

#define CONTRACT_TEAM_MONTH "scores/team_month.csv"
#define CONTRACT_TEAM_MONTH_COLUMNS "program", "team", "month", CONTRACT_AGGREGATE_COLUMNS

#define CONTRACT_PROGRAM_MONTH "scores/program_month.csv"
#define CONTRACT_PROGRAM_MONTH_COLUMNS "program", "month", "month_index", CONTRACT_AGGREGATE_COLUMNS

/* key,value: "report_month" = the month scored last (the report's month). */
#define CONTRACT_SCORE_META "scores/meta.csv"
