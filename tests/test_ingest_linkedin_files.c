/* Tests of pipeline/ingest/linkedin_files.c: file kinds by name, columns by
 * header name, every quirk of inputs.md's list, dates, rejected rows with
 * their reasons, and the profile facts of the newest export. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "ingest/dates.h"
#include "ingest/linkedin_dedup.h"
#include "ingest/linkedin_files.h"

#include <string.h>

static gboolean read_text(gpointer source, const CsvReaderOptions *options, CsvRecordFunc func,
                          gpointer user_data, CsvFileInfo *info, GError **error)
{
  const char *text = source;
  return csv_reader_read_bytes(text, strlen(text), options, func, user_data, info, error);
}

/* One file read as the only file of the only export. */
typedef struct {
  GPtrArray *reports;
  IngestLinkedinFileReport *report;
  IngestLinkedinEvents *events;
  IngestLinkedinProfile profile;
} Read;

static Read *read_file(IngestLinkedinKind kind, const char *text, gboolean newest)
{
  Read *r = g_new0(Read, 1);
  r->reports = g_ptr_array_new_with_free_func((GDestroyNotify)ingest_linkedin_report_free);
  r->report = ingest_linkedin_report_new("x.csv", NULL, kind);
  g_ptr_array_add(r->reports, r->report);
  r->events = ingest_linkedin_events_new();
  ingest_linkedin_file_read(r->report, 0, read_text, (gpointer)text, r->events,
                            newest ? &r->profile : NULL);
  ingest_linkedin_events_end_export(r->events, r->reports);
  return r;
}

static void read_free(Read *r)
{
  ingest_linkedin_events_free(r->events);
  ingest_linkedin_profile_clear(&r->profile);
  g_ptr_array_unref(r->reports);
  g_free(r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Read, read_free)

/* The events of a kind as "date|field|...|count" lines. */
static char *events_text(const Read *r, IngestLinkedinKind kind)
{
  g_autoptr(GPtrArray) sorted = ingest_linkedin_events_sorted(r->events, kind);
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < sorted->len; i++) {
    const IngestLinkedinEvent *e = g_ptr_array_index(sorted, i);
    GDate date;
    char day[11];
    g_date_clear(&date, 1);
    g_date_set_julian(&date, e->day);
    ingest_date_format(&date, day);
    g_string_append(out, day);
    for (guint f = 0; f < ingest_linkedin_kind_n_fields(kind); f++)
      g_string_append_printf(out, "|%s", e->fields[f]);
    g_string_append_printf(out, "|%u\n", e->count);
  }
  return g_string_free(out, FALSE);
}

/* "line:reason" of each reject. */
static char *rejects_text(const Read *r)
{
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < ingest_linkedin_report_n_rejects(r->report); i++) {
    const IngestLinkedinReject *reject = g_ptr_array_index(r->report->rejects, i);
    g_string_append_printf(out, "%" G_GUINT64_FORMAT ":%s\n", reject->line, reject->reason);
  }
  return g_string_free(out, FALSE);
}

static void assert_counts(const Read *r, guint64 read, guint64 accepted, guint64 duplicates,
                          guint64 rejected)
{
  const IngestFileEntry *t = &r->report->tally;
  assert_int_equal(t->rows_read, read);
  assert_int_equal(t->accepted, accepted);
  assert_int_equal(t->duplicates, duplicates);
  assert_int_equal(t->rejected, rejected);
}

static void assert_events(const Read *r, IngestLinkedinKind kind, const char *expected)
{
  g_autofree char *text = events_text(r, kind);
  assert_string_equal(text, expected);
}

