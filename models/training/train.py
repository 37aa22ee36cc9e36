#!/usr/bin/env python3
"""ELECTRA pre-training (generator + discriminator, replaced-token detection) in plain PyTorch.

  /usr/bin/python3 models/training/train.py --config models/training/configs/cpu.json \
      --run-dir models/training/.work/runs/main --max-minutes 90
  ... --resume                      # continue from <run-dir>/ckpt.pt (model, optimizer, step, rng, elapsed)
  ... --set lr=1e-3 --set seq_len=64 # override config fields (nested: --set disc.num_hidden_layers=4)

Objective (Clark et al. 2020): dynamic masking of mask_prob of the tokens, generator MLM loss on the masked
positions (vocabulary projection computed only there), replacements sampled from the generator softmax
(no gradient through sampling; a sample equal to the original counts as original), discriminator binary
loss on every non-pad token, total = MLM + disc_weight * disc. Generator and discriminator share the
embeddings module; the generator output layer is tied to the word embeddings. AdamW (no decay on bias and
LayerNorm), linear warm-up then linear decay to 0 at the end of the wall-clock budget (--max-minutes).
Optional curriculum: with probability unigram_mix (decaying linearly to 0 at unigram_mix_until * budget) a
masked position's replacement is drawn from the corpus unigram distribution instead of the generator.
"""
import argparse
import contextlib
import copy
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import ElectraConfig, ElectraForPreTraining, ElectraForMaskedLM, count_params  # noqa: E402
from dev_eval import auc  # noqa: E402

from special_tokens import CLS, MASK, PAD, SEP, UNK  # noqa: E402

# The config schema: every key a config may set, its default, and what it means. An unknown key is an error
# (load_config), so a typo cannot silently train with a default (nanoGPT's configurator, ELECTRA's update()).
DEFAULTS = {
    "name": "",                  # the run's name (model card, logs)
    "history": [],               # earlier stages of a continued model, as sentences for the model card
    "disc": {}, "gen": {},       # ElectraConfig fields of the discriminator and the generator (model.py)
    "seq_len": 128,              # tokens per row, [CLS] and [SEP] included: the longest window the checker scores in
    "seq_len_schedule": None,    # [[fraction of the run, seq_len], ...]: rows grow during the run (tokens per batch fixed)
    "batch_size": 32,            # rows per step at seq_len (clean and learner rows together)
    "lr": 5e-4,                  # peak learning rate (linear warm-up, linear decay to 0 at max_steps)
    "warmup_steps": 1000,
    "head_lr_mult": 1.0,         # with init_from: fresh heads learn at this multiple of lr
    "weight_decay": 0.01,        # AdamW, not on biases and LayerNorm
    "adam_eps": 1e-6,
    "max_grad_norm": 1.0,
    "mask_prob": 0.15,           # share of clean tokens masked for the generator
    "disc_weight": 50.0,         # lambda of the paper: loss = MLM + disc_weight * replaced-token detection
    "gen_temperature": 1.0,      # sampling temperature of the generator's replacements
    "unigram_mix": 0.0,          # share of replacements drawn from corpus unigrams instead of the generator...
    "unigram_mix_until": 0.3,    # ...decaying to 0 at this share of the run
    "max_minutes": 60.0,         # wall-clock budget: fixes max_steps from the first 20 steps' speed
    "max_steps": 0,              # steps of the run (0: from max_minutes)
    "eval_minutes": 5.0,         # minutes between dev evaluations
    "ckpt_minutes": 10.0,        # minutes between resumable checkpoints
    "log_every": 50,             # steps between training log lines
    "seed": 42,
    "threads": 0,                # CPU threads (0: all)
    "bf16": "auto",              # bf16 autocast: "auto" where CUDA or oneDNN bf16 kernels exist, true/false to force
    "data_dir": os.path.join(HERE, ".work", "data"),  # prepare_corpus.py's output
    "eval_windows": 64,          # dev windows of the generator-replacement AUC
    "eval_word_paras": 300,      # dev paragraphs of the word-replacement AUC
    "eval_learner_rows": 600,    # learner dev rows of the learner AUC and F0.5
    "eval_fce": True,            # FCE dev word F0.5 while training (dev_eval.py; research data, read only)
    "init_from": None,           # "minilm": a pretrained encoder (pretrained.py)
    "init_embeddings": None,     # a .npy of word-piece vectors (ppmi_embeddings.py)
    "init_checkpoint": None,     # continued training: an earlier run's final.pt (from_onnx.py makes one from a model folder)
    "learner_data": None,        # learner_errors.py's NAME_train.npz (rows with their own labels)
    "learner_fraction": 0.0,     # share of each batch's rows taken from learner_data
}


