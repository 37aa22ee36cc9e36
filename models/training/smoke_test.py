#!/usr/bin/env python3
"""CI smoke test for models/training (no data from shared/ needed; < 2 min on 2 cores).

  /usr/bin/python3 models/training/smoke_test.py

1. model: HF ElectraForPreTraining / ElectraForMaskedLM state_dict names, shapes, tied generator head,
   loading an HF-style state dict (with position_ids buffers).
2. train: a tiny generator+discriminator on a synthetic corpus (own vocab + tokenizer.json written here):
   loss goes down; checkpoint + --resume continues.
3. export: model folder from the checkpoint; manifest lists every file with correct sha256; if node and
   onnxruntime-node are available, ONNX logits match torch (verify_onnx.js).
"""
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import types

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import export  # noqa: E402
from special_tokens import CLS, MASK, PAD, SEP, UNK  # noqa: E402
import train  # noqa: E402
from model import ElectraConfig, ElectraForPreTraining, ElectraForMaskedLM, clean_hf_state_dict  # noqa: E402

NOUNS_S = "cat dog bird teacher child farmer doctor king".split()
NOUNS_P = "cats dogs birds teachers children farmers doctors kings".split()
VERBS_S = "sees likes finds helps watches follows".split()
VERBS_P = "see like find help watch follow".split()
ADJ = "big small old young happy quiet red green".split()
OTHER = "the a and . , in on with".split()
WORDS = sorted(set(NOUNS_S + NOUNS_P + VERBS_S + VERBS_P + ADJ + OTHER))


