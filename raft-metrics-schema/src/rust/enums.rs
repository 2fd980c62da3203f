//! One Rust enum per enum label, with the runtime's label traits.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::rt;
use crate::model::*;

pub(super) fn enum_item(label: &Label) -> TokenStream {
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
