/* Consent to be named, read from normalized/roster.csv: one row that does
 * not agree withdraws it for the person, in every program, because a name
 * shown under one program is shown to the same readers as the others. */
#include "report/privacy.h"

#include <string.h>

gboolean report_privacy_consent_given(const char *text)
{
  if (text == NULL)
    return FALSE;
  g_autofree char *value = g_strstrip(g_strdup(text));
  static const char *const agreeing[] = {"yes", "ja", "true", "1"};
  for (gsize i = 0; i < G_N_ELEMENTS(agreeing); i++)
    if (g_ascii_strcasecmp(value, agreeing[i]) == 0)
      return TRUE;
  return FALSE;
}

GHashTable *report_privacy_consenting_ids(const ReportTable *roster)
{
  GHashTable *consenting = g_hash_table_new(g_str_hash, g_str_equal);
  int id_column = report_table_column(roster, "ambassador_id");
  int consent_column = report_table_column(roster, "consent");
  if (id_column < 0 || consent_column < 0)
    return consenting;
  g_autoptr(GHashTable) refused = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < roster->rows->len; i++) {
    const char *id = report_table_text(roster, i, id_column);
    if (!report_privacy_consent_given(report_table_text(roster, i, consent_column)))
      g_hash_table_add(refused, (gpointer)id);
  }
  for (guint i = 0; i < roster->rows->len; i++) {
    const char *id = report_table_text(roster, i, id_column);
    if (id[0] != '\0' && !g_hash_table_contains(refused, id))
      g_hash_table_add(consenting, (gpointer)id);
  }
  return consenting;
}
