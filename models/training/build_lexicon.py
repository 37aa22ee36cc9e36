#!/usr/bin/env python3
"""Builds the committed suggestion tables in src/core/lexicon/ from the same sources the learner-error
generator reads (lexicon.py: AGID inflections, codespell misspellings, the project's confusion sets), so that
an error the model is trained on is also an error suggestions can undo.

  /root/.venvs/ef/bin/python models/training/build_lexicon.py      # needs ../shared (corpus, lexicon) and xz

Writes (deterministic: same corpus and lexicon, same bytes):
  src/core/lexicon/words.json         the WORDS most frequent lowercased corpus words, most frequent first
                                      (the spelling vocabulary and the frequency tie-break); codespell's
                                      misspellings are left out, so a word outside the list is a non-word
  src/core/lexicon/inflections.json   word -> its other inflections (AGID), both within the word list
                                      ("forms": one line per word, "word form form ...")
  src/core/lexicon/misspellings.json  misspelt -> correction (codespell, CC BY-SA 3.0), corrections in the list
                                      ("fixes": one line per misspelling, "misspelt correction")
  src/core/lexicon/slips.json         real-word slips (codespell, CC BY-SA 3.0): "pairs", codespell's rare
                                      real-word typos both ways, both words in the list (one line per word,
                                      "word other other ..."); "phrases", multi-word corrections of run-together
                                      words, every word in the list, codespell's order (one line each, "misspelt<TAB>correction<TAB>...")
Tables are strings, not JSON objects, so that the type checker does not type 50,000 keys.
The confusion sets (src/core/lexicon/confusions.json) are edited by hand and read as they are.
"""
import json
import lzma
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lexicon import REPO, Lexicon, shared_dir  # noqa: E402

OUT = os.path.join(REPO, "src", "core", "lexicon")
WORDS = 50000
MIN_COUNT = 5
PER_SOURCE_WORDS = 3_000_000  # words read per modern source at most (Wikipedia must not drown the rest)
PER_BOOK_WORDS = 150_000  # words read per Gutenberg book at most
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def count_file(path, limit, gutenberg, counts):
    n, inside = 0, not gutenberg
    with lzma.open(path, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            if gutenberg and line.startswith("*** START"):
                inside = True
                continue
            if gutenberg and line.startswith("*** END"):
                break
            if not inside:
                continue
            words = TOKEN.findall(line.lower().replace("\u2019", "'").replace("\u2018", "'"))
            counts.update(words)
            n += len(words)
            if n >= limit:
                break
    return n


def corpus_words(corpus):
    counts, total = Counter(), 0
    modern = os.path.join(corpus, "modern")
    for f in sorted(os.listdir(modern)):
        if f.endswith(".xz"):
            total += count_file(os.path.join(modern, f), PER_SOURCE_WORDS, False, counts)
    books = os.path.join(corpus, "gutenberg", "books")
    if os.path.isdir(books):
        for f in sorted(os.listdir(books)):
            if f.endswith(".xz"):
                total += count_file(os.path.join(books, f), PER_BOOK_WORDS, True, counts)
    ranked = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    return ranked, total


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        f.write("\n")
    os.replace(path + ".tmp", path)
    print(f"{name}: {os.path.getsize(path) // 1024} KiB", flush=True)


def main():
    shared = shared_dir()
    ranked, total = corpus_words(os.path.join(shared, "corpus"))
    lex = Lexicon(shared, vocabulary=set(ranked))
    misspelt = {w for ws in lex.misspellings.values() for w in ws}
    words = [w for w in ranked if w not in misspelt][:WORDS]
    vocab = set(words)

    write("words.json", {
        "about": f"The {len(words)} most frequent lowercased words of the training corpus ({total} words read: at most "
                 f"{PER_SOURCE_WORDS} per modern source, {PER_BOOK_WORDS} per Gutenberg book; ties alphabetical), most "
                 "frequent first, codespell's misspellings left out: the spelling vocabulary of suggestions and their "
                 "frequency tie-break. Built by models/training/build_lexicon.py.",
        "words": " ".join(words),
    })

    forms = {}
    for table in (lex.verb_forms, lex.noun_forms, lex.adj_forms):
        for w, alts in table.items():
            if w not in vocab:
                continue
            mine = forms.setdefault(w, [])
            mine += [a for a in alts if a in vocab and a != w and a not in mine]
    write("inflections.json", {
        "about": "word -> its other inflected forms (verbs, noun plurals, comparatives), both in words.json. From AGID "
                 "(Automatically Generated Inflection Database) by Kevin Atkinson, read through models/training/lexicon.py "
                 "as the learner-error generator reads it; see LICENSES.md. Built by models/training/build_lexicon.py.",
        "forms": "\n".join(f"{w} {' '.join(forms[w])}" for w in sorted(forms) if forms[w]),
    })

    fixes = {}
    for correct, wrongs in lex.misspellings.items():
        if correct not in vocab:
            continue
        for w in wrongs:
            if w not in vocab and w != correct:
                fixes.setdefault(w, correct)
    write("misspellings.json", {
        "about": "misspelt -> correction, corrections in words.json. Derived from codespell's dictionary.txt "
                 "(https://github.com/codespell-project/codespell), a derivative work of English Wikipedia, under "
                 "CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/); this table is under the same licence, "
                 "see LICENSES.md. Built by models/training/build_lexicon.py.",
        "fixes": "\n".join(f"{w} {fixes[w]}" for w in sorted(fixes)),
    })

    pairs = {}
    for right, wrongs in lex.real_word_typos.items():
        for wrong in wrongs:
            if right in vocab and wrong in vocab and right != wrong:
                for a, b in ((wrong, right), (right, wrong)):
                    mine = pairs.setdefault(a, [])
                    if b not in mine:
                        mine.append(b)
    phrases = {}
    for wrong, fixes in lex.multi_word.items():
        kept = [f for f in fixes if all(p in vocab for p in f.split(" "))]
        if wrong not in vocab and any(" " in f for f in kept):
            phrases[wrong] = kept
    write("slips.json", {
        "about": "Real-word slips. pairs: word -> the real words codespell's dictionary_rare.txt pairs it with as a "
                 "typo, both ways (both in words.json). phrases: a run-together word -> its corrections in codespell's "
                 "order (\"atleast\" -> \"at least\"; every word in words.json), from codespell's dictionary.txt. "
                 "codespell (https://github.com/codespell-project/codespell) is a derivative work of English "
                 "Wikipedia, under CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/); this table is under "
                 "the same licence, see LICENSES.md. Built by models/training/build_lexicon.py.",
        "pairs": "\n".join(f"{w} {' '.join(pairs[w])}" for w in sorted(pairs)),
        "phrases": "\n".join("\t".join([w] + phrases[w]) for w in sorted(phrases)),
    })


if __name__ == "__main__":
    main()
