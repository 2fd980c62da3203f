#!/usr/bin/env bash
# Instructions per call of each generated hot path and its raw-prometheus baseline, counted by
# valgrind's callgrind (repeatable, unlike nanoseconds). Prints `instructions NAME = X` and
# `ratio OURS / RAW = R` lines. Usage: scripts/callgrind.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
cargo bench --quiet --locked -p raft-metrics --features prometheus --bench instructions --no-run 2>/dev/null
exe=$(cargo bench --quiet --locked -p raft-metrics --features prometheus --bench instructions --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "instructions" and m.get("executable"):
        print(m["executable"])')
N=100000
declare -A ir
count() {
    # The compiler folds identical bodies into one address: count under every alias, then share.
    local addr names total=0 n
    addr=$(nm "$exe" | awk -v f="$1" '$3 == f { print $1 }')
    names=$(nm "$exe" | awk -v a="$addr" '$1 == a && $2 == "T" { print $3 }')
    for name in $names; do
        n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
            --toggle-collect="$name" "$exe" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
        total=$((total + n))
    done
    python3 -c "print(f'{$total / ($N * $(echo $names | wc -w)):.1f}')"
}
pairs=(
    "enum_labels_counter_inc prometheus_intcounter_inc"
    "enum_labels_const_counter_inc prometheus_intcounter_inc"
    "handle_counter_inc prometheus_vec_child_inc"
    "dynamic_labels_counter_inc prometheus_with_label_values_inc"
    "handle_histogram_observe prometheus_histogram_observe"
    "handle_gauge_set prometheus_intgauge_set"
)
for pair in "${pairs[@]}"; do
    set -- $pair
    a=${ir[$1]:-$(count "$1")}; ir[$1]=$a
    b=${ir[$2]:-$(count "$2")}; ir[$2]=$b
    echo "instructions $1 = $a"
    echo "instructions $2 = $b"
    python3 -c "print(f'ratio $1 / $2 = {$a / $b:.2f} (instructions per call)')"
done
