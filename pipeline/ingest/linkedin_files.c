/* Reads the files of a LinkedIn export (linkedin_files.h): one table row per
 * kind says its columns, date form, key and output fields, so a later
 * LinkedIn format is a change of table, not of code. */
#include "ingest/linkedin_files.h"
#include "common/errors.h"
#include "ingest/dates.h"
#include "ingest/linkedin_dedup.h"
#include <string.h>

#define MAX_COLUMNS 8
/* Connections.csv has "Notes:" and a sentence before its header. */
#define PREAMBLE_MAX_RECORDS 5

typedef struct FileReader FileReader;

/* What a row of a profile kind adds: NULL, or why the row is rejected. */
typedef char *(*FactFunc)(FileReader *r);

typedef struct {
  const char *name; /* LinkedIn's file name without ".csv" */
  const CsvColumnSpec *columns;
  guint n_columns;
  int date_column; /* -1: the kind has no event date */
  DateForms date_form;
  int key_columns[4];    /* besides the date; -1 ends the list */
  int output_columns[5]; /* -1 ends the list */
  gboolean preamble;     /* the header may come after a few lines of text */
  gboolean backslash_quote;
  FactFunc fact;
} KindSpec;

struct FileReader {
  const KindSpec *spec;
  IngestLinkedinKind kind;
  IngestLinkedinFileReport *report;
  guint report_index;
  IngestLinkedinEvents *events;
  IngestLinkedinProfile *profile; /* NULL: an older export */
  int columns[MAX_COLUMNS];
  gboolean header_seen;
  gboolean gave_up; /* the header is not LinkedIn's: reading stopped */
  guint records_before_header;
  char *header_problem; /* the first header that did not fit, and where */
  guint64 header_line;
  char *header_excerpt;
  GString *key;
  /* The row's columns, trimmed, and their lengths ("" for a missing one). */
  const char *text[MAX_COLUMNS];
  gsize len[MAX_COLUMNS];
};

/* --- Columns of each kind ------------------------------------------------ */

enum { CON_FIRST, CON_LAST, CON_URL, CON_EMAIL, CON_COMPANY, CON_POSITION, CON_DATE };
static const CsvColumnSpec connection_columns[] = {
    {"First Name", NULL, TRUE},     {"Last Name", NULL, TRUE}, {"URL", NULL, FALSE},
    {"Email Address", NULL, FALSE}, {"Company", NULL, FALSE},  {"Position", NULL, FALSE},
    {"Connected On", NULL, TRUE},
};

enum { INV_FROM, INV_TO, INV_DATE, INV_DIRECTION, INV_INVITEE_URL };
static const CsvColumnSpec invitation_columns[] = {
    {"From", NULL, TRUE},
    {"To", NULL, TRUE},
    {"Sent At", NULL, TRUE},
    {"Direction", NULL, TRUE},
    {"inviteeProfileUrl", NULL, FALSE},
};

enum { SHA_DATE, SHA_LINK, SHA_COMMENTARY };
static const CsvColumnSpec share_columns[] = {
    {"Date", NULL, TRUE}, {"ShareLink", NULL, TRUE}, {"ShareCommentary", NULL, TRUE}};

enum { COM_DATE, COM_LINK, COM_MESSAGE };
static const CsvColumnSpec comment_columns[] = {
    {"Date", NULL, TRUE}, {"Link", NULL, TRUE}, {"Message", NULL, TRUE}};

enum { REA_DATE, REA_TYPE, REA_LINK };
static const CsvColumnSpec reaction_columns[] = {
    {"Date", NULL, TRUE}, {"Type", NULL, TRUE}, {"Link", NULL, TRUE}};

enum { MSG_CONVERSATION, MSG_FROM, MSG_DATE, MSG_CONTENT, MSG_FOLDER, MSG_DRAFT };
static const CsvColumnSpec message_columns[] = {
    {"CONVERSATION ID", NULL, TRUE}, {"FROM", NULL, TRUE},    {"DATE", NULL, TRUE},
    {"CONTENT", NULL, TRUE},         {"FOLDER", NULL, FALSE}, {"IS MESSAGE DRAFT", NULL, FALSE},
};

