/* config/sources.ini: how each advocacy tool names the columns of its post
 * exports (inputs.md "Advocacy-tool post exports"), one [source <id>] section
 * per tool, and the recognition of the tool of a .csv file in posts/ by its header row.
 * Adding a tool is adding a section; no code knows the tools. */
#pragma once
#include "common/csv_reader.h"
#include <glib.h>

/* The fields of a post, in the order of normalized/posts.csv. */
typedef enum {
  POST_FIELD_AMBASSADOR, /* roster id, e-mail or name */
  POST_FIELD_DATE,
  POST_FIELD_POST_URL,
  POST_FIELD_IMPRESSIONS, /* the metrics: optional columns */
  POST_FIELD_REACTIONS,
  POST_FIELD_COMMENTS,
  POST_FIELD_REPOSTS,
  POST_FIELD_CLICKS,
  POST_N_FIELDS
} PostField;

/* The first metric; the fields before it must be mapped and present. */
#define POST_FIRST_METRIC POST_FIELD_IMPRESSIONS

typedef struct {
  char *id;                     /* the section's id: [source <id>] */
  char *headers[POST_N_FIELDS]; /* the tool's header per field; NULL: not mapped */
} IngestSource;

typedef struct IngestSources IngestSources;

/* Loads a sources.ini. Every problem is PIPELINE_ERROR_USAGE naming the file
 * and, where there is one, the line, section and key: the file missing, a
 * section other than [source <id>], a section twice, an unknown key, or no
 * ambassador, date or post_url mapping. */
IngestSources *ingest_sources_load(const char *path, GError **error);

void ingest_sources_free(IngestSources *sources);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestSources, ingest_sources_free)

/* The sections in file order. */
guint ingest_sources_count(const IngestSources *sources);
const IngestSource *ingest_sources_get(const IngestSources *sources, guint index);

/* The key naming the field in sources.ini and posts.csv: "ambassador",
 * "date", "post_url", "impressions", ... */
const char *ingest_post_field_name(PostField field);

/* The tool of a header row: among the sections whose ambassador, date and
 * post_url headers are all in the row (compared trimmed and
 * case-insensitively), the one with most mapped headers present, then the
 * first in the file. columns[f] is the field index of each field, -1 when
 * absent. NULL (PIPELINE_ERROR_INPUT) when none matches, with the message
 * `header not recognised: found: "a", "b"; known headers: generic: "ambassador",
 * ...; <id>: ...`. */
const IngestSource *ingest_sources_match(const IngestSources *sources, const CsvRecord *header,
                                         int columns[POST_N_FIELDS], GError **error);
