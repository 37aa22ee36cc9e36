"""The special tokens' ids, read once from the WordPiece vocabulary (vocab.txt: one token a line, the line number
is the id), so no file of the training code carries its own copy of the numbers.

The vocabulary is the one every model of the project shares: $ELECTRA_VOCAB_DIR, else
../shared/vocab/electra-uncased beside the checkout (the exporter reads the same folder).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def vocab_dir():
    """The vocabulary folder (vocab.txt, tokenizer.json), or None when there is none here."""
    return os.environ.get("ELECTRA_VOCAB_DIR") or next(
        (p for p in [os.path.join(REPO, "..", "shared", "vocab", "electra-uncased"),
                     "/work/shared/vocab/electra-uncased"] if os.path.isdir(p)), None)


def read_ids(path):
    """{token: id} of the special tokens in a vocab.txt."""
    ids = {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            tok = line.rstrip("\n")
            if tok in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"):
                ids[tok] = i
    missing = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"} - set(ids)
    if missing:
        raise ValueError(f"{path} lacks the special tokens {sorted(missing)}")
    return ids


_dir = vocab_dir()
if _dir is None:
    raise FileNotFoundError("the vocabulary folder was not found: set ELECTRA_VOCAB_DIR to a folder holding vocab.txt")
_ids = read_ids(os.path.join(_dir, "vocab.txt"))
PAD, UNK, CLS, SEP, MASK = (_ids[t] for t in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"))
