#!/usr/bin/env bash
# Simulator cost against model size (H 64 -> 1024) and spike rate (issue 8). Usage: benchmarks/scaling.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/benchmarks/target/benchmarks.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
exec java -cp "$root/benchmarks/target/benchmarks.jar" io.dendra.benchmarks.ScalingBenchmark "$@"
