#!/usr/bin/env python3
"""Independent numpy implementation of DESIGN section 5 for the golden test of the bundled example.

It shares no code with Dendra: it parses safetensors itself and computes each S4D layer in the
convolution form of the S4 repository, K[l] = 2 Re sum_n C_n Bbar_n Abar_n^l, y = K * z + D z,
instead of Dendra's recurrence. Minimal kernel, unidirectional, postnorm BatchNorm, as the example.

usage: spikingssm_numpy_reference.py CKPT.safetensors SAMPLES.npy OUT_LOGITS.npy
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4"}


def load_safetensors(path):
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    out = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        begin, end = spec["data_offsets"]
        out[name] = np.frombuffer(data[begin:end], dtype=DTYPES[spec["dtype"]]).reshape(spec["shape"]).astype(np.float64)
    return out


def s4d_conv(p, i, z):
    L, H = z.shape
    dt = np.exp(p[f"model.s4_layers.{i}.kernel.log_dt"])                     # (H,)
    A = -np.exp(p[f"model.s4_layers.{i}.kernel.log_A_real"]) + 1j * p[f"model.s4_layers.{i}.kernel.A_imag"]
    C = p[f"model.s4_layers.{i}.kernel.C"][0]
    C = C[..., 0] + 1j * C[..., 1]                                          # (H, N/2)
    dtA = dt[:, None] * A
    Cbar = C * (np.exp(dtA) - 1.0) / A                                      # C * Bbar with B = 1
    powers = np.exp(dtA[:, :, None] * np.arange(L)[None, None, :])           # Abar^l
    K = 2.0 * np.einsum("hn,hnl->hl", Cbar, powers).real                    # (H, L)
    y = np.empty_like(z)
    for h in range(H):
        y[:, h] = np.convolve(z[:, h], K[h])[:L]
    return y + p[f"model.s4_layers.{i}.D"].reshape(H) * z


def forward(p, u, layers, tau=0.125, threshold=1.0):
    x = u @ p["model.encoder.weight"].T + p["model.encoder.bias"]
    rates = []
    for i in range(layers):
        y = s4d_conv(p, i, x)
        y = y * np.exp(-p[f"model.s4_layers.{i}.ln_vth"].reshape(-1))
        v = np.zeros(x.shape[1])
        spikes = np.zeros_like(x)
        for t in range(x.shape[0]):
            v = tau * v + y[t]
            spikes[t] = v >= threshold
            v = np.where(spikes[t] > 0, 0.0, v)
        rates.append(spikes.mean())
        W = p[f"model.s4_layers.{i}.output_linear.0.weight"][:, :, 0]
        b = p[f"model.s4_layers.{i}.output_linear.0.bias"]
        mixed = spikes @ W.T + b
        H = x.shape[1]
        out = mixed[:, :H] * (1.0 / (1.0 + np.exp(-mixed[:, H:])))
        x = x + out
        n = f"model.norms.{i}."
        x = (x - p[n + "running_mean"]) / np.sqrt(p[n + "running_var"] + 1e-5) * p[n + "weight"] + p[n + "bias"]
    logits = x.mean(axis=0) @ p["model.decoder.weight"].T + p["model.decoder.bias"]
    return logits, rates


def main():
    ckpt, samples, out = sys.argv[1:4]
    p = load_safetensors(ckpt)
    layers = len({k.split(".")[2] for k in p if k.startswith("model.s4_layers.")})
    u = np.load(samples).astype(np.float64)
    results = []
    for b in range(u.shape[0]):
        logits, rates = forward(p, u[b], layers)
        print(f"sample {b}: argmax {int(np.argmax(logits))}, spike rates per layer {[round(r, 4) for r in rates]}")
        results.append(logits)
    np.save(out, np.array(results))


if __name__ == "__main__":
    main()