enum { END_DATE, END_SKILL, END_FIRST, END_LAST, END_STATUS };
static const CsvColumnSpec endorsement_columns[] = {
    {"Endorsement Date", NULL, TRUE},    {"Skill Name", NULL, TRUE},
    {"Endorser First Name", NULL, TRUE}, {"Endorser Last Name", NULL, TRUE},
    {"Endorsement Status", NULL, FALSE},
};

enum { REC_FIRST, REC_LAST, REC_DATE, REC_STATUS };
static const CsvColumnSpec recommendation_columns[] = {
    {"First Name", NULL, TRUE},
    {"Last Name", NULL, TRUE},
    {"Creation Date", NULL, TRUE},
    {"Status", NULL, FALSE},
};

enum {
  PRO_FIRST,
  PRO_LAST,
  PRO_HEADLINE,
  PRO_SUMMARY,
  PRO_INDUSTRY,
  PRO_GEO,
  PRO_TWITTER,
  PRO_WEB
};
static const CsvColumnSpec profile_columns[] = {
    {"First Name", NULL, TRUE},       {"Last Name", NULL, TRUE}, {"Headline", NULL, FALSE},
    {"Summary", NULL, FALSE},         {"Industry", NULL, FALSE}, {"Geo Location", NULL, FALSE},
    {"Twitter Handles", NULL, FALSE}, {"Websites", NULL, FALSE},
};

enum { POS_COMPANY, POS_STARTED, POS_FINISHED };
static const CsvColumnSpec position_columns[] = {
    {"Company Name", NULL, TRUE}, {"Started On", NULL, TRUE}, {"Finished On", NULL, TRUE}};

enum { SKI_NAME };
static const CsvColumnSpec skill_columns[] = {{"Name", NULL, TRUE}};

static char *recommendation_fact(FileReader *r);
static char *profile_fact(FileReader *r);
static char *position_fact(FileReader *r);
static char *skill_fact(FileReader *r);

#define COLUMNS(a) a, G_N_ELEMENTS(a)

/* Output fields must match the li_*.csv columns of common/contract.h. */
static const KindSpec kind_specs[LINKEDIN_N_KINDS] = {
    [LINKEDIN_CONNECTIONS] = {"Connections", COLUMNS(connection_columns), CON_DATE,
                              DATE_FORM_DAY_MONTH, .key_columns = {CON_FIRST, CON_LAST, -1},
                              .output_columns = {CON_FIRST, CON_LAST, CON_URL, CON_COMPANY,
                                                 CON_POSITION},
                              .preamble = TRUE},
    [LINKEDIN_INVITATIONS] = {"Invitations", COLUMNS(invitation_columns), INV_DATE,
                              DATE_FORM_US_SHORT,
                              .key_columns = {INV_DIRECTION, INV_FROM, INV_TO, -1},
                              .output_columns = {INV_DIRECTION, INV_FROM, INV_TO, INV_INVITEE_URL,
                                                 -1}},
    [LINKEDIN_SHARES] = {"Shares", COLUMNS(share_columns), SHA_DATE, DATE_FORM_ISO,
                         .key_columns = {SHA_LINK, SHA_COMMENTARY, -1}, .output_columns = {-1}},
    [LINKEDIN_COMMENTS] = {"Comments", COLUMNS(comment_columns), COM_DATE, DATE_FORM_ISO,
                           .key_columns = {COM_LINK, COM_MESSAGE, -1}, .output_columns = {-1},
                           .backslash_quote = TRUE},
    [LINKEDIN_REACTIONS] = {"Reactions", COLUMNS(reaction_columns), REA_DATE, DATE_FORM_ISO,
                            .key_columns = {REA_TYPE, REA_LINK, -1}, .output_columns = {-1}},
    [LINKEDIN_MESSAGES] = {"messages", COLUMNS(message_columns), MSG_DATE, DATE_FORM_ISO,
                           .key_columns = {MSG_CONVERSATION, MSG_FROM, MSG_CONTENT, -1},
                           .output_columns = {MSG_FROM, MSG_DRAFT, -1}},
    [LINKEDIN_ENDORSEMENTS] = {"Endorsement_Received_Info", COLUMNS(endorsement_columns), END_DATE,
                               DATE_FORM_SLASH_ISO,
                               .key_columns = {END_SKILL, END_FIRST, END_LAST, -1},
                               .output_columns = {END_STATUS, -1}},
    [LINKEDIN_RECOMMENDATIONS] = {"Recommendations_Received", COLUMNS(recommendation_columns),
                                  REC_DATE, DATE_FORM_US_SHORT,
                                  .key_columns = {REC_FIRST, REC_LAST, -1}, .output_columns = {-1},
                                  .fact = recommendation_fact},
    [LINKEDIN_PROFILE] = {"Profile", COLUMNS(profile_columns), -1, 0, .key_columns = {-1},
                          .output_columns = {-1}, .fact = profile_fact},
    [LINKEDIN_POSITIONS] = {"Positions", COLUMNS(position_columns), -1, 0, .key_columns = {-1},
                            .output_columns = {-1}, .fact = position_fact},
    [LINKEDIN_SKILLS] = {"Skills", COLUMNS(skill_columns), -1, 0, .key_columns = {SKI_NAME, -1},
                         .output_columns = {-1}, .fact = skill_fact},
};

