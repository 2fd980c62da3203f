#!/usr/bin/env bash
# The scale rig at the schema's budget: 3 simulated nodes x PARTITIONS partitions (default
# 6,400 = 100 topics x 64) scraped every INTERVAL seconds (default 30) by Debian's Prometheus
# with the generated alert and recording rules. Prints (and writes to
# target/tests/scale/report.md) series and time per scrape, rule evaluation times, and every
# overview panel query's series and time. Needs about 12 GB of memory at full size.
# The test command runs the same rig with 640 partitions.
# Usage: scripts/scale.sh [PARTITIONS] [INTERVAL]   (RAFT_METRICS_SCALE_LAGGING_EVERY=25: more unhealthy
# partitions than a node names)
set -euo pipefail
cd "$(dirname "$0")/.."
export RAFT_METRICS_SCALE_PARTITIONS=${1:-6400}
export RAFT_METRICS_SCALE_INTERVAL=${2:-30}
cargo test --locked --release -p raft-metrics-sim --test scale -- --ignored --nocapture 2>&1 |
    grep -vE '^(running|test result|$)|^test '