static void test_kinds_by_name(void **state)
{
  (void)state;
  assert_int_equal(ingest_linkedin_kind_of("Connections.csv"), LINKEDIN_CONNECTIONS);
  assert_int_equal(ingest_linkedin_kind_of("connections.CSV"), LINKEDIN_CONNECTIONS);
  assert_int_equal(ingest_linkedin_kind_of("messages.csv"), LINKEDIN_MESSAGES);
  assert_int_equal(ingest_linkedin_kind_of("Messages.csv"), LINKEDIN_MESSAGES);
  assert_int_equal(ingest_linkedin_kind_of("Shares_626782763.csv"), LINKEDIN_SHARES);
  assert_int_equal(ingest_linkedin_kind_of("Comments_1.csv"), LINKEDIN_COMMENTS);
  assert_int_equal(ingest_linkedin_kind_of("Reactions_543300498.csv"), LINKEDIN_REACTIONS);
  assert_int_equal(ingest_linkedin_kind_of("Endorsement Received Info.csv"), LINKEDIN_ENDORSEMENTS);
  assert_int_equal(ingest_linkedin_kind_of("endorsement_received_info.csv"), LINKEDIN_ENDORSEMENTS);
  assert_int_equal(ingest_linkedin_kind_of("Recommendations_Received.csv"),
                   LINKEDIN_RECOMMENDATIONS);
  assert_int_equal(ingest_linkedin_kind_of("Profile.csv"), LINKEDIN_PROFILE);
  assert_int_equal(ingest_linkedin_kind_of("Positions.csv"), LINKEDIN_POSITIONS);
  assert_int_equal(ingest_linkedin_kind_of("Skills.csv"), LINKEDIN_SKILLS);
  assert_int_equal(ingest_linkedin_kind_of("Invitations.csv"), LINKEDIN_INVITATIONS);
  assert_int_equal(ingest_linkedin_kind_of("Ad_Targeting.csv"), LINKEDIN_NOT_USED);
  assert_int_equal(ingest_linkedin_kind_of("Learning.csv"), LINKEDIN_NOT_USED);
  assert_int_equal(ingest_linkedin_kind_of("Recommendations_Given.csv"), LINKEDIN_NOT_USED);
  assert_int_equal(ingest_linkedin_kind_of("Shares_x1.csv"), LINKEDIN_NOT_USED);
  assert_int_equal(ingest_linkedin_kind_of("Connections.txt"), LINKEDIN_NOT_USED);
  assert_int_equal(ingest_linkedin_kind_of("Connections"), LINKEDIN_NOT_USED);
  assert_string_equal(ingest_linkedin_kind_name(LINKEDIN_MESSAGES), "messages");
  assert_int_equal(ingest_linkedin_kind_n_fields(LINKEDIN_CONNECTIONS), 5);
  assert_int_equal(ingest_linkedin_kind_n_fields(LINKEDIN_INVITATIONS), 4);
  assert_int_equal(ingest_linkedin_kind_n_fields(LINKEDIN_SHARES), 0);
  assert_int_equal(ingest_linkedin_kind_n_fields(LINKEDIN_MESSAGES), 2);
  assert_int_equal(ingest_linkedin_kind_n_fields(LINKEDIN_ENDORSEMENTS), 1);
}

static const char connections_2026[] =
    "Notes:\n"
    "\"When exporting your connection data, you may notice that some of the email addresses are "
    "missing. You will only see email addresses for connections who have allowed it.\"\n"
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Lina,Bernard,https://www.linkedin.com/in/lina-bernard,,Immobilien Frei AG,Vorstand,"
    "11 Mar 2026\n"
    ",,,,,,07 Jun 2025\n"
    ",,,,,,07 Jun 2025\n"
    "Max,Ott,,,\"Ott, Bau & Co\",Owner,8 Feb 2026";

/* The preamble is not rows; hidden profiles are, twice means twice. */
static void test_connections_with_preamble_and_hidden_profiles(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(LINKEDIN_CONNECTIONS, connections_2026, TRUE);
  assert_counts(r, 4, 4, 0, 0);
  assert_string_equal(r->report->tally.encoding, "UTF-8");
  assert_string_equal(r->report->tally.note->str, "");
  assert_events(r, LINKEDIN_CONNECTIONS,
                "2025-06-07||||||2\n"
                "2026-02-08|Max|Ott||Ott, Bau & Co|Owner|1\n"
                "2026-03-11|Lina|Bernard|https://www.linkedin.com/in/lina-bernard|"
                "Immobilien Frei AG|Vorstand|1\n");
}

