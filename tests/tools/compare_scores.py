#!/usr/bin/python3
"""Compares two folders of scores CSVs (person_month, team_month, program_month)
cell by cell: numbers within 0.01, counts and texts exactly, empty means empty.

usage: compare_scores.py EXPECTED_DIR ACTUAL_DIR [--columns a,b,c] [--quiet]
Rows are matched on the key columns of model.md; prints every difference and
a count per file and column; exit status 1 when anything differs."""
import csv, sys, collections

KEYS = {
    "person_month": ["ambassador_id", "program", "month"],
    "team_month": ["program", "team", "month"],
    "program_month": ["program", "month"],
}


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows


def same(a, b):
    if a == b:
        return True
    try:
        return abs(float(a) - float(b)) <= 0.0100001
    except ValueError:
        return False


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    columns = None
    quiet = "--quiet" in sys.argv
    for i, a in enumerate(sys.argv):
        if a == "--columns":
            columns = sys.argv[i + 1].split(",")
            args.remove(sys.argv[i + 1])
    expected_dir, actual_dir = args[0], args[1]
    total = 0
    for name, key in KEYS.items():
        exp = {tuple(r[k] for k in key): r for r in load(f"{expected_dir}/{name}.csv")}
        act = {tuple(r[k] for k in key): r for r in load(f"{actual_dir}/{name}.csv")}
        per_column = collections.Counter()
        for k in sorted(set(exp) - set(act)):
            per_column["<missing row>"] += 1
            if not quiet:
                print(f"{name} {k}: row missing")
        for k in sorted(set(act) - set(exp)):
            per_column["<extra row>"] += 1
            if not quiet:
                print(f"{name} {k}: row not expected")
        for k in sorted(set(exp) & set(act)):
            for c, v in exp[k].items():
                if columns and c not in columns:
                    continue
                if not same(v, act[k].get(c, "<no column>")):
                    per_column[c] += 1
                    if not quiet:
                        print(f"{name} {k} {c}: expected {v!r}, got {act[k].get(c)!r}")
        print(f"{name}: {len(exp)} expected rows, {sum(per_column.values())} differences"
              + (f" {dict(per_column)}" if per_column else ""))
        total += sum(per_column.values())
    sys.exit(1 if total else 0)


main()
