/* programs.ini: the programs (campaigns) of an organisation and their teams
 * (inputs.md). Loaded with GKeyFile; errors name the line of the group or key
 * at fault, found by scanning the file's text. */
#pragma once
#include <glib.h>

typedef struct {
  char *id; /* [a-z0-9][a-z0-9-]* */
  char *name;
  char *company;
  GDate start;
  GDate end;              /* not valid (g_date_valid) while running */
  char **target_audience; /* trimmed, empties dropped; may be empty */
  char **teams;           /* trimmed, empties dropped, unique; never empty */
} IngestProgram;

typedef struct IngestPrograms IngestPrograms;

/* Loads path; display_name names the file in messages ("programs.ini").
 * Any problem is PIPELINE_ERROR_INPUT: "programs.ini:12: [program x] start:
 * not a date: ...". */
IngestPrograms *ingest_programs_load(const char *path, const char *display_name, GError **error);

void ingest_programs_free(IngestPrograms *programs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IngestPrograms, ingest_programs_free)

guint ingest_programs_count(const IngestPrograms *programs);

/* The program with that id, or NULL. */
const IngestProgram *ingest_programs_lookup(const IngestPrograms *programs, const char *id);

gboolean ingest_program_has_team(const IngestProgram *program, const char *team);

/* programs.csv, sorted by program id. */
gboolean ingest_programs_write(const IngestPrograms *programs, const char *path, GError **error);
