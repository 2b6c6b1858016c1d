/* The English and German texts of the workbooks, looked up by key, so that
 * a sheet never holds a user-visible string and both languages stay
 * complete (the tests check every key has both). */
#include "report/labels.h"

#include "report/months.h"

#include <string.h>

typedef struct {
  const char *en;
  const char *de;
} LabelPair;

static const LabelPair labels[REPORT_LABEL_COUNT] = {
    [REPORT_LABEL_SHEET_SUMMARY] = {"Summary", "Übersicht"},
    [REPORT_LABEL_SHEET_PROGRAMS] = {"Programs", "Programme"},
    [REPORT_LABEL_SHEET_TEAMS] = {"Teams", "Teams"},
    [REPORT_LABEL_SHEET_AMBASSADORS] = {"Ambassadors", "Botschafter"},
    [REPORT_LABEL_SHEET_TREND] = {"Trend", "Trend"},
    [REPORT_LABEL_SHEET_COACHING] = {"Coaching", "Coaching"},
    [REPORT_LABEL_SHEET_QUALITY] = {"Data quality", "Datenqualität"},
    [REPORT_LABEL_SHEET_LEADERBOARD] = {"Leaderboard", "Rangliste"},
    [REPORT_LABEL_SHEET_METHOD] = {"Method", "Methodik"},

    [REPORT_LABEL_WORKBOOK_TITLE] = {"SSI program report", "SSI-Programmbericht"},
    [REPORT_LABEL_MANAGEMENT_TITLE] = {"SSI management summary", "SSI-Management-Übersicht"},
    [REPORT_LABEL_REPORT_MONTH] = {"Report month: %s", "Berichtsmonat: %s"},
    [REPORT_LABEL_TITLE_TEAMS] = {"Teams – %s", "Teams – %s"},
    [REPORT_LABEL_TITLE_AMBASSADORS] = {"Ambassadors – %s", "Botschafter – %s"},
    [REPORT_LABEL_TITLE_TREND] = {"SSI per ambassador and month", "SSI je Botschafter und Monat"},
    [REPORT_LABEL_TITLE_COACHING] = {"Coaching – %s", "Coaching – %s"},
    [REPORT_LABEL_NOTE_COACHING] =
        {"Weakest pillar: the lowest share of its 25 points. Factor: the "
         "one in that pillar with the most points missing to its "
         "target.",
         "Schwächste Säule: der niedrigste Anteil ihrer 25 Punkte. "
         "Faktor: der mit den meisten fehlenden Punkten in dieser "
         "Säule."},
    [REPORT_LABEL_TITLE_QUALITY] = {"Data quality", "Datenqualität"},
    [REPORT_LABEL_TITLE_METHOD] = {"Method", "Methodik"},
    [REPORT_LABEL_ALL_PROGRAMS] = {"All programs", "Alle Programme"},
    [REPORT_LABEL_NOTE_BANDS] = {"Share good: SSI of %s or more; share low: SSI below %s; both of "
                                 "the ambassadors with an SSI.",
                                 "Anteil gut: SSI ab %s; Anteil niedrig: SSI unter %s; jeweils "
                                 "bezogen auf die Botschafter mit SSI."},
    [REPORT_LABEL_NOTE_ALL_PROGRAMS] = {"All programs: an ambassador in two programs counts "
                                        "twice.",
                                        "Alle Programme: Wer in zwei Programmen ist, zählt "
                                        "doppelt."},
    [REPORT_LABEL_NOTE_NO_PROGRAM_ROWS] = {"No program has members in this month.",
                                           "Kein Programm hat in diesem Monat Mitglieder."},
    [REPORT_LABEL_SECTION_TEAM_TREND] = {"Mean SSI per team, last 12 months",
                                         "Mittlerer SSI je Team, letzte 12 Monate"},
    [REPORT_LABEL_NOTE_NO_TEAM_ROWS] = {"No team has members in this month.",
                                        "Kein Team hat in diesem Monat Mitglieder."},
    [REPORT_LABEL_NOTE_NO_AMBASSADOR_ROWS] = {"No ambassador is a member in this month.",
                                              "In diesem Monat ist niemand Botschafter."},
    [REPORT_LABEL_SECTION_INPUT_FILES] = {"Input files", "Eingabedateien"},
    [REPORT_LABEL_SECTION_REJECTS] = {"Rejected rows", "Abgewiesene Zeilen"},
    [REPORT_LABEL_SECTION_WARNINGS] = {"Warnings", "Hinweise"},
    [REPORT_LABEL_NO_REJECTS] = {"No rows were rejected.", "Es wurden keine Zeilen abgewiesen."},
    [REPORT_LABEL_NO_WARNINGS] = {"No warnings.", "Keine Hinweise."},
    [REPORT_LABEL_SECTION_FILES_BY_KIND] = {"Input files by kind", "Eingabedateien nach Art"},
    [REPORT_LABEL_ALL_FILES] = {"All files", "Alle Dateien"},
    [REPORT_LABEL_SECTION_ATTENTION] = {"Input files that need attention",
                                        "Eingabedateien, die Aufmerksamkeit brauchen"},
    [REPORT_LABEL_NO_ATTENTION] = {"No input file needs attention.",
                                   "Keine Eingabedatei braucht Aufmerksamkeit."},
    [REPORT_LABEL_NOTE_MORE_ATTENTION] =
        {"Files that need attention, not listed here: %s (see %s).",
         "Weitere Dateien, die Aufmerksamkeit brauchen: %s "
         "(siehe %s)."},
    [REPORT_LABEL_NOTE_FILES_WITHOUT_PROBLEM] =
        {"Files read without a problem, not listed here: %s; every input file is listed in %s.",
         "Weitere ohne Probleme gelesene Dateien: %s; jede Eingabedatei steht in %s."},
    [REPORT_LABEL_NOTE_MORE_REJECTS] = {"Rejected rows not listed here: %s (see %s).",
                                        "Weitere abgewiesene Zeilen: %s (siehe %s)."},
    [REPORT_LABEL_NOTE_MORE_WARNINGS] = {"Warnings not listed here: %s (see %s).",
                                         "Weitere Hinweise: %s (siehe %s)."},
    [REPORT_LABEL_NOTE_INPUT_FILES_SUMMARY] =
        {"%s input files, %s bytes in all, each listed with its SHA-256 in %s, whose SHA-256 "
         "is %s.",
         "%s Eingabedateien, zusammen %s Bytes, jede mit ihrer SHA-256 aufgeführt in %s, deren "
         "SHA-256 %s ist."},
    [REPORT_LABEL_NO_INPUT_FILES] = {"No input files were read.",
                                     "Es wurden keine Eingabedateien gelesen."},
    [REPORT_LABEL_SECTION_SETTINGS] = {"Settings", "Einstellungen"},
    [REPORT_LABEL_SECTION_CONFIG_FILES] = {"Configuration files", "Konfigurationsdateien"},
    [REPORT_LABEL_SECTION_INPUT_CHECKSUMS] = {"Input files", "Eingabedateien"},
    [REPORT_LABEL_SECTION_MODEL_FACTORS] = {"Estimated SSI: the model's factors",
                                            "Geschätzter SSI: die Faktoren des Modells"},
    [REPORT_LABEL_NOTE_MODEL_FACTORS] = {"Each factor scores points × min(1, measured / target); a "
                                         "pillar is the sum of its factors.",
                                         "Jeder Faktor ergibt Punkte × min(1, Messwert / Ziel); "
                                         "eine Säule ist die Summe ihrer Faktoren."},
    [REPORT_LABEL_TITLE_PROGRAMS] = {"Programs – %s", "Programme – %s"},
    [REPORT_LABEL_SECTION_COHORT] = {"Mean SSI by month of program",
                                     "Mittlerer SSI nach Programmmonat"},
    [REPORT_LABEL_NOTE_COHORT] = {"Month 0 is each program's start month, so programs that "
                                  "started in different years compare at the same stage.",
                                  "Monat 0 ist der Startmonat des jeweiligen Programms: So "
                                  "vergleichen sich Programme aus verschiedenen Jahren in "
                                  "derselben Phase."},
    [REPORT_LABEL_NOTE_PROGRAM_LATEST] = {"A program that has ended shows the figures of its "
                                          "last month.",
                                          "Ein beendetes Programm zeigt die Werte seines "
                                          "letzten Monats."},
    [REPORT_LABEL_TITLE_LEADERBOARD] = {"Leaderboard – %s", "Rangliste – %s"},
    [REPORT_LABEL_NOTE_LEADERBOARD] = {"The 10 highest SSI among the ambassadors who agreed to "
                                       "be named; ranks count only them, and equal SSI share a "
                                       "rank.",
                                       "Die 10 höchsten SSI unter den Botschaftern, die einer "
                                       "Nennung zugestimmt haben; nur sie zählen für den Rang, "
                                       "gleicher SSI ergibt gleichen Rang."},
    [REPORT_LABEL_NOTE_NO_LEADERBOARD] = {"No ambassador who agreed to be named has an SSI in "
                                          "this month.",
                                          "Kein Botschafter, der einer Nennung zugestimmt hat, "
                                          "hat in diesem Monat einen SSI."},
    [REPORT_LABEL_FEWER_THAN] = {"fewer than %s", "weniger als %s"},
    [REPORT_LABEL_NOTE_PRIVACY] = {"Groups with fewer than %s members show no figures; "
                                   "ambassadors are named only with their consent.",
                                   "Gruppen mit weniger als %s Mitgliedern zeigen keine Werte; "
                                   "Botschafter werden nur mit ihrer Zustimmung genannt."},
    [REPORT_LABEL_NOTE_NO_VISIBLE_TEAMS] = {"No team has %s or more members in this month.",
                                            "Kein Team hat in diesem Monat %s oder mehr "
                                            "Mitglieder."},
    [REPORT_LABEL_PROGRAM_TEAM] = {"%s – %s", "%s – %s"},

    [REPORT_LABEL_COL_PROGRAM] = {"Program", "Programm"},
    [REPORT_LABEL_COL_TEAM] = {"Team", "Team"},
    [REPORT_LABEL_COL_NAME] = {"Name", "Name"},
    [REPORT_LABEL_COL_ROLE] = {"Role", "Rolle"},
    [REPORT_LABEL_COL_MEMBERS] = {"Members", "Mitglieder"},
    [REPORT_LABEL_COL_WITH_SSI] = {"With SSI", "Mit SSI"},
    [REPORT_LABEL_COL_SSI] = {"SSI", "SSI"},
    [REPORT_LABEL_COL_SSI_MEAN] = {"Mean SSI", "SSI Mittelwert"},
    [REPORT_LABEL_COL_SSI_MEDIAN] = {"Median SSI", "SSI Median"},
    [REPORT_LABEL_COL_SSI_MIN] = {"Lowest SSI", "SSI Minimum"},
    [REPORT_LABEL_COL_SSI_MAX] = {"Highest SSI", "SSI Maximum"},
    [REPORT_LABEL_COL_SSI_SD] = {"SSI standard deviation", "SSI Standardabweichung"},
    [REPORT_LABEL_COL_BRAND] = {"Brand", "Marke"},
    [REPORT_LABEL_COL_PEOPLE] = {"People", "Personen"},
    [REPORT_LABEL_COL_INSIGHTS] = {"Insights", "Einblicke"},
    [REPORT_LABEL_COL_RELATIONSHIPS] = {"Relationships", "Beziehungen"},
    [REPORT_LABEL_COL_BRAND_MEAN] = {"Brand (mean)", "Marke (Mittel)"},
    [REPORT_LABEL_COL_PEOPLE_MEAN] = {"People (mean)", "Personen (Mittel)"},
    [REPORT_LABEL_COL_INSIGHTS_MEAN] = {"Insights (mean)", "Einblicke (Mittel)"},
    [REPORT_LABEL_COL_RELATIONSHIPS_MEAN] = {"Relationships (mean)", "Beziehungen (Mittel)"},
    [REPORT_LABEL_COL_SHARE_GOOD] = {"Share good", "Anteil gut"},
    [REPORT_LABEL_COL_SHARE_LOW] = {"Share low", "Anteil niedrig"},
    [REPORT_LABEL_COL_CHANGE_PREVIOUS] = {"Change vs previous month", "Veränderung zum Vormonat"},
    [REPORT_LABEL_COL_CHANGE_JOINING] = {"Change since joining", "Veränderung seit Beitritt"},
    [REPORT_LABEL_COL_ACTIVE] = {"Active", "Aktiv"},
    [REPORT_LABEL_COL_ACTIVATION_RATE] = {"Activation rate", "Aktivierungsquote"},
    [REPORT_LABEL_COL_POSTS_PER_MEMBER] = {"Posts per member", "Beiträge je Mitglied"},
    [REPORT_LABEL_COL_ENGAGEMENT_RATE] = {"Engagement rate", "Interaktionsrate"},
    [REPORT_LABEL_COL_SOURCE] = {"Source", "Quelle"},
    [REPORT_LABEL_COL_BAND] = {"Band", "Stufe"},
    [REPORT_LABEL_COL_RANK_PROGRAM] = {"Rank in program", "Rang im Programm"},
    [REPORT_LABEL_COL_INDUSTRY_RANK] = {"Industry rank", "Branchenrang"},
    [REPORT_LABEL_COL_NETWORK_RANK] = {"Network rank", "Netzwerkrang"},
    [REPORT_LABEL_COL_SSI_ESTIMATED] = {"Estimated SSI", "Geschätzter SSI"},
    [REPORT_LABEL_COL_BRAND_EST] = {"Brand (estimated)", "Marke (geschätzt)"},
    [REPORT_LABEL_COL_PEOPLE_EST] = {"People (estimated)", "Personen (geschätzt)"},
    [REPORT_LABEL_COL_INSIGHTS_EST] = {"Insights (estimated)", "Einblicke (geschätzt)"},
    [REPORT_LABEL_COL_RELATIONSHIPS_EST] = {"Relationships (estimated)", "Beziehungen (geschätzt)"},
    [REPORT_LABEL_COL_ESTIMATED_MINUS_REPORTED] = {"Estimated minus reported",
                                                   "Geschätzt minus gemeldet"},
    [REPORT_LABEL_COL_POSTS] = {"Posts", "Beiträge"},
    [REPORT_LABEL_COL_COMMENTS] = {"Comments", "Kommentare"},
    [REPORT_LABEL_COL_REACTIONS] = {"Reactions", "Reaktionen"},
    [REPORT_LABEL_COL_MESSAGES_SENT] = {"Messages sent", "Gesendete Nachrichten"},
    [REPORT_LABEL_COL_INVITATIONS_SENT] = {"Invitations sent", "Gesendete Einladungen"},
    [REPORT_LABEL_COL_INVITATIONS_ACCEPTED] = {"Invitations accepted", "Angenommene Einladungen"},
    [REPORT_LABEL_COL_NEW_CONNECTIONS] = {"New connections", "Neue Kontakte"},
    [REPORT_LABEL_COL_NEW_TARGET_CONNECTIONS] = {"New target connections",
                                                 "Neue Kontakte in der Zielgruppe"},
    [REPORT_LABEL_COL_TOOL_POSTS] = {"Posts via tool", "Beiträge per Tool"},
    [REPORT_LABEL_COL_IMPRESSIONS] = {"Impressions", "Impressionen"},
    [REPORT_LABEL_COL_REACTIONS_RECEIVED] = {"Reactions received", "Erhaltene Reaktionen"},
    [REPORT_LABEL_COL_COMMENTS_RECEIVED] = {"Comments received", "Erhaltene Kommentare"},
    [REPORT_LABEL_COL_REPOSTS_RECEIVED] = {"Reposts received", "Erhaltene Reposts"},
    [REPORT_LABEL_COL_CLICKS] = {"Clicks", "Klicks"},
    [REPORT_LABEL_COL_FILE] = {"File", "Datei"},
    [REPORT_LABEL_COL_KIND] = {"Kind", "Art"},
    [REPORT_LABEL_COL_ENCODING] = {"Encoding", "Kodierung"},
    [REPORT_LABEL_COL_ROWS_READ] = {"Rows read", "Gelesene Zeilen"},
    [REPORT_LABEL_COL_ACCEPTED] = {"Accepted", "Übernommen"},
    [REPORT_LABEL_COL_DUPLICATES] = {"Duplicates", "Duplikate"},
    [REPORT_LABEL_COL_REJECTED] = {"Rejected", "Abgewiesen"},
    [REPORT_LABEL_COL_NOTE] = {"Note", "Anmerkung"},
    [REPORT_LABEL_COL_FILES] = {"Files", "Dateien"},
    [REPORT_LABEL_COL_LINE] = {"Line", "Zeile"},
    [REPORT_LABEL_COL_REASON] = {"Reason", "Grund"},
    [REPORT_LABEL_COL_EXCERPT] = {"Excerpt", "Auszug"},
    [REPORT_LABEL_COL_AMBASSADOR] = {"Ambassador", "Botschafter"},
    [REPORT_LABEL_COL_MONTH] = {"Month", "Monat"},
    [REPORT_LABEL_COL_DETAIL] = {"Detail", "Details"},
    [REPORT_LABEL_COL_SETTING] = {"Setting", "Einstellung"},
    [REPORT_LABEL_COL_VALUE] = {"Value", "Wert"},
    [REPORT_LABEL_COL_BYTES] = {"Bytes", "Bytes"},
    [REPORT_LABEL_COL_WEAKEST_PILLAR] = {"Weakest pillar", "Schwächste Säule"},
    [REPORT_LABEL_COL_FACTOR] = {"Factor", "Faktor"},
    [REPORT_LABEL_COL_NEXT_STEP] = {"Next step", "Nächster Schritt"},
    [REPORT_LABEL_COL_MISSING_POINTS] = {"Missing points", "Fehlende Punkte"},
    [REPORT_LABEL_COL_PILLAR] = {"Pillar", "Säule"},
    [REPORT_LABEL_COL_POINTS] = {"Points", "Punkte"},
    [REPORT_LABEL_COL_TARGET] = {"Target", "Ziel"},
    [REPORT_LABEL_COL_MEASURED] = {"What is measured", "Was gemessen wird"},
    [REPORT_LABEL_COL_SHA256] = {"SHA-256", "SHA-256"},
    [REPORT_LABEL_COL_MEASURE] = {"Measure", "Kennzahl"},
    [REPORT_LABEL_COL_MONTH_OF_PROGRAM] = {"Month of program", "Programmmonat"},
    [REPORT_LABEL_COL_RANK] = {"Rank", "Rang"},

    [REPORT_LABEL_MEASURE_START] = {"Program start", "Programmstart"},
    [REPORT_LABEL_MEASURE_MONTHS_RUNNING] = {"Months running", "Laufzeit in Monaten"},
    [REPORT_LABEL_MEASURE_LATEST_MONTH] = {"Figures as of", "Stand der Werte"},
    [REPORT_LABEL_MEASURE_AMBASSADORS] = {"Ambassadors", "Botschafter"},
    [REPORT_LABEL_MEASURE_TEAMS] = {"Teams", "Teams"},
    [REPORT_LABEL_MEASURE_FIRST_MONTH] = {"First month with SSI", "Erster Monat mit SSI"},
    [REPORT_LABEL_MEASURE_SSI_FIRST] = {"Mean SSI in the first month",
                                        "Mittlerer SSI im ersten Monat"},
    [REPORT_LABEL_MEASURE_SSI_NOW] = {"Mean SSI now", "Mittlerer SSI jetzt"},
    [REPORT_LABEL_MEASURE_CHANGE] = {"Change since the first month",
                                     "Veränderung seit dem ersten Monat"},
    [REPORT_LABEL_MEASURE_POSTS_PER_MEMBER] = {"Posts per member per month",
                                               "Beiträge je Mitglied und Monat"},

    [REPORT_LABEL_SECTION_CHART_DATA] = {"Chart data", "Diagrammdaten"},
    [REPORT_LABEL_NOTE_CHART_DATA] = {"The figures the charts above show, to copy.",
                                      "Die Zahlen der Diagramme oben, zum Weiterverwenden."},
    [REPORT_LABEL_CHART_TEAM_PILLARS] = {"Pillar means per team, %s",
                                         "Säulen-Mittelwerte je Team, %s"},
    [REPORT_LABEL_CHART_TEAM_BANDS] = {"Ambassadors per band and team, %s",
                                       "Botschafter je Stufe und Team, %s"},
    [REPORT_LABEL_AXIS_MONTH] = {"Month", "Monat"},
    [REPORT_LABEL_AXIS_MONTH_OF_PROGRAM] = {"Month of program (0 = start month)",
                                            "Programmmonat (0 = Startmonat)"},
    [REPORT_LABEL_AXIS_MEAN_SSI] = {"Mean SSI", "Mittlerer SSI"},
    [REPORT_LABEL_AXIS_AMBASSADORS] = {"Ambassadors", "Botschafter"},
    [REPORT_LABEL_AXIS_TEAM] = {"Team", "Team"},
    [REPORT_LABEL_CHART_BAND_LOW] = {"low (below %s)", "niedrig (unter %s)"},
    [REPORT_LABEL_CHART_BAND_MID] = {"mid (%s to %s)", "mittel (%s bis %s)"},
    [REPORT_LABEL_CHART_BAND_GOOD] = {"good (%s or more)", "gut (ab %s)"},

    [REPORT_LABEL_SETTING_REPORT_MONTH] = {"Report month", "Berichtsmonat"},
    [REPORT_LABEL_SETTING_WINDOW_DAYS] = {"Window (days)", "Zeitfenster (Tage)"},
    [REPORT_LABEL_SETTING_BAND_MID] = {"Band mid from (SSI)", "Stufe mittel ab (SSI)"},
    [REPORT_LABEL_SETTING_BAND_GOOD] = {"Band good from (SSI)", "Stufe gut ab (SSI)"},
    [REPORT_LABEL_SETTING_SSI_SOURCE] = {"SSI source (ssi.source)", "SSI-Quelle (ssi.source)"},
    [REPORT_LABEL_SETTING_MIN_GROUP] = {"Smallest group shown to management",
                                        "Kleinste Gruppe im Management-Bericht"},
    [REPORT_LABEL_SETTING_MAX_REJECT] = {"Rejected rows tolerated per input kind",
                                         "Tolerierte abgewiesene Zeilen je Eingabeart"},
    [REPORT_LABEL_SETTING_MAX_LINKEDIN_EVENTS] = {"LinkedIn events per ambassador, at most",
                                                  "LinkedIn-Ereignisse je Botschafter, höchstens"},
    [REPORT_LABEL_SETTING_MAX_POSTS] = {"Posts per ambassador, at most",
                                        "Beiträge je Botschafter, höchstens"},
    [REPORT_LABEL_SETTING_VERSION] = {"Program version", "Programmversion"},
    [REPORT_LABEL_SETTING_SENIORITY_TERMS] = {"Seniority terms", "Senioritätsbegriffe"},

    [REPORT_LABEL_VALUE_OF] = {"%s of %s", "%s von %s"},

    [REPORT_LABEL_BAND_LOW] = {"room to improve", "Verbesserungsbedarf"},
    [REPORT_LABEL_BAND_MID] = {"mid", "mittel"},
    [REPORT_LABEL_BAND_GOOD] = {"good", "gut"},
    [REPORT_LABEL_SOURCE_REPORTED] = {"reported", "gemeldet"},
    [REPORT_LABEL_SOURCE_ESTIMATED] = {"estimated", "geschätzt"},
    [REPORT_LABEL_SOURCE_NONE] = {"none", "keine"},
    [REPORT_LABEL_WARNING_NO_DATA] = {"no data", "keine Daten"},
    [REPORT_LABEL_WARNING_UNKNOWN_AMBASSADOR] = {"unknown ambassador", "unbekannter Botschafter"},
    [REPORT_LABEL_WARNING_CONFLICTING_DUPLICATE] = {"conflicting duplicate",
                                                    "widersprüchliches Duplikat"},
    [REPORT_LABEL_WARNING_NOT_COVERED] = {"not covered", "nicht abgedeckt"},

    [REPORT_LABEL_MONTH_JANUARY] = {"January", "Januar"},
    [REPORT_LABEL_MONTH_FEBRUARY] = {"February", "Februar"},
    [REPORT_LABEL_MONTH_MARCH] = {"March", "März"},
    [REPORT_LABEL_MONTH_APRIL] = {"April", "April"},
    [REPORT_LABEL_MONTH_MAY] = {"May", "Mai"},
    [REPORT_LABEL_MONTH_JUNE] = {"June", "Juni"},
    [REPORT_LABEL_MONTH_JULY] = {"July", "Juli"},
    [REPORT_LABEL_MONTH_AUGUST] = {"August", "August"},
    [REPORT_LABEL_MONTH_SEPTEMBER] = {"September", "September"},
    [REPORT_LABEL_MONTH_OCTOBER] = {"October", "Oktober"},
    [REPORT_LABEL_MONTH_NOVEMBER] = {"November", "November"},
    [REPORT_LABEL_MONTH_DECEMBER] = {"December", "Dezember"},
};

