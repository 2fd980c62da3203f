//! Schema model → Rust tokens: label enums, the registry type (`RaftMetrics` unless the schema
//! names it) with one typed accessor per metric, and one bound handle type per scope. The
//! tokens are plain: the behaviour lives in `raft_metrics::__rt`.

mod ctx;
mod enums;
mod families;
mod registry;
mod scope;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Schema;

pub fn emit(schema: &Schema) -> TokenStream {
    let cx = ctx::Ctx { schema };
    let enums: Vec<TokenStream> = schema.labels.iter().map(enums::enum_item).collect();
    let budgets = families::budgets(&cx);
    let families: Vec<families::FamilyTokens> = schema
        .metrics
        .iter()
        .map(|m| families::family(&cx, m))
        .collect();
    let scopes: Vec<scope::ScopeTokens> =
        schema.scopes.iter().map(|s| scope::scope(&cx, s)).collect();
    let registry = registry::registry(&cx, &budgets, &families, &scopes);
    quote! {
        #(#enums)*
        #registry
    }
}

fn rt() -> TokenStream {
    quote!(::raft_metrics::__rt)
}

fn prom() -> TokenStream {
    quote!(::raft_metrics::__rt::prometheus)
}

/// The registry field holding an open label's run-time budget.
fn budget_ident(label: &str) -> proc_macro2::Ident {
    format_ident!("__budget_{}", label)
}
