/* Reads the .csv files in posts/ (posts.h): recognises the tool by the header,
 * matches each row's ambassador to a roster id and keeps the last copy of each
 * post. Files come in path order and rows in file order, so "the later one
 * wins" is "the last one added for a URL wins". */
#include "ingest/posts.h"
#include "common/contract.h"
#include "common/csv_writer.h"
#include "common/errors.h"
#include "ingest/csv_note.h"
#include "ingest/dates.h"
#include "ingest/numbers.h"
#include "ingest/outputs.h"
#include <string.h>

#define POST_N_METRICS (POST_N_FIELDS - POST_FIRST_METRIC)
#define POST_DATE_FORMS (DATE_FORM_ISO | DATE_FORM_GERMAN | DATE_FORM_US_SHORT)

typedef struct {
  char *ambassador_id;
  GDate date;
  char *post_url;
  gint64 metrics[POST_N_METRICS]; /* -1: unknown */
  const IngestSource *source;
  IngestFileEntry *entry; /* the file it was read from */
  guint64 line;
} IngestPost;

struct IngestPosts {
  IngestSources *sources;
  const IngestRoster *roster;
  IngestLedger *ledger;
  IngestWarnings *warnings;
  GHashTable *by_email; /* case-folded e-mail -> GPtrArray of distinct ids */
  GHashTable *by_name;  /* name -> GPtrArray of distinct ids */
  GHashTable *by_url;   /* post_url -> IngestPost */
  GHashTable *per_id;   /* ambassador id -> number of posts held */
  guint max_posts;      /* the most posts held of one ambassador */
};

static void post_free(gpointer data)
{
  IngestPost *post = data;
  if (post == NULL)
    return;
  g_free(post->ambassador_id);
  g_free(post->post_url);
  g_free(post);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestPost, post_free)

/* --- Ambassadors ---------------------------------------------------------- */

static char *email_key(const char *email)
{
  g_autofree char *trimmed = g_strstrip(g_strdup(email));
  return g_utf8_casefold(trimmed, -1);
}

static void index_add(GHashTable *index, char *key, const char *id)
{
  GPtrArray *ids = g_hash_table_lookup(index, key);
  if (ids == NULL) {
    ids = g_ptr_array_new_with_free_func(g_free);
    g_hash_table_insert(index, g_strdup(key), ids);
  }
  for (guint i = 0; i < ids->len; i++)
    if (strcmp(g_ptr_array_index(ids, i), id) == 0)
      return;
  g_ptr_array_add(ids, g_strdup(id));
}

static void posts_index_roster(IngestPosts *posts)
{
  const GPtrArray *members = ingest_roster_memberships(posts->roster);
  for (guint i = 0; i < members->len; i++) {
    const IngestMembership *m = g_ptr_array_index(members, i);
    g_autofree char *email = email_key(m->email != NULL ? m->email : "");
    g_autofree char *name = g_strstrip(g_strdup(m->name != NULL ? m->name : ""));
    if (email[0] != '\0')
      index_add(posts->by_email, email, m->ambassador_id);
    if (name[0] != '\0')
      index_add(posts->by_name, name, m->ambassador_id);
  }
}

/* The roster id for one index entry, or NULL with the reason. */
static char *index_pick(const GPtrArray *ids, const char *who, char **reason)
{
  if (ids->len == 1)
    return g_strdup(g_ptr_array_index(ids, 0));
  g_autoptr(GString) list = g_string_new(NULL);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf(list, "%s%s", i > 0 ? ", " : "",
                           (const char *)g_ptr_array_index(ids, i));
  *reason = g_strdup_printf("ambassador \"%s\" matches several roster ids: %s", who, list->str);
  return NULL;
}

/* The roster id of a post's ambassador (trimmed): an id, else an e-mail in
 * any case, else an exact name. NULL with the reason when none fits. */
static char *posts_match_ambassador(const IngestPosts *posts, const char *who,
                                    const IngestFileEntry *entry, char **reason)
{
  if (ingest_roster_has(posts->roster, who))
    return g_strdup(who);
  g_autofree char *email = email_key(who);
  const GPtrArray *ids = g_hash_table_lookup(posts->by_email, email);
  if (ids == NULL)
    ids = g_hash_table_lookup(posts->by_name, who);
  if (ids != NULL)
    return index_pick(ids, who, reason);
  ingest_warnings_note_unknown(posts->warnings, who, entry->file);
  *reason = g_strdup("ambassador not in roster");
  return NULL;
}

/* --- The store ------------------------------------------------------------ */

IngestPosts *ingest_posts_new(IngestSources *sources, const IngestRoster *roster,
                              IngestLedger *ledger, IngestWarnings *warnings, int max_posts)
{
  g_return_val_if_fail(max_posts > 0, NULL);
  IngestPosts *posts = g_new0(IngestPosts, 1);
  posts->max_posts = (guint)max_posts;
  posts->sources = sources;
  posts->roster = roster;
  posts->ledger = ledger;
  posts->warnings = warnings;
  posts->by_email =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  posts->by_name =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  posts->by_url = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, post_free);
  posts->per_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  posts_index_roster(posts);
  return posts;
}

