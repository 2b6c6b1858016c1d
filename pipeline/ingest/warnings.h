/* Data-quality findings that are not rejected rows (warnings.csv): an
 * ambassador without data, data for an id not in the roster, the same
 * snapshot read twice with different values. */
#pragma once
#include <glib.h>

typedef struct IngestWarnings IngestWarnings;

IngestWarnings *ingest_warnings_new(void);
void ingest_warnings_free(IngestWarnings *warnings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestWarnings, ingest_warnings_free)

/* kind: "no data", "unknown ambassador", "conflicting duplicate", ...;
 * month "YYYY-MM" or NULL. */
void ingest_warnings_add(IngestWarnings *warnings, const char *kind, const char *subject,
                         const char *month, const char *detail);

/* The unknown ids listed one by one; past them a broken file of a million
 * made-up ids would take memory for each. */
#define INGEST_WARNINGS_MAX_UNKNOWN_IDS 10000

/* Data for an id that is not in the roster was seen in file: one warning per
 * id, listing its files in the order seen. Past the first
 * INGEST_WARNINGS_MAX_UNKNOWN_IDS ids, one warning "(more ids)" lists the
 * files of all the others. */
void ingest_warnings_note_unknown(IngestWarnings *warnings, const char *ambassador_id,
                                  const char *file);

/* Takes from's warnings as if noted on warnings after all it holds (the
 * unknown ids' files follow those seen before), and frees from: a reader on
 * another thread notes apart. */
void ingest_warnings_merge(IngestWarnings *warnings, IngestWarnings *from);

/* warnings.csv, sorted by kind, subject, month (then detail). */
gboolean ingest_warnings_write(const IngestWarnings *warnings, const char *path, GError **error);
