/* Reads roster.csv (roster.h): maps the header through its aliases, checks
 * each row against programs.ini and the rows above it, and keeps the
 * accepted memberships in file order. */
#include "ingest/roster.h"
#include "common/contract.h"
#include "common/csv_reader.h"
#include "common/csv_writer.h"
#include "common/errors.h"
#include "ingest/csv_note.h"
#include "ingest/dates.h"
#include "ingest/outputs.h"
#include <string.h>

#define ROSTER_ID_MAX 64

struct IngestRoster {
  GPtrArray *members; /* IngestMembership, file order */
  GPtrArray *ids;     /* char *, owned by members */
  GHashTable *by_id;  /* id -> GPtrArray of that person's IngestMembership */
};

enum {
  COL_ID,
  COL_NAME,
  COL_EMAIL,
  COL_PROGRAM,
  COL_TEAM,
  COL_ROLE,
  COL_COUNTRY,
  COL_INDUSTRY,
  COL_JOINED,
  COL_LEFT,
  COL_CONSENT,
  ROSTER_N_COLUMNS
};

static const char *const id_aliases[] = {"id", "Botschafter-ID", "ambassador", NULL};
static const char *const name_aliases[] = {"Name", NULL};
static const char *const email_aliases[] = {"E-Mail", "Email", NULL};
static const char *const program_aliases[] = {"Programm", "campaign", "Kampagne", NULL};
static const char *const team_aliases[] = {"Team", NULL};
static const char *const role_aliases[] = {"Rolle", "Position", NULL};
static const char *const country_aliases[] = {"Land", NULL};
static const char *const industry_aliases[] = {"Branche", NULL};
static const char *const joined_aliases[] = {"Beitritt", "start", NULL};
static const char *const left_aliases[] = {"Austritt", "end", NULL};
static const char *const consent_aliases[] = {"Einwilligung", NULL};

static const CsvColumnSpec roster_columns[ROSTER_N_COLUMNS] = {
    [COL_ID] = {"ambassador_id", id_aliases, TRUE},
    [COL_NAME] = {"name", name_aliases, TRUE},
    [COL_EMAIL] = {"email", email_aliases, FALSE},
    [COL_PROGRAM] = {"program", program_aliases, TRUE},
    [COL_TEAM] = {"team", team_aliases, TRUE},
    [COL_ROLE] = {"role", role_aliases, FALSE},
    [COL_COUNTRY] = {"country", country_aliases, FALSE},
    [COL_INDUSTRY] = {"industry", industry_aliases, FALSE},
    [COL_JOINED] = {"joined", joined_aliases, TRUE},
    [COL_LEFT] = {"left", left_aliases, FALSE},
    [COL_CONSENT] = {"consent", consent_aliases, FALSE},
};

typedef struct {
  const IngestPrograms *programs;
  IngestRoster *roster;
  IngestLedger *ledger;
  IngestFileEntry *entry;
  int columns[ROSTER_N_COLUMNS];
  gboolean header_seen;
} RosterReader;

static void membership_free(gpointer data)
{
  IngestMembership *m = data;
  g_free(m->ambassador_id);
  g_free(m->name);
  g_free(m->email);
  g_free(m->program);
  g_free(m->team);
  g_free(m->role);
  g_free(m->country);
  g_free(m->industry);
  g_free(m);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestMembership, membership_free)

void ingest_roster_free(IngestRoster *roster)
{
  if (roster == NULL)
    return;
  g_hash_table_unref(roster->by_id);
  g_ptr_array_unref(roster->ids);
  g_ptr_array_unref(roster->members);
  g_free(roster);
}

static IngestRoster *roster_new(void)
{
  IngestRoster *roster = g_new0(IngestRoster, 1);
  roster->members = g_ptr_array_new_with_free_func(membership_free);
  roster->ids = g_ptr_array_new();
  roster->by_id =
      g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  return roster;
}

