#!/usr/bin/python3
"""Probe outside the product: does another linear model, cost or n-gram range on the peer's lexical features beat
LinearSVC(C=0.5) with the product's class weights (power 0.5)? Lexical features only (no embedding), on a split
made with split.py.

usage: level_one_probe.py SPLIT_DIR TEXT_COL LABEL_COL      e.g. /tmp/routing-splits/kaggle-val Document Topic_group
"""
import sys, time
from collections import Counter
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import split_files
S, TEXT, LABEL = sys.argv[1:4]
xtr, ytr, xte, yte = split_files.read(S, TEXT, LABEL)
def feats(word_ng=(1,2), char_ng=(2,5), char_an='char_wb'):
    w=TfidfVectorizer(ngram_range=word_ng, sublinear_tf=True, min_df=1)
    c=TfidfVectorizer(analyzer=char_an, ngram_range=char_ng, sublinear_tf=True, min_df=2)
    A=hstack([w.fit_transform(xtr), c.fit_transform(xtr)]).tocsr()
    B=hstack([w.transform(xte), c.transform(xte)]).tocsr()
    return A,B
cnt=Counter(ytr); n=len(ytr); k=len(cnt)
cw={c:(n/(k*m))**0.5 for c,m in cnt.items()}
def run(name, A, B, clf):
    t=time.time(); clf.fit(A,ytr); p=clf.predict(B)
    print(f"{name:40s} acc {accuracy_score(yte,p):.4f} f1 {f1_score(yte,p,average='macro'):.4f} {time.time()-t:.0f}s", flush=True)
A,B=feats()
for C in (0.25,0.5,1.0):
    run(f"svc C={C} cw0.5", A,B, LinearSVC(C=C, class_weight=cw))
run("svc C=0.5 no cw", A,B, LinearSVC(C=0.5))
run("svc C=0.5 cs", A,B, LinearSVC(C=0.5, class_weight=cw, multi_class='crammer_singer'))
run("LR C=10 cw0.5", A,B, LogisticRegression(C=10, class_weight=cw, max_iter=300))
A,B=feats(word_ng=(1,3))
run("word1-3 svc C=0.5", A,B, LinearSVC(C=0.5, class_weight=cw))
A,B=feats(char_ng=(1,6))
run("char1-6 svc C=0.5", A,B, LinearSVC(C=0.5, class_weight=cw))
