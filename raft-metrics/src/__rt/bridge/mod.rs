//! The metrics in a user's `prometheus::Registry`, for the two prometheus versions teams pin:
//! 0.14 (feature `prometheus`) and 0.13 (feature `prometheus-0-13`). One collector per family
//! and level, so a name clash is reported by family, and a failed registration is rolled back.
//! The two versions' APIs differ only in their protobuf types' containers, so one template
//! (`bridge!`) is instantiated per version.

mod error;
#[macro_use]
mod template;

pub use error::RegisterError;

/// prometheus 0.14: `RaftMetrics::register`, `register_level`.
#[cfg(feature = "prometheus")]
pub mod v0_14 {
    bridge!(prometheus);
}

/// prometheus 0.13: `register_level_0_13`.
#[cfg(feature = "prometheus-0-13")]
pub mod v0_13 {
    bridge!(prometheus_0_13);
}

/// The generated types' methods for prometheus 0.14, present when `raft-metrics` has the
/// feature (decided here, where the feature is known, not in the crate that expands a schema).
#[cfg(feature = "prometheus")]
#[doc(hidden)]
#[macro_export]
macro_rules! __bridge_0_14 {
    ($ty:ident, $families:ident, ($($p:ident: $t:ty),*), ($($a:ident),*)) => {
        impl $ty {
            /// [`Self::new`], then register the detailed level's families on `registry` (one
            /// collector per family; feature `prometheus`, prometheus 0.14).
            ///
            /// Errors (never panics) if a name is already taken in the registry, naming that
            /// family; the registry is then left as it was.
            pub fn register(
                registry: &::raft_metrics::__rt::bridge::v0_14::Registry,
                $($p: $t),*
            ) -> ::std::result::Result<Self, ::raft_metrics::RegisterError> {
                let m = Self::new($($a),*);
                m.register_level(registry, ::raft_metrics::Level::Detailed)?;
                ::std::result::Result::Ok(m)
            }

            /// Register the families of `level` on `registry` (prometheus 0.14), one collector
            /// per family. Use one registry per level: the two levels share family names.
            pub fn register_level(
                &self,
                registry: &::raft_metrics::__rt::bridge::v0_14::Registry,
                level: ::raft_metrics::Level,
            ) -> ::std::result::Result<(), ::raft_metrics::RegisterError> {
                ::raft_metrics::__rt::bridge::v0_14::register(registry, &self.inner, &$families, level)
            }
        }
    };
}

#[cfg(not(feature = "prometheus"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __bridge_0_14 {
    ($($t:tt)*) => {};
}

/// The generated types' method for prometheus 0.13.
#[cfg(feature = "prometheus-0-13")]
#[doc(hidden)]
#[macro_export]
macro_rules! __bridge_0_13 {
    ($ty:ident, $families:ident, ($($p:ident: $t:ty),*), ($($a:ident),*)) => {
        impl $ty {
            /// Register the families of `level` on a prometheus 0.13 `registry` (feature
            /// `prometheus-0-13`), one collector per family.
            pub fn register_level_0_13(
                &self,
                registry: &::raft_metrics::__rt::bridge::v0_13::Registry,
                level: ::raft_metrics::Level,
            ) -> ::std::result::Result<(), ::raft_metrics::RegisterError> {
                ::raft_metrics::__rt::bridge::v0_13::register(
                    registry,
                    &self.inner,
                    &$families,
                    level,
                )
            }
        }
    };
}

#[cfg(not(feature = "prometheus-0-13"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __bridge_0_13 {
    ($($t:tt)*) => {};
}
