#!/usr/bin/env python3
"""The other direction: a state dict written by Smoothie (.NET) loads strictly into the authors' ScoreEstimatorEMB and
gives the fixture's output.

For each case of the golden fixtures, builds the authors' model (their code, from --authors-repo, with the transformers
4.37 stand-in), loads --checkpoints/<case>.pt with load_state_dict(strict=True), runs the fixture's inputs (io.pt) and
compares with the fixture's output for the weights the file holds (--weights ema|model).

Example (the files come from the CLI, through safetensors and back):
  smoothie convert --from Fixtures/Reference/<case>/trainer_checkpoint.pth --ema --to /tmp/conv/<case>.safetensors
  smoothie convert --from /tmp/conv/<case>.safetensors --to /tmp/conv/<case>.pt
  python3 check_dotnet_checkpoint.py --authors-repo /path/to/smoothie \
      --fixtures tests/Smoothie.Models.Tests/Fixtures/Reference --checkpoints /tmp/conv --weights ema
"""
import argparse
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--authors-repo", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--checkpoints", required=True)
    parser.add_argument("--weights", choices=["ema", "model"], default="ema")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()

    sys.path.insert(0, os.path.join(HERE, "transformers_standin"))
    sys.path.insert(1, os.path.abspath(args.authors_repo))
    import torch
    from generate_fixtures import se_config
    from model.score_estimator import ScoreEstimatorEMB

    failures = 0
    for case in sorted(os.listdir(args.fixtures)):
        with open(os.path.join(args.fixtures, case, "config.json")) as f:
            description = json.load(f)
        config = se_config(description["condition_type"], description["use_self_cond"], description["predict_tokens"])
        model = ScoreEstimatorEMB(copy.deepcopy(config))
        state = torch.load(os.path.join(args.checkpoints, f"{case}.pt"), map_location="cpu")
        model.load_state_dict(state, strict=True)
        model.eval()
        io = torch.load(os.path.join(args.fixtures, case, "io.pt"))
        kwargs = dict(x_t=io["x_t"], time_t=io["time_t"], x_0_self_cond=io.get("x_0_self_cond"))
        if config.is_conditional:
            kwargs.update(cond=io["embeddings"][io["cond_ids"]], cond_mask=io["cond_mask"])
        with torch.no_grad():
            difference = (model(**kwargs) - io[f"out_{args.weights}"]).abs().max().item()
        ok = difference <= args.tolerance
        failures += not ok
        print(f"{case}: loaded strictly ({len(state)} tensors), max |difference| vs the authors' {args.weights} output {difference:.2e} {'ok' if ok else 'FAIL'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