/* --- Kinds by file name -------------------------------------------------- */

/* "Shares_123" -> "Shares": a member id LinkedIn appends in Complete exports. */
static void strip_member_id(char *stem)
{
  char *underscore = strrchr(stem, '_');
  if (underscore == NULL || underscore[1] == '\0')
    return;
  for (const char *p = underscore + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit(*p))
      return;
  *underscore = '\0';
}

IngestLinkedinKind ingest_linkedin_kind_of(const char *file_name)
{
  g_autofree char *stem = g_ascii_strdown(file_name, -1);
  if (!g_str_has_suffix(stem, ".csv"))
    return LINKEDIN_NOT_USED;
  stem[strlen(stem) - 4] = '\0';
  g_strdelimit(stem, " ", '_');
  strip_member_id(stem);
  for (int k = 0; k < LINKEDIN_N_KINDS; k++)
    if (g_ascii_strcasecmp(stem, kind_specs[k].name) == 0)
      return (IngestLinkedinKind)k;
  return LINKEDIN_NOT_USED;
}

const char *ingest_linkedin_kind_name(IngestLinkedinKind kind)
{
  g_return_val_if_fail(kind >= 0 && kind < LINKEDIN_N_KINDS, "");
  return kind_specs[kind].name;
}

guint ingest_linkedin_kind_n_fields(IngestLinkedinKind kind)
{
  g_return_val_if_fail(kind >= 0 && kind < LINKEDIN_N_KINDS, 0);
  guint n = 0;
  while (n < LINKEDIN_MAX_FIELDS && kind_specs[kind].output_columns[n] >= 0)
    n++;
  return n;
}

void ingest_linkedin_profile_clear(IngestLinkedinProfile *profile)
{
  g_free(profile->first_name);
  g_free(profile->last_name);
  memset(profile, 0, sizeof *profile);
}

/* --- File reports -------------------------------------------------------- */

static void reject_free(gpointer data)
{
  IngestLinkedinReject *reject = data;
  g_free(reject->reason);
  g_free(reject->excerpt);
  g_free(reject);
}

IngestLinkedinFileReport *ingest_linkedin_report_new(const char *path, IngestFileEntry *entry,
                                                     IngestLinkedinKind kind)
{
  IngestLinkedinFileReport *report = g_new0(IngestLinkedinFileReport, 1);
  report->tally.file = g_strdup(path);
  report->tally.note = g_string_new(NULL);
  report->entry = entry;
  report->kind = kind;
  return report;
}

void ingest_linkedin_report_free(IngestLinkedinFileReport *report)
{
  if (report == NULL)
    return;
  if (report->rejects != NULL)
    g_ptr_array_unref(report->rejects);
  if (report->in_block)
    return;
  g_free(report->tally.file);
  g_free(report->tally.encoding);
  g_string_free(report->tally.note, TRUE);
  g_free(report);
}

