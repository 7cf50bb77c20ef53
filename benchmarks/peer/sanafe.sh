#!/usr/bin/env bash
# Side by side (issue 15): the peer network of benchmarks/peer (4,000 LIF neurons, 4,000 spike sources
# x fan-out 200, --weight 0.05, 1,000 steps) compiled once for loihi1 and priced by both Loihi 1 tables
# Dendra ships: loihi1 (Davies 2018) and loihi1_sanafe (SANA-FE's hardware-calibrated arch/loihi.yaml).
# Prints energy and latency per step with their breakdowns, beside the figures SANA-FE itself reported
# for the same network (the issue's reference figures; SANA-FE is not run here).
# Needs numpy (python3-numpy). About a minute.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$root/benchmarks/peer/network.py" "$work" none --seconds 1 --weight 0.05 > /dev/null
for target in loihi1 loihi1_sanafe; do
  "$root/dendra" compile "$work/model.dnd" --target "$target" -o "$work/$target.dchip" --calibrate "$work/calibrate.npy" > "$work/$target-compile.txt"
  "$root/dendra" run "$work/$target.dchip" --input "$work/spikes.npy" -o "$work/$target" --no-html -q --threads 1 > /dev/null
done
/usr/bin/python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
r = {t: json.load(open(f"{work}/{t}/report.json")) for t in ("loihi1", "loihi1_sanafe")}
steps = r["loihi1"]["simulated_steps_per_sample"]
sanafe = {"spikes": 113.1, "synops": 7998, "messages": 560, "synaptic": 268.7, "neuron": 298.6, "network": 64.1, "total": 631.4,
          "latency_simple": 5.12, "latency_detailed": 7.01, "latency_booksim": 7.97, "sync": 1.40}
def row(name, *cells):
    print(f"| {name} | " + " | ".join(cells) + " |")
def per_step(rep, key): return rep["counts"][key] / steps
def nj(rep, *parts): return sum(rep["energy"]["breakdown_pJ"][p] for p in parts) / steps / 1000
c = r["loihi1"]
print(f"network: {c['cores_used']} cores on {c['time']['tiles_in_use']} tiles, {steps} steps; per step: "
      f"{per_step(c, 'spikes_generated'):.1f} spikes, {per_step(c, 'synops_binary'):,.0f} synaptic ops, "
      f"{(c['counts']['messages'] + c['counts']['host_messages']) / steps:,.0f} messages ({per_step(c, 'host_messages'):,.0f} from the host)")
print()
print("| per step | Dendra, loihi1 (Davies 2018) | Dendra, loihi1_sanafe (SANA-FE's tables) | SANA-FE, detailed (reported) |")
print("|---|---|---|---|")
row("synaptic energy", *(f"{nj(r[t], 'synaptic'):.1f} nJ" for t in r), f"{sanafe['synaptic']} nJ")
row("neuron energy", *(f"{nj(r[t], 'neuron'):.1f} nJ" for t in r), f"{sanafe['neuron']} nJ")
row("network energy (messages, hops, links)", *(f"{nj(r[t], 'messages', 'hops', 'chip_links'):.1f} nJ" for t in r), f"{sanafe['network']} nJ")
row("dynamic energy", *(f"{nj(r[t], 'synaptic', 'neuron', 'messages', 'hops', 'chip_links', 'barrier'):.1f} nJ" for t in r), f"{sanafe['total']} nJ")
row("static energy", *(f"{nj(r[t], 'static'):.1f} nJ" for t in r), "not modelled")
row("latency", *(f"{r[t]['time']['ns_per_step'] / 1000:.2f} µs" for t in r),
    f"{sanafe['latency_detailed']} µs (simple {sanafe['latency_simple']}, BookSim2 {sanafe['latency_booksim']})")
row("of which synchronisation", *(f"{r[t]['time']['barrier_ns_per_step'] / 1000:.2f} µs" for t in r), f"{sanafe['sync']} µs")
row("receive and link stalls", *(f"{r[t]['counts']['receive_stall_cycles'] / steps:,.0f} and {r[t]['counts']['link_stall_cycles'] / steps:,.0f} cycles"
                                 for t in r), "")
PY
