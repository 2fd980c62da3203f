//! The exposition: one descriptor per family (name, help, type, labels, how the summary level
//! folds it) and the generated `expose`, which hands each family to the runtime's sink in
//! schema order. The folding, counting and encoding are the runtime's.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::ctx::{buckets_ident, Ctx};
use super::rt;
use super::scope;
use crate::model::*;

pub(super) struct ExposeTokens {
    /// The bucket statics and `__FAMILIES`.
    pub descs: TokenStream,
    /// The body of `expose`.
    pub body: TokenStream,
}

/// Where a family's series are held: once per node, or in each instance of a scope.
fn scope_of<'a>(cx: &'a Ctx<'_>, m: &Metric) -> Option<&'a Scope> {
    if let Some(c) = &m.count {
        return cx.schema.scope(&c.scope);
    }
    if let Some(e) = &m.exceptions {
        return cx.schema.scope(&e.scope);
    }
    cx.schema.scopes.iter().find(|s| s.covers(m))
}

pub(super) fn expose(cx: &Ctx<'_>) -> ExposeTokens {
    let rt = rt();
    let statics = cx
        .schema
        .metrics
        .iter()
        .filter(|m| m.kind == MetricType::Histogram)
        .map(|m| {
            let b = buckets_ident(m);
            let n = m.buckets.len();
            let bounds = m.buckets.iter().map(|b| Literal::f64_suffixed(*b));
            quote!(static #b: [f64; #n] = [#(#bounds),*];)
        });
    let descs: Vec<TokenStream> = cx
        .schema
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| desc(cx, i, m))
        .collect();
    let n = descs.len();
    let snapshots = cx.schema.scopes.iter().map(|s| {
        let field = scope::names(s).map_field;
        quote!(let #field = self.#field.scoped();)
    });
    let calls = cx
        .schema
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| call(cx, i, m));
    ExposeTokens {
        descs: quote! {
            #(#statics)*
            static __FAMILIES: [#rt::FamilyDesc; #n] = [#(#descs),*];
        },
        body: quote! {
            #(#snapshots)*
            #(#calls)*
        },
    }
}

fn strs(v: &[String]) -> TokenStream {
    quote!(&[#(#v),*])
}

fn bools(v: impl Iterator<Item = bool>) -> TokenStream {
    let v: Vec<bool> = v.collect();
    quote!(&[#(#v),*])
}

fn op(o: FoldOp) -> TokenStream {
    let rt = rt();
    match o {
        FoldOp::Sum => quote!(#rt::Op::Sum),
        FoldOp::Max => quote!(#rt::Op::Max),
        FoldOp::Min => quote!(#rt::Op::Min),
        FoldOp::Avg => quote!(#rt::Op::Avg),
    }
}

/// One family's descriptor.
fn desc(cx: &Ctx<'_>, index: usize, m: &Metric) -> TokenStream {
    let rt = rt();
    let scope = scope_of(cx, m);
    let own: Vec<String> = match (scope, &m.count, &m.exceptions) {
        (_, Some(_), _) => Vec::new(),
        (_, _, Some(e)) => vec![e.label.clone()],
        (Some(s), None, None) => s.rest_labels(m),
        (None, None, None) => m.labels.clone(),
    };
    let combos = if !own.is_empty() && cx.all_enum(&own) && !m.is_derived() {
        let combos = cx.enum_combos(&own).into_iter().map(|c| strs(&c));
        quote!(&[#(#combos),*])
    } else {
        quote!(&[])
    };
    let les: Vec<String> = m.buckets.iter().map(|b| b.to_string()).collect();
    let (name, help) = (&m.exposed, &m.help);
    let kind = match m.kind {
        MetricType::Counter => quote!(#rt::Kind::Counter),
        MetricType::Gauge => quote!(#rt::Kind::Gauge),
        MetricType::Histogram => quote!(#rt::Kind::Histogram),
    };
    let scope_labels: &[String] = scope.map_or(&[], |s| &s.labels);
    let summary = match (&m.summary, &m.count) {
        _ if m.exceptions.is_some() => {
            let keep = bools(scope_labels.iter().map(|_| true));
            quote!(#rt::Fold::Fold { keep_scope: #keep, keep: &[], op: #rt::Op::Sum })
        }
        (_, Some(_)) => {
            let keep = bools(scope_labels.iter().map(|l| m.has_label(l)));
            quote!(#rt::Fold::Fold { keep_scope: #keep, keep: &[], op: #rt::Op::Sum })
        }
        (Summary::Absent, _) => quote!(#rt::Fold::Absent),
        (Summary::Fold { fold, .. }, _) if fold.is_empty() => quote!(#rt::Fold::Same),
        (Summary::Fold { fold, op: o }, _) => {
            let keep_scope = bools(scope_labels.iter().map(|l| !fold.contains(l)));
            let keep = bools(own.iter().map(|l| !fold.contains(l)));
            let o = op(*o);
            quote!(#rt::Fold::Fold { keep_scope: #keep_scope, keep: #keep, op: #o })
        }
    };
    let derived = m.is_derived();
    let own = strs(&own);
    let les = strs(&les);
    quote! {
        #rt::FamilyDesc {
            index: #index,
            name: #name,
            help: #help,
            kind: #kind,
            labels: #own,
            combos: #combos,
            les: #les,
            summary: #summary,
            derived: #derived,
        }
    }
}

/// The sink call that hands one family over.
fn call(cx: &Ctx<'_>, index: usize, m: &Metric) -> TokenStream {
    let name = format_ident!("{}", m.name);
    let desc = quote!(&__FAMILIES[#index]);
    let Some(s) = scope_of(cx, m) else {
        return quote!(w.node(#desc, &self.#name););
    };
    let n = scope::names(s);
    let (field, cells) = (&n.map_field, &n.cells);
    if let Some(e) = &m.exceptions {
        return exceptions_call(cx, s, e, desc, field, cells);
    }
    let rt = rt();
    match &m.count {
        Some(c) => {
            let when = cond(cx, s, &c.when);
            quote!(w.derived(#desc, &#field, |__c: &#cells, __w: &#rt::Window<'_>| #when);)
        }
        None => quote!(w.scoped(#desc, &#field, |__c: &#cells| &__c.#name);),
    }
}

/// An exceptions list: each listed count's condition, named by its value.
fn exceptions_call(
    cx: &Ctx<'_>,
    s: &Scope,
    e: &Exceptions,
    desc: TokenStream,
    field: &proc_macro2::Ident,
    cells: &proc_macro2::Ident,
) -> TokenStream {
    let rt = rt();
    let listed = e.conditions.iter().filter_map(|l| {
        let c = cx.schema.metric(&l.count)?.count.as_ref()?;
        let when = cond(cx, s, &c.when);
        let value = &l.value;
        Some(quote!(#rt::Listed { value: #value, when: &|__c: &#cells, __w: &#rt::Window<'_>| #when }))
    });
    let max = e.max_per_node as usize;
    quote!(w.exceptions(#desc, &#field, #max, &[#(#listed),*]);)
}

/// A derived count's condition as a Rust expression over one instance's cells.
fn cond(cx: &Ctx<'_>, s: &Scope, c: &Cond) -> TokenStream {
    match c {
        Cond::And(a, b) => {
            let (a, b) = (cond(cx, s, a), cond(cx, s, b));
            quote!((#a && #b))
        }
        Cond::Or(a, b) => {
            let (a, b) = (cond(cx, s, a), cond(cx, s, b));
            quote!((#a || #b))
        }
        Cond::Compare(a, o, b) => {
            let (a, b) = (operand(cx, s, a), operand(cx, s, b));
            let o: TokenStream = o.as_str().parse().unwrap_or_default();
            quote!((#a #o #b))
        }
    }
}

fn operand(cx: &Ctx<'_>, s: &Scope, o: &Operand) -> TokenStream {
    let rt = rt();
    match o {
        Operand::Number(v) => {
            let v = Literal::f64_suffixed(*v);
            quote!(#v)
        }
        Operand::Series { metric, matchers } => {
            let Some(m) = cx.schema.metric(metric) else {
                return quote!(0.0f64);
            };
            // Validation pinned every enum label: one series.
            let name = format_ident!("{metric}");
            if s.rest_labels(m).is_empty() {
                return quote!(#rt::num(&__c.#name));
            }
            match flat_indices(cx, s, m, matchers).first() {
                Some(i) => quote!(#rt::num(__c.#name.at(#i))),
                None => quote!(0.0f64),
            }
        }
        Operand::Increase {
            metric,
            matchers,
            seconds,
        } => {
            let Some(m) = cx.schema.metric(metric) else {
                return quote!(0.0f64);
            };
            let name = format_ident!("{metric}");
            let value = if s.rest_labels(m).is_empty() {
                quote!(#rt::num(&__c.#name))
            } else {
                let at = flat_indices(cx, s, m, matchers);
                quote!([#(#at),*].iter().map(|&i| #rt::num(__c.#name.at(i))).sum::<f64>())
            };
            let slot = window_slots(cx.schema)
                .iter()
                .position(|w| w == o)
                .unwrap_or(0);
            quote!(__w.increase(#slot, #seconds, #value))
        }
    }
}

/// The flat indices (in the family's enum order) of the series whose enum labels match
/// `matchers`; labels not pinned take every value.
fn flat_indices(cx: &Ctx<'_>, s: &Scope, m: &Metric, matchers: &[(String, String)]) -> Vec<usize> {
    s.rest_labels(m).iter().fold(vec![0usize], |acc, l| {
        let values = cx.label(l).enum_values().unwrap_or(&[]);
        let pinned = matchers
            .iter()
            .find(|(n, _)| n == l)
            .map(|(_, v)| v.as_str());
        let picks: Vec<usize> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| pinned.is_none_or(|p| p == v.value))
            .map(|(i, _)| i)
            .collect();
        acc.iter()
            .flat_map(|idx| picks.iter().map(move |p| idx * values.len() + p))
            .collect()
    })
}

/// Every windowed operand of the schema's derived conditions, each once, in schema order: its
/// position is its slot in an instance's windows.
pub(super) fn window_slots(schema: &Schema) -> Vec<Operand> {
    fn walk(c: &Cond, out: &mut Vec<Operand>) {
        match c {
            Cond::And(a, b) | Cond::Or(a, b) => {
                walk(a, out);
                walk(b, out);
            }
            Cond::Compare(a, _, b) => {
                for o in [a, b] {
                    if matches!(o, Operand::Increase { .. }) && !out.contains(o) {
                        out.push(o.clone());
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for c in schema.metrics.iter().filter_map(|m| m.count.as_ref()) {
        walk(&c.when, &mut out);
    }
    out
}

/// Is this family node-level (not in any scope's cells, not derived)?
pub(super) fn is_node_level(cx: &Ctx<'_>, m: &Metric) -> bool {
    scope_of(cx, m).is_none()
}
