#!/usr/bin/python3
"""Golden logits for the bundled example: the training code's own forward pass, in float64.

It loads examples/fmnist-ssm/spikingssm.ckpt with torch.load into train.py's model (the official
SpikingSSM architecture, FFT convolution form, post-norm computed and discarded as the official
code does), casts it to float64 and runs it on the first N bundled samples. It shares no code with
Dendra; ExamplesEndToEndTest checks that `dendra reference` on the imported model equals it.

usage: /usr/bin/python3 official_forward.py [N] [OUT.npy]   (needs python3-torch)
"""
import os
import sys

import numpy as np
import torch

EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../fmnist-ssm")
sys.path.insert(0, EXAMPLE)
import train  # noqa: E402  (the example's training code)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "../resources/fmnist-ssm-logits-official.npy")
    ckpt = torch.load(os.path.join(EXAMPLE, "spikingssm.ckpt"), map_location="cpu")
    model = ckpt["hyper_parameters"]["model"]
    net = train.Lightning(model["d_model"], model["layer"]["d_state"], model["n_layers"], model["dropout"])
    net.load_state_dict(ckpt["state_dict"])
    net = net.double().eval()
    x = torch.from_numpy(np.load(os.path.join(EXAMPLE, "samples.npy"))[:n].astype(np.float64))
    with torch.no_grad():
        logits = net(x).numpy()
    np.save(out, logits)
    print(f"wrote {out}: {logits.shape}, classes {logits.argmax(-1).tolist()}")


if __name__ == "__main__":
    main()
