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
  ReportRowFilter keep; /* NULL: keep every row */
  gpointer keep_data;
  const char **fields; /* the record's fields, one per column, for checking */
} LoadState;

/* The rows of a table lie in blocks, freed with it: a table of tens of
 * thousands of rows then costs a few dozen allocations and as many frees,
 * not one of each per row. Blocks start small (most stage files the report
 * reads hold a few rows) and double up to BLOCK_MAX, so what the last block
 * leaves unused stays below both BLOCK_MAX and the table's own size. */
#define BLOCK_FIRST 4096
#define BLOCK_MAX (256 * 1024)

struct ReportTableMemory {
  GPtrArray *blocks; /* g_free */
  char *next;        /* the free end of the last block */
  gsize free;        /* its bytes */
  gsize next_size;   /* of the block after it */
};

static ReportTableMemory *memory_new(void)
{
  ReportTableMemory *memory = g_new0(ReportTableMemory, 1);
  memory->blocks = g_ptr_array_new_with_free_func(g_free);
  memory->next_size = BLOCK_FIRST;
  return memory;
}

static void memory_free(ReportTableMemory *memory)
{
  g_ptr_array_unref(memory->blocks);
  g_free(memory);
}

/* bytes (a multiple of 8, for the rows' line) from the last block, or a new
 * one; a row bigger than a quarter of a block gets a block of its own, and
 * the last one stays in use. */
static gpointer memory_take(ReportTableMemory *memory, gsize bytes)
{
  if (bytes > memory->free) {
    if (bytes > memory->next_size / 4) {
      gpointer own = g_malloc(bytes);
      g_ptr_array_add(memory->blocks, own);
      return own;
    }
    memory->free = memory->next_size;
    memory->next = g_malloc(memory->free);
    g_ptr_array_add(memory->blocks, memory->next);
    memory->next_size = MIN(memory->next_size * 2, BLOCK_MAX);
  }
  gpointer taken = memory->next;
  memory->next += bytes;
  memory->free -= bytes;
  return taken;
}

ReportRow *report_table_row_new(ReportTable *table, guint64 line, const char *const *fields)
{
  guint n_fields = table->columns->len;
  /* Each field's length is taken once: most rows have a few dozen. */
  gsize stack_lengths[64];
  g_autofree gsize *heap_lengths =
      n_fields > G_N_ELEMENTS(stack_lengths) ? g_new(gsize, n_fields) : NULL;
  gsize *lengths = heap_lengths != NULL ? heap_lengths : stack_lengths;
  gsize bytes = sizeof(ReportRow) + n_fields * sizeof(guint32);
  for (guint i = 0; i < n_fields; i++) {
    lengths[i] = strlen(fields[i]) + 1;
    bytes += lengths[i];
  }
  /* The CSV reader's records stay far below 4 GB (16 MB by default). */
  g_assert(bytes <= G_MAXUINT32);
  ReportRow *row = memory_take(table->memory, (bytes + 7) & ~(gsize)7);
  row->line = line;
  guint32 offset = (guint32)(sizeof(ReportRow) + n_fields * sizeof(guint32));
  for (guint i = 0; i < n_fields; i++) {
    row->offsets[i] = offset;
    memcpy((char *)row + offset, fields[i], lengths[i]);
    offset += (guint32)lengths[i];
  }
  return row;
}

ReportTable *report_table_new(const char *path)
{
  ReportTable *table = g_new0(ReportTable, 1);
  table->path = g_strdup(path);
  table->columns = g_ptr_array_new_with_free_func(g_free);
  table->rows = g_ptr_array_new();
  table->memory = memory_new();
  return table;
}

void report_table_free(ReportTable *table)
{
  if (table == NULL)
    return;
  g_free(table->path);
  g_ptr_array_unref(table->columns);
  g_ptr_array_unref(table->rows);
  memory_free(table->memory);
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
  state->fields = g_new0(const char *, record->n_fields + 1);
  state->have_header = TRUE;
  return TRUE;
}

/* The end of the run of ASCII digits at p. */
static const char *digits_end(const char *p)
{
  while (g_ascii_isdigit(*p))
    p++;
  return p;
}

static gboolean field_is_number(const char *text)
{
  if (text[0] == '\0')
    return TRUE;
  /* Most are plain decimals ("12", "-3.5"), which strtod takes too: a
   * million-row file is checked without calling it (or strspn, whose call
   * costs more than these short fields). */
  const char *p = text + (text[0] == '-');
  const char *point = digits_end(p);
  gsize whole = (gsize)(point - p);
  const char *after = point;
  if (*point == '.') {
    const char *end = digits_end(point + 1);
    if (end > point + 1)
      after = end;
  }
  gsize fraction = after > point ? (gsize)(after - point) - 1 : 0;
  if (whole > 0 && whole + fraction <= 30 && *after == '\0')
    return TRUE;
  char *end = NULL;
  double value = g_ascii_strtod(text, &end);
  return end != text && *end == '\0' && isfinite(value);
}