/* Older exports: no preamble, no URL column. */
static void test_connections_of_an_old_export(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(LINKEDIN_CONNECTIONS,
                                "First Name,Last Name,Email Address,Company,Position,Connected On\n"
                                "Anna,Berg,anna@example.com,Berg AG,Architektin,03 Jan 2022\n",
                                TRUE);
  assert_counts(r, 1, 1, 0, 0);
  assert_events(r, LINKEDIN_CONNECTIONS, "2022-01-03|Anna|Berg||Berg AG|Architektin|1\n");
}

/* Byte-order mark, CRLF line ends and no final newline: re-saved in Excel. */
static void test_bom_crlf_and_no_final_newline(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(LINKEDIN_REACTIONS,
                                "\xEF\xBB\xBF"
                                "Date,Type,Link\r\n"
                                "2026-02-09 01:21:47,LIKE,https://example.com/1\r\n"
                                "2026-02-10 07:00:00,PRAISE,https://example.com/2",
                                TRUE);
  assert_counts(r, 2, 2, 0, 0);
  assert_string_equal(r->report->tally.encoding, "UTF-8 with BOM");
  assert_events(r, LINKEDIN_REACTIONS, "2026-02-09|1\n2026-02-10|1\n");
}

/* \" inside a message, and messages spanning lines, are one row each. */
static void test_comments_with_backslash_quotes_and_line_breaks(void **state)
{
  (void)state;
  g_autoptr(Read) r =
      read_file(LINKEDIN_COMMENTS,
                "Date,Link,Message\n"
                "2025-12-17 07:50:46,https://example.com/a,\"Agree with \\\"less is more\\\".\"\n"
                "2025-11-24 16:09:20,https://example.com/b,\"Wir sehen uns auf der \\\"BAU\\\"?\n"
                "Gr\xC3\xBC\xC3\x9F"
                "e aus Wien\"\n"
                "2025-11-24 16:09:20,https://example.com/b,Thanks!\n"
                "2025-11-25 09:00:00,https://example.com/c,\"Sehr gut\"",
                TRUE);
  assert_counts(r, 4, 4, 0, 0);
  g_autofree char *rejects = rejects_text(r);
  assert_string_equal(rejects, "");
  /* Same day and link, other message: another comment. */
  assert_events(r, LINKEDIN_COMMENTS, "2025-11-24|1\n2025-11-24|1\n2025-11-25|1\n2025-12-17|1\n");
}

static const char messages_quoted[] =
    "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\","
    "\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"ATTACHMENTS\","
    "\"IS MESSAGE DRAFT\",\"IS CONVERSATION DRAFT\"\n"
    "\"2-ab==\",\"\",\"Paul Gruber\",\"u1\",\"Ben Baumann\",\"u2\",\"2025-12-24 14:31:46 UTC\","
    "\"\",\"Gerne, bis dann!\",\"INBOX\",\"\",\"No\",\"No\"\n"
    "\"2-ab==\",\"\",\"Paul Gruber\",\"u1\",\"Ben Baumann\",\"u2\",\"2025-12-24 15:00:00 UTC\","
    "\"\",\"Entwurf\",\"DRAFT\",\"\",\"No\",\"No\"\n"
    "\"2-cd==\",\"\",\"Paul Gruber\",\"u1\",\"Eva Hahn\",\"u3\",\"2025-12-25 08:00:00 UTC\","
    "\"\",\"Hallo\",\"INBOX\",\"\",\"Yes\",\"No\"\n";

