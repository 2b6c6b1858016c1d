/* ssi-samples: writes the samples input tree (programs.ini, roster.csv, ssi/, linkedin/, posts/)
 * of three example corporate-influencer programs, or a larger tree of the same shape for
 * benchmarks. Deterministic: the same options give byte-identical files on every run. */

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The samples end in the report month 2026-10: no reading is dated later. */
#define LAST_YEAR 2026
#define LAST_MONTH 10
#define N_PILLARS 4
#define MAX_MEMBERSHIPS 3

enum { SAMPLES_ERROR_USAGE = 1, SAMPLES_ERROR_OUTPUT = 3 };
G_DEFINE_QUARK(ssi_samples_error, samples_error)
#define SAMPLES_ERROR (samples_error_quark())

/* ---------------------------------------------------------------------------------------------
 * Random numbers: splitmix64. Every person, file and capture draws from a stream of its own,
 * so a new kind of output added later leaves the values already generated unchanged. */

typedef struct {
  guint64 state;
} Rng;

static guint64 rng_next(Rng *rng)
{
  guint64 z = (rng->state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static guint64 hash_text(guint64 h, const char *text)
{
  for (const char *c = text; *c; c++)
    h = (h ^ (guchar)*c) * 0x100000001B3ULL;
  return (h ^ 0xFF) * 0x100000001B3ULL;
}

static Rng rng_for(guint64 seed, const char *label, const char *detail)
{
  Rng rng = {seed ^ hash_text(hash_text(0xCBF29CE484222325ULL, label), detail)};
  rng_next(&rng);
  return rng;
}

static double rng_uniform(Rng *rng)
{
  return (double)(rng_next(rng) >> 11) * (1.0 / 9007199254740992.0);
}

static int rng_range(Rng *rng, int lo, int hi)
{
  return lo + (int)(rng_next(rng) % (guint64)(hi - lo + 1));
}

static gboolean rng_chance(Rng *rng, double p)
{
  return rng_uniform(rng) < p;
}

/* Roughly standard normal (Irwin-Hall): no libm, so every platform draws the same values. */
static double rng_noise(Rng *rng)
{
  double sum = 0;
  for (int i = 0; i < 12; i++)
    sum += rng_uniform(rng);
  return sum - 6.0;
}

/* ---------------------------------------------------------------------------------------------
 * Days are Julian day numbers (GDate's), months are year * 12 + month - 1. */

static guint32 day_from_ymd(int y, int m, int d)
{
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
  return g_date_get_julian(&date);
}

static guint32 day_from_iso(const char *iso)
{
  int y = 0, m = 0, d = 0;
  sscanf(iso, "%d-%d-%d", &y, &m, &d);
  return day_from_ymd(y, m, d);
}

static void day_to_ymd(guint32 day, int *y, int *m, int *d)
{
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_julian(&date, day);
  *y = g_date_get_year(&date);
  *m = g_date_get_month(&date);
  *d = g_date_get_day(&date);
}

static int ym_of_day(guint32 day)
{
  int y, m, d;
  day_to_ymd(day, &y, &m, &d);
  return y * 12 + m - 1;
}

static guint32 ym_first_day(int ym)
{
  return day_from_ymd(ym / 12, ym % 12 + 1, 1);
}

static guint32 ym_last_day(int ym)
{
  return ym_first_day(ym + 1) - 1;
}

static void append_day(GString *out, guint32 day, gboolean german)
{
  int y, m, d;
  day_to_ymd(day, &y, &m, &d);
  if (german)
    g_string_append_printf(out, "%02d.%02d.%04d", d, m, y);
  else
    g_string_append_printf(out, "%04d-%02d-%02d", y, m, d);
}

/* ---------------------------------------------------------------------------------------------
 * The three programs. */

typedef enum { FORM_EN, FORM_DE, FORM_JSON } Form;

/* A stream is a series of monthly files kept by one person: per team or per program. */
typedef struct {
  const char *stem; /* file name: <YYYY-MM>_<stem>.csv */
  Form form;
  const char *switch_month; /* from this YYYY-MM on, form_after; NULL: never */
  Form form_after;
} StreamSpec;

enum { ST_FEN_DE, ST_FEN_AT, ST_FEN_CH, ST_FEN_IT, ST_FEN_FR, ST_WAE_GF, ST_WAE_BE, ST_AUT };

static const StreamSpec STREAMS[] = {
    [ST_FEN_DE] = {"fenster-de", FORM_DE, NULL, FORM_DE},
    [ST_FEN_AT] = {"fenster-at", FORM_DE, NULL, FORM_DE},
    [ST_FEN_CH] = {"fenster-ch", FORM_DE, "2024-07", FORM_EN},
    [ST_FEN_IT] = {"fenster-it", FORM_EN, NULL, FORM_EN},
    [ST_FEN_FR] = {"fenster-fr", FORM_EN, NULL, FORM_EN},
    [ST_WAE_GF] = {"waerme-gf", FORM_JSON, NULL, FORM_JSON},
    [ST_WAE_BE] = {"waerme-bereich", FORM_DE, NULL, FORM_DE},
    [ST_AUT] = {"autohaus", FORM_EN, "2025-07", FORM_DE},
};
#define N_STREAMS G_N_ELEMENTS(STREAMS)

typedef struct {
  const char *const *female;
  const char *const *male;
  const char *const *last;
} NamePool;

static const char *const DE_F[] = {"Anna",   "Katharina", "Sabine", "Julia",    "Claudia",
                                   "Andrea", "Birgit",    "Jana",   "Stefanie", "Petra",
                                   "Nadine", "Miriam",    "Sophie", "Jutta",    NULL};
static const char *const DE_M[] = {"Lukas",  "Jürgen", "Jörg",   "Sören",  "Björn",  "Stefan",
                                   "Thomas", "Tobias", "Uwe",    "Günter", "Markus", "Frank",
                                   "Oliver", "Dirk",   "Holger", "Ralf",   NULL};
static const char *const DE_L[] = {
    "Müller",   "Schmidt",    "Schäfer", "Köhler",   "Weiß",    "Becker",  "Krüger", "Wagner",
    "Böhm",     "Fischer",    "Lehmann", "Schröder", "Jäger",   "Vogt",    "Brandt", "Möller",
    "Hartmann", "Zimmermann", "Krämer",  "Lorenz",   "Schulze", "Neumann", "Kühn",   "Förster",
    "Seidel",   "Hübner",     "Ziegler", "Engel",    NULL};
static const char *const AT_F[] = {"Magdalena", "Theresa", "Valentina", "Elisabeth",
                                   "Verena",    "Johanna", "Katrin",    NULL};
static const char *const AT_M[] = {"Florian", "Lorenz",  "Bernhard", "Dominik",
                                   "Gerhard", "Clemens", "Wolfgang", NULL};
static const char *const AT_L[] = {"Gruber", "Huber",   "Pichler",  "Moser",  "Steiner",
                                   "Hofer",  "Leitner", "Egger",    "Wimmer", "Pölzl",
                                   "Strobl", "Höller",  "Fröhlich", NULL};
static const char *const CH_F[] = {"Nicole",    "Corinne", "Daniela", "Regula",
                                   "Stéphanie", "Sandra",  NULL};
static const char *const CH_M[] = {"Reto", "Urs", "Beat", "Marco", "Jürg", "Thierry", NULL};
static const char *const CH_L[] = {"Meier",  "Brunner", "Keller",  "Frei",   "Baumann", "Gerber",
                                   "Widmer", "Zürcher", "Schürch", "Bühler", "Favre",   NULL};
static const char *const IT_F[] = {"Giulia", "Francesca", "Chiara", "Federica",
                                   "Elena",  "Martina",   "Silvia", NULL};
static const char *const IT_M[] = {"Matteo", "Alessandro", "Lorenzo",  "Niccolò",
                                   "Davide", "Andrea",     "Gianluca", NULL};
static const char *const IT_L[] = {"Rossi",   "Bianchi",  "Colombo", "Ferrari", "Esposito",
                                   "Ricci",   "Marino",   "Galli",   "Conti",   "De Luca",
                                   "Fontana", "Barbieri", NULL};
static const char *const FR_F[] = {"Camille", "Élodie", "Céline", "Hélène",
                                   "Margaux", "Léa",    "Chloé",  NULL};
static const char *const FR_M[] = {"Julien", "Mathieu", "Antoine",  "Sébastien",
                                   "Théo",   "Nicolas", "François", NULL};
static const char *const FR_L[] = {"Martin",   "Dubois",   "Lefèvre",  "Moreau",    "Girard",
                                   "Lambert",  "Rousseau", "Fontaine", "Chevalier", "Mercier",
                                   "Bérenger", "Faure",    NULL};

static const NamePool NAMES_DE = {DE_F, DE_M, DE_L};
static const NamePool NAMES_AT = {AT_F, AT_M, AT_L};
static const NamePool NAMES_CH = {CH_F, CH_M, CH_L};
static const NamePool NAMES_IT = {IT_F, IT_M, IT_L};
static const NamePool NAMES_FR = {FR_F, FR_M, FR_L};

/* A role "male|female" has a form for each; one without '|' is the same for all. */
static const char *const ROLES_FENSTER[] = {
    "Technical Consultant", "Key Account Manager",  "Area Sales Manager", "Product Manager",
    "Sales Engineer",       "Architect Consultant", "Project Manager",    NULL};
static const char *const ROLES_GF[] = {"Geschäftsführer|Geschäftsführerin",
                                       "Kaufmännischer Geschäftsführer|Kaufmännische "
                                       "Geschäftsführerin",
                                       NULL};
static const char *const ROLES_BEREICH[] = {"Bereichsleiter Vertrieb|Bereichsleiterin Vertrieb",
                                            "Bereichsleiter Service|Bereichsleiterin Service",
                                            "Bereichsleiter Technik|Bereichsleiterin Technik",
                                            "Leiter Großkunden|Leiterin Großkunden", NULL};
static const char *const ROLES_AUTO[] = {
    "Key Account Manager Fleet", "Senior Key Account Manager", "Key Account Manager Leasing",
    "Fleet Sales Manager",       "Key Account Manager",        NULL};

typedef struct {
  const char *id;
  const char *id_part; /* ambassador ids: <prefix>-<id_part>-NN */
  const char *country;
  int count; /* ambassadors at --scale 1 */
  int stream;
  const NamePool *names;
  const char *const *roles;
} TeamSpec;

typedef struct {
  const char *id, *name, *company, *start, *target_audience, *industry, *domain, *prefix;
  int n_teams;
  TeamSpec teams[5];
} ProgramSpec;

enum { PR_FENSTER, PR_WAERME, PR_AUTO, N_PROGRAMS };

static const ProgramSpec PROGRAMS[N_PROGRAMS] = {
    [PR_FENSTER] = {"fenster-2022",
                    "Fenster international 2022",
                    "Example Fenster AG",
                    "2022-03-01",
                    "Architekt;architect;architetto;architecte;Planer;planner;progettista",
                    "Building Materials",
                    "example-fenster.com",
                    "fen",
                    5,
                    {{"DE", "de", "DE", 6, ST_FEN_DE, &NAMES_DE, ROLES_FENSTER},
                     {"AT", "at", "AT", 4, ST_FEN_AT, &NAMES_AT, ROLES_FENSTER},
                     {"CH", "ch", "CH", 4, ST_FEN_CH, &NAMES_CH, ROLES_FENSTER},
                     {"IT", "it", "IT", 4, ST_FEN_IT, &NAMES_IT, ROLES_FENSTER},
                     {"FR", "fr", "FR", 3, ST_FEN_FR, &NAMES_FR, ROLES_FENSTER}}},
    [PR_WAERME] = {"waerme-2022",
                   "Wärme direkt 2022",
                   "Example Wärmetechnik GmbH",
                   "2022-09-01",
                   "Installateur;Energieberater;Heizungsbauer;installer",
                   "HVAC and Refrigeration Equipment Manufacturing",
                   "example-waerme.com",
                   "wae",
                   2,
                   {{"GF", "gf", "DE", 2, ST_WAE_GF, &NAMES_DE, ROLES_GF},
                    {"BEREICH", "be", "DE", 4, ST_WAE_BE, &NAMES_DE, ROLES_BEREICH}}},
    /* SUED has one more member: the fenster key account manager who joins it (see events). */
    [PR_AUTO] = {"autohaus-2023",
                 "Key Accounts 2023",
                 "Example Auto Import AG",
                 "2023-02-01",
                 "Fuhrpark;fleet;Flottenmanager;Einkauf",
                 "Motor Vehicle Manufacturing",
                 "example-autoimport.com",
                 "aut",
                 3,
                 {{"NORD", "nord", "DE", 5, ST_AUT, &NAMES_DE, ROLES_AUTO},
                  {"MITTE", "mitte", "DE", 5, ST_AUT, &NAMES_DE, ROLES_AUTO},
                  {"SUED", "sued", "DE", 4, ST_AUT, &NAMES_DE, ROLES_AUTO}}},
};

/* ---------------------------------------------------------------------------------------------
 * The generated data. */

typedef struct {
  char *out;
  gint64 seed;
  int scale;
  int ambassadors; /* > 0: benchmark tree */
  int months;
  gboolean no_exports;
} Options;

typedef struct {
  guint person;
  int program, team;
  guint32 joined, left; /* left 0: still a member */
  gboolean german_dates;
  char *role;
} Membership;

typedef struct {
  guint32 day;
  gint16 pillar[N_PILLARS]; /* hundredths: brand, people, insights, relationships */
  guint8 industry_rank, network_rank;
  guint8 stream;
  guint8 shown; /* what a spreadsheet row holds: SHOWN_* */
} Reading;

/* Most rows hold everything; some leave out the total, some note only the total. */
enum { SHOWN_ALL, SHOWN_PILLARS, SHOWN_TOTAL };

typedef enum { ARCH_CLIMBER, ARCH_STALLER, ARCH_DIPPER } Archetype;

/* How often an ambassador downloads a LinkedIn data export. */
typedef enum {
  HABIT_RECENT,   /* every 1-3 months over the last 6-12 months */
  HABIT_LONG,     /* every 2-4 months since joining */
  HABIT_STALE,    /* as RECENT, but stopped in habit_until */
  HABIT_OPEN_END, /* as RECENT, the last one early in the report month (not covering it) */
  HABIT_NONE,     /* never */
  HABIT_MONTHLY,  /* benchmark trees: every month */
} ExportHabit;

/* The pillar values of a person's SSI trajectory in one month: LinkedIn activity follows them. */
typedef struct {
  float pillar[N_PILLARS];
} Level;

typedef struct {
  char *id, *name, *email, *consent;
  gboolean female;
  Archetype archetype;
  guint membership[MAX_MEMBERSHIPS];
  int n_memberships;
  GArray *readings;  /* Reading, by day */
  int first_month;   /* month of levels[0] */
  GArray *levels;    /* Level, one a month from first_month */
  int collect_until; /* last month with collected SSI */
  ExportHabit habit;
  int habit_until;      /* HABIT_STALE: month of the last export */
  gboolean habit_early; /* HABIT_STALE: the last export early in its month */
  gboolean networker;   /* a network of a couple of thousand */
} Person;

typedef enum { DEFECT_NONE, DEFECT_PILLAR, DEFECT_ID, DEFECT_DATE, DEFECT_CORRECTION } Defect;

typedef struct {
  guint person, reading;
  Defect defect;
} Row;

typedef struct {
  char *name; /* inside ssi/ */
  int stream, month;
  Form form;
  gboolean bom, cp1252, aliases, final_newline;
  GArray *rows; /* Row */
} CsvFile;

typedef struct {
  guint csv_files, csv_rows, json_files, bom_files, cp1252_files, alias_files, open_files;
  guint no_total_rows, total_only_rows;
  guint exports, export_folders, export_complete, export_old, export_files, export_resaved;
  guint64 export_bytes;
  guint with_exports, newest_min, newest_max; /* connections in each one's newest export */
  guint post_files, post_rows, post_distinct, post_repeated, post_unknown;
} Counts;

typedef struct {
  const Options *opt;
  char program_start[N_PROGRAMS][11];
  GPtrArray *persons;      /* Person */
  GArray *memberships;     /* Membership, in roster order */
  GPtrArray *files;        /* CsvFile, in writing order */
  GPtrArray *planted;      /* descriptions of the rows made to be rejected */
  GArray *posts;           /* ToolPost, drawn with the LinkedIn histories */
  GPtrArray *export_notes; /* ambassadors without exports covering the report month */
  GHashTable *used_names;  /* while planning only */
  GHashTable *used_emails;
  Counts counts;
} Sample;

static void person_free(gpointer data)
{
  Person *p = data;
  g_free(p->id);
  g_free(p->name);
  g_free(p->email);
  g_free(p->consent);
  g_array_unref(p->readings);
  g_array_unref(p->levels);
  g_free(p);
}

static void csv_file_free(gpointer data)
{
  CsvFile *f = data;
  g_free(f->name);
  g_array_unref(f->rows);
  g_free(f);
}

static void membership_clear(gpointer data)
{
  g_free(((Membership *)data)->role);
}

static Sample *sample_new(const Options *opt)
{
  Sample *s = g_new0(Sample, 1);
  s->opt = opt;
  s->persons = g_ptr_array_new_with_free_func(person_free);
  s->memberships = g_array_new(FALSE, TRUE, sizeof(Membership));
  g_array_set_clear_func(s->memberships, membership_clear);
  s->files = g_ptr_array_new_with_free_func(csv_file_free);
  s->planted = g_ptr_array_new_with_free_func(g_free);
  s->export_notes = g_ptr_array_new_with_free_func(g_free);
  s->used_names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  s->used_emails = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (int i = 0; i < N_PROGRAMS; i++)
    g_strlcpy(s->program_start[i], PROGRAMS[i].start, sizeof s->program_start[i]);
  return s;
}

static void sample_free(Sample *s)
{
  g_ptr_array_unref(s->persons);
  g_array_unref(s->memberships);
  g_ptr_array_unref(s->files);
  g_ptr_array_unref(s->planted);
  g_ptr_array_unref(s->export_notes);
  if (s->posts)
    g_array_unref(s->posts);
  g_hash_table_unref(s->used_names);
  g_hash_table_unref(s->used_emails);
  g_free(s);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Sample, sample_free)

static Person *sample_person(const Sample *s, guint i)
{
  return g_ptr_array_index(s->persons, i);
}

static Membership *sample_membership(const Sample *s, guint i)
{
  return &g_array_index(s->memberships, Membership, i);
}

/* ---------------------------------------------------------------------------------------------
 * People: names, e-mail addresses, consent. */

static int strv_count(const char *const *v)
{
  int n = 0;
  while (v[n])
    n++;
  return n;
}

static const char *strv_pick(const char *const *v, Rng *rng)
{
  return v[rng_range(rng, 0, strv_count(v) - 1)];
}

/* E-mail local parts are ASCII: umlauts the German way, accents dropped, no spaces. */
static const char *ascii_of(gunichar u)
{
  static const struct {
    gunichar from, to;
    const char *ascii;
  } FOLD[] = {{0xDF, 0xDF, "ss"}, {0xE0, 0xE2, "a"}, {0xE4, 0xE4, "ae"}, {0xE7, 0xE7, "c"},
              {0xE8, 0xEB, "e"},  {0xEC, 0xEF, "i"}, {0xF2, 0xF4, "o"},  {0xF6, 0xF6, "oe"},
              {0xF9, 0xFB, "u"},  {0xFC, 0xFC, "ue"}};
  for (gsize i = 0; i < G_N_ELEMENTS(FOLD); i++)
    if (u >= FOLD[i].from && u <= FOLD[i].to)
      return FOLD[i].ascii;
  return NULL;
}

static void append_ascii(GString *out, const char *text)
{
  g_autofree char *lower = g_utf8_strdown(text, -1);
  for (const char *c = lower; *c; c = g_utf8_next_char(c)) {
    gunichar u = g_utf8_get_char(c);
    const char *ascii = ascii_of(u);
    if (ascii)
      g_string_append(out, ascii);
    else if (u < 0x80 && g_ascii_isalnum((char)u))
      g_string_append_c(out, (char)u);
  }
}

static char *email_make(Sample *s, const char *first, const char *last, const char *domain)
{
  g_autoptr(GString) local = g_string_new(NULL);
  append_ascii(local, first);
  g_string_append_c(local, '.');
  append_ascii(local, last);
  /* Namesakes get a number, as mail servers do it. */
  for (int n = 1;; n++) {
    char *email = n == 1 ? g_strdup_printf("%s@%s", local->str, domain)
                         : g_strdup_printf("%s%d@%s", local->str, n, domain);
    if (!g_hash_table_contains(s->used_emails, email)) {
      g_hash_table_add(s->used_emails, g_strdup(email));
      return email;
    }
    g_free(email);
  }
}

/* Unique names, with first names and surnames not repeated while the pool lasts; large
 * benchmark trees have namesakes, as real ones do. */
static gboolean name_part_used(Sample *s, const NamePool *pool, const char *part)
{
  g_autofree char *key = g_strdup_printf("%s/%s", pool->last[0], part);
  return g_hash_table_contains(s->used_names, key);
}

static void name_part_use(Sample *s, const NamePool *pool, const char *part)
{
  g_hash_table_add(s->used_names, g_strdup_printf("%s/%s", pool->last[0], part));
}

static char *name_make(Sample *s, Rng *rng, const NamePool *pool, gboolean female,
                       const char **first, const char **last)
{
  char *name = NULL;
  for (int attempt = 0; attempt < 60; attempt++) {
    g_free(name);
    *first = strv_pick(female ? pool->female : pool->male, rng);
    *last = strv_pick(pool->last, rng);
    name = g_strdup_printf("%s %s", *first, *last);
    if (g_hash_table_contains(s->used_names, name))
      continue;
    if ((attempt < 20 && name_part_used(s, pool, *first)) ||
        (attempt < 40 && name_part_used(s, pool, *last)))
      continue;
    break;
  }
  g_hash_table_add(s->used_names, g_strdup(name));
  name_part_use(s, pool, *first);
  name_part_use(s, pool, *last);
  return name;
}

/* About 70 % consent, written in every form people type it. */
static char *consent_make(Rng *rng)
{
  static const char *const yes[] = {"yes", "ja", "true", "1", "Yes", "JA", NULL};
  static const char *const no[] = {"no", "", "nein", "", "false", NULL};
  return g_strdup(strv_pick(rng_chance(rng, 0.7) ? yes : no, rng));
}

static char *role_make(const char *role, gboolean female)
{
  const char *bar = strchr(role, '|');
  if (!bar)
    return g_strdup(role);
  return female ? g_strdup(bar + 1) : g_strndup(role, (gsize)(bar - role));
}

/* ---------------------------------------------------------------------------------------------
 * Planning the roster. */

static guint membership_add(Sample *s, guint person, int program, int team, guint32 joined,
                            const char *role, Rng *rng)
{
  Membership m = {person, program, team, joined, 0, rng_chance(rng, 0.2), g_strdup(role)};
  Person *p = sample_person(s, person);
  g_array_append_val(s->memberships, m);
  g_assert(p->n_memberships < MAX_MEMBERSHIPS);
  p->membership[p->n_memberships++] = s->memberships->len - 1;
  return s->memberships->len - 1;
}

/* Most join on the program's first day; some a few weeks later, a few in the pilot before. */
static guint32 joined_make(const Sample *s, int program, Rng *rng)
{
  guint32 start = day_from_iso(s->program_start[program]);
  if (s->opt->ambassadors > 0)
    return start;
  double u = rng_uniform(rng);
  if (u < 0.65)
    return start;
  if (u < 0.92)
    return start + (guint32)rng_range(rng, 7, 45);
  return start - (guint32)rng_range(rng, 5, 20);
}

static Archetype archetype_make(int stream, Rng *rng)
{
  double u = rng_uniform(rng);
  if (stream == ST_WAE_GF || u < 0.6)
    return ARCH_CLIMBER;
  return u < 0.85 ? ARCH_STALLER : ARCH_DIPPER;
}

static guint person_add(Sample *s, int program, int team, int number, int width)
{
  const ProgramSpec *ps = &PROGRAMS[program];
  const TeamSpec *ts = &ps->teams[team];
  Person *p = g_new0(Person, 1);
  p->id = g_strdup_printf("%s-%s-%0*d", ps->prefix, ts->id_part, width, number);
  Rng rng = rng_for((guint64)s->opt->seed, "person", p->id);
  const char *first, *last;
  p->female = rng_chance(&rng, 0.4);
  p->name = name_make(s, &rng, ts->names, p->female, &first, &last);
  p->email = email_make(s, first, last, ps->domain);
  p->consent = consent_make(&rng);
  p->archetype = archetype_make(ts->stream, &rng);
  p->readings = g_array_new(FALSE, FALSE, sizeof(Reading));
  p->levels = g_array_new(FALSE, FALSE, sizeof(Level));
  g_ptr_array_add(s->persons, p);
  int n_roles = strv_count(ts->roles);
  g_autofree char *role = role_make(ts->roles[(number - 1) % n_roles], p->female);
  membership_add(s, s->persons->len - 1, program, team, joined_make(s, program, &rng), role, &rng);
  return s->persons->len - 1;
}

static void team_populate(Sample *s, int program, int team, int count)
{
  int width = count > 99 ? (count > 999 ? 5 : 3) : 2;
  for (int i = 1; i <= count; i++)
    person_add(s, program, team, i, width);
}

/* The number-th member of a team as planned (ids grow a digit at large --scale). */
static Membership *membership_find(Sample *s, int program, int team, int number, int *person)
{
  for (guint i = 0; i < s->persons->len; i++) {
    Membership *m = sample_membership(s, sample_person(s, i)->membership[0]);
    if (m->program == program && m->team == team && --number == 0) {
      *person = (int)i;
      return m;
    }
  }
  g_assert_not_reached();
}

/* The life of a real program: two people leave, one changes team, one joins a second
 * program. The new rows are appended to the roster, as a program manager would. */
static void roster_apply_events(Sample *s)
{
  enum { DE = 0, IT = 3, NORD = 0, MITTE = 1, SUED = 2 };
  int person;
  Rng rng = rng_for((guint64)s->opt->seed, "events", "");
  Membership *leaver = membership_find(s, PR_FENSTER, IT, 3, &person);
  leaver->left = day_from_iso("2024-06-14");
  leaver->german_dates = TRUE;
  membership_find(s, PR_AUTO, SUED, 4, &person)->left = day_from_iso("2025-03-20");

  Membership *dual = membership_find(s, PR_FENSTER, DE, 2, &person);
  g_free(dual->role);
  dual->role = g_strdup("Key Account Manager");
  membership_add(s, (guint)person, PR_AUTO, SUED, day_from_iso("2024-01-08"),
                 "Key Account Manager Fleet", &rng);

  Membership *mover = membership_find(s, PR_AUTO, NORD, 2, &person);
  mover->left = day_from_iso("2024-07-15");
  g_autofree char *role = g_strdup(mover->role);
  guint moved =
      membership_add(s, (guint)person, PR_AUTO, MITTE, day_from_iso("2024-07-16"), role, &rng);
  sample_membership(s, moved)->german_dates = FALSE;
}

static void plan_samples(Sample *s)
{
  for (int p = 0; p < N_PROGRAMS; p++)
    for (int t = 0; t < PROGRAMS[p].n_teams; t++)
      team_populate(s, p, t, PROGRAMS[p].teams[t].count * s->opt->scale);
  roster_apply_events(s);
}

/* Benchmark trees: N ambassadors dealt over the teams in the samples' proportions, all with
 * the last M months. */
static void plan_benchmark_teams(Sample *s)
{
  int total = 0, done = 0, dealt = 0;
  for (int p = 0; p < N_PROGRAMS; p++)
    for (int t = 0; t < PROGRAMS[p].n_teams; t++)
      total += PROGRAMS[p].teams[t].count;
  for (int p = 0; p < N_PROGRAMS; p++)
    for (int t = 0; t < PROGRAMS[p].n_teams; t++) {
      done += PROGRAMS[p].teams[t].count;
      int upto = (int)((gint64)s->opt->ambassadors * done / total);
      team_populate(s, p, t, upto - dealt);
      dealt = upto;
    }
}

static void plan_benchmark(Sample *s)
{
  int first_month = LAST_YEAR * 12 + LAST_MONTH - 1 - (s->opt->months - 1);
  guint32 first_day = ym_first_day(first_month);
  for (int p = 0; p < N_PROGRAMS; p++) {
    int y, m, d;
    day_to_ymd(MIN(first_day, day_from_iso(PROGRAMS[p].start)), &y, &m, &d);
    g_snprintf(s->program_start[p], sizeof s->program_start[p], "%04d-%02d-%02d", y, m, d);
  }
  plan_benchmark_teams(s);
  for (guint i = 0; i < s->memberships->len; i++)
    sample_membership(s, i)->joined = first_day;
}

/* ---------------------------------------------------------------------------------------------
 * SSI over time. Pillars approach a target: brand and relationships quickly, finding people
 * and insights slowly; months without progress and dips happen as in real programs. */

static const double PILLAR_SHARE[N_PILLARS] = {0.27, 0.23, 0.22, 0.28};
static const double PILLAR_PACE[N_PILLARS] = {1.0 / 5, 1.0 / 11, 1.0 / 13, 1.0 / 6};
static const double PILLAR_START_SHARE[N_PILLARS] = {0.30, 0.24, 0.18, 0.28};

typedef struct {
  double value[N_PILLARS];
  double target; /* total the person is heading for */
  Archetype archetype;
  int dip_from, dip_to; /* months since joining with a lower target */
} Trajectory;

static double clamp(double v, double lo, double hi)
{
  return v < lo ? lo : (v > hi ? hi : v);
}

static void trajectory_init(Trajectory *t, Archetype archetype, Rng *rng)
{
  double start = 20 + 25 * rng_uniform(rng);
  for (int i = 0; i < N_PILLARS; i++)
    t->value[i] = clamp(start * PILLAR_START_SHARE[i] + rng_noise(rng), 0.5, 24.5);
  t->archetype = archetype;
  t->dip_from = t->dip_to = -1;
  if (archetype == ARCH_CLIMBER)
    t->target = 60 + 20 * rng_uniform(rng);
  else if (archetype == ARCH_STALLER)
    t->target = MAX(start + 3, 30 + 15 * rng_uniform(rng));
  else {
    t->target = 52 + 16 * rng_uniform(rng);
    t->dip_from = rng_range(rng, 10, 30);
    t->dip_to = t->dip_from + rng_range(rng, 3, 6);
  }
}

static void trajectory_step(Trajectory *t, int months_in, Rng *rng)
{
  gboolean plateau = rng_chance(rng, 0.2);
  double target = t->target;
  if (months_in >= t->dip_from && months_in < t->dip_to)
    target *= 0.7;
  for (int i = 0; i < N_PILLARS; i++) {
    double goal = clamp(target * PILLAR_SHARE[i], 0, 24.6);
    double pace = PILLAR_PACE[i] * (1 + 0.3 * rng_noise(rng));
    double step = plateau ? 0 : (goal - t->value[i]) * clamp(pace, 0, 0.6);
    t->value[i] = clamp(t->value[i] + step + 0.35 * rng_noise(rng), 0, 25);
  }
}

static guint8 rank_make(int total_centi, double offset, double spread, Rng *rng)
{
  double n = 100 - total_centi / 100.0 + offset + spread * rng_noise(rng);
  return (guint8)clamp(floor(n + 0.5), 1, 99);
}

static Reading reading_make(const Trajectory *t, guint32 day, int stream, Rng *rng)
{
  Reading r = {.day = day, .stream = (guint8)stream};
  int total = 0;
  for (int i = 0; i < N_PILLARS; i++) {
    double v = clamp(t->value[i] + 0.25 * rng_noise(rng), 0, 25);
    r.pillar[i] = (gint16)floor(v * 100 + 0.5);
    total += r.pillar[i];
  }
  r.industry_rank = rank_make(total, -3, 4, rng);
  r.network_rank = rank_make(total, 2, 6, rng);
  double u = rng_uniform(rng);
  r.shown = u < 0.03 ? SHOWN_PILLARS : (u < 0.05 ? SHOWN_TOTAL : SHOWN_ALL);
  return r;
}

/* Readings go into the stream of the membership active that day (the first in the roster). */
static int person_stream_on(const Sample *s, const Person *p, guint32 day)
{
  for (int i = 0; i < p->n_memberships; i++) {
    const Membership *m = sample_membership(s, p->membership[i]);
    if (m->joined <= day && (m->left == 0 || m->left >= day))
      return PROGRAMS[m->program].teams[m->team].stream;
  }
  return -1;
}

static void person_read_day(const Sample *s, Person *p, const Trajectory *t, guint32 day, Rng *rng)
{
  int stream = person_stream_on(s, p, day);
  Reading r = reading_make(t, day, stream, rng);
  if (stream >= 0)
    g_array_append_val(p->readings, r);
}

/* One reading on a random day, sometimes two, sometimes none (a missed month). */
static void person_read_month(const Sample *s, Person *p, const Trajectory *t, int month,
                              guint32 first, guint32 last, Rng *rng)
{
  guint32 lo = MAX(first, ym_first_day(month)), hi = MIN(last, ym_last_day(month));
  if (rng_chance(rng, 0.05))
    return;
  guint32 day = (guint32)rng_range(rng, (int)lo, (int)hi);
  person_read_day(s, p, t, day, rng);
  if (day < hi && rng_chance(rng, 0.07))
    person_read_day(s, p, t, (guint32)rng_range(rng, (int)day + 1, (int)hi), rng);
}

static void person_span(const Sample *s, const Person *p, guint32 *first, guint32 *last)
{
  guint32 report_end = ym_last_day(LAST_YEAR * 12 + LAST_MONTH - 1);
  *first = G_MAXUINT32;
  *last = 0;
  for (int i = 0; i < p->n_memberships; i++) {
    const Membership *m = sample_membership(s, p->membership[i]);
    *first = MIN(*first, m->joined);
    *last = MAX(*last, m->left ? m->left : report_end);
  }
}

static void level_record(Person *p, const Trajectory *t)
{
  Level level;
  for (int i = 0; i < N_PILLARS; i++)
    level.pillar[i] = (float)t->value[i];
  g_array_append_val(p->levels, level);
}

static void person_simulate(const Sample *s, Person *p)
{
  Rng rng = rng_for((guint64)s->opt->seed, "ssi", p->id);
  guint32 first, last;
  person_span(s, p, &first, &last);
  Trajectory t;
  trajectory_init(&t, p->archetype, &rng);
  int start = ym_of_day(first);
  p->first_month = start;
  for (int month = start; month <= ym_of_day(last); month++) {
    if (month > start)
      trajectory_step(&t, month - start, &rng);
    level_record(p, &t);
    person_read_month(s, p, &t, month, first, last, &rng);
  }
}

/* Before joining a little below the starting values; after the last month as in that month. */
static Level person_level(const Person *p, int month)
{
  if (month < p->first_month) {
    Level level = g_array_index(p->levels, Level, 0);
    for (int i = 0; i < N_PILLARS; i++)
      level.pillar[i] *= 0.8f;
    return level;
  }
  guint i = MIN((guint)(month - p->first_month), p->levels->len - 1);
  return g_array_index(p->levels, Level, i);
}

/* About a third keep collecting SSI to the end; the others stop 6 to 14 months before the
 * report month, so their recent months rely on the estimate from LinkedIn exports. */
static void collect_plan(const Sample *s, Person *p)
{
  Rng rng = rng_for((guint64)s->opt->seed, "collect", p->id);
  int last = LAST_YEAR * 12 + LAST_MONTH - 1;
  p->collect_until = last;
  if (!rng_chance(&rng, 1.0 / 3))
    p->collect_until = MAX(p->first_month, last - rng_range(&rng, 6, 14));
}

static void readings_cut(Person *p)
{
  guint kept = 0;
  while (kept < p->readings->len &&
         ym_of_day(g_array_index(p->readings, Reading, kept).day) <= p->collect_until)
    kept++;
  g_array_set_size(p->readings, kept);
}

/* ---------------------------------------------------------------------------------------------
 * Monthly files: which rows go where, in which form. */

static int month_parse(const char *text)
{
  int y = 0, m = 0;
  sscanf(text, "%d-%d", &y, &m);
  return y * 12 + m - 1;
}

static Form stream_form(int stream, int month)
{
  const StreamSpec *spec = &STREAMS[stream];
  if (spec->switch_month && month >= month_parse(spec->switch_month))
    return spec->form_after;
  return spec->form;
}

static CsvFile *csv_file_new(const Sample *s, int stream, int month, const char *suffix)
{
  CsvFile *f = g_new0(CsvFile, 1);
  f->name = g_strdup_printf("%04d-%02d_%s%s.csv", month / 12, month % 12 + 1, STREAMS[stream].stem,
                            suffix);
  f->stream = stream;
  f->month = month;
  f->form = stream_form(stream, month);
  f->rows = g_array_new(FALSE, FALSE, sizeof(Row));
  Rng rng = rng_for((guint64)s->opt->seed, "file", f->name);
  /* Excel leaves its marks on some German files: a byte-order mark, or Windows-1252. */
  if (f->form == FORM_DE) {
    double u = rng_uniform(&rng);
    f->bom = u < 0.10;
    f->cp1252 = u >= 0.10 && u < 0.18;
  } else {
    f->aliases = rng_chance(&rng, 0.12);
  }
  f->final_newline = rng_chance(&rng, 0.6);
  return f;
}

/* Per month, each person's readings of that month are dealt into their stream's file. */
static void files_plan_month(Sample *s, int month, guint *cursor)
{
  CsvFile *file[N_STREAMS] = {NULL};
  for (guint i = 0; i < s->persons->len; i++) {
    Person *p = sample_person(s, i);
    for (; cursor[i] < p->readings->len; cursor[i]++) {
      const Reading *r = &g_array_index(p->readings, Reading, cursor[i]);
      if (ym_of_day(r->day) != month)
        break;
      if (stream_form(r->stream, month) == FORM_JSON)
        continue;
      if (!file[r->stream])
        file[r->stream] = csv_file_new(s, r->stream, month, "");
      Row row = {i, cursor[i], DEFECT_NONE};
      g_array_append_val(file[r->stream]->rows, row);
    }
  }
  for (guint st = 0; st < N_STREAMS; st++)
    if (file[st])
      g_ptr_array_add(s->files, file[st]);
}

static void files_plan(Sample *s)
{
  int first = G_MAXINT, last = LAST_YEAR * 12 + LAST_MONTH - 1;
  for (guint i = 0; i < s->persons->len; i++) {
    const Person *p = sample_person(s, i);
    if (p->readings->len > 0)
      first = MIN(first, ym_of_day(g_array_index(p->readings, Reading, 0).day));
  }
  g_autofree guint *cursor = g_new0(guint, s->persons->len);
  for (int month = first; month <= last; month++)
    files_plan_month(s, month, cursor);
}

/* ---------------------------------------------------------------------------------------------
 * Imperfect rows, so the data-quality output has something real to show. */

static CsvFile *file_find(const Sample *s, const char *name, guint *index)
{
  for (guint i = 0; i < s->files->len; i++) {
    CsvFile *f = g_ptr_array_index(s->files, i);
    if (strcmp(f->name, name) == 0) {
      *index = i;
      return f;
    }
  }
  return NULL;
}

static void defect_plant(Sample *s, const char *file_name, Defect defect, const char *reason)
{
  guint index;
  CsvFile *f = file_find(s, file_name, &index);
  if (!f || f->rows->len < 2)
    return;
  g_array_index(f->rows, Row, 1).defect = defect;
  g_ptr_array_add(s->planted, g_strdup_printf("ssi/%s line 3: %s", f->name, reason));
}

/* A correction: a person's last reading of a month, read again the same day, in a later file,
 * so the corrected value is the one the month reports. */
static void correction_plant(Sample *s, const char *file_name)
{
  guint index;
  CsvFile *f = file_find(s, file_name, &index);
  if (!f || f->rows->len < 1)
    return;
  CsvFile *fix = csv_file_new(s, f->stream, f->month, "_korrektur");
  Row row = g_array_index(f->rows, Row, f->rows->len - 1);
  row.defect = DEFECT_CORRECTION;
  g_array_append_val(fix->rows, row);
  g_ptr_array_insert(s->files, (gint)index + 1, fix);
  g_ptr_array_add(s->planted, g_strdup_printf("ssi/%s line 2: conflicting duplicate of "
                                              "ssi/%s line %u (%s, relationships +0.37)",
                                              fix->name, f->name, f->rows->len + 1,
                                              sample_person(s, row.person)->id));
}

static void defects_plant(Sample *s)
{
  defect_plant(s, "2023-11_fenster-at.csv", DEFECT_ID, "unknown ambassador (id typed without 0)");
  defect_plant(s, "2024-05_fenster-it.csv", DEFECT_PILLAR, "brand 26.50 outside 0-25");
  defect_plant(s, "2025-09_fenster-de.csv", DEFECT_DATE, "date 31.09.2025 does not exist");
  correction_plant(s, "2025-07_fenster-de.csv");
}

/* ---------------------------------------------------------------------------------------------
 * Writing: programs.ini, roster.csv, ssi/. */

static gboolean file_write(const char *dir, const char *name, const char *data, gsize len,
                           GError **error)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  return g_file_set_contents(path, data, (gssize)len, error);
}

static gboolean programs_write(const Sample *s, GError **error)
{
  g_autoptr(GString) out = g_string_new("# Programs (campaigns) of the sample organisations.\n"
                                        "# An empty end means the program is still running.\n");
  for (int p = 0; p < N_PROGRAMS; p++) {
    const ProgramSpec *ps = &PROGRAMS[p];
    g_string_append_printf(out, "\n[program %s]\nname = %s\ncompany = %s\nstart = %s\nend =\n",
                           ps->id, ps->name, ps->company, s->program_start[p]);
    g_string_append(out, "# matched as a case-insensitive substring of a new connection's "
                         "Position or Company\n");
    g_string_append_printf(out, "target_audience = %s\nteams = ", ps->target_audience);
    for (int t = 0; t < ps->n_teams; t++)
      g_string_append_printf(out, "%s%s", t ? ";" : "", ps->teams[t].id);
    g_string_append_c(out, '\n');
  }
  return file_write(s->opt->out, "programs.ini", out->str, out->len, error);
}

static void roster_append_row(GString *out, const Sample *s, const Membership *m)
{
  const Person *p = sample_person(s, m->person);
  const ProgramSpec *ps = &PROGRAMS[m->program];
  g_string_append_printf(out, "%s,%s,%s,%s,%s,%s,%s,%s,", p->id, p->name, p->email, ps->id,
                         ps->teams[m->team].id, m->role, ps->teams[m->team].country, ps->industry);
  append_day(out, m->joined, m->german_dates);
  g_string_append_c(out, ',');
  if (m->left)
    append_day(out, m->left, m->german_dates);
  g_string_append_printf(out, ",%s\n", p->consent);
}

static gboolean roster_write(const Sample *s, GError **error)
{
  g_autoptr(GString) out =
      g_string_new("ambassador_id,name,email,program,team,role,country,industry,joined,left,"
                   "consent\n");
  for (guint i = 0; i < s->memberships->len; i++)
    roster_append_row(out, s, sample_membership(s, i));
  return file_write(s->opt->out, "roster.csv", out->str, out->len, error);
}

static void append_centi(GString *out, int centi, char mark)
{
  g_string_append_printf(out, "%d%c%02d", centi / 100, mark, centi % 100);
}

static void csv_append_header(GString *out, const CsvFile *f)
{
  if (f->form == FORM_DE)
    g_string_append(out, "Botschafter-ID;Name;Datum;Gesamt;Marke;Personen;Einblicke;"
                         "Beziehungen;Branchenrang;Netzwerkrang\r\n");
  else if (f->aliases)
    g_string_append(out, "id,date,total,professional_brand,find_people,engage_insights,"
                         "build_relationships,industry_rank,network_rank\n");
  else
    g_string_append(out, "ambassador_id,date,ssi,brand,people,insights,relationships,"
                         "industry_rank,network_rank\n");
}

/* The id as someone mistyped it: the 0 of the number left out. */
static char *id_mistype(const char *id)
{
  const char *zero = strrchr(id, '-');
  if (zero && zero[1] == '0')
    return g_strdup_printf("%.*s%s", (int)(zero - id + 1), id, zero + 2);
  return g_strdup_printf("%sx", id);
}

static void csv_append_day(GString *out, const Reading *r, Defect defect, gboolean german)
{
  if (defect == DEFECT_DATE) {
    int y, m, d;
    day_to_ymd(r->day, &y, &m, &d);
    g_string_append_printf(out, german ? "31.09.%04d" : "%04d-09-31", y);
  } else {
    append_day(out, r->day, german);
  }
}

static void csv_append_values(GString *out, const Reading *r, Defect defect, gboolean german)
{
  char sep = german ? ';' : ',', mark = german ? ',' : '.';
  int pillar[N_PILLARS], total = 0;
  for (int i = 0; i < N_PILLARS; i++)
    pillar[i] = r->pillar[i];
  if (defect == DEFECT_PILLAR)
    pillar[0] = 2650;
  if (defect == DEFECT_CORRECTION)
    pillar[3] += pillar[3] <= 2463 ? 37 : -37;
  for (int i = 0; i < N_PILLARS; i++)
    total += pillar[i];
  int shown = defect == DEFECT_NONE ? r->shown : SHOWN_ALL;
  g_string_append_c(out, sep);
  if (shown != SHOWN_PILLARS)
    append_centi(out, total, mark);
  for (int i = 0; i < N_PILLARS; i++) {
    g_string_append_c(out, sep);
    if (shown != SHOWN_TOTAL)
      append_centi(out, pillar[i], mark);
  }
}

static void csv_append_row(GString *out, const Sample *s, const CsvFile *f, const Row *row)
{
  const Person *p = sample_person(s, row->person);
  const Reading *r = &g_array_index(p->readings, Reading, row->reading);
  gboolean german = f->form == FORM_DE;
  g_autofree char *id = row->defect == DEFECT_ID ? id_mistype(p->id) : g_strdup(p->id);
  g_string_append(out, id);
  if (german)
    g_string_append_printf(out, ";%s", p->name);
  g_string_append_c(out, german ? ';' : ',');
  csv_append_day(out, r, row->defect, german);
  csv_append_values(out, r, row->defect, german);
  if (german)
    g_string_append_printf(out, ";%u;%u\r\n", r->industry_rank, r->network_rank);
  else if (f->aliases)
    g_string_append_printf(out, ",%u%%,%u%%\n", r->industry_rank, r->network_rank);
  else
    g_string_append_printf(out, ",Top %u%%,Top %u%%\n", r->industry_rank, r->network_rank);
}

/* Windows-1252 only counts where it changes bytes: a file of ASCII names stays as it is. */
static gboolean csv_encode(GString *out, CsvFile *f, GError **error)
{
  if (f->bom)
    g_string_prepend(out, "\xEF\xBB\xBF");
  if (!f->cp1252)
    return TRUE;
  gsize written = 0;
  g_autofree char *converted =
      g_convert(out->str, (gssize)out->len, "WINDOWS-1252", "UTF-8", NULL, &written, error);
  if (!converted) {
    g_prefix_error(error, "ssi/%s: cannot convert to Windows-1252: ", f->name);
    return FALSE;
  }
  f->cp1252 = written != out->len;
  g_string_truncate(out, 0);
  g_string_append_len(out, converted, (gssize)written);
  return TRUE;
}

static gboolean csv_file_write(Sample *s, const char *ssi_dir, CsvFile *f, GError **error)
{
  g_autoptr(GString) out = g_string_new(NULL);
  csv_append_header(out, f);
  for (guint i = 0; i < f->rows->len; i++) {
    const Row *row = &g_array_index(f->rows, Row, i);
    const Reading *r =
        &g_array_index(sample_person(s, row->person)->readings, Reading, row->reading);
    csv_append_row(out, s, f, row);
    s->counts.no_total_rows += r->shown == SHOWN_PILLARS && row->defect == DEFECT_NONE;
    s->counts.total_only_rows += r->shown == SHOWN_TOTAL && row->defect == DEFECT_NONE;
  }
  /* Spreadsheets often save without a final line end. */
  if (!f->final_newline)
    while (out->len > 0 && (out->str[out->len - 1] == '\n' || out->str[out->len - 1] == '\r'))
      g_string_truncate(out, out->len - 1);
  if (!csv_encode(out, f, error))
    return FALSE;
  s->counts.csv_files++;
  s->counts.csv_rows += f->rows->len;
  s->counts.bom_files += f->bom;
  s->counts.cp1252_files += f->cp1252;
  s->counts.alias_files += f->aliases;
  s->counts.open_files += !f->final_newline;
  return file_write(ssi_dir, f->name, out->str, out->len, error);
}

/* LinkedIn's page data holds 32-bit floats; printed as the browser saves them. */
static void json_append_float(GString *out, float value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.8g", (double)value));
}

static void json_append_subscores(GString *out, const Reading *r, Rng *rng, float *overall)
{
  static const char *const NAMES[N_PILLARS] = {"PROFESSIONAL_BRAND", "FIND_RIGHT_PEOPLE",
                                               "INSIGHT_ENGAGEMENT", "STRONG_RELATIONSHIP"};
  int order[N_PILLARS] = {0, 1, 2, 3};
  for (int i = N_PILLARS - 1; i > 0; i--) {
    int j = rng_range(rng, 0, i), swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  float score[N_PILLARS];
  *overall = 0;
  for (int i = 0; i < N_PILLARS; i++) {
    score[i] = (float)clamp(r->pillar[i] / 100.0 + (rng_uniform(rng) - 0.5) * 0.01, 0, 25);
    *overall += score[i];
  }
  for (int i = 0; i < N_PILLARS; i++) {
    g_string_append(out, i ? ", {\"score\": " : "{\"score\": ");
    json_append_float(out, score[order[i]]);
    g_string_append_printf(out, ", \"pillar\": \"%s\"}", NAMES[order[i]]);
  }
}

static void json_append_group(GString *out, const char *type, int rank, const char *industry,
                              Rng *rng)
{
  g_string_append_printf(out, "{\"groupType\": \"%s\", \"rank\": %d, ", type, rank);
  if (industry)
    g_string_append_printf(out, "\"industry\": \"%s\", \"groupSize\": 0, ", industry);
  g_string_append(out, "\"score\": {\"overall\": ");
  append_centi(out, rng_range(rng, 2800, 4800), '.');
  g_string_append(out, ", \"subScores\": []}}");
}

static char *capture_render(const Sample *s, const Person *p, const Reading *r, const char *name)
{
  Rng rng = rng_for((guint64)s->opt->seed, "capture", name);
  const Membership *m = sample_membership(s, p->membership[0]);
  g_autoptr(GString) sub = g_string_new(NULL);
  float overall;
  json_append_subscores(sub, r, &rng, &overall);
  GString *out = g_string_new("{\"activeSeat\": ");
  g_string_append(out, rng_chance(&rng, 0.3) ? "true" : "false");
  g_string_append(out, ", \"memberScore\": {\"overall\": ");
  json_append_float(out, overall);
  g_string_append_printf(out, ", \"subScores\": [%s]}, \"groupScore\": [", sub->str);
  gboolean network_first = rng_chance(&rng, 0.5);
  json_append_group(out, network_first ? "NETWORK" : "INDUSTRY",
                    network_first ? r->network_rank : r->industry_rank,
                    network_first ? NULL : PROGRAMS[m->program].industry, &rng);
  g_string_append(out, ", ");
  json_append_group(out, network_first ? "INDUSTRY" : "NETWORK",
                    network_first ? r->industry_rank : r->network_rank,
                    network_first ? PROGRAMS[m->program].industry : NULL, &rng);
  if (rng_chance(&rng, 0.3)) {
    g_string_append(out, ", ");
    json_append_group(out, "TEAM", rng_range(&rng, 1, 60), NULL, &rng);
  }
  g_string_append(out, "]}");
  return g_string_free(out, FALSE);
}

static gboolean captures_write(Sample *s, const char *ssi_dir, GError **error)
{
  for (guint i = 0; i < s->persons->len; i++) {
    const Person *p = sample_person(s, i);
    for (guint k = 0; k < p->readings->len; k++) {
      const Reading *r = &g_array_index(p->readings, Reading, k);
      if (stream_form(r->stream, ym_of_day(r->day)) != FORM_JSON)
        continue;
      g_autoptr(GString) name = g_string_new(p->id);
      g_string_append_c(name, '_');
      append_day(name, r->day, FALSE);
      g_string_append(name, ".json");
      g_autofree char *json = capture_render(s, p, r, name->str);
      if (!file_write(ssi_dir, name->str, json, strlen(json), error))
        return FALSE;
      s->counts.json_files++;
    }
  }
  return TRUE;
}

static gboolean ssi_write(Sample *s, GError **error)
{
  g_autofree char *ssi_dir = g_build_filename(s->opt->out, "ssi", NULL);
  for (guint i = 0; i < s->files->len; i++)
    if (!csv_file_write(s, ssi_dir, g_ptr_array_index(s->files, i), error))
      return FALSE;
  return captures_write(s, ssi_dir, error);
}

/* ---------------------------------------------------------------------------------------------
 * LinkedIn data exports: what an ambassador's account holds. Each account has one history,
 * drawn from a stream of its own; every export holds that history up to the export's day, as
 * "Get a copy of your data" does, so consecutive exports overlap. Activity follows the person's
 * SSI trajectory: who climbs posts, comments, writes and connects more. */

/* The exports' formats changed over the years: older ones lack columns added later. */
#define CONNECTIONS_URL_SINCE "2023-01-01" /* the URL column and the "Notes:" preamble */
#define INVITATION_URLS_SINCE "2023-06-01" /* inviterProfileUrl, inviteeProfileUrl */
#define MESSAGE_DRAFTS_SINCE "2022-10-01"  /* ATTACHMENTS, IS MESSAGE DRAFT, ... */
/* Messages, posts and the like are drawn from this many months before joining on (connections
 * from the account's start), which keeps the committed samples small. */
#define EVENTS_BEFORE_JOINING 4

typedef struct {
  const char *const *items;
  guint n;
} TextList;
/* clang-format off */
#define TEXT_LIST(a) {a, G_N_ELEMENTS(a)}
/* clang-format on */

/* A table entry as list << 8 | index; NO_TEXT: none. */
#define NO_TEXT G_MAXUINT16
#define TEXT_CODE(list, i) ((guint16)((list) << 8 | (i)))

static const char *const FIRST_NAMES[] = {
    "Anna",   "Ben",     "Clara",  "David",  "Emma",   "Felix",  "Greta",   "Hannes",
    "Ida",    "Jonas",   "Karin",  "Leon",   "Mia",    "Noah",   "Olga",    "Paul",
    "Quirin", "Rosa",    "Simon",  "Tanja",  "Ulrich", "Vera",   "Wilhelm", "Yvonne",
    "Zoë",    "Björn",   "Jürgen", "Sören",  "Renée",  "Chloé",  "Hélène",  "Léa",
    "Luca",   "Niccolò", "Giulia", "Matteo", "Chiara", "Sofia",  "Marco",   "Élodie",
    "Julien", "Camille", "Urs",    "Regula", "Beat",   "Ines",   "Moritz",  "Lina",
    "Hugo",   "Nina",    "Tobias", "Lars",   "Emil",   "Frida",  "Astrid",  "Malte",
    "Jelena", "Milan",   "Aylin",  "Deniz",  "Kemal",  "Oksana", "Sabine",  "Thomas"};
static const char *const LAST_NAMES[] = {
    "Müller",  "Schmidt",  "Schneider", "Fischer", "Weber",    "Meyer",     "Wagner",   "Becker",
    "Schulz",  "Hoffmann", "Koch",      "Richter", "Klein",    "Wolf",      "Schröder", "Neumann",
    "Schwarz", "Braun",    "Zimmer",    "Krüger",  "Hofmann",  "Hartung",   "Lange",    "Schmitt",
    "Werner",  "Krause",   "Meier",     "Lehmann", "Köhler",   "Huber",     "Kaiser",   "Fuchs",
    "Peters",  "Jung",     "Möller",    "Weiß",    "Keller",   "Vogel",     "Frank",    "Berger",
    "Gruber",  "Steiner",  "Brunner",   "Widmer",  "Rossi",    "Bianchi",   "Romano",   "Ferrari",
    "Dubois",  "Moreau",   "Lefèvre",   "Girard",  "de Vries", "Lindqvist", "Nowak",    "Kowalski",
    "Yılmaz",  "Özdemir",  "Novák",     "Horvat",  "Janssen",  "O'Brien",   "Bäumer",   "Großmann"};
#define NO_NAME G_MAXUINT16

static const char *const EMAIL_DOMAINS[] = {"gmail.com",  "web.de",    "gmx.de",    "outlook.com",
                                            "bluewin.ch", "libero.it", "orange.fr", "t-online.de"};

/* Positions of connections. Seniority terms and near misses that must not count as one. */
static const char *const POS_GENERIC_ITEMS[] = {"Vertriebsmitarbeiter",
                                                "Sales Manager",
                                                "Projektleiter",
                                                "Projektleiterin",
                                                "Software Engineer",
                                                "Marketing Manager",
                                                "Bauleiter",
                                                "Controllerin",
                                                "Teamleiter \"Innendienst\"",
                                                "Werkstudentin",
                                                "Consultant",
                                                "Account Manager",
                                                "Technischer Zeichner",
                                                "Kundenberaterin",
                                                "Bauingenieurin",
                                                "Data Analyst",
                                                "Ingegnere civile",
                                                "Chargée d'affaires",
                                                "Responsabile commerciale",
                                                "Produktmanager",
                                                "Einkäuferin",
                                                "Service Technician",
                                                "Office Manager",
                                                "Recruiter",
                                                "Key Account Manager",
                                                "Außendienst, Region Süd",
                                                "Immobilienmaklerin",
                                                "Steuerberater",
                                                "Amministratore Delegato",
                                                "Directeur commercial"};
static const char *const POS_SENIOR_ITEMS[] = {"CEO",
                                               "Geschäftsführer",
                                               "Geschäftsführerin",
                                               "Head of Procurement",
                                               "Head of Sales DACH",
                                               "Director Operations",
                                               "Managing Director",
                                               "Inhaber",
                                               "Inhaberin",
                                               "Co-Founder & CEO",
                                               "Co-Founder",
                                               "Founder",
                                               "Gründerin",
                                               "Vorstand Technik",
                                               "Bereichsleiter Einkauf",
                                               "Direktor Vertrieb",
                                               "Partner",
                                               "Owner",
                                               "Co-Owner",
                                               "Chief Financial Officer",
                                               "CFO",
                                               "CTO",
                                               "VP Engineering",
                                               "Vice President Sales"};
static const char *const POS_NEAR_MISS_ITEMS[] = {"Directory Manager",   "Ownership Analyst",
                                                  "Partnership Manager", "Vorstandsassistentin",
                                                  "Headhunterin",        "Founders Associate"};
static const char *const POS_TARGET_FEN[] = {"Architekt",
                                             "Architektin",
                                             "Landschaftsarchitektin",
                                             "Innenarchitekt",
                                             "Senior Architect",
                                             "Architetto",
                                             "Architecte",
                                             "Fachplanerin Fassade",
                                             "Planer TGA",
                                             "Urban Planner",
                                             "Progettista",
                                             "Projektarchitekt",
                                             "Inhaber Architekturbüro",
                                             "Partner, Architect"};
static const char *const POS_TARGET_WAE[] = {
    "Installateur",           "Installateurmeister",    "Energieberater",
    "Energieberaterin (HWK)", "Heizungsbauer",          "Heating Installer",
    "SHK-Installateurin",     "Inhaber, Heizungsbauer", "Geschäftsführer Installateurbetrieb"};
static const char *const POS_TARGET_AUT[] = {
    "Fuhrparkleiter",        "Fuhrparkmanagerin", "Head of Fleet",
    "Fleet Manager",         "Flottenmanager",    "Leiter Einkauf",
    "Strategischer Einkauf", "Fleet Coordinator", "Leiterin Fuhrpark & Mobilität"};
enum { POS_GENERIC, POS_SENIOR, POS_NEAR_MISS, POS_TARGET };
static const TextList POSITIONS[] = {TEXT_LIST(POS_GENERIC_ITEMS),
                                     TEXT_LIST(POS_SENIOR_ITEMS),
                                     TEXT_LIST(POS_NEAR_MISS_ITEMS),
                                     [POS_TARGET + PR_FENSTER] = TEXT_LIST(POS_TARGET_FEN),
                                     [POS_TARGET + PR_WAERME] = TEXT_LIST(POS_TARGET_WAE),
                                     [POS_TARGET + PR_AUTO] = TEXT_LIST(POS_TARGET_AUT)};

static const char *const COMPANY_GENERIC_ITEMS[] = {
    "Gruber Holzbau",         "Immobilien Frei AG", "Müller, Schmidt & Partner",
    "Stadtwerke Nordhausen",  "Rossi S.p.A.",       "TechnoLogistik GmbH",
    "Baustoffe Keller KG",    "Hoch & Tief AG",     "Bäckerei Brandt",
    "Alpen Consulting GmbH",  "Studio Bianchi",     "Groupe Mercier SA",
    "Datenwerk GmbH",         "Kanzlei Vogt",       "Universität Stuttgart",
    "Self-employed",          "Lindqvist AB",       "Nordlicht Logistik",
    "Zürcher Versicherungen", "Hotel \"Bellevue\"", "Bauplanung Ost GmbH",
    "Energieberatung Nord eG"};
static const char *const COMPANY_TARGET_FEN[] = {
    "Architekturbüro Hartmann",     "Planungsbüro Seidel GmbH", "Studio di Architettura Conti",
    "Atelier d'architecture Morel", "Planerteam Süd",           "ArchitectsGroup Zürich"};
static const char *const COMPANY_TARGET_WAE[] = {
    "Haustechnik Installateur Weber", "Installateur Meier & Söhne", "Heizungsbauer Lorenz KG",
    "Energieberater Netzwerk e.V."};
static const char *const COMPANY_TARGET_AUT[] = {
    "Fuhrpark Service GmbH", "FleetPro AG", "Fleet Solutions Europe", "Einkaufsgemeinschaft Süd"};
enum { COMPANY_GENERIC, COMPANY_TARGET, COMPANY_OWN = COMPANY_TARGET + N_PROGRAMS };
static const TextList COMPANIES[] = {[COMPANY_GENERIC] = TEXT_LIST(COMPANY_GENERIC_ITEMS),
                                     [COMPANY_TARGET + PR_FENSTER] = TEXT_LIST(COMPANY_TARGET_FEN),
                                     [COMPANY_TARGET + PR_WAERME] = TEXT_LIST(COMPANY_TARGET_WAE),
                                     [COMPANY_TARGET + PR_AUTO] = TEXT_LIST(COMPANY_TARGET_AUT)};

static const char *const SKILLS_FEN[] = {"Fenstertechnik",
                                         "Bauphysik",
                                         "Key Account Management",
                                         "Vertrieb",
                                         "Architektur",
                                         "Fassadenbau",
                                         "B2B",
                                         "CRM",
                                         "Negotiation",
                                         "Public Speaking",
                                         "Projektmanagement",
                                         "Energieeffizienz",
                                         "Holz-Alu-Fenster",
                                         "Passivhaus",
                                         "BIM",
                                         "Ausschreibungen",
                                         "Produktschulung",
                                         "Verhandlungsführung",
                                         "Italienisch",
                                         "Französisch",
                                         "Sonnenschutz",
                                         "Schallschutz",
                                         "Denkmalschutz",
                                         "Objektgeschäft",
                                         "Customer Relationship Management",
                                         "Sales",
                                         "Team Leadership",
                                         "Messebau",
                                         "Marketing",
                                         "Präsentation"};
static const char *const SKILLS_WAE[] = {"Wärmepumpen",
                                         "Heizungstechnik",
                                         "Energieberatung",
                                         "Führung",
                                         "Vertrieb",
                                         "SHK",
                                         "Förderprogramme",
                                         "Photovoltaik",
                                         "Strategie",
                                         "Change Management",
                                         "Kundenservice",
                                         "Großkunden",
                                         "Controlling",
                                         "Netzwerken",
                                         "Leadership",
                                         "Public Speaking",
                                         "Verhandlungsführung",
                                         "Hydraulischer Abgleich",
                                         "Gebäudeenergiegesetz",
                                         "B2B"};
static const char *const SKILLS_AUT[] = {"Flottenmanagement",
                                         "Leasing",
                                         "Key Account Management",
                                         "Elektromobilität",
                                         "Verhandlungsführung",
                                         "Fuhrpark",
                                         "CRM",
                                         "Salesforce",
                                         "B2B",
                                         "Automotive",
                                         "Vertrieb",
                                         "Remarketing",
                                         "Finanzierung",
                                         "Ladeinfrastruktur",
                                         "Kundenbindung",
                                         "Negotiation",
                                         "Sales Management",
                                         "Dienstwagen"};
static const TextList SKILLS[N_PROGRAMS] = {TEXT_LIST(SKILLS_FEN), TEXT_LIST(SKILLS_WAE),
                                            TEXT_LIST(SKILLS_AUT)};

static const char *const SHARE_TEXTS[] = {
    "Neues Whitepaper zu unseren Produkten, Feedback willkommen.",
    "Proud of our team at the trade fair!\nCome visit us in hall B2.",
    "Three lessons from ten years of projects:\n1. Plan early\n2. Talk to the people on site",
    "Weekend read: \"Why details matter\" by our CTO",
    "Wir suchen Verstärkung, meldet euch!",
    "New case study: \"Sanierung im Bestand\" – link in comments.",
    "Grazie a tutti per la fiera di Bologna!",
    "Merci à tous pour ce salon, à l'année prochaine !",
    "Heute beim Kunden vor Ort. Solche Tage machen den Job aus.",
    "Webinar am Donnerstag, 10 Uhr: Fragen gerne vorab in die Kommentare.",
    "10 Jahre im Unternehmen – danke an alle, die diesen Weg begleitet haben! 🎉",
    "Was ist euch bei der Auswahl eines Partners wichtiger: Preis, Service oder Nähe?",
    "Kurzer Rückblick auf das Quartal, in Zahlen:\n+18 % Anfragen\n3 neue Partner",
    "Congratulations to the whole team on the award!"};
static const char *const COMMENT_TEXTS[] = {
    "Great insight, thanks for sharing!",
    "Danke fürs Teilen!",
    "Sehr gut zusammengefasst, \"2030\" wird spannend.",
    "Congratulations!",
    "Spannender Punkt – wie seht ihr das bei Altbauten?",
    "Complimenti, ottimo lavoro!",
    "Bravo à toute l'équipe !",
    "Genau so ist es. Wer früh plant, spart später.",
    "Toller Beitrag!\nWir hatten letzte Woche genau diese Diskussion.",
    "\"Qualität zuerst\" – das unterschreibe ich.",
    "Interesting, what about the \"Bestand\"?",
    "Sehr hilfreich, danke.",
    "Glückwunsch, verdient!",
    "Thanks!"};
static const char *const REACTION_TYPES[] = {"LIKE",     "LIKE",         "LIKE",
                                             "LIKE",     "PRAISE",       "EMPATHY",
                                             "INTEREST", "APPRECIATION", "ENTERTAINMENT"};

/* Texts addressed to someone: the greeting, when there is one, is followed by a first name. */
typedef struct {
  const char *greeting, *body;
} Note;

static const Note INVITE_NOTES[] = {
    {"Hallo ", "gerne vernetze ich mich mit Ihnen."},
    {"Hi ", "great meeting you at the trade fair – let's stay in touch."},
    {"Ciao ", "piacere di conoscerti!"},
    {"Bonjour ", "ravie d'avoir échangé au salon, au plaisir."},
    {NULL, "Ich würde mich freuen, wenn wir uns vernetzen."},
    {"Guten Tag ", "wir hatten letzte Woche telefoniert, hier wie versprochen die Anfrage."}};
static const Note MESSAGES_SENT[] = {
    {"Hallo ", "vielen Dank für das Gespräch heute. Anbei wie besprochen die Unterlagen.\n"
               "Viele Grüße"},
    {"Hallo ", "passt Ihnen Dienstag, 14 Uhr?"},
    {NULL, "Danke, bis dann!"},
    {"Hi ", "thanks for connecting – happy to share our \"planning guide\" if useful."},
    {"Ciao ", "ci sentiamo domani?"},
    {NULL, "Merci, à bientôt."},
    {"Hallo ", "kurze Frage: Haben Sie das Angebot erhalten?\nFalls nicht, schicke ich es gern "
               "noch einmal."},
    {NULL, "Gern geschehen!"},
    {"Liebe ", "herzlichen Glückwunsch zum neuen Job!"},
    {"Guten Morgen ", "anbei der Link zum Webinar, wie besprochen."}};
static const Note MESSAGES_RECEIVED[] = {
    {NULL, "Gerne, bis dann!"},
    {"Hallo ", "vielen Dank, das hilft uns sehr weiter."},
    {NULL, "Können Sie mir die Preisliste schicken?"},
    {"Hi ", "are you at the trade fair next week?"},
    {NULL, "Super, danke!\nIch melde mich nächste Woche."},
    {"Hallo ", "wir haben eine Anfrage für ein Projekt in Ihrer Region, \"eilig\" wie immer."},
    {NULL, "Grazie mille!"},
    {NULL, "Parfait, merci."}};
static const char *const DRAFT_TEXTS[] = {"Hallo, kurze Frage zu", "Danke für", "Hi, I wanted to"};
static const char *const RECOMMENDATION_TEXTS[] = {
    "Zuverlässig und kompetent.\nGerne wieder!", "A great colleague, always \"on it\".",
    "Sehr gute Zusammenarbeit im Projekt, klare Empfehlung.",
    "Il miglior consulente con cui abbia lavorato.", "Toujours disponible, très professionnel."};

static const char *const SUMMARIES_FEN[] = {
    "Ich helfe Planern, die richtigen Fenster zu finden.\nSeit über 10 Jahren in der Branche.",
    "\"Qualität zuerst\" ist mein Motto.",
    "Architects and planners: let's talk about windows, façades and U-values."};
static const char *const SUMMARIES_WAE[] = {
    "Ich unterstütze Installateure und Energieberater bei der Wärmewende.",
    "Heizungstechnik mit \"Herz und Verstand\".\nLeitung, Strategie, Menschen."};
static const char *const SUMMARIES_AUT[] = {
    "Flottenlösungen für Unternehmen jeder Größe.\nIhr Ansprechpartner für Leasing, Service und "
    "E-Mobilität.",
    "Fuhrparkmanagement, einfach gemacht."};
static const TextList SUMMARIES[N_PROGRAMS] = {TEXT_LIST(SUMMARIES_FEN), TEXT_LIST(SUMMARIES_WAE),
                                               TEXT_LIST(SUMMARIES_AUT)};
static const char *const TOPICS[N_PROGRAMS][2] = {
    {"Fenster & Fassaden für Architekten", "Energieeffizientes Bauen"},
    {"Wärmepumpen für Installateure", "Heizungstechnik"},
    {"Flottenlösungen für Fuhrparkleiter", "Elektromobilität im Fuhrpark"}};
static const char *const JOB_DESCRIPTIONS[] = {
    "Beratung von Architekten, Planern und Händlern",
    "Betreuung von Großkunden\nSchwerpunkt Süddeutschland", "", "Neukundengewinnung, Messen"};

static const char *const GEO_DE[] = {
    "Munich, Bavaria, Germany", "Stuttgart, Baden-Württemberg, Germany",
    "Hamburg, Germany",         "Cologne, North Rhine-Westphalia, Germany",
    "Berlin, Germany",          "Leipzig, Saxony, Germany"};
static const char *const GEO_AT[] = {"Vienna, Austria", "Graz, Styria, Austria",
                                     "Linz, Upper Austria, Austria"};
static const char *const GEO_CH[] = {"Zurich, Switzerland", "Bern, Switzerland",
                                     "Basel, Switzerland"};
static const char *const GEO_IT[] = {"Milan, Lombardy, Italy", "Bologna, Emilia-Romagna, Italy",
                                     "Verona, Veneto, Italy"};
static const char *const GEO_FR[] = {"Lyon, Auvergne-Rhône-Alpes, France",
                                     "Paris, Île-de-France, France",
                                     "Strasbourg, Grand Est, France"};

static TextList geo_list(const char *country)
{
  if (strcmp(country, "AT") == 0)
    return (TextList)TEXT_LIST(GEO_AT);
  if (strcmp(country, "CH") == 0)
    return (TextList)TEXT_LIST(GEO_CH);
  if (strcmp(country, "IT") == 0)
    return (TextList)TEXT_LIST(GEO_IT);
  if (strcmp(country, "FR") == 0)
    return (TextList)TEXT_LIST(GEO_FR);
  return (TextList)TEXT_LIST(GEO_DE);
}

static const char *text_of(const TextList *lists, guint16 code)
{
  return code == NO_TEXT ? "" : lists[code >> 8].items[code & 0xFF];
}

static guint16 text_pick(const TextList *lists, int list, Rng *rng)
{
  return TEXT_CODE(list, rng_range(rng, 0, (int)lists[list].n - 1));
}

static const char *company_of(guint16 code)
{
  if (code != NO_TEXT && code >> 8 == COMPANY_OWN)
    return PROGRAMS[code & 0xFF].company;
  return text_of(COMPANIES, code);
}

/* ---------------------------------------------------------------------------------------------
 * One account's history: events of eight kinds, each kind kept by day. */

enum {
  EV_CONNECTION,
  EV_INVITATION,
  EV_SHARE,
  EV_COMMENT,
  EV_REACTION,
  EV_MESSAGE,
  EV_ENDORSEMENT,
  EV_RECOMMENDATION,
  N_EVENT_KINDS
};

/* Event.kind */
enum { INVITE_INCOMING, INVITE_OUTGOING };
enum { MESSAGE_RECEIVED, MESSAGE_SENT, MESSAGE_DRAFT };
enum { STATUS_SHOWN, STATUS_PENDING, STATUS_HIDDEN }; /* ACCEPTED or VISIBLE when shown */

/* Event.flags */
enum {
  EVF_EMAIL = 1 << 0,       /* connection: shows an e-mail address */
  EVF_URL_MISSING = 1 << 1, /* invitation: the invitee's address left empty */
  EVF_URL_SLASH = 1 << 2,   /* invitation: the invitee's address with a trailing '/' */
  EVF_NO_LINK = 1 << 3,     /* share: without ShareLink */
  EVF_SHARED_URL = 1 << 4,  /* share: links an article */
  EVF_MEDIA = 1 << 5,       /* share: an image */
  EVF_PUBLIC = 1 << 6,      /* share: visible to everyone */
  EVF_UGC = 1 << 7,         /* share: urn:li:ugcPost instead of urn:li:share */
};

/* Something that happened on the account: a connection, an invitation, a share, ... */
typedef struct {
  guint32 day, secs;
  guint32 seq;         /* order drawn: events of the same second keep it */
  guint32 url;         /* the other person's profile address suffix */
  guint64 link;        /* share, activity or conversation id */
  guint32 change;      /* connection: the day Position became alt (0: never) */
  guint16 first, last; /* the other person: FIRST_NAMES, LAST_NAMES; NO_NAME: hidden */
  guint16 text, alt;   /* table entries: position, text, skill, job title */
  guint16 company;
  guint8 kind, flags;
} Event;

enum {
  PROFILE_HEADLINE,
  PROFILE_SUMMARY,
  PROFILE_INDUSTRY,
  PROFILE_GEO,
  PROFILE_WEBSITES,
  PROFILE_TWITTER,
  PROFILE_BIRTH,
  N_PROFILE
};
#define MAX_SKILLS 30

typedef struct {
  guint16 company, title; /* title NO_TEXT: the roster role */
  guint32 from, to;       /* to 0: current */
  guint8 description;
} Job;

enum {
  METRIC_IMPRESSIONS,
  METRIC_REACTIONS,
  METRIC_COMMENTS,
  METRIC_REPOSTS,
  METRIC_CLICKS,
  N_METRICS
};

/* A post published through the program's advocacy tool, as its monthly exports list it. */
typedef struct {
  guint32 person, day;
  guint64 activity;
  guint32 metric[N_METRICS]; /* a month after publishing */
  float early;               /* share of those in the publish month's file */
  guint8 program;
  guint8 unknown;       /* metrics the tool does not know (bit per metric) */
  guint8 unknown_early; /* metrics it knows only a month later */
  guint8 repeated;      /* listed again in the next month's file */
  guint8 email_form;    /* the author's e-mail: 0 as in the roster, 1 upper, 2 capitalised */
} ToolPost;

/* One ambassador's LinkedIn account; reused from one ambassador to the next. */
typedef struct {
  Sample *s;
  const Person *person;
  guint person_index;
  const Membership *home; /* first roster row: company, role, country */
  int program;
  char first[64], last[128]; /* the name on LinkedIn */
  char headline[256];
  guint32 member_id, url;
  guint32 start_day, join_day, end_day; /* account history, first day in a program, last day */
  gboolean poster;
  GArray *events[N_EVENT_KINDS]; /* Event */
  guint32 seq;
  guint32 profile_since[N_PROFILE]; /* 0: never set */
  guint8 profile_pick[N_PROFILE];
  int n_skills;
  guint8 skill[MAX_SKILLS];
  guint32 skill_day[MAX_SKILLS];
  int n_jobs;
  Job job[3];
} Life;

/* A count around lambda per month; sqrt and the Irwin-Hall noise need no libm beyond IEEE. */
static int rng_count(Rng *rng, double lambda)
{
  if (lambda <= 0)
    return 0;
  if (lambda < 4) {
    int n = 0;
    for (int i = 0; i < 8; i++)
      n += rng_chance(rng, lambda / 8);
    return n;
  }
  double v = lambda + sqrt(lambda) * rng_noise(rng);
  return v < 0 ? 0 : (int)(v + 0.5);
}

static guint64 rng_activity(Rng *rng)
{
  return 7000000000000000000ULL + rng_next(rng) % 1000000000000000000ULL;
}

static guint32 rng_day(Rng *rng, guint32 lo, guint32 hi)
{
  return hi <= lo ? lo : lo + (guint32)(rng_next(rng) % (hi - lo + 1));
}

static Event *life_add(Life *l, int kind, guint32 day, Rng *rng)
{
  Event e = {.day = day, .seq = l->seq++, .first = NO_NAME, .last = NO_NAME};
  e.secs = (guint32)rng_range(rng, 6 * 3600, 23 * 3600 - 1);
  e.text = e.alt = e.company = NO_TEXT;
  g_array_append_val(l->events[kind], e);
  return &g_array_index(l->events[kind], Event, l->events[kind]->len - 1);
}

static void contact_random(Event *e, Rng *rng)
{
  e->first = (guint16)rng_range(rng, 0, G_N_ELEMENTS(FIRST_NAMES) - 1);
  e->last = (guint16)rng_range(rng, 0, G_N_ELEMENTS(LAST_NAMES) - 1);
  e->url = (guint32)rng_next(rng);
}

/* Someone the person is connected with by that day, or else a stranger. */
static void contact_known(const Life *l, Event *e, Rng *rng)
{
  const GArray *c = l->events[EV_CONNECTION];
  for (int attempt = 0; attempt < 4 && c->len > 0; attempt++) {
    const Event *k = &g_array_index(c, Event, rng_range(rng, 0, (int)c->len - 1));
    if (k->first != NO_NAME && k->day <= e->day) {
      e->first = k->first;
      e->last = k->last;
      e->url = k->url;
      return;
    }
  }
  contact_random(e, rng);
}

static guint16 position_pick(int program, double target, double senior, Rng *rng)
{
  double u = rng_uniform(rng);
  if (u < target)
    return text_pick(POSITIONS, POS_TARGET + program, rng);
  if (u < target + senior)
    return text_pick(POSITIONS, POS_SENIOR, rng);
  if (u < target + senior + 0.03)
    return text_pick(POSITIONS, POS_NEAR_MISS, rng);
  if (u < target + senior + 0.06)
    return text_pick(POSITIONS, POS_TARGET + rng_range(rng, 0, N_PROGRAMS - 1), rng);
  return text_pick(POSITIONS, POS_GENERIC, rng);
}

/* Target-audience firms employ target and other people; colleagues work for the program's firm. */
static guint16 company_pick(int program, gboolean target, Rng *rng)
{
  double u = rng_uniform(rng);
  if (u < (target ? 0.45 : 0.06))
    return text_pick(COMPANIES, COMPANY_TARGET + program, rng);
  if (u < (target ? 0.5 : 0.12))
    return TEXT_CODE(COMPANY_OWN, program);
  return text_pick(COMPANIES, COMPANY_GENERIC, rng);
}

static void connection_add(Life *l, guint32 day, const Event *contact, double target, double senior,
                           Rng *rng)
{
  if (day > l->end_day)
    return;
  Event *e = life_add(l, EV_CONNECTION, day, rng);
  if (rng_chance(rng, 0.015))
    return; /* a hidden profile: only the date */
  e->first = contact->first;
  e->last = contact->last;
  e->url = contact->url;
  e->flags = rng_chance(rng, 0.05) ? EVF_EMAIL : 0;
  if (rng_chance(rng, 0.03))
    return; /* no position given */
  e->text = position_pick(l->program, target, senior, rng);
  e->company = company_pick(l->program, e->text >> 8 >= POS_TARGET, rng);
  if (rng_chance(rng, 0.1)) {
    e->change = day + (guint32)rng_range(rng, 60, 900);
    e->alt = position_pick(l->program, target, senior + 0.2, rng);
  }
}

/* ---------------------------------------------------------------------------------------------
 * Drawing an account's history. */

static void life_init(Life *l, Sample *s)
{
  memset(l, 0, sizeof *l);
  l->s = s;
  for (int k = 0; k < N_EVENT_KINDS; k++)
    l->events[k] = g_array_new(FALSE, FALSE, sizeof(Event));
}

static void life_clear(Life *l)
{
  for (int k = 0; k < N_EVENT_KINDS; k++)
    g_array_unref(l->events[k]);
}

static gboolean life_benchmark(const Life *l)
{
  return l->s->opt->ambassadors > 0;
}

/* Some use a longer surname on LinkedIn than in the roster (a double name). */
static void life_names(Life *l, Rng *rng)
{
  const char *name = l->person->name, *space = strchr(name, ' ');
  gsize first_len = space ? (gsize)(space - name) : strlen(name);
  g_strlcpy(l->first, name, MIN(sizeof l->first, first_len + 1));
  const char *last = space ? space + 1 : "";
  if (rng_chance(rng, 0.08))
    g_snprintf(l->last, sizeof l->last, "%s-%s", last,
               LAST_NAMES[rng_range(rng, 0, G_N_ELEMENTS(LAST_NAMES) - 1)]);
  else
    g_strlcpy(l->last, last, sizeof l->last);
  l->member_id = (guint32)rng_range(rng, 100000000, 999999999);
  l->url = (guint32)rng_next(rng);
  l->poster = !rng_chance(rng, l->person->archetype == ARCH_STALLER ? 0.3 : 0.1);
}

static void life_span(Life *l, Rng *rng)
{
  person_span(l->s, l->person, &l->join_day, &l->end_day);
  int join = ym_of_day(l->join_day);
  int start = life_benchmark(l) ? join - 12 : MIN(2019 * 12 + rng_range(rng, 0, 11), join - 6);
  l->start_day = ym_first_day(start);
}

static void life_headline(Life *l, Rng *rng)
{
  const char *country = PROGRAMS[l->program].teams[l->home->team].country;
  const char *at =
      strcmp(country, "IT") == 0 ? "presso" : (strcmp(country, "FR") == 0 ? "chez" : "bei");
  const char *topic = TOPICS[l->program][rng_range(rng, 0, 1)];
  if (rng_chance(rng, 0.5))
    g_snprintf(l->headline, sizeof l->headline, "%s %s %s | %s", l->home->role, at,
               PROGRAMS[l->program].company, topic);
  else
    g_snprintf(l->headline, sizeof l->headline, "%s %s %s", l->home->role, at,
               PROGRAMS[l->program].company);
}

/* Climbers fill in their profile, most of it around joining; others leave more of it empty. */
static void life_profile(Life *l, Rng *rng)
{
  double keen = l->person->archetype == ARCH_CLIMBER ? 0.9 : 0.6;
  for (int f = 0; f < N_PROFILE; f++) {
    l->profile_pick[f] = (guint8)rng_range(rng, 0, 255);
    l->profile_since[f] = 0;
    double p = f == PROFILE_TWITTER ? keen * 0.3 : (f == PROFILE_BIRTH ? 0.5 : keen);
    if (rng_chance(rng, p))
      l->profile_since[f] = rng_day(rng, l->start_day, MIN(l->end_day, l->join_day + 180));
  }
  life_headline(l, rng);
}

static void life_skills(Life *l, Rng *rng)
{
  const TextList *list = &SKILLS[l->program];
  int n = l->person->archetype == ARCH_CLIMBER ? rng_range(rng, 4, 30) : rng_range(rng, 0, 12);
  n = MIN(n, (int)list->n);
  guint8 order[64];
  for (guint i = 0; i < list->n; i++)
    order[i] = (guint8)i;
  for (int i = 0; i < n; i++) {
    int j = rng_range(rng, i, (int)list->n - 1);
    guint8 swap = order[i];
    order[i] = order[j];
    order[j] = swap;
    l->skill[i] = order[i];
    l->skill_day[i] = rng_day(rng, l->start_day - 700, MIN(l->end_day, l->join_day + 400));
  }
  /* Skills are listed in the order they were added. */
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && l->skill_day[j - 1] > l->skill_day[j]; j--) {
      guint32 day = l->skill_day[j];
      guint8 skill = l->skill[j];
      l->skill_day[j] = l->skill_day[j - 1];
      l->skill[j] = l->skill[j - 1];
      l->skill_day[j - 1] = day;
      l->skill[j - 1] = skill;
    }
  l->n_skills = n;
}

/* The current job at the program's firm, before it one or two others; a few list no job. */
static void life_jobs(Life *l, Rng *rng)
{
  l->n_jobs = 0;
  if (rng_chance(rng, 0.06))
    return;
  guint32 floor_day = day_from_ymd(2006, 1, 1);
  guint32 from = MAX(floor_day, l->join_day - (guint32)rng_range(rng, 30, 3000));
  l->job[0] = (Job){TEXT_CODE(COMPANY_OWN, l->program), NO_TEXT, from, 0,
                    (guint8)rng_range(rng, 0, G_N_ELEMENTS(JOB_DESCRIPTIONS) - 1)};
  l->n_jobs = 1;
  for (int n = rng_range(rng, 0, 2); n > 0 && from > floor_day + 400; n--) {
    guint32 to = from - 1, start = MAX(floor_day, to - (guint32)rng_range(rng, 300, 2500));
    l->job[l->n_jobs++] = (Job){text_pick(COMPANIES, COMPANY_GENERIC, rng),
                                text_pick(POSITIONS, POS_GENERIC, rng), start, to, 2};
    from = start;
  }
}

/* The network before the period drawn month by month: a few hundred people, for a few networkers
 * a couple of thousand, connected at any time since the account's start. */
static void connections_base(Life *l, Rng *rng)
{
  int n;
  if (life_benchmark(l))
    n = rng_range(rng, 60, 300);
  else if (l->person->networker)
    n = rng_range(rng, 1700, 2100);
  else
    n = rng_range(rng, 50, 350);
  guint32 until = MAX(l->start_day, l->join_day - 1);
  for (int i = 0; i < n; i++) {
    Event contact;
    contact_random(&contact, rng);
    connection_add(l, rng_day(rng, l->start_day, until), &contact, 0.05, 0.12, rng);
  }
}

/* Recommendations written years before the period drawn; later ones come month by month. */
static void recommendations_old(Life *l, Rng *rng)
{
  for (int n = rng_range(rng, 0, 2); n > 0; n--) {
    guint32 earliest = MAX(day_from_ymd(2008, 1, 1), l->start_day - 2000);
    Event *e = life_add(l, EV_RECOMMENDATION, rng_day(rng, earliest, l->start_day), rng);
    contact_random(e, rng);
    e->company = text_pick(COMPANIES, COMPANY_GENERIC, rng);
    e->alt = text_pick(POSITIONS, POS_GENERIC, rng);
    e->text = (guint16)rng_range(rng, 0, G_N_ELEMENTS(RECOMMENDATION_TEXTS) - 1);
    e->kind = rng_chance(rng, 0.8) ? STATUS_SHOWN : STATUS_HIDDEN;
  }
}

/* What one month of activity is made of: the person's pillar values that month. */
typedef struct {
  double brand, people, insights, relationships;
  double target, senior; /* shares of new connections in the target audience, senior */
  guint32 lo, hi;        /* the month's days within the account's history */
} MonthPlan;

static guint8 status_pick(Rng *rng, double shown)
{
  double u = rng_uniform(rng);
  return u < shown ? STATUS_SHOWN : (u < shown + (1 - shown) / 2 ? STATUS_PENDING : STATUS_HIDDEN);
}

/* Most new connections come from invitations: sent ones accepted or not, received ones mostly
 * accepted; a few connect without an invitation on record. */
static void invitations_month(Life *l, const MonthPlan *m, Rng *rng)
{
  int sent = rng_count(rng, MAX(0, (m->people - 4) * 0.25));
  int received = rng_count(rng, 0.3 + 0.06 * m->brand);
  for (int i = 0; i < sent + received; i++) {
    gboolean outgoing = i < sent;
    Event *e = life_add(l, EV_INVITATION, rng_day(rng, m->lo, m->hi), rng);
    e->kind = outgoing ? INVITE_OUTGOING : INVITE_INCOMING;
    contact_random(e, rng);
    if (rng_chance(rng, outgoing ? 0.3 : 0.1))
      e->text = (guint16)rng_range(rng, 0, G_N_ELEMENTS(INVITE_NOTES) - 1);
    double u = rng_uniform(rng);
    if (outgoing)
      e->flags = u < 0.03 ? EVF_URL_MISSING : (u < 0.07 ? EVF_URL_SLASH : 0);
    Event invitation = *e;
    double accept = outgoing ? 0.3 + 0.02 * m->relationships : 0.8;
    if (rng_chance(rng, accept))
      connection_add(l, invitation.day + (guint32)rng_range(rng, 0, outgoing ? 9 : 4), &invitation,
                     m->target, m->senior, rng);
  }
  for (int n = rng_count(rng, 0.08 * m->people); n > 0; n--) {
    Event contact;
    contact_random(&contact, rng);
    connection_add(l, rng_day(rng, m->lo, m->hi), &contact, m->target, m->senior, rng);
  }
}

static const char *const TOOL_SINCE[N_PROGRAMS] = {"2023-09", "2023-04", "2024-03"};

/* The program the person posts for that day: the first roster row active then. */
static int life_program_on(const Life *l, guint32 day)
{
  for (int i = 0; i < l->person->n_memberships; i++) {
    const Membership *m = sample_membership(l->s, l->person->membership[i]);
    if (m->joined <= day && (m->left == 0 || m->left >= day))
      return m->program;
  }
  return -1;
}

static gboolean tool_live(const Sample *s, int program, int month)
{
  return s->opt->ambassadors > 0 || month >= month_parse(TOOL_SINCE[program]);
}

/* Reach grows with the network; engagement varies a lot from post to post. */
static void tool_post_metrics(const Life *l, ToolPost *t, Rng *rng)
{
  double reach = 80 + l->events[EV_CONNECTION]->len * (0.3 + 1.2 * rng_uniform(rng));
  double impressions = reach * (0.6 + 1.9 * rng_uniform(rng));
  double reactions = impressions * (0.008 + 0.03 * rng_uniform(rng));
  t->metric[METRIC_IMPRESSIONS] = (guint32)impressions;
  t->metric[METRIC_REACTIONS] = (guint32)reactions;
  t->metric[METRIC_COMMENTS] = (guint32)(reactions * 0.35 * rng_uniform(rng));
  t->metric[METRIC_REPOSTS] = (guint32)(reactions * 0.12 * rng_uniform(rng));
  t->metric[METRIC_CLICKS] = (guint32)(impressions * 0.025 * rng_uniform(rng));
  t->early = (float)(0.45 + 0.4 * rng_uniform(rng));
}

/* Most posts of members go out through the program's advocacy tool. */
static void tool_post_maybe(Life *l, const Event *share, Rng *rng)
{
  int program = life_program_on(l, share->day);
  if (program < 0 || !tool_live(l->s, program, ym_of_day(share->day)) || !rng_chance(rng, 0.7))
    return;
  ToolPost t = {.person = l->person_index, .day = share->day, .program = (guint8)program};
  t.activity = rng_activity(rng);
  tool_post_metrics(l, &t, rng);
  double u = rng_uniform(rng);
  t.unknown = u < 0.02 ? 1 << METRIC_IMPRESSIONS : (u < 0.07 ? 1 << METRIC_CLICKS : 0);
  t.unknown_early = rng_chance(rng, 0.04) ? 1 << METRIC_IMPRESSIONS : 0;
  /* Posts from late in the month are listed again, with grown numbers, a month later. */
  int y, mo, d;
  day_to_ymd(share->day, &y, &mo, &d);
  t.repeated = rng_chance(rng, d > 15 ? 0.8 : 0.35);
  t.email_form = rng_chance(rng, 0.25) ? (guint8)rng_range(rng, 1, 2) : 0;
  g_array_append_val(l->s->posts, t);
}

static void shares_month(Life *l, const MonthPlan *m, Rng *rng)
{
  if (!l->poster)
    return;
  for (int n = rng_count(rng, MAX(0, (m->brand - 8) * 0.2)); n > 0; n--) {
    Event *e = life_add(l, EV_SHARE, rng_day(rng, m->lo, m->hi), rng);
    e->link = rng_activity(rng);
    e->text = (guint16)rng_range(rng, 0, G_N_ELEMENTS(SHARE_TEXTS) - 1);
    e->flags = (rng_chance(rng, 0.02) ? EVF_NO_LINK : 0) |
               (rng_chance(rng, 0.25) ? EVF_SHARED_URL : 0) |
               (rng_chance(rng, 0.3) ? EVF_MEDIA : 0) | (rng_chance(rng, 0.5) ? EVF_PUBLIC : 0) |
               (rng_chance(rng, 0.2) ? EVF_UGC : 0);
    Event share = *e;
    tool_post_maybe(l, &share, rng);
  }
}

static void engagement_month(Life *l, const MonthPlan *m, Rng *rng)
{
  for (int n = rng_count(rng, MAX(0, (m->insights - 4) * 0.35)); n > 0; n--) {
    Event *e = life_add(l, EV_COMMENT, rng_day(rng, m->lo, m->hi), rng);
    e->link = rng_activity(rng);
    e->text = (guint16)rng_range(rng, 0, G_N_ELEMENTS(COMMENT_TEXTS) - 1);
  }
  for (int n = rng_count(rng, MAX(0, (m->insights - 3) * 0.45)); n > 0; n--) {
    Event *e = life_add(l, EV_REACTION, rng_day(rng, m->lo, m->hi), rng);
    e->link = rng_activity(rng);
    e->kind = (guint8)rng_range(rng, 0, G_N_ELEMENTS(REACTION_TYPES) - 1);
  }
}

/* A message continues one of the last conversation, or starts one, mostly with a connection. */
static void message_contact(Life *l, Event *e, Event *last, Rng *rng)
{
  if (last->link && rng_chance(rng, 0.4)) {
    e->link = last->link;
    e->first = last->first;
    e->last = last->last;
    e->url = last->url;
    return;
  }
  e->link = rng_next(rng);
  if (rng_chance(rng, 0.85))
    contact_known(l, e, rng);
  else
    contact_random(e, rng);
  *last = *e;
}

static void messages_month(Life *l, const MonthPlan *m, Rng *rng)
{
  Event last = {0};
  int sent = rng_count(rng, MAX(0.2, (m->relationships - 6) * 0.15));
  int received = rng_count(rng, 0.1 + 0.04 * m->relationships);
  int drafts = rng_chance(rng, 0.05);
  for (int i = 0; i < sent + received + drafts; i++) {
    Event *e = life_add(l, EV_MESSAGE, rng_day(rng, m->lo, m->hi), rng);
    e->kind = i < sent ? MESSAGE_SENT : (i < sent + received ? MESSAGE_RECEIVED : MESSAGE_DRAFT);
    message_contact(l, e, &last, rng);
    int n = e->kind == MESSAGE_SENT ? G_N_ELEMENTS(MESSAGES_SENT)
                                    : (e->kind == MESSAGE_RECEIVED ? G_N_ELEMENTS(MESSAGES_RECEIVED)
                                                                   : G_N_ELEMENTS(DRAFT_TEXTS));
    e->text = (guint16)rng_range(rng, 0, n - 1);
  }
}

static void endorsements_month(Life *l, const MonthPlan *m, Rng *rng)
{
  for (int n = rng_count(rng, 0.05 + 0.03 * m->brand); n > 0; n--) {
    guint32 day = rng_day(rng, m->lo, m->hi);
    int known = 0;
    while (known < l->n_skills && l->skill_day[known] <= day)
      known++;
    if (known == 0)
      continue;
    Event *e = life_add(l, EV_ENDORSEMENT, day, rng);
    contact_known(l, e, rng);
    e->text = l->skill[rng_range(rng, 0, known - 1)];
    e->kind = status_pick(rng, 0.8);
  }
  if (rng_chance(rng, 0.004 + 0.0015 * m->brand)) {
    Event *e = life_add(l, EV_RECOMMENDATION, rng_day(rng, m->lo, m->hi), rng);
    contact_known(l, e, rng);
    e->company = text_pick(COMPANIES, COMPANY_GENERIC, rng);
    e->alt = text_pick(POSITIONS, POS_GENERIC, rng);
    e->text = (guint16)rng_range(rng, 0, G_N_ELEMENTS(RECOMMENDATION_TEXTS) - 1);
    e->kind = status_pick(rng, 0.75);
  }
}

static void life_month(Life *l, int month, Rng *rng)
{
  MonthPlan m;
  m.lo = MAX(ym_first_day(month), l->start_day);
  m.hi = MIN(ym_last_day(month), l->end_day);
  if (m.lo > m.hi)
    return;
  Level level = person_level(l->person, month);
  m.brand = level.pillar[0];
  m.people = level.pillar[1];
  m.insights = level.pillar[2];
  m.relationships = level.pillar[3];
  m.target = month >= ym_of_day(l->join_day) ? 0.08 + 0.02 * m.people : 0.05;
  m.senior = 0.10 + 0.006 * m.relationships;
  invitations_month(l, &m, rng);
  shares_month(l, &m, rng);
  engagement_month(l, &m, rng);
  messages_month(l, &m, rng);
  endorsements_month(l, &m, rng);
}

static gint event_compare(gconstpointer a, gconstpointer b)
{
  const Event *x = a, *y = b;
  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->secs != y->secs)
    return x->secs < y->secs ? -1 : 1;
  return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

static void life_generate(Life *l, guint person_index)
{
  l->person = sample_person(l->s, person_index);
  l->person_index = person_index;
  l->home = sample_membership(l->s, l->person->membership[0]);
  l->program = l->home->program;
  l->seq = 0;
  for (int k = 0; k < N_EVENT_KINDS; k++)
    g_array_set_size(l->events[k], 0);
  Rng rng = rng_for((guint64)l->s->opt->seed, "linkedin", l->person->id);
  life_names(l, &rng);
  life_span(l, &rng);
  life_profile(l, &rng);
  life_skills(l, &rng);
  life_jobs(l, &rng);
  recommendations_old(l, &rng);
  connections_base(l, &rng);
  int from = MAX(ym_of_day(l->start_day), ym_of_day(l->join_day) - EVENTS_BEFORE_JOINING);
  for (int month = from; month <= ym_of_day(l->end_day); month++)
    life_month(l, month, &rng);
  for (int k = 0; k < N_EVENT_KINDS; k++)
    g_array_sort(l->events[k], event_compare);
}

/* ---------------------------------------------------------------------------------------------
 * When ambassadors download their exports. */

typedef struct {
  guint32 day;
  gboolean folder, complete; /* unpacked into a folder; a "Complete" archive */
} ExportSpec;

static void habit_set(Sample *s, int program, int team, int number, ExportHabit habit,
                      const char *until, gboolean early)
{
  int person;
  membership_find(s, program, team, number, &person);
  Person *p = sample_person(s, (guint)person);
  p->habit = habit;
  p->habit_until = until ? month_parse(until) : 0;
  p->habit_early = early;
}

/* Most download one every few months lately, a few keep a long history; in the samples some
 * people show what programs see: no export at all, exports that stopped, one that is early. */
static void habits_plan(Sample *s)
{
  enum { DE, AT, CH, IT, FR, GF = 0, BEREICH = 1, NORD = 0, MITTE = 1, SUED = 2 };
  for (guint i = 0; i < s->persons->len; i++) {
    Person *p = sample_person(s, i);
    Rng rng = rng_for((guint64)s->opt->seed, "habit", p->id);
    /* Only larger trees get long histories by chance; the samples have three. */
    p->habit = s->opt->scale > 1 && rng_chance(&rng, 0.06) ? HABIT_LONG : HABIT_RECENT;
    p->networker = s->opt->scale > 1 && rng_chance(&rng, 0.04);
    if (s->opt->ambassadors > 0)
      p->habit = HABIT_MONTHLY;
  }
  if (s->opt->ambassadors > 0)
    return;
  int person;
  membership_find(s, PR_FENSTER, IT, 2, &person);
  sample_person(s, (guint)person)->networker = TRUE;
  membership_find(s, PR_AUTO, SUED, 1, &person);
  sample_person(s, (guint)person)->networker = TRUE;
  habit_set(s, PR_FENSTER, FR, 3, HABIT_NONE, NULL, FALSE);
  habit_set(s, PR_WAERME, BEREICH, 4, HABIT_NONE, NULL, FALSE);
  habit_set(s, PR_AUTO, MITTE, 4, HABIT_NONE, NULL, FALSE);
  habit_set(s, PR_FENSTER, AT, 4, HABIT_STALE, "2025-08", TRUE);
  habit_set(s, PR_AUTO, NORD, 5, HABIT_STALE, "2026-04", FALSE);
  habit_set(s, PR_FENSTER, CH, 2, HABIT_OPEN_END, NULL, FALSE);
  habit_set(s, PR_FENSTER, DE, 1, HABIT_LONG, NULL, FALSE);
  habit_set(s, PR_WAERME, GF, 1, HABIT_LONG, NULL, FALSE);
  habit_set(s, PR_AUTO, NORD, 1, HABIT_LONG, NULL, FALSE);
}

/* Programs ask for the export in a month's last week, so it covers the month; some come early. */
static void export_add(GArray *plan, int month, gboolean month_end, guint32 limit, Rng *rng)
{
  guint32 first = ym_first_day(month), last = ym_last_day(month);
  ExportSpec e;
  e.day = month_end ? rng_day(rng, last - 6, last) : rng_day(rng, first + 1, last - 8);
  e.day = MIN(e.day, limit);
  e.folder = rng_chance(rng, 0.2);
  e.complete = rng_chance(rng, 0.12);
  g_array_append_val(plan, e);
}

static void exports_plan(const Life *l, GArray *plan)
{
  const Person *p = l->person;
  Rng rng = rng_for((guint64)l->s->opt->seed, "exports", p->id);
  int join = ym_of_day(l->join_day), end = ym_of_day(l->end_day);
  int first = end - rng_range(&rng, 3, 8), step_lo = 3, step_hi = 5;
  g_array_set_size(plan, 0);
  /* People who leave send their last export the month before. */
  if (l->end_day < ym_last_day(LAST_YEAR * 12 + LAST_MONTH - 1))
    end--;
  if (p->habit == HABIT_NONE || end < join)
    return;
  if (p->habit == HABIT_MONTHLY)
    first = join, step_lo = step_hi = 1;
  else if (p->habit == HABIT_LONG)
    first = join + rng_range(&rng, 0, 2), step_lo = 8, step_hi = 11;
  else if (p->habit == HABIT_STALE) {
    end = MIN(end, p->habit_until);
    first = end - rng_range(&rng, 3, 8);
  }
  double late_share = p->habit == HABIT_MONTHLY ? 0.9 : 0.75;
  for (int month = MAX(first, join); month < end; month += rng_range(&rng, step_lo, step_hi))
    export_add(plan, month, rng_chance(&rng, late_share), l->end_day, &rng);
  gboolean early = p->habit == HABIT_OPEN_END || (p->habit == HABIT_STALE && p->habit_early);
  export_add(plan, end, !early, l->end_day, &rng);
}

/* ---------------------------------------------------------------------------------------------
 * Writing CSV the way LinkedIn does: minimal quoting, or every field quoted. */

typedef enum { QUOTE_MINIMAL, QUOTE_ALL, QUOTE_BACKSLASH } QuoteStyle;

static void csv_field(GString *out, const char *text, gsize len, QuoteStyle style)
{
  if (style != QUOTE_ALL && !memchr(text, ',', len) && !memchr(text, '"', len) &&
      !memchr(text, '\n', len)) {
    g_string_append_len(out, text, (gssize)len);
    return;
  }
  g_string_append_c(out, '"');
  const char *end = text + len;
  for (const char *q; (q = memchr(text, '"', (gsize)(end - text))); text = q + 1) {
    g_string_append_len(out, text, q - text);
    /* Comments.csv escapes a quote with a backslash instead of doubling it. */
    g_string_append(out, style == QUOTE_BACKSLASH ? "\\\"" : "\"\"");
  }
  g_string_append_len(out, text, end - text);
  g_string_append_c(out, '"');
}

static void csv_text(GString *out, const char *text, QuoteStyle style)
{
  csv_field(out, text, strlen(text), style);
}

static void append_uint(GString *out, guint64 v, int width)
{
  char digits[24];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n < width)
    digits[n++] = '0';
  while (n > 0)
    g_string_append_c(out, digits[--n]);
}

