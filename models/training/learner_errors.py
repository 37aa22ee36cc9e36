#!/usr/bin/env python3
"""Learner-error generator: clean paragraphs -> corrupted copies with FCE-style token labels.

  python models/training/learner_errors.py --rows 120000 --seed 1   # .work/data/learner_{train,dev}.npz

Labels follow the FCE token convention: every token of a changed span is wrong; for a missing word the token
after the gap is wrong; an inserted word is wrong. About `rate` of the words of a corrupted chunk are edited;
`clean_share` of the chunks stay untouched (rare words, names, numbers and British spellings included, so that
rare != wrong). The operation mix (ERROR_MIX) follows learner text: missing words, verb form/agreement,
replacements (determiner, preposition, homophone, pronoun, noun number, adjective/adverb), extra words,
spelling, word order.
"""
import argparse
import json
import math
import os
import random
import re
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lexicon import Lexicon, shared_dir  # noqa: E402

# operation -> share of edits (measured against learner text: ~30% missing, 25% verb, 25% replacement, 20% extra,
# plus spelling and a little word order)
ERROR_MIX = {"missing": 0.25, "verb": 0.22, "replace": 0.24, "extra": 0.14, "spelling": 0.12, "order": 0.03}
TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+|[^\sA-Za-z\d]")
CLS, SEP, PAD = 101, 102, 0


def match_case(new, old):
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


class Item:
    __slots__ = ("text", "ws", "wrong", "touched")

    def __init__(self, text, ws, wrong=False, touched=False):
        self.text, self.ws, self.wrong, self.touched = text, ws, wrong, touched


def split_items(text):
    items, last = [], 0
    for m in TOKEN.finditer(text):
        items.append(Item(m.group(0), text[last:m.start()]))
        last = m.end()
    return items


def join_items(items):
    """-> (text, wrong character spans)."""
    out, spans, n = [], [], 0
    for it in items:
        out.append(it.ws)
        n += len(it.ws)
        if it.wrong:
            spans.append((n, n + len(it.text)))
        out.append(it.text)
        n += len(it.text)
    return "".join(out), spans


