#!/usr/bin/env python3
"""Write MODEL_CARD.md for a trained run (numbers from the checkpoint, metrics.jsonl, corpus stats, candidates).

  /usr/bin/python3 models/training/model_card.py --run-dir models/training/.work/runs/main --out MODEL_CARD.md
"""
import argparse
import csv
import glob
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import ElectraConfig, ElectraForPreTraining, ElectraForMaskedLM, count_params  # noqa: E402
from export import DEFAULT_VOCAB  # noqa: E402

CORPUS = os.path.join(os.path.dirname(DEFAULT_VOCAB or "/work/shared/vocab/x"), "..", "corpus")


def evals(run_dir):
    p = os.path.join(run_dir, "metrics.jsonl")
    recs = [json.loads(l) for l in open(p)] if os.path.exists(p) else []
    return [r for r in recs if r.get("eval")], [r for r in recs if "tok_s" in r]


def candidates_table(runs_root):
    rows = ["| candidate | config | tokens/s | tokens seen | minutes | dev AUC (b) generator samples | dev AUC (a) random words by frequency |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for d in sorted(glob.glob(os.path.join(runs_root, "cand-*"))):
        if not os.path.isdir(d):
            continue
        ev, st = evals(d)
        if not ev:
            continue
        cfg = json.load(open(os.path.join(d, "config.json")))
        e = ev[-1]
        tps = sum(r["tok_s"] for r in st) / max(1, len(st))
        desc = (f"disc {cfg['disc']['num_hidden_layers']}L/{cfg['disc']['hidden_size']}, gen {cfg['gen']['num_hidden_layers']}L/"
                f"{cfg['gen']['hidden_size']}, seq {cfg['seq_len']}x{cfg['batch_size']}, lr {cfg['lr']}, warm-up {cfg['warmup_steps']}"
                + (f", unigram mix {cfg['unigram_mix']}->0 by {cfg['unigram_mix_until']:.0%}" if cfg.get("unigram_mix") else "")
                + (", seq curriculum " + "/".join(str(L) for _, L in cfg["seq_len_schedule"]) if cfg.get("seq_len_schedule") else "")
                + (", **PPMI-initialised embeddings**" if cfg.get("init_embeddings") else "")
                + f", {cfg['max_minutes']:g}-min schedule")
        rows.append(f"| {os.path.basename(d)} | {desc} | {tps:.0f} | {e['tokens']:,} | {e['min']:.1f} | "
                    f"{e.get('dev_auc_gen', float('nan')):.3f} | {e.get('dev_auc_words', float('nan')):.3f} |")
    return "\n".join(rows)


def sources():
    out = []
    p = os.path.join(CORPUS, "modern", "SOURCES.tsv")
    if os.path.exists(p):
        seen = {}
        for r in csv.DictReader(open(p), delimiter="\t"):
            f = r["file"]
            s = seen.setdefault(f, {"n": 0, "words": 0, "lic": r["license"], "repos": set()})
            s["n"] += 1
            s["words"] += int(r.get("words") or 0)
            s["repos"].add(r["repo"])
        for f, s in seen.items():
            repos = ", ".join(sorted(s["repos"])[:3]) + (f" and {len(s['repos'])-3} more" if len(s["repos"]) > 3 else "")
            out.append(f"| modern/{f} | {s['words']:,} | {repos} | {s['lic'][:160]} |")
    p = os.path.join(CORPUS, "gutenberg", "MANIFEST.tsv")
    if os.path.exists(p):
        rows = list(csv.DictReader(open(p), delimiter="\t"))
        titles = "; ".join(f"{r['title']} ({r['author']})" for r in rows)
        words = sum(int(r.get("body_words") or 0) for r in rows)
        out.append(f"| gutenberg ({len(rows)} books) | {words:,} | Project Gutenberg: {titles} | public domain |")
    return "\n".join(["| source | words | origin | licence (as recorded in SOURCES.tsv / MANIFEST.tsv) |",
                      "| --- | --- | --- | --- |"] + out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-dir", required=True)
    ap.add_argument("--checkpoint")
    ap.add_argument("--out", required=True)
    ap.add_argument("--extra", help="markdown file appended (e.g. evaluation results)")
    a = ap.parse_args()
    ck_path = a.checkpoint or next(p for p in [os.path.join(a.run_dir, "final.pt"), os.path.join(a.run_dir, "ckpt.pt")]
                                   if os.path.exists(p))
    ck = torch.load(ck_path, map_location="cpu", weights_only=False)  # our own checkpoint
    dc, gc, cfg = ElectraConfig.from_dict(ck["disc_config"]), ElectraConfig.from_dict(ck["gen_config"]), ck["config"]
    disc = ElectraForPreTraining(dc)
    gen = ElectraForMaskedLM(gc)
    ev, st = evals(a.run_dir)
    last = ev[-1] if ev else {}
    tps = [r["tok_s"] for r in st]
    curve = "\n".join(f"| {e['min']:.0f} | {e['step']} | {e['tokens']:,} | {e.get('dev_mlm', float('nan')):.2f} | "
                      f"{e.get('dev_gen_acc', float('nan')):.3f} | {e.get('dev_auc_gen', float('nan')):.3f} | "
                      f"{e.get('dev_auc_words', float('nan')):.3f} |" for e in ev)
    sched = cfg.get("seq_len_schedule")
    if sched:
        seq_desc = "up to " + str(max(L for _, L in sched)) + " tokens, curriculum " + ", ".join(
            f"{L} from {f:.0%}" for f, L in sched) + " of the budget"
        batch_desc = f"{cfg['batch_size'] * cfg['seq_len']:,} tokens per step (batch x sequence length constant)"
    else:
        seq_desc = f"{cfg['seq_len']} tokens"
        batch_desc = f"batch {cfg['batch_size']} x {cfg['seq_len']}"
    data_stats = {}
    sp = os.path.join(cfg.get("data_dir", ""), "stats.json")
    if os.path.exists(sp):
        data_stats = json.load(open(sp))
    md = f"""# electra-feedback: small ELECTRA discriminator (uncased, English)

A replaced-token-detection model (ELECTRA discriminator) trained from scratch for this project. For each
WordPiece token it gives a logit that the token is *out of place* (replaced); the extension and CLI flag words
whose tokens score high. A small generator (masked LM) is included in `generator/` for suggestions.

## Architecture

| | discriminator (`onnx/model.onnx`) | generator (`generator/onnx/model.onnx`) |
| --- | --- | --- |
| layers / hidden / heads / FFN | {dc.num_hidden_layers} / {dc.hidden_size} / {dc.num_attention_heads} / {dc.intermediate_size} | {gc.num_hidden_layers} / {gc.hidden_size} / {gc.num_attention_heads} / {gc.intermediate_size} |
| embedding size (shared) | {dc.embedding_size} | {gc.embedding_size} |
| parameters | {count_params(disc):,} | {count_params(gen):,} (embeddings shared with the discriminator in training) |
| vocabulary | {dc.vocab_size} (BERT/ELECTRA uncased WordPiece) | same |

Post-LN BERT layers, erf GELU, layer_norm_eps 1e-12, absolute positions (max {dc.max_position_embeddings}; trained on
sequences of {seq_desc}). Parameter names follow Hugging Face `ElectraForPreTraining` /
`ElectraForMaskedLM`. ONNX: inputs `input_ids`, `attention_mask`, `token_type_ids` (int64 [batch, sequence]),
output `logits` (float32 [batch, sequence]; > 0 means "replaced"). `parity.json` holds PyTorch reference logits.

## Training

- Objective: ELECTRA (Clark et al., 2020): {cfg['mask_prob']:.0%} dynamic masking, generator MLM loss, replacements
  sampled from the generator softmax, discriminator loss on every token, total = MLM + {cfg['disc_weight']:g} x disc;
  shared embeddings, tied generator output layer{'; the shared word-piece embeddings were initialised from a PPMI co-occurrence matrix (+-2 tokens, SVD to ' + str(dc.embedding_size) + ' dimensions, ppmi_embeddings.py) of the training tokens' if cfg.get('init_embeddings') else ''}{'; curriculum: with probability ' + str(cfg['unigram_mix']) + ' (decaying to 0 at ' + format(cfg['unigram_mix_until'], '.0%') + ' of the budget) a replacement is drawn from the corpus unigram distribution instead of the generator' if cfg.get('unigram_mix') else ''}.
- Optimiser: AdamW (weight decay {cfg['weight_decay']}, none on bias/LayerNorm), peak LR {cfg['lr']}, {cfg['warmup_steps']} warm-up
  steps, linear decay to 0 at the end of a {cfg['max_minutes']:.0f}-minute wall-clock budget; {batch_desc}; dropout {dc.hidden_dropout_prob}.
- Hardware: 2-core CPU (AMD EPYC, shared with other jobs), PyTorch {torch.__version__}, no GPU.
- Trained {ck['elapsed']/60:.0f} minutes, {ck['step']:,} steps, **{ck.get('tokens_seen', 0):,} tokens seen**
  (mean {sum(tps)/max(1,len(tps)):.0f} tokens/s).

### Corpus

{data_stats.get('train_tokens', 0):,} training tokens prepared ({data_stats.get('train_paragraphs', 0):,} paragraphs; the model saw each
token at most about {ck.get('tokens_seen', 0)/max(1, data_stats.get('train_tokens', 1)):.2f} times); dev split {data_stats.get('dev_tokens', 0):,} tokens (1% of documents,
held out by a seeded hash). All Gutenberg books were used; {data_stats.get('modern_fraction', 0):.0%} of the modern-prose documents.
Exact-duplicate paragraphs removed ({data_stats.get('duplicates', 0):,}).

{sources()}

### Choosing the configuration (equal wall time, run side by side, 1 thread each)

Round 1 (A-C): 13-minute schedules, compared at their 6.4-minute evaluation (then stopped, all at AUC (a) ~0.5).
Round 2 (D-F): 6-minute schedules (LR decayed to 0), 1,024 tokens per step. Tokens/s are per process while
three candidates and other jobs shared the 2 cores. G: the first random-init main run (105-minute schedule, so its
LR was still high), stopped after 12 minutes. P: G's configuration with PPMI-initialised embeddings (10-minute
schedule, 1 thread). The "minutes" column is the wall time of the evaluation shown.

{candidates_table(os.path.dirname(os.path.abspath(a.run_dir)))}

AUC (b): discriminator token-level ROC-AUC on dev windows whose 15% masked tokens were replaced by generator
samples. AUC (a): dev paragraphs with 15% of the words replaced by random words drawn by corpus unigram
frequency (mostly frequent function words, so only context can expose them).

## Measured (dev split)

| minute | step | tokens | dev MLM loss | dev generator acc | AUC (b) generator samples | AUC (a) random words |
| --- | --- | --- | --- | --- | --- | --- |
{curve}

## Intended use and limits

- Intended use: highlighting possibly out-of-place words in English prose as writing feedback, locally.
- Uncased: cannot see capitalisation errors. WordPiece: scores are per sub-word token.
- Small and briefly trained on a CPU: far weaker than google/electra-small-discriminator (which the project
  can load with the same exporter); expect many false alarms on rare words, names and numbers.
- Trained on edited prose (encyclopaedia, textbooks, fiction, government writing); learner language, informal
  text, code and non-English text are out of domain. Wikipedia text dominates the modern part.
- Not a grammar checker: it flags tokens that look replaced; it says nothing about missing words.
"""
    if a.extra and os.path.exists(a.extra):
        md += "\n" + open(a.extra).read()
    with open(a.out, "w") as f:
        f.write(md)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
