#!/usr/bin/env bash
# Write throughput of the demo cluster with metrics fed and not fed (same release binary,
# `--no-metrics`), alternating, several runs. Prints each run, the ratio of the medians and the
# median of the per-run ratios.
# Usage: scripts/overhead.sh [RUNS] [SECONDS] [raft-demo|raft-rs-demo]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
secs=${2:-20}
case "${3:-raft-demo}" in
    raft-demo) cargo build --quiet --locked --release -p raft-metrics-openraft --features demo --bin raft-demo ;;
    raft-rs-demo) cargo build --quiet --locked --release -p raft-metrics-raft-rs --features demo --bin raft-rs-demo ;;
    *) echo "usage: scripts/overhead.sh [RUNS] [SECONDS] [raft-demo|raft-rs-demo]" >&2; exit 2 ;;
esac
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
