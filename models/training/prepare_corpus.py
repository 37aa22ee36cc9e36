#!/usr/bin/env python3
"""Prepare the pre-training corpus: clean, de-duplicate, mix, split, tokenize.

  /usr/bin/python3 models/training/prepare_corpus.py [--corpus ../shared/corpus] [--modern-fraction 0.35]

Documents: Gutenberg books are stripped to the text between the "*** START OF" / "*** END OF" markers, CRLF
normalised, hard-wrapped lines unwrapped into paragraphs (blank-line separated). Modern files are one
paragraph per line. Whitespace is normalised and exact-duplicate paragraphs (case-insensitive) dropped.
The modern files have no document boundaries, so a "document" is a block of 20 consecutive paragraphs of one
source; a deterministic hash (seed) holds out 1% of documents as the dev split; documents are shuffled
(mixing sources). Only --modern-fraction of the modern documents is kept (size to the training budget).

Outputs in models/training/.work/data/:
  train.ids.npy / dev.ids.npy   uint16 token stream (no special tokens), documents concatenated
  dev.txt                       raw dev paragraphs
  dev_words.npz                 word-replacement eval set: 15% of words replaced by random words drawn by
                                corpus unigram frequency (ids uint16 + 0/1 labels per sequence)
  unigram_tokens.npy            token frequency counts (train)
  stats.json
"""
import argparse
import collections
import glob
import hashlib
import json
import lzma
import os
import random
import re
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from special_tokens import CLS, SEP  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DOC_PARAS = 20
ALPHA = re.compile(r"^[A-Za-z]+$")


def norm(s):
    return " ".join(s.replace("_", " ").split()) if "_" in s else " ".join(s.split())


def gutenberg_paragraphs(path):
    text = lzma.open(path, "rt", encoding="utf-8", errors="replace").read().replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if re.match(r"^\W*\*\*\*\s*START OF", l))
    end = next(i for i, l in enumerate(lines) if i > start and re.match(r"^\s*\*\*\*\s*END OF", l))
    body = "\n".join(lines[start + 1:end])
    for block in re.split(r"\n\s*\n", body):
        p = norm(block)
        if p:
            yield p


