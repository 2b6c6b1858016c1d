/* Derives the campaign comparison and the cohort table from
 * program_month.csv, team_month.csv and programs.csv: "now" is the latest
 * month up to the report month, which for a program that has ended is its
 * last month, so a finished campaign still compares with running ones. */
#include "report/programs.h"

#include "report/months.h"
#include "report/stats.h"

#include <math.h>
#include <string.h>

/* Dates are plausible from 2003 to 2100 (model.md): a larger month_index is
 * damage, not a long program. */
#define MAX_MONTH_INDEX (12 * 100)

typedef struct {
  int program, month, month_index, ssi_mean, members;
} ProgramColumns;

static ProgramColumns program_columns(const ReportTable *t)
{
  return (ProgramColumns){
      report_table_column(t, "program"),     report_table_column(t, "month"),
      report_table_column(t, "month_index"), report_table_column(t, "ssi_mean"),
      report_table_column(t, "members"),
  };
}

/* The text of column name in the programs.csv row of program, "" if none. */
static const char *program_field(const ReportData *data, const char *program, const char *name)
{
  const ReportTable *t = data->programs;
  int id = report_table_column(t, "program");
  int column = report_table_column(t, name);
  for (guint i = 0; i < t->rows->len; i++)
    if (strcmp(report_table_text(t, i, id), program) == 0)
      return report_table_text(t, i, column);
  return "";
}

/* From the start month up to the earlier of the end month and the report
 * month; the latest row's month_index + 1 when programs.csv has no start. */
static guint months_running(const ReportData *data, const ReportProgram *p, const char *month)
{
  const char *end = program_field(data, p->program, "end");
  char last[8];
  g_strlcpy(last, month, sizeof last);
  if (end[0] != '\0' && strncmp(end, month, 7) < 0)
    g_strlcpy(last, end, sizeof last);
  int months = 0;
  if (p->start[0] != '\0' && report_month_distance(p->start, last, &months))
    return months >= 0 ? (guint)months + 1 : 0;
  const ReportTable *t = data->program_month;
  double index =
      report_table_number(t, (guint)p->latest_row, report_table_column(t, "month_index"));
  return isfinite(index) && index >= 0 ? (guint)index + 1 : 0;
}

static guint count_teams(const ReportData *data, const char *program, const char *month)
{
  const ReportTable *t = data->team_month;
  int program_column = report_table_column(t, "program");
  int month_column = report_table_column(t, "month");
  guint teams = 0;
  for (guint i = 0; i < t->rows->len; i++)
    teams += strcmp(report_table_text(t, i, program_column), program) == 0 &&
             strcmp(report_table_text(t, i, month_column), month) == 0;
  return teams;
}

/* Takes row i of program_month into p: the latest month so far and the
 * first with a mean SSI (rows are in any order). */
static void program_take_row(ReportProgram *p, const ReportTable *t, const ProgramColumns *c,
                             guint i)
{
  const char *row_month = report_table_text(t, i, c->month);
  if (p->latest_row < 0 ||
      strcmp(row_month, report_table_text(t, (guint)p->latest_row, c->month)) > 0)
    p->latest_row = (int)i;
  if (!isfinite(report_table_number(t, i, c->ssi_mean)))
    return;
  if (p->first_row < 0 ||
      strcmp(row_month, report_table_text(t, (guint)p->first_row, c->month)) < 0)
    p->first_row = (int)i;
}

static void program_finish(ReportProgram *p, const ReportData *data, const char *month)
{
  const ReportTable *t = data->program_month;
  ProgramColumns c = program_columns(t);
  char start[8];
  g_strlcpy(start, program_field(data, p->program, "start"), sizeof start);
  if (report_month_parse(start, NULL, NULL))
    g_strlcpy(p->start, start, sizeof p->start);
  p->months_running = months_running(data, p, month);
  p->teams = count_teams(data, p->program, report_table_text(t, (guint)p->latest_row, c.month));
  p->change = NAN;
  if (p->first_row >= 0)
    p->change = report_stats_round2(report_table_number(t, (guint)p->latest_row, c.ssi_mean) -
                                    report_table_number(t, (guint)p->first_row, c.ssi_mean));
}

