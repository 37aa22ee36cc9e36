"""Word-level dev measures used while training (the shipped numbers come from `npm run eval`).

fce_dev: FCE dev essays (../shared/eval/fce/fce-dev.json, research licence: read, never copied). A word is
wrong when an annotator's edit overlaps it, or for an insertion when it is the word right after the gap;
punctuation-only edits are left out. A word's score is the maximum logit of its word pieces, as in the
TypeScript pipeline. Reports ROC-AUC and the best F0.5 over thresholds with its precision and recall.
"""
import json
import os
import re

import numpy as np
import torch

from lexicon import shared_dir
from special_tokens import CLS, SEP

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+")
ALNUM = re.compile(r"[A-Za-z0-9]")


def auc(scores, labels):
    scores, labels = np.asarray(scores, np.float64), np.asarray(labels, bool)
    n1, n0 = labels.sum(), (~labels).sum()
    if n1 == 0 or n0 == 0:
        return float("nan")
    ranks = np.empty(len(scores))
    order = np.argsort(scores, kind="mergesort")
    ranks[order] = np.arange(1, len(scores) + 1)
    # average ranks over ties
    s = scores[order]
    _, first, counts = np.unique(s, return_index=True, return_counts=True)
    for f, c in zip(first, counts):
        if c > 1:
            ranks[order[f:f + c]] = f + (c + 1) / 2
    return float((ranks[labels].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def best_f05(scores, labels):
    """-> (f05, precision, recall, threshold) maximising F0.5 over all cut points."""
    scores, labels = np.asarray(scores, np.float64), np.asarray(labels, bool)
    order = np.argsort(-scores, kind="mergesort")
    tp = np.cumsum(labels[order])
    k = np.arange(1, len(scores) + 1)
    p, r = tp / k, tp / max(1, labels.sum())
    f = np.where(p + r > 0, 1.25 * p * r / np.maximum(1e-12, 0.25 * p + r), 0)
    i = int(np.argmax(f))
    return float(f[i]), float(p[i]), float(r[i]), float(scores[order[i]])


def fce_words(path, limit=None):
    """-> list of (paragraph text, [(start, end, wrong)])."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit and n >= limit:
                break
            d = json.loads(line)
            text = d["text"]
            edits = [e for e in d["edits"][0][1] if ALNUM.search(text[e[0]:e[1]] + (e[2] or ""))]
            pos = 0
            for para in text.split("\n"):
                spans = [(m.start(), m.end()) for m in WORD.finditer(para)]
                wrong = [False] * len(spans)
                for a, b, *_ in edits:
                    a, b = a - pos, b - pos
                    if a < b:
                        for i, (s, e) in enumerate(spans):
                            if a < e and s < b:
                                wrong[i] = True
                    elif 0 <= a <= len(para):  # a missing word: the word after the gap
                        i = next((i for i, (s, _) in enumerate(spans) if s >= a), None)
                        if i is not None:
                            wrong[i] = True
                if spans:
                    out.append((para, [(s, e, w) for (s, e), w in zip(spans, wrong)]))
                pos += len(para) + 1
    return out


class FceDev:
    def __init__(self, tokenizer, limit=None):
        p = os.path.join(shared_dir(), "eval", "fce", "fce-dev.json")
        self.items = fce_words(p, limit) if os.path.exists(p) else []
        self.tokenizer = tokenizer

    @torch.no_grad()
    def run(self, disc, amp, device, seq_len=128):
        if not self.items:
            return {}
        rows, owners = [], []
        for k, (para, words) in enumerate(self.items):
            e = self.tokenizer.encode(para)
            ids, offs = e.ids[1:-1], e.offsets[1:-1]
            step = seq_len - 2
            for j in range(0, max(1, len(ids)), step):
                rows.append([CLS] + ids[j:j + step] + [SEP])
                owners.append((k, offs[j:j + step]))
        scores, labels = [], []
        word_best = [np.full(len(w), -np.inf) for _, w in self.items]
        order = np.argsort([len(r) for r in rows])
        for i in range(0, len(order), 64):
            sel = order[i:i + 64]
            L = max(len(rows[s]) for s in sel)
            b = torch.zeros((len(sel), L), dtype=torch.long)
            for r, s in enumerate(sel):
                b[r, :len(rows[s])] = torch.tensor(rows[s])
            with amp():
                lg = disc(b.to(device), (b != 0).long().to(device)).float().cpu().numpy()
            for r, s in enumerate(sel):
                k, offs = owners[s]
                starts = np.array([w[0] for w in self.items[k][1]])
                for t, (a, z) in enumerate(offs):
                    if z <= a:
                        continue
                    w = np.searchsorted(starts, a, side="right") - 1
                    if w >= 0 and a < self.items[k][1][w][1]:
                        word_best[k][w] = max(word_best[k][w], lg[r, t + 1])
        for (_, words), best in zip(self.items, word_best):
            for (a, z, wrong), s in zip(words, best):
                if np.isfinite(s):
                    scores.append(s)
                    labels.append(wrong)
        f, p, r, t = best_f05(scores, labels)
        return {"fce_dev_auc": auc(scores, labels), "fce_dev_f05": f, "fce_dev_p": p, "fce_dev_r": r,
                "fce_dev_thr": float(1 / (1 + np.exp(-t))), "fce_dev_words": len(scores),
                "fce_dev_wrong": float(np.mean(labels))}
