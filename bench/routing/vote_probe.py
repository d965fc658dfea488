#!/usr/bin/python3
"""Probe outside the product: does a nearest-neighbour vote on TF-IDF vectors add to class weights?

scikit-learn TF-IDF (the peer's features) + LinearSVC(C=0.5) with class weights (rows / (labels * label rows))^power,
softmax(decision / 0.18) as the probabilities (about the product's calibrated temperature on the long-tail set),
blended with a 7-nearest-neighbour vote on the same vectors (each neighbour weighted exp(similarity / 0.05), as the
service's vote): (1 - share) * linear + share * vote.

usage: vote_probe.py TRAIN.csv TEST.csv TEXT_COL LABEL_COL
"""
import csv, sys
from collections import Counter

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

csv.field_size_limit(sys.maxsize)


def load(path, text, label):
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        rows = list(csv.DictReader(f))
    return [r[text] or "" for r in rows], [r[label] for r in rows]


train, test, text, label = sys.argv[1:5]
xtr, ytr = load(train, text, label)
xte, yte = load(test, text, label)
labels = sorted(set(ytr))
index = {l: i for i, l in enumerate(labels)}
y = np.array([index[l] for l in ytr])
features = FeatureUnion([
    ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
    ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2))])
Xtr = normalize(features.fit_transform(xtr))
Xte = normalize(features.transform(xte))
counts = Counter(y)


def vote(similarity, k=7, temperature=0.05):
    nearest = np.argsort(-similarity, 1)[:, :k]
    votes = np.zeros((similarity.shape[0], len(labels)))
    for i in range(similarity.shape[0]):
        s = similarity[i, nearest[i]]
        for j, w in zip(nearest[i], np.exp((s - s.max()) / temperature)):
            votes[i, y[j]] += w
    return votes / votes.sum(1, keepdims=True)


votes = vote((Xte @ Xtr.T).toarray())
for power in (0, 0.5):
    weights = {c: (len(y) / (len(labels) * counts[c])) ** power for c in counts}
    decision = LinearSVC(C=0.5, class_weight=weights).fit(Xtr, y).decision_function(Xte) / 0.18
    linear = np.exp(decision - decision.max(1, keepdims=True))
    linear /= linear.sum(1, keepdims=True)
    for share in (0, 0.1, 0.2, 0.3):
        predicted = [labels[i] for i in ((1 - share) * linear + share * votes).argmax(1)]
        print(f"class-weight power {power} vote share {share}: accuracy {accuracy_score(yte, predicted):.4f} "
              f"macro-F1 {f1_score(yte, predicted, average='macro'):.4f}")
