#!/usr/bin/env bash
# Model-checks the runtime's series map (insert, close) and scope map (instances, handles, removal)
# with loom: every interleaving of the real code's lock operations. Own target dir (`--cfg loom`).
# A debug build: the models run in well under a second, and release only lengthened the build.
set -euo pipefail
cd "$(dirname "$0")/.."
RUSTFLAGS="--cfg loom" cargo test --locked -p raft-metrics --test loom \
    --target-dir target/loom -- --test-threads=1 "$@"