static void test_messages_fully_quoted_with_drafts(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(LINKEDIN_MESSAGES, messages_quoted, TRUE);
  assert_counts(r, 3, 3, 0, 0);
  assert_events(r, LINKEDIN_MESSAGES,
                "2025-12-24|Paul Gruber|no|1\n"
                "2025-12-24|Paul Gruber|yes|1\n"
                "2025-12-25|Paul Gruber|yes|1\n");
}

/* Older exports end at FOLDER. */
static void test_messages_of_an_old_export(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(
      LINKEDIN_MESSAGES,
      "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
      "SUBJECT,CONTENT,FOLDER\n"
      "c1,,Anna Berg,u,Ben,u2,2023-03-01 10:00:00 UTC,,Hi,INBOX\n"
      "c1,,Anna Berg,u,Ben,u2,2023-03-01 10:05:00 UTC,,Hi,draft\n",
      TRUE);
  assert_counts(r, 2, 2, 0, 0);
  /* Same conversation, sender, day and content: one event twice. */
  assert_events(r, LINKEDIN_MESSAGES, "2023-03-01|Anna Berg|no|2\n");
}

static void test_invitations_new_and_old(void **state)
{
  (void)state;
  g_autoptr(Read) r =
      read_file(LINKEDIN_INVITATIONS,
                "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                "Marie Steiner,Petra Krause,\"5/25/26, 6:44 PM\",\"Hallo Petra\",OUTGOING,"
                "https://www.linkedin.com/in/marie,https://www.linkedin.com/in/petra\n"
                "Clara Bianchi,Marie Steiner,\"12/1/25, 10:42 AM\",,INCOMING,u1,u2\n",
                TRUE);
  assert_counts(r, 2, 2, 0, 0);
  assert_events(
      r, LINKEDIN_INVITATIONS,
      "2025-12-01|INCOMING|Clara Bianchi|Marie Steiner|u2|1\n"
      "2026-05-25|OUTGOING|Marie Steiner|Petra Krause|https://www.linkedin.com/in/petra|1\n");
  g_autoptr(Read) old = read_file(LINKEDIN_INVITATIONS,
                                  "From,To,Sent At,Message,Direction\n"
                                  "Anna Berg,Ben Ott,\"3/7/22, 9:01 AM\",,OUTGOING\n",
                                  TRUE);
  assert_events(old, LINKEDIN_INVITATIONS, "2022-03-07|OUTGOING|Anna Berg|Ben Ott||1\n");
}

/* ShareLink is the key; without it, the date and the commentary are. */
static void test_shares_keys(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(LINKEDIN_SHARES,
                                "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
                                "2026-02-09 01:21:47,https://l/1,Hello,,,PUBLIC\n"
                                "2026-02-09 09:00:00,https://l/1,Hello again,,,PUBLIC\n"
                                "2026-02-10 08:00:00,,\"Weekend read\",,,PUBLIC\n"
                                "2026-02-10 18:00:00,,\"Weekend read\",,,PUBLIC\n"
                                "2026-02-10 19:00:00,,\"Other\",,,PUBLIC\n",
                                TRUE);
  assert_counts(r, 5, 5, 0, 0);
  assert_events(r, LINKEDIN_SHARES, "2026-02-09|2\n2026-02-10|1\n2026-02-10|2\n");
}

static void test_endorsements_keep_their_status(void **state)
{
  (void)state;
  g_autoptr(Read) r =
      read_file(LINKEDIN_ENDORSEMENTS,
                "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
                "Endorser Public Url,Endorsement Status\n"
                "2024/02/01 15:02:55 UTC,CRM,Eva,Hahn,u,ACCEPTED\n"
                "2024/02/03 10:00:00 UTC,CRM,Tom,Lenz,u,PENDING\n"
                "2024/02/04 10:00:00 UTC,CRM,Ida,Roth,u,HIDDEN\n",
                TRUE);
  assert_counts(r, 3, 3, 0, 0);
  assert_events(r, LINKEDIN_ENDORSEMENTS,
                "2024-02-01|ACCEPTED|1\n2024-02-03|PENDING|1\n2024-02-04|HIDDEN|1\n");
}

