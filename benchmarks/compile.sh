#!/usr/bin/env bash
# Compile-time benchmark (issue 4): compiles SpikingSSMs of the sMNIST shape (2 layers, H 400, N 64)
# and of a WikiText-103-sized backbone (16 layers, H 1024, N 64) for loihi2, each in a fresh JVM,
# and prints compile time and peak heap. Usage: benchmarks/compile.sh [smnist] [wikitext] [-v]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/cli/target/dendra.jar" ] && [ -d "$root/benchmarks/target/classes" ] || (cd "$root" && mvn -B -q -DskipTests install)
shapes=("$@")
[ ${#shapes[@]} -eq 0 ] && shapes=(smnist wikitext)
verbose=""
for s in "${shapes[@]}"; do [ "$s" = "-v" ] && verbose="-v"; done
for s in "${shapes[@]}"; do
  [ "$s" = "-v" ] && continue
  java -cp "$root/benchmarks/target/classes:$root/cli/target/dendra.jar" io.dendra.benchmarks.CompileBenchmark "$s" $verbose
done
