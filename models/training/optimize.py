#!/usr/bin/env python3
"""A model folder with onnxruntime's transformer graph fusions (Attention, SkipLayerNormalization, BiasGelu,
EmbedLayerNormalization) applied to its discriminator and generator, measured beside the plain export in
`npm run bench` (variants) and `npm run eval`.

  .venv/bin/python models/training/optimize.py MODEL_DIR OUT_DIR [--int8-weights]

Fusion runs on fp32 weights (it matches MatMul + Add on initializers); with --int8-weights the fused matrices are
stored as int8 again afterwards (compress.py: per-column scales survive the QKV packing, since each column keeps
its own scale).
"""
import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--int8-weights", action="store_true")
    a = ap.parse_args()
    import onnx
    from onnxruntime.transformers.optimizer import optimize_model
    from compress import compress_onnx, restore_fp32
    from export import write_manifest
    if os.path.exists(a.out_dir):
        shutil.rmtree(a.out_dir)
    shutil.copytree(a.model_dir, a.out_dir)
    for rel in ("onnx/model.onnx", "generator/onnx/model.onnx"):
        p = os.path.join(a.out_dir, rel)
        if not os.path.exists(p):
            continue
        cfg = json.load(open(os.path.join(os.path.dirname(os.path.dirname(p)), "config.json")))
        tmp = p + ".fp32.onnx"
        onnx.save(restore_fp32(p), tmp)
        opt = optimize_model(tmp, model_type="bert", num_heads=cfg["num_attention_heads"],
                             hidden_size=cfg["hidden_size"], opt_level=1)
        print(rel, opt.get_fused_operator_statistics())
        opt.save_model_to_file(p)
        os.remove(tmp)
        if a.int8_weights:
            compress_onnx(p)
    write_manifest(a.out_dir)


if __name__ == "__main__":
    main()
