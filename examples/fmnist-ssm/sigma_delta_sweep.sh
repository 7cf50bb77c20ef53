#!/usr/bin/env bash
# What sigma-delta messages save on the bundled SpikingSSM, on the whole Fashion-MNIST test set
# (10,000 sequences of 784 steps): for each threshold T, the model compiled for loihi2 with
# --sigma-delta T (T = 0: without), run beside the float reference of the same semantics
# (--compare with --sigma-delta T), then one table: accuracy chip and reference, messages and
# graded synaptic ops per inference (and their change against T = 0), energy and time per
# inference, and the simulator's wall time. Runs outside CI (about 5 minutes per threshold on
# 2 cores); results go to OUT (default out/fmnist-sigma-delta), the table to OUT/sweep.txt. A
# threshold whose run finished in OUT is not run again.
#   usage: examples/fmnist-ssm/sigma_delta_sweep.sh [OUT] [--samples A:B] [--thresholds "0 0.1 0.3 0.3,h.1=1"]
#   (a setting T,LAYER=T,... gives one layer its own threshold: --sigma-delta T --sigma-delta LAYER=T;
#    auto,budget=E chooses them on the calibration sequences: --sigma-delta auto --sigma-delta-budget E;
#    ,cumulative adds --sigma-delta-cumulative)
#   needs: apt-get install python3-numpy python3-matplotlib dataset-fashion-mnist
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/out/fmnist-sigma-delta}"
shift || true
thresholds="0 0.1 0.2 0.3 0.5"
samples=()
while [ $# -gt 0 ]; do
    case "$1" in
        --thresholds) thresholds="$2"; shift 2 ;;
        --samples) samples=(--samples "$2"); shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"
[ -f "$out/samples.npy" ] || /usr/bin/python3 "$here/make_inputs.py" "$out"
for t in $thresholds; do
    # a threshold whose run finished is not run again (the sweep resumes where it stopped)
    grep -qs "wall clock" "$out/T$t-run.txt" && continue
    option=()
    if [ "$t" != 0 ]; then
        IFS=, read -ra specs <<< "$t"
        for spec in "${specs[@]}"; do
            case "$spec" in
                budget=*) option+=(--sigma-delta-budget "${spec#budget=}") ;;
                cumulative) option+=(--sigma-delta-cumulative) ;;
                *) option+=(--sigma-delta "$spec") ;;
            esac
        done
    fi
    "$root/dendra" compile "$here/model.dnd" --target loihi2 --calibrate "$here/calibration.npy" "${option[@]}" -o "$out/T$t.dchip" > "$out/T$t-compile.txt"
    # auto: the reference gets the thresholds the compile chose
    if grep -q "sigma-delta thresholds chosen" "$out/T$t-compile.txt"; then
        cumulative=()
        [[ " ${option[*]} " == *" --sigma-delta-cumulative "* ]] && cumulative=(--sigma-delta-cumulative)
        read -ra option <<< "$(grep "sigma-delta thresholds chosen" "$out/T$t-compile.txt" | grep -o -- '--sigma-delta [^ ]*' | tr '\n' ' ')"
        option+=("${cumulative[@]}")
    fi
    started=$(date +%s)
    "$root/dendra" run "$out/T$t.dchip" --input "$out/samples.npy" --labels "$out/labels.npy" --compare "$here/model.dnd" "${option[@]}" \
        "${samples[@]}" -o "$out/T$t" --no-html -q > "$out/T$t-run.txt"
    echo "wall clock: $(( $(date +%s) - started )) s" >> "$out/T$t-run.txt"
done
python3 - "$out" $thresholds <<'PY' | tee "$out/sweep.txt"
import json, re, sys
out, thresholds = sys.argv[1], sys.argv[2:]
rows = []
for t in thresholds:
    r = json.load(open(f"{out}/T{t}/report.json"))
    text = open(f"{out}/T{t}-run.txt").read()
    wall = int(re.search(r"wall clock: (\d+) s", text).group(1))
    n = r["samples"]
    acc = r.get("accuracy") or {}
    c = r["counts"]
    rows.append((t, acc.get("chip"), acc.get("reference"), c["messages"] / n, c["synops_graded"] / n, r["energy"]["per_sample_pJ"] / 1e6,
                 r["time"]["ns_per_sample"] / 1e6, wall, n))