/* Dates: the kind's form, else any form LinkedIn has used; what is not a
 * date is rejected quoting the text. */
static void test_dates_in_other_forms_and_bad_dates(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(LINKEDIN_CONNECTIONS,
                                "First Name,Last Name,Connected On\n"
                                "A,One,2026-02-08\n"
                                "B,Two,8 February 2026\n"
                                "C,Three,soon\n"
                                "D,Four,\n"
                                "E,Five,07 Jun 1999\n"
                                ",,\n",
                                TRUE);
  assert_counts(r, 6, 2, 0, 4);
  g_autofree char *rejects = rejects_text(r);
  assert_string_equal(rejects,
                      "4:bad date: not a date: \"soon\" (expected DD Mon YYYY)\n"
                      "5:bad date: not a date: \"\" (expected DD Mon YYYY)\n"
                      "6:bad date: implausible date \"07 Jun 1999\" (years 2003 to 2100)\n"
                      "7:no key field: \"Connected On\", \"First Name\" and \"Last Name\" are "
                      "empty\n");
  assert_events(r, LINKEDIN_CONNECTIONS, "2026-02-08|A|One||||1\n2026-02-08|B|Two||||1\n");
}

static void test_malformed_record_is_rejected(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(LINKEDIN_REACTIONS,
                                "Date,Type,Link\n"
                                "2026-02-09 01:21:47,LIKE,https://example.com/1\n"
                                "2026-02-10 01:21:47,LIKE,\"https://example.com/2\n",
                                TRUE);
  assert_counts(r, 2, 1, 0, 1);
  g_autofree char *rejects = rejects_text(r);
  assert_string_equal(rejects, "3:unterminated quote at end of file\n");
}

/* A header that is not LinkedIn's: one row read and rejected, the file's
 * note says what was found and what was expected. */
static void test_unknown_header_is_one_rejected_row(void **state)
{
  (void)state;
  static const char message[] =
      "missing column(s) \"Connected On\"; found: \"First Name\", \"Last Name\", \"URL\"; "
      "expected: \"First Name\", \"Last Name\", \"URL\", \"Email Address\", \"Company\", "
      "\"Position\", \"Connected On\"";
  g_autoptr(Read) r = read_file(LINKEDIN_CONNECTIONS,
                                "Notes:\n\"Some text.\"\n\n"
                                "First Name,Last Name,URL\n"
                                "A,B,u\nC,D,u\nE,F,u\nG,H,u\nI,J,u\n",
                                TRUE);
  assert_counts(r, 1, 0, 0, 1);
  const IngestLinkedinReject *reject = g_ptr_array_index(r->report->rejects, 0);
  assert_int_equal(reject->line, 4);
  assert_string_equal(reject->reason, message);
  assert_string_equal(reject->excerpt, "First Name,Last Name,URL");
  assert_string_equal(r->report->tally.note->str, message);
  assert_events(r, LINKEDIN_CONNECTIONS, "");
  g_autoptr(Read) skills = read_file(LINKEDIN_SKILLS, "Skill\nCRM\n", TRUE);
  assert_counts(skills, 1, 0, 0, 1);
  g_autofree char *rejects = rejects_text(skills);
  assert_string_equal(rejects,
                      "1:missing column(s) \"Name\"; found: \"Skill\"; expected: \"Name\"\n");
  assert_int_equal(skills->profile.skills, 0);
}

/* An open quote in the header takes the whole file into it: the file is one
 * rejected row, never a file of zero rows. */
