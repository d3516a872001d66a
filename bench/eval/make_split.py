#!/usr/bin/env python3
"""Half/half train/heldout split of demands, stratified by problem-described vs category-named.
Each stratum is shuffled with a fixed seed; the strata are concatenated and positions alternate
train/heldout, so each stratum is split half/half (±1) and so is the whole."""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20241204
ds = [json.loads(l) for l in open(HERE / "demands.jsonl", encoding="utf-8") if l.strip()]
rng = random.Random(SEED)
order = []
for problem in (True, False):
    ids = sorted(d["eval_id"] for d in ds if ("category" not in d) is problem)
    rng.shuffle(ids)
    order += ids
train = sorted(order[0::2])
held = sorted(order[1::2])
json.dump({"seed": SEED, "stratified_by": "problem_described (no category) vs category given",
           "train": train, "heldout": held},
          open(HERE / "match_split.json", "w"), ensure_ascii=False, indent=1)
pd = {d["eval_id"] for d in ds if "category" not in d}
print("train", len(train), "problem", len(pd & set(train)), "| heldout", len(held), "problem", len(pd & set(held)))