def set_nested(cfg, key, value):
    try:
        value = json.loads(value)
    except json.JSONDecodeError:
        pass
    parts = key.split(".")
    d = cfg
    for p in parts[:-1]:
        d = d.setdefault(p, {})
    d[parts[-1]] = value


class Stream:
    """Non-overlapping windows of a token stream in a seeded random order; [CLS] w [SEP]."""

    def __init__(self, ids, seq_len, seed):
        self.ids, self.w = ids, seq_len - 2
        self.n = len(ids) // self.w
        self.seed, self.epoch, self.cursor = seed, 0, 0
        self._perm()

    def _perm(self):
        self.perm = np.random.default_rng(self.seed + self.epoch).permutation(self.n)

    def state(self):
        return {"epoch": self.epoch, "cursor": self.cursor, "w": self.w}

    def load(self, st):
        if st and st.get("w") == self.w:
            self.epoch, self.cursor = st["epoch"], st["cursor"]
            self._perm()

    def batch(self, b):
        out = np.empty((b, self.w + 2), dtype=np.int64)
        out[:, 0], out[:, -1] = CLS, SEP
        for i in range(b):
            if self.cursor >= self.n:
                self.epoch, self.cursor = self.epoch + 1, 0
                self._perm()
            k = self.perm[self.cursor]
            self.cursor += 1
            out[i, 1:-1] = self.ids[k * self.w:(k + 1) * self.w]
        return torch.from_numpy(out)


def bf16_wanted(setting, device):
    """'auto': bf16 autocast where the hardware runs it fast (CUDA; a CPU whose oneDNN has bf16 kernels, e.g.
    avx512_bf16/AMX). On a CPU without them (AVX2 only) bf16 matrix products are ~100x slower than fp32."""
    if setting != "auto":
        return bool(setting)
    if device.type == "cuda":
        return True
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


class Rows:
    """Pre-made labelled rows (learner_errors.py: ids uint16 [n, L], labels int8, -1 = padding) in a seeded order."""

    def __init__(self, path, seed):
        d = np.load(path)
        self.ids, self.labels = d["ids"], d["labels"]
        self.stream = Stream(np.arange(len(self.ids)), 3, seed)  # windows of one row index

    def state(self):
        return self.stream.state()

    def load(self, st):
        self.stream.load(st)

    def batch(self, b, seq_len):
        rows = self.stream.batch(b)[:, 1].numpy()
        ids = torch.from_numpy(self.ids[rows, :seq_len].astype(np.int64))
        lab = torch.from_numpy(self.labels[rows, :seq_len].astype(np.int64))
        return ids, lab


def mask_positions(ids, prob, gen=None):
    special = (ids == CLS) | (ids == SEP) | (ids == PAD)
    r = torch.rand(ids.shape, generator=gen, device=ids.device) if gen is not None else torch.rand(ids.shape, device=ids.device)
    m = (r < prob) & ~special
    # make sure every sequence has at least one masked token
    none = ~m.any(1)
    if none.any():
        first = torch.ones_like(ids[none], dtype=torch.bool) & ~special[none]
        idx = first.float().argmax(1)
        m[none.nonzero().squeeze(1), idx] = True
    return m


