//! The registry's text exposition (format 0.0.4), as Prometheus scrapes it.

use prometheus::{Encoder, Registry, TextEncoder};

pub fn exposition(r: &Registry) -> String {
    let mut out = Vec::new();
    TextEncoder::new().encode(&r.gather(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}
