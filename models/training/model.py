"""ELECTRA generator + discriminator in plain PyTorch.

Module and parameter names match Hugging Face transformers' ``ElectraForPreTraining``
and ``ElectraForMaskedLM`` state_dict keys, and the math is the same (post-LN BERT
layers, erf GELU, layer_norm_eps 1e-12), so official google/electra-* checkpoints load
with ``load_state_dict`` and our exports have HF semantics.
"""
import math
from dataclasses import dataclass, asdict, fields

import torch
import torch.nn as nn
import torch.nn.functional as F

_HAS_SDPA = hasattr(F, "scaled_dot_product_attention")


@dataclass
class ElectraConfig:
    vocab_size: int = 30522
    embedding_size: int = 128
    hidden_size: int = 256
    num_hidden_layers: int = 12
    num_attention_heads: int = 4
    intermediate_size: int = 1024
    max_position_embeddings: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    hidden_act: str = "gelu"
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    initializer_range: float = 0.02
    pad_token_id: int = 0

    @classmethod
    def from_dict(cls, d):
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    def to_hf_dict(self, architecture="ElectraForPreTraining"):
        d = asdict(self)
        d.update({"model_type": "electra", "architectures": [architecture],
                  "position_embedding_type": "absolute"})
        return d


def gelu(x):  # exact (erf) GELU, as HF "gelu"
    return F.gelu(x)


class ElectraEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.embedding_size, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.embedding_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.embedding_size)
        self.LayerNorm = nn.LayerNorm(c.embedding_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, input_ids, token_type_ids=None):
        seq = input_ids.shape[1]
        pos = torch.arange(seq, device=input_ids.device).unsqueeze(0)
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        x = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids) + self.position_embeddings(pos)
        return self.dropout(self.LayerNorm(x))


class ElectraSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.num_heads = c.num_attention_heads
        self.head_dim = c.hidden_size // c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)
        self.dropout = nn.Dropout(c.attention_probs_dropout_prob)
        self.p = c.attention_probs_dropout_prob
        self.use_sdpa = _HAS_SDPA

    def _split(self, x):
        b, s, _ = x.shape
        return x.view(b, s, self.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, h, mask_add):
        q, k, v = self._split(self.query(h)), self._split(self.key(h)), self._split(self.value(h))
        if self.use_sdpa and not torch.jit.is_tracing() and not torch.onnx.is_in_onnx_export():
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask_add.to(q.dtype),
                                                 dropout_p=self.p if self.training else 0.0)
        else:
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
            scores = scores + mask_add.to(scores.dtype)
            probs = self.dropout(torch.softmax(scores, dim=-1))
            ctx = torch.matmul(probs, v)
        b, _, s, _ = ctx.shape
        return ctx.transpose(1, 2).reshape(b, s, self.num_heads * self.head_dim)


class ElectraSelfOutput(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, x, inp):
        return self.LayerNorm(self.dropout(self.dense(x)) + inp)


class ElectraAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = ElectraSelfAttention(c)
        self.output = ElectraSelfOutput(c)

    def forward(self, h, mask_add):
        return self.output(self.self(h, mask_add), h)


class ElectraIntermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)

    def forward(self, x):
        return gelu(self.dense(x))


class ElectraOutput(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.intermediate_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, x, inp):
        return self.LayerNorm(self.dropout(self.dense(x)) + inp)


class ElectraLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = ElectraAttention(c)
        self.intermediate = ElectraIntermediate(c)
        self.output = ElectraOutput(c)

    def forward(self, h, mask_add):
        a = self.attention(h, mask_add)
        return self.output(self.intermediate(a), a)


class ElectraEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList([ElectraLayer(c) for _ in range(c.num_hidden_layers)])

    def forward(self, h, mask_add):
        for layer in self.layer:
            h = layer(h, mask_add)
        return h


