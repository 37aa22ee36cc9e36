#!/usr/bin/env python3
"""Learner-error generator: clean paragraphs -> corrupted copies with FCE-style token labels.

  python models/training/learner_errors.py --rows 120000 --seed 1   # .work/data/learner_{train,dev}.npz

Labels follow the FCE token convention: every token of a changed span is wrong; for a missing word the token
after the gap is wrong; an inserted word is wrong. About `rate` of the words of a corrupted chunk are edited;
`clean_share` of the chunks stay untouched (rare words, names, numbers and British spellings included, so that
rare != wrong). The operation mix (ERROR_MIX) follows learner text: missing words, verb form/agreement,
replacements (determiner, preposition, homophone, pronoun, noun number, adjective/adverb), extra words,
spelling, word order, real-word slips (a real word a letter or two from the right one, in both directions)
and complementation (verb + wrong preposition or pattern: "discuss about", "depend of", "explain me").

Rows vary as what users write varies (model v3): a row's length is drawn from short sentences to a full
128-token window (`--lengths`), its error density from clean to learner-heavy (`--rate` is the most, a
corrupted row draws its own rate log-uniformly below it), and `--techdocs-share` of the rows are blocks of
technical documentation (techdocs-corpus.ts: headings, table cells and list items as they are), mostly clean.
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
from special_tokens import SEP  # noqa: E402

# operation -> share of edits (measured against learner text: ~30% missing, 25% verb, 25% replacement, 20% extra,
# plus spelling and a little word order)
ERROR_MIX = {"missing": 0.22, "verb": 0.19, "replace": 0.21, "extra": 0.12, "spelling": 0.09, "order": 0.03,
             "slip": 0.08, "complement": 0.06}
# Real-word slips the model missed (issue 20's planted set), both directions: the learner data teaches them.
SLIP_PAIRS = [("better", "batter"), ("noon", "moon"), ("from", "form"), ("break", "brake"), ("lose", "loose"),
              ("advice", "advise"), ("affect", "effect"), ("accepted", "excepted"), ("whole", "hole"), ("weak", "week"),
              ("quite", "quiet"), ("than", "then"), ("through", "though"), ("were", "where"), ("of", "off"),
              ("lose", "lost"), ("desert", "dessert"), ("led", "lead"), ("sight", "site"), ("breath", "breathe"),
              ("chose", "choose"), ("live", "life"), ("price", "prize"), ("except", "accept"), ("bored", "board"),
              ("dairy", "diary"), ("cloth", "clothe"), ("trail", "trial"), ("angel", "angle"), ("casual", "causal")]
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
# Complementation: a verb or adjective with a preposition or pattern it does not take.
EXTRA_AFTER = {"discuss": "about", "emphasize": "on", "emphasise": "on", "mention": "about", "reach": "to",
               "answer": "to", "approach": "to", "resemble": "to", "contact": "with", "marry": "with",
               "request": "for", "enter": "into", "attend": "to", "lack": "of", "visit": "to", "join": "with",
               "describe": "about", "explain": "about", "accompany": "with", "oppose": "against"}
WRONG_PREP = {("depend", "on"): ["of", "from"], ("interested", "in"): ["on", "about", "for"], ("good", "at"): ["in", "on"],
              ("afraid", "of"): ["from", "for"], ("arrive", "at"): ["to"], ("arrived", "at"): ["to"], ("arrive", "in"): ["to"],
              ("arrived", "in"): ["to"], ("responsible", "for"): ["of", "to"], ("different", "from"): ["of", "than"],
              ("married", "to"): ["with"], ("focus", "on"): ["in", "at"], ("rely", "on"): ["in", "of"],
              ("capable", "of"): ["to", "for"], ("proud", "of"): ["on", "for"], ("participate", "in"): ["on", "at"],
              ("succeed", "in"): ["to", "on"], ("consist", "of"): ["in", "on"], ("aware", "of"): ["about", "on"],
              ("listen", "to"): ["at"], ("similar", "to"): ["with", "as"], ("famous", "for"): ["of", "by"],
              ("agree", "with"): ["to"], ("believe", "in"): ["on"], ("spend", "on"): ["in", "for"],
              ("pay", "for"): ["of"], ("think", "about"): ["on"], ("worried", "about"): ["for", "of"]}
DROP_AFTER = {"listen": "to", "explain": "to", "look": "at", "wait": "for", "belong": "to", "apologise": "for",
              "apologize": "for", "graduate": "from", "complain": "about", "suffer": "from"}
OBJECT_PRONOUNS = {"me", "you", "him", "her", "us", "them", "it"}
TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+|[^\sA-Za-z\d]")


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
        self.frequent = set(words_by_freq[:8000])
        self.slip_pairs = {}
        for a, b in SLIP_PAIRS:
            self.slip_pairs.setdefault(a, []).append(b)
            self.slip_pairs.setdefault(b, []).append(a)
        self.real_word_both = {}
        for right, wrongs in lex.real_word_typos.items():
            for wrong in wrongs:
                self.real_word_both.setdefault(right, []).append(wrong)
                self.real_word_both.setdefault(wrong, []).append(right)
        self.base_of = {f: base for base, forms in lex.verb_base.items() for f in forms}
        self.prepositions_all = set(lex.prepositions) | {"to", "of", "in", "on", "at", "for", "with", "about", "from"}

    # each op returns True when it changed something
    def _pick(self, items, cond):
        cand = [i for i, it in enumerate(items) if not it.touched and cond(i, it.text.lower())]
        return self.rng.choice(cand) if cand else None

    def _from_table(self, items, table):
        """Replaces a word that `table` holds with one of its entries (the same draws as picking and replacing by
        hand); None when no untouched word of the row is in the table."""
        i = self._pick(items, lambda i, w: w in table)
        return None if i is None else self._replace(items, i, self.rng.choice(table[items[i].text.lower()]))

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
            if self._from_table(items, table):
                return True
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
        if r < 0.4 and self._from_table(items, lex.misspellings):
            return True
        if r < 0.55 and self._from_table(items, lex.real_word_typos):
            return True
        i = self._pick(items, lambda i, w: len(w) >= 4 and w.isalpha())
        if i is None:
            return False
        w = items[i].text.lower()
        # sorted: a set's order changes with PYTHONHASHSEED, and the rows must follow from the seed alone
        real = sorted(v for v in self._edits1(w) if v in self.common and v != w) if r < 0.75 else []
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

    def slip(self, items):
        """A real word one slip from the written one: a known pair (both directions), codespell's rare real-word
        typos read both ways, or an edit-distance-1 real word (keyboard neighbours, transpositions, doubled and
        dropped letters) among the frequent words."""
        r = self.rng.random()
        if r < 0.35 and self._from_table(items, self.slip_pairs):
            return True
        if r < 0.55 and self._from_table(items, self.real_word_both):
            return True
        for _ in range(3):
            i = self._pick(items, lambda i, w: len(w) >= 3 and w.isalpha() and w in self.frequent)
            if i is None:
                return False
            w = items[i].text.lower()
            near = sorted(v for v in self._slips(w) if v in self.frequent and v != w)
            if near:
                return self._replace(items, i, self.rng.choice(near))
            items[i].touched = True  # nothing near: try another word
        return False

    def _slips(self, w):
        """Edit-distance-1 strings of `w`, keyboard neighbours for substitutions."""
        out = {w[:k] + w[k + 1:] for k in range(len(w))}  # dropped letter
        out |= {w[:k] + w[k + 1] + w[k] + w[k + 2:] for k in range(len(w) - 1)}  # transposition
        out |= {w[:k] + w[k] + w[k:] for k in range(len(w))}  # doubled letter
        for k, ch in enumerate(w):
            for row in KEYBOARD:
                j = row.find(ch)
                if j >= 0:
                    out |= {w[:k] + row[n] + w[k + 1:] for n in (j - 1, j + 1) if 0 <= n < len(row)}
        for k in range(len(w) + 1):  # an inserted letter
            out |= {w[:k] + c + w[k:] for c in "aeiouhnrst"}
        return out

    def complement(self, items):
        """Verb/adjective complementation: an extra preposition ("discuss about"), a wrong one ("depend of"), or
        a dropped one ("listen music", "explain me")."""
        low = [it.text.lower() for it in items]
        ops = []
        for i, w in enumerate(low[:-1]):
            if items[i].touched or items[i + 1].touched:
                continue
            base = self.base_of.get(w, w)
            nxt = low[i + 1]
            if base in EXTRA_AFTER and nxt[:1].isalpha() and nxt not in self.prepositions_all:
                ops.append(("extra", i, EXTRA_AFTER[base]))
            if (base, nxt) in WRONG_PREP or (w, nxt) in WRONG_PREP:
                ops.append(("wrong", i + 1, WRONG_PREP.get((w, nxt)) or WRONG_PREP[(base, nxt)]))
            if DROP_AFTER.get(base) == nxt and i + 2 < len(items) and low[i + 2][:1].isalpha():
                ops.append(("drop", i + 1, None))
        if not ops:
            return False
        kind, i, arg = self.rng.choice(ops)
        if kind == "extra":
            items.insert(i + 1, Item(arg, " ", True, True))
            items[i].touched = True
            return True
        if kind == "wrong":
            return self._replace(items, i, self.rng.choice(arg))
        items.pop(i)  # the word after the gap is wrong (FCE convention)
        items[i].wrong = items[i].touched = True
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
        # Complementation needs its trigger word ("discuss", "depend on"), which few chunks hold: where one is,
        # it is taken often, so that these errors are not drowned by the frequent kinds.
        if n_edits and self.rng.random() < 0.5 and self.complement(items):
            self.counts["complement"] += 1
            n_edits -= 1
        for _ in range(n_edits):
            for _try in range(4):
                op = self.rng.choices(self.ops, self.weights)[0]
                if getattr(self, op)(items):
                    self.counts[op] += 1
                    break
        return join_items(items)


def chunks(paragraph, max_words, whole_sentence=100):
    """Sentence-aligned pieces of at most max_words words; a longer sentence is kept whole up to `whole_sentence`
    words (a fragment of one is not a sentence), cut beyond."""
    sents = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", paragraph)
    cur, n = [], 0
    for s in sents:
        k = len(s.split())
        if cur and n + k > max_words:
            yield " ".join(cur)
            cur, n = [], 0
        if k > max_words:
            ws = s.split()
            step = max_words if k > whole_sentence else k
            for j in range(0, len(ws), step):
                yield " ".join(ws[j:j + step])
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


def draw_max_words(rng, lengths):
    """A row's length in words: `lengths` is [[share, lo, hi], ...] (uniform within a band)."""
    band = rng.choices(lengths, [b[0] for b in lengths])[0]
    return rng.randint(band[1], band[2])