static void report_add_reject(IngestLinkedinFileReport *report, IngestLinkedinReject *reject)
{
  if (report->rejects == NULL)
    report->rejects = g_ptr_array_new_with_free_func(reject_free);
  g_ptr_array_add(report->rejects, reject);
}

void ingest_linkedin_report_reject(IngestLinkedinFileReport *report, guint64 line,
                                   const char *reason, const char *excerpt)
{
  report->tally.rows_read++;
  report->tally.rejected++;
  IngestLinkedinRejectSink *sink = report->sink;
  if (sink != NULL) {
    ingest_ledger_block_add_reject(sink->block, report->tally.file, line, reason, excerpt);
    if (sink->copies >= sink->max_copies) {
      sink->copies = G_MAXUINT64; /* none kept from here on: never a cache entry */
      return;
    }
    sink->copies++;
  }
  IngestLinkedinReject *reject = g_new0(IngestLinkedinReject, 1);
  reject->line = line;
  reject->reason = g_strdup(reason);
  reject->excerpt = g_strdup(excerpt != NULL ? excerpt : "");
  report_add_reject(report, reject);
}

const char *ingest_linkedin_report_note(const IngestLinkedinFileReport *report)
{
  return report->tally.note != NULL ? report->tally.note->str : report->loaded_note;
}

guint ingest_linkedin_report_n_rejects(const IngestLinkedinFileReport *report)
{
  return report->rejects != NULL ? report->rejects->len : 0;
}

static gboolean report_counts_events(const IngestLinkedinFileReport *report)
{
  return report->kind >= 0 && report->kind < LINKEDIN_N_EVENT_KINDS;
}

/* The path without the export's: "" for the zip itself. */
static const char *report_name(const IngestLinkedinFileReport *report, const char *export_path)
{
  const char *path = report->tally.file;
  gsize n = strlen(export_path);
  if (strncmp(path, export_path, n) == 0 && (path[n] == '\0' || path[n] == '/'))
    return path[n] == '/' ? path + n + 1 : "";
  return NULL;
}

void ingest_linkedin_report_save(const IngestLinkedinFileReport *report, const char *export_path,
                                 GByteArray *out, IngestCacheWriter *writer)
{
  const char *name = report_name(report, export_path);
  g_return_if_fail(name != NULL);
  const IngestFileEntry *t = &report->tally;
  ingest_cache_put_string(out, name);
  ingest_cache_put_uint(out, (guint64)(report->kind + 1));
  ingest_cache_put_uint(out, report->tree_file ? 1 : 0);
  ingest_cache_put_string(out, t->encoding);
  ingest_cache_put_string(out, ingest_linkedin_report_note(report));
  ingest_cache_put_uint(out, t->rows_read);
  ingest_cache_put_uint(out, t->rejected);
  ingest_cache_put_uint(out, report->attributed);
  /* An event file's accepted and duplicates follow from the events' gains
   * (ingest_linkedin_events_account), so an export's bytes stay the same
   * while newer exports are laid over it. */
  if (!report_counts_events(report)) {
    ingest_cache_put_uint(out, t->accepted);
    ingest_cache_put_uint(out, t->duplicates);
  }
  guint n_rejects = ingest_linkedin_report_n_rejects(report);
  ingest_cache_put_uint(out, n_rejects);
  for (guint i = 0; i < n_rejects; i++) {
    const IngestLinkedinReject *reject = g_ptr_array_index(report->rejects, i);
    ingest_cache_put_uint(out, reject->line);
    ingest_cache_put_string(out, reject->reason);
    ingest_cache_put_string(out, reject->excerpt);
    if (writer != NULL)
      ingest_cache_writer_flush(writer);
  }
}

struct IngestLinkedinReportBlock {
  GBytes *payload;
  IngestLinkedinFileReport *reports;
  guint n, used;
  GStringChunk *paths; /* export path + "/" + name of each report */
  GString *scratch;
};

