#!/usr/bin/env bash
# Checks that a change altered no result: compiles, inspects and runs the bundled examples and every
# shared NIR file with the command line built from REV (default HEAD, the last commit) and with the
# working tree's, and compares every file written and every line printed, byte for byte. The working
# tree's runs happen in a German locale (LC_ALL=de_DE.UTF-8, and -Duser.language=de -Duser.country=DE
# for machines without that locale installed: decimal commas if anything formats with the default
# locale), REV's in C. Only the wall-clock line of `run` ("simulated in ... s") is left out.
#
#   benchmarks/identical.sh [REV]        about 2 minutes; exit 0 when everything is identical
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rev="${1:-HEAD}"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/base-tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
shared="$root/../shared/data"

echo "building $rev and the working tree..." >&2
git -C "$root" worktree add --detach "$work/base-tree" "$rev" >/dev/null 2>&1
(cd "$work/base-tree" && mvn -B -q -o -DskipTests package -pl cli -am >/dev/null)
(cd "$root" && mvn -B -q -o -DskipTests package -pl cli -am >/dev/null)
vector="$(sed -n 's:.*<vector.jvm.flags>\(.*\)</vector.jvm.flags>.*:\1:p' "$root/pom.xml")"

# Inputs: 10% spikes on every channel (seeded), 2 samples of 30 steps, for the NIR files without data.
python3 - "$work/inputs" "$shared/nir" <<'EOF'
import sys, pathlib, numpy as np
out = pathlib.Path(sys.argv[1]); out.mkdir()
widths = {"braille": 12, "cnn_sinabs": 2 * 34 * 34, "two_lif_neurons": 1}
for name, width in widths.items():
    x = (np.random.default_rng(11).random((2, 30, width)) < 0.1).astype(np.float32)
    np.save(out / f"{name}.npy", x)
EOF

# run_cases JAR OUT LOCALE LANGUAGE COUNTRY: every case's files and printed lines into OUT.
run_cases() {
  local jar="$1" out="$2" locale="$3" language="$4" country="$5"
  mkdir -p "$out"
  d() { # d NAME ARGS...: one command's stdout, stderr and exit status
    local name="$1"; shift
    (cd "$out" && LC_ALL="$locale" LANG="$locale" java $vector -Duser.language="$language" -Duser.country="$country" -jar "$jar" "$@" >"$name.out" 2>"$name.err"; echo "$?" >"$name.status") || true
    sed -i '/^simulated in /d; /^WARNING: Using incubator modules/d' "$out/$name.out" "$out/$name.err"
  }
  local ex="$root/examples"
  d targets-loihi2 targets loihi2
  d import-fmnist import-spikingssm "$ex/fmnist-ssm/spikingssm.ckpt" -o imported.dnd
  d check-fmnist check "$ex/fmnist-ssm/model.dnd" --target loihi2
  d check-fmnist-loihi1 check "$ex/fmnist-ssm/model.dnd" --target loihi1
  d compile-fmnist compile "$ex/fmnist-ssm/model.dnd" --target loihi2 --calibrate "$ex/fmnist-ssm/calibration.npy" -o fmnist.dchip --report fmnist-resources.json
  d inspect-fmnist inspect fmnist.dchip
  d params-fmnist inspect fmnist.dchip --params
  d run-fmnist run fmnist.dchip --input "$ex/fmnist-ssm/samples.npy" --labels "$ex/fmnist-ssm/labels.npy" --samples 0:12 \
    --compare "$ex/fmnist-ssm/model.dnd" --threads 2 -o run-fmnist
  d reference-fmnist reference "$ex/fmnist-ssm/model.dnd" --input "$ex/fmnist-ssm/samples.npy" --samples 0:4 -o reference-fmnist.npy
  for t in loihi1 loihi2 loihi1_sanafe; do
    d "compile-lif-chain-$t" compile "$ex/lif-chain/model.dnd" --target "$t" -o "lif-chain-$t.dchip"
    d "params-lif-chain-$t" inspect "lif-chain-$t.dchip" --params
    d "run-lif-chain-$t" run "lif-chain-$t.dchip" --input "$ex/lif-chain/samples.npy" --compare "$ex/lif-chain/model.dnd" -o "run-lif-chain-$t"
  done
  [ -d "$shared/nir" ] || { echo "no ../shared/data/nir: NIR cases skipped" >&2; return; }
  local nir
  for nir in "$shared"/nir/*/*.nir; do
    local name input
    name="$(basename "$nir" .nir)"
    case "$name" in
      braille*) input="$work/inputs/braille.npy" ;;
      lif_norse|lif_rockpool) input="$shared/nir/lif/lif_input.npy" ;;
      *) input="$work/inputs/$name.npy" ;;
    esac
    d "check-$name" check "$nir" --lenient --target loihi1
    for t in loihi1 loihi2; do
      d "compile-$name-$t" compile "$nir" --lenient --target "$t" --calibrate "$input" -o "$name-$t.dchip"
      d "params-$name-$t" inspect "$name-$t.dchip" --params
      d "run-$name-$t" run "$name-$t.dchip" --input "$input" --compare "$nir" --lenient -o "run-$name-$t"
    done
  done
}

echo "running the cases with $rev (C locale)..." >&2
run_cases "$work/base-tree/cli/target/dendra.jar" "$work/base" C.UTF-8 en US
echo "running the cases with the working tree (de_DE.UTF-8)..." >&2
run_cases "$root/cli/target/dendra.jar" "$work/new" de_DE.UTF-8 de DE
if diff -r "$work/base" "$work/new" >"$work/diff.txt"; then
  echo "identical: $(find "$work/new" -type f | wc -l) files of $(ls "$work/new" | grep -c '\.status$') commands equal to $rev's, byte for byte"
else
  diff -rq "$work/base" "$work/new" | sed "s:$work/::g"
  head -c 20000 "$work/diff.txt" | cut -c1-400
  echo "DIFFERENT from $rev (above)" >&2
  exit 1
fi
