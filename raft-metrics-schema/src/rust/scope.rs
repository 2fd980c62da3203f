//! One scope's bound handle: the handle type, its series (inline "hot" ones and shared maps),
//! the scope map in the registry, and `scope()`/`remove_scope()`.

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::ctx::{prom_types, Ctx};
use super::rt;
use crate::model::*;

/// The tokens of one scope, placed by `registry`.
pub(super) struct ScopeTokens {
    /// The handle type and its inner types.
    pub items: TokenStream,
    /// The registry fields: the handle maps (exact and folded scopes).
    pub field: TokenStream,
    pub init: TokenStream,
    /// `scope()` and `remove_scope()` on the registry type.
    pub methods: TokenStream,
    /// The removal shared by `remove_scope()` and a handle's drop.
    pub families_methods: TokenStream,
}

/// The generated names of one scope.
pub(super) struct Names {
    pub handle: Ident,
    inner_ty: Ident,
    hot_ty: Ident,
    handles_field: Ident,
    overflow_field: Ident,
    pub remove_fn: Ident,
    remove_impl: Ident,
    pub scope_fn: Ident,
}

pub(super) fn names(s: &Scope) -> Names {
    let camel = s.name.to_upper_camel_case();
    Names {
        handle: format_ident!("{}Metrics", camel),
        inner_ty: format_ident!("__{}Inner", camel),
        hot_ty: format_ident!("__{}Hot", camel),
        handles_field: format_ident!("__handles_{}", s.name),
        overflow_field: format_ident!("__overflow_handles_{}", s.name),
        remove_fn: format_ident!("remove_{}", s.name),
        remove_impl: format_ident!("__remove_{}", s.name),
        scope_fn: format_ident!("{}", s.name),
    }
}

/// What each metric of the scope adds to the handle.
#[derive(Default)]
struct Series {
    hot_fields: Vec<TokenStream>,
    hot_inits: Vec<TokenStream>,
    inner_fields: Vec<TokenStream>,
    inner_inits: Vec<TokenStream>,
    handle_methods: Vec<TokenStream>,
    removals: Vec<TokenStream>,
    hand_overs: Vec<TokenStream>,
    closes: Vec<TokenStream>,
}

/// Admission of the scope's open labels to their budgets, and their release.
struct Budgets {
    admit: Vec<TokenStream>,
    release_new: TokenStream,
    release_drop: TokenStream,
}

fn budgets(cx: &Ctx<'_>, s: &Scope) -> Budgets {
    let rt = rt();
    // (index in the scope, budget) of each open scope label.
    let scope_budgets = cx.open_positions(&s.labels);
    let admit: Vec<TokenStream> = scope_budgets
        .iter()
        .map(|(i, b)| {
            quote! {
                if !self.inner.#b.acquire(&__scope[#i]) {
                    __scope[#i] = ::std::string::String::from(#rt::OVERFLOW);
                    __folded = true;
                }
            }
        })
        .collect();
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

    Budgets {
        admit,
        release_new,
        release_drop,
    }
}

pub(super) fn scope(cx: &Ctx<'_>, s: &Scope) -> ScopeTokens {
    let n = names(s);
    let mut acc = Series::default();
    // Series without open labels left live inline in every handle ("hot"): an update is one
    // load and one atomic, as with a pre-resolved prometheus child. The rest are shared.
    for m in cx.schema.metrics.iter().filter(|m| s.covers(m)) {
        series(cx, s, m, &mut acc);
    }
    ScopeTokens {
        items: items(cx, s, &n, &acc),
        field: field(cx, s, &n),
        init: {
            let (h, o) = (&n.handles_field, &n.overflow_field);
            quote! {
                #h: ::std::default::Default::default(),
                #o: ::std::default::Default::default()
            }
        },
        methods: methods(cx, s, &n, &acc),
        families_methods: {
            let (remove_impl, inner_ty, removals) = (&n.remove_impl, &n.inner_ty, &acc.removals);
            quote! {
                fn #remove_impl(&self, __v: &[&str], __handle: ::std::option::Option<&#inner_ty>) {
                    #(#removals)*
                }
            }
        },
    }
}

