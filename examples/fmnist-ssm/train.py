#!/usr/bin/python3
"""Train the bundled SpikingSSM on sequential Fashion-MNIST and save it as the official code does.

The architecture is the official one (shenshuaijie/SDN, models/spike/ss4d.py, inside the S4
repository's Lightning module): linear encoder 1 -> H, n_layers x [minimal S4D kernel, division by
exp(ln_vth) (learnable, per channel), LIF soma (tau 0.125, threshold 1, hard reset), tied dropout,
1x1 Conv1d H -> 2H and GLU, residual], post-norm BatchNorm (computed and discarded, as in the
official forward), decoder: mean over time then Linear (SequenceDecoder, mode pool).

Training: the LIF's forward is exact and sequential (no autograd graph, so it is cheap); its
backward is the official code's SLTT neuron (the membrane is detached between steps, so the
gradient of step t flows through step t's surrogate only), which makes the backward one parallel
expression instead of a 784-step loop. Surrogate: the official piecewise-quadratic one.

The checkpoint is a Lightning-style .ckpt written with torch.save: state_dict with the official
names (model.s4_layers.i..., model.norms.i..., encoder.0..., decoder.0.output_transform...),
hyper_parameters as plain values, optimizer and scheduler states.

usage: /usr/bin/python3 train.py [--epochs E] [--d-model H] [--layers L] [--out model.ckpt]
needs: apt-get install python3-torch dataset-fashion-mnist
"""
import argparse
import math
import os
import time
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from make_inputs import sequences


def fashion_mnist(split):
    x, y = sequences(split)  # one pixel per step, row by row, scaled to [0, 1], as make_inputs.py writes them
    return torch.from_numpy(x), torch.from_numpy(y)


class SltTLif(torch.autograd.Function):
    """LIF with tau 0.125, threshold 1, hard reset to 0; spikes where v >= 1 (input (B, H, L))."""

    @staticmethod
    def forward(ctx, x):
        with torch.no_grad():
            v = torch.zeros_like(x[..., 0])
            pre = torch.empty_like(x)
            for t in range(x.size(-1)):
                v = v * 0.125 + x[..., t]
                pre[..., t] = v
                v = torch.where(v >= 1.0, torch.zeros_like(v), v)
        ctx.save_for_backward(pre)
        return (pre >= 1.0).to(x)

    @staticmethod
    def backward(ctx, grad):
        (pre,) = ctx.saved_tensors
        d = (pre - 1.0).abs()
        return grad * (1.0 - d).clamp(min=0.0)


