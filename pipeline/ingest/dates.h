/* Day parsing for every date form the inputs use (inputs.md): ISO, German,
 * LinkedIn's export forms. Time parts are dropped, no time-zone conversion;
 * two-digit years are 20YY; years before 2003 or after 2100 are rejected. */
#pragma once
#include <glib.h>

typedef enum {
  DATE_FORM_ISO = 1 << 0,        /* 2026-02-09, 2026-02-09 01:21:47, 2025-06-01 14:03:22 UTC */
  DATE_FORM_GERMAN = 1 << 1,     /* 31.10.2026 */
  DATE_FORM_DAY_MONTH = 1 << 2,  /* 08 Feb 2026 (Connections) */
  DATE_FORM_US_SHORT = 1 << 3,   /* 1/29/26, 2:37 PM ; 08/30/22, 05:51 PM ; 1/29/2026 */
  DATE_FORM_SLASH_ISO = 1 << 4,  /* 2024/02/01 15:02:55 UTC (Endorsements) */
  DATE_FORM_MONTH_YEAR = 1 << 5, /* Jan 2024 (Positions): the first of the month */
  DATE_FORM_ANY = 0x3f,
} DateForms;

/* Parses text in one of forms (surrounding spaces ignored) into *out. On
 * failure returns FALSE and sets error with a message quoting the text. */
gboolean ingest_date_parse(const char *text, DateForms forms, GDate *out, GError **error);

/* "YYYY-MM-DD" into buf (at least 11 bytes). */
void ingest_date_format(const GDate *date, char buf[11]);
