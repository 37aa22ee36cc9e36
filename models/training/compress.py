#!/usr/bin/env python3
"""int8 weight storage with fp32 arithmetic: a model folder 4x smaller that keeps parity with PyTorch.

1. `fake_quantize(model)` (PyTorch, before export): every large weight matrix W becomes q * s with q int8 in
   [-127, 127] and one fp32 scale s per row (nn.Linear: per output feature; embeddings: per token), s = max|row|/127.
   The model that is exported, evaluated and used as the parity reference is this one.
2. `compress_onnx(path)` (after export): each such initializer is stored as int8 + scales and restored at load by
   a DequantizeLinear node (opset >= 13, per-axis). Since W already is q * s, the int8 form is exact up to the
   rounding of s, so onnxruntime's logits stay within 1e-4 of PyTorch's (parity.json), while the files shrink
   ~4x (the VSIX must stay <= 100 MB). Arithmetic stays fp32; dynamic int8 arithmetic is measured in the bench.

  python models/training/compress.py MODEL_DIR        # compresses onnx/model.onnx and generator/onnx/model.onnx
"""
import os
import sys

import numpy as np
import torch

MIN_ELEMENTS = int(os.environ.get("ELECTRA_INT8_MIN_ELEMENTS", 16384))  # smaller matrices stay fp32


@torch.no_grad()
def fake_quantize(model, min_elements=MIN_ELEMENTS):
    """In place; returns the number of matrices rounded. Tied weights are rounded once."""
    seen, n = set(), 0
    for mod in model.modules():
        w = getattr(mod, "weight", None)
        if not isinstance(mod, (torch.nn.Linear, torch.nn.Embedding)) or w is None or id(w) in seen:
            continue
        seen.add(id(w))
        if w.dim() != 2 or w.numel() < min_elements:
            continue
        s = (w.abs().amax(dim=1, keepdim=True) / 127.0).clamp(min=1e-12)
        w.copy_(torch.round(w / s).clamp(-127, 127) * s)
        n += 1
    return n


def _quantized_axis(W):
    """The axis along which W is already q * s (q integral), or None."""
    for axis in (0, 1):
        s = np.maximum(np.abs(W).max(axis=1 - axis, keepdims=True), 1e-12) / 127.0
        q = W / s
        if np.abs(q - np.round(q)).max() < 1e-3:
            return axis, np.squeeze(s, 1 - axis).astype(np.float32), np.round(q).astype(np.int8)
    return None


def compress_onnx(path, min_elements=MIN_ELEMENTS):
    import onnx
    from onnx import helper, numpy_helper, TensorProto
    model = onnx.load(path)
    g = model.graph
    keep, nodes, n = [], [], 0
    for init in g.initializer:
        if init.data_type != TensorProto.FLOAT or len(init.dims) != 2 or np.prod(init.dims) < min_elements:
            keep.append(init)
            continue
        W = numpy_helper.to_array(init)
        found = _quantized_axis(W)
        if found is None:
            keep.append(init)
            continue
        axis, s, q = found
        keep += [numpy_helper.from_array(q, init.name + "_int8"), numpy_helper.from_array(s, init.name + "_scale")]
        nodes.append(helper.make_node("DequantizeLinear", [init.name + "_int8", init.name + "_scale"], [init.name],
                                      name=init.name + "_dequantize", axis=axis))
        n += 1
    del g.initializer[:]
    g.initializer.extend(keep)
    old = list(g.node)
    del g.node[:]
    g.node.extend(nodes + old)
    if min(op.version for op in model.opset_import if op.domain in ("", "ai.onnx")) < 13:
        raise ValueError("DequantizeLinear per axis needs opset >= 13")
    tmp = path + ".tmp"
    onnx.save(model, tmp)
    try:
        onnx.checker.check_model(model)
    except onnx.checker.ValidationError:  # onnxruntime's fused ops (optimize.py) are not standard ONNX
        import onnxruntime
        onnxruntime.InferenceSession(tmp, providers=["CPUExecutionProvider"])
    os.replace(tmp, path)
    return n


def restore_fp32(path):
    """DequantizeLinear of int8 initializers -> plain fp32 initializers (the same values)."""
    import numpy as np
    import onnx
    from onnx import numpy_helper
    m = onnx.load(path)
    inits = {i.name: i for i in m.graph.initializer}
    keep_nodes, new_inits, drop = [], [], set()
    for n in m.graph.node:
        if n.op_type == "DequantizeLinear" and n.input[0] in inits and n.input[1] in inits:
            q = numpy_helper.to_array(inits[n.input[0]]).astype(np.float32)
            s = numpy_helper.to_array(inits[n.input[1]])
            axis = next((a.i for a in n.attribute if a.name == "axis"), 1)
            shape = [1, 1]
            shape[axis] = -1
            new_inits.append(numpy_helper.from_array((q * s.reshape(shape)).astype(np.float32), n.output[0]))
            drop |= {n.input[0], n.input[1]}
        else:
            keep_nodes.append(n)
    kept = [i for i in m.graph.initializer if i.name not in drop] + new_inits
    del m.graph.initializer[:]
    m.graph.initializer.extend(kept)
    del m.graph.node[:]
    m.graph.node.extend(keep_nodes)
    return m


def main():
    folder = sys.argv[1]
    for rel in ("onnx/model.onnx", "generator/onnx/model.onnx"):
        p = os.path.join(folder, rel)
        if os.path.exists(p):
            before = os.path.getsize(p)
            n = compress_onnx(p)
            print(f"{rel}: {n} matrices int8, {before/1e6:.1f} MB -> {os.path.getsize(p)/1e6:.1f} MB")


if __name__ == "__main__":
    main()
