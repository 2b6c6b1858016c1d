/* Loads the stage CSV files into memory for the report. Columns are found by
 * name, numbers are checked once on loading, and every problem is reported
 * with the file and line so that a damaged work folder is easy to find. */
#include "report/tables.h"

#include "common/contract.h"
#include "common/csv_reader.h"
#include "common/errors.h"
#include "report/months.h"

#include <math.h>
#include <string.h>

typedef struct {
  ReportTable *table;
  const char *const *required;
  const char *const *numeric;
  GArray *numeric_indices; /* int */
  gboolean have_header;
} LoadState;

static void row_free(gpointer data)
{
  ReportRow *row = data;
  g_strfreev(row->fields);
  g_free(row);
}

void report_table_free(ReportTable *table)
{
  if (table == NULL)
    return;
  g_free(table->path);
  g_ptr_array_unref(table->columns);
  g_ptr_array_unref(table->rows);
  g_free(table);
}

static guint strv_count(const char *const *names)
{
  guint n = 0;
  while (names != NULL && names[n] != NULL)
    n++;
  return n;
}

static gboolean header_check(LoadState *state, const CsvRecord *record, GError **error)
{
  static const char *const no_aliases[] = {NULL};
  guint n = strv_count(state->required);
  g_autofree CsvColumnSpec *specs = g_new0(CsvColumnSpec, n + 1);
  g_autofree int *indices = g_new0(int, n + 1);
  for (guint i = 0; i < n; i++)
    specs[i] = (CsvColumnSpec){state->required[i], no_aliases, TRUE};
  g_autoptr(GError) local = NULL;
  if (!csv_header_map(record, specs, n, indices, &local)) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "%s line %" G_GUINT64_FORMAT ": %s",
                state->table->path, record->line, local->message);
    return FALSE;
  }
  return TRUE;
}

static gboolean header_store(LoadState *state, const CsvRecord *record, GError **error)
{
  if (!header_check(state, record, error))
    return FALSE;
  for (guint i = 0; i < record->n_fields; i++)
    g_ptr_array_add(state->table->columns, g_strdup(record->fields[i]));
  for (guint i = 0; state->numeric != NULL && state->numeric[i] != NULL; i++) {
    int index = report_table_column(state->table, state->numeric[i]);
    if (index >= 0)
      g_array_append_val(state->numeric_indices, index);
  }
  state->have_header = TRUE;
  return TRUE;
}

static gboolean field_is_number(const char *text)
{
  if (text[0] == '\0')
    return TRUE;
  char *end = NULL;
  double value = g_ascii_strtod(text, &end);
  return end != text && *end == '\0' && isfinite(value);
}

static gboolean row_check_numbers(LoadState *state, const ReportRow *row, GError **error)
{
  for (guint i = 0; i < state->numeric_indices->len; i++) {
    int index = g_array_index(state->numeric_indices, int, i);
    const char *text = row->fields[index];
    if (!field_is_number(text)) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                  "%s line %" G_GUINT64_FORMAT ": column %s holds \"%s\", expected a number "
                  "or an empty field",
                  state->table->path, row->line,
                  (const char *)g_ptr_array_index(state->table->columns, index), text);
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean row_store(LoadState *state, const CsvRecord *record, GError **error)
{
  if (record->malformed != NULL) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s line %" G_GUINT64_FORMAT ": %s, expected a well-formed CSV record",
                state->table->path, record->line, record->malformed);
    return FALSE;
  }
  guint n_columns = state->table->columns->len;
  ReportRow *row = g_new0(ReportRow, 1);
  row->line = record->line;
  row->fields = g_new0(char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    row->fields[i] = g_strdup(i < record->n_fields ? record->fields[i] : "");
  g_ptr_array_add(state->table->rows, row);
  return row_check_numbers(state, row, error);
}

static gboolean load_record(const CsvRecord *record, gpointer user_data, GError **error)
{
  LoadState *state = user_data;
  if (!state->have_header)
    return header_store(state, record, error);
  return row_store(state, record, error);
}

static ReportTable *table_new(const char *path)
{
  ReportTable *table = g_new0(ReportTable, 1);
  table->path = g_strdup(path);
  table->columns = g_ptr_array_new_with_free_func(g_free);
  table->rows = g_ptr_array_new_with_free_func(row_free);
  return table;
}

