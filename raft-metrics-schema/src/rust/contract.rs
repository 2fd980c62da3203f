//! The adapters' contract as Rust traits: one for the registry type (`RaftMetricsApi`) and one
//! per scope handle (`PartitionMetricsApi`), with one method per metric. `raft-metrics` defines
//! them from the default schema; another schema's types implement them by calling their own
//! accessors, which have the same signatures once `contract::check` has passed. Both traits
//! are object safe: an adapter holds `Arc<dyn …>` and works with any schema's types without a
//! type parameter on every wrapper (a call costs one indirect call more).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::ctx::{value_types, Ctx};
use super::rt;
use super::scope;
use crate::model::*;

/// One accessor's signature.
struct Sig {
    name: Ident,
    params: Vec<TokenStream>,
    args: Vec<Ident>,
    ret: TokenStream,
}

impl Sig {
    fn declare(&self) -> TokenStream {
        let Sig {
            name, params, ret, ..
        } = self;
        quote!(fn #name(&self, #(#params),*) -> #ret;)
    }

    /// The trait method, calling the type's own (inherent) accessor.
    fn forward(&self, ty: &TokenStream) -> TokenStream {
        let Sig {
            name,
            params,
            args,
            ret,
        } = self;
        quote! {
            #[inline]
            fn #name(&self, #(#params),*) -> #ret { #ty::#name(self, #(#args),*) }
        }
    }
}

/// An accessor over `labels` returns a reference when every label is an enum (the series are
/// resolved at registration), an owned series otherwise.
fn sig(cx: &Ctx<'_>, m: &Metric, labels: &[String]) -> Sig {
    let rt = rt();
    let series = value_types(m).series;
    Sig {
        name: format_ident!("{}", m.name),
        params: cx.params(labels),
        args: cx.idents(labels),
        ret: if cx.all_enum(labels) {
            quote!(&#series)
        } else {
            quote!(#rt::Series<#series>)
        },
    }
}

/// The metrics of a scope's handle: those carrying every scope label, over the other labels.
fn scope_sigs(cx: &Ctx<'_>, s: &Scope) -> Vec<Sig> {
    scope::covered(cx, s)
        .map(|m| sig(cx, m, &s.rest_labels(m)))
        .collect()
}

/// Names of the traits and associated types, from the contract schema.
struct Names {
    registry_trait: Ident,
    scopes: Vec<ScopeNames>,
}

struct ScopeNames {
    handle_trait: Ident,
    handle: Ident,
    method: Ident,
    remove: Ident,
}

fn names(schema: &Schema) -> Names {
    Names {
        registry_trait: format_ident!("{}Api", schema.type_name),
        scopes: schema
            .scopes
            .iter()
            .map(|s| {
                // The scope emitter's names: the trait methods forward to them.
                let n = scope::names(s);
                ScopeNames {
                    handle_trait: format_ident!("{}Api", n.handle),
                    handle: n.handle,
                    method: n.scope_fn,
                    remove: n.remove_fn,
                }
            })
            .collect(),
    }
}

/// The traits, and their impls for this schema's own types (in `raft-metrics`).
pub(super) fn define(cx: &Ctx<'_>) -> TokenStream {
    let n = names(cx.schema);
    let reg = &n.registry_trait;
    let doc = format!(" The metrics the raft-metrics adapters feed: implemented by [`{}`] and by the type of every schema expanded with `include_schema!(\"…\", implements = raft_metrics)`, which has the same labels, scopes and metrics (and may add its own).", cx.schema.type_name);
    let top: Vec<Sig> = cx
        .schema
        .metrics
        .iter()
        .filter(|m| !m.is_derived())
        .map(|m| sig(cx, m, &m.labels))
        .collect();
    let decls = top.iter().map(Sig::declare);
    let mut scope_items = Vec::new();
    let mut scope_decls = Vec::new();
    for (s, sn) in cx.schema.scopes.iter().zip(&n.scopes) {
        let ScopeNames {
            handle_trait,
            method,
            remove,
            ..
        } = sn;
        let params = cx.params(&s.labels);
        let sigs = scope_sigs(cx, s);
        let decls = sigs.iter().map(Sig::declare);
        let hdoc = format!(
            " The metrics of one {} the adapters feed (see [`{reg}`]).",
            s.name
        );
        scope_items.push(quote! {
            #[doc = #hdoc]
            pub trait #handle_trait: ::std::marker::Send + ::std::marker::Sync + ::std::fmt::Debug + 'static {
                #(#decls)*
            }
        });
        let sdoc = format!(" The bound handle of a {}: the type's own, shared.", s.name);
        scope_decls.push(quote! {
            #[doc = #sdoc]
            fn #method(&self, #(#params),*) -> ::std::sync::Arc<dyn #handle_trait>;
            fn #remove(&self, #(#params),*);
        });
    }
    let impls = implement_for(cx, cx.schema, &n, &quote!());
    quote! {
        #[doc = #doc]
        pub trait #reg: ::std::marker::Send + ::std::marker::Sync + ::std::fmt::Debug + 'static {
            #(#scope_decls)*
            #(#decls)*
        }
        #(#scope_items)*
        #impls
    }
}

/// Impls of `krate`'s traits (from `contract`) for this schema's types (`cx`).
pub(super) fn implement(cx: &Ctx<'_>, contract: &Schema, krate: &TokenStream) -> TokenStream {
    let contract_cx = Ctx { schema: contract };
    let n = names(contract);
    implement_for(&contract_cx, cx.schema, &n, &quote!(#krate::))
}

/// `path` prefixes the traits (`::raft_metrics::` downstream, nothing where they are defined).
fn implement_for(contract: &Ctx<'_>, own: &Schema, n: &Names, path: &TokenStream) -> TokenStream {
    let reg = &n.registry_trait;
    let ty = format_ident!("{}", own.type_name);
    let ty_path = quote!(#ty);
    let top = contract
        .schema
        .metrics
        .iter()
        .filter(|m| !m.is_derived())
        .map(|m| sig(contract, m, &m.labels).forward(&ty_path));
    let mut scope_fns = Vec::new();
    let mut handle_impls = Vec::new();
    for (s, sn) in contract.schema.scopes.iter().zip(&n.scopes) {
        let ScopeNames {
            handle_trait,
            handle,
            method,
            remove,
        } = sn;
        let params = contract.params(&s.labels);
        let args = contract.idents(&s.labels);
        scope_fns.push(quote! {
            fn #method(&self, #(#params),*) -> ::std::sync::Arc<dyn #path #handle_trait> {
                ::std::sync::Arc::new(#ty::#method(self, #(#args),*))
            }
            fn #remove(&self, #(#params),*) { #ty::#remove(self, #(#args),*) }
        });
        let handle_path = quote!(#handle);
        let fwd = scope_sigs(contract, s)
            .into_iter()
            .map(|sig| sig.forward(&handle_path))
            .collect::<Vec<_>>();
        handle_impls.push(quote! {
            impl #path #handle_trait for #handle {
                #(#fwd)*
            }
        });
    }
    quote! {
        impl #path #reg for #ty {
            #(#scope_fns)*
            #(#top)*
        }
        #(#handle_impls)*
    }
}
