#!/usr/bin/python3
"""Reads a program report back with openpyxl and compares its sheets with the
scores CSVs it was made from.

usage: readback.py WORKBOOK WORK_DIR REPORT_MONTH"""
import csv, sys
import openpyxl

SHEETS = ["Summary", "Programs", "Teams", "Ambassadors", "Trend", "Coaching", "Data quality", "Method"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def num(text):
    return None if text == "" else float(text)


def same(cell, text):
    want = num(text)
    if want is None:
        return cell is None
    return isinstance(cell, (int, float)) and abs(cell - want) < 0.005


def header_row(ws, first):
    for r in range(1, 10):
        if ws.cell(r, 1).value == first:
            return r
    raise SystemExit(f"{ws.title}: no header row starting with {first!r}")


def table(ws, first):
    """The rows under the header that starts with `first`, as dicts, until a blank row."""
    h = header_row(ws, first)
    names = [c.value for c in ws[h]]
    out = []
    for r in range(h + 1, ws.max_row + 1):
        values = [c.value for c in ws[r]]
        if values[0] is None:
            break
        out.append(dict(zip(names, values)))
    return out


def main():
    book, work, month = sys.argv[1:4]
    wb = openpyxl.load_workbook(book)
    check(wb.sheetnames == SHEETS, f"sheet names {wb.sheetnames}")
    programs = {p["program"]: p["name"] for p in rows(f"{work}/normalized/programs.csv")}
    person = [r for r in rows(f"{work}/scores/person_month.csv") if r["month"] == month]
    teams = [r for r in rows(f"{work}/scores/team_month.csv") if r["month"] == month]
    progs = [r for r in rows(f"{work}/scores/program_month.csv") if r["month"] == month]

    amb = table(wb["Ambassadors"], "Name")
    check(len(amb) == len(person), f"Ambassadors: {len(amb)} rows, person_month has {len(person)}")
    by_key = {(a["Name"], a["Program"], a["Team"]): a for a in amb}
    pairs = {"SSI": "ssi", "Brand": "brand", "People": "people", "Insights": "insights",
             "Relationships": "relationships", "Industry rank": "industry_rank",
             "Network rank": "network_rank", "Estimated SSI": "ssi_estimated"}
    for p in person:
        a = by_key.get((p["name"], programs[p["program"]], p["team"]))
        if a is None:
            failures.append(f"Ambassadors: no row for {p['ambassador_id']} {p['program']}")
            continue
        for col, field in pairs.items():
            check(same(a[col], p[field]), f"Ambassadors {p['ambassador_id']} {col}: {a[col]!r} vs {p[field]!r}")
        check(a["Source"] == p["source"], f"Ambassadors {p['ambassador_id']} source")
    # Text that looks like a formula stays text.
    for r in wb["Ambassadors"].iter_rows():
        for c in r:
            check(c.data_type != "f", f"Ambassadors {c.coordinate} holds a formula")

    tm = {(t["Program"], t["Team"]): t for t in table(wb["Teams"], "Program")}
    for t in teams:
        x = tm.get((programs[t["program"]], t["team"]))
        if x is None:
            failures.append(f"Teams: no row for {t['program']} {t['team']}")
            continue
        for col, field in [("Members", "members"), ("Mean SSI", "ssi_mean"), ("Median SSI", "ssi_median"),
                           ("SSI standard deviation", "ssi_sd"), ("Share good", "share_good"),
                           ("Change vs previous month", "delta_mean")]:
            check(same(x[col], t[field]), f"Teams {t['program']} {t['team']} {col}: {x[col]!r} vs {t[field]!r}")

    sm = {s["Program"]: s for s in table(wb["Summary"], "Program")}
    for p in progs:
        x = sm.get(programs[p["program"]])
        if x is None:
            failures.append(f"Summary: no row for {p['program']}")
            continue
        for col, field in [("Members", "members"), ("Mean SSI", "ssi_mean"), ("Median SSI", "ssi_median"),
                           ("Share low", "share_low"), ("Change vs previous month", "delta_mean")]:
            check(same(x[col], p[field]), f"Summary {p['program']} {col}: {x[col]!r} vs {p[field]!r}")
    check("All programs" in sm, "Summary: no All programs row")

    trend = table(wb["Trend"], "Name")
    allp = rows(f"{work}/scores/person_month.csv")
    for t in trend:
        for p in allp:
            if (p["name"], programs[p["program"]], p["team"]) == (t["Name"], t["Program"], t["Team"]):
                check(same(t.get(p["month"]), p["ssi"]), f"Trend {p['ambassador_id']} {p['month']}")

    quality = wb["Data quality"]
    files = {r[0].value for r in quality.iter_rows() if r[0].value}
    for s in rows(f"{work}/normalized/ingest_summary.csv"):
        check(s["file"] in files, f"Data quality lacks {s['file']}")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    sys.exit(1 if failures else 0)


main()