static gboolean roster_id_valid(const char *id)
{
  if (strlen(id) > ROSTER_ID_MAX || !g_ascii_isalnum(id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum(*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean roster_consent(const char *value)
{
  static const char *const yes[] = {"yes", "ja", "true", "1"};
  for (gsize i = 0; i < G_N_ELEMENTS(yes); i++)
    if (g_ascii_strcasecmp(value, yes[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The field of a column, trimmed (quoted fields keep their spaces). */
static char *roster_field(const RosterReader *r, const CsvRecord *record, int column)
{
  return g_strstrip(g_strdup(csv_record_field(record, r->columns[column])));
}

/* Periods overlap when each starts before the other ends; no end = open. */
static gboolean periods_overlap(const IngestMembership *a, const IngestMembership *b)
{
  gboolean a_before_b_ends = !g_date_valid(&b->left) || g_date_compare(&a->joined, &b->left) <= 0;
  gboolean b_before_a_ends = !g_date_valid(&a->left) || g_date_compare(&b->joined, &a->left) <= 0;
  return a_before_b_ends && b_before_a_ends;
}

/* The line of an accepted row of the same person and program whose period
 * overlaps m's, or 0. */
static guint64 roster_overlapping_line(const IngestRoster *roster, const IngestMembership *m)
{
  GPtrArray *rows = g_hash_table_lookup(roster->by_id, m->ambassador_id);
  for (guint i = 0; rows != NULL && i < rows->len; i++) {
    const IngestMembership *other = g_ptr_array_index(rows, i);
    if (strcmp(other->program, m->program) == 0 && periods_overlap(other, m))
      return other->line;
  }
  return 0;
}

/* Who and where: id, name, program and team. NULL when fine, else why not. */
static char *roster_check_identity(const RosterReader *r, const CsvRecord *record,
                                   IngestMembership *m)
{
  m->ambassador_id = roster_field(r, record, COL_ID);
  m->name = roster_field(r, record, COL_NAME);
  m->program = roster_field(r, record, COL_PROGRAM);
  m->team = roster_field(r, record, COL_TEAM);
  if (m->ambassador_id[0] == '\0')
    return g_strdup("missing ambassador id");
  if (!roster_id_valid(m->ambassador_id))
    return g_strdup("invalid ambassador id");
  if (m->name[0] == '\0')
    return g_strdup("missing name");
  if (m->program[0] == '\0')
    return g_strdup("missing program");
  const IngestProgram *program = ingest_programs_lookup(r->programs, m->program);
  if (program == NULL)
    return g_strdup("unknown program");
  if (m->team[0] == '\0')
    return g_strdup("missing team");
  if (!ingest_program_has_team(program, m->team))
    return g_strdup("unknown team");
  return NULL;
}

/* When: joined, left, and no overlap with an earlier row. */
static char *roster_check_period(const RosterReader *r, const CsvRecord *record,
                                 IngestMembership *m)
{
  const DateForms forms = DATE_FORM_ISO | DATE_FORM_GERMAN;
  g_autofree char *joined = roster_field(r, record, COL_JOINED);
  g_autofree char *left = roster_field(r, record, COL_LEFT);
  g_autoptr(GError) local = NULL;
  g_date_clear(&m->joined, 1);
  g_date_clear(&m->left, 1);
  if (joined[0] == '\0')
    return g_strdup("missing joined date");
  if (!ingest_date_parse(joined, forms, &m->joined, &local))
    return g_strdup_printf("bad joined date: %s", local->message);
  if (left[0] != '\0' && !ingest_date_parse(left, forms, &m->left, &local))
    return g_strdup_printf("bad left date: %s", local->message);
  if (g_date_valid(&m->left) && g_date_compare(&m->left, &m->joined) < 0)
    return g_strdup("left before joined");
  guint64 other = roster_overlapping_line(r->roster, m);
  if (other > 0)
    return g_strdup_printf("overlapping membership: overlaps line %" G_GUINT64_FORMAT, other);
  return NULL;
}

static void roster_fill_optional(const RosterReader *r, const CsvRecord *record,
                                 IngestMembership *m)
{
  m->email = roster_field(r, record, COL_EMAIL);
  m->role = roster_field(r, record, COL_ROLE);
  m->country = roster_field(r, record, COL_COUNTRY);
  m->industry = roster_field(r, record, COL_INDUSTRY);
  g_autofree char *consent = roster_field(r, record, COL_CONSENT);
  m->consent = roster_consent(consent);
}

static void roster_add(IngestRoster *roster, IngestMembership *m)
{
  GPtrArray *rows = g_hash_table_lookup(roster->by_id, m->ambassador_id);
  if (rows == NULL) {
    rows = g_ptr_array_new();
    g_hash_table_insert(roster->by_id, m->ambassador_id, rows);
    g_ptr_array_add(roster->ids, m->ambassador_id);
  }
  g_ptr_array_add(rows, m);
  g_ptr_array_add(roster->members, m);
}

static void roster_on_row(RosterReader *r, const CsvRecord *record)
{
  g_autoptr(IngestMembership) m = g_new0(IngestMembership, 1);
  m->line = record->line;
  g_autofree char *reason = record->malformed != NULL ? g_strdup(record->malformed) : NULL;
  if (reason == NULL)
    reason = roster_check_identity(r, record, m);
  if (reason == NULL)
    reason = roster_check_period(r, record, m);
  if (reason != NULL) {
    ingest_ledger_reject(r->ledger, r->entry, record->line, reason, record->excerpt);
    return;
  }
  roster_fill_optional(r, record, m);
  roster_add(r->roster, g_steal_pointer(&m));
  ingest_ledger_accept(r->entry);
}

static gboolean roster_on_record(const CsvRecord *record, gpointer user_data, GError **error)
{
  RosterReader *r = user_data;
  if (r->header_seen) {
    roster_on_row(r, record);
    return TRUE;
  }
  r->header_seen = TRUE;
  if (record->malformed != NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s:%" G_GUINT64_FORMAT ": header not readable: %s", r->entry->file, record->line,
                record->malformed);
    return FALSE;
  }
  if (!csv_header_map(record, roster_columns, ROSTER_N_COLUMNS, r->columns, error)) {
    g_prefix_error(error, "%s:%" G_GUINT64_FORMAT ": ", r->entry->file, record->line);
    return FALSE;
  }
  return TRUE;
}

/* The reader's own errors are about the file; the callback's already name it. */
static gboolean roster_read_rows(RosterReader *r, const char *path, GError **error)
{
  CsvFileInfo info = {0};
  g_autoptr(GError) local = NULL;
  if (csv_reader_read_file(path, NULL, roster_on_record, r, &info, &local)) {
    ingest_csv_note_file(r->entry, &info, FALSE);
    return TRUE;
  }
  if (local->domain == PIPELINE_ERROR) {
    g_propagate_error(error, g_steal_pointer(&local));
    return FALSE;
  }
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s: cannot read: %s", r->entry->file,
              local->message);
  return FALSE;
}

IngestRoster *ingest_roster_read(const char *path, IngestFileEntry *entry, IngestLedger *ledger,
                                 const IngestPrograms *programs, GError **error)
{
  g_autoptr(IngestRoster) roster = roster_new();
  RosterReader r = {.programs = programs, .roster = roster, .ledger = ledger, .entry = entry};
  if (!roster_read_rows(&r, path, error))
    return NULL;
  if (!r.header_seen) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: empty: expected a header row (ambassador_id, name, program, team, joined, "
                "...) and one row per membership",
                entry->file);
    return NULL;
  }
  if (roster->members->len == 0) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: no usable row (%" G_GUINT64_FORMAT
                " rejected, see normalized/rejects.csv): expected at least one membership",
                entry->file, entry->rejected);
    return NULL;
  }
  return g_steal_pointer(&roster);
}

gboolean ingest_roster_has(const IngestRoster *roster, const char *ambassador_id)
{
  return g_hash_table_contains(roster->by_id, ambassador_id);
}

const GPtrArray *ingest_roster_memberships(const IngestRoster *roster)
{
  return roster->members;
}

const GPtrArray *ingest_roster_ids(const IngestRoster *roster)
{
  return roster->ids;
}

gboolean ingest_roster_write(const IngestRoster *roster, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_ROSTER_COLUMNS, NULL};
  CsvWriter *writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < roster->members->len; i++) {
    const IngestMembership *m = g_ptr_array_index(roster->members, i);
    const char *texts[] = {m->ambassador_id, m->name, m->email,   m->program,
                           m->team,          m->role, m->country, m->industry};
    for (gsize t = 0; t < G_N_ELEMENTS(texts); t++)
      csv_writer_add_text(writer, texts[t]);
    ingest_outputs_add_date(writer, &m->joined);
    ingest_outputs_add_date(writer, &m->left);
    csv_writer_add_text(writer, m->consent ? "yes" : "no");
    csv_writer_end_row(writer);
  }
  return csv_writer_commit(writer, error);
}
