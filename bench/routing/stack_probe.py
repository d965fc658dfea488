#!/usr/bin/python3
"""Probe outside the product: does a second-level model over the linear model's probabilities and the
nearest-neighbour vote beat the linear model alone?

Level one, as close to the product as scikit-learn gets: TF-IDF (the peer's word 1-2 and char_wb 2-5 grams) plus the
embedding block read from an `eval --vector-cache` file, LinearSVC(C=0.5) with class weights
(rows / (labels * label rows))^0.5, softmax(decision / T) with T fitted on out-of-fold decisions (log loss); the vote
of the 7 nearest history rows by embedding similarity, each weighted exp(similarity / 0.05), as the service's vote.
Out-of-fold (5 folds) probabilities and leave-one-out votes of the history are what level two is fitted on; the test
rows get the final linear model's probabilities and their votes over the whole history.

Level two, two kinds:
- `full`: multinomial logistic regression over the 2K features [linear probabilities, vote shares] (C chosen by
  the log loss of 5-fold cross-validation on the history's out-of-fold features);
- `shared`: one weight per evidence shared by every team, score_c = a * log p_c + b * log(v_c + 0.01) + c * log
  prior_c (a conditional logit: 3 numbers, fitted on the same out-of-fold features).

With a sixth argument `lexical`, it also measures a second vote over word TF-IDF neighbours (cosine, the same 7
neighbours and weights, leave one out) beside the embedding's: `log p + a * log(vote + 0.01) + b * log(lexical + 0.01)`,
a and b from 0 to 1 in steps of 0.1, chosen by out-of-fold accuracy (the product chooses its one weight that way).

usage: stack_probe.py TRAIN.csv TEST.csv TEXT_COL LABEL_COL VECTOR_CACHE [lexical]
"""
import csv, hashlib, re, sys
from collections import Counter

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import KFold
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from vector_cache import read

csv.field_size_limit(sys.maxsize)


def load(path, text, label):
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        rows = list(csv.DictReader(f))
    return [r[text] or "" for r in rows], [r[label] for r in rows]


train, test, text, label, cache = sys.argv[1:6]
xtr, ytr = load(train, text, label)
xte, yte = load(test, text, label)
_, vectors = read(cache)


URL = re.compile(r"https?://\S+|www\.\S+", re.A)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.A)
QUOTED = re.compile(r"(?m)^>.*$")
REPLY = re.compile(r"(?is)(-{2,}\s*original message\s*-{2,}|\non .{0,200} wrote:).*", re.A)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SPACE = re.compile(r"\s+", re.A)


def ticket_text(value):
    """The text `eval` embeds (LabelledCsv.row and TicketText.of, one text column): the key of the vector cache."""
    title, description = value.replace("\0", " ").strip(), ""
    if len(title) > 200:
        cut = title.rfind(" ", 0, 201)
        cut = cut if cut > 100 else 200
        description, title = title[cut:].strip(), title[:cut].strip()
    body = QUOTED.sub(" ", REPLY.sub(" ", description))
    text = CONTROL.sub(" ", EMAIL.sub(" ", URL.sub(" ", title.strip() + ". " + body)))
    return SPACE.sub(" ", text).strip()[:2000]


def embed(texts):
    found = [vectors.get(hashlib.sha256(ticket_text(t).encode()).hexdigest()) for t in texts]
    hits = sum(v is not None for v in found)
    dim = len(next(iter(vectors.values())))
    return np.array([v if v is not None else np.zeros(dim, np.float32) for v in found]), hits


Etr, htr = embed(xtr)
Ete, hte = embed(xte)
print(f"vectors found: history {htr}/{len(xtr)}, test {hte}/{len(xte)}")
labels = sorted(set(ytr))
index = {l: i for i, l in enumerate(labels)}
K = len(labels)
y = np.array([index[l] for l in ytr])
counts = Counter(y)
weights = {c: (len(y) / (K * counts[c])) ** 0.5 for c in counts}
prior = np.array([counts.get(c, 0) for c in range(K)], float) / len(y)

features = FeatureUnion([
    ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
    ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2))])


def featurise(fit, texts, vecs):
    lexical = normalize(features.fit_transform(texts) if fit else features.transform(texts))
    return hstack([lexical, csr_matrix(vecs)]).tocsr()


def decisions(Xa, ya, Xb):
    model = LinearSVC(C=0.5, class_weight={c: weights[c] for c in set(ya)}).fit(Xa, ya)
    d = np.full((Xb.shape[0], K), -10.0)
    d[:, model.classes_] = model.decision_function(Xb)
    return d


oof = np.zeros((len(y), K))
for fold, (a, b) in enumerate(KFold(5, shuffle=True, random_state=1).split(xtr)):
    Xa = featurise(True, [xtr[i] for i in a], Etr[a])
    Xb = featurise(False, [xtr[i] for i in b], Etr[b])
    oof[b] = decisions(Xa, y[a], Xb)
Xtr = featurise(True, xtr, Etr)
Xte = featurise(False, xte, Ete)
dte = decisions(Xtr, y, Xte)


