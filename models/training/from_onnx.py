#!/usr/bin/env python3
"""A shipped model folder (ONNX) -> a PyTorch checkpoint that `train.py` can continue from (`init_checkpoint`).

Training checkpoints live outside the work tree and may not survive to the next machine; the shipped model does
(it is committed). This reads its weights back: named initializers keep their module paths ("m.electra...."), and
every Linear weight is the right-hand initializer of a MatMul node whose name is the module path
("/m/electra/encoder/layer.0/attention/self/query/MatMul"), stored transposed. int8 matrices are dequantized
(`compress.restore_fp32`), so the result is the exported model exactly (the int8-rounded weights, which were
already the parity reference). The generator's output layer is tied to the shared word embeddings.

  .venv/bin/python models/training/from_onnx.py --model models/electra-feedback --out ~/.cache/electra-feedback/runs/v2.pt
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compress import restore_fp32  # noqa: E402
from export import check_keys  # noqa: E402
from model import ElectraConfig, ElectraForMaskedLM, ElectraForPreTraining  # noqa: E402
from special_tokens import CLS, SEP  # noqa: E402

TIED = "generator_lm_head.weight"


def state_dict_of(onnx_path):
    """{state-dict name: tensor} of one exported model (fp32, Linear weights as [out, in])."""
    m = restore_fp32(onnx_path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    sd = {name[2:]: arr for name, arr in inits.items() if name.startswith("m.")}
    for n in m.graph.node:
        if n.op_type == "MatMul" and n.input[1] in inits and n.name.startswith("/m/") and n.name.endswith("/MatMul"):
            module = n.name[len("/m/"):-len("/MatMul")].replace("/", ".")
            sd[module + ".weight"] = inits[n.input[1]].T
    return {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in sd.items()}


EMBEDDINGS = "electra.embeddings.word_embeddings.weight"


def read_model(folder):
    """(discriminator, generator) of a model folder with generator/, weights from its ONNX files."""
    dcfg = ElectraConfig.from_dict(json.load(open(os.path.join(folder, "config.json"))))
    gcfg = ElectraConfig.from_dict(json.load(open(os.path.join(folder, "generator", "config.json"))))
    dsd = state_dict_of(os.path.join(folder, "onnx", "model.onnx"))
    gsd = state_dict_of(os.path.join(folder, "generator", "onnx", "model.onnx"))
    lm_head = gsd.pop(TIED)  # the tied copy the exporter wrote out; must equal the shared embeddings
    if not torch.equal(lm_head, gsd[EMBEDDINGS]):
        raise SystemExit("generator output layer differs from its word embeddings: not a tied ELECTRA export")
    # Checked before loading: the generator shares the discriminator's embeddings module, so loading
    # its state dict would overwrite the discriminator's copy.
    if not torch.equal(dsd[EMBEDDINGS], gsd[EMBEDDINGS]):
        raise SystemExit("generator and discriminator embeddings differ: they are shared in training")
    disc = ElectraForPreTraining(dcfg)
    check_keys(*disc.load_state_dict(dsd, strict=False))
    gen = ElectraForMaskedLM(gcfg, disc.electra.embeddings)
    check_keys(*gen.load_state_dict(gsd, strict=False), allow_missing={TIED})
    gen.tie_weights()
    return disc.eval(), gen.eval()


def max_diff_to_onnx(model, onnx_path, ids):
    """Largest |PyTorch - onnxruntime| output on `ids`: the shipped graph with its int8 matrices dequantized
    (onnxruntime would otherwise fuse DequantizeLinear + MatMul into int8 arithmetic of its own)."""
    import onnxruntime as ort
    s = ort.InferenceSession(restore_fp32(onnx_path).SerializeToString(), providers=["CPUExecutionProvider"])
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
    ref = s.run(None, {i.name: feed[i.name] for i in s.get_inputs()})[0]
    with torch.no_grad():
        got = model(torch.from_numpy(ids)).numpy()
    return float(np.abs(got - ref).max())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/electra-feedback")
    ap.add_argument("--out", required=True)
    ap.add_argument("--tokens-seen", type=int, default=0, help="tokens the model was trained on (for the log)")
    a = ap.parse_args()
    disc, gen = read_model(a.model)
    ids = np.random.default_rng(0).integers(1000, 30000, size=(2, 48)).astype(np.int64)
    ids[:, 0], ids[:, -1] = CLS, SEP
    dd = max_diff_to_onnx(disc, os.path.join(a.model, "onnx", "model.onnx"), ids)
    gd = max_diff_to_onnx(gen, os.path.join(a.model, "generator", "onnx", "model.onnx"), ids)
    print(f"parity against the shipped ONNX: discriminator {dd:.2e}, generator {gd:.2e}")
    if max(dd, gd) > 1e-3:
        raise SystemExit("weights read back do not reproduce the ONNX outputs")
    os.makedirs(os.path.dirname(os.path.abspath(os.path.expanduser(a.out))), exist_ok=True)
    card = os.path.join(a.model, "MODEL_CARD.md")
    torch.save({"disc_config": vars(disc.config), "gen_config": vars(gen.config), "disc": disc.state_dict(),
                "gen": gen.state_dict(), "step": 0, "tokens_seen": a.tokens_seen, "source": os.path.abspath(a.model),
                # the card of the model continued from: model_card.py carries its earlier stages' tables over
                "parent_card": open(card).read() if os.path.exists(card) else None},
               os.path.expanduser(a.out))
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
