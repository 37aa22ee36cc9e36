"""Writes an int8 dynamic-quantized copy of a model folder: every MatMul with a constant
fp32 weight becomes DynamicQuantizeLinear (activations, uint8, per tensor, at run time)
+ MatMulInteger (weights int8, symmetric, per output column) + Cast + Mul by the scales,
the pattern onnxruntime fuses into DynamicQuantizeMatMul. Embeddings, LayerNorm and the
attention products stay fp32. The `onnx` Python package is enough (apt: python3-onnx);
onnxruntime's own quantizer is not needed.

  /usr/bin/python3 bench/quantize-int8.py MODEL_DIR OUT_DIR
"""
import hashlib
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


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


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("generator", "manifest.json", "parity.json"))
    path = os.path.join(out, "onnx", "model.onnx")
    model = onnx.load(path)
    n = quantize(model)
    onnx.checker.check_model(model)
    onnx.save(model, path)
    files = []
    for root, _, names in os.walk(out):
        for name in sorted(names):
            full = os.path.join(root, name)
            rel = os.path.relpath(full, out)
            with open(full, "rb") as f:
                files.append({"path": rel, "sha256": hashlib.sha256(f.read()).hexdigest(), "size": os.path.getsize(full)})
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"format": 1, "files": files}, f, indent=2)
    print(f"quantized {n} MatMul weights; wrote {out} ({os.path.getsize(path) / 2**20:.1f} MiB model)")


if __name__ == "__main__":
    main()
