#!/usr/bin/env bash
# A whole test set of the paper's sMNIST shape (2 layers, H 400, N 64, 784 steps), as a user runs
# it: write an S4D-initialised checkpoint, import it, compile it for loihi2 (calibrated on the
# bundled example's training images), run N of the bundled test sequences (784 x 1, the same shape)
# with 1 and with 2 threads, alternately, REPEAT times (default 3: this machine's speed drifts), and
# extrapolate the best of each to the 10,000-sample test set. The last 1-thread run is profiled
# (dendra run --profile: where the simulator's time goes).
# Usage: [REPEAT=3] benchmarks/smnist.sh [N (default 32, at most 200)] [more dendra run options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-32}"
[ $# -gt 0 ] && shift
[ -f "$root/benchmarks/target/benchmarks.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
example="$root/examples/fmnist-ssm"
java -cp "$root/benchmarks/target/benchmarks.jar" io.dendra.benchmarks.SmnistCheckpoint "$work/smnist.safetensors"
"$root/dendra" import-spikingssm "$work/smnist.safetensors" -o "$work/smnist.dnd" > /dev/null
"$root/dendra" compile "$work/smnist.dnd" --target loihi2 --calibrate "$example/calibration.npy" -o "$work/smnist.dchip" > "$work/compile.txt"
grep -m1 "core(s) on" "$work/compile.txt" || true
repeat="${REPEAT:-3}"
for r in $(seq "$repeat"); do
  for threads in 1 2; do
    profile=(); [ "$r" = "$repeat" ] && [ "$threads" = 1 ] && profile=(--profile)
    "$root/dendra" run "$work/smnist.dchip" --input "$example/samples.npy" --samples "0:$n" --threads "$threads" -o "$work/out$threads" --no-html -q "${profile[@]}" "$@" > "$work/run$threads.$r.txt"
  done
done
python3 - "$work" "$n" "$repeat" <<'PY'
import json, re, sys
work, n, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(f"sMNIST shape on loihi2, {n} samples x 784 steps, whole runs of dendra run (simulation time as it prints it; best of {repeat})")
print(f"{'threads':>7} {'seconds':>9} {'s/sample':>9} {'10,000 samples':>15} {'steps/s':>10} {'events/s':>10} {'synops/step':>12} {'ssm states/step':>16}   all runs")
base = None
for threads in (1, 2):
    runs = [open(f"{work}/run{threads}.{r}.txt").read() for r in range(1, repeat + 1)]
    times = [float(re.search(r"simulated in ([0-9.]+) s", t).group(1)) for t in runs]
    text = runs[times.index(min(times))]
    seconds = min(times)
    events = float(re.search(r"([0-9.e+]+) events per second", text).group(1))
    report = json.load(open(f"{work}/out{threads}/report.json"))
    c = report["counts"]
    steps = report["simulated_steps_per_sample"] * report["samples"]
    synops = (c["synops_binary"] + c["synops_graded"]) / steps
    states = 32 * sum(l["neurons"] for l in report["layers"] if l["program"] == "ssm")  # N 64: 32 complex states per channel
    per = seconds / n
    base = base or seconds
    print(f"{threads:>7} {seconds:>9.2f} {per:>9.3f} {per * 10000 / 60:>11.1f} min {steps / seconds:>10,.0f} {events:>10.3g} {synops:>12,.0f} {states:>16,}   {' '.join(f'{t:.2f}' for t in times)}")
print(f"2 threads / 1 thread: {base / seconds:.2f}x (best against best)")
profile = open(f"{work}/run1.{repeat}.txt").read()
print(profile[profile.index("engine profile"):profile.index("wrote")].rstrip())
PY
