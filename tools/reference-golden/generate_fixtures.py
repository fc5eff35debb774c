#!/usr/bin/env python3
"""Golden fixtures for Smoothie.Models' reference-compatible denoiser, produced by the authors' own model code.

Runs `model/score_estimator.py` of https://github.com/ashaba1in/smoothie (unmodified, from a checkout given with
--authors-repo) on PyTorch, with the transformers 4.37 stand-in next to this script, for five small configurations, and
writes per configuration:

  state_dict.pt          torch.save(model.state_dict())                 -- a bare state dict
  trainer_checkpoint.pth the authors' trainer checkpoint layout: {"model", "ema": {"decay", "num_updates",
                         "shadow_params"}, "optimizer", "scheduler", "scaler", "step", "encoder"} after a few AdamW steps
                         (their ExponentialMovingAverage, utils/ema_model.py), so model and EMA weights differ
  io.pt                  inputs (x_t, time_t, cond_ids, cond_mask, embeddings, x_0_self_cond) and outputs with the
                         model weights (out_model) and with the EMA weights (out_ema); the batch has source padding
  config.json            the configuration and the authors' parameter order (model.named_parameters())

Not part of CI: the fixtures are committed. Needs PyTorch (Debian 12: `apt-get install python3-torch`) and numpy.
Usage: python3 generate_fixtures.py --authors-repo /path/to/smoothie --out tests/Smoothie.Models.Tests/Fixtures/Reference \
           --not-state-dicts tests/Smoothie.Models.Tests/Fixtures/NotStateDicts
"""
import argparse
import copy
import json
import os
import sys
from types import SimpleNamespace

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = {
    # name: (condition_type or None, use_self_cond, predict_tokens)
    "cross-attention": ("cross-attention", False, False),
    "concatenation": ("concatenation", False, False),
    "self-conditioning": ("cross-attention", True, False),
    "token-head": ("cross-attention", False, True),
    "unconditional": (None, False, False),
}

HIDDEN, HEADS, INTERMEDIATE, LAYERS = 16, 2, 32, 2
VOCAB, MAX_TARGET, MAX_SOURCE = 30, 5, 6
SOURCE_LENGTHS = [6, 3, 1]  # real tokens per row: rows 2 and 3 are padded