void ingest_posts_free(IngestPosts *posts)
{
  if (posts == NULL)
    return;
  g_hash_table_unref(posts->per_id);
  g_hash_table_unref(posts->by_url);
  g_hash_table_unref(posts->by_name);
  g_hash_table_unref(posts->by_email);
  ingest_sources_free(posts->sources);
  g_free(posts);
}

static void per_id_change(IngestPosts *posts, const char *id, int change)
{
  guint count = GPOINTER_TO_UINT(g_hash_table_lookup(posts->per_id, id)) + (guint)change;
  if (count == 0)
    g_hash_table_remove(posts->per_id, id);
  else
    g_hash_table_replace(posts->per_id, g_strdup(id), GUINT_TO_POINTER(count));
}

/* Takes an accepted post; the copy it replaces becomes a duplicate. */
static void posts_add(IngestPosts *posts, IngestPost *post)
{
  IngestPost *earlier = g_hash_table_lookup(posts->by_url, post->post_url);
  if (earlier != NULL) {
    ingest_ledger_demote_to_duplicate(earlier->entry);
    per_id_change(posts, earlier->ambassador_id, -1);
  }
  per_id_change(posts, post->ambassador_id, +1);
  /* The key is the post's own URL, so the old entry goes with its key. */
  g_hash_table_remove(posts->by_url, post->post_url);
  g_hash_table_insert(posts->by_url, post->post_url, post);
}

/* NULL, or the reason a post would give its ambassador more than max_posts:
 * a URL held for another ambassador counts as new too, or two ambassadors
 * could pass posts back and forth and hold any number between them. */
static char *posts_check_limit(const IngestPosts *posts, const IngestPost *post)
{
  const IngestPost *held = g_hash_table_lookup(posts->by_url, post->post_url);
  if (held != NULL && strcmp(held->ambassador_id, post->ambassador_id) == 0)
    return NULL;
  guint count = GPOINTER_TO_UINT(g_hash_table_lookup(posts->per_id, post->ambassador_id));
  if (count < posts->max_posts)
    return NULL;
  return g_strdup_printf("more than max_posts (%u) different posts of %s", posts->max_posts,
                         post->ambassador_id);
}

gboolean ingest_posts_has(const IngestPosts *posts, const char *ambassador_id)
{
  return g_hash_table_contains(posts->per_id, ambassador_id);
}

gboolean ingest_posts_latest_date(const IngestPosts *posts, GDate *out)
{
  GHashTableIter iter;
  gpointer value;
  gboolean found = FALSE;
  g_hash_table_iter_init(&iter, posts->by_url);
  while (g_hash_table_iter_next(&iter, NULL, &value)) {
    const IngestPost *post = value;
    if (!found || g_date_compare(&post->date, out) > 0)
      *out = post->date;
    found = TRUE;
  }
  return found;
}

/* --- Reading a file --------------------------------------------------------- */

typedef struct {
  IngestPosts *posts;
  IngestFileEntry *entry;
  const CsvFileInfo *info; /* filled by the reader as it goes: the delimiter */
  const IngestSource *source;
  int columns[POST_N_FIELDS];
  char *headers[POST_N_FIELDS]; /* the column names as the file writes them */
  gboolean header_seen;
} PostsReader;

static gboolean posts_on_header(PostsReader *r, const CsvRecord *header, GError **error)
{
  g_autoptr(GError) local = NULL;
  r->header_seen = TRUE;
  if (header->malformed == NULL)
    r->source = ingest_sources_match(r->posts->sources, header, r->columns, &local);
  else
    g_set_error(&local, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "header not readable: %s",
                header->malformed);
  if (r->source == NULL) {
    ingest_ledger_reject(r->posts->ledger, r->entry, header->line, local->message, header->excerpt);
    ingest_ledger_note(r->entry, local->message);
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s:%" G_GUINT64_FORMAT ": %s",
                r->entry->file, header->line, local->message);
    return FALSE;
  }
  for (int f = 0; f < POST_N_FIELDS; f++)
    r->headers[f] = g_strstrip(g_strdup(csv_record_field(header, r->columns[f])));
  return TRUE;
}

static char *posts_field(const PostsReader *r, const CsvRecord *record, PostField field)
{
  return g_strstrip(g_strdup(csv_record_field(record, r->columns[field])));
}

/* NULL when every metric is empty (unknown) or a whole count; else why not. */
static char *posts_parse_metrics(const PostsReader *r, const CsvRecord *record, IngestPost *post)
{
  char mark = ingest_csv_decimal_mark(r->info->delimiter);
  for (int m = 0; m < POST_N_METRICS; m++) {
    PostField field = (PostField)(POST_FIRST_METRIC + m);
    g_autofree char *text = posts_field(r, record, field);
    g_autoptr(GError) local = NULL;
    post->metrics[m] = -1;
    if (text[0] != '\0' && !ingest_count_parse(text, mark, &post->metrics[m], &local))
      return g_strdup_printf("%s (column %s)", local->message, r->headers[field]);
  }
  return NULL;
}

