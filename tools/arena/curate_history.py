#!/usr/bin/env python3
"""Builds data/arena/leaderboard_{snapshots,history}.csv, the leaderboard history Parity ships.

Input: the raw arena collection (../shared/data/arena, see its SOURCES.md and METHOD.md).
Usage: python3 tools/arena/curate_history.py [ARENA_DATA_DIR] [OUTPUT_DIR]
Writes leaderboard_snapshots.csv (one row per date and board) and leaderboard_history.csv (entries).

Rules (METHOD.md section 3):
- text board, one source per era, so no date mixes methods:
    utterstep tables (displayed 2023 scores)          2023-06-19 .. 2023-12-20
    jasontrigg0 alltime.csv, BT rows only              2024-03-27 .. 2024-06-18
      (its rows <= 2024-03-26 are online Elo, not the displayed score: excluded;
       2024-01-09 .. 2024-03-26 stays a hole)
    fboulnois llm-leaderboard-csv                      2024-06-19 .. 2025-08-04
    lmarena arena-catalog leaderboard-text             after 2025-08-04
- text-style-control board: arena-catalog style-control files; kevinschaul's scrape of
  lmarena.ai (the style-controlled default view) only on dates arena-catalog lacks, first
  (newest) scrape block per date.
- organization: the source's own label, else the label another source gives the same
  model key (arena-catalog scatterplot-data first), else empty. licence likewise.
Organization spellings are normalised by Parity at load time (data/catalog/organizations.csv).
"""
import csv
import json
import os
import re
import sys
from collections import defaultdict

def find_shared():
    d = os.path.abspath(os.path.dirname(__file__))
    while d != os.path.dirname(d):
        if os.path.isdir(os.path.join(d, "shared", "data", "arena")):
            return os.path.join(d, "shared", "data", "arena")
        d = os.path.dirname(d)
    sys.exit("shared/data/arena not found above this script; pass its path")


root = sys.argv[1] if len(sys.argv) > 1 else find_shared()
out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../../data/arena")
out = os.path.join(out_dir, "leaderboard_history.csv")
out_snapshots = os.path.join(out_dir, "leaderboard_snapshots.csv")

long_rows = list(csv.DictReader(open(os.path.join(root, "derived/leaderboard_history_long.csv"), encoding="utf-8")))
kevin = list(csv.DictReader(open(os.path.join(root, "history/kevinschaul/history_normalized.csv"), encoding="utf-8")))
scatter = json.load(open(os.path.join(root, "history/lmarena_arena-catalog/scatterplot-data_HEAD_c9558b606.json"), encoding="utf-8"))


def family(source):
    return source.split("/")[0].split(":")[0]


def text_era(row):
    d, fam, method = row["date"], family(row["source"]), row["method"]
    if fam == "utterstep":
        return "2023-06-19" <= d <= "2023-12-20"
    if fam == "jasontrigg0":
        return method.startswith("BT") and "2024-03-27" <= d <= "2024-06-18"
    if fam == "fboulnois":
        return "2024-06-19" <= d <= "2025-08-04"
    if fam == "lmarena":
        return d > "2025-08-04"
    return False


def fmt(x, digits=2):
    if x in ("", None):
        return ""
    return f"{float(x):.{digits}f}".rstrip("0").rstrip(".")


# Organization and licence by model key: scatterplot first, then every source row (newest last wins).
org_by_key, license_by_key = {}, {}
key_by_name = {}
for row in sorted(long_rows, key=lambda r: r["date"]):
    if not row["model_key"]:
        continue
    if row["model_display"]:
        key_by_name[row["model_display"].lower()] = row["model_key"]
    if row["organization"]:
        org_by_key[row["model_key"]] = row["organization"]
    if row["license"]:
        license_by_key[row["model_key"]] = row["license"]
for row in kevin:
    if not row["model"]:
        continue
    if row["organization"]:
        org_by_key.setdefault(row["model"], row["organization"])
    if row["license"]:
        license_by_key.setdefault(row["model"], row["license"])
# The few keys no source labels, by the maker their name states (Parity curation).
by_prefix = {"gpt-": "OpenAI", "qwen": "Alibaba", "olmo-": "Ai2", "nova-": "Amazon"}
for item in scatter:
    if item.get("organization"):
        org_by_key[item["model_api_name"]] = item["organization"]
    if item.get("license"):
        license_by_key[item["model_api_name"]] = item["license"]

