/* Writes the li_*.csv files (linkedin_write.h): one writer per file, the
 * events of each kind in the column order of common/contract.h. */
#include "ingest/linkedin_write.h"
#include "common/contract.h"
#include "common/csv_writer.h"
#include "ingest/dates.h"
#include "ingest/outputs.h"

/* The files, in the order of the writers. Shares, comments and reactions
 * keep only the date; the others keep their output fields. */
typedef struct {
  const char *path;
  IngestLinkedinKind kind; /* LINKEDIN_NOT_USED: the profiles file */
  const char *const *header;
} LiFileSpec;

static const char *const connections_header[] = {CONTRACT_LI_CONNECTIONS_COLUMNS, NULL};
static const char *const invitations_header[] = {CONTRACT_LI_INVITATIONS_COLUMNS, NULL};
static const char *const dated_header[] = {CONTRACT_LI_DATED_COLUMNS, NULL};
static const char *const messages_header[] = {CONTRACT_LI_MESSAGES_COLUMNS, NULL};
static const char *const endorsements_header[] = {CONTRACT_LI_ENDORSEMENTS_COLUMNS, NULL};
static const char *const profiles_header[] = {CONTRACT_LI_PROFILES_COLUMNS, NULL};

static const LiFileSpec li_files[] = {
    {CONTRACT_LI_CONNECTIONS, LINKEDIN_CONNECTIONS, connections_header},
    {CONTRACT_LI_INVITATIONS, LINKEDIN_INVITATIONS, invitations_header},
    {CONTRACT_LI_SHARES, LINKEDIN_SHARES, dated_header},
    {CONTRACT_LI_COMMENTS, LINKEDIN_COMMENTS, dated_header},
    {CONTRACT_LI_REACTIONS, LINKEDIN_REACTIONS, dated_header},
    {CONTRACT_LI_MESSAGES, LINKEDIN_MESSAGES, messages_header},
    {CONTRACT_LI_ENDORSEMENTS, LINKEDIN_ENDORSEMENTS, endorsements_header},
    {CONTRACT_LI_PROFILES, LINKEDIN_NOT_USED, profiles_header},
};

#define N_LI_FILES G_N_ELEMENTS(li_files)

/* Day texts by Julian day, direct-mapped: the kinds of every ambassador
 * go through the same few hundred days, and a day's text is made once. */
#define DAY_CACHE_SLOTS 2048

typedef struct {
  guint32 day; /* 0 (no Julian day): empty slot */
  char text[11];
} DayText;

struct IngestLinkedinWriters {
  CsvWriter *writers[N_LI_FILES];
  GString *prefix; /* the ambassador_id and date fields of the rows at hand */
  DayText days[DAY_CACHE_SLOTS];
};

void ingest_linkedin_writers_abort(IngestLinkedinWriters *writers)
{
  if (writers == NULL)
    return;
  for (gsize i = 0; i < N_LI_FILES; i++)
    csv_writer_abort(writers->writers[i]);
  g_string_free(writers->prefix, TRUE);
  g_free(writers);
}

IngestLinkedinWriters *ingest_linkedin_writers_open(const char *work_dir, GError **error)
{
  IngestLinkedinWriters *writers = g_new0(IngestLinkedinWriters, 1);
  writers->prefix = g_string_new(NULL);
  for (gsize i = 0; i < N_LI_FILES; i++) {
    g_autofree char *path = g_build_filename(work_dir, li_files[i].path, NULL);
    writers->writers[i] = csv_writer_open(path, li_files[i].header, error);
    if (writers->writers[i] == NULL) {
      ingest_linkedin_writers_abort(writers);
      return NULL;
    }
  }
  return writers;
}

/* The text of a Julian day as ingest_outputs_add_date writes it; "" for
 * an invalid day (an empty field). */
static const char *day_text(IngestLinkedinWriters *writers, guint32 day)
{
  DayText *slot = &writers->days[day % DAY_CACHE_SLOTS];
  if (!g_date_valid_julian(day))
    return "";
  if (slot->day == day)
    return slot->text;
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_julian(&date, day);
  ingest_date_format(&date, slot->text);
  slot->day = day;
  return slot->text;
}

/* Events come by day, so the fields every row of a day shares (the
 * ambassador's id, in prefix up to id_length, and the date) are made once
 * for all of them and added without another look. */
static void add_events(IngestLinkedinWriters *writers, CsvWriter *writer, gsize id_length,
                       const IngestLinkedinEvents *events, IngestLinkedinKind kind)
{
  GString *prefix = writers->prefix;
  guint n_fields = ingest_linkedin_kind_n_fields(kind);
  g_autoptr(GArray) order = ingest_linkedin_events_order(events, kind);
  guint32 last_day = 0;
  for (guint i = 0; i < order->len; i++) {
    IngestLinkedinEvent event;
    ingest_linkedin_events_get(events, kind, g_array_index(order, guint32, i), &event);
    if (i == 0 || event.day != last_day) {
      g_string_truncate(prefix, id_length);
      g_string_append_c(prefix, ',');
      g_string_append(prefix, day_text(writers, last_day = event.day));
    }
    csv_writer_add_fields(writer, prefix->str, prefix->len);
    for (guint f = 0; f < n_fields; f++)
      csv_writer_add_text(writer, event.fields[f]);
    csv_writer_add_int(writer, event.count);
    csv_writer_end_row(writer);
  }
}

static void add_flag(CsvWriter *writer, gboolean flag)
{
  csv_writer_add_int(writer, flag ? 1 : 0);
}

static void add_profile(CsvWriter *writer, const IngestLinkedinAmbassadorRows *rows)
{
  const IngestLinkedinProfile *p = rows->profile;
  csv_writer_add_text(writer, rows->ambassador_id);
  csv_writer_add_text(writer, rows->newest_export);
  ingest_outputs_add_date(writer, rows->covered_until);
  csv_writer_add_text(writer, p->first_name);
  csv_writer_add_text(writer, p->last_name);
  add_flag(writer, p->headline_set);
  add_flag(writer, p->summary_set);
  add_flag(writer, p->industry_set);
  add_flag(writer, p->geo_location_set);
  add_flag(writer, p->current_position);
  csv_writer_add_int(writer, p->skills);
  csv_writer_add_int(writer, p->visible_recommendations);
  add_flag(writer, p->websites_or_twitter_set);
  csv_writer_end_row(writer);
}

void ingest_linkedin_writers_add(IngestLinkedinWriters *writers,
                                 const IngestLinkedinAmbassadorRows *rows)
{
  g_string_truncate(writers->prefix, 0);
  csv_writer_format_text(writers->prefix, rows->ambassador_id);
  gsize id_length = writers->prefix->len;
  for (gsize i = 0; i < N_LI_FILES; i++) {
    if (li_files[i].kind != LINKEDIN_NOT_USED)
      add_events(writers, writers->writers[i], id_length, rows->events, li_files[i].kind);
    else if (rows->newest_export != NULL)
      add_profile(writers->writers[i], rows);
  }
}

gboolean ingest_linkedin_writers_commit(IngestLinkedinWriters *writers, GError **error)
{
  gboolean ok = TRUE;
  for (gsize i = 0; i < N_LI_FILES; i++) {
    CsvWriter *writer = g_steal_pointer(&writers->writers[i]);
    if (ok)
      ok = csv_writer_commit(writer, error);
    else
      csv_writer_abort(writer);
  }
  g_string_free(writers->prefix, TRUE);
  g_free(writers);
  return ok;
}
