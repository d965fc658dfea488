#!/usr/bin/python3
"""How far can any model go on a split? For each test ticket, its nearest training ticket by word TF-IDF cosine;
among test tickets with a near-identical training ticket, how often the two carry the same label. Where near-identical
texts disagree, no model that reads only the text gets both right.

usage: duplicate_agreement.py SPLIT_DIR TEXT_COL LABEL_COL
"""
import sys
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import split_files
S, TEXT, LABEL = sys.argv[1:4]
xtr, ytr, xte, yte = split_files.read(S, TEXT, LABEL)
v = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
A = v.fit_transform(xtr); B = v.transform(xte)
best = np.zeros(len(xte)); label = [None] * len(xte)
for start in range(0, B.shape[0], 500):
    sims = (B[start:start + 500] @ A.T).toarray()
    idx = sims.argmax(axis=1)
    for i, j in enumerate(idx):
        best[start + i] = sims[i, j]; label[start + i] = ytr[j]
agree = np.array([a == b for a, b in zip(label, yte)])
print(f"{len(xte)} test tickets")
for lo in (0.99, 0.95, 0.9, 0.8, 0.0):
    m = best >= lo
    if not m.any():
        print(f"nearest training ticket at cosine >= {lo:.2f}:     0 tickets"); continue
    print(f"nearest training ticket at cosine >= {lo:.2f}: {m.sum():5d} tickets ({m.mean():.3f}),"
          f" same label {agree[m].mean():.3f}")
