#!/usr/bin/python3
"""Writes the PyTorch checkpoint fixtures of the compiler's tests, and their expected logits.

Each checkpoint is written by torch.save exactly as the official SpikingSSM code (shenshuaijie/SDN
inside the S4 repository's Lightning module) writes one, and each expected output is the official
forward pass computed here in float64 (FFT convolution form, as models/spike/ss4d.py), sharing no
code with Dendra.

- lightning_postnorm.ckpt: a Lightning checkpoint (state_dict under "state_dict", optimizer states,
  hyper_parameters pickled as OmegaConf objects, i.e. classes Dendra does not know, and an enum
  rebuilt with arguments); minimal S4D kernel, post-norm BatchNorm, SDN surrogate tensors in each
  neuron, num_batches_tracked, a non-contiguous encoder weight.
- bare_state_dict.pt: the same module's bare state_dict.
- decoder_last.ckpt: the same with a SequenceDecoder in mode "last", which Dendra does not import.
- trainable_b_prenorm.ckpt: S4's SSMKernelDiag (trainable B), pre-norm BatchNorm, hyper_parameters
  as plain values.
- huge_tensor.pt, view_out_of_storage.pt: views declaring 10^10 elements, and 9 elements of a
  4-element storage; quantized.pt: a quantized tensor.
- dtypes.pt: a bare dict of tensors of every dtype the reader supports, a transposed view, and a
  slice that shares its storage with another tensor at an offset.
- input.npy, logits_official.npy (the official forward of the first two: post-norm computes nothing),
  logits_postnorm_applied.npy (the same with each norm applied after the residual, --apply-postnorm),
  logits_trainable_b_prenorm.npy.

usage: /usr/bin/python3 make_checkpoint_fixtures.py OUT_FOLDER   (needs python3-torch)
"""
import enum
import math
import os
import sys
import types
from collections import OrderedDict

import numpy as np
import torch

H, N, LAYERS, D_IN, CLASSES, L = 4, 4, 2, 2, 3, 12


# --- stand-ins for the classes a real Lightning checkpoint pickles (Dendra must not need them) ---
def fake_module(name):
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        sys.modules.setdefault(".".join(parts[:i]), types.ModuleType(".".join(parts[:i])))
    return sys.modules[name]


omegaconf_dictconfig = fake_module("omegaconf.dictconfig")
omegaconf_nodes = fake_module("omegaconf.nodes")
omegaconf_base = fake_module("omegaconf.base")
lightning_enums = fake_module("lightning_fabric.utilities.enums")


class ContainerMetadata:
    def __init__(self):
        self.ref_type = object
        self.object_type = dict
        self.optional = True
        self.key = None
        self.flags = {}


class DictConfig:
    def __init__(self, content, parent=None):
        self._metadata = ContainerMetadata()
        self._parent = parent
        self._content = {k: wrap(v, self) for k, v in content.items()}


class AnyNode:
    def __init__(self, value, parent):
        self._metadata = ContainerMetadata()
        self._parent = parent
        self._val = value


class PrecisionType(enum.Enum):
    FULL = "32"


def wrap(value, parent):
    return DictConfig(value, parent) if isinstance(value, dict) else AnyNode(value, parent)


for cls, module in ((ContainerMetadata, omegaconf_base), (DictConfig, omegaconf_dictconfig), (AnyNode, omegaconf_nodes),
                    (PrecisionType, lightning_enums)):
    cls.__module__ = module.__name__
    setattr(module, cls.__name__, cls)


# --- the official forward pass, float64 -----------------------------------------------------------
def s4d_kernel(p, i, length, trainable_b):
    k = f"model.s4_layers.{i}.kernel."
    C = torch.view_as_complex(p[k + "C"].contiguous())                      # (c, H, m)
    if trainable_b:
        dt = torch.exp(p[k + "inv_dt"])                                    # (H, 1)
        A = -torch.exp(p[k + "A_real"]) - 1j * p[k + "A_imag"]            # S4 SSMKernelDiag, real/imag transforms exp/none
        B = torch.view_as_complex(p[k + "B"].contiguous())                 # (1, H, m)
        C = C * B
    else:
        dt = torch.exp(p[k + "log_dt"]).unsqueeze(-1)
        A = -torch.exp(p[k + "log_A_real"]) + 1j * p[k + "A_imag"]
    dtA = A * dt
    C = C * (torch.exp(dtA) - 1.0) / A
    return 2 * torch.einsum("chn,hnl->chl", C, torch.exp(dtA.unsqueeze(-1) * torch.arange(length, dtype=torch.float64))).real


def batchnorm(p, i, x):  # x (B, H, L), eval mode
    n = f"model.norms.{i}."
    scale = p[n + "weight"] / torch.sqrt(p[n + "running_var"] + 1e-5)
    return (x - p[n + "running_mean"].unsqueeze(-1)) * scale.unsqueeze(-1) + p[n + "bias"].unsqueeze(-1)


