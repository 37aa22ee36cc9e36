"""Word tables for the learner-error generator (and, through the same JSON, for suggestions).

Sources (licences in ../shared/lexicon, credited in the model card):
  src/core/lexicon/confusions.json   the project's own confusion sets (homophones, determiners, ...)
  agid/infl.txt.xz                   AGID inflections (verbs, noun plurals, comparatives), Kevin Atkinson
  codespell/dictionary.txt.xz        misspelling -> correction (read backwards: correct -> misspelt); multi-word
                                     corrections ("atleast" -> "at least") apart, in multi_word
  codespell/dictionary_rare.txt      rare real-word typos (both sides are words)
  codespell/dictionary_en-GB_to_en-US.txt   British -> American pairs (both correct)

All words are lower case. A table maps a word to the other members of its group, never to itself.
"""
import json
import lzma
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CONFUSIONS = os.path.join(REPO, "src", "core", "lexicon", "confusions.json")
WORD = re.compile(r"^[a-z]+(?:'[a-z]+)?$")


def shared_dir():
    for p in [os.environ.get("ELECTRA_SHARED_DIR"), os.path.join(REPO, "..", "shared"), "/work/shared"]:
        if p and os.path.isdir(p):
            return p
    raise FileNotFoundError("../shared not found (set ELECTRA_SHARED_DIR)")


def _groups_to_map(groups):
    out = {}
    for g in groups:
        for w in g:
            out.setdefault(w, [])
            out[w] += [o for o in g if o != w and o not in out[w]]
    return out


def _agid_forms(entry):
    """'forgot, forgat 2 | forgotten' -> ['forgot', 'forgotten'] (variant level >= 1 and '?' forms dropped)."""
    forms = []
    for part in entry.split("|"):
        for item in part.split(","):
            item = re.sub(r"\{.*?\}", "", item).strip()
            if not item:
                continue
            bits = item.split()
            word = bits[0]
            if len(bits) > 1 and bits[1][0].isdigit() and int(bits[1][0]) >= 1:
                continue
            if "?" in word:
                continue
            word = word.rstrip("~<!").lower()
            if WORD.match(word):
                forms.append(word)
    return forms


class Lexicon:
    def __init__(self, shared=None, vocabulary=None):
        """vocabulary: optional set of known words; inflections outside it are dropped (AGID is huge)."""
        shared = shared or shared_dir()
        lex = os.path.join(shared, "lexicon")
        with open(CONFUSIONS) as f:
            c = json.load(f)
        self.tables = c
        self.homophones = _groups_to_map(c["homophones"])
        self.determiners = _groups_to_map(c["determiners"])
        self.prepositions = _groups_to_map(c["prepositions"])
        self.pronouns = _groups_to_map(c["pronouns"])
        self.agreement = _groups_to_map(c["agreement"])
        self.conjunctions = _groups_to_map(c["conjunctions"])
        self.comparatives = _groups_to_map(c["comparatives"])
        self.modals = set(c["modals"])
        self.missable = c["missable"]
        self.insertable = c["insertable"]
        self.verb_forms, self.verb_base, self.noun_forms, self.adj_forms = {}, {}, {}, {}
        self.comparative_er = set()
        with lzma.open(os.path.join(lex, "agid", "infl.txt.xz"), "rt", encoding="latin-1") as f:
            for line in f:
                m = re.match(r"^(\S+) ([VNA])(\??): (.*)$", line.rstrip("\n"))
                if not m or m.group(3) == "?":
                    continue
                lemma, pos, rest = m.group(1).lower(), m.group(2), m.group(4)
                if not WORD.match(lemma):
                    continue
                forms = _agid_forms(rest)
                group = [lemma] + [w for w in forms if w != lemma]
                if vocabulary is not None:
                    group = [w for w in group if w in vocabulary]
                if len(group) < 2:
                    continue
                table = {"V": self.verb_forms, "N": self.noun_forms, "A": self.adj_forms}[pos]
                for w in group:
                    table.setdefault(w, [])
                    table[w] += [o for o in group if o != w and o not in table[w]]
                if pos == "V":
                    self.verb_base[lemma] = group
                if pos == "A":
                    self.comparative_er.update(w for w in group[1:] if w.endswith("er"))
        for table in (self.verb_forms, self.noun_forms, self.adj_forms):
            for w in [w for w, alts in table.items() if not alts]:
                del table[w]
        self.verb_base = {w: g for w, g in self.verb_base.items() if len(set(g)) > 1}
        self.misspellings = {}  # correct -> [misspelt]
        self.multi_word = {}  # misspelt run-together words -> [corrections, in codespell's order] ("alot" -> "a lot", "allot")
        with lzma.open(os.path.join(lex, "codespell", "dictionary.txt.xz"), "rt", encoding="utf-8") as f:
            for line in f:
                if "->" not in line:
                    continue
                wrong, fixes = line.rstrip("\n").split("->", 1)
                fixes = [x.strip() for x in fixes.split(",") if x.strip()]
                # Multi-word corrections ("atleast" -> "at least"): kept apart, for suggestions only
                # (the learner-error generator plants single-word misspellings).
                phrases = [x for x in fixes if " " in x and all(WORD.match(p) for p in x.split(" "))]
                if phrases and WORD.match(wrong):
                    self.multi_word[wrong] = [x for x in fixes if x in phrases or WORD.match(x)]  # codespell's order
                if len(fixes) != 1 or not WORD.match(wrong) or not WORD.match(fixes[0]):
                    continue
                self.misspellings.setdefault(fixes[0], []).append(wrong)
        self.real_word_typos = {}  # correct -> [another real word one slip away]
        with open(os.path.join(lex, "codespell", "dictionary_rare.txt"), encoding="utf-8") as f:
            for line in f:
                if "->" not in line:
                    continue
                wrong, fixes = line.rstrip("\n").split("->", 1)
                for fix in (x.strip() for x in fixes.split(",")):
                    if WORD.match(wrong) and WORD.match(fix):
                        self.real_word_typos.setdefault(fix, []).append(wrong)
        self.us_to_gb = {}
        with open(os.path.join(lex, "codespell", "dictionary_en-GB_to_en-US.txt"), encoding="utf-8") as f:
            for line in f:
                if "->" in line:
                    gb, us = line.rstrip("\n").split("->", 1)
                    us = us.strip().rstrip(",")
                    if WORD.match(gb) and WORD.match(us):
                        self.us_to_gb[us] = gb
