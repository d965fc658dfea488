#!/usr/bin/env python3
"""Stratified train/test split of a labelled CSV with a fixed seed (standard library only).

usage: split.py IN.csv LABEL_COLUMN OUT_DIR [--test-fraction 0.2] [--seed 42]
Writes OUT_DIR/train.csv and OUT_DIR/test.csv with the same header as IN.csv.
"""
import argparse, csv, os, random, sys
from collections import defaultdict

csv.field_size_limit(sys.maxsize)
p = argparse.ArgumentParser()
p.add_argument("input"); p.add_argument("label"); p.add_argument("out")
p.add_argument("--test-fraction", type=float, default=0.2)
p.add_argument("--seed", type=int, default=42)
a = p.parse_args()
with open(a.input, newline="", encoding="utf-8", errors="replace") as f:
    reader = csv.DictReader(f)
    header = reader.fieldnames
    rows = list(reader)
by_label = defaultdict(list)
for row in rows:
    by_label[row[a.label]].append(row)
rng = random.Random(a.seed)
train, test = [], []
for label in sorted(by_label):
    group = by_label[label]
    rng.shuffle(group)
    n_test = int(round(len(group) * a.test_fraction)) if len(group) > 1 else 0
    test += group[:n_test]; train += group[n_test:]
rng.shuffle(train); rng.shuffle(test)
os.makedirs(a.out, exist_ok=True)
for name, part in (("train.csv", train), ("test.csv", test)):
    with open(os.path.join(a.out, name), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header); w.writeheader(); w.writerows(part)
print(f"{a.input}: {len(train)} train, {len(test)} test, {len(by_label)} labels -> {a.out}")
