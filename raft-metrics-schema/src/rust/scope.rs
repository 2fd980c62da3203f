//! One scope: the struct of an instance's series (`__PartitionCells`, one allocation per
//! partition), the bound handle type, the scope map in the registry, `partition()` and
//! `remove_partition()`, and the accessors of the metrics the scope covers. The behaviour
//! (lookup, budgets, removal, the handle's life) is the runtime's `ScopeMap`.

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::ctx::{owned_as_series, value_types, Ctx};
use super::rt;
use crate::model::*;

/// The tokens of one scope, placed by `registry`.
pub(super) struct ScopeTokens {
    /// The cells struct and the handle type.
    pub items: TokenStream,
    /// The registry field: the scope map.
    pub field: TokenStream,
    /// Statements of `new` that build the scope map.
    pub init: TokenStream,
    pub field_name: Ident,
    /// `scope()`, `remove_scope()` and the covered metrics' accessors on the registry type.
    pub methods: TokenStream,
}

/// The generated names of one scope.
pub(super) struct Names {
    pub handle: Ident,
    pub cells: Ident,
    pub map_field: Ident,
    pub remove_fn: Ident,
    pub scope_fn: Ident,
}

pub(super) fn names(s: &Scope) -> Names {
    let camel = s.name.to_upper_camel_case();
    Names {
        handle: format_ident!("{}Metrics", camel),
        cells: format_ident!("__{}Cells", camel),
        map_field: format_ident!("__scope_{}", s.name),
        remove_fn: format_ident!("remove_{}", s.name),
        scope_fn: format_ident!("{}", s.name),
    }
}

/// The metrics a scope's handle holds: those carrying every scope label, set by code.
pub(super) fn covered<'a>(cx: &'a Ctx<'_>, s: &'a Scope) -> impl Iterator<Item = &'a Metric> + 'a {
    cx.schema
        .metrics
        .iter()
        .filter(move |m| !m.is_derived() && s.covers(m))
}

/// What each covered metric adds.
#[derive(Default)]
struct Series {
    fields: Vec<TokenStream>,
    inits: Vec<TokenStream>,
    closes: Vec<TokenStream>,
    handle_methods: Vec<TokenStream>,
    accessors: Vec<TokenStream>,
}

pub(super) fn scope(cx: &Ctx<'_>, s: &Scope) -> ScopeTokens {
    let n = names(s);
    let mut acc = Series::default();
    for m in covered(cx, s) {
        series(cx, s, &n, m, &mut acc);
    }
    ScopeTokens {
        items: items(cx, s, &n, &acc),
        field: field(cx, s, &n),
        init: init(cx, s, &n, &acc),
        field_name: n.map_field.clone(),
        methods: methods(cx, s, &n, &acc),
    }
}