class S4DKernel(nn.Module):
    def __init__(self, h, n, dt_min=0.001, dt_max=0.1):
        super().__init__()
        log_dt = torch.rand(h) * (math.log(dt_max) - math.log(dt_min)) + math.log(dt_min)
        self.C = nn.Parameter(torch.view_as_real(torch.randn(1, h, n // 2, dtype=torch.cfloat)))
        self.log_dt = nn.Parameter(log_dt)
        self.log_A_real = nn.Parameter(torch.log(0.5 * torch.ones(h, n // 2)))
        self.A_imag = nn.Parameter(math.pi * torch.arange(n // 2).float().repeat(h, 1))

    def forward(self, length):
        dt = torch.exp(self.log_dt)
        C = torch.view_as_complex(self.C)
        A = -torch.exp(self.log_A_real) + 1j * self.A_imag
        dtA = A * dt.unsqueeze(-1)
        K = dtA.unsqueeze(-1) * torch.arange(length)
        C = C * (torch.exp(dtA) - 1.0) / A
        return 2 * torch.einsum("chn,hnl->chl", C, torch.exp(K)).real


class SS4D(nn.Module):
    def __init__(self, h, n, dropout):
        super().__init__()
        self.D = nn.Parameter(torch.randn(1, h))
        self.ln_vth = nn.Parameter(torch.zeros(h, 1))
        self.kernel = S4DKernel(h, n)
        self.dropout = dropout
        self.output_linear = nn.Sequential(nn.Conv1d(h, 2 * h, kernel_size=1), nn.GLU(dim=-2))

    def forward(self, u):
        length = u.size(-1)
        k = self.kernel(length)
        nfft = 1 << (2 * length - 1).bit_length()  # a power of two: pocketfft is fastest there
        y = torch.fft.irfft(torch.fft.rfft(u, n=nfft) * torch.fft.rfft(k[0], n=nfft), n=nfft)
        y = y[..., :length] + u * self.D[0].unsqueeze(-1)
        y = y / torch.exp(self.ln_vth)
        s = SltTLif.apply(y)
        if self.training and self.dropout > 0:  # DropoutNd, tied over time
            mask = (torch.rand(s.shape[:2], device=s.device) >= self.dropout).to(s).unsqueeze(-1)
            s = s * mask / (1 - self.dropout)
        return self.output_linear(s)


class SpikingSSM(nn.Module):
    def __init__(self, h, n, layers, dropout):
        super().__init__()
        self.s4_layers = nn.ModuleList([SS4D(h, n, dropout) for _ in range(layers)])
        self.norms = nn.ModuleList([nn.BatchNorm1d(h) for _ in range(layers)])

    def forward(self, x):
        x = x.transpose(-1, -2)
        for layer, norm in zip(self.s4_layers, self.norms):
            z = layer(x)
            x = z + x
            z = norm(z)  # post-norm as in the official forward: computed, then discarded
        return x.transpose(-1, -2)


class SequenceDecoder(nn.Module):
    def __init__(self, h, classes):
        super().__init__()
        self.output_transform = nn.Linear(h, classes)

    def forward(self, x):
        return self.output_transform(x.mean(dim=-2))


class Lightning(nn.Module):
    """The attribute names of the S4 repository's SequenceLightningModule."""

    def __init__(self, h, n, layers, dropout, classes=10):
        super().__init__()
        self.model = SpikingSSM(h, n, layers, dropout)
        self.encoder = nn.Sequential(nn.Linear(1, h))
        self.decoder = nn.Sequential(SequenceDecoder(h, classes))

    def forward(self, x):
        return self.decoder(self.model(self.encoder(x)))


def evaluate(net, x, y, batch):
    net.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            correct += (net(x[i:i + batch]).argmax(-1) == y[i:i + batch]).sum().item()
    net.train()
    return correct / len(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--d-model", type=int, default=64)
    ap.add_argument("--d-state", type=int, default=64)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--ssm-lr", type=float, default=0.001)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1111)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N images only (smoke test)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "spikingssm.ckpt"))
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)

    x_train, y_train = fashion_mnist("train")
    x_test, y_test = fashion_mnist("test")
    if args.limit:
        x_train, y_train = x_train[:args.limit], y_train[:args.limit]
    # 5,000 training images held out for validation (the checkpoint kept is the best on them)
    x_val, y_val = x_train[-5000:], y_train[-5000:]
    x_train, y_train = x_train[:-5000], y_train[:-5000]

    net = Lightning(args.d_model, args.d_state, args.layers, args.dropout)
    ssm = [p for n, p in net.named_parameters() if ".kernel." in n]
    rest = [p for n, p in net.named_parameters() if ".kernel." not in n]
    opt = torch.optim.AdamW([{"params": ssm, "lr": args.ssm_lr, "weight_decay": 0.0},
                             {"params": rest, "lr": args.lr, "weight_decay": 0.01}])
    steps = args.epochs * math.ceil(len(x_train) / args.batch)
    warmup = min(1000, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / max(1, warmup) if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / max(1, steps - warmup))))

    best, best_state, started = -1.0, None, time.time()
    step = 0
    for epoch in range(args.epochs):
        perm = torch.randperm(len(x_train))
        t0, seen, loss_sum = time.time(), 0, 0.0
        for i in range(0, len(x_train), args.batch):
            idx = perm[i:i + args.batch]
            loss = F.cross_entropy(net(x_train[idx]), y_train[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            seen += len(idx)
            loss_sum += loss.item() * len(idx)
            if step % 100 == 0:
                print(f"epoch {epoch} step {step}: loss {loss_sum / seen:.4f}, {seen / (time.time() - t0):.0f} images/s", flush=True)
        val = evaluate(net, x_val, y_val, 500)
        print(f"epoch {epoch}: train loss {loss_sum / seen:.4f}, validation accuracy {val:.4f}, "
              f"{time.time() - t0:.0f} s, {(time.time() - started) / 60:.1f} min in all", flush=True)
        if val > best:
            best, best_state, best_epoch = val, {k: v.clone() for k, v in net.state_dict().items()}, epoch
            save(args, net, opt, sched, best_state, epoch, step, val, time.time() - started)

    net.load_state_dict(best_state)
    test = evaluate(net, x_test, y_test, 500)
    minutes = (time.time() - started) / 60
    print(f"best epoch {best_epoch}: validation {best:.4f}, test accuracy {test:.4f}; trained in {minutes:.1f} min", flush=True)
    save(args, net, opt, sched, best_state, best_epoch, step, best, time.time() - started, test)


def save(args, net, opt, sched, state, epoch, step, val, seconds, test=None):
    hyper = {
        "model": {"_name_": "spikingssm", "d_model": args.d_model, "n_layers": args.layers, "dropout": args.dropout,
                  "prenorm": False, "norm": "batch",
                  "layer": {"d_state": args.d_state, "bidirectional": False, "neuron": "sltt", "learnable_vth": True,
                            "shared_vth": False, "trainable_B": False, "lr": args.ssm_lr}},
        "encoder": "linear",
        "decoder": {"_name_": "sequence", "mode": "pool"},
        "dataset": {"_name_": "fashion_mnist", "permute": False},
        "loader": {"batch_size": args.batch},
        "optimizer": {"_name_": "adamw", "lr": args.lr, "weight_decay": 0.01},
        "trainer": {"max_epochs": args.epochs},
        "train": {"seed": args.seed, "training_seconds": round(seconds), "validation_accuracy": val,
                  "test_accuracy": test},
    }
    ckpt = {
        "epoch": epoch,
        "global_step": step,
        "pytorch-lightning_version": "1.9.5",
        "state_dict": OrderedDict((k, v) for k, v in state.items()),
        "optimizer_states": [opt.state_dict()],
        "lr_schedulers": [sched.state_dict()],
        "hyper_parameters": hyper,
    }
    tmp = args.out + ".tmp"
    torch.save(ckpt, tmp)
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
