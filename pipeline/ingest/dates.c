/* Day parsing for every date form the inputs use (inputs.md): ISO, German,
 * and the forms LinkedIn's exports have used over the years. Time parts are
 * checked for shape and dropped; the day written is the day kept. */
#include "ingest/dates.h"
#include "common/calendar.h"
#include "common/errors.h"
#include <string.h>

#define DATE_YEAR_MIN 2003
#define DATE_YEAR_MAX 2100

/* A cursor over the text being parsed; every reader advances it only on
 * success, so a failed alternative leaves it where it was. */
typedef struct {
  const char *p;
} Scan;

typedef struct {
  int year, month, day;
} Ymd;

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

static gboolean scan_digits(Scan *s, int min_digits, int max_digits, int *out)
{
  int n = 0, value = 0;
  while (n < max_digits && g_ascii_isdigit(s->p[n])) {
    value = value * 10 + (s->p[n] - '0');
    n++;
  }
  if (n < min_digits || g_ascii_isdigit(s->p[n]))
    return FALSE;
  s->p += n;
  *out = value;
  return TRUE;
}

static gboolean scan_char(Scan *s, char c)
{
  if (*s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

static gboolean scan_spaces(Scan *s)
{
  const char *start = s->p;
  while (*s->p == ' ')
    s->p++;
  return s->p != start;
}

static gboolean scan_word(Scan *s, const char *word)
{
  gsize n = strlen(word);
  if (g_ascii_strncasecmp(s->p, word, n) != 0 || g_ascii_isalpha(s->p[n]))
    return FALSE;
  s->p += n;
  return TRUE;
}

/* "Feb" or "February", any case; "Sept" is also seen in English exports.
 * The first three letters pick the month: Connections.csv has one a row. */
static gboolean scan_month_name(Scan *s, int *month)
{
  char abbr[4] = {g_ascii_tolower(s->p[0]), '\0', '\0', '\0'};
  if (abbr[0] != '\0') {
    abbr[1] = g_ascii_tolower(s->p[1]);
    abbr[2] = abbr[1] != '\0' ? g_ascii_tolower(s->p[2]) : '\0';
  }
  for (int i = 0; i < 12; i++) {
    if (strncmp(abbr, month_names[i], 3) != 0)
      continue;
    if (scan_word(s, month_names[i]) || scan_word(s, abbr) || (i == 8 && scan_word(s, "sept"))) {
      *month = i + 1;
      return TRUE;
    }
    return FALSE;
  }
  return FALSE;
}

/* "01:21:47" or "1:21", then " UTC", or " PM"/" AM" where allowed. */
static gboolean scan_time(Scan *s, gboolean allow_meridiem)
{
  int h, m, sec;
  if (!scan_digits(s, 1, 2, &h) || !scan_char(s, ':') || !scan_digits(s, 2, 2, &m) || m > 59)
    return FALSE;
  if (scan_char(s, ':') && (!scan_digits(s, 2, 2, &sec) || sec > 60))
    return FALSE;
  Scan after = *s;
  scan_spaces(&after);
  if (allow_meridiem && (scan_word(&after, "AM") || scan_word(&after, "PM"))) {
    *s = after;
    return h >= 1 && h <= 12;
  }
  if (h > 23)
    return FALSE;
  after = *s;
  if (scan_spaces(&after) && scan_word(&after, "UTC"))
    *s = after;
  return TRUE;
}

static gboolean scan_optional_time(Scan *s)
{
  Scan t = *s;
  if (!scan_spaces(&t))
    return TRUE;
  if (!scan_time(&t, FALSE))
    return FALSE;
  *s = t;
  return TRUE;
}

static gboolean parse_iso(Scan *s, char sep, Ymd *d)
{
  return scan_digits(s, 4, 4, &d->year) && scan_char(s, sep) && scan_digits(s, 1, 2, &d->month) &&
         scan_char(s, sep) && scan_digits(s, 1, 2, &d->day) && scan_optional_time(s);
}

static gboolean parse_german(Scan *s, Ymd *d)
{
  return scan_digits(s, 1, 2, &d->day) && scan_char(s, '.') && scan_digits(s, 1, 2, &d->month) &&
         scan_char(s, '.') && scan_digits(s, 4, 4, &d->year);
}

static gboolean parse_day_month(Scan *s, Ymd *d)
{
  return scan_digits(s, 1, 2, &d->day) && scan_spaces(s) && scan_month_name(s, &d->month) &&
         scan_spaces(s) && scan_digits(s, 4, 4, &d->year);
}

static gboolean parse_month_year(Scan *s, Ymd *d)
{
  d->day = 1;
  return scan_month_name(s, &d->month) && scan_spaces(s) && scan_digits(s, 4, 4, &d->year);
}

/* Month first; "26" is 2026; ", 2:37 PM" (or " 14:37") may follow. */
static gboolean parse_us_short(Scan *s, Ymd *d)
{
  if (!scan_digits(s, 1, 2, &d->month) || !scan_char(s, '/') || !scan_digits(s, 1, 2, &d->day) ||
      !scan_char(s, '/'))
    return FALSE;
  const char *year_start = s->p;
  if (!scan_digits(s, 2, 4, &d->year) || s->p - year_start == 3)
    return FALSE;
  if (s->p - year_start == 2)
    d->year += 2000;
  Scan t = *s;
  gboolean comma = scan_char(&t, ',');
  if (!scan_spaces(&t) && !comma)
    return TRUE;
  if (!scan_time(&t, TRUE))
    return FALSE;
  *s = t;
  return TRUE;
}

static gboolean parse_form(DateForms form, const char *text, Ymd *d)
{
  Scan s = {text};
  gboolean ok = FALSE;
  switch (form) {
  case DATE_FORM_ISO:
    ok = parse_iso(&s, '-', d);
    break;
  case DATE_FORM_GERMAN:
    ok = parse_german(&s, d);
    break;
  case DATE_FORM_DAY_MONTH:
    ok = parse_day_month(&s, d);
    break;
  case DATE_FORM_US_SHORT:
    ok = parse_us_short(&s, d);
    break;
  case DATE_FORM_SLASH_ISO:
    ok = parse_iso(&s, '/', d);
    break;
  case DATE_FORM_MONTH_YEAR:
    ok = parse_month_year(&s, d);
    break;
  default:
    break;
  }
  return ok && *s.p == '\0';
}

static const char *form_pattern(DateForms form)
{
  switch (form) {
  case DATE_FORM_ISO:
    return "YYYY-MM-DD";
  case DATE_FORM_GERMAN:
    return "DD.MM.YYYY";
  case DATE_FORM_DAY_MONTH:
    return "DD Mon YYYY";
  case DATE_FORM_US_SHORT:
    return "M/D/YY";
  case DATE_FORM_SLASH_ISO:
    return "YYYY/MM/DD";
  default:
    return "Mon YYYY";
  }
}

/* "A", "A or B", "A, B or C". */
static char *forms_describe(DateForms forms)
{
  GString *out = g_string_new(NULL);
  guint n = 0, total = 0;
  for (int bit = 0; bit < 6; bit++)
    total += (forms & (1 << bit)) != 0;
  for (int bit = 0; bit < 6; bit++) {
    if (!(forms & (1 << bit)))
      continue;
    if (n > 0)
      g_string_append(out, n + 1 == total ? " or " : ", ");
    g_string_append(out, form_pattern((DateForms)(1 << bit)));
    n++;
  }
  return g_string_free(out, FALSE);
}

/* text without the white space g_strstrip removes, in small (of
 * DATE_SMALL bytes) when it fits: dates are parsed once per row. */
#define DATE_SMALL 64
static const char *date_trim(const char *text, char *small, char **heap)
{
  const char *p = text != NULL ? text : "";
  while (g_ascii_isspace(*p))
    p++;
  gsize len = strlen(p);
  while (len > 0 && g_ascii_isspace(p[len - 1]))
    len--;
  char *out = len < DATE_SMALL ? small : (*heap = g_malloc(len + 1));
  memcpy(out, p, len);
  out[len] = '\0';
  return out;
}

/* --- The forms of nearly every row, read without the scanner ------------ */

/* Exactly n digits at p (stopping at a NUL). */
static gboolean digits_exact(const char *p, int n, int *out)
{
  int value = 0;
  for (int i = 0; i < n; i++) {
    if (!g_ascii_isdigit(p[i]))
      return FALSE;
    value = value * 10 + (p[i] - '0');
  }
  *out = value;
  return TRUE;
}

/* "2026-02-09", "2026-02-09 01:21:47", "2026-02-09 01:21:47 UTC" (sep '-'),
 * the same with '/'. */
static gboolean quick_iso(const char *t, char sep, Ymd *d)
{
  int h, m, s;
  if (!digits_exact(t, 4, &d->year) || t[4] != sep || !digits_exact(t + 5, 2, &d->month) ||
      t[7] != sep || !digits_exact(t + 8, 2, &d->day))
    return FALSE;
  const char *p = t + 10;
  if (*p == '\0')
    return TRUE;
  if (p[0] != ' ' || !digits_exact(p + 1, 2, &h) || p[3] != ':' || !digits_exact(p + 4, 2, &m) ||
      p[6] != ':' || !digits_exact(p + 7, 2, &s) || h > 23 || m > 59 || s > 60)
    return FALSE;
  return p[9] == '\0' || strcmp(p + 9, " UTC") == 0;
}

/* "08 Feb 2026" or "8 Feb 2026", the month's three letters in any case. */
static gboolean quick_day_month(const char *t, Ymd *d)
{
  if (!g_ascii_isdigit(t[0]))
    return FALSE;
  int n = g_ascii_isdigit(t[1]) ? 2 : 1;
  const char *m = t + n + 1;
  if (!digits_exact(t, n, &d->day) || t[n] != ' ' || !g_ascii_isalpha(m[0]) ||
      !g_ascii_isalpha(m[1]) || !g_ascii_isalpha(m[2]) || m[3] != ' ' ||
      !digits_exact(m + 4, 4, &d->year) || m[8] != '\0')
    return FALSE;
  char abbr[3] = {g_ascii_tolower(m[0]), g_ascii_tolower(m[1]), g_ascii_tolower(m[2])};
  for (int i = 0; i < 12; i++) {
    if (memcmp(abbr, month_names[i], 3) == 0) {
      d->month = i + 1;
      return TRUE;
    }
  }
  return FALSE;
}

/* "1/29/26", "1/29/2026", "1/29/26, 2:37 PM", "08/30/22, 05:51 PM". */
static gboolean quick_us_short(const char *t, Ymd *d)
{
  Scan s = {t};
  if (!scan_digits(&s, 1, 2, &d->month) || !scan_char(&s, '/') || !scan_digits(&s, 1, 2, &d->day) ||
      !scan_char(&s, '/'))
    return FALSE;
  const char *year = s.p;
  if (!scan_digits(&s, 2, 4, &d->year) || s.p - year == 3)
    return FALSE;
  d->year += s.p - year == 2 ? 2000 : 0;
  if (*s.p == '\0')
    return TRUE;
  int h, m;
  if (!scan_char(&s, ',') || !scan_char(&s, ' ') || !scan_digits(&s, 1, 2, &h) ||
      !scan_char(&s, ':') || !scan_digits(&s, 2, 2, &m) || m > 59 || h < 1 || h > 12)
    return FALSE;
  return strcmp(s.p, " AM") == 0 || strcmp(s.p, " PM") == 0;
}

/* TRUE when text is wholly one of the quick forms among forms and a valid,
 * plausible day: then no form before it in the scanner's order could read
 * it, and the scanner would give the same day. FALSE leaves it to the
 * scanner, with its messages. */
static gboolean date_quick(const char *text, DateForms forms, Ymd *d)
{
  gboolean read = ((forms & DATE_FORM_ISO) && quick_iso(text, '-', d)) ||
                  ((forms & DATE_FORM_SLASH_ISO) && quick_iso(text, '/', d)) ||
                  ((forms & DATE_FORM_DAY_MONTH) && quick_day_month(text, d)) ||
                  ((forms & DATE_FORM_US_SHORT) && quick_us_short(text, d));
  return read && d->year >= DATE_YEAR_MIN && d->year <= DATE_YEAR_MAX &&
         calendar_date_valid(d->year, d->month, d->day);
}

gboolean ingest_date_parse(const char *text, DateForms forms, GDate *out, GError **error)
{
  Ymd quick;
  if (text != NULL && date_quick(text, forms, &quick)) {
    g_date_clear(out, 1);
    g_date_set_julian(out, calendar_julian_day(quick.year, quick.month, quick.day));
    return TRUE;
  }
  char small[DATE_SMALL];
  g_autofree char *heap = NULL;
  const char *trimmed = date_trim(text, small, &heap);
  for (int bit = 0; bit < 6; bit++) {
    Ymd d = {0, 0, 0};
    if (!(forms & (1 << bit)) || !parse_form((DateForms)(1 << bit), trimmed, &d))
      continue;
    if (!g_date_valid_dmy((GDateDay)d.day, (GDateMonth)d.month, (GDateYear)d.year))
      continue;
    if (d.year < DATE_YEAR_MIN || d.year > DATE_YEAR_MAX) {
      g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT,
                  "implausible date \"%s\" (years %d to %d)", trimmed, DATE_YEAR_MIN,
                  DATE_YEAR_MAX);
      return FALSE;
    }
    g_date_clear(out, 1);
    g_date_set_dmy(out, (GDateDay)d.day, (GDateMonth)d.month, (GDateYear)d.year);
    return TRUE;
  }
  g_autofree char *expected = forms_describe(forms);
  g_set_error(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT, "not a date: \"%s\" (expected %s)",
              trimmed, expected);
  return FALSE;
}

static void put_digits(char *out, unsigned value, int width)
{
  for (int i = width - 1; i >= 0; i--, value /= 10)
    out[i] = (char)('0' + value % 10);
}

/* Without printf: every event of the LinkedIn files is written with one. */
void ingest_date_format(const GDate *date, char buf[11])
{
  put_digits(buf, (unsigned)g_date_get_year(date) % 10000, 4);
  buf[4] = '-';
  put_digits(buf + 5, (unsigned)g_date_get_month(date), 2);
  buf[7] = '-';
  put_digits(buf + 8, (unsigned)g_date_get_day(date), 2);
  buf[10] = '\0';
}
