"""Reads the train and test files of a split made with split.py: the text column and the label column of each."""
import csv
import sys

csv.field_size_limit(sys.maxsize)


def read(split_dir, text, label):
    """(train texts, train labels, test texts, test labels)."""
    def load(path):
        rows = list(csv.DictReader(open(path, encoding='utf-8', errors='replace')))
        return [r[text] for r in rows], [r[label] for r in rows]
    xtr, ytr = load(split_dir + '/train.csv')
    xte, yte = load(split_dir + '/test.csv')
    return xtr, ytr, xte, yte
