#!/usr/bin/env python3
"""Writes synthetic Arena votes in FastChat's clean_battle_*.json layout (one JSON array).

Usage: python3 generate_votes.py OUT.json [--votes 1000000] [--models 150] [--seed 42] [--format json|jsonl|csv]

Each model gets a true rating ~ N(1000, 150); pairs are drawn uniformly; the outcome follows
Bradley-Terry with ties (about 25% ties and 10% "tie (bothbad)"), so a fit should recover the
ratings. Fields per battle: model_a, model_b, winner, anony, language, tstamp, dedup_tag.
Deterministic for a given seed. Standard library only.
"""
import argparse
import json
import math
import random

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--votes", type=int, default=1_000_000)
parser.add_argument("--models", type=int, default=150)
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--format", choices=["json", "jsonl", "csv"], default="json")
args = parser.parse_args()

rng = random.Random(args.seed)
names = [f"model-{i:03d}-{rng.choice(['chat', 'instruct', 'preview', 'latest'])}" for i in range(args.models)]
truth = [rng.gauss(1000, 150) for _ in range(args.models)]
languages = ["English"] * 7 + ["Chinese", "Russian", "German"]
tstamp = 1_700_000_000.0

with open(args.out, "w", encoding="utf-8") as f:
    if args.format == "json":
        f.write("[\n")
    elif args.format == "csv":
        f.write("model_a,model_b,winner,anony,language,tstamp\n")
    for v in range(args.votes):
        a = rng.randrange(args.models)
        b = rng.randrange(args.models - 1)
        b += b >= a
        p = 1 / (1 + 10 ** ((truth[b] - truth[a]) / 400))
        tie = 0.35 * 4 * p * (1 - p)  # ties are likelier between close models; expected score stays p
        u = rng.random()
        if u < p - tie / 2:
            winner = "model_a"
        elif u < p + tie / 2:
            winner = "tie" if rng.random() < 0.7 else "tie (bothbad)"
        else:
            winner = "model_b"
        tstamp += rng.random() * 30
        language = rng.choice(languages)
        if args.format == "csv":
            f.write(f"{names[a]},{names[b]},{winner},true,{language},{tstamp:.3f}\n")
            continue
        record = {
            "model_a": names[a], "model_b": names[b], "winner": winner, "anony": True,
            "language": language, "tstamp": round(tstamp, 3),
            "dedup_tag": {"high_freq": False, "sampled": True},
        }
        line = json.dumps(record)
        if args.format == "json":
            f.write(line + (",\n" if v + 1 < args.votes else "\n"))
        else:
            f.write(line + "\n")
    if args.format == "json":
        f.write("]\n")
