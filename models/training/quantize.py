"""Dynamic int8 arithmetic for a model folder: a variant measured beside the shipped one (`npm run bench`, variants).

Not shipped: on the v2 model it is 1.6x faster with FCE dev F0.5 within 0.002, but its activations are quantized
per tensor, so a text's scores depend on the other texts in its batch (max |logit change| 0.23 between a
sentence alone and in a padded batch of two). The editor batches paragraphs and re-scores only the ones that
changed; a word's score must not move because another paragraph was edited.

`quantize(model)`: every MatMul with a constant fp32 weight becomes DynamicQuantizeLinear (activations, uint8, per
tensor, at run time) + MatMulInteger (weights int8, symmetric, per output column) + Cast + Mul by the scales, the
pattern onnxruntime fuses into DynamicQuantizeMatMul. Embeddings, LayerNorm and the attention products stay fp32;
the embedding tables are then stored as int8 + per-row scales (compress.py, folded to fp32 at load).

  .venv/bin/python models/training/quantize.py MODEL_DIR OUT_DIR

MODEL_DIR is an export with --int8-weights (its embeddings are stored as int8 again). OUT_DIR gets both networks quantized, a parity.json whose
reference logits come from onnxruntime (Python) on the quantized graphs (so the TypeScript pipeline is held to
1e-4 on exactly what ships), the PyTorch-vs-quantized difference in parity.json's meta, and a new manifest.
"""
import hashlib
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def quantize(model):
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    nodes = []
    count = 0
    for n in g.node:
        w = inits.get(n.input[1]) if n.op_type == "MatMul" and len(n.input) == 2 else None
        if w is None or w.data_type != TensorProto.FLOAT or len(w.dims) != 2:
            nodes.append(n)
            continue
        W = numpy_helper.to_array(w)
        scale = np.maximum(np.abs(W).max(axis=0), 1e-8) / 127.0  # per output column
        Wq = np.clip(np.round(W / scale), -127, 127).astype(np.int8)
        p = f"{n.name or n.output[0]}_q"
        g.initializer.extend([
            numpy_helper.from_array(Wq, f"{p}_w"),
            numpy_helper.from_array(scale.astype(np.float32), f"{p}_wscale"),
            numpy_helper.from_array(np.array(0, dtype=np.int8), f"{p}_wzero"),
        ])
        nodes += [
            helper.make_node("DynamicQuantizeLinear", [n.input[0]], [f"{p}_a", f"{p}_ascale", f"{p}_azero"], name=f"{p}_dql"),
            helper.make_node("MatMulInteger", [f"{p}_a", f"{p}_w", f"{p}_azero", f"{p}_wzero"], [f"{p}_i32"], name=f"{p}_mmi"),
            helper.make_node("Cast", [f"{p}_i32"], [f"{p}_f"], to=TensorProto.FLOAT, name=f"{p}_cast"),
            helper.make_node("Mul", [f"{p}_ascale", f"{p}_wscale"], [f"{p}_scale"], name=f"{p}_scale"),
            helper.make_node("Mul", [f"{p}_f", f"{p}_scale"], [n.output[0]], name=f"{p}_mul"),
        ]
        count += 1
    del g.node[:]
    g.node.extend(nodes)
    used = {i for n in g.node for i in n.input}
    keep = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    return count


def ship(src, out):
    import onnxruntime
    from compress import compress_onnx, restore_fp32
    from export import write_manifest
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("manifest.json"))
    counts = {}
    for rel in ("onnx/model.onnx", "generator/onnx/model.onnx"):
        path = os.path.join(out, rel)
        if not os.path.exists(path):
            continue
        model = restore_fp32(path)
        counts[rel] = quantize(model)
        onnx.checker.check_model(model)
        onnx.save(model, path)
        compress_onnx(path)
    parity_path = os.path.join(out, "parity.json")
    parity = json.load(open(parity_path))
    opts = onnxruntime.SessionOptions()
    opts.add_session_config_entry("session.disable_quant_qdq", "1")
    sess = onnxruntime.InferenceSession(os.path.join(out, "onnx", "model.onnx"), opts, providers=["CPUExecutionProvider"])
    worst = 0.0
    for item in parity["items"]:
        feeds = {k: np.array([item[k]], dtype=np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
        logits = sess.run(["logits"], feeds)[0][0]
        worst = max(worst, float(np.abs(logits - np.array(item["logits"])).max()))
        item["logits"] = [round(float(x), 7) for x in logits]
    g = parity.get("generator")
    if g and os.path.exists(os.path.join(out, "generator", "onnx", "model.onnx")):
        gs = onnxruntime.InferenceSession(os.path.join(out, "generator", "onnx", "model.onnx"), opts,
                                          providers=["CPUExecutionProvider"])
        feeds = {k: np.array([g[k]], dtype=np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
        row = gs.run(["logits"], feeds)[0][0, g["mask_position"]]
        top = np.argsort(-row, kind="stable")[:5]
        g["top5_ids"] = [int(i) for i in top]
        g["top5_logits"] = [round(float(row[i]), 6) for i in top]
    parity["meta"]["reference"] = (f"onnxruntime {onnxruntime.__version__} (Python) on these dynamic-int8 graphs; the fp32 "
                                   "export matched PyTorch within 1e-4 before quantization")
    parity["meta"]["dynamic_int8_matmuls"] = counts
    parity["meta"]["pytorch_max_abs_logit_diff"] = round(worst, 4)
    with open(parity_path, "w") as f:
        json.dump(parity, f)
        f.write("\n")
    write_manifest(out)
    return counts, worst


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    counts, worst = ship(sys.argv[1], sys.argv[2])
    print(f"dynamic int8: {counts}; max |logit - PyTorch| on the parity texts {worst:.4f}; wrote {sys.argv[2]}")


if __name__ == "__main__":
    main()
