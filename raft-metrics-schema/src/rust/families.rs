//! One node-level family (a metric no scope covers): its field in the registry, its
//! construction and its accessor; and the run-time budget of each open label, shared by every
//! family and scope that uses it.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::ctx::{owned_as_series, shape, value_types, Ctx, Shape};
use super::{budget_ident, rt};
use crate::model::*;

/// The tokens of one family, placed by `registry`.
pub(super) struct FamilyTokens {
    pub name: Ident,
    pub field: TokenStream,
    /// Statements of `new` that build the family.
    pub init: TokenStream,
    pub accessor: TokenStream,
}

/// The run-time budgets of the open labels.
pub(super) struct BudgetTokens {
    pub names: Vec<Ident>,
    pub fields: Vec<TokenStream>,
    pub inits: Vec<TokenStream>,
}

pub(super) fn budgets(cx: &Ctx<'_>) -> BudgetTokens {
    let rt = rt();
    let mut out = BudgetTokens {
        names: Vec::new(),
        fields: Vec::new(),
        inits: Vec::new(),
    };
    for l in cx.schema.open_labels() {
        let b = budget_ident(&l.name);
        let max = l.max_values.unwrap_or(u64::MAX);
        out.inits
            .push(quote!(let #b = ::std::sync::Arc::new(#rt::LabelBudget::new(#max));));
        out.fields
            .push(quote!(#b: ::std::sync::Arc<#rt::LabelBudget>));
        out.names.push(b);
    }
    out
}

/// The overflow metric's series are the budgets' own fold counts: one per value of its enum
/// label that names an open label, a plain counter for the others.
fn overflow_series(cx: &Ctx<'_>, m: &Metric) -> TokenStream {
    let rt = rt();
    let open: Vec<String> = cx.schema.open_labels().map(|l| l.name.clone()).collect();
    let items = cx.enum_combos(&m.labels).into_iter().map(|combo| {
        match combo.first().filter(|v| open.contains(v)) {
            Some(v) => {
                let b = budget_ident(v);
                quote!(#b.folds())
            }
            None => quote!(::std::sync::Arc::new(#rt::IntCounter::new())),
        }
    });
    quote!(#rt::EnumArray::from_array([#(#items),*]))
}

pub(super) fn family(cx: &Ctx<'_>, m: &Metric) -> FamilyTokens {
    let rt = rt();
    let name = format_ident!("{}", m.name);
    let types = value_types(m);
    let (series, stored, make) = (&types.series, &types.stored, &types.make);
    let doc = cx.metric_doc(m);
    let overflow = cx.schema.overflow_metric.as_deref() == Some(m.name.as_str());
    let (field, init, accessor) = match shape(cx, m) {
        Shape::Plain => (
            quote!(#name: #stored),
            quote!(let #name = #make;),
            quote! {
                #doc
                #[inline]
                pub fn #name(&self) -> &#series {
                    &self.inner.#name
                }
            },
        ),
        Shape::Enum if overflow => {
            let n = cx.enum_combos(&m.labels).len();
            let params = cx.params(&m.labels);
            let index = cx.enum_index(&m.labels);
            let series_init = overflow_series(cx, m);
            (
                quote!(#name: #rt::EnumArray<::std::sync::Arc<#rt::IntCounter>, #n>),
                quote!(let #name = #series_init;),
                quote! {
                    #doc
                    #[inline]
                    pub fn #name(&self, #(#params),*) -> &#series {
                        self.inner.#name.at(#index)
                    }
                },
            )
        }
        Shape::Enum => {
            let n = cx.enum_combos(&m.labels).len();
            let params = cx.params(&m.labels);
            let index = cx.enum_index(&m.labels);
            (
                // Inline in the families struct: one load, then the atomic.
                quote!(#name: #rt::EnumArray<#stored, #n>),
                quote!(let #name = #rt::EnumArray::from_fn(|_| #make);),
                quote! {
                    #doc
                    #[inline]
                    pub fn #name(&self, #(#params),*) -> &#series {
                        self.inner.#name.at(#index)
                    }
                },
            )
        }
        Shape::Dynamic => {
            let owned: Vec<_> = m.labels.iter().map(|l| cx.owned_ty(l)).collect();
            let budgets = cx.budgets(&m.labels, quote!());
            let params = cx.params(&m.labels);
            let ids = cx.idents(&m.labels);
            let get = owned_as_series(m, quote!(self.inner.#name.get((#(#ids,)*))));
            (
                quote!(#name: #rt::Family<(#(#owned,)*), #stored>),
                quote!(let #name = #rt::Family::new(|| #make, ::std::vec![#(#budgets),*]);),
                quote! {
                    #doc
                    #[inline]
                    pub fn #name(&self, #(#params),*) -> #rt::Series<#series> {
                        #get
                    }
                },
            )
        }
    };
    FamilyTokens {
        name,
        field,
        init,
        accessor,
    }
}
