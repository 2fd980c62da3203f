//! The registry type: every family, budget and scope map in one `Arc`, with `register`, the
//! accessors and the scope methods.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ctx::Ctx;
use super::families::{BudgetTokens, FamilyTokens};
use super::scope::ScopeTokens;
use super::{prom, rt};
use crate::model::*;

/// `register`'s parameters for the constant labels, and the statements that format them.
struct ConstLabels {
    params: Vec<TokenStream>,
    inserts: Vec<TokenStream>,
    doc: String,
}

fn const_labels(cx: &Ctx<'_>) -> ConstLabels {
    let rt = rt();
    let labels: Vec<&Label> = cx.schema.constant_labels().collect();
    let params = labels
        .iter()
        .map(|l| {
            let id = format_ident!("{}", l.name);
            let ty = cx.param_ty(&l.name);
            quote!(#id: #ty)
        })
        .collect();
    let inserts = labels
        .iter()
        .map(|l| {
            let id = format_ident!("{}", l.name);
            let name = &l.name;
            quote! {
                __const_labels.insert(#name.to_string(), {
                    let mut __b = #rt::itoa::Buffer::new();
                    #rt::LabelPart::as_label(#id, &mut __b).to_string()
                });
            }
        })
        .collect();
    let doc = if labels.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
        format!(
            " `{}` become constant labels on every series.",
            names.join("`, `")
        )
    };
    ConstLabels {
        params,
        inserts,
        doc,
    }
}

pub(super) fn registry(
    cx: &Ctx<'_>,
    budgets: &BudgetTokens,
    families: &[FamilyTokens],
    scopes: &[ScopeTokens],
) -> TokenStream {
    let rt = rt();
    let p = prom();
    let schema = cx.schema;
    let ty = format_ident!("{}", schema.type_name);
    let type_name = &schema.type_name;
    let consts = const_labels(cx);
    let const_params = &consts.params;
    let const_fmt = &consts.inserts;
    let fields = budgets
        .fields
        .iter()
        .chain(families.iter().map(|f| &f.field));
    let field_names = budgets.names.iter().chain(families.iter().map(|f| &f.name));
    let budget_inits = &budgets.inits;
    let fold_counters = &budgets.fold_counters;
    let inits = families.iter().map(|f| &f.init);
    let accessors = families.iter().map(|f| &f.accessor);
    let scope_fields = scopes.iter().map(|s| &s.field);
    let scope_inits = scopes.iter().map(|s| &s.init);
    let scope_methods = scopes.iter().map(|s| &s.methods);
    let families_methods = scopes.iter().map(|s| &s.families_methods);
    let scope_items = scopes.iter().map(|s| &s.items);
    let exposed_names: Vec<&str> = schema.metrics.iter().map(|m| m.exposed.as_str()).collect();
    let family_types: Vec<&str> = schema.metrics.iter().map(|m| m.kind.as_str()).collect();
    let n_metrics = exposed_names.len();
    let register_doc = format!(
        " Create and register all {n_metrics} metric families on `registry`.{}\n\n Errors (never panics) if a name is already taken in the registry, naming that family; the registry is then left as it was.",
        consts.doc
    );
    quote! {
        struct __Families {
            #(#fields,)*
            #(#scope_fields,)*
        }

        impl __Families {
            #(#families_methods)*
        }

        /// Typed accessors for every metric of the schema, registered on one registry.
        ///
        /// Cheap to clone (one `Arc`); share it between tasks.
        #[derive(Clone)]
        pub struct #ty {
            inner: ::std::sync::Arc<__Families>,
        }

        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name).field("families", &#n_metrics).finish_non_exhaustive()
            }
        }

        impl #ty {
            /// Exposed family names of every metric, in schema order.
            pub const FAMILY_NAMES: [&'static str; #n_metrics] = [#(#exposed_names),*];

            /// Prometheus type of each family in [`Self::FAMILY_NAMES`]: counter, gauge or histogram.
            pub const FAMILY_TYPES: [&'static str; #n_metrics] = [#(#family_types),*];

            #[doc = #register_doc]
            pub fn register(registry: &#p::Registry, #(#const_params),*) -> ::std::result::Result<Self, #rt::RegisterError> {
                let mut __const_labels: ::std::collections::HashMap<::std::string::String, ::std::string::String> = ::std::collections::HashMap::new();
                #(#const_fmt)*
                let mut __reg = #rt::Registrar::new(registry);
                #(#budget_inits)*
                #(#inits)*
                #(#fold_counters)*
                ::std::result::Result::Ok(#ty {
                    inner: ::std::sync::Arc::new(__Families {
                        #(#field_names,)*
                        #(#scope_inits,)*
                    }),
                })
            }

            #(#accessors)*

            #(#scope_methods)*
        }

        #(#scope_items)*
    }
}
