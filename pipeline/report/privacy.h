/* Who may be named in the management summary: inputs.md names a person
 * only when every accepted roster row of theirs gives consent. */
#pragma once
#include "report/tables.h"

#include <glib.h>

/* TRUE for a consent field that agrees: "yes", "ja", "true" or "1", in any
 * case and with spaces around; anything else, empty included, is no. */
gboolean report_privacy_consent_given(const char *text);

/* The ambassador_ids of roster.csv whose every row gives consent, as a set
 * of strings owned by the table. Without a consent column nobody may be
 * named. */
GHashTable *report_privacy_consenting_ids(const ReportTable *roster);
