/* The SSI and posts readers' shared test fixture (ingest_fixture.h). */
#include "ingest_fixture.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

IngestFixture *ingest_fixture_new(const char *prefix, const char *programs_ini,
                                  const char *roster_csv)
{
  IngestFixture *f = g_new0(IngestFixture, 1);
  f->dir = test_tree_new(prefix);
  g_autofree char *ini = test_tree_path(f->dir, "programs.ini");
  test_tree_write(f->dir, "programs.ini", programs_ini);
  g_autofree char *roster = test_tree_path(f->dir, "roster.csv");
  test_tree_write(f->dir, "roster.csv", roster_csv);
  f->programs = ingest_programs_load(ini, "programs.ini", NULL);
  f->ledger = ingest_ledger_new();
  IngestFileEntry *entry = ingest_ledger_add_file(f->ledger, "roster.csv", "roster");
  f->roster = ingest_roster_read(roster, entry, f->ledger, f->programs, NULL);
  assert_non_null(f->roster);
  f->snapshots = ingest_snapshots_new();
  f->warnings = ingest_warnings_new();
  f->sink = (IngestSsiSink){f->roster, f->ledger, f->snapshots, f->warnings};
  return f;
}

void ingest_fixture_free(IngestFixture *f)
{
  ingest_warnings_free(f->warnings);
  ingest_snapshots_free(f->snapshots);
  ingest_roster_free(f->roster);
  ingest_ledger_free(f->ledger);
  ingest_programs_free(f->programs);
  test_tree_remove(f->dir);
  g_free(f->dir);
  g_free(f);
}

char *ingest_fixture_rejects_text(IngestFixture *f)
{
  g_autofree char *path = g_build_filename(f->dir, "out", "rejects.csv", NULL);
  assert_true(ingest_ledger_write_rejects(f->ledger, path, NULL));
  return test_tree_read(f->dir, "out/rejects.csv");
}
