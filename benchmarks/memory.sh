#!/usr/bin/env bash
# Memory per sample in flight (issue 14): the bundled SpikingSSM on N one-step samples (default
# 20,000) on 1 and 2 threads, the heap in use after a full collection as samples finish, and its
# growth per sample. Usage: benchmarks/memory.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/benchmarks/target/benchmarks.jar" ] || (cd "$root" && mvn -B -q -DskipTests install)
exec java $(sed -n "s:.*<vector.jvm.flags>\(.*\)</vector.jvm.flags>.*:\1:p" "$root/pom.xml") -Xmx256m -Ddendra.root="$root" -cp "$root/benchmarks/target/benchmarks.jar" io.dendra.benchmarks.MemoryPerSample "$@"
