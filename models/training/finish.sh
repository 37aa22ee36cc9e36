#!/usr/bin/env bash
# Export the main run's final checkpoint to models/electra-feedback/ (the CLI's default model path):
# model card (numbers from the run), ONNX discriminator + generator, parity.json, manifest.json (written last),
# then check the folder with onnxruntime-node. Run from anywhere once training has ended.
#   RUN=~/.cache/electra-feedback/runs/minilm-main CANDIDATES=minilm-main,scratch-4l models/training/finish.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
RUN=${RUN:-$HOME/.cache/electra-feedback/runs/minilm-main}
CANDIDATES=${CANDIDATES:-minilm-main,scratch-4l}
OUT=${OUT:-models/electra-feedback}
if [ -f "$RUN/train.pid" ] && kill -0 "$(cat "$RUN/train.pid")" 2>/dev/null; then
  echo "warning: training (pid $(cat "$RUN/train.pid")) is still running; exporting its latest checkpoint" >&2
fi
CK="$RUN/final.pt"
[ -f "$CK" ] || { CK="$RUN/ckpt.pt"; echo "note: no final.pt, using $CK" >&2; }
# NO_EXPORT=1 keeps the exported folder and only re-measures it and rewrites its card (after a change
# of the checking pipeline, e.g. the homophone check: the card's numbers are the pipeline's).
if [ -z "${NO_EXPORT:-}" ]; then
  "$PY" models/training/model_card.py --run-dir "$RUN" --checkpoint "$CK" --out "$RUN/MODEL_CARD.md" --candidates "$CANDIDATES" ${NOTE:+--note "$NOTE"}
  # NO_GENERATOR=1 leaves out generator/ (saves ~32 MB)
  "$PY" models/training/export.py --checkpoint "$CK" --out "$OUT" --model-card "$RUN/MODEL_CARD.md" --verify --int8-weights ${NO_GENERATOR:+--no-generator}
fi
# The card's quality numbers come from the exported folder, through the TypeScript pipeline users run
# (npm run eval); then the card is rewritten with them and the manifest written again, last.
if [ -z "${NO_EVAL:-}" ]; then
  npm run --silent eval -- --model "$OUT" --json "$RUN/eval.json" > "$RUN/eval.md"
  "$PY" models/training/model_card.py --run-dir "$RUN" --checkpoint "$CK" --out "$OUT/MODEL_CARD.md" --extra "$RUN/eval.md" --candidates "$CANDIDATES" ${NOTE:+--note "$NOTE"}
  "$PY" -c 'import sys; sys.path.insert(0, "models/training"); from export import write_manifest; write_manifest(sys.argv[1])' "$OUT"
fi
du -sh "$OUT"
echo "done: $OUT"
