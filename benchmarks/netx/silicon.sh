#!/usr/bin/env bash
# loihi2 against Loihi 2 silicon and Lava's Loihi 2 compiler on lava-dl's PilotNet networks
# (../shared/data/netx; the silicon figures are in its README, from lava-dl's benchmark notebooks).
# Prints Dendra's cores per layer, time per step and energy per 16-step inference beside them.
# Usage: benchmarks/netx/silicon.sh [OUT]   (about a minute on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=../shared/data/netx
OUT=${1:-out/netx-silicon}
mkdir -p "$OUT"
JAR=cli/target/dendra.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
G=$SHARED/gts/pilotnet_lif
echo "== PilotNet LIF: compile for loihi2 (Lava's Loihi 2 compiler: 74 cores; input 13, conv 25 13 3 3 2, dense 12 1 1 1)"
java -jar "$JAR" compile "$G/network.net" --input-bias "$G/image.npy" --reset-interval 16 -o "$OUT/pilotnet_lif.dchip" | sed -n '1,2p;6,17p'
echo "== PilotNet LIF: 4 inferences of 16 steps, the image as the input bias (silicon: 152.8 us per step, 1.094 mJ dynamic per inference)"
java -jar "$JAR" run "$OUT/pilotnet_lif.dchip" --steps 64 --no-html -q -o "$OUT/pilotnet_lif" > /dev/null
python3 - "$OUT/pilotnet_lif/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
e = r["energy"]["breakdown_pJ"]; steps = r["steps"]; inferences = steps / 16
dynamic = sum(v for k, v in e.items() if k != "static") / inferences / 1e9
print("time per step: %.1f us (silicon 152.8 us: %.2fx)" % (r["time"]["ns_per_step"] / 1e3, r["time"]["ns_per_step"] / 152.8e3))
print("dynamic energy per inference: %.3f mJ (silicon 1.094 mJ: %.2fx); synaptic %.3f, neuron %.3f, messages and hops %.4f mJ; static %.3f mJ"
      % (dynamic, dynamic / 1.094, e["synaptic"] / inferences / 1e9, e["neuron"] / inferences / 1e9,
         (e["messages"] + e["hops"] + e["chip_links"] + e["barrier"]) / inferences / 1e9, e["static"] / inferences / 1e9))
print("synaptic ops per inference: %.1f M; messages per inference: %.2f M" % (
      (r["counts"]["synops_binary"] + r["counts"]["synops_graded"]) / inferences / 1e6, r["counts"]["messages"] / inferences / 1e6))
PY
echo "== PilotNet SDNN (lava-dl's tutorial network): compile for loihi2 (Lava: 61 cores without the input layer, which it runs on the host)"
java -jar "$JAR" compile "$SHARED/pilotnet_sdnn_tutorial.net" -o "$OUT/pilotnet_sdnn.dchip" | sed -n '1,2p;6,17p'
