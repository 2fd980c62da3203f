//! Why a registration failed, the same type for both prometheus versions.

/// Why registration failed: which metric family, and prometheus' reason (for example a family
/// of that name already in the registry).
#[derive(Debug)]
pub struct RegisterError {
    family: String,
    already: bool,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl RegisterError {
    pub fn new(
        family: impl Into<String>,
        already: bool,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        RegisterError {
            family: family.into(),
            already,
            source: Box::new(source),
        }
    }

    /// The exposed name of the family that could not be registered.
    pub fn family(&self) -> &str {
        &self.family
    }

    /// Whether a family of that name (or with those labels) was already registered.
    pub fn is_already_registered(&self) -> bool {
        self.already
    }
}

impl std::fmt::Display for RegisterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.already {
            write!(
                f,
                "metric family `{}` is already registered in this registry (register once per \
                 registry, level and node, and clone the returned value)",
                self.family
            )
        } else {
            write!(
                f,
                "cannot register metric family `{}`: {}",
                self.family, self.source
            )
        }
    }
}

impl std::error::Error for RegisterError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}