def lif(y):
    v = torch.zeros_like(y[..., 0])
    out = torch.zeros_like(y)
    for t in range(y.size(-1)):
        v = v * 0.125 + y[..., t]
        out[..., t] = (v >= 1.0).to(y)
        v = torch.where(out[..., t] > 0, torch.zeros_like(v), v)
    return out


def official_forward(p, u, prenorm=False, apply_postnorm=False, trainable_b=False):
    x = u @ p["encoder.0.weight"].T + p["encoder.0.bias"]                  # (B, L, H)
    x = x.transpose(-1, -2)
    length = x.size(-1)
    rates = []
    for i in range(LAYERS):
        z = batchnorm(p, i, x) if prenorm else x
        k = s4d_kernel(p, i, length, trainable_b)
        y = torch.fft.irfft(torch.fft.rfft(z, n=2 * length) * torch.fft.rfft(k[0], n=2 * length), n=2 * length)[..., :length]
        y = y + z * p[f"model.s4_layers.{i}.D"][0].unsqueeze(-1)
        y = y / torch.exp(p[f"model.s4_layers.{i}.ln_vth"])
        s = lif(y)
        rates.append(s.mean().item())
        w = p[f"model.s4_layers.{i}.output_linear.0.weight"][:, :, 0]
        mixed = torch.einsum("oh,bhl->bol", w, s) + p[f"model.s4_layers.{i}.output_linear.0.bias"].unsqueeze(-1)
        z = mixed[:, :H] * torch.sigmoid(mixed[:, H:])
        x = z + x
        if not prenorm and apply_postnorm:
            x = batchnorm(p, i, x)                                          # what the official code does NOT do
    pooled = x.mean(dim=-1)
    return pooled @ p["decoder.0.output_transform.weight"].T + p["decoder.0.output_transform.bias"], rates


# --- parameters -------------------------------------------------------------------------------------
def parameters(gen, trainable_b):
    m = N // 2
    p = OrderedDict()
    for i in range(LAYERS):
        k = f"model.s4_layers.{i}."
        p[k + "D"] = torch.randn(1, H, generator=gen)
        p[k + "ln_vth"] = 0.3 * torch.randn(H, 1, generator=gen) - (1.5 if trainable_b else 0.0)
        if trainable_b:
            p[k + "kernel.inv_dt"] = torch.log(torch.full((H, 1), 0.05)) + 0.5 * torch.randn(H, 1, generator=gen)
            p[k + "kernel.A_real"] = torch.log(0.5 * torch.ones(H, m)) + 0.1 * torch.randn(H, m, generator=gen)
            p[k + "kernel.A_imag"] = math.pi * torch.arange(m).float().repeat(H, 1) + 0.1 * torch.randn(H, m, generator=gen)
            p[k + "kernel.B"] = torch.randn(1, H, m, 2, generator=gen)
        else:
            p[k + "kernel.log_dt"] = torch.log(torch.full((H,), 0.05)) + 0.5 * torch.randn(H, generator=gen)
            p[k + "kernel.log_A_real"] = torch.log(0.5 * torch.ones(H, m)) + 0.1 * torch.randn(H, m, generator=gen)
            p[k + "kernel.A_imag"] = math.pi * torch.arange(m).float().repeat(H, 1) + 0.1 * torch.randn(H, m, generator=gen)
        p[k + "kernel.C"] = torch.randn(1, H, m, 2, generator=gen)
        p[k + "output_linear.0.weight"] = 0.5 * torch.randn(2 * H, H, 1, generator=gen)
        p[k + "output_linear.0.bias"] = 0.1 * torch.randn(2 * H, generator=gen)
        if not trainable_b:
            # the SDN surrogate network inside each neuron: used in training only
            p[k + "neuron.model.conv1.weight"] = torch.randn(8, 1, 8, generator=gen)
            p[k + "neuron.model.conv1.bias"] = torch.randn(8, generator=gen)
            p[k + "neuron.model.conv2.weight"] = torch.randn(8, 8, 8, generator=gen)
            p[k + "neuron.model.conv3.weight"] = torch.randn(1, 8, 8, generator=gen)
    for i in range(LAYERS):
        n = f"model.norms.{i}."
        p[n + "weight"] = 1 + 0.2 * torch.randn(H, generator=gen)
        p[n + "bias"] = 0.2 * torch.randn(H, generator=gen)
        p[n + "running_mean"] = 0.3 * torch.randn(H, generator=gen)
        p[n + "running_var"] = 0.5 + torch.rand(H, generator=gen)
        p[n + "num_batches_tracked"] = torch.tensor(1234, dtype=torch.int64)
    # stored transposed: a non-contiguous view of a (D_IN, H) storage
    p["encoder.0.weight"] = (1.5 * torch.randn(D_IN, H, generator=gen)).t()
    p["encoder.0.bias"] = 0.2 * torch.randn(H, generator=gen)
    p["decoder.0.output_transform.weight"] = torch.randn(CLASSES, H, generator=gen)
    p["decoder.0.output_transform.bias"] = 0.1 * torch.randn(CLASSES, generator=gen)
    return p


