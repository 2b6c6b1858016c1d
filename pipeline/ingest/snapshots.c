/* The snapshot rules and store (snapshots.h). Files are read in path order
 * and rows in file order, so "the later one wins" is simply "the last one
 * added for a person and day wins". */
#include "ingest/snapshots.h"
#include "common/contract.h"
#include "common/csv_writer.h"
#include "ingest/dates.h"
#include <math.h>
#include <string.h>

#define SSI_MAX 100.0
#define PILLAR_MAX 25.0
#define RANK_MAX 100.0
#define TOTAL_TOLERANCE 1.0
/* The tolerance is on values read as decimals: do not reject 1.0000000001. */
#define TOTAL_SLACK 1e-9
/* Pillars are decimals of a few places; their binary sum is rounded back so
 * 12.40 + 8.92 + 10.95 + 7.72 is written 39.99, not 39.989999999999995. */
#define SUM_ROUNDING_SCALE 1e9

struct IngestSnapshots {
  GHashTable *by_key; /* "id\x1fjulian" -> IngestSnapshot */
  GHashTable *ids;    /* ambassador id set */
};

IngestSnapshot *ingest_snapshot_new(const char *ambassador_id, IngestFileEntry *entry, guint64 line)
{
  IngestSnapshot *s = g_new0(IngestSnapshot, 1);
  s->ambassador_id = g_strdup(ambassador_id);
  g_date_clear(&s->date, 1);
  s->ssi = s->brand = s->people = s->insights = s->relationships = NAN;
  s->industry_rank = s->network_rank = NAN;
  s->entry = entry;
  s->line = line;
  return s;
}

void ingest_snapshot_free(IngestSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free(snapshot->ambassador_id);
  g_free(snapshot);
}

static gboolean out_of_range(double value, double max)
{
  return !isnan(value) && (value < 0.0 || value > max);
}

static const char *snapshot_check_ranges(const IngestSnapshot *s, const double pillars[4])
{
  if (out_of_range(s->ssi, SSI_MAX))
    return "ssi out of range";
  for (int i = 0; i < 4; i++)
    if (out_of_range(pillars[i], PILLAR_MAX))
      return "pillar out of range";
  if (out_of_range(s->industry_rank, RANK_MAX) || out_of_range(s->network_rank, RANK_MAX))
    return "rank out of range";
  return NULL;
}

const char *ingest_snapshot_check(IngestSnapshot *s)
{
  const double pillars[4] = {s->brand, s->people, s->insights, s->relationships};
  int known = 0;
  double sum = 0.0;
  for (int i = 0; i < 4; i++) {
    known += !isnan(pillars[i]);
    sum += isnan(pillars[i]) ? 0.0 : pillars[i];
  }
  if (known > 0 && known < 4)
    return "some but not all pillars";
  if (known == 0 && isnan(s->ssi))
    return "neither total nor pillars";
  const char *range = snapshot_check_ranges(s, pillars);
  if (range != NULL)
    return range;
  if (known == 4 && isnan(s->ssi))
    s->ssi = round(sum * SUM_ROUNDING_SCALE) / SUM_ROUNDING_SCALE;
  else if (known == 4 && fabs(s->ssi - sum) > TOTAL_TOLERANCE + TOTAL_SLACK)
    return "total differs from pillar sum by more than 1.0";
  return NULL;
}

IngestSnapshots *ingest_snapshots_new(void)
{
  IngestSnapshots *snapshots = g_new0(IngestSnapshots, 1);
  snapshots->by_key =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)ingest_snapshot_free);
  snapshots->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return snapshots;
}

void ingest_snapshots_free(IngestSnapshots *snapshots)
{
  if (snapshots == NULL)
    return;
  g_hash_table_unref(snapshots->ids);
  g_hash_table_unref(snapshots->by_key);
  g_free(snapshots);
}

static gboolean same_value(double a, double b)
{
  return (isnan(a) && isnan(b)) || a == b;
}

static gboolean snapshot_values_equal(const IngestSnapshot *a, const IngestSnapshot *b)
{
  return same_value(a->ssi, b->ssi) && same_value(a->brand, b->brand) &&
         same_value(a->people, b->people) && same_value(a->insights, b->insights) &&
         same_value(a->relationships, b->relationships) &&
         same_value(a->industry_rank, b->industry_rank) &&
         same_value(a->network_rank, b->network_rank);
}