IngestLinkedinReportBlock *ingest_linkedin_report_block_new(GBytes *payload, guint n_reports)
{
  IngestLinkedinReportBlock *block = g_new0(IngestLinkedinReportBlock, 1);
  block->payload = payload != NULL ? g_bytes_ref(payload) : NULL;
  block->reports = g_new0(IngestLinkedinFileReport, MAX(n_reports, 1));
  block->n = n_reports;
  block->paths = g_string_chunk_new(16 * 1024);
  block->scratch = g_string_sized_new(256);
  return block;
}

void ingest_linkedin_report_block_free(IngestLinkedinReportBlock *block)
{
  if (block == NULL)
    return;
  if (block->payload != NULL)
    g_bytes_unref(block->payload);
  g_free(block->reports);
  g_string_chunk_free(block->paths);
  g_string_free(block->scratch, TRUE);
  g_free(block);
}

static char *block_path(IngestLinkedinReportBlock *block, const char *export_path, const char *name,
                        gsize name_len)
{
  g_string_assign(block->scratch, export_path);
  if (name_len > 0) {
    g_string_append_c(block->scratch, '/');
    g_string_append_len(block->scratch, name, (gssize)name_len);
  }
  return g_string_chunk_insert_len(block->paths, block->scratch->str, (gssize)block->scratch->len);
}

static gboolean report_load_rejects(IngestCacheReader *r, IngestLinkedinFileReport *report)
{
  guint64 n = ingest_cache_get_uint(r);
  if (n != report->tally.rejected)
    return FALSE;
  for (guint64 i = 0; i < n && !r->bad; i++) {
    IngestLinkedinReject *reject = g_new0(IngestLinkedinReject, 1);
    report_add_reject(report, reject);
    reject->line = ingest_cache_get_uint(r);
    reject->reason = ingest_cache_get_string(r);
    reject->excerpt = ingest_cache_get_string(r);
    if (reject->reason == NULL || reject->excerpt == NULL)
      return FALSE;
  }
  return !r->bad;
}

/* The strings are the payload's, so it must be the block's. */
IngestLinkedinFileReport *ingest_linkedin_report_load(IngestCacheReader *r, const char *export_path,
                                                      IngestLinkedinReportBlock *block)
{
  gsize name_len, note_len, encoding_len;
  g_return_val_if_fail(r->payload == block->payload, NULL);
  const char *name = ingest_cache_get_string_ref(r, &name_len);
  guint64 kind = ingest_cache_get_uint(r);
  if (name == NULL || kind > LINKEDIN_N_KINDS || block->used >= block->n)
    return NULL;
  IngestLinkedinFileReport *report = &block->reports[block->used++];
  report->in_block = TRUE;
  report->kind = (IngestLinkedinKind)((int)kind - 1);
  IngestFileEntry *t = &report->tally;
  t->file = block_path(block, export_path, name, name_len);
  report->tree_file = ingest_cache_get_uint(r) != 0;
  t->encoding = (char *)ingest_cache_get_string_ref(r, &encoding_len);
  report->loaded_note = ingest_cache_get_string_ref(r, &note_len);
  t->rows_read = ingest_cache_get_uint(r);
  t->rejected = ingest_cache_get_uint(r);
  report->attributed = ingest_cache_get_uint(r);
  if (!report_counts_events(report)) {
    t->accepted = ingest_cache_get_uint(r);
    t->duplicates = ingest_cache_get_uint(r);
  }
  if (report->loaded_note == NULL || r->bad || !report_load_rejects(r, report)) {
    g_clear_pointer(&report->rejects, g_ptr_array_unref);
    return NULL;
  }
  return report;
}

/* --- Rows ----------------------------------------------------------------- */

static const char *reader_field(const FileReader *r, int column)
{
  return r->text[column];
}

/* Keys and facts compare text trimmed (g_strstrip's white space); the
 * reader's fields are ours to change during the callback, so the start moves
 * rather than the text. Only the columns of the kind are looked at. */
static void row_columns(FileReader *r, const CsvRecord *record)
{
  for (guint c = 0; c < r->spec->n_columns; c++) {
    int i = r->columns[c];
    if (i < 0 || (guint)i >= record->n_fields) {
      r->text[c] = "";
      r->len[c] = 0;
      continue;
    }
    char *p = record->fields[i];
    while (g_ascii_isspace(*p))
      p++;
    gsize len = strlen(p);
    while (len > 0 && g_ascii_isspace(p[len - 1]))
      len--;
    p[len] = '\0';
    r->text[c] = p;
    r->len[c] = len;
  }
}