/// One metric's series in the handle: inline when no open label is left, a map otherwise.
fn series(cx: &Ctx<'_>, s: &Scope, m: &Metric, acc: &mut Series) {
    let rt = rt();
    let name = format_ident!("{}", m.name);
    let child = prom_types(m).child;
    let rest = s.rest_labels(m);
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
    acc.removals
        .push(quote!(self.#name.remove_where(&[#(#sel),*]);));
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
        acc.hot_fields.push(quote!(#name: #child));
        // No open labels remain, so `full` never reads its argument.
        let f = full(quote!());
        acc.hot_inits
            .push(quote!(#name: root.#name.child_by_values(&#f)));
        let fv = full_v(quote!());
        acc.removals.push(quote!(self.#name.remove_exact(&#fv);));
        acc.handle_methods.push(quote! {
            #doc
            #[inline]
            pub fn #name(&self) -> &#child {
                &self.hot.#name
            }
        });
    } else if cx.all_enum(&rest) {
        let combos = cx.enum_combos(&rest);
        let n = combos.len();
        acc.hot_fields
            .push(quote!(#name: #rt::EnumArray<#child, #n>));
        let f = full(quote!(__c));
        let combo_lits: Vec<_> = combos.iter().map(|c| quote!(&[#(#c),*])).collect();
        let fv = full_v(quote!(__c));
        acc.removals.push(quote! {
            for __c in [#(#combo_lits),*] as [&[&str]; #n] {
                self.#name.remove_exact(&#fv);
            }
        });
        acc.hot_inits.push(quote! {
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
        acc.handle_methods.push(quote! {
            #doc
            #[inline]
            pub fn #name(&self, #(#rparams),*) -> &#child {
                self.hot.#name.at(#index)
            }
        });
    } else {
        let rowned: Vec<_> = rest.iter().map(|l| cx.owned_ty(l)).collect();
        acc.inner_fields
            .push(quote!(#name: #rt::SeriesMap<(#(#rowned,)*), #child>));
        let budgets = cx.budgets(&rest, quote!(root.));
        acc.inner_inits.push(
            quote!(#name: #rt::SeriesMap::new(::std::clone::Clone::clone(root.#name.detached()), ::std::vec![#(#budgets),*])),
        );
        let rparams = cx.params(&rest);
        let rids = cx.idents(&rest);
        let f = full(quote!(__r));
        let fv = full_v(quote!(__r));
        acc.closes.push(quote! {
            self.#name.close(|__r| self.root.#name.remove_exact(&#fv));
        });
        acc.hand_overs.push(quote! {
            self.#name.hand_over(&__to.#name, |__r| self.root.#name.remove_exact(&#fv));
        });
        acc.removals.push(quote! {
            if let ::std::option::Option::Some(__h) = __handle {
                __h.#name.close(|__r| self.#name.remove_exact(&#fv));
            }
        });
        acc.handle_methods.push(quote! {
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

/// The scope's key: its labels as parameters, owned key fields and borrowed views.
struct Key {
    params: Vec<TokenStream>,
    ids: Vec<Ident>,
    owned: Vec<TokenStream>,
    key_fields: Vec<Ident>,
    borrowed: Vec<TokenStream>,
    n_scope: usize,
}

fn key(cx: &Ctx<'_>, s: &Scope) -> Key {
    let key_fields: Vec<Ident> = (0..s.labels.len())
        .map(|i| format_ident!("__k{}", i))
        .collect();
    let borrowed = s
        .labels
        .iter()
        .zip(&key_fields)
        .map(|(l, k)| match cx.label(l).kind {
            LabelKind::Str => quote!(&*self.#k),
            _ => quote!(self.#k),
        })
        .collect();
    Key {
        params: cx.params(&s.labels),
        ids: cx.idents(&s.labels),
        owned: s.labels.iter().map(|l| cx.owned_ty(l)).collect(),
        key_fields,
        borrowed,
        n_scope: s.labels.len(),
    }
}

/// The handle type, its inline and shared parts, and its drop (removal or hand-over).
fn items(cx: &Ctx<'_>, s: &Scope, n: &Names, acc: &Series) -> TokenStream {
    let Names {
        handle,
        inner_ty,
        hot_ty,
        handles_field,
        overflow_field,
        remove_fn,
        remove_impl,
        ..
    } = n;
    let Key {
        owned,
        key_fields,
        borrowed,
        n_scope,
        ..
    } = &key(cx, s);
    let Series {
        hot_fields,
        inner_fields,
        handle_methods,
        hand_overs,
        closes,
        ..
    } = acc;
    let release_drop = budgets(cx, s).release_drop;
    let handle_doc = format!(
        " Metrics bound to one {} ({}): every series is resolved once, so updates cost a plain atomic operation.\n\n {}\n\n Clones share the handle. When the last clone is dropped, or on `RaftMetrics::{remove_fn}`, the {}'s series leave the exposition; a handle kept after `{remove_fn}` records into detached series.",
        s.name,
        s.labels.join(", "),
        s.help,
        s.name
    );
    quote! {
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
    }
}

fn field(cx: &Ctx<'_>, s: &Scope, n: &Names) -> TokenStream {
    let rt = rt();
    let (handles_field, overflow_field, inner_ty) =
        (&n.handles_field, &n.overflow_field, &n.inner_ty);
    let Key { owned, n_scope, .. } = &key(cx, s);
    quote! {
        #handles_field: #rt::parking_lot::Mutex<#rt::KeyMap<(#(#owned,)*), ::std::sync::Weak<#inner_ty>>>,
        #overflow_field: #rt::parking_lot::Mutex<::std::collections::HashMap<[::std::string::String; #n_scope], ::std::sync::Weak<#inner_ty>>>
    }
}

/// `scope()` (find or create the handle, admitting its open labels) and `remove_scope()`.
fn methods(cx: &Ctx<'_>, s: &Scope, n: &Names, acc: &Series) -> TokenStream {
    let rt = rt();
    let Names {
        handle,
        inner_ty,
        hot_ty,
        handles_field,
        overflow_field,
        remove_fn,
        remove_impl,
        scope_fn,
    } = n;
    let Key {
        params,
        ids,
        key_fields,
        n_scope,
        ..
    } = &key(cx, s);
    let Series {
        hot_inits,
        inner_inits,
        ..
    } = acc;
    let Budgets {
        admit, release_new, ..
    } = budgets(cx, s);
    let scope_fn_doc = format!(" The bound handle of the {} with these labels, created on first use and shared while any clone lives.", s.name);
    let remove_doc = format!(
        " Remove every series of the {} with these labels from the exposition.",
        s.name
    );
    quote! {
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
    }
}
