"""Exports a random-weight discriminator with the shape of a training config (default the CPU
config: 4 layers, hidden 256, embedding 128), so benchmarks measure the real model's cost
before a trained one exists. Weights are random: the scores mean nothing.

  /usr/bin/python3 bench/export-random-model.py [--config models/training/configs/cpu.json] [--out test/.cache/bench-model]
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "models", "training"))

import torch  # noqa: E402
import export  # noqa: E402
from model import ElectraConfig, ElectraForPreTraining  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default=os.path.join(HERE, "..", "models", "training", "configs", "cpu.json"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "test", ".cache", "bench-model"))
    ap.add_argument("--vocab-dir", default=export.DEFAULT_VOCAB)
    a = ap.parse_args()
    with open(a.config) as f:
        cfg = json.load(f)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    disc = ElectraForPreTraining(ElectraConfig(**cfg["disc"]))
    files = export.export_folder(disc, None, a.out, a.vocab_dir, {"source": "random-bench", "config": cfg["name"]})
    print(f"exported {len(files)} files to {a.out}")


if __name__ == "__main__":
    main()