static const LabelPair pillars[PILLAR_COUNT] = {
    [PILLAR_BRAND] = {"Professional brand", "Professionelle Marke"},
    [PILLAR_PEOPLE] = {"Find the right people", "Die richtigen Personen finden"},
    [PILLAR_INSIGHTS] = {"Engage with insights", "Mit Insights interagieren"},
    [PILLAR_RELATIONSHIPS] = {"Build relationships", "Beziehungen aufbauen"},
};

static const LabelPair factors[FACTOR_COUNT] = {
    [FACTOR_PROFILE] = {"Profile", "Profil"},
    [FACTOR_PUBLISHING] = {"Publishing", "Beiträge"},
    [FACTOR_ENDORSEMENTS] = {"Endorsements", "Kenntnisbestätigungen"},
    [FACTOR_NETWORK_GROWTH] = {"Network growth", "Netzwerkwachstum"},
    [FACTOR_TARGET_AUDIENCE] = {"Target audience", "Zielgruppe"},
    [FACTOR_COMMENTS] = {"Comments", "Kommentare"},
    [FACTOR_REACTIONS] = {"Reactions", "Reaktionen"},
    [FACTOR_MESSAGES] = {"Messages", "Nachrichten"},
    [FACTOR_ACCEPTANCE] = {"Acceptance rate", "Annahmequote"},
    [FACTOR_SENIOR_NETWORK] = {"Senior network", "Entscheider im Netzwerk"},
    [FACTOR_NETWORK_SIZE] = {"Network size", "Netzwerkgröße"},
};