base = rows[0]
print(f"# examples/fmnist-ssm/sigma_delta_sweep.sh: {base[8]} test sequences, loihi2, --sigma-delta T (0: none)")
print("| T | chip accuracy | reference accuracy | messages / inference | graded synaptic ops / inference | energy / inference | time / inference | wall time |")
print("|---|---|---|---|---|---|---|---|")
for t, chip, ref, msg, syn, uj, ms, wall, n in rows:
    pct = lambda v, b: "" if b == 0 else f" ({100 * (v - b) / b:+.1f}%)"
    fmt = lambda a: "-" if a is None else f"{100 * a:.2f}%"
    print(f"| {t} | {fmt(chip)} | {fmt(ref)} | {msg:,.0f}{pct(msg, base[3])} | {syn:,.0f}{pct(syn, base[4])} | {uj:.2f} uJ{pct(uj, base[5])} | {ms:.3f} ms | {wall} s |")
json.dump([dict(setting=t, chip=c, reference=r, messages=m, synops=s, energy_uJ=u) for t, c, r, m, s, u, _, _, _ in rows], open(f"{out}/sweep.json", "w"))
PY
# the trade-off as a plot: accuracy against what sigma-delta saved, one point per setting
/usr/bin/python3 - "$out" <<'PY'
import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
out = sys.argv[1]
rows = json.load(open(f"{out}/sweep.json"))
base = rows[0]
fig, axes = plt.subplots(1, 3, figsize=(15, 4.6), sharey=True)
for ax, key, label in zip(axes, ["messages", "synops", "energy_uJ"], ["messages", "graded synaptic ops", "energy per inference"]):
    saved = [100 * (1 - r[key] / base[key]) for r in rows]
    ax.plot(saved, [100 * r["chip"] for r in rows], "o", label="chip (loihi2)")
    ax.plot(saved, [100 * r["reference"] for r in rows], "x", label="reference, same semantics")
    for x, r in zip(saved, rows):
        ax.annotate("none" if r["setting"] == "0" else r["setting"], (x, 100 * r["chip"]), textcoords="offset points", xytext=(4, 4), fontsize=8)
    ax.axhline(100 * base["chip"] - 0.3, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel(f"{label} saved (%)")
    ax.grid(alpha=0.3)
axes[0].set_ylabel("test accuracy (%)")
axes[0].legend(loc="lower left", fontsize=8)
fig.suptitle(f"Sigma-delta messages on the bundled SpikingSSM, {len(rows)} settings (--sigma-delta T[,LAYER=T]); dotted: 0.3 points below none")
fig.tight_layout()
fig.savefig(f"{out}/sweep.png", dpi=110)
print(f"plot: {out}/sweep.png")
PY
# one self-contained comparison page: the table and the plot
python3 - "$out" <<'PY'
import base64, html, sys
out = sys.argv[1]
rows = [l for l in open(f"{out}/sweep.txt").read().splitlines() if l.startswith("|")]
cells = [[c.strip() for c in r.strip("|").split("|")] for r in rows if not r.startswith("|---")]
table = "<table>" + "".join("<tr>" + "".join(f"<{'th' if i == 0 else 'td'}>{html.escape(c)}</{'th' if i == 0 else 'td'}>" for c in r) + "</tr>"
                            for i, r in enumerate(cells)) + "</table>"
png = base64.b64encode(open(f"{out}/sweep.png", "rb").read()).decode()
title = open(f"{out}/sweep.txt").readline().lstrip("# ").strip()
page = f"""<!doctype html><html><head><meta charset="utf-8"><title>Sigma-delta sweep</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}
th{{background:#eee}}td:first-child{{text-align:left}}</style></head><body><h1>What sigma-delta messages save</h1><p>{html.escape(title)}</p>
{table}<p><img alt="accuracy against what sigma-delta saved" src="data:image/png;base64,{png}" style="max-width:100%"></p>
<p>Each setting: <code>--sigma-delta T</code> on every GLU and residual sum but the output, <code>LAYER=T</code> for one layer,
<code>auto,budget=E</code> chosen on the calibration sequences, <code>cumulative</code> with cumulative error. Each run's report.html says per layer
where the savings are.</p></body></html>"""
open(f"{out}/sweep.html", "w").write(page)
print(f"page: {out}/sweep.html")
PY