/* The day of an event date in the kind's form, or in any form LinkedIn has
 * used; NULL, or the reason quoting the text. */
static char *date_parse(const char *text, DateForms form, GDate *out)
{
  g_autoptr(GError) expected = NULL;
  g_autoptr(GError) any = NULL;
  if (ingest_date_parse(text, form, out, &expected) ||
      ingest_date_parse(text, DATE_FORM_ANY, out, &any))
    return NULL;
  const GError *shown = g_str_has_prefix(any->message, "implausible") ? any : expected;
  return g_strdup_printf("bad date: %s", shown->message);
}

/* Why a row whose key fields (date included) are all empty is rejected. */
static char *key_missing(const FileReader *r)
{
  const KindSpec *spec = r->spec;
  g_autoptr(GPtrArray) names = g_ptr_array_new();
  if (spec->date_column >= 0)
    g_ptr_array_add(names, (gpointer)spec->columns[spec->date_column].name);
  for (guint i = 0; i < G_N_ELEMENTS(spec->key_columns) && spec->key_columns[i] >= 0; i++)
    g_ptr_array_add(names, (gpointer)spec->columns[spec->key_columns[i]].name);
  g_autoptr(GString) reason = g_string_new("no key field: ");
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf(reason, "%s\"%s\"",
                           i == 0                ? ""
                           : i + 1 == names->len ? " and "
                                                 : ", ",
                           (const char *)g_ptr_array_index(names, i));
  g_string_append(reason, names->len > 1 ? " are empty" : " is empty");
  return g_string_free(g_steal_pointer(&reason), FALSE);
}