class ErrorMaker:
    def __init__(self, lex, words_by_freq, rng, homophone_share=0.2):
        self.lex, self.rng = lex, rng
        self.homophone_share = homophone_share  # weight of the homophone table among replacements
        self.freq_rank = {w: i for i, w in enumerate(words_by_freq)}
        self.common = set(words_by_freq[:30000])
        self.ops = list(ERROR_MIX)
        self.weights = [ERROR_MIX[o] for o in self.ops]
        self.counts = {o: 0 for o in self.ops}

    # each op returns True when it changed something
    def _pick(self, items, cond):
        cand = [i for i, it in enumerate(items) if not it.touched and cond(i, it.text.lower())]
        return self.rng.choice(cand) if cand else None

    def _replace(self, items, i, new):
        old = items[i]
        items[i] = Item(match_case(new, old.text), old.ws, True, True)
        return True

    def missing(self, items):
        miss = set(self.lex.missable)
        i = self._pick(items, lambda i, w: w in miss and i + 1 < len(items) and not items[i + 1].touched)
        if i is None:
            return False
        gone = items.pop(i)
        nxt = items[i]
        nxt.wrong = nxt.touched = True
        if (i == 0 or items[i - 1].text in ".!?") and gone.text[:1].isupper() and nxt.text[:1].islower():
            nxt.text = match_case(nxt.text, gone.text)  # the gap opened the sentence
        return True

    def verb(self, items):
        lex = self.lex
        r = self.rng.random()
        if r < 0.3:  # modal + wrong form: "can goes", "would forgot"
            i = self._pick(items, lambda i, w: i > 0 and items[i - 1].text.lower() in lex.modals and w in lex.verb_base)
            if i is not None:
                return self._replace(items, i, self.rng.choice(lex.verb_base[items[i].text.lower()][1:]))
        if r < 0.6:
            i = self._pick(items, lambda i, w: w in lex.agreement)
            if i is not None:
                return self._replace(items, i, self.rng.choice(lex.agreement[items[i].text.lower()]))
        i = self._pick(items, lambda i, w: w in lex.verb_forms and w not in lex.noun_forms and w not in lex.modals)
        if i is None:
            i = self._pick(items, lambda i, w: w in lex.verb_forms and w not in lex.modals)
        if i is None:
            return False
        return self._replace(items, i, self.rng.choice(lex.verb_forms[items[i].text.lower()]))

    def replace(self, items):
        lex = self.lex
        tables = [(lex.determiners, 0.22), (lex.prepositions, 0.25), (lex.homophones, self.homophone_share), (lex.pronouns, 0.08),
                  (lex.noun_forms, 0.13), (lex.conjunctions, 0.04), (lex.comparatives, 0.03), ("adverb", 0.05)]
        for _ in range(3):
            table = self.rng.choices([t for t, _ in tables], [w for _, w in tables])[0]
            if table == "adverb":  # quick <-> quickly
                i = self._pick(items, lambda i, w: (w + "ly") in self.common or (w.endswith("ly") and w[:-2] in self.common))
                if i is not None:
                    w = items[i].text.lower()
                    return self._replace(items, i, w[:-2] if w.endswith("ly") and w[:-2] in self.common else w + "ly")
                continue
            i = self._pick(items, lambda i, w: w in table)
            if i is not None:
                return self._replace(items, i, self.rng.choice(table[items[i].text.lower()]))
        return False

    def extra(self, items):
        r = self.rng.random()
        words = [i for i, it in enumerate(items) if not it.touched and it.text[:1].isalpha()]
        if not words:
            return False
        i = self.rng.choice(words)
        if r < 0.15:  # doubled word: the second copy is the extra one
            items.insert(i + 1, Item(items[i].text, " ", True, True))
            items[i].touched = True
            return True
        if r < 0.25 and items[i].text.lower() in self.lex.comparative_er:  # "more better"
            items.insert(i, Item("more", items[i].ws, True, True))
            items[i + 1].ws, items[i + 1].touched = " ", True
            return True
        word = self.rng.choice(self.lex.insertable)
        ws = items[i].ws or " "
        items.insert(i, Item(match_case(word, items[i].text) if i == 0 else word, ws, True, True))
        nxt = items[i + 1]
        if i == 0 and nxt.text[:1].isupper() and nxt.text.lower() in self.common:
            nxt.text = nxt.text.lower()
        nxt.ws = " "
        return True

    def spelling(self, items):
        lex = self.lex
        r = self.rng.random()
        if r < 0.4:
            i = self._pick(items, lambda i, w: w in lex.misspellings)
            if i is not None:
                return self._replace(items, i, self.rng.choice(lex.misspellings[items[i].text.lower()]))
        if r < 0.55:
            i = self._pick(items, lambda i, w: w in lex.real_word_typos)
            if i is not None:
                return self._replace(items, i, self.rng.choice(lex.real_word_typos[items[i].text.lower()]))
        i = self._pick(items, lambda i, w: len(w) >= 4 and w.isalpha())
        if i is None:
            return False
        w = items[i].text.lower()
        real = [v for v in self._edits1(w) if v in self.common and v != w] if r < 0.75 else []
        return self._replace(items, i, self.rng.choice(real) if real else self._typo(w))

    def _edits1(self, w):
        letters = "abcdefghijklmnopqrstuvwxyz"
        splits = [(w[:k], w[k:]) for k in range(len(w) + 1)]
        return ({a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1} |
                {a + c + b[1:] for a, b in splits if b for c in letters} | {a + c + b for a, b in splits for c in letters})

    def _typo(self, w):
        k = self.rng.randrange(1, len(w))
        kind = self.rng.random()
        letters = "abcdefghijklmnopqrstuvwxyz"
        if kind < 0.3:
            v = w[:k] + w[k + 1:]
        elif kind < 0.55:
            v = w[:k] + w[k] + w[k:]  # doubled letter
        elif kind < 0.8:
            v = w[:k] + self.rng.choice(letters) + w[k + 1:]
        else:
            v = w[:k - 1] + w[k] + w[k - 1] + w[k + 1:]
        return v if v != w else w + "e"

    def order(self, items):
        cand = [i for i in range(len(items) - 1) if not items[i].touched and not items[i + 1].touched
                and items[i].text[:1].isalpha() and items[i + 1].text[:1].isalpha()
                and items[i].text.lower() != items[i + 1].text.lower()]
        if not cand:
            return False
        i = self.rng.choice(cand)
        a, b = items[i], items[i + 1]
        items[i] = Item(match_case(b.text.lower(), a.text) if a.text[:1].isupper() and b.text.lower() in self.common else b.text, a.ws, True, True)
        items[i + 1] = Item(a.text.lower() if a.text[:1].isupper() and a.text.lower() in self.common and i == 0 else a.text, b.ws, True, True)
        return True

    def britishise(self, items):
        """A correct variation, not an error: American spellings -> British."""
        for it in items:
            gb = self.lex.us_to_gb.get(it.text.lower())
            if gb:
                it.text = match_case(gb, it.text)

    def corrupt(self, text, rate):
        """-> (new text, wrong spans in characters of the new text)."""
        items = split_items(text)
        if self.rng.random() < 0.3:
            self.britishise(items)
        n_words = sum(1 for it in items if it.text[:1].isalpha())
        n_edits = np.random.default_rng(self.rng.getrandbits(32)).binomial(n_words, rate) if n_words else 0
        for _ in range(n_edits):
            for _try in range(4):
                op = self.rng.choices(self.ops, self.weights)[0]
                if getattr(self, op)(items):
                    self.counts[op] += 1
                    break
        return join_items(items)


