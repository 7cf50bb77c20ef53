#!/usr/bin/env bash
# Runs the JMH suite (issue 8): synaptic fan-out, mesh routing, neuron updates, whole timesteps.
# Usage: benchmarks/jmh.sh [JMH options, e.g. a benchmark regex or -f 1 -wi 3 -i 5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/benchmarks/target/benchmarks.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
if [ $# -eq 0 ]; then set -- -wi 2 -w 2 -i 3 -r 2 -f 1; fi
exec java -Ddendra.root="$root" -jar "$root/benchmarks/target/benchmarks.jar" "$@"
