#!/usr/bin/env bash
# Stopping ./dendra stops the run: a SIGTERM to the launcher's PID ends the JVM within seconds, and no
# complete report appears afterwards (the run's folder keeps only its INCOMPLETE marker).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="$(mktemp -d)/run"
./dendra run examples/fmnist-ssm/model.dnd --calibrate examples/fmnist-ssm/calibration.npy --input examples/fmnist-ssm/samples.npy \
    -o "$out" -q --no-html > /dev/null 2>&1 &
launcher=$!
sleep 5
kill -TERM "$launcher"
for _ in $(seq 1 50); do
  pgrep -f "dendra.jar run .*$out" > /dev/null || break
  sleep 0.1
done
if pgrep -f "dendra.jar run .*$out" > /dev/null; then echo "launcher signal: the JVM outlived the launcher by 5 s" >&2; exit 1; fi
wait "$launcher" || true
sleep 3
if [ -e "$out/report.json" ] || [ -e "$out/output.npy" ]; then echo "launcher signal: a report appeared after the run was stopped" >&2; exit 1; fi
echo "launcher signal: stopping ./dendra stopped the run, nothing written after"