def se_config(condition_type, use_self_cond, predict_tokens):
    return SimpleNamespace(
        hidden_size=HIDDEN, num_attention_heads=HEADS, intermediate_size=INTERMEDIATE, num_hidden_layers=LAYERS,
        hidden_act="gelu", hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1, layer_norm_eps=1e-5,
        position_embedding_type="absolute", chunk_size_feed_forward=0, model_type="bert",
        is_conditional=condition_type is not None, condition_type=condition_type or "cross-attention",
        condition_encoder="transformer", use_self_cond=use_self_cond, self_cond_type="default",
        predict_tokens=predict_tokens, vocab_size=VOCAB, max_sequence_len=MAX_TARGET, max_context_len=MAX_SOURCE,
        sigma_min=1.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--authors-repo", required=True, help="a checkout of ashaba1in/smoothie")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--not-state-dicts", help="also write torch.save files that are not state dicts to this folder")
    args = parser.parse_args()

    sys.path.insert(0, os.path.join(HERE, "transformers_standin"))
    sys.path.insert(1, os.path.abspath(args.authors_repo))
    import torch
    from model.score_estimator import ScoreEstimatorEMB
    from utils.ema_model import ExponentialMovingAverage

    torch.manual_seed(args.seed)
    for name, (condition_type, use_self_cond, predict_tokens) in CASES.items():
        config = se_config(condition_type, use_self_cond, predict_tokens)
        model = ScoreEstimatorEMB(copy.deepcopy(config))
        ema = ExponentialMovingAverage(model.parameters(), 0.9999)
        optimizer = torch.optim.AdamW(model.parameters(), lr=3e-2, betas=(0.9, 0.98), eps=1e-6, weight_decay=0.01)
        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, (step + 1) / 10))
        scaler = torch.cuda.amp.GradScaler(enabled=False)

        batch = len(SOURCE_LENGTHS)
        embeddings = torch.randn(VOCAB, HIDDEN)
        cond_ids = torch.zeros(batch, MAX_SOURCE, dtype=torch.long)  # 0 = [PAD]
        cond_mask = torch.zeros(batch, MAX_SOURCE, dtype=torch.long)
        for row, length in enumerate(SOURCE_LENGTHS):
            cond_ids[row, :length] = torch.randint(1, VOCAB, (length,))
            cond_mask[row, :length] = 1
        x_t = torch.randn(batch, MAX_TARGET, HIDDEN)
        time_t = torch.rand(batch)
        x_0_self_cond = torch.randn(batch, MAX_TARGET, HIDDEN) if use_self_cond else None

        def forward():
            kwargs = dict(x_t=x_t, time_t=time_t, x_0_self_cond=x_0_self_cond)
            if config.is_conditional:
                kwargs.update(cond=embeddings[cond_ids], cond_mask=cond_mask)
            return model(**kwargs)

        # A few training steps so that the weights (and the EMA) are not an initialisation.
        model.train()
        for step in range(3):
            optimizer.zero_grad()
            forward().pow(2).mean().backward()
            optimizer.step()
            scheduler.step()
            ema.update(model.parameters())

        model.eval()
        with torch.no_grad():
            out_model = forward()
            ema.store(model.parameters())
            ema.copy_to(model.parameters())
            out_ema = forward()
            ema.restore(model.parameters())

        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        torch.save(model.state_dict(), os.path.join(folder, "state_dict.pt"))
        torch.save({
            "model": model.state_dict(),
            "ema": ema.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "scaler": scaler.state_dict(),
            "step": 3,
            "encoder": {"embeddings": embeddings.clone()},
        }, os.path.join(folder, "trainer_checkpoint.pth"))
        io = {"x_t": x_t, "time_t": time_t, "embeddings": embeddings, "out_model": out_model, "out_ema": out_ema}
        if config.is_conditional:
            io.update(cond_ids=cond_ids, cond_mask=cond_mask)
        if use_self_cond:
            io["x_0_self_cond"] = x_0_self_cond
        torch.save(io, os.path.join(folder, "io.pt"))
        description = {
            "hidden_size": HIDDEN, "num_attention_heads": HEADS, "intermediate_size": INTERMEDIATE,
            "num_hidden_layers": LAYERS, "layer_norm_eps": 1e-5, "vocab_size": VOCAB,
            "max_sequence_len": MAX_TARGET, "max_context_len": MAX_SOURCE,
            "is_conditional": config.is_conditional, "condition_type": condition_type,
            "use_self_cond": use_self_cond, "predict_tokens": predict_tokens,
            "parameter_order": [n for n, p in model.named_parameters() if p.requires_grad],
            "state_dict_keys": list(model.state_dict().keys()),
            "max_abs_model_minus_ema": (out_model - out_ema).abs().max().item(),
            "torch_version": torch.__version__,
        }
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(description, f, indent=1)
        print(f"{name}: {len(description['state_dict_keys'])} tensors, |out_model - out_ema|max "
              f"{description['max_abs_model_minus_ema']:.4f}, output {tuple(out_model.shape)}")

    # torch.save files that are not state dicts, for the reader's error messages.
    if args.not_state_dicts:
        os.makedirs(args.not_state_dicts, exist_ok=True)
        torch.save([torch.zeros(2)], os.path.join(args.not_state_dicts, "list.pt"))
        torch.save(torch.nn.Linear(2, 2), os.path.join(args.not_state_dicts, "whole_module.pt"))
        torch.save({"step": 3, "name": "x"}, os.path.join(args.not_state_dicts, "no_tensors.pt"))


if __name__ == "__main__":
    main()
