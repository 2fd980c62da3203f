//! The metrics in a user's `prometheus::Registry`: one collector per family and level, so a
//! name clash is reported by family, and a failed registration is rolled back.

use std::collections::HashMap;
use std::sync::Arc;

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;

use super::expose::proto::Proto;
use super::expose::{detailed::Detailed, summary::Summary, Expose, FamilyDesc, Level};

/// One family at one level, collected through the `prometheus` crate's types.
pub struct FamilyCollector<F: Expose> {
    metrics: Arc<F>,
    family: &'static FamilyDesc,
    level: Level,
    desc: Desc,
}

impl<F: Expose> Clone for FamilyCollector<F> {
    fn clone(&self) -> Self {
        FamilyCollector {
            metrics: Arc::clone(&self.metrics),
            family: self.family,
            level: self.level,
            desc: self.desc.clone(),
        }
    }
}

impl<F: Expose> FamilyCollector<F> {
    pub fn new(
        metrics: Arc<F>,
        family: &'static FamilyDesc,
        level: Level,
    ) -> Result<Self, RegisterError> {
        let c = metrics.constant();
        let constant: HashMap<String, String> = c
            .names
            .iter()
            .map(|n| n.to_string())
            .zip(c.values.iter().cloned())
            .collect();
        let desc = Desc::new(
            family.name.to_string(),
            family.help.to_string(),
            Vec::new(),
            constant,
        )
        .map_err(|e| RegisterError::new(family.name, e))?;
        Ok(FamilyCollector {
            metrics,
            family,
            level,
            desc,
        })
    }
}

impl<F: Expose> Collector for FamilyCollector<F> {
    fn desc(&self) -> Vec<&Desc> {
        vec![&self.desc]
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let mut out = Proto::new(self.metrics.constant());
        let only = Some(self.family.index);
        match self.level {
            Level::Detailed => self.metrics.expose(&mut Detailed::new(&mut out, only)),
            Level::Summary => self.metrics.expose(&mut Summary::new(&mut out, only)),
        }
        out.families
    }
}

/// Register every family `level` holds on `registry`; on failure unregister the ones already
/// added, so the registry is left as it was.
pub fn register<F: Expose>(
    registry: &prometheus::Registry,
    metrics: &Arc<F>,
    families: &'static [FamilyDesc],
    level: Level,
) -> Result<(), RegisterError> {
    let mut done: Vec<FamilyCollector<F>> = Vec::new();
    for family in families.iter().filter(|f| f.at(level)) {
        let added = FamilyCollector::new(Arc::clone(metrics), family, level).and_then(|c| {
            registry
                .register(Box::new(c.clone()))
                .map(|()| c)
                .map_err(|e| RegisterError::new(family.name, e))
        });
        match added {
            Ok(c) => done.push(c),
            Err(e) => {
                for c in done {
                    let _ = registry.unregister(Box::new(c));
                }
                return Err(e);
            }
        }
    }
    Ok(())
}

/// Why registration failed: which metric family, and prometheus' reason (for example a family
/// of that name already in the registry).
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
                 registry, level and node, and clone the returned value)",
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
