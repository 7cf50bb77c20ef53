#!/usr/bin/env bash
# Side-by-side peer run (issue 8): the same LIF network in Brian2 (numpy and cpp_standalone) and in
# Dendra (compiled for loihi1), with the same input spikes; prints synaptic events per second of each
# (Brian2's code generation and compilation excluded, and stated), their ratio, and the firing rates.
# Needs Debian's Brian2 (python3-brian); installs it when run as root, else: sudo apt-get install python3-brian
# Usage: benchmarks/peer/run.sh [network.py options, e.g. --seconds 5 --weight 0.05]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
py=/usr/bin/python3
if ! "$py" -c "import brian2" 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's python3-brian (Brian2)..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-brian >/dev/null) || true
fi
"$py" -c "import brian2" 2>/dev/null || { echo "Brian2 is not installed: sudo apt-get install python3-brian" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ $# -eq 0 ] && set -- --seconds 5 --weight 0.05
# Brian2 writes generated code into the current folder: run it inside the temporary one.
(cd "$work" && "$py" "$root/benchmarks/peer/network.py" "$work" numpy cpp_standalone "$@" 2>/dev/null) | grep '"what"' > "$work/brian2.jsonl"
"$root/dendra" compile "$work/model.dnd" --target loihi1 -o "$work/peer.dchip" --calibrate "$work/calibrate.npy" > /dev/null
"$root/dendra" run "$work/peer.dchip" --input "$work/spikes.npy" -o "$work/out" --no-html -q --threads 1 --profile > "$work/dendra.txt"
"$py" - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
rows = [json.loads(l) for l in open(f"{work}/brian2.jsonl")]
net = rows[0]
report = json.load(open(f"{work}/out/report.json"))
seconds = float(re.search(r"simulated in ([0-9.]+) s", open(f"{work}/dendra.txt").read()).group(1))
synops = report["counts"]["synops_binary"] + report["counts"]["synops_graded"]
rate = report["layers"][0]["spike_rate"] * 1000
dendra = synops / seconds
print(f"network: {net['neurons']} LIF neurons, {net['inputs']} spike sources x fan-out {net['fanout']}, {net['steps']} steps of 1 ms, "
      f"{net['synaptic_events']:,} synaptic events")
print(f"{'simulator':<26}{'events/s':>12}{'firing rate':>14}{'seconds':>10}   note")
for r in rows[1:]:
    note = f"+{r['wall_seconds'] - r['simulation_seconds']:.1f} s code generation and compilation, not counted" if r["target"] == "cpp_standalone" else "after a warm-up run"
    print(f"{'Brian2 ' + r['target']:<26}{r['events_per_second']:>12.3g}{r['rate_hz']:>11.2f} Hz{r['simulation_seconds']:>10.3f}   {note}")
print(f"{'Dendra (loihi1, 1 thread)':<26}{dendra:>12.3g}{rate:>11.2f} Hz{seconds:>10.3f}   bit-exact Loihi lif, cycles and energy counted")
for r in rows[1:]:
    print(f"Dendra / Brian2 {r['target']}: {dendra / r['events_per_second']:.2f}x; firing rates differ by {100 * abs(rate - r['rate_hz']) / r['rate_hz']:.1f}%")
text = open(f"{work}/dendra.txt").read()
print("Dendra's " + text[text.index("engine profile"):text.index("wrote")].rstrip())
PY
