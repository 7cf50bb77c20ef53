#!/usr/bin/python3
"""Turns Fashion-MNIST images into SpikingSSM input sequences and labels.

Each 28x28 image becomes one sequence of 784 steps, one pixel per step, row by row, scaled to
[0, 1] (float32, shape [B, 784, 1]); labels are int64, shape [B]. This is the input the bundled
model was trained on (train.py reads the training set the same way).

usage: /usr/bin/python3 make_inputs.py OUT_FOLDER [--split test|train] [--first N] [--offset K]
  writes OUT_FOLDER/samples.npy and OUT_FOLDER/labels.npy (other names: --samples-file, --labels-file)
  the whole test set:  make_inputs.py data/fmnist-test        (10,000 sequences, 31 MB)
  the bundled slice:   make_inputs.py examples/fmnist-ssm --first 200
  calibration input:   make_inputs.py examples/fmnist-ssm --split train --first 64 --samples-file calibration.npy --labels-file none
needs: apt-get install python3-numpy dataset-fashion-mnist
"""
import argparse
import gzip
import os

import numpy as np

DATA = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def sequences(split, data=DATA):
    """All images of a split as (float32 [B, 784, 1] in [0, 1], int64 [B])."""
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(os.path.join(data, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(data, f"{prefix}-labels-idx1-ubyte.gz"))
    return images.reshape(-1, 784, 1).astype(np.float32) / np.float32(255.0), labels.astype(np.int64)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--split", choices=["test", "train"], default="test")
    ap.add_argument("--first", type=int, default=0, help="only the first N images (after --offset); default all")
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--data", default=DATA, help="folder of the idx files (default: the Debian package's)")
    ap.add_argument("--samples-file", default="samples.npy")
    ap.add_argument("--labels-file", default="labels.npy", help="'none' writes no labels")
    args = ap.parse_args()
    x, y = sequences(args.split, args.data)
    end = len(x) if args.first == 0 else args.offset + args.first
    x, y = x[args.offset:end], y[args.offset:end]
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, args.samples_file), x)
    wrote = f"{args.out}/{args.samples_file} {x.shape}"
    if args.labels_file != "none":
        np.save(os.path.join(args.out, args.labels_file), y)
        wrote += f", {args.out}/{args.labels_file} {y.shape}"
    print(f"wrote {len(x)} sequence(s) of 784 steps: {wrote}")


if __name__ == "__main__":
    main()