static void test_header_with_an_open_quote_is_one_rejected_row(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(LINKEDIN_REACTIONS,
                                "Date,Type,\"Link\n"
                                "2026-02-09 01:21:47,LIKE,https://example.com/1\n",
                                TRUE);
  assert_counts(r, 1, 0, 0, 1);
  g_autofree char *rejects = rejects_text(r);
  assert_string_equal(rejects, "1:header not readable: unterminated quote at end of file\n");
  assert_events(r, LINKEDIN_REACTIONS, "");
}

/* Empty, or only a header (or only Connections' preamble): zero rows. */
static void test_empty_files_are_zero_rows(void **state)
{
  (void)state;
  g_autoptr(Read) empty = read_file(LINKEDIN_SHARES, "", TRUE);
  assert_counts(empty, 0, 0, 0, 0);
  g_autoptr(Read) header = read_file(LINKEDIN_RECOMMENDATIONS,
                                     "First Name,Last Name,Company,Job Title,Text,Creation Date,"
                                     "Status",
                                     TRUE);
  assert_counts(header, 0, 0, 0, 0);
  g_autoptr(Read) preamble = read_file(LINKEDIN_CONNECTIONS, "Notes:\n\"Some text.\"\n", TRUE);
  assert_counts(preamble, 0, 0, 0, 0);
}

static const char profile_csv[] =
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    "Marie,Steiner,,,,Marketing | Fenster,\"Ich helfe.\n\"\"Qualit\xC3\xA4t\"\" zuerst\",  ,,"
    "\"Munich, Bavaria\",,[COMPANY:www.example.de],\n";

static void test_profile_facts_of_the_newest_export(void **state)
{
  (void)state;
  g_autoptr(Read) r = read_file(LINKEDIN_PROFILE, profile_csv, TRUE);
  assert_counts(r, 1, 1, 0, 0);
  const IngestLinkedinProfile *p = &r->profile;
  assert_string_equal(p->first_name, "Marie");
  assert_string_equal(p->last_name, "Steiner");
  assert_true(p->headline_set);
  assert_true(p->summary_set);
  assert_false(p->industry_set); /* spaces only */
  assert_true(p->geo_location_set);
  assert_true(p->websites_or_twitter_set);
  /* An older export's rows are read, its facts are not taken. */
  g_autoptr(Read) older = read_file(LINKEDIN_PROFILE, profile_csv, FALSE);
  assert_counts(older, 1, 1, 0, 0);
  assert_null(older->profile.first_name);
}

static void test_positions_skills_and_recommendations(void **state)
{
  (void)state;
  g_autoptr(Read) positions = read_file(LINKEDIN_POSITIONS,
                                        "Company Name,Title,Description,Location,Started On,"
                                        "Finished On\n"
                                        "Glas Gruber GmbH,Sales,,Wien,Jan 2014,Feb 2019\n"
                                        "Example AG,Vertrieb,,M\xC3\xBCnchen,Mar 2019,\n"
                                        "Old AG,Intern,,Wien,Summer,2013\n",
                                        TRUE);
  assert_counts(positions, 3, 2, 0, 1);
  g_autofree char *position_rejects = rejects_text(positions);
  assert_string_equal(position_rejects, "4:bad date: not a date: \"Summer\" (expected Mon YYYY)\n");
  assert_true(positions->profile.current_position);
  g_autoptr(Read) ended = read_file(LINKEDIN_POSITIONS,
                                    "Company Name,Title,Started On,Finished On\n"
                                    "Glas Gruber GmbH,Sales,Jan 2014,Feb 2019\n",
                                    TRUE);
  assert_false(ended->profile.current_position);
  g_autoptr(Read) skills = read_file(LINKEDIN_SKILLS, "Name\nVertrieb\nCRM\n\"\"\nCRM", TRUE);
  assert_counts(skills, 4, 3, 0, 1);
  assert_int_equal(skills->profile.skills, 3);
  g_autoptr(Read) recs =
      read_file(LINKEDIN_RECOMMENDATIONS,
                "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
                "Anton,Wagner,Holzbau,Teamleiter,\"Great, \"\"on it\"\".\","
                "\"09/06/22, 06:12 AM\",VISIBLE\n"
                "Lena,Bianchi,Corp,Leiter,\"Gut.\nGerne wieder!\","
                "\"10/21/16, 06:42 PM\",HIDDEN\n"
                "Sophie,Leroy,Bau,Leiter,Top,\"08/06/17, 07:56 PM\",visible\n",
                TRUE);
  assert_counts(recs, 3, 3, 0, 0);
  assert_int_equal(recs->profile.visible_recommendations, 2);
  assert_events(recs, LINKEDIN_RECOMMENDATIONS, "2016-10-21|1\n2017-08-06|1\n2022-09-06|1\n");
}