GArray *report_programs_build(const ReportData *data, const char *month)
{
  const ReportTable *t = data->program_month;
  ProgramColumns c = program_columns(t);
  GArray *programs = g_array_new(FALSE, FALSE, sizeof(ReportProgram));
  g_autoptr(GHashTable) index = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < t->rows->len; i++) {
    const char *row_month = report_table_text(t, i, c.month);
    if (row_month[0] == '\0' || strcmp(row_month, month) > 0)
      continue;
    const char *program = report_table_text(t, i, c.program);
    gpointer found = NULL;
    if (!g_hash_table_lookup_extended(index, program, NULL, &found)) {
      ReportProgram p = {.program = program, .first_row = -1, .latest_row = -1};
      g_array_append_val(programs, p);
      found = GUINT_TO_POINTER(programs->len - 1);
      g_hash_table_insert(index, (gpointer)program, found);
    }
    program_take_row(&g_array_index(programs, ReportProgram, GPOINTER_TO_UINT(found)), t, &c, i);
  }
  for (guint k = 0; k < programs->len; k++)
    program_finish(&g_array_index(programs, ReportProgram, k), data, month);
  return programs;
}

/* Largest month_index + 1 of the programs' rows up to month. */
static guint cohort_length(const ReportTable *t, const ProgramColumns *c, const char *month,
                           GHashTable *positions)
{
  guint length = 0;
  for (guint i = 0; i < t->rows->len; i++) {
    double index = report_table_number(t, i, c->month_index);
    if (!g_hash_table_contains(positions, report_table_text(t, i, c->program)) ||
        strcmp(report_table_text(t, i, c->month), month) > 0 ||
        !(index >= 0 && index < MAX_MONTH_INDEX))
      continue;
    length = MAX(length, (guint)index + 1);
  }
  return length;
}

void report_programs_cohort(const ReportData *data, const char *month, const GArray *programs,
                            ReportCohort *cohort)
{
  const ReportTable *t = data->program_month;
  ProgramColumns c = program_columns(t);
  g_autoptr(GHashTable) positions = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint p = 0; p < programs->len; p++)
    g_hash_table_insert(positions, (gpointer)g_array_index(programs, ReportProgram, p).program,
                        GUINT_TO_POINTER(p));
  cohort->n_programs = programs->len;
  cohort->n_months = cohort_length(t, &c, month, positions);
  gsize cells = (gsize)cohort->n_programs * cohort->n_months;
  cohort->means = g_new(double, MAX(cells, 1));
  cohort->members = g_new(double, MAX(cells, 1));
  for (gsize k = 0; k < cells; k++)
    cohort->means[k] = cohort->members[k] = NAN;
  for (guint i = 0; i < t->rows->len; i++) {
    gpointer p = NULL;
    double index = report_table_number(t, i, c.month_index);
    if (!g_hash_table_lookup_extended(positions, report_table_text(t, i, c.program), NULL, &p) ||
        strcmp(report_table_text(t, i, c.month), month) > 0 ||
        !(index >= 0 && index < MAX_MONTH_INDEX))
      continue;
    gsize cell = (gsize)GPOINTER_TO_UINT(p) * cohort->n_months + (guint)index;
    cohort->means[cell] = report_table_number(t, i, c.ssi_mean);
    cohort->members[cell] = report_table_number(t, i, c.members);
  }
}

void report_cohort_clear(ReportCohort *cohort)
{
  g_clear_pointer(&cohort->means, g_free);
  g_clear_pointer(&cohort->members, g_free);
  cohort->n_programs = cohort->n_months = 0;
}

double report_cohort_mean(const ReportCohort *cohort, guint p, guint m)
{
  if (p >= cohort->n_programs || m >= cohort->n_months)
    return NAN;
  return cohort->means[(gsize)p * cohort->n_months + m];
}

double report_cohort_members(const ReportCohort *cohort, guint p, guint m)
{
  if (p >= cohort->n_programs || m >= cohort->n_months)
    return NAN;
  return cohort->members[(gsize)p * cohort->n_months + m];
}
