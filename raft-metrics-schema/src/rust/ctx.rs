//! What every emitter part needs: the prometheus types of a metric and the label helpers
//! (parameters, budgets, enum indexes).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{budget_ident, rt};
use crate::model::*;

/// The runtime types behind a metric.
pub(super) struct ValueTypes {
    /// What accessors return a reference to (`IntCounter`, `Histogram`).
    pub series: TokenStream,
    /// What is stored (`IntCounter`, `HistogramN<13>`).
    pub stored: TokenStream,
    /// An expression making a fresh stored series.
    pub make: TokenStream,
}

/// The static holding a histogram's upper bounds.
pub(super) fn buckets_ident(m: &Metric) -> proc_macro2::Ident {
    format_ident!("__BUCKETS_{}", m.name.to_uppercase())
}

pub(super) fn value_types(m: &Metric) -> ValueTypes {
    let rt = rt();
    let plain = |t: TokenStream| ValueTypes {
        series: t.clone(),
        stored: t.clone(),
        make: quote!(#t::new()),
    };
    match (m.kind, m.value) {
        (MetricType::Counter, ValueType::Int) => plain(quote!(#rt::IntCounter)),
        (MetricType::Counter, ValueType::Float) => plain(quote!(#rt::Counter)),
        (MetricType::Gauge, ValueType::Int) => plain(quote!(#rt::IntGauge)),
        (MetricType::Gauge, ValueType::Float) => plain(quote!(#rt::Gauge)),
        (MetricType::Histogram, _) => {
            let n = m.buckets.len() + 1;
            let b = buckets_ident(m);
            ValueTypes {
                series: quote!(#rt::Histogram),
                stored: quote!(#rt::HistogramN<#n>),
                make: quote!(#rt::HistogramN::<#n>::new(&#b)),
            }
        }
    }
}

/// An owned series of the stored type as the public one (a histogram loses its bucket count).
pub(super) fn owned_as_series(m: &Metric, owned: TokenStream) -> TokenStream {
    let rt = rt();
    let series = value_types(m).series;
    if m.kind == MetricType::Histogram {
        quote!(#rt::Series::map(#owned, |__h| -> &#series { __h }))
    } else {
        owned
    }
}

pub(super) struct Ctx<'a> {
    pub schema: &'a Schema,
}

impl Ctx<'_> {
    pub(super) fn label(&self, name: &str) -> &Label {
        self.schema
            .label(name)
            .expect("validated schema: every metric label is defined")
    }

    pub(super) fn param_ty(&self, name: &str) -> TokenStream {
        match &self.label(name).kind {
            LabelKind::Enum { type_name, .. } => {
                let t = format_ident!("{}", type_name);
                quote!(#t)
            }
            LabelKind::Str => quote!(&str),
            LabelKind::U32 => quote!(u32),
            LabelKind::U64 => quote!(u64),
        }
    }

    pub(super) fn owned_ty(&self, name: &str) -> TokenStream {
        match &self.label(name).kind {
            LabelKind::Str => quote!(::std::boxed::Box<str>),
            _ => self.param_ty(name),
        }
    }

    pub(super) fn is_enum(&self, name: &str) -> bool {
        self.label(name).enum_values().is_some()
    }

    pub(super) fn enum_len(&self, name: &str) -> usize {
        self.label(name).enum_values().map_or(0, |v| v.len())
    }

    pub(super) fn all_enum(&self, labels: &[String]) -> bool {
        labels.iter().all(|l| self.is_enum(l))
    }

    /// `#[doc]` lines shared by accessors.
    pub(super) fn metric_doc(&self, m: &Metric) -> TokenStream {
        let mut lines = vec![
            format!(" {}", m.help),
            String::new(),
            format!(
                " `{}` — {}{}, unit: {}.",
                m.exposed,
                m.kind.as_str(),
                if m.kind == MetricType::Histogram {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        match m.value {
                            ValueType::Int => "integer",
                            ValueType::Float => "float",
                        }
                    )
                },
                m.unit.as_str()
            ),
        ];
        if !m.labels.is_empty() {
            lines.push(format!(
                " Labels: {}.",
                m.labels
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if m.kind == MetricType::Histogram {
            lines.push(format!(" Buckets: {:?}.", m.buckets));
        }
        if let Some(old) = &m.old_name {
            lines.push(format!(
                " Replaces `{}_{old}`{}.",
                self.schema.namespace,
                m.old_unit
                    .as_ref()
                    .map(|u| format!(" (which was in {u})"))
                    .unwrap_or_default()
            ));
        }
        if let Some(note) = &m.note {
            lines.push(format!(" Note: {note}"));
        }
        quote!(#(#[doc = #lines])*)
    }

    pub(super) fn params(&self, labels: &[String]) -> Vec<TokenStream> {
        labels
            .iter()
            .map(|l| {
                let id = format_ident!("{}", l);
                let ty = self.param_ty(l);
                quote!(#id: #ty)
            })
            .collect()
    }

    pub(super) fn idents(&self, labels: &[String]) -> Vec<proc_macro2::Ident> {
        labels.iter().map(|l| format_ident!("{}", l)).collect()
    }

    /// Position among `labels` and budget field of each open label.
    pub(super) fn open_positions(&self, labels: &[String]) -> Vec<(usize, proc_macro2::Ident)> {
        labels
            .iter()
            .enumerate()
            .filter(|(_, l)| self.label(l).is_open())
            .map(|(i, l)| (i, budget_ident(l)))
            .collect()
    }

    /// `(position, budget)` for each open label among `labels`; `root` prefixes the budget
    /// (empty inside `register`, `root.` in a handle).
    pub(super) fn budgets(&self, labels: &[String], root: TokenStream) -> Vec<TokenStream> {
        self.open_positions(labels)
            .into_iter()
            .map(|(i, b)| quote!((#i, ::std::sync::Arc::clone(&#root #b))))
            .collect()
    }

    /// Flattened index of enum labels (the last varies fastest).
    pub(super) fn enum_index(&self, labels: &[String]) -> TokenStream {
        let rt = rt();
        let parts = labels.iter().map(|l| {
            let id = format_ident!("{}", l);
            let n = self.enum_len(l);
            quote!((#id as usize, #n))
        });
        quote!(#rt::flat_index(&[#(#parts),*]))
    }

    /// Every combination of enum values, as arrays of `&'static str`, in flat-index order.
    pub(super) fn enum_combos(&self, labels: &[String]) -> Vec<Vec<String>> {
        let mut combos: Vec<Vec<String>> = vec![Vec::new()];
        for l in labels {
            let values = self.label(l).enum_values().unwrap_or(&[]);
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    values.iter().map(move |v| {
                        let mut c = c.clone();
                        c.push(v.value.clone());
                        c
                    })
                })
                .collect();
        }
        combos
    }
}

/// How a metric's series are held: one series, an array over enum values, or a map.
pub(super) enum Shape {
    Plain,
    Enum,
    Dynamic,
}

pub(super) fn shape(cx: &Ctx<'_>, m: &Metric) -> Shape {
    if m.labels.is_empty() {
        Shape::Plain
    } else if cx.all_enum(&m.labels) {
        Shape::Enum
    } else {
        Shape::Dynamic
    }
}