/* model.md "Estimated SSI", in the words of a program manager. */
static const LabelPair factor_measures[FACTOR_COUNT] = {
    [FACTOR_PROFILE] = {"Share of 8 profile checkpoints met in the newest export: headline, "
                        "summary, industry, location, a current position, at least 5 skills, a "
                        "visible recommendation, a website or Twitter handle",
                        "Anteil der 8 Profilpunkte im neuesten Export: Headline, Zusammenfassung, "
                        "Branche, Standort, eine aktuelle Position, mindestens 5 Kenntnisse, eine "
                        "sichtbare Empfehlung, eine Website oder ein Twitter-Name"},
    [FACTOR_PUBLISHING] = {"Posts and shares in the window",
                           "Beiträge und geteilte Inhalte im Zeitfenster"},
    [FACTOR_ENDORSEMENTS] = {"Accepted skill endorsements received up to the month's end",
                             "Erhaltene, angenommene Kenntnisbestätigungen bis zum Monatsende"},
    [FACTOR_NETWORK_GROWTH] = {"New connections in the window", "Neue Kontakte im Zeitfenster"},
    [FACTOR_TARGET_AUDIENCE] = {"New connections in the window whose position or company holds a "
                                "target-audience keyword of the program (every new connection "
                                "when the program has none)",
                                "Neue Kontakte im Zeitfenster, deren Position oder Firma ein "
                                "Zielgruppen-Stichwort des Programms enthält (jeder neue Kontakt, "
                                "wenn das Programm keine hat)"},
    [FACTOR_COMMENTS] = {"Comments written in the window",
                         "Geschriebene Kommentare im Zeitfenster"},
    [FACTOR_REACTIONS] = {"Reactions given in the window", "Vergebene Reaktionen im Zeitfenster"},
    [FACTOR_MESSAGES] = {"Messages sent in the window, drafts excluded",
                         "Gesendete Nachrichten im Zeitfenster, ohne Entwürfe"},
    [FACTOR_ACCEPTANCE] = {"Share of the invitations sent in the window whose invitee is now a "
                           "connection (0 when none was sent)",
                           "Anteil der im Zeitfenster gesendeten Einladungen, deren Empfänger "
                           "jetzt ein Kontakt ist (0, wenn keine gesendet wurde)"},
    [FACTOR_SENIOR_NETWORK] = {"Connections up to the month's end whose position holds a "
                               "seniority term",
                               "Kontakte bis zum Monatsende, deren Position einen "
                               "Senioritätsbegriff enthält"},
    [FACTOR_NETWORK_SIZE] = {"All connections up to the month's end",
                             "Alle Kontakte bis zum Monatsende"},
};

