#!/usr/bin/env python3
"""Export an ELECTRA discriminator (+ optional generator) to the project's model-folder format.

Sources (one of):
  --checkpoint PATH     a train.py checkpoint (.pt)
  --hf-dir DIR          an official HF checkpoint folder (config.json + pytorch_model.bin or model.safetensors)
  --random-tiny         a tiny random-weight model (hidden 32, 2 layers, vocab 30522, with generator) for tests

  python3 models/training/export.py --random-tiny --out test/.cache/tiny-model [--seed 0] [--verify]
"""
import argparse
import hashlib
import inspect
import json
import os
import shutil
import struct
import subprocess
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import (ElectraConfig, ElectraForPreTraining, ElectraForMaskedLM,  # noqa: E402
                   clean_hf_state_dict, count_params)
from special_tokens import read_ids  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_VOCAB = os.environ.get("ELECTRA_VOCAB_DIR") or next(
    (p for p in [os.path.join(REPO, "..", "shared", "vocab", "electra-uncased"),
                 "/work/shared/vocab/electra-uncased"] if os.path.isdir(p)), None)
TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"]

PARITY_TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "She go to school yesterday and buyed three apple.",
    "I would like to thank you for your kind letter, which I received last week.",
    "Café naïve résumé — 東京, 42 items!",
]
GEN_TEXT = "The capital of France is [MASK]."
TINY_DISC = dict(vocab_size=30522, embedding_size=32, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                 intermediate_size=64, max_position_embeddings=512)
TINY_GEN = dict(vocab_size=30522, embedding_size=32, hidden_size=16, num_hidden_layers=2, num_attention_heads=1,
                intermediate_size=32, max_position_embeddings=512)


# ---------------------------------------------------------------- loading
def load_safetensors(path):
    dt = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32, "F64": np.float64}
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        a, b = v["data_offsets"]
        if v["dtype"] == "BF16":
            raw = np.frombuffer(data[a:b], dtype=np.uint16).astype(np.uint32) << 16
            arr = raw.view(np.float32).reshape(v["shape"])
        else:
            arr = np.frombuffer(data[a:b], dtype=dt[v["dtype"]]).reshape(v["shape"])
        out[k] = torch.from_numpy(arr.astype(np.float32) if arr.dtype != np.int64 else arr.copy())
    return out


def load_hf_dir(d):
    cfg = json.load(open(os.path.join(d, "config.json")))
    if os.path.exists(os.path.join(d, "model.safetensors")):
        sd = load_safetensors(os.path.join(d, "model.safetensors"))
    else:
        sd = torch.load(os.path.join(d, "pytorch_model.bin"), map_location="cpu", weights_only=True)  # a downloaded file: tensors only
    sd = clean_hf_state_dict(sd)
    c = ElectraConfig.from_dict(cfg)
    arch = (cfg.get("architectures") or ["ElectraForPreTraining"])[0]
    if arch == "ElectraForMaskedLM":
        gen = ElectraForMaskedLM(c)
        missing, unexpected = gen.load_state_dict(sd, strict=False)
        check_keys(missing, unexpected, allow_missing={"generator_lm_head.weight"})
        gen.tie_weights()
        return None, gen
    disc = ElectraForPreTraining(c)
    missing, unexpected = disc.load_state_dict(sd, strict=False)
    check_keys(missing, unexpected)
    return disc, None


def check_keys(missing, unexpected, allow_missing=()):
    missing = [k for k in missing if k not in allow_missing]
    if missing or unexpected:
        raise SystemExit(f"state_dict mismatch: missing={missing} unexpected={unexpected}")


def load_checkpoint(path):
    ck = torch.load(path, map_location="cpu", weights_only=False)  # our own checkpoint (pickled RNG state)
    dc = ElectraConfig.from_dict(ck["disc_config"])
    disc = ElectraForPreTraining(dc)
    disc.load_state_dict(ck["disc"])
    gen = None
    if ck.get("gen") is not None:
        gen = ElectraForMaskedLM(ElectraConfig.from_dict(ck["gen_config"]))
        gen.load_state_dict(ck["gen"])
        gen.tie_weights()
    return disc, gen, ck


def random_tiny(seed):
    torch.manual_seed(seed)
    disc = ElectraForPreTraining(ElectraConfig(**TINY_DISC))
    gen = ElectraForMaskedLM(ElectraConfig(**TINY_GEN), disc.electra.embeddings)
    # larger random head weights so the tiny model's logits are not all ~0
    with torch.no_grad():
        disc.discriminator_predictions.dense_prediction.weight.normal_(0, 0.5)
    return disc, gen