ReportTable *report_table_load(const char *path, const char *const *required,
                               const char *const *numeric, GError **error)
{
  g_autoptr(ReportTable) table = table_new(path);
  g_autoptr(GArray) numeric_indices = g_array_new(FALSE, FALSE, sizeof(int));
  LoadState state = {table, required, numeric, numeric_indices, FALSE};
  CsvReaderOptions options = {.delimiter = ','};
  g_autoptr(GError) local = NULL;
  if (!csv_reader_read_file(path, &options, load_record, &state, NULL, &local)) {
    if (local->domain == PIPELINE_ERROR) {
      g_propagate_error(error, g_steal_pointer(&local));
      return NULL;
    }
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: %s (run the earlier stages first)", path, local->message);
    return NULL;
  }
  if (!state.have_header) {
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s: empty file, expected a header row", path);
    return NULL;
  }
  return g_steal_pointer(&table);
}

int report_table_column(const ReportTable *table, const char *name)
{
  for (guint i = 0; i < table->columns->len; i++)
    if (g_ascii_strcasecmp(g_ptr_array_index(table->columns, i), name) == 0)
      return (int)i;
  return -1;
}

const char *report_table_text(const ReportTable *table, guint row, int column)
{
  if (column < 0 || row >= table->rows->len || (guint)column >= table->columns->len)
    return "";
  const ReportRow *r = g_ptr_array_index(table->rows, row);
  return r->fields[column];
}

double report_table_number(const ReportTable *table, guint row, int column)
{
  const char *text = report_table_text(table, row, column);
  if (text[0] == '\0')
    return NAN;
  double value = g_ascii_strtod(text, NULL);
  return isfinite(value) ? value : NAN;
}

/* What the report needs of each file: the columns it must find and those
 * that hold numbers. Columns the report only shows when present (encoding,
 * note, excerpt) are not required. */
typedef struct {
  const char *relative_path;
  const char *const *required;
  const char *const *numeric;
} FileSpec;

static const char *const person_month_columns[] = {CONTRACT_PERSON_MONTH_COLUMNS, NULL};
static const char *const person_month_numbers[] = {"ssi",
                                                   "brand",
                                                   "people",
                                                   "insights",
                                                   "relationships",
                                                   "ssi_reported",
                                                   "ssi_estimated",
                                                   "brand_est",
                                                   "people_est",
                                                   "insights_est",
                                                   "relationships_est",
                                                   "industry_rank",
                                                   "network_rank",
                                                   CONTRACT_ACTIVITY_COLUMNS,
                                                   NULL};
static const char *const team_month_columns[] = {CONTRACT_TEAM_MONTH_COLUMNS, NULL};
static const char *const program_month_columns[] = {CONTRACT_PROGRAM_MONTH_COLUMNS, NULL};
static const char *const aggregate_numbers[] = {"month_index", CONTRACT_AGGREGATE_COLUMNS, NULL};
static const char *const ingest_summary_columns[] = {
    "file", "kind", "rows_read", "accepted", "duplicates", "rejected", NULL};
static const char *const ingest_summary_numbers[] = {"rows_read", "accepted", "duplicates",
                                                     "rejected", NULL};
static const char *const rejects_columns[] = {"file", "line", "reason", NULL};
static const char *const rejects_numbers[] = {"line", NULL};
static const char *const warnings_columns[] = {"kind", "subject", "month", "detail", NULL};
static const char *const input_files_columns[] = {"file", "sha256", NULL};
static const char *const input_files_numbers[] = {"bytes", NULL};
static const char *const programs_columns[] = {"program", "name", NULL};
static const char *const roster_columns[] = {"ambassador_id", "program", "team",
                                             "joined",        "left",    NULL};

static const char *const factors_columns[] = {CONTRACT_FACTORS_COLUMNS, NULL};
static const char *const factors_numbers[] = {"measured", "target", "points", "max_points", NULL};

static gboolean data_load_one(ReportTable **table, const char *work_dir, const FileSpec *spec,
                              GError **error)
{
  g_autofree char *path = g_build_filename(work_dir, spec->relative_path, NULL);
  *table = report_table_load(path, spec->required, spec->numeric, error);
  return *table != NULL;
}

static gboolean data_load_factors(ReportData *data, const char *work_dir, GError **error)
{
  data->factors_path = g_build_filename(work_dir, CONTRACT_FACTORS, NULL);
  if (!g_file_test(data->factors_path, G_FILE_TEST_EXISTS))
    return TRUE;
  data->factors = report_table_load(data->factors_path, factors_columns, factors_numbers, error);
  if (data->factors != NULL)
    return TRUE;
  report_data_clear(data);
  return FALSE;
}

/* The score stage adds its own warnings (months no export covers) in
 * scores/warnings.csv, with the columns of normalized/warnings.csv; the Data
 * quality sheet lists both. Work folders scored before it existed lack it. */
