/* Number parsing for collected values: decimal comma or point by the file's
 * delimiter (inputs.md, "Decimal mark"), thousands groups, "Top N%" ranks.
 * NaN, infinity and trailing junk are refused. */
#pragma once
#include <glib.h>

/* decimal_mark is ',' (';'- or tab-delimited files) or '.' (','-delimited).
 * Accepts an optional sign, digits with the other mark grouping thousands,
 * and the decimal mark. Empty text is not a number: check for it first. */
gboolean ingest_number_parse(const char *text, char decimal_mark, double *out, GError **error);

/* A rank "Top N%": N as "5", "5%", "Top 5%" (also "Top 5 %"); N in 0..100. */
gboolean ingest_rank_parse(const char *text, char decimal_mark, double *out, GError **error);

/* Non-negative whole count (post metrics); "1.234" in a ';' file is 1234. */
gboolean ingest_count_parse(const char *text, char decimal_mark, gint64 *out, GError **error);
