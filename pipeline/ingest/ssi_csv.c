/* Reads the .csv files in ssi/ (ssi_csv.h): maps the header through the English and
 * German aliases, parses numbers with the file's decimal mark and hands each
 * row to the snapshot rules. */
#include "ingest/ssi_csv.h"
#include "common/csv_reader.h"
#include "common/errors.h"
#include "ingest/csv_note.h"
#include "ingest/dates.h"
#include "ingest/numbers.h"
#include <math.h>
#include <string.h>

enum {
  COL_ID,
  COL_DATE,
  COL_SSI,
  COL_BRAND,
  COL_PEOPLE,
  COL_INSIGHTS,
  COL_RELATIONSHIPS,
  COL_INDUSTRY_RANK,
  COL_NETWORK_RANK,
  SSI_N_COLUMNS
};

static const char *const id_aliases[] = {"id", "Botschafter-ID", NULL};
static const char *const date_aliases[] = {"Datum", NULL};
static const char *const ssi_aliases[] = {"SSI", "Gesamt", "total", NULL};
static const char *const brand_aliases[] = {"Marke", "professional_brand", NULL};
static const char *const people_aliases[] = {"Personen", "find_people", NULL};
static const char *const insights_aliases[] = {"Einblicke", "engage_insights", NULL};
static const char *const relationships_aliases[] = {"Beziehungen", "build_relationships", NULL};
static const char *const industry_rank_aliases[] = {"Branchenrang", NULL};
static const char *const network_rank_aliases[] = {"Netzwerkrang", NULL};

static const CsvColumnSpec ssi_columns[SSI_N_COLUMNS] = {
    [COL_ID] = {"ambassador_id", id_aliases, TRUE},
    [COL_DATE] = {"date", date_aliases, TRUE},
    [COL_SSI] = {"ssi", ssi_aliases, FALSE},
    [COL_BRAND] = {"brand", brand_aliases, FALSE},
    [COL_PEOPLE] = {"people", people_aliases, FALSE},
    [COL_INSIGHTS] = {"insights", insights_aliases, FALSE},
    [COL_RELATIONSHIPS] = {"relationships", relationships_aliases, FALSE},
    [COL_INDUSTRY_RANK] = {"industry_rank", industry_rank_aliases, FALSE},
    [COL_NETWORK_RANK] = {"network_rank", network_rank_aliases, FALSE},
};

typedef struct {
  const IngestSsiSink *sink;
  IngestFileEntry *entry;
  const CsvFileInfo *info; /* filled by the reader as it goes: the delimiter */
  int columns[SSI_N_COLUMNS];
  char *headers[SSI_N_COLUMNS]; /* the column names as the file writes them */
  gboolean header_seen;
} SsiCsvReader;

/* Without a total column a file needs all four pillar columns; asking the
 * header map again with the total required yields the usual message. */
static gboolean ssi_csv_check_value_columns(const SsiCsvReader *r, const CsvRecord *header,
                                            GError **error)
{
  if (r->columns[COL_SSI] >= 0)
    return TRUE;
  for (int c = COL_BRAND; c <= COL_RELATIONSHIPS; c++)
    if (r->columns[c] < 0) {
      CsvColumnSpec specs[SSI_N_COLUMNS];
      int ignored[SSI_N_COLUMNS];
      memcpy(specs, ssi_columns, sizeof specs);
      specs[COL_SSI].required = TRUE;
      return csv_header_map(header, specs, SSI_N_COLUMNS, ignored, error);
    }
  return TRUE;
}

static gboolean ssi_csv_on_header(SsiCsvReader *r, const CsvRecord *header, GError **error)
{
  g_autoptr(GError) local = NULL;
  r->header_seen = TRUE;
  /* A header swallowed by an open quote would hide the rows after it. */
  if (header->malformed != NULL)
    g_set_error(&local, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "header not readable: %s",
                header->malformed);
  if (local != NULL || !csv_header_map(header, ssi_columns, SSI_N_COLUMNS, r->columns, &local) ||
      !ssi_csv_check_value_columns(r, header, &local)) {
    ingest_ledger_reject(r->sink->ledger, r->entry, header->line, local->message, header->excerpt);
    ingest_ledger_note(r->entry, local->message);
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s:%" G_GUINT64_FORMAT ": %s",
                r->entry->file, header->line, local->message);
    return FALSE;
  }
  for (int c = 0; c < SSI_N_COLUMNS; c++)
    r->headers[c] = g_strstrip(g_strdup(csv_record_field(header, r->columns[c])));
  return TRUE;
}