def make_vocab_dir(d):
    os.makedirs(d, exist_ok=True)
    vocab = ["[PAD]"] + [f"[unused{i}]" for i in range(99)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"] + WORDS
    with open(os.path.join(d, "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    special = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
                "special": True} for i, t in enumerate(vocab) if t in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")]
    st = lambda t: {"SpecialToken": {"id": t, "type_id": 0}}  # noqa: E731
    tok = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": special,
           "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                          "strip_accents": None, "lowercase": True},
           "pre_tokenizer": {"type": "BertPreTokenizer"},
           "post_processor": {"type": "TemplateProcessing", "single": [st("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, st("[SEP]")],
                              "pair": [st("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, st("[SEP]"),
                                       {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                              "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [CLS], "tokens": ["[CLS]"]},
                                                 "[SEP]": {"id": "[SEP]", "ids": [SEP], "tokens": ["[SEP]"]}}},
           "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
           "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                     "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(vocab)}}}
    with open(os.path.join(d, "tokenizer.json"), "w") as f:
        json.dump(tok, f)
    with open(os.path.join(d, "tokenizer_config.json"), "w") as f:
        json.dump({"do_lower_case": True, "tokenizer_class": "ElectraTokenizer", "model_max_length": 512,
                   "pad_token": "[PAD]", "unk_token": "[UNK]", "cls_token": "[CLS]", "sep_token": "[SEP]",
                   "mask_token": "[MASK]"}, f)
    with open(os.path.join(d, "special_tokens_map.json"), "w") as f:
        json.dump({"pad_token": "[PAD]", "unk_token": "[UNK]", "cls_token": "[CLS]", "sep_token": "[SEP]",
                   "mask_token": "[MASK]"}, f)
    ids = {t: i for i, t in enumerate(vocab)}
    # the training code reads the special ids from the real vocabulary (special_tokens.py): same layout here
    assert (ids["[PAD]"], ids["[UNK]"], ids["[CLS]"], ids["[SEP]"], ids["[MASK]"]) == (PAD, UNK, CLS, SEP, MASK)
    return ids, len(vocab)


def sentence(rng):
    plural = rng.random() < 0.5
    subj = rng.choice(NOUNS_P if plural else NOUNS_S)
    verb = rng.choice(VERBS_P if plural else VERBS_S)
    words = ["the"] + ([rng.choice(ADJ)] if rng.random() < 0.5 else []) + [subj, verb, rng.choice(["the", "a"])]
    words += [rng.choice(ADJ)] if rng.random() < 0.3 else []
    words += [rng.choice(NOUNS_S), "."]
    return words


def make_data(d, vocab, n_sent, seed):
    rng = random.Random(seed)
    ids = [vocab[w] for _ in range(n_sent) for w in sentence(rng)]
    return np.array(ids, dtype=np.uint16)


def tiny_cfg(data_dir, vocab_size):
    return {"disc": dict(vocab_size=vocab_size, embedding_size=32, hidden_size=32, num_hidden_layers=2,
                         num_attention_heads=2, intermediate_size=64, max_position_embeddings=64,
                         hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0),
            "gen": dict(vocab_size=vocab_size, embedding_size=32, hidden_size=16, num_hidden_layers=1,
                        num_attention_heads=1, intermediate_size=32, max_position_embeddings=64,
                        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0),
            "seq_len": 32, "batch_size": 16, "lr": 3e-3, "warmup_steps": 10, "max_minutes": 5, "eval_minutes": 100,
            "ckpt_minutes": 100, "log_every": 5, "data_dir": data_dir, "eval_windows": 16, "threads": 2,
            "eval_fce": False, "learner_data": os.path.join(data_dir, "learner_train.npz"), "learner_fraction": 0.5}


def make_learner_rows(vocab, n, seed, seq_len=32):
    """Agreement errors in the tiny language ("the cats sees a dog"): the verb is labelled wrong."""
    rng = random.Random(seed)
    ids = np.zeros((n, seq_len), np.uint16)
    lab = np.full((n, seq_len), -1, np.int8)
    for r in range(n):
        words = sentence(rng)
        wrong = [0] * len(words)
        if rng.random() < 0.7:
            for i, w in enumerate(words):
                for a, b in ((VERBS_S, VERBS_P), (VERBS_P, VERBS_S)):
                    if w in a:
                        words[i], wrong[i] = b[a.index(w)], 1
                        break
        row = [CLS] + [vocab[w] for w in words][:seq_len - 2] + [SEP]
        ids[r, :len(row)] = row
        lab[r, :len(row)] = [0] + wrong[:seq_len - 2] + [0]
    return ids, lab


def test_model(tmp):
    dc = ElectraConfig(vocab_size=200, embedding_size=16, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                       intermediate_size=64, max_position_embeddings=64)
    disc = ElectraForPreTraining(dc)
    keys = set(disc.state_dict())
    expect = {"electra.embeddings.word_embeddings.weight", "electra.embeddings.position_embeddings.weight",
              "electra.embeddings.token_type_embeddings.weight", "electra.embeddings.LayerNorm.weight",
              "electra.embeddings.LayerNorm.bias", "electra.embeddings_project.weight", "electra.embeddings_project.bias",
              "discriminator_predictions.dense.weight", "discriminator_predictions.dense.bias",
              "discriminator_predictions.dense_prediction.weight", "discriminator_predictions.dense_prediction.bias"}
    for i in range(2):
        p = f"electra.encoder.layer.{i}."
        for m in ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
                  "attention.output.LayerNorm", "intermediate.dense", "output.dense", "output.LayerNorm"]:
            expect |= {p + m + ".weight", p + m + ".bias"}
    assert keys == expect, (keys ^ expect)
    gen = ElectraForMaskedLM(ElectraConfig(**{**vars(dc), "hidden_size": 16, "num_attention_heads": 1}), disc.electra.embeddings)
    gk = set(gen.state_dict())
    for k in ["generator_predictions.LayerNorm.weight", "generator_predictions.dense.weight", "generator_lm_head.weight",
              "generator_lm_head.bias", "electra.embeddings.word_embeddings.weight"]:
        assert k in gk, k
    assert gen.generator_lm_head.weight is disc.electra.embeddings.word_embeddings.weight
    ids = torch.tensor([[CLS, 150, 160, SEP, PAD]])
    disc.eval()
    out = disc(ids, (ids != 0).long())
    assert out.shape == (1, 5)
    sd = {k: v.clone() for k, v in disc.state_dict().items()}
    sd["electra.embeddings.position_ids"] = torch.arange(64)[None]
    d2 = ElectraForPreTraining(dc).eval()
    d2.load_state_dict(clean_hf_state_dict(sd))
    assert torch.allclose(d2(ids, (ids != 0).long()), out)
    assert gen(ids).shape == (1, 5, 200)


def test_train(tmp, state):
    vocab_dir = os.path.join(tmp, "vocab")
    vocab, vsize = make_vocab_dir(vocab_dir)
    data = os.path.join(tmp, "data")
    os.makedirs(data)
    tr_ids = make_data(data, vocab, 3000, 1)
    np.save(os.path.join(data, "train.ids.npy"), tr_ids)
    np.save(os.path.join(data, "dev.ids.npy"), make_data(data, vocab, 200, 2))
    np.save(os.path.join(data, "unigram_tokens.npy"), np.bincount(tr_ids, minlength=vsize))
    for name, n, seed in (("train", 2000, 3), ("dev", 200, 4)):
        ids, lab = make_learner_rows(vocab, n, seed)
        np.savez(os.path.join(data, f"learner_{name}.npz"), ids=ids, labels=lab)
    cfg_path = os.path.join(tmp, "tiny.json")
    with open(cfg_path, "w") as f:
        json.dump(tiny_cfg(data, vsize), f)
    run = os.path.join(tmp, "run")
    train.main(["--config", cfg_path, "--run-dir", run, "--max-steps", "120"])
    recs = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl"))]
    steps = [r for r in recs if "loss" in r]
    first, last = np.mean([r["mlm"] for r in steps[:3]]), np.mean([r["mlm"] for r in steps[-3:]])
    dfirst, dlast = np.mean([r["disc_loss"] for r in steps[:3]]), np.mean([r["disc_loss"] for r in steps[-3:]])
    print(f"  mlm {first:.3f} -> {last:.3f}; disc {dfirst:.3f} -> {dlast:.3f}")
    assert last < first - 0.5, "generator MLM loss did not go down"
    assert dlast < dfirst, "discriminator loss did not go down"
    ev = [r for r in recs if r.get("eval")][-1]
    assert 0.0 <= ev["dev_auc_gen"] <= 1.0
    assert ev["learner_dev_auc"] > 0.8, f"agreement errors not learned: learner dev AUC {ev['learner_dev_auc']}"
    # resume: continue to 130 steps from the checkpoint
    tr = train.main(["--run-dir", run, "--resume", "--max-steps", "130"])
    assert tr.step == 130, tr.step
    state.update(vocab_dir=vocab_dir, ckpt=os.path.join(run, "final.pt"))


def test_resume_identical(tmp, state):
    """A run stopped at step 20 and resumed to 40 ends with exactly the weights of a run straight to 40."""
    cfg_path = os.path.join(tmp, "tiny.json")
    a, b = os.path.join(tmp, "straight"), os.path.join(tmp, "resumed")
    ta = train.main(["--config", cfg_path, "--run-dir", a, "--max-steps", "40"])
    train.main(["--config", cfg_path, "--run-dir", b, "--max-steps", "40", "--until-step", "20"])
    assert not os.path.exists(os.path.join(b, "final.pt"))
    tb = train.main(["--run-dir", b, "--resume"])
    assert tb.step == 40
    for (k, x), (_, y) in zip(ta.disc.state_dict().items(), tb.disc.state_dict().items()):
        assert torch.equal(x, y), f"{k} differs after resume"


def test_learner_errors(tmp, state):
    """FCE token convention on the real tokenizer; the project's confusion sets are well formed."""
    import lexicon
    import learner_errors as le
    with open(lexicon.CONFUSIONS) as f:
        tables = json.load(f)
    homophones = {w for g in tables["homophones"] for w in g}
    assert {"there", "their", "they're", "your", "you're", "its", "it's", "then", "than"} <= homophones
    for name in ("homophones", "determiners", "prepositions", "pronouns", "agreement"):
        for g in tables[name]:
            assert len(g) == len(set(g)) >= 2 and all(w == w.lower() for w in g), (name, g)
    m = lexicon._groups_to_map(tables["homophones"])
    assert all(w not in alts and all(w in m[o] for o in alts) for w, alts in m.items()), "sets are symmetric"
    try:
        tok = le.load_tokenizer()
    except FileNotFoundError:
        print("  (../shared not found: tokenizer checks skipped)")
        return
    # replaced word, missing word (the next token), inserted word: wrong spans -> token labels
    text = "They lost there phones in the the park ."
    spans = [(10, 15), (29, 32)]  # "there", the second "the"
    ids, lab = le.encode(tok, [text], [spans], 16)
    toks = tok.encode(text).tokens
    labelled = [t for t, l in zip(toks, lab[0][:len(toks)]) if l == 1]
    assert labelled == ["there", "the"], labelled
    rng = random.Random(0)
    lex = types.SimpleNamespace(missable=["the"], modals=set())
    maker = le.ErrorMaker.__new__(le.ErrorMaker)
    maker.lex, maker.rng, maker.common = lex, rng, set()
    items = le.split_items("I saw the cat .")
    assert maker.missing(items)
    text2, spans2 = le.join_items(items)
    assert text2 == "I saw cat ." and [text2[a:b] for a, b in spans2] == ["cat"], (text2, spans2)
    items = le.split_items("I saw the cat .")
    maker.lex = types.SimpleNamespace(insertable=["to"], comparative_er=set())
    rng.seed(5)
    assert maker.extra(items)
    text3, spans3 = le.join_items(items)
    assert len(text3.split()) == 6 and len(spans3) == 1, (text3, spans3)
    # real-word slips (a known pair, either direction) and complementation ("discuss about", "depend of")
    maker.slip_pairs, maker.real_word_both, maker.frequent = {"form": ["from"], "from": ["form"]}, {}, set()
    rng.seed(1)
    items = le.split_items("a letter from the university")
    assert maker.slip(items)
    text4, spans4 = le.join_items(items)
    assert text4 == "a letter form the university" and [text4[a:b] for a, b in spans4] == ["form"], (text4, spans4)
    maker.base_of, maker.prepositions_all = {"discussed": "discuss"}, {"about", "on", "of"}
    items = le.split_items("We discussed the plan")
    assert maker.complement(items)
    text5, spans5 = le.join_items(items)
    assert text5 == "We discussed about the plan" and [text5[a:b] for a, b in spans5] == ["about"], (text5, spans5)
    items = le.split_items("It may depend on the weather")
    assert maker.complement(items)
    text6, spans6 = le.join_items(items)
    assert text6 in ("It may depend of the weather", "It may depend from the weather"), text6


def test_config_schema(tmp):
    """Every config key is declared (DEFAULTS); a typo is an error, not a silent default."""
    cfg = train.load_config(None, ["lr=0.001", "disc.hidden_size=64"])
    assert cfg["lr"] == 0.001 and cfg["disc"]["hidden_size"] == 64
    for bad in (["learning_rate=0.001"], ["learner_fracton=0.5"]):
        try:
            train.load_config(None, bad)
        except SystemExit as e:
            assert "unknown config key" in str(e), e
        else:
            raise AssertionError(f"accepted {bad}")
    for name in os.listdir(os.path.join(HERE, "configs")):  # the shipped configs use declared keys only
        train.load_config(os.path.join(HERE, "configs", name), [])


def test_export(tmp, state):
    if "ckpt" not in state:
        raise AssertionError("needs the training test's checkpoint")
    out = os.path.join(tmp, "model")
    disc, gen, ck = export.load_checkpoint(state["ckpt"])
    export.export_folder(disc, gen, out, state["vocab_dir"], {"source": "smoke"},
                         train_max_length=export.trained_length(ck["config"]))
    man = json.load(open(os.path.join(out, "manifest.json")))
    listed = {f["path"]: f for f in man["files"]}
    on_disk = set()
    for root, _, names in os.walk(out):
        for n in names:
            on_disk.add(os.path.relpath(os.path.join(root, n), out).replace(os.sep, "/"))
    assert on_disk - {"manifest.json"} == set(listed), on_disk ^ set(listed)
    for p, f in listed.items():
        assert hashlib.sha256(open(os.path.join(out, p), "rb").read()).hexdigest() == f["sha256"], p
    for p in ["config.json", "onnx/model.onnx", "parity.json", "tokenizer.json", "vocab.txt", "generator/onnx/model.onnx",
              "generator/config.json"]:
        assert p in listed, p
    cfg = json.load(open(os.path.join(out, "config.json")))
    assert cfg["model_type"] == "electra" and cfg["architectures"] == ["ElectraForPreTraining"]
    # the checker never scores in a window longer than the rows the model was trained on
    assert cfg["train_max_length"] == ck["config"]["seq_len"], cfg.get("train_max_length")
    if shutil.which("node") and subprocess.run(["node", "-e", "require('onnxruntime-node')"], cwd=HERE,
                                               capture_output=True).returncode == 0:
        assert export.verify(out), "onnxruntime-node parity failed"
    else:
        print("  (node/onnxruntime-node not available: ONNX parity not checked)")
    # from_onnx.py reads the exported folder back into the same weights (a later session continues from them)
    import from_onnx
    back_disc, back_gen = from_onnx.read_model(out)
    for mine, back in ((disc, back_disc), (gen, back_gen)):
        ref = mine.state_dict()
        for k, v in back.state_dict().items():
            assert torch.allclose(v, ref[k], atol=1e-6), f"from_onnx: {k} differs"


def main():
    torch.set_num_threads(min(2, os.cpu_count() or 1))
    t0 = time.time()
    tmp = tempfile.mkdtemp(prefix="electra-smoke-")
    state, passed, failed = {}, 0, 0
    for name, fn in [("model", lambda: test_model(tmp)), ("train", lambda: test_train(tmp, state)),
                     ("resume identical", lambda: test_resume_identical(tmp, state)),
                     ("learner errors", lambda: test_learner_errors(tmp, state)),
                     ("config schema", lambda: test_config_schema(tmp)),
                     ("export", lambda: test_export(tmp, state))]:
        t = time.time()
        try:
            fn()
            passed += 1
            print(f"PASS {name} ({time.time()-t:.1f}s)", flush=True)
        except Exception:
            failed += 1
            traceback.print_exc()
            print(f"FAIL {name}", flush=True)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed ({time.time()-t0:.0f}s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
