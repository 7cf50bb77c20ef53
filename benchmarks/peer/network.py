#!/usr/bin/python3
"""The peer network of docs/PERFORMANCE.md, built once and run in Brian2, and written out for Dendra.

A layer of N LIF neurons (tau, threshold 1, reset to 0, exact integration at dt = 1 ms) driven by M
Poisson-like spike sources, each connected to F distinct random neurons with weight w. The input spike
trains are generated here and fed to both simulators, so both see exactly the same events.

usage: network.py OUT_DIR [numpy|cpp_standalone|none] [--neurons N] [--inputs M] [--fanout F] [--rate HZ]
                  [--weight W] [--tau MS] [--seconds S]
Writes OUT_DIR/weights.safetensors, OUT_DIR/spikes.npy, OUT_DIR/calibrate.npy, OUT_DIR/model.dnd and
prints one line per Brian2 target: simulated seconds, wall seconds, synaptic events, firing rate.
"""
import argparse
import json
import math
import struct
import sys
import time

import numpy as np


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("targets", nargs="*", default=["numpy", "cpp_standalone"])
    p.add_argument("--neurons", type=int, default=4000)
    p.add_argument("--inputs", type=int, default=4000)
    p.add_argument("--fanout", type=int, default=200)
    p.add_argument("--rate", type=float, default=10.0)
    p.add_argument("--weight", type=float, default=0.08)
    p.add_argument("--tau", type=float, default=10.0)
    p.add_argument("--seconds", type=float, default=5.0)
    a = p.parse_args()
    if a.targets == ["none"]:
        a.targets = []  # write the network only, run no Brian2

    steps = int(round(a.seconds * 1000))
    rng = np.random.RandomState(2024)
    pre = np.repeat(np.arange(a.inputs), a.fanout)
    post = np.concatenate([rng.choice(a.neurons, a.fanout, replace=False) for _ in range(a.inputs)])
    spikes = (rng.random_sample((steps, a.inputs)) < a.rate * 1e-3).astype(np.float32)

    # Dendra adds a step's input before the threshold; Brian2 decays, thresholds, then adds it.
    # Scaling Dendra's weights by one step's decay makes the two the same dynamics (one step apart).
    decay = math.exp(-1.0 / a.tau)
    weights = np.zeros((a.neurons, a.inputs), dtype=np.float32)
    weights[post, pre] = a.weight * decay
    write_safetensors(f"{a.out}/weights.safetensors", {"layer.weight": weights})
    np.save(f"{a.out}/spikes.npy", spikes)
    np.save(f"{a.out}/calibrate.npy", spikes[:200])
    with open(f"{a.out}/model.dnd", "w") as f:
        f.write(f"""// The Brian2 peer network: {a.inputs} spike sources, fan-out {a.fanout}, {a.neurons} LIF neurons.
model peer {{
  tensors "weights.safetensors";
  input spikes: real[{a.inputs}];
  v = lif(linear(spikes, weight=@"layer.weight"), tau={decay!r}, threshold=1, name="lif");
  output v;
}}
""")
    events = int(spikes.sum()) * a.fanout
    print(json.dumps({"what": "network", "neurons": a.neurons, "inputs": a.inputs, "fanout": a.fanout, "steps": steps,
                      "input_spikes": int(spikes.sum()), "synaptic_events": events}))
    sys.stdout.flush()

    for target in a.targets:
        import brian2 as b2
        b2.start_scope()
        b2.defaultclock.dt = 1 * b2.ms
        if target == "cpp_standalone":
            b2.set_device("cpp_standalone", build_on_run=False, directory=f"{a.out}/brian2_standalone")
        else:
            b2.set_device("runtime")
            b2.prefs.codegen.target = "numpy"
        t_index, i_index = np.nonzero(spikes)
        source = b2.SpikeGeneratorGroup(a.inputs, i_index, t_index * b2.ms)
        tau = a.tau * b2.ms
        group = b2.NeuronGroup(a.neurons, "dv/dt = -v/tau : 1", threshold="v > 1", reset="v = 0", method="exact")
        synapses = b2.Synapses(source, group, on_pre=f"v += {a.weight}")
        synapses.connect(i=pre, j=post)
        monitor = b2.SpikeMonitor(group)
        net = b2.Network(source, group, synapses, monitor)
        if target == "cpp_standalone":
            started = time.time()
            net.run(a.seconds * b2.second)
            b2.device.build(run=True, compile=True, clean=True)
            wall = time.time() - started
            simulated = b2.device._last_run_time
            rate = monitor.num_spikes / a.neurons / a.seconds
        else:
            net.run(0 * b2.ms)  # code generation happens here, outside the timed run
            started = time.time()
            net.run(a.seconds * b2.second)
            simulated = time.time() - started
            wall = simulated
            rate = monitor.num_spikes / a.neurons / a.seconds
        print(json.dumps({"what": "brian2", "target": target, "simulation_seconds": simulated, "wall_seconds": wall,
                          "events_per_second": events / simulated, "rate_hz": rate}))
        sys.stdout.flush()
        if target == "cpp_standalone":
            b2.set_device("runtime")


if __name__ == "__main__":
    main()
