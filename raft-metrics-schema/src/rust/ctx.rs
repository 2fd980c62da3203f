//! What every emitter part needs: the prometheus types of a metric and the label helpers
//! (parameters, budgets, enum indexes).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{budget_ident, prom, rt};
use crate::model::*;

/// The prometheus types behind a metric.
pub(super) struct PromTypes {
    /// One series (`IntCounter`).
    pub child: TokenStream,
    /// The labelled family (`IntCounterVec`).
    pub vec: TokenStream,
    /// The runtime's builder of the family's series.
    pub builder: TokenStream,
}

pub(super) fn prom_types(m: &Metric) -> PromTypes {
    let p = prom();
    match (m.kind, m.value) {
        (MetricType::Counter, ValueType::Int) => PromTypes {
            child: quote!(#p::IntCounter),
            vec: quote!(#p::IntCounterVec),
            builder: quote!(::raft_metrics::__rt::BuilderOf<#p::IntCounterVec>),
        },
        (MetricType::Counter, ValueType::Float) => PromTypes {
            child: quote!(#p::Counter),
            vec: quote!(#p::CounterVec),
            builder: quote!(::raft_metrics::__rt::BuilderOf<#p::CounterVec>),
        },
        (MetricType::Gauge, ValueType::Int) => PromTypes {
            child: quote!(#p::IntGauge),
            vec: quote!(#p::IntGaugeVec),
            builder: quote!(::raft_metrics::__rt::BuilderOf<#p::IntGaugeVec>),
        },
        (MetricType::Gauge, ValueType::Float) => PromTypes {
            child: quote!(#p::Gauge),
            vec: quote!(#p::GaugeVec),
            builder: quote!(::raft_metrics::__rt::BuilderOf<#p::GaugeVec>),
        },
        (MetricType::Histogram, _) => PromTypes {
            child: quote!(#p::Histogram),
            vec: quote!(#p::HistogramVec),
            builder: quote!(::raft_metrics::__rt::BuilderOf<#p::HistogramVec>),
        },
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
