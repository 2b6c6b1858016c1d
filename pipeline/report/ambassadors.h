/* The rows of the Ambassadors sheet: one per person_month row of the report
 * month, with what the report derives per membership (role at month end,
 * change vs previous month and since joining, rank in program, estimated
 * minus reported). Unknown figures are NAN, no rank is 0. */
#pragma once
#include "report/tables.h"

#include <glib.h>

typedef struct {
  guint row;                       /* index into data->person_month */
  const char *role;                /* from roster.csv, "" when unknown; owned by data */
  double change_previous;          /* SSI minus the same membership's previous month */
  double change_joining;           /* SSI minus its first month with an SSI */
  guint rank_in_program;           /* 1 = highest SSI of the program this month */
  double estimated_minus_reported; /* ssi_estimated - ssi_reported */
} ReportAmbassador;

/* Rows of month sorted by name, program, team, ambassador_id. The result
 * points into data, which must outlive it. */
GArray *report_ambassadors_build(const ReportData *data, const char *month);

/* Membership key of a person_month row: ambassador_id, program and team. */
char *report_ambassadors_membership_key(const ReportTable *person_month, guint row);

/* The columns of the membership key, looked up once for many rows. */
typedef struct {
  int columns[3]; /* ambassador_id, program, team */
} ReportMembershipColumns;

ReportMembershipColumns report_ambassadors_membership_columns(const ReportTable *table);

/* report_ambassadors_membership_key of row written into key, which is
 * reused from row to row: a pass over every row then allocates no key.
 * Returns key->str. */
const char *report_ambassadors_membership_key_into(GString *key, const ReportTable *table,
                                                   guint row, const ReportMembershipColumns *c);

/* A locale-independent sort key for names: decomposed and case-folded, so
 * "Özil" sorts next to "Ozil". Compare keys with strcmp. */
char *report_ambassadors_sort_key(const char *text);
