#!/usr/bin/python3
"""Probe outside the product: do naive-Bayes-scaled features (NBSVM, Wang and Manning 2012) beat the product's
level one, LinearSVC(C=0.5) with the class weights (power 0.5), on the peer's lexical features? One binary model a
team, each over the features scaled by that team's log-count ratio; the team with the highest decision value wins.
Lexical features only (no embedding), on a split made with split.py.

usage: nbsvm_probe.py SPLIT_DIR TEXT_COL LABEL_COL      e.g. /tmp/routing-splits/kaggle-val Document Topic_group
"""
import sys, time
from collections import Counter
import numpy as np
from scipy.sparse import hstack, diags
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.metrics import accuracy_score, f1_score
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import split_files
S, TEXT, LABEL = sys.argv[1:4]
xtr, ytr, xte, yte = split_files.read(S, TEXT, LABEL)
w = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
c = TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5), sublinear_tf=True, min_df=2)
A = hstack([w.fit_transform(xtr), c.fit_transform(xtr)]).tocsr()
B = hstack([w.transform(xte), c.transform(xte)]).tocsr()
ytr_a = np.array(ytr); teams = sorted(set(ytr))
cnt = Counter(ytr); n = len(ytr); k = len(cnt)
cw = {t: (n / (k * m)) ** 0.5 for t, m in cnt.items()}
def report(name, pred, t0):
    print(f"{name:44s} acc {accuracy_score(yte, pred):.4f} f1 {f1_score(yte, pred, average='macro'):.4f}"
          f" {time.time() - t0:.0f}s", flush=True)
t0 = time.time(); base = LinearSVC(C=0.5, class_weight=cw).fit(A, ytr); report("level one (svc C=0.5 cw0.5)", base.predict(B), t0)
Abin = A.copy(); Abin.data[:] = 1.0
for alpha in (1.0,):
    for binary in (True, False):
        for C in (0.1, 0.25, 0.5):
            for beta in (1.0,):
                t0 = time.time(); scores = np.zeros((B.shape[0], len(teams)))
                for j, t in enumerate(teams):
                    X = Abin if binary else A
                    pos = ytr_a == t
                    p = alpha + np.asarray(X[pos].sum(axis=0)).ravel()
                    q = alpha + np.asarray(X[~pos].sum(axis=0)).ravel()
                    r = np.log((p / p.sum()) / (q / q.sum()))
                    R = diags(r)
                    m = LinearSVC(C=C, class_weight={True: cw[t], False: 1.0}).fit(A @ R, pos)
                    coef = m.coef_.ravel()
                    if beta < 1.0:  # interpolation toward the mean weight, as in the paper
                        coef = (1 - beta) * np.abs(coef).mean() + beta * coef
                    scores[:, j] = (B @ R) @ coef + m.intercept_[0]
                report(f"nbsvm alpha={alpha} binary-r={binary} C={C} beta={beta}",
                       [teams[i] for i in scores.argmax(axis=1)], t0)