static void append_hex(GString *out, guint64 v, int digits)
{
  static const char HEX[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; i--)
    g_string_append_c(out, HEX[(v >> (4 * i)) & 0xF]);
}

static const char *const MONTH_ABBR[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* DATE_* forms of LinkedIn's files. */
typedef enum {
  DATE_DAY_MONTH,  /* 08 Feb 2026 */
  DATE_US_SHORT,   /* 1/29/26, 2:37 PM */
  DATE_US_PADDED,  /* 08/30/22, 05:51 PM */
  DATE_ISO_TIME,   /* 2026-02-09 01:21:47 */
  DATE_ISO_UTC,    /* 2025-06-01 14:03:22 UTC */
  DATE_SLASH_UTC,  /* 2024/02/01 15:02:55 UTC */
  DATE_MONTH_YEAR, /* Jan 2024 */
} DateStyle;

static void append_us_time(GString *out, int y, int m, int d, guint32 secs, gboolean padded)
{
  int hour = (int)(secs / 3600), minute = (int)(secs / 60 % 60), h12 = hour % 12 ? hour % 12 : 12;
  append_uint(out, (guint64)m, padded ? 2 : 1);
  g_string_append_c(out, '/');
  append_uint(out, (guint64)d, padded ? 2 : 1);
  g_string_append_c(out, '/');
  append_uint(out, (guint64)(y % 100), 2);
  g_string_append(out, ", ");
  append_uint(out, (guint64)h12, padded ? 2 : 1);
  g_string_append_c(out, ':');
  append_uint(out, (guint64)minute, 2);
  g_string_append(out, hour < 12 ? " AM" : " PM");
}

static void append_date(GString *out, guint32 day, guint32 secs, DateStyle style)
{
  int y, m, d;
  day_to_ymd(day, &y, &m, &d);
  if (style == DATE_DAY_MONTH || style == DATE_MONTH_YEAR) {
    if (style == DATE_DAY_MONTH) {
      append_uint(out, (guint64)d, 2);
      g_string_append_c(out, ' ');
    }
    g_string_append(out, MONTH_ABBR[m - 1]);
    g_string_append_c(out, ' ');
    append_uint(out, (guint64)y, 4);
    return;
  }
  if (style == DATE_US_SHORT || style == DATE_US_PADDED) {
    append_us_time(out, y, m, d, secs, style == DATE_US_PADDED);
    return;
  }
  char sep = style == DATE_SLASH_UTC ? '/' : '-';
  append_uint(out, (guint64)y, 4);
  g_string_append_c(out, sep);
  append_uint(out, (guint64)m, 2);
  g_string_append_c(out, sep);
  append_uint(out, (guint64)d, 2);
  g_string_append_c(out, ' ');
  append_uint(out, secs / 3600, 2);
  g_string_append_c(out, ':');
  append_uint(out, secs / 60 % 60, 2);
  g_string_append_c(out, ':');
  append_uint(out, secs % 60, 2);
  if (style != DATE_ISO_TIME)
    g_string_append(out, " UTC");
}

/* Profile addresses are ASCII: umlauts the German way, accents dropped. */
static void slug_append(GString *out, const char *text)
{
  for (const char *c = text; *c; c = g_utf8_next_char(c)) {
    gunichar u = g_unichar_tolower(g_utf8_get_char(c));
    const char *ascii = ascii_of(u);
    if (ascii)
      g_string_append(out, ascii);
    else if (u < 0x80 && g_ascii_isalnum((char)u))
      g_string_append_c(out, (char)u);
  }
}

/* Most addresses end in a random suffix; some are vanity addresses without one. */
static void profile_url_append(GString *out, const char *first, const char *last, guint32 url,
                               gboolean scheme)
{
  g_string_append(out, scheme ? "https://www.linkedin.com/in/" : "www.linkedin.com/in/");
  slug_append(out, first);
  g_string_append_c(out, '-');
  slug_append(out, last);
  if (url & 7) {
    g_string_append_c(out, '-');
    append_hex(out, url, 8);
  }
}

static void contact_url_append(GString *out, const Event *e, gboolean scheme)
{
  profile_url_append(out, FIRST_NAMES[e->first], LAST_NAMES[e->last], e->url, scheme);
}

static void activity_url_append(GString *out, guint64 id)
{
  g_string_append(out, "https://www.linkedin.com/feed/update/urn:li:activity:");
  append_uint(out, id, 1);
}

/* ---------------------------------------------------------------------------------------------
 * The files of one export. */

#define IO_BUFFER_SIZE (1 << 20)

typedef struct {
  char name[64];
  guint32 crc, size, offset;
} ZipEntry;

/* Everything writing exports reuses from one file to the next. */
typedef struct {
  Sample *s;
  Life life;
  GArray *plan;          /* ExportSpec */
  GString *data, *field; /* one file's bytes; one field being built */
  char *io_buffer;
  guint32 crc_table[256];
  guint32 connections_url_since, invitation_urls_since, message_drafts_since;
  FILE *zip; /* the archive being written */
  char *zip_path;
  guint32 zip_offset;
  GArray *zip_entries; /* ZipEntry */
  guint16 dos_time, dos_date;
} Exporter;

typedef struct {
  Exporter *x;
  const Life *l;
  guint32 day;
  gboolean folder, complete;
  gboolean old_connections, old_invitations, old_messages; /* formats of before */
  gboolean quote_messages, upper_messages; /* messages.csv fully quoted; named Messages.csv */
  const char *eol;
} ExportJob;

/* How many events of a kind an export of that day holds: those up to the day. */
static guint events_upto(const GArray *events, guint32 day)
{
  guint lo = 0, hi = events->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index(events, Event, mid).day <= day)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static GString *field_begin(const ExportJob *job)
{
  g_string_truncate(job->x->field, 0);
  return job->x->field;
}

static void field_end(const ExportJob *job, GString *out, QuoteStyle style)
{
  csv_field(out, job->x->field->str, job->x->field->len, style);
}

static void header_append(const ExportJob *job, GString *out, const char *header)
{
  g_string_append(out, header);
  g_string_append(out, job->eol);
}

static void own_name_field(const ExportJob *job, GString *out, QuoteStyle style)
{
  GString *f = field_begin(job);
  g_string_append(f, job->l->first);
  g_string_append_c(f, ' ');
  g_string_append(f, job->l->last);
  field_end(job, out, style);
}

static void contact_name_field(const ExportJob *job, GString *out, const Event *e, QuoteStyle style)
{
  GString *f = field_begin(job);
  g_string_append(f, FIRST_NAMES[e->first]);
  g_string_append_c(f, ' ');
  g_string_append(f, LAST_NAMES[e->last]);
  field_end(job, out, style);
}

static void note_field(const ExportJob *job, GString *out, const Note *note, const char *first,
                       QuoteStyle style)
{
  GString *f = field_begin(job);
  if (note->greeting) {
    g_string_append(f, note->greeting);
    g_string_append(f, first);
    g_string_append(f, ", ");
  }
  g_string_append(f, note->body);
  field_end(job, out, style);
}

static const char CONNECTIONS_NOTE[] =
    "Notes:%s\"When exporting your connection data, you may notice that some of the email "
    "addresses are missing. You will only see email addresses for connections who have allowed "
    "their connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    "https://www.linkedin.com/help/linkedin/answer/261\"%s%s";

static void connection_row(const ExportJob *job, GString *out, const Event *e)
{
  if (e->first == NO_NAME) {
    g_string_append(out, job->old_connections ? ",,,,," : ",,,,,,");
  } else {
    csv_text(out, FIRST_NAMES[e->first], QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    csv_text(out, LAST_NAMES[e->last], QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    if (!job->old_connections) {
      contact_url_append(out, e, TRUE);
      g_string_append_c(out, ',');
    }
    if (e->flags & EVF_EMAIL) {
      slug_append(out, FIRST_NAMES[e->first]);
      g_string_append_c(out, '.');
      slug_append(out, LAST_NAMES[e->last]);
      g_string_append_c(out, '@');
      g_string_append(out, EMAIL_DOMAINS[e->url % G_N_ELEMENTS(EMAIL_DOMAINS)]);
    }
    g_string_append_c(out, ',');
    csv_text(out, company_of(e->company), QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    guint16 position = e->change && job->day >= e->change ? e->alt : e->text;
    csv_text(out, text_of(POSITIONS, position), QUOTE_MINIMAL);
    g_string_append_c(out, ',');
  }
  append_date(out, e->day, 0, DATE_DAY_MONTH);
  g_string_append(out, job->eol);
}

static void render_connections(const ExportJob *job, GString *out)
{
  if (!job->old_connections)
    g_string_append_printf(out, CONNECTIONS_NOTE, job->eol, job->eol, job->eol);
  header_append(job, out,
                job->old_connections
                    ? "First Name,Last Name,Email Address,Company,Position,Connected On"
                    : "First Name,Last Name,URL,Email Address,Company,Position,Connected On");
  /* LinkedIn lists the newest first. */
  const GArray *events = job->l->events[EV_CONNECTION];
  for (guint i = events_upto(events, job->day); i-- > 0;)
    connection_row(job, out, &g_array_index(events, Event, i));
}

static void invitation_urls(const ExportJob *job, GString *out, const Event *e)
{
  gboolean outgoing = e->kind == INVITE_OUTGOING;
  g_string_append_c(out, ',');
  if (outgoing)
    profile_url_append(out, job->l->first, job->l->last, job->l->url, TRUE);
  else
    contact_url_append(out, e, TRUE);
  g_string_append_c(out, ',');
  if (!outgoing)
    profile_url_append(out, job->l->first, job->l->last, job->l->url, TRUE);
  else if (!(e->flags & EVF_URL_MISSING))
    contact_url_append(out, e, TRUE);
  if (e->flags & EVF_URL_SLASH)
    g_string_append_c(out, '/');
}

static void invitation_row(const ExportJob *job, GString *out, const Event *e)
{
  gboolean outgoing = e->kind == INVITE_OUTGOING;
  if (outgoing)
    own_name_field(job, out, QUOTE_MINIMAL);
  else
    contact_name_field(job, out, e, QUOTE_MINIMAL);
  g_string_append_c(out, ',');
  if (outgoing)
    contact_name_field(job, out, e, QUOTE_MINIMAL);
  else
    own_name_field(job, out, QUOTE_MINIMAL);
  g_string_append(out, ",\"");
  append_date(out, e->day, e->secs, DATE_US_SHORT);
  g_string_append(out, "\",");
  if (e->text != NO_TEXT)
    note_field(job, out, &INVITE_NOTES[e->text], outgoing ? FIRST_NAMES[e->first] : job->l->first,
               QUOTE_MINIMAL);
  g_string_append(out, outgoing ? ",OUTGOING" : ",INCOMING");
  if (!job->old_invitations)
    invitation_urls(job, out, e);
  g_string_append(out, job->eol);
}

static void render_invitations(const ExportJob *job, GString *out)
{
  header_append(job, out,
                job->old_invitations
                    ? "From,To,Sent At,Message,Direction"
                    : "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl");
  const GArray *events = job->l->events[EV_INVITATION];
  for (guint i = events_upto(events, job->day); i-- > 0;)
    invitation_row(job, out, &g_array_index(events, Event, i));
}

static void share_row(const ExportJob *job, GString *out, const Event *e)
{
  append_date(out, e->day, e->secs, DATE_ISO_TIME);
  g_string_append_c(out, ',');
  if (!(e->flags & EVF_NO_LINK)) {
    g_string_append(out, "https://www.linkedin.com/feed/update/urn%3Ali%3A");
    g_string_append(out, e->flags & EVF_UGC ? "ugcPost%3A" : "share%3A");
    append_uint(out, e->link, 1);
  }
  g_string_append_c(out, ',');
  csv_text(out, SHARE_TEXTS[e->text], QUOTE_MINIMAL);
  g_string_append_c(out, ',');
  if (e->flags & EVF_SHARED_URL) {
    g_string_append(out, "https://www.");
    g_string_append(out, PROGRAMS[job->l->program].domain);
    g_string_append(out, "/news");
  }
  g_string_append_c(out, ',');
  if (e->flags & EVF_MEDIA) {
    g_string_append(out, "https://media.licdn.com/dms/image/D4E22AQ");
    append_hex(out, e->link, 12);
    g_string_append(out, "/feedshare-shrink_800/0/");
    append_uint(out, e->link % 10000000000000ULL, 13);
  }
  g_string_append(out, e->flags & EVF_PUBLIC ? ",PUBLIC" : ",MEMBER_NETWORK");
  g_string_append(out, job->eol);
}

static void render_shares(const ExportJob *job, GString *out)
{
  header_append(job, out, "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility");
  const GArray *events = job->l->events[EV_SHARE];
  for (guint i = events_upto(events, job->day); i-- > 0;)
    share_row(job, out, &g_array_index(events, Event, i));
}

static void render_comments(const ExportJob *job, GString *out)
{
  header_append(job, out, "Date,Link,Message");
  const GArray *events = job->l->events[EV_COMMENT];
  for (guint i = events_upto(events, job->day); i-- > 0;) {
    const Event *e = &g_array_index(events, Event, i);
    append_date(out, e->day, e->secs, DATE_ISO_TIME);
    g_string_append_c(out, ',');
    activity_url_append(out, e->link);
    g_string_append_c(out, ',');
    csv_text(out, COMMENT_TEXTS[e->text], QUOTE_BACKSLASH);
    g_string_append(out, job->eol);
  }
}

static void render_reactions(const ExportJob *job, GString *out)
{
  header_append(job, out, "Date,Type,Link");
  const GArray *events = job->l->events[EV_REACTION];
  for (guint i = events_upto(events, job->day); i-- > 0;) {
    const Event *e = &g_array_index(events, Event, i);
    append_date(out, e->day, e->secs, DATE_ISO_TIME);
    g_string_append_c(out, ',');
    g_string_append(out, REACTION_TYPES[e->kind]);
    g_string_append_c(out, ',');
    activity_url_append(out, e->link);
    g_string_append(out, job->eol);
  }
}

static void message_people(const ExportJob *job, GString *out, const Event *e, QuoteStyle style)
{
  gboolean mine = e->kind != MESSAGE_RECEIVED;
  for (int side = 0; side < 2; side++) { /* FROM and its address, then TO and theirs */
    gboolean own = mine == (side == 0);
    if (own)
      own_name_field(job, out, style);
    else
      contact_name_field(job, out, e, style);
    g_string_append_c(out, ',');
    GString *f = field_begin(job);
    if (own)
      profile_url_append(f, job->l->first, job->l->last, job->l->url, TRUE);
    else
      contact_url_append(f, e, TRUE);
    field_end(job, out, style);
    g_string_append_c(out, ',');
  }
}

static void message_row(const ExportJob *job, GString *out, const Event *e)
{
  QuoteStyle style = job->quote_messages ? QUOTE_ALL : QUOTE_MINIMAL;
  GString *f = field_begin(job);
  g_string_append(f, "2-");
  append_hex(f, e->link, 16);
  append_hex(f, (e->link * 0x9E3779B97F4A7C15ULL) >> 8, 14);
  g_string_append(f, "==");
  field_end(job, out, style);
  g_string_append_c(out, ',');
  csv_text(out, "", style);
  g_string_append_c(out, ',');
  message_people(job, out, e, style);
  f = field_begin(job);
  append_date(f, e->day, e->secs, DATE_ISO_UTC);
  field_end(job, out, style);
  g_string_append_c(out, ',');
  csv_text(out, "", style);
  g_string_append_c(out, ',');
  if (e->kind == MESSAGE_DRAFT)
    csv_text(out, DRAFT_TEXTS[e->text], style);
  else if (e->kind == MESSAGE_SENT)
    note_field(job, out, &MESSAGES_SENT[e->text], FIRST_NAMES[e->first], style);
  else
    note_field(job, out, &MESSAGES_RECEIVED[e->text], job->l->first, style);
  g_string_append_c(out, ',');
  csv_text(out, e->kind == MESSAGE_DRAFT ? "DRAFT" : "INBOX", style);
  if (!job->old_messages) {
    g_string_append_c(out, ',');
    csv_text(out, "", style);
    g_string_append_c(out, ',');
    csv_text(out, e->kind == MESSAGE_DRAFT ? "Yes" : "No", style);
    g_string_append_c(out, ',');
    csv_text(out, "No", style);
  }
  g_string_append(out, job->eol);
}

static const char *const MESSAGE_COLUMNS[] = {"CONVERSATION ID",
                                              "CONVERSATION TITLE",
                                              "FROM",
                                              "SENDER PROFILE URL",
                                              "TO",
                                              "RECIPIENT PROFILE URLS",
                                              "DATE",
                                              "SUBJECT",
                                              "CONTENT",
                                              "FOLDER",
                                              "ATTACHMENTS",
                                              "IS MESSAGE DRAFT",
                                              "IS CONVERSATION DRAFT"};

static void render_messages(const ExportJob *job, GString *out)
{
  guint n = job->old_messages ? 10 : G_N_ELEMENTS(MESSAGE_COLUMNS);
  for (guint c = 0; c < n; c++) {
    if (c > 0)
      g_string_append_c(out, ',');
    csv_text(out, MESSAGE_COLUMNS[c], job->quote_messages ? QUOTE_ALL : QUOTE_MINIMAL);
  }
  g_string_append(out, job->eol);
  const GArray *events = job->l->events[EV_MESSAGE];
  for (guint i = events_upto(events, job->day); i-- > 0;)
    message_row(job, out, &g_array_index(events, Event, i));
}

static void render_endorsements(const ExportJob *job, GString *out)
{
  static const char *const STATUS[] = {"ACCEPTED", "PENDING", "HIDDEN"};
  header_append(job, out,
                "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
                "Endorser Public Url,Endorsement Status");
  const GArray *events = job->l->events[EV_ENDORSEMENT];
  for (guint i = events_upto(events, job->day); i-- > 0;) {
    const Event *e = &g_array_index(events, Event, i);
    append_date(out, e->day, e->secs, DATE_SLASH_UTC);
    g_string_append_c(out, ',');
    csv_text(out, SKILLS[job->l->program].items[e->text], QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    csv_text(out, FIRST_NAMES[e->first], QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    csv_text(out, LAST_NAMES[e->last], QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    contact_url_append(out, e, FALSE);
    g_string_append_c(out, ',');
    g_string_append(out, STATUS[e->kind]);
    g_string_append(out, job->eol);
  }
}

static void render_recommendations(const ExportJob *job, GString *out)
{
  static const char *const STATUS[] = {"VISIBLE", "PENDING", "HIDDEN"};
  header_append(job, out, "First Name,Last Name,Company,Job Title,Text,Creation Date,Status");
  const GArray *events = job->l->events[EV_RECOMMENDATION];
  for (guint i = events_upto(events, job->day); i-- > 0;) {
    const Event *e = &g_array_index(events, Event, i);
    csv_text(out, FIRST_NAMES[e->first], QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    csv_text(out, LAST_NAMES[e->last], QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    csv_text(out, company_of(e->company), QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    csv_text(out, text_of(POSITIONS, e->alt), QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    csv_text(out, RECOMMENDATION_TEXTS[e->text], QUOTE_MINIMAL);
    g_string_append(out, ",\"");
    append_date(out, e->day, e->secs, DATE_US_PADDED);
    g_string_append(out, "\",");
    g_string_append(out, STATUS[e->kind]);
    g_string_append(out, job->eol);
  }
}

static gboolean profile_has(const ExportJob *job, int field)
{
  return job->l->profile_since[field] != 0 && job->l->profile_since[field] <= job->day;
}

static const char *profile_geo(const Life *l)
{
  TextList geo = geo_list(PROGRAMS[l->program].teams[l->home->team].country);
  return geo.items[l->profile_pick[PROFILE_GEO] % geo.n];
}

static void profile_links(const ExportJob *job, GString *out)
{
  const Life *l = job->l;
  if (profile_has(job, PROFILE_TWITTER)) {
    g_string_append_c(out, '[');
    slug_append(out, l->last);
    g_string_append_c(out, ']');
  }
  g_string_append_c(out, ',');
  if (profile_has(job, PROFILE_WEBSITES)) {
    GString *f = field_begin(job);
    g_string_append_printf(f, "[COMPANY:www.%s]", PROGRAMS[l->program].domain);
    if (l->profile_pick[PROFILE_WEBSITES] % 5 == 0) {
      g_string_append(f, ",[PERSONAL:www.");
      slug_append(f, l->last);
      g_string_append(f, "-beratung.de]");
    }
    field_end(job, out, QUOTE_MINIMAL);
  }
  g_string_append_c(out, ',');
}

static void render_profile(const ExportJob *job, GString *out)
{
  const Life *l = job->l;
  header_append(job, out,
                "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
                "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers");
  csv_text(out, l->first, QUOTE_MINIMAL);
  g_string_append_c(out, ',');
  csv_text(out, l->last, QUOTE_MINIMAL);
  g_string_append(out, ",,,");
  if (profile_has(job, PROFILE_BIRTH))
    g_string_append_printf(out, "%s %d", MONTH_ABBR[l->profile_pick[PROFILE_BIRTH] % 12],
                           1 + l->profile_pick[PROFILE_HEADLINE] % 28);
  g_string_append_c(out, ',');
  if (profile_has(job, PROFILE_HEADLINE))
    csv_text(out, l->headline, QUOTE_MINIMAL);
  g_string_append_c(out, ',');
  if (profile_has(job, PROFILE_SUMMARY)) {
    const TextList *list = &SUMMARIES[l->program];
    csv_text(out, list->items[l->profile_pick[PROFILE_SUMMARY] % list->n], QUOTE_MINIMAL);
  }
  g_string_append_c(out, ',');
  if (profile_has(job, PROFILE_INDUSTRY))
    csv_text(out, PROGRAMS[l->program].industry, QUOTE_MINIMAL);
  g_string_append(out, ",,");
  if (profile_has(job, PROFILE_GEO))
    csv_text(out, profile_geo(l), QUOTE_MINIMAL);
  g_string_append_c(out, ',');
  profile_links(job, out);
  g_string_append(out, job->eol);
}

static void render_positions(const ExportJob *job, GString *out)
{
  const Life *l = job->l;
  header_append(job, out, "Company Name,Title,Description,Location,Started On,Finished On");
  const char *geo = profile_geo(l), *comma = strchr(geo, ',');
  for (int i = 0; i < l->n_jobs; i++) {
    const Job *j = &l->job[i];
    if (j->from > job->day)
      continue;
    csv_text(out, company_of(j->company), QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    csv_text(out, j->title == NO_TEXT ? l->home->role : text_of(POSITIONS, j->title),
             QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    csv_text(out, JOB_DESCRIPTIONS[j->description], QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    if (i == 0)
      csv_field(out, geo, comma ? (gsize)(comma - geo) : strlen(geo), QUOTE_MINIMAL);
    g_string_append_c(out, ',');
    append_date(out, j->from, 0, DATE_MONTH_YEAR);
    g_string_append_c(out, ',');
    if (j->to)
      append_date(out, j->to, 0, DATE_MONTH_YEAR);
    g_string_append(out, job->eol);
  }
}

static void render_skills(const ExportJob *job, GString *out)
{
  header_append(job, out, "Name");
  for (int i = 0; i < job->l->n_skills && job->l->skill_day[i] <= job->day; i++) {
    csv_text(out, SKILLS[job->l->program].items[job->l->skill[i]], QUOTE_MINIMAL);
    g_string_append(out, job->eol);
  }
}

enum {
  MEMBER_CONNECTIONS,
  MEMBER_INVITATIONS,
  MEMBER_SHARES,
  MEMBER_COMMENTS,
  MEMBER_REACTIONS,
  MEMBER_MESSAGES,
  MEMBER_ENDORSEMENTS,
  MEMBER_RECOMMENDATIONS,
  MEMBER_PROFILE,
  MEMBER_POSITIONS,
  MEMBER_SKILLS,
  MEMBER_AD_TARGETING,
  MEMBER_LEARNING,
  MEMBER_RICH_MEDIA, /* Complete archives only */
  N_MEMBERS
};

static const char *const MEMBER_FILES[N_MEMBERS] = {"Connections.csv",
                                                    "Invitations.csv",
                                                    "Shares.csv",
                                                    "Comments.csv",
                                                    "Reactions.csv",
                                                    "messages.csv",
                                                    "Endorsement_Received_Info.csv",
                                                    "Recommendations_Received.csv",
                                                    "Profile.csv",
                                                    "Positions.csv",
                                                    "Skills.csv",
                                                    "Ad_Targeting.csv",
                                                    "Learning.csv",
                                                    "Rich_Media.csv"};

/* Files the pipeline does not use: it lists them as such. */
static void render_unused(const ExportJob *job, GString *out, int member)
{
  if (member == MEMBER_AD_TARGETING) {
    header_append(job, out, "Member Age,Company Names,Degrees,Member Interests");
    g_string_append(out, "35 to 54,");
    csv_text(out, PROGRAMS[job->l->program].company, QUOTE_MINIMAL);
    g_string_append(out, ",Master,\"Construction, Sales\"");
    g_string_append(out, job->eol);
  } else if (member == MEMBER_LEARNING) {
    header_append(job, out,
                  "Content Title,Content Description,Content Type,Content Last Watched Date (if "
                  "viewed),Content Completed At (if completed)");
  } else {
    header_append(job, out, "Date/Time,Media Description,Media Link");
  }
}

static void member_render(const ExportJob *job, int member, GString *out)
{
  switch (member) {
  case MEMBER_CONNECTIONS:
    render_connections(job, out);
    break;
  case MEMBER_INVITATIONS:
    render_invitations(job, out);
    break;
  case MEMBER_SHARES:
    render_shares(job, out);
    break;
  case MEMBER_COMMENTS:
    render_comments(job, out);
    break;
  case MEMBER_REACTIONS:
    render_reactions(job, out);
    break;
  case MEMBER_MESSAGES:
    render_messages(job, out);
    break;
  case MEMBER_ENDORSEMENTS:
    render_endorsements(job, out);
    break;
  case MEMBER_RECOMMENDATIONS:
    render_recommendations(job, out);
    break;
  case MEMBER_PROFILE:
    render_profile(job, out);
    break;
  case MEMBER_POSITIONS:
    render_positions(job, out);
    break;
  case MEMBER_SKILLS:
    render_skills(job, out);
    break;
  default:
    render_unused(job, out, member);
  }
}

/* Complete archives name some files with the member id; some old ones spell Messages.csv. */
static void member_name(const ExportJob *job, int member, char *name, gsize size)
{
  const char *file = MEMBER_FILES[member];
  if (job->complete &&
      (member == MEMBER_SHARES || member == MEMBER_COMMENTS || member == MEMBER_REACTIONS))
    g_snprintf(name, size, "%.*s_%u.csv", (int)(strlen(file) - 4), file, job->l->member_id);
  else if (member == MEMBER_MESSAGES && job->upper_messages)
    g_strlcpy(name, "Messages.csv", size);
  else
    g_strlcpy(name, file, size);
}

/* A file's bytes into x->data: LinkedIn writes no final newline, mostly; a file someone opened
 * and saved again in Excel has a byte-order mark, CRLF and a final line end. */
static void member_bytes(ExportJob *job, int member, Rng *rng)
{
  GString *out = job->x->data;
  g_string_truncate(out, 0);
  gboolean resaved = job->folder && member <= MEMBER_MESSAGES && rng_chance(rng, 0.08);
  job->eol = resaved ? "\r\n" : "\n";
  if (resaved)
    g_string_append(out, "\xEF\xBB\xBF");
  member_render(job, member, out);
  gsize eol_len = strlen(job->eol);
  if (!resaved && !rng_chance(rng, 0.1) && out->len >= eol_len &&
      memcmp(out->str + out->len - eol_len, job->eol, eol_len) == 0)
    g_string_truncate(out, out->len - eol_len);
  job->x->s->counts.export_resaved += resaved;
}

/* ---------------------------------------------------------------------------------------------
 * Zip archives as LinkedIn delivers them, with entries "stored" (uncompressed): local headers,
 * the central directory, the end record; the entries' date is the export's. */

static void crc_table_init(guint32 table[256])
{
  for (guint32 n = 0; n < 256; n++) {
    guint32 c = n;
    for (int k = 0; k < 8; k++)
      c = c & 1 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
}

static guint32 crc32_of(const guint32 table[256], const char *data, gsize len)
{
  guint32 c = 0xFFFFFFFFU;
  for (gsize i = 0; i < len; i++)
    c = table[(c ^ (guchar)data[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFU;
}

static void put16(guint8 *p, guint v)
{
  p[0] = (guint8)(v & 0xFF);
  p[1] = (guint8)((v >> 8) & 0xFF);
}

static void put32(guint8 *p, guint32 v)
{
  put16(p, v & 0xFFFF);
  put16(p + 2, v >> 16);
}

static gboolean stream_write(FILE *file, const char *path, const void *data, gsize len,
                             GError **error)
{
  if (len > 0 && fwrite(data, 1, len, file) != len) {
    g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot write %s: %s", path,
                g_strerror(errno));
    return FALSE;
  }
  return TRUE;
}

static gboolean stream_close(FILE *file, const char *path, GError **error)
{
  if (fclose(file) != 0) {
    g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot write %s: %s", path,
                g_strerror(errno));
    return FALSE;
  }
  return TRUE;
}

static FILE *stream_open(Exporter *x, const char *path, GError **error)
{
  FILE *file = fopen(path, "wb");
  if (!file) {
    g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot create %s: %s", path,
                g_strerror(errno));
    return NULL;
  }
  setvbuf(file, x->io_buffer, _IOFBF, IO_BUFFER_SIZE);
  return file;
}

static gboolean zip_open(Exporter *x, const char *path, guint32 day, guint32 secs, GError **error)
{
  int y, m, d;
  day_to_ymd(day, &y, &m, &d);
  x->dos_date = (guint16)((y - 1980) << 9 | m << 5 | d);
  x->dos_time = (guint16)((secs / 3600) << 11 | (secs / 60 % 60) << 5 | (secs % 60) / 2);
  x->zip_offset = 0;
  g_array_set_size(x->zip_entries, 0);
  g_free(x->zip_path);
  x->zip_path = g_strdup(path);
  x->zip = stream_open(x, path, error);
  return x->zip != NULL;
}

static void zip_header_common(const Exporter *x, guint8 *h, const ZipEntry *e)
{
  put16(h, 10); /* version needed: 1.0, stored */
  put16(h + 2, 0);
  put16(h + 4, 0);
  put16(h + 6, x->dos_time);
  put16(h + 8, x->dos_date);
  put32(h + 10, e->crc);
  put32(h + 14, e->size);
  put32(h + 18, e->size);
  put16(h + 22, (guint)strlen(e->name));
  put16(h + 24, 0);
}

static gboolean zip_add(Exporter *x, const char *name, GError **error)
{
  ZipEntry e = {.crc = crc32_of(x->crc_table, x->data->str, x->data->len),
                .size = (guint32)x->data->len,
                .offset = x->zip_offset};
  g_strlcpy(e.name, name, sizeof e.name);
  guint8 h[30];
  put32(h, 0x04034b50);
  zip_header_common(x, h + 4, &e);
  gsize name_len = strlen(e.name);
  if (!stream_write(x->zip, x->zip_path, h, sizeof h, error) ||
      !stream_write(x->zip, x->zip_path, e.name, name_len, error) ||
      !stream_write(x->zip, x->zip_path, x->data->str, x->data->len, error))
    return FALSE;
  x->zip_offset += (guint32)(sizeof h + name_len + x->data->len);
  g_array_append_val(x->zip_entries, e);
  return TRUE;
}

static gboolean zip_close(Exporter *x, GError **error)
{
  guint32 start = x->zip_offset, size = 0;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < x->zip_entries->len; i++) {
    const ZipEntry *e = &g_array_index(x->zip_entries, ZipEntry, i);
    guint8 c[46] = {0};
    put32(c, 0x02014b50);
    put16(c + 4, 20); /* made by: MS-DOS, 2.0 */
    zip_header_common(x, c + 6, e);
    put32(c + 42, e->offset);
    gsize name_len = strlen(e->name);
    ok = stream_write(x->zip, x->zip_path, c, sizeof c, error) &&
         stream_write(x->zip, x->zip_path, e->name, name_len, error);
    size += (guint32)(sizeof c + name_len);
  }
  guint8 end[22] = {0};
  put32(end, 0x06054b50);
  put16(end + 8, x->zip_entries->len);
  put16(end + 10, x->zip_entries->len);
  put32(end + 12, size);
  put32(end + 16, start);
  ok = ok && stream_write(x->zip, x->zip_path, end, sizeof end, error);
  gboolean closed = stream_close(x->zip, x->zip_path, ok ? error : NULL);
  x->zip = NULL;
  return ok && closed;
}

/* ---------------------------------------------------------------------------------------------
 * Writing an ambassador's exports: zip archives, some unpacked into folders of the same name. */

static gboolean folder_add(Exporter *x, const char *folder, const char *name, GError **error)
{
  g_autofree char *path = g_build_filename(folder, name, NULL);
  FILE *file = stream_open(x, path, error);
  if (!file)
    return FALSE;
  gboolean ok = stream_write(file, path, x->data->str, x->data->len, error);
  return stream_close(file, path, ok ? error : NULL) && ok;
}

static void export_job_init(ExportJob *job, Exporter *x, const ExportSpec *spec, Rng *rng)
{
  *job = (ExportJob){.x = x, .l = &x->life, .day = spec->day, .eol = "\n"};
  job->folder = spec->folder;
  job->complete = spec->complete;
  job->old_connections = spec->day < x->connections_url_since;
  job->old_invitations = spec->day < x->invitation_urls_since;
  job->old_messages = spec->day < x->message_drafts_since;
  job->quote_messages = rng_chance(rng, 0.5);
  job->upper_messages = job->old_connections && rng_chance(rng, 0.4);
}

static gboolean export_members_write(Exporter *x, ExportJob *job, const char *path, Rng *rng,
                                     GError **error)
{
  for (int member = 0; member < N_MEMBERS; member++) {
    if (member == MEMBER_RICH_MEDIA && !job->complete)
      continue;
    char name[64];
    member_name(job, member, name, sizeof name);
    member_bytes(job, member, rng);
    if (!(job->folder ? folder_add(x, path, name, error) : zip_add(x, name, error)))
      return FALSE;
    x->s->counts.export_files++;
    x->s->counts.export_bytes += x->data->len;
  }
  return TRUE;
}

static gboolean export_write(Exporter *x, const char *dir, const ExportSpec *spec, GError **error)
{
  int y, m, d;
  day_to_ymd(spec->day, &y, &m, &d);
  char name[64], detail[96];
  g_snprintf(name, sizeof name, "%s_LinkedInDataExport_%02d-%02d-%04d",
             spec->complete ? "Complete" : "Basic", m, d, y);
  g_snprintf(detail, sizeof detail, "%s/%s", x->life.person->id, name);
  Rng rng = rng_for((guint64)x->s->opt->seed, "export", detail);
  ExportJob job;
  export_job_init(&job, x, spec, &rng);
  g_autofree char *path =
      g_strdup_printf("%s%c%s%s", dir, G_DIR_SEPARATOR, name, spec->folder ? "" : ".zip");
  if (spec->folder && g_mkdir_with_parents(path, 0755) != 0) {
    g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot create %s: %s", path,
                g_strerror(errno));
    return FALSE;
  }
  if (!spec->folder &&
      !zip_open(x, path, spec->day, (guint32)rng_range(&rng, 7 * 3600, 22 * 3600), error))
    return FALSE;
  gboolean ok = export_members_write(x, &job, path, &rng, error);
  if (!spec->folder)
    ok = zip_close(x, ok ? error : NULL) && ok;
  Counts *c = &x->s->counts;
  c->exports++;
  c->export_folders += spec->folder;
  c->export_complete += spec->complete;
  c->export_old += job.old_connections;
  return ok;
}

/* The month an ambassador's exports cover up to: an export covers its month from the month's
 * last seven days on (model.md, "Coverage"). */
static int export_covers(guint32 day)
{
  int month = ym_of_day(day);
  return day + 6 >= ym_last_day(month) ? month : month - 1;
}

static void exports_note(Exporter *x)
{
  const Life *l = &x->life;
  Counts *c = &x->s->counts;
  if (x->plan->len == 0) {
    g_ptr_array_add(x->s->export_notes, g_strdup_printf("%s: no export", l->person->id));
    return;
  }
  guint32 newest = g_array_index(x->plan, ExportSpec, x->plan->len - 1).day;
  guint connections = events_upto(l->events[EV_CONNECTION], newest);
  c->with_exports++;
  c->newest_min = c->with_exports == 1 ? connections : MIN(c->newest_min, connections);
  c->newest_max = MAX(c->newest_max, connections);
  int covers = export_covers(newest);
  if (covers >= LAST_YEAR * 12 + LAST_MONTH - 1)
    return;
  int y, m, d;
  day_to_ymd(newest, &y, &m, &d);
  GString *note = g_string_new(NULL);
  g_string_append_printf(note, "%s: newest export %04d-%02d-%02d, covers up to %04d-%02d",
                         l->person->id, y, m, d, covers / 12, covers % 12 + 1);
  if (l->end_day < ym_last_day(LAST_YEAR * 12 + LAST_MONTH - 1)) {
    day_to_ymd(l->end_day, &y, &m, &d);
    g_string_append_printf(note, " (left %04d-%02d-%02d)", y, m, d);
  }
  g_ptr_array_add(x->s->export_notes, g_string_free(note, FALSE));
}

static gboolean person_exports_write(Exporter *x, const char *root, GError **error)
{
  exports_plan(&x->life, x->plan);
  exports_note(x);
  if (x->plan->len == 0)
    return TRUE;
  g_autofree char *dir = g_build_filename(root, x->life.person->id, NULL);
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot create %s: %s", dir,
                g_strerror(errno));
    return FALSE;
  }
  for (guint i = 0; i < x->plan->len; i++)
    if (!export_write(x, dir, &g_array_index(x->plan, ExportSpec, i), error))
      return FALSE;
  return TRUE;
}

static void exporter_init(Exporter *x, Sample *s)
{
  memset(x, 0, sizeof *x);
  x->s = s;
  life_init(&x->life, s);
  x->plan = g_array_new(FALSE, FALSE, sizeof(ExportSpec));
  x->data = g_string_sized_new(1 << 20);
  x->field = g_string_sized_new(1024);
  x->io_buffer = g_malloc(IO_BUFFER_SIZE);
  x->zip_entries = g_array_new(FALSE, FALSE, sizeof(ZipEntry));
  crc_table_init(x->crc_table);
  x->connections_url_since = day_from_iso(CONNECTIONS_URL_SINCE);
  x->invitation_urls_since = day_from_iso(INVITATION_URLS_SINCE);
  x->message_drafts_since = day_from_iso(MESSAGE_DRAFTS_SINCE);
}

static void exporter_clear(Exporter *x)
{
  life_clear(&x->life);
  g_array_unref(x->plan);
  g_string_free(x->data, TRUE);
  g_string_free(x->field, TRUE);
  g_free(x->io_buffer);
  g_free(x->zip_path);
  g_array_unref(x->zip_entries);
}

/* One account at a time: its history, then its exports. The advocacy-tool posts drawn on the
 * way are kept for posts/. */
static gboolean linkedin_write(Sample *s, GError **error)
{
  g_autofree char *root = g_build_filename(s->opt->out, "linkedin", NULL);
  Exporter x;
  exporter_init(&x, s);
  s->posts = g_array_new(FALSE, FALSE, sizeof(ToolPost));
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < s->persons->len; i++) {
    life_generate(&x.life, i);
    if (!s->opt->no_exports)
      ok = person_exports_write(&x, root, error);
  }
  exporter_clear(&x);
  return ok;
}

/* ---------------------------------------------------------------------------------------------
 * posts/: the advocacy tools' monthly exports. Each program has its tool: the fenster firm the
 * generic form, the heating firm its German form, the car importer LinkedIn's post analytics.
 * A month's file lists the posts published that month and, with grown numbers, many of the
 * month before: the later file wins. */

typedef enum { TOOL_GENERIC, TOOL_GENERIC_DE, TOOL_LINKEDIN } ToolForm;

static const struct {
  ToolForm form;
  const char *stem;
} TOOLS[N_PROGRAMS] = {{TOOL_GENERIC, "advocacy-export"},
                       {TOOL_GENERIC_DE, "botschafter-beitraege"},
                       {TOOL_LINKEDIN, "linkedin-post-analytics"}};

/* Rows made to be rejected: few, well below the 5 % limit. */
typedef struct {
  const char *file, *reason;
  int program;
} PlantedPost;

static const PlantedPost PLANTED_POSTS[] = {
    {"2025-05_advocacy-export.csv", "unknown ambassador (l.praktikant@example-fenster.com)",
     PR_FENSTER},
    {"2025-11_botschafter-beitraege.csv", "date 31.11.2025 does not exist", PR_WAERME}};

typedef struct {
  ToolForm form;
  gboolean grouped, bom, final_newline;
  const char *eol;
} PostsFile;

static gint tool_post_compare(gconstpointer a, gconstpointer b)
{
  const ToolPost *x = a, *y = b;
  if (x->program != y->program)
    return x->program < y->program ? -1 : 1;
  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->activity < y->activity ? -1 : (x->activity > y->activity);
}

static void email_append(GString *out, const char *email, int form)
{
  gboolean word_start = TRUE;
  for (const char *c = email; *c; c++) {
    char ch = *c;
    if (form == 1 || (form == 2 && word_start))
      ch = g_ascii_toupper(ch);
    g_string_append_c(out, ch);
    word_start = *c == '.' || *c == '@' || *c == '-';
  }
}

/* Thousands grouped the way Excel saves them: "1,474" in a ',' file, 1.474 in a ';' file. */
static void count_append(GString *out, const PostsFile *f, guint32 v)
{
  if (!f->grouped || v < 1000) {
    append_uint(out, v, 1);
    return;
  }
  gboolean german = f->form == TOOL_GENERIC_DE;
  if (!german)
    g_string_append_c(out, '"');
  append_uint(out, v / 1000, 1);
  g_string_append_c(out, german ? '.' : ',');
  append_uint(out, v % 1000, 3);
  if (!german)
    g_string_append_c(out, '"');
}

static void metrics_append(GString *out, const PostsFile *f, const ToolPost *t, gboolean early)
{
  char sep = f->form == TOOL_GENERIC_DE ? ';' : ',';
  guint unknown = t->unknown | (early ? t->unknown_early : 0);
  for (int m = 0; m < N_METRICS; m++) {
    g_string_append_c(out, sep);
    if (unknown & (1u << m))
      continue;
    count_append(out, f, early ? (guint32)(t->metric[m] * t->early) : t->metric[m]);
  }
}

static void post_day_append(GString *out, ToolForm form, guint32 day)
{
  int y, m, d;
  day_to_ymd(day, &y, &m, &d);
  if (form == TOOL_GENERIC_DE)
    g_string_append_printf(out, "%02d.%02d.%04d", d, m, y);
  else if (form == TOOL_LINKEDIN)
    g_string_append_printf(out, "%d/%d/%04d", m, d, y);
  else
    append_day(out, day, FALSE);
}

static void post_ambassador_append(GString *out, const Sample *s, ToolForm form, const ToolPost *t)
{
  const Person *p = sample_person(s, t->person);
  if (form == TOOL_GENERIC_DE)
    g_string_append(out, p->name);
  else if (form == TOOL_LINKEDIN || t->email_form)
    email_append(out, p->email, t->email_form);
  else
    g_string_append(out, p->id);
}

static void post_row(GString *out, const Sample *s, const PostsFile *f, const ToolPost *t,
                     gboolean early)
{
  char sep = f->form == TOOL_GENERIC_DE ? ';' : ',';
  if (f->form == TOOL_LINKEDIN) {
    activity_url_append(out, t->activity);
    g_string_append_c(out, sep);
    post_day_append(out, f->form, t->day);
    metrics_append(out, f, t, early);
    g_string_append_c(out, sep);
    post_ambassador_append(out, s, f->form, t);
  } else {
    post_ambassador_append(out, s, f->form, t);
    g_string_append_c(out, sep);
    post_day_append(out, f->form, t->day);
    g_string_append_c(out, sep);
    activity_url_append(out, t->activity);
    metrics_append(out, f, t, early);
  }
  g_string_append(out, f->eol);
}

static const Person *program_person(const Sample *s, int program)
{
  for (guint i = 0;; i++)
    if (sample_membership(s, sample_person(s, i)->membership[0])->program == program)
      return sample_person(s, i);
}

static void planted_post_append(GString *out, Sample *s, const PostsFile *f, guint which,
                                const char *name, guint line)
{
  const Person *p = program_person(s, PLANTED_POSTS[which].program);
  if (f->form == TOOL_GENERIC)
    g_string_append(out, "l.praktikant@example-fenster.com,2025-05-14,");
  else
    g_string_append_printf(out, "%s;31.11.2025;", p->name);
  activity_url_append(out, 7123456789012345678ULL + which);
  g_string_append(out, f->form == TOOL_GENERIC ? ",212,3,0,0,1" : ";318;5;1;0;2");
  g_string_append(out, f->eol);
  g_ptr_array_add(s->planted,
                  g_strdup_printf("posts/%s line %u: %s", name, line, PLANTED_POSTS[which].reason));
}

static PostsFile posts_file_make(const Sample *s, int program, const char *name)
{
  Rng rng = rng_for((guint64)s->opt->seed, "posts", name);
  PostsFile f = {TOOLS[program].form, FALSE, FALSE, FALSE, "\n"};
  if (f.form == TOOL_GENERIC_DE) {
    f.eol = "\r\n";
    f.bom = rng_chance(&rng, 0.3);
    f.grouped = rng_chance(&rng, 0.6);
  } else if (f.form == TOOL_GENERIC) {
    f.grouped = rng_chance(&rng, 0.3);
  } else {
    f.bom = rng_chance(&rng, 0.25);
  }
  f.final_newline = rng_chance(&rng, 0.6);
  return f;
}

static void posts_header_append(GString *out, const PostsFile *f)
{
  static const char *const HEADERS[] = {
      [TOOL_GENERIC] = "ambassador,date,post_url,impressions,reactions,comments,reposts,clicks",
      [TOOL_GENERIC_DE] =
          "Botschafter;Datum;Beitrag-URL;Impressionen;Reaktionen;Kommentare;Reposts;Klicks",
      [TOOL_LINKEDIN] =
          "Post URL,Post Publish Date,Impressions,Reactions,Comments,Reposts,Clicks,Author Email"};
  if (f->bom)
    g_string_append(out, "\xEF\xBB\xBF");
  g_string_append(out, HEADERS[f->form]);
  g_string_append(out, f->eol);
}

static int planted_post_in(const Sample *s, const char *name)
{
  for (guint i = 0; s->opt->ambassadors == 0 && i < G_N_ELEMENTS(PLANTED_POSTS); i++)
    if (strcmp(PLANTED_POSTS[i].file, name) == 0)
      return (int)i;
  return -1;
}

/* The rows of month: posts of the month before listed again, then the month's own. */
static void posts_rows_append(GString *out, Sample *s, const PostsFile *f, int program, int month,
                              guint from, const char *name)
{
  int planted = planted_post_in(s, name);
  guint rows = 0;
  for (guint i = from; i < s->posts->len; i++) {
    const ToolPost *t = &g_array_index(s->posts, ToolPost, i);
    int post_month = ym_of_day(t->day);
    if (t->program != program || post_month > month)
      break;
    gboolean early = post_month == month;
    if (!early && !t->repeated)
      continue;
    if (planted >= 0 && rows == 2)
      planted_post_append(out, s, f, (guint)planted, name, rows++ + 2);
    post_row(out, s, f, t, early);
    rows++;
    s->counts.post_rows++;
    s->counts.post_repeated += !early;
    s->counts.post_unknown += (t->unknown | (early ? t->unknown_early : 0)) != 0;
  }
  if (planted >= 0 && rows < 3)
    planted_post_append(out, s, f, (guint)planted, name, rows + 2);
}

static gboolean posts_file_write(Sample *s, const char *dir, int program, int month, guint from,
                                 GError **error)
{
  g_autofree char *name =
      g_strdup_printf("%04d-%02d_%s.csv", month / 12, month % 12 + 1, TOOLS[program].stem);
  PostsFile f = posts_file_make(s, program, name);
  g_autoptr(GString) out = g_string_new(NULL);
  posts_header_append(out, &f);
  posts_rows_append(out, s, &f, program, month, from, name);
  gsize eol_len = strlen(f.eol);
  if (!f.final_newline && out->len >= eol_len)
    g_string_truncate(out, out->len - eol_len);
  s->counts.post_files++;
  return file_write(dir, name, out->str, out->len, error);
}

static int posts_first_month(const Sample *s, int program)
{
  int last = LAST_YEAR * 12 + LAST_MONTH - 1;
  if (s->opt->ambassadors > 0)
    return last - (s->opt->months - 1);
  return month_parse(TOOL_SINCE[program]);
}

static gboolean posts_write(Sample *s, GError **error)
{
  g_autofree char *dir = g_build_filename(s->opt->out, "posts", NULL);
  if (g_mkdir_with_parents(dir, 0755) != 0) {
    g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot create %s: %s", dir,
                g_strerror(errno));
    return FALSE;
  }
  g_array_sort(s->posts, tool_post_compare);
  guint from = 0;
  for (int program = 0; program < N_PROGRAMS; program++) {
    int last = LAST_YEAR * 12 + LAST_MONTH - 1;
    for (int month = posts_first_month(s, program); month <= last; month++) {
      /* from: this program's first post of the month before */
      while (from < s->posts->len) {
        const ToolPost *t = &g_array_index(s->posts, ToolPost, from);
        if (t->program > program || (t->program == program && ym_of_day(t->day) >= month - 1))
          break;
        from++;
      }
      if (!posts_file_write(s, dir, program, month, from, error))
        return FALSE;
    }
  }
  s->counts.post_distinct = s->posts->len;
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * The output folder: never clobber a folder that is not a samples tree. */

static gboolean out_dir_is_safe(const char *dir, GError **error)
{
  g_autoptr(GDir) handle = g_dir_open(dir, 0, error);
  if (!handle)
    return FALSE;
  g_autofree char *ini = g_build_filename(dir, "programs.ini", NULL);
  if (g_file_test(ini, G_FILE_TEST_EXISTS))
    return TRUE;
  /* The committed samples folder holds the generator itself before its first run. */
  for (const char *entry; (entry = g_dir_read_name(handle));)
    if (strcmp(entry, "generator") != 0) {
      g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_USAGE,
                  "%s is not empty and holds no programs.ini: not a samples tree, nothing "
                  "written (give an empty or new folder)",
                  dir);
      return FALSE;
    }
  return TRUE;
}

static gboolean path_remove(const char *path, GError **error)
{
  if (g_remove(path) != 0) {
    g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot remove %s: %s", path,
                g_strerror(errno));
    return FALSE;
  }
  return TRUE;
}

/* A folder's entries, read before anything in it is removed. */
static GPtrArray *dir_entries(const char *dir, GError **error)
{
  g_autoptr(GDir) handle = g_dir_open(dir, 0, error);
  if (!handle)
    return NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func(g_free);
  for (const char *entry; (entry = g_dir_read_name(handle));)
    g_ptr_array_add(entries, g_build_filename(dir, entry, NULL));
  g_ptr_array_sort(entries, (GCompareFunc)g_strcmp0);
  return entries;
}

/* Only what the generator writes goes: the .csv and .json files directly in ssi/ or posts/. */
static gboolean generated_files_clear(const char *dir, GError **error)
{
  g_autoptr(GPtrArray) entries = dir_entries(dir, error);
  if (!entries)
    return FALSE;
  for (guint i = 0; i < entries->len; i++) {
    const char *path = g_ptr_array_index(entries, i);
    if ((g_str_has_suffix(path, ".csv") || g_str_has_suffix(path, ".json")) &&
        g_file_test(path, G_FILE_TEST_IS_REGULAR) && !path_remove(path, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean is_export(const char *path)
{
  g_autofree char *name = g_path_get_basename(path);
  return g_str_has_prefix(name, "Basic_LinkedInDataExport_") ||
         g_str_has_prefix(name, "Complete_LinkedInDataExport_");
}

/* In linkedin/<id>/ the exports go (archives, and unpacked folders holding only files), then
 * the folder itself if nothing else is left in it. */
static gboolean exports_clear(const char *dir, GError **error)
{
  g_autoptr(GPtrArray) entries = dir_entries(dir, error);
  if (!entries)
    return FALSE;
  for (guint i = 0; i < entries->len; i++) {
    const char *path = g_ptr_array_index(entries, i);
    if (!is_export(path))
      continue;
    if (g_file_test(path, G_FILE_TEST_IS_DIR) && !generated_files_clear(path, error))
      return FALSE;
    if (!path_remove(path, error))
      return FALSE;
  }
  g_rmdir(dir); /* stays when it holds something else */
  return TRUE;
}

static gboolean linkedin_dir_clear(const char *root, GError **error)
{
  if (!g_file_test(root, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_autoptr(GPtrArray) entries = dir_entries(root, error);
  if (!entries)
    return FALSE;
  for (guint i = 0; i < entries->len; i++) {
    const char *path = g_ptr_array_index(entries, i);
    if (g_file_test(path, G_FILE_TEST_IS_DIR) && !exports_clear(path, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean out_dir_prepare(const char *dir, GError **error)
{
  if (g_file_test(dir, G_FILE_TEST_EXISTS)) {
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
      g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_USAGE, "%s is not a folder", dir);
      return FALSE;
    }
    if (!out_dir_is_safe(dir, error))
      return FALSE;
  }
  g_autofree char *ssi_dir = g_build_filename(dir, "ssi", NULL);
  g_autofree char *posts_dir = g_build_filename(dir, "posts", NULL);
  g_autofree char *linkedin_dir = g_build_filename(dir, "linkedin", NULL);
  for (int i = 0; i < 2; i++)
    if (g_mkdir_with_parents(i ? posts_dir : ssi_dir, 0755) != 0) {
      g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot create %s: %s",
                  i ? posts_dir : ssi_dir, g_strerror(errno));
      return FALSE;
    }
  return generated_files_clear(ssi_dir, error) && generated_files_clear(posts_dir, error) &&
         linkedin_dir_clear(linkedin_dir, error);
}

/* ---------------------------------------------------------------------------------------------
 * Putting it together. */

/* One managing director keeps the JSON captures coming. */
static void collect_keep(Sample *s)
{
  enum { GF };
  int person;
  membership_find(s, PR_WAERME, GF, 2, &person);
  sample_person(s, (guint)person)->collect_until = LAST_YEAR * 12 + LAST_MONTH - 1;
}

static void sample_plan(Sample *s)
{
  if (s->opt->ambassadors > 0)
    plan_benchmark(s);
  else
    plan_samples(s);
  for (guint i = 0; i < s->persons->len; i++) {
    person_simulate(s, sample_person(s, i));
    collect_plan(s, sample_person(s, i));
  }
  if (s->opt->ambassadors == 0)
    collect_keep(s);
  for (guint i = 0; i < s->persons->len; i++)
    readings_cut(sample_person(s, i));
  files_plan(s);
  habits_plan(s);
  if (s->opt->ambassadors == 0)
    defects_plant(s);
}

/* One function per kind of output. The LinkedIn histories give the advocacy-tool posts too. */
static gboolean sample_write(Sample *s, GError **error)
{
  if (!out_dir_prepare(s->opt->out, error))
    return FALSE;
  if (!programs_write(s, error) || !roster_write(s, error) || !ssi_write(s, error))
    return FALSE;
  return linkedin_write(s, error) && posts_write(s, error);
}

static void summary_print_linkedin(const Sample *s)
{
  const Counts *c = &s->counts;
  if (s->opt->no_exports) {
    g_print("linkedin/: not written (--no-exports)\n");
    return;
  }
  g_print("linkedin/: %u exports (%u zip archives, %u unpacked folders; %u Complete, %u in the "
          "formats of before 2023) of %u ambassadors, %u files, %.1f MB\n",
          c->exports, c->exports - c->export_folders, c->export_folders, c->export_complete,
          c->export_old, c->with_exports, c->export_files, (double)c->export_bytes / 1e6);
  g_print("linkedin/: %u to %u connections in an ambassador's newest export; %u files re-saved "
          "with byte-order mark and CRLF\n",
          c->newest_min, c->newest_max, c->export_resaved);
  guint shown = MIN(s->export_notes->len, 20);
  for (guint i = 0; i < shown; i++)
    g_print("linkedin/ %s\n", (const char *)g_ptr_array_index(s->export_notes, i));
  if (shown < s->export_notes->len)
    g_print("linkedin/ ... and %u more without exports covering the report month\n",
            s->export_notes->len - shown);
}

static void summary_print_collection(const Sample *s)
{
  guint collecting = 0, last = LAST_YEAR * 12 + LAST_MONTH - 1;
  for (guint i = 0; i < s->persons->len; i++)
    collecting += sample_person(s, i)->collect_until >= (int)last;
  g_print("ssi/: %u of %u ambassadors keep collecting SSI to the end; the others stop 6 to 14 "
          "months before the report month\n",
          collecting, s->persons->len);
}

static void sample_print_summary(const Sample *s)
{
  const Counts *c = &s->counts;
  g_print("%s: %u ambassadors, %u roster rows, report month %04d-%02d\n", s->opt->out,
          s->persons->len, s->memberships->len, LAST_YEAR, LAST_MONTH);
  g_print("ssi/: %u CSV files with %u rows (%u without total, %u with only the total), "
          "%u JSON captures\n",
          c->csv_files, c->csv_rows, c->no_total_rows, c->total_only_rows, c->json_files);
  g_print("ssi/ quirks: %u with byte-order mark, %u Windows-1252, %u with alias headers, "
          "%u without final newline\n",
          c->bom_files, c->cp1252_files, c->alias_files, c->open_files);
  summary_print_collection(s);
  summary_print_linkedin(s);
  g_print("posts/: %u files, %u rows: %u posts, %u listed again with grown numbers, %u rows with "
          "an unknown metric\n",
          c->post_files, c->post_rows, c->post_distinct, c->post_repeated, c->post_unknown);
  for (guint i = 0; i < s->planted->len; i++)
    g_print("planted: %s\n", (const char *)g_ptr_array_index(s->planted, i));
}

static gboolean options_parse(int argc, char **argv, Options *opt, GError **error)
{
  GOptionEntry entries[] = {
      {"out", 'o', 0, G_OPTION_ARG_FILENAME, &opt->out, "Folder to write the tree into", "DIR"},
      {"seed", 0, 0, G_OPTION_ARG_INT64, &opt->seed, "Random seed (default 2026)", "N"},
      {"scale", 0, 0, G_OPTION_ARG_INT, &opt->scale, "Ambassadors per team times N (1-50)", "N"},
      {"ambassadors", 0, 0, G_OPTION_ARG_INT, &opt->ambassadors,
       "Benchmark tree: N ambassadors over all teams", "N"},
      {"months", 0, 0, G_OPTION_ARG_INT, &opt->months,
       "Benchmark tree: the last M months up to 2026-10 (default 24)", "M"},
      {"no-exports", 0, 0, G_OPTION_ARG_NONE, &opt->no_exports,
       "Write no LinkedIn data exports (linkedin/)", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  g_autoptr(GOptionContext) context = g_option_context_new("- write the samples input tree");
  g_option_context_add_main_entries(context, entries, NULL);
  if (!g_option_context_parse(context, &argc, &argv, error))
    return FALSE;
  const char *problem = NULL;
  if (!opt->out)
    problem = "--out DIR is required";
  else if (argc > 1)
    problem = "unexpected argument";
  else if (opt->scale < 1 || opt->scale > 50)
    problem = "--scale must be 1 to 50";
  else if (opt->ambassadors < 0 || opt->ambassadors > 1000000)
    problem = "--ambassadors must be 1 to 1000000";
  else if (opt->months != 0 && opt->ambassadors == 0)
    problem = "--months needs --ambassadors";
  else if (opt->ambassadors > 0 && (opt->months < 0 || opt->months > 240))
    problem = "--months must be 1 to 240";
  else if (opt->ambassadors > 0 && opt->scale != 1)
    problem = "--scale and --ambassadors exclude each other";
  if (problem)
    g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_USAGE, "%s (see --help)", problem);
  return problem == NULL;
}

int main(int argc, char **argv)
{
  Options opt = {NULL, 2026, 1, 0, 0, FALSE};
  g_autoptr(GError) error = NULL;
  if (!options_parse(argc, argv, &opt, &error)) {
    g_printerr("ssi-samples: %s\n", error->message);
    g_free(opt.out);
    return 1;
  }
  if (opt.ambassadors > 0 && opt.months == 0)
    opt.months = 24;
  g_autoptr(Sample) s = sample_new(&opt);
  sample_plan(s);
  int status = 0;
  if (sample_write(s, &error))
    sample_print_summary(s);
  else {
    g_printerr("ssi-samples: %s\n", error->message);
    status = error->domain == SAMPLES_ERROR ? error->code : SAMPLES_ERROR_OUTPUT;
  }
  g_free(opt.out);
  return status;
}
