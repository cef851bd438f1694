#!/usr/bin/env python3
"""Times FastChat's own Bradley-Terry rating code on a vote file: the baseline for bench/arena/run.sh.

Usage: /usr/bin/python3 fastchat_baseline.py FASTCHAT_DIR VOTES.json [--rounds 100]

FASTCHAT_DIR is a checkout of lm-sys/FastChat kept OUTSIDE this repository (no FastChat code is
committed here). The script does what fastchat/serve/monitor/elo_analysis.py does for the BT
leaderboard: pd.read_json of the clean_battle file, keep anonymous battles, sort by tstamp,
then rating_systems.compute_bootstrap_bt (multinomial bootstrap, a process pool) and
rating_systems.compute_bt (the full fit), and the 2.5/97.5 percentiles. It prints the top rows
so the output can be compared with Parity's.
"""
import argparse
import os
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("fastchat_dir")
parser.add_argument("votes")
parser.add_argument("--rounds", type=int, default=100)
args = parser.parse_args()

sys.path.insert(0, os.path.join(args.fastchat_dir, "fastchat", "serve", "monitor"))
import pandas as pd  # noqa: E402
import rating_systems  # noqa: E402  (FastChat's file, imported from the given checkout)

start = time.perf_counter()
battles = pd.read_json(args.votes)
battles = battles.sort_values(ascending=True, by=["tstamp"])
battles = battles[battles["anony"]].reset_index(drop=True)
if "dedup_tag" in battles.columns:
    battles = battles[battles["dedup_tag"].apply(lambda x: x.get("sampled", True))].reset_index(drop=True)
loaded = time.perf_counter()
bootstrap = rating_systems.compute_bootstrap_bt(battles, num_round=args.rounds)
rating = rating_systems.compute_bt(battles)
q025 = bootstrap.quantile(0.025)
q975 = bootstrap.quantile(0.975)
elapsed = time.perf_counter() - start
for model in list(rating.index[:3]):
    print(f"{model},{rating[model]:.4f},{q025[model]:.4f},{q975[model]:.4f}")
print(f"fastchat_seconds={elapsed:.3f} load_seconds={loaded - start:.3f} rating_seconds={elapsed - (loaded - start):.3f}", file=sys.stderr)