static gboolean row_check_numbers(LoadState *state, guint64 line, GError **error)
{
  for (guint i = 0; i < state->numeric_indices->len; i++) {
    int index = g_array_index(state->numeric_indices, int, i);
    const char *text = state->fields[index];
    if (!field_is_number(text)) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                  "%s line %" G_GUINT64_FORMAT ": column %s holds \"%s\", expected a number "
                  "or an empty field",
                  state->table->path, line,
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
  for (guint i = 0; i < n_columns; i++)
    state->fields[i] = i < record->n_fields ? record->fields[i] : "";
  if (!row_check_numbers(state, record->line, error))
    return FALSE;
  if (state->keep != NULL &&
      !state->keep(state->table, record->line, state->fields, state->keep_data))
    return TRUE;
  g_ptr_array_add(state->table->rows,
                  report_table_row_new(state->table, record->line, state->fields));
  return TRUE;
}

static gboolean load_record(const CsvRecord *record, gpointer user_data, GError **error)
{
  LoadState *state = user_data;
  if (!state->have_header)
    return header_store(state, record, error);
  return row_store(state, record, error);
}

ReportTable *report_table_load(const char *path, const char *const *required,
                               const char *const *numeric, GError **error)
{
  return report_table_load_filtered(path, required, numeric, NULL, NULL, error);
}

ReportTable *report_table_load_filtered(const char *path, const char *const *required,
                                        const char *const *numeric, ReportRowFilter keep,
                                        gpointer user_data, GError **error)
{
  g_autoptr(ReportTable) table = report_table_new(path);
  g_autoptr(GArray) numeric_indices = g_array_new(FALSE, FALSE, sizeof(int));
  LoadState state = {table, required, numeric, numeric_indices, FALSE, keep, user_data, NULL};
  CsvReaderOptions options = {.delimiter = ','};
  g_autoptr(GError) local = NULL;
  gboolean read = csv_reader_read_file(path, &options, load_record, &state, NULL, &local);
  g_free(state.fields);
  if (!read) {
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
  /* Sheets look columns up per cell: the first letters rule most out
   * before a whole comparison. */
  char first = g_ascii_tolower(name[0]);
  for (guint i = 0; i < table->columns->len; i++) {
    const char *column = g_ptr_array_index(table->columns, i);
    if (g_ascii_tolower(column[0]) == first && g_ascii_strcasecmp(column, name) == 0)
      return (int)i;
  }
  return -1;
}

const char *report_table_text(const ReportTable *table, guint row, int column)
{
  if (column < 0 || row >= table->rows->len || (guint)column >= table->columns->len)
    return "";
  const ReportRow *r = g_ptr_array_index(table->rows, row);
  return (const char *)r + r->offsets[column];
}

/* A plain decimal ("-12.75") of at most 15 digits as strtod reads it, in
 * *value; FALSE for anything else. Sheets read tens of thousands of numbers
 * per workbook and strtod dominates that: the digits form an integer below
 * 2^53 and 10^decimals is exact too, so the one division, rounded by IEEE
 * 754, gives the correctly rounded result strtod gives. */
static gboolean plain_decimal(const char *text, double *value)
{
  static const double powers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const char *p = text + (text[0] == '-');
  guint64 digits = 0;
  guint n_digits = 0;
  int decimals = -1; /* digits after the point, -1 before it */
  for (; *p != '\0'; p++) {
    if (*p == '.' && decimals < 0 && n_digits > 0) {
      decimals = 0;
      continue;
    }
    if (!g_ascii_isdigit(*p) || ++n_digits > 15)
      return FALSE;
    digits = digits * 10 + (guint64)(*p - '0');
    decimals += decimals >= 0;
  }
  if (n_digits == 0 || decimals == 0)
    return FALSE; /* "", "-" and "5." go to strtod */
  double magnitude = (double)digits / powers[MAX(decimals, 0)];
  *value = text[0] == '-' ? -magnitude : magnitude;
  return TRUE;
}

double report_table_number(const ReportTable *table, guint row, int column)
{
  const char *text = report_table_text(table, row, column);
  if (text[0] == '\0')
    return NAN;
  double value;
  if (plain_decimal(text, &value))
    return value;
  value = g_ascii_strtod(text, NULL);
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

gboolean report_data_load(ReportData *data, const char *work_dir, GError **error)
{
  struct {
    ReportTable **table;
    FileSpec spec;
  } files[] = {
      {&data->person_month, {CONTRACT_PERSON_MONTH, person_month_columns, person_month_numbers}},
      {&data->team_month, {CONTRACT_TEAM_MONTH, team_month_columns, aggregate_numbers}},
      {&data->program_month, {CONTRACT_PROGRAM_MONTH, program_month_columns, aggregate_numbers}},
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
  return data_load_factors(data, work_dir, error);
}

void report_data_clear(ReportData *data)
{
  ReportTable **tables[] = {&data->person_month, &data->team_month, &data->program_month,
                            &data->programs,     &data->roster,     &data->factors};
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