/* NULL when the field is empty (*out NAN) or a number; else the reason. */
static char *ssi_csv_parse_value(const SsiCsvReader *r, const CsvRecord *record, int column,
                                 double *out)
{
  g_autofree char *text = g_strstrip(g_strdup(csv_record_field(record, r->columns[column])));
  g_autoptr(GError) local = NULL;
  char mark = ingest_csv_decimal_mark(r->info->delimiter);
  *out = NAN;
  if (text[0] == '\0')
    return NULL;
  gboolean ok = column >= COL_INDUSTRY_RANK ? ingest_rank_parse(text, mark, out, &local)
                                            : ingest_number_parse(text, mark, out, &local);
  if (ok)
    return NULL;
  *out = NAN;
  return g_strdup_printf("%s (column %s)", local->message, r->headers[column]);
}

static char *ssi_csv_parse_values(const SsiCsvReader *r, const CsvRecord *record, IngestSnapshot *s)
{
  double *targets[SSI_N_COLUMNS] = {
      [COL_SSI] = &s->ssi,
      [COL_BRAND] = &s->brand,
      [COL_PEOPLE] = &s->people,
      [COL_INSIGHTS] = &s->insights,
      [COL_RELATIONSHIPS] = &s->relationships,
      [COL_INDUSTRY_RANK] = &s->industry_rank,
      [COL_NETWORK_RANK] = &s->network_rank,
  };
  for (int c = COL_SSI; c < SSI_N_COLUMNS; c++) {
    char *reason = ssi_csv_parse_value(r, record, c, targets[c]);
    if (reason != NULL)
      return reason;
  }
  return NULL;
}

/* A snapshot for the row in *out, or the reason it is rejected. */
static char *ssi_csv_parse_row(const SsiCsvReader *r, const CsvRecord *record, IngestSnapshot **out)
{
  if (record->malformed != NULL)
    return g_strdup(record->malformed);
  g_autofree char *id = g_strstrip(g_strdup(csv_record_field(record, r->columns[COL_ID])));
  if (id[0] == '\0')
    return g_strdup("missing ambassador id");
  if (!ingest_ssi_sink_knows(r->sink, id, r->entry))
    return g_strdup("unknown ambassador");
  g_autoptr(IngestSnapshot) s = ingest_snapshot_new(id, r->entry, record->line);
  g_autoptr(GError) local = NULL;
  const char *date = csv_record_field(record, r->columns[COL_DATE]);
  if (!ingest_date_parse(date, DATE_FORM_ISO | DATE_FORM_GERMAN, &s->date, &local))
    return g_strdup_printf("bad date: %s", local->message);
  char *reason = ssi_csv_parse_values(r, record, s);
  if (reason == NULL)
    *out = g_steal_pointer(&s);
  return reason;
}

static gboolean ssi_csv_on_record(const CsvRecord *record, gpointer user_data, GError **error)
{
  SsiCsvReader *r = user_data;
  if (!r->header_seen)
    return ssi_csv_on_header(r, record, error);
  IngestSnapshot *snapshot = NULL;
  g_autofree char *reason = ssi_csv_parse_row(r, record, &snapshot);
  if (reason != NULL)
    ingest_ledger_reject(r->sink->ledger, r->entry, record->line, reason, record->excerpt);
  else
    ingest_ssi_sink_offer(r->sink, snapshot, record->excerpt);
  return TRUE;
}

gboolean ingest_ssi_csv_read(const char *path, IngestFileEntry *entry, const IngestSsiSink *sink,
                             GError **error)
{
  CsvFileInfo info = {0};
  SsiCsvReader r = {.sink = sink, .entry = entry, .info = &info};
  g_autoptr(GError) local = NULL;
  gboolean ok = csv_reader_read_file(path, NULL, ssi_csv_on_record, &r, &info, &local);
  for (int c = 0; c < SSI_N_COLUMNS; c++)
    g_free(r.headers[c]);
  if (ok) {
    ingest_csv_note_file(entry, &info, TRUE);
    return TRUE;
  }
  return ingest_csv_note_failure(sink->ledger, entry, &info, g_steal_pointer(&local), error);
}