def organization_of(key):
    if key in org_by_key:
        return org_by_key[key]
    return next((org for prefix, org in by_prefix.items() if key.startswith(prefix)), "")


out_rows = []
for row in long_rows:
    board = {"text_full": "text", "text_full_style_control": "text-style-control"}[row["board"]]
    if board == "text" and not text_era(row):
        continue
    if board == "text-style-control" and family(row["source"]) != "lmarena":
        continue
    # utterstep's 2023 tables have display names only: the key other sources give that name.
    key = row["model_key"] or key_by_name.get(row["model_display"].lower(), row["model_display"].lower())
    out_rows.append({
        "date": row["date"], "source": row["source"], "board": board, "method": row["method"],
        "model_key": key, "model": row["model_display"] or key,
        "rating": fmt(row["rating"], 3), "lower": fmt(row["ci_lower"], 3), "upper": fmt(row["ci_upper"], 3),
        "votes": row["votes"].split(".")[0] if row["votes"] else "",
        "organization": row["organization"] or organization_of(key),
        "license": row["license"] or license_by_key.get(key, ""),
    })

# kevinschaul: style-controlled board, dates arena-catalog lacks, newest block per date.
catalog_sc_dates = {r["date"] for r in out_rows if r["board"] == "text-style-control"}
first_block = {}
for row in kevin:
    first_block.setdefault(row["date"], row["block"])
for row in kevin:
    d = row["date"]
    if d in catalog_sc_dates or row["block"] != first_block[d]:
        continue
    score = float(row["score"])
    ci = row["ci"].strip()
    m = re.fullmatch(r"\+(\d+(?:\.\d+)?)/-(\d+(?:\.\d+)?)", ci) or re.fullmatch(r"±(\d+(?:\.\d+)?)", ci)
    plus = float(m.group(1)) if m else None
    minus = float(m.group(2)) if m and m.lastindex == 2 else plus
    key = row["model"]
    org = row["organization"]
    if org and key.startswith(org) and key[len(org):len(org) + 1].isupper():
        key = key[len(org):]  # the scrape glued the organization to a few names ("AnthropicClaude …")
    out_rows.append({
        "date": d, "source": "kevinschaul/lmarena-leaderboard-history:history.csv@671471b6 (block " + row["block"] + ")",
        "board": "text-style-control",
        "method": "BT style control (scraped from lmarena.ai, rounded)",
        "model_key": key, "model": key, "rating": fmt(score), "lower": fmt(score - minus) if minus is not None else "",
        "upper": fmt(score + plus) if plus is not None else "", "votes": row["votes"],
        "organization": row["organization"] or organization_of(key),
        "license": row["license"] or license_by_key.get(key, ""),
    })

# Corrections of licence labels the sources get wrong (Parity curation; each with its reason).
license_fixes = {
    # LMArena's scatterplot-data lists Apache 2.0, but Qwen3-Max is served by API only; no weights were published.
    "qwen3-max-preview": "Proprietary",
    "qwen3-max-2025-09-23": "Proprietary",
}
for r in out_rows:
    if r["model_key"] in license_fixes:
        r["license"] = license_fixes[r["model_key"]]

# One source per (date, board): fail loudly if the rules above ever let two in.
sources = defaultdict(set)
for r in out_rows:
    sources[(r["date"], r["board"])].add(r["source"])
clash = {k: v for k, v in sources.items() if len(v) > 1}
if clash:
    sys.exit(f"more than one source on a date: {clash}")

out_rows.sort(key=lambda r: (r["board"], r["date"], -float(r["rating"])))

# Two files: one row per snapshot (where it came from, how it was computed), one per entry.
snapshots = {}
for r in out_rows:
    snapshot = (r["date"], r["board"], r["source"], r["method"])
    if snapshots.setdefault((r["date"], r["board"]), snapshot) != snapshot:
        sys.exit(f"two methods in one snapshot: {snapshot}")
with open(out_snapshots, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["date", "board", "source", "method"])
    w.writerows(snapshots[k] for k in sorted(snapshots, key=lambda k: (k[1], k[0])))

fields = ["date", "board", "model_key", "model", "rating", "lower", "upper", "votes", "organization", "license"]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in out_rows:
        w.writerow({**r, "model": "" if r["model"] == r["model_key"] else r["model"]})
print(f"{len(out_rows)} entries, {len(snapshots)} snapshots -> {out}", file=sys.stderr)
