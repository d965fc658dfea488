#!/usr/bin/python3
"""How similar unrelated texts look to each embedding model: cosine of random pairs and of each text's nearest
neighbour, over texts every given `eval --vector-cache` file holds (3,000 drawn at random, seed 1).

usage: cosine_spread.py CACHE [CACHE...]
"""
import sys

import numpy as np

from vector_cache import read


caches = [read(path) for path in sys.argv[1:]]
keys = sorted(set.intersection(*(set(v) for _, v in caches)))
keys = [keys[i] for i in np.random.default_rng(1).choice(len(keys), min(3000, len(keys)), replace=False)]
for model, vectors in caches:
    E = np.array([vectors[k] for k in keys])
    S = E @ E.T
    pairs = S[np.triu_indices(len(keys), 1)]
    nearest = np.sort(S - 2 * np.eye(len(keys)), 1)[:, -1]
    print(f"{model}: random pairs mean {pairs.mean():.3f}, 5th percentile {np.percentile(pairs, 5):.3f}, "
          f"95th {np.percentile(pairs, 95):.3f}; nearest neighbour median {np.median(nearest):.3f}")
