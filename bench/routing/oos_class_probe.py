#!/usr/bin/python3
"""Probe outside the product: the out-of-scope references as a class of their own in a linear model over the
peer's lexical features (which read every language), trained with the starter teams' examples. How many in-scope
tickets would it take from their teams, and how many out-of-scope ones would it catch, per language?

usage: oos_class_probe.py        (run from the repository's root)
"""
import csv, glob, json, os, sys
from collections import Counter
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

K = 'src/main/resources/knowledge/starter'; T = 'src/test/resources/triage'
texts, labels = [], []
for f in sorted(glob.glob(K + '/*.json')):
    for e in json.load(open(f, encoding='utf-8')):
        texts.append(e['title'] + '. ' + e.get('description', '')); labels.append(e['team'])
language = 'en'
for line in open('src/main/resources/triage/out-of-scope-references.txt', encoding='utf-8'):
    s = line.strip()
    if s.startswith('[') and s.endswith(']'):
        language = s[1:-1]; continue
    if not s or s.startswith('#') or '|' not in s:
        continue
    texts.append(s.split('|', 1)[1].strip() + '.'); labels.append('(out of scope)')
print(Counter(labels))
w = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
c = TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5), sublinear_tf=True, min_df=2)
X = hstack([w.fit_transform(texts), c.fit_transform(texts)]).tocsr()
def rows(path):
    return list(csv.DictReader(open(path, encoding='utf-8')))
def feats(rs):
    t = [r['title'] + '. ' + r['description'] for r in rs]
    return hstack([w.transform(t), c.transform(t)]).tocsr()
for C in (0.1, 0.5, 1.0):
    m = LinearSVC(C=C, class_weight='balanced').fit(X, labels)
    print(f'C={C}')
    for name, path, in_scope in (('multilingual.csv (in scope)', T + '/multilingual.csv', True),
                                 ('multilingual-out-of-scope.csv', T + '/multilingual-out-of-scope.csv', False),
                                 ('severity.csv (in scope, English)', T + '/severity.csv', True),
                                 ('out-of-scope.csv (English)', T + '/out-of-scope.csv', False)):
        rs = rows(path); p = m.predict(feats(rs))
        oos = sum(1 for x in p if x == '(out of scope)')
        by = Counter(r.get('language', 'en') for r, x in zip(rs, p) if x == '(out of scope)')
        right = sum(1 for r, x in zip(rs, p) if in_scope and x == r['team'])
        print(f'  {name:36s} {len(rs):4d} tickets, predicted out of scope {oos:3d} {dict(by)}'
              + (f', right team {right}' if in_scope else ''))
