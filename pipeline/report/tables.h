/* The stage files the report reads (scores/ and normalized/), held in memory
 * as tables of text addressed by column NAME, with the numeric columns
 * checked on loading so that sheets can read numbers without failing. */
#pragma once
#include <glib.h>

/* A row: its fields' text follows it in the same memory, each field at
 * offsets[column] bytes from the row's start. Offsets instead of pointers
 * halve what a row of a few dozen short fields takes, and the report holds
 * tens of thousands of them. */
typedef struct {
  guint64 line;      /* physical line of the record, for messages */
  guint32 offsets[]; /* one per header column; "" when the record was short */
} ReportRow;

/* The memory of a table's rows, private to tables.c. */
typedef struct ReportTableMemory ReportTableMemory;

typedef struct {
  char *path;
  GPtrArray *columns; /* char*: the header as read */
  GPtrArray *rows;    /* ReportRow* in file order, held by memory */
  ReportTableMemory *memory;
} ReportTable;

/* An empty table of no columns, for the columns and rows of its caller. */
ReportTable *report_table_new(const char *path);

/* A row of table holding copies of fields (one per column of table), in
 * memory the table frees: add it to table->rows, or put it in place of
 * another row (whose memory stays until the table is freed). */
ReportRow *report_table_row_new(ReportTable *table, guint64 line, const char *const *fields);

/* Reads a CSV file with a header row. required: column names that must be
 * present (NULL-terminated); numeric: columns whose fields must be empty or a
 * finite number written with '.' (NULL-terminated, may be NULL). Errors
 * (PIPELINE_ERROR_INPUT) name the file, the line and what was expected. */
ReportTable *report_table_load(const char *path, const char *const *required,
                               const char *const *numeric, GError **error);

/* Sees each row of a file as it is read (fields: one per header column, ""
 * when the record was short, numbers already checked; valid during the call
 * only) and returns whether the table keeps it: a sheet that shows a few rows
 * of a long file keeps only those, and memory stays bounded. */
typedef gboolean (*ReportRowFilter)(const ReportTable *table, guint64 line,
                                    const char *const *fields, gpointer user_data);

/* report_table_load keeping only the rows keep accepts; every row is still
 * checked. */
ReportTable *report_table_load_filtered(const char *path, const char *const *required,
                                        const char *const *numeric, ReportRowFilter keep,
                                        gpointer user_data, GError **error);

void report_table_free(ReportTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportTable, report_table_free)

/* Index of the column named name (ignoring ASCII case), or -1. */
int report_table_column(const ReportTable *table, const char *name);

/* The field of row at column (an index from report_table_column); "" when
 * column is -1. */
const char *report_table_text(const ReportTable *table, guint row, int column);

/* The number in that field; NAN when it is empty or column is -1. */
double report_table_number(const ReportTable *table, guint row, int column);

/* The files the report reads whole, loaded by report_data_load: they grow
 * with ambassadors and months. The lists that grow with the input files
 * (ingest_summary.csv, rejects.csv, warnings.csv, input_files.csv) are read
 * as streams by report/listings.h. */
typedef struct {
  ReportTable *person_month;
  ReportTable *team_month;
  ReportTable *program_month;
  ReportTable *programs;
  ReportTable *roster;
  ReportTable *factors; /* NULL when scores/factors.csv does not exist */
  char *factors_path;   /* where it was looked for, for messages */
} ReportData;

/* Loads the files of common/contract.h from work_dir. A missing or unreadable
 * file is a PIPELINE_ERROR_INPUT naming it; only scores/factors.csv may be
 * missing (work folders scored before the estimate had factors). */
gboolean report_data_load(ReportData *data, const char *work_dir, GError **error);

void report_data_clear(ReportData *data);

/* The display name of a program id from programs.csv; the id itself when the
 * program has no name there. */
const char *report_data_program_name(const ReportData *data, const char *program);

/* report_month from <work>/scores/meta.csv, checked to be YYYY-MM. */
char *report_data_read_month(const char *work_dir, GError **error);