/* Reports saved and loaded back into one block: the paths put together
 * again (the zip itself has no name of its own), the counts, the note and
 * the rejects as saved, the strings lying in the payload; a block holds as
 * many reports as it was made for. */
static void test_reports_load_into_one_block(void **state)
{
  (void)state;
  const char *export_path = "linkedin/a1/E.zip";
  g_autoptr(GByteArray) out = g_byte_array_new();
  IngestLinkedinFileReport *zip = ingest_linkedin_report_new(export_path, NULL, LINKEDIN_NOT_USED);
  ingest_ledger_note(&zip->tally, "zip archive of 1 file");
  IngestLinkedinFileReport *member =
      ingest_linkedin_report_new("linkedin/a1/E.zip/Skills.csv", NULL, LINKEDIN_SKILLS);
  member->tally.encoding = g_strdup("UTF-8");
  member->tally.rows_read = 3;
  member->tally.accepted = 2;
  ingest_linkedin_report_reject(member, 4, "bad row", "x,y");
  ingest_linkedin_report_save(zip, export_path, out, NULL);
  ingest_linkedin_report_save(member, export_path, out, NULL);
  ingest_linkedin_report_save(member, export_path, out, NULL);
  g_autoptr(GBytes) payload = g_bytes_new(out->data, out->len);
  IngestCacheReader r;
  ingest_cache_reader_init(&r, payload);
  IngestLinkedinReportBlock *block = ingest_linkedin_report_block_new(payload, 2);

  IngestLinkedinFileReport *z = ingest_linkedin_report_load(&r, export_path, block);
  IngestLinkedinFileReport *m = ingest_linkedin_report_load(&r, export_path, block);
  assert_non_null(z);
  assert_non_null(m);
  assert_null(ingest_linkedin_report_load(&r, export_path, block));
  assert_true(z->in_block && m->in_block);
  assert_null(z->tally.note);
  assert_string_equal(z->tally.file, export_path);
  assert_string_equal(ingest_linkedin_report_note(z), "zip archive of 1 file");
  assert_null(z->tally.encoding);
  assert_int_equal(ingest_linkedin_report_n_rejects(z), 0);
  assert_int_equal(z->kind, LINKEDIN_NOT_USED);
  assert_string_equal(m->tally.file, "linkedin/a1/E.zip/Skills.csv");
  assert_string_equal(m->tally.encoding, "UTF-8");
  assert_string_equal(ingest_linkedin_report_note(m), "");
  gsize len;
  const guint8 *bytes = g_bytes_get_data(payload, &len);
  assert_true((const guint8 *)m->tally.encoding > bytes &&
              (const guint8 *)m->tally.encoding < bytes + len);
  assert_int_equal(m->kind, LINKEDIN_SKILLS);
  assert_int_equal(m->tally.rows_read, 4);
  assert_int_equal(m->tally.rejected, 1);
  assert_int_equal(m->tally.accepted, 2);
  assert_int_equal(ingest_linkedin_report_n_rejects(m), 1);
  const IngestLinkedinReject *reject = g_ptr_array_index(m->rejects, 0);
  assert_int_equal(reject->line, 4);
  assert_string_equal(reject->reason, "bad row");
  assert_string_equal(reject->excerpt, "x,y");

  ingest_linkedin_report_free(z);
  ingest_linkedin_report_free(m);
  ingest_linkedin_report_block_free(block);
  ingest_linkedin_report_free(zip);
  ingest_linkedin_report_free(member);
}

