#!/usr/bin/env bash
# Runs every check CI runs: formatting, clippy, freshness of generated files, all tests
# (including promtool's rule tests). Installs promtool (Debian's `prometheus`) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
    echo "==> installing promtool (Debian package prometheus)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
if [ -d raft-metrics-gen ]; then
    echo "==> raft-metrics-gen check (generated files fresh, all queries valid)"
    cargo run --quiet --locked -p raft-metrics-gen -- check
fi
echo "==> cargo test"
cargo test --workspace --locked
