#!/usr/bin/python3
"""The peer to beat: scikit-learn TF-IDF (word 1-2 + char 2-5 grams, sublinear) + LinearSVC.

usage: sklearn_peer.py TRAIN.csv TEST.csv TEXT_COL[,TEXT_COL...] LABEL_COL [LANGUAGE_COL]

With LANGUAGE_COL, also prints accuracy and macro-F1 per language of the test file, as `eval --language-column` does
(macro-F1 over the labels present in that language's tickets or predictions).
"""
import csv, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC

csv.field_size_limit(sys.maxsize)

def load(path, cols, label, language=None):
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        rows = [r for r in csv.DictReader(f) if (r[label] or "").strip()]
    languages = [(r[language] or "").strip() or "unknown" for r in rows] if language else None
    return [" ".join(r[c] or "" for c in cols) for r in rows], [r[label] for r in rows], languages

train, test, cols, label = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]
language = sys.argv[5] if len(sys.argv) > 5 else None
xtr, ytr, _ = load(train, cols, label); xte, yte, lte = load(test, cols, label, language)
model = make_pipeline(FeatureUnion([
    ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
    ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
]), LinearSVC(C=1.0))
t = time.time(); model.fit(xtr, ytr); fit = time.time() - t
pred = model.predict(xte)
print(f"{train}: sklearn tfidf(word1-2+char2-5)+LinearSVC accuracy={accuracy_score(yte, pred):.4f} "
      f"macro_f1={f1_score(yte, pred, average='macro'):.4f} train_s={fit:.1f} n_train={len(ytr)} n_test={len(yte)}")
if lte:
    for lang in sorted(set(lte)):
        idx = [i for i, l in enumerate(lte) if l == lang]
        truth, guess = [yte[i] for i in idx], [pred[i] for i in idx]
        print(f"  {lang}: {len(idx)} tickets, accuracy={accuracy_score(truth, guess):.4f} "
              f"macro_f1={f1_score(truth, guess, average='macro'):.4f}")
