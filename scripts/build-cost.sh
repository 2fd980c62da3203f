#!/usr/bin/env bash
# What a team's crate pays to build with raft-metrics: cold debug builds (fresh target dir,
# sources already downloaded) of one-file crates, timed, with the number of crates compiled.
# Cases: prometheus 0.14 alone; raft-metrics; raft-metrics with `http`; raft-metrics with
# `include_schema!` of a copy of the default schema (the macro path); the raft-rs adapter.
# Usage: scripts/build-cost.sh [RAFT_METRICS_ROOT]   (another checkout, to compare versions)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(cd "${1:-.}" && pwd)
work=$(pwd)/target/build-cost
rm -rf "$work"
mkdir -p "$work"

# case NAME DEPENDENCIES MAIN
case_crate() {
    local dir=$work/$1
    mkdir -p "$dir/src"
    printf '[package]\nname = "probe-%s"\nversion = "0.0.0"\nedition = "2021"\n[workspace]\n[dependencies]\n%b' \
        "$1" "$2" >"$dir/Cargo.toml"
    printf '%b' "$3" >"$dir/src/main.rs"
    cp "$src/Cargo.lock" "$dir/Cargo.lock" 2>/dev/null || true
    (cd "$dir" && cargo fetch --quiet 2>/dev/null || true)
    local start end log
    log=$dir/build.log
    start=$(date +%s.%N)
    if (cd "$dir" && CARGO_TARGET_DIR=$dir/target cargo build --offline >"$log" 2>&1); then
        end=$(date +%s.%N)
        printf 'build %-22s %5.1f s  %3d crates\n' "$1" "$(echo "$end - $start" | bc)" \
            "$(grep -c '^ *Compiling' "$log")"
    else
        printf 'build %-22s failed (see %s)\n' "$1" "$log"
    fi
}

rm_dep="raft-metrics = { path = \"$src/raft-metrics\" }\n"
main='fn main() { let m = raft_metrics::RaftMetrics::new(1); let mut b = Vec::new(); m.encode(raft_metrics::Level::Detailed, &mut b); println!("{}", b.len()); }\n'
case_crate prometheus 'prometheus = { version = "0.14", default-features = false }\n' \
    'fn main() { let r = prometheus::Registry::new(); println!("{}", r.gather().len()); }\n'
case_crate raft-metrics "$rm_dep" "$main"
case_crate raft-metrics-http "raft-metrics = { path = \"$src/raft-metrics\", features = [\"http\"] }\n" "$main"
cp "$src/metrics-schema.toml" "$work/schema.toml"
case_crate include-schema "$rm_dep""raft-metrics-macros = { path = \"$src/raft-metrics-macros\" }\n" \
    "raft_metrics_macros::include_schema!(\"../schema.toml\");\nfn main() { let m = RaftMetrics::new(1); let mut b = Vec::new(); m.encode(raft_metrics::Level::Detailed, &mut b); println!(\"{}\", b.len()); }\n"
case_crate raft-rs-adapter "$rm_dep""raft-metrics-raft-rs = { path = \"$src/raft-metrics-raft-rs\", features = [\"protobuf-codec\"] }\nraft = { version = \"0.7\", default-features = false, features = [\"protobuf-codec\"] }\n" \
    'fn main() { println!("{}", raft_metrics_raft_rs::entry_bytes(&Default::default())); }\n'