def modern_paragraphs(path):
    with lzma.open(path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            p = norm(line)
            if p:
                yield p


def hfrac(*parts):
    h = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(h, "little") / 2**64


def tokenize_lines(lines, prefix, tokenizer_json):
    with open(prefix + ".txt", "w", encoding="utf-8") as f:
        for l in lines:
            f.write(l.replace("\n", " ") + "\n")
    subprocess.run(["node", os.path.join(HERE, "tokenize.js"), "--lines", tokenizer_json, prefix + ".txt", prefix],
                   check=True, cwd=HERE)
    ids = np.fromfile(prefix + ".ids.u16", dtype=np.uint16)
    lens = np.fromfile(prefix + ".lens.u32", dtype=np.uint32)
    assert lens.sum() == len(ids) and len(lens) == len(lines)
    return ids, lens


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=next((p for p in [os.path.join(REPO, "..", "shared", "corpus"),
                                                          "/work/shared/corpus"] if os.path.isdir(p)), None))
    ap.add_argument("--vocab-dir", default=next((p for p in [os.path.join(REPO, "..", "shared", "vocab", "electra-uncased"),
                                                             "/work/shared/vocab/electra-uncased"] if os.path.isdir(p)), None))
    ap.add_argument("--out", default=os.path.join(HERE, ".work", "data"))
    ap.add_argument("--modern-fraction", type=float, default=0.35)
    ap.add_argument("--dev-fraction", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--word-eval-paragraphs", type=int, default=600)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()
    seen = set()
    train_docs, dev_docs = [], []
    stats = collections.Counter()

    def add_source(name, paras, keep_frac):
        doc, idx = [], 0

        def flush(doc, idx):
            if not doc:
                return
            if hfrac(a.seed, "dev", name, idx) < a.dev_fraction:
                dev_docs.append(doc)
                stats[name + ":dev_paras"] += len(doc)
            elif hfrac(a.seed, "keep", name, idx) < keep_frac:
                train_docs.append(doc)
                stats[name + ":train_paras"] += len(doc)
        for p in paras:
            key = hashlib.blake2b(p.lower().encode(), digest_size=8).digest()
            if key in seen:
                stats["duplicates"] += 1
                continue
            seen.add(key)
            doc.append(p)
            if len(doc) == DOC_PARAS:
                flush(doc, idx)
                doc, idx = [], idx + 1
        flush(doc, idx)

    for path in sorted(glob.glob(os.path.join(a.corpus, "gutenberg", "books", "*.txt.xz"))):
        add_source("gutenberg/" + os.path.basename(path), gutenberg_paragraphs(path), 1.0)
    print(f"gutenberg done {time.time()-t0:.0f}s", flush=True)
    for path in sorted(glob.glob(os.path.join(a.corpus, "modern", "*.txt.xz"))):
        add_source("modern/" + os.path.basename(path), modern_paragraphs(path), a.modern_fraction)
        print(f"{path} done {time.time()-t0:.0f}s", flush=True)
    rng = random.Random(a.seed)
    rng.shuffle(train_docs)
    rng.shuffle(dev_docs)
    train_paras = [p for d in train_docs for p in d]
    dev_paras = [p for d in dev_docs for p in d]
    seen.clear()
    print(f"{len(train_paras)} train / {len(dev_paras)} dev paragraphs; tokenizing", flush=True)
    tok_json = os.path.join(a.vocab_dir, "tokenizer.json")
    train_ids, _ = tokenize_lines(train_paras, os.path.join(a.out, "train"), tok_json)
    dev_ids, _ = tokenize_lines(dev_paras, os.path.join(a.out, "dev"), tok_json)
    np.save(os.path.join(a.out, "train.ids.npy"), train_ids)
    np.save(os.path.join(a.out, "dev.ids.npy"), dev_ids)
    np.save(os.path.join(a.out, "unigram_tokens.npy"), np.bincount(train_ids, minlength=30522).astype(np.int64))
    for f in ["train.ids.u16", "train.lens.u32"]:  # train.txt stays: learner-error source text
        os.remove(os.path.join(a.out, f))
    os.replace(os.path.join(a.out, "dev.txt"), os.path.join(a.out, "dev.txt"))

    # ---- word-replacement dev set: 15% of (alphabetic) words replaced by unigram-sampled random words
    wc = collections.Counter()
    for p in train_paras[:200000]:
        for w in p.split():
            if ALPHA.match(w):
                wc[w.lower()] += 1
    words, counts = zip(*wc.most_common(50000))
    probs = np.array(counts, dtype=np.float64)
    probs /= probs.sum()
    nrng = np.random.default_rng(a.seed)
    cand = [p for p in dev_paras if 12 <= len(p.split()) <= 90]
    nrng.shuffle(cand)
    cand = cand[:a.word_eval_paragraphs]
    all_words, word_labels, para_nwords = [], [], []
    for p in cand:
        ws = p.split()
        lab = [0] * len(ws)
        alpha_pos = [i for i, w in enumerate(ws) if ALPHA.match(w)]
        k = max(1, round(0.15 * len(ws)))
        for i in nrng.permutation(alpha_pos)[:k]:
            while True:
                r = words[nrng.choice(len(words), p=probs)]
                if r != ws[i].lower():
                    break
            ws[i] = r
            lab[i] = 1
        all_words += ws
        word_labels += lab
        para_nwords.append(len(ws))
    wids, wlens = tokenize_lines(all_words, os.path.join(a.out, "devwords"), tok_json)
    seqs, labs, offs = [], [], np.concatenate([[0], np.cumsum(wlens)]).astype(np.int64)
    wi = 0
    for n in para_nwords:
        ids, lab = [CLS], [0]
        for j in range(wi, wi + n):
            piece = wids[offs[j]:offs[j + 1]].tolist()
            ids += piece
            lab += [word_labels[j]] * len(piece)
        wi += n
        ids, lab = ids[:127] + [SEP], lab[:127] + [0]
        seqs.append(ids)
        labs.append(lab)
    L = max(map(len, seqs))
    ids_arr = np.zeros((len(seqs), L), dtype=np.uint16)
    lab_arr = np.full((len(seqs), L), -1, dtype=np.int8)
    for i, (s, l) in enumerate(zip(seqs, labs)):
        ids_arr[i, :len(s)] = s
        lab_arr[i, :len(l)] = l
        lab_arr[i, 0] = lab_arr[i, len(s) - 1] = -1  # ignore [CLS]/[SEP]
    np.savez(os.path.join(a.out, "dev_words.npz"), ids=ids_arr, labels=lab_arr)
    with open(os.path.join(a.out, "dev_words.txt"), "w") as f:
        wi = 0
        for n in para_nwords:
            f.write(" ".join(w if not word_labels[j] else f"<<{w}>>" for j, w in zip(range(wi, wi + n), all_words[wi:wi + n])) + "\n")
            wi += n
    for f in ["devwords.ids.u16", "devwords.lens.u32", "devwords.txt", "dev.ids.u16", "dev.lens.u32"]:
        os.remove(os.path.join(a.out, f))
    stats = dict(stats)
    stats.update(train_tokens=int(len(train_ids)), dev_tokens=int(len(dev_ids)), train_paragraphs=len(train_paras),
                 dev_paragraphs=len(dev_paras), word_eval_paragraphs=len(seqs), seconds=round(time.time() - t0),
                 modern_fraction=a.modern_fraction, seed=a.seed)
    json.dump(stats, open(os.path.join(a.out, "stats.json"), "w"), indent=1)
    print(json.dumps({k: v for k, v in stats.items() if ":" not in k}), flush=True)


if __name__ == "__main__":
    main()
