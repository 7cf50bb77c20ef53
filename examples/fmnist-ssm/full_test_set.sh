#!/usr/bin/env bash
# The bundled SpikingSSM on the whole Fashion-MNIST test set (10,000 sequences of 784 steps):
# float64 reference and loihi2 chip accuracy, energy and time, in one `dendra run --compare`.
# Runs outside CI (about 5 minutes on a 2-core machine); results go to OUT (default out/fmnist-test).
#   usage: examples/fmnist-ssm/full_test_set.sh [OUT] [--samples A:B]
#   needs: apt-get install python3-numpy dataset-fashion-mnist
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/out/fmnist-test}"
shift || true
mkdir -p "$out"
[ -f "$out/samples.npy" ] || /usr/bin/python3 "$here/make_inputs.py" "$out"
"$root/dendra" compile "$here/model.dnd" --target loihi2 --calibrate "$here/calibration.npy" -o "$out/fmnist.dchip" > "$out/compile.txt"
started=$(date +%s)
"$root/dendra" run "$out/fmnist.dchip" --input "$out/samples.npy" --labels "$out/labels.npy" --compare "$here/model.dnd" \
    -o "$out/run" --no-html -q "$@" | tee "$out/run.txt"
echo "wall clock: $(( $(date +%s) - started )) s for the run (chip simulation and float reference) on $(nproc) core(s)" | tee -a "$out/run.txt"