/* A coded value of a stage file and the key of its words. */
typedef struct {
  const char *code;
  ReportLabel label;
} CodedValue;

static const CodedValue bands[] = {
    {"low", REPORT_LABEL_BAND_LOW},
    {"mid", REPORT_LABEL_BAND_MID},
    {"good", REPORT_LABEL_BAND_GOOD},
};

static const CodedValue sources[] = {
    {"reported", REPORT_LABEL_SOURCE_REPORTED},
    {"estimated", REPORT_LABEL_SOURCE_ESTIMATED},
    {"none", REPORT_LABEL_SOURCE_NONE},
};

static const CodedValue warning_kinds[] = {
    {"no data", REPORT_LABEL_WARNING_NO_DATA},
    {"unknown ambassador", REPORT_LABEL_WARNING_UNKNOWN_AMBASSADOR},
    {"conflicting duplicate", REPORT_LABEL_WARNING_CONFLICTING_DUPLICATE},
    {"not covered", REPORT_LABEL_WARNING_NOT_COVERED},
};

ReportLanguage report_language_from_code(const char *code)
{
  if (code != NULL && g_ascii_strcasecmp(code, "de") == 0)
    return REPORT_LANGUAGE_DE;
  return REPORT_LANGUAGE_EN;
}

static const char *pair_text(const LabelPair *pair, ReportLanguage language)
{
  const char *text = language == REPORT_LANGUAGE_DE ? pair->de : pair->en;
  return text != NULL ? text : "";
}