/* Past max_linkedin_events a row of a new event is rejected, every time it
 * comes; another copy of an event held counts as ever (within one export,
 * as one more copy). */
static void test_new_events_past_the_limit_are_rejected(void **state)
{
  (void)state;
  const char *text = "Date,Type,Link\n"
                     "2026-02-01 10:00:00,LIKE,https://li/r/1\n"
                     "2026-02-02 10:00:00,LIKE,https://li/r/2\n"
                     "2026-02-03 10:00:00,LIKE,https://li/r/3\n"
                     "2026-02-04 10:00:00,LIKE,https://li/r/4\n"
                     "2026-02-05 10:00:00,LIKE,https://li/r/5\n"
                     "2026-02-06 10:00:00,LIKE,https://li/r/6\n"
                     "2026-02-02 10:00:00,LIKE,https://li/r/2\n"
                     "2026-02-07 10:00:00,LIKE,https://li/r/7\n"
                     "2026-02-06 10:00:00,LIKE,https://li/r/6\n";
  g_autoptr(Read) r = g_new0(Read, 1);
  r->reports = g_ptr_array_new_with_free_func((GDestroyNotify)ingest_linkedin_report_free);
  r->report = ingest_linkedin_report_new("x.csv", NULL, LINKEDIN_REACTIONS);
  g_ptr_array_add(r->reports, r->report);
  r->events = ingest_linkedin_events_new();
  ingest_linkedin_events_limit(r->events, 5, "a02");
  ingest_linkedin_file_read(r->report, 0, read_text, (gpointer)text, r->events, NULL);
  ingest_linkedin_events_end_export(r->events, r->reports);
  assert_counts(r, 9, 6, 0, 3);
  g_autofree char *rejects = rejects_text(r);
  assert_string_equal(
      rejects, "7:more than max_linkedin_events (5) different events in a02's LinkedIn exports\n"
               "9:more than max_linkedin_events (5) different events in a02's LinkedIn exports\n"
               "10:more than max_linkedin_events (5) different events in a02's LinkedIn exports\n");
  const IngestLinkedinReject *first = g_ptr_array_index(r->report->rejects, 0);
  assert_string_equal(first->excerpt, "2026-02-06 10:00:00,LIKE,https://li/r/6");
  assert_int_equal(ingest_linkedin_events_count(r->events), 5);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kinds_by_name),
      cmocka_unit_test(test_connections_with_preamble_and_hidden_profiles),
      cmocka_unit_test(test_connections_of_an_old_export),
      cmocka_unit_test(test_bom_crlf_and_no_final_newline),
      cmocka_unit_test(test_comments_with_backslash_quotes_and_line_breaks),
      cmocka_unit_test(test_messages_fully_quoted_with_drafts),
      cmocka_unit_test(test_messages_of_an_old_export),
      cmocka_unit_test(test_invitations_new_and_old),
      cmocka_unit_test(test_shares_keys),
      cmocka_unit_test(test_endorsements_keep_their_status),
      cmocka_unit_test(test_dates_in_other_forms_and_bad_dates),
      cmocka_unit_test(test_malformed_record_is_rejected),
      cmocka_unit_test(test_unknown_header_is_one_rejected_row),
      cmocka_unit_test(test_header_with_an_open_quote_is_one_rejected_row),
      cmocka_unit_test(test_empty_files_are_zero_rows),
      cmocka_unit_test(test_profile_facts_of_the_newest_export),
      cmocka_unit_test(test_positions_skills_and_recommendations),
      cmocka_unit_test(test_reports_load_into_one_block),
      cmocka_unit_test(test_new_events_past_the_limit_are_rejected),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
