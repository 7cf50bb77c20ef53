#!/usr/bin/env bash
# Simulator cost against model size (H 64 -> 1024) and spike rate (JMH): time per simulated step,
# with each case's synaptic ops and events per step printed beside it. Usage: benchmarks/scaling.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/benchmarks/target/benchmarks.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
jar="$root/benchmarks/target/benchmarks.jar"
java -jar "$jar" ScalingBenchmark -p scale=1 -p h=64,128,256,512,1024 "$@"
java -jar "$jar" ScalingBenchmark -p h=256 -p scale=0.25,4 "$@"
