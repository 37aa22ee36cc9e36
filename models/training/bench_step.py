#!/usr/bin/env python3
"""Tokens/s of one discriminator training step (forward + backward + AdamW), batch 32 x 128, on this machine:
fp32, bf16 autocast (fp32 master weights), torch.compile and both, side by side in one run.

  .venv/bin/python models/training/bench_step.py [--threads 1] [--layers 6 --hidden 384] [--steps 4]
"""
import argparse
import sys
import time
import os

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import ElectraConfig, ElectraForPreTraining  # noqa: E402


def run(model, ids, ctx, steps):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-5)
    for i in range(steps + 1):
        if i == 1:
            t = time.time()
        with ctx():
            y = model(ids).float()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(y, torch.zeros_like(y))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return ids.numel() * steps / (time.time() - t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--hidden", type=int, default=384)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--modes", default="fp32,bf16,compile,compile+bf16")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    c = ElectraConfig(embedding_size=a.hidden, hidden_size=a.hidden, num_hidden_layers=a.layers,
                      num_attention_heads=a.hidden // 32, intermediate_size=4 * a.hidden,
                      hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    ids = torch.randint(1000, 30000, (32, 128))
    fp32 = lambda: torch.autocast("cpu", enabled=False)  # noqa: E731
    bf16 = lambda: torch.autocast("cpu", dtype=torch.bfloat16)  # noqa: E731
    print(f"| mode | tokens/s ({a.layers} layers, hidden {a.hidden}, {a.threads} thread(s), torch {torch.__version__}) |")
    print("| --- | ---: |")
    for mode in a.modes.split(","):
        m = ElectraForPreTraining(c)
        if mode.startswith("compile"):
            m = torch.compile(m)
        try:
            tps = run(m, ids, bf16 if mode.endswith("bf16") else fp32, a.steps)
            print(f"| {mode} | {tps:,.0f} |", flush=True)
        except Exception as e:  # noqa: BLE001 - report, keep measuring the others
            print(f"| {mode} | failed: {type(e).__name__}: {str(e).splitlines()[0][:80]} |", flush=True)
    print(f"mkldnn bf16 kernels: {torch.ops.mkldnn._is_mkldnn_bf16_supported()}; "
          f"CPU capability: {torch.backends.cpu.get_cpu_capability()}")


if __name__ == "__main__":
    main()
