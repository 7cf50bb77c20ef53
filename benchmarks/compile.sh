#!/usr/bin/env bash
# Compile time and peak heap of SpikingSSMs of the papers' shapes (JMH, single shot: one whole
# import + compile per measurement). Usage: benchmarks/compile.sh [smnist|wikitext] [more JMH options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/benchmarks/target/benchmarks.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
shapes=smnist,wikitext
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then shapes="$1"; shift; fi
exec java -Ddendra.root="$root" -jar "$root/benchmarks/target/benchmarks.jar" CompileBenchmark -p shape="$shapes" "$@"
