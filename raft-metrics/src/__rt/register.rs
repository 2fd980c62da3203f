//! Registration of the generated families on a user's `prometheus::Registry`.

use prometheus::core::{Collector, MetricVec, MetricVecBuilder};

/// The builder type of a prometheus vector type, e.g. of `IntCounterVec`.
pub trait IsVec {
    type Builder: MetricVecBuilder;
}

impl<P: MetricVecBuilder> IsVec for MetricVec<P> {
    type Builder = P;
}

pub type BuilderOf<V> = <V as IsVec>::Builder;

/// Register collectors one by one; on failure unregister the ones already added, so a failed
/// registration leaves the registry as it was.
pub struct Registrar<'r> {
    registry: &'r prometheus::Registry,
    done: Vec<Box<dyn Collector>>,
}

impl<'r> Registrar<'r> {
    pub fn new(registry: &'r prometheus::Registry) -> Self {
        Registrar {
            registry,
            done: Vec::new(),
        }
    }

    pub fn add<C: Collector + Clone + 'static>(&mut self, c: &C) -> Result<(), RegisterError> {
        let name = c
            .desc()
            .first()
            .map(|d| d.fq_name.clone())
            .unwrap_or_default();
        match self.registry.register(Box::new(c.clone())) {
            Ok(()) => {
                self.done.push(Box::new(c.clone()));
                Ok(())
            }
            Err(e) => {
                for c in self.done.drain(..) {
                    let _ = self.registry.unregister(c);
                }
                Err(RegisterError::new(name, e))
            }
        }
    }
}

/// Why `RaftMetrics::register` failed: which metric family, and prometheus' reason (for
/// example a family of that name already in the registry).
#[derive(Debug)]
pub struct RegisterError {
    family: String,
    source: prometheus::Error,
}

impl RegisterError {
    pub fn new(family: impl Into<String>, source: prometheus::Error) -> Self {
        RegisterError {
            family: family.into(),
            source,
        }
    }

    /// The exposed name of the family that could not be registered.
    pub fn family(&self) -> &str {
        &self.family
    }

    /// Whether a family of that name (or with those labels) was already registered.
    pub fn is_already_registered(&self) -> bool {
        matches!(self.source, prometheus::Error::AlreadyReg)
    }
}

impl std::fmt::Display for RegisterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.source {
            prometheus::Error::AlreadyReg => write!(
                f,
                "metric family `{}` is already registered in this registry (register once per \
                 registry and node, and clone the returned value)",
                self.family
            ),
            ref e => write!(f, "cannot register metric family `{}`: {e}", self.family),
        }
    }
}

impl std::error::Error for RegisterError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_registration_leaves_the_registry_as_it_was() {
        let registry = prometheus::Registry::new();
        let taken = prometheus::IntCounter::new("b_total", "taken").unwrap();
        registry.register(Box::new(taken)).unwrap();
        let a = prometheus::IntCounter::new("a_total", "first").unwrap();
        let b = prometheus::IntCounter::new("b_total", "clashes").unwrap();
        let mut reg = Registrar::new(&registry);
        reg.add(&a).unwrap();
        let e = reg.add(&b).unwrap_err();
        assert_eq!(e.family(), "b_total");
        assert!(e.is_already_registered());
        assert!(e.to_string().contains("already registered"), "{e}");
        let names: Vec<String> = registry
            .gather()
            .iter()
            .map(|f| f.name().to_string())
            .collect();
        assert_eq!(names, ["b_total"], "a_total was rolled back");
    }
}