def chunks(paragraph, max_words):
    """Sentence-aligned pieces of at most max_words words (a long sentence is cut at max_words)."""
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", paragraph)
    cur, n = [], 0
    for s in sents:
        k = len(s.split())
        if cur and n + k > max_words:
            yield " ".join(cur)
            cur, n = [], 0
        if k > max_words:
            ws = s.split()
            for j in range(0, len(ws), max_words):
                yield " ".join(ws[j:j + max_words])
            continue
        cur.append(s)
        n += k
    if cur:
        yield " ".join(cur)


def encode(tokenizer, texts, spans, seq_len):
    """Token ids and labels (1 = wrong, 0 = right, -1 = padding) from character spans."""
    encs = tokenizer.encode_batch(texts)
    ids = np.zeros((len(texts), seq_len), np.uint16)
    lab = np.full((len(texts), seq_len), -1, np.int8)
    for r, (e, sp) in enumerate(zip(encs, spans)):
        toks = e.ids[:seq_len - 1]
        offs = e.offsets[:seq_len - 1]
        if toks[-1] != SEP:
            toks = toks + [SEP]
            offs = offs + [(0, 0)]
        ids[r, :len(toks)] = toks
        for t, (a, b) in enumerate(offs):
            lab[r, t] = 1 if b > a and any(a < y and x < b for x, y in sp) else 0
    return ids, lab


def load_tokenizer():
    from tokenizers import Tokenizer
    return Tokenizer.from_file(os.path.join(shared_dir(), "vocab", "electra-uncased", "tokenizer.json"))


def word_frequencies(path, limit_lines=200000):
    from collections import Counter
    c = Counter()
    with open(path, encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k >= limit_lines:
                break
            c.update(w.lower() for w in re.findall(r"[A-Za-z]+", line))
    return [w for w, n in c.most_common(60000) if n >= 3]


def build(src, rows, seed, rate, clean_share, seq_len, max_words, maker, tokenizer):
    rng = maker.rng
    texts, spans, n_wrong_words, n_words = [], [], 0, 0
    with open(src, encoding="utf-8") as f:
        paras = [l.strip() for l in f if len(l.split()) >= 8]
    random.Random(seed).shuffle(paras)
    for p in paras:
        for ch in chunks(p, max_words):
            if len(ch.split()) < 6:
                continue
            if rng.random() < clean_share:
                t, sp = ch, []
            else:
                t, sp = maker.corrupt(ch, rate)
            texts.append(t)
            spans.append(sp)
            if len(texts) >= rows:
                break
        if len(texts) >= rows:
            break
    ids, lab = encode(tokenizer, texts, spans, seq_len)
    return ids, lab, texts, spans


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=os.path.join(HERE, ".work", "data"))
    ap.add_argument("--rows", type=int, default=120000)
    ap.add_argument("--dev-rows", type=int, default=2000)
    ap.add_argument("--rate", type=float, default=0.12, help="share of words edited in a corrupted chunk")
    ap.add_argument("--clean-share", type=float, default=0.25, help="share of chunks left untouched")
    ap.add_argument("--seq-len", type=int, default=128)
    ap.add_argument("--max-words", type=int, default=70)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--homophone-share", type=float, default=0.2,
                    help="weight of homophones (there/their, ...) among replacements (the other tables weigh 0.8)")
    ap.add_argument("--name", default="learner", help="output files NAME_{train,dev}.npz, NAME_stats.json")
    a = ap.parse_args()
    t0 = time.time()
    tok = load_tokenizer()
    words = word_frequencies(os.path.join(a.data_dir, "train.txt"))
    lex = Lexicon(vocabulary=set(words))
    stats = {}
    for name, src, rows, seed in [("dev", "dev.txt", a.dev_rows, a.seed + 1000), ("train", "train.txt", a.rows, a.seed)]:
        maker = ErrorMaker(lex, words, random.Random(seed), a.homophone_share)
        ids, lab, texts, spans = build(os.path.join(a.data_dir, src), rows, seed, a.rate, a.clean_share,
                                       a.seq_len, a.max_words, maker, tok)
        np.savez(os.path.join(a.data_dir, f"{a.name}_{name}.npz"), ids=ids, labels=lab)
        if name == "dev":
            with open(os.path.join(a.data_dir, f"{a.name}_dev.jsonl"), "w") as f:
                for t, sp in zip(texts, spans):
                    f.write(json.dumps({"text": t, "wrong": sp}) + "\n")
        valid = lab >= 0
        total = sum(maker.counts.values())
        stats[name] = {"rows": int(len(ids)), "tokens": int(valid.sum()), "wrong_token_share": float((lab == 1).sum() / valid.sum()),
                       "edits": total, "mix": {k: round(v / max(1, total), 3) for k, v in maker.counts.items()}}
        print(name, json.dumps(stats[name]), f"{time.time()-t0:.0f}s", flush=True)
    stats.update(rate=a.rate, clean_share=a.clean_share, seed=a.seed, max_words=a.max_words,
                 homophone_share=a.homophone_share)
    with open(os.path.join(a.data_dir, f"{a.name}_stats.json"), "w") as f:
        json.dump(stats, f, indent=1)


if __name__ == "__main__":
    main()