# ---------------------------------------------------------------- helpers
def tokenize(texts, vocab_dir):
    r = subprocess.run(["node", os.path.join(HERE, "tokenize.js"), "--json", os.path.join(vocab_dir, "tokenizer.json")],
                       input=json.dumps(texts), capture_output=True, text=True, cwd=HERE, check=True)
    return json.loads(r.stdout)


class _Wrap(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.m(input_ids, attention_mask, token_type_ids)


def _prepare_for_export(m):
    m.eval()
    for mod in m.modules():
        if hasattr(mod, "use_sdpa"):
            mod.use_sdpa = False
    return m


def export_onnx(model, path, opset=14):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    model = _prepare_for_export(model).float()
    v = model.config.vocab_size
    # any ids trace the graph (the last of the first row is padding: attention_mask 0)
    ids = torch.tensor([[1, 7592 % v, 2088 % v, 2, 0], [1, 1996 % v, 4937 % v, 2938 % v, 2]], dtype=torch.long)
    mask = (ids != 0).long()
    with torch.no_grad():
        wrap = _Wrap(model).eval()
        torch.onnx.export(wrap, (ids, mask, torch.zeros_like(ids)), path,
                          input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                                        "attention_mask": {0: "batch", 1: "sequence"},
                                        "token_type_ids": {0: "batch", 1: "sequence"},
                                        "logits": {0: "batch", 1: "sequence"}},
                          opset_version=opset, do_constant_folding=True,
                          **({"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}))
    model.eval()  # export restores the wrapper's training flag recursively; make sure dropout stays off


def copy_tokenizer(vocab_dir, out):
    for f in TOKENIZER_FILES:
        shutil.copyfile(os.path.join(vocab_dir, f), os.path.join(out, f))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_manifest(out):
    files = []
    for root, _, names in os.walk(out):
        for n in sorted(names):
            p = os.path.join(root, n)
            rel = os.path.relpath(p, out).replace(os.sep, "/")
            if rel == "manifest.json":
                continue
            files.append({"path": rel, "sha256": sha256(p), "size": os.path.getsize(p)})
    files.sort(key=lambda f: f["path"])
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"format": 1, "files": files}, f, indent=2)
        f.write("\n")
    return files


def write_config(model, out, arch, train_max_length=None):
    """config.json; `train_max_length` (tokens per training row, [CLS] and [SEP] included) is the longest
    window the checker will score in: scores inflate in windows longer than the model was trained on."""
    d = model.config.to_hf_dict(arch)
    if train_max_length:
        d["train_max_length"] = int(min(train_max_length, d["max_position_embeddings"]))
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(d, f, indent=2)
        f.write("\n")


def trained_length(cfg):
    """The longest row of a training config (train.py): seq_len, or the longest of its seq_len_schedule."""
    sched = cfg.get("seq_len_schedule") or []
    return max([cfg.get("seq_len", 128)] + [L for _, L in sched])


# ---------------------------------------------------------------- main export
def export_folder(disc, gen, out, vocab_dir, extra_meta=None, model_card=None, train_max_length=None):
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    disc = _prepare_for_export(disc).float()
    write_config(disc, out, "ElectraForPreTraining", train_max_length)
    copy_tokenizer(vocab_dir, out)
    export_onnx(disc, os.path.join(out, "onnx", "model.onnx"))

    enc = tokenize(PARITY_TEXTS + [GEN_TEXT], vocab_dir)
    items = []
    with torch.no_grad():
        for text, e in zip(PARITY_TEXTS, enc):
            ids = torch.tensor([e["input_ids"]])
            logits = disc(ids, torch.tensor([e["attention_mask"]]), torch.tensor([e["token_type_ids"]]))
            items.append({"text": text, **e, "logits": [round(float(x), 7) for x in logits[0]]})
    parity = {"format": 1, "tolerance": 1e-4, "items": items}
    # batched, padded case: logits of the padded batch at the real tokens must equal the unbatched ones
    parity["batch"] = {"texts": PARITY_TEXTS[:2]}

    if gen is not None:
        gdir = os.path.join(out, "generator")
        os.makedirs(gdir)
        gen = _prepare_for_export(gen).float()
        write_config(gen, gdir, "ElectraForMaskedLM")
        copy_tokenizer(vocab_dir, gdir)
        export_onnx(gen, os.path.join(gdir, "onnx", "model.onnx"))
        e = enc[-1]
        pos = e["input_ids"].index(read_ids(os.path.join(vocab_dir, "vocab.txt"))["[MASK]"])
        with torch.no_grad():
            gl = gen(torch.tensor([e["input_ids"]]), torch.tensor([e["attention_mask"]]),
                     torch.tensor([e["token_type_ids"]]))[0, pos]
        top = torch.topk(gl, 5)
        parity["generator"] = {"text": GEN_TEXT, **e, "mask_position": pos,
                               "top5_ids": top.indices.tolist(),
                               "top5_logits": [round(float(x), 6) for x in top.values]}
    meta = {"discriminator_parameters": count_params(disc)}
    if gen is not None:
        meta["generator_parameters"] = count_params(gen)
    meta.update(extra_meta or {})
    parity["meta"] = meta
    with open(os.path.join(out, "parity.json"), "w") as f:
        json.dump(parity, f)
        f.write("\n")
    if model_card:
        shutil.copyfile(model_card, os.path.join(out, "MODEL_CARD.md"))
    return write_manifest(out)


def verify(out):
    r = subprocess.run(["node", os.path.join(HERE, "verify_onnx.js"), os.path.abspath(out)], cwd=HERE)
    return r.returncode == 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint")
    src.add_argument("--hf-dir")
    src.add_argument("--random-tiny", action="store_true")
    ap.add_argument("--hf-generator-dir", help="with --hf-dir: an official generator folder to export too")
    ap.add_argument("--out", required=True)
    ap.add_argument("--vocab-dir", default=DEFAULT_VOCAB)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-generator", action="store_true")
    ap.add_argument("--model-card", help="Markdown file copied as MODEL_CARD.md (real trained models only)")
    ap.add_argument("--verify", action="store_true", help="check the ONNX files with onnxruntime-node")
    ap.add_argument("--train-max-length", type=int,
                    help="tokens per training row ([CLS]/[SEP] included); default: the checkpoint's training config, "
                         "max_position_embeddings for --hf-dir (google's checkpoints were pre-trained at 512)")
    ap.add_argument("--int8-weights", action="store_true",
                    help="store large matrices as int8 + per-row scales, fp32 arithmetic (compress.py); the "
                         "rounded model is the parity reference")
    a = ap.parse_args(argv)
    if not a.vocab_dir or not os.path.isdir(a.vocab_dir):
        raise SystemExit("vocab folder not found: pass --vocab-dir or set ELECTRA_VOCAB_DIR")
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    meta = {}
    train_len = a.train_max_length
    if a.random_tiny:
        disc, gen = random_tiny(a.seed)
        meta = {"source": "random-tiny", "seed": a.seed}
    elif a.checkpoint:
        disc, gen, ck = load_checkpoint(a.checkpoint)
        meta = {"source": "checkpoint", "step": ck.get("step"), "tokens_seen": ck.get("tokens_seen"),
                "elapsed_minutes": round(ck.get("elapsed", 0) / 60, 1)}
        if train_len is None and ck.get("config"):
            train_len = trained_length(ck["config"])
    else:
        disc, gen = load_hf_dir(a.hf_dir)
        if a.hf_generator_dir:
            _, gen = load_hf_dir(a.hf_generator_dir)
        meta = {"source": "hf", "dir": os.path.basename(os.path.normpath(a.hf_dir))}
        if disc is None:
            raise SystemExit("--hf-dir must hold an ElectraForPreTraining checkpoint")
    if a.no_generator:
        gen = None
    if a.int8_weights:
        from compress import fake_quantize, compress_onnx
        meta["int8_weights"] = {"discriminator": fake_quantize(disc), "generator": fake_quantize(gen) if gen else 0}
    files = export_folder(disc, gen, a.out, a.vocab_dir, meta, a.model_card, train_len)
    if a.int8_weights:
        for rel in ("onnx/model.onnx", "generator/onnx/model.onnx"):
            if os.path.exists(os.path.join(a.out, rel)):
                compress_onnx(os.path.join(a.out, rel))
        files = write_manifest(a.out)
    print(f"exported {len(files)} files to {a.out}")
    if a.verify and not verify(a.out):
        raise SystemExit("onnxruntime verification failed")


if __name__ == "__main__":
    main()
