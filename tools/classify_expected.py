#!/usr/bin/env python3
"""Reference scores for crowdmine's text classifiers (multinomial naive Bayes
and logistic regression), computed with scikit-learn on the SAME feature
matrices and folds as crowdmine, read from the export directory written by
`crowdmine classify evaluate ... --export DIR`.

Command line (run from the repo root):

    bench/.venv/bin/python tools/classify_expected.py EXPORT_DIR [--out FILE]

The committed fixture crates/crowdmine-text/tests/fixtures/classify_sanders.json
was made by

    crowdmine classify evaluate --data <data>/sentiment/sanders/full-corpus.csv \
        --text-column TweetText --label-column Sentiment --drop irrelevant \
        --export EXPORT_DIR
    bench/.venv/bin/python tools/classify_expected.py EXPORT_DIR \
        --out crates/crowdmine-text/tests/fixtures/classify_sanders.json

(defaults: 10 folds, seed 1, uni- and bigrams, min_df 2, alpha 1, C 1,
tol 1e-6, max_iter 1000).

EXPORT_DIR is the only positional argument; without --out the JSON goes to
stdout. `bench/.venv` is the git-ignored virtualenv (Python 3.11.7,
scikit-learn 1.9.1, numpy 2.4.6, scipy 1.17.1); the versions of the run are
written into "meta". Run time on the Sanders corpus (3,424 tweets, 10 folds,
about 8,500 TF-IDF columns per fold): about 4 s wall, 2 s of them fitting
(2-core machine; it was 7-23 s with 2 BLAS threads); printed to stderr only.

Inputs (UTF-8, "\\n" line endings): classes.txt (class names, index = line
index), labels.txt (class index per document), folds.txt (fold index 0..K-1
per document), params.json ({"k", "nb_alpha", "lr_c", "lr_max_iter",
"lr_tol", "seed"}), and for k in 0..K-1 fold_<k>.train.mtx / fold_<k>.test.mtx
(Matrix Market coordinate real general; rows = documents with fold != k /
fold == k, in document order; same column count). Checked: row and column
counts, label and fold ranges, each test part non-empty, every class trained.

Models, per fold, fitted on the train matrix and train labels:
* MultinomialNB(alpha=nb_alpha) (fit_prior=True, force_alpha=True).
* LogisticRegression(C=lr_c, max_iter=lr_max_iter, tol=lr_tol), i.e. the
  defaults solver="lbfgs", l1_ratio=0 (L2), fit_intercept=True. With >= 3
  classes scikit-learn 1.9 always minimises the multinomial (softmax) loss;
  the script asserts coef_ has one row per class, which only that loss gives
  (with 2 classes sklearn would fit the binomial loss instead: refused).

Output JSON: {"meta": {"sklearn", "numpy", "scipy", "params" (as read),
"classes", "lr_n_iter" (L-BFGS iterations per fold), "folds" (as read)}, "nb": {...}, "lr":
{...}} where each model has "fold_macro_f1", "fold_accuracy" (per fold),
"macro_f1", "accuracy" (plain means over the folds), "confusion" (pooled
out-of-fold predictions, rows = true class, columns = predicted, class index
order) and "predictions" (out-of-fold predicted class index per document, in
document order). Macro-F1 is f1_score(average="macro", labels=all class
indices, zero_division=0). Floats are rounded to 6 decimals.

Determinism: no randomness (lbfgs and naive Bayes use no seed; params["seed"]
is only copied into meta); BLAS and OpenMP are limited to one thread
(threadpoolctl), so sums run in one order; two runs give byte-identical output
(checked with sha256sum). No path is written.
"""

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import scipy
import scipy.io
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.naive_bayes import MultinomialNB
from threadpoolctl import threadpool_limits


def read_lines(path):
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") or not text, f"{path.name}: no final newline"
    return text.split("\n")[:-1]


def read_matrix(path, rows):
    m = sp.csr_matrix(scipy.io.mmread(path), dtype=np.float64)
    assert m.shape[0] == rows, f"{path.name}: {m.shape[0]} rows, expected {rows}"
    return m


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("export_dir")
    ap.add_argument("--out", help="output JSON file (default: stdout)")
    args = ap.parse_args()
    start = time.perf_counter()
    threadpool_limits(limits=1)  # one BLAS/OpenMP thread: same sums on any machine, and faster here

    d = Path(args.export_dir)
    classes = read_lines(d / "classes.txt")
    y = np.array([int(v) for v in read_lines(d / "labels.txt")])
    folds = np.array([int(v) for v in read_lines(d / "folds.txt")])
    params = json.loads((d / "params.json").read_text(encoding="utf-8"))
    n_classes, n_folds = len(classes), int(params["k"])
    labels = list(range(n_classes))
    assert n_classes >= 3, "2 classes: sklearn would fit the binomial, not the multinomial loss"
    assert len(y) == len(folds), "labels.txt and folds.txt differ in length"
    assert y.min() >= 0 and y.max() < n_classes, "class index out of range"
    assert folds.min() >= 0 and folds.max() < n_folds, "fold index out of range"

    models = {
        "nb": lambda: MultinomialNB(alpha=float(params["nb_alpha"])),
        "lr": lambda: LogisticRegression(C=float(params["lr_c"]), max_iter=int(params["lr_max_iter"]),
                                         tol=float(params["lr_tol"])),
    }
    oof = {name: np.full(len(y), -1) for name in models}
    fold_f1 = {name: [] for name in models}
    fold_acc = {name: [] for name in models}
    lr_n_iter = []
    for k in range(n_folds):
        train, test = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        x_train = read_matrix(d / f"fold_{k}.train.mtx", len(train))
        x_test = read_matrix(d / f"fold_{k}.test.mtx", len(test))
        assert x_train.shape[1] == x_test.shape[1], f"fold {k}: column counts differ"
        assert len(test) and len(np.unique(y[train])) == n_classes, f"fold {k}: no test row or a class not trained"
        for name, make in models.items():
            model = make().fit(x_train, y[train])  # a ConvergenceWarning would go to stderr
            if name == "lr":
                assert model.coef_.shape == (n_classes, x_train.shape[1]), "not the multinomial loss"
                lr_n_iter.append(int(model.n_iter_[0]))
            pred = model.predict(x_test)
            oof[name][test] = pred
            fold_f1[name].append(f1_score(y[test], pred, average="macro", labels=labels, zero_division=0))
            fold_acc[name].append(accuracy_score(y[test], pred))
    r6 = lambda x: round(float(x), 6)  # noqa: E731
    result = {"meta": {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                       "params": params, "classes": classes, "lr_n_iter": lr_n_iter,
                       "folds": folds.tolist()}}
    for name in models:
        assert (oof[name] >= 0).all()
        result[name] = {
            "fold_macro_f1": [r6(v) for v in fold_f1[name]],
            "fold_accuracy": [r6(v) for v in fold_acc[name]],
            "macro_f1": r6(math.fsum(fold_f1[name]) / n_folds),
            "accuracy": r6(math.fsum(fold_acc[name]) / n_folds),
            "confusion": confusion_matrix(y, oof[name], labels=labels).tolist(),
            "predictions": oof[name].tolist(),
        }

    # One line per key of each section: readable, still plain JSON.
    sections = [f"  {json.dumps(name)}: {{\n" + ",\n".join(
        f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in body.items()) + "\n  }"
        for name, body in result.items()]
    text = "{\n" + ",\n".join(sections) + "\n}\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    summary = ", ".join(f"{n} macro-F1 {result[n]['macro_f1']} acc {result[n]['accuracy']}" for n in models)
    print(f"{summary}; {time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