def lightning(state, hyper):
    adam_state = {i: {"step": torch.tensor(10.0), "exp_avg": torch.zeros(3), "exp_avg_sq": torch.zeros(3)} for i in range(2)}
    return {
        "epoch": 3,
        "global_step": 120,
        "pytorch-lightning_version": "1.9.5",
        "state_dict": state,
        "loops": {"fit_loop": {"state_dict": {}, "epoch_progress": {"total": {"ready": 4}}}},
        "callbacks": {"ModelCheckpoint{'monitor': 'val/accuracy'}": {"best_model_score": torch.tensor(0.5)}},
        "optimizer_states": [{"state": adam_state, "param_groups": [{"lr": 0.01, "params": [0, 1]}]}],
        "lr_schedulers": [{"last_epoch": 120}],
        "precision": PrecisionType.FULL,
        "hyper_parameters": hyper,
    }


def as64(p):
    return {k: v.double() for k, v in p.items()}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    gen = torch.Generator().manual_seed(20261201)
    u = 2.0 * torch.rand(2, L, D_IN, generator=gen, dtype=torch.float64)
    np.save(os.path.join(out, "input.npy"), u.numpy())

    config = {"model": {"_name_": "spikingssm", "d_model": H, "n_layers": LAYERS, "prenorm": False, "norm": "batch",
                        "layer": {"d_state": N, "bidirectional": False, "neuron": "sdn"}},
              "encoder": "linear", "decoder": {"_name_": "sequence", "mode": "pool"}}
    p = parameters(gen, trainable_b=False)
    assert not p["encoder.0.weight"].is_contiguous()
    torch.save(lightning(p, DictConfig(config)), os.path.join(out, "lightning_postnorm.ckpt"))
    torch.save(p, os.path.join(out, "bare_state_dict.pt"))
    logits, rates = official_forward(as64(p), u)
    np.save(os.path.join(out, "logits_official.npy"), logits.numpy())
    applied, _ = official_forward(as64(p), u, apply_postnorm=True)
    np.save(os.path.join(out, "logits_postnorm_applied.npy"), applied.numpy())
    print("official post-norm model: spike rates", rates)
    last = dict(config, decoder={"_name_": "sequence", "mode": "last"})
    torch.save(lightning(p, last), os.path.join(out, "decoder_last.ckpt"))

    p = parameters(gen, trainable_b=True)
    prenorm_config = {"model": {"_name_": "spikingssm", "d_model": H, "n_layers": LAYERS, "prenorm": True, "norm": "batch",
                                "layer": {"d_state": N, "bidirectional": False, "trainable_B": True}},
                      "encoder": "linear", "decoder": {"_name_": "sequence", "mode": "pool"}}
    torch.save(lightning(p, prenorm_config), os.path.join(out, "trainable_b_prenorm.ckpt"))
    logits, rates = official_forward(as64(p), u, prenorm=True, trainable_b=True)
    np.save(os.path.join(out, "logits_trainable_b_prenorm.npy"), logits.numpy())
    print("trainable-B pre-norm model: spike rates", rates)

    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 8
    tensors = OrderedDict()
    tensors["f32"] = torch.tensor([1.5, -2.25, 3.0e-8], dtype=torch.float32)
    tensors["f64"] = torch.tensor([[math.pi, -math.e]], dtype=torch.float64)
    tensors["f16"] = torch.tensor([0.5, -65504.0, 6.1035156e-05], dtype=torch.float16)
    tensors["bf16"] = torch.tensor([1.0, -2.0 ** 100, 0.0078125], dtype=torch.bfloat16)
    tensors["i64"] = torch.tensor([-(2 ** 53), 7, 2 ** 40], dtype=torch.int64)
    tensors["i32"] = torch.tensor([-5, 2 ** 31 - 1], dtype=torch.int32)
    tensors["u8"] = torch.tensor([0, 255], dtype=torch.uint8)
    tensors["bool"] = torch.tensor([True, False, True])
    tensors["base"] = base
    tensors["transposed"] = base.t()              # (6, 4), strides (1, 6)
    tensors["slice"] = base[1:3, 2:5]             # (2, 3), offset 8, strides (6, 1): shares base's storage
    tensors["scalar"] = torch.tensor(42.0)
    torch.save(tensors, os.path.join(out, "dtypes.pt"))

    # crafted: views that do not fit their storage, and a tensor kind Dendra does not read
    torch.save({"w": View((100000, 100000), (100000, 1))}, os.path.join(out, "huge_tensor.pt"))
    torch.save({"w": View((3, 3), (3, 1))}, os.path.join(out, "view_out_of_storage.pt"))
    torch.save({"q": torch.quantize_per_tensor(torch.tensor([0.5, 1.0]), 0.1, 0, torch.qint8)}, os.path.join(out, "quantized.pt"))


class View:
    """Pickles as a tensor of the given size and stride over a 4-element storage."""

    def __init__(self, size, stride):
        self.size, self.stride = size, stride

    def __reduce__(self):
        return torch._utils._rebuild_tensor_v2, (torch.zeros(4).storage(), 0, self.size, self.stride, False, OrderedDict())


if __name__ == "__main__":
    main()
