#!/usr/bin/env bash
# What feeding the metrics costs a running demo cluster, metrics on vs off (same release
# binary, `--no-metrics`), alternating.
#
# Instructions mode (deterministic; the one to decide with):
#   scripts/overhead.sh instructions [raft-demo|raft-rs-demo|both] [PAIRS] [SECONDS] [RATE]
# runs each demo under callgrind at a fixed --rate (writes/s per partition), checks both modes
# reached the same writes, and prints the instruction ratio, the instructions of metrics per
# committed write, and the largest metrics functions (inclusive, from callgrind_annotate).
# Defaults: both demos, 2 pairs, 20 s, rate 100. Run it on an otherwise idle machine: ticks and
# heartbeats follow the wall clock, so a loaded machine does less of that work in 20 s.
#
# Time mode (for reference; ±15% between runs on a VM):
#   scripts/overhead.sh [RUNS] [SECONDS] [raft-demo|raft-rs-demo]
# runs --rate 0 (as fast as it commits) and prints throughput ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

build() {
    case "$1" in
        raft-demo) cargo build --quiet --locked --release -p raft-metrics-openraft --features demo --bin raft-demo ;;
        raft-rs-demo) cargo build --quiet --locked --release -p raft-metrics-raft-rs --features demo --bin raft-rs-demo ;;
        *) echo "unknown demo $1 (raft-demo or raft-rs-demo)" >&2; exit 2 ;;
    esac
}

instructions() {
    local which=${1:-both} pairs=${2:-2} secs=${3:-20} rate=${4:-100} status=0
    command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
    local demos=("$which")
    [ "$which" = both ] && demos=(raft-demo raft-rs-demo)
    local out=target/overhead
    mkdir -p "$out"
    for demo in "${demos[@]}"; do
        build "$demo"
        local on=() off=() won=() woff=()
        for i in $(seq "$pairs"); do
            for mode in on off; do
                local flag=() file="$out/$demo-$mode-$i.callgrind"
                [ "$mode" = off ] && flag=(--no-metrics)
                valgrind --tool=callgrind --callgrind-out-file="$file" \
                    "target/release/$demo" --rate "$rate" --duration "$secs" --port 19351 "${flag[@]}" \
                    >"$out/$demo-$mode-$i.log" 2>"$out/$demo-$mode-$i.err"
                local ir writes
                ir=$(sed -n 's/.*Collected : \([0-9]*\)/\1/p' "$out/$demo-$mode-$i.err")
                writes=$(sed -n 's/^done: \([0-9]*\) writes.*/\1/p' "$out/$demo-$mode-$i.log")
                echo "$demo pair $i metrics $mode: $ir instructions, $writes writes"
                if [ "$mode" = on ]; then on+=("$ir") won+=("$writes"); else off+=("$ir") woff+=("$writes"); fi
            done
        done
        python3 - "$demo" "${on[*]}" "${off[*]}" "${won[*]}" "${woff[*]}" <<'EOF' || status=1
import statistics, sys
demo, on, off, won, woff = sys.argv[1], *[list(map(int, a.split())) for a in sys.argv[2:]]
ratios = [a / b for a, b in zip(on, off)]
per_write = [(a - b) / w for a, b, w in zip(on, off, won)]
print(f"{demo}: instructions on/off {' '.join(f'{r:.4f}' for r in ratios)}, "
      f"ratio {statistics.median(ratios):.3f}, "
      f"metrics per committed write {statistics.median(per_write):,.0f} instructions")
# The demos write at a fixed rate: both modes must have done the same work.
bad = [(i, a, b) for i, (a, b) in enumerate(zip(won, woff), 1) if abs(a - b) > 0.01 * max(a, b)]
for i, a, b in bad:
    print(f"{demo}: pair {i} NOT COMPARABLE: {a} writes with metrics, {b} without")
sys.exit(1 if bad else 0)
EOF
        echo "$demo: where the metrics' instructions go (pair 1):"
        python3 scripts/callgrind-diff.py "$out/$demo-on-1.callgrind" "$out/$demo-off-1.callgrind" 10
    done
    return "$status"
}

if [ "${1:-}" = instructions ]; then
    shift
    instructions "$@"
    exit
fi

runs=${1:-5}
secs=${2:-20}
build "${3:-raft-demo}"
demo=target/release/${3:-raft-demo}
on=() off=()
for i in $(seq "$runs"); do
    for mode in on off; do
        flag=()
        [ "$mode" = off ] && flag=(--no-metrics)
        rate=$("$demo" --rate 0 --duration "$secs" --port 19301 "${flag[@]}" | sed -n 's/^done: .*(\([0-9]*\)\/s)$/\1/p')
        echo "run $i metrics $mode: $rate writes/s"
        if [ "$mode" = on ]; then on+=("$rate"); else off+=("$rate"); fi
    done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_on=$(median "${on[@]}")
m_off=$(median "${off[@]}")
echo "median writes/s: metrics on $m_on, off $m_off"
python3 -c "print(f'ratio throughput_metrics_on / throughput_metrics_off = {$m_on / $m_off:.3f}')"
# Each run's on/off pair ran back to back: the median of their ratios cancels slow drifts.
pairs=()
for i in "${!on[@]}"; do pairs+=("$(python3 -c "print(${on[$i]} / ${off[$i]})")"); done
python3 -c "import statistics, sys; print(f'median of paired ratios = {statistics.median(map(float, sys.argv[1:])):.3f}')" "${pairs[@]}"