const char *report_label(ReportLabel key, ReportLanguage language)
{
  if ((int)key < 0 || key >= REPORT_LABEL_COUNT)
    return "";
  return pair_text(&labels[key], language);
}

const char *report_label_pillar(Pillar pillar, ReportLanguage language)
{
  return (int)pillar >= 0 && pillar < PILLAR_COUNT ? pair_text(&pillars[pillar], language) : "";
}

const char *report_label_factor(FactorId factor, ReportLanguage language)
{
  return (int)factor >= 0 && factor < FACTOR_COUNT ? pair_text(&factors[factor], language) : "";
}

const char *report_label_factor_measure(FactorId factor, ReportLanguage language)
{
  return (int)factor >= 0 && factor < FACTOR_COUNT ? pair_text(&factor_measures[factor], language)
                                                   : "";
}

char *report_label_format_month(const char *month, ReportLanguage language)
{
  int year = 0;
  int number = 0;
  if (!report_month_parse(month, &year, &number))
    return g_strdup(month != NULL ? month : "");
  ReportLabel key = (ReportLabel)(REPORT_LABEL_MONTH_JANUARY + number - 1);
  return g_strdup_printf("%s %04d", report_label(key, language), year);
}

char *report_label_format_count(guint64 count, ReportLanguage language)
{
  g_autofree char *digits = g_strdup_printf("%" G_GUINT64_FORMAT, count);
  GString *out = g_string_new(NULL);
  gsize n = strlen(digits);
  for (gsize i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0)
      g_string_append_c(out, language == REPORT_LANGUAGE_DE ? '.' : ',');
    g_string_append_c(out, digits[i]);
  }
  return g_string_free(out, FALSE);
}

