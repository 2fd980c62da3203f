//! `[kubernetes]`: a namespace, labels and a selector Kubernetes accepts.

use super::Validator;
use crate::model::*;
use crate::parse::{RawKubernetes, Spanned, StringMap};

/// A DNS-1123 label: what a namespace name must be.
fn is_dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A label value: at most 63 characters of letters, digits, `-`, `_` and `.`, alphanumeric at
/// both ends (or empty).
fn is_label_value(s: &str) -> bool {
    let ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    let ends = |c: Option<char>| c.is_none_or(|c| c.is_ascii_alphanumeric());
    s.len() <= 63 && s.bytes().all(ok) && ends(s.chars().next()) && ends(s.chars().last())
}

/// A label key: an optional DNS prefix and `/`, then a name like a value (not empty).
fn is_label_key(s: &str) -> bool {
    let name = s.rsplit_once('/').map_or(s, |(_, n)| n);
    !name.is_empty() && is_label_value(name)
}

impl Validator<'_> {
    pub(super) fn kubernetes(
        &mut self,
        raw: &Option<RawKubernetes>,
        uid: &str,
    ) -> Option<Kubernetes> {
        let k = raw.as_ref()?;
        let namespace = k
            .namespace
            .as_ref()
            .map_or("monitoring".to_string(), |n| n.value.clone());
        if let Some(n) = k.namespace.as_ref().filter(|n| !is_dns_label(&n.value)) {
            self.sink.error(
                n.span.clone(),
                format!("namespace `{}` is not a Kubernetes name", n.value),
                "lowercase letters, digits and `-`, at most 63 characters",
            );
        }
        let labels = self.k8s_labels(&k.labels);
        let selector = self.k8s_labels(&k.selector);
        let selector = if selector.is_empty() {
            vec![("app.kubernetes.io/name".to_string(), uid.to_string())]
        } else {
            selector
        };
        let monitor = match &k.monitor {
            None => Some(Monitor::Service),
            Some(m) => self.word::<Monitor>(m, "monitor", "monitor"),
        };
        Some(Kubernetes {
            namespace,
            labels,
            selector,
            port: k
                .port
                .as_ref()
                .map_or("metrics".to_string(), |p| p.value.clone()),
            monitor: monitor?,
            folder: k
                .folder
                .as_ref()
                .map_or("Raft".to_string(), |f| f.value.clone()),
        })
    }

    fn k8s_labels(&mut self, map: &Option<Spanned<StringMap>>) -> Vec<(String, String)> {
        let Some(map) = map else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in &map.value {
            if !is_label_key(&k.value) {
                self.sink.error(
                    k.span.clone(),
                    format!("`{}` is not a Kubernetes label key", k.value),
                    "an optional `prefix/` then letters, digits, `-`, `_` and `.`, at most 63",
                );
            } else if !is_label_value(&v.value) {
                self.sink.error(
                    v.span.clone(),
                    format!("`{}` is not a Kubernetes label value", v.value),
                    "letters, digits, `-`, `_` and `.`, at most 63, alphanumeric at both ends",
                );
            } else {
                out.push((k.value.clone(), v.value.clone()));
            }
        }
        out
    }
}
