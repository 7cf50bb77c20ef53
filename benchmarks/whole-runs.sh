#!/usr/bin/env bash
# Issue 14's goals side by side in one run: the sMNIST shape's test set extrapolated from whole runs
# on 1 and 2 threads (benchmarks/smnist.sh), the Brian2 peer network (benchmarks/peer/run.sh), and
# memory per sample in flight (benchmarks/memory.sh). About 8 minutes. Usage: benchmarks/whole-runs.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "== $(date -u +%Y-%m-%d) on $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== sMNIST shape (goal: 10,000 samples in 10 minutes on 2 threads; 2 threads >= 1.8x one)"
REPEAT=2 "$here/smnist.sh" 96
echo "== Brian2 peer (goal: Dendra >= 1x Brian2 cpp_standalone, simulation time only)"
"$here/peer/run.sh"
echo "== memory per sample in flight (goal: independent of the number of samples)"
"$here/memory.sh" 20000