char *report_label_format_month_short(const char *month, ReportLanguage language)
{
  int year = 0;
  int number = 0;
  if (!report_month_parse(month, &year, &number))
    return g_strdup(month != NULL ? month : "");
  const char *name = report_label((ReportLabel)(REPORT_LABEL_MONTH_JANUARY + number - 1), language);
  /* Three characters, not bytes: "März" gives "Mär". */
  const char *end = g_utf8_offset_to_pointer(name, MIN(3, g_utf8_strlen(name, -1)));
  return g_strdup_printf("%.*s %04d", (int)(end - name), name, year);
}

static const char *label_coded(const CodedValue *values, gsize n_values, const char *code,
                               ReportLanguage language)
{
  if (code == NULL)
    return "";
  for (gsize i = 0; i < n_values; i++)
    if (g_strcmp0(values[i].code, code) == 0)
      return report_label(values[i].label, language);
  return code;
}

const char *report_label_band(const char *band, ReportLanguage language)
{
  return label_coded(bands, G_N_ELEMENTS(bands), band, language);
}

const char *report_label_source(const char *source, ReportLanguage language)
{
  return label_coded(sources, G_N_ELEMENTS(sources), source, language);
}

const char *report_label_warning_kind(const char *kind, ReportLanguage language)
{
  return label_coded(warning_kinds, G_N_ELEMENTS(warning_kinds), kind, language);
}
