#!/usr/bin/env bash
# One-time set-up on a fresh Debian/Ubuntu machine: system packages the tests need,
# npm dependencies, the build, and the real-VS Code test harness. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# System packages: python3-venv for the training environment; python3-torch + OpenBLAS for the tiny
# random test model the TypeScript tests export (models/training/export.py runs on torch 1.13 and 2.x).
missing=()
for p in python3-venv python3-torch python3-numpy libopenblas0-pthread; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Training environment (.venv): PyTorch 2.x CPU wheel and the rest of models/training/requirements.txt.
PY=${PYTHON3:-python3}
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import torch, tokenizers, safetensors" 2>/dev/null; then
  echo "setup: creating .venv (models/training/requirements.txt)" >&2
  "$PY" -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r models/training/requirements.txt
fi

# onnxruntime-node's postinstall downloads CUDA libraries; machines without internet skip it
# (the CPU and WebGPU providers are bundled in the package itself).
export ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL:-skip}"
npm ci --no-audit --no-fund
npm run build

if [ -f scripts/setup-e2e.sh ]; then bash scripts/setup-e2e.sh; fi
