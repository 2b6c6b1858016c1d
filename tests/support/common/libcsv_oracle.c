/* libcsv read in strict mode into arrays of fields (libcsv_oracle.h): the
 * answer the reader's tests check csv_reader.c against. */
#include "libcsv_oracle.h"
#include <csv.h>

typedef struct {
  GPtrArray *records; /* GPtrArray of field strings */
  GPtrArray *record;  /* the one being read */
} Records;

static void on_field(void *data, size_t len, void *user)
{
  Records *r = user;
  if (r->record == NULL)
    r->record = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(r->record, g_strndup(data != NULL ? data : "", data != NULL ? len : 0));
}

static void on_record(int c, void *user)
{
  (void)c;
  Records *r = user;
  if (r->record == NULL)
    r->record = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(r->records, g_steal_pointer(&r->record));
}

GPtrArray *test_libcsv_records(const GString *input, char delimiter)
{
  Records r = {g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref), NULL};
  struct csv_parser p;
  csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  csv_set_delim(&p, (unsigned char)delimiter);
  gboolean ok = csv_parse(&p, input->str, input->len, on_field, on_record, &r) == input->len &&
                csv_fini(&p, on_field, on_record, &r) == 0;
  csv_free(&p);
  if (r.record != NULL)
    g_ptr_array_unref(r.record);
  if (!ok)
    g_clear_pointer(&r.records, g_ptr_array_unref);
  return r.records;
}

char *test_libcsv_join(const GPtrArray *fields)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < fields->len; i++)
    g_string_append_printf(s, "%s%s", i > 0 ? "|" : "", (const char *)g_ptr_array_index(fields, i));
  return g_string_free(s, FALSE);
}
