#!/usr/bin/env bash
# Runs every check CI runs: formatting, clippy, freshness of generated files, all tests
# (including promtool's rule tests) and the dashboard's type check against @grafana/schema.
# Installs promtool (Debian's `prometheus`), Alertmanager and Node.js when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
    echo "==> installing promtool (Debian package prometheus)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

if [ ! -x /usr/bin/prometheus-alertmanager ]; then
    echo "==> installing Alertmanager (Debian package prometheus-alertmanager)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends prometheus-alertmanager >/dev/null
fi

if [ ! -x /usr/bin/victoria-metrics ] || [ ! -x /usr/bin/vmagent ] || [ ! -x /usr/bin/vmalert ]; then
    echo "==> installing VictoriaMetrics (Debian package victoria-metrics: victoria-metrics, vmagent, vmalert)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends victoria-metrics >/dev/null
fi

if ! command -v protoc >/dev/null 2>&1; then
    # raft's prost-codec (the stream-raft example) generates its code with protoc.
    echo "==> installing protoc (Debian package protobuf-compiler)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends protobuf-compiler >/dev/null
fi

if ! command -v script >/dev/null 2>&1; then
    # util-linux's `script` gives the CLI colour test a terminal.
    echo "==> installing script (Debian package bsdutils)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends bsdutils >/dev/null
fi

