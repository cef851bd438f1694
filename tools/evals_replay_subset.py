#!/usr/bin/env python3
"""Builds the replay recordings Parity ships for HumanEval from ../shared/data/outputs/code_mapcoder.

One gzip JSON Lines file per recorded run, data/evals/replay/humaneval/mapcoder/models/<model>-<strategy>.jsonl.gz,
one line per task: {"item_id": "HumanEval/N", "output": <final_code>, "is_solved": <the harness's own result>}.
Usage: python3 tools/evals_replay_subset.py [shared-data-dir]   (default ../shared/data)
"""
import gzip
import json
import os
import sys

RUNS = [("GPT4-Turbo", "CoT"), ("gpt-4o-mini", "Direct"), ("QwenCoder480b", "CoT"), ("QwenCoderTurbo", "CoT")]

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
source = os.path.join(shared, "outputs", "code_mapcoder", "humaneval_outputs.jsonl.gz")
target = os.path.join("data", "evals", "replay", "humaneval", "mapcoder", "models")
os.makedirs(target, exist_ok=True)
rows = {run: [] for run in RUNS}
with gzip.open(source, "rt", encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        key = (r["model"], r["strategy"])
        if key in rows:
            rows[key].append({"item_id": r["task_id"], "output": r["final_code"], "is_solved": r["is_solved"]})
for (model, strategy), items in rows.items():
    assert len(items) == 164, (model, strategy, len(items))
    items.sort(key=lambda x: int(x["item_id"].split("/")[1]))
    path = os.path.join(target, f"{model}-{strategy}.jsonl.gz")
    with gzip.GzipFile(path, "wb", mtime=0) as out:
        for item in items:
            out.write((json.dumps(item, ensure_ascii=False) + "\n").encode("utf-8"))
    print(path, len(items), sum(i["is_solved"] for i in items))
