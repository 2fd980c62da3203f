//! `include_schema!("path/to/metrics-schema.toml")`: a thin shell over `raft-metrics-schema`.
//! It reads the file, lets the library parse, validate and emit, and turns every error into
//! a `compile_error!` that names `FILE:LINE:COL`.

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, LitStr};

/// Expand a schema file into the typed metrics API.
///
/// The path is resolved against the invoking crate's `CARGO_MANIFEST_DIR`; when no file is
/// there, against the directory of the source file that invokes the macro. The file is tracked,
/// so editing it rebuilds the crate.
#[proc_macro]
pub fn include_schema(input: TokenStream) -> TokenStream {
    let lit = parse_macro_input!(input as LitStr);
    let rel = lit.value();
    let path = resolve(&rel, &proc_macro::Span::call_site());
    let abs = path.to_string_lossy().into_owned();
    // `include_bytes!` makes cargo and rustc rebuild when the schema changes.
    let track = quote! { const _: &[u8] = include_bytes!(#abs); };
    if !path.is_file() {
        let msg =
            format!("no schema file at {abs} (the path is relative to the crate's Cargo.toml)");
        return quote::quote_spanned! { lit.span() => compile_error!(#msg); }.into();
    }
    match raft_metrics_schema::load(&path, &rel) {
        Ok((schema, _warnings)) => {
            let code = raft_metrics_schema::rust::emit(&schema);
            quote! { #track #code }.into()
        }
        Err(report) => {
            let errors = report.errors().map(|d| {
                let msg = report.render_compact(d);
                quote::quote_spanned! { lit.span() => compile_error!(#msg); }
            });
            let track = if path.exists() { track } else { quote!() };
            quote! { #track #(#errors)* }.into()
        }
    }
}

fn resolve(rel: &str, span: &proc_macro::Span) -> PathBuf {
    let p = Path::new(rel);
    if p.is_absolute() {
        return p.to_path_buf();
    }
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let from_manifest = manifest.join(p);
    if from_manifest.exists() {
        return from_manifest;
    }
    if let Some(file) = span.local_file() {
        let from_file = file.parent().unwrap_or(Path::new("")).join(p);
        // rustc reports source paths relative to its working directory.
        let from_file = if from_file.is_relative() {
            std::env::current_dir().unwrap_or_default().join(from_file)
        } else {
            from_file
        };
        if from_file.exists() {
            return from_file;
        }
    }
    from_manifest
}
