//! One metric family: its field in the registry, its registration and its accessor; and the
//! run-time budget of each open label, shared by every family that uses it.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::ctx::{prom_types, shape, Ctx, Shape};
use super::{budget_ident, prom, rt};
use crate::model::*;

/// The tokens of one family, placed by `registry`.
pub(super) struct FamilyTokens {
    pub name: Ident,
    pub field: TokenStream,
    /// Statements of `register` that build and register the family.
    pub init: TokenStream,
    pub accessor: TokenStream,
}

/// The run-time budgets of the open labels.
pub(super) struct BudgetTokens {
    pub names: Vec<Ident>,
    pub fields: Vec<TokenStream>,
    pub inits: Vec<TokenStream>,
    /// Hooks that count folded values in the overflow metric, after it is registered.
    pub fold_counters: Vec<TokenStream>,
}

pub(super) fn budgets(cx: &Ctx<'_>) -> BudgetTokens {
    let rt = rt();
    let schema = cx.schema;
    let mut out = BudgetTokens {
        names: Vec::new(),
        fields: Vec::new(),
        inits: Vec::new(),
        fold_counters: Vec::new(),
    };
    let overflow = schema
        .overflow_metric
        .as_ref()
        .and_then(|o| schema.metric(o));
    for l in schema.open_labels() {
        let b = budget_ident(&l.name);
        let max = l.max_values.unwrap_or(u64::MAX);
        out.inits
            .push(quote!(let #b = ::std::sync::Arc::new(#rt::LabelBudget::new(#max));));
        out.fields
            .push(quote!(#b: ::std::sync::Arc<#rt::LabelBudget>));
        out.names.push(b.clone());
        if let Some(om) = overflow {
            let of = format_ident!("{}", om.name);
            // The overflow counter's enum value naming this label.
            let index = om
                .labels
                .first()
                .and_then(|x| schema.label(x))
                .and_then(|x| x.enum_values())
                .and_then(|v| v.iter().position(|v| v.value == l.name))
                .unwrap_or(0);
            out.fold_counters
                .push(quote!(#b.count_folds_in(::std::clone::Clone::clone(#of.at(#index)));));
        }
    }
    out
}

pub(super) fn family(cx: &Ctx<'_>, m: &Metric) -> FamilyTokens {
    let rt = rt();
    let p = prom();
    let name = format_ident!("{}", m.name);
    let exposed = &m.exposed;
    let help = &m.help;
    let types = prom_types(m);
    let (child, vec, builder) = (&types.child, &types.vec, &types.builder);
    let labels: Vec<&str> = m.labels.iter().map(String::as_str).collect();
    let doc = cx.metric_doc(m);
    // Registration errors name the family.
    let named = quote!(.map_err(|e| #rt::RegisterError::new(#exposed, e)));
    let opts = if m.kind == MetricType::Histogram {
        let buckets = m.buckets.iter().map(|b| Literal::f64_suffixed(*b));
        quote!(#p::HistogramOpts::new(#exposed, #help).const_labels(__const_labels.clone()).buckets(vec![#(#buckets),*]))
    } else {
        quote!(#p::Opts::new(#exposed, #help).const_labels(__const_labels.clone()))
    };
    let (field, init, accessor) = match shape(cx, m) {
        Shape::Plain => (
            quote!(#name: #child),
            quote! {
                let #name = <#child>::with_opts(#opts)#named?;
                __reg.add(&#name)?;
            },
            quote! {
                #doc
                #[inline]
                pub fn #name(&self) -> &#child {
                    &self.inner.#name
                }
            },
        ),
        Shape::Enum => {
            let combos = cx.enum_combos(&m.labels);
            let n = combos.len();
            let combo_lits = combos.iter().map(|c| quote!(&[#(#c),*]));
            let params = cx.params(&m.labels);
            let index = cx.enum_index(&m.labels);
            (
                // Inline in the families struct: one load less than a boxed slice.
                quote!(#name: #rt::EnumArray<#child, #n>),
                quote! {
                    let #name = {
                        let __children = #rt::Children::new(<#vec>::new(#opts, &[#(#labels),*])#named?);
                        __reg.add(&__children)?;
                        let __detached = <#child>::with_opts(#opts)#named?;
                        let __combos: [&[&str]; #n] = [#(#combo_lits),*];
                        #rt::EnumArray::from_fn(|__i| {
                            __children
                                .child(__combos[__i])
                                .unwrap_or_else(|_| ::std::clone::Clone::clone(&__detached))
                        })
                    };
                },
                quote! {
                    #doc
                    #[inline]
                    pub fn #name(&self, #(#params),*) -> &#child {
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
            (
                quote!(#name: #rt::Family<(#(#owned,)*), #builder>),
                quote! {
                    let #name = {
                        let __children = #rt::Children::new(<#vec>::new(#opts, &[#(#labels),*])#named?);
                        __reg.add(&__children)?;
                        let __detached = <#child>::with_opts(#opts)#named?;
                        #rt::Family::new(__children, __detached, ::std::vec![#(#budgets),*])
                    };
                },
                quote! {
                    #doc
                    #[inline]
                    pub fn #name(&self, #(#params),*) -> #child {
                        self.inner.#name.get((#(#ids,)*))
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