def draw_rate(rng, rate):
    """A corrupted row's share of edited words: log-uniform from rate/12 to rate (a few slips to learner-heavy)."""
    return math.exp(rng.uniform(math.log(rate / 12), math.log(rate)))


def techdoc_rows(path, rng, lengths):
    """Consecutive technical-documentation blocks (a heading, a table cell, a list item, a paragraph) joined into
    rows of a drawn length, each block kept whole: fragments are scored as what they are."""
    with open(path, encoding="utf-8") as f:
        blocks = [l.strip() for l in f if l.strip()]
    i = 0
    while i < len(blocks):
        limit, cur, n = draw_max_words(rng, lengths), [], 0
        while i < len(blocks) and (not cur or n + len(blocks[i].split()) <= limit):
            cur.append(blocks[i])
            n += len(blocks[i].split())
            i += 1
        yield " ".join(w for w in " ".join(cur).split()[:100])


def build(src, rows, seed, rate, clean_share, seq_len, lengths, maker, tokenizer, techdocs=None, techdocs_share=0.0,
          vary_rate=False, sentence_share=0.0):
    rng = maker.rng
    texts, spans = [], []
    with open(src, encoding="utf-8") as f:
        paras = [l.strip() for l in f if len(l.split()) >= 3]
    random.Random(seed).shuffle(paras)
    tech = list(techdoc_rows(techdocs, random.Random(seed + 5), lengths)) if techdocs and techdocs_share > 0 else []
    random.Random(seed + 6).shuffle(tech)
    n_tech = min(len(tech) * 3, int(rows * techdocs_share))  # at most three passes over the tech docs

    def add(t, clean):
        if clean:
            texts.append(t)
            spans.append([])
        else:
            t2, sp = maker.corrupt(t, draw_rate(rng, rate) if vary_rate else rate)
            texts.append(t2)
            spans.append(sp)

    for k in range(n_tech):  # tech docs: mostly clean (the corpus has none; fragments must not read as errors)
        add(tech[k % len(tech)], rng.random() < max(clean_share, 0.7))
    for p in paras:
        # a paragraph cut into single sentences: the checker scores each sentence in its own window
        limit = 1 if rng.random() < sentence_share else draw_max_words(rng, lengths)
        for ch in chunks(p, limit):
            if len(ch.split()) < 3:
                continue
            add(ch, rng.random() < clean_share)
            if len(texts) >= rows:
                break
        if len(texts) >= rows:
            break
    order = list(range(len(texts)))
    random.Random(seed + 7).shuffle(order)
    texts, spans = [texts[i] for i in order], [spans[i] for i in order]
    ids, lab = encode(tokenizer, texts, spans, seq_len)
    return ids, lab, texts, spans


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=os.path.join(HERE, ".work", "data"))
    ap.add_argument("--rows", type=int, default=120000)
    ap.add_argument("--dev-rows", type=int, default=2000)
    ap.add_argument("--rate", type=float, default=0.12,
                    help="share of words edited in a corrupted chunk (with --vary-rate: the most, drawn log-uniformly below)")
    ap.add_argument("--clean-share", type=float, default=0.25, help="share of chunks left untouched")
    ap.add_argument("--seq-len", type=int, default=128)
    ap.add_argument("--max-words", type=int, default=70, help="without --lengths: every chunk's most words")
    ap.add_argument("--lengths", type=json.loads,
                    help='JSON [[share, lo, hi], ...]: chunk lengths in words drawn per chunk, e.g. '
                         '[[0.3,4,20],[0.4,20,60],[0.3,60,100]] (model v3); rows longer than --seq-len are cut')
    ap.add_argument("--vary-rate", action="store_true", help="draw each corrupted chunk's rate log-uniformly up to --rate")
    ap.add_argument("--techdocs", help="techdocs_{train,dev}.txt prefix (scripts/techdocs-corpus.ts), e.g. .work/data/techdocs")
    ap.add_argument("--techdocs-share", type=float, default=0.0, help="share of rows from technical documentation")
    ap.add_argument("--sentence-share", type=float, default=0.0,
                    help="share of corpus paragraphs cut into single sentences (the checker's sentence windows); the "
                         "others into chunks of --lengths")
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
        lengths = a.lengths or [[1.0, a.max_words, a.max_words]]
        tech = f"{a.techdocs}_{name}.txt" if a.techdocs else None
        ids, lab, texts, spans = build(os.path.join(a.data_dir, src), rows, seed, a.rate, a.clean_share,
                                       a.seq_len, lengths, maker, tok, tech, a.techdocs_share, a.vary_rate,
                                       a.sentence_share)
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
                 homophone_share=a.homophone_share, lengths=a.lengths, vary_rate=a.vary_rate,
                 techdocs_share=a.techdocs_share, sentence_share=a.sentence_share)
    with open(os.path.join(a.data_dir, f"{a.name}_stats.json"), "w") as f:
        json.dump(stats, f, indent=1)


if __name__ == "__main__":
    main()
