/* ssi-samples: writes the samples input tree (programs.ini, roster.csv, ssi/) of three example
 * corporate-influencer programs, or a larger tree of the same shape for benchmarks.
 * Deterministic: the same options give byte-identical files on every run. */

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
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

typedef struct {
  char *id, *name, *email, *consent;
  gboolean female;
  Archetype archetype;
  guint membership[MAX_MEMBERSHIPS];
  int n_memberships;
  GArray *readings; /* Reading, by day */
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
} Counts;

typedef struct {
  const Options *opt;
  char program_start[N_PROGRAMS][11];
  GPtrArray *persons;     /* Person */
  GArray *memberships;    /* Membership, in roster order */
  GPtrArray *files;       /* CsvFile, in writing order */
  GPtrArray *planted;     /* descriptions of the rows made to be rejected */
  GHashTable *used_names; /* while planning only */
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

static void person_simulate(const Sample *s, Person *p)
{
  Rng rng = rng_for((guint64)s->opt->seed, "ssi", p->id);
  guint32 first, last;
  person_span(s, p, &first, &last);
  Trajectory t;
  trajectory_init(&t, p->archetype, &rng);
  int start = ym_of_day(first);
  for (int month = start; month <= ym_of_day(last); month++) {
    if (month > start)
      trajectory_step(&t, month - start, &rng);
    person_read_month(s, p, &t, month, first, last, &rng);
  }
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

/* Only what the generator writes goes: the .csv and .json files directly in ssi/. */
static gboolean ssi_dir_clear(const char *ssi_dir, GError **error)
{
  g_autoptr(GDir) handle = g_dir_open(ssi_dir, 0, error);
  if (!handle)
    return FALSE;
  for (const char *entry; (entry = g_dir_read_name(handle));) {
    if (!g_str_has_suffix(entry, ".csv") && !g_str_has_suffix(entry, ".json"))
      continue;
    g_autofree char *path = g_build_filename(ssi_dir, entry, NULL);
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR) && g_remove(path) != 0) {
      g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot remove %s: %s", path,
                  g_strerror(errno));
      return FALSE;
    }
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
  if (g_mkdir_with_parents(ssi_dir, 0755) != 0) {
    g_set_error(error, SAMPLES_ERROR, SAMPLES_ERROR_OUTPUT, "cannot create %s: %s", ssi_dir,
                g_strerror(errno));
    return FALSE;
  }
  return ssi_dir_clear(ssi_dir, error);
}

/* ---------------------------------------------------------------------------------------------
 * Putting it together. */

static void sample_plan(Sample *s)
{
  if (s->opt->ambassadors > 0)
    plan_benchmark(s);
  else
    plan_samples(s);
  for (guint i = 0; i < s->persons->len; i++)
    person_simulate(s, sample_person(s, i));
  files_plan(s);
  if (s->opt->ambassadors == 0)
    defects_plant(s);
}

/* One function per kind of output; per-ambassador LinkedIn exports and post files join here. */
static gboolean sample_write(Sample *s, GError **error)
{
  if (!out_dir_prepare(s->opt->out, error))
    return FALSE;
  if (!programs_write(s, error) || !roster_write(s, error) || !ssi_write(s, error))
    return FALSE;
  return TRUE;
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
       "Benchmark tree: N ambassadors over all teams (SSI data only)", "N"},
      {"months", 0, 0, G_OPTION_ARG_INT, &opt->months,
       "Benchmark tree: the last M months up to 2026-10 (default 24)", "M"},
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
  Options opt = {NULL, 2026, 1, 0, 0};
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
