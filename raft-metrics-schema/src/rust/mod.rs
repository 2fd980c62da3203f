//! Schema model → Rust tokens: label enums, the registry type (`RaftMetrics` unless the schema
//! names it) with one typed accessor per metric, and one bound handle type per scope. The
//! tokens are plain: the behaviour lives in `raft_metrics::__rt`.

mod contract;
mod ctx;
mod enums;
mod expose;
mod families;
mod registry;
mod scope;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{LabelKind, Schema};

/// Whether the expansion defines the adapters' traits or implements them.
pub enum Contract<'a> {
    /// Neither: a schema of its own.
    None,
    /// Define the traits from this schema and implement them (the default schema, in
    /// `raft-metrics`).
    Define,
    /// Implement the traits `krate` defines from `schema` (checked by `contract::check`);
    /// enum labels the two share are `krate`'s types.
    Implement {
        schema: &'a Schema,
        krate: TokenStream,
    },
}

pub fn emit(schema: &Schema) -> TokenStream {
    emit_with(schema, &Contract::None)
}

/// The expansion as a formatted Rust file, under `header`.
#[cfg(feature = "emit")]
pub fn file(schema: &Schema, contract: &Contract<'_>, header: &str) -> Result<String, syn::Error> {
    let tokens = emit_with(schema, contract);
    let file: syn::File = syn::parse2(tokens)?;
    Ok(format!("{header}\n{}", prettyplease::unparse(&file)))
}

/// The default schema's types as raft-metrics commits them (`crate::paths::DEFAULT_TYPES`), so
/// a crate that uses them builds neither the macro nor this library: the expansion of
/// `include_schema!("metrics-schema.toml", contract)`.
#[cfg(feature = "emit")]
pub fn default_types(schema: &Schema) -> Result<String, syn::Error> {
    const HEADER: &str = "// @generated from metrics-schema.toml by raft-metrics-schema's Rust \
        emitter, as\n// `include_schema!(\"metrics-schema.toml\", contract)` would expand it. \
        Do not edit:\n// `cargo run -p raft-metrics-gen -- generate` rewrites it (and `check` \
        fails when it is stale).\n";
    file(schema, &Contract::Define, HEADER)
}

pub fn emit_with(schema: &Schema, contract: &Contract<'_>) -> TokenStream {
    let cx = ctx::Ctx { schema };
    let enums: Vec<TokenStream> = schema
        .labels
        .iter()
        .map(|l| match (contract, &l.kind) {
            (Contract::Implement { schema: c, krate }, LabelKind::Enum { type_name, .. })
                if c.label(&l.name).is_some() =>
            {
                let t = format_ident!("{}", type_name);
                quote!(pub use #krate::#t;)
            }
            _ => enums::enum_item(l),
        })
        .collect();
    let budgets = families::budgets(&cx);
    let families: Vec<families::FamilyTokens> = schema
        .metrics
        .iter()
        .filter(|m| expose::is_node_level(&cx, m))
        .map(|m| families::family(&cx, m))
        .collect();
    let scopes: Vec<scope::ScopeTokens> =
        schema.scopes.iter().map(|s| scope::scope(&cx, s)).collect();
    let exposition = expose::expose(&cx);
    let registry = registry::registry(&cx, &budgets, &families, &scopes, &exposition);
    let traits = match contract {
        Contract::None => quote!(),
        Contract::Define => contract::define(&cx),
        Contract::Implement { schema: c, krate } => contract::implement(&cx, c, krate),
    };
    quote! {
        #(#enums)*
        #registry
        #traits
    }
}

fn rt() -> TokenStream {
    quote!(::raft_metrics::__rt)
}

/// The registry field holding an open label's run-time budget.
fn budget_ident(label: &str) -> proc_macro2::Ident {
    format_ident!("__budget_{}", label)
}