static gboolean data_load_score_warnings(ReportData *data, const char *work_dir, GError **error)
{
  g_autofree char *path = g_build_filename(work_dir, CONTRACT_SCORE_WARNINGS, NULL);
  if (!g_file_test(path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_autoptr(ReportTable) more = report_table_load(path, warnings_columns, NULL, error);
  if (more == NULL)
    return FALSE;
  ReportTable *into = data->warnings;
  for (guint i = 0; i < more->rows->len; i++) {
    const ReportRow *from = g_ptr_array_index(more->rows, i);
    ReportRow *row = g_new0(ReportRow, 1);
    row->line = from->line;
    row->fields = g_new0(char *, into->columns->len + 1);
    for (guint c = 0; c < into->columns->len; c++) {
      int k = report_table_column(more, g_ptr_array_index(into->columns, c));
      row->fields[c] = g_strdup(report_table_text(more, i, k));
    }
    g_ptr_array_add(into->rows, row);
  }
  return TRUE;
}

gboolean report_data_load(ReportData *data, const char *work_dir, GError **error)
{
  struct {
    ReportTable **table;
    FileSpec spec;
  } files[] = {
      {&data->person_month, {CONTRACT_PERSON_MONTH, person_month_columns, person_month_numbers}},
      {&data->team_month, {CONTRACT_TEAM_MONTH, team_month_columns, aggregate_numbers}},
      {&data->program_month, {CONTRACT_PROGRAM_MONTH, program_month_columns, aggregate_numbers}},
      {&data->ingest_summary,
       {CONTRACT_INGEST_SUMMARY, ingest_summary_columns, ingest_summary_numbers}},
      {&data->rejects, {CONTRACT_REJECTS, rejects_columns, rejects_numbers}},
      {&data->warnings, {CONTRACT_WARNINGS, warnings_columns, NULL}},
      {&data->input_files, {CONTRACT_INPUT_FILES, input_files_columns, input_files_numbers}},
      {&data->programs, {CONTRACT_PROGRAMS, programs_columns, NULL}},
      {&data->roster, {CONTRACT_ROSTER, roster_columns, NULL}},
  };
  memset(data, 0, sizeof *data);
  for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
    if (!data_load_one(files[i].table, work_dir, &files[i].spec, error)) {
      report_data_clear(data);
      return FALSE;
    }
  }
  if (!data_load_score_warnings(data, work_dir, error)) {
    report_data_clear(data);
    return FALSE;
  }
  return data_load_factors(data, work_dir, error);
}

void report_data_clear(ReportData *data)
{
  ReportTable **tables[] = {&data->person_month,   &data->team_month, &data->program_month,
                            &data->ingest_summary, &data->rejects,    &data->warnings,
                            &data->input_files,    &data->programs,   &data->roster,
                            &data->factors};
  for (gsize i = 0; i < G_N_ELEMENTS(tables); i++)
    g_clear_pointer(tables[i], report_table_free);
  g_clear_pointer(&data->factors_path, g_free);
}

const char *report_data_program_name(const ReportData *data, const char *program)
{
  const ReportTable *programs = data->programs;
  if (programs == NULL)
    return program;
  int id_column = report_table_column(programs, "program");
  int name_column = report_table_column(programs, "name");
  for (guint i = 0; i < programs->rows->len; i++) {
    if (strcmp(report_table_text(programs, i, id_column), program) != 0)
      continue;
    const char *name = report_table_text(programs, i, name_column);
    return name[0] != '\0' ? name : program;
  }
  return program;
}

char *report_data_read_month(const char *work_dir, GError **error)
{
  static const char *const meta_columns[] = {"key", "value", NULL};
  g_autofree char *path = g_build_filename(work_dir, CONTRACT_SCORE_META, NULL);
  g_autoptr(ReportTable) meta = report_table_load(path, meta_columns, NULL, error);
  if (meta == NULL)
    return NULL;
  int key_column = report_table_column(meta, "key");
  int value_column = report_table_column(meta, "value");
  for (guint i = 0; i < meta->rows->len; i++) {
    if (strcmp(report_table_text(meta, i, key_column), "report_month") != 0)
      continue;
    const char *month = report_table_text(meta, i, value_column);
    if (report_month_parse(month, NULL, NULL))
      return g_strdup(month);
    ReportRow *row = g_ptr_array_index(meta->rows, i);
    g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                "%s line %" G_GUINT64_FORMAT ": report_month is \"%s\", expected YYYY-MM", path,
                row->line, month);
    return NULL;
  }
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
              "%s: no report_month row, expected key report_month with a YYYY-MM value", path);
  return NULL;
}
