//! The registry type: every node-level family, budget and scope map in one `Arc`, with `new`,
//! the registry bridges (`__bridge_*`), the exposition at both levels, the accessors and the scope methods.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ctx::Ctx;
use super::expose::ExposeTokens;
use super::families::{BudgetTokens, FamilyTokens};
use super::rt;
use super::scope::ScopeTokens;
use crate::model::*;

/// `new`'s parameters for the constant labels, and the pairs they become.
struct ConstLabels {
    params: Vec<TokenStream>,
    args: Vec<TokenStream>,
    pairs: Vec<TokenStream>,
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
    let args = labels
        .iter()
        .map(|l| {
            let id = format_ident!("{}", l.name);
            quote!(#id)
        })
        .collect();
    let pairs = labels
        .iter()
        .map(|l| {
            let id = format_ident!("{}", l.name);
            let name = &l.name;
            quote! {
                (#name, {
                    let mut __b = #rt::itoa::Buffer::new();
                    #rt::LabelPart::as_label(#id, &mut __b).to_string()
                })
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
        args,
        pairs,
        doc,
    }
}

/// Exposed names and types of the families at one level.
fn family_names(schema: &Schema, level: Level) -> (Vec<&str>, Vec<&str>) {
    schema
        .metrics
        .iter()
        .filter(|m| m.at(level))
        .map(|m| (m.exposed.as_str(), m.kind.as_str()))
        .unzip()
}

pub(super) fn registry(
    cx: &Ctx<'_>,
    budgets: &BudgetTokens,
    families: &[FamilyTokens],
    scopes: &[ScopeTokens],
    expose: &ExposeTokens,
) -> TokenStream {
    let rt = rt();
    let schema = cx.schema;
    let ty = format_ident!("{}", schema.type_name);
    let type_name = &schema.type_name;
    let consts = const_labels(cx);
    let (const_params, const_args, const_pairs) = (&consts.params, &consts.args, &consts.pairs);
    let fields = budgets
        .fields
        .iter()
        .chain(families.iter().map(|f| &f.field))
        .chain(scopes.iter().map(|s| &s.field));
    let field_names = budgets
        .names
        .iter()
        .chain(families.iter().map(|f| &f.name))
        .chain(scopes.iter().map(|s| &s.field_name));
    let budget_inits = &budgets.inits;
    let inits = families.iter().map(|f| &f.init);
    let scope_inits = scopes.iter().map(|s| &s.init);
    let accessors = families.iter().map(|f| &f.accessor);
    let scope_methods = scopes.iter().map(|s| &s.methods);
    let scope_items = scopes.iter().map(|s| &s.items);
    let (names, types) = family_names(schema, Level::Detailed);
    let (s_names, s_types) = family_names(schema, Level::Summary);
    let (n, s_n) = (names.len(), s_names.len());
    let descs = &expose.descs;
    let expose_body = &expose.body;
    let n_all = schema.metrics.len();
    let new_doc = format!(
        " Create the {n} metric families (and the summary level's {s_n}).{}\n\n Serve them with [`Self::encode`] (the fast path, or `raft_metrics::http`), or register them on a `prometheus::Registry` (raft-metrics' feature `prometheus` or `prometheus-0-13`).",
        consts.doc
    );
    quote! {
        #descs

        struct __Families {
            __constant: #rt::Constant,
            #(#fields,)*
        }

        impl #rt::Expose for __Families {
            fn constant(&self) -> &#rt::Constant {
                &self.__constant
            }

            fn expose<W: #rt::Sink>(&self, w: &mut W) {
                #expose_body
            }
        }

        /// Typed accessors for every metric of the schema, and their exposition.
        ///
        /// Cheap to clone (one `Arc`); share it between tasks.
        #[derive(Clone)]
        pub struct #ty {
            inner: ::std::sync::Arc<__Families>,
        }

        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name).field("families", &#n_all).finish_non_exhaustive()
            }
        }

        impl #ty {
            /// Exposed names of the families at the detailed level (every metric set by code), in schema order.
            pub const FAMILY_NAMES: [&'static str; #n] = [#(#names),*];

            /// Prometheus type of each family in [`Self::FAMILY_NAMES`]: counter, gauge or histogram.
            pub const FAMILY_TYPES: [&'static str; #n] = [#(#types),*];

            /// Exposed names of the families at the summary level (folded metrics and derived counts), in schema order.
            pub const SUMMARY_FAMILY_NAMES: [&'static str; #s_n] = [#(#s_names),*];

            /// Prometheus type of each family in [`Self::SUMMARY_FAMILY_NAMES`].
            pub const SUMMARY_FAMILY_TYPES: [&'static str; #s_n] = [#(#s_types),*];

            #[doc = #new_doc]
            pub fn new(#(#const_params),*) -> Self {
                #(#budget_inits)*
                #(#inits)*
                #(#scope_inits)*
                #ty {
                    inner: ::std::sync::Arc::new(__Families {
                        __constant: #rt::Constant::new(::std::vec![#(#const_pairs),*]),
                        #(#field_names,)*
                    }),
                }
            }

            /// Append the text exposition (format 0.0.4) of `level` to `out`, read straight from
            /// the series: what `/metrics` (detailed) and `/metrics/summary` serve.
            pub fn encode(&self, level: #rt::Level, out: &mut ::std::vec::Vec<u8>) {
                #rt::encode(&*self.inner, level, out)
            }

            /// The text exposition of `level`.
            pub fn exposition(&self, level: #rt::Level) -> ::std::string::String {
                let mut out = ::std::vec::Vec::new();
                self.encode(level, &mut out);
                ::std::string::String::from_utf8(out).unwrap_or_default()
            }

            #(#accessors)*

            #(#scope_methods)*
        }

        // `register` / `register_level` (prometheus 0.14) and `register_level_0_13`, when
        // raft-metrics has the feature for that version.
        ::raft_metrics::__bridge_0_14!(#ty, __FAMILIES, (#(#const_params),*), (#(#const_args),*));
        ::raft_metrics::__bridge_0_13!(#ty, __FAMILIES, (#(#const_params),*), (#(#const_args),*));

        impl #rt::Encode for #ty {
            fn encode_level(&self, level: #rt::Level, out: &mut ::std::vec::Vec<u8>) {
                self.encode(level, out)
            }
        }

        #(#scope_items)*
    }
}
