/* The lists of the Data quality and Method sheets, which grow with the input
 * files: read as streams, keeping only the rows the sheets show (at most
 * [report] max_listed_rows of each) and running totals, so that memory
 * follows that setting and not the size of the tree. */
#pragma once
#include "report/tables.h"

#include <glib.h>

/* One kind of input ("ssi", "linkedin export", ...) summed over the tree. */
typedef struct {
  char *kind;
  guint64 files;
  double rows_read;
  double accepted;
  double duplicates;
  double rejected;
} ReportKindTotals;

/* The rows of a list to show, and how many the list has in all. */
typedef struct {
  ReportTable *table;
  guint64 total;
} ReportListing;

typedef struct {
  guint max_listed;
  /* normalized/ingest_summary.csv: every row when there are at most
   * max_listed, else the first max_listed of those needing attention. */
  ReportListing files;
  guint64 attention; /* files needing attention, listed or not */
  GPtrArray *kinds;  /* ReportKindTotals*, sorted by kind */
  ReportListing rejects;
  /* normalized/warnings.csv, then scores/warnings.csv when it exists
   * (the score stage's own: months no export covers), in the columns of the
   * first. */
  ReportListing warnings;
  ReportListing inputs; /* normalized/input_files.csv */
  double input_bytes;   /* the sum of its bytes column */
  /* Its own SHA-256 (lowercase hex) when not every row is kept; else NULL. */
  char *inputs_sha256;
} ReportListings;

/* Reads the four lists of work_dir. A missing file or a bad row is a
 * PIPELINE_ERROR_INPUT naming file and line, as report_table_load. */
gboolean report_listings_load(ReportListings *listings, const char *work_dir, guint max_listed,
                              GError **error);

void report_listings_clear(ReportListings *listings);

/* TRUE when listing holds every row of its list. */
gboolean report_listing_is_complete(const ReportListing *listing);

/* TRUE when a file of ingest_summary.csv needs someone to look at it: it
 * has rejected rows, is of no kind the pipeline knows, or its note says
 * more than how it was read. */
gboolean report_listings_needs_attention(const char *kind, const char *note, double rejected);