# Each step's heading carries the minutes:seconds since the start, to see where CI time goes.
step() { printf '==> [%d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

# Every later `cargo test` selects the same packages and features as this clippy run, so it
# reuses this build instead of making its own.
FEATURES=raft-metrics-openraft/demo,raft-metrics-raft-rs/demo,raft-metrics/http,raft-metrics/prometheus,raft-metrics/prometheus-0-13
# The stream-raft example is a workspace of its own (raft with prost-codec); it shares the
# target directory.
EXAMPLE=(--manifest-path examples/stream-raft/Cargo.toml --locked --target-dir target)

step "cargo fmt --check"
cargo fmt --all -- --check
cargo fmt --manifest-path examples/stream-raft/Cargo.toml -- --check
step "cargo clippy"
cargo clippy --workspace --all-targets --features "$FEATURES" --locked -- -D warnings
# The openraft adapter without `storage-v2`: its v1 (`RaftStorage` through `Adaptor`) build.
cargo clippy -p raft-metrics-openraft --all-targets --locked -- -D warnings
if [ -d raft-metrics-gen ]; then
    step "raft-metrics-gen check (generated files fresh, all queries valid)"
    cargo run --quiet --locked -p raft-metrics-gen -- check
fi
if [ -d tests/lint/valid ]; then
    step "raft-metrics-gen lint: the valid hand-written rules and dashboard (0 findings)"
    cargo run --quiet --locked -p raft-metrics-gen -- lint \
        --rules tests/lint/valid/rules.yml tests/lint/valid/more-rules.yml tests/lint/valid/functions.yml tests/lint/valid/prometheus-rule.yml \
        --dashboard tests/lint/valid/dashboard.json tests/lint/valid/team-dashboard.json tests/lint/valid/variables-dashboard.json
fi
step "the example's own schema (examples/shop-raft): its generated files fresh, its rules promtool-clean"
cargo run --quiet --locked -p raft-metrics-gen -- --schema examples/shop-raft/shop-metrics.toml check --out examples/shop-raft
promtool check rules examples/shop-raft/alerts/raft-alerts.yml examples/shop-raft/alerts/raft-recording-rules.yml examples/shop-raft/alerts/raft-slo-rules.yml
(cd examples/shop-raft && promtool test rules tests/alerts/raft-slo.test.yml)
step "dashboard against Grafana's published model (@grafana/schema, TypeScript)"
if ! command -v npm >/dev/null 2>&1; then
    echo "==> installing Node.js (Debian packages nodejs, npm)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
npm ci --prefix tools/grafana-schema --no-audit --no-fund --loglevel=error
node tools/grafana-schema/check.mjs --self-test dashboards/raft.json
node tools/grafana-schema/check.mjs dashboards/raft-partition.json
node tools/grafana-schema/check.mjs examples/shop-raft/dashboards/raft.json
node tools/grafana-schema/check.mjs examples/shop-raft/dashboards/raft-partition.json
step "Kubernetes objects against the published models (kubernetes-models, @kubernetes-models/prometheus-operator)"
npm ci --prefix tools/kubernetes-models --no-audit --no-fund --loglevel=error
node tools/kubernetes-models/check.mjs --self-test deploy/kubernetes/*.yaml examples/shop-raft/deploy/kubernetes/*.yaml
# Every later `cargo test` selects the same packages and features as this one, so it reuses
# this build instead of making its own.
test_ws() { cargo test --workspace --features "$FEATURES" --locked "$@"; }
step "cargo test"
test_ws
step "openraft's v1 storage API: a RaftStorage through Adaptor (openraft without storage-v2)"
cargo test --locked -p raft-metrics-openraft --test v1_storage
step "raft-rs with prost-codec: the adapter's tests, and the stream-raft example (its own workspace) scraped by Prometheus"
cargo test --locked -p raft-metrics-raft-rs --features prost-codec --lib --test observer 2>&1 | grep -E '^test result'
cargo clippy --quiet "${EXAMPLE[@]}" --all-targets -- -D warnings
cargo test "${EXAMPLE[@]}" -- --include-ignored --nocapture 2>&1 |
    grep -vE '^(running|$)|^ +(Finished|Running|Blocking|Compiling|Locking|Adding)' 
step "live tests, side by side (about 2.5 minutes): the openraft demo and the raft-rs demo, each a cluster + Prometheus + generated rules; loom builds and runs meanwhile"
# Loom has its own target dir (`--cfg loom`); its build fills the time the live tests spend
# waiting for scrapes.
./scripts/loom.sh >target/loom.log 2>&1 &
loom=$!
# Each runs its own cluster and Prometheus on its own ports; both mostly wait for scrapes.
live() {
    test_ws --test live -- --ignored --nocapture --exact "$1" >"target/live-$2.log" 2>&1
}
live live_cluster_scraped_by_prometheus openraft &
openraft_live=$!
live live_raft_rs_cluster_scraped_by_prometheus raft-rs &
raft_rs_live=$!
live_failed=0
wait "$openraft_live" || live_failed=1
wait "$raft_rs_live" || live_failed=1
for demo in openraft raft-rs; do
    echo "--- $demo"
    if [ "$live_failed" = 0 ]; then
        grep -vE '^(running|test result|$)|^test live_|^ +(Finished|Running|Blocking)' "target/live-$demo.log" || true
    else
        cat "target/live-$demo.log"
    fi
done
[ "$live_failed" = 0 ]
step "loom: every interleaving of the series map's and the scope map's protocols"
if wait "$loom"; then
    grep -E '^test |^test result' target/loom.log
else
    cat target/loom.log
    exit 1
fi
step "global view: two demo clusters, agents remote-writing to a global Prometheus, Alertmanager (about 2 minutes); the benchmarks build meanwhile"
# The release build of the benchmarks is CPU work; the global view and the scale rig mostly
# wait for Prometheus.
cargo bench --locked -p raft-metrics --features prometheus --no-run >target/bench-build.log 2>&1 &
bench_build=$!
# The demos' release builds, for the instructions smoke run at the end.
{ cargo build --quiet --locked --release -p raft-metrics-openraft --features demo --bin raft-demo &&
    cargo build --quiet --locked --release -p raft-metrics-raft-rs --features demo --bin raft-rs-demo; } \
    >target/demos-release.log 2>&1 &
demos_build=$!
test_ws --test global -- --ignored --nocapture 2>&1 |
    grep -vE '^(running|test result|$)|^test two_|^ +(Finished|Running|Blocking)'
step "VictoriaMetrics: two vmagents, victoria-metrics, vmalert and Alertmanager on one demo cluster, beside a Prometheus (about 2 minutes)"
test_ws --test victoria -- --ignored --nocapture 2>&1 |
    grep -vE '^(running|test result|$)|^test victoria_|^ +(Finished|Running|Blocking)'
step "scale rig: 3 simulated nodes x 640 partitions scraped by Prometheus (scripts/scale.sh: 6,400)"
RAFT_METRICS_SCALE_PARTITIONS=640 test_ws --test scale -- --ignored --nocapture 2>&1 |
    grep -vE '^(running|test result|$)|^test overview_|^ +(Finished|Running|Blocking)'
step "benchmarks, quick mode (a smoke run: prints the ratios, asserts nothing about timings)"
if ! wait "$bench_build"; then
    cat target/bench-build.log
    exit 1
fi
RAFT_METRICS_BENCH_QUICK=1 cargo bench --locked -p raft-metrics --features prometheus 2>&1 | grep -E '^(ratio|median|memory|series|build|instructions)'
step "metrics overhead in instructions, smoke run (scripts/overhead.sh instructions: one pair of 5 s per demo; reports, asserts nothing)"
if wait "$demos_build"; then
    scripts/overhead.sh instructions both 1 5 100 >target/overhead-smoke.log 2>&1 || true
    grep -E '^(raft-demo|raft-rs-demo): (instructions|pair)' target/overhead-smoke.log || cat target/overhead-smoke.log
else
    cat target/demos-release.log
    exit 1
fi
step "cargo package: the library crates build from their packaged sources (default schema inside)"
package_log=target/package.log
mkdir -p target
# Cargo unpacks the packages it verifies from a temporary local registry (cached as
# `registry/src/-<hash>`) and builds them as registry crates, which it never rebuilds while the
# version is the same: drop both, so a second run verifies today's sources. (Last in this
# script: the workspace's own builds of these crates go too.)
find "${CARGO_HOME:-$HOME/.cargo}/registry/src" -maxdepth 1 -name '-*' -exec rm -rf {} +
cargo clean --quiet -p raft-metrics-schema -p raft-metrics-macros -p raft-metrics \
    -p raft-metrics-openraft -p raft-metrics-raft-rs
# The raft-rs adapter has no codec of its own (a user's raft picks one): verify it with one.
if ! cargo package --locked --allow-dirty -p raft-metrics-schema -p raft-metrics-macros -p raft-metrics \
    -p raft-metrics-openraft -p raft-metrics-raft-rs --features raft-metrics-raft-rs/protobuf-codec \
    >"$package_log" 2>&1; then
    cat "$package_log"
    exit 1
fi
grep -E '^ *(Packaged|Verifying)' "$package_log"
# (grep without -q: it must read all of tar's output, or tar dies of SIGPIPE under pipefail)
tar -tzf target/package/raft-metrics-0.1.0.crate | grep -x 'raft-metrics-0.1.0/metrics-schema.toml' >/dev/null
# The base schema `extends = "raft-metrics"` names ships inside the schema library.
tar -tzf target/package/raft-metrics-schema-0.1.0.crate | grep -x 'raft-metrics-schema-0.1.0/metrics-schema.toml' >/dev/null
step "done"