def softmax(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def logloss(p, t):
    return -np.mean(np.log(p[np.arange(len(t)), t] + 1e-12))


T = min(np.arange(0.05, 0.6, 0.01), key=lambda t: logloss(softmax(oof / t), y))
Poof, Pte = softmax(oof / T), softmax(dte / T)


def vote(E, exclude_self, H=None, block=2000):
    """The 7 nearest history rows of each row of E by similarity (dot product with the history's rows H, the embedding
    vectors unless given; dense or sparse), in blocks to bound memory."""
    H = Etr if H is None else H
    votes = np.zeros((E.shape[0], K))
    for start in range(0, E.shape[0], block):
        similarity = E[start:start + block] @ H.T
        similarity = similarity.toarray() if hasattr(similarity, "toarray") else similarity
        if exclude_self:
            similarity[np.arange(similarity.shape[0]), np.arange(start, start + similarity.shape[0])] = -np.inf
        nearest = np.argpartition(-similarity, 7, 1)[:, :7]
        for i in range(similarity.shape[0]):
            s = similarity[i, nearest[i]]
            for j, w in zip(nearest[i], np.exp((s - s.max()) / 0.05)):
                votes[start + i, y[j]] += w
    return votes / votes.sum(1, keepdims=True)


Voof = vote(Etr, True)
Vte = vote(Ete, False)


def report(name, p):
    predicted = [labels[i] for i in p.argmax(1)]
    print(f"{name}: accuracy {accuracy_score(yte, predicted):.4f} "
          f"macro-F1 {f1_score(yte, predicted, average='macro'):.4f}")


print(f"temperature {T:.2f}, out-of-fold accuracy {np.mean(Poof.argmax(1) == y):.4f}, "
      f"out-of-fold log loss {logloss(Poof, y):.4f}")
report("level one, linear", Pte)
report("level one, vote", Vte)

def level_two(C, Xa, ya, Xb, balanced=False):
    sample = np.array([weights[c] for c in ya]) if balanced else None
    model = LogisticRegression(C=C, max_iter=3000).fit(Xa, ya, sample_weight=sample)
    p = np.full((Xb.shape[0], K), 1e-9)
    p[:, model.classes_] = model.predict_proba(Xb)
    return p / p.sum(1, keepdims=True)


Zoof, Zte = np.hstack([Poof, Voof]), np.hstack([Pte, Vte])
for balanced in (False, True):
    scores = {}
    for C in (0.1, 1, 10, 100):
        p = np.zeros((len(y), K))
        for a, b in KFold(5, shuffle=True, random_state=2).split(Zoof):
            p[b] = level_two(C, Zoof[a], y[a], Zoof[b], balanced)
        scores[C] = logloss(p, y)
    best = min(scores, key=scores.get)
    name = "full, rows weighted as in level one" if balanced else "full"
    print(f"level two, {name}: cross-validated log loss by C "
          + ", ".join(f"{c:g}: {v:.4f}" for c, v in scores.items()))
    report(f"stacked, {name} (C={best:g})", level_two(best, Zoof, y, Zte, balanced))

lp_oof, lv_oof = np.log(Poof + 1e-12), np.log(Voof + 0.01)
lp_te, lv_te = np.log(Pte + 1e-12), np.log(Vte + 0.01)
lprior = np.log(prior + 1e-6)


row_weight = np.array([weights[c] for c in y])


def shared_loss(w, balanced=False):
    p = softmax(w[0] * lp_oof + w[1] * lv_oof + w[2] * lprior)
    loss = -np.log(p[np.arange(len(y)), y] + 1e-12)
    return np.average(loss, weights=row_weight) if balanced else loss.mean()


for name, start, balanced in (("shared", [1.0, 0.0, 0.0], False),
                              ("shared, no prior", [1.0, 0.0], False),
                              ("shared, rows weighted as in level one", [1.0, 0.0, 0.0], True)):
    def loss(v):
        return shared_loss(np.append(v, 0.0) if len(v) == 2 else v, balanced)

    w = minimize(loss, np.array(start), method="Nelder-Mead").x
    w = np.append(w, 0.0) if len(w) == 2 else w
    print(f"{name}: weights linear {w[0]:.3f}, vote {w[1]:.3f}, prior {w[2]:.3f}; out-of-fold log loss "
          f"{shared_loss(w, balanced):.4f}")
    report(f"stacked, {name}", softmax(w[0] * lp_te + w[1] * lv_te + w[2] * lprior))


if len(sys.argv) > 6 and sys.argv[6] == "lexical":
    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)
    Ltr = normalize(words.fit_transform(xtr)).tocsr()
    Lte = normalize(words.transform(xte)).tocsr()

    LVoof, LVte = vote(Ltr, True, Ltr, 1000), vote(Lte, False, Ltr, 1000)
    report("lexical vote alone", LVte)
    ll_oof, ll_te = np.log(LVoof + 0.01), np.log(LVte + 0.01)
    best = max(((a, b) for a in np.arange(0, 1.01, 0.1) for b in np.arange(0, 1.01, 0.1)),
               key=lambda w: np.mean((lp_oof + w[0] * lv_oof + w[1] * ll_oof).argmax(1) == y))
    embedding_only = max(np.arange(0, 1.01, 0.1), key=lambda a: np.mean((lp_oof + a * lv_oof).argmax(1) == y))
    print(f"embedding vote alone, weight {embedding_only:.1f} by out-of-fold accuracy")
    report("  blended", softmax(lp_te + embedding_only * lv_te))
    print(f"both votes, weights {best[0]:.1f} and {best[1]:.1f} by out-of-fold accuracy")
    report("  blended", softmax(lp_te + best[0] * lv_te + best[1] * ll_te))
