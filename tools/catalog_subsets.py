#!/usr/bin/env python3
"""Cuts the shipped catalog subsets out of the raw feeds in ../shared/data/models.

Also lists genai-prices' per-model `prices_checked` dates from its provider YAMLs.

Keeps, without changing any value, the LiteLLM entries and the Epoch AI rows whose name
matches a model of data/catalog/models.csv (same normalisation as Parity's ModelAliasTable:
case, separators, provider prefix, date suffix). Run from the repository root:

    python3 tools/catalog_subsets.py ../shared/data/models
"""
import csv, json, re, sys

raw = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/models"
out = "data/catalog"

def norm(s):
    return re.sub(r"[-\s._]+", "-", s.strip().lower()).strip("-")

aliases = {}
for row in csv.DictReader(open(f"{out}/models.csv", encoding="utf-8")):
    for a in [row["id"], row["name"]] + [x for x in row["aliases"].split("|") if x]:
        aliases[norm(a)] = row["id"]

def match(name):
    for cand in (name, name.rsplit("/", 1)[-1]):
        k = norm(cand)
        if k in aliases:
            return aliases[k]
        k2 = re.sub(r"\s*\([a-z]{3} \d{4}\)$", "", cand.strip().lower())
        k2 = re.sub(r"-(\d{4}-\d{2}-\d{2}|\d{8})$", "", norm(k2))
        if k2 in aliases:
            return aliases[k2]
    return None

lite = json.load(open(f"{raw}/litellm/model_prices_and_context_window_2026-07-24.json"))
subset = {k: v for k, v in lite.items() if isinstance(v, dict) and k != "sample_spec" and match(k)}
subset["last_updated"] = lite["last_updated"]
with open(f"{out}/litellm_subset_2026-07-24.json", "w", encoding="utf-8") as f:
    json.dump(subset, f, indent=1, ensure_ascii=False)
    f.write("\n")

cols = ["Model", "Organization", "Publication date", "Parameters", "Parameters notes",
        "Training compute (FLOP)", "Training dataset size (total)", "Training time (hours)",
        "Training time notes", "Training hardware", "Hardware quantity", "Hardware utilization (MFU)",
        "Training compute cost (2023 USD)", "Compute cost notes", "Model accessibility",
        "Open model weights?", "Country (of organization)", "Confidence", "Link"]
rows = [r for r in csv.DictReader(open(f"{raw}/epoch/notable_ai_models_2026-07.csv", encoding="utf-8-sig")) if match(r["Model"])]
with open(f"{out}/epoch_notable_subset_2026-07.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
# genai-prices' hand-edited YAMLs say when each price was last checked; the JSON feed drops that date.
import glob, yaml
checked = []
for path in sorted(glob.glob(f"{raw}/genai-prices/providers/*.yml")):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    for model in doc.get("models") or []:
        if model.get("prices_checked"):
            checked.append((doc["id"], model["id"], str(model["prices_checked"])))
with open(f"{out}/genai-prices_prices-checked_47df840.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["provider", "model", "prices_checked"])
    w.writerows(checked)

print(f"litellm: {len(subset) - 1} entries; epoch: {len(rows)} rows; prices_checked: {len(checked)} rows")