class Trainer:
    def __init__(self, cfg, run_dir, device):
        self.cfg, self.run_dir, self.device = cfg, run_dir, device
        torch.manual_seed(cfg["seed"])
        dcfg = ElectraConfig.from_dict({**cfg["disc"]})
        gcfg = ElectraConfig.from_dict({**cfg["gen"]})
        assert dcfg.embedding_size == gcfg.embedding_size and dcfg.vocab_size == gcfg.vocab_size
        self.dcfg, self.gcfg = dcfg, gcfg
        self.disc = ElectraForPreTraining(dcfg).to(device)
        self.gen = ElectraForMaskedLM(gcfg, self.disc.electra.embeddings).to(device)
        self.gen.tie_weights()
        if cfg.get("init_from"):  # a pretrained encoder (pretrained.py), measured against scratch in the card
            from pretrained import init_from_pretrained
            print(f"initialised {init_from_pretrained(self.disc, self.gen, cfg['init_from'])} tensors from {cfg['init_from']}", flush=True)
        if cfg.get("init_embeddings"):
            # Word-piece vectors from corpus co-occurrence (ppmi_embeddings.py): a CPU budget of a few
            # million tokens cannot learn 30k embeddings from scratch, and the discriminator needs
            # word similarity before it can judge context.
            init = torch.from_numpy(np.load(cfg["init_embeddings"])).float()
            with torch.no_grad():
                self.disc.electra.embeddings.word_embeddings.weight.copy_(init)
        with torch.no_grad():  # start the discriminator at the prior replaced rate
            p = cfg["mask_prob"] * 0.85
            self.disc.discriminator_predictions.dense_prediction.bias.fill_(math.log(p / (1 - p)))
        if cfg.get("init_checkpoint"):
            # Continued training: the weights of an earlier run (its final.pt), a fresh schedule and
            # data order of this config. The optimizer state is not carried over.
            ck = torch.load(os.path.expanduser(cfg["init_checkpoint"]), map_location=device, weights_only=False)  # our own file
            self.disc.load_state_dict(ck["disc"])
            self.gen.load_state_dict(ck["gen"])
            self.gen.tie_weights()
            print(f"continued from {cfg['init_checkpoint']} (step {ck['step']}, {ck.get('tokens_seen', 0)} tokens)", flush=True)
        params, seen = [], set()
        for n, p in list(self.disc.named_parameters()) + list(self.gen.named_parameters()):
            if id(p) not in seen:
                seen.add(id(p))
                params.append((n, p))
        # fresh heads on a pretrained encoder learn at head_lr_mult x the encoder's rate
        mult = cfg["head_lr_mult"] if cfg["init_from"] else 1.0
        groups = []
        for is_head in (False, True):
            for no_wd in (False, True):
                ps = [p for n, p in params if (("predictions" in n or "lm_head" in n) == is_head)
                      and ((n.endswith("bias") or "LayerNorm" in n) == no_wd)]
                if ps:
                    groups.append({"params": ps, "weight_decay": 0.0 if no_wd else cfg["weight_decay"],
                                   "lr_mult": mult if is_head else 1.0})
        self.opt = torch.optim.AdamW(groups,
                                     lr=cfg["lr"], betas=(0.9, 0.999), eps=cfg["adam_eps"],
                                     **({"foreach": True} if "foreach" in torch.optim.AdamW.__init__.__code__.co_varnames else {}))
        self.step, self.elapsed, self.tokens = 0, 0.0, 0
        self.until_step = 0  # stop early (checkpointed) without changing the schedule: --until-step
        data = cfg["data_dir"]
        self.train_ids = np.load(os.path.join(data, "train.ids.npy"), mmap_mode="r")
        self.cur_seq = self.seq_len_at()
        self.stream = Stream(self.train_ids, self.cur_seq, cfg["seed"] + (self.cur_seq if cfg.get("seq_len_schedule") else 0))
        uni_path = os.path.join(data, "unigram_tokens.npy")
        uni = np.load(uni_path).astype(np.float64) if os.path.exists(uni_path) else np.ones(dcfg.vocab_size)
        uni[[PAD, CLS, SEP, MASK, UNK]] = 0
        self.unigram = torch.tensor(uni / uni.sum(), dtype=torch.float32, device=device)
        self.dev_ids = np.load(os.path.join(data, "dev.ids.npy"), mmap_mode="r") if os.path.exists(
            os.path.join(data, "dev.ids.npy")) else None
        wpath = os.path.join(data, "dev_words.npz")
        self.dev_words = np.load(wpath) if os.path.exists(wpath) else None
        self.use_bf16 = bf16_wanted(cfg.get("bf16", "auto"), device)
        self.learner = None
        if cfg.get("learner_data") and cfg.get("learner_fraction", 0) > 0:
            self.learner = Rows(cfg["learner_data"], cfg["seed"] + 7)
            dev_path = cfg["learner_data"].replace("_train.npz", "_dev.npz")
            self.learner_dev = np.load(dev_path) if os.path.exists(dev_path) else None
        self.fce = None
        if cfg.get("eval_fce"):
            try:
                from dev_eval import FceDev
                from learner_errors import load_tokenizer
                self.fce = FceDev(load_tokenizer())
            except (FileNotFoundError, ImportError) as e:
                print(f"no FCE dev measure: {e}", flush=True)
        self.log_f = open(os.path.join(run_dir, "metrics.jsonl"), "a")
        self.best = {}

    def amp(self):
        if self.use_bf16:  # fp32 master weights, bf16 matrix products (CPU: avx512_bf16; CUDA)
            return torch.autocast(self.device.type, dtype=torch.bfloat16)
        return contextlib.nullcontext()

    # ------------------------------------------------------------ core objective
    def forward(self, ids, mask_gen=None, sample_gen=None, unigram_mix=0.0, learner=None):
        """The ELECTRA objective on `ids` (clean rows); `learner` = (ids, labels) rows whose errors are made by
        learner_errors.py join the discriminator's batch with their own labels (no generator loss on them)."""
        cfg = self.cfg
        attn = (ids != PAD).long()
        m = mask_positions(ids, cfg["mask_prob"], mask_gen)
        gen_in = ids.masked_fill(m, MASK)
        with self.amp():
            h = self.gen.hidden(gen_in, attn)
            logits_m = self.gen.generator_lm_head(h[m]).float()  # only masked positions
        targets = ids[m]
        mlm = F.cross_entropy(logits_m, targets)
        with torch.no_grad():
            probs = torch.softmax(logits_m.detach() / cfg["gen_temperature"], -1)
            if unigram_mix > 0:
                use_uni = torch.rand(len(targets), device=ids.device, generator=sample_gen) < unigram_mix
                probs = torch.where(use_uni[:, None], self.unigram[None, :].expand_as(probs), probs)
            sampled = torch.multinomial(probs, 1, generator=sample_gen).squeeze(1)
            disc_in = ids.clone()
            disc_in[m] = sampled
            labels = (disc_in != ids).float()
        if learner is not None:
            l_ids, l_lab = learner
            disc_in = torch.cat([disc_in, l_ids.to(ids.device)])
            attn = torch.cat([attn, (l_ids != PAD).long().to(ids.device)])
            labels = torch.cat([labels, l_lab.clamp(min=0).float().to(ids.device)])
        with self.amp():
            dlogits = self.disc(disc_in, attn).float()
        valid = attn.bool()
        dl = F.binary_cross_entropy_with_logits(dlogits[valid], labels[valid])
        loss = mlm + cfg["disc_weight"] * dl
        with torch.no_grad():
            pred = dlogits[valid] > 0
            lab = labels[valid].bool()
            st = {"gen_acc": (logits_m.argmax(-1) == targets).float().mean().item(),
                  "disc_acc": (pred == lab).float().mean().item(),
                  "tp": (pred & lab).sum().item(), "pp": pred.sum().item(), "ap": lab.sum().item(),
                  "replaced_rate": lab.float().mean().item()}
        return loss, mlm, dl, st, (dlogits, labels, valid)

    def progress(self):
        """Share of the run done, from the step alone (max_steps is fixed before the first step)."""
        return self.step / self.cfg["max_steps"] if self.cfg["max_steps"] else 0.0

    def lr_at(self):
        c = self.cfg
        warm = min(1.0, (self.step + 1) / max(1, c["warmup_steps"]))
        return c["lr"] * warm * max(0.0, 1.0 - self.progress())

    def seq_len_at(self):
        """seq_len_schedule: [[fraction_of_budget, seq_len], ...]; tokens per batch stay batch_size * seq_len."""
        c = self.cfg
        sched = c.get("seq_len_schedule")
        if not sched:
            return c["seq_len"]
        frac = self.progress() if hasattr(self, "step") else 0.0
        cur = sched[0][1]
        for f, L in sched:
            if frac >= f:
                cur = L
        return cur

    def batch_size_now(self):
        return max(1, self.cfg["batch_size"] * self.cfg["seq_len"] // self.cur_seq)

    def unigram_mix_at(self):
        c = self.cfg
        if not c["unigram_mix"]:
            return 0.0
        return c["unigram_mix"] * max(0.0, 1.0 - self.progress() / c["unigram_mix_until"])

    # ------------------------------------------------------------ evaluation
    @torch.no_grad()
    def evaluate(self):
        self.disc.eval(), self.gen.eval()
        out = {}
        if self.dev_ids is not None:
            w = self.cur_seq - 2
            n = min(self.cfg["eval_windows"], len(self.dev_ids) // w)
            starts = np.random.default_rng(7).choice(len(self.dev_ids) // w, n, replace=False) * w
            ids = np.stack([np.concatenate([[CLS], self.dev_ids[s:s + w], [SEP]]) for s in starts]).astype(np.int64)
            ids = torch.from_numpy(ids).to(self.device)
            g1 = torch.Generator(device=self.device).manual_seed(11)
            g2 = torch.Generator(device=self.device).manual_seed(12)
            scores, labels, mlms, accs, reps = [], [], [], [], []
            for i in range(0, n, 32):
                _, mlm, _, st, (dl, lab, valid) = self.forward(ids[i:i + 32], g1, g2)
                inner = valid.clone()
                inner[:, 0] = False
                inner[:, -1] = False
                scores.append(dl[inner].float().cpu().numpy())
                labels.append(lab[inner].cpu().numpy())
                mlms.append(mlm.item())
                accs.append(st["gen_acc"])
            out["dev_auc_gen"] = auc(np.concatenate(scores), np.concatenate(labels))
            out["dev_mlm"] = float(np.mean(mlms))
            out["dev_gen_acc"] = float(np.mean(accs))
        if self.dev_words is not None:
            all_ids = self.dev_words["ids"][:self.cfg["eval_word_paras"]].astype(np.int64)
            all_lab = self.dev_words["labels"][:self.cfg["eval_word_paras"]]
            lens = (all_ids != PAD).sum(1)
            order = np.argsort(lens)
            scores, labels = [], []
            for i in range(0, len(order), 32):
                sel = order[i:i + 32]
                L = min(int(lens[sel].max()), self.cur_seq)
                b = torch.from_numpy(all_ids[sel, :L]).to(self.device)
                with self.amp():
                    s = self.disc(b, (b != PAD).long()).float().cpu().numpy()
                lab = all_lab[sel, :L]
                scores.append(s[lab >= 0])
                labels.append(lab[lab >= 0])
            out["dev_auc_words"] = auc(np.concatenate(scores), np.concatenate(labels))
        if self.learner is not None and self.learner_dev is not None:
            from dev_eval import best_f05
            n = self.cfg["eval_learner_rows"]
            ids_all, lab_all = self.learner_dev["ids"][:n].astype(np.int64), self.learner_dev["labels"][:n]
            scores, labels = [], []
            for i in range(0, len(ids_all), 64):
                b = torch.from_numpy(ids_all[i:i + 64])
                with self.amp():
                    s = self.disc(b.to(self.device), (b != PAD).long().to(self.device)).float().cpu().numpy()
                lab = lab_all[i:i + 64]
                keep = lab >= 0
                keep[:, 0] = False
                scores.append(s[keep])
                labels.append(lab[keep])
            sc, lb = np.concatenate(scores), np.concatenate(labels)
            out["learner_dev_auc"] = auc(sc, lb)
            out["learner_dev_f05"] = best_f05(sc, lb == 1)[0]
        if self.fce is not None:
            out.update(self.fce.run(self.disc, self.amp, self.device))
        self.disc.train(), self.gen.train()
        return out

    # ------------------------------------------------------------ checkpoints
    def save(self, name="ckpt.pt"):
        ck = {"disc_config": vars(self.dcfg), "gen_config": vars(self.gcfg), "disc": self.disc.state_dict(),
              "gen": self.gen.state_dict(), "optimizer": self.opt.state_dict(), "step": self.step,
              "elapsed": self.elapsed, "tokens_seen": self.tokens, "config": self.cfg, "stream": self.stream.state(),
              "learner_stream": self.learner.state() if self.learner is not None else None,
              "rng": {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate(),
                      "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None},
              "best": self.best}
        tmp = os.path.join(self.run_dir, name + ".tmp")
        torch.save(ck, tmp)
        os.replace(tmp, os.path.join(self.run_dir, name))

    def load(self, path):
        ck = torch.load(path, map_location=self.device, weights_only=False)  # our own file: RNG state is pickled
        self.disc.load_state_dict(ck["disc"])
        self.gen.load_state_dict(ck["gen"])
        self.gen.tie_weights()
        self.opt.load_state_dict(ck["optimizer"])
        self.step, self.elapsed, self.tokens = ck["step"], ck["elapsed"], ck.get("tokens_seen", 0)
        self.cur_seq = self.seq_len_at()
        self.stream = Stream(self.train_ids, self.cur_seq, self.cfg["seed"] + (self.cur_seq if self.cfg.get("seq_len_schedule") else 0))
        self.stream.load(ck.get("stream"))
        if self.learner is not None:
            self.learner.load(ck.get("learner_stream"))
        self.best = ck.get("best", {})
        r = ck["rng"]
        torch.set_rng_state(r["torch"].cpu())
        np.random.set_state(r["numpy"])
        random.setstate(r["python"])
        if r.get("cuda") is not None and torch.cuda.is_available():
            torch.cuda.set_rng_state_all([t.cpu() for t in r["cuda"]])

    def log(self, rec):
        rec = {k: (round(v, 5) if isinstance(v, float) else v) for k, v in rec.items()}
        print(json.dumps(rec), flush=True)
        self.log_f.write(json.dumps(rec) + "\n")
        self.log_f.flush()

    # ------------------------------------------------------------ loop
    def train(self):
        c = self.cfg
        budget = 60 * c["max_minutes"]
        t_start, e_start = time.time(), self.elapsed
        last_eval = last_ckpt = self.elapsed
        acc = {"loss": 0.0, "mlm": 0.0, "disc": 0.0, "gen_acc": 0.0, "disc_acc": 0.0, "tp": 0, "pp": 0, "ap": 0,
               "replaced_rate": 0.0, "n": 0}
        t_log, tok_log = time.time(), 0
        self.disc.train(), self.gen.train()
        while True:
            self.elapsed = e_start + time.time() - t_start
            if (c["max_steps"] and self.step >= c["max_steps"]) or (self.until_step and self.step >= self.until_step):
                break
            if not c["max_steps"] and self.step == 20:
                # the time budget fixes the number of steps once, from the measured speed; from here on the
                # schedules are functions of the step (a resumed or repeated run with this max_steps is identical)
                c["max_steps"] = max(21, int(20 * budget / max(1e-6, self.elapsed - e_start)))
                print(f"max_steps -> {c['max_steps']} (budget {budget/60:.0f} min)", flush=True)
            lr = self.lr_at()
            for g in self.opt.param_groups:
                g["lr"] = lr * g.get("lr_mult", 1.0)
            L = self.seq_len_at()
            if L != self.cur_seq:
                self.cur_seq = L
                self.stream = Stream(self.train_ids, L, c["seed"] + L)
                print(f"seq_len -> {L}, batch {self.batch_size_now()}", flush=True)
            b = self.batch_size_now()
            n_learner = round(b * c["learner_fraction"]) if self.learner is not None else 0
            ids = self.stream.batch(b - n_learner).to(self.device)
            learner = self.learner.batch(n_learner, self.cur_seq) if n_learner else None
            loss, mlm, dl, st, _ = self.forward(ids, unigram_mix=self.unigram_mix_at(), learner=learner)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for g in self.opt.param_groups for p in g["params"]], c["max_grad_norm"])
            self.opt.step()
            self.step += 1
            n_tok = ids.numel() + (learner[0].numel() if learner is not None else 0)
            self.tokens += n_tok
            tok_log += n_tok
            acc["loss"] += loss.item(); acc["mlm"] += mlm.item(); acc["disc"] += dl.item(); acc["n"] += 1
            for k in ("gen_acc", "disc_acc", "replaced_rate", "tp", "pp", "ap"):
                acc[k] += st[k]
            if self.step % c["log_every"] == 0:
                n = acc["n"]
                now = time.time()
                self.log({"step": self.step, "min": self.elapsed / 60, "tokens": self.tokens, "lr": lr, "seq": self.cur_seq,
                          "loss": acc["loss"] / n, "mlm": acc["mlm"] / n, "disc_loss": acc["disc"] / n,
                          "gen_acc": acc["gen_acc"] / n, "disc_acc": acc["disc_acc"] / n,
                          "disc_prec": acc["tp"] / max(1, acc["pp"]), "disc_rec": acc["tp"] / max(1, acc["ap"]),
                          "replaced_rate": acc["replaced_rate"] / n, "unigram_mix": self.unigram_mix_at(),
                          "tok_s": tok_log / (now - t_log)})
                acc = {k: 0 if isinstance(v, int) else 0.0 for k, v in acc.items()}
                t_log, tok_log = now, 0
            if self.elapsed - last_eval >= 60 * c["eval_minutes"]:
                last_eval = self.elapsed
                self._eval_and_log()
            if self.elapsed - last_ckpt >= 60 * c["ckpt_minutes"]:
                last_ckpt = self.elapsed
                self.save()
        self.elapsed = e_start + time.time() - t_start
        self._eval_and_log(final=True)
        self.save()
        if self.step >= c["max_steps"]:
            self.save("final.pt")
        print(f"done: {self.step} steps, {self.tokens} tokens, {self.elapsed/60:.1f} min", flush=True)

    def _eval_and_log(self, final=False):
        t = time.time()
        ev = self.evaluate()
        self.best = {"step": self.step, "tokens": self.tokens, **ev}
        self.log({"eval": True, "final": final, "step": self.step, "min": self.elapsed / 60, "tokens": self.tokens,
                  **ev, "eval_s": time.time() - t})


def check_keys(cfg):
    """Raises on a key the schema (DEFAULTS) does not declare: a typo must not train with a default."""
    unknown = sorted(set(cfg) - set(DEFAULTS))
    if unknown:
        raise SystemExit(f"unknown config key(s) {unknown}; the keys are declared in train.py's DEFAULTS")


def load_config(path, sets):
    cfg = copy.deepcopy(DEFAULTS)
    if path:
        with open(path) as f:
            user = json.load(f)
        for k, v in user.items():
            if isinstance(v, dict) and isinstance(cfg.get(k), dict):
                cfg[k].update(v)
            else:
                cfg[k] = v
    for s in sets or []:
        k, v = s.split("=", 1)
        set_nested(cfg, k, v)
    check_keys(cfg)
    return cfg


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config")
    ap.add_argument("--run-dir", required=True)
    ap.add_argument("--max-minutes", type=float)
    ap.add_argument("--max-steps", type=int)
    ap.add_argument("--data-dir")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--until-step", type=int, default=0, help="stop at this step (schedule unchanged; resume later)")
    ap.add_argument("--set", action="append", help="override a config field: key=value (JSON value)")
    a = ap.parse_args(argv)
    os.makedirs(a.run_dir, exist_ok=True)
    ck_path = os.path.join(a.run_dir, "ckpt.pt")
    if a.resume and os.path.exists(ck_path):
        cfg = torch.load(ck_path, map_location="cpu", weights_only=False)["config"]
        for s in a.set or []:
            k, v = s.split("=", 1)
            set_nested(cfg, k, v)
        check_keys(cfg)
    else:
        cfg = load_config(a.config, a.set)
    if a.max_minutes is not None:
        cfg["max_minutes"] = a.max_minutes
    if a.max_steps is not None:
        cfg["max_steps"] = a.max_steps
    if a.data_dir:
        cfg["data_dir"] = a.data_dir
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device.type == "cpu":
        torch.set_num_threads(cfg["threads"] or os.cpu_count() or 1)
    else:
        torch.backends.cuda.matmul.allow_tf32 = True
    with open(os.path.join(a.run_dir, "config.json"), "w") as f:
        json.dump(cfg, f, indent=1)
    tr = Trainer(cfg, a.run_dir, device)
    tr.until_step = a.until_step
    if a.resume and os.path.exists(ck_path):
        tr.load(ck_path)
        print(f"resumed from step {tr.step}, {tr.elapsed/60:.1f} min", flush=True)
    print(json.dumps({"device": str(device), "threads": torch.get_num_threads(),
                      "disc_params": count_params(tr.disc), "gen_params": count_params(tr.gen),
                      "total_params": count_params(torch.nn.ModuleList([tr.disc, tr.gen])),
                      "train_tokens": int(len(tr.train_ids)), "config": cfg}), flush=True)
    tr.train()
    return tr


if __name__ == "__main__":
    main()
