#!/usr/bin/env bash
# One-time set-up on a fresh Debian/Ubuntu machine: system packages the tests need,
# npm dependencies, the build, and the real-VS Code test harness. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# PyTorch (training smoke test, exporter, parity fixture) with a fast BLAS.
missing=()
for p in python3-torch python3-numpy libopenblas0-pthread; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# onnxruntime-node's postinstall downloads CUDA libraries; machines without internet skip it
# (the CPU and WebGPU providers are bundled in the package itself).
export ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL:-skip}"
npm ci --no-audit --no-fund
npm run build

if [ -f scripts/setup-e2e.sh ]; then bash scripts/setup-e2e.sh; fi
