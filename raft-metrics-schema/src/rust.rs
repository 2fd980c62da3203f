//! Schema model → Rust tokens: label enums, the `RaftMetrics` registry type with one typed
//! accessor per metric, and one bound handle type per scope.

use heck::ToUpperCamelCase;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::*;

fn rt() -> TokenStream {
    quote!(::raft_metrics::__rt)
}

fn prom() -> TokenStream {
    quote!(::raft_metrics::__rt::prometheus)
}

/// Prometheus types for a metric: (child metric, vector, vector builder).
fn prom_types(m: &Metric) -> (TokenStream, TokenStream, TokenStream) {
    let p = prom();
    match (m.kind, m.value) {
        (MetricType::Counter, ValueType::Int) => (
            quote!(#p::IntCounter),
            quote!(#p::IntCounterVec),
            quote!(::raft_metrics::__rt::BuilderOf<#p::IntCounterVec>),
        ),
        (MetricType::Counter, ValueType::Float) => (
            quote!(#p::Counter),
            quote!(#p::CounterVec),
            quote!(::raft_metrics::__rt::BuilderOf<#p::CounterVec>),
        ),
        (MetricType::Gauge, ValueType::Int) => (
            quote!(#p::IntGauge),
            quote!(#p::IntGaugeVec),
            quote!(::raft_metrics::__rt::BuilderOf<#p::IntGaugeVec>),
        ),
        (MetricType::Gauge, ValueType::Float) => (
            quote!(#p::Gauge),
            quote!(#p::GaugeVec),
            quote!(::raft_metrics::__rt::BuilderOf<#p::GaugeVec>),
        ),
        (MetricType::Histogram, _) => (
            quote!(#p::Histogram),
            quote!(#p::HistogramVec),
            quote!(::raft_metrics::__rt::BuilderOf<#p::HistogramVec>),
        ),
    }
}

struct Ctx<'a> {
    schema: &'a Schema,
}

impl Ctx<'_> {
    fn label(&self, name: &str) -> &Label {
        self.schema
            .label(name)
            .expect("validated schema: every metric label is defined")
    }

    fn param_ty(&self, name: &str) -> TokenStream {
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

    fn owned_ty(&self, name: &str) -> TokenStream {
        match &self.label(name).kind {
            LabelKind::Str => quote!(::std::boxed::Box<str>),
            _ => self.param_ty(name),
        }
    }

    fn is_enum(&self, name: &str) -> bool {
        self.label(name).enum_values().is_some()
    }

    fn enum_len(&self, name: &str) -> usize {
        self.label(name).enum_values().map_or(0, |v| v.len())
    }

    fn all_enum(&self, labels: &[String]) -> bool {
        labels.iter().all(|l| self.is_enum(l))
    }

    /// `#[doc]` lines shared by accessors.
    fn metric_doc(&self, m: &Metric) -> TokenStream {
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

    fn params(&self, labels: &[String]) -> Vec<TokenStream> {
        labels
            .iter()
            .map(|l| {
                let id = format_ident!("{}", l);
                let ty = self.param_ty(l);
                quote!(#id: #ty)
            })
            .collect()
    }

    fn idents(&self, labels: &[String]) -> Vec<proc_macro2::Ident> {
        labels.iter().map(|l| format_ident!("{}", l)).collect()
    }

    /// Position among `labels` and budget field of each open label.
    fn open_positions(&self, labels: &[String]) -> Vec<(usize, proc_macro2::Ident)> {
        labels
            .iter()
            .enumerate()
            .filter(|(_, l)| self.label(l).is_open())
            .map(|(i, l)| (i, budget_ident(l)))
            .collect()
    }

    /// `(position, budget)` for each open label among `labels`; `root` prefixes the budget
    /// (empty inside `register`, `root.` in a handle).
    fn budgets(&self, labels: &[String], root: TokenStream) -> Vec<TokenStream> {
        self.open_positions(labels)
            .into_iter()
            .map(|(i, b)| quote!((#i, ::std::sync::Arc::clone(&#root #b))))
            .collect()
    }

    /// Flattened index of enum labels (the last varies fastest).
    fn enum_index(&self, labels: &[String]) -> TokenStream {
        let rt = rt();
        let parts = labels.iter().map(|l| {
            let id = format_ident!("{}", l);
            let n = self.enum_len(l);
            quote!((#id as usize, #n))
        });
        quote!(#rt::flat_index(&[#(#parts),*]))
    }

    /// Every combination of enum values, as arrays of `&'static str`, in flat-index order.
    fn enum_combos(&self, labels: &[String]) -> Vec<Vec<String>> {
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

fn enum_item(label: &Label) -> TokenStream {
    let LabelKind::Enum { type_name, values } = &label.kind else {
        return quote!();
    };
    let rt = rt();
    let ty = format_ident!("{}", type_name);
    let variants: Vec<_> = values
        .iter()
        .map(|v| format_ident!("{}", v.variant))
        .collect();
    let strs: Vec<_> = values.iter().map(|v| v.value.as_str()).collect();
    let docs: Vec<String> = strs
        .iter()
        .map(|s| format!(" Exposed as `{}=\"{s}\"`.", label.name))
        .collect();
    let n = values.len();
    let lname = &label.name;
    let doc = format!(" {}", label.help);
    let doc2 = format!(" Values of the `{}` label.", label.name);
    let idx: Vec<_> = (0..n).map(Literal::usize_unsuffixed).collect();
    quote! {
        #[doc = #doc]
        #[doc = ""]
        #[doc = #doc2]
        #[doc = ""]
        #[doc = " Non-exhaustive: adding a value to the schema is a compatible change (`diff` says so),"]
        #[doc = " so a `match` outside this crate needs a `_` arm."]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #ty {
            #(#[doc = #docs] #variants = #idx,)*
        }

        impl #ty {
            /// Every value, in schema order.
            pub const ALL: [#ty; #n] = [#(#ty::#variants),*];

            /// The exposed label value.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#ty::#variants => #strs,)*
                }
            }
        }

        impl ::std::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #ty {
            type Err = #rt::UnknownLabelValue;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                match s {
                    #(#strs => ::std::result::Result::Ok(#ty::#variants),)*
                    _ => ::std::result::Result::Err(#rt::UnknownLabelValue::new(#lname, s)),
                }
            }
        }

        impl #rt::LabelPart for #ty {
            type Owned = #ty;
            #[inline]
            fn to_owned_part(self) -> #ty { self }
            #[inline]
            fn eq_owned(self, owned: &#ty) -> bool { self == *owned }
            #[inline]
            fn as_label<'s>(self, _: &'s mut #rt::itoa::Buffer) -> &'s str where Self: 's { self.as_str() }
        }

        impl #rt::OwnedPart for #ty {
            fn eq_label(&self, value: &str) -> bool { self.as_str() == value }
            fn label<'s>(&'s self, _: &'s mut #rt::itoa::Buffer) -> &'s str { self.as_str() }
        }
    }
}

enum Shape {
    Plain,
    Enum,
    Dynamic,
}

fn shape(cx: &Ctx<'_>, m: &Metric) -> Shape {
    if m.labels.is_empty() {
        Shape::Plain
    } else if cx.all_enum(&m.labels) {
        Shape::Enum
    } else {
        Shape::Dynamic
    }
}

fn budget_ident(label: &str) -> proc_macro2::Ident {
    format_ident!("__budget_{}", label)
}

pub fn emit(schema: &Schema) -> TokenStream {
    let cx = Ctx { schema };
    let rt = rt();
    let p = prom();
    let enums = schema.labels.iter().map(enum_item);

    let mut fields = Vec::new();
    let mut inits = Vec::new();
    let mut field_names = Vec::new();
    let mut accessors = Vec::new();
    let const_labels: Vec<&Label> = schema.constant_labels().collect();
    let const_params: Vec<TokenStream> = const_labels
        .iter()
        .map(|l| {
            let id = format_ident!("{}", l.name);
            let ty = cx.param_ty(&l.name);
            quote!(#id: #ty)
        })
        .collect();
    let const_fmt: Vec<TokenStream> = const_labels
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

    // One run-time budget per open label, shared by every family and handle that uses it.
    let mut budget_inits = Vec::new();
    let mut fold_counters = Vec::new();
    for l in schema.open_labels() {
        let b = budget_ident(&l.name);
        let max = l.max_values.unwrap_or(u64::MAX);
        budget_inits.push(quote!(let #b = ::std::sync::Arc::new(#rt::LabelBudget::new(#max));));
        fields.push(quote!(#b: ::std::sync::Arc<#rt::LabelBudget>));
        field_names.push(b.clone());
        if let Some(om) = schema
            .overflow_metric
            .as_ref()
            .and_then(|o| schema.metric(o))
        {
            let of = format_ident!("{}", om.name);
            let index = om
                .labels
                .first()
                .and_then(|x| schema.label(x))
                .and_then(|x| x.enum_values())
                .and_then(|v| v.iter().position(|v| v.value == l.name))
                .unwrap_or(0);
            fold_counters
                .push(quote!(#b.count_folds_in(::std::clone::Clone::clone(#of.at(#index)));));
        }
    }

    for m in &schema.metrics {
        let name = format_ident!("{}", m.name);
        let exposed = &m.exposed;
        let help = &m.help;
        let (child, vec, builder) = prom_types(m);
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
        field_names.push(name.clone());
        match shape(&cx, m) {
            Shape::Plain => {
                fields.push(quote!(#name: #child));
                inits.push(quote! {
                    let #name = <#child>::with_opts(#opts)#named?;
                    __reg.add(&#name)?;
                });
                accessors.push(quote! {
                    #doc
                    #[inline]
                    pub fn #name(&self) -> &#child {
                        &self.inner.#name
                    }
                });
            }
            Shape::Enum => {
                let combos = cx.enum_combos(&m.labels);
                let n = combos.len();
                let combo_lits = combos.iter().map(|c| quote!(&[#(#c),*]));
                // Inline in the families struct: one load less than a boxed slice.
                fields.push(quote!(#name: #rt::EnumArray<#child, #n>));
                inits.push(quote! {
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
                });
                let params = cx.params(&m.labels);
                let index = cx.enum_index(&m.labels);
                accessors.push(quote! {
                    #doc
                    #[inline]
                    pub fn #name(&self, #(#params),*) -> &#child {
                        self.inner.#name.at(#index)
                    }
                });
            }
            Shape::Dynamic => {
                let owned: Vec<_> = m.labels.iter().map(|l| cx.owned_ty(l)).collect();
                let budgets = cx.budgets(&m.labels, quote!());
                fields.push(quote!(#name: #rt::Family<(#(#owned,)*), #builder>));
                inits.push(quote! {
                    let #name = {
                        let __children = #rt::Children::new(<#vec>::new(#opts, &[#(#labels),*])#named?);
                        __reg.add(&__children)?;
                        let __detached = <#child>::with_opts(#opts)#named?;
                        #rt::Family::new(__children, __detached, ::std::vec![#(#budgets),*])
                    };
                });
                let params = cx.params(&m.labels);
                let ids = cx.idents(&m.labels);
                accessors.push(quote! {
                    #doc
                    #[inline]
                    pub fn #name(&self, #(#params),*) -> #child {
                        self.inner.#name.get((#(#ids,)*))
                    }
                });
            }
        }
    }

    let mut scope_items = Vec::new();
    let mut scope_fields = Vec::new();
    let mut scope_inits = Vec::new();
    let mut scope_methods = Vec::new();
    let mut families_methods = Vec::new();
    for s in &schema.scopes {
        let (items, field, init, methods, fam_methods) = scope(&cx, s);
        scope_items.push(items);
        scope_fields.push(field);
        scope_inits.push(init);
        scope_methods.push(methods);
        families_methods.push(fam_methods);
    }

    let exposed_names: Vec<&str> = schema.metrics.iter().map(|m| m.exposed.as_str()).collect();
    let family_types: Vec<&str> = schema.metrics.iter().map(|m| m.kind.as_str()).collect();
    let n_metrics = exposed_names.len();
    let register_doc_params = if const_labels.is_empty() {
        String::new()
    } else {
        format!(
            " `{}` become constant labels on every series.",
            const_labels
                .iter()
                .map(|l| l.name.as_str())
                .collect::<Vec<_>>()
                .join("`, `")
        )
    };
    let register_doc = format!(
        " Create and register all {n_metrics} metric families on `registry`.{register_doc_params}\n\n Errors (never panics) if a name is already taken in the registry, naming that family; the registry is then left as it was."
    );

    quote! {
        #(#enums)*

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
        pub struct RaftMetrics {
            inner: ::std::sync::Arc<__Families>,
        }

        impl ::std::fmt::Debug for RaftMetrics {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("RaftMetrics").field("families", &#n_metrics).finish_non_exhaustive()
            }
        }

        impl RaftMetrics {
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
                ::std::result::Result::Ok(RaftMetrics {
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

/// Tokens for one scope: (handle type items, registry field, field init, RaftMetrics methods,
/// __Families methods).
fn scope(
    cx: &Ctx<'_>,
    s: &Scope,
) -> (
    TokenStream,
    TokenStream,
    TokenStream,
    TokenStream,
    TokenStream,
) {
    let rt = rt();
    let camel = s.name.to_upper_camel_case();
    let handle = format_ident!("{}Metrics", camel);
    let inner_ty = format_ident!("__{}Inner", camel);
    let hot_ty = format_ident!("__{}Hot", camel);
    let handles_field = format_ident!("__handles_{}", s.name);
    let remove_fn = format_ident!("remove_{}", s.name);
    let remove_impl = format_ident!("__remove_{}", s.name);
    let scope_fn = format_ident!("{}", s.name);
    let params = cx.params(&s.labels);
    let ids = cx.idents(&s.labels);
    let owned: Vec<_> = s.labels.iter().map(|l| cx.owned_ty(l)).collect();
    let key_fields: Vec<_> = (0..s.labels.len())
        .map(|i| format_ident!("__k{}", i))
        .collect();
    let borrowed: Vec<TokenStream> = s
        .labels
        .iter()
        .zip(&key_fields)
        .map(|(l, k)| match cx.label(l).kind {
            LabelKind::Str => quote!(&*self.#k),
            _ => quote!(self.#k),
        })
        .collect();
    let n_scope = s.labels.len();
    let overflow_field = format_ident!("__overflow_handles_{}", s.name);
    // (index in the scope, budget) of each open scope label.
    let scope_budgets = cx.open_positions(&s.labels);
    let admit = scope_budgets.iter().map(|(i, b)| {
        quote! {
            if !self.inner.#b.acquire(&__scope[#i]) {
                __scope[#i] = ::std::string::String::from(#rt::OVERFLOW);
                __folded = true;
            }
        }
    });
    let release_with = |root: TokenStream| {
        let parts = scope_budgets.iter().map(|(i, b)| {
            quote! {
                if __scope[#i] != #rt::OVERFLOW {
                    #root.#b.release(&__scope[#i]);
                }
            }
        });
        quote!(#(#parts)*)
    };
    let release_new = release_with(quote!(self.inner));
    let release_drop = release_with(quote!(self.root));

    // Series without open labels left live inline in every handle ("hot"): an update is one
    // load and one atomic, as with a pre-resolved prometheus child. The rest are shared.
    let mut hot_fields = Vec::new();
    let mut hot_inits = Vec::new();
    let mut inner_fields = Vec::new();
    let mut inner_inits = Vec::new();
    let mut handle_methods = Vec::new();
    let mut removals = Vec::new();
    let mut hand_overs = Vec::new();
    let mut closes = Vec::new();
    for m in cx
        .schema
        .metrics
        .iter()
        .filter(|m| s.labels.iter().all(|l| m.has_label(l)))
    {
        let name = format_ident!("{}", m.name);
        let (child, _, _) = prom_types(m);
        let rest: Vec<String> = m
            .labels
            .iter()
            .filter(|l| !s.labels.contains(l))
            .cloned()
            .collect();
        let doc = cx.metric_doc(m);
        // Position in the metric's labels of each scope label, and where each value comes from.
        let positions: Vec<usize> = s
            .labels
            .iter()
            .map(|l| m.labels.iter().position(|x| x == l).unwrap_or(0))
            .collect();
        let sel = positions
            .iter()
            .enumerate()
            .map(|(i, p)| quote!((#p, __v[#i])));
        // Series created through the top-level accessor with this scope's values.
        removals.push(quote!(self.#name.remove_where(&[#(#sel),*]);));
        // Builds the full label values in metric order from scope values (`__scope` strings in
        // a handle, `__v` on removal) and `__r` (rest).
        let full_from = |scope_src: TokenStream, rest_src: TokenStream| {
            let parts = m.labels.iter().map(|l| {
                if let Some(i) = s.labels.iter().position(|x| x == l) {
                    quote!(&*#scope_src[#i])
                } else {
                    let j = rest.iter().position(|x| x == l).unwrap_or(0);
                    quote!(#rest_src[#j])
                }
            });
            quote!([#(#parts),*])
        };
        let full = |rest_src: TokenStream| full_from(quote!(__scope), rest_src);
        let full_v = |rest_src: TokenStream| full_from(quote!(__v), rest_src);
        if rest.is_empty() {
            hot_fields.push(quote!(#name: #child));
            // No open labels remain, so `full` never reads its argument.
            let f = full(quote!());
            hot_inits.push(quote!(#name: root.#name.child_by_values(&#f)));
            let fv = full_v(quote!());
            removals.push(quote!(self.#name.remove_exact(&#fv);));
            handle_methods.push(quote! {
                #doc
                #[inline]
                pub fn #name(&self) -> &#child {
                    &self.hot.#name
                }
            });
        } else if cx.all_enum(&rest) {
            let combos = cx.enum_combos(&rest);
            let n = combos.len();
            hot_fields.push(quote!(#name: #rt::EnumArray<#child, #n>));
            let f = full(quote!(__c));
            let combo_lits: Vec<_> = combos.iter().map(|c| quote!(&[#(#c),*])).collect();
            let fv = full_v(quote!(__c));
            removals.push(quote! {
                for __c in [#(#combo_lits),*] as [&[&str]; #n] {
                    self.#name.remove_exact(&#fv);
                }
            });
            hot_inits.push(quote! {
                #name: {
                    let __combos: [&[&str]; #n] = [#(#combo_lits),*];
                    #rt::EnumArray::from_fn(|__i| {
                        let __c = __combos[__i];
                        root.#name.child_by_values(&#f)
                    })
                }
            });
            let rparams = cx.params(&rest);
            let index = cx.enum_index(&rest);
            handle_methods.push(quote! {
                #doc
                #[inline]
                pub fn #name(&self, #(#rparams),*) -> &#child {
                    self.hot.#name.at(#index)
                }
            });
        } else {
            let rowned: Vec<_> = rest.iter().map(|l| cx.owned_ty(l)).collect();
            inner_fields.push(quote!(#name: #rt::SeriesMap<(#(#rowned,)*), #child>));
            let budgets = cx.budgets(&rest, quote!(root.));
            inner_inits.push(
                quote!(#name: #rt::SeriesMap::new(::std::clone::Clone::clone(root.#name.detached()), ::std::vec![#(#budgets),*])),
            );
            let rparams = cx.params(&rest);
            let rids = cx.idents(&rest);
            let f = full(quote!(__r));
            let fv = full_v(quote!(__r));
            closes.push(quote! {
                self.#name.close(|__r| self.root.#name.remove_exact(&#fv));
            });
            hand_overs.push(quote! {
                self.#name.hand_over(&__to.#name, |__r| self.root.#name.remove_exact(&#fv));
            });
            removals.push(quote! {
                if let ::std::option::Option::Some(__h) = __handle {
                    __h.#name.close(|__r| self.#name.remove_exact(&#fv));
                }
            });
            handle_methods.push(quote! {
                #doc
                #[inline]
                pub fn #name(&self, #(#rparams),*) -> #child {
                    let __scope = &self.inner.__scope;
                    let root = &self.inner.root;
                    self.inner.#name.get((#(#rids,)*), |__r| root.#name.child_by_values(&#f))
                }
            });
        }
    }

    let handle_doc = format!(
        " Metrics bound to one {} ({}): every series is resolved once, so updates cost a plain atomic operation.\n\n {}\n\n Clones share the handle. When the last clone is dropped, or on `RaftMetrics::{remove_fn}`, the {}'s series leave the exposition; a handle kept after `{remove_fn}` records into detached series.",
        s.name,
        s.labels.join(", "),
        s.help,
        s.name
    );
    let scope_fn_doc = format!(" The bound handle of the {} with these labels, created on first use and shared while any clone lives.", s.name);
    let remove_doc = format!(
        " Remove every series of the {} with these labels from the exposition.",
        s.name
    );
    let items = quote! {
        #[doc = #handle_doc]
        #[derive(Clone)]
        pub struct #handle {
            hot: #hot_ty,
            inner: ::std::sync::Arc<#inner_ty>,
        }

        #[doc(hidden)]
        #[derive(Clone)]
        pub struct #hot_ty {
            #(#hot_fields,)*
        }

        impl ::std::fmt::Debug for #handle {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!(#handle)).field("labels", &self.inner.__scope).finish_non_exhaustive()
            }
        }

        #[doc(hidden)]
        pub struct #inner_ty {
            root: ::std::sync::Arc<__Families>,
            // Scope values past their label's budget were folded into `__overflow__`: the handle
            // is shared by every such scope and lives in the overflow map.
            __folded: bool,
            // What new clones of the handle copy.
            hot: #hot_ty,
            #(#key_fields: #owned,)*
            __scope: [::std::string::String; #n_scope],
            #(#inner_fields,)*
        }

        impl #handle {
            #(#handle_methods)*
        }

        impl ::std::ops::Drop for #inner_ty {
            fn drop(&mut self) {
                let __me: *const #inner_ty = self;
                let __scope = &self.__scope;
                let __v: ::std::vec::Vec<&str> = __scope.iter().map(|s| s.as_str()).collect();
                // Both locks, in `partition()`'s order, for the whole removal: a handle of the
                // same scope created meanwhile finds every series removed or handed over.
                let mut __map = self.root.#handles_field.lock();
                let mut __omap = self.root.#overflow_field.lock();
                let __key = (#(#borrowed,)*);
                let __slot = if self.__folded { __omap.get(__scope) } else { __map.get(&__key) };
                let __mine = __slot.is_some_and(|w| ::std::ptr::eq(w.as_ptr(), __me));
                // A newer handle of the scope, created while this one was being dropped.
                let __newer = if __mine { ::std::option::Option::None } else { __slot.and_then(::std::sync::Weak::upgrade) };
                if __mine {
                    if self.__folded {
                        __omap.remove(__scope);
                    } else {
                        __map.remove(&__key);
                    }
                    self.root.#remove_impl(&__v, ::std::option::Option::Some(self));
                } else if let ::std::option::Option::Some(__to) = &__newer {
                    #(#hand_overs)*
                } else {
                    // Removed by `#remove_fn` (closed already), or the slot's handle is being
                    // dropped too and removes the rest.
                    #(#closes)*
                }
                drop(__omap);
                drop(__map);
                // Possibly the newer handle's last clone: its Drop takes the locks released above.
                drop(__newer);
                #release_drop
            }
        }
    };
    let field = quote! {
        #handles_field: #rt::parking_lot::Mutex<#rt::KeyMap<(#(#owned,)*), ::std::sync::Weak<#inner_ty>>>,
        #overflow_field: #rt::parking_lot::Mutex<::std::collections::HashMap<[::std::string::String; #n_scope], ::std::sync::Weak<#inner_ty>>>
    };
    let init = quote! {
        #handles_field: ::std::default::Default::default(),
        #overflow_field: ::std::default::Default::default()
    };
    let methods = quote! {
        #[doc = #scope_fn_doc]
        pub fn #scope_fn(&self, #(#params),*) -> #handle {
            let mut __map = self.inner.#handles_field.lock();
            let __key = (#(#ids,)*);
            if let ::std::option::Option::Some(inner) = __map.get(&__key).and_then(::std::sync::Weak::upgrade) {
                return #handle { hot: ::std::clone::Clone::clone(&inner.hot), inner };
            }
            let mut __scope: [::std::string::String; #n_scope] = #rt::LabelKey::with_labels(__key, |v| ::std::array::from_fn(|i| v[i].to_string()));
            let mut __folded = false;
            #(#admit)*
            let mut __overflow = if __folded {
                let __omap = self.inner.#overflow_field.lock();
                if let ::std::option::Option::Some(inner) = __omap.get(&__scope).and_then(::std::sync::Weak::upgrade) {
                    // The live folded handle holds admissions of its own.
                    #release_new
                    return #handle { hot: ::std::clone::Clone::clone(&inner.hot), inner };
                }
                ::std::option::Option::Some(__omap)
            } else {
                ::std::option::Option::None
            };
            let root = ::std::sync::Arc::clone(&self.inner);
            let inner = ::std::sync::Arc::new({
                let root = &*root;
                let __scope = &__scope;
                #inner_ty {
                    hot: #hot_ty { #(#hot_inits,)* },
                    #(#inner_inits,)*
                    #(#key_fields: #rt::LabelPart::to_owned_part(#ids),)*
                    __scope: __scope.clone(),
                    __folded,
                    root: ::std::sync::Arc::clone(&self.inner),
                }
            });
            match __overflow.as_mut() {
                ::std::option::Option::Some(__omap) => {
                    __omap.insert(__scope, ::std::sync::Arc::downgrade(&inner));
                }
                ::std::option::Option::None => {
                    *__map.get_or_insert_with(__key, ::std::sync::Weak::new) = ::std::sync::Arc::downgrade(&inner);
                }
            }
            #handle { hot: ::std::clone::Clone::clone(&inner.hot), inner }
        }

        #[doc = #remove_doc]
        pub fn #remove_fn(&self, #(#params),*) {
            let __key = (#(#ids,)*);
            // Under the handles lock: a handle created meanwhile gets fresh series. The live
            // handle, if any, is closed: series it is asked for later are never exposed.
            let mut __map = self.inner.#handles_field.lock();
            let __handle = __map.remove(&__key).and_then(|w| ::std::sync::Weak::upgrade(&w));
            #rt::LabelKey::with_labels(__key, |v| self.inner.#remove_impl(v, __handle.as_deref()));
            drop(__map);
            // Possibly the last clone: its Drop takes the lock released above.
            drop(__handle);
        }
    };
    let fam = quote! {
        fn #remove_impl(&self, __v: &[&str], __handle: ::std::option::Option<&#inner_ty>) {
            #(#removals)*
        }
    };
    (items, field, init, methods, fam)
}