/* The shortest text that reads back as value: 39.53, not 39.530000000000001. */
static void format_shortest(char buf[G_ASCII_DTOSTR_BUF_SIZE], double value)
{
  static const char *const formats[] = {"%.15g", "%.16g", "%.17g"};
  for (gsize i = 0; i < G_N_ELEMENTS(formats); i++) {
    g_ascii_formatd(buf, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
    if (g_ascii_strtod(buf, NULL) == value)
      return;
  }
}

static char *snapshot_describe(const IngestSnapshot *s)
{
  char ssi[G_ASCII_DTOSTR_BUF_SIZE];
  format_shortest(ssi, s->ssi);
  return g_strdup_printf("%s line %" G_GUINT64_FORMAT " (ssi %s)", s->entry->file, s->line, ssi);
}

static void snapshot_warn_conflict(IngestWarnings *warnings, const IngestSnapshot *loser,
                                   const IngestSnapshot *winner)
{
  char date[11];
  ingest_date_format(&winner->date, date);
  g_autofree char *month = g_strndup(date, 7);
  g_autofree char *first = snapshot_describe(loser);
  g_autofree char *second = snapshot_describe(winner);
  g_autofree char *detail = g_strdup_printf(
      "%s read twice with different values: %s and %s; the latter is used", date, first, second);
  ingest_warnings_add(warnings, "conflicting duplicate", winner->ambassador_id, month, detail);
}

void ingest_snapshots_add(IngestSnapshots *snapshots, IngestSnapshot *snapshot,
                          IngestWarnings *warnings)
{
  char *key =
      g_strdup_printf("%s\x1f%u", snapshot->ambassador_id, g_date_get_julian(&snapshot->date));
  IngestSnapshot *earlier = g_hash_table_lookup(snapshots->by_key, key);
  if (earlier != NULL) {
    ingest_ledger_demote_to_duplicate(earlier->entry);
    if (!snapshot_values_equal(earlier, snapshot))
      snapshot_warn_conflict(warnings, earlier, snapshot);
  }
  g_hash_table_replace(snapshots->by_key, key, snapshot);
  if (!g_hash_table_contains(snapshots->ids, snapshot->ambassador_id))
    g_hash_table_add(snapshots->ids, g_strdup(snapshot->ambassador_id));
}

gboolean ingest_snapshots_has(const IngestSnapshots *snapshots, const char *ambassador_id)
{
  return g_hash_table_contains(snapshots->ids, ambassador_id);
}

gboolean ingest_snapshots_latest_date(const IngestSnapshots *snapshots, GDate *out)
{
  GHashTableIter iter;
  gpointer value;
  gboolean found = FALSE;
  g_hash_table_iter_init(&iter, snapshots->by_key);
  while (g_hash_table_iter_next(&iter, NULL, &value)) {
    const IngestSnapshot *s = value;
    if (!found || g_date_compare(&s->date, out) > 0)
      *out = s->date;
    found = TRUE;
  }
  return found;
}

static gint snapshot_compare(gconstpointer a, gconstpointer b)
{
  const IngestSnapshot *x = *(IngestSnapshot *const *)a;
  const IngestSnapshot *y = *(IngestSnapshot *const *)b;
  int by_id = strcmp(x->ambassador_id, y->ambassador_id);
  return by_id != 0 ? by_id : g_date_compare(&x->date, &y->date);
}

static void snapshot_write_row(CsvWriter *writer, const IngestSnapshot *s)
{
  char date[11];
  ingest_date_format(&s->date, date);
  csv_writer_add_text(writer, s->ambassador_id);
  csv_writer_add_text(writer, date);
  const double values[] = {s->ssi,           s->brand,         s->people,      s->insights,
                           s->relationships, s->industry_rank, s->network_rank};
  for (gsize i = 0; i < G_N_ELEMENTS(values); i++)
    csv_writer_add_double_exact(writer, values[i]);
  csv_writer_add_text(writer, s->entry->file);
  csv_writer_add_int(writer, (gint64)s->line);
  csv_writer_end_row(writer);
}

gboolean ingest_snapshots_write(const IngestSnapshots *snapshots, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_SNAPSHOTS_COLUMNS, NULL};
  g_autoptr(GPtrArray) sorted = g_ptr_array_new();
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init(&iter, snapshots->by_key);
  while (g_hash_table_iter_next(&iter, NULL, &value))
    g_ptr_array_add(sorted, value);
  g_ptr_array_sort(sorted, snapshot_compare);
  CsvWriter *writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < sorted->len; i++)
    snapshot_write_row(writer, g_ptr_array_index(sorted, i));
  return csv_writer_commit(writer, error);
}

const char *ingest_ssi_sink_offer(const IngestSsiSink *sink, IngestSnapshot *snapshot,
                                  const char *excerpt)
{
  const char *reason = ingest_snapshot_check(snapshot);
  if (reason != NULL) {
    ingest_ledger_reject(sink->ledger, snapshot->entry, snapshot->line, reason, excerpt);
    ingest_snapshot_free(snapshot);
    return reason;
  }
  ingest_ledger_accept(snapshot->entry);
  ingest_snapshots_add(sink->snapshots, snapshot, sink->warnings);
  return NULL;
}

gboolean ingest_ssi_sink_knows(const IngestSsiSink *sink, const char *ambassador_id,
                               const IngestFileEntry *entry)
{
  if (ingest_roster_has(sink->roster, ambassador_id))
    return TRUE;
  ingest_warnings_note_unknown(sink->warnings, ambassador_id, entry->file);
  return FALSE;
}