/* A row whose key fields (date included) are all empty says nothing. */
static char *key_check(const FileReader *r)
{
  const KindSpec *spec = r->spec;
  if (spec->date_column >= 0 && reader_field(r, spec->date_column)[0] != '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS(spec->key_columns) && spec->key_columns[i] >= 0; i++)
    if (reader_field(r, spec->key_columns[i])[0] != '\0')
      return NULL;
  return key_missing(r);
}

/* Writes "<length><text>" at out, the length in LEB128; returns its end. */
static char *key_put_field(char *out, const char *text, gsize len)
{
  gsize n = len;
  do {
    *out = (char)(n & 0x7f);
    n >>= 7;
    if (n != 0)
      *out |= (char)0x80;
    out++;
  } while (n != 0);
  memcpy(out, text, len);
  return out + len;
}

/* Bytes of a key besides its fields' text: the day, then each length. */
#define KEY_DAY_BYTES 4
#define KEY_LENGTH_MAX 10

/* The day and the key fields, each after its length, so no two keys run
 * together; binary, as it is only compared and kept. Shares: the ShareLink
 * alone (after day 0, which no date has), else Date + ShareCommentary.
 * Written in place: every row has one. */
static void key_build(FileReader *r, guint32 day)
{
  static const int link_only[] = {SHA_LINK, -1, -1, -1};
  gboolean by_link = r->kind == LINKEDIN_SHARES && r->len[SHA_LINK] > 0;
  const int *columns = by_link ? link_only : r->spec->key_columns;
  guint n = 0;
  gsize room = KEY_DAY_BYTES;
  for (; n < G_N_ELEMENTS(r->spec->key_columns) && columns[n] >= 0; n++)
    room += KEY_LENGTH_MAX + r->len[columns[n]];
  g_string_set_size(r->key, room);
  char *out = r->key->str;
  guint32 key_day = by_link ? 0 : day;
  memcpy(out, &key_day, KEY_DAY_BYTES);
  out += KEY_DAY_BYTES;
  for (guint i = 0; i < n; i++)
    out = key_put_field(out, r->text[columns[i]], r->len[columns[i]]);
  g_string_truncate(r->key, (gsize)(out - r->key->str));
}

static gboolean text_is_yes(const char *text)
{
  return g_ascii_strcasecmp(text, "yes") == 0 || g_ascii_strcasecmp(text, "true") == 0;
}

static void fields_build(const FileReader *r, const char **fields)
{
  guint n = ingest_linkedin_kind_n_fields(r->kind);
  for (guint i = 0; i < n; i++)
    fields[i] = reader_field(r, r->spec->output_columns[i]);
  if (r->kind == LINKEDIN_MESSAGES) {
    gboolean draft = g_ascii_strcasecmp(reader_field(r, MSG_FOLDER), "DRAFT") == 0 ||
                     text_is_yes(reader_field(r, MSG_DRAFT));
    fields[1] = draft ? "yes" : "no";
  }
}

static char *event_row(FileReader *r)
{
  char *reason = key_check(r);
  if (reason != NULL)
    return reason;
  GDate date;
  reason = date_parse(reader_field(r, r->spec->date_column), r->spec->date_form, &date);
  if (reason != NULL)
    return reason;
  if (r->spec->fact != NULL && (reason = r->spec->fact(r)) != NULL)
    return reason;
  const char *fields[LINKEDIN_MAX_FIELDS] = {NULL};
  guint32 day = g_date_get_julian(&date);
  key_build(r, day);
  fields_build(r, fields);
  const char *refused = ingest_linkedin_events_add(r->events, r->kind, r->key->str, r->key->len,
                                                   day, fields, r->report_index);
  if (refused != NULL)
    return g_strdup(refused);
  r->report->tally.rows_read++;
  return NULL;
}

static char *fact_row(FileReader *r)
{
  char *reason = r->spec->fact(r);
  if (reason != NULL)
    return reason;
  r->report->tally.rows_read++;
  r->report->tally.accepted++;
  return NULL;
}

static void reader_on_row(FileReader *r, const CsvRecord *record)
{
  g_autofree char *reason = NULL;
  if (record->malformed != NULL) {
    reason = g_strdup(record->malformed);
  } else {
    row_columns(r, record);
    reason = r->spec->date_column >= 0 ? event_row(r) : fact_row(r);
  }
  if (reason != NULL)
    ingest_linkedin_report_reject(r->report, record->line, reason, record->excerpt);
}

/* --- Facts of the profile kinds ------------------------------------------ */

static gboolean field_set(const FileReader *r, int column)
{
  return reader_field(r, column)[0] != '\0';
}

static char *recommendation_fact(FileReader *r)
{
  if (r->profile != NULL && g_ascii_strcasecmp(reader_field(r, REC_STATUS), "VISIBLE") == 0)
    r->profile->visible_recommendations++;
  return NULL;
}

/* The first row is the profile; LinkedIn writes one. */
static char *profile_fact(FileReader *r)
{
  IngestLinkedinProfile *p = r->profile;
  if (p == NULL || p->first_name != NULL)
    return NULL;
  p->first_name = g_strdup(reader_field(r, PRO_FIRST));
  p->last_name = g_strdup(reader_field(r, PRO_LAST));
  p->headline_set = field_set(r, PRO_HEADLINE);
  p->summary_set = field_set(r, PRO_SUMMARY);
  p->industry_set = field_set(r, PRO_INDUSTRY);
  p->geo_location_set = field_set(r, PRO_GEO);
  p->websites_or_twitter_set = field_set(r, PRO_WEB) || field_set(r, PRO_TWITTER);
  return NULL;
}

/* "Jan 2024"; an empty Finished On is the current position. */
static char *position_fact(FileReader *r)
{
  static const int dates[] = {POS_STARTED, POS_FINISHED};
  for (gsize i = 0; i < G_N_ELEMENTS(dates); i++) {
    const char *text = reader_field(r, dates[i]);
    GDate date;
    char *reason = text[0] != '\0' ? date_parse(text, DATE_FORM_MONTH_YEAR, &date) : NULL;
    if (reason != NULL)
      return reason;
  }
  if (r->profile != NULL && !field_set(r, POS_FINISHED))
    r->profile->current_position = TRUE;
  return NULL;
}

static char *skill_fact(FileReader *r)
{
  char *reason = key_check(r);
  if (reason == NULL && r->profile != NULL)
    r->profile->skills++;
  return reason;
}

/* --- Header and file ------------------------------------------------------ */

static gboolean reader_give_up(FileReader *r, GError **error)
{
  ingest_linkedin_report_reject(r->report, r->header_line, r->header_problem, r->header_excerpt);
  ingest_ledger_note(&r->report->tally, r->header_problem);
  r->gave_up = TRUE;
  g_set_error_literal(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, r->header_problem);
  return FALSE;
}

/* The header is the first record, or for Connections.csv the first that
 * fits among the first few: the lines before it are not rows. Why a record
 * does not fit is told for the first wider one or the last tried (the
 * preamble's lines have one field): the first record not fitting so told is
 * the header the file has. Other records' messages are not made: there is
 * one in every Connections.csv. */
static gboolean reader_on_header(FileReader *r, const CsvRecord *record, GError **error)
{
  g_autoptr(GError) problem = NULL;
  gboolean last = !r->spec->preamble || r->records_before_header + 1 >= PREAMBLE_MAX_RECORDS;
  gboolean told = r->header_problem == NULL && (record->n_fields > 1 || last);
  GError **why = told ? &problem : NULL;
  if (record->malformed != NULL)
    g_set_error(why, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "header not readable: %s",
                record->malformed);
  else if (csv_header_map(record, r->spec->columns, r->spec->n_columns, r->columns, why)) {
    r->header_seen = TRUE;
    return TRUE;
  }
  if (told) {
    r->header_problem = g_strdup(problem->message);
    r->header_line = record->line;
    r->header_excerpt = g_strdup(record->excerpt);
  }
  r->records_before_header++;
  if (last)
    return reader_give_up(r, error);
  return TRUE;
}

static gboolean reader_on_record(const CsvRecord *record, gpointer user_data, GError **error)
{
  FileReader *r = user_data;
  if (!r->header_seen)
    return reader_on_header(r, record, error);
  reader_on_row(r, record);
  return TRUE;
}

static void reader_note_encoding(FileReader *r, const CsvFileInfo *info)
{
  IngestFileEntry *tally = &r->report->tally;
  g_free(tally->encoding);
  tally->encoding = g_strdup(csv_reader_encoding_name(info->encoding));
  if (info->delimiter != ',')
    ingest_ledger_note(tally, info->delimiter == ';' ? "delimiter \";\"" : "delimiter tab");
  if (info->encoding == CSV_ENCODING_WINDOWS_1252)
    ingest_ledger_note(tally, "converted from Windows-1252");
}

/* An input that cannot be read is lost data, listed like a bad row. */
static void reader_fail(FileReader *r, const GError *error)
{
  g_autofree char *reason = error->domain == PIPELINE_ERROR
                                ? g_strdup(error->message)
                                : g_strdup_printf("cannot read: %s", error->message);
  ingest_linkedin_report_reject(r->report, 1, reason, "");
  ingest_ledger_note(&r->report->tally, reason);
}

void ingest_linkedin_file_read(IngestLinkedinFileReport *report, guint report_index,
                               IngestLinkedinReadFunc read, gpointer source,
                               IngestLinkedinEvents *events, IngestLinkedinProfile *profile)
{
  g_return_if_fail(report->kind >= 0 && report->kind < LINKEDIN_N_KINDS);
  FileReader r = {.spec = &kind_specs[report->kind],
                  .kind = report->kind,
                  .report = report,
                  .report_index = report_index,
                  .events = events,
                  .profile = profile,
                  .key = g_string_new(NULL)};
  CsvReaderOptions options = {0, r.spec->backslash_quote, 0};
  CsvFileInfo info = {0};
  g_autoptr(GError) error = NULL;
  gboolean ok = read(source, &options, reader_on_record, &r, &info, &error);
  if (ok || r.gave_up)
    reader_note_encoding(&r, &info);
  else
    reader_fail(&r, error);
  if (ok && !r.header_seen && r.header_problem != NULL)
    reader_give_up(&r, NULL);
  g_free(r.header_problem);
  g_free(r.header_excerpt);
  g_string_free(r.key, TRUE);
}
