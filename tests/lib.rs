//! Tests only; see `compile.rs` and `ui/`.