/// One covered metric: a field of the cells (one series, an array over the remaining enum
/// labels, or a map by the remaining open ones), its handle method and its accessor.
fn series(cx: &Ctx<'_>, s: &Scope, n: &Names, m: &Metric, acc: &mut Series) {
    let rt = rt();
    let name = format_ident!("{}", m.name);
    let types = value_types(m);
    let (series, stored, make) = (&types.series, &types.stored, &types.make);
    let rest = s.rest_labels(m);
    let doc = cx.metric_doc(m);
    let params = cx.params(&m.labels);
    let map = &n.map_field;
    let scope_ids = cx.idents(&s.labels);
    let entry = quote!(self.inner.#map.entry((#(#scope_ids,)*)));
    if rest.is_empty() {
        acc.fields.push(quote!(#name: #stored));
        acc.inits.push(quote!(#name: #make));
        acc.handle_methods.push(quote! {
            #doc
            #[inline]
            pub fn #name(&self) -> &#series {
                &self.h.cells().#name
            }
        });
        acc.accessors.push(quote! {
            #doc
            pub fn #name(&self, #(#params),*) -> #rt::Series<#series> {
                #rt::Series::project(#entry, |__e| -> &#series { &__e.cells().#name })
            }
        });
    } else if cx.all_enum(&rest) {
        let count = cx.enum_combos(&rest).len();
        let index = cx.enum_index(&rest);
        let rparams = cx.params(&rest);
        acc.fields
            .push(quote!(#name: #rt::EnumArray<#stored, #count>));
        acc.inits
            .push(quote!(#name: #rt::EnumArray::from_fn(|_| #make)));
        acc.handle_methods.push(quote! {
            #doc
            #[inline]
            pub fn #name(&self, #(#rparams),*) -> &#series {
                self.h.cells().#name.at(#index)
            }
        });
        acc.accessors.push(quote! {
            #doc
            pub fn #name(&self, #(#params),*) -> #rt::Series<#series> {
                let __i = #index;
                #rt::Series::project(#entry, |__e| -> &#series { __e.cells().#name.at(__i) })
            }
        });
    } else {
        let owned: Vec<_> = rest.iter().map(|l| cx.owned_ty(l)).collect();
        let budgets = cx.budgets(&rest, quote!());
        let rparams = cx.params(&rest);
        let rids = cx.idents(&rest);
        acc.fields
            .push(quote!(#name: #rt::Family<(#(#owned,)*), #stored>));
        acc.inits
            .push(quote!(#name: #rt::Family::new(|| #make, ::std::vec![#(#budgets),*])));
        acc.closes.push(quote!(self.#name.close();));
        let from_handle = owned_as_series(m, quote!(self.h.cells().#name.get((#(#rids,)*))));
        acc.handle_methods.push(quote! {
            #doc
            #[inline]
            pub fn #name(&self, #(#rparams),*) -> #rt::Series<#series> {
                #from_handle
            }
        });
        let from_entry = owned_as_series(m, quote!(#entry.cells().#name.get((#(#rids,)*))));
        acc.accessors.push(quote! {
            #doc
            pub fn #name(&self, #(#params),*) -> #rt::Series<#series> {
                #from_entry
            }
        });
    }
}

/// The scope's key type: its labels' stored types.
fn key_ty(cx: &Ctx<'_>, s: &Scope) -> TokenStream {
    let owned = s.labels.iter().map(|l| cx.owned_ty(l));
    quote!((#(#owned,)*))
}

/// The cells struct and the handle type.
fn items(cx: &Ctx<'_>, s: &Scope, n: &Names, acc: &Series) -> TokenStream {
    let rt = rt();
    let Names {
        handle,
        cells,
        remove_fn,
        ..
    } = n;
    let key = key_ty(cx, s);
    let (fields, closes, methods) = (&acc.fields, &acc.closes, &acc.handle_methods);
    let handle_doc = format!(
        " Metrics bound to one {} ({}): its series are resolved once, so an update costs one load and one atomic operation.\n\n {}\n\n Clones share the handle. When the last clone is dropped, or on `{}::{remove_fn}`, the {}'s series leave the exposition; a handle kept after `{remove_fn}` records into series that are never exposed.",
        s.name,
        s.labels.join(", "),
        s.help,
        cx.schema.type_name,
        s.name
    );
    quote! {
        #[doc(hidden)]
        pub struct #cells {
            #(#fields,)*
        }

        impl #rt::Cells for #cells {
            fn close(&self) {
                #(#closes)*
            }
        }

        #[doc = #handle_doc]
        #[derive(Clone, Debug)]
        pub struct #handle {
            h: #rt::Handle<#key, #cells>,
        }

        impl #handle {
            #(#methods)*
        }
    }
}

fn field(cx: &Ctx<'_>, s: &Scope, n: &Names) -> TokenStream {
    let rt = rt();
    let (map, cells) = (&n.map_field, &n.cells);
    let key = key_ty(cx, s);
    quote!(#map: ::std::sync::Arc<#rt::ScopeMap<#key, #cells>>)
}

/// `let __scope_partition = ...;` in `new`: the map, with a maker of instances that holds the
/// budgets their open-labelled maps need.
fn init(cx: &Ctx<'_>, s: &Scope, n: &Names, acc: &Series) -> TokenStream {
    let rt = rt();
    let (map, cells) = (&n.map_field, &n.cells);
    let names = &s.labels;
    let scope_budgets = cx.budgets(&s.labels, quote!());
    let captured: Vec<Ident> = covered(cx, s)
        .flat_map(|m| s.rest_labels(m))
        .filter(|l| cx.label(l).is_open())
        .map(|l| super::budget_ident(&l))
        .fold(Vec::new(), |mut v, b| {
            if !v.contains(&b) {
                v.push(b);
            }
            v
        });
    let inits = &acc.inits;
    quote! {
        let #map = {
            #(let #captured = ::std::sync::Arc::clone(&#captured);)*
            ::std::sync::Arc::new(#rt::ScopeMap::new(
                &[#(#names),*],
                ::std::vec![#(#scope_budgets),*],
                ::std::boxed::Box::new(move || #cells { #(#inits,)* }),
            ))
        };
    }
}

/// `scope()` and `remove_scope()`, and the accessors of the covered metrics.
fn methods(cx: &Ctx<'_>, s: &Scope, n: &Names, acc: &Series) -> TokenStream {
    let Names {
        handle,
        map_field,
        remove_fn,
        scope_fn,
        ..
    } = n;
    let params = cx.params(&s.labels);
    let ids = cx.idents(&s.labels);
    let scope_fn_doc = format!(" The bound handle of the {} with these labels, created on first use and shared while any clone lives.", s.name);
    let remove_doc = format!(
        " Remove every series of the {} with these labels from the exposition.",
        s.name
    );
    let accessors = &acc.accessors;
    quote! {
        #[doc = #scope_fn_doc]
        pub fn #scope_fn(&self, #(#params),*) -> #handle {
            #handle { h: self.inner.#map_field.handle((#(#ids,)*)) }
        }

        #[doc = #remove_doc]
        pub fn #remove_fn(&self, #(#params),*) {
            self.inner.#map_field.remove((#(#ids,)*));
        }

        #(#accessors)*
    }
}