/* The post of a row in *out, or the reason it is rejected. */
static char *posts_parse_row(const PostsReader *r, const CsvRecord *record, IngestPost **out)
{
  if (record->malformed != NULL)
    return g_strdup(record->malformed);
  g_autofree char *who = posts_field(r, record, POST_FIELD_AMBASSADOR);
  if (who[0] == '\0')
    return g_strdup("missing ambassador");
  char *reason = NULL;
  g_autoptr(IngestPost) post = g_new0(IngestPost, 1);
  post->ambassador_id = posts_match_ambassador(r->posts, who, r->entry, &reason);
  if (post->ambassador_id == NULL)
    return reason;
  g_autoptr(GError) local = NULL;
  g_autofree char *date = posts_field(r, record, POST_FIELD_DATE);
  if (!ingest_date_parse(date, POST_DATE_FORMS, &post->date, &local))
    return g_strdup_printf("bad date: %s", local->message);
  post->post_url = posts_field(r, record, POST_FIELD_POST_URL);
  if (post->post_url[0] == '\0')
    return g_strdup("missing post URL");
  reason = posts_parse_metrics(r, record, post);
  if (reason != NULL)
    return reason;
  post->source = r->source;
  post->entry = r->entry;
  post->line = record->line;
  *out = g_steal_pointer(&post);
  return NULL;
}

static gboolean posts_on_record(const CsvRecord *record, gpointer user_data, GError **error)
{
  PostsReader *r = user_data;
  if (!r->header_seen)
    return posts_on_header(r, record, error);
  g_autoptr(IngestPost) post = NULL;
  g_autofree char *reason = posts_parse_row(r, record, &post);
  if (reason == NULL)
    reason = posts_check_limit(r->posts, post);
  if (reason != NULL) {
    ingest_ledger_reject(r->posts->ledger, r->entry, record->line, reason, record->excerpt);
    return TRUE;
  }
  ingest_ledger_accept(r->entry);
  posts_add(r->posts, g_steal_pointer(&post));
  return TRUE;
}

static void posts_note_file(const PostsReader *r, const CsvFileInfo *info)
{
  ingest_csv_note_file(r->entry, info, TRUE);
  if (r->source == NULL)
    return;
  g_autofree char *note = g_strdup_printf("source %s", r->source->id);
  ingest_ledger_note(r->entry, note);
}

gboolean ingest_posts_read(IngestPosts *posts, const char *path, IngestFileEntry *entry,
                           GError **error)
{
  CsvFileInfo info = {0};
  PostsReader r = {.posts = posts, .entry = entry, .info = &info};
  g_autoptr(GError) local = NULL;
  gboolean ok = csv_reader_read_file(path, NULL, posts_on_record, &r, &info, &local);
  for (int f = 0; f < POST_N_FIELDS; f++)
    g_free(r.headers[f]);
  if (ok) {
    posts_note_file(&r, &info);
    return TRUE;
  }
  return ingest_csv_note_failure(posts->ledger, entry, &info, g_steal_pointer(&local), error);
}

/* --- posts.csv ------------------------------------------------------------- */

static gint post_compare(gconstpointer a, gconstpointer b)
{
  const IngestPost *x = *(IngestPost *const *)a;
  const IngestPost *y = *(IngestPost *const *)b;
  int by_id = strcmp(x->ambassador_id, y->ambassador_id);
  if (by_id != 0)
    return by_id;
  int by_date = g_date_compare(&x->date, &y->date);
  return by_date != 0 ? by_date : strcmp(x->post_url, y->post_url);
}

static void post_write_row(CsvWriter *writer, const IngestPost *post)
{
  csv_writer_add_text(writer, post->ambassador_id);
  ingest_outputs_add_date(writer, &post->date);
  csv_writer_add_text(writer, post->post_url);
  for (int m = 0; m < POST_N_METRICS; m++) {
    if (post->metrics[m] < 0)
      csv_writer_add_empty(writer);
    else
      csv_writer_add_int(writer, post->metrics[m]);
  }
  csv_writer_add_text(writer, post->source->id);
  csv_writer_add_text(writer, post->entry->file);
  csv_writer_add_int(writer, (gint64)post->line);
  csv_writer_end_row(writer);
}

gboolean ingest_posts_write(const IngestPosts *posts, const char *path, GError **error)
{
  static const char *const header[] = {CONTRACT_POSTS_COLUMNS, NULL};
  g_autoptr(GPtrArray) sorted = g_ptr_array_new();
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init(&iter, posts->by_url);
  while (g_hash_table_iter_next(&iter, NULL, &value))
    g_ptr_array_add(sorted, value);
  g_ptr_array_sort(sorted, post_compare);
  CsvWriter *writer = csv_writer_open(path, header, error);
  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < sorted->len; i++)
    post_write_row(writer, g_ptr_array_index(sorted, i));
  return csv_writer_commit(writer, error);
}
