/* The yardstick the CSV reader's tests compare it with: what libcsv itself
 * reads from an input, record by record, in strict mode. */
#pragma once
#include <glib.h>

/* libcsv's records of input with the given delimiter, each a GPtrArray of
 * its fields (strings), or NULL when libcsv finds the input malformed. */
GPtrArray *test_libcsv_records(const GString *input, char delimiter);

/* A record's fields joined by '|', for comparing and printing. */
char *test_libcsv_join(const GPtrArray *fields);