class ElectraModel(nn.Module):
    def __init__(self, c, embeddings=None):
        super().__init__()
        self.config = c
        self.embeddings = embeddings if embeddings is not None else ElectraEmbeddings(c)
        if c.embedding_size != c.hidden_size:
            self.embeddings_project = nn.Linear(c.embedding_size, c.hidden_size)
        self.encoder = ElectraEncoder(c)

    def forward(self, input_ids, attention_mask=None, token_type_ids=None):
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        h = self.embeddings(input_ids, token_type_ids)
        if hasattr(self, "embeddings_project"):
            h = self.embeddings_project(h)
        # [b,1,1,s] additive mask, HF semantics (finfo.min on masked keys)
        mask_add = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
        return self.encoder(h, mask_add)


def _init_weights(module, std):
    if isinstance(module, nn.Linear):
        module.weight.data.normal_(0.0, std)
        if module.bias is not None:
            module.bias.data.zero_()
    elif isinstance(module, nn.Embedding):
        module.weight.data.normal_(0.0, std)
        if module.padding_idx is not None:
            module.weight.data[module.padding_idx].zero_()
    elif isinstance(module, nn.LayerNorm):
        module.bias.data.zero_()
        module.weight.data.fill_(1.0)


class ElectraDiscriminatorPredictions(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.dense_prediction = nn.Linear(c.hidden_size, 1)

    def forward(self, h):
        return self.dense_prediction(gelu(self.dense(h))).squeeze(-1)


class ElectraForPreTraining(nn.Module):
    """Discriminator. forward -> logits [batch, seq] (positive = replaced)."""

    def __init__(self, c, embeddings=None):
        super().__init__()
        self.config = c
        self.electra = ElectraModel(c, embeddings)
        self.discriminator_predictions = ElectraDiscriminatorPredictions(c)
        self.apply(lambda m: _init_weights(m, c.initializer_range))

    def forward(self, input_ids, attention_mask=None, token_type_ids=None):
        return self.discriminator_predictions(self.electra(input_ids, attention_mask, token_type_ids))


class ElectraGeneratorPredictions(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.LayerNorm = nn.LayerNorm(c.embedding_size, eps=c.layer_norm_eps)
        self.dense = nn.Linear(c.hidden_size, c.embedding_size)

    def forward(self, h):
        return self.LayerNorm(gelu(self.dense(h)))


class ElectraForMaskedLM(nn.Module):
    """Generator. The lm head is tied to the word embeddings."""

    def __init__(self, c, embeddings=None):
        super().__init__()
        self.config = c
        self.electra = ElectraModel(c, embeddings)
        self.generator_predictions = ElectraGeneratorPredictions(c)
        self.generator_lm_head = nn.Linear(c.embedding_size, c.vocab_size)
        if embeddings is None:
            self.apply(lambda m: _init_weights(m, c.initializer_range))
        else:  # don't re-initialise the shared embeddings
            for name, m in self.named_modules():
                if name != "electra.embeddings" and not name.startswith("electra.embeddings."):  # not embeddings_project
                    _init_weights(m, c.initializer_range)
        self.tie_weights()

    def tie_weights(self):
        self.generator_lm_head.weight = self.electra.embeddings.word_embeddings.weight

    def hidden(self, input_ids, attention_mask=None, token_type_ids=None):
        """Pre-projection features [b, s, embedding_size]."""
        return self.generator_predictions(self.electra(input_ids, attention_mask, token_type_ids))

    def forward(self, input_ids, attention_mask=None, token_type_ids=None):
        return self.generator_lm_head(self.hidden(input_ids, attention_mask, token_type_ids))


def clean_hf_state_dict(sd):
    """Drop buffers HF stores that we compute on the fly (position_ids etc)."""
    return {k: v for k, v in sd.items() if not k.endswith("position_ids") and not k.endswith("token_type_ids")}


def count_params(m):
    seen, n = set(), 0
    for p in m.parameters():
        if id(p) not in seen:
            seen.add(id(p))
            n += p.numel()
    return n
