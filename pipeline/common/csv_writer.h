/* Writes the stage CSV files of the spec: UTF-8, comma-delimited, RFC 4180
 * quoting, '\n' line ends, numbers with '.' whatever the locale. The file is
 * written under a temporary name and renamed into place on commit, so a
 * failed run never leaves a half-written stage file. */
#pragma once
#include <glib.h>

typedef struct CsvWriter CsvWriter;

/* Creates the folder if needed and opens <path>.tmp-XXXXXX next to path. The
 * header is written at once (NULL-terminated column names). */
CsvWriter *csv_writer_open(const char *path, const char *const *header, GError **error);

/* Field by field; csv_writer_end_row ends the record. A text field is
 * quoted where it holds a comma, a quote or a line end, or starts or ends
 * with a space or a tab (readers trim those), and only there. */
void csv_writer_add_text(CsvWriter *writer, const char *text); /* NULL writes an empty field */
void csv_writer_add_int(CsvWriter *writer, gint64 value);
void csv_writer_add_double2(CsvWriter *writer, double value); /* two decimals; NaN writes empty */
void csv_writer_add_double_exact(
    CsvWriter *writer, double value); /* shortest text that reads back equal; NaN writes empty */
void csv_writer_add_empty(CsvWriter *writer);
void csv_writer_end_row(CsvWriter *writer);

/* For values many rows repeat (an id, a date): csv_writer_format_text
 * appends to out the field csv_writer_add_text would write (nothing for
 * NULL), and csv_writer_add_fields adds bytes made so, one field or more
 * joined by commas, as the next fields of the row without looking at them
 * again. */
void csv_writer_format_text(GString *out, const char *text);
void csv_writer_add_fields(CsvWriter *writer, const char *fields, gsize length);

/* Flushes and renames into place. On failure the temporary file is removed
 * and the previous file, if any, stays. Frees the writer either way.
 * No fsync: stage files are rebuilt from the inputs by any rerun, and the
 * rename alone keeps readers and a failed run from a half-written file;
 * only a system crash right after a run could leave one short, and the
 * rerun that follows it rewrites it. */
gboolean csv_writer_commit(CsvWriter *writer, GError **error);

/* Drops the temporary file; the previous file stays. NULL is allowed. */
void csv_writer_abort(CsvWriter *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CsvWriter, csv_writer_abort)

/* Removes the temporary files ("<name>.tmp-XXXXXX") that a killed run left in
 * dir. A stage calls it before writing there; two runs never share a work
 * folder at once. */
void csv_writer_remove_stale(const char *dir);

/* Writes bytes to path through a temporary file and a rename. */
gboolean csv_writer_replace_file(const char *path, const char *data, gsize length, GError **error);
