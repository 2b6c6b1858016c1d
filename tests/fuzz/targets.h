/* The bodies of the fuzz targets, shared by the libFuzzer programs
 * (fuzz_<name>.c) and by the replay of kept crash inputs
 * (tests/test_ingest_fuzz_regressions.c), so a kept input runs exactly the
 * code that once failed. A broken promise of a parser aborts the process. */
#pragma once
#include <glib.h>

/* What the targets read besides their input: a private temporary folder for
 * the input file and outputs, and the samples' programs.ini and roster.csv
 * and the shipped config/sources.ini. */
typedef struct FuzzFixture FuzzFixture;

/* source_dir is the project's top folder (samples/, config/). NULL with
 * error when a fixture cannot be loaded. */
FuzzFixture *fuzz_fixture_new(const char *source_dir, GError **error);

/* Removes the temporary folder too. */
void fuzz_fixture_free(FuzzFixture *fixture);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FuzzFixture, fuzz_fixture_free)

typedef void (*FuzzTargetFunc)(FuzzFixture *fixture, const guint8 *data, gsize size);

typedef struct {
  const char *name; /* "csv_reader", "roster", ...: tests/fuzz/regressions/<name>/ */
  FuzzTargetFunc run;
} FuzzTarget;

/* Every target, in a fixed order. */
guint fuzz_targets_count(void);
const FuzzTarget *fuzz_target_get(guint index);

/* The raw CSV reader; the first byte picks delimiter, \" quoting, record
 * limit and early stop. Bytes, stream and file must give the same records. */
void fuzz_csv_reader(FuzzFixture *fixture, const guint8 *data, gsize size);
/* roster.csv against the samples' programs.ini. */
void fuzz_roster(FuzzFixture *fixture, const guint8 *data, gsize size);
/* A collected SSI .csv file. */
void fuzz_ssi_csv(FuzzFixture *fixture, const guint8 *data, gsize size);
/* An SSI page capture (.json) of a roster ambassador. */
void fuzz_ssi_json(FuzzFixture *fixture, const guint8 *data, gsize size);
/* A post export, read twice, with config/sources.ini. */
void fuzz_posts(FuzzFixture *fixture, const guint8 *data, gsize size);
/* A LinkedIn export file; the first byte picks the kind (Connections ...
 * Skills) and whether the li_*.csv writers run. */
void fuzz_linkedin(FuzzFixture *fixture, const guint8 *data, gsize size);
/* programs.ini. */
void fuzz_programs(FuzzFixture *fixture, const guint8 *data, gsize size);
/* A zip archive read as a LinkedIn export. */
void fuzz_zip(FuzzFixture *fixture, const guint8 *data, gsize size);
/* Dates, numbers, ranks, counts, file kinds and zip entry names; the first
 * byte picks the date forms and the decimal mark. */
void fuzz_dates(FuzzFixture *fixture, const guint8 *data, gsize size);
